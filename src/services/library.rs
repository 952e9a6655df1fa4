//! Use cases of the library's shelves (图书室): an item registered with the next archive
//! number, edited, lent out (借出) for a job, renewed, returned (归还) with its condition
//! checked, and removed once it is home. Every step is logged and undoable.

use super::*;
use crate::domain::LibraryItemId;
use crate::domain::library::{
    Holding, ItemCondition, ItemLoan, LibraryItem, Loan, LoanRefusal, MediumKind, ShelfPlace,
};
use crate::domain::text::{optional_line, required_line};
use crate::search::DocKind;

/// What an item is and where it lives, as a person typed it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemDraft {
    /// The client it is kept for (`ClientId(0)`: the agency's own material).
    pub client_id: ClientId,
    /// The job it came from.
    pub job_id: Option<JobId>,
    /// What it is (required).
    pub title: String,
    /// Tape, disc, drive…
    pub kind: MediumKind,
    /// Whose it is.
    pub holding: Holding,
    /// The competitor or owner named.
    pub owner_name: String,
    /// Its home on the shelves.
    pub home: ShelfPlace,
    /// Its condition.
    pub condition: ItemCondition,
    /// A note.
    pub note: String,
    /// The documents it belongs to.
    pub documents: Vec<crate::domain::DocumentId>,
    /// The creative works it holds.
    pub works: Vec<crate::domain::CreativeWorkId>,
}

impl ItemDraft {
    /// A draft of a tape of the client's, everything else blank.
    pub fn new(client_id: ClientId, title: impl Into<String>) -> Self {
        ItemDraft {
            client_id,
            job_id: None,
            title: title.into(),
            kind: MediumKind::Tape,
            holding: Holding::Client,
            owner_name: String::new(),
            home: ShelfPlace::default(),
            condition: ItemCondition::Good,
            note: String::new(),
            documents: Vec::new(),
            works: Vec::new(),
        }
    }

    /// The draft of what `item` is now, for its edit form.
    pub fn of(item: &LibraryItem) -> Self {
        ItemDraft {
            client_id: item.client_id,
            job_id: item.job_id,
            title: item.title.clone(),
            kind: item.kind,
            holding: item.holding,
            owner_name: item.owner_name.clone(),
            home: item.home.clone(),
            condition: item.condition,
            note: item.note.clone(),
            documents: item.documents.clone(),
            works: item.works.clone(),
        }
    }

    fn validate(self, tx: &WriteTx) -> Result<ItemDraft, ServiceError> {
        if self.client_id.0 != 0 {
            check_ref::<Client>(tx, "client", self.client_id.0)?;
        }
        if let Some(j) = self.job_id {
            let job: Job = check_ref(tx, "job", j.0)?;
            if job.client_id != self.client_id {
                return Err(FieldError {
                    field: "job",
                    problem: Problem::Missing,
                }
                .into());
            }
        }
        for w in &self.works {
            let work: crate::domain::CreativeWork = check_ref(tx, "work", w.0)?;
            if work.client_id != self.client_id {
                return Err(FieldError {
                    field: "work",
                    problem: Problem::Missing,
                }
                .into());
            }
        }
        let place = |field, text: &str| optional_line(field, text);
        Ok(ItemDraft {
            title: required_line("item_title", &self.title)?,
            owner_name: optional_line("item_owner", &self.owner_name)?,
            home: ShelfPlace {
                room: place("shelf_place", &self.home.room)?,
                cabinet: place("shelf_place", &self.home.cabinet)?,
                shelf: place("shelf_place", &self.home.shelf)?,
                box_label: place("shelf_place", &self.home.box_label)?,
            },
            note: optional_line("note", &self.note)?,
            ..self
        })
    }
}

/// A loan asked for: who takes the item, for which job, until when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LendAsk {
    /// Who takes it.
    pub borrower: UserId,
    /// The job it is for.
    pub job_id: Option<JobId>,
    /// The agreed due date (`None`: two weeks).
    pub due_on: Option<NaiveDate>,
    /// A note.
    pub note: String,
}

/// Why a step on the shelves was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LibraryRefusal {
    /// The loan's own rule (due dates, renewals, overdue).
    Loan(LoanRefusal),
    /// It is out on loan already.
    AlreadyOut,
    /// It is home: there is no loan to renew or return.
    NotOut,
    /// It is out on loan: it comes back before it is removed.
    OutOnRemoval,
}

impl LibraryRefusal {
    /// What to tell the person.
    pub fn message(self, lang: Lang) -> String {
        match self {
            LibraryRefusal::Loan(r) => r.describe(lang == Lang::Zh),
            LibraryRefusal::AlreadyOut => lang
                .pick(
                    "该物品已借出：请先归还。",
                    "The item is out on loan: return it first.",
                )
                .into(),
            LibraryRefusal::NotOut => lang
                .pick("该物品在架上，没有借出。", "The item is home, not on loan.")
                .into(),
            LibraryRefusal::OutOnRemoval => lang
                .pick(
                    "该物品已借出：归还后才能删除。",
                    "The item is out on loan: it is removed only once it is back.",
                )
                .into(),
        }
    }
}

fn refused(r: LibraryRefusal) -> ServiceError {
    ServiceError::Library(r)
}

fn changed(before: LibraryItem, after: &LibraryItem, summary: String) -> Outcome {
    done(
        Subject::LibraryItem,
        after.id.0,
        Action::Updated,
        summary,
        Some(Reverse::Restore(Snapshot::from(before))),
    )
}

/// A new item, with the library's next archive number.
pub(super) fn add(tx: &mut WriteTx, ctx: &Ctx, d: ItemDraft) -> Result<Outcome, ServiceError> {
    let d = d.validate(tx)?;
    let serial = tx.issue_archive_serial()?;
    let item = LibraryItem {
        id: LibraryItemId(tx.next_id()?),
        serial,
        client_id: d.client_id,
        job_id: d.job_id,
        title: d.title,
        kind: d.kind,
        holding: d.holding,
        owner_name: d.owner_name,
        home: d.home,
        condition: d.condition,
        note: d.note,
        documents: d.documents,
        works: d.works,
        loans: Vec::new(),
        audit: Audit::new(ctx.stamp()),
    };
    tx.put(&item)?;
    Ok(done(
        Subject::LibraryItem,
        item.id.0,
        Action::Created,
        item.summary(),
        Some(Reverse::Remove(Subject::LibraryItem, item.id.0)),
    ))
}

/// What an item is, edited from the revision shown.
pub(super) fn update(
    tx: &mut WriteTx,
    stamp: Stamp,
    id: LibraryItemId,
    d: ItemDraft,
    base: Base,
) -> Result<Outcome, ServiceError> {
    base.check(tx, Kind::LibraryItem, Key::id(id.0))?;
    let before: LibraryItem = need(tx, "library item", id.0)?;
    let d = d.validate(tx)?;
    let after = LibraryItem {
        client_id: d.client_id,
        job_id: d.job_id,
        title: d.title,
        kind: d.kind,
        holding: d.holding,
        owner_name: d.owner_name,
        home: d.home,
        condition: d.condition,
        note: d.note,
        documents: d.documents,
        works: d.works,
        audit: before.audit.touched(stamp),
        ..before.clone()
    };
    tx.put(&after)?;
    let summary = after.summary();
    Ok(changed(before, &after, summary))
}

/// One step on item `id`'s loans: `step` changes the item, which is then stored and logged
/// as `what` (借出, 续借, 归还).
fn loan_step(
    tx: &mut WriteTx,
    ctx: &Ctx,
    id: LibraryItemId,
    what: &str,
    step: impl FnOnce(&mut LibraryItem) -> Result<(), ServiceError>,
) -> Result<Outcome, ServiceError> {
    let before: LibraryItem = need(tx, "library item", id.0)?;
    let mut after = before.clone();
    step(&mut after)?;
    after.audit = after.audit.touched(ctx.stamp());
    tx.put(&after)?;
    let summary = format!("{} {what}", after.summary());
    Ok(changed(before, &after, summary))
}

/// The loan `item` is out on, refused when it is home.
fn open_loan(item: &mut LibraryItem) -> Result<&mut ItemLoan, ServiceError> {
    item.loans
        .last_mut()
        .filter(|l| l.loan.returned_on.is_none())
        .ok_or(refused(LibraryRefusal::NotOut))
}

/// An item lent out today.
pub(super) fn lend(
    tx: &mut WriteTx,
    ctx: &Ctx,
    id: LibraryItemId,
    ask: LendAsk,
) -> Result<Outcome, ServiceError> {
    check_ref::<User>(tx, "borrower", ask.borrower.0)?;
    if let Some(j) = ask.job_id {
        check_ref::<Job>(tx, "job", j.0)?;
    }
    let note = optional_line("note", &ask.note)?;
    loan_step(tx, ctx, id, "借出", |item| {
        if item.out_on().is_some() {
            return Err(refused(LibraryRefusal::AlreadyOut));
        }
        let loan =
            Loan::lend(ctx.today, ask.due_on).map_err(|r| refused(LibraryRefusal::Loan(r)))?;
        item.loans.push(ItemLoan {
            loan,
            borrower: ask.borrower,
            job_id: ask.job_id,
            lent: ctx.stamp(),
            back: None,
            condition_back: None,
            note,
        });
        Ok(())
    })
}

/// The loan an item is out on renewed today.
pub(super) fn renew(
    tx: &mut WriteTx,
    ctx: &Ctx,
    id: LibraryItemId,
) -> Result<Outcome, ServiceError> {
    loan_step(tx, ctx, id, "续借", |item| {
        open_loan(item)?
            .loan
            .renew(ctx.today)
            .map_err(|r| refused(LibraryRefusal::Loan(r)))
    })
}

/// An item back today, in the condition checked; the item's condition becomes it.
pub(super) fn give_back(
    tx: &mut WriteTx,
    ctx: &Ctx,
    id: LibraryItemId,
    condition: ItemCondition,
    note: &str,
) -> Result<Outcome, ServiceError> {
    let note = optional_line("note", note)?;
    loan_step(tx, ctx, id, "归还", |item| {
        let open = open_loan(item)?;
        open.loan
            .give_back(ctx.today)
            .map_err(|r| refused(LibraryRefusal::Loan(r)))?;
        open.back = Some(ctx.stamp());
        open.condition_back = Some(condition);
        if !note.is_empty() {
            open.note = match open.note.is_empty() {
                true => note,
                false => format!("{}；{note}", open.note),
            };
        }
        item.condition = condition;
        Ok(())
    })
}

/// An item removed from the library (registered by mistake, or disposed of), refused while
/// it is out on loan. Undo puts it back with its number and loans.
pub(super) fn remove(tx: &mut WriteTx, id: LibraryItemId) -> Result<Outcome, ServiceError> {
    let before: LibraryItem = need(tx, "library item", id.0)?;
    if before.out_on().is_some() {
        return Err(refused(LibraryRefusal::OutOnRemoval));
    }
    tx.delete::<LibraryItem>(id.0)?;
    Ok(done(
        Subject::LibraryItem,
        id.0,
        Action::Deleted,
        before.summary(),
        Some(Reverse::Restore(Snapshot::from(before))),
    ))
}

impl RecordKind for LibraryItem {
    const SUBJECT: Subject = Subject::LibraryItem;
    const NAME: KindName = KindName {
        zh: "图书室物品",
        en: "Library item",
    };
    const SEARCH: Option<DocKind> = Some(DocKind::LibraryItem);

    fn id(&self) -> u64 {
        self.id.0
    }

    fn summary(&self) -> String {
        format!("{} {}", self.label(), self.title)
    }

    fn restored(self, stamp: Stamp) -> Self {
        LibraryItem {
            audit: self.audit.touched(stamp),
            ..self
        }
    }

    fn check_refs(&self, tx: &WriteTx) -> Result<(), ServiceError> {
        if self.client_id.0 != 0 {
            check_ref::<Client>(tx, "client", self.client_id.0)?;
        }
        Ok(())
    }
}
