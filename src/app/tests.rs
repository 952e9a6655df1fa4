//! After any change the app re-reads one record and updates the index in place; these tests
//! hold that to the truth: the snapshot and the search must equal a full reload.

use super::*;
use crate::domain::{Brand, Client, Contact, Job};
use crate::services::{
    Base, BrandDraft, BriefDraft, ClientDraft, Command, ContactDraft, JobDraft, UserDraft,
};
use crate::ui::search_ui::build_index;
use std::time::{Duration, Instant};

fn sample_app(dir: &tempfile::TempDir) -> AccountDeskApp {
    let store = Store::open(&dir.path().join("desk.redb")).unwrap();
    let now = chrono::Utc::now();
    crate::demo::sample::load_sample(&store, now, now.date_naive()).unwrap();
    AccountDeskApp::new(store, Prefs::default())
}

fn wait_for_index(app: &mut AccountDeskApp) {
    let start = Instant::now();
    while app.search_index.ready().is_none() {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "index never built"
        );
        std::thread::sleep(Duration::from_millis(2));
        app.poll_index();
    }
}

/// Queries that touch every record: each title and number, plus pinyin and fragments.
fn queries(data: &Data) -> Vec<String> {
    let mut q: Vec<String> = vec!["kkkl".into(), "春节".into(), "2026".into(), "新".into()];
    // Words of the minutes (the sample's, and the one an edit adds).
    q.extend(["核验接口", "抖音直播", "预算", "亦庄车主中心"].map(String::from));
    q.extend(data.clients.iter().map(|c| c.display_name().to_string()));
    q.extend(data.brands.iter().map(|b| b.name.clone()));
    q.extend(data.jobs.iter().map(|j| j.number.text.clone()));
    q.extend(data.jobs.iter().map(|j| j.title.chars().take(2).collect()));
    q.extend(data.contacts.iter().map(|c| c.name.clone()));
    q.extend(data.contracts.iter().map(|c| c.number.clone()));
    q.extend(data.meetings.iter().map(|m| m.title.clone()));
    q
}

fn assert_like_a_full_reload(app: &mut AccountDeskApp) {
    wait_for_index(app);
    let fresh = Data::load(Reader::new(&app.store), app.data.generation).unwrap();
    assert_eq!(*app.data, fresh, "snapshot differs from a full reload");
    let mut rebuilt = build_index(&fresh);
    crate::ui::search_ui::index_meetings(&mut rebuilt, &fresh, Reader::new(&app.store)).unwrap();
    let index = app.search_index.ready().unwrap().read();
    assert_eq!(index.len(), rebuilt.len());
    // The meeting `edit_everything` renamed is found by the words of the point it added.
    assert!(
        index
            .search("抖音直播", 1000)
            .iter()
            .any(|h| h.title == "季度业务回顾"),
        "the minutes' new point is searchable: {:?}",
        index.search("抖音直播", 1000)
    );
    for q in queries(&fresh) {
        assert_eq!(
            index.search(&q, 1000),
            rebuilt.search(&q, 1000),
            "query {q}"
        );
    }
}

/// Creates, edits, renames, deletes and undoes records of every kind through the app.
fn edit_everything(app: &mut AccountDeskApp) {
    let data = Arc::clone(&app.data);
    let client: &Client = data.clients.first().unwrap();
    // A job under way: an archived one is read-only.
    let job: &Job = data
        .jobs
        .iter()
        .find(|j| j.status != crate::domain::JobStatus::Archived)
        .unwrap();
    let contact: &Contact = data.contacts.first().unwrap();
    let brand: &Brand = data.brands.first().unwrap();
    let run = |app: &mut AccountDeskApp, c: Command| assert!(app.run_command(c));

    run(
        app,
        Command::CreateClient(ClientDraft {
            name: "星巴克（中国）咖啡有限公司".into(),
            short_name: "星巴克".into(),
            ..ClientDraft::default()
        }),
    );
    // A rename changes the subtitles of the client's jobs in search.
    let mut renamed = ClientDraft::from_client(client);
    renamed.short_name = "可口可乐中国".into();
    run(
        app,
        Command::UpdateClient(client.id, renamed, Base::Overwrite),
    );
    run(app, Command::SetClientArchived(client.id, true));
    run(
        app,
        Command::AddContact(
            client.id,
            ContactDraft {
                name: "欧阳娜娜".into(),
                ..ContactDraft::default()
            },
        ),
    );
    let mut moved = ContactDraft::from_contact(contact);
    moved.name = "张新".into();
    run(
        app,
        Command::UpdateContact(contact.id, moved, Base::Overwrite),
    );
    run(app, Command::DeleteContact(contact.id));
    run(
        app,
        Command::CreateBrand(
            client.id,
            BrandDraft {
                name: "零度 Zero".into(),
                ..BrandDraft::default()
            },
        ),
    );
    let mut brand_draft = BrandDraft::from_brand(brand);
    brand_draft.name = format!("{} 经典", brand.name);
    run(
        app,
        Command::UpdateBrand(brand.id, brand_draft, Base::Overwrite),
    );
    let mut job_draft = JobDraft::from_job(job);
    job_draft.title = "2027 新春 TVC".into();
    run(
        app,
        Command::UpdateJob(job.id, job_draft.clone(), Base::Overwrite),
    );
    job_draft.title = "新品快闪店".into();
    run(app, Command::CreateJob(job_draft));
    let mut brief = BriefDraft::default();
    brief.content.background = "新的背景".into();
    run(app, Command::SaveBrief(job.id, brief, Base::Overwrite));
    if let Some(next) = job.status.next_options().first() {
        let step = match job.status.reason_needed(*next) {
            Some(_) => Command::MoveJobSaying(job.id, *next, "客户恢复".into(), Base::Overwrite),
            None => Command::SetJobStatus(job.id, *next, Base::Overwrite),
        };
        run(app, step);
    }
    run(
        app,
        Command::AddUser(UserDraft {
            name: "赵敏".into(),
            role: crate::domain::Role::AccountExecutive,
            active: true,
        }),
    );
    let mut settings = data.settings.clone();
    settings.agency_name = "新名字广告有限公司".into();
    run(app, Command::SaveSettings(settings, Base::Overwrite));
    // Undo the last four changes (settings, user, status, brief): each undo is a change of
    // its own, and puts the job back as it was.
    for _ in 0..4 {
        let step = app.undo.pop().unwrap().step;
        run(app, Command::Undo(Box::new(step)));
    }
    assert_eq!(app.data.job(job.id).unwrap().status, job.status);
    // A renamed meeting is found by its new subject at once.
    let mut meeting: crate::domain::Meeting = app.store.all().unwrap().remove(0);
    meeting.title = "季度业务回顾".into();
    meeting.minutes.points.push(crate::domain::meeting::Point {
        text: "下季度增加抖音直播预算".into(),
        decision: true,
        ..Default::default()
    });
    run(
        app,
        Command::SaveMeeting(Box::new(meeting), Base::Overwrite),
    );
}

#[test]
fn edits_update_the_snapshot_and_the_index_exactly_like_a_full_reload() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = sample_app(&dir);
    assert!(
        app.search_index.ready().is_some(),
        "small agencies index at once"
    );
    edit_everything(&mut app);
    assert_like_a_full_reload(&mut app);
}

#[test]
fn edits_made_while_the_index_is_being_built_reach_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = sample_app(&dir);
    // A large agency's start: the first screen has no meetings yet; the worker reads them and
    // builds the index while the meetings are edited.
    app.data = Arc::new(
        Data::load_without_meetings(Reader::new(&app.store), app.data.generation + 1).unwrap(),
    );
    app.search_index = build_in_background(Arc::clone(&app.data), Arc::clone(&app.store));
    edit_everything(&mut app);
    assert_like_a_full_reload(&mut app);
}

#[test]
fn the_search_popup_waits_for_the_index_instead_of_answering_from_half_of_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = sample_app(&dir);
    let (_send, built) = mpsc::channel();
    app.search_index = Search::Building {
        built,
        pending: Vec::new(),
    };
    app.poll_index();
    assert!(app.search_index.ready().is_none());
    // The builder went away without an index: the app builds one itself.
    app.search_index = Search::Building {
        built: mpsc::channel().1,
        pending: vec![(Subject::Client, 1)],
    };
    app.poll_index();
    assert!(
        !app.search_index
            .ready()
            .unwrap()
            .read()
            .search("kkkl", 5)
            .is_empty()
    );
}

/// 9:00 on `day` of December 2026.
fn morning(day: u32) -> chrono::NaiveDateTime {
    chrono::NaiveDate::from_ymd_opt(2026, 12, day)
        .and_then(|d| d.and_hms_opt(9, 0, 0))
        .unwrap()
}

#[test]
fn the_daily_backup_follows_the_verification_pass_and_reports_only_failures() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = sample_app(&dir);
    app.start_verification(morning(1));
    let start = Instant::now();
    while app.is_backing_up() {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "backup never finished"
        );
        std::thread::sleep(Duration::from_millis(2));
        app.poll_safety(false);
    }
    assert_eq!(app.is_verified(), Some(true));
    assert!(
        app.notifications().notes().is_empty(),
        "no message for a check and a backup that worked: {:?}",
        app.notifications().notes()
    );
    let newest = crate::store::backup::newest_backup(app.store.path()).unwrap();
    let newest = newest.expect("today's backup");
    assert_eq!(
        Store::open(&newest).unwrap().all::<Client>().unwrap().len(),
        4
    );
    // A backup folder that cannot be written: the failure is shown, in the interface
    // language, naming the folder.
    let backups = crate::store::backup::backup_dir(app.store.path());
    std::fs::remove_dir_all(&backups).unwrap();
    std::fs::write(&backups, b"a file where the folder should be").unwrap();
    app.start_verification(morning(2));
    app.finish_background();
    assert!(!app.is_backing_up());
    let notes = app.notifications().notes();
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert!(
        notes[0].text.starts_with("自动备份失败："),
        "{}",
        notes[0].text
    );
    assert!(notes[0].text.contains("backups"), "{}", notes[0].text);
}

/// Text put in a brief, to find its record's bytes in the file.
const MARKER: &str = "BRIEF-MARKER-校验-0123456789";

#[test]
fn a_damaged_record_found_after_a_fast_open_gets_a_notice_and_no_backup() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("desk.redb");
    {
        let mut app = sample_app(&dir);
        let job = app
            .data
            .jobs
            .iter()
            .find(|j| j.status != crate::domain::JobStatus::Archived)
            .unwrap()
            .id;
        let mut brief = BriefDraft::default();
        brief.content.background = MARKER.into();
        assert!(app.run_command(Command::SaveBrief(job, brief, Base::Overwrite)));
        // The first day: the check passes and the day's backup is made.
        app.start_verification(morning(1));
        app.finish_background();
        assert_eq!(app.is_verified(), Some(true));
    }
    let backups = |db: &std::path::Path| {
        let dir = crate::store::backup::backup_dir(db);
        crate::store::backup::automatic_backups(&dir, "desk").unwrap()
    };
    let good = backups(&db);
    assert_eq!(good.len(), 1, "the first day's backup");
    // Bit rot inside the brief's record: same length, same header, the modification time
    // put back (as a sync tool may do), so the clean-close seal still vouches for the file
    // and it opens without the whole-file check.
    let modified = std::fs::metadata(&db).unwrap().modified().unwrap();
    let mut bytes = std::fs::read(&db).unwrap();
    let hits: Vec<usize> = memchr::memmem::find_iter(&bytes, MARKER.as_bytes()).collect();
    assert!(!hits.is_empty(), "the brief's text is in the file");
    for at in hits {
        assert!(at > 4096, "damage past the header");
        bytes[at + 6] ^= 0x20;
    }
    std::fs::write(&db, &bytes).unwrap();
    std::fs::File::options()
        .write(true)
        .open(&db)
        .unwrap()
        .set_modified(modified)
        .unwrap();
    let store = Store::open(&db).expect("a fast open trusts the sealed file");
    let mut app = AccountDeskApp::new(store, Prefs::default());
    assert!(
        app.notifications().notes().is_empty(),
        "nothing known yet: {:?}",
        app.notifications().notes()
    );
    app.start_verification(morning(2));
    app.finish_background();
    assert_eq!(app.is_verified(), Some(false));
    let notes = app.notifications().notes();
    assert_eq!(notes.len(), 1, "{notes:?}");
    let notice = &notes[0];
    assert_eq!(
        notice.level,
        crate::ui::notify::Level::Error,
        "stays until dismissed"
    );
    assert!(
        notice.text.contains("数据库检查发现损坏"),
        "{}",
        notice.text
    );
    assert!(
        notice.text.contains(&db.display().to_string()),
        "{}",
        notice.text
    );
    assert!(
        notice
            .text
            .contains(&super::safety::restore_command(&db, &good[0])),
        "names the newest backup and the command that restores it: {}",
        notice.text
    );
    assert_eq!(backups(&db), good, "no backup of the damaged file");
}

#[test]
fn meetings_that_could_not_be_read_are_told_in_the_interface_language() {
    use egui_kittest::kittest::Queryable;
    let dir = tempfile::tempdir().unwrap();
    let mut app = sample_app(&dir);
    // As for a large agency, whose meetings are read beside the first screen.
    Arc::make_mut(&mut app.data).meetings_loaded = false;
    let error = || StoreError::Io {
        path: dir.path().join("desk.redb"),
        source: std::io::Error::from(std::io::ErrorKind::PermissionDenied),
    };
    app.take_meetings(Err(error()), &[]);
    app.navigate(Route::Meetings);
    let mut h = egui_kittest::Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .with_context_setup(crate::ui::fonts::install_fonts)
        .build_ui_state(|ui, app: &mut AccountDeskApp| app.frame_ui(ui), app);
    h.step();
    h.step();
    let zh = error().message(Lang::Zh);
    assert!(zh.contains("没有权限"), "{zh}");
    // On the list and in the notification.
    let told = format!("读取会议记录失败：{zh}");
    assert_eq!(h.query_all_by_label(&told).count(), 2);
    assert!(
        h.query_by_label_contains(&error().to_string()).is_none(),
        "no English sentence in the Chinese interface"
    );
    // The notification says the same.
    assert!(
        h.state()
            .notifications()
            .notes()
            .iter()
            .any(|n| n.text.contains(&zh))
    );
    // Switched to English, the list reads in English.
    h.state_mut().prefs.lang = Lang::En;
    h.step();
    h.step();
    let told = format!("Could not read the meetings: {}", error());
    assert!(h.query_all_by_label(&told).count() >= 1);
}

mod feed;
pub(in crate::app) mod team;
