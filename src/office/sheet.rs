//! What the workbooks share: amounts as numbers Excel adds up, the formats of titles,
//! headings and money, and sheet names Excel accepts.

use crate::domain::money::Fen;
use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{Color, ExcelDateTime, Format, FormatBorder, FormatPattern, XlsxError};

/// An amount in yuan as Excel keeps numbers: read from its exact decimal text (`1409.50`),
/// never computed in floating point.
pub fn yuan(fen: i64) -> f64 {
    Fen(fen).plain().parse().unwrap_or(0.0)
}

/// A share in basis points as the fraction a percent format shows (`5140` → 0.514).
pub fn share(bp: i64) -> f64 {
    let sign = if bp < 0 { "-" } else { "" };
    let a = bp.unsigned_abs();
    format!("{sign}{}.{:04}", a / 10_000, a % 10_000)
        .parse()
        .unwrap_or(0.0)
}

/// A date as Excel's serial day, shown `yyyy-mm-dd`.
pub fn date(d: NaiveDate) -> Result<ExcelDateTime, XlsxError> {
    ExcelDateTime::from_ymd(
        u16::try_from(d.year()).unwrap_or(1900),
        d.month() as u8,
        d.day() as u8,
    )
}

/// The formats a workbook uses.
pub struct Styles {
    /// The document's title.
    pub title: Format,
    /// A section's heading.
    pub section: Format,
    /// A table's header row.
    pub head: Format,
    /// An amount: thousands separated, two decimals, negatives in red.
    pub money: Format,
    /// An amount on a sum row.
    pub money_sum: Format,
    /// A bold label on a sum row.
    pub sum: Format,
    /// A share: `51.4%`.
    pub percent: Format,
    /// A date.
    pub date: Format,
    /// Muted small print (the hash, notes).
    pub note: Format,
    /// The draft mark.
    pub warn: Format,
    /// Text that wraps in its cell.
    pub wrap: Format,
}

impl Styles {
    /// The formats, with the font that shows Chinese in Excel and WPS.
    pub fn new() -> Styles {
        let base = || Format::new().set_font_name("等线");
        let money = "#,##0.00;[Red]-#,##0.00";
        Styles {
            title: base().set_bold().set_font_size(16),
            section: base().set_bold().set_font_size(12),
            head: base()
                .set_bold()
                .set_background_color(Color::RGB(0xF3F5F8))
                .set_pattern(FormatPattern::Solid)
                .set_border_bottom(FormatBorder::Thin)
                .set_text_wrap(),
            money: base().set_num_format(money),
            money_sum: base()
                .set_bold()
                .set_num_format(money)
                .set_border_top(FormatBorder::Thin),
            sum: base().set_bold().set_border_top(FormatBorder::Thin),
            percent: base().set_num_format("0.0%"),
            date: base().set_num_format("yyyy-mm-dd"),
            note: base().set_font_size(9).set_font_color(Color::RGB(0x6B7280)),
            warn: base().set_bold().set_font_color(Color::RGB(0xB42318)),
            wrap: base().set_text_wrap(),
        }
    }
}

impl Default for Styles {
    fn default() -> Self {
        Styles::new()
    }
}

/// A sheet name Excel accepts: none of `[]:*?/\`, at most 31 characters, never empty.
pub fn sheet_name(name: &str) -> String {
    let clean: String = name
        .chars()
        .map(|c| match c {
            '[' | ']' | ':' | '*' | '?' | '/' | '\\' => '_',
            c => c,
        })
        .take(31)
        .collect();
    match clean.trim().trim_matches('\'') {
        "" => "Sheet".to_string(),
        s => s.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_and_shares_go_through_their_decimal_text() {
        assert_eq!(yuan(140_950), 1409.5);
        assert_eq!(yuan(-5), -0.05);
        assert_eq!(yuan(1), 0.01);
        assert_eq!(share(5_140), 0.514);
        assert_eq!(share(10_000), 1.0);
        assert_eq!(share(-25), -0.0025);
    }

    #[test]
    fn sheet_names_are_ones_excel_takes() {
        assert_eq!(
            sheet_name("报价单 2026/0042-E1 [B]"),
            "报价单 2026_0042-E1 _B_"
        );
        assert_eq!(sheet_name(&"很".repeat(40)).chars().count(), 31);
        assert_eq!(sheet_name("''"), "Sheet");
    }
}
