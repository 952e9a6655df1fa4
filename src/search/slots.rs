//! Where each record is in the index: a map from the record to its place, kept small
//! because it holds every record (a decade's 290,000). A record's kind and id are packed
//! into one `u64` and its place into a `u32`, 16 bytes an entry where a `DocRef` and a
//! `usize` take 24; the rare id or place too large to pack is kept apart.

use super::DocRef;
use rustc_hash::FxHashMap;
use std::collections::HashMap;

/// The place of each indexed record ([`super::SearchIndex`]'s `entries`).
#[derive(Debug, Default)]
pub(super) struct Slots {
    packed: FxHashMap<u64, u32>,
    /// Records whose id does not fit beside its kind, or whose place is beyond `u32`.
    rest: HashMap<DocRef, usize>,
}

/// Bits of a packed key holding the id; the kind is above them.
const ID_BITS: u32 = 60;

/// `doc` as one number, if its id fits below its kind.
fn pack(doc: DocRef) -> Option<u64> {
    (doc.id >> ID_BITS == 0).then_some(((doc.kind as u64) << ID_BITS) | doc.id)
}

impl Slots {
    /// Makes room for `additional` more records at once.
    pub(super) fn reserve(&mut self, additional: usize) {
        self.packed.reserve(additional);
    }

    /// The place of `doc`, if it is indexed.
    pub(super) fn get(&self, doc: DocRef) -> Option<usize> {
        match pack(doc).and_then(|key| self.packed.get(&key)) {
            Some(&place) => Some(place as usize),
            None => self.rest.get(&doc).copied(),
        }
    }

    /// Sets the place of `doc`.
    pub(super) fn insert(&mut self, doc: DocRef, place: usize) {
        // A record is in one map only: a place that moves between them leaves the other.
        match (pack(doc), u32::try_from(place)) {
            (Some(key), Ok(place)) => {
                self.packed.insert(key, place);
                if !self.rest.is_empty() {
                    self.rest.remove(&doc);
                }
            }
            (key, _) => {
                if let Some(key) = key {
                    self.packed.remove(&key);
                }
                self.rest.insert(doc, place);
            }
        }
    }

    /// Forgets `doc`, returning the place it had.
    pub(super) fn remove(&mut self, doc: DocRef) -> Option<usize> {
        match pack(doc).and_then(|key| self.packed.remove(&key)) {
            Some(place) => Some(place as usize),
            None => self.rest.remove(&doc),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::DocKind;

    #[test]
    fn records_of_every_kind_and_any_id_keep_their_places_apart() {
        let mut slots = Slots::default();
        let docs = [
            DocRef {
                kind: DocKind::Job,
                id: 7,
            },
            DocRef {
                kind: DocKind::Document,
                id: 7,
            },
            DocRef {
                kind: DocKind::Document,
                id: u64::MAX,
            },
            DocRef {
                kind: DocKind::CreativeWork,
                id: 1 << ID_BITS,
            },
        ];
        for (place, &doc) in docs.iter().enumerate() {
            slots.insert(doc, place);
        }
        let big = DocRef {
            kind: DocKind::Client,
            id: 1,
        };
        slots.insert(big, usize::MAX);
        for (place, &doc) in docs.iter().enumerate() {
            assert_eq!(slots.get(doc), Some(place), "{doc:?}");
        }
        assert_eq!(slots.get(big), Some(usize::MAX), "a place beyond u32");
        assert_eq!(
            slots.rest.len(),
            3,
            "two ids and one place too large to pack"
        );
        // Moving a record between the two maps leaves no stale place behind.
        slots.insert(big, 3);
        assert_eq!(slots.get(big), Some(3));
        assert_eq!(slots.rest.len(), 2);
        assert_eq!(slots.remove(docs[2]), Some(2));
        assert_eq!(slots.remove(docs[2]), None);
        assert_eq!(slots.get(docs[2]), None);
        assert_eq!(slots.remove(docs[0]), Some(0));
        assert_eq!(slots.get(docs[0]), None);
        assert_eq!(slots.get(docs[1]), Some(1), "same id, another kind");
    }
}
