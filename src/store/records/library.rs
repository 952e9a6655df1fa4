//! The library's items and their loans on disk.

use super::*;
use crate::domain::library::{
    Holding, ItemCondition, ItemLoan, LibraryItem, Loan, MediumKind, ShelfPlace,
};

codes!(medium_kind_out, medium_kind_in, MediumKind, Kind::LibraryItem, {
    MediumKind::Tape => 1,
    MediumKind::Disc => 2,
    MediumKind::Drive => 3,
    MediumKind::Proof => 4,
    MediumKind::Tearsheet => 5,
    MediumKind::Original => 6,
    MediumKind::Other => 7,
});
codes!(holding_out, holding_in, Holding, Kind::LibraryItem, {
    Holding::Client => 1,
    Holding::Competitor => 2,
    Holding::Agency => 3,
});
codes!(condition_out, condition_in, ItemCondition, Kind::LibraryItem, {
    ItemCondition::Good => 1,
    ItemCondition::Worn => 2,
    ItemCondition::Damaged => 3,
});

/// One loan, layout 1.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ItemLoanV1 {
    out_on: i32,
    due_on: i32,
    renewals: u8,
    returned_on: Option<i32>,
    borrower: u64,
    job_id: Option<u64>,
    lent: StampV1,
    back: Option<StampV1>,
    condition_back: Option<u8>,
    note: String,
}

/// An item of the library, layout 1.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LibraryItemV1 {
    id: u64,
    serial: u32,
    client_id: u64,
    job_id: Option<u64>,
    title: String,
    kind: u8,
    holding: u8,
    owner_name: String,
    room: String,
    cabinet: String,
    shelf: String,
    box_label: String,
    condition: u8,
    note: String,
    documents: Vec<u64>,
    works: Vec<u64>,
    loans: Vec<ItemLoanV1>,
    audit: AuditV1,
}

impl LibraryItemV1 {
    fn from_domain(i: &LibraryItem) -> Self {
        LibraryItemV1 {
            id: i.id.0,
            serial: i.serial,
            client_id: i.client_id.0,
            job_id: i.job_id.map(|j| j.0),
            title: i.title.clone(),
            kind: medium_kind_out(i.kind),
            holding: holding_out(i.holding),
            owner_name: i.owner_name.clone(),
            room: i.home.room.clone(),
            cabinet: i.home.cabinet.clone(),
            shelf: i.home.shelf.clone(),
            box_label: i.home.box_label.clone(),
            condition: condition_out(i.condition),
            note: i.note.clone(),
            documents: i.documents.iter().map(|d| d.0).collect(),
            works: i.works.iter().map(|w| w.0).collect(),
            loans: i
                .loans
                .iter()
                .map(|l| ItemLoanV1 {
                    out_on: date_out(l.loan.out_on),
                    due_on: date_out(l.loan.due_on),
                    renewals: l.loan.renewals,
                    returned_on: l.loan.returned_on.map(date_out),
                    borrower: l.borrower.0,
                    job_id: l.job_id.map(|j| j.0),
                    lent: StampV1::from_domain(&l.lent),
                    back: l.back.as_ref().map(StampV1::from_domain),
                    condition_back: l.condition_back.map(condition_out),
                    note: l.note.clone(),
                })
                .collect(),
            audit: AuditV1::from_domain(&i.audit),
        }
    }

    fn into_domain(self) -> Result<LibraryItem, CodecError> {
        const K: Kind = Kind::LibraryItem;
        let mut loans = Vec::with_capacity(self.loans.len());
        for l in self.loans {
            loans.push(ItemLoan {
                loan: Loan {
                    out_on: date_in(K, l.out_on)?,
                    due_on: date_in(K, l.due_on)?,
                    renewals: l.renewals,
                    returned_on: opt_date_in(K, l.returned_on)?,
                },
                borrower: domain::UserId(l.borrower),
                job_id: l.job_id.map(domain::JobId),
                lent: l.lent.into_domain(K)?,
                back: l.back.map(|b| b.into_domain(K)).transpose()?,
                condition_back: l.condition_back.map(condition_in).transpose()?,
                note: l.note,
            });
        }
        if self.serial == 0 {
            return Err(bad(K, "an item without an archive number"));
        }
        Ok(LibraryItem {
            id: domain::LibraryItemId(self.id),
            serial: self.serial,
            client_id: domain::ClientId(self.client_id),
            job_id: self.job_id.map(domain::JobId),
            title: self.title,
            kind: medium_kind_in(self.kind)?,
            holding: holding_in(self.holding)?,
            owner_name: self.owner_name,
            home: ShelfPlace {
                room: self.room,
                cabinet: self.cabinet,
                shelf: self.shelf,
                box_label: self.box_label,
            },
            condition: condition_in(self.condition)?,
            note: self.note,
            documents: self.documents.into_iter().map(domain::DocumentId).collect(),
            works: self.works.into_iter().map(domain::CreativeWorkId).collect(),
            loans,
            audit: self.audit.into_domain(K)?,
        })
    }
}
record_v1!(LibraryItem, LibraryItemV1, Kind::LibraryItem);
