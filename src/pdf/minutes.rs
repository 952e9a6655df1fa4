//! The meeting documents as PDF, A4 portrait: the minutes (会议记录) with points, decisions,
//! the action table and the confirmation block, and the agenda (会议议程) with start times.
//!
//! Both open with the letterhead, the title and the meeting's facts and attendees, and share
//! the brief's look (theme tokens, bilingual captions: Chinese in the text colour, English
//! muted after it). Blocks are kept whole on a page where they fit — a point with its
//! solution, a table row, the confirmation block — and the table headers repeat on every
//! page a table continues on. Every page has "page x / y"; later pages a running header.

use super::layout::{Canvas, Paginator, Pen, Style};
use super::theme::{self as t, Tone, mm};
use super::{Fonts, Logo, PdfError, save};
use crate::reports::Letterhead;
use crate::reports::minutes::{
    AgendaReport, AttendeeGroup, Caption, DocLang, MeetingFact, MeetingHead, MinutesReport,
    PointItem,
};
use printpdf::PdfDocument;

mod table;

const LEFT: f32 = t::MARGIN_X;
const RIGHT: f32 = t::PAGE_WIDTH - t::MARGIN_X;
const WIDTH: f32 = RIGHT - LEFT;
const LOGO_SIZE: f32 = mm(15.0);
const LABEL_WIDTH: f32 = mm(30.0);
const PAD_X: f32 = mm(2.4);
const PAD_Y: f32 = mm(1.5);
const COLUMN_GAP: f32 = mm(4.0);
/// Indent of section content past the heading's accent marker.
const INDENT: f32 = mm(3.2);
/// Where the text of a numbered point starts, past its number.
const NUMBER_WIDTH: f32 = mm(6.5);
const TABLE_LINE: f32 = t::SIZE_TABLE * 1.5;

/// A caption laid out: per line, the main text and the second language's text.
type CaptionLines = Vec<(String, String)>;
/// Tint behind the decisions, a lighter companion of the facts table's label fill.
const DECISION_FILL: Tone = Tone(0xF6, 0xF8, 0xFB);

/// Renders the minutes to PDF bytes (A4 portrait, fonts subset and embedded, text
/// extractable).
pub fn render_minutes(report: &MinutesReport) -> Result<Vec<u8>, PdfError> {
    let mut doc = PdfDocument::new(&format!(
        "{} {} {}",
        report.head.title, report.head.subject, report.version
    ));
    let fonts = Fonts::register(&mut doc)?;
    let logo = Logo::add(&mut doc)?;
    let mut d = Doc::new(&fonts, report.lang);
    let (mark, tone) = match report.draft {
        true => (
            format!(
                "{} {}",
                report.version,
                caption_text(report.lang, "草稿", "Draft")
            ),
            t::CHANGED,
        ),
        false => (report.version.clone(), t::ACCENT),
    };
    d.front(&report.head, &logo, &mark, tone);
    d.attendees(&report.captions.attendees, &report.head.attendees);
    let c = &report.captions;
    // Minutes that are all decisions need no empty "key points" section above them.
    if !report.points.is_empty() || report.decisions.is_empty() {
        d.points(&c.points, &report.points, &c.solution, &report.none, false);
    }
    d.points(
        &c.decisions,
        &report.decisions,
        &c.solution,
        &report.none,
        true,
    );
    d.actions(report);
    d.confirmation(report);
    let running = format!("{} · {}", report.head.title.main, report.head.subject);
    let footer = format!("{running} · {mark}");
    Ok(save(
        doc,
        d.finish(&report.head.letterhead, &running, &footer),
    ))
}

/// Renders the agenda to PDF bytes (A4 portrait, fonts subset and embedded, text
/// extractable).
pub fn render_agenda(report: &AgendaReport) -> Result<Vec<u8>, PdfError> {
    let mut doc = PdfDocument::new(&format!("{} {}", report.head.title, report.head.subject));
    let fonts = Fonts::register(&mut doc)?;
    let logo = Logo::add(&mut doc)?;
    let mut d = Doc::new(&fonts, report.lang);
    let date = crate::reports::minutes::day(report.head.date, report.lang);
    d.front(&report.head, &logo, &date, t::ACCENT);
    d.attendees(&report.attendees_caption, &report.head.attendees);
    d.agenda(report);
    let running = format!("{} · {}", report.head.title.main, report.head.subject);
    Ok(save(
        doc,
        d.finish(&report.head.letterhead, &running, &running),
    ))
}

fn caption_text(lang: DocLang, zh: &str, en: &str) -> String {
    match lang {
        DocLang::Zh => zh.to_string(),
        DocLang::En => en.to_string(),
        DocLang::Both => format!("{zh} {en}"),
    }
}

/// A document being laid out: the fonts and the pages so far.
struct Doc<'f> {
    fonts: &'f Fonts,
    pages: Paginator,
    lang: DocLang,
}

impl<'f> Doc<'f> {
    fn new(fonts: &'f Fonts, lang: DocLang) -> Doc<'f> {
        Doc {
            fonts,
            pages: Paginator::new(
                t::FIRST_PAGE_TOP,
                t::MARGIN_TOP,
                t::PAGE_HEIGHT - t::MARGIN_BOTTOM,
            ),
            lang,
        }
    }

    fn regular(&self, size: f32, tone: Tone) -> Style<'f> {
        Style::new(&self.fonts.regular, size, tone)
    }

    fn bold(&self, size: f32, tone: Tone) -> Style<'f> {
        Style::new(&self.fonts.bold, size, tone)
    }

    /// Letterhead, title with `mark` on the right, subject, facts table.
    fn front(&mut self, head: &MeetingHead, logo: &Logo, mark: &str, tone: Tone) {
        self.letterhead(&head.letterhead, logo);
        let top = self.pages.cursor();
        let baseline = top + t::SIZE_TITLE * 0.88;
        let title = self.bold(t::SIZE_TITLE, t::INK);
        let second = self.regular(12.0, t::MUTED);
        let mark_style = self.bold(12.0, tone);
        let mark = mark_style.truncate(mark, WIDTH * 0.35);
        let mut canvas = self.pages.canvas();
        canvas.text(title, LEFT, baseline, &head.title.main);
        let x = LEFT + title.width(&head.title.main) + mm(2.5);
        canvas.text(second, x, baseline, &head.title.second);
        canvas.text_right(mark_style, RIGHT, baseline, &mark);
        self.pages.advance(t::SIZE_TITLE + mm(2.0));
        let subject = self.bold(13.0, t::ACCENT);
        let lines = subject.wrap_at_most(&head.subject, WIDTH, 3);
        let line_h = subject.line_height();
        for line in &lines {
            let baseline = subject.baseline(self.pages.cursor(), line_h);
            self.pages.canvas().text(subject, LEFT, baseline, line);
            self.pages.advance(line_h);
        }
        self.pages.advance(mm(3.0));
        // The subject is printed above; the table carries the other facts.
        let facts: Vec<&MeetingFact> = head.facts.iter().skip(1).collect();
        self.facts(&facts);
        self.pages.advance(mm(6.0));
    }

    /// Logo, agency names on the left; address and phone on the right; a two-tone rule.
    fn letterhead(&mut self, lh: &Letterhead, logo: &Logo) {
        let top = self.pages.cursor();
        let small = self.regular(t::SIZE_SMALL, t::MUTED);
        let name = self.bold(t::SIZE_AGENCY, t::INK);
        let name_en = self.regular(8.5, t::MUTED);
        let phone = match lh.phone.trim() {
            "" => String::new(),
            p => format!("{} {p}", caption_text(self.lang, "电话", "Tel.")),
        };
        let contact: Vec<String> = [lh.address.as_str(), phone.as_str()]
            .iter()
            .map(|l| small.truncate(l, WIDTH * 0.45))
            .collect();
        let right_width = contact.iter().map(|l| small.width(l)).fold(0.0, f32::max);
        let name_x = LEFT + LOGO_SIZE + mm(3.5);
        let name_max = RIGHT - right_width - mm(6.0) - name_x;
        let mut canvas = self.pages.canvas();
        canvas.image_square(&logo.id, logo.pixels, LEFT, top, LOGO_SIZE);
        canvas.text(
            name,
            name_x,
            top + mm(7.2),
            &name.truncate(&lh.agency_name, name_max),
        );
        let en = name_en.truncate(&lh.agency_name_en, name_max);
        canvas.text(name_en, name_x, top + mm(12.2), &en);
        for (i, line) in contact.iter().enumerate() {
            canvas.text_right(small, RIGHT, top + mm(7.2) + i as f32 * mm(4.2), line);
        }
        let rule = top + LOGO_SIZE + mm(3.5);
        canvas.hline(LEFT, RIGHT, rule, 1.6, t::ACCENT);
        canvas.hline(LEFT, RIGHT, rule + 2.4, 0.5, t::ACCENT_SOFT);
        self.pages.advance(rule + 2.4 - top + mm(8.0));
    }

    /// A caption as lines that fit `width`: `中文 English` on one line, else one a line.
    fn caption_lines(&self, caption: &Caption, width: f32) -> Vec<(String, String)> {
        let main = self.regular(t::SIZE_TABLE, t::INK);
        let second = self.regular(t::SIZE_SMALL, t::MUTED);
        if caption.second.is_empty() {
            return main
                .wrap(&caption.main, width)
                .into_iter()
                .map(|l| (l, String::new()))
                .collect();
        }
        if main.width(&caption.main) + mm(1.5) + second.width(&caption.second) <= width {
            return vec![(caption.main.clone(), caption.second.clone())];
        }
        let mut lines: Vec<(String, String)> = main
            .wrap(&caption.main, width)
            .into_iter()
            .map(|l| (l, String::new()))
            .collect();
        lines.extend(
            second
                .wrap(&caption.second, width)
                .into_iter()
                .map(|l| (String::new(), l)),
        );
        lines
    }

    /// Draws caption lines from `top`, `bold` for table headers.
    fn draw_caption(&mut self, lines: &[(String, String)], x: f32, top: f32, bold: bool) {
        let main = match bold {
            true => self.bold(t::SIZE_TABLE, t::INK),
            false => self.regular(t::SIZE_TABLE, t::INK),
        };
        let second = self.regular(t::SIZE_SMALL, t::MUTED);
        let mut canvas = self.pages.canvas();
        for (i, (a, b)) in lines.iter().enumerate() {
            let baseline = main.baseline(top + i as f32 * TABLE_LINE, TABLE_LINE);
            canvas.text(main, x, baseline, a);
            let bx = match a.is_empty() {
                true => x,
                false => x + main.width(a) + mm(1.5),
            };
            canvas.text(second, bx, baseline, b);
        }
    }

    /// The facts: short ones two to a row, long ones across the full width.
    fn facts(&mut self, facts: &[&MeetingFact]) {
        let half = (WIDTH - COLUMN_GAP) / 2.0;
        let value = self.regular(t::SIZE_TABLE, t::INK);
        let value_width = |cell: f32| cell - LABEL_WIDTH - 2.0 * PAD_X;
        let fits_half = |f: &MeetingFact| value.wrap(&f.value, value_width(half)).len() <= 1;
        let mut rows: Vec<Vec<&MeetingFact>> = Vec::new();
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
            let cells: Vec<(CaptionLines, Vec<String>)> = row
                .iter()
                .map(|f| {
                    let label = self.caption_lines(&f.label, LABEL_WIDTH - 2.0 * PAD_X);
                    let lines = value.wrap_at_most(&f.value, value_width(cell_width), 6);
                    (label, lines)
                })
                .collect();
            let lines = cells
                .iter()
                .map(|(l, v)| l.len().max(v.len()).max(1))
                .max()
                .unwrap_or(1);
            let height = lines as f32 * TABLE_LINE + 2.0 * PAD_Y;
            self.pages.ensure_room(height);
            let top = self.pages.cursor();
            for (col, (label, values)) in cells.iter().enumerate() {
                let x = LEFT + col as f32 * (half + COLUMN_GAP);
                self.pages
                    .canvas()
                    .fill_rect(x, top, LABEL_WIDTH, height, t::TABLE_LABEL_FILL);
                self.draw_caption(label, x + PAD_X, top + PAD_Y, false);
                let mut canvas = self.pages.canvas();
                for (i, line) in values.iter().enumerate() {
                    let baseline = value.baseline(top + PAD_Y + i as f32 * TABLE_LINE, TABLE_LINE);
                    canvas.text(value, x + LABEL_WIDTH + PAD_X, baseline, line);
                }
            }
            self.pages.advance(height);
            let y = self.pages.cursor();
            self.pages.canvas().hline(LEFT, RIGHT, y, 0.4, t::RULE);
        }
    }

    /// A section heading (accent marker, main text bold, second muted), kept with `keep`
    /// points of what follows it.
    fn heading(&mut self, caption: &Caption, keep: f32) {
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

    /// The attendees, one row per side: the side and its company, then the people.
    fn attendees(&mut self, caption: &Caption, groups: &[AttendeeGroup]) {
        if groups.is_empty() {
            return;
        }
        self.heading(caption, TABLE_LINE * 2.0);
        let side_width = mm(46.0);
        let people_x = LEFT + INDENT + side_width;
        let people_width = RIGHT - people_x;
        let body = self.regular(t::SIZE_TABLE, t::INK);
        let company = self.regular(t::SIZE_SMALL, t::MUTED);
        for g in groups {
            let names: Vec<String> = g
                .people
                .iter()
                .map(|p| match (p.title.is_empty(), self.lang) {
                    (true, _) => p.name.clone(),
                    (false, DocLang::En) => format!("{} ({})", p.name, p.title),
                    (false, _) => format!("{}（{}）", p.name, p.title),
                })
                .collect();
            let sep = match self.lang {
                DocLang::En => ", ",
                _ => "、",
            };
            let people = body.wrap(&names.join(sep), people_width);
            let mut side = self.caption_lines(&g.caption, side_width - mm(3.0));
            side.extend(
                company
                    .wrap_at_most(&g.company, side_width - mm(3.0), 2)
                    .into_iter()
                    .map(|l| (String::new(), l)),
            );
            let lines = people.len().max(side.len());
            let height = lines as f32 * TABLE_LINE + 2.0 * PAD_Y;
            if height <= self.pages.page_room() {
                self.pages.ensure_room(height);
            }
            let top = self.pages.cursor();
            self.draw_caption(&side, LEFT + INDENT, top + PAD_Y, true);
            self.pages.advance(PAD_Y);
            self.pages.lines(body, people_x, &people, TABLE_LINE);
            let bottom = (top + height).max(self.pages.cursor() + PAD_Y);
            self.pages.advance(bottom - self.pages.cursor());
            let y = self.pages.cursor();
            self.pages
                .canvas()
                .hline(LEFT + INDENT, RIGHT, y, 0.4, t::RULE);
        }
        self.pages.advance(mm(6.0));
    }

    /// A numbered list of points (or decisions, tinted), each with its solution under it.
    fn points(
        &mut self,
        caption: &Caption,
        items: &[PointItem],
        solution: &Caption,
        none: &str,
        decisions: bool,
    ) {
        let body = self.regular(t::SIZE_BODY, t::INK);
        let number = self.bold(t::SIZE_BODY, t::ACCENT);
        let sol_label = self.bold(t::SIZE_SMALL, t::ACCENT);
        let sol_second = self.regular(t::SIZE_SMALL, t::MUTED);
        let sol_body = self.regular(9.5, t::INK);
        let line_h = body.line_height();
        let sol_h = sol_body.size * 1.55;
        let text_x = LEFT + INDENT + NUMBER_WIDTH;
        let sol_x = text_x + mm(3.5);
        self.heading(caption, line_h * 2.0);
        if items.is_empty() {
            let faint = self.regular(t::SIZE_BODY, t::FAINT);
            let baseline = faint.baseline(self.pages.cursor(), line_h);
            self.pages.canvas().text(faint, text_x, baseline, none);
            self.pages.advance(line_h + mm(5.0));
            return;
        }
        for item in items {
            let text = body.wrap(&item.text, RIGHT - text_x - mm(1.5));
            let sol = item
                .solution
                .as_ref()
                .map(|s| sol_body.wrap(s, RIGHT - sol_x - mm(1.5)))
                .unwrap_or_default();
            let sol_block = match sol.is_empty() {
                true => 0.0,
                false => mm(1.0) + TABLE_LINE + sol.len() as f32 * sol_h,
            };
            let pad = if decisions { mm(1.6) } else { 0.0 };
            let height = pad * 2.0 + text.len() as f32 * line_h + sol_block;
            let whole = height <= self.pages.page_room();
            if whole {
                self.pages.ensure_room(height);
            } else {
                self.pages.ensure_room(line_h * 2.0 + pad);
            }
            let top = self.pages.cursor();
            if decisions && whole {
                let mut canvas = self.pages.canvas();
                canvas.fill_rect(LEFT + INDENT, top, WIDTH - INDENT, height, DECISION_FILL);
                canvas.fill_rect(LEFT + INDENT, top, 1.6, height, t::ACCENT_SOFT);
            }
            self.pages.advance(pad);
            let baseline = number.baseline(self.pages.cursor(), line_h);
            let label = format!("{}.", item.number);
            self.pages
                .canvas()
                .text(number, LEFT + INDENT + mm(1.8), baseline, &label);
            self.pages.lines(body, text_x, &text, line_h);
            if !sol.is_empty() {
                self.pages.advance(mm(1.0));
                self.pages.ensure_room(TABLE_LINE + sol_h);
                let sol_top = self.pages.cursor();
                let baseline = sol_label.baseline(sol_top, TABLE_LINE);
                let mut canvas = self.pages.canvas();
                canvas.text(sol_label, sol_x, baseline, &solution.main);
                let x = sol_x + sol_label.width(&solution.main) + mm(1.5);
                canvas.text(sol_second, x, baseline, &solution.second);
                self.pages.advance(TABLE_LINE);
                self.pages.lines(sol_body, sol_x, &sol, sol_h);
                let bottom = self.pages.cursor();
                if bottom > sol_top {
                    self.pages.canvas().vline(
                        text_x + mm(0.6),
                        sol_top + mm(0.8),
                        bottom - mm(0.8),
                        Pen::new(1.2, t::ACCENT_SOFT),
                    );
                }
            }
            self.pages.advance(pad + mm(2.2));
        }
        self.pages.advance(mm(3.5));
    }

    /// The action table: number, what, party, who, by when.
    fn actions(&mut self, report: &MinutesReport) {
        let c = &report.captions;
        if report.actions.is_empty() {
            self.points(&c.actions, &[], &c.solution, &report.none, false);
            return;
        }
        self.heading(&c.actions, TABLE_LINE * 4.0);
        let body = self.regular(t::SIZE_TABLE, t::INK);
        let number = self.bold(t::SIZE_TABLE, t::ACCENT);
        let faint = self.regular(t::SIZE_TABLE, t::FAINT);
        let a = &report.actions;
        let widths = [
            Some(mm(9.0)),
            None,
            Some(self.fit(&c.columns[1], a.iter().map(|r| r.party.as_str()), mm(30.0))),
            Some(self.fit(&c.columns[2], a.iter().map(|r| r.owner.as_str()), mm(32.0))),
            Some(self.fit(&c.columns[3], a.iter().map(|r| r.due.as_str()), mm(44.0))),
        ];
        let mut captions = vec![Caption::default()];
        captions.extend(c.columns.iter().cloned());
        let columns = self.columns(&captions, &widths);
        let rows: Vec<Vec<(String, Style<'f>)>> = report
            .actions
            .iter()
            .map(|a| {
                vec![
                    (a.number.to_string(), number),
                    (a.what.clone(), body),
                    (a.party.clone(), body),
                    (a.owner.clone(), body),
                    (a.due.clone(), if a.dated { body } else { faint }),
                ]
            })
            .collect();
        self.table(&columns, &rows);
        self.pages.advance(mm(8.0));
    }

    /// The confirmation block, kept whole: heading, what to do, three lines to fill in.
    fn confirmation(&mut self, report: &MinutesReport) {
        let conf = &report.confirmation;
        let note = self.regular(9.0, t::MUTED);
        let note_h = note.size * 1.55;
        let inner = WIDTH - 2.0 * mm(5.0);
        let lines = note.wrap(&conf.note, inner);
        let field_gap = mm(6.0);
        let count = conf.lines.len().max(1) as f32;
        let field_w = (inner - field_gap * (count - 1.0)) / count;
        let height = mm(4.0)
            + t::SIZE_HEADING * 1.45
            + lines.len() as f32 * note_h
            + mm(12.0)
            + TABLE_LINE * 2.0
            + mm(3.0);
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
        canvas.text(main, x, baseline, &conf.heading.main);
        let sx = x + main.width(&conf.heading.main) + mm(2.0);
        canvas.text(second, sx, baseline, &conf.heading.second);
        self.pages.advance(t::SIZE_HEADING * 1.45);
        self.pages.lines(note, x, &lines, note_h);
        self.pages.advance(mm(12.0));
        let rule_y = self.pages.cursor();
        for (i, caption) in conf.lines.iter().enumerate() {
            let fx = x + i as f32 * (field_w + field_gap);
            self.pages
                .canvas()
                .hline(fx, fx + field_w, rule_y, 0.6, t::MUTED);
            let caption_lines = self.caption_lines(caption, field_w);
            self.draw_caption(&caption_lines, fx, rule_y + mm(0.8), false);
        }
        self.pages.advance(top + height - self.pages.cursor());
    }

    /// The pages with a running header from page 2 and the footer on every page.
    fn finish(self, lh: &Letterhead, running: &str, footer: &str) -> Vec<printpdf::PdfPage> {
        let small = self.regular(t::SIZE_SMALL, t::MUTED);
        let lang = self.lang;
        self.pages.finish(|page, total, canvas: &mut Canvas<'_>| {
            if page > 1 {
                let baseline = t::HEADER_BASELINE;
                let agency = match lang {
                    DocLang::En if !lh.agency_name_en.trim().is_empty() => &lh.agency_name_en,
                    _ => &lh.agency_name,
                };
                let agency = small.truncate(agency, WIDTH * 0.3);
                canvas.text_right(small, RIGHT, baseline, &agency);
                let max = WIDTH - small.width(&agency) - mm(8.0);
                canvas.text(small, LEFT, baseline, &small.truncate(running, max));
                canvas.hline(LEFT, RIGHT, baseline + mm(2.6), 0.4, t::RULE);
            }
            let baseline = t::PAGE_HEIGHT - t::FOOTER_BASELINE;
            canvas.hline(LEFT, RIGHT, baseline - mm(4.2), 0.4, t::RULE);
            let label = lang.page_label(page, total);
            canvas.text_right(small, RIGHT, baseline, &label);
            let max = WIDTH - small.width(&label) - mm(8.0);
            canvas.text(small, LEFT, baseline, &small.truncate(footer, max));
        })
    }
}
