//! A whole year on one screen: twelve months of day cells, the public holidays, the agency's
//! days and the make-up working days each in their own mark, with a legend. Every cell says
//! what it is in words too (tooltip and screen reader), so colour is never the only sign.

use crate::domain::Lang;
use crate::domain::calendar::notice::weekday_name;
use crate::domain::calendar::{DayKind, WorkCalendar};
use crate::ui::theme;
use chrono::{Datelike, NaiveDate};
use egui::{Align2, Color32, FontId, Pos2, Rect, Sense, Stroke, Ui, Vec2};
use std::collections::BTreeSet;

/// One day cell.
const CELL: Vec2 = Vec2::new(30.0, 32.0);
/// Space between months.
const GAP: f32 = 18.0;

/// The colours of the calendar's marks in one theme: each pair reads at WCAG AA.
struct Marks {
    /// A day off (built in): text and fill.
    off: (Color32, Color32),
    /// A day off the agency set or imported.
    agency_off: (Color32, Color32),
    /// A make-up working day.
    work: (Color32, Color32),
    /// The border of every day the agency set or imported.
    agency_border: Color32,
}

fn marks(ui: &Ui) -> Marks {
    let p = theme::palette(ui.visuals());
    match ui.visuals().dark_mode {
        false => Marks {
            off: (p.error, p.error_bg),
            agency_off: (
                Color32::from_rgb(0x5b, 0x21, 0xb6),
                Color32::from_rgb(0xed, 0xe9, 0xfe),
            ),
            work: (
                Color32::from_rgb(0x92, 0x40, 0x0e),
                Color32::from_rgb(0xfe, 0xf3, 0xc7),
            ),
            agency_border: Color32::from_rgb(0x6d, 0x28, 0xd9),
        },
        true => Marks {
            off: (p.error, p.error_bg),
            agency_off: (
                Color32::from_rgb(0xc4, 0xb5, 0xfd),
                Color32::from_rgb(0x2e, 0x1f, 0x5e),
            ),
            work: (p.warning, Color32::from_rgb(0x42, 0x2f, 0x0a)),
            agency_border: Color32::from_rgb(0xa7, 0x8b, 0xfa),
        },
    }
}

/// How a day is shown: its kind in words and how it is marked.
struct Look {
    /// 休 or 班, under the day's number.
    mark: Option<&'static str>,
    text: Color32,
    fill: Option<Color32>,
    agency: bool,
    /// The day in words: 春节 · 放假（内置）.
    words: String,
}

fn look(
    kind: &DayKind,
    date: NaiveDate,
    notice_days: &BTreeSet<NaiveDate>,
    m: &Marks,
    ui: &Ui,
    lang: Lang,
) -> Look {
    let p = theme::palette(ui.visuals());
    let agency_source = match notice_days.contains(&date) {
        true => lang.pick("导入的通知", "imported notice"),
        false => lang.pick("公司设定", "set by the agency"),
    };
    let built_in = lang.pick("内置", "built in");
    let (off, work) = (
        lang.pick("放假", "day off"),
        lang.pick("调休上班", "make-up working day"),
    );
    let sep = lang.pick("（", " (");
    let end = lang.pick("）", ")");
    match kind {
        DayKind::Workday => Look {
            mark: None,
            text: p.text,
            fill: None,
            agency: false,
            words: lang.pick("工作日", "working day").into(),
        },
        DayKind::Weekend => Look {
            mark: None,
            text: p.internal,
            fill: Some(p.faint_bg),
            agency: false,
            words: lang.pick("周末", "weekend").into(),
        },
        DayKind::Holiday(name) => Look {
            mark: Some("休"),
            text: m.off.0,
            fill: Some(m.off.1),
            agency: false,
            words: format!("{name} · {off}{sep}{built_in}{end}"),
        },
        DayKind::MakeUpWorkday(name) => Look {
            mark: Some("班"),
            text: m.work.0,
            fill: Some(m.work.1),
            agency: false,
            words: format!("{name} · {work}{sep}{built_in}{end}"),
        },
        DayKind::Agency {
            working: false,
            name,
        } => Look {
            mark: Some("休"),
            text: m.agency_off.0,
            fill: Some(m.agency_off.1),
            agency: true,
            words: format!("{name} · {off}{sep}{agency_source}{end}"),
        },
        DayKind::Agency {
            working: true,
            name,
        } => Look {
            mark: Some("班"),
            text: m.work.0,
            fill: Some(m.work.1),
            agency: true,
            words: match notice_days.contains(&date) {
                true => format!("{name} · {work}{sep}{agency_source}{end}"),
                false => format!(
                    "{name} · {}{sep}{agency_source}{end}",
                    lang.pick("上班", "working day")
                ),
            },
        },
    }
}

/// The whole of `year` on `cal`, with its legend; the agency's days in `notice_days` are
/// named as coming from an imported notice. `salt` keeps two calendars of one screen apart.
pub(crate) fn year_calendar_ui(
    ui: &mut Ui,
    salt: &str,
    cal: &WorkCalendar,
    notice_days: &BTreeSet<NaiveDate>,
    year: i32,
    lang: Lang,
) {
    let m = marks(ui);
    let month_width = CELL.x * 7.0 + GAP;
    let columns = ((ui.available_width() / month_width).floor() as usize).clamp(1, 4);
    egui::Grid::new(("year_calendar", salt, year))
        .spacing(Vec2::new(GAP, 10.0))
        .show(ui, |ui| {
            for month in 1..=12u32 {
                ui.vertical(|ui| month_ui(ui, cal, notice_days, year, month, &m, lang));
                if (month as usize).is_multiple_of(columns) {
                    ui.end_row();
                }
            }
        });
    legend_ui(ui, &m, lang);
}

fn month_ui(
    ui: &mut Ui,
    cal: &WorkCalendar,
    notice_days: &BTreeSet<NaiveDate>,
    year: i32,
    month: u32,
    m: &Marks,
    lang: Lang,
) {
    let Some(first) = NaiveDate::from_ymd_opt(year, month, 1) else {
        return;
    };
    let title = match lang {
        Lang::Zh => format!("{month} 月"),
        Lang::En => first.format("%B").to_string(),
    };
    ui.strong(title);
    let p = theme::palette(ui.visuals());
    let (head, _) = ui.allocate_exact_size(Vec2::new(CELL.x * 7.0, 16.0), Sense::hover());
    let names = match lang {
        Lang::Zh => ["一", "二", "三", "四", "五", "六", "日"],
        Lang::En => ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"],
    };
    for (i, n) in names.iter().enumerate() {
        let x = head.left() + CELL.x * (i as f32 + 0.5);
        ui.painter().text(
            Pos2::new(x, head.center().y),
            Align2::CENTER_CENTER,
            *n,
            FontId::proportional(theme::SMALL),
            p.internal,
        );
    }
    let offset = first.weekday().num_days_from_monday() as usize;
    let days: Vec<NaiveDate> = first
        .iter_days()
        .take_while(|d| d.month() == month)
        .collect();
    let (area, _) = ui.allocate_exact_size(Vec2::new(CELL.x * 7.0, CELL.y * 6.0), Sense::hover());
    for (i, date) in days.iter().enumerate() {
        let slot = offset + i;
        let min = area.min + Vec2::new(CELL.x * (slot % 7) as f32, CELL.y * (slot / 7) as f32);
        let rect = Rect::from_min_size(min, CELL).shrink(1.5);
        day_ui(ui, rect, *date, cal, notice_days, m, lang);
    }
}

fn day_ui(
    ui: &mut Ui,
    rect: Rect,
    date: NaiveDate,
    cal: &WorkCalendar,
    notice_days: &BTreeSet<NaiveDate>,
    m: &Marks,
    lang: Lang,
) {
    let kind = cal.kind(date);
    let l = look(&kind, date, notice_days, m, ui, lang);
    let label = format!(
        "{} {} {}",
        date.format("%Y-%m-%d"),
        weekday_name(date.weekday(), lang),
        l.words
    );
    let response = ui.interact(rect, ui.scope_id().with(("day", date)), Sense::hover());
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, label.as_str()));
    if !ui.is_rect_visible(rect) {
        return;
    }
    let painter = ui.painter();
    if let Some(fill) = l.fill {
        painter.rect_filled(rect, 4.0, fill);
    }
    if l.agency {
        painter.rect_stroke(
            rect,
            4.0,
            Stroke::new(2.0, m.agency_border),
            egui::StrokeKind::Inside,
        );
    }
    let number_y = match l.mark {
        Some(_) => rect.top() + 10.0,
        None => rect.center().y,
    };
    painter.text(
        Pos2::new(rect.center().x, number_y),
        Align2::CENTER_CENTER,
        date.day().to_string(),
        FontId::proportional(13.0),
        l.text,
    );
    if let Some(mark) = l.mark {
        painter.text(
            Pos2::new(rect.center().x, rect.bottom() - 8.0),
            Align2::CENTER_CENTER,
            mark,
            FontId::proportional(11.0),
            l.text,
        );
    }
    response.on_hover_text(label);
}

/// What each mark means.
fn legend_ui(ui: &mut Ui, m: &Marks, lang: Lang) {
    let p = theme::palette(ui.visuals());
    let items = [
        (
            "休",
            m.off,
            false,
            lang.pick("法定假日（内置通知）", "Public holiday (built in)"),
        ),
        (
            "休",
            m.agency_off,
            true,
            lang.pick(
                "公司休息日或导入的通知",
                "Agency day off or imported notice",
            ),
        ),
        (
            "班",
            m.work,
            false,
            lang.pick("调休上班", "Make-up working day"),
        ),
        (
            "班",
            m.work,
            true,
            lang.pick(
                "公司设定或导入的上班日",
                "Working day set by the agency or imported",
            ),
        ),
        (
            "",
            (p.internal, p.faint_bg),
            false,
            lang.pick("周末", "Weekend"),
        ),
    ];
    ui.add_space(4.0);
    ui.horizontal_wrapped(|ui| {
        ui.label(egui::RichText::new(lang.pick("图例：", "Legend:")).strong());
        for (mark, (text, fill), agency, words) in items {
            let (rect, _) = ui.allocate_exact_size(Vec2::new(22.0, 20.0), Sense::hover());
            ui.painter().rect_filled(rect, 4.0, fill);
            if agency {
                ui.painter().rect_stroke(
                    rect,
                    4.0,
                    Stroke::new(2.0, m.agency_border),
                    egui::StrokeKind::Inside,
                );
            }
            ui.painter().text(
                rect.center(),
                Align2::CENTER_CENTER,
                mark,
                FontId::proportional(11.0),
                text,
            );
            ui.label(words);
            ui.add_space(10.0);
        }
    });
}
