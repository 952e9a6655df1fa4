//! Undo: edits and creations put back, and never over a later change.

use super::*;

#[test]
fn undo_restores_edits_and_removes_creations() {
    let f = fixture();
    let c = client(&f, "可口可乐");
    let edit = apply(
        &f.store,
        &f.ctx,
        Command::UpdateClient(
            c,
            ClientDraft {
                name: "百事".into(),
                ..Default::default()
            },
            Base::Overwrite,
        ),
    )
    .expect("edit");
    apply(
        &f.store,
        &f.ctx,
        Command::Undo(Box::new(edit.undo.expect("undo"))),
    )
    .expect("undo edit");
    let name = f.store.get::<Client>(c.0).ok().flatten().map(|c| c.name);
    assert_eq!(name.as_deref(), Some("可口可乐"));
    let contact = apply(
        &f.store,
        &f.ctx,
        Command::AddContact(
            c,
            ContactDraft {
                name: "李华".into(),
                ..Default::default()
            },
        ),
    )
    .expect("contact");
    // The client is now referred to: undoing its creation is refused, nothing removed.
    let base = f
        .store
        .read()
        .and_then(|v| v.revision::<Client>(crate::store::Key::id(c.0)))
        .ok()
        .flatten()
        .map(|r| r.rev);
    let refused = apply(
        &f.store,
        &f.ctx,
        Command::Undo(Box::new(UndoStep {
            reverse: Reverse::Remove(Subject::Client, c.0),
            base,
            before: None,
        })),
    );
    assert!(matches!(refused, Err(ServiceError::InUse(_))));
    apply(
        &f.store,
        &f.ctx,
        Command::Undo(Box::new(contact.undo.expect("undo"))),
    )
    .expect("undo contact");
    assert!(f.store.all::<Contact>().unwrap_or_default().is_empty());
    // Deleting a contact can be undone.
    let contact = apply(
        &f.store,
        &f.ctx,
        Command::AddContact(
            c,
            ContactDraft {
                name: "张伟".into(),
                ..Default::default()
            },
        ),
    )
    .expect("contact");
    let del = apply(
        &f.store,
        &f.ctx,
        Command::DeleteContact(ContactId(contact.id)),
    )
    .expect("delete");
    apply(
        &f.store,
        &f.ctx,
        Command::Undo(Box::new(del.undo.expect("undo"))),
    )
    .expect("undo delete");
    assert_eq!(f.store.all::<Contact>().unwrap_or_default().len(), 1);
}

#[test]
fn an_undo_that_would_overwrite_a_later_change_says_who_made_it() {
    let f = fixture();
    let zhou = apply(
        &f.store,
        &f.ctx,
        Command::AddUser(UserDraft {
            name: "周芳".into(),
            role: Role::AccountManager,
            active: true,
        }),
    )
    .expect("user");
    let client = apply(
        &f.store,
        &f.ctx,
        Command::CreateClient(ClientDraft {
            name: "可口可乐".into(),
            ..Default::default()
        }),
    )
    .expect("client");
    let c = ClientId(client.id);
    let rename = |name: &str, ctx: &Ctx| {
        apply(
            &f.store,
            ctx,
            Command::UpdateClient(
                c,
                ClientDraft {
                    name: name.into(),
                    ..Default::default()
                },
                Base::Overwrite,
            ),
        )
        .expect("edit")
    };
    let mine = rename("百事", &f.ctx);
    let theirs = Ctx {
        actor: UserId(zhou.id),
        ..f.ctx
    };
    rename("百事可乐", &theirs);
    // My undo would put back the name before my edit over 周芳's later one: refused.
    let refused = apply(
        &f.store,
        &f.ctx,
        Command::Undo(Box::new(mine.undo.clone().expect("undo"))),
    );
    match &refused {
        Err(ServiceError::Store(StoreError::Conflict { by, at, .. })) => {
            assert_eq!(by.as_deref(), Some("周芳"));
            assert_eq!(*at, Some(f.ctx.now));
        }
        other => panic!("expected a conflict, got {other:?}"),
    }
    let said = refused
        .err()
        .map(|e| e.message(Lang::Zh))
        .unwrap_or_default();
    assert!(said.contains("周芳"), "{said}");
    let name = f.store.get::<Client>(c.0).ok().flatten().map(|c| c.name);
    assert_eq!(name.as_deref(), Some("百事可乐"), "nothing was written");
    // Undoing the creation is refused the same way: the client changed since.
    assert!(matches!(
        apply(
            &f.store,
            &f.ctx,
            Command::Undo(Box::new(client.undo.expect("undo")))
        ),
        Err(ServiceError::Store(StoreError::Conflict { .. }))
    ));
}
