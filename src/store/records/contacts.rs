//! A client's contact on disk.

use super::*;

/// A contact, layout 1.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ContactV1 {
    id: u64,
    client_id: u64,
    name: String,
    title: String,
    phone: String,
    email: String,
    wechat: String,
    notes: String,
    audit: AuditV1,
}

impl ContactV1 {
    fn from_domain(c: &domain::Contact) -> Self {
        ContactV1 {
            id: c.id.0,
            client_id: c.client_id.0,
            name: c.name.clone(),
            title: c.title.clone(),
            phone: c.phone.clone(),
            email: c.email.clone(),
            wechat: c.wechat.clone(),
            notes: c.notes.clone(),
            audit: AuditV1::from_domain(&c.audit),
        }
    }
    fn into_domain(self) -> Result<domain::Contact, CodecError> {
        Ok(domain::Contact {
            id: domain::ContactId(self.id),
            client_id: domain::ClientId(self.client_id),
            name: self.name,
            title: self.title,
            phone: self.phone,
            email: self.email,
            wechat: self.wechat,
            notes: self.notes,
            audit: self.audit.into_domain(Kind::Contact)?,
        })
    }
}
record_v1!(domain::Contact, ContactV1, Kind::Contact);
