//! Bit rot: a database holding the sample agency is closed cleanly (so its clean-close seal
//! vouches for it), then bytes past the header are flipped with the length, the header and the
//! modification time kept — what a bad sector, a sync tool or a failing disk does. The seal
//! still matches, so the window opens without redb's whole-file check.
//!
//! For each damaged copy:
//! - **every read command** (`list` of each kind, `export` of a brief, a schedule as PDF,
//!   workbook and calendar, minutes as sent and as a draft, an agenda, and `check`), run
//!   in-process through `cli::run`, either produces exactly what it produced on the undamaged
//!   file, or fails with a clear error that names the database. Never a panic, never a
//!   different document.
//! - **the window's start** (open, the first screen's snapshot, then the background check of
//!   every record) never panics, and either finds the damage (an error naming the file, or
//!   problems in its check) or reads exactly the undamaged records. Damage the record pass
//!   cannot see (only redb's page checksums can, and those need the file to itself) is counted
//!   and printed, not hidden: the commands above find it.
//!
//! CI damages 200 copies; `ACCOUNT_DESK_LONG_TESTS=1` damages 2,000 with a fresh seed;
//! `ACCOUNT_DESK_TEST_SEED=N` replays a printed seed.

mod support;

use account_desk::app::{AccountDeskApp, Prefs};
use account_desk::cli::{CliCommand, DocLangArg, ExportWhat, LangArg, ListWhat, run};
use account_desk::cli::{PaperArg, ScheduleFormatArg, ViewArg};
use account_desk::domain::{Brand, Client, Contact, Contract, Job, Meeting, User};
use account_desk::store::{Store, StoreError};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use support::{Rng, long_tests, seed};

const DB_NAME: &str = "客户 资料.redb";
/// redb's header and commit slots: damage there changes the header, which the seal sees.
const HEADER: usize = 4096;

/// One read command, and the file it writes (if any).
struct Read {
    name: String,
    command: CliCommand,
    output: Option<PathBuf>,
}

/// What a command produced: its report and the bytes of its file.
#[derive(Debug, PartialEq, Eq, Clone)]
struct Produced {
    stdout: String,
    file: Option<Vec<u8>>,
}

fn reads(out: &Path, job: &str, meeting_sent: u64, meeting_draft: u64) -> Vec<Read> {
    let file = |name: &str| out.join(name);
    let mut v = Vec::new();
    for what in [
        ListWhat::Clients,
        ListWhat::Brands,
        ListWhat::Jobs,
        ListWhat::Meetings,
        ListWhat::Estimates,
        ListWhat::Documents,
        ListWhat::Items,
    ] {
        v.push(Read {
            name: format!("list {what:?}"),
            command: CliCommand::List {
                what,
                job_number: None,
                job: None,
                kind: None,
            },
            output: None,
        });
    }
    v.push(Read {
        name: "export brief".into(),
        command: CliCommand::Export {
            what: ExportWhat::Brief {
                job_number: job.into(),
                output: file("brief.pdf"),
                lang: LangArg::Zh,
            },
        },
        output: Some(file("brief.pdf")),
    });
    for (format, ext) in [
        (ScheduleFormatArg::Pdf, "pdf"),
        (ScheduleFormatArg::Xlsx, "xlsx"),
        (ScheduleFormatArg::Ics, "ics"),
    ] {
        let name = format!("schedule.{ext}");
        v.push(Read {
            name: format!("export schedule {ext}"),
            command: CliCommand::Export {
                what: ExportWhat::Schedule {
                    job_number: job.into(),
                    view: ViewArg::Internal,
                    format,
                    paper: PaperArg::A4,
                    plan: None,
                    output: file(&name),
                    lang: LangArg::Zh,
                },
            },
            output: Some(file(&name)),
        });
    }
    for (id, version, name) in [
        (meeting_sent, Some(1), "minutes-v1.pdf"),
        (meeting_draft, None, "minutes-draft.pdf"),
    ] {
        v.push(Read {
            name: format!("export minutes {id} {version:?}"),
            command: CliCommand::Export {
                what: ExportWhat::Minutes {
                    meeting_id: id,
                    version,
                    lang: DocLangArg::Both,
                    output: file(name),
                },
            },
            output: Some(file(name)),
        });
    }
    v.push(Read {
        name: "export agenda".into(),
        command: CliCommand::Export {
            what: ExportWhat::Agenda {
                meeting_id: meeting_draft,
                lang: DocLangArg::Zh,
                output: file("agenda.pdf"),
            },
        },
        output: Some(file("agenda.pdf")),
    });
    v.push(Read {
        name: "check".into(),
        command: CliCommand::Check,
        output: None,
    });
    v
}

/// The last column of `list meetings` says how long ago things happened: it moves with the
/// clock, not with the file.
fn steady(name: &str, stdout: String) -> String {
    if name != "list Meetings" {
        return stdout;
    }
    stdout
        .lines()
        .map(|l| l.rsplit_once('\t').map_or(l, |(rest, _)| rest))
        .collect::<Vec<_>>()
        .join("\n")
}

/// What a document says, without the moment it was made: a PDF's text as a reader
/// extracts it, a workbook's parts but its creation time, calendar entries but their stamps.
fn normalized(bytes: Vec<u8>) -> Vec<u8> {
    if bytes.starts_with(b"%PDF") {
        return pdf_extract::extract_text_from_mem(&bytes)
            .unwrap_or_else(|e| format!("unreadable PDF: {e}"))
            .into_bytes();
    }
    if bytes.starts_with(b"PK") {
        let Ok(mut zip) = zip::ZipArchive::new(std::io::Cursor::new(&bytes)) else {
            return b"unreadable workbook".to_vec();
        };
        let mut out = Vec::new();
        for i in 0..zip.len() {
            let Ok(mut part) = zip.by_index(i) else {
                return b"unreadable workbook part".to_vec();
            };
            let name = part.name().map(|n| n.to_string()).unwrap_or_default();
            if name == "docProps/core.xml" {
                continue;
            }
            out.extend_from_slice(name.as_bytes());
            let _ = std::io::Read::read_to_end(&mut part, &mut out);
        }
        return out;
    }
    String::from_utf8_lossy(&bytes)
        .lines()
        .filter(|l| !l.starts_with("DTSTAMP"))
        .collect::<Vec<_>>()
        .join("\n")
        .into_bytes()
}

fn run_read(read: &Read, db: &Path) -> Result<Produced, String> {
    if let Some(f) = &read.output {
        let _ = std::fs::remove_file(f);
    }
    let mut stdout = Vec::new();
    let outcome = catch_unwind(AssertUnwindSafe(|| run(&read.command, db, &mut stdout)));
    match outcome {
        Err(p) => Err(format!("PANIC: {}", panic_text(p))),
        Ok(Err(e)) => Err(e.to_string()),
        Ok(Ok(())) => Ok(Produced {
            stdout: steady(&read.name, String::from_utf8_lossy(&stdout).into_owned()),
            file: read
                .output
                .as_ref()
                .map(|f| normalized(std::fs::read(f).unwrap_or_default())),
        }),
    }
}

fn panic_text(p: Box<dyn std::any::Any + Send>) -> String {
    p.downcast_ref::<String>()
        .cloned()
        .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_else(|| "a panic".into())
}

/// Every record as text.
fn dump(store: &Store) -> Result<String, StoreError> {
    let view = store.read()?;
    let jobs: Vec<Job> = view.all()?;
    let mut briefs = Vec::new();
    let mut schedules = Vec::new();
    for j in &jobs {
        briefs.push(view.brief_versions(j.id)?);
        schedules.push((view.schedule(j.id)?, view.issued_schedules(j.id)?));
    }
    Ok(format!(
        "{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{jobs:?}\n{briefs:?}\n{schedules:?}\n{:?}\n{:?}\n{:?}",
        view.all::<User>()?,
        view.all::<Client>()?,
        view.all::<Contact>()?,
        view.all::<Contract>()?,
        view.all::<Brand>()?,
        view.all::<Meeting>()?,
        view.changes()?,
        view.settings()?,
    ))
}

/// The window's start on `db`: what it found.
enum WindowStart {
    /// Refused at open, or the background check found problems.
    Found,
    /// Opened and checked clean, with every record as it was.
    Same,
    /// Opened and checked clean, but records differ: damage only the page checksums see.
    Unseen,
}

fn window_start(db: &Path, original: &str) -> Result<WindowStart, String> {
    let outcome = catch_unwind(AssertUnwindSafe(|| -> Result<WindowStart, String> {
        let store = match Store::open(db) {
            Ok(s) => s,
            Err(e) => {
                return clear(&e.to_string(), db).map(|()| WindowStart::Found);
            }
        };
        let mut app = AccountDeskApp::new(store, Prefs::default());
        // The start-up worker holds the database until it is done; the commands come next.
        app.finish_background();
        let store = app.store();
        match store.check() {
            Err(e) => clear(&e.to_string(), db).map(|()| WindowStart::Found),
            Ok(report) if !report.problems.is_empty() => Ok(WindowStart::Found),
            Ok(_) => match dump(store) {
                Err(e) => clear(&e.to_string(), db).map(|()| WindowStart::Found),
                Ok(d) if d == original => Ok(WindowStart::Same),
                Ok(_) => Ok(WindowStart::Unseen),
            },
        }
    }));
    outcome.unwrap_or_else(|p| Err(format!("window start PANICKED: {}", panic_text(p))))
}

/// A clear error names the database file. (The file being "already open" would mean this
/// test left a store open, not damage: that is a failure too.)
fn clear(message: &str, db: &Path) -> Result<(), String> {
    if message.contains("already open") {
        return Err(format!("still open from an earlier step: {message}"));
    }
    let name = db.file_name().map(|n| n.to_string_lossy().into_owned());
    match name {
        Some(n) if message.contains(&n) => Ok(()),
        _ => Err(format!("an error that does not name the file: {message}")),
    }
}

#[derive(Debug, Default)]
struct Tally {
    /// Trials where every command still produced the undamaged output (damage in free space).
    harmless: usize,
    /// Trials where the commands refused the file with a clear error.
    refused: usize,
    /// Window starts that found the damage (at open or in the background check).
    window_found: usize,
    /// Window starts whose record pass could not see the damage.
    window_unseen: usize,
}

#[test]
fn flipped_bytes_under_a_valid_seal_never_panic_nor_change_a_document() {
    let trials = if long_tests() { 2_000 } else { 200 };
    let seed = seed("bitrot", 4_122_026);
    let tmp = tempfile::tempdir().expect("temp dir");
    let out = tmp.path().join("exports");
    std::fs::create_dir_all(&out).expect("exports folder");
    let db = tmp.path().join(DB_NAME);
    let mut report = Vec::new();
    run(&CliCommand::SampleData, &db, &mut report).expect("sample agency");

    // What to read: a job with a schedule, a meeting sent once, one still in draft.
    let (job, sent, draft) = {
        let store = Store::open(&db).expect("open");
        let jobs: Vec<Job> = store.all().expect("jobs");
        let job = jobs
            .iter()
            .find(|j| store.schedule(j.id).ok().flatten().is_some())
            .expect("a job with a schedule")
            .number
            .text
            .clone();
        let meetings: Vec<Meeting> = store.all().expect("meetings");
        let sent = meetings
            .iter()
            .find(|m| !m.sent.is_empty())
            .expect("sent")
            .id
            .0;
        let draft = meetings
            .iter()
            .find(|m| m.sent.is_empty() && !m.agenda.is_empty())
            .or_else(|| meetings.iter().find(|m| m.sent.is_empty()))
            .expect("draft")
            .id
            .0;
        (job, sent, draft)
    };
    let reads = reads(&out, &job, sent, draft);
    let baseline: Vec<Produced> = reads
        .iter()
        .map(|r| run_read(r, &db).unwrap_or_else(|e| panic!("{}: {e}", r.name)))
        .collect();
    // Reading the baseline twice gives the same documents (the comparison can fail only on
    // damage).
    for (r, b) in reads.iter().zip(&baseline) {
        let again = run_read(r, &db).unwrap_or_else(|e| panic!("{}: {e}", r.name));
        assert_eq!(again.stdout, b.stdout, "{} is not repeatable", r.name);
        if again.file != b.file {
            let (x, y) = (
                again.file.unwrap_or_default(),
                b.file.clone().unwrap_or_default(),
            );
            let at = x
                .iter()
                .zip(&y)
                .position(|(p, q)| p != q)
                .unwrap_or(x.len().min(y.len()));
            let show = |v: &[u8]| {
                String::from_utf8_lossy(&v[at.saturating_sub(80)..(at + 40).min(v.len())])
                    .into_owned()
            };
            panic!(
                "{} is not repeatable at byte {at} of {}/{}:\n{}\n{}",
                r.name,
                x.len(),
                y.len(),
                show(&x),
                show(&y)
            );
        }
    }
    let original_dump = {
        let store = Store::open(&db).expect("open");
        dump(&store).expect("dump")
    };
    // Closed cleanly: the seal vouches for the file as it is now.
    let seal = tmp.path().join(format!("{DB_NAME}.clean"));
    let seal_text = std::fs::read(&seal).expect("a clean close left its seal");
    let bytes = std::fs::read(&db).expect("read db");
    let mtime = std::fs::metadata(&db)
        .and_then(|m| m.modified())
        .expect("mtime");
    println!(
        "database: {} bytes, {} reads per trial",
        bytes.len(),
        reads.len()
    );

    let mut tally = Tally::default();
    let mut failures = Vec::new();
    for i in 0..trials {
        let mut rng = Rng::new(seed.wrapping_add(i as u64));
        let flips = rng.between(1, 8) as usize;
        let mut damaged = bytes.clone();
        let mut at = Vec::with_capacity(flips);
        for _ in 0..flips {
            let o = HEADER + rng.below((bytes.len() - HEADER) as u64) as usize;
            damaged[o] ^= rng.byte() | 1;
            at.push(o);
        }
        let what = format!("trial {i} (seed {seed}, offsets {at:?})");
        let lay = || -> std::io::Result<()> {
            std::fs::write(&db, &damaged)?;
            std::fs::File::options()
                .write(true)
                .open(&db)?
                .set_modified(mtime)?;
            std::fs::write(&seal, &seal_text)
        };
        lay().expect("lay out the damaged copy");
        match window_start(&db, &original_dump) {
            Ok(WindowStart::Found) => tally.window_found += 1,
            Ok(WindowStart::Same) => {}
            Ok(WindowStart::Unseen) => tally.window_unseen += 1,
            Err(e) => failures.push(format!("{what}: {e}")),
        }
        // The commands, on the damaged file as laid out (seal included).
        lay().expect("lay out the damaged copy");
        let mut refused = false;
        for (r, expected) in reads.iter().zip(&baseline) {
            match run_read(r, &db) {
                Ok(got) if &got == expected => {}
                Ok(_) => failures.push(format!(
                    "{what}: {} succeeded with a different result",
                    r.name
                )),
                Err(e) if e.starts_with("PANIC") => {
                    failures.push(format!("{what}: {}: {e}", r.name))
                }
                Err(e) => {
                    refused = true;
                    if let Err(unclear) = clear(&e, &db) {
                        failures.push(format!("{what}: {}: {unclear}", r.name));
                    }
                }
            }
        }
        if refused {
            tally.refused += 1;
        } else {
            tally.harmless += 1;
        }
    }
    println!("{trials} damaged copies: {tally:?}");
    assert!(
        failures.is_empty(),
        "{} problems in {trials} damaged copies (seed {seed}):\n{}",
        failures.len(),
        failures.join("\n")
    );
    // The damage must mostly hit something, or the test proves little.
    assert!(tally.refused * 2 > trials, "{tally:?}");
}
