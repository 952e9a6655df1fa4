//! Font metrics for layout: how wide each character is in a given font, and which characters
//! the font cannot draw.
//!
//! **Missing glyphs.** printpdf writes glyph 0 (`.notdef`) for a character the font lacks and
//! leaves it out of the ToUnicode map, so an emoji would print as an anonymous box that
//! cannot be copied or searched, or vanish. Instead, [`FontMetrics::printable`] replaces every
//! such character with [`PLACEHOLDER`] `□` (U+25A1 WHITE SQUARE, which Noto Sans SC has): the
//! reader sees that something was there, the text layer says `□` rather than nothing, and the
//! width used for wrapping is the width actually drawn. Characters outside the BMP that the
//! font does have (such as 𠂇, U+20087) are kept; Noto Sans SC has no 𠮷 (U+20BB7, the
//! Japanese variant of 吉), so that one prints as `□` too. Invisible format characters the font lacks
//! (zero-width joiner, variation selectors, BOM) are dropped rather than boxed, so an emoji
//! sequence such as ❤️ becomes one box, not two.

use super::PdfError;
use printpdf::ParsedFont;
use std::cell::RefCell;
use std::collections::HashMap;

/// What is printed in place of a character the font cannot draw.
pub const PLACEHOLDER: char = '□';
/// Printed instead of [`PLACEHOLDER`] if a font lacks even that.
const LAST_RESORT: char = '?';
/// A tab is printed as this many spaces.
pub const TAB_SPACES: usize = 4;

/// A parsed font with a per-character advance cache.
///
/// Widths are cached in em units on first use, so measuring a megabyte of text costs one
/// hash lookup per character rather than a cmap search plus an hmtx read.
#[derive(Debug)]
pub struct FontMetrics {
    font: ParsedFont,
    units_per_em: f32,
    /// Advance in em per character; `None` when the font has no glyph for it.
    advances: RefCell<HashMap<char, Option<f32>>>,
    placeholder: char,
}

impl FontMetrics {
    /// Parses TrueType/OpenType bytes (face 0).
    pub fn parse(bytes: &[u8]) -> Result<FontMetrics, PdfError> {
        let mut warnings = Vec::new();
        let font = ParsedFont::from_bytes(bytes, 0, &mut warnings).ok_or_else(|| {
            PdfError::Font(format!(
                "the font could not be read ({} warnings)",
                warnings.len()
            ))
        })?;
        Ok(FontMetrics::new(font))
    }

    /// Wraps an already parsed font.
    pub fn new(font: ParsedFont) -> FontMetrics {
        let units = font.pdf_font_metrics.units_per_em;
        let mut metrics = FontMetrics {
            font,
            units_per_em: if units == 0 { 1000.0 } else { f32::from(units) },
            advances: RefCell::new(HashMap::with_capacity(512)),
            placeholder: PLACEHOLDER,
        };
        if !metrics.has_glyph(PLACEHOLDER) {
            metrics.placeholder = LAST_RESORT;
        }
        metrics
    }

    /// The parsed font, for registering it with a document.
    pub fn font(&self) -> &ParsedFont {
        &self.font
    }

    /// The character printed for characters this font cannot draw.
    pub fn placeholder(&self) -> char {
        self.placeholder
    }

    fn lookup(&self, c: char) -> Option<f32> {
        if let Some(known) = self.advances.borrow().get(&c) {
            return *known;
        }
        let advance = self
            .font
            .lookup_glyph_index(u32::from(c))
            .filter(|gid| *gid != 0)
            .map(|gid| f32::from(self.font.get_horizontal_advance(gid)) / self.units_per_em);
        self.advances.borrow_mut().insert(c, advance);
        advance
    }

    /// Whether the font has a real glyph (not `.notdef`) for `c`.
    pub fn has_glyph(&self, c: char) -> bool {
        self.lookup(c).is_some()
    }

    /// Width of `c` at `size` points, in points; a missing character measures as the
    /// placeholder that will be printed instead.
    pub fn char_width(&self, c: char, size: f32) -> f32 {
        self.lookup(c)
            .or_else(|| self.lookup(self.placeholder))
            .unwrap_or(0.5)
            * size
    }

    /// Width of `text` at `size` points, in points.
    pub fn text_width(&self, text: &str, size: f32) -> f32 {
        text.chars().map(|c| self.char_width(c, size)).sum()
    }

    /// The text as it will be printed: `\r\n` and lone `\r` become `\n`, tabs become
    /// [`TAB_SPACES`] spaces, other control characters and invisible format characters the
    /// font lacks are dropped, and any other character the font lacks becomes the
    /// placeholder (see the module documentation).
    pub fn printable(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\r' => {
                    if chars.peek() != Some(&'\n') {
                        out.push('\n');
                    }
                }
                '\n' => out.push('\n'),
                '\t' => out.extend(std::iter::repeat_n(' ', TAB_SPACES)),
                c if c.is_control() => {}
                c if self.has_glyph(c) => out.push(c),
                c if is_invisible_format(c) => {}
                _ => out.push(self.placeholder),
            }
        }
        out
    }

    /// `text` shortened with `…` so that it fits `max_width` points at `size`; unchanged when
    /// it already fits. For one-line places such as the running header.
    pub fn truncate_to_width(&self, text: &str, size: f32, max_width: f32) -> String {
        if self.text_width(text, size) <= max_width {
            return text.to_string();
        }
        let ellipsis = '…';
        let budget = max_width - self.char_width(ellipsis, size);
        let mut width = 0.0;
        let mut out = String::new();
        for c in text.chars() {
            width += self.char_width(c, size);
            if width > budget {
                break;
            }
            out.push(c);
        }
        let trimmed_len = out.trim_end().len();
        out.truncate(trimmed_len);
        out.push(ellipsis);
        out
    }
}

/// Zero-width and selector characters that change how neighbours look but have no glyph of
/// their own in most fonts.
fn is_invisible_format(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200F}'
            | '\u{2060}'..='\u{2064}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
            | '\u{E0000}'..='\u{E01EF}'
            | '\u{1F3FB}'..='\u{1F3FF}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fonts::NOTO_SANS_SC_REGULAR;
    use std::sync::OnceLock;

    pub(crate) fn regular() -> &'static ParsedFont {
        static FONT: OnceLock<ParsedFont> = OnceLock::new();
        FONT.get_or_init(|| {
            ParsedFont::from_bytes(NOTO_SANS_SC_REGULAR, 0, &mut Vec::new())
                .expect("bundled font parses")
        })
    }

    fn metrics() -> FontMetrics {
        FontMetrics::new(regular().clone())
    }

    #[test]
    fn the_bundled_font_covers_cjk_the_placeholder_and_some_ext_b_but_not_emoji() {
        let m = metrics();
        for c in ['汉', '，', 'A', ' ', PLACEHOLDER, '𠂇', '¥', '…', '—', '“'] {
            assert!(
                m.has_glyph(c),
                "font should have {c} (U+{:04X})",
                u32::from(c)
            );
        }
        // Checked against the font's cmap (format 12 subtable): no 𠮷, no emoji.
        assert!(!m.has_glyph('😀'));
        assert!(!m.has_glyph('𠮷'));
        assert_eq!(m.placeholder(), PLACEHOLDER);
    }

    #[test]
    fn cjk_is_one_em_and_latin_is_narrower() {
        let m = metrics();
        assert!((m.char_width('汉', 10.0) - 10.0).abs() < 0.01);
        let i = m.char_width('i', 10.0);
        let w = m.char_width('W', 10.0);
        assert!(i > 0.5 && i < w && w < 10.0, "i={i} W={w}");
        assert!((m.text_width("汉汉", 12.0) - 24.0).abs() < 0.01);
    }

    #[test]
    fn printable_boxes_what_the_font_lacks_and_keeps_what_it_has() {
        let m = metrics();
        assert_eq!(m.printable("好😀𠂇𠮷"), "好□𠂇□");
        assert_eq!(
            m.printable("❤\u{FE0F} 👍\u{1F3FD}"),
            format!("{} □", m.printable("❤"))
        );
        assert_eq!(m.printable("a\r\nb\rc\td\u{0007}"), "a\nb\nc    d");
        assert_eq!(m.printable(""), "");
        // A missing character is measured as the box that replaces it.
        assert_eq!(m.char_width('😀', 10.0), m.char_width(PLACEHOLDER, 10.0));
    }

    #[test]
    fn truncation_fits_and_marks_the_cut() {
        let m = metrics();
        let long = "上海静安区南京西路恒隆广场三十八楼会议室";
        let cut = m.truncate_to_width(long, 10.0, 55.0);
        assert!(cut.ends_with('…'));
        assert!(m.text_width(&cut, 10.0) <= 55.0);
        assert_eq!(m.truncate_to_width("短", 10.0, 55.0), "短");
    }
}
