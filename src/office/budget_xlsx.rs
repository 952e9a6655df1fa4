//! The monthly budget report (每月预算报告) as a workbook, for the client who keeps its own
//! books in Excel: the same model as the PDF, so the same figures — the facts and key
//! figures with the summary 媒介 / 制作 / 合计, the months (cumulative, with Excel's own
//! stacked chart and the budget's pace as a line), the jobs behind the figures by side with
//! their sums, the estimates awaiting signature, media by channel and month, then what
//! changed, the remarks and the definitions. Amounts are numbers; the report's hash is on
//! the first sheet, so a workbook is matched to the PDF it goes with.

use super::sheet::{Styles, date, share, sheet_name, yuan};
use crate::domain::budget::BudgetSide;
use crate::reports::brief::Label;
use crate::reports::budget::{BudgetReport, job_columns, labels, side_caption, summary_columns};
use crate::reports::{Caption, DocLang};
use rust_xlsxwriter::{
    Chart, ChartFormat, ChartLine, ChartLineDashType, ChartPatternFill, ChartPatternFillType,
    ChartSolidFill, ChartType, Color, Workbook, Worksheet, XlsxError,
};

const MEDIA: u32 = 0x2F6FB3;
const PRODUCTION: u32 = 0xC2410C;

/// The workbook's bytes.
pub fn render(report: &BudgetReport) -> Result<Vec<u8>, XlsxError> {
    let s = Styles::new();
    let l = report.lang;
    let mut book = Workbook::new();
    summary(book.add_worksheet(), report, &s)?;
    let months_name = sheet_name(&name(l, Label::new("逐月", "Months")));
    months(book.add_worksheet(), &months_name, report, &s)?;
    jobs(book.add_worksheet(), report, &s)?;
    pending(book.add_worksheet(), report, &s)?;
    channels(book.add_worksheet(), report, &s)?;
    book.save_to_buffer()
}

/// A sheet's name: the label's first language.
fn name(l: DocLang, label: Label) -> String {
    match l {
        DocLang::En => label.en.to_string(),
        DocLang::Zh | DocLang::Both => label.zh.to_string(),
    }
}

fn text(l: DocLang, label: Label) -> String {
    l.caption(label).to_string()
}

fn header(
    sheet: &mut Worksheet,
    row: u32,
    captions: &[Caption],
    s: &Styles,
) -> Result<(), XlsxError> {
    for (c, caption) in captions.iter().enumerate() {
        sheet.write_string_with_format(row, c as u16, caption.to_string(), &s.head)?;
    }
    Ok(())
}

/// Facts, key figures, the summary, then the words: changes, remarks, definitions, hash.
fn summary(sheet: &mut Worksheet, r: &BudgetReport, s: &Styles) -> Result<(), XlsxError> {
    let l = r.lang;
    sheet.set_name(sheet_name(&name(
        l,
        Label::new("预算报告", "Budget report"),
    )))?;
    for (c, w) in [22.0, 18.0, 18.0, 18.0, 18.0, 12.0].iter().enumerate() {
        sheet.set_column_width(c as u16, *w)?;
    }
    sheet.write_string_with_format(0, 0, &r.letterhead.agency_name, &s.section)?;
    let mut title = r.title.to_string();
    if r.draft {
        title.push_str(&format!("　{}", l.pick("草稿", "DRAFT", "草稿 DRAFT")));
    }
    sheet.write_string_with_format(1, 0, &title, &s.title)?;
    let mut row = 3u32;
    for (caption, value) in &r.facts {
        sheet.write_string_with_format(row, 0, caption.to_string(), &s.head)?;
        sheet.merge_range(row, 1, row, 4, value, &s.wrap)?;
        row += 1;
    }
    row += 1;
    sheet.write_string_with_format(row, 0, text(l, labels::KEY_FIGURES), &s.section)?;
    row += 1;
    let f = &r.figures;
    let t = f.total();
    let amounts = [
        (labels::BUDGET, t.budget),
        (labels::EXECUTED, t.executed),
        (labels::IN_PROGRESS, t.in_progress),
        (labels::REMAINING, t.remaining()),
        (labels::FORECAST, f.forecast()),
    ];
    for (label, amount) in amounts {
        sheet.write_string_with_format(row, 0, text(l, label), &s.head)?;
        sheet.write_number_with_format(row, 1, yuan(amount), &s.money)?;
        row += 1;
    }
    let shares = [
        (labels::USED, t.used_bp()),
        (labels::ELAPSED, Some(f.year.elapsed_bp(f.as_of))),
    ];
    for (label, bp) in shares {
        sheet.write_string_with_format(row, 0, text(l, label), &s.head)?;
        match bp {
            Some(bp) => sheet.write_number_with_format(row, 1, share(bp), &s.percent)?,
            None => sheet.write_string(row, 1, "—")?,
        };
        row += 1;
    }
    row += 1;
    sheet.write_string_with_format(row, 0, text(l, labels::SUMMARY), &s.section)?;
    row += 1;
    let mut captions = vec![Caption::default()];
    captions.extend(summary_columns(l));
    header(sheet, row, &captions, s)?;
    row += 1;
    for (i, line) in r.summary.iter().enumerate() {
        let last = i + 1 == r.summary.len();
        let (label, money) = match last {
            true => (&s.sum, &s.money_sum),
            false => (&s.wrap, &s.money),
        };
        let x = line.figures;
        sheet.write_string_with_format(row, 0, line.caption.to_string(), label)?;
        for (c, v) in [x.budget, x.executed, x.in_progress, x.remaining()]
            .into_iter()
            .enumerate()
        {
            sheet.write_number_with_format(row, c as u16 + 1, yuan(v), money)?;
        }
        match x.used_bp() {
            Some(bp) => sheet.write_number_with_format(row, 5, share(bp), &s.percent)?,
            None => sheet.write_string(row, 5, "—")?,
        };
        row += 1;
    }
    let words = [
        (labels::CHANGES, r.changes.join("\n")),
        (labels::REMARKS, r.remarks.clone()),
        (labels::DEFINITIONS, r.definitions.clone()),
    ];
    for (label, body) in words {
        if body.trim().is_empty() {
            continue;
        }
        row += 1;
        sheet.write_string_with_format(row, 0, text(l, label), &s.section)?;
        row += 1;
        sheet.merge_range(row, 0, row, 5, &body, &s.wrap)?;
        // Room for the lines as they wrap across the merged width (about 50 characters).
        let lines: usize = body
            .lines()
            .map(|x| x.chars().count().div_ceil(50).max(1))
            .sum();
        sheet.set_row_height(row, 15.0 * lines.max(1) as f64)?;
        row += 1;
    }
    row += 1;
    let hash = l.pick("报告校验码", "Report hash", "报告校验码 Report hash");
    sheet.write_string_with_format(row, 0, hash, &s.note)?;
    sheet.merge_range(row, 1, row, 5, &r.hash, &s.note)?;
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_paper_size(9);
    Ok(())
}

/// The months, cumulative, as the charts draw them, with Excel's chart of them.
fn months(
    sheet: &mut Worksheet,
    sheet_title: &str,
    r: &BudgetReport,
    s: &Styles,
) -> Result<(), XlsxError> {
    let l = r.lang;
    sheet.set_name(sheet_title)?;
    let side = |b: BudgetSide, what: Label| {
        let side = side_caption(l, Some(b));
        let what = l.caption(what);
        match l {
            DocLang::Both => Caption {
                main: format!("{}{}", side.main, what.main),
                second: format!("{} {}", side.second, what.second.to_lowercase()),
            },
            DocLang::En => Caption {
                main: format!("{} {}", side.main, what.main.to_lowercase()),
                second: String::new(),
            },
            DocLang::Zh => Caption {
                main: format!("{}{}", side.main, what.main),
                second: String::new(),
            },
        }
    };
    let captions = [
        l.caption(Label::new("月份（累计）", "Month (cumulative)")),
        side(BudgetSide::Media, labels::EXECUTED),
        side(BudgetSide::Media, labels::IN_PROGRESS),
        side(BudgetSide::Production, labels::EXECUTED),
        side(BudgetSide::Production, labels::IN_PROGRESS),
        l.caption(labels::TOTAL),
        l.caption(Label::new("预算进度", "Budget pace")),
    ];
    header(sheet, 0, &captions, s)?;
    sheet.set_column_width(0, 18.0)?;
    for c in 1..7 {
        sheet.set_column_width(c, 16.0)?;
    }
    let f = &r.figures;
    let reached = f.months_reached();
    for (m, bar) in f.cumulative().iter().enumerate() {
        let row = m as u32 + 1;
        let label = r.month_labels.get(m).cloned().unwrap_or_default();
        sheet.write_string(row, 0, &label)?;
        if m < reached {
            let [media, production] = bar;
            let values = [
                media.executed,
                media.in_progress,
                production.executed,
                production.in_progress,
                media.executed + media.in_progress + production.executed + production.in_progress,
            ];
            for (c, v) in values.into_iter().enumerate() {
                sheet.write_number_with_format(row, c as u16 + 1, yuan(v), &s.money)?;
            }
        }
        sheet.write_number_with_format(row, 6, yuan(f.pace(m + 1)), &s.money)?;
    }
    // Executed solid, in progress hatched in the side's colour: it reads in grey too.
    let mut chart = Chart::new(ChartType::ColumnStacked);
    let series = [
        (1u16, MEDIA, false),
        (2, MEDIA, true),
        (3, PRODUCTION, false),
        (4, PRODUCTION, true),
    ];
    for (c, colour, open) in series {
        let mut format = ChartFormat::new();
        match open {
            true => format.set_pattern_fill(
                ChartPatternFill::new()
                    .set_pattern(ChartPatternFillType::DiagonalStripesWideUpwards)
                    .set_foreground_color(Color::RGB(colour))
                    .set_background_color(Color::White),
            ),
            false => format.set_solid_fill(ChartSolidFill::new().set_color(Color::RGB(colour))),
        };
        chart
            .add_series()
            .set_name((sheet_title, 0, c))
            .set_categories((sheet_title, 1, 0, 12, 0))
            .set_values((sheet_title, 1, c, 12, c))
            .set_format(&mut format)
            .set_gap(60);
    }
    let mut pace = Chart::new(ChartType::Line);
    pace.add_series()
        .set_name((sheet_title, 0, 6))
        .set_categories((sheet_title, 1, 0, 12, 0))
        .set_values((sheet_title, 1, 6, 12, 6))
        .set_format(
            ChartFormat::new().set_line(
                ChartLine::new()
                    .set_color(Color::RGB(0x374151))
                    .set_dash_type(ChartLineDashType::Dash),
            ),
        );
    chart.combine(&pace);
    chart.title().set_name(&text(l, labels::CHARTS));
    chart.set_width(900).set_height(380);
    sheet.insert_chart(14, 0, &chart)?;
    sheet.set_freeze_panes(1, 1)?;
    Ok(())
}

/// The jobs behind the figures, by side, with each side's sums and the total.
fn jobs(sheet: &mut Worksheet, r: &BudgetReport, s: &Styles) -> Result<(), XlsxError> {
    let l = r.lang;
    sheet.set_name(sheet_name(&name(l, labels::JOBS)))?;
    let mut captions = vec![l.caption(Label::new("类别", "Side"))];
    captions.extend(job_columns(l));
    header(sheet, 0, &captions, s)?;
    for (c, w) in [10.0, 12.0, 30.0, 18.0, 12.0, 16.0, 16.0, 16.0, 12.0]
        .iter()
        .enumerate()
    {
        sheet.set_column_width(c as u16, *w)?;
    }
    let mut row = 1u32;
    let mut total = [0i64; 3];
    for side in BudgetSide::ALL {
        let lines: Vec<_> = r.jobs.iter().filter(|j| j.side == side).collect();
        if lines.is_empty() {
            continue;
        }
        let name = side_caption(l, Some(side)).to_string();
        let mut sum = [0i64; 3];
        for j in &lines {
            sheet.write_string(row, 0, &name)?;
            sheet.write_string(row, 1, &j.job)?;
            sheet.write_string(row, 2, &j.project)?;
            sheet.write_string(row, 3, &j.estimate)?;
            sheet.write_datetime_with_format(row, 4, date(j.signed_on)?, &s.date)?;
            for (c, v) in [j.amount, j.invoiced, j.in_progress]
                .into_iter()
                .enumerate()
            {
                sheet.write_number_with_format(row, c as u16 + 5, yuan(v), &s.money)?;
                sum[c] += v;
            }
            sheet.write_string(row, 8, j.status(l))?;
            row += 1;
        }
        sheet.write_string_with_format(
            row,
            0,
            format!("{name} {}", l.caption(labels::TOTAL)),
            &s.sum,
        )?;
        for (c, v) in sum.into_iter().enumerate() {
            sheet.write_number_with_format(row, c as u16 + 5, yuan(v), &s.money_sum)?;
            total[c] += v;
        }
        row += 1;
    }
    sheet.write_string_with_format(row, 0, text(l, labels::TOTAL), &s.sum)?;
    for (c, v) in total.into_iter().enumerate() {
        sheet.write_number_with_format(row, c as u16 + 5, yuan(v), &s.money_sum)?;
    }
    sheet.autofilter(0, 0, row.saturating_sub(1).max(1), 8)?;
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

/// Sent and not signed: listed, not deducted.
fn pending(sheet: &mut Worksheet, r: &BudgetReport, s: &Styles) -> Result<(), XlsxError> {
    let l = r.lang;
    sheet.set_name(sheet_name(&name(
        l,
        Label::new("待签署", "Awaiting signature"),
    )))?;
    sheet.write_string_with_format(0, 0, text(l, labels::PENDING), &s.section)?;
    let captions = [
        l.caption(labels::ESTIMATE),
        l.caption(labels::PROJECT),
        l.caption(Label::new("类别", "Side")),
        l.caption(labels::AMOUNT),
    ];
    header(sheet, 1, &captions, s)?;
    for (c, w) in [20.0, 34.0, 10.0, 16.0].iter().enumerate() {
        sheet.set_column_width(c as u16, *w)?;
    }
    let mut row = 2u32;
    for (estimate, project, side, amount) in &r.pending {
        sheet.write_string(row, 0, estimate)?;
        sheet.write_string(row, 1, project)?;
        sheet.write_string(row, 2, side_caption(l, Some(*side)).to_string())?;
        sheet.write_number_with_format(row, 3, yuan(*amount), &s.money)?;
        row += 1;
    }
    let sum: i64 = r.pending.iter().map(|p| p.3).sum();
    sheet.write_string_with_format(row, 0, text(l, labels::TOTAL), &s.sum)?;
    sheet.write_number_with_format(row, 3, yuan(sum), &s.money_sum)?;
    Ok(())
}

/// Media by channel and month, with each channel's and each month's sums.
fn channels(sheet: &mut Worksheet, r: &BudgetReport, s: &Styles) -> Result<(), XlsxError> {
    let l = r.lang;
    sheet.set_name(sheet_name(&name(
        l,
        Label::new("媒介渠道", "Media channels"),
    )))?;
    let mut captions = vec![l.caption(labels::CHANNEL)];
    captions.extend(r.month_labels.iter().map(|m| Caption {
        main: m.clone(),
        second: String::new(),
    }));
    captions.push(l.caption(labels::TOTAL));
    header(sheet, 0, &captions, s)?;
    sheet.set_column_width(0, 20.0)?;
    for c in 1..=13 {
        sheet.set_column_width(c, 13.0)?;
    }
    let mut row = 1u32;
    let mut months = [0i64; 12];
    for line in &r.channels {
        sheet.write_string(row, 0, &line.channel)?;
        for (m, v) in line.months.iter().enumerate() {
            sheet.write_number_with_format(row, m as u16 + 1, yuan(*v), &s.money)?;
            months[m] += v;
        }
        sheet.write_number_with_format(row, 13, yuan(line.total()), &s.money)?;
        row += 1;
    }
    sheet.write_string_with_format(row, 0, text(l, labels::TOTAL), &s.sum)?;
    for (m, v) in months.iter().enumerate() {
        sheet.write_number_with_format(row, m as u16 + 1, yuan(*v), &s.money_sum)?;
    }
    let all: i64 = months.iter().sum();
    sheet.write_number_with_format(row, 13, yuan(all), &s.money_sum)?;
    sheet.set_freeze_panes(1, 1)?;
    sheet.set_landscape();
    Ok(())
}
