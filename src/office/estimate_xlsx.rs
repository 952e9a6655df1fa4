//! An estimate's version as the client's workbook: what the PDF prints — the facts, the
//! lines by category with their subtotals, 不含税 / 税额 / 价税合计, the total in 大写, the
//! note — with amounts as numbers, and the version's check code (number, letter and full
//! hash) on the sheet. Only the client's view comes in ([`EstimateReport`]): sell prices,
//! never vendors, costs or markups. A version not approved says 草稿 / DRAFT in its title
//! and its sheet's name.

use super::sheet::{Styles, sheet_name, yuan};
use crate::reports::estimate::EstimateReport;
use rust_xlsxwriter::{Workbook, XlsxError};

/// Columns: number, item, specification, unit, quantity, unit price, amount.
const WIDTHS: [f64; 7] = [6.0, 34.0, 30.0, 8.0, 10.0, 14.0, 16.0];

/// The workbook's bytes.
pub fn render(report: &EstimateReport) -> Result<Vec<u8>, XlsxError> {
    let s = Styles::new();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let mut name = format!("{} {}", report.number, report.version);
    if let Some(draft) = &report.draft {
        name.push_str(&format!(" {}", draft.split(' ').next().unwrap_or(draft)));
    }
    sheet.set_name(sheet_name(&name))?;
    for (c, w) in WIDTHS.iter().enumerate() {
        sheet.set_column_width(c as u16, *w)?;
    }
    let letterhead = &report.letterhead;
    sheet.write_string_with_format(0, 0, &letterhead.agency_name, &s.section)?;
    let mut title = format!("{}　{} {}", report.title, report.number, report.version);
    if let Some(draft) = &report.draft {
        title.push_str(&format!("　{draft}"));
    }
    sheet.write_string_with_format(1, 0, &title, &s.title)?;
    if report.draft.is_some() {
        sheet.write_string_with_format(2, 0, &report.acceptance.note, &s.warn)?;
    } else {
        sheet.write_string_with_format(2, 0, &report.subject, &s.section)?;
    }
    let mut row = 4u32;
    for fact in &report.facts {
        sheet.write_string_with_format(row, 0, fact.label.to_string(), &s.head)?;
        sheet.merge_range(row, 1, row, 2, &fact.value, &s.wrap)?;
        row += 1;
    }
    row += 1;
    for (c, caption) in report.columns.iter().enumerate() {
        sheet.write_string_with_format(row, c as u16, caption.to_string(), &s.head)?;
    }
    let header = row;
    row += 1;
    for group in &report.groups {
        sheet.write_string_with_format(row, 0, &group.heading, &s.section)?;
        row += 1;
        for line in &group.rows {
            sheet.write_number(row, 0, line.number as f64)?;
            sheet.write_string_with_format(row, 1, &line.description, &s.wrap)?;
            sheet.write_string_with_format(row, 2, &line.specification, &s.wrap)?;
            sheet.write_string(row, 3, &line.unit)?;
            // The quantity as written (`1.5`), a number when it reads as one.
            match line.quantity.replace(',', "").parse::<f64>() {
                Ok(q) => sheet.write_number(row, 4, q)?,
                Err(_) => sheet.write_string(row, 4, &line.quantity)?,
            };
            if let Some(price) = line.unit_price {
                sheet.write_number_with_format(row, 5, yuan(price.0), &s.money)?;
            }
            sheet.write_number_with_format(row, 6, yuan(line.amount.0), &s.money)?;
            row += 1;
        }
        if let Some((label, sum)) = &group.subtotal {
            sheet.write_string_with_format(row, 5, label, &s.sum)?;
            sheet.write_number_with_format(row, 6, yuan(sum.0), &s.money_sum)?;
            row += 1;
        }
    }
    sheet.set_freeze_panes(header + 1, 0)?;
    row += 1;
    for total in &report.totals {
        let (label, money) = match total.strong {
            true => (&s.sum, &s.money_sum),
            false => (&s.head, &s.money),
        };
        sheet.merge_range(row, 4, row, 5, &total.label.to_string(), label)?;
        sheet.write_number_with_format(row, 6, yuan(total.amount.0), money)?;
        row += 1;
    }
    sheet.write_string_with_format(row, 1, report.in_words_label.to_string(), &s.head)?;
    sheet.merge_range(row, 2, row, 6, &report.in_words, &s.sum)?;
    row += 1;
    sheet.merge_range(row, 1, row, 6, &report.basis_note, &s.note)?;
    row += 2;
    if let Some((heading, note)) = &report.client_note {
        sheet.write_string_with_format(row, 0, heading.to_string(), &s.section)?;
        row += 1;
        sheet.merge_range(row, 0, row, 6, note, &s.wrap)?;
        sheet.set_row_height(row, 15.0 * (note.lines().count().max(1) as f64 + 1.0))?;
        row += 2;
    }
    let a = &report.acceptance;
    sheet.write_string_with_format(row, 0, a.heading.to_string(), &s.section)?;
    row += 1;
    sheet.merge_range(row, 0, row, 6, &a.note, &s.wrap)?;
    row += 1;
    for field in a.fields.iter().chain([&a.chop]) {
        sheet.write_string_with_format(row, 1, field.to_string(), &s.head)?;
        row += 1;
    }
    row += 1;
    sheet.write_string_with_format(row, 0, a.check_caption.to_string(), &s.note)?;
    sheet.merge_range(
        row,
        1,
        row,
        6,
        &format!("{} · {}", a.check_line, report.hash),
        &s.note,
    )?;
    sheet.set_paper_size(9);
    sheet.set_print_fit_to_pages(1, 0);
    book.save_to_buffer()
}
