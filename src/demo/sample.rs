//! The sample agency (示例公司): a realistic account team with four clients, their brands,
//! contacts and contracts, and thirteen jobs across 2025 and 2026 with briefs and status
//! histories. It is written through [`crate::services::apply`], so validation, job numbers and the
//! change log are exactly what a person's work would produce.
//!
//! Everything happens on the days the data says (the change log reads like a real history:
//! the brief of 2025-0001 was revised by 陈静 on 2025-03-14), except that no stamp is later than
//! the `now` given to [`load_sample`]. Job numbers are issued by the service for the year of
//! the request date, so the 2025 jobs get `2025-…` numbers and the 2026 jobs `2026-…`.

mod clients;
mod documents;
mod estimates;
mod invoices;
mod jobs;
mod library;
pub use estimates::sample_lines;
mod loader;
mod meetings;
pub(crate) mod schedules;

use loader::day;

use crate::domain::calendar::WorkCalendar;
use crate::domain::{
    BrandId, BriefField, Client, ClientId, ContractStatus, JobId, JobStatus, Lang, Role, Team,
    UserId,
};
use crate::services::{
    Base, BrandDraft, BriefDraft, ClientDraft, Command, ContactDraft, ContractDraft, Ctx, JobDraft,
    ServiceError, UserDraft, apply,
};
use crate::store::{Store, StoreError};
use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use std::fmt;
use thiserror::Error;

/// Why the sample agency was not loaded.
#[derive(Debug, Error)]
pub enum SampleError {
    /// The database already holds an agency's clients; the sample never mixes with real data.
    #[error(
        "the database already holds {clients} client(s); the sample agency only loads into a new or empty database"
    )]
    NotEmpty {
        /// Clients found.
        clients: usize,
    },
    /// A use case refused a sample record or the database failed.
    #[error("{}", .0.message(Lang::En))]
    Service(#[from] ServiceError),
    /// The built-in sample data is inconsistent (a bug, caught by the unit test).
    #[error("the built-in sample data is invalid: {0}")]
    Data(String),
}

impl From<StoreError> for SampleError {
    fn from(e: StoreError) -> Self {
        SampleError::Service(ServiceError::Store(e))
    }
}

impl SampleError {
    /// The message shown to a person in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (SampleError::NotEmpty { clients }, Lang::Zh) => format!(
                "数据库中已有 {clients} 个客户。示例公司只能载入新的或空的数据库，以免与真实数据混在一起。"
            ),
            (SampleError::Service(e), lang) => e.message(lang),
            (SampleError::Data(d), Lang::Zh) => format!("内置示例数据有误：{d}"),
            (e, Lang::En) => e.to_string(),
        }
    }
}

/// How many records the sample agency added.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SampleSummary {
    /// Users (the account team).
    pub users: usize,
    /// Clients.
    pub clients: usize,
    /// Client contacts.
    pub contacts: usize,
    /// Contracts.
    pub contracts: usize,
    /// Brands.
    pub brands: usize,
    /// Jobs.
    pub jobs: usize,
    /// Saved brief versions, all jobs together.
    pub brief_versions: usize,
    /// Jobs with a schedule.
    pub schedules: usize,
    /// Schedule versions issued to clients, all jobs together.
    pub issued_schedules: usize,
    /// Meetings and calls, with minutes in every state.
    pub meetings: usize,
    /// Estimates, in every state.
    pub estimates: usize,
    /// Documents filed in the job files and the reference files.
    pub documents: usize,
    /// Creative works of the clients' ad archives.
    pub creative_works: usize,
    /// Items on the library's shelves.
    pub library_items: usize,
}

impl fmt::Display for SampleSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} users, {} clients, {} contacts, {} contracts, {} brands, {} jobs, {} brief versions, {} schedules ({} issued versions), {} meetings, {} estimates, {} documents, {} creative works, {} library items",
            self.users,
            self.clients,
            self.contacts,
            self.contracts,
            self.brands,
            self.jobs,
            self.brief_versions,
            self.schedules,
            self.issued_schedules,
            self.meetings,
            self.estimates,
            self.documents,
            self.creative_works,
            self.library_items
        )
    }
}

/// Loads the sample agency into `store`, which must hold no clients yet (users may exist:
/// the sample team is added beside them). `now` caps every change stamp; `today` (the local
/// date) decides whether each sample contract is still a draft, running or expired.
///
/// Each record is its own transaction, as if typed in the window; if a write fails midway the
/// records written so far stay (the database is never left inconsistent, only incomplete).
pub fn load_sample(
    store: &Store,
    now: DateTime<Utc>,
    today: NaiveDate,
) -> Result<SampleSummary, SampleError> {
    let clients = store.all::<Client>()?.len();
    if clients > 0 {
        return Err(SampleError::NotEmpty { clients });
    }
    let mut loader = Loader {
        store,
        now,
        actor: UserId(0),
        users: Vec::new(),
        summary: SampleSummary::default(),
        last_day: None,
        same_day: 0,
    };
    loader.users()?;
    let (client_ids, brand_ids) = loader.clients(today)?;
    loader.jobs(&client_ids, &brand_ids)?;
    loader.budgets(&client_ids)?;
    loader.invoices()?;
    loader.budget_reports(&client_ids)?;
    loader.documents()?;
    loader.library()?;
    Ok(loader.summary)
}

/// A person of the sample team.
struct UserSpec {
    name: &'static str,
    role: Role,
}

/// A sample contact.
struct ContactSpec {
    name: &'static str,
    title: &'static str,
    phone: &'static str,
    email: &'static str,
    wechat: &'static str,
    notes: &'static str,
}

/// A sample contract; its status follows from its dates and the day of loading.
struct ContractSpec {
    number: &'static str,
    scope: &'static str,
    start: &'static str,
    end: &'static str,
    value: &'static str,
}

/// A sample client with its contacts and contracts.
struct ClientSpec {
    name: &'static str,
    short_name: &'static str,
    industry: &'static str,
    address: &'static str,
    phone: &'static str,
    since: &'static str,
    notes: &'static str,
    created_on: &'static str,
    contacts: &'static [ContactSpec],
    contracts: &'static [ContractSpec],
}

/// A sample brand; `client` indexes the client list.
struct BrandSpec {
    client: usize,
    name: &'static str,
    facts: &'static str,
    key_points: &'static str,
    positioning: &'static str,
    competitors: &'static str,
}

/// The first version of a job's brief.
struct BriefSpec {
    by: usize,
    on: &'static str,
    background: &'static str,
    objective: &'static str,
    audience: &'static str,
    key_message: &'static str,
    deliverables: &'static str,
    mandatories: &'static str,
    budget: &'static str,
    timing: &'static str,
}

/// A later version of a brief: the sections rewritten and, if it changed, the budget.
struct Revision {
    by: usize,
    on: &'static str,
    changes: &'static [(BriefField, &'static str)],
    budget: Option<&'static str>,
}

/// A sample job: `team` is AE, AM, AD as user indexes; `steps` are the status changes.
struct JobSpec {
    client: usize,
    brand: Option<usize>,
    title: &'static str,
    team: [usize; 3],
    requested: &'static str,
    due: &'static str,
    brief: BriefSpec,
    revisions: &'static [Revision],
    steps: &'static [(JobStatus, &'static str, usize)],
}

/// What happens to a sample job's schedule, and when: planned with the first brief, issued to
/// the client three days later, progress brought up to date today, and
/// for the dealer test drive (job 7) a production slip re-planned and issued as v2. Nothing
/// is placed after `today`.
fn schedule_steps(
    spec: &JobSpec,
    index: usize,
    today: NaiveDate,
) -> Result<Vec<(NaiveDate, schedules::Step)>, SampleError> {
    use schedules::Step;
    let briefed = day(spec.brief.on)?;
    // Each issue goes out with the progress of its day.
    let issue = briefed + chrono::Duration::days(3);
    let mut steps = vec![
        (briefed, Step::Plan),
        (issue, Step::Progress),
        (issue, Step::Issue),
    ];
    if index == 6 {
        let reissue = briefed + chrono::Duration::days(21);
        steps.push((briefed + chrono::Duration::days(20), Step::Replan));
        steps.push((reissue, Step::Progress));
        steps.push((reissue, Step::Issue));
    }
    let last = steps.last().map_or(briefed, |(d, _)| *d);
    // Progress as of today: finished jobs have every task done, running ones are where
    // their dates put them. An archived job's schedule is read-only: its last progress is
    // the day it was archived.
    let archived = spec
        .steps
        .iter()
        .find(|(s, _, _)| *s == crate::domain::JobStatus::Archived)
        .map(|(_, on, _)| day(on))
        .transpose()?;
    let until = archived.map_or(today, |a| a.min(today));
    steps.push((until.max(last), Step::Progress));
    if index == 11 {
        // The iX3 strategy waits for the client's approval of the creative direction.
        steps.push((today.max(briefed), Step::Slip));
    }
    steps.retain(|(on, _)| *on <= today);
    Ok(steps)
}

/// One thing that happens to a job, placed on the timeline.
enum SampleJobEvent {
    Create,
    Brief(usize),
    Status(usize),
    Schedule(schedules::Step),
    Estimate(usize),
}

struct Loader<'a> {
    store: &'a Store,
    now: DateTime<Utc>,
    actor: UserId,
    users: Vec<UserId>,
    summary: SampleSummary,
    last_day: Option<NaiveDate>,
    same_day: u32,
}

#[cfg(test)]
mod tests;
