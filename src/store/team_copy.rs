//! A team database copied into a desk's file, for a laptop on a trip: what the person who
//! makes it may see (the walls hold: another team's confidential clients are not in it),
//! opened offline and read-only — changes are made on the team database.

use super::tables::META;
use super::{Store, StoreError};
use chrono::Utc;
use redb::ReadableDatabase;
use std::path::Path;

/// The key in `meta` marking a copy of a team database, with where it came from and when.
pub(super) const KEY_TEAM_COPY: &str = "team_copy";

impl Store {
    /// Copies this team database, as its connection sees it, into a new desk's file at
    /// `dest` (which must not exist), marked read-only, with the files its records name in
    /// the folder beside it (only those of clients this login may see). Written to a
    /// temporary file and folder, checked and compared kind by kind and file by file, then
    /// renamed into place: `dest` is whole or absent.
    pub fn copy_to_desk(&self, dest: &Path) -> Result<super::CopyReport, StoreError> {
        let Some(_) = self.team_engine() else {
            return Err(StoreError::Engine(
                "only a team database is copied for reading offline; back up a desk's file with `backup`"
                    .into(),
            ));
        };
        let dest_files = super::files::files_dir(dest);
        for taken in [dest, dest_files.as_path()] {
            if taken.exists() {
                return Err(StoreError::Exists {
                    path: taken.to_path_buf(),
                });
            }
        }
        if let Some(dir) = dest.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| StoreError::io(dir, e))?;
        }
        let tmp = super::temp_beside(dest, "copy");
        let tmp_files = super::files::files_dir(&tmp);
        let result = (|| {
            let report = {
                let desk = Store::create_unlocked(&tmp)?;
                let report = self.copy_into(&desk)?;
                let origin = format!("{} ({})", self.path().display(), Utc::now().to_rfc3339());
                desk.shared.guard(|| {
                    let engine = desk.redb().ok_or_else(|| {
                        StoreError::Engine("the copy is not a desk's file".into())
                    })?;
                    let tx = engine.db()?.begin_write()?;
                    tx.open_table(META)?
                        .insert(KEY_TEAM_COPY, origin.as_bytes())?;
                    tx.commit()?;
                    Ok(())
                })?;
                report
            };
            // The files first: a desk's file never names files that are not beside it.
            if tmp_files.exists() {
                std::fs::rename(&tmp_files, &dest_files)
                    .map_err(|e| StoreError::io(&dest_files, e))?;
            }
            std::fs::rename(&tmp, dest).map_err(|e| StoreError::io(dest, e))?;
            Ok(report)
        })();
        if result.is_err() {
            let _ = std::fs::remove_file(&tmp);
            for folder in [&tmp_files, &dest_files] {
                if folder.exists() {
                    let _ = std::fs::remove_dir_all(folder);
                }
            }
        }
        crate::safe_file::sync_folder(dest);
        result
    }
}

/// Where a desk's file was copied from, when it is a copy of a team database.
pub(super) fn team_copy_origin(db: &redb::Database) -> Result<Option<String>, StoreError> {
    let tx = db.begin_read()?;
    let meta = match tx.open_table(META) {
        Ok(t) => t,
        Err(redb::TableError::TableDoesNotExist(_)) => return Ok(None),
        Err(e) => return Err(e.into()),
    };
    Ok(meta
        .get(KEY_TEAM_COPY)?
        .map(|v| String::from_utf8_lossy(v.value()).into_owned()))
}
