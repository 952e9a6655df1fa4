//! A meeting and its minutes on disk: one record holds the meeting, its preparation, agenda,
//! the minutes being written and every version sent.
//!
//! - Layout 1: each sent version keeps the minutes' text only.
//! - Layout 2: a sent version also keeps the meeting as it printed it (kind, subject, time,
//!   place, attendees) once the meeting is corrected after it went out. Layout 1 is still
//!   read; its versions print the meeting as it is.
//! - Layout 3: a confirmation names its signed copy as a file in the file store
//!   ([`reply::FileRefV1`]) or, for a path typed before files were kept, as an outside path.
//!   Layouts 1 and 2 are still read; the path they hold becomes an outside path, which
//!   `services::files::adopt_typed_paths` takes into the store when the file is there.

use super::{
    AuditV1, Record, StampV1, bad, date_out, moment_in, opt_date_in, party_in, party_out,
    unknown_version,
};
use crate::domain::{self, meeting as m};
use crate::store::codec::{self, CodecError, Kind};
use serde::{Deserialize, Serialize};

use reply::ReplyV2;

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

/// The meeting as a sent version printed it, layout 1 (part of meeting layout 2).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SentFactsV1 {
    kind: u8,
    title: String,
    start_ms: i64,
    end_ms: i64,
    place: String,
    attendees: Vec<AttendeeV1>,
}

/// A sent version, layout 2: layout 1 and the meeting as it printed it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SendingV2 {
    v1: SendingV1,
    facts: Option<SentFactsV1>,
}

/// A sent version, layout 3: layout 2 (its reply left empty there) and the reply in
/// layout 2.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SendingV3 {
    v2: SendingV2,
    reply: Option<ReplyV2>,
}

/// A meeting, layout 3: layout 1 with its versions (left empty there) in layout 3.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MeetingV3 {
    v1: MeetingV1,
    sent: Vec<SendingV3>,
}

/// A meeting, layout 2: layout 1 with its versions (left empty there) in layout 2.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MeetingV2 {
    v1: MeetingV1,
    sent: Vec<SendingV2>,
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

impl AttendeeV1 {
    fn from_domain(a: &m::Attendee) -> Self {
        AttendeeV1 {
            side: side_out(a.side),
            user: a.user.map(|u| u.0),
            contact: a.contact.map(|c| c.0),
            name: a.name.clone(),
            title: a.title.clone(),
            email: a.email.clone(),
        }
    }

    fn into_domain(self) -> Result<m::Attendee, CodecError> {
        Ok(m::Attendee {
            side: side_in(self.side)?,
            user: self.user.map(domain::UserId),
            contact: self.contact.map(domain::ContactId),
            name: self.name,
            title: self.title,
            email: self.email,
        })
    }
}

fn attendees_in(attendees: Vec<AttendeeV1>) -> Result<Vec<m::Attendee>, CodecError> {
    attendees.into_iter().map(AttendeeV1::into_domain).collect()
}

impl SentFactsV1 {
    fn from_domain(f: &m::SentFacts) -> Self {
        SentFactsV1 {
            kind: kind_out(f.kind),
            title: f.title.clone(),
            start_ms: f.start.timestamp_millis(),
            end_ms: f.end.timestamp_millis(),
            place: f.place.clone(),
            attendees: f.attendees.iter().map(AttendeeV1::from_domain).collect(),
        }
    }

    fn into_domain(self) -> Result<m::SentFacts, CodecError> {
        Ok(m::SentFacts {
            kind: kind_in(self.kind)?,
            title: self.title,
            start: moment_in(KIND, self.start_ms)?,
            end: moment_in(KIND, self.end_ms)?,
            place: self.place,
            attendees: attendees_in(self.attendees)?,
        })
    }
}

impl SendingV2 {
    fn from_domain(s: &m::Sending) -> Self {
        SendingV2 {
            v1: SendingV1::from_domain(s),
            facts: s.facts.as_ref().map(SentFactsV1::from_domain),
        }
    }

    fn into_domain(self) -> Result<m::Sending, CodecError> {
        Ok(m::Sending {
            facts: self.facts.map(SentFactsV1::into_domain).transpose()?,
            ..self.v1.into_domain()?
        })
    }
}

impl MeetingV2 {
    /// Layout 2 as an older build wrote it: only tests write it now.
    #[cfg(test)]
    pub(super) fn from_domain(x: &m::Meeting) -> Self {
        let mut v1 = MeetingV1::from_domain(x);
        v1.sent.clear();
        MeetingV2 {
            v1,
            sent: x.sent.iter().map(SendingV2::from_domain).collect(),
        }
    }

    pub(super) fn into_domain(self) -> Result<m::Meeting, CodecError> {
        if !self.v1.sent.is_empty() {
            return Err(bad(KIND, "sent versions in both layouts"));
        }
        check_versions(self.sent.iter().map(|s| s.v1.version))?;
        Ok(m::Meeting {
            sent: self
                .sent
                .into_iter()
                .map(SendingV2::into_domain)
                .collect::<Result<_, _>>()?,
            ..self.v1.into_domain()?
        })
    }
}

impl SendingV3 {
    fn from_domain(s: &m::Sending) -> Self {
        let mut v2 = SendingV2::from_domain(s);
        v2.v1.reply = None;
        SendingV3 {
            v2,
            reply: s.reply.as_ref().map(ReplyV2::from_domain),
        }
    }

    fn into_domain(self) -> Result<m::Sending, CodecError> {
        if self.v2.v1.reply.is_some() {
            return Err(bad(KIND, "a reply in both layouts"));
        }
        Ok(m::Sending {
            reply: self.reply.map(ReplyV2::into_domain).transpose()?,
            ..self.v2.into_domain()?
        })
    }
}

impl MeetingV3 {
    pub(super) fn from_domain(x: &m::Meeting) -> Self {
        let mut v1 = MeetingV1::from_domain(x);
        v1.sent.clear();
        MeetingV3 {
            v1,
            sent: x.sent.iter().map(SendingV3::from_domain).collect(),
        }
    }

    pub(super) fn into_domain(self) -> Result<m::Meeting, CodecError> {
        if !self.v1.sent.is_empty() {
            return Err(bad(KIND, "sent versions in both layouts"));
        }
        check_versions(self.sent.iter().map(|s| s.v2.v1.version))?;
        Ok(m::Meeting {
            sent: self
                .sent
                .into_iter()
                .map(SendingV3::into_domain)
                .collect::<Result<_, _>>()?,
            ..self.v1.into_domain()?
        })
    }
}

/// Sent versions must be numbered 1, 2, 3… in order.
fn check_versions(versions: impl Iterator<Item = u32>) -> Result<(), CodecError> {
    if versions.zip(1..).any(|(v, n)| v != n) {
        return Err(bad(KIND, "sent versions out of sequence"));
    }
    Ok(())
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
                    // Layouts 1 and 2 are written only by tests and old binaries: the name
                    // stands for a stored file there.
                    scan: scan.as_ref().map(|c| c.name().to_string()),
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
                        // A typed path: outside until it is taken into the file store.
                        scan: r.scan.map(m::SignedCopy::Outside),
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
            facts: None,
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
            attendees: x.attendees.iter().map(AttendeeV1::from_domain).collect(),
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
        check_versions(self.sent.iter().map(|s| s.version))?;
        Ok(m::Meeting {
            id: domain::MeetingId(self.id),
            kind: kind_in(self.kind)?,
            title: self.title,
            client_id: domain::ClientId(self.client_id),
            jobs: self.jobs.into_iter().map(domain::JobId).collect(),
            start,
            end,
            place: self.place,
            attendees: attendees_in(self.attendees)?,
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

impl Record for domain::Meeting {
    const KIND: Kind = Kind::Meeting;
    const VERSION: u16 = 3;
    fn encode(&self) -> Result<Vec<u8>, CodecError> {
        codec::encode(Self::KIND, Self::VERSION, &MeetingV3::from_domain(self))
    }
    fn decode(bytes: &[u8]) -> Result<Self, CodecError> {
        let (version, payload) = codec::open_envelope(Self::KIND, bytes)?;
        match version {
            1 => codec::decode_payload::<MeetingV1>(Self::KIND, payload)?.into_domain(),
            2 => codec::decode_payload::<MeetingV2>(Self::KIND, payload)?.into_domain(),
            3 => codec::decode_payload::<MeetingV3>(Self::KIND, payload)?.into_domain(),
            v => Err(unknown_version(Self::KIND, v, Self::VERSION)),
        }
    }
}

pub(super) mod reply;
#[cfg(test)]
mod tests;
