//! Report models to PDF bytes with printpdf: A4 pages, the bundled Noto Sans SC (subset, so a
//! document stays small), our own line breaking and pagination, and one theme.
//!
//! Only report models from [`crate::reports`] come in; nothing here reads the store.

pub mod brief;
pub mod layout;
pub mod metrics;
pub mod theme;
pub mod wrap;

pub use brief::render_brief;

use printpdf::ParsedFont;
use std::sync::OnceLock;
use thiserror::Error;

/// Why a document could not be produced. Both point at a broken build rather than at the
/// user's data (fonts and logo are compiled in), but are reported, not panicked on.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum PdfError {
    /// A bundled font could not be parsed.
    #[error("the document font could not be loaded: {0}")]
    Font(String),
    /// The bundled logo could not be decoded.
    #[error("the letterhead logo could not be decoded: {0}")]
    Image(String),
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
