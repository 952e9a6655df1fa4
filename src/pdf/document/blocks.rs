//! The frame's blocks of text: the title block, section headings, bilingual captions and
//! the signature block.

use super::{Frame, INDENT, LEFT, RIGHT, TABLE_LINE, WIDTH};
use crate::pdf::layout::Pen;
use crate::pdf::theme::{self as t, Tone, mm};
use crate::reports::Caption;

/// The title block under the letterhead.
#[derive(Debug, Clone)]
pub struct TitleBlock<'a> {
    /// The document's title, e.g. `会议记录 Minutes of Meeting` (main bold, second muted).
    pub title: &'a Caption,
    /// Printed on the right of the title: the job number, the version, a date.
    pub mark: &'a str,
    /// The colour of the mark (the accent, or the draft colour).
    pub mark_tone: Tone,
    /// A subject line under the title (up to three lines), or none.
    pub subject: Option<&'a str>,
}

/// A block for signatures, kept whole on one page: heading, what to do, lines to fill in.
#[derive(Debug, Clone)]
pub struct SignatureBlock<'a> {
    /// E.g. `请确认并回传 Please confirm and return`.
    pub heading: &'a Caption,
    /// What the signer is asked to do.
    pub note: &'a str,
    /// The captions under the lines to fill in (name, signature, date …), side by side.
    pub fields: &'a [Caption],
}

impl Frame<'_> {
    /// The title with its mark on the right, then the subject if any.
    pub fn title_block(&mut self, block: &TitleBlock<'_>) {
        let top = self.pages.cursor();
        let baseline = top + t::SIZE_TITLE * 0.88;
        let title = self.bold(t::SIZE_TITLE, t::INK);
        let second = self.regular(12.0, t::MUTED);
        let mark_style = self.bold(12.0, block.mark_tone);
        let mark = mark_style.truncate(block.mark, WIDTH * 0.35);
        let mut canvas = self.pages.canvas();
        canvas.text(title, LEFT, baseline, &block.title.main);
        let x = LEFT + title.width(&block.title.main) + mm(2.5);
        canvas.text(second, x, baseline, &block.title.second);
        canvas.text_right(mark_style, RIGHT, baseline, &mark);
        let Some(subject) = block.subject else {
            self.pages.advance(t::SIZE_TITLE + mm(5.5));
            return;
        };
        self.pages.advance(t::SIZE_TITLE + mm(2.0));
        let style = self.bold(13.0, t::ACCENT);
        let line_h = style.line_height();
        for line in &style.wrap_at_most(subject, WIDTH, 3) {
            let baseline = style.baseline(self.pages.cursor(), line_h);
            self.pages.canvas().text(style, LEFT, baseline, line);
            self.pages.advance(line_h);
        }
        self.pages.advance(mm(3.0));
    }

    /// A section heading (accent marker, main text bold, second muted), kept on the page
    /// with `keep` points of what follows it.
    pub fn heading(&mut self, caption: &Caption, keep: f32) {
        let main = self.bold(t::SIZE_HEADING, t::INK);
        let second = self.regular(9.0, t::MUTED);
        let height = t::SIZE_HEADING * 1.45;
        self.pages.ensure_room(height + mm(1.5) + keep);
        let baseline = main.baseline(self.pages.cursor(), height);
        let mut canvas = self.pages.canvas();
        canvas.fill_rect(
            LEFT,
            baseline - t::SIZE_HEADING * 0.86,
            2.2,
            t::SIZE_HEADING * 0.98,
            t::ACCENT,
        );
        canvas.text(main, LEFT + INDENT, baseline, &caption.main);
        let x = LEFT + INDENT + main.width(&caption.main) + mm(2.0);
        canvas.text(second, x, baseline, &caption.second);
        self.pages.advance(height + mm(1.5));
    }

    /// A caption as lines that fit `width`: `中文 English` on one line, else one a line
    /// (each wrapped); per line the main text and the second language's text.
    pub fn caption_lines(&self, caption: &Caption, width: f32) -> Vec<(String, String)> {
        let main = self.regular(t::SIZE_TABLE, t::INK);
        let second = self.regular(t::SIZE_SMALL, t::MUTED);
        let mut lines: Vec<(String, String)> = main
            .wrap(&caption.main, width)
            .into_iter()
            .map(|l| (l, String::new()))
            .collect();
        if caption.second.is_empty() {
            return lines;
        }
        if main.width(&caption.main) + mm(1.5) + second.width(&caption.second) <= width {
            return vec![(caption.main.clone(), caption.second.clone())];
        }
        lines.extend(
            second
                .wrap(&caption.second, width)
                .into_iter()
                .map(|l| (String::new(), l)),
        );
        lines
    }

    /// Draws caption lines from `top` at `x` (`right`: ending at `x`), `bold` for table
    /// headers.
    pub fn draw_caption(
        &mut self,
        lines: &[(String, String)],
        (x, top): (f32, f32),
        bold: bool,
        right: bool,
    ) {
        let main = match bold {
            true => self.bold(t::SIZE_TABLE, t::INK),
            false => self.regular(t::SIZE_TABLE, t::INK),
        };
        let second = self.regular(t::SIZE_SMALL, t::MUTED);
        let mut canvas = self.pages.canvas();
        for (i, (a, b)) in lines.iter().enumerate() {
            let baseline = main.baseline(top + i as f32 * TABLE_LINE, TABLE_LINE);
            let gap = match a.is_empty() || b.is_empty() {
                true => 0.0,
                false => mm(1.5),
            };
            let start = match right {
                true => x - main.width(a) - gap - second.width(b),
                false => x,
            };
            canvas.text(main, start, baseline, a);
            canvas.text(second, start + main.width(a) + gap, baseline, b);
        }
    }

    /// The height the signature block takes, so that what comes before it can be kept on
    /// its page.
    pub fn signature_block_height(&self, block: &SignatureBlock<'_>) -> f32 {
        let note = self.regular(9.0, t::MUTED);
        let lines = note.wrap(block.note, WIDTH - 2.0 * mm(5.0));
        mm(4.0)
            + t::SIZE_HEADING * 1.45
            + lines.len() as f32 * note.size * 1.55
            + mm(12.0)
            + TABLE_LINE * 2.0
            + mm(3.0)
    }

    /// The signature block, kept whole: a framed box with the heading, the note and a line
    /// to fill in above each field's caption.
    pub fn signature_block(&mut self, block: &SignatureBlock<'_>) {
        let note = self.regular(9.0, t::MUTED);
        let note_h = note.size * 1.55;
        let inner = WIDTH - 2.0 * mm(5.0);
        let lines = note.wrap(block.note, inner);
        let field_gap = mm(6.0);
        let count = block.fields.len().max(1) as f32;
        let field_w = (inner - field_gap * (count - 1.0)) / count;
        let height = self.signature_block_height(block);
        self.pages.ensure_room(height);
        let top = self.pages.cursor();
        let x = LEFT + mm(5.0);
        self.pages
            .canvas()
            .stroke_rect(LEFT, top, WIDTH, height, Pen::new(0.8, t::ACCENT_SOFT));
        self.pages
            .canvas()
            .fill_rect(LEFT, top, 2.2, height, t::ACCENT);
        self.pages.advance(mm(4.0));
        let main = self.bold(t::SIZE_HEADING, t::INK);
        let second = self.regular(9.0, t::MUTED);
        let baseline = main.baseline(self.pages.cursor(), t::SIZE_HEADING * 1.45);
        let mut canvas = self.pages.canvas();
        canvas.text(main, x, baseline, &block.heading.main);
        let sx = x + main.width(&block.heading.main) + mm(2.0);
        canvas.text(second, sx, baseline, &block.heading.second);
        self.pages.advance(t::SIZE_HEADING * 1.45);
        self.pages.lines(note, x, &lines, note_h);
        self.pages.advance(mm(12.0));
        let rule_y = self.pages.cursor();
        for (i, caption) in block.fields.iter().enumerate() {
            let fx = x + i as f32 * (field_w + field_gap);
            self.pages
                .canvas()
                .hline(fx, fx + field_w, rule_y, 0.6, t::MUTED);
            let caption_lines = self.caption_lines(caption, field_w);
            self.draw_caption(&caption_lines, (fx, rule_y + mm(0.8)), false, false);
        }
        self.pages.advance(top + height - self.pages.cursor());
    }
}
