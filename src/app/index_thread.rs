//! The one thread of the process that builds search indexes.
//!
//! glibc's allocator gives each thread an arena and keeps there what was freed from it. An
//! index built on a new thread each time may land in a fresh arena while the memory of the
//! index it replaces, freed, stays resident in the old one: measured on a decade's data,
//! opening again in the same process then held 120 MiB more about one time in three. Every
//! build on the same thread reuses what the last one left.

use std::sync::Mutex;
use std::sync::mpsc::{self, SendError, Sender};

/// A build to run.
pub(super) type IndexBuild = Box<dyn FnOnce() + Send>;

/// Where jobs go; `None` until the first, or after the thread was lost.
static JOBS: Mutex<Option<Sender<IndexBuild>>> = Mutex::new(None);

/// Runs `job` on the index thread, starting it if need be. Gives the job back when no
/// thread can be started, for the caller to run it itself.
pub(super) fn run(job: IndexBuild) -> Result<(), (IndexBuild, String)> {
    let Ok(mut jobs) = JOBS.lock() else {
        return Err((job, "the index thread's lock was poisoned".into()));
    };
    let job = match jobs.as_ref() {
        Some(send) => match send.send(job) {
            Ok(()) => return Ok(()),
            // The thread is gone: a new one takes the job.
            Err(SendError(job)) => job,
        },
        None => job,
    };
    let (send, receive) = mpsc::channel::<IndexBuild>();
    let started = std::thread::Builder::new()
        .name("search-index".into())
        .spawn(move || {
            for job in receive {
                // What was freed before the build (the records' reading on the UI thread, a
                // database closed) is given back first: this thread's allocations would not
                // reuse it, and the build's peak would stand on top of it.
                crate::memory::release();
                // A build that panics drops its channel, which its app reads as a failed
                // build; the thread goes on to the next.
                let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(job));
                // A build frees as much again as it keeps (its reading and sorting).
                crate::memory::release();
            }
        });
    match started {
        Ok(_) => {
            let sent = send.send(job);
            *jobs = Some(send);
            match sent {
                Ok(()) => Ok(()),
                Err(SendError(job)) => Err((job, "the index thread ended at once".into())),
            }
        }
        Err(e) => Err((job, e.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_build_runs_on_one_thread_even_after_one_panicked() {
        let thread_of_a_build = || {
            let (send, got) = mpsc::channel();
            let job: IndexBuild = Box::new(move || {
                let _ = send.send(std::thread::current().id());
            });
            assert!(run(job).is_ok());
            got.recv_timeout(std::time::Duration::from_secs(10))
        };
        let first = thread_of_a_build();
        assert!(first.is_ok());
        assert_eq!(thread_of_a_build(), first, "the same thread again");
        assert!(run(Box::new(|| panic!("a build that fails"))).is_ok());
        assert_eq!(thread_of_a_build(), first, "still the same thread");
    }
}
