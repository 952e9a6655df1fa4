//! The history archive's rule: an archived job is read-only. Its details, brief, schedule,
//! estimates, documents and meetings change only once it is reopened, with a reason, and an
//! undo does not get round that. What still arrives for a job filed away is taken: its money
//! (invoices, payments, vendors' costs), the steps of estimates already on their road (a
//! late signature) and of minutes already sent (a late confirmation); a legal hold can still
//! be set on its documents, and moving it along its lifecycle is the way out.

use super::*;
use crate::domain::{Estimate, Meeting};

/// Refuses `command` when it would change an archived job or what belongs to it.
pub(super) fn refuse(tx: &WriteTx, command: &Command) -> Result<(), ServiceError> {
    let jobs: Vec<JobId> = match command {
        Command::UpdateJob(id, ..)
        | Command::SaveBrief(id, ..)
        | Command::SaveSchedule(id, ..)
        | Command::IssueSchedule(id)
        | Command::CreateEstimate(id, ..)
        | Command::ReleaseJob(id, _) => vec![*id],
        Command::SaveEstimate(id, ..) => tx
            .get::<Estimate>(id.0)?
            .map(|e| e.job_id)
            .into_iter()
            .collect(),
        Command::SaveMeeting(m, _) => {
            for jobs in [stored_meeting_jobs(tx, m.id)?, m.jobs.clone()] {
                all_archived(tx, &jobs)?;
            }
            Vec::new()
        }
        Command::DeleteMeeting(id) => {
            all_archived(tx, &stored_meeting_jobs(tx, *id)?)?;
            Vec::new()
        }
        Command::FileDocument(with, ..) => filed_with_job(tx, *with)?,
        Command::RefileDocument(id, to) => {
            let mut jobs = document_job(tx, *id)?;
            jobs.extend(filed_with_job(tx, *to)?);
            jobs
        }
        Command::UpdateDocument(id, ..)
        | Command::AddDocumentVersion(id, ..)
        | Command::TrashDocument(id, _)
        | Command::RestoreDocument(id) => document_job(tx, *id)?,
        Command::Undo(step) => undone_jobs(tx, &step.reverse)?,
        _ => Vec::new(),
    };
    for id in jobs {
        if let Some(job) = tx.get::<Job>(id.0)?
            && job.status == JobStatus::Archived
        {
            return Err(ServiceError::Archived(job.number.text));
        }
    }
    Ok(())
}

/// The job a document filed `with` lands in: the job, or a meeting's first job.
fn filed_with_job(tx: &WriteTx, with: documents::FiledWith) -> Result<Vec<JobId>, ServiceError> {
    Ok(match with {
        documents::FiledWith::Job(j) => vec![j],
        documents::FiledWith::Meeting(m) => {
            stored_meeting_jobs(tx, m)?.into_iter().take(1).collect()
        }
        _ => Vec::new(),
    })
}

/// The jobs an undo would change: a brief's or schedule's job, a document's (as it was and
/// as it is); an undo of a meeting that concerns only archived jobs is refused here. An
/// undo of the job itself (a status step) is the way out of the archive and is let through.
fn undone_jobs(tx: &WriteTx, reverse: &Reverse) -> Result<Vec<JobId>, ServiceError> {
    Ok(match reverse {
        Reverse::Brief(job, _) | Reverse::Schedule(job, _) => vec![*job],
        Reverse::Restore(Snapshot::Document(d)) => {
            let mut jobs = document_job(tx, d.id)?;
            jobs.extend(d.job_id);
            jobs
        }
        Reverse::Remove(Subject::Document, id) => document_job(tx, crate::domain::DocumentId(*id))?,
        Reverse::Restore(Snapshot::Meeting(m)) => {
            for jobs in [stored_meeting_jobs(tx, m.id)?, m.jobs.clone()] {
                all_archived(tx, &jobs)?;
            }
            Vec::new()
        }
        _ => Vec::new(),
    })
}

/// The job a stored document is filed with, if any.
fn document_job(tx: &WriteTx, id: crate::domain::DocumentId) -> Result<Vec<JobId>, ServiceError> {
    Ok(tx
        .get::<Document>(id.0)?
        .and_then(|d| d.job_id)
        .into_iter()
        .collect())
}

/// The jobs a stored meeting concerns (none for a new one).
fn stored_meeting_jobs(
    tx: &WriteTx,
    id: crate::domain::MeetingId,
) -> Result<Vec<JobId>, ServiceError> {
    if id.0 == 0 {
        return Ok(Vec::new());
    }
    Ok(tx.get::<Meeting>(id.0)?.map(|m| m.jobs).unwrap_or_default())
}

/// Refuses a meeting that concerns only archived jobs; one that also concerns a job under
/// way (a status meeting looking back) stays editable.
fn all_archived(tx: &WriteTx, jobs: &[JobId]) -> Result<(), ServiceError> {
    let mut first = None;
    for id in jobs {
        match tx.get::<Job>(id.0)? {
            Some(job) if job.status == JobStatus::Archived => {
                first.get_or_insert(job.number.text);
            }
            _ => return Ok(()),
        }
    }
    match first {
        Some(number) => Err(ServiceError::Archived(number)),
        None => Ok(()),
    }
}
