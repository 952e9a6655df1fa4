//! The eframe application: owns the store, the data snapshot, the search index and the UI
//! state; draws a frame, then applies the frame's actions in one place.

mod actions;
pub mod dialog;
mod estimates;
mod exporting;
mod feed;
mod filing;
mod frame;
mod index_thread;
mod indexing;
mod navigation;
mod watch;
use indexing::update_index;
mod minutes;
mod opening;
mod people;
pub mod placement;
mod retry;
mod safety;
mod startup;
mod team;

use dialog::SystemOpener;
pub use dialog::{Opener, SaveAnswer, SaveDialog, SaveRequest};
pub use startup::run;
pub use team::{Places, Target};

use crate::domain::{Lang, MeetingSummary, Subject, UserId};
use crate::search::SearchIndex;
use crate::services::searching::SharedIndex;
use crate::services::{Reader, UndoStep};
use crate::store::{Store, StoreError};
use crate::ui::model::{Data, Route, Told};
use crate::ui::notify::Notifications;
use crate::ui::screens::Screens;
use crate::ui::search_ui::SearchPopup;
use crate::ui::welcome::Welcome;
use serde::{Deserialize, Serialize};
use std::sync::{Arc, mpsc};

/// Preferences of this person on this computer, remembered by eframe between runs. Business
/// data never lives here.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Prefs {
    /// Interface language.
    pub lang: Lang,
    /// The user last chosen as "current user".
    pub current_user: Option<UserId>,
    /// Where the person was when the window closed; reopened if the record still exists.
    pub last_route: Option<Route>,
    /// Light or dark look: follow the OS (the default), or always light or dark.
    pub theme: egui::ThemePreference,
    /// Databases whose place (a cloud-sync folder, a network drive) the person was warned
    /// about: the warning shows once per database.
    pub warned_placement: Vec<std::path::PathBuf>,
    /// Folders watched for arriving files (Outlook's attachments, WeChat's downloads).
    pub watched: Vec<std::path::PathBuf>,
    /// Files of the watched folders filed or set aside, by path, size and time: never
    /// offered again (unless changed).
    pub inbox_taken: Vec<String>,
}

/// One undoable change: what it was, and how to undo it.
#[derive(Debug, Clone)]
pub struct UndoEntry {
    /// The kind of record changed, named on the Undo button in the current language.
    pub subject: Subject,
    /// Which record, e.g. the client's name (from [`crate::services::Applied::summary`]).
    pub summary: String,
    /// Applied as `Command::Undo`.
    pub step: UndoStep,
}

impl UndoEntry {
    /// What the Undo button says it will undo, e.g. `客户 可口可乐`.
    pub fn label(&self, lang: Lang) -> String {
        let summary = crate::ui::notify::summary_text(self.subject, &self.summary, lang);
        format!("{} {summary}", subject_label(self.subject, lang))
    }
}

/// The kind of record, as people call it (declared with the kind, see
/// [`crate::services::kind`]).
pub fn subject_label(subject: Subject, lang: Lang) -> &'static str {
    crate::services::subject_name(subject, lang)
}

/// What the start-up worker of a large agency delivers: every meeting (or why they could
/// not be read), and the search index over the snapshot and those meetings.
type Background = (Result<Vec<MeetingSummary>, StoreError>, SearchIndex);

/// The global search index. Building it takes a while for a large agency (≈ 0.6 s for a
/// decade with its meetings), so at start it is built on a worker thread — which first reads
/// the meetings — while the first screen is drawn; from then on each change updates it in
/// place.
enum Search {
    /// Being built from a snapshot; `pending` are the records changed since, applied to the
    /// index (and, for meetings, to the snapshot) when it arrives.
    Building {
        built: mpsc::Receiver<Background>,
        pending: Vec<(Subject, u64)>,
    },
    /// Up to date; shared with the search popup's thread.
    Ready(SharedIndex),
}

/// From this many searchable records on, the index is built on a worker thread; below, it
/// takes under 10 ms and is built at once.
const BUILD_IN_BACKGROUND_FROM: usize = 5_000;

/// The running application.
pub struct AccountDeskApp {
    /// Shared with the verification pass and the backups while they run.
    /// Reads the words of filed documents in the background (see `filing`).
    texts: filing::TextReader,
    /// A client's or job's archive being written to a zip.
    archive_export: Option<exporting::ArchiveExport>,
    /// The search popup's query looked for in the documents' files, in the background.
    words: indexing::WordSearch,
    /// The watched folders, as last looked at.
    watcher: filing::Watching,
    store: Arc<Store>,
    /// The verification pass and the automatic backup after it, and a backup the person
    /// asked for, running on worker threads (a decade-size file takes seconds to read);
    /// their outcomes are reported when they arrive.
    safety: safety::SafetyState,
    /// Asks where to save a file: the system's dialog, or a test's answer.
    save_dialog: Box<dyn SaveDialog>,
    /// Where files go that are written without a dialog (the minutes' PDF and email draft
    /// when sending; exports when no dialog can be shown): `None` is the person's Documents
    /// folder ([`actions::fallback_export_dir`]); tests give a folder of their own.
    export_dir: Option<std::path::PathBuf>,
    /// Hands a file to the program that shows it (the system's, or a test's recorder).
    opener: Box<dyn Opener>,
    /// Asks which file to take (the system's open dialog, or a test's answer).
    file_picker: Box<dyn dialog::FilePicker>,
    /// Shared with the index builder while it runs; changed copy-on-write.
    data: Arc<Data>,
    search_index: Search,
    route: Route,
    screens: Screens,
    prefs: Prefs,
    undo: Vec<UndoEntry>,
    /// Undone changes that can be redone, newest last (cleared by a new change).
    redo: Vec<UndoEntry>,
    notes: Notifications,
    search: SearchPopup,
    welcome: Welcome,
    /// A navigation waiting for the person to decide about unsaved changes.
    pending_route: Option<Route>,
    /// The window was asked to close while a form had unsaved changes.
    pending_close: bool,
    /// How many meetings' minutes need someone (the navigation's badge), counted at a data
    /// generation and minute: (generation, minute, count).
    attention: Option<(u64, i64, usize)>,
    /// The estimates waiting for the current user, counted per data generation and user.
    approvals: Option<(u64, Option<UserId>, usize)>,
    /// How many of the library's items are overdue, counted at a data generation and day.
    overdue: Option<(u64, chrono::NaiveDate, usize)>,
    /// Where the app stands in the change feed.
    feed: feed::FeedState,
    /// Who is logged in, on a team database.
    team: Option<team::TeamSide>,
    /// The other databases this window can switch to.
    places: team::Places,
    /// 切换数据库…
    switcher: team::Switcher,
    /// A change waiting for the team database's server.
    retry: Option<retry::Retry>,
    /// 团队与权限 (team databases).
    people_admin: people::PeopleAdmin,
}

impl AccountDeskApp {
    /// The app over an open store.
    pub fn new(store: Store, prefs: Prefs) -> Self {
        let mut app = AccountDeskApp {
            store: Arc::new(store),
            safety: safety::SafetyState::default(),
            save_dialog: Box::new(dialog::NativeDialog),
            export_dir: None,
            opener: Box::new(SystemOpener),
            file_picker: Box::new(dialog::NativePicker),
            data: Arc::default(),
            search_index: Search::Ready(SharedIndex::default()),
            route: Route::Clients,
            screens: Screens::default(),
            prefs,
            undo: Vec::new(),
            redo: Vec::new(),
            notes: Notifications::default(),
            search: SearchPopup::default(),
            welcome: Welcome::default(),
            pending_route: None,
            pending_close: false,
            attention: None,
            approvals: None,
            overdue: None,
            feed: feed::FeedState::default(),
            team: None,
            places: team::Places::default(),
            switcher: team::Switcher::default(),
            retry: None,
            people_admin: people::PeopleAdmin::default(),
            texts: filing::TextReader::default(),
            archive_export: None,
            words: indexing::WordSearch::default(),
            watcher: filing::Watching::default(),
        };
        app.join_team();
        app.reload();
        if app.is_blank() {
            app.route = Route::Welcome;
        } else if !app.is_team()
            && let Some(route) = app.prefs.last_route.filter(|r| *r != Route::Welcome)
        {
            app.route = route;
            app.fix_route();
        }
        if !app.is_team() {
            app.warn_about_placement();
        }
        if let Some(problem) = crate::domain::calendar::WorkCalendar::shipped_problem() {
            let text = crate::domain::calendar::WorkCalendar::shipped_problem_text(
                problem,
                app.prefs.lang,
            );
            app.notes.error(text);
        }
        app
    }

    /// Answers save dialogs with `dialog` instead of the system's (for tests).
    pub fn set_save_dialog(&mut self, dialog: Box<dyn SaveDialog>) {
        self.save_dialog = dialog;
    }

    /// Writes files that need no dialog into `dir` instead of the Documents folder (for tests).
    pub fn set_export_dir(&mut self, dir: std::path::PathBuf) {
        self.export_dir = Some(dir);
    }

    /// Opens files with `opener` instead of the system's programs (for tests).
    pub fn set_opener(&mut self, opener: Box<dyn Opener>) {
        self.opener = opener;
    }

    /// Answers open dialogs with `picker` instead of the system's (for tests).
    pub fn set_file_picker(&mut self, picker: Box<dyn dialog::FilePicker>) {
        self.file_picker = picker;
    }

    /// Makes each frame of the search popup wait up to `wait` for the hits of a query just
    /// typed (tests wait until they come; the window waits a few milliseconds and lists
    /// them when they come).
    pub fn set_search_wait(&mut self, wait: std::time::Duration) {
        self.search.set_wait(wait);
    }

    /// Whether the search popup lists the hits of the query typed in it.
    pub fn search_is_answered(&self) -> bool {
        self.search.is_answered()
    }

    /// The folder for files written without a dialog.
    fn export_dir(&self) -> std::path::PathBuf {
        self.export_dir
            .clone()
            .unwrap_or_else(actions::fallback_export_dir)
    }

    /// Hands `path` to the program that shows it; a failure is explained in a notification.
    pub(crate) fn open_path(&mut self, path: &std::path::Path) {
        if let Err(e) = self.opener.open(path) {
            self.notes
                .error(actions::open_failure(path, &e, self.prefs.lang));
        }
    }

    /// Says that the preferences (language, theme, the page last open) could not be read and
    /// the defaults are in use; the database is not affected.
    pub(crate) fn warn_prefs_unreadable(&mut self, file: Option<&std::path::Path>) {
        let (zh, en) = file.map_or_else(Default::default, |f| {
            (
                format!("（{}）", f.display()),
                format!(" ({})", f.display()),
            )
        });
        self.notes.warning(match self.prefs.lang {
            Lang::Zh => format!(
                "界面设置{zh}无法读取，已改用默认设置（语言、主题、上次打开的页面）。数据库没有受影响；关闭窗口时会保存新的设置。"
            ),
            Lang::En => format!(
                "The window's settings{en} could not be read, so the defaults are in use (language, theme, the page last open). The database is not affected; new settings are saved when the window closes."
            ),
        });
    }

    /// Warns, once per database, about one kept in a cloud-sync folder or on a network
    /// drive: two people or computers syncing one file lose work.
    fn warn_about_placement(&mut self) {
        let db = self.store.path().to_path_buf();
        if self.prefs.warned_placement.contains(&db) {
            return;
        }
        if let Some(text) = placement::placement(&db).warning(&db, self.prefs.lang) {
            self.notes.warning(text);
            self.prefs.warned_placement.push(db);
        }
    }

    /// Where the person is.
    pub fn route(&self) -> Route {
        self.route
    }

    /// The data snapshot on screen.
    pub fn data(&self) -> &Data {
        &self.data
    }

    /// The store.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Preferences (language, current user).
    pub fn prefs(&self) -> &Prefs {
        &self.prefs
    }

    /// The preferences to remember now, including where the person is.
    pub fn prefs_to_save(&self) -> Prefs {
        self.desk_prefs(Prefs {
            last_route: (self.route != Route::Welcome).then_some(self.route),
            ..self.prefs.clone()
        })
    }

    /// Tells the window which other databases it can switch to.
    pub fn set_places(&mut self, places: Places) {
        // A team database's working copies are this computer's: kept beside its own database.
        if let Some(folder) = places.desk.as_deref().and_then(std::path::Path::parent) {
            self.store.keep_own_in(folder.to_path_buf());
        }
        self.places = places;
    }

    /// The other databases this window can switch to.
    pub fn places(&self) -> &Places {
        &self.places
    }

    /// Messages currently shown.
    pub fn notifications(&self) -> &Notifications {
        &self.notes
    }

    /// Number of undoable changes.
    pub fn undo_depth(&self) -> usize {
        self.undo.len()
    }

    /// Number of undone changes that can be redone.
    pub fn redo_depth(&self) -> usize {
        self.redo.len()
    }

    fn is_blank(&self) -> bool {
        self.data.users.is_empty() && self.data.clients.is_empty()
    }

    /// Takes over the search index if its builder is done.
    fn poll_index(&mut self) {
        if let Search::Building { built, pending } = &mut self.search_index {
            match built.try_recv() {
                Ok(background) => {
                    let pending = std::mem::take(pending);
                    self.install_background(background, pending);
                }
                Err(mpsc::TryRecvError::Empty) => {}
                Err(mpsc::TryRecvError::Disconnected) => {
                    // The builder failed (it never should): build here instead.
                    log::warn!("the search index builder stopped; building it on the UI thread");
                    let pending = std::mem::take(pending);
                    let (meetings, mut index) = read_and_index(&self.data, &self.store);
                    self.take_meetings(meetings, &pending);
                    for (subject, id) in pending {
                        update_index(&mut index, &self.data, &self.store, subject, id);
                    }
                    self.search_index = Search::Ready(SharedIndex::new(index));
                    self.search.invalidate();
                }
            }
        }
    }

    /// Waits for what the start-up workers read, build and write (the meetings, the search
    /// index, the verification pass and the backups) and for the look for words in the
    /// documents under way, and takes it over: for tools, tests and
    /// benchmarks that reopen the database after the app, which the workers hold open until
    /// they are done.
    pub fn finish_background(&mut self) {
        self.poll_safety(true);
        self.finish_looking_for_words();
        if let Search::Building { built, pending } = &mut self.search_index {
            let pending = std::mem::take(pending);
            match built.recv() {
                Ok(background) => self.install_background(background, pending),
                Err(_) => {
                    if let Search::Building { pending: p, .. } = &mut self.search_index {
                        *p = pending;
                    }
                    self.poll_index();
                }
            }
        }
    }

    /// Takes over the meetings and the index from the start-up worker, with the changes made
    /// since it started.
    fn install_background(
        &mut self,
        (meetings, mut index): Background,
        pending: Vec<(Subject, u64)>,
    ) {
        self.take_meetings(meetings, &pending);
        for (subject, id) in pending {
            update_index(&mut index, &self.data, &self.store, subject, id);
        }
        self.search_index = Search::Ready(SharedIndex::new(index));
        self.search.invalidate();
    }

    /// Installs the meetings read beside the first screen; those changed since are read
    /// again.
    fn take_meetings(
        &mut self,
        meetings: Result<Vec<MeetingSummary>, StoreError>,
        pending: &[(Subject, u64)],
    ) {
        if self.data.meetings_loaded {
            return;
        }
        match meetings {
            Ok(m) => {
                let data = Arc::make_mut(&mut self.data);
                data.install_meetings(m);
                for (_, id) in pending.iter().filter(|(s, _)| *s == Subject::Meeting) {
                    if let Err(e) = data.refresh(Reader::new(&self.store), Subject::Meeting, *id) {
                        log::warn!("re-reading meeting {id}: {e}");
                    }
                }
            }
            Err(e) => {
                let lang = self.prefs.lang;
                self.notes.error(format!(
                    "{}{}",
                    lang.pick("读取会议记录失败：", "Could not read the meetings: "),
                    e.message(lang)
                ));
                Arc::make_mut(&mut self.data).meetings_failed = Some(Told::of(&e));
            }
        }
    }

    /// Re-reads the one record a command changed and updates the search index with it.
    fn refresh(&mut self, subject: Subject, id: u64) {
        let data = Arc::make_mut(&mut self.data);
        if let Err(e) = data.refresh(Reader::new(&self.store), subject, id) {
            let lang = self.prefs.lang;
            self.notes.error(format!(
                "{}{}",
                lang.pick("读取数据库失败：", "Could not read the database: "),
                e.message(lang)
            ));
            self.reload();
            return;
        }
        match &mut self.search_index {
            Search::Ready(index) => update_index(index, &self.data, &self.store, subject, id),
            Search::Building { pending, .. } => pending.push((subject, id)),
        }
        self.search.invalidate();
        self.keep_current_user_valid();
    }

    /// Reloads the whole snapshot from the store and rebuilds the search index.
    fn reload(&mut self) {
        self.feed_starts_now();
        let generation = self.data.generation + 1;
        let loaded = Data::load_without_meetings(Reader::new(&self.store), generation).and_then(
            |mut data| {
                let records = data.clients.len()
                    + data.brands.len()
                    + data.jobs.len()
                    + data.contacts.len()
                    + data.contracts.len();
                if records >= BUILD_IN_BACKGROUND_FROM {
                    return Ok((data, None));
                }
                let mut index = crate::ui::search_ui::build_index(&data);
                let meetings = crate::ui::search_ui::index_meetings(
                    &mut index,
                    &data,
                    Reader::new(&self.store),
                )?;
                data.install_meetings(meetings);
                data.generation = generation;
                Ok((data, Some(index)))
            },
        );
        match loaded {
            Ok((data, index)) => {
                self.data = Arc::new(data);
                self.search_index = match index {
                    Some(index) => Search::Ready(SharedIndex::new(index)),
                    None => build_in_background(Arc::clone(&self.data), Arc::clone(&self.store)),
                };
                self.search.invalidate();
            }
            Err(e) => self.notes.error(format!(
                "{}{}",
                self.prefs
                    .lang
                    .pick("读取数据库失败：", "Could not read the database: "),
                e.message(self.prefs.lang)
            )),
        }
        self.keep_current_user_valid();
    }

    /// Keeps a valid current user: the remembered one if still active, else the first.
    fn keep_current_user_valid(&mut self) {
        if let Some(user) = self.team_user() {
            self.prefs.current_user = user;
            return;
        }
        let valid = self
            .prefs
            .current_user
            .and_then(|id| self.data.user(id))
            .is_some_and(|u| u.active);
        if !valid {
            self.prefs.current_user = self.data.active_users().next().map(|u| u.id);
        }
    }
}

impl Search {
    /// The index, once it is complete.
    fn ready(&self) -> Option<&SharedIndex> {
        match self {
            Search::Ready(index) => Some(index),
            Search::Building { .. } => None,
        }
    }
}

/// Builds the search index over `snapshot` and every meeting, read one at a time; returns
/// the meetings' heads (or why they could not be read) with it.
fn read_and_index(snapshot: &Data, store: &Store) -> Background {
    let mut index = crate::ui::search_ui::build_index(snapshot);
    let meetings = crate::ui::search_ui::index_meetings(&mut index, snapshot, store);
    (meetings, index)
}

/// Starts reading the meetings and building the search index over `data` and them on a
/// worker thread (or here, if no thread can be started).
fn build_in_background(data: Arc<Data>, store: Arc<Store>) -> Search {
    let (send, built) = mpsc::channel();
    let snapshot = Arc::clone(&data);
    let worker = Arc::clone(&store);
    let job: index_thread::IndexBuild = Box::new(move || {
        let built = read_and_index(&snapshot, &worker);
        // Let go of the snapshot before handing the index over: were it still held,
        // installing the meetings would copy the whole snapshot (`Arc::make_mut`).
        drop((snapshot, worker));
        // The app may have gone (window closed) before the index is ready.
        let _ = send.send(built);
    });
    if let Err((job, e)) = index_thread::run(job) {
        log::warn!("no thread for the search index ({e}); building it on the UI thread");
        job();
    }
    Search::Building {
        built,
        pending: Vec::new(),
    }
}

#[cfg(test)]
mod tests;
