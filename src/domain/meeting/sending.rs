//! Sending the minutes: numbered frozen versions, the client's reply to each, and what the
//! account team should do next about them.

use super::*;

/// The client's answer to a sent version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Reply {
    /// Confirmed and returned (已确认回传).
    Confirmed {
        /// When it came back.
        at: DateTime<Utc>,
        /// Who confirmed, on the client's side.
        by: String,
        /// The signed copy the client returned, once it was filed.
        scan: Option<SignedCopy>,
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

/// The signed copy of a confirmed version, as the reply names it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SignedCopy {
    /// Kept in the desk's file store: opened from there, backed up with the database.
    Stored(FileRef),
    /// A path typed before the desk kept files, whose file was not found when the desk
    /// tried to take it in. Kept as it was typed, never dropped, and shown as outside.
    Outside(String),
}

impl SignedCopy {
    /// What a person recognises the copy by: the file's name, or the path as typed.
    pub fn name(&self) -> &str {
        match self {
            SignedCopy::Stored(file) => &file.original_name,
            SignedCopy::Outside(path) => path,
        }
    }

    /// Checks a path typed by hand (control characters, length); a stored file passes as
    /// it is. An empty path means no copy.
    fn checked(self) -> Result<Option<SignedCopy>, MeetingError> {
        match self {
            SignedCopy::Stored(file) => Ok(Some(SignedCopy::Stored(file))),
            SignedCopy::Outside(path) => {
                let path = path.trim();
                if path.chars().any(char::is_control) {
                    return Err(TextError::ControlChar { field: "scan" }.into());
                }
                let len = path.chars().count();
                if len > MAX_SCAN_PATH_CHARS {
                    return Err(TextError::TooLong {
                        field: "scan",
                        len,
                        max: MAX_SCAN_PATH_CHARS,
                    }
                    .into());
                }
                Ok((!path.is_empty()).then(|| SignedCopy::Outside(path.to_string())))
            }
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

impl Meeting {
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
        scan: Option<SignedCopy>,
    ) -> Result<(), MeetingError> {
        let by = text::required_line("confirmed_by", by)?;
        let scan = match scan {
            Some(copy) => copy.checked()?,
            None => None,
        };
        self.awaiting()?.reply = Some(Reply::Confirmed { at, by, scan });
        Ok(())
    }

    /// The files the replies name in the file store, oldest version first.
    pub fn stored_files(&self) -> impl Iterator<Item = &FileRef> {
        self.sent.iter().filter_map(|s| match &s.reply {
            Some(Reply::Confirmed {
                scan: Some(SignedCopy::Stored(file)),
                ..
            }) => Some(file),
            _ => None,
        })
    }

    /// The versions whose signed copy is a path typed outside the file store, with the path.
    pub fn outside_copies(&self) -> impl Iterator<Item = (u32, &str)> {
        self.sent.iter().filter_map(|s| match &s.reply {
            Some(Reply::Confirmed {
                scan: Some(SignedCopy::Outside(path)),
                ..
            }) => Some((s.version, path.as_str())),
            _ => None,
        })
    }

    /// Replaces the outside path of version `version`'s signed copy by the stored file taken
    /// in from it. False (nothing changed) when that version no longer names that path.
    pub fn adopt_outside_copy(&mut self, version: u32, path: &str, file: FileRef) -> bool {
        let reply = self
            .sent
            .iter_mut()
            .find(|s| s.version == version)
            .and_then(|s| s.reply.as_mut());
        match reply {
            Some(Reply::Confirmed { scan, .. }) => {
                if !matches!(scan, Some(SignedCopy::Outside(p)) if p == path) {
                    return false;
                }
                *scan = Some(SignedCopy::Stored(file));
                true
            }
            _ => false,
        }
    }

    /// Files (or replaces, or with `None` removes) the signed copy of the latest version,
    /// which the client already confirmed: the copy often comes back days after the
    /// confirmation by phone. Returns the copy it replaced.
    pub fn file_signed_copy(
        &mut self,
        scan: Option<SignedCopy>,
    ) -> Result<Option<SignedCopy>, MeetingError> {
        let scan = match scan {
            Some(copy) => copy.checked()?,
            None => None,
        };
        let last = self.sent.last_mut().ok_or(MeetingError::NotSent)?;
        match &mut last.reply {
            Some(Reply::Confirmed { scan: kept, .. }) => Ok(std::mem::replace(kept, scan)),
            _ => Err(MeetingError::NotConfirmed(last.version)),
        }
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
    pub fn progress(&self) -> MeetingProgress {
        MeetingProgress {
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
}
