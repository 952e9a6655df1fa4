//! The leak test of the client schedule: internal-only tasks, internal notes and internal
//! names carry unique markers; the client workbook and calendar entries are read back as
//! text and none of the markers may appear, while every client action must. The internal
//! workbook must show them all (so the test can tell a leak from an empty file).

use account_desk::domain::schedule::{Party, Schedule, Task, TaskId};
use account_desk::domain::{ClientId, JobId, Lang, UserId};
use account_desk::pdf::Paper;
use account_desk::reports::schedule::View;
use account_desk::services::export::{PlanChoice, ScheduleFormat, export_schedule, schedule_file};
use account_desk::services::{Base, ClientDraft, Command, Ctx, JobDraft, apply};
use account_desk::store::Store;
use chrono::{NaiveDate, TimeZone, Utc};
use std::io::Read;

const MARKERS: [&str; 5] = [
    "LEAK-HIDDEN-TASK",
    "LEAK-INTERNAL-NOTE",
    "LEAK-OWNER",
    "LEAK-HIDDEN-CLIENT-NOTE",
    "LEAK-REMOVED-HIDDEN",
];

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

/// A job whose schedule was issued (v1) with a hidden task, then changed and issued (v2).
fn setup() -> (tempfile::TempDir, Store, JobId) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(&dir.path().join("泄露 测试.redb")).expect("open");
    let now = Utc
        .with_ymd_and_hms(2026, 11, 26, 2, 0, 0)
        .single()
        .expect("time");
    let ctx = Ctx {
        actor: UserId(0),
        now,
        today: d("2026-11-26"),
    };
    let client = apply(
        &store,
        &ctx,
        Command::CreateClient(ClientDraft {
            name: "可口可乐（中国）饮料有限公司".into(),
            short_name: "可口可乐".into(),
            ..Default::default()
        }),
    )
    .expect("client");
    let job = apply(
        &store,
        &ctx,
        Command::CreateJob(JobDraft {
            title: "2027 春节 TVC".into(),
            client_id: Some(ClientId(client.id)),
            requested_on: "2026-11-20".into(),
            ..Default::default()
        }),
    )
    .expect("job");
    let job = JobId(job.id);

    let mut creative = Task::new(
        TaskId(1),
        "创意提案",
        d("2026-12-01"),
        d("2026-12-04"),
        Party::Agency,
    );
    creative.internal_note = "LEAK-INTERNAL-NOTE 毛利 35%".into();
    creative.owner = "LEAK-OWNER 王小明".into();
    creative.owner_internal = true;
    let mut hidden = Task::new(
        TaskId(2),
        "LEAK-HIDDEN-TASK 导演档期",
        d("2026-12-02"),
        d("2026-12-03"),
        Party::Vendor,
    );
    hidden.client_visible = false;
    hidden.client_note = "LEAK-HIDDEN-CLIENT-NOTE".into();
    let mut removed = Task::new(
        TaskId(3),
        "LEAK-REMOVED-HIDDEN 内部复盘",
        d("2026-12-05"),
        d("2026-12-05"),
        Party::Agency,
    );
    removed.client_visible = false;
    let mut approve = Task::new(
        TaskId(4),
        "客户确认创意",
        d("2026-12-07"),
        d("2026-12-08"),
        Party::Client,
    );
    approve.client_note = "请书面确认".into();
    let mut samples = Task::new(
        TaskId(5),
        "客户提供产品样品",
        d("2026-12-09"),
        d("2026-12-09"),
        Party::Client,
    );
    samples.after = vec![TaskId(4)];
    let mut launch = Task::new(
        TaskId(6),
        "上线",
        d("2026-12-20"),
        d("2026-12-20"),
        Party::Agency,
    );
    launch.milestone = true;
    let v1 = Schedule {
        tasks: vec![creative, hidden, removed, approve, samples, launch],
    };
    apply(
        &store,
        &ctx,
        Command::SaveSchedule(job, v1.clone(), Base::Overwrite),
    )
    .expect("save");
    apply(&store, &ctx, Command::IssueSchedule(job)).expect("issue v1");
    let mut v2 = v1;
    v2.tasks.retain(|t| t.id != TaskId(3));
    v2.tasks[2].start = d("2026-12-08");
    v2.tasks[2].end = d("2026-12-09");
    v2.tasks[3].start = d("2026-12-10");
    v2.tasks[3].end = d("2026-12-10");
    apply(
        &store,
        &ctx,
        Command::SaveSchedule(job, v2, Base::Overwrite),
    )
    .expect("save v2");
    apply(&store, &ctx, Command::IssueSchedule(job)).expect("issue v2");
    (dir, store, job)
}

/// Every text in the workbook: all XML parts, unescaped enough to search.
fn workbook_text(bytes: &[u8]) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("an xlsx is a zip");
    let mut text = String::new();
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).expect("part");
        let mut xml = String::new();
        if part.name().expect("part name").ends_with(".xml") {
            part.read_to_string(&mut xml).expect("utf-8 xml");
            text.push_str(&xml);
        }
    }
    text
}

/// The text of a PDF as a reader copies it out, whitespace removed (extraction moves
/// spaces and line breaks around).
fn pdf_text(bytes: &[u8]) -> String {
    pdf_extract::extract_text_from_mem(bytes)
        .expect("the PDF's text extracts")
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// The calendar with folded lines joined again (RFC 5545: CRLF + space continues a line).
fn calendar_text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec())
        .expect("utf-8")
        .replace("\r\n ", "")
        .replace("\n ", "")
}

#[test]
fn nothing_internal_reaches_the_client_and_every_client_action_does() {
    let (_dir, store, job) = setup();
    let today = d("2026-11-27");
    let export =
        |view, format| schedule_file(&store, job, view, format, today, Lang::Zh).expect("export");

    let client_pdf = pdf_text(&export(View::Client, ScheduleFormat::Pdf(Paper::A4)));
    let client_a3 = pdf_text(&export(View::Client, ScheduleFormat::Pdf(Paper::A3)));
    let client_xlsx = workbook_text(&export(View::Client, ScheduleFormat::Xlsx));
    let client_ics = calendar_text(&export(View::Client, ScheduleFormat::Ics));
    // Calendar entries are the client's even when the internal view is asked for.
    let internal_ics = calendar_text(&export(View::Internal, ScheduleFormat::Ics));
    for (what, text) in [
        ("pdf", &client_pdf),
        ("pdf (A3)", &client_a3),
        ("xlsx", &client_xlsx),
        ("ics", &client_ics),
        ("ics (asked internal)", &internal_ics),
    ] {
        for marker in MARKERS {
            assert!(
                !text.contains(marker),
                "{marker} leaked into the client {what}"
            );
        }
        for action in ["客户确认创意", "客户提供产品样品"] {
            assert!(
                text.contains(action),
                "client action {action} missing from the {what}"
            );
        }
    }
    assert!(
        client_ics.contains("SUMMARY:◆ 上线"),
        "milestones are calendar entries"
    );
    assert!(
        client_ics.contains("DTSTART;VALUE=DATE:20261208"),
        "{client_ics}"
    );
    assert!(
        client_xlsx.contains("自上一版以来的变更"),
        "changes since v1 are listed"
    );

    assert!(client_pdf.contains("自上一版以来的变更"), "{client_pdf}");
    assert!(
        client_pdf.contains("★客户确认创意"),
        "client actions carry the marker"
    );
    assert!(!client_pdf.contains("INTERNAL"));

    // The issued v2 for the team, with the changes since v1 (the removed hidden task too).
    let issued = |format| {
        export_schedule(
            &store,
            job,
            View::Internal,
            PlanChoice::Issued(None),
            format,
            today,
            Lang::Zh,
        )
        .expect("export")
        .bytes
    };
    let internal_xlsx = workbook_text(&issued(ScheduleFormat::Xlsx));
    let internal_pdf = pdf_text(&issued(ScheduleFormat::Pdf(Paper::A4)));
    for marker in MARKERS {
        assert!(
            internal_xlsx.contains(marker),
            "{marker} missing from the internal workbook"
        );
        assert!(
            internal_pdf.contains(marker),
            "{marker} missing from the internal PDF"
        );
    }
    assert!(internal_pdf.contains("内部INTERNAL"));
    assert!(internal_xlsx.contains("内部 INTERNAL"));
}

/// Which plan prints (working, issued, a version) and the refusals.
#[path = "schedule_export/plans.rs"]
mod plans;
