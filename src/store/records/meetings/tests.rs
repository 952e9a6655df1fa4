//! Meeting layouts: each old one read into today's domain, and layout 3 round-tripped.

use super::*;
use crate::store::codec;
use crate::store::records::Record;
use chrono::{TimeZone, Utc};

fn sent_meeting() -> m::Meeting {
    let at = |h| Utc.with_ymd_and_hms(2026, 11, 26, h, 0, 0).unwrap();
    let stamp = domain::Stamp {
        by: domain::UserId(1),
        at: at(9),
    };
    let mut x = m::Meeting::new(
        m::MeetingKind::PhoneCall,
        domain::ClientId(3),
        at(6),
        at(7),
        stamp,
    );
    x.id = domain::MeetingId(12);
    x.title = "排期电话".into();
    x.place = "电话".into();
    x.attendees.push(m::Attendee {
        side: m::Side::Client,
        user: None,
        contact: Some(domain::ContactId(4)),
        name: "李娜".into(),
        title: "品牌经理".into(),
        email: "li.na@brand.cn".into(),
    });
    x.minutes.points.push(m::Point {
        text: "改期到周五".into(),
        ..Default::default()
    });
    x.send(stamp, x.client_recipients()).unwrap();
    let stored = x.clone();
    x.place = "腾讯会议".into();
    x.keep_sent(&stored);
    x
}

fn confirmed(mut x: m::Meeting, scan: Option<m::SignedCopy>) -> m::Meeting {
    let at = Utc.with_ymd_and_hms(2026, 11, 27, 3, 0, 0).unwrap();
    x.confirm(at, "李娜", scan).unwrap();
    x
}

fn stored_copy() -> m::SignedCopy {
    m::SignedCopy::Stored(domain::FileRef {
        hash: domain::FileHash::of_bytes(b"%PDF signed"),
        size: 11,
        original_name: "会议记录 签字版.pdf".into(),
        media_type: Some("application/pdf".into()),
    })
}

#[test]
fn layout_3_keeps_a_stored_signed_copy_and_an_outside_path() {
    for scan in [
        Some(stored_copy()),
        Some(m::SignedCopy::Outside(r"D:\回传\会议记录.pdf".into())),
        None,
    ] {
        let x = confirmed(sent_meeting(), scan);
        let bytes = x.encode().unwrap();
        assert_eq!(codec::open_envelope(KIND, &bytes).unwrap().0, 3);
        assert_eq!(m::Meeting::decode(&bytes).unwrap(), x);
    }
    // A disputed version round-trips too, with its comments.
    let mut x = sent_meeting();
    let at = Utc.with_ymd_and_hms(2026, 11, 27, 3, 0, 0).unwrap();
    x.dispute(at, "李娜", "预算写错了").unwrap();
    assert_eq!(m::Meeting::decode(&x.encode().unwrap()).unwrap(), x);
}

#[test]
fn a_typed_path_of_layouts_1_and_2_reads_as_an_outside_path() {
    let x = confirmed(
        sent_meeting(),
        Some(m::SignedCopy::Outside("回传/会议记录.pdf".into())),
    );
    for version in [1, 2] {
        let bytes = match version {
            1 => codec::encode(KIND, 1, &MeetingV1::from_domain(&x)),
            _ => codec::encode(KIND, 2, &MeetingV2::from_domain(&x)),
        }
        .unwrap();
        let back = m::Meeting::decode(&bytes).unwrap();
        assert!(
            matches!(
                back.sent[0].reply.as_ref(),
                Some(m::Reply::Confirmed { scan: Some(m::SignedCopy::Outside(p)), by, .. })
                    if p == "回传/会议记录.pdf" && by == "李娜"
            ),
            "layout {version}: {:?}",
            back.sent[0].reply
        );
        // Written again, it is layout 3 and keeps the outside path.
        let again = back.encode().unwrap();
        assert_eq!(codec::open_envelope(KIND, &again).unwrap().0, 3);
        assert_eq!(m::Meeting::decode(&again).unwrap(), back);
    }
    // No scan stays no scan.
    let x = confirmed(sent_meeting(), None);
    let bytes = codec::encode(KIND, 2, &MeetingV2::from_domain(&x)).unwrap();
    assert_eq!(m::Meeting::decode(&bytes).unwrap(), x);
}

#[test]
fn a_signed_copy_that_is_both_or_neither_is_refused() {
    let x = confirmed(sent_meeting(), Some(stored_copy()));
    let mut both = MeetingV3::from_domain(&x);
    if let Some(reply) = both.sent[0].reply.as_mut()
        && let Some(scan) = reply.scan.as_mut()
    {
        scan.path = "x.pdf".into();
    }
    let mut neither = MeetingV3::from_domain(&x);
    if let Some(reply) = neither.sent[0].reply.as_mut()
        && let Some(scan) = reply.scan.as_mut()
    {
        scan.file = None;
    }
    for layout in [both, neither] {
        let bytes = codec::encode(KIND, 3, &layout).unwrap();
        assert!(m::Meeting::decode(&bytes).is_err());
    }
}

#[test]
fn layout_2_keeps_what_each_version_printed() {
    let x = sent_meeting();
    let bytes = codec::encode(KIND, 2, &MeetingV2::from_domain(&x)).unwrap();
    let back = m::Meeting::decode(&bytes).unwrap();
    assert_eq!(back, x);
    assert_eq!(back.sent[0].facts.as_ref().unwrap().place, "电话");
}

#[test]
fn layout_1_reads_with_versions_that_print_the_meeting_as_it_is() {
    let x = sent_meeting();
    let bytes = codec::encode(KIND, 1, &MeetingV1::from_domain(&x)).unwrap();
    let back = m::Meeting::decode(&bytes).unwrap();
    assert_eq!(back.sent[0].facts, None);
    assert_eq!(back.sent[0].minutes, x.sent[0].minutes);
    assert_eq!(
        m::Meeting {
            sent: x.sent.clone(),
            ..back.clone()
        },
        x
    );
    // What layout 1 could not know, it prints as the meeting is now.
    assert_eq!(back.as_sent(&back.sent[0]).place, "腾讯会议");
}

#[test]
fn versions_out_of_sequence_are_refused_in_either_layout() {
    let mut x = sent_meeting();
    x.sent[0].version = 2;
    for version in [1, 2, 3] {
        let bytes = match version {
            1 => codec::encode(KIND, 1, &MeetingV1::from_domain(&x)),
            2 => codec::encode(KIND, 2, &MeetingV2::from_domain(&x)),
            _ => codec::encode(KIND, 3, &MeetingV3::from_domain(&x)),
        }
        .unwrap();
        assert!(m::Meeting::decode(&bytes).is_err(), "layout {version}");
    }
}
