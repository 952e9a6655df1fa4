//! The frame every A4 portrait document is printed in: letterhead, title block, facts
//! table, section headings, body tables whose header repeats on every page they continue
//! on, the money table, the signature block, a running header from page 2 and on every
//! page the footer with document name, number, version, short content hash and
//! 第 x 页 / 共 y 页.
//!
//! A document brings only its body: [`compose`] registers the fonts and the logo, draws the
//! letterhead, hands the [`Frame`] to the body, then adds headers and footers once the page
//! count is known. The landscape schedule draws its own page head but shares the compact
//! letterhead line and the footer ([`letterhead_line`], [`draw_footer`]).

use super::layout::{Canvas, Paginator, Style};
use super::theme::{self as t, Tone, mm};
use super::{Fonts, Logo, PdfError, save};
use crate::reports::Letterhead;
use crate::reports::{Caption, DocLang};
use printpdf::{PdfDocument, PdfPage};

mod blocks;
mod facts;
mod footer;
mod letterhead;
mod money;
mod table;

pub use blocks::{SignatureBlock, TitleBlock};
pub use facts::Fact;
pub(crate) use footer::{draw_footer, footer_text};
pub(in crate::pdf) use letterhead::letterhead_line;
pub use money::TotalsLine;
pub use table::{Align, Cell, Column, RowKind, TableRow};

/// Left edge of the content.
pub const LEFT: f32 = t::MARGIN_X;
/// Right edge of the content.
pub const RIGHT: f32 = t::PAGE_WIDTH - t::MARGIN_X;
/// Width of the content.
pub const WIDTH: f32 = RIGHT - LEFT;
/// Inner padding of table cells, across.
pub const PAD_X: f32 = mm(2.4);
/// Inner padding of table cells, down.
pub const PAD_Y: f32 = mm(1.5);
/// Height of one line of table text.
pub const TABLE_LINE: f32 = t::SIZE_TABLE * 1.5;
/// Indent of section content past the heading's accent marker.
pub const INDENT: f32 = mm(3.2);

/// What the frame prints about the document itself, on the first page and in every footer.
#[derive(Debug, Clone)]
pub struct DocumentInfo<'a> {
    /// The agency printed at the top of page 1.
    pub letterhead: &'a Letterhead,
    /// What the document is, e.g. `工作简要 Job Brief`; first in the footer.
    pub name: Caption,
    /// What identifies this document among its kind: a job or estimate number, a meeting's
    /// subject. In the footer and (bold) in the running header.
    pub number: String,
    /// Printed after the number in the running header, e.g. the job's title; may be empty.
    pub detail: String,
    /// The version printed, e.g. `v3`; empty when the document has none.
    pub version: String,
    /// The short content hash of the version printed (8 hex digits; a longer hex hash is
    /// shortened to its first 8), so a returned paper can be matched to its version. `None`
    /// leaves it out of the footer.
    pub content_hash: Option<&'a str>,
    /// The language of the frame's own words (phone label, page numbers, hash label).
    pub lang: DocLang,
}

impl DocumentInfo<'_> {
    /// The title stored in the PDF's metadata.
    fn pdf_title(&self) -> String {
        [
            self.name.main.as_str(),
            &self.number,
            &self.detail,
            &self.version,
        ]
        .iter()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
    }
}

/// Makes a whole document: fonts and logo registered, the letterhead drawn, then `body`
/// lays out everything after it, and the running header and footer are added to every page.
/// Returns the PDF bytes (A4 portrait, fonts subset and embedded, text extractable).
pub fn compose(
    info: &DocumentInfo<'_>,
    body: impl FnOnce(&mut Frame<'_>),
) -> Result<Vec<u8>, PdfError> {
    let mut pdf = PdfDocument::new(&info.pdf_title());
    let fonts = Fonts::register(&mut pdf)?;
    let logo = Logo::add(&mut pdf)?;
    let mut frame = Frame::new(&fonts, info);
    frame.letterhead(info.letterhead, &logo);
    body(&mut frame);
    Ok(save(pdf, frame.finish(info)))
}

/// A document being laid out: the fonts, the pages so far and the language of its labels.
/// Bodies draw with the frame's blocks or straight onto [`Frame::pages`].
#[derive(Debug)]
pub struct Frame<'f> {
    pub(in crate::pdf) fonts: &'f Fonts,
    /// The pages so far; content goes on at its cursor.
    pub pages: Paginator,
    pub(in crate::pdf) lang: DocLang,
}

impl<'f> Frame<'f> {
    fn new(fonts: &'f Fonts, info: &DocumentInfo<'_>) -> Frame<'f> {
        Frame {
            fonts,
            pages: Paginator::new(
                t::FIRST_PAGE_TOP,
                t::MARGIN_TOP,
                t::PAGE_HEIGHT - t::MARGIN_BOTTOM,
            ),
            lang: info.lang,
        }
    }

    /// The language of the document's labels.
    pub fn lang(&self) -> DocLang {
        self.lang
    }

    /// Regular type at `size` points in `tone`.
    pub fn regular(&self, size: f32, tone: Tone) -> Style<'f> {
        Style::new(&self.fonts.regular, size, tone)
    }

    /// Bold type at `size` points in `tone`.
    pub fn bold(&self, size: f32, tone: Tone) -> Style<'f> {
        Style::new(&self.fonts.bold, size, tone)
    }

    /// The pages with the running header from page 2 and the footer on every page.
    fn finish(self, info: &DocumentInfo<'_>) -> Vec<PdfPage> {
        let small = self.regular(t::SIZE_SMALL, t::MUTED);
        let strong = self.bold(t::SIZE_SMALL, t::ACCENT);
        let lang = self.lang;
        let footer = footer_text(info, lang);
        let lh = info.letterhead;
        self.pages.finish(|page, total, canvas: &mut Canvas<'_>| {
            if page > 1 {
                running_header(canvas, (small, strong), info, lh, lang);
            }
            let baseline = t::PAGE_HEIGHT - t::FOOTER_BASELINE;
            draw_footer(
                canvas,
                small,
                (LEFT, RIGHT, baseline),
                &footer,
                page,
                total,
                lang,
            );
        })
    }
}

/// The document's number (bold) and detail on the left, the agency on the right, a
/// hairline below.
fn running_header(
    canvas: &mut Canvas<'_>,
    (small, strong): (Style<'_>, Style<'_>),
    info: &DocumentInfo<'_>,
    lh: &Letterhead,
    lang: DocLang,
) {
    let baseline = t::HEADER_BASELINE;
    let agency = match lang {
        DocLang::En if !lh.agency_name_en.trim().is_empty() => &lh.agency_name_en,
        _ => &lh.agency_name,
    };
    let agency = small.truncate(agency, WIDTH * 0.3);
    canvas.text_right(small, RIGHT, baseline, &agency);
    let number = strong.truncate(info.number.trim(), WIDTH * 0.4);
    canvas.text(strong, LEFT, baseline, &number);
    let x = match number.is_empty() {
        true => LEFT,
        false => LEFT + strong.width(&number) + mm(2.5),
    };
    let max = RIGHT - small.width(&agency) - mm(8.0) - x;
    canvas.text(small, x, baseline, &small.truncate(info.detail.trim(), max));
    canvas.hline(LEFT, RIGHT, baseline + mm(2.6), 0.4, t::RULE);
}
