//! Errors of the storage layer. Each says what happened to which file and what to do, in
//! English for the command line ([`std::fmt::Display`]) and in the interface language for the
//! window ([`StoreError::message`]).

use super::codec::CodecError;
use crate::domain::Lang;
use std::path::{Path, PathBuf};
use thiserror::Error;

/// Everything that can go wrong in `store/`.
#[derive(Debug, Error)]
pub enum StoreError {
    /// Another Account Desk window or command (or a restore) holds the database.
    #[error(
        "{path} is already open in another Account Desk window or command, or being restored; close it and try again"
    )]
    AlreadyOpen {
        /// The database file.
        path: PathBuf,
    },
    /// The file exists but is not an Account Desk database.
    #[error(
        "{path} is not an Account Desk database: {detail}. Point --db at the database file, or move this file away and Account Desk will create a new database there"
    )]
    NotADatabase {
        /// The file.
        path: PathBuf,
        /// What was found instead, as a phrase ("an empty file", "a PDF document").
        detail: String,
    },
    /// The file is an Account Desk database but damaged.
    #[error("{path} is damaged ({detail}). {}", restore_advice(path, backup.as_deref()))]
    Corrupted {
        /// The file.
        path: PathBuf,
        /// What the check found.
        detail: String,
        /// The newest automatic backup, to offer (found when the damage was found).
        backup: Option<PathBuf>,
    },
    /// A backup offered to a restore is damaged or not a database; nothing was changed.
    #[error(
        "the backup {path} cannot be restored: {detail}. Nothing was changed; choose another backup (automatic ones are in {})",
        super::backup::backup_dir(db).display()
    )]
    BadBackup {
        /// The backup file.
        path: PathBuf,
        /// The database it was to replace.
        db: PathBuf,
        /// What is wrong with it.
        detail: String,
    },
    /// Written by a newer Account Desk.
    #[error(
        "{path} was written by a newer Account Desk (schema {found}, this version reads up to {supported}); update Account Desk"
    )]
    TooNew {
        /// The file.
        path: PathBuf,
        /// Schema version in the file.
        found: u32,
        /// Newest schema this build reads.
        supported: u32,
    },
    /// A file-system error.
    #[error("{path}: {}", describe_io(source))]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// The operating system's error.
        source: std::io::Error,
    },
    /// A stored record could not be decoded. Inside `store/` only: at the boundary it becomes
    /// [`StoreError::Corrupted`], which names the file.
    #[error("record {key} in {table}: {source}")]
    Record {
        /// The table.
        table: &'static str,
        /// The record key.
        key: String,
        /// What was wrong.
        source: CodecError,
    },
    /// The engine reported damage. Inside `store/` only, like [`StoreError::Record`].
    #[error("damaged database: {0}")]
    Damage(String),
    /// A record could not be encoded.
    #[error(transparent)]
    Encode(#[from] CodecError),
    /// An error reported by the database engine.
    #[error("database error: {0}")]
    Engine(String),
    /// The team database's server could not be reached, or the connection went (the
    /// network, or the server is down). A change is not saved when this is reported.
    #[error(
        "the team database cannot be reached ({0}): check the network, or ask IT whether the server runs"
    )]
    Unreachable(String),
    /// The team database's server refused the change: the person has no right to it (the
    /// walls, their role), or the change breaks one of the team's rules.
    #[error("the team database refused this: {0}")]
    Refused(String),
    /// A record that must exist does not.
    #[error("{what} {id} does not exist")]
    NotFound {
        /// The kind of record.
        what: &'static str,
        /// Its id or number.
        id: String,
    },
    /// The target file of a backup or restore already exists.
    #[error("{path} already exists; use --force to replace it (a backup is made first)")]
    Exists {
        /// The file.
        path: PathBuf,
    },
    /// Damage was found earlier in this session: nothing more is written to the file.
    #[error(
        "{path} was found damaged earlier, so nothing more is written to it. {}",
        restore_advice(path, backup.as_deref())
    )]
    ReadOnlyAfterDamage {
        /// The database file.
        path: PathBuf,
        /// The newest automatic backup.
        backup: Option<PathBuf>,
    },
    /// A file the app was asked to write is the database or one of its own files.
    #[error(
        "{}; Account Desk never writes over the database or its files: choose another file name",
        what.clause_en(path, db)
    )]
    Protected {
        /// The file asked for.
        path: PathBuf,
        /// The database it belongs to.
        db: PathBuf,
        /// What it is to the database.
        what: super::guard::ProtectedFile,
    },
    /// A write was based on a revision of a record that someone changed (or removed) since;
    /// nothing was written.
    #[error("{}", conflict_en(*kind, key, by.as_deref(), *at, *removed))]
    Conflict {
        /// The kind of record.
        kind: super::Kind,
        /// Its key, as text.
        key: String,
        /// The name of who changed it last (`None`: not known, e.g. before revisions).
        by: Option<String>,
        /// When.
        at: Option<chrono::DateTime<chrono::Utc>>,
        /// The record was removed since.
        removed: bool,
    },
    /// A file kept beside the database (see [`super::files`]) is missing or damaged, or a
    /// backup's files are. Boxed: it is larger than the other errors.
    #[error(transparent)]
    Files(Box<super::files::FilesError>),
}

impl From<super::files::FilesError> for StoreError {
    fn from(e: super::files::FilesError) -> Self {
        StoreError::Files(Box::new(e))
    }
}

fn local_time(at: chrono::DateTime<chrono::Utc>) -> String {
    at.with_timezone(&chrono::Local)
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

fn conflict_en(
    kind: super::Kind,
    key: &str,
    by: Option<&str>,
    at: Option<chrono::DateTime<chrono::Utc>>,
    removed: bool,
) -> String {
    let what = kind.spec().en;
    if removed {
        return format!(
            "the {what} {key} was removed since you opened it; nothing was written. Reload and make the change again if it is still needed"
        );
    }
    let who = match (by, at) {
        (Some(b), Some(t)) => format!(" by {b} at {}", local_time(t)),
        (Some(b), None) => format!(" by {b}"),
        (None, Some(t)) => format!(" at {}", local_time(t)),
        (None, None) => String::new(),
    };
    format!(
        "the {what} {key} was changed{who} after the version this change started from; nothing was written. Look at the record as it is now and make the change again"
    )
}

fn conflict_zh(
    kind: super::Kind,
    key: &str,
    by: Option<&str>,
    at: Option<chrono::DateTime<chrono::Utc>>,
    removed: bool,
) -> String {
    let what = kind.spec().zh;
    if removed {
        return format!(
            "{what} {key} 在您打开之后已被删除，没有写入任何内容。如仍需要，请刷新后重新修改。"
        );
    }
    let who = match (by, at) {
        (Some(b), Some(t)) => format!("已被 {b} 于 {} 修改", local_time(t)),
        (Some(b), None) => format!("已被 {b} 修改"),
        (None, Some(t)) => format!("已于 {} 被修改", local_time(t)),
        (None, None) => "已被修改".to_string(),
    };
    format!(
        "{what} {key} 在这次修改所依据的版本之后{who}，没有写入任何内容。请查看它现在的内容，再重新修改。"
    )
}

/// The way out of a damaged database: the newest automatic backup and the command that
/// restores it, or what to do when there is none.
fn restore_advice(db: &Path, backup: Option<&Path>) -> String {
    match backup {
        Some(b) => format!(
            "The newest automatic backup is {}; close Account Desk and restore it with: account-desk --db \"{}\" restore \"{}\" --force",
            b.display(),
            db.display(),
            b.display()
        ),
        None => format!(
            "There is no automatic backup in {}; restore a copy you made with: account-desk --db \"{}\" restore BACKUP_FILE --force",
            super::backup::backup_dir(db).display(),
            db.display()
        ),
    }
}

fn restore_advice_zh(db: &Path, backup: Option<&Path>) -> String {
    match backup {
        Some(b) => format!(
            "最新的自动备份是 {}。请关闭客户执行台，然后用以下命令恢复：account-desk --db \"{}\" restore \"{}\" --force",
            b.display(),
            db.display(),
            b.display()
        ),
        None => format!(
            "{} 中没有自动备份。如有自己保存的副本，可用以下命令恢复：account-desk --db \"{}\" restore 备份文件 --force",
            super::backup::backup_dir(db).display(),
            db.display()
        ),
    }
}

/// An operating-system error as a sentence with what to do, for the common cases.
pub(super) fn describe_io(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    let what = match e.kind() {
        K::NotFound => "not found; check the path",
        K::PermissionDenied => "permission denied; check that you may write there",
        K::AlreadyExists => "a file of that name is in the way; move or rename it",
        K::NotADirectory => "a file is in the way where a folder is needed; move or rename it",
        K::IsADirectory => "it is a folder; name a file",
        K::StorageFull => "the disk is full; free some space and try again",
        K::FileTooLarge => "the file is too large for this disk or limit",
        K::ReadOnlyFilesystem => "the disk is read-only",
        K::InvalidFilename => "the name is not valid here; choose another",
        _ => return e.to_string(),
    };
    format!("{what} ({e})")
}

pub(super) fn describe_io_zh(e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    let what = match e.kind() {
        K::NotFound => "找不到，请检查路径",
        K::PermissionDenied => "没有权限，请检查是否可以写入该位置",
        K::AlreadyExists => "已有同名文件挡住了，请移走或改名",
        K::NotADirectory => "需要文件夹的位置上有一个同名文件，请移走或改名",
        K::IsADirectory => "这是一个文件夹，请指定文件",
        K::StorageFull => "磁盘已满，请腾出空间后重试",
        K::FileTooLarge => "文件超出了磁盘或系统允许的大小",
        K::ReadOnlyFilesystem => "磁盘是只读的",
        K::InvalidFilename => "文件名在这里无效，请换一个",
        _ => "操作系统报告了错误",
    };
    format!("{what}（{e}）")
}

macro_rules! engine_errors {
    ($($t:ty),*) => {
        $(impl From<$t> for StoreError {
            fn from(e: $t) -> Self {
                StoreError::Engine(e.to_string())
            }
        })*
    };
}

engine_errors!(redb::Error, redb::TransactionError, redb::CommitError);

impl From<redb::StorageError> for StoreError {
    fn from(e: redb::StorageError) -> Self {
        match e {
            redb::StorageError::Corrupted(detail) => StoreError::Damage(detail),
            other => StoreError::Engine(other.to_string()),
        }
    }
}

impl From<redb::TableError> for StoreError {
    fn from(e: redb::TableError) -> Self {
        match e {
            redb::TableError::Storage(s) => s.into(),
            // Our table definitions never change, so a mismatch is damage to the table's
            // header in the file, not a programming error.
            redb::TableError::TableTypeMismatch { .. }
            | redb::TableError::TableIsMultimap(_)
            | redb::TableError::TableIsNotMultimap(_)
            | redb::TableError::TypeDefinitionChanged { .. } => StoreError::Damage(e.to_string()),
            other => StoreError::Engine(other.to_string()),
        }
    }
}

impl From<redb::DatabaseError> for StoreError {
    fn from(e: redb::DatabaseError) -> Self {
        match e {
            redb::DatabaseError::Storage(s) => s.into(),
            other => StoreError::Engine(other.to_string()),
        }
    }
}

impl StoreError {
    /// An I/O error on `path`.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        StoreError::Io {
            path: path.into(),
            source,
        }
    }

    /// The database at `path` is damaged: the error names the newest automatic backup.
    pub fn corrupted(path: &Path, detail: impl Into<String>) -> Self {
        StoreError::Corrupted {
            path: path.to_path_buf(),
            detail: detail.into(),
            backup: super::backup::newest_backup(path).ok().flatten(),
        }
    }

    /// True when the file itself is damaged or not a database (what a restore is for).
    pub fn is_damage(&self) -> bool {
        matches!(
            self,
            StoreError::Corrupted { .. }
                | StoreError::NotADatabase { .. }
                | StoreError::ReadOnlyAfterDamage { .. }
                | StoreError::Damage(_)
                | StoreError::Record { .. }
        )
    }

    /// Errors found inside a store whose file is `path` become errors that name it.
    pub(super) fn at(self, path: &Path) -> Self {
        match self {
            StoreError::Damage(detail) => StoreError::corrupted(path, detail),
            StoreError::Record { table, key, source } => {
                StoreError::corrupted(path, format!("record {key} in {table}: {source}"))
            }
            other => other,
        }
    }

    /// The message for a person, in `lang`: what happened to which file and what to do.
    /// (The English text is the same as the command line's.)
    pub fn message(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return self.to_string();
        }
        match self {
            StoreError::AlreadyOpen { path } => format!(
                "数据库 {} 已在另一个客户执行台窗口或命令中打开，或正在恢复。请先关闭它，再重试。",
                path.display()
            ),
            StoreError::NotADatabase { path, detail } => format!(
                "{} 不是客户执行台数据库：{}。请选择正确的数据库文件；或把这个文件移走，客户执行台会在该位置新建数据库。",
                path.display(),
                detail_zh(detail)
            ),
            StoreError::Corrupted {
                path,
                detail,
                backup,
            } => format!(
                "数据库 {} 已损坏（{detail}）。{}",
                path.display(),
                restore_advice_zh(path, backup.as_deref())
            ),
            StoreError::BadBackup { path, db, detail } => format!(
                "备份 {} 无法恢复：{}。没有做任何改动；请选择另一个备份（自动备份在 {}）。",
                path.display(),
                detail_zh(detail),
                super::backup::backup_dir(db).display()
            ),
            StoreError::TooNew {
                path,
                found,
                supported,
            } => format!(
                "{} 由更新版本的客户执行台写入（数据结构 {found}，本版本最高读取 {supported}）。请升级客户执行台。",
                path.display()
            ),
            StoreError::Io { path, source } => {
                format!("{}：{}", path.display(), describe_io_zh(source))
            }
            StoreError::Record { table, key, source } => {
                format!("{table} 中的记录 {key} 已损坏（{source}）。请运行 account-desk check。")
            }
            StoreError::Damage(detail) => {
                format!("数据库已损坏（{detail}）。请运行 account-desk check。")
            }
            StoreError::Encode(e) => format!("记录无法保存（{e}）。"),
            StoreError::Refused(e) => {
                format!("团队数据库拒绝了这项修改：{e}。如需这项权限，请联系团队的管理员。")
            }
            StoreError::Unreachable(e) => {
                format!("无法连接团队数据库（{e}）。请检查网络，或向 IT 询问服务器是否在运行。")
            }
            StoreError::Engine(e) => {
                format!("数据库出错（{e}）。请重试；如果再次出现，请运行 account-desk check。")
            }
            StoreError::NotFound { what, id } => format!("{what} {id} 不存在。"),
            StoreError::Exists { path } => format!(
                "{} 已存在；备份不会覆盖已有文件，请换一个文件名。",
                path.display()
            ),
            StoreError::ReadOnlyAfterDamage { path, backup } => format!(
                "数据库 {} 在本次使用中被发现已损坏，因此不再写入任何内容。{}",
                path.display(),
                restore_advice_zh(path, backup.as_deref())
            ),
            StoreError::Protected { path, db, what } => format!(
                "{} 是数据库 {} 的{}；客户执行台从不覆盖数据库及其文件，请换一个文件名。",
                path.display(),
                db.display(),
                what.noun_zh()
            ),
            StoreError::Conflict {
                kind,
                key,
                by,
                at,
                removed,
            } => conflict_zh(*kind, key, by.as_deref(), *at, *removed),
            StoreError::Files(e) => e.message(lang),
        }
    }
}

/// The Chinese of the phrases used in [`StoreError::NotADatabase`] and
/// [`StoreError::BadBackup`] details; other details (engine text) are shown as they are.
fn detail_zh(detail: &str) -> String {
    let known: &[(&str, &str)] = &[
        ("an empty file", "这是一个空文件"),
        ("a folder", "这是一个文件夹"),
        ("a PDF document", "这是一个 PDF 文档"),
        (
            "a zip archive or Office document (xlsx, docx, pptx)",
            "这是一个 zip 压缩包或 Office 文档（xlsx、docx、pptx）",
        ),
        ("an SQLite database", "这是一个 SQLite 数据库"),
        ("a text file", "这是一个文本文件"),
        ("a PNG image", "这是一张 PNG 图片"),
        ("a JPEG image", "这是一张 JPEG 图片"),
        (
            "a redb database of another program",
            "这是另一个程序的 redb 数据库",
        ),
        (
            "a file of unknown kind whose header is not a database's (perhaps an unfinished or damaged database)",
            "文件头不是数据库的文件头（可能是未写完或已损坏的数据库）",
        ),
    ];
    known
        .iter()
        .find(|(en, _)| *en == detail)
        .map_or_else(|| detail.to_string(), |(_, zh)| zh.to_string())
}
