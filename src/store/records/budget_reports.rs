//! A client's monthly budget report on disk: its road and every issued revision, frozen.

use super::meetings::reply::FileRefV1;
use super::*;
use crate::domain::budget::road::{IssuedReport, MonthlyReport, ReportEvent, ReportStep};
use crate::domain::budget::{Figures, TaxBasis};

codes!(report_step_out, report_step_in, ReportStep, Kind::BudgetReport, {
    ReportStep::Submitted => 1,
    ReportStep::Approved => 2,
    ReportStep::Returned => 3,
    ReportStep::Issued => 4,
});
codes!(basis_out, basis_in, TaxBasis, Kind::BudgetReport, {
    TaxBasis::Net => 1,
    TaxBasis::Gross => 2,
});

/// The code of a step, as the team server's `report_step` takes it and the `state` column
/// of a report's row keeps its current revision's newest one (0: a draft).
pub fn report_step_code(s: ReportStep) -> u8 {
    report_step_out(s)
}

/// A step of a report's road, layout 1.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ReportEventV1 {
    revision: u32,
    step: u8,
    by: u64,
    at_ms: i64,
    hash: String,
    note: String,
}

/// One side's figures, layout 1.
#[derive(Debug, Clone, Copy, Serialize, Deserialize)]
pub struct FiguresV1 {
    budget_fen: i64,
    executed_fen: i64,
    in_progress_fen: i64,
}

impl FiguresV1 {
    fn from_domain(f: Figures) -> Self {
        FiguresV1 {
            budget_fen: f.budget,
            executed_fen: f.executed,
            in_progress_fen: f.in_progress,
        }
    }

    fn into_domain(self) -> Figures {
        Figures {
            budget: self.budget_fen,
            executed: self.executed_fen,
            in_progress: self.in_progress_fen,
        }
    }
}

/// An issued revision, layout 1.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct IssuedReportV1 {
    revision: u32,
    hash: String,
    as_of: i32,
    media: FiguresV1,
    production: FiguresV1,
    file: Option<FileRefV1>,
}

/// A monthly budget report, layout 1.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MonthlyReportV1 {
    id: u64,
    client_id: u64,
    year: i32,
    month: u8,
    basis: u8,
    revision: u32,
    remarks: String,
    events: Vec<ReportEventV1>,
    issued: Vec<IssuedReportV1>,
    audit: AuditV1,
}

impl MonthlyReportV1 {
    fn from_domain(r: &MonthlyReport) -> Self {
        MonthlyReportV1 {
            id: r.id.0,
            client_id: r.client_id.0,
            year: r.year,
            month: u8::try_from(r.month).unwrap_or(0),
            basis: basis_out(r.basis),
            revision: r.revision,
            remarks: r.remarks.clone(),
            events: r
                .events
                .iter()
                .map(|e| ReportEventV1 {
                    revision: e.revision,
                    step: report_step_out(e.step),
                    by: e.by.0,
                    at_ms: e.at.timestamp_millis(),
                    hash: e.hash.clone(),
                    note: e.note.clone(),
                })
                .collect(),
            issued: r
                .issued
                .iter()
                .map(|i| IssuedReportV1 {
                    revision: i.revision,
                    hash: i.hash.clone(),
                    as_of: date_out(i.as_of),
                    media: FiguresV1::from_domain(i.media),
                    production: FiguresV1::from_domain(i.production),
                    file: i.file.as_ref().map(FileRefV1::from_domain),
                })
                .collect(),
            audit: AuditV1::from_domain(&r.audit),
        }
    }

    fn into_domain(self) -> Result<MonthlyReport, CodecError> {
        const K: Kind = Kind::BudgetReport;
        if !(1..=12).contains(&self.month) {
            return Err(bad(K, format!("month {}", self.month)));
        }
        let mut events = Vec::with_capacity(self.events.len());
        for e in self.events {
            events.push(ReportEvent {
                revision: e.revision,
                step: report_step_in(e.step)?,
                by: domain::UserId(e.by),
                at: moment_in(K, e.at_ms)?,
                hash: e.hash,
                note: e.note,
            });
        }
        let mut issued = Vec::with_capacity(self.issued.len());
        for i in self.issued {
            issued.push(IssuedReport {
                revision: i.revision,
                hash: i.hash,
                as_of: date_in(K, i.as_of)?,
                media: i.media.into_domain(),
                production: i.production.into_domain(),
                file: i.file.map(FileRefV1::into_domain),
            });
        }
        Ok(MonthlyReport {
            id: domain::BudgetReportId(self.id),
            client_id: domain::ClientId(self.client_id),
            year: self.year,
            month: u32::from(self.month),
            basis: basis_in(self.basis)?,
            revision: self.revision,
            remarks: self.remarks,
            events,
            issued,
            audit: self.audit.into_domain(K)?,
        })
    }
}
record_v1!(MonthlyReport, MonthlyReportV1, Kind::BudgetReport);
