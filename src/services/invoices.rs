//! Use cases of invoices: record a client's fapiao (or a credit note, 红字发票) against an
//! estimate the client signed, record payments received against it, and record vendors'
//! costs against the signed estimate's lines. The app records fapiao; it does not issue them.
//!
//! Money records are never deleted and these changes are not undone: a mistake is voided
//! with a reason and stays in the record.

use super::*;
use crate::domain::estimate::{Estimate, EstimateVersion};
use crate::domain::invoice::{
    self as inv, FapiaoType, Invoice, InvoiceKind, InvoiceProblem, Invoiced, Receipt, VendorCost,
    Voided,
};
use crate::domain::{EstimateId, Fen, InvoiceId, VendorCostId};

/// What a person typed for an invoice or a credit note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvoiceDraft {
    /// The signed estimate it bills.
    pub estimate_id: EstimateId,
    /// What it charges for.
    pub kind: InvoiceKind,
    /// The fapiao's type.
    pub fapiao: FapiaoType,
    /// The fapiao's number, as typed.
    pub number: String,
    /// The day it was issued (empty: today).
    pub issued_on: String,
    /// The day payment is due (empty: 30 days after it was issued).
    pub due_on: String,
    /// 价税合计, as typed.
    pub gross: String,
    /// 税额, as typed (empty: computed at the signed version's tax rate).
    pub tax: String,
    /// `Some`: a credit note reversing all or part of this invoice.
    pub credits: Option<InvoiceId>,
    /// A note (a paper fapiao's code, what a stage payment is for).
    pub note: String,
}

impl InvoiceDraft {
    /// An empty draft against `estimate`.
    pub fn new(estimate_id: EstimateId, kind: InvoiceKind) -> InvoiceDraft {
        InvoiceDraft {
            estimate_id,
            kind,
            fapiao: FapiaoType::DigitalSpecial,
            number: String::new(),
            issued_on: String::new(),
            due_on: String::new(),
            gross: String::new(),
            tax: String::new(),
            credits: None,
            note: String::new(),
        }
    }
}

/// What a person typed for a payment received.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ReceiptDraft {
    /// The day the money arrived (empty: today).
    pub on: String,
    /// How much, with tax, as typed.
    pub amount: String,
    /// The bank's reference or a note.
    pub reference: String,
}

/// What a person typed for a vendor's cost.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VendorCostDraft {
    /// The signed estimate.
    pub estimate_id: EstimateId,
    /// The line of its signed version, 1-based.
    pub line: u32,
    /// The vendor (empty: the line's vendor).
    pub vendor: String,
    /// What the vendor charged without tax, as typed.
    pub net: String,
    /// The tax on it, as typed (empty: none).
    pub tax: String,
    /// The vendor's fapiao number.
    pub fapiao_number: String,
    /// The day of the vendor's fapiao (empty: today).
    pub on: String,
}

/// Days from issue to due when none is typed.
pub const DEFAULT_DUE_DAYS: u64 = 30;

fn field_error(field: &'static str, problem: Problem) -> ServiceError {
    ServiceError::Invalid(FieldError { field, problem })
}

fn day(field: &'static str, text: &str, default: NaiveDate) -> Result<NaiveDate, ServiceError> {
    match text.trim() {
        "" => Ok(default),
        t => format::parse_date(t).ok_or_else(|| field_error(field, Problem::BadDate)),
    }
}

fn amount(field: &'static str, text: &str) -> Result<Fen, ServiceError> {
    Fen::parse(text.trim()).map_err(|e| field_error(field, Problem::BadMoney(e)))
}

fn refused(r: MoneyRefusal) -> ServiceError {
    ServiceError::Money(r)
}

fn problems(list: Vec<InvoiceProblem>) -> Result<(), ServiceError> {
    match list.is_empty() {
        true => Ok(()),
        false => Err(refused(MoneyRefusal::Invoice(list))),
    }
}

/// The estimate and the version its client signed (with a matching hash), or why it cannot
/// be billed.
fn signed_version(
    tx: &WriteTx,
    id: EstimateId,
) -> Result<(Estimate, EstimateVersion), ServiceError> {
    let e: Estimate = need(tx, "estimate", id.0)?;
    let Some(version) = e.signed().map(|s| s.version) else {
        return Err(refused(MoneyRefusal::NotSigned(e.number.clone())));
    };
    let v = tx
        .get_at::<EstimateVersion>(Key::pair(e.id.0, version))?
        .ok_or(ServiceError::NotFound {
            what: "estimate version",
            id: e.id.0,
        })?;
    Ok((e, v))
}

/// The invoices of one estimate.
fn invoices_of(tx: &WriteTx, e: &Estimate) -> Result<Vec<Invoice>, ServiceError> {
    Ok(tx
        .job_rows::<Invoice>(e.job_id)?
        .into_iter()
        .filter(|i| i.estimate_id == e.id)
        .collect())
}

/// Records an invoice or a credit note against a signed estimate.
pub(super) fn record(
    tx: &mut WriteTx,
    ctx: &Ctx,
    d: InvoiceDraft,
) -> Result<Outcome, ServiceError> {
    let (e, v) = signed_version(tx, d.estimate_id)?;
    let signed = v.totals().map_err(|_| refused(MoneyRefusal::TooLarge))?;
    let issued_on = day("issued_on", &d.issued_on, ctx.today)?;
    let due_on = day(
        "invoice_due",
        &d.due_on,
        issued_on
            .checked_add_days(chrono::Days::new(DEFAULT_DUE_DAYS))
            .unwrap_or(issued_on),
    )?;
    let gross = amount("gross", &d.gross)?;
    let (net, tax) = match d.tax.trim() {
        "" => inv::split_gross(gross, v.tax.rate_bp()),
        t => {
            let tax = amount("tax", t)?;
            (Fen(gross.0 - tax.0), tax)
        }
    };
    let note = crate::domain::text::optional_line("note", &d.note)?;
    // The job's invoices: a fapiao recorded twice is almost always entered twice on the same
    // job, and the job's index finds them without reading every invoice of the agency.
    let of_job: Vec<Invoice> = tx.job_rows(e.job_id)?;
    let so_far: Vec<Invoice> = of_job
        .iter()
        .filter(|i| i.estimate_id == e.id)
        .cloned()
        .collect();
    let kind = match d.credits {
        // A credit note is of its invoice's kind.
        Some(original) => so_far
            .iter()
            .find(|i| i.id == original)
            .map_or(d.kind, |i| i.kind),
        None => d.kind,
    };
    let invoice = Invoice {
        id: InvoiceId(tx.next_id()?),
        client_id: e.client_id,
        job_id: e.job_id,
        estimate_id: e.id,
        kind,
        fapiao: d.fapiao,
        number: crate::domain::text::ascii_digits(d.number.trim()),
        issued_on,
        due_on,
        net,
        tax,
        credits: d.credits,
        note,
        receipts: Vec::new(),
        voided: None,
        audit: Audit::new(ctx.stamp()),
    };
    problems(inv::check_invoice(
        &invoice,
        Invoiced {
            signed: signed.gross,
            invoices: &so_far,
        },
        |n| of_job.iter().any(|i| i.is_live() && i.number == n),
    ))?;
    tx.put(&invoice)?;
    let what = match invoice.credits {
        Some(_) => "红字发票",
        None => invoice.kind.names().0,
    };
    Ok(done(
        Subject::Estimate,
        e.id.0,
        Action::Updated,
        format!(
            "{} {what} {} {} 价税合计 {}",
            e.number,
            invoice.fapiao.names().0,
            invoice.number,
            invoice.gross()
        ),
        None,
    ))
}

fn reason_of(reason: &str) -> Result<String, ServiceError> {
    let reason = crate::domain::text::optional_line("void_reason", reason)?;
    match reason.is_empty() {
        true => Err(field_error("void_reason", Problem::Required)),
        false => Ok(reason),
    }
}

/// Marks a money record voided by the current user with `reason`: refused when it already
/// is, so a record is voided once, by one person, for one reason.
fn void_once(slot: &mut Option<Voided>, ctx: &Ctx, reason: &str) -> Result<(), ServiceError> {
    if slot.is_some() {
        return Err(refused(MoneyRefusal::AlreadyVoided));
    }
    *slot = Some(Voided {
        by: ctx.actor,
        at: ctx.now,
        reason: reason.to_string(),
    });
    Ok(())
}

/// The invoice, its estimate's invoices and what its credit notes took back.
fn with_credits(tx: &WriteTx, id: InvoiceId) -> Result<(Invoice, Fen, Estimate), ServiceError> {
    let invoice: Invoice = need(tx, "invoice", id.0)?;
    let e: Estimate = need(tx, "estimate", invoice.estimate_id.0)?;
    let all = invoices_of(tx, &e)?;
    let credited = Invoiced {
        signed: Fen(0),
        invoices: &all,
    }
    .credited(id);
    Ok((invoice, credited, e))
}

/// Records a payment received against an invoice.
pub(super) fn receive(
    tx: &mut WriteTx,
    ctx: &Ctx,
    id: InvoiceId,
    d: ReceiptDraft,
) -> Result<Outcome, ServiceError> {
    let (mut invoice, credited, e) = with_credits(tx, id)?;
    if !invoice.is_live() || invoice.credits.is_some() {
        return Err(refused(MoneyRefusal::NotPayable(invoice.number.clone())));
    }
    let on = day("received_on", &d.on, ctx.today)?;
    let paid = amount("received", &d.amount)?;
    problems(inv::check_receipt(&invoice, credited, paid))?;
    let reference = crate::domain::text::optional_line("reference", &d.reference)?;
    invoice.receipts.push(Receipt {
        on,
        amount: paid,
        reference,
        recorded: ctx.stamp(),
        voided: None,
    });
    invoice.audit = invoice.audit.touched(ctx.stamp());
    tx.put(&invoice)?;
    Ok(done(
        Subject::Estimate,
        e.id.0,
        Action::Updated,
        format!("{} 发票 {} 收款 {paid}（{on}）", e.number, invoice.number),
        None,
    ))
}

/// Voids an invoice or credit note recorded by mistake. An invoice with payments or credit
/// notes still counting is not voided: those are voided first.
pub(super) fn void(
    tx: &mut WriteTx,
    ctx: &Ctx,
    id: InvoiceId,
    reason: &str,
) -> Result<Outcome, ServiceError> {
    let reason = reason_of(reason)?;
    let (mut invoice, credited, e) = with_credits(tx, id)?;
    if invoice.is_live() && (credited.0 > 0 || invoice.received().0 > 0) {
        return Err(refused(MoneyRefusal::InvoiceInUse(invoice.number.clone())));
    }
    void_once(&mut invoice.voided, ctx, &reason)?;
    invoice.audit = invoice.audit.touched(ctx.stamp());
    tx.put(&invoice)?;
    Ok(done(
        Subject::Estimate,
        e.id.0,
        Action::Updated,
        format!("{} 发票 {} 作废：{reason}", e.number, invoice.number),
        None,
    ))
}

/// Voids the `index`-th receipt (0-based) of an invoice.
pub(super) fn void_receipt(
    tx: &mut WriteTx,
    ctx: &Ctx,
    id: InvoiceId,
    index: usize,
    reason: &str,
) -> Result<Outcome, ServiceError> {
    let reason = reason_of(reason)?;
    let mut invoice: Invoice = need(tx, "invoice", id.0)?;
    let Some(receipt) = invoice.receipts.get_mut(index) else {
        return Err(ServiceError::NotFound {
            what: "receipt",
            id: index as u64,
        });
    };
    void_once(&mut receipt.voided, ctx, &reason)?;
    let paid = receipt.amount;
    invoice.audit = invoice.audit.touched(ctx.stamp());
    tx.put(&invoice)?;
    Ok(done(
        Subject::Estimate,
        invoice.estimate_id.0,
        Action::Updated,
        format!("发票 {} 的收款 {paid} 作废：{reason}", invoice.number),
        None,
    ))
}

/// Records a vendor's cost against a line of the signed version.
pub(super) fn record_cost(
    tx: &mut WriteTx,
    ctx: &Ctx,
    d: VendorCostDraft,
) -> Result<Outcome, ServiceError> {
    let (e, v) = signed_version(tx, d.estimate_id)?;
    let Some(line) = (d.line as usize)
        .checked_sub(1)
        .and_then(|i| v.lines.get(i))
    else {
        return Err(refused(MoneyRefusal::NoLine(d.line)));
    };
    let vendor = match d.vendor.trim() {
        "" => line.vendor.clone(),
        t => crate::domain::text::required_line("vendor", t)?,
    };
    if vendor.trim().is_empty() {
        return Err(field_error("vendor", Problem::Required));
    }
    let net = amount("cost", &d.net)?;
    let tax = match d.tax.trim() {
        "" => Fen(0),
        t => amount("cost_tax", t)?,
    };
    if net.0 <= 0 || tax.0 < 0 {
        return Err(refused(MoneyRefusal::Invoice(vec![
            InvoiceProblem::NoAmount,
        ])));
    }
    let cost = VendorCost {
        id: VendorCostId(tx.next_id()?),
        client_id: e.client_id,
        job_id: e.job_id,
        estimate_id: e.id,
        line: d.line,
        vendor,
        net,
        tax,
        fapiao_number: crate::domain::text::optional_line("fapiao_number", &d.fapiao_number)?,
        on: day("cost_on", &d.on, ctx.today)?,
        voided: None,
        audit: Audit::new(ctx.stamp()),
    };
    tx.put(&cost)?;
    Ok(done(
        Subject::Estimate,
        e.id.0,
        Action::Updated,
        format!(
            "{} 第 {} 行 供应商成本 {} {}",
            e.number, cost.line, cost.vendor, cost.net
        ),
        None,
    ))
}

/// Voids a vendor's cost recorded by mistake.
pub(super) fn void_cost(
    tx: &mut WriteTx,
    ctx: &Ctx,
    id: VendorCostId,
    reason: &str,
) -> Result<Outcome, ServiceError> {
    let reason = reason_of(reason)?;
    let mut cost: VendorCost = need(tx, "vendor cost", id.0)?;
    void_once(&mut cost.voided, ctx, &reason)?;
    cost.audit = cost.audit.touched(ctx.stamp());
    tx.put(&cost)?;
    Ok(done(
        Subject::Estimate,
        cost.estimate_id.0,
        Action::Updated,
        format!("供应商成本 {} {} 作废：{reason}", cost.vendor, cost.net),
        None,
    ))
}

/// A job's invoices and vendors' costs, as the estimate page shows them.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct JobBilling {
    /// Every invoice and credit note, voided ones included, oldest first.
    pub invoices: Vec<Invoice>,
    /// Every vendor cost, voided ones included, oldest first.
    pub costs: Vec<VendorCost>,
}

impl JobBilling {
    /// Those of one estimate.
    pub fn of_estimate(&self, id: EstimateId) -> JobBilling {
        JobBilling {
            invoices: self
                .invoices
                .iter()
                .filter(|i| i.estimate_id == id)
                .cloned()
                .collect(),
            costs: self
                .costs
                .iter()
                .filter(|c| c.estimate_id == id)
                .cloned()
                .collect(),
        }
    }

    /// What credit notes took back from `invoice`, with tax.
    pub fn credited(&self, invoice: InvoiceId) -> Fen {
        Invoiced {
            signed: Fen(0),
            invoices: &self.invoices,
        }
        .credited(invoice)
    }

    /// Invoiced with tax, net of credit notes.
    pub fn invoiced(&self) -> Fen {
        Invoiced {
            signed: Fen(0),
            invoices: &self.invoices,
        }
        .total()
    }

    /// Received, with tax.
    pub fn received(&self) -> Fen {
        Fen(self
            .invoices
            .iter()
            .filter(|i| i.is_live())
            .map(|i| i.received().0)
            .sum())
    }

    /// What the client still owes, with tax.
    pub fn outstanding(&self) -> Fen {
        Fen(self
            .invoices
            .iter()
            .map(|i| i.outstanding(self.credited(i.id)).0)
            .sum())
    }

    /// Vendors' costs that count, without tax.
    pub fn cost(&self) -> Fen {
        Fen(self
            .costs
            .iter()
            .filter(|c| c.voided.is_none())
            .map(|c| c.net.0)
            .sum())
    }
}
