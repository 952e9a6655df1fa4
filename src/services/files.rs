//! Files records name: taking the paths typed before the desk kept files into its file store.
//!
//! A signed copy used to be a path typed into the confirmation. Read from an old layout it is
//! an outside path ([`SignedCopy::Outside`]); [`adopt_typed_paths`] imports each one whose
//! file is still there and makes it a stored file. A path whose file is gone, or cannot be
//! read, stays as it was typed: nothing is ever dropped.
//!
//! [`clear_orphans`] deletes the stored files no record names any more (those of documents
//! purged from the trash, or left by an import that was cut off), with their texts and
//! thumbnails.

use super::{Ctx, ServiceError};
use crate::domain::meeting::SignedCopy;
use crate::domain::{Action, Change, FileRef, Meeting, MeetingId, Subject};
use crate::store::{FilesError, Store};
use std::path::{Path, PathBuf};

/// Meetings imported before one write transaction names their files: the files of a batch
/// are on the disk before the transaction that names them commits.
const BATCH: usize = 100;

/// What [`adopt_typed_paths`] did.
#[derive(Debug, Default)]
pub struct AdoptReport {
    /// Signed copies now kept in the file store: the meeting, the version and the file.
    pub adopted: Vec<(MeetingId, u32, FileRef)>,
    /// Typed paths whose file is not there: kept as outside paths.
    pub missing: Vec<(MeetingId, u32, String)>,
    /// Typed paths whose file is there but could not be imported: kept as outside paths.
    pub failed: Vec<(MeetingId, u32, FilesError)>,
}

/// One typed path of one meeting's version.
struct Typed {
    id: MeetingId,
    /// The meeting's client: a team database keeps the file as that client's.
    client: u64,
    version: u32,
    path: String,
}

/// Imports the file of every typed path that still exists into the store's file store, then
/// names it from the meeting, one write transaction per [`BATCH`] meetings, each after its
/// files are safely on the disk. Paths whose file is missing or unreadable stay outside
/// paths. A meeting changed meanwhile so that it no longer names the path is left alone.
pub fn adopt_typed_paths(store: &Store, ctx: &Ctx) -> Result<AdoptReport, ServiceError> {
    let mut typed = Vec::new();
    store.read()?.each::<Meeting>(|m| {
        typed.extend(m.outside_copies().map(|(version, path)| Typed {
            id: m.id,
            client: m.client_id.0,
            version,
            path: path.to_string(),
        }));
    })?;
    let mut report = AdoptReport::default();
    if typed.is_empty() {
        return Ok(report);
    }
    let files = store.files();
    let mut batch: Vec<(Typed, FileRef)> = Vec::new();
    let mut meetings_in_batch = 0;
    let mut last: Option<MeetingId> = None;
    for item in typed {
        let source = PathBuf::from(&item.path);
        // A relative path named a file from wherever the person worked then; looked up from
        // here it could find an unrelated file, so it counts as not found.
        if !source.is_absolute() || !source.is_file() {
            report.missing.push((item.id, item.version, item.path));
            continue;
        }
        match files.import(&source, item.client) {
            Ok(file) => {
                if last != Some(item.id) {
                    meetings_in_batch += 1;
                    last = Some(item.id);
                }
                batch.push((item, file));
            }
            Err(e) => report.failed.push((item.id, item.version, e)),
        }
        if meetings_in_batch >= BATCH {
            name_files(store, ctx, std::mem::take(&mut batch), &mut report)?;
            meetings_in_batch = 0;
        }
    }
    name_files(store, ctx, batch, &mut report)?;
    Ok(report)
}

/// Names the imported files from their meetings in one write transaction.
fn name_files(
    store: &Store,
    ctx: &Ctx,
    batch: Vec<(Typed, FileRef)>,
    report: &mut AdoptReport,
) -> Result<(), ServiceError> {
    if batch.is_empty() {
        return Ok(());
    }
    let adopted = store.write(|tx| {
        tx.acting(ctx.actor, ctx.now);
        let mut adopted = Vec::new();
        let mut i = 0;
        while i < batch.len() {
            let id = batch[i].0.id;
            let end = batch[i..]
                .iter()
                .position(|(t, _)| t.id != id)
                .map_or(batch.len(), |n| i + n);
            if let Some(mut meeting) = tx.get::<Meeting>(id.0)? {
                let mut changed = Vec::new();
                for (t, file) in &batch[i..end] {
                    if meeting.adopt_outside_copy(t.version, &t.path, file.clone()) {
                        changed.push((id, t.version, file.clone()));
                    }
                }
                if !changed.is_empty() {
                    tx.put(&meeting)?;
                    tx.log(&Change {
                        stamp: ctx.stamp(),
                        subject: Subject::Meeting,
                        id: id.0,
                        action: Action::Updated,
                        summary: format!("{} 回传件已收入文件库", meeting.title),
                    })?;
                    adopted.extend(changed);
                }
            }
            i = end;
        }
        Ok(adopted)
    })?;
    report.adopted.extend(adopted);
    Ok(())
}

/// The signed copy of meeting `meeting` to file, for a file a person chose or dropped:
/// imported into the store's files first (on a team database, as a file of the meeting's
/// client, under its walls), so the confirmation that names it commits only once it is
/// stored.
pub fn import_signed_copy(
    store: &Store,
    meeting: MeetingId,
    path: &Path,
) -> Result<SignedCopy, FilesError> {
    import_for_client(store, path, "meeting", meeting.0, |s| {
        Ok(s.get::<Meeting>(meeting.0)?.map(|m| m.client_id.0))
    })
    .map(SignedCopy::Stored)
}

/// Imports the file at `path` as a file of the client of record `what` `id` (which
/// `client_of` reads) on a team database; a desk keeps one file store for every client.
fn import_for_client(
    store: &Store,
    path: &Path,
    what: &str,
    id: u64,
    client_of: impl FnOnce(&Store) -> Result<Option<u64>, crate::store::StoreError>,
) -> Result<crate::domain::FileRef, FilesError> {
    let files = store.files();
    let client = match files.is_team() {
        true => client_of(store)
            .map_err(|e| FilesError::Server {
                file: path.display().to_string(),
                detail: e.to_string(),
            })?
            .ok_or_else(|| FilesError::Server {
                file: path.display().to_string(),
                detail: format!("{what} {id} is not there (removed meanwhile?)"),
            })?,
        false => 0,
    };
    files.import(path, client)
}

/// The client's signed estimate, for a file a person chose: imported into the store's files
/// (on a team database, as a file of the estimate's client, under its walls) before the
/// signature that names it is recorded.
pub fn import_estimate_scan(
    store: &Store,
    estimate: crate::domain::EstimateId,
    path: &Path,
) -> Result<crate::domain::FileRef, FilesError> {
    import_for_client(store, path, "estimate", estimate.0, |s| {
        Ok(s.get::<crate::domain::Estimate>(estimate.0)?
            .map(|e| e.client_id.0))
    })
}

/// The file at `path`, to be filed as a document `with` a client, brand, job or meeting (or
/// the reference files): imported into the store's files first (on a team database, as a
/// file of that client, under its walls), so the document that names it commits only once
/// it is stored.
pub fn import_document_file(
    store: &Store,
    with: super::documents::FiledWith,
    path: &Path,
) -> Result<crate::domain::FileRef, FilesError> {
    use super::documents::FiledWith;
    let (what, id) = match with {
        FiledWith::Client(c) => ("client", c.0),
        FiledWith::Brand(b) => ("brand", b.0),
        FiledWith::Job(j) => ("job", j.0),
        FiledWith::Meeting(m) => ("meeting", m.0),
        FiledWith::Reference => ("reference files", 0),
    };
    import_for_client(store, path, what, id, |s| {
        Ok(match with {
            FiledWith::Client(c) => s.get::<crate::domain::Client>(c.0)?.map(|c| c.id.0),
            FiledWith::Brand(b) => s.get::<crate::domain::Brand>(b.0)?.map(|b| b.client_id.0),
            FiledWith::Job(j) => s.get::<crate::domain::Job>(j.0)?.map(|j| j.client_id.0),
            FiledWith::Meeting(m) => s.get::<Meeting>(m.0)?.map(|m| m.client_id.0),
            FiledWith::Reference => Some(0),
        })
    })
}

/// The file of a document's next version, imported as a file of the document's client.
pub fn import_version_file(
    store: &Store,
    document: crate::domain::DocumentId,
    path: &Path,
) -> Result<crate::domain::FileRef, FilesError> {
    import_for_client(store, path, "document", document.0, |s| {
        Ok(s.get::<crate::domain::Document>(document.0)?
            .map(|d| d.client_id.0))
    })
}

/// A stored file to read in place of a copy the system's viewer would get: on a desk, the
/// file in the store itself (`false`: leave it be); on a team database, a verified copy
/// streamed from the server (`true`: remove it when done). Readers of many files (the words
/// for search, an exported archive) use this, so they leave no copy of each file behind.
pub fn readable(
    store: &Store,
    file: &crate::domain::FileRef,
) -> Result<(std::path::PathBuf, bool), FilesError> {
    match store.files().desk() {
        Some(desk) => {
            let path = desk.path_of(&file.hash);
            if path.is_file() {
                Ok((path, false))
            } else {
                Err(FilesError::Missing {
                    hash: file.hash,
                    name: Some(file.original_name.clone()),
                    folder: desk.root().to_path_buf(),
                })
            }
        }
        None => Ok((store.files().open_copy(file)?, true)),
    }
}

/// Removes a copy [`readable`] made (a store's own file is left alone).
pub fn done_reading(path: &Path, copied: bool) {
    if copied {
        let _ = std::fs::remove_file(path);
    }
}

/// The files [`clear_orphans`] found named by no record: fingerprint and length.
#[derive(Debug, Default)]
pub struct ClearedOrphans {
    /// Each orphan, removed (or, on a dry run, that would be).
    pub files: Vec<(crate::store::FileHash, u64)>,
}

impl ClearedOrphans {
    /// Bytes the orphans took.
    pub fn bytes(&self) -> u64 {
        self.files.iter().map(|(_, size)| size).sum()
    }
}

/// How long a team database's new file is kept though no record names it: an import stores
/// the file first and commits the record naming it after, so a file of the last day may be
/// one a colleague is filing now.
pub const TEAM_ORPHAN_GRACE: chrono::Duration = chrono::Duration::days(1);

/// Deletes every stored file that no record names, with its kept text and thumbnail; with
/// `dry_run`, only lists them. On a desk, call it with the database opened by this process
/// alone (its lock held), so that no import is naming a file meanwhile. On a team database,
/// where people file while it runs, a file stored in the [`TEAM_ORPHAN_GRACE`] before `now`
/// is kept; only the administrator who set the database up may delete its files (`None` for
/// anyone else).
pub fn clear_orphans(
    store: &Store,
    dry_run: bool,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Option<ClearedOrphans>, ServiceError> {
    if let Some(team) = store.files().team() {
        if !matches!(
            store.team_identity(),
            Some(crate::store::Identity::Installer)
        ) {
            return Ok(None);
        }
        let before_ms = (now - TEAM_ORPHAN_GRACE).timestamp_millis();
        let named: std::collections::BTreeSet<_> =
            store.referenced_files_by_client()?.into_keys().collect();
        let mut cleared = ClearedOrphans::default();
        let orphans = team
            .orphans(&named, before_ms)
            .map_err(crate::store::StoreError::from)?;
        for (client, hash, size) in orphans {
            let gone = match dry_run {
                true => Some(size),
                false => team
                    .remove_orphan(client, &hash, before_ms)
                    .map_err(crate::store::StoreError::from)?,
            };
            if let Some(size) = gone {
                cleared.files.push((hash, size));
            }
        }
        return Ok(Some(cleared));
    }
    let files = store.desk_files();
    let mut cleared = ClearedOrphans::default();
    if !files.exists() {
        return Ok(Some(cleared));
    }
    let named = store.referenced_files()?;
    let (stored, _) = files.list().map_err(crate::store::StoreError::from)?;
    for file in stored.into_iter().filter(|f| !named.contains(&f.hash)) {
        let size = match dry_run {
            true => file.size,
            false => {
                let size = files
                    .remove_orphan(&file.hash)
                    .map_err(crate::store::StoreError::from)?;
                super::texts::forget(store.path(), &file.hash);
                super::thumbs::forget(store.path(), &file.hash);
                size
            }
        };
        cleared.files.push((file.hash, size));
    }
    Ok(Some(cleared))
}
