//! Filing documents from the window: files chosen with the open dialog go to the files page
//! to be confirmed; confirmed files are taken into the file store and then recorded; the
//! same file filed elsewhere already goes back to the page to be confirmed again.

use super::AccountDeskApp;
use crate::domain::DocumentId;
use crate::domain::document::DocumentStatus;
use crate::services::Command;
use crate::services::documents::filed_as;
use crate::ui::model::{FilesPlace, Route};
use crate::ui::screens::PendingFile;

impl AccountDeskApp {
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
                self.screens.document_filed(&f.path);
            } else {
                break;
            }
        }
        if !repeats.is_empty() {
            self.screens.documents_chosen(repeats);
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
        let status = match self.store.get::<crate::domain::Document>(id.0) {
            Ok(Some(d)) => match d.status() {
                DocumentStatus::Draft | DocumentStatus::Voided => DocumentStatus::Final,
                other => other,
            },
            _ => DocumentStatus::Final,
        };
        if self.run_command(Command::AddDocumentVersion(id, file, status, String::new())) {
            self.route = Route::Document(id);
        }
    }
}
