//! Which records are kept under their own key, and what each belongs to: the key the engine
//! files it under and the access attributes it keeps beside the bytes.

use super::backend::{Access, Key};
use super::records::Record;
use crate::domain::schedule::{IssuedSchedule, JobSchedule};
use crate::domain::{Brand, BriefVersion, Client, Contact, Contract, Job, Meeting, User};

/// A record kept under its own key.
pub trait Entity: Record {
    /// Its key.
    fn key(&self) -> Key;
    /// What it belongs to (kept beside the bytes as plain columns).
    fn access(&self) -> Access;
}

impl Entity for User {
    fn key(&self) -> Key {
        Key::id(self.id.0)
    }
    fn access(&self) -> Access {
        Access {
            owner: self.id.0,
            state: u8::from(self.active),
            ..Access::default()
        }
    }
}

impl Entity for Client {
    fn key(&self) -> Key {
        Key::id(self.id.0)
    }
    fn access(&self) -> Access {
        Access {
            client: self.id.0,
            state: u8::from(self.archived),
            ..Access::default()
        }
    }
}

/// Records that belong to a client and nothing else.
macro_rules! of_client {
    ($($t:ty),*) => {$(
        impl Entity for $t {
            fn key(&self) -> Key {
                Key::id(self.id.0)
            }
            fn access(&self) -> Access {
                Access {
                    client: self.client_id.0,
                    ..Access::default()
                }
            }
        }
    )*};
}

of_client!(Contact, Contract, Brand);

impl Entity for Job {
    fn key(&self) -> Key {
        Key::id(self.id.0)
    }
    fn access(&self) -> Access {
        Access {
            client: self.client_id.0,
            job: self.id.0,
            state: self.status as u8,
            owner: self.team.ae.map_or(0, |u| u.0),
        }
    }
}

impl Entity for Meeting {
    fn key(&self) -> Key {
        Key::id(self.id.0)
    }
    fn access(&self) -> Access {
        Access {
            client: self.client_id.0,
            job: self.jobs.first().map_or(0, |j| j.0),
            state: u8::from(!self.sent.is_empty()),
            owner: self.audit.created.by.0,
        }
    }
}

impl Entity for BriefVersion {
    fn key(&self) -> Key {
        Key::pair(self.job_id.0, self.version)
    }
    fn access(&self) -> Access {
        Access {
            job: self.job_id.0,
            ..Access::default()
        }
    }
}

impl Entity for JobSchedule {
    fn key(&self) -> Key {
        Key::id(self.job_id.0)
    }
    fn access(&self) -> Access {
        Access {
            job: self.job_id.0,
            ..Access::default()
        }
    }
}

impl Entity for IssuedSchedule {
    fn key(&self) -> Key {
        Key::pair(self.job_id.0, self.version)
    }
    fn access(&self) -> Access {
        Access {
            job: self.job_id.0,
            ..Access::default()
        }
    }
}

impl Entity for crate::domain::Estimate {
    fn key(&self) -> Key {
        Key::id(self.id.0)
    }
    fn access(&self) -> Access {
        Access {
            client: self.client_id.0,
            job: self.job_id.0,
            state: super::records::estimate_state(self),
            owner: self.audit.created.by.0,
        }
    }
}

impl Entity for crate::domain::EstimateVersion {
    fn key(&self) -> Key {
        Key::pair(self.estimate_id.0, self.number)
    }
    fn access(&self) -> Access {
        Access {
            client: self.client_id.0,
            job: self.job_id.0,
            state: 0,
            owner: self.author.0,
        }
    }
}

impl Entity for crate::domain::estimate::Release {
    fn key(&self) -> Key {
        Key::pair(self.job_id.0, self.number)
    }
    fn access(&self) -> Access {
        Access {
            client: self.client_id.0,
            job: self.job_id.0,
            state: 0,
            owner: self.by.0,
        }
    }
}

impl Entity for crate::domain::budget::ClientBudget {
    fn key(&self) -> Key {
        Key::id(self.id.0)
    }
    fn access(&self) -> Access {
        Access {
            client: self.client_id.0,
            job: 0,
            state: 0,
            owner: self.revisions.last().map_or(0, |r| r.by.0),
        }
    }
}

impl Entity for crate::domain::invoice::Invoice {
    fn key(&self) -> Key {
        Key::id(self.id.0)
    }
    fn access(&self) -> Access {
        Access {
            client: self.client_id.0,
            job: self.job_id.0,
            state: 0,
            owner: self.audit.created.by.0,
        }
    }
}

impl Entity for crate::domain::invoice::VendorCost {
    fn key(&self) -> Key {
        Key::id(self.id.0)
    }
    fn access(&self) -> Access {
        Access {
            client: self.client_id.0,
            job: self.job_id.0,
            state: 0,
            owner: self.audit.created.by.0,
        }
    }
}

impl Entity for crate::domain::budget::road::MonthlyReport {
    fn key(&self) -> Key {
        Key::id(self.id.0)
    }
    fn access(&self) -> Access {
        Access {
            client: self.client_id.0,
            job: 0,
            state: self
                .current()
                .last()
                .map_or(0, |e| super::records::report_step_code(e.step)),
            owner: self.audit.created.by.0,
        }
    }
}

impl Entity for crate::domain::CreativeWork {
    fn key(&self) -> Key {
        Key::id(self.id.0)
    }
    fn access(&self) -> Access {
        Access {
            client: self.client_id.0,
            job: self.job_id.map_or(0, |j| j.0),
            state: 0,
            owner: self.audit.created.by.0,
        }
    }
}

impl Entity for crate::domain::LibraryItem {
    fn key(&self) -> Key {
        Key::id(self.id.0)
    }
    fn access(&self) -> Access {
        Access {
            client: self.client_id.0,
            job: self.job_id.map_or(0, |j| j.0),
            // Out on loan (1) or home (0).
            state: u8::from(self.out_on().is_some()),
            owner: self.audit.created.by.0,
        }
    }
}

impl Entity for crate::domain::Document {
    fn key(&self) -> Key {
        Key::id(self.id.0)
    }
    fn access(&self) -> Access {
        Access {
            client: self.client_id.0,
            job: self.job_id.map_or(0, |j| j.0),
            // In the trash (1) or not (0): the server can tell a put-aside document apart.
            state: u8::from(self.trashed.is_some()),
            owner: self.audit.created.by.0,
        }
    }
}
