//! Use cases of monthly budget reports: the AM's remarks kept with a client's report of a
//! month, the road of each revision (submitted, approved or returned by the AM, issued), and
//! the issued revision frozen — its figures, its hash and the PDF as sent, so that any past
//! month prints again exactly as it went out. The hash each step binds is the report as read
//! for review at that moment ([`crate::services::export::budget::review_hash`]); the caller
//! computes it from the same data the person saw.
//!
//! Reports are never removed, and these changes are not undone.

use super::*;
use crate::domain::BudgetReportId;
use crate::domain::budget::TaxBasis;
use crate::domain::budget::road::{
    IssuedReport, MonthlyReport, ReportActor, ReportDecision, ReportError,
};

/// The remarks typed for a client's report of a month.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportDraft {
    /// The client.
    pub client_id: ClientId,
    /// The month's year.
    pub year: i32,
    /// The month, 1 to 12.
    pub month: u32,
    /// With or without tax.
    pub basis: TaxBasis,
    /// The AM's remarks, printed on the report.
    pub remarks: String,
}

/// A decision on a report, with the hash of the report as the person read it and, to
/// issue, the frozen revision (its PDF already in the file store).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportStepAsk {
    /// The decision.
    pub decision: ReportDecision,
    /// The review hash of the report read now.
    pub hash: String,
    /// To issue: the revision as sent.
    pub issued: Option<IssuedReport>,
}

impl From<ReportError> for ServiceError {
    fn from(e: ReportError) -> Self {
        ServiceError::Money(super::MoneyRefusal::Report(e))
    }
}

/// The client's report of `(year, month)` if one was started.
pub fn report_of(
    tx: &WriteTx,
    client: ClientId,
    (year, month): (i32, u32),
) -> Result<Option<MonthlyReport>, ServiceError> {
    Ok(tx
        .all::<MonthlyReport>()?
        .into_iter()
        .find(|r| r.client_id == client && r.year == year && r.month == month))
}

/// Keeps the remarks of a client's report of a month: a new report, the current draft, or
/// (once issued) the next revision.
pub(super) fn save(tx: &mut WriteTx, ctx: &Ctx, d: ReportDraft) -> Result<Outcome, ServiceError> {
    let client: Client = check_ref(tx, "client", d.client_id.0)?;
    if !(1..=12).contains(&d.month) || !(2000..=2100).contains(&d.year) {
        return Err(ServiceError::Invalid(FieldError {
            field: "budget_year",
            problem: Problem::BadDate,
        }));
    }
    let remarks = crate::domain::text::multiline("remarks", &d.remarks)?;
    let (report, action) = match report_of(tx, client.id, (d.year, d.month))? {
        Some(mut r) => {
            r.may_edit()?;
            if r.status() == crate::domain::budget::road::ReportStatus::Issued {
                r.revision += 1;
            }
            r.remarks = remarks;
            r.basis = d.basis;
            r.audit = r.audit.touched(ctx.stamp());
            (r, Action::Updated)
        }
        None => (
            MonthlyReport {
                id: BudgetReportId(tx.next_id()?),
                client_id: client.id,
                year: d.year,
                month: d.month,
                basis: d.basis,
                revision: 1,
                remarks,
                events: Vec::new(),
                issued: Vec::new(),
                audit: Audit::new(ctx.stamp()),
            },
            Action::Created,
        ),
    };
    tx.put(&report)?;
    Ok(done(
        Subject::Client,
        client.id.0,
        action,
        format!(
            "{} {}-{:02} 每月预算报告 第 {} 版 说明已保存",
            client.display_name(),
            report.year,
            report.month,
            report.revision
        ),
        None,
    ))
}

/// Takes a step on the report's road as the current user.
pub(super) fn decide(
    tx: &mut WriteTx,
    ctx: &Ctx,
    id: BudgetReportId,
    ask: ReportStepAsk,
) -> Result<Outcome, ServiceError> {
    let mut r: MonthlyReport = need(tx, "budget report", id.0)?;
    let user: User = need(tx, "user", ctx.actor.0)?;
    let actor = ReportActor {
        id: user.id,
        role: user.role,
    };
    let event = r.decide(&ask.decision, actor, &ask.hash, ctx.now)?;
    if ask.decision == ReportDecision::Issue {
        let Some(issued) = ask.issued.filter(|i| i.revision == r.revision) else {
            return Err(ServiceError::Export(
                "the issued revision's PDF was not kept".into(),
            ));
        };
        // The PDF as sent goes into the client's file as its budget note (预算摘记).
        if let Some(file) = issued.file.clone() {
            let client: Client = need(tx, "client", r.client_id.0)?;
            let title = format!(
                "{} {}-{:02} 每月预算报告 第 {} 版",
                client.display_name(),
                r.year,
                r.month,
                r.revision
            );
            let mut d = super::documents::DocumentDraft::new(
                crate::domain::document::DocumentKind::BudgetNote,
                title,
            );
            d.dated = Some(ctx.today);
            super::documents::file_made(
                tx,
                ctx,
                super::documents::FiledWith::Client(r.client_id),
                d,
                file,
            )?;
        }
        r.issued.push(issued);
    }
    let step = event.step;
    // A team server checks the step itself, and refuses the report's write without it.
    tx.report_step(&r, &event)?;
    r.events.push(event);
    r.audit = r.audit.touched(ctx.stamp());
    tx.put(&r)?;
    let client: Client = need(tx, "client", r.client_id.0)?;
    let what = match step {
        crate::domain::budget::road::ReportStep::Submitted => "提交客户经理审核",
        crate::domain::budget::road::ReportStep::Approved => "客户经理审核通过",
        crate::domain::budget::road::ReportStep::Returned => "客户经理退回",
        crate::domain::budget::road::ReportStep::Issued => "已发出",
    };
    Ok(done(
        Subject::Client,
        client.id.0,
        Action::Updated,
        format!(
            "{} {}-{:02} 每月预算报告 第 {} 版 {what}",
            client.display_name(),
            r.year,
            r.month,
            r.revision
        ),
        None,
    ))
}
