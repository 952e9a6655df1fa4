//! The library's shelves (图书室): tapes, discs, drives, proofs, 样刊 and signed originals,
//! each with a running archive number and a home on the shelves (room – cabinet – shelf –
//! box), lent out (借出) for a job and returned (归还) with its condition checked, and counted
//! in a stocktake (盘点).
//!
//! A loan is due two weeks after it goes out unless a date is agreed; a renewal moves the
//! due date two weeks on from the day it was due (never back), at most twice, and not once
//! it is overdue — an overdue item comes back first. Dates are the agency's local days.

use super::ids::{ClientId, CreativeWorkId, DocumentId, JobId, LibraryItemId, UserId};
use super::stamp::{Audit, Stamp};
use chrono::{Duration, NaiveDate};

/// How long a loan runs unless a date is agreed.
pub const LOAN_DAYS: i64 = 14;
/// How many times a loan may be renewed.
pub const MAX_RENEWALS: u8 = 2;

/// What is on the shelf.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum MediumKind {
    /// Betacam (SP, Digital, SX) and other broadcast tapes.
    Tape,
    /// DVD, Blu-ray, CD.
    Disc,
    /// A hard disk or memory card.
    Drive,
    /// A print proof (打样).
    Proof,
    /// A copy of a publication that ran the ad (样刊 / 样报).
    Tearsheet,
    /// A signed original (contract, approval).
    Original,
    /// Anything else.
    Other,
}

impl MediumKind {
    /// Every kind, in the order the library lists them.
    pub const ALL: [MediumKind; 7] = [
        MediumKind::Tape,
        MediumKind::Disc,
        MediumKind::Drive,
        MediumKind::Proof,
        MediumKind::Tearsheet,
        MediumKind::Original,
        MediumKind::Other,
    ];

    /// Its Chinese and English names.
    pub fn names(self) -> (&'static str, &'static str) {
        match self {
            MediumKind::Tape => ("录像带", "Tape"),
            MediumKind::Disc => ("光盘", "Disc"),
            MediumKind::Drive => ("硬盘/存储卡", "Drive"),
            MediumKind::Proof => ("打样", "Proof"),
            MediumKind::Tearsheet => ("样刊", "Tearsheet"),
            MediumKind::Original => ("签字原件", "Signed original"),
            MediumKind::Other => ("其他", "Other"),
        }
    }
}

/// Whose it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Holding {
    /// The client's own material.
    Client,
    /// A competitor's ads, kept for reference.
    Competitor,
    /// The agency's.
    Agency,
}

impl Holding {
    /// Every holding, in the order the library lists them.
    pub const ALL: [Holding; 3] = [Holding::Client, Holding::Competitor, Holding::Agency];

    /// Its Chinese and English names.
    pub fn names(self) -> (&'static str, &'static str) {
        match self {
            Holding::Client => ("客户", "Client's"),
            Holding::Competitor => ("竞争品牌", "Competitor's"),
            Holding::Agency => ("本公司", "Ours"),
        }
    }
}

/// The state an item is in, checked when it goes out and when it comes back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum ItemCondition {
    /// 完好.
    Good,
    /// 有磨损: worn, still usable.
    Worn,
    /// 损坏: damaged.
    Damaged,
}

impl ItemCondition {
    /// Every condition, best first.
    pub const ALL: [ItemCondition; 3] = [
        ItemCondition::Good,
        ItemCondition::Worn,
        ItemCondition::Damaged,
    ];

    /// Its Chinese and English names.
    pub fn names(self) -> (&'static str, &'static str) {
        match self {
            ItemCondition::Good => ("完好", "Good"),
            ItemCondition::Worn => ("有磨损", "Worn"),
            ItemCondition::Damaged => ("损坏", "Damaged"),
        }
    }
}

/// Where an item lives when it is home.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct ShelfPlace {
    /// 室: the room.
    pub room: String,
    /// 柜: the cabinet.
    pub cabinet: String,
    /// 层: the shelf.
    pub shelf: String,
    /// 盒: the box.
    pub box_label: String,
}

impl ShelfPlace {
    /// `A室-3柜-2层-15盒`, the parts there are.
    pub fn label(&self) -> String {
        [
            (&self.room, "室"),
            (&self.cabinet, "柜"),
            (&self.shelf, "层"),
            (&self.box_label, "盒"),
        ]
        .iter()
        .filter(|(part, _)| !part.trim().is_empty())
        .map(|(part, unit)| format!("{}{unit}", part.trim()))
        .collect::<Vec<_>>()
        .join("-")
    }
}

/// The archive number printed on an item's label: `ASN-000123`.
pub fn archive_label(serial: u32) -> String {
    format!("ASN-{serial:06}")
}

/// Reads an archive number as typed or scanned: `ASN-000123`, `asn123`, `000123`, `123`.
pub fn parse_archive_label(text: &str) -> Option<u32> {
    let t = text.trim();
    let digits = match t.get(..3) {
        Some(prefix) if prefix.eq_ignore_ascii_case("asn") => t[3..].trim_start_matches(['-', ' ']),
        _ => t,
    };
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok().filter(|n| *n > 0)
}

/// One loan of an item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loan {
    /// The day it went out.
    pub out_on: NaiveDate,
    /// The day it is due back.
    pub due_on: NaiveDate,
    /// How many times it was renewed.
    pub renewals: u8,
    /// The day it came back, once it has.
    pub returned_on: Option<NaiveDate>,
}

/// Why a loan cannot take the step asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoanRefusal {
    /// The due date is before the day it goes out.
    DueBeforeOut,
    /// Already back.
    Returned,
    /// Renewed as often as it may be.
    RenewedEnough,
    /// Overdue: it comes back first.
    Overdue {
        /// Days past due.
        days: i64,
    },
    /// The return is dated before the loan.
    ReturnBeforeOut,
}

impl LoanRefusal {
    /// What to tell the person.
    pub fn describe(self, zh: bool) -> String {
        match (self, zh) {
            (LoanRefusal::DueBeforeOut, true) => "归还日期不能早于借出日期。".into(),
            (LoanRefusal::DueBeforeOut, false) => "The due date is before the loan.".into(),
            (LoanRefusal::Returned, true) => "该物品已归还。".into(),
            (LoanRefusal::Returned, false) => "The item is back already.".into(),
            (LoanRefusal::RenewedEnough, true) => {
                format!("已续借 {MAX_RENEWALS} 次，请先归还。")
            }
            (LoanRefusal::RenewedEnough, false) => {
                format!("Renewed {MAX_RENEWALS} times already: return it first.")
            }
            (LoanRefusal::Overdue { days }, true) => format!("已逾期 {days} 天，请先归还。"),
            (LoanRefusal::Overdue { days }, false) => {
                format!("{days} days overdue: return it first.")
            }
            (LoanRefusal::ReturnBeforeOut, true) => "归还日期不能早于借出日期。".into(),
            (LoanRefusal::ReturnBeforeOut, false) => "The return is dated before the loan.".into(),
        }
    }
}

impl Loan {
    /// A loan going out on `out_on`, due on `due_on` or two weeks later.
    pub fn lend(out_on: NaiveDate, due_on: Option<NaiveDate>) -> Result<Loan, LoanRefusal> {
        let due_on = due_on.unwrap_or(out_on + Duration::days(LOAN_DAYS));
        if due_on < out_on {
            return Err(LoanRefusal::DueBeforeOut);
        }
        Ok(Loan {
            out_on,
            due_on,
            renewals: 0,
            returned_on: None,
        })
    }

    /// Days past due on `today` (0 when not overdue or back).
    pub fn days_overdue(&self, today: NaiveDate) -> i64 {
        match self.returned_on {
            Some(_) => 0,
            None => (today - self.due_on).num_days().max(0),
        }
    }

    /// Renews it on `today`: due two weeks after it was due.
    pub fn renew(&mut self, today: NaiveDate) -> Result<(), LoanRefusal> {
        if self.returned_on.is_some() {
            return Err(LoanRefusal::Returned);
        }
        let days = self.days_overdue(today);
        if days > 0 {
            return Err(LoanRefusal::Overdue { days });
        }
        if self.renewals >= MAX_RENEWALS {
            return Err(LoanRefusal::RenewedEnough);
        }
        self.due_on += Duration::days(LOAN_DAYS);
        self.renewals += 1;
        Ok(())
    }

    /// Takes it back on `on`.
    pub fn give_back(&mut self, on: NaiveDate) -> Result<(), LoanRefusal> {
        if self.returned_on.is_some() {
            return Err(LoanRefusal::Returned);
        }
        if on < self.out_on {
            return Err(LoanRefusal::ReturnBeforeOut);
        }
        self.returned_on = Some(on);
        Ok(())
    }
}

/// What a stocktake found: the items expected on the shelves (not out on loan) that were
/// not seen, and the archive numbers seen that the library does not know.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Stocktake {
    /// Home, not seen.
    pub missing: Vec<u32>,
    /// Seen, unknown.
    pub unknown: Vec<u32>,
}

/// Compares the items at home (`(serial, out on loan)`) with the numbers scanned.
pub fn stocktake(items: &[(u32, bool)], seen: &[u32]) -> Stocktake {
    let mut missing: Vec<u32> = items
        .iter()
        .filter(|(serial, lent)| !lent && !seen.contains(serial))
        .map(|(serial, _)| *serial)
        .collect();
    let mut unknown: Vec<u32> = seen
        .iter()
        .filter(|s| !items.iter().any(|(serial, _)| serial == *s))
        .copied()
        .collect();
    missing.sort_unstable();
    unknown.sort_unstable();
    unknown.dedup();
    Stocktake { missing, unknown }
}

/// One loan of an item as the library keeps it: the dates, who has it, for which job, and
/// the condition it came back in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemLoan {
    /// Its dates.
    pub loan: Loan,
    /// Who has it.
    pub borrower: UserId,
    /// The job it is for.
    pub job_id: Option<JobId>,
    /// Who lent it, when.
    pub lent: Stamp,
    /// Who took it back, when.
    pub back: Option<Stamp>,
    /// The condition it came back in.
    pub condition_back: Option<ItemCondition>,
    /// A note on the loan or the return.
    pub note: String,
}

/// A physical item on the library's shelves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LibraryItem {
    /// Its id.
    pub id: LibraryItemId,
    /// Its archive number, printed on its label ([`archive_label`]).
    pub serial: u32,
    /// The client it is kept for (`ClientId(0)`: the agency's own material).
    pub client_id: ClientId,
    /// The job it came from.
    pub job_id: Option<JobId>,
    /// What it is (`2019 春节 TVC《团圆》 30" 播出带`).
    pub title: String,
    /// Tape, disc, drive…
    pub kind: MediumKind,
    /// Whose it is.
    pub holding: Holding,
    /// The competitor or owner named, where it is not the client's (`百事可乐`).
    pub owner_name: String,
    /// Its home on the shelves.
    pub home: ShelfPlace,
    /// Its condition, as last checked.
    pub condition: ItemCondition,
    /// A note (format, running time, what is on it).
    pub note: String,
    /// The documents it belongs to.
    pub documents: Vec<DocumentId>,
    /// The creative works it holds (a tape of a TVC and its cuts).
    pub works: Vec<CreativeWorkId>,
    /// Its loans, oldest first; the last one may be out.
    pub loans: Vec<ItemLoan>,
    /// Creation and last change.
    pub audit: Audit,
}

impl LibraryItem {
    /// Whom it is kept for, as its label and the library say it: the agency's own items
    /// (client 0) 本公司 (`Ours`), the others `client_name`.
    pub fn kept_for<'a>(&self, client_name: &'a str, zh: bool) -> &'a str {
        match (self.client_id.0, zh) {
            (0, true) => Holding::Agency.names().0,
            (0, false) => Holding::Agency.names().1,
            _ => client_name,
        }
    }

    /// Its label text: `ASN-000123`.
    pub fn label(&self) -> String {
        archive_label(self.serial)
    }

    /// The loan it is out on, if it is out.
    pub fn out_on(&self) -> Option<&ItemLoan> {
        self.loans.last().filter(|l| l.loan.returned_on.is_none())
    }

    /// Days it is overdue on `today` (0 when home or not yet due).
    pub fn days_overdue(&self, today: NaiveDate) -> i64 {
        self.out_on().map_or(0, |l| l.loan.days_overdue(today))
    }
}

#[cfg(test)]
mod tests;
