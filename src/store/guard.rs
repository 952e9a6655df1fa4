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

/// What a protected file is to its database: the reason a write to it is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProtectedFile {
    /// The database file itself.
    Database,
    /// Its clean-close marker (`<name>.clean`).
    CleanMarker,
    /// Its lock file (`<name>.lock`).
    Lock,
    /// A file in its automatic-backup folder.
    AutomaticBackup,
    /// A temporary file the store writes beside it.
    Temporary,
    /// The automatic-backup folder itself.
    BackupFolder,
    /// The file store beside it (`<name>.files`) or a file in it.
    StoredFile,
}

impl ProtectedFile {
    /// "… is the database … itself", "… is the lock file of the database …".
    pub fn clause_en(self, path: &Path, db: &Path) -> String {
        let (path, db) = (path.display(), db.display());
        match self {
            ProtectedFile::Database => format!("{path} is the database {db} itself"),
            ProtectedFile::CleanMarker => {
                format!("{path} is the clean-close marker of the database {db}")
            }
            ProtectedFile::Lock => format!("{path} is the lock file of the database {db}"),
            ProtectedFile::AutomaticBackup => {
                format!("{path} is an automatic backup of the database {db}")
            }
            ProtectedFile::Temporary => format!("{path} is a temporary file of the database {db}"),
            ProtectedFile::BackupFolder => {
                format!("{path} is the backup folder of the database {db}")
            }
            ProtectedFile::StoredFile => {
                format!("{path} is in the file store of the database {db}")
            }
        }
    }

    /// What it is, in Chinese ("数据库 X 的锁文件").
    pub fn noun_zh(self) -> &'static str {
        match self {
            ProtectedFile::Database => "数据库文件本身",
            ProtectedFile::CleanMarker => "正常关闭标记",
            ProtectedFile::Lock => "锁文件",
            ProtectedFile::AutomaticBackup => "自动备份",
            ProtectedFile::Temporary => "临时文件",
            ProtectedFile::BackupFolder => "备份文件夹",
            ProtectedFile::StoredFile => "文件库",
        }
    }
}

/// Refuses `target` as the file to write when it is the database at `db` itself, one of the
/// files kept beside it (`<name>.clean`, `<name>.lock`, `<name>.clean.partial`, temporaries
/// `<name>.partial-*`, `.<name>.partial-*` and `.<name>.<purpose>-partial-*`), anything in its
/// automatic-backup folder or its file store (`<name>.files`), or an existing folder. Call it before opening the database, so a refused export touches nothing.
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

/// Refuses `target` as the file a backup is written to: like [`refuse_overwrite`], except
/// that a new file beside the automatic backups is fine (it writes over nothing; a backup
/// never replaces an existing file).
pub fn refuse_backup_target(db: &Path, target: &Path) -> Result<(), StoreError> {
    match protected(db, target, CASE_INSENSITIVE) {
        Some(ProtectedFile::AutomaticBackup) if !target.exists() => Ok(()),
        _ => refuse_overwrite(db, target),
    }
}

/// What `target` is to the database at `db`, if it is protected; `case_insensitive` as the
/// file system compares names.
fn protected(db: &Path, target: &Path, case_insensitive: bool) -> Option<ProtectedFile> {
    if same_file_as(db, target, case_insensitive) {
        return Some(ProtectedFile::Database);
    }
    let target = normalize_as(target, case_insensitive);
    let target_name = target.file_name()?.to_string_lossy().into_owned();
    for db in spellings(db, case_insensitive) {
        let (Some(folder), Some(name)) = (db.parent(), db.file_name()) else {
            continue;
        };
        let backups = normalize_as(&backup_dir(&db), case_insensitive);
        if target == backups {
            return Some(ProtectedFile::BackupFolder);
        }
        if target.starts_with(&backups) {
            return Some(ProtectedFile::AutomaticBackup);
        }
        // The files kept beside the database (store::files).
        if target.starts_with(normalize_as(
            &super::files::files_dir(&db),
            case_insensitive,
        )) {
            return Some(ProtectedFile::StoredFile);
        }
        if target.parent() != Some(folder) {
            continue;
        }
        let name = name.to_string_lossy();
        let what = match target_name.strip_prefix(name.as_ref()) {
            Some("") => Some(ProtectedFile::Database),
            Some(".clean") => Some(ProtectedFile::CleanMarker),
            Some(".lock") => Some(ProtectedFile::Lock),
            Some(".clean.partial") => Some(ProtectedFile::Temporary),
            Some(rest) if rest.starts_with(".partial-") => Some(ProtectedFile::Temporary),
            // The store's own temporaries are `.<name>.<purpose>-partial-<pid>`.
            _ => target_name
                .strip_prefix('.')
                .and_then(|t| t.strip_prefix(name.as_ref()))
                .and_then(|t| t.strip_prefix('.'))
                .filter(|rest| rest.starts_with("partial-") || rest.contains("-partial-"))
                .map(|_| ProtectedFile::Temporary),
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

    fn what(db: &Path, target: &Path) -> Option<ProtectedFile> {
        protected(db, target, false)
    }

    #[test]
    fn the_database_is_refused_however_it_is_spelled() {
        let (_dir, db) = desk();
        let folder = db.parent().unwrap();
        assert_eq!(what(&db, &db), Some(ProtectedFile::Database));
        assert_eq!(
            what(&db, &folder.join(".").join("desk.redb")),
            Some(ProtectedFile::Database)
        );
        let up = folder.join("..").join("客户 资料").join("desk.redb");
        assert_eq!(what(&db, &up), Some(ProtectedFile::Database));
        if cfg!(unix) {
            assert_eq!(what(&db, &relative(&db)), Some(ProtectedFile::Database));
            assert_eq!(what(&relative(&db), &db), Some(ProtectedFile::Database));
        }
        let err = refuse_overwrite(&db, &up).unwrap_err();
        let text = err.to_string();
        assert!(matches!(
            err,
            StoreError::Protected {
                what: ProtectedFile::Database,
                ..
            }
        ));
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
            ("desk.redb.clean", ProtectedFile::CleanMarker),
            ("desk.redb.lock", ProtectedFile::Lock),
            ("desk.redb.clean.partial", ProtectedFile::Temporary),
            ("desk.redb.partial-4242", ProtectedFile::Temporary),
            (".desk.redb.partial-4242-0", ProtectedFile::Temporary),
            (".desk.redb.restore-partial-4242", ProtectedFile::Temporary),
            (".desk.redb.load-partial-4242", ProtectedFile::Temporary),
            ("backups", ProtectedFile::BackupFolder),
            (
                "backups/desk-20261126-090000.redb",
                ProtectedFile::AutomaticBackup,
            ),
            ("backups/new.pdf", ProtectedFile::AutomaticBackup),
            ("backups/sub/../x.redb", ProtectedFile::AutomaticBackup),
        ];
        for (name, expected) in cases {
            assert_eq!(what(&db, &folder.join(name)), Some(expected), "{name}");
            assert!(refuse_overwrite(&db, &folder.join(name)).is_err(), "{name}");
        }
        // Another database's files are somebody else's business.
        assert_eq!(what(&db, &folder.join("other.redb.clean")), None);
    }

    #[test]
    fn the_file_store_beside_the_database_is_refused() {
        let (_dir, db) = desk();
        let folder = db.parent().unwrap();
        for name in [
            "desk.redb.files",
            "desk.redb.files/ab/abcd",
            "desk.redb.files/new.pdf",
        ] {
            assert_eq!(
                what(&db, &folder.join(name)),
                Some(ProtectedFile::StoredFile),
                "{name}"
            );
        }
        assert_eq!(what(&db, &folder.join("desk.files")), None);
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
        assert_eq!(what(&db, &file_link), Some(ProtectedFile::Database));
        assert_eq!(
            what(&db, &folder_link.join("desk.redb")),
            Some(ProtectedFile::Database)
        );
        assert_eq!(
            what(&db, &folder_link.join("desk.redb.lock")),
            Some(ProtectedFile::Lock),
            "not there yet, but it would be the lock"
        );
        assert_eq!(
            what(&db, &folder_link.join("backups/x.pdf")),
            Some(ProtectedFile::AutomaticBackup)
        );
        // The database opened through a link keeps its marker beside the link.
        assert_eq!(
            what(&file_link, &dir.path().join("link.redb.clean")),
            Some(ProtectedFile::CleanMarker)
        );
        assert_eq!(what(&file_link, &db), Some(ProtectedFile::Database));
        assert_eq!(
            what(&folder_link.join("desk.redb"), &db),
            Some(ProtectedFile::Database)
        );
    }

    #[test]
    fn case_is_ignored_where_the_file_system_ignores_it() {
        let (_dir, db) = desk();
        let folder = db.parent().unwrap();
        let shouted = folder.join("DESK.REDB");
        assert_eq!(
            protected(&db, &shouted, true),
            Some(ProtectedFile::Database)
        );
        assert_eq!(
            protected(&db, &folder.join("Desk.Redb.Clean"), true),
            Some(ProtectedFile::CleanMarker)
        );
        assert_eq!(
            protected(&db, &folder.join("BACKUPS").join("x.pdf"), true),
            Some(ProtectedFile::AutomaticBackup)
        );
        assert_eq!(
            protected(&shouted, &db, true),
            Some(ProtectedFile::Database)
        );
        if !shouted.exists() {
            // A case-sensitive file system: DESK.REDB is another file.
            assert_eq!(protected(&db, &shouted, false), None);
        }
    }
}
