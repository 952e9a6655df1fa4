//! The `account-desk` binary driven as a person at a terminal would, in folders whose names
//! hold Chinese and spaces: exit codes, messages on stderr, files written, and never a panic.

mod support;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn desk(db: &Path, args: &[&str]) -> Run {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_account-desk"));
    cmd.arg("--db").arg(db).args(args);
    finish(cmd.output().expect("run account-desk"))
}

fn finish(out: Output) -> Run {
    let run = Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    assert!(
        !run.stderr.contains("panicked"),
        "a panic reached the person: {}",
        run.stderr
    );
    run
}

fn ok(run: Run) -> Run {
    assert_eq!(
        run.code,
        Some(0),
        "stdout: {}\nstderr: {}",
        run.stdout,
        run.stderr
    );
    run
}

fn failed(run: Run) -> Run {
    assert_eq!(
        run.code,
        Some(1),
        "stdout: {}\nstderr: {}",
        run.stdout,
        run.stderr
    );
    assert!(run.stderr.starts_with("error: "), "{}", run.stderr);
    run
}

/// A temp folder with Chinese and a space in its name, and the database path inside it.
fn workspace() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path().join("客户 资料");
    std::fs::create_dir_all(&dir).expect("folder");
    let db = dir.join("客户执行台 数据.redb");
    (tmp, dir, db)
}

#[test]
fn a_whole_session_sample_list_export_backup_restore_check() {
    let (_tmp, dir, db) = workspace();

    let run = ok(desk(&db, &["sample-data"]));
    assert!(run.stdout.contains("4 clients"), "{}", run.stdout);
    assert!(run.stdout.contains("13 jobs"), "{}", run.stdout);

    let run = ok(desk(&db, &["list", "jobs"]));
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert!(lines[0].starts_with("number\ttitle\tclient\tbrand\tstatus\trequested_on"));
    assert!(lines.iter().any(|l| l.starts_with("2026-0001\t")));
    assert!(run.stdout.contains("2027 春节 TVC 与社交媒体"));
    assert!(run.stdout.contains("宝马 iX3 上市发布会（沈阳）"));

    let pdf = dir.join("简要 2026-0001.pdf");
    let run = ok(desk(
        &db,
        &[
            "export",
            "brief",
            "2026-0001",
            "-o",
            pdf.to_str().expect("utf-8"),
        ],
    ));
    assert!(run.stdout.contains("2026-0001"), "{}", run.stdout);
    let bytes = std::fs::read(&pdf).expect("pdf written");
    assert!(bytes.starts_with(b"%PDF"), "not a PDF");
    let pdf_en = dir.join("brief en.pdf");
    ok(desk(
        &db,
        &[
            "export",
            "brief",
            "2025-0001",
            "--lang",
            "en",
            "-o",
            pdf_en.to_str().expect("utf-8"),
        ],
    ));
    assert!(std::fs::read(&pdf_en).expect("pdf").starts_with(b"%PDF"));

    let copy = dir.join("备份 一.redb");
    let copy_arg = copy.to_str().expect("utf-8");
    ok(desk(&db, &["backup", copy_arg]));
    assert!(copy.is_file());
    let run = failed(desk(&db, &["backup", copy_arg]));
    assert!(run.stderr.contains("already exists"), "{}", run.stderr);

    let run = failed(desk(&db, &["restore", copy_arg]));
    assert!(run.stderr.contains("--force"), "{}", run.stderr);
    let run = ok(desk(&db, &["restore", copy_arg, "--force"]));
    assert!(
        run.stdout.contains("previous database was saved to"),
        "{}",
        run.stdout
    );
    let saved = run
        .stdout
        .lines()
        .find_map(|l| l.strip_prefix("The previous database was saved to "))
        .map(PathBuf::from)
        .expect("where the previous database went");
    assert!(saved.is_file(), "{saved:?}");
    assert!(saved.starts_with(dir.join("backups")));

    let run = ok(desk(&db, &["check"]));
    let schema = format!("schema version\t{}", account_desk::store::SCHEMA_VERSION);
    assert!(run.stdout.contains(&schema), "{}", run.stdout);
    assert!(run.stdout.contains("meetings\t8"), "{}", run.stdout);
    assert!(run.stdout.contains("clients\t4"), "{}", run.stdout);
    assert!(run.stdout.contains("jobs\t13"), "{}", run.stdout);
    assert!(run.stdout.contains("brief versions\t22"), "{}", run.stdout);
    assert!(run.stdout.contains("schedules\t13"), "{}", run.stdout);
    assert!(
        run.stdout.contains("issued schedules\t14"),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("No problems found."), "{}", run.stdout);
}

#[test]
fn a_database_open_elsewhere_is_refused_with_a_message() {
    let (_tmp, _dir, db) = workspace();
    ok(desk(&db, &["sample-data"]));
    let held = support::open_store(&db);
    for args in [&["check"][..], &["list", "jobs"], &["sample-data"]] {
        let run = failed(desk(&db, args));
        assert!(
            run.stderr.contains("already open"),
            "{args:?}: {}",
            run.stderr
        );
    }
    // A backup from the command line says to use the window's own backup instead.
    let elsewhere = db.with_file_name("by hand.redb");
    let run = failed(desk(&db, &["backup", elsewhere.to_str().expect("utf-8")]));
    assert!(
        run.stderr.contains("Ctrl+Shift+B") && run.stderr.contains("备份数据库"),
        "{}",
        run.stderr
    );
    assert!(!elsewhere.exists());
    // A restore would swap the file under the open window and lose its later saves.
    let copy = db.with_file_name("copy.redb");
    held.backup_to(&copy).expect("backup");
    let before = std::fs::read(&db).expect("read db");
    let run = failed(desk(
        &db,
        &["restore", copy.to_str().expect("utf-8"), "--force"],
    ));
    assert!(run.stderr.contains("already open"), "{}", run.stderr);
    assert_eq!(std::fs::read(&db).expect("read db"), before);
    drop(held);
    ok(desk(&db, &["check"]));
    ok(desk(
        &db,
        &["restore", copy.to_str().expect("utf-8"), "--force"],
    ));
}

#[test]
fn a_file_that_is_no_database_is_named_and_left_alone() {
    let (_tmp, dir, _db) = workspace();
    let text = dir.join("会议 记录.txt");
    std::fs::write(&text, "这不是数据库 not a database\n").expect("write");
    for args in [&["check"][..], &["list", "clients"], &["sample-data"]] {
        let run = failed(desk(&text, args));
        assert!(run.stderr.contains("会议 记录.txt"), "{}", run.stderr);
        assert!(
            run.stderr.contains("not an Account Desk database"),
            "{}",
            run.stderr
        );
    }
    assert_eq!(
        std::fs::read_to_string(&text).expect("read"),
        "这不是数据库 not a database\n"
    );
    // Nor is it accepted as a backup.
    let (_tmp2, _dir2, db) = workspace();
    ok(desk(&db, &["sample-data"]));
    let run = failed(desk(
        &db,
        &["restore", text.to_str().expect("utf-8"), "--force"],
    ));
    assert!(run.stderr.contains("会议 记录.txt"), "{}", run.stderr);
    ok(desk(&db, &["check"]));
}

#[test]
fn a_damaged_database_fails_check_and_comes_back_from_its_backup() {
    let (_tmp, dir, db) = workspace();
    ok(desk(&db, &["sample-data"]));
    let copy = dir
        .join("backups")
        .join("客户执行台 数据-20261126-090000.redb");
    ok(desk(&db, &["backup", copy.to_str().expect("utf-8")]));
    // Overwrite the file's header: the open must fail with a message, not a panic.
    let mut bytes = std::fs::read(&db).expect("read db");
    for b in bytes.iter_mut().take(512) {
        *b = 0x5a;
    }
    std::fs::write(&db, &bytes).expect("damage db");
    let run = failed(desk(&db, &["check"]));
    assert!(
        run.stderr.contains("客户执行台 数据.redb"),
        "{}",
        run.stderr
    );
    // The newest automatic backup is offered with the command that restores it.
    assert!(run.stderr.contains("restore"), "{}", run.stderr);
    assert!(
        run.stderr.contains("客户执行台 数据-20261126-090000.redb"),
        "{}",
        run.stderr
    );
    ok(desk(
        &db,
        &["restore", copy.to_str().expect("utf-8"), "--force"],
    ));
    let run = ok(desk(&db, &["check"]));
    assert!(run.stdout.contains("jobs\t13"), "{}", run.stdout);
}

#[test]
fn unknown_job_numbers_and_missing_databases_are_clear_errors() {
    let (_tmp, dir, db) = workspace();
    let pdf = dir.join("x.pdf");
    let pdf_arg = pdf.to_str().expect("utf-8");

    // Reading commands never create a database.
    let run = failed(desk(&db, &["export", "brief", "2026-0001", "-o", pdf_arg]));
    assert!(run.stderr.contains("no database"), "{}", run.stderr);
    assert!(run.stderr.contains("sample-data"), "{}", run.stderr);
    assert!(!db.exists());

    ok(desk(&db, &["sample-data"]));
    let run = failed(desk(&db, &["export", "brief", "2031-0042", "-o", pdf_arg]));
    assert!(run.stderr.contains("2031-0042"), "{}", run.stderr);
    assert!(run.stderr.contains("list jobs"), "{}", run.stderr);
    assert!(!pdf.exists());

    // The sample only goes into an empty database.
    let run = failed(desk(&db, &["sample-data"]));
    assert!(
        run.stderr.contains("already holds 4 client"),
        "{}",
        run.stderr
    );

    // An output folder that does not exist is named.
    let nowhere = dir.join("没有 这个 文件夹").join("b.pdf");
    let run = failed(desk(
        &db,
        &[
            "export",
            "brief",
            "2026-0001",
            "-o",
            nowhere.to_str().expect("utf-8"),
        ],
    ));
    assert!(run.stderr.contains("没有 这个 文件夹"), "{}", run.stderr);
}

#[test]
fn schedules_export_to_pdf_excel_and_calendar_files() {
    let (_tmp, dir, db) = workspace();
    ok(desk(&db, &["sample-data"]));
    let xlsx = dir.join("2026-0002 进度表.xlsx");
    let run = ok(desk(
        &db,
        &[
            "export",
            "schedule",
            "2026-0002",
            "--view",
            "internal",
            "--format",
            "xlsx",
            "-o",
            &xlsx.to_string_lossy(),
        ],
    ));
    assert!(
        run.stdout.contains("internal schedule of 2026-0002"),
        "{}",
        run.stdout
    );
    let bytes = std::fs::read(&xlsx).expect("workbook");
    assert!(bytes.starts_with(b"PK"), "an xlsx is a zip");
    let ics = dir.join("2026-0002 客户日历.ics");
    ok(desk(
        &db,
        &[
            "export",
            "schedule",
            "2026-0002",
            "--format",
            "ics",
            "-o",
            &ics.to_string_lossy(),
        ],
    ));
    let text = std::fs::read_to_string(&ics).expect("calendar");
    assert!(text.starts_with("BEGIN:VCALENDAR"), "{text}");
    assert!(text.contains("BEGIN:VEVENT"), "{text}");
    // PDF is the default format, on A4 unless A3 is asked for; an unknown paper is a usage
    // error.
    for (paper, width) in [("a4", 841.89), ("a3", 1190.55)] {
        let pdf = dir.join(format!("2026-0002 工作进度表 {paper}.pdf"));
        let run = ok(desk(
            &db,
            &[
                "export",
                "schedule",
                "2026-0002",
                "--paper",
                paper,
                "-o",
                &pdf.to_string_lossy(),
            ],
        ));
        assert!(
            run.stdout.contains("client schedule of 2026-0002"),
            "{}",
            run.stdout
        );
        let doc = lopdf::Document::load(&pdf).expect("a readable PDF");
        let page = doc.get_pages().into_values().next().expect("a page");
        let media = doc
            .get_dictionary(page)
            .and_then(|p| p.get(b"MediaBox"))
            .and_then(|m| m.as_array())
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_float().ok())
                    .collect::<Vec<f32>>()
            })
            .expect("a media box");
        assert!((media[2] - width).abs() < 1.0, "{paper}: {media:?}");
    }
    assert_eq!(
        desk(
            &db,
            &[
                "export",
                "schedule",
                "2026-0002",
                "--paper",
                "b5",
                "-o",
                "x.pdf"
            ]
        )
        .code,
        Some(2)
    );
    let run = failed(desk(
        &db,
        &[
            "export",
            "schedule",
            "2099-0001",
            "--format",
            "ics",
            "-o",
            &ics.to_string_lossy(),
        ],
    ));
    assert!(run.stderr.contains("2099-0001"), "{}", run.stderr);
}

#[test]
fn gen_refuses_a_database_with_clients_and_a_scale_it_does_not_know() {
    let (_tmp, _dir, db) = workspace();
    ok(desk(&db, &["sample-data"]));
    let run = failed(desk(&db, &["gen", "--scale", "year"]));
    assert!(
        run.stderr.contains("already holds 4 client(s)"),
        "{}",
        run.stderr
    );
    let run = desk(&db, &["gen", "--scale", "century"]);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(run.stderr.contains("decade, year"), "{}", run.stderr);
    // Nothing was added.
    let listed = ok(desk(&db, &["list", "clients"]));
    assert_eq!(listed.stdout.lines().count(), 5, "{}", listed.stdout);
}

#[test]
fn usage_errors_exit_2_and_help_exits_0() {
    let (_tmp, _dir, db) = workspace();
    let run = desk(&db, &["list", "invoices"]);
    assert_eq!(run.code, Some(2), "{}", run.stderr);
    assert!(
        run.stderr.contains("clients, brands, jobs"),
        "{}",
        run.stderr
    );
    assert_eq!(desk(&db, &["export", "brief", "2026-0001"]).code, Some(2));
    assert_eq!(desk(&db, &["frobnicate"]).code, Some(2));
    for args in [
        &["--help"][..],
        &["sample-data", "--help"],
        &["list", "--help"],
        &["export", "brief", "--help"],
        &["backup", "--help"],
        &["restore", "--help"],
        &["check", "--help"],
        &["gen", "--help"],
        &["export", "schedule", "--help"],
    ] {
        let run = ok(desk(&db, args));
        assert!(run.stdout.contains("Usage: account-desk"), "{}", run.stdout);
    }
    assert!(!db.exists(), "--help must not create a database");
}

/// Adds a meeting with minutes (with an internal remark; v1 sent) to the sample agency;
/// returns its id.
fn add_meeting(db: &Path) -> u64 {
    use account_desk::domain::meeting::{ActionItem, AgendaItem, Attendee, Point, Side};
    use account_desk::domain::{Client, Meeting, MeetingId, Stamp, UserId};
    use account_desk::services::{self, Ctx, MinutesStep};
    use chrono::{Duration, Utc};
    let store = support::open_store(db);
    let client = store
        .all::<Client>()
        .expect("clients")
        .into_iter()
        .next()
        .expect("a sample client");
    let start = Utc::now() - Duration::days(2);
    let ctx = Ctx {
        actor: UserId(0),
        now: Utc::now(),
        today: Utc::now().date_naive(),
    };
    let stamp = Stamp {
        by: UserId(0),
        at: ctx.now,
    };
    let mut m = Meeting::new(
        account_desk::domain::meeting::MeetingKind::VideoCall,
        client.id,
        start,
        start + Duration::hours(1),
        stamp,
    );
    m.title = "季度复盘 会议".into();
    m.attendees.push(Attendee {
        side: Side::Client,
        user: None,
        contact: None,
        name: "李娜".into(),
        title: "品牌经理".into(),
        email: "li.na@example.cn".into(),
    });
    m.agenda = vec![
        AgendaItem {
            title: "数据回顾".into(),
            presenter: "王小明".into(),
            minutes: 25,
        },
        AgendaItem {
            title: "下季度计划".into(),
            presenter: String::new(),
            minutes: 20,
        },
    ];
    m.minutes.points.push(Point {
        text: "第三季度销量超出目标".into(),
        solution: "保持现有投放节奏".into(),
        decision: true,
        internal_note: "CLI-INTERNAL 不要告诉客户".into(),
    });
    m.minutes.actions.push(ActionItem::new("整理第四季度排期"));
    let apply = |cmd| services::apply(&store, &ctx, cmd).expect("applied");
    let id = apply(services::Command::SaveMeeting(
        Box::new(m),
        services::Base::Overwrite,
    ))
    .id;
    apply(services::Command::Minutes(
        MeetingId(id),
        MinutesStep::Send(vec!["li.na@example.cn".into()]),
    ));
    id
}

/// Adds a point to the minutes of meeting `id` after they were sent.
fn revise_meeting(db: &Path, id: u64, point: &str) {
    use account_desk::domain::meeting::Point;
    use account_desk::domain::{Meeting, UserId};
    use account_desk::services::{self, Ctx};
    use chrono::Utc;
    let store = support::open_store(db);
    let mut m = store
        .get::<Meeting>(id)
        .expect("read")
        .expect("the meeting");
    m.minutes.points.push(Point {
        text: point.into(),
        solution: String::new(),
        decision: false,
        internal_note: String::new(),
    });
    let ctx = Ctx {
        actor: UserId(0),
        now: Utc::now(),
        today: Utc::now().date_naive(),
    };
    services::apply(
        &store,
        &ctx,
        services::Command::SaveMeeting(Box::new(m), services::Base::Overwrite),
    )
    .expect("saved");
}

fn pdf_text(path: &Path) -> String {
    let bytes = std::fs::read(path).expect("pdf written");
    assert!(bytes.starts_with(b"%PDF"), "not a PDF");
    pdf_extract::extract_text_from_mem(&bytes)
        .expect("the text extracts")
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

#[test]
fn meetings_are_listed_and_their_minutes_and_agenda_exported() {
    let (_tmp, dir, db) = workspace();
    ok(desk(&db, &["sample-data"]));
    let id = add_meeting(&db);
    let id_arg = id.to_string();

    let run = ok(desk(&db, &["list", "meetings"]));
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines[0], "id\tstart\tkind\tclient\ttitle\tminutes");
    let row = lines
        .iter()
        .find(|l| l.starts_with(&format!("{id}\t")))
        .expect("the meeting is listed");
    assert!(row.contains("\tvideo call\t"), "{row}");
    assert!(row.contains("季度复盘 会议"), "{row}");
    assert!(row.contains("v1 sent"), "{row}");
    assert!(lines.iter().all(|l| l.split('\t').count() == 6));

    // Nothing changed since v1 was sent: without --version, v1 is what the client has.
    let latest = dir.join("会议记录 最新.pdf");
    let run = ok(desk(
        &db,
        &[
            "export",
            "minutes",
            &id_arg,
            "-o",
            &latest.to_string_lossy(),
        ],
    ));
    assert!(
        run.stdout
            .contains("v1 as sent, the latest; nothing changed since"),
        "{}",
        run.stdout
    );
    let text = pdf_text(&latest);
    assert!(text.contains("会议记录") && text.contains("第三季度销量超出目标"));
    assert!(
        !text.contains("草稿"),
        "the version sent is not a draft: {text}"
    );

    // A point added since: the draft of v2.
    revise_meeting(&db, id, "新增一条：第四季度预算待定");
    let draft = dir.join("会议记录 草稿.pdf");
    let run = ok(desk(
        &db,
        &["export", "minutes", &id_arg, "-o", &draft.to_string_lossy()],
    ));
    assert!(run.stdout.contains("draft of v2"), "{}", run.stdout);
    let text = pdf_text(&draft);
    assert!(text.contains("会议记录") && text.contains("第三季度销量超出目标"));
    assert!(text.contains("第四季度预算待定"), "{text}");
    assert!(!text.contains("CLI-INTERNAL"), "an internal remark leaked");

    let v1 = dir.join("会议记录 v1.pdf");
    let run = ok(desk(
        &db,
        &[
            "export",
            "minutes",
            &id_arg,
            "--version",
            "1",
            "--lang",
            "both",
            "-o",
            &v1.to_string_lossy(),
        ],
    ));
    assert!(run.stdout.contains("v1 as sent"), "{}", run.stdout);
    let text = pdf_text(&v1);
    assert!(text.contains("会议记录MinutesofMeeting"), "{text}");
    assert!(text.contains("保持现有投放节奏") && !text.contains("CLI-INTERNAL"));

    let agenda = dir.join("agenda en.pdf");
    let run = ok(desk(
        &db,
        &[
            "export",
            "agenda",
            &id_arg,
            "--lang",
            "en",
            "-o",
            &agenda.to_string_lossy(),
        ],
    ));
    assert!(run.stdout.contains("2 items"), "{}", run.stdout);
    let text = pdf_text(&agenda);
    assert!(
        text.contains("MeetingAgenda") && text.contains("数据回顾"),
        "{text}"
    );
    assert!(text.contains("Total45min"), "{text}");

    // Unknown meetings and versions never sent are named, with the way to find the right one.
    let nowhere = dir.join("x.pdf");
    let run = failed(desk(
        &db,
        &[
            "export",
            "minutes",
            "987654",
            "-o",
            &nowhere.to_string_lossy(),
        ],
    ));
    assert!(run.stderr.contains("987654"), "{}", run.stderr);
    assert!(run.stderr.contains("list meetings"), "{}", run.stderr);
    let run = failed(desk(
        &db,
        &[
            "export",
            "agenda",
            "987654",
            "-o",
            &nowhere.to_string_lossy(),
        ],
    ));
    assert!(run.stderr.contains("list meetings"), "{}", run.stderr);
    let run = failed(desk(
        &db,
        &[
            "export",
            "minutes",
            &id_arg,
            "--version",
            "3",
            "-o",
            &nowhere.to_string_lossy(),
        ],
    ));
    assert!(run.stderr.contains("never sent"), "{}", run.stderr);
    assert!(run.stderr.contains("sent: v1"), "{}", run.stderr);
    assert!(!nowhere.exists());
}
