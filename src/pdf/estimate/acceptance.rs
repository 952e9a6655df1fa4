//! The estimate's acceptance block: a framed box with the heading, the sentence that binds
//! the signature to this version, lines for signature and date and a box for the company
//! chop; beside it the version check code, a QR code of the estimate's number, version and
//! full content hash, drawn as filled rectangles (no image), captioned with the short hash.

use crate::pdf::document::{Frame, LEFT, RIGHT, TABLE_LINE, WIDTH};
use crate::pdf::layout::Pen;
use crate::pdf::qr::CheckCode;
use crate::pdf::theme::{self as t, mm};
use crate::reports::estimate::EstimateAcceptance;

/// The symbol's side, without its quiet zone.
const QR_SIZE: f32 = mm(25.0);
/// The column the code and its caption stand in, right of the box.
const QR_COLUMN: f32 = mm(40.0);
/// Between the box and the code's column.
const GAP: f32 = mm(4.0);
/// Inner margin of the box.
const PAD: f32 = mm(5.0);
/// The chop box's side: a company's round seal (公章) is 40–42 mm across.
const CHOP: f32 = mm(44.0);
/// Space to sign or write above each field's line.
const FIELD_SPACE: f32 = mm(13.0);

impl Frame<'_> {
    /// The acceptance box with the check code beside it, kept whole on one page.
    pub(super) fn acceptance(&mut self, a: &EstimateAcceptance, code: &CheckCode) {
        let box_w = WIDTH - QR_COLUMN - GAP;
        let inner = box_w - 2.0 * PAD;
        let note = self.regular(9.0, t::MUTED);
        let note_h = note.size * 1.55;
        let note_lines = note.wrap(&a.note, inner);
        let heading_h = t::SIZE_HEADING * 1.45;
        let fields_h = a.fields.len() as f32 * (FIELD_SPACE + TABLE_LINE * 2.0);
        let body_top = mm(4.0) + heading_h + note_lines.len() as f32 * note_h + mm(3.0);
        let box_h = body_top + fields_h.max(CHOP) + mm(5.0);
        let module = QR_SIZE / code.width().max(1) as f32;
        let quiet = crate::pdf::qr::QUIET_MODULES as f32 * module;
        let code_h = quiet * 2.0 + QR_SIZE + TABLE_LINE * 3.0;
        let height = box_h.max(code_h);
        self.pages.ensure_room(height);
        let top = self.pages.cursor();

        let mut canvas = self.pages.canvas();
        canvas.stroke_rect(LEFT, top, box_w, box_h, Pen::new(0.8, t::ACCENT_SOFT));
        canvas.fill_rect(LEFT, top, 2.2, box_h, t::ACCENT);
        let x = LEFT + PAD;
        let main = self.bold(t::SIZE_HEADING, t::INK);
        let second = self.regular(9.0, t::MUTED);
        let baseline = main.baseline(top + mm(4.0), heading_h);
        let mut canvas = self.pages.canvas();
        canvas.text(main, x, baseline, &a.heading.main);
        let sx = x + main.width(&a.heading.main) + mm(2.0);
        canvas.text(second, sx, baseline, &a.heading.second);
        for (i, line) in note_lines.iter().enumerate() {
            let line_top = top + mm(4.0) + heading_h + i as f32 * note_h;
            canvas.text(note, x, note.baseline(line_top, note_h), line);
        }

        // Signature and date on the left, the chop box on the right.
        let chop_x = LEFT + box_w - PAD - CHOP;
        let fields_w = chop_x - mm(6.0) - x;
        let body = top + body_top;
        for (i, caption) in a.fields.iter().enumerate() {
            let rule_y = body + FIELD_SPACE + i as f32 * (FIELD_SPACE + TABLE_LINE * 2.0);
            self.pages
                .canvas()
                .hline(x, x + fields_w, rule_y, 0.6, t::MUTED);
            let lines = self.caption_lines(caption, fields_w);
            self.draw_caption(&lines, (x, rule_y + mm(0.8)), false, false);
        }
        let dashed = Pen {
            dash: Some([3.0, 2.0]),
            ..Pen::new(0.6, t::MUTED)
        };
        self.pages
            .canvas()
            .stroke_rect(chop_x, body, CHOP, CHOP, dashed);
        let chop_lines = self.caption_lines(&a.chop, CHOP - mm(4.0));
        let chop_top = body + CHOP - mm(2.0) - chop_lines.len() as f32 * TABLE_LINE;
        self.centered_caption(&chop_lines, chop_x + CHOP / 2.0, chop_top, false);

        // The check code, its quiet zone kept clear, and what it says under it.
        let column_x = RIGHT - QR_COLUMN;
        let code_x = column_x + (QR_COLUMN - QR_SIZE) / 2.0;
        let code_top = top + quiet;
        let rects = code.rects(code_x, code_top, QR_SIZE);
        self.pages.canvas().fill_rects(&rects, crate::pdf::qr::DARK);
        let caption_top = code_top + QR_SIZE + quiet;
        let lines = self.caption_lines(&a.check_caption, QR_COLUMN);
        let after = caption_top + lines.len() as f32 * TABLE_LINE;
        self.centered_caption(&lines, column_x + QR_COLUMN / 2.0, caption_top, true);
        let small = self.regular(t::SIZE_SMALL, t::INK);
        let check = small.truncate(&a.check_line, QR_COLUMN);
        let check_x = column_x + (QR_COLUMN - small.width(&check)) / 2.0;
        let baseline = small.baseline(after, TABLE_LINE);
        self.pages.canvas().text(small, check_x, baseline, &check);
        self.pages.advance(height + mm(4.0));
    }

    /// Caption lines centred on `center`, from `top`.
    fn centered_caption(&mut self, lines: &[(String, String)], center: f32, top: f32, bold: bool) {
        let main = match bold {
            true => self.bold(t::SIZE_TABLE, t::INK),
            false => self.regular(t::SIZE_TABLE, t::INK),
        };
        let second = self.regular(t::SIZE_SMALL, t::MUTED);
        for (i, (a, b)) in lines.iter().enumerate() {
            let gap = if a.is_empty() || b.is_empty() {
                0.0
            } else {
                mm(1.5)
            };
            let width = main.width(a) + gap + second.width(b);
            let line = [(a.clone(), b.clone())];
            let at = (center - width / 2.0, top + i as f32 * TABLE_LINE);
            self.draw_caption(&line, at, bold, false);
        }
    }
}
