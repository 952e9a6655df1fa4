//! The job file from the window: two files dropped on a job's files page wait with the kind,
//! title and date proposed from their names; the person corrects one kind and files both;
//! the search box finds one by a word of its title and opens its page, where it is put in
//! the trash with a reason and taken back with undo. A file chosen with the open dialog
//! that is already filed elsewhere is named, and filed here only when the person says so.
//! The search box finds a document by the words inside its file. The ad archive and the
//! library are in `ui_documents/archive.rs`, a job's lifecycle in `ui_documents/jobs.rs`,
//! the job file's whole round (filed, found by a word inside, its original lent and
//! returned) in `ui_documents/round.rs`.

use account_desk::app::{AccountDeskApp, Prefs};
use account_desk::domain::document::DocumentKind;
use account_desk::domain::{Document, Job};
use account_desk::store::Store;
use account_desk::ui::model::{FilesPlace, Route};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use std::path::{Path, PathBuf};
use std::sync::Arc;

#[path = "ui_documents/archive.rs"]
mod archive;
#[path = "ui_documents/jobs.rs"]
mod jobs;
#[path = "ui_documents/places.rs"]
mod places;
#[path = "ui_documents/round.rs"]
mod round;

pub(crate) fn sample_store(db: &Path) -> Store {
    let store = Store::open(db).expect("open store");
    let now = chrono::Utc::now();
    account_desk::demo::sample::load_sample(&store, now, now.date_naive()).expect("sample agency");
    store
}

fn harness(mut app: AccountDeskApp) -> Harness<'static, AccountDeskApp> {
    // Each frame lists the hits of what is typed, as the window does once they come.
    app.set_search_wait(std::time::Duration::from_secs(30));
    Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .with_context_setup(|ctx| {
            account_desk::ui::fonts::install_fonts(ctx);
            account_desk::ui::theme::apply(ctx);
        })
        .build_ui_state(|ui, app: &mut AccountDeskApp| app.frame_ui(ui), app)
}

/// The window on `store`, opened at `route`, after its first frame.
pub(crate) fn open_at(store: Store, route: Route) -> Harness<'static, AccountDeskApp> {
    let app = AccountDeskApp::new(
        store,
        Prefs {
            last_route: Some(route),
            ..Prefs::default()
        },
    );
    let mut h = harness(app);
    h.run();
    h
}

/// A file as the window system hands it over when dropped.
#[derive(Debug)]
struct Dropped(PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

/// The kinds shown in the pending rows' combo boxes, in order.
fn kinds(h: &Harness<'_, AccountDeskApp>) -> Vec<String> {
    h.get_all_by_label("类别")
        .filter(|n| n.accesskit_node().role() == egui::accesskit::Role::ComboBox)
        .map(|n| n.value().unwrap_or_default())
        .collect()
}

pub(crate) fn documents(store: &Store) -> Vec<Document> {
    store.all::<Document>().expect("documents")
}

/// The sample's beverage client, 可口可乐.
pub(crate) fn coke(store: &Store) -> account_desk::domain::Client {
    store
        .all::<account_desk::domain::Client>()
        .expect("clients")
        .into_iter()
        .find(|c| c.short_name == "可口可乐")
        .expect("the sample's beverage client")
}

/// Opens the search box, types `query` and runs frames until `want` labels contain `label`
/// (the index is built in the background); returns how many do then.
fn search_until(
    h: &mut Harness<'static, AccountDeskApp>,
    query: &str,
    label: &str,
    want: usize,
) -> usize {
    h.key_press_modifiers(Modifiers::COMMAND, Key::K);
    h.run();
    h.get_by_label("搜索").type_text(query);
    let mut listed = 0;
    for _ in 0..200 {
        h.run_steps(2);
        listed = h.query_all_by_label_contains(label).count();
        if listed == want {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    listed
}

/// The sample's jobs under way: an archived job and its file are read-only.
pub(crate) fn jobs_under_way(store: &Store) -> Vec<Job> {
    let jobs = store.all::<Job>().expect("jobs");
    jobs.into_iter()
        .filter(|j| j.status != account_desk::domain::JobStatus::Archived)
        .collect()
}

/// The sample's documents not filed with an archived job.
pub(crate) fn documents_under_way(store: &Store) -> Vec<Document> {
    let under_way: Vec<_> = jobs_under_way(store).into_iter().map(|j| j.id).collect();
    documents(store)
        .into_iter()
        .filter(|d| d.job_id.is_none_or(|j| under_way.contains(&j)))
        .collect()
}

#[test]
fn two_files_dropped_on_a_job_are_confirmed_filed_found_and_trashed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = sample_store(&dir.path().join("desk.redb"));
    let job = jobs_under_way(&store).remove(0);
    let sample = documents(&store).len();
    let mut h = open_at(store, Route::Files(FilesPlace::Job(job.id)));
    h.get_by_label("添加文件…");
    let inbox = dir.path().join("微信下载");
    std::fs::create_dir_all(&inbox).unwrap();
    let plan = inbox.join("双十一媒介排期_2026-10-20.xlsx");
    std::fs::write(&plan, b"PK plan").unwrap();
    let notes = inbox.join("客户来电记录.txt");
    std::fs::write(&notes, b"client called").unwrap();
    for p in [&plan, &notes] {
        h.input_mut()
            .dropped_files
            .push(Arc::new(Dropped(p.clone())));
    }
    h.run();
    h.run();
    // Both wait, the plan's kind and date proposed from its name.
    h.get_by_label("双十一媒介排期_2026-10-20.xlsx");
    h.get_by_label("客户来电记录.txt");
    assert_eq!(kinds(&h), ["已签核媒介计划", "其他"]);
    assert_eq!(
        documents(h.state().store()).len(),
        sample,
        "nothing filed before confirming"
    );
    // The notes are minutes: the person corrects the proposed kind.
    // The second row's kind (the rows keep the order the files came in).
    h.get_all_by_label("类别")
        .filter(|n| n.accesskit_node().role() == egui::accesskit::Role::ComboBox)
        .nth(1)
        .expect("two kinds")
        .click();
    h.run();
    h.run();
    // Chosen as the keyboard or a screen reader chooses it (a pointer click on an item of
    // this tall list does not reach it in the harness).
    h.get_by_label("会议纪要").click_accesskit();
    h.run();
    assert_eq!(kinds(&h), ["已签核媒介计划", "会议纪要"]);
    h.get_by_label("全部归档").click();
    h.run();
    h.run();
    let filed: Vec<Document> = documents(h.state().store())
        .into_iter()
        .skip(sample)
        .collect();
    assert_eq!(filed.len(), 2, "both filed");
    let plan_doc = filed
        .iter()
        .find(|d| d.title == "双十一媒介排期_2026-10-20")
        .expect("the plan");
    assert_eq!(plan_doc.kind, DocumentKind::MediaPlan);
    assert_eq!(
        plan_doc.dated,
        chrono::NaiveDate::from_ymd_opt(2026, 10, 20)
    );
    assert_eq!(plan_doc.job_id, Some(job.id));
    let notes_doc = filed
        .iter()
        .find(|d| d.title == "客户来电记录")
        .expect("notes");
    assert_eq!(notes_doc.kind, DocumentKind::Minutes);
    assert!(
        h.query_by_label("全部归档").is_none(),
        "nothing waits any more"
    );
    // Found with the search box by a word of the title, and opened.
    h.key_press_modifiers(Modifiers::COMMAND, Key::K);
    h.run();
    h.get_by_label("搜索").type_text("双十一 排期");
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(h.state().route(), Route::Document(plan_doc.id));
    h.get_by_label("删除理由").click();
    h.run();
    h.get_by_label("删除理由").type_text("放错工作");
    h.run();
    h.get_by_label("移到回收站").click();
    h.run();
    let stored = h
        .state()
        .store()
        .get::<Document>(plan_doc.id.0)
        .unwrap()
        .unwrap();
    assert_eq!(stored.trashed.map(|t| t.reason), Some("放错工作".into()));
    h.get_by_label("从回收站恢复");
    // Undo takes it back out.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    let stored = h
        .state()
        .store()
        .get::<Document>(plan_doc.id.0)
        .unwrap()
        .unwrap();
    assert!(stored.trashed.is_none());
}

#[test]
fn a_file_already_filed_is_named_and_filed_again_only_when_confirmed() {
    use account_desk::services::documents::{DocumentDraft, FiledWith};
    let dir = tempfile::tempdir().expect("temp dir");
    let store = sample_store(&dir.path().join("desk.redb"));
    let jobs = jobs_under_way(&store);
    let (first, second) = (jobs[0].id, jobs[1].id);
    let sample = documents(&store).len();
    let contract = dir.path().join("框架合同.pdf");
    std::fs::write(&contract, b"%PDF contract").unwrap();
    // Filed with the first job already.
    let file = account_desk::services::files::import_document_file(
        &store,
        FiledWith::Job(first),
        &contract,
    )
    .expect("stored");
    let now = chrono::Utc::now();
    let ctx = account_desk::services::Ctx {
        actor: account_desk::domain::UserId(0),
        now,
        today: now.date_naive(),
    };
    account_desk::services::apply(
        &store,
        &ctx,
        account_desk::services::Command::FileDocument(
            FiledWith::Job(first),
            Box::new(DocumentDraft::new(DocumentKind::Contract, "框架合同")),
            file,
        ),
    )
    .expect("filed");
    let mut app = AccountDeskApp::new(
        store,
        Prefs {
            last_route: Some(Route::Files(FilesPlace::Job(second))),
            ..Prefs::default()
        },
    );
    let chosen = contract.clone();
    app.set_file_picker(Box::new(move |_: &str| Some(chosen.clone())));
    let mut h = harness(app);
    h.run();
    h.get_by_label("添加文件…").click();
    h.run();
    // Proposed as a contract from its name.
    assert_eq!(kinds(&h), ["合约"]);
    h.get_by_label("归档").click();
    h.run();
    h.run();
    assert_eq!(
        documents(h.state().store()).len(),
        sample + 1,
        "held back as a repeat"
    );
    h.get_by_label_contains("同一文件已归档为：“框架合同”");
    h.get_by_label("仍在此归档").click();
    h.run();
    h.get_by_label("归档").click();
    h.run();
    h.run();
    let docs: Vec<Document> = documents(h.state().store())
        .into_iter()
        .skip(sample)
        .collect();
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[1].job_id, Some(second));
    assert_eq!(
        docs[0].current().map(|v| v.file.hash),
        docs[1].current().map(|v| v.file.hash)
    );
}

#[test]
fn a_file_that_arrives_in_a_watched_folder_is_filed_from_the_inbox_and_stays_put() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = sample_store(&dir.path().join("desk.redb"));
    let job = jobs_under_way(&store).remove(0);
    let sample = documents(&store).len();
    let wechat = dir.path().join("WeChat Files").join("FileStorage");
    std::fs::create_dir_all(&wechat).unwrap();
    let mut app = AccountDeskApp::new(
        store,
        Prefs {
            last_route: Some(Route::Inbox),
            watched: vec![wechat.clone()],
            ..Prefs::default()
        },
    );
    // Looked at every frame, so the harness steps instead of waiting for the window to
    // settle (it keeps looking).
    app.look_at_every_frame();
    let mut h = harness(app);
    h.run_steps(3);
    h.get_by_label("收件箱是空的。");
    // A download arrives; once it stops growing it is in the inbox.
    let arrived = wechat.join("客户反馈 签字版_2026-11-30.pdf");
    std::fs::write(&arrived, b"%PDF client reply").unwrap();
    h.run_steps(3);
    h.run_steps(3);
    h.get_by_label("客户反馈 签字版_2026-11-30.pdf");
    // Filed with the job by typing its number.
    h.get_by_label("归入（工作号或客户）").click();
    h.run_steps(2);
    h.get_by_label("归入（工作号或客户）")
        .type_text(&job.number.text);
    h.run_steps(3);
    h.get_by_label("归档").click();
    h.run_steps(3);
    h.run_steps(3);
    let docs = documents(h.state().store());
    assert_eq!(docs.len(), sample + 1);
    let filed = docs.last().expect("filed");
    assert_eq!(filed.job_id, Some(job.id));
    assert_eq!(filed.title, "客户反馈 签字版_2026-11-30");
    assert_eq!(
        filed.status(),
        account_desk::domain::document::DocumentStatus::Signed
    );
    // The original stays where it arrived, and is not offered again.
    assert_eq!(std::fs::read(&arrived).unwrap(), b"%PDF client reply");
    h.run_steps(3);
    h.run_steps(3);
    h.get_by_label("收件箱是空的。");
    assert_eq!(h.state().prefs_to_save().inbox_taken.len(), 1);
}

#[test]
fn edit_gives_a_working_copy_that_is_checked_in_as_the_next_version_and_kept_until_then() {
    use std::sync::Mutex;
    let dir = tempfile::tempdir().expect("temp dir");
    let store = sample_store(&dir.path().join("desk.redb"));
    let doc = documents_under_way(&store).remove(0);
    let mut app = AccountDeskApp::new(
        store,
        Prefs {
            last_route: Some(Route::Document(doc.id)),
            ..Prefs::default()
        },
    );
    let opened = Arc::new(Mutex::new(Vec::<PathBuf>::new()));
    let noted = Arc::clone(&opened);
    app.set_opener(Box::new(move |path: &Path| {
        noted.lock().unwrap().push(path.to_path_buf());
        Ok(())
    }));
    let mut h = harness(app);
    h.run();
    h.get_by_label("编辑（工作副本）").click();
    h.run();
    let copy = opened.lock().unwrap().last().cloned().expect("opened");
    assert!(
        copy.starts_with(dir.path().join("desk.redb.working")),
        "{copy:?}"
    );
    // The person edits and saves it; the page sees the change (it looks every two seconds).
    std::fs::write(&copy, "改过的工作申请表").unwrap();
    std::thread::sleep(std::time::Duration::from_millis(2100));
    h.run();
    h.get_by_label("已修改，尚未检入");
    // Removing it is not offered while it holds edits; checking it in is.
    assert!(h.query_by_label("移除工作副本").is_none());
    h.get_by_label("检入为新版本").click();
    h.run();
    let stored = h
        .state()
        .store()
        .get::<Document>(doc.id.0)
        .unwrap()
        .unwrap();
    assert_eq!(stored.versions.len(), 2);
    let newest = stored.current().expect("v2");
    assert_eq!(
        newest.file.hash,
        account_desk::domain::FileHash::of_bytes("改过的工作申请表".as_bytes())
    );
    // Now the same as what is stored: it may be removed.
    h.get_by_label("移除工作副本").click();
    h.run();
    assert!(!copy.exists());
}

/// The search box finds a document by words that are only inside its file (read in the
/// background and kept beside the database), listed after the hits by name, and opens it.
#[test]
fn the_search_box_finds_a_document_by_the_words_inside_its_file() {
    use account_desk::extract::Extracted;
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("desk.redb");
    let store = sample_store(&db);
    let doc = documents(&store).remove(0);
    let file = doc.current().expect("a version").file.clone();
    account_desk::services::texts::keep(
        &db,
        &file.hash,
        Ok(Extracted::Text(
            "客户要求把发布会改到沈阳大剧院，预算上限不变。".into(),
        )),
    );
    let app = AccountDeskApp::new(store, Prefs::default());
    let mut h = harness(app);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::K);
    h.run();
    h.get_by_label("搜索").type_text("沈阳大剧院");
    // No record is named so: while the files are looked through, the popup says that, not
    // that nothing matches.
    h.step();
    assert!(h.query_by_label("正在查找文件中的文字…").is_some());
    assert!(h.query_by_label("没有找到匹配的记录。").is_none());
    // The words are looked for in the background: a few frames until they come.
    let mut found = false;
    for _ in 0..100 {
        h.run_steps(2);
        if h.query_by_label_contains("文件内容中提到").is_some() {
            found = true;
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert!(found, "the document is listed as found in its file");
    h.key_press(Key::Enter);
    h.run_steps(2);
    assert_eq!(h.state().route(), Route::Document(doc.id));
}

/// The search box's hits narrowed to one kind: a job's title finds the job and the papers
/// of its file; 文件 keeps the papers, 工作 the job alone.
#[test]
fn the_search_box_narrows_its_hits_to_one_kind() {
    use account_desk::domain::Job;
    let dir = tempfile::tempdir().expect("temp dir");
    let store = sample_store(&dir.path().join("desk.redb"));
    let doc = documents(&store)
        .into_iter()
        .find(|d| d.title.ends_with("工作申请表") && d.job_id.is_some())
        .expect("a request form");
    let job = store
        .get::<Job>(doc.job_id.expect("its job").0)
        .expect("read")
        .expect("its job");
    let papers = documents(&store)
        .iter()
        .filter(|d| d.job_id == Some(job.id) && d.title.contains(&job.title))
        .count();
    assert!(
        papers > 1,
        "the sample files a job's papers under its title"
    );
    let mut h = open_at(store, Route::Clients);
    let all = search_until(&mut h, &job.title, &job.title, papers + 1);
    assert_eq!(all, papers + 1, "the job and its papers");
    h.get_by_label("文件").click_accesskit();
    h.run();
    assert_eq!(h.query_all_by_label_contains(&job.title).count(), all - 1);
    // The button under the search box, not the client list's column of the same name.
    h.get_all_by_label("工作")
        .rfind(|n| n.accesskit_node().role() == egui::accesskit::Role::Button)
        .expect("the button")
        .click_accesskit();
    h.run();
    assert_eq!(h.query_all_by_label_contains(&job.title).count(), 1);
    h.key_press(Key::Enter);
    h.run_steps(2);
    assert_eq!(h.state().route(), Route::Job(job.id));
}

/// A client's files narrowed to one kind: only the briefs stay listed.
#[test]
fn a_clients_files_are_narrowed_by_kind() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = sample_store(&dir.path().join("desk.redb"));
    let coke = coke(&store);
    let mut h = open_at(store, Route::Files(FilesPlace::Client(coke.id)));
    assert!(h.query_all_by_label_contains("工作申请表").next().is_some());
    h.get_by_label("按类别").click();
    h.run();
    // The option in the open list, not the kind cells of the rows.
    h.get_all_by_label("工作简报")
        .find(|n| n.accesskit_node().role() != egui::accesskit::Role::Label)
        .expect("the option")
        .click_accesskit();
    h.run();
    h.key_press(Key::Escape);
    h.run();
    assert!(
        h.query_all_by_label_contains("工作申请表").next().is_none(),
        "the request forms are left out"
    );
    assert!(
        h.query_all_by_label_contains("工作简报").count() > 1,
        "the briefs stay"
    );
}

/// The search box's hits narrowed to one client, then to one year, with the pickers under
/// it: the request forms of every job, then only 可口可乐's, then only that year's.
#[test]
fn the_search_box_narrows_its_hits_to_a_client_and_a_year() {
    use chrono::Datelike;
    use egui::accesskit::Role;
    let dir = tempfile::tempdir().expect("temp dir");
    let store = sample_store(&dir.path().join("desk.redb"));
    let coke = coke(&store);
    let forms: Vec<_> = documents(&store)
        .into_iter()
        .filter(|d| d.title.ends_with("工作申请表"))
        .collect();
    let of_coke: Vec<_> = forms.iter().filter(|d| d.client_id == coke.id).collect();
    assert!(!of_coke.is_empty() && of_coke.len() < forms.len());
    let year = of_coke[0].dated.expect("a dated form").year();
    let of_coke_that_year = of_coke
        .iter()
        .filter(|d| d.dated.map(|x| x.year()) == Some(year))
        .count();
    let mut h = open_at(store, Route::Clients);
    let listed = search_until(&mut h, "工作申请表", "工作申请表", forms.len());
    assert_eq!(listed, forms.len(), "every request form");
    let pick = |h: &mut Harness<'static, AccountDeskApp>, picker: &str, option: &str| {
        h.get_all_by_label(picker)
            .find(|n| n.accesskit_node().role() == Role::ComboBox)
            .expect("the picker")
            .click_accesskit();
        h.run();
        h.get_all_by_label(option)
            .rfind(|n| n.accesskit_node().role() == Role::Button)
            .expect("the option")
            .click_accesskit();
        h.run();
    };
    pick(&mut h, "客户", coke.display_name());
    assert_eq!(
        h.query_all_by_label_contains("工作申请表").count(),
        of_coke.len(),
        "可口可乐's forms"
    );
    pick(&mut h, "年份", &year.to_string());
    assert_eq!(
        h.query_all_by_label_contains("工作申请表").count(),
        of_coke_that_year,
        "可口可乐's forms of {year}"
    );
    // Then to one of the client's brands, and one of its jobs.
    let of_year: Vec<_> = of_coke
        .iter()
        .filter(|d| d.dated.map(|x| x.year()) == Some(year))
        .collect();
    let brand_id = of_coke[0].brand_id.expect("a form of a brand");
    let job_id = of_coke[0].job_id.expect("a form of a job");
    let store = h.state().store();
    let brand = store
        .get::<account_desk::domain::Brand>(brand_id.0)
        .expect("read")
        .expect("the form's brand")
        .name;
    let job = store
        .get::<Job>(job_id.0)
        .expect("read")
        .expect("the form's job");
    let brand = (brand, format!("{} {}", job.number.text, job.title));
    pick(&mut h, "品牌", &brand.0);
    assert_eq!(
        h.query_all_by_label_contains("工作申请表").count(),
        of_year
            .iter()
            .filter(|d| d.brand_id == Some(brand_id))
            .count(),
        "the forms of {year} of {}",
        brand.0
    );
    pick(&mut h, "工作", &brand.1);
    assert_eq!(
        h.query_all_by_label_contains("工作申请表").count(),
        of_year.iter().filter(|d| d.job_id == Some(job_id)).count(),
        "the forms of {}",
        brand.1
    );
    assert!(h.query_all_by_label_contains("工作申请表").count() >= 1);
}
