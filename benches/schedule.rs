//! The schedule benchmarks: one frame of the schedule editor with a 300-task schedule in 30
//! phases (a thirty-city roadshow), one frame of the portfolio timeline of 200 jobs with
//! 2,000 tasks, the roadshow laid out backward from its launch date, and the client
//! schedule as PDF. Run with
//!
//! ```text
//! cargo bench --bench schedule
//! ```
//!
//! and copy the closing table into BENCHMARKS.md.

mod common;

use account_desk::demo::generate::roadshow_in_phases;
use account_desk::domain::calendar::WorkCalendar;
use account_desk::domain::{ClientId, JobId, Lang, UserId};
use account_desk::pdf::Paper;
use account_desk::reports::schedule::View;
use account_desk::services::export::{ScheduleFormat, schedule_file};
use account_desk::services::{self, Base, ClientDraft, Command, Ctx, JobDraft};
use account_desk::store::Store;
use account_desk::ui::model::{Route, TimelineScope};
use common::{Screen, timed};
use divan::Bencher;

fn main() {
    divan::main();
    common::report("schedule");
}

/// An agency with one client, a roadshow job of 300 tasks and 200 jobs on the standard plan
/// (≈ 10 tasks each).
struct Agency {
    _dir: tempfile::TempDir,
    store: Store,
    client: ClientId,
    roadshow: JobId,
}

fn agency() -> Agency {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(&dir.path().join("schedules.redb")).expect("open");
    let today = common::today();
    let ctx = Ctx {
        actor: UserId(0),
        now: common::now(),
        today,
    };
    let cal = WorkCalendar::china();
    let client = services::apply(
        &store,
        &ctx,
        Command::CreateClient(ClientDraft {
            name: "上汽大众汽车有限公司".into(),
            short_name: "上汽大众".into(),
            ..Default::default()
        }),
    )
    .expect("client");
    let client = ClientId(client.id);
    let mut roadshow_job = None;
    services::batch(&store, |b| {
        for i in 0..201 {
            let requested = today - chrono::Duration::days(i64::from(i % 120));
            let job = b.apply(
                &ctx,
                Command::CreateJob(JobDraft {
                    title: format!("全国巡展 第 {i} 期"),
                    client_id: Some(client),
                    requested_on: requested.format("%Y-%m-%d").to_string(),
                    ..Default::default()
                }),
            )?;
            let job = JobId(job.id);
            let plan = if i == 0 {
                roadshow_job = Some(job);
                roadshow_in_phases(30, requested, Some(today), &cal)
            } else {
                services::standard_plan(requested, &cal)
            };
            b.apply(&ctx, Command::SaveSchedule(job, plan, Base::Overwrite))?;
        }
        Ok(())
    })
    .expect("jobs");
    Agency {
        _dir: dir,
        store,
        client,
        roadshow: roadshow_job.expect("the roadshow"),
    }
}

const SCREENS: [&str; 2] = ["schedule, 300 tasks", "timeline, 200 jobs"];

/// CPU time of one frame (layout, painting, tessellation), after warm-up.
#[divan::bench(args = SCREENS, sample_count = 100, sample_size = 1)]
fn frame(b: Bencher, screen: &str) {
    let a = agency();
    let (route, case) = match screen {
        "schedule, 300 tasks" => (
            Route::Schedule(a.roadshow),
            "frame: schedule editor and Gantt, 300 tasks in 30 phases",
        ),
        _ => (
            Route::Timeline(TimelineScope::Client(a.client)),
            "frame: portfolio, 200 jobs / 2,000 tasks",
        ),
    };
    let mut app = common::app(a.store, route);
    let ui = Screen::new();
    for _ in 0..5 {
        ui.frame(&mut app);
    }
    b.bench_local(|| timed(case, || ui.frame(&mut app)));
}

/// The roadshow (300 tasks in 30 phases, chained) laid out backward so that it ends on a
/// launch date: every task placed as late as its successors allow, on working days.
#[divan::bench(sample_count = 100, sample_size = 1)]
fn backward_planning(b: Bencher) {
    let cal = WorkCalendar::china();
    let today = common::today();
    let tour = roadshow_in_phases(30, today, None, &cal);
    let (_, end) = tour.span().expect("tasks");
    let launch = cal.add_working_days(end, 20).expect("a working day");
    b.bench_local(|| {
        timed("backward planning, 300 tasks in 30 phases", || {
            tour.plan_backward(launch, today, &cal)
        })
    });
}

/// The roadshow's client schedule as PDF (A4 landscape, tiled, fonts subset).
#[divan::bench(sample_count = 30, sample_size = 1)]
fn schedule_pdf(b: Bencher) {
    let a = agency();
    account_desk::pdf::preload_fonts().expect("fonts");
    let export = || {
        schedule_file(
            &a.store,
            a.roadshow,
            View::Client,
            ScheduleFormat::Pdf(Paper::A4),
            common::today(),
            Lang::Zh,
        )
        .expect("pdf")
    };
    let bytes = export();
    let pages = lopdf::Document::load_mem(&bytes)
        .map(|d| d.get_pages().len())
        .unwrap_or(0);
    println!("schedule PDF: {} bytes, {pages} pages", bytes.len());
    b.bench_local(|| timed("schedule PDF, 300 tasks (client, A4)", export));
}
