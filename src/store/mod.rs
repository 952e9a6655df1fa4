//! Storage: the only place redb appears. Everything above speaks in domain types through
//! [`Store`] and [`WriteTx`], so a shared PostgreSQL backend can later be another
//! implementation of the same surface instead of a rewrite.
//!
//! Values are `&[u8]` envelopes decoded here with a `Result` (see [`codec`]); the schema
//! version lives in the `meta` table; opening runs numbered migrations ([`migrate`]) and
//! refuses a database written by a newer build.

pub mod backup;
pub mod codec;
mod error;
mod migrate;
pub mod records;
mod seal;
mod tables;

pub use codec::Kind;
pub use error::StoreError;
pub use migrate::SCHEMA_VERSION;

use crate::domain::schedule::{IssuedSchedule, JobSchedule};
use crate::domain::{
    AgencySettings, Brand, BriefVersion, Change, Client, Contact, Contract, Job, JobId, JobNumber,
    JobNumberFormat, Meeting, User,
};
use records::Record;
use redb::{ReadableDatabase, ReadableTable, ReadableTableMetadata, TableDefinition};
use std::path::{Path, PathBuf};
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

fn decode_at<T: Record>(
    table: &'static str,
    key: impl ToString,
    bytes: &[u8],
) -> Result<T, StoreError> {
    T::decode(bytes).map_err(|source| StoreError::Record {
        table,
        key: key.to_string(),
        source,
    })
}

/// Reads shared by [`Store`] (a read transaction) and [`WriteTx`] (reads see the
/// transaction's own writes).
macro_rules! reads {
    () => {
        /// One record by id, `None` if there is none.
        pub fn get<T: Entity>(&self, id: u64) -> Result<Option<T>, StoreError> {
            let Some(table) = self.table(T::TABLE)? else {
                return Ok(None);
            };
            match table.get(id)? {
                Some(v) => decode_at(T::TABLE_NAME, id, v.value()).map(Some),
                None => Ok(None),
            }
        }

        /// Every record of a kind, in id order (creation order).
        pub fn all<T: Entity>(&self) -> Result<Vec<T>, StoreError> {
            let Some(table) = self.table(T::TABLE)? else {
                return Ok(Vec::new());
            };
            let mut out = Vec::with_capacity(table.len()? as usize);
            for row in table.iter()? {
                let (k, v) = row?;
                out.push(decode_at(T::TABLE_NAME, k.value(), v.value())?);
            }
            Ok(out)
        }

        /// Every record of a kind, in id order, handed to `f` one at a time: for readers that
        /// keep only part of each record, so the whole table is never in memory at once.
        pub fn each<T: Entity>(&self, mut f: impl FnMut(T)) -> Result<(), StoreError> {
            let Some(table) = self.table(T::TABLE)? else {
                return Ok(());
            };
            for row in table.iter()? {
                let (k, v) = row?;
                f(decode_at(T::TABLE_NAME, k.value(), v.value())?);
            }
            Ok(())
        }

        /// Every version of a job's brief, oldest first.
        pub fn brief_versions(&self, job: JobId) -> Result<Vec<BriefVersion>, StoreError> {
            let Some(table) = self.table(BRIEFS)? else {
                return Ok(Vec::new());
            };
            let mut out = Vec::new();
            for row in table.range((job.0, 0)..=(job.0, u32::MAX))? {
                let (k, v) = row?;
                let (j, n) = k.value();
                out.push(decode_at("brief_versions", format!("{j}/{n}"), v.value())?);
            }
            Ok(out)
        }

        /// A job's working schedule, if it has one.
        pub fn schedule(&self, job: JobId) -> Result<Option<JobSchedule>, StoreError> {
            let Some(table) = self.table(SCHEDULES)? else {
                return Ok(None);
            };
            match table.get(job.0)? {
                Some(v) => decode_at("schedules", job.0, v.value()).map(Some),
                None => Ok(None),
            }
        }

        /// The versions of a job's schedule issued to the client, oldest first.
        pub fn issued_schedules(&self, job: JobId) -> Result<Vec<IssuedSchedule>, StoreError> {
            let Some(table) = self.table(SCHEDULE_ISSUES)? else {
                return Ok(Vec::new());
            };
            let mut out = Vec::new();
            for row in table.range((job.0, 0)..=(job.0, u32::MAX))? {
                let (k, v) = row?;
                let (j, n) = k.value();
                out.push(decode_at("schedule_issues", format!("{j}/{n}"), v.value())?);
            }
            Ok(out)
        }

        /// The newest version of a job's brief.
        pub fn latest_brief(&self, job: JobId) -> Result<Option<BriefVersion>, StoreError> {
            let Some(table) = self.table(BRIEFS)? else {
                return Ok(None);
            };
            let last = table.range((job.0, 0)..=(job.0, u32::MAX))?.next_back();
            match last {
                Some(row) => {
                    let (k, v) = row?;
                    let (j, n) = k.value();
                    decode_at("brief_versions", format!("{j}/{n}"), v.value()).map(Some)
                }
                None => Ok(None),
            }
        }

        /// The agency settings (defaults if never saved).
        pub fn settings(&self) -> Result<AgencySettings, StoreError> {
            let Some(table) = self.table(META)? else {
                return Ok(AgencySettings::default());
            };
            match table.get(KEY_SETTINGS)? {
                Some(v) => decode_at("meta", KEY_SETTINGS, v.value()),
                None => Ok(AgencySettings::default()),
            }
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
            let Some(table) = self.table(CHANGES)? else {
                return Ok(Vec::new());
            };
            let mut out = Vec::new();
            for row in table.iter()? {
                let (k, v) = row?;
                out.push(decode_at("changes", k.value(), v.value())?);
            }
            Ok(out)
        }

        /// The job with this number text (e.g. `2026-0042`), ignoring case and surrounding
        /// spaces.
        pub fn job_by_number(&self, number: &str) -> Result<Option<Job>, StoreError> {
            let wanted = number.trim();
            Ok(self
                .all::<Job>()?
                .into_iter()
                .find(|j| j.number.text.eq_ignore_ascii_case(wanted)))
        }
    };
}

/// An open Account Desk database.
pub struct Store {
    db: redb::Database,
    path: PathBuf,
    /// Declared after `db`, so it is dropped (and writes the clean-close seal) after the
    /// database is closed. `None` for verification opens, which never vouch for a file.
    _seal: Option<seal::Seal>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}

/// A consistent view of the database for reading.
pub struct ReadView {
    tx: redb::ReadTransaction,
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
    /// Opens the database at `path`, creating it (and its folder) if there is no file yet.
    /// Checks the file's integrity — unless it is exactly as this program closed it (see
    /// [`seal`]) — then its schema version: older schemas are migrated, newer ones refused.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        Self::open_with(path, false)
    }

    /// Opens like [`Store::open`] but always checks the whole file's integrity, and writes
    /// no clean-close seal: for `check` and for verifying a backup before a restore.
    pub fn open_checked(path: &Path) -> Result<Store, StoreError> {
        Self::open_with(path, true)
    }

    fn open_with(path: &Path, always_check: bool) -> Result<Store, StoreError> {
        let existed = path.exists();
        if !existed {
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir).map_err(|e| StoreError::io(dir, e))?;
            }
        } else if path.is_dir() {
            return Err(StoreError::NotADatabase {
                path: path.to_path_buf(),
                detail: "it is a folder".into(),
            });
        }
        let mut builder = redb::Builder::new();
        builder.set_cache_size(CACHE_BYTES);
        // A plain open trusts the file and a later read may panic on damage; the check makes
        // damage an error at open time instead.
        let sealed = existed && seal::take(path);
        builder.set_check_integrity_on_open(always_check || !sealed);
        let opened = if existed {
            builder.open(path)
        } else {
            builder.create(path)
        };
        let db = opened.map_err(|e| open_error(path, e))?;
        let store = Store {
            db,
            path: path.to_path_buf(),
            _seal: (!always_check).then(|| seal::Seal::new(path)),
        };
        migrate::prepare(&store.db, path, existed)?;
        Ok(store)
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// A consistent snapshot for several reads.
    pub fn read(&self) -> Result<ReadView, StoreError> {
        Ok(ReadView {
            tx: self.db.begin_read()?,
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
    /// or nothing is if it returns an error.
    pub fn write<T>(
        &self,
        f: impl FnOnce(&mut WriteTx) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let mut tx = WriteTx {
            tx: self.db.begin_write()?,
        };
        let out = f(&mut tx)?;
        tx.tx.commit()?;
        Ok(out)
    }

    /// Decodes every record of every table; returns counts per kind and every problem found.
    pub fn check(&self) -> Result<CheckReport, StoreError> {
        let view = self.read()?;
        let mut report = CheckReport {
            schema_version: migrate::schema_version(&view.tx)?.unwrap_or(0),
            ..Default::default()
        };
        fn tally<T: Record>(
            report: &mut CheckReport,
            table: &'static str,
            rows: impl Iterator<Item = Result<(String, Vec<u8>), StoreError>>,
        ) -> Result<(), StoreError> {
            let mut n = 0;
            for row in rows {
                let (key, bytes) = row?;
                match T::decode(&bytes) {
                    Ok(_) => n += 1,
                    Err(e) => report.problems.push(format!("{table} {key}: {e}")),
                }
            }
            report.counts.push((T::KIND, n));
            Ok(())
        }
        // Every row of a table as (key for messages, bytes); no table yet means no rows.
        macro_rules! rows {
            ($def:expr, |$k:ident| $key:expr) => {
                match view.table($def)? {
                    Some(t) => t
                        .iter()?
                        .map(|r| {
                            r.map(|(k, v)| {
                                let $k = k.value();
                                ($key, v.value().to_vec())
                            })
                            .map_err(StoreError::from)
                        })
                        .collect::<Vec<_>>(),
                    None => Vec::new(),
                }
            };
        }
        macro_rules! id_table {
            ($t:ty) => {
                tally::<$t>(
                    &mut report,
                    <$t>::TABLE_NAME,
                    rows!(<$t>::TABLE, |k| k.to_string()).into_iter(),
                )?
            };
        }
        id_table!(User);
        id_table!(Client);
        id_table!(Contact);
        id_table!(Contract);
        id_table!(Brand);
        id_table!(Job);
        id_table!(Meeting);
        let briefs = rows!(BRIEFS, |k| format!("{}/{}", k.0, k.1));
        tally::<BriefVersion>(&mut report, "brief_versions", briefs.into_iter())?;
        let schedules = rows!(SCHEDULES, |k| k.to_string());
        tally::<JobSchedule>(&mut report, "schedules", schedules.into_iter())?;
        let issues = rows!(SCHEDULE_ISSUES, |k| format!("{}/{}", k.0, k.1));
        tally::<IssuedSchedule>(&mut report, "schedule_issues", issues.into_iter())?;
        let changes = rows!(CHANGES, |k| k.to_string());
        tally::<Change>(&mut report, "changes", changes.into_iter())?;
        if let Err(e) = view.settings() {
            report.problems.push(format!("settings: {e}"));
        }
        Ok(report)
    }
}

/// What [`Store::check`] found.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct CheckReport {
    /// Schema version of the file.
    pub schema_version: u32,
    /// Records decoded, per kind.
    pub counts: Vec<(Kind, usize)>,
    /// One line per record that failed to decode.
    pub problems: Vec<String>,
}

impl CheckReport {
    /// Records of `kind` decoded.
    pub fn count(&self, kind: Kind) -> usize {
        self.counts
            .iter()
            .find(|(k, _)| *k == kind)
            .map_or(0, |(_, n)| *n)
    }
}

pub(crate) fn open_error(path: &Path, e: redb::DatabaseError) -> StoreError {
    let path = path.to_path_buf();
    match e {
        redb::DatabaseError::DatabaseAlreadyOpen => StoreError::AlreadyOpen { path },
        redb::DatabaseError::Storage(redb::StorageError::Corrupted(detail)) => {
            StoreError::Corrupted { path, detail }
        }
        redb::DatabaseError::Storage(redb::StorageError::Io(io))
            if io.kind() == std::io::ErrorKind::InvalidData
                || io.kind() == std::io::ErrorKind::UnexpectedEof =>
        {
            StoreError::NotADatabase {
                path,
                detail: io.to_string(),
            }
        }
        redb::DatabaseError::Storage(redb::StorageError::Io(io)) => {
            StoreError::Io { path, source: io }
        }
        redb::DatabaseError::UpgradeRequired(v) => StoreError::NotADatabase {
            path,
            detail: format!("an old database engine format ({v})"),
        },
        other => StoreError::Engine(other.to_string()),
    }
}

/// A write transaction. Created by [`Store::write`]; commits when the closure returns `Ok`.
pub struct WriteTx {
    tx: redb::WriteTransaction,
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
