//! The global search (Ctrl+K): one in-memory index over clients, brands, jobs, contacts,
//! contracts and meetings. Pure: no I/O, depends only on [`crate::domain`].
//!
//! Everything a query is compared with is folded once at upsert (see [`SearchIndex`]), so a
//! query is a linear scan over compact haystacks with no allocation per document.
//!
//! A query is split on white space and every word must match (AND). A word matches a field
//! literally (case-insensitive, full-width folded, punctuation ignored: `2026-0042`,
//! `20260042` and `0042` all find job `2026-0042`) or as pinyin (`kkkl`, `kekou` and `kekoukl`
//! find 可口可乐; every reading of a 多音字 is accepted, so 银行 is both `yh` and `yx`, but a
//! match through the common reading ranks above one that needs a rare reading). Pinyin that
//! spells a whole name (`bm` for the client 宝马) ranks with the literal matches of a name's
//! start, above a word found inside a contact's email or a contract number.
//!
//! Limitations: no fuzzy or typo-tolerant matching; pinyin is tried only for words of ASCII
//! letters and digits up to 63 long; accented Latin letters (é) match literally only; sort
//! order among equals is by code point, not by pinyin.

mod archive;
mod body;
mod groups;
mod haystack;
mod phonetic;
mod query;
mod readings;
mod slots;
mod text;

use crate::domain::{Brand, Client, ClientId, Contact, Contract, Job};
use chrono::Datelike as _;
use haystack::{Haystack, Sieve, Word};
use phonetic::{Phonetics, Spelling};
use std::collections::HashMap;

pub use query::SearchScope;

/// What kind of record a hit is; the interface names it in the user's language. The order
/// of the variants is the order of kinds among equally good hits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DocKind {
    /// A client (客户).
    Client,
    /// A brand (品牌).
    Brand,
    /// A job (工作).
    Job,
    /// A contact at a client (联络人).
    Contact,
    /// A contract (合约).
    Contract,
    /// A meeting or call and its minutes (会议记录).
    Meeting,
    /// A document of a job file or archive (文件).
    Document,
    /// A physical item on the library's shelves (图书室物品).
    LibraryItem,
    /// A creative work of a client's ad archive (广告作品).
    CreativeWork,
}

/// Which record a hit opens: its kind and the raw value of its typed id. Built from a typed
/// id, e.g. `DocRef::from(JobId(7))`, so kind and id always agree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DocRef {
    /// The kind of record, which says what `id` identifies.
    pub kind: DocKind,
    /// The record's id (`ClientId.0`, `JobId.0`, ...).
    pub id: u64,
}

macro_rules! doc_ref_from {
    ($($id:ident => $kind:ident),* $(,)?) => {$(
        impl From<crate::domain::$id> for DocRef {
            fn from(id: crate::domain::$id) -> Self {
                DocRef { kind: DocKind::$kind, id: id.0 }
            }
        }
    )*};
}

doc_ref_from!(
    ClientId => Client,
    BrandId => Brand,
    JobId => Job,
    ContactId => Contact,
    ContractId => Contract,
    MeetingId => Meeting,
    DocumentId => Document,
    LibraryItemId => LibraryItem,
    CreativeWorkId => CreativeWork,
);

/// How well a hit matched, best last: hits are ranked by this first. For a query of several
/// words it is the weakest match among the words that matched the record itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MatchQuality {
    /// The text occurs in a record's long text (a meeting's minutes), not in its name.
    Body,
    /// The pinyin occurs inside the name, but only through a rare reading of a 多音字
    /// (`jzh` in 东晟教育, with 育 read zhou).
    PinyinSubstringRare,
    /// The pinyin occurs inside the name (`kl` in 可口可乐).
    PinyinSubstring,
    /// The name's pinyin starts with the query, but only through a rare reading of a 多音字
    /// (`cqp` for 重庆啤酒: 重 is zhong first, chong second).
    PinyinPrefixRare,
    /// The name's pinyin starts with the query (`kkk`, `kekou` for 可口可乐).
    PinyinPrefix,
    /// The text occurs inside the name (`可乐` in 可口可乐).
    Substring,
    /// A word of the name starts with the text (`cola` in Coca-Cola, `0042` in `2026-0042`).
    WordPrefix,
    /// The query spells the whole name in pinyin, but only through a rare reading of a
    /// 多音字 (`cq` for 重庆).
    PinyinWholeRare,
    /// The query spells the whole name in pinyin: its initials (`bm` for 宝马, `kkkl` for
    /// 可口可乐), full pinyin (`baoma`) or a mixture. As good as typing the name, so it
    /// ranks above any partial literal match (`bm` in a contact's `@bmw.com` address).
    PinyinWhole,
    /// The name starts with the text (`coca` in Coca-Cola).
    Prefix,
    /// The whole name (`可口可乐`, `20260042` for `2026-0042`).
    Exact,
}

/// One search result, ready to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// The record to open.
    pub doc: DocRef,
    /// The record's name: client short name, brand, job title, person, contract scope.
    pub title: String,
    /// Where it belongs, without the kind (the interface adds that): e.g. a job's number
    /// and client `2026-0042 · 可口可乐`, a contact's title and client, a client's full name.
    pub subtitle: String,
    /// How well it matched.
    pub quality: MatchQuality,
}

/// One record in the index; what rules it out of a query is its [`Sieve`], at the same
/// place in `SearchIndex::sieves`. 64 bytes: a query reads the entry of every record its
/// sieve lets through, tens of thousands for a common word, each a wait on memory.
#[derive(Debug)]
struct Entry {
    /// The record's id; with `kind`, its [`DocRef`] (kept apart: a `DocRef`'s padding
    /// would make the entry 72 bytes).
    id: u64,
    kind: DocKind,
    /// The title, the first part of the subtitle (job number, contact title, client full
    /// name...) and the folded text the record is found by ([`Haystack`]): one allocation
    /// for the three, a few hundred thousand fewer for a decade.
    texts: Box<str>,
    /// Where the title ends in `texts`, and where the subtitle's part ends (each cut to
    /// [`text::MAX_SHOWN`] bytes, so the two fit).
    ends: [u16; 2],
    /// The job or brand it is of ([`groups::of`]), for narrowing to one of them.
    of: u32,
    /// The client the record belongs to, as an index into `owners`; [`NO_OWNER`] for none.
    owner: u32,
    /// The pinyin of what the record is found by.
    spelling: Spelling,
    /// The year it is of (a job's number, a document's date, a meeting's day, a work's
    /// first run), for narrowing by year; 0 when it has none.
    year: u16,
    /// Whether it is found by anything: `false` when all its texts are blank.
    searchable: bool,
}

// Every record has an entry: a decade's 290,000 of them.
const _: () = assert!(std::mem::size_of::<Entry>() <= 64);

/// The `owner` of an entry that belongs to no client.
const NO_OWNER: u32 = u32::MAX;

impl Entry {
    fn doc(&self) -> DocRef {
        DocRef {
            kind: self.kind,
            id: self.id,
        }
    }

    /// The client it belongs to, as an index into `owners`.
    fn owner(&self) -> Option<u32> {
        (self.owner != NO_OWNER).then_some(self.owner)
    }

    fn part(&self, from: usize, to: usize) -> &str {
        self.texts.get(from..to).unwrap_or_default()
    }

    fn title(&self) -> &str {
        self.part(0, self.ends[0] as usize)
    }

    fn detail(&self) -> &str {
        self.part(self.ends[0] as usize, self.ends[1] as usize)
    }

    /// The folded text it is found by.
    fn found_by(&self) -> &str {
        self.part(self.ends[1] as usize, self.texts.len())
    }
}

/// A client as the context of its brands, jobs, contacts and contracts: its display name
/// completes their subtitles, and its names let `可口可乐 春节` find the client's Chinese
/// New Year job.
#[derive(Debug)]
struct Owner {
    name: Box<str>,
    haystack: Option<(Haystack, Sieve)>,
    /// Set when the name came from the client record itself; names passed along with a job
    /// or brand never override it, so a stale name cannot undo a rename.
    from_client: bool,
}

/// Longest query looked at, in characters; the rest of a pasted paragraph is ignored.
const MAX_QUERY_CHARS: usize = 200;

/// The global search index. Build it once from the store, keep it up to date with the
/// `upsert_*` and [`SearchIndex::remove`] calls after every change, query it on each key.
///
/// Searched fields: clients by short and full name; brands by name; jobs by title and
/// number; contacts by name, email and phone; contracts by scope and number; meetings by
/// subject and attendees, and by their minutes' text (literally, words of two characters
/// or more, ranked below every name match). A record that
/// belongs to a client also matches the client's name, but only together with another
/// word that matches the record itself (`可口可乐` alone lists the client, not its jobs).
#[derive(Debug, Default)]
pub struct SearchIndex {
    entries: Vec<Entry>,
    /// Each entry's sieve, at the entry's place: the part of the index every query reads.
    sieves: Vec<Sieve>,
    /// Whether the entry at each place has people (a meeting's attendees): the entries a
    /// word that matches someone's name must look at, whatever their sieve says.
    attended: Vec<bool>,
    /// The people each meeting is also found by, as indexes into `people`. A scan reads
    /// them only for a word that matches someone.
    attendees: HashMap<DocRef, Box<[u32]>>,
    slots: slots::Slots,
    owners: Vec<Owner>,
    owner_slots: HashMap<ClientId, u32>,
    phonetics: Phonetics,
    bodies: body::BodyIndex,
    /// Every name a meeting was attended by, folded and spelled once however many meetings
    /// the person was at: a query compares each name once, not once per meeting. Names are
    /// never taken out (a few thousand at most); an unused one matches no record.
    people: Vec<Option<(Haystack, Sieve)>>,
    people_slots: HashMap<Box<str>, u32>,
    /// How many entries are of each year (0: none), kept as entries come and go so the
    /// year picker lists them without a scan.
    years: std::collections::BTreeMap<u16, u32>,
    /// Every job indexed, with its brand: what a record of a job is of, by brand.
    job_brands: groups::JobBrands,
}

impl SearchIndex {
    /// An empty index.
    pub fn new() -> Self {
        Self::default()
    }

    /// Number of records indexed.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether nothing is indexed yet.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Makes room for `additional` more records at once, so that a large index is not
    /// grown by doubling (the old and the new array side by side at the peak of memory).
    pub fn reserve(&mut self, additional: usize) {
        self.entries.reserve_exact(additional);
        self.sieves.reserve_exact(additional);
        self.attended.reserve_exact(additional);
        self.slots.reserve(additional);
    }

    /// The years the records are of (a job's number, a document's date, a meeting's day, a
    /// work's first run), newest first: what the search can be narrowed to.
    pub fn years(&self) -> Vec<i32> {
        self.years
            .iter()
            .rev()
            .filter(|&(&y, &n)| y != 0 && n > 0)
            .map(|(&y, _)| i32::from(y))
            .collect()
    }

    /// Counts an entry of `year` in (`true`) or out.
    fn count_year(&mut self, year: u16, entering: bool) {
        if year == 0 {
            return;
        }
        let n = self.years.entry(year).or_insert(0);
        match entering {
            true => *n += 1,
            false => {
                *n = n.saturating_sub(1);
                if *n == 0 {
                    self.years.remove(&year);
                }
            }
        }
    }

    /// Adds or replaces a client. Its display name also becomes the context of its other
    /// records, so renaming a client renames it in their subtitles at once.
    pub fn upsert_client(&mut self, c: &Client) {
        let title = c.display_name();
        let detail = if !c.short_name.is_empty() && c.short_name != c.name {
            c.name.as_str()
        } else {
            c.industry.as_str()
        };
        self.set_owner(c.id, &[title, &c.name], true);
        self.put(
            c.id.into(),
            title,
            detail,
            None,
            &[&c.short_name, &c.name],
            false,
        );
    }

    /// Adds or replaces a brand of the client named `client_name`.
    pub fn upsert_brand(&mut self, b: &Brand, client_name: &str) {
        let owner = self.set_owner(b.client_id, &[client_name], false);
        self.put(b.id.into(), &b.name, "", owner, &[&b.name], false);
        self.set_of(b.id.into(), Some(b.id), None);
    }

    /// Adds or replaces a job of the client named `client_name`; found by title or number.
    pub fn upsert_job(&mut self, j: &Job, client_name: &str) {
        let owner = self.set_owner(j.client_id, &[client_name], false);
        let number = j.number.text.as_str();
        self.put(
            j.id.into(),
            &j.title,
            number,
            owner,
            &[&j.title, number],
            false,
        );
        self.set_year(j.id.into(), Some(j.number.year));
        self.set_of(j.id.into(), j.brand_id, Some(j.id));
        self.job_brands.set(j.id, j.brand_id);
    }

    /// Adds or replaces a contact at the client named `client_name`; found by name, email
    /// or phone.
    pub fn upsert_contact(&mut self, c: &Contact, client_name: &str) {
        let owner = self.set_owner(c.client_id, &[client_name], false);
        let fields = [c.name.as_str(), &c.email, &c.phone];
        self.put(c.id.into(), &c.name, &c.title, owner, &fields, true);
    }

    /// Adds or replaces a contract with the client named `client_name`; found by scope or
    /// number. Its title is the scope (the number when there is no scope).
    pub fn upsert_contract(&mut self, c: &Contract, client_name: &str) {
        let owner = self.set_owner(c.client_id, &[client_name], false);
        let (title, detail) = if c.scope.trim().is_empty() {
            (c.number.as_str(), "")
        } else {
            (c.scope.as_str(), c.number.as_str())
        };
        self.put(
            c.id.into(),
            title,
            detail,
            owner,
            &[&c.scope, &c.number],
            false,
        );
    }

    /// Adds or replaces a meeting with the client named `client_name`; found by its subject
    /// and the people at it, and (ranked below any name) by the text of its place, agenda
    /// and minutes: points, solutions and actions. Internal notes are left out.
    pub fn upsert_meeting(&mut self, m: &crate::domain::Meeting, client_name: &str) {
        let owner = self.set_owner(m.client_id, &[client_name], false);
        // The local date, as the meeting list shows it.
        let date = m
            .start
            .with_timezone(&chrono::Local)
            .format("%Y-%m-%d")
            .to_string();
        let mut people: Vec<u32> = m
            .attendees
            .iter()
            .filter_map(|a| self.person(&a.name))
            .collect();
        people.sort_unstable();
        people.dedup();
        self.put(m.id.into(), &m.title, &date, owner, &[&m.title], false);
        let year = m.start.with_timezone(&chrono::Local).year();
        self.set_year(m.id.into(), Some(year));
        // The job it was first held for, as the papers filed with it are.
        self.set_of(m.id.into(), None, m.jobs.first().copied());
        if let Some(slot) = self.slots.get(m.id.into())
            && let Some(attended) = self.attended.get_mut(slot)
            && !people.is_empty()
        {
            *attended = true;
            self.attendees
                .insert(m.id.into(), people.into_boxed_slice());
        }
        let mut body: Vec<&str> = vec![&m.place];
        body.extend(m.agenda.iter().map(|a| a.title.as_str()));
        for p in &m.minutes.points {
            body.extend([p.text.as_str(), &p.solution]);
        }
        body.extend(m.minutes.actions.iter().map(|a| a.what.as_str()));
        self.bodies.set(m.id.into(), &body);
    }

    /// Removes a record; removing one that is not indexed does nothing. A removed client's
    /// name stays the context of any records of it still indexed.
    pub fn remove(&mut self, doc: DocRef) {
        self.bodies.remove(doc);
        self.attendees.remove(&doc);
        let Some(slot) = self.slots.remove(doc) else {
            return;
        };
        if slot >= self.entries.len() {
            return;
        }
        let gone = self.entries.swap_remove(slot);
        if slot < self.sieves.len() && slot < self.attended.len() {
            self.sieves.swap_remove(slot);
            self.attended.swap_remove(slot);
        }
        self.count_year(gone.year, false);
        if let Some(moved) = self.entries.get(slot) {
            self.slots.insert(moved.doc(), slot);
        }
        if doc.kind == DocKind::Job {
            self.job_brands.remove(doc.id);
        }
        if doc.kind == DocKind::Client
            && let Some(&o) = self.owner_slots.get(&ClientId(doc.id))
            && let Some(owner) = self.owners.get_mut(o as usize)
        {
            owner.from_client = false;
        }
    }

    /// Records the names of client `id` (display name first, shown in subtitles) as the
    /// context of its records and returns its index. Names from the client record win over
    /// a name passed with its other records; a blank name never replaces a known one.
    fn set_owner(&mut self, id: ClientId, names: &[&str], from_client: bool) -> Option<u32> {
        let name = names.first().map_or("", |n| n.trim());
        if let Some(&o) = self.owner_slots.get(&id) {
            let owner = self.owners.get_mut(o as usize)?;
            let keep = (owner.from_client && !from_client)
                || name.is_empty()
                || (!from_client && *owner.name == *name);
            if !keep {
                owner.name = name.into();
                owner.haystack = Haystack::new(&mut self.phonetics, names, &[], false);
                owner.from_client = from_client;
            }
            return Some(o);
        }
        let o = u32::try_from(self.owners.len()).ok()?;
        self.owners.push(Owner {
            name: name.into(),
            haystack: Haystack::new(&mut self.phonetics, names, &[], false),
            from_client,
        });
        self.owner_slots.insert(id, o);
        Some(o)
    }

    /// The index of the attendee called `name` in `people`, added on first sight; `None`
    /// for a blank name.
    fn person(&mut self, name: &str) -> Option<u32> {
        let key = text::fold_haystack(name);
        if key.is_empty() {
            return None;
        }
        if let Some(&p) = self.people_slots.get(key.as_str()) {
            return Some(p);
        }
        let p = u32::try_from(self.people.len()).ok()?;
        self.people
            .push(Haystack::new(&mut self.phonetics, &[name], &[], true));
        self.people_slots.insert(key.into(), p);
        Some(p)
    }

    /// Inserts or replaces the entry of `doc`, found by `texts`; `person`: the first text
    /// is a person's name.
    fn put(
        &mut self,
        doc: DocRef,
        title: &str,
        detail: &str,
        owner: Option<u32>,
        texts: &[&str],
        person: bool,
    ) {
        let haystack = Haystack::new(&mut self.phonetics, texts, &[], person);
        self.put_entry(doc, title, detail, owner, haystack);
    }

    /// Sets the brand and job the entry of `doc` is of.
    fn set_of(
        &mut self,
        doc: DocRef,
        brand: Option<crate::domain::BrandId>,
        job: Option<crate::domain::JobId>,
    ) {
        if let Some(entry) = self.slots.get(doc).and_then(|s| self.entries.get_mut(s)) {
            entry.of = groups::of(brand, job);
        }
    }

    /// Sets the year the entry of `doc` is of; a year outside 1..=65535 is none.
    fn set_year(&mut self, doc: DocRef, year: Option<i32>) {
        let year = year.and_then(|y| u16::try_from(y).ok()).unwrap_or(0);
        if let Some(entry) = self.slots.get(doc).and_then(|s| self.entries.get_mut(s)) {
            let before = std::mem::replace(&mut entry.year, year);
            self.count_year(before, false);
            self.count_year(year, true);
        }
    }

    /// Inserts or replaces the entry of `doc`, found by `haystack`.
    fn put_entry(
        &mut self,
        doc: DocRef,
        title: &str,
        detail: &str,
        owner: Option<u32>,
        found_by: Option<(Haystack, Sieve)>,
    ) {
        let (title, detail) = (text::cut(title.trim()), text::cut(detail.trim()));
        let searchable = found_by.is_some();
        let ((text, spelling), sieve) = match found_by {
            Some((h, s)) => (h.into_parts(), s),
            None => ((Box::default(), Spelling::default()), Sieve::default()),
        };
        let at = |n: usize| u16::try_from(n).unwrap_or(u16::MAX);
        let entry = Entry {
            id: doc.id,
            kind: doc.kind,
            texts: [title, detail, &text].concat().into(),
            ends: [at(title.len()), at(title.len() + detail.len())],
            of: groups::NONE,
            owner: owner.filter(|&o| o != NO_OWNER).unwrap_or(NO_OWNER),
            spelling,
            year: 0,
            searchable,
        };
        self.attendees.remove(&doc);
        let slot = self.slots.get(doc);
        let places = slot.and_then(|s| {
            Some((
                self.entries.get_mut(s)?,
                self.sieves.get_mut(s)?,
                self.attended.get_mut(s)?,
            ))
        });
        match places {
            Some((slot_entry, slot_sieve, attended)) => {
                let before = std::mem::replace(slot_entry, entry).year;
                *slot_sieve = sieve;
                *attended = false;
                self.count_year(before, false);
            }
            None => {
                self.slots.insert(doc, self.entries.len());
                self.entries.push(entry);
                self.sieves.push(sieve);
                self.attended.push(false);
            }
        }
    }
}

#[cfg(test)]
mod tests;
