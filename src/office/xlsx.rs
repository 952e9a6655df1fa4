//! The schedule as an Excel workbook (.xlsx): task table with real dates, and a timeline of
//! coloured cells (one column per day, or per week for long schedules) that agencies can
//! keep editing in Excel. Client actions are bold with the ★ marker; the internal version
//! says 内部 / INTERNAL in its sheet name and title, a client version that was not issued
//! says 草稿 / DRAFT. Phases are bold with their tasks indented and grouped under them
//! (Excel's outline, so a phase folds); durations are in days, marked where they count
//! calendar days rather than working days.

use crate::domain::calendar::WorkCalendar;
use crate::domain::format;
use crate::reports::schedule::{
    CLIENT_ACTION_MARK, ScheduleReport, View, labels, palette, party_label, status_label,
};
use chrono::{Datelike, Duration, NaiveDate};
use rust_xlsxwriter::{Color, Format, FormatAlign, FormatPattern, Workbook, XlsxError};

/// Longest timeline drawn one column per day; longer ones get one column per week.
const DAILY_UP_TO_DAYS: i64 = 120;

/// Columns before the timeline.
const TABLE_COLUMNS: u16 = 9;

/// The summary bar of a phase in the timeline.
const PHASE: [u8; 3] = [0x37, 0x41, 0x51];

fn rgb([r, g, b]: [u8; 3]) -> Color {
    Color::RGB((u32::from(r) << 16) | (u32::from(g) << 8) | u32::from(b))
}

/// The workbook's bytes.
pub fn render(report: &ScheduleReport, cal: &WorkCalendar) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let internal = report.view == View::Internal;
    let draft = report.is_draft();
    sheet.set_name(match (internal, draft) {
        (true, _) => "进度表（内部）",
        (false, true) => "进度表（草稿）",
        (false, false) => "进度表",
    })?;

    let title = Format::new().set_bold().set_font_size(16);
    let warn = Format::new().set_bold().set_font_color(rgb(palette::LATE));
    let head = Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0xF3F5F8))
        .set_pattern(FormatPattern::Solid)
        .set_border_bottom(rust_xlsxwriter::FormatBorder::Thin);
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let percent = Format::new().set_num_format("0%");
    let action = Format::new()
        .set_bold()
        .set_font_color(rgb(palette::CLIENT_ACTION));
    let day_head = Format::new()
        .set_num_format("m/d")
        .set_font_size(8)
        .set_align(FormatAlign::Center)
        .set_rotation(90);

    let mut heading = labels::TITLE.to_string();
    if internal {
        heading.push_str(&format!("　{}", labels::INTERNAL));
    } else if draft {
        heading.push_str(&format!("　{}", labels::DRAFT));
    }
    sheet.write_string_with_format(0, 0, &heading, &title)?;
    if internal {
        sheet.write_string_with_format(
            0,
            3,
            "内部文件，请勿发给客户 INTERNAL — do not send to the client",
            &warn,
        )?;
    } else if draft {
        sheet.write_string_with_format(0, 3, labels::DRAFT_NOTE.to_string(), &warn)?;
    }
    let facts = [
        (labels::CLIENT.to_string(), report.client_name.clone()),
        (
            labels::JOB.to_string(),
            format!("{} {}", report.job_number, report.job_title),
        ),
        (labels::VERSION.to_string(), report.version_text()),
        match report.version {
            Some(_) => (
                labels::ISSUED.to_string(),
                format::date(report.issued_on, report.lang),
            ),
            None => (
                labels::PRINTED.to_string(),
                format::date(report.today, report.lang),
            ),
        },
        (
            labels::STATUS_AS_OF.to_string(),
            format::date(report.status_date, report.lang),
        ),
    ];
    for (i, (label, value)) in facts.iter().enumerate() {
        let row = 1 + i as u32;
        sheet.write_string_with_format(row, 0, label, &Format::new().set_bold())?;
        sheet.write_string(row, 1, value)?;
    }
    sheet.write_string(6, 0, &report.letterhead.agency_name)?;

    let header_row = 8u32;
    let headers = [
        labels::TASK,
        labels::PARTY,
        labels::OWNER,
        labels::START,
        labels::END,
        labels::DAYS,
        labels::STATUS,
        labels::PROGRESS,
        labels::NOTE,
    ];
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string_with_format(header_row, c as u16, h.to_string(), &head)?;
    }
    for (c, w) in [34.0, 10.0, 14.0, 11.0, 11.0, 10.0, 10.0, 8.0, 36.0]
        .iter()
        .enumerate()
    {
        sheet.set_column_width(c as u16, *w)?;
    }

    // The timeline: days, or weeks starting on Monday.
    let columns: Vec<(NaiveDate, NaiveDate)> = match report.span {
        Some((first, last)) if (last - first).num_days() <= DAILY_UP_TO_DAYS => {
            let mut v = Vec::new();
            let mut d = first;
            while d <= last {
                v.push((d, d));
                d += Duration::days(1);
            }
            v
        }
        Some((first, last)) => {
            let mut v = Vec::new();
            let mut d = first - Duration::days(i64::from(first.weekday().num_days_from_monday()));
            while d <= last {
                v.push((d, d + Duration::days(6)));
                d += Duration::days(7);
            }
            v
        }
        None => Vec::new(),
    };
    let shade = Format::new()
        .set_background_color(rgb(palette::NON_WORKING))
        .set_pattern(FormatPattern::Solid);
    for (i, (from, _)) in columns.iter().enumerate() {
        let col = TABLE_COLUMNS + i as u16;
        sheet.write_datetime_with_format(header_row, col, super::sheet::date(*from)?, &day_head)?;
        sheet.set_column_width(col, 2.6)?;
    }

    let working_days = Format::new().set_num_format("0");
    // A number still (sums and formulas work), shown with its unit.
    let calendar_days =
        Format::new().set_num_format(format!("0\"（{}）\"", labels::CALENDAR_DAYS.zh));
    let phase_name = Format::new().set_bold();
    let phase_bar = Format::new()
        .set_background_color(rgb(PHASE))
        .set_pattern(FormatPattern::Solid);
    let mut group: Option<(u32, u32)> = None;
    for (i, r) in report.rows.iter().enumerate() {
        let row = header_row + 1 + i as u32;
        // Tasks inside a phase: indented, and grouped under it so the phase folds.
        if r.level > 0 {
            group = Some(group.map_or((row, row), |(first, _)| (first, row)));
        } else if let Some((first, last)) = group.take() {
            sheet.group_rows(first, last)?;
        }
        let indent = match r.level {
            0 => Format::new(),
            _ => Format::new().set_indent(1),
        };
        let mut name = r.name.clone();
        if r.milestone {
            name = format!("◆ {name}");
        }
        if r.client_action {
            name = format!(
                "{CLIENT_ACTION_MARK} {name}（{}）",
                labels::CLIENT_ACTION.zh
            );
            sheet.write_string_with_format(row, 0, &name, &action.clone().set_indent(r.level))?;
        } else if r.internal_only {
            let name = format!("{name}（{}）", labels::INTERNAL.zh);
            sheet.write_string_with_format(row, 0, name, &indent)?;
        } else if r.phase {
            sheet.write_string_with_format(row, 0, &name, &phase_name)?;
        } else {
            sheet.write_string_with_format(row, 0, &name, &indent)?;
        }
        // A phase spans the tasks of several parties: its party is theirs, not its own.
        if !r.phase {
            sheet.write_string(row, 1, party_label(r.party).to_string())?;
        }
        sheet.write_string(row, 2, &r.owner)?;
        sheet.write_datetime_with_format(row, 3, super::sheet::date(r.start)?, &date)?;
        sheet.write_datetime_with_format(row, 4, super::sheet::date(r.end)?, &date)?;
        let days = match r.calendar_days {
            true => &calendar_days,
            false => &working_days,
        };
        sheet.write_number_with_format(row, 5, r.days as f64, days)?;
        let late = r.status == crate::domain::schedule::TaskStatus::Late;
        let status = match (late, r.at_risk) {
            (false, true) => labels::AT_RISK.to_string(),
            _ => status_label(r.status).to_string(),
        };
        match late || r.at_risk {
            true => sheet.write_string_with_format(row, 6, &status, &warn)?,
            false => sheet.write_string(row, 6, &status)?,
        };
        sheet.write_number_with_format(row, 7, f64::from(r.progress) / 100.0, &percent)?;
        sheet.write_string(row, 8, &r.note)?;
        let bar = match r.phase {
            true => phase_bar.clone(),
            false => Format::new()
                .set_background_color(rgb(palette::party(r.party)))
                .set_pattern(FormatPattern::Solid),
        };
        for (c, (from, to)) in columns.iter().enumerate() {
            let col = TABLE_COLUMNS + c as u16;
            let on_bar = *from <= r.end && *to >= r.start;
            let single_day = from == to;
            if on_bar && r.milestone {
                sheet.write_string_with_format(
                    row,
                    col,
                    "◆",
                    &Format::new().set_align(FormatAlign::Center),
                )?;
            } else if on_bar && (!single_day || r.calendar_days || cal.is_working(*from)) {
                sheet.write_blank(row, col, &bar)?;
            } else if single_day && !cal.is_working(*from) {
                sheet.write_blank(row, col, &shade)?;
            }
        }
    }
    if let Some((first, last)) = group {
        sheet.group_rows(first, last)?;
    }
    // The phase is the row above its tasks, not below as Excel assumes.
    sheet.group_symbols_above(true);
    sheet.set_freeze_panes(header_row + 1, 1)?;

    // Legend and changes under the table.
    let mut row = header_row + 2 + report.rows.len() as u32;
    for (i, party) in crate::domain::schedule::Party::ALL.iter().enumerate() {
        let swatch = Format::new()
            .set_background_color(rgb(palette::party(*party)))
            .set_pattern(FormatPattern::Solid);
        sheet.write_blank(row, (i * 2) as u16, &swatch)?;
        sheet.write_string(row, (i * 2 + 1) as u16, party_label(*party).to_string())?;
    }
    sheet.write_string_with_format(
        row,
        9,
        format!("{CLIENT_ACTION_MARK} {}", labels::CLIENT_ACTION),
        &action,
    )?;
    if report.has_phases() {
        sheet.write_blank(row, 11, &phase_bar)?;
        sheet.write_string(row, 12, labels::PHASE.to_string())?;
    }
    row += 2;
    if !report.changes.is_empty() {
        let since = report
            .changes_since
            .map(|v| format!("（v{v}）"))
            .unwrap_or_default();
        sheet.write_string_with_format(
            row,
            0,
            format!("{}{since}", labels::CHANGES),
            &Format::new().set_bold(),
        )?;
        for line in report.change_lines() {
            row += 1;
            sheet.write_string(row, 0, &line)?;
        }
    }
    book.save_to_buffer()
}
