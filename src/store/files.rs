//! Files beside the database: the signed copy of sent minutes, a brief's attachments, a
//! commercial's master. Each file is kept once, named by the SHA-256 of its content, in a
//! folder beside the database, never inside it (redb copies a value on every write and holds
//! it in memory whole).
//!
//! Layout, for the database `desk.redb`:
//!
//! ```text
//! desk.redb
//! desk.redb.files/           the file store (named like the database's .lock and .clean)
//!   ab/ab3f…(64 hex digits)  a file, named by its fingerprint, in a folder of its first two
//!   staging/                 imports being written; never read as stored files
//! ```
//!
//! 256 folders keep each folder small (100,000 entries in one folder would take 25 million
//! files). A stored file is never changed: equal content has the same name, so importing it
//! again finds it there, and a flipped byte shows as a name that no longer matches.
//!
//! Durability order of an import: stream into `staging/` while hashing (constant memory),
//! flush the file to the disk, rename it to its name, flush the folder; only then may the
//! record that names it commit. A crash leaves at worst a temporary in `staging/` or a file
//! no record names (an orphan, which [`FileStore::check`] reports and never deletes).

mod backup;
mod error;
mod names;
mod opened;
mod served;

pub use crate::domain::file_ref::{FileHash, FileRef, guess_media_type};
pub use crate::store::postgres_engine::{ServedText, ServedThumb};
pub use backup::{
    BACKUP_FILES_DIR, FilesBackup, Manifest, backup_files, backup_files_dir, manifest_path,
    read_manifest, restore_files, verify_backup_files,
};
pub use error::FilesError;
pub use names::safe_file_name;
pub use served::{AttachedFiles, TeamFiles};

use sha2::{Digest, Sha256};
use std::collections::BTreeSet;
use std::fs::File;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};

/// What is appended to the database's file name to name its file store.
pub const FILES_SUFFIX: &str = ".files";
/// The folder inside the store where imports are written before they get their name.
pub const STAGING_DIR: &str = "staging";
/// The read and write buffer of every copy: memory use stays the same for any file size.
pub(crate) const BUFFER_BYTES: usize = 1024 * 1024;

/// Numbers the temporaries of one process, so two imports at once never share one.
pub(crate) static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);

/// The file store of the database at `db`: `<db file name>.files` beside it.
pub fn files_dir(db: &Path) -> PathBuf {
    let mut name = db.file_name().unwrap_or_default().to_os_string();
    name.push(FILES_SUFFIX);
    db.with_file_name(name)
}

/// A folder of files named by their content. Cheap to make: nothing is touched until a file
/// is imported or read.
#[derive(Debug, Clone)]
pub struct FileStore {
    root: PathBuf,
}

/// One file found in the store by [`FileStore::list`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredFile {
    /// The fingerprint its name says it has.
    pub hash: FileHash,
    /// Its length on disk.
    pub size: u64,
}

/// What [`FileStore::verify`] found for one fingerprint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileState {
    /// Present, and its content hashes to its name.
    Intact,
    /// No file of that name.
    Missing,
    /// Present, but its content hashes to something else (or cannot be read).
    Damaged,
}

/// What [`FileStore::check`] found. Orphans are reported, never deleted.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FilesReport {
    /// The store checked.
    pub folder: PathBuf,
    /// Files present whose content matches their name.
    pub ok: usize,
    /// Bytes in all the files present.
    pub bytes: u64,
    /// Named by a record but absent.
    pub missing: Vec<FileHash>,
    /// Present, but the content no longer matches the name (or cannot be read).
    pub damaged: Vec<FileHash>,
    /// Present (intact or not) but named by no record: left by an interrupted import or a
    /// deletion; kept until someone decides.
    pub orphans: Vec<FileHash>,
    /// Things in the store that are not stored files (a stray document someone dropped in).
    pub strays: Vec<PathBuf>,
}

impl FilesReport {
    /// True when every file a record names is present and intact.
    pub fn passed(&self) -> bool {
        self.missing.is_empty() && self.damaged.is_empty()
    }
}

impl FileStore {
    /// The file store of the database at `db` (see [`files_dir`]).
    pub fn beside(db: &Path) -> FileStore {
        FileStore::at(files_dir(db))
    }

    /// A store in the folder `root` (a backup's file folder is one too).
    pub fn at(root: impl Into<PathBuf>) -> FileStore {
        FileStore { root: root.into() }
    }

    /// The store's folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// True once the folder exists (after the first import).
    pub fn exists(&self) -> bool {
        self.root.is_dir()
    }

    /// Where the file with fingerprint `hash` is kept: `<root>/ab/ab…`.
    pub fn path_of(&self, hash: &FileHash) -> PathBuf {
        let hex = hash.to_hex();
        self.root.join(&hex[..2]).join(hex)
    }

    /// Imports the file at `source`: streamed, hashed and flushed to the disk, then renamed
    /// to its fingerprint. Content already in the store is kept once (the copy just made is
    /// dropped). Commit the record that names the returned [`FileRef`] only after this
    /// returns.
    pub fn import(&self, source: &Path) -> Result<FileRef, FilesError> {
        let unreadable = |e| FilesError::Unreadable {
            path: source.to_path_buf(),
            source: e,
        };
        let meta = std::fs::metadata(source).map_err(unreadable)?;
        if meta.is_dir() {
            return Err(FilesError::NotAFile {
                path: source.to_path_buf(),
            });
        }
        let file = File::open(source).map_err(unreadable)?;
        let name = source
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        self.import_reader(file, source, &name)
    }

    /// Imports content read from `reader` under `original_name`; `source` names it in errors.
    /// Same durability as [`FileStore::import`].
    pub fn import_reader(
        &self,
        reader: impl Read,
        source: &Path,
        original_name: &str,
    ) -> Result<FileRef, FilesError> {
        let (hash, size) = self.put(reader, source, None, None)?;
        Ok(file_ref(hash, size, original_name))
    }

    /// Copies the stored file `hash` of `from` into this store (a backup, a restore),
    /// verifying it on the way: a source whose content no longer matches is refused and
    /// nothing is placed. Returns whether a copy was made (false when this store has it).
    pub fn copy_from(
        &self,
        from: &FileStore,
        hash: &FileHash,
        size: u64,
    ) -> Result<bool, FilesError> {
        self.copy_one(from, hash, size, None)
    }

    /// Copies each listed file of `from` that this store lacks, as [`FileStore::copy_from`]
    /// does, but flushes each folder once at the end instead of after every file (each file
    /// is still flushed before its rename, so a name never points at incomplete content).
    /// Returns how many files and bytes were copied.
    pub fn copy_many(
        &self,
        from: &FileStore,
        files: &[(FileHash, u64)],
    ) -> Result<(usize, u64), FilesError> {
        let mut touched = BTreeSet::new();
        let mut copied = (0, 0);
        let result = files.iter().try_for_each(|(hash, size)| {
            if self.copy_one(from, hash, *size, Some(&mut touched))? {
                copied.0 += 1;
                copied.1 += size;
            }
            Ok(())
        });
        // Also after a failure: the files placed so far are complete and may stay.
        for entry in &touched {
            crate::safe_file::sync_folder(entry);
        }
        result.map(|()| copied)
    }

    fn copy_one(
        &self,
        from: &FileStore,
        hash: &FileHash,
        size: u64,
        deferred: Option<&mut BTreeSet<PathBuf>>,
    ) -> Result<bool, FilesError> {
        let target = self.path_of(hash);
        if std::fs::metadata(&target).is_ok_and(|m| m.is_file() && m.len() == size) {
            return Ok(false);
        }
        let source = from.path_of(hash);
        let file = File::open(&source).map_err(|e| match e.kind() {
            io::ErrorKind::NotFound => FilesError::Missing {
                hash: *hash,
                name: None,
                folder: from.root.clone(),
            },
            _ => FilesError::Unreadable {
                path: source.clone(),
                source: e,
            },
        })?;
        self.put(file, &source, Some(*hash), deferred)?;
        Ok(true)
    }

    /// Streams `reader` into a temporary in `staging/`, flushes it and renames it to its
    /// fingerprint. With `expected`, content that hashes to anything else is refused as
    /// damage of `source`. On any failure the temporary is removed: no partial file ever
    /// carries a fingerprint's name. With `deferred`, the folders to flush are collected
    /// there instead of flushed now.
    fn put(
        &self,
        reader: impl Read,
        source: &Path,
        expected: Option<FileHash>,
        deferred: Option<&mut BTreeSet<PathBuf>>,
    ) -> Result<(FileHash, u64), FilesError> {
        let staging = self.root.join(STAGING_DIR);
        std::fs::create_dir_all(&staging).map_err(|e| io_error(&staging, e))?;
        let temp = staging.join(format!(
            "{}-{}.partial",
            std::process::id(),
            TEMP_COUNTER.fetch_add(1, Ordering::Relaxed)
        ));
        let mut file = File::options()
            .write(true)
            .create_new(true)
            .open(&temp)
            .map_err(|e| io_error(&temp, e))?;
        let streamed = stream(reader, source, &mut file, &temp).and_then(|done| {
            file.sync_all().map_err(|e| io_error(&temp, e))?;
            Ok(done)
        });
        drop(file);
        let placed = streamed.and_then(|(hash, size)| {
            if let Some(want) = expected.filter(|want| *want != hash) {
                return Err(FilesError::Damaged {
                    hash: want,
                    name: None,
                    path: source.to_path_buf(),
                });
            }
            self.place(&temp, &hash, size, deferred)?;
            Ok((hash, size))
        });
        if placed.is_err() {
            // Best effort: the import failed already; a leftover sits in staging/ only.
            let _ = std::fs::remove_file(&temp);
        }
        placed
    }

    /// Renames the complete, flushed `temp` to the name of `hash`, unless an intact-looking
    /// file (same length) is there already, then flushes the folders whose entries changed
    /// (or, with `deferred`, notes them there for the caller to flush).
    fn place(
        &self,
        temp: &Path,
        hash: &FileHash,
        size: u64,
        deferred: Option<&mut BTreeSet<PathBuf>>,
    ) -> Result<(), FilesError> {
        let target = self.path_of(hash);
        match std::fs::metadata(&target) {
            Ok(m) if m.is_file() && m.len() == size => {
                let _ = std::fs::remove_file(temp);
                return Ok(());
            }
            // A file of the wrong length under this name is damaged: the verified copy
            // replaces it.
            Ok(m) if m.is_file() => allow_replace(&target),
            _ => {}
        }
        let folder = target.parent().unwrap_or(&self.root).to_path_buf();
        let new_folder = !folder.is_dir();
        std::fs::create_dir_all(&folder).map_err(|e| io_error(&folder, e))?;
        set_read_only(temp).map_err(|e| io_error(temp, e))?;
        std::fs::rename(temp, &target).map_err(|e| io_error(&target, e))?;
        // `sync_folder` flushes the folder a path is in: the fan-out folder for the file's
        // name, the store's folder for a new fan-out folder.
        let mut changed = vec![target];
        if new_folder {
            changed.push(folder);
        }
        match deferred {
            Some(set) => set.extend(changed),
            None => changed
                .iter()
                .for_each(|p| crate::safe_file::sync_folder(p)),
        }
        Ok(())
    }

    /// Whether the stored file `hash` is there and its content still hashes to its name.
    pub fn verify(&self, hash: &FileHash) -> Result<FileState, FilesError> {
        let path = self.path_of(hash);
        let file = match File::open(&path) {
            Ok(f) => f,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(FileState::Missing),
            Err(e) => return Err(FilesError::Unreadable { path, source: e }),
        };
        let (found, _) = stream(file, &path, &mut io::sink(), &path)?;
        Ok(match found == *hash {
            true => FileState::Intact,
            false => FileState::Damaged,
        })
    }

    /// Every stored file, by fingerprint, and what else lies in the store (`strays`).
    /// Temporaries in `staging/` are neither.
    pub fn list(&self) -> Result<(Vec<StoredFile>, Vec<PathBuf>), FilesError> {
        let mut files = Vec::new();
        let mut strays = Vec::new();
        for entry in read_dir(&self.root)? {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            let is_fan_out = name.len() == 2 && name.bytes().all(|b| HEX_LOWER.contains(&b));
            if name == STAGING_DIR && path.is_dir() {
                continue;
            }
            if !(is_fan_out && path.is_dir()) {
                strays.push(path);
                continue;
            }
            for inner in read_dir(&path)? {
                let inner_path = inner.path();
                let file_name = inner.file_name().to_string_lossy().into_owned();
                let hash = FileHash::from_hex(&file_name)
                    .filter(|h| h.to_hex() == file_name && file_name.starts_with(&name));
                match (hash, inner.metadata()) {
                    (Some(hash), Ok(meta)) if meta.is_file() => files.push(StoredFile {
                        hash,
                        size: meta.len(),
                    }),
                    _ => strays.push(inner_path),
                }
            }
        }
        files.sort_by_key(|f| f.hash);
        strays.sort();
        Ok((files, strays))
    }

    /// Verifies every stored file against its name and compares the store with `referenced`,
    /// the fingerprints the records name. Nothing is changed: orphans stay where they are.
    pub fn check(&self, referenced: &BTreeSet<FileHash>) -> Result<FilesReport, FilesError> {
        let (files, strays) = match self.exists() {
            true => self.list()?,
            false => (Vec::new(), Vec::new()),
        };
        let mut report = FilesReport {
            folder: self.root.clone(),
            strays,
            ..FilesReport::default()
        };
        let present: BTreeSet<FileHash> = files.iter().map(|f| f.hash).collect();
        for file in &files {
            report.bytes += file.size;
            match self.verify(&file.hash) {
                Ok(FileState::Intact) => report.ok += 1,
                Ok(FileState::Missing) => report.missing.push(file.hash),
                Ok(FileState::Damaged) => report.damaged.push(file.hash),
                Err(e) => {
                    log::warn!("{e}");
                    report.damaged.push(file.hash);
                }
            }
            if !referenced.contains(&file.hash) {
                report.orphans.push(file.hash);
            }
        }
        report
            .missing
            .extend(referenced.difference(&present).copied());
        report.missing.sort();
        Ok(report)
    }

    /// Deletes the stored file `hash` for good and returns its length; nothing when it is not
    /// there. Only for a file no record names (an orphan of [`FileStore::check`]), with the
    /// database's lock held so that no import is naming it at the same time.
    pub fn remove_orphan(&self, hash: &FileHash) -> Result<u64, FilesError> {
        let path = self.path_of(hash);
        let size = match std::fs::metadata(&path) {
            Ok(m) if m.is_file() => m.len(),
            Ok(_) => return Ok(0),
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(0),
            Err(e) => return Err(io_error(&path, e)),
        };
        allow_replace(&path);
        std::fs::remove_file(&path).map_err(|e| io_error(&path, e))?;
        crate::safe_file::sync_folder(&path);
        Ok(size)
    }

    /// A read-only copy of `file` under its original name (made safe for the file system), in
    /// this run's own temporary folder, for the system's app to open: an edit there never
    /// reaches the store. The copy is verified as it is made; a damaged or missing file is an
    /// error naming it. Opening the same file again gives the same copy.
    pub fn open_copy(&self, file: &FileRef) -> Result<PathBuf, FilesError> {
        let source = self.path_of(&file.hash);
        opened::open_copy_with(file, &source, &mut |out, temp| {
            let reader = File::open(&source).map_err(|e| match e.kind() {
                io::ErrorKind::NotFound => FilesError::Missing {
                    hash: file.hash,
                    name: Some(file.original_name.clone()),
                    folder: self.root.clone(),
                },
                _ => FilesError::Unreadable {
                    path: source.clone(),
                    source: e,
                },
            })?;
            Ok(stream(reader, &source, out, temp)?.0)
        })
    }

    /// Streams `reader` into a temporary in `staging/` and names it by its content, which
    /// must hash to `expected` (a file served by a team database, copied to a desk). Returns
    /// whether a copy was made (false when the store has it already).
    pub(crate) fn import_expected(
        &self,
        reader: impl Read,
        source: &Path,
        expected: FileHash,
        size: u64,
    ) -> Result<bool, FilesError> {
        let target = self.path_of(&expected);
        if std::fs::metadata(&target).is_ok_and(|m| m.is_file() && m.len() == size) {
            return Ok(false);
        }
        self.put(reader, source, Some(expected), None)?;
        Ok(true)
    }

    /// Removes temporaries left in `staging/` by an import that was killed. Call it only with
    /// the database's lock held, so no living process is writing them.
    pub fn remove_stale_temporaries(&self) {
        let staging = self.root.join(STAGING_DIR);
        let Ok(entries) = std::fs::read_dir(&staging) else {
            return;
        };
        for entry in entries.flatten() {
            if entry.file_name().to_string_lossy().ends_with(".partial") {
                log::info!(
                    "removing {}, left by an interrupted import",
                    entry.path().display()
                );
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
}

const HEX_LOWER: &[u8] = b"0123456789abcdef";

/// What a record names a file by: its fingerprint and size, the last part of the name it
/// arrived with, and the media type that name suggests.
pub(crate) fn file_ref(hash: FileHash, size: u64, original_name: &str) -> FileRef {
    let original_name = original_name
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or(original_name)
        .to_string();
    FileRef {
        hash,
        size,
        media_type: guess_media_type(&original_name).map(str::to_string),
        original_name,
    }
}

/// Reads `reader` to its end with a fixed buffer, hashing every byte and writing it to `out`;
/// returns the fingerprint and the length. `source` and `target` name the two sides in errors.
pub(crate) fn stream(
    mut reader: impl Read,
    source: &Path,
    out: &mut impl Write,
    target: &Path,
) -> Result<(FileHash, u64), FilesError> {
    let mut hasher = Sha256::new();
    let mut buffer = vec![0u8; BUFFER_BYTES];
    let mut size = 0u64;
    loop {
        let n = match reader.read(&mut buffer) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => {
                return Err(FilesError::Unreadable {
                    path: source.to_path_buf(),
                    source: e,
                });
            }
        };
        let chunk = &buffer[..n];
        hasher.update(chunk);
        out.write_all(chunk).map_err(|e| io_error(target, e))?;
        size += n as u64;
    }
    out.flush().map_err(|e| io_error(target, e))?;
    Ok((FileHash(hasher.finalize().into()), size))
}

pub(crate) fn io_error(path: &Path, source: io::Error) -> FilesError {
    FilesError::Io {
        path: path.to_path_buf(),
        source,
    }
}

fn read_dir(dir: &Path) -> Result<Vec<std::fs::DirEntry>, FilesError> {
    let entries = std::fs::read_dir(dir).map_err(|e| io_error(dir, e))?;
    entries
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| io_error(dir, e))
}

/// Marks a finished file read-only: stored files and opened copies are never to be edited.
pub(crate) fn set_read_only(path: &Path) -> io::Result<()> {
    let mut permissions = std::fs::metadata(path)?.permissions();
    permissions.set_readonly(true);
    std::fs::set_permissions(path, permissions)
}

/// Lets a read-only file be replaced: Windows refuses to rename over one.
pub(crate) fn allow_replace(path: &Path) {
    #[cfg(windows)]
    if let Ok(meta) = std::fs::metadata(path) {
        let mut permissions = meta.permissions();
        #[allow(clippy::permissions_set_readonly_false)]
        permissions.set_readonly(false);
        let _ = std::fs::set_permissions(path, permissions);
    }
    #[cfg(not(windows))]
    let _ = path;
}

/// This run's folder for opened copies: `account-desk-open-<process id>` in the system's
/// temporary folder, made on first use.
pub(crate) fn open_copies_dir() -> Result<PathBuf, FilesError> {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    let dir = DIR.get_or_init(|| {
        std::env::temp_dir().join(format!("account-desk-open-{}", std::process::id()))
    });
    std::fs::create_dir_all(dir).map_err(|e| io_error(dir, e))?;
    Ok(dir.clone())
}

#[cfg(test)]
mod tests;
