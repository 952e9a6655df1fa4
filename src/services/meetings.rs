//! Meetings and minutes: saving a meeting as edited (undoable), and the minutes' way to the
//! client — sent, client notified, confirmed or disputed. Each of those records what
//! happened and can be undone at once if it was clicked by mistake.

use super::{
    Base, Ctx, FieldError, KindName, Outcome, RecordKind, Reverse, ServiceError, Snapshot,
    check_ref, done, need,
};
use crate::domain::meeting::{MeetingError, SignedCopy};
use crate::domain::{
    Action, Audit, Client, Contact, ContactId, Job, Meeting, MeetingId, Stamp, Subject, User,
};
use crate::search::DocKind;
use crate::store::{Key, Kind, WriteTx};

impl From<MeetingError> for ServiceError {
    fn from(e: MeetingError) -> Self {
        match e {
            MeetingError::Text(t) => ServiceError::Invalid(FieldError::from(t)),
            other => ServiceError::Meeting(other),
        }
    }
}

/// How a meeting is named in the change log and the undo button: its local date (a
/// 07:00 meeting in Beijing is on that day, not the UTC day before) and subject.
fn summary(m: &Meeting) -> String {
    let day = m.start.with_timezone(&chrono::Local).format("%Y-%m-%d");
    format!("{day} {}", m.title)
}

/// Saves a meeting as edited: a new one when its id is 0. Sent versions are kept as they
/// are in the database, whatever the caller holds.
pub(super) fn save(
    tx: &mut WriteTx,
    ctx: &Ctx,
    meeting: Meeting,
    base: Base,
) -> Result<Outcome, ServiceError> {
    let meeting = meeting.validated()?;
    // The meeting as stored, read once: its attendees and versions sent count below.
    let before: Option<Meeting> = match meeting.id.0 {
        0 => None,
        id => {
            base.check(tx, Kind::Meeting, Key::id(id))?;
            Some(need(tx, "meeting", id)?)
        }
    };
    let attended_before = |id: ContactId| {
        before
            .as_ref()
            .is_some_and(|m| m.attendees.iter().any(|a| a.contact == Some(id)))
    };
    check_ref::<Client>(tx, "client", meeting.client_id.0)?;
    for job in &meeting.jobs {
        let j: Job = check_ref(tx, "job", job.0)?;
        if j.client_id != meeting.client_id {
            return Err(missing("job"));
        }
    }
    for a in &meeting.attendees {
        if let Some(u) = a.user {
            check_ref::<User>(tx, "attendee_name", u.0)?;
        }
        if let Some(id) = a.contact {
            match tx.get::<Contact>(id.0)? {
                Some(c) if c.client_id != meeting.client_id => {
                    return Err(missing("attendee_name"));
                }
                Some(_) => {}
                // A contact deleted since stays at the meetings they attended, by the
                // name and address kept on the attendee: history is not rewritten.
                None if attended_before(id) => {}
                None => return Err(missing("attendee_name")),
            }
        }
    }
    for a in &meeting.minutes.actions {
        if let Some(u) = a.owner_user {
            check_ref::<User>(tx, "action_owner", u.0)?;
        }
    }
    let Some(before) = before else {
        let id = MeetingId(tx.next_id()?);
        let m = Meeting {
            id,
            sent: Vec::new(),
            audit: Audit::new(ctx.stamp()),
            ..meeting
        };
        tx.put(&m)?;
        return Ok(done(
            Subject::Meeting,
            id.0,
            Action::Created,
            summary(&m),
            Some(Reverse::Remove(Subject::Meeting, id.0)),
        ));
    };
    let mut after = Meeting {
        audit: before.audit.touched(ctx.stamp()),
        ..meeting
    };
    after.keep_sent(&before);
    tx.put(&after)?;
    Ok(done(
        Subject::Meeting,
        after.id.0,
        Action::Updated,
        summary(&after),
        Some(Reverse::Restore(Snapshot::Meeting(Box::new(before)))),
    ))
}

fn missing(field: &'static str) -> ServiceError {
    ServiceError::Invalid(FieldError {
        field,
        problem: super::Problem::Missing,
    })
}

/// A step of the minutes' way to the client.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MinutesStep {
    /// Sent to these recipients (the client attendees' addresses, as the email draft had).
    Send(Vec<String>),
    /// The client was told to look at them and reply.
    Notify,
    /// The client confirmed; optionally with the signed copy they returned (a file the app
    /// imported into the file store before applying this step).
    Confirm {
        /// Who confirmed.
        by: String,
        /// The signed copy.
        scan: Option<SignedCopy>,
    },
    /// The signed copy of the confirmed latest version arrived (or was replaced, or with
    /// `None` removed) after the confirmation; undo puts back the one before.
    FileSignedCopy(Option<SignedCopy>),
    /// The client disputed them, with comments.
    Dispute {
        /// Who disputed.
        by: String,
        /// What they want changed.
        comments: String,
    },
}

/// Applies one step of the minutes' way to the client, at `ctx.now`.
pub(super) fn step(
    tx: &mut WriteTx,
    ctx: &Ctx,
    id: MeetingId,
    step: MinutesStep,
) -> Result<Outcome, ServiceError> {
    let before: Meeting = need(tx, "meeting", id.0)?;
    let mut after = before.clone();
    let what = match step {
        MinutesStep::Send(to) => {
            let v = after.send(ctx.stamp(), to)?;
            format!(" v{v} 已发送")
        }
        MinutesStep::Notify => {
            after.notify(ctx.now)?;
            "已通知客户".to_string()
        }
        MinutesStep::Confirm { by, scan } => {
            after.confirm(ctx.now, &by, scan)?;
            "客户已确认".to_string()
        }
        MinutesStep::FileSignedCopy(scan) => {
            let filed = scan.is_some();
            after.file_signed_copy(scan)?;
            if filed {
                "回传件已归档".to_string()
            } else {
                "回传件已移除".to_string()
            }
        }
        MinutesStep::Dispute { by, comments } => {
            after.dispute(ctx.now, &by, &comments)?;
            "客户有异议".to_string()
        }
    };
    after.audit = before.audit.touched(ctx.stamp());
    tx.put(&after)?;
    Ok(done(
        Subject::Meeting,
        id.0,
        Action::Updated,
        format!("{} 会议记录{what}", summary(&after)),
        Some(Reverse::Restore(Snapshot::Meeting(Box::new(before)))),
    ))
}

/// Deletes a meeting; undo puts it back. Refused once minutes were sent: the client holds
/// them.
pub(super) fn delete(tx: &mut WriteTx, id: MeetingId) -> Result<Outcome, ServiceError> {
    let before: Meeting = need(tx, "meeting", id.0)?;
    if before.in_use(tx)? {
        return Err(ServiceError::InUse(before.title));
    }
    tx.delete::<Meeting>(id.0)?;
    Ok(done(
        Subject::Meeting,
        id.0,
        Action::Deleted,
        summary(&before),
        Some(Reverse::Restore(Snapshot::Meeting(Box::new(before)))),
    ))
}

impl RecordKind for Meeting {
    const SUBJECT: Subject = Subject::Meeting;
    const NAME: KindName = KindName {
        zh: "会议",
        en: "Meeting",
    };
    const SEARCH: Option<DocKind> = Some(DocKind::Meeting);

    fn id(&self) -> u64 {
        self.id.0
    }

    fn summary(&self) -> String {
        summary(self)
    }

    fn restored(self, stamp: Stamp) -> Self {
        Meeting {
            audit: self.audit.touched(stamp),
            ..self
        }
    }

    fn check_refs(&self, tx: &WriteTx) -> Result<(), ServiceError> {
        check_ref::<Client>(tx, "client", self.client_id.0).map(drop)
    }

    /// Sent minutes are the client's record: the meeting stays.
    fn in_use(&self, _tx: &WriteTx) -> Result<bool, ServiceError> {
        Ok(!self.sent.is_empty())
    }
}
