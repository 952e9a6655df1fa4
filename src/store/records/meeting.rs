//! A meeting and its minutes on disk, layout 1: one record holds the meeting, its
//! preparation, agenda, the minutes being written and every version sent.

use super::{AuditV1, StampV1, bad, date_out, moment_in, opt_date_in, party_in, party_out};
use crate::domain::{self, meeting as m};
use crate::store::codec::{CodecError, Kind};
use serde::{Deserialize, Serialize};

const KIND: Kind = Kind::Meeting;

codes!(kind_out, kind_in, m::MeetingKind, KIND, {
    m::MeetingKind::Meeting => 1,
    m::MeetingKind::PhoneCall => 2,
    m::MeetingKind::VideoCall => 3,
    m::MeetingKind::SiteVisit => 4,
});
codes!(side_out, side_in, m::Side, KIND, {
    m::Side::Agency => 1,
    m::Side::Client => 2,
    m::Side::Other => 3,
});
codes!(prep_out, prep_in, m::PrepKind, KIND, {
    m::PrepKind::Room => 1,
    m::PrepKind::AgendaSent => 2,
    m::PrepKind::AudioVisual => 3,
    m::PrepKind::TransportReception => 4,
    m::PrepKind::Custom => 5,
});
codes!(action_status_out, action_status_in, m::ActionStatus, KIND, {
    m::ActionStatus::Open => 1,
    m::ActionStatus::Done => 2,
    m::ActionStatus::Dropped => 3,
});

/// An attendee, layout 1.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AttendeeV1 {
    side: u8,
    user: Option<u64>,
    contact: Option<u64>,
    name: String,
    title: String,
    email: String,
}

/// An agenda item, layout 1.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AgendaItemV1 {
    title: String,
    presenter: String,
    minutes: u16,
}

/// A preparation item, layout 1.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PrepItemV1 {
    kind: u8,
    label: String,
    owner: String,
    done: bool,
}

/// A point of the minutes, layout 1.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PointV1 {
    text: String,
    solution: String,
    decision: bool,
    internal_note: String,
}

/// An action item, layout 1.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ActionItemV1 {
    what: String,
    party: u8,
    owner: String,
    owner_user: Option<u64>,
    due: Option<i32>,
    status: u8,
}

/// Minutes, layout 1.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MinutesV1 {
    points: Vec<PointV1>,
    actions: Vec<ActionItemV1>,
    internal_note: String,
}

/// The client's reply, layout 1: `confirmed` says which; `text` is the comments of a
/// dispute; `scan` the filed copy of a confirmation.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ReplyV1 {
    confirmed: bool,
    at_ms: i64,
    by: String,
    text: String,
    scan: Option<String>,
}

/// A sent version, layout 1.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SendingV1 {
    version: u32,
    stamp: StampV1,
    to: Vec<String>,
    minutes: MinutesV1,
    notified_ms: Option<i64>,
    reply: Option<ReplyV1>,
}

/// A meeting, layout 1.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MeetingV1 {
    id: u64,
    kind: u8,
    title: String,
    client_id: u64,
    jobs: Vec<u64>,
    start_ms: i64,
    end_ms: i64,
    place: String,
    attendees: Vec<AttendeeV1>,
    agenda: Vec<AgendaItemV1>,
    prep: Vec<PrepItemV1>,
    minutes: MinutesV1,
    sent: Vec<SendingV1>,
    audit: AuditV1,
}

impl MinutesV1 {
    fn from_domain(x: &m::Minutes) -> Self {
        MinutesV1 {
            points: x
                .points
                .iter()
                .map(|p| PointV1 {
                    text: p.text.clone(),
                    solution: p.solution.clone(),
                    decision: p.decision,
                    internal_note: p.internal_note.clone(),
                })
                .collect(),
            actions: x
                .actions
                .iter()
                .map(|a| ActionItemV1 {
                    what: a.what.clone(),
                    party: party_out(a.party),
                    owner: a.owner.clone(),
                    owner_user: a.owner_user.map(|u| u.0),
                    due: a.due.map(date_out),
                    status: action_status_out(a.status),
                })
                .collect(),
            internal_note: x.internal_note.clone(),
        }
    }

    fn into_domain(self) -> Result<m::Minutes, CodecError> {
        Ok(m::Minutes {
            points: self
                .points
                .into_iter()
                .map(|p| m::Point {
                    text: p.text,
                    solution: p.solution,
                    decision: p.decision,
                    internal_note: p.internal_note,
                })
                .collect(),
            actions: self
                .actions
                .into_iter()
                .map(|a| {
                    Ok(m::ActionItem {
                        what: a.what,
                        party: party_in(a.party)?,
                        owner: a.owner,
                        owner_user: a.owner_user.map(domain::UserId),
                        due: opt_date_in(KIND, a.due)?,
                        status: action_status_in(a.status)?,
                    })
                })
                .collect::<Result<_, CodecError>>()?,
            internal_note: self.internal_note,
        })
    }
}

impl SendingV1 {
    fn from_domain(s: &m::Sending) -> Self {
        SendingV1 {
            version: s.version,
            stamp: StampV1::from_domain(&s.stamp),
            to: s.to.clone(),
            minutes: MinutesV1::from_domain(&s.minutes),
            notified_ms: s.notified.map(|t| t.timestamp_millis()),
            reply: s.reply.as_ref().map(|r| match r {
                m::Reply::Confirmed { at, by, scan } => ReplyV1 {
                    confirmed: true,
                    at_ms: at.timestamp_millis(),
                    by: by.clone(),
                    text: String::new(),
                    scan: scan.clone(),
                },
                m::Reply::Disputed { at, by, comments } => ReplyV1 {
                    confirmed: false,
                    at_ms: at.timestamp_millis(),
                    by: by.clone(),
                    text: comments.clone(),
                    scan: None,
                },
            }),
        }
    }

    fn into_domain(self) -> Result<m::Sending, CodecError> {
        let reply = match self.reply {
            None => None,
            Some(r) => {
                let at = moment_in(KIND, r.at_ms)?;
                Some(if r.confirmed {
                    m::Reply::Confirmed {
                        at,
                        by: r.by,
                        scan: r.scan,
                    }
                } else {
                    m::Reply::Disputed {
                        at,
                        by: r.by,
                        comments: r.text,
                    }
                })
            }
        };
        Ok(m::Sending {
            version: self.version,
            stamp: self.stamp.into_domain(KIND)?,
            to: self.to,
            minutes: self.minutes.into_domain()?,
            notified: self.notified_ms.map(|t| moment_in(KIND, t)).transpose()?,
            reply,
        })
    }
}

impl MeetingV1 {
    pub(super) fn from_domain(x: &m::Meeting) -> Self {
        MeetingV1 {
            id: x.id.0,
            kind: kind_out(x.kind),
            title: x.title.clone(),
            client_id: x.client_id.0,
            jobs: x.jobs.iter().map(|j| j.0).collect(),
            start_ms: x.start.timestamp_millis(),
            end_ms: x.end.timestamp_millis(),
            place: x.place.clone(),
            attendees: x
                .attendees
                .iter()
                .map(|a| AttendeeV1 {
                    side: side_out(a.side),
                    user: a.user.map(|u| u.0),
                    contact: a.contact.map(|c| c.0),
                    name: a.name.clone(),
                    title: a.title.clone(),
                    email: a.email.clone(),
                })
                .collect(),
            agenda: x
                .agenda
                .iter()
                .map(|a| AgendaItemV1 {
                    title: a.title.clone(),
                    presenter: a.presenter.clone(),
                    minutes: a.minutes,
                })
                .collect(),
            prep: x
                .prep
                .iter()
                .map(|p| PrepItemV1 {
                    kind: prep_out(p.kind),
                    label: p.label.clone(),
                    owner: p.owner.clone(),
                    done: p.done,
                })
                .collect(),
            minutes: MinutesV1::from_domain(&x.minutes),
            sent: x.sent.iter().map(SendingV1::from_domain).collect(),
            audit: AuditV1::from_domain(&x.audit),
        }
    }

    pub(super) fn into_domain(self) -> Result<m::Meeting, CodecError> {
        let start = moment_in(KIND, self.start_ms)?;
        let end = moment_in(KIND, self.end_ms)?;
        if end < start {
            return Err(bad(KIND, "a meeting ends before it starts"));
        }
        let mut versions = self.sent.iter().map(|s| s.version);
        if versions.clone().zip(1..).any(|(v, n)| v != n) || versions.any(|v| v == 0) {
            return Err(bad(KIND, "sent versions out of sequence"));
        }
        Ok(m::Meeting {
            id: domain::MeetingId(self.id),
            kind: kind_in(self.kind)?,
            title: self.title,
            client_id: domain::ClientId(self.client_id),
            jobs: self.jobs.into_iter().map(domain::JobId).collect(),
            start,
            end,
            place: self.place,
            attendees: self
                .attendees
                .into_iter()
                .map(|a| {
                    Ok(m::Attendee {
                        side: side_in(a.side)?,
                        user: a.user.map(domain::UserId),
                        contact: a.contact.map(domain::ContactId),
                        name: a.name,
                        title: a.title,
                        email: a.email,
                    })
                })
                .collect::<Result<_, CodecError>>()?,
            agenda: self
                .agenda
                .into_iter()
                .map(|a| m::AgendaItem {
                    title: a.title,
                    presenter: a.presenter,
                    minutes: a.minutes,
                })
                .collect(),
            prep: self
                .prep
                .into_iter()
                .map(|p| {
                    Ok(m::PrepItem {
                        kind: prep_in(p.kind)?,
                        label: p.label,
                        owner: p.owner,
                        done: p.done,
                    })
                })
                .collect::<Result<_, CodecError>>()?,
            minutes: self.minutes.into_domain()?,
            sent: self
                .sent
                .into_iter()
                .map(SendingV1::into_domain)
                .collect::<Result<_, _>>()?,
            audit: self.audit.into_domain(KIND)?,
        })
    }
}
