//! Filing documents from the window: files chosen with the open dialog go to the files page
//! to be confirmed; confirmed files are taken into the file store and then recorded; the
//! same file filed elsewhere already goes back to the page to be confirmed again.

use super::AccountDeskApp;
use crate::domain::DocumentId;
use crate::domain::document::DocumentStatus;
use crate::services::Command;
use crate::services::documents::{DocumentDraft, FiledWith, filed_as};
use crate::ui::model::{FilesPlace, Route};
use crate::ui::screens::PendingFile;
use std::path::PathBuf;
use std::sync::Arc;

/// The watched folders as last looked at, and when.
#[derive(Default)]
pub(super) struct Watching {
    watcher: super::watch::Watcher,
    last: Option<std::time::Instant>,
    /// How often to look (`None`: every [`LOOK_EVERY`]).
    every: Option<std::time::Duration>,
}

/// How often the watched folders are looked at.
const LOOK_EVERY: std::time::Duration = std::time::Duration::from_secs(3);

/// The background reading of documents' words: the program that reads them (the app
/// itself, run as `account-desk extract-text`; none in tests, where nothing is read) and the
/// worker reading now.
#[derive(Default)]
pub(super) struct TextReader {
    exe: Option<PathBuf>,
    worker: Option<std::thread::JoinHandle<()>>,
    /// Files were filed while the worker read: it is started again when it is done, for
    /// the list it read was made before them.
    again: bool,
}

impl AccountDeskApp {
    /// Looks at the watched folders every few seconds; files that stopped growing go to the
    /// inbox.
    pub(super) fn look_at_watched_folders(&mut self, ctx: &egui::Context) {
        self.screens.set_watched(&self.prefs.watched);
        if self.prefs.watched.is_empty() {
            return;
        }
        let every = self.watcher.every.unwrap_or(LOOK_EVERY);
        if self.watcher.last.is_some_and(|t| t.elapsed() < every) {
            ctx.request_repaint_after(every);
            return;
        }
        self.watcher.last = Some(std::time::Instant::now());
        let taken: std::collections::HashSet<String> =
            self.prefs.inbox_taken.iter().cloned().collect();
        let ready = self.watcher.watcher.look(&self.prefs.watched, &taken);
        self.screens
            .inbox_arrived(ready.into_iter().map(|(path, _)| path).collect());
        ctx.request_repaint_after(every);
    }

    /// Looks at the watched folders at every frame (tests, which cannot wait seconds).
    pub fn look_at_every_frame(&mut self) {
        self.watcher.every = Some(std::time::Duration::ZERO);
    }

    /// Asks for a folder to watch.
    pub(super) fn watch_folder(&mut self) {
        let title = self.tr("选择要监视的文件夹", "Choose a folder to watch");
        if let Some(folder) = self.file_picker.pick_folder(title)
            && !self.prefs.watched.contains(&folder)
        {
            self.prefs.watched.push(folder);
            self.watcher.last = None;
        }
    }

    /// Remembers a file of a watched folder as dealt with (filed or set aside), so it is not
    /// offered again unless it changes.
    fn take_from_inbox(&mut self, path: &std::path::Path) {
        let in_watched = path
            .parent()
            .is_some_and(|p| self.prefs.watched.iter().any(|w| w == p));
        if !in_watched {
            return;
        }
        if let Ok(meta) = std::fs::metadata(path) {
            let key = super::watch::key(path, meta.len(), meta.modified().ok());
            if !self.prefs.inbox_taken.contains(&key) {
                self.prefs.inbox_taken.push(key);
            }
        }
    }

    /// Sets a file of the inbox aside.
    pub(super) fn set_aside(&mut self, path: &std::path::Path) {
        self.take_from_inbox(path);
        self.screens.document_filed(path);
    }

    /// Reads the words of every filed document not read yet, in the background, with the
    /// program `exe`; and again after each filing.
    pub fn read_texts_with(&mut self, exe: PathBuf) {
        self.texts.exe = Some(exe);
        self.read_pending_texts();
    }

    /// Starts a worker over the documents whose words are not read yet, unless one runs.
    pub(super) fn read_pending_texts(&mut self) {
        let Some(exe) = self.texts.exe.clone() else {
            return;
        };
        if self.texts.worker.as_ref().is_some_and(|w| !w.is_finished()) {
            self.texts.again = true;
            return;
        }
        self.texts.again = false;
        let store = Arc::clone(&self.store);
        let worker = std::thread::Builder::new()
            .name("document-texts".into())
            .spawn(move || {
                let files = match crate::services::texts::pending(&store) {
                    Ok(files) => files,
                    Err(e) => {
                        log::warn!("listing the documents to read: {e}");
                        return;
                    }
                };
                for file in files {
                    crate::services::texts::index_file(&store, &exe, &file);
                }
                // Then the thumbnails of the pictures and PDFs (on a team database, made once by
                // the first desk to get to them and kept in the server for everyone).
                match crate::services::thumbs::pending(&store) {
                    Ok(pictures) => {
                        for file in pictures {
                            crate::services::thumbs::make_for(&store, &exe, &file);
                        }
                    }
                    Err(e) => log::warn!("listing the pictures to shrink: {e}"),
                }
            });
        match worker {
            Ok(w) => self.texts.worker = Some(w),
            Err(e) => log::warn!("cannot start reading documents' words: {e}"),
        }
    }

    /// Starts reading again the words of what was filed while the worker read, once it is
    /// done; looked at every frame.
    pub(super) fn poll_texts(&mut self, ctx: &egui::Context) {
        if !self.texts.again {
            return;
        }
        match self.texts.worker.as_ref().is_some_and(|w| !w.is_finished()) {
            true => ctx.request_repaint_after(std::time::Duration::from_millis(500)),
            false => self.read_pending_texts(),
        }
    }

    /// Asks for a file with the open dialog and puts it on the files page of `place`.
    pub(super) fn pick_documents(&mut self, place: FilesPlace) {
        let title = self.tr("选择要归档的文件", "Choose a file to file");
        let Some(path) = self.file_picker.pick(title) else {
            return;
        };
        let stage = match place {
            FilesPlace::Job(j) => self.data.job(j).map(|j| j.status),
            _ => None,
        };
        self.screens
            .documents_chosen(vec![PendingFile::new(path, place, stage)]);
    }

    /// Files each confirmed file: stored first, then recorded. A file already filed as
    /// another document (and not confirmed to be filed here too) is stored but goes back to
    /// the page with the documents it is filed as.
    pub(super) fn file_documents(&mut self, files: Vec<PendingFile>) {
        let mut repeats = Vec::new();
        for f in files {
            let file =
                match crate::services::files::import_document_file(&self.store, f.with, &f.path) {
                    Ok(file) => file,
                    Err(e) => {
                        self.notes.error(e.message(self.prefs.lang));
                        continue;
                    }
                };
            if !f.link {
                let already: Vec<String> = match filed_as(&self.store, file.hash) {
                    Ok(docs) => docs
                        .iter()
                        .filter(|d| d.trashed.is_none())
                        .map(|d| format!("“{}”", d.title))
                        .collect(),
                    Err(e) => {
                        self.notes.error(e.message(self.prefs.lang));
                        continue;
                    }
                };
                if !already.is_empty() {
                    repeats.push(PendingFile { already, ..f });
                    continue;
                }
            }
            let command = Command::FileDocument(f.with, Box::new(f.draft.clone()), file);
            if self.run_command(command) {
                self.take_from_inbox(&f.path);
                self.screens.document_filed(&f.path);
            } else {
                break;
            }
        }
        self.read_pending_texts();
        if !repeats.is_empty() {
            self.screens.documents_chosen(repeats);
        }
    }

    /// Opens a writable working copy of document `id`'s newest file.
    pub(super) fn edit_document(&mut self, id: DocumentId) {
        let doc = match self.store.get::<crate::domain::Document>(id.0) {
            Ok(Some(d)) => d,
            Ok(None) => return,
            Err(e) => {
                self.notes.error(e.message(self.prefs.lang));
                return;
            }
        };
        match crate::services::working::check_out(&self.store, &doc) {
            Ok(copy) => self.open_path(&copy),
            Err(e) => self.notes.error(e),
        }
    }

    /// Checks document `id`'s working copy in as its next version (its status kept, a draft
    /// becoming final).
    pub(super) fn check_in(&mut self, id: DocumentId) {
        let Some(copy) = crate::services::working::copy_of(&self.store, id) else {
            return;
        };
        let file = match crate::services::files::import_version_file(&self.store, id, &copy) {
            Ok(file) => file,
            Err(e) => {
                self.notes.error(e.message(self.prefs.lang));
                return;
            }
        };
        let status = self.next_version_status(id);
        let note = self
            .tr("工作副本检入", "Checked in from the working copy")
            .to_string();
        if self.run_command(Command::AddDocumentVersion(id, file, status, note)) {
            self.read_pending_texts();
        }
    }

    /// Removes document `id`'s working copy, unless it holds edits.
    pub(super) fn discard_working_copy(&mut self, id: DocumentId) {
        let Ok(Some(doc)) = self.store.get::<crate::domain::Document>(id.0) else {
            return;
        };
        if let Err(kept) = crate::services::working::discard(&self.store, &doc) {
            self.notes.error(match self.prefs.lang {
                crate::domain::Lang::Zh => format!(
                    "工作副本有未检入的修改，已保留：{}。请先检入为新版本。",
                    kept.0.display()
                ),
                crate::domain::Lang::En => format!(
                    "The working copy holds edits not checked in and was kept: {}. Check it in as the next version first.",
                    kept.0.display()
                ),
            });
        }
    }

    /// The status of a document's next version: as the newest, a draft or voided one
    /// becoming final.
    fn next_version_status(&self, id: DocumentId) -> DocumentStatus {
        match self.store.get::<crate::domain::Document>(id.0) {
            Ok(Some(d)) => match d.status() {
                DocumentStatus::Draft | DocumentStatus::Voided => DocumentStatus::Final,
                other => other,
            },
            _ => DocumentStatus::Final,
        }
    }

    /// Asks for the file of document `id`'s next version and adds it (its status as the
    /// newest version's was, or final after a draft).
    pub(super) fn pick_document_version(&mut self, id: DocumentId) {
        let title = self.tr("选择新版本的文件", "Choose the file of the new version");
        let Some(path) = self.file_picker.pick(title) else {
            return;
        };
        let file = match crate::services::files::import_version_file(&self.store, id, &path) {
            Ok(file) => file,
            Err(e) => {
                self.notes.error(e.message(self.prefs.lang));
                return;
            }
        };
        let status = self.next_version_status(id);
        if self.run_command(Command::AddDocumentVersion(id, file, status, String::new())) {
            self.route = Route::Document(id);
            self.read_pending_texts();
        }
    }

    /// Saves the label sheet of `items` where the person chooses, from label `skip` of a
    /// used sheet.
    pub(super) fn print_labels(&mut self, items: &[crate::domain::LibraryItemId], skip: usize) {
        let mut labels = Vec::with_capacity(items.len());
        for id in items {
            match self.store.get::<crate::domain::LibraryItem>(id.0) {
                Ok(Some(i)) => {
                    // As the library lists it: the agency's own items say so.
                    let client = i.kept_for(self.data.client_name(i.client_id), true);
                    labels.push(crate::reports::labels::ItemLabel::of(&i, client));
                }
                Ok(None) => {}
                Err(e) => {
                    self.notes.error(e.message(self.prefs.lang));
                    return;
                }
            }
        }
        let name = match labels.as_slice() {
            [one] => format!("标签 {}.pdf", one.number),
            _ => format!("图书室标签 {} 枚.pdf", labels.len()),
        };
        let bytes = crate::pdf::labels::render_labels(&labels, skip)
            .map_err(|e| crate::services::ServiceError::Export(e.to_string()));
        self.deliver(&name, bytes, ("PDF", "pdf"), false);
    }

    /// Files a document the app made and sent or issued (minutes sent, a schedule issued, an
    /// estimate sent) in its place, from the file just written at `path`. A file that cannot
    /// be filed is said, never fatal: what was sent went.
    pub(super) fn file_made(
        &mut self,
        with: FiledWith,
        path: &std::path::Path,
        draft: DocumentDraft,
    ) {
        match crate::services::files::import_document_file(&self.store, with, path) {
            Ok(file) => {
                self.run_command(Command::FileDocument(with, Box::new(draft), file));
            }
            Err(e) => self.notes.error(format!(
                "{}{}",
                self.tr(
                    "已发出，但未能归入文件档案：",
                    "Sent, but not filed in the job file: "
                ),
                e.message(self.prefs.lang)
            )),
        }
    }

    /// [`Self::file_made`] for a document made in memory: written under `name` to a folder of
    /// its own in the temporary folder, filed, and the folder removed.
    pub(super) fn file_made_bytes(
        &mut self,
        with: FiledWith,
        name: &str,
        bytes: &[u8],
        draft: DocumentDraft,
    ) {
        static MADE: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let n = MADE.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let folder =
            std::env::temp_dir().join(format!("account-desk-made-{}-{n}", std::process::id()));
        let path = folder.join(crate::safe_file::fix_extension(
            std::path::Path::new(name),
            "pdf",
        ));
        let written = std::fs::create_dir_all(&folder)
            .and_then(|()| crate::safe_file::write_atomic(&path, bytes));
        match written {
            Ok(()) => self.file_made(with, &path, draft),
            Err(e) => self.notes.error(format!(
                "{}{}: {e}",
                self.tr(
                    "已发出，但未能归入文件档案：",
                    "Sent, but not filed in the job file: "
                ),
                path.display()
            )),
        }
        let _ = std::fs::remove_dir_all(&folder);
    }

    /// The client's version of a schedule just issued, as a PDF, filed in the job file.
    pub(super) fn file_issued_schedule(&mut self, job: crate::domain::JobId) {
        use crate::reports::schedule::{PlanChoice, View};
        use crate::services::export::{ScheduleFormat, export_schedule};
        let today = chrono::Local::now().date_naive();
        let format = ScheduleFormat::Pdf(crate::pdf::Paper::A4);
        let lang = self.prefs.lang;
        let made = export_schedule(
            &self.store,
            job,
            View::Client,
            PlanChoice::Issued(None),
            format,
            today,
            lang,
        );
        let version = self.store.issued_schedules(job).map_or(0, |v| v.len());
        let number = self
            .data
            .job(job)
            .map(|j| j.number.text.clone())
            .unwrap_or_default();
        match made {
            Ok(done) => {
                let mut d = DocumentDraft::new(
                    crate::domain::document::DocumentKind::Schedule,
                    format!("{number} 进度表 v{version}（客户版）"),
                );
                d.dated = Some(today);
                self.file_made_bytes(FiledWith::Job(job), &done.file_name, &done.bytes, d);
            }
            Err(e) => self.notes.error(e.message(lang)),
        }
    }

    /// The job brief as exported to be sent or printed, its PDF filed in the job file: once
    /// for each version of the brief, so exporting the same version again files nothing.
    pub(super) fn file_sent_brief(&mut self, job: crate::domain::JobId, name: &str, bytes: &[u8]) {
        let reader = crate::services::Reader::new(&self.store);
        let version = match reader.brief_versions(job) {
            Ok(versions) => versions.iter().map(|v| v.version).max().unwrap_or(0),
            Err(e) => {
                self.notes.error(e.message(self.prefs.lang));
                return;
            }
        };
        let number = self.data.job(job).map(|j| j.number.text.clone());
        let title = format!("{} 工作简要 v{version}", number.unwrap_or_default());
        let brief = crate::domain::document::DocumentKind::Brief;
        match reader.job_documents(job) {
            Ok(filed) if filed.iter().any(|d| d.kind == brief && d.title == title) => return,
            Ok(_) => {}
            Err(e) => {
                self.notes.error(e.message(self.prefs.lang));
                return;
            }
        }
        let mut d = DocumentDraft::new(brief, title);
        d.dated = Some(chrono::Local::now().date_naive());
        self.file_made_bytes(FiledWith::Job(job), name, bytes, d);
    }

    /// The version of an estimate just sent to the client, as its PDF, filed in the job
    /// file (a media estimate as the media plan).
    pub(super) fn file_sent_estimate(&mut self, id: crate::domain::EstimateId) {
        use crate::domain::estimate::EstimateKind;
        let lang = crate::services::export::budget::doc_lang(self.prefs.lang);
        let made = self
            .store
            .read()
            .map_err(crate::services::ServiceError::from)
            .and_then(|view| {
                let e: crate::domain::Estimate =
                    view.get(id.0)?
                        .ok_or(crate::services::ServiceError::NotFound {
                            what: "estimate",
                            id: id.0,
                        })?;
                let v = view
                    .estimate_versions(id)?
                    .into_iter()
                    .max_by_key(|v| v.number);
                let done = crate::services::export::estimate::export_estimate(
                    &view,
                    &e,
                    e.versions,
                    lang,
                    crate::services::export::MoneyFormat::Pdf,
                )?;
                Ok((e, v, done))
            });
        match made {
            Ok((e, v, done)) => {
                let kind = match e.kind {
                    EstimateKind::Media => crate::domain::document::DocumentKind::MediaPlan,
                    _ => crate::domain::document::DocumentKind::ProductionEstimate,
                };
                let letter = v.as_ref().map(|v| v.letter()).unwrap_or_default();
                let mut d = DocumentDraft::new(kind, format!("{} {letter} 已发客户", e.number));
                d.dated = Some(chrono::Local::now().date_naive());
                d.number = e.number.clone();
                d.amount = v.and_then(|v| v.totals().ok()).map(|t| t.gross);
                self.file_made_bytes(FiledWith::Job(e.job_id), &done.file_name, &done.bytes, d);
            }
            Err(e) => self.notes.error(e.message(self.prefs.lang)),
        }
    }

    /// Completes `job` from the revision shown, then files its completion form, made a PDF
    /// from what the person filled in, in its job file.
    pub(super) fn complete_job(
        &mut self,
        job: crate::domain::JobId,
        form: &crate::reports::completion::CompletionForm,
        base: crate::services::Base,
    ) {
        let step = Command::SetJobStatus(job, crate::domain::JobStatus::Completed, base);
        if !self.run_command(step) {
            return;
        }
        let today = chrono::Local::now().date_naive();
        match crate::services::export::completion::completion_pdf(&self.store, job, form, today) {
            Ok((name, bytes)) => {
                let mut d = DocumentDraft::new(
                    crate::domain::document::DocumentKind::JobCompletion,
                    name.trim_end_matches(".pdf"),
                );
                d.dated = Some(today);
                self.file_made_bytes(FiledWith::Job(job), &name, &bytes, d);
            }
            Err(e) => self.notes.error(e.message(self.prefs.lang)),
        }
    }
}
