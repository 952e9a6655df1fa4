//! The library's shelves: archive numbers issued in turn, loans out, renewed, overdue and
//! back with their condition, removal refused while out, undo of each step.

use super::*;
use crate::domain::LibraryItem;
use crate::domain::LibraryItemId;
use crate::domain::library::{ItemCondition, LoanRefusal, MediumKind};
use crate::services::library::{ItemDraft, LendAsk, LibraryRefusal};

fn add(f: &Fixture, client: ClientId, title: &str) -> Result<Applied, ServiceError> {
    let mut d = ItemDraft::new(client, title);
    d.kind = MediumKind::Tape;
    d.home.room = "A".into();
    d.home.cabinet = "3".into();
    apply(&f.store, &f.ctx, Command::AddLibraryItem(Box::new(d)))
}

fn item(f: &Fixture, id: LibraryItemId) -> LibraryItem {
    f.store
        .get::<LibraryItem>(id.0)
        .ok()
        .flatten()
        .expect("the item")
}

fn on(f: &Fixture, days: i64) -> Ctx {
    Ctx {
        today: f.ctx.today + chrono::Duration::days(days),
        now: f.ctx.now + chrono::Duration::days(days),
        ..f.ctx
    }
}

fn refusal(r: Result<Applied, ServiceError>) -> Option<LibraryRefusal> {
    match r {
        Err(ServiceError::Library(l)) => Some(l),
        _ => None,
    }
}

fn lend(
    f: &Fixture,
    ctx: &Ctx,
    id: LibraryItemId,
    job: Option<JobId>,
) -> Result<Applied, ServiceError> {
    let ask = LendAsk {
        borrower: f.ctx.actor,
        job_id: job,
        due_on: None,
        note: "剪辑用".into(),
    };
    apply(&f.store, ctx, Command::LendLibraryItem(id, Box::new(ask)))
}

#[test]
fn archive_numbers_are_issued_in_turn_and_never_twice() {
    let f = fixture();
    let c = client(&f, "可口可乐");
    let a = add(&f, c, "2019 春节 TVC 播出带").expect("first");
    let b = add(&f, ClientId(0), "公司作品集").expect("second");
    let (a, b) = (item(&f, LibraryItemId(a.id)), item(&f, LibraryItemId(b.id)));
    assert_eq!((a.serial, b.serial), (1, 2));
    assert_eq!(a.label(), "ASN-000001");
    assert_eq!(a.home.label(), "A室-3柜");
    // Undoing the second frees nothing: the next number is still new.
    let removed = apply(&f.store, &f.ctx, Command::RemoveLibraryItem(b.id)).expect("removed");
    assert!(f.store.get::<LibraryItem>(b.id.0).expect("read").is_none());
    let undo = removed.undo.expect("undoable");
    apply(&f.store, &f.ctx, Command::Undo(Box::new(undo))).expect("undone");
    assert_eq!(item(&f, b.id).serial, 2, "put back with its number");
    let c3 = add(&f, c, "第三件").expect("third");
    assert_eq!(item(&f, LibraryItemId(c3.id)).serial, 3);
    // A title is required; a job must be the client's.
    assert!(matches!(
        add(&f, c, "  "),
        Err(ServiceError::Invalid(FieldError {
            field: "item_title",
            ..
        }))
    ));
    let other = client(&f, "宝马");
    let j = job(&f, other);
    let mut d = ItemDraft::new(c, "错配");
    d.job_id = Some(j);
    assert!(apply(&f.store, &f.ctx, Command::AddLibraryItem(Box::new(d))).is_err());
}

#[test]
fn a_loan_goes_out_for_two_weeks_is_renewed_falls_overdue_and_comes_back_checked() {
    let f = fixture();
    let c = client(&f, "可口可乐");
    let j = job(&f, c);
    let id = LibraryItemId(add(&f, c, "Betacam 母带").expect("item").id);
    lend(&f, &f.ctx, id, Some(j)).expect("lent");
    let i = item(&f, id);
    let out = i.out_on().expect("out");
    assert_eq!(out.loan.due_on, f.ctx.today + chrono::Duration::days(14));
    assert_eq!((out.job_id, out.note.as_str()), (Some(j), "剪辑用"));
    // Out already: a second loan is refused, and so is removing it.
    assert_eq!(
        refusal(lend(&f, &f.ctx, id, None)),
        Some(LibraryRefusal::AlreadyOut)
    );
    assert_eq!(
        refusal(apply(&f.store, &f.ctx, Command::RemoveLibraryItem(id))),
        Some(LibraryRefusal::OutOnRemoval)
    );
    // Renewed on day 10: due two weeks after it was due.
    apply(&f.store, &on(&f, 10), Command::RenewLoan(id)).expect("renewed");
    assert_eq!(
        item(&f, id).out_on().expect("out").loan.due_on,
        f.ctx.today + chrono::Duration::days(28)
    );
    // On day 31 it is three days overdue: no renewal, it comes back first.
    assert_eq!(item(&f, id).days_overdue(on(&f, 31).today), 3);
    assert_eq!(
        refusal(apply(&f.store, &on(&f, 31), Command::RenewLoan(id))),
        Some(LibraryRefusal::Loan(LoanRefusal::Overdue { days: 3 }))
    );
    let back = apply(
        &f.store,
        &on(&f, 31),
        Command::ReturnLibraryItem(id, ItemCondition::Damaged, "磁带起皱".into()),
    )
    .expect("back");
    let i = item(&f, id);
    assert!(i.out_on().is_none());
    assert_eq!(i.condition, ItemCondition::Damaged);
    let last = i.loans.last().expect("loan");
    assert_eq!(last.loan.returned_on, Some(on(&f, 31).today));
    assert_eq!(last.condition_back, Some(ItemCondition::Damaged));
    assert_eq!(last.note, "剪辑用；磁带起皱");
    assert_eq!(
        refusal(apply(&f.store, &f.ctx, Command::RenewLoan(id))),
        Some(LibraryRefusal::NotOut)
    );
    // Undo of the return puts the loan back out.
    apply(
        &f.store,
        &f.ctx,
        Command::Undo(Box::new(back.undo.expect("undo"))),
    )
    .expect("undone");
    assert!(item(&f, id).out_on().is_some());
    // A due date before today is refused.
    let back = apply(
        &f.store,
        &f.ctx,
        Command::ReturnLibraryItem(id, ItemCondition::Good, String::new()),
    );
    assert!(back.is_ok());
    let ask = LendAsk {
        borrower: f.ctx.actor,
        job_id: None,
        due_on: Some(f.ctx.today - chrono::Duration::days(1)),
        note: String::new(),
    };
    assert_eq!(
        refusal(apply(
            &f.store,
            &f.ctx,
            Command::LendLibraryItem(id, Box::new(ask))
        )),
        Some(LibraryRefusal::Loan(LoanRefusal::DueBeforeOut))
    );
}
