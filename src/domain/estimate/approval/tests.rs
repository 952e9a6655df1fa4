use super::*;
use crate::domain::estimate::{EstimateKind, EstimateLine, LineCategory, PriceBasis, TaxMode};
use crate::domain::ids::{ClientId, EstimateId, JobId};
use crate::domain::money::Fen;
use crate::domain::stamp::{Audit, Stamp};

const AE: Actor = Actor {
    id: UserId(1),
    role: Role::AccountExecutive,
};
const AM: Actor = Actor {
    id: UserId(2),
    role: Role::AccountManager,
};
const DO: Actor = Actor {
    id: UserId(3),
    role: Role::DirectorsOffice,
};
const AD: Actor = Actor {
    id: UserId(4),
    role: Role::AccountDirector,
};

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, d).unwrap_or_default()
}

fn now() -> DateTime<Utc> {
    DateTime::from_timestamp(1_790_000_000, 0).unwrap_or_default()
}

fn hash(b: u8) -> VersionHash {
    VersionHash([b; 32])
}

fn setup() -> (Estimate, EstimateVersion) {
    let audit = Audit::new(Stamp {
        by: AE.id,
        at: now(),
    });
    let e = Estimate {
        id: EstimateId(10),
        job_id: JobId(5),
        client_id: ClientId(1),
        brand_id: None,
        kind: EstimateKind::Production,
        seq: 1,
        number: "2026-0042-E1".into(),
        versions: 1,
        events: Vec::new(),
        audit,
    };
    let v = EstimateVersion {
        estimate_id: e.id,
        job_id: e.job_id,
        client_id: e.client_id,
        number: 1,
        title: "TVC".into(),
        lines: vec![EstimateLine {
            unit_price: Fen(100_000),
            ..EstimateLine::blank(LineCategory::Production)
        }],
        tax: TaxMode::Rate(600),
        basis: PriceBasis::Net,
        special_fapiao: false,
        valid_until: day(30),
        payment_terms: String::new(),
        client_note: String::new(),
        internal_note: String::new(),
        author: AE.id,
        audit,
    };
    (e, v)
}

/// Decides and records; the status after.
fn step(
    e: &mut Estimate,
    v: &EstimateVersion,
    h: VersionHash,
    d: Decision,
    who: Actor,
) -> Result<EstimateStatus, StepError> {
    let ev = e.decide(v, h, d, who, now(), day(10))?;
    e.events.push(ev);
    Ok(e.status(v.valid_until, day(10)))
}

fn signature(version: u32, read: &str) -> Decision {
    Decision::Sign(Signature {
        version,
        read_hash: read.into(),
        evidence: Evidence::SignedScan,
        file: None,
    })
}

#[test]
fn the_whole_road_records_who_and_the_hash() {
    let (mut e, v) = setup();
    let h = hash(7);
    assert_eq!(e.status(v.valid_until, day(10)), EstimateStatus::Draft);
    assert_eq!(
        step(&mut e, &v, h, Decision::Submit, AE),
        Ok(EstimateStatus::Submitted)
    );
    assert_eq!(
        step(&mut e, &v, h, Decision::ApproveAsAm, AM),
        Ok(EstimateStatus::AmApproved)
    );
    assert_eq!(
        step(&mut e, &v, h, Decision::ApproveAsDirector, DO),
        Ok(EstimateStatus::DirectorApproved)
    );
    assert_eq!(
        step(&mut e, &v, h, Decision::Send, AE),
        Ok(EstimateStatus::Sent)
    );
    assert_eq!(
        step(&mut e, &v, h, signature(1, &h.short()), AE),
        Ok(EstimateStatus::Signed)
    );
    let who: Vec<_> = e.events.iter().map(|x| (x.step, x.by, x.hash)).collect();
    assert_eq!(who[1], (EstimateStep::AmApproved, AM.id, h));
    assert_eq!(who[2], (EstimateStep::DirectorApproved, DO.id, h));
    assert_eq!(e.signed().map(|x| x.version), Some(1));
    assert_eq!(
        e.may_revise(v.valid_until, day(10)),
        Err(StepError::Frozen(EstimateStatus::Signed))
    );
}

#[test]
fn no_approval_is_skipped() {
    let (mut e, v) = setup();
    let h = hash(7);
    for d in [
        Decision::ApproveAsAm,
        Decision::ApproveAsDirector,
        Decision::Send,
        signature(1, &h.short()),
    ] {
        assert!(matches!(
            e.decide(&v, h, d, AD, now(), day(10)),
            Err(StepError::NotNow { .. })
        ));
    }
    step(&mut e, &v, h, Decision::Submit, AE).ok();
    for d in [
        Decision::ApproveAsDirector,
        Decision::Send,
        Decision::Submit,
    ] {
        assert!(matches!(
            e.decide(&v, h, d, DO, now(), day(10)),
            Err(StepError::NotNow { .. })
        ));
    }
    step(&mut e, &v, h, Decision::ApproveAsAm, AM).ok();
    assert!(matches!(
        e.decide(&v, h, Decision::Send, AE, now(), day(10)),
        Err(StepError::NotNow { .. })
    ));
}

#[test]
fn roles_authors_and_previous_approvers_are_refused() {
    let (mut e, v) = setup();
    let h = hash(7);
    step(&mut e, &v, h, Decision::Submit, AE).ok();
    // An AE cannot approve as AM, nor a director's office.
    assert_eq!(
        e.decide(
            &v,
            h,
            Decision::ApproveAsAm,
            Actor {
                id: UserId(9),
                role: Role::AccountExecutive
            },
            now(),
            day(10)
        ),
        Err(StepError::WrongRole {
            role: Role::AccountExecutive,
            wanted: "approve as AM"
        })
    );
    assert!(matches!(
        e.decide(&v, h, Decision::ApproveAsAm, DO, now(), day(10)),
        Err(StepError::WrongRole { .. })
    ));
    // The author, even as an AM, does not approve their own version.
    let author_am = Actor {
        id: AE.id,
        role: Role::AccountManager,
    };
    assert_eq!(
        e.decide(&v, h, Decision::ApproveAsAm, author_am, now(), day(10)),
        Err(StepError::OwnVersion)
    );
    // An AD approves as AM, but then not again as the director's office.
    step(&mut e, &v, h, Decision::ApproveAsAm, AD).ok();
    assert_eq!(
        e.decide(&v, h, Decision::ApproveAsDirector, AD, now(), day(10)),
        Err(StepError::PreviousApprover)
    );
    assert!(
        e.decide(&v, h, Decision::ApproveAsDirector, DO, now(), day(10))
            .is_ok()
    );
}

#[test]
fn an_approval_is_bound_to_the_submitted_hash() {
    let (mut e, v) = setup();
    step(&mut e, &v, hash(7), Decision::Submit, AE).ok();
    assert_eq!(
        e.decide(&v, hash(8), Decision::ApproveAsAm, AM, now(), day(10)),
        Err(StepError::VersionChanged {
            found: hash(8).short(),
            submitted: hash(7).short()
        })
    );
}

#[test]
fn a_new_version_voids_the_old_ones_approvals() {
    let (mut e, v) = setup();
    let h = hash(7);
    step(&mut e, &v, h, Decision::Submit, AE).ok();
    step(&mut e, &v, h, Decision::ApproveAsAm, AM).ok();
    assert!(e.may_revise(v.valid_until, day(10)).is_ok());
    e.versions = 2;
    let v2 = EstimateVersion {
        number: 2,
        ..v.clone()
    };
    assert_eq!(e.status(v2.valid_until, day(10)), EstimateStatus::Draft);
    assert!(matches!(
        e.decide(
            &v2,
            hash(9),
            Decision::ApproveAsDirector,
            DO,
            now(),
            day(10)
        ),
        Err(StepError::NotNow { .. })
    ));
    // Decisions on the old version are refused.
    assert_eq!(
        e.decide(&v, h, Decision::Submit, AE, now(), day(10)),
        Err(StepError::NotNewest(1))
    );
}

#[test]
fn returns_need_a_comment_and_reopen_submission() {
    let (mut e, v) = setup();
    let h = hash(7);
    step(&mut e, &v, h, Decision::Submit, AE).ok();
    assert_eq!(
        e.decide(&v, h, Decision::ReturnAsAm("  ".into()), AM, now(), day(10)),
        Err(StepError::ReasonRequired)
    );
    assert_eq!(
        step(
            &mut e,
            &v,
            h,
            Decision::ReturnAsAm("供应商报价缺".into()),
            AM
        ),
        Ok(EstimateStatus::Returned)
    );
    assert_eq!(
        e.events.last().map(|x| x.note.as_str()),
        Some("供应商报价缺")
    );
    assert_eq!(
        step(&mut e, &v, h, Decision::Submit, AE),
        Ok(EstimateStatus::Submitted)
    );
}

#[test]
fn a_signature_of_another_version_or_hash_is_a_mismatch() {
    let (mut e, v) = setup();
    let h = hash(7);
    for (d, who) in [
        (Decision::Submit, AE),
        (Decision::ApproveAsAm, AM),
        (Decision::ApproveAsDirector, DO),
        (Decision::Send, AE),
    ] {
        step(&mut e, &v, h, d, who).ok();
    }
    assert_eq!(
        step(&mut e, &v, h, signature(1, "deadbeef"), AE),
        Ok(EstimateStatus::SignedMismatch)
    );
    assert_eq!(
        step(&mut e, &v, h, signature(2, &h.short()), AE),
        Ok(EstimateStatus::SignedMismatch)
    );
    assert_eq!(e.signed(), None);
    // The right paper afterwards signs it.
    assert_eq!(
        step(&mut e, &v, h, signature(1, &h.hex()), AE),
        Ok(EstimateStatus::Signed)
    );
}

#[test]
fn expiry_declines_and_voids() {
    let (mut e, v) = setup();
    let h = hash(7);
    for (d, who) in [
        (Decision::Submit, AE),
        (Decision::ApproveAsAm, AM),
        (Decision::ApproveAsDirector, DO),
        (Decision::Send, AE),
    ] {
        step(&mut e, &v, h, d, who).ok();
    }
    let late = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap_or_default();
    assert_eq!(e.status(v.valid_until, late), EstimateStatus::Expired);
    assert_eq!(
        e.decide(&v, h, signature(1, &h.short()), AE, now(), late),
        Err(StepError::Expired(day(30)))
    );
    assert_eq!(
        e.decide(&v, h, Decision::Decline(String::new()), AE, now(), late),
        Err(StepError::ReasonRequired)
    );
    assert!(
        e.decide(&v, h, Decision::Decline("预算不足".into()), AE, now(), late)
            .is_ok()
    );
    assert_eq!(
        step(&mut e, &v, h, Decision::Void("客户取消".into()), AE),
        Ok(EstimateStatus::Voided)
    );
    assert!(matches!(
        e.decide(&v, h, Decision::Void("again".into()), AE, now(), day(10)),
        Err(StepError::NotNow { .. })
    ));
    assert_eq!(
        e.may_revise(v.valid_until, day(10)),
        Err(StepError::Frozen(EstimateStatus::Voided))
    );
}
