//! The inbox (收件箱): files that arrived in the watched folders — Outlook's saved
//! attachments, WeChat's and 企业微信's downloads — waiting to be filed. Each is given its
//! place by typing a job number or a client's name (what an AE has at hand, however many
//! jobs there are), its kind, title and date proposed from its name; filed, or set aside.
//! The folders watched are listed here too, to add and remove.

use super::files::{PendingFile, kind_combo};
use crate::domain::format;
use crate::services::documents::FiledWith;
use crate::ui::model::{Env, FilesPlace, UiAction};
use egui::{RichText, Ui};
use std::path::{Path, PathBuf};

/// A file of the inbox: the pending file and the place as typed.
#[derive(Debug, Clone, PartialEq)]
struct Arrived {
    file: PendingFile,
    place: String,
}

/// The inbox page's state.
#[derive(Debug, Default)]
pub(crate) struct InboxPage {
    arrived: Vec<Arrived>,
}

/// Where the typed text files a document: a job by its number, a client by its name or
/// short name, or the reference files (相关资料, or nothing typed is no place).
fn place_of(env: &Env, typed: &str) -> Option<(FiledWith, String)> {
    let t = typed.trim();
    if t.is_empty() {
        return None;
    }
    if t == "相关资料" || t.eq_ignore_ascii_case("reference") {
        return Some((
            FiledWith::Reference,
            env.tr("相关资料", "Reference files").into(),
        ));
    }
    let digits: String = t.chars().filter(char::is_ascii_digit).collect();
    if let Some(j) = env.data.jobs.iter().find(|j| {
        j.number.text == t
            || (!digits.is_empty()
                && j.number
                    .text
                    .chars()
                    .filter(char::is_ascii_digit)
                    .collect::<String>()
                    == digits)
    }) {
        return Some((
            FiledWith::Job(j.id),
            format!(
                "{} {} · {}",
                j.number.text,
                j.title,
                env.data.client_name(j.client_id)
            ),
        ));
    }
    env.data
        .clients
        .iter()
        .find(|c| c.name == t || c.short_name == t || c.display_name() == t)
        .map(|c| (FiledWith::Client(c.id), c.display_name().to_string()))
}

impl InboxPage {
    /// Files that stopped growing in a watched folder.
    pub fn arrived(&mut self, paths: Vec<PathBuf>) {
        for path in paths {
            if self.arrived.iter().any(|a| a.file.path == path) {
                continue;
            }
            // Nowhere yet: the kind is proposed from the name alone, and a job number in the
            // name proposes the place.
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let job = crate::domain::document::propose::propose(
                &name,
                crate::domain::document::propose::DropPlace::Client,
            )
            .job_number
            .unwrap_or_default();
            self.arrived.push(Arrived {
                file: PendingFile::new(path, FilesPlace::Client(crate::domain::ClientId(0)), None),
                place: job,
            });
        }
    }

    /// Whether `path` waits in the inbox.
    pub fn holds(&self, path: &Path) -> bool {
        self.arrived.iter().any(|a| a.file.path == path)
    }

    /// Files refused once as repeats come back with the documents they are filed as.
    pub fn refused(&mut self, files: Vec<PendingFile>) {
        for f in files {
            if let Some(a) = self.arrived.iter_mut().find(|a| a.file.path == f.path) {
                a.file.already = f.already;
            }
        }
    }

    /// A file of the inbox was filed or set aside.
    pub fn gone(&mut self, path: &Path) {
        self.arrived.retain(|a| a.file.path != path);
    }

    /// How many files wait.
    pub fn waiting(&self) -> usize {
        self.arrived.len()
    }

    /// Draws the page.
    pub fn ui(&mut self, ui: &mut Ui, env: &Env, watched: &[PathBuf], actions: &mut Vec<UiAction>) {
        ui.heading(env.tr("收件箱", "Inbox"));
        ui.weak(env.tr(
            "监视的文件夹里新到的文件（写完后）出现在这里；原文件不会被移动或删除。",
            "Files that arrive in the watched folders show here once written; the originals are never moved or deleted.",
        ));
        ui.add_space(4.0);
        ui.strong(env.tr("监视的文件夹", "Watched folders"));
        for folder in watched {
            ui.horizontal(|ui| {
                ui.label(RichText::new(folder.display().to_string()).monospace());
                if ui
                    .small_button(env.tr("不再监视", "Stop watching"))
                    .clicked()
                {
                    actions.push(UiAction::UnwatchFolder(folder.clone()));
                }
            });
        }
        if watched.is_empty() {
            ui.weak(env.tr(
                "还没有监视的文件夹：例如 Outlook 保存附件的文件夹、微信或企业微信的下载文件夹。",
                "No folder watched yet: Outlook's attachments folder, WeChat's or WeCom's downloads, for example.",
            ));
        }
        if ui
            .button(env.tr("添加文件夹…", "Watch a folder…"))
            .clicked()
        {
            actions.push(UiAction::WatchFolder);
        }
        ui.separator();
        if self.arrived.is_empty() {
            ui.weak(env.tr("收件箱是空的。", "The inbox is empty."));
            return;
        }
        let mut file = Vec::new();
        let mut aside = None;
        egui::ScrollArea::vertical()
            .id_salt("inbox")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                for (i, a) in self.arrived.iter_mut().enumerate() {
                    ui.push_id(("arrived", i), |ui| {
                        row_ui(ui, env, i, a, &mut file, &mut aside);
                    });
                    ui.separator();
                }
            });
        if let Some(path) = aside {
            actions.push(UiAction::SetAsideInboxFile(path));
        }
        if !file.is_empty() {
            actions.push(UiAction::FileDocuments(file));
        }
    }
}

fn row_ui(
    ui: &mut Ui,
    env: &Env,
    i: usize,
    a: &mut Arrived,
    file: &mut Vec<PendingFile>,
    aside: &mut Option<PathBuf>,
) {
    let name = a
        .file
        .path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let place = place_of(env, &a.place);
    ui.horizontal(|ui| {
        ui.label(RichText::new(name).monospace());
        ui.add_space(12.0);
        let l = ui.label(env.tr("归入（工作号或客户）", "File with (job number or client)"));
        ui.add(
            egui::TextEdit::singleline(&mut a.place)
                .desired_width(140.0)
                .hint_text("2026-0042"),
        )
        .labelled_by(l.id);
        match &place {
            Some((_, shown)) => ui.weak(shown),
            None if a.place.trim().is_empty() => ui.weak(""),
            None => ui.colored_label(
                ui.visuals().warn_fg_color,
                env.tr("找不到这个工作或客户", "No such job or client"),
            ),
        };
    });
    ui.horizontal(|ui| {
        let l = ui.label(env.tr("类别", "Kind"));
        kind_combo(ui, env, ("inbox_kind", i), &mut a.file.draft.kind, l.id);
        let l = ui.label(env.tr("标题", "Title"));
        ui.add(egui::TextEdit::singleline(&mut a.file.draft.title).desired_width(200.0))
            .labelled_by(l.id);
        let l = ui.label(env.tr("日期", "Date"));
        ui.add(
            egui::TextEdit::singleline(&mut a.file.date_text)
                .desired_width(100.0)
                .hint_text("2026-11-26"),
        )
        .labelled_by(l.id);
        let date_ok =
            a.file.date_text.trim().is_empty() || format::parse_date(&a.file.date_text).is_some();
        if !a.file.already.is_empty() {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                format!(
                    "{}{}",
                    env.tr("同一文件已归档为：", "Already filed as: "),
                    a.file.already.join("、")
                ),
            );
            ui.checkbox(&mut a.file.link, env.tr("仍在此归档", "File it here too"));
        }
        let ready = place.is_some() && date_ok && (a.file.already.is_empty() || a.file.link);
        if ui
            .add_enabled(ready, egui::Button::new(env.tr("归档", "File")))
            .clicked()
            && let Some((with, _)) = place
        {
            let mut f = a.file.clone();
            f.with = with;
            f.draft.dated = format::parse_date(&f.date_text);
            file.push(f);
        }
        if ui.button(env.tr("搁置", "Set aside")).clicked() {
            *aside = Some(a.file.path.clone());
        }
    });
}
