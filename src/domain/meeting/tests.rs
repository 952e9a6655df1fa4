use super::*;
use chrono::{FixedOffset, TimeZone};

fn at(offset_hours: i32, y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    FixedOffset::east_opt(offset_hours * 3600)
        .and_then(|tz| tz.with_ymd_and_hms(y, mo, d, h, mi, 0).single())
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_default()
}

fn stamp(t: DateTime<Utc>) -> Stamp {
    Stamp {
        by: UserId(1),
        at: t,
    }
}

fn meeting(start: DateTime<Utc>, end: DateTime<Utc>) -> Meeting {
    let mut m = Meeting::new(MeetingKind::Meeting, ClientId(7), start, end, stamp(start));
    m.title = "创意提案".into();
    m.attendees.push(Attendee {
        side: Side::Client,
        user: None,
        contact: Some(ContactId(9)),
        name: "李娜".into(),
        title: "品牌经理".into(),
        email: "li.na@brand.cn".into(),
    });
    m
}

fn written(mut m: Meeting) -> Meeting {
    m.minutes.points.push(Point {
        text: "主视觉改用红色".into(),
        solution: "周五前出两稿".into(),
        decision: true,
        internal_note: "客户总监不满意上一稿".into(),
    });
    m.minutes.actions.push(ActionItem::new("修改主视觉"));
    m
}

#[test]
fn deadline_is_24_hours_after_the_end_across_midnight_and_zones() {
    // 23:00–00:30 in Shanghai: ends after midnight, due the next night at 00:30.
    let m = meeting(at(8, 2026, 3, 10, 23, 0), at(8, 2026, 3, 11, 0, 30));
    assert_eq!(m.minutes_due(), at(8, 2026, 3, 12, 0, 30));
    assert_eq!(m.minutes_due(), at(0, 2026, 3, 11, 16, 30));
    // The same call booked from London (UTC+0) is the same moment.
    let london = meeting(at(0, 2026, 3, 10, 15, 0), at(0, 2026, 3, 10, 16, 30));
    assert_eq!(london.minutes_due(), m.minutes_due());
    // New York on its DST day (-4 after 2026-03-08): 24 hours, not "the same clock time".
    let ny = meeting(at(-5, 2026, 3, 7, 20, 0), at(-5, 2026, 3, 7, 23, 30));
    assert_eq!(ny.minutes_due(), at(-4, 2026, 3, 9, 0, 30));
}

#[test]
fn a_meeting_at_the_edge_of_the_calendar_has_a_deadline_and_no_panic() {
    let end = DateTime::<Utc>::MAX_UTC - Duration::hours(1);
    let m = written(meeting(end - Duration::hours(1), end));
    assert_eq!(m.minutes_due(), DateTime::<Utc>::MAX_UTC);
    assert_eq!(m.progress().minutes_due(), DateTime::<Utc>::MAX_UTC);
    let now = at(8, 2026, 11, 26, 14, 0);
    assert_eq!(m.follow_up(now), FollowUp::Upcoming);
}

#[test]
fn follow_up_with_a_fixed_now() {
    let start = at(8, 2026, 11, 26, 14, 0);
    let end = at(8, 2026, 11, 26, 16, 0);
    let m = written(meeting(start, end));
    assert_eq!(m.follow_up(at(8, 2026, 11, 26, 15, 0)), FollowUp::Upcoming);
    let due = at(8, 2026, 11, 27, 16, 0);
    assert_eq!(
        m.follow_up(at(8, 2026, 11, 26, 17, 0)),
        FollowUp::Writing { due }
    );
    assert_eq!(
        m.follow_up(at(8, 2026, 11, 27, 10, 0)),
        FollowUp::DueSoon { due }
    );
    assert_eq!(m.follow_up(due), FollowUp::DueSoon { due });
    let late = at(8, 2026, 11, 27, 16, 1);
    assert_eq!(m.follow_up(late), FollowUp::Overdue { due });
    assert!(m.follow_up(late).needs_attention());
    assert!(!m.follow_up(at(8, 2026, 11, 26, 17, 0)).needs_attention());
}

#[test]
fn sent_minutes_wait_then_need_a_chase() {
    let mut m = written(meeting(at(8, 2026, 11, 2, 9, 0), at(8, 2026, 11, 2, 10, 0)));
    let sent = at(8, 2026, 11, 2, 18, 0);
    assert_eq!(m.send(stamp(sent), m.client_recipients()), Ok(1));
    assert_eq!(m.sent_on_time(), Some(true));
    assert_eq!(
        m.follow_up(at(8, 2026, 11, 4, 9, 0)),
        FollowUp::Awaiting { sent }
    );
    assert_eq!(
        m.follow_up(at(8, 2026, 11, 5, 18, 0)),
        FollowUp::Unconfirmed { days: 3 }
    );
    assert_eq!(m.notify(at(8, 2026, 11, 5, 18, 5)), Ok(()));
    assert_eq!(m.state(), MinutesState::Notified);
    assert_eq!(m.confirm(at(8, 2026, 11, 6, 9, 0), "李娜", None), Ok(()));
    assert_eq!(m.follow_up(at(8, 2026, 12, 1, 0, 0)), FollowUp::Confirmed);
}

#[test]
fn nothing_is_confirmed_or_disputed_before_it_is_sent() {
    let mut m = written(meeting(at(8, 2026, 11, 2, 9, 0), at(8, 2026, 11, 2, 10, 0)));
    let t = at(8, 2026, 11, 2, 12, 0);
    assert_eq!(m.confirm(t, "李娜", None), Err(MeetingError::NotSent));
    assert_eq!(m.dispute(t, "李娜", "不同意"), Err(MeetingError::NotSent));
    assert_eq!(m.notify(t), Err(MeetingError::NotSent));
    assert_eq!(m.state(), MinutesState::Draft);
}

#[test]
fn empty_minutes_or_no_recipient_cannot_be_sent() {
    let mut m = meeting(at(8, 2026, 11, 2, 9, 0), at(8, 2026, 11, 2, 10, 0));
    m.minutes.internal_note = "只给自己看".into();
    let s = stamp(at(8, 2026, 11, 2, 12, 0));
    assert_eq!(
        m.send(s, vec!["li@x.cn".into()]),
        Err(MeetingError::NothingToSend)
    );
    let mut m = written(m);
    assert_eq!(
        m.send(s, vec!["  ".into()]),
        Err(MeetingError::NoRecipients)
    );
    assert!(m.sent.is_empty());
}

#[test]
fn a_dispute_leads_to_a_revised_version_sent_and_confirmed_again() {
    let mut m = written(meeting(at(8, 2026, 11, 2, 9, 0), at(8, 2026, 11, 2, 10, 0)));
    let to = m.client_recipients();
    assert_eq!(to, vec!["li.na@brand.cn".to_string()]);
    assert_eq!(m.send(stamp(at(8, 2026, 11, 2, 12, 0)), to.clone()), Ok(1));
    // The same text cannot go out twice while the client has not answered.
    assert_eq!(
        m.send(stamp(at(8, 2026, 11, 2, 13, 0)), to.clone()),
        Err(MeetingError::AwaitingReply(1))
    );
    let t = at(8, 2026, 11, 3, 9, 0);
    assert_eq!(m.dispute(t, "李娜", "  "), Err(MeetingError::NoComments));
    assert_eq!(m.dispute(t, "李娜", "预算是 50 万，不是 60 万"), Ok(()));
    assert_eq!(m.state(), MinutesState::Disputed);
    assert_eq!(m.follow_up(t), FollowUp::Disputed);
    assert_eq!(
        m.confirm(t, "李娜", None),
        Err(MeetingError::AlreadyReplied(1))
    );
    assert_eq!(
        m.send(stamp(t), to.clone()),
        Err(MeetingError::NotRevised(1))
    );
    m.minutes.points[0].text = "主视觉改用红色，预算 50 万".into();
    assert!(m.revised());
    assert_eq!(m.send(stamp(at(8, 2026, 11, 3, 11, 0)), to.clone()), Ok(2));
    assert_eq!(m.state(), MinutesState::Sent);
    assert_eq!(
        m.confirm(
            at(8, 2026, 11, 3, 15, 0),
            "李娜",
            Some(SignedCopy::Outside("扫描\u{7}.pdf".into()))
        ),
        Err(MeetingError::Text(TextError::ControlChar { field: "scan" }))
    );
    assert_eq!(m.state(), MinutesState::Sent);
    assert_eq!(
        m.confirm(
            at(8, 2026, 11, 3, 15, 0),
            "李娜",
            Some(SignedCopy::Outside(" 扫描件.pdf ".into()))
        ),
        Ok(())
    );
    assert!(matches!(
        m.latest().and_then(|s| s.reply.as_ref()),
        Some(Reply::Confirmed { scan: Some(SignedCopy::Outside(path)), .. }) if path == "扫描件.pdf"
    ));
    assert_eq!(m.state(), MinutesState::Confirmed);
    assert_eq!(
        m.send(stamp(at(8, 2026, 11, 4, 9, 0)), to),
        Err(MeetingError::AlreadyConfirmed(2))
    );
    // Version 1 keeps the text the client disputed.
    assert_eq!(m.sent[0].minutes.points[0].text, "主视觉改用红色");
}

#[test]
fn sent_versions_never_carry_internal_remarks() {
    let mut m = written(meeting(at(8, 2026, 11, 2, 9, 0), at(8, 2026, 11, 2, 10, 0)));
    m.minutes.internal_note = "内部：报价偏高".into();
    assert_eq!(
        m.send(stamp(at(8, 2026, 11, 2, 12, 0)), vec!["x".into()]),
        Ok(1)
    );
    let sent = &m.sent[0].minutes;
    assert!(sent.internal_note.is_empty());
    assert!(sent.points.iter().all(|p| p.internal_note.is_empty()));
    // An internal remark changed afterwards is not a revision for the client.
    m.minutes.points[0].internal_note = "再问一次".into();
    assert!(!m.revised());
}

#[test]
fn a_sent_version_keeps_the_meeting_as_it_printed_it() {
    let mut m = written(meeting(at(8, 2026, 11, 2, 9, 0), at(8, 2026, 11, 2, 10, 0)));
    m.place = "宝马大厦 3 楼".into();
    let to = m.client_recipients();
    assert_eq!(m.send(stamp(at(8, 2026, 11, 2, 12, 0)), to.clone()), Ok(1));
    assert!(!m.revised());
    assert_eq!(m.sent[0].facts, None, "nothing corrected: nothing copied");
    // Editing the minutes alone copies nothing either.
    let stored = m.clone();
    m.minutes.points[0].solution = "周四前出两稿".into();
    m.keep_sent(&stored);
    assert_eq!(m.sent[0].facts, None);
    // The time and the room were wrong in v1; correcting them is a revision.
    let stored = m.clone();
    m.place = "宝马大厦 5 楼".into();
    m.end = at(8, 2026, 11, 2, 10, 30);
    m.attendees[0].title = "品牌总监".into();
    m.sent.clear(); // a form's copy never replaces the versions sent
    m.keep_sent(&stored);
    assert_eq!(m.sent.len(), 1);
    assert!(m.revised());
    assert_eq!(m.send(stamp(at(8, 2026, 11, 2, 15, 0)), to), Ok(2));
    let v1 = m.as_sent(&m.sent[0]);
    assert_eq!(v1.place, "宝马大厦 3 楼");
    assert_eq!(v1.end, at(8, 2026, 11, 2, 10, 0));
    assert_eq!(v1.attendees[0].title, "品牌经理");
    let v2 = m.as_sent(&m.sent[1]);
    assert_eq!((v2.place.as_str(), v2.end), ("宝马大厦 5 楼", m.end));
    // A second correction keeps v1 as it was sent, and v2 as it was sent.
    let stored = m.clone();
    m.place = "宝马大厦 6 楼".into();
    m.keep_sent(&stored);
    assert_eq!(m.as_sent(&m.sent[0]).place, "宝马大厦 3 楼");
    assert_eq!(m.as_sent(&m.sent[1]).place, "宝马大厦 5 楼");
    assert_eq!(m.as_sent(&m.sent[1]).minutes, m.sent[1].minutes);
}

#[test]
fn late_sending_is_recorded() {
    let mut m = written(meeting(at(8, 2026, 11, 2, 9, 0), at(8, 2026, 11, 2, 10, 0)));
    assert_eq!(
        m.send(stamp(at(8, 2026, 11, 3, 10, 1)), vec!["x".into()]),
        Ok(1)
    );
    assert_eq!(m.sent_on_time(), Some(false));
}

#[test]
fn preparation_warning_within_24_hours_with_open_items() {
    let mut m = meeting(at(8, 2026, 11, 28, 10, 0), at(8, 2026, 11, 28, 11, 0));
    assert_eq!(m.prep.len(), 4);
    assert_eq!(m.prep_warning(at(8, 2026, 11, 26, 10, 0)), None);
    assert_eq!(m.prep_warning(at(8, 2026, 11, 27, 10, 0)), Some(4));
    for p in &mut m.prep {
        p.done = true;
    }
    assert_eq!(m.prep_warning(at(8, 2026, 11, 27, 10, 0)), None);
    m.prep[0].done = false;
    assert_eq!(
        m.prep_warning(at(8, 2026, 11, 28, 10, 30)),
        None,
        "already started"
    );
}

#[test]
fn a_phone_call_is_not_asked_for_a_room_projector_or_transport() {
    let start = at(8, 2026, 11, 28, 10, 0);
    let by = stamp(start);
    let call = Meeting::new(MeetingKind::PhoneCall, ClientId(7), start, start, by);
    let kinds: Vec<PrepKind> = call.prep.iter().map(|p| p.kind).collect();
    assert_eq!(kinds, [PrepKind::AgendaSent]);
    assert_eq!(call.prep_warning(at(8, 2026, 11, 27, 12, 0)), Some(1));
    // A call stored with all four items (before checklists followed the kind) is
    // warned about the agenda only.
    let mut old = call.clone();
    old.prep = PrepItem::standard_for(MeetingKind::Meeting);
    assert_eq!(old.prep_warning(at(8, 2026, 11, 27, 12, 0)), Some(1));
    let video = Meeting::new(MeetingKind::VideoCall, ClientId(7), start, start, by);
    assert_eq!(video.prep.len(), 2);
    let visit = Meeting::new(MeetingKind::SiteVisit, ClientId(7), start, start, by);
    assert!(visit.prep.iter().all(|p| p.kind != PrepKind::Room));
}

#[test]
fn validation_trims_keeps_blank_lines_and_refuses_bad_input() {
    let mut m = written(meeting(at(8, 2026, 11, 2, 9, 0), at(8, 2026, 11, 2, 10, 0)));
    m.title = "  提案会 ".into();
    m.minutes.points.push(Point::default());
    m.minutes.actions.push(ActionItem::new(" "));
    let ok = m.clone().validated();
    assert!(ok.as_ref().is_ok_and(|v| v.title == "提案会"
        && v.minutes.points.len() == 2
        && v.minutes.for_client().points.len() == 1
        && v.minutes.for_client().actions.len() == 1));

    let mut bad = m.clone();
    bad.end = bad.start - Duration::minutes(1);
    assert_eq!(bad.validated(), Err(MeetingError::EndBeforeStart));
    let mut bad = m.clone();
    bad.attendees[0].email = "13800138000".into();
    assert_eq!(
        bad.validated(),
        Err(MeetingError::BadEmail("13800138000".into()))
    );
    // A standard item removed is put back; the checklist follows the kind.
    let mut fitted = m.clone();
    fitted.prep.retain(|p| p.kind != PrepKind::AudioVisual);
    let kinds = |m: &Meeting| m.prep.iter().map(|p| p.kind).collect::<Vec<_>>();
    assert_eq!(
        fitted.clone().validated().map(|v| kinds(&v)),
        Ok(PrepKind::STANDARD.to_vec())
    );
    fitted.kind = MeetingKind::PhoneCall;
    assert_eq!(
        fitted.validated().map(|v| kinds(&v)),
        Ok(vec![PrepKind::AgendaSent])
    );
    let mut bad = m.clone();
    bad.title = " ".into();
    assert!(matches!(bad.validated(), Err(MeetingError::Text(_))));
    let mut bad = m;
    bad.agenda = vec![
        AgendaItem {
            title: "x".into(),
            presenter: String::new(),
            minutes: 5,
        };
        MAX_ITEMS + 1
    ];
    assert_eq!(bad.validated(), Err(MeetingError::TooMany("agenda items")));
}

#[test]
fn action_items_reach_their_owner() {
    let mut m = written(meeting(at(8, 2026, 11, 2, 9, 0), at(8, 2026, 11, 2, 10, 0)));
    m.minutes.actions[0].owner_user = Some(UserId(3));
    m.minutes.actions.push(ActionItem {
        owner_user: Some(UserId(3)),
        status: ActionStatus::Done,
        ..ActionItem::new("已完成的")
    });
    assert_eq!(m.open_actions_of(UserId(3)).count(), 1);
    assert_eq!(m.open_actions_of(UserId(4)).count(), 0);
}

#[test]
fn a_signed_copy_is_filed_only_for_a_confirmed_version_and_replaces_the_one_before() {
    let mut m = written(meeting(at(8, 2026, 11, 2, 9, 0), at(8, 2026, 11, 2, 10, 0)));
    let copy = |name: &str| {
        SignedCopy::Stored(crate::domain::FileRef {
            hash: crate::domain::FileHash::of_bytes(name.as_bytes()),
            size: 3,
            original_name: name.into(),
            media_type: None,
        })
    };
    assert_eq!(
        m.file_signed_copy(Some(copy("a.pdf"))),
        Err(MeetingError::NotSent)
    );
    m.send(stamp(at(8, 2026, 11, 2, 12, 0)), vec!["x".into()])
        .unwrap();
    assert_eq!(
        m.file_signed_copy(Some(copy("a.pdf"))),
        Err(MeetingError::NotConfirmed(1))
    );
    m.confirm(at(8, 2026, 11, 3, 9, 0), "李娜", None).unwrap();
    assert_eq!(m.file_signed_copy(Some(copy("a.pdf"))), Ok(None));
    assert_eq!(
        m.file_signed_copy(Some(copy("b.pdf"))),
        Ok(Some(copy("a.pdf")))
    );
    assert!(matches!(
        m.latest().and_then(|s| s.reply.as_ref()),
        Some(Reply::Confirmed { scan: Some(c), by, .. }) if c.name() == "b.pdf" && by == "李娜"
    ));
    assert_eq!(
        m.file_signed_copy(Some(SignedCopy::Outside("\u{7}".into()))),
        Err(MeetingError::Text(TextError::ControlChar { field: "scan" }))
    );
    assert_eq!(m.file_signed_copy(None), Ok(Some(copy("b.pdf"))));
}
