//! The road of a monthly budget report: prepared and submitted, reviewed by the AM (approved
//! or returned with a comment), then issued — frozen. Each step binds the hash of the report
//! as it was read then; a report is issued only as it was approved (the figures or remarks
//! changed since are reviewed again). An issued report is never changed: revising it starts
//! the next revision, and every issued revision stays, with its figures, its hash and the PDF
//! as sent, so any past month prints again exactly as it went out.

use super::{Figures, TaxBasis};
use crate::domain::FileRef;
use crate::domain::ids::{BudgetReportId, ClientId, UserId};
use crate::domain::stamp::Audit;
use crate::domain::user::Role;
use chrono::{DateTime, NaiveDate, Utc};
use thiserror::Error;

/// A step on a report's road.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReportStep {
    /// Submitted for the AM's review.
    Submitted,
    /// Approved by the AM.
    Approved,
    /// Returned by the AM with a comment.
    Returned,
    /// Issued to the client: frozen.
    Issued,
}

/// Where a report's current revision stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReportStatus {
    /// Being prepared.
    Draft,
    /// Waiting for the AM.
    Submitted,
    /// Returned by the AM.
    Returned,
    /// Approved, ready to issue.
    Approved,
    /// Issued.
    Issued,
}

impl ReportStatus {
    /// Its Chinese and English names.
    pub fn names(self) -> (&'static str, &'static str) {
        match self {
            ReportStatus::Draft => ("草稿", "draft"),
            ReportStatus::Submitted => ("待客户经理审核", "awaiting the AM"),
            ReportStatus::Returned => ("客户经理退回", "returned by the AM"),
            ReportStatus::Approved => ("已审核待发出", "approved, to issue"),
            ReportStatus::Issued => ("已发出", "issued"),
        }
    }
}

/// One step taken: by whom, when, on which revision and which hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportEvent {
    /// The revision, from 1.
    pub revision: u32,
    /// The step.
    pub step: ReportStep,
    /// Who took it.
    pub by: UserId,
    /// When.
    pub at: DateTime<Utc>,
    /// The hash of the report as read for review (64 hex digits).
    pub hash: String,
    /// A return's comment.
    pub note: String,
}

/// An issued revision, frozen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssuedReport {
    /// The revision.
    pub revision: u32,
    /// The hash printed on the issued PDF.
    pub hash: String,
    /// The day its figures were taken on.
    pub as_of: NaiveDate,
    /// Its media figures.
    pub media: Figures,
    /// Its production figures.
    pub production: Figures,
    /// The PDF as sent, in the file store.
    pub file: Option<FileRef>,
}

/// A client's report for one month, with every revision's road.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MonthlyReport {
    /// Its id.
    pub id: BudgetReportId,
    /// The client.
    pub client_id: ClientId,
    /// The month's year.
    pub year: i32,
    /// The month, 1 to 12.
    pub month: u32,
    /// With or without tax.
    pub basis: TaxBasis,
    /// The current revision, from 1.
    pub revision: u32,
    /// The AM's remarks of the current revision.
    pub remarks: String,
    /// Every step of every revision, oldest first.
    pub events: Vec<ReportEvent>,
    /// Every issued revision, oldest first.
    pub issued: Vec<IssuedReport>,
    /// Created and last changed.
    pub audit: Audit,
}

/// Who decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReportActor {
    /// The person.
    pub id: UserId,
    /// Their role.
    pub role: Role,
}

/// A decision on a report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReportDecision {
    /// Submit for the AM's review.
    Submit,
    /// Approve as AM.
    Approve,
    /// Return with a comment.
    Return(String),
    /// Issue: freeze the approved report.
    Issue,
}

/// Why a decision or a change was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ReportError {
    /// The step does not follow where the report stands.
    #[error("the report is {status:?}; it cannot be {wanted} now")]
    NotNow {
        /// Where it stands.
        status: ReportStatus,
        /// What was asked.
        wanted: &'static str,
    },
    /// Only an account manager (or director) reviews a report.
    #[error("only an account manager or director reviews a budget report")]
    WrongRole,
    /// Nobody approves a report they submitted.
    #[error("nobody approves a report they submitted")]
    OwnReport,
    /// A return needs a comment.
    #[error("a return needs a comment")]
    NoteRequired,
    /// The report read now is not the one approved.
    #[error("the report changed since it was approved")]
    Changed,
}

impl MonthlyReport {
    /// The current revision's events.
    pub fn current(&self) -> impl Iterator<Item = &ReportEvent> {
        self.events.iter().filter(|e| e.revision == self.revision)
    }

    /// Where the current revision stands.
    pub fn status(&self) -> ReportStatus {
        match self.current().last().map(|e| e.step) {
            None => ReportStatus::Draft,
            Some(ReportStep::Submitted) => ReportStatus::Submitted,
            Some(ReportStep::Returned) => ReportStatus::Returned,
            Some(ReportStep::Approved) => ReportStatus::Approved,
            Some(ReportStep::Issued) => ReportStatus::Issued,
        }
    }

    /// Who submitted the current revision (the newest submission).
    pub fn submitter(&self) -> Option<UserId> {
        self.current()
            .filter(|e| e.step == ReportStep::Submitted)
            .last()
            .map(|e| e.by)
    }

    /// Who approved the current revision.
    pub fn reviewer(&self) -> Option<UserId> {
        self.current()
            .filter(|e| e.step == ReportStep::Approved)
            .last()
            .map(|e| e.by)
    }

    /// The last issued revision.
    pub fn last_issued(&self) -> Option<&IssuedReport> {
        self.issued.last()
    }

    /// Whether the remarks may be changed now: while a draft or returned; once issued, a
    /// change starts the next revision.
    pub fn may_edit(&self) -> Result<(), ReportError> {
        match self.status() {
            ReportStatus::Draft | ReportStatus::Returned | ReportStatus::Issued => Ok(()),
            status => Err(ReportError::NotNow {
                status,
                wanted: "edited",
            }),
        }
    }

    /// Checks `decision` by `actor`, with `hash` the hash of the report as read for review
    /// now, and returns the event to record.
    pub fn decide(
        &self,
        decision: &ReportDecision,
        actor: ReportActor,
        hash: &str,
        at: DateTime<Utc>,
    ) -> Result<ReportEvent, ReportError> {
        let status = self.status();
        let not_now = |wanted| Err(ReportError::NotNow { status, wanted });
        let reviewer = matches!(actor.role, Role::AccountManager | Role::AccountDirector);
        let (step, note) = match decision {
            ReportDecision::Submit => match status {
                ReportStatus::Draft | ReportStatus::Returned => (ReportStep::Submitted, ""),
                _ => return not_now("submitted"),
            },
            ReportDecision::Approve | ReportDecision::Return(_) => {
                if status != ReportStatus::Submitted {
                    return not_now("reviewed");
                }
                if !reviewer {
                    return Err(ReportError::WrongRole);
                }
                match decision {
                    ReportDecision::Return(note) if note.trim().is_empty() => {
                        return Err(ReportError::NoteRequired);
                    }
                    ReportDecision::Return(note) => (ReportStep::Returned, note.trim()),
                    _ => {
                        if self.submitter() == Some(actor.id) {
                            return Err(ReportError::OwnReport);
                        }
                        (ReportStep::Approved, "")
                    }
                }
            }
            ReportDecision::Issue => {
                if status != ReportStatus::Approved {
                    return not_now("issued");
                }
                let approved = self
                    .current()
                    .filter(|e| e.step == ReportStep::Approved)
                    .last()
                    .map(|e| e.hash.as_str());
                if approved != Some(hash) {
                    return Err(ReportError::Changed);
                }
                (ReportStep::Issued, "")
            }
        };
        Ok(ReportEvent {
            revision: self.revision,
            step,
            by: actor.id,
            at,
            hash: hash.to_string(),
            note: note.to_string(),
        })
    }
}

#[cfg(test)]
mod tests;
