use super::*;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// A Spring Festival TVC: brief, creative, client approval, shoot, delivery.
fn tvc() -> Schedule {
    let mut s = Schedule::default();
    let t = |id, name, a, b, party| Task::new(TaskId(id), name, d(a), d(b), party);
    s.tasks = vec![
        t(1, "创意提案", "2026-02-02", "2026-02-06", Party::Agency),
        t(2, "客户确认创意", "2026-02-09", "2026-02-10", Party::Client),
        t(3, "拍摄", "2026-02-11", "2026-02-13", Party::Vendor),
        t(4, "后期制作", "2026-02-24", "2026-03-03", Party::Vendor),
        Task {
            milestone: true,
            ..t(5, "交付", "2026-03-04", "2026-03-04", Party::Agency)
        },
    ];
    for (task, after) in [(2, 1), (3, 2), (4, 3), (5, 4)] {
        s.add_dependency(TaskId(task), TaskId(after)).unwrap();
    }
    s
}

#[test]
fn moving_a_task_moves_its_dependents_by_working_days_across_spring_festival() {
    let cal = WorkCalendar::china();
    let mut s = tvc();
    assert!(s.conflicts().is_empty());
    // The client approves three working days later: 12–13 Feb, then Saturday 14 Feb is a
    // make-up working day, so approval runs 12, 13 Feb; shooting moves three working
    // days: from 11–13 Feb to 14 (Sat, worked), 24, 25 Feb (15–23 is the holiday).
    let moved = s.move_task(TaskId(2), d("2026-02-12"), &cal).unwrap();
    assert_eq!(moved, vec![TaskId(2), TaskId(3), TaskId(4), TaskId(5)]);
    let get = |s: &Schedule, id| {
        let t = s.task(TaskId(id)).unwrap();
        (t.start, t.end)
    };
    assert_eq!(get(&s, 2), (d("2026-02-12"), d("2026-02-13")));
    assert_eq!(get(&s, 3), (d("2026-02-14"), d("2026-02-25")));
    assert_eq!(cal.working_days(d("2026-02-14"), d("2026-02-25")), 3);
    // Post-production keeps its 7 working days; the milestone stays a single day.
    let (a, b) = get(&s, 4);
    assert_eq!(cal.working_days(a, b), 7);
    let (m1, m2) = get(&s, 5);
    assert_eq!(m1, m2);
    assert!(s.conflicts().is_empty());
    assert_eq!(
        s.task(TaskId(1)).unwrap().start,
        d("2026-02-02"),
        "predecessor unmoved"
    );
}

#[test]
fn a_task_that_starts_too_early_is_shown_not_fixed() {
    let cal = WorkCalendar::china();
    let mut s = tvc();
    // The creative work runs two days longer: its end moves, and so do the dependents.
    s.set_end(TaskId(1), d("2026-02-10"), &cal).unwrap();
    assert!(s.conflicts().is_empty());
    // Editing a dependent by hand to start before its predecessor ends is a conflict.
    let t = s.tasks.iter_mut().find(|t| t.id == TaskId(3)).unwrap();
    t.start = d("2026-02-09");
    assert_eq!(
        s.conflicts(),
        vec![Conflict {
            before: TaskId(2),
            after: TaskId(3)
        }]
    );
}

#[test]
fn loops_and_unknown_tasks_are_refused() {
    let mut s = tvc();
    assert_eq!(
        s.add_dependency(TaskId(1), TaskId(5)),
        Err(ScheduleError::Cycle {
            task: TaskId(1),
            after: TaskId(5)
        })
    );
    assert!(matches!(
        s.add_dependency(TaskId(1), TaskId(1)),
        Err(ScheduleError::Cycle { .. })
    ));
    assert_eq!(
        s.add_dependency(TaskId(1), TaskId(9)),
        Err(ScheduleError::NoTask(TaskId(9)))
    );
    let cal = WorkCalendar::china();
    assert_eq!(
        s.move_task(TaskId(9), d("2026-02-02"), &cal),
        Err(ScheduleError::NoTask(TaskId(9)))
    );
    assert_eq!(s.next_id(), TaskId(6));
}

#[test]
fn late_and_at_risk_follow_the_calendar() {
    let cal = WorkCalendar::china();
    let mut t = Task::new(
        TaskId(1),
        "媒体排期",
        d("2026-03-02"),
        d("2026-03-13"),
        Party::Media,
    );
    assert_eq!(t.status_on(d("2026-03-10")), TaskStatus::NotStarted);
    assert_eq!(t.status_on(d("2026-03-16")), TaskStatus::Late);
    t.progress = 10;
    assert!(
        t.at_risk(d("2026-03-11"), &cal),
        "8 of 10 days gone, 10% done"
    );
    t.progress = 60;
    assert!(!t.at_risk(d("2026-03-11"), &cal));
    t.status = TaskStatus::Done;
    assert_eq!(t.status_on(d("2026-03-16")), TaskStatus::Done);
}

#[test]
fn only_a_sound_schedule_can_be_saved() {
    assert_eq!(tvc().validate(), Ok(()));
    let broken = |f: fn(&mut Schedule)| {
        let mut s = tvc();
        f(&mut s);
        s.validate().unwrap_err()
    };
    assert_eq!(
        broken(|s| s.tasks[1].name = "  ".into()),
        ScheduleProblem::NoName(TaskId(2))
    );
    assert_eq!(
        broken(|s| s.tasks[1].id = TaskId(1)),
        ScheduleProblem::DuplicateId(TaskId(1))
    );
    assert_eq!(
        broken(|s| s.tasks[0].end = d("2026-01-30")),
        ScheduleProblem::EndBeforeStart(TaskId(1))
    );
    assert_eq!(
        broken(|s| s.tasks[4].end = d("2026-03-05")),
        ScheduleProblem::EndBeforeStart(TaskId(5)),
        "a milestone is one day"
    );
    assert_eq!(
        broken(|s| s.tasks[0].progress = 101),
        ScheduleProblem::Progress(TaskId(1))
    );
    assert_eq!(
        broken(|s| s.tasks[0].after.push(TaskId(42))),
        ScheduleProblem::UnknownPredecessor {
            task: TaskId(1),
            after: TaskId(42)
        }
    );
    // A loop typed around add_dependency (e.g. from a damaged import) is caught.
    assert!(matches!(
        broken(|s| s.tasks[0].after.push(TaskId(5))),
        ScheduleProblem::Loop(_)
    ));
    assert_eq!(
        broken(|s| s.tasks[0].name = "名".repeat(201)),
        ScheduleProblem::NameTooLong(TaskId(1))
    );
}

#[test]
fn the_client_view_leaves_out_everything_internal() {
    let mut s = tvc();
    s.tasks[0].internal_note = "报价内部毛利 35%".into();
    s.tasks[0].owner = "王小明".into();
    s.tasks[0].owner_internal = true;
    s.tasks[2].client_visible = false; // the shoot is arranged internally
    s.tasks[2].name = "内部：导演档期协调".into();
    let view = s.client_view();
    assert_eq!(view.tasks.len(), 4);
    let text = format!("{view:?}");
    for secret in ["35%", "王小明", "导演档期"] {
        assert!(!text.contains(secret), "{secret} leaked");
    }
    // Dependencies on the hidden task are dropped, not left dangling.
    let post = view.task(TaskId(4)).unwrap();
    assert!(post.after.is_empty());
    // What the client must do stays, marked.
    assert!(view.task(TaskId(2)).unwrap().client_action);
}

#[test]
fn the_next_issue_lists_what_changed_since_the_last() {
    let cal = WorkCalendar::china();
    let v1 = tvc();
    let mut v2 = v1.clone();
    v2.move_task(TaskId(4), d("2026-02-25"), &cal).unwrap();
    v2.tasks.retain(|t| t.id != TaskId(3));
    v2.tasks[0].name = "创意提案（二稿）".into();
    let id = v2.next_id();
    v2.tasks.push(Task::new(
        id,
        "客户提供产品样品",
        d("2026-02-09"),
        d("2026-02-09"),
        Party::Client,
    ));
    let changes = diff(&v1, &v2);
    assert_eq!(
        changes,
        vec![
            ScheduleChange::Renamed {
                from: "创意提案".into(),
                to: "创意提案（二稿）".into()
            },
            ScheduleChange::Moved {
                name: "后期制作".into(),
                from: (d("2026-02-24"), d("2026-03-03")),
                to: (d("2026-02-25"), d("2026-03-04")),
            },
            ScheduleChange::Moved {
                name: "交付".into(),
                from: (d("2026-03-04"), d("2026-03-04")),
                to: (d("2026-03-05"), d("2026-03-05")),
            },
            ScheduleChange::Added {
                name: "客户提供产品样品".into(),
                start: d("2026-02-09"),
                end: d("2026-02-09"),
            },
            ScheduleChange::Removed {
                name: "拍摄".into()
            },
        ]
    );
    assert!(diff(&v2, &v2).is_empty());
}
