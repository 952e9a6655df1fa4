//! The money table: numbered lines with unit, quantity, unit price and amount (numbers
//! right-aligned, amounts as `¥1,234.50`), then the totals block — subtotal, tax, total,
//! each the sum of what is printed above it — and the total in capitals (大写).

use super::{Align, Cell, Frame, LEFT, PAD_X, RIGHT, TABLE_LINE, WIDTH};
use crate::pdf::theme::{self as t, Tone, mm};
use crate::reports::Caption;
use crate::reports::money::{MoneyTable, labels, rate_text};

/// One line of a totals block: what it is and the amount as printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TotalsLine {
    /// E.g. `税额 6%`.
    pub caption: Caption,
    /// The amount as printed (`¥1,234.50`).
    pub amount: String,
    /// The amount due: bold, under a rule.
    pub strong: bool,
}

/// Tint behind the total in capitals.
const IN_WORDS_FILL: Tone = Tone(0xF6, 0xF8, 0xFB);

impl Frame<'_> {
    /// Draws `table`: the lines (header repeated on every page they continue on), then the
    /// totals and the total in capitals, kept together on one page, and the space before
    /// the next block.
    pub fn money_table(&mut self, table: &MoneyTable) {
        let lang = self.lang;
        let caption = |label| lang.caption(label);
        let body = self.regular(t::SIZE_TABLE, t::INK);
        let number = self.regular(t::SIZE_TABLE, t::MUTED);
        let lines = &table.lines;
        let numbers: Vec<String> = lines.iter().map(|l| l.number.to_string()).collect();
        let prices: Vec<String> = lines.iter().map(|l| l.unit_price.to_string()).collect();
        let amounts: Vec<String> = lines.iter().map(|l| l.amount.to_string()).collect();
        let captions = [
            caption(labels::NUMBER),
            caption(labels::DESCRIPTION),
            caption(labels::UNIT),
            caption(labels::QUANTITY),
            caption(labels::UNIT_PRICE),
            caption(labels::AMOUNT),
        ];
        let widths = [
            Some(self.fit(&captions[0], numbers.iter().map(String::as_str), mm(18.0))),
            None,
            Some(self.fit(
                &captions[2],
                lines.iter().map(|l| l.unit.as_str()),
                mm(20.0),
            )),
            Some(self.fit(
                &captions[3],
                lines.iter().map(|l| l.quantity.as_str()),
                mm(20.0),
            )),
            Some(self.fit(&captions[4], prices.iter().map(String::as_str), mm(34.0))),
            Some(self.fit(&captions[5], amounts.iter().map(String::as_str), mm(38.0))),
        ];
        let mut columns = self.columns(&captions, &widths);
        for c in [0, 3, 4, 5] {
            columns[c].align = Align::Right;
        }
        let rows: Vec<Vec<Cell<'_>>> = lines
            .iter()
            .zip(numbers)
            .zip(prices.into_iter().zip(amounts))
            .map(|((line, n), (price, amount))| {
                vec![
                    (n, number),
                    (line.description.clone(), body),
                    (line.unit.clone(), body),
                    (line.quantity.clone(), body),
                    (price, body),
                    (amount, body),
                ]
            })
            .collect();
        self.table(&columns, &rows);
        let amount_width = columns.last().map_or(mm(38.0), |c| c.width);
        self.money_totals(table, amount_width);
    }

    /// Subtotal, tax and total as the money table prints them.
    fn money_totals(&mut self, table: &MoneyTable, amount_width: f32) {
        let lang = self.lang;
        let line = |caption, amount: crate::domain::Fen, strong| TotalsLine {
            caption,
            amount: amount.to_string(),
            strong,
        };
        let mut rows = Vec::new();
        match table.tax {
            Some((rate, tax)) => {
                rows.push(line(lang.caption(labels::NET), table.subtotal, false));
                let mut tax_caption = lang.caption(labels::TAX);
                tax_caption.main = format!("{} {}", tax_caption.main, rate_text(rate));
                rows.push(line(tax_caption, tax, false));
                rows.push(line(lang.caption(labels::GROSS), table.total, true));
            }
            None => {
                if table.lines.len() > 1 {
                    rows.push(line(lang.caption(labels::SUBTOTAL), table.subtotal, false));
                }
                rows.push(line(lang.caption(labels::TOTAL), table.total, true));
            }
        }
        let words = table.total.in_capitals();
        self.totals_block(
            &rows,
            (&lang.caption(labels::IN_WORDS), &words),
            amount_width,
        );
    }

    /// Totals right-aligned under an amount column `amount_width` wide (the amount due bold
    /// under a rule), then the amount in capitals across the width with its caption; one
    /// block, never split, and the space before the next one.
    pub fn totals_block(
        &mut self,
        rows: &[TotalsLine],
        (words_caption, words): (&Caption, &str),
        amount_width: f32,
    ) {
        let label = self.regular(t::SIZE_TABLE, t::MUTED);
        let value = self.regular(t::SIZE_TABLE, t::INK);
        let strong = self.bold(t::SIZE_TABLE + 1.0, t::INK);
        let words_style = self.bold(t::SIZE_BODY, t::INK);
        let words_x = LEFT + PAD_X + label.width(&words_caption.to_string()) + mm(4.0);
        let words_lines = words_style.wrap(words, RIGHT - PAD_X - words_x);
        let words_h = words_lines.len().max(1) as f32 * words_style.line_height() + mm(2.0);
        let height = mm(2.0) + rows.len() as f32 * (TABLE_LINE + mm(0.6)) + mm(3.0) + words_h;
        self.pages.ensure_room(height);
        self.pages.advance(mm(2.0));
        let value_right = RIGHT - PAD_X;
        let label_right = RIGHT - amount_width - PAD_X;
        for row in rows {
            let top = self.pages.cursor();
            let style = if row.strong { strong } else { value };
            if row.strong {
                self.pages
                    .canvas()
                    .hline(label_right - mm(30.0), RIGHT, top, 0.8, t::ACCENT_SOFT);
            }
            let baseline = style.baseline(top, TABLE_LINE);
            let lines = vec![(row.caption.main.clone(), row.caption.second.clone())];
            self.draw_caption(&lines, (label_right, top), row.strong, true);
            self.pages
                .canvas()
                .text_right(style, value_right, baseline, &row.amount);
            self.pages.advance(TABLE_LINE + mm(0.6));
        }
        self.pages.advance(mm(3.0));
        let top = self.pages.cursor();
        let line_h = words_style.line_height();
        let mut canvas = self.pages.canvas();
        canvas.fill_rect(LEFT, top, WIDTH, words_h, IN_WORDS_FILL);
        canvas.fill_rect(LEFT, top, 1.6, words_h, t::ACCENT_SOFT);
        let first = label.baseline(top + mm(1.0), line_h);
        canvas.text(label, LEFT + PAD_X, first, &words_caption.to_string());
        for (i, line) in words_lines.iter().enumerate() {
            let baseline = words_style.baseline(top + mm(1.0) + i as f32 * line_h, line_h);
            canvas.text(words_style, words_x, baseline, line);
        }
        self.pages.advance(words_h + mm(6.0));
    }
}
