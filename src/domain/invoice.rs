//! Client invoices (发票) and what is paid against them, and vendors' costs. The app records
//! fapiao — their type, number, date and amounts — it does not issue them; issuing is the
//! tax system's job.
//!
//! An invoice is raised against an estimate the client signed, in full or in part (a
//! deposit, a stage payment), and is of one of three kinds: production (制作费), media (媒介费)
//! or commission (佣金). A credit note (红字发票) reverses all or part of one invoice. Receipts
//! of payment are recorded against an invoice. Money records are never deleted: a mistake is
//! voided with a reason, and stays in the record.

use super::ids::{ClientId, EstimateId, InvoiceId, JobId, UserId, VendorCostId};
use super::money::Fen;
use super::stamp::{Audit, Stamp};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// What an invoice charges for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum InvoiceKind {
    /// 制作费: production work.
    Production,
    /// 媒介费: media bought for the client.
    Media,
    /// 佣金: the agency's commission on media.
    Commission,
}

impl InvoiceKind {
    /// Every kind, in the order offered.
    pub const ALL: [InvoiceKind; 3] = [
        InvoiceKind::Production,
        InvoiceKind::Media,
        InvoiceKind::Commission,
    ];

    /// Its Chinese and English names.
    pub fn names(self) -> (&'static str, &'static str) {
        match self {
            InvoiceKind::Production => ("制作费", "Production"),
            InvoiceKind::Media => ("媒介费", "Media"),
            InvoiceKind::Commission => ("佣金", "Commission"),
        }
    }

    /// Whether the budget counts it as media (media and the commission on it) rather than
    /// production.
    pub fn is_media(self) -> bool {
        matches!(self, InvoiceKind::Media | InvoiceKind::Commission)
    }
}

/// The kind of fapiao.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum FapiaoType {
    /// 数电专票: the fully digital special VAT invoice (the client deducts its input VAT).
    DigitalSpecial,
    /// 数电普票: the fully digital ordinary invoice.
    DigitalOrdinary,
    /// 纸质发票: a paper fapiao (before digital invoicing, or where still used).
    Paper,
}

impl FapiaoType {
    /// Every type, in the order offered.
    pub const ALL: [FapiaoType; 3] = [
        FapiaoType::DigitalSpecial,
        FapiaoType::DigitalOrdinary,
        FapiaoType::Paper,
    ];

    /// Its Chinese and English names.
    pub fn names(self) -> (&'static str, &'static str) {
        match self {
            FapiaoType::DigitalSpecial => ("数电专票", "Digital special VAT fapiao"),
            FapiaoType::DigitalOrdinary => ("数电普票", "Digital ordinary fapiao"),
            FapiaoType::Paper => ("纸质发票", "Paper fapiao"),
        }
    }

    /// Whether `number` is a number of this type: 20 digits for a digital fapiao, 8 for a
    /// paper one (its 10- or 12-digit code is kept in the note).
    pub fn number_fits(self, number: &str) -> bool {
        let digits = number.len();
        number.bytes().all(|b| b.is_ascii_digit())
            && match self {
                FapiaoType::DigitalSpecial | FapiaoType::DigitalOrdinary => digits == 20,
                FapiaoType::Paper => digits == 8,
            }
    }
}

/// Who voided a money record, when and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Voided {
    /// The person.
    pub by: UserId,
    /// When.
    pub at: DateTime<Utc>,
    /// Why, in their words.
    pub reason: String,
}

/// A payment received against an invoice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Receipt {
    /// The day the money arrived.
    pub on: NaiveDate,
    /// How much, with tax.
    pub amount: Fen,
    /// The bank's reference or a note.
    pub reference: String,
    /// Who recorded it, when.
    pub recorded: Stamp,
    /// Set when it was recorded by mistake.
    pub voided: Option<Voided>,
}

/// An invoice or a credit note, as the fapiao states it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Invoice {
    /// Its id.
    pub id: InvoiceId,
    /// The client invoiced.
    pub client_id: ClientId,
    /// The job.
    pub job_id: JobId,
    /// The signed estimate it bills.
    pub estimate_id: EstimateId,
    /// What it charges for.
    pub kind: InvoiceKind,
    /// The fapiao's type.
    pub fapiao: FapiaoType,
    /// The fapiao's number.
    pub number: String,
    /// The day it was issued.
    pub issued_on: NaiveDate,
    /// The day payment is due.
    pub due_on: NaiveDate,
    /// 不含税金额 (for a credit note: what it takes back, as a positive amount).
    pub net: Fen,
    /// 税额.
    pub tax: Fen,
    /// `Some`: a credit note (红字发票) reversing all or part of this invoice.
    pub credits: Option<InvoiceId>,
    /// A note (a paper fapiao's code, what a stage payment is for).
    pub note: String,
    /// Payments received against it.
    pub receipts: Vec<Receipt>,
    /// Set when it was recorded by mistake.
    pub voided: Option<Voided>,
    /// Created and last changed.
    pub audit: Audit,
}

/// How far past its due date an unpaid invoice is (the receivables' buckets).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Aging {
    /// Not due yet.
    NotDue,
    /// 1–30 days past due.
    Days30,
    /// 31–60 days.
    Days60,
    /// 61–90 days.
    Days90,
    /// Over 90 days.
    Over90,
}

impl Invoice {
    /// 价税合计.
    pub fn gross(&self) -> Fen {
        Fen(self.net.0.saturating_add(self.tax.0))
    }

    /// Whether it counts: not voided.
    pub fn is_live(&self) -> bool {
        self.voided.is_none()
    }

    /// Its effect on what the client owes and on what is executed: negative for a credit
    /// note, zero once voided. `(net, gross)`.
    pub fn effect(&self) -> (i64, i64) {
        if !self.is_live() {
            return (0, 0);
        }
        let sign = if self.credits.is_some() { -1 } else { 1 };
        (sign * self.net.0, sign * self.gross().0)
    }

    /// What was received against it (receipts not voided).
    pub fn received(&self) -> Fen {
        Fen(self
            .receipts
            .iter()
            .filter(|r| r.voided.is_none())
            .map(|r| r.amount.0)
            .sum())
    }

    /// What the client still owes on it, given what its credit notes took back (`credited`,
    /// with tax). Zero for a credit note or a voided invoice.
    pub fn outstanding(&self, credited: Fen) -> Fen {
        if !self.is_live() || self.credits.is_some() {
            return Fen(0);
        }
        Fen((self.gross().0 - credited.0 - self.received().0).max(0))
    }

    /// How far past due it is on `today` with `outstanding` unpaid.
    pub fn aging(&self, outstanding: Fen, today: NaiveDate) -> Aging {
        if outstanding.0 <= 0 || today <= self.due_on {
            return Aging::NotDue;
        }
        match (today - self.due_on).num_days() {
            ..=30 => Aging::Days30,
            31..=60 => Aging::Days60,
            61..=90 => Aging::Days90,
            _ => Aging::Over90,
        }
    }
}

/// A vendor's cost recorded against a line of a signed estimate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VendorCost {
    /// Its id.
    pub id: VendorCostId,
    /// The client whose job it is.
    pub client_id: ClientId,
    /// The job.
    pub job_id: JobId,
    /// The estimate.
    pub estimate_id: EstimateId,
    /// The line of the signed version, 1-based.
    pub line: u32,
    /// The vendor.
    pub vendor: String,
    /// What the vendor charged, without tax.
    pub net: Fen,
    /// The tax on it.
    pub tax: Fen,
    /// The vendor's fapiao number.
    pub fapiao_number: String,
    /// The day of the vendor's fapiao.
    pub on: NaiveDate,
    /// Set when it was recorded by mistake.
    pub voided: Option<Voided>,
    /// Created and last changed.
    pub audit: Audit,
}

/// Why an invoice, a credit note or a receipt is refused. Every problem is listed at once.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum InvoiceProblem {
    /// Nothing to invoice.
    #[error("the amount must be more than zero")]
    NoAmount,
    /// The number does not fit the fapiao's type.
    #[error("“{number}” is not a {kind:?} number (20 digits for a digital fapiao, 8 for paper)")]
    BadNumber {
        /// As typed.
        number: String,
        /// The type chosen.
        kind: FapiaoType,
    },
    /// The same fapiao recorded twice.
    #[error("fapiao {0} is already recorded")]
    DuplicateNumber(String),
    /// Due before it was issued.
    #[error("due on {due} but issued on {issued}")]
    DueBeforeIssue {
        /// Issued.
        issued: NaiveDate,
        /// Due.
        due: NaiveDate,
    },
    /// More invoiced than the client signed for.
    #[error("invoicing {asked} would take the estimate to {total}, over the {signed} signed")]
    OverSigned {
        /// This invoice, with tax.
        asked: Fen,
        /// Invoiced in all with it.
        total: Fen,
        /// Signed, with tax.
        signed: Fen,
    },
    /// A credit note larger than what is left of its invoice.
    #[error("the credit note takes back {asked}; only {left} of the invoice is left to credit")]
    OverCredit {
        /// The credit note, with tax.
        asked: Fen,
        /// The invoice less earlier credit notes.
        left: Fen,
    },
    /// A receipt larger than what is owed.
    #[error("{asked} received, but only {owed} is owed on the invoice")]
    OverPaid {
        /// The receipt.
        asked: Fen,
        /// Still owed.
        owed: Fen,
    },
}

impl InvoiceProblem {
    /// The problem as a person reads it, in Chinese (`zh`) or English.
    pub fn describe(&self, zh: bool) -> String {
        match (self, zh) {
            (InvoiceProblem::NoAmount, true) => "金额必须大于零".into(),
            (InvoiceProblem::NoAmount, false) => "the amount must be more than zero".into(),
            (InvoiceProblem::BadNumber { number, kind }, true) => format!(
                "“{number}”不是{}号码（数电发票 20 位，纸质发票 8 位）",
                kind.names().0
            ),
            (InvoiceProblem::BadNumber { number, kind }, false) => format!(
                "“{number}” is not a {} number (20 digits for a digital fapiao, 8 for paper)",
                kind.names().1.to_lowercase()
            ),
            (InvoiceProblem::DuplicateNumber(n), true) => format!("发票 {n} 已经记录过"),
            (InvoiceProblem::DuplicateNumber(n), false) => {
                format!("fapiao {n} is already recorded")
            }
            (InvoiceProblem::DueBeforeIssue { issued, due }, true) => {
                format!("到期日 {due} 早于开票日 {issued}")
            }
            (InvoiceProblem::DueBeforeIssue { issued, due }, false) => {
                format!("due on {due}, before it was issued on {issued}")
            }
            (
                InvoiceProblem::OverSigned {
                    asked,
                    total,
                    signed,
                },
                true,
            ) => format!(
                "开票 {asked} 后累计 {total}，超过客户签署的 {signed}；超出部分需先签变更单"
            ),
            (
                InvoiceProblem::OverSigned {
                    asked,
                    total,
                    signed,
                },
                false,
            ) => format!(
                "invoicing {asked} takes the estimate to {total}, over the {signed} the client signed; have a change order signed first"
            ),
            (InvoiceProblem::OverCredit { asked, left }, true) => {
                format!("红字发票 {asked} 超过原发票可冲减的 {left}")
            }
            (InvoiceProblem::OverCredit { asked, left }, false) => {
                format!("the credit note of {asked} is more than the {left} left to credit")
            }
            (InvoiceProblem::OverPaid { asked, owed }, true) => {
                format!("收款 {asked} 超过该发票应收的 {owed}")
            }
            (InvoiceProblem::OverPaid { asked, owed }, false) => {
                format!("{asked} received, but only {owed} is owed on the invoice")
            }
        }
    }
}

/// The invoices of one estimate so far, as a new one or a credit note is checked against
/// them.
#[derive(Debug, Clone, Copy)]
pub struct Invoiced<'a> {
    /// What the client signed, with tax.
    pub signed: Fen,
    /// Every invoice and credit note of the estimate.
    pub invoices: &'a [Invoice],
}

impl Invoiced<'_> {
    /// Invoiced with tax, net of credit notes.
    pub fn total(&self) -> Fen {
        Fen(self.invoices.iter().map(|i| i.effect().1).sum())
    }

    /// What credit notes took back from `invoice`, with tax.
    pub fn credited(&self, invoice: InvoiceId) -> Fen {
        Fen(self
            .invoices
            .iter()
            .filter(|i| i.is_live() && i.credits == Some(invoice))
            .map(|i| i.gross().0)
            .sum())
    }
}

/// Checks a new invoice or credit note against the estimate's invoices; `taken` says whether
/// a fapiao number is already recorded anywhere.
pub fn check_invoice(
    new: &Invoice,
    so_far: Invoiced<'_>,
    taken: impl Fn(&str) -> bool,
) -> Vec<InvoiceProblem> {
    let mut out = Vec::new();
    if new.gross().0 <= 0 || new.net.0 < 0 || new.tax.0 < 0 {
        out.push(InvoiceProblem::NoAmount);
    }
    if !new.fapiao.number_fits(&new.number) {
        out.push(InvoiceProblem::BadNumber {
            number: new.number.clone(),
            kind: new.fapiao,
        });
    } else if taken(&new.number) {
        out.push(InvoiceProblem::DuplicateNumber(new.number.clone()));
    }
    if new.due_on < new.issued_on {
        out.push(InvoiceProblem::DueBeforeIssue {
            issued: new.issued_on,
            due: new.due_on,
        });
    }
    match new.credits {
        None => {
            let total = Fen(so_far.total().0 + new.gross().0);
            if total.0 > so_far.signed.0 {
                out.push(InvoiceProblem::OverSigned {
                    asked: new.gross(),
                    total,
                    signed: so_far.signed,
                });
            }
        }
        Some(original) => {
            let left = so_far
                .invoices
                .iter()
                .find(|i| i.id == original && i.is_live() && i.credits.is_none())
                .map_or(Fen(0), |i| Fen(i.gross().0 - so_far.credited(original).0));
            if new.gross().0 > left.0 {
                out.push(InvoiceProblem::OverCredit {
                    asked: new.gross(),
                    left,
                });
            }
        }
    }
    out
}

/// Checks a receipt of `amount` against `invoice`, whose credit notes took back `credited`.
pub fn check_receipt(invoice: &Invoice, credited: Fen, amount: Fen) -> Vec<InvoiceProblem> {
    let mut out = Vec::new();
    if amount.0 <= 0 {
        out.push(InvoiceProblem::NoAmount);
    }
    let owed = invoice.outstanding(credited);
    if amount.0 > owed.0 {
        out.push(InvoiceProblem::OverPaid {
            asked: amount,
            owed,
        });
    }
    out
}

/// Splits an amount with tax into 不含税 and 税额 at `rate_bp`, as a fapiao does: the tax is
/// gross × rate / (1 + rate), rounded half up to the fen.
pub fn split_gross(gross: Fen, rate_bp: u32) -> (Fen, Fen) {
    let g = i128::from(gross.0);
    let r = i128::from(rate_bp);
    let den = 10_000 + r;
    let num = g * r;
    let tax = if num >= 0 {
        (num + den / 2) / den
    } else {
        -((-num + den / 2) / den)
    };
    let tax = i64::try_from(tax).unwrap_or(0);
    (Fen(gross.0 - tax), Fen(tax))
}

#[cfg(test)]
mod tests;
