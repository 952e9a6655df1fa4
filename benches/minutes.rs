//! The minutes benchmark of issue 5: two pages of Chinese minutes as PDF, and side by side
//! the usual alternative — the same minutes as a word-processor file (.odt) converted to PDF
//! by LibreOffice, headless. Run with
//!
//! ```text
//! cargo bench --bench minutes
//! ```
//!
//! and copy the closing table into BENCHMARKS.md. The LibreOffice side needs `soffice` on the
//! PATH (Debian: `apt-get install --no-install-recommends libreoffice-writer-nogui`); without
//! it that side is skipped with a message.
//!
//! The .odt is written here from the same report model the PDF is drawn from (letterhead,
//! facts, attendees, points with solutions, decisions, the action table and the confirmation
//! block), so both documents carry the same text. Each conversion is one `soffice
//! --headless --convert-to pdf` process, as an application that shells out to LibreOffice
//! runs it, with a warmed-up private profile.

mod common;

use account_desk::domain::meeting::{ActionItem, AgendaItem, Attendee, MeetingKind, Point, Side};
use account_desk::domain::{ClientId, Meeting, MeetingId, Stamp, UserId};
use account_desk::reports::minutes::{DocLang, MinutesReport};
use account_desk::services::export::{minutes_pdf, minutes_report};
use account_desk::services::{self, Base, ClientDraft, Command, Ctx};
use account_desk::store::Store;
use chrono::{DateTime, Duration, FixedOffset, NaiveDate, Utc};
use common::timed;
use divan::Bencher;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command as Process;
use std::time::Instant;

const PDF_CASE: &str = "minutes PDF, 2 pages (Account Desk)";
const LIBREOFFICE_CASE: &str = "minutes .odt -> PDF (LibreOffice)";
/// LibreOffice conversions timed (each one starts a process, ≈ seconds).
const LIBREOFFICE_RUNS: usize = 10;

fn main() {
    divan::main();
    libreoffice_side();
    common::report("minutes");
    ratio();
}

fn utc8() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).expect("UTC+8")
}

fn start() -> DateTime<Utc> {
    common::now() - Duration::hours(20)
}

const SENTENCES: [&str; 6] = [
    "客户对第二轮创意方向总体认可，认为团圆时刻的情感切入点与品牌调性一致，但希望主视觉加强产品露出，瓶身需在前三秒内清晰可见。",
    "媒介预算较上一版压缩约百分之十五，抖音与小红书的投放比例需要重新平衡，线下户外保持不变，电梯媒体改为春节前两周集中投放。",
    "拍摄周期与春节前的物流高峰重叠，道具和样品的到货时间存在风险，制作公司提出需提前一周锁定拍摄场地与演员档期。",
    "经销商物料的尺寸规格尚未统一，华东与华南大区提供的门店数据口径不同，需要一张统一的规格表并在下周内收齐。",
    "社交媒体内容日历的审批流程偏长，从提交到上线平均需要五个工作日，影响热点借势的时效，双方同意试行快速审批通道。",
    "法务部门对促销机制中的抽奖条款有疑问，需要确认是否符合各地市场监管的要求，必要时调整为满额赠品的形式。",
];

/// A meeting with two pages of Chinese minutes (points, solutions, decisions, actions).
fn meeting(client: ClientId) -> Meeting {
    let stamp = Stamp {
        by: UserId(0),
        at: start() - Duration::days(3),
    };
    let mut m = Meeting::new(
        MeetingKind::Meeting,
        client,
        start(),
        start() + Duration::hours(2),
        stamp,
    );
    m.title = "2027 春节创意提案".into();
    m.place = "客户上海总部 12 楼 1201 会议室".into();
    for (side, name, title) in [
        (Side::Client, "李娜", "品牌经理"),
        (Side::Client, "张伟", "法务经理"),
        (Side::Client, "刘洋", "渠道经理"),
        (Side::Agency, "王小明", "客户执行"),
        (Side::Agency, "赵敏", "创意总监"),
        (Side::Other, "陈导演", "光影制作公司"),
    ] {
        m.attendees.push(Attendee {
            side,
            user: None,
            contact: None,
            name: name.into(),
            title: title.into(),
            email: String::new(),
        });
    }
    m.agenda = vec![AgendaItem {
        title: "第二轮创意提案".into(),
        presenter: "赵敏".into(),
        minutes: 60,
    }];
    m.minutes.points = (0..9)
        .map(|i| Point {
            text: format!("{}（第 {} 条）", SENTENCES[i % SENTENCES.len()], i + 1),
            solution: match i % 3 {
                1 => String::new(),
                _ => format!(
                    "由负责方在本周内给出方案，并在下次例会上确认结果（{}）。",
                    i + 1
                ),
            },
            decision: i % 3 == 0,
            internal_note: "内部：客户总监私下不满".into(),
        })
        .collect();
    m.minutes.actions = (0..8)
        .map(|i| ActionItem {
            owner: ["赵敏", "周杰", "李娜", "王小明"][i % 4].into(),
            due: NaiveDate::from_ymd_opt(2026, 12, 1 + i as u32),
            ..ActionItem::new(format!("跟进第 {} 条要点的落实情况并回复客户", i + 1))
        })
        .collect();
    m
}

struct Agency {
    _dir: tempfile::TempDir,
    store: Store,
    meeting: MeetingId,
}

fn agency() -> Agency {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(&dir.path().join("minutes.redb")).expect("open");
    let ctx = Ctx {
        actor: UserId(0),
        now: common::now(),
        today: common::today(),
    };
    let client = services::apply(
        &store,
        &ctx,
        Command::CreateClient(ClientDraft {
            name: "可口可乐（中国）饮料有限公司".into(),
            short_name: "可口可乐".into(),
            ..Default::default()
        }),
    )
    .expect("client");
    let saved = services::apply(
        &store,
        &ctx,
        Command::SaveMeeting(Box::new(meeting(ClientId(client.id))), Base::Overwrite),
    )
    .expect("meeting");
    Agency {
        _dir: dir,
        store,
        meeting: MeetingId(saved.id),
    }
}

/// The minutes as PDF: report from the store, layout, fonts subset, bytes.
#[divan::bench(sample_count = 50, sample_size = 1)]
fn minutes_pdf_2_pages(b: Bencher) {
    let a = agency();
    account_desk::pdf::preload_fonts().expect("fonts");
    let export = || minutes_pdf(&a.store, a.meeting, None, DocLang::Zh, utc8()).expect("pdf");
    let bytes = export();
    let pages = lopdf::Document::load_mem(&bytes)
        .map(|d| d.get_pages().len())
        .unwrap_or(0);
    println!("minutes PDF: {} bytes, {pages} pages", bytes.len());
    if let Some(dir) = std::env::var_os("ACCOUNT_DESK_PDF_OUT") {
        let _ = std::fs::write(Path::new(&dir).join("bench-minutes.pdf"), &bytes);
    }
    b.bench_local(|| timed(PDF_CASE, export));
}

/// Times LibreOffice converting the same minutes, written as .odt, to PDF.
fn libreoffice_side() {
    let Some(soffice) = which("soffice") else {
        println!(
            "\nLibreOffice side skipped: `soffice` is not on the PATH (install \
             libreoffice-writer-nogui to measure it)."
        );
        return;
    };
    let a = agency();
    let report =
        minutes_report(&a.store, a.meeting, None, DocLang::Zh, utc8()).expect("the report");
    let dir = tempfile::tempdir().expect("temp dir");
    let odt = dir.path().join("minutes.odt");
    std::fs::write(&odt, odt_bytes(&report)).expect("write the .odt");
    let profile = dir.path().join("profile");
    let convert = || {
        let status = Process::new(&soffice)
            .arg(format!(
                "-env:UserInstallation=file://{}",
                profile.display()
            ))
            .args([
                "--headless",
                "--norestore",
                "--convert-to",
                "pdf",
                "--outdir",
            ])
            .arg(dir.path())
            .arg(&odt)
            .output()
            .expect("run soffice");
        assert!(status.status.success(), "soffice failed: {status:?}");
    };
    // The first run creates the profile (≈ several seconds): not what a user waits for twice.
    let warm = Instant::now();
    convert();
    println!(
        "\nLibreOffice: first conversion (creates its profile) {:.0} ms",
        warm.elapsed().as_secs_f64() * 1e3
    );
    for _ in 0..LIBREOFFICE_RUNS {
        timed(LIBREOFFICE_CASE, convert);
    }
    let pdf = dir.path().join("minutes.pdf");
    let bytes = std::fs::read(&pdf).expect("LibreOffice wrote a PDF");
    let pages = lopdf::Document::load_mem(&bytes)
        .map(|d| d.get_pages().len())
        .unwrap_or(0);
    println!(
        "LibreOffice PDF: {} bytes, {pages} pages (.odt {} bytes)",
        bytes.len(),
        std::fs::metadata(&odt).map_or(0, |m| m.len())
    );
    if let Some(out) = std::env::var_os("ACCOUNT_DESK_PDF_OUT") {
        let _ = std::fs::copy(&pdf, Path::new(&out).join("bench-minutes-libreoffice.pdf"));
        let _ = std::fs::copy(&odt, Path::new(&out).join("bench-minutes.odt"));
    }
}

/// Median and p95 of both sides from the recorded timings, as a ratio.
fn ratio() {
    let Ok(table) = std::fs::read_to_string(common::bench_dir().join("minutes.tsv")) else {
        return;
    };
    let row = |case: &str| -> Option<(f64, f64)> {
        let line = table.lines().find(|l| l.starts_with(case))?;
        let cells: Vec<&str> = line.split('\t').collect();
        Some((cells.get(2)?.parse().ok()?, cells.get(3)?.parse().ok()?))
    };
    if let (Some(ours), Some(lo)) = (row(PDF_CASE), row(LIBREOFFICE_CASE)) {
        println!(
            "LibreOffice / Account Desk: {:.0}× at the median, {:.0}× at p95",
            lo.0 / ours.0,
            lo.1 / ours.1
        );
    }
}

fn which(program: &str) -> Option<PathBuf> {
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join(program))
            .find(|p| p.is_file())
    })
}

/// Text escaped for XML.
fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

fn paragraph(body: &mut String, style: &str, text: &str) {
    body.push_str(&format!(
        "<text:p text:style-name=\"{style}\">{}</text:p>",
        xml(text)
    ));
}

fn cell(body: &mut String, text: &str) {
    body.push_str("<table:table-cell office:value-type=\"string\">");
    paragraph(body, "Cell", text);
    body.push_str("</table:table-cell>");
}

/// The minutes as an OpenDocument text file, with the same content as the PDF.
fn odt_bytes(r: &MinutesReport) -> Vec<u8> {
    let mut body = String::new();
    let lh = &r.head.letterhead;
    paragraph(&mut body, "Agency", &lh.agency_name);
    paragraph(&mut body, "Small", &format!("{}  {}", lh.address, lh.phone));
    paragraph(
        &mut body,
        "Title",
        &format!(
            "{} {} {}",
            r.head.title,
            r.version,
            if r.draft { "草稿" } else { "" }
        ),
    );
    paragraph(&mut body, "Subject", &r.head.subject);
    body.push_str("<table:table table:name=\"Facts\"><table:table-column table:number-columns-repeated=\"2\"/>");
    for f in &r.head.facts {
        body.push_str("<table:table-row>");
        cell(&mut body, &f.label.to_string());
        cell(&mut body, &f.value);
        body.push_str("</table:table-row>");
    }
    body.push_str("</table:table>");
    paragraph(&mut body, "Heading", &r.captions.attendees.to_string());
    for g in &r.head.attendees {
        let people: Vec<String> = g
            .people
            .iter()
            .map(|p| format!("{}（{}）", p.name, p.title))
            .collect();
        paragraph(
            &mut body,
            "Body",
            &format!("{} {}：{}", g.caption, g.company, people.join("、")),
        );
    }
    for (caption, items) in [
        (&r.captions.points, &r.points),
        (&r.captions.decisions, &r.decisions),
    ] {
        paragraph(&mut body, "Heading", &caption.to_string());
        for p in items {
            paragraph(&mut body, "Body", &format!("{}. {}", p.number, p.text));
            if let Some(s) = &p.solution {
                paragraph(
                    &mut body,
                    "Solution",
                    &format!("{}：{s}", r.captions.solution),
                );
            }
        }
    }
    paragraph(&mut body, "Heading", &r.captions.actions.to_string());
    body.push_str("<table:table table:name=\"Actions\"><table:table-column table:number-columns-repeated=\"5\"/>");
    body.push_str("<table:table-header-rows><table:table-row>");
    cell(&mut body, "#");
    for c in &r.captions.columns {
        cell(&mut body, &c.to_string());
    }
    body.push_str("</table:table-row></table:table-header-rows>");
    for a in &r.actions {
        body.push_str("<table:table-row>");
        for text in [&a.number.to_string(), &a.what, &a.party, &a.owner, &a.due] {
            cell(&mut body, text);
        }
        body.push_str("</table:table-row>");
    }
    body.push_str("</table:table>");
    paragraph(&mut body, "Heading", &r.confirmation.heading.to_string());
    paragraph(&mut body, "Body", &r.confirmation.note);
    let lines: Vec<String> = r
        .confirmation
        .lines
        .iter()
        .map(|l| format!("{l}：____________"))
        .collect();
    paragraph(&mut body, "Body", &lines.join("    "));

    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" office:version="1.3">
<office:font-face-decls><style:font-face style:name="Noto Sans CJK SC" svg:font-family="'Noto Sans CJK SC'" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"/></office:font-face-decls>
<office:automatic-styles>{styles}</office:automatic-styles>
<office:body><office:text>{body}</office:text></office:body>
</office:document-content>"#,
        styles = [
            ("Agency", "15pt", "bold"),
            ("Small", "7.5pt", "normal"),
            ("Title", "19pt", "bold"),
            ("Subject", "13pt", "bold"),
            ("Heading", "11.5pt", "bold"),
            ("Body", "10pt", "normal"),
            ("Solution", "9.5pt", "normal"),
            ("Cell", "9pt", "normal"),
        ]
        .map(|(name, size, weight)| format!(
            "<style:style style:name=\"{name}\" style:family=\"paragraph\"><style:paragraph-properties fo:margin-top=\"0.1cm\" fo:margin-bottom=\"0.1cm\"/><style:text-properties fo:font-size=\"{size}\" fo:font-weight=\"{weight}\" style:font-name-asian=\"Noto Sans CJK SC\" style:font-size-asian=\"{size}\" style:font-weight-asian=\"{weight}\"/></style:style>"
        ))
        .concat()
    );
    let manifest = r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">
<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>
<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>
</manifest:manifest>"#;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let deflated = zip::write::SimpleFileOptions::default();
    // ODF 1.3 part 2, 3.3: `mimetype` first and uncompressed.
    zip.start_file("mimetype", stored).expect("zip");
    zip.write_all(b"application/vnd.oasis.opendocument.text")
        .expect("zip");
    zip.start_file("META-INF/manifest.xml", deflated)
        .expect("zip");
    zip.write_all(manifest.as_bytes()).expect("zip");
    zip.start_file("content.xml", deflated).expect("zip");
    zip.write_all(content.as_bytes()).expect("zip");
    zip.finish().expect("zip").into_inner()
}
