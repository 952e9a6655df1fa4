//! What one record (or one client name) is searched by, folded once at upsert, and the
//! folded query word it is compared with.

use super::MatchQuality;
use super::phonetic::{Phonetics, PinyinWord, Spelling};
use super::text;

/// The searchable texts of one record: folded fields joined by
/// [`text::FIELD_SEPARATOR`], their pinyin, and a byte summary that rules most records out
/// of a query without reading the text. One allocation for the text and one for the pinyin,
/// whatever the number of fields, keeps a scan over 40,000 records cache-friendly.
#[derive(Debug, Clone)]
pub(super) struct Haystack {
    text: Box<str>,
    spelling: Spelling,
    summary: u128,
}

impl Haystack {
    /// Folds `fields`; blank and repeated fields are left out. `None` when nothing is left.
    /// `person`: the first field is a person's name (its family name is read as one).
    pub(super) fn new(
        phonetics: &mut Phonetics,
        fields: &[&str],
        person: bool,
    ) -> Option<Haystack> {
        let mut folded: Vec<String> = Vec::with_capacity(fields.len());
        let mut name_first = false;
        for (i, raw) in fields.iter().enumerate() {
            let field = text::fold_haystack(raw);
            if !field.is_empty() && !folded.contains(&field) {
                name_first |= person && i == 0;
                folded.push(field);
            }
        }
        if folded.is_empty() {
            return None;
        }
        let spelling = phonetics.spell(&folded, name_first);
        let text = folded.join(&text::FIELD_SEPARATOR.to_string());
        Some(Haystack {
            summary: text::byte_summary(&text),
            text: text.into(),
            spelling,
        })
    }

    /// How well `word` matches the best field, literally or as pinyin. Pinyin is only tried
    /// when the literal match, if any, ranks below a whole name spelled in pinyin.
    pub(super) fn quality(&self, phonetics: &Phonetics, word: &Word) -> Option<MatchQuality> {
        let literal = if word.summary & self.summary == word.summary {
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
            .and_then(|w| phonetics.quality(&self.spelling, w));
        literal.max(pinyin)
    }
}

/// A folded query word with what the matchers need precomputed.
#[derive(Debug)]
pub(super) struct Word {
    text: String,
    summary: u128,
    pinyin: Option<PinyinWord>,
}

impl Word {
    /// Prepares a word from [`text::fold_query_words`].
    pub(super) fn new(text: String) -> Word {
        Word {
            summary: text::byte_summary(&text),
            pinyin: PinyinWord::new(&text),
            text,
        }
    }

    /// The folded word.
    pub(super) fn text(&self) -> &str {
        &self.text
    }
}
