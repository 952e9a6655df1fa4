//! What the app files as it goes out, and a job's lifecycle from its page: a schedule
//! issued is filed, and a brief exported; a job cancelled with a reason; a job completed with its completion form,
//! then archivable.

use super::{documents, open_at, sample_store};
use account_desk::domain::{Document, Job};
use account_desk::ui::model::Route;
use egui_kittest::kittest::{NodeT, Queryable};

/// What the app makes and sends goes into the job file as it goes out: a schedule issued
/// to the client is filed as its client PDF, with the version in its title.
#[test]
fn a_schedule_issued_to_the_client_is_filed_in_the_job_file() {
    use account_desk::domain::document::DocumentKind;
    let dir = tempfile::tempdir().expect("temp dir");
    let store = sample_store(&dir.path().join("desk.redb"));
    let job = store
        .all::<Job>()
        .expect("jobs")
        .into_iter()
        .find(|j| {
            j.status != account_desk::domain::JobStatus::Archived
                && store.schedule(j.id).ok().flatten().is_some()
        })
        .expect("a job under way with a schedule");
    let issued = store.issued_schedules(job.id).expect("issued").len();
    let mut h = open_at(store, Route::Schedule(job.id));
    h.get_by_label(&format!("发给客户（v{}）", issued + 1))
        .click();
    h.run();
    let filed: Vec<Document> = documents(h.state().store())
        .into_iter()
        .filter(|d| d.job_id == Some(job.id) && d.kind == DocumentKind::Schedule)
        .collect();
    assert_eq!(filed.len(), 1, "{filed:?}");
    assert!(
        filed[0].title.contains(&format!("进度表 v{}", issued + 1)),
        "{}",
        filed[0].title
    );
    let file = &filed[0].versions[0].file;
    assert!(
        file.original_name.ends_with(".pdf"),
        "{}",
        file.original_name
    );
}

/// A job that never went into production is cancelled from its page only with a reason,
/// which the change log keeps.
#[test]
fn a_job_is_cancelled_from_its_page_with_a_reason() {
    use account_desk::domain::JobStatus;
    let dir = tempfile::tempdir().expect("temp dir");
    let store = sample_store(&dir.path().join("desk.redb"));
    let job = store
        .all::<Job>()
        .expect("jobs")
        .into_iter()
        .find(|j| j.status == JobStatus::Estimating)
        .expect("a job being estimated");
    let mut h = open_at(store, Route::Job(job.id));
    h.get_by_label("取消工作…").click();
    h.run();
    let confirm = "确认 取消工作";
    assert!(
        h.get_by_label(confirm).accesskit_node().is_disabled(),
        "not without a reason"
    );
    h.get_by_label("取消工作的理由").click();
    h.run();
    h.get_by_label("取消工作的理由").type_text("客户预算取消");
    h.run();
    h.get_by_label(confirm).click();
    h.run();
    let stored = h.state().store().get::<Job>(job.id.0).unwrap().unwrap();
    assert_eq!(stored.status, JobStatus::Archived);
    let log = h.state().store().read().unwrap().changes().unwrap();
    assert!(
        log.iter()
            .any(|c| c.summary.contains("取消工作：客户预算取消")),
        "the reason is in the change log"
    );
}

/// Completing a job asks for its completion form (what was delivered, the final cost, the
/// lessons): the job is completed and the form, made a PDF, is filed in its job file, after
/// which the job can be archived.
#[test]
fn completing_a_job_files_its_completion_form_and_lets_it_be_archived() {
    use account_desk::domain::JobStatus;
    use account_desk::domain::document::DocumentKind;
    let dir = tempfile::tempdir().expect("temp dir");
    let store = sample_store(&dir.path().join("desk.redb"));
    let job = store
        .all::<Job>()
        .expect("jobs")
        .into_iter()
        .find(|j| j.status == JobStatus::InProduction)
        .expect("a job in production");
    let mut h = open_at(store, Route::Job(job.id));
    h.get_by_label("→ 已完成…").click();
    h.run();
    let complete = "完成工作并归档完成表";
    assert!(h.get_by_label(complete).accesskit_node().is_disabled());
    h.get_by_label("交付内容").click();
    h.run();
    h.get_by_label("交付内容")
        .type_text("60 秒 TVC 1 支及 15 秒剪辑版 3 支");
    h.get_by_label("最终成本（含税）").click();
    h.run();
    h.get_by_label("最终成本（含税）").type_text("1250000");
    h.run();
    h.get_by_label(complete).click();
    h.run();
    let stored = h.state().store().get::<Job>(job.id.0).unwrap().unwrap();
    assert_eq!(stored.status, JobStatus::Completed);
    let forms: Vec<Document> = documents(h.state().store())
        .into_iter()
        .filter(|d| d.job_id == Some(job.id) && d.kind == DocumentKind::JobCompletion)
        .collect();
    assert_eq!(forms.len(), 1);
    let file = &forms[0].versions[0].file;
    let path = h.state().store().desk_files().path_of(&file.hash);
    let bytes = std::fs::read(path).expect("the form's PDF");
    let text: String = pdf_extract::extract_text_from_mem(&bytes)
        .expect("text")
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    assert!(text.contains("工作完成表"), "{text}");
    assert!(text.contains("60秒TVC1支及15秒剪辑版3支"), "{text}");
    assert!(text.contains(&job.number.text), "{text}");
    // With its form in the file, the job can go into the history archive.
    h.run();
    assert!(!h.get_by_label("→ 已归档").accesskit_node().is_disabled());
}

/// The history archive from the window: the sample's archived jobs (two completed and filed
/// away, one cancelled) are listed; narrowed to one client, only that client's stay; a job
/// opens on its page.
#[test]
fn the_history_archive_lists_the_archived_jobs_narrowed_by_client() {
    use account_desk::domain::{Client, JobStatus};
    use egui::accesskit::Role;
    let dir = tempfile::tempdir().expect("temp dir");
    let store = sample_store(&dir.path().join("desk.redb"));
    let jobs = store.all::<Job>().expect("jobs");
    let archived: Vec<&Job> = jobs
        .iter()
        .filter(|j| j.status == JobStatus::Archived)
        .collect();
    assert_eq!(
        archived.len(),
        3,
        "two completed and filed away, one cancelled"
    );
    // A client with one archived job, and the archived jobs of the others.
    let alone = archived
        .iter()
        .find(|j| {
            archived
                .iter()
                .filter(|k| k.client_id == j.client_id)
                .count()
                == 1
        })
        .expect("a client with one archived job");
    let clients = store.all::<Client>().expect("clients");
    let name = clients
        .iter()
        .find(|c| c.id == alone.client_id)
        .expect("its client")
        .display_name()
        .to_string();
    let mut h = open_at(store, Route::Clients);
    h.get_by_label("历史档案").click();
    h.run();
    assert_eq!(h.state().route(), Route::History);
    for j in &archived {
        h.get_by_label(&j.number.text);
    }
    assert!(
        h.query_by_label(
            &jobs
                .iter()
                .find(|j| j.status != JobStatus::Archived)
                .expect("open")
                .number
                .text
        )
        .is_none(),
        "only archived jobs"
    );
    h.get_all_by_label("客户")
        .find(|n| n.accesskit_node().role() == Role::ComboBox)
        .expect("the client picker")
        .click();
    h.run();
    // The option in the open list: the navigation's recent clients come before it.
    h.get_all_by_label(&name)
        .rfind(|n| n.accesskit_node().role() == Role::Button)
        .expect("the option")
        .click_accesskit();
    h.run();
    h.key_press(egui::Key::Escape);
    h.run();
    assert_eq!(h.state().route(), Route::History);
    for j in &archived {
        let shown = h.query_by_label(&j.number.text).is_some();
        assert_eq!(shown, j.client_id == alone.client_id, "{}", j.number.text);
    }
    h.get_by_label(&alone.number.text).click();
    h.run();
    assert_eq!(h.state().route(), Route::Job(alone.id));
}

#[test]
fn an_exported_brief_is_filed_in_the_job_file_once_for_each_version() {
    use account_desk::app::{SaveAnswer, SaveRequest};
    use account_desk::domain::document::DocumentKind;
    let dir = tempfile::tempdir().expect("temp dir");
    let store = sample_store(&dir.path().join("desk.redb"));
    let job = store
        .all::<Job>()
        .expect("jobs")
        .into_iter()
        .find(|j| {
            j.status != account_desk::domain::JobStatus::Archived
                && store.brief_versions(j.id).is_ok_and(|v| !v.is_empty())
        })
        .expect("a job under way with a brief");
    let version = store
        .brief_versions(job.id)
        .expect("versions")
        .iter()
        .map(|v| v.version)
        .max()
        .unwrap_or(0);
    let title = format!("{} 工作简要 v{version}", job.number.text);
    let filed = |store: &account_desk::store::Store| {
        documents(store)
            .into_iter()
            .filter(|d| d.job_id == Some(job.id) && d.kind == DocumentKind::Brief)
            .filter(|d| d.title == title)
            .count()
    };
    let mut h = open_at(store, Route::Job(job.id));
    // Tall enough for the brief under the job's details to be on screen.
    h.set_size(egui::vec2(1400.0, 2000.0));
    h.run();
    let out = dir.path().join("发给客户.pdf");
    let chosen = out.clone();
    h.state_mut()
        .set_save_dialog(Box::new(move |_: &SaveRequest<'_>| {
            SaveAnswer::Chosen(chosen.clone())
        }));
    let opened = std::sync::Arc::new(std::sync::Mutex::new(0));
    let counted = std::sync::Arc::clone(&opened);
    h.state_mut()
        .set_opener(Box::new(move |_: &std::path::Path| {
            *counted.lock().expect("count") += 1;
            Ok(())
        }));
    assert_eq!(filed(h.state().store()), 0);
    h.get_by_label("导出 PDF").click();
    h.run();
    assert!(out.is_file(), "the PDF was written where the person chose");
    assert_eq!(filed(h.state().store()), 1, "filed in the job file as sent");
    // Exported again, the same version is not filed twice.
    h.get_by_label("导出 PDF").click();
    h.run();
    assert_eq!(filed(h.state().store()), 1);
    assert_eq!(
        *opened.lock().expect("count"),
        2,
        "opened after each export"
    );
}
