use super::*;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn names(s: &Schedule) -> Vec<(u8, &str)> {
    s.tasks.iter().map(|t| (t.level, t.name.as_str())).collect()
}

/// 策划 (brief, budget) and 创意 (concept) as three rows, then indented into phases.
fn phased() -> (Schedule, WorkCalendar) {
    let cal = WorkCalendar::china();
    let mut s = Schedule::default();
    let today = d("2026-03-02");
    for name in ["策划", "需求简报", "内部预算", "创意", "创意提案"] {
        let below = s.tasks.len().checked_sub(1);
        s.insert_row(below, NewRow::Task, name, today, &cal)
            .unwrap();
    }
    for row in [1, 2, 4] {
        s.indent(row, &cal).unwrap();
    }
    (s, cal)
}

#[test]
fn rows_added_below_follow_each_other_on_working_days() {
    let (s, _) = phased();
    assert_eq!(
        names(&s),
        vec![
            (0, "策划"),
            (1, "需求简报"),
            (1, "内部预算"),
            (0, "创意"),
            (1, "创意提案")
        ]
    );
    // One working day each, one after the other: Mon 2, Tue 3, Wed 4, Thu 5, Fri 6 March.
    let starts: Vec<NaiveDate> = s.tasks.iter().map(|t| t.start).collect();
    assert_eq!(starts[1], d("2026-03-03"));
    assert_eq!(starts[2], d("2026-03-04"));
    assert_eq!(starts[4], d("2026-03-06"));
}

#[test]
fn a_phase_spans_its_tasks_and_sums_their_progress() {
    let (mut s, cal) = phased();
    assert!(s.is_phase(0) && s.is_phase(3) && !s.is_phase(1));
    assert_eq!(
        (s.tasks[0].start, s.tasks[0].end),
        (d("2026-03-03"), d("2026-03-04"))
    );
    let id = s.tasks[2].id;
    s.set_duration(id, 6, &cal).unwrap();
    s.tasks[1].progress = 100;
    s.tasks[1].status = TaskStatus::Done;
    s.roll_up(&cal);
    // 4–11 March is six working days; the phase now ends on the 11th.
    assert_eq!(s.tasks[2].end, d("2026-03-11"));
    assert_eq!(s.tasks[0].end, d("2026-03-11"));
    // 1 day done of 7: 14 %.
    assert_eq!(s.tasks[0].progress, 14);
    assert_eq!(s.tasks[0].status, TaskStatus::InProgress);
}

#[test]
fn outdenting_and_deleting_a_phase_keep_its_tasks() {
    let (mut s, cal) = phased();
    s.outdent(1, &cal).unwrap();
    // 需求简报 is now a phase itself, with 内部预算 under it; 策划 is a plain row.
    assert!(!s.is_phase(0) && s.is_phase(1));
    let gone = s.delete_rows(&[1], &cal);
    assert_eq!(gone[0].name, "需求简报");
    assert_eq!(
        names(&s),
        vec![(0, "策划"), (0, "内部预算"), (0, "创意"), (1, "创意提案")]
    );
    assert_eq!(
        s.indent(2, &cal),
        Err(ScheduleError::PhaseInPhase(s.tasks[2].id)),
        "one level only"
    );
    assert_eq!(s.indent(0, &cal), Err(ScheduleError::NothingAbove));
    assert_eq!(s.validate(), Ok(()));
}

#[test]
fn moving_a_phase_takes_its_tasks_and_predecessors_follow_the_rows() {
    let (mut s, cal) = phased();
    let proposal = s.tasks[4].id;
    s.set_predecessor_rows(proposal, "2，3").unwrap();
    assert_eq!(s.predecessor_rows(proposal), "2, 3");
    let at = s.move_row(3, true, &cal).unwrap();
    assert_eq!(at, 0);
    assert_eq!(
        names(&s),
        vec![
            (0, "创意"),
            (1, "创意提案"),
            (0, "策划"),
            (1, "需求简报"),
            (1, "内部预算")
        ]
    );
    assert_eq!(s.predecessor_rows(proposal), "4, 5");
    // A task moved past the top of its phase leaves it.
    let at = s.move_row(3, true, &cal).unwrap();
    assert_eq!(at, 2);
    assert_eq!(s.tasks[2].name, "需求简报");
    assert_eq!(s.tasks[2].level, 0);
    // Dragging the first phase to the end.
    let at = s.move_block_to(0, s.tasks.len(), &cal).unwrap();
    assert_eq!(at, 3);
    assert_eq!(s.tasks[3].name, "创意");
    assert_eq!(s.validate(), Ok(()));
}

#[test]
fn bad_predecessor_rows_are_refused_and_change_nothing() {
    let (mut s, _) = phased();
    let id = s.tasks[1].id;
    assert_eq!(
        s.set_predecessor_rows(id, "9"),
        Err(ScheduleError::NoRow(9))
    );
    assert_eq!(
        s.set_predecessor_rows(id, "x"),
        Err(ScheduleError::NotARow("x".into()))
    );
    assert_eq!(
        s.set_predecessor_rows(id, "1"),
        Err(ScheduleError::PhaseAsPredecessor(1))
    );
    assert!(matches!(
        s.set_predecessor_rows(id, "2"),
        Err(ScheduleError::Cycle { .. })
    ));
    s.set_predecessor_rows(s.tasks[2].id, "２").unwrap();
    assert!(matches!(
        s.set_predecessor_rows(id, "3"),
        Err(ScheduleError::Cycle { .. })
    ));
    assert!(s.tasks[1].after.is_empty());
}

#[test]
fn a_duration_sets_the_end_across_spring_festival_and_back() {
    let cal = WorkCalendar::china();
    let mut s = Schedule::default();
    let mut t = Task::new(
        TaskId(1),
        "主视觉",
        d("2026-02-12"),
        d("2026-02-12"),
        Party::Agency,
    );
    t.calendar_days = false;
    s.tasks.push(t);
    // 12, 13 Feb, Sat 14 (make-up working day), then 24, 25 Feb after the holiday.
    s.set_duration(TaskId(1), 5, &cal).unwrap();
    assert_eq!(s.tasks[0].end, d("2026-02-25"));
    assert_eq!(s.tasks[0].duration(&cal), 5);
    // Typing the end gives the duration back.
    s.set_end(TaskId(1), d("2026-02-27"), &cal).unwrap();
    assert_eq!(s.tasks[0].duration(&cal), 7);
    // National Day: 30 Sep to 12 Oct 2026 is 5 working days: 30 Sep, 8, 9, Sat 10 Oct
    // (a make-up working day) and 12 Oct.
    let mut n = Task::new(
        TaskId(2),
        "国庆路演",
        d("2026-09-30"),
        d("2026-10-12"),
        Party::Vendor,
    );
    assert_eq!(n.duration(&cal), 5);
    n.calendar_days = true;
    assert_eq!(n.duration(&cal), 13);
    assert_eq!(n.end_for(n.start, 13, &cal), Some(d("2026-10-12")));
    n.calendar_days = false;
    assert_eq!(n.end_for(n.start, 5, &cal), Some(d("2026-10-12")));
    assert_eq!(n.start_for(d("2026-10-12"), 5, &cal), Some(d("2026-09-30")));
}

#[test]
fn duplicating_a_phase_copies_its_tasks_with_new_numbers() {
    let (mut s, cal) = phased();
    let proposal = s.tasks[4].id;
    let brief = s.tasks[1].id;
    s.set_predecessor_rows(s.tasks[2].id, "2").unwrap();
    s.set_predecessor_rows(proposal, "3").unwrap();
    let at = s.duplicate_row(0, &cal).unwrap();
    assert_eq!(at, 3);
    assert_eq!(s.tasks.len(), 8);
    assert_eq!(s.tasks[3].name, "策划");
    assert!(s.is_phase(3));
    // The copy of 内部预算 waits for the copy of 需求简报, not the original.
    assert_eq!(s.tasks[5].after, vec![s.tasks[4].id]);
    assert_ne!(s.tasks[4].id, brief);
    assert_eq!(s.validate(), Ok(()));
}
