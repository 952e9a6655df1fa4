//! The standard plan of an agency job: brief, internal budget check, creative, client
//! approval and materials, production, media, client review, delivery, wrap-up — a start
//! people adjust rather than a blank page.

use super::{Party, Schedule, Task, TaskId};
use crate::domain::calendar::WorkCalendar;
use chrono::NaiveDate;

/// One task of the standard plan and how it hangs on the tasks before it.
struct Stage {
    name: &'static str,
    /// Working days; 0 is a milestone.
    days: i64,
    party: Party,
    /// Shown on the client's copy of the schedule.
    visible: bool,
    /// The client owes something here.
    action: bool,
    /// Index of the predecessor in [`STAGES`] (`None`: the start).
    after: Option<usize>,
}

/// The stages, in order; each `after` points to an earlier one.
const STAGES: &[Stage] = &[
    Stage {
        name: "简报确认",
        days: 2,
        party: Party::Agency,
        visible: true,
        action: false,
        after: None,
    },
    Stage {
        name: "内部预算审核（总监室二审）",
        days: 1,
        party: Party::Agency,
        visible: false,
        action: false,
        after: Some(0),
    },
    Stage {
        name: "创意提案",
        days: 5,
        party: Party::Agency,
        visible: true,
        action: false,
        after: Some(0),
    },
    Stage {
        name: "客户确认创意方向",
        days: 2,
        party: Party::Client,
        visible: true,
        action: true,
        after: Some(2),
    },
    Stage {
        name: "客户提供产品样品及品牌素材",
        days: 3,
        party: Party::Client,
        visible: true,
        action: true,
        after: Some(3),
    },
    Stage {
        name: "制作",
        days: 10,
        party: Party::Vendor,
        visible: true,
        action: false,
        after: Some(4),
    },
    Stage {
        name: "媒体排期确认",
        days: 2,
        party: Party::Media,
        visible: true,
        action: false,
        after: Some(3),
    },
    Stage {
        name: "客户审片 / 审稿",
        days: 2,
        party: Party::Client,
        visible: true,
        action: true,
        after: Some(5),
    },
    Stage {
        name: "交付上线",
        days: 0,
        party: Party::Agency,
        visible: true,
        action: false,
        after: Some(7),
    },
    Stage {
        name: "效果追踪与结案报告",
        days: 10,
        party: Party::Agency,
        visible: true,
        action: false,
        after: Some(8),
    },
];

/// The standard plan of a job whose brief is written on `start`, on `cal`'s working days:
/// task `i + 1` is stage `i`, starting the working day after its predecessor ends. Owners
/// and notes are left empty for the team to fill in.
pub fn standard_plan(start: NaiveDate, cal: &WorkCalendar) -> Schedule {
    let mut tasks: Vec<Task> = Vec::with_capacity(STAGES.len());
    for (i, s) in STAGES.iter().enumerate() {
        let begin = match s.after.and_then(|a| tasks.get(a)) {
            Some(before) => cal.add_working_days(before.end, 1),
            None => cal.working_on_or_after(start),
        }
        .unwrap_or(start);
        let end = match s.days {
            0 => begin,
            n => cal.add_working_days(begin, n - 1).unwrap_or(begin),
        };
        let id = TaskId(i as u32 + 1);
        let mut t = Task::new(id, s.name, begin, end, s.party);
        t.milestone = s.days == 0;
        t.client_visible = s.visible;
        t.client_action = s.action;
        t.after = s
            .after
            .map(|a| vec![TaskId(a as u32 + 1)])
            .unwrap_or_default();
        tasks.push(t);
    }
    Schedule { tasks }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
    }

    #[test]
    fn every_task_starts_after_its_predecessor_on_a_working_day() {
        let cal = WorkCalendar::default();
        // A Saturday: the brief starts on the Monday.
        let plan = standard_plan(day(2026, 3, 7), &cal);
        assert_eq!(plan.tasks.len(), STAGES.len());
        assert_eq!(plan.tasks[0].start, day(2026, 3, 9));
        for t in &plan.tasks {
            assert!(cal.is_working(t.start), "{} starts on {}", t.name, t.start);
            for before in &t.after {
                let p = plan.tasks.iter().find(|p| p.id == *before);
                assert!(p.is_some_and(|p| p.end < t.start), "{} overlaps", t.name);
            }
            assert!(t.owner.is_empty() && t.internal_note.is_empty());
        }
        let delivery = plan.tasks.iter().find(|t| t.name == "交付上线");
        assert!(delivery.is_some_and(|t| t.milestone && t.start == t.end));
    }
}
