//! The schedule PDF, read back the way a client would: a 300-task national roadshow printed
//! on A4 and A3, client and internal. Rows are whole on their page, the header repeats, the
//! timeline tiles across pages with the task column beside every tile, and every page has
//! its "page x / y", the legend and — for the internal version — the INTERNAL mark.
//!
//! Set `ACCOUNT_DESK_PDF_OUT=/some/dir` to keep the rendered PDFs for a look.

use account_desk::demo::generate::roadshow;
use account_desk::domain::calendar::WorkCalendar;
use account_desk::domain::schedule::Schedule;
use account_desk::domain::{
    Audit, Client, ClientId, Job, JobId, JobNumber, JobStatus, Lang, Stamp, Team, UserId,
};
use account_desk::pdf::{Paper, render_schedule};
use account_desk::reports::Letterhead;
use account_desk::reports::schedule::{ScheduleInputs, ScheduleReport, View, party_label};
use chrono::{NaiveDate, TimeZone, Utc};

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

fn stamp() -> Stamp {
    Stamp {
        by: UserId(1),
        at: Utc
            .with_ymd_and_hms(2026, 3, 1, 2, 0, 0)
            .single()
            .expect("time"),
    }
}

fn job_and_client() -> (Job, Client) {
    let client = Client {
        id: ClientId(1),
        name: "上汽大众汽车有限公司".into(),
        short_name: "上汽大众".into(),
        industry: String::new(),
        address: String::new(),
        phone: String::new(),
        since: None,
        notes: String::new(),
        archived: false,
        invoicing: Default::default(),
        audit: Audit::new(stamp()),
    };
    let job = Job {
        id: JobId(9),
        number: JobNumber {
            year: 2026,
            seq: 9,
            text: "2026-0009".into(),
        },
        title: "全国 30 城巡展".into(),
        client_id: client.id,
        brand_id: None,
        team: Team::default(),
        status: JobStatus::InProduction,
        requested_on: d("2026-02-20"),
        due_on: None,
        audit: Audit::new(stamp()),
    };
    (job, client)
}

/// The tour, with markers in everything internal.
fn tour() -> Schedule {
    let mut tour = roadshow(
        30,
        d("2026-03-02"),
        Some(d("2026-05-20")),
        &WorkCalendar::china(),
    );
    // The running tasks of the day fall behind: at risk.
    for t in tour.tasks.iter_mut() {
        if t.status == account_desk::domain::schedule::TaskStatus::InProgress
            && t.end > d("2026-05-20")
        {
            t.progress = 0;
        }
    }
    for (i, t) in tour.tasks.iter_mut().enumerate() {
        if !t.client_visible {
            t.name = format!("{} INTERNAL-TASK-{i}", t.name);
        }
        if i % 7 == 0 {
            t.internal_note = format!("INTERNAL-NOTE-{i}");
        }
    }
    tour
}

fn render(view: View, paper: Paper) -> (ScheduleReport, Vec<u8>) {
    render_plan(view, paper, &tour(), "roadshow")
}

/// `schedule` as the working plan of 2026-05-20 (a draft for the client), kept as
/// `<name>-<view>-<paper>.pdf` when asked for.
fn render_plan(
    view: View,
    paper: Paper,
    schedule: &Schedule,
    name: &str,
) -> (ScheduleReport, Vec<u8>) {
    let (job, client) = job_and_client();
    let letterhead = Letterhead::default();
    let report = ScheduleReport::build(&ScheduleInputs {
        view,
        job: &job,
        client: &client,
        schedule,
        version: None,
        previous: None,
        letterhead: &letterhead,
        today: d("2026-05-20"),
        lang: Lang::Zh,
        calendar: &WorkCalendar::china(),
    });
    let bytes = render_schedule(&report, &WorkCalendar::china(), paper).expect("renders");
    if let Some(dir) = std::env::var_os("ACCOUNT_DESK_PDF_OUT") {
        let name = format!("{name}-{view:?}-{paper:?}.pdf").to_lowercase();
        std::fs::write(std::path::Path::new(&dir).join(name), &bytes).expect("keep the PDF");
    }
    (report, bytes)
}

/// Each page's text, whitespace removed.
fn pages(bytes: &[u8]) -> Vec<String> {
    pdf_extract::extract_text_from_mem_by_pages(bytes)
        .expect("the text extracts")
        .into_iter()
        .map(|p| p.chars().filter(|c| !c.is_whitespace()).collect())
        .collect()
}

/// A row as the table prints it: name (with ★ for a client action), party, dates, status.
fn row_text(row: &account_desk::reports::schedule::Row) -> String {
    use account_desk::domain::schedule::TaskStatus;
    use account_desk::reports::schedule::{CLIENT_ACTION_MARK, labels, status_label};
    use chrono::Datelike;
    const DAYS: [&str; 7] = ["一", "二", "三", "四", "五", "六", "日"];
    let date = |d: NaiveDate| {
        let w = DAYS[d.weekday().num_days_from_monday() as usize];
        format!("{:02}/{:02}周{w}", d.month(), d.day())
    };
    let mark = if row.client_action {
        CLIENT_ACTION_MARK
    } else {
        ""
    };
    let start = if row.milestone {
        String::new()
    } else {
        date(row.start)
    };
    format!(
        "{mark}{}{}{start}{}{}",
        row.name,
        party_label(row.party).zh,
        date(row.end),
        match row.at_risk && row.status != TaskStatus::Late {
            true => labels::AT_RISK.zh,
            false => status_label(row.status).zh,
        }
    )
}

#[test]
fn a_300_task_client_schedule_tiles_repeats_its_header_and_never_cuts_a_row() {
    let (report, bytes) = render(View::Client, Paper::A4);
    let pages = pages(&bytes);
    let total = pages.len();
    // 270 client-visible tasks over ten months: several bands of rows, several tiles.
    assert_eq!(report.rows.len(), 270);
    let tiles = pages[0]
        .split("时间段Period1/")
        .nth(1)
        .and_then(|rest| rest.split('：').next())
        .and_then(|n| n.parse::<usize>().ok())
        .expect("a ten-month tour is tiled across pages");
    assert!(tiles >= 2, "{tiles}");
    assert!(total >= 10, "{total} pages");
    for (i, page) in pages.iter().enumerate() {
        let n = i + 1;
        assert!(
            page.contains(&format!("第{n}页/共{total}页Page{n}/{total}")),
            "page {n}"
        );
        for repeated in [
            "工作进度表",
            "任务Task",
            "负责方Party",
            "2026-0009",
            "客户配合Clientaction",
        ] {
            assert!(page.contains(repeated), "{repeated} missing on page {n}");
        }
        assert!(!page.contains("INTERNAL"), "page {n}: {page}");
        // Not issued: a draft, its statuses those of the day it is printed.
        assert!(page.contains("草稿DRAFT"), "page {n}");
        assert!(
            page.contains("打印日期·状态截至Printed·statusasof2026年5月20日"),
            "page {n}"
        );
        assert!(page.contains("今天Today"), "page {n}");
    }
    // Every row is printed whole — name, party, dates and status together — on every page
    // it appears on, and it appears at least once.
    let mut printed = 0;
    for row in &report.rows {
        let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        let whole = squeeze(&row_text(row));
        let name = squeeze(&row.name);
        let with_name = pages.iter().filter(|p| p.contains(&name)).count();
        let complete = pages.iter().filter(|p| p.contains(&whole)).count();
        assert!(complete >= 1, "{whole} is not printed whole");
        assert_eq!(with_name, complete, "{whole} is cut on some page");
        printed += complete;
    }
    assert!(
        printed > report.rows.len(),
        "rows are repeated beside each tile"
    );
    // Running tasks behind their dates say so, in words.
    assert!(report.rows.iter().any(|r| r.at_risk));
    assert!(pages.iter().any(|p| p.contains("有风险")));
    let actions = report.rows.iter().filter(|r| r.client_action).count();
    assert_eq!(actions, 90);
    let starred: usize = pages.iter().map(|p| p.matches("★").count()).sum();
    // The ★ of the name cell on every tile, plus the ★ by the bar where it falls in the tile,
    // plus the legend.
    assert!(starred >= actions * tiles + total, "{starred}");
}

#[test]
fn the_internal_version_says_so_on_every_page_and_shows_everything() {
    let (report, bytes) = render(View::Internal, Paper::A4);
    assert_eq!(report.rows.len(), 300);
    let pages = pages(&bytes);
    for (i, page) in pages.iter().enumerate() {
        assert!(page.contains("内部INTERNAL"), "page {}", i + 1);
        assert!(page.contains("INTERNAL–notfortheclient"), "page {}", i + 1);
    }
    let text = pages.concat();
    assert!(text.contains("INTERNAL-TASK-5") && text.contains("INTERNAL-NOTE-7"));
    assert!(text.contains("仅内部Internalonly"));
}

#[test]
fn a3_holds_more_and_fonts_are_subset() {
    let (_, a4) = render(View::Client, Paper::A4);
    let (_, a3) = render(View::Client, Paper::A3);
    let (a4_pages, a3_pages) = (pages(&a4).len(), pages(&a3).len());
    assert!(a3_pages < a4_pages, "A3 {a3_pages} pages, A4 {a4_pages}");
    // The whole Noto Sans SC is over 10 MB: a few hundred kilobytes means a subset.
    assert!(a4.len() < 800_000, "{} bytes", a4.len());
    let doc = lopdf::Document::load_mem(&a4).expect("a readable PDF");
    let fonts: Vec<String> = doc
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| d.get(b"Type").and_then(|t| t.as_name()).ok() == Some(b"FontDescriptor"))
        .filter_map(|d| d.get(b"FontName").and_then(|n| n.as_name()).ok())
        .map(|n| String::from_utf8_lossy(n).into_owned())
        .collect();
    assert_eq!(fonts.len(), 2, "{fonts:?}");
    // A subset font's name carries a six-letter tag: ABCDEF+NotoSansSC-Regular.
    assert!(
        fonts.iter().all(|f| f.len() > 7 && f.as_bytes()[6] == b'+'),
        "{fonts:?}"
    );
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
    assert!(
        (media[2] - 841.9).abs() < 1.0 && (media[3] - 595.3).abs() < 1.0,
        "{media:?}"
    );
}

#[test]
fn phases_print_as_summary_rows_with_their_tasks_under_them() {
    use account_desk::demo::generate::roadshow_in_phases;
    let tour = roadshow_in_phases(
        30,
        d("2026-03-02"),
        Some(d("2026-05-20")),
        &WorkCalendar::china(),
    );
    let (report, bytes) = render_plan(View::Internal, Paper::A4, &tour, "phases");
    let phases: Vec<_> = report.rows.iter().filter(|r| r.phase).collect();
    assert_eq!(phases.len(), 30);
    assert!(
        report
            .rows
            .iter()
            .filter(|r| !r.phase)
            .all(|r| r.level == 1)
    );
    let pages = pages(&bytes);
    let text = pages.concat();
    let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    for phase in &phases {
        // A phase row: its name, its span and its status; no party of its own.
        let with_party = squeeze(&row_text(phase));
        let whole = with_party.replacen(party_label(phase.party).zh, "", 1);
        assert!(
            text.contains(&whole),
            "{whole} is not printed as a phase row"
        );
        assert!(
            !text.contains(&with_party),
            "{} printed with a party",
            phase.name
        );
    }
    // Every phase is on the page of its first task, just above it (never left alone at the
    // foot of the page before).
    for (i, row) in report.rows.iter().enumerate().filter(|(_, r)| r.phase) {
        let mut phase = squeeze(&row_text(row)).replacen(party_label(row.party).zh, "", 1);
        if row.status == account_desk::domain::schedule::TaskStatus::InProgress {
            phase.push_str(&format!("{}%", row.progress));
        }
        let first = squeeze(&row_text(&report.rows[i + 1]));
        let together = format!("{phase}{first}");
        let pages_with_task = pages.iter().filter(|p| p.contains(&first)).count();
        let pages_with_both = pages.iter().filter(|p| p.contains(&together)).count();
        assert!(pages_with_task >= 1, "{first} is not printed");
        assert_eq!(
            pages_with_task, pages_with_both,
            "{phase} is not above {first}"
        );
    }
    assert!(
        pages.iter().all(|p| p.contains("阶段Phase")),
        "the legend explains the phase bar"
    );
}
