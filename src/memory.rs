//! Giving memory the app no longer uses back to the system.
//!
//! An allocator keeps what was freed, to hand it out again; glibc's keeps it per thread
//! (an arena for each), so after a search index is built on one thread and a look through
//! the documents' words on another, tens of MiB of freed memory stay resident where no one
//! will ask for them. The library has no `unsafe` code; the program that knows its
//! allocator (`main.rs`, the memory benchmark) names the call that returns such memory
//! with [`on_release`], and the library calls it when a large piece of work has just let
//! go of its memory ([`release`]).

use std::sync::OnceLock;
use std::time::Duration;

/// Work shorter than this freed too little to be worth giving back ([`release_after`]).
pub(crate) const WORTH_RELEASING: Duration = Duration::from_millis(20);

/// The call that returns freed memory to the system, once the program has named one.
static RELEASE: OnceLock<fn()> = OnceLock::new();

/// Names the call that returns freed memory to the system. The first call wins; a later
/// one is ignored (the allocator does not change while the program runs).
pub fn on_release(give_back: fn()) {
    let _ = RELEASE.set(give_back);
}

/// Returns freed memory to the system, if the program named a way ([`on_release`]); called
/// off the UI thread, after work that freed much (it takes a few milliseconds).
pub(crate) fn release() {
    if let Some(give_back) = RELEASE.get() {
        give_back();
    }
}

/// Returns freed memory after work that took `took`, if that was long enough to have freed
/// much ([`WORTH_RELEASING`]); says whether it did. Giving back locks the allocator's arenas
/// one by one, the window's too, for a few milliseconds: after a short piece of work done at
/// every letter typed, that pause would be felt and would give back next to nothing.
pub(crate) fn release_after(took: Duration) -> bool {
    let worth = took >= WORTH_RELEASING;
    if worth {
        release();
    }
    worth
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    static CALLS: AtomicUsize = AtomicUsize::new(0);

    fn count() {
        CALLS.fetch_add(1, Ordering::SeqCst);
    }

    fn other() {}

    #[test]
    fn the_first_call_named_is_the_one_made() {
        on_release(count);
        on_release(other);
        let before = CALLS.load(Ordering::SeqCst);
        release();
        release();
        // At least: an index built by another test of this process gives back too.
        assert!(CALLS.load(Ordering::SeqCst) >= before + 2);
    }

    #[test]
    fn only_long_work_gives_memory_back() {
        assert!(!release_after(Duration::from_millis(3)));
        assert!(!release_after(WORTH_RELEASING - Duration::from_micros(1)));
        assert!(release_after(WORTH_RELEASING));
        assert!(release_after(Duration::from_secs(2)));
    }
}
