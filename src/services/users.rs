//! Use cases of the people using the app.

use super::*;
use crate::search::DocKind;

/// A new user.
pub(super) fn add(tx: &mut WriteTx, d: UserDraft) -> Result<Outcome, ServiceError> {
    let name = d.validate()?;
    let id = UserId(tx.next_id()?);
    let u = User {
        id,
        name,
        role: d.role,
        active: d.active,
    };
    tx.put(&u)?;
    Ok(done(
        Subject::User,
        id.0,
        Action::Created,
        u.name,
        Some(Reverse::Remove(Subject::User, id.0)),
    ))
}

/// A user edited.
pub(super) fn update(
    tx: &mut WriteTx,
    id: UserId,
    d: UserDraft,
    base: Base,
) -> Result<Outcome, ServiceError> {
    base.check(tx, Kind::User, Key::id(id.0))?;
    let before: User = need(tx, "user", id.0)?;
    let name = d.validate()?;
    let after = User {
        name,
        role: d.role,
        active: d.active,
        ..before.clone()
    };
    tx.put(&after)?;
    Ok(done(
        Subject::User,
        id.0,
        Action::Updated,
        after.name,
        Some(Reverse::Restore(Snapshot::from(before))),
    ))
}

impl RecordKind for User {
    const SUBJECT: Subject = Subject::User;
    const NAME: KindName = KindName {
        zh: "用户",
        en: "User",
    };
    const SEARCH: Option<DocKind> = None;

    fn id(&self) -> u64 {
        self.id.0
    }

    fn summary(&self) -> String {
        self.name.clone()
    }

    /// A user keeps no audit stamp: put back as it was.
    fn restored(self, _stamp: Stamp) -> Self {
        self
    }

    /// Job teams name their people, and the change log who made each change.
    fn in_use(&self, tx: &WriteTx) -> Result<bool, ServiceError> {
        let id = self.id;
        let member = Some(id);
        Ok(tx
            .all::<Job>()?
            .iter()
            .any(|j| j.team.ae == member || j.team.am == member || j.team.ad == member)
            || tx.changes()?.iter().any(|c| c.stamp.by == id))
    }
}
