//! The schedule report: the client view leaks nothing, statuses are those of the right day,
//! plans are chosen as typed, phases survive the client view.

use super::*;
use crate::domain::schedule::{Task, TaskId};
use crate::domain::{Audit, ClientId, JobId, JobNumber, JobStatus, Stamp, Team, UserId};
use chrono::{TimeZone, Utc};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn stamp() -> Stamp {
    Stamp {
        by: UserId(1),
        at: Utc.with_ymd_and_hms(2026, 11, 26, 2, 0, 0).unwrap(),
    }
}

pub(crate) fn job_and_client() -> (Job, Client) {
    let client = Client {
        id: ClientId(1),
        name: "可口可乐（中国）饮料有限公司".into(),
        short_name: "可口可乐".into(),
        industry: String::new(),
        address: String::new(),
        phone: String::new(),
        since: None,
        notes: String::new(),
        archived: false,
        invoicing: Default::default(),
        audit: Audit::new(stamp()),
    };
    let job = Job {
        id: JobId(2),
        number: JobNumber {
            year: 2026,
            seq: 2,
            text: "2026-0002".into(),
        },
        title: "2027 春节 TVC".into(),
        client_id: client.id,
        brand_id: None,
        team: Team::default(),
        status: JobStatus::Briefed,
        requested_on: d("2026-11-01"),
        due_on: None,
        audit: Audit::new(stamp()),
    };
    (job, client)
}

/// A schedule whose internal parts carry markers that must never reach the client.
pub(crate) fn secret_schedule() -> Schedule {
    let mut a = Task::new(
        TaskId(1),
        "创意提案",
        d("2026-12-01"),
        d("2026-12-04"),
        Party::Agency,
    );
    a.internal_note = "SECRET-NOTE-1 毛利 35%".into();
    a.owner = "SECRET-OWNER 王小明".into();
    a.owner_internal = true;
    let mut hidden = Task::new(
        TaskId(2),
        "SECRET-TASK 导演档期",
        d("2026-12-02"),
        d("2026-12-03"),
        Party::Vendor,
    );
    hidden.client_visible = false;
    hidden.client_note = "SECRET-HIDDEN-CLIENT-NOTE".into();
    let mut approve = Task::new(
        TaskId(3),
        "客户确认创意",
        d("2026-12-07"),
        d("2026-12-08"),
        Party::Client,
    );
    approve.client_note = "请书面确认".into();
    approve.after = vec![TaskId(1), TaskId(2)];
    Schedule {
        tasks: vec![a, hidden, approve],
    }
}

fn issued(version: u32, schedule: Schedule) -> IssuedSchedule {
    IssuedSchedule {
        job_id: JobId(2),
        version,
        issued_on: d("2026-11-20"),
        stamp: stamp(),
        schedule,
    }
}

#[test]
fn the_client_version_has_nothing_internal_not_even_in_the_changes() {
    let (job, client) = job_and_client();
    let v1 = issued(1, secret_schedule());
    let mut now = secret_schedule();
    // The hidden task is removed and renamed: neither may show in the client's changes.
    now.tasks.retain(|t| t.id != TaskId(2));
    now.tasks[1].start = d("2026-12-09");
    now.tasks[1].end = d("2026-12-10");
    let v2 = issued(2, now.clone());
    let head = Letterhead::default();
    let cal = WorkCalendar::china();
    let inputs = ScheduleInputs {
        view: View::Client,
        job: &job,
        client: &client,
        schedule: &v2.schedule,
        version: Some(&v2),
        previous: Some(&v1),
        letterhead: &head,
        today: d("2026-11-27"),
        lang: Lang::Zh,
        calendar: &cal,
    };
    let report = ScheduleReport::build(&inputs);
    let text = format!("{report:?}{:?}", report.change_lines());
    assert!(!text.contains("SECRET"), "{text}");
    assert_eq!(report.rows.len(), 2);
    assert!(report.rows[1].client_action);
    assert_eq!(
        report.changes.len(),
        1,
        "only the visible task moved: {:?}",
        report.changes
    );
    assert_eq!(
        report.change_lines(),
        vec![
            "调整：客户确认创意，2026年12月7日 – 2026年12月8日 → 2026年12月9日 – 2026年12月10日"
                .to_string()
        ]
    );
    assert_eq!(report.version_text(), "v2");
    // The internal version has it all, and says which tasks the client does not see.
    let internal = ScheduleReport::build(&ScheduleInputs {
        view: View::Internal,
        ..inputs
    });
    let text = format!("{internal:?}{:?}", internal.change_lines());
    assert!(text.contains("SECRET-NOTE-1") && text.contains("SECRET-TASK"));
    assert!(
        internal
            .change_lines()
            .iter()
            .any(|l| l.starts_with("取消：SECRET-TASK"))
    );
}

#[test]
fn statuses_are_those_of_the_day_and_the_span_covers_every_row() {
    let (job, client) = job_and_client();
    let plan = secret_schedule();
    let head = Letterhead::default();
    let report = ScheduleReport::build(&ScheduleInputs {
        view: View::Internal,
        job: &job,
        client: &client,
        schedule: &plan,
        version: None,
        previous: None,
        letterhead: &head,
        today: d("2026-12-05"),
        lang: Lang::En,
        calendar: &WorkCalendar::china(),
    });
    assert_eq!(report.rows[0].status, TaskStatus::Late);
    assert_eq!(report.rows[2].status, TaskStatus::NotStarted);
    assert_eq!(report.span, Some((d("2026-12-01"), d("2026-12-08"))));
    assert_eq!(report.version_text(), "工作计划 Working plan");
    assert!(!report.is_draft(), "the team's working plan is not a draft");
    assert_eq!(report.issued_on, d("2026-12-05"));
    assert_eq!(report.status_date, d("2026-12-05"));
    assert_eq!(report.today_line, Some(d("2026-12-05")));
    assert!(report.rows[1].internal_only);
    assert_eq!(report.rows[0].note, "SECRET-NOTE-1 毛利 35%");
}

#[test]
fn a_running_task_behind_its_dates_is_at_risk_and_one_past_its_end_is_late() {
    let (job, client) = job_and_client();
    let head = Letterhead::default();
    let cal = WorkCalendar::china();
    let mut plan = secret_schedule();
    // 创意提案 runs 12-01..12-04; on 12-03 it should be half done but is at 10%.
    plan.tasks[0].status = TaskStatus::InProgress;
    plan.tasks[0].progress = 10;
    let on = |today: &str| {
        ScheduleReport::build(&ScheduleInputs {
            view: View::Internal,
            job: &job,
            client: &client,
            schedule: &plan,
            version: None,
            previous: None,
            letterhead: &head,
            today: d(today),
            lang: Lang::Zh,
            calendar: &cal,
        })
    };
    let running = on("2026-12-03");
    assert!(running.rows[0].at_risk);
    assert_eq!(running.rows[0].status, TaskStatus::InProgress);
    assert!(!running.rows[2].at_risk, "not started yet");
    let past = on("2026-12-07");
    assert_eq!(past.rows[0].status, TaskStatus::Late);
    assert!(!past.rows[0].at_risk, "late, no longer at risk");
}

#[test]
fn an_issued_version_reads_as_of_its_issue_date_and_has_no_today_line() {
    let (job, client) = job_and_client();
    let head = Letterhead::default();
    let cal = WorkCalendar::china();
    // 11/23–12/04, running when v1 was issued on 12/01; printed on 12/05.
    let mut plan = secret_schedule();
    plan.tasks[0].start = d("2026-11-23");
    plan.tasks[0].status = TaskStatus::InProgress;
    plan.tasks[0].progress = 60;
    let v1 = IssuedSchedule {
        issued_on: d("2026-12-01"),
        ..issued(1, plan.clone())
    };
    let inputs = ScheduleInputs {
        view: View::Client,
        job: &job,
        client: &client,
        schedule: &v1.schedule,
        version: Some(&v1),
        previous: None,
        letterhead: &head,
        today: d("2026-12-05"),
        lang: Lang::Zh,
        calendar: &cal,
    };
    let issued = ScheduleReport::build(&inputs);
    assert_eq!(issued.rows[0].status, TaskStatus::InProgress);
    assert_eq!(issued.status_date, d("2026-12-01"));
    assert_eq!(issued.today_line, None);
    assert!(!issued.is_draft());
    // The working plan printed the same day: late, beside the today line.
    let draft = ScheduleReport::build(&ScheduleInputs {
        version: None,
        schedule: &plan,
        ..inputs
    });
    assert_eq!(draft.rows[0].status, TaskStatus::Late);
    assert_eq!(draft.today_line, Some(d("2026-12-05")));
    assert!(draft.is_draft());
    assert_eq!(draft.version_text(), "草稿 Draft");
}

#[test]
fn plans_are_typed_as_working_issued_or_a_version() {
    assert_eq!(PlanChoice::parse("working"), Some(PlanChoice::Working));
    assert_eq!(
        PlanChoice::parse(" Issued "),
        Some(PlanChoice::Issued(None))
    );
    assert_eq!(PlanChoice::parse("2"), Some(PlanChoice::Issued(Some(2))));
    assert_eq!(PlanChoice::parse("v3"), Some(PlanChoice::Issued(Some(3))));
    for bad in ["", "0", "v", "-1", "+2", "draft", "2.0", "v2v"] {
        assert_eq!(PlanChoice::parse(bad), None, "{bad}");
    }
    assert_eq!(PlanChoice::default_for(View::Internal), PlanChoice::Working);
    assert_eq!(
        PlanChoice::default_for(View::Client),
        PlanChoice::Issued(None)
    );
}

#[test]
fn phases_span_their_tasks_and_an_internal_phase_leaves_its_tasks_at_the_top() {
    let (job, client) = job_and_client();
    let head = Letterhead::default();
    let cal = WorkCalendar::china();
    let t = |id, name, a, b| Task::new(TaskId(id), name, d(a), d(b), Party::Agency);
    let mut plan = Schedule {
        tasks: vec![
            t(1, "创意", "2026-12-01", "2026-12-01"),
            t(2, "创意发想", "2026-12-01", "2026-12-03"),
            t(3, "创意提案", "2026-12-04", "2026-12-04"),
            t(4, "内部准备", "2026-12-07", "2026-12-07"),
            t(5, "场地确认", "2026-12-07", "2026-12-09"),
            t(6, "上线", "2026-12-10", "2026-12-10"),
        ],
    };
    for i in [1, 2, 4] {
        plan.tasks[i].level = 1;
    }
    plan.tasks[3].client_visible = false;
    plan.tasks[4].calendar_days = true;
    plan.roll_up(&cal);
    let build = |view| {
        ScheduleReport::build(&ScheduleInputs {
            view,
            job: &job,
            client: &client,
            schedule: &plan,
            version: None,
            previous: None,
            letterhead: &head,
            today: d("2026-11-30"),
            lang: Lang::Zh,
            calendar: &cal,
        })
    };
    let internal = build(View::Internal);
    let shape: Vec<(u8, bool)> = internal.rows.iter().map(|r| (r.level, r.phase)).collect();
    assert_eq!(
        shape,
        [
            (0, true),
            (1, false),
            (1, false),
            (0, true),
            (1, false),
            (0, false)
        ]
    );
    assert_eq!(
        (internal.rows[0].start, internal.rows[0].end),
        (d("2026-12-01"), d("2026-12-04"))
    );
    assert_eq!(
        (internal.rows[1].days, internal.rows[1].calendar_days),
        (3, false)
    );
    // 12-07 to 12-09 counted in calendar days.
    assert_eq!(
        (internal.rows[4].days, internal.rows[4].calendar_days),
        (3, true)
    );
    assert!(internal.has_phases());
    let client_view = build(View::Client);
    let shape: Vec<(&str, u8, bool)> = client_view
        .rows
        .iter()
        .map(|r| (r.name.as_str(), r.level, r.phase))
        .collect();
    assert_eq!(
        shape,
        [
            ("创意", 0, true),
            ("创意发想", 1, false),
            ("创意提案", 1, false),
            ("场地确认", 0, false),
            ("上线", 0, false),
        ]
    );
}
