//! Archive numbers, shelves, loans and the stocktake.

use super::*;

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).expect("a day")
}

#[test]
fn an_archive_number_prints_and_reads_back_however_it_is_typed() {
    assert_eq!(archive_label(123), "ASN-000123");
    for typed in ["ASN-000123", "asn123", " asn 000123 ", "000123", "123"] {
        assert_eq!(parse_archive_label(typed), Some(123), "{typed}");
    }
    for bad in ["", "ASN-", "0", "ASN-12a", "宝马", "12 3", "99999999999"] {
        assert_eq!(parse_archive_label(bad), None, "{bad}");
    }
    let place = ShelfPlace {
        room: "A".into(),
        cabinet: "3".into(),
        shelf: "2".into(),
        box_label: String::new(),
    };
    assert_eq!(place.label(), "A室-3柜-2层");
    assert_eq!(ShelfPlace::default().label(), "");
}

#[test]
fn a_loan_is_due_in_two_weeks_and_renewed_from_its_due_date() {
    let mut loan = Loan::lend(day(3, 2), None).expect("lent");
    assert_eq!(loan.due_on, day(3, 16));
    assert_eq!(loan.days_overdue(day(3, 16)), 0, "due today is not late");
    assert_eq!(loan.days_overdue(day(3, 19)), 3);
    // Renewed early, the two weeks run from the due date, not from today.
    loan.renew(day(3, 10)).expect("renewed");
    assert_eq!(loan.due_on, day(3, 30));
    loan.renew(day(3, 30))
        .expect("renewed on the day it is due");
    assert_eq!(loan.due_on, day(4, 13));
    assert_eq!(loan.renew(day(4, 1)), Err(LoanRefusal::RenewedEnough));
    // An agreed date; a date before the loan is refused.
    assert_eq!(
        Loan::lend(day(3, 2), Some(day(3, 5))).map(|l| l.due_on),
        Ok(day(3, 5))
    );
    assert_eq!(
        Loan::lend(day(3, 2), Some(day(3, 1))),
        Err(LoanRefusal::DueBeforeOut)
    );
}

#[test]
fn an_overdue_loan_comes_back_before_anything_else() {
    let mut loan = Loan::lend(day(5, 1), None).expect("lent");
    let refused = loan.renew(day(5, 20));
    assert_eq!(refused, Err(LoanRefusal::Overdue { days: 5 }));
    assert!(refused.unwrap_err().describe(true).contains("5 天"));
    assert_eq!(
        loan.give_back(day(4, 30)),
        Err(LoanRefusal::ReturnBeforeOut)
    );
    loan.give_back(day(5, 20)).expect("back");
    assert_eq!(loan.days_overdue(day(6, 1)), 0, "back is never late");
    assert_eq!(loan.give_back(day(5, 21)), Err(LoanRefusal::Returned));
    assert_eq!(loan.renew(day(5, 21)), Err(LoanRefusal::Returned));
}

#[test]
fn a_stocktake_lists_what_is_home_and_unseen_and_what_is_unknown() {
    // 3 is out on loan: not expected on the shelf.
    let items = [(1, false), (2, false), (3, true), (4, false)];
    let found = stocktake(&items, &[4, 1, 9, 9]);
    assert_eq!(
        found,
        Stocktake {
            missing: vec![2],
            unknown: vec![9],
        }
    );
    assert_eq!(stocktake(&items, &[1, 2, 4]), Stocktake::default());
}
