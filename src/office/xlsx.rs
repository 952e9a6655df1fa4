//! The schedule as an Excel workbook (.xlsx): task table with real dates, and a timeline of
//! coloured cells (one column per day, or per week for long schedules) that agencies can
//! keep editing in Excel. Client actions are bold with the ★ marker; the internal version
//! says 内部 / INTERNAL in its sheet name and title.

use crate::domain::calendar::WorkCalendar;
use crate::domain::format;
use crate::reports::schedule::{
    CLIENT_ACTION_MARK, ScheduleReport, View, labels, palette, party_label, status_label,
};
use chrono::{Datelike, Duration, NaiveDate};
use rust_xlsxwriter::{
    Color, ExcelDateTime, Format, FormatAlign, FormatPattern, Workbook, XlsxError,
};

/// Longest timeline drawn one column per day; longer ones get one column per week.
const DAILY_UP_TO_DAYS: i64 = 120;

/// Columns before the timeline.
const TABLE_COLUMNS: u16 = 8;

fn rgb([r, g, b]: [u8; 3]) -> Color {
    Color::RGB((u32::from(r) << 16) | (u32::from(g) << 8) | u32::from(b))
}

fn excel_date(d: NaiveDate) -> Result<ExcelDateTime, XlsxError> {
    // Months and days always fit; years outside Excel's range are refused by it.
    ExcelDateTime::from_ymd(
        u16::try_from(d.year()).unwrap_or(1900),
        d.month() as u8,
        d.day() as u8,
    )
}

/// The workbook's bytes.
pub fn render(report: &ScheduleReport, cal: &WorkCalendar) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let internal = report.view == View::Internal;
    sheet.set_name(if internal {
        "进度表（内部）"
    } else {
        "进度表"
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
    }
    sheet.write_string_with_format(0, 0, &heading, &title)?;
    if internal {
        sheet.write_string_with_format(
            0,
            3,
            "内部文件，请勿发给客户 INTERNAL — do not send to the client",
            &warn,
        )?;
    }
    let facts = [
        (labels::CLIENT.to_string(), report.client_name.clone()),
        (
            labels::JOB.to_string(),
            format!("{} {}", report.job_number, report.job_title),
        ),
        (labels::VERSION.to_string(), report.version_text()),
        (
            labels::ISSUED.to_string(),
            format::date(report.issued_on, report.lang),
        ),
    ];
    for (i, (label, value)) in facts.iter().enumerate() {
        let row = 1 + i as u32;
        sheet.write_string_with_format(row, 0, label, &Format::new().set_bold())?;
        sheet.write_string(row, 1, value)?;
    }
    sheet.write_string(5, 0, &report.letterhead.agency_name)?;

    let header_row = 7u32;
    let headers = [
        labels::TASK,
        labels::PARTY,
        labels::OWNER,
        labels::START,
        labels::END,
        labels::STATUS,
        labels::PROGRESS,
        labels::NOTE,
    ];
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string_with_format(header_row, c as u16, h.to_string(), &head)?;
    }
    for (c, w) in [34.0, 10.0, 14.0, 11.0, 11.0, 10.0, 8.0, 36.0]
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
        sheet.write_datetime_with_format(header_row, col, excel_date(*from)?, &day_head)?;
        sheet.set_column_width(col, 2.6)?;
    }

    for (i, r) in report.rows.iter().enumerate() {
        let row = header_row + 1 + i as u32;
        let mut name = r.name.clone();
        if r.milestone {
            name = format!("◆ {name}");
        }
        if r.client_action {
            name = format!(
                "{CLIENT_ACTION_MARK} {name}（{}）",
                labels::CLIENT_ACTION.zh
            );
            sheet.write_string_with_format(row, 0, &name, &action)?;
        } else if r.internal_only {
            sheet.write_string(row, 0, format!("{name}（{}）", labels::INTERNAL.zh))?;
        } else {
            sheet.write_string(row, 0, &name)?;
        }
        sheet.write_string(row, 1, party_label(r.party).to_string())?;
        sheet.write_string(row, 2, &r.owner)?;
        sheet.write_datetime_with_format(row, 3, excel_date(r.start)?, &date)?;
        sheet.write_datetime_with_format(row, 4, excel_date(r.end)?, &date)?;
        let late = r.status == crate::domain::schedule::TaskStatus::Late;
        let status = match (late, r.at_risk) {
            (false, true) => labels::AT_RISK.to_string(),
            _ => status_label(r.status).to_string(),
        };
        match late || r.at_risk {
            true => sheet.write_string_with_format(row, 5, &status, &warn)?,
            false => sheet.write_string(row, 5, &status)?,
        };
        sheet.write_number_with_format(row, 6, f64::from(r.progress) / 100.0, &percent)?;
        sheet.write_string(row, 7, &r.note)?;
        let bar = Format::new()
            .set_background_color(rgb(palette::party(r.party)))
            .set_pattern(FormatPattern::Solid);
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
            } else if on_bar && (!single_day || cal.is_working(*from)) {
                sheet.write_blank(row, col, &bar)?;
            } else if single_day && !cal.is_working(*from) {
                sheet.write_blank(row, col, &shade)?;
            }
        }
    }
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
