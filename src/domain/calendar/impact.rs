//! What a changed calendar does to a schedule. Importing a year's notice turns working days
//! into days off (春节 of a year that counted weekends only) and weekends into working days
//! (调休上班); a task across those days keeps its dates but no longer has the working days it
//! was planned with. Nothing moves by itself: [`affected_tasks`] lists the tasks concerned,
//! and [`relay`] lays them out again when the person asks, each keeping its length in working
//! days with its end (and everything after it) moved, as [`Schedule::set_end`] moves them.

use super::WorkCalendar;
use crate::domain::schedule::{Schedule, ScheduleError, TaskId};
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// Days looked at in one task at most (ten years): a task's dates are typed by people.
const MAX_TASK_DAYS: usize = 3660;

/// A task that covers days whose kind changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskImpact {
    /// The task.
    pub task: TaskId,
    /// Its name, for the list.
    pub name: String,
    /// Its first planned day.
    pub start: NaiveDate,
    /// Its last planned day.
    pub end: NaiveDate,
    /// Days of the task that were working days and are now off.
    pub new_days_off: Vec<NaiveDate>,
    /// Days of the task that were off and are now working days.
    pub new_working_days: Vec<NaiveDate>,
    /// Its working days under the old calendar.
    pub working_days_before: i64,
    /// Its working days under the new calendar (same dates).
    pub working_days_after: i64,
}

/// The tasks of `schedule` that cover a day whose kind differs between `old` and `new`, in
/// the schedule's order.
pub fn affected_tasks(
    schedule: &Schedule,
    old: &WorkCalendar,
    new: &WorkCalendar,
) -> Vec<TaskImpact> {
    let mut out = Vec::new();
    for (i, t) in schedule.tasks.iter().enumerate() {
        // Calendar-day tasks do not depend on working days; a phase follows its tasks.
        if t.calendar_days || schedule.is_phase(i) {
            continue;
        }
        let mut new_days_off = Vec::new();
        let mut new_working_days = Vec::new();
        let days = t
            .start
            .iter_days()
            .take_while(|d| *d <= t.end)
            .take(MAX_TASK_DAYS);
        for d in days {
            match (old.is_working(d), new.is_working(d)) {
                (true, false) => new_days_off.push(d),
                (false, true) => new_working_days.push(d),
                _ => {}
            }
        }
        if new_days_off.is_empty() && new_working_days.is_empty() {
            continue;
        }
        out.push(TaskImpact {
            task: t.id,
            name: t.name.clone(),
            start: t.start,
            end: t.end,
            new_days_off,
            new_working_days,
            working_days_before: old.working_days(t.start, t.end),
            working_days_after: new.working_days(t.start, t.end),
        });
    }
    out
}

/// A schedule laid out again on a new calendar.
#[derive(Debug, Clone, PartialEq)]
pub struct Relaid {
    /// The schedule with the new dates.
    pub schedule: Schedule,
    /// The tasks whose dates changed, in the schedule's order.
    pub moved: Vec<TaskId>,
}

/// Lays `schedule` out again on `new`: every task keeps the working days it had on `old`
/// and its start; its end moves to where those working days end on `new`, and the tasks
/// that wait for it move by as many working days ([`Schedule::set_end`]). Tasks are taken in
/// order of their start, so a task is re-laid after the tasks it waits for have moved it.
pub fn relay(
    schedule: &Schedule,
    old: &WorkCalendar,
    new: &WorkCalendar,
) -> Result<Relaid, ScheduleError> {
    let planned: BTreeMap<TaskId, i64> = schedule
        .tasks
        .iter()
        .map(|t| (t.id, old.working_days(t.start, t.end)))
        .collect();
    let mut plan = schedule.clone();
    // Each pass fixes every task in start order; a later fix only moves the tasks after it
    // by whole working days, which keeps their length, so one pass normally suffices. The
    // bound keeps a schedule whose dependencies contradict its dates from looping.
    for _ in 0..=schedule.tasks.len() {
        let mut order: Vec<(NaiveDate, usize, TaskId)> = plan
            .tasks
            .iter()
            .enumerate()
            .map(|(i, t)| (t.start, i, t.id))
            .collect();
        order.sort_unstable();
        let mut changed = false;
        for (_, _, id) in order {
            let Some(task) = plan.task(id) else { continue };
            // A task counting calendar days keeps its dates; a phase follows its tasks.
            if task.calendar_days || plan.is_phase_task(id) {
                continue;
            }
            let want = planned.get(&id).copied().unwrap_or(0);
            if want == 0 || new.working_days(task.start, task.end) == want {
                continue;
            }
            let first = new
                .working_on_or_after(task.start)
                .ok_or(ScheduleError::NoWorkingDay(task.start))?;
            let end = new
                .add_working_days(first, want - 1)
                .ok_or(ScheduleError::NoWorkingDay(first))?;
            if end != task.end {
                plan.set_end(id, end, new)?;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    plan.roll_up(new);
    let moved = schedule
        .tasks
        .iter()
        .filter(|t| {
            plan.task(t.id)
                .is_some_and(|n| (n.start, n.end) != (t.start, t.end))
        })
        .map(|t| t.id)
        .collect();
    Ok(Relaid {
        schedule: plan,
        moved,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::calendar::SpecialDay;
    use crate::domain::schedule::{Party, Task};

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn off(name: &str) -> SpecialDay {
        SpecialDay {
            working: false,
            name: name.into(),
        }
    }

    /// 2030 has no built-in notice: weekends only. The "notice" gives Monday 4 to Friday 8
    /// February off and makes Saturday 16 February a working day.
    fn calendars() -> (WorkCalendar, WorkCalendar) {
        let old = WorkCalendar::china();
        let mut days: Vec<(NaiveDate, SpecialDay)> = d("2030-02-04")
            .iter_days()
            .take(5)
            .map(|day| (day, off("春节")))
            .collect();
        days.push((
            d("2030-02-16"),
            SpecialDay {
                working: true,
                name: "春节".into(),
            },
        ));
        let new = old.clone().with_agency_days(days);
        (old, new)
    }

    fn plan() -> Schedule {
        let mut s = Schedule {
            tasks: vec![
                // 5 working days over the holiday week.
                Task::new(
                    TaskId(1),
                    "创意提案",
                    d("2030-02-04"),
                    d("2030-02-08"),
                    Party::Agency,
                ),
                // Waits for it: Monday 11 to Friday 22 (10 working days), across the worked
                // Saturday the 16th.
                Task::new(
                    TaskId(2),
                    "客户确认",
                    d("2030-02-11"),
                    d("2030-02-22"),
                    Party::Client,
                ),
                // Untouched: March.
                Task::new(
                    TaskId(3),
                    "执行",
                    d("2030-03-04"),
                    d("2030-03-08"),
                    Party::Agency,
                ),
            ],
        };
        s.add_dependency(TaskId(2), TaskId(1)).unwrap();
        s
    }

    #[test]
    fn the_tasks_across_changed_days_are_listed_with_those_days() {
        let (old, new) = calendars();
        let found = affected_tasks(&plan(), &old, &new);
        assert_eq!(found.len(), 2, "{found:?}");
        assert_eq!(found[0].task, TaskId(1));
        assert_eq!(found[0].new_days_off.len(), 5);
        assert_eq!(
            (found[0].working_days_before, found[0].working_days_after),
            (5, 0)
        );
        assert_eq!(found[1].task, TaskId(2));
        assert_eq!(found[1].new_working_days, vec![d("2030-02-16")]);
        assert_eq!(
            (found[1].working_days_before, found[1].working_days_after),
            (10, 11)
        );
        assert!(affected_tasks(&plan(), &old, &old).is_empty());
    }

    #[test]
    fn relaying_keeps_working_days_and_moves_the_tasks_after() {
        let (old, new) = calendars();
        let relaid = relay(&plan(), &old, &new).unwrap();
        let s = &relaid.schedule;
        let t1 = s.task(TaskId(1)).unwrap();
        // Its start stays; 5 working days after the holiday week end on Friday the 15th.
        assert_eq!((t1.start, t1.end), (d("2030-02-04"), d("2030-02-15")));
        assert_eq!(new.working_days(t1.start, t1.end), 5);
        // The dependent moved by 5 working days and keeps its 10 working days on the new
        // calendar (the worked Saturday counts).
        let t2 = s.task(TaskId(2)).unwrap();
        assert_eq!(new.working_days(t2.start, t2.end), 10);
        assert!(t2.start > t1.end);
        let t3 = s.task(TaskId(3)).unwrap();
        assert_eq!((t3.start, t3.end), (d("2030-03-04"), d("2030-03-08")));
        assert_eq!(relaid.moved, vec![TaskId(1), TaskId(2)]);
        // Nothing changes on the same calendar.
        let same = relay(&plan(), &old, &old).unwrap();
        assert_eq!(same.schedule, plan());
        assert!(same.moved.is_empty());
    }

    #[test]
    fn a_task_that_gained_a_working_day_ends_earlier() {
        let (old, new) = calendars();
        let s = Schedule {
            tasks: vec![Task::new(
                TaskId(1),
                "制作",
                d("2030-02-11"),
                d("2030-02-22"),
                Party::Vendor,
            )],
        };
        let relaid = relay(&s, &old, &new).unwrap();
        let t = relaid.schedule.task(TaskId(1)).unwrap();
        assert_eq!(
            t.end,
            d("2030-02-21"),
            "the worked Saturday gives a day back"
        );
    }
}
