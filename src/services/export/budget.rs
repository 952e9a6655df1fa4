//! A client's monthly budget report (每月预算报告), built from the store as of the end of a
//! month (or today, within the month): the year's figures, the same figures at the end of
//! the month before (what changed), the jobs behind them, the estimates awaiting signature
//! and media by channel and month; then rendered.

use crate::domain::budget::{BudgetSide, TaxBasis};
use crate::domain::estimate::{EstimateVersion, PriceBasis};
use crate::domain::{Brand, Client, ClientId, Job, Lang};
use crate::reports::budget::{BudgetReport, BudgetReportInputs, ChannelLine, ReportJob};
use crate::reports::{DocLang, Letterhead};
use crate::services::ServiceError;
use crate::services::budgets::client_year;
use crate::store::{Key, ReadView};
use chrono::{Datelike, NaiveDate};

/// What a report is asked for.
#[derive(Debug, Clone)]
pub struct ReportAsk {
    /// The client.
    pub client: ClientId,
    /// The month, `(year, month)`.
    pub month: (i32, u32),
    /// The language of its labels.
    pub lang: DocLang,
    /// With or without tax.
    pub basis: TaxBasis,
    /// Who prepares it.
    pub prepared_by: String,
    /// Who reviewed it (empty: not yet).
    pub reviewed_by: String,
    /// The AM's remarks.
    pub remarks: String,
    /// Today: a month not over yet is reported as of today.
    pub today: NaiveDate,
}

/// The last day of `(year, month)`.
pub fn month_end((year, month): (i32, u32)) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, 1)?
        .checked_add_months(chrono::Months::new(1))?
        .pred_opt()
}

/// Parses `2026-11` (or `2026/11`, `2026年11月`).
pub fn parse_month(text: &str) -> Option<(i32, u32)> {
    let digits: Vec<&str> = text
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .collect();
    match digits.as_slice() {
        [y, m] => {
            let (y, m) = (y.parse().ok()?, m.parse().ok()?);
            ((2000..=2100).contains(&y) && (1..=12).contains(&m)).then_some((y, m))
        }
        _ => None,
    }
}

/// An amount of a version's line on the report's basis: a line priced with tax is taken
/// without it at the version's rate, and the other way round (half up to the fen).
fn on_basis(amount: i64, v: &EstimateVersion, basis: TaxBasis) -> i64 {
    let rate = i128::from(v.tax.rate_bp());
    let a = i128::from(amount);
    let scaled = match (v.basis, basis) {
        (PriceBasis::Gross, TaxBasis::Net) => {
            (a * 10_000 * 2 + (10_000 + rate)) / (2 * (10_000 + rate))
        }
        (PriceBasis::Net, TaxBasis::Gross) => (a * (10_000 + rate) * 2 + 10_000) / 20_000,
        _ => a,
    };
    i64::try_from(scaled).unwrap_or(i64::MAX)
}

/// The report of `ask`, from `view`.
pub fn budget_report(
    view: &ReadView,
    letterhead: &Letterhead,
    ask: &ReportAsk,
) -> Result<BudgetReport, ServiceError> {
    let client: Client = view.get(ask.client.0)?.ok_or(ServiceError::NotFound {
        what: "client",
        id: ask.client.0,
    })?;
    let end = month_end(ask.month).ok_or_else(|| {
        ServiceError::Export(format!("{}-{:02} is not a month", ask.month.0, ask.month.1))
    })?;
    let as_of = end.min(ask.today.max(end.with_day(1).unwrap_or(end)));
    let year = client_year(view, client.id, as_of, ask.basis)?;
    let f = &year.figures;
    let before_day = end.with_day(1).and_then(|d| d.pred_opt());
    let before = match before_day {
        Some(d) if f.year.contains(d) => Some(client_year(view, client.id, d, ask.basis)?.figures),
        _ => None,
    };
    let job_of = |id| -> Result<Option<Job>, ServiceError> { Ok(view.get::<Job>(id)?) };
    let mut jobs = Vec::new();
    let mut channels: Vec<ChannelLine> = Vec::new();
    for row in &year.signed {
        let Some(figures) = f.estimates.iter().find(|e| e.estimate == row.estimate) else {
            continue;
        };
        let job = job_of(row.job.0)?;
        jobs.push(ReportJob {
            job: job
                .as_ref()
                .map_or(String::new(), |j| j.number.text.clone()),
            project: job.as_ref().map_or(String::new(), |j| j.title.clone()),
            estimate: format!("{} {}", row.number, row.letter),
            side: row.side,
            signed_on: row.signed_on,
            amount: figures.signed,
            invoiced: figures.invoiced,
            in_progress: figures.in_progress,
        });
        if row.side != BudgetSide::Media {
            continue;
        }
        let Some(e) = view.get::<crate::domain::Estimate>(row.estimate.0)? else {
            continue;
        };
        let Some(signed) = e.signed() else {
            continue;
        };
        let Some(v) = view.get_at::<EstimateVersion>(Key::pair(e.id.0, signed.version))? else {
            continue;
        };
        for line in &v.lines {
            let Some(m) = &line.media else {
                continue;
            };
            let Ok(amount) = line.amount() else {
                continue;
            };
            let month = f
                .year
                .month_index(m.flight_start)
                .or_else(|| f.year.month_index(row.signed_on))
                .unwrap_or(0);
            let channel = match m.channel.trim() {
                "" => line.description.clone(),
                c => c.to_string(),
            };
            let at = match channels.iter().position(|c| c.channel == channel) {
                Some(i) => i,
                None => {
                    channels.push(ChannelLine {
                        channel,
                        months: [0; 12],
                    });
                    channels.len() - 1
                }
            };
            channels[at].months[month] += on_basis(amount.0, &v, ask.basis);
        }
    }
    let mut pending = Vec::new();
    for p in &year.pending {
        let project = job_of(p.job.0)?.map_or(String::new(), |j| j.title);
        pending.push((p.number.clone(), project, p.side, p.amount));
    }
    let brands: Vec<String> = view
        .all::<Brand>()?
        .into_iter()
        .filter(|b| b.client_id == client.id)
        .map(|b| b.name)
        .collect();
    let number = format!(
        "{}-{}-{:02}",
        client.display_name(),
        ask.month.0,
        ask.month.1
    );
    Ok(BudgetReport::build(&BudgetReportInputs {
        letterhead,
        lang: ask.lang,
        client: &client.name,
        brands,
        figures: f,
        before: before.as_ref(),
        jobs,
        pending,
        channels,
        number,
        revision: 1,
        prepared_by: ask.prepared_by.clone(),
        reviewed_by: ask.reviewed_by.clone(),
        remarks: ask.remarks.clone(),
        draft: true,
    }))
}

/// The report of `ask` as PDF bytes, with its file name.
pub fn budget_report_pdf(
    view: &ReadView,
    ask: &ReportAsk,
) -> Result<(Vec<u8>, String), ServiceError> {
    let settings = view.settings()?;
    let letterhead = Letterhead::from(&settings);
    let report = budget_report(view, &letterhead, ask)?;
    let bytes =
        crate::pdf::budget_report_pdf(&report).map_err(|e| ServiceError::Export(e.to_string()))?;
    let name = match ask.lang {
        DocLang::En => format!("Budget report {}.pdf", report.number),
        _ => format!("每月预算报告 {}.pdf", report.number),
    };
    Ok((bytes, super::file_safe(&name)))
}

/// The language a person reads the window in, as a document language.
pub fn doc_lang(lang: Lang) -> DocLang {
    match lang {
        Lang::Zh => DocLang::Zh,
        Lang::En => DocLang::En,
    }
}

#[cfg(test)]
mod tests;
