//! The schedule leaving the agency: the working plan or an issued version, for the team or
//! the client, as PDF, Excel workbook or calendar entries. One set of functions serves the
//! window and the command line, so both print the same document.
//!
//! The working plan prints at any time without issuing: for the team as it stands, and for
//! the client only as a draft (草稿 / DRAFT on every page). An issued version prints as the
//! client received it, its statuses as of its issue date.

use super::file_safe;
use crate::domain::calendar::WorkCalendar;
use crate::domain::schedule::IssuedSchedule;
use crate::domain::{Client, Job, JobId, Lang, format};
use crate::pdf;
use crate::reports::Letterhead;
use crate::reports::schedule::{ScheduleInputs, ScheduleReport, View};
use crate::services::{Reader, ServiceError};
use crate::store::Store;
use chrono::NaiveDate;

pub use crate::reports::schedule::PlanChoice;

/// The files a schedule is exported to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScheduleFormat {
    /// The printed schedule: task table and Gantt chart, landscape.
    Pdf(pdf::Paper),
    /// Excel workbook with real dates and a coloured timeline.
    Xlsx,
    /// Calendar entries for the milestones and what the client must do (client view).
    Ics,
}

impl ScheduleFormat {
    /// The file name extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            ScheduleFormat::Pdf(_) => "pdf",
            ScheduleFormat::Xlsx => "xlsx",
            ScheduleFormat::Ics => "ics",
        }
    }

    /// The view a format is written in: calendar entries are always the client's.
    pub fn view(self, asked: View) -> View {
        match self {
            ScheduleFormat::Ics => View::Client,
            ScheduleFormat::Pdf(_) | ScheduleFormat::Xlsx => asked,
        }
    }
}

/// Why the plan asked for cannot be printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlanError {
    /// The job has no schedule at all.
    NoSchedule {
        /// The job number.
        job: String,
    },
    /// The newest issued version was asked for, and nothing was issued yet.
    NothingIssued {
        /// The job number.
        job: String,
    },
    /// A version number that was never issued.
    NoSuchVersion {
        /// The job number.
        job: String,
        /// The version asked for.
        asked: u32,
        /// The versions there are, with their issue dates, oldest first.
        issued: Vec<(u32, NaiveDate)>,
    },
}

impl PlanError {
    /// What happened and what to do, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (PlanError::NoSchedule { job }, Lang::Zh) => format!(
                "工作 {job} 还没有进度表：请先在窗口中打开该工作的进度表并创建（例如“按标准流程创建”）。"
            ),
            (PlanError::NoSchedule { job }, Lang::En) => format!(
                "Job {job} has no schedule yet: create one on the job's schedule in the window first (for example “Create from the standard plan”)."
            ),
            (PlanError::NothingIssued { job }, Lang::Zh) => format!(
                "工作 {job} 的进度表还没有发给客户，没有已发出的版本：请先“发给客户”，或打印工作计划（命令行：--plan working；对客版为草稿）。"
            ),
            (PlanError::NothingIssued { job }, Lang::En) => format!(
                "The schedule of job {job} was never issued to the client, so there is no issued version: issue it first (Issue to client), or print the working plan (command line: --plan working; for the client it is a draft)."
            ),
            (PlanError::NoSuchVersion { job, asked, issued }, lang) => {
                let list: Vec<String> = issued
                    .iter()
                    .map(|(v, on)| match lang {
                        Lang::Zh => format!("v{v}（{}发出）", format::date(*on, lang)),
                        Lang::En => format!("v{v} (issued {})", format::date(*on, lang)),
                    })
                    .collect();
                match (lang, list.is_empty()) {
                    (Lang::Zh, true) => format!(
                        "工作 {job} 的进度表没有 v{asked}：还没有发给客户过任何版本；请打印工作计划（--plan working）。"
                    ),
                    (Lang::En, true) => format!(
                        "The schedule of job {job} has no v{asked}: no version was issued to the client yet; print the working plan instead (--plan working)."
                    ),
                    (Lang::Zh, false) => format!(
                        "工作 {job} 的进度表没有 v{asked}。已发出的版本：{}；也可打印工作计划（--plan working）。",
                        list.join("、")
                    ),
                    (Lang::En, false) => format!(
                        "The schedule of job {job} has no v{asked}. Issued versions: {}; or print the working plan (--plan working).",
                        list.join(", ")
                    ),
                }
            }
        }
    }
}

impl From<PlanError> for ServiceError {
    fn from(e: PlanError) -> Self {
        ServiceError::Plan(e)
    }
}

/// The plan printed when none is chosen: the working plan for the team; for the client the
/// newest issued version, or — before the first issue — the working plan as a draft.
pub fn default_plan<'a>(
    store: impl Into<Reader<'a>>,
    job_id: JobId,
    view: View,
) -> Result<PlanChoice, ServiceError> {
    let store = store.into();
    Ok(match view {
        View::Internal => PlanChoice::Working,
        View::Client if store.issued_schedules(job_id)?.is_empty() => PlanChoice::Working,
        View::Client => PlanChoice::Issued(None),
    })
}

/// The plans a job's schedule can be printed from, as the window offers them: the working
/// plan first (for the client: the draft of the next version), then every issued version,
/// newest first; each with its label in `lang`.
pub fn plan_options<'a>(
    store: impl Into<Reader<'a>>,
    job_id: JobId,
    view: View,
    lang: Lang,
) -> Result<Vec<(PlanChoice, String)>, ServiceError> {
    let store = store.into();
    let issued = store.issued_schedules(job_id)?;
    let next = issued.last().map_or(1, |i| i.version + 1);
    let working = match (view, lang) {
        (View::Internal, Lang::Zh) => "工作计划（当前，未发出）".to_string(),
        (View::Internal, Lang::En) => "Working plan (current, not issued)".to_string(),
        (View::Client, Lang::Zh) => format!("草稿：v{next} 预览（未发出）"),
        (View::Client, Lang::En) => format!("Draft: preview of v{next} (not issued)"),
    };
    let mut out = vec![(PlanChoice::Working, working)];
    for i in issued.iter().rev() {
        let label = match lang {
            Lang::Zh => format!("v{}（{}发出）", i.version, format::date(i.issued_on, lang)),
            Lang::En => format!(
                "v{} (issued {})",
                i.version,
                format::date(i.issued_on, lang)
            ),
        };
        out.push((PlanChoice::Issued(Some(i.version)), label));
    }
    Ok(out)
}

/// The schedule report of a job in `view`: the working plan (statuses as of `today`, with
/// the changes since the newest issued version) or an issued version (statuses as of its
/// issue date, with the changes since the version before it).
pub fn schedule_report(
    store: &Store,
    job_id: JobId,
    view: View,
    plan: PlanChoice,
    today: NaiveDate,
    lang: Lang,
) -> Result<ScheduleReport, ServiceError> {
    let read = store.read()?;
    let job = read.get::<Job>(job_id.0)?.ok_or(ServiceError::NotFound {
        what: "job",
        id: job_id.0,
    })?;
    let client = read
        .get::<Client>(job.client_id.0)?
        .ok_or(ServiceError::NotFound {
            what: "client",
            id: job.client_id.0,
        })?;
    let issued = read.issued_schedules(job_id)?;
    let number = || job.number.text.clone();
    let chosen: Option<&IssuedSchedule> = match plan {
        PlanChoice::Working => None,
        PlanChoice::Issued(None) => Some(
            issued
                .last()
                .ok_or_else(|| PlanError::NothingIssued { job: number() })?,
        ),
        PlanChoice::Issued(Some(v)) => {
            Some(issued.iter().find(|i| i.version == v).ok_or_else(|| {
                PlanError::NoSuchVersion {
                    job: number(),
                    asked: v,
                    issued: issued.iter().map(|i| (i.version, i.issued_on)).collect(),
                }
            })?)
        }
    };
    // The short content hash printed in the footer is the record's own: the issued version,
    // or the working plan as stored.
    let (schedule, previous, hash) = match chosen {
        Some(c) => (
            c.schedule.clone(),
            issued.iter().rev().find(|i| i.version < c.version),
            super::short_hash(c)?,
        ),
        None => {
            let working = read
                .schedule(job_id)?
                .ok_or_else(|| PlanError::NoSchedule { job: number() })?;
            let hash = super::short_hash(&working)?;
            (working.schedule, issued.last(), hash)
        }
    };
    let settings = read.settings()?;
    let letterhead = Letterhead::from(&settings);
    let calendar = settings.calendar();
    let mut report = ScheduleReport::build(&ScheduleInputs {
        view,
        job: &job,
        client: &client,
        schedule: &schedule,
        version: chosen,
        previous,
        letterhead: &letterhead,
        today,
        lang,
        calendar: &calendar,
    });
    report.content_hash = Some(hash);
    Ok(report)
}

/// A schedule written out: the file's bytes, the name to offer when saving it, and what it
/// is (for the message that says what was written).
#[derive(Debug, Clone)]
pub struct ScheduleExport {
    /// The file's content.
    pub bytes: Vec<u8>,
    /// `2026-0002 工作进度表 v2 对客.pdf`, `… 草稿 对客.pdf`, `… 工作计划 内部.xlsx`.
    pub file_name: String,
    /// The view written (calendar entries are always the client's).
    pub view: View,
    /// The issued version written, or `None` for the working plan.
    pub version: Option<u32>,
    /// The day the statuses are as of: the issue date, or the day of printing.
    pub status_date: NaiveDate,
}

/// The job's schedule as a file in `format`, from the plan chosen: what the window's print
/// and export dialog and `account-desk export schedule --plan` call.
pub fn export_schedule(
    store: &Store,
    job_id: JobId,
    view: View,
    plan: PlanChoice,
    format: ScheduleFormat,
    today: NaiveDate,
    lang: Lang,
) -> Result<ScheduleExport, ServiceError> {
    let view = format.view(view);
    let report = schedule_report(store, job_id, view, plan, today, lang)?;
    let calendar = agency_calendar(store)?;
    let bytes = match format {
        ScheduleFormat::Pdf(paper) => pdf::render_schedule(&report, &calendar, paper)
            .map_err(|e| ServiceError::Export(e.to_string()))?,
        ScheduleFormat::Xlsx => crate::office::xlsx::render(&report, &calendar)
            .map_err(|e| ServiceError::Export(e.to_string()))?,
        ScheduleFormat::Ics => crate::office::ics::render(&report).into_bytes(),
    };
    Ok(ScheduleExport {
        bytes,
        file_name: report_file_name(&report, format.extension()),
        view,
        version: report.version,
        status_date: report.status_date,
    })
}

/// The job's schedule as a file in `format`, from the plan printed when none is chosen
/// ([`default_plan`]). Calendar entries are always the client's.
pub fn schedule_file(
    store: &Store,
    job_id: JobId,
    view: View,
    format: ScheduleFormat,
    today: NaiveDate,
    lang: Lang,
) -> Result<Vec<u8>, ServiceError> {
    let view = format.view(view);
    let plan = default_plan(store, job_id, view)?;
    Ok(export_schedule(store, job_id, view, plan, format, today, lang)?.bytes)
}

/// The agency's working-day calendar: China's official days and the agency's own.
pub fn agency_calendar(store: &Store) -> Result<WorkCalendar, ServiceError> {
    Ok(store.read()?.settings()?.calendar())
}

/// The file name offered when saving a schedule: `2026-0002 工作进度表 v2 对客.pdf`, or
/// without a version for the working plan.
pub fn schedule_file_name(
    job_number: &str,
    version: Option<u32>,
    view: View,
    extension: &str,
    lang: Lang,
) -> String {
    let which = match (version, view) {
        (Some(v), _) => format!("v{v}"),
        (None, View::Internal) => lang.pick("工作计划", "working plan").to_string(),
        (None, View::Client) => lang.pick("草稿", "draft").to_string(),
    };
    file_name(job_number, &which, view, extension, lang)
}

fn report_file_name(report: &ScheduleReport, extension: &str) -> String {
    schedule_file_name(
        &report.job_number,
        report.version,
        report.view,
        extension,
        report.lang,
    )
}

fn file_name(job_number: &str, which: &str, view: View, extension: &str, lang: Lang) -> String {
    let number = file_safe(job_number);
    let view = match view {
        View::Client => lang.pick("对客", "client"),
        View::Internal => lang.pick("内部", "internal"),
    };
    format!(
        "{number} {} {which} {view}.{extension}",
        lang.pick("工作进度表", "Schedule")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_say_which_plan() {
        assert_eq!(
            schedule_file_name("2026-0002", Some(2), View::Client, "pdf", Lang::Zh),
            "2026-0002 工作进度表 v2 对客.pdf"
        );
        assert_eq!(
            schedule_file_name("2026-0002", None, View::Client, "pdf", Lang::Zh),
            "2026-0002 工作进度表 草稿 对客.pdf"
        );
        assert_eq!(
            schedule_file_name("J26/2", None, View::Internal, "xlsx", Lang::En),
            "J26_2 Schedule working plan internal.xlsx"
        );
    }

    #[test]
    fn a_missing_version_names_the_versions_there_are() {
        let day = |d| NaiveDate::from_ymd_opt(2026, 12, d).unwrap_or_default();
        let e = PlanError::NoSuchVersion {
            job: "2026-0002".into(),
            asked: 7,
            issued: vec![(1, day(1)), (2, day(8))],
        };
        assert_eq!(
            e.message(Lang::En),
            "The schedule of job 2026-0002 has no v7. Issued versions: v1 (issued 2026-12-01), v2 (issued 2026-12-08); or print the working plan (--plan working)."
        );
        assert!(e.message(Lang::Zh).contains("v1（2026年12月1日发出）、v2"));
        let none = PlanError::NothingIssued {
            job: "2026-0002".into(),
        };
        assert!(none.message(Lang::En).contains("issue it first"));
        assert!(none.message(Lang::En).contains("--plan working"));
        assert!(none.message(Lang::Zh).contains("发给客户"));
    }
}
