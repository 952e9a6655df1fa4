//! The State Council's holiday notices of 2024, 2025 and 2026 as published, read by the notice
//! parser: they must say exactly what `assets/holidays-cn.txt` ships. Then the command line an
//! agency's IT uses: `holidays import FILE.txt [--dry-run]` and `holidays list YEAR`.

mod support;

use account_desk::domain::calendar::WorkCalendar;
use account_desk::domain::calendar::notice::{Notice, parse_notice};
use account_desk::domain::schedule::{Party, Schedule, Task, TaskId};
use account_desk::domain::{ClientId, JobId, UserId};
use account_desk::services::holidays::{affected_schedules, read_notice_file, relay_command};
use account_desk::services::{self, Base, ClientDraft, Command, Ctx, JobDraft};
use chrono::NaiveDate;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command as Process;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/notices")
        .join(name)
}

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

/// The days a notice sets, as (date, worked, holiday).
fn days_of(notice: &Notice) -> BTreeSet<(NaiveDate, bool, String)> {
    notice
        .days()
        .into_iter()
        .map(|(date, s)| (date, s.working, s.name))
        .collect()
}

/// The days the shipped data sets in `year`.
fn shipped(year: i32) -> BTreeSet<(NaiveDate, bool, String)> {
    WorkCalendar::china()
        .special_days(year)
        .into_iter()
        .map(|day| (day.date, day.working, day.name))
        .collect()
}

#[test]
fn the_notices_of_2024_to_2026_read_exactly_as_the_shipped_data() {
    for (year, reference, holidays, off, work) in [
        (2024, "国办发明电〔2023〕7号", 7, 28, 8),
        (2025, "国办发明电〔2024〕12号", 6, 28, 5),
        (2026, "国办发明电〔2025〕7号", 7, 33, 6),
    ] {
        let notice =
            read_notice_file(&fixture(&format!("{year}.txt"))).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(notice.year, year);
        assert_eq!(notice.reference.as_deref(), Some(reference));
        assert_eq!(notice.holidays.len(), holidays, "{year}");
        assert_eq!(notice.days_off_count(), off, "{year}");
        assert_eq!(notice.make_up_count(), work, "{year}");
        assert_eq!(days_of(&notice), shipped(year), "{year}: notice ≠ assets");
        assert_eq!(WorkCalendar::china().notice(year), Some(reference));
    }
}

#[test]
fn details_of_the_real_notices() {
    let n2026 = read_notice_file(&fixture("2026.txt")).expect("2026");
    let spring = &n2026.holidays[1];
    assert_eq!(spring.name, "春节");
    assert_eq!(spring.days_off.first(), Some(&d("2026-02-15")));
    assert_eq!(spring.days_off.last(), Some(&d("2026-02-23")));
    assert_eq!(spring.make_up, vec![d("2026-02-14"), d("2026-02-28")]);
    // 2024: the advice to rest on 除夕 (2月9日) is not a day off.
    let n2024 = read_notice_file(&fixture("2024.txt")).expect("2024");
    assert!(!n2024.days().iter().any(|(day, _)| *day == d("2024-02-09")));
    // 2025: one arrangement for 国庆节、中秋节, from 1 to 8 October.
    let n2025 = read_notice_file(&fixture("2025.txt")).expect("2025");
    let last = n2025.holidays.last().expect("an arrangement");
    assert_eq!(last.name, "国庆节、中秋节");
    assert_eq!(last.days_off.len(), 8);
}

#[test]
fn the_gb18030_copy_reads_as_the_utf8_one() {
    let bytes = std::fs::read(fixture("2025-gb18030.txt")).expect("fixture");
    assert!(std::str::from_utf8(&bytes).is_err(), "really GB18030");
    let gb = read_notice_file(&fixture("2025-gb18030.txt")).expect("GB18030");
    let utf8 = read_notice_file(&fixture("2025.txt")).expect("UTF-8");
    assert_eq!(gb, utf8);
}

/// A notice for 2030, invented for these tests (no such notice exists yet); its weekdays are
/// the real ones of 2030.
const NOTICE_2030: &str = "国务院办公厅关于2030年部分节假日安排的通知\n\
    国办发明电〔2029〕9号\n\
    一、元旦：1月1日（周二）放假1天，不调休。\n\
    二、春节：2月2日（农历除夕、周六）至9日（农历正月初七、周六）放假调休，共8天。\
    1月27日（周日）、2月10日（周日）上班。\n\
    三、劳动节：5月1日（周三）至5日（周日）放假调休，共5天。4月28日（周日）、5月11日（周六）上班。\n\
    节假日期间，各地区、各部门要妥善安排好值班工作。\n国务院办公厅\n2029年11月1日";

struct Desk {
    _tmp: tempfile::TempDir,
    db: PathBuf,
    dir: PathBuf,
    job: JobId,
}

/// A database with one job whose schedule runs across the invented Spring Festival of 2030:
/// 创意提案 4–8 February (a Monday to Friday), then 客户确认 11–15 February after it.
fn desk() -> Desk {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path().join("客户 资料");
    std::fs::create_dir_all(&dir).expect("folder");
    let db = dir.join("desk.redb");
    let store = support::open_store(&db);
    let ctx = Ctx {
        actor: UserId(0),
        now: chrono::Utc::now(),
        today: d("2029-11-20"),
    };
    let client = services::apply(
        &store,
        &ctx,
        Command::CreateClient(ClientDraft {
            name: "星巴克".into(),
            ..ClientDraft::default()
        }),
    )
    .expect("client");
    let job = services::apply(
        &store,
        &ctx,
        Command::CreateJob(JobDraft {
            title: "春节限定礼盒".into(),
            client_id: Some(ClientId(client.id)),
            requested_on: "2029-11-20".into(),
            ..JobDraft::default()
        }),
    )
    .expect("job");
    let job = JobId(job.id);
    let mut plan = Schedule {
        tasks: vec![
            Task::new(
                TaskId(1),
                "创意提案",
                d("2030-02-04"),
                d("2030-02-08"),
                Party::Agency,
            ),
            Task::new(
                TaskId(2),
                "客户确认",
                d("2030-02-11"),
                d("2030-02-15"),
                Party::Client,
            ),
        ],
    };
    plan.add_dependency(TaskId(2), TaskId(1))
        .expect("dependency");
    services::apply(
        &store,
        &ctx,
        Command::SaveSchedule(job, plan, Base::Overwrite),
    )
    .expect("schedule");
    drop(store);
    Desk {
        _tmp: tmp,
        db,
        dir,
        job,
    }
}

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn holidays(db: &Path, args: &[&str]) -> Run {
    let out = Process::new(env!("CARGO_BIN_EXE_account-desk"))
        .arg("--db")
        .arg(db)
        .arg("holidays")
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

fn ok(run: Run) -> Run {
    assert_eq!(run.code, Some(0), "{}\n{}", run.stdout, run.stderr);
    run
}

#[test]
fn import_dry_run_then_import_then_list() {
    let desk = desk();
    // A GB18030 file, as Notepad on Chinese Windows saves it.
    let file = desk.dir.join("2030年放假通知.txt");
    let (gb, _, _) = encoding_rs::GB18030.encode(NOTICE_2030);
    std::fs::write(&file, &gb).expect("write notice");
    let file = file.to_str().expect("path");

    let run = ok(holidays(&desk.db, &["import", file, "--dry-run"]));
    assert!(run.stdout.contains("year\t2030"), "{}", run.stdout);
    assert!(
        run.stdout.contains("notice\t国办发明电〔2029〕9号"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("14 days off, 4 make-up working days"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("2030-02-02\tday off\t春节\tSaturday"),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("2030-01-27\tmake-up working day\t春节\tSunday")
    );
    // The schedule across the holiday is named; nothing moves.
    assert!(run.stdout.contains("创意提案"), "{}", run.stdout);
    assert!(run.stdout.contains("5 → 0 working days"), "{}", run.stdout);
    assert!(run.stdout.contains("Dry run: nothing was saved."));
    let listed = ok(holidays(&desk.db, &["list", "2030"]));
    assert_eq!(listed.stdout, "date\tkind\tname\tsource\n", "nothing saved");
    assert!(listed.stderr.contains("not known"), "{}", listed.stderr);

    let run = ok(holidays(&desk.db, &["import", file]));
    assert!(
        run.stdout.contains("Saved the 2030 notice"),
        "{}",
        run.stdout
    );
    let listed = ok(holidays(&desk.db, &["list", "2030"]));
    let lines: Vec<&str> = listed.stdout.lines().collect();
    assert_eq!(lines[0], "date\tkind\tname\tsource");
    assert_eq!(lines.len(), 1 + 14 + 4, "{}", listed.stdout);
    assert!(lines.contains(&"2030-02-05\tday off\t春节\tagency notice 国办发明电〔2029〕9号"));
    assert!(
        lines.contains(
            &"2030-05-11\tmake-up working day\t劳动节\tagency notice 国办发明电〔2029〕9号"
        )
    );
    assert!(
        listed.stderr.is_empty(),
        "2030 is published now: {}",
        listed.stderr
    );

    // The schedule was not moved by the import.
    let store = support::open_store(&desk.db);
    let plan = store
        .schedule(desk.job)
        .expect("read")
        .expect("schedule")
        .schedule;
    assert_eq!(plan.task(TaskId(1)).expect("task").end, d("2030-02-08"));
    drop(store);

    // The built-in years list their notice; the file's lines come out in order.
    let listed = ok(holidays(&desk.db, &["list", "2026"]));
    let lines: Vec<&str> = listed.stdout.lines().collect();
    assert_eq!(lines.len(), 1 + 33 + 6);
    assert_eq!(
        lines[1],
        "2026-01-01\tday off\t元旦\tbuilt-in 国办发明电〔2025〕7号"
    );
    assert!(
        lines.contains(&"2026-01-04\tmake-up working day\t元旦\tbuilt-in 国办发明电〔2025〕7号")
    );
}

#[test]
fn a_notice_that_cannot_be_read_says_which_sentence() {
    let desk = desk();
    let file = desk.dir.join("bad.txt");
    std::fs::write(
        &file,
        "2030年部分节假日安排\n一、元旦：1月1日（周二）放假。\n二、春节：2月2日至9日，共8天。",
    )
    .expect("write");
    let run = holidays(&desk.db, &["import", file.to_str().expect("path")]);
    assert_eq!(run.code, Some(1), "{}", run.stdout);
    assert!(run.stderr.contains("2月2日至9日，共8天"), "{}", run.stderr);
    assert!(run.stderr.contains("bad.txt"), "{}", run.stderr);
    let run = holidays(&desk.db, &["import", "no such file.txt"]);
    assert_eq!(run.code, Some(1));
    assert!(run.stderr.contains("no such file.txt"), "{}", run.stderr);
    // A dry run of a real notice needs no database.
    let nowhere = desk.dir.join("none.redb");
    let run = ok(holidays(
        &nowhere,
        &[
            "import",
            fixture("2026.txt").to_str().expect("path"),
            "--dry-run",
        ],
    ));
    assert!(run.stdout.contains("33 days off, 6 make-up working days"));
    assert!(!nowhere.exists());
}

#[test]
fn the_service_lists_the_schedules_touched_and_relays_one() {
    let desk = desk();
    let store = support::open_store(&desk.db);
    let settings = store.settings().expect("settings");
    let notice = parse_notice(NOTICE_2030).expect("notice");
    let import = settings.with_notice(&notice);
    let (old, new) = (settings.calendar(), import.settings.calendar());
    let affected = affected_schedules(&store, 2030, &old, &new).expect("affected");
    assert_eq!(affected.len(), 1);
    assert_eq!(affected[0].job_title, "春节限定礼盒");
    assert_eq!(affected[0].tasks.len(), 1, "{:?}", affected[0].tasks);
    assert!(
        affected_schedules(&store, 2031, &old, &new)
            .expect("none")
            .is_empty()
    );
    let ctx = Ctx {
        actor: UserId(0),
        now: chrono::Utc::now(),
        today: d("2029-11-20"),
    };
    services::apply(
        &store,
        &ctx,
        Command::SaveSettings(import.settings, Base::Overwrite),
    )
    .expect("import");
    let command = relay_command(&store, desk.job, &old, &new)
        .expect("relay")
        .expect("something moves");
    services::apply(&store, &ctx, command).expect("save");
    let plan = store
        .schedule(desk.job)
        .expect("read")
        .expect("schedule")
        .schedule;
    let first = plan.task(TaskId(1)).expect("task");
    // 5 working days from Monday 4 February, after the holiday and the worked Sunday the
    // 10th: 10, 11, 12, 13, 14 February.
    assert_eq!((first.start, first.end), (d("2030-02-04"), d("2030-02-14")));
    let second = plan.task(TaskId(2)).expect("task");
    assert_eq!(new.working_days(second.start, second.end), 5);
    assert!(second.start > first.end);
}
