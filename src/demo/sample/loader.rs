//! Writing the sample agency: each change applied as the member of the team who made it, on
//! the day the data says, a few minutes after the one before.

use super::*;

pub(super) fn day(text: &str) -> Result<NaiveDate, SampleError> {
    crate::domain::format::parse_date(text).ok_or_else(|| SampleError::Data(format!("date {text}")))
}

impl Loader<'_> {
    /// Applies `command` as user `by` (an index into the sample team) on `on`. Changes on the
    /// same day are a few minutes apart from 09:30 Beijing time, never later than `now`.
    pub(super) fn apply(
        &mut self,
        by: Option<usize>,
        on: &str,
        command: Command,
    ) -> Result<u64, SampleError> {
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
    pub(super) fn moment(&self, day: NaiveDate, next: bool) -> DateTime<Utc> {
        let beijing = FixedOffset::east_opt(8 * 3600);
        let minutes = 9 * 60 + 30 + 7 * (self.same_day + u32::from(next));
        day.and_hms_opt((minutes / 60) % 24, minutes % 60, 0)
            .zip(beijing)
            .and_then(|(t, tz)| t.and_local_timezone(tz).single())
            .map(|t| t.with_timezone(&Utc))
            .unwrap_or(self.now)
            .min(self.now)
    }

    pub(super) fn users(&mut self) -> Result<(), SampleError> {
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

    /// Each client's budget of the year, set by the AM; 宝马's fiscal year runs from April,
    /// and 可口可乐's production budget was cut in July.
    pub(super) fn budgets(&mut self, clients: &[ClientId]) -> Result<(), SampleError> {
        let am = Some(clients::CHEN);
        let plans: [(usize, u32, &str, &str, &str, &str); 5] = [
            (0, 1, "3000000", "1500000", "", ""),
            (
                0,
                1,
                "3000000",
                "1200000",
                "2026-07-01",
                "客户年中预算调整，制作预算下调",
            ),
            (1, 4, "1200000", "1300000", "", ""),
            (2, 1, "2500000", "900000", "", ""),
            (3, 1, "1800000", "700000", "", ""),
        ];
        // Entered when the desk was set up, on the last day of the sample's history, so
        // that the change log stays in order.
        let on = self
            .last_day
            .map_or_else(|| "2026-11-26".to_string(), |d| d.to_string());
        for (client, start_month, media, production, from, reason) in plans {
            let Some(id) = clients.get(client) else {
                continue;
            };
            let draft = crate::services::BudgetDraft {
                client_id: *id,
                brand_id: None,
                year: 2026,
                start_month,
                media: media.into(),
                production: production.into(),
                from: from.into(),
                reason: reason.into(),
            };
            self.apply(am, &on, Command::SaveBudget(Box::new(draft)))?;
        }
        Ok(())
    }

    pub(super) fn clients(
        &mut self,
        today: NaiveDate,
    ) -> Result<(Vec<ClientId>, Vec<BrandId>), SampleError> {
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
                // Invented details, plainly marked as such: the sample's names are real
                // companies, their tax ids and accounts are not.
                invoicing: Box::new(crate::domain::InvoicingDetails {
                    company: c.name.into(),
                    tax_id: format!("91310000SAMPLE{:04}", ci + 1),
                    address: c.address.into(),
                    phone: c.phone.into(),
                    bank: "示例银行上海分行".into(),
                    account: format!("6222 0000 0000 {:04}", ci + 1),
                }),
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
    pub(super) fn jobs(
        &mut self,
        client_ids: &[ClientId],
        brand_ids: &[BrandId],
    ) -> Result<(), SampleError> {
        let mut timeline: Vec<(NaiveDate, u8, usize, SampleJobEvent)> = Vec::new();
        for (j, spec) in jobs::JOBS.iter().enumerate() {
            timeline.push((day(spec.requested)?, 0, j, SampleJobEvent::Create));
            timeline.push((day(spec.brief.on)?, 1, j, SampleJobEvent::Brief(0)));
            for (r, rev) in spec.revisions.iter().enumerate() {
                timeline.push((day(rev.on)?, 1, j, SampleJobEvent::Brief(r + 1)));
            }
            for (s, (_, on, _)) in spec.steps.iter().enumerate() {
                timeline.push((day(on)?, 2, j, SampleJobEvent::Status(s)));
            }
            for (on, step) in schedule_steps(spec, j, self.now.date_naive())? {
                timeline.push((on, 1, j, SampleJobEvent::Schedule(step)));
            }
        }
        for (i, (word, on, _)) in estimates::OTHER_STATES.iter().enumerate() {
            let j = jobs::JOBS
                .iter()
                .position(|spec| spec.title.contains(word))
                .ok_or_else(|| SampleError::Data(format!("no sample job titled …{word}…")))?;
            timeline.push((day(on)?, 3, j, SampleJobEvent::Estimate(i)));
        }
        // Stable: same-day events keep their order (create, then brief, then status, then
        // estimates).
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
                (SampleJobEvent::Create, _) => {
                    let draft = job_draft(spec, client_ids, brand_ids, &self.users)?;
                    let id = self.apply(Some(spec.team[0]), &on, Command::CreateJob(draft))?;
                    if let Some(slot) = job_ids.get_mut(j) {
                        *slot = Some(JobId(id));
                    }
                    self.summary.jobs += 1;
                }
                (SampleJobEvent::Brief(v), Some(job_id)) => {
                    let Some(draft) = drafts.get_mut(j) else {
                        continue;
                    };
                    let by = revise(draft, spec, v)?;
                    let command = Command::SaveBrief(job_id, draft.clone(), Base::Overwrite);
                    self.apply(Some(by), &on, command)?;
                    self.summary.brief_versions += 1;
                }
                (SampleJobEvent::Schedule(step), Some(job_id)) => {
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
                (SampleJobEvent::Status(s), Some(job_id)) => {
                    let (to, _, by) = spec
                        .steps
                        .get(s)
                        .ok_or_else(|| SampleError::Data(format!("step {s}")))?;
                    let produced = spec
                        .steps
                        .iter()
                        .any(|(t, _, _)| *t == JobStatus::InProduction);
                    let ae = spec.team[0];
                    match to {
                        // Estimated, approved and sent the day estimating starts…
                        JobStatus::Estimating if produced => {
                            let scale = 60 + (job_id.0 % 7) as i64 * 15;
                            let lines = estimates::sample_lines(spec.title, scale);
                            let id = self.new_estimate(
                                ae,
                                &on,
                                job_id,
                                crate::domain::estimate::EstimateKind::Production,
                                spec.title,
                                lines,
                            )?;
                            self.approve_and_send(ae, &on, id)?;
                        }
                        // …and signed by the client the day production starts.
                        JobStatus::InProduction => {
                            let sent = self.store.read()?.estimates(Some(job_id))?;
                            for e in sent.iter().filter(|e| {
                                e.events.last().is_some_and(|x| {
                                    x.step == crate::domain::estimate::EstimateStep::Sent
                                })
                            }) {
                                self.sign(ae, &on, e.id, None)?;
                            }
                        }
                        _ => {}
                    }
                    let from = self
                        .store
                        .get::<crate::domain::Job>(job_id.0)?
                        .map(|j| j.status);
                    // The one job archived before production was cancelled, with its reason.
                    let step = match from.and_then(|f| f.reason_needed(*to)) {
                        Some(_) => Command::MoveJobSaying(
                            job_id,
                            *to,
                            "学校场地审批未获通过，客户取消本次路演".into(),
                            Base::Overwrite,
                        ),
                        None => Command::SetJobStatus(job_id, *to, Base::Overwrite),
                    };
                    if *to == JobStatus::Archived {
                        // A completed job is archived with its completion form, which an
                        // in-memory database cannot keep: there it stays completed.
                        if from == Some(JobStatus::Completed) && self.store.is_in_memory() {
                            continue;
                        }
                        self.file_before_archiving(job_id, &on)?;
                    }
                    self.apply(Some(*by), &on, step)?;
                }
                (SampleJobEvent::Estimate(i), Some(job_id)) => {
                    let (_, _, act) = estimates::OTHER_STATES
                        .get(i)
                        .ok_or_else(|| SampleError::Data(format!("estimate step {i}")))?;
                    self.other_state((job_id, spec.title, spec.team[0]), &on, *act)?;
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
    pub(super) fn schedule_command(
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
            (Step::Plan, _) | (_, None) => {
                Command::SaveSchedule(job, schedules::plan(date, &cal), Base::Overwrite)
            }
            (Step::Replan, Some(mut plan)) => {
                schedules::progress(&mut plan, date, &cal);
                schedules::replan(&mut plan, &cal);
                Command::SaveSchedule(job, plan, Base::Overwrite)
            }
            (Step::Progress, Some(mut plan)) => {
                schedules::progress(&mut plan, date, &cal);
                Command::SaveSchedule(job, plan, Base::Overwrite)
            }
            (Step::Slip, Some(mut plan)) => {
                schedules::slip(&mut plan, date);
                Command::SaveSchedule(job, plan, Base::Overwrite)
            }
        })
    }
}

pub(super) fn client_of(ids: &[ClientId], i: usize) -> Result<ClientId, SampleError> {
    ids.get(i)
        .copied()
        .ok_or_else(|| SampleError::Data(format!("client {i}")))
}

pub(super) fn job_draft(
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
pub(super) fn revise(
    draft: &mut BriefDraft,
    spec: &JobSpec,
    v: usize,
) -> Result<usize, SampleError> {
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
