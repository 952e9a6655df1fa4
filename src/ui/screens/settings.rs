//! Agency settings (公司设置): the letterhead and the job number format, with a live preview
//! of the next number.

use super::widgets::{self, Form};
use crate::domain::AgencySettings;
use crate::services::Command;
use crate::ui::model::{Env, UiAction};
use chrono::Datelike;
use egui::Ui;

/// The settings form.
#[derive(Debug, Default)]
pub(crate) struct SettingsPage {
    form: Form<(), AgencySettings>,
}

impl SettingsPage {
    /// Draws the settings form.
    pub fn ui(&mut self, ui: &mut Ui, env: &Env, actions: &mut Vec<UiAction>) {
        self.form
            .sync((), env.data.generation, || env.data.settings.clone());
        ui.horizontal(|ui| {
            ui.heading(env.tr("公司设置", "Agency settings"));
            widgets::unsaved_marker(ui, env, self.form.is_dirty());
        });
        ui.separator();
        let d = &mut self.form.draft;
        widgets::form_grid("settings_form").show(ui, |ui| {
            widgets::text_row(
                ui,
                env.tr("公司名称（中文）", "Agency name (Chinese)"),
                &mut d.agency_name,
            );
            widgets::text_row(
                ui,
                env.tr("公司名称（英文）", "Agency name (English)"),
                &mut d.agency_name_en,
            );
            widgets::text_row(ui, env.tr("地址", "Address"), &mut d.address);
            widgets::text_row(ui, env.tr("电话", "Phone"), &mut d.phone);
            widgets::text_row(
                ui,
                env.tr("工作号格式", "Job number format"),
                &mut d.job_number_format.0,
            )
            .on_hover_text(env.tr(
                "{YYYY} 或 {YY} 为年份，{NNNN} 为流水号，例如 {YYYY}-{NNNN}",
                "{YYYY} or {YY} for the year, {NNNN} for the sequence, e.g. {YYYY}-{NNNN}",
            ));
            ui.label(env.tr("下一个工作号", "Next job number"));
            let year = env.today.year();
            let next = env
                .data
                .jobs
                .iter()
                .filter(|j| j.number.year == year)
                .map(|j| j.number.seq)
                .max()
                .map_or(1, |s| s.saturating_add(1));
            match d.job_number_format.render(year, next) {
                Ok(text) => ui.strong(text),
                Err(e) => ui.colored_label(ui.visuals().error_fg_color, e.to_string()),
            };
            ui.end_row();
        });
        ui.add_space(8.0);
        let valid = self.form.draft.job_number_format.validate().is_ok();
        if widgets::save_button(
            ui,
            env,
            env.tr("保存", "Save"),
            self.form.is_dirty() && valid,
        ) {
            self.save(actions);
        }
    }

    /// Unsaved edits.
    pub fn is_dirty(&self) -> bool {
        self.form.is_dirty()
    }

    /// Drops the edits.
    pub fn discard(&mut self) {
        self.form.discard();
    }

    /// Pushes the save command when dirty.
    pub fn save(&mut self, actions: &mut Vec<UiAction>) {
        if self.form.is_dirty() {
            let d = self.form.draft.clone();
            actions.push(UiAction::Command(Command::SaveSettings(d)));
        }
    }

    /// The settings were saved.
    pub fn on_saved(&mut self) {
        self.form.saved();
    }
}
