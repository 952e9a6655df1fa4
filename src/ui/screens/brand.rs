//! A brand file (品牌): what the account team must know about the brand, and its jobs.

use super::jobs;
use super::widgets::{self, Form};
use crate::domain::{Brand, BrandId};
use crate::services::{BrandDraft, Command};
use crate::ui::model::{ClientTab, Env, FilesPlace, Route, UiAction};
use egui::Ui;

/// The brand form.
#[derive(Debug, Default)]
pub(crate) struct BrandPage {
    form: Form<BrandId, BrandDraft>,
}

impl BrandPage {
    /// Draws the brand page.
    pub fn ui(&mut self, ui: &mut Ui, env: &Env, id: BrandId, actions: &mut Vec<UiAction>) {
        let Some(brand) = env.data.brand(id) else {
            ui.heading(env.tr("找不到这个品牌", "Brand not found"));
            return;
        };
        self.form.sync_stored(
            id,
            env.data.generation,
            || {
                widgets::loaded(
                    env.store.shown::<Brand>(id.0),
                    BrandDraft::from_brand,
                    || BrandDraft::from_brand(brand),
                )
            },
            || env.store.revision::<Brand>(id.0),
        );
        ui.horizontal(|ui| {
            ui.heading(&brand.name);
            widgets::unsaved_marker(ui, env, self.form.is_dirty());
            ui.add_space(12.0);
            if ui
                .button(env.tr("文件档案", "Files"))
                .on_hover_text(env.tr(
                    "品牌的文件（也可以把文件拖到此页）",
                    "The brand's documents (or drop files on this page)",
                ))
                .clicked()
            {
                actions.push(UiAction::Navigate(Route::Files(FilesPlace::Brand(id))));
            }
        });
        ui.horizontal(|ui| {
            ui.weak(env.tr("客户：", "Client:"));
            if ui.link(env.data.client_name(brand.client_id)).clicked() {
                actions.push(UiAction::Navigate(Route::Client(
                    brand.client_id,
                    ClientTab::Brands,
                )));
            }
        });
        widgets::stale_ui(ui, env, &mut self.form);
        ui.separator();
        egui::ScrollArea::vertical()
            .id_salt(("brand", id.0))
            .auto_shrink([false, false])
            .show(ui, |ui| {
                let d = &mut self.form.draft;
                widgets::form_grid("brand_form").show(ui, |ui| {
                    widgets::text_row(ui, env.tr("品牌名称", "Name"), &mut d.name);
                });
                ui.add_space(6.0);
                widgets::wide_multiline(ui, env.tr("品牌资料", "Key facts"), &mut d.facts);
                widgets::wide_multiline(ui, env.tr("重点", "Key points"), &mut d.key_points);
                widgets::wide_multiline(
                    ui,
                    env.tr("定位与策略", "Positioning and strategy"),
                    &mut d.positioning,
                );
                widgets::wide_multiline(
                    ui,
                    env.tr("竞争品牌（每行一个）", "Competitors (one per line)"),
                    &mut d.competitors,
                );
                if widgets::save_button(ui, env, env.tr("保存", "Save"), self.form.is_dirty()) {
                    self.save(id, actions);
                }
                ui.add_space(4.0);
                widgets::audit_ui(ui, env, &brand.audit);
                ui.add_space(12.0);
                ui.strong(env.tr("品牌的工作", "Jobs of this brand"));
                let list: Vec<_> = env.data.jobs_of_brand(id).collect();
                jobs::job_table_ui(ui, env, "brand_jobs", &list, actions);
            });
    }

    /// Unsaved edits on brand `id`.
    pub fn is_dirty(&self, id: BrandId) -> bool {
        self.form.is_dirty_for(id)
    }

    /// Drops the edits.
    pub fn discard(&mut self) {
        self.form.discard();
    }

    /// Pushes the update when dirty.
    pub fn save(&mut self, id: BrandId, actions: &mut Vec<UiAction>) {
        if self.form.is_dirty_for(id) {
            actions.push(UiAction::Command(Command::UpdateBrand(
                id,
                self.form.draft.clone(),
                self.form.base(),
            )));
        }
    }

    /// The brand was saved.
    pub fn on_saved(&mut self, id: BrandId) {
        if self.form.key() == Some(id) {
            self.form.saved();
        }
    }
}
