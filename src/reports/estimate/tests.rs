use super::*;
use crate::domain::estimate::{MediaBilling, MediaTerms};
use crate::domain::ids::{ClientId, EstimateId, JobId, UserId};
use crate::domain::stamp::{Audit, Stamp};
use chrono::DateTime;

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).unwrap_or_default()
}

fn line(category: LineCategory, description: &str, qty: i64, price: i64) -> EstimateLine {
    EstimateLine {
        description: description.into(),
        specification: "规格".into(),
        unit: "项".into(),
        quantity: qty,
        unit_price: Fen(price),
        vendor: "VENDOR-SECRET".into(),
        vendor_quote: Some(Fen(424_242)),
        cost: Some(Fen(313_131)),
        note: "LINE-NOTE-SECRET".into(),
        ..EstimateLine::blank(category)
    }
}

fn records(
    lines: Vec<EstimateLine>,
    tax: TaxMode,
    basis: PriceBasis,
) -> (Estimate, EstimateVersion) {
    let audit = Audit::new(Stamp {
        by: UserId(1),
        at: DateTime::from_timestamp(1_790_000_000, 0).unwrap_or_default(),
    });
    let estimate = Estimate {
        id: EstimateId(7),
        job_id: JobId(3),
        client_id: ClientId(2),
        brand_id: None,
        kind: EstimateKind::Production,
        seq: 1,
        number: "2026-0042-E1".into(),
        versions: 2,
        events: Vec::new(),
        audit,
    };
    let version = EstimateVersion {
        estimate_id: EstimateId(7),
        job_id: JobId(3),
        client_id: ClientId(2),
        number: 2,
        title: "2027 春季 TVC 制作".into(),
        lines,
        tax,
        basis,
        special_fapiao: true,
        valid_until: day(12, 31),
        payment_terms: "签约后支付 50%，验收后 30 日内支付余款".into(),
        client_note: "含两轮修改".into(),
        internal_note: "INTERNAL-NOTE-SECRET".into(),
        author: UserId(1),
        audit,
    };
    (estimate, version)
}

fn report(
    (estimate, version): &(Estimate, EstimateVersion),
    approved: bool,
    lang: DocLang,
) -> EstimateReport {
    let letterhead = Letterhead::default();
    EstimateReport::build(&EstimateReportInputs {
        estimate,
        version,
        hash: VersionHash([0x9f; 32]),
        client_name: "上海悦达食品有限公司",
        job_number: "2026-0042",
        job_title: "春季新品上市",
        letterhead: &letterhead,
        approved,
        lang,
        today: day(11, 26),
    })
    .unwrap_or_else(|e| panic!("{e}"))
}

fn sample() -> Vec<EstimateLine> {
    vec![
        line(LineCategory::Production, "TVC 拍摄", 2_000, 8_000_000),
        line(LineCategory::Creative, "主视觉设计", 1_000, 3_000_000),
        line(LineCategory::Production, "后期剪辑", 1_500, 1_234_567),
        line(LineCategory::Travel, "外景差旅", 1_000, 1_200_000),
    ]
}

#[test]
fn nothing_internal_reaches_the_report() {
    let mut lines = sample();
    lines.push(EstimateLine {
        media: Some(MediaTerms {
            channel: "抖音开屏".into(),
            billing: MediaBilling::Gross {
                commission_bp: 1_500,
            },
            flight_start: day(3, 1),
            flight_end: day(3, 31),
        }),
        ..line(LineCategory::Media, "开屏广告", 10_000, 50_000)
    });
    let records = records(lines, TaxMode::Rate(600), PriceBasis::Net);
    for lang in [DocLang::Zh, DocLang::En, DocLang::Both] {
        let all = format!("{:?}", report(&records, true, lang));
        for secret in ["VENDOR-SECRET", "LINE-NOTE-SECRET", "INTERNAL-NOTE-SECRET"] {
            assert!(!all.contains(secret), "{secret} in {lang:?}");
        }
        // Neither the cost, the vendor's quote nor the commission (15 % of ¥5,000).
        for amount in [Fen(313_131), Fen(424_242), Fen(75_000)] {
            assert!(!all.contains(&format!("Fen({})", amount.0)), "{amount}");
        }
        assert!(all.contains("抖音开屏"), "the media line keeps its channel");
    }
}

#[test]
fn lines_group_by_category_with_subtotals_that_add_up() {
    let records = records(sample(), TaxMode::Rate(600), PriceBasis::Net);
    let r = report(&records, true, DocLang::Both);
    let headings: Vec<&str> = r.groups.iter().map(|g| g.heading.as_str()).collect();
    assert_eq!(
        headings,
        [
            "一、创意 Creative",
            "二、制作 Production",
            "三、差旅 Travel"
        ]
    );
    let numbers: Vec<usize> = r
        .groups
        .iter()
        .flat_map(|g| g.rows.iter().map(|row| row.number))
        .collect();
    assert_eq!(numbers, [1, 2, 3, 4]);
    assert_eq!(r.groups[1].rows[1].description, "后期剪辑");
    assert_eq!(r.groups[1].rows[1].quantity, "1.5");
    // 1.5 × ¥12,345.67 = ¥18,518.505 → ¥18,518.51.
    assert_eq!(r.groups[1].rows[1].amount, Fen(1_851_851));
    let mut sum = 0;
    for g in &r.groups {
        let lines: i64 = g.rows.iter().map(|row| row.amount.0).sum();
        let (label, subtotal) = g.subtotal.clone().unwrap_or_default();
        assert_eq!(subtotal, Fen(lines), "{label}");
        sum += lines;
    }
    assert_eq!(
        r.groups[1].subtotal.as_ref().map(|s| s.0.as_str()),
        Some("制作小计 Production subtotal")
    );
    let amounts: Vec<Fen> = r.totals.iter().map(|t| t.amount).collect();
    let tax = Fen((sum * 6 + 50) / 100);
    assert_eq!(amounts, [Fen(sum), tax, Fen(sum + tax.0)]);
    assert!(r.totals[2].strong);
    assert_eq!(r.totals[1].label.main, "税额 6%");
    assert_eq!(r.in_words, Fen(sum + tax.0).in_capitals());
    assert!(r.has_specification);
}

#[test]
fn one_category_has_no_subtotal() {
    let lines = vec![
        line(LineCategory::Production, "拍摄", 1_000, 100_000),
        line(LineCategory::Production, "剪辑", 1_000, 50_000),
    ];
    let r = report(
        &records(lines, TaxMode::Exempt, PriceBasis::Net),
        true,
        DocLang::Zh,
    );
    assert_eq!(r.groups.len(), 1);
    assert_eq!(r.groups[0].subtotal, None);
    let labels: Vec<String> = r.totals.iter().map(|t| t.label.to_string()).collect();
    assert_eq!(labels, ["不含税金额", "税额（免税）", "价税合计"]);
    assert_eq!(r.totals[1].amount, Fen(0));
    assert!(r.basis_note.contains("免征增值税"), "{}", r.basis_note);
}

#[test]
fn prices_with_tax_print_the_total_first_and_the_tax_inside_it() {
    let lines = vec![line(LineCategory::Production, "拍摄", 1_000, 106_000)];
    let r = report(
        &records(lines, TaxMode::Rate(600), PriceBasis::Gross),
        true,
        DocLang::Zh,
    );
    let printed: Vec<(String, Fen, bool)> = r
        .totals
        .iter()
        .map(|t| (t.label.to_string(), t.amount, t.strong))
        .collect();
    assert_eq!(
        printed,
        [
            ("价税合计".to_string(), Fen(106_000), true),
            ("其中：不含税金额".to_string(), Fen(100_000), false),
            ("其中：税额 6%".to_string(), Fen(6_000), false),
        ]
    );
    assert!(r.basis_note.starts_with("以上单价及金额均含增值税"));
    let prices = r.facts.iter().find(|f| f.label.main == "报价方式");
    assert_eq!(prices.map(|f| f.value.as_str()), Some("含税价"));
}

#[test]
fn a_media_line_on_net_prints_its_sell_price_never_the_net() {
    let media = |billing, qty, price| EstimateLine {
        media: Some(MediaTerms {
            channel: "分众电梯".into(),
            billing,
            flight_start: day(3, 1),
            flight_end: day(3, 14),
        }),
        ..line(LineCategory::Media, "电梯海报", qty, price)
    };
    let lines = vec![
        // ¥1,000.00 net + 10 % = ¥1,100.00 a week: the sell price divides out.
        media(MediaBilling::Markup { markup_bp: 1_000 }, 2_000, 100_000),
        // 11 × ¥333.33 = ¥3,666.63, + 15 % (¥549.99) = ¥4,216.62: no whole fen per unit.
        media(MediaBilling::NetPlusFee { fee_bp: 1_500 }, 11_000, 33_333),
    ];
    let r = report(
        &records(lines, TaxMode::Rate(600), PriceBasis::Net),
        true,
        DocLang::Zh,
    );
    let rows = &r.groups[0].rows;
    assert_eq!(rows[0].unit_price, Some(Fen(110_000)));
    assert_eq!(rows[0].amount, Fen(220_000));
    assert_eq!(rows[1].unit_price, None);
    assert_eq!(rows[1].amount, Fen(421_662));
    assert_eq!(
        rows[0].specification,
        "分众电梯 · 2026年3月1日 至 2026年3月14日 · 规格"
    );
}

#[test]
fn a_draft_says_so_and_an_approved_version_names_its_hash() {
    let records = records(sample(), TaxMode::Rate(600), PriceBasis::Net);
    let approved = report(&records, true, DocLang::Zh);
    assert_eq!(approved.draft, None);
    assert_eq!(approved.version, "B");
    assert_eq!(approved.short_hash, "9f9f9f9f");
    assert_eq!(
        approved.acceptance.note,
        "本报价单以版本校验码为准；签署即确认此版本 (B · 9f9f9f9f)。"
    );
    assert_eq!(approved.acceptance.check_line, "2026-0042-E1 B · 9f9f9f9f");
    assert_eq!(
        approved.acceptance.check_payload,
        format!("AD-ESTIMATE 2026-0042-E1 B {}", "9F".repeat(32))
    );
    let draft = report(&records, false, DocLang::Both);
    assert_eq!(draft.draft.as_deref(), Some("草稿 DRAFT"));
    assert!(draft.acceptance.note.contains("请勿签署"));
    let facts: Vec<String> = draft
        .facts
        .iter()
        .map(|f| format!("{}={}", f.label, f.value))
        .collect();
    assert_eq!(facts[0], "客户 Client=上海悦达食品有限公司");
    assert_eq!(facts[1], "工作号 Job=2026-0042 春季新品上市");
    assert!(facts.contains(&"有效期至 Valid until=2026-12-31".to_string()));
    assert!(facts.contains(&"发票 Invoice=增值税专用发票 Special VAT fapiao".to_string()));
    assert_eq!(
        facts.last().map(String::as_str),
        Some("付款方式 Payment=签约后支付 50%，验收后 30 日内支付余款")
    );
}
