//! Saving to a team database while its server cannot be reached (the network is down, the
//! server restarts): the form keeps what was typed, the window says so plainly, and the same
//! change — with the same operation id, so that it is never saved twice — is tried again on
//! a worker thread every few seconds until the server answers. A newer save of the person's
//! replaces the one waiting; after [`ATTEMPTS`] tries the window stops and says that the
//! edits are still in the form, to be saved again.

use super::AccountDeskApp;
use super::actions::{Replay, is_unreachable};
use crate::services::{self, Applied, Command, ServiceError};
use crate::store::OpId;
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// How long the window waits between tries.
const EVERY: Duration = Duration::from_secs(3);
/// How many tries are made before the window stops trying by itself (about a minute).
const ATTEMPTS: u32 = 20;

/// A change waiting for the server.
pub(super) struct Retry {
    command: Command,
    replay: Replay,
    op: OpId,
    tries: u32,
    next: Instant,
    /// The note saying so, withdrawn when the change is saved or given up.
    note: String,
    running: Option<mpsc::Receiver<Result<Option<Applied>, ServiceError>>>,
}

impl AccountDeskApp {
    /// Keeps `command` (tried as `op`, refused with `error`) to try again shortly.
    pub(super) fn retry_later(
        &mut self,
        command: Command,
        replay: Replay,
        op: OpId,
        error: &ServiceError,
    ) {
        if let Some(old) = self.retry.take() {
            self.notes.withdraw(&old.note);
        }
        let lang = self.prefs.lang;
        let note = format!(
            "{}{}",
            lang.pick(
                "尚未保存：无法连接团队数据库，您的修改仍在表单中，几秒后自动重试（不会重复保存）。",
                "Not saved yet: the team database cannot be reached. Your edits stay in the form and are tried again in a few seconds (never saved twice). ",
            ),
            error.message(lang)
        );
        self.notes.error(note.clone());
        self.retry = Some(Retry {
            command,
            replay,
            op,
            tries: 1,
            next: Instant::now() + EVERY,
            note,
            running: None,
        });
    }

    /// Whether a change is waiting for the team database's server.
    pub fn is_retrying(&self) -> bool {
        self.retry.is_some()
    }

    /// Tries the waiting change again when it is time, and takes in the outcome of a try.
    pub(super) fn poll_retry(&mut self, ctx: &egui::Context) {
        let Some(retry) = &mut self.retry else {
            return;
        };
        if let Some(running) = &retry.running {
            let outcome = match running.try_recv() {
                Ok(outcome) => outcome,
                Err(mpsc::TryRecvError::Empty) => {
                    ctx.request_repaint_after(Duration::from_millis(100));
                    return;
                }
                Err(mpsc::TryRecvError::Disconnected) => Err(ServiceError::Store(
                    crate::store::StoreError::Unreachable("the try stopped".into()),
                )),
            };
            retry.running = None;
            if matches!(&outcome, Err(e) if is_unreachable(e)) && retry.tries < ATTEMPTS {
                retry.tries += 1;
                retry.next = Instant::now() + EVERY;
                ctx.request_repaint_after(EVERY);
                return;
            }
            let Some(done) = self.retry.take() else {
                return;
            };
            self.notes.withdraw(&done.note);
            if matches!(&outcome, Err(e) if is_unreachable(e)) {
                let lang = self.prefs.lang;
                self.notes.error(
                    lang.pick(
                        "仍无法连接团队数据库，已停止自动重试。您的修改仍在表单中：网络恢复后请再点保存。",
                        "The team database still cannot be reached; trying stopped. Your edits are still in the form: save again once the network is back.",
                    )
                    .to_string(),
                );
                return;
            }
            // Saved, or refused for another reason (a colleague's newer version): taken in as
            // any save is. A second unreachable outcome cannot come back here.
            self.finish_command(done.command, done.replay, None, outcome);
            return;
        }
        if Instant::now() < retry.next {
            ctx.request_repaint_after(retry.next.saturating_duration_since(Instant::now()));
            return;
        }
        let (command, op) = (retry.command.clone(), retry.op);
        let (send, receive) = mpsc::channel();
        let store = std::sync::Arc::clone(&self.store);
        let ctx_of_change = self.ctx();
        let Some(retry) = &mut self.retry else {
            return;
        };
        let spawned = std::thread::Builder::new()
            .name("retry-save".into())
            .spawn(move || {
                let _ = send.send(services::apply_once(&store, &ctx_of_change, command, op));
            });
        match spawned {
            Ok(_) => retry.running = Some(receive),
            Err(e) => {
                log::warn!("no thread to try the change again ({e}); waiting");
                retry.next = Instant::now() + EVERY;
            }
        }
        ctx.request_repaint_after(Duration::from_millis(100));
    }
}
