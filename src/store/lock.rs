//! The lock every process takes before it opens a database: an exclusive lock on the file
//! `<db>.lock` beside it, held for as long as the database is open.
//!
//! redb locks the database file itself, but a restore renames a new file over the database,
//! and a lock on the old file's inode is then lost: a second process could open the new file
//! while the first still believes it holds the database. The lock file survives the rename,
//! so a restore holds it from verifying the backup to the final rename, and a writer started
//! meanwhile is refused. The file is never deleted (deleting a lock file races with the next
//! process that opens it).

use super::StoreError;
use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};

/// The lock file of the database at `db`.
pub fn lock_path(db: &Path) -> PathBuf {
    let mut name = db.file_name().unwrap_or_default().to_os_string();
    name.push(".lock");
    db.with_file_name(name)
}

/// An exclusive lock on a database; released when dropped (or when the process ends, however
/// it ends).
#[derive(Debug)]
pub struct DbLock {
    _file: File,
}

impl DbLock {
    /// Takes the lock of the database at `db`, or says that another process holds it. Creates
    /// the database's folder if needed.
    pub fn acquire(db: &Path) -> Result<DbLock, StoreError> {
        if let Some(dir) = db.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| StoreError::io(dir, e))?;
        }
        let path = lock_path(db);
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|e| StoreError::io(&path, e))?;
        match file.try_lock() {
            Ok(()) => Ok(DbLock { _file: file }),
            Err(TryLockError::WouldBlock) => Err(StoreError::AlreadyOpen {
                path: db.to_path_buf(),
            }),
            Err(TryLockError::Error(e)) => Err(StoreError::io(&path, e)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_holder_at_a_time_and_the_lock_outlives_a_rename_of_the_database() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("客户 资料").join("desk.redb");
        let first = DbLock::acquire(&db).unwrap();
        assert!(matches!(
            DbLock::acquire(&db),
            Err(StoreError::AlreadyOpen { .. })
        ));
        // A new file renamed over the database does not free it.
        std::fs::write(dir.path().join("new.redb"), b"x").unwrap();
        std::fs::rename(dir.path().join("new.redb"), &db).unwrap();
        assert!(DbLock::acquire(&db).is_err());
        drop(first);
        assert!(DbLock::acquire(&db).is_ok());
        assert!(lock_path(&db).ends_with("desk.redb.lock"));
    }
}
