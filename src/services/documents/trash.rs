//! The trash of the job files: a document put there with a reason (unless the law or a
//! legal hold keeps it), taken back out, or — after its 30 days — deleted for good.

use super::*;

/// A document put in the trash, with the reason. An accounting record inside its period, or
/// anything under a legal hold, is kept; an accounting record past its period goes only by
/// an account director (whose act is the approval, in the change log).
pub(in crate::services) fn trash(
    tx: &mut WriteTx,
    ctx: &Ctx,
    id: DocumentId,
    reason: &str,
) -> Result<Outcome, ServiceError> {
    let before = live(tx, id)?;
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(refused(DocumentRefusal::NoReason));
    }
    let reason = optional_line("void_reason", reason)?;
    let dated = before
        .dated
        .unwrap_or_else(|| before.audit.created.at.date_naive());
    may_dispose(before.kind, dated, before.legal_hold, ctx.today)
        .map_err(|b| refused(DocumentRefusal::Kept(b)))?;
    if before.kind.retention() != crate::domain::document::Retention::Business {
        let role = tx.get::<User>(ctx.actor.0)?.map(|u| u.role);
        if role != Some(Role::AccountDirector) {
            return Err(refused(DocumentRefusal::NeedsDirector));
        }
    }
    let after = Document {
        trashed: Some(Trashed {
            stamp: ctx.stamp(),
            reason,
        }),
        audit: before.audit.touched(ctx.stamp()),
        ..before.clone()
    };
    tx.put(&after)?;
    Ok(done(
        Subject::Document,
        id.0,
        Action::Deleted,
        after.title.clone(),
        Some(Reverse::Restore(Snapshot::from(before))),
    ))
}

/// A document that has been in the trash its 30 days deleted for good, its record gone from
/// the database and its links from works and items with it (one under a legal hold stays).
/// Its files stay in the file store, named by no record, until someone clears them
/// (`account-desk check` lists them, `account-desk files clear-orphans` deletes them); the
/// change log keeps what was deleted.
pub(in crate::services) fn purge(
    tx: &mut WriteTx,
    now: chrono::DateTime<chrono::Utc>,
    id: DocumentId,
) -> Result<Outcome, ServiceError> {
    let before: Document = need(tx, "document", id.0)?;
    let trashed = before
        .trashed
        .as_ref()
        .ok_or(refused(DocumentRefusal::NotInTrash))?;
    if !trashed.purge_due(now) {
        let from = trashed
            .purge_from()
            .with_timezone(&chrono::Local)
            .date_naive();
        return Err(refused(DocumentRefusal::TrashKept(from)));
    }
    if before.legal_hold {
        return Err(refused(DocumentRefusal::Kept(DisposalBlock::LegalHold)));
    }
    tx.delete::<Document>(id.0)?;
    // The works and items it belonged to no longer name it.
    let works: Vec<crate::domain::CreativeWork> = tx.all()?;
    for mut w in works.into_iter().filter(|w| w.documents.contains(&id)) {
        w.documents.retain(|d| *d != id);
        tx.put(&w)?;
    }
    let items: Vec<crate::domain::LibraryItem> = tx.all()?;
    for mut i in items.into_iter().filter(|i| i.documents.contains(&id)) {
        i.documents.retain(|d| *d != id);
        tx.put(&i)?;
    }
    Ok(done(
        Subject::Document,
        id.0,
        Action::Deleted,
        format!("{}（回收站满 30 天，永久删除）", before.title),
        None,
    ))
}

/// The documents in the trash for their 30 days at `now`, ready to be purged.
pub fn purge_due(
    store: &Store,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Vec<DocumentId>, crate::store::StoreError> {
    Ok(store
        .all::<Document>()?
        .into_iter()
        .filter(|d| !d.legal_hold && d.trashed.as_ref().is_some_and(|t| t.purge_due(now)))
        .map(|d| d.id)
        .collect())
}

/// Deletes for good every document whose 30 days in the trash are over (a legal hold keeps
/// one), each a change of its own in the log; with `dry_run`, only lists them. Their ids and
/// titles, in the order deleted. A desk's window does this once the day's backup is made; on
/// a team database its administrator does, after the server's backup (`account-desk files
/// purge-trash`).
pub fn purge_trash(
    store: &Store,
    ctx: &Ctx,
    dry_run: bool,
) -> Result<Vec<(DocumentId, String)>, ServiceError> {
    let mut purged = Vec::new();
    for id in purge_due(store, ctx.now)? {
        let title = store
            .get::<Document>(id.0)?
            .map(|d| d.title)
            .unwrap_or_default();
        if !dry_run {
            crate::services::apply(store, ctx, crate::services::Command::PurgeDocument(id))?;
        }
        purged.push((id, title));
    }
    Ok(purged)
}

/// A document taken back out of the trash.
pub(in crate::services) fn restore(
    tx: &mut WriteTx,
    stamp: Stamp,
    id: DocumentId,
) -> Result<Outcome, ServiceError> {
    let before: Document = need(tx, "document", id.0)?;
    if before.trashed.is_none() {
        return Err(refused(DocumentRefusal::NotInTrash));
    }
    let after = Document {
        trashed: None,
        audit: before.audit.touched(stamp),
        ..before.clone()
    };
    tx.put(&after)?;
    let summary = after.title.clone();
    Ok(changed(before, &after, summary))
}
