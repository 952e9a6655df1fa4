//! Use-case tests on a temporary database.

use super::*;
use crate::domain::{BriefField, Fen, Lang, Role};
use crate::store::StoreError;
use chrono::TimeZone;

struct Fixture {
    _dir: tempfile::TempDir,
    store: Store,
    ctx: Ctx,
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(&dir.path().join("t.redb")).expect("open");
    let now = Utc
        .with_ymd_and_hms(2026, 11, 26, 2, 0, 0)
        .single()
        .unwrap_or_default();
    let mut ctx = Ctx {
        actor: UserId(0),
        now,
        today: now.date_naive(),
    };
    let user = apply(
        &store,
        &ctx,
        Command::AddUser(UserDraft {
            name: "王小明".into(),
            role: Role::AccountExecutive,
            active: true,
        }),
    )
    .expect("user");
    ctx.actor = UserId(user.id);
    Fixture {
        _dir: dir,
        store,
        ctx,
    }
}

fn client(f: &Fixture, name: &str) -> ClientId {
    let a = apply(
        &f.store,
        &f.ctx,
        Command::CreateClient(ClientDraft {
            name: name.into(),
            ..Default::default()
        }),
    )
    .expect("client");
    ClientId(a.id)
}

fn job(f: &Fixture, client_id: ClientId) -> JobId {
    let a = apply(
        &f.store,
        &f.ctx,
        Command::CreateJob(JobDraft {
            title: "春节 TVC".into(),
            client_id: Some(client_id),
            requested_on: "2026-11-20".into(),
            ..Default::default()
        }),
    )
    .expect("job");
    JobId(a.id)
}

#[test]
fn every_change_records_who_made_it() {
    let f = fixture();
    let c = client(&f, "可口可乐");
    let changes = f.store.read().and_then(|r| r.changes()).unwrap_or_default();
    let last = changes.last().cloned();
    assert_eq!(last.as_ref().map(|c| c.stamp.by), Some(f.ctx.actor));
    assert_eq!(last.as_ref().map(|c| c.id), Some(c.0));
    let stored = f.store.get::<Client>(c.0).ok().flatten();
    assert_eq!(stored.map(|c| c.audit.created.by), Some(f.ctx.actor));
}

#[test]
fn invalid_input_saves_nothing_and_explains() {
    let f = fixture();
    let before = f.store.all::<Client>().map(|v| v.len()).unwrap_or(99);
    let err = apply(
        &f.store,
        &f.ctx,
        Command::CreateClient(ClientDraft {
            name: "   ".into(),
            ..Default::default()
        }),
    );
    let Err(e) = err else {
        panic!("blank name accepted")
    };
    assert_eq!(e.message(Lang::Zh), "请填写“名称”。");
    assert_eq!(e.message(Lang::En), "Name is required.");
    assert_eq!(
        f.store.all::<Client>().map(|v| v.len()).unwrap_or(0),
        before
    );
    // A failed job creation does not burn a job number.
    let c = client(&f, "宝马");
    let bad = apply(
        &f.store,
        &f.ctx,
        Command::CreateJob(JobDraft {
            title: "x".into(),
            client_id: Some(c),
            requested_on: "2026-11-31".into(),
            ..Default::default()
        }),
    );
    assert!(matches!(
        bad,
        Err(ServiceError::Invalid(FieldError {
            field: "requested_on",
            ..
        }))
    ));
    let j = job(&f, c);
    let number = f
        .store
        .get::<Job>(j.0)
        .ok()
        .flatten()
        .map(|j| j.number.text);
    assert_eq!(number.as_deref(), Some("2026-0001"));
}

#[test]
fn money_messages_say_what_to_type() {
    let f = fixture();
    let c = client(&f, "宝马");
    let j = job(&f, c);
    for (typed, zh) in [
        ("abc", "“预算”中的“abc”不是金额，请填写如 1234.50 的数字。"),
        ("-5", "“预算”不能为负数。"),
        ("12.345", "“预算”最多两位小数（精确到分）。"),
    ] {
        let r = apply(
            &f.store,
            &f.ctx,
            Command::SaveBrief(
                j,
                BriefDraft {
                    budget: typed.into(),
                    ..Default::default()
                },
                Base::Overwrite,
            ),
        );
        assert_eq!(
            r.err().map(|e| e.message(Lang::Zh)),
            Some(zh.to_string()),
            "{typed}"
        );
    }
    assert!(f.store.brief_versions(j).unwrap_or_default().is_empty());
}

#[test]
fn brief_saves_are_versioned_and_undo_adds_a_version() {
    let f = fixture();
    let c = client(&f, "可口可乐");
    let j = job(&f, c);
    let mut d = BriefDraft::default();
    d.content.objective = "提升销量 𠮷 😀".into();
    d.budget = "¥1,234.50".into();
    let a1 = apply(
        &f.store,
        &f.ctx,
        Command::SaveBrief(j, d.clone(), Base::Overwrite),
    )
    .expect("v1");
    d.content.key_message = "畅爽开怀".into();
    let a2 = apply(
        &f.store,
        &f.ctx,
        Command::SaveBrief(j, d.clone(), Base::Overwrite),
    )
    .expect("v2");
    assert!(a1.undo.is_some());
    let versions = f.store.brief_versions(j).unwrap_or_default();
    assert_eq!(versions.len(), 2);
    assert_eq!(versions[0].content.budget, Some(Fen(123_450)));
    assert_eq!(versions[1].changed, vec![BriefField::KeyMessage]);
    // Saving unchanged content adds no version.
    apply(&f.store, &f.ctx, Command::SaveBrief(j, d, Base::Overwrite)).expect("same");
    assert_eq!(f.store.brief_versions(j).unwrap_or_default().len(), 2);
    // Undo of v2 restores v1's content as v3.
    apply(
        &f.store,
        &f.ctx,
        Command::Undo(Box::new(a2.undo.expect("undo"))),
    )
    .expect("undo");
    let versions = f.store.brief_versions(j).unwrap_or_default();
    assert_eq!(versions.len(), 3);
    assert_eq!(versions[2].content, versions[0].content);
}

#[test]
fn status_follows_the_lifecycle() {
    let f = fixture();
    let c = client(&f, "宝马");
    let j = job(&f, c);
    let skip = apply(
        &f.store,
        &f.ctx,
        Command::SetJobStatus(j, JobStatus::Completed, Base::Overwrite),
    );
    let Err(e) = skip else {
        panic!("illegal move accepted")
    };
    assert_eq!(e.message(Lang::Zh), "工作状态不能从“已申请”改为“已完成”。");
    apply(
        &f.store,
        &f.ctx,
        Command::SetJobStatus(j, JobStatus::Briefed, Base::Overwrite),
    )
    .expect("briefed");
    let status = f.store.get::<Job>(j.0).ok().flatten().map(|j| j.status);
    assert_eq!(status, Some(JobStatus::Briefed));
}

#[test]
fn a_job_is_cancelled_and_reopened_only_with_a_reason_which_the_log_keeps() {
    let f = fixture();
    let c = client(&f, "宝马");
    let j = job(&f, c);
    let status = |f: &Fixture| f.store.get::<Job>(j.0).ok().flatten().map(|j| j.status);
    // Archiving a job that never went into production is cancelling it: not without a reason.
    let plain = apply(
        &f.store,
        &f.ctx,
        Command::SetJobStatus(j, JobStatus::Archived, Base::Overwrite),
    );
    let Err(e) = plain else {
        panic!("cancelled without a reason")
    };
    assert_eq!(e.message(Lang::Zh), "取消工作须写明理由。");
    let blank = apply(
        &f.store,
        &f.ctx,
        Command::MoveJobSaying(j, JobStatus::Archived, "  ".into(), Base::Overwrite),
    );
    assert!(matches!(blank, Err(ServiceError::ReasonNeeded(_))));
    assert_eq!(status(&f), Some(JobStatus::Requested));
    apply(
        &f.store,
        &f.ctx,
        Command::MoveJobSaying(
            j,
            JobStatus::Archived,
            "客户预算取消".into(),
            Base::Overwrite,
        ),
    )
    .expect("cancelled");
    assert_eq!(status(&f), Some(JobStatus::Archived));
    // Reopening it is said too; a reason where none is asked is refused as a wrong move.
    let plain = apply(
        &f.store,
        &f.ctx,
        Command::SetJobStatus(j, JobStatus::Completed, Base::Overwrite),
    );
    assert!(matches!(plain, Err(ServiceError::ReasonNeeded(_))));
    apply(
        &f.store,
        &f.ctx,
        Command::MoveJobSaying(
            j,
            JobStatus::Completed,
            "客户恢复预算".into(),
            Base::Overwrite,
        ),
    )
    .expect("reopened");
    assert_eq!(status(&f), Some(JobStatus::Completed));
    let odd = apply(
        &f.store,
        &f.ctx,
        Command::MoveJobSaying(j, JobStatus::InProduction, "返工".into(), Base::Overwrite),
    );
    assert!(matches!(odd, Err(ServiceError::Transition(_))));
    let log: Vec<String> = f
        .store
        .read()
        .and_then(|v| v.changes())
        .expect("log")
        .into_iter()
        .map(|c| c.summary)
        .collect();
    assert!(
        log.iter().any(|s| s.contains("取消工作：客户预算取消")),
        "{log:?}"
    );
    assert!(
        log.iter().any(|s| s.contains("重新打开：客户恢复预算")),
        "{log:?}"
    );
}

#[test]
fn a_job_brand_must_belong_to_its_client() {
    let f = fixture();
    let coke = client(&f, "可口可乐");
    let bmw = client(&f, "宝马");
    let brand = apply(
        &f.store,
        &f.ctx,
        Command::CreateBrand(
            coke,
            BrandDraft {
                name: "雪碧".into(),
                ..Default::default()
            },
        ),
    )
    .expect("brand");
    let r = apply(
        &f.store,
        &f.ctx,
        Command::CreateJob(JobDraft {
            title: "x".into(),
            client_id: Some(bmw),
            brand_id: Some(BrandId(brand.id)),
            requested_on: "2026-11-20".into(),
            ..Default::default()
        }),
    );
    assert!(matches!(
        r,
        Err(ServiceError::Invalid(FieldError { field: "brand", .. }))
    ));
}

#[test]
fn job_number_format_is_configurable_and_validated() {
    let f = fixture();
    let mut s = f.store.settings().unwrap_or_default();
    s.job_number_format = crate::domain::JobNumberFormat("{NNNN}".into());
    let bad = apply(
        &f.store,
        &f.ctx,
        Command::SaveSettings(s.clone(), Base::Overwrite),
    );
    assert!(matches!(
        bad,
        Err(ServiceError::Invalid(FieldError {
            field: "job_number_format",
            ..
        }))
    ));
    s.job_number_format = crate::domain::JobNumberFormat("J{YY}{NNN}".into());
    apply(&f.store, &f.ctx, Command::SaveSettings(s, Base::Overwrite)).expect("settings");
    let c = client(&f, "宝马");
    let j = job(&f, c);
    let number = f
        .store
        .get::<Job>(j.0)
        .ok()
        .flatten()
        .map(|j| j.number.text);
    assert_eq!(number.as_deref(), Some("J26001"));
}

#[test]
fn bad_input_is_refused_or_stored_exactly() {
    let f = fixture();
    // Emoji and characters outside the BMP are kept as typed.
    let c = client(&f, "𠮷野家 🍜 Yoshinoya");
    let name = f.store.get::<Client>(c.0).ok().flatten().map(|c| c.name);
    assert_eq!(name.as_deref(), Some("𠮷野家 🍜 Yoshinoya"));
    // A 1 MB pasted brief round-trips byte for byte.
    let j = job(&f, c);
    let mut pasted = String::new();
    while pasted.len() < 1_000_000 {
        pasted.push_str("第一季度社交媒体投放回顾：ROI 提升 12.5%，𠮷 😀 Social reach +30%.\n");
    }
    let pasted = pasted.trim_end().to_string();
    let d = BriefDraft {
        content: BriefContent {
            background: pasted.clone(),
            ..Default::default()
        },
        ..Default::default()
    };
    apply(&f.store, &f.ctx, Command::SaveBrief(j, d, Base::Overwrite)).expect("1 MB brief");
    let stored = f
        .store
        .latest_brief(j)
        .ok()
        .flatten()
        .map(|v| v.content.background);
    assert_eq!(stored.as_deref().map(str::len), Some(pasted.len()));
    assert_eq!(stored, Some(pasted));
    // Amounts: each one either stored exactly or refused with a message.
    for (typed, expected) in [
        ("¥1,234.50", Ok(Fen(123_450))),
        ("１２３", Ok(Fen(12_300))),
        ("-5", Err(())),
        ("12.345", Err(())),
        ("abc", Err(())),
    ] {
        let d = ContractDraft {
            number: format!("HT-{typed}"),
            start: "2026-01-01".into(),
            end: "2026-12-31".into(),
            value: typed.into(),
            ..Default::default()
        };
        let r = apply(&f.store, &f.ctx, Command::AddContract(c, d));
        match (r, expected) {
            (Ok(a), Ok(fen)) => {
                let v = f
                    .store
                    .get::<Contract>(a.id)
                    .ok()
                    .flatten()
                    .map(|c| c.value);
                assert_eq!(v, Some(fen), "{typed}");
            }
            (Err(e), Err(())) => assert!(!e.message(Lang::En).is_empty()),
            (r, e) => panic!("{typed}: got {r:?}, expected {e:?}"),
        }
    }
}

mod budgets;
mod documents;
mod estimates;
mod files;
mod invoices;
mod library;
mod meetings;
mod schedules;
mod stale;
mod undo;
mod works;
