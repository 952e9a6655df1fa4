//! Text folding shared by the index and the query, and the literal matcher.
//!
//! Haystacks are folded once at upsert: full-width forms become ASCII, letters become lower
//! case, and every run of separators (white space, punctuation) becomes one space. Query
//! words are folded the same way but keep no separators at all, and the matcher skips the
//! spaces of the haystack, so `coca-cola`, `cocacola` and `Coca Cola` all find "Coca-Cola"
//! and `20260042` finds job `2026-0042`.

use super::MatchQuality;

/// Maps full-width ASCII forms (`Ａ`, `１`, `－`) to ASCII and the ideographic space to a
/// space, so text typed with a Chinese input method in full-width mode still matches.
pub(super) fn fold_width(c: char) -> char {
    match u32::from(c) {
        0x3000 => ' ',
        code @ 0xFF01..=0xFF5E => char::from_u32(code - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

/// Whether a (width-folded) character only separates words: white space, controls and
/// punctuation, Latin or CJK. Letters, digits, ideographs and emoji are never separators.
pub(super) fn is_separator(c: char) -> bool {
    if c.is_alphanumeric() {
        return false;
    }
    c.is_whitespace()
        || c.is_control()
        || c.is_ascii_punctuation()
        || matches!(
            u32::from(c),
            0x00A1..=0x00BF          // ¡ « · » ¿ and friends
                | 0x2000..=0x206F    // general punctuation: – — ‘ ’ “ ” …
                | 0x2E00..=0x2E7F    // supplemental punctuation
                | 0x3001..=0x3004    // 、 。 〃
                | 0x3008..=0x3020    // 《 》 「 」 【 】 〔 〕 〜
                | 0x3030
                | 0x303D
                | 0x30FB             // ・
                | 0xFE10..=0xFE1F    // vertical forms
                | 0xFE30..=0xFE6F    // CJK compatibility and small forms
                | 0xFF61..=0xFF65 // half-width 。「」、・
        )
}

/// Folds `text` into a haystack: width-folded, lower case, separator runs collapsed to one
/// space, no leading or trailing space.
pub(super) fn fold_haystack(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.chars().map(fold_width) {
        if is_separator(c) {
            pending_space = !out.is_empty();
        } else {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            push_lowercase(&mut out, c);
        }
    }
    out
}

/// Splits a query into folded words: white space (after width folding) separates words,
/// other separators are dropped, so every word is a run of letters, digits, ideographs or
/// symbols in lower case. Empty words are left out.
pub(super) fn fold_query_words(query: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    for c in query.chars().map(fold_width) {
        if c.is_whitespace() {
            if !word.is_empty() {
                words.push(std::mem::take(&mut word));
            }
        } else if !is_separator(c) {
            push_lowercase(&mut word, c);
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

fn push_lowercase(out: &mut String, c: char) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
    } else {
        out.extend(c.to_lowercase());
    }
}

/// Joins the folded texts of one record's fields. The separator is a control character,
/// which folding turns into a space, so it never occurs inside a field or a query word and
/// no match can run from one field into the next.
pub(super) const FIELD_SEPARATOR: char = '\u{1}';

/// How well the folded query `word` occurs literally in `haystack` (folded fields joined by
/// [`FIELD_SEPARATOR`]), ignoring the spaces inside a field: a whole field, a field's
/// start, the start of a word, or anywhere. `None` when it does not occur.
///
/// Works on bytes: both sides are UTF-8 and the word starts with a lead byte, so a byte
/// match can only begin and end on character boundaries.
pub(super) fn literal_quality(haystack: &str, word: &str) -> Option<MatchQuality> {
    const SEPARATOR: u8 = FIELD_SEPARATOR as u8;
    let hay = haystack.as_bytes();
    let needle = word.as_bytes();
    let first = word.chars().next()?;
    let mut best = None;
    let mut from = 0;
    // `str::find` of a char is a fast memchr; `from` stays on character boundaries.
    while let Some(offset) = haystack.get(from..).and_then(|rest| rest.find(first)) {
        let start = from + offset;
        if let Some(end) = match_from(hay, start, needle) {
            let before = start.checked_sub(1).and_then(|i| hay.get(i));
            let quality = match before {
                None | Some(&SEPARATOR) => match hay.get(end) {
                    None | Some(&SEPARATOR) => return Some(MatchQuality::Exact),
                    Some(_) => MatchQuality::Prefix,
                },
                Some(b' ') => MatchQuality::WordPrefix,
                Some(_) => MatchQuality::Substring,
            };
            best = best.max(Some(quality));
        }
        from = start + first.len_utf8();
    }
    best
}

/// A 128-bit summary of the bytes of `text` (spaces left out): a word can only occur
/// literally in a text whose summary covers the word's. ASCII bytes have a bit each; the
/// bytes of other characters share 32 bits by their low five bits.
pub(super) fn byte_summary(text: &str) -> u128 {
    text.bytes()
        .filter(|&b| b != b' ')
        .fold(0, |summary, b| summary | byte_bit(b))
}

fn byte_bit(b: u8) -> u128 {
    if b < 0x80 {
        1 << (b & 0x5F) // 0..=95; lower-case letters share bits with upper case
    } else {
        1 << (96 + (b & 0x1F))
    }
}

/// A 256-bit set of hashed byte pairs: what a word's pairs must all be in before the text
/// is read. A word that occurs in a text, spaces skipped, has every pair of consecutive
/// bytes of it among the text's, so a set that misses one rules the text out. Records
/// share bits, so a covered set only says "perhaps".
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Pairs([u64; 4]);

impl Pairs {
    /// Adds the pair `a b`.
    pub(super) fn insert(&mut self, a: u8, b: u8) {
        let key = (u32::from(a) << 8) | u32::from(b);
        // Fibonacci hashing: the top eight bits of the product pick one of 256.
        let bit = key.wrapping_mul(0x9E37_79B1) >> 24;
        if let Some(word) = self.0.get_mut((bit >> 6) as usize) {
            *word |= 1 << (bit & 63);
        }
    }

    /// Adds the pairs of consecutive bytes of `text`, spaces skipped.
    pub(super) fn insert_text(&mut self, text: &str) {
        let mut before = None;
        for b in text.bytes().filter(|&b| b != b' ') {
            if let Some(a) = before {
                self.insert(a, b);
            }
            before = Some(b);
        }
    }

    /// Whether every pair of `other` may be in this set.
    pub(super) fn covers(&self, other: &Pairs) -> bool {
        self.0.iter().zip(&other.0).all(|(a, b)| a & b == *b)
    }
}

/// Matches `needle` at `start`, skipping spaces in `hay`; returns the end of the match.
fn match_from(hay: &[u8], start: usize, needle: &[u8]) -> Option<usize> {
    let mut at = start;
    for &b in needle {
        while hay.get(at) == Some(&b' ') {
            at += 1;
        }
        if *hay.get(at)? != b {
            return None;
        }
        at += 1;
    }
    Some(at)
}

/// Longest title, and longest subtitle, kept to show, in bytes; what a record is found by
/// is kept whole.
pub(super) const MAX_SHOWN: usize = 32_000;

/// `text` cut to [`MAX_SHOWN`] bytes, never inside a character.
pub(super) fn cut(text: &str) -> &str {
    let mut end = text.len().min(MAX_SHOWN);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text.get(..end).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use MatchQuality::*;

    fn quality(haystack: &str, query: &str) -> Option<MatchQuality> {
        let words = fold_query_words(query);
        assert_eq!(words.len(), 1, "{query:?} should be one word");
        literal_quality(&fold_haystack(haystack), &words[0])
    }

    #[test]
    fn haystacks_fold_width_case_and_separators() {
        assert_eq!(fold_haystack("  Coca-Cola（中国）  "), "coca cola 中国");
        assert_eq!(fold_haystack("ＢＭＷ　中国·华北"), "bmw 中国 华北");
        assert_eq!(
            fold_haystack("zhang.wei@Coca-Cola.com"),
            "zhang wei coca cola com"
        );
        assert_eq!(
            fold_haystack("二〇二六年 🍜 𠮷野家"),
            "二〇二六年 🍜 𠮷野家"
        );
        assert_eq!(fold_haystack("—…—"), "");
    }

    #[test]
    fn query_words_split_on_any_white_space_and_drop_punctuation() {
        assert_eq!(
            fold_query_words("  Coca-Cola\u{3000}春节\t"),
            vec!["cocacola", "春节"]
        );
        assert_eq!(fold_query_words("２０２６－００４２"), vec!["20260042"]);
        assert!(fold_query_words(" 、 - ").is_empty());
    }

    #[test]
    fn literal_quality_grades_where_the_word_occurs() {
        assert_eq!(quality("可口可乐", "可口可乐"), Some(Exact));
        assert_eq!(quality("可口可乐", "可口"), Some(Prefix));
        assert_eq!(quality("可口可乐", "可乐"), Some(Substring));
        assert_eq!(
            quality("可口可乐（中国）饮料有限公司", "中国"),
            Some(WordPrefix)
        );
        assert_eq!(quality("Coca-Cola", "COCA"), Some(Prefix));
        assert_eq!(quality("Coca-Cola", "cola"), Some(WordPrefix));
        assert_eq!(quality("Coca-Cola", "coca-cola"), Some(Exact));
        assert_eq!(quality("Coca-Cola", "cocacola"), Some(Exact));
        assert_eq!(quality("Coca-Cola", "pepsi"), None);
        assert_eq!(quality("2026-0042", "20260042"), Some(Exact));
        assert_eq!(quality("2026-0042", "0042"), Some(WordPrefix));
        assert_eq!(quality("2026-0042", "42"), Some(Substring));
        assert_eq!(quality("2026-0042", "2026-0043"), None);
    }

    #[test]
    fn byte_summaries_cover_every_text_a_word_occurs_in() {
        let hay = fold_haystack("可口可乐（中国）BMW 2026-0042 🍜");
        let summary = byte_summary(&hay);
        for word in ["可乐", "中国bmw", "20260042", "🍜", "m"] {
            let w = byte_summary(word);
            assert_eq!(w & summary, w, "{word}");
            assert!(literal_quality(&hay, word).is_some(), "{word}");
        }
        let absent = byte_summary("x");
        assert_ne!(absent & summary, absent);
    }

    #[test]
    fn pairs_cover_every_word_that_occurs_and_rule_most_others_out() {
        let hay = fold_haystack("可口可乐（中国）BMW 2026-0042 🍜");
        let mut pairs = Pairs::default();
        pairs.insert_text(&hay);
        let words = ["可乐", "中国bmw", "20260042", "🍜", "m", "国b"];
        for word in words {
            let mut w = Pairs::default();
            w.insert_text(word);
            assert!(pairs.covers(&w), "{word}");
            assert!(literal_quality(&hay, word).is_some(), "{word}");
        }
        let absent = ["pepsi", "百事", "bwm", "xyz"];
        let ruled_out = absent.iter().filter(|word| {
            let mut w = Pairs::default();
            w.insert_text(word);
            !pairs.covers(&w)
        });
        assert!(
            ruled_out.count() >= 3,
            "a set of 256 bits rules most strangers out"
        );
    }

    #[test]
    fn each_field_has_its_own_start_and_end_and_matches_never_span_two() {
        let hay = format!("2027 春节 tvc{FIELD_SEPARATOR}2026 0042");
        assert_eq!(literal_quality(&hay, "20260042"), Some(Exact));
        assert_eq!(literal_quality(&hay, "2026"), Some(Prefix));
        assert_eq!(literal_quality(&hay, "tvc"), Some(WordPrefix));
        assert_eq!(literal_quality(&hay, "tvc2026"), None);
        assert_eq!(literal_quality(&hay, "节"), Some(Substring));
    }

    #[test]
    fn a_later_word_start_beats_an_earlier_substring() {
        // "ola" first occurs inside "cola"..., then at the start of "olay".
        assert_eq!(quality("cola olay", "ola"), Some(WordPrefix));
        assert_eq!(quality("cola", "ola"), Some(Substring));
    }

    #[test]
    fn multibyte_text_never_matches_off_a_character_boundary() {
        // 乐 is E4 B9 90; 丐 is E4 B8 90: a byte-level matcher that started mid-character
        // or compared prefixes of bytes would confuse them.
        assert_eq!(quality("可口可乐", "丐"), None);
        assert_eq!(quality("𠮷野家 🍜", "🍜"), Some(WordPrefix));
        assert_eq!(quality("𠮷野家", "野家"), Some(Substring));
    }
}
