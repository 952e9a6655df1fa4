//! On-disk record layouts, frozen once shipped. They are kept apart from the domain types so
//! that the domain can evolve freely: a changed layout gets a new `…V2` struct beside the old
//! one, the decoder keeps reading V1, and a numbered migration rewrites old records.
//!
//! Layouts use only primitive types: ids as `u64`, money as `i64` fen, dates as days since
//! 0001-01-01 (`i32`), moments as Unix milliseconds (`i64`), enums as explicit `u8` codes.

use super::codec::{self, CodecError, Kind};
use crate::domain::{self, brief::BriefField, change, job, schedule, user};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// A type that can be stored: its kind, its current layout version, and both directions.
pub trait Record: Sized {
    /// The envelope kind.
    const KIND: Kind;
    /// The layout version written by this build.
    const VERSION: u16;
    /// Encodes in the current layout.
    fn encode(&self) -> Result<Vec<u8>, CodecError>;
    /// Decodes any layout version this build knows.
    fn decode(bytes: &[u8]) -> Result<Self, CodecError>;
}

fn bad(kind: Kind, detail: impl Into<String>) -> CodecError {
    CodecError::Damaged {
        kind: kind.name(),
        detail: detail.into(),
    }
}

fn date_out(d: NaiveDate) -> i32 {
    d.num_days_from_ce()
}

fn date_in(kind: Kind, days: i32) -> Result<NaiveDate, CodecError> {
    NaiveDate::from_num_days_from_ce_opt(days).ok_or_else(|| bad(kind, "date out of range"))
}

fn opt_date_in(kind: Kind, days: Option<i32>) -> Result<Option<NaiveDate>, CodecError> {
    days.map(|d| date_in(kind, d)).transpose()
}

fn moment_in(kind: Kind, ms: i64) -> Result<DateTime<Utc>, CodecError> {
    DateTime::from_timestamp_millis(ms).ok_or_else(|| bad(kind, "timestamp out of range"))
}

/// A change stamp on disk.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub struct StampV1 {
    by: u64,
    at_ms: i64,
}

impl StampV1 {
    fn from_domain(s: &domain::Stamp) -> Self {
        StampV1 {
            by: s.by.0,
            at_ms: s.at.timestamp_millis(),
        }
    }
    fn into_domain(self, kind: Kind) -> Result<domain::Stamp, CodecError> {
        Ok(domain::Stamp {
            by: domain::UserId(self.by),
            at: moment_in(kind, self.at_ms)?,
        })
    }
}

/// Creation and last-change stamps on disk.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub struct AuditV1 {
    created: StampV1,
    updated: StampV1,
}

impl AuditV1 {
    fn from_domain(a: &domain::Audit) -> Self {
        AuditV1 {
            created: StampV1::from_domain(&a.created),
            updated: StampV1::from_domain(&a.updated),
        }
    }
    fn into_domain(self, kind: Kind) -> Result<domain::Audit, CodecError> {
        Ok(domain::Audit {
            created: self.created.into_domain(kind)?,
            updated: self.updated.into_domain(kind)?,
        })
    }
}

/// Declares an explicit, frozen `u8` code for each variant of a domain enum.
macro_rules! codes {
    ($to:ident, $from:ident, $ty:ty, $kind:expr, { $($variant:path => $code:literal),* $(,)? }) => {
        fn $to(v: $ty) -> u8 {
            match v { $($variant => $code),* }
        }
        fn $from(code: u8) -> Result<$ty, CodecError> {
            match code {
                $($code => Ok($variant),)*
                other => Err(bad($kind, format!("unknown code {other}"))),
            }
        }
    };
}

codes!(role_out, role_in, user::Role, Kind::User, {
    user::Role::AccountExecutive => 1,
    user::Role::AccountManager => 2,
    user::Role::AccountDirector => 3,
    user::Role::DirectorsOffice => 4,
});
codes!(contract_status_out, contract_status_in, domain::ContractStatus, Kind::Contract, {
    domain::ContractStatus::Draft => 1,
    domain::ContractStatus::Active => 2,
    domain::ContractStatus::Expired => 3,
    domain::ContractStatus::Terminated => 4,
});
codes!(job_status_out, job_status_in, job::JobStatus, Kind::Job, {
    job::JobStatus::Requested => 1,
    job::JobStatus::Briefed => 2,
    job::JobStatus::Estimating => 3,
    job::JobStatus::InProduction => 4,
    job::JobStatus::Completed => 5,
    job::JobStatus::Archived => 6,
});
codes!(field_out, field_in, BriefField, Kind::BriefVersion, {
    BriefField::Background => 1,
    BriefField::Objective => 2,
    BriefField::Audience => 3,
    BriefField::KeyMessage => 4,
    BriefField::Deliverables => 5,
    BriefField::Mandatories => 6,
    BriefField::Budget => 7,
    BriefField::Timing => 8,
});
codes!(subject_out, subject_in, change::Subject, Kind::Change, {
    change::Subject::Client => 1,
    change::Subject::Contact => 2,
    change::Subject::Contract => 3,
    change::Subject::Brand => 4,
    change::Subject::Job => 5,
    change::Subject::Brief => 6,
    change::Subject::User => 7,
    change::Subject::Settings => 8,
    change::Subject::Schedule => 9,
    change::Subject::Meeting => 10,
    change::Subject::Estimate => 11,
    change::Subject::Document => 12,
    change::Subject::LibraryItem => 13,
    change::Subject::CreativeWork => 14,
});
codes!(action_out, action_in, change::Action, Kind::Change, {
    change::Action::Created => 1,
    change::Action::Updated => 2,
    change::Action::Deleted => 3,
});

/// Implements [`Record`] for a domain type with a single (V1) layout.
/// Why a record of `kind` in layout `version` cannot be read by this build, which writes
/// layout `current`: a newer program wrote it, or no program ever did.
fn unknown_version(kind: Kind, version: u16, current: u16) -> CodecError {
    if version > current {
        CodecError::TooNew {
            kind: kind.name(),
            version,
        }
    } else {
        CodecError::UnknownVersion {
            kind: kind.name(),
            version,
        }
    }
}

macro_rules! record_v1 {
    ($domain:ty, $v1:ty, $kind:expr) => {
        impl Record for $domain {
            const KIND: Kind = $kind;
            const VERSION: u16 = 1;
            fn encode(&self) -> Result<Vec<u8>, CodecError> {
                codec::encode(Self::KIND, Self::VERSION, &<$v1>::from_domain(self))
            }
            fn decode(bytes: &[u8]) -> Result<Self, CodecError> {
                let (version, payload) = codec::open_envelope(Self::KIND, bytes)?;
                match version {
                    1 => codec::decode_payload::<$v1>(Self::KIND, payload)?.into_domain(),
                    v => Err(unknown_version(Self::KIND, v, Self::VERSION)),
                }
            }
        }
    };
}
codes!(party_out, party_in, schedule::Party, Kind::Schedule, {
    schedule::Party::Agency => 1,
    schedule::Party::Client => 2,
    schedule::Party::Vendor => 3,
    schedule::Party::Media => 4,
});
codes!(task_status_out, task_status_in, schedule::TaskStatus, Kind::Schedule, {
    schedule::TaskStatus::NotStarted => 1,
    schedule::TaskStatus::InProgress => 2,
    schedule::TaskStatus::Done => 3,
    schedule::TaskStatus::Late => 4,
    schedule::TaskStatus::OnHold => 5,
});

// One file per kind, named as its table; declared after the macros above, which they use.
mod brands;
mod brief_versions;
mod budget_reports;
mod budgets;
mod changes;
mod clients;
mod contacts;
mod contracts;
mod documents;
mod estimates;
mod invoices;
mod jobs;
mod library;
mod meetings;
mod schedules;
mod settings;
mod works;
// The schedule templates (one record in the meta table), in the task layout of schedules.
mod templates;
mod users;

pub use brands::*;
pub use brief_versions::*;
pub use budget_reports::*;
pub use changes::*;
pub use clients::*;
pub use contacts::*;
pub use contracts::*;
pub use documents::*;
pub use estimates::*;
pub use invoices::*;
pub use jobs::*;
pub use library::*;
pub use schedules::*;
pub use settings::*;
pub use users::*;
pub use works::*;
