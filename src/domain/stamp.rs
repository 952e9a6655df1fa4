//! Who changed a record, and when.

use super::ids::UserId;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// A change stamp: the user and the moment (UTC; shown in local time).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    /// The user who made the change.
    pub by: UserId,
    /// When the change was committed.
    pub at: DateTime<Utc>,
}

/// Creation and last-change stamps carried by every business record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Audit {
    /// Who created the record.
    pub created: Stamp,
    /// Who changed it last (equal to `created` until the first edit).
    pub updated: Stamp,
}

impl Audit {
    /// A new record's audit: created and updated at the same stamp.
    pub fn new(stamp: Stamp) -> Self {
        Audit {
            created: stamp,
            updated: stamp,
        }
    }

    /// The audit after an edit at `stamp`.
    pub fn touched(self, stamp: Stamp) -> Self {
        Audit {
            created: self.created,
            updated: stamp,
        }
    }
}
