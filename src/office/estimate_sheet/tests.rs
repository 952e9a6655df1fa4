use super::decimal::{NumberError, Origin, noise_rounds_up, parse_fen, parse_thousandths};
use super::*;
use rust_xlsxwriter::{Format, Workbook};

/// Rows of cells as delimited text, quoting cells that hold the delimiter, quotes or breaks.
fn delimited(rows: &[&[&str]], delimiter: char) -> String {
    let quote = |cell: &&str| {
        if cell.contains([delimiter, '"', '\n']) {
            format!("\"{}\"", cell.replace('"', "\"\""))
        } else {
            cell.to_string()
        }
    };
    let lines: Vec<String> = rows
        .iter()
        .map(|row| {
            row.iter()
                .map(quote)
                .collect::<Vec<_>>()
                .join(&delimiter.to_string())
        })
        .collect();
    lines.join("\r\n") + "\r\n"
}

/// A Chinese estimate as agencies keep it: title block, sections, 小计, 合计, tax rows.
const SAMPLE: &[&[&str]] = &[
    &["某某广告有限公司", "", "", "", "", "", ""],
    &["报价单", "", "", "", "", "", ""],
    &["客户：某品牌", "", "", "日期：2026-03-01", "", "", ""],
    &["", "", "", "", "", "", ""],
    &[
        "序号",
        "项目",
        "规格",
        "单位",
        "数量",
        "单价\n（元）",
        "金额(元)",
    ],
    &["", "一、制作费", "", "", "", "", ""],
    &[
        "1",
        "视频拍摄",
        "2天, 含设备",
        "天",
        "2",
        "¥12,000.00",
        "24000",
    ],
    &["2", "后期剪辑", "30秒", "条", "1.5", "3000", "4,500.00"],
    &["", "小计", "", "", "", "", "28500"],
    &["", "二、媒介费", "", "", "", "", ""],
    &[
        "3",
        "朋友圈广告",
        "多行\n\"说明\"",
        "期",
        "１",
        "10000.5元",
        "10000.50",
    ],
    &["", "小计", "", "", "", "", "10000.50"],
    &["", "", "", "", "", "", ""],
    &["", "合计", "", "", "", "", "38,500.50"],
    &["", "税额（6%）", "", "", "", "", "2310.03"],
    &["", "价税合计", "", "", "", "", "40810.53"],
    &["", "后面的说明不再读取", "", "", "", "abc", ""],
];

fn check_sample(estimate: &SheetEstimate) {
    assert_eq!(estimate.header_row, 5);
    let roles: Vec<(SheetColumn, usize)> =
        estimate.columns.iter().map(|(c, i, _)| (*c, *i)).collect();
    assert_eq!(
        roles,
        [
            (SheetColumn::Description, 1),
            (SheetColumn::Specification, 2),
            (SheetColumn::Unit, 3),
            (SheetColumn::Quantity, 4),
            (SheetColumn::UnitPrice, 5),
            (SheetColumn::Amount, 6),
        ]
    );
    assert_eq!(estimate.columns[4].2, "单价 （元）");
    let rows: Vec<usize> = estimate.lines.iter().map(|l| l.row).collect();
    assert_eq!(rows, [7, 8, 11]);
    let first = &estimate.lines[0];
    assert_eq!(first.category, "一、制作费");
    assert_eq!(first.description, "视频拍摄");
    assert_eq!(first.specification, "2天, 含设备");
    assert_eq!(first.unit, "天");
    assert_eq!((first.quantity, first.unit_price), (2000, Fen(1_200_000)));
    assert_eq!(first.amount, Some(Fen(2_400_000)));
    assert_eq!(estimate.lines[1].quantity, 1500);
    let third = &estimate.lines[2];
    assert_eq!(third.category, "二、媒介费");
    assert_eq!(third.specification, "多行\n\"说明\"");
    assert_eq!((third.quantity, third.unit_price), (1000, Fen(1_000_050)));
    assert_eq!(estimate.stated_total, Some((14, Fen(3_850_050))));
    let skipped: Vec<usize> = estimate.skipped.iter().map(|(row, _)| *row).collect();
    assert_eq!(skipped, [6, 9, 10, 12]);
    assert!(estimate.skipped[1].1.contains("小计"));
}

#[test]
fn a_utf8_estimate_with_title_sections_subtotals_and_tax_reads_and_checks_its_total() {
    let text = delimited(SAMPLE, ',');
    let estimate = read(text.as_bytes(), SheetFormat::Csv, None).unwrap();
    check_sample(&estimate);
    assert_eq!(estimate.encoding, "UTF-8");
    assert_eq!(estimate.sheet, None);
}

#[test]
fn gb18030_utf8_with_bom_and_tab_separated_utf16_read_the_same() {
    let text = delimited(SAMPLE, ',');
    let (gb, _, unmappable) = encoding_rs::GB18030.encode(&text);
    assert!(!unmappable && std::str::from_utf8(&gb).is_err());
    let estimate = read(&gb, SheetFormat::Csv, None).unwrap();
    check_sample(&estimate);
    assert_eq!(estimate.encoding, "GB18030");

    let bom = [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat();
    let estimate = read(&bom, SheetFormat::Csv, None).unwrap();
    check_sample(&estimate);
    assert_eq!(estimate.encoding, "UTF-8");

    let tabbed = delimited(SAMPLE, '\t');
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(tabbed.encode_utf16().flat_map(u16::to_le_bytes));
    let estimate = read(&utf16, SheetFormat::Csv, None).unwrap();
    check_sample(&estimate);
    assert_eq!(estimate.encoding, "UTF-16LE");
}

const ENGLISH: &[&[&str]] = &[
    &[
        "Category",
        "Description",
        "Spec",
        "Unit",
        "Qty",
        "Unit price (RMB)",
        "Amount",
        "Cost",
        "Vendor",
    ],
    &[
        "Production",
        "Shoot",
        "2 days; crew",
        "day",
        "2",
        "12,000",
        "24000",
        "18000",
        "Studio A",
    ],
    &["", "Edit", "", "item", "1", "3000", "3000", "", ""],
    &[
        "Media", "Feed ads", "", "period", "", "", "5000", "4500.5", "Tencent",
    ],
    &["", "", "", "", "", "", "", "", ""],
    &["Total", "", "", "", "", "", "32000", "", ""],
];

#[test]
fn english_headers_fill_down_categories_and_a_line_with_only_an_amount_counts_once() {
    for delimiter in [',', ';'] {
        let text = delimited(ENGLISH, delimiter);
        let estimate = read(text.as_bytes(), SheetFormat::Csv, None).unwrap();
        assert_eq!(estimate.header_row, 1);
        assert_eq!(estimate.columns.len(), 9, "{delimiter}");
        let lines = &estimate.lines;
        assert_eq!(lines.len(), 3);
        assert_eq!(lines[0].specification, "2 days; crew");
        assert_eq!(lines[0].cost, Some(Fen(1_800_000)));
        assert_eq!(lines[0].vendor, "Studio A");
        assert_eq!(lines[1].category, "Production");
        assert_eq!(lines[1].cost, None);
        assert_eq!(lines[2].category, "Media");
        assert_eq!(
            (lines[2].quantity, lines[2].unit_price),
            (1000, Fen(500_000))
        );
        assert_eq!(lines[2].cost, Some(Fen(450_050)));
        assert_eq!(estimate.stated_total, Some((6, Fen(3_200_000))));
    }
}

#[test]
fn every_bad_row_is_reported_at_once_with_its_row_and_column() {
    let text = "报价单\n项目,单位,数量,单价,金额\n\
                场地,天,0,100,0\n搭建,项,1,待定,\n印刷,张,1,12.345,\n\
                灯光,套,2,100,300\n音响,套,1,100,100\n,,,,\n合计,,,,100\n";
    let Err(SheetError::BadRows(problems)) = read(text.as_bytes(), SheetFormat::Csv, None) else {
        panic!("bad rows expected");
    };
    let found: Vec<(usize, &str, &str, Reason)> = problems
        .iter()
        .map(|p| (p.row, p.column.as_str(), p.text.as_str(), p.reason.clone()))
        .collect();
    assert_eq!(
        found,
        [
            (3, "数量", "0", Reason::NotPositive),
            (4, "单价", "待定", Reason::NotANumber),
            (5, "单价", "12.345", Reason::TooManyDecimals { allowed: 2 }),
            (
                6,
                "金额",
                "300",
                Reason::AmountMismatch {
                    computed: Fen(20_000)
                }
            ),
        ]
    );
    let message = SheetError::BadRows(problems.clone()).to_string();
    assert!(
        message.contains("row 5, 单价 '12.345' has more than two decimals"),
        "{message}"
    );
    assert!(message.contains("¥200.00"), "{message}");
    assert_eq!(problems[2].chinese(), "第5行「单价」“12.345”超过两位小数");
}

#[test]
fn a_stated_total_that_is_not_the_sum_of_the_lines_is_refused() {
    let text = "项目,数量,单价\n拍摄,2,100\n剪辑,1,50.5\n总计,,260.50\n";
    let error = read(text.as_bytes(), SheetFormat::Csv, None).unwrap_err();
    assert_eq!(
        error,
        SheetError::TotalMismatch {
            row: 4,
            stated: Fen(26_050),
            computed: Fen(25_050),
        }
    );
    assert!(error.to_string().contains("row 4"));
    let right = text.replace("260.50", "250.50");
    let estimate = read(right.as_bytes(), SheetFormat::Csv, None).unwrap();
    assert_eq!(estimate.stated_total, Some((4, Fen(25_050))));
}

#[test]
fn a_template_names_an_agencys_own_headers() {
    let text = "费用项目,计量,次数,报价,总额\n拍摄,天,2,100,200\n";
    assert_eq!(
        read(text.as_bytes(), SheetFormat::Csv, None),
        Err(SheetError::NoHeader)
    );
    let template = ColumnTemplate {
        headers: vec![
            (SheetColumn::Description, "费用 项目".to_string()),
            (SheetColumn::Unit, "计量".to_string()),
            (SheetColumn::Quantity, "次数".to_string()),
            (SheetColumn::UnitPrice, "报价（元）".to_string()),
            (SheetColumn::Amount, "总额".to_string()),
        ],
    };
    let json = serde_json::to_string(&template).unwrap();
    let template: ColumnTemplate = serde_json::from_str(&json).unwrap();
    let estimate = read(text.as_bytes(), SheetFormat::Csv, Some(&template)).unwrap();
    let line = &estimate.lines[0];
    assert_eq!(
        (line.description.as_str(), line.unit.as_str()),
        ("拍摄", "天")
    );
    assert_eq!(
        (line.quantity, line.unit_price, line.amount),
        (2000, Fen(10_000), Some(Fen(20_000)))
    );
}

#[test]
fn float_noise_is_rounded_away_but_real_decimals_are_refused() {
    assert_eq!(format!("{}", 0.1 + 0.2), "0.30000000000000004");
    assert_eq!(parse_fen("0.30000000000000004", Origin::Float), Ok(30));
    assert_eq!(parse_fen("1234.4999999999998", Origin::Float), Ok(123_450));
    assert_eq!(
        parse_fen("2.675", Origin::Float),
        Err(NumberError::TooManyDecimals(2))
    );
    assert_eq!(
        parse_fen("2.675", Origin::Typed),
        Err(NumberError::TooManyDecimals(2))
    );
    assert_eq!(
        parse_fen("0.30000000000000004", Origin::Typed),
        Err(NumberError::TooManyDecimals(2))
    );
    assert_eq!(parse_fen("9.999999999", Origin::Float), Ok(1000));
    assert_eq!(
        parse_fen("1.000001", Origin::Float),
        Err(NumberError::TooManyDecimals(2))
    );
    assert_eq!(parse_thousandths("1.5", Origin::Typed), Ok(1500));
    assert_eq!(
        parse_thousandths("0.3333", Origin::Typed),
        Err(NumberError::TooManyDecimals(3))
    );
    assert_eq!(
        parse_thousandths("0.3333", Origin::Float),
        Err(NumberError::TooManyDecimals(3))
    );
    assert_eq!(
        parse_thousandths("0.30000000000000004", Origin::Float),
        Ok(300)
    );
    assert_eq!(parse_thousandths("-2", Origin::Typed), Ok(-2000));
    assert_eq!(noise_rounds_up("99999999998", 2), Some(true));
    assert_eq!(noise_rounds_up("000000000000004", 2), Some(false));
    assert_eq!(noise_rounds_up("5", 2), None);
    assert_eq!(noise_rounds_up("0001", 2), None);
    assert_eq!(noise_rounds_up("9999", 2), None);
}

#[test]
fn typed_amounts_are_read_leniently_but_strictly() {
    assert_eq!(parse_fen("¥1,234.50", Origin::Typed), Ok(123_450));
    assert_eq!(parse_fen("１２３元", Origin::Typed), Ok(12_300));
    assert_eq!(parse_fen("RMB 1.500", Origin::Typed), Ok(150));
    assert_eq!(parse_fen(".5", Origin::Typed), Ok(50));
    assert_eq!(parse_fen("-5", Origin::Typed), Err(NumberError::Negative));
    assert_eq!(
        parse_fen("1.2.3", Origin::Typed),
        Err(NumberError::NotANumber)
    );
    assert_eq!(parse_fen("元", Origin::Typed), Err(NumberError::NotANumber));
    assert_eq!(
        parse_fen("99999999999999999999", Origin::Typed),
        Err(NumberError::TooLarge)
    );
}

#[test]
fn header_names_are_normalised_and_formats_follow_the_extension() {
    use super::columns::normalise;
    assert_eq!(normalise("单价\n（元）"), "单价");
    assert_eq!(normalise("Unit Price /RMB"), "unitprice");
    assert_eq!(normalise("金额（含税）"), "金额");
    assert_eq!(normalise("合计："), "合计");
    assert_eq!(
        SheetFormat::from_path(Path::new("a/报价.XLSX")),
        Some(SheetFormat::Xlsx)
    );
    assert_eq!(
        SheetFormat::from_path(Path::new("b.Csv")),
        Some(SheetFormat::Csv)
    );
    assert_eq!(
        SheetFormat::from_path(Path::new("c.tsv")),
        Some(SheetFormat::Csv)
    );
    assert_eq!(SheetFormat::from_path(Path::new("d.xls")), None);
    assert_eq!(SheetFormat::from_path(Path::new("xlsx")), None);
}

#[test]
fn a_header_missing_or_no_lines_or_a_zip_as_text_are_clear_errors() {
    let no_header = "报价单\n名目,价钱\n拍摄,100\n";
    assert_eq!(
        read(no_header.as_bytes(), SheetFormat::Csv, None),
        Err(SheetError::NoHeader)
    );
    assert!(SheetError::NoHeader.to_string().contains("单价"));
    let empty = "标题\n项目,金额\n\n小计,0\n";
    assert_eq!(
        read(empty.as_bytes(), SheetFormat::Csv, None),
        Err(SheetError::Empty { header_row: 2 })
    );
    assert!(matches!(
        read(b"PK\x03\x04 junk", SheetFormat::Csv, None),
        Err(SheetError::Unreadable(_))
    ));
    assert!(matches!(
        read(b"not a workbook", SheetFormat::Xlsx, None),
        Err(SheetError::Unreadable(_))
    ));
}

#[test]
fn a_workbook_with_merged_title_cells_and_float_numbers_reads_from_its_estimate_sheet() {
    let noisy_price = 0.1 + 0.2;
    let noisy_amount = 2.0 * noisy_price;
    let edit_price = 1234.4999999999998_f64;
    assert_eq!(format!("{edit_price}"), "1234.4999999999998");
    let mut book = Workbook::new();
    let notes = book.add_worksheet();
    notes.set_name("说明").unwrap();
    notes.write_string(0, 0, "本报价有效期30天").unwrap();
    let sheet = book.add_worksheet();
    sheet.set_name("报价单").unwrap();
    let plain = Format::new();
    sheet
        .merge_range(0, 0, 0, 5, "某某广告 报价单", &plain)
        .unwrap();
    sheet.write_string(1, 0, "客户：某品牌").unwrap();
    for (col, header) in ["类别", "项目", "单位", "数量", "单价(元)", "金额(元)"]
        .iter()
        .enumerate()
    {
        sheet.write_string(3, col as u16, *header).unwrap();
    }
    sheet.merge_range(4, 0, 5, 0, "制作费", &plain).unwrap();
    sheet.write_string(4, 1, "拍摄").unwrap();
    sheet.write_string(4, 2, "天").unwrap();
    sheet.write_number(4, 3, 2).unwrap();
    sheet.write_number(4, 4, noisy_price).unwrap();
    sheet.write_number(4, 5, noisy_amount).unwrap();
    sheet.write_string(5, 1, "剪辑").unwrap();
    sheet.write_number(5, 3, 1.5).unwrap();
    sheet.write_number(5, 4, edit_price).unwrap();
    sheet.write_number(5, 5, 1851.75).unwrap();
    sheet.write_string(6, 1, "合计").unwrap();
    sheet.write_number(6, 5, 1852.35).unwrap();
    let bytes = book.save_to_buffer().unwrap();

    let estimate = read(&bytes, SheetFormat::Xlsx, None).unwrap();
    assert_eq!(estimate.sheet.as_deref(), Some("报价单"));
    assert_eq!((estimate.encoding, estimate.header_row), ("xlsx", 4));
    let lines = &estimate.lines;
    assert_eq!(lines.len(), 2);
    assert_eq!((lines[0].row, lines[0].category.as_str()), (5, "制作费"));
    assert_eq!(
        (lines[0].quantity, lines[0].unit_price, lines[0].amount),
        (2000, Fen(30), Some(Fen(60)))
    );
    assert_eq!(
        (lines[1].category.as_str(), lines[1].quantity),
        ("制作费", 1500)
    );
    assert_eq!(
        (lines[1].unit_price, lines[1].amount),
        (Fen(123_450), Some(Fen(185_175)))
    );
    assert_eq!(estimate.stated_total, Some((7, Fen(185_235))));
}

#[test]
fn dates_and_booleans_in_number_columns_of_a_workbook_are_bad_rows() {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    sheet.write_string(0, 0, "项目").unwrap();
    sheet.write_string(0, 1, "数量").unwrap();
    sheet.write_string(0, 2, "单价").unwrap();
    sheet.write_string(1, 0, "拍摄").unwrap();
    sheet
        .write_number_with_format(1, 1, 46000.0, &date)
        .unwrap();
    sheet.write_number(1, 2, 100).unwrap();
    sheet.write_string(2, 0, "剪辑").unwrap();
    sheet.write_number(2, 1, 1).unwrap();
    sheet.write_boolean(2, 2, true).unwrap();
    let bytes = book.save_to_buffer().unwrap();
    let Err(SheetError::BadRows(problems)) = read(&bytes, SheetFormat::Xlsx, None) else {
        panic!("bad rows expected");
    };
    let found: Vec<(usize, &str, Reason)> = problems
        .iter()
        .map(|p| (p.row, p.column.as_str(), p.reason.clone()))
        .collect();
    assert_eq!(
        found,
        [
            (2, "数量", Reason::WrongKind("date")),
            (3, "单价", Reason::WrongKind("TRUE/FALSE")),
        ]
    );
    assert!(problems[1].chinese().contains("逻辑值"));
}
