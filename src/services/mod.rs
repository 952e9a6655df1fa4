//! Use cases: one function per thing a person does, each a single write transaction that
//! validates its input, writes the records, logs the change with who and when, and returns
//! how to undo it.
//!
//! Screens never call the store to write: they emit a [`Command`], and the app applies it
//! here, in one place.

pub mod drafts;
pub mod email;
mod error;
pub mod export;
pub mod holidays;
mod meetings;
mod reader;
mod schedules;
pub mod templates;
mod undo;

pub use drafts::{
    BrandDraft, BriefDraft, ClientDraft, ContactDraft, ContractDraft, JobDraft, UserDraft,
};
pub use error::{FieldError, Problem, ServiceError, field_label};
pub use meetings::MinutesStep;
pub use reader::{ReadError, Reader};
pub use schedules::standard_plan;

use crate::domain::schedule::Schedule;
use crate::domain::{
    Action, AgencySettings, Audit, Brand, BrandId, BriefContent, Change, Client, ClientId, Contact,
    ContactId, Contract, ContractId, Job, JobId, JobStatus, Lang, Meeting, MeetingId, Stamp,
    Subject, User, UserId, brief, format, job,
};
use crate::store::{Key, Kind, Rev, Store, WriteTx};
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
    /// Edit a client.
    UpdateClient(ClientId, ClientDraft),
    /// Archive (true) or reactivate a client.
    SetClientArchived(ClientId, bool),
    /// New contact for a client.
    AddContact(ClientId, ContactDraft),
    /// Edit a contact.
    UpdateContact(ContactId, ContactDraft),
    /// Remove a contact.
    DeleteContact(ContactId),
    /// New contract for a client.
    AddContract(ClientId, ContractDraft),
    /// Edit a contract.
    UpdateContract(ContractId, ContractDraft),
    /// Remove a contract.
    DeleteContract(ContractId),
    /// New brand for a client.
    CreateBrand(ClientId, BrandDraft),
    /// Edit a brand.
    UpdateBrand(BrandId, BrandDraft),
    /// New job (its number is issued automatically).
    CreateJob(JobDraft),
    /// Edit a job's title, brand, team or dates.
    UpdateJob(JobId, JobDraft),
    /// Move a job along its lifecycle.
    SetJobStatus(JobId, JobStatus),
    /// Save the brief as a new version.
    SaveBrief(JobId, BriefDraft),
    /// New user.
    AddUser(UserDraft),
    /// Edit a user.
    UpdateUser(UserId, UserDraft),
    /// Save the agency settings.
    SaveSettings(AgencySettings),
    /// Save a job's working schedule (the whole plan, as edited).
    SaveSchedule(JobId, Schedule),
    /// Issue the job's schedule to the client as its next numbered version (v1, v2…).
    IssueSchedule(JobId),
    /// Save the agency's schedule templates (the whole list, as edited).
    SaveTemplates(crate::domain::template::ScheduleTemplates),
    /// Save a job's working schedule as a new template with this name.
    SaveScheduleAsTemplate(JobId, String),
    /// Save a meeting as edited (id 0: a new meeting).
    SaveMeeting(Box<Meeting>),
    /// Delete a meeting whose minutes were never sent.
    DeleteMeeting(MeetingId),
    /// Move a meeting's minutes a step towards the client's confirmation.
    Minutes(MeetingId, MinutesStep),
    /// Undo an earlier change.
    Undo(Box<UndoStep>),
}

/// A record as it was, to put back on undo.
#[derive(Debug, Clone, PartialEq)]
pub enum Snapshot {
    /// A client.
    Client(Client),
    /// A contact.
    Contact(Contact),
    /// A contract.
    Contract(Contract),
    /// A brand.
    Brand(Brand),
    /// A job.
    Job(Job),
    /// A user.
    User(User),
    /// A meeting.
    Meeting(Box<Meeting>),
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
            Reverse::Remove(subject, id) => (subject_kind(*subject)?, Key::id(*id)),
            Reverse::Brief(..) => return None,
            Reverse::Settings(_) => (Kind::Settings, Key::ONE),
            Reverse::Schedule(job, _) => (Kind::Schedule, Key::id(job.0)),
            Reverse::Templates(_) => (Kind::Templates, Key::ONE),
        })
    }
}

impl Snapshot {
    fn target(&self) -> (Kind, Key) {
        match self {
            Snapshot::Client(c) => (Kind::Client, Key::id(c.id.0)),
            Snapshot::Contact(c) => (Kind::Contact, Key::id(c.id.0)),
            Snapshot::Contract(c) => (Kind::Contract, Key::id(c.id.0)),
            Snapshot::Brand(b) => (Kind::Brand, Key::id(b.id.0)),
            Snapshot::Job(j) => (Kind::Job, Key::id(j.id.0)),
            Snapshot::User(u) => (Kind::User, Key::id(u.id.0)),
            Snapshot::Meeting(m) => (Kind::Meeting, Key::id(m.id.0)),
        }
    }
}

/// The kind of record a change-log subject kept under its own id is.
fn subject_kind(subject: Subject) -> Option<Kind> {
    Some(match subject {
        Subject::Client => Kind::Client,
        Subject::Contact => Kind::Contact,
        Subject::Contract => Kind::Contract,
        Subject::Brand => Kind::Brand,
        Subject::Job => Kind::Job,
        Subject::User => Kind::User,
        Subject::Meeting => Kind::Meeting,
        Subject::Brief | Subject::Settings | Subject::Schedule => return None,
    })
}

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

/// Several commands in one durable write transaction, for bulk loads (the data-set
/// generator): each is validated and logged exactly as if applied alone, and the first
/// refusal aborts the whole batch, so nothing of it is written.
pub struct Batch<'a> {
    tx: &'a mut WriteTx,
}

impl Batch<'_> {
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
    let mut failure: Option<ServiceError> = None;
    let result = store.write(|tx| match f(&mut Batch { tx }) {
        Ok(value) => Ok(value),
        Err(ServiceError::Store(e)) => Err(e),
        Err(other) => {
            failure = Some(other);
            // Any error aborts the transaction: nothing is written.
            Err(crate::store::StoreError::Engine("aborted".into()))
        }
    });
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
    let stamp = ctx.stamp();
    match command {
        Command::CreateClient(d) => {
            let f = d.validate()?;
            let id = ClientId(tx.next_id()?);
            let c = Client {
                id,
                name: f.name,
                short_name: f.short_name,
                industry: f.industry,
                address: f.address,
                phone: f.phone,
                since: f.since,
                notes: f.notes,
                archived: false,
                audit: Audit::new(stamp),
            };
            tx.put(&c)?;
            Ok(done(
                Subject::Client,
                id.0,
                Action::Created,
                c.name,
                Some(Reverse::Remove(Subject::Client, id.0)),
            ))
        }
        Command::UpdateClient(id, d) => {
            let before: Client = need(tx, "client", id.0)?;
            let f = d.validate()?;
            let after = Client {
                name: f.name,
                short_name: f.short_name,
                industry: f.industry,
                address: f.address,
                phone: f.phone,
                since: f.since,
                notes: f.notes,
                audit: before.audit.touched(stamp),
                ..before.clone()
            };
            tx.put(&after)?;
            Ok(done(
                Subject::Client,
                id.0,
                Action::Updated,
                after.name,
                Some(Reverse::Restore(Snapshot::Client(before))),
            ))
        }
        Command::SetClientArchived(id, archived) => {
            let before: Client = need(tx, "client", id.0)?;
            let after = Client {
                archived,
                audit: before.audit.touched(stamp),
                ..before.clone()
            };
            tx.put(&after)?;
            Ok(done(
                Subject::Client,
                id.0,
                Action::Updated,
                after.name,
                Some(Reverse::Restore(Snapshot::Client(before))),
            ))
        }
        Command::AddContact(client_id, d) => {
            check_ref::<Client>(tx, "client", client_id.0)?;
            let drafts::ContactFields {
                name,
                title,
                phone,
                email,
                wechat,
                notes,
            } = d.validate()?;
            let id = ContactId(tx.next_id()?);
            let c = Contact {
                id,
                client_id,
                name,
                title,
                phone,
                email,
                wechat,
                notes,
                audit: Audit::new(stamp),
            };
            tx.put(&c)?;
            Ok(done(
                Subject::Contact,
                id.0,
                Action::Created,
                c.name,
                Some(Reverse::Remove(Subject::Contact, id.0)),
            ))
        }
        Command::UpdateContact(id, d) => {
            let before: Contact = need(tx, "contact", id.0)?;
            let drafts::ContactFields {
                name,
                title,
                phone,
                email,
                wechat,
                notes,
            } = d.validate()?;
            let after = Contact {
                name,
                title,
                phone,
                email,
                wechat,
                notes,
                audit: before.audit.touched(stamp),
                ..before.clone()
            };
            tx.put(&after)?;
            Ok(done(
                Subject::Contact,
                id.0,
                Action::Updated,
                after.name,
                Some(Reverse::Restore(Snapshot::Contact(before))),
            ))
        }
        Command::DeleteContact(id) => {
            let before: Contact = need(tx, "contact", id.0)?;
            tx.delete::<Contact>(id.0)?;
            Ok(done(
                Subject::Contact,
                id.0,
                Action::Deleted,
                before.name.clone(),
                Some(Reverse::Restore(Snapshot::Contact(before))),
            ))
        }
        Command::AddContract(client_id, d) => {
            check_ref::<Client>(tx, "client", client_id.0)?;
            let f = d.validate()?;
            let id = ContractId(tx.next_id()?);
            let c = Contract {
                id,
                client_id,
                number: f.number,
                scope: f.scope,
                start: f.start,
                end: f.end,
                value: f.value,
                status: f.status,
                audit: Audit::new(stamp),
            };
            tx.put(&c)?;
            Ok(done(
                Subject::Contract,
                id.0,
                Action::Created,
                c.number,
                Some(Reverse::Remove(Subject::Contract, id.0)),
            ))
        }
        Command::UpdateContract(id, d) => {
            let before: Contract = need(tx, "contract", id.0)?;
            let f = d.validate()?;
            let after = Contract {
                number: f.number,
                scope: f.scope,
                start: f.start,
                end: f.end,
                value: f.value,
                status: f.status,
                audit: before.audit.touched(stamp),
                ..before.clone()
            };
            tx.put(&after)?;
            Ok(done(
                Subject::Contract,
                id.0,
                Action::Updated,
                after.number,
                Some(Reverse::Restore(Snapshot::Contract(before))),
            ))
        }
        Command::DeleteContract(id) => {
            let before: Contract = need(tx, "contract", id.0)?;
            tx.delete::<Contract>(id.0)?;
            Ok(done(
                Subject::Contract,
                id.0,
                Action::Deleted,
                before.number.clone(),
                Some(Reverse::Restore(Snapshot::Contract(before))),
            ))
        }
        Command::CreateBrand(client_id, d) => {
            check_ref::<Client>(tx, "client", client_id.0)?;
            let drafts::BrandFields {
                name,
                facts,
                key_points,
                positioning,
                competitors,
            } = d.validate()?;
            let id = BrandId(tx.next_id()?);
            let b = Brand {
                id,
                client_id,
                name,
                facts,
                key_points,
                positioning,
                competitors,
                audit: Audit::new(stamp),
            };
            tx.put(&b)?;
            Ok(done(
                Subject::Brand,
                id.0,
                Action::Created,
                b.name,
                Some(Reverse::Remove(Subject::Brand, id.0)),
            ))
        }
        Command::UpdateBrand(id, d) => {
            let before: Brand = need(tx, "brand", id.0)?;
            let drafts::BrandFields {
                name,
                facts,
                key_points,
                positioning,
                competitors,
            } = d.validate()?;
            let after = Brand {
                name,
                facts,
                key_points,
                positioning,
                competitors,
                audit: before.audit.touched(stamp),
                ..before.clone()
            };
            tx.put(&after)?;
            Ok(done(
                Subject::Brand,
                id.0,
                Action::Updated,
                after.name,
                Some(Reverse::Restore(Snapshot::Brand(before))),
            ))
        }
        Command::CreateJob(d) => {
            let f = d.validate()?;
            check_job_refs(tx, f.client_id, f.brand_id, &f.team)?;
            let settings = tx.settings()?;
            let number = tx.issue_job_number(&settings.job_number_format, ctx.today.year())?;
            let id = JobId(tx.next_id()?);
            let j = Job {
                id,
                number,
                title: f.title,
                client_id: f.client_id,
                brand_id: f.brand_id,
                team: f.team,
                status: JobStatus::Requested,
                requested_on: f.requested_on,
                due_on: f.due_on,
                audit: Audit::new(stamp),
            };
            tx.put(&j)?;
            let summary = format!("{} {}", j.number.text, j.title);
            Ok(done(
                Subject::Job,
                id.0,
                Action::Created,
                summary,
                Some(Reverse::Remove(Subject::Job, id.0)),
            ))
        }
        Command::UpdateJob(id, d) => {
            let before: Job = need(tx, "job", id.0)?;
            let f = d.validate()?;
            check_job_refs(tx, f.client_id, f.brand_id, &f.team)?;
            let after = Job {
                title: f.title,
                client_id: f.client_id,
                brand_id: f.brand_id,
                team: f.team,
                requested_on: f.requested_on,
                due_on: f.due_on,
                audit: before.audit.touched(stamp),
                ..before.clone()
            };
            tx.put(&after)?;
            let summary = format!("{} {}", after.number.text, after.title);
            Ok(done(
                Subject::Job,
                id.0,
                Action::Updated,
                summary,
                Some(Reverse::Restore(Snapshot::Job(before))),
            ))
        }
        Command::SetJobStatus(id, to) => {
            let before: Job = need(tx, "job", id.0)?;
            let status = job::transition(before.status, to)?;
            let after = Job {
                status,
                audit: before.audit.touched(stamp),
                ..before.clone()
            };
            tx.put(&after)?;
            let summary = format!(
                "{} {} → {}",
                after.number.text,
                format::job_status(before.status, Lang::Zh),
                format::job_status(status, Lang::Zh)
            );
            Ok(done(
                Subject::Job,
                id.0,
                Action::Updated,
                summary,
                Some(Reverse::Restore(Snapshot::Job(before))),
            ))
        }
        Command::SaveBrief(job_id, d) => save_brief(tx, stamp, job_id, d.validate()?),
        Command::AddUser(d) => {
            let name = d.validate()?;
            let id = UserId(tx.next_id()?);
            let u = User {
                id,
                name,
                role: d.role,
                active: d.active,
            };
            tx.put(&u)?;
            Ok(done(
                Subject::User,
                id.0,
                Action::Created,
                u.name,
                Some(Reverse::Remove(Subject::User, id.0)),
            ))
        }
        Command::UpdateUser(id, d) => {
            let before: User = need(tx, "user", id.0)?;
            let name = d.validate()?;
            let after = User {
                name,
                role: d.role,
                active: d.active,
                ..before.clone()
            };
            tx.put(&after)?;
            Ok(done(
                Subject::User,
                id.0,
                Action::Updated,
                after.name,
                Some(Reverse::Restore(Snapshot::User(before))),
            ))
        }
        Command::SaveSettings(s) => {
            s.job_number_format.validate().map_err(|e| FieldError {
                field: "job_number_format",
                problem: Problem::BadFormat(e.to_string()),
            })?;
            let agency_name = crate::domain::text::required_line("agency_name", &s.agency_name)?;
            let days = agency_days(s.days.clone())?;
            let notices = holidays::checked_notices(s.notices.clone())?;
            let before = tx.settings()?;
            tx.put_settings(&AgencySettings {
                agency_name,
                days,
                notices,
                ..s
            })?;
            Ok(done(
                Subject::Settings,
                0,
                Action::Updated,
                String::new(),
                Some(Reverse::Settings(before)),
            ))
        }
        Command::SaveSchedule(job, plan) => schedules::save(tx, stamp, job, plan),
        Command::IssueSchedule(job) => schedules::issue(tx, ctx, job),
        Command::SaveTemplates(list) => templates::save(tx, list),
        Command::SaveScheduleAsTemplate(job, name) => templates::save_schedule_as(tx, job, &name),
        Command::SaveMeeting(m) => meetings::save(tx, ctx, *m),
        Command::DeleteMeeting(id) => meetings::delete(tx, id),
        Command::Minutes(id, step) => meetings::step(tx, ctx, id, step),
        Command::Undo(step) => undo::undo(tx, stamp, *step),
    }
}

/// The agency's days as saved: each named, none twice, in date order.
fn agency_days(
    mut days: Vec<crate::domain::settings::AgencyDay>,
) -> Result<Vec<crate::domain::settings::AgencyDay>, ServiceError> {
    use crate::domain::settings::MAX_AGENCY_DAYS;
    if days.len() > MAX_AGENCY_DAYS {
        return Err(FieldError {
            field: "agency_days",
            problem: Problem::TooMany {
                max: MAX_AGENCY_DAYS,
            },
        }
        .into());
    }
    for d in &mut days {
        d.name = crate::domain::text::required_line("agency_day_name", &d.name)?;
    }
    days.sort_by_key(|d| d.date);
    let settings = AgencySettings {
        days,
        ..AgencySettings::default()
    };
    if let Some(day) = settings.repeated_day() {
        return Err(FieldError {
            field: "agency_days",
            problem: Problem::Repeated(day.format("%Y-%m-%d").to_string()),
        }
        .into());
    }
    Ok(settings.days)
}

fn check_job_refs(
    tx: &WriteTx,
    client: ClientId,
    brand: Option<BrandId>,
    team: &crate::domain::Team,
) -> Result<(), ServiceError> {
    check_ref::<Client>(tx, "client", client.0)?;
    if let Some(b) = brand {
        let brand: Brand = check_ref(tx, "brand", b.0)?;
        if brand.client_id != client {
            return Err(ServiceError::Invalid(FieldError {
                field: "brand",
                problem: Problem::Missing,
            }));
        }
    }
    for user in drafts::team_members(team).into_iter().flatten() {
        check_ref::<User>(tx, "user_name", user.0)?;
    }
    Ok(())
}

fn save_brief(
    tx: &mut WriteTx,
    stamp: Stamp,
    job_id: JobId,
    content: BriefContent,
) -> Result<Outcome, ServiceError> {
    let job: Job = need(tx, "job", job_id.0)?;
    let latest = tx.latest_brief(job_id)?;
    let previous = latest
        .as_ref()
        .map(|v| v.content.clone())
        .unwrap_or_default();
    match brief::next_version(job_id, latest.as_ref(), content, stamp) {
        Some(v) => {
            tx.append_brief(&v)?;
            let fields: Vec<&str> = v.changed.iter().map(|f| f.key()).collect();
            let summary = format!("{} v{}: {}", job.number.text, v.version, fields.join(", "));
            Ok(done(
                Subject::Brief,
                job_id.0,
                Action::Updated,
                summary,
                Some(Reverse::Brief(job_id, previous)),
            ))
        }
        None => Ok(done(
            Subject::Brief,
            job_id.0,
            Action::Updated,
            format!("{} (unchanged)", job.number.text),
            None,
        )),
    }
}

#[cfg(test)]
mod tests;
