//! What a record is of besides its client, its job or its brand, for narrowing the hits to
//! one of them, kept in four bytes of its entry: no table beside the entries grows with
//! them, so a decade's 290,000 records cost nothing more. A record of a job is of the job's
//! brand, looked up in the index's list of jobs and their brands.

use crate::domain::{BrandId, JobId};

/// The `of` of an entry of no job and no brand.
pub(super) const NONE: u32 = 0;

/// Set in an entry's `of` that holds a brand's id (a record of a brand and no job).
const BRAND: u32 = 1 << 31;

/// The `of` of a record of `job` (when it has one) or `brand`. An id too large for 31 bits
/// (never reached: ids count the records of one agency) is of nothing.
pub(super) fn of(brand: Option<BrandId>, job: Option<JobId>) -> u32 {
    let fits = |id: u64| {
        u32::try_from(id)
            .ok()
            .filter(|&id| id != NONE && id < BRAND)
    };
    match (job, brand) {
        (Some(j), _) => fits(j.0).unwrap_or(NONE),
        (None, Some(b)) => fits(b.0).map_or(NONE, |b| b | BRAND),
        (None, None) => NONE,
    }
}

/// Every job indexed with its brand, in the order of their ids: what a record of a job is
/// of when the hits are narrowed to a brand.
#[derive(Debug, Default)]
pub(super) struct JobBrands(Vec<(u32, u32)>);

impl JobBrands {
    /// Says that `job` is of `brand` (or of none).
    pub(super) fn set(&mut self, job: JobId, brand: Option<BrandId>) {
        let Ok(job) = u32::try_from(job.0) else {
            return;
        };
        let brand = brand.and_then(|b| u32::try_from(b.0).ok()).unwrap_or(NONE);
        match self.0.binary_search_by_key(&job, |&(j, _)| j) {
            Ok(at) => {
                if let Some(place) = self.0.get_mut(at) {
                    place.1 = brand;
                }
            }
            Err(at) => self.0.insert(at, (job, brand)),
        }
    }

    /// Forgets `job`.
    pub(super) fn remove(&mut self, job: u64) {
        let Ok(job) = u32::try_from(job) else {
            return;
        };
        if let Ok(at) = self.0.binary_search_by_key(&job, |&(j, _)| j) {
            self.0.remove(at);
        }
    }

    fn brand_of(&self, job: u32) -> Option<u32> {
        let at = self.0.binary_search_by_key(&job, |&(j, _)| j).ok()?;
        self.0.get(at).map(|&(_, b)| b).filter(|&b| b != NONE)
    }
}

/// What a narrowing to a brand and a job lets through.
pub(super) struct Letting {
    brand: Option<u32>,
    job: Option<u32>,
}

impl Letting {
    /// The narrowing to `brand` and `job`; `None` when neither is chosen.
    pub(super) fn new(brand: Option<BrandId>, job: Option<JobId>) -> Option<Letting> {
        if brand.is_none() && job.is_none() {
            return None;
        }
        // An id that does not fit is of no record: the narrowing lets nothing through.
        let raw = |id: u64| u32::try_from(id).unwrap_or(u32::MAX);
        Some(Letting {
            brand: brand.map(|b| raw(b.0)),
            job: job.map(|j| raw(j.0)),
        })
    }

    /// Whether a record whose entry's `of` is `of` is let through.
    pub(super) fn lets(&self, of: u32, jobs: &JobBrands) -> bool {
        let (job, brand) = match of {
            NONE => (None, None),
            b if b & BRAND != 0 => (None, Some(b & !BRAND)),
            j => (Some(j), jobs.brand_of(j)),
        };
        self.job.is_none_or(|want| job == Some(want))
            && self.brand.is_none_or(|want| brand == Some(want))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_is_of_its_job_and_through_it_of_the_jobs_brand() {
        let mut jobs = JobBrands::default();
        jobs.set(JobId(7), Some(BrandId(3)));
        jobs.set(JobId(5), None);
        let brand_3 = Letting::new(Some(BrandId(3)), None).expect("a narrowing");
        let job_7 = Letting::new(None, Some(JobId(7))).expect("a narrowing");
        let of_job_7 = of(Some(BrandId(9)), Some(JobId(7)));
        assert!(
            brand_3.lets(of_job_7, &jobs),
            "its job's brand, not its own"
        );
        assert!(job_7.lets(of_job_7, &jobs));
        assert!(brand_3.lets(of(Some(BrandId(3)), None), &jobs));
        assert!(!job_7.lets(of(Some(BrandId(3)), None), &jobs));
        assert!(!brand_3.lets(of(None, Some(JobId(5))), &jobs));
        assert!(!brand_3.lets(NONE, &jobs));
        // The job moves to another brand, then is gone.
        jobs.set(JobId(7), Some(BrandId(4)));
        assert!(!brand_3.lets(of_job_7, &jobs));
        jobs.remove(7);
        assert!(job_7.lets(of_job_7, &jobs), "still of the job");
        assert!(
            !Letting::new(Some(BrandId(4)), None)
                .expect("a narrowing")
                .lets(of_job_7, &jobs)
        );
        // Ids beyond 31 bits are of nothing, and narrow to nothing.
        assert_eq!(of(None, Some(JobId(1 << 40))), NONE);
        let far = Letting::new(None, Some(JobId(1 << 40))).expect("a narrowing");
        assert!(!far.lets(of_job_7, &jobs) && !far.lets(NONE, &jobs));
    }
}
