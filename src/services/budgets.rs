//! A client's annual budgets: set for a fiscal year (optionally for one brand), revised with
//! a date and a reason. A budget is never removed: a change is a new revision, and the old
//! ones stay in the record.

use super::*;
use crate::domain::budget::{BudgetRevision, ClientBudget, FiscalYear};
use crate::domain::{BrandId, BudgetId, Fen};

/// What a person typed to set or revise a budget.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BudgetDraft {
    /// The client.
    pub client_id: ClientId,
    /// `Some`: one brand's budget.
    pub brand_id: Option<BrandId>,
    /// The calendar year the fiscal year starts in.
    pub year: i32,
    /// The month it starts with, 1 to 12.
    pub start_month: u32,
    /// The media budget, as typed.
    pub media: String,
    /// The production budget, as typed.
    pub production: String,
    /// The day it applies from (empty: the year's first day).
    pub from: String,
    /// Why: required for a revision.
    pub reason: String,
}

/// The budget of `draft`'s client, brand and year: a new one, or the next revision of the
/// one that exists.
pub(super) fn save(tx: &mut WriteTx, ctx: &Ctx, d: BudgetDraft) -> Result<Outcome, ServiceError> {
    let client: Client = check_ref(tx, "client", d.client_id.0)?;
    if let Some(b) = d.brand_id {
        let brand: crate::domain::Brand = check_ref(tx, "brand", b.0)?;
        if brand.client_id != client.id {
            return Err(field_error("brand", Problem::Missing));
        }
    }
    if !(1..=12).contains(&d.start_month) || !(2000..=2100).contains(&d.year) {
        return Err(field_error("budget_year", Problem::BadDate));
    }
    let year = FiscalYear {
        year: d.year,
        start_month: d.start_month,
    };
    let amount = |field: &'static str, text: &str| -> Result<Fen, ServiceError> {
        match text.trim() {
            "" => Ok(Fen(0)),
            t => Fen::parse(t).map_err(|e| field_error(field, Problem::BadMoney(e))),
        }
    };
    let media = amount("media_budget", &d.media)?;
    let production = amount("production_budget", &d.production)?;
    let from = match d.from.trim() {
        "" => year.first_day(),
        t => crate::domain::format::parse_date(t),
    }
    .ok_or_else(|| field_error("budget_from", Problem::BadDate))?;
    let reason = crate::domain::text::optional_line("budget_reason", &d.reason)?;
    let existing = tx
        .all::<ClientBudget>()?
        .into_iter()
        .find(|b| b.client_id == client.id && b.brand_id == d.brand_id && b.year == year);
    if existing.is_some() && reason.is_empty() {
        return Err(field_error("budget_reason", Problem::Required));
    }
    let revision = BudgetRevision {
        media,
        production,
        from,
        reason,
        by: ctx.actor,
        at: ctx.now,
    };
    let (budget, action) = match existing {
        Some(mut b) => {
            b.revisions.push(revision);
            b.audit = b.audit.touched(ctx.stamp());
            (b, Action::Updated)
        }
        None => (
            ClientBudget {
                id: BudgetId(tx.next_id()?),
                client_id: client.id,
                brand_id: d.brand_id,
                year,
                revisions: vec![revision],
                audit: Audit::new(ctx.stamp()),
            },
            Action::Created,
        ),
    };
    tx.put(&budget)?;
    Ok(done(
        Subject::Client,
        client.id.0,
        action,
        format!(
            "{} {} 年度预算 媒介 {} 制作 {}",
            client.display_name(),
            year.label(),
            media,
            production
        ),
        None,
    ))
}

fn field_error(field: &'static str, problem: Problem) -> ServiceError {
    ServiceError::Invalid(FieldError { field, problem })
}

/// A client's fiscal year as the budget tab and the report show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientYear {
    /// The figures.
    pub figures: crate::domain::budget::YearFigures,
    /// The client's budgets of the year (the whole client's and each brand's).
    pub budgets: Vec<ClientBudget>,
    /// The estimates counted in the year, in the order signed.
    pub signed: Vec<SignedRow>,
    /// The estimates sent in the year and not signed: listed, not deducted.
    pub pending: Vec<PendingRow>,
}

/// An estimate counted in a client's year, as its job detail lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedRow {
    /// The estimate.
    pub estimate: crate::domain::EstimateId,
    /// Its number, e.g. `2026-0042-E1`.
    pub number: String,
    /// The version signed, `A`, `B`…
    pub letter: String,
    /// Its job.
    pub job: JobId,
    /// Media or production.
    pub side: crate::domain::budget::BudgetSide,
    /// The day the client signed.
    pub signed_on: NaiveDate,
}

/// An estimate sent to the client and not signed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingRow {
    /// The estimate.
    pub estimate: crate::domain::EstimateId,
    /// Its number and version, e.g. `2026-0042-C1 A`.
    pub number: String,
    /// Its job.
    pub job: JobId,
    /// Media or production.
    pub side: crate::domain::budget::BudgetSide,
    /// Its total on the report's basis.
    pub amount: i64,
    /// The day it was sent.
    pub sent_on: NaiveDate,
}

/// The estimates of a client as a year counts them: each estimate signed with a matching
/// hash (its signed version's totals and the day the client signed, local date), with its
/// row of the job detail; and each sent and not signed.
type Work = (
    Vec<crate::domain::budget::SignedWork>,
    Vec<SignedRow>,
    Vec<(PendingRow, crate::domain::estimate::Totals)>,
);

fn signed_work(
    view: &crate::store::ReadView,
    client: ClientId,
    today: NaiveDate,
    year: FiscalYear,
) -> Result<Work, ServiceError> {
    use crate::domain::budget::{BudgetSide, SignedWork};
    use crate::domain::estimate::{EstimateStatus, EstimateStep};
    let (mut out, mut rows, mut pending) = (Vec::new(), Vec::new(), Vec::new());
    for e in view.client_job_rows::<crate::domain::Estimate>(client)? {
        let side = match e.kind.is_production() {
            true => BudgetSide::Production,
            false => BudgetSide::Media,
        };
        // Only the year's: the versions of other years' estimates are not read.
        let local =
            |at: chrono::DateTime<chrono::Utc>| at.with_timezone(&chrono::Local).date_naive();
        let Some(signed) = e.signed() else {
            let Some(sent) = e.last_step(EstimateStep::Sent) else {
                continue;
            };
            if !year.contains(local(sent.at)) {
                continue;
            }
            let Some(v) =
                view.get_at::<crate::domain::EstimateVersion>(Key::pair(e.id.0, e.versions))?
            else {
                continue;
            };
            if e.status(v.valid_until, today) != EstimateStatus::Sent {
                continue;
            }
            if let Ok(t) = v.totals() {
                let row = PendingRow {
                    estimate: e.id,
                    number: format!("{} {}", e.number, v.letter()),
                    job: e.job_id,
                    side,
                    amount: 0,
                    sent_on: sent.at.with_timezone(&chrono::Local).date_naive(),
                };
                pending.push((row, t));
            }
            continue;
        };
        if !year.contains(local(signed.at)) {
            continue;
        }
        let Some(v) =
            view.get_at::<crate::domain::EstimateVersion>(Key::pair(e.id.0, signed.version))?
        else {
            continue;
        };
        let Ok(amount) = v.totals() else {
            continue;
        };
        let signed_on = signed.at.with_timezone(&chrono::Local).date_naive();
        rows.push(SignedRow {
            estimate: e.id,
            number: e.number.clone(),
            letter: v.letter(),
            job: e.job_id,
            side,
            signed_on,
        });
        out.push(SignedWork {
            estimate: e.id,
            job: e.job_id,
            brand: e.brand_id,
            side,
            signed_on,
            amount,
        });
    }
    Ok((out, rows, pending))
}

/// What was invoiced against the work signed in a year, as the budget counts it: every
/// invoice and credit note not voided of the jobs that work belongs to, on the date of its
/// fapiao. Other jobs' invoices are never read: the year counts only what was invoiced
/// against the estimates it signed.
fn invoiced_work(
    view: &crate::store::ReadView,
    work: &[crate::domain::budget::SignedWork],
) -> Result<Vec<crate::domain::budget::InvoicedWork>, ServiceError> {
    use crate::domain::budget::{BudgetSide, InvoicedWork};
    let mut jobs: Vec<JobId> = work.iter().map(|w| w.job).collect();
    jobs.sort_unstable();
    jobs.dedup();
    let mut invoices = Vec::new();
    for job in jobs {
        invoices.extend(view.job_rows::<crate::domain::invoice::Invoice>(job)?);
    }
    Ok(invoices
        .into_iter()
        .filter(|i| i.is_live())
        .map(|i| {
            let (net, gross) = i.effect();
            InvoicedWork {
                estimate: i.estimate_id,
                side: match i.kind.is_media() {
                    true => BudgetSide::Media,
                    false => BudgetSide::Production,
                },
                on: i.issued_on,
                net,
                gross,
            }
        })
        .collect())
}

/// The client's fiscal year containing `as_of` (its start month taken from its budgets,
/// January without one), with its figures on that day: executed is what was invoiced against
/// the estimates signed in the year, in progress the rest of what was signed.
pub fn client_year(
    view: &crate::store::ReadView,
    client: ClientId,
    as_of: NaiveDate,
    basis: crate::domain::budget::TaxBasis,
) -> Result<ClientYear, ServiceError> {
    let all: Vec<ClientBudget> = view.client_rows::<ClientBudget>(client)?;
    let start_month = all
        .iter()
        .filter(|b| b.year.contains(as_of))
        .map(|b| b.year.start_month)
        .next()
        .or_else(|| all.last().map(|b| b.year.start_month))
        .unwrap_or(1);
    let year = FiscalYear::of(as_of, start_month);
    let budgets: Vec<ClientBudget> = all.into_iter().filter(|b| b.year == year).collect();
    let refs: Vec<&ClientBudget> = budgets.iter().collect();
    let (work, rows, pending) = signed_work(view, client, as_of, year)?;
    let figures = crate::domain::budget::year_figures(
        year,
        as_of,
        basis,
        &refs,
        &work,
        &invoiced_work(view, &work)?,
    );
    let counted = |id| figures.estimates.iter().any(|f| f.estimate == id);
    let mut signed: Vec<SignedRow> = rows.into_iter().filter(|r| counted(r.estimate)).collect();
    signed.sort_by_key(|r| (r.signed_on, r.estimate));
    let pending = pending
        .into_iter()
        .filter(|(p, _)| year.contains(p.sent_on) && p.sent_on <= as_of)
        .map(|(p, t)| PendingRow {
            amount: match basis {
                crate::domain::budget::TaxBasis::Net => t.net.0,
                crate::domain::budget::TaxBasis::Gross => t.gross.0,
            },
            ..p
        })
        .collect();
    Ok(ClientYear {
        figures,
        budgets,
        signed,
        pending,
    })
}

/// What sending an estimate would do to its client's budget: the side, the year, the budget
/// and the share of it used once this estimate is signed too.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BudgetCheck {
    /// Media or production.
    pub side: crate::domain::budget::BudgetSide,
    /// The fiscal year, as people name it.
    pub year: String,
    /// The side's budget.
    pub budget: Fen,
    /// Executed and in progress, with this estimate, in basis points of the budget.
    pub used_bp: i64,
}

/// The budget check before sending `version` of `estimate` (amounts without tax). `None`
/// when the client has no budget for that side of the year.
pub fn budget_check(
    view: &crate::store::ReadView,
    estimate: &crate::domain::Estimate,
    version: &crate::domain::EstimateVersion,
    today: NaiveDate,
) -> Result<Option<BudgetCheck>, ServiceError> {
    use crate::domain::budget::{BudgetSide, TaxBasis};
    let year = client_year(view, estimate.client_id, today, TaxBasis::Net)?;
    let side = match estimate.kind.is_production() {
        true => BudgetSide::Production,
        false => BudgetSide::Media,
    };
    let mut f = year.figures.side(side);
    if f.budget <= 0 {
        return Ok(None);
    }
    f.in_progress += version.totals().map_or(0, |t| t.net.0);
    Ok(f.used_bp().map(|used_bp| BudgetCheck {
        side,
        year: year.figures.year.label(),
        budget: Fen(f.budget),
        used_bp,
    }))
}
