//! Narrowing a files page by kind and year, and on a client's page by brand and job.

use crate::domain::document::{Document, DocumentKind};
use crate::ui::model::{Env, FilesPlace};
use egui::Ui;

/// What the list is narrowed to; `None`: everything.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(super) struct Narrow {
    kind: Option<DocumentKind>,
    year: Option<i32>,
    brand: Option<crate::domain::BrandId>,
    job: Option<crate::domain::JobId>,
}

impl Narrow {
    pub(super) fn lets(&self, d: &Document) -> bool {
        self.kind.is_none_or(|k| d.kind == k)
            && self.year.is_none_or(|y| year_of(d) == y)
            && self.brand.is_none_or(|b| d.brand_id == Some(b))
            && self.job.is_none_or(|j| d.job_id == Some(j))
    }

    /// The pickers: kind and year everywhere, brand and job on a client's page.
    pub(super) fn ui(&mut self, ui: &mut Ui, env: &Env, place: FilesPlace, docs: &[Document]) {
        let all = env.tr("全部", "All");
        let kind_name = |k: Option<DocumentKind>| {
            k.map_or(all.to_string(), |k| {
                env.tr(k.names().0, k.names().1).to_string()
            })
        };
        let l = ui.label(env.tr("按类别", "By kind"));
        let r = egui::ComboBox::from_id_salt("files_kind")
            .selected_text(kind_name(self.kind))
            .height(600.0)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut self.kind, None, all);
                for k in DocumentKind::ALL {
                    ui.selectable_value(&mut self.kind, Some(k), kind_name(Some(k)));
                }
            })
            .response;
        let _ = r.labelled_by(l.id);
        let mut years: Vec<i32> = docs.iter().map(year_of).collect();
        years.sort_unstable_by(|a, b| b.cmp(a));
        years.dedup();
        let l = ui.label(env.tr("按年份", "By year"));
        let r = egui::ComboBox::from_id_salt("files_year")
            .selected_text(self.year.map_or(all.to_string(), |y| y.to_string()))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut self.year, None, all);
                for y in years {
                    ui.selectable_value(&mut self.year, Some(y), y.to_string());
                }
            })
            .response;
        let _ = r.labelled_by(l.id);
        let FilesPlace::Client(client) = place else {
            return;
        };
        let brands: Vec<_> = env
            .data
            .brands
            .iter()
            .filter(|b| b.client_id == client)
            .collect();
        if !brands.is_empty() {
            let name = |b: Option<crate::domain::BrandId>| {
                b.and_then(|b| brands.iter().find(|x| x.id == b))
                    .map_or(all.to_string(), |b| b.name.clone())
            };
            let l = ui.label(env.tr("按品牌", "By brand"));
            let r = egui::ComboBox::from_id_salt("files_brand")
                .selected_text(name(self.brand))
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.brand, None, all);
                    for b in &brands {
                        ui.selectable_value(&mut self.brand, Some(b.id), &b.name);
                    }
                })
                .response;
            let _ = r.labelled_by(l.id);
        }
        let l = ui.label(env.tr("按工作", "By job"));
        let job_name = |j: Option<crate::domain::JobId>| {
            j.and_then(|j| env.data.job(j))
                .map_or(all.to_string(), |j| j.number.text.clone())
        };
        let r = egui::ComboBox::from_id_salt("files_job")
            .selected_text(job_name(self.job))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut self.job, None, all);
                for j in env.data.jobs.iter().filter(|j| j.client_id == client) {
                    let text = format!("{} {}", j.number.text, j.title);
                    ui.selectable_value(&mut self.job, Some(j.id), text);
                }
            })
            .response;
        let _ = r.labelled_by(l.id);
    }
}

/// The year a document is filed under: the year it is dated, else the year it was filed.
fn year_of(d: &Document) -> i32 {
    use chrono::Datelike;
    d.dated
        .map_or_else(|| d.audit.created.at.date_naive().year(), |x| x.year())
}
