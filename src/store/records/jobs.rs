//! A job on disk.

use super::*;

/// A job, layout 1.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct JobV1 {
    id: u64,
    number_year: i32,
    number_seq: u32,
    number_text: String,
    title: String,
    client_id: u64,
    brand_id: Option<u64>,
    ae: Option<u64>,
    am: Option<u64>,
    ad: Option<u64>,
    status: u8,
    requested_on: i32,
    due_on: Option<i32>,
    audit: AuditV1,
}

impl JobV1 {
    fn from_domain(j: &domain::Job) -> Self {
        JobV1 {
            id: j.id.0,
            number_year: j.number.year,
            number_seq: j.number.seq,
            number_text: j.number.text.clone(),
            title: j.title.clone(),
            client_id: j.client_id.0,
            brand_id: j.brand_id.map(|b| b.0),
            ae: j.team.ae.map(|u| u.0),
            am: j.team.am.map(|u| u.0),
            ad: j.team.ad.map(|u| u.0),
            status: job_status_out(j.status),
            requested_on: date_out(j.requested_on),
            due_on: j.due_on.map(date_out),
            audit: AuditV1::from_domain(&j.audit),
        }
    }
    fn into_domain(self) -> Result<domain::Job, CodecError> {
        Ok(domain::Job {
            id: domain::JobId(self.id),
            number: domain::JobNumber {
                year: self.number_year,
                seq: self.number_seq,
                text: self.number_text,
            },
            title: self.title,
            client_id: domain::ClientId(self.client_id),
            brand_id: self.brand_id.map(domain::BrandId),
            team: domain::Team {
                ae: self.ae.map(domain::UserId),
                am: self.am.map(domain::UserId),
                ad: self.ad.map(domain::UserId),
            },
            status: job_status_in(self.status)?,
            requested_on: date_in(Kind::Job, self.requested_on)?,
            due_on: opt_date_in(Kind::Job, self.due_on)?,
            audit: self.audit.into_domain(Kind::Job)?,
        })
    }
}
record_v1!(domain::Job, JobV1, Kind::Job);
