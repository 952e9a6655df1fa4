//! Undoing applied commands: edits and deletions put the old record back, creations are
//! removed while nothing refers to them yet, and a brief goes back by saving its previous
//! content as a new version (history is never rewritten).

use super::{
    Outcome, Reverse, ServiceError, Snapshot, UndoStep, check_ref, done, jobs::save_brief, need,
};
use crate::domain::{
    Action, Brand, BrandId, Client, ClientId, Contact, Contract, Job, JobId, Meeting, Stamp,
    Subject, User, UserId,
};
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
        Reverse::Restore(snapshot) => {
            let (subject, id, summary) = match snapshot {
                Snapshot::Client(c) => {
                    let c = Client {
                        audit: c.audit.touched(stamp),
                        ..c
                    };
                    tx.put(&c)?;
                    (Subject::Client, c.id.0, c.name)
                }
                Snapshot::Contact(c) => {
                    check_ref::<Client>(tx, "client", c.client_id.0)?;
                    let c = Contact {
                        audit: c.audit.touched(stamp),
                        ..c
                    };
                    tx.put(&c)?;
                    (Subject::Contact, c.id.0, c.name)
                }
                Snapshot::Contract(c) => {
                    check_ref::<Client>(tx, "client", c.client_id.0)?;
                    let c = Contract {
                        audit: c.audit.touched(stamp),
                        ..c
                    };
                    tx.put(&c)?;
                    (Subject::Contract, c.id.0, c.number)
                }
                Snapshot::Brand(b) => {
                    let b = Brand {
                        audit: b.audit.touched(stamp),
                        ..b
                    };
                    tx.put(&b)?;
                    (Subject::Brand, b.id.0, b.name)
                }
                Snapshot::Job(j) => {
                    let j = Job {
                        audit: j.audit.touched(stamp),
                        ..j
                    };
                    tx.put(&j)?;
                    (
                        Subject::Job,
                        j.id.0,
                        format!("{} {}", j.number.text, j.title),
                    )
                }
                Snapshot::User(u) => {
                    tx.put(&u)?;
                    (Subject::User, u.id.0, u.name)
                }
                Snapshot::Meeting(m) => {
                    check_ref::<Client>(tx, "client", m.client_id.0)?;
                    let m = Meeting {
                        audit: m.audit.touched(stamp),
                        ..*m
                    };
                    tx.put(&m)?;
                    (Subject::Meeting, m.id.0, m.title)
                }
            };
            Ok(done(subject, id, Action::Updated, summary, None))
        }
        Reverse::Remove(subject, id) => {
            let name = remove(tx, subject, id)?;
            Ok(done(subject, id, Action::Deleted, name, None))
        }
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

/// Removes a freshly created record, refusing when anything refers to it.
fn remove(tx: &mut WriteTx, subject: Subject, id: u64) -> Result<String, ServiceError> {
    match subject {
        Subject::Client => {
            let c: Client = need(tx, "client", id)?;
            let cid = ClientId(id);
            let used = tx.all::<Contact>()?.iter().any(|x| x.client_id == cid)
                || tx.all::<Contract>()?.iter().any(|x| x.client_id == cid)
                || tx.all::<Brand>()?.iter().any(|x| x.client_id == cid)
                || tx.all::<Job>()?.iter().any(|x| x.client_id == cid)
                || tx.all::<Meeting>()?.iter().any(|x| x.client_id == cid);
            if used {
                return Err(ServiceError::InUse(c.name));
            }
            tx.delete::<Client>(id)?;
            Ok(c.name)
        }
        Subject::Contact => {
            let c: Contact = need(tx, "contact", id)?;
            tx.delete::<Contact>(id)?;
            Ok(c.name)
        }
        Subject::Contract => {
            let c: Contract = need(tx, "contract", id)?;
            tx.delete::<Contract>(id)?;
            Ok(c.number)
        }
        Subject::Brand => {
            let b: Brand = need(tx, "brand", id)?;
            if tx
                .all::<Job>()?
                .iter()
                .any(|j| j.brand_id == Some(BrandId(id)))
            {
                return Err(ServiceError::InUse(b.name));
            }
            tx.delete::<Brand>(id)?;
            Ok(b.name)
        }
        Subject::Job => {
            let j: Job = need(tx, "job", id)?;
            if tx.latest_brief(JobId(id))?.is_some() || tx.schedule(JobId(id))?.is_some() {
                return Err(ServiceError::InUse(j.number.text));
            }
            tx.delete::<Job>(id)?;
            Ok(j.number.text)
        }
        Subject::User => {
            let u: User = need(tx, "user", id)?;
            let uid = Some(UserId(id));
            let used = tx
                .all::<Job>()?
                .iter()
                .any(|j| j.team.ae == uid || j.team.am == uid || j.team.ad == uid)
                || tx.changes()?.iter().any(|c| c.stamp.by == UserId(id));
            if used {
                return Err(ServiceError::InUse(u.name));
            }
            tx.delete::<User>(id)?;
            Ok(u.name)
        }
        Subject::Meeting => {
            let m: Meeting = need(tx, "meeting", id)?;
            if !m.sent.is_empty() {
                return Err(ServiceError::InUse(m.title));
            }
            tx.delete::<Meeting>(id)?;
            Ok(m.title)
        }
        Subject::Brief | Subject::Settings | Subject::Schedule => {
            Err(ServiceError::NotFound { what: "record", id })
        }
    }
}
