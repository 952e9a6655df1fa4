//! The data-set generator (`account-desk gen`): a realistic, deterministic agency of a
//! decade (or a year) for benchmarks and for trying the app at scale.
//!
//! Everything is written through [`super::Batch::apply`], so validation, job numbers, the
//! change log and undo data are exactly what people's work would produce; only the
//! transactions are larger (a few thousand commands each) so the decade set takes seconds,
//! not hours. The same seed writes the same agency, record for record.

mod meetings;
mod schedules;
mod vocab;

pub use schedules::{roadshow, roadshow_in_phases};

use super::{
    Batch, BrandDraft, BriefDraft, ClientDraft, Command, ContactDraft, ContractDraft, Ctx,
    JobDraft, ServiceError, UserDraft, batch,
};
use crate::domain::{
    BrandId, BriefField, Client, ClientId, ContractStatus, JobId, JobStatus, Lang, Role, Team,
    UserId,
};
use crate::store::Store;
use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate, Utc};
use pinyin::ToPinyin;
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
}

impl fmt::Display for Generated {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} users, {} clients, {} brands, {} contacts, {} contracts, {} jobs, {} brief versions, {} status changes, {} schedule tasks, {} issued schedules, {} meetings",
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
            self.meetings
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
    };
    g.users(store, plan)?;
    let clients = g.clients(store, plan, progress)?;
    g.jobs(store, plan, &clients, progress)?;
    g.retire_users(store)?;
    Ok(g.out)
}

/// A deterministic generator of our own (SplitMix64): the data set must stay the same
/// across dependency updates, which general-purpose RNG crates do not promise.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x5EED_AD00_2026_0001)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0).
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            return 0;
        }
        (self.next() % n as u64) as usize
    }

    /// A number in `lo..=hi`.
    fn between(&mut self, lo: i64, hi: i64) -> i64 {
        let span = (hi - lo).max(0) as u64 + 1;
        lo + (self.next() % span) as i64
    }

    /// `true` with probability `percent` / 100.
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        items.get(self.below(items.len()))
    }

    /// Picks from the front of `items` more often (common names are common).
    fn pick_skewed<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        let a = self.below(items.len());
        let b = self.below(items.len());
        items.get(a.min(b))
    }

    fn word(&mut self, items: &[&'static str]) -> &'static str {
        self.pick(items).copied().unwrap_or("")
    }
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
}

/// One thing that happens to a job, placed on the timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Event {
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

    fn clients(
        &mut self,
        store: &Store,
        plan: &Plan,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<Vec<GenClient>, GenError> {
        let mut clients: Vec<GenClient> = Vec::with_capacity(plan.clients);
        let mut used = std::collections::HashSet::new();
        let contacts_per = plan.contacts / plan.clients.max(1);
        let contracts_per = plan.contracts / plan.clients.max(1);
        let director = self.director();
        for chunk_start in (0..plan.clients).step_by(25) {
            let chunk_end = (chunk_start + 25).min(plan.clients);
            batch(store, |b| {
                for i in chunk_start..chunk_end {
                    let c = self.client(b, i, &mut used, director)?;
                    // Spread the remainder so the totals are exact.
                    let contacts = contacts_per + usize::from(i < plan.contacts % plan.clients);
                    let contracts = contracts_per + usize::from(i < plan.contracts % plan.clients);
                    self.contacts(b, &c, contacts, director)?;
                    self.contracts(b, &c, i, contracts, director)?;
                    let c = self.brands(b, c, plan.brands_per_client, director)?;
                    clients.push(c);
                }
                Ok(())
            })?;
            progress(Progress {
                stage: "clients",
                done: chunk_end,
                total: plan.clients,
            });
        }
        Ok(clients)
    }

    fn client(
        &mut self,
        b: &mut Batch<'_>,
        i: usize,
        used: &mut std::collections::HashSet<String>,
        director: UserId,
    ) -> Result<GenClient, ServiceError> {
        let industry = &vocab::INDUSTRIES[i % vocab::INDUSTRIES.len()];
        let city = self.rng.word(vocab::CITIES);
        let (name, short_name) = if i % 12 == 5 {
            let (en, zh) = vocab::FOREIGN[(i / 12) % vocab::FOREIGN.len()];
            (
                format!("{zh}（中国）{}有限公司", industry.suffix),
                en.to_string(),
            )
        } else {
            let mut short = String::new();
            for _ in 0..64 {
                short = format!("{}{}", self.rng.word(vocab::TRADE_NAMES), industry.suffix);
                if !used.contains(&short) {
                    break;
                }
            }
            (format!("{city}{short}有限公司"), short)
        };
        let name = if used.contains(&short_name) {
            format!("{name}（{}）", i + 1)
        } else {
            name
        };
        let short_name = if used.insert(short_name.clone()) {
            short_name
        } else {
            format!("{short_name} {}", i + 1)
        };
        let since = self.start + Duration::days(self.rng.between(0, 400));
        let draft = ClientDraft {
            name,
            short_name: short_name.clone(),
            industry: industry.name.into(),
            address: format!(
                "{city}市{}{}号 {} 楼",
                self.rng.word(vocab::STREETS),
                self.rng.between(1, 999),
                self.rng.between(2, 40)
            ),
            phone: format!(
                "0{}-{}",
                self.rng.between(10, 29),
                self.rng.between(50_000_000, 89_999_999)
            ),
            since: since.format("%Y-%m-%d").to_string(),
            notes: format!("{}客户，重点市场：{city}。", industry.name),
        };
        let ctx = self.ctx(director, since);
        let id = ClientId(b.apply(&ctx, Command::CreateClient(draft))?.id);
        self.out.clients += 1;
        Ok(GenClient {
            id,
            short_name,
            industry,
            brands: Vec::new(),
            city,
        })
    }

    fn contacts(
        &mut self,
        b: &mut Batch<'_>,
        c: &GenClient,
        n: usize,
        director: UserId,
    ) -> Result<(), ServiceError> {
        let domain = format!("client{}.example.cn", c.id.0);
        for k in 0..n {
            let foreign = c.short_name.is_ascii() && self.rng.chance(40);
            let (name, mail) = if foreign {
                let first = self.rng.word(vocab::ENGLISH_NAMES);
                let last = self.rng.word(vocab::ENGLISH_SURNAMES);
                (
                    format!("{first} {last}"),
                    format!("{first}.{k}").to_lowercase(),
                )
            } else {
                let name = self.person_name();
                let romanised: String = name
                    .as_str()
                    .to_pinyin()
                    .flatten()
                    .map(|p| p.plain())
                    .collect();
                (name, format!("{romanised}{k}"))
            };
            let on = self.start + Duration::days(self.rng.between(0, 365 * 3));
            let draft = ContactDraft {
                name,
                title: self.rng.word(vocab::CONTACT_TITLES).into(),
                phone: format!(
                    "1{}{:08}",
                    self.rng.between(30, 89),
                    self.rng.below(100_000_000)
                ),
                email: format!("{mail}@{domain}"),
                wechat: format!("wx_{}", self.rng.between(100_000, 999_999)),
                notes: String::new(),
            };
            let ctx = self.ctx(director, on);
            b.apply(&ctx, Command::AddContact(c.id, draft))?;
            self.out.contacts += 1;
        }
        Ok(())
    }

    fn contracts(
        &mut self,
        b: &mut Batch<'_>,
        c: &GenClient,
        i: usize,
        n: usize,
        director: UserId,
    ) -> Result<(), ServiceError> {
        for k in 0..n {
            let start = self.start
                + Duration::days(self.rng.between(0, (self.today - self.start).num_days()));
            let end = start + Duration::days(self.rng.between(60, 365));
            let status = if self.today < start {
                ContractStatus::Draft
            } else if self.today > end {
                ContractStatus::Expired
            } else {
                ContractStatus::Active
            };
            let draft = ContractDraft {
                number: format!("HT{}-{:03}-{:02}", start.year(), i + 1, k + 1),
                scope: self.rng.word(vocab::CONTRACT_SCOPES).into(),
                start: start.format("%Y-%m-%d").to_string(),
                end: end.format("%Y-%m-%d").to_string(),
                value: (self.rng.between(20, 1_200) * 10_000).to_string(),
                status,
            };
            let on = start.min(self.today);
            let ctx = self.ctx(director, on);
            b.apply(&ctx, Command::AddContract(c.id, draft))?;
            self.out.contracts += 1;
        }
        Ok(())
    }

    fn brands(
        &mut self,
        b: &mut Batch<'_>,
        mut c: GenClient,
        n: usize,
        director: UserId,
    ) -> Result<GenClient, ServiceError> {
        for k in 0..n {
            let (stem, en) = *self.rng.pick(vocab::BRAND_STEMS).unwrap_or(&("悦享", ""));
            let line = if k == 0 {
                ""
            } else {
                self.rng.word(vocab::BRAND_LINES)
            };
            let mut name = match (line.is_empty(), en.is_empty()) {
                (true, true) => stem.to_string(),
                (true, false) => format!("{stem} {en}"),
                (false, _) => format!("{stem}{line}"),
            };
            if c.brands.iter().any(|(_, n)| *n == name) {
                name = format!("{name} {}", k + 1);
            }
            let competitors = (0..3)
                .map(|_| self.rng.pick(vocab::BRAND_STEMS).map_or("", |s| s.0))
                .filter(|s| *s != stem)
                .collect::<Vec<_>>()
                .join("，");
            let draft = BrandDraft {
                name: name.clone(),
                facts: format!(
                    "{}旗下{}品牌，主销{}，在{}等城市有稳定用户。",
                    c.short_name, c.industry.product, c.industry.product, c.city
                ),
                key_points: format!(
                    "品质可靠；设计年轻；{}渠道表现突出。",
                    self.rng.word(vocab::CHANNELS)
                ),
                positioning: format!(
                    "面向{}的{}",
                    self.rng.word(vocab::AUDIENCES),
                    c.industry.product
                ),
                competitors,
            };
            let on = self.start + Duration::days(self.rng.between(0, 500));
            let ctx = self.ctx(director, on);
            let id = BrandId(b.apply(&ctx, Command::CreateBrand(c.id, draft))?.id);
            c.brands.push((id, name));
            self.out.brands += 1;
        }
        Ok(c)
    }

    /// Lays every job's life on one timeline (request, brief versions, status steps) and
    /// applies it in order of days, so job numbers follow the calendar and the change log
    /// reads like real history.
    fn jobs(
        &mut self,
        store: &Store,
        plan: &Plan,
        clients: &[GenClient],
        progress: &mut dyn FnMut(Progress),
    ) -> Result<(), GenError> {
        let span = (self.today - self.start).num_days().max(1);
        // (day, job, step of that job, what happens)
        let mut timeline: Vec<(NaiveDate, u32, u8, Event)> = Vec::with_capacity(plan.jobs * 8);
        let mut specs: Vec<JobSpec> = Vec::with_capacity(plan.jobs);
        for j in 0..plan.jobs {
            let requested = self.start + Duration::days(self.rng.between(0, span));
            let spec = self.job_spec(clients, requested);
            let job = j as u32;
            let mut events = vec![(requested, Event::Create)];
            let mut on = requested;
            for v in 0..spec.versions {
                on = (on + Duration::days(self.rng.between(0, 6))).min(self.today);
                events.push((on, Event::Brief(v)));
            }
            for to in lifecycle(&mut self.rng, requested, self.today) {
                on = (on + Duration::days(self.rng.between(2, 20))).min(self.today);
                events.push((on, Event::Status(to)));
            }
            for (step, (on, event)) in events.into_iter().enumerate() {
                timeline.push((on, job, step as u8, event));
            }
            specs.push(spec);
        }
        // A job's own events keep their order on the same day: created, briefed, moved.
        timeline.sort_unstable_by_key(|(on, job, step, _)| (*on, *job, *step));

        let total = timeline.len();
        let mut ids: Vec<Option<JobId>> = vec![None; specs.len()];
        let mut briefs: Vec<Option<BriefDraft>> = vec![None; specs.len()];
        let mut done = 0;
        for chunk in timeline.chunks(BATCH) {
            batch(store, |b| {
                for &(on, job, _, event) in chunk {
                    let j = job as usize;
                    let Some(spec) = specs.get(j) else { continue };
                    match (event, ids.get(j).copied().flatten()) {
                        (Event::Create, _) => {
                            let draft = spec.draft.clone();
                            let ctx = self.ctx(spec.ae, on);
                            let id = JobId(b.apply(&ctx, Command::CreateJob(draft))?.id);
                            if let Some(slot) = ids.get_mut(j) {
                                *slot = Some(id);
                            }
                            self.out.jobs += 1;
                        }
                        (Event::Brief(v), Some(id)) => {
                            let Some(slot) = briefs.get_mut(j) else {
                                continue;
                            };
                            let draft = match slot.take() {
                                Some(mut d) => {
                                    revise(&mut self.rng, &mut d, spec, on);
                                    d
                                }
                                None => first_brief(&mut self.rng, spec),
                            };
                            let by = if v == 0 { spec.ae } else { spec.am };
                            let ctx = self.ctx(by, on);
                            b.apply(&ctx, Command::SaveBrief(id, draft.clone()))?;
                            *slot = Some(draft);
                            self.out.brief_versions += 1;
                            if v == 0 {
                                // Planned with the first brief, issued to most clients.
                                let plan = schedules::job_schedule(on, self.today, &self.calendar);
                                self.out.tasks += plan.tasks.len();
                                b.apply(&ctx, Command::SaveSchedule(id, plan))?;
                                if self.rng.chance(60) {
                                    b.apply(&ctx, Command::IssueSchedule(id))?;
                                    self.out.issued_schedules += 1;
                                }
                                // The brief is talked through with the client.
                                if let Some(client) = spec.draft.client_id {
                                    self.meeting(b, id, client, spec, on, false)?;
                                }
                            }
                        }
                        (Event::Status(to), Some(id)) => {
                            let ctx = self.ctx(spec.am, on);
                            b.apply(&ctx, Command::SetJobStatus(id, to))?;
                            self.out.status_changes += 1;
                            // Production starts with a review with the client for some.
                            if to == JobStatus::InProduction
                                && self.rng.chance(45)
                                && let Some(client) = spec.draft.client_id
                            {
                                self.meeting(b, id, client, spec, on, true)?;
                            }
                        }
                        (_, None) => {}
                    }
                    // A finished brief is not needed any more: keep memory flat.
                    if matches!(event, Event::Status(JobStatus::Archived))
                        && let Some(slot) = briefs.get_mut(j)
                    {
                        *slot = None;
                    }
                }
                Ok(())
            })?;
            done += chunk.len();
            progress(Progress {
                stage: "job history",
                done,
                total,
            });
        }
        Ok(())
    }

    fn job_spec(&mut self, clients: &[GenClient], requested: NaiveDate) -> JobSpec {
        let ci = self.rng.below(clients.len());
        let client = clients.get(ci);
        let brand = client
            .and_then(|c| self.rng.pick(&c.brands))
            .filter(|_| self.rng.chance(85));
        let brand_name = brand.map_or_else(
            || client.map_or(String::new(), |c| c.short_name.clone()),
            |(_, n)| n.clone(),
        );
        let campaign = self.rng.word(vocab::CAMPAIGNS);
        let title = match self.rng.below(3) {
            0 => format!("{} {brand_name} {campaign}", requested.year()),
            1 => format!("{brand_name} {campaign}"),
            _ => format!("{brand_name} {} {campaign}", self.rng.word(vocab::CITIES)),
        };
        let due = requested + Duration::days(self.rng.between(14, 120));
        let ae = self.member(Role::AccountExecutive, requested);
        let am = self.member(Role::AccountManager, requested);
        let ad = self.member(Role::AccountDirector, requested);
        let versions = match self.rng.below(10) {
            0..=1 => 1,
            2..=5 => 2,
            6..=8 => 3,
            _ => 5,
        };
        let (industry, client_name, city) = client
            .map_or((&vocab::INDUSTRIES[0], String::new(), "上海"), |c| {
                (c.industry, c.short_name.clone(), c.city)
            });
        JobSpec {
            draft: JobDraft {
                title,
                client_id: client.map(|c| c.id),
                brand_id: brand.map(|(id, _)| *id),
                team: Team { ae, am, ad },
                requested_on: requested.format("%Y-%m-%d").to_string(),
                due_on: due.format("%Y-%m-%d").to_string(),
            },
            ae: ae.unwrap_or_else(|| self.director()),
            am: am.or(ad).unwrap_or_else(|| self.director()),
            versions,
            words: Words {
                brand: brand_name,
                client: client_name,
                industry,
                city,
                due,
            },
        }
    }

    /// Marks the people who have left as inactive (their names stay on their jobs).
    fn retire_users(&mut self, store: &Store) -> Result<(), GenError> {
        let director = self.director();
        let leavers: Vec<(UserId, Role, NaiveDate)> = self
            .users
            .iter()
            .filter_map(|m| Some((m.id, m.role, m.until?)))
            .collect();
        batch(store, |b| {
            for (id, role, until) in leavers {
                let Some(user) = b.tx.get::<crate::domain::User>(id.0)? else {
                    continue;
                };
                let ctx = self.ctx(director, until);
                let draft = UserDraft {
                    name: user.name,
                    role,
                    active: false,
                };
                b.apply(&ctx, Command::UpdateUser(id, draft))?;
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
struct JobSpec {
    draft: JobDraft,
    ae: UserId,
    am: UserId,
    versions: u8,
    words: Words,
}

/// The status steps of a job requested on `requested`: old jobs ran their whole course (a
/// few were cancelled), recent ones are somewhere along the way.
fn lifecycle(rng: &mut Rng, requested: NaiveDate, today: NaiveDate) -> Vec<JobStatus> {
    use JobStatus::*;
    let age = (today - requested).num_days();
    let full = [Briefed, Estimating, InProduction, Completed, Archived];
    let steps = if age > 240 {
        if rng.chance(6) {
            return vec![Briefed, Archived];
        }
        5
    } else if age > 120 {
        4
    } else {
        (age / 30).clamp(0, 4) as usize
    };
    let mut out: Vec<JobStatus> = full.iter().copied().take(steps).collect();
    // Some jobs went back for a re-brief during estimating.
    if out.len() >= 3 && rng.chance(8) {
        out.insert(2, Briefed);
        out.insert(3, Estimating);
    }
    out
}

/// Fills `{b}` brand, `{c}` client, `{p}` product, `{pe}` product in English, `{m}` moment,
/// `{ch}` channel, `{city}`, `{k}` KPI and `{d}` due date into `template`.
fn fill(rng: &mut Rng, template: &str, w: &Words) -> String {
    let mut out = template.to_string();
    let pairs: [(&str, String); 9] = [
        ("{b}", w.brand.clone()),
        ("{c}", w.client.clone()),
        ("{pe}", w.industry.product_en.into()),
        ("{p}", w.industry.product.into()),
        ("{m}", rng.word(vocab::MOMENTS).into()),
        ("{ch}", rng.word(vocab::CHANNELS).into()),
        ("{city}", w.city.into()),
        ("{k}", rng.word(vocab::KPIS).into()),
        ("{d}", w.due.format("%Y-%m-%d").to_string()),
    ];
    for (key, value) in pairs {
        if out.contains(key) {
            out = out.replace(key, &value);
        }
    }
    out
}

/// One to `n` sentences from `templates`.
fn sentences(rng: &mut Rng, templates: &[&'static str], n: usize, w: &Words) -> String {
    let count = 1 + rng.below(n);
    (0..count)
        .map(|_| {
            let t = rng.word(templates);
            fill(rng, t, w)
        })
        .collect::<Vec<_>>()
        .join("")
}

fn first_brief(rng: &mut Rng, spec: &JobSpec) -> BriefDraft {
    let w = &spec.words;
    let mut d = BriefDraft::default();
    d.content.background = sentences(rng, vocab::BACKGROUNDS, 3, w);
    d.content.objective = sentences(rng, vocab::OBJECTIVES, 2, w);
    d.content.audience = format!(
        "{}；次要受众：{}。",
        rng.word(vocab::AUDIENCES),
        rng.word(vocab::AUDIENCES)
    );
    d.content.key_message = sentences(rng, vocab::MESSAGES, 1, w);
    d.content.deliverables = sentences(rng, vocab::DELIVERABLES, 2, w);
    d.content.mandatories = sentences(rng, vocab::MANDATORIES, 2, w);
    d.content.timing = sentences(rng, vocab::TIMINGS, 1, w);
    if rng.chance(80) {
        d.budget = (rng.between(5, 800) * 10_000).to_string();
    }
    d
}

/// A later version: one to three sections rewritten, sometimes a new budget.
fn revise(rng: &mut Rng, d: &mut BriefDraft, spec: &JobSpec, on: NaiveDate) {
    let w = &spec.words;
    for _ in 0..1 + rng.below(3) {
        let field = match rng.below(5) {
            0 => BriefField::Background,
            1 => BriefField::Objective,
            2 => BriefField::Deliverables,
            3 => BriefField::KeyMessage,
            _ => BriefField::Timing,
        };
        let template = rng.word(vocab::REVISIONS);
        let note = fill(rng, template, w);
        if let Some(text) = d.content.text_mut(field) {
            text.push_str(&format!("\n【{}】{note}", on.format("%m-%d")));
        }
    }
    if rng.chance(30) {
        d.budget = (rng.between(5, 800) * 10_000).to_string();
    }
}

#[cfg(test)]
mod tests;
