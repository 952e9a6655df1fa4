//! Pinyin matching: `kkkl`, `kekou`, `kekoukl` and `keko` all find 可口可乐.
//!
//! At upsert every Chinese character of a field becomes a *unit*: the set of toneless
//! readings a person may type for it, all readings of a 多音字 included (行 → xing, hang,
//! heng). A Latin letter or digit is a unit whose one reading is itself, so "BMW 中国"
//! spells `b m w zhong guo`. A query matches when it splits into non-empty prefixes of the
//! readings of consecutive units: one letter per unit is the initials (`bmwzg`), whole
//! readings are full pinyin (`bmwzhongguo`), and anything in between also matches.
//!
//! A 多音字 is found by every reading, but not equally: the first reading of the pinyin data
//! is the common one (育 yu, before the rare zhou), and a match that needs a rare reading
//! ranks below one through common readings only (`cjy` finds 晟教育 better than `cjzh`).
//! A query that spells a whole field (`bm` for 宝马) ranks above one that spells its start.
//!
//! Units are interned: a record stores one `u16` per character and the readings live once
//! in [`Phonetics`].

use super::MatchQuality;
use super::readings;
use pinyin::ToPinyinMulti;
use std::collections::HashMap;

/// The unit id that separates two fields in a [`Spelling`]; never given to a character.
const FIELD_BREAK: u16 = u16::MAX;

/// The longest query word tried as pinyin, in bytes (one bit per position in a `u64`).
const MAX_PINYIN_QUERY: usize = 63;

/// The readings of one unit.
#[derive(Debug)]
struct Unit {
    /// Toneless readings in ASCII lower case; `ü` is spelled both `v` and `u`. The common
    /// reading's spellings come first.
    readings: Box<[Box<[u8]>]>,
    /// How many of `readings` spell the common (first) reading: 1, or 2 for a `ü`.
    common: u8,
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
    /// Union of the units' first letters: a query must start with one of them. (Which
    /// letters may follow which is the record's sieve's to say, before the spelling is
    /// read: see [`Phonetics::openings`].)
    first: u64,
}

/// A query word that can be tried as pinyin: ASCII letters and digits only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct PinyinWord {
    bytes: Box<[u8]>,
    first: u64,
    /// Its first two letters as a [`pair_bit`] (0 for a word of one letter).
    opening: u128,
    /// Every pair of neighbouring letters in it, as [`pair_bit`]s.
    links: u128,
}

/// The bit of the letter pair `a b` in a 128-bit set of hashed pairs.
fn pair_bit(a: u8, b: u8) -> u128 {
    let key = (u32::from(a) << 8) | u32::from(b);
    1 << (key.wrapping_mul(0x9E37_79B1) >> 25)
}

/// The ASCII letter or digit of a [`letter_bit`] position.
fn bit_letter(position: u32) -> u8 {
    match u8::try_from(position) {
        Ok(p @ 0..26) => b'a' + p,
        Ok(p @ 26..36) => b'0' + (p - 26),
        _ => 0,
    }
}

/// The positions of the set bits of `bits`, lowest first.
fn positions(mut bits: u64) -> impl Iterator<Item = u32> {
    std::iter::from_fn(move || {
        let p = (bits != 0).then(|| bits.trailing_zeros())?;
        bits &= bits - 1;
        Some(p)
    })
}

impl PinyinWord {
    /// The word as pinyin, if it is at most 63 ASCII letters or digits (already lower
    /// case) with at least one letter: digits alone are found literally.
    pub(super) fn new(word: &str) -> Option<PinyinWord> {
        let bytes = word.as_bytes();
        if bytes.len() > MAX_PINYIN_QUERY || !bytes.iter().any(u8::is_ascii_lowercase) {
            return None;
        }
        for &b in bytes {
            letter_bit(b)?;
        }
        let opening = match bytes {
            [a, b, ..] => pair_bit(*a, *b),
            _ => 0,
        };
        let links = bytes
            .windows(2)
            .filter_map(|w| Some(pair_bit(*w.first()?, *w.get(1)?)))
            .fold(0, |all, bit| all | bit);
        Some(PinyinWord {
            bytes: bytes.into(),
            first: letter_bit(*bytes.first()?)?,
            opening,
            links,
        })
    }

    /// Whether the word may match a spelling whose [`Phonetics::openings`] are
    /// `(openings, links)`: its first two letters may open a match there, and each pair of
    /// its neighbouring letters may follow one another in it.
    pub(super) fn may_open(&self, (openings, links): (u128, u128)) -> bool {
        openings & self.opening == self.opening && links & self.links == self.links
    }

    /// Whether the word could start in a spelling with these first letters (the union
    /// kept by [`Spelling`]); rules out, without walking them, spellings a word of one
    /// letter cannot match, which no sieve can tell.
    fn may_match(&self, first: u64) -> bool {
        first & self.first != 0
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
    /// How many readings are common, then the readings joined with `,` → unit id.
    unit_ids: HashMap<Box<str>, u16>,
    /// Character → what is known of it, worked out on first sight.
    by_char: HashMap<char, Known>,
    /// (character, reading made common where it stands) → unit id: 行 in 银行.
    in_context: HashMap<(char, &'static str), Option<u16>>,
}

/// What is known of one character.
#[derive(Debug, Clone, Copy)]
struct Known {
    /// Its unit; `None` for a character without a reading.
    unit: Option<u16>,
    /// Whether its common reading may depend on the word around it (see [`readings`]).
    contextual: bool,
}

impl Phonetics {
    /// Spells the already folded fields of one record, with a separator between fields.
    /// Fields without any Chinese character are left out: their letters and digits are
    /// matched literally already. `person`: the first field is a person's name, whose
    /// first character reads as a family name (曾 zeng).
    pub(super) fn spell(&mut self, fields: &[String], person: bool) -> Spelling {
        let mut units = Vec::new();
        let mut first = 0;
        let mut chars: Vec<char> = Vec::new();
        for (f, field) in fields.iter().enumerate() {
            chars.clear();
            chars.extend(field.chars());
            if !chars
                .iter()
                .any(|&c| !c.is_ascii() && self.known(c).unit.is_some())
            {
                continue;
            }
            if !units.is_empty() {
                units.push(FIELD_BREAK);
            }
            for (i, &c) in chars.iter().enumerate() {
                let known = self.known(c);
                let Some(mut id) = known.unit else { continue };
                if known.contextual
                    && let Some(reading) = readings::in_context(&chars, i, person && f == 0)
                {
                    id = self.unit_reading(c, reading).unwrap_or(id);
                }
                if let Some(unit) = self.units.get(usize::from(id)) {
                    first |= unit.first;
                }
                units.push(id);
            }
        }
        Spelling {
            units: units.into(),
            first,
        }
    }

    /// The letter pairs a pinyin match in `spelling` may open with, and the pairs of
    /// neighbouring letters it may hold anywhere, as [`pair_bit`]s. A match starts on a
    /// unit, so its first two letters are the start of one of that unit's readings, or the
    /// first letters of that unit and the next. Further on, two neighbouring letters are
    /// neighbours in one reading, or any letter of a unit's readings (where its prefix
    /// ends) and the first letter of the next unit's.
    pub(super) fn openings(&self, spelling: &Spelling) -> (u128, u128) {
        let (mut openings, mut links) = (0, 0);
        let (mut first_before, mut letters_before): (u64, u64) = (0, 0);
        for &id in &spelling.units[..] {
            let Some(unit) = self.units.get(usize::from(id)) else {
                (first_before, letters_before) = (0, 0); // a field break
                continue;
            };
            for reading in &unit.readings[..] {
                if let [a, b, ..] = reading[..] {
                    openings |= pair_bit(a, b);
                }
                for w in reading.windows(2) {
                    if let [a, b] = *w {
                        links |= pair_bit(a, b);
                    }
                }
            }
            for b in positions(unit.first) {
                for a in positions(first_before) {
                    openings |= pair_bit(bit_letter(a), bit_letter(b));
                }
                for a in positions(letters_before) {
                    links |= pair_bit(bit_letter(a), bit_letter(b));
                }
            }
            (first_before, letters_before) = (unit.first, unit.letters);
        }
        (openings, links)
    }

    /// What is known of one character, its unit interned on first sight.
    fn known(&mut self, c: char) -> Known {
        if let Some(&known) = self.by_char.get(&c) {
            return known;
        }
        let known = Known {
            unit: self.unit_of(c),
            contextual: !c.is_ascii() && readings::is_contextual(c),
        };
        self.by_char.insert(c, known);
        known
    }

    /// The unit of `c` with `reading` as its common reading (its others still accepted).
    /// `None` if `c` has no such reading.
    fn unit_reading(&mut self, c: char, reading: &'static str) -> Option<u16> {
        if let Some(&known) = self.in_context.get(&(c, reading)) {
            return known;
        }
        let (mut all, _) = readings_of(c);
        let id = all
            .iter()
            .position(|r| **r == *reading.as_bytes())
            .and_then(|at| {
                let preferred = all.remove(at);
                all.insert(0, preferred);
                self.intern(all, 1)
            });
        self.in_context.insert((c, reading), id);
        id
    }

    /// The unit of one character with the pinyin data's order of readings.
    fn unit_of(&mut self, c: char) -> Option<u16> {
        let (readings, common) = readings_of(c);
        if readings.is_empty() {
            None
        } else {
            self.intern(readings, common)
        }
    }

    fn intern(&mut self, readings: Vec<Box<[u8]>>, common: u8) -> Option<u16> {
        let spelled: Vec<&str> = readings
            .iter()
            .map(|r| std::str::from_utf8(r).unwrap_or_default())
            .collect();
        let key: Box<str> = format!("{common}:{}", spelled.join(",")).into();
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
            common,
            first,
            letters,
        });
        self.unit_ids.insert(key, id);
        Some(id)
    }

    /// How well `word` matches `spelling` as pinyin, the best over its fields: spelling a
    /// whole field, its start, or from any unit; each through common readings or only
    /// with a rare reading of a 多音字.
    pub(super) fn quality(&self, spelling: &Spelling, word: &PinyinWord) -> Option<MatchQuality> {
        if !word.may_match(spelling.first) {
            return None;
        }
        let q = &word.bytes[..];
        let done = 1u64 << q.len();
        // `anchored` began at the start of the current field; `anywhere` may begin at any
        // unit, so it always keeps position 0. A field break starts both afresh.
        let mut anchored = Reach::START;
        let mut anywhere = Reach::START;
        let mut best: Option<MatchQuality> = None;
        let units = &spelling.units[..];
        for (k, &id) in units.iter().enumerate() {
            if id == FIELD_BREAK {
                (anchored, anywhere) = (Reach::START, Reach::START);
                continue;
            }
            let unit = self.units.get(usize::from(id))?;
            if anchored.any != 0 {
                // Kept going after the query is used up: another split of it may end on
                // the field's last unit and spell the whole field.
                anchored = step(anchored, unit, q);
                if anchored.any & done != 0 {
                    let whole = units.get(k + 1).is_none_or(|&next| next == FIELD_BREAK);
                    let quality = match (whole, anchored.common & done != 0) {
                        (true, true) => return Some(MatchQuality::PinyinWhole),
                        (true, false) => MatchQuality::PinyinWholeRare,
                        (false, true) => MatchQuality::PinyinPrefix,
                        (false, false) => MatchQuality::PinyinPrefixRare,
                    };
                    best = best.max(Some(quality));
                }
            }
            // A match inside a field can still improve on what was found.
            if best < Some(MatchQuality::PinyinSubstring) {
                let next = step(anywhere, unit, q);
                if next.any & done != 0 {
                    let quality = if next.common & done != 0 {
                        MatchQuality::PinyinSubstring
                    } else {
                        MatchQuality::PinyinSubstringRare
                    };
                    best = best.max(Some(quality));
                }
                anywhere = Reach {
                    common: next.common | 1,
                    any: next.any | 1,
                };
            }
        }
        best
    }
}

/// The query positions reached so far, as bits (bit j: the first j bytes are matched):
/// through common readings only, and through any reading. `common` is within `any`.
#[derive(Debug, Clone, Copy)]
struct Reach {
    common: u64,
    any: u64,
}

impl Reach {
    /// Nothing of the query matched yet.
    const START: Reach = Reach { common: 1, any: 1 };
}

/// Advances the matched positions over one unit: from position j the unit may consume any
/// non-empty prefix of one of its readings; only its common readings carry `common` on.
fn step(from: Reach, unit: &Unit, q: &[u8]) -> Reach {
    let mut next = Reach { common: 0, any: 0 };
    let mut positions = from.any;
    while positions != 0 {
        let j = positions.trailing_zeros() as usize;
        positions &= positions - 1;
        let Some(rest) = q.get(j..) else { continue };
        let Some(&b) = rest.first() else { continue };
        if letter_bit(b).is_none_or(|bit| unit.first & bit == 0) {
            continue;
        }
        let from_common = from.common & (1u64 << j) != 0;
        for (r, reading) in unit.readings.iter().enumerate() {
            let common = rest
                .iter()
                .zip(reading.iter())
                .take_while(|(a, b)| a == b)
                .count();
            // j + common <= q.len() <= 63, so every shift stays inside the u64.
            let reached = ((1u64 << common) - 1) << (j + 1);
            next.any |= reached;
            if from_common && r < usize::from(unit.common) {
                next.common |= reached;
            }
        }
    }
    next
}

/// The toneless readings of a character, with how many of them (from the front) spell its
/// common reading: itself for an ASCII letter or digit, its pinyin readings for a Chinese
/// character (the data's first reading is the common one), none otherwise.
pub(super) fn readings_of(c: char) -> (Vec<Box<[u8]>>, u8) {
    if c.is_ascii_alphanumeric() {
        return (vec![Box::from([c.to_ascii_lowercase() as u8])], 1);
    }
    let Some(multi) = c.to_pinyin_multi() else {
        return (Vec::new(), 0);
    };
    let mut readings: Vec<Box<[u8]>> = Vec::new();
    let mut common = 0;
    for (i, pinyin) in multi.into_iter().enumerate() {
        let plain = pinyin.plain();
        // 绿 is lü: input methods type lv, people also type lu.
        for r in [ascii_reading(plain, b'v'), ascii_reading(plain, b'u')] {
            if !r.is_empty() && !readings.iter().any(|known| **known == r[..]) {
                readings.push(r.into());
            }
        }
        if i == 0 {
            common = u8::try_from(readings.len()).unwrap_or(u8::MAX);
        }
    }
    (readings, common)
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
mod tests;
