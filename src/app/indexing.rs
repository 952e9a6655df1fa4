//! Keeping the search index in step with the records: one record re-read after a change.

use crate::domain::{BrandId, ClientId, JobId, Subject};
use crate::search::{DocKind, DocRef, SearchIndex};
use crate::services::searching::SharedIndex;
use crate::store::Store;
use crate::ui::model::Data;

/// An index [`update_index`] changes: one of its own, or the one shared with the search
/// popup's thread, locked only while a record goes in, never while it is read.
pub(super) trait ChangesIndex {
    /// Runs `f` on the index.
    fn change<R>(&mut self, f: impl FnOnce(&mut SearchIndex) -> R) -> R;
}

impl ChangesIndex for SearchIndex {
    fn change<R>(&mut self, f: impl FnOnce(&mut SearchIndex) -> R) -> R {
        f(self)
    }
}

impl ChangesIndex for SharedIndex {
    fn change<R>(&mut self, f: impl FnOnce(&mut SearchIndex) -> R) -> R {
        f(&mut self.write())
    }
}

/// Puts the current state of record `subject` / `id` (from `data`; a meeting, with its
/// minutes, from the store) into the index.
pub(super) fn update_index(
    index: &mut impl ChangesIndex,
    data: &Data,
    store: &Store,
    subject: Subject,
    id: u64,
) {
    // A subject search does not find (users, settings, schedules) changes no document.
    let Some(kind) = crate::services::subject_spec(subject).and_then(|s| s.search) else {
        return;
    };
    let doc = DocRef { kind, id };
    let updated = match kind {
        DocKind::Client => data
            .client(ClientId(id))
            .map(|c| index.change(|i| i.upsert_client(c))),
        DocKind::Brand => data
            .brand(BrandId(id))
            .map(|b| index.change(|i| i.upsert_brand(b, data.client_name(b.client_id)))),
        DocKind::Job => data
            .job(JobId(id))
            .map(|j| index.change(|i| i.upsert_job(j, data.client_name(j.client_id)))),
        DocKind::Contact => data
            .contacts
            .iter()
            .find(|c| c.id.0 == id)
            .map(|c| index.change(|i| i.upsert_contact(c, data.client_name(c.client_id)))),
        DocKind::Contract => data
            .contracts
            .iter()
            .find(|c| c.id.0 == id)
            .map(|c| index.change(|i| i.upsert_contract(c, data.client_name(c.client_id)))),
        DocKind::Document => match store.get::<crate::domain::Document>(id) {
            Ok(d) => {
                d.map(|d| index.change(|i| i.upsert_document(&d, data.client_name(d.client_id))))
            }
            Err(e) => {
                log::warn!("re-reading document {id} for the search index: {e}");
                return;
            }
        },
        DocKind::CreativeWork => match store.get::<crate::domain::CreativeWork>(id) {
            Ok(w) => w.map(|w| {
                index.change(|i| i.upsert_creative_work(&w, data.client_name(w.client_id)))
            }),
            Err(e) => {
                log::warn!("re-reading creative work {id} for the search index: {e}");
                return;
            }
        },
        DocKind::LibraryItem => match store.get::<crate::domain::LibraryItem>(id) {
            Ok(item) => item.map(|item| {
                index.change(|i| i.upsert_library_item(&item, data.client_name(item.client_id)))
            }),
            Err(e) => {
                log::warn!("re-reading library item {id} for the search index: {e}");
                return;
            }
        },
        DocKind::Meeting => match store.get::<crate::domain::Meeting>(id) {
            Ok(m) => {
                m.map(|m| index.change(|i| i.upsert_meeting(&m, data.client_name(m.client_id))))
            }
            Err(e) => {
                // Keep what the index has: the meeting was not seen to go.
                log::warn!("re-reading meeting {id} for the search index: {e}");
                return;
            }
        },
    };
    if updated.is_none() {
        index.change(|i| i.remove(doc));
    }
}

/// The search popup's query looked for in the words of the documents' files (the texts kept
/// beside a desk's database), one query at a time in the background: the popup lists the
/// documents found after the hits by name when they come.
#[derive(Default)]
pub(super) struct WordSearch {
    worker: Option<(
        String,
        std::sync::mpsc::Receiver<Vec<crate::ui::search_ui::FoundInFile>>,
    )>,
}

impl super::AccountDeskApp {
    /// Waits for the look for words under way, if any, and takes in what it found.
    pub(super) fn finish_looking_for_words(&mut self) {
        if let Some((query, rx)) = self.words.worker.take()
            && let Ok(hits) = rx.recv()
        {
            self.search.words_found(query, hits);
        }
    }

    /// Starts looking for the popup's query in the documents' files unless it is known or
    /// being looked for; takes in what a look found.
    pub(super) fn look_for_words(&mut self, ctx: &egui::Context) {
        if let Some((query, rx)) = &self.words.worker {
            match rx.try_recv() {
                Ok(hits) => {
                    self.search.words_found(query.clone(), hits);
                    self.words.worker = None;
                }
                Err(std::sync::mpsc::TryRecvError::Empty) => {
                    ctx.request_repaint_after(std::time::Duration::from_millis(50));
                    return;
                }
                Err(std::sync::mpsc::TryRecvError::Disconnected) => self.words.worker = None,
            }
        }
        let Some(query) = self.search.words_wanted().map(str::to_string) else {
            return;
        };
        if self.search.has_words_for(&query) {
            return;
        }
        let store = std::sync::Arc::clone(&self.store);
        let names: std::collections::HashMap<ClientId, String> = self
            .data
            .clients
            .iter()
            .map(|c| (c.id, c.display_name().to_string()))
            .collect();
        let (tx, rx) = std::sync::mpsc::channel();
        let asked = query.clone();
        let started = std::thread::Builder::new()
            .name("search-words".into())
            .spawn(move || {
                let started = std::time::Instant::now();
                let words: Vec<&str> = asked.split_whitespace().collect();
                let hits = words_in_files(&store, &words, &names);
                // Let go of the database before answering: whoever waits for the answer
                // may close it and open it again at once.
                drop(store);
                let took = started.elapsed();
                let _ = tx.send(hits);
                // A long look read many words' lists and documents on this thread (the
                // first after a change reads every document); a look at each letter typed
                // is short, and giving back after it would only pause the window.
                crate::memory::release_after(took);
            });
        match started {
            Ok(_) => self.words.worker = Some((query, rx)),
            Err(e) => log::warn!("cannot look for words in the documents: {e}"),
        }
    }
}

/// The documents whose newest file holds every one of `words`, as hits of the search popup.
fn words_in_files(
    store: &Store,
    words: &[&str],
    names: &std::collections::HashMap<ClientId, String>,
) -> Vec<crate::ui::search_ui::FoundInFile> {
    let ids = match crate::services::texts::documents_with_words(store, words) {
        Ok(ids) => ids,
        Err(e) => {
            log::warn!("looking for words in the documents: {e}");
            return Vec::new();
        }
    };
    ids.into_iter()
        .take(50)
        .filter_map(|id| store.get::<crate::domain::Document>(id.0).ok().flatten())
        .map(|d| crate::ui::search_ui::FoundInFile {
            hit: crate::search::Hit {
                doc: d.id.into(),
                title: d.title.clone(),
                subtitle: names.get(&d.client_id).cloned().unwrap_or_default(),
                quality: crate::search::MatchQuality::Body,
            },
            client: d.client_id,
            year: d.dated.map(|x| chrono::Datelike::year(&x)),
            brand: d.brand_id,
            job: d.job_id,
        })
        .collect()
}
