//! The monthly budget report from the sample agency, rendered and read back: the jobs'
//! printed amounts add up to their printed totals and to the summary, every page carries
//! the report's hash, and the fonts are embedded as subsets.

use super::*;
use crate::domain::Client;
use crate::store::Store;
use chrono::TimeZone;

fn sample() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(&dir.path().join("desk.redb")).expect("open");
    let now = chrono::Utc
        .with_ymd_and_hms(2026, 11, 26, 2, 0, 0)
        .single()
        .expect("moment");
    crate::demo::sample::load_sample(&store, now, now.date_naive()).expect("sample");
    (dir, store)
}

fn ask(client: ClientId, lang: DocLang) -> ReportAsk {
    ReportAsk {
        client,
        month: (2026, 11),
        lang,
        basis: TaxBasis::Net,
        prepared_by: "王小明".into(),
        reviewed_by: "陈静".into(),
        remarks: "纯甄新年限定口味的媒介计划待客户签署，签署后媒介预算执行率约 51%。".into(),
        today: NaiveDate::from_ymd_opt(2026, 11, 26).expect("day"),
        revision: 1,
        draft: true,
    }
}

/// Amounts as printed, `¥1,234.50` or `-¥12.00`, in the order they appear.
fn amounts(text: &str) -> Vec<i64> {
    let mut out = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '¥' {
            let negative = i > 0 && (chars[i - 1] == '-' || chars[i - 1] == '−');
            let mut j = i + 1;
            let mut digits = String::new();
            // Whole yuan with thousands commas, then exactly two digits of fen (the text
            // after an amount may run straight on, whitespace squeezed out).
            while j < chars.len() && (chars[j].is_ascii_digit() || chars[j] == ',') {
                if chars[j] != ',' {
                    digits.push(chars[j]);
                }
                j += 1;
            }
            if j < chars.len() && chars[j] == '.' {
                digits.extend(chars.iter().skip(j).take(3));
                j += 3;
            }
            if let Ok(fen) = crate::domain::Fen::parse(&digits) {
                out.push(if negative { -fen.0 } else { fen.0 });
            }
            i = j;
        } else {
            i += 1;
        }
    }
    out
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn the_report_prints_jobs_that_add_up_to_its_totals_and_its_hash_on_every_page() {
    let (_dir, store) = sample();
    let view = store.read().expect("read");
    let clients: Vec<Client> = view.all().expect("clients");
    let mengniu = clients
        .iter()
        .find(|c| c.display_name() == "蒙牛")
        .expect("蒙牛");
    let lh = Letterhead::from(&view.settings().expect("settings"));
    let report = budget_report(&view, &lh, &ask(mengniu.id, DocLang::Zh)).expect("report");
    assert!(!report.jobs.is_empty(), "蒙牛 signed work this year");
    // The model adds up: each side's jobs to the summary's executed and in progress.
    for (side, row) in [(BudgetSide::Media, 0), (BudgetSide::Production, 1)] {
        let jobs: Vec<_> = report.jobs.iter().filter(|j| j.side == side).collect();
        let s = report.summary[row].figures;
        assert_eq!(jobs.iter().map(|j| j.invoiced).sum::<i64>(), s.executed);
        assert_eq!(
            jobs.iter().map(|j| j.in_progress).sum::<i64>(),
            s.in_progress
        );
    }
    let (bytes, name) = budget_report_pdf(&view, &ask(mengniu.id, DocLang::Zh)).expect("pdf");
    assert_eq!(name, "每月预算报告 蒙牛-2026-11.pdf");
    if let Some(dir) = std::env::var_os("ACCOUNT_DESK_PDF_OUT") {
        std::fs::write(
            std::path::Path::new(&dir).join("budget-report-zh.pdf"),
            &bytes,
        )
        .expect("keep");
    }
    let pages = pdf_extract::extract_text_from_mem_by_pages(&bytes).expect("text");
    let short = &report.hash[..8];
    for (n, page) in pages.iter().enumerate() {
        assert!(
            squeeze(page).contains(short),
            "page {} lacks the hash {short}",
            n + 1
        );
    }
    // The acknowledgement never stands alone: the definitions come with it.
    let last = squeeze(pages.last().expect("a page"));
    assert!(
        last.contains("客户确认") && last.contains("口径说明"),
        "{last}"
    );
    let text = squeeze(&pages.concat());
    assert!(text.contains("每月预算报告"));
    assert!(text.contains("单位人民币元") || text.contains("人民币元"));
    assert!(text.contains("不含税"));
    // Read back: in the jobs table each row prints amount, invoiced, in progress; each
    // side's closing row their sums; those sums are the summary's figures.
    let start = text.find("工作明细").expect("the jobs section");
    let end = text[start..]
        .find("较上月变化")
        .map_or(text.len(), |e| start + e);
    let jobs_text = &text[start..end];
    let printed = amounts(jobs_text);
    let mut at = 0;
    for side in BudgetSide::ALL {
        let rows = report.jobs.iter().filter(|j| j.side == side).count();
        if rows == 0 {
            continue;
        }
        let mut sums = [0i64; 3];
        for _ in 0..rows {
            for (k, sum) in sums.iter_mut().enumerate() {
                *sum += printed[at + k];
            }
            at += 3;
        }
        assert_eq!(
            &printed[at..at + 3],
            &sums,
            "{side:?} rows add up to their total"
        );
        let row = match side {
            BudgetSide::Media => 0,
            BudgetSide::Production => 1,
        };
        let s = report.summary[row].figures;
        assert_eq!((sums[1], sums[2]), (s.executed, s.in_progress));
        at += 3;
    }
    // The summary table's total row is the sum of its media and production rows.
    let sstart = text.find("预算执行汇总").expect("summary");
    let summary = amounts(&text[sstart..start]);
    assert!(summary.len() >= 12, "{summary:?}");
    for k in 0..4 {
        assert_eq!(summary[k] + summary[4 + k], summary[8 + k], "column {k}");
    }
}

#[test]
fn the_english_report_reads_in_english_and_a_bad_month_is_refused() {
    let (_dir, store) = sample();
    let view = store.read().expect("read");
    let clients: Vec<Client> = view.all().expect("clients");
    let (bytes, name) = budget_report_pdf(&view, &ask(clients[1].id, DocLang::En)).expect("pdf");
    assert!(name.starts_with("Budget report"));
    if let Some(dir) = std::env::var_os("ACCOUNT_DESK_PDF_OUT") {
        std::fs::write(
            std::path::Path::new(&dir).join("budget-report-en.pdf"),
            &bytes,
        )
        .expect("keep");
    }
    let text = pdf_extract::extract_text_from_mem(&bytes).expect("text");
    assert!(text.contains("Monthly Budget Report"), "{text}");
    assert!(text.contains("Without VAT"));
    assert_eq!(parse_month("2026-11"), Some((2026, 11)));
    assert_eq!(parse_month("2026年3月"), Some((2026, 3)));
    assert_eq!(parse_month("2026-13"), None);
    let mut bad = ask(clients[1].id, DocLang::En);
    bad.month = (2026, 13);
    assert!(budget_report(&view, &Letterhead::default(), &bad).is_err());
}

#[test]
fn a_report_is_reviewed_by_the_am_issued_frozen_and_revised_as_the_next_revision() {
    use crate::domain::budget::road::{IssuedReport, ReportDecision, ReportStatus};
    use crate::domain::{Role, User};
    use crate::services::budget_reports::{ReportDraft, ReportStepAsk};
    use crate::services::{Command, Ctx, apply};
    let (_dir, store) = sample();
    let users: Vec<User> = store.all().expect("users");
    let by_role = |role| users.iter().find(|u| u.role == role).expect("a user").id;
    let (ae, am) = (
        by_role(Role::AccountExecutive),
        by_role(Role::AccountManager),
    );
    let today = NaiveDate::from_ymd_opt(2026, 11, 26).expect("day");
    let ctx = |actor| Ctx {
        actor,
        now: chrono::Utc::now(),
        today,
    };
    let clients: Vec<Client> = store.all().expect("clients");
    // 可口可乐: the sample issued no report of its own.
    let client = clients[0].id;
    let month = (2026, 10);
    let save = |remarks: &str| {
        Command::SaveBudgetReport(Box::new(ReportDraft {
            client_id: client,
            year: 2026,
            month: 10,
            basis: TaxBasis::Net,
            remarks: remarks.into(),
        }))
    };
    apply(&store, &ctx(ae), save("十月执行正常。")).expect("started");
    let read = || {
        let view = store.read().expect("read");
        let r = report_of(&view, client, month)
            .expect("read")
            .expect("report");
        let ask = ask_of(&view, &r, DocLang::Zh, today, false).expect("ask");
        let hash = review_hash(&view, &ask).expect("hash");
        (r, hash)
    };
    let step = |actor, decision, hash: String, issued| {
        apply(
            &store,
            &ctx(actor),
            Command::DecideBudgetReport(
                read().0.id,
                Box::new(ReportStepAsk {
                    decision,
                    hash,
                    issued,
                }),
            ),
        )
    };
    let (_, h) = read();
    step(ae, ReportDecision::Submit, h.clone(), None).expect("submitted");
    // The AE does not review; the AM does.
    let refused = step(ae, ReportDecision::Approve, h.clone(), None).expect_err("an AE");
    assert!(
        refused
            .message(crate::domain::Lang::Zh)
            .contains("客户经理")
    );
    step(am, ReportDecision::Approve, h.clone(), None).expect("approved");
    // Issued only as approved: another hash is refused.
    let frozen = |hash: &str| IssuedReport {
        revision: 1,
        hash: hash.into(),
        as_of: NaiveDate::from_ymd_opt(2026, 10, 31).expect("day"),
        media: crate::domain::budget::Figures::default(),
        production: crate::domain::budget::Figures {
            budget: 90_000_000,
            executed: 1,
            in_progress: 2,
        },
        file: None,
    };
    let changed = step(ae, ReportDecision::Issue, "0".repeat(64), Some(frozen("x")));
    assert!(changed.is_err());
    step(
        ae,
        ReportDecision::Issue,
        h.clone(),
        Some(frozen("issued-hash")),
    )
    .expect("issued");
    let (r, _) = read();
    assert_eq!(r.status(), ReportStatus::Issued);
    assert_eq!(r.issued.len(), 1);
    // November's report compares with October as issued (its frozen figures).
    let view = store.read().expect("read");
    let mut nov = ask(client, DocLang::Zh);
    nov.month = (2026, 11);
    let lh = Letterhead::default();
    let report = budget_report(&view, &lh, &nov).expect("report");
    let now = report.summary[1].figures;
    let expected = crate::domain::Fen(now.executed - 1).to_string();
    assert!(
        report.changes.iter().any(|c| c.contains(&expected)),
        "{:?} names the move from the issued ¥0.01",
        report.changes
    );
    drop(view);
    // A change after issue starts revision 2, a draft; revision 1 stays issued.
    apply(&store, &ctx(ae), save("十月执行正常；补充：一笔红字发票。")).expect("revised");
    let (r, _) = read();
    assert_eq!((r.revision, r.status()), (2, ReportStatus::Draft));
    assert_eq!(r.issued[0].hash, "issued-hash");
}

/// The sheets of a workbook, read back: each sheet's name and its rows as text or numbers.
fn workbook(bytes: &[u8]) -> Vec<(String, Vec<Vec<calamine::Data>>)> {
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> =
        calamine::Xlsx::new(std::io::Cursor::new(bytes.to_vec())).expect("xlsx");
    let names = book.sheet_names();
    names
        .into_iter()
        .map(|n| {
            let range = book.worksheet_range(&n).expect("sheet");
            let rows = range.rows().map(<[calamine::Data]>::to_vec).collect();
            (n, rows)
        })
        .collect()
}

fn fen_of(d: &calamine::Data) -> Option<i64> {
    match d {
        // Excel keeps numbers as doubles; read back through their decimal text.
        calamine::Data::Float(f) => crate::domain::Fen::parse(&format!("{f:.2}"))
            .ok()
            .map(|x| x.0),
        calamine::Data::Int(i) => Some(i * 100),
        _ => None,
    }
}

fn text_of(d: &calamine::Data) -> String {
    match d {
        calamine::Data::String(s) => s.clone(),
        _ => String::new(),
    }
}

#[test]
fn the_workbook_carries_the_pdf_figures_and_an_issued_month_only_as_issued() {
    use crate::domain::budget::road::ReportStatus;
    let (_dir, store) = sample();
    let view = store.read().expect("read");
    let clients: Vec<Client> = view.all().expect("clients");
    let mengniu = clients
        .iter()
        .find(|c| c.display_name() == "蒙牛")
        .expect("蒙牛");
    let lh = Letterhead::from(&view.settings().expect("settings"));
    let a = ask(mengniu.id, DocLang::Zh);
    let report = budget_report(&view, &lh, &a).expect("report");
    let (bytes, name) = budget_report_xlsx(&view, &a).expect("xlsx");
    assert_eq!(name, "每月预算报告 蒙牛-2026-11.xlsx");
    if let Some(dir) = std::env::var_os("ACCOUNT_DESK_PDF_OUT") {
        std::fs::write(
            std::path::Path::new(&dir).join("budget-report.xlsx"),
            &bytes,
        )
        .expect("keep");
    }
    let sheets = workbook(&bytes);
    let names: Vec<&str> = sheets.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        ["预算报告", "逐月", "工作明细", "待签署", "媒介渠道"]
    );
    // The first sheet: the title marked as a draft, the summary's three rows as numbers,
    // and the report's hash.
    let first = &sheets[0].1;
    let cells: Vec<String> = first.iter().flatten().map(text_of).collect();
    assert!(
        cells
            .iter()
            .any(|c| c.contains("每月预算报告") && c.contains("草稿"))
    );
    assert!(
        cells.iter().any(|c| c == &report.hash),
        "the hash is on the sheet"
    );
    let summary_rows: Vec<&Vec<calamine::Data>> = first
        .iter()
        .filter(|r| {
            let t = text_of(&r[0]);
            t == "媒介" || t == "制作" || t == "合计"
        })
        .collect();
    assert_eq!(summary_rows.len(), 3);
    for (row, line) in summary_rows.iter().zip(&report.summary) {
        let x = line.figures;
        let printed: Vec<Option<i64>> = row[1..5].iter().map(fen_of).collect();
        assert_eq!(
            printed,
            [x.budget, x.executed, x.in_progress, x.remaining()].map(Some),
            "{}",
            line.caption
        );
    }
    // The jobs: every row's amounts, each side's sum row and the total add up, and the
    // sides' sums are the summary's executed and in progress.
    let jobs = &sheets[2].1;
    let mut total = [0i64; 3];
    for side in BudgetSide::ALL {
        let name = crate::reports::budget::side_caption(DocLang::Zh, Some(side)).to_string();
        let rows: Vec<_> = jobs.iter().filter(|r| text_of(&r[0]) == name).collect();
        let sums = rows.iter().fold([0i64; 3], |mut s, r| {
            for (k, v) in s.iter_mut().enumerate() {
                *v += fen_of(&r[5 + k]).expect("an amount");
            }
            s
        });
        let wanted = format!("{name} 合计");
        if let Some(sum_row) = jobs.iter().find(|r| text_of(&r[0]) == wanted) {
            let printed: Vec<i64> = sum_row[5..8].iter().filter_map(fen_of).collect();
            assert_eq!(printed, sums, "{name}");
        }
        let s = report.summary[match side {
            BudgetSide::Media => 0,
            BudgetSide::Production => 1,
        }]
        .figures;
        assert_eq!((sums[1], sums[2]), (s.executed, s.in_progress), "{name}");
        for k in 0..3 {
            total[k] += sums[k];
        }
    }
    let last = jobs.last().expect("the total row");
    assert_eq!(text_of(&last[0]), "合计");
    let printed: Vec<i64> = last[5..8].iter().filter_map(fen_of).collect();
    assert_eq!(printed, total);
    // The months: December's cumulative bar is the year's executed and in progress.
    let months = &sheets[1].1;
    assert_eq!(months.len(), 13, "a header and twelve months");

    // October was issued: its workbook is written only as issued.
    let october = report_of(&view, mengniu.id, (2026, 10))
        .expect("read")
        .expect("October");
    assert_eq!(october.status(), ReportStatus::Issued);
    let (bytes, name) = issued_report_xlsx(&view, &october, DocLang::En).expect("as issued");
    assert!(name.ends_with(" r1.xlsx"), "{name}");
    let issued_hash = october.issued[0].hash.clone();
    let sheets = workbook(&bytes);
    let cells: Vec<String> = sheets[0].1.iter().flatten().map(text_of).collect();
    assert!(
        !cells.iter().any(|c| c.contains("DRAFT")),
        "an issued report is no draft"
    );
    // Built again in English, the figures are those issued (the hash is of the words too,
    // so the Chinese issue's hash is found by building it in Chinese).
    let zh = ask_of(&view, &october, DocLang::Zh, october.issued[0].as_of, true).expect("ask");
    assert_eq!(
        budget_report(&view, &lh, &zh).expect("report").hash,
        issued_hash
    );
    // Figures that no longer hash as issued are refused, with the month and revision named.
    let mut changed = october.clone();
    if let Some(i) = changed.issued.last_mut() {
        i.hash = "0".repeat(64);
    }
    let refused = issued_report_xlsx(&view, &changed, DocLang::En).expect_err("changed");
    let message = refused.to_string();
    assert!(
        message.contains("2026-10") && message.contains("revision 1"),
        "{message}"
    );
    // A month not issued has no workbook as issued.
    let november = report_of(&view, mengniu.id, (2026, 11))
        .expect("read")
        .expect("November");
    assert!(issued_report_xlsx(&view, &november, DocLang::Zh).is_err());
}
