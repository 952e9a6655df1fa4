//! The client's estimate PDF (报价单), read back the way the client would: nothing of the
//! agency's own columns (vendors, quotes, costs, notes, commission) is in it; every page's
//! footer names the estimate, its version and short hash; the printed line amounts add up
//! to the printed subtotals and totals, the tax to the total, and the total in capitals is
//! the total; the QR check code drawn is the code of the version's full hash; a long
//! estimate repeats its table header; the fonts are embedded as subsets.
//!
//! Set `ACCOUNT_DESK_PDF_OUT=/some/dir` to keep the rendered PDFs for a look.

use account_desk::domain::estimate::lines::quantity_text;
use account_desk::domain::estimate::{
    Estimate, EstimateKind, EstimateLine, EstimateVersion, LineCategory, MediaBilling, MediaTerms,
    PriceBasis, TaxMode, VersionHash,
};
use account_desk::domain::{
    AgencySettings, Audit, Client, ClientId, EstimateId, Fen, Job, JobId, JobNumber, JobStatus,
    Stamp, Team, UserId,
};
use account_desk::pdf::estimate_pdf;
use account_desk::reports::DocLang;
use account_desk::reports::estimate::EstimateReport;
use account_desk::services::export::estimate::{
    EstimateRecords, estimate_document, estimate_report,
};
use chrono::{NaiveDate, TimeZone, Utc};
use lopdf::{Document, Object};
use qrcode::{Color, EcLevel, QrCode};

/// SHA-256 of `test`: its short form is `9f86d081`.
const HASH: &str = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
/// What the agency's own columns hold, none of which may reach the paper.
const SECRETS: [&str; 6] = [
    "VENDOR-SECRET",
    "光影",
    "COST-MARK",
    "成本备注",
    "INTERNAL-NOTE",
    "内部",
];
/// The costs and vendor quotes of every line, and the media line's 15 % commission on
/// ¥123,456.00.
const SECRET_AMOUNTS: [&str; 3] = ["¥77,777.77", "¥88,888.88", "¥18,518.40"];

fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).expect("valid date")
}

fn hash() -> VersionHash {
    let mut bytes = [0u8; 32];
    for (i, b) in bytes.iter_mut().enumerate() {
        *b = u8::from_str_radix(&HASH[2 * i..2 * i + 2], 16).expect("hex");
    }
    VersionHash(bytes)
}

fn audit() -> Audit {
    Audit::new(Stamp {
        by: UserId(1),
        at: Utc
            .with_ymd_and_hms(2026, 11, 25, 8, 30, 0)
            .single()
            .expect("valid moment"),
    })
}

fn line(category: LineCategory, [item, spec, unit]: [&str; 3], q: i64, p: i64) -> EstimateLine {
    EstimateLine {
        description: item.into(),
        specification: spec.into(),
        unit: unit.into(),
        quantity: q,
        unit_price: Fen(p),
        vendor: "VENDOR-SECRET-光影传媒".into(),
        vendor_quote: Some(Fen(8_888_888)),
        cost: Some(Fen(7_777_777)),
        note: "COST-MARK 成本备注".into(),
        ..EstimateLine::blank(category)
    }
}

/// A production estimate of 13 lines over four categories, one of them a media line.
fn production_lines() -> Vec<EstimateLine> {
    use LineCategory::{Creative, Materials, Media, Production};
    let long =
        "后期剪辑、调色、混音及多版本输出（含 6 秒、15 秒、30 秒及各平台竖版尺寸的全部交付文件）";
    vec![
        line(
            Production,
            ["TVC 拍摄", "15 秒 ×2，4K，两天外景", "天"],
            2_000,
            8_500_000,
        ),
        line(
            Creative,
            ["创意策略与脚本", "含两轮修改", "项"],
            1_000,
            3_500_000,
        ),
        line(Production, ["导演", "", "天"], 2_000, 1_800_000),
        line(
            Materials,
            ["KV 主视觉海报印刷", "A1，铜版纸 250g", "张"],
            500_000,
            1_250,
        ),
        line(
            Creative,
            ["主视觉设计 Key visual", "横竖版各一", "套"],
            1_000,
            2_800_000,
        ),
        line(
            Production,
            [long, "ProRes 与 H.264 双格式，含字幕版与无字幕版", "项"],
            1_000,
            4_612_345,
        ),
        line(
            Materials,
            ["门店展架", "80×180 cm 易拉宝", "个"],
            120_000,
            18_550,
        ),
        line(Creative, ["文案", "", "项"], 1_500, 1_234_567),
        line(
            Production,
            ["演员", "主演 1 名，群演 6 名", "人天"],
            14_000,
            120_000,
        ),
        line(Materials, ["产品道具", "", "批"], 1_000, 650_000),
        line(Production, ["场务与器材运输", "", "项"], 1_000, 980_000),
        line(Materials, ["样品快递", "顺丰次日达", "票"], 36_000, 2_333),
        EstimateLine {
            media: Some(MediaTerms {
                channel: "抖音开屏".into(),
                billing: MediaBilling::Gross {
                    commission_bp: 1_500,
                },
                flight_start: day(3, 1),
                flight_end: day(3, 7),
            }),
            ..line(Media, ["开屏广告", "3 秒静态", "CPT"], 1_000, 12_345_600)
        },
    ]
}

struct Fixture {
    estimate: Estimate,
    version: EstimateVersion,
    client: Client,
    job: Job,
    settings: AgencySettings,
}

fn fixture(lines: Vec<EstimateLine>, tax: TaxMode, basis: PriceBasis) -> Fixture {
    let estimate = Estimate {
        id: EstimateId(5),
        job_id: JobId(42),
        client_id: ClientId(1),
        brand_id: None,
        kind: EstimateKind::Production,
        seq: 1,
        number: "2026-0042-E1".into(),
        versions: 2,
        events: Vec::new(),
        audit: audit(),
    };
    let version = EstimateVersion {
        estimate_id: EstimateId(5),
        job_id: JobId(42),
        client_id: ClientId(1),
        number: 2,
        title: "2027 春季新品 TVC 制作".into(),
        lines,
        tax,
        basis,
        special_fapiao: true,
        valid_until: day(12, 31),
        payment_terms: "签约后支付 50%，验收后 30 日内支付余款".into(),
        client_note: "如需增加拍摄天数，按日单价另计。".into(),
        internal_note: "INTERNAL-NOTE-内部：导演费可再压 10%".into(),
        author: UserId(1),
        audit: audit(),
    };
    let client = Client {
        id: ClientId(1),
        name: "上海悦达食品有限公司".into(),
        short_name: "悦达".into(),
        industry: String::new(),
        address: String::new(),
        phone: String::new(),
        since: None,
        notes: String::new(),
        archived: false,
        invoicing: Default::default(),
        audit: audit(),
    };
    let job = Job {
        id: JobId(42),
        number: JobNumber {
            year: 2026,
            seq: 42,
            text: "2026-0042".into(),
        },
        title: "春季新品上市".into(),
        client_id: ClientId(1),
        brand_id: None,
        team: Team::default(),
        status: JobStatus::Estimating,
        requested_on: day(11, 2),
        due_on: None,
        audit: audit(),
    };
    Fixture {
        estimate,
        version,
        client,
        job,
        settings: AgencySettings::default(),
    }
}

impl Fixture {
    fn records(&self, approved: bool) -> EstimateRecords<'_> {
        EstimateRecords {
            estimate: &self.estimate,
            version: &self.version,
            hash: hash(),
            client: &self.client,
            job: &self.job,
            settings: &self.settings,
            approved,
        }
    }

    fn report(&self, approved: bool, lang: DocLang) -> EstimateReport {
        estimate_report(&self.records(approved), lang, day(11, 26)).expect("a report")
    }

    /// The PDF, kept under `ACCOUNT_DESK_PDF_OUT` as `name`.
    fn render(&self, approved: bool, lang: DocLang, name: &str) -> (EstimateReport, Vec<u8>) {
        let report = self.report(approved, lang);
        let bytes = estimate_pdf(&report).expect("the estimate renders");
        if let Some(dir) = std::env::var_os("ACCOUNT_DESK_PDF_OUT") {
            let path = std::path::Path::new(&dir).join(format!("{name}.pdf"));
            std::fs::write(path, &bytes).expect("keep the PDF");
        }
        (report, bytes)
    }
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Each page's text, whitespace removed.
fn pages(bytes: &[u8]) -> Vec<String> {
    pdf_extract::extract_text_from_mem_by_pages(bytes)
        .expect("the text extracts")
        .iter()
        .map(|p| squeeze(p))
        .collect()
}

/// The amounts of `lines` by category, in the order estimates list categories.
fn by_category(lines: &[EstimateLine]) -> Vec<(LineCategory, Vec<&EstimateLine>)> {
    LineCategory::ALL
        .into_iter()
        .map(|c| {
            (
                c,
                lines.iter().filter(|l| l.category == c).collect::<Vec<_>>(),
            )
        })
        .filter(|(_, ls)| !ls.is_empty())
        .collect()
}

#[test]
fn the_client_reads_sell_prices_only_and_every_sum_adds_up() {
    let f = fixture(production_lines(), TaxMode::Rate(600), PriceBasis::Net);
    for (lang, name) in [
        (DocLang::Zh, "estimate-zh"),
        (DocLang::En, "estimate-en"),
        (DocLang::Both, "estimate-both"),
    ] {
        let (_, bytes) = f.render(true, lang, name);
        let pages = pages(&bytes);
        let all = pages.concat();
        for secret in SECRETS.iter().chain(&SECRET_AMOUNTS) {
            assert!(!all.contains(secret), "{lang:?}: {secret} printed");
        }
        // The footer of every page: document, number, version, short hash, page x of y.
        let footer = match lang {
            DocLang::Zh => "报价单·2026-0042-E1·B·校验码9f86d081",
            DocLang::En => "Estimate·2026-0042-E1·B·Hash9f86d081",
            DocLang::Both => "报价单Estimate·2026-0042-E1·B·校验码Hash9f86d081",
        };
        let total = pages.len();
        for (i, page) in pages.iter().enumerate() {
            assert!(page.contains(footer), "{lang:?} page {}: {page}", i + 1);
            let n = i + 1;
            let label = squeeze(&lang.page_label(n, total));
            assert!(page.contains(&label), "{lang:?} page {n}: {page}");
        }
        // The QR code's text is not printed; its caption with the short hash is.
        assert!(!all.contains("AD-ESTIMATE"), "{lang:?}");
        assert!(!all.contains(HASH), "{lang:?}");
        assert!(all.contains("2026-0042-E1B·9f86d081"), "{lang:?}: {all}");
        let check = match lang {
            DocLang::Zh => "版本校验码",
            DocLang::En => "Versioncheck",
            DocLang::Both => "版本校验码Versioncheck",
        };
        assert!(all.contains(check), "{lang:?}");
    }

    // The bilingual one, line by line and sum by sum, from the domain's own amounts.
    let (_, bytes) = f.render(true, DocLang::Both, "estimate-both");
    let all = pages(&bytes).concat();
    let mut net = 0;
    for (category, lines) in by_category(&f.version.lines) {
        let mut sum = 0;
        for line in lines {
            let amount = line.amount().expect("in range");
            let row = format!(
                "{}{}{}{amount}",
                line.unit,
                quantity_text(line.quantity),
                line.unit_price
            );
            assert!(all.contains(&squeeze(&row)), "{row} not printed: {all}");
            sum += amount.0;
        }
        let (zh, en) = category.names();
        let subtotal = squeeze(&format!("{zh}小计 {en} subtotal{}", Fen(sum)));
        assert!(all.contains(&subtotal), "{subtotal} not printed: {all}");
        net += sum;
    }
    // 6 % once on the sum, rounded half up.
    let tax = (net * 6 + 50) / 100;
    let gross = Fen(net + tax);
    for want in [
        format!("不含税金额Netamount{}", Fen(net)),
        format!("税额6%VAT{}", Fen(tax)),
        format!("价税合计Totalincl.VAT{gross}"),
        format!("大写Inwords{}", gross.in_capitals()),
    ] {
        assert!(all.contains(&want), "{want} not printed: {all}");
    }
    assert_eq!(f.version.totals().expect("in range").gross, gross);
    // The media line: channel and flight, never its billing mode or commission.
    assert!(all.contains("抖音开屏·2026-03-01–2026-03-07"), "{all}");
    assert!(
        !all.contains("佣金") && !all.contains("commission"),
        "{all}"
    );
    assert!(all.contains("以上单价及金额均不含增值税"), "{all}");
    assert!(all.contains("客户确认Clientacceptance"));
    assert!(all.contains("签署即确认此版本(B·9f86d081)"), "{all}");
    assert!(all.contains("公司盖章Companychop"));
    // The long description wraps whole inside its cell: its last words are there too.
    assert!(all.contains("竖版尺寸的全部交付文件"), "{all}");
}

#[test]
fn prices_with_tax_show_the_total_first_and_the_tax_within_it() {
    let f = fixture(production_lines(), TaxMode::Rate(600), PriceBasis::Gross);
    let (_, bytes) = f.render(true, DocLang::Zh, "estimate-zh-gross");
    let all = pages(&bytes).concat();
    let sum: i64 = f
        .version
        .lines
        .iter()
        .map(|l| l.amount().expect("in range").0)
        .sum();
    // The tax inside a total with 6 %: sum × 6 / 106, rounded half up.
    let tax = (sum * 6 + 53) / 106;
    let gross = format!("价税合计{}", Fen(sum));
    let net = format!("其中：不含税金额{}", Fen(sum - tax));
    let tax = format!("其中：税额6%{}", Fen(tax));
    let at = |s: &str| {
        all.find(s)
            .unwrap_or_else(|| panic!("{s} not printed: {all}"))
    };
    assert!(at(&gross) < at(&net) && at(&net) < at(&tax));
    assert!(all.contains(&format!("大写{}", Fen(sum).in_capitals())));
    assert!(all.contains("以上单价及金额均含增值税"), "{all}");
    assert!(all.contains("含税价"), "{all}");
}

#[test]
fn a_draft_is_marked_on_every_page_and_not_for_signing() {
    let f = fixture(production_lines(), TaxMode::Exempt, PriceBasis::Net);
    let (_, bytes) = f.render(false, DocLang::Both, "estimate-draft");
    let pages = pages(&bytes);
    for page in &pages {
        assert!(
            page.contains("2026-0042-E1·B草稿DRAFT·校验码Hash9f86d081"),
            "{page}"
        );
    }
    let all = pages.concat();
    assert!(all.contains("请勿签署"), "{all}");
    assert!(all.contains("税额（免税）VAT(exempt)¥0.00"), "{all}");
}

#[test]
fn forty_lines_run_onto_a_second_page_with_the_header_repeated() {
    let categories = [
        LineCategory::Creative,
        LineCategory::Production,
        LineCategory::Staff,
        LineCategory::Travel,
    ];
    let lines: Vec<EstimateLine> = (1..=40)
        .map(|i: i64| {
            let item = format!("第{i}项 制作物料与现场执行 Item {i}");
            let category = categories[(i % 4) as usize];
            line(
                category,
                [&item, "标准规格", "项"],
                500 + (i % 3) * 750,
                100_000 + i * 1_013,
            )
        })
        .collect();
    let f = fixture(lines, TaxMode::Rate(600), PriceBasis::Net);
    // Through the service, as the window will call it.
    let bytes = estimate_document(&f.records(true), DocLang::Zh, day(11, 26)).expect("renders");
    if let Some(dir) = std::env::var_os("ACCOUNT_DESK_PDF_OUT") {
        std::fs::write(std::path::Path::new(&dir).join("estimate-40.pdf"), &bytes)
            .expect("keep the PDF");
    }
    let pages = pages(&bytes);
    assert!(pages.len() >= 2, "{} pages", pages.len());
    let header = "序号项目规格单位数量单价金额";
    for (i, page) in pages.iter().enumerate().take(2) {
        assert!(page.contains(header), "page {}: {page}", i + 1);
    }
    for i in 1..=40 {
        let item = format!("第{i}项制作物料与现场执行Item{i}");
        let count: usize = pages.iter().map(|p| p.matches(&item).count()).sum();
        assert_eq!(count, 1, "{item}");
    }
    let last = pages.last().expect("a page");
    assert!(last.contains("客户确认") && last.contains("版本校验码"));
    // Page 2 carries the running header: the estimate's number, the job.
    assert!(
        pages[1].contains("2026-0042-E12026-0042春季新品上市"),
        "{}",
        pages[1]
    );
}

#[test]
fn records_that_do_not_belong_together_are_refused() {
    let mut f = fixture(production_lines(), TaxMode::Rate(600), PriceBasis::Net);
    f.version.estimate_id = EstimateId(6);
    assert!(estimate_document(&f.records(true), DocLang::Zh, day(11, 26)).is_err());
    f.version.estimate_id = EstimateId(5);
    f.client.id = ClientId(9);
    assert!(estimate_document(&f.records(true), DocLang::Zh, day(11, 26)).is_err());
}

/// The filled rectangles of the largest path on the last page: the QR code's dark runs,
/// as (left, top, width, height) in PDF points (y up).
fn code_rects(bytes: &[u8]) -> Vec<(f32, f32, f32, f32)> {
    let doc = Document::load_mem(bytes).expect("a readable PDF");
    let (_, page) = doc.get_pages().into_iter().next_back().expect("a page");
    let content = doc.get_and_decode_page_content(page).expect("page content");
    let mut best: Vec<(f32, f32, f32, f32)> = Vec::new();
    let mut path: Vec<(f32, f32, f32, f32)> = Vec::new();
    let mut ring: Vec<(f32, f32)> = Vec::new();
    let close = |ring: &mut Vec<(f32, f32)>, path: &mut Vec<(f32, f32, f32, f32)>| {
        if ring.len() == 4 {
            let xs = ring.iter().map(|p| p.0);
            let ys = ring.iter().map(|p| p.1);
            let (x0, x1) = (
                xs.clone().fold(f32::MAX, f32::min),
                xs.fold(f32::MIN, f32::max),
            );
            let (y0, y1) = (
                ys.clone().fold(f32::MAX, f32::min),
                ys.fold(f32::MIN, f32::max),
            );
            path.push((x0, y1, x1 - x0, y1 - y0));
        }
        ring.clear();
    };
    for op in &content.operations {
        let xy = || {
            let n: Vec<f32> = op
                .operands
                .iter()
                .filter_map(|o| o.as_float().ok())
                .collect();
            (n[0], n[1])
        };
        match op.operator.as_str() {
            "m" => {
                close(&mut ring, &mut path);
                ring.push(xy());
            }
            "l" => ring.push(xy()),
            "f" | "f*" => {
                close(&mut ring, &mut path);
                if path.len() > best.len() {
                    best = std::mem::take(&mut path);
                }
                path.clear();
            }
            "S" | "s" | "n" | "B" | "b" => {
                ring.clear();
                path.clear();
            }
            _ => {}
        }
    }
    best
}

#[test]
fn the_check_code_drawn_is_the_qr_code_of_the_full_hash() {
    let f = fixture(production_lines(), TaxMode::Rate(600), PriceBasis::Net);
    let (report, bytes) = f.render(true, DocLang::Zh, "estimate-zh-code");
    let payload = &report.acceptance.check_payload;
    assert_eq!(
        payload,
        &format!("AD-ESTIMATE 2026-0042-E1 B {}", HASH.to_ascii_uppercase())
    );
    let code = QrCode::with_error_correction_level(payload.as_bytes(), EcLevel::M).expect("QR");
    let width = code.width();
    let want: Vec<bool> = code.to_colors().iter().map(|c| *c == Color::Dark).collect();

    let rects = code_rects(&bytes);
    assert!(!rects.is_empty(), "no filled path on the last page");
    let module = rects.iter().map(|r| r.3).fold(f32::MAX, f32::min);
    // 25 mm across.
    assert!(
        (module * width as f32 - 25.0 * 72.0 / 25.4).abs() < 0.5,
        "{module}"
    );
    let left = rects.iter().map(|r| r.0).fold(f32::MAX, f32::min);
    let top = rects.iter().map(|r| r.1).fold(f32::MIN, f32::max);
    let mut drawn = vec![false; width * width];
    for (x, y, w, h) in rects {
        assert!((h - module).abs() < 0.01, "a run one module high");
        let row = ((top - y) / module).round() as usize;
        let col = ((x - left) / module).round() as usize;
        let len = (w / module).round() as usize;
        for c in col..col + len {
            drawn[row * width + c] = true;
        }
    }
    assert_eq!(
        drawn, want,
        "the modules drawn are not the payload's QR code"
    );
}

#[test]
fn the_fonts_are_embedded_as_subsets() {
    let f = fixture(production_lines(), TaxMode::Rate(600), PriceBasis::Net);
    let (_, bytes) = f.render(true, DocLang::Both, "estimate-both");
    assert!(bytes.len() < 400 * 1024, "{} bytes", bytes.len());
    let doc = Document::load_mem(&bytes).expect("a readable PDF");
    let mut fonts = Vec::new();
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
        assert!(dict.get(b"FontFile2").is_ok(), "{name} is not embedded");
        fonts.push(name);
    }
    assert!(fonts.iter().any(|n| n.contains("NotoSansSC")), "{fonts:?}");
    // A subset's name carries a six-letter tag: `ABCDEF+NotoSansSC-Regular`.
    for name in &fonts {
        let tag = name.split_once('+').map(|(t, _)| t).unwrap_or("");
        assert!(
            tag.len() == 6 && tag.chars().all(|c| c.is_ascii_uppercase()),
            "{name} is not a subset"
        );
    }
}

/// Every cell of every sheet of a workbook, with its sheet's name.
fn workbook_cells(bytes: &[u8]) -> Vec<(String, Vec<Vec<calamine::Data>>)> {
    use calamine::Reader;
    let mut book: calamine::Xlsx<_> =
        calamine::Xlsx::new(std::io::Cursor::new(bytes.to_vec())).expect("an .xlsx workbook");
    let names = book.sheet_names();
    names
        .into_iter()
        .map(|n| {
            let range = book.worksheet_range(&n).expect("the sheet reads");
            (n, range.rows().map(<[calamine::Data]>::to_vec).collect())
        })
        .collect()
}

/// An amount as Excel holds it, back to fen through its decimal text.
fn cell_fen(d: &calamine::Data) -> Option<i64> {
    match d {
        calamine::Data::Float(f) => Fen::parse(&format!("{f:.2}")).ok().map(|x| x.0),
        _ => None,
    }
}

#[test]
fn the_client_workbook_holds_sell_prices_only_and_amounts_that_add_up() {
    use account_desk::services::export::MoneyFormat;
    use account_desk::services::export::estimate::estimate_file;
    let f = fixture(production_lines(), TaxMode::Rate(600), PriceBasis::Net);
    for (lang, approved) in [
        (DocLang::Zh, true),
        (DocLang::En, false),
        (DocLang::Both, true),
    ] {
        let report = f.report(approved, lang);
        let bytes = estimate_file(&f.records(approved), lang, day(11, 26), MoneyFormat::Xlsx)
            .expect("the workbook");
        if let Some(dir) = std::env::var_os("ACCOUNT_DESK_PDF_OUT") {
            let path = std::path::Path::new(&dir).join(format!("estimate-{lang:?}.xlsx"));
            std::fs::write(path, &bytes).expect("keep the workbook");
        }
        let sheets = workbook_cells(&bytes);
        assert_eq!(sheets.len(), 1, "{lang:?}");
        let (name, rows) = &sheets[0];
        assert!(name.starts_with("2026-0042-E1 B"), "{name}");
        assert_eq!(
            name.contains("草稿") || name.contains("DRAFT"),
            !approved,
            "{lang:?}: {name}"
        );
        let texts: Vec<String> = rows
            .iter()
            .flatten()
            .filter_map(|d| match d {
                calamine::Data::String(s) => Some(s.clone()),
                _ => None,
            })
            .collect();
        for secret in SECRETS {
            assert!(
                !texts.iter().any(|t| t.contains(secret)),
                "{lang:?}: {secret} in the workbook"
            );
        }
        let numbers: Vec<i64> = rows.iter().flatten().filter_map(cell_fen).collect();
        for secret in [7_777_777, 8_888_888, 1_851_840] {
            assert!(!numbers.contains(&secret), "{lang:?}: {secret} fen");
        }
        // The full hash, with the number and version, is on the sheet.
        assert!(texts.iter().any(|t| t.contains(HASH)), "{lang:?}");
        // Line rows (a number in the first column): their amounts are the report's, and
        // add up to the net total written under them.
        let lines: Vec<i64> = rows
            .iter()
            .filter(|r| matches!(r.first(), Some(calamine::Data::Float(_))))
            .filter_map(|r| r.get(6).and_then(cell_fen))
            .collect();
        let printed: Vec<i64> = report
            .groups
            .iter()
            .flat_map(|g| g.rows.iter().map(|r| r.amount.0))
            .collect();
        assert_eq!(lines, printed, "{lang:?}");
        let net = report.totals.first().expect("a net total").amount.0;
        assert_eq!(lines.iter().sum::<i64>(), net, "{lang:?}");
        let written: Vec<i64> = report.totals.iter().map(|t| t.amount.0).collect();
        for total in written {
            assert!(numbers.contains(&total), "{lang:?}: total {total}");
        }
        assert!(
            texts.iter().any(|t| t == &report.in_words),
            "{lang:?}: the total in capitals"
        );
    }
}
