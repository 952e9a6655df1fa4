//! Schema versions and numbered migrations. A database remembers the schema it was written
//! with; opening it with a newer build runs each migration in order, in one transaction, and
//! a database from a newer build is refused rather than misread.
//!
//! Adding a migration: bump [`SCHEMA_VERSION`], append `(new_version, function)` to
//! [`MIGRATIONS`], and commit a fixture database written by the previous release under
//! `tests/fixtures/` with a test that opens it.

use super::StoreError;
use super::tables::{ID_TABLES, KEY_SCHEMA, MEETINGS, META, SCHEDULE_ISSUES, SCHEDULES};
use redb::{ReadableDatabase, ReadableTable, ReadableTableMetadata};
use std::path::Path;

/// The schema this build writes.
pub const SCHEMA_VERSION: u32 = 3;

/// A migration step to the version it is listed with.
type Migration = fn(&redb::WriteTransaction) -> Result<(), StoreError>;

/// Migrations in order: `(version reached, step)`.
const MIGRATIONS: &[(u32, Migration)] = &[(2, add_schedules), (3, add_meetings)];

/// Schema 2: job schedules and their issued versions (two new, empty tables). Older builds
/// then refuse the file as "too new" instead of misreading it.
fn add_schedules(tx: &redb::WriteTransaction) -> Result<(), StoreError> {
    tx.open_table(SCHEDULES)?;
    tx.open_table(SCHEDULE_ISSUES)?;
    Ok(())
}

/// Schema 3: meetings and calls with their minutes (one new, empty table).
fn add_meetings(tx: &redb::WriteTransaction) -> Result<(), StoreError> {
    tx.open_table(MEETINGS)?;
    Ok(())
}

/// Reads the schema version from an open transaction (`None` for a blank file).
pub fn schema_version(tx: &redb::ReadTransaction) -> Result<Option<u32>, StoreError> {
    let meta = match tx.open_table(META) {
        Ok(t) => t,
        Err(redb::TableError::TableDoesNotExist(_)) => return Ok(None),
        Err(e) => return Err(e.into()),
    };
    read_version(&meta)
}

fn read_version(
    meta: &impl ReadableTable<&'static str, &'static [u8]>,
) -> Result<Option<u32>, StoreError> {
    match meta.get(KEY_SCHEMA)? {
        Some(v) => {
            let arr: [u8; 4] = v.value().try_into().map_err(|_| {
                StoreError::Engine("the schema version in the database is damaged".into())
            })?;
            Ok(Some(u32::from_le_bytes(arr)))
        }
        None => Ok(None),
    }
}

/// Brings a freshly opened database to [`SCHEMA_VERSION`]: stamps a new one, migrates an
/// old one, refuses a newer or a foreign one.
pub fn prepare(db: &redb::Database, path: &Path, existed: bool) -> Result<(), StoreError> {
    let found = {
        let tx = db.begin_read()?;
        let version = schema_version(&tx)?;
        if version.is_none() && existed && has_foreign_tables(&tx)? {
            return Err(StoreError::NotADatabase {
                path: path.to_path_buf(),
                detail: "a redb database of another program".into(),
            });
        }
        version
    };
    match found {
        Some(v) if v == SCHEMA_VERSION => Ok(()),
        Some(v) if v > SCHEMA_VERSION => Err(StoreError::TooNew {
            path: path.to_path_buf(),
            found: v,
            supported: SCHEMA_VERSION,
        }),
        Some(v) => run_migrations(db, v),
        None => {
            let tx = db.begin_write()?;
            {
                let mut meta = tx.open_table(META)?;
                meta.insert(KEY_SCHEMA, SCHEMA_VERSION.to_le_bytes().as_slice())?;
            }
            tx.commit()?;
            Ok(())
        }
    }
}

fn has_foreign_tables(tx: &redb::ReadTransaction) -> Result<bool, StoreError> {
    for t in tx.list_tables()? {
        let name = redb::TableHandle::name(&t).to_string();
        let ours = name == "meta"
            || name == "brief_versions"
            || name == "job_seq"
            || name == "schedules"
            || name == "schedule_issues"
            || ID_TABLES.iter().any(|(n, _)| *n == name);
        if !ours {
            return Ok(true);
        }
    }
    // Our tables without a schema version: only acceptable when all are empty (a file that
    // was created but never initialised, e.g. interrupted on first start).
    for (_, def) in ID_TABLES {
        if let Ok(t) = tx.open_table(def)
            && t.len()? > 0
        {
            return Ok(true);
        }
    }
    Ok(false)
}

fn run_migrations(db: &redb::Database, from: u32) -> Result<(), StoreError> {
    let tx = db.begin_write()?;
    let mut version = from;
    for (to, step) in MIGRATIONS {
        if *to > version {
            step(&tx)?;
            version = *to;
        }
    }
    if version != SCHEMA_VERSION {
        return Err(StoreError::Engine(format!(
            "no migration path from schema {from} to {SCHEMA_VERSION}"
        )));
    }
    {
        let mut meta = tx.open_table(META)?;
        meta.insert(KEY_SCHEMA, SCHEMA_VERSION.to_le_bytes().as_slice())?;
    }
    tx.commit()?;
    Ok(())
}
