//! Peak memory (RSS) with the decade data set open, its screens drawn and searched through
//! the app's own Ctrl+K popup, measured in a process of its own so no other benchmark
//! inflates it:
//!
//! ```text
//! cargo bench --bench memory
//! ```

mod common;

use account_desk::store::Store;
use account_desk::ui::model::Route;
use common::{QUERIES, Screen, key};
use egui::{Event, Key, Modifiers};

fn main() {
    // Only `cargo bench` passes `--bench`; a plain run of the target does nothing.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    common::release_memory_like_the_app();
    let path = common::decade_db();
    let before = common::peak_rss_mib();
    // The peak after each step, so a figure over target says which step made it.
    let mut steps: Vec<(&str, Option<f64>)> = Vec::new();
    let store = Store::open(&path).expect("open");
    let mut app = common::app(store, Route::Jobs);
    // Every query's hits listed in the frame after it is typed, so each is searched before
    // the popup closes (in the window a long search is listed a few frames later).
    app.set_search_wait(std::time::Duration::from_secs(30));
    let screen = Screen::new();
    for _ in 0..3 {
        screen.frame(&mut app);
    }
    // The meetings and the search index arrive beside the first screen; wait for them, so
    // every query below is answered and the meetings are in memory.
    app.finish_background();
    screen.frame(&mut app);
    steps.push((
        "first screen, meetings and search index",
        common::peak_rss_mib(),
    ));
    // Search every query the way a person does: Ctrl+K, type, read, Escape.
    for (q, _) in QUERIES {
        screen.frame_with(&mut app, vec![key(Key::K, Modifiers::COMMAND)]);
        screen.frame_with(&mut app, vec![Event::Text(q.into())]);
        screen.frame(&mut app);
        screen.frame_with(&mut app, vec![key(Key::Escape, Modifiers::NONE)]);
    }
    app.finish_background();
    steps.push((
        "every query searched, words in files included",
        common::peak_rss_mib(),
    ));
    // Then reopen on a job page with its brief, as after a restart on that page.
    if let Some(job) = app.data().jobs.last().map(|j| j.id) {
        app.finish_background();
        drop(app);
        app = common::app(Store::open(&path).expect("reopen"), Route::Job(job));
        for _ in 0..3 {
            screen.frame(&mut app);
        }
    }
    screen.frame(&mut app);
    app.finish_background();
    steps.push(("reopened on a job page", common::peak_rss_mib()));
    for (step, peak) in steps {
        if let Some(peak) = peak {
            println!("peak RSS after {step}: {peak:.1} MiB");
        }
    }
    // What the memory in use now is: the program's own (heap, stacks) and its files'
    // pages (the executable, fonts, the database's pages mapped by the system).
    if let (Some(anon), Some(file)) = (
        common::status_mib("RssAnon:"),
        common::status_mib("RssFile:"),
    ) {
        println!("RSS now: {anon:.1} MiB anonymous, {file:.1} MiB of files");
    }
    match (before, common::peak_rss_mib()) {
        (Some(b), Some(peak)) => {
            println!("peak RSS before opening: {b:.1} MiB");
            println!("peak RSS, decade set open, drawn and searched: {peak:.1} MiB");
        }
        _ => println!("peak RSS: not available on this system"),
    }
}
