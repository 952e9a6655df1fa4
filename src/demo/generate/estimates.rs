//! The generated agency's estimates: a production estimate on every job that is estimated,
//! made by its AE, approved by its AM and the director's office and sent the day estimating
//! starts, and signed by the client the day production starts. When the team of the day has
//! nobody left to approve (the AE is the only one), the account director lets the job into
//! production with a reason instead. For about one job in five the client asks for more
//! once production is under way: a change order (变更单), approved, sent and signed the same
//! way, that adds to the job's budget and is billed with the balance.

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
        let scale = 40 + self.rng.between(0, 200);
        let title = spec.draft.title.clone();
        let lines = crate::demo::sample::sample_lines(&title, scale);
        let draft = VersionDraft::with_lines(&title, lines);
        self.out.estimates += 1;
        self.through_approval(b, (job, EstimateKind::Production, draft), spec, on)
            .map(|_| ())
    }

    /// Makes an estimate of `kind` on `job` as the job's AE and takes it through the AM and
    /// the director's office to the client on `on`. Returns it once sent; `None` when the
    /// team of the day has nobody left to approve it.
    fn through_approval(
        &mut self,
        b: &mut Batch<'_>,
        (job, kind, draft): (JobId, EstimateKind, VersionDraft),
        spec: &GenJob,
        on: NaiveDate,
    ) -> Result<Option<crate::domain::EstimateId>, ServiceError> {
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
        let ctx = self.ctx(author, on);
        let id = b
            .apply(&ctx, Command::CreateEstimate(job, kind, Box::new(draft)))?
            .id;
        let id = crate::domain::EstimateId(id);
        b.apply(&ctx, Command::DecideEstimate(id, Decision::Submit))?;
        if am == author {
            return Ok(None);
        }
        let ctx = self.ctx(am, on);
        b.apply(&ctx, Command::DecideEstimate(id, Decision::ApproveAsAm))?;
        let Some(director) = director else {
            return Ok(None);
        };
        let ctx = self.ctx(director, on);
        b.apply(
            &ctx,
            Command::DecideEstimate(id, Decision::ApproveAsDirector),
        )?;
        let ctx = self.ctx(author, on);
        b.apply(&ctx, Command::DecideEstimate(id, Decision::Send))?;
        Ok(Some(id))
    }

    /// Now and then, on a job whose production estimate the client signed, more work asked
    /// for on `on`: a change order of two or three lines, taken through approval and signed
    /// by the client the same day.
    pub(super) fn change_order(
        &mut self,
        b: &mut Batch<'_>,
        job: JobId,
        spec: &GenJob,
        on: NaiveDate,
    ) -> Result<(), ServiceError> {
        if !self.rng.chance(20) {
            return Ok(());
        }
        let signed = b
            .view()
            .estimates(Some(job))?
            .iter()
            .any(|e| e.kind == EstimateKind::Production && e.signed().is_some());
        if !signed {
            return Ok(());
        }
        let scale = 10 + self.rng.between(0, 40);
        let keep = 2 + self.rng.between(0, 2) as usize;
        let title = format!("{}（追加）", spec.draft.title);
        let lines: Vec<_> = crate::demo::sample::sample_lines(&title, scale)
            .into_iter()
            .take(keep)
            .collect();
        let draft = VersionDraft::with_lines(&title, lines);
        let Some(id) =
            self.through_approval(b, (job, EstimateKind::ChangeOrder, draft), spec, on)?
        else {
            return Ok(());
        };
        let Some(e) = b.view().get::<crate::domain::Estimate>(id.0)? else {
            return Ok(());
        };
        let Some(v) = b
            .view()
            .get_at::<EstimateVersion>(Key::pair(id.0, e.versions))?
        else {
            return Ok(());
        };
        self.sign(b, &v, spec, on)?;
        self.out.change_orders += 1;
        Ok(())
    }

    /// The client signs version `v` as sent, with a matching hash, on `on`.
    fn sign(
        &mut self,
        b: &mut Batch<'_>,
        v: &EstimateVersion,
        spec: &GenJob,
        on: NaiveDate,
    ) -> Result<(), ServiceError> {
        let signature = Signature {
            version: v.number,
            read_hash: version_hash(v)?.short(),
            evidence: Evidence::SignedScan,
            file: None,
        };
        let ctx = self.ctx(spec.ae, on);
        b.apply(
            &ctx,
            Command::DecideEstimate(v.estimate_id, Decision::Sign(signature)),
        )?;
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
            self.sign(b, &v, spec, on)?;
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
