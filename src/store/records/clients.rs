//! A client on disk.

use super::*;

/// A client, layout 1.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ClientV1 {
    id: u64,
    name: String,
    short_name: String,
    industry: String,
    address: String,
    phone: String,
    since: Option<i32>,
    notes: String,
    archived: bool,
    audit: AuditV1,
}

impl ClientV1 {
    fn from_domain(c: &domain::Client) -> Self {
        ClientV1 {
            id: c.id.0,
            name: c.name.clone(),
            short_name: c.short_name.clone(),
            industry: c.industry.clone(),
            address: c.address.clone(),
            phone: c.phone.clone(),
            since: c.since.map(date_out),
            notes: c.notes.clone(),
            archived: c.archived,
            audit: AuditV1::from_domain(&c.audit),
        }
    }
    fn into_domain(self) -> Result<domain::Client, CodecError> {
        Ok(domain::Client {
            id: domain::ClientId(self.id),
            name: self.name,
            short_name: self.short_name,
            industry: self.industry,
            address: self.address,
            phone: self.phone,
            since: opt_date_in(Kind::Client, self.since)?,
            notes: self.notes,
            archived: self.archived,
            audit: self.audit.into_domain(Kind::Client)?,
        })
    }
}
record_v1!(domain::Client, ClientV1, Kind::Client);
