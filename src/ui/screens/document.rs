//! One document's page: what it is (kind, title, date, number, counterparty, amount, tags,
//! status), its versions with the file of each, moving it to another job, the legal hold and
//! the trash.

use super::files::kind_combo;
use super::widgets::{self, Form};
use crate::domain::document::{Document, DocumentStatus};
use crate::domain::{DocumentId, Fen, JobId, format};
use crate::services::Command;
use crate::services::documents::{DocumentDraft, FiledWith};
use crate::ui::model::{Env, FilesPlace, Route, UiAction};
use egui::Ui;

mod shelves;

/// The edit form's fields, as typed.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct DocForm {
    kind: crate::domain::document::DocumentKind,
    title: String,
    dated: String,
    number: String,
    counterparty: String,
    amount: String,
    tags: String,
    topic: String,
    status: DocumentStatus,
}

impl Default for DocForm {
    fn default() -> Self {
        DocForm::of(&DocumentDraft::new(
            crate::domain::document::DocumentKind::Other,
            "",
        ))
    }
}

impl DocForm {
    fn of(d: &DocumentDraft) -> Self {
        DocForm {
            kind: d.kind,
            title: d.title.clone(),
            dated: d.dated.map(|x| x.to_string()).unwrap_or_default(),
            number: d.number.clone(),
            counterparty: d.counterparty.clone(),
            amount: d.amount.map(|a| a.plain()).unwrap_or_default(),
            tags: d.tags.join("，"),
            topic: d.topic.clone(),
            status: d.status,
        }
    }

    /// The draft, or what to tell the person about a field that does not read.
    fn draft(&self, env: &Env) -> Result<DocumentDraft, String> {
        let dated = match self.dated.trim() {
            "" => None,
            t => Some(
                format::parse_date(t)
                    .ok_or_else(|| format!("{}“{t}”", env.tr("日期无效：", "Not a date: ")))?,
            ),
        };
        let amount = match self.amount.trim() {
            "" => None,
            t => Some(
                Fen::parse(t)
                    .map_err(|_| format!("{}“{t}”", env.tr("金额无效：", "Not an amount: ")))?,
            ),
        };
        let tags = self
            .tags
            .split([',', '，', ';', '；'])
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty())
            .collect();
        Ok(DocumentDraft {
            kind: self.kind,
            title: self.title.clone(),
            dated,
            number: self.number.clone(),
            counterparty: self.counterparty.clone(),
            amount,
            tags,
            topic: self.topic.clone(),
            status: self.status,
        })
    }
}

/// The document page's state.
#[derive(Debug, Default)]
pub(crate) struct DocumentPage {
    form: Form<DocumentId, DocForm>,
    /// Where each version's words stand, read every few seconds (the reading runs in the
    /// background).
    texts: Option<(
        DocumentId,
        std::time::Instant,
        Vec<crate::domain::document::TextState>,
    )>,
    /// The document's working copy and whether it holds edits, looked at as often.
    working: Option<(std::path::PathBuf, bool)>,
    /// What the working copy was compared as: its path, size and time and the number of
    /// versions, with the answer. A copy (a master of gigabytes, say) is hashed again only
    /// when one of them changed, not every two seconds.
    working_seen: Option<(WorkingKey, bool)>,
    reason: String,
    move_to: Option<JobId>,
    problem: Option<String>,
    thumbs: super::thumbs::Thumbs,
    /// The library items holding the document.
    shelved: shelves::Shelved,
}

/// A working copy as last compared: path, size, time, versions of the document.
type WorkingKey = (
    std::path::PathBuf,
    Option<(u64, Option<std::time::SystemTime>)>,
    usize,
);

impl DocumentPage {
    /// The working copy of `doc` and whether it holds edits, compared again only when the
    /// copy or the document changed.
    fn working_state(&mut self, env: &Env, doc: &Document) -> Option<(std::path::PathBuf, bool)> {
        let path = env.store.working_copy(doc)?;
        let meta = std::fs::metadata(&path)
            .ok()
            .map(|m| (m.len(), m.modified().ok()));
        let key = (path.clone(), meta, doc.versions.len());
        let changed = match &self.working_seen {
            Some((seen, changed)) if *seen == key => *changed,
            _ => crate::services::working::differs(doc, &path),
        };
        self.working_seen = Some((key, changed));
        Some((path, changed))
    }
    /// Whether the form has unsaved edits of document `id`.
    pub fn is_dirty(&self, id: DocumentId) -> bool {
        self.form.is_dirty_for(id)
    }

    /// Drops the edits.
    pub fn discard(&mut self) {
        self.form.discard();
        self.problem = None;
    }

    /// A change to the document was applied.
    pub fn on_saved(&mut self, id: DocumentId) {
        if self.form.key() == Some(id) {
            self.form.saved();
            self.reason.clear();
        }
    }

    /// Pushes the save of the edits (Ctrl+S).
    pub fn save(&mut self, id: DocumentId, env: &Env, actions: &mut Vec<UiAction>) {
        if !self.form.is_dirty_for(id) {
            return;
        }
        match self.form.draft.draft(env) {
            Ok(d) => {
                self.problem = None;
                actions.push(UiAction::Command(Command::UpdateDocument(
                    id,
                    Box::new(d),
                    self.form.base(),
                )));
            }
            Err(e) => self.problem = Some(e),
        }
    }

    /// Draws the page.
    pub fn ui(&mut self, ui: &mut Ui, env: &Env, id: DocumentId, actions: &mut Vec<UiAction>) {
        let Some(doc) = widgets::record_for_page(
            ui,
            env,
            &mut self.form,
            (id, id.0),
            ("找不到这个文件", "Document not found"),
            |d: &Document| DocForm::of(&DocumentDraft::of(d)),
        ) else {
            return;
        };
        ui.horizontal(|ui| {
            ui.heading(&doc.title);
            widgets::unsaved_marker(ui, env, self.form.is_dirty());
            // Back where it was filed: a meeting's papers, a job's file, a brand's or a
            // client's documents, or the reference files.
            let back = match (doc.meeting_id, doc.job_id, doc.brand_id) {
                (Some(m), _, _) => FilesPlace::Meeting(m),
                (None, Some(j), _) => FilesPlace::Job(j),
                (None, None, _) if doc.client_id.0 == 0 => FilesPlace::Reference,
                (None, None, Some(b)) => FilesPlace::Brand(b),
                (None, None, None) => FilesPlace::Client(doc.client_id),
            };
            if ui
                .button(env.tr("返回文件档案", "Back to the files"))
                .clicked()
            {
                actions.push(UiAction::Navigate(Route::Files(back)));
            }
        });
        widgets::archived_notice(ui, env, doc.job_id);
        if let Some(t) = &doc.trashed {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                format!(
                    "{}{}（{}，{}）",
                    env.tr("在回收站中：", "In the trash: "),
                    t.reason,
                    env.data.user_name(Some(t.stamp.by)),
                    format::moment(t.stamp.at, &chrono::Local, env.lang)
                ),
            );
            // A desk purges its trash when the window opens; a team database's administrator
            // does, after the server's backup (`files purge-trash`).
            let from = t.purge_from().with_timezone(&chrono::Local).date_naive();
            ui.weak(match (env.lang, env.store.is_team()) {
                (crate::domain::Lang::Zh, false) => {
                    format!("{from} 起永久删除（回收站保留 30 天）。")
                }
                (crate::domain::Lang::Zh, true) => {
                    format!("{from} 起由管理员永久删除（回收站保留 30 天）。")
                }
                (crate::domain::Lang::En, false) => {
                    format!("Deleted for good from {from} (the trash keeps documents 30 days).")
                }
                (crate::domain::Lang::En, true) => format!(
                    "Deleted for good by the administrator from {from} (the trash keeps documents 30 days)."
                ),
            });
            if ui
                .button(env.tr("从回收站恢复", "Restore from the trash"))
                .clicked()
            {
                actions.push(UiAction::Command(Command::RestoreDocument(id)));
            }
        }
        widgets::stale_ui(ui, env, &mut self.form);
        egui::ScrollArea::vertical()
            .id_salt(("document", id.0))
            .auto_shrink([false, false])
            .show(ui, |ui| {
                // A picture shows its thumbnail above what it is.
                if let Some(v) = doc.current()
                    && let Some(t) = self.thumbs.get(ui.ctx(), env.store, &v.file)
                {
                    let alt = format!("{}{}", env.tr("缩略图：", "Thumbnail: "), doc.title);
                    ui.add(
                        egui::Image::new(&t)
                            .max_size(egui::vec2(320.0, 240.0))
                            .alt_text(alt),
                    );
                }
                self.fields_ui(ui, env, id, actions);
                ui.separator();
                let fresh = self.texts.as_ref().is_some_and(|(d, at, states)| {
                    *d == id
                        && states.len() == doc.versions.len()
                        && at.elapsed() < std::time::Duration::from_secs(2)
                });
                if !fresh {
                    // The words are read again only while some are still being read.
                    let settled = self.texts.as_ref().is_some_and(|(d, _, states)| {
                        *d == id
                            && states.len() == doc.versions.len()
                            && !states.contains(&crate::domain::document::TextState::Pending)
                    });
                    if !settled {
                        let states = doc
                            .versions
                            .iter()
                            .map(|v| env.store.text_state(v))
                            .collect();
                        self.texts = Some((id, std::time::Instant::now(), states));
                    } else if let Some((_, at, _)) = &mut self.texts {
                        *at = std::time::Instant::now();
                    }
                    self.working = self.working_state(env, &doc);
                }
                if doc.trashed.is_none() {
                    working_ui(ui, env, id, self.working.as_ref(), actions);
                }
                let states = self
                    .texts
                    .as_ref()
                    .map(|(_, _, s)| s.as_slice())
                    .unwrap_or(&[]);
                versions_ui(ui, env, &doc, states, actions);
                ui.separator();
                shelves::items_ui(ui, env, &doc, &mut self.shelved, actions);
                ui.separator();
                if doc.trashed.is_none() {
                    self.keeping_ui(ui, env, &doc, actions);
                }
                widgets::audit_ui(ui, env, &doc.audit);
            });
    }

    fn fields_ui(&mut self, ui: &mut Ui, env: &Env, id: DocumentId, actions: &mut Vec<UiAction>) {
        let f = &mut self.form.draft;
        widgets::form_grid("document_form").show(ui, |ui| {
            let l = ui.label(env.tr("类别", "Kind"));
            kind_combo(ui, env, "document_kind", &mut f.kind, l.id);
            ui.end_row();
            widgets::text_row(ui, env.tr("标题", "Title"), &mut f.title);
            widgets::date_row(ui, env, env.tr("日期", "Date"), &mut f.dated);
            widgets::text_row(
                ui,
                env.tr("编号（发票号、合同号）", "Number"),
                &mut f.number,
            );
            widgets::text_row(ui, env.tr("往来单位", "Counterparty"), &mut f.counterparty);
            widgets::money_row(ui, env, env.tr("金额", "Amount"), &mut f.amount);
            widgets::text_row(
                ui,
                env.tr("标签（逗号分隔）", "Tags (comma-separated)"),
                &mut f.tags,
            );
            widgets::text_row(ui, env.tr("主题", "Topic"), &mut f.topic);
            ui.label(env.tr("状态", "Status"));
            ui.horizontal(|ui| {
                for s in [
                    DocumentStatus::Draft,
                    DocumentStatus::Final,
                    DocumentStatus::Signed,
                    DocumentStatus::Voided,
                ] {
                    ui.selectable_value(&mut f.status, s, env.tr(s.names().0, s.names().1));
                }
            });
            ui.end_row();
        });
        if let Some(p) = &self.problem {
            ui.colored_label(ui.visuals().error_fg_color, p);
        }
        let dirty = self.form.is_dirty();
        ui.horizontal(|ui| {
            if widgets::save_button(ui, env, env.tr("保存", "Save"), dirty) {
                self.save(id, env, actions);
            }
            if ui
                .add_enabled(
                    dirty,
                    egui::Button::new(env.tr("放弃修改", "Discard changes")),
                )
                .clicked()
            {
                self.discard();
            }
        });
    }

    /// Moving to another job, the legal hold and the trash.
    fn keeping_ui(&mut self, ui: &mut Ui, env: &Env, doc: &Document, actions: &mut Vec<UiAction>) {
        let id = doc.id;
        let jobs: Vec<_> = env
            .data
            .jobs
            .iter()
            .filter(|j| j.client_id == doc.client_id && Some(j.id) != doc.job_id)
            .collect();
        if !jobs.is_empty() {
            ui.horizontal(|ui| {
                let l = ui.label(env.tr("移到另一个工作", "Move to another job"));
                let label = |j: &crate::domain::Job| format!("{} {}", j.number.text, j.title);
                let selected = self
                    .move_to
                    .and_then(|m| jobs.iter().find(|j| j.id == m))
                    .map_or_else(
                        || env.tr("选择工作", "Choose a job").to_string(),
                        |j| label(j),
                    );
                let r = egui::ComboBox::from_id_salt("move_document")
                    .selected_text(selected)
                    .width(260.0)
                    .show_ui(ui, |ui| {
                        for j in &jobs {
                            ui.selectable_value(&mut self.move_to, Some(j.id), label(j));
                        }
                    })
                    .response;
                let _ = r.labelled_by(l.id);
                if ui
                    .add_enabled(
                        self.move_to.is_some(),
                        egui::Button::new(env.tr("移动", "Move")),
                    )
                    .clicked()
                    && let Some(j) = self.move_to.take()
                {
                    actions.push(UiAction::Command(Command::RefileDocument(
                        id,
                        FiledWith::Job(j),
                    )));
                }
            });
        }
        let hold = match doc.legal_hold {
            true => env.tr("解除法律保全", "Lift the legal hold"),
            false => env.tr("设置法律保全", "Put under a legal hold"),
        };
        if doc.legal_hold {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                env.tr(
                    "法律保全中：不能删除。",
                    "Under a legal hold: it cannot be deleted.",
                ),
            );
        }
        if ui.button(hold).clicked() {
            actions.push(UiAction::Command(Command::HoldDocument(
                id,
                !doc.legal_hold,
            )));
        }
        let retention = doc.dated.and_then(|d| doc.kind.retention().kept_until(d));
        if let Some(until) = retention {
            ui.weak(format!(
                "{}{until}",
                env.tr("会计档案，保管至 ", "Accounting record, kept until ")
            ));
        }
        ui.horizontal(|ui| {
            let l = ui.label(env.tr("删除理由", "Reason to delete"));
            ui.text_edit_singleline(&mut self.reason).labelled_by(l.id);
            if ui
                .add_enabled(
                    !self.reason.trim().is_empty(),
                    egui::Button::new(env.tr("移到回收站", "Move to the trash")),
                )
                .on_hover_text(env.tr(
                    "回收站中的文件保留 30 天，可随时恢复。",
                    "Documents stay in the trash for 30 days and can be restored.",
                ))
                .clicked()
            {
                actions.push(UiAction::Command(Command::TrashDocument(
                    id,
                    self.reason.trim().to_string(),
                )));
            }
        });
    }
}

fn versions_ui(
    ui: &mut Ui,
    env: &Env,
    doc: &Document,
    states: &[crate::domain::document::TextState],
    actions: &mut Vec<UiAction>,
) {
    ui.horizontal(|ui| {
        ui.strong(env.tr("版本", "Versions"));
        if doc.trashed.is_none()
            && ui
                .button(env.tr("添加新版本…", "Add a new version…"))
                .clicked()
        {
            actions.push(UiAction::PickDocumentVersion(doc.id));
        }
    });
    let zh = env.lang == crate::domain::Lang::Zh;
    egui::Grid::new("document_versions")
        .striped(true)
        .num_columns(6)
        .spacing([12.0, 6.0])
        .show(ui, |ui| {
            for (i, v) in doc.versions.iter().enumerate().rev() {
                ui.label(format!("v{}", i + 1));
                ui.label(&v.file.original_name);
                ui.label(env.tr(v.status.names().0, v.status.names().1));
                ui.label(format!(
                    "{} · {}",
                    env.data.user_name(Some(v.added.by)),
                    format::moment(v.added.at, &chrono::Local, env.lang)
                ));
                let state = states.get(i).unwrap_or(&v.text);
                ui.weak(state.describe(zh));
                ui.push_id(("open_version", i), |ui| {
                    if ui.small_button(env.tr("打开", "Open")).clicked() {
                        actions.push(UiAction::OpenStoredFile(v.file.clone()));
                    }
                });
                ui.end_row();
            }
        });
}

/// Edit (a working copy), and the copy's state: check it in when it holds edits.
fn working_ui(
    ui: &mut Ui,
    env: &Env,
    id: DocumentId,
    working: Option<&(std::path::PathBuf, bool)>,
    actions: &mut Vec<UiAction>,
) {
    ui.horizontal(|ui| {
        if ui
            .button(env.tr("编辑（工作副本）", "Edit (working copy)"))
            .on_hover_text(env.tr(
                "打开一份可修改的工作副本；修改后可检入为新版本，未检入前不会被删除。",
                "Opens a copy you can change; check it in as the next version. It is never removed while it holds edits.",
            ))
            .clicked()
        {
            actions.push(UiAction::EditDocument(id));
        }
        let Some((path, changed)) = working else {
            return;
        };
        ui.weak(format!(
            "{}{}",
            env.tr("工作副本：", "Working copy: "),
            path.display()
        ));
        if *changed {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                env.tr("已修改，尚未检入", "Changed, not checked in"),
            );
            if ui.button(env.tr("检入为新版本", "Check in as the next version")).clicked() {
                actions.push(UiAction::CheckInWorkingCopy(id));
            }
        } else if ui
            .small_button(env.tr("移除工作副本", "Remove the working copy"))
            .clicked()
        {
            actions.push(UiAction::DiscardWorkingCopy(id));
        }
    });
}
