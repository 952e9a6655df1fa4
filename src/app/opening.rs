//! Opening the database beside the window. After a crash, or for a copied file, the whole
//! file's integrity is checked before anything is read from it (a few hundred milliseconds
//! for a decade of work): the window shows at once and says so, and the app starts when
//! the database is open, or the failure screen says why it did not.

use crate::domain::Lang;
use crate::store::{Store, StoreError};
use egui::{Align, Layout, ProgressBar, RichText};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::time::Duration;

/// How often the checking screen looks for the finished open.
const POLL: Duration = Duration::from_millis(50);

/// Seconds one sweep of the progress bar takes (the store reports no progress of its own).
const SWEEP_SECONDS: f64 = 1.6;

/// How the database is opened: [`Store::open`] in the app; tests pass their own.
pub(crate) type OpenDatabase = Box<dyn FnOnce(&Path) -> Result<Store, StoreError> + Send>;

/// Opens the database at `path` the ordinary way, then, still on the opening worker, takes
/// the signed copies typed as paths before files were kept into the file store
/// ([`crate::services::files::adopt_typed_paths`]). That step never stops the open: a path
/// whose file is gone stays as typed, and a failure is logged for the next open to retry.
pub(crate) fn open_and_adopt(path: &Path) -> Result<Store, StoreError> {
    let store = Store::open(path)?;
    let now = chrono::Utc::now();
    let ctx = crate::services::Ctx {
        actor: crate::domain::UserId(0),
        now,
        today: chrono::Local::now().date_naive(),
    };
    match crate::services::files::adopt_typed_paths(&store, &ctx) {
        Ok(report) => {
            if !report.adopted.is_empty() || !report.missing.is_empty() {
                log::info!(
                    "signed copies: {} taken into the file store, {} typed paths without a file kept as typed",
                    report.adopted.len(),
                    report.missing.len()
                );
            }
            for (id, version, e) in &report.failed {
                log::warn!("meeting {} v{version}: signed copy not taken in: {e}", id.0);
            }
        }
        Err(e) => log::warn!("signed copies not taken into the file store: {e}"),
    }
    Ok(store)
}

/// A database being opened on a worker thread.
pub(crate) struct Opening {
    /// The database file.
    pub db: PathBuf,
    /// The open's result, once the worker is done.
    done: Receiver<Result<Store, StoreError>>,
}

impl Opening {
    /// Starts opening `db` with `open` on a worker thread (or here, if no thread can be
    /// started: the window then shows once the open is done).
    pub fn start(db: PathBuf, open: OpenDatabase) -> Opening {
        let (send, done) = mpsc::channel();
        let path = db.clone();
        // Shared with the worker, so that the opener is still here if no thread starts.
        let open = std::sync::Arc::new(std::sync::Mutex::new(Some(open)));
        let worker = std::thread::Builder::new()
            .name("open-database".into())
            .spawn({
                let send = send.clone();
                let open = std::sync::Arc::clone(&open);
                move || {
                    let open = open.lock().ok().and_then(|mut o| o.take());
                    if let Some(open) = open {
                        // The window may have been closed before the open finished.
                        let _ = send.send(open(&path));
                    }
                }
            });
        if let Err(e) = worker {
            log::warn!("no thread to open the database ({e}); opening it on the UI thread");
            let open = open.lock().ok().and_then(|mut o| o.take());
            if let Some(open) = open {
                let _ = send.send(open(&db));
            }
        }
        Opening { db, done }
    }

    /// The open's result when the worker has finished; `None` while it runs.
    pub fn result(&self) -> Option<Result<Store, StoreError>> {
        match self.done.try_recv() {
            Ok(result) => Some(result),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(Err(StoreError::Engine(
                "the check of the database stopped before it finished".into(),
            ))),
        }
    }

    /// The checking screen: what is happening, on which file, and a moving bar.
    pub fn ui(&self, ui: &mut egui::Ui, lang: Lang) {
        egui::CentralPanel::default_margins().show(ui, |ui| {
            ui.with_layout(Layout::top_down(Align::Center), |ui| {
                ui.add_space(ui.available_height() / 3.0);
                ui.heading(checking_text(lang));
                ui.add_space(12.0);
                let sweep = (ui.input(|i| i.time) / SWEEP_SECONDS).fract() as f32;
                ui.add(ProgressBar::new(sweep).desired_width(360.0).animate(true));
                ui.add_space(8.0);
                ui.label(RichText::new(self.db.display().to_string()).small().weak());
            });
        });
        ui.ctx().request_repaint_after(POLL);
    }
}

/// What the checking screen says.
pub(crate) fn checking_text(lang: Lang) -> &'static str {
    lang.pick("正在检查数据库…", "Checking the database…")
}
