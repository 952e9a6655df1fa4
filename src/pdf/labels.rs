//! The library's label sheet: A4 sheets of 3 × 8 self-adhesive labels of 70 × 37 mm (the
//! common 24-up sheet), each with the item's archive number large, a QR code of it for the
//! scanner, what the item is, its home on the shelves and whose it is. A sheet already
//! partly used is printed from its first free label.

use super::layout::{Canvas, Pen};
use super::qr::CheckCode;
use super::theme::{self as t, mm};
use super::{Fonts, PdfError, save};
use crate::reports::labels::ItemLabel;
use printpdf::{Mm, PdfDocument, PdfPage};

/// Labels across a sheet.
pub const COLUMNS: usize = 3;
/// Labels down a sheet.
pub const ROWS: usize = 8;
const LABEL_W: f32 = mm(70.0);
const LABEL_H: f32 = mm(37.0);
/// The sheet's top margin: 297 mm less eight rows of 37 mm, split.
const SHEET_TOP: f32 = mm(0.5);
/// Inside each label, clear of the die-cut edge.
const PAD: f32 = mm(3.5);
const QR_SIZE: f32 = mm(22.0);

/// Renders the labels to PDF bytes, starting at label `skip` (0-based, across then down) of
/// the first sheet; fonts subset and embedded, every word extractable.
pub fn render_labels(labels: &[ItemLabel], skip: usize) -> Result<Vec<u8>, PdfError> {
    let mut doc = PdfDocument::new("图书室标签 Library labels");
    let fonts = Fonts::register(&mut doc)?;
    let per_sheet = COLUMNS * ROWS;
    let skip = skip % per_sheet;
    let codes = labels
        .iter()
        .map(|l| CheckCode::new(&l.number))
        .collect::<Result<Vec<_>, _>>()?;
    let mut pages: Vec<Vec<printpdf::Op>> = Vec::new();
    for (i, (label, code)) in labels.iter().zip(&codes).enumerate() {
        let slot = skip + i;
        let (sheet, at) = (slot / per_sheet, slot % per_sheet);
        while pages.len() <= sheet {
            pages.push(Vec::new());
        }
        let x = (at % COLUMNS) as f32 * LABEL_W;
        let top = SHEET_TOP + (at / COLUMNS) as f32 * LABEL_H;
        let mut canvas = Canvas::new(&mut pages[sheet], t::PAGE_HEIGHT);
        draw_label(&mut canvas, &fonts, label, code, (x, top));
    }
    if pages.is_empty() {
        pages.push(Vec::new());
    }
    let pages = pages
        .into_iter()
        .map(|ops| PdfPage::new(Mm(210.0), Mm(297.0), ops))
        .collect::<Vec<_>>();
    Ok(save(doc, pages))
}

/// One label with its top-left corner at `(x, top)`: a faint outline to cut or check the
/// alignment by, the QR code on the left, the words on the right.
fn draw_label(
    canvas: &mut Canvas<'_>,
    fonts: &Fonts,
    label: &ItemLabel,
    code: &CheckCode,
    (x, top): (f32, f32),
) {
    canvas.stroke_rect(
        x + mm(1.0),
        top + mm(1.0),
        LABEL_W - mm(2.0),
        LABEL_H - mm(2.0),
        Pen::new(0.3, t::RULE),
    );
    let code_top = top + (LABEL_H - QR_SIZE) / 2.0;
    canvas.fill_rects(&code.rects(x + PAD, code_top, QR_SIZE), super::qr::DARK);
    let text_x = x + PAD + QR_SIZE + mm(3.0);
    let width = x + LABEL_W - PAD - text_x;
    let number = super::layout::Style::new(&fonts.bold, 12.0, t::INK);
    let body = super::layout::Style::new(&fonts.regular, 7.5, t::INK);
    let small = super::layout::Style::new(&fonts.regular, 6.5, t::MUTED);
    let mut y = top + PAD;
    let number_h = 12.0 * 1.3;
    canvas.text(
        number,
        text_x,
        number.baseline(y, number_h),
        &number.truncate(&label.number, width),
    );
    y += number_h + mm(0.8);
    let line_h = 7.5 * 1.35;
    for line in body.wrap_at_most(&label.title, width, 3) {
        canvas.text(body, text_x, body.baseline(y, line_h), &line);
        y += line_h;
    }
    let small_h = 6.5 * 1.35;
    let bottom = top + LABEL_H - PAD;
    let mut foot: Vec<&str> = Vec::new();
    if !label.home.is_empty() {
        foot.push(&label.home);
    }
    if !label.owner.is_empty() {
        foot.push(&label.owner);
    }
    let mut line_top = bottom - foot.len() as f32 * small_h;
    for text in foot {
        let text = small.truncate(text, width);
        canvas.text(small, text_x, small.baseline(line_top, small_h), &text);
        line_top += small_h;
    }
}

#[cfg(test)]
mod tests;
