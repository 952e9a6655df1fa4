//! The meeting documents as PDF, A4 portrait, in the document frame
//! ([`super::document`]): the minutes (会议记录) with points, decisions, the action table and
//! the confirmation block, and the agenda (会议议程) with start times.
//!
//! Both open with the frame's letterhead, the title and the meeting's facts, then the
//! attendees (bilingual captions: Chinese in the text colour, English muted after it).
//! Blocks are kept whole on a page where they fit — a point with its solution, a table row,
//! the confirmation block — and table headers repeat on every page a table continues on.
//! Every page has the frame's footer with "page x / y"; later pages its running header.

use super::PdfError;
use super::document::{
    self, Cell, DocumentInfo, Fact, Frame, INDENT, LEFT, PAD_Y, RIGHT, SignatureBlock, TABLE_LINE,
    TitleBlock, WIDTH,
};
use super::layout::Pen;
use super::theme::{self as t, Tone, mm};
use crate::reports::minutes::{
    AgendaReport, AttendeeGroup, Caption, DocLang, MeetingHead, MinutesReport, PointItem,
};

mod agenda;

/// Where the text of a numbered point starts, past its number.
const NUMBER_WIDTH: f32 = mm(6.5);
/// Tint behind the decisions, a lighter companion of the facts table's label fill.
const DECISION_FILL: Tone = Tone(0xF6, 0xF8, 0xFB);

/// The frame's description of a meeting document: its title, the subject as what names
/// it, the version or date printed.
fn info<'a>(head: &'a MeetingHead, version: &str, lang: DocLang) -> DocumentInfo<'a> {
    DocumentInfo {
        letterhead: &head.letterhead,
        name: head.title.clone(),
        number: head.subject.clone(),
        detail: String::new(),
        version: version.to_string(),
        content_hash: head.content_hash.as_deref(),
        lang,
    }
}

/// Renders the minutes to PDF bytes (A4 portrait, fonts subset and embedded, text
/// extractable).
pub fn render_minutes(report: &MinutesReport) -> Result<Vec<u8>, PdfError> {
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
    document::compose(&info(&report.head, &mark, report.lang), |f| {
        f.meeting_front(&report.head, &mark, tone);
        f.attendees(&report.captions.attendees, &report.head.attendees);
        let c = &report.captions;
        // Minutes that are all decisions need no empty "key points" section above them.
        if !report.points.is_empty() || report.decisions.is_empty() {
            f.points(&c.points, &report.points, &c.solution, &report.none, false);
        }
        f.points(
            &c.decisions,
            &report.decisions,
            &c.solution,
            &report.none,
            true,
        );
        f.actions(report);
        let conf = &report.confirmation;
        f.signature_block(&SignatureBlock {
            heading: &conf.heading,
            note: &conf.note,
            fields: &conf.lines,
        });
    })
}

/// Renders the agenda to PDF bytes (A4 portrait, fonts subset and embedded, text
/// extractable).
pub fn render_agenda(report: &AgendaReport) -> Result<Vec<u8>, PdfError> {
    let date = crate::reports::minutes::day(report.head.date, report.lang);
    document::compose(&info(&report.head, "", report.lang), |f| {
        f.meeting_front(&report.head, &date, t::ACCENT);
        f.attendees(&report.attendees_caption, &report.head.attendees);
        f.agenda(report);
    })
}

fn caption_text(lang: DocLang, zh: &str, en: &str) -> String {
    match lang {
        DocLang::Zh => zh.to_string(),
        DocLang::En => en.to_string(),
        DocLang::Both => format!("{zh} {en}"),
    }
}

/// The meeting documents' own blocks, drawn in the frame.
impl<'f> Frame<'f> {
    /// Title with `mark` on the right, subject, facts table.
    fn meeting_front(&mut self, head: &MeetingHead, mark: &str, tone: Tone) {
        self.title_block(&TitleBlock {
            title: &head.title,
            mark,
            mark_tone: tone,
            subject: Some(&head.subject),
        });
        // The subject is printed above; the table carries the other facts.
        let facts: Vec<Fact> = head
            .facts
            .iter()
            .skip(1)
            .map(|f| Fact {
                label: f.label.clone(),
                value: f.value.clone(),
                known: true,
            })
            .collect();
        self.facts(&facts);
        self.pages.advance(mm(6.0));
    }

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
            self.draw_caption(&side, (LEFT + INDENT, top + PAD_Y), true, false);
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
        let rows: Vec<Vec<Cell<'f>>> = report
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
}
