//! Storage: the only place redb appears. Everything above speaks in domain types through
//! [`Store`] and [`WriteTx`], so a shared PostgreSQL backend can later be another
//! implementation of the same surface instead of a rewrite.
//!
//! Values are `&[u8]` envelopes decoded here with a `Result` (see [`codec`]); the schema
//! version lives in the `meta` table; opening runs numbered migrations ([`migrate`]) and
//! refuses a database written by a newer build.

pub mod backup;
mod check;
pub mod codec;
mod contain;
mod error;
pub mod files;
mod guard;
pub mod lock;
mod migrate;
mod open;
pub mod records;
mod seal;
mod tables;
mod templates;

pub use check::CheckReport;
pub use codec::Kind;
pub use error::StoreError;
pub use files::{FileHash, FileRef, FileStore, FilesError, FilesReport};
pub use guard::{ProtectedFile, refuse_backup_target, refuse_overwrite};
pub use migrate::SCHEMA_VERSION;
pub use open::Loading;
pub(crate) use open::{open_error, temp_beside};

use crate::domain::schedule::{IssuedSchedule, JobSchedule};
use crate::domain::{
    AgencySettings, Brand, BriefVersion, Change, Client, Contact, Contract, Job, JobId, JobNumber,
    JobNumberFormat, Meeting, User,
};
use contain::contain;
use lock::DbLock;
use records::Record;
use redb::{ReadableDatabase, ReadableTable, ReadableTableMetadata, TableDefinition};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use tables::*;

/// The redb page cache. redb's default (1 GiB) would let a decade-size file fill memory; the
/// working set of a desk is far smaller.
const CACHE_BYTES: usize = 64 * 1024 * 1024;

/// A record kept in an id-keyed table.
pub trait Entity: Record {
    /// The table holding it.
    #[doc(hidden)]
    const TABLE: TableDefinition<'static, u64, &'static [u8]>;
    /// Table name, for messages.
    const TABLE_NAME: &'static str;
    /// Its key.
    fn key(&self) -> u64;
}

macro_rules! entity {
    ($t:ty, $table:ident, $name:literal, |$s:ident| $key:expr) => {
        impl Entity for $t {
            const TABLE: TableDefinition<'static, u64, &'static [u8]> = $table;
            const TABLE_NAME: &'static str = $name;
            fn key(&self) -> u64 {
                let $s = self;
                $key
            }
        }
    };
}

entity!(User, USERS, "users", |u| u.id.0);
entity!(Client, CLIENTS, "clients", |c| c.id.0);
entity!(Contact, CONTACTS, "contacts", |c| c.id.0);
entity!(Contract, CONTRACTS, "contracts", |c| c.id.0);
entity!(Brand, BRANDS, "brands", |b| b.id.0);
entity!(Job, JOBS, "jobs", |j| j.id.0);
entity!(Meeting, MEETINGS, "meetings", |m| m.id.0);

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

    /// Decodes one stored value of `table` at `key`.
    fn decode<T: Record>(
        &self,
        table: &'static str,
        key: impl ToString,
        bytes: &[u8],
    ) -> Result<T, StoreError> {
        if self.sealed_records && !codec::is_sealed(bytes) {
            return Err(StoreError::Record {
                table,
                key: key.to_string(),
                source: codec::CodecError::Unsealed {
                    kind: T::KIND.name(),
                },
            });
        }
        T::decode(bytes).map_err(|source| StoreError::Record {
            table,
            key: key.to_string(),
            source,
        })
    }

    /// Decodes a record of an id-keyed table and checks that it is the record its key says
    /// (a damaged key would otherwise show one record under another's id).
    fn decode_entity<T: Entity>(&self, id: u64, bytes: &[u8]) -> Result<T, StoreError> {
        let record: T = self.decode(T::TABLE_NAME, id, bytes)?;
        if record.key() != id {
            return Err(StoreError::Record {
                table: T::TABLE_NAME,
                key: id.to_string(),
                source: codec::CodecError::Damaged {
                    kind: T::KIND.name(),
                    detail: format!("stored under {id} but is record {}", record.key()),
                },
            });
        }
        Ok(record)
    }
}

/// Reads shared by [`ReadView`] (a read transaction) and [`WriteTx`] (reads see the
/// transaction's own writes). Each runs guarded (see [`Shared::guard`]).
macro_rules! reads {
    () => {
        /// One record by id, `None` if there is none.
        pub fn get<T: Entity>(&self, id: u64) -> Result<Option<T>, StoreError> {
            self.shared.guard(|| {
                let Some(table) = self.table(T::TABLE)? else {
                    return Ok(None);
                };
                match table.get(id)? {
                    Some(v) => self.shared.decode_entity(id, v.value()).map(Some),
                    None => Ok(None),
                }
            })
        }

        /// Every record of a kind, in id order (creation order).
        pub fn all<T: Entity>(&self) -> Result<Vec<T>, StoreError> {
            let mut out = Vec::new();
            self.each(|r| out.push(r))?;
            Ok(out)
        }

        /// Every record of a kind, in id order, handed to `f` one at a time: for readers that
        /// keep only part of each record, so the whole table is never in memory at once.
        pub fn each<T: Entity>(&self, mut f: impl FnMut(T)) -> Result<(), StoreError> {
            self.shared.guard(|| {
                let Some(table) = self.table(T::TABLE)? else {
                    return Ok(());
                };
                for row in table.iter()? {
                    let (k, v) = row?;
                    f(self.shared.decode_entity(k.value(), v.value())?);
                }
                Ok(())
            })
        }

        /// Every version of a job's brief, oldest first.
        pub fn brief_versions(&self, job: JobId) -> Result<Vec<BriefVersion>, StoreError> {
            self.shared.guard(|| {
                let Some(table) = self.table(BRIEFS)? else {
                    return Ok(Vec::new());
                };
                let mut out = Vec::new();
                for row in table.range((job.0, 0)..=(job.0, u32::MAX))? {
                    let (k, v) = row?;
                    out.push(brief_at(&self.shared, k.value(), v.value())?);
                }
                Ok(out)
            })
        }

        /// A job's working schedule, if it has one.
        pub fn schedule(&self, job: JobId) -> Result<Option<JobSchedule>, StoreError> {
            self.shared.guard(|| {
                let Some(table) = self.table(SCHEDULES)? else {
                    return Ok(None);
                };
                match table.get(job.0)? {
                    Some(v) => schedule_at(&self.shared, job.0, v.value()).map(Some),
                    None => Ok(None),
                }
            })
        }

        /// The versions of a job's schedule issued to the client, oldest first.
        pub fn issued_schedules(&self, job: JobId) -> Result<Vec<IssuedSchedule>, StoreError> {
            self.shared.guard(|| {
                let Some(table) = self.table(SCHEDULE_ISSUES)? else {
                    return Ok(Vec::new());
                };
                let mut out = Vec::new();
                for row in table.range((job.0, 0)..=(job.0, u32::MAX))? {
                    let (k, v) = row?;
                    out.push(issued_at(&self.shared, k.value(), v.value())?);
                }
                Ok(out)
            })
        }

        /// The newest version of a job's brief.
        pub fn latest_brief(&self, job: JobId) -> Result<Option<BriefVersion>, StoreError> {
            self.shared.guard(|| {
                let Some(table) = self.table(BRIEFS)? else {
                    return Ok(None);
                };
                let last = table.range((job.0, 0)..=(job.0, u32::MAX))?.next_back();
                match last {
                    Some(row) => {
                        let (k, v) = row?;
                        brief_at(&self.shared, k.value(), v.value()).map(Some)
                    }
                    None => Ok(None),
                }
            })
        }

        /// The agency settings (defaults if never saved).
        pub fn settings(&self) -> Result<AgencySettings, StoreError> {
            self.shared.guard(|| {
                let Some(table) = self.table(META)? else {
                    return Ok(AgencySettings::default());
                };
                match table.get(KEY_SETTINGS)? {
                    Some(v) => self.shared.decode("meta", KEY_SETTINGS, v.value()),
                    None => Ok(AgencySettings::default()),
                }
            })
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
            self.shared.guard(|| {
                let Some(table) = self.table(CHANGES)? else {
                    return Ok(Vec::new());
                };
                let mut out = Vec::new();
                for row in table.iter()? {
                    let (k, v) = row?;
                    out.push(self.shared.decode("changes", k.value(), v.value())?);
                }
                Ok(out)
            })
        }

        /// The job with this number text (e.g. `2026-0042`), ignoring case and surrounding
        /// spaces.
        pub fn job_by_number(&self, number: &str) -> Result<Option<Job>, StoreError> {
            let wanted = number.trim();
            let mut found = None;
            self.each::<Job>(|j| {
                if found.is_none() && j.number.text.eq_ignore_ascii_case(wanted) {
                    found = Some(j);
                }
            })?;
            Ok(found)
        }
    };
}

/// A brief version stored under `(job, version)`, checked against its key.
fn brief_at(shared: &Shared, (j, n): (u64, u32), bytes: &[u8]) -> Result<BriefVersion, StoreError> {
    let key = format!("{j}/{n}");
    let b: BriefVersion = shared.decode("brief_versions", &key, bytes)?;
    if (b.job_id.0, b.version) != (j, n) {
        return Err(misfiled("brief_versions", key, Kind::BriefVersion));
    }
    Ok(b)
}

/// A working schedule stored under its job, checked against its key.
fn schedule_at(shared: &Shared, job: u64, bytes: &[u8]) -> Result<JobSchedule, StoreError> {
    let s: JobSchedule = shared.decode("schedules", job, bytes)?;
    if s.job_id.0 != job {
        return Err(misfiled("schedules", job.to_string(), Kind::Schedule));
    }
    Ok(s)
}

/// An issued schedule stored under `(job, version)`, checked against its key.
fn issued_at(
    shared: &Shared,
    (j, n): (u64, u32),
    bytes: &[u8],
) -> Result<IssuedSchedule, StoreError> {
    let key = format!("{j}/{n}");
    let s: IssuedSchedule = shared.decode("schedule_issues", &key, bytes)?;
    if (s.job_id.0, s.version) != (j, n) {
        return Err(misfiled("schedule_issues", key, Kind::IssuedSchedule));
    }
    Ok(s)
}

fn misfiled(table: &'static str, key: String, kind: Kind) -> StoreError {
    StoreError::Record {
        table,
        key,
        source: codec::CodecError::Damaged {
            kind: kind.name(),
            detail: "stored under another key than its own".into(),
        },
    }
}

/// An open Account Desk database.
pub struct Store {
    /// `None` only while the store is being dropped.
    db: Option<redb::Database>,
    shared: Arc<Shared>,
    /// Whether a clean close writes the clean-close seal (never for verification opens,
    /// staged files, or a file found damaged).
    seal_on_close: bool,
    /// Declared last: released after the database is closed and sealed.
    _lock: Option<DbLock>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("path", &self.shared.path)
            .finish()
    }
}

impl Drop for Store {
    fn drop(&mut self) {
        let db = self.db.take();
        // Closing writes redb's clean-shutdown state; on a damaged file that may panic.
        let closed = contain(|| {
            drop(db);
            Ok(())
        });
        if closed.is_err() {
            log::warn!(
                "{} did not close cleanly; it is checked whole at the next open",
                self.shared.path.display()
            );
            return;
        }
        if self.seal_on_close
            && !self.shared.damaged.load(Ordering::SeqCst)
            && !std::thread::panicking()
        {
            seal::write(&self.shared.path);
        }
    }
}

/// A consistent view of the database for reading.
pub struct ReadView {
    tx: redb::ReadTransaction,
    shared: Arc<Shared>,
}

impl ReadView {
    fn table<K: redb::Key + 'static, V: redb::Value + 'static>(
        &self,
        def: TableDefinition<K, V>,
    ) -> Result<Option<redb::ReadOnlyTable<K, V>>, StoreError> {
        match self.tx.open_table(def) {
            Ok(t) => Ok(Some(t)),
            Err(redb::TableError::TableDoesNotExist(_)) => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    reads!();
}

impl Store {
    fn db(&self) -> Result<&redb::Database, StoreError> {
        self.db
            .as_ref()
            .ok_or_else(|| StoreError::Engine("the database is closed".into()))
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
        let tx = self.shared.guard(|| Ok(self.db()?.begin_read()?))?;
        Ok(ReadView {
            tx,
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
                tx: self.db()?.begin_write()?,
                shared: Arc::clone(&self.shared),
            };
            let out = f(&mut tx)?;
            tx.tx.commit()?;
            Ok(out)
        })
    }

    /// Whether the database holds no records at all (a new file, or one only stamped with
    /// its schema).
    pub fn is_blank(&self) -> Result<bool, StoreError> {
        let view = self.read()?;
        self.shared.guard(|| {
            for (_, def) in ID_TABLES {
                if let Some(t) = view.table(def)?
                    && t.len()? > 0
                {
                    return Ok(false);
                }
            }
            for def in [BRIEFS, SCHEDULE_ISSUES] {
                if let Some(t) = view.table(def)?
                    && t.len()? > 0
                {
                    return Ok(false);
                }
            }
            Ok(true)
        })
    }
}

/// A write transaction. Created by [`Store::write`]; commits when the closure returns `Ok`.
pub struct WriteTx {
    tx: redb::WriteTransaction,
    shared: Arc<Shared>,
}

impl WriteTx {
    fn table<K: redb::Key + 'static, V: redb::Value + 'static>(
        &self,
        def: TableDefinition<K, V>,
    ) -> Result<Option<redb::Table<'_, K, V>>, StoreError> {
        Ok(Some(self.tx.open_table(def)?))
    }

    reads!();

    /// Hands out a new record id, unique across all kinds.
    pub fn next_id(&mut self) -> Result<u64, StoreError> {
        let mut meta = self.tx.open_table(META)?;
        let last = match meta.get(KEY_LAST_ID)? {
            Some(v) => {
                let b = v.value();
                let arr: [u8; 8] = b.try_into().map_err(|_| StoreError::Record {
                    table: "meta",
                    key: KEY_LAST_ID.into(),
                    source: codec::CodecError::NotARecord,
                })?;
                u64::from_le_bytes(arr)
            }
            None => 0,
        };
        let next = last + 1;
        meta.insert(KEY_LAST_ID, next.to_le_bytes().as_slice())?;
        Ok(next)
    }

    /// Inserts or replaces a record.
    pub fn put<T: Entity>(&mut self, record: &T) -> Result<(), StoreError> {
        let bytes = record.encode()?;
        self.tx
            .open_table(T::TABLE)?
            .insert(record.key(), bytes.as_slice())?;
        Ok(())
    }

    /// Deletes a record; `true` if it existed.
    pub fn delete<T: Entity>(&mut self, id: u64) -> Result<bool, StoreError> {
        Ok(self.tx.open_table(T::TABLE)?.remove(id)?.is_some())
    }

    /// Issues the next job number of `year` in `format`, recording it so no two jobs share one.
    pub fn issue_job_number(
        &mut self,
        format: &JobNumberFormat,
        year: i32,
    ) -> Result<JobNumber, StoreError> {
        let mut seqs = self.tx.open_table(JOB_SEQ)?;
        let last = seqs.get(year)?.map(|v| v.value());
        let number = format
            .issue(year, last)
            .map_err(|e| StoreError::Engine(e.to_string()))?;
        seqs.insert(year, number.seq)?;
        Ok(number)
    }

    /// Stores a new brief version. Versions are never overwritten.
    pub fn append_brief(&mut self, version: &BriefVersion) -> Result<(), StoreError> {
        let bytes = version.encode()?;
        let mut t = self.tx.open_table(BRIEFS)?;
        let key = (version.job_id.0, version.version);
        if t.get(key)?.is_some() {
            return Err(StoreError::Engine(format!(
                "brief version {} of job {} already exists",
                version.version, version.job_id
            )));
        }
        t.insert(key, bytes.as_slice())?;
        Ok(())
    }

    /// Saves a job's working schedule (replacing the previous state).
    pub fn put_schedule(&mut self, schedule: &JobSchedule) -> Result<(), StoreError> {
        let bytes = schedule.encode()?;
        self.tx
            .open_table(SCHEDULES)?
            .insert(schedule.job_id.0, bytes.as_slice())?;
        Ok(())
    }

    /// Removes a job's working schedule; `true` if it had one. Issued versions stay.
    pub fn delete_schedule(&mut self, job: JobId) -> Result<bool, StoreError> {
        Ok(self.tx.open_table(SCHEDULES)?.remove(job.0)?.is_some())
    }

    /// Stores an issued schedule version. Issued versions are never overwritten.
    pub fn issue_schedule(&mut self, issued: &IssuedSchedule) -> Result<(), StoreError> {
        let bytes = issued.encode()?;
        let mut t = self.tx.open_table(SCHEDULE_ISSUES)?;
        let key = (issued.job_id.0, issued.version);
        if t.get(key)?.is_some() {
            return Err(StoreError::Engine(format!(
                "schedule version {} of job {} was already issued",
                issued.version, issued.job_id
            )));
        }
        t.insert(key, bytes.as_slice())?;
        Ok(())
    }

    /// Saves the agency settings.
    pub fn put_settings(&mut self, settings: &AgencySettings) -> Result<(), StoreError> {
        let bytes = settings.encode()?;
        self.tx
            .open_table(META)?
            .insert(KEY_SETTINGS, bytes.as_slice())?;
        Ok(())
    }

    /// Appends an entry to the change log.
    pub fn log(&mut self, change: &Change) -> Result<(), StoreError> {
        let bytes = change.encode()?;
        let mut t = self.tx.open_table(CHANGES)?;
        let next = match t.last()? {
            Some((k, _)) => k.value() + 1,
            None => 1,
        };
        t.insert(next, bytes.as_slice())?;
        Ok(())
    }
}

#[cfg(test)]
mod tests;
