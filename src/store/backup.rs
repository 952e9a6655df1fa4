//! Backups: a consistent copy of the database made through a read transaction (so it is never
//! torn by a concurrent write), automatic daily copies beside the database, and restore.

use super::tables::*;
use super::{Store, StoreError};
use chrono::NaiveDateTime;
use redb::{ReadableDatabase, ReadableTable, TableDefinition};
use std::path::{Path, PathBuf};

/// How many automatic backups are kept.
pub const KEEP_AUTOMATIC: usize = 14;
/// Folder beside the database that holds automatic backups.
pub const BACKUP_DIR: &str = "backups";

fn copy_table<K: redb::Key + 'static, V: redb::Value + 'static>(
    src: &redb::ReadTransaction,
    dst: &redb::WriteTransaction,
    def: TableDefinition<K, V>,
) -> Result<(), StoreError> {
    let from = match src.open_table(def) {
        Ok(t) => t,
        Err(redb::TableError::TableDoesNotExist(_)) => return Ok(()),
        Err(e) => return Err(e.into()),
    };
    let mut to = dst.open_table(def)?;
    for row in from.iter()? {
        let (k, v) = row?;
        to.insert(k.value(), v.value())?;
    }
    Ok(())
}

impl Store {
    /// Writes a consistent copy of the database to `dest`, which must not exist. The copy is
    /// written to a temporary file first and renamed into place, so `dest` is either complete
    /// or absent.
    pub fn backup_to(&self, dest: &Path) -> Result<(), StoreError> {
        if dest.exists() {
            return Err(StoreError::Exists {
                path: dest.to_path_buf(),
            });
        }
        if let Some(dir) = dest.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| StoreError::io(dir, e))?;
        }
        let tmp = temp_beside(dest);
        let result = (|| {
            let src = self.db.begin_read()?;
            let out = redb::Database::create(&tmp).map_err(|e| super::open_error(&tmp, e))?;
            let tx = out.begin_write()?;
            copy_table(&src, &tx, META)?;
            for (_, def) in ID_TABLES {
                copy_table(&src, &tx, def)?;
            }
            copy_table(&src, &tx, BRIEFS)?;
            copy_table(&src, &tx, JOB_SEQ)?;
            copy_table(&src, &tx, SCHEDULES)?;
            copy_table(&src, &tx, SCHEDULE_ISSUES)?;
            tx.commit()?;
            drop(out);
            std::fs::rename(&tmp, dest).map_err(|e| StoreError::io(dest, e))
        })();
        if result.is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
        result
    }

    /// Makes the automatic backup for `now` (local time) unless one from the same day exists,
    /// then keeps only the newest [`KEEP_AUTOMATIC`]. Returns the new file, if any.
    pub fn auto_backup(&self, now: NaiveDateTime) -> Result<Option<PathBuf>, StoreError> {
        let dir = backup_dir(&self.path);
        let stem = stem(&self.path);
        let day = now.format("%Y%m%d").to_string();
        let existing = automatic_backups(&dir, &stem)?;
        if existing
            .iter()
            .filter(|p| !is_tagged(p, &stem))
            .any(|p| file_name(p).starts_with(&format!("{stem}-{day}-")))
        {
            return Ok(None);
        }
        let dest = dir.join(format!("{stem}-{}.redb", now.format("%Y%m%d-%H%M%S")));
        self.backup_to(&dest)?;
        let mut all = automatic_backups(&dir, &stem)?;
        all.sort();
        let excess = all.len().saturating_sub(KEEP_AUTOMATIC);
        for old in all.iter().take(excess) {
            std::fs::remove_file(old).map_err(|e| StoreError::io(old, e))?;
        }
        Ok(Some(dest))
    }
}

/// The automatic-backup folder of the database at `db`.
pub fn backup_dir(db: &Path) -> PathBuf {
    db.parent()
        .map(|d| d.join(BACKUP_DIR))
        .unwrap_or_else(|| PathBuf::from(BACKUP_DIR))
}

fn stem(db: &Path) -> String {
    db.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "account-desk".into())
}

fn file_name(p: &Path) -> String {
    p.file_name()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn temp_beside(dest: &Path) -> PathBuf {
    let mut name = dest
        .file_name()
        .map(|s| s.to_os_string())
        .unwrap_or_default();
    name.push(format!(".partial-{}", std::process::id()));
    dest.with_file_name(name)
}

/// Automatic backups of the database named `stem` in `dir`, newest last.
pub fn automatic_backups(dir: &Path, stem: &str) -> Result<Vec<PathBuf>, StoreError> {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(StoreError::io(dir, e)),
    };
    let prefix = format!("{stem}-");
    let mut out = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| StoreError::io(dir, e))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = name
            .strip_prefix(&prefix)
            .and_then(|r| r.strip_suffix(".redb"))
        else {
            continue;
        };
        // yyyymmdd-hhmmss, optionally followed by a tag such as -pre-restore
        let stamp_ok = rest.len() >= 15
            && rest.as_bytes()[8] == b'-'
            && rest[..8].bytes().all(|b| b.is_ascii_digit())
            && rest[9..15].bytes().all(|b| b.is_ascii_digit());
        if stamp_ok {
            out.push(entry.path());
        }
    }
    out.sort();
    Ok(out)
}

/// True for a tagged copy such as `…-pre-restore.redb`: pruned with the automatic backups, but
/// neither the day's backup nor one to offer (it is the file a restore replaced, usually the
/// damaged one).
fn is_tagged(p: &Path, stem: &str) -> bool {
    file_name(p).len() != stem.len() + "-yyyymmdd-hhmmss.redb".len()
}

/// The newest automatic backup of the database at `db`, if any; what to offer when the
/// database cannot be opened.
pub fn newest_backup(db: &Path) -> Result<Option<PathBuf>, StoreError> {
    let stem = stem(db);
    Ok(automatic_backups(&backup_dir(db), &stem)?
        .into_iter()
        .rfind(|p| !is_tagged(p, &stem)))
}

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Restored {
    /// Where the database that was replaced was saved first (if there was one).
    pub previous_saved_to: Option<PathBuf>,
}

/// Replaces the database at `db` with the backup at `backup`. The backup is verified first
/// (it must open and every record decode). An existing database is only replaced with
/// `force`, and is itself copied into the backup folder first (tagged `-pre-restore`), as a
/// plain file copy so that even a damaged database is kept.
pub fn restore(
    db: &Path,
    backup: &Path,
    force: bool,
    now: NaiveDateTime,
) -> Result<Restored, StoreError> {
    if !backup.is_file() {
        return Err(StoreError::io(
            backup,
            std::io::Error::new(std::io::ErrorKind::NotFound, "backup file not found"),
        ));
    }
    if db.exists() && !force {
        return Err(StoreError::Exists {
            path: db.to_path_buf(),
        });
    }
    if let Some(dir) = db.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| StoreError::io(dir, e))?;
    }
    // Verify a private copy, so the backup file itself is never modified.
    let staged = temp_beside(db);
    std::fs::copy(backup, &staged).map_err(|e| StoreError::io(backup, e))?;
    let verified = (|| {
        let store = Store::open_checked(&staged)?;
        let report = store.check()?;
        if let Some(problem) = report.problems.first() {
            return Err(StoreError::Corrupted {
                path: backup.to_path_buf(),
                detail: problem.clone(),
            });
        }
        Ok(())
    })();
    if let Err(e) = verified {
        let _ = std::fs::remove_file(&staged);
        return Err(match e {
            StoreError::NotADatabase { detail, .. } => StoreError::NotADatabase {
                path: backup.to_path_buf(),
                detail,
            },
            StoreError::Corrupted { detail, .. } => StoreError::Corrupted {
                path: backup.to_path_buf(),
                detail,
            },
            other => other,
        });
    }
    let mut previous_saved_to = None;
    if db.exists() {
        let dir = backup_dir(db);
        std::fs::create_dir_all(&dir).map_err(|e| StoreError::io(&dir, e))?;
        let saved = dir.join(format!(
            "{}-{}-pre-restore.redb",
            stem(db),
            now.format("%Y%m%d-%H%M%S")
        ));
        if let Err(e) = std::fs::copy(db, &saved) {
            let _ = std::fs::remove_file(&staged);
            return Err(StoreError::io(&saved, e));
        }
        previous_saved_to = Some(saved);
    }
    std::fs::rename(&staged, db).map_err(|e| StoreError::io(db, e))?;
    Ok(Restored { previous_saved_to })
}
