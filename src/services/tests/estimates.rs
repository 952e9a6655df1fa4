//! Estimates through the use cases: numbers after the job, a draft saved in place and a new
//! version once submitted, the road taken by the right people only, the hash stable across
//! a save and load and changing with any line, production gated by a matching signature,
//! an AD's release logged.

use super::*;
use crate::domain::estimate::{
    Decision, EstimateKind, EstimateLine, EstimateStatus, EstimateVersion, Evidence, LineCategory,
    Signature, StepError,
};
use crate::domain::{Estimate, EstimateId};
use crate::services::estimates::version_hash;

fn user(f: &Fixture, name: &str, role: Role) -> UserId {
    let a = apply(
        &f.store,
        &f.ctx,
        Command::AddUser(UserDraft {
            name: name.into(),
            role,
            active: true,
        }),
    )
    .expect("user");
    UserId(a.id)
}

fn lines() -> Vec<EstimateLine> {
    vec![
        EstimateLine {
            description: "TVC 拍摄".into(),
            unit: "天".into(),
            quantity: 1500,
            unit_price: Fen(18_000_000),
            vendor: "光影制作".into(),
            vendor_quote: Some(Fen(22_000_000)),
            cost: Some(Fen(22_000_000)),
            ..EstimateLine::blank(LineCategory::Production)
        },
        EstimateLine {
            description: "创意".into(),
            unit: "项".into(),
            unit_price: Fen(6_000_000),
            ..EstimateLine::blank(LineCategory::Creative)
        },
    ]
}

struct Roles {
    ae: Ctx,
    am: Ctx,
    dir: Ctx,
    ad: Ctx,
}

fn team(f: &Fixture) -> Roles {
    let as_user = |id| Ctx { actor: id, ..f.ctx };
    Roles {
        ae: f.ctx,
        am: as_user(user(f, "陈静", Role::AccountManager)),
        dir: as_user(user(f, "刘洋", Role::DirectorsOffice)),
        ad: as_user(user(f, "张伟", Role::AccountDirector)),
    }
}

fn newest(f: &Fixture, id: EstimateId) -> (Estimate, EstimateVersion) {
    let e: Estimate = f.store.get(id.0).ok().flatten().expect("estimate");
    let v = f
        .store
        .read()
        .and_then(|r| r.get_at::<EstimateVersion>(Key::pair(id.0, e.versions)))
        .ok()
        .flatten()
        .expect("version");
    (e, v)
}

fn create(f: &Fixture, ctx: &Ctx, job: JobId, kind: EstimateKind) -> EstimateId {
    let d = VersionDraft::with_lines("2027 春节 TVC", lines());
    let a = apply(
        &f.store,
        ctx,
        Command::CreateEstimate(job, kind, Box::new(d)),
    )
    .expect("create");
    EstimateId(a.id)
}

fn decide(f: &Fixture, ctx: &Ctx, id: EstimateId, d: Decision) -> Result<Applied, ServiceError> {
    apply(&f.store, ctx, Command::DecideEstimate(id, d))
}

fn sign_as_sent(f: &Fixture, ctx: &Ctx, id: EstimateId) -> Result<Applied, ServiceError> {
    let (_, v) = newest(f, id);
    let h = version_hash(&v).expect("hash");
    decide(
        f,
        ctx,
        id,
        Decision::Sign(Signature {
            version: v.number,
            read_hash: h.short(),
            evidence: Evidence::SignedScan,
            file: None,
        }),
    )
}

fn status(f: &Fixture, id: EstimateId) -> EstimateStatus {
    let (e, v) = newest(f, id);
    e.status(v.valid_until, f.ctx.today)
}

fn refusal(r: Result<Applied, ServiceError>) -> Option<MoneyRefusal> {
    match r {
        Err(ServiceError::Money(m)) => Some(m),
        _ => None,
    }
}

#[test]
fn numbers_follow_the_job_and_defaults_come_from_the_settings() {
    let f = fixture();
    let j = job(&f, client(&f, "宝马"));
    let number = f
        .store
        .get::<Job>(j.0)
        .ok()
        .flatten()
        .map(|j| j.number.text)
        .unwrap_or_default();
    let e1 = create(&f, &f.ctx, j, EstimateKind::Production);
    let e2 = create(&f, &f.ctx, j, EstimateKind::Production);
    let c1 = create(&f, &f.ctx, j, EstimateKind::ChangeOrder);
    assert_eq!(newest(&f, e1).0.number, format!("{number}-E1"));
    assert_eq!(newest(&f, e2).0.number, format!("{number}-E2"));
    assert_eq!(newest(&f, c1).0.number, format!("{number}-C1"));
    let (_, v) = newest(&f, e1);
    assert_eq!(v.tax, crate::domain::estimate::TaxMode::Rate(600));
    assert_eq!(v.valid_until, f.ctx.today + chrono::Days::new(30));
    assert_eq!(v.author, f.ctx.actor);
}

#[test]
fn the_hash_is_stable_across_save_and_load_and_changes_with_any_line() {
    let f = fixture();
    let j = job(&f, client(&f, "宝马"));
    let id = create(&f, &f.ctx, j, EstimateKind::Production);
    let (_, v) = newest(&f, id);
    let h = version_hash(&v).expect("hash");
    let (_, again) = newest(&f, id);
    assert_eq!(version_hash(&again).expect("hash"), h);
    let mut changed = v.clone();
    changed.lines[1].quantity += 1;
    assert_ne!(version_hash(&changed).expect("hash"), h);
    let mut changed = v.clone();
    changed.lines[0].specification.push('x');
    assert_ne!(version_hash(&changed).expect("hash"), h);
}

#[test]
fn a_draft_is_saved_in_place_and_an_edit_after_submission_is_a_new_version() {
    let f = fixture();
    let t = team(&f);
    let j = job(&f, client(&f, "宝马"));
    let id = create(&f, &t.ae, j, EstimateKind::Production);
    let mut d = VersionDraft::of(&newest(&f, id).1);
    d.lines.push(EstimateLine {
        description: "差旅".into(),
        unit_price: Fen(100_000),
        vendor_quote: Some(Fen(80_000)),
        ..EstimateLine::blank(LineCategory::Travel)
    });
    apply(
        &f.store,
        &t.ae,
        Command::SaveEstimate(id, Box::new(d.clone()), Base::Overwrite),
    )
    .expect("save draft");
    assert_eq!(newest(&f, id).0.versions, 1);
    assert_eq!(newest(&f, id).1.lines.len(), 3);
    decide(&f, &t.ae, id, Decision::Submit).expect("submit");
    decide(&f, &t.am, id, Decision::ApproveAsAm).expect("am");
    // An edit now makes version B, a draft: the AM's approval of A does not carry over.
    d.lines.pop();
    apply(
        &f.store,
        &t.ae,
        Command::SaveEstimate(id, Box::new(d), Base::Overwrite),
    )
    .expect("new version");
    let (e, v) = newest(&f, id);
    assert_eq!(
        (e.versions, v.letter(), v.lines.len()),
        (2, "B".to_string(), 2)
    );
    assert_eq!(status(&f, id), EstimateStatus::Draft);
    assert!(matches!(
        refusal(decide(&f, &t.dir, id, Decision::ApproveAsDirector)),
        Some(MoneyRefusal::EstimateStep(StepError::NotNow { .. }))
    ));
    // Version A is kept as it was submitted.
    let a = f
        .store
        .read()
        .and_then(|r| r.estimate_versions(id))
        .unwrap_or_default();
    assert_eq!(a.len(), 2);
    assert_eq!(a[0].lines.len(), 3);
}

#[test]
fn submission_lists_every_problem_and_the_road_needs_the_right_people() {
    let f = fixture();
    let t = team(&f);
    let j = job(&f, client(&f, "宝马"));
    let id = create(&f, &t.ae, j, EstimateKind::Production);
    let mut d = VersionDraft::of(&newest(&f, id).1);
    d.lines[0].vendor_quote = None;
    d.lines[1].unit_price = Fen(0);
    apply(
        &f.store,
        &t.ae,
        Command::SaveEstimate(id, Box::new(d), Base::Overwrite),
    )
    .expect("save");
    let Some(MoneyRefusal::Problems(p)) = refusal(decide(&f, &t.ae, id, Decision::Submit)) else {
        panic!("submission with problems was accepted");
    };
    assert_eq!(p.len(), 2, "{p:?}");
    let msg = ServiceError::Money(MoneyRefusal::Problems(p)).message(Lang::Zh);
    assert!(
        msg.contains("第 1 行缺少供应商报价") && msg.contains("第 2 行单价为零"),
        "{msg}"
    );
    apply(
        &f.store,
        &t.ae,
        Command::SaveEstimate(
            id,
            Box::new(VersionDraft::with_lines("TVC", lines())),
            Base::Overwrite,
        ),
    )
    .expect("fix");
    decide(&f, &t.ae, id, Decision::Submit).expect("submit");
    // The AE cannot approve as AM; the director's office cannot skip the AM.
    assert!(matches!(
        refusal(decide(&f, &t.ae, id, Decision::ApproveAsAm)),
        Some(MoneyRefusal::EstimateStep(StepError::WrongRole { .. }))
    ));
    assert!(matches!(
        refusal(decide(&f, &t.dir, id, Decision::ApproveAsDirector)),
        Some(MoneyRefusal::EstimateStep(StepError::NotNow { .. }))
    ));
    decide(&f, &t.ad, id, Decision::ApproveAsAm).expect("AD as AM");
    // …and then not again as the director's office.
    assert!(matches!(
        refusal(decide(&f, &t.ad, id, Decision::ApproveAsDirector)),
        Some(MoneyRefusal::EstimateStep(StepError::PreviousApprover))
    ));
    decide(&f, &t.dir, id, Decision::ApproveAsDirector).expect("director");
    decide(&f, &t.ae, id, Decision::Send).expect("send");
    sign_as_sent(&f, &t.ae, id).expect("sign");
    assert_eq!(status(&f, id), EstimateStatus::Signed);
    let (e, v) = newest(&f, id);
    let h = version_hash(&v).expect("hash");
    assert!(
        e.events.iter().all(|x| x.hash == h),
        "every step is bound to the version's hash"
    );
    assert_eq!(
        e.events.iter().map(|x| x.by).collect::<Vec<_>>(),
        vec![t.ae.actor, t.ad.actor, t.dir.actor, t.ae.actor, t.ae.actor]
    );
}

#[test]
fn production_needs_a_matching_signature_unless_an_ad_releases_it_with_a_reason() {
    let f = fixture();
    let t = team(&f);
    let j = job(&f, client(&f, "宝马"));
    for s in [JobStatus::Briefed, JobStatus::Estimating] {
        apply(
            &f.store,
            &t.ae,
            Command::SetJobStatus(j, s, Base::Overwrite),
        )
        .expect("move");
    }
    let id = create(&f, &t.ae, j, EstimateKind::Production);
    let produce = |ctx: &Ctx| {
        apply(
            &f.store,
            ctx,
            Command::SetJobStatus(j, JobStatus::InProduction, Base::Overwrite),
        )
    };
    assert!(matches!(
        refusal(produce(&t.am)),
        Some(MoneyRefusal::Gate(_))
    ));
    decide(&f, &t.ae, id, Decision::Submit).expect("submit");
    decide(&f, &t.am, id, Decision::ApproveAsAm).expect("am");
    decide(&f, &t.dir, id, Decision::ApproveAsDirector).expect("director");
    decide(&f, &t.ae, id, Decision::Send).expect("send");
    // A signature of another hash is a mismatch, and blocks production.
    decide(
        &f,
        &t.ae,
        id,
        Decision::Sign(Signature {
            version: 1,
            read_hash: "00000000".into(),
            evidence: Evidence::SignedScan,
            file: None,
        }),
    )
    .expect("mismatch recorded");
    assert_eq!(status(&f, id), EstimateStatus::SignedMismatch);
    let Some(MoneyRefusal::Gate(p)) = refusal(produce(&t.am)) else {
        panic!("production started on a mismatched signature");
    };
    assert_eq!(p.len(), 2, "{p:?}");
    // Only an AD may release, and only with a reason.
    assert_eq!(
        refusal(apply(&f.store, &t.am, Command::ReleaseJob(j, "急".into()))),
        Some(MoneyRefusal::NotAnAd)
    );
    assert_eq!(
        refusal(apply(&f.store, &t.ad, Command::ReleaseJob(j, "  ".into()))),
        Some(MoneyRefusal::NoReason)
    );
    apply(
        &f.store,
        &t.ad,
        Command::ReleaseJob(j, "客户总裁邮件确认，签署件下周补回".into()),
    )
    .expect("release");
    let job: Job = f.store.get(j.0).ok().flatten().expect("job");
    assert_eq!(job.status, JobStatus::InProduction);
    let releases = f
        .store
        .read()
        .and_then(|r| r.releases(j))
        .unwrap_or_default();
    assert_eq!(releases.len(), 1);
    assert_eq!(releases[0].by, t.ad.actor);
    assert!(
        releases[0]
            .problems
            .iter()
            .any(|p| p.contains("签署与所发版本不符")),
        "{:?}",
        releases[0].problems
    );
    let log = f
        .store
        .read()
        .and_then(|r| r.changes_of(Subject::Job, j.0))
        .unwrap_or_default();
    assert!(
        log.iter()
            .any(|c| c.summary.contains("放行") && c.stamp.by == t.ad.actor)
    );
}

#[test]
fn a_matching_signature_lets_the_job_into_production() {
    let f = fixture();
    let t = team(&f);
    let j = job(&f, client(&f, "宝马"));
    for s in [JobStatus::Briefed, JobStatus::Estimating] {
        apply(
            &f.store,
            &t.ae,
            Command::SetJobStatus(j, s, Base::Overwrite),
        )
        .expect("move");
    }
    let id = create(&f, &t.ae, j, EstimateKind::Production);
    decide(&f, &t.ae, id, Decision::Submit).expect("submit");
    decide(&f, &t.am, id, Decision::ApproveAsAm).expect("am");
    decide(&f, &t.dir, id, Decision::ApproveAsDirector).expect("director");
    decide(&f, &t.ae, id, Decision::Send).expect("send");
    sign_as_sent(&f, &t.ae, id).expect("sign");
    // A change order sent and unsigned holds production back.
    let c = create(&f, &t.ae, j, EstimateKind::ChangeOrder);
    decide(&f, &t.ae, c, Decision::Submit).expect("submit");
    decide(&f, &t.am, c, Decision::ApproveAsAm).expect("am");
    decide(&f, &t.dir, c, Decision::ApproveAsDirector).expect("director");
    decide(&f, &t.ae, c, Decision::Send).expect("send");
    let r = apply(
        &f.store,
        &t.am,
        Command::SetJobStatus(j, JobStatus::InProduction, Base::Overwrite),
    );
    assert!(matches!(refusal(r), Some(MoneyRefusal::Gate(_))));
    decide(&f, &t.ae, c, Decision::Void("客户取消追加".into())).expect("void");
    apply(
        &f.store,
        &t.am,
        Command::SetJobStatus(j, JobStatus::InProduction, Base::Overwrite),
    )
    .expect("production");
    // Once signed, the estimate is not revised: a change order is.
    let d = VersionDraft::with_lines("TVC", lines());
    let r = apply(
        &f.store,
        &t.ae,
        Command::SaveEstimate(id, Box::new(d), Base::Overwrite),
    );
    assert!(matches!(
        refusal(r),
        Some(MoneyRefusal::EstimateStep(StepError::Frozen(
            EstimateStatus::Signed
        )))
    ));
}
