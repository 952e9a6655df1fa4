//! The schedule on the command line, run as the `account-desk` binary: `list tasks` prints a
//! job's working plan as tab-separated rows (and writes nothing), and `export schedule
//! --plan` prints the working plan or a chosen issued version, with clear refusals.

mod support;

use account_desk::domain::schedule::{Party, Schedule, Task, TaskId, TaskStatus};
use account_desk::domain::{ClientId, JobId, UserId};
use account_desk::services::{Base, ClientDraft, Command, Ctx, JobDraft, apply};
use chrono::{NaiveDate, TimeZone, Utc};
use std::path::{Path, PathBuf};

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn desk(db: &Path, args: &[&str]) -> Run {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_account-desk"))
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .expect("run account-desk");
    let run = Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    run
}

fn code(run: &Run, expected: i32) {
    assert_eq!(
        run.code,
        Some(expected),
        "stdout: {}\nstderr: {}",
        run.stdout,
        run.stderr
    );
}

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

/// A database in a folder with Chinese and a space in its name, holding job 2026-0001 with
/// a schedule in phases (issued twice) and job 2026-0002 with a schedule never issued.
fn agency() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path().join("客户 资料");
    std::fs::create_dir_all(&dir).expect("folder");
    let db = dir.join("客户执行台.redb");
    let store = support::open_store(&db);
    let ctx = |day: &str| Ctx {
        actor: UserId(0),
        now: Utc
            .with_ymd_and_hms(2026, 12, 1, 2, 0, 0)
            .single()
            .expect("time"),
        today: d(day),
    };
    let client = apply(
        &store,
        &ctx("2026-11-20"),
        Command::CreateClient(ClientDraft {
            name: "上海 某 饮料有限公司".into(),
            short_name: "某饮料".into(),
            ..Default::default()
        }),
    )
    .expect("client");
    let mut jobs = Vec::new();
    for title in ["新品上市\t发布会", "年终 回顾"] {
        let job = apply(
            &store,
            &ctx("2026-11-20"),
            Command::CreateJob(JobDraft {
                title: title.replace('\t', " "),
                client_id: Some(ClientId(client.id)),
                requested_on: "2026-11-20".into(),
                ..Default::default()
            }),
        )
        .expect("job");
        jobs.push(JobId(job.id));
    }
    let t =
        |id, name: &str, a: &str, b: &str, party| Task::new(TaskId(id), name, d(a), d(b), party);
    let mut late = t(2, "创意发想", "2020-06-01", "2020-06-05", Party::Agency);
    late.level = 1;
    late.status = TaskStatus::InProgress;
    let mut pitch = t(
        3,
        "创意提案\t二稿",
        "2030-03-04",
        "2030-03-08",
        Party::Agency,
    );
    pitch.level = 1;
    let mut media = t(5, "媒介投放", "2030-03-09", "2030-03-17", Party::Media);
    media.level = 1;
    media.calendar_days = true;
    let mut launch = t(6, "上线", "2030-03-18", "2030-03-18", Party::Client);
    launch.milestone = true;
    let mut plan = Schedule {
        tasks: vec![
            t(1, "创意", "2020-06-01", "2020-06-01", Party::Agency),
            late,
            pitch,
            t(4, "媒介", "2030-03-09", "2030-03-09", Party::Media),
            media,
            launch,
        ],
    };
    plan.roll_up(&account_desk::domain::calendar::WorkCalendar::china());
    for job in &jobs {
        apply(
            &store,
            &ctx("2026-11-20"),
            Command::SaveSchedule(*job, plan.clone(), Base::Overwrite),
        )
        .expect("save");
    }
    for day in ["2026-12-01", "2026-12-03"] {
        apply(&store, &ctx(day), Command::IssueSchedule(jobs[0])).expect("issue");
    }
    drop(store);
    (tmp, dir, db)
}

#[test]
fn list_tasks_prints_the_working_plan_row_by_row_and_writes_nothing() {
    let (_tmp, _dir, db) = agency();
    let records = |db: &Path| {
        let store = support::open_store(db);
        let job = store
            .job_by_number("2026-0001")
            .expect("read")
            .expect("the job");
        let plan = store.schedule(job.id).expect("read");
        let issued = store.issued_schedules(job.id).expect("read");
        format!("{plan:?}{issued:?}")
    };
    let before = records(&db);
    let run = desk(&db, &["list", "tasks", "2026-0001"]);
    code(&run, 0);
    let lines: Vec<&str> = run.stdout.lines().collect();
    // The phase spans its tasks: its working days are those of the China calendar.
    let span = account_desk::domain::calendar::WorkCalendar::china()
        .working_days(d("2020-06-01"), d("2030-03-08"));
    let phase = format!("1\t\t创意\tAgency\t2020-06-01\t2030-03-08\t{span}\tIn progress\tworking");
    assert_eq!(
        lines,
        [
            "row\tphase\ttask\tparty\tstart\tend\tdays\tstatus\tdays_counted",
            &phase,
            "2\t创意\t创意发想\tAgency\t2020-06-01\t2020-06-05\t5\tLate\tworking",
            "3\t创意\t创意提案 二稿\tAgency\t2030-03-04\t2030-03-08\t5\tNot started\tworking",
            "4\t\t媒介\tMedia\t2030-03-09\t2030-03-17\t5\tNot started\tworking",
            "5\t媒介\t媒介投放\tMedia\t2030-03-09\t2030-03-17\t9\tNot started\tcalendar",
            "6\t\t上线\tClient\t2030-03-18\t2030-03-18\t0\tNot started\tmilestone",
        ],
        "{}",
        run.stdout
    );
    assert!(lines.iter().all(|l| l.split('\t').count() == 9));
    assert!(records(&db) == before, "listing changed the schedule");

    // A job number is needed, only `list tasks` takes one, and it must exist.
    let run = desk(&db, &["list", "tasks"]);
    code(&run, 2);
    assert!(run.stderr.contains("JOB_NUMBER"), "{}", run.stderr);
    let run = desk(&db, &["list", "jobs", "2026-0001"]);
    code(&run, 1);
    assert!(
        run.stderr.contains("account-desk list tasks 2026-0001"),
        "{}",
        run.stderr
    );
    let run = desk(&db, &["list", "tasks", "2099-0001"]);
    code(&run, 1);
    assert!(run.stderr.contains("2099-0001"), "{}", run.stderr);
}

#[test]
fn export_schedule_takes_the_working_plan_or_a_version() {
    let (_tmp, dir, db) = agency();
    let file = |name: &str| dir.join(name).to_string_lossy().into_owned();
    let export = |args: &[&str], out: &str| {
        let mut all = vec!["export", "schedule"];
        all.extend_from_slice(args);
        all.extend_from_slice(&["-o", out]);
        desk(&db, &all)
    };

    // The team's default is the working plan, issued or not.
    let out = file("内部 工作计划.pdf");
    let run = export(&["2026-0002", "--view", "internal"], &out);
    code(&run, 0);
    assert!(
        run.stdout.contains("internal schedule of 2026-0002")
            && run.stdout.contains("working plan, statuses as of"),
        "{}",
        run.stdout
    );
    assert!(std::fs::read(&out).expect("pdf").starts_with(b"%PDF"));

    // The client's default is the newest issued version; a number picks one.
    let run = export(&["2026-0001", "--format", "xlsx"], &file("对客.xlsx"));
    code(&run, 0);
    assert!(
        run.stdout
            .contains("v2 as issued, statuses as of 2026-12-03"),
        "{}",
        run.stdout
    );
    let run = export(&["2026-0001", "--plan", "1"], &file("v1.pdf"));
    code(&run, 0);
    assert!(
        run.stdout
            .contains("v1 as issued, statuses as of 2026-12-01"),
        "{}",
        run.stdout
    );
    let run = export(
        &["2026-0001", "--plan", "working", "--format", "ics"],
        &file("草稿.ics"),
    );
    code(&run, 0);
    assert!(
        run.stdout
            .contains("working plan as a draft, marked 草稿 / DRAFT"),
        "{}",
        run.stdout
    );
    // Never issued: the client's default is the draft, and says so.
    let run = export(&["2026-0002"], &file("未发出.pdf"));
    code(&run, 0);
    assert!(run.stdout.contains("nothing issued yet"), "{}", run.stdout);

    // Refusals name what there is and what to do; nothing is written.
    let missing = file("v7.pdf");
    let run = export(&["2026-0001", "--plan", "7"], &missing);
    code(&run, 1);
    assert!(
        run.stderr
            .contains("has no v7. Issued versions: v1 (issued 2026-12-01), v2 (issued 2026-12-03)"),
        "{}",
        run.stderr
    );
    let run = export(&["2026-0002", "--plan", "issued"], &missing);
    code(&run, 1);
    assert!(
        run.stderr.contains("issue it first") && run.stderr.contains("--plan working"),
        "{}",
        run.stderr
    );
    assert!(!Path::new(&missing).exists());
    let run = export(&["2026-0001", "--plan", "latest"], &missing);
    code(&run, 2);
    assert!(run.stderr.contains("working"), "{}", run.stderr);
}
