//! The look of every Account Desk document in one place: a muted palette, type sizes and page
//! geometry. Colours are sRGB in 0–255 so they can be compared with the screen theme.

use printpdf::{Color, Rgb};

/// An sRGB colour token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Tone(pub u8, pub u8, pub u8);

impl Tone {
    /// The printpdf colour for this token.
    pub fn color(self) -> Color {
        let Tone(r, g, b) = self;
        Color::Rgb(Rgb::new(
            f32::from(r) / 255.0,
            f32::from(g) / 255.0,
            f32::from(b) / 255.0,
            None,
        ))
    }
}

/// Body text: a soft near-black, easier on the eye than pure black.
pub const INK: Tone = Tone(0x1F, 0x29, 0x37);
/// Secondary text: labels, English halves of labels, address, page numbers.
pub const MUTED: Tone = Tone(0x6B, 0x72, 0x80);
/// Placeholders such as "（未填写）".
pub const FAINT: Tone = Tone(0x9C, 0xA3, 0xAF);
/// The agency colour: a deep slate blue for the letterhead rule, section markers, job number.
pub const ACCENT: Tone = Tone(0x2C, 0x4A, 0x7E);
/// A lighter companion of the accent for thin secondary rules.
pub const ACCENT_SOFT: Tone = Tone(0xA9, 0xB8, 0xD4);
/// Marks a section changed in this version.
pub const CHANGED: Tone = Tone(0xB4, 0x6A, 0x1E);
/// Hairlines between table rows and around header and footer.
pub const RULE: Tone = Tone(0xD9, 0xDE, 0xE5);
/// Background of the facts table's label column.
pub const TABLE_LABEL_FILL: Tone = Tone(0xF3, 0xF5, 0xF8);

/// Millimetres to points.
pub const fn mm(v: f32) -> f32 {
    v * 72.0 / 25.4
}

/// A4 portrait width in points.
pub const PAGE_WIDTH: f32 = mm(210.0);
/// A4 portrait height in points.
pub const PAGE_HEIGHT: f32 = mm(297.0);
/// Left and right margins.
pub const MARGIN_X: f32 = mm(20.0);
/// Top margin of pages after the first (the running header sits inside it).
pub const MARGIN_TOP: f32 = mm(24.0);
/// Where the letterhead starts on page 1.
pub const FIRST_PAGE_TOP: f32 = mm(16.0);
/// Bottom margin (the footer sits inside it).
pub const MARGIN_BOTTOM: f32 = mm(22.0);
/// Baseline of the running header, from the top edge.
pub const HEADER_BASELINE: f32 = mm(14.0);
/// Baseline of the footer, from the bottom edge.
pub const FOOTER_BASELINE: f32 = mm(12.0);

/// Agency name on the letterhead.
pub const SIZE_AGENCY: f32 = 15.0;
/// Document title.
pub const SIZE_TITLE: f32 = 19.0;
/// Section headings.
pub const SIZE_HEADING: f32 = 11.5;
/// Body text.
pub const SIZE_BODY: f32 = 10.0;
/// Table labels and values.
pub const SIZE_TABLE: f32 = 9.0;
/// Letterhead details, running header, footer.
pub const SIZE_SMALL: f32 = 7.5;

/// Line height as a multiple of the type size (generous, as Chinese text needs).
pub const LEADING: f32 = 1.6;
