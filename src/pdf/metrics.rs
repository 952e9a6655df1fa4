//! Font metrics for layout: which font draws each character, how wide it is, and which
//! characters no font can draw.
//!
//! **Fallbacks.** A character Noto Sans SC lacks is drawn from a [`Fallback`] font when one has
//! it: 𠮷 (U+20BB7, CJK Extension B) from Hanazono, 🎉 from Noto Emoji, Hebrew and Arabic from
//! DejaVu Sans. A line of text is then drawn as runs, each in its own font
//! ([`FontMetrics::runs`]). A fallback is looked up only on a miss in the main font, and parsed
//! only when its character map has the character. (Right-to-left runs are put in visual order
//! when drawn, see [`super::bidi`]; measuring does not depend on the order.)
//!
//! **Missing glyphs.** printpdf writes glyph 0 (`.notdef`) for a character the font lacks and
//! leaves it out of the ToUnicode map, so such a character would print as an anonymous box that
//! cannot be copied or searched, or vanish. Instead, [`FontMetrics::printable`] replaces every
//! character that no font has (CJK Extension G, for one) with [`PLACEHOLDER`] `□` (U+25A1
//! WHITE SQUARE, which Noto Sans SC has): the reader sees that something was there, the text
//! layer says `□` rather than nothing, and the width used for wrapping is the width actually
//! drawn. Invisible format characters the main font lacks (zero-width joiner, variation
//! selectors, BOM, skin-tone modifiers) are dropped rather than boxed or drawn from a
//! fallback, so an emoji sequence such as ❤️ stays one picture.

use super::PdfError;
use super::fallback;
use crate::fonts::{Fallback, is_invisible_format};
use printpdf::ParsedFont;
use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::Arc;

/// What is printed in place of a character the font cannot draw.
pub const PLACEHOLDER: char = '□';
/// Printed instead of [`PLACEHOLDER`] if a font lacks even that.
const LAST_RESORT: char = '?';
/// A tab is printed as this many spaces.
pub const TAB_SPACES: usize = 4;

/// Which font draws a character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// The font the metrics were made for.
    Main,
    /// A fallback font, for a character the main font lacks.
    Fallback(Fallback),
}

/// A parsed font, its fallbacks, and a per-character cache of which one draws the character
/// and how wide it is.
///
/// Widths are cached in em units on first use, so measuring a megabyte of text costs one
/// hash lookup per character rather than a cmap search plus an hmtx read.
#[derive(Debug)]
pub struct FontMetrics {
    font: ParsedFont,
    units_per_em: f32,
    /// Font and advance in em per character; `None` when no font has a glyph for it.
    advances: RefCell<HashMap<char, Option<(Source, f32)>>>,
    placeholder: char,
    fallbacks: bool,
    /// The fallback fonts asked so far, held while these metrics live (`None`: unreadable).
    loaded: RefCell<HashMap<Fallback, Option<Arc<ParsedFont>>>>,
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

    /// Wraps an already parsed font; characters it lacks come from the fallback fonts.
    pub fn new(font: ParsedFont) -> FontMetrics {
        FontMetrics::with_fallbacks(font, true)
    }

    /// Wraps an already parsed font without fallbacks: every character it lacks prints as the
    /// placeholder (what a build without the fallback fonts would do).
    pub fn without_fallbacks(font: ParsedFont) -> FontMetrics {
        FontMetrics::with_fallbacks(font, false)
    }

    fn with_fallbacks(font: ParsedFont, fallbacks: bool) -> FontMetrics {
        let units = font.pdf_font_metrics.units_per_em;
        let mut metrics = FontMetrics {
            font,
            units_per_em: em_units(units),
            advances: RefCell::new(HashMap::with_capacity(512)),
            placeholder: PLACEHOLDER,
            fallbacks,
            loaded: RefCell::new(HashMap::new()),
        };
        if metrics.source(PLACEHOLDER) != Some(Source::Main) {
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

    fn lookup(&self, c: char) -> Option<(Source, f32)> {
        if let Some(known) = self.advances.borrow().get(&c) {
            return *known;
        }
        let found = advance(&self.font, self.units_per_em, c)
            .map(|em| (Source::Main, em))
            .or_else(|| self.fallback(c));
        self.advances.borrow_mut().insert(c, found);
        found
    }

    /// The first fallback that has `c`; only a font whose character map has it is parsed, and
    /// it stays loaded as long as these metrics (one document).
    fn fallback(&self, c: char) -> Option<(Source, f32)> {
        if !self.fallbacks {
            return None;
        }
        Fallback::candidates(c)
            .iter()
            .filter(|kind| kind.covers(c))
            .find_map(|&kind| {
                let font = self
                    .loaded
                    .borrow_mut()
                    .entry(kind)
                    .or_insert_with(|| fallback::parsed(kind))
                    .clone()?;
                let units = em_units(font.pdf_font_metrics.units_per_em);
                advance(&font, units, c).map(|em| (Source::Fallback(kind), em))
            })
    }

    /// Whether the font or one of its fallbacks has a real glyph (not `.notdef`) for `c`.
    pub fn has_glyph(&self, c: char) -> bool {
        self.lookup(c).is_some()
    }

    /// Which font draws `c`, or `None` when none can.
    pub fn source(&self, c: char) -> Option<Source> {
        self.lookup(c).map(|(source, _)| source)
    }

    /// `text` (already [printable](Self::printable)) cut into runs drawn in one font each,
    /// in order. Spaces and anything no font has belong to the main font.
    pub fn runs<'t>(&self, text: &'t str) -> Vec<(Source, &'t str)> {
        let mut runs: Vec<(Source, &'t str)> = Vec::new();
        let mut start = 0;
        let mut current = Source::Main;
        for (i, c) in text.char_indices() {
            let source = self.source(c).unwrap_or(Source::Main);
            if source != current {
                if i > start {
                    runs.push((current, &text[start..i]));
                }
                (start, current) = (i, source);
            }
        }
        if start < text.len() {
            runs.push((current, &text[start..]));
        }
        runs
    }

    /// Width of `c` at `size` points, in points; a missing character measures as the
    /// placeholder that will be printed instead.
    pub fn char_width(&self, c: char, size: f32) -> f32 {
        self.lookup(c)
            .or_else(|| self.lookup(self.placeholder))
            .map_or(0.5, |(_, em)| em)
            * size
    }

    /// Width of `text` at `size` points, in points.
    pub fn text_width(&self, text: &str, size: f32) -> f32 {
        text.chars().map(|c| self.char_width(c, size)).sum()
    }

    /// The text as it will be printed: `\r\n` and lone `\r` become `\n`, tabs become
    /// [`TAB_SPACES`] spaces, other control characters and invisible format characters the
    /// main font lacks are dropped, and any other character no font has becomes the
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

/// Font units per em, guarding against a font that claims zero.
fn em_units(units: u16) -> f32 {
    if units == 0 { 1000.0 } else { f32::from(units) }
}

/// The advance of `c` in em, if `font` has a real glyph for it.
fn advance(font: &ParsedFont, units_per_em: f32, c: char) -> Option<f32> {
    font.lookup_glyph_index(u32::from(c))
        .filter(|gid| *gid != 0)
        .map(|gid| f32::from(font.get_horizontal_advance(gid)) / units_per_em)
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

    fn without_fallbacks() -> FontMetrics {
        FontMetrics::without_fallbacks(regular().clone())
    }

    #[test]
    fn the_bundled_font_covers_cjk_the_placeholder_and_some_ext_b_but_not_emoji() {
        let m = without_fallbacks();
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
    fn the_fallbacks_draw_rare_han_emoji_and_right_to_left_scripts() {
        let m = metrics();
        for (c, source) in [
            ('汉', Source::Main),
            ('𠂇', Source::Main), // Noto has a few of Extension B: it keeps them
            ('𠮷', Source::Fallback(Fallback::RareHan)),
            ('𡈽', Source::Fallback(Fallback::RareHan)),
            ('𪚥', Source::Fallback(Fallback::RareHan)),
            ('🎉', Source::Fallback(Fallback::Emoji)),
            ('👍', Source::Fallback(Fallback::Emoji)),
            ('ש', Source::Fallback(Fallback::OtherScripts)),
            ('م', Source::Fallback(Fallback::OtherScripts)),
        ] {
            assert_eq!(m.source(c), Some(source), "{c}");
        }
        // An ideograph is one em in the fallback too; an emoji is wider than a letter.
        assert!((m.char_width('𠮷', 10.0) - 10.0).abs() < 0.01);
        assert!(m.char_width('🎉', 10.0) > m.char_width('W', 10.0));
        // Extension G has no font yet.
        assert_eq!(m.source('\u{30000}'), None);
    }

    #[test]
    fn runs_switch_font_where_the_source_changes() {
        let m = metrics();
        let text = m.printable("吉田 𠮷野家 🎉🎉 שלום!");
        let runs = m.runs(&text);
        let han = Source::Fallback(Fallback::RareHan);
        let emoji = Source::Fallback(Fallback::Emoji);
        let other = Source::Fallback(Fallback::OtherScripts);
        assert_eq!(
            runs,
            vec![
                (Source::Main, "吉田 "),
                (han, "𠮷"),
                (Source::Main, "野家 "),
                (emoji, "🎉🎉"),
                (Source::Main, " "),
                (other, "שלום"),
                (Source::Main, "!"),
            ]
        );
        assert_eq!(runs.iter().map(|(_, t)| *t).collect::<String>(), text);
        assert!(m.runs("").is_empty());
    }

    #[test]
    fn printable_boxes_what_no_font_has_and_keeps_what_one_has() {
        let m = without_fallbacks();
        assert_eq!(m.printable("好😀𠂇𠮷"), "好□𠂇□");
        assert_eq!(
            m.printable("❤\u{FE0F} 👍\u{1F3FD}"),
            format!("{} □", m.printable("❤"))
        );
        assert_eq!(m.printable("a\r\nb\rc\td\u{0007}"), "a\nb\nc    d");
        assert_eq!(m.printable(""), "");
        // A missing character is measured as the box that replaces it.
        assert_eq!(m.char_width('😀', 10.0), m.char_width(PLACEHOLDER, 10.0));

        let m = metrics();
        assert_eq!(m.printable("好😀𠂇𠮷"), "好😀𠂇𠮷");
        // Tab, zero-width characters, BOM and skin tones are handled as without fallbacks.
        assert_eq!(
            m.printable("\u{FEFF}a\tb\u{200B}c\u{200D}❤\u{FE0F} 👍\u{1F3FD}"),
            format!("a    bc{} 👍", m.printable("❤"))
        );
        // Extension G: still a box.
        assert_eq!(m.printable("\u{30000}"), "□");
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
