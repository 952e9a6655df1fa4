//! Which plan prints: the working plan at any time (for the client as a draft), an issued
//! version as of its issue date, a version by its number, and the refusals.

use super::{calendar_text, d, pdf_text, workbook_text};
use account_desk::domain::schedule::{Party, Schedule, Task, TaskId, TaskStatus};
use account_desk::domain::{ClientId, JobId, Lang, UserId};
use account_desk::pdf::Paper;
use account_desk::reports::schedule::{View, party_label};
use account_desk::services::export::{
    PlanChoice, PlanError, ScheduleFormat, export_schedule, schedule_file,
};
use account_desk::services::{Base, ClientDraft, Command, Ctx, JobDraft, ServiceError, apply};
use account_desk::store::Store;
use chrono::{TimeZone, Utc};

fn agency() -> &'static str {
    party_label(Party::Agency).zh
}

fn ctx_on(day: &str) -> Ctx {
    Ctx {
        actor: UserId(0),
        now: Utc
            .with_ymd_and_hms(2026, 12, 1, 2, 0, 0)
            .single()
            .expect("time"),
        today: d(day),
    }
}

/// A job planned in phases: 创意 with 创意发想 (11/23–12/04, running) and 创意提案, then
/// the client's approval, a phase 执行 with enough tasks to fill a second page, and the
/// launch. `issues` lists the days on which it is issued, each after a change that names
/// the version (创意提案（v2 稿）…).
fn planned(store: &Store, title: &str, issues: &[&str]) -> JobId {
    let ctx = ctx_on("2026-11-20");
    let client = apply(
        store,
        &ctx,
        Command::CreateClient(ClientDraft {
            name: format!("{title} 客户"),
            short_name: title.into(),
            ..Default::default()
        }),
    )
    .expect("client");
    let job = apply(
        store,
        &ctx,
        Command::CreateJob(JobDraft {
            title: title.into(),
            client_id: Some(ClientId(client.id)),
            requested_on: "2026-11-20".into(),
            ..Default::default()
        }),
    )
    .expect("job");
    let job = JobId(job.id);
    let cal = account_desk::domain::calendar::WorkCalendar::china();
    let t =
        |id, name: &str, a: &str, b: &str, party| Task::new(TaskId(id), name, d(a), d(b), party);
    let mut ideas = t(2, "创意发想", "2026-11-23", "2026-12-04", Party::Agency);
    ideas.status = TaskStatus::InProgress;
    ideas.progress = 50;
    let mut tasks = vec![
        t(1, "创意阶段", "2026-11-23", "2026-11-23", Party::Agency),
        ideas,
        t(3, "创意提案", "2026-12-07", "2026-12-07", Party::Agency),
        t(4, "客户确认创意", "2026-12-08", "2026-12-09", Party::Client),
        t(5, "执行阶段", "2026-12-10", "2026-12-10", Party::Agency),
    ];
    for i in 0..40 {
        tasks.push(t(
            10 + i,
            &format!("执行任务 {}", i + 1),
            "2026-12-10",
            "2026-12-11",
            Party::Vendor,
        ));
    }
    let mut launch = t(99, "上线", "2026-12-18", "2026-12-18", Party::Agency);
    launch.milestone = true;
    tasks.push(launch);
    let mut plan = Schedule { tasks };
    for task in plan.tasks.iter_mut() {
        if matches!(task.id.0, 2 | 3) || (10..50).contains(&task.id.0) {
            task.level = 1;
        }
        // A weekend event counts calendar days.
        task.calendar_days = task.id.0 == 10;
    }
    plan.roll_up(&cal);
    apply(
        store,
        &ctx,
        Command::SaveSchedule(job, plan.clone(), Base::Overwrite),
    )
    .expect("save");
    for (i, day) in issues.iter().enumerate() {
        let version = i + 1;
        plan.tasks[2].name = format!("创意提案（v{version} 稿）");
        apply(
            store,
            &ctx,
            Command::SaveSchedule(job, plan.clone(), Base::Overwrite),
        )
        .expect("save");
        apply(store, &ctx_on(day), Command::IssueSchedule(job)).expect("issue");
    }
    // The working plan moves on after the last issue.
    plan.tasks[2].name = "创意提案（工作中）".into();
    apply(
        store,
        &ctx,
        Command::SaveSchedule(job, plan, Base::Overwrite),
    )
    .expect("save");
    job
}

fn export_text(
    store: &Store,
    job: JobId,
    view: View,
    plan: PlanChoice,
    format: ScheduleFormat,
) -> Result<Vec<u8>, ServiceError> {
    export_schedule(store, job, view, plan, format, d("2026-12-05"), Lang::Zh).map(|e| e.bytes)
}

/// The PDF's pages, whitespace removed.
fn pdf_pages(bytes: &[u8]) -> Vec<String> {
    pdf_extract::extract_text_from_mem_by_pages(bytes)
        .expect("the PDF's text extracts")
        .into_iter()
        .map(|p| p.chars().filter(|c| !c.is_whitespace()).collect())
        .collect()
}

/// The task row 创意发想 as the table prints it, with `status`.
fn ideas_row(status: &str) -> String {
    format!("创意发想{}11/23周一12/04周五{status}", agency())
}

fn keep(name: &str, bytes: &[u8]) {
    if let Some(dir) = std::env::var_os("ACCOUNT_DESK_PDF_OUT") {
        std::fs::write(std::path::Path::new(&dir).join(name), bytes).expect("keep the file");
    }
}

#[test]
fn the_working_plan_prints_for_the_team_without_issuing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(&dir.path().join("计划.redb")).expect("open");
    let job = planned(&store, "新品发布会", &[]);
    let pdf = export_text(
        &store,
        job,
        View::Internal,
        PlanChoice::Working,
        ScheduleFormat::Pdf(Paper::A4),
    )
    .expect("the working plan prints without an issue");
    keep("working-internal.pdf", &pdf);
    let pages = pdf_pages(&pdf);
    assert!(pages.len() >= 2, "{} pages", pages.len());
    for (i, page) in pages.iter().enumerate() {
        assert!(page.contains("工作计划Workingplan"), "page {}", i + 1);
        assert!(page.contains("内部INTERNAL"), "page {}", i + 1);
        assert!(
            !page.contains("草稿"),
            "the team's plan is no draft: page {}",
            i + 1
        );
    }
    let first = &pages[0];
    assert!(
        first.contains("打印日期·状态截至Printed·statusasof2026年12月5日"),
        "{first}"
    );
    assert!(first.contains("今天Today"), "the today line is explained");
    // As of the day of printing, past its end on 12/04: late, left of the today line.
    assert!(first.contains(&ideas_row("已延误")), "{first}");
    assert!(first.contains("创意提案（工作中）"));
    assert!(
        first.contains("阶段Phase"),
        "the phase bar is in the legend"
    );
    // Nothing was issued by printing.
    assert!(store.issued_schedules(job).expect("read").is_empty());
    // The default for the team is the working plan, in every format.
    assert_eq!(
        pdf_pages(
            &schedule_file(
                &store,
                job,
                View::Internal,
                ScheduleFormat::Pdf(Paper::A4),
                d("2026-12-05"),
                Lang::Zh
            )
            .expect("pdf")
        ),
        pages
    );
    let xlsx = export_text(
        &store,
        job,
        View::Internal,
        PlanChoice::Working,
        ScheduleFormat::Xlsx,
    )
    .expect("xlsx");
    keep("working-internal.xlsx", &xlsx);
    let xlsx = workbook_text(&xlsx);
    assert!(xlsx.contains("工作计划 Working plan") && xlsx.contains("创意提案（工作中）"));
    assert!(
        xlsx.contains("formatCode=\"0&quot;（日历日）&quot;\""),
        "a duration in calendar days says so"
    );
    assert!(
        xlsx.contains("outlineLevel=\"1\""),
        "tasks are grouped under their phase"
    );
    // Before the first issue the client's default is the draft, marked as such.
    let client = pdf_text(
        &schedule_file(
            &store,
            job,
            View::Client,
            ScheduleFormat::Pdf(Paper::A4),
            d("2026-12-05"),
            Lang::Zh,
        )
        .expect("pdf"),
    );
    assert!(client.contains("草稿DRAFT"), "{client}");
}

#[test]
fn a_client_draft_is_marked_on_every_page_and_never_titled_as_a_version() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(&dir.path().join("草稿.redb")).expect("open");
    let job = planned(&store, "春节 TVC", &["2026-12-01", "2026-12-03"]);
    let pdf = export_text(
        &store,
        job,
        View::Client,
        PlanChoice::Working,
        ScheduleFormat::Pdf(Paper::A4),
    )
    .expect("draft");
    keep("draft-client.pdf", &pdf);
    let pages = pdf_pages(&pdf);
    assert!(pages.len() >= 2, "{} pages", pages.len());
    for (i, page) in pages.iter().enumerate() {
        let n = i + 1;
        assert!(page.contains("草稿DRAFT"), "badge missing on page {n}");
        assert!(
            page.contains("草稿未发给客户，以正式发出的版本为准DRAFT–notissued"),
            "footer missing on page {n}"
        );
        assert!(!page.contains("INTERNAL"), "page {n}");
        assert!(
            !page.contains("版本Versionv"),
            "titled as a version on page {n}"
        );
    }
    let text = pages.concat();
    assert!(text.contains("版本Version草稿Draft"));
    assert!(text.contains("创意提案（工作中）"));
    // What the next issue would change, since the last one.
    assert!(
        text.contains("自上一版以来的变更Changessincethepreviousversionv2→草稿Draft"),
        "{text}"
    );
    assert!(
        text.contains("更名：创意提案（v2稿）→创意提案（工作中）"),
        "{text}"
    );
    let xlsx = workbook_text(
        &export_text(
            &store,
            job,
            View::Client,
            PlanChoice::Working,
            ScheduleFormat::Xlsx,
        )
        .expect("xlsx"),
    );
    assert!(
        xlsx.contains("进度表（草稿）") && xlsx.contains("工作进度表 Job Schedule　草稿 DRAFT")
    );
    let ics = calendar_text(
        &export_text(
            &store,
            job,
            View::Client,
            PlanChoice::Working,
            ScheduleFormat::Ics,
        )
        .expect("ics"),
    );
    assert!(ics.contains("SUMMARY:【草稿 DRAFT】◆ 上线"), "{ics}");
    // The issued version, asked for the client, is not a draft.
    let issued = pdf_text(
        &export_text(
            &store,
            job,
            View::Client,
            PlanChoice::Issued(None),
            ScheduleFormat::Pdf(Paper::A4),
        )
        .expect("v2"),
    );
    assert!(
        !issued.contains("草稿") && issued.contains("版本Versionv2"),
        "{issued}"
    );
}

#[test]
fn an_issued_version_reads_as_of_its_issue_date_without_a_today_line() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(&dir.path().join("发出.redb")).expect("open");
    let job = planned(&store, "春节 TVC", &["2026-12-01"]);
    // Printed on 12/05, v1 issued on 12/01: 创意发想 (11/23–12/04) was running on 12/01.
    let pdf = export_text(
        &store,
        job,
        View::Client,
        PlanChoice::Issued(None),
        ScheduleFormat::Pdf(Paper::A4),
    )
    .expect("v1");
    keep("issued-client.pdf", &pdf);
    let pages = pdf_pages(&pdf);
    for (i, page) in pages.iter().enumerate() {
        assert!(
            page.contains("发出日期·状态截至Issued·statusasof2026年12月1日"),
            "page {}: {page}",
            i + 1
        );
        assert!(
            !page.contains("今天Today"),
            "no today line on page {}",
            i + 1
        );
    }
    let first = &pages[0];
    assert!(first.contains(&ideas_row("进行中")), "{first}");
    assert!(!first.contains(&ideas_row("已延误")) && !first.contains(&ideas_row("未开始")));
    // The working plan printed the same day: as of that day, with the today line.
    let working = pdf_text(
        &export_text(
            &store,
            job,
            View::Internal,
            PlanChoice::Working,
            ScheduleFormat::Pdf(Paper::A4),
        )
        .expect("working"),
    );
    assert!(working.contains(&ideas_row("已延误")), "{working}");
    assert!(
        working.contains("今天Today")
            && working.contains("打印日期·状态截至Printed·statusasof2026年12月5日")
    );
    // The workbook says the same.
    let xlsx = workbook_text(
        &export_text(
            &store,
            job,
            View::Client,
            PlanChoice::Issued(None),
            ScheduleFormat::Xlsx,
        )
        .expect("xlsx"),
    );
    assert!(xlsx.contains("状态截至 Status as of") && xlsx.contains("2026年12月1日"));
}

#[test]
fn a_version_number_picks_that_version_and_a_missing_one_names_those_there_are() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(&dir.path().join("版本.redb")).expect("open");
    let job = planned(
        &store,
        "春节 TVC",
        &["2026-12-01", "2026-12-03", "2026-12-04"],
    );
    let v2 = pdf_text(
        &export_text(
            &store,
            job,
            View::Client,
            PlanChoice::Issued(Some(2)),
            ScheduleFormat::Pdf(Paper::A4),
        )
        .expect("v2"),
    );
    assert!(
        v2.contains("版本Versionv2")
            && v2.contains("发出日期·状态截至Issued·statusasof2026年12月3日")
    );
    assert!(v2.contains("创意提案（v2稿）"), "{v2}");
    assert!(!v2.contains("创意提案（v3稿）") && !v2.contains("工作中"));
    assert!(v2.contains("v1→v2"), "the changes since v1: {v2}");

    let missing = export_text(
        &store,
        job,
        View::Client,
        PlanChoice::Issued(Some(7)),
        ScheduleFormat::Pdf(Paper::A4),
    )
    .expect_err("there is no v7");
    assert!(matches!(
        missing,
        ServiceError::Plan(PlanError::NoSuchVersion { asked: 7, .. })
    ));
    let en = missing.message(Lang::En);
    assert!(en.contains("has no v7"), "{en}");
    assert!(
        en.contains("v1 (issued 2026-12-01), v2 (issued 2026-12-03), v3 (issued 2026-12-04)"),
        "{en}"
    );
    assert!(missing.message(Lang::Zh).contains("没有 v7"));

    // Nothing issued yet: say to issue first or print the working plan.
    let fresh = planned(&store, "新品发布会", &[]);
    for format in [
        ScheduleFormat::Pdf(Paper::A3),
        ScheduleFormat::Xlsx,
        ScheduleFormat::Ics,
    ] {
        let none = export_text(
            &store,
            fresh,
            View::Client,
            PlanChoice::Issued(None),
            format,
        )
        .expect_err("nothing issued");
        assert!(matches!(
            none,
            ServiceError::Plan(PlanError::NothingIssued { .. })
        ));
        let en = none.message(Lang::En);
        assert!(
            en.contains("issue it first") && en.contains("--plan working"),
            "{en}"
        );
    }
}
