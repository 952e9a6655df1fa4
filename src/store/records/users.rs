//! A user on disk.

use super::*;

/// A user, layout 1.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct UserV1 {
    id: u64,
    name: String,
    role: u8,
    active: bool,
}

impl UserV1 {
    fn from_domain(u: &domain::User) -> Self {
        UserV1 {
            id: u.id.0,
            name: u.name.clone(),
            role: role_out(u.role),
            active: u.active,
        }
    }
    fn into_domain(self) -> Result<domain::User, CodecError> {
        Ok(domain::User {
            id: domain::UserId(self.id),
            name: self.name,
            role: role_in(self.role)?,
            active: self.active,
        })
    }
}
record_v1!(domain::User, UserV1, Kind::User);
