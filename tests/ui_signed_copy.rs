//! The signed copy of sent minutes, from the meeting page: chosen with the open dialog (a
//! test's answer in its place) or dropped on the page, taken into the file store beside the
//! database, shown by its name and size, and opened as a read-only copy (opener injected: no
//! program starts).

use account_desk::app::{AccountDeskApp, Prefs};
use account_desk::domain::meeting::{MinutesState, Reply, SignedCopy};
use account_desk::domain::{FileHash, FileRef, Meeting};
use account_desk::store::Store;
use account_desk::ui::model::{MeetingTab, Route};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

#[path = "ui_signed_copy/estimates.rs"]
mod estimates;

const SIGNED: &[u8] = b"%PDF-1.7 minutes signed and stamped by the client";

fn sample_store(db: &Path) -> Store {
    let store = Store::open(db).expect("open store");
    let now = chrono::Utc::now();
    account_desk::demo::sample::load_sample(&store, now, now.date_naive()).expect("sample agency");
    store
}

fn harness(app: AccountDeskApp) -> Harness<'static, AccountDeskApp> {
    Harness::builder()
        .with_size(egui::vec2(1280.0, 860.0))
        .with_context_setup(|ctx| {
            account_desk::ui::fonts::install_fonts(ctx);
            account_desk::ui::theme::apply(ctx);
        })
        .build_ui_state(|ui, app: &mut AccountDeskApp| app.frame_ui(ui), app)
}

/// A sample meeting whose minutes are in `state`.
fn meeting_in(store: &Store, states: &[MinutesState]) -> Meeting {
    store
        .all::<Meeting>()
        .expect("meetings")
        .into_iter()
        .find(|m| states.contains(&m.state()))
        .expect("the sample has such minutes")
}

fn app_on(store: Store, meeting: &Meeting) -> AccountDeskApp {
    AccountDeskApp::new(
        store,
        Prefs {
            last_route: Some(Route::Meeting(meeting.id, MeetingTab::Send)),
            ..Prefs::default()
        },
    )
}

fn scan_of(store: &Store, meeting: &Meeting) -> Option<SignedCopy> {
    let stored = store.get::<Meeting>(meeting.id.0).ok().flatten()?;
    match stored.latest()?.reply.clone()? {
        Reply::Confirmed { scan, .. } => scan,
        Reply::Disputed { .. } => None,
    }
}

/// The signed copy the client returned, in a folder of its own outside the database's.
fn returned_copy(dir: &Path) -> PathBuf {
    let folder = dir.join("回传");
    std::fs::create_dir_all(&folder).unwrap();
    let path = folder.join("会议记录 签字版.pdf");
    std::fs::write(&path, SIGNED).unwrap();
    path
}

/// The stored file the reply names; fails the test if it is not a stored file.
fn stored_file(store: &Store, meeting: &Meeting) -> FileRef {
    match scan_of(store, meeting) {
        Some(SignedCopy::Stored(file)) => file,
        other => panic!("no stored signed copy: {other:?}"),
    }
}

#[test]
fn a_chosen_signed_copy_confirms_the_minutes_is_kept_and_opens_read_only() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("desk.redb");
    let store = sample_store(&db);
    let meeting = meeting_in(&store, &[MinutesState::Sent, MinutesState::Notified]);
    let mut app = app_on(store, &meeting);
    let chosen = returned_copy(dir.path());
    let asked = Arc::new(Mutex::new(Vec::<String>::new()));
    let noted = Arc::clone(&asked);
    let answer = chosen.clone();
    app.set_file_picker(Box::new(move |title: &str| {
        noted.lock().unwrap().push(title.to_string());
        Some(answer.clone())
    }));
    let opened = Arc::new(Mutex::new(Vec::<PathBuf>::new()));
    let noted = Arc::clone(&opened);
    app.set_opener(Box::new(move |path: &Path| {
        noted.lock().unwrap().push(path.to_path_buf());
        Ok(())
    }));
    let mut h = harness(app);
    h.run();
    h.get_by_label("选择回传件…").click();
    h.run();
    h.run();

    assert_eq!(
        asked.lock().unwrap().len(),
        1,
        "the open dialog was asked once"
    );
    let store = h.state().store();
    let stored = store.get::<Meeting>(meeting.id.0).unwrap().unwrap();
    assert_eq!(stored.state(), MinutesState::Confirmed);
    let file = stored_file(store, &meeting);
    assert_eq!(file.original_name, "会议记录 签字版.pdf");
    assert_eq!(file.size, SIGNED.len() as u64);
    assert_eq!(file.hash, FileHash::of_bytes(SIGNED));
    assert_eq!(
        std::fs::read(store.desk_files().path_of(&file.hash)).unwrap(),
        SIGNED,
        "the file is in the store beside the database"
    );
    assert!(
        store
            .referenced_files()
            .unwrap()
            .contains(&FileHash::of_bytes(SIGNED)),
        "check counts it as named"
    );
    // The page shows it by name and size, and opens a read-only copy under that name.
    h.get_by_label_contains("会议记录 签字版.pdf · 49 B");
    h.get_by_label("打开回传件").click();
    h.run();
    let opened = opened.lock().unwrap().clone();
    assert_eq!(opened.len(), 1, "{opened:?}");
    let copy = &opened[0];
    assert_ne!(copy, &chosen, "a copy, not the file the person chose");
    assert_eq!(
        copy.file_name().and_then(|n| n.to_str()),
        Some("会议记录 签字版.pdf")
    );
    assert_eq!(std::fs::read(copy).unwrap(), SIGNED);
    assert!(std::fs::metadata(copy).unwrap().permissions().readonly());
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

#[test]
fn a_file_dropped_on_a_confirmed_meeting_becomes_its_signed_copy_and_undo_takes_it_back() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("desk.redb");
    let store = sample_store(&db);
    let meeting = meeting_in(&store, &[MinutesState::Confirmed]);
    assert_eq!(scan_of(&store, &meeting), None, "the sample files no copy");
    let app = app_on(store, &meeting);
    let mut h = harness(app);
    h.run();
    h.get_by_label("选择回传件…");
    let dropped = returned_copy(dir.path());
    h.input_mut().dropped_files.push(Arc::new(Dropped(dropped)));
    h.run();
    h.run();
    let file = stored_file(h.state().store(), &meeting);
    assert_eq!(file.hash, FileHash::of_bytes(SIGNED));
    h.get_by_label_contains("会议记录 签字版.pdf · 49 B");
    h.get_by_label("更换回传件…");

    // Attached by mistake: undo puts the reply back as it was.
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert_eq!(scan_of(h.state().store(), &meeting), None);
}

#[test]
fn an_unreadable_choice_is_explained_and_nothing_is_recorded() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("desk.redb");
    let store = sample_store(&db);
    let meeting = meeting_in(&store, &[MinutesState::Sent, MinutesState::Notified]);
    let mut app = app_on(store, &meeting);
    let gone = dir.path().join("已删除.pdf");
    app.set_file_picker(Box::new(move |_: &str| Some(gone.clone())));
    let mut h = harness(app);
    h.run();
    h.get_by_label("选择回传件…").click();
    h.run();
    h.run();
    h.get_by_label_contains("已删除.pdf");
    let stored = h
        .state()
        .store()
        .get::<Meeting>(meeting.id.0)
        .unwrap()
        .unwrap();
    assert_eq!(stored.state(), meeting.state(), "not confirmed");
}
