//! Keeping the search index in step with the records: one record re-read after a change.

use crate::domain::{BrandId, ClientId, JobId, Subject};
use crate::search::{DocKind, DocRef, SearchIndex};
use crate::store::Store;
use crate::ui::model::Data;

/// Puts the current state of record `subject` / `id` (from `data`; a meeting, with its
/// minutes, from the store) into the index.
pub(super) fn update_index(
    index: &mut SearchIndex,
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
        DocKind::Client => data.client(ClientId(id)).map(|c| index.upsert_client(c)),
        DocKind::Brand => data
            .brand(BrandId(id))
            .map(|b| index.upsert_brand(b, data.client_name(b.client_id))),
        DocKind::Job => data
            .job(JobId(id))
            .map(|j| index.upsert_job(j, data.client_name(j.client_id))),
        DocKind::Contact => data
            .contacts
            .iter()
            .find(|c| c.id.0 == id)
            .map(|c| index.upsert_contact(c, data.client_name(c.client_id))),
        DocKind::Contract => data
            .contracts
            .iter()
            .find(|c| c.id.0 == id)
            .map(|c| index.upsert_contract(c, data.client_name(c.client_id))),
        DocKind::Document => match store.get::<crate::domain::Document>(id) {
            Ok(d) => d.map(|d| index.upsert_document(&d, data.client_name(d.client_id))),
            Err(e) => {
                log::warn!("re-reading document {id} for the search index: {e}");
                return;
            }
        },
        DocKind::Meeting => match store.get::<crate::domain::Meeting>(id) {
            Ok(m) => m.map(|m| index.upsert_meeting(&m, data.client_name(m.client_id))),
            Err(e) => {
                // Keep what the index has: the meeting was not seen to go.
                log::warn!("re-reading meeting {id} for the search index: {e}");
                return;
            }
        },
    };
    if updated.is_none() {
        index.remove(doc);
    }
}
