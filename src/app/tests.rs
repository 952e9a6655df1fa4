//! After any change the app re-reads one record and updates the index in place; these tests
//! hold that to the truth: the snapshot and the search must equal a full reload.

use super::*;
use crate::domain::{Brand, Client, Contact, Job};
use crate::services::{
    BrandDraft, BriefDraft, ClientDraft, Command, ContactDraft, JobDraft, UserDraft,
};
use crate::ui::search_ui::build_index;
use std::time::{Duration, Instant};

fn sample_app(dir: &tempfile::TempDir) -> AccountDeskApp {
    let store = Store::open(&dir.path().join("desk.redb")).unwrap();
    let now = chrono::Utc::now();
    crate::services::sample::load_sample(&store, now, now.date_naive()).unwrap();
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
    let fresh = Data::load(&app.store, app.data.generation).unwrap();
    assert_eq!(*app.data, fresh, "snapshot differs from a full reload");
    let mut rebuilt = build_index(&fresh);
    crate::ui::search_ui::index_meetings(&mut rebuilt, &fresh, &app.store).unwrap();
    let index = app.search_index.ready().unwrap();
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
    let job: &Job = data.jobs.first().unwrap();
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
    run(app, Command::UpdateClient(client.id, renamed));
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
    run(app, Command::UpdateContact(contact.id, moved));
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
    run(app, Command::UpdateBrand(brand.id, brand_draft));
    let mut job_draft = JobDraft::from_job(job);
    job_draft.title = "2027 新春 TVC".into();
    run(app, Command::UpdateJob(job.id, job_draft.clone()));
    job_draft.title = "新品快闪店".into();
    run(app, Command::CreateJob(job_draft));
    let mut brief = BriefDraft::default();
    brief.content.background = "新的背景".into();
    run(app, Command::SaveBrief(job.id, brief));
    if let Some(next) = job.status.next_options().first() {
        run(app, Command::SetJobStatus(job.id, *next));
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
    run(app, Command::SaveSettings(settings));
    // Undo the last four changes (settings, user, status, brief): each undo is a change of
    // its own, and puts the job back as it was.
    for _ in 0..4 {
        let step = app.undo.pop().unwrap().step;
        run(app, Command::Undo(step));
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
    run(app, Command::SaveMeeting(Box::new(meeting)));
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
    app.data = Arc::new(Data::load_without_meetings(&app.store, app.data.generation + 1).unwrap());
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
            .search("kkkl", 5)
            .is_empty()
    );
}

#[test]
fn the_daily_backup_runs_beside_the_window_and_reports_only_failures() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = sample_app(&dir);
    let when = chrono::NaiveDate::from_ymd_opt(2026, 11, 27)
        .and_then(|d| d.and_hms_opt(9, 0, 0))
        .unwrap();
    app.start_auto_backup(when);
    let start = Instant::now();
    while app.is_backing_up() {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "backup never finished"
        );
        std::thread::sleep(Duration::from_millis(2));
        app.poll_backup();
    }
    assert!(
        app.notifications().notes().is_empty(),
        "no message for a backup that worked"
    );
    let newest = crate::store::backup::newest_backup(app.store.path()).unwrap();
    let newest = newest.expect("today's backup");
    assert_eq!(
        Store::open(&newest).unwrap().all::<Client>().unwrap().len(),
        4
    );
    // A backup folder that cannot be written: the failure is shown.
    let backups = crate::store::backup::backup_dir(app.store.path());
    std::fs::remove_dir_all(&backups).unwrap();
    std::fs::write(&backups, b"a file where the folder should be").unwrap();
    app.start_auto_backup(when + chrono::Duration::days(1));
    while app.is_backing_up() {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "backup never finished"
        );
        std::thread::sleep(Duration::from_millis(2));
        app.poll_backup();
    }
    assert!(
        !app.notifications().notes().is_empty(),
        "the failure is reported"
    );
}
