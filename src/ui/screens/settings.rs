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
    /// The agency day being added: date as typed, name, whether it is worked.
    new_day: (String, String, bool),
    /// Why the day could not be added.
    new_day_error: Option<String>,
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
        ui.add_space(12.0);
        self.days_ui(ui, env);
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

    /// The agency's own days: company days off, and worked days (or a new year's official
    /// notice entered before an update ships it).
    fn days_ui(&mut self, ui: &mut Ui, env: &Env) {
        ui.strong(env.tr("公司休息日与调休", "Company days off and worked days"));
        ui.weak(env.tr(
            "国家法定节假日与调休已内置（2024–2026 年国务院通知）。公司自己的休息日在此添加；新一年的通知发布后，也可按通知逐日补录。",
            "Public holidays and make-up days are built in (State Council notices 2024–2026). Add the agency's own days here; when a new year's notice is out, its days can be entered here too.",
        ));
        let days = &mut self.form.draft.days;
        let mut remove = None;
        egui::Grid::new("agency_days")
            .num_columns(4)
            .striped(true)
            .show(ui, |ui| {
                for (i, day) in days.iter().enumerate() {
                    ui.label(crate::domain::format::date(day.date, env.lang));
                    ui.label(match day.working {
                        true => env.tr("上班", "Worked"),
                        false => env.tr("休息", "Day off"),
                    });
                    ui.label(&day.name);
                    let label = format!("{} {}", env.tr("删除", "Remove"), day.date);
                    let button = ui
                        .small_button(env.tr("删除", "Remove"))
                        .on_hover_text(label.as_str());
                    button.widget_info(|| {
                        egui::WidgetInfo::labeled(egui::Role::Button, true, label.as_str())
                    });
                    if button.clicked() {
                        remove = Some(i);
                    }
                    ui.end_row();
                }
            });
        if let Some(i) = remove {
            days.remove(i);
        }
        let (date, name, working) = &mut self.new_day;
        let mut add = false;
        ui.horizontal(|ui| {
            let date_label = env.tr("日期", "Date");
            let field = ui.add(
                egui::TextEdit::singleline(date)
                    .hint_text("2026-12-24")
                    .desired_width(110.0),
            );
            field
                .widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, date_label));
            let name_label = env.tr("名称", "Name");
            let named = ui.add(
                egui::TextEdit::singleline(name)
                    .hint_text(env.tr("例如：公司年会", "e.g. annual party"))
                    .desired_width(160.0),
            );
            named
                .widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, name_label));
            ui.selectable_value(working, false, env.tr("休息", "Day off"));
            ui.selectable_value(working, true, env.tr("上班", "Worked"));
            let enter = named.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            add = ui.button(env.tr("添加", "Add")).clicked() || enter;
        });
        if add {
            self.new_day_error = None;
            match crate::domain::format::parse_date(date) {
                None => {
                    self.new_day_error = Some(
                        env.tr(
                            "日期无效，请按 2026-12-24 的格式填写。",
                            "Not a date; type it like 2026-12-24.",
                        )
                        .to_string(),
                    )
                }
                Some(_) if name.trim().is_empty() => {
                    self.new_day_error = Some(
                        env.tr(
                            "请填写名称，例如“公司年会”。",
                            "Give the day a name, e.g. “annual party”.",
                        )
                        .to_string(),
                    )
                }
                Some(day) if days.iter().any(|d| d.date == day) => {
                    self.new_day_error = Some(match env.lang {
                        crate::domain::Lang::Zh => format!("{day} 已在列表中。"),
                        crate::domain::Lang::En => format!("{day} is already listed."),
                    })
                }
                Some(day) => {
                    days.push(crate::domain::settings::AgencyDay {
                        date: day,
                        working: *working,
                        name: name.trim().to_string(),
                    });
                    days.sort_by_key(|d| d.date);
                    date.clear();
                    name.clear();
                }
            }
        }
        if let Some(e) = &self.new_day_error {
            ui.colored_label(ui.visuals().error_fg_color, e.as_str());
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
