//! The budget's definitions: executed, in progress, remaining, the fiscal year.

use super::*;
use chrono::TimeZone;

fn day(s: &str) -> NaiveDate {
    s.parse().expect("date")
}

fn totals(net: i64) -> Totals {
    Totals {
        net: Fen(net),
        tax: Fen(net * 6 / 100),
        gross: Fen(net + net * 6 / 100),
    }
}

fn budget(year: FiscalYear, revisions: &[(i64, i64, &str)]) -> ClientBudget {
    let at = Utc
        .with_ymd_and_hms(2026, 12, 1, 2, 0, 0)
        .single()
        .expect("moment");
    ClientBudget {
        id: BudgetId(1),
        client_id: ClientId(1),
        brand_id: None,
        year,
        revisions: revisions
            .iter()
            .map(|(media, production, from)| BudgetRevision {
                media: Fen(*media),
                production: Fen(*production),
                from: day(from),
                reason: "客户确认".into(),
                by: UserId(1),
                at,
            })
            .collect(),
        audit: Audit::new(crate::domain::Stamp { by: UserId(1), at }),
    }
}

fn work(id: u64, side: BudgetSide, signed_on: &str, net: i64) -> SignedWork {
    SignedWork {
        estimate: EstimateId(id),
        job: JobId(id),
        brand: None,
        side,
        signed_on: day(signed_on),
        amount: totals(net),
    }
}

fn bill(id: u64, side: BudgetSide, on: &str, net: i64) -> InvoicedWork {
    InvoicedWork {
        estimate: EstimateId(id),
        side,
        on: day(on),
        net,
        gross: net + net * 6 / 100,
    }
}

#[test]
fn a_fiscal_year_from_april_runs_to_march_and_knows_its_months() {
    let fy = FiscalYear {
        year: 2027,
        start_month: 4,
    };
    assert_eq!(fy.first_day(), Some(day("2027-04-01")));
    assert_eq!(fy.last_day(), Some(day("2028-03-31")));
    assert_eq!(fy.label(), "2027/28");
    assert_eq!(fy.month_index(day("2027-04-30")), Some(0));
    assert_eq!(fy.month_index(day("2028-03-01")), Some(11));
    assert_eq!(fy.month_index(day("2027-03-31")), None);
    assert_eq!(FiscalYear::of(day("2028-02-10"), 4), fy);
    let calendar = FiscalYear {
        year: 2026,
        start_month: 1,
    };
    assert_eq!(calendar.label(), "2026");
    assert_eq!(calendar.elapsed_bp(day("2025-12-31")), 0);
    assert_eq!(calendar.elapsed_bp(day("2026-12-31")), 10_000);
    // 2026-07-02 is day 183 of 365: 50.14 %.
    assert_eq!(calendar.elapsed_bp(day("2026-07-02")), 5_014);
}

#[test]
fn executed_in_progress_and_remaining_follow_the_definitions() {
    let fy = FiscalYear {
        year: 2026,
        start_month: 1,
    };
    let b = budget(fy, &[(1_000_000, 2_000_000, "2026-01-01")]);
    let signed = [
        // Production, signed in March, invoiced in part: counts in both.
        work(1, BudgetSide::Production, "2026-03-10", 800_000),
        // Media, signed in May, not invoiced yet: all in progress.
        work(2, BudgetSide::Media, "2026-05-02", 300_000),
        // Signed last year: not this year's.
        work(3, BudgetSide::Production, "2025-12-20", 500_000),
        // Signed after the report's day: not yet.
        work(4, BudgetSide::Media, "2026-12-01", 100_000),
    ];
    let invoiced = [
        bill(1, BudgetSide::Production, "2026-04-01", 500_000),
        // A credit note takes 100,000 back.
        bill(1, BudgetSide::Production, "2026-06-01", -100_000),
        // Invoiced after the report's day: not yet.
        bill(1, BudgetSide::Production, "2026-11-30", 200_000),
        bill(3, BudgetSide::Production, "2026-02-01", 500_000),
    ];
    let f = year_figures(
        fy,
        day("2026-11-15"),
        TaxBasis::Net,
        &[&b],
        &signed,
        &invoiced,
    );
    assert_eq!(
        f.production,
        Figures {
            budget: 2_000_000,
            executed: 400_000,
            in_progress: 400_000
        }
    );
    assert_eq!(f.production.remaining(), 1_200_000);
    assert_eq!(f.production.used_bp(), Some(4_000));
    assert_eq!(
        f.media,
        Figures {
            budget: 1_000_000,
            executed: 0,
            in_progress: 300_000
        }
    );
    assert_eq!(f.total().remaining(), 3_000_000 - 400_000 - 700_000);
    // The months: invoices in their fapiao's month, what is open in the signature's month.
    assert_eq!(f.months[3][1].executed, 500_000);
    assert_eq!(f.months[5][1].executed, -100_000);
    assert_eq!(f.months[2][1].in_progress, 400_000);
    assert_eq!(f.months[4][0].in_progress, 300_000);
    let monthly: i64 = f
        .months
        .iter()
        .flatten()
        .map(|m| m.executed + m.in_progress)
        .sum();
    assert_eq!(
        monthly,
        f.total().executed + f.total().in_progress,
        "the bars add up"
    );
    assert_eq!(f.estimates.len(), 2);
    // With tax, every amount is taken with tax.
    let g = year_figures(
        fy,
        day("2026-11-15"),
        TaxBasis::Gross,
        &[&b],
        &signed,
        &invoiced,
    );
    assert_eq!(g.production.executed, 424_000);
    assert_eq!(g.production.in_progress, 848_000 - 424_000);
}

#[test]
fn an_estimate_invoiced_beyond_its_signature_is_never_negative_in_progress() {
    let fy = FiscalYear {
        year: 2026,
        start_month: 1,
    };
    let signed = [work(1, BudgetSide::Production, "2026-03-10", 100_000)];
    let invoiced = [bill(1, BudgetSide::Production, "2026-04-01", 120_000)];
    let f = year_figures(
        fy,
        day("2026-12-31"),
        TaxBasis::Net,
        &[],
        &signed,
        &invoiced,
    );
    assert_eq!(f.production.in_progress, 0);
    assert_eq!(f.production.executed, 120_000);
    assert_eq!(f.production.used_bp(), None, "no budget, no rate");
}

#[test]
fn a_revised_budget_applies_from_its_day_and_brands_add_up() {
    let fy = FiscalYear {
        year: 2027,
        start_month: 4,
    };
    let b = budget(
        fy,
        &[
            (1_000_000, 5_000_000, "2027-04-01"),
            (1_000_000, 4_000_000, "2027-09-01"),
        ],
    );
    assert_eq!(
        b.amount(BudgetSide::Production, day("2027-08-31")),
        Fen(5_000_000)
    );
    assert_eq!(
        b.amount(BudgetSide::Production, day("2027-09-01")),
        Fen(4_000_000)
    );
    // A budget agreed after the year began counts from its start.
    let late = budget(fy, &[(0, 3_000_000, "2027-06-01")]);
    assert_eq!(
        late.amount(BudgetSide::Production, day("2027-04-15")),
        Fen(3_000_000)
    );
    let f = year_figures(fy, day("2027-10-01"), TaxBasis::Net, &[&b, &late], &[], &[]);
    assert_eq!(f.production.budget, 7_000_000);
    // The forecast carries what is used at the year's pace, never below it.
    assert_eq!(f.forecast(), 0);
}

#[test]
fn the_charts_run_the_months_up_to_the_report_day_against_the_budget_pace() {
    let fy = FiscalYear {
        year: 2026,
        start_month: 4,
    };
    let b = budget(fy, &[(1_200_000, 2_400_000, "2026-04-01")]);
    let signed = [
        work(1, BudgetSide::Production, "2026-04-10", 800_000),
        work(2, BudgetSide::Media, "2026-06-02", 300_000),
    ];
    let invoiced = [
        bill(1, BudgetSide::Production, "2026-05-01", 500_000),
        bill(1, BudgetSide::Production, "2026-07-01", -100_000),
    ];
    let f = year_figures(
        fy,
        day("2026-07-15"),
        TaxBasis::Net,
        &[&b],
        &signed,
        &invoiced,
    );
    let c = f.cumulative();
    // April is the year's first month: production signed, nothing invoiced yet.
    assert_eq!(c[0][1].executed, 0);
    assert_eq!(c[0][1].in_progress, 400_000);
    // May invoiced 500,000; July's credit note takes 100,000 back.
    assert_eq!(c[1][1].executed, 500_000);
    assert_eq!(c[3][1].executed, 400_000);
    assert_eq!(c[2][0].in_progress, 300_000);
    // The last month carries the year's totals.
    assert_eq!(c[11][1].executed, f.production.executed);
    assert_eq!(c[11][0].in_progress, f.media.in_progress);
    assert_eq!(c[11][0].budget, 0, "budgets are not cumulated");
    // April to July: four months reached.
    assert_eq!(f.months_reached(), 4);
    assert_eq!(f.pace(4), 3_600_000 * 4 / 12);
    assert_eq!(f.pace(12), 3_600_000);
    assert_eq!(f.pace(40), 3_600_000, "never past the year");
    let before = year_figures(
        fy,
        day("2026-03-31"),
        TaxBasis::Net,
        &[&b],
        &signed,
        &invoiced,
    );
    assert_eq!(before.months_reached(), 0);
    let after = year_figures(
        fy,
        day("2027-05-01"),
        TaxBasis::Net,
        &[&b],
        &signed,
        &invoiced,
    );
    assert_eq!(after.months_reached(), 12);
}
