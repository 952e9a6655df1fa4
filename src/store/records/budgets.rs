//! A client's annual budget on disk.

use super::*;
use crate::domain::budget::{BudgetRevision, ClientBudget, FiscalYear};

/// One revision of a budget, layout 1.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BudgetRevisionV1 {
    media_fen: i64,
    production_fen: i64,
    from: i32,
    reason: String,
    by: u64,
    at_ms: i64,
}

/// A client's annual budget, layout 1.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BudgetV1 {
    id: u64,
    client_id: u64,
    brand_id: Option<u64>,
    year: i32,
    start_month: u8,
    revisions: Vec<BudgetRevisionV1>,
    audit: AuditV1,
}

impl BudgetV1 {
    fn from_domain(b: &ClientBudget) -> Self {
        BudgetV1 {
            id: b.id.0,
            client_id: b.client_id.0,
            brand_id: b.brand_id.map(|x| x.0),
            year: b.year.year,
            start_month: u8::try_from(b.year.start_month).unwrap_or(1),
            revisions: b
                .revisions
                .iter()
                .map(|r| BudgetRevisionV1 {
                    media_fen: r.media.0,
                    production_fen: r.production.0,
                    from: date_out(r.from),
                    reason: r.reason.clone(),
                    by: r.by.0,
                    at_ms: r.at.timestamp_millis(),
                })
                .collect(),
            audit: AuditV1::from_domain(&b.audit),
        }
    }

    fn into_domain(self) -> Result<ClientBudget, CodecError> {
        const K: Kind = Kind::Budget;
        if !(1..=12).contains(&self.start_month) {
            return Err(bad(
                K,
                format!("a fiscal year starting in month {}", self.start_month),
            ));
        }
        let mut revisions = Vec::with_capacity(self.revisions.len());
        for r in self.revisions {
            revisions.push(BudgetRevision {
                media: domain::Fen(r.media_fen),
                production: domain::Fen(r.production_fen),
                from: date_in(K, r.from)?,
                reason: r.reason,
                by: domain::UserId(r.by),
                at: moment_in(K, r.at_ms)?,
            });
        }
        Ok(ClientBudget {
            id: domain::BudgetId(self.id),
            client_id: domain::ClientId(self.client_id),
            brand_id: self.brand_id.map(domain::BrandId),
            year: FiscalYear {
                year: self.year,
                start_month: u32::from(self.start_month),
            },
            revisions,
            audit: self.audit.into_domain(K)?,
        })
    }
}
record_v1!(ClientBudget, BudgetV1, Kind::Budget);
