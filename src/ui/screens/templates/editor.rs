//! The tasks of one template as a simple table: rename a task in place, type its length in
//! working days, make it a milestone, move it up or down, indent it into the phase above or
//! back out, delete it, and add a task or milestone below the chosen row. Templates have no
//! dates of their own, so none are shown; each change goes through the schedule's own
//! editing rules on the template calendar.

use super::{days_text, tasks_heading};
use crate::domain::Lang;
use crate::domain::schedule::{NewRow, Schedule, ScheduleError, TaskId};
use crate::domain::template::{ANCHOR, ScheduleTemplates, template_calendar};
use crate::services::templates::message;
use crate::ui::model::Env;
use egui::{Role, TextEdit, Ui, WidgetInfo};
use std::collections::BTreeMap;

/// The longest task a template may hold, in days.
const MAX_DAYS: i64 = 999;

/// What the table keeps between frames.
#[derive(Debug, Default)]
pub(super) struct TaskTable {
    /// Task names as being typed.
    names: BTreeMap<TaskId, String>,
    /// Lengths as being typed.
    days: BTreeMap<TaskId, String>,
    /// The row new tasks go below (none: at the end).
    selected: Option<usize>,
    /// A new task whose name takes the focus once it is shown.
    focus: Option<TaskId>,
}

/// One change asked for in a frame.
enum Op {
    Rename(TaskId, String),
    Days(TaskId, String),
    Milestone(TaskId, bool),
    Move(usize, bool),
    Indent(usize),
    Outdent(usize),
    Delete(usize),
    Insert(NewRow),
}

impl TaskTable {
    /// Forgets what was typed: the stored template is shown again.
    pub(super) fn reload(&mut self) {
        self.names.clear();
        self.days.clear();
    }

    /// Draws the tasks of template `index` of `list`. Returns `None` when nothing changed,
    /// else whether the change was made on `list` or why it was refused. `close` is set when
    /// the person is done.
    pub(super) fn ui(
        &mut self,
        ui: &mut Ui,
        env: &Env,
        list: &mut ScheduleTemplates,
        index: usize,
        close: &mut bool,
    ) -> Option<Result<(), String>> {
        let template = list.templates.get(index)?;
        let plan = template.plan.clone();
        ui.horizontal(|ui| {
            ui.label(tasks_heading(&template.name, env.lang));
            if ui.button(env.tr("完成", "Done")).clicked() {
                *close = true;
            }
        });
        ui.weak(env.tr(
            "工期按工作日计，套用到工作时按当时的日历排开（跳过周末和节假日）；阶段的工期由其中的任务决定。",
            "Lengths are in working days; laid out on a job, they skip weekends and holidays. A phase lasts as long as its tasks.",
        ));
        let op = self.table_ui(ui, env, &plan);
        ui.horizontal(|ui| {
            let below = match self.selected {
                Some(i) => match env.lang {
                    Lang::Zh => format!("（加在第 {} 行下面）", i + 1),
                    Lang::En => format!(" (below row {})", i + 1),
                },
                None => String::new(),
            };
            let add = format!("{}{below}", env.tr("＋ 任务", "＋ Task"));
            let add_milestone = format!("{}{below}", env.tr("＋ 里程碑", "＋ Milestone"));
            if ui.button(add).clicked() {
                return Some(Op::Insert(NewRow::Task));
            }
            if ui.button(add_milestone).clicked() {
                return Some(Op::Insert(NewRow::Milestone));
            }
            None
        })
        .inner
        .or(op)
        .map(|op| self.apply(env, list, index, plan, op))
    }

    /// The task rows; returns the change asked for, if any.
    fn table_ui(&mut self, ui: &mut Ui, env: &Env, plan: &Schedule) -> Option<Op> {
        let cal = template_calendar();
        let mut op = None;
        egui::Grid::new("template_tasks")
            .num_columns(6)
            .striped(true)
            .spacing([10.0, 4.0])
            .show(ui, |ui| {
                ui.strong(env.tr("行", "Row"));
                let name_header = ui.strong(env.tr("任务", "Task"));
                ui.strong(env.tr("工期（工作日）", "Working days"));
                ui.strong(env.tr("里程碑", "Milestone"));
                ui.strong(env.tr("前置任务", "After rows"));
                ui.label("");
                ui.end_row();
                for (i, t) in plan.tasks.iter().enumerate() {
                    let row = i + 1;
                    let phase = plan.is_phase(i);
                    let pick = ui.selectable_label(self.selected == Some(i), row.to_string());
                    let label = match env.lang {
                        Lang::Zh => format!("选择第 {row} 行"),
                        Lang::En => format!("Choose row {row}"),
                    };
                    pick.widget_info(|| {
                        WidgetInfo::selected(Role::Button, true, self.selected == Some(i), &label)
                    });
                    if pick.clicked() {
                        self.selected = (self.selected != Some(i)).then_some(i);
                    }
                    ui.horizontal(|ui| {
                        if t.level > 0 {
                            ui.add_space(22.0);
                        }
                        if phase {
                            ui.strong("▾");
                        }
                        let buffer = self.names.entry(t.id).or_insert_with(|| t.name.clone());
                        let height = ui.spacing().interact_size.y;
                        let width = if t.level > 0 { 238.0 } else { 260.0 };
                        let field = ui
                            .add_sized([width, height], TextEdit::singleline(buffer))
                            .labelled_by(name_header.id);
                        if self.focus == Some(t.id) {
                            field.request_focus();
                            self.focus = None;
                        }
                        // Taken once: the stored name shows again until the change is saved.
                        if field.lost_focus() && buffer.trim() != t.name {
                            op = Some(Op::Rename(t.id, buffer.clone()));
                            self.names.remove(&t.id);
                        }
                    });
                    if phase || t.milestone {
                        let text = match phase {
                            true => days_text(t.duration(&cal), env.lang),
                            false => "—".to_string(),
                        };
                        ui.weak(text);
                    } else {
                        let buffer = self
                            .days
                            .entry(t.id)
                            .or_insert_with(|| t.duration(&cal).to_string());
                        let label = format!("{}{}", env.tr("工期：", "Working days: "), t.name);
                        let height = ui.spacing().interact_size.y;
                        let field = ui.add_sized([56.0, height], TextEdit::singleline(buffer));
                        field.widget_info(|| WidgetInfo::labeled(Role::TextInput, true, &label));
                        if field.lost_focus() && buffer.trim() != t.duration(&cal).to_string() {
                            op = Some(Op::Days(t.id, buffer.clone()));
                            self.days.remove(&t.id);
                        }
                    }
                    let mut milestone = t.milestone;
                    let label = format!("{}{}", env.tr("里程碑：", "Milestone: "), t.name);
                    let check =
                        ui.add_enabled(!phase, egui::Checkbox::without_text(&mut milestone));
                    check.widget_info(|| {
                        WidgetInfo::selected(Role::CheckBox, !phase, milestone, &label)
                    });
                    if check.changed() {
                        op = Some(Op::Milestone(t.id, milestone));
                    }
                    ui.weak(plan.predecessor_rows(t.id));
                    ui.horizontal(|ui| {
                        let buttons: [(&str, &str, &str, Op); 5] = [
                            ("↑", "上移", "Move up", Op::Move(i, true)),
                            ("↓", "下移", "Move down", Op::Move(i, false)),
                            (
                                "→",
                                "缩进到上面的阶段",
                                "Indent into the phase above",
                                Op::Indent(i),
                            ),
                            ("←", "取消缩进", "Outdent", Op::Outdent(i)),
                            ("✕", "删除", "Delete", Op::Delete(i)),
                        ];
                        for (symbol, zh, en, this) in buttons {
                            let label = match env.lang {
                                Lang::Zh => format!("{zh}第 {row} 行"),
                                Lang::En => format!("{en}: row {row}"),
                            };
                            let b = ui.small_button(symbol).on_hover_text(&label);
                            b.widget_info(|| WidgetInfo::labeled(Role::Button, true, &label));
                            if b.clicked() {
                                op = Some(this);
                            }
                        }
                    });
                    ui.end_row();
                }
            });
        op
    }

    /// Makes the change on a copy of the plan and puts it into `list`.
    fn apply(
        &mut self,
        env: &Env,
        list: &mut ScheduleTemplates,
        index: usize,
        mut plan: Schedule,
        op: Op,
    ) -> Result<(), String> {
        let cal = template_calendar();
        let refused = |e: ScheduleError| schedule_error(&e, env.lang);
        match op {
            Op::Rename(id, name) => plan.rename(id, &name).map_err(refused)?,
            Op::Days(id, text) => {
                let digits = crate::domain::text::ascii_digits(text.trim());
                let days = digits
                    .parse::<i64>()
                    .ok()
                    .filter(|d| (1..=MAX_DAYS).contains(d))
                    .ok_or_else(|| match env.lang {
                        Lang::Zh => format!("工期“{text}”无效：请填 1 到 {MAX_DAYS} 之间的整数（工作日）。"),
                        Lang::En => format!(
                            "“{text}” is not a length: type a whole number of working days from 1 to {MAX_DAYS}."
                        ),
                    })?;
                plan.set_duration(id, days, &cal).map_err(refused)?;
            }
            Op::Milestone(id, on) => {
                if let Some(t) = plan.tasks.iter_mut().find(|t| t.id == id) {
                    t.milestone = on;
                    t.end = t.start;
                }
                plan.roll_up(&cal);
            }
            Op::Move(i, up) => {
                if let Some(at) = plan.move_row(i, up, &cal) {
                    self.selected = Some(at);
                }
            }
            Op::Indent(i) => plan.indent(i, &cal).map_err(refused)?,
            Op::Outdent(i) => plan.outdent(i, &cal).map_err(refused)?,
            Op::Delete(i) => {
                plan.delete_rows(&[i], &cal);
                self.selected = None;
            }
            Op::Insert(kind) => {
                let name = match kind {
                    NewRow::Task => env.tr("新任务", "New task"),
                    NewRow::Milestone => env.tr("新里程碑", "New milestone"),
                };
                let below = self.selected.or(plan.tasks.len().checked_sub(1));
                let at = plan
                    .insert_row(below, kind, name, ANCHOR, &cal)
                    .map_err(refused)?;
                self.selected = Some(at);
                self.focus = plan.tasks.get(at).map(|t| t.id);
            }
        }
        list.set_plan(index, &plan)
            .map_err(|e| message(&e, env.lang))
    }
}

/// Why an edit of the table was refused, in the person's words.
fn schedule_error(e: &ScheduleError, lang: Lang) -> String {
    match (e, lang) {
        (ScheduleError::NothingAbove, Lang::Zh) => "第一行上面没有可以归入的阶段。".to_string(),
        (ScheduleError::NothingAbove, Lang::En) => {
            "The first row has no phase above it to go into.".to_string()
        }
        (ScheduleError::PhaseInPhase(_), Lang::Zh) => {
            "这一行是带任务的阶段，不能再缩进到另一个阶段里（只有一级阶段）。".to_string()
        }
        (ScheduleError::PhaseInPhase(_), Lang::En) => {
            "This row is a phase with tasks; phases cannot go inside another phase.".to_string()
        }
        (ScheduleError::NoTask(_) | ScheduleError::NoRow(_), Lang::Zh) => {
            "这一行已不存在（模板刚刚变了），请再试一次。".to_string()
        }
        (ScheduleError::NoTask(_) | ScheduleError::NoRow(_), Lang::En) => {
            "That row no longer exists (the template just changed); try again.".to_string()
        }
        (_, Lang::Zh) => "无法这样修改这一行。".to_string(),
        (other, Lang::En) => format!("Not changed: {other}."),
    }
}
