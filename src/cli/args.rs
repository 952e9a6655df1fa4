//! The arguments of `import` and `export`, and the values the command line takes (formats,
//! languages, views, paper sizes).

use super::estimates;
use crate::domain::Lang;
use crate::reports::minutes::DocLang;
use clap::{Subcommand, ValueEnum};
use std::path::PathBuf;

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
    /// A client's (or a job's) documents as ordinary folders 客户/品牌/工作号/类别/文件名
    /// with 目录.csv listing them, or as one zip with UTF-8 names (-o ending in .zip);
    /// never writes over an existing folder or file
    Archive {
        /// The client, by id or exact name
        #[arg(
            long,
            value_name = "CLIENT",
            conflicts_with = "job",
            required_unless_present = "job"
        )]
        client: Option<String>,
        /// The job, by number
        #[arg(long, value_name = "JOB_NUMBER")]
        job: Option<String>,
        /// Language of 目录.csv's headings, kinds and statuses
        #[arg(long, value_enum, default_value_t = LangArg::Zh)]
        lang: LangArg,
        /// The new folder, or FILE.zip
        #[arg(short, long, value_name = "DIR|FILE.zip")]
        output: PathBuf,
    },
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
