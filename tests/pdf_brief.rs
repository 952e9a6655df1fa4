//! The job brief PDF, checked the way a reader would: the text comes back out of the file
//! (rare Han characters, emoji and right-to-left scripts included, from the fallback fonts),
//! the fonts are embedded as subsets, the document stays small and long briefs paginate.
//!
//! Set `ACCOUNT_DESK_PDF_OUT=/some/dir` to keep the rendered PDFs for a look.

use account_desk::domain::{
    Audit, Brand, BrandId, BriefContent, BriefField, BriefVersion, Client, ClientId, Fen, Job,
    JobId, JobNumber, JobStatus, Lang, Role, Stamp, Team, UserId,
};
use account_desk::pdf::{bidi, render_brief};
use account_desk::reports::{BriefInputs, BriefReport, Letterhead};
use chrono::{FixedOffset, NaiveDate, TimeZone, Utc};
use lopdf::{Document, Object};
use std::time::Instant;

fn stamp() -> Stamp {
    Stamp {
        by: UserId(7),
        at: Utc
            .with_ymd_and_hms(2026, 11, 25, 8, 30, 0)
            .single()
            .expect("valid moment"),
    }
}

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).expect("valid date")
}

fn job() -> Job {
    Job {
        id: JobId(42),
        number: JobNumber {
            year: 2026,
            seq: 42,
            text: "2026-0042".into(),
        },
        title: "2027 春节 TVC Spring Festival 𠮷祥 campaign 😀".into(),
        client_id: ClientId(1),
        brand_id: Some(BrandId(3)),
        team: Team::default(),
        status: JobStatus::Estimating,
        requested_on: day(11, 2),
        due_on: Some(day(12, 20)),
        audit: Audit::new(stamp()),
    }
}

fn client() -> Client {
    Client {
        id: ClientId(1),
        name: "可口可乐（中国）饮料有限公司 Coca-Cola China".into(),
        short_name: "可口可乐".into(),
        industry: "饮料 Beverages".into(),
        address: String::new(),
        phone: String::new(),
        since: None,
        notes: String::new(),
        archived: false,
        invoicing: Default::default(),
        audit: Audit::new(stamp()),
    }
}

fn brand() -> Brand {
    Brand {
        id: BrandId(3),
        client_id: ClientId(1),
        name: "雪碧 Sprite".into(),
        facts: String::new(),
        key_points: String::new(),
        positioning: String::new(),
        competitors: vec![],
        audit: Audit::new(stamp()),
    }
}

/// A background of `paragraphs` paragraphs mixing Chinese and English.
fn background(paragraphs: usize) -> String {
    (1..=paragraphs)
        .map(|i| {
            format!(
                "第{i}段：春节是全年最重要的销售季，消费者在节前两周集中采购礼品与聚会饮料。\
                 去年我们的“团圆”主题在华东地区取得了显著的增长（同比+18%），\
                 但在华南和西南市场的认知度仍然偏低。Paragraph {i}: the Spring Festival is \
                 the most important season of the year; families gather, and sparkling drinks \
                 are on every table. We need one idea that works on TV, on Douyin and in store."
            )
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn content(background: String) -> BriefContent {
    BriefContent {
        background,
        objective: "提升春节期间销量 15%，Grow Spring Festival sales by 15% 😀".into(),
        audience: "25–40 岁城市家庭 Urban families aged 25–40, 𠮷野家 fans included".into(),
        key_message: "团圆时刻，清爽开怀 Refreshing reunions".into(),
        deliverables: "TVC 30\" ×1、15\" ×2；抖音短视频 ×6\nOne 30\" TVC, two 15\" cut-downs, six Douyin videos".into(),
        mandatories: "品牌标志与法律声明 Logo lock-up and legal line「理性饮酒」".into(),
        budget: Some(Fen(1_234_567_850)),
        timing: "12月20日前完成拍摄 Shoot by 20 December".into(),
    }
}

fn report(content: BriefContent) -> BriefReport {
    let job = job();
    let client = client();
    let brand = brand();
    let brief = BriefVersion {
        job_id: job.id,
        version: 3,
        content,
        changed: vec![BriefField::Background, BriefField::Budget],
        stamp: stamp(),
    };
    let letterhead = Letterhead::default();
    let team = [
        (Role::AccountExecutive, "王小明 Wang Xiaoming"),
        (Role::AccountManager, "李华 Li Hua"),
        (Role::AccountDirector, "陈静 Chen Jing"),
    ];
    BriefReport::build(&BriefInputs {
        job: &job,
        client: &client,
        brand: Some(&brand),
        team: &team,
        brief: Some(&brief),
        author_name: Some("王小明 Wang Xiaoming"),
        letterhead: &letterhead,
        today: day(11, 26),
        utc_offset: FixedOffset::east_opt(8 * 3600).expect("UTC+8"),
        lang: Lang::Zh,
    })
}

fn keep(name: &str, bytes: &[u8]) {
    if let Some(dir) = std::env::var_os("ACCOUNT_DESK_PDF_OUT") {
        let path = std::path::Path::new(&dir).join(name);
        std::fs::write(&path, bytes).expect("write the PDF for inspection");
        eprintln!("wrote {}", path.display());
    }
}

/// Whitespace removed: wrapping and extraction both move line breaks and spaces around.
fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The text as printed: the fallback fonts draw 😀 and 𠮷 (Noto Sans SC has neither), so
/// it is the text itself; only what no font has (CJK Extension G) would be `□`.
fn as_printed(s: &str) -> String {
    s.to_string()
}

fn page_count(bytes: &[u8]) -> usize {
    Document::load_mem(bytes)
        .expect("a readable PDF")
        .get_pages()
        .len()
}

#[test]
fn two_page_brief_is_small_and_all_its_text_comes_back_out() {
    let report = report(content(background(8)));
    // Timing is printed, never asserted (see STYLE.md); the first render also parses the fonts.
    let started = Instant::now();
    let bytes = render_brief(&report).expect("renders");
    let cold = started.elapsed();
    let started = Instant::now();
    let again = render_brief(&report).expect("renders");
    eprintln!(
        "2-page brief: first render {cold:?}, next {:?}; {} bytes",
        started.elapsed(),
        again.len()
    );
    keep("brief-2-pages.pdf", &bytes);

    assert_eq!(
        page_count(&bytes),
        2,
        "the fixture is meant to fill two pages"
    );
    assert!(bytes.len() < 300 * 1024, "{} bytes", bytes.len());

    let text = pdf_extract::extract_text_from_mem(&bytes).expect("text extracts");
    let found = squeeze(&text);
    let mut expected: Vec<String> = vec![
        "工作简要 Job Brief".into(),
        "2026-0042".into(),
        "星河广告有限公司".into(),
        "Galaxy Advertising Co., Ltd.".into(),
        "第 1 页 / 共 2 页  Page 1 / 2".into(),
        "第 2 页 / 共 2 页  Page 2 / 2".into(),
        // The footer: document, job number, version of the brief.
        "工作简要 Job Brief · 2026-0042 · v3".into(),
        "¥12,345,678.50".into(),
        "预估中".into(),
        "2026年11月26日".into(),
        "第 3 版 · 王小明 Wang Xiaoming · 2026年11月25日 16:30".into(),
        "本版更新".into(),
    ];
    for fact in &report.facts {
        expected.push(fact.label.to_string());
        expected.push(fact.value.clone());
    }
    for piece in expected {
        let want = squeeze(&as_printed(&piece));
        assert!(
            found.contains(&want),
            "{piece:?} not found in the extracted text"
        );
    }
    // A paragraph split over two pages has the page's footer and the next header between
    // its halves: take the repeated page furniture out before looking for the bodies.
    let mut flowing = found.clone();
    for chrome in [
        "第 1 页 / 共 2 页  Page 1 / 2".to_string(),
        "第 2 页 / 共 2 页  Page 2 / 2".to_string(),
        "工作简要 Job Brief · 2026-0042 · v3".to_string(),
        report.letterhead.agency_name.clone(),
        report.job_number.clone(),
        as_printed(&report.job_title),
    ] {
        flowing = flowing.replace(&squeeze(&chrome), "");
    }
    for section in &report.sections {
        assert!(
            found.contains(&squeeze(&section.label.to_string())),
            "{}",
            section.label
        );
        for paragraph in section.body.split('\n') {
            let want = squeeze(&as_printed(paragraph));
            assert!(
                flowing.contains(&want),
                "{paragraph:?} not found in the extracted text"
            );
        }
    }
    // Emoji and 𠮷 come from the fallback fonts, never dropped nor boxed.
    assert!(found.contains("campaign😀"));
    assert!(found.contains("𠮷野家"));
    assert!(!found.contains('□'));
    // Running header on page 2 repeats the job number: once in the title, once in the
    // facts table, once per footer, once in the header.
    assert!(found.matches("2026-0042").count() >= 5);
}

/// Every embedded font: (FontName, bytes of the embedded program).
fn embedded_fonts(bytes: &[u8]) -> Vec<(String, usize)> {
    let doc = Document::load_mem(bytes).expect("a readable PDF");
    let mut embedded = Vec::new();
    for object in doc.objects.values() {
        let Ok(dict) = object.as_dict() else { continue };
        if dict.get(b"Type").and_then(Object::as_name).ok() != Some(b"FontDescriptor".as_slice()) {
            continue;
        }
        let name = dict
            .get(b"FontName")
            .and_then(Object::as_name)
            .map(|n| String::from_utf8_lossy(n).into_owned())
            .expect("FontName");
        let file = dict
            .get(b"FontFile2")
            .and_then(Object::as_reference)
            .and_then(|id| doc.get_object(id))
            .and_then(Object::as_stream)
            .expect("an embedded TrueType program");
        let program = file
            .decompressed_content()
            .unwrap_or_else(|_| file.content.clone());
        embedded.push((name, program.len()));
    }
    embedded.sort();
    embedded
}

/// The family of each embedded font, without its subset tag.
fn families(embedded: &[(String, usize)]) -> Vec<String> {
    let mut names: Vec<String> = embedded
        .iter()
        .map(|(name, _)| name.split_once('+').map_or(name.as_str(), |(_, base)| base))
        .map(|base| base.split('-').next().unwrap_or(base).to_string())
        .collect();
    names.sort();
    names
}

#[test]
fn fonts_are_embedded_as_subsets() {
    let bytes = render_brief(&report(content(background(8)))).expect("renders");
    let embedded = embedded_fonts(&bytes);
    // Regular and Bold, and the two fallbacks the fixture needs (𠮷 and 😀).
    assert_eq!(
        families(&embedded),
        vec!["HanaMinB", "NotoEmoji", "NotoSansSC", "NotoSansSC"],
        "{embedded:?}"
    );
    for (name, len) in &embedded {
        // ISO 32000-1 9.6.4: a subset font's name carries a six-letter tag and `+`.
        let (tag, _) = name.split_once('+').expect("a subset tag");
        assert_eq!(tag.len(), 6, "{name}");
        assert!(tag.chars().all(|c| c.is_ascii_uppercase()), "{name}");
        // The full fonts are 10 MB (Noto Sans SC) and 31 MB (Hanazono); a subset of a few
        // hundred glyphs is tiny.
        assert!(*len < 1024 * 1024, "{name}: {len} bytes");
    }
}

/// Rare characters from real names (CJK Extension B) and emoji.
const RARE: &str = "吉田 𠮷野家 🎉 土𡈽 龖𪚥 👍";
/// Hebrew and Arabic ("peace", "hello").
const RIGHT_TO_LEFT: &str = "שלום مرحبا";

#[test]
fn rare_han_and_emoji_extract_back_exactly() {
    let mut brief = content(background(1));
    brief.audience = format!("{RARE} fans");
    brief.key_message = "𠮷祥如意🎉".into();
    let bytes = render_brief(&report(brief)).expect("renders");
    keep("brief-rare-characters.pdf", &bytes);
    let text = pdf_extract::extract_text_from_mem(&bytes).expect("text extracts");
    // Within a line the text comes back character for character, spaces included.
    assert!(text.contains(&format!("{RARE} fans")), "{text}");
    assert!(text.contains("𠮷祥如意🎉"), "{text}");
    assert!(!text.contains('□'), "{text}");
    assert!(!text.contains('\u{FFFD}'), "{text}");
}

#[test]
fn right_to_left_text_keeps_its_characters_in_visual_order() {
    let mut brief = content(background(1));
    let line = format!("客户 2027 {RIGHT_TO_LEFT} fans");
    brief.audience = line.clone();
    let bytes = render_brief(&report(brief)).expect("renders");
    keep("brief-right-to-left.pdf", &bytes);
    let text = pdf_extract::extract_text_from_mem(&bytes).expect("text extracts");
    // pdf-extract reads glyphs in the order they stand on the page; viewers (and poppler's
    // pdftotext) turn the right-to-left run back into reading order.
    let drawn = bidi::visual(&line);
    assert_eq!(drawn, "客户 2027 ابحرم םולש fans");
    assert!(text.contains(drawn.as_ref()), "{text}");
    assert!(!text.contains('□'), "{text}");
}

/// The two-page brief with `audience`, and no rare character anywhere else.
fn brief_with_audience(audience: &str) -> Vec<u8> {
    let mut brief = content(background(8));
    brief.audience = audience.into();
    brief.objective = "提升春节期间销量 15%".into();
    let mut report = report(brief);
    report.job_title = "2027 春节 TVC".into();
    for fact in &mut report.facts {
        fact.value = fact.value.replace(['😀', '𠮷'], "");
    }
    render_brief(&report).expect("renders")
}

#[test]
fn fallback_fonts_are_embedded_only_when_used_and_stay_small() {
    let plain = brief_with_audience("吉田 吉野家 fans");
    let rare = brief_with_audience(&format!("{RARE} {RIGHT_TO_LEFT} fans"));
    keep("brief-plain.pdf", &plain);
    keep("brief-rare.pdf", &rare);
    assert_eq!(
        families(&embedded_fonts(&plain)),
        vec!["NotoSansSC", "NotoSansSC"],
        "a brief without rare characters carries no fallback font"
    );
    assert_eq!(
        families(&embedded_fonts(&rare)),
        vec![
            "DejaVuSans",
            "HanaMinB",
            "NotoEmoji",
            "NotoSansSC",
            "NotoSansSC"
        ]
    );
    let growth = rare.len().saturating_sub(plain.len());
    eprintln!(
        "brief without rare characters {} bytes, with them {} bytes (+{growth})",
        plain.len(),
        rare.len()
    );
    // Subsets of a few glyphs from three fonts, not the fonts (31 MB for the Han one).
    assert!(growth < 200 * 1024, "+{growth} bytes");
}

#[test]
fn a_megabyte_brief_renders_on_a_sensible_number_of_pages() {
    let huge = "春节期间，消费者集中采购礼品与聚会饮料。We need one idea for TV and Douyin. "
        .repeat(13_000);
    assert!(huge.len() > 1_000_000);
    let bytes = render_brief(&report(content(huge))).expect("renders");
    keep("brief-1mb.pdf", &bytes);
    let pages = page_count(&bytes);
    // ≈ 560 000 characters at ≈ 45 to 80 a line and 45 lines a page.
    assert!((150..=320).contains(&pages), "{pages} pages");
}

#[test]
fn a_brief_without_content_still_prints_its_facts() {
    let bytes = render_brief(&report(BriefContent::default())).expect("renders");
    keep("brief-empty.pdf", &bytes);
    assert_eq!(page_count(&bytes), 1);
    let text = squeeze(&pdf_extract::extract_text_from_mem(&bytes).expect("text extracts"));
    assert!(text.contains("（未填写）"));
    assert!(text.contains(&squeeze("第 1 页 / 共 1 页")));
}

#[test]
fn a_fact_taller_than_a_page_flows_on_instead_of_vanishing() {
    // Validation caps single-line fields at 200 characters; a report built from other data
    // must still print all of it.
    let mut report = report(content(background(1)));
    let giant = format!("{}终点END", "超长的工作名称".repeat(2_000));
    if let Some(title) = report.facts.iter_mut().find(|f| f.label.en == "Job title") {
        title.value = giant;
    }
    let bytes = render_brief(&report).expect("renders");
    keep("brief-giant-fact.pdf", &bytes);
    assert!(page_count(&bytes) >= 3);
    let text = squeeze(&pdf_extract::extract_text_from_mem(&bytes).expect("text extracts"));
    assert!(text.contains("终点END"));
    assert!(text.contains(&squeeze("时间安排 Timing")));
}
