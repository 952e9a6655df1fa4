//! The documents of the job file and the archive on disk.

use super::meetings::reply::FileRefV1;
use super::*;
use crate::domain::document::{
    Document, DocumentKind, DocumentStatus, DocumentVersion, TextState, Trashed,
};

codes!(doc_kind_out, doc_kind_in, DocumentKind, Kind::Document, {
    DocumentKind::Receivables => 1,
    DocumentKind::BudgetNote => 2,
    DocumentKind::RevenueEstimate => 3,
    DocumentKind::JobRequest => 4,
    DocumentKind::ProductionEstimate => 5,
    DocumentKind::ProductionInvoice => 6,
    DocumentKind::JobCompletion => 7,
    DocumentKind::MediaPlan => 8,
    DocumentKind::MediaInvoice => 9,
    DocumentKind::CommissionInvoice => 10,
    DocumentKind::Contacts => 11,
    DocumentKind::Contract => 12,
    DocumentKind::Brief => 13,
    DocumentKind::Minutes => 14,
    DocumentKind::Schedule => 15,
    DocumentKind::Creative => 16,
    DocumentKind::Reference => 17,
    DocumentKind::Other => 18,
});
codes!(doc_status_out, doc_status_in, DocumentStatus, Kind::Document, {
    DocumentStatus::Draft => 1,
    DocumentStatus::Final => 2,
    DocumentStatus::Signed => 3,
    DocumentStatus::Voided => 4,
});

/// How far a version's words are read, layout 1: a code, a count and a reason.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TextStateV1 {
    code: u8,
    chars: u32,
    detail: String,
}

impl TextStateV1 {
    fn from_domain(t: &TextState) -> Self {
        let (code, chars, detail) = match t {
            TextState::Pending => (1, 0, String::new()),
            TextState::Indexed { chars } => (2, *chars, String::new()),
            TextState::Scanned => (3, 0, String::new()),
            TextState::NotRead => (4, 0, String::new()),
            TextState::Failed(why) => (5, 0, why.clone()),
        };
        TextStateV1 {
            code,
            chars,
            detail,
        }
    }

    fn into_domain(self) -> Result<TextState, CodecError> {
        Ok(match self.code {
            1 => TextState::Pending,
            2 => TextState::Indexed { chars: self.chars },
            3 => TextState::Scanned,
            4 => TextState::NotRead,
            5 => TextState::Failed(self.detail),
            other => {
                return Err(bad(Kind::Document, format!("unknown text state {other}")));
            }
        })
    }
}

/// One version of a document, layout 1.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DocumentVersionV1 {
    file: FileRefV1,
    status: u8,
    note: String,
    added: StampV1,
    text: TextStateV1,
}

/// A document in the trash, layout 1.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TrashedV1 {
    stamp: StampV1,
    reason: String,
}

/// A document, layout 1.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DocumentV1 {
    id: u64,
    client_id: u64,
    brand_id: Option<u64>,
    job_id: Option<u64>,
    meeting_id: Option<u64>,
    kind: u8,
    title: String,
    dated: Option<i32>,
    number: String,
    counterparty: String,
    amount_fen: Option<i64>,
    tags: Vec<String>,
    topic: String,
    versions: Vec<DocumentVersionV1>,
    legal_hold: bool,
    trashed: Option<TrashedV1>,
    audit: AuditV1,
}

impl DocumentV1 {
    fn from_domain(d: &Document) -> Self {
        DocumentV1 {
            id: d.id.0,
            client_id: d.client_id.0,
            brand_id: d.brand_id.map(|b| b.0),
            job_id: d.job_id.map(|j| j.0),
            meeting_id: d.meeting_id.map(|m| m.0),
            kind: doc_kind_out(d.kind),
            title: d.title.clone(),
            dated: d.dated.map(date_out),
            number: d.number.clone(),
            counterparty: d.counterparty.clone(),
            amount_fen: d.amount.map(|a| a.0),
            tags: d.tags.clone(),
            topic: d.topic.clone(),
            versions: d
                .versions
                .iter()
                .map(|v| DocumentVersionV1 {
                    file: FileRefV1::from_domain(&v.file),
                    status: doc_status_out(v.status),
                    note: v.note.clone(),
                    added: StampV1::from_domain(&v.added),
                    text: TextStateV1::from_domain(&v.text),
                })
                .collect(),
            legal_hold: d.legal_hold,
            trashed: d.trashed.as_ref().map(|t| TrashedV1 {
                stamp: StampV1::from_domain(&t.stamp),
                reason: t.reason.clone(),
            }),
            audit: AuditV1::from_domain(&d.audit),
        }
    }

    fn into_domain(self) -> Result<Document, CodecError> {
        const K: Kind = Kind::Document;
        let mut versions = Vec::with_capacity(self.versions.len());
        for v in self.versions {
            versions.push(DocumentVersion {
                file: v.file.into_domain(),
                status: doc_status_in(v.status)?,
                note: v.note,
                added: v.added.into_domain(K)?,
                text: v.text.into_domain()?,
            });
        }
        if versions.is_empty() {
            return Err(bad(K, "a document without a version"));
        }
        let trashed = match self.trashed {
            Some(t) => Some(Trashed {
                stamp: t.stamp.into_domain(K)?,
                reason: t.reason,
            }),
            None => None,
        };
        Ok(Document {
            id: domain::DocumentId(self.id),
            client_id: domain::ClientId(self.client_id),
            brand_id: self.brand_id.map(domain::BrandId),
            job_id: self.job_id.map(domain::JobId),
            meeting_id: self.meeting_id.map(domain::MeetingId),
            kind: doc_kind_in(self.kind)?,
            title: self.title,
            dated: opt_date_in(K, self.dated)?,
            number: self.number,
            counterparty: self.counterparty,
            amount: self.amount_fen.map(domain::Fen),
            tags: self.tags,
            topic: self.topic,
            versions,
            legal_hold: self.legal_hold,
            trashed,
            audit: self.audit.into_domain(K)?,
        })
    }
}
record_v1!(Document, DocumentV1, Kind::Document);
