//! A job's schedule (工作进度表, handbook duty 10): tasks and milestones with planned and
//! actual dates, who owns them, finish-to-start dependencies, and what the client must do
//! (客户配合事项). One schedule serves two readers: the agency sees everything, the client
//! view ([`Schedule::client_view`]) never shows internal-only tasks, internal notes or names
//! marked internal.
//!
//! Durations are working days of a [`WorkCalendar`]; moving a task moves everything that
//! depends on it by the same number of working days, so the plan keeps its shape across
//! weekends and holidays. A dependent that starts before its predecessor ends is reported
//! ([`Schedule::conflicts`]), never silently fixed.

use crate::domain::calendar::WorkCalendar;
use crate::domain::{Audit, JobId, Stamp};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use thiserror::Error;

mod edit;
mod paste;
mod plan;

pub use edit::NewRow;
pub use paste::{PasteError, PasteProblem, tasks_from_paste};
pub use plan::Backward;

/// A task's number within its schedule (stable: issued versions are compared by it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct TaskId(pub u32);

/// Who does the work.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Party {
    /// The agency (本公司).
    Agency,
    /// The client (客户).
    Client,
    /// A vendor or production house (制作公司/供应商).
    Vendor,
    /// Media (媒体).
    Media,
}

impl Party {
    /// All parties in the order they are offered.
    pub const ALL: [Party; 4] = [Party::Agency, Party::Client, Party::Vendor, Party::Media];
}

/// Where a task stands, as set by people. [`Task::status_on`] adds "late".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum TaskStatus {
    /// Not started (未开始).
    NotStarted,
    /// In progress (进行中).
    InProgress,
    /// Done (已完成).
    Done,
    /// Late (已延误): past its planned end and not done.
    Late,
    /// On hold (暂停).
    OnHold,
}

/// A task or a milestone of a schedule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Task {
    /// Its number in the schedule.
    pub id: TaskId,
    /// What is done, e.g. 创意提案.
    pub name: String,
    /// A milestone is a moment (start = end), drawn as a diamond.
    pub milestone: bool,
    /// Planned first day.
    pub start: NaiveDate,
    /// Planned last day (included).
    pub end: NaiveDate,
    /// When it really started.
    pub actual_start: Option<NaiveDate>,
    /// When it really finished.
    pub actual_end: Option<NaiveDate>,
    /// Progress, 0–100.
    pub progress: u8,
    /// Who does it.
    pub party: Party,
    /// The person responsible, as people call them.
    pub owner: String,
    /// The owner's name is internal: the client view shows only the party.
    pub owner_internal: bool,
    /// Finish-to-start predecessors.
    pub after: Vec<TaskId>,
    /// Status as set by people.
    pub status: TaskStatus,
    /// Shown to the client (对客). Internal-only tasks never leave the agency.
    pub client_visible: bool,
    /// Something the client owes: an approval, materials, feedback (客户配合事项).
    pub client_action: bool,
    /// Note for the agency only; never client-visible.
    pub internal_note: String,
    /// Note printed for the client.
    pub client_note: String,
    /// 0 for a row of its own (or a phase), 1 for a task inside the phase above it: one
    /// level of grouping (策划 / 创意 / 制作 / 媒介 / 执行 with their tasks).
    pub level: u8,
    /// Counts calendar days rather than working days: media flights and weekend events run
    /// through weekends and holidays.
    pub calendar_days: bool,
}

impl Task {
    /// A task of `party` from `start` to `end`, visible to the client, not started.
    pub fn new(id: TaskId, name: &str, start: NaiveDate, end: NaiveDate, party: Party) -> Task {
        Task {
            id,
            name: name.to_string(),
            milestone: false,
            start,
            end: end.max(start),
            actual_start: None,
            actual_end: None,
            progress: 0,
            party,
            owner: String::new(),
            owner_internal: false,
            after: Vec::new(),
            status: TaskStatus::NotStarted,
            client_visible: true,
            client_action: party == Party::Client,
            internal_note: String::new(),
            client_note: String::new(),
            level: 0,
            calendar_days: false,
        }
    }

    /// The status on `today`: late when past its planned end and not done (or on hold).
    pub fn status_on(&self, today: NaiveDate) -> TaskStatus {
        match self.status {
            TaskStatus::Done | TaskStatus::OnHold => self.status,
            _ if self.end < today => TaskStatus::Late,
            s => s,
        }
    }

    /// Whether it is at risk on `today`: not done, and less done than the share of its
    /// working days already past (less than half done with its end within two working days).
    pub fn at_risk(&self, today: NaiveDate, cal: &WorkCalendar) -> bool {
        if self.status == TaskStatus::Done
            || self.milestone
            || today < self.start
            || today > self.end
        {
            return false;
        }
        let total = cal.working_days(self.start, self.end).max(1);
        let gone = cal.working_days(self.start, today);
        let expected = gone * 100 / total;
        i64::from(self.progress) + 25 < expected
    }

    /// Planned length in working days (a milestone: 0).
    pub fn working_days(&self, cal: &WorkCalendar) -> i64 {
        match self.milestone {
            true => 0,
            false => cal.working_days(self.start, self.end),
        }
    }

    /// Planned length in the days it counts: working days, or calendar days for a task that
    /// runs through weekends and holidays (a milestone: 0).
    pub fn duration(&self, cal: &WorkCalendar) -> i64 {
        match (self.milestone, self.calendar_days) {
            (true, _) => 0,
            (false, true) => (self.end - self.start).num_days() + 1,
            (false, false) => cal.working_days(self.start, self.end),
        }
    }

    /// The last day of a task of `days` days (at least 1) starting on `start`, counted the
    /// way this task counts them.
    pub fn end_for(&self, start: NaiveDate, days: i64, cal: &WorkCalendar) -> Option<NaiveDate> {
        if self.milestone {
            return Some(start);
        }
        let days = days.max(1);
        match self.calendar_days {
            true => start.checked_add_signed(chrono::Duration::days(days - 1)),
            false => cal.add_working_days(cal.working_on_or_after(start)?, days - 1),
        }
    }

    /// The first day of a task of `days` days (at least 1) ending on `end`.
    pub fn start_for(&self, end: NaiveDate, days: i64, cal: &WorkCalendar) -> Option<NaiveDate> {
        if self.milestone {
            return Some(end);
        }
        let days = days.max(1);
        match self.calendar_days {
            true => end.checked_sub_signed(chrono::Duration::days(days - 1)),
            false => cal.add_working_days(cal.working_on_or_before(end)?, -(days - 1)),
        }
    }
}

/// Why a change to a schedule was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ScheduleError {
    /// No task has this number.
    #[error("no task {0:?} in this schedule")]
    NoTask(TaskId),
    /// The dependency would make a task wait for itself.
    #[error("task {task:?} cannot wait for {after:?}: that would be a loop")]
    Cycle {
        /// The task that would wait.
        task: TaskId,
        /// The task it would wait for.
        after: TaskId,
    },
    /// The calendar has no working day to land on.
    #[error("no working day found near {0}")]
    NoWorkingDay(NaiveDate),
    /// A row number that is not in the table.
    #[error("there is no row {0}")]
    NoRow(usize),
    /// Something typed where a row number belongs.
    #[error("“{0}” is not a row number")]
    NotARow(String),
    /// The first row has no phase above it to go into.
    #[error("the first row has no row above it to be indented under")]
    NothingAbove,
    /// A phase with tasks cannot go inside another phase (one level of phases).
    #[error("task {0:?} is a phase with tasks; phases cannot be indented")]
    PhaseInPhase(TaskId),
    /// A phase as a predecessor: it has no dates of its own.
    #[error("row {0} is a phase; wait for one of its tasks instead")]
    PhaseAsPredecessor(usize),
}

/// Why a schedule cannot be saved as it is.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ScheduleProblem {
    /// A task without a name.
    #[error("task {0:?} has no name")]
    NoName(TaskId),
    /// A name longer than a line.
    #[error("the name of task {0:?} is too long")]
    NameTooLong(TaskId),
    /// Two tasks with the same number.
    #[error("two tasks are numbered {0:?}")]
    DuplicateId(TaskId),
    /// A task waits for one that is not in the schedule.
    #[error("task {task:?} waits for {after:?}, which is not in the schedule")]
    UnknownPredecessor {
        /// The waiting task.
        task: TaskId,
        /// The missing one.
        after: TaskId,
    },
    /// Tasks wait for each other in a loop.
    #[error("task {0:?} waits for itself through its predecessors")]
    Loop(TaskId),
    /// A task that ends before it starts, or a milestone longer than a day.
    #[error("task {0:?} ends before it starts")]
    EndBeforeStart(TaskId),
    /// Progress above 100 %.
    #[error("task {0:?} is more than 100% done")]
    Progress(TaskId),
    /// More tasks than a schedule may hold.
    #[error("a schedule holds at most {MAX_TASKS} tasks")]
    TooMany,
    /// Indented deeper than one level of phases, or indented with no phase above.
    #[error("task {0:?} is indented with no phase above it")]
    Level(TaskId),
}

/// The most tasks one job's schedule may hold.
pub const MAX_TASKS: usize = 2_000;

/// The deepest level a task may have: one level of phases.
pub const MAX_LEVEL: u8 = 1;

/// A dependent that starts before its predecessor has ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Conflict {
    /// The predecessor.
    pub before: TaskId,
    /// The dependent that starts too early.
    pub after: TaskId,
}

/// The schedule of one job: its tasks in display order.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Schedule {
    /// Tasks and milestones, in the order people arranged them.
    pub tasks: Vec<Task>,
}

impl Schedule {
    /// Checks that the schedule can be saved: named tasks with unique numbers, dates in
    /// order, progress up to 100 %, and dependencies on tasks that exist, without loops.
    /// (A dependent starting too early is allowed: it is shown as a [`Conflict`].)
    pub fn validate(&self) -> Result<(), ScheduleProblem> {
        if self.tasks.len() > MAX_TASKS {
            return Err(ScheduleProblem::TooMany);
        }
        let mut ids = BTreeSet::new();
        for t in &self.tasks {
            if !ids.insert(t.id) {
                return Err(ScheduleProblem::DuplicateId(t.id));
            }
            if t.name.trim().is_empty() {
                return Err(ScheduleProblem::NoName(t.id));
            }
            if t.name.chars().count() > crate::domain::text::MAX_LINE_CHARS {
                return Err(ScheduleProblem::NameTooLong(t.id));
            }
            if t.end < t.start || (t.milestone && t.end != t.start) {
                return Err(ScheduleProblem::EndBeforeStart(t.id));
            }
            if t.progress > 100 {
                return Err(ScheduleProblem::Progress(t.id));
            }
            if t.level > MAX_LEVEL {
                return Err(ScheduleProblem::Level(t.id));
            }
        }
        if self.tasks.first().is_some_and(|t| t.level > 0) {
            return Err(ScheduleProblem::Level(self.tasks[0].id));
        }
        for t in &self.tasks {
            if let Some(after) = t.after.iter().find(|a| !ids.contains(a)) {
                return Err(ScheduleProblem::UnknownPredecessor {
                    task: t.id,
                    after: *after,
                });
            }
            if self.dependents(t.id).contains(&t.id) {
                return Err(ScheduleProblem::Loop(t.id));
            }
        }
        Ok(())
    }

    /// The task with this number.
    pub fn task(&self, id: TaskId) -> Option<&Task> {
        self.tasks.iter().find(|t| t.id == id)
    }

    fn task_mut(&mut self, id: TaskId) -> Result<&mut Task, ScheduleError> {
        self.tasks
            .iter_mut()
            .find(|t| t.id == id)
            .ok_or(ScheduleError::NoTask(id))
    }

    /// The next free task number.
    pub fn next_id(&self) -> TaskId {
        TaskId(self.tasks.iter().map(|t| t.id.0).max().map_or(1, |m| m + 1))
    }

    /// First planned day and last planned day of all tasks.
    pub fn span(&self) -> Option<(NaiveDate, NaiveDate)> {
        let start = self.tasks.iter().map(|t| t.start).min()?;
        let end = self.tasks.iter().map(|t| t.end).max()?;
        Some((start, end))
    }

    /// Makes `task` wait for `after` to finish; refused if that closes a loop.
    pub fn add_dependency(&mut self, task: TaskId, after: TaskId) -> Result<(), ScheduleError> {
        self.task(after).ok_or(ScheduleError::NoTask(after))?;
        if task == after || self.dependents(task).contains(&after) {
            return Err(ScheduleError::Cycle { task, after });
        }
        let t = self.task_mut(task)?;
        if !t.after.contains(&after) {
            t.after.push(after);
        }
        Ok(())
    }

    /// Every task that waits for `id`, directly or through others.
    pub fn dependents(&self, id: TaskId) -> BTreeSet<TaskId> {
        let mut found = BTreeSet::new();
        let mut queue = vec![id];
        while let Some(current) = queue.pop() {
            for t in &self.tasks {
                if t.after.contains(&current) && found.insert(t.id) {
                    queue.push(t.id);
                }
            }
        }
        found
    }

    /// Moves task `id` to start on `start` (moved onto a working day), keeping its length in
    /// working days, and moves everything that depends on it by the same number of working
    /// days. Returns the tasks that moved.
    pub fn move_task(
        &mut self,
        id: TaskId,
        start: NaiveDate,
        cal: &WorkCalendar,
    ) -> Result<Vec<TaskId>, ScheduleError> {
        let old = self.task(id).ok_or(ScheduleError::NoTask(id))?.start;
        let old = cal.working_on_or_after(old).unwrap_or(old);
        let new = cal
            .working_on_or_after(start)
            .ok_or(ScheduleError::NoWorkingDay(start))?;
        let shift = cal.working_offset(old, new);
        let mut moved = vec![id];
        moved.extend(self.dependents(id));
        for t in moved.iter().copied() {
            shift_task(self.task_mut(t)?, shift, cal)?;
        }
        Ok(moved)
    }

    /// Sets the planned end of task `id` (moved back onto a working day, never before its
    /// start) and moves its dependents by as many working days as the end moved.
    pub fn set_end(
        &mut self,
        id: TaskId,
        end: NaiveDate,
        cal: &WorkCalendar,
    ) -> Result<Vec<TaskId>, ScheduleError> {
        let task = self.task(id).ok_or(ScheduleError::NoTask(id))?;
        let (start, old_end) = (task.start, task.end);
        let new_end = cal
            .working_on_or_before(end)
            .ok_or(ScheduleError::NoWorkingDay(end))?
            .max(start);
        let shift = cal.working_offset(old_end, new_end);
        let t = self.task_mut(id)?;
        t.end = new_end;
        if t.milestone {
            t.start = new_end;
        }
        let mut moved = vec![id];
        for d in self.dependents(id) {
            shift_task(self.task_mut(d)?, shift, cal)?;
            moved.push(d);
        }
        Ok(moved)
    }

    /// Dependents that start on or before the last day of a task they wait for.
    pub fn conflicts(&self) -> Vec<Conflict> {
        let ends: BTreeMap<TaskId, NaiveDate> = self.tasks.iter().map(|t| (t.id, t.end)).collect();
        let mut out = Vec::new();
        for t in &self.tasks {
            for before in &t.after {
                if let Some(end) = ends.get(before)
                    && t.start <= *end
                {
                    out.push(Conflict {
                        before: *before,
                        after: t.id,
                    });
                }
            }
        }
        out
    }

    /// What the client sees: client-visible tasks only, without internal notes, with
    /// internal owner names removed, and with dependencies on hidden tasks dropped.
    pub fn client_view(&self) -> Schedule {
        let visible: BTreeSet<TaskId> = self
            .tasks
            .iter()
            .filter(|t| t.client_visible)
            .map(|t| t.id)
            .collect();
        let tasks = self
            .tasks
            .iter()
            .filter(|t| t.client_visible)
            .map(|t| Task {
                owner: if t.owner_internal {
                    String::new()
                } else {
                    t.owner.clone()
                },
                owner_internal: false,
                after: t
                    .after
                    .iter()
                    .copied()
                    .filter(|a| visible.contains(a))
                    .collect(),
                internal_note: String::new(),
                ..t.clone()
            })
            .collect();
        Schedule { tasks }
    }
}

/// A job's working schedule as stored: the plan the agency keeps up to date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JobSchedule {
    /// The job it belongs to (one schedule per job).
    pub job_id: JobId,
    /// The tasks.
    pub schedule: Schedule,
    /// Created and last changed.
    pub audit: Audit,
}

/// A version issued to the client (v1, v2…): frozen when issued, never changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssuedSchedule {
    /// The job.
    pub job_id: JobId,
    /// 1, 2, 3… per job.
    pub version: u32,
    /// The issue date printed on it.
    pub issued_on: NaiveDate,
    /// Who issued it, and when.
    pub stamp: Stamp,
    /// The whole schedule as it was (the client view is derived from it when printed).
    pub schedule: Schedule,
}

/// Moves a task by `shift` working days, keeping its length in working days.
fn shift_task(t: &mut Task, shift: i64, cal: &WorkCalendar) -> Result<(), ScheduleError> {
    if shift == 0 {
        return Ok(());
    }
    let length = cal.working_days(t.start, t.end).max(1);
    let start = cal
        .add_working_days(cal.working_on_or_after(t.start).unwrap_or(t.start), shift)
        .ok_or(ScheduleError::NoWorkingDay(t.start))?;
    let end = match t.milestone {
        true => start,
        false => cal
            .add_working_days(start, length - 1)
            .ok_or(ScheduleError::NoWorkingDay(start))?,
    };
    t.start = start;
    t.end = end;
    Ok(())
}

/// One difference between two issued versions, for the "changes since v2" list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScheduleChange {
    /// A task that is new.
    Added {
        /// Its name.
        name: String,
        /// Its planned days.
        start: NaiveDate,
        /// Its planned last day.
        end: NaiveDate,
    },
    /// A task that is gone.
    Removed {
        /// Its name in the earlier version.
        name: String,
    },
    /// A task whose dates changed.
    Moved {
        /// Its name now.
        name: String,
        /// Before.
        from: (NaiveDate, NaiveDate),
        /// Now.
        to: (NaiveDate, NaiveDate),
    },
    /// A task renamed (dates unchanged).
    Renamed {
        /// Before.
        from: String,
        /// Now.
        to: String,
    },
}

/// What changed from `old` to `new`, matched by task number: moved dates, added, removed
/// and renamed tasks, in the order of `new` (removed ones last).
pub fn diff(old: &Schedule, new: &Schedule) -> Vec<ScheduleChange> {
    let mut out = Vec::new();
    for t in &new.tasks {
        match old.task(t.id) {
            None => out.push(ScheduleChange::Added {
                name: t.name.clone(),
                start: t.start,
                end: t.end,
            }),
            Some(o) if (o.start, o.end) != (t.start, t.end) => out.push(ScheduleChange::Moved {
                name: t.name.clone(),
                from: (o.start, o.end),
                to: (t.start, t.end),
            }),
            Some(o) if o.name != t.name => out.push(ScheduleChange::Renamed {
                from: o.name.clone(),
                to: t.name.clone(),
            }),
            Some(_) => {}
        }
    }
    for o in &old.tasks {
        if new.task(o.id).is_none() {
            out.push(ScheduleChange::Removed {
                name: o.name.clone(),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    /// A Spring Festival TVC: brief, creative, client approval, shoot, delivery.
    fn tvc() -> Schedule {
        let mut s = Schedule::default();
        let t = |id, name, a, b, party| Task::new(TaskId(id), name, d(a), d(b), party);
        s.tasks = vec![
            t(1, "创意提案", "2026-02-02", "2026-02-06", Party::Agency),
            t(2, "客户确认创意", "2026-02-09", "2026-02-10", Party::Client),
            t(3, "拍摄", "2026-02-11", "2026-02-13", Party::Vendor),
            t(4, "后期制作", "2026-02-24", "2026-03-03", Party::Vendor),
            Task {
                milestone: true,
                ..t(5, "交付", "2026-03-04", "2026-03-04", Party::Agency)
            },
        ];
        for (task, after) in [(2, 1), (3, 2), (4, 3), (5, 4)] {
            s.add_dependency(TaskId(task), TaskId(after)).unwrap();
        }
        s
    }

    #[test]
    fn moving_a_task_moves_its_dependents_by_working_days_across_spring_festival() {
        let cal = WorkCalendar::china();
        let mut s = tvc();
        assert!(s.conflicts().is_empty());
        // The client approves three working days later: 12–13 Feb, then Saturday 14 Feb is a
        // make-up working day, so approval runs 12, 13 Feb; shooting moves three working
        // days: from 11–13 Feb to 14 (Sat, worked), 24, 25 Feb (15–23 is the holiday).
        let moved = s.move_task(TaskId(2), d("2026-02-12"), &cal).unwrap();
        assert_eq!(moved, vec![TaskId(2), TaskId(3), TaskId(4), TaskId(5)]);
        let get = |s: &Schedule, id| {
            let t = s.task(TaskId(id)).unwrap();
            (t.start, t.end)
        };
        assert_eq!(get(&s, 2), (d("2026-02-12"), d("2026-02-13")));
        assert_eq!(get(&s, 3), (d("2026-02-14"), d("2026-02-25")));
        assert_eq!(cal.working_days(d("2026-02-14"), d("2026-02-25")), 3);
        // Post-production keeps its 7 working days; the milestone stays a single day.
        let (a, b) = get(&s, 4);
        assert_eq!(cal.working_days(a, b), 7);
        let (m1, m2) = get(&s, 5);
        assert_eq!(m1, m2);
        assert!(s.conflicts().is_empty());
        assert_eq!(
            s.task(TaskId(1)).unwrap().start,
            d("2026-02-02"),
            "predecessor unmoved"
        );
    }

    #[test]
    fn a_task_that_starts_too_early_is_shown_not_fixed() {
        let cal = WorkCalendar::china();
        let mut s = tvc();
        // The creative work runs two days longer: its end moves, and so do the dependents.
        s.set_end(TaskId(1), d("2026-02-10"), &cal).unwrap();
        assert!(s.conflicts().is_empty());
        // Editing a dependent by hand to start before its predecessor ends is a conflict.
        let t = s.tasks.iter_mut().find(|t| t.id == TaskId(3)).unwrap();
        t.start = d("2026-02-09");
        assert_eq!(
            s.conflicts(),
            vec![Conflict {
                before: TaskId(2),
                after: TaskId(3)
            }]
        );
    }

    #[test]
    fn loops_and_unknown_tasks_are_refused() {
        let mut s = tvc();
        assert_eq!(
            s.add_dependency(TaskId(1), TaskId(5)),
            Err(ScheduleError::Cycle {
                task: TaskId(1),
                after: TaskId(5)
            })
        );
        assert!(matches!(
            s.add_dependency(TaskId(1), TaskId(1)),
            Err(ScheduleError::Cycle { .. })
        ));
        assert_eq!(
            s.add_dependency(TaskId(1), TaskId(9)),
            Err(ScheduleError::NoTask(TaskId(9)))
        );
        let cal = WorkCalendar::china();
        assert_eq!(
            s.move_task(TaskId(9), d("2026-02-02"), &cal),
            Err(ScheduleError::NoTask(TaskId(9)))
        );
        assert_eq!(s.next_id(), TaskId(6));
    }

    #[test]
    fn late_and_at_risk_follow_the_calendar() {
        let cal = WorkCalendar::china();
        let mut t = Task::new(
            TaskId(1),
            "媒体排期",
            d("2026-03-02"),
            d("2026-03-13"),
            Party::Media,
        );
        assert_eq!(t.status_on(d("2026-03-10")), TaskStatus::NotStarted);
        assert_eq!(t.status_on(d("2026-03-16")), TaskStatus::Late);
        t.progress = 10;
        assert!(
            t.at_risk(d("2026-03-11"), &cal),
            "8 of 10 days gone, 10% done"
        );
        t.progress = 60;
        assert!(!t.at_risk(d("2026-03-11"), &cal));
        t.status = TaskStatus::Done;
        assert_eq!(t.status_on(d("2026-03-16")), TaskStatus::Done);
    }

    #[test]
    fn only_a_sound_schedule_can_be_saved() {
        assert_eq!(tvc().validate(), Ok(()));
        let broken = |f: fn(&mut Schedule)| {
            let mut s = tvc();
            f(&mut s);
            s.validate().unwrap_err()
        };
        assert_eq!(
            broken(|s| s.tasks[1].name = "  ".into()),
            ScheduleProblem::NoName(TaskId(2))
        );
        assert_eq!(
            broken(|s| s.tasks[1].id = TaskId(1)),
            ScheduleProblem::DuplicateId(TaskId(1))
        );
        assert_eq!(
            broken(|s| s.tasks[0].end = d("2026-01-30")),
            ScheduleProblem::EndBeforeStart(TaskId(1))
        );
        assert_eq!(
            broken(|s| s.tasks[4].end = d("2026-03-05")),
            ScheduleProblem::EndBeforeStart(TaskId(5)),
            "a milestone is one day"
        );
        assert_eq!(
            broken(|s| s.tasks[0].progress = 101),
            ScheduleProblem::Progress(TaskId(1))
        );
        assert_eq!(
            broken(|s| s.tasks[0].after.push(TaskId(42))),
            ScheduleProblem::UnknownPredecessor {
                task: TaskId(1),
                after: TaskId(42)
            }
        );
        // A loop typed around add_dependency (e.g. from a damaged import) is caught.
        assert!(matches!(
            broken(|s| s.tasks[0].after.push(TaskId(5))),
            ScheduleProblem::Loop(_)
        ));
        assert_eq!(
            broken(|s| s.tasks[0].name = "名".repeat(201)),
            ScheduleProblem::NameTooLong(TaskId(1))
        );
    }

    #[test]
    fn the_client_view_leaves_out_everything_internal() {
        let mut s = tvc();
        s.tasks[0].internal_note = "报价内部毛利 35%".into();
        s.tasks[0].owner = "王小明".into();
        s.tasks[0].owner_internal = true;
        s.tasks[2].client_visible = false; // the shoot is arranged internally
        s.tasks[2].name = "内部：导演档期协调".into();
        let view = s.client_view();
        assert_eq!(view.tasks.len(), 4);
        let text = format!("{view:?}");
        for secret in ["35%", "王小明", "导演档期"] {
            assert!(!text.contains(secret), "{secret} leaked");
        }
        // Dependencies on the hidden task are dropped, not left dangling.
        let post = view.task(TaskId(4)).unwrap();
        assert!(post.after.is_empty());
        // What the client must do stays, marked.
        assert!(view.task(TaskId(2)).unwrap().client_action);
    }

    #[test]
    fn the_next_issue_lists_what_changed_since_the_last() {
        let cal = WorkCalendar::china();
        let v1 = tvc();
        let mut v2 = v1.clone();
        v2.move_task(TaskId(4), d("2026-02-25"), &cal).unwrap();
        v2.tasks.retain(|t| t.id != TaskId(3));
        v2.tasks[0].name = "创意提案（二稿）".into();
        let id = v2.next_id();
        v2.tasks.push(Task::new(
            id,
            "客户提供产品样品",
            d("2026-02-09"),
            d("2026-02-09"),
            Party::Client,
        ));
        let changes = diff(&v1, &v2);
        assert_eq!(
            changes,
            vec![
                ScheduleChange::Renamed {
                    from: "创意提案".into(),
                    to: "创意提案（二稿）".into()
                },
                ScheduleChange::Moved {
                    name: "后期制作".into(),
                    from: (d("2026-02-24"), d("2026-03-03")),
                    to: (d("2026-02-25"), d("2026-03-04")),
                },
                ScheduleChange::Moved {
                    name: "交付".into(),
                    from: (d("2026-03-04"), d("2026-03-04")),
                    to: (d("2026-03-05"), d("2026-03-05")),
                },
                ScheduleChange::Added {
                    name: "客户提供产品样品".into(),
                    start: d("2026-02-09"),
                    end: d("2026-02-09"),
                },
                ScheduleChange::Removed {
                    name: "拍摄".into()
                },
            ]
        );
        assert!(diff(&v2, &v2).is_empty());
    }
}
