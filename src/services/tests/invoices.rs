//! Invoices, credit notes, payments and vendors' costs through the use cases, on the sample
//! agency: recorded only against a signed estimate and never past what was signed, a credit
//! note never past what is left of its invoice, a payment never past what is owed, voided
//! with a reason and never removed; and the budget's executed figure follows them.

use super::*;
use crate::domain::budget::{BudgetSide, TaxBasis};
use crate::domain::invoice::{FapiaoType, Invoice, InvoiceKind, VendorCost};
use crate::domain::{Estimate, EstimateVersion, Fen, Lang};
use crate::services::budgets::client_year;
use crate::services::invoices::{InvoiceDraft, ReceiptDraft, VendorCostDraft};
use chrono::TimeZone;

fn sample() -> (tempfile::TempDir, Store, Ctx) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(&dir.path().join("desk.redb")).expect("open");
    let now = Utc
        .with_ymd_and_hms(2026, 11, 26, 2, 0, 0)
        .single()
        .expect("moment");
    crate::demo::sample::load_sample(&store, now, now.date_naive()).expect("sample");
    let ctx = Ctx {
        actor: UserId(3),
        now,
        today: now.date_naive(),
    };
    (dir, store, ctx)
}

/// A production estimate the client signed with a matching hash and nothing invoiced yet,
/// with its signed version.
fn signed_production(store: &Store) -> (Estimate, EstimateVersion) {
    let view = store.read().expect("read");
    let invoiced: Vec<Invoice> = view.all().expect("invoices");
    let e = view
        .estimates(None)
        .expect("estimates")
        .into_iter()
        .find(|e| {
            e.kind.is_production()
                && e.signed().is_some()
                && !invoiced.iter().any(|i| i.estimate_id == e.id)
        })
        .expect("a signed production estimate not invoiced yet");
    let number = e.signed().map(|s| s.version).expect("signed");
    let v = view
        .get_at(Key::pair(e.id.0, number))
        .expect("read")
        .expect("version");
    (e, v)
}

fn draft(e: &Estimate, number: &str, gross: Fen) -> InvoiceDraft {
    InvoiceDraft {
        number: number.into(),
        issued_on: "2026-11-20".into(),
        gross: gross.plain(),
        ..InvoiceDraft::new(e.id, InvoiceKind::Production)
    }
}

fn refusal(r: Result<Applied, ServiceError>) -> String {
    r.expect_err("refused").message(Lang::Zh)
}

fn invoices_of(store: &Store, e: &Estimate) -> Vec<Invoice> {
    store
        .read()
        .expect("read")
        .job_rows::<Invoice>(e.job_id)
        .expect("invoices")
        .into_iter()
        .filter(|i| i.estimate_id == e.id)
        .collect()
}

#[test]
fn invoices_are_recorded_up_to_what_was_signed_and_count_as_executed() {
    let (_dir, store, ctx) = sample();
    let (e, v) = signed_production(&store);
    let signed = v.totals().expect("totals");
    let year = |store: &Store| {
        let view = store.read().expect("read");
        client_year(&view, e.client_id, ctx.today, TaxBasis::Net)
            .expect("year")
            .figures
    };
    let before = year(&store);

    // A deposit of half, as a 数电专票: the tax split at the estimate's rate.
    let half = Fen(signed.gross.0 / 2);
    apply(
        &store,
        &ctx,
        Command::RecordInvoice(Box::new(draft(&e, "26112000000000000001", half))),
    )
    .expect("deposit invoiced");
    let recorded = invoices_of(&store, &e);
    assert_eq!(recorded.len(), 1);
    let deposit = &recorded[0];
    assert_eq!(deposit.gross(), half);
    assert_eq!(
        deposit.tax,
        crate::domain::invoice::split_gross(half, v.tax.rate_bp()).1
    );
    assert_eq!(deposit.due_on, "2026-12-20".parse().expect("date"));

    // Executed grows by the invoice's net; in progress shrinks by as much.
    let after = year(&store);
    assert_eq!(
        after.production.executed - before.production.executed,
        deposit.net.0
    );
    assert_eq!(
        before.production.in_progress - after.production.in_progress,
        deposit.net.0
    );

    // The same number again, a paper number of 20 digits, or more than was signed: refused,
    // every problem named.
    let again = refusal(apply(
        &store,
        &ctx,
        Command::RecordInvoice(Box::new(draft(&e, "26112000000000000001", Fen(100)))),
    ));
    assert!(again.contains("已经记录过"), "{again}");
    let mut paper = draft(&e, "26112000000000000002", Fen(100));
    paper.fapiao = FapiaoType::Paper;
    assert!(refusal(apply(&store, &ctx, Command::RecordInvoice(Box::new(paper)))).contains("8 位"));
    let over = refusal(apply(
        &store,
        &ctx,
        Command::RecordInvoice(Box::new(draft(
            &e,
            "26112000000000000003",
            Fen(signed.gross.0 - half.0 + 1),
        ))),
    ));
    assert!(over.contains("超过客户签署的"), "{over}");
    assert_eq!(invoices_of(&store, &e).len(), 1, "nothing refused was kept");

    // The rest invoices exactly to the signed total.
    apply(
        &store,
        &ctx,
        Command::RecordInvoice(Box::new(draft(
            &e,
            "26112000000000000004",
            Fen(signed.gross.0 - half.0),
        ))),
    )
    .expect("balance invoiced");
    // Invoiced in full: the estimate counts as executed (its nets, each split from its
    // fapiao's total) and nothing of it is in progress beyond a rounding fen.
    let full = year(&store);
    let this = full
        .estimates
        .iter()
        .find(|f| f.estimate == e.id)
        .expect("counted in the year");
    assert_eq!(this.invoiced, full_net(&store, &e));
    assert_eq!(this.in_progress, (signed.net.0 - this.invoiced).max(0));
    assert!(this.in_progress <= 1, "{this:?}");
}

/// The net of the estimate's invoices that count.
fn full_net(store: &Store, e: &Estimate) -> i64 {
    invoices_of(store, e).iter().map(|i| i.effect().0).sum()
}

#[test]
fn an_unsigned_estimate_takes_no_invoice() {
    let (_dir, store, ctx) = sample();
    let view = store.read().expect("read");
    let draft_estimate = view
        .estimates(None)
        .expect("estimates")
        .into_iter()
        .find(|e| e.signed().is_none())
        .expect("an unsigned estimate");
    drop(view);
    let message = refusal(apply(
        &store,
        &ctx,
        Command::RecordInvoice(Box::new(draft(
            &draft_estimate,
            "26112000000000000009",
            Fen(100),
        ))),
    ));
    assert!(message.contains("尚未由客户签署"), "{message}");
}

#[test]
fn payments_credit_notes_and_voids_keep_every_record() {
    let (_dir, store, ctx) = sample();
    let (e, v) = signed_production(&store);
    let gross = v.totals().expect("totals").gross;
    apply(
        &store,
        &ctx,
        Command::RecordInvoice(Box::new(draft(&e, "26112000000000000011", gross))),
    )
    .expect("invoiced");
    let invoice = invoices_of(&store, &e).remove(0);

    // A payment of part; then more than is owed is refused.
    let pay = |amount: Fen| {
        Command::RecordReceipt(
            invoice.id,
            Box::new(ReceiptDraft {
                on: "2026-11-25".into(),
                amount: amount.plain(),
                reference: "招商银行 回单 0001".into(),
            }),
        )
    };
    apply(&store, &ctx, pay(Fen(10_000))).expect("paid in part");
    let over = refusal(apply(&store, &ctx, pay(gross)));
    assert!(over.contains("超过该发票应收"), "{over}");

    // A credit note of ¥50 (red-letter): owed falls by it; more than what is left is refused.
    let mut credit = draft(&e, "26112000000000000012", Fen(5_000));
    credit.credits = Some(invoice.id);
    apply(&store, &ctx, Command::RecordInvoice(Box::new(credit))).expect("credited");
    let mut too_much = draft(&e, "26112000000000000013", gross);
    too_much.credits = Some(invoice.id);
    let message = refusal(apply(
        &store,
        &ctx,
        Command::RecordInvoice(Box::new(too_much)),
    ));
    assert!(message.contains("红字发票"), "{message}");
    let all = invoices_of(&store, &e);
    let credited: i64 = all
        .iter()
        .filter(|i| i.credits.is_some())
        .map(|i| i.gross().0)
        .sum();
    let original = all.iter().find(|i| i.id == invoice.id).expect("invoice");
    assert_eq!(
        original.outstanding(Fen(credited)).0,
        gross.0 - 5_000 - 10_000
    );

    // The invoice is not voided while its payment and credit note count; voiding needs a
    // reason; once they are voided, it is, and it stays in the record.
    let busy = refusal(apply(
        &store,
        &ctx,
        Command::VoidInvoice(invoice.id, "开错了".into()),
    ));
    assert!(busy.contains("请先作废"), "{busy}");
    let no_reason = refusal(apply(
        &store,
        &ctx,
        Command::VoidReceipt(invoice.id, 0, " ".into()),
    ));
    assert!(no_reason.contains("作废理由"), "{no_reason}");
    apply(
        &store,
        &ctx,
        Command::VoidReceipt(invoice.id, 0, "重复录入".into()),
    )
    .expect("payment voided");
    let credit_id = all.iter().find(|i| i.credits.is_some()).expect("credit").id;
    apply(
        &store,
        &ctx,
        Command::VoidInvoice(credit_id, "红字开错".into()),
    )
    .expect("credit voided");
    apply(
        &store,
        &ctx,
        Command::VoidInvoice(invoice.id, "金额开错".into()),
    )
    .expect("invoice voided");
    let kept = invoices_of(&store, &e);
    assert_eq!(kept.len(), 2, "voided, never removed");
    assert!(kept.iter().all(|i| !i.is_live()));
    assert_eq!(kept[0].receipts.len(), 1);
    assert!(kept[0].receipts[0].voided.is_some());
    let view = store.read().expect("read");
    let year = client_year(&view, e.client_id, ctx.today, TaxBasis::Net).expect("year");
    let this = year
        .figures
        .estimates
        .iter()
        .find(|f| f.estimate == e.id)
        .expect("counted in the year");
    assert_eq!(this.invoiced, 0, "voided invoices do not count");
    assert_eq!(this.side, BudgetSide::Production);
}

#[test]
fn vendor_costs_are_recorded_against_a_signed_line_and_voided_with_a_reason() {
    let (_dir, store, ctx) = sample();
    let (e, v) = signed_production(&store);
    let cost = |line: u32| VendorCostDraft {
        estimate_id: e.id,
        line,
        vendor: String::new(),
        net: "1,200.00".into(),
        tax: "72".into(),
        fapiao_number: "26110000000000000077".into(),
        on: "2026-11-24".into(),
    };
    let first = v
        .lines
        .iter()
        .position(|l| !l.vendor.is_empty())
        .expect("an outsourced line") as u32
        + 1;
    let missing = refusal(apply(
        &store,
        &ctx,
        Command::RecordVendorCost(Box::new(cost(v.lines.len() as u32 + 1))),
    ));
    assert!(missing.contains("没有第"), "{missing}");
    apply(
        &store,
        &ctx,
        Command::RecordVendorCost(Box::new(cost(first))),
    )
    .expect("cost");
    let costs: Vec<VendorCost> = store
        .read()
        .expect("read")
        .job_rows(e.job_id)
        .expect("costs");
    let recorded = costs
        .iter()
        .filter(|c| c.estimate_id == e.id)
        .max_by_key(|c| c.id)
        .expect("the cost recorded");
    // Without a vendor typed, the line's vendor.
    assert_eq!(recorded.vendor, v.lines[first as usize - 1].vendor);
    assert_eq!((recorded.net.0, recorded.tax.0), (120_000, 7_200));
    apply(
        &store,
        &ctx,
        Command::VoidVendorCost(recorded.id, "供应商发票作废重开".into()),
    )
    .expect("voided");
    let again = refusal(apply(
        &store,
        &ctx,
        Command::VoidVendorCost(recorded.id, "再次".into()),
    ));
    assert!(again.contains("已经作废"), "{again}");
    assert!(store.check().expect("check").problems.is_empty());
}
