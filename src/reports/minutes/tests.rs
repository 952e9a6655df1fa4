//! Unit tests of the meeting documents' models.

use super::*;
use crate::domain::meeting::{ActionItem, AgendaItem, Point};
use crate::domain::{Audit, ClientId, JobId, JobNumber, JobStatus, Stamp, Team, UserId};
use chrono::TimeZone;

fn utc8() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).unwrap()
}

fn at(d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    utc8()
        .with_ymd_and_hms(2026, 11, d, h, mi, 0)
        .unwrap()
        .with_timezone(&Utc)
}

fn stamp(t: DateTime<Utc>) -> Stamp {
    Stamp {
        by: UserId(1),
        at: t,
    }
}

fn client() -> Client {
    Client {
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
        audit: Audit::new(stamp(at(1, 9, 0))),
    }
}

fn job() -> Job {
    Job {
        id: JobId(4),
        number: JobNumber {
            year: 2026,
            seq: 42,
            text: "2026-0042".into(),
        },
        title: "2027 春节 TVC".into(),
        client_id: ClientId(1),
        brand_id: None,
        team: Team::default(),
        status: JobStatus::Briefed,
        requested_on: NaiveDate::from_ymd_opt(2026, 11, 2).unwrap(),
        due_on: None,
        audit: Audit::new(stamp(at(1, 9, 0))),
    }
}

fn meeting() -> Meeting {
    let mut m = Meeting::new(
        MeetingKind::Meeting,
        ClientId(1),
        at(26, 14, 0),
        at(26, 16, 0),
        stamp(at(20, 9, 0)),
    );
    m.title = "创意提案".into();
    m.place = "客户总部 3 楼会议室".into();
    for (side, name, title) in [
        (Side::Agency, "王小明", "客户总监"),
        (Side::Client, "李娜", "品牌经理"),
        (Side::Client, "张伟", ""),
    ] {
        m.attendees.push(Attendee {
            side,
            user: None,
            contact: None,
            name: name.into(),
            title: title.into(),
            email: String::new(),
        });
    }
    m.agenda = vec![
        AgendaItem {
            title: "开场".into(),
            presenter: "王小明".into(),
            minutes: 10,
        },
        AgendaItem {
            title: "创意提案".into(),
            presenter: "赵敏".into(),
            minutes: 60,
        },
        AgendaItem {
            title: "讨论".into(),
            presenter: String::new(),
            minutes: 0,
        },
        AgendaItem {
            title: "下一步".into(),
            presenter: String::new(),
            minutes: 20,
        },
    ];
    m.minutes.points = vec![
        Point {
            text: "主视觉改用红色".into(),
            solution: "周五前出两稿".into(),
            decision: true,
            internal_note: "SECRET-P1".into(),
        },
        Point {
            text: "预算偏紧".into(),
            solution: String::new(),
            decision: false,
            internal_note: "SECRET-P2".into(),
        },
        Point::default(),
    ];
    let mut action = ActionItem::new("修改主视觉");
    action.owner = "赵敏".into();
    action.due = NaiveDate::from_ymd_opt(2026, 11, 30);
    m.minutes.actions = vec![
        action,
        ActionItem {
            party: Party::Client,
            status: ActionStatus::Done,
            ..ActionItem::new("提供产品图")
        },
    ];
    m.minutes.internal_note = "SECRET-M".into();
    m
}

fn inputs<'a>(
    m: &'a Meeting,
    c: &'a Client,
    jobs: &'a [Job],
    lh: &'a Letterhead,
    lang: DocLang,
) -> MeetingInputs<'a> {
    MeetingInputs {
        meeting: m,
        client: c,
        jobs,
        letterhead: lh,
        tz: utc8(),
        lang,
    }
}

fn value(head: &MeetingHead, label: Label, lang: DocLang) -> Option<&str> {
    let caption = lang.caption(label);
    head.facts
        .iter()
        .find(|f| f.label == caption)
        .map(|f| f.value.as_str())
}

#[test]
fn minutes_split_points_and_decisions_and_keep_solutions() {
    let (m, c, lh) = (meeting(), client(), Letterhead::default());
    let jobs = [job()];
    let r = MinutesReport::build(
        &inputs(&m, &c, &jobs, &lh, DocLang::Zh),
        None,
        Some("王小明"),
    )
    .unwrap();
    assert_eq!(r.points.len(), 1, "the empty point is left out");
    assert_eq!(r.points[0].text, "预算偏紧");
    assert_eq!(r.points[0].solution, None);
    assert_eq!(r.decisions[0].text, "主视觉改用红色");
    assert_eq!(r.decisions[0].solution.as_deref(), Some("周五前出两稿"));
    assert_eq!(r.actions[0].due, "2026年11月30日 周一");
    assert_eq!(
        (r.actions[0].owner.as_str(), r.actions[0].party.as_str()),
        ("赵敏", "代理方")
    );
    assert_eq!(r.actions[1].what, "提供产品图（已完成）");
    assert_eq!(
        (r.actions[1].due.as_str(), r.actions[1].dated),
        ("待定", false)
    );
    assert!(r.draft);
    assert_eq!(
        value(&r.head, labels::VERSION, DocLang::Zh),
        Some("v1 草稿")
    );
    assert_eq!(
        value(&r.head, labels::JOBS, DocLang::Zh),
        Some("2026-0042 2027 春节 TVC")
    );
    assert_eq!(
        value(&r.head, labels::WHEN, DocLang::Zh),
        Some("2026年11月26日 周四 14:00–16:00（UTC+8）")
    );
    assert_eq!(
        value(&r.head, labels::RECORDED_BY, DocLang::Zh),
        Some("王小明")
    );
    let text = format!("{r:?}");
    assert!(!text.contains("SECRET"), "{text}");
}

#[test]
fn a_sent_version_is_printed_as_frozen_and_unknown_versions_are_refused() {
    let (mut m, c, lh) = (meeting(), client(), Letterhead::default());
    assert_eq!(m.send(stamp(at(26, 18, 30)), vec!["li@x.cn".into()]), Ok(1));
    m.minutes.points[1].text = "预算已追加".into();
    // The room and a name are corrected after v1 went out: v1 still prints them as sent.
    let stored = m.clone();
    m.place = "客户总部 5 楼会议室".into();
    m.attendees[2].name = "张薇".into();
    m.keep_sent(&stored);
    let r = MinutesReport::build(&inputs(&m, &c, &[], &lh, DocLang::En), Some(1), None).unwrap();
    assert_eq!(
        value(&r.head, labels::PLACE, DocLang::En),
        Some("客户总部 3 楼会议室")
    );
    let people = format!("{:?}", r.head.attendees);
    assert!(
        people.contains("张伟") && !people.contains("张薇"),
        "{people}"
    );
    assert!(!r.draft);
    assert_eq!(r.version, "v1");
    assert_eq!(r.points[0].text, "预算偏紧");
    assert_eq!(
        value(&r.head, labels::SENT, DocLang::En),
        Some("Thu 2026-11-26 18:30")
    );
    assert_eq!(value(&r.head, labels::JOBS, DocLang::En), None);
    assert!(!format!("{r:?}").contains("SECRET"));
    let draft = MinutesReport::build(&inputs(&m, &c, &[], &lh, DocLang::En), None, None).unwrap();
    assert_eq!(draft.version, "v2");
    assert_eq!(draft.points[0].text, "预算已追加");
    assert_eq!(
        value(&draft.head, labels::PLACE, DocLang::En),
        Some("客户总部 5 楼会议室")
    );
    assert_eq!(
        MinutesReport::build(&inputs(&m, &c, &[], &lh, DocLang::En), Some(2), None),
        Err(MinutesReportError::NoSuchVersion(2))
    );
}

#[test]
fn labels_follow_the_chosen_language() {
    let (m, c, lh) = (meeting(), client(), Letterhead::default());
    let build = |lang| MinutesReport::build(&inputs(&m, &c, &[], &lh, lang), None, None).unwrap();
    let en = build(DocLang::En);
    assert_eq!(en.head.title.to_string(), "Minutes of Meeting");
    assert_eq!(en.captions.columns[3].to_string(), "By when");
    assert_eq!(en.actions[0].due, "Mon 2026-11-30");
    assert_eq!(en.confirmation.lines[1].to_string(), "Signature");
    let both = build(DocLang::Both);
    assert_eq!(both.head.title.to_string(), "会议记录 Minutes of Meeting");
    assert_eq!(
        both.confirmation.heading.to_string(),
        "请确认并回传 Please confirm and return"
    );
    assert_eq!(both.actions[0].due, "2026-11-30 周一 Mon");
    assert_eq!(
        value(&both.head, labels::KIND, DocLang::Both),
        Some("会议 Meeting")
    );
    assert_eq!(
        DocLang::Both.page_label(1, 2),
        "第 1 页 / 共 2 页  Page 1 / 2"
    );
    assert_eq!(DocLang::En.page_label(2, 2), "Page 2 / 2");
}

#[test]
fn attendees_are_grouped_by_side_client_first() {
    let (m, c, lh) = (meeting(), client(), Letterhead::default());
    let r = AgendaReport::build(&inputs(&m, &c, &[], &lh, DocLang::Zh));
    let groups: Vec<(Side, &str, usize)> = r
        .head
        .attendees
        .iter()
        .map(|g| (g.side, g.company.as_str(), g.people.len()))
        .collect();
    assert_eq!(
        groups,
        vec![
            (Side::Client, "可口可乐（中国）饮料有限公司", 2),
            (Side::Agency, "星河广告有限公司", 1)
        ]
    );
    assert_eq!(r.head.attendees[0].people[0].title, "品牌经理");
}

#[test]
fn agenda_start_times_add_up_from_the_meeting_start() {
    let (mut m, c, lh) = (meeting(), client(), Letterhead::default());
    let r = AgendaReport::build(&inputs(&m, &c, &[], &lh, DocLang::Zh));
    let starts: Vec<&str> = r.rows.iter().map(|r| r.start.as_str()).collect();
    assert_eq!(starts, ["14:00", "14:10", "15:10", "15:10"]);
    assert_eq!(r.rows[2].length, "—");
    assert_eq!(r.total, "合计 90 分钟（14:00–15:30）");
    assert_eq!(r.overrun, None);
    m.agenda[3].minutes = 75;
    let en = AgendaReport::build(&inputs(&m, &c, &[], &lh, DocLang::En));
    assert_eq!(en.total, "Total 2 h 25 min (14:00–16:25)");
    assert_eq!(
        en.overrun.as_deref(),
        Some("The agenda runs 25 min past the booked end, 16:00")
    );
}

#[test]
fn times_are_local_to_the_given_zone_and_midnight_is_crossed_plainly() {
    let (mut m, c, lh) = (meeting(), client(), Letterhead::default());
    m.start = at(26, 23, 0);
    m.end = at(27, 0, 30);
    let r = AgendaReport::build(&inputs(&m, &c, &[], &lh, DocLang::En));
    assert_eq!(
        value(&r.head, labels::WHEN, DocLang::En),
        Some("Thu 2026-11-26 23:00 – Fri 2026-11-27 00:30 (UTC+8)")
    );
    let mut london = inputs(&m, &c, &[], &lh, DocLang::En);
    london.tz = FixedOffset::east_opt(0).unwrap();
    let r = AgendaReport::build(&london);
    assert_eq!(
        value(&r.head, labels::WHEN, DocLang::En),
        Some("Thu 2026-11-26 15:00–16:30 (UTC)")
    );
    assert_eq!(r.rows[0].start, "15:00");
    assert_eq!(
        zone(FixedOffset::west_opt(4 * 3600 + 1800).unwrap()),
        "UTC-4:30"
    );
}
