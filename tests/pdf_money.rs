//! A document with a money table made through the document frame alone (as an estimate
//! will be), read back the way a client would: every amount comes out as `¥1,234.50`, right
//! where its line says, the totals are the sums of the printed lines, the total is there in
//! capitals, a table longer than a page repeats its header on the next page, and every page
//! carries the footer with number, version, short hash and 第 x 页 / 共 y 页.
//!
//! Set `ACCOUNT_DESK_PDF_OUT=/some/dir` to keep the rendered PDF for a look.

use account_desk::domain::Fen;
use account_desk::pdf::document::{self, DocumentInfo, Fact, SignatureBlock, TitleBlock};
use account_desk::pdf::theme;
use account_desk::reports::Letterhead;
use account_desk::reports::money::{MoneyLine, MoneyTable};
use account_desk::reports::{Caption, DocLang};
use lopdf::Document;

fn caption(main: &str, second: &str) -> Caption {
    Caption {
        main: main.into(),
        second: second.into(),
    }
}

/// 48 lines: enough to run onto a second page. Quantities with fractions, unit prices with
/// odd fen, so that line amounts round.
fn lines() -> Vec<MoneyLine> {
    (1..=48)
        .map(|i: i64| MoneyLine {
            description: format!("第{i}项 制作物料 Production item {i}"),
            unit: if i % 3 == 0 {
                "天".into()
            } else {
                "项".into()
            },
            quantity: 500 + (i % 4) * 750,
            unit_price: Fen(123_455 + i * 1_013),
        })
        .collect()
}

fn render(table: &MoneyTable, lang: DocLang) -> Vec<u8> {
    let letterhead = Letterhead::default();
    let title = caption("报价单", "Estimate");
    let info = DocumentInfo {
        letterhead: &letterhead,
        name: title.clone(),
        number: "Q-2026-0007".into(),
        detail: "双十一整合营销 Double 11 campaign".into(),
        version: "B".into(),
        content_hash: Some("9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08"),
        lang,
    };
    let facts = [
        Fact {
            label: caption("客户", "Client"),
            value: "上海悦达食品有限公司".into(),
            known: true,
        },
        Fact {
            label: caption("工作号", "Job No."),
            value: "2026-0042".into(),
            known: true,
        },
    ];
    let fields = [caption("签字", "Signature"), caption("日期", "Date")];
    let bytes = document::compose(&info, |f| {
        f.title_block(&TitleBlock {
            title: &title,
            mark: "Q-2026-0007 B",
            mark_tone: theme::ACCENT,
            subject: Some("双十一整合营销 Double 11 campaign"),
        });
        f.facts(&facts);
        f.pages.advance(theme::mm(6.0));
        f.money_table(table);
        f.signature_block(&SignatureBlock {
            heading: &caption("客户确认", "Client approval"),
            note: "请签字盖章后回传。Please sign, stamp and return.",
            fields: &fields,
        });
    })
    .expect("the document renders");
    if let Some(dir) = std::env::var_os("ACCOUNT_DESK_PDF_OUT") {
        let name = format!("money-{lang:?}-{}-lines.pdf", table.lines.len());
        std::fs::write(std::path::Path::new(&dir).join(name), &bytes).expect("keep the PDF");
    }
    bytes
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

#[test]
fn a_money_table_over_two_pages_prints_every_amount_and_totals_that_add_up() {
    let table = MoneyTable::new(&lines(), Some(600)).expect("amounts in range");
    let bytes = render(&table, DocLang::Both);
    let pages = pages(&bytes);
    let total = pages.len();
    assert!(total >= 2, "{total} pages: the table is meant to run over");
    let all = pages.concat();

    // Every line: its description, then quantity, unit price and amount in that order.
    let mut sum = 0;
    for line in &table.lines {
        let row = squeeze(&format!(
            "{}{}{}{}",
            line.unit, line.quantity, line.unit_price, line.amount
        ));
        assert!(all.contains(&row), "line {}: {row}", line.number);
        assert!(all.contains(&squeeze(&line.description)));
        sum += line.amount.0;
    }
    // Lines checked by hand: 1.25 × ¥1,244.68 = ¥1,555.85; 2 × ¥1,254.81 = ¥2,509.62;
    // 2.75 × ¥1,264.94 = ¥3,478.585, rounded half up to ¥3,478.59.
    assert!(all.contains("项1.25¥1,244.68¥1,555.85"), "{all}");
    assert!(all.contains("项2¥1,254.81¥2,509.62"), "{all}");
    assert!(all.contains("天2.75¥1,264.94¥3,478.59"), "{all}");

    // The totals are the sums of what is printed.
    assert_eq!(table.subtotal, Fen(sum));
    let tax = Fen((sum * 6 + 50) / 100);
    assert_eq!(table.total, Fen(sum + tax.0));
    // The totals block is never split: all of it stands on one page.
    let last = pages
        .iter()
        .find(|p| p.contains("价税合计"))
        .expect("a page with the totals");
    for (label, amount) in [
        ("不含税金额Netamount", table.subtotal),
        ("税额6%VAT", tax),
        ("价税合计Totalincl.VAT", table.total),
    ] {
        let want = format!("{label}{amount}");
        assert!(last.contains(&want), "{want} not with the totals: {last}");
    }
    assert!(table.total.to_string().starts_with('¥'));
    let words = table.total.in_capitals();
    assert!(words.starts_with("人民币") && (words.ends_with('分') || words.ends_with('整')));
    assert!(last.contains(&format!("大写Inwords{words}")), "{last}");

    // The header repeats on the page the table continues on; the footer is on every page.
    for (i, page) in pages.iter().enumerate() {
        let n = i + 1;
        assert!(
            page.contains(&format!("第{n}页/共{total}页Page{n}/{total}")),
            "page {n}: {page}"
        );
        assert!(
            page.contains("报价单Estimate·Q-2026-0007·B·校验码Hash9f86d081"),
            "page {n}: {page}"
        );
    }
    let header = "序号No.项目Description单位Unit数量Qty单价Unitprice金额Amount";
    assert!(pages[0].contains(header), "{}", pages[0]);
    assert!(pages[1].contains(header), "{}", pages[1]);
    // Page 2 has the running header: the number and the detail.
    assert!(
        pages[1].contains("Q-2026-0007双十一整合营销Double11campaign"),
        "{}",
        pages[1]
    );
    assert!(!pages[0].contains("Q-2026-0007双十一整合营销Double11campaign"));
    assert!(pages[total - 1].contains("客户确认Clientapproval"));
}

#[test]
fn a_chinese_money_table_without_tax_closes_with_its_total_in_capitals() {
    let few = [
        MoneyLine {
            description: "主视觉设计".into(),
            unit: "项".into(),
            quantity: 1_000,
            unit_price: Fen(123_450),
        },
        MoneyLine {
            description: "现场执行人员".into(),
            unit: "人天".into(),
            quantity: 1_500,
            unit_price: Fen(10_000),
        },
    ];
    let table = MoneyTable::new(&few, None).expect("amounts in range");
    assert_eq!(table.total, Fen(138_450));
    let bytes = render(&table, DocLang::Zh);
    let pages = pages(&bytes);
    assert_eq!(pages.len(), 1);
    let page = &pages[0];
    assert!(page.contains("小计¥1,384.50"), "{page}");
    assert!(page.contains("合计¥1,384.50"), "{page}");
    assert!(page.contains("大写人民币壹仟叁佰捌拾肆元伍角整"), "{page}");
    assert!(page.contains("第1页/共1页"), "{page}");
    assert!(!page.contains("Page1"), "{page}");
    assert!(page.contains("校验码9f86d081"), "{page}");
    // Right-aligned amounts still read in row order: unit, quantity, price, amount.
    assert!(page.contains("人天1.5¥100.00¥150.00"), "{page}");
}

#[test]
fn the_fonts_are_embedded_as_subsets() {
    let table = MoneyTable::new(&lines()[..3], Some(600)).expect("amounts in range");
    let bytes = render(&table, DocLang::Both);
    assert!(bytes.len() < 300 * 1024, "{} bytes", bytes.len());
    let doc = Document::load_mem(&bytes).expect("a readable PDF");
    let names: Vec<String> = doc
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter_map(|d| d.get(b"BaseFont").ok())
        .filter_map(|n| n.as_name().ok())
        .map(|n| String::from_utf8_lossy(n).into_owned())
        .collect();
    assert!(
        names.iter().any(|n| n.contains("NotoSansSC")),
        "fonts: {names:?}"
    );
}
