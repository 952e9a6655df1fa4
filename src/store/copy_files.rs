//! The files records name, moved with the records by [`Store::copy_into`]: a desk's stored
//! files into a team database (each under the client of the meeting that names it), or a
//! team database's files that its login may see into a desk's copy. Every file is verified
//! against its fingerprint on the way; none is held in memory whole.

use super::files::{AttachedFiles, FileHash, FileRef, FilesError};
use super::{Store, StoreError};
use std::collections::{BTreeMap, BTreeSet};

impl Store {
    /// Copies every file the records of this database name into `into`'s file store,
    /// before the records that name them are copied. Returns how many files and bytes
    /// the records name.
    pub(super) fn copy_files_into(&self, into: &Store) -> Result<(usize, u64), StoreError> {
        let named = self.referenced_files_by_client()?;
        let bytes = named.values().map(|f| f.size).sum();
        match (self.files(), into.files()) {
            (AttachedFiles::Desk(from), AttachedFiles::Team(to)) => {
                for ((client, hash), file) in &named {
                    let source = from.path_of(hash);
                    if !source.is_file() {
                        return Err(missing(file, from.root()).into());
                    }
                    to.import_expected(&source, *client, *hash)
                        .map_err(|e| named_error(e, file))?;
                }
            }
            (AttachedFiles::Team(from), AttachedFiles::Desk(to)) => {
                // A desk keeps one copy of each content, whichever clients name it.
                let mut done = BTreeSet::new();
                for ((client, hash), file) in &named {
                    if done.insert(*hash) {
                        from.copy_to(*client, hash, &to)
                            .map_err(|e| named_error(e, file))?;
                    }
                }
            }
            (AttachedFiles::Desk(from), AttachedFiles::Desk(to)) => {
                let list: BTreeMap<FileHash, u64> =
                    named.values().map(|f| (f.hash, f.size)).collect();
                let list: Vec<(FileHash, u64)> = list.into_iter().collect();
                to.copy_many(&from, &list)?;
            }
            (AttachedFiles::Team(_), AttachedFiles::Team(_)) => {
                return Err(StoreError::Engine(
                    "a team database is not copied into another; use the server's pg_dump".into(),
                ));
            }
        }
        Ok((named.len(), bytes))
    }

    /// After a copy: every file the copy's records name is there and intact, and they name
    /// the same files as this database's records.
    pub(super) fn compare_files(&self, copy: &Store) -> Result<(), StoreError> {
        let (mine, theirs) = (
            self.referenced_files_by_client()?,
            copy.referenced_files_by_client()?,
        );
        if mine.keys().ne(theirs.keys()) {
            return Err(StoreError::Engine(format!(
                "the records in {} name other files than those in {}",
                copy.path().display(),
                self.path().display()
            )));
        }
        if let Some(report) = copy.check_files()?
            && let Some(hash) = report.missing.first().or(report.damaged.first())
        {
            let name = theirs
                .values()
                .find(|f| f.hash == *hash)
                .map_or_else(|| hash.short(), |f| f.original_name.clone());
            return Err(StoreError::Engine(format!(
                "after the copy, the file {name} ({}) is missing or damaged in {}",
                hash.short(),
                copy.path().display()
            )));
        }
        Ok(())
    }
}

fn missing(file: &FileRef, folder: &std::path::Path) -> FilesError {
    FilesError::Missing {
        hash: file.hash,
        name: Some(file.original_name.clone()),
        folder: folder.to_path_buf(),
    }
}

/// Puts the file's original name into an error that knows only its fingerprint.
fn named_error(e: FilesError, file: &FileRef) -> StoreError {
    match e {
        FilesError::Damaged {
            hash,
            name: None,
            path,
        } => FilesError::Damaged {
            hash,
            name: Some(file.original_name.clone()),
            path,
        },
        FilesError::Missing {
            hash,
            name: None,
            folder,
        } => FilesError::Missing {
            hash,
            name: Some(file.original_name.clone()),
            folder,
        },
        other => other,
    }
    .into()
}
