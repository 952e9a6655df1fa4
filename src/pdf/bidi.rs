//! Right-to-left text (Hebrew, Arabic) inside the left-to-right lines of our documents.
//!
//! A PDF holds glyphs in the order they stand on the page, left to right; viewers that copy,
//! search or read text aloud (Acrobat, Preview, pdf.js, poppler) turn right-to-left runs back
//! into reading order. So a line is drawn in visual order, worked out by the Unicode
//! bidirectional algorithm (UAX #9, crate `unicode-bidi`) with a left-to-right paragraph
//! level: a right-to-left run is reversed, numbers inside it keep their digits in order, and
//! brackets in it are mirrored. A base letter and the combining marks after it (Hebrew points,
//! Arabic vowel signs) stay in that order, so that each mark lands on its own letter.
//!
//! Lines are broken before this, on the text in reading order, and the width of a line does
//! not change. Arabic letters are not joined (printpdf does no shaping): the words read
//! correctly from right to left, in the letters' isolated forms.

use std::borrow::Cow;
use unicode_bidi::{BidiClass, Level, ParagraphBidiInfo, bidi_class};

/// `line` (one line, no line break) in the order its characters are drawn from left to right;
/// borrowed unchanged when it has no right-to-left character.
pub fn visual(line: &str) -> Cow<'_, str> {
    if !line.chars().any(is_right_to_left) {
        return Cow::Borrowed(line);
    }
    let info = ParagraphBidiInfo::new(line, Some(Level::ltr()));
    let (levels, runs) = info.visual_runs(0..line.len());
    let mut out = String::with_capacity(line.len());
    for run in runs {
        let text = &line[run.clone()];
        match levels.get(run.start) {
            Some(level) if level.is_rtl() => push_reversed(text, &mut out),
            _ => out.push_str(text),
        }
    }
    Cow::Owned(out)
}

/// Whether `c` is a right-to-left letter. Only the blocks of the right-to-left scripts are
/// looked up, so that the Chinese and Latin of nearly every line cost one comparison each.
/// (The explicit embedding controls never get here: printing drops them.)
fn is_right_to_left(c: char) -> bool {
    matches!(
        c,
        '\u{0590}'..='\u{08FF}'
            | '\u{FB1D}'..='\u{FDFF}'
            | '\u{FE70}'..='\u{FEFF}'
            | '\u{10800}'..='\u{10FFF}'
            | '\u{1E800}'..='\u{1EFFF}'
    ) && matches!(bidi_class(c), BidiClass::R | BidiClass::AL)
}

/// Appends `run` reversed cluster by cluster (a character and the combining marks after it
/// keep their order), with mirrored brackets.
fn push_reversed(run: &str, out: &mut String) {
    let mut clusters: Vec<&str> = Vec::new();
    let mut start = 0;
    for (i, c) in run.char_indices() {
        if i > start && bidi_class(c) != BidiClass::NSM {
            clusters.push(&run[start..i]);
            start = i;
        }
    }
    if start < run.len() {
        clusters.push(&run[start..]);
    }
    for cluster in clusters.into_iter().rev() {
        out.extend(cluster.chars().map(mirrored));
    }
}

/// The mirror image of a paired bracket or sign, as a right-to-left run shows it.
fn mirrored(c: char) -> char {
    const PAIRS: [(char, char); 14] = [
        ('(', ')'),
        ('[', ']'),
        ('{', '}'),
        ('<', '>'),
        ('«', '»'),
        ('‹', '›'),
        ('（', '）'),
        ('［', '］'),
        ('｛', '｝'),
        ('《', '》'),
        ('〈', '〉'),
        ('【', '】'),
        ('「', '」'),
        ('『', '』'),
    ];
    PAIRS
        .iter()
        .find_map(|&(open, close)| match c {
            _ if c == open => Some(close),
            _ if c == close => Some(open),
            _ => None,
        })
        .unwrap_or(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn left_to_right_text_is_untouched() {
        for text in ["", "吉田 𠮷野家 🎉", "Spring Festival (2027) 春节", "a\tb"] {
            assert!(matches!(visual(text), Cow::Borrowed(t) if t == text));
        }
    }

    #[test]
    fn right_to_left_runs_are_reversed_in_place() {
        assert_eq!(visual("שלום"), "םולש");
        assert_eq!(visual("客户 שלום עולם fans"), "客户 םלוע םולש fans");
        assert_eq!(visual("مرحبا 你好"), "ابحرم 你好");
    }

    #[test]
    fn numbers_keep_their_digits_and_brackets_mirror() {
        // "page 12 of the brief" in Hebrew order: the number reads 12, not 21.
        assert_eq!(visual("עמוד 12"), "12 דומע");
        assert_eq!(visual("שלום (עולם)"), "(םלוע) םולש");
        // Brackets between a left-to-right word and a Hebrew one stay as they are.
        assert_eq!(visual("abc (שלום) def"), "abc (םולש) def");
    }

    #[test]
    fn combining_marks_stay_after_their_letter() {
        // שָׁלוֹם with points: each mark follows its base letter in the drawn order.
        let pointed = "ש\u{05B8}\u{05C1}ל\u{05D5}\u{05B9}ם";
        assert_eq!(visual(pointed), "םו\u{05B9}לש\u{05B8}\u{05C1}");
    }

    #[test]
    fn nothing_is_lost_or_added() {
        let text = "吉田 מזל טוב 🎉 2027 مرحبا! (שלום) end\nשורה שנייה";
        let mut drawn: Vec<char> = visual(text).chars().map(mirrored).collect();
        let mut logical: Vec<char> = text.chars().map(mirrored).collect();
        drawn.sort_unstable();
        logical.sort_unstable();
        assert_eq!(drawn, logical);
    }
}
