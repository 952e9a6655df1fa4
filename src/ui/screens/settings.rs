//! Agency settings (公司设置): the letterhead and the job number format, with a live preview
//! of the next number; and the working-day calendar (公司休息日与调休): any year's public
//! holidays, make-up working days and the agency's own days on a year calendar and in a
//! list, a year's State Council notice pasted in one go, and company days added one date or
//! a whole range at a time.
//!
//! [`holiday_notice_warning`] is the warning other screens show for a year without a notice;
//! its button asks this page to open the paste panel ([`request_notice_paste`]).

mod days;
mod notice_panel;
mod year_calendar;

use super::widgets::{self, Form};
use crate::domain::calendar::{DaySource, WorkCalendar};
use crate::domain::settings::{AgencyDay, AgencyNotice};
use crate::domain::{AgencySettings, Lang};
use crate::services::Command;
use crate::ui::model::{Env, UiAction};
use crate::ui::theme;
use chrono::{Datelike, NaiveDate};
use egui::{Color32, RichText, Stroke, Ui};
use std::collections::BTreeSet;

/// The settings form.
#[derive(Debug, Default)]
pub(crate) struct SettingsPage {
    form: Form<(), AgencySettings>,
    /// The agency days being added.
    new_days: days::NewDays,
    /// The year shown (today's until another is chosen).
    year: Option<i32>,
    notice: notice_panel::NoticePanel,
    /// The calendar of the draft, and the days and notices it was made from.
    calendar: Option<(Vec<AgencyDay>, Vec<AgencyNotice>, WorkCalendar)>,
}

/// Where a request to open the paste panel waits for the settings page (egui's memory, so
/// any screen can ask without a handle on this page).
fn request_id() -> egui::Id {
    egui::Id::unique("account_desk.settings.paste_holiday_notice")
}

/// Asks the settings page to open its paste panel for `year`'s notice the next time it is
/// drawn. The caller navigates to `Route::Settings`.
pub(crate) fn request_notice_paste(ctx: &egui::Context, year: i32) {
    ctx.data_mut(|d| d.insert_temp(request_id(), year));
    ctx.request_repaint();
}

/// The warning for years whose State Council notice is not known, so their public holidays
/// count as working days: in the warning colour on a tinted band, with a button that opens
/// the paste panel. Shows nothing for no years. Returns whether the button was clicked; the
/// paste panel is then requested ([`request_notice_paste`]) and the caller navigates to
/// `Route::Settings` (`UiAction::Navigate`).
pub(crate) fn holiday_notice_warning(ui: &mut Ui, years: &[i32], lang: Lang) -> bool {
    let Some(first) = years.first() else {
        return false;
    };
    let p = theme::palette(ui.visuals());
    let band = match ui.visuals().dark_mode {
        false => Color32::from_rgb(0xfe, 0xf3, 0xc7),
        true => Color32::from_rgb(0x42, 0x2f, 0x0a),
    };
    let list: Vec<String> = years.iter().map(i32::to_string).collect();
    let text = match lang {
        Lang::Zh => format!(
            "⚠ {} 年的国务院放假通知尚未录入：春节、国庆等假期暂按工作日计算，日期可能不准。",
            list.join("、")
        ),
        Lang::En => format!(
            "⚠ The State Council holiday notice for {} is not entered: its public holidays \
             count as working days, so dates may be wrong.",
            list.join(", ")
        ),
    };
    let mut clicked = false;
    egui::Frame::new()
        .fill(band)
        .stroke(Stroke::new(1.0, p.warning))
        .corner_radius(4)
        .inner_margin(egui::Margin::symmetric(10, 6))
        .show(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new(text).color(p.warning).strong());
                clicked = ui
                    .button(lang.pick("粘贴国务院通知…", "Paste the notice…"))
                    .clicked();
            });
        });
    if clicked {
        request_notice_paste(ui.ctx(), *first);
    }
    clicked
}

impl SettingsPage {
    /// Draws the settings form.
    pub fn ui(&mut self, ui: &mut Ui, env: &Env, actions: &mut Vec<UiAction>) {
        self.form.sync_stored(
            (),
            env.data.generation,
            || {
                env.store.settings_shown().unwrap_or_else(|e| {
                    log::warn!("reading the settings to edit: {e}");
                    (env.data.settings.clone(), None)
                })
            },
            || env.store.settings_revision(),
        );
        // Save stays in sight above the long calendar: it saves the letterhead and the
        // agency's days alike.
        ui.horizontal(|ui| {
            ui.heading(env.tr("公司设置", "Agency settings"));
            widgets::unsaved_marker(ui, env, self.form.is_dirty());
            let valid = self.form.draft.job_number_format.validate().is_ok();
            if widgets::save_button(
                ui,
                env,
                env.tr("保存", "Save"),
                self.form.is_dirty() && valid,
            ) {
                self.save(actions);
            }
        });
        widgets::stale_ui(ui, env, &mut self.form);
        ui.separator();
        egui::ScrollArea::vertical()
            .id_salt("settings_scroll")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                self.letterhead_ui(ui, env);
                ui.add_space(16.0);
                self.holidays_ui(ui, env, actions);
            });
    }

    fn letterhead_ui(&mut self, ui: &mut Ui, env: &Env) {
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
    }

    /// The calendar the draft makes (rebuilt only when its days or notices change).
    fn calendar(&mut self) -> WorkCalendar {
        let d = &self.form.draft;
        match &self.calendar {
            Some((days, notices, cal)) if *days == d.days && *notices == d.notices => cal.clone(),
            _ => {
                let cal = d.calendar();
                self.calendar = Some((d.days.clone(), d.notices.clone(), cal.clone()));
                cal
            }
        }
    }

    /// 公司休息日与调休: the year's calendar and days, the paste panel, the agency's days.
    fn holidays_ui(&mut self, ui: &mut Ui, env: &Env, actions: &mut Vec<UiAction>) {
        if let Some(year) = ui.ctx().data_mut(|d| d.remove_temp::<i32>(request_id())) {
            self.year = Some(year);
            self.notice.open = true;
        }
        ui.heading(env.tr("公司休息日与调休", "Holidays and working days"));
        ui.label(env.tr(
            "国务院每年公布次年的放假安排（通常在 11 月前后）。2024–2026 年的安排已内置；新一年的通知发布后，把通知全文粘贴进来即可。公司自己的休息日或上班日（例如年会）也在这里添加，优先于国家安排。",
            "The State Council publishes the next year's holidays each year (usually around November). 2024–2026 are built in; when a new year's notice is out, paste its text here. The agency's own days off or working days (e.g. the annual party) are added here too and take precedence.",
        ));
        let year = *self.year.get_or_insert(env.today.year());
        ui.add_space(6.0);
        self.year_bar_ui(ui, env, year);
        let base = self.form.base();
        if let Some(shown) = self.notice.ui(ui, env, &mut self.form.draft, base, actions) {
            self.year = Some(shown);
        }
        ui.add_space(8.0);
        ui.strong(env.tr(
            "添加公司休息日或上班日（可填日期范围）",
            "Add the agency's days off or working days (a range at once if you like)",
        ));
        if let Some(added) = self.new_days.ui(ui, env, &mut self.form.draft.days) {
            self.year = Some(added);
        }
        ui.label(env.tr(
            "添加或删除后，请点页面顶部的“保存”。",
            "After adding or removing days, click Save at the top of the page.",
        ));
        if self.notice.previewing() {
            return;
        }
        let year = self.year.unwrap_or(year);
        let cal = self.calendar();
        let notice_days: BTreeSet<NaiveDate> = self
            .form
            .draft
            .notices
            .iter()
            .flat_map(|n| n.dates.iter().copied())
            .collect();
        ui.add_space(10.0);
        year_calendar::year_calendar_ui(ui, "settings", &cal, &notice_days, year, env.lang);
        ui.add_space(10.0);
        ui.strong(match env.lang {
            Lang::Zh => format!("{year} 年的节假日、调休与公司设定"),
            Lang::En => format!("Holidays, make-up days and the agency's days of {year}"),
        });
        let draft = &mut self.form.draft;
        days::year_list_ui(ui, env, &cal, year, &mut draft.days, &draft.notices);
    }

    /// The year shown, the way to the years beside it, and whether its notice is known.
    fn year_bar_ui(&mut self, ui: &mut Ui, env: &Env, year: i32) {
        let cal = self.calendar();
        let p = theme::palette(ui.visuals());
        let mut remove_notice = false;
        ui.horizontal_wrapped(|ui| {
            if ui.button(env.tr("‹ 上一年", "‹ Previous year")).clicked() {
                self.year = Some(year - 1);
            }
            ui.label(
                RichText::new(format!("{year}"))
                    .size(theme::HEADING)
                    .strong(),
            );
            if ui.button(env.tr("下一年 ›", "Next year ›")).clicked() {
                self.year = Some(year + 1);
            }
            ui.separator();
            let reference = cal.notice(year).unwrap_or("").to_string();
            match cal.notice_source(year) {
                Some(DaySource::BuiltIn) => {
                    let text = match env.lang {
                        Lang::Zh => format!("✓ {year} 年国务院通知已内置 {reference}"),
                        Lang::En => format!("✓ The {year} notice is built in {reference}"),
                    };
                    ui.colored_label(p.success, text);
                }
                Some(DaySource::Agency) => {
                    let text = match env.lang {
                        Lang::Zh => format!("✓ 已导入 {year} 年国务院通知 {reference}"),
                        Lang::En => format!("✓ The {year} notice is imported {reference}"),
                    };
                    ui.colored_label(p.success, text);
                    remove_notice = ui
                        .small_button(env.tr("删除导入的通知", "Remove the imported notice"))
                        .clicked();
                }
                None => {}
            }
            if cal.notice_source(year).is_some() {
                let label = env.tr("粘贴国务院放假通知…", "Paste a State Council notice…");
                if ui.button(label).clicked() {
                    self.notice.open = !self.notice.open;
                }
            }
        });
        if cal.notice_source(year).is_none() {
            holiday_notice_warning(ui, &[year], env.lang);
        }
        if remove_notice {
            let draft = &mut self.form.draft;
            if let Some(n) = draft.notice(year).cloned() {
                draft.days.retain(|d| !n.dates.contains(&d.date));
                draft.notices.retain(|x| x.year != year);
            }
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
            let base = self.form.base();
            actions.push(UiAction::Command(Command::SaveSettings(d, base)));
        }
    }

    /// The settings were saved.
    pub fn on_saved(&mut self) {
        self.form.saved();
    }
}
