//! Why a command failed, worded for the person at the terminal (in English; record text such
//! as Chinese names is quoted as it is).

use crate::demo::sample::SampleError;
use crate::domain::Lang;
use crate::services::ServiceError;
use crate::store::StoreError;
use std::path::PathBuf;
use thiserror::Error;

/// A failed command. Every variant is exit code 1.
#[derive(Debug, Error)]
pub enum CliError {
    /// Opening, reading or writing the database failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A use case refused or failed.
    #[error("{}", .0.message(Lang::En))]
    Service(#[from] ServiceError),
    /// The sample agency was not loaded.
    #[error("{}", .0.message(Lang::En))]
    Sample(#[from] SampleError),
    /// The generated data set was not (completely) written.
    #[error(transparent)]
    Generate(#[from] crate::demo::generate::GenError),
    /// The command line asked for something that cannot be done that way.
    #[error("{0}")]
    Usage(String),
    /// A command that works on a desk's file was given a team database.
    #[error("`{command}` works on a desk's database file; on a team database {instead}")]
    DeskOnly {
        /// The command.
        command: &'static str,
        /// What to do on a team database instead.
        instead: &'static str,
    },
    /// `list tasks` without the job whose schedule it lists.
    #[error(
        "`list tasks` lists the schedule of one job: give its number, e.g. `account-desk list tasks 2026-0001` (`account-desk list jobs` shows the numbers)"
    )]
    ListNeedsJob,
    /// A job number after `list jobs` (or clients, brands, meetings): only `list tasks` takes one.
    #[error(
        "`list {what}` takes no job number; to list the tasks of the schedule of {number}, use `account-desk list tasks {number}`"
    )]
    ListTakesNoJob {
        /// What was to be listed.
        what: String,
        /// The job number given.
        number: String,
    },
    /// A command that reads a database was pointed at a file that does not exist.
    #[error(
        "there is no database at {path}; create one with `account-desk --db \"{path}\" sample-data` or by opening the window"
    )]
    NoDatabase {
        /// The path given or defaulted.
        path: PathBuf,
    },
    /// No job has this number.
    #[error(
        "no job is numbered “{number}” in {db}; `account-desk list jobs` shows the job numbers"
    )]
    JobNotFound {
        /// The number asked for.
        number: String,
        /// The database searched.
        db: PathBuf,
    },
    /// A backup never replaces a file.
    #[error("{path} already exists; a backup never overwrites a file, choose a new name")]
    BackupExists {
        /// The file that exists.
        path: PathBuf,
    },
    /// `backup` on a database that a window (or another command) holds open.
    #[error(
        "{path} is open in an Account Desk window or another command; in the window use 备份数据库… / Back up database… (Ctrl+Shift+B), which writes a consistent copy while it stays open, or close it and run this again"
    )]
    BackupWhileOpen {
        /// The database.
        path: PathBuf,
    },
    /// `check` found damaged records (they are listed before this message).
    #[error("{count} problem(s) found in {db}; restore a backup with `account-desk restore`")]
    CheckFailed {
        /// Problems found.
        count: usize,
        /// The database checked.
        db: PathBuf,
    },
    /// A file other than the database could not be written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The operating system's error.
        source: std::io::Error,
    },
    /// An export's file name ends in an extension of another format (`-o x.pdf --format xlsx`).
    #[error(
        "{} does not end in .{expected}, the kind of file this writes; name it {} instead (or leave the extension out); nothing was written",
        path.display(),
        suggestion.display()
    )]
    WrongExtension {
        /// The file name given.
        path: PathBuf,
        /// The extension of the format written, without the dot.
        expected: &'static str,
        /// The name with the right extension.
        suggestion: PathBuf,
    },
    /// An exported document could not be written; a file that was there is left as it was.
    #[error(
        "could not write {} ({source}); any file of that name was left as it was: check that the folder exists, that you may write there and that the disk has room",
        path.display()
    )]
    WriteFailed {
        /// The file asked for.
        path: PathBuf,
        /// The operating system's error.
        source: std::io::Error,
    },
    /// Writing to standard output failed (e.g. the reader of a pipe went away).
    #[error("could not write the output: {0}")]
    Output(#[source] std::io::Error),
    /// The operating system reports no home folder to keep the database in.
    #[error("no per-user data folder was found; pass --db PATH")]
    NoDataDir,
}

impl CliError {
    /// True when the output pipe was closed by its reader (`account-desk list jobs | head`):
    /// not worth an error message.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, CliError::Output(e) if e.kind() == std::io::ErrorKind::BrokenPipe)
    }
}

impl From<std::io::Error> for CliError {
    fn from(e: std::io::Error) -> Self {
        CliError::Output(e)
    }
}
