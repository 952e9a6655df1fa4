//! What lists need of a meeting: a small head kept for every meeting in the snapshot the
//! screens draw from, so a decade's 40,000 meetings cost a few megabytes, not hundreds. The
//! meeting's page reads the whole record from the store.

use super::{
    ActionItem, ActionStatus, DUE_SOON_HOURS, FollowUp, Meeting, MeetingKind, MinutesState,
    PREP_WARNING_HOURS, UNCONFIRMED_AFTER_DAYS, due_after,
};
use crate::domain::{ClientId, JobId, MeetingId, UserId};
use chrono::{DateTime, Duration, Utc};

/// Where a meeting and its minutes stand, in the few facts the 24-hour clock needs. The
/// follow-up rules live here, so a [`Meeting`] and its [`MeetingSummary`] always agree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MeetingProgress {
    /// When the meeting starts.
    pub start: DateTime<Utc>,
    /// When it ends.
    pub end: DateTime<Utc>,
    /// Where the minutes stand.
    pub state: MinutesState,
    /// When the latest version went out, if one did.
    pub last_sent: Option<DateTime<Utc>>,
    /// The version the next sending will carry.
    pub next_version: u32,
    /// Preparation items not done.
    pub open_prep: usize,
}

impl MeetingProgress {
    /// When the minutes are due: 24 hours after the meeting ends.
    pub fn minutes_due(&self) -> DateTime<Utc> {
        due_after(self.end)
    }

    /// What the team should do about the minutes at `now`.
    pub fn follow_up(&self, now: DateTime<Utc>) -> FollowUp {
        let due = self.minutes_due();
        match self.state {
            MinutesState::Confirmed => FollowUp::Confirmed,
            MinutesState::Disputed => FollowUp::Disputed,
            MinutesState::Sent | MinutesState::Notified => {
                let sent = self.last_sent.unwrap_or(now);
                let days = (now - sent).num_days();
                if days >= UNCONFIRMED_AFTER_DAYS {
                    FollowUp::Unconfirmed { days }
                } else {
                    FollowUp::Awaiting { sent }
                }
            }
            MinutesState::Draft if now < self.end => FollowUp::Upcoming,
            MinutesState::Draft if now > due => FollowUp::Overdue { due },
            MinutesState::Draft if due - now <= Duration::hours(DUE_SOON_HOURS) => {
                FollowUp::DueSoon { due }
            }
            MinutesState::Draft => FollowUp::Writing { due },
        }
    }

    /// Preparation items still open when the meeting starts within
    /// [`PREP_WARNING_HOURS`] of `now` (`None` when there is nothing to warn about).
    pub fn prep_warning(&self, now: DateTime<Utc>) -> Option<usize> {
        let soon = now < self.start && self.start - now <= Duration::hours(PREP_WARNING_HOURS);
        (soon && self.open_prep > 0).then_some(self.open_prep)
    }
}

/// A meeting as lists, strips and to-do lists show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingSummary {
    /// Its id.
    pub id: MeetingId,
    /// Meeting, call, video call or visit.
    pub kind: MeetingKind,
    /// What it is about.
    pub title: String,
    /// The client.
    pub client_id: ClientId,
    /// The jobs it concerns.
    pub jobs: Vec<JobId>,
    /// Where it and its minutes stand.
    pub progress: MeetingProgress,
    /// The open actions of its minutes that say what is to be done.
    pub open_actions: Vec<ActionItem>,
}

impl MeetingSummary {
    /// When it starts.
    pub fn start(&self) -> DateTime<Utc> {
        self.progress.start
    }

    /// When it ends.
    pub fn end(&self) -> DateTime<Utc> {
        self.progress.end
    }

    /// When the minutes are due.
    pub fn minutes_due(&self) -> DateTime<Utc> {
        self.progress.minutes_due()
    }

    /// What the team should do about the minutes at `now`.
    pub fn follow_up(&self, now: DateTime<Utc>) -> FollowUp {
        self.progress.follow_up(now)
    }

    /// Open preparation items when the meeting is close (see [`MeetingProgress::prep_warning`]).
    pub fn prep_warning(&self, now: DateTime<Utc>) -> Option<usize> {
        self.progress.prep_warning(now)
    }

    /// How urgently the meeting needs someone at `now`, most urgent first: 0 minutes
    /// overdue, 1 disputed, 2 due soon, 3 unconfirmed for days, 4 preparation open a day
    /// before; `None` when it needs no one. The strip lists these, the navigation counts them.
    pub fn attention_rank(&self, now: DateTime<Utc>) -> Option<u8> {
        match self.follow_up(now) {
            FollowUp::Overdue { .. } => Some(0),
            FollowUp::Disputed => Some(1),
            FollowUp::DueSoon { .. } => Some(2),
            FollowUp::Unconfirmed { .. } => Some(3),
            _ if self.prep_warning(now).is_some() => Some(4),
            _ => None,
        }
    }

    /// Open actions with `user` as the agency owner, for that person's to-do list.
    pub fn open_actions_of(&self, user: UserId) -> impl Iterator<Item = &ActionItem> {
        self.open_actions
            .iter()
            .filter(move |a| a.owner_user == Some(user))
    }
}

impl From<&Meeting> for MeetingSummary {
    fn from(m: &Meeting) -> MeetingSummary {
        MeetingSummary {
            id: m.id,
            kind: m.kind,
            title: m.title.clone(),
            client_id: m.client_id,
            jobs: m.jobs.clone(),
            progress: m.progress(),
            open_actions: m
                .minutes
                .actions
                .iter()
                .filter(|a| a.status == ActionStatus::Open && !a.what.trim().is_empty())
                .cloned()
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Stamp;
    use chrono::TimeZone;

    fn at(h: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 2, h, 0, 0)
            .single()
            .unwrap_or_default()
    }

    #[test]
    fn the_head_follows_up_as_the_meeting_does() {
        let by = Stamp {
            by: UserId(1),
            at: at(1),
        };
        let mut m = Meeting::new(MeetingKind::PhoneCall, ClientId(1), at(9), at(10), by);
        m.id = MeetingId(4);
        m.title = "报价沟通".into();
        m.minutes.actions.push(ActionItem {
            owner_user: Some(UserId(2)),
            ..ActionItem::new("寄样品")
        });
        m.minutes.actions.push(ActionItem {
            status: ActionStatus::Done,
            owner_user: Some(UserId(2)),
            ..ActionItem::new("订会议室")
        });
        m.minutes.actions.push(ActionItem::new("  "));
        let moments = [
            at(8),
            at(11),
            at(23),
            Utc.with_ymd_and_hms(2026, 3, 4, 0, 0, 0)
                .single()
                .unwrap_or_default(),
        ];
        for now in moments {
            let head = MeetingSummary::from(&m);
            assert_eq!(head.follow_up(now), m.follow_up(now), "{now}");
            assert_eq!(head.prep_warning(now), m.prep_warning(now), "{now}");
        }
        let head = MeetingSummary::from(&m);
        assert_eq!(
            head.prep_warning(at(8)),
            Some(1),
            "a call's one standard item (the agenda) is open"
        );
        let mine: Vec<&str> = head
            .open_actions_of(UserId(2))
            .map(|a| a.what.as_str())
            .collect();
        assert_eq!(mine, ["寄样品"], "done and blank actions stay out");
        assert!(head.open_actions_of(UserId(3)).next().is_none());

        m.minutes.points.push(super::super::Point {
            text: "价格".into(),
            ..Default::default()
        });
        let sent = m.send(
            Stamp {
                by: UserId(1),
                at: at(12),
            },
            vec!["a@b.cn".into()],
        );
        assert_eq!(sent, Ok(1));
        let head = MeetingSummary::from(&m);
        assert_eq!(head.progress.state, MinutesState::Sent);
        assert_eq!(head.progress.next_version, 2);
        assert_eq!(head.follow_up(at(13)), FollowUp::Awaiting { sent: at(12) });
    }
}
