//! Estimates (报价单 / 制作费预估): production estimates, media plans and change orders of a
//! job, each revised as versions A, B, C…, approved by the AM and then the director's office,
//! and signed by the client — every approval and signature bound to the content hash of the
//! one version it concerns (see [`approval`]).
//!
//! An estimate is two kinds of record: the [`Estimate`] (number, kind, and the log of what
//! happened to it, [`EstimateEvent`]s) and its [`EstimateVersion`]s, each the full content of
//! one version. A version is edited only while nothing has happened to it; once submitted it
//! is frozen, and any change is a new version.

pub mod approval;
pub mod check;
pub mod lines;

pub use approval::{
    Actor, Decision, EstimateEvent, EstimateStatus, EstimateStep, Evidence, Signature, StepError,
};
pub use lines::{
    EstimateLine, LineCategory, MediaBilling, MediaTerms, PriceBasis, SheetColumn, TaxMode,
    TooLarge, Totals,
};

use super::ids::{BrandId, ClientId, EstimateId, JobId, UserId};
use super::stamp::Audit;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// What an estimate is for. Each is numbered after the job: `2026-0042-E1` (production),
/// `2026-0042-M1` (media), `2026-0042-C1` (a change order, adding to the job's budget).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum EstimateKind {
    /// 制作费预估: production.
    Production,
    /// 媒介计划: a media plan.
    Media,
    /// 变更单: a change order, separately signed, adding to the job's budget.
    ChangeOrder,
}

impl EstimateKind {
    /// Every kind, in the order they are offered.
    pub const ALL: [EstimateKind; 3] = [
        EstimateKind::Production,
        EstimateKind::Media,
        EstimateKind::ChangeOrder,
    ];

    /// The letter of its numbers: E, M or C.
    pub fn letter(self) -> char {
        match self {
            EstimateKind::Production => 'E',
            EstimateKind::Media => 'M',
            EstimateKind::ChangeOrder => 'C',
        }
    }

    /// Its Chinese and English names.
    pub fn names(self) -> (&'static str, &'static str) {
        match self {
            EstimateKind::Production => ("制作费预估", "Production estimate"),
            EstimateKind::Media => ("媒介计划", "Media plan"),
            EstimateKind::ChangeOrder => ("变更单", "Change order"),
        }
    }

    /// Whether it is production money (a production estimate or a change order), as the
    /// budget report and the production gate count it.
    pub fn is_production(self) -> bool {
        !matches!(self, EstimateKind::Media)
    }
}

/// The number of the `seq`-th estimate of `kind` on a job: `2026-0042-E1`.
pub fn estimate_number(job_number: &str, kind: EstimateKind, seq: u32) -> String {
    format!("{job_number}-{}{seq}", kind.letter())
}

/// A version's letter: 1 → `A`, 26 → `Z`, 27 → `AA`.
pub fn version_letter(n: u32) -> String {
    let mut n = n.max(1);
    let mut out = Vec::new();
    while n > 0 {
        let d = (n - 1) % 26;
        out.push(char::from(b'A' + d as u8));
        n = (n - 1) / 26;
    }
    out.iter().rev().collect()
}

/// The version number of a letter (`B` → 2, any case), `None` if it is not one.
pub fn parse_version_letter(text: &str) -> Option<u32> {
    let t = text.trim();
    if t.is_empty() || t.len() > 3 {
        return None;
    }
    t.chars().try_fold(0u32, |acc, c| {
        let c = c.to_ascii_uppercase();
        c.is_ascii_uppercase()
            .then(|| acc * 26 + u32::from(c as u8 - b'A' + 1))
    })
}

/// An estimate: what stays the same across its versions, and the log of its steps.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Estimate {
    /// Stable identity.
    pub id: EstimateId,
    /// The job it prices.
    pub job_id: JobId,
    /// The job's client (kept here so the walls and the client's year need no job lookup).
    pub client_id: ClientId,
    /// The job's brand, for the budget per brand.
    pub brand_id: Option<BrandId>,
    /// Production, media or change order.
    pub kind: EstimateKind,
    /// Its place among the job's estimates of this kind (E1, E2…).
    pub seq: u32,
    /// As printed: `2026-0042-E1`.
    pub number: String,
    /// How many versions it has; the newest is the current one.
    pub versions: u32,
    /// What happened to its versions, oldest first. Never edited, only added to.
    pub events: Vec<EstimateEvent>,
    /// Creation and last change.
    pub audit: Audit,
}

/// One version of an estimate: everything the client is asked to sign, plus the agency's
/// internal columns. Its content hash (of the stored record) is what approvals bind to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EstimateVersion {
    /// The estimate.
    pub estimate_id: EstimateId,
    /// The estimate's job.
    pub job_id: JobId,
    /// The job's client.
    pub client_id: ClientId,
    /// 1 for A, 2 for B…
    pub number: u32,
    /// What the estimate is for, as the client reads it (`2027 春季 TVC 制作`).
    pub title: String,
    /// The lines, in order.
    pub lines: Vec<EstimateLine>,
    /// VAT.
    pub tax: TaxMode,
    /// Whether unit prices include VAT.
    pub basis: PriceBasis,
    /// Whether the client asked for a special VAT fapiao (专票) rather than an ordinary one.
    pub special_fapiao: bool,
    /// The last day the client may sign it.
    pub valid_until: NaiveDate,
    /// Payment terms as printed (`签约后支付 50%，验收后 30 日内支付余款`).
    pub payment_terms: String,
    /// A note printed for the client.
    pub client_note: String,
    /// A note for the account team only.
    pub internal_note: String,
    /// Who made this version.
    pub author: UserId,
    /// Creation and last change (a version changes only while it is a draft).
    pub audit: Audit,
}

impl EstimateVersion {
    /// Its letter.
    pub fn letter(&self) -> String {
        version_letter(self.number)
    }

    /// Its totals.
    pub fn totals(&self) -> Result<Totals, TooLarge> {
        lines::totals(&self.lines, self.tax, self.basis)
    }
}

/// The hash of an estimate version's stored content (SHA-256, defined in the store), as
/// approvals and signatures record it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
pub struct VersionHash(pub [u8; 32]);

impl VersionHash {
    /// All 64 hex digits.
    pub fn hex(&self) -> String {
        self.0.iter().map(|b| format!("{b:02x}")).collect()
    }

    /// The first 8 hex digits, as printed on every page.
    pub fn short(&self) -> String {
        self.hex()[..8].to_string()
    }

    /// Whether `text` (what a person read off the paper: the short form, the full form or
    /// anything between, any case, spaces ignored) names this hash. At least 8 digits.
    pub fn matches_text(&self, text: &str) -> bool {
        let t: String = text
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        t.len() >= 8 && t.len() <= 64 && self.hex().starts_with(&t)
    }
}

/// A job let into production by an account director although the gate refused it: the
/// written reason and what the gate said are kept and shown on the job.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Release {
    /// The job.
    pub job_id: JobId,
    /// Its client.
    pub client_id: ClientId,
    /// 1 for the job's first release, 2 for the next…
    pub number: u32,
    /// The account director.
    pub by: UserId,
    /// When.
    pub at: DateTime<Utc>,
    /// Why, in their words.
    pub reason: String,
    /// What the gate said, as it was shown.
    pub problems: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_are_letters() {
        assert_eq!(version_letter(1), "A");
        assert_eq!(version_letter(3), "C");
        assert_eq!(version_letter(26), "Z");
        assert_eq!(version_letter(27), "AA");
        for n in 1..800 {
            assert_eq!(parse_version_letter(&version_letter(n)), Some(n), "{n}");
        }
        assert_eq!(parse_version_letter("b"), Some(2));
        assert_eq!(parse_version_letter("B2"), None);
        assert_eq!(parse_version_letter(""), None);
    }

    #[test]
    fn numbers_follow_the_job() {
        assert_eq!(
            estimate_number("2026-0042", EstimateKind::Production, 1),
            "2026-0042-E1"
        );
        assert_eq!(
            estimate_number("2026-0042", EstimateKind::ChangeOrder, 2),
            "2026-0042-C2"
        );
        assert_eq!(
            estimate_number("J26042", EstimateKind::Media, 1),
            "J26042-M1"
        );
    }

    #[test]
    fn a_hash_is_matched_by_what_is_read_off_the_paper() {
        let mut b = [0u8; 32];
        b[0] = 0xab;
        b[1] = 0x12;
        let h = VersionHash(b);
        assert_eq!(h.short(), "ab120000");
        assert!(h.matches_text("AB12 0000"));
        assert!(h.matches_text(&h.hex()));
        assert!(!h.matches_text("ab12"));
        assert!(!h.matches_text("ab120001"));
    }
}
