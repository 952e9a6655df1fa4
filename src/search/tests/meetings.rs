//! Meetings in the index: found by the text of their minutes and by their attendees, below
//! every name, with their client.

use super::*;

#[test]
fn minutes_text_finds_a_meeting_below_every_name_and_with_its_client() {
    let mut index = agency();
    let mut m = crate::domain::Meeting {
        id: crate::domain::MeetingId(400),
        client_id: ClientId(1),
        title: "季度回顾".into(),
        ..Default::default()
    };
    m.minutes.points.push(crate::domain::meeting::Point {
        text: "春节 TVC 改为两个版本".into(),
        solution: "下周一提交分镜".into(),
        internal_note: "导演档期紧张".into(),
        ..Default::default()
    });
    index.upsert_meeting(&m, "可口可乐");
    let meeting: DocRef = crate::domain::MeetingId(400).into();
    // The job named 春节 TVC outranks the meeting that only mentions it.
    assert_eq!(docs(&index, "春节"), [job_ref(100), meeting]);
    let best: Vec<DocRef> = index.search("春节", 1).into_iter().map(|h| h.doc).collect();
    assert_eq!(
        best,
        [job_ref(100)],
        "a name match that fills the limit leaves the minutes out"
    );
    let hits = index.search("分镜", 5);
    assert_eq!(hits.len(), 1);
    assert_eq!(
        (hits[0].doc, hits[0].quality),
        (meeting, MatchQuality::Body)
    );
    // With the client's name, as any record of it; never by the internal note.
    assert_eq!(docs(&index, "可口可乐 分镜"), [meeting]);
    assert!(docs(&index, "导演档期").is_empty());
    assert!(docs(&index, "BMW 分镜").is_empty());
    // Removing the meeting takes its minutes out of the index.
    index.remove(meeting);
    assert!(docs(&index, "分镜").is_empty());
}

#[test]
fn attendees_find_their_meetings_by_name_and_pinyin_each_compared_once() {
    let mut index = agency();
    let attendee = |name: &str| crate::domain::meeting::Attendee {
        side: crate::domain::meeting::Side::Client,
        user: None,
        contact: None,
        name: name.into(),
        title: String::new(),
        email: String::new(),
    };
    let meeting = |id: u64, title: &str, names: &[&str]| crate::domain::Meeting {
        id: crate::domain::MeetingId(id),
        client_id: ClientId(1),
        title: title.into(),
        attendees: names.iter().map(|n| attendee(n)).collect(),
        ..Default::default()
    };
    index.upsert_meeting(&meeting(400, "季度回顾", &["何琳", "周伟"]), "可口可乐");
    index.upsert_meeting(
        &meeting(401, "创意提案", &["何琳", "何琳", " "]),
        "可口可乐",
    );
    let (first, second): (DocRef, DocRef) = (
        crate::domain::MeetingId(400).into(),
        crate::domain::MeetingId(401).into(),
    );
    let meetings = |index: &SearchIndex, query: &str| -> Vec<DocRef> {
        docs(index, query)
            .into_iter()
            .filter(|d| d.kind == DocKind::Meeting)
            .collect()
    };
    // One person at two meetings is one name in the index, found literally and by pinyin,
    // with the quality a name of the meeting itself would have.
    assert_eq!(index.people.len(), 2);
    for (query, quality) in [
        ("何琳", MatchQuality::Exact),
        ("何", MatchQuality::Prefix),
        ("hl", MatchQuality::PinyinWhole),
        ("helin", MatchQuality::PinyinWhole),
        ("h", MatchQuality::PinyinPrefix),
        ("lin", MatchQuality::PinyinSubstring),
    ] {
        let hits = index.search(query, 50);
        let found: Vec<(DocRef, MatchQuality)> = hits
            .iter()
            .filter(|h| h.doc.kind == DocKind::Meeting)
            .map(|h| (h.doc, h.quality))
            .collect();
        assert_eq!(found, [(second, quality), (first, quality)], "{query}");
    }
    // The subject still counts, and each word may match a person or the subject.
    assert_eq!(meetings(&index, "zw"), [first]);
    assert_eq!(meetings(&index, "何琳 创意"), [second]);
    assert_eq!(meetings(&index, "可口可乐 周伟"), [first]);
    assert!(meetings(&index, "周伟 创意").is_empty());
    // Someone who leaves the meeting no longer finds it.
    index.upsert_meeting(&meeting(400, "季度回顾", &["周伟"]), "可口可乐");
    assert_eq!(meetings(&index, "何琳"), [second]);
    index.remove(second);
    assert!(meetings(&index, "hl").is_empty());
    assert_eq!(meetings(&index, "zhouwei"), [first]);
}
