//! The templates' use cases on a temporary database.

use super::*;
use crate::domain::calendar::WorkCalendar;
use crate::domain::template::BUILTIN_NAME;
use crate::domain::{Role, UserId};
use crate::services::{
    Applied, ClientDraft, Command, Ctx, JobDraft, UserDraft, apply, standard_plan,
};
use crate::store::Store;
use chrono::{NaiveDate, TimeZone, Utc};

struct Fixture {
    _dir: tempfile::TempDir,
    store: Store,
    ctx: Ctx,
    job: JobId,
}

fn run(f: &Fixture, command: Command) -> Result<Applied, ServiceError> {
    apply(&f.store, &f.ctx, command)
}

/// A database with one user, one client and one job (2026-0001) without a schedule.
fn fixture() -> Fixture {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(&dir.path().join("t.redb")).expect("open");
    let now = Utc
        .with_ymd_and_hms(2026, 11, 26, 2, 0, 0)
        .single()
        .expect("moment");
    let mut f = Fixture {
        _dir: dir,
        store,
        ctx: Ctx {
            actor: UserId(0),
            now,
            today: now.date_naive(),
        },
        job: JobId(0),
    };
    let user = run(
        &f,
        Command::AddUser(UserDraft {
            name: "王小明".into(),
            role: Role::AccountExecutive,
            active: true,
        }),
    )
    .expect("user");
    f.ctx.actor = UserId(user.id);
    let client = run(
        &f,
        Command::CreateClient(ClientDraft {
            name: "宝马（中国）".into(),
            ..Default::default()
        }),
    )
    .expect("client");
    let job = run(
        &f,
        Command::CreateJob(JobDraft {
            title: "iX3 上市发布会".into(),
            client_id: Some(crate::domain::ClientId(client.id)),
            requested_on: "2026-11-20".into(),
            ..Default::default()
        }),
    )
    .expect("job");
    f.job = JobId(job.id);
    f
}

fn stored(f: &Fixture) -> ScheduleTemplates {
    or_builtin(f.store.templates().expect("read templates"))
}

fn names(list: &ScheduleTemplates) -> Vec<&str> {
    list.choices().0
}

#[test]
fn until_saved_the_built_in_standard_plan_is_the_only_template_and_the_default() {
    let f = fixture();
    assert_eq!(f.store.templates().expect("read"), None);
    let list = stored(&f);
    assert_eq!(list.choices(), (vec![BUILTIN_NAME], Some(0)));
    let plan = &list.templates[0].plan;
    let standard = standard_plan(ANCHOR, &template_calendar());
    assert_eq!(plan.tasks.len(), standard.tasks.len());
    assert!(plan.tasks.iter().all(|t| t.owner.is_empty()));
    assert_eq!(list.validate(), Ok(()));
}

#[test]
fn a_jobs_schedule_is_saved_as_a_template_without_its_people_and_undone() {
    let f = fixture();
    let cal = WorkCalendar::china();
    let start = NaiveDate::from_ymd_opt(2026, 12, 1).expect("date");
    let mut plan = standard_plan(start, &cal);
    plan.tasks[0].owner = "王小明".into();
    plan.tasks[0].progress = 50;
    plan.tasks[1].internal_note = "毛利 35%".into();
    run(
        &f,
        Command::SaveSchedule(f.job, plan.clone(), Base::Overwrite),
    )
    .expect("schedule");

    let applied = run(
        &f,
        Command::SaveScheduleAsTemplate(f.job, " 发布会 ".into()),
    )
    .expect("save as template");
    assert!(applied.summary.contains("发布会"), "{}", applied.summary);
    let list = stored(&f);
    assert_eq!(names(&list), vec![BUILTIN_NAME, "发布会"]);
    assert_eq!(
        list.default_index(),
        Some(0),
        "the built-in plan stays the default"
    );
    let saved = &list.templates[1].plan;
    assert_eq!(saved.tasks.len(), plan.tasks.len());
    let text = format!("{saved:?}");
    for secret in ["王小明", "毛利"] {
        assert!(!text.contains(secret), "{secret} kept in the template");
    }
    assert!(saved.tasks.iter().all(|t| t.progress == 0));
    // Laid out again on the job's start, it is the job's plan without its people.
    let laid = list.lay_out(1, start, &cal).expect("lay out");
    for (a, b) in laid.tasks.iter().zip(&plan.tasks) {
        assert_eq!(
            (a.name.as_str(), a.start, a.end),
            (b.name.as_str(), b.start, b.end)
        );
    }
    let logged = f.store.read().and_then(|r| r.changes()).expect("log");
    assert!(logged.last().is_some_and(|c| c.summary.contains("发布会")));

    // The same name again is refused, whatever the spaces.
    let err = run(&f, Command::SaveScheduleAsTemplate(f.job, "发布会 ".into())).unwrap_err();
    assert_eq!(
        err.message(Lang::Zh),
        "已有名为“发布会”的模板，请换一个名称。"
    );
    assert_eq!(names(&stored(&f)), vec![BUILTIN_NAME, "发布会"]);

    // Undo takes it away again, and the undo can itself be undone (redo).
    let undo = applied.undo.expect("undoable");
    let undone = run(&f, Command::Undo(Box::new(undo))).expect("undo");
    assert_eq!(names(&stored(&f)), vec![BUILTIN_NAME]);
    run(&f, Command::Undo(Box::new(undone.undo.expect("redoable")))).expect("redo");
    assert_eq!(names(&stored(&f)), vec![BUILTIN_NAME, "发布会"]);
}

#[test]
fn a_job_without_a_schedule_cannot_become_a_template() {
    let f = fixture();
    let err = run(&f, Command::SaveScheduleAsTemplate(f.job, "空".into())).unwrap_err();
    assert!(matches!(
        err,
        ServiceError::Template(TemplateError::EmptyPlan(_))
    ));
    let number = f
        .store
        .get::<Job>(f.job.0)
        .ok()
        .flatten()
        .map(|j| j.number.text)
        .expect("job");
    assert!(
        err.message(Lang::Zh).contains(&number),
        "{}",
        err.message(Lang::Zh)
    );
    assert!(err.message(Lang::En).contains("has no tasks"));
    assert_eq!(f.store.templates().expect("read"), None, "nothing written");
}

#[test]
fn the_list_is_saved_whole_checked_and_undone() {
    let f = fixture();
    let mut list = stored(&f);
    let cal = template_calendar();
    let plan = list.templates[0].plan.clone();
    list.save_as("TVC 拍摄", &plan, &cal).expect("add");
    list.set_default(1).expect("default");
    list.rename(0, "活动标准流程").expect("rename");
    let applied = run(&f, Command::SaveTemplates(list.clone(), Base::Overwrite)).expect("save");
    assert_eq!(stored(&f), list);
    assert_eq!(
        applied.summary,
        "进度表模板：活动标准流程、TVC 拍摄（默认）"
    );

    // Two defaults are refused, with the reason, and nothing changes.
    let mut broken = list.clone();
    broken.templates[0].is_default = true;
    let err = run(&f, Command::SaveTemplates(broken, Base::Overwrite)).unwrap_err();
    assert_eq!(
        err.message(Lang::En),
        "2 templates are marked as the default; choose exactly one."
    );
    // A task without a name names the template and the problem.
    let mut unnamed = list.clone();
    unnamed.templates[1].plan.tasks[2].name = "  ".into();
    let err = run(&f, Command::SaveTemplates(unnamed, Base::Overwrite)).unwrap_err();
    assert_eq!(
        err.message(Lang::Zh),
        "模板“TVC 拍摄”：有任务没有名称，请填写。"
    );
    assert_eq!(stored(&f), list);

    // Deleting every template is allowed; undo brings the list back.
    let deleted = run(
        &f,
        Command::SaveTemplates(ScheduleTemplates::default(), Base::Overwrite),
    )
    .expect("empty");
    assert_eq!(
        stored(&f).templates.len(),
        0,
        "no built-in plan comes back by itself"
    );
    run(&f, Command::Undo(Box::new(deleted.undo.expect("undoable")))).expect("undo");
    assert_eq!(stored(&f), list);
}
