//! The words inside documents' files, kept on disk beside the database (`<db>.text/`), one
//! entry per stored file, by its fingerprint: `<hash>.txt` holds the words read,
//! `<hash>.scanned` marks a PDF without a text layer, `<hash>.none` a kind of file whose words
//! are not read, `<hash>.failed` why reading failed. Each is written whole (a temporary file
//! renamed into place) and never in memory all together: a search reads the texts of the
//! documents it looks at, one at a time. The same file filed twice is read once.
//!
//! Reading happens in a child process ([`crate::extract::isolated`]) so a hostile file is
//! stopped, not the app; its failure is kept and shown on the document.
//!
//! A team database keeps them in the server instead, beside its files and under their walls
//! (`schema7.sql`): the first desk to read a file keeps its folded words for everyone who
//! may see the client, and the server searches them.

use crate::domain::document::{Document, TextState};
use crate::domain::{DocumentId, FileHash, FileRef};
use crate::extract::{ExtractError, Extracted, isolated};
use crate::store::Store;
use crate::store::files::ServedText;
use crate::store::text_index::{self, TextIndex, fold_words};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

mod namers;

/// Texts added to the words' index in one transaction when it catches up.
const CATCH_UP_BATCH: usize = 256;

/// The folder of the texts of the database at `db`: `<db file name>.text` beside it.
pub fn text_dir(db: &Path) -> PathBuf {
    text_index::text_dir(db)
}

fn entry(db: &Path, hash: &FileHash, ext: &str) -> PathBuf {
    text_dir(db).join(format!("{}.{ext}", hash.to_hex()))
}

/// Where the words of the file `hash` stand (`Pending`: not read yet).
pub fn state_of(db: &Path, hash: &FileHash) -> TextState {
    if let Ok(m) = std::fs::metadata(entry(db, hash, "txt")) {
        // The count of characters, read only when asked for; the length says it is there.
        let chars = std::fs::read_to_string(entry(db, hash, "txt"))
            .map(|t| t.chars().count())
            .unwrap_or(m.len() as usize);
        return TextState::Indexed {
            chars: u32::try_from(chars).unwrap_or(u32::MAX),
        };
    }
    if entry(db, hash, "scanned").exists() {
        return TextState::Scanned;
    }
    if entry(db, hash, "none").exists() {
        return TextState::NotRead;
    }
    match std::fs::read_to_string(entry(db, hash, "failed")) {
        Ok(why) => TextState::Failed(why),
        Err(_) => TextState::Pending,
    }
}

/// Where the words of the file `hash` stand in `store`: beside a desk's database, or in a
/// team database's server (a server that cannot be asked: `Pending`, logged).
pub fn state(store: &Store, hash: &FileHash) -> TextState {
    let files = store.files();
    let Some(team) = files.team() else {
        return state_of(store.path(), hash);
    };
    match team.text_state(hash) {
        Ok(Some(ServedText::Words { chars, .. })) => TextState::Indexed { chars },
        Ok(Some(ServedText::Scanned)) => TextState::Scanned,
        Ok(Some(ServedText::NotRead)) => TextState::NotRead,
        Ok(Some(ServedText::Failed(why))) => TextState::Failed(why),
        Ok(None) => TextState::Pending,
        Err(e) => {
            log::warn!("where the words of {} stand: {e}", hash.short());
            TextState::Pending
        }
    }
}

/// Removes what was kept of the file `hash`'s words (its text, or why it has none, and its
/// place in the words' index), for a file no longer stored.
pub fn forget(db: &Path, hash: &FileHash) {
    if let Some(text) = text_of(db, hash) {
        let key = hash.to_hex();
        let removed = TextIndex::of(db).and_then(|index| index.remove(&[(key.as_bytes(), &text)]));
        if let Err(e) = removed {
            // It only proposes files to read: one no longer kept is never a hit.
            log::warn!("taking {key} out of the words' index: {e}");
        }
    }
    for ext in ["txt", "scanned", "none", "failed"] {
        let _ = std::fs::remove_file(entry(db, hash, ext));
    }
}

/// The words read from the file `hash`, if any.
pub fn text_of(db: &Path, hash: &FileHash) -> Option<String> {
    std::fs::read_to_string(entry(db, hash, "txt")).ok()
}

/// Reads the words of `file` (a verified read-only copy of it) in a child process started
/// from `exe`, and keeps what came of it. A file read before is not read again.
pub fn index_file(store: &Store, exe: &Path, file: &FileRef) -> TextState {
    let known = state(store, &file.hash);
    if known != TextState::Pending {
        return known;
    }
    // The child reads the stored file where it is (it only reads); a team database's file
    // is streamed to a copy first, removed afterwards.
    let read = match crate::services::files::readable(store, file) {
        Ok((path, copied)) => {
            let read = isolated::extract_named(exe, &path, &file.original_name);
            crate::services::files::done_reading(&path, copied);
            read
        }
        Err(e) => Err(ExtractError::Unreadable(e.message(crate::domain::Lang::En))),
    };
    keep_in(store, &file.hash, read)
}

/// Keeps what reading the file `hash` gave where `store` keeps texts: beside a desk's
/// database ([`keep`]), or in a team database's server, folded.
pub fn keep_in(store: &Store, hash: &FileHash, read: Result<Extracted, ExtractError>) -> TextState {
    let files = store.files();
    let Some(team) = files.team() else {
        return keep(store.path(), hash, read);
    };
    let (served, state) = match read {
        Ok(Extracted::Text(text)) => {
            let chars = u32::try_from(text.chars().count()).unwrap_or(u32::MAX);
            let folded = fold_words(&text);
            (
                ServedText::Words { chars, folded },
                TextState::Indexed { chars },
            )
        }
        Ok(Extracted::Scanned) => (ServedText::Scanned, TextState::Scanned),
        Ok(Extracted::NotRead) => (ServedText::NotRead, TextState::NotRead),
        Err(e) => {
            let why = e.to_string();
            (ServedText::Failed(why.clone()), TextState::Failed(why))
        }
    };
    match team.keep_text(hash, &served) {
        Ok(()) => state,
        Err(e) => {
            log::warn!(
                "cannot keep the words of {} in the server: {e}",
                hash.short()
            );
            TextState::Pending
        }
    }
}

/// Keeps what reading the file `hash` gave.
pub fn keep(db: &Path, hash: &FileHash, read: Result<Extracted, ExtractError>) -> TextState {
    let dir = text_dir(db);
    if let Err(e) = std::fs::create_dir_all(&dir) {
        log::warn!("cannot make {}: {e}", dir.display());
        return TextState::Pending;
    }
    let (ext, body, state) = match read {
        Ok(Extracted::Text(text)) => {
            let chars = u32::try_from(text.chars().count()).unwrap_or(u32::MAX);
            // Into the words' index first: a text kept but not indexed is caught up with
            // at the next start, one indexed but not kept is read again.
            if let Some(index) = words_index(db) {
                let key = hash.to_hex();
                if let Err(e) = index.add(&[(key.as_bytes(), &text)]) {
                    log::warn!("cannot index the words of {key}: {e}");
                }
            }
            ("txt", text, TextState::Indexed { chars })
        }
        Ok(Extracted::Scanned) => ("scanned", String::new(), TextState::Scanned),
        Ok(Extracted::NotRead) => ("none", String::new(), TextState::NotRead),
        Err(e) => {
            let why = e.to_string();
            ("failed", why.clone(), TextState::Failed(why))
        }
    };
    let path = entry(db, hash, ext);
    match crate::safe_file::write_atomic(&path, body.as_bytes()) {
        Ok(()) => state,
        Err(e) => {
            log::warn!("cannot keep {}: {e}", path.display());
            TextState::Pending
        }
    }
}

/// The files of documents whose words are not read yet (newest version of each document
/// not in the trash), once each.
pub fn pending(store: &Store) -> Result<Vec<FileRef>, crate::store::StoreError> {
    let db = store.path().to_path_buf();
    // A team database's server says at once which files were read.
    let kept = match store.files().team() {
        Some(team) => Some(team.texts_kept()?),
        None => None,
    };
    let read = |hash: &FileHash| match &kept {
        Some(kept) => kept.contains(hash),
        None => state_of(&db, hash) != TextState::Pending,
    };
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    store.read()?.each::<Document>(|d| {
        if d.trashed.is_some() {
            return;
        }
        if let Some(v) = d.current()
            && seen.insert(v.file.hash)
            && !read(&v.file.hash)
        {
            out.push(v.file.clone());
        }
    })?;
    Ok(out)
}

/// The words' index of the texts of the database `db`, with every text kept before it
/// was made added (once per process). `None` when it cannot be opened (another program
/// holds it): the caller reads the texts instead.
pub fn words_index(db: &Path) -> Option<Arc<TextIndex>> {
    let index = match TextIndex::of(db) {
        Ok(index) => index,
        Err(e) => {
            log::warn!("the words' index of {} is not used: {e}", db.display());
            return None;
        }
    };
    match index.complete_with(|index| catch_up(db, index)) {
        Ok(()) => Some(index),
        Err(e) => {
            log::warn!("the words' index of {} is not used: {e}", db.display());
            None
        }
    }
}

/// Adds to `index` every text kept beside `db` that is not in it.
fn catch_up(db: &Path, index: &TextIndex) -> Result<(), crate::store::StoreError> {
    let dir = text_dir(db);
    let entries = match std::fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(crate::store::StoreError::io(dir, e)),
    };
    let mut batch: Vec<(String, String)> = Vec::new();
    let flush = |batch: &mut Vec<(String, String)>| {
        let files: Vec<(&[u8], &str)> = batch
            .iter()
            .map(|(k, t)| (k.as_bytes(), t.as_str()))
            .collect();
        let added = index.add(&files);
        batch.clear();
        added
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(key) = name.strip_suffix(".txt") else {
            continue;
        };
        if index.has(key.as_bytes())? {
            continue;
        }
        // A text that cannot be read now is left for the next start.
        if let Ok(text) = std::fs::read_to_string(entry.path()) {
            batch.push((key.to_string(), text));
        }
        if batch.len() >= CATCH_UP_BATCH {
            flush(&mut batch)?;
        }
    }
    flush(&mut batch)
}

/// The documents (not in the trash) whose newest file holds every one of `words`, ignoring
/// letter case and spaces, in id order. The words' index names the files that may hold
/// them and only those texts are read; without it every document's text is read in turn.
/// A team database's server searches the texts it keeps.
pub fn documents_with_words(
    store: &Store,
    words: &[&str],
) -> Result<Vec<DocumentId>, crate::store::StoreError> {
    let wanted: Vec<String> = words
        .iter()
        .map(|w| fold_words(w))
        .filter(|w| !w.is_empty())
        .collect();
    if wanted.is_empty() {
        return Ok(Vec::new());
    }
    if let Some(team) = store.files().team() {
        let found = team.files_with_words(&wanted)?;
        let named = namers::documents_naming(store, &found)?;
        return Ok(named.into_iter().map(|d| d.id).collect());
    }
    let db = store.path().to_path_buf();
    let candidates: Option<HashSet<FileHash>> = match words_index(&db) {
        Some(index) => match index.candidates(&wanted) {
            Ok(keys) => keys.map(|keys| {
                keys.into_iter()
                    .filter_map(|k| std::str::from_utf8(&k).ok().and_then(FileHash::from_hex))
                    .collect()
            }),
            Err(e) => {
                log::warn!("the words' index of {} is not used: {e}", db.display());
                None
            }
        },
        None => None,
    };
    let holds = |hash: &FileHash| {
        text_of(&db, hash).is_some_and(|text| {
            let text = fold_words(&text);
            wanted.iter().all(|w| text.contains(w.as_str()))
        })
    };
    let mut out = Vec::new();
    match candidates {
        // Only the documents naming a candidate file are read, and only their texts.
        Some(files) => {
            for d in namers::documents_naming(store, &files)? {
                if d.current().is_some_and(|v| holds(&v.file.hash)) {
                    out.push(d.id);
                }
            }
        }
        None => store.read()?.each::<Document>(|d| {
            if d.trashed.is_none() && d.current().is_some_and(|v| holds(&v.file.hash)) {
                out.push(d.id);
            }
        })?,
    }
    Ok(out)
}
