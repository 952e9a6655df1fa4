//! Use cases of a client's contracts.

use super::*;
use crate::search::DocKind;

/// A new contract of a client.
pub(super) fn add(
    tx: &mut WriteTx,
    stamp: Stamp,
    client_id: ClientId,
    d: ContractDraft,
) -> Result<Outcome, ServiceError> {
    check_ref::<Client>(tx, "client", client_id.0)?;
    let f = d.validate()?;
    let id = ContractId(tx.next_id()?);
    let c = Contract {
        id,
        client_id,
        number: f.number,
        scope: f.scope,
        start: f.start,
        end: f.end,
        value: f.value,
        status: f.status,
        audit: Audit::new(stamp),
    };
    tx.put(&c)?;
    Ok(done(
        Subject::Contract,
        id.0,
        Action::Created,
        c.number,
        Some(Reverse::Remove(Subject::Contract, id.0)),
    ))
}

/// A contract edited.
pub(super) fn update(
    tx: &mut WriteTx,
    stamp: Stamp,
    id: ContractId,
    d: ContractDraft,
    base: Base,
) -> Result<Outcome, ServiceError> {
    base.check(tx, Kind::Contract, Key::id(id.0))?;
    let before: Contract = need(tx, "contract", id.0)?;
    let f = d.validate()?;
    let after = Contract {
        number: f.number,
        scope: f.scope,
        start: f.start,
        end: f.end,
        value: f.value,
        status: f.status,
        audit: before.audit.touched(stamp),
        ..before.clone()
    };
    tx.put(&after)?;
    Ok(done(
        Subject::Contract,
        id.0,
        Action::Updated,
        after.number,
        Some(Reverse::Restore(Snapshot::from(before))),
    ))
}

/// A contract removed (undo puts it back).
pub(super) fn delete(tx: &mut WriteTx, id: ContractId) -> Result<Outcome, ServiceError> {
    let before: Contract = need(tx, "contract", id.0)?;
    tx.delete::<Contract>(id.0)?;
    Ok(done(
        Subject::Contract,
        id.0,
        Action::Deleted,
        before.number.clone(),
        Some(Reverse::Restore(Snapshot::from(before))),
    ))
}

impl RecordKind for Contract {
    const SUBJECT: Subject = Subject::Contract;
    const NAME: KindName = KindName {
        zh: "合约",
        en: "Contract",
    };
    const SEARCH: Option<DocKind> = Some(DocKind::Contract);

    fn id(&self) -> u64 {
        self.id.0
    }

    fn summary(&self) -> String {
        self.number.clone()
    }

    fn restored(self, stamp: Stamp) -> Self {
        Contract {
            audit: self.audit.touched(stamp),
            ..self
        }
    }

    fn check_refs(&self, tx: &WriteTx) -> Result<(), ServiceError> {
        check_ref::<Client>(tx, "client", self.client_id.0).map(drop)
    }
}
