//! Budgets through the use cases, on the sample agency: set and revised (a revision needs a
//! reason), the year's figures from the signed estimates, and the check before sending.

use super::*;
use crate::domain::budget::{BudgetSide, ClientBudget, TaxBasis};
use crate::domain::{Client, Estimate, EstimateVersion};
use crate::services::BudgetDraft;
use crate::services::budgets::{budget_check, client_year};
use chrono::TimeZone;

fn sample() -> (tempfile::TempDir, Store, NaiveDate) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(&dir.path().join("desk.redb")).expect("open");
    let now = Utc
        .with_ymd_and_hms(2026, 11, 26, 2, 0, 0)
        .single()
        .expect("moment");
    crate::demo::sample::load_sample(&store, now, now.date_naive()).expect("sample");
    (dir, store, now.date_naive())
}

fn day(s: &str) -> NaiveDate {
    s.parse().expect("date")
}

#[test]
fn a_budget_is_set_then_revised_with_a_reason_and_the_year_counts_what_is_signed() {
    let (_dir, store, today) = sample();
    let clients: Vec<Client> = store.all().expect("clients");
    let coke = clients[0].id;
    let budgets: Vec<ClientBudget> = store.all().expect("budgets");
    let b = budgets
        .iter()
        .find(|b| b.client_id == coke)
        .expect("budget");
    // Cut in July: the old amount before, the new one after.
    assert_eq!(
        b.amount(BudgetSide::Production, day("2026-06-30")).0,
        150_000_000
    );
    assert_eq!(b.amount(BudgetSide::Production, today).0, 120_000_000);

    // A revision without a reason is refused; with one it is kept beside the old ones.
    let ctx = Ctx {
        actor: UserId(0),
        now: Utc::now(),
        today,
    };
    let mut draft = BudgetDraft {
        client_id: coke,
        brand_id: None,
        year: 2026,
        start_month: 1,
        media: "3,000,000".into(),
        production: "1,000,000".into(),
        from: "2026-11-01".into(),
        reason: String::new(),
    };
    let refused = apply(&store, &ctx, Command::SaveBudget(Box::new(draft.clone())));
    assert!(
        refused
            .expect_err("no reason")
            .message(crate::domain::Lang::Zh)
            .contains("调整原因")
    );
    draft.reason = "第四季度追加促销改为数字媒体".into();
    apply(&store, &ctx, Command::SaveBudget(Box::new(draft))).expect("revised");
    let b: ClientBudget = store.get(b.id.0).expect("read").expect("budget");
    assert_eq!(b.revisions.len(), 3);

    // What the client signed this year is executed (invoiced) or in progress (the rest).
    let view = store.read().expect("read");
    let year = client_year(&view, coke, today, TaxBasis::Net).expect("year");
    assert_eq!(year.figures.production.budget, 100_000_000);
    let signed: i64 = year
        .figures
        .estimates
        .iter()
        .filter(|e| e.side == BudgetSide::Production)
        .map(|e| e.signed)
        .sum();
    assert!(
        signed > 0,
        "the sample's client signed production this year"
    );
    let p = year.figures.production;
    let invoiced: i64 = year
        .figures
        .estimates
        .iter()
        .filter(|e| e.side == BudgetSide::Production)
        .map(|e| e.invoiced)
        .sum();
    assert_eq!(p.executed, invoiced);
    assert_eq!(
        p.executed + p.in_progress,
        signed,
        "no estimate is invoiced past what was signed"
    );
    assert_eq!(year.signed.len(), year.figures.estimates.len());
}

#[test]
fn the_check_before_sending_counts_the_estimate_against_its_side_of_the_budget() {
    let (_dir, store, today) = sample();
    let view = store.read().expect("read");
    // The sample's change order sent for signature (纯甄, production).
    let e: Estimate = view
        .estimates(None)
        .expect("estimates")
        .into_iter()
        .find(|e| e.number.ends_with("-C1"))
        .expect("a change order");
    let v: EstimateVersion = view
        .get_at(Key::pair(e.id.0, e.versions))
        .expect("read")
        .expect("version");
    let check = budget_check(&view, &e, &v, today)
        .expect("check")
        .expect("the client has a production budget");
    assert_eq!(check.side, BudgetSide::Production);
    let year = client_year(&view, e.client_id, today, TaxBasis::Net).expect("year");
    let before = year.figures.production;
    let net = v.totals().expect("totals").net.0;
    let expected =
        ((before.executed + before.in_progress + net) * 10_000 + before.budget / 2) / before.budget;
    assert_eq!(check.used_bp, expected);
    assert_eq!(check.budget.0, before.budget);
}
