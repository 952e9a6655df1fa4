//! Errors of the file store. Each names the file and says what to do, in English for the
//! command line ([`std::fmt::Display`]) and in the interface language for the window
//! ([`FilesError::message`]).

use super::FileHash;
use crate::domain::Lang;
use crate::store::error::{describe_io, describe_io_zh};
use std::path::PathBuf;
use thiserror::Error;

/// Everything that can go wrong with the files kept beside the database.
#[derive(Debug, Error)]
pub enum FilesError {
    /// The file to import (or a backup's copy) cannot be read.
    #[error(
        "{path} cannot be read: {}; check that the file is there and that you may read it",
        describe_io(source)
    )]
    Unreadable {
        /// The file.
        path: PathBuf,
        /// The operating system's error.
        source: std::io::Error,
    },
    /// A folder was given where a file is needed.
    #[error("{path} is a folder, not a file; choose a file")]
    NotAFile {
        /// The folder.
        path: PathBuf,
    },
    /// Writing into the file store or a backup's file folder failed.
    #[error("{path}: {}", describe_io(source))]
    Io {
        /// The file or folder written.
        path: PathBuf,
        /// The operating system's error.
        source: std::io::Error,
    },
    /// A file a record names is not in the store.
    #[error(
        "the file {} ({}) is missing from {}; restore a backup that has it (account-desk restore), or import the file again",
        name.as_deref().unwrap_or("without a name"),
        hash.short(),
        folder.display()
    )]
    Missing {
        /// Its fingerprint.
        hash: FileHash,
        /// Its original name, when known.
        name: Option<String>,
        /// The folder it should be in.
        folder: PathBuf,
    },
    /// A stored file's content no longer matches its fingerprint.
    #[error(
        "the file {} at {} is damaged: its content no longer matches its fingerprint {}; restore a backup that has it (account-desk restore), or import the file again",
        name.as_deref().unwrap_or("without a name"),
        path.display(),
        hash.short()
    )]
    Damaged {
        /// The fingerprint it should have.
        hash: FileHash,
        /// Its original name, when known.
        name: Option<String>,
        /// The damaged file.
        path: PathBuf,
    },
    /// The file changed on the disk while it was being stored in the team database: nothing
    /// was stored.
    #[error(
        "{path} changed while it was being stored in the team database; nothing was stored; try again once the file is saved and closed"
    )]
    Changed {
        /// The file.
        path: PathBuf,
    },
    /// The team database could not store or serve the file.
    #[error(
        "the file {file} could not be stored in or read from the team database ({detail}); nothing was changed; check the connection and try again"
    )]
    Server {
        /// The file's name (or fingerprint).
        file: String,
        /// What the server or the connection said.
        detail: String,
    },
    /// A backup's list of files cannot be read.
    #[error(
        "the list of files {path} of the backup cannot be read (line {line}: {detail}); nothing was changed; choose another backup"
    )]
    BadManifest {
        /// The manifest.
        path: PathBuf,
        /// The line at fault (1 is the first).
        line: usize,
        /// What is wrong with it.
        detail: String,
    },
    /// Files a backup lists are missing or damaged in its file folder: the restore is refused.
    #[error(
        "the backup {backup} cannot be restored: of the files it lists, {} are missing and {} damaged in {folder} (first: {}). Nothing was changed; choose another backup, or put the backup's folder account-desk-files back beside it",
        missing.len(),
        damaged.len(),
        missing.first().or(damaged.first()).map(FileHash::short).unwrap_or_default()
    )]
    BackupIncomplete {
        /// The database backup.
        backup: PathBuf,
        /// The folder that should hold its files.
        folder: PathBuf,
        /// Files listed but absent.
        missing: Vec<FileHash>,
        /// Files listed whose content does not match.
        damaged: Vec<FileHash>,
    },
}

impl FilesError {
    /// The message for a person, in `lang`: what happened to which file and what to do.
    pub fn message(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return self.to_string();
        }
        match self {
            FilesError::Unreadable { path, source } => format!(
                "无法读取 {}：{}。请确认文件还在，并且有读取权限。",
                path.display(),
                describe_io_zh(source)
            ),
            FilesError::NotAFile { path } => {
                format!(
                    "{} 是一个文件夹，不是文件；请选择一个文件。",
                    path.display()
                )
            }
            FilesError::Io { path, source } => {
                format!("{}：{}", path.display(), describe_io_zh(source))
            }
            FilesError::Missing { hash, name, folder } => format!(
                "文件 {}（{}）不在 {} 中。请恢复一个包含它的备份（account-desk restore），或重新导入该文件。",
                name.as_deref().unwrap_or("（无名称）"),
                hash.short(),
                folder.display()
            ),
            FilesError::Damaged { hash, name, path } => format!(
                "文件 {}（{}）已损坏：内容与其指纹 {} 不再相符。请恢复一个包含它的备份（account-desk restore），或重新导入该文件。",
                name.as_deref().unwrap_or("（无名称）"),
                path.display(),
                hash.short()
            ),
            FilesError::Changed { path } => format!(
                "{} 在上传到团队数据库的过程中被修改了；没有保存任何内容。请保存并关闭该文件后重试。",
                path.display()
            ),
            FilesError::Server { file, detail } => format!(
                "文件 {file} 无法存入或读出团队数据库（{detail}）；没有做任何改动。请检查网络连接后重试。"
            ),
            FilesError::BadManifest { path, line, detail } => format!(
                "备份的文件清单 {} 无法读取（第 {line} 行：{detail}）。没有做任何改动；请选择另一个备份。",
                path.display()
            ),
            FilesError::BackupIncomplete {
                backup,
                folder,
                missing,
                damaged,
            } => format!(
                "备份 {} 无法恢复：它列出的文件中有 {} 个不在 {} 中、{} 个已损坏（第一个：{}）。没有做任何改动；请选择另一个备份，或把备份的 account-desk-files 文件夹放回备份旁边。",
                backup.display(),
                missing.len(),
                folder.display(),
                damaged.len(),
                missing
                    .first()
                    .or(damaged.first())
                    .map(FileHash::short)
                    .unwrap_or_default()
            ),
        }
    }
}
