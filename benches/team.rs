//! The team database's figures (issue 16), on the decade data set moved into a throwaway
//! PostgreSQL cluster on this computer (loopback). Run with
//!
//! ```text
//! cargo bench --bench team --features test-cluster
//! ```
//!
//! beside `cargo bench --bench decade` (the same cases on a desk's file), and copy the
//! closing table into BENCHMARKS.md. The `file_` cases (`… -- file_`) store and fetch a
//! 64 MiB file as the team database keeps files (1 MiB chunk rows) and, for comparison, as
//! a PostgreSQL large object, in a database of their own. PostgreSQL 15 or newer must be installed (Debian's
//! `postgresql`; see README, "System packages").

mod common;

use account_desk::domain::{Job, UserId};
use account_desk::services::{self, Base, Command, Ctx, JobDraft};
use account_desk::store::test_cluster::{self, Cluster};
use account_desk::store::{Store, TeamAddress};
use account_desk::ui::model::Route;
use common::{Screen, timed};
use divan::Bencher;
use sha2::{Digest, Sha256};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

fn main() {
    divan::main();
    common::report("team");
}

/// The decade data set in a team database, made once per run.
fn team() -> &'static TeamAddress {
    static TEAM: OnceLock<TeamAddress> = OnceLock::new();
    TEAM.get_or_init(|| {
        let cluster: &Cluster =
            test_cluster::cluster().expect("PostgreSQL for the team benchmarks");
        let (address, _) = cluster.fresh_database().expect("a database");
        Store::init_team(&address, None).expect("init");
        let desk = Store::open(&common::decade_db()).expect("the decade data set");
        let team = Store::open_team(&address).expect("open the team database");
        let start = Instant::now();
        let report = desk.copy_into(&team).expect("move the data set in");
        let rows: u64 = report.counts.iter().map(|(_, n)| n).sum();
        eprintln!(
            "moved the decade data set into the team database: {rows} records in {:.1} s",
            start.elapsed().as_secs_f64()
        );
        address
    })
}

/// Connecting to the team database and drawing the first screen, as at start-up: connect,
/// load what the screens show, install the fonts, draw the first frame of the job list.
#[divan::bench(sample_count = 12, sample_size = 1)]
fn open_and_first_screen(b: Bencher) {
    let address = team();
    b.bench_local(|| {
        let mut app = timed("team: connect + first screen (job list)", || {
            let store = Store::open_team(address).expect("open");
            let mut app = common::app(store, Route::Jobs);
            Screen::new().frame(&mut app);
            app
        });
        app.finish_background();
        app
    });
}

/// One durable edit as the window makes it, on the team database: check the revision the
/// page showed, validate, write, log, commit.
#[divan::bench(sample_count = 200, sample_size = 1)]
fn durable_edit(b: Bencher) {
    let store = Store::open_team(team()).expect("open");
    let jobs: Vec<Job> = store.all().expect("jobs");
    let actor = jobs.first().and_then(|j| j.team.ae).unwrap_or(UserId(0));
    let mut n = 0usize;
    b.bench_local(|| {
        n += 1;
        edit(
            &store,
            &jobs,
            actor,
            n,
            "team: durable edit (UpdateJob + commit)",
        );
    });
}

fn edit(store: &Store, jobs: &[Job], actor: UserId, n: usize, case: &'static str) {
    let job = &jobs[(n * 7919) % jobs.len()];
    let mut draft = JobDraft::from_job(job);
    draft.title = format!("{}（团队 {n}）", job.title);
    let ctx = Ctx {
        actor,
        now: chrono::Utc::now(),
        today: common::today(),
    };
    let shown = services::Reader::new(store)
        .revision::<Job>(job.id.0)
        .expect("revision")
        .map(|r| r.rev);
    timed(case, || {
        services::apply(
            store,
            &ctx,
            Command::UpdateJob(job.id, draft, Base::Shown(shown)),
        )
        .expect("edit")
    });
}

/// A change made by one session, until another session following the change feed sees
/// it: the commit, then the other session's next look at the feed (it looks every
/// millisecond here; the window looks when the server's notification wakes it).
#[divan::bench(sample_count = 100, sample_size = 1)]
fn change_seen_by_another_session(b: Bencher) {
    let writer = Store::open_team(team()).expect("open");
    let reader = Store::open_team(team()).expect("open a second session");
    let jobs: Vec<Job> = writer.all().expect("jobs");
    let actor = jobs.first().and_then(|j| j.team.ae).unwrap_or(UserId(0));
    let mut n = 1_000usize;
    b.bench_local(|| {
        n += 1;
        let seen = reader.read().and_then(|v| v.last_seq()).expect("last");
        let start = Instant::now();
        edit(
            &writer,
            &jobs,
            actor,
            n,
            "team: durable edit, second session",
        );
        loop {
            let news = reader
                .read()
                .and_then(|v| v.changed_since(seen, 16))
                .expect("feed");
            if news.is_some_and(|entries| !entries.is_empty()) {
                break;
            }
            std::thread::sleep(Duration::from_millis(1));
        }
        common::record("team: change seen by another session", start.elapsed());
    });
}

/// A change reaching another window: the second session's listener (`Store::watch`, the
/// server's `NOTIFY` on commit) wakes it, and it reads the feed, as the window does.
#[divan::bench(sample_count = 100, sample_size = 1)]
fn change_wakes_another_window(b: Bencher) {
    let writer = Store::open_team(team()).expect("open");
    let reader = Store::open_team(team()).expect("open a second session");
    let (woken, wakes) = std::sync::mpsc::channel::<()>();
    let _watch = reader
        .watch(Box::new(move || {
            let _ = woken.send(());
        }))
        .expect("a listener");
    // The listener says once that it is connected.
    let _ = wakes.recv_timeout(Duration::from_secs(10));
    let jobs: Vec<Job> = writer.all().expect("jobs");
    let actor = jobs.first().and_then(|j| j.team.ae).unwrap_or(UserId(0));
    let mut n = 5_000usize;
    b.bench_local(|| {
        n += 1;
        while wakes.try_recv().is_ok() {}
        let seen = reader.read().and_then(|v| v.last_seq()).expect("last");
        let start = Instant::now();
        edit(&writer, &jobs, actor, n, "team: durable edit, window woken");
        wakes
            .recv_timeout(Duration::from_secs(10))
            .expect("the listener woke the window");
        let news = reader
            .read()
            .and_then(|v| v.changed_since(seen, 16))
            .expect("feed");
        assert!(news.is_some_and(|entries| !entries.is_empty()));
        common::record("team: change wakes another window", start.elapsed());
    });
}

/// The size of the file the `file_` cases move.
const FILE_BYTES: usize = 64 * 1024 * 1024;
/// The piece moved per statement, in both layouts.
const PIECE: usize = 1024 * 1024;
/// The client the bench's files belong to (no record needed: the administrator stores them).
const FILE_CLIENT: u64 = 1;

/// A team database of its own for the file cases, and a 64 MiB file of noise beside it.
struct FileBench {
    address: TeamAddress,
    config: postgres::Config,
    _dir: tempfile::TempDir,
    source: PathBuf,
}

fn file_bench() -> &'static FileBench {
    static BENCH: OnceLock<FileBench> = OnceLock::new();
    BENCH.get_or_init(|| {
        let cluster: &Cluster =
            test_cluster::cluster().expect("PostgreSQL for the team benchmarks");
        let (address, config) = cluster.fresh_database().expect("a database");
        Store::init_team(&address, None).expect("init");
        let dir = tempfile::tempdir().expect("a temporary folder");
        let source = dir.path().join("母带 64MiB.mov");
        let mut out = std::io::BufWriter::new(std::fs::File::create(&source).expect("file"));
        let mut x = 0x9E37_79B9_7F4A_7C15u64;
        for _ in 0..FILE_BYTES / 8 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            out.write_all(&x.to_le_bytes()).expect("write");
        }
        out.flush().expect("flush");
        FileBench {
            address,
            config,
            _dir: dir,
            source,
        }
    })
}

/// Makes the bench's file new content (its first 8 bytes become `n`), so no upload finds
/// it stored already.
fn make_new(source: &std::path::Path, n: u64) {
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .open(source)
        .expect("open");
    file.write_all(&n.to_le_bytes()).expect("write");
    file.sync_all().expect("sync");
}

/// Prints what the server keeps on its disk for the files stored so far.
fn print_sizes(sql: &mut postgres::Client, what: &str) {
    let row = sql
        .query_one(
            "SELECT pg_total_relation_size('account_desk.file_chunks'), \
             pg_total_relation_size('pg_largeobject'), \
             (SELECT count(*) FROM account_desk.files), \
             (SELECT count(*) FROM pg_largeobject_metadata)",
            &[],
        )
        .expect("sizes");
    let mib = |b: i64| b as f64 / 1024.0 / 1024.0;
    eprintln!(
        "after {what}: file_chunks {:.1} MiB for {} files; pg_largeobject {:.1} MiB for {} objects",
        mib(row.get(0)),
        row.get::<_, i64>(2),
        mib(row.get(1)),
        row.get::<_, i64>(3)
    );
}

/// Storing a 64 MiB file new to the database, as the app does: hash it, then in one
/// transaction its row and 64 chunk rows while hashing it again, commit.
#[divan::bench(sample_count = 8, sample_size = 1)]
fn file_upload_chunked_rows(b: Bencher) {
    let bench = file_bench();
    let store = Store::open_team(&bench.address).expect("open");
    let mut n = 0u64;
    b.bench_local(|| {
        n += 1;
        make_new(&bench.source, n);
        timed("team file 64 MiB: store, chunk rows", || {
            store
                .files()
                .import(&bench.source, FILE_CLIENT)
                .expect("store")
        })
    });
    print_sizes(
        &mut bench.config.connect(postgres::NoTls).expect("sql"),
        "the chunk-row uploads",
    );
}

/// Fetching a stored 64 MiB file as the app opens it: chunk by chunk into a temporary,
/// hashed, made read-only and renamed.
#[divan::bench(sample_count = 8, sample_size = 1)]
fn file_download_chunked_rows(b: Bencher) {
    let bench = file_bench();
    let store = Store::open_team(&bench.address).expect("open");
    make_new(&bench.source, u64::MAX);
    let file = store
        .files()
        .import(&bench.source, FILE_CLIENT)
        .expect("store");
    b.bench_local(|| {
        let copy = timed("team file 64 MiB: fetch, chunk rows", || {
            store.files().open_copy(&file).expect("fetch")
        });
        std::fs::remove_file(&copy).expect("remove the copy");
    });
}

/// The same file as one large object, the same work around it: hash it, then in one
/// transaction `lo_create` and 64 `lo_put` of 1 MiB while hashing it again, commit.
#[divan::bench(sample_count = 8, sample_size = 1)]
fn file_upload_large_object(b: Bencher) {
    let bench = file_bench();
    let mut sql = bench.config.connect(postgres::NoTls).expect("sql");
    let mut n = 1_000u64;
    b.bench_local(|| {
        n += 1;
        make_new(&bench.source, n);
        timed("team file 64 MiB: store, large object", || {
            upload_large_object(&mut sql, &bench.source)
        })
    });
    print_sizes(&mut sql, "the large-object uploads");
}

fn upload_large_object(sql: &mut postgres::Client, source: &std::path::Path) -> u32 {
    let hash_of = |reader: &mut std::fs::File| {
        let mut hasher = Sha256::new();
        let mut buffer = vec![0u8; PIECE];
        loop {
            let got = reader.read(&mut buffer).expect("read");
            if got == 0 {
                break;
            }
            hasher.update(&buffer[..got]);
        }
        hasher.finalize()
    };
    let mut file = std::fs::File::open(source).expect("open");
    let hash = hash_of(&mut file);
    file.seek(SeekFrom::Start(0)).expect("seek");
    let mut tx = sql.transaction().expect("begin");
    let oid: u32 = tx
        .query_one("SELECT lo_create(0)", &[])
        .expect("lo_create")
        .get(0);
    let put = tx.prepare("SELECT lo_put($1, $2, $3)").expect("prepare");
    let mut hasher = Sha256::new();
    let mut buffer = vec![0u8; PIECE];
    let mut offset = 0i64;
    loop {
        let mut got = 0;
        while got < PIECE {
            let n = file.read(&mut buffer[got..]).expect("read");
            if n == 0 {
                break;
            }
            got += n;
        }
        if got == 0 {
            break;
        }
        hasher.update(&buffer[..got]);
        tx.execute(&put, &[&oid, &offset, &&buffer[..got]])
            .expect("lo_put");
        offset += got as i64;
    }
    assert_eq!(hasher.finalize(), hash, "the file changed");
    tx.commit().expect("commit");
    oid
}

/// Fetching the large object as the app would: `lo_get` of 1 MiB at a time into a
/// temporary, hashed.
#[divan::bench(sample_count = 8, sample_size = 1)]
fn file_download_large_object(b: Bencher) {
    let bench = file_bench();
    let mut sql = bench.config.connect(postgres::NoTls).expect("sql");
    make_new(&bench.source, u64::MAX - 1);
    let oid = upload_large_object(&mut sql, &bench.source);
    let target = bench.source.with_file_name("fetched.partial");
    b.bench_local(|| {
        timed("team file 64 MiB: fetch, large object", || {
            let mut out = std::fs::File::create(&target).expect("create");
            let mut tx = sql
                .build_transaction()
                .read_only(true)
                .start()
                .expect("begin");
            let get = tx.prepare("SELECT lo_get($1, $2, $3)").expect("prepare");
            let mut hasher = Sha256::new();
            let mut offset = 0i64;
            while offset < FILE_BYTES as i64 {
                let bytes: Vec<u8> = tx
                    .query_one(&get, &[&oid, &offset, &(PIECE as i32)])
                    .expect("lo_get")
                    .get(0);
                hasher.update(&bytes);
                out.write_all(&bytes).expect("write");
                offset += bytes.len() as i64;
            }
            tx.commit().expect("end");
            hasher.finalize()
        });
        std::fs::remove_file(&target).expect("remove");
    });
}
