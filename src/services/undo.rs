//! Undoing applied commands: edits and deletions put the old record back, creations are
//! removed while nothing refers to them yet, and a brief goes back by saving its previous
//! content as a new version (history is never rewritten). What each kind kept under its own
//! id does is declared by its [`super::RecordKind`] impl.

use super::{Outcome, Reverse, ServiceError, UndoStep, done, jobs::save_brief, remove};
use crate::domain::{Action, Stamp, Subject};
use crate::store::WriteTx;

pub(super) fn undo(
    tx: &mut WriteTx,
    stamp: Stamp,
    step: UndoStep,
) -> Result<Outcome, ServiceError> {
    // Never over a later change: the record must still be as the change left it.
    if let Some((kind, key)) = step.reverse.target() {
        tx.expect_unchanged(kind, key, step.base)?;
        tx.restoring(kind, key, step.before);
    }
    match step.reverse {
        Reverse::Restore(snapshot) => snapshot.restore(tx, stamp),
        Reverse::Remove(subject, id) => remove(tx, subject, id),
        Reverse::Brief(job_id, content) => {
            // A new version on top of whatever is latest: history is never rewritten.
            let mut o = save_brief(tx, stamp, job_id, content, super::Base::Overwrite)?;
            o.out.undo = None;
            Ok(o)
        }
        Reverse::Settings(s) => {
            tx.put_settings(&s)?;
            Ok(done(
                Subject::Settings,
                0,
                Action::Updated,
                String::new(),
                None,
            ))
        }
        Reverse::Schedule(job, previous) => super::schedules::restore(tx, stamp, job, previous),
        Reverse::Templates(list) => super::templates::restore(tx, list),
    }
}
