//! Backups: a consistent copy of the database made through a read transaction (so it is never
//! torn by a concurrent write), automatic daily copies beside the database, and restore.
//!
//! Backups never launder damage: an automatic backup is written only after a check of every
//! record passed, is itself verified once written (a `.verified` note beside it says so), and
//! rotation never deletes the newest verified backup, however many newer copies there are.
//! A restore holds the database's lock from verifying the backup to the final rename.

use super::lock::DbLock;
use super::tables::*;
use super::{CheckReport, Store, StoreError};
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
        let tmp = super::temp_beside(dest, "backup");
        let result = self.shared.guard(|| {
            let engine = self.redb().ok_or_else(|| {
                StoreError::Engine("a database kept in memory has no file to back up".into())
            })?;
            let src = engine.db()?.begin_read()?;
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
            copy_table(&src, &tx, ESTIMATE_VERSIONS)?;
            copy_table(&src, &tx, RELEASES)?;
            copy_table(&src, &tx, BY_JOB)?;
            copy_table(&src, &tx, FEED)?;
            tx.commit()?;
            drop(out);
            std::fs::rename(&tmp, dest).map_err(|e| StoreError::io(dest, e))
        });
        if result.is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
        result?;
        crate::safe_file::sync_folder(dest);
        Ok(())
    }

    /// Makes the automatic backup for `now` (local time) unless one from the same day exists,
    /// then prunes old ones (see [`prune`]). `checked` is the check of every record run since
    /// this store was opened: a backup is refused unless it passed, so a damaged file never
    /// replaces good backups. The new copy is verified and marked so. Returns the new file,
    /// if any.
    pub fn auto_backup(
        &self,
        now: NaiveDateTime,
        checked: &CheckReport,
    ) -> Result<Option<PathBuf>, StoreError> {
        if let Some(problem) = checked.problems.first() {
            return Err(StoreError::corrupted(
                self.path(),
                format!(
                    "{problem}; no automatic backup was made, so the earlier ones stay as they are"
                ),
            ));
        }
        let dir = backup_dir(self.path());
        let stem = stem(self.path());
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
        // The database only: the files beside it (masters of gigabytes) go into the backups
        // made on purpose, which share them through their manifests (`backup_with_files`).
        // Restoring this copy leaves the file store as it is; it only ever gains files.
        self.backup_to(&dest)?;
        let verified = verify_copy(&dest, self.path());
        match &verified {
            Ok(report) => mark_verified(&dest, report),
            Err(e) => log::warn!("the backup {} did not verify: {e}", dest.display()),
        }
        prune(&dir, &stem)?;
        verified?;
        Ok(Some(dest))
    }
}

/// Opens a copy (a backup just written, a staged restore) on its own and checks every
/// record; problems become [`StoreError::BadBackup`] for `db`.
fn verify_copy(copy: &Path, db: &Path) -> Result<CheckReport, StoreError> {
    let bad = |detail: String| StoreError::BadBackup {
        path: copy.to_path_buf(),
        db: db.to_path_buf(),
        detail,
    };
    let store = match Store::open_unlocked_for_check(copy) {
        Ok(s) => s,
        Err(StoreError::TooNew {
            found, supported, ..
        }) => {
            return Err(bad(format!(
                "it was written by a newer Account Desk (schema {found}, this version reads up to {supported}); update Account Desk"
            )));
        }
        Err(StoreError::NotADatabase { detail, .. }) => {
            return Err(bad(format!("it is not an Account Desk database: {detail}")));
        }
        Err(StoreError::Corrupted { detail, .. }) => {
            return Err(bad(format!("it is damaged ({detail})")));
        }
        Err(e) => return Err(e),
    };
    let report = store.check().map_err(|e| match e {
        StoreError::Corrupted { detail, .. } => bad(format!("it is damaged ({detail})")),
        other => other,
    })?;
    if let Some(problem) = report.problems.first() {
        return Err(bad(format!(
            "it is damaged ({problem}; {} problem(s) in all)",
            report.problems.len()
        )));
    }
    Ok(report)
}

/// The note beside a backup that says it was verified.
fn verified_note(backup: &Path) -> PathBuf {
    let mut name = backup.file_name().unwrap_or_default().to_os_string();
    name.push(".verified");
    backup.with_file_name(name)
}

fn mark_verified(backup: &Path, report: &CheckReport) {
    let len = std::fs::metadata(backup).map_or(0, |m| m.len());
    let counts: Vec<String> = report
        .counts
        .iter()
        .map(|(k, n)| format!("{}={n}", k.name()))
        .collect();
    let note = format!(
        "account-desk verified backup v1\nlength {len}\nschema {}\n{}\n",
        report.schema_version,
        counts.join(", ")
    );
    if let Err(e) = std::fs::write(verified_note(backup), note) {
        log::warn!("could not mark {} as verified: {e}", backup.display());
    }
}

/// Whether the backup was verified when it was written and still has the length it had.
pub fn is_verified(backup: &Path) -> bool {
    let Ok(note) = std::fs::read_to_string(verified_note(backup)) else {
        return false;
    };
    let len = std::fs::metadata(backup).map_or(u64::MAX, |m| m.len());
    note.starts_with("account-desk verified backup v1\n")
        && note.lines().nth(1) == Some(format!("length {len}").as_str())
}

/// Keeps the newest [`KEEP_AUTOMATIC`] automatic backups, and the newest verified one even
/// when it is older: fourteen daily copies of a file going bad can never push out the last
/// good backup.
pub(super) fn prune(dir: &Path, stem: &str) -> Result<(), StoreError> {
    let mut all = automatic_backups(dir, stem)?;
    all.sort();
    let excess = all.len().saturating_sub(KEEP_AUTOMATIC);
    let newest_verified = all
        .iter()
        .rev()
        .find(|p| !is_tagged(p, stem) && is_verified(p))
        .cloned();
    for old in all.iter().take(excess) {
        if Some(old) == newest_verified.as_ref() {
            continue;
        }
        std::fs::remove_file(old).map_err(|e| StoreError::io(old, e))?;
        let _ = std::fs::remove_file(verified_note(old));
        // Its list of files; the files themselves are shared with the other backups.
        let _ = std::fs::remove_file(super::files::manifest_path(old));
    }
    Ok(())
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

/// The newest automatic backup that was verified when it was written, if any.
pub fn newest_verified_backup(db: &Path) -> Result<Option<PathBuf>, StoreError> {
    let stem = stem(db);
    Ok(automatic_backups(&backup_dir(db), &stem)?
        .into_iter()
        .rfind(|p| !is_tagged(p, &stem) && is_verified(p)))
}

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Restored {
    /// Where the database that was replaced was saved first (if there was one).
    pub previous_saved_to: Option<PathBuf>,
}

/// Makes a copied file durable. The handle is opened for writing because Windows refuses to
/// flush a file opened only for reading ("Access denied").
fn flush_to_disk(path: &Path) -> std::io::Result<()> {
    std::fs::File::options().write(true).open(path)?.sync_all()
}

/// Replaces the database at `db` with the backup at `backup`. Holds the database's lock
/// throughout, so no window or command can open the database meanwhile (and a restore is
/// refused while one has it open). The backup is verified first, on a private copy, before
/// anything changes: it must open and every record decode; the live database is never
/// opened, so it is neither migrated nor written. An existing database is only replaced
/// with `force`, and is itself copied into the backup folder first (tagged `-pre-restore`),
/// as a plain file copy so that even a damaged database is kept.
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
    let _lock = DbLock::acquire(db)?;
    if backup.exists() && crate::safe_file::same_file(db, backup) {
        return Err(StoreError::BadBackup {
            path: backup.to_path_buf(),
            db: db.to_path_buf(),
            detail: "it is the database itself".into(),
        });
    }
    if db.exists() && !force {
        return Err(StoreError::Exists {
            path: db.to_path_buf(),
        });
    }
    // Verify a private copy, so the backup file itself is never modified.
    let staged = super::temp_beside(db, "restore");
    let _ = std::fs::remove_file(&staged);
    let copied = std::fs::copy(backup, &staged)
        .and_then(|_| flush_to_disk(&staged))
        .map_err(|e| StoreError::io(backup, e));
    let verified = copied.and_then(|()| verify_copy(&staged, db));
    if let Err(e) = verified {
        let _ = std::fs::remove_file(&staged);
        return Err(match e {
            StoreError::BadBackup { detail, .. } => StoreError::BadBackup {
                path: backup.to_path_buf(),
                db: db.to_path_buf(),
                detail,
            },
            other => other,
        });
    }
    // --- Files beside the database (store::files): every file the backup's manifest lists is
    // verified before anything changes; one missing or damaged refuses the restore.
    let files_manifest = match super::files::verify_backup_files(backup) {
        Ok(manifest) => manifest,
        Err(e) => {
            let _ = std::fs::remove_file(&staged);
            return Err(e.into());
        }
    };
    // ---
    let mut previous_saved_to = None;
    if db.exists() {
        let dir = backup_dir(db);
        let saved = dir.join(format!(
            "{}-{}-pre-restore.redb",
            stem(db),
            now.format("%Y%m%d-%H%M%S")
        ));
        let kept = std::fs::create_dir_all(&dir)
            .and_then(|()| crate::safe_file::copy_atomic(db, &saved))
            .map_err(|e| StoreError::io(&saved, e));
        if let Err(e) = kept {
            let _ = std::fs::remove_file(&staged);
            return Err(e);
        }
        previous_saved_to = Some(saved);
    }
    // --- Files beside the database (store::files) go into place before the database that
    // names them.
    if let Some(manifest) = &files_manifest
        && let Err(e) = super::files::restore_files(db, backup, manifest)
    {
        let _ = std::fs::remove_file(&staged);
        return Err(e.into());
    }
    // ---
    super::seal::remove(db);
    if let Err(e) = std::fs::rename(&staged, db) {
        let _ = std::fs::remove_file(&staged);
        return Err(StoreError::io(db, e));
    }
    crate::safe_file::sync_folder(db);
    Ok(Restored { previous_saved_to })
}
