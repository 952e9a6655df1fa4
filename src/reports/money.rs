//! The money table of a document (estimate, budget report): numbered lines with quantity,
//! unit price and amount, then subtotal, tax and total.
//!
//! Each line's amount is rounded to the fen once, here; the subtotal is the sum of those
//! rounded amounts and the total the subtotal plus the tax, so the printed lines always add
//! up to the printed total. Nothing is a float.

use super::brief::Label;
use crate::domain::money::Fen;
use thiserror::Error;

/// Bilingual labels of the money table.
pub mod labels {
    use super::Label;
    /// Column: line number.
    pub const NUMBER: Label = Label::new("序号", "No.");
    /// Column: what is charged.
    pub const DESCRIPTION: Label = Label::new("项目", "Description");
    /// Column: unit of the quantity.
    pub const UNIT: Label = Label::new("单位", "Unit");
    /// Column: quantity.
    pub const QUANTITY: Label = Label::new("数量", "Qty");
    /// Column: price per unit.
    pub const UNIT_PRICE: Label = Label::new("单价", "Unit price");
    /// Column: the line's amount.
    pub const AMOUNT: Label = Label::new("金额", "Amount");
    /// Sum of the lines (不含税金额 when tax follows).
    pub const SUBTOTAL: Label = Label::new("小计", "Subtotal");
    /// The VAT line.
    pub const TAX: Label = Label::new("税额", "VAT");
    /// The total (价税合计 when tax is charged).
    pub const TOTAL: Label = Label::new("合计", "Total");
    /// The subtotal when a tax line follows (不含税金额).
    pub const NET: Label = Label::new("不含税金额", "Net amount");
    /// The total when tax is charged (价税合计).
    pub const GROSS: Label = Label::new("价税合计", "Total incl. VAT");
    /// The total in capitals.
    pub const IN_WORDS: Label = Label::new("大写", "In words");
}

/// One line of a money table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MoneyLine {
    /// What is charged, e.g. `TVC 拍摄 1 天`.
    pub description: String,
    /// The unit the quantity counts, e.g. `天`, `项`.
    pub unit: String,
    /// Quantity in thousandths (1.5 days = 1500), so fractions stay exact.
    pub quantity: i64,
    /// Price of one unit.
    pub unit_price: Fen,
}

/// A line as printed, its amount rounded to the fen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PricedLine {
    /// 1-based line number.
    pub number: usize,
    /// What is charged.
    pub description: String,
    /// Unit of the quantity.
    pub unit: String,
    /// The quantity as printed: `1.5`, `2`, `0.125`.
    pub quantity: String,
    /// Price of one unit.
    pub unit_price: Fen,
    /// Quantity × unit price, rounded half up to the fen.
    pub amount: Fen,
}

/// The money table as printed: lines and the totals made from them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MoneyTable {
    /// The lines with their rounded amounts.
    pub lines: Vec<PricedLine>,
    /// The sum of the printed amounts.
    pub subtotal: Fen,
    /// The VAT rate in basis points and the tax on the subtotal; `None` when the amounts
    /// carry no separate tax line.
    pub tax: Option<(u32, Fen)>,
    /// Subtotal plus tax: the amount due, also printed in capitals.
    pub total: Fen,
}

/// Why a money table could not be made.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum MoneyTableError {
    /// A line or a total exceeds what an amount can hold.
    #[error("line {0}: the amount is too large")]
    TooLarge(usize),
}

impl MoneyTable {
    /// Prices `lines` and totals them; `tax_rate` in basis points (600 = 6 %) adds a tax
    /// line on the subtotal.
    pub fn new(lines: &[MoneyLine], tax_rate: Option<u32>) -> Result<MoneyTable, MoneyTableError> {
        let mut priced = Vec::with_capacity(lines.len());
        let mut subtotal = Fen(0);
        for (i, line) in lines.iter().enumerate() {
            let number = i + 1;
            let amount = line
                .unit_price
                .times_thousandths(line.quantity)
                .ok_or(MoneyTableError::TooLarge(number))?;
            subtotal = Fen(subtotal
                .0
                .checked_add(amount.0)
                .ok_or(MoneyTableError::TooLarge(number))?);
            priced.push(PricedLine {
                number,
                description: line.description.clone(),
                unit: line.unit.clone(),
                quantity: quantity_text(line.quantity),
                unit_price: line.unit_price,
                amount,
            });
        }
        let too_large = MoneyTableError::TooLarge(lines.len());
        let tax = match tax_rate {
            Some(rate) => Some((rate, subtotal.at_rate(rate).ok_or(too_large.clone())?)),
            None => None,
        };
        let total = match tax {
            Some((_, tax)) => Fen(subtotal.0.checked_add(tax.0).ok_or(too_large)?),
            None => subtotal,
        };
        Ok(MoneyTable {
            lines: priced,
            subtotal,
            tax,
            total,
        })
    }
}

/// A quantity in thousandths as people write it: `1.5`, `2`, `0.125`, `-1`.
pub fn quantity_text(thousandths: i64) -> String {
    let sign = if thousandths < 0 { "-" } else { "" };
    let abs = thousandths.unsigned_abs();
    let (whole, frac) = (abs / 1000, abs % 1000);
    if frac == 0 {
        return format!("{sign}{whole}");
    }
    let frac = format!("{frac:03}");
    format!("{sign}{whole}.{}", frac.trim_end_matches('0'))
}

/// A rate in basis points as a percentage: `6%`, `1.5%`.
pub fn rate_text(basis_points: u32) -> String {
    let (whole, frac) = (basis_points / 100, basis_points % 100);
    if frac == 0 {
        return format!("{whole}%");
    }
    let frac = format!("{frac:02}");
    format!("{whole}.{}%", frac.trim_end_matches('0'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(quantity: i64, unit_price: i64) -> MoneyLine {
        MoneyLine {
            description: "拍摄".into(),
            unit: "天".into(),
            quantity,
            unit_price: Fen(unit_price),
        }
    }

    #[test]
    fn totals_are_sums_of_the_rounded_lines() {
        // Three lines of 1/3 unit at ¥1.00: each 33.333… fen, printed as ¥0.33. The total is
        // ¥0.99 (the printed lines), not the ¥1.00 an exact sum would round to.
        let table = MoneyTable::new(&[line(333, 100), line(333, 100), line(334, 100)], None);
        let table = table.expect("small amounts");
        let amounts: Vec<Fen> = table.lines.iter().map(|l| l.amount).collect();
        assert_eq!(amounts, vec![Fen(33), Fen(33), Fen(33)]);
        assert_eq!(table.subtotal, Fen(99));
        assert_eq!(table.total, Fen(99));
        assert_eq!(table.tax, None);
    }

    #[test]
    fn tax_is_one_rounded_line_on_the_subtotal() {
        let table = MoneyTable::new(&[line(1_500, 123_455), line(2_000, 50_000)], Some(600));
        let table = table.expect("small amounts");
        assert_eq!(table.lines[0].amount, Fen(185_183));
        assert_eq!(table.lines[0].quantity, "1.5");
        assert_eq!(table.lines[1].amount, Fen(100_000));
        assert_eq!(table.subtotal, Fen(285_183));
        // 6 % of ¥2,851.83 = ¥171.1098 → ¥171.11.
        assert_eq!(table.tax, Some((600, Fen(17_111))));
        assert_eq!(table.total, Fen(302_294));
        assert_eq!(
            table.lines.iter().map(|l| l.number).collect::<Vec<_>>(),
            vec![1, 2]
        );
    }

    #[test]
    fn an_amount_too_large_is_refused_with_its_line() {
        // The sum overflows at the second line.
        let lines = [line(1_000, 100), line(1_000, i64::MAX), line(1_000, 1)];
        assert_eq!(
            MoneyTable::new(&lines, None),
            Err(MoneyTableError::TooLarge(2))
        );
        assert_eq!(
            MoneyTable::new(&[line(2_000, i64::MAX)], None),
            Err(MoneyTableError::TooLarge(1))
        );
    }

    #[test]
    fn quantities_and_rates_print_without_trailing_zeros() {
        assert_eq!(quantity_text(1_500), "1.5");
        assert_eq!(quantity_text(2_000), "2");
        assert_eq!(quantity_text(125), "0.125");
        assert_eq!(quantity_text(-1_000), "-1");
        assert_eq!(quantity_text(0), "0");
        assert_eq!(rate_text(600), "6%");
        assert_eq!(rate_text(150), "1.5%");
        assert_eq!(rate_text(1_325), "13.25%");
    }
}
