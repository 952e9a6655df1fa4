//! The generated agency's estimates: a production estimate on every job that is estimated,
//! made by its AE, approved by its AM and the director's office and sent the day estimating
//! starts, and signed by the client the day production starts. When the team of the day has
//! nobody left to approve (the AE is the only one), the account director lets the job into
//! production with a reason instead.

use super::*;
use crate::domain::estimate::{
    Decision, EstimateKind, EstimateStep, EstimateVersion, Evidence, Signature,
};
use crate::services::{Batch, VersionDraft, estimates::version_hash};
use crate::store::Key;

impl Generator {
    /// The production estimate of a job that starts estimating on `on`.
    pub(super) fn estimate(
        &mut self,
        b: &mut Batch<'_>,
        job: JobId,
        spec: &GenJob,
        on: NaiveDate,
    ) -> Result<(), ServiceError> {
        let author = spec.ae;
        let am = if spec.am != author {
            spec.am
        } else {
            self.director()
        };
        let director = [
            self.member(Role::DirectorsOffice, on),
            Some(self.director()),
        ]
        .into_iter()
        .flatten()
        .find(|d| *d != author && *d != am);
        let scale = 40 + self.rng.between(0, 200);
        let title = spec.draft.title.clone();
        let lines = crate::demo::sample::sample_lines(&title, scale);
        let ctx = self.ctx(author, on);
        let draft = Box::new(VersionDraft::with_lines(&title, lines));
        let id = b
            .apply(
                &ctx,
                Command::CreateEstimate(job, EstimateKind::Production, draft),
            )?
            .id;
        let id = crate::domain::EstimateId(id);
        self.out.estimates += 1;
        b.apply(&ctx, Command::DecideEstimate(id, Decision::Submit))?;
        if am == author {
            return Ok(());
        }
        let ctx = self.ctx(am, on);
        b.apply(&ctx, Command::DecideEstimate(id, Decision::ApproveAsAm))?;
        let Some(director) = director else {
            return Ok(());
        };
        let ctx = self.ctx(director, on);
        b.apply(
            &ctx,
            Command::DecideEstimate(id, Decision::ApproveAsDirector),
        )?;
        let ctx = self.ctx(author, on);
        b.apply(&ctx, Command::DecideEstimate(id, Decision::Send))?;
        Ok(())
    }

    /// Moves a job into production on `on`: the client signs what was sent, or the account
    /// director lets it through when nothing could be sent.
    pub(super) fn enter_production(
        &mut self,
        b: &mut Batch<'_>,
        job: JobId,
        spec: &GenJob,
        on: NaiveDate,
    ) -> Result<(), ServiceError> {
        let estimates = b.view().estimates(Some(job))?;
        let mut signed = estimates
            .iter()
            .any(|e| e.kind == EstimateKind::Production && e.signed().is_some());
        let mut expired = false;
        for e in estimates.iter().filter(|e| {
            e.kind.is_production()
                && e.events
                    .last()
                    .is_some_and(|x| x.step == EstimateStep::Sent)
        }) {
            let Some(v) = b
                .view()
                .get_at::<EstimateVersion>(Key::pair(e.id.0, e.versions))?
            else {
                continue;
            };
            // A version sent past its validity is not signed; the AD lets the job through.
            if v.valid_until < on {
                expired = true;
                continue;
            }
            let hash = version_hash(&v)?;
            let signature = Signature {
                version: v.number,
                read_hash: hash.short(),
                evidence: Evidence::SignedScan,
                file: None,
            };
            let ctx = self.ctx(spec.ae, on);
            b.apply(
                &ctx,
                Command::DecideEstimate(e.id, Decision::Sign(signature)),
            )?;
            signed = true;
        }
        let signed = signed && !expired;
        if signed {
            let ctx = self.ctx(spec.am, on);
            b.apply(
                &ctx,
                Command::SetJobStatus(job, JobStatus::InProduction, Base::Overwrite),
            )?;
        } else {
            let ctx = self.ctx(self.director(), on);
            let reason = "客户已口头确认，签署件随后补回".to_string();
            b.apply(&ctx, Command::ReleaseJob(job, reason))?;
        }
        Ok(())
    }
}
