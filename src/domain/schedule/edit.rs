//! Editing a schedule as a table: rows added, renamed, deleted, duplicated, moved and
//! indented into phases, durations typed in the days a task counts, predecessors typed as
//! row numbers. Every operation keeps the schedule sound (phases span their tasks, no
//! dependency on a deleted task) so the editor can save after each one.
//!
//! Rows are addressed by their index in [`Schedule::tasks`] (what the person sees);
//! dependencies by [`TaskId`], so they follow the rows when they move.

use super::{MAX_LEVEL, Party, Schedule, ScheduleError, Task, TaskId, TaskStatus};
use crate::domain::calendar::WorkCalendar;
use chrono::NaiveDate;
use std::ops::Range;

/// What a new row is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NewRow {
    /// A task of one working day.
    Task,
    /// A milestone (one moment, drawn as a diamond).
    Milestone,
}

impl Schedule {
    /// Whether row `index` is a phase: a top-level row with tasks indented under it.
    pub fn is_phase(&self, index: usize) -> bool {
        self.tasks.get(index).is_some_and(|t| t.level == 0)
            && self.tasks.get(index + 1).is_some_and(|t| t.level > 0)
    }

    /// Whether the task `id` is a phase (see [`Schedule::is_phase`]).
    pub fn is_phase_task(&self, id: TaskId) -> bool {
        self.index_of(id).is_some_and(|i| self.is_phase(i))
    }

    /// The row of task `id`.
    pub fn index_of(&self, id: TaskId) -> Option<usize> {
        self.tasks.iter().position(|t| t.id == id)
    }

    /// The rows that move with row `index`: itself and, for a phase, its tasks.
    pub fn block(&self, index: usize) -> Range<usize> {
        let Some(t) = self.tasks.get(index) else {
            return index..index;
        };
        let mut end = index + 1;
        if t.level == 0 {
            while self.tasks.get(end).is_some_and(|n| n.level > 0) {
                end += 1;
            }
        }
        index..end
    }

    /// The phase row above a task inside a phase.
    pub fn phase_of(&self, index: usize) -> Option<usize> {
        if self.tasks.get(index)?.level == 0 {
            return None;
        }
        (0..index).rev().find(|&i| self.tasks[i].level == 0)
    }

    /// Makes every phase span its tasks: first start to last end, progress weighted by
    /// length, status from its tasks. A task inside a phase with no row above it is moved
    /// out to the top level.
    pub fn roll_up(&mut self, cal: &WorkCalendar) {
        if let Some(first) = self.tasks.first_mut() {
            first.level = 0;
        }
        for t in &mut self.tasks {
            t.level = t.level.min(MAX_LEVEL);
        }
        let mut i = 0;
        while i < self.tasks.len() {
            let block = self.block(i);
            if block.len() > 1 {
                let children = &self.tasks[block.start + 1..block.end];
                let start = children.iter().map(|t| t.start).min();
                let end = children.iter().map(|t| t.end).max();
                let weights: Vec<(i64, i64)> = children
                    .iter()
                    .map(|t| (t.duration(cal).max(1), i64::from(t.progress)))
                    .collect();
                let total: i64 = weights.iter().map(|(w, _)| w).sum();
                let done: i64 = weights.iter().map(|(w, p)| w * p).sum();
                let status = if children.iter().all(|t| t.status == TaskStatus::Done) {
                    TaskStatus::Done
                } else if children.iter().any(|t| {
                    matches!(t.status, TaskStatus::InProgress | TaskStatus::Done) || t.progress > 0
                }) {
                    TaskStatus::InProgress
                } else {
                    TaskStatus::NotStarted
                };
                let phase = &mut self.tasks[block.start];
                if let (Some(start), Some(end)) = (start, end) {
                    phase.start = start;
                    phase.end = end;
                }
                phase.milestone = false;
                phase.calendar_days = false;
                phase.progress = u8::try_from(done / total.max(1)).unwrap_or(100).min(100);
                phase.status = status;
            }
            i = block.end;
        }
    }

    /// Adds a task or milestone below row `below` (at the top of an empty schedule): inside
    /// the same phase, starting the working day after that row ends (for a phase: as its
    /// first task). Returns the new row's index.
    pub fn insert_row(
        &mut self,
        below: Option<usize>,
        kind: NewRow,
        name: &str,
        today: NaiveDate,
        cal: &WorkCalendar,
    ) -> Result<usize, ScheduleError> {
        let id = self.next_id();
        let (at, level, after_day) = match below.filter(|&i| i < self.tasks.len()) {
            None => (self.tasks.len(), 0, None),
            Some(i) if self.is_phase(i) => (i + 1, 1, Some(self.tasks[i].start)),
            Some(i) => (
                i + 1,
                self.tasks[i].level,
                cal.add_working_days(self.tasks[i].end, 1),
            ),
        };
        let first = match after_day {
            Some(day) => day,
            None => self.span().map_or(today, |(_, end)| end.max(today)),
        };
        let start = cal
            .working_on_or_after(first)
            .ok_or(ScheduleError::NoWorkingDay(first))?;
        let mut task = Task::new(id, name, start, start, Party::Agency);
        task.milestone = kind == NewRow::Milestone;
        task.level = level;
        self.tasks.insert(at, task);
        self.roll_up(cal);
        Ok(at)
    }

    /// Inserts `tasks` (new numbers are given) below row `below`, or at the end.
    pub fn insert_tasks(
        &mut self,
        below: Option<usize>,
        tasks: Vec<Task>,
        cal: &WorkCalendar,
    ) -> Range<usize> {
        let (at, level) = match below.filter(|&i| i < self.tasks.len()) {
            None => (self.tasks.len(), 0),
            Some(i) if self.is_phase(i) => (i + 1, 1),
            Some(i) => (self.block(i).end.max(i + 1), self.tasks[i].level),
        };
        let first = self.next_id().0;
        let count = tasks.len();
        for (k, mut t) in tasks.into_iter().enumerate() {
            t.id = TaskId(first + u32::try_from(k).unwrap_or(u32::MAX - first));
            t.level = level;
            t.after.clear();
            self.tasks.insert(at + k, t);
        }
        self.roll_up(cal);
        at..at + count
    }

    /// Renames task `id` (the name is trimmed; an empty name is refused by `validate`).
    pub fn rename(&mut self, id: TaskId, name: &str) -> Result<(), ScheduleError> {
        self.task_mut(id)?.name = name.trim().to_string();
        Ok(())
    }

    /// Deletes the rows at `indices`. Tasks of a deleted phase stay, moved out to the top
    /// level; dependencies on deleted tasks are dropped.
    pub fn delete_rows(&mut self, indices: &[usize], cal: &WorkCalendar) -> Vec<Task> {
        let mut gone = Vec::new();
        let mut sorted: Vec<usize> = indices
            .iter()
            .copied()
            .filter(|&i| i < self.tasks.len())
            .collect();
        sorted.sort_unstable();
        sorted.dedup();
        for &i in sorted.iter().rev() {
            if self.is_phase(i) {
                for child in self.block(i).skip(1) {
                    self.tasks[child].level = 0;
                }
            }
            gone.push(self.tasks.remove(i));
        }
        for t in &mut self.tasks {
            t.after.retain(|a| gone.iter().all(|g| g.id != *a));
        }
        self.roll_up(cal);
        gone.reverse();
        gone
    }

    /// Duplicates row `index` (a phase with its tasks) below itself, with new numbers; the
    /// copy keeps the predecessors it had outside the copied rows. Returns the first new row.
    pub fn duplicate_row(&mut self, index: usize, cal: &WorkCalendar) -> Option<usize> {
        let block = self.block(index);
        if block.is_empty() {
            return None;
        }
        let mut next = self.next_id().0;
        let originals: Vec<TaskId> = self.tasks[block.clone()].iter().map(|t| t.id).collect();
        let mut copies: Vec<Task> = self.tasks[block.clone()].to_vec();
        let renumber: Vec<(TaskId, TaskId)> = copies
            .iter_mut()
            .map(|t| {
                let old = t.id;
                t.id = TaskId(next);
                next += 1;
                (old, t.id)
            })
            .collect();
        for t in &mut copies {
            for a in &mut t.after {
                if let Some((_, new)) = renumber.iter().find(|(old, _)| old == a) {
                    *a = *new;
                }
            }
            t.actual_start = None;
            t.actual_end = None;
            t.progress = 0;
            t.status = TaskStatus::NotStarted;
        }
        debug_assert_eq!(originals.len(), copies.len());
        let at = block.end;
        for (k, t) in copies.into_iter().enumerate() {
            self.tasks.insert(at + k, t);
        }
        self.roll_up(cal);
        Some(at)
    }

    /// Moves row `index` (a phase with its tasks) one place up or down past its neighbour
    /// (a neighbouring phase is passed whole). A task inside a phase moved past the phase's
    /// first or last task leaves the phase. Returns the row's new index.
    pub fn move_row(&mut self, index: usize, up: bool, cal: &WorkCalendar) -> Option<usize> {
        let level = self.tasks.get(index)?.level;
        let block = self.block(index);
        let new_index = if level > 0 {
            match up {
                true => {
                    let above = index.checked_sub(1)?;
                    if self.tasks[above].level > 0 {
                        self.tasks.swap(above, index);
                        above
                    } else {
                        // The first task of its phase: out, above the phase.
                        let t = self.tasks.remove(index);
                        self.tasks.insert(above, Task { level: 0, ..t });
                        above
                    }
                }
                false => {
                    let below = index + 1;
                    if self.tasks.get(below).is_some_and(|t| t.level > 0) {
                        self.tasks.swap(below, index);
                        below
                    } else {
                        // The last task of its phase: out, as a row of its own just
                        // below the phase.
                        self.phase_of(index)?;
                        self.tasks[index].level = 0;
                        index
                    }
                }
            }
        } else {
            let rows: Vec<Task> = self.tasks.drain(block.clone()).collect();
            let at = match up {
                true => {
                    let above = block.start.checked_sub(1);
                    let Some(above) = above else {
                        self.splice_back(block.start, rows);
                        return None;
                    };
                    // The start of the block above (a phase with its tasks, or one row).
                    match self.tasks[above].level {
                        0 => above,
                        _ => self.phase_of(above).unwrap_or(above),
                    }
                }
                false => {
                    if block.start >= self.tasks.len() {
                        self.splice_back(block.start, rows);
                        return None;
                    }
                    self.block(block.start).end
                }
            };
            self.splice_back(at, rows);
            at
        };
        self.roll_up(cal);
        Some(new_index)
    }

    fn splice_back(&mut self, at: usize, rows: Vec<Task>) {
        let tail = self.tasks.split_off(at);
        self.tasks.extend(rows);
        self.tasks.extend(tail);
    }

    /// Moves row `from` (a phase with its tasks) so that it lands before the row now at
    /// `to` (`to == len`: at the end), as a drag does. Returns its new index.
    pub fn move_block_to(&mut self, from: usize, to: usize, cal: &WorkCalendar) -> Option<usize> {
        let block = self.block(from);
        if block.is_empty() || (block.start..=block.end).contains(&to) {
            return None;
        }
        let rows: Vec<Task> = self.tasks.drain(block.clone()).collect();
        let at = if to > block.end { to - block.len() } else { to };
        self.splice_back(at.min(self.tasks.len()), rows);
        self.roll_up(cal);
        Some(at)
    }

    /// Indents row `index` into the phase above it (the row above becomes a phase if it is
    /// not one yet). A phase with tasks cannot be indented: one level is the limit.
    pub fn indent(&mut self, index: usize, cal: &WorkCalendar) -> Result<(), ScheduleError> {
        let t = self.tasks.get(index).ok_or(ScheduleError::NoRow(index))?;
        if t.level >= MAX_LEVEL {
            return Ok(());
        }
        if index == 0 {
            return Err(ScheduleError::NothingAbove);
        }
        if self.is_phase(index) {
            return Err(ScheduleError::PhaseInPhase(t.id));
        }
        self.tasks[index].level = 1;
        self.roll_up(cal);
        Ok(())
    }

    /// Moves a task inside a phase back out to the top level; the tasks below it in the
    /// same phase become its tasks, as in an outline.
    pub fn outdent(&mut self, index: usize, cal: &WorkCalendar) -> Result<(), ScheduleError> {
        let t = self
            .tasks
            .get_mut(index)
            .ok_or(ScheduleError::NoRow(index))?;
        t.level = 0;
        self.roll_up(cal);
        Ok(())
    }

    /// Sets the length of task `id` in the days it counts; its end follows, and the tasks
    /// that wait for it move by as many working days as its end moved.
    pub fn set_duration(
        &mut self,
        id: TaskId,
        days: i64,
        cal: &WorkCalendar,
    ) -> Result<Vec<TaskId>, ScheduleError> {
        let t = self.task(id).ok_or(ScheduleError::NoTask(id))?;
        if t.milestone {
            return Ok(Vec::new());
        }
        let end = t
            .end_for(t.start, days, cal)
            .ok_or(ScheduleError::NoWorkingDay(t.start))?;
        let moved = self.set_end(id, end, cal)?;
        self.roll_up(cal);
        Ok(moved)
    }

    /// Makes task `id` count calendar days (or working days again), keeping its dates.
    pub fn set_calendar_days(&mut self, id: TaskId, on: bool) -> Result<(), ScheduleError> {
        self.task_mut(id)?.calendar_days = on;
        Ok(())
    }

    /// The predecessors of task `id` as the row numbers people see (1-based), e.g. "2, 5".
    pub fn predecessor_rows(&self, id: TaskId) -> String {
        let Some(t) = self.task(id) else {
            return String::new();
        };
        let mut rows: Vec<usize> = t
            .after
            .iter()
            .filter_map(|a| self.index_of(*a))
            .map(|i| i + 1)
            .collect();
        rows.sort_unstable();
        rows.iter()
            .map(usize::to_string)
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Sets the predecessors of task `id` from row numbers as typed ("2, 5", "2，5", "2、5"
    /// or "2 5"; empty clears them). A row that does not exist, the task itself, a phase
    /// and a loop are refused, and nothing changes.
    pub fn set_predecessor_rows(&mut self, id: TaskId, text: &str) -> Result<(), ScheduleError> {
        let mut after = Vec::new();
        for part in text
            .split(|c: char| matches!(c, ',' | '，' | '、' | ';' | '；') || c.is_whitespace())
            .filter(|p| !p.is_empty())
        {
            let row: usize = crate::domain::text::ascii_digits(part)
                .parse()
                .map_err(|_| ScheduleError::NotARow(part.to_string()))?;
            let index = row.checked_sub(1).ok_or(ScheduleError::NoRow(row))?;
            let t = self
                .tasks
                .get(index)
                .ok_or(ScheduleError::NoRow(index + 1))?;
            if self.is_phase(index) {
                return Err(ScheduleError::PhaseAsPredecessor(row));
            }
            if !after.contains(&t.id) {
                after.push(t.id);
            }
        }
        let dependents = self.dependents(id);
        if let Some(a) = after.iter().find(|a| **a == id || dependents.contains(a)) {
            return Err(ScheduleError::Cycle {
                task: id,
                after: *a,
            });
        }
        self.task_mut(id)?.after = after;
        Ok(())
    }
}

#[cfg(test)]
mod tests;
