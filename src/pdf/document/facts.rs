//! The facts table under the title: a shaded label cell beside each value, short facts two
//! to a row, long ones across the full width.

use super::{Frame, LEFT, PAD_X, PAD_Y, RIGHT, TABLE_LINE, WIDTH};
use crate::pdf::layout::Style;
use crate::pdf::theme::{self as t, mm};
use crate::reports::Caption;

/// Gap between the two facts of a row.
const COLUMN_GAP: f32 = mm(4.0);
/// The label column is as wide as the longest label on one line, within these bounds.
const LABEL_MIN: f32 = mm(30.0);
const LABEL_MAX: f32 = mm(34.0);

/// One row of the facts table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fact {
    /// What the value is.
    pub label: Caption,
    /// The value; may run over several lines.
    pub value: String,
    /// `false` for a placeholder such as `未指派`, printed faint.
    pub known: bool,
}

/// A fact laid out: label lines (main, second language) and wrapped value lines.
struct FactCell<'f> {
    labels: Vec<(String, String)>,
    values: Vec<String>,
    style: Style<'f>,
}

impl FactCell<'_> {
    fn lines(&self) -> usize {
        self.labels.len().max(self.values.len()).max(1)
    }
}

impl<'f> Frame<'f> {
    fn value_style(&self, fact: &Fact) -> Style<'f> {
        let tone = if fact.known { t::INK } else { t::FAINT };
        self.regular(t::SIZE_TABLE, tone)
    }

    /// The facts table. A row is kept whole on a page; a value taller than a page (data
    /// that skipped validation) flows on line by line rather than lose any of it.
    pub fn facts(&mut self, facts: &[Fact]) {
        let main = self.regular(t::SIZE_TABLE, t::INK);
        let second = self.regular(t::SIZE_SMALL, t::MUTED);
        let label_width = facts
            .iter()
            .map(|f| {
                let gap = if f.label.second.is_empty() {
                    0.0
                } else {
                    mm(1.5)
                };
                main.width(&f.label.main) + gap + second.width(&f.label.second)
            })
            .fold(0.0, f32::max);
        let label_width = (label_width + 2.0 * PAD_X).clamp(LABEL_MIN, LABEL_MAX);
        let half = (WIDTH - COLUMN_GAP) / 2.0;
        let value_width = |cell: f32| cell - label_width - 2.0 * PAD_X;
        let fits_half = |f: &Fact| self.value_style(f).wrap(&f.value, value_width(half)).len() <= 1;
        let mut rows: Vec<Vec<&Fact>> = Vec::new();
        let mut i = 0;
        while let Some(a) = facts.get(i) {
            match facts.get(i + 1) {
                Some(b) if fits_half(a) && fits_half(b) => {
                    rows.push(vec![a, b]);
                    i += 2;
                }
                _ => {
                    rows.push(vec![a]);
                    i += 1;
                }
            }
        }
        let y = self.pages.cursor();
        self.pages
            .canvas()
            .hline(LEFT, RIGHT, y, 0.8, t::ACCENT_SOFT);
        for row in rows {
            let cell_width = if row.len() == 2 { half } else { WIDTH };
            let cells: Vec<FactCell<'f>> = row
                .iter()
                .map(|f| {
                    let style = self.value_style(f);
                    FactCell {
                        labels: self.caption_lines(&f.label, label_width - 2.0 * PAD_X),
                        values: style.wrap(&f.value, value_width(cell_width)),
                        style,
                    }
                })
                .collect();
            let lines = cells.iter().map(FactCell::lines).max().unwrap_or(1);
            let height = lines as f32 * TABLE_LINE + 2.0 * PAD_Y;
            if height <= self.pages.page_room() {
                self.pages.ensure_room(height);
            } else {
                self.pages.ensure_room(TABLE_LINE * 3.0 + 2.0 * PAD_Y);
            }
            let top = self.pages.cursor();
            let fits = height <= self.pages.room();
            for (col, cell) in cells.iter().enumerate() {
                let x = LEFT + col as f32 * (half + COLUMN_GAP);
                if fits {
                    self.fact_cell(cell, (x, top, height), label_width);
                    continue;
                }
                let head = FactCell {
                    labels: cell.labels.clone(),
                    values: Vec::new(),
                    style: cell.style,
                };
                let label_h = head.lines() as f32 * TABLE_LINE + 2.0 * PAD_Y;
                self.fact_cell(&head, (x, top, label_h), label_width);
                self.pages.advance(PAD_Y);
                let value_x = x + label_width + PAD_X;
                self.pages
                    .lines(cell.style, value_x, &cell.values, TABLE_LINE);
                self.pages.advance(PAD_Y);
            }
            if fits {
                self.pages.advance(height);
            }
            let y = self.pages.cursor();
            self.pages.canvas().hline(LEFT, RIGHT, y, 0.4, t::RULE);
        }
    }

    /// Draws a fact's shaded label cell and its value at (`x`, `top`), `height` points tall.
    fn fact_cell(&mut self, cell: &FactCell<'_>, (x, top, height): (f32, f32, f32), label: f32) {
        self.pages
            .canvas()
            .fill_rect(x, top, label, height, t::TABLE_LABEL_FILL);
        self.draw_caption(&cell.labels, (x + PAD_X, top + PAD_Y), false, false);
        let mut canvas = self.pages.canvas();
        for (i, line) in cell.values.iter().enumerate() {
            let baseline = cell
                .style
                .baseline(top + PAD_Y + i as f32 * TABLE_LINE, TABLE_LINE);
            canvas.text(cell.style, x + label + PAD_X, baseline, line);
        }
    }
}
