//! Creative works: their checks and the rights they were made with.

use super::*;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a day")
}

fn right(kind: RightKind, holder: &str, until: Option<NaiveDate>) -> UsageRight {
    UsageRight {
        kind,
        holder: holder.into(),
        until,
    }
}

fn tvc(ran: Option<(NaiveDate, Option<NaiveDate>)>, rights: Vec<UsageRight>) -> CreativeWork {
    CreativeWork {
        id: CreativeWorkId(1),
        client_id: ClientId(1),
        brand_id: None,
        job_id: None,
        title: "2019 春节 TVC《团圆》".into(),
        campaign: "春节".into(),
        medium: Medium::Tv,
        format: "30\"".into(),
        ran,
        outlets: String::new(),
        regions: String::new(),
        approval_number: "京广审（视）第2019010001号".into(),
        credits: String::new(),
        awards: String::new(),
        rights,
        documents: Vec::new(),
        audit: Audit::new(crate::domain::Stamp {
            by: crate::domain::UserId(1),
            at: chrono::DateTime::UNIX_EPOCH,
        }),
    }
}

#[test]
fn every_medium_has_its_names_and_timed_media_are_known() {
    assert_eq!(Medium::ALL.len(), 9);
    assert_eq!(Medium::Outdoor.names(), ("户外", "Outdoor"));
    assert!(Medium::Tv.is_timed() && Medium::Radio.is_timed());
    assert!(!Medium::Magazine.is_timed());
}

#[test]
fn a_work_needs_a_title_and_runs_forwards() {
    let mut w = tvc(Some((day(2019, 2, 1), Some(day(2019, 1, 1)))), vec![]);
    w.title = "  ".into();
    assert_eq!(w.check(), [WorkProblem::NoTitle, WorkProblem::RanBackwards]);
    assert!(
        tvc(Some((day(2019, 1, 1), None)), vec![])
            .check()
            .is_empty()
    );
}

#[test]
fn rights_warn_before_they_lapse_and_say_so_after_soonest_first() {
    let today = day(2026, 12, 6);
    let w = tvc(
        Some((day(2026, 1, 20), None)),
        vec![
            right(RightKind::Music, "环球音乐", Some(day(2027, 1, 31))),
            right(RightKind::Talent, "主演 李某", Some(day(2026, 12, 1))),
            right(RightKind::Image, "视觉中国", Some(day(2027, 6, 30))),
            right(RightKind::Font, "方正字库", None),
        ],
    );
    let alerts = w.alerts(today);
    assert_eq!(
        alerts,
        [
            RightAlert::Lapsed {
                kind: RightKind::Talent,
                holder: "主演 李某".into(),
                days: 5
            },
            RightAlert::Lapsing {
                kind: RightKind::Music,
                holder: "环球音乐".into(),
                days: 56
            },
        ]
    );
    assert!(alerts[0].describe(true).contains("不得继续投放"));
    assert!(alerts[1].describe(false).contains("lapses in 56 days"));
    // The last day of a right is still inside it.
    let last_day = tvc(None, vec![right(RightKind::Music, "环球音乐", Some(today))]);
    assert_eq!(
        last_day.alerts(today),
        [RightAlert::Lapsing {
            kind: RightKind::Music,
            holder: "环球音乐".into(),
            days: 0
        }]
    );
}

#[test]
fn a_work_retired_before_its_rights_lapse_needs_no_warning() {
    let today = day(2026, 12, 6);
    // Ran until March; the talent right lapsed in December.
    let retired = tvc(
        Some((day(2026, 1, 20), Some(day(2026, 3, 31)))),
        vec![right(
            RightKind::Talent,
            "主演 李某",
            Some(day(2026, 12, 1)),
        )],
    );
    assert!(retired.alerts(today).is_empty());
    // Booked to run past its music licence: warned.
    let booked = tvc(
        Some((day(2026, 11, 1), Some(day(2027, 3, 1)))),
        vec![right(RightKind::Music, "环球音乐", Some(day(2027, 1, 31)))],
    );
    assert_eq!(booked.alerts(today).len(), 1);
}
