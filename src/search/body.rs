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
        let (mut n, mut gap, mut shift) = (0u32, 0u32, 0u32);
        for &b in &self.gaps {
            gap |= u32::from(b & 0x7f).checked_shl(shift).unwrap_or(0);
            shift += 7;
            if b & 0x80 == 0 {
                n = n.wrapping_add(gap);
                out.push(n);
                (gap, shift) = (0, 0);
            }
        }
        out
    }

    /// Adds `number` (nothing if it is there already).
    fn insert(&mut self, number: u32) {
        if self.is_empty() || number > self.last {
            let gap = if self.is_empty() {
                number
            } else {
                number - self.last
            };
            self.append(gap);
            self.last = number;
            return;
        }
        // A reused number, below the highest: the list is written again with it in place.
        let mut numbers = self.numbers();
        if let Err(at) = numbers.binary_search(&number) {
            numbers.insert(at, number);
            self.rewrite(&numbers);
        }
    }

    /// Takes `number` out (nothing if it is not there).
    fn remove(&mut self, number: u32) {
        let mut numbers = self.numbers();
        if let Ok(at) = numbers.binary_search(&number) {
            numbers.remove(at);
            self.rewrite(&numbers);
        }
    }

    fn rewrite(&mut self, numbers: &[u32]) {
        self.gaps.clear();
        let mut before = 0;
        for (i, &n) in numbers.iter().enumerate() {
            self.append(if i == 0 { n } else { n - before });
            before = n;
        }
        self.last = before;
        self.gaps.shrink_to_fit();
    }

    fn append(&mut self, mut gap: u32) {
        loop {
            let low = (gap & 0x7f) as u8;
            gap >>= 7;
            if gap == 0 {
                self.gaps.push(low);
                return;
            }
            self.gaps.push(low | 0x80);
        }
    }
}

impl BodyIndex {
    /// Sets the body of `doc` to `fields` (blank fields are left out); no fields, no body.
    pub(super) fn set(&mut self, doc: DocRef, fields: &[&str]) {
        self.remove(doc);
        let folded: Vec<String> = fields
            .iter()
            .map(|f| text::fold_haystack(f).replace(' ', ""))
            .filter(|f| !f.is_empty())
            .collect();
        if folded.is_empty() {
            return;
        }
        let text = folded.join(&text::FIELD_SEPARATOR.to_string());
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
            if let Some(list) = self.pairs.get_mut(&pair) {
                list.remove(number);
                if list.is_empty() {
                    self.pairs.remove(&pair);
                }
            }
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
