//! `list estimates`, `import estimate`: estimates from the command line. An agency's Excel
//! or CSV estimate becomes a draft estimate (or the next version of one), every bad row
//! named at once.

use super::commands::{cell, check_output, open_job, write_file};
use super::filing::ctx_of;
use super::{CliError, Db};
use crate::domain::estimate::{self as est, EstimateKind, EstimateLine, EstimateVersion, TaxMode};
use crate::domain::{Estimate, Fen, JobId};
use crate::office::estimate_sheet::{self, SheetFormat};
use crate::services::export::MoneyFormat;
use crate::services::{self, Base, Command, VersionDraft};
use crate::store::{Key, Store};
use clap::ValueEnum;
use std::io::Write;
use std::path::Path;

/// What `import estimate` makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KindArg {
    /// A production estimate (E1, E2…)
    Production,
    /// A media plan (M1…)
    Media,
    /// A change order (C1…)
    Change,
}

impl From<KindArg> for EstimateKind {
    fn from(k: KindArg) -> Self {
        match k {
            KindArg::Production => EstimateKind::Production,
            KindArg::Media => EstimateKind::Media,
            KindArg::Change => EstimateKind::ChangeOrder,
        }
    }
}

/// Amounts as plain decimals, `1409.50`, as spreadsheets read them.
pub fn plain(f: Fen) -> String {
    f.plain()
}

/// `list estimates [--job N]`: number, version, job, kind, status, amounts, short hash.
pub(super) fn list(db: &Db, job: Option<&str>, out: &mut dyn Write) -> Result<(), CliError> {
    let (store, job_id): (Store, Option<JobId>) = match job {
        Some(n) => {
            let (s, j) = open_job(db, n)?;
            (s, Some(j.id))
        }
        None => (db.open_existing()?, None),
    };
    let view = store.read()?;
    let today = chrono::Local::now().date_naive();
    let jobs: std::collections::HashMap<JobId, String> = view
        .all::<crate::domain::Job>()?
        .into_iter()
        .map(|j| (j.id, j.number.text))
        .collect();
    writeln!(out, "number\tversion\tjob\tkind\tstatus\tnet\ttotal\thash")?;
    for e in view.estimates(job_id)? {
        let Some(v) = view.get_at::<EstimateVersion>(Key::pair(e.id.0, e.versions))? else {
            continue;
        };
        let t = v.totals().unwrap_or_default();
        let hash = services::estimates::version_hash(&v)?;
        let kind = match e.kind {
            EstimateKind::Production => "production",
            EstimateKind::Media => "media",
            EstimateKind::ChangeOrder => "change",
        };
        let cells = [
            e.number.clone(),
            v.letter(),
            jobs.get(&e.job_id).cloned().unwrap_or_default(),
            kind.to_string(),
            e.status(v.valid_until, today).code().to_string(),
            plain(t.net),
            plain(t.gross),
            hash.short(),
        ];
        let line: Vec<String> = cells.iter().map(|c| cell(c)).collect();
        writeln!(out, "{}", line.join("\t"))?;
    }
    Ok(())
}

/// What `import estimate` was asked.
pub(super) struct ImportAsk<'a> {
    /// The job's number.
    pub job: &'a str,
    /// The spreadsheet.
    pub file: &'a Path,
    /// `--tax`.
    pub tax: Option<&'a str>,
    /// `--estimate NUMBER`: a new version of this estimate.
    pub estimate: Option<&'a str>,
    /// `--kind`.
    pub kind: KindArg,
    /// `--title`.
    pub title: Option<&'a str>,
}

fn usage(text: String) -> CliError {
    CliError::Usage(text)
}

/// `import estimate JOB FILE`: prints the estimate's number and version.
pub(super) fn import(db: &Db, ask: ImportAsk<'_>, out: &mut dyn Write) -> Result<(), CliError> {
    let format = SheetFormat::from_path(ask.file).ok_or_else(|| {
        usage(format!(
            "{} is neither .xlsx nor .csv; save the estimate from Excel as one of those",
            ask.file.display()
        ))
    })?;
    let bytes = std::fs::read(ask.file).map_err(|source| CliError::Io {
        path: ask.file.to_path_buf(),
        source,
    })?;
    let (store, job) = open_job(db, ask.job)?;
    let ctx = ctx_of(&store);
    let settings = store.read()?.money_settings()?;
    let tax: Option<TaxMode> = match ask.tax {
        Some(t) => Some(settings.tax_mode(t, ctx.today).map_err(usage)?),
        None => None,
    };
    let template = estimate_sheet::ColumnTemplate::of(&settings);
    let sheet = estimate_sheet::read(&bytes, format, template.as_ref())
        .map_err(|e| usage(format!("{}: {e}", ask.file.display())))?;
    let lines: Vec<EstimateLine> = sheet.lines.iter().map(|l| l.estimate_line()).collect();
    let title = ask
        .title
        .map(str::to_string)
        .unwrap_or_else(|| job.title.clone());
    let existing: Option<Estimate> = match ask.estimate {
        None => None,
        Some(n) => Some(
            store
                .read()?
                .estimates(Some(job.id))?
                .into_iter()
                .find(|e| e.number.eq_ignore_ascii_case(n.trim()))
                .ok_or_else(|| {
                    usage(format!(
                        "job {} has no estimate numbered {n}; `account-desk list estimates --job {}` lists them",
                        job.number.text, job.number.text
                    ))
                })?,
        ),
    };
    let command = match &existing {
        None => {
            let mut d = VersionDraft::with_lines(&title, lines);
            d.tax = tax;
            Command::CreateEstimate(job.id, ask.kind.into(), Box::new(d))
        }
        Some(e) => {
            let view = store.read()?;
            let old = view
                .get_at::<EstimateVersion>(Key::pair(e.id.0, e.versions))?
                .ok_or_else(|| usage(format!("{} has no version to revise", e.number)))?;
            let mut d = VersionDraft::of(&old);
            d.lines = lines;
            d.valid_until = None;
            if tax.is_some() {
                d.tax = tax;
            }
            Command::SaveEstimate(e.id, Box::new(d), Base::Overwrite)
        }
    };
    let applied = services::apply(&store, &ctx, command)?;
    let e: Estimate = store.get(applied.id)?.ok_or(CliError::Usage(
        "the estimate was saved but cannot be read back".into(),
    ))?;
    let v = store
        .read()?
        .get_at::<EstimateVersion>(Key::pair(e.id.0, e.versions))?
        .ok_or(CliError::Usage(
            "the version was saved but cannot be read back".into(),
        ))?;
    let t = v.totals().unwrap_or_default();
    writeln!(
        out,
        "{}\t{}\t{} lines\tnet {}\ttotal {}",
        e.number,
        est::version_letter(e.versions),
        v.lines.len(),
        plain(t.net),
        plain(t.gross)
    )?;
    for (row, why) in &sheet.skipped {
        writeln!(out, "skipped row {row}: {why}")?;
    }
    Ok(())
}

/// `export estimate NUMBER [--version B] [--lang zh|en|both] [--format pdf|xlsx] -o FILE`: a
/// version not yet approved by the director's office prints as a draft (草稿, not to be
/// signed).
pub(super) fn export(
    db: &Db,
    (number, version): (&str, Option<&str>),
    (lang, format): (crate::reports::DocLang, MoneyFormat),
    output: &Path,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    use crate::services::export::estimate::export_estimate;
    check_output(db, output, format.extension())?;
    let store = db.open_existing()?;
    let view = store.read()?;
    let e = view
        .estimates(None)?
        .into_iter()
        .find(|e| e.number.eq_ignore_ascii_case(number.trim()))
        .ok_or_else(|| {
            usage(format!(
                "no estimate is numbered {number}; `account-desk list estimates` lists them"
            ))
        })?;
    let n = match version {
        None => e.versions,
        Some(letter) => est::parse_version_letter(letter)
            .filter(|n| (1..=e.versions).contains(n))
            .ok_or_else(|| {
                usage(format!(
                    "{} has versions A to {}; “{letter}” is not one of them",
                    e.number,
                    est::version_letter(e.versions)
                ))
            })?,
    };
    let done = export_estimate(&view, &e, n, lang, format)?;
    let (bytes, approved, letter) = (done.bytes, done.approved, done.letter);
    write_file(output, &bytes)?;
    writeln!(
        out,
        "Wrote {} version {}{} to {} ({} KiB)",
        e.number,
        letter,
        if approved {
            ""
        } else {
            " (draft, not to be signed)"
        },
        output.display(),
        bytes.len().div_ceil(1024)
    )?;
    Ok(())
}

/// `--basis net|gross`: a budget report's amounts without or with VAT.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum BasisArg {
    /// Without VAT (不含税)
    Net,
    /// With VAT (含税, 价税合计)
    Gross,
}

/// `export budget-report CLIENT --month YYYY-MM`: the client's monthly budget report.
pub(super) fn export_budget_report(
    db: &Db,
    (client, month): (&str, &str),
    (lang, basis, format): (crate::reports::DocLang, Option<BasisArg>, MoneyFormat),
    output: &Path,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    use crate::domain::budget::TaxBasis;
    use crate::services::export::budget::{
        budget_report_pdf, budget_report_xlsx, issued_report_xlsx, month_ask, parse_month,
        report_of,
    };
    check_output(db, output, format.extension())?;
    let month = parse_month(month)
        .ok_or_else(|| usage(format!("“{month}” is not a month: write it as 2026-11")))?;
    let store = db.open_existing()?;
    let view = store.read()?;
    let wanted = client.trim();
    let found = view
        .all::<crate::domain::Client>()?
        .into_iter()
        .find(|c| {
            c.display_name().eq_ignore_ascii_case(wanted) || c.name.eq_ignore_ascii_case(wanted)
        })
        .ok_or_else(|| {
            usage(format!(
                "no client is named {wanted}; `account-desk list clients` lists them"
            ))
        })?;
    // An issued report prints exactly as it was sent.
    let report = report_of(&view, found.id, month)?
        .filter(|r| r.status() == crate::domain::budget::road::ReportStatus::Issued);
    if format == MoneyFormat::Xlsx
        && let Some(report) = &report
    {
        let (bytes, _) = issued_report_xlsx(&view, report, lang)?;
        write_file(output, &bytes)?;
        let hash = report.issued.last().map_or(String::new(), |i| {
            i.hash.chars().take(8).collect::<String>()
        });
        writeln!(
            out,
            "Wrote the budget report of {} for {}-{:02} as issued (revision {}, hash {hash}) to {} as a workbook",
            found.display_name(),
            month.0,
            month.1,
            report.revision,
            output.display()
        )?;
        return Ok(());
    }
    let issued = report.and_then(|r| r.issued.last().cloned().map(|i| (r.revision, i)));
    if let Some((revision, frozen)) = issued
        && let Some(file) = &frozen.file
    {
        let copy = store
            .files()
            .open_copy(file)
            .map_err(|e| usage(e.to_string()))?;
        let bytes = std::fs::read(&copy).map_err(|e| usage(format!("{}: {e}", copy.display())))?;
        write_file(output, &bytes)?;
        writeln!(
            out,
            "Wrote the budget report of {} for {}-{:02} as issued (revision {revision}, hash {}) to {}",
            found.display_name(),
            month.0,
            month.1,
            frozen.hash.chars().take(8).collect::<String>(),
            output.display()
        )?;
        return Ok(());
    }
    let today = chrono::Local::now().date_naive();
    let basis = basis.map(|b| match b {
        BasisArg::Net => TaxBasis::Net,
        BasisArg::Gross => TaxBasis::Gross,
    });
    let preparer = match store.team_identity() {
        Some(crate::store::Identity::Person(p)) => Some(p.user),
        _ => None,
    };
    let ask = month_ask(&view, (found.id, month), (lang, basis), preparer, today)?;
    let (bytes, _) = match format {
        MoneyFormat::Pdf => budget_report_pdf(&view, &ask)?,
        MoneyFormat::Xlsx => budget_report_xlsx(&view, &ask)?,
    };
    write_file(output, &bytes)?;
    writeln!(
        out,
        "Wrote the budget report of {} for {}-{:02} (draft) to {} ({} KiB)",
        found.display_name(),
        month.0,
        month.1,
        output.display(),
        bytes.len().div_ceil(1024)
    )?;
    Ok(())
}
