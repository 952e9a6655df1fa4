//! Proposals from the names agencies give their files.

use super::*;

fn on_job() -> DropPlace {
    DropPlace::Job(JobStatus::InProduction)
}

fn ymd(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

#[test]
fn the_words_of_a_name_decide_its_kind_the_more_specific_first() {
    let cases = [
        ("宝马2024Q3户外媒介发票.pdf", DocumentKind::MediaInvoice),
        ("佣金发票 2024-11.pdf", DocumentKind::CommissionInvoice),
        ("制作费发票_首期款.pdf", DocumentKind::ProductionInvoice),
        (
            "Invoice 0815 production.PDF",
            DocumentKind::ProductionInvoice,
        ),
        ("2025 收入预估.xlsx", DocumentKind::RevenueEstimate),
        (
            "2023-0815 制作费预估 B 签字版.pdf",
            DocumentKind::ProductionEstimate,
        ),
        ("quotation_v3.docx", DocumentKind::ProductionEstimate),
        ("工作完成表.docx", DocumentKind::JobCompletion),
        ("双十一媒介排期（已签核）.xlsx", DocumentKind::MediaPlan),
        ("Q4 Media Plan signed.pdf", DocumentKind::MediaPlan),
        ("应收对账单 2024年12月.xlsx", DocumentKind::Receivables),
        ("年度预算摘记.docx", DocumentKind::BudgetNote),
        ("工作申请表-春节.docx", DocumentKind::JobRequest),
        ("Contract renewal request.pdf", DocumentKind::Contract),
        ("2025年度框架合同.pdf", DocumentKind::Contract),
        ("客户通讯录.xlsx", DocumentKind::Contacts),
        ("brief_v2.docx", DocumentKind::Brief),
        ("启动会纪要.docx", DocumentKind::Minutes),
        ("项目进度表.xlsx", DocumentKind::Schedule),
        ("TVC 分镜脚本.pdf", DocumentKind::Creative),
        ("竞品投放参考.pptx", DocumentKind::Reference),
    ];
    for (name, kind) in cases {
        assert_eq!(propose(name, on_job()).kind, kind, "{name}");
    }
}

#[test]
fn a_name_without_telling_words_goes_by_its_extension_then_the_place() {
    assert_eq!(
        propose("春节TVC_终剪_20190125.mov", on_job()).kind,
        DocumentKind::Creative
    );
    assert_eq!(
        propose("IMG_2043.HEIC", on_job()).kind,
        DocumentKind::Creative
    );
    assert_eq!(
        propose("扫描件 001.pdf", on_job()).kind,
        DocumentKind::Other
    );
    assert_eq!(
        propose("扫描件 001.pdf", DropPlace::Meeting).kind,
        DocumentKind::Minutes
    );
    assert_eq!(
        propose("扫描件 001.pdf", DropPlace::Reference).kind,
        DocumentKind::Reference
    );
    // A Latin word counts whole: `kvm` is not a key visual, `kv` is.
    assert_eq!(propose("kvm-notes.txt", on_job()).kind, DocumentKind::Other);
    assert_eq!(
        propose("618 KV 终稿.pdf", on_job()).kind,
        DocumentKind::Creative
    );
}

#[test]
fn dates_numbers_and_job_numbers_are_read_from_the_name() {
    let p = propose(
        "宝马户外媒介发票 24112000000012345678 2024-11-20.pdf",
        on_job(),
    );
    assert_eq!(p.number.as_deref(), Some("24112000000012345678"));
    assert_eq!(p.dated, ymd(2024, 11, 20));
    assert_eq!(p.title, "宝马户外媒介发票 24112000000012345678 2024-11-20");
    let p = propose("2023-0815 制作费预估 B 签字版.pdf", on_job());
    assert_eq!(p.job_number.as_deref(), Some("2023-0815"));
    assert_eq!(p.dated, None, "a job number is no date");
    assert_eq!(
        propose("纪要2024年3月5日.docx", on_job()).dated,
        ymd(2024, 3, 5)
    );
    assert_eq!(
        propose("cut_20190125_v2.mov", on_job()).dated,
        ymd(2019, 1, 25)
    );
    assert_eq!(
        propose("plan 2024.10.15.xlsx", on_job()).dated,
        ymd(2024, 10, 15)
    );
    // Not dates: a month that is none, separators that differ, a year out of range.
    assert_eq!(propose("20241345.pdf", on_job()).dated, None);
    assert_eq!(propose("2024-10.15.pdf", on_job()).dated, None);
    assert_eq!(propose("18000101.pdf", on_job()).dated, None);
    // Nothing to read, and odd names, are no trouble.
    let p = propose("", on_job());
    assert_eq!((p.kind, p.title.as_str()), (DocumentKind::Other, ""));
    assert_eq!(propose(".bashrc", on_job()).title, ".bashrc");
    assert_eq!(
        propose("𠮷野家 发票.pdf", on_job()).kind,
        DocumentKind::ProductionInvoice
    );
}

#[test]
fn a_long_or_odd_name_still_gives_a_title_a_form_accepts() {
    let long = format!("长名{}.pdf", "a".repeat(244));
    let p = propose(&long, DropPlace::Reference);
    assert_eq!(p.title.chars().count(), crate::domain::text::MAX_LINE_CHARS);
    assert!(p.title.starts_with("长名aaa"));
    let p = propose("报价\n单.xlsx", DropPlace::Reference);
    assert_eq!(p.title, "报价单");
}

#[test]
fn a_signed_copy_is_told_by_its_name() {
    assert!(propose("户外媒介计划 签字版.pdf", DropPlace::Client).signed);
    assert!(propose("Contract_signed.pdf", DropPlace::Client).signed);
    assert!(propose("报价单（盖章）.pdf", DropPlace::Client).signed);
    assert!(!propose("报价单 v2.xlsx", DropPlace::Client).signed);
}
