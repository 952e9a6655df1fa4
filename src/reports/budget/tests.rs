use super::*;
use crate::domain::budget::FiscalYear;

fn figures(executed: i64, in_progress: i64) -> YearFigures {
    let mut months = [[Figures::default(); 2]; 12];
    months[2][1].executed = executed;
    months[2][1].in_progress = in_progress;
    YearFigures {
        year: FiscalYear {
            year: 2026,
            start_month: 4,
        },
        as_of: NaiveDate::from_ymd_opt(2026, 10, 31).expect("day"),
        basis: TaxBasis::Net,
        media: Figures {
            budget: 10_000_000,
            executed: 0,
            in_progress: 0,
        },
        production: Figures {
            budget: 5_000_000,
            executed,
            in_progress,
        },
        months,
        estimates: Vec::new(),
    }
}

fn inputs<'a>(
    letterhead: &'a Letterhead,
    now: &'a YearFigures,
    before: Option<&'a YearFigures>,
    lang: DocLang,
) -> BudgetReportInputs<'a> {
    BudgetReportInputs {
        letterhead,
        lang,
        client: "华晨宝马汽车有限公司",
        brands: vec!["宝马 iX3".into()],
        figures: now,
        before,
        jobs: Vec::new(),
        pending: Vec::new(),
        channels: Vec::new(),
        number: "宝马-2026-10".into(),
        revision: 2,
        prepared_by: "王小明".into(),
        reviewed_by: String::new(),
        remarks: String::new(),
        draft: true,
    }
}

#[test]
fn percentages_round_half_up_to_a_tenth() {
    assert_eq!(percent(5_144), "51.4 %");
    assert_eq!(percent(5_145), "51.5 %");
    assert_eq!(percent(10_400), "104.0 %");
    assert_eq!(percent(-250), "-2.5 %");
}

#[test]
fn the_header_states_the_year_basis_and_revision_and_the_changes_name_each_move() {
    let lh = Letterhead::default();
    let before = figures(1_000_000, 500_000);
    let now = figures(1_200_000, 300_000);
    let r = BudgetReport::build(&inputs(&lh, &now, Some(&before), DocLang::Zh));
    let fact = |label: &str| {
        r.facts
            .iter()
            .find(|(c, _)| c.main == label)
            .map(|(_, v)| v.clone())
            .expect(label)
    };
    assert_eq!(fact("预算年度"), "2026/27（2026-04-01 至 2027-03-31）");
    assert_eq!(fact("计税口径"), "不含税");
    assert_eq!(fact("报告编号"), "宝马-2026-10 · 第 2 版 草稿");
    assert_eq!(fact("审核"), "—");
    assert_eq!(r.changes[0], "制作：已执行 +¥2,000.00，执行中 −¥2,000.00");
    assert_eq!(r.summary[2].figures.executed, 1_200_000);
    // The first report of a year has nothing to compare with.
    let first = BudgetReport::build(&inputs(&lh, &now, None, DocLang::En));
    assert!(first.changes[0].contains("first report"));
    assert_eq!(first.month_labels[0], "Apr");
}

#[test]
fn the_hash_changes_with_any_figure_and_with_the_remarks() {
    let lh = Letterhead::default();
    let a = figures(1_000_000, 500_000);
    let b = figures(1_000_001, 500_000);
    let ra = BudgetReport::build(&inputs(&lh, &a, None, DocLang::Zh));
    let again = BudgetReport::build(&inputs(&lh, &a, None, DocLang::Zh));
    assert_eq!(ra.hash, again.hash);
    assert_eq!(ra.hash.len(), 64);
    let rb = BudgetReport::build(&inputs(&lh, &b, None, DocLang::Zh));
    assert_ne!(ra.hash, rb.hash);
    let mut with_remarks = inputs(&lh, &a, None, DocLang::Zh);
    with_remarks.remarks = "第四季度媒介预算调整待客户确认".into();
    assert_ne!(BudgetReport::build(&with_remarks).hash, ra.hash);
}

#[test]
fn a_job_reads_as_not_invoiced_part_invoiced_or_invoiced() {
    assert_eq!(billing_status(DocLang::Zh, 0, 500), "未开票");
    assert_eq!(billing_status(DocLang::Zh, 200, 300), "部分开票");
    assert_eq!(billing_status(DocLang::En, 500, 0), "Invoiced");
    assert_eq!(billing_status(DocLang::Both, 0, 0), "未开票 Not invoiced");
    // Invoiced past what was signed: nothing is left in progress, all of it invoiced.
    assert_eq!(billing_status(DocLang::Zh, 600, 0), "已开票");
}
