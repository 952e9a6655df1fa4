//! The schedule screen (工作进度表): a task table edited like a spreadsheet beside a Gantt
//! chart — weekends and holidays shaded, a today line, bars in the party colours with
//! progress, phases over their tasks, milestones as diamonds, what the client must do in
//! bold with ★, late tasks in the late colour *and* labelled. One switch flips the internal
//! and the client view of the same data. Plans are laid out backward from the job's due
//! date (倒排) as a preview to accept, rows are pasted from Excel, and a year without its
//! holiday notice is a warning with the way to add it.

mod dialogs;
mod gantt;
mod print;
mod row_ops;
mod table;
mod toolbar;

use crate::domain::calendar::WorkCalendar;
use crate::domain::schedule::{Backward, JobSchedule, Schedule, TaskId};
use crate::domain::{JobId, Lang};
use crate::reports::schedule::{PlanChoice, View, palette};
use crate::services::{Base, Command, Rev};
use crate::ui::model::{Env, Route, UiAction};
use crate::ui::screens::widgets::rgb;
use chrono::{Duration, NaiveDate};
use egui::Ui;
use row_ops::RowOp;

/// Internal or client view.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum ViewMode {
    /// Everything (对内).
    #[default]
    Internal,
    /// What the client sees (对客).
    Client,
}

/// How much a day takes on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum Zoom {
    /// A column per day.
    #[default]
    Day,
    /// Weeks.
    Week,
    /// Months.
    Month,
}

impl Zoom {
    fn day_width(self) -> f32 {
        match self {
            Zoom::Day => 22.0,
            Zoom::Week => 7.0,
            Zoom::Month => 2.2,
        }
    }
}

/// What the screen keeps between frames.
#[derive(Debug, Default)]
pub(crate) struct SchedulePage {
    job: Option<JobId>,
    generation: u64,
    loaded: Option<Result<Option<JobSchedule>, String>>,
    /// The revision of the plan loaded, which every save of it states (`None`: none yet).
    loaded_rev: Option<Rev>,
    issued: Vec<u32>,
    view: ViewMode,
    zoom: Zoom,
    /// What is being typed, by task and cell, until it is committed.
    typing: Vec<(TaskId, Field, String)>,
    /// A bar being dragged.
    drag: Option<Drag>,
    /// The job and zoom the chart was last scrolled to today for.
    scrolled: Option<(JobId, Zoom)>,
    /// The row that row operations apply to (the one being edited, or clicked).
    current: Option<TaskId>,
    /// The cell to give the keyboard focus to when it is next drawn.
    focus: Option<(TaskId, Field)>,
    /// A move to the next or previous row asked for in a cell (↑, ↓, Enter).
    step: Option<(TaskId, Field, i64)>,
    /// A row operation chosen in a row's menu.
    pending_op: Option<RowOp>,
    /// A backward layout waiting to be accepted or cancelled.
    preview: Option<Preview>,
    /// The paste-from-Excel box, with what was pasted into it.
    paste: Option<dialogs::PasteBox>,
    /// Why the last edit was refused.
    message: Option<String>,
    /// Every column (progress and the client flags too), or the compact table.
    wide: bool,
    /// The plan to print and export.
    plan: PlanChoice,
    /// The template chosen for a job's first plan (`None`: the agency's default).
    template: Option<usize>,
    /// The name typed for "save as template", while that box is open.
    template_name: Option<String>,
    /// The plans offered, for the data generation, view and language they were read for.
    plans: Option<(PlansKey, Vec<(PlanChoice, String)>)>,
}

/// What the plans offered were read for: the data generation, the view and the language.
type PlansKey = (u64, ViewMode, Lang);

/// A plan laid out backward, shown before it replaces the working plan.
#[derive(Debug, Clone)]
pub(crate) struct Preview {
    /// The due date it ends on.
    due: NaiveDate,
    /// The layout.
    backward: Backward,
    /// The plan it would replace (`None`: the job has no schedule yet).
    before: Option<Schedule>,
}

/// The editable cells of a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Field {
    /// The task's name.
    Name,
    /// The person responsible.
    Owner,
    /// The duration in days.
    Days,
    /// The first day.
    Start,
    /// The last day.
    End,
    /// Predecessors, as row numbers.
    After,
    /// Progress in per cent.
    Progress,
}

impl Field {
    /// The cell's name for screen readers and tests, before the task's name.
    fn label(self, env: &Env) -> &'static str {
        match self {
            Field::Name => env.tr("任务名称：", "Task name: "),
            Field::Owner => env.tr("负责人：", "Owner: "),
            Field::Days => env.tr("工期：", "Days: "),
            Field::Start => env.tr("开始：", "Start: "),
            Field::End => env.tr("结束：", "End: "),
            Field::After => env.tr("前置：", "After: "),
            Field::Progress => env.tr("进度：", "Progress: "),
        }
    }
}

/// A bar being dragged with the mouse: moved whole, or its end pulled.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Drag {
    task: TaskId,
    resize: bool,
    /// Horizontal distance dragged so far, in points.
    dx: f32,
}

impl Drag {
    /// Whole days the drag amounts to at `day_width` points a day.
    fn days(&self, day_width: f32) -> i64 {
        (self.dx / day_width).round() as i64
    }

    /// The schedule after the drag: the task moved (and its dependents with it, by working
    /// days), or its end set. `Ok(None)` when nothing changes; the reason, when the change
    /// is refused.
    fn apply(
        &self,
        schedule: &Schedule,
        day_width: f32,
        cal: &WorkCalendar,
    ) -> Result<Option<Schedule>, crate::domain::schedule::ScheduleError> {
        let days = self.days(day_width);
        let Some(task) = schedule.tasks.iter().find(|t| t.id == self.task) else {
            return Ok(None);
        };
        if days == 0 {
            return Ok(None);
        }
        let mut plan = schedule.clone();
        if self.resize {
            plan.set_end(self.task, task.end + Duration::days(days), cal)?;
        } else {
            plan.move_task(self.task, task.start + Duration::days(days), cal)?;
        }
        Ok((plan != *schedule).then_some(plan))
    }
}

/// The height of a table row and of a chart row beside it.
const ROW: f32 = 26.0;

impl SchedulePage {
    fn refresh(&mut self, env: &Env, job: JobId) {
        if self.job == Some(job) && self.generation == env.data.generation && self.loaded.is_some()
        {
            return;
        }
        if self.job != Some(job) {
            self.typing.clear();
            self.current = None;
            self.preview = None;
            self.paste = None;
            self.message = None;
        }
        self.job = Some(job);
        self.generation = env.data.generation;
        let shown = env.store.schedule_shown(job);
        self.loaded_rev = shown.as_ref().ok().and_then(|(_, r)| r.map(|r| r.rev));
        self.loaded = Some(shown.map(|(s, _)| s).map_err(|e| e.message(env.lang)));
        self.issued = match env.store.issued_schedules(job) {
            Ok(v) => v.iter().map(|i| i.version).collect(),
            Err(e) => {
                // The plan itself can still be worked on; say why the versions are missing.
                self.message = Some(format!(
                    "{}{}",
                    env.tr(
                        "发出的版本无法读取：",
                        "The issued versions cannot be read: "
                    ),
                    e.message(env.lang)
                ));
                Vec::new()
            }
        };
    }

    /// Draws the schedule of `job`.
    pub fn ui(&mut self, ui: &mut Ui, env: &Env, job_id: JobId, actions: &mut Vec<UiAction>) {
        let Some(job) = env.data.job(job_id) else {
            ui.heading(env.tr("找不到这个工作", "Job not found"));
            return;
        };
        self.refresh(env, job_id);
        ui.horizontal(|ui| {
            if ui
                .link(format!("{} · {}", job.number.text, job.title))
                .clicked()
            {
                actions.push(UiAction::Navigate(Route::Job(job_id)));
            }
            ui.heading(env.tr("工作进度表", "Schedule"));
            if let Some(due) = job.due_on {
                ui.label(format!(
                    "{}{}",
                    env.tr("截止日 ", "Due "),
                    due.format("%Y-%m-%d")
                ));
            }
        });
        super::widgets::archived_notice(ui, env, Some(job_id));
        let cal = &env.data.calendar;
        if let Some(done) = self.preview_ui(ui, env, cal) {
            if let Some(plan) = done {
                let base = self.base();
                actions.push(UiAction::Command(Command::SaveSchedule(job_id, plan, base)));
            }
            self.preview = None;
        }
        let schedule = match &self.loaded {
            Some(Ok(Some(s))) => s.schedule.clone(),
            Some(Ok(None)) => {
                self.create_ui(ui, env, job, cal, actions);
                return;
            }
            Some(Err(e)) => {
                ui.colored_label(ui.visuals().error_fg_color, e.as_str());
                return;
            }
            None => return,
        };
        self.toolbar_ui(ui, env, job_id, &schedule, cal, actions);
        holiday_warning_ui(ui, env, &schedule, cal, actions);
        let internal = self.view == ViewMode::Internal;
        if internal {
            self.edit_bar_ui(ui, env, job, &schedule, cal, actions);
        }
        if let Some(message) = &self.message {
            ui.colored_label(ui.visuals().error_fg_color, message);
        }
        ui.separator();
        // Keys for rows and pasted rows are taken before any cell sees them.
        let mut op = None;
        let mut pasted = None;
        if internal && self.preview.is_none() {
            op = self.row_keys(ui);
            pasted = super::paste::take_pasted_rows(ui);
            // In a cell with nothing typed, Ctrl+Z undoes the last change to the plan (the
            // field's own undo has nothing to undo), and Ctrl+Shift+Z / Ctrl+Y redo it.
            if self.typing.is_empty() && self.paste.is_none() {
                let keys = |m, k| egui::KeyboardShortcut::new(m, k);
                let (cmd, shift) = (egui::Modifiers::COMMAND, egui::Modifiers::SHIFT);
                let redo = ui.input_mut(|i| {
                    i.consume_shortcut(&keys(cmd | shift, egui::Key::Z))
                        || i.consume_shortcut(&keys(cmd, egui::Key::Y))
                });
                if redo {
                    actions.push(UiAction::Redo);
                } else if ui.input_mut(|i| i.consume_shortcut(&keys(cmd, egui::Key::Z))) {
                    actions.push(UiAction::Undo);
                }
            }
        }
        let shown = match self.view {
            ViewMode::Internal => schedule.clone(),
            ViewMode::Client => schedule.client_view(),
        };
        let mut edited = None;
        egui::ScrollArea::vertical()
            .id_salt(("schedule", job_id.0))
            .auto_shrink([false, false])
            .show(ui, |ui| {
                ui.horizontal_top(|ui| {
                    ui.vertical(|ui| match internal {
                        true => edited = self.editor_ui(ui, env, &schedule, cal),
                        false => table::client_table_ui(ui, env, &shown, cal),
                    });
                    ui.add_space(8.0);
                    let gantt = gantt::Gantt {
                        shown: &shown,
                        cal,
                        zoom: self.zoom,
                    };
                    // The chart scrolls on its own, beside the table; it opens on today when
                    // today falls within the schedule.
                    let mut area = egui::ScrollArea::horizontal()
                        .id_salt(("gantt", job_id.0))
                        .auto_shrink([false, true]);
                    if self.scrolled != Some((job_id, self.zoom)) {
                        self.scrolled = Some((job_id, self.zoom));
                        area = area.horizontal_scroll_offset(gantt.today_offset(env.today));
                    }
                    let finished = area.show(ui, |ui| gantt.ui(ui, env, &mut self.drag)).inner;
                    if let Some(drag) = finished
                        && internal
                    {
                        match drag.apply(&schedule, self.zoom.day_width(), cal) {
                            Ok(Some(mut plan)) => {
                                plan.roll_up(cal);
                                edited = Some(plan);
                            }
                            Ok(None) => {}
                            // A drag that cannot be made says why (the bar goes back).
                            Err(e) => self.message = Some(row_ops::schedule_error(&e, env)),
                        }
                    }
                });
                gantt::legend_ui(ui, env);
                super::meetings::job_actions_ui(ui, env, job_id, actions);
            });
        // What was typed, then the row operation or the pasted rows, on top of it.
        let base = edited.clone().unwrap_or_else(|| schedule.clone());
        let op = op.or(self.pending_op.take());
        let mut plan = edited;
        if let Some(op) = op {
            let mut next = base.clone();
            let current = self.current.and_then(|id| next.index_of(id));
            match op.apply(&mut next, current, env, cal) {
                Ok(select) => {
                    self.select(&next, select, Field::Name);
                    self.message = None;
                    plan = Some(next);
                }
                Err(e) => self.message = Some(e),
            }
        } else if let Some(text) = pasted {
            match self.paste_rows(&base, &text, env, cal) {
                Ok(next) => plan = Some(next),
                Err(e) => self.message = Some(e),
            }
        } else if let Some((id, field, dir)) = self.step.take() {
            let plan_now = plan.clone().unwrap_or_else(|| base.clone());
            if let Some(i) = plan_now.index_of(id) {
                let target = i as i64 + dir;
                if target >= 0 && (target as usize) < plan_now.tasks.len() {
                    self.focus = Some((plan_now.tasks[target as usize].id, field));
                } else if dir > 0 && field == Field::Name {
                    // Enter on the last row's name adds the next task.
                    let mut next = plan_now;
                    if let Ok(Some(select)) = RowOp::Insert(crate::domain::schedule::NewRow::Task)
                        .apply(&mut next, Some(i), env, cal)
                    {
                        self.select(&next, Some(select), Field::Name);
                        plan = Some(next);
                    }
                }
            }
        }
        self.step = None;
        if let Some(plan) = plan
            && plan != schedule
        {
            if plan.validate().is_ok() {
                self.message = None;
            }
            let base = self.base();
            actions.push(UiAction::Command(Command::SaveSchedule(job_id, plan, base)));
        }
    }

    /// What a save of the plan states it replaces: the revision loaded with it.
    fn base(&self) -> Base {
        Base::Shown(self.loaded_rev)
    }

    /// Selects row `index` of `plan` and puts the keyboard in its `field`.
    fn select(&mut self, plan: &Schedule, index: Option<usize>, field: Field) {
        if let Some(t) = index.and_then(|i| plan.tasks.get(i)) {
            self.current = Some(t.id);
            self.focus = Some((t.id, field));
        }
    }
}

/// A clear warning for every year the schedule reaches into whose holiday notice is not
/// known yet (weekends alone are counted then), with the button that opens the settings'
/// paste panel on that year.
fn holiday_warning_ui(
    ui: &mut Ui,
    env: &Env,
    schedule: &Schedule,
    cal: &WorkCalendar,
    actions: &mut Vec<UiAction>,
) {
    let Some((first, last)) = schedule.span() else {
        return;
    };
    let years = cal.years_without_notice(first, last);
    if super::settings::holiday_notice_warning(ui, &years, env.lang) {
        actions.push(UiAction::Navigate(Route::Settings));
    }
}
