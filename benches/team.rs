//! The team database's figures (issue 16), on the decade data set moved into a throwaway
//! PostgreSQL cluster on this computer (loopback). Run with
//!
//! ```text
//! cargo bench --bench team --features test-cluster
//! ```
//!
//! beside `cargo bench --bench decade` (the same cases on a desk's file), and copy the
//! closing table into BENCHMARKS.md. PostgreSQL 15 or newer must be installed (Debian's
//! `postgresql`; see README, "System packages").

mod common;

use account_desk::domain::{Job, UserId};
use account_desk::services::{self, Base, Command, Ctx, JobDraft};
use account_desk::store::test_cluster::{self, Cluster};
use account_desk::store::{Store, TeamAddress};
use account_desk::ui::model::Route;
use common::{Screen, timed};
use divan::Bencher;
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
