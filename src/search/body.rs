//! Long texts (a meeting's minutes), searched literally through an inverted index of
//! character pairs: a query word of two or more characters is looked up by its pairs, and
//! the records holding all of them are checked for the whole word. A query then reads only
//! the records that can match, however much text there is.
//!
//! Bodies are folded as haystacks are ([`text::fold_haystack`]) and then lose their spaces,
//! so a word matches across the spaces of the text as it does in names. No pinyin: minutes
//! are long, and their pinyin would find too much.

use super::DocRef;
use super::text;
use rustc_hash::FxHashMap;

/// One indexed body.
#[derive(Debug)]
struct Body {
    doc: DocRef,
    /// The folded fields, without spaces, joined by [`text::FIELD_SEPARATOR`].
    text: Box<str>,
}

/// The bodies and the index of their character pairs.
#[derive(Debug, Default)]
pub(super) struct BodyIndex {
    /// By body number; `None` where a body was removed (its number is reused).
    bodies: Vec<Option<Body>>,
    numbers: FxHashMap<DocRef, u32>,
    free: Vec<u32>,
    /// For each pair of characters ([`pair_key`]), the numbers of the bodies holding it.
    pairs: FxHashMap<u64, Postings>,
}

/// The numbers of the bodies holding one pair, ascending, kept as the gaps between them in
/// LEB128 (seven bits a byte): a pair found in most minutes costs about a byte a meeting,
/// not four.
#[derive(Debug, Default)]
struct Postings {
    gaps: Vec<u8>,
    /// The highest number in the list (0 when empty).
    last: u32,
}

impl Postings {
    fn is_empty(&self) -> bool {
        self.gaps.is_empty()
    }

    /// The numbers, ascending.
    fn numbers(&self) -> Vec<u32> {
        let mut out = Vec::new();
        let (mut n, mut at) = (0u32, 0);
        while let Some((gap, end)) = read_gap(&self.gaps, at) {
            n = n.wrapping_add(gap);
            out.push(n);
            at = end;
        }
        out
    }

    /// Where `number` is or would go: the first number at or above it with the bytes of
    /// its gap (none at the end of the list, the bytes then empty at the end), and the
    /// number before it (0 at the start, which the first gap counts from).
    fn locate(&self, number: u32) -> Spot {
        let (mut before, mut at) = (0u32, 0);
        while let Some((gap, end)) = read_gap(&self.gaps, at) {
            let n = before.wrapping_add(gap);
            if n >= number {
                return Spot {
                    bytes: at..end,
                    found: Some(n),
                    before,
                };
            }
            (before, at) = (n, end);
        }
        Spot {
            bytes: at..at,
            found: None,
            before,
        }
    }

    /// Adds `number` (nothing if it is there already). Numbers mostly come in ascending
    /// order and are appended; a reused one, below the highest, splits the gap it falls in
    /// two, the rest of the list moved along but not written again.
    fn insert(&mut self, number: u32) {
        if self.is_empty() || number > self.last {
            let before = if self.is_empty() { 0 } else { self.last };
            push_gap(&mut self.gaps, number - before);
            self.last = number;
            return;
        }
        // At or below the highest number: its place is before some number in the list.
        let spot = self.locate(number);
        if let Some(next) = spot.found
            && next != number
        {
            let (low, high) = (leb128(number - spot.before), leb128(next - number));
            let split = low.as_bytes().iter().chain(high.as_bytes());
            self.gaps.splice(spot.bytes, split.copied());
        }
    }

    /// Takes `number` out (nothing if it is not there): its gap and the next one become one.
    fn remove(&mut self, number: u32) {
        let spot = self.locate(number);
        if spot.found != Some(number) {
            return;
        }
        match read_gap(&self.gaps, spot.bytes.end) {
            Some((gap, end)) => {
                let joined = leb128((number - spot.before).wrapping_add(gap));
                self.gaps
                    .splice(spot.bytes.start..end, joined.as_bytes().iter().copied());
            }
            None => {
                self.gaps.truncate(spot.bytes.start);
                self.last = spot.before;
            }
        }
        if self.gaps.is_empty() {
            self.last = 0;
        }
        // A list that lost most of its meetings gives back its room.
        if self.gaps.capacity() > 64 && self.gaps.capacity() / 4 > self.gaps.len() {
            self.gaps.shrink_to_fit();
        }
    }
}

/// Where a number is or would go in [`Postings`] ([`Postings::locate`]).
struct Spot {
    bytes: std::ops::Range<usize>,
    found: Option<u32>,
    before: u32,
}

/// The gap starting at byte `at` and the byte after it; `None` at the end (or in a gap cut
/// short, which [`push_gap`] never writes).
fn read_gap(bytes: &[u8], at: usize) -> Option<(u32, usize)> {
    let mut gap = 0u32;
    for (i, &b) in bytes.get(at..)?.iter().enumerate() {
        let shift = u32::try_from(i * 7).unwrap_or(u32::MAX);
        gap |= u32::from(b & 0x7f).checked_shl(shift).unwrap_or(0);
        if b & 0x80 == 0 {
            return Some((gap, at + i + 1));
        }
    }
    None
}

/// A gap in LEB128: seven bits a byte, low first, the high bit set on all but the last.
struct Leb128 {
    bytes: [u8; 5],
    len: usize,
}

impl Leb128 {
    fn as_bytes(&self) -> &[u8] {
        self.bytes.get(..self.len).unwrap_or_default()
    }
}

/// `gap` in LEB128 ([`Leb128`]).
fn leb128(mut gap: u32) -> Leb128 {
    let mut out = Leb128 {
        bytes: [0; 5],
        len: 0,
    };
    for byte in &mut out.bytes {
        let low = (gap & 0x7f) as u8;
        gap >>= 7;
        out.len += 1;
        if gap == 0 {
            *byte = low;
            break;
        }
        *byte = low | 0x80;
    }
    out
}

/// Appends `gap` in LEB128 ([`Leb128`]).
fn push_gap(out: &mut Vec<u8>, gap: u32) {
    out.extend_from_slice(leb128(gap).as_bytes());
}

impl BodyIndex {
    /// Sets the body of `doc` to `fields` (blank fields are left out); no fields, no body.
    /// A body replaced keeps its number, and only the pairs it gained or lost are touched:
    /// an edited meeting changes a few of its hundreds of pairs.
    pub(super) fn set(&mut self, doc: DocRef, fields: &[&str]) {
        let folded: Vec<String> = fields
            .iter()
            .map(|f| text::fold_haystack(f).replace(' ', ""))
            .filter(|f| !f.is_empty())
            .collect();
        if folded.is_empty() {
            self.remove(doc);
            return;
        }
        let text = folded.join(&text::FIELD_SEPARATOR.to_string());
        if let Some(&number) = self.numbers.get(&doc)
            && let Some(Some(body)) = self.bodies.get_mut(number as usize)
        {
            if *body.text != *text {
                let (old, new) = (pairs_of(&body.text), pairs_of(&text));
                for pair in only_in(&old, &new) {
                    unlist(&mut self.pairs, pair, number);
                }
                for pair in only_in(&new, &old) {
                    self.pairs.entry(pair).or_default().insert(number);
                }
                body.text = text.into();
            }
            return;
        }
        self.remove(doc);
        let number = match self.free.pop() {
            Some(n) => n,
            None => match u32::try_from(self.bodies.len()) {
                Ok(n) => {
                    self.bodies.push(None);
                    n
                }
                Err(_) => return,
            },
        };
        for pair in pairs_of(&text) {
            // Building the index, numbers only grow: appended. A reused number goes in place.
            self.pairs.entry(pair).or_default().insert(number);
        }
        if let Some(slot) = self.bodies.get_mut(number as usize) {
            *slot = Some(Body {
                doc,
                text: text.into(),
            });
        }
        self.numbers.insert(doc, number);
    }

    /// Forgets the body of `doc`, if it has one.
    pub(super) fn remove(&mut self, doc: DocRef) {
        let Some(number) = self.numbers.remove(&doc) else {
            return;
        };
        let Some(body) = self.bodies.get_mut(number as usize).and_then(Option::take) else {
            return;
        };
        for pair in pairs_of(&body.text) {
            unlist(&mut self.pairs, pair, number);
        }
        self.free.push(number);
    }

    /// The records whose body holds the folded query `word`; `None` for a word of one
    /// character, which bodies are not searched by (it would match most of them).
    pub(super) fn find(&self, word: &str) -> Option<Vec<DocRef>> {
        let wanted = pairs_of(word);
        if wanted.is_empty() {
            return None;
        }
        let mut lists: Vec<&Postings> = Vec::with_capacity(wanted.len());
        for pair in &wanted {
            match self.pairs.get(pair) {
                Some(list) => lists.push(list),
                None => return Some(Vec::new()),
            }
        }
        // The shortest list first: the fewest candidates to carry through the others.
        lists.sort_by_key(|l| l.gaps.len());
        let (first, rest) = lists.split_first()?;
        let mut candidates: Vec<u32> = first.numbers();
        for list in rest {
            if candidates.is_empty() {
                break;
            }
            candidates = intersect(&candidates, &list.numbers());
        }
        // A word of two characters is its one pair; a longer one must also be contiguous.
        let whole = word
            .chars()
            .nth(2)
            .map(|_| memchr::memmem::Finder::new(word.as_bytes()));
        Some(
            candidates
                .into_iter()
                .filter_map(|n| self.bodies.get(n as usize)?.as_ref())
                .filter(|b| {
                    whole
                        .as_ref()
                        .is_none_or(|f| f.find(b.text.as_bytes()).is_some())
                })
                .map(|b| b.doc)
                .collect(),
        )
    }
}

/// The numbers in both ascending lists: a walk through both, or, when `b` is much longer,
/// a search in it for each of `a`'s from where the last one was found.
fn intersect(a: &[u32], b: &[u32]) -> Vec<u32> {
    let mut out = Vec::with_capacity(a.len().min(b.len()));
    if b.len() / 16 > a.len() {
        let mut rest = b;
        for &n in a {
            let at = rest.partition_point(|&x| x < n);
            rest = rest.get(at..).unwrap_or_default();
            if rest.first() == Some(&n) {
                out.push(n);
            }
        }
        return out;
    }
    let (mut i, mut j) = (0, 0);
    while let (Some(&x), Some(&y)) = (a.get(i), b.get(j)) {
        match x.cmp(&y) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                out.push(x);
                i += 1;
                j += 1;
            }
        }
    }
    out
}

/// Takes body `number` out of the list of `pair`, and the list away once empty.
fn unlist(pairs: &mut FxHashMap<u64, Postings>, pair: u64, number: u32) {
    if let Some(list) = pairs.get_mut(&pair) {
        list.remove(number);
        if list.is_empty() {
            pairs.remove(&pair);
        }
    }
}

/// Two neighbouring characters as one key.
fn pair_key(a: char, b: char) -> u64 {
    (u64::from(a) << 32) | u64::from(b)
}

/// The distinct pairs of neighbouring characters in `text` ([`pair_key`]), none across a
/// field separator.
fn pairs_of(text: &str) -> Vec<u64> {
    let mut out: Vec<u64> = text
        .chars()
        .zip(text.chars().skip(1))
        .filter(|&(a, b)| a != text::FIELD_SEPARATOR && b != text::FIELD_SEPARATOR)
        .map(|(a, b)| pair_key(a, b))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// The keys of ascending `a` that ascending `b` lacks.
fn only_in<'a>(a: &'a [u64], b: &'a [u64]) -> impl Iterator<Item = u64> + 'a {
    let mut rest = b;
    a.iter().copied().filter(move |k| {
        let at = rest.partition_point(|x| x < k);
        rest = rest.get(at..).unwrap_or_default();
        rest.first() != Some(k)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::MeetingId;

    fn doc(id: u64) -> DocRef {
        MeetingId(id).into()
    }

    fn found(index: &BodyIndex, word: &str) -> Vec<u64> {
        let mut ids: Vec<u64> = index
            .find(word)
            .unwrap_or_default()
            .into_iter()
            .map(|d| d.id)
            .collect();
        ids.sort_unstable();
        ids
    }

    #[test]
    fn words_are_found_whole_and_across_spaces_but_never_across_fields() {
        let mut index = BodyIndex::default();
        index.set(doc(1), &["客户希望春节前上线", "Launch the KV by Friday"]);
        index.set(doc(2), &["春节", "前上线"]);
        index.set(doc(3), &["节前促销"]);
        assert_eq!(found(&index, "春节"), [1, 2]);
        assert_eq!(
            found(&index, "春节前"),
            [1],
            "2 has it only across two fields"
        );
        assert_eq!(found(&index, "节前"), [1, 3]);
        assert_eq!(
            found(&index, "thekv"),
            [1],
            "spaces in the text are skipped"
        );
        assert_eq!(found(&index, "kvby"), [1]);
        assert_eq!(
            found(&index, "前节"),
            Vec::<u64>::new(),
            "pairs present, word absent"
        );
        assert!(index.find("春").is_none(), "one character is not searched");
    }

    #[test]
    fn intersections_agree_with_a_plain_filter() {
        let long: Vec<u32> = (0..2000).filter(|n| n % 3 != 0).collect();
        for short in [
            vec![],
            vec![0, 1, 2, 3, 1999],
            (0..100).collect(),
            long.clone(),
        ] {
            let want: Vec<u32> = short.iter().copied().filter(|n| long.contains(n)).collect();
            assert_eq!(intersect(&short, &long), want);
            assert_eq!(intersect(&long, &short), want);
        }
    }

    #[test]
    fn replacing_and_removing_bodies_leaves_no_trace() {
        let mut index = BodyIndex::default();
        index.set(doc(1), &["预算确认"]);
        index.set(doc(2), &["预算调整"]);
        index.set(doc(1), &["排期确认"]);
        assert_eq!(found(&index, "预算"), [2]);
        assert_eq!(found(&index, "排期"), [1]);
        index.remove(doc(2));
        assert_eq!(found(&index, "预算"), Vec::<u64>::new());
        index.set(doc(3), &["预算"]);
        assert_eq!(found(&index, "预算"), [3], "a freed number is reused");
        index.set(doc(1), &["  ", ""]);
        assert_eq!(
            found(&index, "排期"),
            Vec::<u64>::new(),
            "blank text, no body"
        );
        assert!(index.pairs.keys().all(|p| *p == pair_key('预', '算')));
        // A reused number lands in the middle of a list, which stays ordered.
        index.set(doc(4), &["预算复核"]);
        index.set(doc(5), &["预算复核"]);
        index.remove(doc(4));
        index.set(doc(6), &["预算复核"]);
        assert_eq!(found(&index, "预算复核"), [5, 6]);
        assert_eq!(
            index.numbers.get(&doc(6)),
            Some(&0),
            "6 took 4's number, below 5's"
        );
        assert!(
            index
                .pairs
                .values()
                .all(|l| l.numbers().windows(2).all(|w| w[0] < w[1]))
        );
    }

    #[test]
    fn postings_agree_with_a_set_through_inserts_and_removals_anywhere() {
        let (mut list, mut set) = (Postings::default(), std::collections::BTreeSet::new());
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        for step in 0..4000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            // Small numbers collide often; now and then one that takes several bytes.
            let n = if step % 97 == 0 {
                (x >> 8) as u32
            } else {
                (x % 600) as u32
            };
            if x.is_multiple_of(3) {
                list.remove(n);
                set.remove(&n);
            } else {
                list.insert(n);
                set.insert(n);
            }
            assert_eq!(list.last, set.last().copied().unwrap_or(0), "step {step}");
        }
        assert_eq!(list.numbers(), set.into_iter().collect::<Vec<_>>());
    }

    #[test]
    fn an_edited_body_keeps_its_number_and_the_pairs_it_kept() {
        let mut index = BodyIndex::default();
        index.set(doc(1), &["预算确认"]);
        index.set(doc(2), &["预算调整"]);
        index.set(doc(1), &["预算复核"]);
        assert_eq!(index.numbers.get(&doc(1)), Some(&0), "not a new number");
        assert!(index.free.is_empty());
        assert_eq!(found(&index, "预算"), [1, 2]);
        assert_eq!(found(&index, "复核"), [1]);
        assert_eq!(found(&index, "确认"), Vec::<u64>::new());
        assert!(!index.pairs.contains_key(&pair_key('确', '认')));
        index.set(doc(1), &["预算复核"]);
        assert_eq!(
            found(&index, "算复"),
            [1],
            "the same text again changes nothing"
        );
    }

    #[test]
    fn postings_keep_any_numbers_in_order_through_their_gaps() {
        let mut list = Postings::default();
        let numbers = [0, 1, 127, 128, 300, 16_384, 2_000_000, u32::MAX];
        for n in numbers {
            list.insert(n);
        }
        assert_eq!(list.numbers(), numbers);
        list.insert(5);
        list.insert(5);
        list.remove(128);
        list.remove(129);
        assert_eq!(
            list.numbers(),
            [0, 1, 5, 127, 300, 16_384, 2_000_000, u32::MAX]
        );
        for n in [0, 1, 5, 127, 300, 16_384, 2_000_000, u32::MAX] {
            list.remove(n);
        }
        assert!(list.is_empty());
        list.insert(7);
        assert_eq!(list.numbers(), [7], "an emptied list starts again");
    }
}
