//! Planning backward from the launch date (倒排): the last milestone lands on the job's due
//! date and every task is placed as late as the tasks waiting for it allow, on working days.
//! Tasks already started or done keep their dates. The result is a preview ([`Backward`]):
//! nothing changes until the person accepts it, and a plan that cannot fit between today
//! and the due date says by how many working days.

use super::{Schedule, Task, TaskId, TaskStatus};
use crate::domain::calendar::WorkCalendar;
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// A schedule laid out backward from a due date, to show before it is accepted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Backward {
    /// The schedule as it would be.
    pub plan: Schedule,
    /// The tasks whose dates change.
    pub moved: Vec<TaskId>,
    /// Working days missing between today and the due date (0: the plan fits).
    pub missing_days: i64,
    /// The first day of the laid-out plan.
    pub first_day: Option<NaiveDate>,
}

impl Backward {
    /// Whether the plan fits between today and the due date.
    pub fn fits(&self) -> bool {
        self.missing_days == 0
    }
}

/// Whether a task keeps its dates: it has started, is done, or is on hold with progress.
fn is_fixed(t: &Task) -> bool {
    matches!(t.status, TaskStatus::Done | TaskStatus::InProgress)
        || t.actual_start.is_some()
        || t.progress > 0
}

impl Schedule {
    /// Lays the schedule out backward so that it ends on `due` (see the module notes).
    /// Tasks that no task waits for keep their distance in working days from the end of the
    /// plan, so a plan without dependencies keeps its shape; a task others wait for ends the
    /// working day before the earliest of them starts. Phases follow their tasks.
    pub fn plan_backward(&self, due: NaiveDate, today: NaiveDate, cal: &WorkCalendar) -> Backward {
        let mut plan = self.clone();
        let rows: Vec<usize> = (0..plan.tasks.len())
            .filter(|&i| !plan.is_phase(i))
            .collect();
        let old_end = rows.iter().map(|&i| plan.tasks[i].end).max();
        let Some(old_end) = old_end else {
            return Backward {
                plan,
                moved: Vec::new(),
                missing_days: 0,
                first_day: None,
            };
        };
        let index: BTreeMap<TaskId, usize> = plan
            .tasks
            .iter()
            .enumerate()
            .map(|(i, t)| (t.id, i))
            .collect();
        // Who waits for whom, among the rows with dates of their own.
        let mut successors: Vec<Vec<usize>> = vec![Vec::new(); plan.tasks.len()];
        let mut waiting: Vec<usize> = vec![0; plan.tasks.len()];
        for &i in &rows {
            for a in &plan.tasks[i].after {
                if let Some(&p) = index.get(a)
                    && !plan.is_phase(p)
                {
                    successors[p].push(i);
                    waiting[p] += 1;
                }
            }
        }
        let due_working = cal.working_on_or_before(due).unwrap_or(due);
        // Rows are placed once every task waiting for them is placed (a loop, which
        // validation refuses, would leave rows unplaced: they keep their dates).
        let mut ready: Vec<usize> = rows.iter().copied().filter(|&i| waiting[i] == 0).collect();
        let mut placed = vec![false; plan.tasks.len()];
        while let Some(i) = ready.pop() {
            placed[i] = true;
            if !is_fixed(&plan.tasks[i]) {
                let t = &plan.tasks[i];
                let latest = match successors[i].is_empty() {
                    true => {
                        let gap = cal.working_offset(t.end, old_end).max(0);
                        match gap {
                            0 if t.calendar_days || t.milestone => Some(due),
                            _ => cal.add_working_days(due_working, -gap),
                        }
                    }
                    false => successors[i]
                        .iter()
                        .filter_map(|&s| cal.add_working_days(plan.tasks[s].start, -1))
                        .min(),
                };
                if let Some(end) = latest {
                    let end = match t.calendar_days || (t.milestone && end == due) {
                        true => end,
                        false => cal.working_on_or_before(end).unwrap_or(end),
                    };
                    let days = t.duration(cal);
                    if let Some(start) = t.start_for(end, days, cal) {
                        let t = &mut plan.tasks[i];
                        t.start = start;
                        t.end = if t.milestone { start } else { end };
                    }
                }
            }
            for a in plan.tasks[i].after.clone() {
                if let Some(&p) = index.get(&a)
                    && !plan.is_phase(p)
                {
                    waiting[p] -= 1;
                    if waiting[p] == 0 && !placed[p] {
                        ready.push(p);
                    }
                }
            }
        }
        plan.roll_up(cal);
        let first_start = rows
            .iter()
            .filter(|&&i| !is_fixed(&plan.tasks[i]))
            .map(|&i| plan.tasks[i].start)
            .min();
        let earliest = cal.working_on_or_after(today).unwrap_or(today);
        let missing_days = match first_start {
            Some(first) if first < earliest => cal.working_offset(first, earliest).max(1),
            _ => 0,
        };
        let moved = plan
            .tasks
            .iter()
            .zip(&self.tasks)
            .filter(|(new, old)| (new.start, new.end) != (old.start, old.end))
            .map(|(new, _)| new.id)
            .collect();
        let first_day = plan.span().map(|(start, _)| start);
        Backward {
            plan,
            moved,
            missing_days,
            first_day,
        }
    }

    /// Moves the whole plan so that it starts on `start` (onto a working day), keeping
    /// every task's distance and length in working days: a template laid out forward.
    pub fn shifted_to(&self, start: NaiveDate, cal: &WorkCalendar) -> Schedule {
        let mut plan = self.clone();
        let Some((first, _)) = self.span() else {
            return plan;
        };
        let from = cal.working_on_or_after(first).unwrap_or(first);
        let to = cal.working_on_or_after(start).unwrap_or(start);
        let shift = cal.working_offset(from, to);
        for i in 0..plan.tasks.len() {
            if plan.is_phase(i) {
                continue;
            }
            let t = &plan.tasks[i];
            let days = t.duration(cal);
            let begin = cal
                .working_on_or_after(t.start)
                .and_then(|d| cal.add_working_days(d, shift));
            if let Some(begin) = begin
                && let Some(end) = t.end_for(begin, days, cal)
            {
                let t = &mut plan.tasks[i];
                t.start = begin;
                t.end = end;
            }
        }
        plan.roll_up(cal);
        plan
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::schedule::Party;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    /// Brief (2 days) → creative (5) → client approval (2) → production (5) → launch.
    fn chain(start: &str) -> Schedule {
        let cal = WorkCalendar::china();
        let mut s = Schedule::default();
        let mut day = d(start);
        for (id, name, days) in [
            (1, "需求简报", 2),
            (2, "创意提案", 5),
            (3, "客户确认", 2),
            (4, "制作", 5),
            (5, "上市发布", 0),
        ] {
            let mut t = Task::new(TaskId(id), name, day, day, Party::Agency);
            t.milestone = days == 0;
            t.end = t.end_for(day, days, &cal).unwrap();
            if id > 1 {
                t.after.push(TaskId(id - 1));
            }
            day = cal.add_working_days(t.end, 1).unwrap();
            s.tasks.push(t);
        }
        s
    }

    #[test]
    fn the_last_milestone_lands_on_the_due_date_and_everything_as_late_as_it_can() {
        let cal = WorkCalendar::china();
        let s = chain("2026-11-02");
        let b = s.plan_backward(d("2026-11-30"), d("2026-11-02"), &cal);
        assert!(b.fits());
        let t = |id: u32| {
            let t = b.plan.task(TaskId(id)).unwrap();
            (t.start, t.end)
        };
        assert_eq!(t(5), (d("2026-11-30"), d("2026-11-30")));
        // Production: the 5 working days before Monday 30 Nov: 23–27 Nov.
        assert_eq!(t(4), (d("2026-11-23"), d("2026-11-27")));
        assert_eq!(t(3), (d("2026-11-19"), d("2026-11-20")));
        assert_eq!(t(2), (d("2026-11-12"), d("2026-11-18")));
        assert_eq!(t(1), (d("2026-11-10"), d("2026-11-11")));
        assert_eq!(b.first_day, Some(d("2026-11-10")));
        assert_eq!(b.moved.len(), 5);
        assert_eq!(b.plan.validate(), Ok(()));
        assert!(b.plan.conflicts().is_empty());
        // Durations are kept.
        for (new, old) in b.plan.tasks.iter().zip(&s.tasks) {
            assert_eq!(new.duration(&cal), old.duration(&cal), "{}", new.name);
        }
    }

    #[test]
    fn a_plan_that_cannot_fit_says_how_many_working_days_are_missing() {
        let cal = WorkCalendar::china();
        let s = chain("2026-11-02");
        // 14 working days of work before a launch on Fri 4 Dec, planned on Wed 25 Nov:
        // the work would have to start on Mon 16 Nov, 7 working days before the 25th.
        let b = s.plan_backward(d("2026-12-04"), d("2026-11-25"), &cal);
        assert!(!b.fits());
        assert_eq!(b.missing_days, 7);
        assert_eq!(b.first_day, Some(d("2026-11-16")));
    }

    #[test]
    fn started_tasks_keep_their_dates_and_spring_festival_is_skipped() {
        let cal = WorkCalendar::china();
        let mut s = chain("2026-01-05");
        s.tasks[0].status = TaskStatus::Done;
        s.tasks[0].progress = 100;
        let brief = (s.tasks[0].start, s.tasks[0].end);
        // Launch on Wed 4 March 2026; production (5 working days) before it runs across
        // the holiday (15–23 Feb off, Sat 28 Feb worked): 26, 27, 28 Feb, 2, 3 March.
        let b = s.plan_backward(d("2026-03-04"), d("2026-01-05"), &cal);
        assert!(b.fits());
        let production = b.plan.task(TaskId(4)).unwrap();
        assert_eq!(
            (production.start, production.end),
            (d("2026-02-26"), d("2026-03-03"))
        );
        assert_eq!(production.duration(&cal), 5);
        let done = b.plan.task(TaskId(1)).unwrap();
        assert_eq!((done.start, done.end), brief);
        assert!(!b.moved.contains(&TaskId(1)));
    }

    #[test]
    fn tasks_nobody_waits_for_keep_their_distance_from_the_end() {
        let cal = WorkCalendar::china();
        let mut s = chain("2026-11-02");
        for t in &mut s.tasks {
            t.after.clear();
        }
        let b = s.plan_backward(d("2026-11-30"), d("2026-11-02"), &cal);
        // Without dependencies the plan keeps its shape: it is moved, not squeezed.
        for (new, old) in b.plan.tasks.iter().zip(&s.tasks) {
            let old_gap = cal.working_offset(old.end, s.span().unwrap().1);
            let new_gap = cal.working_offset(new.end, d("2026-11-30"));
            assert_eq!(old_gap, new_gap, "{}", new.name);
        }
    }

    #[test]
    fn shifting_keeps_lengths_in_working_days() {
        let cal = WorkCalendar::china();
        let s = chain("2026-11-02");
        let moved = s.shifted_to(d("2026-09-28"), &cal);
        assert_eq!(moved.tasks[0].start, d("2026-09-28"));
        for (new, old) in moved.tasks.iter().zip(&s.tasks) {
            assert_eq!(new.duration(&cal), old.duration(&cal), "{}", new.name);
        }
        assert!(moved.conflicts().is_empty());
    }
}
