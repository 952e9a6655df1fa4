//! The buttons and pickers under the search box that narrow its hits: to a kind of record,
//! a client, one of its brands and jobs, and a year.

use super::{SearchPopup, kind_label};
use crate::domain::{BrandId, ClientId, JobId, Lang};
use crate::search::DocKind;
use crate::services::searching::SharedIndex;
use crate::ui::model::Data;

/// The kinds the hits can be narrowed to, after 全部.
const NARROWED: [DocKind; 6] = [
    DocKind::Client,
    DocKind::Job,
    DocKind::Document,
    DocKind::CreativeWork,
    DocKind::LibraryItem,
    DocKind::Meeting,
];

impl SearchPopup {
    /// The buttons narrowing the hits to one kind of record, after 全部 (every kind).
    pub(super) fn kinds_ui(&mut self, ui: &mut egui::Ui, lang: Lang) {
        let kind = &mut self.scope.kind;
        ui.horizontal_wrapped(|ui| {
            ui.selectable_value(kind, None, lang.pick("全部", "All"));
            for k in NARROWED {
                ui.selectable_value(kind, Some(k), kind_label(k, lang));
            }
        });
    }

    /// The pickers narrowing the hits to one client, then one of its brands and jobs, and
    /// one year (of any record the index holds: jobs, documents, meetings, works).
    pub(super) fn narrowing_ui(
        &mut self,
        ui: &mut egui::Ui,
        data: &Data,
        index: Option<&SharedIndex>,
        lang: Lang,
    ) {
        let all = lang.pick("全部", "All");
        let before = self.scope.client;
        let client = &mut self.scope.client;
        let year = &mut self.scope.year;
        ui.horizontal(|ui| {
            let l = ui.label(lang.pick("客户", "Client"));
            let shown = client
                .and_then(|c| data.client(c))
                .map_or(all, |c| c.display_name());
            egui::ComboBox::from_id_salt("search_client")
                .selected_text(shown)
                .height(400.0)
                .show_ui(ui, |ui| {
                    ui.selectable_value(client, None, all);
                    for c in data.clients.iter().filter(|c| !c.archived) {
                        ui.selectable_value(client, Some(c.id), c.display_name());
                    }
                })
                .response
                .labelled_by(l.id);
            ui.add_space(12.0);
            let l = ui.label(lang.pick("年份", "Year"));
            let shown = year.map_or_else(|| all.to_string(), |y| y.to_string());
            egui::ComboBox::from_id_salt("search_year")
                .selected_text(shown)
                .height(400.0)
                .show_ui(ui, |ui| {
                    ui.selectable_value(year, None, all);
                    // Listed only while the picker is open: a decade has 150,000 records.
                    for y in index.map(|i| i.read().years()).unwrap_or_default() {
                        ui.selectable_value(year, Some(y), y.to_string());
                    }
                })
                .response
                .labelled_by(l.id);
        });
        // Under them, once a client is chosen, its brands and jobs.
        if let Some(c) = self.scope.client {
            ui.horizontal(|ui| {
                brand_and_job_ui(
                    ui,
                    data,
                    c,
                    &mut self.scope.brand,
                    &mut self.scope.job,
                    lang,
                );
            });
        }
        if self.scope.client != before {
            // Another client's brand or job would let nothing through.
            self.scope.brand = None;
            self.scope.job = None;
        }
    }
}

/// The pickers narrowing the hits to one brand and one job of `client` (the jobs of the
/// brand chosen, when one is).
fn brand_and_job_ui(
    ui: &mut egui::Ui,
    data: &Data,
    client: ClientId,
    brand: &mut Option<BrandId>,
    job: &mut Option<JobId>,
    lang: Lang,
) {
    let all = lang.pick("全部", "All");
    let brands: Vec<_> = data
        .brands
        .iter()
        .filter(|b| b.client_id == client)
        .collect();
    if !brands.is_empty() {
        let l = ui.label(lang.pick("品牌", "Brand"));
        let shown = brand
            .and_then(|b| data.brand(b))
            .map_or(all, |b| b.name.as_str());
        let before = *brand;
        egui::ComboBox::from_id_salt("search_brand")
            .selected_text(shown)
            .height(400.0)
            .show_ui(ui, |ui| {
                ui.selectable_value(brand, None, all);
                for b in &brands {
                    ui.selectable_value(brand, Some(b.id), b.name.as_str());
                }
            })
            .response
            .labelled_by(l.id);
        if *brand != before && brand.is_some() {
            // A job of another brand would let nothing through.
            *job = job.filter(|j| data.job(*j).is_some_and(|j| j.brand_id == *brand));
        }
        ui.add_space(12.0);
    }
    let l = ui.label(lang.pick("工作", "Job"));
    let label = |j: &crate::domain::Job| format!("{} {}", j.number.text, j.title);
    let shown = job
        .and_then(|j| data.job(j))
        .map_or_else(|| all.to_string(), label);
    egui::ComboBox::from_id_salt("search_job")
        .selected_text(shown)
        .height(400.0)
        .show_ui(ui, |ui| {
            ui.selectable_value(job, None, all);
            let jobs =
                data.jobs.iter().rev().filter(|j| {
                    j.client_id == client && brand.is_none_or(|b| j.brand_id == Some(b))
                });
            for j in jobs {
                ui.selectable_value(job, Some(j.id), label(j));
            }
        })
        .response
        .labelled_by(l.id);
    ui.add_space(12.0);
}
