//! PDFs that are not what a reader expects, filed from the command line: a scan without a
//! text layer is marked as one; a page tree that holds itself and a reader that dies on a
//! file are stopped in the child that reads, and what happened is kept on the document.

use super::{ok, path_str};
use account_desk::extract::isolated;
use account_desk::extract::{ExtractError, Extracted};
use std::path::Path;

/// A PDF of `objects`, numbered from 1 (the first is the catalog), with its cross-reference
/// table.
fn raw_pdf(objects: &[&str]) -> Vec<u8> {
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n{body}\nendobj\n", i + 1).bytes());
    }
    let xref = out.len();
    let size = objects.len() + 1;
    out.extend(format!("xref\n0 {size}\n0000000000 65535 f \n").bytes());
    for o in offsets {
        out.extend(format!("{o:010} 00000 n \n").bytes());
    }
    out.extend(
        format!("trailer\n<< /Size {size} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n").bytes(),
    );
    out
}

/// A page with `content` as its content stream, in a page tree whose kids are `kids`.
fn one_page(kids: &str, content: &str) -> Vec<u8> {
    let stream = format!(
        "<< /Length {} >>\nstream\n{content}\nendstream",
        content.len()
    );
    raw_pdf(&[
        "<< /Type /Catalog /Pages 2 0 R >>",
        &format!("<< /Type /Pages /Kids [{kids}] /Count 1 >>"),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        &stream,
    ])
}

/// A new empty database at `db`.
fn new_db(db: &Path) {
    drop(account_desk::store::Store::open(db).expect("a new database"));
}

fn exe() -> &'static Path {
    Path::new(env!("CARGO_BIN_EXE_account-desk"))
}

#[test]
fn a_scan_without_a_text_layer_is_filed_and_marked_as_one() {
    let tmp = tempfile::tempdir().expect("temp");
    let db = tmp.path().join("desk.redb");
    let scan = tmp.path().join("合同签字页扫描.pdf");
    // Drawn, not written: a scanned page is a picture with no words.
    std::fs::write(&scan, one_page("3 0 R", "q 0 0 595 842 re 0.9 g f Q")).expect("scan");
    assert_eq!(isolated::extract(exe(), &scan), Ok(Extracted::Scanned));
    new_db(&db);
    let out = ok(&db, &["file", "add", path_str(&scan)]);
    assert!(out.contains("Scanned: no text layer"), "{out}");
    // Found by its name all the same.
    let hits = ok(&db, &["search", "签字页"]);
    assert!(hits.lines().any(|l| l.contains("合同签字页扫描")), "{hits}");
}

#[test]
fn a_pdf_whose_page_tree_holds_itself_is_stopped_and_filed() {
    let tmp = tempfile::tempdir().expect("temp");
    let db = tmp.path().join("desk.redb");
    let looping = tmp.path().join("发票_循环.pdf");
    // The page tree's only kid is the tree itself: a reader that follows it never ends.
    std::fs::write(&looping, one_page("2 0 R", "BT ET")).expect("pdf");
    let read = isolated::extract(exe(), &looping);
    assert!(
        matches!(&read, Err(ExtractError::Unreadable(why)) if why.contains("no pages found")),
        "{read:?}"
    );
    new_db(&db);
    let out = ok(&db, &["file", "add", path_str(&looping)]);
    let id = out.split('\t').next().expect("id").to_string();
    assert!(id.parse::<u64>().is_ok(), "filed: {out}");
    assert!(out.contains("no pages found"), "why is kept: {out}");
    let listed = ok(&db, &["list", "documents"]);
    assert!(listed.contains("发票_循环"), "{listed}");
}

/// A reader that dies on a file (a fault no catching can stop: a stack overflow, an abort)
/// takes only its child with it: the reading is reported as stopped on a fault, and the
/// document keeps that.
#[cfg(unix)]
#[test]
fn a_reader_that_dies_takes_only_its_child_with_it() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().expect("temp");
    let dying = tmp.path().join("dying-reader");
    std::fs::write(&dying, "#!/bin/sh\nkill -SEGV $$\n").expect("script");
    std::fs::set_permissions(&dying, std::fs::Permissions::from_mode(0o755)).expect("mode");
    let memo = tmp.path().join("备忘.txt");
    std::fs::write(&memo, "内容").expect("memo");
    let read = isolated::extract_within(&dying, &memo, None, std::time::Duration::from_secs(20));
    assert_eq!(read, Err(ExtractError::Panicked));
    // As the window's background reader keeps it on the document's file.
    let db = tmp.path().join("desk.redb");
    let store = account_desk::store::Store::open(&db).expect("store");
    let file = store
        .desk_files()
        .import_reader("内容".as_bytes(), &memo, "备忘.txt")
        .expect("import");
    let state = account_desk::services::texts::index_file(&store, &dying, &file);
    assert_eq!(
        state,
        account_desk::domain::document::TextState::Failed(ExtractError::Panicked.to_string())
    );
    assert_eq!(
        account_desk::services::texts::state(&store, &file.hash),
        state
    );
}
