//! Report models to PDF bytes with printpdf: A4 pages, the bundled Noto Sans SC with its
//! fallback fonts for rare Han characters, emoji and other scripts (all subset, so a document
//! stays small), our own line breaking and pagination, and one theme.
//!
//! Every portrait document is a body inside one frame ([`document`]): letterhead, title
//! block, facts, tables, money table, signatures, running header and footer; the landscape
//! schedule shares its letterhead line and footer.
//!
//! Only report models from [`crate::reports`] come in; nothing here reads the store.

pub mod bidi;
pub mod brief;
pub mod budget;
pub mod completion;
pub mod document;
pub mod estimate;
pub mod fallback;
pub mod labels;
pub mod layout;
pub mod metrics;
pub mod minutes;
pub mod qr;
pub mod schedule;
pub mod theme;
pub mod wrap;

pub use brief::render_brief;
pub use budget::budget_report_pdf;
pub use estimate::estimate_pdf;
pub use minutes::{render_agenda, render_minutes};
pub use schedule::{Paper, render_schedule};

use printpdf::{
    ParsedFont, PdfDocument, PdfPage, PdfParseErrorSeverity, PdfSaveOptions, RawImage, XObjectId,
};
use std::sync::OnceLock;
use thiserror::Error;

/// Why a document could not be produced. Font and logo point at a broken build rather than
/// at the user's data (both are compiled in); all are reported, never panicked on.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum PdfError {
    /// A bundled font could not be parsed.
    #[error("the document font could not be loaded: {0}")]
    Font(String),
    /// The bundled logo could not be decoded.
    #[error("the letterhead logo could not be decoded: {0}")]
    Image(String),
    /// A QR code (an estimate's version check, an item's label) could not be made (what it
    /// holds is too long).
    #[error("the version check code could not be made: {0}")]
    CheckCode(String),
}

/// Parses the bundled fonts now (≈ 50 ms in release) instead of at the first print, e.g. on
/// a background thread at start-up. Calling it is optional and harmless to repeat.
pub fn preload_fonts() -> Result<(), PdfError> {
    bundled_font(false)?;
    bundled_font(true)?;
    Ok(())
}

/// The two weights of the bundled font, parsed once per process: parsing a 10 MB CJK font
/// costs more than laying out a whole brief.
fn bundled_font(bold: bool) -> Result<ParsedFont, PdfError> {
    static REGULAR: OnceLock<Option<ParsedFont>> = OnceLock::new();
    static BOLD: OnceLock<Option<ParsedFont>> = OnceLock::new();
    let (cell, bytes) = if bold {
        (&BOLD, crate::fonts::NOTO_SANS_SC_BOLD)
    } else {
        (&REGULAR, crate::fonts::NOTO_SANS_SC_REGULAR)
    };
    cell.get_or_init(|| ParsedFont::from_bytes(bytes, 0, &mut Vec::new()))
        .clone()
        .ok_or_else(|| {
            let weight = if bold {
                "Noto Sans SC Bold"
            } else {
                "Noto Sans SC Regular"
            };
            PdfError::Font(format!("{weight} is not a readable font"))
        })
}

/// The two weights of the bundled font, registered with one document.
#[derive(Debug)]
struct Fonts {
    regular: layout::Face,
    bold: layout::Face,
}

impl Fonts {
    fn register(doc: &mut PdfDocument) -> Result<Fonts, PdfError> {
        Ok(Fonts {
            regular: layout::Face::register(doc, bundled_font(false)?),
            bold: layout::Face::register(doc, bundled_font(true)?),
        })
    }
}

/// The letterhead logo (256 × 256 PNG with transparency).
const LOGO_PNG: &[u8] = include_bytes!("../assets/logo.png");

/// The logo, added to a document.
#[derive(Debug)]
struct Logo {
    id: XObjectId,
    pixels: usize,
}

impl Logo {
    fn add(doc: &mut PdfDocument) -> Result<Logo, PdfError> {
        let mut warnings = Vec::new();
        let logo = RawImage::decode_from_bytes(LOGO_PNG, &mut warnings).map_err(PdfError::Image)?;
        Ok(Logo {
            pixels: logo.width,
            id: doc.add_image(&logo),
        })
    }
}

/// The document with its pages as bytes, fonts subset (the fallback fonts only when a page
/// uses them); printpdf's complaints are logged.
fn save(mut doc: PdfDocument, pages: Vec<PdfPage>) -> Vec<u8> {
    fallback::add_used(&mut doc, &pages);
    let options = PdfSaveOptions {
        subset_fonts: true,
        ..PdfSaveOptions::default()
    };
    let mut warnings = Vec::new();
    let bytes = doc.with_pages(pages).save(&options, &mut warnings);
    for w in warnings
        .iter()
        .filter(|w| w.severity == PdfParseErrorSeverity::Error)
    {
        log::warn!("printpdf, page {}: {}", w.page, w.msg);
    }
    bytes
}
