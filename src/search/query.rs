//! Answering a query: every word must match a record's own text, its client's names or
//! its attendees; hits rank by how well, then by kind, title and id.

use super::*;
use std::cmp::Reverse;
use std::ops::Range;

impl SearchIndex {
    /// The best `limit` records for `query`, best first: by [`MatchQuality`], then kind
    /// ([`DocKind`] order), then title, then id. An empty or blank query finds nothing.
    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit> {
        self.search_kind(query, limit, None)
    }

    /// As [`SearchIndex::search`], among the records of `kind` only (`None`: every kind), so
    /// that records of other kinds never use up the `limit`.
    pub fn search_kind(&self, query: &str, limit: usize, kind: Option<DocKind>) -> Vec<Hit> {
        let scope = SearchScope {
            kind,
            ..SearchScope::default()
        };
        self.search_within(query, limit, scope)
    }

    /// As [`SearchIndex::search`], among the records `scope` lets through, so that the
    /// others never use up the `limit`.
    pub fn search_within(&self, query: &str, limit: usize, scope: SearchScope) -> Vec<Hit> {
        // The client's records are those it owns, and the client itself.
        let owner = scope.client.map(|c| self.owner_slots.get(&c).copied());
        let year = scope.year.map(|y| u16::try_from(y).unwrap_or(0));
        let letting = groups::Letting::new(scope.brand, scope.job);
        let wanted = |e: &Entry| {
            letting
                .as_ref()
                .is_none_or(|l| l.lets(e.of, &self.job_brands))
                && scope.kind.is_none_or(|k| e.kind == k)
                && year.is_none_or(|y| y != 0 && e.year == y)
                && owner.is_none_or(|o| {
                    (o.is_some() && e.owner() == o)
                        || scope.client.is_some_and(|c| e.doc() == DocRef::from(c))
                })
        };
        if limit == 0 {
            return Vec::new();
        }
        let query: String = query.chars().take(MAX_QUERY_CHARS).collect();
        let words: Vec<Word> = text::fold_query_words(&query)
            .into_iter()
            .map(Word::new)
            .collect();
        if words.is_empty() {
            return Vec::new();
        }
        // How well each word matches each attendee name, compared once for all meetings;
        // `None` for a word that matches no one, so meetings need not look at their people.
        let people_matches: Vec<Option<Vec<Option<MatchQuality>>>> = words
            .iter()
            .map(|w| {
                let by_person: Vec<Option<MatchQuality>> = self
                    .people
                    .iter()
                    .map(|p| {
                        p.as_ref()
                            .and_then(|(h, sieve)| h.quality(sieve, &self.phonetics, w))
                    })
                    .collect();
                by_person.iter().any(Option::is_some).then_some(by_person)
            })
            .collect();
        // Which client names each word matches; only used by queries of several words.
        let owner_matches: Vec<Vec<bool>> = if words.len() > 1 {
            words
                .iter()
                .map(|w| {
                    self.owners
                        .iter()
                        .map(|o| {
                            o.haystack.as_ref().is_some_and(|(h, sieve)| {
                                h.quality(sieve, &self.phonetics, w).is_some()
                            })
                        })
                        .collect()
                })
                .collect()
        } else {
            Vec::new()
        };
        let matches = Matches {
            words: &words,
            people: &people_matches,
            owners: &owner_matches,
        };
        // First by names alone. A match in the long text ranks below every name match, so
        // the long texts are only read when the names leave room in the `limit`. A record
        // matches only if a word matches it itself or someone at it, so the sieves rule
        // out most records before their texts are read.
        let someone = people_matches.iter().any(Option::is_some);
        let scan = |places: Range<usize>| {
            let mut found: Vec<Ranked> = Vec::new();
            for i in places {
                let (Some(sieve), Some(&attended)) = (self.sieves.get(i), self.attended.get(i))
                else {
                    continue;
                };
                let may_match = (someone && attended) || words.iter().any(|w| sieve.admits(w));
                if !may_match {
                    continue;
                }
                if let Some(e) = self.entries.get(i).filter(|e| wanted(e))
                    && let Some(q) = self.entry_quality(i, e, &matches, &[])
                {
                    found.push(Ranked::new(q, e, i));
                }
            }
            found
        };
        let mut found = in_parts(self.sieves.len(), &scan);
        if found.len() < limit {
            let in_bodies = self.body_matches(&matches, &found);
            found.extend(in_bodies.into_iter().filter_map(|(q, i)| {
                let e = self.entries.get(i).filter(|e| wanted(e))?;
                Some(Ranked::new(q, e, i))
            }));
        }
        // By quality and kind alone first: only the hits tied with the last that fits are
        // then ranked by title, so the titles of the others are never read (a common word
        // matches tens of thousands of records, each title a wait on memory).
        if found.len() > limit {
            let class = |r: &Ranked| (Reverse(r.quality), r.kind);
            found.select_nth_unstable_by_key(limit - 1, class);
            if let Some(edge) = found.get(limit - 1).map(class) {
                found.retain(|r| class(r) <= edge);
            }
        }
        // Each left with its title's first 16 bytes, in order as the titles are.
        let heads = in_parts(found.len(), &|places: Range<usize>| {
            let part = found.get(places).unwrap_or_default();
            part.iter()
                .map(|r| self.entries.get(r.slot as usize).map_or([0; 16], head_of))
                .collect::<Vec<[u8; 16]>>()
        });
        let mut found: Vec<([u8; 16], Ranked)> = heads.into_iter().zip(found).collect();
        // Bytes first: a title is read again only when two hits of a kind and quality open
        // with the same 16 bytes.
        let rank = |(head_a, a): &([u8; 16], Ranked), (head_b, b): &([u8; 16], Ranked)| {
            b.quality
                .cmp(&a.quality)
                .then_with(|| a.kind.cmp(&b.kind))
                .then_with(|| head_a.cmp(head_b))
                .then_with(|| {
                    let (x, y) = (a.slot as usize, b.slot as usize);
                    match (self.entries.get(x), self.entries.get(y)) {
                        (Some(x), Some(y)) => {
                            x.title().cmp(y.title()).then_with(|| x.id.cmp(&y.id))
                        }
                        _ => x.cmp(&y),
                    }
                })
        };
        if found.len() > limit {
            found.select_nth_unstable_by(limit - 1, rank);
            found.truncate(limit);
        }
        found.sort_unstable_by(rank);
        found
            .into_iter()
            .filter_map(|(_, r)| Some(self.hit(self.entries.get(r.slot as usize)?, r.quality)))
            .collect()
    }

    /// The records not in `found` that match every word with their long text taking part,
    /// all of quality [`MatchQuality::Body`].
    fn body_matches(&self, matches: &Matches, found: &[Ranked]) -> Vec<(MatchQuality, usize)> {
        // For each word, which entries' long text holds it (by slot), from the pair index.
        let mut candidates: Vec<bool> = vec![false; self.entries.len()];
        let in_bodies: Vec<Option<Vec<bool>>> = matches
            .words
            .iter()
            .map(|w| {
                let docs = self.bodies.find(w.text())?;
                let mut slots = vec![false; self.entries.len()];
                for doc in docs {
                    if let Some(s) = self.slots.get(doc)
                        && let (Some(slot), Some(c)) = (slots.get_mut(s), candidates.get_mut(s))
                    {
                        *slot = true;
                        *c = true;
                    }
                }
                Some(slots)
            })
            .collect();
        for r in found {
            if let Some(c) = candidates.get_mut(r.slot as usize) {
                *c = false;
            }
        }
        candidates
            .iter()
            .enumerate()
            .filter(|&(_, &c)| c)
            .filter_map(|(i, _)| {
                let e = self.entries.get(i)?;
                let q = self.entry_quality(i, e, matches, &in_bodies)?;
                Some((q, i))
            })
            .collect()
    }

    /// The quality of a record for all words, or `None` if a word matches neither the
    /// record nor its client, or no word matches the record itself.
    fn entry_quality(
        &self,
        slot: usize,
        e: &Entry,
        matches: &Matches,
        in_bodies: &[Option<Vec<bool>>],
    ) -> Option<MatchQuality> {
        let mut weakest: Option<MatchQuality> = None;
        for (w, word) in matches.words.iter().enumerate() {
            let own = self
                .sieves
                .get(slot)
                .filter(|_| e.searchable)
                .and_then(|sieve| {
                    haystack::quality(|| e.found_by(), &e.spelling, sieve, &self.phonetics, word)
                });
            let person = match matches.people.get(w) {
                Some(Some(people)) if self.attended.get(slot) == Some(&true) => self
                    .attendees
                    .get(&e.doc())
                    .into_iter()
                    .flat_map(|at| at.iter())
                    .filter_map(|&p| people.get(p as usize).copied().flatten())
                    .max(),
                _ => None,
            };
            let best = own.max(person).or_else(|| {
                let in_body = *in_bodies.get(w)?.as_ref()?.get(slot)?;
                in_body.then_some(MatchQuality::Body)
            });
            match best {
                Some(q) => weakest = Some(weakest.map_or(q, |old| old.min(q))),
                None => {
                    let owner_matched = e.owner().is_some_and(|o| {
                        matches
                            .owners
                            .get(w)
                            .and_then(|m| m.get(o as usize))
                            .copied()
                            .unwrap_or(false)
                    });
                    if !owner_matched {
                        return None;
                    }
                }
            }
        }
        weakest
    }

    fn hit(&self, e: &Entry, quality: MatchQuality) -> Hit {
        let owner = e
            .owner()
            .and_then(|o| self.owners.get(o as usize))
            .map_or("", |o| &o.name);
        let detail = e.detail();
        let subtitle = match (detail.is_empty(), owner.is_empty()) {
            (false, false) => format!("{detail} · {owner}"),
            (false, true) => detail.to_string(),
            (true, _) => owner.to_string(),
        };
        Hit {
            doc: e.doc(),
            title: e.title().to_string(),
            subtitle,
            quality,
        }
    }
}

/// From how many records a scan is shared among the processor's cores.
const SHARED_FROM: usize = 20_000;

/// At most how many threads share a scan.
const MOST_THREADS: usize = 4;

/// Runs `scan` over the places `0..len`, split among up to [`MOST_THREADS`] threads when
/// there are [`SHARED_FROM`] or more (a decade's 300,000 records take a core tens of
/// milliseconds when many match), and returns what the parts found, in the order of the
/// places. A part whose thread cannot be started or fails is scanned here.
fn in_parts<T: Send>(len: usize, scan: &(impl Fn(Range<usize>) -> Vec<T> + Sync)) -> Vec<T> {
    // Asked once: on Linux the answer reads the control groups' files.
    static CORES: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    let cores = *CORES.get_or_init(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let threads = match len >= SHARED_FROM {
        true => cores.clamp(1, MOST_THREADS),
        false => 1,
    };
    let part = len.div_ceil(threads.max(1)).max(1);
    let parts: Vec<Range<usize>> = (0..len)
        .step_by(part)
        .map(|start| start..(start + part).min(len))
        .collect();
    let Some((first, rest)) = parts.split_first() else {
        return Vec::new();
    };
    std::thread::scope(|s| {
        let started: Vec<_> = rest
            .iter()
            .map(|places| {
                let spawned = std::thread::Builder::new()
                    .name("search-scan".into())
                    .spawn_scoped(s, {
                        let places = places.clone();
                        move || scan(places)
                    });
                (places.clone(), spawned)
            })
            .collect();
        let mut found = scan(first.clone());
        for (places, spawned) in started {
            match spawned.map(|t| t.join()) {
                Ok(Ok(mut part)) => found.append(&mut part),
                _ => found.extend(scan(places)),
            }
        }
        found
    })
}

/// A hit as the scan finds it: what ranks it first, read while its record is at hand, in
/// 8 bytes (a common word has tens of thousands of hits).
#[derive(Debug, Clone, Copy)]
struct Ranked {
    quality: MatchQuality,
    kind: DocKind,
    /// The record's place; `u32::MAX` (no record) past four billion.
    slot: u32,
}

impl Ranked {
    fn new(quality: MatchQuality, e: &Entry, slot: usize) -> Ranked {
        Ranked {
            quality,
            kind: e.kind,
            slot: u32::try_from(slot).unwrap_or(u32::MAX),
        }
    }
}

/// The first 16 bytes of `e`'s title, zeros after a shorter one: ordered as the titles
/// are, up to their 16th byte.
fn head_of(e: &Entry) -> [u8; 16] {
    let mut head = [0u8; 16];
    for (to, from) in head.iter_mut().zip(e.title().as_bytes()) {
        *to = *from;
    }
    head
}

/// What the hits of a query are narrowed to; the default lets every record through.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct SearchScope {
    /// Records of this kind only.
    pub kind: Option<DocKind>,
    /// Records of this client (and the client itself) only.
    pub client: Option<ClientId>,
    /// Records of this year only: jobs by their number's year, documents by their date,
    /// meetings by their day, creative works by their first run. Records without a year
    /// (clients, contacts, library items) are left out.
    pub year: Option<i32>,
    /// Records of this brand only: the brand, its jobs and what is of them (documents,
    /// works, meetings, library items), and what is filed with the brand itself.
    pub brand: Option<crate::domain::BrandId>,
    /// Records of this job only: the job, its documents and works, and the meetings first
    /// held for it.
    pub job: Option<crate::domain::JobId>,
}

/// What the words of one query match besides each record's own text, worked out once per
/// query: attendee names (by word, then person) and client names (by word, then owner;
/// empty for a one-word query).
struct Matches<'a> {
    words: &'a [Word],
    people: &'a [Option<Vec<Option<MatchQuality>>>],
    owners: &'a [Vec<bool>],
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_scan_in_parts_finds_what_one_scan_finds_in_the_same_order() {
        let sevens = |places: Range<usize>| places.filter(|i| i % 7 == 0).collect::<Vec<_>>();
        for len in [0, 1, 7, SHARED_FROM - 1, SHARED_FROM, 3 * SHARED_FROM + 5] {
            assert_eq!(in_parts(len, &sevens), sevens(0..len), "{len} places");
        }
    }
}
