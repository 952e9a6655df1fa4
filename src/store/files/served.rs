//! The files records name, wherever the database keeps them: in the folder beside a desk's
//! file ([`FileStore`]) or in the team database ([`TeamFiles`]), under the walls of the
//! records. Callers import, open and check files through [`AttachedFiles`] without asking
//! which.

use super::{FileHash, FileRef, FileStore, FilesError, FilesReport, file_ref, stream};
use crate::store::postgres_engine::{PgEngine, ServedFile, ServedText, ServedThumb};
use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};

/// The file store of an open database (see [`crate::store::Store::files`]).
pub enum AttachedFiles<'a> {
    /// A desk's: the folder beside its file.
    Desk(FileStore),
    /// A team database's: in the server, scoped by client.
    Team(TeamFiles<'a>),
}

impl AttachedFiles<'_> {
    /// Stores the file at `source` as a file of `client` (the client of the record that will
    /// name it; 0 for none; a desk keeps one store for all clients). Commit the record that
    /// names the returned [`FileRef`] only after this returns.
    pub fn import(&self, source: &Path, client: u64) -> Result<FileRef, FilesError> {
        match self {
            AttachedFiles::Desk(store) => store.import(source),
            AttachedFiles::Team(team) => team.import(source, client),
        }
    }

    /// A verified, read-only copy of `file` under its original name, for the system's app
    /// to open. A missing or damaged file is an error naming it; in a team database a file
    /// of a client this login may not see is missing.
    pub fn open_copy(&self, file: &FileRef) -> Result<PathBuf, FilesError> {
        match self {
            AttachedFiles::Desk(store) => store.open_copy(file),
            AttachedFiles::Team(team) => team.open_copy(file),
        }
    }

    /// The folder, when the files are a desk's.
    pub fn desk(&self) -> Option<&FileStore> {
        match self {
            AttachedFiles::Desk(store) => Some(store),
            AttachedFiles::Team(_) => None,
        }
    }

    /// True when the files are kept in a team database (and so belong to a client).
    pub fn is_team(&self) -> bool {
        matches!(self, AttachedFiles::Team(_))
    }

    /// The team database's files, when they are.
    pub fn team(&self) -> Option<&TeamFiles<'_>> {
        match self {
            AttachedFiles::Desk(_) => None,
            AttachedFiles::Team(team) => Some(team),
        }
    }
}

/// The files of a team database, as the connection's login may see them.
pub struct TeamFiles<'a> {
    engine: &'a PgEngine,
    /// How messages name the database (its URL, without a password).
    label: PathBuf,
}

impl<'a> TeamFiles<'a> {
    /// The files of the team database behind `engine`, named `label` in messages.
    pub(in crate::store) fn new(engine: &'a PgEngine, label: PathBuf) -> TeamFiles<'a> {
        TeamFiles { engine, label }
    }

    /// How messages name the team database.
    pub fn label(&self) -> &Path {
        &self.label
    }

    /// Stores the file at `source` for `client` (kept once per client), and returns what a
    /// record names it by.
    pub fn import(&self, source: &Path, client: u64) -> Result<FileRef, FilesError> {
        let (hash, size) = self.engine.store_file(client, source, None)?;
        let name = source
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        Ok(file_ref(hash, size, &name))
    }

    /// Stores the file at `source` for `client`, refused as damaged unless its content
    /// hashes to `expected` (a desk's stored file moving into the team database).
    pub(crate) fn import_expected(
        &self,
        source: &Path,
        client: u64,
        expected: FileHash,
    ) -> Result<(), FilesError> {
        self.engine
            .store_file(client, source, Some(expected))
            .map(|_| ())
    }

    /// Keeps what reading the file `hash` gave, in the server beside the file, for every
    /// client this login may see that holds it (see `schema7.sql`).
    pub fn keep_text(&self, hash: &FileHash, text: &ServedText) -> Result<(), FilesError> {
        self.engine.keep_text(hash, text)
    }

    /// What reading the file `hash` gave (`Words` without the words); `None` when it was
    /// not read yet.
    pub fn text_state(&self, hash: &FileHash) -> Result<Option<ServedText>, FilesError> {
        self.engine.text_state(hash)
    }

    /// The files whose words were read (or tried).
    pub fn texts_kept(&self) -> Result<HashSet<FileHash>, FilesError> {
        self.engine.texts_kept()
    }

    /// The files whose words hold every one of `folded` (each folded for the search, see
    /// [`crate::store::text_index::fold_words`]), searched by the server.
    pub fn files_with_words(&self, folded: &[String]) -> Result<HashSet<FileHash>, FilesError> {
        self.engine.files_with_words(folded)
    }

    /// Keeps the thumbnail of the file `hash`, or why it has none.
    pub fn keep_thumb(&self, hash: &FileHash, thumb: &ServedThumb) -> Result<(), FilesError> {
        self.engine.keep_thumb(hash, thumb)
    }

    /// The thumbnail of the file `hash` (or why it has none), if one was kept.
    pub fn thumb(&self, hash: &FileHash) -> Result<Option<ServedThumb>, FilesError> {
        self.engine.thumb(hash)
    }

    /// The files with a thumbnail kept (or refused).
    pub fn thumbs_kept(&self) -> Result<HashSet<FileHash>, FilesError> {
        self.engine.thumbs_kept()
    }

    fn find(&self, hash: &FileHash, name: Option<&str>) -> Result<ServedFile, FilesError> {
        self.engine
            .find_file(hash)?
            .ok_or_else(|| FilesError::Missing {
                hash: *hash,
                name: name.map(str::to_string),
                folder: self.label.clone(),
            })
    }

    /// A verified, read-only copy of `file`, streamed from the server chunk by chunk.
    pub fn open_copy(&self, file: &FileRef) -> Result<PathBuf, FilesError> {
        let served = self.find(&file.hash, Some(&file.original_name))?;
        let named = |e: FilesError| match e {
            FilesError::Damaged { hash, path, .. } => FilesError::Damaged {
                hash,
                name: Some(file.original_name.clone()),
                path,
            },
            other => other,
        };
        super::opened::open_copy_with(file, &self.label, &mut |out, temp| {
            self.engine
                .with_file_reader(&served, &self.label, |reader| {
                    Ok(stream(reader, &self.label, out, temp)?.0)
                })
                .map_err(named)
        })
    }

    /// Copies the stored file `hash` of `client` into the desk's folder `into`, verified on
    /// the way. Returns whether a copy was made (false when `into` has it already).
    pub(crate) fn copy_to(
        &self,
        client: u64,
        hash: &FileHash,
        into: &FileStore,
    ) -> Result<bool, FilesError> {
        let served = self
            .engine
            .served_file(client, hash)?
            .ok_or_else(|| FilesError::Missing {
                hash: *hash,
                name: None,
                folder: self.label.clone(),
            })?;
        self.engine
            .with_file_reader(&served, &self.label, |reader| {
                into.import_expected(reader, &self.label, *hash, served.size)
            })
    }

    /// The stored files written before `before_ms` (Unix milliseconds) that `referenced` (the
    /// client and fingerprint of each file the records name) does not name: client,
    /// fingerprint and size.
    pub fn orphans(
        &self,
        referenced: &BTreeSet<(u64, FileHash)>,
        before_ms: i64,
    ) -> Result<Vec<(u64, FileHash, u64)>, FilesError> {
        Ok(self
            .engine
            .files_written_before(before_ms)?
            .into_iter()
            .filter(|f| !referenced.contains(&(f.client, f.hash)))
            .map(|f| (f.client, f.hash, f.size))
            .collect())
    }

    /// Deletes the orphan `hash` of `client` found by [`TeamFiles::orphans`], with its text
    /// and thumbnail, unless it was written since `before_ms`; its size if it went. Only the
    /// administrator who set the database up may.
    pub fn remove_orphan(
        &self,
        client: u64,
        hash: &FileHash,
        before_ms: i64,
    ) -> Result<Option<u64>, FilesError> {
        self.engine.remove_file(client, hash, before_ms)
    }

    /// Verifies every stored file this login may see (its chunks, streamed, hash to its
    /// name) and compares them with `referenced`, the client and fingerprint of each file the
    /// visible records name. Nothing is changed.
    pub fn check(&self, referenced: &BTreeSet<(u64, FileHash)>) -> Result<FilesReport, FilesError> {
        let stored = self.engine.served_files()?;
        let mut report = FilesReport {
            folder: self.label.clone(),
            ..FilesReport::default()
        };
        for file in &stored {
            report.bytes += file.size;
            let found = self.engine.with_file_reader(file, &self.label, |reader| {
                stream(reader, &self.label, &mut std::io::sink(), &self.label)
            });
            match found {
                Ok((hash, size)) if hash == file.hash && size == file.size => report.ok += 1,
                Ok(_) | Err(FilesError::Damaged { .. }) => report.damaged.push(file.hash),
                Err(e) => return Err(e),
            }
            if !referenced.contains(&(file.client, file.hash)) {
                report.orphans.push(file.hash);
            }
        }
        let present: BTreeSet<(u64, FileHash)> =
            stored.iter().map(|f| (f.client, f.hash)).collect();
        report
            .missing
            .extend(referenced.difference(&present).map(|(_, hash)| *hash));
        report.missing.sort();
        Ok(report)
    }
}
