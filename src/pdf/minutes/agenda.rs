//! The agenda's table (start, item, presenter, length), which makes up most of its
//! document, and the total time under it.

use super::{INDENT, LEFT, RIGHT, TABLE_LINE, WIDTH};
use crate::pdf::document::{Cell, Frame, PAD_X};
use crate::pdf::theme::{self as t, mm};
use crate::reports::minutes::AgendaReport;

impl<'f> Frame<'f> {
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
        let rows: Vec<Vec<Cell<'f>>> = report
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
