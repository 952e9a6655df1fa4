//! What screens draw from and what they ask for: a read-only snapshot of the agency's data
//! ([`Data`]), where the person is ([`Route`]), and the requests a screen emits
//! ([`UiAction`]). Screens never write; the app applies actions after the frame.

use crate::domain::{
    AgencySettings, Brand, BrandId, Client, ClientId, Contact, Contract, Job, JobId, Lang, Meeting,
    MeetingId, MeetingSummary, Subject, User, UserId,
};
use crate::reports::minutes::DocLang;
use crate::services::Command;
use crate::services::{ReadError, Reader};
use chrono::NaiveDate;

/// A store error as the person reads it, in both interface languages (the error itself
/// cannot be kept in the snapshot): a change of language later still reads right.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Told {
    zh: String,
    en: String,
}

impl Told {
    /// The store's own sentence for `error`: what happened to which file, and what to do.
    pub fn of(error: &ReadError) -> Told {
        Told {
            zh: error.message(Lang::Zh),
            en: error.message(Lang::En),
        }
    }

    /// The sentence in `lang`.
    pub fn text(&self, lang: Lang) -> &str {
        lang.pick(&self.zh, &self.en)
    }
}

/// A snapshot of the records screens show. Loaded whole at start; after each applied command
/// the app re-reads only the record it changed ([`Data::refresh`]), so an edit costs the same
/// in a decade-old agency as in a new one. Drawing reads only this (never the database), so a
/// frame costs no I/O. Every list is in id order, as the store returns it.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Data {
    /// Bumped on every reload, so screens can refresh what they cached.
    pub generation: u64,
    /// All users, including inactive ones (history names them).
    pub users: Vec<User>,
    /// All clients, in creation order.
    pub clients: Vec<Client>,
    /// All contacts.
    pub contacts: Vec<Contact>,
    /// All contracts.
    pub contracts: Vec<Contract>,
    /// All brands.
    pub brands: Vec<Brand>,
    /// All jobs. Briefs are not part of the snapshot: the job page reads its job's brief
    /// history from the store when the job or the data changes.
    pub jobs: Vec<Job>,
    /// All meetings and calls, as lists show them (see `meetings_loaded`). A meeting's page
    /// reads the whole meeting, with its minutes, from the store.
    pub meetings: Vec<MeetingSummary>,
    /// Whether `meetings` holds every meeting. A large agency's meetings are read beside the
    /// first screen ([`Data::load_without_meetings`]); until then this is false.
    pub meetings_loaded: bool,
    /// Why the meetings read beside the first screen could not be read, if they could not;
    /// the lists say so instead of waiting for them.
    pub meetings_failed: Option<Told>,
    /// Agency settings.
    pub settings: AgencySettings,
    /// The working-day calendar of schedules: official days and the agency's own.
    pub calendar: crate::domain::calendar::WorkCalendar,
    /// The agency's schedule templates (the built-in standard plan until any is saved).
    pub templates: crate::domain::template::ScheduleTemplates,
}

impl Data {
    /// Loads the whole snapshot from the store.
    pub fn load<'a>(store: impl Into<Reader<'a>>, generation: u64) -> Result<Data, ReadError> {
        let store = store.into();
        let mut data = Data::load_without_meetings(store, generation)?;
        data.meetings = read_meetings(store, |_| {})?;
        data.meetings_loaded = true;
        Ok(data)
    }

    /// Loads everything but the meetings, for the first screen of a large agency (a decade's
    /// 40,000 meetings take longer to read than everything else together); they arrive with
    /// [`Data::install_meetings`].
    pub fn load_without_meetings<'a>(
        store: impl Into<Reader<'a>>,
        generation: u64,
    ) -> Result<Data, ReadError> {
        let store = store.into();
        let view = store.read()?;
        let settings = view.settings()?;
        Ok(Data {
            generation,
            users: view.all()?,
            clients: view.all()?,
            contacts: view.all()?,
            contracts: view.all()?,
            brands: view.all()?,
            jobs: view.all()?,
            meetings: Vec::new(),
            meetings_loaded: false,
            meetings_failed: None,
            calendar: settings.calendar(),
            settings,
            templates: crate::services::templates::or_builtin(view.templates()?),
        })
    }

    /// Takes every meeting, read beside the first screen. Bumps the generation.
    pub fn install_meetings(&mut self, meetings: Vec<MeetingSummary>) {
        self.meetings = meetings;
        self.meetings_loaded = true;
        self.generation += 1;
    }

    /// Re-reads the record `subject` / `id` after a change to it: replaced, added in id
    /// order, or removed if it is gone. A brief change re-reads its job. Bumps the generation.
    pub fn refresh<'a>(
        &mut self,
        store: impl Into<Reader<'a>>,
        subject: Subject,
        id: u64,
    ) -> Result<(), ReadError> {
        let store = store.into();
        let view = store.read()?;
        match subject {
            Subject::Client => put(&mut self.clients, id, view.get(id)?, |c| c.id.0),
            Subject::Contact => put(&mut self.contacts, id, view.get(id)?, |c| c.id.0),
            Subject::Contract => put(&mut self.contracts, id, view.get(id)?, |c| c.id.0),
            Subject::Brand => put(&mut self.brands, id, view.get(id)?, |b| b.id.0),
            Subject::Job | Subject::Brief => put(&mut self.jobs, id, view.get(id)?, |j| j.id.0),
            Subject::User => put(&mut self.users, id, view.get(id)?, |u| u.id.0),
            Subject::Settings => {
                self.settings = view.settings()?;
                self.calendar = self.settings.calendar();
                self.templates = crate::services::templates::or_builtin(view.templates()?);
            }
            Subject::Meeting => {
                let head = view.get::<Meeting>(id)?.map(|m| MeetingSummary::from(&m));
                put(&mut self.meetings, id, head, |m| m.id.0);
            }
            // Schedules, estimates, documents and the library's items are read by their
            // screens themselves.
            Subject::Schedule
            | Subject::Estimate
            | Subject::Document
            | Subject::LibraryItem
            | Subject::CreativeWork => {}
        }
        self.generation += 1;
        Ok(())
    }

    /// A client by id.
    pub fn client(&self, id: ClientId) -> Option<&Client> {
        find(&self.clients, id.0, |c| c.id.0)
    }

    /// A brand by id.
    pub fn brand(&self, id: BrandId) -> Option<&Brand> {
        find(&self.brands, id.0, |b| b.id.0)
    }

    /// A job by id.
    pub fn job(&self, id: JobId) -> Option<&Job> {
        find(&self.jobs, id.0, |j| j.id.0)
    }

    /// A meeting by id.
    pub fn meeting(&self, id: MeetingId) -> Option<&MeetingSummary> {
        find(&self.meetings, id.0, |m| m.id.0)
    }

    /// Meetings with a client.
    pub fn meetings_of_client(&self, id: ClientId) -> impl Iterator<Item = &MeetingSummary> {
        self.meetings.iter().filter(move |m| m.client_id == id)
    }

    /// A user by id.
    pub fn user(&self, id: UserId) -> Option<&User> {
        find(&self.users, id.0, |u| u.id.0)
    }

    /// A user's name, or `—` for none / unknown (`UserId(0)` is setup).
    pub fn user_name(&self, id: Option<UserId>) -> &str {
        id.and_then(|id| self.user(id))
            .map_or("—", |u| u.name.as_str())
    }

    /// The client's display name, or `—`.
    pub fn client_name(&self, id: ClientId) -> &str {
        self.client(id).map_or("—", |c| c.display_name())
    }

    /// Contacts of a client.
    pub fn contacts_of(&self, id: ClientId) -> impl Iterator<Item = &Contact> {
        self.contacts.iter().filter(move |c| c.client_id == id)
    }

    /// Contracts of a client.
    pub fn contracts_of(&self, id: ClientId) -> impl Iterator<Item = &Contract> {
        self.contracts.iter().filter(move |c| c.client_id == id)
    }

    /// Brands of a client.
    pub fn brands_of(&self, id: ClientId) -> impl Iterator<Item = &Brand> {
        self.brands.iter().filter(move |b| b.client_id == id)
    }

    /// Jobs of a client.
    pub fn jobs_of_client(&self, id: ClientId) -> impl Iterator<Item = &Job> {
        self.jobs.iter().filter(move |j| j.client_id == id)
    }

    /// Jobs of a brand.
    pub fn jobs_of_brand(&self, id: BrandId) -> impl Iterator<Item = &Job> {
        self.jobs.iter().filter(move |j| j.brand_id == Some(id))
    }

    /// Active users, for pickers.
    pub fn active_users(&self) -> impl Iterator<Item = &User> {
        self.users.iter().filter(|u| u.active)
    }
}

/// The record with `id` in a list kept in id order.
fn find<T>(list: &[T], id: u64, key: impl Fn(&T) -> u64) -> Option<&T> {
    list.binary_search_by_key(&id, key)
        .ok()
        .and_then(|i| list.get(i))
}

/// Puts `record` (the current state of `id`, `None` if gone) into a list kept in id order.
/// Reads every meeting, one at a time, showing each to `also` (the search index takes its
/// minutes' text) and keeping only its head.
pub fn read_meetings(
    store: Reader<'_>,
    mut also: impl FnMut(&Meeting),
) -> Result<Vec<MeetingSummary>, ReadError> {
    // Room for them all at once: grown by doubling, the list would keep up to half its
    // size unused.
    let mut heads = Vec::with_capacity(store.count_meetings());
    store.read()?.each(|m: Meeting| {
        also(&m);
        heads.push(MeetingSummary::from(&m));
    })?;
    Ok(heads)
}

fn put<T>(list: &mut Vec<T>, id: u64, record: Option<T>, key: impl Fn(&T) -> u64) {
    match (list.binary_search_by_key(&id, key), record) {
        (Ok(i), Some(r)) => {
            if let Some(slot) = list.get_mut(i) {
                *slot = r;
            }
        }
        (Err(i), Some(r)) => list.insert(i, r),
        (Ok(i), None) => {
            list.remove(i);
        }
        (Err(_), None) => {}
    }
}

/// Whose jobs the portfolio timeline shows.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
pub enum TimelineScope {
    /// The jobs the current user is on (as AE, AM or AD).
    #[default]
    Mine,
    /// All jobs of a client.
    Client(ClientId),
    /// Every job of the agency.
    All,
    /// The jobs a colleague is on (as AE, AM or AD), e.g. to cover for them.
    Person(UserId),
}

impl TimelineScope {
    /// Whether `job` is in this scope; `me` is the current user, if one is chosen.
    pub fn includes(self, job: &Job, me: Option<UserId>) -> bool {
        match self {
            TimelineScope::Mine => me.is_some_and(|u| crate::domain::portfolio::on_team(job, u)),
            TimelineScope::Person(u) => crate::domain::portfolio::on_team(job, u),
            TimelineScope::Client(id) => job.client_id == id,
            TimelineScope::All => true,
        }
    }
}

/// The tabs of a client file (客户档案).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
pub enum ClientTab {
    /// Details.
    #[default]
    Details,
    /// Contacts (联络人).
    Contacts,
    /// Contracts (合约).
    Contracts,
    /// Brands.
    Brands,
    /// Jobs.
    Jobs,
    /// The year's budget and what became of it (预算).
    Budget,
}

/// Where the person is in the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum Route {
    /// First start: sample agency or empty.
    Welcome,
    /// The client list.
    #[default]
    Clients,
    /// A new-client form.
    NewClient,
    /// A client file, on a tab.
    Client(ClientId, ClientTab),
    /// A brand file.
    Brand(BrandId),
    /// The job list.
    Jobs,
    /// A new-job form, optionally for a client.
    NewJob(Option<ClientId>),
    /// A job with its brief.
    Job(JobId),
    /// A job's schedule (工作进度表).
    Schedule(JobId),
    /// A job's estimates (报价单), with the one open in the editor.
    Estimates(JobId),
    /// What waits for the current person's decision (待我审批).
    Approvals,
    /// The portfolio timeline (工作总览): one line per job.
    Timeline(TimelineScope),
    /// The minutes list (会议记录): every meeting and call.
    Meetings,
    /// A new-meeting form, optionally for a client.
    NewMeeting(Option<ClientId>),
    /// A meeting, on a tab.
    Meeting(MeetingId, MeetingTab),
    /// Users and roles.
    Users,
    /// Agency settings.
    Settings,
    /// The agency's schedule templates (进度表模板).
    Templates,
    /// A team database's people, roles and confidential clients (团队与权限).
    Team,
    /// The documents filed with a job, a client or the reference files (文件档案).
    Files(FilesPlace),
    /// One document: what it is, its versions, the trash.
    Document(crate::domain::DocumentId),
    /// Files that arrived in the watched folders, to be filed (收件箱).
    Inbox,
    /// The library's shelves (图书室): every item, loans due and the stocktake.
    Library,
    /// One item of the library: what it is, where it lives, its loans.
    LibraryItem(crate::domain::LibraryItemId),
    /// A client's ad archive (广告作品档案): the wall or the table of its creative works.
    Archive(ClientId),
    /// One creative work: what it is, where and when it ran, its rights, files and items.
    Work(crate::domain::CreativeWorkId),
    /// The history archive (历史档案): the archived jobs, by client, brand, year and medium.
    History,
}

/// Whose documents a files page shows, and where a file dropped on it is filed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum FilesPlace {
    /// A job's file (工作档案).
    Job(JobId),
    /// A client's documents, every job's included.
    Client(ClientId),
    /// The agency's reference files (相关资料).
    Reference,
    /// A brand's documents (品牌文件), its jobs' included.
    Brand(BrandId),
    /// A meeting's papers (会议文件).
    Meeting(MeetingId),
}

impl FilesPlace {
    /// Where a document added here is filed.
    pub fn filed_with(self) -> crate::services::documents::FiledWith {
        use crate::services::documents::FiledWith;
        match self {
            FilesPlace::Job(j) => FiledWith::Job(j),
            FilesPlace::Client(c) => FiledWith::Client(c),
            FilesPlace::Reference => FiledWith::Reference,
            FilesPlace::Brand(b) => FiledWith::Brand(b),
            FilesPlace::Meeting(m) => FiledWith::Meeting(m),
        }
    }
}

/// The tabs of a meeting's page.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize,
)]
pub enum MeetingTab {
    /// Kind, subject, time, place, jobs and attendees.
    #[default]
    Details,
    /// The preparation checklist (会前准备).
    Prep,
    /// The agenda (议程).
    Agenda,
    /// The minutes being written.
    Minutes,
    /// Sending and the client's confirmation.
    Send,
}

/// What a screen asks the app to do after the frame.
#[derive(Debug, Clone, PartialEq)]
pub enum UiAction {
    /// Apply a change through the services (errors go to the notifications).
    Command(Command),
    /// Go somewhere (the app asks first if the current form has unsaved changes).
    Navigate(Route),
    /// Export a job's brief to PDF: ask where with a save dialog, then open it.
    ExportBrief(JobId),
    /// Print a job's brief: write the PDF to a temporary file and open the system viewer.
    PrintBrief(JobId),
    /// Save a job's schedule (the working plan or an issued version, in a view) to a file
    /// the person picks.
    ExportSchedule(
        JobId,
        crate::reports::schedule::View,
        crate::services::export::ScheduleFormat,
        crate::reports::schedule::PlanChoice,
    ),
    /// Print a job's schedule PDF: a temporary file opened in the system viewer.
    PrintSchedule(
        JobId,
        crate::reports::schedule::View,
        crate::reports::schedule::PlanChoice,
    ),
    /// Load the sample agency into the (empty) database.
    LoadSampleData,
    /// Open 切换数据库… (a team database's connection profiles).
    SwitchDatabase,
    /// Save a meeting's minutes as PDF (`None`: the draft; `Some(v)`: sent version v), with
    /// labels in the language given.
    ExportMinutes(MeetingId, Option<u32>, DocLang),
    /// Save a meeting's agenda as PDF.
    ExportAgenda(MeetingId, DocLang),
    /// Send the minutes: freeze the next version, write its PDF and an email draft to the
    /// client attendees, and open the draft in the mail program.
    SendMinutes(MeetingId, DocLang),
    /// Open a file in the system's viewer.
    OpenFile(std::path::PathBuf),
    /// Ask for the signed copy of a meeting's latest version with the open dialog, then
    /// attach it as [`UiAction::AttachSignedCopy`] does.
    ChooseSignedCopy {
        /// The meeting.
        meeting: MeetingId,
        /// `Some(who)`: the version awaits the reply, and the copy comes with the client's
        /// confirmation by `who`; `None`: the version is confirmed, the copy is filed or
        /// replaced.
        confirm_by: Option<String>,
    },
    /// Take the file at `path` into the file store, then name it as the signed copy of the
    /// meeting's latest version (a file dropped on the meeting page).
    AttachSignedCopy {
        /// The meeting.
        meeting: MeetingId,
        /// The file, as chosen or dropped.
        path: std::path::PathBuf,
        /// As for [`UiAction::ChooseSignedCopy`].
        confirm_by: Option<String>,
    },
    /// Open a stored signed copy: a read-only copy under its original name, handed to the
    /// system's viewer.
    OpenStoredFile(crate::domain::FileRef),
    /// Ask for an Excel or CSV estimate with the open dialog and hand it to the estimates
    /// page of this job, which shows what it read with the column mapping.
    ImportEstimateSheet(JobId),
    /// Save an estimate's version as the client's PDF (or workbook) where the person
    /// chooses.
    ExportEstimate(
        crate::domain::EstimateId,
        u32,
        crate::services::export::MoneyFormat,
    ),
    /// Save a client's monthly budget report for `(year, month)` as a PDF (or workbook)
    /// where the person chooses, on this tax basis.
    ExportBudgetReport(
        ClientId,
        (i32, u32),
        crate::domain::budget::TaxBasis,
        crate::services::export::MoneyFormat,
    ),
    /// Take a step on a client's monthly budget report (the app reads the report as the
    /// person saw it to bind its hash; to issue, it also keeps the PDF as sent).
    BudgetReportStep(
        crate::domain::BudgetReportId,
        crate::domain::budget::road::ReportDecision,
    ),
    /// Ask for the client's signed scan with the open dialog, take it into the file store,
    /// then record the signature with it (the signature's file is filled in).
    SignEstimate(
        crate::domain::EstimateId,
        Box<crate::domain::estimate::Signature>,
    ),
    /// Complete a job from the revision shown: its status moves to 已完成 and its completion
    /// form, made a PDF, is filed in its job file.
    CompleteJob(
        JobId,
        Box<crate::reports::completion::CompletionForm>,
        crate::services::Base,
    ),
    /// Print the labels of the library's items (a PDF sheet), the first `usize` labels of
    /// the sheet already used.
    PrintLabels(Vec<crate::domain::LibraryItemId>, usize),
    /// Ask for files with the open dialog and put them on the files page of `place`, to be
    /// confirmed there.
    PickDocuments(FilesPlace),
    /// Ask where to save the documents of a client's or a job's files as a zip, and write
    /// it in the background.
    ExportArchive(FilesPlace),
    /// File these documents: each file taken into the file store, then recorded (one
    /// refused as already filed elsewhere goes back to the page to be confirmed).
    FileDocuments(Vec<crate::ui::screens::PendingFile>),
    /// Ask for the file of a document's next version with the open dialog, and add it.
    PickDocumentVersion(crate::domain::DocumentId),
    /// Open a writable working copy of a document's newest file (made once, kept until
    /// checked in or given up).
    EditDocument(crate::domain::DocumentId),
    /// Check a document's changed working copy in as its next version.
    CheckInWorkingCopy(crate::domain::DocumentId),
    /// Remove a document's working copy that holds no edits.
    DiscardWorkingCopy(crate::domain::DocumentId),
    /// Ask for a folder with the folder dialog and watch it for arriving files.
    WatchFolder,
    /// Stop watching a folder (its files stay where they are).
    UnwatchFolder(std::path::PathBuf),
    /// Set a file of the inbox aside: it is not offered again unless it changes.
    SetAsideInboxFile(std::path::PathBuf),
    /// Undo the newest change (as Ctrl+Z outside a text field).
    Undo,
    /// Redo the newest undone change.
    Redo,
}

/// What every screen receives for drawing.
pub struct Env<'a> {
    /// Interface language.
    pub lang: Lang,
    /// The data snapshot.
    pub data: &'a Data,
    /// Read access for what the snapshot does not hold (brief history). Never write.
    pub store: Reader<'a>,
    /// Local date.
    pub today: NaiveDate,
    /// The moment of the frame (minutes deadlines count from it).
    pub now: chrono::DateTime<chrono::Utc>,
    /// The current user, if one is chosen.
    pub current_user: Option<UserId>,
}

impl Env<'_> {
    /// Picks the label in the interface language.
    pub fn tr<'s>(&self, zh: &'s str, en: &'s str) -> &'s str {
        self.lang.pick(zh, en)
    }
}
