//! Following a team database live: a thread of its own holds one more connection that
//! `LISTEN`s on [`super::CHANNEL`], which every committed write notifies (the payload is only
//! its sequence number, never what changed). Each notification — a burst of them counted
//! once — wakes the window, which then reads the feed as it does anyway, through the walls
//! (a wake for a change the person may not see reads nothing).
//!
//! A lost connection is made again every few seconds, and the window is woken once it is
//! back, to catch up with what it missed meanwhile.

use super::TeamAddress;
use postgres::fallible_iterator::FallibleIterator;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// How long a wait for a notification lasts before the thread looks whether it should stop.
const WAIT: Duration = Duration::from_millis(500);
/// How long the thread waits before connecting again after the connection was lost.
const RECONNECT: Duration = Duration::from_secs(3);

/// A running listener; dropping it stops the thread (within [`WAIT`]).
#[derive(Debug)]
pub struct FeedWatch {
    stop: Arc<AtomicBool>,
}

impl Drop for FeedWatch {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
    }
}

/// Starts listening on `address`, calling `wake` for each burst of notifications and after
/// each (re)connection. `None` when no thread could be started (the window then still reads
/// the feed while it is in use).
pub(in crate::store) fn watch(
    address: TeamAddress,
    wake: Box<dyn Fn() + Send>,
) -> Option<FeedWatch> {
    let stop = Arc::new(AtomicBool::new(false));
    let running = Arc::clone(&stop);
    let spawned = std::thread::Builder::new()
        .name("team-feed".into())
        .spawn(move || follow(&address, &*wake, &running));
    match spawned {
        Ok(_) => Some(FeedWatch { stop }),
        Err(e) => {
            log::warn!("no thread to follow the team database live ({e})");
            None
        }
    }
}

fn follow(address: &TeamAddress, wake: &dyn Fn(), stop: &AtomicBool) {
    let mut told = false;
    while !stop.load(Ordering::SeqCst) {
        match address.connect() {
            Ok(mut client) => match client.batch_execute(&format!("LISTEN {}", super::CHANNEL)) {
                Ok(()) => {
                    told = false;
                    // Whatever was written while no one listened.
                    wake();
                    listen(&mut client, wake, stop);
                }
                Err(e) => log::warn!("listening to {}: {e}", address.label()),
            },
            Err(e) if !told => {
                log::warn!("following {} live: {e}; trying again", address.label());
                told = true;
            }
            Err(_) => {}
        }
        let mut waited = Duration::ZERO;
        while waited < RECONNECT && !stop.load(Ordering::SeqCst) {
            std::thread::sleep(WAIT);
            waited += WAIT;
        }
    }
}

/// Waits for notifications until the connection is lost or the watch is dropped.
fn listen(client: &mut postgres::Client, wake: &dyn Fn(), stop: &AtomicBool) {
    while !stop.load(Ordering::SeqCst) {
        let first = {
            let mut notifications = client.notifications();
            let first = notifications.timeout_iter(WAIT).next();
            if let Ok(Some(_)) = first {
                // The rest of a burst is already here: one wake for all of it.
                let mut pending = notifications.iter();
                while let Ok(Some(_)) = pending.next() {}
            }
            first
        };
        match first {
            Ok(Some(_)) => wake(),
            Ok(None) if client.is_closed() => return,
            Ok(None) => {}
            Err(e) => {
                log::warn!("the live connection to the team database was lost: {e}");
                return;
            }
        }
    }
}
