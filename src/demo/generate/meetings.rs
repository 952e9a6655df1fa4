//! The generated agency's meetings: a kick-off with the client when the brief arrives, and
//! for a third of the jobs a review later on. Their minutes were written, sent within the
//! day and mostly confirmed; a few were disputed and confirmed as a revised version; the
//! most recent ones are still open.

use super::{Batch, GenJob, Generator, fill, vocab};
use crate::domain::meeting::{ActionItem, Attendee, MeetingKind, OfficeHours, Point, Side};
use crate::domain::schedule::Party;
use crate::domain::{ClientId, JobId, Meeting, MeetingId, Stamp};
use crate::services::{Base, Command, MinutesStep, ServiceError};
use chrono::{DateTime, Duration, FixedOffset, NaiveDate, Utc};

impl Generator {
    /// Writes one meeting about `job` held on `on`, with its minutes' way to the client.
    pub(super) fn meeting(
        &mut self,
        b: &mut Batch<'_>,
        job: JobId,
        client: ClientId,
        spec: &GenJob,
        on: NaiveDate,
        review: bool,
    ) -> Result<(), ServiceError> {
        let mut ctx = self.ctx(spec.ae, on);
        let length = Duration::hours(1);
        let start = self.meeting_start(on, length);
        // The minutes are written after the meeting, never after `now`.
        ctx.now = ctx
            .now
            .max(start + length + Duration::minutes(30))
            .min(self.now);
        let kind = match self.rng.below(10) {
            0..=5 => MeetingKind::Meeting,
            6 | 7 => MeetingKind::PhoneCall,
            8 => MeetingKind::VideoCall,
            _ => MeetingKind::SiteVisit,
        };
        let mut m = Meeting::new(
            kind,
            client,
            start,
            start + length,
            Stamp {
                by: ctx.actor,
                at: ctx.now,
            },
        );
        m.title = if review {
            format!("{} 阶段回顾", spec.words.brand)
        } else {
            format!("{} 简报沟通会", spec.words.brand)
        };
        m.place = format!("{} {}", spec.words.city, self.rng.word(vocab::ROOMS));
        m.jobs.push(job);
        for id in [spec.ae, spec.am] {
            m.attendees.push(Attendee {
                side: Side::Agency,
                user: Some(id),
                contact: None,
                name: self.member_name(id),
                title: String::new(),
                email: String::new(),
            });
        }
        for _ in 0..=self.rng.below(2) {
            let name = self.person_name();
            m.attendees.push(Attendee {
                side: Side::Client,
                user: None,
                contact: None,
                title: self.rng.word(vocab::CONTACT_TITLES).to_string(),
                email: format!("c{}@client.example.com", self.rng.below(1_000_000)),
                name,
            });
        }
        for _ in 0..self.rng.between(2, 5) {
            let template = self.rng.word(vocab::REVISIONS);
            let text = fill(&mut self.rng, template, &spec.words);
            let solution = if self.rng.chance(40) {
                let template = self.rng.word(vocab::SOLUTIONS);
                fill(&mut self.rng, template, &spec.words)
            } else {
                String::new()
            };
            m.minutes.points.push(Point {
                text,
                solution,
                decision: self.rng.chance(35),
                internal_note: String::new(),
            });
        }
        for _ in 0..self.rng.between(1, 3) {
            let template = self.rng.word(vocab::ACTIONS);
            let mut a = ActionItem::new(fill(&mut self.rng, template, &spec.words));
            if self.rng.chance(60) {
                a.owner_user = Some(spec.ae);
                a.owner = self.member_name(spec.ae);
            } else {
                a.party = Party::Client;
                a.owner = m
                    .attendees
                    .iter()
                    .rev()
                    .find(|x| x.side == Side::Client)
                    .map_or_else(String::new, |x| x.name.clone());
            }
            a.due = Some(on + Duration::days(self.rng.between(2, 14)));
            m.minutes.actions.push(a);
        }
        let id = MeetingId(
            b.apply(
                &ctx,
                Command::SaveMeeting(Box::new(m.clone()), Base::Overwrite),
            )?
            .id,
        );
        self.out.meetings += 1;
        // Recent minutes are still on their way; older ones went out within the day.
        if (self.today - on).num_days() < 3 {
            return Ok(());
        }
        let to = m.client_recipients();
        b.apply(&ctx, Command::Minutes(id, MinutesStep::Send(to.clone())))?;
        let by = m
            .attendees
            .iter()
            .find(|x| x.side == Side::Client)
            .map_or_else(String::new, |x| x.name.clone());
        if self.rng.chance(6) {
            b.apply(
                &ctx,
                Command::Minutes(
                    id,
                    MinutesStep::Dispute {
                        by: by.clone(),
                        comments: "预算数字有误，请更正后重发。".into(),
                    },
                ),
            )?;
            if let Some(p) = m.minutes.points.first_mut() {
                p.text.push_str("（已按客户意见更正）");
            }
            m.id = id;
            b.apply(&ctx, Command::SaveMeeting(Box::new(m), Base::Overwrite))?;
            b.apply(&ctx, Command::Minutes(id, MinutesStep::Send(to)))?;
        }
        if self.rng.chance(92) {
            b.apply(
                &ctx,
                Command::Minutes(id, MinutesStep::Confirm { by, scan: None }),
            )?;
        }
        Ok(())
    }

    /// When a meeting about something that happened on `on` starts: on the hour or half
    /// hour in office hours (Beijing) of the last working day on or before `on`, and ended
    /// by `now`, or else in the latest office hours that had.
    fn meeting_start(&mut self, on: NaiveDate, length: Duration) -> DateTime<Utc> {
        let hours = OfficeHours::default();
        let Some(tz) = FixedOffset::east_opt(8 * 3600) else {
            return self.now - length;
        };
        let day = self.calendar.working_on_or_before(on).unwrap_or(on);
        let slots = hours
            .latest_start(length)
            .map_or(1, |latest| (latest - hours.opens).num_minutes() / 30 + 1);
        let slot = self.rng.between(0, slots - 1);
        let mut start = day.and_time(hours.opens) + Duration::minutes(30 * slot);
        let now = self.now.with_timezone(&tz).naive_local();
        if start + length > now
            && let Some(earlier) = hours.last_start_until(&self.calendar, now - length, length)
        {
            start = earlier;
        }
        start
            .and_local_timezone(tz)
            .single()
            .map_or(self.now - length, |t| t.with_timezone(&Utc))
    }
}
