//! The 180-second drill on the decade set: twenty finds of the kind an AE is asked for, in
//! the search box's index of every record. Each is asked as a person would ask it, and is
//! reached when it is among the first hits the list shows without scrolling: by one search,
//! or with the list narrowed to its kind (one click on the kind's button).

use account_desk::domain::document::DocumentKind;
use account_desk::domain::{Document, Job, LibraryItem};
use account_desk::search::{DocKind, DocRef, SearchIndex, SearchScope};
use account_desk::store::Store;

/// One find: what is typed, and the record wanted.
pub struct Find {
    /// What the AE is asked for, as typed in the search box.
    pub query: String,
    /// The record to reach.
    pub wanted: DocRef,
}

/// How many hits the search box lists.
pub const LISTED: usize = 30;

/// How many hits the list shows without scrolling.
pub const IN_VIEW: usize = 5;

/// Where the wanted record is among the hits of one search, and among those of its kind
/// (counting from 1; `None`: not among the first [`LISTED`]).
pub fn places(index: &SearchIndex, find: &Find) -> (Option<usize>, Option<usize>) {
    let place = |scope: SearchScope| {
        index
            .search_within(&find.query, LISTED, scope)
            .iter()
            .position(|h| h.doc == find.wanted)
            .map(|p| p + 1)
    };
    let of_kind = SearchScope {
        kind: Some(find.wanted.kind),
        ..SearchScope::default()
    };
    (place(SearchScope::default()), place(of_kind))
}

/// How it was reached: `Some(0)` by one search, `Some(1)` with one click on its kind's
/// button, `None` not without scrolling.
pub fn clicks(places: (Option<usize>, Option<usize>)) -> Option<usize> {
    let in_view = |p: Option<usize>| p.is_some_and(|p| p <= IN_VIEW);
    match places {
        (plain, _) if in_view(plain) => Some(0),
        (_, narrowed) if in_view(narrowed) => Some(1),
        _ => None,
    }
}

/// Twenty finds spread over the decade: twelve papers of a job asked for by its number
/// ("2023-0815 报价单": the signed estimate of job 2023-0815), two invoices by their
/// numbers, four media invoices by client, year, quarter and medium ("宝马 2024 Q3
/// 户外"), and two tapes by their titles.
pub fn finds(store: &Store) -> Vec<Find> {
    let jobs: Vec<Job> = store.all().expect("jobs");
    let docs: Vec<Document> = store.all().expect("documents");
    let job_of = |d: &Document| jobs.iter().find(|j| Some(j.id) == d.job_id);
    let doc_ref = |d: &Document| DocRef {
        kind: DocKind::Document,
        id: d.id.0,
    };
    let mut out = Vec::new();
    let papers: Vec<&Document> = docs
        .iter()
        .filter(|d| {
            matches!(
                d.kind,
                DocumentKind::JobRequest
                    | DocumentKind::Brief
                    | DocumentKind::ProductionEstimate
                    | DocumentKind::JobCompletion
                    | DocumentKind::Schedule
            )
        })
        .collect();
    for d in every(12, papers) {
        let Some(job) = job_of(d) else { continue };
        let what = match d.kind {
            DocumentKind::JobRequest => "申请表",
            DocumentKind::Brief => "简报",
            DocumentKind::ProductionEstimate => "报价单",
            DocumentKind::JobCompletion => "完成表",
            _ => "进度表",
        };
        out.push(Find {
            query: format!("{} {what}", job.number.text),
            wanted: doc_ref(d),
        });
    }
    let invoices: Vec<&Document> = docs
        .iter()
        .filter(|d| d.kind == DocumentKind::ProductionInvoice && !d.number.is_empty())
        .collect();
    for d in every(2, invoices) {
        out.push(Find {
            query: d.number.clone(),
            wanted: doc_ref(d),
        });
    }
    let media: Vec<&Document> = docs
        .iter()
        .filter(|d| d.kind == DocumentKind::MediaInvoice)
        .collect();
    for d in every(4, media) {
        // "可口可乐 2024 Q3 户外媒体发票": asked as "可口可乐 2024 Q3 户外".
        let query = d.title.trim_end_matches("媒体发票").to_string();
        out.push(Find {
            query,
            wanted: doc_ref(d),
        });
    }
    let items: Vec<LibraryItem> = store.all().expect("items");
    let unique: Vec<&LibraryItem> = items
        .iter()
        .filter(|i| items.iter().filter(|o| o.title == i.title).count() == 1)
        .collect();
    let step = (unique.len() / 2).max(1);
    for i in unique.into_iter().step_by(step).take(2) {
        out.push(Find {
            query: i.title.clone(),
            wanted: DocRef {
                kind: DocKind::LibraryItem,
                id: i.id.0,
            },
        });
    }
    out
}

/// `n` of `of`, spread evenly from its start.
fn every<T>(n: usize, of: Vec<T>) -> Vec<T> {
    let step = (of.len() / n).max(1);
    of.into_iter().step_by(step).take(n).collect()
}
