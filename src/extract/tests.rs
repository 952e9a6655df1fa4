//! Reading words out of files made here for the purpose: each kind read, and each kind of
//! hostile file stopped with its reason.

use super::*;
use std::io::Write;

fn dir() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}

/// A zip with the given entries, as Word and PowerPoint files are.
fn zip_file(path: &Path, entries: &[(&str, &[u8])]) {
    let file = std::fs::File::create(path).expect("create");
    let mut zip = zip::ZipWriter::new(file);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in entries {
        zip.start_file(*name, options).expect("entry");
        zip.write_all(bytes).expect("write");
    }
    zip.finish().expect("finish");
}

fn paragraph(text: &str) -> String {
    format!("<w:p><w:r><w:t>{text}</w:t></w:r></w:p>")
}

fn text(read: Result<Extracted, ExtractError>) -> String {
    match read {
        Ok(Extracted::Text(t)) => t,
        other => panic!("no text: {other:?}"),
    }
}

#[test]
fn a_word_file_gives_its_paragraphs_headers_included() {
    let d = dir();
    let path = d.path().join("户外 媒介 发票 说明.docx");
    let body = format!(
        r#"<?xml version="1.0"?><w:document xmlns:w="x"><w:body>{}{}</w:body></w:document>"#,
        paragraph("宝马 2024 年第三季度户外媒介"),
        paragraph("金额 &amp; 税额 &#26680;对")
    );
    let header = format!(r#"<w:hdr xmlns:w="x">{}</w:hdr>"#, paragraph("光华广告"));
    zip_file(
        &path,
        &[
            ("word/document.xml", body.as_bytes()),
            ("word/header1.xml", header.as_bytes()),
            ("word/styles.xml", b"<w:styles/>"),
        ],
    );
    let t = text(extract(&path, &Limits::default()));
    assert!(t.contains("宝马 2024 年第三季度户外媒介\n"), "{t}");
    assert!(t.contains("金额 & 税额 核对"), "{t}");
    assert!(t.contains("光华广告"), "{t}");
}

#[test]
fn slides_come_in_their_order() {
    let d = dir();
    let path = d.path().join("提案.pptx");
    let slide = |s: &str| {
        format!(r#"<p:sld xmlns:a="x" xmlns:p="y"><a:p><a:r><a:t>{s}</a:t></a:r></a:p></p:sld>"#)
    };
    let (two, ten) = (slide("第二页 策略"), slide("第十页 预算"));
    zip_file(
        &path,
        &[
            ("ppt/slides/slide10.xml", ten.as_bytes()),
            ("ppt/slides/slide2.xml", two.as_bytes()),
        ],
    );
    let t = text(extract(&path, &Limits::default()));
    let (a, b) = (t.find("第二页").expect("2"), t.find("第十页").expect("10"));
    assert!(a < b, "{t}");
}

#[test]
fn a_workbook_gives_every_sheet_and_cell() {
    let d = dir();
    let path = d.path().join("媒介排期.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("排期").expect("name");
    sheet.write_string(0, 0, "分众电梯").expect("cell");
    sheet.write_number(0, 1, 1250000.0).expect("cell");
    book.save(&path).expect("save");
    let t = text(extract(&path, &Limits::default()));
    assert!(t.contains("排期\n"), "{t}");
    assert!(t.contains("分众电梯\t1250000"), "{t}");
}

#[test]
fn a_pdf_made_here_reads_back_in_chinese() {
    let d = dir();
    let store = crate::store::Store::open(&d.path().join("desk.redb")).expect("store");
    let now = chrono::Utc::now();
    crate::demo::sample::load_sample(&store, now, now.date_naive()).expect("sample");
    let job = store.all::<crate::domain::Job>().expect("jobs").remove(0);
    let offset = chrono::FixedOffset::east_opt(8 * 3600).expect("offset");
    let pdf = crate::services::export::brief_pdf(
        &store,
        job.id,
        crate::domain::Lang::Zh,
        now.date_naive(),
        offset,
    )
    .expect("the brief");
    let path = d.path().join("简报.pdf");
    std::fs::write(&path, pdf).expect("write");
    let t = text(extract(&path, &Limits::default()));
    let folded: String = t.chars().filter(|c| !c.is_whitespace()).collect();
    let title: String = job.title.chars().filter(|c| !c.is_whitespace()).collect();
    assert!(folded.contains(&title), "{title} in {t}");
}

#[test]
fn plain_text_is_read_as_chinese_windows_saves_it() {
    let d = dir();
    let path = d.path().join("来电记录.txt");
    let (gb, _, _) = encoding_rs::GB18030.encode("客户来电：周五前确认排期");
    std::fs::write(&path, &gb).expect("write");
    assert_eq!(
        text(extract(&path, &Limits::default())),
        "客户来电：周五前确认排期"
    );
    let bom = d.path().join("utf16.txt");
    let mut bytes = vec![0xFF, 0xFE];
    for u in "会议纪要".encode_utf16() {
        bytes.extend(u.to_le_bytes());
    }
    std::fs::write(&bom, bytes).expect("write");
    assert_eq!(text(extract(&bom, &Limits::default())), "会议纪要");
}

#[test]
fn hostile_files_are_stopped_with_their_reason() {
    let d = dir();
    // A zip bomb: a small file that unpacks far beyond the limit.
    let bomb = d.path().join("bomb.docx");
    let zeros = vec![b'0'; 4 * 1024 * 1024];
    zip_file(&bomb, &[("word/document.xml", &zeros)]);
    assert!(std::fs::metadata(&bomb).expect("size").len() < 64 * 1024);
    let small = Limits {
        max_unzipped_bytes: 1024 * 1024,
        ..Limits::default()
    };
    assert_eq!(
        extract(&bomb, &small),
        Err(ExtractError::Unzipped { limit: 1024 * 1024 })
    );
    // Not what its name says.
    let fake = d.path().join("发票.pdf");
    std::fs::write(&fake, b"this is not a PDF at all").expect("write");
    assert!(matches!(
        extract(&fake, &Limits::default()),
        Err(ExtractError::Damaged { kind: "PDF", .. })
    ));
    let fake = d.path().join("合同.docx");
    std::fs::write(&fake, b"PK not a zip").expect("write");
    assert!(matches!(
        extract(&fake, &Limits::default()),
        Err(ExtractError::Damaged { .. })
    ));
    // Too large to open.
    let big = d.path().join("big.txt");
    std::fs::write(&big, vec![b'a'; 2048]).expect("write");
    let tiny = Limits {
        max_file_bytes: 1024,
        ..Limits::default()
    };
    assert_eq!(
        extract(&big, &tiny),
        Err(ExtractError::TooLarge {
            bytes: 2048,
            limit: 1024
        })
    );
    // A picture is not read at all, whatever its size claims (never decoded).
    let picture = d.path().join("主视觉.png");
    std::fs::write(&picture, b"\x89PNG fake 50000x50000").expect("write");
    assert_eq!(
        extract(&picture, &Limits::default()),
        Ok(Extracted::NotRead)
    );
    // Text is cut at the limit, never inside a character.
    let long = d.path().join("long.txt");
    std::fs::write(&long, "字".repeat(100)).expect("write");
    let cut = Limits {
        max_chars: 10,
        ..Limits::default()
    };
    assert_eq!(text(extract(&long, &cut)), "字".repeat(10));
}

#[test]
fn a_readers_panic_is_caught_and_reported() {
    let read = contained(|| panic!("a fault in the file"));
    assert_eq!(read, Err(ExtractError::Panicked));
    assert_eq!(contained(|| Ok(Extracted::NotRead)), Ok(Extracted::NotRead));
}
