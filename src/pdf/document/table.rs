//! Body tables: column widths fitted to their content, a header row that repeats on every
//! page the table continues on, rows never cut across pages, text left or right aligned
//! per column (amounts and quantities on the right).

use super::{Frame, LEFT, PAD_X, PAD_Y, RIGHT, TABLE_LINE, WIDTH};
use crate::pdf::layout::Style;
use crate::pdf::theme::{self as t, mm};
use crate::reports::Caption;

/// One cell of a body table: its text and how it is printed.
pub type Cell<'f> = (String, Style<'f>);

/// Which edge of its column a cell's text keeps to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Align {
    /// Text starts at the left edge.
    #[default]
    Left,
    /// Text ends at the right edge: numbers, so their digits line up.
    Right,
}

/// A column of a table: its caption lines, width and alignment.
#[derive(Debug, Clone)]
pub struct Column {
    lines: Vec<(String, String)>,
    /// Width in points.
    pub width: f32,
    /// Where the header and the cells keep to.
    pub align: Align,
}

impl Frame<'_> {
    /// The width of a table column that holds `values` under `caption` on one line each,
    /// at most `max` (longer text wraps).
    pub fn fit<'v>(
        &self,
        caption: &Caption,
        values: impl Iterator<Item = &'v str>,
        max: f32,
    ) -> f32 {
        let main = self.bold(t::SIZE_TABLE, t::INK);
        let second = self.regular(t::SIZE_SMALL, t::MUTED);
        let body = self.regular(t::SIZE_TABLE, t::INK);
        let head = match caption.second.is_empty() {
            true => main.width(&caption.main),
            false => main.width(&caption.main) + mm(1.5) + second.width(&caption.second),
        };
        let widest = values.map(|v| body.width(v)).fold(head, f32::max);
        (widest + 2.0 * PAD_X + mm(1.0)).clamp(mm(12.0), max)
    }

    /// Table columns, left aligned: the `widths` given for all but the flexible one
    /// (`None`), which takes the rest of the line.
    pub fn columns(&self, captions: &[Caption], widths: &[Option<f32>]) -> Vec<Column> {
        let fixed: f32 = widths.iter().flatten().sum();
        captions
            .iter()
            .zip(widths)
            .map(|(c, w)| {
                let width = w.unwrap_or(WIDTH - fixed);
                Column {
                    lines: self.caption_lines(c, width - 2.0 * PAD_X),
                    width,
                    align: Align::Left,
                }
            })
            .collect()
    }

    fn header_height(columns: &[Column]) -> f32 {
        let lines = columns.iter().map(|c| c.lines.len()).max().unwrap_or(1);
        lines as f32 * TABLE_LINE + 2.0 * PAD_Y
    }

    /// The header row of a table.
    fn table_header(&mut self, columns: &[Column]) {
        let height = Self::header_height(columns);
        let top = self.pages.cursor();
        self.pages
            .canvas()
            .fill_rect(LEFT, top, WIDTH, height, t::TABLE_LABEL_FILL);
        let mut x = LEFT;
        for c in columns {
            let (at, right) = match c.align {
                Align::Left => (x + PAD_X, false),
                Align::Right => (x + c.width - PAD_X, true),
            };
            self.draw_caption(&c.lines, (at, top + PAD_Y), true, right);
            x += c.width;
        }
        self.pages.advance(height);
        let y = self.pages.cursor();
        self.pages
            .canvas()
            .hline(LEFT, RIGHT, y, 0.8, t::ACCENT_SOFT);
    }

    /// Draws table rows, each whole on one page (a cell wraps to at most 12 lines), the
    /// header repeated on every new page.
    pub fn table(&mut self, columns: &[Column], rows: &[Vec<Cell<'_>>]) {
        let header_h = Self::header_height(columns);
        let wrapped: Vec<Vec<Vec<String>>> = rows
            .iter()
            .map(|row| {
                row.iter()
                    .zip(columns)
                    .map(|((text, style), c)| style.wrap_at_most(text, c.width - 2.0 * PAD_X, 12))
                    .collect()
            })
            .collect();
        let first = wrapped
            .first()
            .map_or(0, |r| r.iter().map(Vec::len).max().unwrap_or(1));
        self.pages
            .ensure_room(header_h + first as f32 * TABLE_LINE + 2.0 * PAD_Y);
        self.table_header(columns);
        for (row, cells) in rows.iter().zip(&wrapped) {
            let lines = cells.iter().map(Vec::len).max().unwrap_or(1).max(1);
            let height = lines as f32 * TABLE_LINE + 2.0 * PAD_Y;
            let page = self.pages.page_count();
            self.pages.ensure_room(height);
            if self.pages.page_count() != page {
                self.table_header(columns);
            }
            let top = self.pages.cursor();
            let mut x = LEFT;
            let mut canvas = self.pages.canvas();
            for (((_, style), lines), c) in row.iter().zip(cells).zip(columns) {
                for (i, line) in lines.iter().enumerate() {
                    let baseline = style.baseline(top + PAD_Y + i as f32 * TABLE_LINE, TABLE_LINE);
                    match c.align {
                        Align::Left => canvas.text(*style, x + PAD_X, baseline, line),
                        Align::Right => {
                            canvas.text_right(*style, x + c.width - PAD_X, baseline, line)
                        }
                    }
                }
                x += c.width;
            }
            canvas.hline(LEFT, RIGHT, top + height, 0.4, t::RULE);
            self.pages.advance(height);
        }
    }
}
