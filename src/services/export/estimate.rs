//! An estimate's version as the PDF the client signs (报价单). The caller loads the records
//! and hashes the version as stored; this checks that they belong together, builds the
//! client's view ([`EstimateReport`]) and renders it.

use super::file_safe;
use crate::domain::estimate::{Estimate, EstimateVersion, VersionHash};
use crate::domain::settings::AgencySettings;
use crate::domain::{Client, Job, Lang};
use crate::pdf;
use crate::reports::estimate::{EstimateReport, EstimateReportInputs};
use crate::reports::{DocLang, Letterhead};
use crate::services::ServiceError;
use chrono::NaiveDate;

/// What an estimate is printed from, as the caller loaded it.
#[derive(Debug, Clone, Copy)]
pub struct EstimateRecords<'a> {
    /// The estimate.
    pub estimate: &'a Estimate,
    /// The version printed.
    pub version: &'a EstimateVersion,
    /// The content hash of `version` as stored: printed on every page and in the QR code.
    pub hash: VersionHash,
    /// The estimate's client.
    pub client: &'a Client,
    /// The estimate's job.
    pub job: &'a Job,
    /// The agency, for the letterhead.
    pub settings: &'a AgencySettings,
    /// Whether the version is approved for sending (else it prints as a draft).
    pub approved: bool,
}

/// The version as PDF bytes, in `lang`, dated `today`. Refuses records that do not belong
/// together (a version of another estimate, another job's client), and amounts too large
/// to be real.
pub fn estimate_document(
    records: &EstimateRecords<'_>,
    lang: DocLang,
    today: NaiveDate,
) -> Result<Vec<u8>, ServiceError> {
    estimate_file(records, lang, today, super::MoneyFormat::Pdf)
}

/// The version as a PDF or a workbook (see [`estimate_document`]): the same client's view
/// either way.
pub fn estimate_file(
    records: &EstimateRecords<'_>,
    lang: DocLang,
    today: NaiveDate,
    format: super::MoneyFormat,
) -> Result<Vec<u8>, ServiceError> {
    let report = estimate_report(records, lang, today)?;
    match format {
        super::MoneyFormat::Pdf => {
            pdf::estimate_pdf(&report).map_err(|e| ServiceError::Export(e.to_string()))
        }
        super::MoneyFormat::Xlsx => crate::office::estimate_xlsx::render(&report)
            .map_err(|e| ServiceError::Export(e.to_string())),
    }
}

/// The client's view of the version (see [`estimate_document`]).
pub fn estimate_report(
    records: &EstimateRecords<'_>,
    lang: DocLang,
    today: NaiveDate,
) -> Result<EstimateReport, ServiceError> {
    let EstimateRecords {
        estimate,
        version,
        client,
        job,
        ..
    } = *records;
    let mismatch = |what: &str| {
        ServiceError::Export(format!(
            "estimate {}, version {}: {what}",
            estimate.number,
            version.letter()
        ))
    };
    if version.estimate_id != estimate.id {
        return Err(mismatch("the version belongs to another estimate"));
    }
    if estimate.job_id != job.id || version.job_id != job.id {
        return Err(mismatch("the job is not the estimate's"));
    }
    if estimate.client_id != client.id || version.client_id != client.id {
        return Err(mismatch("the client is not the estimate's"));
    }
    let letterhead = Letterhead::from(records.settings);
    EstimateReport::build(&EstimateReportInputs {
        estimate,
        version,
        hash: records.hash,
        client_name: &client.name,
        job_number: &job.number.text,
        job_title: &job.title,
        letterhead: &letterhead,
        approved: records.approved,
        lang,
        today,
    })
    .map_err(|e| mismatch(&e.to_string()))
}

/// The file name offered when saving it: `报价单 2026-0042-E1 B.pdf`, `… B 草稿.pdf` for a
/// draft. Bilingual documents take the Chinese name.
pub fn estimate_file_name(number: &str, letter: &str, approved: bool, lang: DocLang) -> String {
    estimate_file_name_as(number, letter, approved, lang, super::MoneyFormat::Pdf)
}

/// The file name offered for `format` (`报价单 2026-0042-E1 B.xlsx`).
pub fn estimate_file_name_as(
    number: &str,
    letter: &str,
    approved: bool,
    lang: DocLang,
    format: super::MoneyFormat,
) -> String {
    let lang = match lang {
        DocLang::En => Lang::En,
        DocLang::Zh | DocLang::Both => Lang::Zh,
    };
    let draft = match approved {
        true => String::new(),
        false => format!(" {}", lang.pick("草稿", "draft")),
    };
    format!(
        "{} {} {}{draft}.{}",
        lang.pick("报价单", "Estimate"),
        file_safe(number),
        file_safe(letter),
        format.extension()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_name_names_number_version_and_draft() {
        assert_eq!(
            estimate_file_name("2026-0042-E1", "B", true, DocLang::Both),
            "报价单 2026-0042-E1 B.pdf"
        );
        assert_eq!(
            estimate_file_name("2026/0042-E1", "C", false, DocLang::En),
            "Estimate 2026_0042-E1 C draft.pdf"
        );
        assert_eq!(
            estimate_file_name_as(
                "2026-0042-E1",
                "B",
                true,
                DocLang::Zh,
                crate::services::export::MoneyFormat::Xlsx
            ),
            "报价单 2026-0042-E1 B.xlsx"
        );
    }
}

/// An estimate's version written for the client: the PDF (or workbook) and the file name it
/// goes by.
#[derive(Debug, Clone)]
pub struct EstimateExport {
    /// `报价单 2026-0042-E1 B.pdf` (with 草稿 when not approved).
    pub file_name: String,
    /// The PDF or the workbook.
    pub bytes: Vec<u8>,
    /// Whether the director's office approved the version (else it prints as a draft).
    pub approved: bool,
    /// The version's letter.
    pub letter: String,
}

/// Loads version `n` of `estimate` with what it prints from and writes it as `format`, dated
/// the day it went to the client (the day the version was made until then).
pub fn export_estimate(
    view: &crate::store::ReadView,
    estimate: &Estimate,
    n: u32,
    lang: DocLang,
    format: super::MoneyFormat,
) -> Result<EstimateExport, ServiceError> {
    use crate::domain::estimate::EstimateStep;
    use crate::store::Key;
    let missing = |what: &'static str, id: u64| ServiceError::NotFound { what, id };
    let version: EstimateVersion = view
        .get_at(Key::pair(estimate.id.0, n))?
        .ok_or_else(|| missing("estimate version", estimate.id.0))?;
    let job: Job = view
        .get(estimate.job_id.0)?
        .ok_or_else(|| missing("job", estimate.job_id.0))?;
    let client: Client = view
        .get(estimate.client_id.0)?
        .ok_or_else(|| missing("client", estimate.client_id.0))?;
    let settings = view.settings()?;
    let approved = estimate
        .events
        .iter()
        .any(|x| x.version == n && x.step == EstimateStep::DirectorApproved);
    let records = EstimateRecords {
        estimate,
        version: &version,
        hash: crate::services::estimates::version_hash(&version)?,
        client: &client,
        job: &job,
        settings: &settings,
        approved,
    };
    let sent = estimate
        .events
        .iter()
        .find(|x| x.version == n && x.step == EstimateStep::Sent);
    let dated = sent
        .map_or(version.audit.created.at, |x| x.at)
        .with_timezone(&chrono::Local)
        .date_naive();
    let bytes = estimate_file(&records, lang, dated, format)?;
    let letter = version.letter();
    Ok(EstimateExport {
        file_name: estimate_file_name_as(&estimate.number, &letter, approved, lang, format),
        bytes,
        approved,
        letter,
    })
}
