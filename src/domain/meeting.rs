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

use super::schedule::Party;
use super::text::{self, TextError};
use super::{Audit, ClientId, ContactId, JobId, MeetingId, Stamp, UserId};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use thiserror::Error;

mod head;
mod hours;
mod prep;
pub use head::{MeetingHead, Progress};
pub use hours::OfficeHours;
pub use prep::{PrepItem, PrepKind};

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

/// One point of the minutes (要点). A decision is a point marked as decided.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Point {
    /// What was said or found.
    pub text: String,
    /// How it will be solved (解决方法), when there is a problem to solve.
    pub solution: String,
    /// Both sides decided it (决定).
    pub decision: bool,
    /// A remark for the agency only: never printed, never sent.
    pub internal_note: String,
}

/// Where an action item stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ActionStatus {
    /// To do.
    Open,
    /// Done.
    Done,
    /// No longer needed.
    Dropped,
}

/// An action agreed in the meeting (待办事项): what, who, by when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionItem {
    /// What is to be done.
    pub what: String,
    /// Which side does it.
    pub party: Party,
    /// Who does it, as people call them.
    pub owner: String,
    /// The agency user who does it, so it reaches their to-do list.
    pub owner_user: Option<UserId>,
    /// By when.
    pub due: Option<NaiveDate>,
    /// Where it stands.
    pub status: ActionStatus,
}

impl ActionItem {
    /// A new open action for the agency, without an owner or a date.
    pub fn new(what: impl Into<String>) -> ActionItem {
        ActionItem {
            what: what.into(),
            party: Party::Agency,
            owner: String::new(),
            owner_user: None,
            due: None,
            status: ActionStatus::Open,
        }
    }
}

/// The minutes of one meeting: points, decisions and actions.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Minutes {
    /// Key points and decisions, in the order they came up.
    pub points: Vec<Point>,
    /// Actions both sides agreed.
    pub actions: Vec<ActionItem>,
    /// A remark on the whole meeting for the agency only: never printed, never sent.
    pub internal_note: String,
}

impl Minutes {
    /// Nothing written yet (an internal remark alone is nothing to send).
    pub fn is_empty(&self) -> bool {
        self.points.iter().all(|p| p.text.trim().is_empty())
            && self.actions.iter().all(|a| a.what.trim().is_empty())
    }

    /// The decisions among the points.
    pub fn decisions(&self) -> impl Iterator<Item = &Point> {
        self.points.iter().filter(|p| p.decision)
    }

    /// The minutes as the client reads them: no internal remarks, no empty lines.
    pub fn for_client(&self) -> Minutes {
        Minutes {
            points: self
                .points
                .iter()
                .filter(|p| !p.text.trim().is_empty())
                .map(|p| Point {
                    internal_note: String::new(),
                    ..p.clone()
                })
                .collect(),
            actions: self
                .actions
                .iter()
                .filter(|a| !a.what.trim().is_empty())
                .cloned()
                .collect(),
            internal_note: String::new(),
        }
    }
}

/// The client's answer to a sent version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Reply {
    /// Confirmed and returned (已确认回传).
    Confirmed {
        /// When it came back.
        at: DateTime<Utc>,
        /// Who confirmed, on the client's side.
        by: String,
        /// Where the scan of the signed copy is kept, if it was filed.
        scan: Option<String>,
    },
    /// Disputed (有异议): the client's comments lead to a revised version.
    Disputed {
        /// When the comments came.
        at: DateTime<Utc>,
        /// Who commented.
        by: String,
        /// What the client wants changed.
        comments: String,
    },
}

impl Reply {
    /// When the reply came.
    pub fn at(&self) -> DateTime<Utc> {
        match self {
            Reply::Confirmed { at, .. } | Reply::Disputed { at, .. } => *at,
        }
    }
}

/// A version of the minutes as sent: frozen, numbered, with what became of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sending {
    /// 1, 2, …
    pub version: u32,
    /// Who sent it, and when.
    pub stamp: Stamp,
    /// To whom (names or addresses, as sent).
    pub to: Vec<String>,
    /// The minutes as sent (the client's version).
    pub minutes: Minutes,
    /// The meeting as this version printed it, once the meeting was corrected after it went
    /// out (see [`Meeting::keep_sent`]). `None`: as the meeting is now, which costs nothing
    /// in the usual case of a meeting never corrected after its minutes were sent.
    pub facts: Option<SentFacts>,
    /// When the client was told to look at them and reply (phone, WeChat).
    pub notified: Option<DateTime<Utc>>,
    /// The client's reply, once it came.
    pub reply: Option<Reply>,
}

/// What a version of the minutes says about the meeting itself, frozen with it: correcting
/// the time, the place or who was there afterwards makes a new version, and never rewrites
/// the one the client holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SentFacts {
    /// Meeting, call, video call or visit.
    pub kind: MeetingKind,
    /// The subject.
    pub title: String,
    /// When it started (UTC).
    pub start: DateTime<Utc>,
    /// When it ended (UTC).
    pub end: DateTime<Utc>,
    /// Where.
    pub place: String,
    /// Who took part, both sides.
    pub attendees: Vec<Attendee>,
}

/// Where a meeting's minutes stand.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum MinutesState {
    /// Being written; nothing sent yet (草稿).
    Draft,
    /// A version was sent (已发送).
    Sent,
    /// The client was told to confirm it (已通知客户).
    Notified,
    /// The client confirmed the latest version (已确认).
    Confirmed,
    /// The client disputed the latest version; a revision is due (有异议).
    Disputed,
}

/// What the account team should do about a meeting's minutes now, for lists and strips.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FollowUp {
    /// The meeting has not ended.
    Upcoming,
    /// Being written; the deadline is more than [`DUE_SOON_HOURS`] away.
    Writing {
        /// The deadline.
        due: DateTime<Utc>,
    },
    /// Being written; the deadline is close.
    DueSoon {
        /// The deadline.
        due: DateTime<Utc>,
    },
    /// Not sent, and the deadline has passed.
    Overdue {
        /// The deadline.
        due: DateTime<Utc>,
    },
    /// Sent (and perhaps notified), waiting for the reply.
    Awaiting {
        /// When the latest version went out.
        sent: DateTime<Utc>,
    },
    /// Sent more than [`UNCONFIRMED_AFTER_DAYS`] days ago and still no reply.
    Unconfirmed {
        /// Whole days since it went out.
        days: i64,
    },
    /// The client disputed it: revise and send again.
    Disputed,
    /// Confirmed: nothing left to do.
    Confirmed,
}

impl FollowUp {
    /// Whether the team must act (listed in the dashboard strip).
    pub fn needs_attention(self) -> bool {
        matches!(
            self,
            FollowUp::Overdue { .. }
                | FollowUp::DueSoon { .. }
                | FollowUp::Unconfirmed { .. }
                | FollowUp::Disputed
        )
    }
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

    /// When the minutes are due: 24 hours after the meeting ends.
    pub fn minutes_due(&self) -> DateTime<Utc> {
        due_after(self.end)
    }

    /// The latest version sent.
    pub fn latest(&self) -> Option<&Sending> {
        self.sent.last()
    }

    /// Where the minutes stand.
    pub fn state(&self) -> MinutesState {
        match self.latest() {
            None => MinutesState::Draft,
            Some(s) => match (&s.reply, s.notified) {
                (Some(Reply::Confirmed { .. }), _) => MinutesState::Confirmed,
                (Some(Reply::Disputed { .. }), _) => MinutesState::Disputed,
                (None, Some(_)) => MinutesState::Notified,
                (None, None) => MinutesState::Sent,
            },
        }
    }

    /// The version an export that names none writes: the latest version sent when nothing
    /// changed since (what the client has); `None` when there is a draft to export instead.
    pub fn version_to_export(&self) -> Option<u32> {
        if self.revised() {
            return None;
        }
        self.latest().map(|s| s.version)
    }

    /// The minutes being written, or the meeting's facts they print, differ from the latest
    /// version sent.
    pub fn revised(&self) -> bool {
        self.latest().is_some_and(|s| {
            s.minutes != self.minutes.for_client()
                || s.facts.as_ref().is_some_and(|f| *f != self.facts())
        })
    }

    /// Takes the versions sent from `stored`, the meeting as it was before this edit (what a
    /// form holds never replaces them). When the edit changes what they printed about the
    /// meeting (its subject, time, place or attendees), each version that printed it as it
    /// was keeps that, so a version re-exported later reads as the client received it.
    pub fn keep_sent(&mut self, stored: &Meeting) {
        let was = stored.facts();
        let changed = was != self.facts();
        self.sent = stored
            .sent
            .iter()
            .map(|s| {
                let mut s = s.clone();
                if changed && s.facts.is_none() {
                    s.facts = Some(was.clone());
                }
                s
            })
            .collect();
    }

    /// The facts a version sent now would print.
    pub fn facts(&self) -> SentFacts {
        SentFacts {
            kind: self.kind,
            title: self.title.clone(),
            start: self.start,
            end: self.end,
            place: self.place.clone(),
            attendees: self.attendees.clone(),
        }
    }

    /// The meeting as version `sent` showed it to the client: the facts frozen with it
    /// (where it has them) and the minutes it carried.
    pub fn as_sent(&self, sent: &Sending) -> Meeting {
        let mut m = self.clone();
        if let Some(f) = &sent.facts {
            m.kind = f.kind;
            m.title.clone_from(&f.title);
            m.start = f.start;
            m.end = f.end;
            m.place.clone_from(&f.place);
            m.attendees.clone_from(&f.attendees);
        }
        m.minutes = sent.minutes.clone();
        m
    }

    /// The version the next sending will carry.
    pub fn next_version(&self) -> u32 {
        self.latest().map_or(1, |s| s.version + 1)
    }

    /// The client attendees' addresses, where the minutes go (names for those without one).
    pub fn client_recipients(&self) -> Vec<String> {
        self.attendees
            .iter()
            .filter(|a| a.side == Side::Client)
            .map(|a| {
                if a.email.is_empty() {
                    a.name.clone()
                } else {
                    a.email.clone()
                }
            })
            .collect()
    }

    /// Freezes the minutes as the next version, sent to `to` at `stamp`. Refused when they
    /// are empty, when there is no one to send to, and when the client has not answered the
    /// same text yet (a corrected text may go out before the reply: it supersedes it).
    pub fn send(&mut self, stamp: Stamp, to: Vec<String>) -> Result<u32, MeetingError> {
        if self.minutes.is_empty() {
            return Err(MeetingError::NothingToSend);
        }
        let to: Vec<String> = to
            .into_iter()
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty())
            .collect();
        if to.is_empty() {
            return Err(MeetingError::NoRecipients);
        }
        if let Some(last) = self.latest() {
            let revised = self.revised();
            match (&last.reply, revised) {
                (Some(Reply::Confirmed { .. }), _) => {
                    return Err(MeetingError::AlreadyConfirmed(last.version));
                }
                (Some(Reply::Disputed { .. }), false) => {
                    return Err(MeetingError::NotRevised(last.version));
                }
                (None, false) => return Err(MeetingError::AwaitingReply(last.version)),
                _ => {}
            }
        }
        let version = self.next_version();
        self.sent.push(Sending {
            version,
            stamp,
            to,
            minutes: self.minutes.for_client(),
            facts: None,
            notified: None,
            reply: None,
        });
        Ok(version)
    }

    /// The latest version, if it still waits for the client's reply.
    fn awaiting(&mut self) -> Result<&mut Sending, MeetingError> {
        let last = self.sent.last_mut().ok_or(MeetingError::NotSent)?;
        if last.reply.is_some() {
            return Err(MeetingError::AlreadyReplied(last.version));
        }
        Ok(last)
    }

    /// Records that the client was told to look at the minutes and reply.
    pub fn notify(&mut self, at: DateTime<Utc>) -> Result<(), MeetingError> {
        self.awaiting()?.notified = Some(at);
        Ok(())
    }

    /// Records the client's confirmation of the latest version.
    pub fn confirm(
        &mut self,
        at: DateTime<Utc>,
        by: &str,
        scan: Option<String>,
    ) -> Result<(), MeetingError> {
        let by = text::required_line("confirmed_by", by)?;
        let scan = match scan.as_deref().map(str::trim) {
            Some(path) if path.chars().any(char::is_control) => {
                return Err(TextError::ControlChar { field: "scan" }.into());
            }
            Some(path) if path.chars().count() > MAX_SCAN_PATH_CHARS => {
                return Err(TextError::TooLong {
                    field: "scan",
                    len: path.chars().count(),
                    max: MAX_SCAN_PATH_CHARS,
                }
                .into());
            }
            Some(path) if !path.is_empty() => Some(path.to_string()),
            _ => None,
        };
        self.awaiting()?.reply = Some(Reply::Confirmed { at, by, scan });
        Ok(())
    }

    /// Records the client's dispute of the latest version, with their comments. The next
    /// sending is a revised version.
    pub fn dispute(
        &mut self,
        at: DateTime<Utc>,
        by: &str,
        comments: &str,
    ) -> Result<(), MeetingError> {
        let by = text::required_line("confirmed_by", by)?;
        let comments = text::multiline("comments", comments)?;
        if comments.trim().is_empty() {
            return Err(MeetingError::NoComments);
        }
        self.awaiting()?.reply = Some(Reply::Disputed { at, by, comments });
        Ok(())
    }

    /// Where the meeting and its minutes stand, in the facts the 24-hour clock needs.
    pub fn progress(&self) -> Progress {
        Progress {
            start: self.start,
            end: self.end,
            state: self.state(),
            last_sent: self.latest().map(|s| s.stamp.at),
            next_version: self.next_version(),
            open_prep: self
                .prep
                .iter()
                .filter(|p| p.is_open_for(self.kind))
                .count(),
        }
    }

    /// What the team should do about the minutes at `now`.
    pub fn follow_up(&self, now: DateTime<Utc>) -> FollowUp {
        self.progress().follow_up(now)
    }

    /// Whether the first version went out within the 24 hours.
    pub fn sent_on_time(&self) -> Option<bool> {
        self.sent.first().map(|s| s.stamp.at <= self.minutes_due())
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
mod tests {
    use super::*;
    use chrono::{FixedOffset, TimeZone};

    fn at(offset_hours: i32, y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
        FixedOffset::east_opt(offset_hours * 3600)
            .and_then(|tz| tz.with_ymd_and_hms(y, mo, d, h, mi, 0).single())
            .map(|t| t.with_timezone(&Utc))
            .unwrap_or_default()
    }

    fn stamp(t: DateTime<Utc>) -> Stamp {
        Stamp {
            by: UserId(1),
            at: t,
        }
    }

    fn meeting(start: DateTime<Utc>, end: DateTime<Utc>) -> Meeting {
        let mut m = Meeting::new(MeetingKind::Meeting, ClientId(7), start, end, stamp(start));
        m.title = "创意提案".into();
        m.attendees.push(Attendee {
            side: Side::Client,
            user: None,
            contact: Some(ContactId(9)),
            name: "李娜".into(),
            title: "品牌经理".into(),
            email: "li.na@brand.cn".into(),
        });
        m
    }

    fn written(mut m: Meeting) -> Meeting {
        m.minutes.points.push(Point {
            text: "主视觉改用红色".into(),
            solution: "周五前出两稿".into(),
            decision: true,
            internal_note: "客户总监不满意上一稿".into(),
        });
        m.minutes.actions.push(ActionItem::new("修改主视觉"));
        m
    }

    #[test]
    fn deadline_is_24_hours_after_the_end_across_midnight_and_zones() {
        // 23:00–00:30 in Shanghai: ends after midnight, due the next night at 00:30.
        let m = meeting(at(8, 2026, 3, 10, 23, 0), at(8, 2026, 3, 11, 0, 30));
        assert_eq!(m.minutes_due(), at(8, 2026, 3, 12, 0, 30));
        assert_eq!(m.minutes_due(), at(0, 2026, 3, 11, 16, 30));
        // The same call booked from London (UTC+0) is the same moment.
        let london = meeting(at(0, 2026, 3, 10, 15, 0), at(0, 2026, 3, 10, 16, 30));
        assert_eq!(london.minutes_due(), m.minutes_due());
        // New York on its DST day (-4 after 2026-03-08): 24 hours, not "the same clock time".
        let ny = meeting(at(-5, 2026, 3, 7, 20, 0), at(-5, 2026, 3, 7, 23, 30));
        assert_eq!(ny.minutes_due(), at(-4, 2026, 3, 9, 0, 30));
    }

    #[test]
    fn a_meeting_at_the_edge_of_the_calendar_has_a_deadline_and_no_panic() {
        let end = DateTime::<Utc>::MAX_UTC - Duration::hours(1);
        let m = written(meeting(end - Duration::hours(1), end));
        assert_eq!(m.minutes_due(), DateTime::<Utc>::MAX_UTC);
        assert_eq!(m.progress().minutes_due(), DateTime::<Utc>::MAX_UTC);
        let now = at(8, 2026, 11, 26, 14, 0);
        assert_eq!(m.follow_up(now), FollowUp::Upcoming);
    }

    #[test]
    fn follow_up_with_a_fixed_now() {
        let start = at(8, 2026, 11, 26, 14, 0);
        let end = at(8, 2026, 11, 26, 16, 0);
        let m = written(meeting(start, end));
        assert_eq!(m.follow_up(at(8, 2026, 11, 26, 15, 0)), FollowUp::Upcoming);
        let due = at(8, 2026, 11, 27, 16, 0);
        assert_eq!(
            m.follow_up(at(8, 2026, 11, 26, 17, 0)),
            FollowUp::Writing { due }
        );
        assert_eq!(
            m.follow_up(at(8, 2026, 11, 27, 10, 0)),
            FollowUp::DueSoon { due }
        );
        assert_eq!(m.follow_up(due), FollowUp::DueSoon { due });
        let late = at(8, 2026, 11, 27, 16, 1);
        assert_eq!(m.follow_up(late), FollowUp::Overdue { due });
        assert!(m.follow_up(late).needs_attention());
        assert!(!m.follow_up(at(8, 2026, 11, 26, 17, 0)).needs_attention());
    }

    #[test]
    fn sent_minutes_wait_then_need_a_chase() {
        let mut m = written(meeting(at(8, 2026, 11, 2, 9, 0), at(8, 2026, 11, 2, 10, 0)));
        let sent = at(8, 2026, 11, 2, 18, 0);
        assert_eq!(m.send(stamp(sent), m.client_recipients()), Ok(1));
        assert_eq!(m.sent_on_time(), Some(true));
        assert_eq!(
            m.follow_up(at(8, 2026, 11, 4, 9, 0)),
            FollowUp::Awaiting { sent }
        );
        assert_eq!(
            m.follow_up(at(8, 2026, 11, 5, 18, 0)),
            FollowUp::Unconfirmed { days: 3 }
        );
        assert_eq!(m.notify(at(8, 2026, 11, 5, 18, 5)), Ok(()));
        assert_eq!(m.state(), MinutesState::Notified);
        assert_eq!(m.confirm(at(8, 2026, 11, 6, 9, 0), "李娜", None), Ok(()));
        assert_eq!(m.follow_up(at(8, 2026, 12, 1, 0, 0)), FollowUp::Confirmed);
    }

    #[test]
    fn nothing_is_confirmed_or_disputed_before_it_is_sent() {
        let mut m = written(meeting(at(8, 2026, 11, 2, 9, 0), at(8, 2026, 11, 2, 10, 0)));
        let t = at(8, 2026, 11, 2, 12, 0);
        assert_eq!(m.confirm(t, "李娜", None), Err(MeetingError::NotSent));
        assert_eq!(m.dispute(t, "李娜", "不同意"), Err(MeetingError::NotSent));
        assert_eq!(m.notify(t), Err(MeetingError::NotSent));
        assert_eq!(m.state(), MinutesState::Draft);
    }

    #[test]
    fn empty_minutes_or_no_recipient_cannot_be_sent() {
        let mut m = meeting(at(8, 2026, 11, 2, 9, 0), at(8, 2026, 11, 2, 10, 0));
        m.minutes.internal_note = "只给自己看".into();
        let s = stamp(at(8, 2026, 11, 2, 12, 0));
        assert_eq!(
            m.send(s, vec!["li@x.cn".into()]),
            Err(MeetingError::NothingToSend)
        );
        let mut m = written(m);
        assert_eq!(
            m.send(s, vec!["  ".into()]),
            Err(MeetingError::NoRecipients)
        );
        assert!(m.sent.is_empty());
    }

    #[test]
    fn a_dispute_leads_to_a_revised_version_sent_and_confirmed_again() {
        let mut m = written(meeting(at(8, 2026, 11, 2, 9, 0), at(8, 2026, 11, 2, 10, 0)));
        let to = m.client_recipients();
        assert_eq!(to, vec!["li.na@brand.cn".to_string()]);
        assert_eq!(m.send(stamp(at(8, 2026, 11, 2, 12, 0)), to.clone()), Ok(1));
        // The same text cannot go out twice while the client has not answered.
        assert_eq!(
            m.send(stamp(at(8, 2026, 11, 2, 13, 0)), to.clone()),
            Err(MeetingError::AwaitingReply(1))
        );
        let t = at(8, 2026, 11, 3, 9, 0);
        assert_eq!(m.dispute(t, "李娜", "  "), Err(MeetingError::NoComments));
        assert_eq!(m.dispute(t, "李娜", "预算是 50 万，不是 60 万"), Ok(()));
        assert_eq!(m.state(), MinutesState::Disputed);
        assert_eq!(m.follow_up(t), FollowUp::Disputed);
        assert_eq!(
            m.confirm(t, "李娜", None),
            Err(MeetingError::AlreadyReplied(1))
        );
        assert_eq!(
            m.send(stamp(t), to.clone()),
            Err(MeetingError::NotRevised(1))
        );
        m.minutes.points[0].text = "主视觉改用红色，预算 50 万".into();
        assert!(m.revised());
        assert_eq!(m.send(stamp(at(8, 2026, 11, 3, 11, 0)), to.clone()), Ok(2));
        assert_eq!(m.state(), MinutesState::Sent);
        assert_eq!(
            m.confirm(
                at(8, 2026, 11, 3, 15, 0),
                "李娜",
                Some("扫描\u{7}.pdf".into())
            ),
            Err(MeetingError::Text(TextError::ControlChar { field: "scan" }))
        );
        assert_eq!(m.state(), MinutesState::Sent);
        assert_eq!(
            m.confirm(
                at(8, 2026, 11, 3, 15, 0),
                "李娜",
                Some(" 扫描件.pdf ".into())
            ),
            Ok(())
        );
        assert!(matches!(
            m.latest().and_then(|s| s.reply.as_ref()),
            Some(Reply::Confirmed { scan: Some(path), .. }) if path == "扫描件.pdf"
        ));
        assert_eq!(m.state(), MinutesState::Confirmed);
        assert_eq!(
            m.send(stamp(at(8, 2026, 11, 4, 9, 0)), to),
            Err(MeetingError::AlreadyConfirmed(2))
        );
        // Version 1 keeps the text the client disputed.
        assert_eq!(m.sent[0].minutes.points[0].text, "主视觉改用红色");
    }

    #[test]
    fn sent_versions_never_carry_internal_remarks() {
        let mut m = written(meeting(at(8, 2026, 11, 2, 9, 0), at(8, 2026, 11, 2, 10, 0)));
        m.minutes.internal_note = "内部：报价偏高".into();
        assert_eq!(
            m.send(stamp(at(8, 2026, 11, 2, 12, 0)), vec!["x".into()]),
            Ok(1)
        );
        let sent = &m.sent[0].minutes;
        assert!(sent.internal_note.is_empty());
        assert!(sent.points.iter().all(|p| p.internal_note.is_empty()));
        // An internal remark changed afterwards is not a revision for the client.
        m.minutes.points[0].internal_note = "再问一次".into();
        assert!(!m.revised());
    }

    #[test]
    fn a_sent_version_keeps_the_meeting_as_it_printed_it() {
        let mut m = written(meeting(at(8, 2026, 11, 2, 9, 0), at(8, 2026, 11, 2, 10, 0)));
        m.place = "宝马大厦 3 楼".into();
        let to = m.client_recipients();
        assert_eq!(m.send(stamp(at(8, 2026, 11, 2, 12, 0)), to.clone()), Ok(1));
        assert!(!m.revised());
        assert_eq!(m.sent[0].facts, None, "nothing corrected: nothing copied");
        // Editing the minutes alone copies nothing either.
        let stored = m.clone();
        m.minutes.points[0].solution = "周四前出两稿".into();
        m.keep_sent(&stored);
        assert_eq!(m.sent[0].facts, None);
        // The time and the room were wrong in v1; correcting them is a revision.
        let stored = m.clone();
        m.place = "宝马大厦 5 楼".into();
        m.end = at(8, 2026, 11, 2, 10, 30);
        m.attendees[0].title = "品牌总监".into();
        m.sent.clear(); // a form's copy never replaces the versions sent
        m.keep_sent(&stored);
        assert_eq!(m.sent.len(), 1);
        assert!(m.revised());
        assert_eq!(m.send(stamp(at(8, 2026, 11, 2, 15, 0)), to), Ok(2));
        let v1 = m.as_sent(&m.sent[0]);
        assert_eq!(v1.place, "宝马大厦 3 楼");
        assert_eq!(v1.end, at(8, 2026, 11, 2, 10, 0));
        assert_eq!(v1.attendees[0].title, "品牌经理");
        let v2 = m.as_sent(&m.sent[1]);
        assert_eq!((v2.place.as_str(), v2.end), ("宝马大厦 5 楼", m.end));
        // A second correction keeps v1 as it was sent, and v2 as it was sent.
        let stored = m.clone();
        m.place = "宝马大厦 6 楼".into();
        m.keep_sent(&stored);
        assert_eq!(m.as_sent(&m.sent[0]).place, "宝马大厦 3 楼");
        assert_eq!(m.as_sent(&m.sent[1]).place, "宝马大厦 5 楼");
        assert_eq!(m.as_sent(&m.sent[1]).minutes, m.sent[1].minutes);
    }

    #[test]
    fn late_sending_is_recorded() {
        let mut m = written(meeting(at(8, 2026, 11, 2, 9, 0), at(8, 2026, 11, 2, 10, 0)));
        assert_eq!(
            m.send(stamp(at(8, 2026, 11, 3, 10, 1)), vec!["x".into()]),
            Ok(1)
        );
        assert_eq!(m.sent_on_time(), Some(false));
    }

    #[test]
    fn preparation_warning_within_24_hours_with_open_items() {
        let mut m = meeting(at(8, 2026, 11, 28, 10, 0), at(8, 2026, 11, 28, 11, 0));
        assert_eq!(m.prep.len(), 4);
        assert_eq!(m.prep_warning(at(8, 2026, 11, 26, 10, 0)), None);
        assert_eq!(m.prep_warning(at(8, 2026, 11, 27, 10, 0)), Some(4));
        for p in &mut m.prep {
            p.done = true;
        }
        assert_eq!(m.prep_warning(at(8, 2026, 11, 27, 10, 0)), None);
        m.prep[0].done = false;
        assert_eq!(
            m.prep_warning(at(8, 2026, 11, 28, 10, 30)),
            None,
            "already started"
        );
    }

    #[test]
    fn a_phone_call_is_not_asked_for_a_room_projector_or_transport() {
        let start = at(8, 2026, 11, 28, 10, 0);
        let by = stamp(start);
        let call = Meeting::new(MeetingKind::PhoneCall, ClientId(7), start, start, by);
        let kinds: Vec<PrepKind> = call.prep.iter().map(|p| p.kind).collect();
        assert_eq!(kinds, [PrepKind::AgendaSent]);
        assert_eq!(call.prep_warning(at(8, 2026, 11, 27, 12, 0)), Some(1));
        // A call stored with all four items (before checklists followed the kind) is
        // warned about the agenda only.
        let mut old = call.clone();
        old.prep = PrepItem::standard_for(MeetingKind::Meeting);
        assert_eq!(old.prep_warning(at(8, 2026, 11, 27, 12, 0)), Some(1));
        let video = Meeting::new(MeetingKind::VideoCall, ClientId(7), start, start, by);
        assert_eq!(video.prep.len(), 2);
        let visit = Meeting::new(MeetingKind::SiteVisit, ClientId(7), start, start, by);
        assert!(visit.prep.iter().all(|p| p.kind != PrepKind::Room));
    }

    #[test]
    fn validation_trims_keeps_blank_lines_and_refuses_bad_input() {
        let mut m = written(meeting(at(8, 2026, 11, 2, 9, 0), at(8, 2026, 11, 2, 10, 0)));
        m.title = "  提案会 ".into();
        m.minutes.points.push(Point::default());
        m.minutes.actions.push(ActionItem::new(" "));
        let ok = m.clone().validated();
        assert!(ok.as_ref().is_ok_and(|v| v.title == "提案会"
            && v.minutes.points.len() == 2
            && v.minutes.for_client().points.len() == 1
            && v.minutes.for_client().actions.len() == 1));

        let mut bad = m.clone();
        bad.end = bad.start - Duration::minutes(1);
        assert_eq!(bad.validated(), Err(MeetingError::EndBeforeStart));
        let mut bad = m.clone();
        bad.attendees[0].email = "13800138000".into();
        assert_eq!(
            bad.validated(),
            Err(MeetingError::BadEmail("13800138000".into()))
        );
        // A standard item removed is put back; the checklist follows the kind.
        let mut fitted = m.clone();
        fitted.prep.retain(|p| p.kind != PrepKind::AudioVisual);
        let kinds = |m: &Meeting| m.prep.iter().map(|p| p.kind).collect::<Vec<_>>();
        assert_eq!(
            fitted.clone().validated().map(|v| kinds(&v)),
            Ok(PrepKind::STANDARD.to_vec())
        );
        fitted.kind = MeetingKind::PhoneCall;
        assert_eq!(
            fitted.validated().map(|v| kinds(&v)),
            Ok(vec![PrepKind::AgendaSent])
        );
        let mut bad = m.clone();
        bad.title = " ".into();
        assert!(matches!(bad.validated(), Err(MeetingError::Text(_))));
        let mut bad = m;
        bad.agenda = vec![
            AgendaItem {
                title: "x".into(),
                presenter: String::new(),
                minutes: 5,
            };
            MAX_ITEMS + 1
        ];
        assert_eq!(bad.validated(), Err(MeetingError::TooMany("agenda items")));
    }

    #[test]
    fn action_items_reach_their_owner() {
        let mut m = written(meeting(at(8, 2026, 11, 2, 9, 0), at(8, 2026, 11, 2, 10, 0)));
        m.minutes.actions[0].owner_user = Some(UserId(3));
        m.minutes.actions.push(ActionItem {
            owner_user: Some(UserId(3)),
            status: ActionStatus::Done,
            ..ActionItem::new("已完成的")
        });
        assert_eq!(m.open_actions_of(UserId(3)).count(), 1);
        assert_eq!(m.open_actions_of(UserId(4)).count(), 0);
    }
}
