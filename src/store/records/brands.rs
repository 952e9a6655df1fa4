//! A brand on disk.

use super::*;

/// A brand, layout 1.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BrandV1 {
    id: u64,
    client_id: u64,
    name: String,
    facts: String,
    key_points: String,
    positioning: String,
    competitors: Vec<String>,
    audit: AuditV1,
}

impl BrandV1 {
    fn from_domain(b: &domain::Brand) -> Self {
        BrandV1 {
            id: b.id.0,
            client_id: b.client_id.0,
            name: b.name.clone(),
            facts: b.facts.clone(),
            key_points: b.key_points.clone(),
            positioning: b.positioning.clone(),
            competitors: b.competitors.clone(),
            audit: AuditV1::from_domain(&b.audit),
        }
    }
    fn into_domain(self) -> Result<domain::Brand, CodecError> {
        Ok(domain::Brand {
            id: domain::BrandId(self.id),
            client_id: domain::ClientId(self.client_id),
            name: self.name,
            facts: self.facts,
            key_points: self.key_points,
            positioning: self.positioning,
            competitors: self.competitors,
            audit: self.audit.into_domain(Kind::Brand)?,
        })
    }
}
record_v1!(domain::Brand, BrandV1, Kind::Brand);
