use super::*;
use crate::domain::schedule::Party;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// A job's plan across Spring Festival 2026 (15–23 Feb off, Sat 14 and Sat 28 Feb worked),
/// in two phases, with a weekend event counted in calendar days and a launch milestone; the
/// first task is done, with its owner, notes and actual dates.
fn job_plan() -> Schedule {
    let cal = WorkCalendar::china();
    let t = |id, name, a, b, party| Task::new(TaskId(id), name, d(a), d(b), party);
    let mut brief = Task {
        level: 1,
        owner: "王小明".into(),
        owner_internal: true,
        internal_note: "客户预算偏紧".into(),
        client_note: "请带齐资料".into(),
        progress: 100,
        status: TaskStatus::Done,
        actual_start: Some(d("2026-02-09")),
        actual_end: Some(d("2026-02-10")),
        ..t(2, "需求简报", "2026-02-09", "2026-02-10", Party::Agency)
    };
    brief.after.clear();
    let mut s = Schedule {
        tasks: vec![
            t(1, "策划", "2026-02-09", "2026-02-09", Party::Agency),
            brief,
            Task {
                level: 1,
                client_visible: false,
                after: vec![TaskId(2)],
                progress: 40,
                status: TaskStatus::InProgress,
                ..t(3, "内部预算审核", "2026-02-11", "2026-02-11", Party::Agency)
            },
            t(4, "创意", "2026-02-11", "2026-02-11", Party::Agency),
            Task {
                level: 1,
                after: vec![TaskId(2)],
                owner: "创意部".into(),
                ..t(5, "创意提案", "2026-02-11", "2026-02-24", Party::Agency)
            },
            Task {
                level: 1,
                after: vec![TaskId(5)],
                ..t(6, "客户确认创意", "2026-02-25", "2026-02-26", Party::Client)
            },
            Task {
                calendar_days: true,
                after: vec![TaskId(6)],
                ..t(7, "周末快闪活动", "2026-03-07", "2026-03-09", Party::Vendor)
            },
            Task {
                milestone: true,
                after: vec![TaskId(7)],
                ..t(8, "上市发布", "2026-03-10", "2026-03-10", Party::Agency)
            },
        ],
    };
    s.roll_up(&cal);
    assert_eq!(s.validate(), Ok(()));
    assert_eq!(
        s.task(TaskId(5)).unwrap().duration(&cal),
        5,
        "across the holiday"
    );
    s
}

fn dates(s: &Schedule, id: u32) -> (NaiveDate, NaiveDate) {
    let t = s.task(TaskId(id)).unwrap();
    (t.start, t.end)
}

#[test]
fn template_round_trip_keeps_the_shape_across_spring_festival_and_national_day() {
    let china = WorkCalendar::china();
    let job = job_plan();
    let mut list = ScheduleTemplates::default();
    let at = list.save_as(" 新品上市 ", &job, &china).unwrap();
    assert_eq!(at, 0);
    let template = &list.templates[0];
    assert_eq!(template.name, "新品上市");
    assert!(template.is_default, "the first template is the default");

    // Stored from the anchor on plain weekends: the 5 working days of 创意提案 (which ran
    // across the holiday) are 5 weekdays there, two working days after the start.
    let plain = template_calendar();
    assert_eq!(template.plan.span().unwrap().0, ANCHOR);
    assert_eq!(dates(&template.plan, 5), (d("2001-01-03"), d("2001-01-09")));
    for (kept, was) in template.plan.tasks.iter().zip(&job.tasks) {
        assert_eq!(kept.duration(&plain), was.duration(&china), "{}", was.name);
    }

    // Laid out from Thu 24 Sep 2026: 中秋 (25–27 Sep) and 国庆 (1–7 Oct) are off, Sat 10 Oct
    // is worked.
    let laid = list.lay_out(0, d("2026-09-24"), &china).unwrap();
    assert_eq!(laid.validate(), Ok(()));
    assert_eq!(dates(&laid, 2), (d("2026-09-24"), d("2026-09-28")));
    assert_eq!(dates(&laid, 3), (d("2026-09-29"), d("2026-09-29")));
    assert_eq!(dates(&laid, 5), (d("2026-09-29"), d("2026-10-10")));
    assert_eq!(dates(&laid, 6), (d("2026-10-12"), d("2026-10-13")));
    // The weekend event keeps its three calendar days, one day past its working-day place.
    assert_eq!(dates(&laid, 7), (d("2026-10-23"), d("2026-10-25")));
    assert_eq!(dates(&laid, 8), (d("2026-10-26"), d("2026-10-26")));
    // Phases span their tasks.
    assert_eq!(dates(&laid, 1), (d("2026-09-24"), d("2026-09-29")));
    assert_eq!(dates(&laid, 4), (d("2026-09-29"), d("2026-10-13")));
    assert!(laid.conflicts().is_empty());

    let first = job.span().unwrap().0;
    for (new, old) in laid.tasks.iter().zip(&job.tasks) {
        // Names, levels, predecessors, parties and what the client sees are kept …
        assert_eq!(new.id, old.id);
        assert_eq!(new.name, old.name);
        assert_eq!(new.level, old.level);
        assert_eq!(new.after, old.after);
        assert_eq!(new.party, old.party);
        assert_eq!(new.milestone, old.milestone);
        assert_eq!(new.calendar_days, old.calendar_days);
        assert_eq!(new.client_visible, old.client_visible);
        assert_eq!(new.client_action, old.client_action);
        // … with the same length and distance from the start, in working days …
        assert_eq!(new.duration(&china), old.duration(&china), "{}", old.name);
        if !laid.is_phase_task(new.id) && !new.calendar_days {
            assert_eq!(
                china.working_offset(d("2026-09-24"), new.start),
                china.working_offset(first, old.start),
                "{}",
                old.name
            );
            assert!(
                china.is_working(new.start),
                "{} starts on a day off",
                old.name
            );
        }
        // … and nothing of the job's people or progress.
        assert!(new.owner.is_empty() && !new.owner_internal, "{}", old.name);
        assert!(new.internal_note.is_empty() && new.client_note.is_empty());
        assert_eq!(new.progress, 0);
        assert_eq!(new.status, TaskStatus::NotStarted);
        assert_eq!((new.actual_start, new.actual_end), (None, None));
    }
    assert_eq!(list.lay_out(1, d("2026-09-24"), &china), None);
}

#[test]
fn a_template_keeps_its_lengths_when_holidays_are_imported_later() {
    // A year without data counts weekends only; the agency then enters Spring Festival.
    let before = WorkCalendar::default();
    let job = Schedule {
        tasks: vec![Task::new(
            TaskId(1),
            "制作",
            d("2027-02-01"),
            d("2027-02-12"),
            Party::Vendor,
        )],
    };
    let mut list = ScheduleTemplates::default();
    list.save_as("制作", &job, &before).unwrap();
    let off = crate::domain::calendar::SpecialDay {
        working: false,
        name: "春节".into(),
    };
    let after = WorkCalendar::default()
        .with_agency_days((8..=12).map(|day| (d(&format!("2027-02-{day:02}")), off.clone())));
    // Ten working days stay ten: the stored plan does not depend on the calendar.
    let laid = list.lay_out(0, d("2027-02-01"), &after).unwrap();
    assert_eq!(laid.tasks[0].duration(&after), 10);
    assert_eq!(dates(&laid, 1), (d("2027-02-01"), d("2027-02-19")));
}

#[test]
fn names_are_trimmed_short_and_unique() {
    let china = WorkCalendar::china();
    let job = job_plan();
    let mut list = ScheduleTemplates::default();
    assert_eq!(
        list.save_as("   ", &job, &china),
        Err(TemplateError::NameRequired)
    );
    assert_eq!(
        list.save_as(&"长".repeat(MAX_NAME_CHARS + 1), &job, &china),
        Err(TemplateError::NameTooLong {
            max: MAX_NAME_CHARS
        })
    );
    assert_eq!(
        list.save_as("TVC\u{7}", &job, &china),
        Err(TemplateError::NameControlChar)
    );
    list.save_as("TVC 拍摄", &job, &china).unwrap();
    assert_eq!(
        list.save_as(" tvc 拍摄", &job, &china),
        Err(TemplateError::DuplicateName("tvc 拍摄".into()))
    );
    assert_eq!(
        list.save_as("空白", &Schedule::default(), &china),
        Err(TemplateError::EmptyPlan("空白".into()))
    );
    list.save_as("发布会", &job, &china).unwrap();
    assert_eq!(
        list.rename(1, "TVC 拍摄"),
        Err(TemplateError::DuplicateName("TVC 拍摄".into()))
    );
    list.rename(0, " TVC 广告片 ").unwrap();
    list.rename(1, "发布会").unwrap();
    assert_eq!(list.choices(), (vec!["TVC 广告片", "发布会"], Some(0)));
    assert_eq!(list.rename(2, "x"), Err(TemplateError::NoTemplate(2)));
    assert_eq!(list.unused_name(" 发布会 "), "发布会 2");
    list.save_as("发布会 2", &job, &china).unwrap();
    assert_eq!(list.unused_name("发布会"), "发布会 3");
    assert_eq!(list.unused_name("印刷"), "印刷");
    list.delete(2).unwrap();
    assert_eq!(list.validate(), Ok(()));
}

#[test]
fn exactly_one_default_while_there_is_any_template() {
    let china = WorkCalendar::china();
    let job = job_plan();
    let mut list = ScheduleTemplates::with_builtin(&job, &china);
    assert_eq!(list.templates[0].name, BUILTIN_NAME);
    list.save_as("活动", &job, &china).unwrap();
    list.save_as("印刷", &job, &china).unwrap();
    assert_eq!(
        list.default_index(),
        Some(0),
        "a new template is not the default"
    );
    list.set_default(2).unwrap();
    assert_eq!(
        list.default_template().map(|t| t.name.as_str()),
        Some("印刷")
    );
    assert_eq!(list.templates.iter().filter(|t| t.is_default).count(), 1);
    assert_eq!(list.set_default(3), Err(TemplateError::NoTemplate(3)));
    // Deleting the default hands it to the first one left.
    let gone = list.delete(2).unwrap();
    assert_eq!(gone.name, "印刷");
    assert_eq!(list.default_index(), Some(0));
    list.delete(0).unwrap();
    assert_eq!(list.choices(), (vec!["活动"], Some(0)));
    list.delete(0).unwrap();
    assert_eq!(list.default_template(), None);
    assert_eq!(list.validate(), Ok(()), "an empty list has no default");
    assert_eq!(list.delete(0), Err(TemplateError::NoTemplate(0)));

    // A list edited elsewhere is checked whole.
    let mut two = ScheduleTemplates::with_builtin(&job, &china);
    two.save_as("活动", &job, &china).unwrap();
    two.templates[1].is_default = true;
    assert_eq!(two.validate(), Err(TemplateError::Defaults(2)));
    two.templates[0].is_default = false;
    two.templates[1].is_default = false;
    assert_eq!(two.validate(), Err(TemplateError::Defaults(0)));
    two.templates[1].is_default = true;
    two.templates[1].name = BUILTIN_NAME.into();
    assert_eq!(
        two.validate(),
        Err(TemplateError::DuplicateName(BUILTIN_NAME.into()))
    );
}

#[test]
fn an_edited_plan_is_anchored_again_and_checked() {
    let china = WorkCalendar::china();
    let plain = template_calendar();
    let mut list = ScheduleTemplates::with_builtin(&job_plan(), &china);
    let mut plan = list.templates[0].plan.clone();
    // Remove the first phase and its first task: the plan starts later, then is moved back.
    plan.delete_rows(&[0, 1], &plain);
    plan.set_duration(TaskId(5), 7, &plain).unwrap();
    list.set_plan(0, &plan).unwrap();
    let stored = &list.templates[0].plan;
    assert_eq!(stored.span().unwrap().0, ANCHOR);
    assert_eq!(stored.task(TaskId(5)).unwrap().duration(&plain), 7);
    assert!(stored.task(TaskId(2)).is_none());

    let mut unnamed = stored.clone();
    unnamed.tasks[1].name = " ".into();
    assert!(matches!(
        list.set_plan(0, &unnamed),
        Err(TemplateError::Plan {
            problem: ScheduleProblem::NoName(_),
            ..
        })
    ));
    assert_eq!(
        list.set_plan(0, &Schedule::default()),
        Err(TemplateError::EmptyPlan(BUILTIN_NAME.into()))
    );
    assert_eq!(list.set_plan(1, &plan), Err(TemplateError::NoTemplate(1)));
}
