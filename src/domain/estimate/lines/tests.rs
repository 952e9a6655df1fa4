use super::*;

fn line(qty: i64, price: i64) -> EstimateLine {
    EstimateLine {
        quantity: qty,
        unit_price: Fen(price),
        ..EstimateLine::blank(LineCategory::Production)
    }
}

fn media(price: i64, billing: MediaBilling) -> EstimateLine {
    let d = NaiveDate::from_ymd_opt(2027, 3, 1).unwrap_or_default();
    EstimateLine {
        media: Some(MediaTerms {
            channel: "抖音".into(),
            billing,
            flight_start: d,
            flight_end: d,
        }),
        ..line(1000, price)
    }
}

#[test]
fn a_line_rounds_half_up_to_the_fen_once() {
    // 1.5 × ¥0.33 = ¥0.495 → ¥0.50
    assert_eq!(line(1500, 33).amount(), Ok(Fen(50)));
    // 0.333 × ¥1.00 = ¥0.333 → ¥0.33
    assert_eq!(line(333, 100).amount(), Ok(Fen(33)));
    assert_eq!(line(2000, 140_950).amount(), Ok(Fen(281_900)));
    assert_eq!(line(20_000, i64::MAX / 10).amount(), Err(TooLarge));
}

#[test]
fn totals_are_sums_of_rounded_lines_then_one_tax() {
    // Three lines of ¥0.495 each: ¥0.50 × 3 = ¥1.50 (not ¥1.485 → ¥1.49).
    let lines = vec![line(1500, 33); 3];
    let t = totals(&lines, TaxMode::Exempt, PriceBasis::Net).unwrap_or_default();
    assert_eq!(
        t,
        Totals {
            net: Fen(150),
            tax: Fen(0),
            gross: Fen(150)
        }
    );
    // ¥1,329.72 net at 6 % = ¥79.7832 → ¥79.78.
    let t = totals(&[line(1000, 132_972)], TaxMode::Rate(600), PriceBasis::Net).unwrap_or_default();
    assert_eq!(
        t,
        Totals {
            net: Fen(132_972),
            tax: Fen(7_978),
            gross: Fen(140_950)
        }
    );
}

#[test]
fn prices_with_tax_take_the_tax_out_of_the_total() {
    // ¥1,409.50 with 6 %: tax = 1409.50 × 6 / 106 = 79.783 → ¥79.78, net ¥1,329.72.
    let t = totals(
        &[line(1000, 140_950)],
        TaxMode::Rate(600),
        PriceBasis::Gross,
    )
    .unwrap_or_default();
    assert_eq!(
        t,
        Totals {
            net: Fen(132_972),
            tax: Fen(7_978),
            gross: Fen(140_950)
        }
    );
    // 1 % small-scale: ¥10,100.00 → tax ¥100.00.
    let t = totals(
        &[line(1000, 1_010_000)],
        TaxMode::Rate(100),
        PriceBasis::Gross,
    )
    .unwrap_or_default();
    assert_eq!(t.tax, Fen(10_000));
    assert_eq!(t.net.0 + t.tax.0, t.gross.0);
    let t =
        totals(&[line(1000, 1_010_000)], TaxMode::Exempt, PriceBasis::Gross).unwrap_or_default();
    assert_eq!((t.net, t.tax), (Fen(1_010_000), Fen(0)));
}

#[test]
fn media_billing_modes_compute_the_commission() {
    // Gross ¥100,000 at 15 % commission: the client pays ¥100,000, the media ¥85,000.
    let g = media(
        10_000_000,
        MediaBilling::Gross {
            commission_bp: 1500,
        },
    );
    assert_eq!(g.amount(), Ok(Fen(10_000_000)));
    assert_eq!(g.commission(), Ok(Some(Fen(1_500_000))));
    assert_eq!(g.media_cost(), Ok(Some(Fen(8_500_000))));
    // Net ¥85,000 marked up 17.65 %: ¥100,002.50 — 15 % of gross, to the rounding of the rate.
    let m = media(8_500_000, MediaBilling::Markup { markup_bp: 1765 });
    assert_eq!(m.amount(), Ok(Fen(10_000_250)));
    assert_eq!(m.commission(), Ok(Some(Fen(1_500_250))));
    assert_eq!(m.media_cost(), Ok(Some(Fen(8_500_000))));
    // Net + 5 % fee.
    let f = media(8_500_000, MediaBilling::NetPlusFee { fee_bp: 500 });
    assert_eq!(f.amount(), Ok(Fen(8_925_000)));
    assert_eq!(f.commission(), Ok(Some(Fen(425_000))));
    // Rebate: the client pays gross; the agency's income is the rebate.
    let r = media(10_000_000, MediaBilling::Rebate { rebate_bp: 800 });
    assert_eq!(r.amount(), Ok(Fen(10_000_000)));
    assert_eq!(r.commission(), Ok(Some(Fen(800_000))));
    assert_eq!(line(1000, 100).commission(), Ok(None));
}

#[test]
fn markup_is_sell_over_cost() {
    let mut l = line(1000, 11_500);
    assert_eq!(l.markup_bp(), Ok(None));
    l.cost = Some(Fen(10_000));
    assert_eq!(l.markup_bp(), Ok(Some(1500)));
    l.cost = Some(Fen(12_000));
    assert_eq!(l.markup_bp(), Ok(Some(-417)));
    let g = media(
        10_000_000,
        MediaBilling::Gross {
            commission_bp: 1500,
        },
    );
    assert_eq!(g.markup_bp(), Ok(Some(1765)));
}

#[test]
fn categories_parse_from_either_language_and_headings() {
    assert_eq!(LineCategory::parse("制作"), Some(LineCategory::Production));
    assert_eq!(LineCategory::parse(" media "), Some(LineCategory::Media));
    assert_eq!(
        LineCategory::parse("一、制作费"),
        Some(LineCategory::Production)
    );
    assert_eq!(
        LineCategory::parse("制作服务费"),
        Some(LineCategory::ServiceFee)
    );
    assert_eq!(
        LineCategory::parse("Travel expenses"),
        Some(LineCategory::Travel)
    );
    assert_eq!(LineCategory::parse("其他"), None);
    assert_eq!(LineCategory::parse(""), None);
}

#[test]
fn quantities_are_thousandths() {
    assert_eq!(parse_quantity("1.5"), Some(1500));
    assert_eq!(parse_quantity("２"), Some(2000));
    assert_eq!(parse_quantity("1,000"), Some(1_000_000));
    assert_eq!(parse_quantity(".125"), Some(125));
    assert_eq!(parse_quantity("0.3333"), None);
    assert_eq!(parse_quantity("abc"), None);
    assert_eq!(parse_quantity(""), None);
    assert_eq!(parse_quantity("-1"), Some(-1000));
    for q in [0, 1, 1500, 125, 1_000_000, -2500] {
        assert_eq!(parse_quantity(&quantity_text(q)), Some(q), "{q}");
    }
    assert_eq!(quantity_text(1500), "1.5");
}

#[test]
fn percentages_print_without_trailing_zeros() {
    assert_eq!(percent(600), "6%");
    assert_eq!(percent(1765), "17.65%");
    assert_eq!(percent(150), "1.5%");
    assert_eq!(percent(-417), "-4.17%");
    assert_eq!(TaxMode::Exempt.label(true), "免税");
}
