//! What screens read: a read-only handle on the database. Screens never hold the store
//! itself (they cannot write, and do not know which engine is underneath); every change goes
//! through a [`super::Command`].

use crate::domain::JobId;
use crate::domain::schedule::{IssuedSchedule, JobSchedule};
use crate::store::{Entity, ReadView, Store};

/// Why something could not be read: the store's error, with its sentence for a person
/// ([`ReadError::message`]).
pub type ReadError = crate::store::StoreError;

/// A read-only handle on the database.
#[derive(Debug, Clone, Copy)]
pub struct Reader<'a> {
    store: &'a Store,
}

impl<'a> From<&'a Store> for Reader<'a> {
    fn from(store: &'a Store) -> Reader<'a> {
        Reader { store }
    }
}

impl<'a> Reader<'a> {
    /// Reads through `store`.
    pub fn new(store: &'a Store) -> Reader<'a> {
        Reader { store }
    }

    /// A consistent snapshot for several reads.
    pub fn read(&self) -> Result<ReadView, ReadError> {
        self.store.read()
    }

    /// One record by id.
    pub fn get<T: Entity>(&self, id: u64) -> Result<Option<T>, ReadError> {
        self.store.get(id)
    }

    /// Every version of a job's brief, oldest first.
    pub fn brief_versions(
        &self,
        job: JobId,
    ) -> Result<Vec<crate::domain::BriefVersion>, ReadError> {
        self.store.brief_versions(job)
    }

    /// A job's working schedule, if it has one.
    pub fn schedule(&self, job: JobId) -> Result<Option<JobSchedule>, ReadError> {
        self.store.schedule(job)
    }

    /// The versions of a job's schedule issued to the client, oldest first.
    pub fn issued_schedules(&self, job: JobId) -> Result<Vec<IssuedSchedule>, ReadError> {
        self.store.issued_schedules(job)
    }
}
