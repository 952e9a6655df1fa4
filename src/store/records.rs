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

/// Agency settings, layout 1 (before the agency's own days).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SettingsV1 {
    agency_name: String,
    agency_name_en: String,
    address: String,
    phone: String,
    job_number_format: String,
}

/// An agency day on disk: date, working, name.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AgencyDayV1 {
    date: i32,
    working: bool,
    name: String,
}

/// Agency settings, layout 2: layout 1 and the agency's own days.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SettingsV2 {
    v1: SettingsV1,
    days: Vec<AgencyDayV1>,
}

impl SettingsV1 {
    fn into_domain(self) -> domain::AgencySettings {
        domain::AgencySettings {
            agency_name: self.agency_name,
            agency_name_en: self.agency_name_en,
            address: self.address,
            phone: self.phone,
            job_number_format: job::JobNumberFormat(self.job_number_format),
            days: Vec::new(),
            notices: Vec::new(),
        }
    }
}

impl SettingsV2 {
    fn from_domain(s: &domain::AgencySettings) -> Self {
        SettingsV2 {
            v1: SettingsV1 {
                agency_name: s.agency_name.clone(),
                agency_name_en: s.agency_name_en.clone(),
                address: s.address.clone(),
                phone: s.phone.clone(),
                job_number_format: s.job_number_format.0.clone(),
            },
            days: s
                .days
                .iter()
                .map(|d| AgencyDayV1 {
                    date: date_out(d.date),
                    working: d.working,
                    name: d.name.clone(),
                })
                .collect(),
        }
    }
    fn into_domain(self) -> Result<domain::AgencySettings, CodecError> {
        let days = self
            .days
            .into_iter()
            .map(|d| {
                Ok(domain::settings::AgencyDay {
                    date: date_in(Kind::Settings, d.date)?,
                    working: d.working,
                    name: d.name,
                })
            })
            .collect::<Result<_, CodecError>>()?;
        Ok(domain::AgencySettings {
            days,
            ..self.v1.into_domain()
        })
    }
}

/// A year's holiday notice the agency supplied, on disk: year, reference, the dates it set.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AgencyNoticeV1 {
    year: i32,
    reference: String,
    dates: Vec<i32>,
}

/// Agency settings, layout 3: layout 2 and the years whose holiday notice the agency
/// supplied (pasted or imported), with their references.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SettingsV3 {
    v2: SettingsV2,
    notices: Vec<AgencyNoticeV1>,
}

impl SettingsV3 {
    fn from_domain(s: &domain::AgencySettings) -> Self {
        SettingsV3 {
            v2: SettingsV2::from_domain(s),
            notices: s
                .notices
                .iter()
                .map(|n| AgencyNoticeV1 {
                    year: n.year,
                    reference: n.reference.clone(),
                    dates: n.dates.iter().map(|d| date_out(*d)).collect(),
                })
                .collect(),
        }
    }
    fn into_domain(self) -> Result<domain::AgencySettings, CodecError> {
        let notices = self
            .notices
            .into_iter()
            .map(|n| {
                Ok(domain::settings::AgencyNotice {
                    year: n.year,
                    reference: n.reference,
                    dates: n
                        .dates
                        .into_iter()
                        .map(|d| date_in(Kind::Settings, d))
                        .collect::<Result<_, CodecError>>()?,
                })
            })
            .collect::<Result<_, CodecError>>()?;
        Ok(domain::AgencySettings {
            notices,
            ..self.v2.into_domain()?
        })
    }
}

impl Record for domain::AgencySettings {
    const KIND: Kind = Kind::Settings;
    const VERSION: u16 = 3;
    fn encode(&self) -> Result<Vec<u8>, CodecError> {
        codec::encode(Self::KIND, Self::VERSION, &SettingsV3::from_domain(self))
    }
    fn decode(bytes: &[u8]) -> Result<Self, CodecError> {
        let (version, payload) = codec::open_envelope(Self::KIND, bytes)?;
        match version {
            1 => Ok(codec::decode_payload::<SettingsV1>(Self::KIND, payload)?.into_domain()),
            2 => codec::decode_payload::<SettingsV2>(Self::KIND, payload)?.into_domain(),
            3 => codec::decode_payload::<SettingsV3>(Self::KIND, payload)?.into_domain(),
            v => Err(unknown_version(Self::KIND, v, Self::VERSION)),
        }
    }
}

#[cfg(test)]
mod settings_tests {
    use super::*;
    use crate::domain::settings::{AgencyDay, AgencyNotice};

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn with_a_notice() -> domain::AgencySettings {
        domain::AgencySettings {
            days: vec![AgencyDay {
                date: d("2027-02-08"),
                working: false,
                name: "春节".into(),
            }],
            notices: vec![AgencyNotice {
                year: 2027,
                reference: "国办发明电〔2026〕8号".into(),
                dates: vec![d("2027-02-08")],
            }],
            ..domain::AgencySettings::default()
        }
    }

    #[test]
    fn layout_3_keeps_the_agency_notices() {
        let s = with_a_notice();
        let bytes = s.encode().unwrap();
        assert_eq!(domain::AgencySettings::decode(&bytes).unwrap(), s);
    }

    #[test]
    fn layouts_1_and_2_still_read_without_notices() {
        let s = with_a_notice();
        let v2 = codec::encode(Kind::Settings, 2, &SettingsV2::from_domain(&s)).unwrap();
        let read = domain::AgencySettings::decode(&v2).unwrap();
        assert_eq!(read.days, s.days);
        assert!(read.notices.is_empty());
        let v1 = codec::encode(Kind::Settings, 1, &SettingsV2::from_domain(&s).v1).unwrap();
        let read = domain::AgencySettings::decode(&v1).unwrap();
        assert_eq!(read.agency_name, s.agency_name);
        assert!(read.days.is_empty() && read.notices.is_empty());
    }
}

/// A user, layout 1.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct UserV1 {
    id: u64,
    name: String,
    role: u8,
    active: bool,
}

impl UserV1 {
    fn from_domain(u: &domain::User) -> Self {
        UserV1 {
            id: u.id.0,
            name: u.name.clone(),
            role: role_out(u.role),
            active: u.active,
        }
    }
    fn into_domain(self) -> Result<domain::User, CodecError> {
        Ok(domain::User {
            id: domain::UserId(self.id),
            name: self.name,
            role: role_in(self.role)?,
            active: self.active,
        })
    }
}
record_v1!(domain::User, UserV1, Kind::User);

/// A client, layout 1.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ClientV1 {
    id: u64,
    name: String,
    short_name: String,
    industry: String,
    address: String,
    phone: String,
    since: Option<i32>,
    notes: String,
    archived: bool,
    audit: AuditV1,
}

impl ClientV1 {
    fn from_domain(c: &domain::Client) -> Self {
        ClientV1 {
            id: c.id.0,
            name: c.name.clone(),
            short_name: c.short_name.clone(),
            industry: c.industry.clone(),
            address: c.address.clone(),
            phone: c.phone.clone(),
            since: c.since.map(date_out),
            notes: c.notes.clone(),
            archived: c.archived,
            audit: AuditV1::from_domain(&c.audit),
        }
    }
    fn into_domain(self) -> Result<domain::Client, CodecError> {
        Ok(domain::Client {
            id: domain::ClientId(self.id),
            name: self.name,
            short_name: self.short_name,
            industry: self.industry,
            address: self.address,
            phone: self.phone,
            since: opt_date_in(Kind::Client, self.since)?,
            notes: self.notes,
            archived: self.archived,
            audit: self.audit.into_domain(Kind::Client)?,
        })
    }
}
record_v1!(domain::Client, ClientV1, Kind::Client);

/// A contact, layout 1.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ContactV1 {
    id: u64,
    client_id: u64,
    name: String,
    title: String,
    phone: String,
    email: String,
    wechat: String,
    notes: String,
    audit: AuditV1,
}

impl ContactV1 {
    fn from_domain(c: &domain::Contact) -> Self {
        ContactV1 {
            id: c.id.0,
            client_id: c.client_id.0,
            name: c.name.clone(),
            title: c.title.clone(),
            phone: c.phone.clone(),
            email: c.email.clone(),
            wechat: c.wechat.clone(),
            notes: c.notes.clone(),
            audit: AuditV1::from_domain(&c.audit),
        }
    }
    fn into_domain(self) -> Result<domain::Contact, CodecError> {
        Ok(domain::Contact {
            id: domain::ContactId(self.id),
            client_id: domain::ClientId(self.client_id),
            name: self.name,
            title: self.title,
            phone: self.phone,
            email: self.email,
            wechat: self.wechat,
            notes: self.notes,
            audit: self.audit.into_domain(Kind::Contact)?,
        })
    }
}
record_v1!(domain::Contact, ContactV1, Kind::Contact);

/// A contract, layout 1.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ContractV1 {
    id: u64,
    client_id: u64,
    number: String,
    scope: String,
    start: i32,
    end: i32,
    value_fen: i64,
    status: u8,
    audit: AuditV1,
}

impl ContractV1 {
    fn from_domain(c: &domain::Contract) -> Self {
        ContractV1 {
            id: c.id.0,
            client_id: c.client_id.0,
            number: c.number.clone(),
            scope: c.scope.clone(),
            start: date_out(c.start),
            end: date_out(c.end),
            value_fen: c.value.0,
            status: contract_status_out(c.status),
            audit: AuditV1::from_domain(&c.audit),
        }
    }
    fn into_domain(self) -> Result<domain::Contract, CodecError> {
        Ok(domain::Contract {
            id: domain::ContractId(self.id),
            client_id: domain::ClientId(self.client_id),
            number: self.number,
            scope: self.scope,
            start: date_in(Kind::Contract, self.start)?,
            end: date_in(Kind::Contract, self.end)?,
            value: domain::Fen(self.value_fen),
            status: contract_status_in(self.status)?,
            audit: self.audit.into_domain(Kind::Contract)?,
        })
    }
}
record_v1!(domain::Contract, ContractV1, Kind::Contract);

/// A brand, layout 1.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BrandV1 {
    id: u64,
    client_id: u64,
    name: String,
    facts: String,
    key_points: String,
    positioning: String,
    competitors: Vec<String>,
    audit: AuditV1,
}

impl BrandV1 {
    fn from_domain(b: &domain::Brand) -> Self {
        BrandV1 {
            id: b.id.0,
            client_id: b.client_id.0,
            name: b.name.clone(),
            facts: b.facts.clone(),
            key_points: b.key_points.clone(),
            positioning: b.positioning.clone(),
            competitors: b.competitors.clone(),
            audit: AuditV1::from_domain(&b.audit),
        }
    }
    fn into_domain(self) -> Result<domain::Brand, CodecError> {
        Ok(domain::Brand {
            id: domain::BrandId(self.id),
            client_id: domain::ClientId(self.client_id),
            name: self.name,
            facts: self.facts,
            key_points: self.key_points,
            positioning: self.positioning,
            competitors: self.competitors,
            audit: self.audit.into_domain(Kind::Brand)?,
        })
    }
}
record_v1!(domain::Brand, BrandV1, Kind::Brand);

/// A job, layout 1.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct JobV1 {
    id: u64,
    number_year: i32,
    number_seq: u32,
    number_text: String,
    title: String,
    client_id: u64,
    brand_id: Option<u64>,
    ae: Option<u64>,
    am: Option<u64>,
    ad: Option<u64>,
    status: u8,
    requested_on: i32,
    due_on: Option<i32>,
    audit: AuditV1,
}

impl JobV1 {
    fn from_domain(j: &domain::Job) -> Self {
        JobV1 {
            id: j.id.0,
            number_year: j.number.year,
            number_seq: j.number.seq,
            number_text: j.number.text.clone(),
            title: j.title.clone(),
            client_id: j.client_id.0,
            brand_id: j.brand_id.map(|b| b.0),
            ae: j.team.ae.map(|u| u.0),
            am: j.team.am.map(|u| u.0),
            ad: j.team.ad.map(|u| u.0),
            status: job_status_out(j.status),
            requested_on: date_out(j.requested_on),
            due_on: j.due_on.map(date_out),
            audit: AuditV1::from_domain(&j.audit),
        }
    }
    fn into_domain(self) -> Result<domain::Job, CodecError> {
        Ok(domain::Job {
            id: domain::JobId(self.id),
            number: domain::JobNumber {
                year: self.number_year,
                seq: self.number_seq,
                text: self.number_text,
            },
            title: self.title,
            client_id: domain::ClientId(self.client_id),
            brand_id: self.brand_id.map(domain::BrandId),
            team: domain::Team {
                ae: self.ae.map(domain::UserId),
                am: self.am.map(domain::UserId),
                ad: self.ad.map(domain::UserId),
            },
            status: job_status_in(self.status)?,
            requested_on: date_in(Kind::Job, self.requested_on)?,
            due_on: opt_date_in(Kind::Job, self.due_on)?,
            audit: self.audit.into_domain(Kind::Job)?,
        })
    }
}
record_v1!(domain::Job, JobV1, Kind::Job);

/// A brief version, layout 1.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BriefVersionV1 {
    job_id: u64,
    version: u32,
    background: String,
    objective: String,
    audience: String,
    key_message: String,
    deliverables: String,
    mandatories: String,
    budget_fen: Option<i64>,
    timing: String,
    changed: Vec<u8>,
    stamp: StampV1,
}

impl BriefVersionV1 {
    fn from_domain(b: &domain::BriefVersion) -> Self {
        let c = &b.content;
        BriefVersionV1 {
            job_id: b.job_id.0,
            version: b.version,
            background: c.background.clone(),
            objective: c.objective.clone(),
            audience: c.audience.clone(),
            key_message: c.key_message.clone(),
            deliverables: c.deliverables.clone(),
            mandatories: c.mandatories.clone(),
            budget_fen: c.budget.map(|f| f.0),
            timing: c.timing.clone(),
            changed: b.changed.iter().map(|f| field_out(*f)).collect(),
            stamp: StampV1::from_domain(&b.stamp),
        }
    }
    fn into_domain(self) -> Result<domain::BriefVersion, CodecError> {
        Ok(domain::BriefVersion {
            job_id: domain::JobId(self.job_id),
            version: self.version,
            content: domain::BriefContent {
                background: self.background,
                objective: self.objective,
                audience: self.audience,
                key_message: self.key_message,
                deliverables: self.deliverables,
                mandatories: self.mandatories,
                budget: self.budget_fen.map(domain::Fen),
                timing: self.timing,
            },
            changed: self
                .changed
                .into_iter()
                .map(field_in)
                .collect::<Result<_, _>>()?,
            stamp: self.stamp.into_domain(Kind::BriefVersion)?,
        })
    }
}
record_v1!(domain::BriefVersion, BriefVersionV1, Kind::BriefVersion);

/// A change-log entry, layout 1.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ChangeV1 {
    stamp: StampV1,
    subject: u8,
    id: u64,
    action: u8,
    summary: String,
}

impl ChangeV1 {
    fn from_domain(c: &domain::Change) -> Self {
        ChangeV1 {
            stamp: StampV1::from_domain(&c.stamp),
            subject: subject_out(c.subject),
            id: c.id,
            action: action_out(c.action),
            summary: c.summary.clone(),
        }
    }
    fn into_domain(self) -> Result<domain::Change, CodecError> {
        Ok(domain::Change {
            stamp: self.stamp.into_domain(Kind::Change)?,
            subject: subject_in(self.subject)?,
            id: self.id,
            action: action_in(self.action)?,
            summary: self.summary,
        })
    }
}
record_v1!(domain::Change, ChangeV1, Kind::Change);

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

/// A schedule task, layout 1 (inside [`ScheduleV1`] and [`IssuedScheduleV1`]).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TaskV1 {
    id: u32,
    name: String,
    milestone: bool,
    start: i32,
    end: i32,
    actual_start: Option<i32>,
    actual_end: Option<i32>,
    progress: u8,
    party: u8,
    owner: String,
    owner_internal: bool,
    after: Vec<u32>,
    status: u8,
    client_visible: bool,
    client_action: bool,
    internal_note: String,
    client_note: String,
}

impl TaskV1 {
    fn from_domain(t: &schedule::Task) -> Self {
        TaskV1 {
            id: t.id.0,
            name: t.name.clone(),
            milestone: t.milestone,
            start: date_out(t.start),
            end: date_out(t.end),
            actual_start: t.actual_start.map(date_out),
            actual_end: t.actual_end.map(date_out),
            progress: t.progress,
            party: party_out(t.party),
            owner: t.owner.clone(),
            owner_internal: t.owner_internal,
            after: t.after.iter().map(|a| a.0).collect(),
            status: task_status_out(t.status),
            client_visible: t.client_visible,
            client_action: t.client_action,
            internal_note: t.internal_note.clone(),
            client_note: t.client_note.clone(),
        }
    }
    fn into_domain(self, kind: Kind) -> Result<schedule::Task, CodecError> {
        if self.progress > 100 {
            return Err(bad(kind, format!("progress {}%", self.progress)));
        }
        let start = date_in(kind, self.start)?;
        let end = date_in(kind, self.end)?;
        if end < start {
            return Err(bad(kind, "a task ends before it starts"));
        }
        Ok(schedule::Task {
            id: schedule::TaskId(self.id),
            name: self.name,
            milestone: self.milestone,
            start,
            end,
            actual_start: opt_date_in(kind, self.actual_start)?,
            actual_end: opt_date_in(kind, self.actual_end)?,
            progress: self.progress,
            party: party_in(self.party)?,
            owner: self.owner,
            owner_internal: self.owner_internal,
            after: self.after.into_iter().map(schedule::TaskId).collect(),
            status: task_status_in(self.status)?,
            client_visible: self.client_visible,
            client_action: self.client_action,
            internal_note: self.internal_note,
            client_note: self.client_note,
            level: 0,
            calendar_days: false,
        })
    }
}

/// A schedule task, layout 2: layout 1, its level (inside a phase or not) and whether it
/// counts calendar days.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TaskV2 {
    v1: TaskV1,
    level: u8,
    calendar_days: bool,
}

impl TaskV2 {
    fn from_domain(t: &schedule::Task) -> Self {
        TaskV2 {
            v1: TaskV1::from_domain(t),
            level: t.level,
            calendar_days: t.calendar_days,
        }
    }
    fn into_domain(self, kind: Kind) -> Result<schedule::Task, CodecError> {
        if self.level > schedule::MAX_LEVEL {
            return Err(bad(kind, format!("task level {}", self.level)));
        }
        Ok(schedule::Task {
            level: self.level,
            calendar_days: self.calendar_days,
            ..self.v1.into_domain(kind)?
        })
    }
}

/// Tasks of either layout, in order.
fn tasks_in<T>(
    kind: Kind,
    tasks: Vec<T>,
    decode: fn(T, Kind) -> Result<schedule::Task, CodecError>,
) -> Result<schedule::Schedule, CodecError> {
    Ok(schedule::Schedule {
        tasks: tasks
            .into_iter()
            .map(|t| decode(t, kind))
            .collect::<Result<_, _>>()?,
    })
}

/// A job's working schedule, layout 1 (tasks of layout 1).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ScheduleV1 {
    job_id: u64,
    tasks: Vec<TaskV1>,
    audit: AuditV1,
}

impl ScheduleV1 {
    fn into_domain(self) -> Result<schedule::JobSchedule, CodecError> {
        Ok(schedule::JobSchedule {
            job_id: domain::JobId(self.job_id),
            schedule: tasks_in(Kind::Schedule, self.tasks, TaskV1::into_domain)?,
            audit: self.audit.into_domain(Kind::Schedule)?,
        })
    }
}

/// A job's working schedule, layout 2 (tasks of layout 2).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ScheduleV2 {
    job_id: u64,
    tasks: Vec<TaskV2>,
    audit: AuditV1,
}

impl ScheduleV2 {
    fn from_domain(s: &schedule::JobSchedule) -> Self {
        ScheduleV2 {
            job_id: s.job_id.0,
            tasks: s.schedule.tasks.iter().map(TaskV2::from_domain).collect(),
            audit: AuditV1::from_domain(&s.audit),
        }
    }
    fn into_domain(self) -> Result<schedule::JobSchedule, CodecError> {
        Ok(schedule::JobSchedule {
            job_id: domain::JobId(self.job_id),
            schedule: tasks_in(Kind::Schedule, self.tasks, TaskV2::into_domain)?,
            audit: self.audit.into_domain(Kind::Schedule)?,
        })
    }
}

impl Record for schedule::JobSchedule {
    const KIND: Kind = Kind::Schedule;
    const VERSION: u16 = 2;
    fn encode(&self) -> Result<Vec<u8>, CodecError> {
        codec::encode(Self::KIND, Self::VERSION, &ScheduleV2::from_domain(self))
    }
    fn decode(bytes: &[u8]) -> Result<Self, CodecError> {
        let (version, payload) = codec::open_envelope(Self::KIND, bytes)?;
        match version {
            1 => codec::decode_payload::<ScheduleV1>(Self::KIND, payload)?.into_domain(),
            2 => codec::decode_payload::<ScheduleV2>(Self::KIND, payload)?.into_domain(),
            v => Err(unknown_version(Self::KIND, v, Self::VERSION)),
        }
    }
}

/// A schedule version issued to the client, layout 1 (tasks of layout 1).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct IssuedScheduleV1 {
    job_id: u64,
    version: u32,
    issued_on: i32,
    stamp: StampV1,
    tasks: Vec<TaskV1>,
}

impl IssuedScheduleV1 {
    fn into_domain(self) -> Result<schedule::IssuedSchedule, CodecError> {
        let kind = Kind::IssuedSchedule;
        Ok(schedule::IssuedSchedule {
            job_id: domain::JobId(self.job_id),
            version: self.version,
            issued_on: date_in(kind, self.issued_on)?,
            stamp: self.stamp.into_domain(kind)?,
            schedule: tasks_in(kind, self.tasks, TaskV1::into_domain)?,
        })
    }
}

/// A schedule version issued to the client, layout 2 (tasks of layout 2).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct IssuedScheduleV2 {
    job_id: u64,
    version: u32,
    issued_on: i32,
    stamp: StampV1,
    tasks: Vec<TaskV2>,
}

impl IssuedScheduleV2 {
    fn from_domain(s: &schedule::IssuedSchedule) -> Self {
        IssuedScheduleV2 {
            job_id: s.job_id.0,
            version: s.version,
            issued_on: date_out(s.issued_on),
            stamp: StampV1::from_domain(&s.stamp),
            tasks: s.schedule.tasks.iter().map(TaskV2::from_domain).collect(),
        }
    }
    fn into_domain(self) -> Result<schedule::IssuedSchedule, CodecError> {
        let kind = Kind::IssuedSchedule;
        Ok(schedule::IssuedSchedule {
            job_id: domain::JobId(self.job_id),
            version: self.version,
            issued_on: date_in(kind, self.issued_on)?,
            stamp: self.stamp.into_domain(kind)?,
            schedule: tasks_in(kind, self.tasks, TaskV2::into_domain)?,
        })
    }
}

impl Record for schedule::IssuedSchedule {
    const KIND: Kind = Kind::IssuedSchedule;
    const VERSION: u16 = 2;
    fn encode(&self) -> Result<Vec<u8>, CodecError> {
        codec::encode(
            Self::KIND,
            Self::VERSION,
            &IssuedScheduleV2::from_domain(self),
        )
    }
    fn decode(bytes: &[u8]) -> Result<Self, CodecError> {
        let (version, payload) = codec::open_envelope(Self::KIND, bytes)?;
        match version {
            1 => codec::decode_payload::<IssuedScheduleV1>(Self::KIND, payload)?.into_domain(),
            2 => codec::decode_payload::<IssuedScheduleV2>(Self::KIND, payload)?.into_domain(),
            v => Err(unknown_version(Self::KIND, v, Self::VERSION)),
        }
    }
}

// Declared after the macros above, which it uses.
mod meeting;

impl Record for domain::Meeting {
    const KIND: Kind = Kind::Meeting;
    const VERSION: u16 = 2;
    fn encode(&self) -> Result<Vec<u8>, CodecError> {
        codec::encode(
            Self::KIND,
            Self::VERSION,
            &meeting::MeetingV2::from_domain(self),
        )
    }
    fn decode(bytes: &[u8]) -> Result<Self, CodecError> {
        let (version, payload) = codec::open_envelope(Self::KIND, bytes)?;
        match version {
            1 => codec::decode_payload::<meeting::MeetingV1>(Self::KIND, payload)?.into_domain(),
            2 => codec::decode_payload::<meeting::MeetingV2>(Self::KIND, payload)?.into_domain(),
            v => Err(unknown_version(Self::KIND, v, Self::VERSION)),
        }
    }
}

// The schedule templates (one record in the meta table), in the task layout above.
mod template;
