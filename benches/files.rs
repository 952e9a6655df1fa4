//! The file store at size: importing a 1 GiB file (time and peak memory, measured in a
//! process of its own so nothing else inflates it), and backing up 10,000 small files twice
//! (the second backup copies only what is new), then checking and restoring them:
//!
//! ```text
//! cargo bench --bench files
//! ```
//!
//! The data is generated into `target/bench-data/files/` and removed afterwards.

mod common;

use account_desk::store::files::FileState;
use account_desk::store::{FileStore, Store, backup};
use std::io::{Cursor, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// The large file: a commercial's master.
const BIG_BYTES: u64 = 1024 * 1024 * 1024;
/// The small files: signed minutes, briefs, quotes.
const SMALL_FILES: usize = 10_000;
/// Files added between the first and the second backup.
const NEW_FILES: usize = 100;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    // The child: import one file and report time and peak memory.
    if let Some(at) = args.iter().position(|a| a == "--import-child") {
        import_child(Path::new(&args[at + 1]), Path::new(&args[at + 2]));
        return;
    }
    // Only `cargo bench` passes `--bench`; a plain run of the target does nothing.
    if !args.iter().any(|a| a == "--bench") {
        return;
    }
    let dir = common::bench_dir().join("files");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("bench folder");
    extraction(&dir);
    big_import(&dir);
    small_files(&dir);
    let _ = std::fs::remove_dir_all(&dir);
}

/// xorshift64*: content that no file system or disk can compress away.
struct Noise(u64);

impl Noise {
    fn fill(&mut self, buf: &mut [u8]) {
        for chunk in buf.chunks_mut(8) {
            let mut x = self.0;
            x ^= x >> 12;
            x ^= x << 25;
            x ^= x >> 27;
            self.0 = x;
            let v = x.wrapping_mul(0x2545_F491_4F6C_DD1D).to_le_bytes();
            chunk.copy_from_slice(&v[..chunk.len()]);
        }
    }
}

/// Peak and current resident memory of this process, in KiB.
fn memory_kib() -> (u64, u64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
    };
    (field("VmHWM:"), field("VmRSS:"))
}

fn big_import(dir: &Path) {
    let source = dir.join("样片 master 1GiB.mov");
    let started = Instant::now();
    {
        let mut file = std::io::BufWriter::new(std::fs::File::create(&source).expect("create"));
        let mut noise = Noise(2026);
        let mut buf = vec![0u8; 1024 * 1024];
        for _ in 0..BIG_BYTES / buf.len() as u64 {
            noise.fill(&mut buf);
            file.write_all(&buf).expect("write");
        }
        file.flush().expect("flush");
    }
    println!(
        "generated a {} MiB file in {:.1} s",
        BIG_BYTES >> 20,
        started.elapsed().as_secs_f64()
    );
    let store = dir.join("big").join("desk.redb");
    let me = std::env::current_exe().expect("this benchmark's path");
    let out = Command::new(me)
        .arg("--import-child")
        .arg(&source)
        .arg(&store)
        .output()
        .expect("run the child");
    print!("{}", String::from_utf8_lossy(&out.stdout));
    eprint!("{}", String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "the import child failed");
    let _ = std::fs::remove_file(&source);
    let _ = std::fs::remove_dir_all(dir.join("big"));
}

/// In its own process: imports `source` into the store beside `db`.
fn import_child(source: &Path, db: &Path) {
    let files = FileStore::beside(db);
    let (peak_before, rss_before) = memory_kib();
    let started = Instant::now();
    let file = files.import(source).expect("import");
    let took = started.elapsed().as_secs_f64();
    let (peak_after, _) = memory_kib();
    let mib = file.size as f64 / (1024.0 * 1024.0);
    println!(
        "import of {mib:.0} MiB (stream, SHA-256, fsync, rename): {took:.2} s, {:.0} MiB/s",
        mib / took
    );
    println!(
        "peak RSS of the importing process: {:.1} MiB before, {:.1} MiB after (RSS before {:.1} MiB): {:.1} MiB extra",
        peak_before as f64 / 1024.0,
        peak_after as f64 / 1024.0,
        rss_before as f64 / 1024.0,
        peak_after.saturating_sub(peak_before) as f64 / 1024.0
    );
    let started = Instant::now();
    let state = files.verify(&file.hash).expect("verify");
    assert_eq!(state, FileState::Intact);
    println!(
        "verify of the same file: {:.2} s",
        started.elapsed().as_secs_f64()
    );
}

fn small_files(dir: &Path) {
    let db = dir.join("small").join("desk.redb");
    let store = Store::open(&db).expect("open");
    let mut noise = Noise(7);
    let mut sizes = [0u8; 8];
    let mut import = |count: usize, store: &Store| -> u64 {
        let mut bytes = 0;
        for i in 0..count {
            noise.fill(&mut sizes);
            // 1–32 KiB, like scanned signatures, briefs and quotes.
            let len = 1024 + (u64::from_le_bytes(sizes) % (31 * 1024)) as usize;
            let mut content = vec![0u8; len];
            noise.fill(&mut content);
            store
                .desk_files()
                .import_reader(
                    Cursor::new(content),
                    Path::new("f"),
                    &format!("文件 {i}.pdf"),
                )
                .expect("import");
            bytes += len as u64;
        }
        bytes
    };
    let started = Instant::now();
    let bytes = import(SMALL_FILES, &store);
    println!(
        "import of {SMALL_FILES} small files ({:.0} MiB): {:.2} s",
        bytes as f64 / (1024.0 * 1024.0),
        started.elapsed().as_secs_f64()
    );
    let backups = dir.join("small").join("backups");
    let timed_backup = |name: &str| -> PathBuf {
        let dest = backups.join(name);
        let started = Instant::now();
        let done = store
            .backup_with_files(&dest)
            .expect("backup")
            .expect("files");
        println!(
            "backup {name}: {} files listed, {} copied ({:.1} MiB): {:.2} s",
            done.files,
            done.copied,
            done.bytes_copied as f64 / (1024.0 * 1024.0),
            started.elapsed().as_secs_f64()
        );
        dest
    };
    timed_backup("desk-1.redb");
    import(NEW_FILES, &store);
    let second = timed_backup("desk-2.redb");
    let started = Instant::now();
    let report = store.check_files().expect("check").expect("a store");
    assert_eq!(report.ok, SMALL_FILES + NEW_FILES);
    println!(
        "check of {} files (every hash verified): {:.2} s",
        report.ok,
        started.elapsed().as_secs_f64()
    );
    drop(store);
    let elsewhere = dir.join("restored").join("desk.redb");
    let started = Instant::now();
    backup::restore(&elsewhere, &second, false, chrono::Utc::now().naive_utc()).expect("restore");
    println!(
        "restore of desk-2.redb into a new folder (verify all, then copy): {:.2} s",
        started.elapsed().as_secs_f64()
    );
}

/// Reading the words of files for search, in this process: megabytes of file per second
/// for each kind. (The window reads each file in a child process of the program, which adds
/// its start, a few milliseconds, per file.)
fn extraction(dir: &Path) {
    use account_desk::extract::{Extracted, Limits, extract};
    let line = "本季度户外媒体投放覆盖上海、北京、广州三地，客户确认排期与报价，制作费按签字版结算。Q3 outdoor media, 宝马 BMW.";
    let word = dir.join("媒介投放总结.docx");
    {
        let body: String = (0..4_000)
            .map(|i| format!("<w:p><w:r><w:t>{i} {line}</w:t></w:r></w:p>"))
            .collect();
        let xml = format!(
            r#"<?xml version="1.0"?><w:document xmlns:w="x"><w:body>{body}</w:body></w:document>"#
        );
        let file = std::fs::File::create(&word).expect("create");
        let mut zip = zip::ZipWriter::new(file);
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        zip.start_file("word/document.xml", options).expect("entry");
        zip.write_all(xml.as_bytes()).expect("write");
        zip.finish().expect("finish");
    }
    let sheet = dir.join("媒介排期.xlsx");
    {
        let mut book = rust_xlsxwriter::Workbook::new();
        let ws = book.add_worksheet();
        for row in 0..5_000u32 {
            for col in 0..4u16 {
                ws.write_string(row, col, format!("{row}-{col} {line}"))
                    .expect("cell");
            }
        }
        book.save(&sheet).expect("save");
    }
    let text = dir.join("会议记录.txt");
    {
        let all: String = (0..8_000).map(|i| format!("{i} {line}\n")).collect();
        let (gb, _, _) = encoding_rs::GB18030.encode(&all);
        std::fs::write(&text, gb).expect("write");
    }
    let pdf = dir.join("客户简报.pdf");
    {
        let store = Store::open(&dir.join("sample").join("desk.redb")).expect("open");
        let now = chrono::Utc::now();
        account_desk::demo::sample::load_sample(&store, now, now.date_naive()).expect("sample");
        let job = store
            .all::<account_desk::domain::Job>()
            .expect("jobs")
            .into_iter()
            .next()
            .expect("a job");
        let offset = chrono::FixedOffset::east_opt(8 * 3600).expect("offset");
        let bytes = account_desk::services::export::brief_pdf(
            &store,
            job.id,
            account_desk::domain::Lang::Zh,
            now.date_naive(),
            offset,
        )
        .expect("pdf");
        std::fs::write(&pdf, bytes).expect("write");
    }
    for path in [&word, &sheet, &text, &pdf] {
        let bytes = std::fs::metadata(path).expect("size").len();
        let mut took = Vec::new();
        let mut chars = 0;
        for _ in 0..5 {
            let started = Instant::now();
            let read = extract(path, &Limits::default()).expect("read");
            took.push(started.elapsed().as_secs_f64());
            if let Extracted::Text(t) = read {
                chars = t.chars().count();
            }
        }
        took.sort_by(f64::total_cmp);
        let median = took[took.len() / 2];
        println!(
            "words of {} ({:.2} MB): {chars} characters in {:.1} ms, {:.1} MB/s",
            path.file_name().unwrap_or_default().to_string_lossy(),
            bytes as f64 / 1e6,
            median * 1e3,
            bytes as f64 / 1e6 / median
        );
    }
}
