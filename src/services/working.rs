//! Working copies: "Edit" on a document gives a writable copy of its newest file, in a
//! folder of the app's own ([`working_dir`]: `<db>.working/<document id>/<name>` beside a
//! desk's database), and opens it. While it differs from what is stored, the document's page
//! offers to check it in as the next version, and the copy is never removed: people "Save
//! As" elsewhere and lose edits otherwise, so the copy stays where the app can see it until
//! it is checked in or its edits are given up on purpose. The folder is the whole state: a
//! restart finds the copies where they were.
//!
//! A team database's copies are this computer's, not the server's: they are kept in the
//! folder the window named ([`Store::keep_own_in`], its data folder), under
//! `team-working/<the database's address>/`, and checked in through the server like any
//! new version.

use crate::domain::document::Document;
use crate::domain::{DocumentId, FileHash};
use crate::store::Store;
use sha2::{Digest, Sha256};
use std::io::Read;
use std::path::{Path, PathBuf};

/// The folder of the working copies of `store`'s documents: `<db file name>.working` beside
/// a desk's database; `team-working/<address>` in a team database's own folder on this
/// computer, `None` until the window named one.
pub fn working_dir(store: &Store) -> Option<PathBuf> {
    if !store.files().is_team() {
        let db = store.path();
        let mut name = db.file_name().unwrap_or_default().to_os_string();
        name.push(".working");
        return Some(db.with_file_name(name));
    }
    let address = crate::store::files::safe_file_name(&store.path().to_string_lossy());
    Some(store.own_folder()?.join("team-working").join(address))
}

fn folder_of(store: &Store, id: DocumentId) -> Option<PathBuf> {
    Some(working_dir(store)?.join(id.0.to_string()))
}

/// The working copy of document `id`, if there is one.
pub fn copy_of(store: &Store, id: DocumentId) -> Option<PathBuf> {
    std::fs::read_dir(folder_of(store, id)?)
        .ok()?
        .flatten()
        .map(|e| e.path())
        .find(|p| p.is_file())
}

/// The fingerprint of the file at `path`, read in pieces.
pub fn fingerprint(path: &Path) -> std::io::Result<FileHash> {
    let mut file = std::fs::File::open(path)?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 1024 * 1024];
    loop {
        let n = file.read(&mut buf)?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    Ok(FileHash(hasher.finalize().into()))
}

/// Whether the working copy at `path` differs from the document's newest version (an
/// unreadable copy counts as changed: it is never removed on a guess).
pub fn differs(doc: &Document, path: &Path) -> bool {
    match (fingerprint(path), doc.current()) {
        (Ok(hash), Some(v)) => hash != v.file.hash,
        _ => true,
    }
}

/// The working copy of `doc`: the one there is, or a new writable copy of its newest file
/// (verified against its fingerprint as it is made).
pub fn check_out(store: &Store, doc: &Document) -> Result<PathBuf, String> {
    if let Some(existing) = copy_of(store, doc.id) {
        return Ok(existing);
    }
    let Some(v) = doc.current() else {
        return Err(format!("document {} has no file", doc.id.0));
    };
    let (source, copied) = crate::services::files::readable(store, &v.file)
        .map_err(|e| e.message(crate::domain::Lang::En))?;
    let Some(folder) = folder_of(store, doc.id) else {
        return Err(format!(
            "no folder on this computer for the working copies of {}: open it in the app's window",
            store.path().display()
        ));
    };
    let made = std::fs::create_dir_all(&folder)
        .map_err(|e| format!("{}: {e}", folder.display()))
        .and_then(|()| {
            let name = crate::store::files::safe_file_name(&v.file.original_name);
            let target = folder.join(if name.is_empty() {
                "document".into()
            } else {
                name
            });
            crate::safe_file::copy_atomic(&source, &target)
                .map_err(|e| format!("{}: {e}", target.display()))?;
            Ok(target)
        });
    crate::services::files::done_reading(&source, copied);
    let target = made?;
    // The store's files are read-only; the working copy is for editing.
    if let Ok(meta) = std::fs::metadata(&target) {
        let mut perms = meta.permissions();
        #[allow(clippy::permissions_set_readonly_false)]
        perms.set_readonly(false);
        let _ = std::fs::set_permissions(&target, perms);
    }
    // Made from the store's own bytes: it must be what is stored.
    if differs(doc, &target) {
        let _ = std::fs::remove_file(&target);
        return Err(format!(
            "the stored file of document {} is damaged: run `account-desk check`",
            doc.id.0
        ));
    }
    Ok(target)
}

/// Why a working copy was kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeptCopy(pub PathBuf);

/// Removes the working copy of `doc` — only while it is the same as the newest version
/// (checked in, or never changed). A copy with edits is kept and named.
pub fn discard(store: &Store, doc: &Document) -> Result<(), KeptCopy> {
    let Some(path) = copy_of(store, doc.id) else {
        return Ok(());
    };
    if differs(doc, &path) {
        return Err(KeptCopy(path));
    }
    std::fs::remove_file(&path).map_err(|_| KeptCopy(path.clone()))?;
    if let Some(folder) = path.parent() {
        let _ = std::fs::remove_dir(folder);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::document::DocumentKind;
    use crate::services::documents::{DocumentDraft, FiledWith};
    use crate::services::{Command, Ctx, apply};

    fn ctx() -> Ctx {
        let now = chrono::Utc::now();
        Ctx {
            actor: crate::domain::UserId(0),
            now,
            today: now.date_naive(),
        }
    }

    /// A reference document of one version filed in `store` from a file made in `dir`.
    fn file_one(store: &Store, dir: &Path) -> u64 {
        let source = dir.join("报价说明.txt");
        std::fs::write(&source, "第一版").unwrap();
        let file =
            crate::services::files::import_document_file(store, FiledWith::Reference, &source)
                .unwrap();
        let draft = DocumentDraft::new(DocumentKind::Reference, "报价说明");
        apply(
            store,
            &ctx(),
            Command::FileDocument(FiledWith::Reference, Box::new(draft), file),
        )
        .unwrap()
        .id
    }

    /// Edits document `id` in its working copy, checks that the copy with edits is kept,
    /// checks it in and removes it.
    fn edit_check_in_and_discard(store: &Store, id: u64) {
        let doc = |s: &Store| s.get::<Document>(id).unwrap().unwrap();
        let copy = check_out(store, &doc(store)).unwrap();
        assert!(copy.starts_with(working_dir(store).unwrap()));
        assert!(!differs(&doc(store), &copy));
        // Writable, and the same copy is given again.
        std::fs::write(&copy, "第二版，改了价格").unwrap();
        assert_eq!(check_out(store, &doc(store)).unwrap(), copy);
        assert!(differs(&doc(store), &copy));
        // Its edits are never thrown away by a discard.
        assert_eq!(discard(store, &doc(store)), Err(KeptCopy(copy.clone())));
        assert!(copy.exists());
        // Checked in as the next version, it may go.
        let next =
            crate::services::files::import_version_file(store, DocumentId(id), &copy).unwrap();
        apply(
            store,
            &ctx(),
            Command::AddDocumentVersion(
                DocumentId(id),
                next,
                crate::domain::document::DocumentStatus::Final,
                String::new(),
            ),
        )
        .unwrap();
        assert_eq!(doc(store).versions.len(), 2);
        assert!(!differs(&doc(store), &copy));
        assert_eq!(discard(store, &doc(store)), Ok(()));
        assert!(!copy.exists());
        assert_eq!(copy_of(store, DocumentId(id)), None);
    }

    #[test]
    fn a_working_copy_with_edits_is_kept_until_checked_in() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("desk.redb")).unwrap();
        let id = file_one(&store, dir.path());
        edit_check_in_and_discard(&store, id);
    }

    #[cfg(unix)]
    #[test]
    fn a_team_databases_working_copies_are_this_computers_and_go_in_through_the_server() {
        let Some(cluster) = crate::store::test_cluster::cluster() else {
            return;
        };
        let store = cluster.fresh_store().unwrap();
        let dir = tempfile::tempdir().unwrap();
        let id = file_one(&store, dir.path());
        // Until the window names this computer's folder, there is nowhere to keep a copy
        // (never a folder named after the server's address in the working directory).
        let doc = store.get::<Document>(id).unwrap().unwrap();
        let refused = check_out(&store, &doc).unwrap_err();
        assert!(refused.contains("no folder on this computer"), "{refused}");
        assert_eq!(copy_of(&store, DocumentId(id)), None);
        let own = dir.path().join("data");
        store.keep_own_in(own.clone());
        assert!(
            working_dir(&store)
                .unwrap()
                .starts_with(own.join("team-working"))
        );
        edit_check_in_and_discard(&store, id);
    }
}
