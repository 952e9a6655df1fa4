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
fn undo_restores_edits_and_removes_creations() {
    let f = fixture();
    let c = client(&f, "可口可乐");
    let edit = apply(
        &f.store,
        &f.ctx,
        Command::UpdateClient(
            c,
            ClientDraft {
                name: "百事".into(),
                ..Default::default()
            },
            Base::Overwrite,
        ),
    )
    .expect("edit");
    apply(
        &f.store,
        &f.ctx,
        Command::Undo(Box::new(edit.undo.expect("undo"))),
    )
    .expect("undo edit");
    let name = f.store.get::<Client>(c.0).ok().flatten().map(|c| c.name);
    assert_eq!(name.as_deref(), Some("可口可乐"));
    let contact = apply(
        &f.store,
        &f.ctx,
        Command::AddContact(
            c,
            ContactDraft {
                name: "李华".into(),
                ..Default::default()
            },
        ),
    )
    .expect("contact");
    // The client is now referred to: undoing its creation is refused, nothing removed.
    let base = f
        .store
        .read()
        .and_then(|v| v.revision::<Client>(crate::store::Key::id(c.0)))
        .ok()
        .flatten()
        .map(|r| r.rev);
    let refused = apply(
        &f.store,
        &f.ctx,
        Command::Undo(Box::new(UndoStep {
            reverse: Reverse::Remove(Subject::Client, c.0),
            base,
            before: None,
        })),
    );
    assert!(matches!(refused, Err(ServiceError::InUse(_))));
    apply(
        &f.store,
        &f.ctx,
        Command::Undo(Box::new(contact.undo.expect("undo"))),
    )
    .expect("undo contact");
    assert!(f.store.all::<Contact>().unwrap_or_default().is_empty());
    // Deleting a contact can be undone.
    let contact = apply(
        &f.store,
        &f.ctx,
        Command::AddContact(
            c,
            ContactDraft {
                name: "张伟".into(),
                ..Default::default()
            },
        ),
    )
    .expect("contact");
    let del = apply(
        &f.store,
        &f.ctx,
        Command::DeleteContact(ContactId(contact.id)),
    )
    .expect("delete");
    apply(
        &f.store,
        &f.ctx,
        Command::Undo(Box::new(del.undo.expect("undo"))),
    )
    .expect("undo delete");
    assert_eq!(f.store.all::<Contact>().unwrap_or_default().len(), 1);
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

fn plan(f: &Fixture) -> crate::domain::schedule::Schedule {
    use crate::domain::schedule::{Party, Schedule, Task, TaskId};
    let day = |m, d| chrono::NaiveDate::from_ymd_opt(2026, m, d).unwrap_or(f.ctx.today);
    let mut approve = Task::new(
        TaskId(2),
        "客户确认创意",
        day(12, 3),
        day(12, 4),
        Party::Client,
    );
    approve.after = vec![TaskId(1)];
    let mut internal = Task::new(
        TaskId(3),
        "内部预算审核",
        day(12, 1),
        day(12, 1),
        Party::Agency,
    );
    internal.client_visible = false;
    Schedule {
        tasks: vec![
            Task::new(TaskId(1), "创意提案", day(12, 1), day(12, 2), Party::Agency),
            approve,
            internal,
        ],
    }
}

#[test]
fn schedules_are_saved_validated_undone_and_issued_as_numbered_versions() {
    use crate::domain::schedule::{ScheduleProblem, TaskId};
    let f = fixture();
    let job = job(&f, client(&f, "可口可乐"));
    // Nothing to issue before there is a schedule.
    let err = apply(&f.store, &f.ctx, Command::IssueSchedule(job)).unwrap_err();
    assert!(
        err.message(Lang::Zh).contains("没有客户可见的任务"),
        "{err}"
    );

    let first = plan(&f);
    let saved = apply(
        &f.store,
        &f.ctx,
        Command::SaveSchedule(job, first.clone(), Base::Overwrite),
    )
    .unwrap();
    assert_eq!(saved.subject, Subject::Schedule);
    assert_eq!(f.store.schedule(job).unwrap().unwrap().schedule, first);

    // A loop is refused with the task's name, and nothing changes.
    let mut looped = first.clone();
    looped.tasks[0].after.push(TaskId(2));
    let err = apply(
        &f.store,
        &f.ctx,
        Command::SaveSchedule(job, looped, Base::Overwrite),
    )
    .unwrap_err();
    assert!(matches!(
        err,
        ServiceError::Schedule {
            problem: ScheduleProblem::Loop(_),
            ..
        }
    ));
    assert!(
        err.message(Lang::Zh).contains("循环"),
        "{}",
        err.message(Lang::Zh)
    );
    assert_eq!(f.store.schedule(job).unwrap().unwrap().schedule, first);

    // Issue v1, change a date, issue v2: both stay as they were issued.
    apply(&f.store, &f.ctx, Command::IssueSchedule(job)).unwrap();
    let mut second = first.clone();
    second.tasks[1].start = second.tasks[1].start.succ_opt().unwrap();
    second.tasks[1].end = second.tasks[1].end.succ_opt().unwrap();
    let edit = apply(
        &f.store,
        &f.ctx,
        Command::SaveSchedule(job, second.clone(), Base::Overwrite),
    )
    .unwrap();
    let issued = apply(&f.store, &f.ctx, Command::IssueSchedule(job)).unwrap();
    assert!(
        issued.undo.is_none(),
        "what the client received is not undone"
    );
    assert!(issued.summary.contains("v2"), "{}", issued.summary);
    let versions = f.store.issued_schedules(job).unwrap();
    assert_eq!(
        versions.iter().map(|v| v.version).collect::<Vec<_>>(),
        [1, 2]
    );
    assert_eq!(versions[0].schedule, first);
    assert_eq!(versions[1].schedule, second);
    assert_eq!(versions[1].issued_on, f.ctx.today);
    let changes = crate::domain::schedule::diff(&versions[0].schedule, &versions[1].schedule);
    assert_eq!(changes.len(), 1, "{changes:?}");

    // Undo the date change: the working plan goes back; the issued versions stay.
    apply(
        &f.store,
        &f.ctx,
        Command::Undo(Box::new(edit.undo.unwrap())),
    )
    .unwrap();
    assert_eq!(f.store.schedule(job).unwrap().unwrap().schedule, first);
    assert_eq!(f.store.issued_schedules(job).unwrap().len(), 2);
    // Undoing the very first save removes the schedule.
    apply(
        &f.store,
        &f.ctx,
        Command::Undo(Box::new(saved.undo.unwrap())),
    )
    .unwrap();
    assert!(f.store.schedule(job).unwrap().is_none());
    // Every step is in the change log, in Chinese.
    let log = f.store.read().unwrap().changes().unwrap();
    let schedule_entries: Vec<_> = log
        .iter()
        .filter(|c| c.subject == Subject::Schedule)
        .collect();
    assert_eq!(schedule_entries.len(), 6);
    assert!(
        schedule_entries
            .iter()
            .any(|c| c.summary.contains("已发给客户"))
    );
}

#[test]
fn agency_days_are_named_unique_sorted_and_undoable() {
    use crate::domain::settings::AgencyDay;
    let f = fixture();
    let day = |date: &str, name: &str| AgencyDay {
        date: chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap(),
        working: false,
        name: name.into(),
    };
    let mut s = f.store.settings().unwrap_or_default();
    s.days = vec![day("2026-12-24", "年会"), day("2026-12-24", "again")];
    let err = apply(
        &f.store,
        &f.ctx,
        Command::SaveSettings(s.clone(), Base::Overwrite),
    )
    .unwrap_err();
    assert_eq!(
        err.message(Lang::Zh),
        "“公司休息日”中 2026-12-24 出现了两次，请删除其中一个。"
    );
    s.days = vec![day("2026-12-31", " 跨年 "), day("2026-12-24", "  ")];
    let err = apply(
        &f.store,
        &f.ctx,
        Command::SaveSettings(s.clone(), Base::Overwrite),
    )
    .unwrap_err();
    assert_eq!(err.message(Lang::Zh), "请填写“休息日名称”。");
    s.days = vec![day("2026-12-31", " 跨年 "), day("2026-12-24", "年会")];
    let saved = apply(&f.store, &f.ctx, Command::SaveSettings(s, Base::Overwrite)).expect("save");
    let read = f.store.settings().expect("settings");
    assert_eq!(
        read.days,
        vec![day("2026-12-24", "年会"), day("2026-12-31", "跨年")]
    );
    // Undo brings back the settings before.
    let step = saved.undo.expect("undoable");
    apply(&f.store, &f.ctx, Command::Undo(Box::new(step))).expect("undo");
    assert!(f.store.settings().expect("settings").days.is_empty());
}

mod files;
mod meetings;
mod stale;

#[test]
fn an_undo_that_would_overwrite_a_later_change_says_who_made_it() {
    let f = fixture();
    let zhou = apply(
        &f.store,
        &f.ctx,
        Command::AddUser(UserDraft {
            name: "周芳".into(),
            role: Role::AccountManager,
            active: true,
        }),
    )
    .expect("user");
    let client = apply(
        &f.store,
        &f.ctx,
        Command::CreateClient(ClientDraft {
            name: "可口可乐".into(),
            ..Default::default()
        }),
    )
    .expect("client");
    let c = ClientId(client.id);
    let rename = |name: &str, ctx: &Ctx| {
        apply(
            &f.store,
            ctx,
            Command::UpdateClient(
                c,
                ClientDraft {
                    name: name.into(),
                    ..Default::default()
                },
                Base::Overwrite,
            ),
        )
        .expect("edit")
    };
    let mine = rename("百事", &f.ctx);
    let theirs = Ctx {
        actor: UserId(zhou.id),
        ..f.ctx
    };
    rename("百事可乐", &theirs);
    // My undo would put back the name before my edit over 周芳's later one: refused.
    let refused = apply(
        &f.store,
        &f.ctx,
        Command::Undo(Box::new(mine.undo.clone().expect("undo"))),
    );
    match &refused {
        Err(ServiceError::Store(StoreError::Conflict { by, at, .. })) => {
            assert_eq!(by.as_deref(), Some("周芳"));
            assert_eq!(*at, Some(f.ctx.now));
        }
        other => panic!("expected a conflict, got {other:?}"),
    }
    let said = refused
        .err()
        .map(|e| e.message(Lang::Zh))
        .unwrap_or_default();
    assert!(said.contains("周芳"), "{said}");
    let name = f.store.get::<Client>(c.0).ok().flatten().map(|c| c.name);
    assert_eq!(name.as_deref(), Some("百事可乐"), "nothing was written");
    // Undoing the creation is refused the same way: the client changed since.
    assert!(matches!(
        apply(
            &f.store,
            &f.ctx,
            Command::Undo(Box::new(client.undo.expect("undo")))
        ),
        Err(ServiceError::Store(StoreError::Conflict { .. }))
    ));
}
