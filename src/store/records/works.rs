//! The client's ad archive on disk: creative works with their runs and rights.

use super::*;
use crate::domain::creative::{CreativeWork, Medium, RightKind, UsageRight};

codes!(medium_out, medium_in, Medium, Kind::CreativeWork, {
    Medium::Tv => 1,
    Medium::Radio => 2,
    Medium::Newspaper => 3,
    Medium::Magazine => 4,
    Medium::Outdoor => 5,
    Medium::Print => 6,
    Medium::Pop => 7,
    Medium::Digital => 8,
    Medium::Event => 9,
});
codes!(right_out, right_in, RightKind, Kind::CreativeWork, {
    RightKind::Talent => 1,
    RightKind::Music => 2,
    RightKind::Image => 3,
    RightKind::Font => 4,
    RightKind::Other => 5,
});

/// A right a work was made with, layout 1.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct UsageRightV1 {
    kind: u8,
    holder: String,
    until: Option<i32>,
}

/// A creative work, layout 1.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CreativeWorkV1 {
    id: u64,
    client_id: u64,
    brand_id: Option<u64>,
    job_id: Option<u64>,
    title: String,
    campaign: String,
    medium: u8,
    format: String,
    first_ran: Option<i32>,
    last_ran: Option<i32>,
    outlets: String,
    regions: String,
    approval_number: String,
    credits: String,
    awards: String,
    rights: Vec<UsageRightV1>,
    documents: Vec<u64>,
    audit: AuditV1,
}

impl CreativeWorkV1 {
    fn from_domain(w: &CreativeWork) -> Self {
        CreativeWorkV1 {
            id: w.id.0,
            client_id: w.client_id.0,
            brand_id: w.brand_id.map(|b| b.0),
            job_id: w.job_id.map(|j| j.0),
            title: w.title.clone(),
            campaign: w.campaign.clone(),
            medium: medium_out(w.medium),
            format: w.format.clone(),
            first_ran: w.ran.map(|(first, _)| date_out(first)),
            last_ran: w.ran.and_then(|(_, last)| last).map(date_out),
            outlets: w.outlets.clone(),
            regions: w.regions.clone(),
            approval_number: w.approval_number.clone(),
            credits: w.credits.clone(),
            awards: w.awards.clone(),
            rights: w
                .rights
                .iter()
                .map(|r| UsageRightV1 {
                    kind: right_out(r.kind),
                    holder: r.holder.clone(),
                    until: r.until.map(date_out),
                })
                .collect(),
            documents: w.documents.iter().map(|d| d.0).collect(),
            audit: AuditV1::from_domain(&w.audit),
        }
    }

    fn into_domain(self) -> Result<CreativeWork, CodecError> {
        const K: Kind = Kind::CreativeWork;
        let mut rights = Vec::with_capacity(self.rights.len());
        for r in self.rights {
            rights.push(UsageRight {
                kind: right_in(r.kind)?,
                holder: r.holder,
                until: opt_date_in(K, r.until)?,
            });
        }
        let ran = match (self.first_ran, self.last_ran) {
            (Some(first), last) => Some((date_in(K, first)?, opt_date_in(K, last)?)),
            (None, None) => None,
            (None, Some(_)) => return Err(bad(K, "a last day without a first")),
        };
        Ok(CreativeWork {
            id: domain::CreativeWorkId(self.id),
            client_id: domain::ClientId(self.client_id),
            brand_id: self.brand_id.map(domain::BrandId),
            job_id: self.job_id.map(domain::JobId),
            title: self.title,
            campaign: self.campaign,
            medium: medium_in(self.medium)?,
            format: self.format,
            ran,
            outlets: self.outlets,
            regions: self.regions,
            approval_number: self.approval_number,
            credits: self.credits,
            awards: self.awards,
            rights,
            documents: self.documents.into_iter().map(domain::DocumentId).collect(),
            audit: self.audit.into_domain(K)?,
        })
    }
}
record_v1!(CreativeWork, CreativeWorkV1, Kind::CreativeWork);
