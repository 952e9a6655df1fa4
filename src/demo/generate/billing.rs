//! The generated agency's money after the signature: half of each signed production
//! estimate invoiced the day production starts, the balance when the job completes (the
//! deposit paid by then, a signed change order invoiced whole with it), everything paid
//! when the job is archived; and each client's
//! budget for the year, set when its first job of the year is requested.

use super::*;
use crate::domain::Fen;
use crate::domain::estimate::{EstimateKind, EstimateVersion};
use crate::domain::invoice::{FapiaoType, Invoice, InvoiceKind};
use crate::services::Batch;
use crate::services::invoices::{InvoiceDraft, ReceiptDraft};
use crate::store::Key;
use papers::JobPaper;

/// When in a job's life its money moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Billing {
    /// Production starts: the deposit.
    Deposit,
    /// The job is completed: the balance, and the deposit paid.
    Balance,
    /// The job is archived: everything paid.
    Settle,
}

impl Generator {
    /// The next 数电 fapiao number (20 digits).
    fn fapiao_number(&mut self) -> String {
        self.out.invoices += 1;
        format!(
            "{:020}",
            24_000_000_000_000_000_000u128 + self.out.invoices as u128
        )
    }

    /// Invoices and payments of the job's signed production estimates at `step`, recorded
    /// by the job's AM on `on`.
    pub(super) fn bill(
        &mut self,
        b: &mut Batch<'_>,
        job: JobId,
        spec: &GenJob,
        on: NaiveDate,
        step: Billing,
    ) -> Result<(), ServiceError> {
        let estimates = b.view().estimates(Some(job))?;
        let invoices: Vec<Invoice> = b.view().job_rows(job)?;
        for e in estimates.iter().filter(|e| match step {
            // The deposit is of the production estimate; change orders come with the balance.
            Billing::Deposit => e.kind == EstimateKind::Production,
            _ => e.kind.is_production(),
        }) {
            let Some(signed) = e.signed() else {
                continue;
            };
            let Some(v) = b
                .view()
                .get_at::<EstimateVersion>(Key::pair(e.id.0, signed.version))?
            else {
                continue;
            };
            let Ok(totals) = v.totals() else {
                continue;
            };
            let mine: Vec<&Invoice> = invoices.iter().filter(|i| i.estimate_id == e.id).collect();
            let billed: i64 = mine.iter().map(|i| i.effect().1).sum();
            let ctx = self.ctx(spec.am, on);
            let amount = match step {
                Billing::Deposit => Fen(totals.gross.0 / 2),
                _ => Fen(totals.gross.0 - billed),
            };
            if step != Billing::Settle && amount.0 > 0 {
                let number = self.fapiao_number();
                let draft = InvoiceDraft {
                    fapiao: FapiaoType::DigitalSpecial,
                    number: number.clone(),
                    issued_on: on.to_string(),
                    gross: amount.plain(),
                    note: match step {
                        Billing::Deposit => "首期款 50%".into(),
                        _ => "尾款".into(),
                    },
                    ..InvoiceDraft::new(e.id, InvoiceKind::Production)
                };
                b.apply(&ctx, Command::RecordInvoice(Box::new(draft)))?;
                // Filed as issued, under its fapiao number.
                self.file_paper(b, &ctx, job, JobPaper::Invoice, (on, &number))?;
            }
            if step == Billing::Deposit {
                continue;
            }
            // Payments: the deposit when the job completes, the rest when it is archived.
            for i in &mine {
                let owed = i.outstanding(Fen(0));
                if owed.0 <= 0 || (step == Billing::Balance && i.issued_on >= on) {
                    continue;
                }
                let receipt = ReceiptDraft {
                    on: on.to_string(),
                    amount: owed.plain(),
                    reference: format!("银行回单 {}", on.format("%Y%m%d")),
                };
                b.apply(&ctx, Command::RecordReceipt(i.id, Box::new(receipt)))?;
                self.out.receipts += 1;
            }
        }
        Ok(())
    }

    /// The client's budget for `on`'s year, the first time one of its jobs is requested in
    /// it: media and production, recorded by the job's AM.
    pub(super) fn budget_for(
        &mut self,
        b: &mut Batch<'_>,
        client: ClientId,
        spec: &GenJob,
        on: NaiveDate,
    ) -> Result<(), ServiceError> {
        if !self.budgeted.insert((client, on.year())) {
            return Ok(());
        }
        let production = 2_000_000 + self.rng.between(0, 60) * 100_000;
        let media = production * (2 + self.rng.between(0, 3)) / 2;
        let draft = crate::services::BudgetDraft {
            client_id: client,
            brand_id: None,
            year: on.year(),
            start_month: 1,
            media: format!("{media}"),
            production: format!("{production}"),
            from: String::new(),
            reason: String::new(),
        };
        let ctx = self.ctx(spec.am, on);
        b.apply(&ctx, Command::SaveBudget(Box::new(draft)))?;
        self.out.budgets += 1;
        Ok(())
    }
}
