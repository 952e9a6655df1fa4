//! One creative work of a client's archive: what it is, where and when it ran, its approval
//! number, credits and awards, the rights it was made with (added, changed and removed
//! here, with a warning before one lapses), the documents holding its files, the physical
//! items of it on the library's shelves, and removing it.

use super::widgets::{self, Form};
use crate::domain::creative::{CreativeWork, Medium, RightKind, UsageRight};
use crate::domain::{BrandId, ClientId, CreativeWorkId, DocumentId, JobId, format};
use crate::services::Command;
use crate::services::works::WorkDraft;
use crate::ui::model::{Env, Route, UiAction};
use egui::Ui;

/// A right as typed.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct RightRow {
    kind: RightKind,
    holder: String,
    until: String,
}

/// A work's fields as typed.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct WorkForm {
    client: ClientId,
    brand: Option<BrandId>,
    job: Option<JobId>,
    pub(crate) title: String,
    campaign: String,
    medium: Medium,
    format: String,
    first_ran: String,
    last_ran: String,
    outlets: String,
    regions: String,
    approval_number: String,
    credits: String,
    awards: String,
    rights: Vec<RightRow>,
    documents: Vec<DocumentId>,
}

impl Default for WorkForm {
    fn default() -> Self {
        WorkForm::new(ClientId(0))
    }
}

impl WorkForm {
    /// A blank form for a work of `client`.
    pub(crate) fn new(client: ClientId) -> Self {
        WorkForm::of(&WorkDraft::new(client, ""))
    }

    fn of(d: &WorkDraft) -> Self {
        let day = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        WorkForm {
            client: d.client_id,
            brand: d.brand_id,
            job: d.job_id,
            title: d.title.clone(),
            campaign: d.campaign.clone(),
            medium: d.medium,
            format: d.format.clone(),
            first_ran: day(d.ran.map(|(first, _)| first)),
            last_ran: day(d.ran.and_then(|(_, last)| last)),
            outlets: d.outlets.clone(),
            regions: d.regions.clone(),
            approval_number: d.approval_number.clone(),
            credits: d.credits.clone(),
            awards: d.awards.clone(),
            rights: d
                .rights
                .iter()
                .map(|r| RightRow {
                    kind: r.kind,
                    holder: r.holder.clone(),
                    until: day(r.until),
                })
                .collect(),
            documents: d.documents.clone(),
        }
    }

    /// The draft, or what to tell the person about a date that does not read.
    pub(crate) fn draft(&self, env: &Env) -> Result<WorkDraft, String> {
        let day = |t: &str| match t.trim() {
            "" => Ok(None),
            t => format::parse_date(t)
                .map(Some)
                .ok_or_else(|| format!("{}“{t}”", env.tr("日期无效：", "Not a date: "))),
        };
        let ran = match (day(&self.first_ran)?, day(&self.last_ran)?) {
            (Some(first), last) => Some((first, last)),
            (None, None) => None,
            (None, Some(_)) => {
                return Err(env
                    .tr(
                        "请先填写首播（首发）日期。",
                        "Give the first day it ran before the last.",
                    )
                    .into());
            }
        };
        let mut rights = Vec::new();
        for r in &self.rights {
            rights.push(UsageRight {
                kind: r.kind,
                holder: r.holder.clone(),
                until: day(&r.until)?,
            });
        }
        Ok(WorkDraft {
            client_id: self.client,
            brand_id: self.brand,
            job_id: self.job,
            title: self.title.clone(),
            campaign: self.campaign.clone(),
            medium: self.medium,
            format: self.format.clone(),
            ran,
            outlets: self.outlets.clone(),
            regions: self.regions.clone(),
            approval_number: self.approval_number.clone(),
            credits: self.credits.clone(),
            awards: self.awards.clone(),
            rights,
            documents: self.documents.clone(),
        })
    }

    /// The fields, in a form grid named `salt`.
    pub(crate) fn ui(&mut self, ui: &mut Ui, env: &Env, salt: &str) {
        widgets::form_grid(salt).show(ui, |ui| {
            widgets::text_row(ui, env.tr("作品名称", "Title"), &mut self.title);
            let l = ui.label(env.tr("媒体", "Medium"));
            ui.horizontal_wrapped(|ui| {
                for m in Medium::ALL {
                    ui.selectable_value(&mut self.medium, m, env.tr(m.names().0, m.names().1));
                }
            })
            .response
            .labelled_by(l.id);
            ui.end_row();
            self.brand_row(ui, env, salt);
            let client = self.client;
            widgets::job_row(
                ui,
                env,
                (salt, "job"),
                env.tr("工作", "Job"),
                &mut self.job,
                |j| j.client_id == client,
            );
            widgets::text_row(ui, env.tr("广告活动", "Campaign"), &mut self.campaign);
            widgets::text_row(
                ui,
                env.tr("规格与长度（30\"、A4 对开）", "Format and length"),
                &mut self.format,
            );
            widgets::date_row(
                ui,
                env,
                env.tr("首播（首发）日期", "First ran"),
                &mut self.first_ran,
            );
            widgets::date_row(
                ui,
                env,
                env.tr("最后投放日期", "Last ran"),
                &mut self.last_ran,
            );
            widgets::text_row(ui, env.tr("投放媒体", "Outlets"), &mut self.outlets);
            widgets::text_row(ui, env.tr("投放地区", "Regions"), &mut self.regions);
            widgets::text_row(
                ui,
                env.tr("广告审查批准文号", "Ad-review approval no."),
                &mut self.approval_number,
            );
            widgets::multiline_row(ui, env.tr("主创人员", "Credits"), &mut self.credits);
            widgets::multiline_row(ui, env.tr("获奖", "Awards"), &mut self.awards);
        });
        self.rights_ui(ui, env, salt);
    }

    fn brand_row(&mut self, ui: &mut Ui, env: &Env, salt: &str) {
        let l = ui.label(env.tr("品牌", "Brand"));
        let none = env.tr("（无）", "(none)");
        let name = |b: Option<BrandId>| {
            b.and_then(|b| env.data.brands.iter().find(|x| x.id == b))
                .map_or(none.to_string(), |b| b.name.clone())
        };
        let r = egui::ComboBox::from_id_salt((salt, "brand"))
            .selected_text(name(self.brand))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut self.brand, None, none);
                for b in env
                    .data
                    .brands
                    .iter()
                    .filter(|b| b.client_id == self.client)
                {
                    ui.selectable_value(&mut self.brand, Some(b.id), &b.name);
                }
            })
            .response;
        let _ = r.labelled_by(l.id);
        ui.end_row();
    }

    /// The rights: each with its kind, holder and last day, removable; one more added.
    fn rights_ui(&mut self, ui: &mut Ui, env: &Env, salt: &str) {
        ui.horizontal(|ui| {
            ui.strong(env.tr("使用权利", "Rights"));
            if ui.small_button(env.tr("添加权利", "Add a right")).clicked() {
                self.rights.push(RightRow {
                    kind: RightKind::Talent,
                    holder: String::new(),
                    until: String::new(),
                });
            }
        });
        let mut remove = None;
        for (i, r) in self.rights.iter_mut().enumerate() {
            ui.push_id((salt, "right", i), |ui| {
                ui.horizontal(|ui| {
                    let name = |k: RightKind| env.tr(k.names().0, k.names().1).to_string();
                    let l = ui.label(env.tr("类型", "Kind"));
                    let combo = egui::ComboBox::from_id_salt("kind")
                        .selected_text(name(r.kind))
                        .show_ui(ui, |ui| {
                            for k in [
                                RightKind::Talent,
                                RightKind::Music,
                                RightKind::Image,
                                RightKind::Font,
                                RightKind::Other,
                            ] {
                                ui.selectable_value(&mut r.kind, k, name(k));
                            }
                        })
                        .response;
                    let _ = combo.labelled_by(l.id);
                    let l = ui.label(env.tr("权利人", "Holder"));
                    ui.add(egui::TextEdit::singleline(&mut r.holder).desired_width(180.0))
                        .labelled_by(l.id);
                    let l = ui.label(env.tr("到期日（买断留空）", "Lapses on (blank: bought out)"));
                    ui.add(egui::TextEdit::singleline(&mut r.until).desired_width(110.0))
                        .labelled_by(l.id);
                    if ui.small_button(env.tr("删除", "Remove")).clicked() {
                        remove = Some(i);
                    }
                });
            });
        }
        if let Some(i) = remove {
            self.rights.remove(i);
        }
    }
}

/// The work page's state.
#[derive(Debug, Default)]
pub(crate) struct WorkPage {
    form: Form<CreativeWorkId, WorkForm>,
    problem: Option<String>,
    /// The client's documents (not in the trash) a work can link, by id and title.
    documents: widgets::PerGeneration<ClientId, Vec<(DocumentId, String)>>,
    /// The library items holding the work.
    items: widgets::PerGeneration<CreativeWorkId, Vec<crate::domain::library::LibraryItem>>,
}

impl WorkPage {
    /// Whether the form has unsaved edits of work `id`.
    pub fn is_dirty(&self, id: CreativeWorkId) -> bool {
        self.form.is_dirty_for(id)
    }

    /// Drops the edits.
    pub fn discard(&mut self) {
        self.form.discard();
        self.problem = None;
    }

    /// A change to the work was applied.
    pub fn on_saved(&mut self, id: CreativeWorkId) {
        if self.form.key() == Some(id) {
            self.form.saved();
        }
    }

    /// Pushes the save of the edits (Ctrl+S).
    pub fn save(&mut self, id: CreativeWorkId, env: &Env, actions: &mut Vec<UiAction>) {
        if !self.form.is_dirty_for(id) {
            return;
        }
        match self.form.draft.draft(env) {
            Ok(d) => {
                self.problem = None;
                actions.push(UiAction::Command(Command::UpdateCreativeWork(
                    id,
                    Box::new(d),
                    self.form.base(),
                )));
            }
            Err(e) => self.problem = Some(e),
        }
    }

    /// Draws the page.
    pub fn ui(&mut self, ui: &mut Ui, env: &Env, id: CreativeWorkId, actions: &mut Vec<UiAction>) {
        let Some(work) = widgets::record_for_page(
            ui,
            env,
            &mut self.form,
            (id, id.0),
            ("找不到这个作品", "Work not found"),
            |w: &CreativeWork| WorkForm::of(&WorkDraft::of(w)),
        ) else {
            return;
        };
        ui.horizontal(|ui| {
            ui.heading(&work.title);
            widgets::unsaved_marker(ui, env, self.form.is_dirty());
            if ui
                .button(env.tr("返回作品档案", "Back to the archive"))
                .clicked()
            {
                actions.push(UiAction::Navigate(Route::Archive(work.client_id)));
            }
        });
        let zh = env.lang == crate::domain::Lang::Zh;
        for a in work.alerts(env.today) {
            ui.colored_label(ui.visuals().warn_fg_color, a.describe(zh));
        }
        widgets::stale_ui(ui, env, &mut self.form);
        egui::ScrollArea::vertical()
            .id_salt(("work", id.0))
            .auto_shrink([false, false])
            .show(ui, |ui| {
                self.form.draft.ui(ui, env, "work_form");
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
                ui.separator();
                self.documents_ui(ui, env, &work);
                ui.separator();
                self.items_ui(ui, env, &work, actions);
                ui.separator();
                if ui
                    .button(env.tr("删除此作品", "Remove this work"))
                    .on_hover_text(env.tr("可撤销。", "Undoable."))
                    .clicked()
                {
                    actions.push(UiAction::Command(Command::RemoveCreativeWork(id)));
                    actions.push(UiAction::Navigate(Route::Archive(work.client_id)));
                }
                widgets::audit_ui(ui, env, &work.audit);
            });
    }

    /// The documents holding its files (edited in the form: saved with it).
    fn documents_ui(&mut self, ui: &mut Ui, env: &Env, work: &CreativeWork) {
        let documents = self.documents.get(env, work.client_id, || {
            env.store
                .client_documents(work.client_id)
                .unwrap_or_default()
                .into_iter()
                .filter(|d| d.trashed.is_none())
                .map(|d| (d.id, d.title))
                .collect()
        });
        widgets::links_ui(
            ui,
            env,
            "work_documents",
            [
                (
                    "作品文件（母带、剪辑版、主视觉、脚本）",
                    "Its files (master, cuts, key visual, script)",
                ),
                ("关联文件", "Link a document"),
                ("选择文件", "Choose a document"),
            ],
            &mut self.form.draft.documents,
            &documents,
        );
    }

    /// The physical items of the work on the library's shelves, and registering one.
    fn items_ui(
        &mut self,
        ui: &mut Ui,
        env: &Env,
        work: &CreativeWork,
        actions: &mut Vec<UiAction>,
    ) {
        ui.strong(env.tr("图书室实物", "On the library's shelves"));
        let items = self.items.get(env, work.id, || {
            env.store
                .library_items()
                .unwrap_or_default()
                .into_iter()
                .filter(|i| i.works.contains(&work.id))
                .collect()
        });
        for i in items.iter() {
            ui.horizontal(|ui| {
                if ui.link(i.label()).clicked() {
                    actions.push(UiAction::Navigate(Route::LibraryItem(i.id)));
                }
                ui.label(&i.title);
                ui.weak(i.home.label());
            });
        }
        if ui
            .button(env.tr("登记此作品的实物", "Register an item of this work"))
            .clicked()
        {
            use crate::domain::library::MediumKind;
            let (kind, what) = match work.medium {
                Medium::Tv | Medium::Radio => (MediumKind::Tape, "播出带"),
                Medium::Newspaper | Medium::Magazine => (MediumKind::Tearsheet, "样刊"),
                Medium::Print | Medium::Pop | Medium::Outdoor => (MediumKind::Proof, "打样"),
                Medium::Digital | Medium::Event => (MediumKind::Drive, "素材"),
            };
            let mut d = crate::services::library::ItemDraft::new(
                work.client_id,
                format!("{} {what}", work.title),
            );
            d.kind = kind;
            d.job_id = work.job_id;
            d.works = vec![work.id];
            actions.push(UiAction::Command(Command::AddLibraryItem(Box::new(d))));
        }
    }
}
