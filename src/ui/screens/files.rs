//! The files page (文件档案): the documents filed with a job, a client or the reference
//! files, what a job's file still lacks for its stage, and the files just dropped or chosen,
//! each with the kind, title and date proposed from its name and the page, to confirm.

use super::widgets;
use crate::domain::document::propose::{DropPlace, propose};
use crate::domain::document::{self, Document, DocumentKind, Filed};
use crate::domain::{JobStatus, format};
use crate::services::documents::{DocumentDraft, FiledWith};
use crate::ui::model::{Env, FilesPlace, Route, UiAction};
use egui::{RichText, Ui};
use std::path::PathBuf;

mod narrow;
use narrow::Narrow;

/// A file waiting to be filed: where, as what, and (once refused as a repeat) where it is
/// filed already.
#[derive(Debug, Clone, PartialEq)]
pub struct PendingFile {
    /// The file as dropped or chosen.
    pub path: PathBuf,
    /// Where it goes.
    pub with: FiledWith,
    /// What it is, as proposed and then edited.
    pub draft: DocumentDraft,
    /// The date as typed.
    pub date_text: String,
    /// File it even though the same file is filed elsewhere.
    pub link: bool,
    /// The documents it is filed as already (set when the app refused it once).
    pub already: Vec<String>,
}

impl PendingFile {
    /// A file arriving at `place`, its kind, title, date and number proposed.
    pub fn new(path: PathBuf, place: FilesPlace, stage: Option<JobStatus>) -> PendingFile {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let drop_place = match (place, stage) {
            (FilesPlace::Job(_), Some(stage)) => DropPlace::Job(stage),
            (FilesPlace::Job(_), None) => DropPlace::Job(JobStatus::Requested),
            (FilesPlace::Client(_), _) => DropPlace::Client,
            (FilesPlace::Reference, _) => DropPlace::Reference,
            (FilesPlace::Brand(_), _) => DropPlace::Brand,
            (FilesPlace::Meeting(_), _) => DropPlace::Meeting,
        };
        let p = propose(&name, drop_place);
        let mut draft = DocumentDraft::new(p.kind, p.title);
        draft.dated = p.dated;
        if p.signed {
            draft.status = crate::domain::document::DocumentStatus::Signed;
        }
        draft.number = p.number.unwrap_or_default();
        PendingFile {
            path,
            with: place.filed_with(),
            date_text: p.dated.map(|d| d.to_string()).unwrap_or_default(),
            draft,
            link: false,
            already: Vec::new(),
        }
    }

    /// The draft with the typed date read (`None`: the date is not a date).
    fn ready(&self) -> Option<PendingFile> {
        let mut out = self.clone();
        out.draft.dated = match self.date_text.trim() {
            "" => None,
            t => Some(format::parse_date(t)?),
        };
        Some(out)
    }
}

/// The documents of one place, read once per data generation.
#[derive(Debug)]
struct Listed {
    place: FilesPlace,
    generation: u64,
    /// Shared with each frame that draws them: read once per data generation, never copied.
    docs: Result<std::sync::Arc<Vec<Document>>, String>,
}

/// The files page's state.
#[derive(Debug, Default)]
pub(crate) struct FilesPage {
    listed: Option<Listed>,
    pending: Vec<PendingFile>,
    show_trash: bool,
    filter: String,
    /// Narrowing by kind, year, brand and job (the last two on a client's page).
    narrow: Narrow,
}

impl FilesPage {
    /// Files dropped or chosen with the open dialog, or refused once as repeats. A file
    /// waiting already keeps what the person typed; a refused repeat comes back with the
    /// documents it is filed as.
    pub fn chosen(&mut self, files: Vec<PendingFile>) {
        for f in files {
            match self.pending.iter_mut().find(|p| p.path == f.path) {
                Some(slot) if !f.already.is_empty() => *slot = f,
                Some(_) => {}
                None => self.pending.push(f),
            }
        }
    }

    /// Forgets pending files that were filed.
    pub fn filed(&mut self, path: &std::path::Path) {
        self.pending.retain(|p| p.path != path);
    }

    /// Whether files wait to be confirmed on `place`.
    pub fn is_dirty(&self, place: FilesPlace) -> bool {
        self.pending.iter().any(|p| p.with == place.filed_with())
    }

    /// Drops the files waiting on the page.
    pub fn discard(&mut self) {
        self.pending.clear();
    }

    /// Files every pending file of `place` whose date reads (Ctrl+S).
    pub fn save(&mut self, place: FilesPlace, actions: &mut Vec<UiAction>) {
        let ready: Vec<PendingFile> = self
            .pending
            .iter()
            .filter(|p| p.with == place.filed_with())
            .filter_map(PendingFile::ready)
            .collect();
        if !ready.is_empty() {
            actions.push(UiAction::FileDocuments(ready));
        }
    }

    fn refresh(&mut self, env: &Env, place: FilesPlace) {
        let fresh = self
            .listed
            .as_ref()
            .is_some_and(|l| l.place == place && l.generation == env.data.generation);
        if fresh {
            return;
        }
        if self.listed.as_ref().is_some_and(|l| l.place != place) {
            // Another client's brand or job would hide every document of this place.
            self.narrow = Narrow::default();
        }
        let docs = match place {
            FilesPlace::Job(j) => env.store.job_documents(j),
            FilesPlace::Client(c) => env.store.client_documents(c),
            FilesPlace::Reference => env.store.client_documents(crate::domain::ClientId(0)),
            FilesPlace::Brand(b) => env.store.brand_documents(b),
            FilesPlace::Meeting(m) => env.store.meeting_documents(m),
        }
        .map(std::sync::Arc::new)
        .map_err(|e| e.message(env.lang));
        self.listed = Some(Listed {
            place,
            generation: env.data.generation,
            docs,
        });
    }

    /// Draws the page.
    pub fn ui(&mut self, ui: &mut Ui, env: &Env, place: FilesPlace, actions: &mut Vec<UiAction>) {
        self.refresh(env, place);
        let job = match place {
            FilesPlace::Job(j) => env.data.job(j),
            _ => None,
        };
        let title = match place {
            FilesPlace::Job(_) => match job {
                Some(j) => format!("{} · {}", j.number.text, j.title),
                None => env.tr("找不到这个工作", "Job not found").to_string(),
            },
            FilesPlace::Client(c) => env.data.client_name(c).to_string(),
            FilesPlace::Reference => env.tr("相关资料", "Reference files").to_string(),
            FilesPlace::Brand(b) => match env.data.brand(b) {
                Some(b) => format!("{} · {}", env.data.client_name(b.client_id), b.name),
                None => env.tr("找不到这个品牌", "Brand not found").to_string(),
            },
            FilesPlace::Meeting(m) => match env.data.meeting(m) {
                Some(m) => format!("{} · {}", env.data.client_name(m.client_id), m.title),
                None => env.tr("会议文件", "Meeting papers").to_string(),
            },
        };
        ui.horizontal(|ui| {
            ui.heading(format!("{} · {title}", env.tr("文件档案", "Files")));
            let back = match place {
                FilesPlace::Job(j) => Some((env.tr("返回工作", "Back to the job"), Route::Job(j))),
                FilesPlace::Brand(b) => {
                    Some((env.tr("返回品牌", "Back to the brand"), Route::Brand(b)))
                }
                FilesPlace::Meeting(m) => Some((
                    env.tr("返回会议", "Back to the meeting"),
                    Route::Meeting(m, crate::ui::model::MeetingTab::Details),
                )),
                FilesPlace::Client(_) | FilesPlace::Reference => None,
            };
            if let Some((label, route)) = back
                && ui.button(label).clicked()
            {
                actions.push(UiAction::Navigate(route));
            }
        });
        widgets::archived_notice(ui, env, job.map(|j| j.id));
        self.take_drops(ui, place, job.map(|j| j.status));
        ui.horizontal(|ui| {
            if ui.button(env.tr("添加文件…", "Add files…")).clicked() {
                actions.push(UiAction::PickDocuments(place));
            }
            ui.weak(env.tr(
                "也可以把文件直接拖进窗口。",
                "Or drop files onto the window.",
            ));
            if matches!(place, FilesPlace::Job(_) | FilesPlace::Client(_))
                && ui
                    .button(env.tr("导出为 zip…", "Export as zip…"))
                    .on_hover_text(env.tr(
                        "每个文件的最新版本，按 客户/品牌/工作号/类别 分文件夹，附目录.csv，不用本软件也能打开",
                        "Each document's newest file in folders client/brand/job/kind, with a list \
                         (目录.csv), readable without the app",
                    ))
                    .clicked()
            {
                actions.push(UiAction::ExportArchive(place));
            }
        });
        self.pending_ui(ui, env, place, actions);
        let docs = match self.listed.as_ref().map(|l| &l.docs) {
            Some(Ok(docs)) => std::sync::Arc::clone(docs),
            Some(Err(e)) => {
                ui.colored_label(ui.visuals().error_fg_color, e);
                return;
            }
            None => std::sync::Arc::default(),
        };
        if let Some(j) = job {
            gaps_ui(ui, env, j.status, &docs);
        }
        if let FilesPlace::Client(c) = place {
            client_gaps_ui(ui, env, c, &docs, actions);
        }
        ui.separator();
        ui.horizontal(|ui| {
            let l = ui.label(env.tr("筛选", "Filter"));
            ui.text_edit_singleline(&mut self.filter).labelled_by(l.id);
            let trashed = docs.iter().filter(|d| d.trashed.is_some()).count();
            ui.checkbox(
                &mut self.show_trash,
                format!("{} ({trashed})", env.tr("显示回收站", "Show the trash")),
            );
        });
        ui.horizontal(|ui| self.narrow.ui(ui, env, place, &docs));
        let filter = self.filter.trim().to_lowercase();
        let shown: Vec<&Document> = docs
            .iter()
            .rev()
            .filter(|d| d.trashed.is_some() == self.show_trash)
            .filter(|d| self.narrow.lets(d))
            .filter(|d| {
                filter.is_empty()
                    || d.title.to_lowercase().contains(&filter)
                    || d.number.to_lowercase().contains(&filter)
                    || d.counterparty.to_lowercase().contains(&filter)
                    || d.topic.to_lowercase().contains(&filter)
                    || d.tags.iter().any(|t| t.to_lowercase().contains(&filter))
            })
            .collect();
        if shown.is_empty() {
            ui.weak(env.tr("没有文件。", "No documents."));
            return;
        }
        // Which job a client's document is filed with; which topic reference material is
        // kept under. A job's page needs neither.
        let where_head = match place {
            FilesPlace::Job(_) | FilesPlace::Meeting(_) => None,
            FilesPlace::Client(_) | FilesPlace::Brand(_) => Some(env.tr("工作", "Job")),
            FilesPlace::Reference => Some(env.tr("主题", "Topic")),
        };
        let where_of = |d: &Document| match place {
            FilesPlace::Job(_) | FilesPlace::Meeting(_) => String::new(),
            FilesPlace::Client(_) | FilesPlace::Brand(_) => d
                .job_id
                .and_then(|j| env.data.job(j))
                .map_or_else(|| "—".to_string(), |j| j.number.text.clone()),
            FilesPlace::Reference => d.topic.clone(),
        };
        egui::ScrollArea::vertical()
            .id_salt("files_list")
            .auto_shrink([false, false])
            .show(ui, |ui| {
                egui::Grid::new("files_grid")
                    .striped(true)
                    .num_columns(8)
                    .spacing([12.0, 6.0])
                    .show(ui, |ui| {
                        if let Some(h) = where_head {
                            ui.strong(h);
                        }
                        for h in [
                            env.tr("类别", "Kind"),
                            env.tr("标题", "Title"),
                            env.tr("日期", "Date"),
                            env.tr("编号", "Number"),
                            env.tr("状态", "Status"),
                            env.tr("版本", "Versions"),
                            "",
                        ] {
                            ui.strong(h);
                        }
                        ui.end_row();
                        for d in shown {
                            if where_head.is_some() {
                                ui.label(where_of(d));
                            }
                            row_ui(ui, env, d, actions);
                        }
                    });
            });
    }

    /// Files dropped onto the window while the page is open wait here to be confirmed.
    fn take_drops(&mut self, ui: &Ui, place: FilesPlace, stage: Option<JobStatus>) {
        let files = dropped_paths(ui)
            .into_iter()
            .map(|p| PendingFile::new(p, place, stage))
            .collect();
        self.chosen(files);
    }

    fn pending_ui(
        &mut self,
        ui: &mut Ui,
        env: &Env,
        place: FilesPlace,
        actions: &mut Vec<UiAction>,
    ) {
        let with = place.filed_with();
        if !self.pending.iter().any(|p| p.with == with) {
            return;
        }
        ui.add_space(4.0);
        ui.strong(env.tr(
            "待归档：请确认类别、标题和日期",
            "To file: confirm kind, title and date",
        ));
        let mut file = Vec::new();
        let mut drop_at = None;
        for (i, p) in self.pending.iter_mut().enumerate() {
            if p.with != with {
                continue;
            }
            ui.push_id(("pending", i), |ui| {
                ui.horizontal(|ui| {
                    let name = p
                        .path
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default();
                    ui.label(RichText::new(name).monospace());
                    let l = ui.label(env.tr("类别", "Kind"));
                    kind_combo(ui, env, ("pending_kind", i), &mut p.draft.kind, l.id);
                    let l = ui.label(env.tr("标题", "Title"));
                    ui.add(egui::TextEdit::singleline(&mut p.draft.title).desired_width(220.0))
                        .labelled_by(l.id);
                    let l = ui.label(env.tr("日期", "Date"));
                    let date = ui
                        .add(
                            egui::TextEdit::singleline(&mut p.date_text)
                                .desired_width(100.0)
                                .hint_text("2026-11-26"),
                        )
                        .labelled_by(l.id);
                    let bad_date = !p.date_text.trim().is_empty()
                        && format::parse_date(&p.date_text).is_none();
                    if bad_date {
                        ui.colored_label(
                            ui.visuals().warn_fg_color,
                            env.tr("不是有效日期", "Not a valid date"),
                        );
                    }
                    let enter = date.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                    if !p.already.is_empty() {
                        ui.colored_label(
                            ui.visuals().warn_fg_color,
                            format!(
                                "{}{}",
                                env.tr("同一文件已归档为：", "Already filed as: "),
                                p.already.join("、")
                            ),
                        );
                        ui.checkbox(&mut p.link, env.tr("仍在此归档", "File it here too"));
                    }
                    let blocked = bad_date || (!p.already.is_empty() && !p.link);
                    if ui
                        .add_enabled(!blocked, egui::Button::new(env.tr("归档", "File")))
                        .clicked()
                        || (enter && !blocked)
                    {
                        file.extend(p.ready());
                    }
                    if ui.button(env.tr("放弃", "Discard")).clicked() {
                        drop_at = Some(i);
                    }
                });
            });
        }
        if let Some(i) = drop_at {
            self.pending.remove(i);
        }
        if ui.button(env.tr("全部归档", "File all")).clicked() {
            file = self
                .pending
                .iter()
                .filter(|p| p.with == with && (p.already.is_empty() || p.link))
                .filter_map(PendingFile::ready)
                .collect();
        }
        if !file.is_empty() {
            actions.push(UiAction::FileDocuments(file));
        }
    }
}

/// The paths of the files dropped onto the window in this frame.
pub(super) fn dropped_paths(ui: &Ui) -> Vec<PathBuf> {
    ui.ctx().input(|i| {
        i.raw
            .dropped_files
            .iter()
            .map(|f| f.path().to_path_buf())
            .filter(|p| !p.as_os_str().is_empty())
            .collect()
    })
}

/// A combo box of the document kinds, named by the label `label` for screen readers.
pub(super) fn kind_combo(
    ui: &mut Ui,
    env: &Env,
    id: impl std::hash::Hash + std::fmt::Debug,
    kind: &mut DocumentKind,
    label: egui::Id,
) {
    let name = |k: DocumentKind| env.tr(k.names().0, k.names().1).to_string();
    let r = egui::ComboBox::from_id_salt(id)
        .selected_text(name(*kind))
        .width(150.0)
        // Every kind in view at once: eighteen short names, no scrolling.
        .height(600.0)
        .show_ui(ui, |ui| {
            for k in DocumentKind::ALL {
                ui.selectable_value(kind, k, name(k));
            }
        })
        .response;
    let _ = r.labelled_by(label);
}

fn row_ui(ui: &mut Ui, env: &Env, d: &Document, actions: &mut Vec<UiAction>) {
    ui.label(env.tr(d.kind.names().0, d.kind.names().1));
    if ui.link(&d.title).clicked() {
        actions.push(UiAction::Navigate(Route::Document(d.id)));
    }
    ui.label(widgets::date_cell(env, d.dated));
    ui.label(&d.number);
    let (zh, en) = d.status().names();
    ui.label(env.tr(zh, en));
    ui.label(d.versions.len().to_string());
    ui.push_id(("open", d.id.0), |ui| {
        if let Some(v) = d.current()
            && ui
                .small_button(env.tr("打开", "Open"))
                .on_hover_text(env.tr("打开只读副本", "Opens a read-only copy"))
                .clicked()
        {
            actions.push(UiAction::OpenStoredFile(v.file.clone()));
        }
    });
    ui.end_row();
}

/// What the job's file lacks for its stage.
fn gaps_ui(ui: &mut Ui, env: &Env, stage: JobStatus, docs: &[Document]) {
    let filed: Vec<Filed> = docs
        .iter()
        .filter(|d| d.trashed.is_none())
        .map(Document::filed)
        .collect();
    let gaps = document::gaps(stage, &filed);
    if gaps.is_empty() {
        ui.weak(env.tr(
            "这个阶段应有的文件都已归档。",
            "Every document expected at this stage is filed.",
        ));
        return;
    }
    let zh = env.lang == crate::domain::Lang::Zh;
    for g in gaps {
        ui.colored_label(ui.visuals().warn_fg_color, format!("⚠ {}", g.describe(zh)));
    }
}

/// The gaps of every job of the client (archived ones too: the history archive keeps
/// their completion forms), one line per job, each leading to its file.
fn client_gaps_ui(
    ui: &mut Ui,
    env: &Env,
    client: crate::domain::ClientId,
    docs: &[Document],
    actions: &mut Vec<UiAction>,
) {
    let zh = env.lang == crate::domain::Lang::Zh;
    let mut any = false;
    egui::CollapsingHeader::new(env.tr("各工作缺少的文件", "What each job's file lacks"))
        .default_open(true)
        .show(ui, |ui| {
            for j in env.data.jobs.iter().filter(|j| j.client_id == client) {
                let filed: Vec<Filed> = docs
                    .iter()
                    .filter(|d| d.job_id == Some(j.id) && d.trashed.is_none())
                    .map(Document::filed)
                    .collect();
                let gaps = document::gaps(j.status, &filed);
                if gaps.is_empty() {
                    continue;
                }
                any = true;
                ui.horizontal_wrapped(|ui| {
                    if ui.link(format!("{} {}", j.number.text, j.title)).clicked() {
                        actions.push(UiAction::Navigate(Route::Files(FilesPlace::Job(j.id))));
                    }
                    let list: Vec<String> = gaps.iter().map(|g| g.describe(zh)).collect();
                    ui.colored_label(ui.visuals().warn_fg_color, list.join("；"));
                });
            }
            if !any {
                ui.weak(env.tr("每个工作的文件都齐全。", "Every job's file is complete."));
            }
        });
}
