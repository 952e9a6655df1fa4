//! The screens of the central panel. Each screen draws from [`Env`] and pushes [`UiAction`]s;
//! [`Screens`] keeps what the person is editing (drafts, chosen tab or version) between
//! frames, so a failed save loses nothing and unsaved edits can be saved or discarded from
//! the shell's leave warning.

mod approvals;
mod archive;
mod brand;
mod budget;
mod client;
mod clients;
mod conflict;
mod contacts;
mod contracts;
mod document;
mod estimates;
mod files;
mod history;
mod inbox;
mod job;
mod jobs;
mod library;
mod library_item;
mod meeting;
mod meetings;
mod paste;
mod schedule;
mod settings;
mod templates;
pub(crate) mod thumbs;
mod timeline;
mod users;
mod widgets;
mod work;

pub use files::PendingFile;

use super::model::{ClientTab, Env, FilesPlace, MeetingTab, Route, UiAction};
use crate::domain::{BrandId, ClientId, JobId, MeetingId, Subject};
use crate::services::{Applied, ClientDraft, Command, JobDraft, Reverse, UndoStep};
use widgets::Form;

/// Per-screen state: drafts being edited, list filters, the brief version being viewed.
#[derive(Debug, Default)]
pub struct Screens {
    navigation: Option<Route>,
    /// The kind of record a form asked to create, until the creation is confirmed.
    pending_create: Option<Subject>,
    client_list: clients::ClientList,
    new_client: Form<(), ClientDraft>,
    client_file: client::ClientFile,
    brand: brand::BrandPage,
    job_list: jobs::JobList,
    new_job: Form<Option<ClientId>, JobDraft>,
    job: job::JobPage,
    schedule: schedule::SchedulePage,
    estimates: estimates::EstimatesPage,
    approvals: approvals::ApprovalsPage,
    timeline: timeline::TimelinePage,
    meeting_list: meetings::MeetingList,
    new_meeting: Form<Option<ClientId>, meetings::NewMeeting>,
    meeting: meeting::MeetingPage,
    users: users::UsersPage,
    settings: settings::SettingsPage,
    templates: templates::TemplatesPage,
    files: files::FilesPage,
    document: document::DocumentPage,
    inbox: inbox::InboxPage,
    library: library::LibraryPage,
    library_item: library_item::ItemPage,
    archive: archive::ArchivePage,
    work: work::WorkPage,
    history: history::HistoryPage,
    /// The folders watched for arriving files (the person's preference, shown on the
    /// inbox page).
    watched: Vec<std::path::PathBuf>,
}

impl Screens {
    /// Draws the central panel for `route` (every route except the welcome screen).
    pub fn ui(&mut self, ui: &mut egui::Ui, route: Route, env: &Env, actions: &mut Vec<UiAction>) {
        let start = actions.len();
        match route {
            Route::Welcome | Route::Clients => self.client_list.ui(ui, env, actions),
            Route::NewClient => {
                clients::new_client_ui(ui, env, &mut self.new_client, actions);
            }
            Route::Client(id, tab) => self.client_file.ui(ui, env, id, tab, actions),
            Route::Brand(id) => self.brand.ui(ui, env, id, actions),
            Route::Jobs => self.job_list.ui(ui, env, actions),
            Route::NewJob(client) => jobs::new_job_ui(ui, env, client, &mut self.new_job, actions),
            Route::Job(id) => self.job.ui(ui, env, id, actions),
            Route::Schedule(id) => self.schedule.ui(ui, env, id, actions),
            Route::Estimates(id) => self.estimates.ui(ui, env, id, actions),
            Route::Approvals => {
                self.approvals.ui(ui, env, actions);
                if let Some((job, estimate)) = self.approvals.take_chosen() {
                    self.estimates.select(job, estimate);
                }
            }
            Route::Timeline(scope) => self.timeline.ui(ui, env, scope, actions),
            Route::Meetings => self.meeting_list.ui(ui, env, actions),
            Route::NewMeeting(client) => {
                meetings::new_meeting_ui(ui, env, client, &mut self.new_meeting, actions);
            }
            Route::Meeting(id, tab) => self.meeting.ui(ui, env, id, tab, actions),
            Route::Files(place) => self.files.ui(ui, env, place, actions),
            Route::Document(id) => self.document.ui(ui, env, id, actions),
            Route::Inbox => self.inbox.ui(ui, env, &self.watched, actions),
            Route::Library => self.library.ui(ui, env, actions),
            Route::LibraryItem(id) => self.library_item.ui(ui, env, id, actions),
            Route::Archive(client) => self.archive.ui(ui, env, client, actions),
            Route::Work(id) => self.work.ui(ui, env, id, actions),
            Route::History => self.history.ui(ui, env, actions),
            Route::Users => self.users.ui(ui, env, actions),
            Route::Settings => self.settings.ui(ui, env, actions),
            Route::Templates => self.templates.ui(ui, env, actions),
            // Drawn by the app, which talks to the team database's server.
            Route::Team => {}
        }
        let signed_copy = actions[start..]
            .iter()
            .any(|a| matches!(a, UiAction::AttachSignedCopy { .. }));
        if !signed_copy {
            self.drops_to_files(ui, route, env, actions);
        }
        self.note_creates(&actions[start..]);
    }

    /// Files dropped on a client's, brand's, job's or meeting's page wait on that place's
    /// files page, their kind, title and date proposed, to be confirmed there. (The files
    /// page takes its own drops; a meeting's page takes a signed copy of its minutes.)
    fn drops_to_files(
        &mut self,
        ui: &egui::Ui,
        route: Route,
        env: &Env,
        actions: &mut Vec<UiAction>,
    ) {
        let place = match route {
            Route::Client(id, _) => FilesPlace::Client(id),
            Route::Brand(id) => FilesPlace::Brand(id),
            Route::Job(id) | Route::Schedule(id) | Route::Estimates(id) => FilesPlace::Job(id),
            Route::Meeting(id, _) => FilesPlace::Meeting(id),
            _ => return,
        };
        let dropped = files::dropped_paths(ui);
        if dropped.is_empty() {
            return;
        }
        let stage = match place {
            FilesPlace::Job(j) => env.data.job(j).map(|j| j.status),
            _ => None,
        };
        self.files.chosen(
            dropped
                .into_iter()
                .map(|p| PendingFile::new(p, place, stage))
                .collect(),
        );
        actions.push(UiAction::Navigate(Route::Files(place)));
    }

    /// Whether the form on `route` has edits that are not saved yet.
    pub fn is_dirty(&self, route: Route) -> bool {
        match route {
            Route::Welcome
            | Route::Clients
            | Route::Jobs
            | Route::Schedule(_)
            | Route::Timeline(_)
            | Route::Templates
            | Route::Team
            | Route::Approvals
            | Route::Inbox
            | Route::History
            | Route::Meetings => false,
            Route::Estimates(id) => self.estimates.is_dirty(id),
            Route::NewMeeting(client) => self.new_meeting.is_dirty_for(client),
            Route::Meeting(id, _) => self.meeting.is_dirty(id),
            Route::Files(place) => self.files.is_dirty(place),
            Route::Document(id) => self.document.is_dirty(id),
            Route::Library => self.library.is_dirty(),
            Route::LibraryItem(id) => self.library_item.is_dirty(id),
            Route::Archive(_) => self.archive.is_dirty(),
            Route::Work(id) => self.work.is_dirty(id),
            Route::NewClient => self.new_client.is_dirty(),
            Route::Client(id, tab) => self.client_file.is_dirty(id, tab),
            Route::Brand(id) => self.brand.is_dirty(id),
            Route::NewJob(client) => self.new_job.is_dirty_for(client),
            Route::Job(id) => self.job.is_dirty(id),
            Route::Users => self.users.is_dirty(),
            Route::Settings => self.settings.is_dirty(),
        }
    }

    /// Drops the edits on `route`; the form reloads from the data on the next frame.
    pub fn discard(&mut self, route: Route) {
        match route {
            Route::Welcome
            | Route::Clients
            | Route::Jobs
            | Route::Schedule(_)
            | Route::Timeline(_)
            | Route::Templates
            | Route::Team
            | Route::Approvals
            | Route::Inbox
            | Route::History
            | Route::Meetings => {}
            Route::Estimates(_) => self.estimates.discard(),
            Route::NewMeeting(_) => self.new_meeting.discard(),
            Route::Meeting(..) => self.meeting.discard(),
            Route::Files(_) => self.files.discard(),
            Route::Document(_) => self.document.discard(),
            Route::Library => self.library.discard(),
            Route::LibraryItem(_) => self.library_item.discard(),
            Route::Archive(_) => self.archive.discard(),
            Route::Work(_) => self.work.discard(),
            Route::NewClient => self.new_client.discard(),
            Route::Client(_, tab) => self.client_file.discard(tab),
            Route::Brand(_) => self.brand.discard(),
            Route::NewJob(_) => self.new_job.discard(),
            Route::Job(_) => self.job.discard(),
            Route::Users => self.users.discard(),
            Route::Settings => self.settings.discard(),
        }
    }

    /// Pushes the save command of every dirty form on `route` (Ctrl+S, or "Save" in the
    /// shell's leave warning).
    pub fn save(&mut self, route: Route, env: &Env, actions: &mut Vec<UiAction>) {
        let start = actions.len();
        match route {
            Route::Welcome
            | Route::Clients
            | Route::Jobs
            | Route::Schedule(_)
            | Route::Timeline(_)
            | Route::Meetings
            | Route::Templates
            | Route::Team
            | Route::Approvals
            | Route::Inbox
            | Route::History
            | Route::NewMeeting(_) => {}
            Route::Estimates(id) => self.estimates.save(id, env, actions),
            Route::Meeting(id, _) => self.meeting.save(id, actions),
            Route::Files(place) => self.files.save(place, actions),
            Route::Document(id) => self.document.save(id, env, actions),
            Route::Library => self.library.save(actions),
            Route::LibraryItem(id) => self.library_item.save(id, actions),
            Route::Archive(_) => self.archive.save(env, actions),
            Route::Work(id) => self.work.save(id, env, actions),
            Route::NewClient => {
                if self.new_client.is_dirty() {
                    let d = self.new_client.draft.clone();
                    actions.push(UiAction::Command(Command::CreateClient(d)));
                }
            }
            Route::Client(id, tab) => self.client_file.save(id, tab, actions),
            Route::Brand(id) => self.brand.save(id, actions),
            Route::NewJob(client) => {
                if self.new_job.is_dirty_for(client) {
                    let d = self.new_job.draft.clone();
                    actions.push(UiAction::Command(Command::CreateJob(d)));
                }
            }
            Route::Job(id) => self.job.save(id, actions),
            Route::Users => self.users.save(actions),
            Route::Settings => self.settings.save(actions),
        }
        self.note_creates(&actions[start..]);
    }

    /// A command succeeded: the form that saved it is clean again; after a creation, the
    /// route to the new record is remembered for [`Screens::take_navigation`].
    pub fn on_applied(&mut self, applied: &Applied) {
        let created = matches!(
            &applied.undo,
            Some(UndoStep { reverse: Reverse::Remove(s, id), .. })
                if *s == applied.subject && *id == applied.id
        ) && self.pending_create == Some(applied.subject);
        if created {
            self.pending_create = None;
        }
        let id = applied.id;
        match applied.subject {
            Subject::Client if created => {
                self.new_client.discard();
                self.navigation = Some(Route::Client(ClientId(id), ClientTab::Details));
            }
            Subject::Client => self.client_file.on_client_saved(ClientId(id)),
            Subject::Contact => self.client_file.on_contact_applied(id, created),
            Subject::Contract => self.client_file.on_contract_applied(id, created),
            Subject::Brand if created => {
                self.client_file.on_brand_created();
                self.navigation = Some(Route::Brand(BrandId(id)));
            }
            Subject::Brand => self.brand.on_saved(BrandId(id)),
            Subject::Job if created => {
                self.new_job.discard();
                self.navigation = Some(Route::Job(JobId(id)));
            }
            Subject::Job => self.job.on_job_saved(JobId(id)),
            Subject::Brief => self.job.on_brief_saved(JobId(id)),
            Subject::User => self.users.on_applied(id, created),
            Subject::Settings => self.settings.on_saved(),
            Subject::Meeting if created => {
                self.new_meeting.discard();
                self.navigation = Some(Route::Meeting(MeetingId(id), MeetingTab::Details));
            }
            Subject::Meeting => self.meeting.on_saved(MeetingId(id)),
            Subject::Estimate => self.estimates.on_applied(id),
            Subject::Schedule => {}
            Subject::Document => self.document.on_saved(crate::domain::DocumentId(id)),
            Subject::LibraryItem if created => {
                self.library.on_created();
                let id = crate::domain::LibraryItemId(id);
                self.navigation = Some(Route::LibraryItem(id));
            }
            Subject::CreativeWork if created => {
                self.archive.on_created();
                let id = crate::domain::CreativeWorkId(id);
                self.navigation = Some(Route::Work(id));
            }
            Subject::CreativeWork => self.work.on_saved(crate::domain::CreativeWorkId(id)),
            Subject::LibraryItem => self.library_item.on_saved(crate::domain::LibraryItemId(id)),
        }
    }

    /// Files chosen with the open dialog, or refused as repeats: back to the inbox when
    /// they came from it, else to the files page.
    pub fn documents_chosen(&mut self, files: Vec<PendingFile>) {
        let (inbox, page): (Vec<PendingFile>, Vec<PendingFile>) =
            files.into_iter().partition(|f| self.inbox.holds(&f.path));
        self.inbox.refused(inbox);
        self.files.chosen(page);
    }

    /// A file waiting on the files page or in the inbox was filed (or set aside).
    pub fn document_filed(&mut self, path: &std::path::Path) {
        self.files.filed(path);
        self.inbox.gone(path);
    }

    /// Files that stopped growing in the watched folders.
    pub fn inbox_arrived(&mut self, paths: Vec<std::path::PathBuf>) {
        self.inbox.arrived(paths);
    }

    /// How many files wait in the inbox.
    pub fn inbox_waiting(&self) -> usize {
        self.inbox.waiting()
    }

    /// The folders watched, for the inbox page.
    pub fn set_watched(&mut self, folders: &[std::path::PathBuf]) {
        if self.watched != folders {
            self.watched = folders.to_vec();
        }
    }

    /// An estimate sheet chosen for the estimates page of `job`.
    pub fn estimate_sheet_chosen(
        &mut self,
        job: JobId,
        path: std::path::PathBuf,
        bytes: Vec<u8>,
        lang: crate::domain::Lang,
    ) {
        self.estimates.sheet_chosen(job, path, bytes, lang);
    }

    /// Where to go after a creation succeeded (polled by the shell after `on_applied`).
    pub fn take_navigation(&mut self) -> Option<Route> {
        self.navigation.take()
    }

    fn note_creates(&mut self, pushed: &[UiAction]) {
        for a in pushed {
            if let UiAction::Command(command) = a
                && let Some(subject) = command.creates()
            {
                self.pending_create = Some(subject);
            }
        }
    }
}
