//! Edits state the revision they were made from: a colleague's change in between is refused
//! as a conflict naming them, never silently overwritten.

use super::*;

/// A second person at the agency, acting an hour after the fixture's user.
fn colleague(f: &Fixture) -> Ctx {
    let added = apply(
        &f.store,
        &f.ctx,
        Command::AddUser(UserDraft {
            name: "李娜".into(),
            role: Role::AccountManager,
            active: true,
        }),
    )
    .expect("colleague");
    Ctx {
        actor: UserId(added.id),
        now: f.ctx.now + chrono::Duration::hours(1),
        today: f.ctx.today,
    }
}

/// What a screen showing record `id` of `kind` would save from now.
fn shown(f: &Fixture, kind: Kind, key: Key) -> Base {
    let rev = f
        .store
        .read()
        .and_then(|v| v.revision_at(kind, key))
        .expect("revision");
    Base::Shown(rev.map(|r| r.rev))
}

fn renamed(name: &str) -> ClientDraft {
    ClientDraft {
        name: name.into(),
        ..Default::default()
    }
}

/// The conflict a refused save reports: (who, removed), and its sentences.
fn conflict(result: Result<Applied, ServiceError>) -> (Option<String>, bool, String, String) {
    match result {
        Err(e @ ServiceError::Store(StoreError::Conflict { .. })) => {
            let (zh, en) = (e.message(Lang::Zh), e.message(Lang::En));
            let ServiceError::Store(StoreError::Conflict { by, removed, .. }) = e else {
                unreachable!("matched above");
            };
            (by, removed, zh, en)
        }
        other => panic!("expected a conflict, got {other:?}"),
    }
}

#[test]
fn an_edit_from_an_old_revision_is_refused_naming_who_changed_it() {
    let f = fixture();
    let other = colleague(&f);
    let c = client(&f, "可口可乐");
    let key = Key::id(c.0);
    let opened = shown(&f, Kind::Client, key);
    // The colleague saves first, from what they saw.
    let theirs = shown(&f, Kind::Client, key);
    apply(
        &f.store,
        &other,
        Command::UpdateClient(c, renamed("可口可乐中国"), theirs),
    )
    .expect("their edit");
    let mine = apply(
        &f.store,
        &f.ctx,
        Command::UpdateClient(c, renamed("可口可乐（华东）"), opened),
    );
    let (by, removed, zh, en) = conflict(mine);
    assert_eq!(by.as_deref(), Some("李娜"));
    assert!(!removed);
    assert!(zh.contains("李娜") && zh.contains("没有写入"), "{zh}");
    assert!(
        en.contains("李娜") && en.contains("nothing was written"),
        "{en}"
    );
    // Nothing of the refused edit was written.
    let stored = f.store.get::<Client>(c.0).ok().flatten().map(|c| c.name);
    assert_eq!(stored.as_deref(), Some("可口可乐中国"));
    // From the revision as it is now, the same edit goes through.
    let now = shown(&f, Kind::Client, key);
    apply(
        &f.store,
        &f.ctx,
        Command::UpdateClient(c, renamed("可口可乐（华东）"), now),
    )
    .expect("edit from the current revision");
    let stored = f.store.get::<Client>(c.0).ok().flatten().map(|c| c.name);
    assert_eq!(stored.as_deref(), Some("可口可乐（华东）"));
}

#[test]
fn overwrite_is_a_named_choice_that_writes_over_the_current_row() {
    let f = fixture();
    let other = colleague(&f);
    let c = client(&f, "百事");
    let theirs = shown(&f, Kind::Client, Key::id(c.0));
    apply(
        &f.store,
        &other,
        Command::UpdateClient(c, renamed("百事中国"), theirs),
    )
    .expect("their edit");
    apply(
        &f.store,
        &f.ctx,
        Command::UpdateClient(c, renamed("百事可乐"), Base::Overwrite),
    )
    .expect("overwrite");
    let stored = f.store.get::<Client>(c.0).ok().flatten().map(|c| c.name);
    assert_eq!(stored.as_deref(), Some("百事可乐"));
}

#[test]
fn a_status_step_and_a_job_edit_check_the_job_revision() {
    let f = fixture();
    let other = colleague(&f);
    let j = job(&f, client(&f, "蒙牛"));
    let key = Key::id(j.0);
    let opened = shown(&f, Kind::Job, key);
    let stored = f.store.get::<Job>(j.0).ok().flatten().expect("job");
    let mut draft = JobDraft::from_job(&stored);
    draft.title = "春节 TVC（加长版）".into();
    apply(&f.store, &other, Command::UpdateJob(j, draft, opened)).expect("their edit");
    let step = apply(
        &f.store,
        &f.ctx,
        Command::SetJobStatus(j, JobStatus::Briefed, opened),
    );
    assert_eq!(conflict(step).0.as_deref(), Some("李娜"));
    let now = shown(&f, Kind::Job, key);
    apply(
        &f.store,
        &f.ctx,
        Command::SetJobStatus(j, JobStatus::Briefed, now),
    )
    .expect("step from the current revision");
}

#[test]
fn a_brief_is_saved_from_its_latest_version() {
    let f = fixture();
    let other = colleague(&f);
    let j = job(&f, client(&f, "伊利"));
    let draft = |text: &str| {
        let mut d = BriefDraft::default();
        d.content.background = text.into();
        d
    };
    // No version yet: both start from "none".
    let none = Base::Shown(None);
    apply(
        &f.store,
        &other,
        Command::SaveBrief(j, draft("她的背景"), none),
    )
    .expect("their first version");
    let (by, ..) = conflict(apply(
        &f.store,
        &f.ctx,
        Command::SaveBrief(j, draft("我的背景"), none),
    ));
    assert_eq!(by.as_deref(), Some("李娜"));
    assert_eq!(f.store.brief_versions(j).map(|v| v.len()).ok(), Some(1));
    let latest = shown(&f, Kind::BriefVersion, Key::pair(j.0, 1));
    apply(
        &f.store,
        &f.ctx,
        Command::SaveBrief(j, draft("我的背景"), latest),
    )
    .expect("v2 from v1");
    assert_eq!(f.store.brief_versions(j).map(|v| v.len()).ok(), Some(2));
}

#[test]
fn settings_never_saved_are_saved_from_none_once() {
    let f = fixture();
    let other = colleague(&f);
    let mut s = AgencySettings {
        agency_name: "奥美".into(),
        ..AgencySettings::default()
    };
    apply(
        &f.store,
        &other,
        Command::SaveSettings(s.clone(), Base::Shown(None)),
    )
    .expect("first save");
    s.agency_name = "奥美中国".into();
    let (by, ..) = conflict(apply(
        &f.store,
        &f.ctx,
        Command::SaveSettings(s.clone(), Base::Shown(None)),
    ));
    assert_eq!(by.as_deref(), Some("李娜"));
    let now = shown(&f, Kind::Settings, Key::ONE);
    apply(&f.store, &f.ctx, Command::SaveSettings(s, now)).expect("from the saved revision");
    assert_eq!(
        f.store.settings().map(|s| s.agency_name).ok().as_deref(),
        Some("奥美中国")
    );
}

#[test]
fn an_edit_of_a_record_removed_since_says_so() {
    let f = fixture();
    let c = client(&f, "光明");
    let added = apply(
        &f.store,
        &f.ctx,
        Command::AddContact(
            c,
            ContactDraft {
                name: "赵雷".into(),
                ..Default::default()
            },
        ),
    )
    .expect("contact");
    let id = ContactId(added.id);
    let opened = shown(&f, Kind::Contact, Key::id(id.0));
    apply(&f.store, &f.ctx, Command::DeleteContact(id)).expect("removed");
    let edited = ContactDraft {
        name: "赵雷雷".into(),
        ..Default::default()
    };
    let (_, removed, zh, _) = conflict(apply(
        &f.store,
        &f.ctx,
        Command::UpdateContact(id, edited, opened),
    ));
    assert!(removed);
    assert!(zh.contains("已被删除"), "{zh}");
}
