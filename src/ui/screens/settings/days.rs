//! The days of one year in a list — built in and the agency's, where each comes from — and
//! the form that adds the agency's own days, one date or a whole range at once.

use crate::domain::calendar::notice::weekday_name;
use crate::domain::calendar::{DaySource, WorkCalendar};
use crate::domain::settings::{AgencyDay, AgencyNotice};
use crate::domain::{Lang, format};
use crate::ui::model::Env;
use chrono::{Datelike, NaiveDate};
use egui::Ui;

/// The longest range added at once (a year).
const MAX_RANGE_DAYS: i64 = 366;

/// The agency days being added: from, to (optional), name, whether worked, and why the last
/// attempt was refused.
#[derive(Debug, Default)]
pub(super) struct NewDays {
    from: String,
    to: String,
    name: String,
    working: bool,
    error: Option<String>,
}

/// Every day off and worked day of `year` on `cal`, with a 删除 button for the agency's
/// (which removes it from `days`).
pub(super) fn year_list_ui(
    ui: &mut Ui,
    env: &Env,
    cal: &WorkCalendar,
    year: i32,
    days: &mut Vec<AgencyDay>,
    notices: &[AgencyNotice],
) {
    let listed = cal.special_days(year);
    if listed.is_empty() {
        ui.label(env.tr(
            "这一年没有节假日或调休上班日。",
            "This year has no public holidays or make-up working days.",
        ));
        return;
    }
    let mut remove = None;
    egui::Grid::new(("year_days", year))
        .num_columns(6)
        .striped(true)
        .show(ui, |ui| {
            for h in [
                env.tr("日期", "Date"),
                env.tr("星期", "Weekday"),
                env.tr("类型", "Kind"),
                env.tr("名称", "Name"),
                env.tr("来源", "Source"),
                "",
            ] {
                ui.strong(h);
            }
            ui.end_row();
            for day in &listed {
                ui.label(format::date(day.date, env.lang));
                ui.label(weekday_name(day.date.weekday(), env.lang));
                ui.label(match day.working {
                    true => env.tr("上班", "Working day"),
                    false => env.tr("休息", "Day off"),
                });
                ui.label(&day.name);
                ui.label(source(env.lang, cal, day.date, day.source, notices));
                if day.source == DaySource::Agency {
                    let label = format!("{} {}", env.tr("删除", "Remove"), day.date);
                    let button = ui
                        .small_button(env.tr("删除", "Remove"))
                        .on_hover_text(label.as_str());
                    button.widget_info(|| {
                        egui::WidgetInfo::labeled(egui::Role::Button, true, label.as_str())
                    });
                    if button.clicked() {
                        remove = Some(day.date);
                    }
                } else {
                    ui.label("");
                }
                ui.end_row();
            }
        });
    if let Some(date) = remove {
        days.retain(|d| d.date != date);
    }
}

/// Where a listed day comes from, in words.
fn source(
    lang: Lang,
    cal: &WorkCalendar,
    date: NaiveDate,
    source: DaySource,
    notices: &[AgencyNotice],
) -> String {
    match source {
        DaySource::BuiltIn => {
            let reference = cal.notice(date.year()).unwrap_or("");
            format!("{} {reference}", lang.pick("内置", "Built in"))
        }
        DaySource::Agency => match notices.iter().find(|n| n.dates.contains(&date)) {
            Some(n) => format!(
                "{} {}",
                lang.pick("导入的通知", "Imported notice"),
                n.reference
            ),
            None => lang.pick("公司设定", "Set by the agency").to_string(),
        },
    }
}

impl NewDays {
    /// The form adding agency days; adds them to `days` and returns the year of the first
    /// day added (to show it), if any were added.
    pub(super) fn ui(&mut self, ui: &mut Ui, env: &Env, days: &mut Vec<AgencyDay>) -> Option<i32> {
        let mut add = false;
        ui.horizontal_wrapped(|ui| {
            let date_label = env.tr("日期", "Date");
            let field = ui.add(
                egui::TextEdit::singleline(&mut self.from)
                    .hint_text("2026-12-24")
                    .desired_width(110.0),
            );
            field
                .widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, date_label));
            ui.label(env.tr("至", "to"));
            let to_label = env.tr("结束日期（可选）", "End date (optional)");
            let to = ui.add(
                egui::TextEdit::singleline(&mut self.to)
                    .hint_text(env.tr("可选", "optional"))
                    .desired_width(110.0),
            );
            to.widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, to_label));
            let name_label = env.tr("名称", "Name");
            let named = ui.add(
                egui::TextEdit::singleline(&mut self.name)
                    .hint_text(env.tr("例如：公司年会", "e.g. annual party"))
                    .desired_width(160.0),
            );
            named
                .widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, name_label));
            ui.selectable_value(&mut self.working, false, env.tr("休息", "Day off"));
            ui.selectable_value(&mut self.working, true, env.tr("上班", "Worked"));
            let enter = named.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            add = ui.button(env.tr("添加", "Add")).clicked() || enter;
        });
        let mut added = None;
        if add {
            match self.dates(env) {
                Err(e) => self.error = Some(e),
                Ok(dates) => match dates.iter().find(|d| days.iter().any(|x| x.date == **d)) {
                    Some(day) => {
                        self.error = Some(match env.lang {
                            Lang::Zh => format!("{day} 已在列表中。"),
                            Lang::En => format!("{day} is already listed."),
                        })
                    }
                    None => {
                        added = dates.first().map(|d| d.year());
                        days.extend(dates.iter().map(|date| AgencyDay {
                            date: *date,
                            working: self.working,
                            name: self.name.trim().to_string(),
                        }));
                        days.sort_by_key(|d| d.date);
                        self.from.clear();
                        self.to.clear();
                        self.name.clear();
                        self.error = None;
                    }
                },
            }
        }
        if let Some(e) = &self.error {
            ui.colored_label(ui.visuals().error_fg_color, e.as_str());
        }
        added
    }

    /// The dates the form names, or why it names none.
    fn dates(&self, env: &Env) -> Result<Vec<NaiveDate>, String> {
        let Some(from) = format::parse_date(&self.from) else {
            return Err(env
                .tr(
                    "日期无效，请按 2026-12-24 的格式填写。",
                    "Not a date; type it like 2026-12-24.",
                )
                .to_string());
        };
        let to = match self.to.trim() {
            "" => from,
            text => format::parse_date(text).ok_or_else(|| {
                env.tr(
                    "结束日期无效，请按 2026-12-31 的格式填写，或留空只添加一天。",
                    "The end date is not a date; type it like 2026-12-31, or leave it empty for one day.",
                )
                .to_string()
            })?,
        };
        if to < from {
            return Err(env
                .tr(
                    "结束日期不能早于开始日期。",
                    "The end date cannot be before the start.",
                )
                .to_string());
        }
        if (to - from).num_days() >= MAX_RANGE_DAYS {
            return Err(env
                .tr(
                    "一次最多添加一年的日子。",
                    "Add at most a year of days at once.",
                )
                .to_string());
        }
        if self.name.trim().is_empty() {
            return Err(env
                .tr(
                    "请填写名称，例如“公司年会”。",
                    "Give the day a name, e.g. “annual party”.",
                )
                .to_string());
        }
        Ok(from.iter_days().take_while(|d| *d <= to).collect())
    }
}
