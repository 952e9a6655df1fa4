//! The schedule screen (工作进度表): a task table to edit by keyboard beside a Gantt chart —
//! weekends and holidays shaded, a today line, bars in the party colours with progress,
//! milestones as diamonds, what the client must do in bold with ★, late tasks in the late
//! colour *and* labelled. One switch flips the internal and the client view of the same data.

use super::widgets::rgb;
use crate::domain::calendar::WorkCalendar;
use crate::domain::format;
use crate::domain::schedule::{JobSchedule, Schedule, TaskId, TaskStatus};
use crate::domain::{JobId, Lang};
use crate::reports::schedule::{
    CLIENT_ACTION_MARK, View, labels, palette, party_label, status_label,
};
use crate::services::Command;
use crate::ui::model::{Env, Route, UiAction};
use chrono::{Datelike, Duration, NaiveDate};
use egui::{Align2, Color32, FontId, Pos2, Rect, RichText, Sense, Stroke, Ui, Vec2};

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
    issued: Vec<u32>,
    view: ViewMode,
    zoom: Zoom,
    /// The dates being typed, by task and field, until they are committed.
    typing: Vec<(TaskId, DateField, String)>,
    /// A bar being dragged.
    drag: Option<Drag>,
    /// The job and zoom the chart was last scrolled to today for.
    scrolled: Option<(JobId, Zoom)>,
}

/// The date columns of the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DateField {
    /// The first day.
    Start,
    /// The last day.
    End,
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
    /// days), or its end set. `None` when nothing changes or the change is refused.
    fn apply(&self, schedule: &Schedule, day_width: f32, cal: &WorkCalendar) -> Option<Schedule> {
        let days = self.days(day_width);
        let task = schedule.tasks.iter().find(|t| t.id == self.task)?;
        if days == 0 {
            return None;
        }
        let mut plan = schedule.clone();
        let changed = if self.resize {
            plan.set_end(self.task, task.end + Duration::days(days), cal)
        } else {
            plan.move_task(self.task, task.start + Duration::days(days), cal)
        };
        changed.ok()?;
        (plan != *schedule).then_some(plan)
    }
}

const ROW: f32 = 26.0;

impl SchedulePage {
    fn refresh(&mut self, env: &Env, job: JobId) {
        if self.job == Some(job) && self.generation == env.data.generation && self.loaded.is_some()
        {
            return;
        }
        if self.job != Some(job) {
            self.typing.clear();
        }
        self.job = Some(job);
        self.generation = env.data.generation;
        self.loaded = Some(env.store.schedule(job).map_err(|e| e.to_string()));
        self.issued = env
            .store
            .issued_schedules(job)
            .map(|v| v.iter().map(|i| i.version).collect())
            .unwrap_or_default();
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
        });
        let schedule = match &self.loaded {
            Some(Ok(Some(s))) => s.schedule.clone(),
            Some(Ok(None)) => {
                ui.label(env.tr("这个工作还没有进度表。", "This job has no schedule yet."));
                let start = env.today.max(job.requested_on);
                if ui
                    .button(env.tr("按标准流程创建", "Create from the standard plan"))
                    .clicked()
                {
                    let plan = crate::services::standard_plan(start, &env.data.calendar);
                    actions.push(UiAction::Command(Command::SaveSchedule(job_id, plan)));
                }
                return;
            }
            Some(Err(e)) => {
                ui.colored_label(ui.visuals().error_fg_color, e.as_str());
                return;
            }
            None => return,
        };
        let cal = &env.data.calendar;
        self.toolbar_ui(ui, env, job_id, &schedule, cal, actions);
        ui.separator();
        let shown = match self.view {
            ViewMode::Internal => schedule.clone(),
            ViewMode::Client => schedule.client_view(),
        };
        egui::ScrollArea::vertical()
            .id_salt(("schedule", job_id.0))
            .auto_shrink([false, false])
            .show(ui, |ui| {
                ui.horizontal_top(|ui| {
                    ui.vertical(|ui| {
                        self.table_ui(ui, env, job_id, &schedule, &shown, cal, actions)
                    });
                    ui.add_space(8.0);
                    let gantt = Gantt {
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
                        && let Some(plan) = drag.apply(&schedule, self.zoom.day_width(), cal)
                    {
                        actions.push(UiAction::Command(Command::SaveSchedule(job_id, plan)));
                    }
                });
                legend_ui(ui, env);
                super::meetings::job_actions_ui(ui, env, job_id, actions);
            });
    }

    fn toolbar_ui(
        &mut self,
        ui: &mut Ui,
        env: &Env,
        job_id: JobId,
        schedule: &Schedule,
        cal: &WorkCalendar,
        actions: &mut Vec<UiAction>,
    ) {
        ui.horizontal(|ui| {
            ui.selectable_value(
                &mut self.view,
                ViewMode::Internal,
                env.tr("对内", "Internal"),
            );
            ui.selectable_value(
                &mut self.view,
                ViewMode::Client,
                env.tr("对客", "Client view"),
            );
            ui.separator();
            ui.selectable_value(&mut self.zoom, Zoom::Day, env.tr("日", "Day"));
            ui.selectable_value(&mut self.zoom, Zoom::Week, env.tr("周", "Week"));
            ui.selectable_value(&mut self.zoom, Zoom::Month, env.tr("月", "Month"));
            ui.separator();
            let next = self.issued.last().map_or(1, |v| v + 1);
            let label = match env.lang {
                Lang::Zh => format!("发给客户（v{next}）"),
                Lang::En => format!("Issue to client (v{next})"),
            };
            if ui.button(label).clicked() {
                actions.push(UiAction::Command(Command::IssueSchedule(job_id)));
            }
            match self.issued.last() {
                Some(v) => ui.weak(format!("{} v{v}", env.tr("已发出", "Issued"))),
                None => ui.weak(env.tr("尚未发给客户", "Not issued yet")),
            };
            ui.separator();
            self.print_ui(ui, env, job_id, actions);
            let conflicts = schedule.conflicts().len();
            if conflicts > 0 {
                let text = match env.lang {
                    Lang::Zh => format!("⚠ {conflicts} 处前后任务冲突"),
                    Lang::En => format!("⚠ {conflicts} dependency conflict(s)"),
                };
                ui.colored_label(rgb(palette::LATE), text);
            }
            if let Some((first, last)) = schedule.span()
                && (!cal.has_official_data(first.year()) || !cal.has_official_data(last.year()))
            {
                let year = if cal.has_official_data(first.year()) {
                    last.year()
                } else {
                    first.year()
                };
                let text = match env.lang {
                    Lang::Zh => format!("{year} 年节假日安排尚未发布，按周末计算"),
                    Lang::En => format!("{year} holidays not yet published: weekends only"),
                };
                ui.weak(text);
            }
        });
    }

    /// A date field of the table showing `value`, or what is being typed into it.
    fn date_field(
        &mut self,
        ui: &mut Ui,
        task: TaskId,
        field: DateField,
        value: NaiveDate,
        hint: &str,
    ) -> egui::Response {
        let slot = self
            .typing
            .iter()
            .position(|(id, f, _)| *id == task && *f == field);
        let mut text = slot.and_then(|i| self.typing.get(i)).map_or_else(
            || value.format("%Y-%m-%d").to_string(),
            |(_, _, s)| s.clone(),
        );
        let response = ui
            .add_sized(
                [96.0, ROW - 4.0],
                egui::TextEdit::singleline(&mut text).id_salt(("task_date", task.0, field as u8)),
            )
            .on_hover_text(hint);
        if response.changed() {
            match slot.and_then(|i| self.typing.get_mut(i)) {
                Some(entry) => entry.2 = text,
                None => self.typing.push((task, field, text)),
            }
        }
        response
    }

    /// The date typed into a field that just lost focus (Enter, Tab or a click elsewhere),
    /// if it is a date; the typing is over either way.
    fn committed(
        &mut self,
        response: &egui::Response,
        task: TaskId,
        field: DateField,
    ) -> Option<NaiveDate> {
        if !response.lost_focus() {
            return None;
        }
        let slot = self
            .typing
            .iter()
            .position(|(id, f, _)| *id == task && *f == field)?;
        let (_, _, text) = self.typing.remove(slot);
        format::parse_date(&text)
    }

    /// Print (Ctrl+P) and export the view on screen: the newest issued version, or the
    /// working plan as a draft before the first issue.
    fn print_ui(&self, ui: &mut Ui, env: &Env, job_id: JobId, actions: &mut Vec<UiAction>) {
        use crate::pdf::Paper;
        use crate::services::export::ScheduleFormat;
        let view = match self.view {
            ViewMode::Internal => View::Internal,
            ViewMode::Client => View::Client,
        };
        let print = egui::KeyboardShortcut::new(egui::Modifiers::COMMAND, egui::Key::P);
        let keys = ui.ctx().format_shortcut(&print);
        let what = match self.view {
            ViewMode::Internal => env.tr("内部版", "the internal version"),
            ViewMode::Client => env.tr("对客版", "the client version"),
        };
        let tip = match env.lang {
            Lang::Zh => format!("打印{what}（A4 横向）({keys})"),
            Lang::En => format!("Print {what} (A4 landscape) ({keys})"),
        };
        let clicked = ui
            .button(env.tr("打印…", "Print…"))
            .on_hover_text(tip)
            .clicked();
        if clicked || ui.input_mut(|i| i.consume_shortcut(&print)) {
            actions.push(UiAction::PrintSchedule(job_id, view));
        }
        ui.menu_button(env.tr("导出", "Export"), |ui| {
            let items = [
                (
                    env.tr("PDF（A4 横向）…", "PDF (A4 landscape)…"),
                    ScheduleFormat::Pdf(Paper::A4),
                ),
                (
                    env.tr("PDF（A3 横向）…", "PDF (A3 landscape)…"),
                    ScheduleFormat::Pdf(Paper::A3),
                ),
                (
                    env.tr("Excel 工作簿…", "Excel workbook…"),
                    ScheduleFormat::Xlsx,
                ),
                (
                    env.tr("客户日历（.ics）…", "Client calendar (.ics)…"),
                    ScheduleFormat::Ics,
                ),
            ];
            for (label, format) in items {
                if ui.button(label).clicked() {
                    actions.push(UiAction::ExportSchedule(job_id, view, format));
                    ui.close();
                }
            }
        });
    }

    /// The table: name, party, start (editable), end, status. Changing a start moves the
    /// task and its dependents by working days and saves at once (Ctrl+Z undoes it).
    #[allow(clippy::too_many_arguments)]
    fn table_ui(
        &mut self,
        ui: &mut Ui,
        env: &Env,
        job_id: JobId,
        schedule: &Schedule,
        shown: &Schedule,
        cal: &WorkCalendar,
        actions: &mut Vec<UiAction>,
    ) {
        // No vertical spacing: every row is exactly ROW high, like the chart's rows beside it.
        egui::Grid::new(("schedule_table", job_id.0))
            .min_row_height(ROW)
            .spacing([10.0, 0.0])
            .striped(true)
            .show(ui, |ui| {
                for h in [
                    env.tr("任务", "Task"),
                    env.tr("负责方", "Party"),
                    env.tr("开始", "Start"),
                    env.tr("结束", "End"),
                    env.tr("状态", "Status"),
                ] {
                    ui.strong(h);
                }
                ui.end_row();
                for t in &shown.tasks {
                    let mut name = RichText::new(&t.name);
                    if t.client_action {
                        name = RichText::new(format!("{CLIENT_ACTION_MARK} {}", t.name))
                            .strong()
                            .color(rgb(palette::CLIENT_ACTION));
                    }
                    if !t.client_visible {
                        name = name.italics();
                    }
                    // Rows out of view keep their labels (the columns keep their widths)
                    // but skip the date field, the costly part of a row.
                    let in_view = ui
                        .is_rect_visible(Rect::from_min_size(ui.cursor().min, Vec2::new(1.0, ROW)));
                    let name_label = ui.label(name);
                    let party = party_label(t.party);
                    ui.label(env.lang.pick(party.zh, party.en));
                    if !in_view {
                        ui.allocate_space(Vec2::new(96.0, ROW - 4.0));
                        ui.label(t.end.format("%Y-%m-%d").to_string());
                        let text = status_label(t.status_on(env.today));
                        ui.label(env.lang.pick(text.zh, text.en));
                        ui.end_row();
                        continue;
                    }
                    // The fields are named after their task, for screen readers and tests.
                    let start_hint = env.tr(
                        "输入日期后按回车，后续任务按工作日顺延",
                        "Type a date and press Enter; dependent tasks move by working days",
                    );
                    let typed = self.date_field(ui, t.id, DateField::Start, t.start, start_hint);
                    let typed = typed.labelled_by(name_label.id);
                    if let Some(day) = self.committed(&typed, t.id, DateField::Start)
                        && day != t.start
                    {
                        let mut plan = schedule.clone();
                        if plan.move_task(t.id, day, cal).is_ok() {
                            actions.push(UiAction::Command(Command::SaveSchedule(job_id, plan)));
                        }
                    }
                    if t.milestone {
                        // A milestone is one day: its start is its end.
                        ui.label(t.end.format("%Y-%m-%d").to_string());
                    } else {
                        let end_hint = env.tr(
                            "输入结束日期后按回车，后续任务按工作日顺延",
                            "Type the last day and press Enter; dependent tasks move by working days",
                        );
                        let typed = self.date_field(ui, t.id, DateField::End, t.end, end_hint);
                        let end_label = format!("{}{}", env.tr("结束：", "End: "), t.name);
                        typed.widget_info(|| {
                            egui::WidgetInfo::labeled(
                                egui::Role::TextInput,
                                true,
                                end_label.as_str(),
                            )
                        });
                        if let Some(day) = self.committed(&typed, t.id, DateField::End)
                            && day != t.end
                        {
                            let mut plan = schedule.clone();
                            if plan.set_end(t.id, day, cal).is_ok() {
                                actions
                                    .push(UiAction::Command(Command::SaveSchedule(job_id, plan)));
                            }
                        }
                    }
                    let status = t.status_on(env.today);
                    let text = status_label(status);
                    let text = env.lang.pick(text.zh, text.en);
                    match status {
                        TaskStatus::Late => {
                            ui.colored_label(rgb(palette::LATE), format!("⚠ {text}"))
                        }
                        _ if t.at_risk(env.today, cal) => {
                            let risk = env.tr(labels::AT_RISK.zh, labels::AT_RISK.en);
                            ui.colored_label(rgb(palette::AT_RISK), format!("△ {risk}"))
                        }
                        _ => ui.label(text),
                    };
                    ui.end_row();
                }
            });
    }
}

/// The chart beside the table: one row per task, aligned with the table rows.
struct Gantt<'a> {
    shown: &'a Schedule,
    cal: &'a WorkCalendar,
    zoom: Zoom,
}

impl Gantt<'_> {
    /// The first day drawn: two days before the first task.
    fn first_day(&self) -> Option<NaiveDate> {
        self.shown
            .span()
            .map(|(first, _)| first - Duration::days(2))
    }

    /// Where to scroll so that `today` shows a little in from the left edge; 0 when today is
    /// outside the schedule.
    fn today_offset(&self, today: NaiveDate) -> f32 {
        match (self.first_day(), self.shown.span()) {
            (Some(first), Some((_, last))) if today > first && today <= last => {
                ((today - first).num_days() as f32 * self.zoom.day_width() - 160.0).max(0.0)
            }
            _ => 0.0,
        }
    }

    /// Paints the chart; bars can be dragged to move a task, their right end to change its end.
    /// Returns the finished drag, if one was let go this frame.
    fn ui(&self, ui: &mut Ui, env: &Env, drag: &mut Option<Drag>) -> Option<Drag> {
        let (shown, cal, zoom) = (self.shown, self.cal, self.zoom);
        let (first, last) = shown.span()?;
        let first = first - Duration::days(2);
        let last = last + Duration::days(3);
        let days = (last - first).num_days() + 1;
        let w = zoom.day_width();
        let size = Vec2::new(days as f32 * w, ROW * (shown.tasks.len() as f32 + 1.0));
        let (rect, _) = ui.allocate_exact_size(size, Sense::hover());
        let painter = ui.painter_at(rect);
        let x_of = |d: NaiveDate| rect.left() + (d - first).num_days() as f32 * w;
        let visuals = ui.visuals().clone();
        let shade = if visuals.dark_mode {
            Color32::from_gray(45)
        } else {
            rgb(palette::NON_WORKING)
        };
        // Header: dates, and the shading of days off under everything — only for the days
        // in view (a long schedule has hundreds).
        let clip = ui.clip_rect();
        let in_view =
            |x: f32| first + Duration::days(((x - rect.left()) / w).floor().max(0.0) as i64);
        let view_first = in_view(clip.left()).max(first);
        let view_last = (in_view(clip.right()) + Duration::days(1)).min(last);
        let mut d = view_first;
        while d <= view_last {
            let x = x_of(d);
            if !cal.is_working(d) && zoom != Zoom::Month {
                painter.rect_filled(
                    Rect::from_min_max(
                        Pos2::new(x, rect.top() + ROW),
                        Pos2::new(x + w, rect.bottom()),
                    ),
                    0.0,
                    shade,
                );
            }
            // Two header lines: the month where it starts (and at the left edge of the
            // view), the days (or week starts) below.
            if d.day() == 1 || d == view_first {
                painter.text(
                    Pos2::new(x.max(clip.left()) + 1.0, rect.top() + 7.0),
                    Align2::LEFT_CENTER,
                    match env.lang {
                        Lang::Zh => format!("{}年{}月", d.year(), d.month()),
                        Lang::En => d.format("%b %Y").to_string(),
                    },
                    FontId::proportional(10.5),
                    visuals.text_color(),
                );
            }
            let label = match zoom {
                Zoom::Day => Some(d.day().to_string()),
                Zoom::Week if d.weekday() == chrono::Weekday::Mon => Some(d.day().to_string()),
                _ => None,
            };
            if let Some(label) = label {
                painter.text(
                    Pos2::new(x + w / 2.0, rect.top() + 19.0),
                    Align2::CENTER_CENTER,
                    label,
                    FontId::proportional(10.0),
                    visuals.weak_text_color(),
                );
            }
            d += Duration::days(1);
        }
        // Today.
        if env.today >= first && env.today <= last {
            let x = x_of(env.today) + w / 2.0;
            painter.line_segment(
                [Pos2::new(x, rect.top()), Pos2::new(x, rect.bottom())],
                Stroke::new(1.5, rgb(palette::LATE)),
            );
        }
        let top_of = |i: usize| rect.top() + ROW * (i as f32 + 1.0);
        let mut finished = None;
        for (i, t) in shown.tasks.iter().enumerate() {
            let top = top_of(i);
            if top > clip.bottom() || top + ROW < clip.top() {
                continue;
            }
            // Interaction first, so the bar is drawn where the drag has it.
            let (start_x, end_x) = (x_of(t.start), x_of(t.end) + w);
            let body = Rect::from_min_max(
                Pos2::new(start_x, top + 3.0),
                Pos2::new(end_x, top + ROW - 3.0),
            );
            let handle = Rect::from_min_max(
                Pos2::new(end_x - 5.0, top + 3.0),
                Pos2::new(end_x + 3.0, top + ROW - 3.0),
            );
            let id = egui::Id::unique(("schedule-bar", t.id.0));
            let moved = ui
                .interact(body, id, Sense::drag())
                .on_hover_cursor(egui::CursorIcon::Grab);
            let bar_label = format!("{}{}", env.tr("甘特条：", "Bar: "), t.name);
            moved.widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::Button, true, bar_label.as_str())
            });
            let pulled = match t.milestone {
                true => None,
                false => Some(
                    ui.interact(handle, id.with("end"), Sense::drag())
                        .on_hover_cursor(egui::CursorIcon::ResizeHorizontal),
                ),
            };
            for (response, resize) in [(Some(&moved), false), (pulled.as_ref(), true)] {
                let Some(response) = response else { continue };
                if response.drag_started() {
                    *drag = Some(Drag {
                        task: t.id,
                        resize,
                        dx: 0.0,
                    });
                }
                if response.dragged()
                    && let Some(d) = drag
                        .as_mut()
                        .filter(|d| d.task == t.id && d.resize == resize)
                {
                    d.dx += response.drag_delta().x;
                }
                if response.drag_stopped()
                    && drag.is_some_and(|d| d.task == t.id && d.resize == resize)
                {
                    finished = drag.take();
                }
            }
            let offset = drag.filter(|d| d.task == t.id).map_or((0.0, 0.0), |d| {
                let dx = d.days(w) as f32 * w;
                if d.resize { (0.0, dx) } else { (dx, dx) }
            });
            let (shift_start, shift_end) = offset;
            let colour = rgb(palette::party(t.party));
            let late = t.status_on(env.today) == TaskStatus::Late;
            if t.milestone {
                let c = Pos2::new(x_of(t.start) + shift_start + w / 2.0, top + ROW / 2.0);
                painter.add(super::widgets::diamond(
                    c,
                    7.0,
                    colour,
                    Stroke::new(1.0, visuals.text_color()),
                ));
            } else {
                let bar = Rect::from_min_max(
                    Pos2::new(x_of(t.start) + shift_start, top + 6.0),
                    Pos2::new(
                        (x_of(t.end) + w + shift_end).max(x_of(t.start) + shift_start + w),
                        top + ROW - 6.0,
                    ),
                );
                painter.rect_filled(bar, 3.0, colour.gamma_multiply(0.45));
                let done = bar.width() * f32::from(t.progress.min(100)) / 100.0;
                painter.rect_filled(
                    Rect::from_min_size(bar.min, Vec2::new(done, bar.height())),
                    3.0,
                    colour,
                );
                if late {
                    painter.rect_stroke(
                        bar,
                        3.0,
                        Stroke::new(2.0, rgb(palette::LATE)),
                        egui::StrokeKind::Outside,
                    );
                } else if t.at_risk(env.today, cal) {
                    let r = bar.expand(1.5);
                    let corners = [
                        r.left_top(),
                        r.right_top(),
                        r.right_bottom(),
                        r.left_bottom(),
                        r.left_top(),
                    ];
                    painter.add(egui::Shape::dashed_line(
                        &corners,
                        Stroke::new(1.5, rgb(palette::AT_RISK)),
                        4.0,
                        3.0,
                    ));
                }
                if let (Some(a), end) = (t.actual_start, t.actual_end) {
                    let end = end.unwrap_or(env.today.min(t.end));
                    painter.line_segment(
                        [
                            Pos2::new(x_of(a), top + ROW - 3.0),
                            Pos2::new(x_of(end) + w, top + ROW - 3.0),
                        ],
                        Stroke::new(2.0, visuals.text_color()),
                    );
                }
            }
            if t.client_action {
                painter.text(
                    Pos2::new(x_of(t.end) + w + shift_end + 4.0, top + ROW / 2.0),
                    Align2::LEFT_CENTER,
                    CLIENT_ACTION_MARK,
                    FontId::proportional(13.0),
                    rgb(palette::CLIENT_ACTION),
                );
            }
            // Dependencies: from the predecessor's end to this start.
            for before in &t.after {
                if let Some((j, p)) = shown
                    .tasks
                    .iter()
                    .enumerate()
                    .find(|(_, p)| p.id == *before)
                {
                    let from = Pos2::new(x_of(p.end) + w, top_of(j) + ROW / 2.0);
                    let to = Pos2::new(x_of(t.start), top + ROW / 2.0);
                    let stroke = Stroke::new(1.0, visuals.weak_text_color());
                    painter.line_segment([from, Pos2::new(from.x + 4.0, from.y)], stroke);
                    painter.line_segment(
                        [
                            Pos2::new(from.x + 4.0, from.y),
                            Pos2::new(from.x + 4.0, to.y),
                        ],
                        stroke,
                    );
                    painter.arrow(
                        Pos2::new(from.x + 4.0, to.y),
                        Vec2::new(to.x - from.x - 4.0, 0.0),
                        stroke,
                    );
                }
            }
        }
        finished
    }
}

fn legend_ui(ui: &mut Ui, env: &Env) {
    ui.add_space(8.0);
    ui.horizontal(|ui| {
        for party in crate::domain::schedule::Party::ALL {
            let (rect, _) = ui.allocate_exact_size(Vec2::new(14.0, 10.0), Sense::hover());
            ui.painter()
                .rect_filled(rect, 2.0, rgb(palette::party(party)));
            let l = party_label(party);
            ui.label(env.lang.pick(l.zh, l.en));
        }
        ui.label(
            RichText::new(format!(
                "{CLIENT_ACTION_MARK} {}",
                env.tr("客户配合", "Client action")
            ))
            .strong()
            .color(rgb(palette::CLIENT_ACTION)),
        );
        ui.label(RichText::new(env.tr("◆ 里程碑", "◆ Milestone")));
        ui.colored_label(rgb(palette::LATE), env.tr("⚠ 延误", "⚠ Late"));
        ui.colored_label(rgb(palette::AT_RISK), env.tr("△ 有风险", "△ At risk"));
        let (rect, _) = ui.allocate_exact_size(Vec2::new(12.0, 12.0), Sense::hover());
        ui.painter()
            .rect_filled(rect, 0.0, rgb(palette::NON_WORKING));
        ui.label(env.tr("休息日", "Day off"));
        let (rect, _) = ui.allocate_exact_size(Vec2::new(6.0, 14.0), Sense::hover());
        ui.painter().line_segment(
            [rect.center_top(), rect.center_bottom()],
            Stroke::new(1.5, rgb(palette::LATE)),
        );
        ui.label(env.tr("今天", "Today"));
    });
}
