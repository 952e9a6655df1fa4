//! `file add`, `list documents`, `file get` and `search` as a person at a terminal uses them:
//! files with hostile names (Chinese, emoji, 250 characters, `CON.txt`, `a:b`) are filed
//! with a job, a client and the reference files, listed, written back byte for byte and
//! found by the words of their titles and numbers; the same file twice is recognised.

use std::path::Path;
use std::process::Command;

#[path = "cli_documents/hostile.rs"]
mod hostile;

fn run(db: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_account-desk"))
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .expect("run account-desk");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "{stderr}");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr,
    )
}

fn ok(db: &Path, args: &[&str]) -> String {
    let (code, stdout, stderr) = run(db, args);
    assert_eq!(
        code,
        Some(0),
        "{args:?}\nstdout: {stdout}\nstderr: {stderr}"
    );
    stdout
}

fn path_str(p: &Path) -> &str {
    p.to_str().expect("a UTF-8 path")
}

#[test]
fn documents_are_filed_listed_written_back_and_found() {
    let tmp = tempfile::tempdir().expect("temp");
    let db = tmp.path().join("desk.redb");
    ok(&db, &["sample-data"]);
    let jobs = ok(&db, &["list", "jobs"]);
    // A job under way: an archived job's file is read-only.
    let job = jobs
        .lines()
        .skip(1)
        .find(|l| !l.contains("\tArchived\t"))
        .and_then(|l| l.split('\t').next())
        .expect("a job")
        .to_string();
    let inbox = tmp.path().join("收件箱");
    std::fs::create_dir_all(&inbox).expect("inbox");
    // 250 characters: as long as a Linux name may be in bytes (255).
    let long = format!("长名{}.pdf", "a".repeat(244));
    assert_eq!(long.chars().count(), 250);
    let mut names = vec![
        "宝马2024Q3户外媒介发票_2024-09-30.pdf".to_string(),
        "🎬 脚本 final.docx".to_string(),
        "CON.txt".to_string(),
        long,
    ];
    if cfg!(unix) {
        names.push("a:b.txt".into());
    }
    let before = ok(&db, &["list", "documents", "--job", &job])
        .lines()
        .count();
    let mut ids = Vec::new();
    for (i, name) in names.iter().enumerate() {
        let path = inbox.join(name);
        let bytes: Vec<u8> = (0..4096u32).map(|b| (b * 7 + i as u32) as u8).collect();
        std::fs::write(&path, &bytes).expect("write");
        let out = ok(&db, &["file", "add", path_str(&path), "--job", &job]);
        let id = out.split('\t').next().expect("an id").trim().to_string();
        ids.push((id, path, bytes));
    }
    // The kind and date were proposed from the name.
    let listed = ok(&db, &["list", "documents", "--job", &job]);
    // The sample's own papers of the job, and the files added.
    assert_eq!(listed.lines().count(), before + names.len(), "{listed}");
    let invoice = listed
        .lines()
        .find(|l| l.contains("户外媒介发票"))
        .expect("the invoice listed");
    assert!(invoice.contains("\tmedia-invoice\t"), "{invoice}");
    assert!(invoice.contains("\t2024-09-30\t"), "{invoice}");
    let only = ok(
        &db,
        &["list", "documents", "--kind", "媒介费用发票", "--job", &job],
    );
    assert_eq!(only.lines().count(), 2, "{only}");
    // Every file comes back byte for byte, under any name.
    let out_dir = tmp.path().join("取回");
    std::fs::create_dir_all(&out_dir).expect("out");
    for (i, (id, _, bytes)) in ids.iter().enumerate() {
        let target = out_dir.join(format!("{i}-副本.bin"));
        ok(&db, &["file", "get", id, "-o", path_str(&target)]);
        assert_eq!(&std::fs::read(&target).expect("read back"), bytes);
        // Never written over.
        let (code, _, err) = run(&db, &["file", "get", id, "-o", path_str(&target)]);
        assert_eq!(code, Some(1));
        assert!(err.contains("already exists"), "{err}");
    }
    // The same file again is recognised, and filed only when asked.
    let (first, path, _) = &ids[0];
    let clients = ok(&db, &["list", "clients"]);
    let client = clients
        .lines()
        .nth(1)
        .and_then(|l| l.split('\t').next())
        .expect("a client")
        .to_string();
    let (code, _, err) = run(&db, &["file", "add", path_str(path), "--client", &client]);
    assert_ne!(code, Some(0));
    assert!(err.contains(&format!("document {first}")), "{err}");
    ok(
        &db,
        &[
            "file",
            "add",
            path_str(path),
            "--client",
            &client,
            "--link",
            "--kind",
            "reference",
            "--title",
            "发票复印件",
        ],
    );
    // Reference files belong to no client.
    let rate = inbox.join("2027 媒体价目表.xlsx");
    std::fs::write(&rate, b"rates").expect("rates");
    ok(&db, &["file", "add", path_str(&rate)]);
    // Found by a word of the title, by pinyin initials, by number.
    let hits = ok(&db, &["search", "户外", "发票"]);
    assert!(
        hits.lines()
            .any(|l| l.starts_with("Document\t") && l.contains("户外媒介发票")),
        "{hits}"
    );
    let hits = ok(&db, &["search", "jmb"]);
    assert!(hits.lines().any(|l| l.contains("媒体价目表")), "{hits}");
    // The job's archive as folders and as a zip, readable without the app.
    let folders = tmp.path().join("导出").join("档案");
    std::fs::create_dir_all(folders.parent().expect("parent")).expect("dir");
    ok(
        &db,
        &["export", "archive", "--job", &job, "-o", path_str(&folders)],
    );
    let index = std::fs::read_to_string(folders.join("目录.csv")).expect("the list");
    assert!(index.starts_with('\u{feff}'), "a BOM for Excel");
    assert_eq!(index.lines().count(), before + names.len(), "{index}");
    for (_, source, bytes) in &ids {
        let title = source
            .file_stem()
            .and_then(|s| s.to_str())
            .expect("stem")
            .chars()
            .take(20)
            .collect::<String>();
        let row = index
            .lines()
            .find(|l| l.contains(&title))
            .unwrap_or_else(|| panic!("{title} listed in {index}"));
        let rel = row
            .rsplit(',')
            .next()
            .expect("path")
            .trim_matches('"')
            .to_string();
        assert_eq!(
            &std::fs::read(folders.join(&rel)).expect("exported"),
            bytes,
            "{rel}"
        );
        for part in rel.split('/') {
            assert!(
                !part.contains(':') && part != "CON.txt" && part.chars().count() <= 180,
                "{rel}"
            );
        }
    }
    let zipped = tmp.path().join("导出").join("档案.zip");
    ok(
        &db,
        &["export", "archive", "--job", &job, "-o", path_str(&zipped)],
    );
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&zipped).expect("zip")).expect("a zip");
    assert_eq!(zip.len(), before + names.len());
    assert!(zip.by_name("目录.csv").is_ok());
    let (code, _, err) = run(
        &db,
        &["export", "archive", "--job", &job, "-o", path_str(&zipped)],
    );
    assert_eq!(code, Some(1));
    assert!(err.contains("already exists"), "{err}");
    // check names no orphan and no missing file.
    let check = ok(&db, &["check"]);
    assert!(!check.contains("orphan"), "{check}");
    // Bad input is refused with a clear message.
    let (code, _, err) = run(&db, &["file", "add", path_str(&inbox.join("没有.pdf"))]);
    assert_eq!(code, Some(1));
    assert!(err.contains("没有.pdf"), "{err}");
    let (_, _, err) = run(
        &db,
        &[
            "file",
            "add",
            path_str(&rate),
            "--kind",
            "invoice",
            "--link",
        ],
    );
    assert!(err.contains("media-invoice"), "{err}");
    let (_, _, err) = run(
        &db,
        &["file", "get", "999999", "-o", path_str(&out_dir.join("x"))],
    );
    assert!(err.contains("no document 999999"), "{err}");
}

/// A zip with the given entries, as Word files are.
fn docx(path: &Path, paragraphs: &[&str]) {
    use std::io::Write;
    let body: String = paragraphs
        .iter()
        .map(|p| format!("<w:p><w:r><w:t>{p}</w:t></w:r></w:p>"))
        .collect();
    let xml = format!(r#"<w:document xmlns:w="x"><w:body>{body}</w:body></w:document>"#);
    let mut zip = zip::ZipWriter::new(std::fs::File::create(path).expect("create"));
    zip.start_file(
        "word/document.xml",
        zip::write::SimpleFileOptions::default(),
    )
    .expect("entry");
    zip.write_all(xml.as_bytes()).expect("write");
    zip.finish().expect("finish");
}

#[test]
fn the_words_inside_a_file_are_read_in_a_child_and_found() {
    let tmp = tempfile::tempdir().expect("temp");
    let db = tmp.path().join("desk.redb");
    ok(&db, &["sample-data"]);
    let memo = tmp.path().join("会议备忘.docx");
    docx(&memo, &["客户要求把发布会改到沈阳大剧院", "预算上限不变"]);
    let out = ok(&db, &["file", "add", path_str(&memo)]);
    assert!(out.contains("characters indexed"), "{out}");
    let id = out.split('\t').next().expect("id").to_string();
    // Found by words that are only inside the file, not in its name.
    let hits = ok(&db, &["search", "沈阳大剧院"]);
    let line = hits
        .lines()
        .find(|l| l.contains("会议备忘"))
        .unwrap_or_else(|| panic!("found by its text: {hits}"));
    assert!(line.starts_with(&format!("Document\t{id}\t")), "{line}");
    assert!(line.ends_with("\ttext"), "{line}");
    // A file that is not what its name says is filed, and why its words were not read is
    // kept on it.
    let fake = tmp.path().join("扫描件.pdf");
    std::fs::write(&fake, b"not a pdf").expect("write");
    let out = ok(&db, &["file", "add", path_str(&fake)]);
    assert!(out.contains("could not be read"), "{out}");
    assert!(out.contains("damaged or not a PDF"), "{out}");
    // The texts live beside the database, one per file, with the index of their words.
    let texts = tmp.path().join("desk.redb.text");
    let kept: Vec<String> = std::fs::read_dir(&texts)
        .expect("texts")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(kept.len(), 3, "{kept:?}");
    assert!(kept.iter().any(|k| k == "words.redb"), "{kept:?}");
}

#[test]
fn a_reader_that_takes_too_long_is_stopped() {
    let tmp = tempfile::tempdir().expect("temp");
    let memo = tmp.path().join("备忘.docx");
    docx(&memo, &["内容"]);
    let exe = Path::new(env!("CARGO_BIN_EXE_account-desk"));
    let read = account_desk::extract::isolated::extract(exe, &memo).expect("read");
    assert_eq!(
        read,
        account_desk::extract::Extracted::Text("内容\n".into())
    );
    let stopped = account_desk::extract::isolated::extract_within(
        exe,
        &memo,
        None,
        std::time::Duration::ZERO,
    );
    assert_eq!(
        stopped,
        Err(account_desk::extract::ExtractError::TimedOut { seconds: 0 })
    );
}

/// The ad archive and the library from the command line: the tape of the 2019 Spring
/// Festival TVC is the first hit of one search, with its archive number; a number as a
/// scanner types it finds its item; `list items` says where each item is and who has it
/// until when.
#[test]
fn the_tape_of_a_tvc_is_found_in_one_search_and_listed_with_its_loan() {
    let tmp = tempfile::tempdir().expect("temp");
    let db = tmp.path().join("desk.redb");
    ok(&db, &["sample-data"]);
    let hits = ok(&db, &["search", "2019", "春节", "TVC", "播出带"]);
    let first = hits.lines().nth(1).unwrap_or_default();
    assert!(
        first.starts_with("Library item\tASN-000001\t2019 春节 TVC《团圆》60\" 播出带\t"),
        "{hits}"
    );
    let hits = ok(&db, &["search", "团圆"]);
    assert!(
        hits.lines()
            .any(|l| l.starts_with("Creative work\t") && l.contains("2019 春节 TVC《团圆》")),
        "{hits}"
    );
    let hits = ok(&db, &["search", "asn-000002"]);
    let first = hits.lines().nth(1).unwrap_or_default();
    assert!(first.starts_with("Library item\tASN-000002\t"), "{hits}");
    let items = ok(&db, &["list", "items"]);
    assert_eq!(items.lines().count(), 9, "{items}");
    let cuts = items
        .lines()
        .find(|l| l.contains("ASN-000002"))
        .expect("the cuts");
    // Due back the day it went out (the sample's last day): overdue from the next.
    assert!(cuts.contains("\t陈静 until 20"), "{cuts}");
    let master = items
        .lines()
        .find(|l| l.contains("ASN-000005"))
        .expect("the BMW master");
    assert!(master.contains("\t李娜 until 20"), "{master}");
    let home = items.lines().filter(|l| l.ends_with("\thome")).count();
    assert_eq!(home, 6, "{items}");
}
