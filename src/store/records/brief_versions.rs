//! A version of a job's brief on disk.

use super::*;

/// A brief version, layout 1.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BriefVersionV1 {
    job_id: u64,
    version: u32,
    background: String,
    objective: String,
    audience: String,
    key_message: String,
    deliverables: String,
    mandatories: String,
    budget_fen: Option<i64>,
    timing: String,
    changed: Vec<u8>,
    stamp: StampV1,
}

impl BriefVersionV1 {
    fn from_domain(b: &domain::BriefVersion) -> Self {
        let c = &b.content;
        BriefVersionV1 {
            job_id: b.job_id.0,
            version: b.version,
            background: c.background.clone(),
            objective: c.objective.clone(),
            audience: c.audience.clone(),
            key_message: c.key_message.clone(),
            deliverables: c.deliverables.clone(),
            mandatories: c.mandatories.clone(),
            budget_fen: c.budget.map(|f| f.0),
            timing: c.timing.clone(),
            changed: b.changed.iter().map(|f| field_out(*f)).collect(),
            stamp: StampV1::from_domain(&b.stamp),
        }
    }
    fn into_domain(self) -> Result<domain::BriefVersion, CodecError> {
        Ok(domain::BriefVersion {
            job_id: domain::JobId(self.job_id),
            version: self.version,
            content: domain::BriefContent {
                background: self.background,
                objective: self.objective,
                audience: self.audience,
                key_message: self.key_message,
                deliverables: self.deliverables,
                mandatories: self.mandatories,
                budget: self.budget_fen.map(domain::Fen),
                timing: self.timing,
            },
            changed: self
                .changed
                .into_iter()
                .map(field_in)
                .collect::<Result<_, _>>()?,
            stamp: self.stamp.into_domain(Kind::BriefVersion)?,
        })
    }
}
record_v1!(domain::BriefVersion, BriefVersionV1, Kind::BriefVersion);
