//! 粘贴国务院放假通知: the text of a year's State Council notice is pasted (or opened as a
//! `.txt`, or dropped on the window), read as it is typed, and shown for confirmation — each
//! holiday's days, the agency days it replaces, and the year's calendar as it will be. Once
//! imported, the schedules with tasks on changed days are listed, each with a button that
//! re-lays it; nothing moves before that.

use super::year_calendar::year_calendar_ui;
use crate::domain::calendar::WorkCalendar;
use crate::domain::calendar::notice::{Notice, NoticeError, parse_notice, weekday_name};
use crate::domain::settings::NoticeImport;
use crate::domain::{AgencySettings, JobId, Lang};
use crate::services::holidays::{self, AffectedSchedule};
use crate::services::{Base, Command};
use crate::ui::model::{Env, UiAction};
use crate::ui::theme;
use chrono::{Datelike, NaiveDate};
use egui::{RichText, Ui};
use std::collections::BTreeSet;

/// The paste panel and, after an import, the schedules to check.
#[derive(Debug, Default)]
pub(super) struct NoticePanel {
    /// Whether the paste panel shows.
    pub open: bool,
    text: String,
    /// What `text` says, once something is typed.
    read: Option<Result<Notice, NoticeError>>,
    /// Why the file opened or dropped could not be read.
    file_error: Option<String>,
    after: Option<AfterImport>,
}

/// What an import changed, kept to re-lay the schedules it touched.
#[derive(Debug)]
struct AfterImport {
    year: i32,
    /// The calendar before the import: each task keeps the working days it had on it.
    old: WorkCalendar,
    affected: Result<Vec<AffectedSchedule>, String>,
    /// Schedules re-laid since (their save was asked for).
    relaid: BTreeSet<JobId>,
    error: Option<String>,
}

impl NoticePanel {
    /// Shows the paste panel with the text of `path` (a `.txt` opened or dropped).
    pub fn open_file(&mut self, path: &std::path::Path, lang: Lang) {
        self.open = true;
        match holidays::read_notice_text(path) {
            Ok(text) => {
                self.file_error = None;
                self.set_text(text);
            }
            Err(e) => self.file_error = Some(e.message(lang)),
        }
    }

    /// Whether the panel shows a notice's year for confirmation (the page's own calendar of
    /// that year would be a second one).
    pub fn previewing(&self) -> bool {
        self.open && matches!(self.read, Some(Ok(_)))
    }

    fn set_text(&mut self, text: String) {
        self.text = text;
        self.reread();
    }

    fn reread(&mut self) {
        self.read = match self.text.trim().is_empty() {
            true => None,
            false => Some(parse_notice(&self.text)),
        };
    }

    /// Draws the panel (when open) and the list after an import. `draft` is the settings
    /// being edited: an import is applied to it and saved. Returns the year to show after
    /// an import.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        env: &Env,
        draft: &mut AgencySettings,
        base: Base,
        actions: &mut Vec<UiAction>,
    ) -> Option<i32> {
        let dropped = ui.ctx().input(|i| i.raw.dropped_files.clone());
        for file in dropped {
            self.open_file(file.path(), env.lang);
        }
        self.after_ui(ui, env, actions);
        if !self.open {
            return None;
        }
        let mut shown = None;
        egui::Frame::group(ui.style()).show(ui, |ui| {
            shown = self.paste_ui(ui, env, draft, base, actions);
        });
        shown
    }

    fn paste_ui(
        &mut self,
        ui: &mut Ui,
        env: &Env,
        draft: &mut AgencySettings,
        base: Base,
        actions: &mut Vec<UiAction>,
    ) -> Option<i32> {
        ui.strong(env.tr(
            "粘贴国务院放假通知",
            "Paste the State Council holiday notice",
        ));
        ui.label(env.tr(
            "在中国政府网（gov.cn）打开“国务院办公厅关于某年部分节假日安排的通知”，全选复制，粘贴到下面（连同标题）；也可以打开或拖入保存好的 .txt 文件。读取的结果会先显示出来，确认后才保存。",
            "Open the notice (国务院办公厅关于某年部分节假日安排的通知) on gov.cn, copy all of it and paste it below, title included; or open or drop a saved .txt file. What is read is shown first and saved only when you confirm.",
        ));
        let label = env.tr("通知全文", "Notice text");
        let field = ui.add(
            egui::TextEdit::multiline(&mut self.text)
                .hint_text("国务院办公厅关于2027年部分节假日安排的通知……")
                .desired_rows(6)
                .desired_width(f32::INFINITY),
        );
        field.widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, label));
        if field.changed() {
            self.file_error = None;
            self.reread();
        }
        let mut cancel = false;
        ui.horizontal(|ui| {
            if ui
                .button(env.tr("打开 .txt 文件…", "Open a .txt file…"))
                .clicked()
            {
                let picked = rfd::FileDialog::new()
                    .add_filter(env.tr("文本文件", "Text file"), &["txt"])
                    .pick_file();
                if let Some(path) = picked {
                    self.open_file(&path, env.lang);
                }
            }
            cancel = ui.button(env.tr("取消", "Cancel")).clicked();
        });
        if cancel {
            self.open = false;
            self.text.clear();
            self.read = None;
            self.file_error = None;
            return None;
        }
        let p = theme::palette(ui.visuals());
        if let Some(e) = &self.file_error {
            ui.colored_label(p.error, e.as_str());
        }
        let notice = match &self.read {
            None => return None,
            Some(Err(e)) => {
                ui.colored_label(p.error, e.message(env.lang));
                return None;
            }
            Some(Ok(notice)) => notice.clone(),
        };
        let import = draft.with_notice(&notice);
        preview_ui(ui, env, &notice, &import);
        ui.add_space(4.0);
        let confirm = match env.lang {
            Lang::Zh => format!("导入 {} 年的放假安排", notice.year),
            Lang::En => format!("Import the {} arrangements", notice.year),
        };
        let clicked = ui
            .add(theme::primary_button(ui.visuals(), confirm))
            .clicked();
        preview_calendar_ui(ui, env, &notice, &import);
        if clicked {
            let old = env.data.calendar.clone();
            let new = import.settings.calendar();
            let affected = holidays::affected_schedules(env.store, notice.year, &old, &new)
                .map_err(|e| e.message(env.lang));
            *draft = import.settings.clone();
            actions.push(UiAction::Command(Command::SaveSettings(
                import.settings,
                base,
            )));
            self.after = Some(AfterImport {
                year: notice.year,
                old,
                affected,
                relaid: BTreeSet::new(),
                error: None,
            });
            self.open = false;
            self.text.clear();
            self.read = None;
            return Some(notice.year);
        }
        None
    }

    /// The schedules to check after an import (once it is saved).
    fn after_ui(&mut self, ui: &mut Ui, env: &Env, actions: &mut Vec<UiAction>) {
        let Some(after) = &mut self.after else {
            return;
        };
        if env.data.settings.notice(after.year).is_none() {
            return;
        }
        let p = theme::palette(ui.visuals());
        let mut close = false;
        egui::Frame::group(ui.style()).show(ui, |ui| {
            let title = match env.lang {
                Lang::Zh => format!("已导入 {} 年的放假安排：需要检查的进度表", after.year),
                Lang::En => format!(
                    "The {} arrangements are imported: schedules to check",
                    after.year
                ),
            };
            ui.strong(title);
            match &after.affected {
                Err(e) => {
                    ui.colored_label(p.error, e.as_str());
                }
                Ok(list) if list.is_empty() => {
                    ui.label(env.tr(
                        "没有进度表的任务落在变动的日子上，无需调整。",
                        "No schedule has tasks on the days that changed; nothing to adjust.",
                    ));
                }
                Ok(list) => {
                    ui.label(env.tr(
                        "这些任务没有自动移动。“重新排期”让每项任务保持原有的工作日数：结束日期（及其后续任务）随新的假期顺延或提前。",
                        "These tasks were not moved. “Re-lay” keeps each task's working days: its end (and the tasks after it) moves with the new holidays.",
                    ));
                    for s in list {
                        let (old, relaid, error) = (&after.old, &mut after.relaid, &mut after.error);
                        affected_ui(ui, env, s, old, relaid, error, actions);
                    }
                }
            }
            if let Some(e) = &after.error {
                ui.colored_label(p.error, e.as_str());
            }
            close = ui.button(env.tr("关闭这份清单", "Close this list")).clicked();
        });
        if close {
            self.after = None;
        }
    }
}

/// One schedule touched by an import, with its tasks and the button that re-lays it.
fn affected_ui(
    ui: &mut Ui,
    env: &Env,
    s: &AffectedSchedule,
    old: &WorkCalendar,
    relaid: &mut BTreeSet<JobId>,
    error: &mut Option<String>,
    actions: &mut Vec<UiAction>,
) {
    ui.add_space(4.0);
    ui.horizontal_wrapped(|ui| {
        ui.strong(format!("{} {}", s.job_number, s.job_title));
        if relaid.contains(&s.job_id) {
            ui.colored_label(
                theme::palette(ui.visuals()).success,
                env.tr("✓ 已重新排期", "✓ Re-laid"),
            );
            return;
        }
        let label = format!("{} {}", env.tr("重新排期", "Re-lay"), s.job_number);
        if ui.button(label).clicked() {
            match holidays::relay_command(env.store, s.job_id, old, &env.data.calendar) {
                Ok(Some(command)) => {
                    actions.push(UiAction::Command(command));
                    relaid.insert(s.job_id);
                    *error = None;
                }
                Ok(None) => {
                    relaid.insert(s.job_id);
                }
                Err(e) => *error = Some(e.message(env.lang)),
            }
        }
    });
    for t in &s.tasks {
        let text = match env.lang {
            Lang::Zh => format!(
                "· {}：{} – {}，新增休息日 {} 天、新增工作日 {} 天（{} → {} 个工作日）",
                t.name,
                t.start,
                t.end,
                t.new_days_off.len(),
                t.new_working_days.len(),
                t.working_days_before,
                t.working_days_after
            ),
            Lang::En => format!(
                "· {}: {} – {}, {} new day(s) off, {} new working day(s) ({} → {} working days)",
                t.name,
                t.start,
                t.end,
                t.new_days_off.len(),
                t.new_working_days.len(),
                t.working_days_before,
                t.working_days_after
            ),
        };
        ui.label(text);
    }
}

/// `2月15日（周日）` / `Sun 15 Feb`.
fn day_text(d: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!(
            "{}月{}日（{}）",
            d.month(),
            d.day(),
            weekday_name(d.weekday(), lang)
        ),
        Lang::En => d.format("%a %-d %b").to_string(),
    }
}

/// What the notice says, holiday by holiday, and the year as it will be.
fn preview_ui(ui: &mut Ui, env: &Env, notice: &Notice, import: &NoticeImport) {
    let p = theme::palette(ui.visuals());
    let reference = notice
        .reference
        .clone()
        .unwrap_or_else(|| env.tr("（未注明文号）", "(no reference given)").into());
    let title = match env.lang {
        Lang::Zh => format!(
            "{} 年放假安排 · {reference}：共 {} 天放假、{} 天调休上班",
            notice.year,
            notice.days_off_count(),
            notice.make_up_count()
        ),
        Lang::En => format!(
            "{} holidays · {reference}: {} days off, {} make-up working days",
            notice.year,
            notice.days_off_count(),
            notice.make_up_count()
        ),
    };
    ui.add_space(6.0);
    ui.label(RichText::new(title).strong().color(p.success));
    egui::Grid::new("notice_preview")
        .num_columns(3)
        .striped(true)
        .show(ui, |ui| {
            ui.strong(env.tr("节日", "Holiday"));
            ui.strong(env.tr("放假", "Days off"));
            ui.strong(env.tr("调休上班", "Make-up working days"));
            ui.end_row();
            for h in &notice.holidays {
                ui.label(&h.name);
                let runs: Vec<String> = holidays::runs(&h.days_off)
                    .iter()
                    .map(|(a, b)| {
                        let days = (*b - *a).num_days() + 1;
                        match (a == b, env.lang) {
                            (true, _) => day_text(*a, env.lang),
                            (false, Lang::Zh) => format!(
                                "{} 至 {}，共 {days} 天",
                                day_text(*a, env.lang),
                                day_text(*b, env.lang)
                            ),
                            (false, Lang::En) => format!(
                                "{} to {}, {days} days",
                                day_text(*a, env.lang),
                                day_text(*b, env.lang)
                            ),
                        }
                    })
                    .collect();
                ui.label(runs.join(env.tr("；", "; ")));
                let work: Vec<String> = h.make_up.iter().map(|d| day_text(*d, env.lang)).collect();
                ui.label(match work.is_empty() {
                    true => env.tr("无", "none").to_string(),
                    false => work.join(env.tr("、", ", ")),
                });
                ui.end_row();
            }
        });
    if WorkCalendar::china().notice_source(notice.year).is_some() {
        ui.label(env.tr(
            "这一年的通知已内置；导入后以导入的为准。",
            "This year's notice is built in; once imported, the imported days take precedence.",
        ));
    }
    for d in &import.replaced {
        let text = match env.lang {
            Lang::Zh => format!("将替换公司已设定的 {}（{}）。", d.date, d.name),
            Lang::En => format!("Replaces the agency's own day {} ({}).", d.date, d.name),
        };
        ui.colored_label(p.warning, text);
    }
}

/// The notice's year as it will be once imported.
fn preview_calendar_ui(ui: &mut Ui, env: &Env, notice: &Notice, import: &NoticeImport) {
    ui.add_space(6.0);
    let notice_days: BTreeSet<NaiveDate> = import
        .settings
        .notices
        .iter()
        .flat_map(|n| n.dates.iter().copied())
        .collect();
    year_calendar_ui(
        ui,
        "preview",
        &import.settings.calendar(),
        &notice_days,
        notice.year,
        env.lang,
    );
}
