//! The sample agency's invoices and budget reports: the production estimates its clients signed are billed in
//! the ways agencies are paid — a deposit paid and the balance not yet invoiced; invoiced in
//! full and paid; invoiced in full, corrected by a credit note (红字发票) and paid; invoiced
//! and overdue; not invoiced yet — with the vendors' costs of their first lines. Entered by
//! the AM on the sample's last day, dated as the fapiao are.

use super::{Loader, SampleError};
use crate::domain::estimate::{EstimateKind, EstimateVersion};
use crate::domain::invoice::{FapiaoType, Invoice, InvoiceKind};
use crate::domain::{Estimate, Fen};
use crate::services::Command;
use crate::services::invoices::{InvoiceDraft, ReceiptDraft, VendorCostDraft};
use crate::store::Key;
use chrono::{Days, NaiveDate};

/// How a signed estimate is billed, by its place among the signed ones.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Billed {
    /// Half invoiced a week after signing and paid three weeks later.
    Deposit,
    /// Invoiced in full, paid.
    Paid,
    /// Invoiced in full, 10 % taken back by a credit note, the rest paid.
    Credited,
    /// Invoiced in full and not paid: overdue once 30 days pass.
    Unpaid,
    /// Nothing invoiced yet: all in progress.
    NotYet,
}

const PLAN: [Billed; 5] = [
    Billed::Deposit,
    Billed::Paid,
    Billed::Credited,
    Billed::Unpaid,
    Billed::NotYet,
];

impl Loader<'_> {
    /// Bills the signed production estimates as [`PLAN`] says, in turn.
    pub(super) fn invoices(&mut self) -> Result<(), SampleError> {
        let am = Some(super::clients::CHEN);
        let on = self
            .last_day
            .map_or_else(|| "2026-11-26".to_string(), |d| d.to_string());
        let last: NaiveDate = super::loader::day(&on)?;
        let signed: Vec<Estimate> = self
            .store
            .read()?
            .estimates(None)?
            .into_iter()
            .filter(|e| e.kind == EstimateKind::Production && e.signed().is_some())
            .collect();
        let mut serial = 0u64;
        // 数电发票 numbers: 20 digits.
        let mut number = || {
            serial += 1;
            format!(
                "{:020}",
                26_440_000_000_000_000_000u128 + u128::from(serial)
            )
        };
        for (n, e) in signed.iter().enumerate() {
            let Some(sig) = e.signed() else {
                continue;
            };
            let signed_on = sig.at.date_naive();
            let v: EstimateVersion = self
                .store
                .read()?
                .get_at(Key::pair(e.id.0, sig.version))?
                .ok_or_else(|| SampleError::Data(format!("estimate {} version", e.number)))?;
            let gross = v
                .totals()
                .map_err(|_| SampleError::Data(e.number.clone()))?
                .gross;
            let after = |days: u64| signed_on.checked_add_days(Days::new(days));
            let plan = PLAN[n % PLAN.len()];
            let issued = match plan {
                Billed::Deposit => after(7),
                Billed::NotYet => None,
                _ => after(12),
            }
            .filter(|d| *d <= last);
            if let Some(issued) = issued {
                let amount = match plan {
                    Billed::Deposit => Fen(gross.0 / 2),
                    _ => gross,
                };
                let draft = InvoiceDraft {
                    fapiao: FapiaoType::DigitalSpecial,
                    number: number(),
                    issued_on: issued.to_string(),
                    gross: amount.plain(),
                    note: match plan {
                        Billed::Deposit => "首期款 50%".into(),
                        _ => String::new(),
                    },
                    ..InvoiceDraft::new(e.id, InvoiceKind::Production)
                };
                self.apply(am, &on, Command::RecordInvoice(Box::new(draft)))?;
                let invoice = self.newest_invoice(e)?;
                let mut owed = amount;
                if plan == Billed::Credited {
                    let credit = Fen(amount.0 / 10);
                    let draft = InvoiceDraft {
                        number: number(),
                        issued_on: after(15)
                            .filter(|d| *d <= last)
                            .unwrap_or(issued)
                            .to_string(),
                        gross: credit.plain(),
                        credits: Some(invoice.id),
                        note: "客户减少一场巡展，冲减 10%".into(),
                        ..InvoiceDraft::new(e.id, InvoiceKind::Production)
                    };
                    self.apply(am, &on, Command::RecordInvoice(Box::new(draft)))?;
                    owed = Fen(owed.0 - credit.0);
                }
                let paid_on = issued
                    .checked_add_days(Days::new(21))
                    .filter(|d| *d <= last);
                if plan != Billed::Unpaid
                    && let Some(paid_on) = paid_on
                {
                    let receipt = ReceiptDraft {
                        on: paid_on.to_string(),
                        amount: owed.plain(),
                        reference: format!("银行回单 {}", paid_on.format("%Y%m%d")),
                    };
                    self.apply(
                        am,
                        &on,
                        Command::RecordReceipt(invoice.id, Box::new(receipt)),
                    )?;
                }
            }
            if let Some(first) = v.lines.iter().position(|l| !l.vendor.is_empty())
                && let Some(cost) = v.lines[first].cost
                && let Some(cost_on) = after(20).filter(|d| *d <= last)
            {
                let draft = VendorCostDraft {
                    estimate_id: e.id,
                    line: first as u32 + 1,
                    vendor: String::new(),
                    net: cost.plain(),
                    tax: Fen(cost.0 * 6 / 100).plain(),
                    fapiao_number: number(),
                    on: cost_on.to_string(),
                };
                self.apply(am, &on, Command::RecordVendorCost(Box::new(draft)))?;
            }
        }
        Ok(())
    }

    fn newest_invoice(&self, e: &Estimate) -> Result<Invoice, SampleError> {
        self.store
            .read()?
            .job_rows::<Invoice>(e.job_id)?
            .into_iter()
            .filter(|i| i.estimate_id == e.id)
            .max_by_key(|i| i.id)
            .ok_or_else(|| SampleError::Data(format!("invoice of {}", e.number)))
    }
}

impl Loader<'_> {
    /// 蒙牛's monthly budget reports: October reviewed by the AM and issued (its PDF kept as
    /// sent), November submitted and waiting for the AM.
    pub(super) fn budget_reports(
        &mut self,
        clients: &[crate::domain::ClientId],
    ) -> Result<(), SampleError> {
        use crate::domain::budget::TaxBasis;
        use crate::domain::budget::road::{MonthlyReport, ReportDecision};
        use crate::reports::DocLang;
        use crate::services::budget_reports::ReportDraft;
        use crate::services::export::budget::prepare_step;
        let Some(client) = clients.get(super::clients::MENGNIU).copied() else {
            return Ok(());
        };
        let on = self
            .last_day
            .map_or_else(|| "2026-11-26".to_string(), |d| d.to_string());
        let today = super::loader::day(&on)?;
        /// Who takes which step.
        type Steps = &'static [(usize, ReportDecision)];
        let months: [(u32, &str, Steps); 2] = [
            (
                10,
                "特仑苏中秋礼盒尾款已开票；纯甄新年限定口味上市传播进入制作，首期款已开票。",
                &[
                    (super::clients::WANG, ReportDecision::Submit),
                    (super::clients::CHEN, ReportDecision::Approve),
                    (super::clients::WANG, ReportDecision::Issue),
                ],
            ),
            (
                11,
                "纯甄媒介计划待客户签署；签署后媒介预算执行率约 51%。",
                &[(super::clients::WANG, ReportDecision::Submit)],
            ),
        ];
        for (month, remarks, steps) in months {
            let draft = ReportDraft {
                client_id: client,
                year: 2026,
                month,
                basis: TaxBasis::Net,
                remarks: remarks.into(),
            };
            self.apply(
                Some(super::clients::WANG),
                &on,
                Command::SaveBudgetReport(Box::new(draft)),
            )?;
            let report = self
                .store
                .read()?
                .client_rows::<MonthlyReport>(client)?
                .into_iter()
                .find(|r| r.year == 2026 && r.month == month)
                .ok_or_else(|| SampleError::Data(format!("report 2026-{month}")))?;
            for (by, decision) in steps {
                let ask =
                    prepare_step(self.store, report.id, decision.clone(), DocLang::Zh, today)?;
                // An issued report's PDF is filed in the client's file as it goes out.
                let filed = ask.issued.as_ref().is_some_and(|i| i.file.is_some());
                self.apply(
                    Some(*by),
                    &on,
                    Command::DecideBudgetReport(report.id, Box::new(ask)),
                )?;
                self.summary.documents += usize::from(filed);
            }
        }
        Ok(())
    }
}
