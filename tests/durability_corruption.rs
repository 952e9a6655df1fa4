//! Corruption: copies of a database holding the sample agency are damaged at seeded random
//! places (random bytes anywhere, random bytes in the header page, whole pages overwritten with
//! noise, zeros or ones, the file truncated at many lengths) and opened. Opening must never
//! panic: either the damage touched nothing in use and every record still reads back as it was,
//! or the open fails with the friendly "damaged … restore the newest backup" / "not an Account
//! Desk database" message, the automatic backup is what the window offers to restore (the
//! window's restore screen shows its button for exactly these two errors when
//! `backup::newest_backup` finds one; `src/app/startup.rs` has the kittest clicking it), and
//! restoring it works through the library and through `account-desk restore`. After a restore
//! the replaced file is kept in `backups/` but never offered as the newest backup, and the day's
//! automatic backup is still made.
//!
//! CI damages 120 copies (about 8 s on the 2-core dev machine). `ACCOUNT_DESK_LONG_TESTS=1`
//! damages 1,200 (about 90 s) with a fresh seed; `ACCOUNT_DESK_TEST_SEED=N` replays a printed
//! seed exactly.

mod support;

use account_desk::demo::sample::load_sample;
use account_desk::domain::{Brand, BriefVersion, Client, Contact, Contract, Job, User};
use account_desk::store::{Kind, Store, StoreError, backup};
use chrono::{Duration, Local, NaiveDateTime, TimeZone, Utc};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use support::{Rng, desk, long_tests, seed};

const DB_NAME: &str = "客户执行台 数据.redb";
const PAGE: usize = 4096;

/// A healthy database and its automatic backup, made once.
struct Original {
    _tmp: tempfile::TempDir,
    bytes: Vec<u8>,
    backup_bytes: Vec<u8>,
    /// File name of the automatic backup (made yesterday).
    backup_name: String,
    counts: Vec<(Kind, usize)>,
    /// Every record as text, to compare after a damaged open that succeeded.
    dump: String,
}

fn original() -> Original {
    let tmp = tempfile::tempdir().expect("temp dir");
    let db = tmp.path().join(DB_NAME);
    let store = Store::open(&db).expect("create");
    let now = Utc
        .with_ymd_and_hms(2026, 11, 26, 1, 0, 0)
        .single()
        .expect("time");
    load_sample(&store, now, now.date_naive()).expect("sample agency");
    let yesterday = Local::now().naive_local() - Duration::days(1);
    let report = store.check().expect("check");
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    let made = store
        .auto_backup(yesterday, &report)
        .expect("automatic backup")
        .expect("a backup was made");
    assert_eq!(report.count(Kind::Job), 13);
    let dump = dump(&store).expect("read everything");
    drop(store);
    Original {
        bytes: std::fs::read(&db).expect("read db"),
        backup_bytes: std::fs::read(&made).expect("read backup"),
        backup_name: made
            .file_name()
            .expect("file name")
            .to_string_lossy()
            .into_owned(),
        counts: report.counts,
        dump,
        _tmp: tmp,
    }
}

/// Every record of every kind, as debug text.
fn dump(store: &Store) -> Result<String, StoreError> {
    let view = store.read()?;
    let jobs: Vec<Job> = view.all()?;
    let mut briefs: Vec<BriefVersion> = Vec::new();
    for j in &jobs {
        briefs.extend(view.brief_versions(j.id)?);
    }
    Ok(format!(
        "{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{jobs:?}\n{briefs:?}\n{:?}\n{:?}",
        view.all::<User>()?,
        view.all::<Client>()?,
        view.all::<Contact>()?,
        view.all::<Contract>()?,
        view.all::<Brand>()?,
        view.changes()?,
        view.settings()?,
    ))
}

/// One way of damaging the file.
#[derive(Debug, Clone)]
enum Damage {
    /// Random bytes at these offsets, anywhere in the file.
    Bytes { offsets: Vec<usize> },
    /// Random bytes inside the first page (redb's header and commit slots).
    Header { offsets: Vec<usize> },
    /// One whole page overwritten.
    Page { page: usize, fill: Fill },
    /// The file cut to `len` bytes.
    Truncate { len: usize },
}

#[derive(Debug, Clone, Copy)]
enum Fill {
    Noise,
    Zeros,
    Ones,
}

fn pick(rng: &mut Rng, len: usize, i: usize) -> Damage {
    match i % 4 {
        0 => Damage::Bytes {
            offsets: (0..rng.between(1, 16))
                .map(|_| rng.below(len as u64) as usize)
                .collect(),
        },
        1 => Damage::Header {
            offsets: (0..rng.between(1, 8))
                .map(|_| rng.below(PAGE.min(len) as u64) as usize)
                .collect(),
        },
        2 => Damage::Page {
            page: rng.below(len.div_ceil(PAGE) as u64) as usize,
            fill: [Fill::Noise, Fill::Zeros, Fill::Ones][rng.below(3) as usize],
        },
        _ => Damage::Truncate {
            len: match rng.below(4) {
                0 => rng.below(PAGE as u64 + 1) as usize,
                1 => len - 1 - rng.below(PAGE as u64) as usize,
                2 => rng.below(len as u64 / PAGE as u64) as usize * PAGE,
                _ => rng.below(len as u64) as usize,
            },
        },
    }
}

fn apply(original: &[u8], damage: &Damage, rng: &mut Rng) -> Vec<u8> {
    let mut bytes = original.to_vec();
    match damage {
        Damage::Bytes { offsets } | Damage::Header { offsets } => {
            for &o in offsets {
                // Never the same value again, so every listed byte really changes.
                bytes[o] ^= rng.byte() | 1;
            }
        }
        Damage::Page { page, fill } => {
            let end = ((page + 1) * PAGE).min(bytes.len());
            for b in &mut bytes[page * PAGE..end] {
                *b = match fill {
                    Fill::Noise => rng.byte(),
                    Fill::Zeros => 0,
                    Fill::Ones => 0xFF,
                };
            }
        }
        Damage::Truncate { len } => bytes.truncate(*len),
    }
    bytes
}

/// A folder as the person would have it: the damaged database and yesterday's automatic
/// backup in `backups/` beside it.
fn lay_out(original: &Original, damaged: &[u8]) -> (tempfile::TempDir, PathBuf, PathBuf) {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path().join("客户 资料");
    let backups = dir.join(backup::BACKUP_DIR);
    std::fs::create_dir_all(&backups).expect("folders");
    let db = dir.join(DB_NAME);
    std::fs::write(&db, damaged).expect("write damaged copy");
    let auto = backups.join(&original.backup_name);
    std::fs::write(&auto, &original.backup_bytes).expect("write backup");
    (tmp, db, auto)
}

/// The error must be one of the two the restore screen offers a backup for, naming the file,
/// worded for a person.
fn check_message(error: &StoreError, db: &Path) -> Result<(), String> {
    let text = error.to_string();
    let shown = db.display().to_string();
    let friendly = match error {
        StoreError::Corrupted { path, backup, .. } => {
            path == db
                && text.starts_with(&format!("{shown} is damaged ("))
                && backup.as_deref() == backup::newest_backup(db).ok().flatten().as_deref()
                && text.contains("The newest automatic backup is ")
                && text.ends_with("--force")
        }
        StoreError::NotADatabase { path, .. } => {
            path == db && text.starts_with(&format!("{shown} is not an Account Desk database: "))
        }
        _ => false,
    };
    if friendly {
        Ok(())
    } else {
        Err(format!("not the friendly message: {error:?} / {text}"))
    }
}

fn panic_text(p: Box<dyn std::any::Any + Send>) -> String {
    p.downcast_ref::<String>()
        .cloned()
        .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_else(|| "a panic".into())
}

/// The restore a person would make from the restore screen: the newest automatic backup.
fn restore_with_library(
    original: &Original,
    db: &Path,
    auto: &Path,
    damaged: &[u8],
    now: NaiveDateTime,
) -> Result<(), String> {
    let newest = backup::newest_backup(db).map_err(|e| e.to_string())?;
    if newest.as_deref() != Some(auto) {
        return Err(format!("newest backup offered: {newest:?}, made: {auto:?}"));
    }
    let restored = backup::restore(db, auto, true, now).map_err(|e| format!("restore: {e}"))?;
    let saved = restored
        .previous_saved_to
        .ok_or("the damaged file was not kept")?;
    if std::fs::read(&saved).ok().as_deref() != Some(damaged) {
        return Err(format!("{saved:?} is not the damaged file"));
    }
    let store = Store::open(db).map_err(|e| format!("open after restore: {e}"))?;
    let report = store.check().map_err(|e| e.to_string())?;
    if !report.problems.is_empty() || report.counts != original.counts {
        return Err(format!("restored database differs: {report:?}"));
    }
    if dump(&store).map_err(|e| e.to_string())? != original.dump {
        return Err("restored records differ".into());
    }
    // The copy of the damaged file is neither a backup to offer next time nor today's
    // automatic backup.
    let newest = backup::newest_backup(db).map_err(|e| e.to_string())?;
    if newest.as_deref() != Some(auto) {
        return Err(format!(
            "after the restore the newest backup offered is {newest:?}"
        ));
    }
    let checked = store.check().map_err(|e| e.to_string())?;
    let today = store
        .auto_backup(now, &checked)
        .map_err(|e| e.to_string())?;
    let newest = backup::newest_backup(db).map_err(|e| e.to_string())?;
    if today.is_none() || newest != today {
        return Err(format!(
            "after the restore: automatic backup {today:?}, newest {newest:?}"
        ));
    }
    Ok(())
}

/// The same through the binary: `check` fails naming the backup and the restore command,
/// `restore --force` puts it back, `check` passes.
fn restore_with_cli(original: &Original, db: &Path, auto: &Path) -> Result<(), String> {
    let auto_arg = auto.to_str().ok_or("utf-8 path")?;
    let run = desk(db, &["check"]);
    let newest = format!("The newest automatic backup is {}", auto.display());
    let command = format!(
        "account-desk --db \"{}\" restore \"{}\" --force",
        db.display(),
        auto.display()
    );
    if run.code != Some(1)
        || !run.stderr.starts_with("error: ")
        || !run.stderr.contains(&newest)
        || !run.stderr.contains(&command)
    {
        return Err(format!("check of the damaged file: {run:?}"));
    }
    let run = desk(db, &["restore", auto_arg, "--force"]);
    if run.code != Some(0) || !run.stdout.contains("Restored") {
        return Err(format!("restore: {run:?}"));
    }
    let run = desk(db, &["check"]);
    let jobs = format!("jobs\t{}\n", original.counts_of(Kind::Job));
    if run.code != Some(0)
        || !run.stdout.contains("No problems found.")
        || !run.stdout.contains(&jobs)
    {
        return Err(format!("check after restore: {run:?}"));
    }
    Ok(())
}

impl Original {
    fn counts_of(&self, kind: Kind) -> usize {
        self.counts
            .iter()
            .find(|(k, _)| *k == kind)
            .map_or(0, |(_, n)| *n)
    }
}

#[derive(Debug, Default)]
struct Tally {
    refused: usize,
    harmless: usize,
    cli_restores: usize,
}

#[test]
fn damaged_files_never_panic_and_come_back_from_the_automatic_backup() {
    let cases = if long_tests() { 1_200 } else { 120 };
    let seed = seed("corruption", 26_112_026);
    let original = original();
    let len = original.bytes.len();
    println!(
        "database: {len} bytes, backup: {} bytes",
        original.backup_bytes.len()
    );
    let now = Local::now().naive_local();
    let mut tally = Tally::default();
    let mut failures = Vec::new();
    for i in 0..cases {
        // Each case has its own generator, so one can be replayed alone.
        let mut rng = Rng::new(seed.wrapping_add(i as u64));
        let damage = pick(&mut rng, len, i);
        let damaged = apply(&original.bytes, &damage, &mut rng);
        let (_tmp, db, auto) = lay_out(&original, &damaged);
        let what = format!("case {i} (seed {seed}): {damage:?}");
        let opened = catch_unwind(AssertUnwindSafe(|| Store::open(&db)));
        let result = match opened {
            Err(p) => Err(format!("open panicked: {}", panic_text(p))),
            Ok(Ok(store)) => {
                // The damage touched nothing in use: everything must read back unchanged,
                // and the database must take a write.
                tally.harmless += 1;
                let read = catch_unwind(AssertUnwindSafe(|| {
                    let report = store.check().map_err(|e| e.to_string())?;
                    if !report.problems.is_empty() || report.counts != original.counts {
                        return Err(format!("opened, but check says {report:?}"));
                    }
                    if dump(&store).map_err(|e| e.to_string())? != original.dump {
                        return Err("opened, but records differ".into());
                    }
                    store
                        .write(|tx| tx.delete::<Client>(u64::MAX).map(|_| ()))
                        .map_err(|e| format!("opened, but a write fails: {e}"))
                }));
                read.unwrap_or_else(|p| Err(format!("reading panicked: {}", panic_text(p))))
            }
            Ok(Err(error)) => {
                tally.refused += 1;
                check_message(&error, &db).and_then(|()| {
                    // The binary on every fifth refused copy (it costs three processes).
                    if tally.refused % 5 == 1 {
                        tally.cli_restores += 1;
                        restore_with_cli(&original, &db, &auto)?;
                        std::fs::write(&db, &damaged).map_err(|e| e.to_string())?;
                        for f in std::fs::read_dir(auto.parent().ok_or("backups")?)
                            .map_err(|e| e.to_string())?
                            .flatten()
                        {
                            if f.path() != auto {
                                std::fs::remove_file(f.path()).map_err(|e| e.to_string())?;
                            }
                        }
                    }
                    restore_with_library(&original, &db, &auto, &damaged, now)
                })
            }
        };
        if let Err(e) = result {
            failures.push(format!("{what}: {e}"));
        }
    }
    println!("{cases} damaged copies: {tally:?}");
    assert!(
        failures.is_empty(),
        "{} of {cases} damaged copies went wrong (seed {seed}):\n{}",
        failures.len(),
        failures.join("\n")
    );
    // The damage must mostly hit something, or the test proves little.
    assert!(tally.refused * 2 > cases, "{tally:?}");
}
