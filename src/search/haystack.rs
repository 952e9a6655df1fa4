//! What one record (or one client name) is searched by, folded once at upsert, and the
//! folded query word it is compared with.

use super::MatchQuality;
use super::phonetic::{Phonetics, PinyinWord, Spelling};
use super::text::{self, Pairs};

/// The searchable texts of one record: folded fields joined by
/// [`text::FIELD_SEPARATOR`], their pinyin, and a byte summary that rules most records out
/// of a query without reading the text. One allocation for the text and one for the pinyin,
/// whatever the number of fields, keeps a scan over 40,000 records cache-friendly.
#[derive(Debug, Clone)]
pub(super) struct Haystack {
    text: Box<str>,
    spelling: Spelling,
    summary: u128,
    /// The byte pairs of `text`: a literal match needs every pair of the word among them.
    pairs: Pairs,
    /// The letter pairs a pinyin match may open with ([`Phonetics::openings`]).
    openings: u128,
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
    ) -> Option<Haystack> {
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
        Some(Haystack {
            summary: text::byte_summary(&text),
            openings: phonetics.openings(&spelling),
            text: text.into(),
            spelling,
            pairs,
        })
    }

    /// How well `word` matches the best field, literally or as pinyin. Pinyin is only tried
    /// when the literal match, if any, ranks below a whole name spelled in pinyin.
    pub(super) fn quality(&self, phonetics: &Phonetics, word: &Word) -> Option<MatchQuality> {
        let literal =
            if word.summary & self.summary == word.summary && self.pairs.covers(&word.pairs) {
                text::literal_quality(&self.text, &word.text)
            } else {
                None
            };
        if literal > Some(MatchQuality::PinyinWhole) {
            return literal;
        }
        let pinyin = word
            .pinyin
            .as_ref()
            .filter(|w| w.may_open(self.openings))
            .and_then(|w| phonetics.quality(&self.spelling, w));
        literal.max(pinyin)
    }
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
