//! The job brief as a PDF in the document frame ([`super::document`]): letterhead, title,
//! facts table, then every section of the brief, flowing over as many A4 pages as it needs,
//! with the frame's running header from page 2 and its footer on every page.

use super::PdfError;
use super::document::{self, DocumentInfo, Fact, Frame, INDENT, LEFT, RIGHT, TitleBlock};
use super::layout::Style;
use super::theme::{self as t, mm};
use crate::reports::{BriefReport, Caption, DocLang, Label};

/// Renders the brief to PDF bytes (A4 portrait, fonts subset and embedded, text
/// extractable).
pub fn render_brief(report: &BriefReport) -> Result<Vec<u8>, PdfError> {
    let info = DocumentInfo {
        letterhead: &report.letterhead,
        name: bilingual(report.title),
        number: report.job_number.clone(),
        detail: report.job_title.clone(),
        version: report.version.map(|v| format!("v{v}")).unwrap_or_default(),
        content_hash: report.content_hash.as_deref(),
        lang: DocLang::Both,
    };
    let facts: Vec<Fact> = report
        .facts
        .iter()
        .map(|f| Fact {
            label: bilingual(f.label),
            value: f.value.clone(),
            known: f.known,
        })
        .collect();
    document::compose(&info, |frame| {
        frame.title_block(&TitleBlock {
            title: &bilingual(report.title),
            mark: &report.job_number,
            mark_tone: t::ACCENT,
            subject: None,
        });
        frame.facts(&facts);
        frame.pages.advance(mm(6.0));
        for s in &report.sections {
            text_section(frame, s.label, &s.body, s.provided, s.changed);
        }
    })
}

/// A label as the frame prints it: Chinese first, English muted after it.
fn bilingual(label: Label) -> Caption {
    DocLang::Both.caption(label)
}

/// A section: accent marker, bold Chinese heading with the English after it, then the text
/// (`provided`: the text was typed, not a placeholder; `changed`: marked as new in this
/// version).
pub(super) fn text_section(
    frame: &mut Frame<'_>,
    label: Label,
    body: &str,
    provided: bool,
    changed: bool,
) {
    let heading_zh = frame.bold(t::SIZE_HEADING, t::INK);
    let heading_en = frame.regular(9.0, t::MUTED);
    let changed_style = frame.regular(t::SIZE_SMALL, t::CHANGED);
    let tone = if provided { t::INK } else { t::FAINT };
    let body_style: Style<'_> = frame.regular(t::SIZE_BODY, tone);
    let body_h = body_style.line_height();
    let heading_h = t::SIZE_HEADING * 1.45;
    let x = LEFT + INDENT;
    let lines = body_style.wrap(body, RIGHT - x);

    // Keep the heading with at least two lines of its text.
    let keep = heading_h + mm(1.0) + body_h * lines.len().min(2) as f32;
    let pages = &mut frame.pages;
    pages.ensure_room(keep);
    let top = pages.cursor();
    let baseline = heading_zh.baseline(top, heading_h);
    let mut canvas = pages.canvas();
    canvas.fill_rect(
        LEFT,
        baseline - t::SIZE_HEADING * 0.86,
        2.2,
        t::SIZE_HEADING * 0.98,
        t::ACCENT,
    );
    canvas.text(heading_zh, x, baseline, label.zh);
    let en_x = x + heading_zh.width(label.zh) + mm(2.0);
    canvas.text(heading_en, en_x, baseline, label.en);
    if changed {
        canvas.text_right(
            changed_style,
            RIGHT,
            baseline,
            "本版更新 Updated in this version",
        );
    }
    pages.advance(heading_h + mm(1.0));
    pages.lines(body_style, x, &lines, body_h);
    pages.advance(mm(4.5));
}
