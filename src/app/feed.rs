//! Following the change feed: what others wrote to the database (a colleague on a shared
//! database, another window on the same file) reaches the open screens without a restart.
//! Each frame — at most every [`FEED_EVERY`] — the app reads what changed since the last
//! sequence number it saw and re-reads those records into the snapshot and the search
//! index, exactly as after its own commands; open screens re-read what they show when the
//! snapshot's generation moves, and a form with unsaved edits keeps them and says that the
//! record changed under it (its save is then refused as stale).

use super::AccountDeskApp;
use crate::domain::Subject;
use crate::store::FeedEntry;
use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// How often the feed is read while the window is in use.
const FEED_EVERY: Duration = Duration::from_millis(500);

/// How often a team database's feed is read while the window is in use: its changes are
/// announced ([`crate::store::Store::watch`]), so reading is only the fallback.
pub(super) const TEAM_FEED_EVERY: Duration = Duration::from_secs(5);

/// At most this many changes are re-read one by one; a window further behind reloads
/// everything (cheaper than thousands of single reads).
const FEED_BATCH: usize = 1_000;

/// Where the app stands in the change feed.
#[derive(Debug)]
pub(super) struct FeedState {
    /// The last sequence number whose change the snapshot holds.
    seen: u64,
    /// When the feed was last read (`None`: not yet).
    polled: Option<Instant>,
    /// How often it is read (tests read it on every frame).
    every: Duration,
    /// Records this window changed itself, and the sequence number the database had reached
    /// just before the app re-read them: their feed entries up to it are already applied.
    applied_here: HashMap<(Subject, u64), u64>,
    /// Set by the team database's listener when someone committed a change.
    woken: Arc<AtomicBool>,
    /// The listener, once started (team databases only).
    watch: Option<crate::store::FeedWatch>,
    /// Whether starting the listener was tried.
    watch_tried: bool,
}

impl Default for FeedState {
    fn default() -> Self {
        FeedState {
            seen: 0,
            polled: None,
            every: FEED_EVERY,
            applied_here: HashMap::new(),
            woken: Arc::new(AtomicBool::new(false)),
            watch: None,
            watch_tried: false,
        }
    }
}

/// The record of the snapshot a feed entry is about, as the app refreshes it after a
/// command (its subject, from the kinds' declarations, and the row's id; the settings
/// have none). `None` for the change log.
fn refreshed(entry: &FeedEntry) -> Option<(Subject, u64)> {
    let subject = crate::services::kind::stored_subject(entry.kind)?;
    let id = if subject == Subject::Settings {
        0
    } else {
        entry.key.id
    };
    Some((subject, id))
}

impl AccountDeskApp {
    /// Reads the feed if it is time to, and asks for the next frame at the feed's pace while
    /// the window has the focus (an idle window in the background costs nothing; it catches
    /// up with the first frame after it is used again).
    pub(super) fn follow_feed(&mut self, ctx: &egui::Context) {
        if !self.feed.watch_tried {
            self.feed.watch_tried = true;
            let woken = Arc::clone(&self.feed.woken);
            let ctx = ctx.clone();
            self.feed.watch = self.store.watch(Box::new(move || {
                woken.store(true, Ordering::SeqCst);
                ctx.request_repaint();
            }));
        }
        let now = Instant::now();
        let woken = self.feed.woken.swap(false, Ordering::SeqCst);
        let due = woken
            || self
                .feed
                .polled
                .is_none_or(|at| now.duration_since(at) >= self.feed.every);
        if due {
            self.feed.polled = Some(now);
            self.read_feed();
        }
        // `Duration::ZERO` is for tests, which draw the frames themselves.
        if ctx.input(|i| i.focused) && !self.feed.every.is_zero() {
            ctx.request_repaint_after(self.feed.every);
        }
    }

    /// Whether a team database's listener is running.
    pub fn is_watching(&self) -> bool {
        self.feed.watch.is_some()
    }

    /// Sets how often the feed is read (`Duration::ZERO`: on every frame, for tests).
    pub fn set_feed_every(&mut self, every: Duration) {
        self.feed.every = every;
    }

    /// Re-reads every record changed since the last look, other than this window's own
    /// changes; returns how many records were re-read. A feed that no longer reaches back
    /// that far, or that holds too many changes, reloads everything.
    pub fn read_feed(&mut self) -> usize {
        let (entries, last) = match self.store.read().and_then(|view| {
            Ok((
                view.changed_since(self.feed.seen, FEED_BATCH)?,
                view.last_seq()?,
            ))
        }) {
            Ok(read) => read,
            Err(e) => {
                // Tried again at the next look; the screens keep what they show.
                log::warn!("reading the change feed: {e}");
                return 0;
            }
        };
        let entries = match entries {
            Some(entries) if entries.len() < FEED_BATCH => entries,
            _ => {
                log::info!(
                    "the change feed is {} changes ahead: reloading",
                    last.saturating_sub(self.feed.seen)
                );
                self.reload();
                return 0;
            }
        };
        let mut changed: Vec<(Subject, u64)> = Vec::new();
        for entry in &entries {
            self.feed.seen = self.feed.seen.max(entry.seq);
            let Some(record) = refreshed(entry) else {
                continue;
            };
            let here = self.feed.applied_here.get(&record);
            if here.is_some_and(|upto| entry.seq <= *upto) || changed.contains(&record) {
                continue;
            }
            changed.push(record);
        }
        self.feed.seen = self.feed.seen.max(last);
        let seen = self.feed.seen;
        self.feed.applied_here.retain(|_, upto| *upto > seen);
        for (subject, id) in &changed {
            self.refresh(*subject, *id);
        }
        self.fix_route();
        changed.len()
    }

    /// Notes that this window changed `subject` / `id` itself and is about to re-read it:
    /// the feed's entries for it up to now are already applied.
    pub(super) fn applied_here(&mut self, subject: Subject, id: u64) {
        match self.store.read().and_then(|view| view.last_seq()) {
            Ok(seq) => {
                self.feed.applied_here.insert((subject, id), seq);
            }
            // Not fatal: the record is then re-read once more when the feed is next read.
            Err(e) => log::warn!("reading the change feed's position: {e}"),
        }
    }

    /// Marks the feed as read up to now, before everything is loaded afresh: what is written
    /// after this is re-read from the feed (perhaps once more than needed, never missed).
    pub(super) fn feed_starts_now(&mut self) {
        match self.store.read().and_then(|view| view.last_seq()) {
            Ok(seq) => {
                self.feed.seen = seq;
                self.feed.applied_here.clear();
            }
            Err(e) => log::warn!("reading the change feed's position: {e}"),
        }
    }
}
