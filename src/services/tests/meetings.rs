//! Meetings and the minutes' way to the client, on a temporary database.

use super::*;
use crate::domain::meeting::{Attendee, MeetingKind, MinutesState, Point, Reply, Side, SignedCopy};
use crate::domain::{Meeting, MeetingId};

fn contact(f: &Fixture, client_id: ClientId, name: &str, email: &str) -> ContactId {
    let a = apply(
        &f.store,
        &f.ctx,
        Command::AddContact(
            client_id,
            ContactDraft {
                name: name.into(),
                email: email.into(),
                ..Default::default()
            },
        ),
    )
    .expect("contact");
    ContactId(a.id)
}

fn new_meeting(f: &Fixture, client_id: ClientId) -> Meeting {
    let start = f.ctx.now - chrono::Duration::hours(3);
    let mut m = Meeting::new(
        MeetingKind::Meeting,
        client_id,
        start,
        start + chrono::Duration::hours(1),
        f.ctx.stamp(),
    );
    m.title = " 创意提案 ".into();
    m
}

fn load(f: &Fixture, id: u64) -> Meeting {
    f.store
        .get::<Meeting>(id)
        .ok()
        .flatten()
        .expect("meeting stored")
}

#[test]
fn a_meeting_is_created_edited_and_undone() {
    let f = fixture();
    let c = client(&f, "宝马中国");
    let j = job(&f, c);
    let mut m = new_meeting(&f, c);
    m.jobs.push(j);
    let created = apply(
        &f.store,
        &f.ctx,
        Command::SaveMeeting(Box::new(m), Base::Overwrite),
    )
    .expect("saved");
    let stored = load(&f, created.id);
    assert_eq!(stored.title, "创意提案", "trimmed");
    assert_eq!(stored.prep.len(), 4, "the handbook's four items");
    assert_eq!(stored.jobs, vec![j]);

    let mut edited = stored.clone();
    edited.minutes.points.push(Point {
        text: "主视觉改用红色".into(),
        ..Default::default()
    });
    let saved = apply(
        &f.store,
        &f.ctx,
        Command::SaveMeeting(Box::new(edited), Base::Overwrite),
    )
    .expect("edit");
    assert_eq!(load(&f, created.id).minutes.points.len(), 1);
    let undo = saved.undo.expect("undoable");
    apply(&f.store, &f.ctx, Command::Undo(Box::new(undo))).expect("undo edit");
    assert!(load(&f, created.id).minutes.points.is_empty());
    apply(
        &f.store,
        &f.ctx,
        Command::Undo(Box::new(created.undo.expect("undo"))),
    )
    .expect("undo create");
    assert_eq!(f.store.get::<Meeting>(created.id).ok().flatten(), None);
}

#[test]
fn bad_meetings_are_refused_with_a_message_and_nothing_saved() {
    let f = fixture();
    let c = client(&f, "宝马中国");
    let other = client(&f, "可口可乐");
    let mut m = new_meeting(&f, c);
    m.title = "   ".into();
    let e = apply(
        &f.store,
        &f.ctx,
        Command::SaveMeeting(Box::new(m.clone()), Base::Overwrite),
    );
    assert!(e.is_err_and(|e| e.message(Lang::Zh) == "请填写“会议主题”。"));

    let mut wrong_job = new_meeting(&f, c);
    wrong_job.jobs.push(job(&f, other));
    let e = apply(
        &f.store,
        &f.ctx,
        Command::SaveMeeting(Box::new(wrong_job), Base::Overwrite),
    );
    assert!(e.is_err_and(|e| e.message(Lang::En).contains("Job")));

    let mut bad_mail = new_meeting(&f, c);
    bad_mail.attendees.push(Attendee {
        side: Side::Client,
        user: None,
        contact: None,
        name: "李娜".into(),
        title: String::new(),
        email: "李娜@".into(),
    });
    let e = apply(
        &f.store,
        &f.ctx,
        Command::SaveMeeting(Box::new(bad_mail), Base::Overwrite),
    );
    assert!(e.is_err_and(|e| e.message(Lang::Zh).contains("不是有效的电子邮件地址")));
    assert!(f.store.all::<Meeting>().is_ok_and(|all| all.is_empty()));
}

#[test]
fn minutes_are_sent_disputed_revised_and_confirmed_with_undo_of_a_slip() {
    let f = fixture();
    let c = client(&f, "宝马中国");
    let li = contact(&f, c, "李娜", "li.na@bmw.cn");
    let mut m = new_meeting(&f, c);
    m.attendees.push(Attendee {
        side: Side::Client,
        user: None,
        contact: Some(li),
        name: "李娜".into(),
        title: "品牌经理".into(),
        email: "li.na@bmw.cn".into(),
    });
    let id = apply(
        &f.store,
        &f.ctx,
        Command::SaveMeeting(Box::new(m), Base::Overwrite),
    )
    .expect("saved")
    .id;
    let step = |s: MinutesStep| apply(&f.store, &f.ctx, Command::Minutes(MeetingId(id), s));
    let to = vec!["li.na@bmw.cn".to_string()];

    // Nothing written: nothing to send; not sent: nothing to confirm.
    let e = step(MinutesStep::Send(to.clone()));
    assert!(e.is_err_and(|e| e.message(Lang::Zh).contains("会议记录还是空的")));
    let e = step(MinutesStep::Confirm {
        by: "李娜".into(),
        scan: None,
    });
    assert!(e.is_err_and(|e| e.message(Lang::En) == "The minutes have not been sent yet."));

    let mut written = load(&f, id);
    written.minutes.points.push(Point {
        text: "预算 60 万".into(),
        decision: true,
        ..Default::default()
    });
    apply(
        &f.store,
        &f.ctx,
        Command::SaveMeeting(Box::new(written), Base::Overwrite),
    )
    .expect("write");
    assert_eq!(load(&f, id).version_to_export(), None, "only a draft");
    step(MinutesStep::Send(to.clone())).expect("v1 sent");
    assert_eq!(load(&f, id).version_to_export(), Some(1), "v1, unchanged");
    // A save from a screen holding an old copy never loses the sent versions.
    let mut stale = load(&f, id);
    stale.sent.clear();
    apply(
        &f.store,
        &f.ctx,
        Command::SaveMeeting(Box::new(stale), Base::Overwrite),
    )
    .expect("save");
    assert_eq!(load(&f, id).state(), MinutesState::Sent);
    assert_eq!(
        load(&f, id).sent[0].facts,
        None,
        "nothing corrected, nothing copied"
    );
    // The place is corrected after v1 went out: v1 keeps the place it printed, and the
    // correction can go out as v2; undo of the correction leaves v1 as it was.
    let mut moved = load(&f, id);
    let was = moved.place.clone();
    moved.place = "宝马大厦 5 楼".into();
    let corrected = apply(
        &f.store,
        &f.ctx,
        Command::SaveMeeting(Box::new(moved), Base::Overwrite),
    )
    .expect("corrected");
    let stored = load(&f, id);
    assert_eq!(stored.as_sent(&stored.sent[0]).place, was);
    assert!(stored.revised());
    assert_eq!(stored.version_to_export(), None, "the corrected draft");
    apply(
        &f.store,
        &f.ctx,
        Command::Undo(Box::new(corrected.undo.expect("undo"))),
    )
    .expect("undo");
    assert_eq!(load(&f, id).sent[0].facts, None);
    assert!(!load(&f, id).revised());

    let notified = step(MinutesStep::Notify).expect("notified");
    assert_eq!(load(&f, id).state(), MinutesState::Notified);
    // Clicked by mistake: undo puts it back.
    apply(
        &f.store,
        &f.ctx,
        Command::Undo(Box::new(notified.undo.expect("undo"))),
    )
    .expect("undo");
    assert_eq!(load(&f, id).state(), MinutesState::Sent);

    step(MinutesStep::Dispute {
        by: "李娜".into(),
        comments: "预算是 50 万".into(),
    })
    .expect("disputed");
    let e = step(MinutesStep::Send(to.clone()));
    assert!(e.is_err_and(|e| e.message(Lang::Zh).contains("有异议")));
    let mut revised = load(&f, id);
    revised.minutes.points[0].text = "预算 50 万".into();
    apply(
        &f.store,
        &f.ctx,
        Command::SaveMeeting(Box::new(revised), Base::Overwrite),
    )
    .expect("revise");
    step(MinutesStep::Send(to)).expect("v2 sent");
    step(MinutesStep::Confirm {
        by: "李娜".into(),
        scan: Some(SignedCopy::Outside("/扫描/会议记录 v2.pdf".into())),
    })
    .expect("confirmed");
    // The signed copy arrives later: filed, then undone back to the typed path.
    let copy = SignedCopy::Stored(crate::domain::FileRef {
        hash: crate::domain::FileHash::of_bytes(b"%PDF signed"),
        size: 11,
        original_name: "会议记录 签字版.pdf".into(),
        media_type: Some("application/pdf".into()),
    });
    let filed = step(MinutesStep::FileSignedCopy(Some(copy.clone()))).expect("filed");
    let scan_of = |m: &Meeting| match m.latest().and_then(|s| s.reply.as_ref()) {
        Some(Reply::Confirmed { scan, .. }) => scan.clone(),
        _ => None,
    };
    assert_eq!(scan_of(&load(&f, id)), Some(copy));
    apply(
        &f.store,
        &f.ctx,
        Command::Undo(Box::new(filed.undo.expect("undo"))),
    )
    .expect("undo");
    assert_eq!(
        scan_of(&load(&f, id)),
        Some(SignedCopy::Outside("/扫描/会议记录 v2.pdf".into()))
    );
    let done = load(&f, id);
    assert_eq!(done.state(), MinutesState::Confirmed);
    assert_eq!(done.sent.len(), 2);
    assert_eq!(done.sent[0].minutes.points[0].text, "预算 60 万");
    assert_eq!(done.sent[1].minutes.points[0].text, "预算 50 万");

    // Sent minutes are the client's record: the meeting can no longer be deleted.
    let e = apply(&f.store, &f.ctx, Command::DeleteMeeting(MeetingId(id)));
    assert!(matches!(e, Err(ServiceError::InUse(_))));
    let log = f
        .store
        .read()
        .and_then(|r| r.changes_of(Subject::Meeting, id));
    assert!(log.is_ok_and(|l| l.iter().any(|c| c.summary.contains("v2 已发送"))));
}

#[test]
fn a_deleted_contact_stays_at_the_meetings_they_attended() {
    let f = fixture();
    let c = client(&f, "宝马中国");
    let li = contact(&f, c, "李娜", "li.na@bmw.cn");
    let wang = contact(&f, c, "王强", "wang@bmw.cn");
    let attendee = |id: ContactId, name: &str| Attendee {
        side: Side::Client,
        user: None,
        contact: Some(id),
        name: name.into(),
        title: String::new(),
        email: String::new(),
    };
    let mut m = new_meeting(&f, c);
    m.attendees.push(attendee(li, "李娜"));
    let id = apply(
        &f.store,
        &f.ctx,
        Command::SaveMeeting(Box::new(m), Base::Overwrite),
    )
    .expect("saved")
    .id;
    apply(&f.store, &f.ctx, Command::DeleteContact(li)).expect("contact deleted");
    apply(&f.store, &f.ctx, Command::DeleteContact(wang)).expect("contact deleted");

    // The meeting is still edited and saved, with 李娜 as she was at it.
    let mut edited = load(&f, id);
    edited.place = "宝马大厦 3 楼".into();
    apply(
        &f.store,
        &f.ctx,
        Command::SaveMeeting(Box::new(edited), Base::Overwrite),
    )
    .expect("saved again");
    let stored = load(&f, id);
    assert_eq!(stored.place, "宝马大厦 3 楼");
    assert_eq!(stored.attendees, [attendee(li, "李娜")]);

    // A deleted contact is not added to a meeting anew, here or in a new one.
    let mut added = stored.clone();
    added.attendees.push(attendee(wang, "王强"));
    let e = apply(
        &f.store,
        &f.ctx,
        Command::SaveMeeting(Box::new(added), Base::Overwrite),
    );
    assert!(e.is_err_and(|e| e.message(Lang::En).contains("Attendee")));
    let mut fresh = new_meeting(&f, c);
    fresh.attendees.push(attendee(li, "李娜"));
    let e = apply(
        &f.store,
        &f.ctx,
        Command::SaveMeeting(Box::new(fresh), Base::Overwrite),
    );
    assert!(e.is_err_and(|e| e.message(Lang::En).contains("Attendee")));
    assert_eq!(load(&f, id).attendees.len(), 1);
}

#[test]
fn a_client_with_meetings_is_not_removed_by_undoing_its_creation() {
    let f = fixture();
    let created = apply(
        &f.store,
        &f.ctx,
        Command::CreateClient(ClientDraft {
            name: "东晟教育科技".into(),
            ..Default::default()
        }),
    )
    .expect("client");
    let c = ClientId(created.id);
    let m = apply(
        &f.store,
        &f.ctx,
        Command::SaveMeeting(Box::new(new_meeting(&f, c)), Base::Overwrite),
    )
    .expect("meeting");
    let refused = apply(
        &f.store,
        &f.ctx,
        Command::Undo(Box::new(created.undo.expect("undo"))),
    );
    let Err(e) = refused else {
        panic!("the client of a meeting was removed");
    };
    assert!(
        matches!(e, ServiceError::InUse(ref name) if name == "东晟教育科技"),
        "{e:?}"
    );
    assert!(e.message(Lang::Zh).contains("东晟教育科技"));
    assert!(f.store.get::<Client>(c.0).ok().flatten().is_some());
    assert_eq!(load(&f, m.id).client_id, c, "the meeting keeps its client");
}
