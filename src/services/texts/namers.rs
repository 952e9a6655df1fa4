//! Which documents name each stored file as their newest version, so that a look for words
//! reads only the documents whose files may hold them instead of decoding every document.
//! Kept in memory for the database last asked about (8 bytes of fingerprint and an id per
//! document: about 2 MB for 120,000 documents) and made again once it changed.

use crate::domain::{Document, DocumentId, FileHash};
use crate::store::{Kind, Store, StoreError};
use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::Mutex;

/// The documents not in the trash, by the first 8 bytes of their newest file's
/// fingerprint, sorted; as of one state of one database.
struct Namers {
    db: PathBuf,
    /// The database's newest change and how many documents it had, when this was made.
    seq: u64,
    count: u64,
    by_file: Vec<(u64, DocumentId)>,
}

static NAMERS: Mutex<Option<Namers>> = Mutex::new(None);

fn prefix(hash: &FileHash) -> u64 {
    let mut first = [0u8; 8];
    first.copy_from_slice(&hash.0[..8]);
    u64::from_be_bytes(first)
}

/// The documents not in the trash whose newest file is one of `files`, in id order, read
/// from the store (so what they say is current).
pub(super) fn documents_naming(
    store: &Store,
    files: &HashSet<FileHash>,
) -> Result<Vec<Document>, StoreError> {
    if files.is_empty() {
        return Ok(Vec::new());
    }
    let view = store.read()?;
    let (seq, count) = (view.last_seq()?, view.count(Kind::Document)?);
    // A look that panicked while holding the lock left at worst a stale map, which the
    // check below makes harmless.
    let mut cache = NAMERS.lock().unwrap_or_else(|p| p.into_inner());
    let fresh = cache
        .as_ref()
        .is_some_and(|n| n.db == store.path() && n.seq == seq && n.count == count);
    if !fresh {
        let mut by_file = Vec::with_capacity(usize::try_from(count).unwrap_or(0));
        view.each::<Document>(|d| {
            if d.trashed.is_none()
                && let Some(v) = d.current()
            {
                by_file.push((prefix(&v.file.hash), d.id));
            }
        })?;
        by_file.sort_unstable();
        *cache = Some(Namers {
            db: store.path().to_path_buf(),
            seq,
            count,
            by_file,
        });
    }
    let mut ids: Vec<DocumentId> = Vec::new();
    if let Some(namers) = cache.as_ref() {
        for hash in files {
            let p = prefix(hash);
            let from = namers.by_file.partition_point(|(k, _)| *k < p);
            ids.extend(
                namers.by_file[from..]
                    .iter()
                    .take_while(|(k, _)| *k == p)
                    .map(|(_, id)| *id),
            );
        }
    }
    drop(cache);
    ids.sort_unstable();
    ids.dedup();
    // Read back and checked: two fingerprints may share 8 bytes, and a write that left no
    // trace in the change feed must not make a wrong hit.
    let mut out = Vec::with_capacity(ids.len());
    for id in ids {
        if let Some(d) = view.get::<Document>(id.0)?
            && d.trashed.is_none()
            && d.current().is_some_and(|v| files.contains(&v.file.hash))
        {
            out.push(d);
        }
    }
    Ok(out)
}
