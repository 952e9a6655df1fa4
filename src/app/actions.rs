//! Applying what a frame asked for: commands through the services (one place for errors and
//! undo), navigation with the unsaved-changes guard, exports.

use super::dialog::SaveRequest;
use super::{AccountDeskApp, UndoEntry};
use crate::demo;
use crate::domain::estimate::Decision;
use crate::domain::{JobId, Lang, UserId};
use crate::reports::schedule::{PlanChoice, View};
use crate::services::{self, Command, Ctx, Reader, export};
use crate::store::OpId;
use crate::ui::model::{Env, Route, UiAction};
use chrono::{Local, Utc};

impl AccountDeskApp {
    pub(super) fn ctx(&self) -> Ctx {
        Ctx {
            actor: self.prefs.current_user.unwrap_or(UserId(0)),
            now: Utc::now(),
            today: Local::now().date_naive(),
        }
    }

    pub(super) fn tr<'a>(&self, zh: &'a str, en: &'a str) -> &'a str {
        self.prefs.lang.pick(zh, en)
    }

    /// Applies the actions a frame produced, in order. A command that fails ends the list:
    /// what a screen asks for after a save (send the minutes, export the agenda) counts on
    /// that save, and must not go out with the stored text instead of the refused one.
    pub(super) fn apply_actions(&mut self, actions: Vec<UiAction>) {
        for action in actions {
            match action {
                UiAction::Command(command) => {
                    // What the app makes and sends goes into the job file as it goes out.
                    let made = match &command {
                        Command::IssueSchedule(job) => Made::Schedule(*job),
                        Command::DecideEstimate(id, Decision::Send) => Made::Estimate(*id),
                        _ => Made::Nothing,
                    };
                    if !self.run_command(command) {
                        break;
                    }
                    match made {
                        Made::Schedule(job) => self.file_issued_schedule(job),
                        Made::Estimate(id) => self.file_sent_estimate(id),
                        Made::Nothing => {}
                    }
                }
                UiAction::Navigate(route) => self.navigate(route),
                UiAction::ExportBrief(job) => self.export_brief(job, false),
                UiAction::PrintBrief(job) => self.export_brief(job, true),
                UiAction::ExportSchedule(job, view, format, plan) => {
                    self.export_schedule(job, view, plan, format, false)
                }
                UiAction::PrintSchedule(job, view, plan) => {
                    let paper = crate::pdf::Paper::default();
                    self.export_schedule(job, view, plan, export::ScheduleFormat::Pdf(paper), true)
                }
                UiAction::LoadSampleData => self.load_sample(),
                UiAction::SwitchDatabase => self.open_switcher(),
                UiAction::ExportMinutes(id, version, lang) => {
                    self.export_minutes(id, version, lang)
                }
                UiAction::ExportAgenda(id, lang) => self.export_agenda(id, lang),
                UiAction::SendMinutes(id, lang) => self.send_minutes(id, lang),
                UiAction::OpenFile(path) => self.open_file(&path),
                UiAction::ChooseSignedCopy {
                    meeting,
                    confirm_by,
                } => self.choose_signed_copy(meeting, confirm_by),
                UiAction::AttachSignedCopy {
                    meeting,
                    path,
                    confirm_by,
                } => self.attach_signed_copy(meeting, &path, confirm_by),
                UiAction::OpenStoredFile(file) => self.open_stored_file(&file),
                UiAction::ExportEstimate(id, version, format) => {
                    self.export_estimate(id, version, format);
                }
                UiAction::ExportBudgetReport(c, month, basis, format) => {
                    self.export_budget_report(c, month, (basis, format));
                }
                UiAction::BudgetReportStep(id, decision) => {
                    self.budget_report_step(id, decision);
                }
                UiAction::ImportEstimateSheet(job) => self.import_estimate_sheet(job),
                UiAction::SignEstimate(id, signature) => {
                    if !self.sign_estimate(id, *signature) {
                        break;
                    }
                }
                UiAction::PrintLabels(items, skip) => self.print_labels(&items, skip),
                UiAction::CompleteJob(job, form, base) => self.complete_job(job, &form, base),
                UiAction::PickDocuments(place) => self.pick_documents(place),
                UiAction::ExportArchive(place) => self.export_archive(place),
                UiAction::FileDocuments(files) => self.file_documents(files),
                UiAction::PickDocumentVersion(id) => self.pick_document_version(id),
                UiAction::EditDocument(id) => self.edit_document(id),
                UiAction::CheckInWorkingCopy(id) => self.check_in(id),
                UiAction::DiscardWorkingCopy(id) => self.discard_working_copy(id),
                UiAction::WatchFolder => self.watch_folder(),
                UiAction::UnwatchFolder(folder) => self.prefs.watched.retain(|f| *f != folder),
                UiAction::SetAsideInboxFile(path) => self.set_aside(&path),
                UiAction::Undo => self.undo_last(),
                UiAction::Redo => self.redo_last(),
            }
        }
    }

    /// Applies one command; returns whether it succeeded. A new change clears what could be
    /// redone.
    pub(super) fn run_command(&mut self, command: Command) -> bool {
        let replay = match command {
            Command::Undo(_) => Replay::Undo,
            _ => Replay::Fresh,
        };
        self.apply_command(command, replay)
    }

    fn apply_command(&mut self, command: Command, replay: Replay) -> bool {
        // On a team database each change carries an operation id, which its retries give
        // again (see super::retry).
        let op = self.is_team().then(OpId::new);
        let ctx = self.ctx();
        let result = match op {
            Some(op) => services::apply_once(&self.store, &ctx, command.clone(), op),
            None => services::apply(&self.store, &ctx, command.clone()).map(Some),
        };
        self.finish_command(command, replay, op, result)
    }

    /// Takes in the outcome of `command` (applied as `op`): the undo entry, the screens and
    /// the snapshot after a success; after a failure the message, and on a team database
    /// whose server cannot be reached, a retry of the same operation.
    pub(super) fn finish_command(
        &mut self,
        command: Command,
        replay: Replay,
        op: Option<OpId>,
        result: Result<Option<services::Applied>, services::ServiceError>,
    ) -> bool {
        let is_undo = replay == Replay::Undo;
        let adds_first_user = matches!(command, Command::AddUser(_)) && self.data.users.is_empty();
        let topic = crate::ui::notify::Topic::of(&command);
        let from_a_form = saved_from_a_form(&command);
        match result {
            Ok(None) => {
                // An earlier attempt of this change was saved after all: what is stored
                // now is read back, and the form with it.
                self.read_feed();
                self.screens.discard(self.route);
                self.notes.info_about(
                    topic,
                    self.tr(
                        "已保存（之前的一次尝试已写入）。",
                        "Saved (an earlier attempt had gone through).",
                    )
                    .to_string(),
                );
                true
            }
            Ok(Some(applied)) => {
                if let Some(step) = applied.undo.clone() {
                    let entry = UndoEntry {
                        subject: applied.subject,
                        summary: applied.summary.clone(),
                        step,
                    };
                    match replay {
                        Replay::Undo => self.redo.push(entry),
                        Replay::Fresh | Replay::Redo => self.undo.push(entry),
                    }
                }
                if replay == Replay::Fresh {
                    self.redo.clear();
                }
                self.screens.on_applied(&applied);
                self.applied_here(applied.subject, applied.id);
                self.refresh(applied.subject, applied.id);
                if adds_first_user {
                    self.prefs.current_user = Some(UserId(applied.id));
                    self.route = Route::Clients;
                }
                let text = match replay {
                    Replay::Redo => format!(
                        "{}{}",
                        self.tr("已重做：", "Redone: "),
                        crate::ui::notify::applied_text(&applied, false, self.prefs.lang)
                    ),
                    _ => crate::ui::notify::applied_text(&applied, is_undo, self.prefs.lang),
                };
                self.notes.info_about(topic, text);
                if let Some(route) = self.screens.take_navigation() {
                    self.route = route;
                }
                self.fix_route();
                true
            }
            Err(e) if op.is_some() && is_unreachable(&e) => {
                if let Some(op) = op {
                    self.retry_later(command, replay, op, &e);
                }
                false
            }
            Err(e) => {
                let mut text = e.message(self.prefs.lang);
                if is_stale(&e) {
                    // Show the other change at once (the form then says who made it).
                    self.read_feed();
                }
                if is_stale(&e) && from_a_form && replay == Replay::Fresh {
                    // The form keeps the edits; say how to go on from there.
                    text.push_str(self.tr(
                        " 您的修改仍保留在表单中：可以“合并双方的修改”、“以我的为准”，或“载入对方的版本”。",
                        " Your edits are still in the form: choose “Merge both”, “Keep mine”, or “Load theirs”.",
                    ));
                }
                self.notes.error_about(topic, text);
                false
            }
        }
    }

    /// Undoes the newest undoable change.
    pub(super) fn undo_last(&mut self) {
        match self.undo.pop() {
            Some(entry) => {
                if !self.apply_command(Command::Undo(Box::new(entry.step.clone())), Replay::Undo) {
                    // Keep it: the person may fix the cause (e.g. remove what refers to it).
                    self.undo.push(entry);
                }
            }
            None => self
                .notes
                .info(self.tr("没有可撤销的修改。", "Nothing to undo.")),
        }
    }

    /// Redoes the newest undone change (where the change can be redone: schedules).
    pub(super) fn redo_last(&mut self) {
        match self.redo.pop() {
            Some(entry) => {
                if !self.apply_command(Command::Undo(Box::new(entry.step.clone())), Replay::Redo) {
                    self.redo.push(entry);
                }
            }
            None => self
                .notes
                .info(self.tr("没有可重做的修改。", "Nothing to redo.")),
        }
    }

    /// Goes to `route`, asking first if the form on screen has unsaved changes.
    pub(super) fn navigate(&mut self, route: Route) {
        if route == self.route {
            return;
        }
        // A meeting's tabs share one draft: moving between them loses nothing.
        let same_meeting = matches!(
            (self.route, route),
            (Route::Meeting(a, _), Route::Meeting(b, _)) if a == b
        );
        if route == Route::Team {
            // Read afresh from the server each time the screen opens.
            self.forget_people();
        }
        if self.screens.is_dirty(self.route) && !same_meeting {
            self.pending_route = Some(route);
        } else {
            self.route = route;
        }
    }

    /// The person chose in the unsaved-changes dialog.
    pub(super) fn resolve_pending(&mut self, save: Option<bool>) {
        let Some(target) = self.pending_route.take() else {
            return;
        };
        match save {
            Some(true) => {
                let mut actions = Vec::new();
                let env = Env {
                    lang: self.prefs.lang,
                    data: &self.data,
                    store: Reader::shared(&self.store),
                    today: Local::now().date_naive(),
                    now: chrono::Utc::now(),
                    current_user: self.prefs.current_user,
                };
                self.screens.save(self.route, &env, &mut actions);
                self.apply_actions(actions);
                if !self.screens.is_dirty(self.route) {
                    self.route = target;
                }
            }
            Some(false) => {
                self.screens.discard(self.route);
                self.route = target;
            }
            None => {}
        }
    }

    fn load_sample(&mut self) {
        let ctx = self.ctx();
        match demo::sample::load_sample(&self.store, ctx.now, ctx.today) {
            Ok(summary) => {
                log::info!("sample agency loaded: {summary}");
                self.reload();
                self.route = Route::Clients;
                self.notes
                    .info(self.tr("示例公司已载入。", "The sample agency is loaded."));
            }
            Err(e) => {
                // A failure midway leaves the records written so far: show them.
                self.reload();
                self.notes.error(e.message(self.prefs.lang));
            }
        }
    }

    fn export_brief(&mut self, job_id: JobId, print: bool) {
        let lang = self.prefs.lang;
        let Some(job) = self.data.job(job_id) else {
            return;
        };
        let file_name = export::brief_file_name(&job.number.text, lang);
        let offset = *Local::now().offset();
        let bytes = export::brief_pdf(&self.store, job_id, lang, Local::now().date_naive(), offset);
        let sent = bytes.as_ref().ok().cloned();
        if self.deliver(&file_name, bytes, ("PDF", "pdf"), print)
            && let Some(sent) = sent
        {
            self.file_sent_brief(job_id, &file_name, &sent);
        }
    }

    fn export_schedule(
        &mut self,
        job_id: JobId,
        view: View,
        plan: PlanChoice,
        format: export::ScheduleFormat,
        print: bool,
    ) {
        let lang = self.prefs.lang;
        let today = Local::now().date_naive();
        let filter = match format {
            export::ScheduleFormat::Pdf(_) => ("PDF", "pdf"),
            export::ScheduleFormat::Xlsx => ("Excel", "xlsx"),
            export::ScheduleFormat::Ics => ("iCalendar", "ics"),
        };
        match export::export_schedule(&self.store, job_id, view, plan, format, today, lang) {
            Ok(done) => {
                self.deliver(&done.file_name, Ok(done.bytes), filter, print);
            }
            Err(e) => {
                self.deliver("", Err(e), filter, print);
            }
        }
    }

    /// Writes an exported document: to a temporary file when printing, else where the person
    /// chooses (with the file type's extension; never over the database or its backups);
    /// whole or not at all; then opens it in the system's viewer. Says whether it was written.
    pub(super) fn deliver(
        &mut self,
        file_name: &str,
        bytes: Result<Vec<u8>, services::ServiceError>,
        (filter, extension): (&str, &str),
        print: bool,
    ) -> bool {
        let lang = self.prefs.lang;
        let bytes = match bytes {
            Ok(b) => b,
            Err(e) => {
                self.notes.error(e.message(lang));
                return false;
            }
        };
        let path = if print {
            std::env::temp_dir().join(file_name)
        } else {
            let request = SaveRequest {
                file_name,
                filter,
                extension,
            };
            let cancelled = self.tr("已取消导出。", "Export cancelled.");
            let Some(target) = self.save_target(&request, cancelled) else {
                return false;
            };
            // No dialog could be shown (Linux without a desktop portal or zenity): saved
            // where people look for files, and said so.
            if target.no_dialog {
                self.notes.info(format!(
                    "{}{}",
                    self.tr(
                        "无法显示保存对话框，文件已保存到：",
                        "No save dialog is available; the file is saved to: "
                    ),
                    target.path.display()
                ));
            }
            target.path
        };
        if let Err(e) = crate::store::refuse_overwrite(self.store.path(), &path) {
            self.notes.error(e.message(lang));
            return false;
        }
        if let Err(e) = crate::safe_file::write_atomic(&path, &bytes) {
            self.notes.error(format!(
                "{}{}: {e}",
                self.tr("无法写入文件：", "Could not write the file: "),
                path.display()
            ));
            return false;
        }
        self.notes.info(format!(
            "{}{}",
            self.tr("已导出：", "Exported: "),
            path.display()
        ));
        // Calendar entries are not opened: that would import them into the person's calendar.
        if extension == "ics" {
            return true;
        }
        self.open_path(&path);
        true
    }
}

/// What to tell a person when a file could not be handed to the program that shows it. The
/// launcher's own message (`xdg-open` exit codes, Windows' shell errors) means nothing to
/// them; it goes to the log.
pub(super) fn open_failure(path: &std::path::Path, error: &std::io::Error, lang: Lang) -> String {
    log::warn!("opening {}: {error}", path.display());
    let file = path.display();
    if !path.exists() {
        return match lang {
            Lang::Zh => format!(
                "找不到文件 {file}：它可能已被移动、改名或删除。请在文件夹中找到它，或重新导出。"
            ),
            Lang::En => format!(
                "{file} is not there any more: it may have been moved, renamed or deleted. Find it in its folder, or export it again."
            ),
        };
    }
    let kind = path
        .extension()
        .map(|e| e.to_string_lossy().to_uppercase())
        .filter(|e| !e.is_empty());
    match (lang, kind) {
        (Lang::Zh, Some(kind)) => format!(
            "无法打开 {file}：这台电脑没有能打开 {kind} 文件的程序。请安装一个（例如 PDF 阅读器或表格软件），或在文件夹中双击打开它。"
        ),
        (Lang::Zh, None) => format!(
            "无法打开 {file}：没有程序能打开这类文件。请在文件夹中找到它，用合适的程序打开。"
        ),
        (Lang::En, Some(kind)) => format!(
            "{file} could not be opened: no program on this computer opens {kind} files. Install one (a PDF reader or a spreadsheet program, say), or open the file from its folder."
        ),
        (Lang::En, None) => format!(
            "{file} could not be opened: no program opens this kind of file. Find it in its folder and open it with a suitable program."
        ),
    }
}

/// Where an export goes when no save dialog can be shown: Documents, else Downloads, else the
/// home folder, else the temporary folder.
pub(super) fn fallback_export_dir() -> std::path::PathBuf {
    directories::UserDirs::new()
        .and_then(|d| {
            d.document_dir()
                .or(d.download_dir())
                .map(std::path::Path::to_path_buf)
                .or_else(|| Some(d.home_dir().to_path_buf()))
        })
        .filter(|p| p.is_dir())
        .unwrap_or_else(std::env::temp_dir)
}

/// Why a command runs: a new change, an undo, or a redo of an undone change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Replay {
    Fresh,
    Undo,
    Redo,
}

/// Whether `command` saves a form, which keeps its edits when the save is refused.
fn saved_from_a_form(command: &Command) -> bool {
    matches!(
        command,
        Command::UpdateClient(..)
            | Command::UpdateContact(..)
            | Command::UpdateContract(..)
            | Command::UpdateBrand(..)
            | Command::UpdateJob(..)
            | Command::UpdateUser(..)
            | Command::SaveBrief(..)
            | Command::SaveSettings(..)
            | Command::SaveMeeting(..)
    )
}

/// Whether `e` refused a write because the record changed since the revision it started
/// from.
fn is_stale(e: &services::ServiceError) -> bool {
    matches!(
        e,
        services::ServiceError::Store(crate::store::StoreError::Conflict { .. })
    )
}

/// Whether `e` says the team database's server could not be reached (nothing was saved).
pub(super) fn is_unreachable(e: &services::ServiceError) -> bool {
    matches!(
        e,
        services::ServiceError::Store(crate::store::StoreError::Unreachable(_))
    )
}

/// A document the app made and sent with a command, to be filed once the command is applied.
enum Made {
    Schedule(JobId),
    Estimate(crate::domain::EstimateId),
    Nothing,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_that_cannot_be_opened_is_explained_without_the_launchers_words() {
        let dir = tempfile::tempdir().expect("temp dir");
        let pdf = dir.path().join("简要 2026-0001.pdf");
        std::fs::write(&pdf, b"%PDF-1.7").expect("written");
        let launcher = std::io::Error::other("Launcher \"xdg-open\" failed with ExitStatus(3)");
        let zh = open_failure(&pdf, &launcher, Lang::Zh);
        assert!(
            zh.contains("简要 2026-0001.pdf") && zh.contains("PDF 文件的程序"),
            "{zh}"
        );
        assert!(
            !zh.contains("xdg-open") && !zh.contains("ExitStatus"),
            "{zh}"
        );
        let en = open_failure(&pdf, &launcher, Lang::En);
        assert!(
            en.contains("no program on this computer opens PDF files"),
            "{en}"
        );
        assert!(!en.contains("xdg-open"), "{en}");

        let gone = dir.path().join("回传 已签字.pdf");
        let missing = std::io::Error::from(std::io::ErrorKind::NotFound);
        let zh = open_failure(&gone, &missing, Lang::Zh);
        assert!(
            zh.contains("回传 已签字.pdf") && zh.contains("移动"),
            "{zh}"
        );
        let en = open_failure(&gone, &missing, Lang::En);
        assert!(en.contains("not there any more"), "{en}");
    }
}
