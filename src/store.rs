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
mod copy;
mod copy_files;
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
mod postgres_engine;
pub mod records;
mod redb_engine;
mod seal;
mod tables;
mod team;
mod team_copy;
#[cfg(all(unix, any(test, feature = "test-cluster")))]
#[doc(hidden)]
pub mod test_cluster;
pub mod text_index;
mod waiting;

pub use backend::{Access, FeedEntry, Key, OpId, Rev};
pub use check::CheckReport;
pub use codec::Kind;
pub use copy::CopyReport;
pub use entities::Entity;
pub use error::StoreError;
pub use files::{AttachedFiles, FileHash, FileRef, FileStore, FilesError, FilesReport, TeamFiles};
pub use guard::{ProtectedFile, refuse_backup_target, refuse_overwrite};
pub use hash::ContentHash;
pub use kinds::{KINDS, KindSpec};
pub use migrate::SCHEMA_VERSION;
pub use open::Loading;
pub(crate) use open::{open_error, temp_beside};
pub use postgres_engine::{
    FeedWatch, Identity, Migrated, RolePrefix, TeamAddress, TeamAdmin, TeamPerson, TeamRole,
};

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

/// What every view of one open database shares: its file, the schema its records follow,
/// and whether damage was found (after which nothing more is written to it).
#[derive(Debug)]
struct Shared {
    path: PathBuf,
    /// Records carry a checksum (schema 4 and later): one without is damage.
    sealed_records: bool,
    /// Opened only to be verified: never written.
    writable: bool,
    /// Set on a desk's file copied from a team database (`team_copy`): where from and
    /// when. It is read-only.
    copy_of: Option<String>,
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

        /// The revision of the row of `kind` at `key` and who made it when, `None` if there
        /// is none: what a screen editing a single record (settings, templates) or following
        /// the change feed compares with what it shows.
        pub fn revision_at(
            &self,
            kind: Kind,
            key: Key,
        ) -> Result<Option<RecordRevision>, StoreError> {
            Ok(self.row(kind, key)?.map(|r| RecordRevision::of(&r)))
        }

        /// Every record of an id-keyed kind, in id order (creation order), in a list made
        /// with room for them all (a damaged count asks for little), not grown by doubling.
        pub fn all<T: Entity>(&self) -> Result<Vec<T>, StoreError> {
            let room = self.count(T::KIND).map_or(0, |n| n.min(1 << 22)) as usize;
            let mut out = Vec::with_capacity(room);
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
                self.txn
                    .range(T::KIND, (from, to), reverse, false, &mut |key, row| {
                        Ok(f(shared.decode_entity(key, &row?.bytes)?))
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
                    // Without the bookkeeping: a desk's file records the same writer
                    // in the entry itself, and verifying every row's header would cost
                    // the whole log's length on each read. A team database always hands
                    // its rows' writer over, and there it is the server's stamp.
                    .range(Kind::Change, (from, to), false, false, &mut |key, row| {
                        let row = row?;
                        let mut change: Change = shared.decode(key, &row.bytes)?;
                        // Who made it is the writer the engine recorded, when it hands
                        // one over: on a team database the server's stamp, not what the
                        // program said.
                        if let Some(written) = row.meta.written
                            && written.by != 0
                        {
                            change.stamp.by = UserId(written.by);
                        }
                        out.push(change);
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
        /// entries): open screens follow it to refresh what changed. `None` when the feed no
        /// longer reaches back that far (it keeps its last `FEED_KEEP` entries): reload
        /// everything then.
        pub fn changed_since(
            &self,
            seq: u64,
            limit: usize,
        ) -> Result<Option<Vec<FeedEntry>>, StoreError> {
            let entries = self.shared.guard(|| self.txn.feed_since(seq, limit))?;
            let last = self.last_seq()?;
            let floor = self.shared.guard(|| self.txn.feed_floor())?;
            let reaches = seq >= last || floor.is_some_and(|oldest| oldest <= seq + 1);
            Ok(reaches.then_some(entries))
        }

        /// The newest sequence number (what [`Self::changed_since`] starts after).
        pub fn last_seq(&self) -> Result<u64, StoreError> {
            self.shared.guard(|| self.txn.last_seq())
        }

        /// How many records of a kind there are.
        pub fn count(&self, kind: Kind) -> Result<u64, StoreError> {
            self.shared.guard(|| self.txn.count(kind))
        }

        /// The estimates of a job (of every job with `None`), in creation order.
        pub fn estimates(
            &self,
            job: Option<JobId>,
        ) -> Result<Vec<crate::domain::Estimate>, StoreError> {
            let mut out = Vec::new();
            let Some(job) = job else {
                self.each(|e| out.push(e))?;
                return Ok(out);
            };
            self.job_rows(job)
        }

        /// The records of a kind indexed by job ([`Kind::by_job`]) that belong to `job`.
        pub fn job_rows<T: Entity>(&self, job: JobId) -> Result<Vec<T>, StoreError> {
            let (shared, mut out) = (&self.shared, Vec::new());
            shared.guard(|| {
                self.txn.job_rows(T::KIND, job.0, &mut |key, row| {
                    out.push(shared.decode_entity(key, &row?.bytes)?);
                    Ok(true)
                })
            })?;
            Ok(out)
        }

        /// Every version of an estimate, oldest first.
        pub fn estimate_versions(
            &self,
            id: crate::domain::EstimateId,
        ) -> Result<Vec<crate::domain::EstimateVersion>, StoreError> {
            let mut out = Vec::new();
            self.each_in(job_range(JobId(id.0)), false, |v| {
                out.push(v);
                true
            })?;
            Ok(out)
        }

        /// The jobs let into production past the gate, oldest first.
        pub fn releases(
            &self,
            job: JobId,
        ) -> Result<Vec<crate::domain::estimate::Release>, StoreError> {
            let mut out = Vec::new();
            self.each_in(job_range(job), false, |r| {
                out.push(r);
                true
            })?;
            Ok(out)
        }

        /// The agency's money settings (the defaults if never saved).
        pub fn money_settings(
            &self,
        ) -> Result<crate::domain::estimate::check::MoneySettings, StoreError> {
            Ok(self.single()?.unwrap_or_default())
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
                copy_of: None,
                damaged: AtomicBool::new(false),
            }),
        }
    }

    /// The redb engine, for checks and backups of the file (`None` in memory).
    fn redb(&self) -> Option<&redb_engine::RedbEngine> {
        self.backend.as_any().downcast_ref()
    }

    /// Whether this is a database kept in memory ([`Store::in_memory`]), which keeps no files.
    pub fn is_in_memory(&self) -> bool {
        self.backend.as_any().is::<memory::MemoryEngine>()
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

// Declared after the `reads!` macro above, which it uses.
mod write;
pub use write::WriteTx;

#[cfg(test)]
pub(crate) mod tests;
