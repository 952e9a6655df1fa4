//! Schedules: saving the working plan (undoable) and issuing it to the client as a frozen,
//! numbered version (a record of what the client received, so not undone).

use super::{Base, Ctx, Outcome, Reverse, ServiceError, done, need};
use crate::domain::schedule::{IssuedSchedule, JobSchedule, Schedule, ScheduleProblem, TaskId};
use crate::domain::{Action, Audit, Job, JobId, Stamp, Subject};
use crate::store::{Key, Kind, WriteTx};

/// The name of the task a problem is about, for the message.
fn task_name(plan: &Schedule, problem: &ScheduleProblem) -> String {
    let id = match problem {
        ScheduleProblem::NoName(id)
        | ScheduleProblem::NameTooLong(id)
        | ScheduleProblem::DuplicateId(id)
        | ScheduleProblem::Loop(id)
        | ScheduleProblem::EndBeforeStart(id)
        | ScheduleProblem::Progress(id)
        | ScheduleProblem::Level(id) => *id,
        ScheduleProblem::UnknownPredecessor { task, .. } => *task,
        ScheduleProblem::TooMany => TaskId(0),
    };
    plan.task(id)
        .map(|t| t.name.trim().chars().take(40).collect::<String>())
        .filter(|n| !n.is_empty())
        .unwrap_or_else(|| format!("#{}", id.0))
}

/// Saves the job's schedule after validating it; undo puts the previous plan back.
pub(super) fn save(
    tx: &mut WriteTx,
    stamp: Stamp,
    job_id: JobId,
    plan: Schedule,
    base: Base,
) -> Result<Outcome, ServiceError> {
    base.check(tx, Kind::Schedule, Key::id(job_id.0))?;
    let job: Job = need(tx, "job", job_id.0)?;
    if let Err(problem) = plan.validate() {
        return Err(ServiceError::Schedule {
            task: task_name(&plan, &problem),
            problem,
        });
    }
    let before = tx.schedule(job_id)?.map(|b| b.schedule);
    let (action, summary) = put(tx, stamp, &job, plan)?;
    Ok(done(
        Subject::Schedule,
        job_id.0,
        action,
        summary,
        Some(Reverse::Schedule(job_id, before)),
    ))
}

/// Stores `plan` as the job's schedule, keeping its creation stamp; returns whether it was
/// created or updated, and the change-log summary.
fn put(
    tx: &mut WriteTx,
    stamp: Stamp,
    job: &Job,
    plan: Schedule,
) -> Result<(Action, String), ServiceError> {
    let (audit, action) = match tx.schedule(job.id)? {
        Some(now) => (now.audit.touched(stamp), Action::Updated),
        None => (Audit::new(stamp), Action::Created),
    };
    let summary = format!("{} 进度表：{} 项", job.number.text, plan.tasks.len());
    tx.put_schedule(&JobSchedule {
        job_id: job.id,
        schedule: plan,
        audit,
    })?;
    Ok((action, summary))
}

/// Freezes the job's schedule as the next version issued to the client, dated today.
pub(super) fn issue(tx: &mut WriteTx, ctx: &Ctx, job_id: JobId) -> Result<Outcome, ServiceError> {
    let job: Job = need(tx, "job", job_id.0)?;
    let Some(current) = tx
        .schedule(job_id)?
        .filter(|s| s.schedule.tasks.iter().any(|t| t.client_visible))
    else {
        return Err(ServiceError::NothingToIssue(job.number.text));
    };
    let version = tx
        .issued_schedules(job_id)?
        .last()
        .map_or(1, |v| v.version + 1);
    tx.issue_schedule(&IssuedSchedule {
        job_id,
        version,
        issued_on: ctx.today,
        stamp: ctx.stamp(),
        schedule: current.schedule,
    })?;
    Ok(done(
        Subject::Schedule,
        job_id.0,
        Action::Updated,
        format!("{} 进度表 v{version} 已发给客户", job.number.text),
        None,
    ))
}

/// Undo of a schedule save: the previous plan back, or no schedule if it had none. Its own
/// undo step puts back the plan it replaced (what Redo applies).
pub(super) fn restore(
    tx: &mut WriteTx,
    stamp: Stamp,
    job_id: JobId,
    previous: Option<Schedule>,
) -> Result<Outcome, ServiceError> {
    let job: Job = need(tx, "job", job_id.0)?;
    // The plan being replaced: redoing is undoing the undo.
    let redo = Some(Reverse::Schedule(
        job_id,
        tx.schedule(job_id)?.map(|s| s.schedule),
    ));
    match previous {
        Some(plan) => {
            let audit = match tx.schedule(job_id)? {
                Some(now) => now.audit.touched(stamp),
                None => Audit::new(stamp),
            };
            let summary = format!("{} 进度表：{} 项", job.number.text, plan.tasks.len());
            tx.put_schedule(&JobSchedule {
                job_id,
                schedule: plan,
                audit,
            })?;
            Ok(done(
                Subject::Schedule,
                job_id.0,
                Action::Updated,
                summary,
                redo,
            ))
        }
        None => {
            tx.delete_schedule(job_id)?;
            Ok(done(
                Subject::Schedule,
                job_id.0,
                Action::Deleted,
                format!("{} 进度表", job.number.text),
                redo,
            ))
        }
    }
}

/// The standard plan of an agency job starting on `start` (brief, internal budget check,
/// creative, client approval and materials, production, media, client review, delivery,
/// wrap-up), on `cal`'s working days: a start people adjust rather than a blank page.
pub fn standard_plan(
    start: chrono::NaiveDate,
    cal: &crate::domain::calendar::WorkCalendar,
) -> Schedule {
    let mut plan = crate::domain::schedule::standard_plan(start, cal);
    for t in &mut plan.tasks {
        t.owner.clear();
        t.owner_internal = false;
        t.internal_note.clear();
        t.client_note.clear();
    }
    plan
}
