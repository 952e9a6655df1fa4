//! Pinyin matching: `kkkl`, `kekou`, `kekoukl` and `keko` all find 可口可乐.
//!
//! At upsert every Chinese character of a field becomes a *unit*: the set of toneless
//! readings a person may type for it, all readings of a 多音字 included (行 → xing, hang,
//! heng). A Latin letter or digit is a unit whose one reading is itself, so "BMW 中国"
//! spells `b m w zhong guo`. A query matches when it splits into non-empty prefixes of the
//! readings of consecutive units: one letter per unit is the initials (`bmwzg`), whole
//! readings are full pinyin (`bmwzhongguo`), and anything in between also matches.
//!
//! Units are interned: a record stores one `u16` per character and the readings live once
//! in [`Phonetics`].

use super::MatchQuality;
use pinyin::ToPinyinMulti;
use std::collections::HashMap;

/// The unit id that separates two fields in a [`Spelling`]; never given to a character.
const FIELD_BREAK: u16 = u16::MAX;

/// The longest query word tried as pinyin, in bytes (one bit per position in a `u64`).
const MAX_PINYIN_QUERY: usize = 63;

/// The readings of one unit.
#[derive(Debug)]
struct Unit {
    /// Toneless readings in ASCII lower case; `ü` is spelled both `v` and `u`.
    readings: Box<[Box<[u8]>]>,
    /// Letters that start a reading, as [`letter_bit`]s.
    first: u64,
    /// Letters anywhere in a reading.
    letters: u64,
}

/// A record's pinyin: one interned unit per character that has a reading, fields separated
/// by [`FIELD_BREAK`].
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(super) struct Spelling {
    units: Box<[u16]>,
    /// Union of the units' first letters: a query must start with one of them.
    first: u64,
    /// Union of the units' letters: a query may use no other.
    letters: u64,
}

/// A query word that can be tried as pinyin: ASCII letters and digits only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct PinyinWord {
    bytes: Box<[u8]>,
    first: u64,
    letters: u64,
}

impl PinyinWord {
    /// The word as pinyin, if it is at most 63 ASCII letters or digits (already lower
    /// case) with at least one letter: digits alone are found literally.
    pub(super) fn new(word: &str) -> Option<PinyinWord> {
        let bytes = word.as_bytes();
        if bytes.len() > MAX_PINYIN_QUERY || !bytes.iter().any(u8::is_ascii_lowercase) {
            return None;
        }
        let mut letters = 0;
        for &b in bytes {
            letters |= letter_bit(b)?;
        }
        Some(PinyinWord {
            bytes: bytes.into(),
            first: letter_bit(*bytes.first()?)?,
            letters,
        })
    }

    /// Whether the word could match a spelling with these first letters and letters (the
    /// unions kept by [`Spelling`]); rules most spellings out without walking them.
    fn may_match(&self, first: u64, letters: u64) -> bool {
        first & self.first != 0 && letters & self.letters == self.letters
    }
}

/// The bit of an ASCII lower-case letter or digit; `None` for anything else.
fn letter_bit(b: u8) -> Option<u64> {
    match b {
        b'a'..=b'z' => Some(1 << (b - b'a')),
        b'0'..=b'9' => Some(1 << (26 + b - b'0')),
        _ => None,
    }
}

/// The interned units of one index.
#[derive(Debug, Default)]
pub(super) struct Phonetics {
    units: Vec<Unit>,
    /// Readings joined with `,` → unit id.
    unit_ids: HashMap<Box<str>, u16>,
    /// Character → unit id, or `None` for characters without a reading.
    by_char: HashMap<char, Option<u16>>,
}

impl Phonetics {
    /// Spells the already folded fields of one record, with a separator between fields.
    /// Fields without any Chinese character are left out: their letters and digits are
    /// matched literally already.
    pub(super) fn spell(&mut self, fields: &[String]) -> Spelling {
        let mut units = Vec::new();
        let (mut first, mut letters) = (0, 0);
        for field in fields {
            if !field
                .chars()
                .any(|c| !c.is_ascii() && self.unit_of(c).is_some())
            {
                continue;
            }
            if !units.is_empty() {
                units.push(FIELD_BREAK);
            }
            for c in field.chars() {
                if let Some(id) = self.unit_of(c) {
                    if let Some(unit) = self.units.get(usize::from(id)) {
                        first |= unit.first;
                        letters |= unit.letters;
                    }
                    units.push(id);
                }
            }
        }
        Spelling {
            units: units.into(),
            first,
            letters,
        }
    }

    /// The unit of one character, interning it on first sight.
    fn unit_of(&mut self, c: char) -> Option<u16> {
        if let Some(known) = self.by_char.get(&c) {
            return *known;
        }
        let readings = readings_of(c);
        let id = if readings.is_empty() {
            None
        } else {
            self.intern(readings)
        };
        self.by_char.insert(c, id);
        id
    }

    fn intern(&mut self, readings: Vec<Box<[u8]>>) -> Option<u16> {
        let key: Vec<&str> = readings
            .iter()
            .map(|r| std::str::from_utf8(r).unwrap_or_default())
            .collect();
        let key: Box<str> = key.join(",").into();
        if let Some(&id) = self.unit_ids.get(&key) {
            return Some(id);
        }
        // Never refused in practice (the pinyin data has about 41,000 characters).
        let id = u16::try_from(self.units.len())
            .ok()
            .filter(|&id| id != FIELD_BREAK)?;
        let (mut first, mut letters) = (0, 0);
        for reading in &readings {
            first |= reading.first().and_then(|&b| letter_bit(b)).unwrap_or(0);
            letters |= reading
                .iter()
                .filter_map(|&b| letter_bit(b))
                .fold(0, |a, b| a | b);
        }
        self.units.push(Unit {
            readings: readings.into(),
            first,
            letters,
        });
        self.unit_ids.insert(key, id);
        Some(id)
    }

    /// How well `word` matches `spelling` as pinyin: from the first unit, or from any unit.
    pub(super) fn quality(&self, spelling: &Spelling, word: &PinyinWord) -> Option<MatchQuality> {
        if !word.may_match(spelling.first, spelling.letters) {
            return None;
        }
        let q = &word.bytes[..];
        let done = 1u64 << q.len();
        // Bit j set: the first j bytes of the query are matched so far. `anchored` began at
        // the start of the current field; `anywhere` may begin at any unit, so it always
        // keeps bit 0. A field break starts both afresh.
        let mut anchored = 1u64;
        let mut anywhere = 1u64;
        let mut found_anywhere = false;
        for &id in spelling.units.iter() {
            if id == FIELD_BREAK {
                (anchored, anywhere) = (1, 1);
                continue;
            }
            let unit = self.units.get(usize::from(id))?;
            if anchored != 0 {
                anchored = step(anchored, unit, q);
                if anchored & done != 0 {
                    return Some(MatchQuality::PinyinPrefix);
                }
            }
            if !found_anywhere {
                let next = step(anywhere, unit, q);
                found_anywhere = next & done != 0;
                anywhere = next | 1;
            }
        }
        found_anywhere.then_some(MatchQuality::PinyinSubstring)
    }
}

/// Advances the matched positions `matched` over one unit: from position j the unit may
/// consume any non-empty prefix of one of its readings.
fn step(matched: u64, unit: &Unit, q: &[u8]) -> u64 {
    let mut next = 0;
    let mut positions = matched;
    while positions != 0 {
        let j = positions.trailing_zeros() as usize;
        positions &= positions - 1;
        let Some(rest) = q.get(j..) else { continue };
        let Some(&b) = rest.first() else { continue };
        if letter_bit(b).is_none_or(|bit| unit.first & bit == 0) {
            continue;
        }
        for reading in unit.readings.iter() {
            let common = rest
                .iter()
                .zip(reading.iter())
                .take_while(|(a, b)| a == b)
                .count();
            // j + common <= q.len() <= 63, so every shift stays inside the u64.
            next |= ((1u64 << common) - 1) << (j + 1);
        }
    }
    next
}

/// The toneless readings of a character: itself for an ASCII letter or digit, its pinyin
/// readings for a Chinese character, none otherwise.
fn readings_of(c: char) -> Vec<Box<[u8]>> {
    if c.is_ascii_alphanumeric() {
        return vec![Box::from([c.to_ascii_lowercase() as u8])];
    }
    let Some(multi) = c.to_pinyin_multi() else {
        return Vec::new();
    };
    let mut readings: Vec<Box<[u8]>> = Vec::new();
    let mut add = |r: Vec<u8>| {
        if !r.is_empty() && !readings.iter().any(|known| **known == r[..]) {
            readings.push(r.into());
        }
    };
    for pinyin in multi {
        let plain = pinyin.plain();
        // 绿 is lü: input methods type lv, people also type lu.
        add(ascii_reading(plain, b'v'));
        add(ascii_reading(plain, b'u'));
    }
    readings
}

/// A toneless reading in ASCII: `ü` becomes `u_umlaut`, `ê` becomes `e`, anything else
/// outside a–z is dropped.
fn ascii_reading(plain: &str, u_umlaut: u8) -> Vec<u8> {
    plain
        .chars()
        .filter_map(|c| match c {
            'a'..='z' => Some(c as u8),
            'A'..='Z' => Some(c.to_ascii_lowercase() as u8),
            'ü' => Some(u_umlaut),
            'ê' => Some(b'e'),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::text::fold_haystack;
    use MatchQuality::*;

    fn quality(name: &str, query: &str) -> Option<MatchQuality> {
        let mut phonetics = Phonetics::default();
        let spelling = phonetics.spell(&[fold_haystack(name)]);
        let word = PinyinWord::new(query)?;
        phonetics.quality(&spelling, &word)
    }

    #[test]
    fn initials_full_pinyin_and_mixtures_match() {
        for query in [
            "kkkl",
            "kekoukele",
            "kekou",
            "kekoukl",
            "kekkl",
            "keko",
            "kkk",
            "k",
        ] {
            assert_eq!(quality("可口可乐", query), Some(PinyinPrefix), "{query}");
        }
        for query in ["kl", "kele", "kkl", "koukele", "l"] {
            assert_eq!(quality("可口可乐", query), Some(PinyinSubstring), "{query}");
        }
        for query in ["kekl", "kkkll", "kekouu", "klkk", "x", "kekoukelez"] {
            assert_eq!(quality("可口可乐", query), None, "{query}");
        }
    }

    #[test]
    fn latin_letters_and_digits_spell_themselves_and_punctuation_is_skipped() {
        assert_eq!(quality("BMW 中国", "bmwzg"), Some(PinyinPrefix));
        assert_eq!(quality("BMW 中国", "bmwzhongguo"), Some(PinyinPrefix));
        assert_eq!(quality("BMW 中国", "wzg"), Some(PinyinSubstring));
        assert_eq!(quality("2027 春节 TVC", "2027cj"), Some(PinyinPrefix));
        assert_eq!(quality("2027 春节 TVC", "cjtvc"), Some(PinyinSubstring));
        assert_eq!(
            quality("可口可乐（中国）饮料有限公司", "kkklzgylyxgs"),
            Some(PinyinPrefix)
        );
    }

    #[test]
    fn every_reading_of_a_heteronym_is_accepted() {
        for query in ["yh", "yx", "yinhang", "yinxing"] {
            assert_eq!(quality("银行", query), Some(PinyinPrefix), "{query}");
        }
        for query in ["cq", "zq", "chongqing", "zhongqing"] {
            assert_eq!(quality("重庆", query), Some(PinyinPrefix), "{query}");
        }
        assert_eq!(quality("绿箭", "lvjian"), Some(PinyinPrefix));
        assert_eq!(quality("绿箭", "lujian"), Some(PinyinPrefix));
    }

    #[test]
    fn fields_without_chinese_get_no_spelling() {
        let mut phonetics = Phonetics::default();
        let spell = |p: &mut Phonetics, text: &str| p.spell(&[text.to_string()]);
        assert_eq!(spell(&mut phonetics, "coca cola"), Spelling::default());
        assert_eq!(spell(&mut phonetics, "🍜 😀"), Spelling::default());
        // Characters without a reading are skipped, not a reason to panic.
        assert_eq!(spell(&mut phonetics, "🍜 拉面 𠮷").units.len(), 2);
        assert_eq!(quality("🍜拉面", "lm"), Some(PinyinPrefix));
    }

    #[test]
    fn each_field_is_spelled_on_its_own() {
        let mut phonetics = Phonetics::default();
        let fields = [
            "可口".to_string(),
            "coca cola".to_string(),
            "可乐".to_string(),
        ];
        let spelling = phonetics.spell(&fields);
        let quality = |q: &str| phonetics.quality(&spelling, &PinyinWord::new(q)?);
        assert_eq!(quality("kk"), Some(PinyinPrefix));
        assert_eq!(quality("kl"), Some(PinyinPrefix));
        assert_eq!(quality("kele"), Some(PinyinPrefix));
        assert_eq!(quality("k"), Some(PinyinPrefix));
        assert_eq!(quality("kou"), Some(PinyinSubstring));
        // No match across a field break, and the Latin-only field gets no units.
        assert_eq!(quality("kkkl"), None);
        assert_eq!(quality("kouk"), None);
        assert_eq!(quality("coca"), None);
    }

    #[test]
    fn only_short_ascii_words_are_tried_as_pinyin() {
        assert!(PinyinWord::new("kkkl").is_some());
        assert!(PinyinWord::new("2026cj").is_some());
        assert!(PinyinWord::new("2026").is_none());
        assert!(PinyinWord::new("可乐").is_none());
        assert!(PinyinWord::new("").is_none());
        assert!(PinyinWord::new(&"k".repeat(63)).is_some());
        assert!(PinyinWord::new(&"k".repeat(64)).is_none());
        // The longest word still fits the position bits.
        let name = "可".repeat(63);
        assert_eq!(quality(&name, &"k".repeat(63)), Some(PinyinPrefix));
        assert_eq!(quality(&name, &"ke".repeat(31)), Some(PinyinPrefix));
    }

    #[test]
    fn units_are_interned_once_per_reading_set() {
        let mut phonetics = Phonetics::default();
        let a = phonetics.spell(&["可口可乐".to_string()]);
        let b = phonetics.spell(&["可乐".to_string()]);
        assert_eq!(a.units[0], a.units[2]);
        assert_eq!(a.units[3], b.units[1]);
        assert_eq!(phonetics.units.len(), 3);
    }
}
