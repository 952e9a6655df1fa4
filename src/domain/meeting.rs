//! Meetings and calls with a client, and their minutes (会议记录, handbook duties 1 and 2).
//!
//! A meeting is prepared (room, agenda sent, audio-visual, transport and reception, as far
//! as its kind needs them, plus the team's own items), held, and written up: key points with the way to solve them, decisions,
//! and the actions both sides agreed. The minutes are due 24 hours after the meeting ends.
//! Each sending freezes a numbered version; the client is notified and confirms it, or
//! disputes it, and a disputed version is revised and sent again as the next version.
//!
//! Moments are UTC; the screen and documents show them in local time. Nothing here reads the
//! clock: "now" is always a parameter.

use super::file_ref::FileRef;
use super::schedule::Party;
use super::text::{self, TextError};
use super::{Audit, ClientId, ContactId, JobId, MeetingId, Stamp, UserId};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use thiserror::Error;

mod hours;
mod minutes;
mod prep;
mod sending;
mod summary;
pub use hours::OfficeHours;
pub use minutes::{ActionItem, ActionStatus, Minutes, Point};
pub use prep::{PrepItem, PrepKind};
pub use sending::{FollowUp, MinutesState, Reply, Sending, SentFacts, SignedCopy};
pub use summary::{MeetingProgress, MeetingSummary};

/// Minutes are due this long after the meeting ends.
pub const MINUTES_DUE_HOURS: i64 = 24;

/// Longest path of a returned copy's scan, in characters (Windows paths may be long).
const MAX_SCAN_PATH_CHARS: usize = 1000;

/// When minutes are due for a meeting that ends at `end`: [`MINUTES_DUE_HOURS`] later, or
/// the last moment chrono knows for an end typed or stored at its very edge.
fn due_after(end: DateTime<Utc>) -> DateTime<Utc> {
    end.checked_add_signed(Duration::hours(MINUTES_DUE_HOURS))
        .unwrap_or(DateTime::<Utc>::MAX_UTC)
}
/// Minutes still being written are "due soon" this long before their deadline.
pub const DUE_SOON_HOURS: i64 = 6;
/// Sent minutes without the client's reply for this many days are followed up.
pub const UNCONFIRMED_AFTER_DAYS: i64 = 3;
/// Preparation is checked this long before the meeting starts.
pub const PREP_WARNING_HOURS: i64 = 24;
/// Most entries in one list of a meeting (attendees, agenda items, points, actions…).
pub const MAX_ITEMS: usize = 500;

/// What kind of contact with the client it was.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum MeetingKind {
    /// A meeting in a room (会议).
    Meeting,
    /// A phone call (电话).
    PhoneCall,
    /// A video call (视频会议).
    VideoCall,
    /// A visit to a site or venue (现场考察).
    SiteVisit,
}

impl MeetingKind {
    /// All kinds in the order they are offered.
    pub const ALL: [MeetingKind; 4] = [
        MeetingKind::Meeting,
        MeetingKind::PhoneCall,
        MeetingKind::VideoCall,
        MeetingKind::SiteVisit,
    ];
}

/// Which side of the table an attendee sits on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Side {
    /// The agency (代理方): a user.
    Agency,
    /// The client (客户): usually one of its contacts.
    Client,
    /// Anyone else: a production house, a venue, media.
    Other,
}

/// Someone at the meeting. The name and email are kept as they were at the meeting, so the
/// minutes read the same after a contact changes jobs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attendee {
    /// Their side.
    pub side: Side,
    /// The agency user, for [`Side::Agency`].
    pub user: Option<UserId>,
    /// The client contact, for [`Side::Client`].
    pub contact: Option<ContactId>,
    /// Their name.
    pub name: String,
    /// Their title or company, as printed in the minutes.
    pub title: String,
    /// Where the minutes are sent (client side).
    pub email: String,
}

/// One item of the agenda (议程).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgendaItem {
    /// What is discussed.
    pub title: String,
    /// Who presents it.
    pub presenter: String,
    /// Minutes allotted (0: not timed).
    pub minutes: u16,
}

/// Why a meeting cannot be saved, or its minutes cannot move to the state asked.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum MeetingError {
    /// A text field is empty, too long or holds a control character.
    #[error(transparent)]
    Text(#[from] TextError),
    /// The meeting ends before it starts.
    #[error("the meeting ends before it starts")]
    EndBeforeStart,
    /// A list is longer than [`MAX_ITEMS`].
    #[error("more than {MAX_ITEMS} {0}")]
    TooMany(&'static str),
    /// An attendee's email is not an address.
    #[error("{0} is not an email address")]
    BadEmail(String),
    /// A standard preparation item was removed. Not returned any more: saving puts back
    /// the items the meeting's kind needs (see [`Meeting::fit_prep`]).
    #[error("the standard preparation items cannot be removed")]
    MissingPrep,
    /// Sending minutes with nothing in them.
    #[error("the minutes are empty")]
    NothingToSend,
    /// Sending without anyone to send to.
    #[error("no recipient")]
    NoRecipients,
    /// Sending the same text again while the client has not replied to it.
    #[error("version {0} was sent and awaits the client's reply")]
    AwaitingReply(u32),
    /// Sending again after the client confirmed.
    #[error("version {0} is confirmed")]
    AlreadyConfirmed(u32),
    /// Sending a disputed version again without revising it.
    #[error("version {0} was disputed; revise the minutes before sending again")]
    NotRevised(u32),
    /// Notifying, confirming or disputing before anything was sent.
    #[error("the minutes have not been sent")]
    NotSent,
    /// A reply to a version that already has one.
    #[error("version {0} already has the client's reply")]
    AlreadyReplied(u32),
    /// Filing a signed copy for a version the client has not confirmed.
    #[error("version {0} is not confirmed")]
    NotConfirmed(u32),
    /// A dispute without the client's comments.
    #[error("a dispute needs the client's comments")]
    NoComments,
}

/// A meeting or call with a client: its preparation, agenda, attendees and minutes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meeting {
    /// Its id.
    pub id: MeetingId,
    /// Meeting, call, video call or visit.
    pub kind: MeetingKind,
    /// What it is about, e.g. 新春促销创意提案.
    pub title: String,
    /// The client.
    pub client_id: ClientId,
    /// The jobs it concerns (may be none: a general review).
    pub jobs: Vec<JobId>,
    /// When it starts (UTC).
    pub start: DateTime<Utc>,
    /// When it ends (UTC).
    pub end: DateTime<Utc>,
    /// Where: a room, an address, a dial-in.
    pub place: String,
    /// Who takes part, both sides.
    pub attendees: Vec<Attendee>,
    /// The agenda.
    pub agenda: Vec<AgendaItem>,
    /// The preparation checklist: the handbook's items its kind needs, then the team's.
    pub prep: Vec<PrepItem>,
    /// The minutes being written (the next version to send).
    pub minutes: Minutes,
    /// Every version sent, oldest first.
    pub sent: Vec<Sending>,
    /// Created and last changed.
    pub audit: Audit,
}

impl Default for Meeting {
    /// An empty meeting with id 0 at the Unix epoch: a placeholder for forms before a
    /// meeting is loaded, never saved as it is (it has no title).
    fn default() -> Self {
        let epoch = DateTime::<Utc>::default();
        Meeting::new(
            MeetingKind::Meeting,
            ClientId(0),
            epoch,
            epoch,
            Stamp {
                by: UserId(0),
                at: epoch,
            },
        )
    }
}

impl Meeting {
    /// A new meeting of `kind` from `start` to `end`, with the standard preparation items
    /// that kind needs.
    pub fn new(
        kind: MeetingKind,
        client_id: ClientId,
        start: DateTime<Utc>,
        end: DateTime<Utc>,
        stamp: Stamp,
    ) -> Meeting {
        Meeting {
            id: MeetingId(0),
            kind,
            title: String::new(),
            client_id,
            jobs: Vec::new(),
            start,
            end,
            place: String::new(),
            attendees: Vec::new(),
            agenda: Vec::new(),
            prep: PrepItem::standard_for(kind),
            minutes: Minutes::default(),
            sent: Vec::new(),
            audit: Audit::new(stamp),
        }
    }

    /// The meeting as it can be saved: text trimmed and checked, lists bounded, the
    /// preparation checklist fitted to its kind ([`Meeting::fit_prep`]). Lines left empty
    /// while typing are kept (the client never sees them: see [`Minutes::for_client`]).
    /// Sent versions are not touched.
    pub fn validated(mut self) -> Result<Meeting, MeetingError> {
        self.title = text::required_line("meeting_title", &self.title)?;
        self.place = text::optional_line("place", &self.place)?;
        if self.end < self.start {
            return Err(MeetingError::EndBeforeStart);
        }
        let lists = [
            ("attendees", self.attendees.len()),
            ("agenda items", self.agenda.len()),
            ("preparation items", self.prep.len()),
            ("points", self.minutes.points.len()),
            ("actions", self.minutes.actions.len()),
            ("jobs", self.jobs.len()),
        ];
        if let Some((what, _)) = lists.iter().find(|(_, n)| *n > MAX_ITEMS) {
            return Err(MeetingError::TooMany(what));
        }
        for a in &mut self.attendees {
            a.name = text::required_line("attendee_name", &a.name)?;
            a.title = text::optional_line("attendee_title", &a.title)?;
            a.email = text::optional_line("email", &a.email)?;
            if !a.email.is_empty() && !text::looks_like_email(&a.email) {
                return Err(MeetingError::BadEmail(a.email.clone()));
            }
        }
        for item in &mut self.agenda {
            item.title = text::required_line("agenda_title", &item.title)?;
            item.presenter = text::optional_line("presenter", &item.presenter)?;
        }
        self.fit_prep();
        for p in &mut self.prep {
            p.owner = text::optional_line("prep_owner", &p.owner)?;
            p.label = match p.kind {
                PrepKind::Custom => text::required_line("prep_item", &p.label)?,
                _ => String::new(),
            };
        }
        let m = &mut self.minutes;
        for p in &mut m.points {
            p.text = text::multiline("point", &p.text)?;
            p.solution = text::multiline("solution", &p.solution)?;
            p.internal_note = text::multiline("internal_note", &p.internal_note)?;
        }
        for a in &mut m.actions {
            a.what = text::optional_line("action", &a.what)?;
            a.owner = text::optional_line("action_owner", &a.owner)?;
        }
        m.internal_note = text::multiline("internal_note", &m.internal_note)?;
        Ok(self)
    }

    /// Fits the preparation checklist to the meeting's kind, e.g. after the kind changed:
    /// the handbook's items it needs are there, open ones it does not need are gone (see
    /// [`prep::fit`]). A phone call gets no room, projector or transport item.
    pub fn fit_prep(&mut self) {
        self.prep = prep::fit(self.kind, std::mem::take(&mut self.prep));
    }

    /// Preparation items still open when the meeting starts within
    /// [`PREP_WARNING_HOURS`] of `now` (`None` when there is nothing to warn about).
    pub fn prep_warning(&self, now: DateTime<Utc>) -> Option<usize> {
        self.progress().prep_warning(now)
    }

    /// Open actions with an agency owner and a date, for that person's to-do list.
    pub fn open_actions_of(&self, user: UserId) -> impl Iterator<Item = &ActionItem> {
        self.minutes
            .actions
            .iter()
            .filter(move |a| a.owner_user == Some(user) && a.status == ActionStatus::Open)
    }
}

#[cfg(test)]
mod tests;
