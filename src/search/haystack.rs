//! What one record (or one client name) is searched by, folded once at upsert, and the
//! folded query word it is compared with.

use super::MatchQuality;
use super::phonetic::{Phonetics, PinyinWord, Spelling};
use super::text::{self, Pairs};

/// The searchable texts of one record: folded fields joined by
/// [`text::FIELD_SEPARATOR`] and their pinyin. One allocation for the text and one for the
/// pinyin, whatever the number of fields. What rules the record out of a query without
/// reading them is its [`Sieve`], kept apart.
#[derive(Debug, Clone)]
pub(super) struct Haystack {
    text: Box<str>,
    spelling: Spelling,
}

/// The bits that rule most records out of a query word without reading their text: 80
/// bytes a record, which the index keeps in one dense array beside the records, so a scan
/// reads 16 MB for 200,000 records rather than every record.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Sieve {
    summary: u128,
    /// The byte pairs of the text: a literal match needs every pair of the word among them.
    pairs: Pairs,
    /// The letter pairs a pinyin match may open with, and those it may hold
    /// ([`Phonetics::openings`]).
    openings: (u128, u128),
}

impl Sieve {
    /// Whether `word` may match literally.
    fn literal(&self, word: &Word) -> bool {
        word.summary & self.summary == word.summary && self.pairs.covers(&word.pairs)
    }

    /// Whether `word` may match the record at all, literally or as pinyin.
    pub(super) fn admits(&self, word: &Word) -> bool {
        self.literal(word)
            || word
                .pinyin
                .as_ref()
                .is_some_and(|w| w.may_open(self.openings))
    }
}

impl Haystack {
    /// Folds `fields`, found literally and as pinyin, and `literal`, found literally only;
    /// blank and repeated fields are left out. `None` when nothing is left. `person`: the
    /// first field is a person's name (its family name is read as one).
    pub(super) fn new(
        phonetics: &mut Phonetics,
        fields: &[&str],
        literal: &[&str],
        person: bool,
    ) -> Option<(Haystack, Sieve)> {
        let mut folded: Vec<String> = Vec::with_capacity(fields.len() + literal.len());
        let mut name_first = false;
        let mut spelled = 0;
        for (i, raw) in fields.iter().chain(literal).enumerate() {
            let field = text::fold_haystack(raw);
            if !field.is_empty() && !folded.contains(&field) {
                name_first |= person && i == 0;
                folded.push(field);
                if i < fields.len() {
                    spelled = folded.len();
                }
            }
        }
        if folded.is_empty() {
            return None;
        }
        let spelling = phonetics.spell(folded.get(..spelled).unwrap_or(&[]), name_first);
        let text = folded.join(&text::FIELD_SEPARATOR.to_string());
        let mut pairs = Pairs::default();
        for field in &folded {
            pairs.insert_text(field);
        }
        let sieve = Sieve {
            summary: text::byte_summary(&text),
            openings: phonetics.openings(&spelling),
            pairs,
        };
        Some((
            Haystack {
                text: text.into(),
                spelling,
            },
            sieve,
        ))
    }

    /// How well `word` matches the best field, literally or as pinyin; `sieve` is the
    /// haystack's own. Pinyin is only tried when the literal match, if any, ranks below a
    /// whole name spelled in pinyin.
    pub(super) fn quality(
        &self,
        sieve: &Sieve,
        phonetics: &Phonetics,
        word: &Word,
    ) -> Option<MatchQuality> {
        quality(|| &self.text, &self.spelling, sieve, phonetics, word)
    }

    /// Its folded text and its pinyin, for a record that keeps them with its other texts.
    pub(super) fn into_parts(self) -> (Box<str>, Spelling) {
        (self.text, self.spelling)
    }
}

/// How well `word` matches the haystack of folded `text`, `spelling` and `sieve` (see
/// [`Haystack::quality`]). The text is asked for only when the sieve lets a literal match
/// through: a record kept apart is not read for a word matched as pinyin alone.
pub(super) fn quality<'a>(
    text: impl FnOnce() -> &'a str,
    spelling: &Spelling,
    sieve: &Sieve,
    phonetics: &Phonetics,
    word: &Word,
) -> Option<MatchQuality> {
    let literal = if sieve.literal(word) {
        text::literal_quality(text(), &word.text)
    } else {
        None
    };
    if literal > Some(MatchQuality::PinyinWhole) {
        return literal;
    }
    let pinyin = word
        .pinyin
        .as_ref()
        .filter(|w| w.may_open(sieve.openings))
        .and_then(|w| phonetics.quality(spelling, w));
    literal.max(pinyin)
}

/// A folded query word with what the matchers need precomputed.
#[derive(Debug)]
pub(super) struct Word {
    text: String,
    summary: u128,
    pairs: Pairs,
    pinyin: Option<PinyinWord>,
}

impl Word {
    /// Prepares a word from [`text::fold_query_words`].
    pub(super) fn new(text: String) -> Word {
        let mut pairs = Pairs::default();
        pairs.insert_text(&text);
        Word {
            summary: text::byte_summary(&text),
            pairs,
            pinyin: PinyinWord::new(&text),
            text,
        }
    }

    /// The folded word.
    pub(super) fn text(&self) -> &str {
        &self.text
    }
}
