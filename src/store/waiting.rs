//! Estimates picked by their rows' bookkeeping: the code of the newest step and the client
//! are kept beside each record (its access attributes), so the estimates waiting for a
//! decision, or one client's, are found without decoding the rest — a decade's agency has
//! tens of thousands.

use super::{ALL_KEYS, Kind, ReadView, StoreError};
use crate::domain::Estimate;
use crate::domain::estimate::EstimateStep;

impl ReadView {
    /// The estimates whose newest step is one of `steps`, in creation order.
    pub fn estimates_at(&self, steps: &[EstimateStep]) -> Result<Vec<Estimate>, StoreError> {
        let codes: Vec<u8> = steps
            .iter()
            .map(|s| super::records::step_code(*s))
            .collect();
        let shared = &self.shared;
        let mut out = Vec::new();
        shared.guard(|| {
            self.txn
                .range(Kind::Estimate, ALL_KEYS, false, true, &mut |key, row| {
                    let row = row?;
                    if codes.contains(&row.meta.access.state) {
                        out.push(shared.decode_entity(key, &row.bytes)?);
                    }
                    Ok(true)
                })
        })?;
        Ok(out)
    }
}

impl ReadView {
    /// The estimates of a client, in creation order, read by their rows' client before any
    /// is decoded.
    pub fn estimates_of_client(
        &self,
        client: crate::domain::ClientId,
    ) -> Result<Vec<Estimate>, StoreError> {
        self.client_rows(client)
    }

    /// The records of a kind that belong to a client, in key order, picked by their rows'
    /// client before any is decoded.
    pub fn client_rows<T: super::Entity>(
        &self,
        client: crate::domain::ClientId,
    ) -> Result<Vec<T>, StoreError> {
        let shared = &self.shared;
        let mut out = Vec::new();
        shared.guard(|| {
            self.txn
                .range(T::KIND, ALL_KEYS, false, true, &mut |key, row| {
                    let row = row?;
                    if row.meta.access.client == client.0 {
                        out.push(shared.decode_entity(key, &row.bytes)?);
                    }
                    Ok(true)
                })
        })?;
        Ok(out)
    }
}

impl ReadView {
    /// The records of a kind indexed by job ([`Kind::by_job`]) that belong to a client's
    /// jobs: the client's jobs found by their rows' client (none decoded), then each job's
    /// rows through the index by job — a client's money without reading the agency's.
    pub fn client_job_rows<T: super::Entity>(
        &self,
        client: crate::domain::ClientId,
    ) -> Result<Vec<T>, StoreError> {
        let mut out = Vec::new();
        for job in self.client_jobs(client)? {
            out.extend(self.job_rows::<T>(job)?);
        }
        Ok(out)
    }

    /// The ids of a client's jobs, in key order, found by their rows' client (none decoded).
    pub fn client_jobs(
        &self,
        client: crate::domain::ClientId,
    ) -> Result<Vec<crate::domain::JobId>, StoreError> {
        let mut jobs = Vec::new();
        self.shared.guard(|| {
            self.txn
                .range(Kind::Job, ALL_KEYS, false, true, &mut |key, row| {
                    if row?.meta.access.client == client.0 {
                        jobs.push(crate::domain::JobId(key.id));
                    }
                    Ok(true)
                })
        })?;
        Ok(jobs)
    }
}
