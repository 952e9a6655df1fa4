//! The task table as an editor, used like a spreadsheet: every cell of the internal view is
//! typed into and committed with Enter or Tab (↑/↓ move between rows), rows are added
//! (Ctrl+Enter; Enter on the last row's name), deleted (Ctrl+Delete), duplicated (Ctrl+D),
//! moved (Alt+↑/↓, or dragged by their number) and indented into phases (Alt+→ / Alt+←).
//! Every change is saved at once as a new working plan; Ctrl+Z and Ctrl+Shift+Z (Ctrl+Y)
//! undo and redo it. The client view is a read-only preview of what the client receives.

use super::row_ops::{RowOp, schedule_error};
use super::{Field, ROW, SchedulePage};
use crate::domain::calendar::WorkCalendar;
use crate::domain::format;
use crate::domain::schedule::{Party, Schedule, Task, TaskId, TaskStatus};
use crate::domain::text::ascii_digits;
use crate::reports::schedule::{CLIENT_ACTION_MARK, labels, palette, party_label, status_label};
use crate::ui::model::Env;
use crate::ui::screens::widgets::rgb;
use chrono::NaiveDate;
use egui::{Key, RichText, Ui, Vec2};

/// Column widths (points), so rows out of view take the same room without being drawn.
const W_NUM: f32 = 30.0;
const W_NAME: f32 = 190.0;
const W_PARTY: f32 = 78.0;
const W_OWNER: f32 = 70.0;
const W_DAYS: f32 = 36.0;
const W_DATE: f32 = 88.0;
const W_AFTER: f32 = 52.0;
const W_PROGRESS: f32 = 40.0;
const W_STATUS: f32 = 82.0;

impl SchedulePage {
    /// The row operations asked for by keys this frame (before any cell takes the keys).
    pub(super) fn row_keys(&self, ui: &Ui) -> Option<RowOp> {
        RowOp::ALL
            .into_iter()
            .find(|op| ui.input_mut(|i| i.consume_shortcut(&op.shortcut())))
    }

    /// The editable table of the internal view. Returns the edited plan, if a cell was
    /// committed this frame.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn editor_ui(
        &mut self,
        ui: &mut Ui,
        env: &Env,
        schedule: &Schedule,
        cal: &WorkCalendar,
    ) -> Option<Schedule> {
        let mut edited: Option<Schedule> = None;
        let mut dropped: Option<(TaskId, usize)> = None;
        egui::Grid::new("schedule_editor")
            .min_row_height(ROW)
            .spacing([6.0, 0.0])
            .striped(true)
            .show(ui, |ui| {
                header(ui, env, if self.wide { Columns::All } else { Columns::Compact });
                for (i, t) in schedule.tasks.iter().enumerate() {
                    let in_view = ui
                        .is_rect_visible(egui::Rect::from_min_size(ui.cursor().min, Vec2::new(1.0, ROW)));
                    if !in_view && self.focus.is_none_or(|(id, _)| id != t.id) {
                        let widths: &[f32] = match self.wide {
                            true => &[
                                W_NUM, W_NAME, W_PARTY, W_OWNER, W_DAYS, W_DATE, W_DATE, W_AFTER,
                                W_PROGRESS, W_STATUS, 18.0, 18.0,
                            ],
                            false => &[
                                W_NUM, W_NAME, W_PARTY, W_OWNER, W_DAYS, W_DATE, W_DATE, W_AFTER,
                                W_STATUS,
                            ],
                        };
                        for w in widths {
                            ui.allocate_space(Vec2::new(*w, ROW - 4.0));
                        }
                        ui.end_row();
                        continue;
                    }
                    let phase = schedule.is_phase(i);
                    let current = self.current == Some(t.id);
                    // The row number: select, drag to reorder, right-click for the row menu.
                    let num = egui::Label::new(
                        RichText::new(format!("{}", i + 1)).strong().color(match current {
                            true => ui.visuals().selection.stroke.color,
                            false => ui.visuals().weak_text_color(),
                        }),
                    )
                    .sense(egui::Sense::click_and_drag());
                    let num = ui
                        .add_sized([W_NUM, ROW - 4.0], num)
                        .on_hover_text(env.tr(
                            "拖动行号可调整顺序；右键查看更多操作",
                            "Drag the row number to reorder; right-click for more",
                        ));
                    if num.clicked() {
                        self.current = Some(t.id);
                    }
                    num.dnd_set_drag_payload(t.id);
                    if let Some(from) = num.dnd_release_payload::<TaskId>() {
                        dropped = Some((*from, i));
                    }
                    num.context_menu(|ui| {
                        self.current = Some(t.id);
                        for op in RowOp::BUTTONS {
                            let keys = ui.ctx().format_shortcut(&op.shortcut());
                            if ui
                                .add(egui::Button::new(op.label(env)).shortcut_text(keys))
                                .clicked()
                            {
                                self.pending_op = Some(op);
                                ui.close();
                            }
                        }
                    });
                    // Task name, indented under its phase; a phase in bold.
                    ui.horizontal(|ui| {
                        ui.set_width(W_NAME);
                        ui.spacing_mut().item_spacing.x = 2.0;
                        if t.level > 0 {
                            ui.add_space(14.0);
                        }
                        if t.client_action {
                            ui.label(
                                RichText::new(CLIENT_ACTION_MARK).color(rgb(palette::CLIENT_ACTION)),
                            );
                        }
                        if t.milestone {
                            ui.label("◆");
                        }
                        let width = ui.available_width();
                        let r = self.cell(ui, env, t, Field::Name, &t.name, width, phase);
                        if let Some(text) = r {
                            let mut plan = schedule.clone();
                            if text.trim().is_empty() {
                                self.message =
                                    Some(env.tr("任务名称不能为空。", "A task needs a name.").into());
                            } else if plan.rename(t.id, &text).is_ok() {
                                edited = Some(plan);
                            }
                        }
                    });
                    // Party.
                    let mut party = t.party;
                    let label = |p: Party| {
                        let l = party_label(p);
                        env.lang.pick(l.zh, l.en)
                    };
                    egui::ComboBox::from_id_salt(("party", t.id.0))
                        .width(W_PARTY - 8.0)
                        .selected_text(label(party))
                        .show_ui(ui, |ui| {
                            for p in Party::ALL {
                                ui.selectable_value(&mut party, p, label(p));
                            }
                        })
                        .response
                        .widget_info(|| {
                            let name = format!("{}{}", env.tr("负责方：", "Party: "), t.name);
                            egui::WidgetInfo::labeled(egui::Role::ComboBox, true, name.as_str())
                        });
                    if party != t.party {
                        let mut plan = schedule.clone();
                        if let Some(x) = plan.tasks.iter_mut().find(|x| x.id == t.id) {
                            x.party = party;
                        }
                        edited = Some(plan);
                    }
                    // Owner.
                    if let Some(text) = self.cell(ui, env, t, Field::Owner, &t.owner, W_OWNER, false) {
                        let mut plan = schedule.clone();
                        if let Some(x) = plan.tasks.iter_mut().find(|x| x.id == t.id) {
                            x.owner = text.trim().to_string();
                        }
                        edited = Some(plan);
                    }
                    // Duration, in working days (or calendar days, toggled beside it).
                    let days = t.duration(cal);
                    ui.horizontal(|ui| {
                        ui.set_width(W_DAYS + 18.0);
                        ui.spacing_mut().item_spacing.x = 1.0;
                        let read_only = phase || t.milestone;
                        let shown = if t.milestone { "0".to_string() } else { days.to_string() };
                        if let Some(text) = self.cell(ui, env, t, Field::Days, &shown, W_DAYS, read_only) {
                            match ascii_digits(&text).trim_end_matches(['天', 'd']).trim().parse::<i64>() {
                                Ok(n) if (1..=999).contains(&n) => {
                                    let mut plan = schedule.clone();
                                    match plan.set_duration(t.id, n, cal) {
                                        Ok(_) => edited = Some(plan),
                                        Err(e) => self.message = Some(schedule_error(&e, env)),
                                    }
                                }
                                _ => {
                                    self.message = Some(match env.lang {
                                        crate::domain::Lang::Zh => format!("“{text}”不是工期：请填写 1 到 999 之间的天数。"),
                                        crate::domain::Lang::En => format!("“{text}” is not a duration: type a number of days from 1 to 999."),
                                    })
                                }
                            }
                        }
                        if !read_only {
                            let (mark, tip) = match t.calendar_days {
                                true => (env.tr("历", "C"), env.tr("按日历日计（含周末和节假日）；点击改为按工作日计", "Calendar days (weekends and holidays included); click to count working days")),
                                false => (env.tr("工", "W"), env.tr("按工作日计；点击改为按日历日计（媒介排期、周末活动）", "Working days; click to count calendar days (media flights, weekend events)")),
                            };
                            let toggle = ui.add(egui::Button::new(RichText::new(mark).size(11.0)).small());
                            let toggle = toggle.on_hover_text(tip);
                            let name = format!("{}{}", env.tr("日历日：", "Calendar days: "), t.name);
                            toggle.widget_info(|| egui::WidgetInfo::selected(egui::Role::CheckBox, true, t.calendar_days, name.as_str()));
                            if toggle.clicked() {
                                let mut plan = schedule.clone();
                                if plan.set_calendar_days(t.id, !t.calendar_days).is_ok() {
                                    edited = Some(plan);
                                }
                            }
                        }
                    });
                    // Start and end.
                    let start = t.start.format("%Y-%m-%d").to_string();
                    if let Some(text) = self.cell(ui, env, t, Field::Start, &start, W_DATE, phase) {
                        let set: SetDate = Schedule::move_task;
                        self.date_typed(schedule, (t.id, t.start), &text, set, &mut edited, env, cal);
                    }
                    let end = t.end.format("%Y-%m-%d").to_string();
                    if let Some(text) =
                        self.cell(ui, env, t, Field::End, &end, W_DATE, phase || t.milestone)
                    {
                        let set: SetDate = Schedule::set_end;
                        self.date_typed(schedule, (t.id, t.end), &text, set, &mut edited, env, cal);
                    }
                    // Predecessors as row numbers.
                    let rows = schedule.predecessor_rows(t.id);
                    if let Some(text) = self.cell(ui, env, t, Field::After, &rows, W_AFTER, phase) {
                        let mut plan = schedule.clone();
                        match plan.set_predecessor_rows(t.id, &text) {
                            Ok(()) => edited = Some(plan),
                            Err(e) => self.message = Some(schedule_error(&e, env)),
                        }
                    }
                    // Progress (all columns only).
                    if self.wide {
                    let progress = t.progress.to_string();
                    if let Some(text) =
                        self.cell(ui, env, t, Field::Progress, &progress, W_PROGRESS, phase)
                    {
                        match ascii_digits(&text).trim_end_matches(['%', '％']).trim().parse::<u8>() {
                            Ok(p) if p <= 100 => {
                                let mut plan = schedule.clone();
                                if let Some(x) = plan.tasks.iter_mut().find(|x| x.id == t.id) {
                                    x.progress = p;
                                    if p == 100 {
                                        x.status = TaskStatus::Done;
                                    } else if p > 0 && x.status == TaskStatus::NotStarted {
                                        x.status = TaskStatus::InProgress;
                                    }
                                }
                                plan.roll_up(cal);
                                edited = Some(plan);
                            }
                            _ => {
                                self.message = Some(match env.lang {
                                    crate::domain::Lang::Zh => format!("“{text}”不是进度：请填写 0 到 100。"),
                                    crate::domain::Lang::En => format!("“{text}” is not a progress: type 0 to 100."),
                                })
                            }
                        }
                    }
                    }
                    // Status.
                    if phase {
                        status_text(ui, env, t, cal);
                    } else {
                        let mut status = t.status;
                        let shown = status_label(t.status_on(env.today));
                        egui::ComboBox::from_id_salt(("status", t.id.0))
                            .width(W_STATUS - 8.0)
                            .selected_text(status_rich(env, t, cal, env.lang.pick(shown.zh, shown.en)))
                            .show_ui(ui, |ui| {
                                for s in [
                                    TaskStatus::NotStarted,
                                    TaskStatus::InProgress,
                                    TaskStatus::Done,
                                    TaskStatus::OnHold,
                                ] {
                                    let l = status_label(s);
                                    ui.selectable_value(&mut status, s, env.lang.pick(l.zh, l.en));
                                }
                            })
                            .response
                            .widget_info(|| {
                                let name = format!("{}{}", env.tr("状态：", "Status: "), t.name);
                                egui::WidgetInfo::labeled(egui::Role::ComboBox, true, name.as_str())
                            });
                        if status != t.status {
                            let mut plan = schedule.clone();
                            if let Some(x) = plan.tasks.iter_mut().find(|x| x.id == t.id) {
                                x.status = status;
                                if status == TaskStatus::Done {
                                    x.progress = 100;
                                }
                            }
                            plan.roll_up(cal);
                            edited = Some(plan);
                        }
                    }
                    // Client-visible, client action (all columns only).
                    if self.wide {
                    for (value, label, which) in [
                        (t.client_visible, env.tr("对客：", "Client-visible: "), 0),
                        (t.client_action, env.tr("客户配合：", "Client action: "), 1),
                    ] {
                        let mut on = value;
                        let r = ui.checkbox(&mut on, "");
                        let name = format!("{label}{}", t.name);
                        r.widget_info(|| {
                            egui::WidgetInfo::selected(egui::Role::CheckBox, true, on, name.as_str())
                        });
                        if on != value {
                            let mut plan = schedule.clone();
                            if let Some(x) = plan.tasks.iter_mut().find(|x| x.id == t.id) {
                                match which {
                                    0 => x.client_visible = on,
                                    _ => x.client_action = on,
                                }
                            }
                            edited = Some(plan);
                        }
                    }
                    }
                    ui.end_row();
                }
            });
        if let Some((from, to)) = dropped
            && let Some(from) = schedule.index_of(from)
        {
            let mut plan = schedule.clone();
            let target = if to > from { to + 1 } else { to };
            if plan
                .move_block_to(from, target.min(plan.tasks.len()), cal)
                .is_some()
            {
                edited = Some(plan);
            }
        }
        edited
    }

    /// A date typed over `task`'s date `was` (its start or end): the plan with it set by
    /// `set` and rolled up into its phases, or the reason in the message line.
    #[allow(clippy::too_many_arguments)]
    fn date_typed(
        &mut self,
        schedule: &Schedule,
        (task, was): (TaskId, NaiveDate),
        text: &str,
        set: SetDate,
        edited: &mut Option<Schedule>,
        env: &Env,
        cal: &WorkCalendar,
    ) {
        match format::parse_date(text) {
            Some(day) if day != was => {
                let mut plan = schedule.clone();
                match set(&mut plan, task, day, cal) {
                    Ok(_) => {
                        plan.roll_up(cal);
                        *edited = Some(plan);
                    }
                    Err(e) => self.message = Some(schedule_error(&e, env)),
                }
            }
            Some(_) => {}
            None => self.message = Some(bad_date(text, env)),
        }
    }

    /// One text cell of row `t`: shows `value` (or what is being typed), and returns the
    /// typed text when it is committed (Enter, Tab, ↑/↓ or a click elsewhere) and differs.
    /// Enter moves to the same cell of the next row; on the last row's name it adds a row.
    #[allow(clippy::too_many_arguments)]
    fn cell(
        &mut self,
        ui: &mut Ui,
        env: &Env,
        t: &Task,
        field: Field,
        value: &str,
        width: f32,
        read_only: bool,
    ) -> Option<String> {
        if read_only {
            let text = match field {
                Field::Name => RichText::new(value).strong(),
                _ => RichText::new(value),
            };
            ui.add_sized([width, ROW - 4.0], egui::Label::new(text).truncate());
            return None;
        }
        let slot = self
            .typing
            .iter()
            .position(|(id, f, _)| *id == t.id && *f == field);
        let mut text = slot
            .and_then(|i| self.typing.get(i))
            .map_or_else(|| value.to_string(), |(_, _, s)| s.clone());
        let id = egui::Id::unique(("schedule_cell", t.id.0, field as u8));
        let mut edit = egui::TextEdit::singleline(&mut text)
            .id(id)
            .margin(Vec2::new(3.0, 2.0));
        if field == Field::Name && t.level == 0 && t.milestone {
            edit = edit.font(egui::TextStyle::Body);
        }
        let response = ui.add_sized([width, ROW - 4.0], edit);
        response.widget_info(|| {
            egui::WidgetInfo::labeled(
                egui::Role::TextInput,
                true,
                format!("{}{}", field.label(env), t.name).as_str(),
            )
        });
        if self.focus == Some((t.id, field)) {
            response.request_focus();
            self.focus = None;
        }
        if response.gained_focus() || response.has_focus() {
            self.current = Some(t.id);
        }
        if response.changed() {
            match slot.and_then(|i| self.typing.get_mut(i)) {
                Some(entry) => entry.2 = text.clone(),
                None => self.typing.push((t.id, field, text.clone())),
            }
        }
        if response.has_focus() {
            let (up, down) = ui.input(|i| {
                (
                    i.modifiers.is_none() && i.key_pressed(Key::ArrowUp),
                    i.modifiers.is_none() && i.key_pressed(Key::ArrowDown),
                )
            });
            if up || down {
                self.step = Some((t.id, field, if up { -1 } else { 1 }));
                ui.memory_mut(|m| m.surrender_focus(id));
            }
        }
        if !response.lost_focus() {
            return None;
        }
        if ui.input(|i| i.key_pressed(Key::Enter)) && self.step.is_none() {
            self.step = Some((t.id, field, 1));
        }
        let slot = self
            .typing
            .iter()
            .position(|(id, f, _)| *id == t.id && *f == field)?;
        let (_, _, typed) = self.typing.remove(slot);
        (typed != value).then_some(typed)
    }
}

/// Which columns the table shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Columns {
    /// Every column of the editor.
    All,
    /// The editor without progress and the client flags, so the chart has room.
    Compact,
    /// The client view's columns.
    Client,
}

/// The table's header row.
pub(super) fn header(ui: &mut Ui, env: &Env, columns: Columns) {
    let names: &[(&str, &str)] = match columns {
        Columns::All => &[
            ("#", "#"),
            ("任务", "Task"),
            ("负责方", "Party"),
            ("负责人", "Owner"),
            ("工期（天）", "Days"),
            ("开始", "Start"),
            ("结束", "End"),
            ("前置", "After"),
            ("进度%", "Done %"),
            ("状态", "Status"),
            ("对客", "Client"),
            ("客户配合", "Client action"),
        ],
        Columns::Compact => &[
            ("#", "#"),
            ("任务", "Task"),
            ("负责方", "Party"),
            ("负责人", "Owner"),
            ("工期（天）", "Days"),
            ("开始", "Start"),
            ("结束", "End"),
            ("前置", "After"),
            ("状态", "Status"),
        ],
        Columns::Client => &[
            ("任务", "Task"),
            ("负责方", "Party"),
            ("负责人", "Owner"),
            ("开始", "Start"),
            ("结束", "End"),
            ("状态", "Status"),
        ],
    };
    for (zh, en) in names {
        ui.strong(env.lang.pick(zh, en));
    }
    ui.end_row();
}

/// The setter of a task's date: [`Schedule::move_task`] or [`Schedule::set_end`].
type SetDate = fn(
    &mut Schedule,
    TaskId,
    NaiveDate,
    &WorkCalendar,
) -> Result<Vec<TaskId>, crate::domain::schedule::ScheduleError>;

fn bad_date(text: &str, env: &Env) -> String {
    match env.lang {
        crate::domain::Lang::Zh => format!("“{text}”不是日期：请按 2026-03-02 的格式填写。"),
        crate::domain::Lang::En => format!("“{text}” is not a date: type it as 2026-03-02."),
    }
}

/// The status as people read it on `today`: late and at risk in their colours.
fn status_rich(env: &Env, t: &Task, cal: &WorkCalendar, text: &str) -> RichText {
    match t.status_on(env.today) {
        TaskStatus::Late => RichText::new(format!("⚠ {text}")).color(rgb(palette::LATE)),
        _ if t.at_risk(env.today, cal) => {
            let risk = env.tr(labels::AT_RISK.zh, labels::AT_RISK.en);
            RichText::new(format!("△ {risk}")).color(rgb(palette::AT_RISK))
        }
        _ => RichText::new(text),
    }
}

/// The status as a label (phases, and the client view).
pub(super) fn status_text(ui: &mut Ui, env: &Env, t: &Task, cal: &WorkCalendar) {
    let l = status_label(t.status_on(env.today));
    let text = status_rich(env, t, cal, env.lang.pick(l.zh, l.en));
    ui.add_sized([W_STATUS, ROW - 4.0], egui::Label::new(text));
}

/// The client view: what the client receives, read-only.
pub(super) fn client_table_ui(ui: &mut Ui, env: &Env, shown: &Schedule, cal: &WorkCalendar) {
    egui::Grid::new("schedule_client_table")
        .min_row_height(ROW)
        .spacing([10.0, 0.0])
        .striped(true)
        .show(ui, |ui| {
            header(ui, env, Columns::Client);
            for (i, t) in shown.tasks.iter().enumerate() {
                let mut name = RichText::new(&t.name);
                if shown.is_phase(i) {
                    name = name.strong();
                }
                if t.client_action {
                    name = RichText::new(format!("{CLIENT_ACTION_MARK} {}", t.name))
                        .strong()
                        .color(rgb(palette::CLIENT_ACTION));
                }
                ui.horizontal(|ui| {
                    if t.level > 0 {
                        ui.add_space(14.0);
                    }
                    ui.label(name);
                });
                let party = party_label(t.party);
                ui.label(env.lang.pick(party.zh, party.en));
                ui.label(&t.owner);
                ui.label(t.start.format("%Y-%m-%d").to_string());
                ui.label(t.end.format("%Y-%m-%d").to_string());
                status_text(ui, env, t, cal);
                ui.end_row();
            }
        });
}
