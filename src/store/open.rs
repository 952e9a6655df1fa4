//! Opening a database: the lock first, an atomic creation, the integrity check (or the
//! clean-close seal that vouches for the file), the schema's migration — and the ways a
//! whole data set is loaded without leaving anything half-made.

use super::lock::DbLock;
use super::redb_engine::RedbEngine;
use super::{Shared, Store, StoreError, migrate, seal};
use crate::store::contain::contain;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

/// The redb page cache. redb's default (1 GiB) would let a decade-size file fill memory; the
/// working set of a desk is far smaller, and the OS caches the file's pages besides. At 8 MiB
/// (16 before) a decade's first screen, search and edits measured the same and the peak
/// memory 17 MiB less (BENCHMARKS.md).
const CACHE_BYTES: usize = 8 * 1024 * 1024;

/// How a database is opened.
#[derive(Debug, Clone, Copy)]
struct Mode {
    /// Check the whole file's integrity even when the clean-close seal vouches for it.
    always_check: bool,
    /// Write the clean-close seal on a clean close.
    seal: bool,
    /// Create the database if there is no file.
    create: bool,
    /// Migrate an older schema (else the file is only read, never written).
    migrate: bool,
    /// Take the lock file (not for a staged file whose target's lock is held already).
    lock: bool,
}

impl Store {
    /// Opens the database at `path` for the window, creating it (and its folder) if there is
    /// no file yet. Takes the database's lock first. Checks the file's integrity — unless it
    /// is exactly as this program closed it (see [`seal`]) — then its schema version: older
    /// schemas are copied into `backups/` and migrated, newer ones refused.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        Self::open_with(
            path,
            Mode {
                always_check: false,
                seal: true,
                create: true,
                migrate: true,
                lock: true,
            },
            None,
        )
    }

    /// Opens an existing database for one command: the whole file's integrity is checked
    /// every time (a flipped byte in a cleanly closed file is found before any document is
    /// made from it), and a clean close seals it.
    pub fn open_verified(path: &Path) -> Result<Store, StoreError> {
        Self::open_with(
            path,
            Mode {
                always_check: true,
                seal: true,
                create: false,
                migrate: true,
                lock: true,
            },
            None,
        )
    }

    /// Opens a database only to verify it (for `check`): the whole file's integrity is
    /// checked, nothing is migrated or written, and a clean close seals it.
    pub fn open_checked(path: &Path) -> Result<Store, StoreError> {
        Self::open_with(
            path,
            Mode {
                always_check: true,
                seal: true,
                create: false,
                migrate: false,
                lock: true,
            },
            None,
        )
    }

    /// Creates a new database at `path`, a temporary file the caller renames into place:
    /// no lock, no seal (both would name the temporary file).
    pub(super) fn create_unlocked(path: &Path) -> Result<Store, StoreError> {
        Self::open_with(
            path,
            Mode {
                always_check: false,
                seal: false,
                create: true,
                migrate: true,
                lock: false,
            },
            None,
        )
    }

    /// Verifies a file the caller has locked or made itself (a staged restore, a backup just
    /// written): no lock, no seal, no migration.
    pub(super) fn open_unlocked_for_check(path: &Path) -> Result<Store, StoreError> {
        Self::open_with(
            path,
            Mode {
                always_check: true,
                seal: false,
                create: false,
                migrate: false,
                lock: false,
            },
            None,
        )
    }

    fn open_with(path: &Path, mode: Mode, held: Option<DbLock>) -> Result<Store, StoreError> {
        Self::refuse_unusable_path(path)?;
        let lock = match (held, mode.lock) {
            (Some(l), _) => Some(l),
            (None, true) => Some(DbLock::acquire(path)?),
            (None, false) => None,
        };
        if lock.is_some() {
            remove_stale_temporaries(path);
        }
        let existed = path.exists();
        if !existed {
            if !mode.create {
                return Err(StoreError::io(
                    path,
                    std::io::Error::new(std::io::ErrorKind::NotFound, "no database here"),
                ));
            }
            create_atomically(path)?;
        }
        let mut builder = redb::Builder::new();
        builder.set_cache_size(CACHE_BYTES);
        // A plain open trusts the file and a later read may panic on damage; the check makes
        // damage an error at open time instead.
        let sealed = seal::take(path);
        builder.set_check_integrity_on_open(mode.always_check || !sealed);
        let db = contain(|| builder.open(path).map_err(|e| open_error(path, e)))
            .map_err(|e| e.at(path))?;
        let schema =
            contain(|| migrate::prepare(&db, path, mode.migrate)).map_err(|e| e.at(path))?;
        let copy_of =
            contain(|| super::team_copy::team_copy_origin(&db)).map_err(|e| e.at(path))?;
        let shared = Arc::new(Shared {
            path: path.to_path_buf(),
            sealed_records: schema >= migrate::SEALED_SINCE,
            writable: mode.migrate,
            copy_of,
            damaged: AtomicBool::new(false),
        });
        Ok(Store {
            backend: Box::new(RedbEngine::new(db, Arc::clone(&shared), mode.seal, lock)),
            shared,
        })
    }

    /// Refuses a path that cannot hold a database: a folder, or a link that leads nowhere or
    /// round in a loop (which `exists()` reports as "no file", and creating would replace).
    pub fn refuse_unusable_path(path: &Path) -> Result<(), StoreError> {
        if path.is_dir() {
            return Err(StoreError::NotADatabase {
                path: path.to_path_buf(),
                detail: "a folder".into(),
            });
        }
        let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
        if is_link && let Err(e) = std::fs::metadata(path) {
            return Err(StoreError::NotADatabase {
                path: path.to_path_buf(),
                detail: format!("a link that leads nowhere or round in a loop ({e})"),
            });
        }
        Ok(())
    }

    /// Opens the database at `target` for loading a whole data set (the sample agency, the
    /// generated decade): when there is no database yet, or only a blank one, the data is
    /// written into a temporary file beside it that [`Loading::finish`] renames into place,
    /// so a run that is killed leaves nothing half-made. A database that has records is
    /// opened as it is (the loader then refuses it with its own message). The target's lock
    /// is held throughout.
    pub fn open_for_loading(target: &Path) -> Result<Loading, StoreError> {
        Self::refuse_unusable_path(target)?;
        let lock = DbLock::acquire(target)?;
        remove_stale_temporaries(target);
        if target.exists() {
            let existing = Self::open_with(
                target,
                Mode {
                    always_check: true,
                    seal: true,
                    create: false,
                    migrate: true,
                    lock: false,
                },
                None,
            )?;
            if !existing.is_blank()? {
                return Ok(Loading {
                    store: Some(existing),
                    staged: None,
                    _lock: Some(lock),
                });
            }
        }
        let staged = temp_beside(target, "load");
        let _ = std::fs::remove_file(&staged);
        let store = Self::open_with(
            &staged,
            Mode {
                always_check: false,
                seal: false,
                create: true,
                migrate: true,
                lock: false,
            },
            None,
        )?;
        Ok(Loading {
            store: Some(store),
            staged: Some((staged, target.to_path_buf())),
            _lock: Some(lock),
        })
    }
}

/// A database being loaded with a whole data set; see [`Store::open_for_loading`].
#[derive(Debug)]
pub struct Loading {
    store: Option<Store>,
    /// The temporary file and the database it becomes, when staged.
    staged: Option<(PathBuf, PathBuf)>,
    _lock: Option<DbLock>,
}

impl Loading {
    /// The store to write into.
    pub fn store(&self) -> Result<&Store, StoreError> {
        self.store
            .as_ref()
            .ok_or_else(|| StoreError::Engine("the database was closed".into()))
    }

    /// Closes the loaded file and, when staged, renames it into place over the missing or
    /// blank database. Dropping a `Loading` without finishing removes the temporary file.
    pub fn finish(mut self) -> Result<(), StoreError> {
        drop(self.store.take());
        let Some((staged, target)) = self.staged.take() else {
            return Ok(());
        };
        seal::remove(&target);
        let moved = std::fs::rename(&staged, &target).map_err(|e| StoreError::io(&target, e));
        if moved.is_err() {
            let _ = std::fs::remove_file(&staged);
            let _ = std::fs::remove_dir_all(super::files::files_dir(&staged));
        }
        moved?;
        crate::safe_file::sync_folder(&target);
        move_files(&staged, &target)
    }
}

impl Drop for Loading {
    fn drop(&mut self) {
        drop(self.store.take());
        if let Some((staged, _)) = self.staged.take() {
            let _ = std::fs::remove_file(&staged);
            let _ = std::fs::remove_dir_all(super::files::files_dir(&staged));
        }
    }
}

/// The files stored while loading (e.g. the sample's issued reports) go with the database:
/// the staged file store becomes the target's, or its files join the target's (each file
/// is named by its content, so one already there is the same file).
fn move_files(staged: &Path, target: &Path) -> Result<(), StoreError> {
    let from = super::files::files_dir(staged);
    if !from.exists() {
        return Ok(());
    }
    let to = super::files::files_dir(target);
    if !to.exists() {
        std::fs::rename(&from, &to).map_err(|e| StoreError::io(&to, e))?;
        crate::safe_file::sync_folder(&to);
        return Ok(());
    }
    let walk = |dir: &Path| -> Result<Vec<PathBuf>, StoreError> {
        let mut out = Vec::new();
        for entry in std::fs::read_dir(dir).map_err(|e| StoreError::io(dir, e))? {
            out.push(entry.map_err(|e| StoreError::io(dir, e))?.path());
        }
        Ok(out)
    };
    for sub in walk(&from)? {
        let Some(name) = sub.file_name() else {
            continue;
        };
        let dest_dir = to.join(name);
        if sub.is_dir() {
            std::fs::create_dir_all(&dest_dir).map_err(|e| StoreError::io(&dest_dir, e))?;
            for file in walk(&sub)? {
                if let Some(n) = file.file_name()
                    && !dest_dir.join(n).exists()
                {
                    std::fs::rename(&file, dest_dir.join(n))
                        .map_err(|e| StoreError::io(&dest_dir, e))?;
                }
            }
            crate::safe_file::sync_folder(&dest_dir.join("."));
        }
    }
    let _ = std::fs::remove_dir_all(&from);
    Ok(())
}

/// A temporary file beside `target` for `purpose`, unique to this process:
/// `.<name>.<purpose>-partial-<pid>`.
pub(crate) fn temp_beside(target: &Path, purpose: &str) -> PathBuf {
    let mut name = std::ffi::OsString::from(".");
    name.push(target.file_name().unwrap_or_default());
    name.push(format!(".{purpose}-partial-{}", std::process::id()));
    target.with_file_name(name)
}

/// Removes temporary files left beside the database by a process that was killed: called
/// with the database's lock held, so no living process is writing them.
fn remove_stale_temporaries(db: &Path) {
    let (Some(dir), Some(name)) = (db.parent(), db.file_name()) else {
        return;
    };
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let prefix = format!(".{}.", name.to_string_lossy());
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let file = entry.file_name().to_string_lossy().into_owned();
        let ours = file
            .strip_prefix(&prefix)
            .is_some_and(|rest| rest.contains("-partial-"));
        if ours {
            log::info!("removing {file}, left by an interrupted run");
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Creates a new, empty database at `path` atomically: written and stamped with its schema
/// in a temporary file beside it, then renamed into place, so a crash leaves either no
/// database or a complete one.
fn create_atomically(path: &Path) -> Result<(), StoreError> {
    let staged = temp_beside(path, "new");
    let _ = std::fs::remove_file(&staged);
    let made = (|| {
        let db = redb::Database::create(&staged).map_err(|e| open_error(&staged, e))?;
        migrate::prepare(&db, &staged, true)?;
        drop(db);
        std::fs::rename(&staged, path).map_err(|e| StoreError::io(path, e))
    })();
    if made.is_err() {
        let _ = std::fs::remove_file(&staged);
    }
    made?;
    crate::safe_file::sync_folder(path);
    Ok(())
}

pub(crate) fn open_error(path: &Path, e: redb::DatabaseError) -> StoreError {
    let path = path.to_path_buf();
    match e {
        redb::DatabaseError::DatabaseAlreadyOpen => StoreError::AlreadyOpen { path },
        redb::DatabaseError::Storage(redb::StorageError::Corrupted(detail)) => {
            StoreError::corrupted(&path, detail)
        }
        redb::DatabaseError::Storage(redb::StorageError::Io(io))
            if io.kind() == std::io::ErrorKind::InvalidData
                || io.kind() == std::io::ErrorKind::UnexpectedEof =>
        {
            StoreError::NotADatabase {
                detail: what_file_is(&path),
                path,
            }
        }
        redb::DatabaseError::Storage(redb::StorageError::Io(io)) => {
            StoreError::Io { path, source: io }
        }
        redb::DatabaseError::UpgradeRequired(v) => StoreError::NotADatabase {
            path,
            detail: format!("a database of an old engine format ({v})"),
        },
        other => StoreError::Engine(other.to_string()),
    }
}

/// What a file that is not a database is, from its first bytes, as a phrase for messages.
pub(crate) fn what_file_is(path: &Path) -> String {
    use std::io::Read;
    let mut head = Vec::with_capacity(512);
    let read = std::fs::File::open(path).and_then(|f| f.take(512).read_to_end(&mut head));
    if read.is_err() {
        return "a file that cannot be read".into();
    }
    let starts = |magic: &[u8]| head.starts_with(magic);
    let phrase = if head.is_empty() {
        "an empty file"
    } else if starts(b"%PDF") {
        "a PDF document"
    } else if starts(b"PK\x03\x04") {
        "a zip archive or Office document (xlsx, docx, pptx)"
    } else if starts(b"SQLite format 3\0") {
        "an SQLite database"
    } else if starts(b"\x89PNG") {
        "a PNG image"
    } else if starts(&[0xFF, 0xD8, 0xFF]) {
        "a JPEG image"
    } else if std::str::from_utf8(&head).is_ok_and(|t| {
        t.chars()
            .all(|c| !c.is_control() || matches!(c, '\n' | '\r' | '\t'))
    }) {
        "a text file"
    } else {
        "a file of unknown kind whose header is not a database's (perhaps an unfinished or damaged database)"
    };
    phrase.to_string()
}
