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

/// What a row of a body table is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RowKind {
    /// One cell per column.
    #[default]
    Line,
    /// A group's heading: its first cell across the whole width on a tinted band, kept on
    /// the page with the row after it.
    Group,
    /// A group's closing sum: its cells as a line's, under a rule in the accent colour.
    Subtotal,
}

/// A row of a body table that may head or close a group of rows.
#[derive(Debug, Clone)]
pub struct TableRow<'f> {
    /// One cell per column (a group's heading: its text in the first).
    pub cells: Vec<Cell<'f>>,
    /// How the row is drawn.
    pub kind: RowKind,
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
        let rows: Vec<TableRow<'_>> = rows
            .iter()
            .map(|cells| TableRow {
                cells: cells.clone(),
                kind: RowKind::Line,
            })
            .collect();
        self.table_rows(columns, &rows);
    }

    /// The width each cell of `row` may fill: its column's, and in a subtotal row also
    /// that of the empty cells after it (a label spills over them).
    fn cell_widths(row: &TableRow<'_>, columns: &[Column]) -> Vec<f32> {
        let mut widths: Vec<f32> = columns.iter().map(|c| c.width).collect();
        if row.kind == RowKind::Subtotal {
            for i in 0..widths.len() {
                let spill = row.cells.get(i).is_some_and(|(t, _)| !t.is_empty());
                let next = row.cells.iter().zip(columns).skip(i + 1);
                let extra: f32 = match spill && columns[i].align == Align::Left {
                    true => next
                        .take_while(|((t, _), _)| t.is_empty())
                        .map(|(_, c)| c.width)
                        .sum(),
                    false => 0.0,
                };
                widths[i] += extra;
            }
        }
        widths
    }

    /// Draws table rows as [`Frame::table`] does, with group headings (never left alone at
    /// the foot of a page) and subtotals.
    pub fn table_rows(&mut self, columns: &[Column], rows: &[TableRow<'_>]) {
        let header_h = Self::header_height(columns);
        let wrapped: Vec<Vec<Vec<String>>> = rows
            .iter()
            .map(|row| match row.kind {
                RowKind::Group => row
                    .cells
                    .iter()
                    .take(1)
                    .map(|(text, style)| style.wrap_at_most(text, WIDTH - 2.0 * PAD_X, 3))
                    .collect(),
                RowKind::Line | RowKind::Subtotal => row
                    .cells
                    .iter()
                    .zip(Self::cell_widths(row, columns))
                    .map(|((text, style), w)| style.wrap_at_most(text, w - 2.0 * PAD_X, 12))
                    .collect(),
            })
            .collect();
        let heights: Vec<f32> = wrapped
            .iter()
            .map(|cells| {
                let lines = cells.iter().map(Vec::len).max().unwrap_or(1).max(1);
                lines as f32 * TABLE_LINE + 2.0 * PAD_Y
            })
            .collect();
        // A group's heading keeps the row after it on its page, a subtotal the row before.
        let keep = |i: usize| {
            let next = rows.get(i + 1).map(|r| r.kind);
            let with_next = match rows.get(i).map(|r| r.kind) {
                Some(RowKind::Group) => true,
                Some(RowKind::Line) => next == Some(RowKind::Subtotal),
                _ => false,
            };
            let height = heights.get(i).copied().unwrap_or(0.0);
            match with_next {
                true => height + heights.get(i + 1).copied().unwrap_or(0.0),
                false => height,
            }
        };
        self.pages.ensure_room(header_h + keep(0));
        self.table_header(columns);
        for (i, (row, cells)) in rows.iter().zip(&wrapped).enumerate() {
            let height = heights[i];
            let page = self.pages.page_count();
            self.pages.ensure_room(keep(i));
            if self.pages.page_count() != page {
                self.table_header(columns);
            }
            let top = self.pages.cursor();
            let mut x = LEFT;
            let mut canvas = self.pages.canvas();
            match row.kind {
                RowKind::Group => {
                    canvas.fill_rect(LEFT, top, WIDTH, height, t::TABLE_LABEL_FILL);
                    if let (Some((_, style)), Some(lines)) = (row.cells.first(), cells.first()) {
                        for (i, line) in lines.iter().enumerate() {
                            let top = top + PAD_Y + i as f32 * TABLE_LINE;
                            let baseline = style.baseline(top, TABLE_LINE);
                            canvas.text(*style, LEFT + PAD_X, baseline, line);
                        }
                    }
                }
                RowKind::Subtotal => canvas.hline(LEFT, RIGHT, top, 0.6, t::ACCENT_SOFT),
                RowKind::Line => {}
            }
            if row.kind != RowKind::Group {
                for (((_, style), lines), c) in row.cells.iter().zip(cells).zip(columns) {
                    for (i, line) in lines.iter().enumerate() {
                        let baseline =
                            style.baseline(top + PAD_Y + i as f32 * TABLE_LINE, TABLE_LINE);
                        match c.align {
                            Align::Left => canvas.text(*style, x + PAD_X, baseline, line),
                            Align::Right => {
                                canvas.text_right(*style, x + c.width - PAD_X, baseline, line)
                            }
                        }
                    }
                    x += c.width;
                }
            }
            canvas.hline(LEFT, RIGHT, top + height, 0.4, t::RULE);
            self.pages.advance(height);
        }
    }
}
