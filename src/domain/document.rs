//! The documents of a client's job file (工作档案) and archive: what kind each is, where it
//! stands, how long the law keeps it, what the app proposes when a file arrives, and which
//! documents a job is still missing for its stage.
//!
//! The twelve kinds of the handbook's job file come first (应收帐款的单据 … 合约), then the
//! documents the app makes or the team keeps beside them. Financial documents are accounting
//! records under the Ministry of Finance and National Archives Administration's 会计档案管理办法
//! (order no. 79 of 2015, in force since 2016-01-01): kept 30 years for vouchers — the
//! invoices, receivables documents and the contracts filed with them — and 10 years for the
//! other accounting material, counted from the first day after the accounting year (the
//! calendar year in China) in which the document is dated. Nothing under a legal hold is
//! disposed of, whatever its age.

use super::file_ref::FileRef;
use super::ids::{BrandId, ClientId, DocumentId, JobId, MeetingId};
use super::job::JobStatus;
use super::money::Fen;
use super::stamp::{Audit, Stamp};
use chrono::{Datelike, NaiveDate};

pub mod propose;

/// What a document is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum DocumentKind {
    /// 应收帐款的单据: statements and receivables documents.
    Receivables,
    /// 预算摘记: budget notes.
    BudgetNote,
    /// 收入预估: revenue estimates.
    RevenueEstimate,
    /// 工作申请表: the client's job request form.
    JobRequest,
    /// 制作费预估: a production estimate (or change order) as signed.
    ProductionEstimate,
    /// 制作费发票: a production invoice.
    ProductionInvoice,
    /// 工作完成表: the job completion form.
    JobCompletion,
    /// 已签核之媒介计划: a signed media plan.
    MediaPlan,
    /// 媒介费用发票: a media invoice.
    MediaInvoice,
    /// 佣金发票: a commission invoice.
    CommissionInvoice,
    /// 联络人: contact details (business cards, address lists).
    Contacts,
    /// 合约: a contract.
    Contract,
    /// 工作简报: a brief.
    Brief,
    /// 会议纪要: minutes.
    Minutes,
    /// 进度表: a schedule.
    Schedule,
    /// 创意作品: creative work (scripts, key visuals, cuts).
    Creative,
    /// 参考资料: reference material.
    Reference,
    /// 其他.
    Other,
}

impl DocumentKind {
    /// Every kind, the handbook's job file first.
    pub const ALL: [DocumentKind; 18] = [
        DocumentKind::Receivables,
        DocumentKind::BudgetNote,
        DocumentKind::RevenueEstimate,
        DocumentKind::JobRequest,
        DocumentKind::ProductionEstimate,
        DocumentKind::ProductionInvoice,
        DocumentKind::JobCompletion,
        DocumentKind::MediaPlan,
        DocumentKind::MediaInvoice,
        DocumentKind::CommissionInvoice,
        DocumentKind::Contacts,
        DocumentKind::Contract,
        DocumentKind::Brief,
        DocumentKind::Minutes,
        DocumentKind::Schedule,
        DocumentKind::Creative,
        DocumentKind::Reference,
        DocumentKind::Other,
    ];

    /// Its Chinese and English names.
    pub fn names(self) -> (&'static str, &'static str) {
        match self {
            DocumentKind::Receivables => ("应收帐款单据", "Receivables document"),
            DocumentKind::BudgetNote => ("预算摘记", "Budget note"),
            DocumentKind::RevenueEstimate => ("收入预估", "Revenue estimate"),
            DocumentKind::JobRequest => ("工作申请表", "Job request form"),
            DocumentKind::ProductionEstimate => ("制作费预估", "Production estimate"),
            DocumentKind::ProductionInvoice => ("制作费发票", "Production invoice"),
            DocumentKind::JobCompletion => ("工作完成表", "Job completion form"),
            DocumentKind::MediaPlan => ("已签核媒介计划", "Signed media plan"),
            DocumentKind::MediaInvoice => ("媒介费用发票", "Media invoice"),
            DocumentKind::CommissionInvoice => ("佣金发票", "Commission invoice"),
            DocumentKind::Contacts => ("联络人资料", "Contacts"),
            DocumentKind::Contract => ("合约", "Contract"),
            DocumentKind::Brief => ("工作简报", "Brief"),
            DocumentKind::Minutes => ("会议纪要", "Minutes"),
            DocumentKind::Schedule => ("进度表", "Schedule"),
            DocumentKind::Creative => ("创意作品", "Creative work"),
            DocumentKind::Reference => ("参考资料", "Reference"),
            DocumentKind::Other => ("其他", "Other"),
        }
    }

    /// Its name on the command line and in exported folder names' metadata, in ASCII.
    pub fn code(self) -> &'static str {
        match self {
            DocumentKind::Receivables => "receivables",
            DocumentKind::BudgetNote => "budget-note",
            DocumentKind::RevenueEstimate => "revenue-estimate",
            DocumentKind::JobRequest => "job-request",
            DocumentKind::ProductionEstimate => "production-estimate",
            DocumentKind::ProductionInvoice => "production-invoice",
            DocumentKind::JobCompletion => "job-completion",
            DocumentKind::MediaPlan => "media-plan",
            DocumentKind::MediaInvoice => "media-invoice",
            DocumentKind::CommissionInvoice => "commission-invoice",
            DocumentKind::Contacts => "contacts",
            DocumentKind::Contract => "contract",
            DocumentKind::Brief => "brief",
            DocumentKind::Minutes => "minutes",
            DocumentKind::Schedule => "schedule",
            DocumentKind::Creative => "creative",
            DocumentKind::Reference => "reference",
            DocumentKind::Other => "other",
        }
    }

    /// The kind named `text`: its code, or its Chinese or English name (any case).
    pub fn parse(text: &str) -> Option<DocumentKind> {
        let t = text.trim();
        DocumentKind::ALL.into_iter().find(|k| {
            let (zh, en) = k.names();
            k.code().eq_ignore_ascii_case(t) || zh == t || en.eq_ignore_ascii_case(t)
        })
    }

    /// Whether it is an invoice of the agency's to its client.
    pub fn is_invoice(self) -> bool {
        matches!(
            self,
            DocumentKind::ProductionInvoice
                | DocumentKind::MediaInvoice
                | DocumentKind::CommissionInvoice
        )
    }

    /// How long the law keeps it.
    pub fn retention(self) -> Retention {
        match self {
            // 会计凭证 (原始凭证): the invoices, the receivables documents, and the
            // contracts filed with the vouchers they support.
            DocumentKind::Receivables
            | DocumentKind::ProductionInvoice
            | DocumentKind::MediaInvoice
            | DocumentKind::CommissionInvoice
            | DocumentKind::Contract => Retention::Accounting { years: 30 },
            // Other accounting material (其他会计资料).
            DocumentKind::RevenueEstimate | DocumentKind::BudgetNote => {
                Retention::Accounting { years: 10 }
            }
            _ => Retention::Business,
        }
    }
}

/// Where a document's newest version stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum DocumentStatus {
    /// 草稿: being worked on.
    Draft,
    /// 定稿: final.
    Final,
    /// 已签字: the version the client signed.
    Signed,
    /// 作废: voided, kept.
    Voided,
}

impl DocumentStatus {
    /// Its Chinese and English names.
    pub fn names(self) -> (&'static str, &'static str) {
        match self {
            DocumentStatus::Draft => ("草稿", "Draft"),
            DocumentStatus::Final => ("定稿", "Final"),
            DocumentStatus::Signed => ("已签字", "Signed"),
            DocumentStatus::Voided => ("作废", "Voided"),
        }
    }
}

/// One version of a document: its file in the file store and where it stood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentVersion {
    /// The file, in the file store.
    pub file: FileRef,
    /// 草稿, 定稿, 已签字 or 作废.
    pub status: DocumentStatus,
    /// What changed, in a word.
    pub note: String,
    /// Who added it, when.
    pub added: Stamp,
    /// Whether the words inside its file are indexed for search.
    pub text: TextState,
}

/// How far the words inside a version's file have been read for search.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TextState {
    /// Not read yet.
    Pending,
    /// Read: this many characters are in the index.
    Indexed {
        /// Characters indexed.
        chars: u32,
    },
    /// A PDF without a text layer (a scan): only its title and numbers are found.
    Scanned,
    /// A kind of file whose words are not read (images, video, archives).
    NotRead,
    /// Reading failed or was stopped at a limit; what happened, for the person.
    Failed(String),
}

impl TextState {
    /// What to show beside the document.
    pub fn describe(&self, zh: bool) -> String {
        match (self, zh) {
            (TextState::Pending, true) => "文字尚未索引".into(),
            (TextState::Pending, false) => "Its text is not indexed yet".into(),
            (TextState::Indexed { chars }, true) => format!("已索引 {chars} 字"),
            (TextState::Indexed { chars }, false) => format!("{chars} characters indexed"),
            (TextState::Scanned, true) => "扫描件，无文字层".into(),
            (TextState::Scanned, false) => "Scanned: no text layer".into(),
            (TextState::NotRead, true) => "不读取此类文件的文字".into(),
            (TextState::NotRead, false) => "Text of this kind of file is not read".into(),
            (TextState::Failed(why), true) => format!("读取文字失败：{why}"),
            (TextState::Failed(why), false) => format!("Its text could not be read: {why}"),
        }
    }
}

/// A document put in the trash: who, when and why. It stays there, found and restorable,
/// for [`TRASH_DAYS`] days before it may be purged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Trashed {
    /// Who put it there, when.
    pub stamp: Stamp,
    /// Why.
    pub reason: String,
}

/// How many days a trashed document is kept before it may be purged.
pub const TRASH_DAYS: i64 = 30;

impl Trashed {
    /// The first moment the document may be purged: [`TRASH_DAYS`] days after it was put in
    /// the trash.
    pub fn purge_from(&self) -> chrono::DateTime<chrono::Utc> {
        self.stamp.at + chrono::Duration::days(TRASH_DAYS)
    }

    /// Whether the document has been in the trash its [`TRASH_DAYS`] days at `now`.
    pub fn purge_due(&self, now: chrono::DateTime<chrono::Utc>) -> bool {
        now >= self.purge_from()
    }
}

/// A document of a client's job file or archive. It belongs to the client, and to one of
/// its brands, jobs or meetings when it was filed there; reference material of the agency's
/// own belongs to no client (`ClientId(0)`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// Its id.
    pub id: DocumentId,
    /// The client (`ClientId(0)`: the agency's reference files).
    pub client_id: ClientId,
    /// The brand, when filed with one.
    pub brand_id: Option<BrandId>,
    /// The job, when filed with one.
    pub job_id: Option<JobId>,
    /// The meeting, when filed with one.
    pub meeting_id: Option<MeetingId>,
    /// What it is.
    pub kind: DocumentKind,
    /// Its title.
    pub title: String,
    /// The day it is dated (an invoice's date, a contract's signing).
    pub dated: Option<NaiveDate>,
    /// 发票号 / 合同号: the number printed on it.
    pub number: String,
    /// Who it is with or from (the vendor, the media owner, the client's company).
    pub counterparty: String,
    /// Its amount, where it has one.
    pub amount: Option<Fen>,
    /// Free tags.
    pub tags: Vec<String>,
    /// The topic reference material is kept under (市场数据, 竞品资料, 媒体价目表…); blank for
    /// the documents of a job.
    pub topic: String,
    /// Every version, oldest first; never empty.
    pub versions: Vec<DocumentVersion>,
    /// Under a legal hold: never disposed of.
    pub legal_hold: bool,
    /// In the trash, when put there.
    pub trashed: Option<Trashed>,
    /// Created and last changed.
    pub audit: Audit,
}

impl Document {
    /// The newest version.
    pub fn current(&self) -> Option<&DocumentVersion> {
        self.versions.last()
    }

    /// Where the newest version stands (a document without one reads as voided).
    pub fn status(&self) -> DocumentStatus {
        self.current().map_or(DocumentStatus::Voided, |v| v.status)
    }

    /// The files of all its versions.
    pub fn files(&self) -> impl Iterator<Item = &FileRef> {
        self.versions.iter().map(|v| &v.file)
    }

    /// As the completeness check reads it.
    pub fn filed(&self) -> Filed {
        Filed {
            kind: self.kind,
            status: self.status(),
            amount: self.amount,
        }
    }
}

/// How long a document must be kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Retention {
    /// An accounting record (会计档案): kept `years` from the first day after the
    /// accounting year it is dated in.
    Accounting {
        /// 10 or 30.
        years: u16,
    },
    /// Not an accounting record: the agency decides.
    Business,
}

impl Retention {
    /// The last day a document dated `dated` must be kept (`None`: no legal minimum).
    /// The accounting year is the calendar year: a document of 2024 is counted from
    /// 2025-01-01, so one kept 30 years stays to the end of 2054.
    pub fn kept_until(self, dated: NaiveDate) -> Option<NaiveDate> {
        match self {
            Retention::Accounting { years } => {
                NaiveDate::from_ymd_opt(dated.year().checked_add(i32::from(years))?, 12, 31)
            }
            Retention::Business => None,
        }
    }
}

/// Why a document may not be disposed of yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DisposalBlock {
    /// Under a legal hold.
    LegalHold,
    /// An accounting record still inside its retention period.
    Retained {
        /// The last day it must be kept.
        until: NaiveDate,
    },
}

impl DisposalBlock {
    /// What to tell the person.
    pub fn describe(self, zh: bool) -> String {
        match (self, zh) {
            (DisposalBlock::LegalHold, true) => "该文件处于法律保全，不能删除。".into(),
            (DisposalBlock::LegalHold, false) => {
                "The document is under a legal hold and cannot be deleted.".into()
            }
            (DisposalBlock::Retained { until }, true) => {
                format!("会计档案须保管至 {until}，期满前不能删除。")
            }
            (DisposalBlock::Retained { until }, false) => format!(
                "An accounting record kept until {until}: it cannot be deleted before then."
            ),
        }
    }
}

/// Whether a document of `kind` dated `dated` may be disposed of on `today`. An accounting
/// record within its period is kept; nothing under a legal hold goes. (Disposing of what
/// may go still needs an approval, recorded by the caller.)
pub fn may_dispose(
    kind: DocumentKind,
    dated: NaiveDate,
    legal_hold: bool,
    today: NaiveDate,
) -> Result<(), DisposalBlock> {
    if legal_hold {
        return Err(DisposalBlock::LegalHold);
    }
    match kind.retention().kept_until(dated) {
        Some(until) if today <= until => Err(DisposalBlock::Retained { until }),
        _ => Ok(()),
    }
}

/// A document of a job, as the completeness check reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Filed {
    /// Its kind.
    pub kind: DocumentKind,
    /// Where it stands.
    pub status: DocumentStatus,
    /// Its amount, for invoices and plans.
    pub amount: Option<Fen>,
}

/// What a job's file lacks, or holds that does not add up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Gap {
    /// A kind expected at the job's stage is missing.
    Missing(DocumentKind),
    /// An invoice is filed with no production estimate or media plan behind it.
    InvoiceWithoutEstimate(DocumentKind),
    /// The media invoices add up to more than the signed media plans.
    MediaAbovePlan {
        /// The media invoices' sum.
        invoiced: Fen,
        /// The signed plans' sum.
        planned: Fen,
    },
}

impl Gap {
    /// What to tell the person.
    pub fn describe(&self, zh: bool) -> String {
        let name = |k: DocumentKind| match zh {
            true => k.names().0,
            false => k.names().1,
        };
        match (self, zh) {
            (Gap::Missing(k), true) => format!("缺少{}", name(*k)),
            (Gap::Missing(k), false) => format!("No {} filed", name(*k).to_lowercase()),
            (Gap::InvoiceWithoutEstimate(k), true) => {
                format!("有{}，但没有对应的报价单或媒介计划", name(*k))
            }
            (Gap::InvoiceWithoutEstimate(k), false) => format!(
                "A {} is filed with no estimate or media plan behind it",
                name(*k).to_lowercase()
            ),
            (Gap::MediaAbovePlan { invoiced, planned }, true) => {
                format!("媒介发票合计 {invoiced} 超过已签核媒介计划 {planned}")
            }
            (Gap::MediaAbovePlan { invoiced, planned }, false) => {
                format!("Media invoices of {invoiced} exceed the signed media plans' {planned}")
            }
        }
    }
}

/// The kinds a job's file is expected to hold once it has reached `stage`: the request from
/// the start, the brief once briefed, a signed production estimate once in production, the
/// completion form once completed.
pub fn expected_kinds(stage: JobStatus) -> Vec<DocumentKind> {
    let reached = |s: JobStatus| {
        JobStatus::ALL.iter().position(|x| *x == stage)
            >= JobStatus::ALL.iter().position(|x| *x == s)
    };
    let mut out = vec![DocumentKind::JobRequest];
    if reached(JobStatus::Briefed) {
        out.push(DocumentKind::Brief);
    }
    if reached(JobStatus::InProduction) {
        out.push(DocumentKind::ProductionEstimate);
    }
    if reached(JobStatus::Completed) {
        out.push(DocumentKind::JobCompletion);
    }
    out
}

/// What the file of a job at `stage` lacks, given the documents filed (voided ones do not
/// count).
pub fn gaps(stage: JobStatus, filed: &[Filed]) -> Vec<Gap> {
    let live: Vec<&Filed> = filed
        .iter()
        .filter(|f| f.status != DocumentStatus::Voided)
        .collect();
    let has = |k: DocumentKind| live.iter().any(|f| f.kind == k);
    let mut out: Vec<Gap> = expected_kinds(stage)
        .into_iter()
        .filter(|k| !has(*k))
        .map(Gap::Missing)
        .collect();
    let backed = has(DocumentKind::ProductionEstimate) || has(DocumentKind::MediaPlan);
    for kind in [
        DocumentKind::ProductionInvoice,
        DocumentKind::MediaInvoice,
        DocumentKind::CommissionInvoice,
    ] {
        if has(kind) && !backed {
            out.push(Gap::InvoiceWithoutEstimate(kind));
        }
    }
    let sum = |k: DocumentKind, signed_only: bool| -> i64 {
        live.iter()
            .filter(|f| f.kind == k && (!signed_only || f.status == DocumentStatus::Signed))
            .filter_map(|f| f.amount)
            .map(|a| a.0)
            .sum()
    };
    let invoiced = sum(DocumentKind::MediaInvoice, false);
    let planned = sum(DocumentKind::MediaPlan, true);
    if has(DocumentKind::MediaPlan) && invoiced > planned {
        out.push(Gap::MediaAbovePlan {
            invoiced: Fen(invoiced),
            planned: Fen(planned),
        });
    }
    out
}

#[cfg(test)]
mod tests;
