//! A client's annual budget (年度预算) and what has become of it: the figures of the monthly
//! budget report (每月预算报告), media apart from production.
//!
//! The definitions, as the app shows them and the report prints them:
//! - **已执行** (executed) = invoiced, net of credit notes;
//! - **执行中** (in progress) = signed by the client and not yet invoiced: the signed amount
//!   less what was invoiced against it, per estimate (so a partly invoiced estimate counts in
//!   both);
//! - **余额** (remaining) = budget − executed − in progress;
//! - estimates sent but not yet signed are listed, not deducted.
//!
//! An estimate counts in the fiscal year in which the client signed it, and what is invoiced
//! against it counts in the same year: the year's budget is spent by the work signed in it.
//! The monthly bars place what was invoiced in the month of the fapiao and what is in
//! progress in the month of the signature. One report uses one tax basis throughout.

use super::estimate::Totals;
use super::ids::{BrandId, BudgetId, ClientId, EstimateId, JobId, UserId};
use super::money::Fen;
use super::stamp::Audit;
use chrono::{DateTime, Datelike, Months, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// Media or production: the two halves of every budget.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum BudgetSide {
    /// 媒介: media bought and the commission on it.
    Media,
    /// 制作: production, events and their change orders.
    Production,
}

impl BudgetSide {
    /// Both, in the order printed.
    pub const ALL: [BudgetSide; 2] = [BudgetSide::Media, BudgetSide::Production];

    /// Its Chinese and English names.
    pub fn names(self) -> (&'static str, &'static str) {
        match self {
            BudgetSide::Media => ("媒介", "Media"),
            BudgetSide::Production => ("制作", "Production"),
        }
    }
}

/// Whether amounts are taken without or with VAT.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum TaxBasis {
    /// 不含税.
    #[default]
    Net,
    /// 含税 (价税合计).
    Gross,
}

/// A client's fiscal year: twelve months from `start_month` of `year` (a year starting in
/// April 2027 runs to March 2028).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct FiscalYear {
    /// The calendar year it starts in.
    pub year: i32,
    /// The month it starts with, 1 to 12.
    pub start_month: u32,
}

impl FiscalYear {
    /// Its first day (`None` for a month out of range).
    pub fn first_day(self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.year, self.start_month, 1)
    }

    /// Its last day.
    pub fn last_day(self) -> Option<NaiveDate> {
        self.first_day()?
            .checked_add_months(Months::new(12))?
            .pred_opt()
    }

    /// Whether `day` falls in it.
    pub fn contains(self, day: NaiveDate) -> bool {
        match (self.first_day(), self.last_day()) {
            (Some(a), Some(b)) => a <= day && day <= b,
            _ => false,
        }
    }

    /// The fiscal year starting in `start_month` that contains `day`.
    pub fn of(day: NaiveDate, start_month: u32) -> FiscalYear {
        let year = if day.month() >= start_month {
            day.year()
        } else {
            day.year() - 1
        };
        FiscalYear { year, start_month }
    }

    /// Which of its months `day` is in, 0 to 11 (`None` outside it).
    pub fn month_index(self, day: NaiveDate) -> Option<usize> {
        if !self.contains(day) {
            return None;
        }
        let months = (day.year() - self.year) * 12 + day.month() as i32 - self.start_month as i32;
        usize::try_from(months).ok()
    }

    /// As people name it: `2027`, or `2027/28` for a year not starting in January.
    pub fn label(self) -> String {
        match self.start_month {
            1 => format!("{}", self.year),
            _ => format!("{}/{:02}", self.year, (self.year + 1).rem_euclid(100)),
        }
    }

    /// The share of the year elapsed by the end of `day`, in basis points (0 before it, 10000
    /// after it).
    pub fn elapsed_bp(self, day: NaiveDate) -> i64 {
        let (Some(a), Some(b)) = (self.first_day(), self.last_day()) else {
            return 0;
        };
        if day < a {
            return 0;
        }
        if day >= b {
            return 10_000;
        }
        let total = (b - a).num_days() + 1;
        let done = (day - a).num_days() + 1;
        (done * 10_000 + total / 2) / total
    }
}

/// One amount of a budget: media and production, from a day, with why it changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BudgetRevision {
    /// The media budget.
    pub media: Fen,
    /// The production budget.
    pub production: Fen,
    /// The day it applies from.
    pub from: NaiveDate,
    /// Why it was set or changed (the client's approval, a cut, a reallocation).
    pub reason: String,
    /// Who recorded it.
    pub by: UserId,
    /// When.
    pub at: DateTime<Utc>,
}

/// A client's annual budget, optionally for one brand, with its dated revisions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientBudget {
    /// Its id.
    pub id: BudgetId,
    /// The client.
    pub client_id: ClientId,
    /// `Some`: the budget of one brand; `None`: the client's whole budget.
    pub brand_id: Option<BrandId>,
    /// The fiscal year.
    pub year: FiscalYear,
    /// The amounts, oldest first; never removed (a change is a new revision).
    pub revisions: Vec<BudgetRevision>,
    /// Created and last changed.
    pub audit: Audit,
}

impl ClientBudget {
    /// The revision in force on `day`: the newest that applies from it or before, else the
    /// first (a budget agreed after the year began counts from its start).
    pub fn in_force(&self, day: NaiveDate) -> Option<&BudgetRevision> {
        self.revisions
            .iter()
            .filter(|r| r.from <= day)
            .max_by_key(|r| (r.from, r.at))
            .or_else(|| self.revisions.first())
    }

    /// The amount of one side on `day`.
    pub fn amount(&self, side: BudgetSide, day: NaiveDate) -> Fen {
        self.in_force(day).map_or(Fen(0), |r| match side {
            BudgetSide::Media => r.media,
            BudgetSide::Production => r.production,
        })
    }
}

/// An estimate the client signed, as the budget counts it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedWork {
    /// The estimate.
    pub estimate: EstimateId,
    /// Its job.
    pub job: JobId,
    /// The job's brand.
    pub brand: Option<BrandId>,
    /// Media or production.
    pub side: BudgetSide,
    /// The day the client signed.
    pub signed_on: NaiveDate,
    /// The signed version's totals.
    pub amount: Totals,
}

/// An invoice or credit note, as the budget counts it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InvoicedWork {
    /// The estimate it bills.
    pub estimate: EstimateId,
    /// Media (media and commission) or production.
    pub side: BudgetSide,
    /// The fapiao's date.
    pub on: NaiveDate,
    /// Net and gross, negative for a credit note (see [`super::invoice::Invoice::effect`]).
    pub net: i64,
    /// With tax.
    pub gross: i64,
}

/// The figures of one side, or of both together.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Figures {
    /// 年度预算.
    pub budget: i64,
    /// 已执行.
    pub executed: i64,
    /// 执行中.
    pub in_progress: i64,
}

impl Figures {
    /// 未执行余额: budget − executed − in progress (negative when over budget).
    pub fn remaining(self) -> i64 {
        self.budget - self.executed - self.in_progress
    }

    /// 执行率: executed and in progress as a share of the budget, in basis points (`None`
    /// without a budget).
    pub fn used_bp(self) -> Option<i64> {
        (self.budget > 0).then(|| {
            let used = i128::from(self.executed) + i128::from(self.in_progress);
            let bp = (used * 10_000 + i128::from(self.budget) / 2) / i128::from(self.budget);
            i64::try_from(bp).unwrap_or(i64::MAX)
        })
    }

    fn add(self, o: Figures) -> Figures {
        Figures {
            budget: self.budget + o.budget,
            executed: self.executed + o.executed,
            in_progress: self.in_progress + o.in_progress,
        }
    }
}

/// One estimate's line in the report: signed, invoiced, still in progress.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EstimateFigures {
    /// The estimate.
    pub estimate: EstimateId,
    /// Its side.
    pub side: BudgetSide,
    /// Signed (on the report's basis).
    pub signed: i64,
    /// Invoiced by the as-of date, net of credit notes.
    pub invoiced: i64,
    /// Signed less invoiced, never below zero.
    pub in_progress: i64,
}

/// A client's year on the day of a report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearFigures {
    /// The fiscal year.
    pub year: FiscalYear,
    /// The report's day.
    pub as_of: NaiveDate,
    /// The tax basis of every amount.
    pub basis: TaxBasis,
    /// Media.
    pub media: Figures,
    /// Production.
    pub production: Figures,
    /// Per month of the year: executed and in progress per side, `[media, production]`.
    pub months: [[Figures; 2]; 12],
    /// Per estimate signed in the year.
    pub estimates: Vec<EstimateFigures>,
}

impl YearFigures {
    /// Media and production together.
    pub fn total(&self) -> Figures {
        self.media.add(self.production)
    }

    /// A side's figures.
    pub fn side(&self, side: BudgetSide) -> Figures {
        match side {
            BudgetSide::Media => self.media,
            BudgetSide::Production => self.production,
        }
    }

    /// The year-end forecast of what will be used: executed and in progress so far, carried
    /// on at the pace of the year elapsed (no less than what is already committed).
    pub fn forecast(&self) -> i64 {
        let used = self.total().executed + self.total().in_progress;
        let elapsed = self.year.elapsed_bp(self.as_of);
        if elapsed <= 0 {
            return used;
        }
        let projected = i128::from(used) * 10_000 / i128::from(elapsed);
        i64::try_from(projected).unwrap_or(i64::MAX).max(used)
    }

    /// The months as the charts draw them: at the end of each month of the year, executed
    /// and in progress per side so far (`[media, production]`, budgets left at zero).
    pub fn cumulative(&self) -> [[Figures; 2]; 12] {
        let mut run = [Figures::default(); 2];
        let mut out = [[Figures::default(); 2]; 12];
        for (m, month) in self.months.iter().enumerate() {
            for (s, side) in month.iter().enumerate() {
                run[s].executed += side.executed;
                run[s].in_progress += side.in_progress;
            }
            out[m] = run;
        }
        out
    }

    /// How many of the year's months the report's day has reached: none before the year
    /// starts, all twelve after it ends.
    pub fn months_reached(&self) -> usize {
        match self.year.month_index(self.as_of) {
            Some(m) => m + 1,
            None if self.year.first_day().is_some_and(|d| self.as_of < d) => 0,
            None => 12,
        }
    }

    /// The budget's even pace after `months` of the year: `months` twelfths of it.
    pub fn pace(&self, months: usize) -> i64 {
        let budget = i128::from(self.total().budget);
        let share = budget * months.min(12) as i128 / 12;
        i64::try_from(share).unwrap_or(i64::MAX)
    }
}

/// The figures of `year` as of `as_of`: the budgets in force that day (several, e.g. one per
/// brand, add up), the estimates signed in the year by then, and the invoices against them
/// dated by then.
pub fn year_figures(
    year: FiscalYear,
    as_of: NaiveDate,
    basis: TaxBasis,
    budgets: &[&ClientBudget],
    signed: &[SignedWork],
    invoiced: &[InvoicedWork],
) -> YearFigures {
    let pick = |t: &Totals| match basis {
        TaxBasis::Net => t.net.0,
        TaxBasis::Gross => t.gross.0,
    };
    let slot = |side: BudgetSide| match side {
        BudgetSide::Media => 0,
        BudgetSide::Production => 1,
    };
    let mut sides = [Figures::default(); 2];
    let mut months = [[Figures::default(); 2]; 12];
    for b in budgets.iter().filter(|b| b.year == year) {
        for side in BudgetSide::ALL {
            sides[slot(side)].budget += b.amount(side, as_of).0;
        }
    }
    let mut estimates = Vec::new();
    for w in signed
        .iter()
        .filter(|w| year.contains(w.signed_on) && w.signed_on <= as_of)
    {
        let mut billed = 0;
        for i in invoiced
            .iter()
            .filter(|i| i.estimate == w.estimate && i.on <= as_of)
        {
            let amount = match basis {
                TaxBasis::Net => i.net,
                TaxBasis::Gross => i.gross,
            };
            billed += amount;
            let month = year
                .month_index(i.on)
                .unwrap_or(if i.on < w.signed_on { 0 } else { 11 });
            months[month][slot(w.side)].executed += amount;
        }
        let signed_amount = pick(&w.amount);
        let open = (signed_amount - billed).max(0);
        if let Some(m) = year.month_index(w.signed_on) {
            months[m][slot(w.side)].in_progress += open;
        }
        let s = &mut sides[slot(w.side)];
        s.executed += billed;
        s.in_progress += open;
        estimates.push(EstimateFigures {
            estimate: w.estimate,
            side: w.side,
            signed: signed_amount,
            invoiced: billed,
            in_progress: open,
        });
    }
    YearFigures {
        year,
        as_of,
        basis,
        media: sides[0],
        production: sides[1],
        months,
        estimates,
    }
}

pub mod road;

#[cfg(test)]
mod tests;
