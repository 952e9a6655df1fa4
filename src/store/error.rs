//! Errors of the storage layer. Each says what happened to which file, so a person can act.

use super::codec::CodecError;
use std::path::PathBuf;
use thiserror::Error;

/// Everything that can go wrong in `store/`.
#[derive(Debug, Error)]
pub enum StoreError {
    /// Another Account Desk window or command holds the database.
    #[error(
        "{path} is already open in another Account Desk window or command; close it and try again"
    )]
    AlreadyOpen {
        /// The database file.
        path: PathBuf,
    },
    /// The file exists but is not an Account Desk database.
    #[error("{path} is not an Account Desk database ({detail})")]
    NotADatabase {
        /// The file.
        path: PathBuf,
        /// What was found.
        detail: String,
    },
    /// The file is an Account Desk database but damaged.
    #[error("{path} is damaged ({detail}); restore the newest backup")]
    Corrupted {
        /// The file.
        path: PathBuf,
        /// What the check found.
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
    #[error("{path}: {source}")]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// The operating system's error.
        source: std::io::Error,
    },
    /// A stored record could not be decoded.
    #[error("record {key} in {table}: {source}")]
    Record {
        /// The table.
        table: &'static str,
        /// The record key.
        key: String,
        /// What was wrong.
        source: CodecError,
    },
    /// A record could not be encoded.
    #[error(transparent)]
    Encode(#[from] CodecError),
    /// An error reported by the database engine.
    #[error("database error: {0}")]
    Engine(String),
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

engine_errors!(
    redb::Error,
    redb::TransactionError,
    redb::TableError,
    redb::StorageError,
    redb::CommitError,
    redb::DatabaseError
);

impl StoreError {
    /// An I/O error on `path`.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        StoreError::Io {
            path: path.into(),
            source,
        }
    }
}
