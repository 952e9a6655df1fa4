//! Tables of the meeting documents: column widths fitted to their content, a header row
//! that repeats on every page the table continues on, rows never cut across pages; and the
//! agenda, the table that makes up most of its document.

use super::{Doc, INDENT, LEFT, PAD_X, PAD_Y, RIGHT, TABLE_LINE, WIDTH};
use crate::pdf::layout::Style;
use crate::pdf::theme::{self as t, mm};
use crate::reports::minutes::{AgendaReport, Caption};

/// A column of a table: its caption lines and width.
pub(super) struct Column {
    lines: Vec<(String, String)>,
    width: f32,
}

impl<'f> Doc<'f> {
    /// The width of a table column that holds `values` under `caption` on one line each,
    /// at most `max` (longer text wraps).
    pub(super) fn fit<'v>(
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

    /// Table columns: `fixed` widths for all but the flexible one (`None`), which takes the
    /// rest.
    pub(super) fn columns(&self, captions: &[Caption], widths: &[Option<f32>]) -> Vec<Column> {
        let fixed: f32 = widths.iter().flatten().sum();
        captions
            .iter()
            .zip(widths)
            .map(|(c, w)| {
                let width = w.unwrap_or(WIDTH - fixed);
                Column {
                    lines: self.caption_lines(c, width - 2.0 * PAD_X),
                    width,
                }
            })
            .collect()
    }

    /// The header row of a table; returns its height.
    fn table_header(&mut self, columns: &[Column]) -> f32 {
        let lines = columns.iter().map(|c| c.lines.len()).max().unwrap_or(1);
        let height = lines as f32 * TABLE_LINE + 2.0 * PAD_Y;
        let top = self.pages.cursor();
        self.pages
            .canvas()
            .fill_rect(LEFT, top, WIDTH, height, t::TABLE_LABEL_FILL);
        let mut x = LEFT;
        for c in columns {
            self.draw_caption(&c.lines, x + PAD_X, top + PAD_Y, true);
            x += c.width;
        }
        self.pages.advance(height);
        let y = self.pages.cursor();
        self.pages
            .canvas()
            .hline(LEFT, RIGHT, y, 0.8, t::ACCENT_SOFT);
        height
    }

    /// Draws table rows, each whole on one page, the header repeated on every new page.
    pub(super) fn table(&mut self, columns: &[Column], rows: &[Vec<(String, Style<'f>)>]) {
        let header_h = {
            let lines = columns.iter().map(|c| c.lines.len()).max().unwrap_or(1);
            lines as f32 * TABLE_LINE + 2.0 * PAD_Y
        };
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
                    canvas.text(*style, x + PAD_X, baseline, line);
                }
                x += c.width;
            }
            canvas.hline(LEFT, RIGHT, top + height, 0.4, t::RULE);
            self.pages.advance(height);
        }
    }

    /// The agenda table (start, item, presenter, length) and the total under it.
    pub(super) fn agenda(&mut self, report: &AgendaReport) {
        self.heading(&report.items_caption, TABLE_LINE * 4.0);
        if report.rows.is_empty() {
            let faint = self.regular(t::SIZE_BODY, t::FAINT);
            let line_h = faint.line_height();
            let baseline = faint.baseline(self.pages.cursor(), line_h);
            self.pages
                .canvas()
                .text(faint, LEFT + INDENT, baseline, &report.none);
            self.pages.advance(line_h);
            return;
        }
        let body = self.regular(t::SIZE_TABLE, t::INK);
        let time = self.bold(t::SIZE_TABLE, t::ACCENT);
        let r = &report.rows;
        let c = &report.columns;
        let widths = [
            Some(self.fit(&c[0], r.iter().map(|r| r.start.as_str()), mm(24.0))),
            None,
            Some(self.fit(&c[2], r.iter().map(|r| r.presenter.as_str()), mm(40.0))),
            Some(self.fit(&c[3], r.iter().map(|r| r.length.as_str()), mm(30.0))),
        ];
        let columns = self.columns(&report.columns, &widths);
        let rows: Vec<Vec<(String, Style<'f>)>> = report
            .rows
            .iter()
            .map(|r| {
                vec![
                    (r.start.clone(), time),
                    (format!("{}. {}", r.number, r.title), body),
                    (r.presenter.clone(), body),
                    (r.length.clone(), body),
                ]
            })
            .collect();
        self.table(&columns, &rows);
        let total = self.bold(t::SIZE_TABLE, t::INK);
        let warn = self.regular(t::SIZE_TABLE, t::CHANGED);
        let needed = TABLE_LINE * if report.overrun.is_some() { 2.0 } else { 1.0 } + mm(2.0);
        self.pages.ensure_room(needed);
        self.pages.advance(mm(2.0));
        let baseline = total.baseline(self.pages.cursor(), TABLE_LINE);
        self.pages
            .canvas()
            .text_right(total, RIGHT - PAD_X, baseline, &report.total);
        self.pages.advance(TABLE_LINE);
        if let Some(overrun) = &report.overrun {
            let lines = warn.wrap(overrun, WIDTH - 2.0 * PAD_X);
            for line in lines {
                let baseline = warn.baseline(self.pages.cursor(), TABLE_LINE);
                self.pages
                    .canvas()
                    .text_right(warn, RIGHT - PAD_X, baseline, &line);
                self.pages.advance(TABLE_LINE);
            }
        }
    }
}
