//! The bars above the schedule: view, zoom and plan choices, and the editing buttons for the
//! selected rows.

use super::*;

impl SchedulePage {
    pub(super) fn toolbar_ui(
        &mut self,
        ui: &mut Ui,
        env: &Env,
        job_id: JobId,
        schedule: &Schedule,
        _cal: &WorkCalendar,
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
        });
    }

    /// The editing buttons of the internal view: rows, paste, backward planning.
    pub(super) fn edit_bar_ui(
        &mut self,
        ui: &mut Ui,
        env: &Env,
        job: &crate::domain::Job,
        schedule: &Schedule,
        cal: &WorkCalendar,
        actions: &mut Vec<UiAction>,
    ) {
        let _ = actions;
        ui.horizontal_wrapped(|ui| {
            for op in RowOp::BUTTONS {
                let keys = ui.ctx().format_shortcut(&op.shortcut());
                let needs_row = !matches!(op, RowOp::Insert(_));
                let enabled = !needs_row || self.current.is_some();
                if ui
                    .add_enabled(enabled, egui::Button::new(op.label(env)))
                    .on_hover_text(keys.clone())
                    .on_disabled_hover_text(env.tr(
                        "先点一下要操作的行",
                        "Click the row to work on first",
                    ))
                    .clicked()
                {
                    self.pending_op = Some(op);
                }
            }
            ui.separator();
            ui.checkbox(&mut self.wide, env.tr("显示全部列", "All columns"))
                .on_hover_text(env.tr(
                    "另显示进度、对客和客户配合三列",
                    "Also show progress, client-visible and client action",
                ));
            if ui
                .button(env.tr("从 Excel 粘贴…", "Paste from Excel…"))
                .on_hover_text(env.tr(
                    "粘贴从 Excel/WPS 复制的行：任务、工期或起止日期、负责人（也可直接按 Ctrl+V）",
                    "Paste rows copied from Excel/WPS: task, days or start and end dates, owner (Ctrl+V works too)",
                ))
                .clicked()
            {
                self.paste = Some(dialogs::PasteBox::default());
            }
            if ui
                .button(env.tr("存为模板…", "Save as template…"))
                .on_hover_text(env.tr(
                    "把这个进度表存为公司的进度表模板（不含负责人、备注和进度）",
                    "Keep this schedule as one of the agency's templates (without owners, notes and progress)",
                ))
                .clicked()
            {
                let base = format!("{}{}", job.title, env.tr(" 模板", " template"));
                self.template_name = Some(env.data.templates.unused_name(&base));
            }
            let due = job.due_on;
            let tip = match due {
                Some(_) => env.tr(
                    "让最后一个里程碑落在截止日，其余任务按前后顺序尽量晚排（先预览）",
                    "Make the last milestone land on the due date, every task as late as the tasks after it allow (preview first)",
                ),
                None => env.tr("请先在工作资料中填写截止日", "Set the job's due date first"),
            };
            if ui
                .add_enabled(due.is_some(), egui::Button::new(env.tr("倒排至截止日…", "Plan back from due date…")))
                .on_hover_text(tip)
                .on_disabled_hover_text(tip)
                .clicked()
                && let Some(due) = due
            {
                self.preview = Some(Preview {
                    due,
                    backward: schedule.plan_backward(due, env.today, cal),
                    before: Some(schedule.clone()),
                });
            }
        });
        self.paste_box_ui(ui, env, schedule, cal, actions, job.id);
        self.save_template_ui(ui, env, job.id, actions);
    }
}
