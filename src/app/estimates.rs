//! Estimates from the window: the client's PDF (or workbook) of a version and the monthly
//! budget report, and the client's signature recorded with the signed scan taken into the
//! file store.

use super::AccountDeskApp;
use crate::domain::Lang;
use crate::services::{self, Command, export};

/// The save dialog's filter for a money document.
fn file_filter(format: export::MoneyFormat) -> (&'static str, &'static str) {
    match format {
        export::MoneyFormat::Pdf => ("PDF", "pdf"),
        export::MoneyFormat::Xlsx => ("Excel", "xlsx"),
    }
}

/// A month's budget report to save: made now (bytes and file name), or the PDF as it was
/// sent, kept in the file store.
enum MonthExport {
    Made((Vec<u8>, String)),
    AsSent(crate::domain::FileRef),
}

impl AccountDeskApp {
    /// Saves version `n` of an estimate as the client's PDF (or workbook) where the person
    /// chooses.
    pub(super) fn export_estimate(
        &mut self,
        id: crate::domain::EstimateId,
        n: u32,
        format: export::MoneyFormat,
    ) {
        let lang = export::budget::doc_lang(self.prefs.lang);
        let done = self
            .store
            .read()
            .map_err(services::ServiceError::from)
            .and_then(|view| {
                let e: crate::domain::Estimate =
                    view.get(id.0)?.ok_or(services::ServiceError::NotFound {
                        what: "estimate",
                        id: id.0,
                    })?;
                export::estimate::export_estimate(&view, &e, n, lang, format)
            });
        let filter = file_filter(format);
        match done {
            Ok(done) => {
                self.deliver(&done.file_name, Ok(done.bytes), filter, false);
            }
            Err(e) => {
                self.deliver("", Err(e), filter, false);
            }
        }
    }

    /// Saves a client's monthly budget report where the person chooses: the issued revision
    /// exactly as it was sent when the month's report was issued (as a workbook, only while
    /// its figures are still those sent), else a draft as of the month's end (or today),
    /// prepared by the current user.
    pub(super) fn export_budget_report(
        &mut self,
        client: crate::domain::ClientId,
        month: (i32, u32),
        (basis, format): (crate::domain::budget::TaxBasis, export::MoneyFormat),
    ) {
        use export::budget::{
            budget_report_pdf, budget_report_xlsx, doc_lang, issued_report_xlsx, month_ask,
            report_of,
        };
        let today = chrono::Local::now().date_naive();
        let lang = doc_lang(self.prefs.lang);
        let filter = file_filter(format);
        let preparer = self.prefs.current_user;
        // Read once: the issued revision's PDF is copied out of the file store after.
        let done = self
            .store
            .read()
            .map_err(services::ServiceError::from)
            .and_then(|view| {
                let issued = report_of(&view, client, month)?
                    .filter(|r| r.status() == crate::domain::budget::road::ReportStatus::Issued);
                let sent = issued
                    .as_ref()
                    .and_then(|r| r.issued.last()?.file.clone())
                    .filter(|_| format == export::MoneyFormat::Pdf);
                if let Some(file) = sent {
                    return Ok(MonthExport::AsSent(file));
                }
                let made = match (issued, format) {
                    (Some(r), export::MoneyFormat::Xlsx) => issued_report_xlsx(&view, &r, lang)?,
                    _ => {
                        let ask = month_ask(
                            &view,
                            (client, month),
                            (lang, Some(basis)),
                            preparer,
                            today,
                        )?;
                        match format {
                            export::MoneyFormat::Pdf => budget_report_pdf(&view, &ask)?,
                            export::MoneyFormat::Xlsx => budget_report_xlsx(&view, &ask)?,
                        }
                    }
                };
                Ok(MonthExport::Made(made))
            });
        match done {
            Ok(MonthExport::Made((bytes, name))) => {
                self.deliver(&name, Ok(bytes), filter, false);
            }
            Ok(MonthExport::AsSent(file)) => {
                let bytes = self
                    .store
                    .files()
                    .open_copy(&file)
                    .map_err(|e| services::ServiceError::Export(e.to_string()))
                    .and_then(|path| {
                        std::fs::read(&path)
                            .map_err(|e| services::ServiceError::Export(e.to_string()))
                    });
                self.deliver(&file.original_name, bytes, filter, false);
            }
            Err(e) => {
                self.deliver("", Err(e), filter, false);
            }
        }
    }

    /// A step on a monthly budget report's road, bound to the hash of the report read now;
    /// to issue, the PDF as sent is kept in the file store first, then the step recorded.
    pub(super) fn budget_report_step(
        &mut self,
        id: crate::domain::BudgetReportId,
        decision: crate::domain::budget::road::ReportDecision,
    ) {
        let lang = export::budget::doc_lang(self.prefs.lang);
        let today = chrono::Local::now().date_naive();
        match export::budget::prepare_step(&self.store, id, decision, lang, today) {
            Ok(ask) => {
                self.run_command(services::Command::DecideBudgetReport(id, Box::new(ask)));
            }
            Err(e) => {
                self.deliver("", Err(e), ("PDF", "pdf"), false);
            }
        }
    }

    /// Asks for the client's signed scan, takes it into the file store, then records the
    /// signature with it. Returns whether it was recorded (nothing is when the person closes
    /// the dialog or the file cannot be taken in).
    pub(super) fn sign_estimate(
        &mut self,
        id: crate::domain::EstimateId,
        mut signature: crate::domain::estimate::Signature,
    ) -> bool {
        let title = self.tr(
            "选择客户签字盖章的报价单扫描件",
            "Choose the estimate the client signed and stamped",
        );
        let Some(path) = self.file_picker.pick(title) else {
            return false;
        };
        match services::files::import_estimate_scan(&self.store, id, &path) {
            Ok(file) => {
                signature.file = Some(file);
                self.run_command(Command::DecideEstimate(
                    id,
                    crate::domain::estimate::Decision::Sign(signature),
                ))
            }
            Err(e) => {
                self.notes.error(e.message(self.prefs.lang));
                false
            }
        }
    }

    /// Asks for an estimate sheet and hands its bytes to the job's estimates page. A file
    /// that cannot be read is explained; nothing changes.
    pub(super) fn import_estimate_sheet(&mut self, job: crate::domain::JobId) {
        let title = self.tr(
            "选择要导入的报价表（.xlsx 或 .csv）",
            "Choose the estimate to import (.xlsx or .csv)",
        );
        let Some(path) = self.file_picker.pick(title) else {
            return;
        };
        match std::fs::read(&path) {
            Ok(bytes) => {
                let lang = self.prefs.lang;
                self.screens.estimate_sheet_chosen(job, path, bytes, lang);
            }
            Err(e) => self.notes.error(match self.prefs.lang {
                Lang::Zh => format!(
                    "无法读取“{}”：{e}。请确认文件存在且未被占用。",
                    path.display()
                ),
                Lang::En => format!(
                    "Cannot read “{}”: {e}. Check that the file exists and is not locked.",
                    path.display()
                ),
            }),
        }
    }
}
