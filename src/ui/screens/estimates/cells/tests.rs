//! The editor's cells: typed text to lines and back, the clipboard both ways.

use super::*;

fn row(desc: &str, qty: &str, price: &str) -> LineCells {
    let mut l = LineCells::blank(LineCategory::Production);
    l.description = desc.into();
    l.quantity = qty.into();
    l.unit_price = price.into();
    l
}

#[test]
fn rows_copied_out_paste_back_the_same() {
    let mut a = row("TVC 拍摄", "2", "120000.00");
    a.specification = "15 秒，4K".into();
    a.unit = "天".into();
    a.vendor = "光影制作".into();
    a.cost = "90000.00".into();
    let mut b = row("场地搭建", "1.5", "8000.50");
    b.category = LineCategory::Venue;
    let tsv = to_tsv(
        &[
            a.clone(),
            b.clone(),
            LineCells::blank(LineCategory::Creative),
        ],
        Lang::Zh,
    );
    assert_eq!(
        tsv.lines().count(),
        3,
        "header and two lines, the blank row left out"
    );
    let back = from_tsv(&tsv, Lang::Zh).expect("paste");
    assert_eq!(back.len(), 2);
    assert_eq!(back[0].description, "TVC 拍摄");
    assert_eq!(back[0].quantity, "2");
    assert_eq!(back[0].unit_price, "120000.00");
    assert_eq!(back[0].cost, "90000.00");
    assert_eq!(back[1].category, LineCategory::Venue);
    assert_eq!(back[1].quantity, "1.5");
}

#[test]
fn rows_without_a_header_are_read_in_the_tables_order() {
    let text = "制作\t海报设计\tA1\t张\t3\t1500\n物料\t易拉宝\t80×200\t个\t10\t260.5\n";
    let lines = from_tsv(text, Lang::Zh).expect("paste");
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[1].category, LineCategory::Materials);
    assert_eq!(lines[1].unit_price, "260.5");
    let line = lines[1].line(Lang::Zh).expect("line");
    assert_eq!(line.quantity, 10_000);
    assert_eq!(line.unit_price, Fen(26_050));
    // Without a category cell, the row starts at the description.
    let lines = from_tsv("主持人\t半天\t场\t1\t6000", Lang::Zh).expect("paste");
    assert_eq!(lines[0].description, "主持人");
    assert_eq!(lines[0].unit_price, "6000");
}

#[test]
fn a_bad_pasted_row_refuses_the_paste_naming_the_row() {
    let text = "制作\t海报\t\t张\t3\t1500\n制作\t横幅\t\t条\t两\t300";
    let refused = from_tsv(text, Lang::Zh).expect_err("bad quantity");
    assert!(refused.0.contains("第 2 行"), "{}", refused.0);
    assert!(refused.0.contains("两"), "{}", refused.0);
}

#[test]
fn cells_that_cannot_be_read_are_all_listed_and_blank_rows_left_out() {
    let mut v = VersionCells {
        title: "发布会".into(),
        ..VersionCells::default()
    };
    v.lines = vec![
        row("灯光", "1", "abc"),
        LineCells::blank(LineCategory::Production),
        row("音响", "1.2345", "100"),
    ];
    let problems = v.draft(Lang::En).expect_err("two bad cells");
    assert_eq!(problems.len(), 2);
    assert_eq!(problems[0].line, 0);
    assert_eq!(problems[0].field, Some(LineField::UnitPrice));
    assert_eq!(problems[1].line, 2);
    assert_eq!(problems[1].field, Some(LineField::Quantity));
    v.lines[0].unit_price = "¥1,200".into();
    v.lines[2].quantity = "1.5".into();
    let draft = v.draft(Lang::En).expect("draft");
    assert_eq!(draft.lines.len(), 2);
    assert_eq!(draft.lines[0].unit_price, Fen(120_000));
    assert_eq!(draft.lines[1].quantity, 1500);
    assert_eq!(fen_text(Fen(120_000)), "1200.00");
    assert_eq!(fen_text(Fen(5)), "0.05");
}

#[test]
fn media_terms_are_typed_as_percent_and_dates() {
    let mut l = row("抖音信息流", "1", "500000");
    l.category = LineCategory::Media;
    // Without flight dates there are no terms yet: the estimate's check names the line.
    assert_eq!(l.line(Lang::Zh).expect("line").media, None);
    l.media.channel = "抖音".into();
    l.media.billing = BillingMode::Markup;
    l.media.rate = "17.65".into();
    l.media.start = "2026-12-01".into();
    l.media.end = "2026-12-31".into();
    let terms = l.line(Lang::Zh).expect("line").media.expect("terms");
    assert_eq!(terms.billing, MediaBilling::Markup { markup_bp: 1765 });
    assert_eq!(
        LineCells::of(&l.line(Lang::Zh).expect("line")).media,
        l.media
    );
    l.media.rate = "百分之十".into();
    let (field, why) = l.line(Lang::Zh).expect_err("bad rate");
    assert_eq!(field, None);
    assert!(why.contains("百分之十"), "{why}");
    assert_eq!(percent_bp("15"), Some(1500));
    assert_eq!(percent_bp("17.65%"), Some(1765));
    assert_eq!(percent_bp("101"), None);
    assert_eq!(percent_text(1765), "17.65");
    assert_eq!(percent_text(1750), "17.5");
    // A line moved out of media keeps no terms.
    l.category = LineCategory::Production;
    assert_eq!(l.line(Lang::Zh).expect("line").media, None);
}
