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
    /// The revision printed.
    pub revision: u32,
    /// Printed as a draft (not issued).
    pub draft: bool,
}

/// The ask that prints `report` on `today`: its revision and remarks, prepared by whoever
/// submitted it (or started it), reviewed by the AM who approved it once `issued`.
pub fn ask_of(
    view: &ReadView,
    report: &crate::domain::budget::road::MonthlyReport,
    lang: DocLang,
    today: NaiveDate,
    issued: bool,
) -> Result<ReportAsk, ServiceError> {
    let name = |id: Option<crate::domain::UserId>| -> Result<String, ServiceError> {
        Ok(match id {
            Some(u) => view
                .get::<crate::domain::User>(u.0)?
                .map_or(String::new(), |u| u.name),
            None => String::new(),
        })
    };
    Ok(ReportAsk {
        client: report.client_id,
        month: (report.year, report.month),
        lang,
        basis: report.basis,
        prepared_by: name(report.submitter().or(Some(report.audit.created.by)))?,
        reviewed_by: match issued {
            true => name(report.reviewer())?,
            false => String::new(),
        },
        remarks: report.remarks.clone(),
        today,
        revision: report.revision,
        draft: !issued,
    })
}

/// The ask that prints a draft of `month` for `client` on `today`: the month's report as it
/// stands when one was started (its revision, remarks and who prepared it), else a first
/// revision prepared by `preparer`. `basis` overrides the report's (without one: the
/// report's, else without tax).
pub fn month_ask(
    view: &ReadView,
    (client, month): (ClientId, (i32, u32)),
    (lang, basis): (DocLang, Option<TaxBasis>),
    preparer: Option<crate::domain::UserId>,
    today: NaiveDate,
) -> Result<ReportAsk, ServiceError> {
    if let Some(r) = report_of(view, client, month)? {
        let ask = ask_of(view, &r, lang, today, false)?;
        return Ok(ReportAsk {
            basis: basis.unwrap_or(ask.basis),
            ..ask
        });
    }
    let prepared_by = match preparer {
        Some(u) => view
            .get::<crate::domain::User>(u.0)?
            .map_or(String::new(), |u| u.name),
        None => String::new(),
    };
    Ok(ReportAsk {
        client,
        month,
        lang,
        basis: basis.unwrap_or(TaxBasis::Net),
        prepared_by,
        reviewed_by: String::new(),
        remarks: String::new(),
        today,
        revision: 1,
        draft: true,
    })
}

/// The hash a step on the report's road binds: the report as read for review — a draft in
/// Chinese, before the reviewer's name is printed on it.
pub fn review_hash(view: &ReadView, ask: &ReportAsk) -> Result<String, ServiceError> {
    let review = ReportAsk {
        lang: DocLang::Zh,
        reviewed_by: String::new(),
        draft: true,
        ..ask.clone()
    };
    Ok(budget_report(view, &Letterhead::default(), &review)?.hash)
}

/// The client's report of `(year, month)`, if one was started.
pub fn report_of(
    view: &ReadView,
    client: ClientId,
    (year, month): (i32, u32),
) -> Result<Option<crate::domain::budget::road::MonthlyReport>, ServiceError> {
    Ok(view
        .client_rows::<crate::domain::budget::road::MonthlyReport>(client)?
        .into_iter()
        .find(|r| r.year == year && r.month == month))
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
    let mut before = match before_day {
        Some(d) if f.year.contains(d) => Some(client_year(view, client.id, d, ask.basis)?.figures),
        _ => None,
    };
    // What the month before said as issued, frozen, when it was.
    let previous = match ask.month {
        (y, 1) => (y - 1, 12),
        (y, m) => (y, m - 1),
    };
    if let Some(b) = before.as_mut()
        && let Some(issued) =
            report_of(view, client.id, previous)?.and_then(|r| r.issued.last().cloned())
    {
        b.media = issued.media;
        b.production = issued.production;
    }
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
        revision: ask.revision.max(1),
        prepared_by: ask.prepared_by.clone(),
        reviewed_by: ask.reviewed_by.clone(),
        remarks: ask.remarks.clone(),
        draft: ask.draft,
    }))
}

/// The report of `ask` as PDF bytes, with its file name.
pub fn budget_report_pdf(
    view: &ReadView,
    ask: &ReportAsk,
) -> Result<(Vec<u8>, String), ServiceError> {
    let (bytes, name, _) = budget_report_document(view, ask)?;
    Ok((bytes, name))
}

/// The report of `ask` as PDF bytes, its file name and the model printed (whose hash is on
/// every page).
pub fn budget_report_document(
    view: &ReadView,
    ask: &ReportAsk,
) -> Result<(Vec<u8>, String, BudgetReport), ServiceError> {
    let settings = view.settings()?;
    let letterhead = Letterhead::from(&settings);
    let report = budget_report(view, &letterhead, ask)?;
    let bytes =
        crate::pdf::budget_report_pdf(&report).map_err(|e| ServiceError::Export(e.to_string()))?;
    let name = report_file_name(ask, &report.number, super::MoneyFormat::Pdf);
    Ok((bytes, name, report))
}

/// `每月预算报告 蒙牛-2026-11 r2.pdf` (no revision on a draft; `Budget report …` in English).
fn report_file_name(ask: &ReportAsk, number: &str, format: super::MoneyFormat) -> String {
    let revision = match ask.draft {
        true => String::new(),
        false => format!(" r{}", ask.revision),
    };
    let name = match ask.lang {
        DocLang::En => format!("Budget report {number}{revision}"),
        _ => format!("每月预算报告 {number}{revision}"),
    };
    format!("{}.{}", super::file_safe(&name), format.extension())
}

/// The report of `ask` as an Excel workbook, with its file name: the same model as the
/// PDF, so the same figures and hash.
pub fn budget_report_xlsx(
    view: &ReadView,
    ask: &ReportAsk,
) -> Result<(Vec<u8>, String), ServiceError> {
    let settings = view.settings()?;
    let report = budget_report(view, &Letterhead::from(&settings), ask)?;
    let bytes = crate::office::budget_xlsx::render(&report)
        .map_err(|e| ServiceError::Export(e.to_string()))?;
    Ok((
        bytes,
        report_file_name(ask, &report.number, super::MoneyFormat::Xlsx),
    ))
}

/// The issued revision of `report` as a workbook in `lang`. Only the PDF is kept as sent, so
/// the report is built again as issued — on its as-of day, with its remarks and reviewer —
/// and written only when its content hash is the issued one (in whichever language it was
/// issued): figures that changed since (an invoice voided afterwards) are refused, not
/// passed off as what the client received.
pub fn issued_report_xlsx(
    view: &ReadView,
    report: &crate::domain::budget::road::MonthlyReport,
    lang: DocLang,
) -> Result<(Vec<u8>, String), ServiceError> {
    let Some(issued) = report
        .issued
        .last()
        .filter(|_| report.status() == crate::domain::budget::road::ReportStatus::Issued)
    else {
        return Err(ServiceError::Export(match lang {
            DocLang::En => format!(
                "the report of {}-{:02} has not been issued",
                report.year, report.month
            ),
            _ => format!("{} 年 {} 月的预算报告尚未发出", report.year, report.month),
        }));
    };
    let settings = view.settings()?;
    let letterhead = Letterhead::from(&settings);
    let mut matches = false;
    for issued_in in [DocLang::Zh, DocLang::En, DocLang::Both] {
        let ask = ask_of(view, report, issued_in, issued.as_of, true)?;
        if budget_report(view, &letterhead, &ask)?.hash == issued.hash {
            matches = true;
            break;
        }
    }
    if !matches {
        let short: String = issued.hash.chars().take(8).collect();
        return Err(ServiceError::Export(match lang {
            DocLang::En => format!(
                "the figures of {}-{:02} changed after revision {} was issued (hash {short}): \
                 a workbook would not match what the client received. Print the issued PDF, \
                 or change the report and issue the next revision",
                report.year, report.month, issued.revision
            ),
            _ => format!(
                "{} 年 {} 月的数字在第 {} 版发出后已变化（校验码 {short}），工作簿将与客户收到的报告不一致。\
                 请打印已发出的 PDF，或修改报告后发出新的版本",
                report.year, report.month, issued.revision
            ),
        }));
    }
    budget_report_xlsx(view, &ask_of(view, report, lang, issued.as_of, true)?)
}

/// What a step on report `id`'s road binds, read from `store` now: the review hash and, to
/// issue, the revision as sent — rendered in `lang` with the reviewer's name, its PDF taken
/// into the file store (as a file of the report's client) before the step is recorded.
pub fn prepare_step(
    store: &crate::store::Store,
    id: crate::domain::BudgetReportId,
    decision: crate::domain::budget::road::ReportDecision,
    lang: DocLang,
    today: NaiveDate,
) -> Result<crate::services::budget_reports::ReportStepAsk, ServiceError> {
    use crate::domain::budget::road::{IssuedReport, MonthlyReport, ReportDecision};
    let view = store.read()?;
    let r: MonthlyReport = view.get(id.0)?.ok_or(ServiceError::NotFound {
        what: "budget report",
        id: id.0,
    })?;
    let hash = review_hash(&view, &ask_of(&view, &r, lang, today, false)?)?;
    let issued = match decision {
        ReportDecision::Issue => {
            let (bytes, name, report) =
                budget_report_document(&view, &ask_of(&view, &r, lang, today, true)?)?;
            // Written under its own name in a folder of its own, taken into the file store,
            // then the folder removed.
            let dir = std::env::temp_dir().join(format!(
                "account-desk-issue-{}-{}",
                std::process::id(),
                chrono::Utc::now().timestamp_micros()
            ));
            let path = dir.join(&name);
            let kept = std::fs::create_dir_all(&dir)
                .and_then(|()| std::fs::write(&path, &bytes))
                .map_err(|e| ServiceError::Export(format!("{}: {e}", path.display())))
                .and_then(|()| {
                    store
                        .files()
                        .import(&path, r.client_id.0)
                        .map_err(|e| ServiceError::Export(e.to_string()))
                });
            let _ = std::fs::remove_dir_all(&dir);
            Some(IssuedReport {
                revision: r.revision,
                hash: report.hash.clone(),
                as_of: report.figures.as_of,
                media: report.figures.media,
                production: report.figures.production,
                file: Some(kept?),
            })
        }
        _ => None,
    };
    Ok(crate::services::budget_reports::ReportStepAsk {
        decision,
        hash,
        issued,
    })
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
