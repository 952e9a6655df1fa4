//! The label sheet read back: every label's number, title, place and owner in the text, a
//! partly used sheet started at its first free label, 24 labels a sheet.

use super::*;

fn label(n: u32) -> ItemLabel {
    ItemLabel {
        number: crate::domain::library::archive_label(n),
        title: format!("2019 春节 TVC《团圆》30\" 播出带 第{n}盘"),
        home: "A室-3柜-2层-15盒".into(),
        owner: "可口可乐".into(),
    }
}

fn text(bytes: &[u8]) -> String {
    pdf_extract::extract_text_from_mem(bytes)
        .expect("the sheet's text extracts")
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

fn pages(bytes: &[u8]) -> usize {
    lopdf::Document::load_mem(bytes)
        .expect("the sheet parses")
        .get_pages()
        .len()
}

#[test]
fn every_label_reads_back_and_a_used_sheet_starts_at_its_first_free_label() {
    let labels: Vec<ItemLabel> = (1..=30).map(label).collect();
    let bytes = render_labels(&labels, 0).expect("sheet");
    // `ACCOUNT_DESK_PDF_OUT=/some/dir` keeps the sheet for a look.
    if let Some(dir) = std::env::var_os("ACCOUNT_DESK_PDF_OUT") {
        let _ = std::fs::write(std::path::Path::new(&dir).join("labels.pdf"), &bytes);
    }
    assert_eq!(pages(&bytes), 2, "24 labels a sheet");
    let words = text(&bytes);
    for n in [1, 24, 25, 30] {
        assert!(words.contains(&format!("ASN-{n:06}")), "label {n}");
        assert!(words.contains(&format!("第{n}盘")), "title of {n}");
    }
    assert!(words.contains("A室-3柜-2层-15盒"));
    assert!(words.contains("可口可乐"));
    assert!(
        bytes.len() < 400_000,
        "fonts are subset: {} bytes",
        bytes.len()
    );

    // Six labels used: 24 − 6 = 18 fit on the first sheet, 12 go on the second.
    let bytes = render_labels(&labels, 6).expect("sheet");
    assert_eq!(pages(&bytes), 2);
    let bytes = render_labels(&labels[..18], 6).expect("sheet");
    assert_eq!(pages(&bytes), 1, "18 labels after 6 used fill one sheet");
    assert_eq!(pages(&render_labels(&[], 0).expect("empty")), 1);
}
