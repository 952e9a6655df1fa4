//! Use cases: one function per thing a person does, each a single write transaction that
//! validates its input, writes the records, logs the change with who and when, and returns
//! how to undo it.
//!
//! Screens never call the store to write: they emit a [`Command`], and the app applies it
//! here, in one place.

mod archived;
mod brands;
pub mod budget_reports;
pub mod budgets;
mod clients;
mod contacts;
mod contracts;
pub mod documents;
pub mod drafts;
pub mod email;
mod error;
pub mod estimates;
pub mod export;
pub mod files;
pub mod holidays;
pub mod invoices;
mod jobs;
pub mod kind;
pub mod library;
mod meetings;
mod reader;
mod schedules;
pub mod searching;
mod settings;
pub mod templates;
pub mod texts;
pub mod thumbs;
mod undo;
mod users;
pub mod working;
pub mod works;

pub use budgets::BudgetDraft;
pub use drafts::{
    Base, BrandDraft, BriefDraft, ClientDraft, ContactDraft, ContractDraft, JobDraft, UserDraft,
};
pub use error::{FieldError, Problem, ServiceError, field_label};
pub use estimates::{MoneyRefusal, VersionDraft};
pub use kind::{KindName, RecordKind, SubjectSpec, doc_subject, subject_name, subject_spec};
pub use meetings::MinutesStep;
pub use reader::{EstimateShown, ReadError, Reader, RecordRevision, Rev};
pub use schedules::standard_plan;

use crate::domain::schedule::Schedule;
use crate::domain::{
    Action, AgencySettings, Audit, Brand, BrandId, BriefContent, Change, Client, ClientId, Contact,
    ContactId, Contract, ContractId, CreativeWork, Document, Job, JobId, JobStatus, Lang,
    LibraryItem, Meeting, MeetingId, Stamp, Subject, User, UserId, brief, format, job,
};
use crate::store::{Key, Kind, Store, WriteTx};
use chrono::{DateTime, Datelike, NaiveDate, Utc};

/// Who is acting and when. `today` is the local calendar day (job numbers are issued per
/// local year).
#[derive(Debug, Clone, Copy)]
pub struct Ctx {
    /// The current user (`UserId(0)` for setup before any user exists).
    pub actor: UserId,
    /// The moment of the change.
    pub now: DateTime<Utc>,
    /// The local date.
    pub today: NaiveDate,
}

impl Ctx {
    fn stamp(&self) -> Stamp {
        Stamp {
            by: self.actor,
            at: self.now,
        }
    }
}

/// Everything a person can change. Each variant is applied by [`apply`] in one transaction.
#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    /// New client.
    CreateClient(ClientDraft),
    /// Edit a client, from the revision shown.
    UpdateClient(ClientId, ClientDraft, Base),
    /// Archive (true) or reactivate a client.
    SetClientArchived(ClientId, bool),
    /// New contact for a client.
    AddContact(ClientId, ContactDraft),
    /// Edit a contact, from the revision shown.
    UpdateContact(ContactId, ContactDraft, Base),
    /// Remove a contact.
    DeleteContact(ContactId),
    /// New contract for a client.
    AddContract(ClientId, ContractDraft),
    /// Edit a contract, from the revision shown.
    UpdateContract(ContractId, ContractDraft, Base),
    /// Remove a contract.
    DeleteContract(ContractId),
    /// New brand for a client.
    CreateBrand(ClientId, BrandDraft),
    /// Edit a brand, from the revision shown.
    UpdateBrand(BrandId, BrandDraft, Base),
    /// New job (its number is issued automatically).
    CreateJob(JobDraft),
    /// Edit a job's title, brand, team or dates, from the revision shown.
    UpdateJob(JobId, JobDraft, Base),
    /// Move a job along its lifecycle, from the revision shown.
    SetJobStatus(JobId, JobStatus, Base),
    /// Save the brief as a new version, from the revision of the latest version shown.
    SaveBrief(JobId, BriefDraft, Base),
    /// New user.
    AddUser(UserDraft),
    /// Edit a user, from the revision shown.
    UpdateUser(UserId, UserDraft, Base),
    /// Save the agency settings, from the revision shown.
    SaveSettings(AgencySettings, Base),
    /// Save a job's working schedule (the whole plan, as edited), from the revision shown.
    SaveSchedule(JobId, Schedule, Base),
    /// Issue the job's schedule to the client as its next numbered version (v1, v2…).
    IssueSchedule(JobId),
    /// Save the agency's schedule templates (the whole list, as edited), from the revision
    /// shown.
    SaveTemplates(crate::domain::template::ScheduleTemplates, Base),
    /// Save a job's working schedule as a new template with this name.
    SaveScheduleAsTemplate(JobId, String),
    /// Save a meeting as edited (id 0: a new meeting), from the revision shown.
    SaveMeeting(Box<Meeting>, Base),
    /// Delete a meeting whose minutes were never sent.
    DeleteMeeting(MeetingId),
    /// Move a meeting's minutes a step towards the client's confirmation.
    Minutes(MeetingId, MinutesStep),
    /// A new estimate of a kind on a job, its version A a draft.
    CreateEstimate(
        JobId,
        crate::domain::estimate::EstimateKind,
        Box<VersionDraft>,
    ),
    /// Save an estimate's newest version as edited (a new version once it left the
    /// draft), from the revision of the version shown.
    SaveEstimate(crate::domain::EstimateId, Box<VersionDraft>, Base),
    /// A step on the road of an estimate's newest version, as the current user.
    DecideEstimate(crate::domain::EstimateId, crate::domain::estimate::Decision),
    /// An account director lets a job into production past the gate, with a reason.
    ReleaseJob(JobId, String),
    /// Save the agency's money settings, from the revision shown.
    SaveMoneySettings(Box<crate::domain::estimate::check::MoneySettings>, Base),
    /// Set a client's budget for a fiscal year, or revise it (with a reason).
    SaveBudget(Box<BudgetDraft>),
    /// Record a client invoice or credit note against a signed estimate.
    RecordInvoice(Box<invoices::InvoiceDraft>),
    /// Record a payment received against an invoice.
    RecordReceipt(crate::domain::InvoiceId, Box<invoices::ReceiptDraft>),
    /// Void an invoice or credit note recorded by mistake, with the reason.
    VoidInvoice(crate::domain::InvoiceId, String),
    /// Void the n-th payment (0-based) recorded against an invoice, with the reason.
    VoidReceipt(crate::domain::InvoiceId, usize, String),
    /// Record a vendor's cost against a line of a signed estimate.
    RecordVendorCost(Box<invoices::VendorCostDraft>),
    /// Void a vendor's cost recorded by mistake, with the reason.
    VoidVendorCost(crate::domain::VendorCostId, String),
    /// Keep the AM's remarks of a client's monthly budget report (a new report, the draft,
    /// or the next revision of an issued one).
    SaveBudgetReport(Box<budget_reports::ReportDraft>),
    /// Take a step on a monthly budget report's road.
    DecideBudgetReport(
        crate::domain::BudgetReportId,
        Box<budget_reports::ReportStepAsk>,
    ),
    /// File a document with its first version (the file already in the file store).
    FileDocument(
        documents::FiledWith,
        Box<documents::DocumentDraft>,
        crate::domain::FileRef,
    ),
    /// Edit what a document is, from the revision shown.
    UpdateDocument(
        crate::domain::DocumentId,
        Box<documents::DocumentDraft>,
        Base,
    ),
    /// Add a document's next version: its file (already stored), status and a note.
    AddDocumentVersion(
        crate::domain::DocumentId,
        crate::domain::FileRef,
        crate::domain::document::DocumentStatus,
        String,
    ),
    /// Move a document to another client, brand, job or meeting.
    RefileDocument(crate::domain::DocumentId, documents::FiledWith),
    /// Put a document in the trash, with the reason.
    TrashDocument(crate::domain::DocumentId, String),
    /// Delete for good a document that has been in the trash for its 30 days.
    PurgeDocument(crate::domain::DocumentId),
    /// Take a document back out of the trash.
    RestoreDocument(crate::domain::DocumentId),
    /// Set (true) or lift a legal hold on a document.
    HoldDocument(crate::domain::DocumentId, bool),
    /// Cancel a job before production (archive it) or reopen an archived one, saying why:
    /// the moves [`crate::domain::JobStatus::reason_needed`] names.
    MoveJobSaying(JobId, JobStatus, String, Base),
    /// Register an item on the library's shelves, with the next archive number.
    AddLibraryItem(Box<library::ItemDraft>),
    /// Edit what an item is and where it lives, from the revision shown.
    UpdateLibraryItem(crate::domain::LibraryItemId, Box<library::ItemDraft>, Base),
    /// Lend an item out today (借出).
    LendLibraryItem(crate::domain::LibraryItemId, Box<library::LendAsk>),
    /// Renew the loan an item is out on (续借).
    RenewLoan(crate::domain::LibraryItemId),
    /// Take an item back today (归还), in the condition checked, with a note.
    ReturnLibraryItem(
        crate::domain::LibraryItemId,
        crate::domain::library::ItemCondition,
        String,
    ),
    /// Remove an item that is home from the library.
    RemoveLibraryItem(crate::domain::LibraryItemId),
    /// Record a creative work in its client's ad archive.
    AddCreativeWork(Box<works::WorkDraft>),
    /// Edit a creative work, from the revision shown.
    UpdateCreativeWork(crate::domain::CreativeWorkId, Box<works::WorkDraft>, Base),
    /// Remove a creative work recorded by mistake.
    RemoveCreativeWork(crate::domain::CreativeWorkId),
    /// Undo an earlier change.
    Undo(Box<UndoStep>),
}

impl Command {
    /// The kind of record this command creates, if it creates one (a form that sent it
    /// opens the new record once it is applied).
    pub fn creates(&self) -> Option<Subject> {
        Some(match self {
            Command::CreateClient(_) => Subject::Client,
            Command::AddContact(..) => Subject::Contact,
            Command::AddContract(..) => Subject::Contract,
            Command::CreateBrand(..) => Subject::Brand,
            Command::CreateJob(_) => Subject::Job,
            Command::AddUser(_) => Subject::User,
            Command::SaveMeeting(m, _) if m.id.0 == 0 => Subject::Meeting,
            Command::CreateEstimate(..) => Subject::Estimate,
            Command::FileDocument(..) => Subject::Document,
            Command::AddLibraryItem(..) => Subject::LibraryItem,
            Command::AddCreativeWork(..) => Subject::CreativeWork,
            _ => return None,
        })
    }
}

/// How to undo one applied command: what puts things back, and the revision the change
/// left the record at. An undo first checks the record is still at that revision, so it
/// never overwrites a later change (see [`undo`]).
#[derive(Debug, Clone, PartialEq)]
pub struct UndoStep {
    /// What puts things back.
    pub reverse: Reverse,
    /// The revision of the record right after the change (`None`: it did not exist).
    pub base: Option<Rev>,
    /// Its revision before the change, whose content the undo puts back (`None`: it did
    /// not exist).
    pub before: Option<Rev>,
}

/// What undoing a change does.
#[derive(Debug, Clone, PartialEq)]
pub enum Reverse {
    /// Put the record back as it was (undoes an edit or a deletion).
    Restore(Snapshot),
    /// Remove a record that was created (refused once something refers to it).
    Remove(Subject, u64),
    /// Save the previous brief content as a new version (history is never rewritten).
    Brief(JobId, BriefContent),
    /// Put the settings back.
    Settings(AgencySettings),
    /// Put a job's previous schedule back (`None`: it had none).
    Schedule(JobId, Option<Schedule>),
    /// Put the previous schedule templates back.
    Templates(crate::domain::template::ScheduleTemplates),
}

impl Reverse {
    /// The record an undo puts back, whose revision it checks first (`None` for a brief:
    /// its undo saves the previous content as a new version, rewriting nothing).
    pub fn target(&self) -> Option<(Kind, Key)> {
        Some(match self {
            Reverse::Restore(s) => s.target(),
            Reverse::Remove(subject, id) => (kind::subject_kind(*subject)?, Key::id(*id)),
            Reverse::Brief(..) => return None,
            Reverse::Settings(_) => (Kind::Settings, Key::ONE),
            Reverse::Schedule(job, _) => (Kind::Schedule, Key::id(job.0)),
            Reverse::Templates(_) => (Kind::Templates, Key::ONE),
        })
    }
}

/// Generates, from the one list of the kinds kept under their own id (each declared by its
/// [`RecordKind`] impl in its use-case file), everything dispatched per kind: the undo
/// [`Snapshot`], the record an undo checks, putting a snapshot back, removing a created
/// record, and [`RECORDS`].
macro_rules! record_kinds {
    ($($k:ident),* $(,)?) => {
        /// A record as it was, to put back on undo.
        #[derive(Debug, Clone, PartialEq)]
        pub enum Snapshot {
            $(
                #[doc = concat!("A record of the `", stringify!($k), "` kind.")]
                $k(Box<$k>),
            )*
        }

        $(
            impl From<$k> for Snapshot {
                fn from(record: $k) -> Self {
                    Snapshot::$k(Box::new(record))
                }
            }
        )*

        impl Snapshot {
            fn target(&self) -> (Kind, Key) {
                match self {
                    $(Snapshot::$k(r) => kind::target(&**r),)*
                }
            }

            fn restore(self, tx: &mut WriteTx, stamp: Stamp) -> Result<Outcome, ServiceError> {
                match self {
                    $(Snapshot::$k(r) => kind::restore(tx, stamp, *r),)*
                }
            }
        }

        /// Every kind of record kept under its own id, as its [`RecordKind`] impl declares it.
        pub const RECORDS: [SubjectSpec; [$(stringify!($k)),*].len()] =
            [$(kind::spec::<$k>()),*];

        /// Removes a created record of `subject` (the undo of its creation), refused while
        /// anything refers to it.
        fn remove(tx: &mut WriteTx, subject: Subject, id: u64) -> Result<Outcome, ServiceError> {
            $(
                if subject == $k::SUBJECT {
                    return kind::remove::<$k>(tx, id);
                }
            )*
            Err(ServiceError::NotFound { what: "record", id })
        }
    };
}

record_kinds!(
    Client,
    Contact,
    Contract,
    Brand,
    Job,
    User,
    Meeting,
    Document,
    LibraryItem,
    CreativeWork
);

/// The result of an applied command.
#[derive(Debug, Clone, PartialEq)]
pub struct Applied {
    /// The kind of record changed.
    pub subject: Subject,
    /// Its id.
    pub id: u64,
    /// What happened, e.g. the record's name.
    pub summary: String,
    /// How to undo it, if it can be undone.
    pub undo: Option<UndoStep>,
}

/// Applies a command in one durable write transaction.
pub fn apply(store: &Store, ctx: &Ctx, command: Command) -> Result<Applied, ServiceError> {
    batch(store, |b| b.apply(ctx, command))
}

/// [`apply`] as the operation `op`, which every retry of the same change gives again: on a
/// team database a retry after a lost acknowledgement is never saved twice. `None` when an
/// earlier attempt of `op` was saved (nothing is written then).
pub fn apply_once(
    store: &Store,
    ctx: &Ctx,
    command: Command,
    op: crate::store::OpId,
) -> Result<Option<Applied>, ServiceError> {
    batch_as(store, Some(op), |b| b.apply(ctx, command))
}

/// Several commands in one durable write transaction, for bulk loads (the data-set
/// generator): each is validated and logged exactly as if applied alone, and the first
/// refusal aborts the whole batch, so nothing of it is written.
pub struct Batch<'a> {
    tx: &'a mut WriteTx,
}

impl Batch<'_> {
    /// What the batch has written so far, and everything else: to read within it.
    pub fn view(&self) -> &WriteTx {
        self.tx
    }

    /// Applies one command inside the batch.
    pub fn apply(&mut self, ctx: &Ctx, command: Command) -> Result<Applied, ServiceError> {
        self.tx.acting(ctx.actor, ctx.now);
        let mut applied = run(self.tx, ctx, command)?;
        if let Some(step) = &mut applied.out.undo
            && let Some((kind, key)) = step.reverse.target()
        {
            step.base = self.tx.current_rev(kind, key)?;
            step.before = self.tx.rev_before(kind, key);
        }
        self.tx.log(&Change {
            stamp: ctx.stamp(),
            subject: applied.subject,
            id: applied.id,
            action: applied.action,
            summary: applied.out.summary.clone(),
        })?;
        Ok(applied.out)
    }
}

/// Runs `f` with a [`Batch`] in one durable write transaction: everything `f` applies is
/// committed together when it returns `Ok`, and nothing is when it returns an error.
pub fn batch<T>(
    store: &Store,
    f: impl FnOnce(&mut Batch<'_>) -> Result<T, ServiceError>,
) -> Result<T, ServiceError> {
    batch_as(store, None, f)?.ok_or_else(|| {
        ServiceError::Store(crate::store::StoreError::Engine(
            "a write without an operation id was skipped".into(),
        ))
    })
}

/// [`batch`] as the operation `op` (see [`apply_once`]); `None` when it was saved before.
fn batch_as<T>(
    store: &Store,
    op: Option<crate::store::OpId>,
    f: impl FnOnce(&mut Batch<'_>) -> Result<T, ServiceError>,
) -> Result<Option<T>, ServiceError> {
    let mut failure: Option<ServiceError> = None;
    let write = |tx: &mut crate::store::WriteTx| match f(&mut Batch { tx }) {
        Ok(value) => Ok(value),
        Err(ServiceError::Store(e)) => Err(e),
        Err(other) => {
            failure = Some(other);
            // Any error aborts the transaction: nothing is written.
            Err(crate::store::StoreError::Engine("aborted".into()))
        }
    };
    let result = match op {
        Some(op) => store.write_once(op, write),
        None => store.write(write).map(Some),
    };
    match (result, failure) {
        (_, Some(e)) => Err(e),
        (Ok(value), None) => Ok(value),
        (Err(e), None) => Err(e.into()),
    }
}

struct Outcome {
    subject: Subject,
    id: u64,
    action: Action,
    out: Applied,
}

fn done(
    subject: Subject,
    id: u64,
    action: Action,
    summary: String,
    undo: Option<Reverse>,
) -> Outcome {
    // The base revision is filled in by `Batch::apply` once the change is made.
    let undo = undo.map(|reverse| UndoStep {
        reverse,
        base: None,
        before: None,
    });
    Outcome {
        subject,
        id,
        action,
        out: Applied {
            subject,
            id,
            summary,
            undo,
        },
    }
}

fn need<T: crate::store::Entity>(
    tx: &WriteTx,
    what: &'static str,
    id: u64,
) -> Result<T, ServiceError> {
    tx.get::<T>(id)?.ok_or(ServiceError::NotFound { what, id })
}

fn check_ref<T: crate::store::Entity>(
    tx: &WriteTx,
    field: &'static str,
    id: u64,
) -> Result<T, ServiceError> {
    tx.get::<T>(id)?.ok_or(ServiceError::Invalid(FieldError {
        field,
        problem: Problem::Missing,
    }))
}

fn run(tx: &mut WriteTx, ctx: &Ctx, command: Command) -> Result<Outcome, ServiceError> {
    archived::refuse(tx, &command)?;
    let stamp = ctx.stamp();
    match command {
        Command::CreateClient(d) => clients::create(tx, stamp, d),
        Command::UpdateClient(id, d, base) => clients::update(tx, stamp, id, d, base),
        Command::SetClientArchived(id, archived) => clients::set_archived(tx, stamp, id, archived),
        Command::AddContact(client_id, d) => contacts::add(tx, stamp, client_id, d),
        Command::UpdateContact(id, d, base) => contacts::update(tx, stamp, id, d, base),
        Command::DeleteContact(id) => contacts::delete(tx, id),
        Command::AddContract(client_id, d) => contracts::add(tx, stamp, client_id, d),
        Command::UpdateContract(id, d, base) => contracts::update(tx, stamp, id, d, base),
        Command::DeleteContract(id) => contracts::delete(tx, id),
        Command::CreateBrand(client_id, d) => brands::create(tx, stamp, client_id, d),
        Command::UpdateBrand(id, d, base) => brands::update(tx, stamp, id, d, base),
        Command::CreateJob(d) => jobs::create(tx, ctx, d),
        Command::UpdateJob(id, d, base) => jobs::update(tx, stamp, id, d, base),
        Command::SetJobStatus(id, to, base) => {
            if to == JobStatus::InProduction {
                estimates::check_gate(tx, id, ctx.today)?;
            }
            jobs::set_status(tx, stamp, id, to, base)
        }
        Command::CreateEstimate(job, kind, d) => estimates::create(tx, ctx, job, kind, *d),
        Command::SaveEstimate(id, d, base) => estimates::save(tx, ctx, id, *d, base),
        Command::DecideEstimate(id, d) => estimates::decide(tx, ctx, id, d),
        Command::ReleaseJob(job, reason) => estimates::release(tx, ctx, job, &reason),
        Command::SaveMoneySettings(s, base) => estimates::save_settings(tx, *s, base),
        Command::SaveBudget(d) => budgets::save(tx, ctx, *d),
        Command::RecordInvoice(d) => invoices::record(tx, ctx, *d),
        Command::RecordReceipt(id, d) => invoices::receive(tx, ctx, id, *d),
        Command::VoidInvoice(id, reason) => invoices::void(tx, ctx, id, &reason),
        Command::VoidReceipt(id, n, reason) => invoices::void_receipt(tx, ctx, id, n, &reason),
        Command::RecordVendorCost(d) => invoices::record_cost(tx, ctx, *d),
        Command::VoidVendorCost(id, reason) => invoices::void_cost(tx, ctx, id, &reason),
        Command::SaveBudgetReport(d) => budget_reports::save(tx, ctx, *d),
        Command::DecideBudgetReport(id, ask) => budget_reports::decide(tx, ctx, id, *ask),
        Command::SaveBrief(job_id, d, base) => {
            jobs::save_brief(tx, stamp, job_id, d.validate()?, base)
        }
        Command::AddUser(d) => users::add(tx, d),
        Command::UpdateUser(id, d, base) => users::update(tx, id, d, base),
        Command::SaveSettings(s, base) => settings::save(tx, s, base),
        Command::SaveSchedule(job, plan, base) => schedules::save(tx, stamp, job, plan, base),
        Command::IssueSchedule(job) => schedules::issue(tx, ctx, job),
        Command::SaveTemplates(list, base) => templates::save(tx, list, base),
        Command::SaveScheduleAsTemplate(job, name) => templates::save_schedule_as(tx, job, &name),
        Command::SaveMeeting(m, base) => meetings::save(tx, ctx, *m, base),
        Command::DeleteMeeting(id) => meetings::delete(tx, id),
        Command::Minutes(id, step) => meetings::step(tx, ctx, id, step),
        Command::FileDocument(with, d, file) => documents::file(tx, ctx, with, *d, file),
        Command::UpdateDocument(id, d, base) => documents::update(tx, stamp, id, *d, base),
        Command::AddDocumentVersion(id, file, status, note) => {
            documents::add_version(tx, ctx, id, file, status, &note)
        }
        Command::RefileDocument(id, with) => documents::refile(tx, stamp, id, with),
        Command::TrashDocument(id, reason) => documents::trash(tx, ctx, id, &reason),
        Command::PurgeDocument(id) => documents::purge(tx, ctx.now, id),
        Command::RestoreDocument(id) => documents::restore(tx, stamp, id),
        Command::HoldDocument(id, on) => documents::hold(tx, ctx, id, on),
        Command::MoveJobSaying(id, to, reason, base) => {
            jobs::set_status_saying(tx, stamp, id, to, &reason, base)
        }
        Command::AddLibraryItem(d) => library::add(tx, ctx, *d),
        Command::UpdateLibraryItem(id, d, base) => library::update(tx, stamp, id, *d, base),
        Command::LendLibraryItem(id, ask) => library::lend(tx, ctx, id, *ask),
        Command::RenewLoan(id) => library::renew(tx, ctx, id),
        Command::ReturnLibraryItem(id, condition, note) => {
            library::give_back(tx, ctx, id, condition, &note)
        }
        Command::RemoveLibraryItem(id) => library::remove(tx, id),
        Command::AddCreativeWork(d) => works::add(tx, ctx, *d),
        Command::UpdateCreativeWork(id, d, base) => works::update(tx, stamp, id, *d, base),
        Command::RemoveCreativeWork(id) => works::remove(tx, id),
        Command::Undo(step) => undo::undo(tx, stamp, *step),
    }
}

#[cfg(test)]
mod tests;
