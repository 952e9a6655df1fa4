//! Files added to a brand and to a meeting from the window: dropped on the brand's page,
//! chosen on the meeting's papers page, each filed where it was added and listed there.

use super::{Dropped, coke, documents, open_at, sample_store};
use account_desk::domain::{Brand, Document, Meeting};
use account_desk::ui::model::{FilesPlace, MeetingTab, Route};
use egui_kittest::kittest::{NodeT, Queryable};
use std::sync::Arc;

/// The documents filed after the sample's.
fn filed_since(
    h: &egui_kittest::Harness<'static, account_desk::app::AccountDeskApp>,
    sample: usize,
) -> Vec<Document> {
    documents(h.state().store())
        .into_iter()
        .skip(sample)
        .collect()
}

/// The title proposed for the file waiting on the page.
fn pending_title(
    h: &egui_kittest::Harness<'static, account_desk::app::AccountDeskApp>,
) -> Option<String> {
    h.get_all_by_label("标题")
        .find(|n| n.accesskit_node().role() == egui::accesskit::Role::TextInput)
        .and_then(|n| n.value())
}

#[test]
fn a_file_dropped_on_a_brands_page_is_filed_with_the_brand_and_found_on_its_files_page() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = sample_store(&dir.path().join("desk.redb"));
    let client = coke(&store);
    let brand = store
        .all::<Brand>()
        .expect("brands")
        .into_iter()
        .find(|b| b.client_id == client.id)
        .expect("a brand of the sample's beverage client");
    let sample = documents(&store).len();
    let mut h = open_at(store, Route::Brand(brand.id));
    let guide = dir.path().join("品牌视觉规范_2026-03-02.pdf");
    std::fs::write(&guide, b"%PDF-1.4\n%%EOF\n").expect("guide");
    h.input_mut()
        .dropped_files
        .push(Arc::new(Dropped(guide.clone())));
    h.run();
    h.run();
    // The drop waits on the brand's files page, its title and date proposed from its name.
    assert_eq!(h.state().route(), Route::Files(FilesPlace::Brand(brand.id)));
    assert_eq!(
        pending_title(&h).as_deref(),
        Some("品牌视觉规范_2026-03-02")
    );
    assert!(
        filed_since(&h, sample).is_empty(),
        "nothing filed before it is confirmed"
    );
    h.get_by_label("归档").click();
    h.run();
    h.run();
    let filed = filed_since(&h, sample);
    assert_eq!(filed.len(), 1, "the guide is filed");
    let doc = &filed[0];
    assert_eq!(doc.brand_id, Some(brand.id));
    assert_eq!(doc.client_id, client.id);
    assert_eq!((doc.job_id, doc.meeting_id), (None, None));
    assert_eq!(doc.dated, chrono::NaiveDate::from_ymd_opt(2026, 3, 2));
    // Listed on the brand's page of files; its own page leads back there.
    h.get_by_label("品牌视觉规范_2026-03-02").click();
    h.run();
    assert_eq!(h.state().route(), Route::Document(doc.id));
    h.get_by_label("返回文件档案").click();
    h.run();
    assert_eq!(h.state().route(), Route::Files(FilesPlace::Brand(brand.id)));
    h.get_by_label("返回品牌").click();
    h.run();
    assert_eq!(h.state().route(), Route::Brand(brand.id));
    // The brand's page leads to its files by a button as well.
    h.get_by_label("文件档案").click();
    h.run();
    assert_eq!(h.state().route(), Route::Files(FilesPlace::Brand(brand.id)));
    assert_eq!(h.query_all_by_label("品牌视觉规范_2026-03-02").count(), 1);
}

#[test]
fn a_file_chosen_on_a_meetings_papers_page_is_filed_with_the_meeting() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = sample_store(&dir.path().join("desk.redb"));
    let meeting = store
        .all::<Meeting>()
        .expect("meetings")
        .into_iter()
        .next()
        .expect("a sample meeting");
    let sample = documents(&store).len();
    let mut h = open_at(store, Route::Meeting(meeting.id, MeetingTab::Details));
    h.get_by_label("会议文件").click();
    h.run();
    assert_eq!(
        h.state().route(),
        Route::Files(FilesPlace::Meeting(meeting.id))
    );
    let deck = dir.path().join("提案PPT终稿.pptx");
    std::fs::write(&deck, b"PK deck").expect("deck");
    h.input_mut()
        .dropped_files
        .push(Arc::new(Dropped(deck.clone())));
    h.run();
    h.run();
    h.get_by_label("归档").click();
    h.run();
    h.run();
    let filed = filed_since(&h, sample);
    assert_eq!(filed.len(), 1, "the deck is filed");
    let doc = &filed[0];
    assert_eq!(doc.meeting_id, Some(meeting.id));
    assert_eq!(doc.client_id, meeting.client_id);
    assert_eq!(doc.job_id, meeting.jobs.first().copied());
    assert_eq!(h.query_all_by_label("提案PPT终稿").count(), 1, "listed");
    h.get_by_label("返回会议").click();
    h.run();
    assert_eq!(
        h.state().route(),
        Route::Meeting(meeting.id, MeetingTab::Details)
    );
    // The original stays where it was.
    assert!(deck.exists());
}

#[test]
fn a_clients_files_are_exported_as_a_zip_in_the_background() {
    use account_desk::app::dialog::{SaveAnswer, SaveRequest};
    let dir = tempfile::tempdir().expect("temp dir");
    let store = sample_store(&dir.path().join("desk.redb"));
    let client = coke(&store);
    let filed = documents(&store)
        .into_iter()
        .filter(|d| d.client_id == client.id && d.trashed.is_none() && d.current().is_some())
        .count();
    assert!(filed > 0, "the sample's beverage client has documents");
    let mut h = open_at(store, Route::Files(FilesPlace::Client(client.id)));
    let target = dir.path().join("导出").join("可口可乐.zip");
    std::fs::create_dir_all(target.parent().expect("folder")).expect("folder");
    let offered = Arc::new(std::sync::Mutex::new(String::new()));
    let noted = Arc::clone(&offered);
    let answer = target.clone();
    h.state_mut()
        .set_save_dialog(Box::new(move |request: &SaveRequest<'_>| {
            if let Ok(mut o) = noted.lock() {
                *o = request.file_name.to_string();
            }
            SaveAnswer::Chosen(answer.clone())
        }));
    h.get_by_label("导出为 zip…").click();
    h.run();
    h.state().finish_archive_export();
    h.run();
    let offered = offered.lock().map(|o| o.clone()).unwrap_or_default();
    assert!(offered.starts_with("可口可乐 文件档案 "), "{offered}");
    assert!(offered.ends_with(".zip"), "{offered}");
    let said: Vec<String> = h
        .state()
        .notifications()
        .notes()
        .iter()
        .map(|n| n.text.clone())
        .collect();
    assert!(
        said.iter()
            .any(|t| t.starts_with(&format!("已导出 {filed} 个文件"))),
        "{said:?}"
    );
    let zip = zip::ZipArchive::new(std::fs::File::open(&target).expect("the zip")).expect("a zip");
    let names: Vec<String> = zip
        .file_names()
        .map(|n| n.map(|n| n.into_owned()).expect("a name"))
        .collect();
    assert!(names.iter().any(|n| n.ends_with("目录.csv")), "{names:?}");
    assert!(
        names.iter().filter(|n| n.starts_with("可口可乐/")).count() >= filed,
        "{names:?}"
    );
    // Asked again, the person agreed to replace it: the zip is written whole again.
    h.get_by_label("导出为 zip…").click();
    h.run();
    h.state().finish_archive_export();
    h.run();
    let again =
        zip::ZipArchive::new(std::fs::File::open(&target).expect("the zip")).expect("a zip");
    assert_eq!(again.len(), names.len());
    let left: Vec<_> = std::fs::read_dir(target.parent().expect("folder"))
        .expect("list")
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(left.len(), 1, "only the zip: {left:?}");
    // With no dialog to ask, the zip goes to the export folder, and never over a file there.
    let folder = dir.path().join("导出文件夹");
    std::fs::create_dir_all(&folder).expect("folder");
    h.state_mut().set_export_dir(folder.clone());
    h.state_mut()
        .set_save_dialog(Box::new(|_: &SaveRequest<'_>| SaveAnswer::Unavailable));
    let in_folder = || -> Vec<std::path::PathBuf> {
        std::fs::read_dir(&folder)
            .expect("list")
            .flatten()
            .map(|e| e.path())
            .collect()
    };
    for _ in 0..2 {
        h.get_by_label("导出为 zip…").click();
        h.run_steps(2);
        h.state().finish_archive_export();
        h.run_steps(2);
    }
    let written = in_folder();
    assert_eq!(written.len(), 1, "{written:?}");
    let first = std::fs::read(&written[0]).expect("the zip");
    assert!(zip::ZipArchive::new(std::io::Cursor::new(&first)).is_ok());
    let said: Vec<String> = h
        .state()
        .notifications()
        .notes()
        .iter()
        .map(|n| n.text.clone())
        .collect();
    assert!(
        said.iter().any(|t| t.contains("already exists")),
        "the second is refused: {said:?}"
    );
}

#[test]
fn a_file_dropped_on_a_jobs_schedule_waits_on_the_jobs_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = sample_store(&dir.path().join("desk.redb"));
    let job = super::jobs_under_way(&store).remove(0);
    let sample = documents(&store).len();
    let mut h = open_at(store, Route::Schedule(job.id));
    let quote = dir.path().join("摄影报价_2026-09-01.xlsx");
    std::fs::write(&quote, b"PK quote").expect("quote");
    h.input_mut()
        .dropped_files
        .push(Arc::new(Dropped(quote.clone())));
    h.run();
    h.run();
    assert_eq!(h.state().route(), Route::Files(FilesPlace::Job(job.id)));
    assert_eq!(pending_title(&h).as_deref(), Some("摄影报价_2026-09-01"));
    // Nothing is filed until it is confirmed.
    assert!(filed_since(&h, sample).is_empty());
}
