//! A contract on disk.

use super::*;

/// A contract, layout 1.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ContractV1 {
    id: u64,
    client_id: u64,
    number: String,
    scope: String,
    start: i32,
    end: i32,
    value_fen: i64,
    status: u8,
    audit: AuditV1,
}

impl ContractV1 {
    fn from_domain(c: &domain::Contract) -> Self {
        ContractV1 {
            id: c.id.0,
            client_id: c.client_id.0,
            number: c.number.clone(),
            scope: c.scope.clone(),
            start: date_out(c.start),
            end: date_out(c.end),
            value_fen: c.value.0,
            status: contract_status_out(c.status),
            audit: AuditV1::from_domain(&c.audit),
        }
    }
    fn into_domain(self) -> Result<domain::Contract, CodecError> {
        Ok(domain::Contract {
            id: domain::ContractId(self.id),
            client_id: domain::ClientId(self.client_id),
            number: self.number,
            scope: self.scope,
            start: date_in(Kind::Contract, self.start)?,
            end: date_in(Kind::Contract, self.end)?,
            value: domain::Fen(self.value_fen),
            status: contract_status_in(self.status)?,
            audit: self.audit.into_domain(Kind::Contract)?,
        })
    }
}
record_v1!(domain::Contract, ContractV1, Kind::Contract);
