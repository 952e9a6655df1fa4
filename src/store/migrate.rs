//! Schema versions and numbered migrations. A database remembers the schema it was written
//! with; opening it with a newer build runs each migration in order, in one transaction, and
//! a database from a newer build is refused rather than misread.
//!
//! Before a file of an older release is migrated, it is copied into `backups/`
//! (`…-pre-migration.redb`), so a migration can always be undone by a restore.
//!
//! Adding a migration: bump [`SCHEMA_VERSION`], append `(new_version, function)` to
//! [`MIGRATIONS`], and commit a fixture database written by the previous release under
//! `tests/fixtures/` with a test that opens it.

use super::StoreError;
use super::backend::{Key, KeyShape, meta_bytes};
use super::codec::{self, Kind};
use super::redb_engine::{id_table, pair_table, row};
use super::tables::{
    BRIEFS, BUDGET_REPORTS, BUDGETS, BY_JOB, CREATIVE_WORKS, DOCUMENTS, ESTIMATE_VERSIONS,
    ESTIMATES, FEED, ID_TABLES, INVOICES, KEY_SCHEMA, KEY_SETTINGS, LIBRARY_ITEMS, MEETINGS, META,
    RELEASES, SCHEDULE_ISSUES, SCHEDULES, VENDOR_COSTS,
};
use redb::{ReadableDatabase, ReadableTable, ReadableTableMetadata, TableDefinition};
use std::path::{Path, PathBuf};

/// The schema this build writes.
pub const SCHEMA_VERSION: u32 = 11;

/// The first schema whose records all carry a checksum (envelope layout 2).
pub const SEALED_SINCE: u32 = 4;

/// A migration step to the version it is listed with.
type Migration = fn(&redb::WriteTransaction) -> Result<(), StoreError>;

/// Migrations in order: `(version reached, step)`.
const MIGRATIONS: &[(u32, Migration)] = &[
    (2, add_schedules),
    (3, add_meetings),
    (4, seal_records),
    (5, add_revisions),
    (6, inline_revisions),
    (7, add_estimates),
    (8, index_by_job),
    (9, add_invoices),
    (10, add_documents),
    (11, add_library),
];

/// Schema 5's table of every row's bookkeeping by `(kind, id, version)`; since schema 6 the
/// bookkeeping is part of the row.
const REVISIONS: TableDefinition<(u8, u64, u32), &[u8]> = TableDefinition::new("revisions");

/// Schema 5: every row's revision and the change feed (two new, empty tables). Rows written
/// before read as revision 0 ("before revisions were kept"); nothing is rewritten.
fn add_revisions(tx: &redb::WriteTransaction) -> Result<(), StoreError> {
    tx.open_table(REVISIONS)?;
    tx.open_table(FEED)?;
    Ok(())
}

/// Schema 6: each row's bookkeeping moves from `revisions` into the row itself, ahead of its
/// envelope ([`row`]), so that a write changes one table for the record instead of two; the
/// table is then deleted. Rows without an entry (written before schema 5) stay bare
/// envelopes, revision 0. An entry that cannot be read stops the migration (the file is
/// damaged, and the pre-migration copy in `backups/` is as it was).
fn inline_revisions(tx: &redb::WriteTransaction) -> Result<(), StoreError> {
    let mut after: Option<(u8, u64, u32)> = None;
    loop {
        let batch: Vec<((u8, u64, u32), Vec<u8>)> = {
            let t = match tx.open_table(REVISIONS) {
                Ok(t) => t,
                Err(redb::TableError::TableDoesNotExist(_)) => return Ok(()),
                Err(e) => return Err(e.into()),
            };
            let rows = match after {
                None => t.range::<(u8, u64, u32)>(..)?,
                Some(last) => {
                    t.range((std::ops::Bound::Excluded(last), std::ops::Bound::Unbounded))?
                }
            };
            let mut out = Vec::with_capacity(RESEAL_BATCH);
            for entry in rows.take(RESEAL_BATCH) {
                let (k, v) = entry?;
                out.push((k.value(), v.value().to_vec()));
            }
            out
        };
        let Some(&(last, _)) = batch.last() else {
            break;
        };
        for ((code, id, version), bytes) in &batch {
            let damaged = || StoreError::Record {
                table: "revisions",
                key: format!("{code}/{id}/{version}"),
                source: codec::CodecError::NotARecord,
            };
            let kind = Kind::from_code(*code).ok_or_else(damaged)?;
            let meta = meta_bytes::decode(bytes).ok_or_else(damaged)?;
            fold_row(tx, kind, Key::pair(*id, *version), &meta)?;
        }
        after = Some(last);
    }
    tx.delete_table(REVISIONS)?;
    Ok(())
}

/// Puts `meta` ahead of the envelope of one row (a row that is gone, or already carries its
/// bookkeeping, is left as it is).
fn fold_row(
    tx: &redb::WriteTransaction,
    kind: Kind,
    key: Key,
    meta: &super::backend::RowMeta,
) -> Result<(), StoreError> {
    let joined = |old: Option<Vec<u8>>| {
        old.filter(|old| row::split(kind, key, old).is_ok_and(|(m, _)| m.written.is_none()))
            .map(|old| row::join(meta, &old))
    };
    match kind.spec().shape {
        KeyShape::Id => {
            let mut t = tx.open_table(id_table(kind))?;
            let old = t.get(key.id)?.map(|v| v.value().to_vec());
            if let Some(new) = joined(old) {
                t.insert(key.id, new.as_slice())?;
            }
        }
        KeyShape::Pair => {
            let mut t = tx.open_table(pair_table(kind))?;
            let old = t.get((key.id, key.version))?.map(|v| v.value().to_vec());
            if let Some(new) = joined(old) {
                t.insert((key.id, key.version), new.as_slice())?;
            }
        }
        KeyShape::Single(name) => {
            let mut t = tx.open_table(META)?;
            let old = t.get(name)?.map(|v| v.value().to_vec());
            if let Some(new) = joined(old) {
                t.insert(name, new.as_slice())?;
            }
        }
    }
    Ok(())
}

/// Schema 2: job schedules and their issued versions (two new, empty tables). Older builds
/// then refuse the file as "too new" instead of misreading it.
fn add_schedules(tx: &redb::WriteTransaction) -> Result<(), StoreError> {
    tx.open_table(SCHEDULES)?;
    tx.open_table(SCHEDULE_ISSUES)?;
    Ok(())
}

/// Schema 7: estimates, their versions and the jobs let into production past the gate
/// (three new, empty tables; the money settings live in `meta`).
fn add_estimates(tx: &redb::WriteTransaction) -> Result<(), StoreError> {
    tx.open_table(ESTIMATES)?;
    tx.open_table(ESTIMATE_VERSIONS)?;
    tx.open_table(RELEASES)?;
    Ok(())
}

/// Schema 9: client invoices (with their receipts), vendors' costs and monthly budget
/// reports, three new, empty tables. Invoices and costs are indexed by job as they are
/// written; nothing existing is rewritten.
fn add_invoices(tx: &redb::WriteTransaction) -> Result<(), StoreError> {
    tx.open_table(INVOICES)?;
    tx.open_table(VENDOR_COSTS)?;
    tx.open_table(BUDGET_REPORTS)?;
    Ok(())
}

/// Schema 10: the documents of job files and archives (a new, empty table), indexed by job
/// as they are written; their files live in the file store beside the database, never in
/// it. Nothing existing is rewritten.
fn add_documents(tx: &redb::WriteTransaction) -> Result<(), StoreError> {
    tx.open_table(DOCUMENTS)?;
    Ok(())
}

/// Schema 11: the clients' ad archives (creative works) and the library's physical items
/// with their loans, two new, empty tables; the items' archive numbers are issued from the
/// sequence kept under year 0 of `job_seq`. Nothing existing is rewritten.
fn add_library(tx: &redb::WriteTransaction) -> Result<(), StoreError> {
    tx.open_table(CREATIVE_WORKS)?;
    tx.open_table(LIBRARY_ITEMS)?;
    Ok(())
}

/// Schema 8: clients' annual budgets (a new, empty table), and the index of rows by job
/// (`rows_by_job`), built from the rows of the kinds it covers. A row whose bookkeeping cannot
/// be read is left out of the index (`check` reports the row itself), so a damaged row does
/// not keep the file from opening.
fn index_by_job(tx: &redb::WriteTransaction) -> Result<(), StoreError> {
    tx.open_table(BUDGETS)?;
    let mut index = tx.open_table(BY_JOB)?;
    for kind in Kind::ALL.into_iter().filter(|k| k.by_job()) {
        let entries: Vec<(u64, u8, u64, u32)> = {
            let mut out = Vec::new();
            let mut add = |key: Key, value: &[u8]| {
                if let Ok((meta, _)) = row::split(kind, key, value) {
                    out.push((meta.access.job, kind as u8, key.id, key.version));
                }
            };
            match kind.spec().shape {
                KeyShape::Id => {
                    for row in tx.open_table(id_table(kind))?.iter()? {
                        let (k, v) = row?;
                        add(Key::id(k.value()), v.value());
                    }
                }
                KeyShape::Pair => {
                    for row in tx.open_table(pair_table(kind))?.iter()? {
                        let (k, v) = row?;
                        let (id, version) = k.value();
                        add(Key::pair(id, version), v.value());
                    }
                }
                KeyShape::Single(_) => {}
            }
            out
        };
        for entry in entries {
            index.insert(entry, ())?;
        }
    }
    Ok(())
}

/// Schema 3: meetings and calls with their minutes (one new, empty table).
fn add_meetings(tx: &redb::WriteTransaction) -> Result<(), StoreError> {
    tx.open_table(MEETINGS)?;
    Ok(())
}

/// Schema 4: every record's envelope carries its checksum (layout 2). Each stored envelope
/// is rewritten with [`codec::reseal`], its payload untouched; a value that is not an
/// envelope at all stops the migration (the file is damaged, and the pre-migration copy in
/// `backups/` is as it was).
fn seal_records(tx: &redb::WriteTransaction) -> Result<(), StoreError> {
    for (name, def) in ID_TABLES {
        reseal_u64(tx, name, def)?;
    }
    reseal_u64(tx, "schedules", SCHEDULES)?;
    reseal_pairs(tx, "brief_versions", BRIEFS)?;
    reseal_pairs(tx, "schedule_issues", SCHEDULE_ISSUES)?;
    let mut meta = tx.open_table(META)?;
    let settings = meta.get(KEY_SETTINGS)?.map(|v| v.value().to_vec());
    if let Some(old) = settings {
        let new = resealed("meta", KEY_SETTINGS, &old)?;
        meta.insert(KEY_SETTINGS, new.as_slice())?;
    }
    Ok(())
}

/// Rows rewritten per batch: a decade-size table is never in memory at once.
const RESEAL_BATCH: usize = 2048;

fn resealed(table: &'static str, key: impl ToString, old: &[u8]) -> Result<Vec<u8>, StoreError> {
    codec::reseal(old).map_err(|source| StoreError::Record {
        table,
        key: key.to_string(),
        source,
    })
}

/// Reseals every row of one table, in batches of [`RESEAL_BATCH`] keys from `$from`;
/// `$next` gives the key after the last of a batch (`None` past the largest key).
macro_rules! reseal_table {
    ($tx:expr, $name:expr, $def:expr, $from:expr, $show:expr, $next:expr) => {{
        let mut from = Some($from);
        while let Some(start) = from {
            let batch: Vec<_> = {
                let t = $tx.open_table($def)?;
                let mut out = Vec::with_capacity(RESEAL_BATCH);
                for row in t.range(start..)?.take(RESEAL_BATCH) {
                    let (k, v) = row?;
                    out.push((k.value(), v.value().to_vec()));
                }
                out
            };
            let Some(&(last, _)) = batch.last() else {
                break;
            };
            let mut t = $tx.open_table($def)?;
            for (k, old) in &batch {
                if !codec::is_sealed(old) {
                    t.insert(*k, resealed($name, $show(k), old)?.as_slice())?;
                }
            }
            from = $next(last);
        }
        Ok::<(), StoreError>(())
    }};
}

fn reseal_u64(
    tx: &redb::WriteTransaction,
    name: &'static str,
    def: TableDefinition<u64, &[u8]>,
) -> Result<(), StoreError> {
    reseal_table!(tx, name, def, 0u64, |k: &u64| k.to_string(), |k: u64| k
        .checked_add(1))
}

fn reseal_pairs(
    tx: &redb::WriteTransaction,
    name: &'static str,
    def: TableDefinition<(u64, u32), &[u8]>,
) -> Result<(), StoreError> {
    reseal_table!(
        tx,
        name,
        def,
        (0u64, 0u32),
        |(j, n): &(u64, u32)| format!("{j}/{n}"),
        |(j, n): (u64, u32)| match (n.checked_add(1), j.checked_add(1)) {
            (Some(n), _) => Some((j, n)),
            (None, Some(j)) => Some((j, 0)),
            (None, None) => None,
        }
    )
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

/// Brings a freshly opened database to [`SCHEMA_VERSION`]: stamps a blank one, migrates an
/// old one (after copying it into `backups/`), refuses a newer or a foreign one. With
/// `migrate` false (a file opened only to be verified) nothing is written. Returns the schema
/// the file now has.
pub fn prepare(db: &redb::Database, path: &Path, migrate: bool) -> Result<u32, StoreError> {
    let found = {
        let tx = db.begin_read()?;
        let version = schema_version(&tx)?;
        if version.is_none() && has_foreign_tables(&tx)? {
            return Err(StoreError::NotADatabase {
                path: path.to_path_buf(),
                detail: "a redb database of another program".into(),
            });
        }
        version
    };
    match found {
        Some(v) if v == SCHEMA_VERSION => Ok(v),
        Some(v) if v > SCHEMA_VERSION => Err(StoreError::TooNew {
            path: path.to_path_buf(),
            found: v,
            supported: SCHEMA_VERSION,
        }),
        Some(v) if !migrate => Ok(v),
        Some(v) => {
            let copy = copy_before_migrating(path, v)?;
            log::info!(
                "migrating {} from schema {v} to {SCHEMA_VERSION}; the file as it was is kept at {}",
                path.display(),
                copy.display()
            );
            run_migrations(db, v)?;
            Ok(SCHEMA_VERSION)
        }
        None if !migrate => Ok(0),
        None => {
            let tx = db.begin_write()?;
            {
                let mut meta = tx.open_table(META)?;
                meta.insert(KEY_SCHEMA, SCHEMA_VERSION.to_le_bytes().as_slice())?;
            }
            tx.commit()?;
            Ok(SCHEMA_VERSION)
        }
    }
}

/// Copies the database file, as the older release left it, to
/// `backups/<name>-YYYYMMDD-HHMMSS-pre-migration.redb` (through a temporary file, so the copy
/// is whole or absent). The caller holds the database's lock and has not written to it.
fn copy_before_migrating(path: &Path, from: u32) -> Result<PathBuf, StoreError> {
    let dir = super::backup::backup_dir(path);
    std::fs::create_dir_all(&dir).map_err(|e| StoreError::io(&dir, e))?;
    let stem = path.file_stem().map_or_else(
        || "account-desk".into(),
        |s| s.to_string_lossy().into_owned(),
    );
    let now = chrono::Local::now().format("%Y%m%d-%H%M%S");
    let dest = dir.join(format!("{stem}-{now}-pre-migration.redb"));
    if let Err(e) = crate::safe_file::copy_atomic(path, &dest) {
        log::warn!(
            "could not copy schema-{from} database {} before migrating: {e}",
            path.display()
        );
        return Err(StoreError::io(&dest, e));
    }
    Ok(dest)
}

fn has_foreign_tables(tx: &redb::ReadTransaction) -> Result<bool, StoreError> {
    for t in tx.list_tables()? {
        let name = redb::TableHandle::name(&t).to_string();
        let ours = name == "meta"
            || name == "changes"
            || name == "brief_versions"
            || name == "job_seq"
            || name == "schedules"
            || name == "schedule_issues"
            || name == "revisions"
            || name == "feed"
            || name == "estimate_versions"
            || name == "releases"
            || name == "rows_by_job"
            || name == "budgets"
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
