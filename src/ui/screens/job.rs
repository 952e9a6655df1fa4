//! The job page: the job's facts and status, its team and dates, and the job brief (工作简要)
//! with its version history.

mod gate;
mod status;

use super::jobs;
use super::widgets::{self, Form};
use crate::domain::{BriefContent, BriefField, BriefVersion, Job, JobId, format};
use crate::services::{Base, BriefDraft, Command, JobDraft};
use crate::ui::model::{ClientTab, Env, Route, UiAction};
use egui::{RichText, Ui};

/// The brief versions of one job, read from the store once per data generation.
#[derive(Debug)]
struct History {
    job: JobId,
    generation: u64,
    versions: Result<Vec<BriefVersion>, String>,
}

/// The job page's drafts and what it shows.
#[derive(Debug, Default)]
pub(crate) struct JobPage {
    fields: Form<JobId, JobDraft>,
    editing_fields: bool,
    brief: Form<JobId, BriefDraft>,
    history: Option<History>,
    /// The old brief version being looked at, read-only.
    viewing: Option<(JobId, u32)>,
    gate: gate::GateSection,
    /// A status step being asked for: a cancel's or reopen's reason, or the completion
    /// form, as typed so far.
    asking: Option<status::Asking>,
    /// Whether the job's file holds its completion form, as read at a data generation.
    has_form: Option<(JobId, u64, bool)>,
}

impl JobPage {
    /// Draws the job page.
    pub fn ui(&mut self, ui: &mut Ui, env: &Env, id: JobId, actions: &mut Vec<UiAction>) {
        let Some(job) = env.data.job(id) else {
            ui.heading(env.tr("找不到这个工作", "Job not found"));
            return;
        };
        self.fields.sync_stored(
            id,
            env.data.generation,
            || {
                widgets::loaded(env.store.shown::<Job>(id.0), JobDraft::from_job, || {
                    JobDraft::from_job(job)
                })
            },
            || env.store.revision::<Job>(id.0),
        );
        self.refresh_history(env, id);
        // A brief is saved from the revision of its latest version (versions never change,
        // so reading it beside the history is consistent).
        let latest = self.latest();
        let latest_rev = || match &latest {
            Some(v) => env.store.brief_revision(id, v.version),
            None => Ok(None),
        };
        self.brief.sync_stored(
            id,
            env.data.generation,
            || {
                let draft = latest.as_ref().map_or_else(BriefDraft::default, |v| {
                    BriefDraft::from_content(&v.content)
                });
                let rev = latest_rev().unwrap_or_else(|e| {
                    log::warn!("reading the brief's revision: {e}");
                    None
                });
                (draft, rev)
            },
            latest_rev,
        );

        ui.horizontal(|ui| {
            ui.heading(format!("{} · {}", job.number.text, job.title));
            let dirty = self.fields.is_dirty() || self.brief.is_dirty();
            widgets::unsaved_marker(ui, env, dirty);
            if ui.button(env.tr("工作进度表", "Schedule")).clicked() {
                actions.push(UiAction::Navigate(Route::Schedule(id)));
            }
            if ui.button(env.tr("报价单", "Estimates")).clicked() {
                actions.push(UiAction::Navigate(Route::Estimates(id)));
            }
            if ui.button(env.tr("文件档案", "Files")).clicked() {
                actions.push(UiAction::Navigate(Route::Files(
                    crate::ui::model::FilesPlace::Job(id),
                )));
            }
        });
        // The history stays in view beside the brief, however long the brief gets; it never
        // takes more than 40% of the room, so that the facts row (status and its buttons)
        // still fits beside it in a 900-point window instead of running under it.
        let room = ui.available_width();
        egui::Panel::right("brief_history")
            .resizable(true)
            .default_size(320.0)
            .min_size(220.0)
            .max_size((room * 0.4).max(220.0))
            .show(ui, |ui| {
                egui::ScrollArea::vertical()
                    .id_salt(("job_history", id.0))
                    .auto_shrink([false, false])
                    .show(ui, |ui| self.history_ui(ui, env, id));
            });
        egui::ScrollArea::vertical()
            .id_salt(("job", id.0))
            .auto_shrink([false, false])
            .show(ui, |ui| {
                // A status step rewrites the job: not under unsaved edits of its details,
                // which the step would leave behind a newer revision.
                let step_base = (!self.fields.is_dirty_for(job.id)).then(|| self.fields.base());
                let has_form = self.has_form(env, job.id);
                facts_ui(ui, env, job, step_base, has_form, &mut self.asking, actions);
                ui.add_space(6.0);
                self.gate.ui(ui, env, job, actions);
                // An archived job is in the history archive: read here, changed once reopened.
                let archived = job.status == crate::domain::JobStatus::Archived;
                if archived {
                    ui.weak(env.tr(
                        "已归档：工作信息与简要只读。如需修改，请先“重新打开…”。",
                        "Archived: the job's details and brief are read-only. Reopen it to change them.",
                    ));
                }
                ui.add_enabled_ui(!archived, |ui| {
                    self.fields_ui(ui, env, job, actions);
                    ui.separator();
                    self.brief_ui(ui, env, job, actions);
                });
            });
    }

    /// The newest brief version of the job on screen (history is kept newest first).
    fn latest(&self) -> Option<BriefVersion> {
        self.history
            .as_ref()
            .and_then(|h| h.versions.as_ref().ok())
            .and_then(|v| v.first())
            .cloned()
    }

    fn refresh_history(&mut self, env: &Env, id: JobId) {
        let fresh = self
            .history
            .as_ref()
            .is_some_and(|h| h.job == id && h.generation == env.data.generation);
        if !fresh {
            let versions = env
                .store
                .brief_versions(id)
                .map(|mut v| {
                    v.sort_by_key(|v| std::cmp::Reverse(v.version));
                    v
                })
                .map_err(|e| e.message(env.lang));
            self.history = Some(History {
                job: id,
                generation: env.data.generation,
                versions,
            });
        }
    }

    fn fields_ui(&mut self, ui: &mut Ui, env: &Env, job: &Job, actions: &mut Vec<UiAction>) {
        let text = if self.editing_fields {
            env.tr("收起工作信息", "Hide job details")
        } else {
            env.tr("编辑工作信息", "Edit job details")
        };
        if ui.button(text).clicked() {
            self.editing_fields = !self.editing_fields;
        }
        if !(self.editing_fields || self.fields.is_dirty()) {
            return;
        }
        widgets::stale_ui(ui, env, &mut self.fields);
        jobs::job_fields_ui(ui, env, "job_fields", &mut self.fields.draft);
        ui.horizontal(|ui| {
            let dirty = self.fields.is_dirty();
            if widgets::save_button(ui, env, env.tr("保存工作信息", "Save job details"), dirty)
            {
                actions.push(UiAction::Command(Command::UpdateJob(
                    job.id,
                    self.fields.draft.clone(),
                    self.fields.base(),
                )));
            }
            if dirty && ui.button(env.tr("放弃修改", "Discard changes")).clicked() {
                self.fields.discard();
            }
        });
        widgets::audit_ui(ui, env, &job.audit);
    }

    fn brief_ui(&mut self, ui: &mut Ui, env: &Env, job: &Job, actions: &mut Vec<UiAction>) {
        ui.horizontal(|ui| {
            ui.heading(env.tr("工作简要", "Job brief"));
            widgets::unsaved_marker(ui, env, self.brief.is_dirty());
            let viewing_old = self.viewed_version(job.id).is_some();
            let can_save = self.brief.is_dirty() && !viewing_old;
            if widgets::save_button(ui, env, env.tr("保存", "Save"), can_save) {
                actions.push(UiAction::Command(Command::SaveBrief(
                    job.id,
                    self.brief.draft.clone(),
                    self.brief.base(),
                )));
            }
            if ui.button(env.tr("导出 PDF", "Export PDF")).clicked() {
                actions.push(UiAction::ExportBrief(job.id));
            }
            if ui.button(env.tr("打印", "Print")).clicked() {
                actions.push(UiAction::PrintBrief(job.id));
            }
        });
        widgets::stale_ui(ui, env, &mut self.brief);
        if let Some(v) = self.viewed_version(job.id) {
            let v = v.clone();
            ui.horizontal(|ui| {
                ui.strong(format!(
                    "v{} {}",
                    v.version,
                    env.tr("（只读）", "(read-only)")
                ));
                if ui.button(env.tr("返回编辑", "Back to editing")).clicked() {
                    self.viewing = None;
                }
            });
            content_ui(ui, env, &v.content);
            return;
        }
        match self.latest() {
            Some(v) => ui.weak(format!(
                "{} v{} · {} · {}",
                env.tr("当前版本", "Current version"),
                v.version,
                env.data.user_name(Some(v.stamp.by)),
                format::moment(v.stamp.at, &chrono::Local, env.lang)
            )),
            None => ui.weak(env.tr("还没有保存过简要。", "No brief saved yet.")),
        };
        let d = &mut self.brief.draft;
        for field in BriefField::TEXT {
            if let Some(text) = d.content.text_mut(field) {
                widgets::wide_multiline(ui, field.label(env.lang), text);
            }
        }
        widgets::form_grid("brief_budget").show(ui, |ui| {
            widgets::money_row(ui, env, BriefField::Budget.label(env.lang), &mut d.budget)
                .on_hover_text(env.tr("例如 ¥500,000，可留空", "e.g. ¥500,000, may be empty"));
        });
    }

    fn viewed_version(&self, id: JobId) -> Option<&BriefVersion> {
        let (job, version) = self.viewing?;
        if job != id {
            return None;
        }
        let h = self.history.as_ref()?;
        h.versions
            .as_ref()
            .ok()?
            .iter()
            .find(|v| v.version == version)
    }

    fn history_ui(&mut self, ui: &mut Ui, env: &Env, id: JobId) {
        ui.heading(env.tr("版本历史", "History"));
        let Some(h) = &self.history else {
            return;
        };
        let versions = match &h.versions {
            Ok(v) => v,
            Err(e) => {
                ui.colored_label(
                    ui.visuals().error_fg_color,
                    format!(
                        "{} {e}",
                        env.tr("无法读取版本历史：", "Cannot read the history:")
                    ),
                );
                return;
            }
        };
        if versions.is_empty() {
            ui.weak(env.tr("还没有版本。", "No versions yet."));
        }
        let mut clicked = None;
        for v in versions {
            let changed: Vec<&str> = v.changed.iter().map(|f| f.label(env.lang)).collect();
            let text = format!(
                "v{} · {} · {} · {}{}",
                v.version,
                env.data.user_name(Some(v.stamp.by)),
                format::moment(v.stamp.at, &chrono::Local, env.lang),
                env.tr("改动：", "Changed: "),
                changed.join(env.tr("、", ", ")),
            );
            let selected = self.viewing == Some((id, v.version));
            if ui.selectable_label(selected, text).clicked() {
                clicked = Some(if selected {
                    None
                } else {
                    Some((id, v.version))
                });
            }
        }
        if let Some(c) = clicked {
            self.viewing = c;
        }
    }

    /// Unsaved edits of the job's fields or brief.
    pub fn is_dirty(&self, id: JobId) -> bool {
        self.fields.is_dirty_for(id) || self.brief.is_dirty_for(id)
    }

    /// Drops both drafts.
    pub fn discard(&mut self) {
        self.fields.discard();
        self.brief.discard();
    }

    /// Pushes the save commands of the dirty drafts.
    pub fn save(&mut self, id: JobId, actions: &mut Vec<UiAction>) {
        if self.fields.is_dirty_for(id) {
            let d = self.fields.draft.clone();
            actions.push(UiAction::Command(Command::UpdateJob(
                id,
                d,
                self.fields.base(),
            )));
        }
        if self.brief.is_dirty_for(id) {
            let d = self.brief.draft.clone();
            actions.push(UiAction::Command(Command::SaveBrief(
                id,
                d,
                self.brief.base(),
            )));
        }
    }

    /// Whether the job's file holds its completion form (read once per data generation).
    fn has_form(&mut self, env: &Env, id: JobId) -> bool {
        if let Some((job, generation, has)) = self.has_form
            && job == id
            && generation == env.data.generation
        {
            return has;
        }
        let has = env.store.job_documents(id).is_ok_and(|docs| {
            docs.iter().any(|d| {
                d.trashed.is_none()
                    && d.kind == crate::domain::document::DocumentKind::JobCompletion
            })
        });
        self.has_form = Some((id, env.data.generation, has));
        has
    }

    /// The job's fields were saved.
    pub fn on_job_saved(&mut self, id: JobId) {
        if self.fields.key() == Some(id) {
            self.fields.saved();
            self.editing_fields = false;
        }
    }

    /// The job's brief was saved.
    pub fn on_brief_saved(&mut self, id: JobId) {
        if self.brief.key() == Some(id) {
            self.brief.saved();
        }
    }
}

/// Client, brand, status with its next steps, team and dates.
/// A status step is saved from `base`, the revision of the job the page loaded (`None`: the
/// job's details have unsaved edits, and the steps wait until they are saved or discarded).
fn facts_ui(
    ui: &mut Ui,
    env: &Env,
    job: &Job,
    base: Option<Base>,
    has_form: bool,
    asking: &mut Option<status::Asking>,
    actions: &mut Vec<UiAction>,
) {
    let d = env.data;
    egui::Grid::new("job_facts")
        .num_columns(2)
        .spacing([12.0, 6.0])
        .show(ui, |ui| {
            ui.weak(env.tr("所属客户", "Client"));
            if ui.link(d.client_name(job.client_id)).clicked() {
                let route = Route::Client(job.client_id, ClientTab::Jobs);
                actions.push(UiAction::Navigate(route));
            }
            ui.end_row();
            ui.weak(env.tr("品牌", "Brand"));
            match job.brand_id.and_then(|b| d.brand(b)) {
                Some(b) => {
                    if ui.link(&b.name).clicked() {
                        actions.push(UiAction::Navigate(Route::Brand(b.id)));
                    }
                }
                None => {
                    ui.label("—");
                }
            }
            ui.end_row();
            ui.weak(env.tr("状态", "Status"));
            ui.horizontal(|ui| {
                ui.label(RichText::new(format::job_status(job.status, env.lang)).strong());
                status::buttons(ui, env, job, base, has_form, asking, actions);
            });
            ui.end_row();
            ui.weak(env.tr("团队", "Team"));
            ui.label(format!(
                "AE {} · AM {} · AD {}",
                d.user_name(job.team.ae),
                d.user_name(job.team.am),
                d.user_name(job.team.ad)
            ));
            ui.end_row();
            ui.weak(env.tr("日期", "Dates"));
            ui.label(format!(
                "{} {} · {} {}",
                env.tr("申请", "Requested"),
                format::date(job.requested_on, env.lang),
                env.tr("截止", "Due"),
                widgets::date_cell(env, job.due_on)
            ));
            ui.end_row();
        });
    status::asking_ui(ui, env, job, base, asking, actions);
}

/// A saved brief version, read-only.
fn content_ui(ui: &mut Ui, env: &Env, content: &BriefContent) {
    for field in BriefField::TEXT {
        ui.strong(field.label(env.lang));
        let text = content.text(field).unwrap_or_default();
        if text.is_empty() {
            ui.weak("—");
        } else {
            ui.label(text);
        }
        ui.add_space(4.0);
    }
    ui.strong(BriefField::Budget.label(env.lang));
    ui.label(
        content
            .budget
            .map_or_else(|| "—".to_string(), |f| f.to_string()),
    );
}
