//! The jobs of the generated agency: each one's client, team and words, its brief and its
//! revisions, and the status steps of its life, laid on one timeline.

use super::*;
use papers::JobPaper;

/// Why the generated jobs that never went into production were cancelled.
const CANCELLED: [&str; 4] = [
    "客户预算取消",
    "客户改为内部制作",
    "项目合并到下一季度",
    "比稿未中",
];

impl Generator {
    /// Lays every job's life on one timeline (request, brief versions, status steps) and
    /// applies it in order of days, so job numbers follow the calendar and the change log
    /// reads like real history.
    pub(super) fn jobs(
        &mut self,
        store: &Store,
        plan: &Plan,
        clients: &[GenClient],
        progress: &mut dyn FnMut(Progress),
    ) -> Result<(), GenError> {
        let span = (self.today - self.start).num_days().max(1);
        // (day, job, step of that job, what happens)
        let mut timeline: Vec<(NaiveDate, u32, u8, JobEvent)> = Vec::with_capacity(plan.jobs * 8);
        let mut specs: Vec<GenJob> = Vec::with_capacity(plan.jobs);
        for j in 0..plan.jobs {
            let requested = self.start + Duration::days(self.rng.between(0, span));
            let spec = self.job_spec(clients, requested);
            let job = j as u32;
            let mut events = vec![(requested, JobEvent::Create)];
            let mut on = requested;
            for v in 0..spec.versions {
                on = (on + Duration::days(self.rng.between(0, 6))).min(self.today);
                events.push((on, JobEvent::Brief(v)));
            }
            for to in lifecycle(&mut self.rng, requested, self.today) {
                on = (on + Duration::days(self.rng.between(2, 20))).min(self.today);
                events.push((on, JobEvent::Status(to)));
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
        let mut estimated: std::collections::HashSet<JobId> = Default::default();
        let mut done = 0;
        for chunk in timeline.chunks(BATCH) {
            batch(store, |b| {
                for &(on, job, _, event) in chunk {
                    let j = job as usize;
                    let Some(spec) = specs.get(j) else { continue };
                    match (event, ids.get(j).copied().flatten()) {
                        (JobEvent::Create, _) => {
                            let draft = spec.draft.clone();
                            let ctx = self.ctx(spec.ae, on);
                            let id = JobId(b.apply(&ctx, Command::CreateJob(draft))?.id);
                            self.file_paper(b, &ctx, id, JobPaper::Request, (on, ""))?;
                            if let Some(client) = spec.draft.client_id {
                                self.budget_for(b, client, spec, on)?;
                            }
                            if let Some(slot) = ids.get_mut(j) {
                                *slot = Some(id);
                            }
                            self.out.jobs += 1;
                        }
                        (JobEvent::Brief(v), Some(id)) => {
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
                            b.apply(&ctx, Command::SaveBrief(id, draft.clone(), Base::Overwrite))?;
                            *slot = Some(draft);
                            self.out.brief_versions += 1;
                            if v == 0 {
                                self.file_paper(b, &ctx, id, JobPaper::Brief, (on, ""))?;
                                // Planned with the first brief, issued to most clients.
                                let plan = schedules::job_schedule(on, self.today, &self.calendar);
                                self.out.tasks += plan.tasks.len();
                                b.apply(&ctx, Command::SaveSchedule(id, plan, Base::Overwrite))?;
                                if self.rng.chance(60) {
                                    b.apply(&ctx, Command::IssueSchedule(id))?;
                                    self.out.issued_schedules += 1;
                                    let paper = JobPaper::Schedule;
                                    self.file_paper(b, &ctx, id, paper, (on, ""))?;
                                }
                                // The brief is talked through with the client.
                                if let Some(client) = spec.draft.client_id {
                                    self.meeting(b, id, client, spec, on, false)?;
                                }
                            }
                        }
                        (JobEvent::Status(JobStatus::InProduction), Some(id)) => {
                            self.enter_production(b, id, spec, on)?;
                            // The client's signed estimate goes into the job file.
                            let signed = b.view().estimates(Some(id))?.into_iter().find(|e| {
                                e.kind == crate::domain::estimate::EstimateKind::Production
                                    && e.signed().is_some()
                            });
                            if let Some(e) = signed {
                                let ctx = self.ctx(spec.ae, on);
                                let paper = JobPaper::SignedEstimate;
                                self.file_paper(b, &ctx, id, paper, (on, &e.number))?;
                            }
                            self.bill(b, id, spec, on, billing::Billing::Deposit)?;
                            self.change_order(b, id, spec, on)?;
                            self.out.status_changes += 1;
                            if self.rng.chance(45)
                                && let Some(client) = spec.draft.client_id
                            {
                                self.meeting(b, id, client, spec, on, true)?;
                            }
                        }
                        (JobEvent::Status(to), Some(id)) => {
                            let ctx = self.ctx(spec.am, on);
                            let job = b.view().get::<crate::domain::Job>(id.0)?;
                            let from = job.as_ref().map(|j| j.status);
                            // A completed job goes into the history archive with its
                            // completion form, which an in-memory database cannot keep.
                            if from == Some(JobStatus::Completed)
                                && to == JobStatus::Archived
                                && !self.file_paper(b, &ctx, id, JobPaper::Completion, (on, ""))?
                            {
                                continue;
                            }
                            let step = match from.and_then(|f| f.reason_needed(to)) {
                                // A job archived before production was cancelled: say why.
                                Some(_) => Command::MoveJobSaying(
                                    id,
                                    to,
                                    CANCELLED[self.rng.below(CANCELLED.len())].to_string(),
                                    Base::Overwrite,
                                ),
                                None => Command::SetJobStatus(id, to, Base::Overwrite),
                            };
                            b.apply(&ctx, step)?;
                            match to {
                                JobStatus::Completed => {
                                    self.bill(b, id, spec, on, billing::Billing::Balance)?;
                                }
                                JobStatus::Archived => {
                                    self.bill(b, id, spec, on, billing::Billing::Settle)?;
                                }
                                _ => {}
                            }
                            if to == JobStatus::Estimating && !estimated.contains(&id) {
                                estimated.insert(id);
                                self.estimate(b, id, spec, on)?;
                            }
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
                    if matches!(event, JobEvent::Status(JobStatus::Archived))
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

    pub(super) fn job_spec(&mut self, clients: &[GenClient], requested: NaiveDate) -> GenJob {
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
        GenJob {
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
}

/// The status steps of a job requested on `requested`: old jobs ran their whole course (a
/// few were cancelled), recent ones are somewhere along the way.
pub(super) fn lifecycle(rng: &mut Rng, requested: NaiveDate, today: NaiveDate) -> Vec<JobStatus> {
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
pub(super) fn fill(rng: &mut Rng, template: &str, w: &Words) -> String {
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
pub(super) fn sentences(rng: &mut Rng, templates: &[&'static str], n: usize, w: &Words) -> String {
    let count = 1 + rng.below(n);
    (0..count)
        .map(|_| {
            let t = rng.word(templates);
            fill(rng, t, w)
        })
        .collect::<Vec<_>>()
        .join("")
}

pub(super) fn first_brief(rng: &mut Rng, spec: &GenJob) -> BriefDraft {
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
pub(super) fn revise(rng: &mut Rng, d: &mut BriefDraft, spec: &GenJob, on: NaiveDate) {
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
