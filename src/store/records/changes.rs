//! An entry of the change log on disk.

use super::*;

/// A change-log entry, layout 1.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ChangeV1 {
    stamp: StampV1,
    subject: u8,
    id: u64,
    action: u8,
    summary: String,
}

impl ChangeV1 {
    fn from_domain(c: &domain::Change) -> Self {
        ChangeV1 {
            stamp: StampV1::from_domain(&c.stamp),
            subject: subject_out(c.subject),
            id: c.id,
            action: action_out(c.action),
            summary: c.summary.clone(),
        }
    }
    fn into_domain(self) -> Result<domain::Change, CodecError> {
        Ok(domain::Change {
            stamp: self.stamp.into_domain(Kind::Change)?,
            subject: subject_in(self.subject)?,
            id: self.id,
            action: action_in(self.action)?,
            summary: self.summary,
        })
    }
}
record_v1!(domain::Change, ChangeV1, Kind::Change);
