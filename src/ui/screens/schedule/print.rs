//! Printing and exporting the schedule on screen.

use super::*;

impl SchedulePage {
    /// Print (Ctrl+P) and export the view on screen: the newest issued version, or the
    /// working plan as a draft before the first issue.
    pub(super) fn print_ui(
        &mut self,
        ui: &mut Ui,
        env: &Env,
        job_id: JobId,
        actions: &mut Vec<UiAction>,
    ) {
        use crate::pdf::Paper;
        use crate::services::export::ScheduleFormat;
        let view = match self.view {
            ViewMode::Internal => View::Internal,
            ViewMode::Client => View::Client,
        };
        // Which plan prints: the working plan or an issued version (the default: the working
        // plan for the team, the newest issued version for the client).
        let key = (env.data.generation, self.view, env.lang);
        if self.plans.as_ref().is_none_or(|(k, _)| *k != key) {
            let options =
                match crate::services::export::plan_options(env.store, job_id, view, env.lang) {
                    Ok(options) => options,
                    Err(e) => {
                        self.message = Some(e.message(env.lang));
                        Vec::new()
                    }
                };
            let default = crate::services::export::default_plan(env.store, job_id, view)
                .unwrap_or(PlanChoice::Working);
            self.plan = default;
            self.plans = Some((key, options));
        }
        let options = self
            .plans
            .as_ref()
            .map(|(_, o)| o.clone())
            .unwrap_or_default();
        let shown = options
            .iter()
            .find(|(p, _)| *p == self.plan)
            .map_or_else(String::new, |(_, label)| label.clone());
        egui::ComboBox::from_id_salt(("print_plan", job_id.0))
            .selected_text(shown)
            .show_ui(ui, |ui| {
                for (choice, label) in &options {
                    ui.selectable_value(&mut self.plan, *choice, label);
                }
            })
            .response
            .widget_info(|| {
                egui::WidgetInfo::labeled(
                    egui::Role::ComboBox,
                    true,
                    env.tr("打印和导出的版本", "Plan to print and export"),
                )
            });
        let plan = self.plan;
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
            actions.push(UiAction::PrintSchedule(job_id, view, plan));
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
                    actions.push(UiAction::ExportSchedule(job_id, view, format, plan));
                    ui.close();
                }
            }
        });
    }
}
