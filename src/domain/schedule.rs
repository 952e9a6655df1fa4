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

mod changes;
mod edit;
mod paste;
mod plan;
mod standard;
mod task;

pub use changes::{ScheduleChange, diff};
pub use edit::NewRow;
pub use paste::{PasteError, PasteProblem, tasks_from_paste};
pub use plan::Backward;
pub use standard::standard_plan;
pub use task::{Party, Task, TaskId, TaskStatus};

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

#[cfg(test)]
mod tests;
