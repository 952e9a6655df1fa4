//! The sample agency loaded into a temp store: counts, numbers, histories and refusals.

use super::*;
use crate::domain::{Contract, Job};
use chrono::TimeZone;

fn moment(y: i32, m: u32, d: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, m, d, 2, 0, 0).single().unwrap()
}

fn temp_store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("示例 公司.redb")).unwrap();
    (dir, store)
}

#[test]
fn loads_the_whole_agency_through_the_services() {
    let (_dir, store) = temp_store();
    let now = moment(2026, 11, 26);
    let summary = load_sample(&store, now, now.date_naive()).unwrap();
    let expected = SampleSummary {
        users: 5,
        clients: 4,
        contacts: 8,
        contracts: 7,
        brands: 8,
        jobs: 13,
        brief_versions: 22,
        schedules: 13,
        issued_schedules: 14,
        meetings: 8,
        estimates: 14,
        documents: 46,
        creative_works: 5,
        library_items: 8,
    };
    assert_eq!(summary, expected);
    // 蒙牛's October report, issued, is in the client's file as it went out.
    let notes: Vec<crate::domain::Document> = store
        .all::<crate::domain::Document>()
        .unwrap()
        .into_iter()
        .filter(|d| d.kind == crate::domain::document::DocumentKind::BudgetNote)
        .collect();
    assert_eq!(notes.len(), 1);
    assert!(
        notes[0].title.contains("2026-10 每月预算报告 第 1 版"),
        "{}",
        notes[0].title
    );
    assert!(notes[0].job_id.is_none());
    assert_eq!(
        store
            .check()
            .unwrap()
            .count(crate::store::Kind::IssuedSchedule),
        14
    );
    let report = store.check().unwrap();
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    use crate::store::Kind;
    assert_eq!(report.count(Kind::Client), 4);
    assert_eq!(report.count(Kind::Contact), 8);
    assert_eq!(report.count(Kind::Contract), 7);
    assert_eq!(report.count(Kind::Brand), 8);
    assert_eq!(report.count(Kind::Job), 13);
    assert_eq!(report.count(Kind::BriefVersion), 22);

    // Numbers follow the request dates, per year.
    let jobs: Vec<Job> = store.all().unwrap();
    let numbers: Vec<&str> = jobs.iter().map(|j| j.number.text.as_str()).collect();
    assert_eq!(
        &numbers[..6],
        &[
            "2025-0001",
            "2025-0002",
            "2025-0003",
            "2025-0004",
            "2025-0005",
            "2026-0001"
        ]
    );
    assert_eq!(numbers.last(), Some(&"2026-0008"));
    let first_2026 = store.job_by_number("2026-0001").unwrap().unwrap();
    assert_eq!(first_2026.title, "2026 春节终端陈列物料（POSM）");
    // Every status of the lifecycle is represented.
    for status in JobStatus::ALL {
        assert!(jobs.iter().any(|j| j.status == status), "{status:?}");
    }
    // A brief revised by three different people.
    let summer = store.job_by_number("2025-0001").unwrap().unwrap();
    let versions = store.brief_versions(summer.id).unwrap();
    assert_eq!(versions.len(), 3);
    let authors: std::collections::HashSet<UserId> = versions.iter().map(|v| v.stamp.by).collect();
    assert_eq!(authors.len(), 3);
    assert_eq!(
        versions[1].changed,
        vec![BriefField::Objective, BriefField::Budget]
    );
    assert_eq!(
        versions[2].content.key_message,
        "夏天的爽，要和朋友一起开。"
    );
    // The change log reads as a history: in calendar order, never after `now`.
    let changes = store.read().unwrap().changes().unwrap();
    assert!(changes.windows(2).all(|w| w[0].stamp.at <= w[1].stamp.at));
    assert!(changes.iter().all(|c| c.stamp.at <= now));
    assert!(
        changes
            .iter()
            .all(|c| c.stamp.by != UserId(0) || c.subject == crate::domain::Subject::User)
    );
}

#[test]
fn schedules_cross_the_holidays_and_keep_internal_and_client_tasks_apart() {
    use crate::domain::calendar::{DayKind, WorkCalendar};
    use crate::domain::{Job, schedule};
    let (_dir, store) = temp_store();
    let now = moment(2026, 11, 26);
    load_sample(&store, now, now.date_naive()).unwrap();
    let cal = WorkCalendar::china();
    let mut crossed = std::collections::BTreeSet::new();
    for job in store.all::<Job>().unwrap() {
        let plan = store
            .schedule(job.id)
            .unwrap()
            .expect("every sample job has a schedule");
        assert_eq!(plan.schedule.validate(), Ok(()));
        assert!(plan.schedule.tasks.iter().any(|t| t.client_action));
        assert!(plan.schedule.tasks.iter().any(|t| !t.client_visible));
        for t in &plan.schedule.tasks {
            let mut d = t.start;
            while d <= t.end {
                if let DayKind::Holiday(name) = cal.kind(d) {
                    crossed.insert(name);
                }
                d = d.succ_opt().unwrap();
            }
        }
    }
    assert!(crossed.contains("春节"), "{crossed:?}");
    assert!(crossed.iter().any(|n| n.contains("国庆")), "{crossed:?}");
    // The dealer test drive was re-planned: v2 differs from v1 by the production slip.
    let drive = store.job_by_number("2026-0002").unwrap().expect("job");
    let issued = store.issued_schedules(drive.id).unwrap();
    assert_eq!(issued.len(), 2, "{}", drive.title);
    let changes = schedule::diff(&issued[0].schedule, &issued[1].schedule);
    assert!(!changes.is_empty());
    assert!(
        changes
            .iter()
            .all(|c| matches!(c, schedule::ScheduleChange::Moved { .. }))
    );
}

#[test]
fn contract_status_follows_the_day_of_loading() {
    let (_dir, store) = temp_store();
    let now = moment(2026, 11, 26);
    load_sample(&store, now, now.date_naive()).unwrap();
    let contracts: Vec<Contract> = store.all().unwrap();
    let status = |n: &str| contracts.iter().find(|c| c.number == n).map(|c| c.status);
    assert_eq!(status("XH-KO-2025-01"), Some(ContractStatus::Expired));
    assert_eq!(status("XH-KO-2026-01"), Some(ContractStatus::Active));
    assert_eq!(status("XH-MI-2027-01"), Some(ContractStatus::Draft));
}

#[test]
fn stamps_never_lie_in_the_future_of_an_early_clock() {
    let (_dir, store) = temp_store();
    let now = moment(2025, 6, 1);
    load_sample(&store, now, now.date_naive()).unwrap();
    let changes = store.read().unwrap().changes().unwrap();
    assert!(changes.iter().all(|c| c.stamp.at <= now));
    assert_eq!(store.all::<Job>().unwrap().len(), 13);
}

#[test]
fn refuses_a_database_that_holds_clients() {
    let (_dir, store) = temp_store();
    let now = moment(2026, 11, 26);
    load_sample(&store, now, now.date_naive()).unwrap();
    let before = store.read().unwrap().changes().unwrap().len();
    let err = load_sample(&store, now, now.date_naive()).unwrap_err();
    assert!(
        matches!(err, SampleError::NotEmpty { clients: 4 }),
        "{err:?}"
    );
    assert!(err.message(Lang::En).contains("already holds 4 client"));
    assert!(err.message(Lang::Zh).contains("已有 4 个客户"));
    assert_eq!(store.read().unwrap().changes().unwrap().len(), before);
    assert_eq!(store.all::<Client>().unwrap().len(), 4);
}

#[test]
fn sample_minutes_are_in_every_state() {
    use crate::domain::Meeting;
    use crate::domain::meeting::{FollowUp, MinutesState};
    let (_dir, store) = temp_store();
    let now = moment(2026, 11, 26);
    load_sample(&store, now, now.date_naive()).unwrap();
    let meetings: Vec<Meeting> = store.all().unwrap();
    let states: Vec<MinutesState> = meetings.iter().map(Meeting::state).collect();
    for s in [
        MinutesState::Draft,
        MinutesState::Sent,
        MinutesState::Notified,
        MinutesState::Confirmed,
        MinutesState::Disputed,
    ] {
        assert!(states.contains(&s), "{s:?} in {states:?}");
    }
    let follow: Vec<FollowUp> = meetings.iter().map(|m| m.follow_up(now)).collect();
    assert!(follow.contains(&FollowUp::Upcoming));
    assert!(follow.iter().any(|f| matches!(f, FollowUp::Overdue { .. })));
    assert!(
        follow
            .iter()
            .any(|f| matches!(f, FollowUp::Unconfirmed { .. }))
    );
    assert!(
        follow
            .iter()
            .any(|f| matches!(f, FollowUp::Writing { .. } | FollowUp::DueSoon { .. }))
    );
    // One was disputed and confirmed as a revised v2.
    assert!(
        meetings
            .iter()
            .any(|m| m.sent.len() == 2 && m.state() == MinutesState::Confirmed)
    );
    // The meeting tomorrow is still being prepared.
    assert!(meetings.iter().any(|m| m.prep_warning(now).is_some()));
    // Nothing is dated after the moment of loading.
    let changes = store.read().unwrap().changes().unwrap();
    assert!(changes.iter().all(|c| c.stamp.at <= now));
}

#[test]
fn sample_meetings_fall_in_office_hours_whenever_the_sample_is_loaded() {
    use crate::domain::Meeting;
    use crate::domain::calendar::WorkCalendar;
    use crate::domain::meeting::{FollowUp, OfficeHours};
    let beijing = chrono::FixedOffset::east_opt(8 * 3600).unwrap();
    let local = |y, m, d, h, min| {
        beijing
            .with_ymd_and_hms(y, m, d, h, min, 0)
            .single()
            .unwrap()
            .with_timezone(&Utc)
    };
    let (cal, hours) = (WorkCalendar::china(), OfficeHours::default());
    // Thursday night and early morning, Friday night, Sunday early, a National Day night.
    let moments = [
        (local(2026, 11, 26, 23, 40), true),
        (local(2026, 11, 26, 3, 0), true),
        (local(2026, 11, 27, 23, 40), false),
        (local(2026, 11, 29, 3, 0), false),
        (local(2026, 10, 3, 23, 40), false),
    ];
    for (now, weekday) in moments {
        let (_dir, store) = temp_store();
        load_sample(&store, now, now.with_timezone(&beijing).date_naive()).unwrap();
        let meetings: Vec<Meeting> = store.all().unwrap();
        assert_eq!(meetings.len(), 8);
        for m in &meetings {
            let (start, end) = (
                m.start.with_timezone(&beijing).naive_local(),
                m.end.with_timezone(&beijing).naive_local(),
            );
            assert!(
                hours.contains(&cal, start, end),
                "{} at {start}–{end}, loaded at {now}",
                m.title
            );
        }
        let follow: Vec<FollowUp> = meetings.iter().map(|m| m.follow_up(now)).collect();
        assert!(follow.contains(&FollowUp::Upcoming), "{now}");
        assert!(
            follow.iter().any(|f| matches!(f, FollowUp::Overdue { .. })),
            "{now}"
        );
        if weekday {
            // On a working night the meeting ahead is the next day's, within the day its
            // preparation is checked, and the call behind still has its minutes to write.
            assert!(
                meetings.iter().any(|m| m.prep_warning(now).is_some()),
                "{now}"
            );
            assert!(
                follow
                    .iter()
                    .any(|f| matches!(f, FollowUp::Writing { .. } | FollowUp::DueSoon { .. })),
                "{now}"
            );
        }
    }
}

#[test]
fn a_sample_phone_call_has_only_the_preparation_a_call_needs() {
    use crate::domain::Meeting;
    use crate::domain::meeting::{MeetingKind, PrepKind};
    let (_dir, store) = temp_store();
    let now = moment(2026, 11, 26);
    load_sample(&store, now, now.date_naive()).unwrap();
    let meetings: Vec<Meeting> = store.all().unwrap();
    let call = meetings
        .iter()
        .find(|m| m.kind == MeetingKind::PhoneCall)
        .expect("a phone call");
    let kinds: Vec<PrepKind> = call.prep.iter().map(|p| p.kind).collect();
    assert_eq!(kinds, [PrepKind::AgendaSent]);
}
