//! The data-set generator (`account-desk gen`): a realistic, deterministic agency of a
//! decade (or a year) for benchmarks and for trying the app at scale.
//!
//! Everything is written through [`crate::services::Batch::apply`], so validation, job numbers, the
//! change log and undo data are exactly what people's work would produce; only the
//! transactions are larger (a few thousand commands each) so the decade set takes seconds,
//! not hours. The same seed writes the same agency, record for record.

mod archive;
mod billing;
mod clients;
mod estimates;
mod jobs;
mod meetings;
mod papers;
mod rng;
mod schedules;
mod vocab;

pub use schedules::{roadshow, roadshow_in_phases};

use crate::domain::{
    BrandId, BriefField, Client, ClientId, ContractStatus, JobId, JobStatus, Lang, Role, Team,
    UserId,
};
use crate::services::{
    Base, Batch, BrandDraft, BriefDraft, ClientDraft, Command, ContactDraft, ContractDraft, Ctx,
    JobDraft, ServiceError, UserDraft, batch,
};
use crate::store::Store;
use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate, Utc};
use jobs::fill;
use pinyin::ToPinyin;
use rng::Rng;
use std::fmt;
use thiserror::Error;
use vocab::Industry;

/// The size of agency to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scale {
    /// Ten years of a mid-size agency: 150 clients, 30,000 jobs.
    Decade,
    /// One year, a tenth of the jobs: for quick runs.
    Year,
}

/// How many records of each kind, over how many years, from which seed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Plan {
    /// Users of the account team over the whole span (some have left).
    pub users: usize,
    /// Clients.
    pub clients: usize,
    /// Brands per client.
    pub brands_per_client: usize,
    /// Client contacts, all clients together.
    pub contacts: usize,
    /// Contracts, all clients together.
    pub contracts: usize,
    /// Jobs, each with a brief of one or more versions.
    pub jobs: usize,
    /// Years the jobs are spread over, ending on the day of generation.
    pub years: u32,
    /// The seed: the same seed and plan write the same agency.
    pub seed: u64,
}

impl Plan {
    /// The plan of a named scale with the default seed.
    pub fn of(scale: Scale) -> Plan {
        match scale {
            Scale::Decade => Plan {
                users: 60,
                clients: 150,
                brands_per_client: 3,
                contacts: 3_000,
                contracts: 2_000,
                jobs: 30_000,
                years: 10,
                seed: 2026,
            },
            Scale::Year => Plan {
                users: 24,
                clients: 60,
                brands_per_client: 3,
                contacts: 600,
                contracts: 200,
                jobs: 3_000,
                years: 1,
                seed: 2026,
            },
        }
    }
}

/// Why nothing (or not everything) was generated.
#[derive(Debug, Error)]
pub enum GenError {
    /// The generator only writes into a new or empty database, never beside real data.
    #[error(
        "the database already holds {clients} client(s); generate into a new or empty database"
    )]
    NotEmpty {
        /// Clients found.
        clients: usize,
    },
    /// A use case refused a generated record (a bug) or the database failed.
    #[error("{}", .0.message(Lang::En))]
    Service(#[from] ServiceError),
    /// A file of the generated job files could not be written or stored.
    #[error("{0}")]
    Files(String),
}

/// What was written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Generated {
    /// Users.
    pub users: usize,
    /// Clients.
    pub clients: usize,
    /// Brands.
    pub brands: usize,
    /// Contacts.
    pub contacts: usize,
    /// Contracts.
    pub contracts: usize,
    /// Jobs.
    pub jobs: usize,
    /// Brief versions, all jobs together.
    pub brief_versions: usize,
    /// Status changes.
    pub status_changes: usize,
    /// Schedule tasks, all jobs together (every job has a schedule).
    pub tasks: usize,
    /// Schedule versions issued to clients.
    pub issued_schedules: usize,
    /// Meetings and calls, with minutes.
    pub meetings: usize,
    /// Production estimates.
    pub estimates: usize,
    /// Change orders, each signed by the client.
    pub change_orders: usize,
    /// Client invoices.
    pub invoices: usize,
    /// Payments received.
    pub receipts: usize,
    /// Clients' annual budgets.
    pub budgets: usize,
    /// Documents filed: each job's request form, its brief, the signed estimate of each that
    /// went into production and the completion form of each archived after completion, and
    /// the media invoice of each creative work (a file of its own, its words kept for search).
    pub documents: usize,
    /// Creative works in the clients' ad archives.
    pub creative_works: usize,
    /// Items on the library's shelves (tapes, tearsheets, proofs of those works).
    pub library_items: usize,
    /// Items out on loan on the last day.
    pub loans: usize,
}

impl fmt::Display for Generated {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} users, {} clients, {} brands, {} contacts, {} contracts, {} jobs, {} brief versions, {} status changes, {} schedule tasks, {} issued schedules, {} meetings, {} estimates, {} change orders, {} invoices, {} payments, {} budgets, {} documents, {} creative works, {} library items ({} out on loan)",
            self.users,
            self.clients,
            self.brands,
            self.contacts,
            self.contracts,
            self.jobs,
            self.brief_versions,
            self.status_changes,
            self.tasks,
            self.issued_schedules,
            self.meetings,
            self.estimates,
            self.change_orders,
            self.invoices,
            self.receipts,
            self.budgets,
            self.documents,
            self.creative_works,
            self.library_items,
            self.loans
        )
    }
}

/// Progress reports: which stage, how far.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// The stage: `clients` (counted in clients), then `job history` (counted in events:
    /// requests, brief versions and status changes, in calendar order).
    pub stage: &'static str,
    /// Steps done.
    pub done: usize,
    /// Steps in the stage.
    pub total: usize,
}

/// Commands per transaction: large enough that commits cost little, small enough that
/// progress moves and memory stays flat.
const BATCH: usize = 4_000;

/// Writes the agency of `plan` into `store`, which must hold no clients. `now` is the
/// moment of the last change; jobs are spread over the `plan.years` years before `today`.
pub fn generate(
    store: &Store,
    plan: &Plan,
    now: DateTime<Utc>,
    today: NaiveDate,
    progress: &mut dyn FnMut(Progress),
) -> Result<Generated, GenError> {
    let clients = store.all::<Client>().map_err(ServiceError::from)?.len();
    if clients > 0 {
        return Err(GenError::NotEmpty { clients });
    }
    let start = today
        .checked_sub_signed(Duration::days(365 * i64::from(plan.years.max(1))))
        .unwrap_or(today);
    let mut g = Generator {
        rng: Rng::new(plan.seed),
        now,
        start,
        today,
        out: Generated::default(),
        users: Vec::new(),
        calendar: crate::domain::calendar::WorkCalendar::china(),
        budgeted: Default::default(),
        papers: None,
    };
    g.papers = papers::JobPaperFiles::stored(store)?;
    g.users(store, plan)?;
    let clients = g.clients(store, plan, progress)?;
    g.jobs(store, plan, &clients, progress)?;
    g.archive(store)?;
    g.retire_users(store)?;
    Ok(g.out)
}

/// A client as the generator knows it, for its jobs.
struct GenClient {
    id: ClientId,
    short_name: String,
    industry: &'static Industry,
    brands: Vec<(BrandId, String)>,
    city: &'static str,
}

/// A member of the account team and the years they worked at the agency.
struct Member {
    id: UserId,
    name: String,
    role: Role,
    from: NaiveDate,
    until: Option<NaiveDate>,
}

struct Generator {
    rng: Rng,
    now: DateTime<Utc>,
    start: NaiveDate,
    today: NaiveDate,
    out: Generated,
    users: Vec<Member>,
    calendar: crate::domain::calendar::WorkCalendar,
    /// The clients and years with a budget set.
    budgeted: std::collections::HashSet<(ClientId, i32)>,
    /// The stored files of the job files' papers, filed under each job's own name.
    papers: Option<papers::JobPaperFiles>,
}

/// One thing that happens to a job, placed on the timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum JobEvent {
    Create,
    Brief(u8),
    Status(JobStatus),
}

impl Generator {
    /// Who acts, and when: `on` at a working-hours minute (Beijing time), never after `now`.
    fn ctx(&mut self, actor: UserId, on: NaiveDate) -> Ctx {
        let beijing = FixedOffset::east_opt(8 * 3600);
        let minutes = self.rng.between(9 * 60, 18 * 60 + 30) as u32;
        let at = on
            .and_hms_opt(minutes / 60, minutes % 60, self.rng.below(60) as u32)
            .zip(beijing)
            .and_then(|(t, tz)| t.and_local_timezone(tz).single())
            .map_or(self.now, |t| t.with_timezone(&Utc))
            .min(self.now);
        Ctx {
            actor,
            now: at,
            today: on,
        }
    }

    fn person_name(&mut self) -> String {
        let surname = self
            .rng
            .pick_skewed(vocab::SURNAMES)
            .copied()
            .unwrap_or("王");
        let given = self.rng.word(vocab::GIVEN);
        format!("{surname}{given}")
    }

    fn users(&mut self, store: &Store, plan: &Plan) -> Result<(), GenError> {
        let span = (self.today - self.start).num_days().max(1);
        let mut members = Vec::new();
        batch(store, |b| {
            for i in 0..plan.users {
                // The first few stay all decade and set up the rest; the others come and go.
                let role = match i % 10 {
                    0 => Role::AccountDirector,
                    1 | 5 => Role::AccountManager,
                    9 if i >= 10 => Role::DirectorsOffice,
                    _ => Role::AccountExecutive,
                };
                let (from, until) = if i < 6 {
                    (self.start, None)
                } else {
                    let from = self.start + Duration::days(self.rng.between(0, span * 3 / 4));
                    let stays = self.rng.between(365, 365 * 5);
                    let until = from + Duration::days(stays);
                    (from, (until < self.today).then_some(until))
                };
                let name = match self.rng.chance(15) {
                    true => format!(
                        "{} {}",
                        self.rng.word(vocab::ENGLISH_NAMES),
                        self.person_name()
                    ),
                    false => self.person_name(),
                };
                let actor = members.first().map_or(UserId(0), |m: &Member| m.id);
                let ctx = self.ctx(actor, from);
                let draft = UserDraft {
                    name: name.clone(),
                    role,
                    active: true,
                };
                let id = UserId(b.apply(&ctx, Command::AddUser(draft))?.id);
                members.push(Member {
                    id,
                    name,
                    role,
                    from,
                    until,
                });
            }
            Ok(())
        })?;
        self.out.users = members.len();
        self.users = members;
        Ok(())
    }

    /// The name of a member of the team.
    fn member_name(&self, id: UserId) -> String {
        self.users
            .iter()
            .find(|m| m.id == id)
            .map_or_else(String::new, |m| m.name.clone())
    }

    /// A user of `role` working at the agency on `on`, if any.
    fn member(&mut self, role: Role, on: NaiveDate) -> Option<UserId> {
        let working: Vec<UserId> = self
            .users
            .iter()
            .filter(|m| m.role == role && m.from <= on && m.until.is_none_or(|u| on <= u))
            .map(|m| m.id)
            .collect();
        self.rng.pick(&working).copied()
    }

    fn director(&self) -> UserId {
        self.users.first().map_or(UserId(0), |m| m.id)
    }

    /// Marks the people who have left as inactive (their names stay on their jobs).
    fn retire_users(&mut self, store: &Store) -> Result<(), GenError> {
        let director = self.director();
        let leavers: Vec<(UserId, Role, NaiveDate)> = self
            .users
            .iter()
            .filter_map(|m| Some((m.id, m.role, m.until?)))
            .collect();
        // Read before the batch: nothing else writes the generated agency meanwhile.
        let mut users = Vec::with_capacity(leavers.len());
        for (id, role, until) in leavers {
            if let Some(user) = store
                .get::<crate::domain::User>(id.0)
                .map_err(ServiceError::from)?
            {
                users.push((id, role, until, user));
            }
        }
        batch(store, |b| {
            for (id, role, until, user) in users {
                let ctx = self.ctx(director, until);
                let draft = UserDraft {
                    name: user.name,
                    role,
                    active: false,
                };
                b.apply(&ctx, Command::UpdateUser(id, draft, Base::Overwrite))?;
            }
            Ok(())
        })?;
        Ok(())
    }
}

/// The words a job's brief is written with.
struct Words {
    brand: String,
    client: String,
    industry: &'static Industry,
    city: &'static str,
    due: NaiveDate,
}

/// A job before it is written.
struct GenJob {
    draft: JobDraft,
    ae: UserId,
    am: UserId,
    versions: u8,
    words: Words,
}

#[cfg(test)]
mod tests;
