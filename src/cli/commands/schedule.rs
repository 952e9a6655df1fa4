//! The schedule on the command line: `export schedule` (the working plan or an issued
//! version, as PDF, workbook or calendar entries) and `list tasks` (a job's working plan as
//! tab-separated rows).

use super::{check_output, open_job, row, write_file};
use crate::cli::CliError;
use crate::cli::Db;
use crate::domain::Lang;
use crate::domain::calendar::WorkCalendar;
use crate::domain::schedule::Schedule;
use crate::reports::schedule::{PlanChoice, View, party_label, status_label};
use crate::services::{ServiceError, export};
use chrono::{Local, NaiveDate};
use std::io::Write;
use std::path::Path;

/// What `export schedule` was asked for besides the job and the file.
#[derive(Debug, Clone, Copy)]
pub(in crate::cli) struct ScheduleAsk {
    /// Client or internal (calendar entries are always the client's).
    pub view: View,
    /// `--plan`; `None`: the default for the view ([`export::default_plan`]).
    pub plan: Option<PlanChoice>,
    /// PDF (with its paper), workbook or calendar entries.
    pub format: export::ScheduleFormat,
    /// Language of dates and statuses.
    pub lang: Lang,
}

/// `export schedule JOB_NUMBER [--plan working|issued|N] --view client|internal --format
/// pdf|xlsx|ics [--paper a4|a3] -o FILE`.
pub(in crate::cli) fn export_schedule(
    db: &Db,
    job_number: &str,
    asked: ScheduleAsk,
    output: &Path,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    check_output(db, output, asked.format.extension())?;
    let (store, job) = open_job(db, job_number)?;
    let today = Local::now().date_naive();
    let view = asked.format.view(asked.view);
    let plan = match asked.plan {
        Some(plan) => plan,
        None => export::default_plan(&store, job.id, view)?,
    };
    let written =
        export::export_schedule(&store, job.id, view, plan, asked.format, today, asked.lang)?;
    write_file(output, &written.bytes)?;
    let which = match (asked.format, written.view) {
        (export::ScheduleFormat::Ics, _) => "client calendar entries",
        (_, View::Client) => "client schedule",
        (_, View::Internal) => "internal schedule",
    };
    let plan = match (written.version, written.view) {
        (Some(v), _) => format!("v{v} as issued, statuses as of {}", written.status_date),
        (None, View::Internal) => format!("working plan, statuses as of {}", written.status_date),
        (None, View::Client) => format!(
            "{}working plan as a draft, marked 草稿 / DRAFT on every page, statuses as of {}",
            match asked.plan {
                None => "nothing issued yet: ",
                Some(_) => "",
            },
            written.status_date
        ),
    };
    writeln!(
        out,
        "Wrote the {which} of {} {} ({plan}) to {} ({} KiB)",
        job.number.text,
        job.title,
        output.display(),
        written.bytes.len().div_ceil(1024)
    )?;
    Ok(())
}

/// `list tasks JOB_NUMBER`: the tasks of the job's working schedule, numbered as the window
/// numbers its rows, statuses as of today. Reads only.
pub(in crate::cli) fn list_tasks(
    db: &Db,
    job_number: &str,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let (store, job) = open_job(db, job_number)?;
    let read = store.read()?;
    let plan = read.schedule(job.id)?.ok_or_else(|| {
        ServiceError::from(export::PlanError::NoSchedule {
            job: job.number.text.clone(),
        })
    })?;
    let calendar = read.settings()?.calendar();
    for line in task_rows(&plan.schedule, &calendar, Local::now().date_naive()) {
        row(out, &line.iter().map(String::as_str).collect::<Vec<_>>())?;
    }
    Ok(())
}

/// The rows of `list tasks` (header first): row number, phase (empty for a phase and for a
/// row outside phases), task, party, start, end, days, status on `today`, and what the days
/// count — working days, calendar days (a task that runs through weekends and holidays), or
/// a milestone.
fn task_rows(schedule: &Schedule, calendar: &WorkCalendar, today: NaiveDate) -> Vec<Vec<String>> {
    let mut rows = vec![
        [
            "row",
            "phase",
            "task",
            "party",
            "start",
            "end",
            "days",
            "status",
            "days_counted",
        ]
        .map(String::from)
        .to_vec(),
    ];
    for (index, t) in schedule.tasks.iter().enumerate() {
        let phase = schedule
            .phase_of(index)
            .and_then(|p| schedule.tasks.get(p))
            .map(|p| p.name.trim().to_string())
            .unwrap_or_default();
        let counted = match (t.milestone, t.calendar_days) {
            (true, _) => "milestone",
            (false, true) => "calendar",
            (false, false) => "working",
        };
        rows.push(vec![
            (index + 1).to_string(),
            phase,
            t.name.trim().to_string(),
            party_label(t.party).en.to_string(),
            t.start.to_string(),
            t.end.to_string(),
            t.duration(calendar).to_string(),
            status_label(t.status_on(today)).en.to_string(),
            counted.to_string(),
        ]);
    }
    rows
}
