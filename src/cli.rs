//! The command line: `account-desk` with no subcommand opens the window; subcommands load
//! the sample agency, list records, export a brief, a schedule, minutes or an agenda, back up,
//! restore and check a database.
//!
//! Everything here is plain functions over a [`Store`] writing to any `io::Write`, so tests
//! can run them without a process; `main.rs` only parses, dispatches and sets the exit code.

mod commands;
pub mod entry;
mod error;
pub mod estimates;
pub mod files;
pub mod holidays;
pub mod keychain;
pub mod places;
pub mod profiles;
pub mod team;
pub mod team_people;

pub use error::CliError;
pub use places::{DB_FILE_NAME, DataPlaces};
pub use team::Db;

use crate::domain::Lang;
use crate::reports::minutes::DocLang;
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
        /// `list estimates`: only this job's, e.g. 2026-0042
        #[arg(long = "job", value_name = "JOB_NUMBER")]
        job: Option<String>,
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
    /// The tasks of a job's working schedule (give the job number): row, phase, task, party,
    /// start, end, days, status (as of today), and whether the days are working or calendar
    /// days
    Tasks,
}

/// What `import` reads.
#[derive(Debug, Subcommand)]
pub enum ImportWhat {
    /// An estimate sheet (.xlsx or .csv, as Chinese Excel saves it) into a new draft
    /// estimate of the job, or a new version of one (--estimate); prints its number and
    /// version. Headers such as 类别/说明/规格/单位/数量/单价/成本/供应商 (or English) are
    /// found below any title block; 小计 rows are skipped and the sheet's 合计 is checked.
    Estimate {
        /// The job number, e.g. 2026-0042
        #[arg(value_name = "JOB_NUMBER")]
        job_number: String,
        /// The spreadsheet
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// VAT: exempt, or a rate the agency's settings define (6, 3, 1 out of the box);
        /// the agency's default if left out
        #[arg(long, value_name = "RATE")]
        tax: Option<String>,
        /// Make a new version of this estimate (e.g. 2026-0042-E1) instead of a new one
        #[arg(long, value_name = "NUMBER")]
        estimate: Option<String>,
        /// What a new estimate is
        #[arg(long, value_enum, default_value_t = estimates::KindArg::Production)]
        kind: estimates::KindArg,
        /// The estimate's title (the job's title if left out)
        #[arg(long)]
        title: Option<String>,
    },
}

/// The sizes `gen` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GenScale {
    /// Ten years: 150 clients, 450 brands, 30,000 jobs, 3,000 contacts, 2,000 contracts
    Decade,
    /// One year: 60 clients, 3,000 jobs
    Year,
}

/// The documents `export` writes.
#[derive(Debug, Subcommand)]
pub enum ExportWhat {
    /// The newest version of a job's brief (工作简要)
    Brief {
        /// The job number, e.g. 2026-0001
        #[arg(value_name = "JOB_NUMBER")]
        job_number: String,
        /// The PDF file to write (replaced if it exists)
        #[arg(short, long, value_name = "FILE.pdf")]
        output: PathBuf,
        /// Language of values such as dates and statuses (labels are always bilingual)
        #[arg(long, value_enum, default_value_t = LangArg::Zh)]
        lang: LangArg,
    },
    /// A job's schedule: the working plan (for the team at any time; for the client as a
    /// draft marked 草稿 / DRAFT) or a version issued to the client, with the changes since
    /// the version before it
    Schedule {
        /// The job number, e.g. 2026-0002
        #[arg(value_name = "JOB_NUMBER")]
        job_number: String,
        /// Which plan: `working` (statuses as of today, with the today line), `issued` (the
        /// newest issued version, statuses as of its issue date) or a version number such as
        /// 2 [default: working for --view internal; the newest issued version for --view
        /// client, or the draft before the first issue]
        #[arg(long, value_name = "working|issued|N", value_parser = parse_plan)]
        plan: Option<crate::reports::schedule::PlanChoice>,
        /// Client or internal version
        #[arg(long, value_enum, default_value_t = ViewArg::Client)]
        view: ViewArg,
        /// File format
        #[arg(long, value_enum, default_value_t = ScheduleFormatArg::Pdf)]
        format: ScheduleFormatArg,
        /// Paper of the PDF, landscape
        #[arg(long, value_enum, default_value_t = PaperArg::A4)]
        paper: PaperArg,
        /// The file to write (replaced if it exists)
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
        /// Language of dates and statuses (labels are always bilingual)
        #[arg(long, value_enum, default_value_t = LangArg::Zh)]
        lang: LangArg,
    },
    /// The minutes of a meeting (会议记录) as the client reads them, without internal
    /// remarks: a version already sent, or the draft to send next
    Minutes {
        /// The meeting's id, as `account-desk list meetings` shows it
        #[arg(value_name = "MEETING_ID")]
        meeting_id: u64,
        /// A version sent to the client (1, 2, …); without it, the latest version sent when
        /// nothing changed since, else the draft of the next one
        #[arg(long, value_name = "N")]
        version: Option<u32>,
        /// Language of the document: Chinese, English or both side by side
        #[arg(long, value_enum, default_value_t = DocLangArg::Zh)]
        lang: DocLangArg,
        /// The PDF file to write (replaced if it exists)
        #[arg(short, long, value_name = "FILE.pdf")]
        output: PathBuf,
    },
    /// The agenda of a meeting (会议议程) to send before it, with each item's start time
    Agenda {
        /// The meeting's id, as `account-desk list meetings` shows it
        #[arg(value_name = "MEETING_ID")]
        meeting_id: u64,
        /// Language of the document: Chinese, English or both side by side
        #[arg(long, value_enum, default_value_t = DocLangArg::Zh)]
        lang: DocLangArg,
        /// The PDF file to write (replaced if it exists)
        #[arg(short, long, value_name = "FILE.pdf")]
        output: PathBuf,
    },
    /// An estimate for the client (报价单): sell prices only, number, version and short hash
    /// on every page, a QR code of the full hash beside the signature and chop block
    Estimate {
        /// The estimate's number, as `account-desk list estimates` shows it, e.g. 2026-0042-E1
        #[arg(value_name = "NUMBER")]
        number: String,
        /// The version, e.g. B [default: the newest]
        #[arg(long, value_name = "LETTER")]
        version: Option<String>,
        /// Language of the document: Chinese, English or both side by side
        #[arg(long, value_enum, default_value_t = DocLangArg::Zh)]
        lang: DocLangArg,
        /// The file's format: the PDF for the client, or the same as an Excel workbook
        #[arg(long, value_enum, default_value_t = MoneyFormatArg::Pdf)]
        format: MoneyFormatArg,
        /// The file to write (replaced if it exists)
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
    },
    /// A client's monthly budget report (每月预算报告): the fiscal year's budget, executed,
    /// in progress and remaining as of the month's end, media apart from production, with
    /// charts, the jobs, media by channel and the changes since the month before
    BudgetReport {
        /// The client: its short name or full name, as `account-desk list clients` shows it
        #[arg(value_name = "CLIENT")]
        client: String,
        /// The month, e.g. 2026-11
        #[arg(long, value_name = "YYYY-MM")]
        month: String,
        /// Language of the document: Chinese, English or both side by side
        #[arg(long, value_enum, default_value_t = DocLangArg::Zh)]
        lang: DocLangArg,
        /// Amounts with or without VAT [default: the month's report's, else without]
        #[arg(long, value_enum)]
        basis: Option<estimates::BasisArg>,
        /// The file's format: the PDF, or the same figures as an Excel workbook
        #[arg(long, value_enum, default_value_t = MoneyFormatArg::Pdf)]
        format: MoneyFormatArg,
        /// The file to write (replaced if it exists)
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
    },
}

/// `--plan working|issued|N`.
fn parse_plan(text: &str) -> Result<crate::reports::schedule::PlanChoice, String> {
    crate::reports::schedule::PlanChoice::parse(text).ok_or_else(|| {
        format!(
            "“{text}” is not a plan: use working (the working plan), issued (the newest issued \
             version) or a version number such as 2"
        )
    })
}

/// The language of a meeting document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DocLangArg {
    /// Simplified Chinese
    Zh,
    /// English
    En,
    /// Chinese and English side by side
    Both,
}

impl From<DocLangArg> for DocLang {
    fn from(l: DocLangArg) -> DocLang {
        match l {
            DocLangArg::Zh => DocLang::Zh,
            DocLangArg::En => DocLang::En,
            DocLangArg::Both => DocLang::Both,
        }
    }
}

/// Which version of a schedule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ViewArg {
    /// For the client: no internal tasks, notes or names
    Client,
    /// For the agency: everything, marked 内部 / INTERNAL
    Internal,
}

/// The file formats of a schedule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ScheduleFormatArg {
    /// PDF to print and hand over: task table and Gantt chart
    Pdf,
    /// Excel workbook: real dates and a coloured timeline
    Xlsx,
    /// Calendar entries (always the client view): milestones and client actions
    Ics,
}

/// The file formats of an estimate or a budget report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MoneyFormatArg {
    /// PDF to send and print
    Pdf,
    /// Excel workbook: the same figures, amounts as numbers
    Xlsx,
}

impl From<MoneyFormatArg> for crate::services::export::MoneyFormat {
    fn from(f: MoneyFormatArg) -> Self {
        match f {
            MoneyFormatArg::Pdf => Self::Pdf,
            MoneyFormatArg::Xlsx => Self::Xlsx,
        }
    }
}

/// Paper sizes of the schedule PDF.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PaperArg {
    /// A4 landscape
    A4,
    /// A3 landscape
    A3,
}

/// A language on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    /// Simplified Chinese
    Zh,
    /// English
    En,
}

impl From<LangArg> for Lang {
    fn from(l: LangArg) -> Lang {
        match l {
            LangArg::Zh => Lang::Zh,
            LangArg::En => Lang::En,
        }
    }
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
        } => estimates::list(db, job.as_deref().or(job_number.as_deref()), out),
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
