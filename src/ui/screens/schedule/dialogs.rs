//! The schedule screen's dialogs: the first plan of a job (forward from a start, backward
//! from the due date, or blank), the backward layout's preview to accept or cancel, and the
//! box rows copied from Excel are pasted into.

use super::{Preview, SchedulePage};
use crate::domain::calendar::WorkCalendar;
use crate::domain::schedule::{PasteProblem, Schedule, tasks_from_paste};
use crate::domain::{Job, JobId, Lang};
use crate::services::Command;
use crate::ui::model::{Env, UiAction};
use egui::{Key, RichText, Ui};

/// The paste-from-Excel box.
#[derive(Debug, Clone, Default)]
pub(crate) struct PasteBox {
    /// What was pasted or typed into it.
    text: String,
}

/// The message for a pasted line that could not be read.
fn paste_message(e: &crate::domain::schedule::PasteError, env: &Env) -> String {
    let line = e.line;
    match (&e.problem, env.lang) {
        (PasteProblem::NotDaysOrDate(cell), Lang::Zh) => {
            format!("粘贴的第 {line} 行：“{cell}”既不是天数也不是日期；没有添加任何任务。")
        }
        (PasteProblem::NotDaysOrDate(cell), Lang::En) => format!(
            "Pasted line {line}: “{cell}” is neither a number of days nor a date; no task was added."
        ),
        (PasteProblem::EndBeforeStart { start, end }, Lang::Zh) => {
            format!("粘贴的第 {line} 行：结束日 {end} 早于开始日 {start}；没有添加任何任务。")
        }
        (PasteProblem::EndBeforeStart { start, end }, Lang::En) => format!(
            "Pasted line {line}: the end {end} is before the start {start}; no task was added."
        ),
        (PasteProblem::Days(n), Lang::Zh) => {
            format!("粘贴的第 {line} 行：工期 {n} 天不对，请填写 1 到 366 天；没有添加任何任务。")
        }
        (PasteProblem::Days(n), Lang::En) => {
            format!("Pasted line {line}: {n} days is not a duration (1 to 366); no task was added.")
        }
        (PasteProblem::Empty, _) => env
            .tr(
                "粘贴的内容里没有任务行。",
                "There are no task rows in what was pasted.",
            )
            .into(),
    }
}

impl SchedulePage {
    /// `plan` with the rows of `text` added below the current row (or at the end), the
    /// first of them selected.
    pub(super) fn paste_rows(
        &mut self,
        plan: &Schedule,
        text: &str,
        env: &Env,
        cal: &WorkCalendar,
    ) -> Result<Schedule, String> {
        let current = self.current.and_then(|id| plan.index_of(id));
        let start = match current.and_then(|i| plan.tasks.get(i)) {
            Some(t) => cal.add_working_days(t.end, 1).unwrap_or(t.end),
            None => plan
                .span()
                .and_then(|(_, end)| cal.add_working_days(end, 1))
                .unwrap_or(env.today),
        };
        let tasks = tasks_from_paste(text, plan.next_id(), start, cal)
            .map_err(|e| paste_message(&e, env))?;
        let mut next = plan.clone();
        let rows = next.insert_tasks(current, tasks, cal);
        self.select(&next, Some(rows.start), super::Field::Name);
        Ok(next)
    }

    /// The paste box, while open: a text area and the button that adds its rows.
    pub(super) fn paste_box_ui(
        &mut self,
        ui: &mut Ui,
        env: &Env,
        schedule: &Schedule,
        cal: &WorkCalendar,
        actions: &mut Vec<UiAction>,
        job: JobId,
    ) {
        let Some(mut paste) = self.paste.take() else {
            return;
        };
        let mut keep = true;
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.label(env.tr(
                "把 Excel / WPS 中选中的行粘贴到这里（每行：任务、工期或开始和结束日期、负责人）：",
                "Paste the rows selected in Excel / WPS here (each row: task, days or start and end dates, owner):",
            ));
            ui.add(
                egui::TextEdit::multiline(&mut paste.text)
                    .desired_rows(4)
                    .desired_width(f32::INFINITY)
                    .hint_text("创意提案\t5\t王小明"),
            );
            ui.horizontal(|ui| {
                let count = paste.text.lines().filter(|l| !l.trim().is_empty()).count();
                let label = match env.lang {
                    Lang::Zh => format!("添加这 {count} 行"),
                    Lang::En => format!("Add these {count} rows"),
                };
                if ui.add_enabled(count > 0, egui::Button::new(label)).clicked() {
                    match self.paste_rows(schedule, &paste.text, env, cal) {
                        Ok(plan) => {
                            let save = Command::SaveSchedule(job, plan, self.base());
                            actions.push(UiAction::Command(save));
                            self.message = None;
                            keep = false;
                        }
                        Err(e) => self.message = Some(e),
                    }
                }
                if ui.button(env.tr("取消", "Cancel")).clicked() {
                    keep = false;
                }
            });
        });
        if keep {
            self.paste = Some(paste);
        }
    }

    /// The backward layout waiting for an answer: `Some(Some(plan))` when accepted,
    /// `Some(None)` when cancelled.
    pub(super) fn preview_ui(
        &mut self,
        ui: &mut Ui,
        env: &Env,
        cal: &WorkCalendar,
    ) -> Option<Option<Schedule>> {
        let preview: &Preview = self.preview.as_ref()?;
        let b = &preview.backward;
        let mut answer = None;
        egui::Window::new(env.tr("倒排预览", "Backward plan preview"))
            .collapsible(false)
            .resizable(true)
            .default_width(560.0)
            .anchor(egui::Align2::CENTER_CENTER, [0.0, 0.0])
            .show(ui.ctx(), |ui| {
                let due = preview.due.format("%Y-%m-%d");
                let first = b
                    .first_day
                    .map_or_else(String::new, |d| d.format("%Y-%m-%d").to_string());
                if b.fits() {
                    ui.label(match env.lang {
                        Lang::Zh => format!(
                            "最后一个里程碑落在截止日 {due}；计划从 {first} 开始，共调整 {} 项。已开始或已完成的任务保持原日期。",
                            b.moved.len()
                        ),
                        Lang::En => format!(
                            "The last milestone lands on the due date {due}; the plan starts on {first}, {} tasks move. Tasks already started or done keep their dates.",
                            b.moved.len()
                        ),
                    });
                } else {
                    let today = env.today.format("%Y-%m-%d");
                    ui.label(
                        RichText::new(match env.lang {
                            Lang::Zh => format!(
                                "⚠ 从今天（{today}）到截止日（{due}）排不下：还差 {} 个工作日（计划须从 {first} 开始）。请缩短一些任务的工期、并行安排，或与客户商量推迟截止日。",
                                b.missing_days
                            ),
                            Lang::En => format!(
                                "⚠ The plan does not fit between today ({today}) and the due date ({due}): {} working days are missing (it would have to start on {first}). Shorten some tasks, run them in parallel, or agree a later date with the client.",
                                b.missing_days
                            ),
                        })
                        .strong()
                        .color(crate::ui::screens::widgets::rgb(crate::reports::schedule::palette::LATE)),
                    );
                }
                ui.separator();
                egui::ScrollArea::vertical().max_height(320.0).show(ui, |ui| {
                    egui::Grid::new("backward_preview").striped(true).show(ui, |ui| {
                        ui.strong(env.tr("任务", "Task"));
                        ui.strong(env.tr("原计划", "Was"));
                        ui.strong(env.tr("倒排后", "Now"));
                        ui.end_row();
                        for t in &b.plan.tasks {
                            let was = preview
                                .before
                                .as_ref()
                                .and_then(|s| s.task(t.id))
                                .map(|o| span(o.start, o.end));
                            let now = span(t.start, t.end);
                            let name = match t.level {
                                0 => RichText::new(&t.name),
                                _ => RichText::new(format!("    {}", t.name)),
                            };
                            ui.label(name);
                            ui.label(was.clone().unwrap_or_default());
                            match was.as_deref() == Some(now.as_str()) {
                                true => ui.weak(now),
                                false => ui.strong(now),
                            };
                            ui.end_row();
                        }
                    });
                });
                ui.separator();
                ui.horizontal(|ui| {
                    let accept = ui
                        .add_enabled(
                            b.fits(),
                            egui::Button::new(env.tr("接受倒排", "Accept the backward plan")),
                        )
                        .on_disabled_hover_text(env.tr(
                            "计划排不下时不能接受：请先调整工期",
                            "A plan that does not fit cannot be accepted: adjust durations first",
                        ));
                    if accept.clicked()
                        || (b.fits() && ui.input(|i| i.key_pressed(Key::Enter)))
                    {
                        answer = Some(Some(b.plan.clone()));
                    }
                    if ui.button(env.tr("取消", "Cancel")).clicked()
                        || ui.input(|i| i.key_pressed(Key::Escape))
                    {
                        answer = Some(None);
                    }
                });
            });
        let _ = cal;
        answer
    }

    /// A job without a schedule: the standard plan laid forward from a start or backward
    /// from the due date, or a blank table.
    pub(super) fn create_ui(
        &mut self,
        ui: &mut Ui,
        env: &Env,
        job: &Job,
        cal: &WorkCalendar,
        actions: &mut Vec<UiAction>,
    ) {
        ui.label(env.tr("这个工作还没有进度表。", "This job has no schedule yet."));
        if let Some(message) = &self.message {
            ui.colored_label(ui.visuals().error_fg_color, message);
        }
        let start = env.today.max(job.requested_on);
        // The agency's templates, the default one chosen first.
        let (names, default) = env.data.templates.choices();
        let names: Vec<String> = names.into_iter().map(str::to_string).collect();
        let chosen = self
            .template
            .filter(|i| *i < names.len())
            .or(default)
            .unwrap_or(0);
        ui.horizontal(|ui| {
            ui.label(env.tr("模板", "Template"));
            let mut pick = chosen;
            egui::ComboBox::from_id_salt("schedule_template")
                .selected_text(names.get(chosen).cloned().unwrap_or_default())
                .show_ui(ui, |ui| {
                    for (i, name) in names.iter().enumerate() {
                        ui.selectable_value(&mut pick, i, name);
                    }
                })
                .response
                .widget_info(|| {
                    egui::WidgetInfo::labeled(
                        egui::Role::ComboBox,
                        true,
                        env.tr("模板", "Template"),
                    )
                });
            self.template = Some(pick);
        });
        let plan = env
            .data
            .templates
            .lay_out(chosen, start, cal)
            .unwrap_or_else(|| crate::services::standard_plan(start, cal));
        ui.horizontal_wrapped(|ui| {
            if ui
                .button(env.tr("按模板创建（从今天起）", "Create from the template (from today)"))
                .clicked()
            {
                if let (Some(due), Some((_, end))) = (job.due_on, plan.span())
                    && end > due
                {
                    let late = cal.working_offset(due, end);
                    self.message = Some(match env.lang {
                        Lang::Zh => format!(
                            "注意：按模板从今天排，将于 {end} 完成，比截止日 {due} 晚 {late} 个工作日。可用“倒排至截止日”检查能否排下。"
                        ),
                        Lang::En => format!(
                            "Note: the template from today ends on {end}, {late} working days after the due date {due}. Use “Plan back from due date” to see whether it fits."
                        ),
                    });
                }
                let save = Command::SaveSchedule(job.id, plan.clone(), self.base());
                actions.push(UiAction::Command(save));
            }
            if let Some(due) = job.due_on
                && ui
                    .button(env.tr("按模板倒排至截止日…", "Template back from the due date…"))
                    .clicked()
            {
                self.preview = Some(Preview {
                    due,
                    backward: plan.plan_backward(due, env.today, cal),
                    before: None,
                });
            }
            if ui.button(env.tr("从空白开始", "Start blank")).clicked() {
                actions.push(UiAction::Command(Command::SaveSchedule(
                    job.id,
                    Schedule::default(),
                    self.base(),
                )));
            }
        });
    }

    /// "Save as template": a name (a free one suggested) and the button that saves the job's
    /// working plan as one of the agency's templates.
    pub(super) fn save_template_ui(
        &mut self,
        ui: &mut Ui,
        env: &Env,
        job: JobId,
        actions: &mut Vec<UiAction>,
    ) {
        let Some(mut name) = self.template_name.take() else {
            return;
        };
        let mut keep = true;
        ui.horizontal(|ui| {
            ui.label(env.tr("模板名称", "Template name"));
            let r = ui.add(egui::TextEdit::singleline(&mut name).desired_width(220.0));
            r.widget_info(|| {
                egui::WidgetInfo::labeled(
                    egui::Role::TextInput,
                    true,
                    env.tr("模板名称", "Template name"),
                )
            });
            let enter = r.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
            if ui
                .button(env.tr("保存为模板", "Save as template"))
                .clicked()
                || enter
            {
                actions.push(UiAction::Command(Command::SaveScheduleAsTemplate(
                    job,
                    name.trim().to_string(),
                )));
                keep = false;
            }
            if ui.button(env.tr("取消", "Cancel")).clicked() {
                keep = false;
            }
        });
        if keep {
            self.template_name = Some(name);
        }
    }
}

fn span(start: chrono::NaiveDate, end: chrono::NaiveDate) -> String {
    match start == end {
        true => start.format("%m-%d").to_string(),
        false => format!("{} – {}", start.format("%m-%d"), end.format("%m-%d")),
    }
}
