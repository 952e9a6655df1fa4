//! The sample agency (示例公司): a realistic account team with four clients, their brands,
//! contacts and contracts, and thirteen jobs across 2025 and 2026 with briefs and status
//! histories. It is written through [`super::apply`], so validation, job numbers and the
//! change log are exactly what a person's work would produce.
//!
//! Everything happens on the days the data says (the change log reads like a real history:
//! the brief of 2025-0001 was revised by 陈静 on 2025-03-14), except that no stamp is later than
//! the `now` given to [`load_sample`]. Job numbers are issued by the service for the year of
//! the request date, so the 2025 jobs get `2025-…` numbers and the 2026 jobs `2026-…`.

mod clients;
mod jobs;
mod meetings;
pub(crate) mod schedules;

use super::{
    BrandDraft, BriefDraft, ClientDraft, Command, ContactDraft, ContractDraft, Ctx, JobDraft,
    ServiceError, UserDraft, apply,
};
use crate::domain::calendar::WorkCalendar;
use crate::domain::{
    BrandId, BriefField, Client, ClientId, ContractStatus, JobId, JobStatus, Lang, Role, Team,
    UserId,
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
}

impl fmt::Display for SampleSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} users, {} clients, {} contacts, {} contracts, {} brands, {} jobs, {} brief versions, {} schedules ({} issued versions), {} meetings",
            self.users,
            self.clients,
            self.contacts,
            self.contracts,
            self.brands,
            self.jobs,
            self.brief_versions,
            self.schedules,
            self.issued_schedules,
            self.meetings
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
    // their dates put them.
    steps.push((today.max(last), Step::Progress));
    if index == 11 {
        // The iX3 strategy waits for the client's approval of the creative direction.
        steps.push((today.max(briefed), Step::Slip));
    }
    steps.retain(|(on, _)| *on <= today);
    Ok(steps)
}

/// One thing that happens to a job, placed on the timeline.
enum Event {
    Create,
    Brief(usize),
    Status(usize),
    Schedule(schedules::Step),
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

fn day(text: &str) -> Result<NaiveDate, SampleError> {
    crate::domain::format::parse_date(text).ok_or_else(|| SampleError::Data(format!("date {text}")))
}

impl Loader<'_> {
    /// Applies `command` as user `by` (an index into the sample team) on `on`. Changes on the
    /// same day are a few minutes apart from 09:30 Beijing time, never later than `now`.
    fn apply(&mut self, by: Option<usize>, on: &str, command: Command) -> Result<u64, SampleError> {
        let today = day(on)?;
        if self.last_day == Some(today) {
            self.same_day += 1;
        } else {
            self.last_day = Some(today);
            self.same_day = 0;
        }
        let actor = match by {
            Some(i) => *self
                .users
                .get(i)
                .ok_or_else(|| SampleError::Data(format!("user {i}")))?,
            None => self.actor,
        };
        let at = self.moment(today, false);
        let ctx = Ctx {
            actor,
            now: at,
            today,
        };
        Ok(apply(self.store, &ctx, command)?.id)
    }

    /// The moment of the next change on `day`: from 09:30 Beijing time, seven minutes
    /// apart (`next`: one more than the changes already made that day), never after `now`.
    fn moment(&self, day: NaiveDate, next: bool) -> DateTime<Utc> {
        let beijing = FixedOffset::east_opt(8 * 3600);
        let minutes = 9 * 60 + 30 + 7 * (self.same_day + u32::from(next));
        day.and_hms_opt((minutes / 60) % 24, minutes % 60, 0)
            .zip(beijing)
            .and_then(|(t, tz)| t.and_local_timezone(tz).single())
            .map(|t| t.with_timezone(&Utc))
            .unwrap_or(self.now)
            .min(self.now)
    }

    fn users(&mut self) -> Result<(), SampleError> {
        for u in clients::USERS {
            let id = self.apply(
                None,
                "2025-01-02",
                Command::AddUser(UserDraft {
                    name: u.name.into(),
                    role: u.role,
                    active: true,
                }),
            )?;
            self.users.push(UserId(id));
            // Once the team exists, the account director sets up the rest.
            if self.actor == UserId(0) {
                self.actor = UserId(id);
            }
            self.summary.users += 1;
        }
        Ok(())
    }

    fn clients(&mut self, today: NaiveDate) -> Result<(Vec<ClientId>, Vec<BrandId>), SampleError> {
        let setup = Some(clients::CHEN);
        let mut client_ids = Vec::new();
        let mut brand_ids: Vec<Option<BrandId>> = vec![None; clients::BRANDS.len()];
        for (ci, c) in clients::CLIENTS.iter().enumerate() {
            let draft = ClientDraft {
                name: c.name.into(),
                short_name: c.short_name.into(),
                industry: c.industry.into(),
                address: c.address.into(),
                phone: c.phone.into(),
                since: c.since.into(),
                notes: c.notes.into(),
            };
            let id = ClientId(self.apply(setup, c.created_on, Command::CreateClient(draft))?);
            client_ids.push(id);
            self.summary.clients += 1;
            for p in c.contacts {
                let draft = ContactDraft {
                    name: p.name.into(),
                    title: p.title.into(),
                    phone: p.phone.into(),
                    email: p.email.into(),
                    wechat: p.wechat.into(),
                    notes: p.notes.into(),
                };
                self.apply(setup, c.created_on, Command::AddContact(id, draft))?;
                self.summary.contacts += 1;
            }
            for k in c.contracts {
                let (start, end) = (day(k.start)?, day(k.end)?);
                let status = if today < start {
                    ContractStatus::Draft
                } else if today > end {
                    ContractStatus::Expired
                } else {
                    ContractStatus::Active
                };
                let draft = ContractDraft {
                    number: k.number.into(),
                    scope: k.scope.into(),
                    start: k.start.into(),
                    end: k.end.into(),
                    value: k.value.into(),
                    status,
                };
                self.apply(setup, c.created_on, Command::AddContract(id, draft))?;
                self.summary.contracts += 1;
            }
            for (bi, b) in clients::BRANDS.iter().enumerate() {
                if b.client != ci {
                    continue;
                }
                let draft = BrandDraft {
                    name: b.name.into(),
                    facts: b.facts.into(),
                    key_points: b.key_points.into(),
                    positioning: b.positioning.into(),
                    competitors: b.competitors.into(),
                };
                let brand = self.apply(setup, c.created_on, Command::CreateBrand(id, draft))?;
                if let Some(slot) = brand_ids.get_mut(bi) {
                    *slot = Some(BrandId(brand));
                }
                self.summary.brands += 1;
            }
        }
        let brand_ids = brand_ids.into_iter().flatten().collect::<Vec<_>>();
        if brand_ids.len() != clients::BRANDS.len() {
            return Err(SampleError::Data(
                "a brand names a client that does not exist".into(),
            ));
        }
        Ok((client_ids, brand_ids))
    }

    /// Creates the jobs, saves their briefs and moves their statuses in the order the days
    /// say, so job numbers and the change log follow the calendar.
    fn jobs(&mut self, client_ids: &[ClientId], brand_ids: &[BrandId]) -> Result<(), SampleError> {
        let mut timeline: Vec<(NaiveDate, u8, usize, Event)> = Vec::new();
        for (j, spec) in jobs::JOBS.iter().enumerate() {
            timeline.push((day(spec.requested)?, 0, j, Event::Create));
            timeline.push((day(spec.brief.on)?, 1, j, Event::Brief(0)));
            for (r, rev) in spec.revisions.iter().enumerate() {
                timeline.push((day(rev.on)?, 1, j, Event::Brief(r + 1)));
            }
            for (s, (_, on, _)) in spec.steps.iter().enumerate() {
                timeline.push((day(on)?, 2, j, Event::Status(s)));
            }
            for (on, step) in schedule_steps(spec, j, self.now.date_naive())? {
                timeline.push((on, 1, j, Event::Schedule(step)));
            }
        }
        // Stable: same-day events keep their order (create, then brief, then status).
        timeline.sort_by_key(|(d, phase, _, _)| (*d, *phase));

        // Meetings happen between the jobs' changes, so the change log stays in time order.
        let mut meeting_events = meetings::events(self.now)?.into_iter().peekable();
        let mut meetings = meetings::Runner::new(self.now);
        let mut job_ids: Vec<Option<JobId>> = vec![None; jobs::JOBS.len()];
        let mut drafts: Vec<BriefDraft> = vec![BriefDraft::default(); jobs::JOBS.len()];
        for (date, _, j, event) in timeline {
            let next = self.moment(date, self.last_day == Some(date));
            while let Some(m) = meeting_events.next_if(|m| m.at < next) {
                meetings.run(self.store, &self.users, &m)?;
                self.summary.meetings += usize::from(m.books());
            }
            let spec = jobs::JOBS
                .get(j)
                .ok_or_else(|| SampleError::Data(format!("job {j}")))?;
            let on = date.format("%Y-%m-%d").to_string();
            let job_id = job_ids.get(j).copied().flatten();
            match (event, job_id) {
                (Event::Create, _) => {
                    let draft = job_draft(spec, client_ids, brand_ids, &self.users)?;
                    let id = self.apply(Some(spec.team[0]), &on, Command::CreateJob(draft))?;
                    if let Some(slot) = job_ids.get_mut(j) {
                        *slot = Some(JobId(id));
                    }
                    self.summary.jobs += 1;
                }
                (Event::Brief(v), Some(job_id)) => {
                    let Some(draft) = drafts.get_mut(j) else {
                        continue;
                    };
                    let by = revise(draft, spec, v)?;
                    let command = Command::SaveBrief(job_id, draft.clone());
                    self.apply(Some(by), &on, command)?;
                    self.summary.brief_versions += 1;
                }
                (Event::Schedule(step), Some(job_id)) => {
                    let command = self.schedule_command(step, job_id, date)?;
                    let by = match step {
                        schedules::Step::Plan
                        | schedules::Step::Progress
                        | schedules::Step::Slip => spec.team[0],
                        schedules::Step::Issue | schedules::Step::Replan => spec.team[1],
                    };
                    match (&command, step) {
                        (Command::IssueSchedule(_), _) => self.summary.issued_schedules += 1,
                        (_, schedules::Step::Plan) => self.summary.schedules += 1,
                        _ => {}
                    }
                    self.apply(Some(by), &on, command)?;
                }
                (Event::Status(s), Some(job_id)) => {
                    let (to, _, by) = spec
                        .steps
                        .get(s)
                        .ok_or_else(|| SampleError::Data(format!("step {s}")))?;
                    self.apply(Some(*by), &on, Command::SetJobStatus(job_id, *to))?;
                }
                (_, None) => {
                    return Err(SampleError::Data(format!(
                        "job “{}” changes before it is requested",
                        spec.title
                    )));
                }
            }
        }
        for m in meeting_events {
            meetings.run(self.store, &self.users, &m)?;
            self.summary.meetings += usize::from(m.books());
        }
        Ok(())
    }
}

impl Loader<'_> {
    /// The command for one schedule step of a job, on `date`.
    fn schedule_command(
        &self,
        step: schedules::Step,
        job: JobId,
        date: NaiveDate,
    ) -> Result<Command, SampleError> {
        use schedules::Step;
        let cal = WorkCalendar::china();
        let current = self.store.schedule(job)?.map(|s| s.schedule);
        Ok(match (step, current) {
            (Step::Issue, _) => Command::IssueSchedule(job),
            (Step::Plan, _) | (_, None) => Command::SaveSchedule(job, schedules::plan(date, &cal)),
            (Step::Replan, Some(mut plan)) => {
                schedules::progress(&mut plan, date, &cal);
                schedules::replan(&mut plan, &cal);
                Command::SaveSchedule(job, plan)
            }
            (Step::Progress, Some(mut plan)) => {
                schedules::progress(&mut plan, date, &cal);
                Command::SaveSchedule(job, plan)
            }
            (Step::Slip, Some(mut plan)) => {
                schedules::slip(&mut plan, date);
                Command::SaveSchedule(job, plan)
            }
        })
    }
}

fn client_of(ids: &[ClientId], i: usize) -> Result<ClientId, SampleError> {
    ids.get(i)
        .copied()
        .ok_or_else(|| SampleError::Data(format!("client {i}")))
}

fn job_draft(
    spec: &JobSpec,
    client_ids: &[ClientId],
    brand_ids: &[BrandId],
    users: &[UserId],
) -> Result<JobDraft, SampleError> {
    let brand_id = match spec.brand {
        Some(b) => Some(
            *brand_ids
                .get(b)
                .ok_or_else(|| SampleError::Data(format!("brand {b}")))?,
        ),
        None => None,
    };
    let [ae, am, ad] = spec.team.map(|i| users.get(i).copied());
    Ok(JobDraft {
        title: spec.title.into(),
        client_id: Some(client_of(client_ids, spec.client)?),
        brand_id,
        team: Team { ae, am, ad },
        requested_on: spec.requested.into(),
        due_on: spec.due.into(),
    })
}

/// Brings `draft` to version `v` of the job's brief (0 = the first) and returns who wrote it.
fn revise(draft: &mut BriefDraft, spec: &JobSpec, v: usize) -> Result<usize, SampleError> {
    if v == 0 {
        let b = &spec.brief;
        draft.content.background = b.background.into();
        draft.content.objective = b.objective.into();
        draft.content.audience = b.audience.into();
        draft.content.key_message = b.key_message.into();
        draft.content.deliverables = b.deliverables.into();
        draft.content.mandatories = b.mandatories.into();
        draft.content.timing = b.timing.into();
        draft.budget = b.budget.into();
        return Ok(b.by);
    }
    let rev = spec
        .revisions
        .get(v - 1)
        .ok_or_else(|| SampleError::Data(format!("revision {v} of “{}”", spec.title)))?;
    for (field, text) in rev.changes {
        if let Some(slot) = draft.content.text_mut(*field) {
            *slot = (*text).into();
        }
    }
    if let Some(budget) = rev.budget {
        draft.budget = budget.into();
    }
    Ok(rev.by)
}

#[cfg(test)]
mod tests;
