//! The job file from the window: two files dropped on a job's files page wait with the kind,
//! title and date proposed from their names; the person corrects one kind and files both;
//! the search box finds one by a word of its title and opens its page, where it is put in
//! the trash with a reason and taken back with undo. A file chosen with the open dialog
//! that is already filed elsewhere is named, and filed here only when the person says so.

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

fn sample_store(db: &Path) -> Store {
    let store = Store::open(db).expect("open store");
    let now = chrono::Utc::now();
    account_desk::demo::sample::load_sample(&store, now, now.date_naive()).expect("sample agency");
    store
}

fn harness(app: AccountDeskApp) -> Harness<'static, AccountDeskApp> {
    Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .with_context_setup(|ctx| {
            account_desk::ui::fonts::install_fonts(ctx);
            account_desk::ui::theme::apply(ctx);
        })
        .build_ui_state(|ui, app: &mut AccountDeskApp| app.frame_ui(ui), app)
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

fn documents(store: &Store) -> Vec<Document> {
    store.all::<Document>().expect("documents")
}

#[test]
fn two_files_dropped_on_a_job_are_confirmed_filed_found_and_trashed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = sample_store(&dir.path().join("desk.redb"));
    let job = store.all::<Job>().expect("jobs").remove(0);
    let sample = documents(&store).len();
    let app = AccountDeskApp::new(
        store,
        Prefs {
            last_route: Some(Route::Files(FilesPlace::Job(job.id))),
            ..Prefs::default()
        },
    );
    let mut h = harness(app);
    h.run();
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
    let jobs = store.all::<Job>().expect("jobs");
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
    let job = store.all::<Job>().expect("jobs").remove(0);
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
    let doc = documents(&store).remove(0);
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

/// The library from the window: a number scanned into the search box (a scanner types it
/// and presses Enter) opens the item; it is lent out to the person at the desk and
/// returned, its condition checked.
#[test]
fn a_scanned_number_opens_the_item_which_is_lent_out_and_returned() {
    use account_desk::domain::LibraryItem;
    use account_desk::domain::library::ItemCondition;
    let dir = tempfile::tempdir().expect("temp dir");
    let store = sample_store(&dir.path().join("desk.redb"));
    let items = store.all::<LibraryItem>().expect("items");
    let tearsheet = items
        .iter()
        .find(|i| i.title.contains("样刊"))
        .expect("the sample's tearsheet")
        .clone();
    assert!(tearsheet.out_on().is_none(), "home");
    let app = AccountDeskApp::new(
        store,
        Prefs {
            last_route: Some(Route::Library),
            ..Prefs::default()
        },
    );
    let mut h = harness(app);
    h.run();
    h.get_by_label(&tearsheet.label());
    h.get_by_label("盘点");
    h.key_press_modifiers(Modifiers::COMMAND, Key::K);
    h.run();
    h.get_by_label("搜索").type_text(&tearsheet.label());
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(h.state().route(), Route::LibraryItem(tearsheet.id));
    h.get_by_label("借出").click();
    h.run();
    let stored = |h: &Harness<'_, AccountDeskApp>| {
        h.state()
            .store()
            .get::<LibraryItem>(tearsheet.id.0)
            .unwrap()
            .unwrap()
    };
    let out = stored(&h);
    let loan = out.out_on().expect("lent out");
    assert_eq!(Some(loan.borrower), h.state().prefs().current_user);
    assert_eq!(
        loan.loan.due_on,
        loan.loan.out_on + chrono::Duration::days(14)
    );
    // The return's condition comes first on the page, above the item's own fields.
    h.get_all_by_label("有磨损")
        .next()
        .expect("a condition")
        .click();
    h.run();
    h.get_by_label("归还").click();
    h.run();
    let back = stored(&h);
    assert!(back.out_on().is_none(), "returned");
    assert_eq!(back.condition, ItemCondition::Worn);
    assert_eq!(back.loans.len(), 1);
    assert_eq!(back.loans[0].condition_back, Some(ItemCondition::Worn));
}

/// A client's ad archive from the window: the wall shows the works by year with a right
/// about to lapse; the table opens a work, whose new right is saved with Ctrl+S; an item of
/// it registered from its page holds it.
#[test]
fn the_ad_archive_shows_the_works_and_a_work_gains_a_right_and_an_item() {
    use account_desk::domain::library::MediumKind;
    use account_desk::domain::{Client, CreativeWork, LibraryItem};
    let dir = tempfile::tempdir().expect("temp dir");
    let store = sample_store(&dir.path().join("desk.redb"));
    let coke = store
        .all::<Client>()
        .expect("clients")
        .into_iter()
        .find(|c| c.short_name == "可口可乐")
        .expect("the sample's beverage client");
    let tvc = store
        .all::<CreativeWork>()
        .expect("works")
        .into_iter()
        .find(|w| w.title == "2019 春节 TVC《团圆》")
        .expect("the sample's TVC");
    // Its key visual's thumbnail, as the background reader makes it.
    let kv: Document = store
        .get(tvc.documents[0].0)
        .expect("read")
        .expect("the key visual");
    let file = kv.current().expect("a version").file.clone();
    let stored = store.desk_files().path_of(&file.hash);
    account_desk::services::thumbs::make(store.path(), &stored, &file.hash).expect("thumbnail");
    let app = AccountDeskApp::new(
        store,
        Prefs {
            last_route: Some(Route::Archive(coke.id)),
            ..Prefs::default()
        },
    );
    let mut h = harness(app);
    h.run();
    h.get_by_label("2019");
    h.get_by_label("2026");
    h.get_by_label("缩略图：2019 春节 TVC《团圆》");
    assert!(
        h.query_all_by_label_contains("天后到期").next().is_some(),
        "the running poster's music lapses soon"
    );
    h.get_by_label("表格").click();
    h.run();
    h.get_by_label(&tvc.title).click();
    h.run();
    assert_eq!(h.state().route(), Route::Work(tvc.id));
    h.get_by_label("添加权利").click();
    h.run();
    let holders: Vec<_> = h.get_all_by_label("权利人").collect();
    assert_eq!(holders.len(), 2);
    holders[1].click();
    h.run();
    h.get_all_by_label("权利人")
        .nth(1)
        .expect("the new right")
        .type_text("配乐 李四");
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    let stored = h
        .state()
        .store()
        .get::<CreativeWork>(tvc.id.0)
        .unwrap()
        .unwrap();
    assert_eq!(stored.rights.len(), 2);
    assert_eq!(stored.rights[1].holder, "配乐 李四");
    let before = h.state().store().all::<LibraryItem>().unwrap().len();
    // Below the fold of the scrolled page: clicked through the accessibility tree.
    h.get_by_label("登记此作品的实物").click_accesskit();
    h.run();
    let items = h.state().store().all::<LibraryItem>().unwrap();
    assert_eq!(items.len(), before + 1);
    let new = items.iter().max_by_key(|i| i.serial).expect("the new item");
    assert_eq!(new.works, vec![tvc.id]);
    assert_eq!(new.kind, MediumKind::Tape);
    assert_eq!(h.state().route(), Route::LibraryItem(new.id));
}

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
        .find(|j| store.schedule(j.id).ok().flatten().is_some())
        .expect("a job with a schedule");
    let issued = store.issued_schedules(job.id).expect("issued").len();
    let app = AccountDeskApp::new(
        store,
        Prefs {
            last_route: Some(Route::Schedule(job.id)),
            ..Prefs::default()
        },
    );
    let mut h = harness(app);
    h.run();
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
    let app = AccountDeskApp::new(
        store,
        Prefs {
            last_route: Some(Route::Job(job.id)),
            ..Prefs::default()
        },
    );
    let mut h = harness(app);
    h.run();
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
    let app = AccountDeskApp::new(
        store,
        Prefs {
            last_route: Some(Route::Job(job.id)),
            ..Prefs::default()
        },
    );
    let mut h = harness(app);
    h.run();
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
