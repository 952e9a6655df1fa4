//! Client invoices (with the receipts against them) and vendors' costs on disk.

use super::*;
use crate::domain::invoice::{FapiaoType, Invoice, InvoiceKind, Receipt, VendorCost, Voided};

codes!(invoice_kind_out, invoice_kind_in, InvoiceKind, Kind::Invoice, {
    InvoiceKind::Production => 1,
    InvoiceKind::Media => 2,
    InvoiceKind::Commission => 3,
});
codes!(fapiao_out, fapiao_in, FapiaoType, Kind::Invoice, {
    FapiaoType::DigitalSpecial => 1,
    FapiaoType::DigitalOrdinary => 2,
    FapiaoType::Paper => 3,
});

/// Who voided a money record, layout 1.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct VoidedV1 {
    by: u64,
    at_ms: i64,
    reason: String,
}

impl VoidedV1 {
    fn from_domain(v: &Voided) -> Self {
        VoidedV1 {
            by: v.by.0,
            at_ms: v.at.timestamp_millis(),
            reason: v.reason.clone(),
        }
    }

    fn into_domain(self, kind: Kind) -> Result<Voided, CodecError> {
        Ok(Voided {
            by: domain::UserId(self.by),
            at: moment_in(kind, self.at_ms)?,
            reason: self.reason,
        })
    }
}

/// A receipt of payment, layout 1.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ReceiptV1 {
    on: i32,
    amount_fen: i64,
    reference: String,
    recorded: StampV1,
    voided: Option<VoidedV1>,
}

/// A client invoice or credit note, layout 1.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct InvoiceV1 {
    id: u64,
    client_id: u64,
    job_id: u64,
    estimate_id: u64,
    kind: u8,
    fapiao: u8,
    number: String,
    issued_on: i32,
    due_on: i32,
    net_fen: i64,
    tax_fen: i64,
    credits: Option<u64>,
    note: String,
    receipts: Vec<ReceiptV1>,
    voided: Option<VoidedV1>,
    audit: AuditV1,
}

impl InvoiceV1 {
    fn from_domain(i: &Invoice) -> Self {
        InvoiceV1 {
            id: i.id.0,
            client_id: i.client_id.0,
            job_id: i.job_id.0,
            estimate_id: i.estimate_id.0,
            kind: invoice_kind_out(i.kind),
            fapiao: fapiao_out(i.fapiao),
            number: i.number.clone(),
            issued_on: date_out(i.issued_on),
            due_on: date_out(i.due_on),
            net_fen: i.net.0,
            tax_fen: i.tax.0,
            credits: i.credits.map(|c| c.0),
            note: i.note.clone(),
            receipts: i
                .receipts
                .iter()
                .map(|r| ReceiptV1 {
                    on: date_out(r.on),
                    amount_fen: r.amount.0,
                    reference: r.reference.clone(),
                    recorded: StampV1::from_domain(&r.recorded),
                    voided: r.voided.as_ref().map(VoidedV1::from_domain),
                })
                .collect(),
            voided: i.voided.as_ref().map(VoidedV1::from_domain),
            audit: AuditV1::from_domain(&i.audit),
        }
    }

    fn into_domain(self) -> Result<Invoice, CodecError> {
        const K: Kind = Kind::Invoice;
        let mut receipts = Vec::with_capacity(self.receipts.len());
        for r in self.receipts {
            receipts.push(Receipt {
                on: date_in(K, r.on)?,
                amount: domain::Fen(r.amount_fen),
                reference: r.reference,
                recorded: r.recorded.into_domain(K)?,
                voided: r.voided.map(|v| v.into_domain(K)).transpose()?,
            });
        }
        Ok(Invoice {
            id: domain::InvoiceId(self.id),
            client_id: domain::ClientId(self.client_id),
            job_id: domain::JobId(self.job_id),
            estimate_id: domain::EstimateId(self.estimate_id),
            kind: invoice_kind_in(self.kind)?,
            fapiao: fapiao_in(self.fapiao)?,
            number: self.number,
            issued_on: date_in(K, self.issued_on)?,
            due_on: date_in(K, self.due_on)?,
            net: domain::Fen(self.net_fen),
            tax: domain::Fen(self.tax_fen),
            credits: self.credits.map(domain::InvoiceId),
            note: self.note,
            receipts,
            voided: self.voided.map(|v| v.into_domain(K)).transpose()?,
            audit: self.audit.into_domain(K)?,
        })
    }
}
record_v1!(Invoice, InvoiceV1, Kind::Invoice);

/// A vendor's cost against an estimate line, layout 1.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct VendorCostV1 {
    id: u64,
    client_id: u64,
    job_id: u64,
    estimate_id: u64,
    line: u32,
    vendor: String,
    net_fen: i64,
    tax_fen: i64,
    fapiao_number: String,
    on: i32,
    voided: Option<VoidedV1>,
    audit: AuditV1,
}

impl VendorCostV1 {
    fn from_domain(c: &VendorCost) -> Self {
        VendorCostV1 {
            id: c.id.0,
            client_id: c.client_id.0,
            job_id: c.job_id.0,
            estimate_id: c.estimate_id.0,
            line: c.line,
            vendor: c.vendor.clone(),
            net_fen: c.net.0,
            tax_fen: c.tax.0,
            fapiao_number: c.fapiao_number.clone(),
            on: date_out(c.on),
            voided: c.voided.as_ref().map(VoidedV1::from_domain),
            audit: AuditV1::from_domain(&c.audit),
        }
    }

    fn into_domain(self) -> Result<VendorCost, CodecError> {
        const K: Kind = Kind::VendorCost;
        Ok(VendorCost {
            id: domain::VendorCostId(self.id),
            client_id: domain::ClientId(self.client_id),
            job_id: domain::JobId(self.job_id),
            estimate_id: domain::EstimateId(self.estimate_id),
            line: self.line,
            vendor: self.vendor,
            net: domain::Fen(self.net_fen),
            tax: domain::Fen(self.tax_fen),
            fapiao_number: self.fapiao_number,
            on: date_in(K, self.on)?,
            voided: self.voided.map(|v| v.into_domain(K)).transpose()?,
            audit: self.audit.into_domain(K)?,
        })
    }
}
record_v1!(VendorCost, VendorCostV1, Kind::VendorCost);
