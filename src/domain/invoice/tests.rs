//! Invoices, credit notes and receipts against a signed estimate.

// Amounts are written as yuan_fen (50_000_00 is ¥50,000.00), which reads better here than
// groups of three.
#![allow(clippy::inconsistent_digit_grouping)]

use super::*;
use chrono::TimeZone;

fn day(s: &str) -> NaiveDate {
    s.parse().expect("date")
}

fn stamp() -> Stamp {
    Stamp {
        by: UserId(1),
        at: Utc
            .with_ymd_and_hms(2026, 11, 1, 2, 0, 0)
            .single()
            .expect("moment"),
    }
}

fn invoice(id: u64, gross: i64, credits: Option<u64>) -> Invoice {
    let (net, tax) = split_gross(Fen(gross), 600);
    Invoice {
        id: InvoiceId(id),
        client_id: ClientId(1),
        job_id: JobId(2),
        estimate_id: EstimateId(3),
        kind: InvoiceKind::Production,
        fapiao: FapiaoType::DigitalSpecial,
        number: format!("{:020}", 26_000_000 + id),
        issued_on: day("2026-11-01"),
        due_on: day("2026-12-01"),
        net,
        tax,
        credits: credits.map(InvoiceId),
        note: String::new(),
        receipts: Vec::new(),
        voided: None,
        audit: Audit::new(stamp()),
    }
}

#[test]
fn the_tax_is_taken_out_of_the_gross_half_up_and_the_parts_add_up() {
    // ¥106.00 at 6 %: ¥6.00 tax.
    assert_eq!(split_gross(Fen(10_600), 600), (Fen(10_000), Fen(600)));
    // ¥100.00 at 6 %: 5.660377… → ¥5.66.
    assert_eq!(split_gross(Fen(10_000), 600), (Fen(9_434), Fen(566)));
    // ¥0.53 at 6 %: 0.03 exactly rounds half up from 0.0300.
    let (net, tax) = split_gross(Fen(53), 600);
    assert_eq!(net.0 + tax.0, 53);
    assert_eq!(split_gross(Fen(10_300), 300), (Fen(10_000), Fen(300)));
    assert_eq!(split_gross(Fen(5_000), 0), (Fen(5_000), Fen(0)));
}

#[test]
fn invoices_in_part_add_up_to_the_signed_amount_and_not_beyond() {
    let deposit = invoice(10, 50_000_00, None);
    let so_far = [deposit.clone()];
    let signed = Fen(100_000_00);
    let second = invoice(11, 50_000_00, None);
    let ok = check_invoice(
        &second,
        Invoiced {
            signed,
            invoices: &so_far,
        },
        |_| false,
    );
    assert!(ok.is_empty(), "{ok:?}");
    let too_much = invoice(12, 50_000_01, None);
    let refused = check_invoice(
        &too_much,
        Invoiced {
            signed,
            invoices: &so_far,
        },
        |_| false,
    );
    assert_eq!(
        refused,
        vec![InvoiceProblem::OverSigned {
            asked: Fen(50_000_01),
            total: Fen(100_000_01),
            signed
        }]
    );
}

#[test]
fn a_credit_note_reverses_part_of_one_invoice_and_frees_the_amount() {
    let first = invoice(10, 80_000_00, None);
    let credit = invoice(20, 30_000_00, Some(10));
    let signed = Fen(100_000_00);
    assert!(
        check_invoice(
            &credit,
            Invoiced {
                signed,
                invoices: std::slice::from_ref(&first)
            },
            |_| false
        )
        .is_empty()
    );
    let both = [first.clone(), credit.clone()];
    let so_far = Invoiced {
        signed,
        invoices: &both,
    };
    assert_eq!(so_far.total(), Fen(50_000_00));
    assert_eq!(so_far.credited(InvoiceId(10)), Fen(30_000_00));
    // Only what is left of the invoice can be credited again.
    let again = invoice(21, 50_000_01, Some(10));
    assert_eq!(
        check_invoice(&again, so_far, |_| false),
        vec![InvoiceProblem::OverCredit {
            asked: Fen(50_000_01),
            left: Fen(50_000_00)
        }]
    );
    // A credit note's effect is negative; a voided one has none.
    assert_eq!(credit.effect().1, -30_000_00);
    let mut voided = credit.clone();
    voided.voided = Some(Voided {
        by: UserId(1),
        at: stamp().at,
        reason: "开错".into(),
    });
    assert_eq!(voided.effect(), (0, 0));
    // After the credit note the client owes 50,000 on the first invoice.
    assert_eq!(first.outstanding(so_far.credited(first.id)), Fen(50_000_00));
}

#[test]
fn fapiao_numbers_fit_their_type_and_are_never_recorded_twice() {
    assert!(FapiaoType::DigitalSpecial.number_fits("26442000000123456789"));
    assert!(!FapiaoType::DigitalOrdinary.number_fits("2644200000012345678"));
    assert!(FapiaoType::Paper.number_fits("01234567"));
    assert!(!FapiaoType::Paper.number_fits("0123456７"));
    let mut bad = invoice(10, 100, None);
    bad.number = "12345".into();
    bad.due_on = day("2026-10-01");
    let problems = check_invoice(
        &bad,
        Invoiced {
            signed: Fen(1000),
            invoices: &[],
        },
        |_| false,
    );
    assert_eq!(problems.len(), 2, "{problems:?}");
    let dup = invoice(11, 100, None);
    let problems = check_invoice(
        &dup,
        Invoiced {
            signed: Fen(1000),
            invoices: &[],
        },
        |n| n == dup.number,
    );
    assert_eq!(
        problems,
        vec![InvoiceProblem::DuplicateNumber(dup.number.clone())]
    );
}

#[test]
fn receipts_pay_an_invoice_down_and_overdue_invoices_age_in_buckets() {
    let mut i = invoice(10, 10_000_00, None);
    assert!(check_receipt(&i, Fen(0), Fen(4_000_00)).is_empty());
    i.receipts.push(Receipt {
        on: day("2026-11-20"),
        amount: Fen(4_000_00),
        reference: "招行 0001".into(),
        recorded: stamp(),
        voided: None,
    });
    assert_eq!(i.outstanding(Fen(0)), Fen(6_000_00));
    assert_eq!(
        check_receipt(&i, Fen(0), Fen(6_000_01)),
        vec![InvoiceProblem::OverPaid {
            asked: Fen(6_000_01),
            owed: Fen(6_000_00)
        }]
    );
    let owed = i.outstanding(Fen(0));
    assert_eq!(i.aging(owed, day("2026-12-01")), Aging::NotDue);
    assert_eq!(i.aging(owed, day("2026-12-02")), Aging::Days30);
    assert_eq!(i.aging(owed, day("2027-01-30")), Aging::Days60);
    assert_eq!(i.aging(owed, day("2027-03-01")), Aging::Days90);
    assert_eq!(i.aging(owed, day("2027-03-02")), Aging::Over90);
    assert_eq!(i.aging(Fen(0), day("2027-03-02")), Aging::NotDue, "paid");
}
