//! The row operations of the schedule table (add, delete, duplicate, move, indent…): one
//! definition each of its shortcut, label and effect, shared by keys and buttons; and the
//! sentence a refused change is told with.

use crate::domain::calendar::WorkCalendar;
use crate::domain::schedule::{NewRow, Schedule};
use crate::ui::model::Env;
use egui::{Key, KeyboardShortcut, Modifiers};

/// A change to the plan asked for by a key or a button, applied after the table is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RowOp {
    /// Add a task (or milestone) below the current row.
    Insert(NewRow),
    /// Delete the current row.
    Delete,
    /// Duplicate the current row.
    Duplicate,
    /// Move the current row up (`true`) or down.
    Move(bool),
    /// Indent the current row into the phase above.
    Indent,
    /// Move it back out.
    Outdent,
}

impl RowOp {
    /// The keys of each operation (the toolbar's tooltips show them).
    pub(crate) fn shortcut(self) -> KeyboardShortcut {
        let (m, k) = match self {
            RowOp::Insert(NewRow::Task) => (Modifiers::COMMAND, Key::Enter),
            RowOp::Insert(NewRow::Milestone) => (Modifiers::COMMAND | Modifiers::SHIFT, Key::Enter),
            RowOp::Delete => (Modifiers::COMMAND, Key::Delete),
            RowOp::Duplicate => (Modifiers::COMMAND, Key::D),
            RowOp::Move(true) => (Modifiers::ALT, Key::ArrowUp),
            RowOp::Move(false) => (Modifiers::ALT, Key::ArrowDown),
            RowOp::Indent => (Modifiers::ALT, Key::ArrowRight),
            RowOp::Outdent => (Modifiers::ALT, Key::ArrowLeft),
        };
        KeyboardShortcut::new(m, k)
    }

    /// Every operation, the ones with Shift first (egui matches Ctrl+Enter also when Shift
    /// is held).
    pub(crate) const ALL: [RowOp; 8] = [
        RowOp::Insert(NewRow::Milestone),
        RowOp::Insert(NewRow::Task),
        RowOp::Delete,
        RowOp::Duplicate,
        RowOp::Move(true),
        RowOp::Move(false),
        RowOp::Indent,
        RowOp::Outdent,
    ];

    /// The buttons of the edit bar, in the order people look for them.
    pub(crate) const BUTTONS: [RowOp; 8] = [
        RowOp::Insert(NewRow::Task),
        RowOp::Insert(NewRow::Milestone),
        RowOp::Duplicate,
        RowOp::Delete,
        RowOp::Move(true),
        RowOp::Move(false),
        RowOp::Indent,
        RowOp::Outdent,
    ];

    /// The button's label.
    pub(crate) fn label(self, env: &Env) -> &'static str {
        match self {
            RowOp::Insert(NewRow::Task) => env.tr("＋ 任务", "+ Task"),
            RowOp::Insert(NewRow::Milestone) => env.tr("＋ 里程碑", "+ Milestone"),
            RowOp::Delete => env.tr("删除", "Delete"),
            RowOp::Duplicate => env.tr("复制一行", "Duplicate"),
            RowOp::Move(true) => env.tr("上移", "Move up"),
            RowOp::Move(false) => env.tr("下移", "Move down"),
            RowOp::Indent => env.tr("缩进", "Indent"),
            RowOp::Outdent => env.tr("取消缩进", "Outdent"),
        }
    }

    /// Applies the operation to `plan` at row `current`; returns the row to select after.
    pub(crate) fn apply(
        self,
        plan: &mut Schedule,
        current: Option<usize>,
        env: &Env,
        cal: &WorkCalendar,
    ) -> Result<Option<usize>, String> {
        let err = |e: crate::domain::schedule::ScheduleError| schedule_error(&e, env);
        match self {
            RowOp::Insert(kind) => {
                let name = match kind {
                    NewRow::Task => env.tr("新任务", "New task"),
                    NewRow::Milestone => env.tr("新里程碑", "New milestone"),
                };
                plan.insert_row(current, kind, name, env.today, cal)
                    .map(Some)
                    .map_err(err)
            }
            RowOp::Delete => {
                let Some(i) = current else { return Ok(None) };
                plan.delete_rows(&[i], cal);
                Ok((!plan.tasks.is_empty()).then(|| i.min(plan.tasks.len() - 1)))
            }
            RowOp::Duplicate => Ok(current.and_then(|i| plan.duplicate_row(i, cal))),
            RowOp::Move(up) => Ok(current.and_then(|i| plan.move_row(i, up, cal))),
            RowOp::Indent => {
                let Some(i) = current else { return Ok(None) };
                plan.indent(i, cal).map(|()| Some(i)).map_err(err)
            }
            RowOp::Outdent => {
                let Some(i) = current else { return Ok(None) };
                plan.outdent(i, cal).map(|()| Some(i)).map_err(err)
            }
        }
    }
}

/// A refused edit, in the interface language.
pub(crate) fn schedule_error(e: &crate::domain::schedule::ScheduleError, env: &Env) -> String {
    use crate::domain::schedule::ScheduleError as E;
    match e {
        E::NoTask(_) => env.tr("这个任务已不在进度表中。", "That task is no longer in the schedule.").into(),
        E::Cycle { .. } => env
            .tr(
                "前置任务会形成循环（任务不能等待它自己），没有修改。",
                "Those predecessors would make a loop (a task cannot wait for itself); nothing changed.",
            )
            .into(),
        E::NoWorkingDay(d) => match env.lang {
            crate::domain::Lang::Zh => format!("{d} 附近找不到工作日，请检查公司休息日设置。"),
            crate::domain::Lang::En => {
                format!("No working day near {d}; check the agency's days off in Settings.")
            }
        },
        E::NoRow(n) => match env.lang {
            crate::domain::Lang::Zh => format!("没有第 {n} 行：前置任务请填写表中的行号，如 2, 5。"),
            crate::domain::Lang::En => {
                format!("There is no row {n}: type the row numbers of predecessors, e.g. 2, 5.")
            }
        },
        E::NotARow(s) => match env.lang {
            crate::domain::Lang::Zh => format!("“{s}”不是行号：前置任务请填写行号，如 2, 5。"),
            crate::domain::Lang::En => {
                format!("“{s}” is not a row number: type predecessors as row numbers, e.g. 2, 5.")
            }
        },
        E::NothingAbove => env
            .tr(
                "第一行上面没有可归入的阶段，无法缩进。",
                "The first row has nothing above it to be indented under.",
            )
            .into(),
        E::PhaseInPhase(_) => env
            .tr(
                "这一行是含有任务的阶段，阶段不能再缩进（只支持一级）。",
                "This row is a phase with tasks; phases cannot be indented (one level only).",
            )
            .into(),
        E::PhaseAsPredecessor(n) => match env.lang {
            crate::domain::Lang::Zh => {
                format!("第 {n} 行是阶段，没有自己的日期；请填写阶段中某个任务的行号。")
            }
            crate::domain::Lang::En => {
                format!("Row {n} is a phase with no dates of its own; use one of its tasks.")
            }
        },
    }
}
