//! Data safety from the window, driven like a person would: the backup a person asks for
//! (备份数据库…, Ctrl+Shift+B), exports that never land on the database and carry their
//! file type's extension, the warning about a database in a cloud-sync folder, and minutes
//! that are marked sent only with their PDF and email draft written (folder and opener
//! injected: nothing is written to the Documents folder and no program starts).

use account_desk::app::{AccountDeskApp, Prefs, SaveAnswer, SaveRequest};
use account_desk::domain::{Client, Lang};
use account_desk::store::Store;
use account_desk::ui::model::Route;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// A store at `db` with the sample agency in it.
fn sample_store(db: &Path) -> Store {
    let store = Store::open(db).expect("open store");
    let now = chrono::Utc::now();
    account_desk::demo::sample::load_sample(&store, now, now.date_naive()).expect("sample agency");
    store
}

/// The window over `app`, with the app's fonts.
fn harness(app: AccountDeskApp) -> Harness<'static, AccountDeskApp> {
    Harness::builder()
        .with_size(egui::vec2(1280.0, 860.0))
        .with_context_setup(|ctx| {
            account_desk::ui::fonts::install_fonts(ctx);
            account_desk::ui::theme::apply(ctx);
        })
        .build_ui_state(|ui, app: &mut AccountDeskApp| app.frame_ui(ui), app)
}

/// What the save dialog was asked: the file name offered and the extension.
type Asked = Arc<Mutex<Vec<(String, String)>>>;

/// Answers every save dialog with `answer`, noting what it was asked.
fn answer_with(app: &mut AccountDeskApp, answer: PathBuf) -> Asked {
    let asked = Asked::default();
    let noted = Arc::clone(&asked);
    app.set_save_dialog(Box::new(move |request: &SaveRequest<'_>| {
        noted
            .lock()
            .unwrap()
            .push((request.file_name.to_string(), request.extension.to_string()));
        SaveAnswer::Chosen(answer.clone())
    }));
    asked
}

fn client_names(store: &Store) -> Vec<String> {
    let mut names: Vec<String> = store
        .all::<Client>()
        .expect("clients")
        .into_iter()
        .map(|c| c.name)
        .collect();
    names.sort();
    names
}

/// Waits for the backup to be written and draws the frame that reports it.
fn finish(h: &mut Harness<'static, AccountDeskApp>) {
    h.state_mut().finish_background();
    h.run();
}

#[test]
fn ctrl_shift_b_writes_a_backup_that_opens_with_the_same_clients() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("客户 资料").join("desk.redb");
    let store = sample_store(&db);
    let clients = client_names(&store);
    let mut app = AccountDeskApp::new(store, Prefs::default());
    let chosen = dir.path().join("U盘").join("客户执行台 备份.redb");
    std::fs::create_dir_all(chosen.parent().unwrap()).unwrap();
    let asked = answer_with(&mut app, chosen.clone());
    let mut h = harness(app);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::B);
    h.run();
    finish(&mut h);
    {
        let asked = asked.lock().unwrap();
        assert_eq!(asked.len(), 1, "the dialog was asked once");
        let (name, extension) = &asked[0];
        assert!(name.starts_with("desk-backup-"), "{name}");
        assert!(name.ends_with(".redb"), "{name}");
        assert_eq!(extension, "redb");
    }
    h.get_by_label_contains("数据库已备份到");
    h.get_by_label_contains("客户执行台 备份.redb");
    assert!(chosen.is_file(), "the backup was written");
    // The window still holds the database; the backup is a file of its own.
    let copy = Store::open(&chosen).expect("the backup opens");
    assert_eq!(client_names(&copy), clients);
    assert!(copy.check().expect("check").problems.is_empty());
}

#[test]
fn the_status_bar_item_replaces_only_the_file_the_person_agreed_to_replace() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("desk.redb");
    let store = sample_store(&db);
    let clients = client_names(&store);
    let mut app = AccountDeskApp::new(store, Prefs::default());
    // An older file the person chose to replace in the dialog.
    let chosen = dir.path().join("周五备份.redb");
    std::fs::write(&chosen, b"last week's copy").unwrap();
    answer_with(&mut app, chosen.clone());
    let mut h = harness(app);
    h.run();
    h.get_by_label("备份数据库…").click();
    h.run();
    finish(&mut h);
    h.get_by_label_contains("数据库已备份到");
    assert_eq!(client_names(&Store::open(&chosen).unwrap()), clients);
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".new-") || n.contains(".partial"))
        .collect();
    assert!(leftovers.is_empty(), "no temporary left: {leftovers:?}");
}

#[test]
fn a_backup_is_never_written_over_the_database_or_another_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("desk.redb");
    let store = sample_store(&db);
    let clients = client_names(&store);
    let mut app = AccountDeskApp::new(store, Prefs::default());
    // The database itself, as a person might pick it in the dialog.
    answer_with(&mut app, db.clone());
    let mut h = harness(app);
    h.run();
    h.get_by_label("备份数据库…").click();
    h.run();
    finish(&mut h);
    h.get_by_label_contains("从不覆盖数据库");
    assert!(h.query_by_label_contains("数据库已备份到").is_none());
    // A name typed with another file type becomes a .redb; the person agreed to replace
    // 合同.pdf, not the 合同.redb that is there.
    let other = dir.path().join("合同.redb");
    std::fs::write(&other, b"someone else's file").unwrap();
    answer_with(h.state_mut(), dir.path().join("合同.pdf"));
    h.get_by_label("备份数据库…").click();
    h.run();
    finish(&mut h);
    assert_eq!(std::fs::read(&other).unwrap(), b"someone else's file");
    h.get_by_label_contains("文件已存在");
    // The database is untouched and still works.
    assert_eq!(client_names(h.state().store()), clients);
}

#[test]
fn an_export_gets_its_file_types_extension_and_never_lands_on_the_database() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("desk.redb");
    let store = sample_store(&db);
    let job = store
        .all::<account_desk::domain::Job>()
        .expect("jobs")
        .into_iter()
        .find(|j| store.schedule(j.id).ok().flatten().is_some())
        .expect("a job with a schedule");
    let mut app = AccountDeskApp::new(
        store,
        Prefs {
            last_route: Some(Route::Schedule(job.id)),
            ..Prefs::default()
        },
    );
    // The client calendar typed as a PDF: it is written as .ics (calendar files are not
    // opened afterwards, so no viewer starts during the test).
    answer_with(&mut app, dir.path().join("客户日历.pdf"));
    let mut h = harness(app);
    h.run();
    let export_ics = |h: &mut Harness<'static, AccountDeskApp>| {
        h.get_by_label("导出").click();
        h.run();
        h.get_by_label("客户日历（.ics）…").click();
        h.run();
    };
    export_ics(&mut h);
    let ics = std::fs::read_to_string(dir.path().join("客户日历.ics")).expect("written as .ics");
    assert!(ics.starts_with("BEGIN:VCALENDAR"), "{ics}");
    assert!(!dir.path().join("客户日历.pdf").exists());
    // Into the automatic-backup folder: refused, nothing written there.
    let backups = account_desk::store::backup::backup_dir(&db);
    std::fs::create_dir_all(&backups).unwrap();
    answer_with(h.state_mut(), backups.join("日历.ics"));
    export_ics(&mut h);
    h.get_by_label_contains("从不覆盖数据库");
    assert!(!backups.join("日历.ics").exists());
    // The database itself typed as the answer becomes desk.ics beside it; the database
    // is untouched.
    let before = std::fs::read(&db).unwrap();
    answer_with(h.state_mut(), db.clone());
    export_ics(&mut h);
    assert!(db.with_extension("ics").is_file());
    assert_eq!(std::fs::read(&db).unwrap(), before);
    assert!(!h.state().data().clients.is_empty());
}

#[test]
fn a_database_in_a_onedrive_folder_is_warned_about_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("OneDrive - 某某广告").join("desk.redb");
    let app = AccountDeskApp::new(sample_store(&db), Prefs::default());
    let mut h = harness(app);
    h.run();
    h.get_by_label_contains("数据库保存在 OneDrive 同步文件夹中");
    h.get_by_label_contains("团队模式");
    // Dismissed: gone.
    h.get_by_label("关闭").click();
    h.run();
    assert!(h.query_by_label_contains("OneDrive 同步文件夹").is_none());
    let prefs = h.state().prefs_to_save();
    assert_eq!(prefs.warned_placement, vec![db.clone()]);
    // The next start with the remembered preferences says nothing more.
    drop(h);
    let app = AccountDeskApp::new(Store::open(&db).expect("reopen"), prefs);
    let mut h = harness(app);
    h.run();
    assert!(h.query_by_label_contains("OneDrive 同步文件夹").is_none());
    // Preferences an older version wrote (without the field) still load, as eframe reads
    // them from app.ron.
    let old: Prefs = eframe::get_value(&OldAppRon, eframe::APP_KEY).expect("old app.ron loads");
    assert_eq!(old.lang, Lang::En);
    assert!(old.warned_placement.is_empty());
}

/// The preferences as version 0.1 saved them in app.ron.
struct OldAppRon;

impl eframe::Storage for OldAppRon {
    fn get_string(&self, key: &str) -> Option<String> {
        (key == eframe::APP_KEY).then(|| "(lang: En, current_user: None, theme: Dark)".into())
    }
    fn set_string(&mut self, _key: &str, _value: String) {}
    fn remove_string(&mut self, _key: &str) {}
    fn flush(&mut self) {}
}

#[test]
fn a_database_in_an_ordinary_folder_gets_no_warning() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("客户 资料").join("desk.redb");
    let app = AccountDeskApp::new(sample_store(&db), Prefs::default());
    let mut h = harness(app);
    h.run();
    assert!(h.query_by_label_contains("同步文件夹").is_none());
    assert!(h.state().prefs_to_save().warned_placement.is_empty());
}

/// The English interface reads in English.
#[test]
fn the_backup_reads_in_english_in_the_english_interface() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("desk.redb");
    let mut app = AccountDeskApp::new(
        sample_store(&db),
        Prefs {
            lang: Lang::En,
            ..Prefs::default()
        },
    );
    let chosen = dir.path().join("copy.redb");
    answer_with(&mut app, chosen.clone());
    let mut h = harness(app);
    h.run();
    h.get_by_label("Back up database…").click();
    h.run();
    finish(&mut h);
    h.get_by_label_contains("The database is backed up to");
    assert!(chosen.is_file());
}

/// A meeting of the sample agency whose minutes are written but not sent, with a client
/// attendee who has an email address.
fn unsent_minutes(store: &Store) -> account_desk::domain::Meeting {
    use account_desk::domain::meeting::{MinutesState, Side};
    store
        .all::<account_desk::domain::Meeting>()
        .expect("meetings")
        .into_iter()
        .filter(|m| m.end < chrono::Utc::now())
        .find(|m| {
            m.state() == MinutesState::Draft
                && !m.minutes.points.is_empty()
                && m.attendees
                    .iter()
                    .any(|a| a.side == Side::Client && !a.email.is_empty())
        })
        .expect("the sample has minutes waiting to be sent")
}

/// What the app asked to open.
type Opened = Arc<Mutex<Vec<PathBuf>>>;

fn record_opens(app: &mut AccountDeskApp) -> Opened {
    let opened = Opened::default();
    let noted = Arc::clone(&opened);
    app.set_opener(Box::new(move |path: &Path| {
        noted.lock().unwrap().push(path.to_path_buf());
        Ok(())
    }));
    opened
}

#[test]
fn sending_minutes_writes_the_pdf_and_the_email_draft_and_opens_the_draft() {
    use account_desk::domain::meeting::MinutesState;
    use account_desk::ui::model::MeetingTab;
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("desk.redb");
    let store = sample_store(&db);
    let meeting = unsent_minutes(&store);
    let mut app = AccountDeskApp::new(
        store,
        Prefs {
            last_route: Some(Route::Meeting(meeting.id, MeetingTab::Send)),
            ..Prefs::default()
        },
    );
    let out = dir.path().join("导出 文件夹");
    std::fs::create_dir_all(&out).unwrap();
    app.set_export_dir(out.clone());
    let opened = record_opens(&mut app);
    let mut h = harness(app);
    h.run();
    h.get_by_label("发送 v1（生成 PDF 与邮件草稿）").click();
    h.run();
    h.run();

    let files: Vec<PathBuf> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    let pdf = files
        .iter()
        .find(|f| f.extension().is_some_and(|e| e == "pdf"))
        .unwrap_or_else(|| panic!("no PDF in {files:?}"));
    let eml = pdf.with_extension("eml");
    assert_eq!(
        files.len(),
        2,
        "the PDF and the email draft, nothing else: {files:?}"
    );
    assert!(std::fs::read(pdf).unwrap().starts_with(b"%PDF"));
    let mail = std::fs::read_to_string(&eml).expect("the email draft");
    assert!(mail.contains("application/pdf"), "the PDF is attached");
    assert_eq!(
        *opened.lock().unwrap(),
        vec![eml.clone()],
        "the draft is opened"
    );
    h.get_by_label_contains("邮件草稿已生成");
    let sent = h
        .state()
        .store()
        .get::<account_desk::domain::Meeting>(meeting.id.0)
        .unwrap()
        .unwrap();
    assert_eq!(sent.state(), MinutesState::Sent);
    assert_eq!(sent.sent.len(), 1);
}

#[test]
fn minutes_whose_files_cannot_be_written_are_not_marked_sent() {
    use account_desk::domain::meeting::MinutesState;
    use account_desk::ui::model::MeetingTab;
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("desk.redb");
    let store = sample_store(&db);
    let meeting = unsent_minutes(&store);
    let mut app = AccountDeskApp::new(
        store,
        Prefs {
            last_route: Some(Route::Meeting(meeting.id, MeetingTab::Send)),
            ..Prefs::default()
        },
    );
    // The export folder is a file: nothing can be written into it.
    let out = dir.path().join("不是文件夹");
    std::fs::write(&out, b"a file").unwrap();
    app.set_export_dir(out.clone());
    let opened = record_opens(&mut app);
    let mut h = harness(app);
    h.run();
    h.get_by_label("发送 v1（生成 PDF 与邮件草稿）").click();
    h.run();
    h.run();
    h.get_by_label_contains("这次发送已撤回");
    assert!(opened.lock().unwrap().is_empty(), "nothing to open");
    assert_eq!(std::fs::read(&out).unwrap(), b"a file");
    let stored = h
        .state()
        .store()
        .get::<account_desk::domain::Meeting>(meeting.id.0)
        .unwrap()
        .unwrap();
    assert_eq!(stored.state(), MinutesState::Draft, "not marked sent");
    assert!(stored.sent.is_empty());
}
