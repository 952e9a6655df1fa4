//! A job's estimates (报价单): the list on the left; on the right the one open, with its
//! versions, where it stands on the road (submitted, approved by the AM and the director's
//! office, sent, signed) with who did what and the hash each step bound to, the decisions
//! the current person may take, and the line editor with running totals and the check that
//! lists every problem before submission.

mod billing;
mod cells;
mod editor;
mod import;
mod road;
mod summary;
mod terms;

use crate::domain::estimate::check::MoneySettings;
use crate::domain::estimate::{EstimateKind, EstimateStatus, EstimateVersion};
use crate::domain::{EstimateId, Job, JobId, Lang};
use crate::services::{Command, EstimateShown};
use crate::ui::model::{Env, Route, UiAction};
use cells::VersionCells;
use editor::{EditTarget, LineEditor};
use egui::Ui;

/// What the page read for one job, once per data generation.
#[derive(Debug)]
struct EstimatesLoaded {
    job: JobId,
    generation: u64,
    estimates: Result<Vec<EstimateShown>, String>,
    billing: Result<crate::services::invoices::JobBilling, String>,
    settings: MoneySettings,
}

/// The estimates page's state.
#[derive(Debug)]
pub(crate) struct EstimatesPage {
    loaded: Option<EstimatesLoaded>,
    /// The estimate open on the right (`None`: the first, or a new one being made).
    open: Option<(JobId, EditTarget)>,
    /// An older version looked at, read-only.
    viewing: Option<(EstimateId, u32)>,
    editor: LineEditor,
    road: road::RoadForms,
    billing: billing::BillingForms,
    new_kind: EstimateKind,
    /// A file being imported into the open estimate.
    import: Option<import::SheetImport>,
}

impl Default for EstimatesPage {
    fn default() -> Self {
        EstimatesPage {
            loaded: None,
            open: None,
            viewing: None,
            editor: LineEditor::default(),
            road: road::RoadForms::default(),
            billing: billing::BillingForms::default(),
            new_kind: EstimateKind::Production,
            import: None,
        }
    }
}

fn status_name(s: EstimateStatus, lang: Lang) -> &'static str {
    let (zh, en) = s.names();
    lang.pick(zh, en)
}

/// Why another estimate does not open yet.
fn unsaved_first(env: &Env) -> String {
    env.tr(
        "请先保存或放弃当前报价单的修改。",
        "Save or discard the changes to this estimate first.",
    )
    .to_string()
}

fn kind_name(k: EstimateKind, lang: Lang) -> &'static str {
    let (zh, en) = k.names();
    lang.pick(zh, en)
}

impl EstimatesPage {
    /// Opens `estimate` of `job` when the page is next drawn (from the approvals inbox).
    pub fn select(&mut self, job: JobId, estimate: EstimateId) {
        self.open = Some((job, EditTarget::Existing(estimate)));
        self.viewing = None;
    }

    /// The file a person chose to import into the open estimate: read, and shown with its
    /// column mapping. A sheet for another job than the one open (the page moved on
    /// meanwhile) is dropped.
    pub fn sheet_chosen(
        &mut self,
        job: JobId,
        path: std::path::PathBuf,
        bytes: Vec<u8>,
        lang: Lang,
    ) {
        if self.open.map(|(j, _)| j) != Some(job) {
            return;
        }
        let settings = self
            .loaded
            .as_ref()
            .map(|l| l.settings.clone())
            .unwrap_or_default();
        match import::SheetImport::new(path, bytes, &settings, lang) {
            Ok(i) => {
                self.import = Some(i);
                self.editor.message = None;
            }
            Err(message) => self.editor.message = Some(message),
        }
    }

    /// Unsaved edits on this job's estimate.
    pub fn is_dirty(&self, job: JobId) -> bool {
        self.editor.form.is_dirty() && self.editor.form.key().is_some_and(|k| k.0 == job)
    }

    /// Drops the edits.
    pub fn discard(&mut self) {
        self.editor.form.discard();
        if matches!(self.open, Some((_, EditTarget::New(_)))) {
            self.open = None;
        }
    }

    /// Pushes the save of the estimate being edited (Ctrl+S); with no edits, records the
    /// invoice, payment or cost form that is open.
    pub fn save(&mut self, job: JobId, env: &Env, actions: &mut Vec<UiAction>) {
        if !self.is_dirty(job) && !matches!(self.open, Some((_, EditTarget::New(_)))) {
            self.billing.save(actions);
            return;
        }
        let Some((_, target)) = self.editor.form.key() else {
            return;
        };
        match self.editor.form.draft.draft(env.lang) {
            Ok(draft) => {
                let command = match target {
                    EditTarget::New(kind) => Command::CreateEstimate(job, kind, Box::new(draft)),
                    EditTarget::Existing(id) => {
                        Command::SaveEstimate(id, Box::new(draft), self.editor.form.base())
                    }
                };
                actions.push(UiAction::Command(command));
            }
            Err(problems) => {
                let first = problems.first().map(|p| p.why.clone()).unwrap_or_default();
                self.editor.message = Some(match env.lang {
                    Lang::Zh => format!("有 {} 处内容需要改正后才能保存：{first}", problems.len()),
                    Lang::En => format!(
                        "{} cells need correcting before saving: {first}",
                        problems.len()
                    ),
                });
            }
        }
    }

    /// An estimate command succeeded: a new estimate opens (estimates are made only from
    /// this page, and no money change is undone, so a change while a new one is open is its
    /// creation), a saved one reloads.
    pub fn on_applied(&mut self, id: u64) {
        if let Some((job, EditTarget::New(_))) = self.open {
            self.open = Some((job, EditTarget::Existing(EstimateId(id))));
            self.editor.form.discard();
        } else if self
            .open
            .is_some_and(|(_, t)| t == EditTarget::Existing(EstimateId(id)))
        {
            self.editor.form.saved();
        }
        self.road.clear();
        self.billing.clear();
    }

    fn refresh(&mut self, env: &Env, job: JobId) {
        let fresh = self
            .loaded
            .as_ref()
            .is_some_and(|l| l.job == job && l.generation == env.data.generation);
        if !fresh {
            self.loaded = Some(EstimatesLoaded {
                job,
                generation: env.data.generation,
                estimates: env
                    .store
                    .job_estimates(job)
                    .map_err(|e| e.message(env.lang)),
                billing: env.store.job_billing(job).map_err(|e| e.message(env.lang)),
                settings: env.store.money_settings().unwrap_or_default(),
            });
        }
    }

    /// Draws the page.
    pub fn ui(&mut self, ui: &mut Ui, env: &Env, id: JobId, actions: &mut Vec<UiAction>) {
        let Some(job) = env.data.job(id) else {
            ui.heading(env.tr("找不到这个工作", "Job not found"));
            return;
        };
        self.refresh(env, id);
        let Some(loaded) = self.loaded.take() else {
            return;
        };
        ui.horizontal(|ui| {
            if ui.button(env.tr("← 工作", "← Job")).clicked() {
                actions.push(UiAction::Navigate(Route::Job(id)));
            }
            ui.heading(format!(
                "{} · {} · {}",
                job.number.text,
                job.title,
                env.tr("报价单", "Estimates")
            ));
            crate::ui::screens::widgets::unsaved_marker(ui, env, self.is_dirty(id));
        });
        crate::ui::screens::widgets::archived_notice(ui, env, Some(id));
        match &loaded.estimates {
            Err(message) => {
                ui.colored_label(ui.visuals().error_fg_color, message);
            }
            Ok(list) => self.body_ui(ui, env, job, list, &loaded, actions),
        }
        self.loaded = Some(loaded);
    }

    fn body_ui(
        &mut self,
        ui: &mut Ui,
        env: &Env,
        job: &Job,
        list: &[EstimateShown],
        loaded: &EstimatesLoaded,
        actions: &mut Vec<UiAction>,
    ) {
        // The open estimate: the one chosen, else the newest, else a new production estimate.
        let target = match self.open {
            Some((j, t)) if j == job.id => t,
            _ => list
                .last()
                .map_or(EditTarget::New(EstimateKind::Production), |e| {
                    EditTarget::Existing(e.estimate.id)
                }),
        };
        let target = match target {
            EditTarget::Existing(eid) if !list.iter().any(|e| e.estimate.id == eid) => {
                EditTarget::New(EstimateKind::Production)
            }
            t => t,
        };
        self.open = Some((job.id, target));
        egui::Panel::left("estimate_list")
            .resizable(true)
            .default_size(250.0)
            .show(ui, |ui| self.list_ui(ui, env, job, list, target, actions));
        let shown = match target {
            EditTarget::Existing(eid) => list.iter().find(|e| e.estimate.id == eid),
            EditTarget::New(_) => None,
        };
        egui::ScrollArea::vertical()
            .id_salt(("estimate", job.id.0))
            .auto_shrink([false, false])
            .show(ui, |ui| {
                self.estimate_ui(ui, env, job, target, shown, loaded, actions);
            });
    }

    fn list_ui(
        &mut self,
        ui: &mut Ui,
        env: &Env,
        job: &Job,
        list: &[EstimateShown],
        target: EditTarget,
        actions: &mut Vec<UiAction>,
    ) {
        let lang = env.lang;
        ui.strong(env.tr("本工作的报价单", "This job's estimates"));
        if list.is_empty() {
            ui.weak(env.tr("还没有报价单。", "No estimates yet."));
        }
        for e in list {
            let selected = target == EditTarget::Existing(e.estimate.id);
            let status = e.status(env.today);
            let total = e
                .newest()
                .and_then(|v| v.totals().ok())
                .map_or("—".to_string(), |t| t.gross.to_string());
            let letter = e.newest().map(EstimateVersion::letter).unwrap_or_default();
            let text = format!(
                "{} {letter} · {}\n{} · {total}",
                e.estimate.number,
                kind_name(e.estimate.kind, lang),
                status_name(status, lang)
            );
            let button = egui::Button::selectable(selected, text)
                .min_size(egui::vec2(ui.available_width(), 0.0));
            if ui.add(button).clicked() && !selected {
                if self.is_dirty(job.id) {
                    self.editor.message = Some(unsaved_first(env));
                } else {
                    self.select(job.id, e.estimate.id);
                    self.road.clear();
                    self.billing.clear();
                }
            }
        }
        ui.separator();
        let l = ui.label(env.tr("新建", "New"));
        let combo = egui::ComboBox::from_id_salt("new_estimate_kind")
            .selected_text(kind_name(self.new_kind, lang))
            .show_ui(ui, |ui| {
                for k in [
                    EstimateKind::Production,
                    EstimateKind::Media,
                    EstimateKind::ChangeOrder,
                ] {
                    ui.selectable_value(&mut self.new_kind, k, kind_name(k, lang));
                }
            });
        combo.response.labelled_by(l.id);
        if ui.button(env.tr("新建报价单", "New estimate")).clicked() {
            if self.is_dirty(job.id) {
                self.editor.message = Some(unsaved_first(env));
            } else {
                self.open = Some((job.id, EditTarget::New(self.new_kind)));
                self.editor.form.discard();
            }
        }
        let _ = actions;
    }

    #[allow(clippy::too_many_arguments)]
    fn estimate_ui(
        &mut self,
        ui: &mut Ui,
        env: &Env,
        job: &Job,
        target: EditTarget,
        shown: Option<&EstimateShown>,
        loaded: &EstimatesLoaded,
        actions: &mut Vec<UiAction>,
    ) {
        let settings = &loaded.settings;
        let lang = env.lang;
        let status = shown.map_or(EstimateStatus::Draft, |e| e.status(env.today));
        let viewing = self.viewing.filter(|(eid, n)| {
            Some(*eid) == shown.map(|e| e.estimate.id)
                && Some(*n) != shown.map(|e| e.estimate.versions)
        });
        // The editor is always open on the newest version (or the new estimate).
        let key = (job.id, target);
        let newest = shown.and_then(EstimateShown::newest).cloned();
        let rev = shown.and_then(|e| e.newest_rev);
        let title = job.title.clone();
        self.editor.open(
            key,
            env.data.generation,
            || match &newest {
                Some(v) => (VersionCells::of(v), rev),
                None => (
                    VersionCells {
                        title,
                        ..VersionCells::default()
                    },
                    None,
                ),
            },
            || match shown {
                Some(e) => env.store.job_estimates(job.id).map(|l| {
                    l.into_iter()
                        .find(|x| x.estimate.id == e.estimate.id)
                        .and_then(|x| x.newest_rev)
                }),
                None => Ok(None),
            },
        );
        if let Some(e) = shown {
            road::header_ui(ui, env, e, status, &mut self.viewing);
            road::history_ui(ui, env, e);
            if viewing.is_none() {
                self.road.decisions_ui(ui, env, e, status, actions);
                match &loaded.billing {
                    Ok(billing) => self.billing.ui(ui, env, e, status, billing, actions),
                    Err(message) => {
                        ui.colored_label(ui.visuals().error_fg_color, message);
                    }
                }
            }
        } else {
            ui.heading(match lang {
                Lang::Zh => format!(
                    "新{}（草稿）",
                    kind_name(
                        match target {
                            EditTarget::New(k) => k,
                            EditTarget::Existing(_) => EstimateKind::Production,
                        },
                        lang
                    )
                ),
                Lang::En => format!(
                    "New {} (draft)",
                    kind_name(
                        match target {
                            EditTarget::New(k) => k,
                            EditTarget::Existing(_) => EstimateKind::Production,
                        },
                        lang
                    )
                    .to_lowercase()
                ),
            });
        }
        ui.separator();
        if let Some((eid, n)) = viewing
            && let Some(v) = shown.and_then(|e| e.versions.iter().find(|v| v.number == n))
        {
            let _ = eid;
            if summary::old_version_ui(ui, env, v) {
                self.viewing = None;
            }
            return;
        }
        let frozen = matches!(status, EstimateStatus::Signed | EstimateStatus::Voided);
        let editable = !frozen;
        if frozen {
            ui.weak(env.tr(
                "已签署或作废的报价单不再修改；追加内容请新建变更单。",
                "A signed or voided estimate is not revised; make a change order for more work.",
            ));
        } else if shown.is_some_and(|e| e.estimate.newest_events().next().is_some()) {
            let next = shown.map_or(1, |e| e.estimate.versions + 1);
            ui.weak(match lang {
                Lang::Zh => format!(
                    "修改后保存将生成新版本 {}，本版本的审批随之作废，需重新提交。",
                    crate::domain::estimate::version_letter(next)
                ),
                Lang::En => format!(
                    "Saving changes makes version {}: this version's approvals lapse and it is submitted again.",
                    crate::domain::estimate::version_letter(next)
                ),
            });
        }
        crate::ui::screens::widgets::stale_ui(ui, env, &mut self.editor.form);
        self.toolbar_ui(ui, env, job.id, shown.is_none(), editable, actions);
        if editable && let Some(panel) = &mut self.import {
            match panel.ui(ui, env) {
                Some(import::ImportChoice::Import(lines, remember)) => {
                    self.editor.import_lines(lines);
                    self.import = None;
                    if let Some(headers) = remember {
                        import::remember_headers(env, settings, headers, actions);
                    }
                }
                Some(import::ImportChoice::Cancel) => self.import = None,
                None => {}
            }
        }
        terms::terms_ui(ui, env, settings, editable, &mut self.editor);
        ui.add_space(6.0);
        if let Some(message) = &self.editor.message {
            ui.colored_label(ui.visuals().error_fg_color, message);
        }
        self.editor.table_ui(ui, env, editable);
        ui.weak(env.tr(
            "Tab/Shift+Tab 换格，Enter 下一行，↑↓ 上下移动，Ctrl+D 复制行，Alt+↑↓ 移动行，Ctrl+Delete 删除行；可直接粘贴 Excel 中复制的行。",
            "Tab/Shift+Tab move across, Enter goes down, ↑↓ move up and down, Ctrl+D duplicates, Alt+↑↓ moves a line, Ctrl+Delete deletes; rows copied in Excel paste straight in.",
        ));
        ui.separator();
        summary::totals_and_check_ui(ui, env, job, settings, &self.editor.form.draft);
    }

    /// Save, discard, add a line, copy the table, undo and redo: above the form, so they
    /// stay in reach however long the estimate grows.
    fn toolbar_ui(
        &mut self,
        ui: &mut Ui,
        env: &Env,
        job: JobId,
        is_new: bool,
        editable: bool,
        actions: &mut Vec<UiAction>,
    ) {
        ui.horizontal(|ui| {
            if editable {
                let dirty = self.editor.form.is_dirty() || is_new;
                let text = match is_new {
                    true => env.tr("保存草稿", "Save draft"),
                    false => env.tr("保存", "Save"),
                };
                if crate::ui::screens::widgets::save_button(ui, env, text, dirty) {
                    self.save(job, env, actions);
                }
                if self.editor.form.is_dirty()
                    && ui.button(env.tr("放弃修改", "Discard changes")).clicked()
                {
                    self.discard();
                }
                if ui.button(env.tr("添加行", "Add line")).clicked() {
                    self.editor.add_line();
                }
            }
            self.editor.copy_ui(ui, env.lang);
            if editable
                && ui
                    .button(env.tr("从 Excel 导入…", "Import from Excel…"))
                    .on_hover_text(env.tr(
                        "读入 .xlsx 或 .csv 报价表的明细行（可先对应表头）",
                        "Read the lines of an .xlsx or .csv estimate (the columns can be mapped first)",
                    ))
                    .clicked()
            {
                actions.push(UiAction::ImportEstimateSheet(job));
            }
            if editable {
                let undo = egui::Button::new(env.tr("撤销", "Undo"));
                if ui.add_enabled(self.editor.can_undo(), undo).clicked() {
                    self.editor.undo();
                }
                let redo = egui::Button::new(env.tr("重做", "Redo"));
                if ui.add_enabled(self.editor.can_redo(), redo).clicked() {
                    self.editor.redo();
                }
            }
        });
    }
}
