//! Storage. Everything above speaks in domain types through [`Store`], [`ReadView`] and
//! [`WriteTx`]; those are written once over the [`backend`] traits, which each engine
//! implements in one file: [`redb_engine`] (the desk's file, the default) and [`memory`]
//! (tests). redb appears nowhere outside this folder.
//!
//! Values are envelopes decoded here with a `Result` (see [`codec`]); every row carries a
//! revision, and every write states the revision it replaces (a stale write is refused with
//! [`StoreError::Conflict`]). The schema version lives in the `meta` table; opening runs
//! numbered migrations ([`migrate`]) and refuses a database written by a newer build.

pub mod backend;
pub mod backup;
mod check;
pub mod codec;
mod contain;
mod entities;
mod error;
pub mod files;
mod guard;
pub mod hash;
mod kinds;
pub mod lock;
mod memory;
mod migrate;
mod open;
pub mod records;
mod redb_engine;
mod seal;
mod tables;

pub use backend::{Access, FeedEntry, Key, Rev};
pub use check::CheckReport;
pub use codec::Kind;
pub use entities::Entity;
pub use error::StoreError;
pub use files::{FileHash, FileRef, FileStore, FilesError, FilesReport};
pub use guard::{ProtectedFile, refuse_backup_target, refuse_overwrite};
pub use hash::ContentHash;
pub use kinds::{KINDS, KindSpec};
pub use migrate::SCHEMA_VERSION;
pub use open::Loading;
pub(crate) use open::{open_error, temp_beside};

use crate::domain::schedule::{IssuedSchedule, JobSchedule};
use crate::domain::{
    AgencySettings, BriefVersion, Change, Job, JobId, JobNumber, JobNumberFormat, User, UserId,
};
use backend::{Backend, Expect, ReadTxn, StoredRow, WriteRefusal, WriteStamp, WriteTxn};
use chrono::{DateTime, Utc};
use contain::contain;
use records::Record;
use std::cell::RefCell;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// The redb page cache. redb's default (1 GiB) would let a decade-size file fill memory; the
/// working set of a desk is far smaller.
const CACHE_BYTES: usize = 64 * 1024 * 1024;

/// What every view of one open database shares: its file, the schema its records follow,
/// and whether damage was found (after which nothing more is written to it).
#[derive(Debug)]
struct Shared {
    path: PathBuf,
    /// Records carry a checksum (schema 4 and later): one without is damage.
    sealed_records: bool,
    /// Opened only to be verified: never written.
    writable: bool,
    damaged: AtomicBool,
}

impl Shared {
    /// Runs `f` with the engine's panics contained; errors that mean damage name the file
    /// and stop further writes.
    fn guard<T>(&self, f: impl FnOnce() -> Result<T, StoreError>) -> Result<T, StoreError> {
        contain(f).map_err(|e| {
            let e = e.at(&self.path);
            if e.is_damage() {
                self.damaged.store(true, Ordering::SeqCst);
            }
            e
        })
    }

    /// Decodes one stored value of `kind` at `key`.
    fn decode<T: Record>(&self, key: Key, bytes: &[u8]) -> Result<T, StoreError> {
        let spec = T::KIND.spec();
        if self.sealed_records && !codec::is_sealed(bytes) {
            return Err(StoreError::Record {
                table: spec.table,
                key: key.text(spec.shape),
                source: codec::CodecError::Unsealed {
                    kind: T::KIND.name(),
                },
            });
        }
        T::decode(bytes).map_err(|source| StoreError::Record {
            table: spec.table,
            key: key.text(spec.shape),
            source,
        })
    }

    /// Decodes a record and checks that it is the record its key says (a damaged key would
    /// otherwise show one record under another's key).
    fn decode_entity<T: Entity>(&self, key: Key, bytes: &[u8]) -> Result<T, StoreError> {
        let record: T = self.decode(key, bytes)?;
        if record.key() != key {
            let spec = T::KIND.spec();
            return Err(StoreError::Record {
                table: spec.table,
                key: key.text(spec.shape),
                source: codec::CodecError::Damaged {
                    kind: T::KIND.name(),
                    detail: format!(
                        "stored under {} but is record {}",
                        key.text(spec.shape),
                        record.key().text(spec.shape)
                    ),
                },
            });
        }
        Ok(record)
    }
}

/// A record's revision and who made it when.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RecordRevision {
    /// The revision.
    pub rev: Rev,
    /// Who wrote it (`None`: before revisions were kept).
    pub by: Option<UserId>,
    /// When.
    pub at: Option<DateTime<Utc>>,
}

impl RecordRevision {
    fn of(row: &StoredRow) -> RecordRevision {
        RecordRevision {
            rev: row.meta.rev,
            by: row.meta.written.map(|w| UserId(w.by)),
            at: row
                .meta
                .written
                .and_then(|w| DateTime::from_timestamp_millis(w.at_ms)),
        }
    }
}

/// The key range of everything versioned under one job.
fn job_range(job: JobId) -> (Key, Key) {
    (Key::pair(job.0, 0), Key::pair(job.0, u32::MAX))
}

/// The key range of a whole id-keyed kind.
const ALL_KEYS: (Key, Key) = (Key::id(0), Key::id(u64::MAX));

/// Reads shared by [`ReadView`] (a snapshot) and [`WriteTx`] (reads see the transaction's
/// own writes, and remember the revision read so the write states it). Each runs guarded
/// (see [`Shared::guard`]).
macro_rules! reads {
    () => {
        /// One row, raw.
        fn row(&self, kind: Kind, key: Key) -> Result<Option<StoredRow>, StoreError> {
            let row = self.shared.guard(|| self.txn.get(kind, key))?;
            if let Some(r) = &row {
                self.saw(kind, key, r.meta.rev);
            }
            Ok(row)
        }

        /// One record by id, `None` if there is none.
        pub fn get<T: Entity>(&self, id: u64) -> Result<Option<T>, StoreError> {
            self.get_at(Key::id(id))
        }

        /// One record by key, `None` if there is none.
        pub fn get_at<T: Entity>(&self, key: Key) -> Result<Option<T>, StoreError> {
            match self.row(T::KIND, key)? {
                Some(row) => self
                    .shared
                    .guard(|| self.shared.decode_entity(key, &row.bytes))
                    .map(Some),
                None => Ok(None),
            }
        }

        /// A record's revision and who made it when, `None` if there is no such record.
        pub fn revision<T: Entity>(&self, key: Key) -> Result<Option<RecordRevision>, StoreError> {
            Ok(self.row(T::KIND, key)?.map(|r| RecordRevision::of(&r)))
        }

        /// Every record of an id-keyed kind, in id order (creation order).
        pub fn all<T: Entity>(&self) -> Result<Vec<T>, StoreError> {
            let mut out = Vec::new();
            self.each(|r| out.push(r))?;
            Ok(out)
        }

        /// Every record of an id-keyed kind, in id order, handed to `f` one at a time: for
        /// readers that keep only part of each record, so the whole table is never in memory
        /// at once.
        pub fn each<T: Entity>(&self, mut f: impl FnMut(T)) -> Result<(), StoreError> {
            self.each_in(ALL_KEYS, false, |r| {
                f(r);
                true
            })
        }

        /// The records of a kind with keys in `range` (inclusive), in key order or reversed,
        /// until `f` returns `false`.
        fn each_in<T: Entity>(
            &self,
            (from, to): (Key, Key),
            reverse: bool,
            mut f: impl FnMut(T) -> bool,
        ) -> Result<(), StoreError> {
            let shared = &self.shared;
            shared.guard(|| {
                self.txn.range(T::KIND, from, to, reverse, &mut |key, row| {
                    Ok(f(shared.decode_entity(key, &row.bytes)?))
                })
            })
        }

        /// Every version of a job's brief, oldest first.
        pub fn brief_versions(&self, job: JobId) -> Result<Vec<BriefVersion>, StoreError> {
            let mut out = Vec::new();
            self.each_in(job_range(job), false, |v| {
                out.push(v);
                true
            })?;
            Ok(out)
        }

        /// The newest version of a job's brief.
        pub fn latest_brief(&self, job: JobId) -> Result<Option<BriefVersion>, StoreError> {
            let mut out = None;
            self.each_in(job_range(job), true, |v| {
                out = Some(v);
                false
            })?;
            Ok(out)
        }

        /// A job's working schedule, if it has one.
        pub fn schedule(&self, job: JobId) -> Result<Option<JobSchedule>, StoreError> {
            self.get_at(Key::id(job.0))
        }

        /// The versions of a job's schedule issued to the client, oldest first.
        pub fn issued_schedules(&self, job: JobId) -> Result<Vec<IssuedSchedule>, StoreError> {
            let mut out = Vec::new();
            self.each_in(job_range(job), false, |v| {
                out.push(v);
                true
            })?;
            Ok(out)
        }

        /// One record of a single-record kind, `None` if never saved.
        fn single<T: Record>(&self) -> Result<Option<T>, StoreError> {
            match self.row(T::KIND, Key::ONE)? {
                Some(row) => self
                    .shared
                    .guard(|| self.shared.decode(Key::ONE, &row.bytes))
                    .map(Some),
                None => Ok(None),
            }
        }

        /// The agency settings (defaults if never saved).
        pub fn settings(&self) -> Result<AgencySettings, StoreError> {
            Ok(self.single()?.unwrap_or_default())
        }

        /// The agency's schedule templates as saved (`None` if they never were).
        pub fn templates(
            &self,
        ) -> Result<Option<crate::domain::template::ScheduleTemplates>, StoreError> {
            self.single()
        }

        /// The change log entries about one record, oldest first.
        pub fn changes_of(
            &self,
            subject: crate::domain::Subject,
            id: u64,
        ) -> Result<Vec<Change>, StoreError> {
            Ok(self
                .changes()?
                .into_iter()
                .filter(|c| c.subject == subject && c.id == id)
                .collect())
        }

        /// The whole change log, oldest first.
        pub fn changes(&self) -> Result<Vec<Change>, StoreError> {
            let shared = &self.shared;
            let mut out = Vec::new();
            shared.guard(|| {
                let (from, to) = ALL_KEYS;
                self.txn
                    .range(Kind::Change, from, to, false, &mut |key, row| {
                        out.push(shared.decode(key, &row.bytes)?);
                        Ok(true)
                    })
            })?;
            Ok(out)
        }

        /// The job with this number text (e.g. `2026-0042`), ignoring case and surrounding
        /// spaces.
        pub fn job_by_number(&self, number: &str) -> Result<Option<Job>, StoreError> {
            let wanted = number.trim();
            let mut found = None;
            self.each_in(ALL_KEYS, false, |j: Job| {
                if j.number.text.eq_ignore_ascii_case(wanted) {
                    found = Some(j);
                    false
                } else {
                    true
                }
            })?;
            Ok(found)
        }

        /// What was written after sequence number `seq`, oldest first (at most `limit`
        /// entries): open screens follow it to refresh what changed.
        pub fn changed_since(&self, seq: u64, limit: usize) -> Result<Vec<FeedEntry>, StoreError> {
            self.shared.guard(|| self.txn.feed_since(seq, limit))
        }

        /// The newest sequence number (what [`Self::changed_since`] starts after).
        pub fn last_seq(&self) -> Result<u64, StoreError> {
            self.shared.guard(|| self.txn.last_seq())
        }

        /// How many records of a kind there are.
        pub fn count(&self, kind: Kind) -> Result<u64, StoreError> {
            self.shared.guard(|| self.txn.count(kind))
        }
    };
}

/// An open Account Desk database.
pub struct Store {
    backend: Box<dyn Backend>,
    shared: Arc<Shared>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("path", &self.shared.path)
            .finish()
    }
}

/// A consistent view of the database for reading.
pub struct ReadView {
    txn: Box<dyn ReadTxn>,
    shared: Arc<Shared>,
}

impl ReadView {
    fn saw(&self, _kind: Kind, _key: Key, _rev: Rev) {}

    reads!();
}

impl Store {
    /// An empty database kept in memory (tests, and trying a change without a file). Its
    /// path in messages is `(in memory)`.
    pub fn in_memory() -> Store {
        Store {
            backend: Box::new(memory::MemoryEngine::new()),
            shared: Arc::new(Shared {
                path: PathBuf::from("(in memory)"),
                sealed_records: true,
                writable: true,
                damaged: AtomicBool::new(false),
            }),
        }
    }

    /// The redb engine, for checks and backups of the file (`None` in memory).
    fn redb(&self) -> Option<&redb_engine::RedbEngine> {
        self.backend.as_any().downcast_ref()
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.shared.path
    }

    /// True once damage was found in this session: the store then refuses writes.
    pub fn is_damaged(&self) -> bool {
        self.shared.damaged.load(Ordering::SeqCst)
    }

    /// A consistent snapshot for several reads.
    pub fn read(&self) -> Result<ReadView, StoreError> {
        let txn = self.shared.guard(|| self.backend.begin_read())?;
        Ok(ReadView {
            txn,
            shared: Arc::clone(&self.shared),
        })
    }

    /// One record by id.
    pub fn get<T: Entity>(&self, id: u64) -> Result<Option<T>, StoreError> {
        self.read()?.get(id)
    }

    /// Every record of a kind.
    pub fn all<T: Entity>(&self) -> Result<Vec<T>, StoreError> {
        self.read()?.all()
    }

    /// Every version of a job's brief, oldest first.
    pub fn brief_versions(&self, job: JobId) -> Result<Vec<BriefVersion>, StoreError> {
        self.read()?.brief_versions(job)
    }

    /// The newest version of a job's brief.
    pub fn latest_brief(&self, job: JobId) -> Result<Option<BriefVersion>, StoreError> {
        self.read()?.latest_brief(job)
    }

    /// Agency settings.
    pub fn settings(&self) -> Result<AgencySettings, StoreError> {
        self.read()?.settings()
    }

    /// The agency's schedule templates as saved (`None` if they never were).
    pub fn templates(
        &self,
    ) -> Result<Option<crate::domain::template::ScheduleTemplates>, StoreError> {
        self.read()?.templates()
    }

    /// A job's working schedule, if it has one.
    pub fn schedule(&self, job: JobId) -> Result<Option<JobSchedule>, StoreError> {
        self.read()?.schedule(job)
    }

    /// The versions of a job's schedule issued to the client, oldest first.
    pub fn issued_schedules(&self, job: JobId) -> Result<Vec<IssuedSchedule>, StoreError> {
        self.read()?.issued_schedules(job)
    }

    /// The job with this number.
    pub fn job_by_number(&self, number: &str) -> Result<Option<Job>, StoreError> {
        self.read()?.job_by_number(number)
    }

    /// Runs `f` in one durable write transaction: everything it writes is committed together,
    /// or nothing is if it returns an error. Refused once damage was found in this session.
    pub fn write<T>(
        &self,
        f: impl FnOnce(&mut WriteTx) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        if self.is_damaged() {
            return Err(StoreError::ReadOnlyAfterDamage {
                path: self.shared.path.clone(),
                backup: backup::newest_backup(&self.shared.path).ok().flatten(),
            });
        }
        if !self.shared.writable {
            return Err(StoreError::Engine(format!(
                "{} was opened to be checked only; nothing is written to it",
                self.shared.path.display()
            )));
        }
        self.shared.guard(|| {
            let mut tx = WriteTx {
                txn: self.backend.begin_write()?,
                shared: Arc::clone(&self.shared),
                seen: RefCell::new(HashMap::new()),
                written: WriteStamp {
                    by: 0,
                    at_ms: Utc::now().timestamp_millis(),
                    restores: 0,
                },
                first_seen: RefCell::new(HashMap::new()),
                restoring: None,
            };
            let out = f(&mut tx)?;
            tx.txn.commit()?;
            Ok(out)
        })
    }

    /// Whether the database holds no records at all (a new file, or one only stamped with
    /// its schema).
    pub fn is_blank(&self) -> Result<bool, StoreError> {
        let view = self.read()?;
        for spec in KINDS {
            if matches!(spec.shape, backend::KeyShape::Single(_)) {
                continue;
            }
            if view.count(spec.kind)? > 0 {
                return Ok(false);
            }
        }
        Ok(true)
    }
}

/// A write transaction. Created by [`Store::write`]; commits when the closure returns `Ok`.
pub struct WriteTx {
    txn: Box<dyn WriteTxn>,
    shared: Arc<Shared>,
    /// The revision of each row read in this transaction: what a write of it replaces.
    seen: RefCell<HashMap<(Kind, Key), Rev>>,
    /// Who is writing, and when (stamped on every row written).
    written: WriteStamp,
    /// The revision of each row when this transaction first read it.
    first_seen: RefCell<HashMap<(Kind, Key), Rev>>,
    /// An undo under way: the row it puts back and the revision whose content it restores.
    restoring: Option<(Kind, Key, Rev)>,
}

impl WriteTx {
    fn saw(&self, kind: Kind, key: Key, rev: Rev) {
        self.seen.borrow_mut().insert((kind, key), rev);
        self.first_seen
            .borrow_mut()
            .entry((kind, key))
            .or_insert(rev);
    }

    reads!();

    /// Stamps the rows this transaction writes from now on with who acts, and when.
    pub fn acting(&mut self, by: UserId, at: DateTime<Utc>) {
        self.written = WriteStamp {
            by: by.0,
            at_ms: at.timestamp_millis(),
            restores: 0,
        };
        self.first_seen.borrow_mut().clear();
        self.restoring = None;
    }

    /// The revision a row had when this transaction (since the last [`Self::acting`]) first
    /// read it: what a change replaced (`None`: it did not exist, or was not read).
    pub fn rev_before(&self, kind: Kind, key: Key) -> Option<Rev> {
        self.first_seen.borrow().get(&(kind, key)).copied()
    }

    /// Marks the writes of the row at `key` from now on as putting back the content of
    /// revision `before` (an undo), so an earlier undo of the same record still applies.
    pub fn restoring(&mut self, kind: Kind, key: Key, before: Option<Rev>) {
        self.restoring = before.map(|rev| (kind, key, rev));
    }

    /// What a write of the row at `key` replaces: the revision read in this transaction, or
    /// else the row as it is now (a record the transaction rewrites whole without reading).
    fn expected(&self, kind: Kind, key: Key) -> Result<Expect, StoreError> {
        if let Some(rev) = self.seen.borrow().get(&(kind, key)) {
            return Ok(Expect::At(*rev));
        }
        Ok(match self.shared.guard(|| self.txn.get(kind, key))? {
            Some(row) => Expect::At(row.meta.rev),
            None => Expect::Absent,
        })
    }

    /// Turns an engine's refusal into the typed conflict, naming who changed the record and
    /// when (read from the users in this same transaction).
    fn refused(&self, kind: Kind, key: Key, refusal: WriteRefusal) -> StoreError {
        match refusal {
            WriteRefusal::Failed(e) => e,
            WriteRefusal::Stale { found, .. } => {
                let written = found.and_then(|m| m.written);
                let by = written.and_then(|w| {
                    self.txn
                        .get(Kind::User, Key::id(w.by))
                        .ok()
                        .flatten()
                        .and_then(|row| User::decode(&row.bytes).ok())
                        .map(|u| u.name)
                });
                StoreError::Conflict {
                    kind,
                    key: key.text(kind.spec().shape),
                    by,
                    at: written.and_then(|w| DateTime::from_timestamp_millis(w.at_ms)),
                    removed: found.is_none(),
                }
            }
        }
    }

    fn put_row(
        &mut self,
        kind: Kind,
        key: Key,
        expect: Expect,
        bytes: &[u8],
        access: Access,
    ) -> Result<Rev, StoreError> {
        let mut written = self.written;
        if let Some((k, key_restored, rev)) = self.restoring
            && (k, key_restored) == (kind, key)
        {
            written.restores = rev.0;
        }
        let result = self
            .shared
            .guard(|| Ok(self.txn.put(kind, key, expect, bytes, access, written)))?;
        match result {
            Ok(rev) => {
                // What a further write in this transaction replaces (not what it found).
                self.seen.borrow_mut().insert((kind, key), rev);
                Ok(rev)
            }
            Err(refusal) => Err(self.refused(kind, key, refusal)),
        }
    }

    /// The revision of a row as this transaction sees it (`None`: there is no such row).
    pub fn current_rev(&self, kind: Kind, key: Key) -> Result<Option<Rev>, StoreError> {
        Ok(self.row(kind, key)?.map(|r| r.meta.rev))
    }

    /// Refuses with [`StoreError::Conflict`] unless the row is still at `base` (`None`:
    /// still absent), or an undo since put back exactly that revision's content — what an
    /// undo checks before putting a record back, so it never overwrites a later change. The
    /// revision is remembered for the write that follows.
    pub fn expect_unchanged(
        &self,
        kind: Kind,
        key: Key,
        base: Option<Rev>,
    ) -> Result<(), StoreError> {
        let found = self
            .shared
            .guard(|| self.txn.get(kind, key))?
            .map(|r| r.meta);
        let restored = found
            .and_then(|m| m.written)
            .map(|w| w.restores)
            .filter(|r| *r != 0);
        let unchanged = found.map(|m| m.rev) == base
            // An undo since put back exactly the state this step left.
            || (base.is_some() && restored == base.map(|r| r.0));
        if unchanged {
            if let Some(meta) = found {
                self.saw(kind, key, meta.rev);
            }
            return Ok(());
        }
        let expected = match base {
            Some(rev) => Expect::At(rev),
            None => Expect::Absent,
        };
        Err(self.refused(kind, key, WriteRefusal::Stale { expected, found }))
    }

    /// Hands out a new record id, unique across all kinds.
    pub fn next_id(&mut self) -> Result<u64, StoreError> {
        self.shared.guard(|| self.txn.next_id())
    }

    /// Inserts or replaces a record, replacing the revision read in this transaction (or the
    /// current one); returns the new revision.
    pub fn put<T: Entity>(&mut self, record: &T) -> Result<Rev, StoreError> {
        let key = record.key();
        let expect = self.expected(T::KIND, key)?;
        self.put_row(T::KIND, key, expect, &record.encode()?, record.access())
    }

    /// Writes a record over exactly revision `base` (`None`: only if there is none) — an
    /// edit made from what a screen showed; a record changed since is refused with
    /// [`StoreError::Conflict`].
    pub fn put_over<T: Entity>(
        &mut self,
        record: &T,
        base: Option<Rev>,
    ) -> Result<Rev, StoreError> {
        let expect = match base {
            Some(rev) => Expect::At(rev),
            None => Expect::Absent,
        };
        self.put_row(
            T::KIND,
            record.key(),
            expect,
            &record.encode()?,
            record.access(),
        )
    }

    /// Deletes a record; `true` if it existed.
    pub fn delete<T: Entity>(&mut self, id: u64) -> Result<bool, StoreError> {
        self.delete_at(T::KIND, Key::id(id))
    }

    fn delete_at(&mut self, kind: Kind, key: Key) -> Result<bool, StoreError> {
        let rev = match self.expected(kind, key)? {
            Expect::At(r) => r,
            Expect::Absent => return Ok(false),
        };
        let written = self.written;
        let result = self
            .shared
            .guard(|| Ok(self.txn.remove(kind, key, rev, written)))?;
        match result {
            Ok(()) => {
                self.seen.borrow_mut().remove(&(kind, key));
                Ok(true)
            }
            Err(refusal) => Err(self.refused(kind, key, refusal)),
        }
    }

    /// Issues the next job number of `year` in `format`, recording it so no two jobs share one.
    pub fn issue_job_number(
        &mut self,
        format: &JobNumberFormat,
        year: i32,
    ) -> Result<JobNumber, StoreError> {
        let mut issued = None;
        self.shared.guard(|| {
            self.txn.allocate_job_seq(year, &mut |last| {
                let number = format
                    .issue(year, last)
                    .map_err(|e| StoreError::Engine(e.to_string()))?;
                let seq = number.seq;
                issued = Some(number);
                Ok(seq)
            })
        })?;
        issued.ok_or_else(|| StoreError::Engine("no job number was issued".into()))
    }

    /// Stores a new brief version. Versions are never overwritten.
    pub fn append_brief(&mut self, version: &BriefVersion) -> Result<Rev, StoreError> {
        let key = version.key();
        self.put_row(
            Kind::BriefVersion,
            key,
            Expect::Absent,
            &version.encode()?,
            version.access(),
        )
        .map_err(|e| match e {
            StoreError::Conflict { .. } => StoreError::Engine(format!(
                "brief version {} of job {} already exists",
                version.version, version.job_id
            )),
            other => other,
        })
    }

    /// Saves a job's working schedule (replacing the previous state).
    pub fn put_schedule(&mut self, schedule: &JobSchedule) -> Result<Rev, StoreError> {
        self.put(schedule)
    }

    /// Removes a job's working schedule; `true` if it had one. Issued versions stay.
    pub fn delete_schedule(&mut self, job: JobId) -> Result<bool, StoreError> {
        self.delete_at(Kind::Schedule, Key::id(job.0))
    }

    /// Stores an issued schedule version. Issued versions are never overwritten.
    pub fn issue_schedule(&mut self, issued: &IssuedSchedule) -> Result<Rev, StoreError> {
        self.put_row(
            Kind::IssuedSchedule,
            issued.key(),
            Expect::Absent,
            &issued.encode()?,
            issued.access(),
        )
        .map_err(|e| match e {
            StoreError::Conflict { .. } => StoreError::Engine(format!(
                "schedule version {} of job {} was already issued",
                issued.version, issued.job_id
            )),
            other => other,
        })
    }

    fn put_single<T: Record>(&mut self, record: &T) -> Result<Rev, StoreError> {
        let expect = self.expected(T::KIND, Key::ONE)?;
        self.put_row(
            T::KIND,
            Key::ONE,
            expect,
            &record.encode()?,
            Access::default(),
        )
    }

    /// Saves the agency settings.
    pub fn put_settings(&mut self, settings: &AgencySettings) -> Result<Rev, StoreError> {
        self.put_single(settings)
    }

    /// Saves the agency's schedule templates (the whole list, replacing the previous one).
    pub fn put_templates(
        &mut self,
        templates: &crate::domain::template::ScheduleTemplates,
    ) -> Result<Rev, StoreError> {
        self.put_single(templates)
    }

    /// Appends an entry to the change log.
    pub fn log(&mut self, change: &Change) -> Result<(), StoreError> {
        let mut last = 0;
        self.shared.guard(|| {
            let (from, to) = ALL_KEYS;
            self.txn.range(Kind::Change, from, to, true, &mut |key, _| {
                last = key.id;
                Ok(false)
            })
        })?;
        let access = Access {
            owner: change.stamp.by.0,
            ..Access::default()
        };
        self.put_row(
            Kind::Change,
            Key::id(last + 1),
            Expect::Absent,
            &change.encode()?,
            access,
        )?;
        Ok(())
    }
}

#[cfg(test)]
mod tests;
