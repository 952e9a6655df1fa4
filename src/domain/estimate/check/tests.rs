use super::*;
use crate::domain::estimate::{
    EstimateEvent, EstimateLine, EstimateStep, MediaBilling, MediaTerms, PriceBasis, VersionHash,
};
use crate::domain::ids::{ClientId, EstimateId, JobId, UserId};
use crate::domain::stamp::{Audit, Stamp};
use chrono::DateTime;

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).unwrap_or_default()
}

fn audit() -> Audit {
    Audit::new(Stamp {
        by: UserId(1),
        at: DateTime::from_timestamp(1_790_000_000, 0).unwrap_or_default(),
    })
}

fn version(lines: Vec<EstimateLine>) -> EstimateVersion {
    EstimateVersion {
        estimate_id: EstimateId(1),
        job_id: JobId(1),
        client_id: ClientId(1),
        number: 1,
        title: "TVC".into(),
        lines,
        tax: TaxMode::Rate(600),
        basis: PriceBasis::Net,
        special_fapiao: false,
        valid_until: day(12, 31),
        payment_terms: String::new(),
        client_note: String::new(),
        internal_note: String::new(),
        author: UserId(1),
        audit: audit(),
    }
}

fn good(category: LineCategory) -> EstimateLine {
    EstimateLine {
        description: "拍摄".into(),
        unit_price: Fen(120_000),
        vendor: "光影制作".into(),
        vendor_quote: Some(Fen(100_000)),
        cost: Some(Fen(100_000)),
        ..EstimateLine::blank(category)
    }
}

#[test]
fn a_good_version_has_no_problems() {
    let v = version(vec![
        good(LineCategory::Production),
        good(LineCategory::Creative),
    ]);
    assert_eq!(check(&v, &MoneySettings::default(), day(11, 20)), vec![]);
}

#[test]
fn every_problem_is_listed_at_once() {
    let mut zero = good(LineCategory::Production);
    zero.quantity = 0;
    zero.unit_price = Fen(0);
    zero.description = " ".into();
    let mut thin = good(LineCategory::Venue);
    thin.vendor_quote = None;
    thin.cost = Some(Fen(110_000));
    let media = EstimateLine {
        description: "开屏".into(),
        unit_price: Fen(100),
        ..EstimateLine::blank(LineCategory::Media)
    };
    let mut v = version(vec![zero, thin, media]);
    v.special_fapiao = true;
    v.tax = TaxMode::Rate(100);
    v.valid_until = day(11, 1);
    let found = check(&v, &MoneySettings::default(), day(11, 20));
    assert_eq!(
        found,
        vec![
            EstimateProblem::NoDescription(1),
            EstimateProblem::ZeroQuantity(1),
            EstimateProblem::ZeroPrice(1),
            EstimateProblem::NoVendorQuote(2),
            EstimateProblem::MarkupUnderFloor {
                line: 2,
                markup_bp: 909,
                floor_bp: 1500
            },
            EstimateProblem::MediaTerms(3),
            EstimateProblem::SpecialFapiaoSmallScale,
            EstimateProblem::ValidityPassed(day(11, 1)),
        ]
    );
    assert_eq!(
        found[4].describe(true),
        "第 2 行加价率 9.09%，低于公司下限 15%"
    );
    assert_eq!(
        check(&version(vec![]), &MoneySettings::default(), day(11, 20)),
        vec![EstimateProblem::NoLines]
    );
}

#[test]
fn media_lines_need_their_terms() {
    let mut m = good(LineCategory::Media);
    m.cost = None;
    m.media = Some(MediaTerms {
        channel: "抖音".into(),
        billing: MediaBilling::Gross {
            commission_bp: 1500,
        },
        flight_start: day(12, 10),
        flight_end: day(12, 1),
    });
    assert_eq!(
        check(
            &version(vec![m.clone()]),
            &MoneySettings::default(),
            day(11, 20)
        ),
        vec![EstimateProblem::MediaTerms(1)]
    );
    if let Some(t) = m.media.as_mut() {
        t.flight_end = day(12, 31);
    }
    assert_eq!(
        check(&version(vec![m]), &MoneySettings::default(), day(11, 20)),
        vec![]
    );
}

#[test]
fn tax_rates_apply_by_date() {
    let s = MoneySettings::default();
    let d = day(11, 20);
    assert_eq!(s.tax_mode("6", d), Ok(TaxMode::Rate(600)));
    assert_eq!(s.tax_mode("1%", d), Ok(TaxMode::Rate(100)));
    assert_eq!(s.tax_mode("exempt", d), Ok(TaxMode::Exempt));
    let after = NaiveDate::from_ymd_opt(2028, 1, 1).unwrap_or_default();
    let e = s.tax_mode("1", after).err().unwrap_or_default();
    assert!(e.contains("6, 3, exempt"), "{e}");
    assert!(s.tax_mode("9", d).is_err());
    let mut v = version(vec![good(LineCategory::Creative)]);
    v.tax = TaxMode::Rate(100);
    v.valid_until = NaiveDate::from_ymd_opt(2028, 2, 1).unwrap_or_default();
    assert_eq!(
        check(&v, &s, after),
        vec![EstimateProblem::RateNotInForce(100)]
    );
}

fn estimate(kind: EstimateKind, number: &str, signed: bool) -> Estimate {
    let events = if signed {
        vec![EstimateEvent {
            version: 1,
            step: EstimateStep::Signed,
            by: UserId(1),
            at: audit().created.at,
            hash: VersionHash([1; 32]),
            note: String::new(),
            signature: None,
        }]
    } else {
        vec![]
    };
    Estimate {
        id: EstimateId(1),
        job_id: JobId(1),
        client_id: ClientId(1),
        brand_id: None,
        kind,
        seq: 1,
        number: number.into(),
        versions: 1,
        events,
        audit: audit(),
    }
}

#[test]
fn production_needs_a_signed_production_estimate_and_nothing_waiting() {
    let e1 = estimate(EstimateKind::Production, "E1", true);
    let m1 = estimate(EstimateKind::Media, "M1", true);
    let c1 = estimate(EstimateKind::ChangeOrder, "C1", false);
    assert_eq!(production_gate(&[]), vec![GateProblem::NoSignedProduction]);
    assert_eq!(
        production_gate(&[(&m1, EstimateStatus::Signed)]),
        vec![GateProblem::NoSignedProduction]
    );
    assert_eq!(production_gate(&[(&e1, EstimateStatus::Signed)]), vec![]);
    assert_eq!(
        production_gate(&[(&e1, EstimateStatus::Signed), (&c1, EstimateStatus::Sent)]),
        vec![GateProblem::AwaitingSignature("C1".into())]
    );
    assert_eq!(
        production_gate(&[(&e1, EstimateStatus::SignedMismatch)]),
        vec![
            GateProblem::NoSignedProduction,
            GateProblem::Mismatch("E1".into())
        ]
    );
    // A media plan waiting for signature does not hold production.
    assert_eq!(
        production_gate(&[(&e1, EstimateStatus::Signed), (&m1, EstimateStatus::Sent)]),
        vec![]
    );
}
