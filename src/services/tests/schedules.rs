//! Schedules: saved, validated, undone and issued as numbered versions; the agency's own
//! days.

use super::*;

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
