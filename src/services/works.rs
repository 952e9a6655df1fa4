//! Use cases of the client's ad archive (客户广告档案): a creative work recorded with where
//! and when it ran, its ad-review approval number, credits, awards, the rights it was made
//! with and the documents holding its files; edited and removed. Every step is logged and
//! undoable.

use super::*;
use crate::domain::creative::{CreativeWork, Medium, UsageRight, WorkProblem};
use crate::domain::text::{multiline, optional_line, required_line};
use crate::domain::{BrandId, CreativeWorkId, DocumentId};
use crate::search::DocKind;

/// What a work is, as a person typed it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkDraft {
    /// The client.
    pub client_id: ClientId,
    /// The brand.
    pub brand_id: Option<BrandId>,
    /// The job it was made in.
    pub job_id: Option<JobId>,
    /// Its title (required).
    pub title: String,
    /// The campaign.
    pub campaign: String,
    /// Where it runs.
    pub medium: Medium,
    /// Format and length.
    pub format: String,
    /// The first and last day it ran.
    pub ran: Option<(NaiveDate, Option<NaiveDate>)>,
    /// The outlets it ran in (channels, titles, sites).
    pub outlets: String,
    /// The regions.
    pub regions: String,
    /// 广告审查批准文号.
    pub approval_number: String,
    /// Who made it.
    pub credits: String,
    /// What it won.
    pub awards: String,
    /// The rights it was made with.
    pub rights: Vec<UsageRight>,
    /// The documents holding its files (master, cuts, key visual, script).
    pub documents: Vec<DocumentId>,
}

impl WorkDraft {
    /// A draft of a TV work of `client`, everything else blank.
    pub fn new(client_id: ClientId, title: impl Into<String>) -> Self {
        WorkDraft {
            client_id,
            brand_id: None,
            job_id: None,
            title: title.into(),
            campaign: String::new(),
            medium: Medium::Tv,
            format: String::new(),
            ran: None,
            outlets: String::new(),
            regions: String::new(),
            approval_number: String::new(),
            credits: String::new(),
            awards: String::new(),
            rights: Vec::new(),
            documents: Vec::new(),
        }
    }

    /// The draft of what `w` is now, for its edit form.
    pub fn of(w: &CreativeWork) -> Self {
        WorkDraft {
            client_id: w.client_id,
            brand_id: w.brand_id,
            job_id: w.job_id,
            title: w.title.clone(),
            campaign: w.campaign.clone(),
            medium: w.medium,
            format: w.format.clone(),
            ran: w.ran,
            outlets: w.outlets.clone(),
            regions: w.regions.clone(),
            approval_number: w.approval_number.clone(),
            credits: w.credits.clone(),
            awards: w.awards.clone(),
            rights: w.rights.clone(),
            documents: w.documents.clone(),
        }
    }

    /// The work it describes, checked: every field's length and characters, the client,
    /// brand, job and documents there and the client's, the runs forwards.
    fn work(
        self,
        tx: &WriteTx,
        id: CreativeWorkId,
        audit: Audit,
    ) -> Result<CreativeWork, ServiceError> {
        check_ref::<Client>(tx, "client", self.client_id.0)?;
        let foreign = |field| {
            ServiceError::Invalid(FieldError {
                field,
                problem: Problem::Missing,
            })
        };
        if let Some(b) = self.brand_id {
            let brand: Brand = check_ref(tx, "brand", b.0)?;
            if brand.client_id != self.client_id {
                return Err(foreign("brand"));
            }
        }
        if let Some(j) = self.job_id {
            let job: Job = check_ref(tx, "job", j.0)?;
            if job.client_id != self.client_id {
                return Err(foreign("job"));
            }
        }
        for d in &self.documents {
            let doc: Document = check_ref(tx, "document", d.0)?;
            if doc.client_id != self.client_id {
                return Err(foreign("document"));
            }
        }
        let mut rights = Vec::with_capacity(self.rights.len());
        for r in self.rights {
            rights.push(UsageRight {
                holder: optional_line("right_holder", &r.holder)?,
                ..r
            });
        }
        let work = CreativeWork {
            id,
            client_id: self.client_id,
            brand_id: self.brand_id,
            job_id: self.job_id,
            title: required_line("work_title", &self.title)?,
            campaign: optional_line("campaign", &self.campaign)?,
            medium: self.medium,
            format: optional_line("format", &self.format)?,
            ran: self.ran,
            outlets: multiline("outlets", &self.outlets)?,
            regions: optional_line("regions", &self.regions)?,
            approval_number: optional_line("approval_number", &self.approval_number)?,
            credits: multiline("credits", &self.credits)?,
            awards: multiline("awards", &self.awards)?,
            rights,
            documents: self.documents,
            audit,
        };
        match work.check().first() {
            None => Ok(work),
            Some(WorkProblem::NoTitle) => Err(FieldError {
                field: "work_title",
                problem: Problem::Required,
            }
            .into()),
            Some(WorkProblem::RanBackwards) => Err(FieldError {
                field: "last_ran",
                problem: Problem::EndBeforeStart,
            }
            .into()),
        }
    }
}

/// A new work of the client's archive.
pub(super) fn add(tx: &mut WriteTx, ctx: &Ctx, d: WorkDraft) -> Result<Outcome, ServiceError> {
    let id = CreativeWorkId(tx.next_id()?);
    let work = d.work(tx, id, Audit::new(ctx.stamp()))?;
    tx.put(&work)?;
    Ok(done(
        Subject::CreativeWork,
        id.0,
        Action::Created,
        work.title,
        Some(Reverse::Remove(Subject::CreativeWork, id.0)),
    ))
}

/// What a work is, edited from the revision shown.
pub(super) fn update(
    tx: &mut WriteTx,
    stamp: Stamp,
    id: CreativeWorkId,
    d: WorkDraft,
    base: Base,
) -> Result<Outcome, ServiceError> {
    base.check(tx, Kind::CreativeWork, Key::id(id.0))?;
    let before: CreativeWork = need(tx, "creative work", id.0)?;
    let after = d.work(tx, id, before.audit.touched(stamp))?;
    tx.put(&after)?;
    Ok(done(
        Subject::CreativeWork,
        id.0,
        Action::Updated,
        after.title.clone(),
        Some(Reverse::Restore(Snapshot::from(before))),
    ))
}

/// A work removed from the archive (recorded by mistake); undo puts it back.
pub(super) fn remove(tx: &mut WriteTx, id: CreativeWorkId) -> Result<Outcome, ServiceError> {
    let before: CreativeWork = need(tx, "creative work", id.0)?;
    tx.delete::<CreativeWork>(id.0)?;
    Ok(done(
        Subject::CreativeWork,
        id.0,
        Action::Deleted,
        before.title.clone(),
        Some(Reverse::Restore(Snapshot::from(before))),
    ))
}

impl RecordKind for CreativeWork {
    const SUBJECT: Subject = Subject::CreativeWork;
    const NAME: KindName = KindName {
        zh: "广告作品",
        en: "Creative work",
    };
    const SEARCH: Option<DocKind> = Some(DocKind::CreativeWork);

    fn id(&self) -> u64 {
        self.id.0
    }

    fn summary(&self) -> String {
        self.title.clone()
    }

    fn restored(self, stamp: Stamp) -> Self {
        CreativeWork {
            audit: self.audit.touched(stamp),
            ..self
        }
    }

    fn check_refs(&self, tx: &WriteTx) -> Result<(), ServiceError> {
        check_ref::<Client>(tx, "client", self.client_id.0).map(drop)
    }
}
