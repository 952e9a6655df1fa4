//! The command line: `account-desk` with no subcommand opens the window; subcommands load
//! the sample agency, list records, export a brief, a schedule, minutes or an agenda, back up,
//! restore and check a database.
//!
//! Everything here is plain functions over a [`Store`] writing to any `io::Write`, so tests
//! can run them without a process; `main.rs` only parses, dispatches and sets the exit code.

mod args;
mod commands;
pub mod entry;
mod error;
pub mod estimates;
pub mod files;
pub mod filing;
pub mod holidays;
pub mod keychain;
pub mod places;
pub mod profiles;
pub mod team;
pub mod team_people;

pub use args::*;
pub use error::CliError;
pub use places::{DB_FILE_NAME, DataPlaces};
pub use team::Db;

use clap::{Parser, Subcommand, ValueEnum};
use std::io::Write;
use std::path::{Path, PathBuf};

/// Account Desk (客户执行台): client files, job briefs and schedules for agency account teams.
///
/// Without a subcommand, opens the window.
#[derive(Debug, Parser)]
#[command(name = "account-desk", version, about, long_about = None)]
pub struct Cli {
    /// The database file [default: account-desk.redb in the per-user data folder, see README]
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// A team database instead of a desk's file: postgres://USER@HOST:PORT/DATABASE (the
    /// password comes from PGPASSWORD, the keychain (`team login`) or a prompt); list,
    /// export, check and the team commands work on it
    #[arg(long, global = true, value_name = "URL", conflicts_with = "db")]
    pub team: Option<String>,
    /// What to do; omit to open the window.
    #[command(subcommand)]
    pub command: Option<CliCommand>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum CliCommand {
    /// Load the sample agency (4 clients, 13 jobs) into a new or empty database
    SampleData,
    /// Generate a large, realistic agency into a new or empty database (for benchmarks and
    /// trying the app at scale): the same seed always writes the same data
    Gen {
        /// decade: 150 clients, 30,000 jobs over ten years; year: a tenth, for quick runs
        #[arg(long, value_enum, default_value_t = GenScale::Decade)]
        scale: GenScale,
        /// Seed of the generator
        #[arg(long, default_value_t = 2026)]
        seed: u64,
    },
    /// List records as tab-separated text with a header row
    List {
        /// What to list
        #[arg(value_enum)]
        what: ListWhat,
        /// The job whose schedule `list tasks` lists, e.g. 2026-0001
        #[arg(value_name = "JOB_NUMBER", required_if_eq("what", "tasks"))]
        job_number: Option<String>,
        /// `list estimates` and `list documents`: only this job's, e.g. 2026-0042
        #[arg(long = "job", value_name = "JOB_NUMBER")]
        job: Option<String>,
        /// `list documents`: only this kind (media-invoice, contract, 合约…)
        #[arg(long = "kind", value_name = "KIND")]
        kind: Option<String>,
    },
    /// Import a document made elsewhere: an estimate from Excel or CSV
    Import {
        /// What to import
        #[command(subcommand)]
        what: ImportWhat,
    },
    /// Export a document: a brief as PDF, a schedule as PDF, Excel or calendar entries, a
    /// meeting's minutes or agenda as PDF
    Export {
        /// The document
        #[command(subcommand)]
        what: ExportWhat,
    },
    /// Write a consistent copy of the database to PATH (never overwrites a file)
    Backup {
        /// The backup file to create
        #[arg(value_name = "PATH")]
        path: PathBuf,
    },
    /// Replace the database with the backup at PATH (the database is not opened first, so
    /// this also works when it is damaged)
    Restore {
        /// The backup file to restore
        #[arg(value_name = "PATH")]
        path: PathBuf,
        /// Replace an existing database (it is saved to backups/ first)
        #[arg(long)]
        force: bool,
    },
    /// Read every record; print counts per kind and the schema version; exit 1 on any problem
    Check,
    /// Files records name (beside a desk's database, or in the team database): import one
    /// (prints its fingerprint), check them all
    Files {
        /// What to do
        #[command(subcommand)]
        what: files::FilesCommand,
    },
    /// The job file and the archive: file a document with a job, client or brand, get its
    /// file back
    File {
        /// What to do
        #[command(subcommand)]
        what: filing::FileCommand,
    },
    /// The global search: clients, brands, jobs, contacts, contracts, meetings and
    /// documents, one hit per line, best first
    Search {
        /// The words (all must match): names, numbers, pinyin initials, words of minutes
        #[arg(value_name = "QUERY", required = true)]
        query: Vec<String>,
    },
    /// Reads the words of a file for search and prints them (run by the app itself as a
    /// child process it can stop; exit 0 text, 3 a scan, 4 not read, 5 failed)
    #[command(hide = true)]
    ExtractText {
        /// The file
        #[arg(value_name = "PATH")]
        path: PathBuf,
        /// The name it arrived with, whose extension says what it is (a stored file is
        /// named by its fingerprint)
        #[arg(long = "as", value_name = "NAME")]
        name: Option<PathBuf>,
    },
    /// Draws the first page of a PDF as a thumbnail and prints its PNG (run by the app itself
    /// as a child process it can stop; exit 0 drawn, 5 failed)
    #[command(hide = true)]
    PdfThumbnail {
        /// The PDF
        #[arg(value_name = "PATH")]
        path: PathBuf,
    },
    /// Public holidays: import a year's State Council notice, list a year's days
    Holidays {
        /// What to do
        #[command(subcommand)]
        what: holidays::HolidaysCommand,
    },
    /// Team mode: set up a team database on PostgreSQL, move a desk's database into it
    Team {
        /// What to do
        #[command(subcommand)]
        what: team::TeamCommand,
    },
}

/// What `list` lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListWhat {
    /// Clients: name, short name, industry, client since, archived
    Clients,
    /// Brands: brand, client, competitors
    Brands,
    /// Jobs: number, title, client, brand, status, requested on, due on
    Jobs,
    /// Meetings: id, local start, kind, client, title, where the minutes stand (overdue,
    /// awaiting or unconfirmed replies included)
    Meetings,
    /// Estimates (all, or a job's with --job): number, version, job, kind, status, amount
    /// without tax and total with tax (plain decimals), short content hash
    Estimates,
    /// Documents of the job file and archive (all, or a job's with --job; one kind with
    /// --kind): id, kind, title, date, number, client, job, versions, status, file name
    Documents,
    /// The library's items: id, archive number, title, kind, client, shelf place, and where
    /// it is (on the shelf, or with whom until when, and days overdue)
    Items,
    /// The tasks of a job's working schedule (give the job number): row, phase, task, party,
    /// start, end, days, status (as of today), and whether the days are working or calendar
    /// days
    Tasks,
}

/// The default database: `account-desk.redb` in the data folder — `%APPDATA%\Account Desk`
/// on Windows, `~/Library/Application Support/Account Desk` on macOS, `$XDG_DATA_HOME/account-desk`
/// (usually `~/.local/share/account-desk`) elsewhere, or `data` beside a portable program (see
/// [`places::data_places`]).
pub fn default_db_path() -> Result<PathBuf, CliError> {
    DataPlaces::here()
        .map(|places| places.db)
        .ok_or(CliError::NoDataDir)
}

/// Runs one subcommand on the database file at `db`, writing its report to `out`.
pub fn run(command: &CliCommand, db: &Path, out: &mut dyn Write) -> Result<(), CliError> {
    run_on(command, &Db::Desk(db.to_path_buf()), out)
}

/// Runs one subcommand on `db`, a desk's file or a team database, writing its report to
/// `out`. Commands about the file itself (loading data, backups, the files beside it,
/// holidays) work on a desk's file only, for now.
pub fn run_on(command: &CliCommand, db: &Db, out: &mut dyn Write) -> Result<(), CliError> {
    let desk = |name: &'static str, instead: &'static str| {
        db.desk().ok_or(CliError::DeskOnly {
            command: name,
            instead,
        })
    };
    const IMPORT: &str = "load it into a desk's file and move that in with `team import`";
    match command {
        CliCommand::SampleData => commands::sample_data(desk("sample-data", IMPORT)?, out),
        CliCommand::Gen { scale, seed } => {
            commands::generate(desk("gen", IMPORT)?, *scale, *seed, out)
        }
        CliCommand::List {
            what: ListWhat::Estimates,
            job_number,
            job,
            ..
        } => estimates::list(db, job.as_deref().or(job_number.as_deref()), out),
        CliCommand::List {
            what: ListWhat::Documents,
            job_number,
            job,
            kind,
        } => filing::list(
            db,
            job.as_deref().or(job_number.as_deref()),
            kind.as_deref(),
            out,
        ),
        CliCommand::File { what } => filing::run(db, what, out),
        CliCommand::Export {
            what:
                ExportWhat::Archive {
                    client,
                    job,
                    lang,
                    output,
                },
        } => filing::export_archive(
            db,
            (client.as_deref(), job.as_deref()),
            (*lang).into(),
            output,
            out,
        ),
        CliCommand::Search { query } => filing::search(db, query, out),
        CliCommand::PdfThumbnail { path } => {
            let mut why = Vec::new();
            match crate::services::thumbs::pdf_child_main(path, out, &mut why) {
                0 => Ok(()),
                _ => Err(CliError::Usage(format!(
                    "{}: its first page could not be drawn: {}",
                    path.display(),
                    String::from_utf8_lossy(&why)
                ))),
            }
        }
        CliCommand::ExtractText { path, name } => {
            let code = crate::extract::isolated::child_main(
                path,
                name.as_deref(),
                out,
                &mut std::io::sink(),
            );
            match code {
                0 => Ok(()),
                _ => Err(CliError::Usage(format!(
                    "{}: its words could not be read",
                    path.display()
                ))),
            }
        }
        CliCommand::List {
            what, job_number, ..
        } => match (what, job_number) {
            (ListWhat::Tasks, Some(number)) => commands::list_tasks(db, number, out),
            (ListWhat::Tasks, None) => Err(CliError::ListNeedsJob),
            (_, Some(number)) => Err(CliError::ListTakesNoJob {
                what: what
                    .to_possible_value()
                    .map(|v| v.get_name().to_string())
                    .unwrap_or_default(),
                number: number.clone(),
            }),
            (_, None) => commands::list(db, *what, out),
        },
        CliCommand::Export {
            what:
                ExportWhat::Brief {
                    job_number,
                    output,
                    lang,
                },
        } => commands::export_brief(db, job_number, output, (*lang).into(), out),
        CliCommand::Export {
            what:
                ExportWhat::Schedule {
                    job_number,
                    plan,
                    view,
                    format,
                    paper,
                    output,
                    lang,
                },
        } => {
            use crate::reports::schedule::View;
            use crate::services::export::ScheduleFormat;
            let view = match view {
                ViewArg::Client => View::Client,
                ViewArg::Internal => View::Internal,
            };
            let paper = match paper {
                PaperArg::A4 => crate::pdf::Paper::A4,
                PaperArg::A3 => crate::pdf::Paper::A3,
            };
            let format = match format {
                ScheduleFormatArg::Pdf => ScheduleFormat::Pdf(paper),
                ScheduleFormatArg::Xlsx => ScheduleFormat::Xlsx,
                ScheduleFormatArg::Ics => ScheduleFormat::Ics,
            };
            let asked = commands::ScheduleAsk {
                view,
                plan: *plan,
                format,
                lang: (*lang).into(),
            };
            commands::export_schedule(db, job_number, asked, output, out)
        }
        CliCommand::Export {
            what:
                ExportWhat::Minutes {
                    meeting_id,
                    version,
                    lang,
                    output,
                },
        } => commands::export_minutes(db, *meeting_id, *version, (*lang).into(), output, out),
        CliCommand::Export {
            what:
                ExportWhat::Agenda {
                    meeting_id,
                    lang,
                    output,
                },
        } => commands::export_agenda(db, *meeting_id, (*lang).into(), output, out),
        CliCommand::Export {
            what:
                ExportWhat::Estimate {
                    number,
                    version,
                    lang,
                    format,
                    output,
                },
        } => estimates::export(
            db,
            (number, version.as_deref()),
            ((*lang).into(), (*format).into()),
            output,
            out,
        ),
        CliCommand::Export {
            what:
                ExportWhat::BudgetReport {
                    client,
                    month,
                    lang,
                    basis,
                    format,
                    output,
                },
        } => estimates::export_budget_report(
            db,
            (client, month),
            ((*lang).into(), *basis, (*format).into()),
            output,
            out,
        ),
        CliCommand::Backup { path } => match db {
            Db::Desk(file) => commands::backup(file, path, out),
            Db::Team(_) => team::copy_for_offline(db, path, out),
        },
        CliCommand::Restore { path, force } => commands::restore(
            desk(
                "restore",
                "the server's own backups (pg_restore) restore it",
            )?,
            path,
            *force,
            out,
        ),
        CliCommand::Check => commands::check(db, out),
        CliCommand::Import {
            what:
                ImportWhat::Estimate {
                    job_number,
                    file,
                    tax,
                    estimate,
                    kind,
                    title,
                },
        } => estimates::import(
            db,
            estimates::ImportAsk {
                job: job_number,
                file,
                tax: tax.as_deref(),
                estimate: estimate.as_deref(),
                kind: *kind,
                title: title.as_deref(),
            },
            out,
        ),
        CliCommand::Files { what } => files::run(db, what, out),
        CliCommand::Holidays { what } => holidays::run(
            desk("holidays", "holidays are imported on each desk for now")?,
            what,
            out,
        ),
        CliCommand::Team { what } => team::run(db, what, out),
    }
}

/// Advice to print after `error`, if any: for a damaged database, the newest automatic backup
/// and the command that restores it.
pub fn hint(error: &CliError, db: &Path) -> Option<String> {
    commands::hint(error, db)
}

#[cfg(test)]
mod tests;
