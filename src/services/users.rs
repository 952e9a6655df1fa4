//! Use cases of the people using the app.

use super::*;

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
        Some(Reverse::Restore(Snapshot::User(before))),
    ))
}
