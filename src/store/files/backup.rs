//! The files in backups. A backup `B.redb` has a manifest `B.redb.manifest` beside it (every
//! stored file's fingerprint and length) and keeps the files themselves in the folder
//! `account-desk-files/` beside it, named as in the store. Every backup in one folder shares
//! that folder: content addressing makes a file already there the same file, so a second
//! backup copies only the files that are new since, and fourteen daily backups of a 40 GB
//! archive take 40 GB, not 560. The name is distinctive because a backup may be written into
//! any folder a person picks (a plain `files` folder there might be theirs).
//!
//! Order: the database is copied first (a consistent snapshot), then the files (a record in
//! the snapshot names only files that were in place before it committed, so all of them are
//! there), then the manifest, written whole or not at all: a backup with a manifest is
//! complete. A restore verifies every listed file before anything changes.

use super::{FileHash, FileStore, FilesError};
use crate::store::{Store, StoreError};
use std::path::{Path, PathBuf};

/// The folder beside a backup that holds the files of every backup in that folder.
pub const BACKUP_FILES_DIR: &str = "account-desk-files";
/// First line of a manifest.
const MANIFEST_HEADER: &str = "account-desk files manifest v1";

/// The file folder of the database backup `backup`: `account-desk-files` beside it.
pub fn backup_files_dir(backup: &Path) -> PathBuf {
    backup.with_file_name(BACKUP_FILES_DIR)
}

/// The manifest of the database backup `backup`: `<backup name>.manifest` beside it.
pub fn manifest_path(backup: &Path) -> PathBuf {
    let mut name = backup.file_name().unwrap_or_default().to_os_string();
    name.push(".manifest");
    backup.with_file_name(name)
}

/// The files a backup holds: fingerprint and length of each, sorted by fingerprint.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Manifest {
    /// Fingerprint and length of every file.
    pub entries: Vec<(FileHash, u64)>,
}

impl Manifest {
    /// The text written to disk: a header line, then `<hex>\t<length>` per file.
    pub fn to_text(&self) -> String {
        let mut text = format!("{MANIFEST_HEADER}\n");
        for (hash, size) in &self.entries {
            text.push_str(&format!("{hash}\t{size}\n"));
        }
        text
    }

    /// Reads the text of the manifest at `path`; any line that is not as written is an error
    /// naming the line.
    pub fn parse(path: &Path, text: &str) -> Result<Manifest, FilesError> {
        let bad = |line: usize, detail: &str| FilesError::BadManifest {
            path: path.to_path_buf(),
            line,
            detail: detail.to_string(),
        };
        let mut lines = text.lines();
        if lines.next() != Some(MANIFEST_HEADER) {
            return Err(bad(1, "not an Account Desk file manifest"));
        }
        let mut entries = Vec::new();
        for (i, line) in lines.enumerate() {
            let number = i + 2;
            let (hash, size) = line
                .split_once('\t')
                .ok_or_else(|| bad(number, "expected a fingerprint and a length"))?;
            let hash =
                FileHash::from_hex(hash).ok_or_else(|| bad(number, "not a file fingerprint"))?;
            let size = size
                .parse::<u64>()
                .map_err(|_| bad(number, "not a length in bytes"))?;
            entries.push((hash, size));
        }
        Ok(Manifest { entries })
    }
}

/// The manifest beside the database backup `backup`, if it has one (backups made before files
/// were kept have none).
pub fn read_manifest(backup: &Path) -> Result<Option<Manifest>, FilesError> {
    let path = manifest_path(backup);
    match std::fs::read_to_string(&path) {
        Ok(text) => Manifest::parse(&path, &text).map(Some),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(FilesError::Unreadable { path, source: e }),
    }
}

/// What copying the files into a backup did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FilesBackup {
    /// Files the manifest lists (every file in the store).
    pub files: usize,
    /// Files copied now; the others were in the backup folder from an earlier backup.
    pub copied: usize,
    /// Bytes copied now.
    pub bytes_copied: u64,
}

/// Copies every file of `store` not yet in the backup file folder of `backup` there (each
/// verified on the way: a damaged file is refused, never laundered into a backup), then
/// writes the manifest. `None`, and nothing written, when the store has no folder yet.
pub fn backup_files(store: &FileStore, backup: &Path) -> Result<Option<FilesBackup>, FilesError> {
    if !store.exists() {
        return Ok(None);
    }
    let target = FileStore::at(backup_files_dir(backup));
    let (files, _) = store.list()?;
    let mut done = FilesBackup {
        files: files.len(),
        ..FilesBackup::default()
    };
    let listed: Vec<(FileHash, u64)> = files.iter().map(|f| (f.hash, f.size)).collect();
    let (copied, bytes) = target.copy_many(store, &listed).map_err(|e| match e {
        // The store's own file is what is damaged; say so with its path.
        FilesError::Damaged { hash, .. } => FilesError::Damaged {
            hash,
            name: None,
            path: store.path_of(&hash),
        },
        other => other,
    })?;
    done.copied = copied;
    done.bytes_copied = bytes;
    let manifest = Manifest { entries: listed };
    let path = manifest_path(backup);
    crate::safe_file::write_atomic(&path, manifest.to_text().as_bytes()).map_err(|e| {
        FilesError::Io {
            path: path.clone(),
            source: e,
        }
    })?;
    Ok(Some(done))
}

/// Verifies every file the manifest of the database backup `backup` lists: present in its
/// file folder, of the listed length, and hashing to its name. Returns the manifest (`None`
/// when the backup has none); any missing or damaged file refuses the whole backup. Reads
/// only.
pub fn verify_backup_files(backup: &Path) -> Result<Option<Manifest>, FilesError> {
    let Some(manifest) = read_manifest(backup)? else {
        return Ok(None);
    };
    let folder = FileStore::at(backup_files_dir(backup));
    let (mut missing, mut damaged) = (Vec::new(), Vec::new());
    for (hash, size) in &manifest.entries {
        let path = folder.path_of(hash);
        match std::fs::metadata(&path) {
            Err(_) => missing.push(*hash),
            Ok(m) if !m.is_file() || m.len() != *size => damaged.push(*hash),
            Ok(_) => match folder.verify(hash) {
                Ok(super::FileState::Intact) => {}
                Ok(super::FileState::Missing) => missing.push(*hash),
                Ok(super::FileState::Damaged) | Err(_) => damaged.push(*hash),
            },
        }
    }
    if missing.is_empty() && damaged.is_empty() {
        return Ok(Some(manifest));
    }
    Err(FilesError::BackupIncomplete {
        backup: backup.to_path_buf(),
        folder: folder.root().to_path_buf(),
        missing,
        damaged,
    })
}

/// Puts the files a verified manifest lists into the file store of the database at `db`
/// (each verified again as it is copied; files the store has already are left). Files in the
/// store that the manifest does not list stay: the check reports them as orphans. Returns
/// how many were copied.
pub fn restore_files(db: &Path, backup: &Path, manifest: &Manifest) -> Result<usize, FilesError> {
    let from = FileStore::at(backup_files_dir(backup));
    let into = FileStore::beside(db);
    Ok(into.copy_many(&from, &manifest.entries)?.0)
}

impl Store {
    /// Where this database keeps the files its records name: the folder beside a desk's
    /// file, or the team database itself (files scoped by client, under the records' walls).
    pub fn files(&self) -> super::AttachedFiles<'_> {
        match self.team_engine() {
            Some(engine) => {
                super::AttachedFiles::Team(super::TeamFiles::new(engine, self.path().to_path_buf()))
            }
            None => super::AttachedFiles::Desk(self.desk_files()),
        }
    }

    /// The folder beside this database's file (a desk's file store; on a team database a
    /// folder nothing uses).
    pub fn desk_files(&self) -> FileStore {
        FileStore::beside(self.path())
    }

    /// Writes a backup of the database to `dest` (see [`Store::backup_to`]) and then of its
    /// files (see [`backup_files`]). If the files cannot be copied, the database copy just
    /// written is removed again, so there is never a backup without its files.
    pub fn backup_with_files(&self, dest: &Path) -> Result<Option<FilesBackup>, StoreError> {
        self.backup_to(dest)?;
        match backup_files(&self.desk_files(), dest) {
            Ok(done) => Ok(done),
            Err(e) => {
                let _ = std::fs::remove_file(dest);
                Err(e.into())
            }
        }
    }
}
