//! What the benchmarks share: the decade data set (generated once, then reused), the
//! realistic search queries, a headless egui frame, and per-call timings for percentiles.
//!
//! divan reports the median and the slowest sample of each case; the targets are also
//! about the 95th percentile, so every timed call is recorded here as well and
//! [`report`] prints median, p95 and max per case at the end of the run.

#![allow(dead_code)] // each bench binary uses part of this module

use account_desk::app::{AccountDeskApp, Prefs};
use account_desk::demo::generate::{self, Plan, Scale};
use account_desk::store::Store;
use account_desk::ui::model::Route;
use chrono::{DateTime, NaiveDate, Utc};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The day the benchmark agency is generated "on", so every run measures the same data.
pub const TODAY: &str = "2026-11-27";

/// Thirty queries as people type them into Ctrl+K, with their kind: Chinese substrings,
/// pinyin initials and full pinyin, job numbers in several spellings, English words, and
/// two-word queries.
pub const QUERIES: [(&str, &str); 33] = [
    ("春节", "Chinese"),
    ("悦享", "Chinese"),
    ("发布会", "Chinese"),
    ("经销商大会", "Chinese"),
    ("双十一", "Chinese"),
    ("金诺化妆品", "Chinese"),
    ("上海", "Chinese"),
    ("王芳", "Chinese"),
    ("品牌焕新", "Chinese"),
    ("社交媒体", "Chinese"),
    ("yx", "pinyin"),
    ("xc", "pinyin"),
    ("cjzh", "pinyin"),
    ("fbh", "pinyin"),
    ("yuexiang", "pinyin"),
    ("chunjie", "pinyin"),
    ("2024-0042", "job number"),
    ("20230815", "job number"),
    ("2026-1", "job number"),
    ("0042", "job number"),
    ("HT2024", "job number"),
    ("launch", "English"),
    ("Northwind", "English"),
    ("booth", "English"),
    ("Pro", "English"),
    ("wang", "English"),
    ("example.cn", "English"),
    ("悦享 春节", "two words"),
    ("鲜萃 发布会", "two words"),
    ("Northwind 2025", "two words"),
    ("竞品分析", "minutes"),
    ("重新排期", "minutes"),
    ("试点 数据", "minutes"),
];

/// The data folder of the benchmarks, under the cargo target directory.
pub fn bench_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"));
    target.join("bench-data")
}

/// The decade data set, generated on first use (≈ 5 s) and kept for later runs. Benchmarks
/// that write use [`scratch_copy`].
pub fn decade_db() -> PathBuf {
    let dir = bench_dir();
    // The name changes with what the generator writes (2: schedules, 3: meetings, 4: sent
    // minutes keep the meeting as printed, 5: invoices, payments and budgets, 6: change
    // orders, 7: completion forms filed before archiving, 8: media invoices with their
    // words kept and indexed), so an old set is not measured by mistake.
    let path = dir.join(format!(
        "decade-v9-seed{}.redb",
        Plan::of(Scale::Decade).seed
    ));
    if path.exists() {
        return path;
    }
    std::fs::create_dir_all(&dir).expect("create the bench data folder");
    let partial = dir.join("decade.partial.redb");
    let _ = std::fs::remove_file(&partial);
    eprintln!("generating the decade data set into {} …", path.display());
    {
        let store = Store::open(&partial).expect("create the data set");
        let out = generate::generate(
            &store,
            &Plan::of(Scale::Decade),
            now(),
            today(),
            &mut |_| {},
        )
        .expect("generate");
        eprintln!("{out}");
    }
    account_desk::store::text_index::TextIndex::forget(&partial);
    std::fs::rename(&partial, &path).expect("keep the data set");
    // The files (the papers and invoices) and their words move with it.
    for beside in [
        account_desk::store::files::files_dir,
        account_desk::store::text_index::text_dir,
    ] {
        let from = beside(&partial);
        if from.exists() {
            let _ = std::fs::remove_dir_all(beside(&path));
            std::fs::rename(from, beside(&path)).expect("keep the data set's files");
        }
    }
    path
}

/// A private copy of the decade data set for a benchmark that writes.
pub fn scratch_copy(name: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir_in(bench_dir()).expect("temp dir");
    let path = dir.path().join(format!("{name}.redb"));
    std::fs::copy(decade_db(), &path).expect("copy the data set");
    (dir, path)
}

/// The fixed "now" of the data set.
pub fn now() -> DateTime<Utc> {
    format!("{TODAY}T08:00:00Z").parse().expect("valid time")
}

/// The fixed local date of the data set.
pub fn today() -> NaiveDate {
    NaiveDate::parse_from_str(TODAY, "%Y-%m-%d").expect("valid date")
}

/// The app over `store`, starting on `route`.
pub fn app(store: Store, route: Route) -> AccountDeskApp {
    AccountDeskApp::new(
        store,
        Prefs {
            last_route: Some(route),
            ..Prefs::default()
        },
    )
}

/// A headless egui context with the app's fonts and theme, sized like a laptop window.
pub struct Screen {
    ctx: egui::Context,
}

impl Screen {
    pub fn new() -> Screen {
        let ctx = egui::Context::default();
        account_desk::ui::fonts::install_fonts(&ctx);
        account_desk::ui::theme::apply(&ctx);
        Screen { ctx }
    }

    /// One frame of the app: layout, painting and tessellation, as the window does it
    /// (only the GPU upload is missing). Returns the number of triangles, so the work cannot
    /// be optimised away.
    pub fn frame(&self, app: &mut AccountDeskApp) -> usize {
        self.frame_with(app, Vec::new())
    }

    /// How many textures the frames made so far hold (the fonts' and the pictures').
    pub fn textures(&self) -> usize {
        self.ctx.tex_manager().read().num_allocated()
    }

    /// One frame that receives `events` (keys, typed text) first.
    pub fn frame_with(&self, app: &mut AccountDeskApp, events: Vec<egui::Event>) -> usize {
        let input = egui::RawInput {
            events,
            screen_rect: Some(egui::Rect::from_min_size(
                egui::Pos2::ZERO,
                egui::vec2(1440.0, 900.0),
            )),
            ..Default::default()
        };
        let mut output = self.ctx.run_ui(input, |ui| app.frame_ui(ui));
        // The font atlas's updates would go to the GPU; there is none here.
        output.textures_delta.clear();
        let clipped = self.ctx.tessellate(output.shapes, output.pixels_per_point);
        clipped.len()
    }
}

/// A key press with modifiers, as egui-winit reports it.
pub fn key(key: egui::Key, modifiers: egui::Modifiers) -> egui::Event {
    egui::Event::Key {
        key,
        physical_key: None,
        pressed: true,
        repeat: false,
        modifiers,
    }
}

static TIMINGS: Mutex<BTreeMap<&'static str, Vec<Duration>>> = Mutex::new(BTreeMap::new());

/// Times `f` and records the duration under `case`.
pub fn timed<T>(case: &'static str, f: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let out = f();
    record(case, start.elapsed());
    out
}

/// Records one timed call of `case`.
pub fn record(case: &'static str, d: Duration) {
    if let Ok(mut t) = TIMINGS.lock() {
        t.entry(case).or_default().push(d);
    }
}

/// A percentile (0–100) of sorted durations, nearest rank.
pub fn percentile(sorted: &[Duration], p: usize) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = (p * sorted.len()).div_ceil(100).clamp(1, sorted.len());
    sorted[rank - 1]
}

/// Prints median, p95 and max of every recorded case (and writes them to
/// `bench-data/<bench>.tsv` for BENCHMARKS.md).
pub fn report(bench: &str) {
    let Ok(timings) = TIMINGS.lock() else { return };
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    let mut table = String::from("case\tcalls\tmedian_ms\tp95_ms\tmax_ms\n");
    println!(
        "\n{:<36} {:>7} {:>10} {:>10} {:>10}",
        "case (per call)", "calls", "median", "p95", "max"
    );
    for (case, list) in timings.iter() {
        let mut sorted = list.clone();
        sorted.sort();
        let (med, p95, max) = (
            percentile(&sorted, 50),
            percentile(&sorted, 95),
            percentile(&sorted, 100),
        );
        println!(
            "{case:<36} {:>7} {:>8.3}ms {:>8.3}ms {:>8.3}ms",
            sorted.len(),
            ms(med),
            ms(p95),
            ms(max)
        );
        table.push_str(&format!(
            "{case}\t{}\t{:.3}\t{:.3}\t{:.3}\n",
            sorted.len(),
            ms(med),
            ms(p95),
            ms(max)
        ));
    }
    let _ = std::fs::write(bench_dir().join(format!("{bench}.tsv")), table);
}

/// Peak resident memory of this process so far, in MiB (Linux; `None` elsewhere).
pub fn peak_rss_mib() -> Option<f64> {
    status_mib("VmHWM:")
}

/// A figure of this process's `/proc/self/status` in MiB (`VmRSS:`, `RssAnon:`,
/// `RssFile:`...), where the system has one.
pub fn status_mib(field: &str) -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

/// Names for the library the call the app's `main` names to give freed memory back
/// (`src/main.rs`, glibc's `malloc_trim`), so the memory measured is the app's.
pub fn release_memory_like_the_app() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        unsafe extern "C" {
            fn malloc_trim(pad: usize) -> std::ffi::c_int;
        }
        fn trim() {
            let start = Instant::now();
            // SAFETY: as in src/main.rs: only glibc's own allocator state is walked.
            unsafe {
                malloc_trim(0);
            }
            // How often and how long: the arenas are locked meanwhile, the window's too.
            record("malloc_trim (any thread)", start.elapsed());
        }
        account_desk::memory::on_release(trim);
    }
}
