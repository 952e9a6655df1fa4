//! The job brief as a PDF: letterhead, title, facts table, then every section of the brief,
//! flowing over as many A4 pages as it needs, with a running header from page 2 and a footer
//! with page numbers on every page.

use super::layout::{Canvas, Paginator, Style, page_label};
use super::theme::{self as t, mm};
use super::{Fonts, Logo, PdfError, save};
use crate::reports::{BriefFact, BriefReport, BriefSection, Label};
use printpdf::{PdfDocument, XObjectId};

const CONTENT_LEFT: f32 = t::MARGIN_X;
const CONTENT_RIGHT: f32 = t::PAGE_WIDTH - t::MARGIN_X;
const CONTENT_WIDTH: f32 = CONTENT_RIGHT - CONTENT_LEFT;
const LOGO_SIZE: f32 = mm(15.0);
/// Facts table: width of a label cell, inner padding, gap between the two columns.
const LABEL_WIDTH: f32 = mm(34.0);
const CELL_PAD_X: f32 = mm(2.4);
const CELL_PAD_Y: f32 = mm(1.5);
const COLUMN_GAP: f32 = mm(4.0);
/// Indent of section text, past the accent marker of the heading.
const SECTION_INDENT: f32 = mm(3.2);

/// Renders the brief to PDF bytes (A4 portrait, fonts subset and embedded, text
/// extractable).
pub fn render_brief(report: &BriefReport) -> Result<Vec<u8>, PdfError> {
    let mut doc = PdfDocument::new(&format!(
        "{} {} {}",
        report.title, report.job_number, report.job_title
    ));
    let fonts = Fonts::register(&mut doc)?;
    let Logo {
        id: logo_id,
        pixels: logo_px,
    } = Logo::add(&mut doc)?;

    let mut pages = Paginator::new(
        t::FIRST_PAGE_TOP,
        t::MARGIN_TOP,
        t::PAGE_HEIGHT - t::MARGIN_BOTTOM,
    );
    letterhead(&mut pages, &fonts, report, &logo_id, logo_px);
    title(&mut pages, &fonts, report);
    facts_table(&mut pages, &fonts, &report.facts);
    pages.advance(mm(6.0));
    for section in &report.sections {
        section_block(&mut pages, &fonts, section);
    }
    let pages = pages.finish(|page, total, canvas| {
        if page > 1 {
            running_header(canvas, &fonts, report);
        }
        footer(canvas, &fonts, report, page, total);
    });

    Ok(save(doc, pages))
}

/// Logo, agency names on the left; address and phone on the right; a two-tone rule.
fn letterhead(
    pages: &mut Paginator,
    fonts: &Fonts,
    report: &BriefReport,
    logo: &XObjectId,
    logo_px: usize,
) {
    let top = pages.cursor();
    let lh = &report.letterhead;
    let small = Style::new(&fonts.regular, t::SIZE_SMALL, t::MUTED);
    let name = Style::new(&fonts.bold, t::SIZE_AGENCY, t::INK);
    let name_en = Style::new(&fonts.regular, 8.5, t::MUTED);

    let contact_lines = [
        lh.address.clone(),
        if lh.phone.trim().is_empty() {
            String::new()
        } else {
            format!("电话 Tel. {}", lh.phone.trim())
        },
    ];
    let right_max = CONTENT_WIDTH * 0.45;
    let contact: Vec<String> = contact_lines
        .iter()
        .map(|l| {
            small
                .face
                .metrics
                .truncate_to_width(l, small.size, right_max)
        })
        .collect();
    let right_width = contact.iter().map(|l| small.width(l)).fold(0.0, f32::max);

    let name_x = CONTENT_LEFT + LOGO_SIZE + mm(3.5);
    let name_max = CONTENT_RIGHT - right_width - mm(6.0) - name_x;
    let mut canvas = pages.canvas();
    canvas.image_square(logo, logo_px, CONTENT_LEFT, top, LOGO_SIZE);
    let agency = name
        .face
        .metrics
        .truncate_to_width(&lh.agency_name, name.size, name_max);
    canvas.text(name, name_x, top + mm(7.2), &agency);
    let agency_en =
        name_en
            .face
            .metrics
            .truncate_to_width(&lh.agency_name_en, name_en.size, name_max);
    canvas.text(name_en, name_x, top + mm(12.2), &agency_en);
    for (i, line) in contact.iter().enumerate() {
        canvas.text_right(
            small,
            CONTENT_RIGHT,
            top + mm(7.2) + i as f32 * mm(4.2),
            line,
        );
    }
    let rule = top + LOGO_SIZE + mm(3.5);
    canvas.hline(CONTENT_LEFT, CONTENT_RIGHT, rule, 1.6, t::ACCENT);
    canvas.hline(CONTENT_LEFT, CONTENT_RIGHT, rule + 2.4, 0.5, t::ACCENT_SOFT);
    pages.advance(rule + 2.4 - top + mm(9.0));
}

/// 工作简要 Job Brief, with the job number on the right.
fn title(pages: &mut Paginator, fonts: &Fonts, report: &BriefReport) {
    let zh = Style::new(&fonts.bold, t::SIZE_TITLE, t::INK);
    let en = Style::new(&fonts.regular, 12.0, t::MUTED);
    let number = Style::new(&fonts.bold, 12.0, t::ACCENT);
    let baseline = pages.cursor() + t::SIZE_TITLE * 0.88;
    let mut canvas = pages.canvas();
    canvas.text(zh, CONTENT_LEFT, baseline, report.title.zh);
    let en_x = CONTENT_LEFT + zh.width(report.title.zh) + mm(2.5);
    canvas.text(en, en_x, baseline, report.title.en);
    let number_text =
        number
            .face
            .metrics
            .truncate_to_width(&report.job_number, number.size, CONTENT_WIDTH * 0.4);
    canvas.text_right(number, CONTENT_RIGHT, baseline, &number_text);
    pages.advance(t::SIZE_TITLE + mm(5.5));
}

/// One fact laid out for the table: label lines (Chinese, English) and wrapped value lines.
struct FactCell<'f> {
    labels: Vec<(String, String)>,
    values: Vec<String>,
    style: Style<'f>,
}

impl<'f> FactCell<'f> {
    fn new(fonts: &'f Fonts, fact: &BriefFact, value_width: f32) -> Self {
        let style = value_style(fonts, fact);
        FactCell {
            labels: label_lines(fonts, fact.label, LABEL_WIDTH - 2.0 * CELL_PAD_X),
            values: style.wrap(&fact.value, value_width),
            style,
        }
    }

    fn lines(&self) -> usize {
        self.labels.len().max(self.values.len()).max(1)
    }
}

/// A label cell's lines: `中文 English` on one line when it fits, else one language a line.
fn label_lines(fonts: &Fonts, label: Label, width: f32) -> Vec<(String, String)> {
    let zh = Style::new(&fonts.regular, t::SIZE_TABLE, t::INK);
    let en = Style::new(&fonts.regular, t::SIZE_SMALL, t::MUTED);
    if zh.width(label.zh) + mm(1.5) + en.width(label.en) <= width {
        vec![(label.zh.to_string(), label.en.to_string())]
    } else {
        vec![
            (label.zh.to_string(), String::new()),
            (String::new(), label.en.to_string()),
        ]
    }
}

fn value_style<'f>(fonts: &'f Fonts, fact: &BriefFact) -> Style<'f> {
    let tone = if fact.known { t::INK } else { t::FAINT };
    Style::new(&fonts.regular, t::SIZE_TABLE, tone)
}

/// The facts table: short facts two to a row, long ones across the full width.
fn facts_table(pages: &mut Paginator, fonts: &Fonts, facts: &[BriefFact]) {
    let half = (CONTENT_WIDTH - COLUMN_GAP) / 2.0;
    let half_value = half - LABEL_WIDTH - 2.0 * CELL_PAD_X;
    let fits_half = |f: &BriefFact| value_style(fonts, f).wrap(&f.value, half_value).len() <= 1;
    let mut rows: Vec<Vec<&BriefFact>> = Vec::new();
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
    let line_h = t::SIZE_TABLE * 1.5;
    let y = pages.cursor();
    pages
        .canvas()
        .hline(CONTENT_LEFT, CONTENT_RIGHT, y, 0.8, t::ACCENT_SOFT);
    for row in rows {
        let cell_width = if row.len() == 2 { half } else { CONTENT_WIDTH };
        let value_width = cell_width - LABEL_WIDTH - 2.0 * CELL_PAD_X;
        let cells: Vec<FactCell<'_>> = row
            .iter()
            .map(|f| FactCell::new(fonts, f, value_width))
            .collect();
        let lines = cells.iter().map(FactCell::lines).max().unwrap_or(1);
        let height = lines as f32 * line_h + 2.0 * CELL_PAD_Y;
        if height <= pages.page_room() {
            pages.ensure_room(height);
        } else {
            pages.ensure_room(line_h * 3.0 + 2.0 * CELL_PAD_Y);
        }
        let top = pages.cursor();
        let fits = height <= pages.room();
        for (col, cell) in cells.iter().enumerate() {
            let x = CONTENT_LEFT + col as f32 * (half + COLUMN_GAP);
            if fits {
                draw_fact_cell(pages, fonts, cell, (x, top, height), line_h);
            } else {
                // A value taller than a page (only possible for data that skipped
                // validation): label on one line, then the value flows line by line rather
                // than lose any of it.
                let head = FactCell {
                    labels: cell.labels.clone(),
                    values: Vec::new(),
                    style: cell.style,
                };
                let label_h = head.lines() as f32 * line_h + 2.0 * CELL_PAD_Y;
                draw_fact_cell(pages, fonts, &head, (x, top, label_h), line_h);
                pages.advance(CELL_PAD_Y);
                let value_x = x + LABEL_WIDTH + CELL_PAD_X;
                pages.lines(cell.style, value_x, &cell.values, line_h);
                pages.advance(CELL_PAD_Y);
            }
        }
        if fits {
            pages.advance(height);
        }
        let y = pages.cursor();
        pages
            .canvas()
            .hline(CONTENT_LEFT, CONTENT_RIGHT, y, 0.4, t::RULE);
    }
}

/// Draws a fact's shaded label cell and its value at (`x`, `top`), `height` points tall.
fn draw_fact_cell(
    pages: &mut Paginator,
    fonts: &Fonts,
    cell: &FactCell<'_>,
    (x, top, height): (f32, f32, f32),
    line_h: f32,
) {
    let zh = Style::new(&fonts.regular, t::SIZE_TABLE, t::INK);
    let en = Style::new(&fonts.regular, t::SIZE_SMALL, t::MUTED);
    let mut canvas = pages.canvas();
    canvas.fill_rect(x, top, LABEL_WIDTH, height, t::TABLE_LABEL_FILL);
    for (i, (zh_text, en_text)) in cell.labels.iter().enumerate() {
        let baseline = zh.baseline(top + CELL_PAD_Y + i as f32 * line_h, line_h);
        canvas.text(zh, x + CELL_PAD_X, baseline, zh_text);
        let en_x = if zh_text.is_empty() {
            x + CELL_PAD_X
        } else {
            x + CELL_PAD_X + zh.width(zh_text) + mm(1.5)
        };
        canvas.text(en, en_x, baseline, en_text);
    }
    let value_x = x + LABEL_WIDTH + CELL_PAD_X;
    for (i, line) in cell.values.iter().enumerate() {
        let baseline = cell
            .style
            .baseline(top + CELL_PAD_Y + i as f32 * line_h, line_h);
        canvas.text(cell.style, value_x, baseline, line);
    }
}

/// A section: accent marker, bold Chinese heading with the English after it, then the text.
fn section_block(pages: &mut Paginator, fonts: &Fonts, section: &BriefSection) {
    let heading_zh = Style::new(&fonts.bold, t::SIZE_HEADING, t::INK);
    let heading_en = Style::new(&fonts.regular, 9.0, t::MUTED);
    let changed = Style::new(&fonts.regular, t::SIZE_SMALL, t::CHANGED);
    let tone = if section.provided { t::INK } else { t::FAINT };
    let body = Style::new(&fonts.regular, t::SIZE_BODY, tone);
    let body_h = body.line_height();
    let heading_h = t::SIZE_HEADING * 1.45;
    let x = CONTENT_LEFT + SECTION_INDENT;
    let lines = body.wrap(&section.body, CONTENT_RIGHT - x);

    // Keep the heading with at least two lines of its text.
    let keep = heading_h + mm(1.0) + body_h * lines.len().min(2) as f32;
    pages.ensure_room(keep);
    let top = pages.cursor();
    let baseline = heading_zh.baseline(top, heading_h);
    let mut canvas = pages.canvas();
    canvas.fill_rect(
        CONTENT_LEFT,
        baseline - t::SIZE_HEADING * 0.86,
        2.2,
        t::SIZE_HEADING * 0.98,
        t::ACCENT,
    );
    canvas.text(heading_zh, x, baseline, section.label.zh);
    let en_x = x + heading_zh.width(section.label.zh) + mm(2.0);
    canvas.text(heading_en, en_x, baseline, section.label.en);
    if section.changed {
        canvas.text_right(
            changed,
            CONTENT_RIGHT,
            baseline,
            "本版更新 Updated in this version",
        );
    }
    pages.advance(heading_h + mm(1.0));
    pages.lines(body, x, &lines, body_h);
    pages.advance(mm(4.5));
}

/// Job number and title on the left, agency on the right, a hairline below.
fn running_header(canvas: &mut Canvas<'_>, fonts: &Fonts, report: &BriefReport) {
    let small = Style::new(&fonts.regular, t::SIZE_SMALL, t::MUTED);
    let strong = Style::new(&fonts.bold, t::SIZE_SMALL, t::ACCENT);
    let baseline = t::HEADER_BASELINE;
    let agency = small.face.metrics.truncate_to_width(
        &report.letterhead.agency_name,
        small.size,
        CONTENT_WIDTH * 0.3,
    );
    canvas.text_right(small, CONTENT_RIGHT, baseline, &agency);
    let number = strong.face.metrics.truncate_to_width(
        &report.job_number,
        strong.size,
        CONTENT_WIDTH * 0.25,
    );
    canvas.text(strong, CONTENT_LEFT, baseline, &number);
    let title_x = CONTENT_LEFT + strong.width(&number) + mm(2.5);
    let title_max = CONTENT_RIGHT - small.width(&agency) - mm(8.0) - title_x;
    let title = small
        .face
        .metrics
        .truncate_to_width(&report.job_title, small.size, title_max);
    canvas.text(small, title_x, baseline, &title);
    canvas.hline(
        CONTENT_LEFT,
        CONTENT_RIGHT,
        baseline + mm(2.6),
        0.4,
        t::RULE,
    );
}

/// Document name and job number on the left, page x of y on the right.
fn footer(canvas: &mut Canvas<'_>, fonts: &Fonts, report: &BriefReport, page: usize, total: usize) {
    let small = Style::new(&fonts.regular, t::SIZE_SMALL, t::MUTED);
    let baseline = t::PAGE_HEIGHT - t::FOOTER_BASELINE;
    canvas.hline(
        CONTENT_LEFT,
        CONTENT_RIGHT,
        baseline - mm(4.2),
        0.4,
        t::RULE,
    );
    let label = page_label(page, total);
    canvas.text_right(small, CONTENT_RIGHT, baseline, &label);
    let left_max = CONTENT_WIDTH - small.width(&label) - mm(8.0);
    let left = format!("{} · {}", report.title, report.job_number);
    let left = small
        .face
        .metrics
        .truncate_to_width(&left, small.size, left_max);
    canvas.text(small, CONTENT_LEFT, baseline, &left);
}
