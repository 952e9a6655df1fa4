//! The client's ad archive: a work recorded with its runs and rights, checked against its
//! client, edited from the revision shown, removed and put back with undo; a tape linked to
//! it only when it is the same client's.

use super::*;
use crate::domain::creative::{Medium, RightKind, UsageRight};
use crate::domain::{CreativeWork, CreativeWorkId};
use crate::services::library::ItemDraft;
use crate::services::works::WorkDraft;

fn work(f: &Fixture, id: CreativeWorkId) -> CreativeWork {
    f.store
        .get::<CreativeWork>(id.0)
        .ok()
        .flatten()
        .expect("the work")
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("a day")
}

#[test]
fn a_work_is_recorded_checked_edited_removed_and_put_back() {
    let f = fixture();
    let coke = client(&f, "可口可乐");
    let bmw = client(&f, "宝马");
    let j = job(&f, coke);
    let mut d = WorkDraft::new(coke, "2019 春节 TVC《团圆》");
    d.job_id = Some(j);
    d.format = "60\"".into();
    d.ran = Some((day(2019, 1, 20), Some(day(2019, 2, 19))));
    d.approval_number = "京广审（视）第2019010012号".into();
    d.rights = vec![UsageRight {
        kind: RightKind::Talent,
        holder: " 主演 王一 ".into(),
        until: Some(day(2020, 2, 19)),
    }];
    let added = apply(
        &f.store,
        &f.ctx,
        Command::AddCreativeWork(Box::new(d.clone())),
    )
    .expect("recorded");
    let id = CreativeWorkId(added.id);
    let w = work(&f, id);
    assert_eq!(
        (w.client_id, w.job_id, w.medium),
        (coke, Some(j), Medium::Tv)
    );
    assert_eq!(w.rights[0].holder, "主演 王一", "trimmed");

    // Runs backwards, a blank title, another client's job: refused, nothing written.
    let mut bad = d.clone();
    bad.ran = Some((day(2019, 2, 19), Some(day(2019, 1, 20))));
    assert!(matches!(
        apply(&f.store, &f.ctx, Command::AddCreativeWork(Box::new(bad))),
        Err(ServiceError::Invalid(FieldError {
            field: "last_ran",
            ..
        }))
    ));
    let mut bad = d.clone();
    bad.title = " ".into();
    assert!(matches!(
        apply(&f.store, &f.ctx, Command::AddCreativeWork(Box::new(bad))),
        Err(ServiceError::Invalid(FieldError {
            field: "work_title",
            ..
        }))
    ));
    let mut bad = d.clone();
    bad.client_id = bmw;
    assert!(apply(&f.store, &f.ctx, Command::AddCreativeWork(Box::new(bad))).is_err());
    assert_eq!(f.store.all::<CreativeWork>().expect("works").len(), 1);

    // Edited from the revision shown; a second edit from the same revision is stale.
    let rev = f
        .store
        .read()
        .and_then(|v| v.revision_at(Kind::CreativeWork, Key::id(id.0)))
        .expect("revision");
    let base = Base::Shown(rev.map(|r| r.rev));
    let mut edit = d.clone();
    edit.awards = "长城奖 银奖".into();
    apply(
        &f.store,
        &f.ctx,
        Command::UpdateCreativeWork(id, Box::new(edit.clone()), base),
    )
    .expect("edited");
    assert_eq!(work(&f, id).awards, "长城奖 银奖");
    assert!(
        apply(
            &f.store,
            &f.ctx,
            Command::UpdateCreativeWork(id, Box::new(edit), base)
        )
        .is_err()
    );

    // A tape holds it; a tape of another client cannot.
    let mut tape = ItemDraft::new(coke, "《团圆》播出带");
    tape.works = vec![id];
    apply(
        &f.store,
        &f.ctx,
        Command::AddLibraryItem(Box::new(tape.clone())),
    )
    .expect("tape");
    tape.client_id = bmw;
    assert!(apply(&f.store, &f.ctx, Command::AddLibraryItem(Box::new(tape))).is_err());

    // Removed, and put back by undo.
    let removed = apply(&f.store, &f.ctx, Command::RemoveCreativeWork(id)).expect("removed");
    assert!(f.store.get::<CreativeWork>(id.0).expect("read").is_none());
    apply(
        &f.store,
        &f.ctx,
        Command::Undo(Box::new(removed.undo.expect("undo"))),
    )
    .expect("undone");
    assert_eq!(work(&f, id).awards, "长城奖 银奖");
}
