//! Use cases of jobs and their briefs: create (the number issued by the store), edit, move
//! along the lifecycle, save the brief as a new version.

use super::*;
use crate::search::DocKind;

/// A new job; its number is issued by the store, per local year.
pub(super) fn create(tx: &mut WriteTx, ctx: &Ctx, d: JobDraft) -> Result<Outcome, ServiceError> {
    let stamp = ctx.stamp();
    let f = d.validate()?;
    check_job_refs(tx, f.client_id, f.brand_id, &f.team)?;
    let settings = tx.settings()?;
    let number = tx.issue_job_number(&settings.job_number_format, ctx.today.year())?;
    let id = JobId(tx.next_id()?);
    let j = Job {
        id,
        number,
        title: f.title,
        client_id: f.client_id,
        brand_id: f.brand_id,
        team: f.team,
        status: JobStatus::Requested,
        requested_on: f.requested_on,
        due_on: f.due_on,
        audit: Audit::new(stamp),
    };
    tx.put(&j)?;
    let summary = format!("{} {}", j.number.text, j.title);
    Ok(done(
        Subject::Job,
        id.0,
        Action::Created,
        summary,
        Some(Reverse::Remove(Subject::Job, id.0)),
    ))
}

/// A job's title, brand, team or dates edited.
pub(super) fn update(
    tx: &mut WriteTx,
    stamp: Stamp,
    id: JobId,
    d: JobDraft,
    base: Base,
) -> Result<Outcome, ServiceError> {
    base.check(tx, Kind::Job, Key::id(id.0))?;
    let before: Job = need(tx, "job", id.0)?;
    let f = d.validate()?;
    check_job_refs(tx, f.client_id, f.brand_id, &f.team)?;
    let after = Job {
        title: f.title,
        client_id: f.client_id,
        brand_id: f.brand_id,
        team: f.team,
        requested_on: f.requested_on,
        due_on: f.due_on,
        audit: before.audit.touched(stamp),
        ..before.clone()
    };
    tx.put(&after)?;
    let summary = format!("{} {}", after.number.text, after.title);
    Ok(done(
        Subject::Job,
        id.0,
        Action::Updated,
        summary,
        Some(Reverse::Restore(Snapshot::from(before))),
    ))
}

/// A job moved along its lifecycle.
pub(super) fn set_status(
    tx: &mut WriteTx,
    stamp: Stamp,
    id: JobId,
    to: JobStatus,
    base: Base,
) -> Result<Outcome, ServiceError> {
    base.check(tx, Kind::Job, Key::id(id.0))?;
    let before: Job = need(tx, "job", id.0)?;
    if let Some(why) = before.status.reason_needed(to) {
        return Err(ServiceError::ReasonNeeded(why));
    }
    move_job(tx, stamp, before, to, None)
}

/// A job cancelled (archived before production) or reopened (taken out of the history
/// archive), with the reason, which the change log keeps.
pub(super) fn set_status_saying(
    tx: &mut WriteTx,
    stamp: Stamp,
    id: JobId,
    to: JobStatus,
    reason: &str,
    base: Base,
) -> Result<Outcome, ServiceError> {
    base.check(tx, Kind::Job, Key::id(id.0))?;
    let before: Job = need(tx, "job", id.0)?;
    let why = before
        .status
        .reason_needed(to)
        .ok_or(job::IllegalTransition {
            from: before.status,
            to,
        })?;
    let reason = crate::domain::text::optional_line("reason", reason)?;
    if reason.is_empty() {
        return Err(ServiceError::ReasonNeeded(why));
    }
    move_job(tx, stamp, before, to, Some((why, reason)))
}

fn move_job(
    tx: &mut WriteTx,
    stamp: Stamp,
    before: Job,
    to: JobStatus,
    said: Option<(job::StatusReason, String)>,
) -> Result<Outcome, ServiceError> {
    let id = before.id;
    let status = job::transition(before.status, to)?;
    // A job that went into production is archived with its completion form; one reopened
    // after it was cancelled (never produced) is cancelled again without one.
    if before.status == JobStatus::Completed
        && status == JobStatus::Archived
        && was_produced(tx, id)?
    {
        let documents: Vec<crate::domain::Document> = tx.job_rows(id)?;
        let has_form = documents.iter().any(|d| {
            d.kind == crate::domain::document::DocumentKind::JobCompletion && d.trashed.is_none()
        });
        if !has_form {
            return Err(ServiceError::CompletionFormMissing(before.number.text));
        }
    }
    let after = Job {
        status,
        audit: before.audit.touched(stamp),
        ..before.clone()
    };
    tx.put(&after)?;
    let mut summary = format!(
        "{} {} → {}",
        after.number.text,
        format::job_status(before.status, Lang::Zh),
        format::job_status(status, Lang::Zh)
    );
    if let Some((why, reason)) = said {
        summary = format!("{summary}（{}：{reason}）", why.names().0);
    }
    Ok(done(
        Subject::Job,
        id.0,
        Action::Updated,
        summary,
        Some(Reverse::Restore(Snapshot::from(before))),
    ))
}

/// Whether the job went into production: the client signed a production estimate, or an
/// account director let it in.
fn was_produced(tx: &WriteTx, id: JobId) -> Result<bool, ServiceError> {
    let estimates: Vec<crate::domain::Estimate> = tx.job_rows(id)?;
    let signed = estimates
        .iter()
        .any(|e| e.kind.is_production() && e.signed().is_some());
    Ok(signed || !tx.releases(id)?.is_empty())
}

fn check_job_refs(
    tx: &WriteTx,
    client: ClientId,
    brand: Option<BrandId>,
    team: &crate::domain::Team,
) -> Result<(), ServiceError> {
    check_ref::<Client>(tx, "client", client.0)?;
    if let Some(b) = brand {
        let brand: Brand = check_ref(tx, "brand", b.0)?;
        if brand.client_id != client {
            return Err(ServiceError::Invalid(FieldError {
                field: "brand",
                problem: Problem::Missing,
            }));
        }
    }
    for user in drafts::team_members(team).into_iter().flatten() {
        check_ref::<User>(tx, "user_name", user.0)?;
    }
    Ok(())
}

pub(super) fn save_brief(
    tx: &mut WriteTx,
    stamp: Stamp,
    job_id: JobId,
    content: BriefContent,
    base: Base,
) -> Result<Outcome, ServiceError> {
    let job: Job = need(tx, "job", job_id.0)?;
    let latest = tx.latest_brief(job_id)?;
    // The version shown must still be the latest: a colleague's newer one is not reverted.
    let latest_key = Key::pair(job_id.0, latest.as_ref().map_or(0, |v| v.version));
    base.check(tx, Kind::BriefVersion, latest_key)?;
    let previous = latest
        .as_ref()
        .map(|v| v.content.clone())
        .unwrap_or_default();
    match brief::next_version(job_id, latest.as_ref(), content, stamp) {
        Some(v) => {
            tx.append_brief(&v)?;
            let fields: Vec<&str> = v.changed.iter().map(|f| f.key()).collect();
            let summary = format!("{} v{}: {}", job.number.text, v.version, fields.join(", "));
            Ok(done(
                Subject::Brief,
                job_id.0,
                Action::Updated,
                summary,
                Some(Reverse::Brief(job_id, previous)),
            ))
        }
        None => Ok(done(
            Subject::Brief,
            job_id.0,
            Action::Updated,
            format!("{} (unchanged)", job.number.text),
            None,
        )),
    }
}

impl RecordKind for Job {
    const SUBJECT: Subject = Subject::Job;
    const NAME: KindName = KindName {
        zh: "工作",
        en: "Job",
    };
    const SEARCH: Option<DocKind> = Some(DocKind::Job);

    fn id(&self) -> u64 {
        self.id.0
    }

    fn summary(&self) -> String {
        format!("{} {}", self.number.text, self.title)
    }

    fn restored(self, stamp: Stamp) -> Self {
        Job {
            audit: self.audit.touched(stamp),
            ..self
        }
    }

    /// A brief or a schedule is kept under its job's id.
    fn in_use(&self, tx: &WriteTx) -> Result<bool, ServiceError> {
        Ok(tx.latest_brief(self.id)?.is_some() || tx.schedule(self.id)?.is_some())
    }
}
