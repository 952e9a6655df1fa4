//! QR codes drawn as filled rectangles (no image): the estimate's version check code and
//! the library's item labels.

use super::PdfError;
use super::theme::Tone;
use qrcode::{Color, EcLevel, QrCode};

/// Modules of light margin the QR standard asks for around the symbol.
pub const QUIET_MODULES: usize = 4;
/// The code's modules: pure black, for the contrast scanners need.
pub const DARK: Tone = Tone(0, 0, 0);

/// A QR code's modules, row by row.
#[derive(Debug, Clone)]
pub struct CheckCode {
    width: usize,
    dark: Vec<bool>,
}

impl CheckCode {
    /// The QR code of `payload` at error correction level M (15 % of it may be soiled or
    /// stamped over and it still reads).
    pub fn new(payload: &str) -> Result<CheckCode, PdfError> {
        let code = QrCode::with_error_correction_level(payload.as_bytes(), EcLevel::M)
            .map_err(|e| PdfError::CheckCode(e.to_string()))?;
        Ok(CheckCode {
            width: code.width(),
            dark: code
                .to_colors()
                .into_iter()
                .map(|c| c == Color::Dark)
                .collect(),
        })
    }

    /// Modules across (and down).
    pub fn width(&self) -> usize {
        self.width
    }

    /// The dark runs of each row: (row, first column, length). One rectangle a run keeps
    /// the document small.
    pub fn runs(&self) -> Vec<(usize, usize, usize)> {
        let mut out = Vec::new();
        for (y, row) in self.dark.chunks(self.width.max(1)).enumerate() {
            let mut x = 0;
            while x < row.len() {
                if !row[x] {
                    x += 1;
                    continue;
                }
                let start = x;
                while x < row.len() && row[x] {
                    x += 1;
                }
                out.push((y, start, x - start));
            }
        }
        out
    }

    /// The rectangles of the dark modules for a symbol `size` points wide whose top-left
    /// corner is at (`x`, `top`).
    pub fn rects(&self, x: f32, top: f32, size: f32) -> Vec<(f32, f32, f32, f32)> {
        let module = size / self.width.max(1) as f32;
        self.runs()
            .into_iter()
            .map(|(row, col, len)| {
                (
                    x + col as f32 * module,
                    top + row as f32 * module,
                    len as f32 * module,
                    module,
                )
            })
            .collect()
    }
}
