//! The road of an estimate version: submitted by the AE, approved (or returned) by the AM,
//! then by the director's office, sent to the client, signed or declined; voided with a
//! reason at any step. Every step records who, when and the content hash of the version it
//! concerns; an approver is never the version's author nor the previous approver; a new
//! version starts the road again.

use super::{Estimate, EstimateVersion, VersionHash};
use crate::domain::file_ref::FileRef;
use crate::domain::ids::UserId;
use crate::domain::user::Role;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// One step on an estimate's road.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum EstimateStep {
    /// The AE submitted the version for approval.
    Submitted,
    /// The AM approved it.
    AmApproved,
    /// The AM returned it with a comment.
    AmReturned,
    /// The director's office approved it.
    DirectorApproved,
    /// The director's office returned it with a comment.
    DirectorReturned,
    /// It went to the client for signature.
    Sent,
    /// The client signed this very version (the hash on the paper matches).
    Signed,
    /// A signature came back whose version or hash does not match what was sent.
    SignedMismatch,
    /// The client declined it, with their reason.
    Declined,
    /// Voided, with a reason; nothing follows.
    Voided,
}

/// How a client's signature arrived.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Evidence {
    /// The paper, signed and stamped with the company chop (公章), scanned.
    SignedScan,
    /// The client's own e-signed PDF.
    ClientPdf,
    /// An email or message saying yes: weaker evidence.
    Email,
}

impl Evidence {
    /// Every kind, strongest first.
    pub const ALL: [Evidence; 3] = [Evidence::SignedScan, Evidence::ClientPdf, Evidence::Email];

    /// Its Chinese and English names.
    pub fn names(self) -> (&'static str, &'static str) {
        match self {
            Evidence::SignedScan => ("签字盖章扫描件", "Signed and stamped scan"),
            Evidence::ClientPdf => ("客户电子签署 PDF", "Client's e-signed PDF"),
            Evidence::Email => ("邮件确认（较弱）", "Email confirmation (weaker)"),
        }
    }
}

/// What came back from the client: which version the paper says it is, the hash read off
/// it (or its QR code), and the scan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signature {
    /// The version the paper claims to be.
    pub version: u32,
    /// The hash as read off the paper (at least the 8 printed digits).
    pub read_hash: String,
    /// How it arrived.
    pub evidence: Evidence,
    /// The signed scan or PDF, kept in the file store.
    pub file: Option<FileRef>,
}

/// Something that happened to one version of an estimate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EstimateEvent {
    /// The version it concerns (the newest when it happened).
    pub version: u32,
    /// What happened.
    pub step: EstimateStep,
    /// Who did it (for a signature: who recorded it).
    pub by: UserId,
    /// When.
    pub at: DateTime<Utc>,
    /// The content hash of the version at that moment.
    pub hash: VersionHash,
    /// The comment of a return, the reason of a decline or a void; may be empty otherwise.
    pub note: String,
    /// A signature's details (signed or mismatched).
    pub signature: Option<Signature>,
}

/// Where an estimate stands: the newest version's last step, or 已过期 when a version sent
/// to the client is past its validity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum EstimateStatus {
    /// Being written (草稿).
    Draft,
    /// Waiting for the AM (待客户经理审批).
    Submitted,
    /// Returned by the AM or the director's office (已退回).
    Returned,
    /// Waiting for the director's office (待总监室审批).
    AmApproved,
    /// Approved, to be sent (已批准).
    DirectorApproved,
    /// With the client for signature (待客户签署).
    Sent,
    /// Sent, but past its validity (已过期).
    Expired,
    /// Signed by the client, hash matching (客户已签署).
    Signed,
    /// A signature that does not match the version sent (签署不符).
    SignedMismatch,
    /// Declined by the client (客户拒绝).
    Declined,
    /// Voided (已作废).
    Voided,
}

impl EstimateStatus {
    /// Every status, in road order.
    pub const ALL: [EstimateStatus; 11] = [
        EstimateStatus::Draft,
        EstimateStatus::Submitted,
        EstimateStatus::Returned,
        EstimateStatus::AmApproved,
        EstimateStatus::DirectorApproved,
        EstimateStatus::Sent,
        EstimateStatus::Expired,
        EstimateStatus::Signed,
        EstimateStatus::SignedMismatch,
        EstimateStatus::Declined,
        EstimateStatus::Voided,
    ];

    /// Its Chinese and English names.
    pub fn names(self) -> (&'static str, &'static str) {
        match self {
            EstimateStatus::Draft => ("草稿", "Draft"),
            EstimateStatus::Submitted => ("待客户经理审批", "Awaiting AM"),
            EstimateStatus::Returned => ("已退回", "Returned"),
            EstimateStatus::AmApproved => ("待总监室审批", "Awaiting director's office"),
            EstimateStatus::DirectorApproved => ("已批准待发送", "Approved, to send"),
            EstimateStatus::Sent => ("待客户签署", "Awaiting client signature"),
            EstimateStatus::Expired => ("已过期", "Expired"),
            EstimateStatus::Signed => ("客户已签署", "Signed by client"),
            EstimateStatus::SignedMismatch => ("签署版本不符", "Signature mismatch"),
            EstimateStatus::Declined => ("客户拒绝", "Declined"),
            EstimateStatus::Voided => ("已作废", "Voided"),
        }
    }

    /// A short code for the command line and files: `draft`, `signed`…
    pub fn code(self) -> &'static str {
        match self {
            EstimateStatus::Draft => "draft",
            EstimateStatus::Submitted => "submitted",
            EstimateStatus::Returned => "returned",
            EstimateStatus::AmApproved => "am-approved",
            EstimateStatus::DirectorApproved => "approved",
            EstimateStatus::Sent => "sent",
            EstimateStatus::Expired => "expired",
            EstimateStatus::Signed => "signed",
            EstimateStatus::SignedMismatch => "signed-mismatch",
            EstimateStatus::Declined => "declined",
            EstimateStatus::Voided => "void",
        }
    }

    /// Whether the version waits for the client's signature (sent, expired or mismatched).
    pub fn awaits_client(self) -> bool {
        matches!(
            self,
            EstimateStatus::Sent | EstimateStatus::Expired | EstimateStatus::SignedMismatch
        )
    }
}

/// A decision on the newest version of an estimate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    /// Submit for approval.
    Submit,
    /// Approve as the AM.
    ApproveAsAm,
    /// Return as the AM, with a comment.
    ReturnAsAm(String),
    /// Approve as the director's office.
    ApproveAsDirector,
    /// Return as the director's office, with a comment.
    ReturnAsDirector(String),
    /// Record that it went to the client.
    Send,
    /// Record the client's signature.
    Sign(Signature),
    /// Record that the client declined, with their reason.
    Decline(String),
    /// Void, with a reason.
    Void(String),
}

/// Who decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Actor {
    /// The person.
    pub id: UserId,
    /// Their role.
    pub role: Role,
}

/// Why a decision was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum StepError {
    /// The decision does not follow from where the estimate stands.
    #[error("the estimate is {status:?}; it cannot be {wanted}")]
    NotNow {
        /// Where it stands.
        status: EstimateStatus,
        /// What was asked, in words.
        wanted: &'static str,
    },
    /// The person's role may not take this step.
    #[error("a {role:?} may not {wanted}")]
    WrongRole {
        /// Their role.
        role: Role,
        /// What was asked.
        wanted: &'static str,
    },
    /// The approver wrote the version.
    #[error("nobody approves a version they wrote")]
    OwnVersion,
    /// The approver approved (or submitted) the step before.
    #[error("the previous step was theirs; someone else must take this one")]
    PreviousApprover,
    /// The version's content is not the one submitted.
    #[error("the version changed after it was submitted (hash {found}, submitted {submitted})")]
    VersionChanged {
        /// The short hash of the version now.
        found: String,
        /// The short hash submitted.
        submitted: String,
    },
    /// Not the newest version.
    #[error("version {0} is not the newest; decisions are on the newest version only")]
    NotNewest(u32),
    /// A return, decline or void without a reason.
    #[error("a reason is required")]
    ReasonRequired,
    /// Signing a version past its validity.
    #[error("the version was valid until {0}; make a new version with a new validity")]
    Expired(NaiveDate),
    /// A signed or voided estimate edited.
    #[error("a {0:?} estimate is not revised: make a change order (变更单) instead")]
    Frozen(EstimateStatus),
}

impl Estimate {
    /// The events of the newest version, oldest first.
    pub fn newest_events(&self) -> impl Iterator<Item = &EstimateEvent> {
        self.events.iter().filter(|e| e.version == self.versions)
    }

    /// Where the estimate stands on `today`, its newest version valid until `valid_until`.
    pub fn status(&self, valid_until: NaiveDate, today: NaiveDate) -> EstimateStatus {
        if self.events.iter().any(|e| e.step == EstimateStep::Voided) {
            return EstimateStatus::Voided;
        }
        match self.newest_events().last().map(|e| e.step) {
            None => EstimateStatus::Draft,
            Some(EstimateStep::Submitted) => EstimateStatus::Submitted,
            Some(EstimateStep::AmReturned | EstimateStep::DirectorReturned) => {
                EstimateStatus::Returned
            }
            Some(EstimateStep::AmApproved) => EstimateStatus::AmApproved,
            Some(EstimateStep::DirectorApproved) => EstimateStatus::DirectorApproved,
            Some(EstimateStep::Sent) if today > valid_until => EstimateStatus::Expired,
            Some(EstimateStep::Sent) => EstimateStatus::Sent,
            Some(EstimateStep::Signed) => EstimateStatus::Signed,
            Some(EstimateStep::SignedMismatch) => EstimateStatus::SignedMismatch,
            Some(EstimateStep::Declined) => EstimateStatus::Declined,
            Some(EstimateStep::Voided) => EstimateStatus::Voided,
        }
    }

    /// The last event of `step` on the newest version.
    pub fn last_step(&self, step: EstimateStep) -> Option<&EstimateEvent> {
        self.newest_events().filter(|e| e.step == step).last()
    }

    /// The version the client signed with a matching hash, and that signature (the newest
    /// such, when the estimate is not voided).
    pub fn signed(&self) -> Option<&EstimateEvent> {
        if self.events.iter().any(|e| e.step == EstimateStep::Voided) {
            return None;
        }
        self.events
            .iter()
            .rev()
            .find(|e| e.step == EstimateStep::Signed)
    }

    /// Whether a new version may be made now: not once signed (a change order is) or voided.
    pub fn may_revise(&self, valid_until: NaiveDate, today: NaiveDate) -> Result<(), StepError> {
        match self.status(valid_until, today) {
            s @ (EstimateStatus::Signed | EstimateStatus::Voided) => Err(StepError::Frozen(s)),
            _ => Ok(()),
        }
    }

    /// Checks `decision` by `actor` on `version` (the newest, whose content hash is `hash`)
    /// and returns the event to record. Nothing is changed: the caller appends the event.
    pub fn decide(
        &self,
        version: &EstimateVersion,
        hash: VersionHash,
        decision: Decision,
        actor: Actor,
        at: DateTime<Utc>,
        today: NaiveDate,
    ) -> Result<EstimateEvent, StepError> {
        use EstimateStatus as S;
        if version.number != self.versions || version.estimate_id != self.id {
            return Err(StepError::NotNewest(version.number));
        }
        let status = self.status(version.valid_until, today);
        let not_now = |wanted| Err(StepError::NotNow { status, wanted });
        let submitted = || self.last_step(EstimateStep::Submitted);
        let same_as_submitted = || match submitted() {
            Some(e) if e.hash != hash => Err(StepError::VersionChanged {
                found: hash.short(),
                submitted: e.hash.short(),
            }),
            _ => Ok(()),
        };
        let reason = |r: &str| {
            if r.trim().is_empty() {
                Err(StepError::ReasonRequired)
            } else {
                Ok(r.trim().to_string())
            }
        };
        let event = |step, note: String, signature| EstimateEvent {
            version: version.number,
            step,
            by: actor.id,
            at,
            hash,
            note,
            signature,
        };
        let approver = |roles: &[Role], wanted, previous: Option<UserId>| {
            if !roles.contains(&actor.role) {
                return Err(StepError::WrongRole {
                    role: actor.role,
                    wanted,
                });
            }
            if actor.id == version.author {
                return Err(StepError::OwnVersion);
            }
            if previous == Some(actor.id) {
                return Err(StepError::PreviousApprover);
            }
            same_as_submitted()
        };
        let am_roles = [Role::AccountManager, Role::AccountDirector];
        let director_roles = [Role::DirectorsOffice, Role::AccountDirector];
        match decision {
            Decision::Submit => match status {
                S::Draft | S::Returned => Ok(event(EstimateStep::Submitted, String::new(), None)),
                _ => not_now("submitted"),
            },
            Decision::ApproveAsAm | Decision::ReturnAsAm(_) if status != S::Submitted => {
                not_now("approved by the AM")
            }
            Decision::ApproveAsAm => {
                approver(&am_roles, "approve as AM", submitted().map(|e| e.by))?;
                Ok(event(EstimateStep::AmApproved, String::new(), None))
            }
            Decision::ReturnAsAm(note) => {
                approver(&am_roles, "return as AM", submitted().map(|e| e.by))?;
                Ok(event(EstimateStep::AmReturned, reason(&note)?, None))
            }
            Decision::ApproveAsDirector | Decision::ReturnAsDirector(_)
                if status != S::AmApproved =>
            {
                not_now("approved by the director's office")
            }
            Decision::ApproveAsDirector | Decision::ReturnAsDirector(_) => {
                let am = self.last_step(EstimateStep::AmApproved).map(|e| e.by);
                approver(&director_roles, "approve as the director's office", am)?;
                Ok(match decision {
                    Decision::ReturnAsDirector(note) => {
                        event(EstimateStep::DirectorReturned, reason(&note)?, None)
                    }
                    _ => event(EstimateStep::DirectorApproved, String::new(), None),
                })
            }
            Decision::Send => match status {
                S::DirectorApproved => {
                    same_as_submitted()?;
                    Ok(event(EstimateStep::Sent, String::new(), None))
                }
                _ => not_now("sent to the client"),
            },
            Decision::Sign(signature) => match status {
                S::Expired => Err(StepError::Expired(version.valid_until)),
                S::Sent | S::SignedMismatch => {
                    let sent = self.last_step(EstimateStep::Sent).map(|e| e.hash);
                    let matches = signature.version == version.number
                        && sent == Some(hash)
                        && hash.matches_text(&signature.read_hash);
                    let step = if matches {
                        EstimateStep::Signed
                    } else {
                        EstimateStep::SignedMismatch
                    };
                    Ok(event(step, String::new(), Some(signature)))
                }
                _ => not_now("signed by the client"),
            },
            Decision::Decline(why) => match status {
                S::Sent | S::Expired | S::SignedMismatch => {
                    Ok(event(EstimateStep::Declined, reason(&why)?, None))
                }
                _ => not_now("declined by the client"),
            },
            Decision::Void(why) => match status {
                S::Voided => not_now("voided"),
                _ => Ok(event(EstimateStep::Voided, reason(&why)?, None)),
            },
        }
    }
}

#[cfg(test)]
mod tests;
