//! The job completion form as a PDF, from the job, its client and the estimates the client
//! signed, with what the person filled in.

use crate::domain::estimate::EstimateStatus;
use crate::domain::{Client, Job, JobId};
use crate::pdf;
use crate::reports::Letterhead;
use crate::reports::completion::{CompletionForm, CompletionInputs, CompletionReport};
use crate::services::{Reader, ServiceError};
use crate::store::Store;
use chrono::NaiveDate;

/// The form's file name and bytes: `2026-0003 工作完成表.pdf`.
pub fn completion_pdf(
    store: &Store,
    job_id: JobId,
    form: &CompletionForm,
    today: NaiveDate,
) -> Result<(String, Vec<u8>), ServiceError> {
    let view = store.read()?;
    let job: Job = view.get(job_id.0)?.ok_or(ServiceError::NotFound {
        what: "job",
        id: job_id.0,
    })?;
    let client: Client = view.get(job.client_id.0)?.ok_or(ServiceError::NotFound {
        what: "client",
        id: job.client_id.0,
    })?;
    let letterhead = Letterhead::from(&view.settings()?);
    drop(view);
    let signed = Reader::new(store)
        .job_estimates(job_id)?
        .iter()
        .filter(|e| e.status(today) == EstimateStatus::Signed)
        .filter_map(|e| e.newest().and_then(|v| v.totals().ok()).map(|t| t.gross))
        .collect();
    let report = CompletionReport::new(
        CompletionInputs {
            letterhead,
            job_number: &job.number.text,
            job_title: &job.title,
            client: client.display_name(),
            completed_on: today,
            signed,
        },
        form,
    );
    let bytes = pdf::completion::render_completion(&report)
        .map_err(|e| ServiceError::Export(e.to_string()))?;
    // The brief's name, safe for every file system, with the form's title instead.
    let name = super::brief_file_name(&job.number.text, crate::domain::Lang::Zh)
        .replace("工作简要", "工作完成表");
    Ok((name, bytes))
}
