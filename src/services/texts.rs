//! The words inside documents' files, kept on disk beside the database (`<db>.text/`), one
//! entry per stored file, by its fingerprint: `<hash>.txt` holds the words read,
//! `<hash>.scanned` marks a PDF without a text layer, `<hash>.none` a kind of file whose words
//! are not read, `<hash>.failed` why reading failed. Each is written whole (a temporary file
//! renamed into place) and never in memory all together: a search reads the texts of the
//! documents it looks at, one at a time. The same file filed twice is read once.
//!
//! Reading happens in a child process ([`crate::extract::isolated`]) so a hostile file is
//! stopped, not the app; its failure is kept and shown on the document.

use crate::domain::document::{Document, TextState};
use crate::domain::{DocumentId, FileHash, FileRef};
use crate::extract::{ExtractError, Extracted, isolated};
use crate::store::Store;
use std::path::{Path, PathBuf};

/// The folder of the texts of the database at `db`: `<db file name>.text` beside it.
pub fn text_dir(db: &Path) -> PathBuf {
    let mut name = db.file_name().unwrap_or_default().to_os_string();
    name.push(".text");
    db.with_file_name(name)
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

/// The words read from the file `hash`, if any.
pub fn text_of(db: &Path, hash: &FileHash) -> Option<String> {
    std::fs::read_to_string(entry(db, hash, "txt")).ok()
}

/// Reads the words of `file` (a verified read-only copy of it) in a child process started
/// from `exe`, and keeps what came of it. A file read before is not read again.
pub fn index_file(store: &Store, exe: &Path, file: &FileRef) -> TextState {
    let db = store.path();
    let known = state_of(db, &file.hash);
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
    keep(db, &file.hash, read)
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
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    store.read()?.each::<Document>(|d| {
        if d.trashed.is_some() {
            return;
        }
        if let Some(v) = d.current()
            && seen.insert(v.file.hash)
            && state_of(&db, &v.file.hash) == TextState::Pending
        {
            out.push(v.file.clone());
        }
    })?;
    Ok(out)
}

/// The documents (not in the trash) whose newest file holds every one of `words`, ignoring
/// letter case and spaces, in id order. Reads each document's text from disk in turn.
pub fn documents_with_words(
    store: &Store,
    words: &[&str],
) -> Result<Vec<DocumentId>, crate::store::StoreError> {
    let fold = |s: &str| -> String {
        s.chars()
            .filter(|c| !c.is_whitespace())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let wanted: Vec<String> = words
        .iter()
        .map(|w| fold(w))
        .filter(|w| !w.is_empty())
        .collect();
    if wanted.is_empty() {
        return Ok(Vec::new());
    }
    let db = store.path().to_path_buf();
    let mut out = Vec::new();
    store.read()?.each::<Document>(|d| {
        if d.trashed.is_some() {
            return;
        }
        let Some(v) = d.current() else {
            return;
        };
        if let Some(text) = text_of(&db, &v.file.hash) {
            let text = fold(&text);
            if wanted.iter().all(|w| text.contains(w.as_str())) {
                out.push(d.id);
            }
        }
    })?;
    Ok(out)
}
