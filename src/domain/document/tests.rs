//! Kinds, retention and the completeness of a job's file.

use super::*;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a day")
}

fn filed(kind: DocumentKind, status: DocumentStatus, yuan: Option<i64>) -> Filed {
    Filed {
        kind,
        status,
        amount: yuan.map(|y| Fen(y * 100)),
    }
}

#[test]
fn every_kind_has_its_names_and_the_job_file_comes_first() {
    assert_eq!(DocumentKind::ALL.len(), 18);
    assert_eq!(DocumentKind::ALL[0].names().0, "应收帐款单据");
    assert_eq!(DocumentKind::ALL[11], DocumentKind::Contract);
    let mut zh: Vec<&str> = DocumentKind::ALL.iter().map(|k| k.names().0).collect();
    zh.sort_unstable();
    zh.dedup();
    assert_eq!(zh.len(), 18, "no two kinds share a name");
    assert!(DocumentKind::MediaInvoice.is_invoice());
    assert!(!DocumentKind::MediaPlan.is_invoice());
}

#[test]
fn accounting_records_are_kept_from_the_end_of_their_year() {
    // An invoice is a voucher: 30 years from the first day after its accounting year.
    let invoice = DocumentKind::MediaInvoice.retention();
    assert_eq!(invoice, Retention::Accounting { years: 30 });
    assert_eq!(
        invoice.kept_until(day(2024, 3, 15)),
        Some(day(2054, 12, 31))
    );
    assert_eq!(
        invoice.kept_until(day(2024, 12, 31)),
        Some(day(2054, 12, 31))
    );
    // Other accounting material: 10 years.
    let note = DocumentKind::BudgetNote.retention();
    assert_eq!(note.kept_until(day(2020, 1, 1)), Some(day(2030, 12, 31)));
    // A brief is the agency's to keep or not.
    assert_eq!(DocumentKind::Brief.retention(), Retention::Business);
    assert_eq!(Retention::Business.kept_until(day(2020, 1, 1)), None);
}

#[test]
fn disposal_waits_for_the_period_and_never_passes_a_legal_hold() {
    let dated = day(2014, 6, 1);
    // Within the period: refused, naming the last day.
    let block = may_dispose(DocumentKind::BudgetNote, dated, false, day(2024, 12, 31));
    assert_eq!(
        block,
        Err(DisposalBlock::Retained {
            until: day(2024, 12, 31)
        })
    );
    assert!(block.unwrap_err().describe(true).contains("2024-12-31"));
    // The day after: allowed.
    assert_eq!(
        may_dispose(DocumentKind::BudgetNote, dated, false, day(2025, 1, 1)),
        Ok(())
    );
    // A hold stops even what may go, and what has no legal minimum.
    assert_eq!(
        may_dispose(DocumentKind::BudgetNote, dated, true, day(2040, 1, 1)),
        Err(DisposalBlock::LegalHold)
    );
    assert_eq!(
        may_dispose(DocumentKind::Creative, dated, false, day(2014, 6, 2)),
        Ok(())
    );
    assert!(
        DisposalBlock::LegalHold
            .describe(false)
            .contains("legal hold")
    );
}

#[test]
fn a_jobs_file_is_expected_to_grow_with_its_stage() {
    use JobStatus::*;
    assert_eq!(expected_kinds(Requested), [DocumentKind::JobRequest]);
    assert_eq!(
        expected_kinds(Estimating),
        [DocumentKind::JobRequest, DocumentKind::Brief]
    );
    assert_eq!(
        expected_kinds(Archived),
        [
            DocumentKind::JobRequest,
            DocumentKind::Brief,
            DocumentKind::ProductionEstimate,
            DocumentKind::JobCompletion
        ]
    );
}

#[test]
fn the_gaps_name_what_is_missing_and_what_does_not_add_up() {
    use DocumentKind::*;
    use DocumentStatus::*;
    // A completed job with its request, brief and estimate, but no completion form; the
    // voided brief does not count, the final one does.
    let files = [
        filed(JobRequest, Final, None),
        filed(Brief, Voided, None),
        filed(Brief, Final, None),
        filed(ProductionEstimate, Signed, Some(100_000)),
    ];
    assert_eq!(
        gaps(JobStatus::Completed, &files),
        [Gap::Missing(JobCompletion)]
    );
    // An invoice with nothing behind it.
    let files = [
        filed(JobRequest, Final, None),
        filed(ProductionInvoice, Final, Some(50_000)),
    ];
    assert_eq!(
        gaps(JobStatus::Requested, &files),
        [Gap::InvoiceWithoutEstimate(ProductionInvoice)]
    );
    // Media invoiced past the signed plans (a draft plan does not count as signed).
    let files = [
        filed(JobRequest, Final, None),
        filed(MediaPlan, Signed, Some(300_000)),
        filed(MediaPlan, Draft, Some(500_000)),
        filed(MediaInvoice, Final, Some(200_000)),
        filed(MediaInvoice, Final, Some(150_000)),
        filed(MediaInvoice, Voided, Some(900_000)),
    ];
    let found = gaps(JobStatus::Requested, &files);
    assert_eq!(
        found,
        [Gap::MediaAbovePlan {
            invoiced: Fen(35_000_000),
            planned: Fen(30_000_000)
        }]
    );
    assert!(found[0].describe(true).contains("超过"));
    assert!(
        Gap::Missing(JobCompletion)
            .describe(false)
            .contains("job completion form")
    );
    // Everything in order: no gaps.
    let files = [
        filed(JobRequest, Final, None),
        filed(MediaPlan, Signed, Some(300_000)),
        filed(MediaInvoice, Final, Some(300_000)),
    ];
    assert!(gaps(JobStatus::Requested, &files).is_empty());
}

#[test]
fn a_document_stands_where_its_newest_version_does() {
    use crate::domain::file_ref::{FileHash, FileRef};
    use chrono::TimeZone;
    let at = chrono::Utc
        .with_ymd_and_hms(2026, 12, 6, 2, 0, 0)
        .single()
        .expect("a moment");
    let stamp = Stamp {
        by: crate::domain::UserId(3),
        at,
    };
    let version = |status, bytes: &[u8]| DocumentVersion {
        file: FileRef {
            hash: FileHash::of_bytes(bytes),
            size: bytes.len() as u64,
            original_name: "媒介排期.xlsx".into(),
            media_type: None,
        },
        status,
        note: String::new(),
        added: stamp,
        text: TextState::Pending,
    };
    let mut doc = Document {
        id: DocumentId(1),
        client_id: ClientId(2),
        brand_id: None,
        job_id: Some(JobId(3)),
        meeting_id: None,
        kind: DocumentKind::MediaPlan,
        title: "双十一媒介排期".into(),
        dated: Some(day(2026, 10, 20)),
        number: String::new(),
        counterparty: String::new(),
        amount: Some(Fen(30_000_000)),
        tags: vec!["双十一".into()],
        topic: String::new(),
        versions: vec![version(DocumentStatus::Draft, b"v1")],
        legal_hold: false,
        trashed: None,
        audit: Audit::new(stamp),
    };
    assert_eq!(doc.status(), DocumentStatus::Draft);
    doc.versions.push(version(DocumentStatus::Signed, b"v2"));
    assert_eq!(doc.status(), DocumentStatus::Signed);
    assert_eq!(doc.files().count(), 2);
    assert_eq!(
        doc.filed(),
        filed(
            DocumentKind::MediaPlan,
            DocumentStatus::Signed,
            Some(300_000)
        )
    );
    doc.versions.clear();
    assert_eq!(
        doc.status(),
        DocumentStatus::Voided,
        "no version: nothing to use"
    );
}

#[test]
fn every_kind_reads_back_from_its_code_and_its_names() {
    for k in DocumentKind::ALL {
        assert_eq!(DocumentKind::parse(k.code()), Some(k));
        assert_eq!(DocumentKind::parse(k.names().0), Some(k));
        assert_eq!(DocumentKind::parse(&k.names().1.to_uppercase()), Some(k));
        assert!(k.code().is_ascii() && !k.code().contains(' '));
    }
    assert_eq!(
        DocumentKind::parse("媒介费用发票"),
        Some(DocumentKind::MediaInvoice)
    );
    assert_eq!(DocumentKind::parse("invoice"), None);
}
