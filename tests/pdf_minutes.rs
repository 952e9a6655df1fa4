//! The minutes and the agenda as PDF, read back the way a client would: a meeting with two
//! pages of Chinese minutes, saved and sent through the services like the window does it.
//! Every point, solution, decision and action comes back out of the text layer; no internal
//! remark ever does, neither from the draft nor from a frozen version; the fonts are embedded
//! as subsets and every page says "x / y".
//!
//! Set `ACCOUNT_DESK_PDF_OUT=/some/dir` to keep the rendered PDFs for a look.

use account_desk::domain::meeting::{ActionItem, AgendaItem, Attendee, MeetingKind, Point, Side};
use account_desk::domain::schedule::Party;
use account_desk::domain::{ClientId, JobId, Meeting, MeetingId, Role, Stamp, UserId};
use account_desk::reports::minutes::DocLang;
use account_desk::services::export::{agenda_pdf, minutes_pdf};
use account_desk::services::{
    self, Base, ClientDraft, Command, ContactDraft, Ctx, JobDraft, MinutesStep, ServiceError,
    UserDraft,
};
use account_desk::store::{ContentHash, Store};
use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, TimeZone, Utc};
use lopdf::{Document, Object};

fn utc8() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).expect("UTC+8")
}

fn at(d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    utc8()
        .with_ymd_and_hms(2026, 11, d, h, mi, 0)
        .single()
        .expect("a time")
        .with_timezone(&Utc)
}

fn ctx(actor: UserId, now: DateTime<Utc>) -> Ctx {
    Ctx {
        actor,
        now,
        today: now.with_timezone(&utc8()).date_naive(),
    }
}

const POINTS: [(&str, &str); 7] = [
    (
        "客户对第二轮创意方向总体认可，认为“团圆时刻”的情感切入点与品牌调性一致，但希望主视觉加强产品露出，瓶身需在前三秒内清晰可见。",
        "创意组将产品移至画面前景，另出一版产品特写构图，周三前发客户确认。",
    ),
    (
        "媒介预算较上一版压缩约百分之十五，抖音与小红书的投放比例需要重新平衡，线下户外保持不变。",
        "",
    ),
    (
        "拍摄周期与春节前的物流高峰重叠，道具和样品的到货时间存在风险，制作公司提出需提前一周锁定。",
        "客户市场部协调仓库，于本周五前把全部样品寄到制作公司；代理方每日跟进到货情况。",
    ),
    (
        "The client wants the English tagline reviewed by their regional team in Singapore before the key visual is finalised.",
        "Agency sends the tagline options by Thursday; the client collects the regional feedback within two working days.",
    ),
    (
        "经销商物料（POSM）的尺寸规格尚未统一，华东与华南大区提供的门店数据口径不同，需要一张统一的规格表。",
        "代理方整理规格表模板，客户渠道部分发各大区填写。",
    ),
    (
        "社交媒体内容日历的审批流程偏长，从提交到上线平均需要五个工作日，影响热点借势的时效。",
        "双方约定快速审批通道：热点类内容由品牌经理单人审批，二十四小时内回复。",
    ),
    (
        "法务部门对促销机制中的抽奖条款有疑问，需要确认是否符合各地市场监管的要求。",
        "",
    ),
];

const ACTIONS: [(&str, &str, u32); 5] = [
    ("修改主视觉并补充产品特写构图", "赵敏", 2),
    ("重新分配抖音与小红书的媒介预算", "周杰", 3),
    ("寄送全部拍摄样品到制作公司", "李娜", 4),
    ("整理 POSM 规格表模板并发给客户", "王小明", 7),
    ("确认抽奖条款的合规意见", "张伟", 9),
];

/// An agency with one client, a job, and a meeting with two pages of minutes, every internal
/// remark holding a marker. Returns the store (in `dir`), the meeting and its writer.
struct Setup {
    _dir: tempfile::TempDir,
    store: Store,
    meeting: MeetingId,
    ae: UserId,
}

fn point_text(i: usize) -> String {
    format!("{}（第 {} 条）", POINTS[i % POINTS.len()].0, i + 1)
}

fn solution_text(i: usize) -> String {
    match POINTS[i % POINTS.len()].1 {
        "" => String::new(),
        s => format!("{s}（方法 {}）", i + 1),
    }
}

fn action_what(i: usize) -> String {
    format!("{}（{}）", ACTIONS[i % ACTIONS.len()].0, i + 1)
}

fn due(i: usize) -> NaiveDate {
    NaiveDate::from_ymd_opt(
        2026,
        12,
        ACTIONS[i % ACTIONS.len()].2 + (i / ACTIONS.len()) as u32,
    )
    .expect("a date")
}

const POINT_COUNT: usize = 14;
const ACTION_COUNT: usize = 10;

fn setup() -> Setup {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(&dir.path().join("会议 记录.redb")).expect("open");
    let setup = ctx(UserId(0), at(20, 9, 0));
    let apply = |c: &Ctx, cmd| services::apply(&store, c, cmd).expect("applied");
    let ae = UserId(
        apply(
            &setup,
            Command::AddUser(UserDraft {
                name: "王小明".into(),
                role: Role::AccountExecutive,
                active: true,
            }),
        )
        .id,
    );
    let client = ClientId(
        apply(
            &setup,
            Command::CreateClient(ClientDraft {
                name: "可口可乐（中国）饮料有限公司".into(),
                short_name: "可口可乐".into(),
                ..Default::default()
            }),
        )
        .id,
    );
    let contact = apply(
        &setup,
        Command::AddContact(
            client,
            ContactDraft {
                name: "李娜".into(),
                title: "品牌经理".into(),
                email: "li.na@example.cn".into(),
                ..Default::default()
            },
        ),
    )
    .id;
    let job = JobId(
        apply(
            &setup,
            Command::CreateJob(JobDraft {
                title: "2027 春节 TVC 与社交媒体".into(),
                client_id: Some(client),
                requested_on: "2026-11-02".into(),
                ..Default::default()
            }),
        )
        .id,
    );
    let stamp = Stamp {
        by: ae,
        at: at(20, 9, 0),
    };
    let mut m = Meeting::new(
        MeetingKind::Meeting,
        client,
        at(26, 14, 0),
        at(26, 16, 0),
        stamp,
    );
    m.title = "2027 春节创意提案".into();
    m.jobs = vec![job];
    m.place = "可口可乐上海总部 12 楼 1201 会议室".into();
    m.attendees = vec![
        Attendee {
            side: Side::Client,
            user: None,
            contact: Some(account_desk::domain::ContactId(contact)),
            name: "李娜".into(),
            title: "品牌经理".into(),
            email: "li.na@example.cn".into(),
        },
        Attendee {
            side: Side::Client,
            user: None,
            contact: None,
            name: "张伟".into(),
            title: "法务经理".into(),
            email: String::new(),
        },
        Attendee {
            side: Side::Agency,
            user: Some(ae),
            contact: None,
            name: "王小明".into(),
            title: "客户执行".into(),
            email: String::new(),
        },
        Attendee {
            side: Side::Other,
            user: None,
            contact: None,
            name: "陈导演".into(),
            title: "光影制作公司".into(),
            email: String::new(),
        },
    ];
    m.agenda = [
        ("开场与会议目标", "王小明", 10),
        ("第二轮创意提案", "赵敏", 45),
        ("媒介预算与排期", "周杰", 25),
        ("自由讨论", "", 0),
        ("下一步安排", "王小明", 15),
    ]
    .into_iter()
    .map(|(title, presenter, minutes)| AgendaItem {
        title: title.into(),
        presenter: presenter.into(),
        minutes,
    })
    .collect();
    m.minutes.points = (0..POINT_COUNT)
        .map(|i| Point {
            text: point_text(i),
            solution: solution_text(i),
            decision: i % 3 == 0,
            internal_note: format!("INTERNALNOTE{i} 客户总监私下不满"),
        })
        .collect();
    m.minutes.actions = (0..ACTION_COUNT)
        .map(|i| ActionItem {
            owner: ACTIONS[i % ACTIONS.len()].1.into(),
            due: Some(due(i)),
            party: if i % 5 == 2 {
                Party::Client
            } else {
                Party::Agency
            },
            ..ActionItem::new(action_what(i))
        })
        .collect();
    m.minutes.internal_note = "MINUTESNOTE 报价偏高，内部再议".into();
    let meeting = MeetingId(apply(&setup, Command::SaveMeeting(Box::new(m), Base::Overwrite)).id);
    Setup {
        _dir: dir,
        store,
        meeting,
        ae,
    }
}

fn keep(name: &str, bytes: &[u8]) {
    if let Some(dir) = std::env::var_os("ACCOUNT_DESK_PDF_OUT") {
        std::fs::write(std::path::Path::new(&dir).join(name), bytes).expect("keep the PDF");
    }
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Each page's text, whitespace removed.
fn pages(bytes: &[u8]) -> Vec<String> {
    pdf_extract::extract_text_from_mem_by_pages(bytes)
        .expect("the text extracts")
        .iter()
        .map(|p| squeeze(p))
        .collect()
}

fn zh_day(d: NaiveDate) -> String {
    format!("{}年{}月{}日", d.year(), d.month(), d.day())
}

fn assert_pages_numbered(pages: &[String], lang: DocLang) {
    let total = pages.len();
    for (i, page) in pages.iter().enumerate() {
        let n = i + 1;
        let zh = format!("第{n}页/共{total}页");
        let en = format!("Page{n}/{total}");
        let (want_zh, want_en) = match lang {
            DocLang::Zh => (true, false),
            DocLang::En => (false, true),
            DocLang::Both => (true, true),
        };
        assert_eq!(page.contains(&zh), want_zh, "page {n}: {page}");
        assert_eq!(page.contains(&en), want_en, "page {n}: {page}");
    }
}

#[test]
fn two_pages_of_minutes_carry_every_point_solution_decision_and_action() {
    let s = setup();
    let bytes = minutes_pdf(&s.store, s.meeting, None, DocLang::Zh, utc8()).expect("renders");
    keep("minutes-zh.pdf", &bytes);
    let pages = pages(&bytes);
    assert!(pages.len() >= 2, "{} pages", pages.len());
    assert_pages_numbered(&pages, DocLang::Zh);
    let all = pages.concat();
    for i in 0..POINT_COUNT {
        assert!(all.contains(&squeeze(&point_text(i))), "point {i} missing");
        let solution = solution_text(i);
        if !solution.is_empty() {
            assert!(all.contains(&squeeze(&solution)), "solution {i} missing");
        }
    }
    // Decisions are printed under their own heading, after the key points.
    let decisions = all
        .split_once("会议决定")
        .map(|(_, rest)| rest.to_string())
        .expect("a decisions heading");
    for i in (0..POINT_COUNT).filter(|i| i % 3 == 0) {
        assert!(decisions.contains(&squeeze(&point_text(i))), "decision {i}");
    }
    // Each action row prints what, party, who and when together.
    for i in 0..ACTION_COUNT {
        let party = if i % 5 == 2 { "客户方" } else { "代理方" };
        let row = format!(
            "{}{}{party}{}{}",
            i + 1,
            squeeze(&action_what(i)),
            ACTIONS[i % ACTIONS.len()].1,
            zh_day(due(i))
        );
        assert!(all.contains(&row), "action row {row} missing");
    }
    for fact in [
        "会议记录",
        "2027春节创意提案",
        "v1草稿",
        "可口可乐（中国）饮料有限公司",
        "2026-00012027春节TVC与社交媒体",
        "2026年11月26日周四14:00–16:00（UTC+8）",
        "可口可乐上海总部12楼1201会议室",
        "李娜（品牌经理）",
        "陈导演（光影制作公司）",
        "星河广告有限公司",
        "解决方法",
        "请确认并回传",
        "姓名",
        "签字",
        "日期",
    ] {
        assert!(all.contains(fact), "{fact} missing");
    }
    assert!(
        !all.contains("INTERNALNOTE"),
        "a point's internal note leaked"
    );
    assert!(
        !all.contains("MINUTESNOTE"),
        "the minutes' internal note leaked"
    );
    assert!(!all.contains("私下不满") && !all.contains("内部再议"));
    assert!(bytes.len() < 150 * 1024, "{} bytes", bytes.len());
}

#[test]
fn a_frozen_version_prints_as_sent_without_internal_remarks() {
    let s = setup();
    let send = ctx(s.ae, at(26, 18, 30));
    services::apply(
        &s.store,
        &send,
        Command::Minutes(
            s.meeting,
            MinutesStep::Send(vec!["li.na@example.cn".into()]),
        ),
    )
    .expect("sent");
    // Revised afterwards, with new remarks: v1 must not change.
    let mut m: Meeting = s
        .store
        .get(s.meeting.0)
        .expect("read")
        .expect("the meeting");
    m.minutes.points[1].text = "预算维持原方案，不再压缩。".into();
    m.minutes.points[1].internal_note = "LATERNOTE 再跟客户确认".into();
    services::apply(
        &s.store,
        &send,
        Command::SaveMeeting(Box::new(m), Base::Overwrite),
    )
    .expect("saved");

    let v1 = minutes_pdf(&s.store, s.meeting, Some(1), DocLang::Zh, utc8()).expect("v1");
    keep("minutes-v1.pdf", &v1);
    let v1_pages = pages(&v1).len();
    let v1 = pages(&v1).concat();
    assert!(
        v1.contains(&squeeze(&point_text(1))),
        "v1 keeps the sent text"
    );
    assert!(!v1.contains("预算维持原方案"));
    assert!(v1.contains("2026年11月26日周四18:30"), "the sending moment");
    assert!(v1.contains("记录人") && v1.contains("王小明"));
    assert!(!v1.contains("草稿"));
    for marker in ["INTERNALNOTE", "MINUTESNOTE", "LATERNOTE"] {
        assert!(!v1.contains(marker), "{marker} leaked into v1");
    }
    // Every page names the version by the short content hash of the meeting as sent, which
    // later edits do not change; the draft's is the meeting's as it is now.
    let stored: Meeting = s
        .store
        .get(s.meeting.0)
        .expect("read")
        .expect("the meeting");
    let sent_hash = ContentHash::of(&stored.as_sent(&stored.sent[0]))
        .expect("hash")
        .short();
    let now_hash = ContentHash::of(&stored).expect("hash").short();
    assert_ne!(sent_hash, now_hash);
    assert_eq!(
        v1.matches(&format!("校验码{sent_hash}")).count(),
        v1_pages,
        "{v1}"
    );
    let draft = minutes_pdf(&s.store, s.meeting, None, DocLang::Zh, utc8()).expect("draft");
    let draft = pages(&draft).concat();
    assert!(draft.contains(&format!("校验码{now_hash}")), "{draft}");
    assert!(!draft.contains(&sent_hash));
    assert!(draft.contains("预算维持原方案") && draft.contains("v2草稿"));
    assert!(!draft.contains("LATERNOTE") && !draft.contains("INTERNALNOTE"));

    assert!(matches!(
        minutes_pdf(&s.store, s.meeting, Some(2), DocLang::Zh, utc8()),
        Err(ServiceError::NotFound {
            what: "minutes version",
            id: 2
        })
    ));
    assert!(matches!(
        minutes_pdf(&s.store, MeetingId(9_999), None, DocLang::Zh, utc8()),
        Err(ServiceError::NotFound {
            what: "meeting",
            ..
        })
    ));
}

#[test]
fn english_and_bilingual_labels() {
    let s = setup();
    let en = minutes_pdf(&s.store, s.meeting, None, DocLang::En, utc8()).expect("en");
    keep("minutes-en.pdf", &en);
    let en_pages = pages(&en);
    assert_pages_numbered(&en_pages, DocLang::En);
    let en = en_pages.concat();
    for label in [
        "MinutesofMeeting",
        "Keypoints",
        "Solution",
        "Decisions",
        "Actionitems",
        "Bywhen",
        "Pleaseconfirmandreturn",
        "Signature",
        "Thu2026-11-2614:00–16:00(UTC+8)",
        "GalaxyAdvertisingCo.,Ltd.",
        "v1draft",
    ] {
        assert!(en.contains(label), "{label} missing in English");
    }
    for zh in ["会议要点", "解决方法", "请确认并回传", "第1页"] {
        assert!(!en.contains(zh), "{zh} in the English minutes");
    }
    // The record's own words stay as written.
    assert!(en.contains(&squeeze(&point_text(3))));

    let both = minutes_pdf(&s.store, s.meeting, None, DocLang::Both, utc8()).expect("both");
    keep("minutes-both.pdf", &both);
    let both_pages = pages(&both);
    assert_pages_numbered(&both_pages, DocLang::Both);
    let both = both_pages.concat();
    for label in [
        "会议记录MinutesofMeeting",
        "会议要点Keypoints",
        "会议决定Decisions",
        "待办事项Actionitems",
        "请确认并回传Pleaseconfirmandreturn",
        "签字Signature",
    ] {
        assert!(
            both.contains(label),
            "{label} missing in the bilingual minutes"
        );
    }
    assert!(!both.contains("INTERNALNOTE") && !both.contains("MINUTESNOTE"));
}

#[test]
fn the_agenda_lists_every_item_with_its_start_time() {
    let s = setup();
    for lang in [DocLang::Zh, DocLang::En, DocLang::Both] {
        let bytes = agenda_pdf(&s.store, s.meeting, lang, utc8()).expect("agenda");
        keep(&format!("agenda-{lang:?}.pdf").to_lowercase(), &bytes);
        let pages = pages(&bytes);
        assert_pages_numbered(&pages, lang);
        let all = pages.concat();
        let length = |m: &str| match lang {
            DocLang::En => format!("{m}min"),
            _ => format!("{m}分钟"),
        };
        for row in [
            format!("14:001.开场与会议目标王小明{}", length("10")),
            format!("14:102.第二轮创意提案赵敏{}", length("45")),
            format!("14:553.媒介预算与排期周杰{}", length("25")),
            "15:204.自由讨论—".to_string(),
            format!("15:205.下一步安排王小明{}", length("15")),
        ] {
            assert!(all.contains(&row), "{lang:?}: {row} missing in {all}");
        }
        let total = match lang {
            DocLang::En => "Total1h35min(14:00–15:35)",
            DocLang::Zh => "合计95分钟（14:00–15:35）",
            DocLang::Both => "合计Total95分钟（14:00–15:35）",
        };
        assert!(all.contains(total), "{lang:?}: {total} missing");
        assert!(all.contains("2027春节创意提案") && all.contains("李娜"));
        assert!(!all.contains("INTERNALNOTE") && !all.contains("修改主视觉"));
    }
}

#[test]
fn fonts_are_embedded_as_subsets() {
    let s = setup();
    for bytes in [
        minutes_pdf(&s.store, s.meeting, None, DocLang::Both, utc8()).expect("minutes"),
        agenda_pdf(&s.store, s.meeting, DocLang::Zh, utc8()).expect("agenda"),
    ] {
        let doc = Document::load_mem(&bytes).expect("a readable PDF");
        let mut embedded = Vec::new();
        for object in doc.objects.values() {
            let Ok(dict) = object.as_dict() else { continue };
            if dict.get(b"Type").and_then(Object::as_name).ok()
                != Some(b"FontDescriptor".as_slice())
            {
                continue;
            }
            let name = dict
                .get(b"FontName")
                .and_then(Object::as_name)
                .map(|n| String::from_utf8_lossy(n).into_owned())
                .expect("FontName");
            let file = dict
                .get(b"FontFile2")
                .and_then(Object::as_reference)
                .and_then(|id| doc.get_object(id))
                .and_then(Object::as_stream)
                .expect("an embedded TrueType program");
            let program = file
                .decompressed_content()
                .unwrap_or_else(|_| file.content.clone());
            embedded.push((name, program.len()));
        }
        assert_eq!(embedded.len(), 2, "Regular and Bold: {embedded:?}");
        for (name, len) in &embedded {
            let (tag, base) = name.split_once('+').expect("a subset tag");
            assert_eq!(tag.len(), 6, "{name}");
            assert!(tag.chars().all(|c| c.is_ascii_uppercase()), "{name}");
            assert!(base.starts_with("NotoSansSC"), "{name}");
            assert!(*len < 1024 * 1024, "{name}: {len} bytes");
        }
    }
}
