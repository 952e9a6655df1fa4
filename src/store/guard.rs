//! The files an export must never replace: the database, the files the store keeps beside it
//! (clean-close marker, lock, temporaries) and its automatic backups, however the name was
//! typed. `account-desk export brief 2026-0001 -o desk.redb` would otherwise swap the agency's
//! data for a PDF.

use super::StoreError;
use super::backup::backup_dir;
use crate::safe_file::{normalize_as, same_file_as};
use std::path::{Path, PathBuf};

/// Whether this system's usual file systems ignore letter case (as in [`crate::safe_file`]).
const CASE_INSENSITIVE: bool = cfg!(any(windows, target_os = "macos"));

// What a protected file is, as the phrases `StoreError::Protected` explains (and translates).
const DATABASE: &str = "the database file itself";
const CLEAN_MARKER: &str = "its clean-close marker";
const LOCK: &str = "its lock file";
const AUTOMATIC_BACKUP: &str = "an automatic backup";
const TEMPORARY: &str = "a temporary file";
const BACKUP_FOLDER: &str = "the backup folder";

/// Refuses `target` as the file to write when it is the database at `db` itself, one of the
/// files kept beside it (`<name>.clean`, `<name>.lock`, `<name>.clean.partial`, temporaries
/// `<name>.partial-*`, `.<name>.partial-*` and `.<name>.<purpose>-partial-*`), anything in its
/// automatic-backup folder, or an existing folder. Call it before opening the database, so a refused export touches nothing.
pub fn refuse_overwrite(db: &Path, target: &Path) -> Result<(), StoreError> {
    if let Some(what) = protected(db, target, CASE_INSENSITIVE) {
        return Err(StoreError::Protected {
            path: target.to_path_buf(),
            db: db.to_path_buf(),
            what,
        });
    }
    if target.is_dir() {
        return Err(StoreError::io(
            target,
            std::io::Error::from(std::io::ErrorKind::IsADirectory),
        ));
    }
    Ok(())
}

/// What `target` is to the database at `db`, if it is protected; `case_insensitive` as the
/// file system compares names.
fn protected(db: &Path, target: &Path, case_insensitive: bool) -> Option<&'static str> {
    if same_file_as(db, target, case_insensitive) {
        return Some(DATABASE);
    }
    let target = normalize_as(target, case_insensitive);
    let target_name = target.file_name()?.to_string_lossy().into_owned();
    for db in spellings(db, case_insensitive) {
        let (Some(folder), Some(name)) = (db.parent(), db.file_name()) else {
            continue;
        };
        let backups = normalize_as(&backup_dir(&db), case_insensitive);
        if target == backups {
            return Some(BACKUP_FOLDER);
        }
        if target.starts_with(&backups) {
            return Some(AUTOMATIC_BACKUP);
        }
        if target.parent() != Some(folder) {
            continue;
        }
        let name = name.to_string_lossy();
        let what = match target_name.strip_prefix(name.as_ref()) {
            Some("") => Some(DATABASE),
            Some(".clean") => Some(CLEAN_MARKER),
            Some(".lock") => Some(LOCK),
            Some(".clean.partial") => Some(TEMPORARY),
            Some(rest) if rest.starts_with(".partial-") => Some(TEMPORARY),
            // The store's own temporaries are `.<name>.<purpose>-partial-<pid>`.
            _ => target_name
                .strip_prefix('.')
                .and_then(|t| t.strip_prefix(name.as_ref()))
                .and_then(|t| t.strip_prefix('.'))
                .filter(|rest| rest.starts_with("partial-") || rest.contains("-partial-"))
                .map(|_| TEMPORARY),
        };
        if what.is_some() {
            return what;
        }
    }
    None
}

/// The database's path with its folder resolved but its own name as given (the store keeps
/// its files beside that name, even when it is a link), and fully resolved (beside the file
/// a link points to).
fn spellings(db: &Path, case_insensitive: bool) -> [PathBuf; 2] {
    let folder = db.parent().unwrap_or(Path::new(""));
    let as_named = match db.file_name() {
        Some(name) => {
            let name = match case_insensitive {
                true => name.to_string_lossy().to_lowercase().into(),
                false => name.to_os_string(),
            };
            normalize_as(folder, case_insensitive).join(name)
        }
        None => normalize_as(db, case_insensitive),
    };
    [as_named, normalize_as(db, case_insensitive)]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A folder with a database file, its marker and an automatic backup.
    fn desk() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("客户 资料");
        std::fs::create_dir_all(folder.join("backups")).unwrap();
        let db = folder.join("desk.redb");
        std::fs::write(&db, b"db").unwrap();
        std::fs::write(folder.join("desk.redb.clean"), b"seal").unwrap();
        std::fs::write(folder.join("backups/desk-20261126-090000.redb"), b"db").unwrap();
        (dir, db)
    }

    /// `path` spelled relative to the current folder, through `..` up to the root.
    fn relative(path: &Path) -> PathBuf {
        let here = std::env::current_dir().unwrap();
        let mut rel = PathBuf::new();
        for _ in here.components().skip(1) {
            rel.push("..");
        }
        rel.join(path.strip_prefix("/").unwrap_or(path))
    }

    fn what(db: &Path, target: &Path) -> Option<&'static str> {
        protected(db, target, false)
    }

    #[test]
    fn the_database_is_refused_however_it_is_spelled() {
        let (_dir, db) = desk();
        let folder = db.parent().unwrap();
        assert_eq!(what(&db, &db), Some(DATABASE));
        assert_eq!(
            what(&db, &folder.join(".").join("desk.redb")),
            Some(DATABASE)
        );
        let up = folder.join("..").join("客户 资料").join("desk.redb");
        assert_eq!(what(&db, &up), Some(DATABASE));
        if cfg!(unix) {
            assert_eq!(what(&db, &relative(&db)), Some(DATABASE));
            assert_eq!(what(&relative(&db), &db), Some(DATABASE));
        }
        let err = refuse_overwrite(&db, &up).unwrap_err();
        let text = err.to_string();
        assert!(matches!(err, StoreError::Protected { what: DATABASE, .. }));
        assert!(
            text.contains("客户 资料") && text.contains("desk.redb"),
            "{text}"
        );
        assert!(text.contains("choose another file name"), "{text}");
        // Neighbours that merely look alike are fine.
        for fine in ["desk.pdf", "desk.redb.pdf", "desk.redbx", "my desk.redb"] {
            assert_eq!(what(&db, &folder.join(fine)), None, "{fine}");
        }
        assert!(refuse_overwrite(&db, &folder.join("2026-0001 工作简要.pdf")).is_ok());
    }

    #[test]
    fn the_files_beside_the_database_and_its_backups_are_refused() {
        let (_dir, db) = desk();
        let folder = db.parent().unwrap();
        let cases = [
            ("desk.redb.clean", CLEAN_MARKER),
            ("desk.redb.lock", LOCK),
            ("desk.redb.clean.partial", TEMPORARY),
            ("desk.redb.partial-4242", TEMPORARY),
            (".desk.redb.partial-4242-0", TEMPORARY),
            (".desk.redb.restore-partial-4242", TEMPORARY),
            (".desk.redb.load-partial-4242", TEMPORARY),
            ("backups", BACKUP_FOLDER),
            ("backups/desk-20261126-090000.redb", AUTOMATIC_BACKUP),
            ("backups/new.pdf", AUTOMATIC_BACKUP),
            ("backups/sub/../x.redb", AUTOMATIC_BACKUP),
        ];
        for (name, expected) in cases {
            assert_eq!(what(&db, &folder.join(name)), Some(expected), "{name}");
            assert!(refuse_overwrite(&db, &folder.join(name)).is_err(), "{name}");
        }
        // Another database's files are somebody else's business.
        assert_eq!(what(&db, &folder.join("other.redb.clean")), None);
    }

    #[test]
    fn an_existing_folder_is_refused() {
        let (_dir, db) = desk();
        let folder = db.parent().unwrap();
        let err = refuse_overwrite(&db, folder).unwrap_err();
        assert!(
            matches!(&err, StoreError::Io { source, .. } if source.kind() == std::io::ErrorKind::IsADirectory),
            "{err}"
        );
        assert!(err.to_string().contains("客户 资料"), "{err}");
    }

    #[cfg(unix)]
    #[test]
    fn links_to_the_database_or_its_folder_are_refused() {
        let (dir, db) = desk();
        let folder = db.parent().unwrap();
        let file_link = dir.path().join("link.redb");
        std::os::unix::fs::symlink(&db, &file_link).unwrap();
        let folder_link = dir.path().join("folder-link");
        std::os::unix::fs::symlink(folder, &folder_link).unwrap();
        assert_eq!(what(&db, &file_link), Some(DATABASE));
        assert_eq!(what(&db, &folder_link.join("desk.redb")), Some(DATABASE));
        assert_eq!(
            what(&db, &folder_link.join("desk.redb.lock")),
            Some(LOCK),
            "not there yet, but it would be the lock"
        );
        assert_eq!(
            what(&db, &folder_link.join("backups/x.pdf")),
            Some(AUTOMATIC_BACKUP)
        );
        // The database opened through a link keeps its marker beside the link.
        assert_eq!(
            what(&file_link, &dir.path().join("link.redb.clean")),
            Some(CLEAN_MARKER)
        );
        assert_eq!(what(&file_link, &db), Some(DATABASE));
        assert_eq!(what(&folder_link.join("desk.redb"), &db), Some(DATABASE));
    }

    #[test]
    fn case_is_ignored_where_the_file_system_ignores_it() {
        let (_dir, db) = desk();
        let folder = db.parent().unwrap();
        let shouted = folder.join("DESK.REDB");
        assert_eq!(protected(&db, &shouted, true), Some(DATABASE));
        assert_eq!(
            protected(&db, &folder.join("Desk.Redb.Clean"), true),
            Some(CLEAN_MARKER)
        );
        assert_eq!(
            protected(&db, &folder.join("BACKUPS").join("x.pdf"), true),
            Some(AUTOMATIC_BACKUP)
        );
        assert_eq!(protected(&shouted, &db, true), Some(DATABASE));
        if !shouted.exists() {
            // A case-sensitive file system: DESK.REDB is another file.
            assert_eq!(protected(&db, &shouted, false), None);
        }
    }
}
