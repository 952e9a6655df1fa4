//! Each kind of record, declared once for the use cases and the interface.
//!
//! A kind kept under its own id implements [`RecordKind`] in its use-case file
//! (`services/clients.rs`, …): its change-log subject, its name as people call it, what a
//! record goes by in the log, how undo puts it back, what blocks removing it and which
//! search document it is. The one list of those kinds, `record_kinds!` in `services.rs`,
//! generates what is dispatched per kind: the undo [`Snapshot`], the record an undo checks,
//! the undo of a creation and [`RECORDS`]. The change log's other subjects (a brief, a
//! schedule, the settings) are kept under their job's id or a fixed key and have their own
//! undo steps; they are named in [`OTHERS`].

use super::{Outcome, RECORDS, ServiceError, Snapshot, done, need};
use crate::domain::{Action, Lang, Stamp, Subject};
use crate::search::DocKind;
use crate::store::{Entity, Key, Kind, WriteTx};

/// A kind's name as people call it, the same on buttons, in the search list and in the
/// undo label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KindName {
    /// In Chinese.
    pub zh: &'static str,
    /// In English, capitalised as a label.
    pub en: &'static str,
}

impl KindName {
    /// The name in `lang`.
    pub fn pick(self, lang: Lang) -> &'static str {
        lang.pick(self.zh, self.en)
    }
}

/// A kind of record kept under its own id: everything the use cases and the interface
/// need to know about it beyond its storage (which `store/kinds.rs` declares).
pub trait RecordKind: Entity + Clone + Into<Snapshot> {
    /// Its subject in the change log.
    const SUBJECT: Subject;
    /// Its name as people call it.
    const NAME: KindName;
    /// The search document it is (`None`: search does not find it).
    const SEARCH: Option<DocKind>;

    /// Its id (the raw value of its typed id).
    fn id(&self) -> u64;

    /// What the record goes by in the change log, the undo button and a refusal.
    fn summary(&self) -> String;

    /// The record as undo puts it back at `stamp` (its audit touched, where it has one).
    fn restored(self, stamp: Stamp) -> Self;

    /// Refuses to put the record back when a record it names is gone.
    fn check_refs(&self, tx: &WriteTx) -> Result<(), ServiceError> {
        let _ = tx;
        Ok(())
    }

    /// Whether other records refer to it, which refuses removing it (the undo of its
    /// creation).
    fn in_use(&self, tx: &WriteTx) -> Result<bool, ServiceError> {
        let _ = tx;
        Ok(false)
    }
}

/// What the interface knows about one subject of the change log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SubjectSpec {
    /// The subject.
    pub subject: Subject,
    /// Its name as people call it.
    pub name: KindName,
    /// The store kind its records are kept under, by their own id (`None`: kept under
    /// another record's id or a fixed key).
    pub kind: Option<Kind>,
    /// The search document a change to it updates: its own, or its job's for a brief
    /// (`None`: search does not find it).
    pub search: Option<DocKind>,
    /// For a subject not kept under its own id: the store kinds whose rows are its records
    /// (a changed row of one of them refreshes the subject, under the row's id).
    pub stored: &'static [Kind],
}

/// The declaration of a kind kept under its own id, as [`RECORDS`] lists it.
pub(super) const fn spec<K: RecordKind>() -> SubjectSpec {
    SubjectSpec {
        subject: K::SUBJECT,
        name: K::NAME,
        kind: Some(K::KIND),
        search: K::SEARCH,
        stored: &[],
    }
}

/// The change log's subjects that are not records under their own id.
pub const OTHERS: [SubjectSpec; 4] = [
    SubjectSpec {
        subject: Subject::Brief,
        name: KindName {
            zh: "工作简要",
            en: "Brief",
        },
        kind: None,
        // A brief is found through its job, whose id it shares.
        search: Some(DocKind::Job),
        stored: &[Kind::BriefVersion],
    },
    SubjectSpec {
        subject: Subject::Settings,
        name: KindName {
            zh: "设置",
            en: "Settings",
        },
        kind: None,
        search: None,
        // The schedule templates are part of the settings people see.
        stored: &[Kind::Settings, Kind::Templates, Kind::MoneySettings],
    },
    SubjectSpec {
        subject: Subject::Schedule,
        name: KindName {
            zh: "工作进度表",
            en: "Schedule",
        },
        kind: None,
        search: None,
        stored: &[Kind::Schedule, Kind::IssuedSchedule],
    },
    SubjectSpec {
        subject: Subject::Estimate,
        name: KindName {
            zh: "报价单",
            en: "Estimate",
        },
        // Money records are voided, never removed or undone. A client's budgets are money
        // records too, read by the screens that show them.
        kind: None,
        search: None,
        stored: &[
            Kind::Estimate,
            Kind::EstimateVersion,
            Kind::Release,
            Kind::Budget,
            Kind::Invoice,
            Kind::VendorCost,
            Kind::BudgetReport,
        ],
    },
];

/// Every subject's declaration: the record kinds, then the others.
pub fn subjects() -> impl Iterator<Item = &'static SubjectSpec> {
    RECORDS.iter().chain(OTHERS.iter())
}

/// The declaration of `subject` (every subject has one: tested).
pub fn subject_spec(subject: Subject) -> Option<&'static SubjectSpec> {
    subjects().find(|s| s.subject == subject)
}

/// The name of `subject` as people call it, in `lang`.
pub fn subject_name(subject: Subject, lang: Lang) -> &'static str {
    subject_spec(subject).map_or_else(|| lang.pick("记录", "Record"), |s| s.name.pick(lang))
}

/// The subject whose records are the search documents of `doc`.
pub fn doc_subject(doc: DocKind) -> Option<Subject> {
    RECORDS
        .iter()
        .find(|s| s.search == Some(doc))
        .map(|s| s.subject)
}

/// The subject a changed row of store kind `kind` belongs to (`None`: the change log, which
/// no screen re-reads).
pub fn stored_subject(kind: Kind) -> Option<Subject> {
    subjects()
        .find(|s| s.kind == Some(kind) || s.stored.contains(&kind))
        .map(|s| s.subject)
}

/// The store kind a subject kept under its own id is (`None` for the others).
pub(super) fn subject_kind(subject: Subject) -> Option<Kind> {
    subject_spec(subject)?.kind
}

/// The record an undo of `record`'s change checks first.
pub(super) fn target<K: RecordKind>(record: &K) -> (Kind, Key) {
    (K::KIND, record.key())
}

/// Puts a record back as it was: its references checked, its audit touched.
pub(super) fn restore<K: RecordKind>(
    tx: &mut WriteTx,
    stamp: Stamp,
    record: K,
) -> Result<Outcome, ServiceError> {
    record.check_refs(tx)?;
    let record = record.restored(stamp);
    tx.put(&record)?;
    Ok(done(
        K::SUBJECT,
        record.id(),
        Action::Updated,
        record.summary(),
        None,
    ))
}

/// Removes a freshly created record, refused while anything refers to it.
pub(super) fn remove<K: RecordKind>(tx: &mut WriteTx, id: u64) -> Result<Outcome, ServiceError> {
    let record: K = need(tx, K::KIND.spec().en, id)?;
    if record.in_use(tx)? {
        return Err(ServiceError::InUse(record.summary()));
    }
    tx.delete::<K>(id)?;
    Ok(done(
        K::SUBJECT,
        id,
        Action::Deleted,
        record.summary(),
        None,
    ))
}

#[cfg(test)]
mod tests;
