//! Meeting documents from the window: the agenda and minutes as PDF, and sending the
//! minutes — the next version frozen, its PDF attached to an email draft to the client
//! attendees, opened in the person's mail program.

use super::AccountDeskApp;
use crate::domain::{Meeting, MeetingId};
use crate::reports::minutes::DocLang;
use crate::services::email::MinutesEmail;
use crate::services::{Command, MinutesStep, ServiceError, export};
use chrono::{FixedOffset, Local, Offset};

/// The local offset at a moment (the meeting's own, so a summer meeting reads in summer time).
fn offset_at(at: chrono::DateTime<chrono::Utc>) -> FixedOffset {
    at.with_timezone(&Local).offset().fix()
}

impl AccountDeskApp {
    /// The whole meeting, read from the store (the snapshot holds only its head); a read
    /// error is reported.
    fn stored_meeting(&mut self, id: MeetingId) -> Option<Meeting> {
        match self.store.get::<Meeting>(id.0) {
            Ok(m) => m,
            Err(e) => {
                self.notes.error(format!(
                    "{}{}",
                    self.prefs
                        .lang
                        .pick("读取会议失败：", "Could not read the meeting: "),
                    e.message(self.prefs.lang)
                ));
                None
            }
        }
    }

    pub(super) fn export_minutes(&mut self, id: MeetingId, version: Option<u32>, lang: DocLang) {
        let Some(m) = self.stored_meeting(id) else {
            return;
        };
        let tz = offset_at(m.start);
        let date = m.start.with_timezone(&tz).date_naive();
        // As on the command line: without a version, the one sent when nothing changed since.
        let version = version.or_else(|| m.version_to_export());
        let sent = version.is_some();
        let v = version.unwrap_or_else(|| m.next_version());
        let name = export::minutes_file_name(date, &m.title, v, sent, lang);
        let bytes = export::minutes_pdf(&self.store, id, version, lang, tz);
        self.deliver(&name, bytes, ("PDF", "pdf"), false);
    }

    pub(super) fn export_agenda(&mut self, id: MeetingId, lang: DocLang) {
        let Some(m) = self.stored_meeting(id) else {
            return;
        };
        let tz = offset_at(m.start);
        let name =
            export::agenda_file_name(m.start.with_timezone(&tz).date_naive(), &m.title, lang);
        let bytes = export::agenda_pdf(&self.store, id, lang, tz);
        self.deliver(&name, bytes, ("PDF", "pdf"), false);
    }

    /// Sends the minutes: marks the next version sent (refused with the reason if it cannot
    /// be), then writes its PDF and an email draft beside it and opens the draft. If the
    /// files cannot be written the sending is taken back at once, so minutes are never
    /// marked sent without their draft; Undo takes it back if the email is never sent.
    pub(super) fn send_minutes(&mut self, id: MeetingId, lang: DocLang) {
        let Some(m) = self.stored_meeting(id) else {
            return;
        };
        let to = m.client_recipients();
        let version = m.next_version();
        let undo_depth = self.undo.len();
        if !self.run_command(Command::Minutes(id, MinutesStep::Send(to))) {
            return;
        }
        let Some(m) = self.stored_meeting(id) else {
            return;
        };
        let tz = offset_at(m.start);
        let date = m.start.with_timezone(&tz).date_naive();
        let pdf_name = export::minutes_file_name(date, &m.title, version, true, lang);
        let agency = self.data.settings.agency_name.clone();
        let sender = self.data.user_name(self.prefs.current_user).to_string();
        let mail = MinutesEmail::new(
            &m,
            version,
            &date.format("%Y-%m-%d").to_string(),
            &sender,
            &agency,
            self.prefs.lang,
        );
        let written =
            export::minutes_pdf(&self.store, id, Some(version), lang, tz).and_then(|pdf| {
                let eml = mail.to_eml(&pdf_name, &pdf)?;
                let dir = self.export_dir();
                let pdf_path = crate::safe_file::fix_extension(&dir.join(&pdf_name), "pdf");
                let eml_path = pdf_path.with_extension("eml");
                // Each file whole or not at all, and never over the database or its backups.
                for (path, bytes) in [(&pdf_path, &pdf), (&eml_path, &eml)] {
                    crate::store::refuse_overwrite(self.store.path(), path)?;
                    crate::safe_file::write_atomic(path, bytes)
                        .map_err(|e| ServiceError::Export(format!("{}: {e}", path.display())))?;
                }
                Ok((pdf_path, eml_path))
            });
        match written {
            Ok((pdf, eml)) => {
                // The minutes as sent go into the meeting's papers (and its job's file).
                let mut d = crate::services::documents::DocumentDraft::new(
                    crate::domain::document::DocumentKind::Minutes,
                    format!("{} 会议纪要 v{version}", m.title),
                );
                d.dated = Some(date);
                self.file_made(crate::services::documents::FiledWith::Meeting(id), &pdf, d);
                self.notes.info(format!(
                    "{}{}",
                    self.prefs.lang.pick(
                        "邮件草稿已生成，请在邮件程序中检查后发送：",
                        "The email draft is ready; check and send it from your mail program: "
                    ),
                    eml.display()
                ));
                if !mail.missing.is_empty() {
                    self.notes.info(format!(
                        "{}{}",
                        self.prefs.lang.pick(
                            "以下客户人员没有电子邮件地址，请手动添加：",
                            "These client attendees have no email address; add them by hand: "
                        ),
                        mail.missing.join("、")
                    ));
                }
                self.open_file(&eml);
            }
            Err(e) => {
                self.notes.error(e.message(self.prefs.lang));
                if self.undo.len() == undo_depth + 1 {
                    self.notes.error(self.prefs.lang.pick(
                        "邮件草稿未能生成，这次发送已撤回。",
                        "The email draft could not be written, so the minutes are not marked sent.",
                    ));
                    self.undo_last();
                }
            }
        }
    }

    pub(super) fn open_file(&mut self, path: &std::path::Path) {
        self.open_path(path);
    }

    /// Asks for the signed copy with the open dialog and attaches the file chosen.
    pub(super) fn choose_signed_copy(&mut self, id: MeetingId, confirm_by: Option<String>) {
        let title = self.prefs.lang.pick(
            "选择客户回传的签字版会议记录",
            "Choose the client's signed minutes",
        );
        if let Some(path) = self.file_picker.pick(title) {
            self.attach_signed_copy(id, &path, confirm_by);
        }
    }

    /// Takes the file at `path` into the file store (on the disk before anything names it),
    /// then records it as the signed copy of the meeting's latest version: with the client's
    /// confirmation by `confirm_by`, or filed for a version already confirmed. A file that
    /// cannot be imported is explained and nothing is recorded.
    pub(super) fn attach_signed_copy(
        &mut self,
        id: MeetingId,
        path: &std::path::Path,
        confirm_by: Option<String>,
    ) {
        let copy = match crate::services::files::import_signed_copy(&self.store, id, path) {
            Ok(copy) => copy,
            Err(e) => {
                self.notes.error(e.message(self.prefs.lang));
                return;
            }
        };
        let step = match confirm_by {
            Some(by) => MinutesStep::Confirm {
                by,
                scan: Some(copy),
            },
            None => MinutesStep::FileSignedCopy(Some(copy)),
        };
        self.run_command(Command::Minutes(id, step));
    }

    /// Opens a stored file: a verified, read-only copy under its original name, handed to
    /// the system's viewer. A missing or damaged file is explained.
    pub(super) fn open_stored_file(&mut self, file: &crate::domain::FileRef) {
        match self.store.files().open_copy(file) {
            Ok(copy) => self.open_path(&copy),
            Err(e) => self.notes.error(e.message(self.prefs.lang)),
        }
    }
}
