//! The fonts Account Desk ships, compiled into the binary so that screen and PDF always have the
//! same glyphs, wherever the app runs (see `fonts/README.txt` for where each comes from and
//! how the cut-down ones were made):
//!
//! - Noto Sans SC, Regular and Bold (SIL OFL 1.1, `fonts/OFL.txt`): every character it has.
//! - A four-glyph subset of DejaVu Sans for the macOS modifier-key symbols (Bitstream Vera
//!   licence, `fonts/DejaVu-LICENSE.txt`), screen only.
//! - Three [`Fallback`] fonts, only for characters Noto Sans SC lacks: rare Han characters of
//!   CJK Extensions B–F from Hanazono (`fonts/Hanazono-LICENSE.txt`), monochrome Noto Emoji
//!   (`fonts/NotoEmoji-OFL.txt`), and DejaVu Sans for other scripts such as Hebrew and Arabic.
//!
//! The fallbacks are large (31 MB for Hanazono) and rarely needed, so nothing reads them until a
//! character needs one: they are static bytes the operating system pages in on first touch, and
//! [`Fallback::for_char`] answers from the font's own character map without parsing the font.

/// Noto Sans SC Regular (TrueType).
pub const NOTO_SANS_SC_REGULAR: &[u8] = include_bytes!("../fonts/NotoSansSC_400Regular.ttf");
/// Noto Sans SC Bold (TrueType).
pub const NOTO_SANS_SC_BOLD: &[u8] = include_bytes!("../fonts/NotoSansSC_700Bold.ttf");
/// DejaVu Sans cut down to ⌘ ⌥ ⇧ ⌃ (12 KB): egui writes "⌘K" instead of "Cmd+K" on a Mac only
/// when the body font has all four, and Noto Sans SC lacks ⌥ and ⌃. Screen only.
pub const MODIFIER_KEYS: &[u8] = include_bytes!("../fonts/DejaVuSans-ModifierKeys.ttf");

/// A font for the characters Noto Sans SC cannot draw. One weight each: bold text borrows the
/// regular fallback, which beats a box.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Fallback {
    /// HanaMinB's CJK Extensions B–F (U+20000–U+2EBEF, 𠮷 𡈽 𪚥 in real names) and HanaMinA's
    /// compatibility ideographs, from Hanazono 20170904 (a Ming face: Noto has no sans for them).
    RareHan,
    /// Noto Emoji 3.006, monochrome (PDFs are printed; colour emoji would not embed).
    Emoji,
    /// DejaVu Sans 2.37 less what Noto Sans SC has: Hebrew, Arabic, Armenian, Georgian,
    /// IPA, more Latin, Greek and Cyrillic, arrows and mathematical symbols.
    OtherScripts,
}

impl Fallback {
    /// Every fallback, in no particular order.
    pub const ALL: [Fallback; 3] = [Fallback::RareHan, Fallback::Emoji, Fallback::OtherScripts];

    /// The TrueType file.
    pub fn bytes(self) -> &'static [u8] {
        match self {
            Fallback::RareHan => include_bytes!("../fonts/HanaMin-Fallback.ttf"),
            Fallback::Emoji => include_bytes!("../fonts/NotoEmoji-Regular.ttf"),
            Fallback::OtherScripts => include_bytes!("../fonts/DejaVuSans-Fallback.ttf"),
        }
    }

    /// A short name, unique among the app's fonts (egui keys fonts by name).
    pub fn name(self) -> &'static str {
        match self {
            Fallback::RareHan => "fallback_hanamin",
            Fallback::Emoji => "fallback_noto_emoji",
            Fallback::OtherScripts => "fallback_dejavu_sans",
        }
    }

    /// The fallbacks worth asking for `c`, best first: the Han font only for ideographs, the
    /// emoji font first for the emoji planes and last for the symbols both it and DejaVu have
    /// (☐ ✓ → read as text there). Empty for characters no font should draw: controls and
    /// [invisible format characters](is_invisible_format), which stay dropped.
    pub fn candidates(c: char) -> &'static [Fallback] {
        if c.is_control() || is_invisible_format(c) {
            &[]
        } else if is_han(c) {
            &[Fallback::RareHan]
        } else if ('\u{1F000}'..='\u{1FAFF}').contains(&c) {
            &[Fallback::Emoji, Fallback::OtherScripts]
        } else {
            &[Fallback::OtherScripts, Fallback::Emoji]
        }
    }

    /// Whether this font has a glyph for `c`, read from its character map (no parsing).
    pub fn covers(self, c: char) -> bool {
        Cmap::find(self.bytes()).is_some_and(|cmap| cmap.glyph(c).is_some())
    }

    /// The first of [`Fallback::candidates`] that has `c`.
    pub fn for_char(c: char) -> Option<Fallback> {
        Fallback::candidates(c)
            .iter()
            .copied()
            .find(|f| f.covers(c))
    }
}

/// Ideographs and their compatibility forms, the characters only [`Fallback::RareHan`] serves.
fn is_han(c: char) -> bool {
    matches!(
        c,
        '\u{3400}'..='\u{4DBF}'
            | '\u{4E00}'..='\u{9FFF}'
            | '\u{F900}'..='\u{FAFF}'
            | '\u{20000}'..='\u{3FFFF}'
    )
}

/// Zero-width and selector characters that change how their neighbours look but have no glyph
/// of their own: zero-width space and joiners, directional marks, embeddings and isolates,
/// word joiner, variation selectors, the byte-order mark, tags and emoji skin-tone modifiers. Never drawn from a
/// fallback font: an emoji sequence such as ❤️ stays one picture, 👍🏽 prints as 👍.
pub fn is_invisible_format(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2069}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
            | '\u{E0000}'..='\u{E01EF}'
            | '\u{1F3FB}'..='\u{1F3FF}'
    )
}

/// A font's Unicode character map (`cmap` format 12 or 4), read in place from the font file.
#[derive(Debug, Clone, Copy)]
struct Cmap<'a> {
    table: &'a [u8],
    format: u16,
}

fn u16_at(bytes: &[u8], at: usize) -> Option<u16> {
    let b = bytes.get(at..at.checked_add(2)?)?;
    Some(u16::from_be_bytes([b[0], b[1]]))
}

fn u32_at(bytes: &[u8], at: usize) -> Option<u32> {
    let b = bytes.get(at..at.checked_add(4)?)?;
    Some(u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
}

impl<'a> Cmap<'a> {
    /// The Unicode subtables of the font file `font` that can be read (formats 12 and 4).
    /// None for a damaged or unsupported file, which then covers nothing.
    fn subtables(font: &'a [u8]) -> Vec<Cmap<'a>> {
        let table = |i: usize| {
            let record = 12 + 16 * i;
            (font.get(record..record + 4)? == b"cmap").then_some(())?;
            let start = u32_at(font, record + 8)? as usize;
            let len = u32_at(font, record + 12)? as usize;
            font.get(start..start.checked_add(len)?)
        };
        let tables = u16_at(font, 4).map_or(0, usize::from);
        let Some(cmap) = (0..tables).find_map(table) else {
            return Vec::new();
        };
        let subtable = |i: usize| {
            let record = 4 + 8 * i;
            let (platform, encoding) = (u16_at(cmap, record)?, u16_at(cmap, record + 2)?);
            let unicode = platform == 0 || (platform == 3 && matches!(encoding, 1 | 10));
            let table = cmap.get(u32_at(cmap, record + 4)? as usize..)?;
            let format = u16_at(table, 0)?;
            (unicode && matches!(format, 4 | 12)).then_some(Cmap { table, format })
        };
        (0..u16_at(cmap, 2).map_or(0, usize::from))
            .filter_map(subtable)
            .collect()
    }

    /// The best Unicode subtable of the font file `font`: the full repertoire (format 12)
    /// rather than the BMP only (format 4).
    fn find(font: &'a [u8]) -> Option<Cmap<'a>> {
        Cmap::subtables(font).into_iter().max_by_key(|c| c.format)
    }

    /// The glyph index for `c`, if the map has a real one (not glyph 0, `.notdef`).
    fn glyph(&self, c: char) -> Option<u16> {
        let c = u32::from(c);
        let glyph = match self.format {
            12 => self.glyph_12(c),
            4 => self.glyph_4(u16::try_from(c).ok()?),
            _ => None,
        };
        glyph.filter(|g| *g != 0)
    }

    /// Format 12: sorted groups of (first, last, first glyph), found by binary search.
    fn glyph_12(&self, c: u32) -> Option<u16> {
        let groups = u32_at(self.table, 12)? as usize;
        let (mut lo, mut hi) = (0, groups);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            let at = 16 + 12 * mid;
            let (first, last) = (u32_at(self.table, at)?, u32_at(self.table, at + 4)?);
            if c < first {
                hi = mid;
            } else if c > last {
                lo = mid + 1;
            } else {
                let glyph = u32_at(self.table, at + 8)?.checked_add(c - first)?;
                return u16::try_from(glyph).ok();
            }
        }
        None
    }

    /// Format 4: segments of the BMP, each a delta or an offset into the glyph array.
    fn glyph_4(&self, c: u16) -> Option<u16> {
        let t = self.table;
        let segments = usize::from(u16_at(t, 6)? / 2);
        let ends = 14;
        let starts = ends + 2 * segments + 2;
        let deltas = starts + 2 * segments;
        let offsets = deltas + 2 * segments;
        let (mut lo, mut hi) = (0, segments);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if u16_at(t, ends + 2 * mid)? < c {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        let segment = lo;
        if segment >= segments {
            return None;
        }
        let start = u16_at(t, starts + 2 * segment)?;
        if c < start {
            return None;
        }
        let delta = u16_at(t, deltas + 2 * segment)?;
        let offset = u16_at(t, offsets + 2 * segment)?;
        if offset == 0 {
            return Some(c.wrapping_add(delta));
        }
        let at = offsets + 2 * segment + usize::from(offset) + 2 * usize::from(c - start);
        match u16_at(t, at)? {
            0 => Some(0),
            glyph => Some(glyph.wrapping_add(delta)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fallbacks_draw_what_noto_sans_sc_lacks() {
        let noto = Cmap::find(NOTO_SANS_SC_REGULAR).expect("Noto's cmap");
        // Checked with fontTools against the font files.
        for c in ['汉', 'A', '□', '𠂇'] {
            assert!(noto.glyph(c).is_some(), "Noto has {c}");
        }
        for (c, font) in [
            ('𠮷', Fallback::RareHan),        // Extension B, the 吉 of 𠮷野家
            ('𡈽', Fallback::RareHan),        // Extension B
            ('𪚥', Fallback::RareHan),        // Extension B
            ('\u{2A700}', Fallback::RareHan), // first of Extension C
            ('\u{2B740}', Fallback::RareHan), // first of Extension D
            ('\u{2B820}', Fallback::RareHan), // first of Extension E
            ('\u{2CEB0}', Fallback::RareHan), // first of Extension F
            ('\u{2F800}', Fallback::RareHan), // a compatibility ideograph
            ('🎉', Fallback::Emoji),
            ('👍', Fallback::Emoji),
            ('😀', Fallback::Emoji),
            ('א', Fallback::OtherScripts), // Hebrew alef
            ('ب', Fallback::OtherScripts), // Arabic beh
            ('Ա', Fallback::OtherScripts), // Armenian
        ] {
            assert!(noto.glyph(c).is_none(), "Noto lacks {c}");
            assert_eq!(
                Fallback::for_char(c),
                Some(font),
                "{c} U+{:04X}",
                u32::from(c)
            );
        }
    }

    #[test]
    fn invisible_and_control_characters_never_fall_back() {
        for c in [
            '\u{200D}',
            '\u{FE0F}',
            '\u{FEFF}',
            '\u{200B}',
            '\u{1F3FD}',
            '\t',
            '\u{7}',
        ] {
            assert_eq!(Fallback::for_char(c), None, "U+{:04X}", u32::from(c));
        }
        // Extension G (U+30000…) has no font with a suitable licence yet: a box.
        assert_eq!(Fallback::for_char('\u{30000}'), None);
    }

    #[test]
    fn both_cmap_formats_agree_on_the_bmp() {
        // DejaVu's subset has a format 4 and a format 12 subtable: read each on its own.
        let tables = Cmap::subtables(Fallback::OtherScripts.bytes());
        let four = tables.iter().find(|t| t.format == 4).expect("format 4");
        let twelve = tables.iter().find(|t| t.format == 12).expect("format 12");
        for c in ['א', 'ب', 'Ա', 'ǅ', '∮', '\u{FFFD}', '汉', 'A', '\u{FFFF}'] {
            assert_eq!(four.glyph(c), twelve.glyph(c), "{c}");
        }
        assert!(four.glyph('א').is_some());
    }

    #[test]
    fn damaged_fonts_cover_nothing_and_never_panic() {
        assert!(Cmap::find(&[]).is_none());
        assert!(Cmap::find(&[0, 1, 0, 0, 0, 9]).is_none());
        let mut cut = Fallback::RareHan.bytes()[..4096].to_vec();
        assert!(Cmap::find(&cut).is_none_or(|c| c.glyph('𠮷').is_none()));
        cut.iter_mut().skip(12).for_each(|b| *b = 0xFF);
        assert!(Cmap::find(&cut).is_none_or(|c| c.glyph('𠮷').is_none()));
    }
}
