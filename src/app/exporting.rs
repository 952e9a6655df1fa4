//! A client's or a job's documents written out from the window as one zip with UTF-8 names
//! (`客户/品牌/工作号/类别/文件名` and `目录.csv`, readable without the app), in the
//! background: a client's archive can be gigabytes of masters. The command line writes the
//! same as folders too (`export archive`).

use super::AccountDeskApp;
use super::dialog::{SaveRequest, SaveTarget};
use crate::services::ServiceError;
use crate::services::export::archive::{ArchiveScope, ArchiveWritten, write_zip};
use crate::ui::model::FilesPlace;
use std::path::PathBuf;
use std::sync::Arc;
use std::thread::JoinHandle;

/// An export under way: where it goes, and the worker writing it.
#[derive(Debug)]
pub(super) struct ArchiveExport {
    target: PathBuf,
    worker: JoinHandle<Result<ArchiveWritten, ServiceError>>,
}

impl AccountDeskApp {
    /// Asks where to save the archive of `place` (a client's or a job's files) and writes
    /// it in the background; the notifications say when it is done.
    pub(super) fn export_archive(&mut self, place: FilesPlace) {
        let lang = self.prefs.lang;
        if self.archive_export.is_some() {
            self.notes.info(self.tr(
                "上一个文件档案仍在导出，请稍候。",
                "The previous archive is still being written; wait a moment.",
            ));
            return;
        }
        let (scope, name) = match place {
            FilesPlace::Job(j) => match self.data.job(j) {
                Some(job) => (
                    ArchiveScope::Job(j),
                    format!("{} {}", job.number.text, job.title),
                ),
                None => return,
            },
            FilesPlace::Client(c) => match self.data.client(c) {
                Some(client) => (ArchiveScope::Client(c), client.display_name().to_string()),
                None => return,
            },
            FilesPlace::Brand(_) | FilesPlace::Meeting(_) | FilesPlace::Reference => return,
        };
        let today = chrono::Local::now().date_naive().format("%Y%m%d");
        let file_name = format!(
            "{} {}.zip",
            crate::services::export::file_safe(&format!(
                "{name} {}",
                lang.pick("文件档案", "files")
            )),
            today
        );
        let request = SaveRequest {
            file_name: &file_name,
            filter: "Zip",
            extension: "zip",
        };
        let cancelled = self.tr("已取消导出。", "Export cancelled.");
        let Some(SaveTarget {
            path: target,
            replace,
            ..
        }) = self.save_target(&request, cancelled)
        else {
            return;
        };
        if let Err(e) = crate::store::refuse_overwrite(self.store.path(), &target) {
            self.notes.error(e.message(lang));
            return;
        }
        let store = Arc::clone(&self.store);
        let to = target.clone();
        let worker = std::thread::Builder::new()
            .name("archive-export".into())
            .spawn(move || write_replacing(&store, scope, &to, replace, lang));
        match worker {
            Ok(worker) => {
                self.notes.info(format!(
                    "{}{}",
                    self.tr("正在导出文件档案：", "Writing the archive: "),
                    target.display()
                ));
                self.archive_export = Some(ArchiveExport { target, worker });
            }
            Err(e) => self.notes.error(format!("{}: {e}", target.display())),
        }
    }

    /// Says how the archive export ended, once it has; looked at every frame.
    pub(super) fn poll_archive_export(&mut self, ctx: &egui::Context) {
        let Some(export) = self.archive_export.take() else {
            return;
        };
        if !export.worker.is_finished() {
            self.archive_export = Some(export);
            ctx.request_repaint_after(std::time::Duration::from_millis(250));
            return;
        }
        let lang = self.prefs.lang;
        match export.worker.join() {
            Ok(Ok(written)) => self.notes.info(match lang {
                crate::domain::Lang::Zh => format!(
                    "已导出 {} 个文件（{}）到 {}",
                    written.files,
                    crate::domain::format::file_size(written.bytes),
                    export.target.display()
                ),
                crate::domain::Lang::En => format!(
                    "{} files ({}) written to {}",
                    written.files,
                    crate::domain::format::file_size(written.bytes),
                    export.target.display()
                ),
            }),
            Ok(Err(e)) => self.notes.error(e.message(lang)),
            Err(_) => self.notes.error(format!(
                "{}{}",
                self.tr("导出中断：", "The export stopped: "),
                export.target.display()
            )),
        }
    }

    /// Waits for the archive export under way to be written; the next frame says so
    /// (tests).
    pub fn finish_archive_export(&self) {
        while self
            .archive_export
            .as_ref()
            .is_some_and(|e| !e.worker.is_finished())
        {
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
    }
}

/// Writes the zip at `target`. A file there is replaced only when the person agreed
/// (`replace`, asked by the save dialog): the zip is written beside it under a new name and
/// renamed over it, so the old file stays whole until the new one is. Otherwise a file there
/// is refused with its name.
fn write_replacing(
    store: &crate::store::Store,
    scope: ArchiveScope,
    target: &std::path::Path,
    replace: bool,
    lang: crate::domain::Lang,
) -> Result<ArchiveWritten, ServiceError> {
    if !replace || !target.exists() {
        return write_zip(store, scope, target, lang);
    }
    let fresh = target.with_extension(format!("new-{}.zip", std::process::id()));
    let written = write_zip(store, scope, &fresh, lang)?;
    std::fs::rename(&fresh, target).map_err(|e| {
        let _ = std::fs::remove_file(&fresh);
        ServiceError::Export(format!("{}: {e}", target.display()))
    })?;
    Ok(written)
}
