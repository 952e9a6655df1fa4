//! The sample jobs' schedules: planned from a typical agency sequence on the China working
//! calendar (so some cross 春节 and 国庆), issued to the client, kept up to date, and — for
//! one job — re-planned and issued again, so the "changes since v1" list has content.

use crate::domain::calendar::WorkCalendar;
use crate::domain::schedule::{Schedule, TaskStatus, standard_plan};
use chrono::NaiveDate;

/// What happens to a sample job's schedule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Step {
    /// The first plan, made the day the brief is written.
    Plan,
    /// Issued to the client.
    Issue,
    /// Production slips by three working days (one job only).
    Replan,
    /// Progress brought up to date.
    Progress,
    /// The client has not given the approval it owes: it and what follows it run late.
    Slip,
}

/// What the sample team wrote on each task of the standard plan, in its order: who owns it
/// (and whether the owner's name stays internal), the internal note and the client note.
struct Detail {
    owner: &'static str,
    owner_internal: bool,
    internal_note: &'static str,
    client_note: &'static str,
}

const DETAILS: &[Detail] = &[
    Detail {
        owner: "客户执行",
        owner_internal: false,
        internal_note: "",
        client_note: "",
    },
    Detail {
        owner: "总监室",
        owner_internal: true,
        internal_note: "毛利目标不低于 30%；超出预算 10% 须总监室批准。",
        client_note: "",
    },
    Detail {
        owner: "创意部",
        owner_internal: false,
        internal_note: "创意部两组比稿，周三内部过稿。",
        client_note: "提案会议室与时间另行通知。",
    },
    Detail {
        owner: "客户市场部",
        owner_internal: false,
        internal_note: "客户市场总监常出差，提前约时间。",
        client_note: "请于截止日前书面确认，逾期将顺延后续工作。",
    },
    Detail {
        owner: "客户品牌部",
        owner_internal: false,
        internal_note: "",
        client_note: "样品 20 件、最新版品牌规范及法务审核要求。",
    },
    Detail {
        owner: "星光制作 王导",
        owner_internal: true,
        internal_note: "制作公司报价已压至预算内，付款 50% 预付。",
        client_note: "",
    },
    Detail {
        owner: "媒介部",
        owner_internal: false,
        internal_note: "",
        client_note: "",
    },
    Detail {
        owner: "客户市场部",
        owner_internal: false,
        internal_note: "",
        client_note: "修改意见请一次性汇总提供。",
    },
    Detail {
        owner: "客户经理",
        owner_internal: false,
        internal_note: "",
        client_note: "",
    },
    Detail {
        owner: "客户执行",
        owner_internal: false,
        internal_note: "结案后归档至历史档案。",
        client_note: "",
    },
];

/// The first plan of a job whose brief is written on `start`: the standard plan with the
/// sample team's owners and notes.
pub(crate) fn plan(start: NaiveDate, cal: &WorkCalendar) -> Schedule {
    let mut schedule = standard_plan(start, cal);
    for (t, d) in schedule.tasks.iter_mut().zip(DETAILS) {
        t.owner = d.owner.into();
        t.owner_internal = d.owner_internal;
        t.internal_note = d.internal_note.into();
        t.client_note = d.client_note.into();
    }
    schedule
}

/// Production slips three working days, and everything after it with it.
pub(super) fn replan(schedule: &mut Schedule, cal: &WorkCalendar) {
    if let Some(production) = schedule.tasks.iter().find(|t| t.name == "制作") {
        let (id, start) = (production.id, production.start);
        if let Some(later) = cal.add_working_days(start, 3) {
            // The template has no loops and the calendar has working days: cannot fail.
            let _ = schedule.move_task(id, later, cal);
        }
    }
}

/// Brings progress up to `day`: finished tasks done (a day late now and then, as in real
/// life), the current ones in progress with their share of days done.
pub(crate) fn progress(schedule: &mut Schedule, day: NaiveDate, cal: &WorkCalendar) {
    for (i, t) in schedule.tasks.iter_mut().enumerate() {
        if t.end < day {
            t.status = TaskStatus::Done;
            t.progress = 100;
            t.actual_start = Some(t.start);
            t.actual_end = match i % 4 {
                3 => cal.add_working_days(t.end, 1).or(Some(t.end)),
                _ => Some(t.end),
            };
        } else if t.start <= day {
            let total = cal.working_days(t.start, t.end).max(1);
            let done = cal.working_days(t.start, day);
            t.status = TaskStatus::InProgress;
            t.progress = u8::try_from((done * 100 / total).clamp(0, 95)).unwrap_or(50);
            t.actual_start = Some(t.start);
        }
    }
}

/// The first client action that ended before `day` is still open (the client has not
/// answered), so it and everything planned after it are not done: late, as a real job gets.
pub(super) fn slip(schedule: &mut Schedule, day: NaiveDate) {
    let Some(owed) = schedule
        .tasks
        .iter()
        .find(|t| t.client_action && t.end < day)
        .map(|t| (t.id, t.end))
    else {
        return;
    };
    for t in &mut schedule.tasks {
        if t.id == owed.0 {
            t.status = TaskStatus::InProgress;
            t.progress = 50;
            t.actual_end = None;
            t.client_note = "已发送两次提醒，待客户书面确认。".into();
        } else if t.start > owed.1 {
            t.status = TaskStatus::NotStarted;
            t.progress = 0;
            t.actual_start = None;
            t.actual_end = None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn the_template_plans_around_holidays_and_validates() {
        let cal = WorkCalendar::china();
        // A brief written the Friday before National Day 2026.
        let s = plan(d("2026-09-25"), &cal);
        assert_eq!(s.validate(), Ok(()));
        assert!(s.conflicts().is_empty());
        for t in &s.tasks {
            assert!(cal.is_working(t.start) && cal.is_working(t.end), "{t:?}");
        }
        // 简报确认: Friday 25 (a holiday! 中秋 2026 is 25–27 Sep) → starts Monday 28.
        assert_eq!(s.tasks[0].start, d("2026-09-28"));
        assert!(
            s.tasks
                .iter()
                .any(|t| t.start < d("2026-10-01") && t.end > d("2026-10-07"))
        );
        let mut moved = s.clone();
        replan(&mut moved, &cal);
        assert_eq!(
            crate::domain::schedule::diff(&s, &moved).len(),
            4,
            "制作 and the 3 after it"
        );
        progress(&mut moved, d("2026-10-26"), &cal);
        assert_eq!(moved.tasks[0].status, TaskStatus::Done);
        assert!(
            moved
                .tasks
                .iter()
                .any(|t| t.status == TaskStatus::InProgress)
        );
        assert_eq!(moved.validate(), Ok(()));
    }
}
