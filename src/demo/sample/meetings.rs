//! The sample agency's meetings and calls, placed around the moment of loading so that the
//! minutes are in every state a team meets: a meeting tomorrow still being prepared, a call
//! just held, minutes overdue, sent and awaiting the reply, unconfirmed for a week,
//! confirmed, disputed, and disputed then confirmed as a revised version.

use super::{SampleError, clients};
use crate::domain::calendar::WorkCalendar;
use crate::domain::meeting::{
    ActionItem, ActionStatus, AgendaItem, Attendee, MeetingKind, OfficeHours, PREP_WARNING_HOURS,
    Point, PrepItem, PrepKind, Side,
};
use crate::domain::schedule::Party;
use crate::domain::{Client, Contact, Job, Meeting, MeetingId, Stamp, UserId};
use crate::services::{Base, Command, Ctx, MinutesStep, apply};
use crate::store::Store;
use chrono::{DateTime, Duration, FixedOffset, Utc};

mod specs;
use specs::SPECS;

/// What becomes of a sample meeting's minutes, in hours after the meeting ends.
enum Fate {
    /// Not held yet, or nothing sent.
    Unsent,
    /// Sent after `sent` hours; the client notified after `notified` hours.
    Sent { sent: i64, notified: Option<i64> },
    /// Sent, then confirmed after `confirmed` hours.
    Confirmed { sent: i64, confirmed: i64 },
    /// Sent, then disputed after `disputed` hours.
    Disputed { sent: i64, disputed: i64 },
    /// Disputed, revised and sent again, then confirmed.
    Revised {
        sent: i64,
        disputed: i64,
        resent: i64,
        confirmed: i64,
        revision: &'static str,
    },
}

/// When a sample meeting starts, relative to the moment of loading. Whatever the moment,
/// every meeting is placed in office hours ([`OfficeHours`]) on a working day.
enum When {
    /// Days from today (negative: past) at a local time, Beijing; a day off moves to the
    /// working day before.
    Day(i64, u32, u32),
    /// Hours from now (negative: past), moved into office hours: a meeting ahead as soon as
    /// it fits, within the day its preparation is checked if it can; a call behind to the
    /// last slot that ended that long ago.
    HoursFromNow(i64),
}

/// An action: what, party, owner (team index for the agency), owner name, due in days after
/// the meeting, done.
type SampleAction = (&'static str, Party, Option<usize>, &'static str, i64, bool);

struct Spec {
    client: usize,
    /// Index of the job (by title start) it concerns, if any.
    job: Option<&'static str>,
    kind: MeetingKind,
    title: &'static str,
    place: &'static str,
    /// When it starts.
    when: When,
    minutes_long: i64,
    /// Agency attendees (indexes into the team) and client contacts (indexes in the client).
    team: &'static [usize],
    contacts: &'static [usize],
    agenda: &'static [(&'static str, &'static str, u16)],
    /// Standard preparation items done, and custom ones (label, owner, done).
    prep_done: &'static [PrepKind],
    custom_prep: &'static [(&'static str, &'static str, bool)],
    /// Points: text, solution, decision, internal note.
    points: &'static [(&'static str, &'static str, bool, &'static str)],
    /// Actions: what, party, owner (team index for the agency), owner name, due in days
    /// after the meeting, done.
    actions: &'static [SampleAction],
    internal_note: &'static str,
    fate: Fate,
}

/// What happens to a sample meeting at one moment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum What {
    /// Booked, with attendees, agenda and preparation.
    Book,
    /// The minutes written after the meeting.
    Write,
    /// The minutes sent to the client attendees.
    Send,
    /// The client notified.
    Notify,
    /// The client confirmed. The sample files no signed copy: a copy is a file the person
    /// chooses, and the sample has none to take into the store.
    Confirm,
    /// The client disputed.
    Dispute,
    /// The minutes revised from the client's comments.
    Revise,
}

/// A sample meeting event: when, which meeting ([`SPECS`] index), what.
#[derive(Debug, Clone, Copy)]
pub(super) struct MeetingEvent {
    pub(super) at: DateTime<Utc>,
    spec: usize,
    what: What,
}

impl MeetingEvent {
    /// Whether this event books a new meeting.
    pub(super) fn books(&self) -> bool {
        self.what == What::Book
    }
}

fn beijing() -> Result<FixedOffset, SampleError> {
    FixedOffset::east_opt(8 * 3600).ok_or_else(|| SampleError::Data("time zone".into()))
}

/// When a sample meeting starts, around `now`: in office hours on a working day.
fn start_of(spec: &Spec, now: DateTime<Utc>) -> Result<DateTime<Utc>, SampleError> {
    let tz = beijing()?;
    let cal = WorkCalendar::china();
    let hours = OfficeHours::default();
    let length = Duration::minutes(spec.minutes_long);
    let local_now = now.with_timezone(&tz).naive_local();
    let start = match spec.when {
        When::HoursFromNow(h) if h >= 0 => {
            let target = local_now + Duration::hours(h);
            // Close enough to be warned about its open preparation, if office hours allow.
            let warned = local_now + Duration::hours(PREP_WARNING_HOURS);
            let earliest = local_now + Duration::hours(1);
            hours
                .first_start_from(&cal, target, length)
                .filter(|s| *s <= warned)
                .or_else(|| {
                    hours
                        .last_start_until(&cal, target, length)
                        .filter(|s| *s >= earliest)
                })
                .or_else(|| hours.first_start_from(&cal, earliest, length))
        }
        When::HoursFromNow(h) => {
            hours.last_start_until(&cal, local_now + Duration::hours(h), length)
        }
        When::Day(day, h, m) => {
            let today = local_now.date();
            let on = today + Duration::days(day);
            let on = if day < 0 {
                cal.working_on_or_before(on)
            } else {
                cal.working_on_or_after(on)
            };
            on.and_then(|d| d.and_hms_opt(h, m, 0)).and_then(|t| {
                if hours.contains(&cal, t, t + length) {
                    Some(t)
                } else {
                    hours.last_start_until(&cal, t, length)
                }
            })
        }
    };
    start
        .and_then(|t| t.and_local_timezone(tz).single())
        .map(|t| t.with_timezone(&Utc))
        .ok_or_else(|| SampleError::Data(spec.title.into()))
}

/// Every sample meeting event up to `now`, in time order.
pub(super) fn events(now: DateTime<Utc>) -> Result<Vec<MeetingEvent>, SampleError> {
    let mut out = Vec::new();
    for (i, spec) in SPECS.iter().enumerate() {
        let start = start_of(spec, now)?;
        let end = start + Duration::minutes(spec.minutes_long);
        let h = |hours: i64| end + Duration::hours(hours);
        let mut push = |at: DateTime<Utc>, what| {
            out.push(MeetingEvent {
                at: at.min(now),
                spec: i,
                what,
            })
        };
        push(start - Duration::days(3), What::Book);
        if spec.points.is_empty() && spec.actions.is_empty() {
            continue;
        }
        push(end + Duration::minutes(20), What::Write);
        match &spec.fate {
            Fate::Unsent => {}
            Fate::Sent { sent, notified } => {
                push(h(*sent), What::Send);
                if let Some(n) = notified {
                    push(h(*n), What::Notify);
                }
            }
            Fate::Confirmed { sent, confirmed } => {
                push(h(*sent), What::Send);
                push(h(*sent) + Duration::minutes(5), What::Notify);
                push(h(*confirmed), What::Confirm);
            }
            Fate::Disputed { sent, disputed } => {
                push(h(*sent), What::Send);
                push(h(*disputed), What::Dispute);
            }
            Fate::Revised {
                sent,
                disputed,
                resent,
                confirmed,
                ..
            } => {
                push(h(*sent), What::Send);
                push(h(*disputed), What::Dispute);
                push(h(*resent) - Duration::minutes(30), What::Revise);
                push(h(*resent), What::Send);
                push(h(*confirmed), What::Confirm);
            }
        }
    }
    out.sort_by_key(|e| e.at);
    Ok(out)
}

/// Applies the sample meeting events, remembering the ids of the meetings booked.
pub(super) struct Runner {
    /// The moment of loading, around which the meetings are placed.
    now: DateTime<Utc>,
    ids: Vec<Option<MeetingId>>,
}

impl Runner {
    /// A runner placing meetings around `now`.
    pub(super) fn new(now: DateTime<Utc>) -> Runner {
        Runner {
            now,
            ids: Vec::new(),
        }
    }

    /// Applies one event; `team` is the sample team in order.
    pub(super) fn run(
        &mut self,
        store: &Store,
        team: &[UserId],
        event: &MeetingEvent,
    ) -> Result<(), SampleError> {
        let spec = SPECS
            .get(event.spec)
            .ok_or_else(|| SampleError::Data(format!("meeting {}", event.spec)))?;
        let person = |i: usize| {
            team.get(i)
                .copied()
                .ok_or_else(|| SampleError::Data(format!("user {i}")))
        };
        let organiser = person(spec.team.first().copied().unwrap_or(0))?;
        let ctx = Ctx {
            actor: organiser,
            now: event.at,
            today: event.at.with_timezone(&beijing()?).date_naive(),
        };
        if event.what == What::Book {
            let start = start_of(spec, self.now)?;
            let meeting = book(store, spec, start, event.at, organiser, &person)?;
            let id = apply(
                store,
                &ctx,
                Command::SaveMeeting(Box::new(meeting), Base::Overwrite),
            )?
            .id;
            if self.ids.len() <= event.spec {
                self.ids.resize(event.spec + 1, None);
            }
            self.ids[event.spec] = Some(MeetingId(id));
            return Ok(());
        }
        let id = self
            .ids
            .get(event.spec)
            .copied()
            .flatten()
            .ok_or_else(|| SampleError::Data(format!("{} before it was booked", spec.title)))?;
        let mut meeting: Meeting = store
            .get(id.0)?
            .ok_or_else(|| SampleError::Data(spec.title.into()))?;
        let first_contact = meeting
            .attendees
            .iter()
            .find(|a| a.side == Side::Client)
            .map_or_else(String::new, |a| a.name.clone());
        let command = match event.what {
            What::Book => return Ok(()),
            What::Write => {
                write(&mut meeting, spec, &person)?;
                Command::SaveMeeting(Box::new(meeting), Base::Overwrite)
            }
            What::Revise => {
                if let (Some(p), Fate::Revised { revision, .. }) =
                    (meeting.minutes.points.last_mut(), &spec.fate)
                {
                    p.text = (*revision).into();
                }
                Command::SaveMeeting(Box::new(meeting), Base::Overwrite)
            }
            What::Send => Command::Minutes(id, MinutesStep::Send(meeting.client_recipients())),
            What::Notify => Command::Minutes(id, MinutesStep::Notify),
            What::Confirm => Command::Minutes(
                id,
                MinutesStep::Confirm {
                    by: first_contact,
                    scan: None,
                },
            ),
            What::Dispute => Command::Minutes(
                id,
                MinutesStep::Dispute {
                    by: first_contact,
                    comments: match spec.fate {
                        Fate::Revised { .. } => "数字媒介预算应为 300 万元。".into(),
                        _ => {
                            "断流原因应写明为执行公司设备故障，不是带宽不足；请更正后重发。".into()
                        }
                    },
                },
            ),
        };
        apply(store, &ctx, command)?;
        Ok(())
    }
}

/// The meeting as booked: attendees, agenda and preparation.
fn book(
    store: &Store,
    spec: &Spec,
    start: DateTime<Utc>,
    at: DateTime<Utc>,
    organiser: UserId,
    person: &dyn Fn(usize) -> Result<UserId, SampleError>,
) -> Result<Meeting, SampleError> {
    let client = store
        .all::<Client>()?
        .into_iter()
        .nth(spec.client)
        .ok_or_else(|| SampleError::Data(format!("client {}", spec.client)))?;
    let theirs: Vec<Contact> = store
        .all::<Contact>()?
        .into_iter()
        .filter(|c| c.client_id == client.id)
        .collect();
    let users: Vec<crate::domain::User> = store.all()?;
    let name_of = |id: UserId| {
        users
            .iter()
            .find(|u| u.id == id)
            .map_or_else(String::new, |u| u.name.clone())
    };
    let mut meeting = Meeting::new(
        spec.kind,
        client.id,
        start,
        start + Duration::minutes(spec.minutes_long),
        Stamp { by: organiser, at },
    );
    meeting.title = spec.title.into();
    meeting.place = spec.place.into();
    // Loaded with an early clock, the job may not have been requested yet.
    if let Some(prefix) = spec.job
        && let Some(job) = store
            .all::<Job>()?
            .into_iter()
            .find(|j| j.title.starts_with(prefix))
    {
        meeting.jobs.push(job.id);
    }
    for &i in spec.team {
        let id = person(i)?;
        meeting.attendees.push(Attendee {
            side: Side::Agency,
            user: Some(id),
            contact: None,
            name: name_of(id),
            title: String::new(),
            email: String::new(),
        });
    }
    for &i in spec.contacts {
        let c = theirs
            .get(i)
            .ok_or_else(|| SampleError::Data(format!("contact {i} of {}", client.name)))?;
        meeting.attendees.push(Attendee {
            side: Side::Client,
            user: None,
            contact: Some(c.id),
            name: c.name.clone(),
            title: c.title.clone(),
            email: c.email.clone(),
        });
    }
    meeting.agenda = spec
        .agenda
        .iter()
        .map(|(title, presenter, minutes)| AgendaItem {
            title: (*title).into(),
            presenter: (*presenter).into(),
            minutes: *minutes,
        })
        .collect();
    for p in &mut meeting.prep {
        p.done = spec.prep_done.contains(&p.kind);
        p.owner = name_of(organiser);
    }
    for (label, owner, done) in spec.custom_prep {
        meeting.prep.push(PrepItem {
            kind: PrepKind::Custom,
            label: (*label).into(),
            owner: (*owner).into(),
            done: *done,
        });
    }
    Ok(meeting)
}

/// The minutes as written after the meeting.
fn write(
    meeting: &mut Meeting,
    spec: &Spec,
    person: &dyn Fn(usize) -> Result<UserId, SampleError>,
) -> Result<(), SampleError> {
    let day = meeting.start.with_timezone(&beijing()?).date_naive();
    meeting.minutes.points = spec
        .points
        .iter()
        .map(|(text, solution, decision, note)| Point {
            text: (*text).into(),
            solution: (*solution).into(),
            decision: *decision,
            internal_note: (*note).into(),
        })
        .collect();
    meeting.minutes.actions = spec
        .actions
        .iter()
        .map(|(what, party, owner_user, owner, due, done)| {
            Ok(ActionItem {
                what: (*what).into(),
                party: *party,
                owner: (*owner).into(),
                owner_user: owner_user.map(person).transpose()?,
                due: Some(day + Duration::days(*due)),
                status: if *done {
                    ActionStatus::Done
                } else {
                    ActionStatus::Open
                },
            })
        })
        .collect::<Result<_, SampleError>>()?;
    meeting.minutes.internal_note = spec.internal_note.into();
    Ok(())
}
