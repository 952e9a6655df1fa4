//! Use cases of a client's contacts.

use super::*;
use crate::search::DocKind;

/// A new contact of a client.
pub(super) fn add(
    tx: &mut WriteTx,
    stamp: Stamp,
    client_id: ClientId,
    d: ContactDraft,
) -> Result<Outcome, ServiceError> {
    check_ref::<Client>(tx, "client", client_id.0)?;
    let drafts::ContactFields {
        name,
        title,
        phone,
        email,
        wechat,
        notes,
    } = d.validate()?;
    let id = ContactId(tx.next_id()?);
    let c = Contact {
        id,
        client_id,
        name,
        title,
        phone,
        email,
        wechat,
        notes,
        audit: Audit::new(stamp),
    };
    tx.put(&c)?;
    Ok(done(
        Subject::Contact,
        id.0,
        Action::Created,
        c.name,
        Some(Reverse::Remove(Subject::Contact, id.0)),
    ))
}

/// A contact edited.
pub(super) fn update(
    tx: &mut WriteTx,
    stamp: Stamp,
    id: ContactId,
    d: ContactDraft,
    base: Base,
) -> Result<Outcome, ServiceError> {
    base.check(tx, Kind::Contact, Key::id(id.0))?;
    let before: Contact = need(tx, "contact", id.0)?;
    let drafts::ContactFields {
        name,
        title,
        phone,
        email,
        wechat,
        notes,
    } = d.validate()?;
    let after = Contact {
        name,
        title,
        phone,
        email,
        wechat,
        notes,
        audit: before.audit.touched(stamp),
        ..before.clone()
    };
    tx.put(&after)?;
    Ok(done(
        Subject::Contact,
        id.0,
        Action::Updated,
        after.name,
        Some(Reverse::Restore(Snapshot::from(before))),
    ))
}

/// A contact removed (undo puts it back).
pub(super) fn delete(tx: &mut WriteTx, id: ContactId) -> Result<Outcome, ServiceError> {
    let before: Contact = need(tx, "contact", id.0)?;
    tx.delete::<Contact>(id.0)?;
    Ok(done(
        Subject::Contact,
        id.0,
        Action::Deleted,
        before.name.clone(),
        Some(Reverse::Restore(Snapshot::from(before))),
    ))
}

impl RecordKind for Contact {
    const SUBJECT: Subject = Subject::Contact;
    const NAME: KindName = KindName {
        zh: "联络人",
        en: "Contact",
    };
    const SEARCH: Option<DocKind> = Some(DocKind::Contact);

    fn id(&self) -> u64 {
        self.id.0
    }

    fn summary(&self) -> String {
        self.name.clone()
    }

    fn restored(self, stamp: Stamp) -> Self {
        Contact {
            audit: self.audit.touched(stamp),
            ..self
        }
    }

    fn check_refs(&self, tx: &WriteTx) -> Result<(), ServiceError> {
        check_ref::<Client>(tx, "client", self.client_id.0).map(drop)
    }
}
