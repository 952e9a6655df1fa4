//! Use cases of the client file (客户档案): create, edit, archive.

use super::*;
use crate::search::DocKind;

/// A new client.
pub(super) fn create(
    tx: &mut WriteTx,
    stamp: Stamp,
    d: ClientDraft,
) -> Result<Outcome, ServiceError> {
    let f = d.validate()?;
    let id = ClientId(tx.next_id()?);
    let c = Client {
        id,
        name: f.name,
        short_name: f.short_name,
        industry: f.industry,
        address: f.address,
        phone: f.phone,
        since: f.since,
        notes: f.notes,
        archived: false,
        invoicing: f.invoicing,
        audit: Audit::new(stamp),
    };
    tx.put(&c)?;
    Ok(done(
        Subject::Client,
        id.0,
        Action::Created,
        c.name,
        Some(Reverse::Remove(Subject::Client, id.0)),
    ))
}

/// A client edited.
pub(super) fn update(
    tx: &mut WriteTx,
    stamp: Stamp,
    id: ClientId,
    d: ClientDraft,
    base: Base,
) -> Result<Outcome, ServiceError> {
    base.check(tx, Kind::Client, Key::id(id.0))?;
    let before: Client = need(tx, "client", id.0)?;
    let f = d.validate()?;
    let after = Client {
        name: f.name,
        short_name: f.short_name,
        industry: f.industry,
        address: f.address,
        phone: f.phone,
        since: f.since,
        notes: f.notes,
        invoicing: f.invoicing,
        audit: before.audit.touched(stamp),
        ..before.clone()
    };
    tx.put(&after)?;
    Ok(done(
        Subject::Client,
        id.0,
        Action::Updated,
        after.name,
        Some(Reverse::Restore(Snapshot::from(before))),
    ))
}

/// A client archived (true) or reactivated.
pub(super) fn set_archived(
    tx: &mut WriteTx,
    stamp: Stamp,
    id: ClientId,
    archived: bool,
) -> Result<Outcome, ServiceError> {
    let before: Client = need(tx, "client", id.0)?;
    let after = Client {
        archived,
        audit: before.audit.touched(stamp),
        ..before.clone()
    };
    tx.put(&after)?;
    Ok(done(
        Subject::Client,
        id.0,
        Action::Updated,
        after.name,
        Some(Reverse::Restore(Snapshot::from(before))),
    ))
}

impl RecordKind for Client {
    const SUBJECT: Subject = Subject::Client;
    const NAME: KindName = KindName {
        zh: "客户",
        en: "Client",
    };
    const SEARCH: Option<DocKind> = Some(DocKind::Client);

    fn id(&self) -> u64 {
        self.id.0
    }

    fn summary(&self) -> String {
        self.name.clone()
    }

    fn restored(self, stamp: Stamp) -> Self {
        Client {
            audit: self.audit.touched(stamp),
            ..self
        }
    }

    /// Its contacts, contracts, brands, jobs and meetings keep a client.
    fn in_use(&self, tx: &WriteTx) -> Result<bool, ServiceError> {
        let id = self.id;
        Ok(tx.all::<Contact>()?.iter().any(|x| x.client_id == id)
            || tx.all::<Contract>()?.iter().any(|x| x.client_id == id)
            || tx.all::<Brand>()?.iter().any(|x| x.client_id == id)
            || tx.all::<Job>()?.iter().any(|x| x.client_id == id)
            || tx.all::<Meeting>()?.iter().any(|x| x.client_id == id))
    }
}
