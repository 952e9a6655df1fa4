//! Narrowing a files page by kind and year, on a client's page by brand and job, and on a
//! brand's page by job.

use crate::domain::document::{Document, DocumentKind};
use crate::ui::model::{Env, FilesPlace};
use crate::ui::screens::widgets;
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

    /// The pickers: kind and year everywhere, brand and job on a client's page, job on a
    /// brand's.
    pub(super) fn ui(&mut self, ui: &mut Ui, env: &Env, place: FilesPlace, docs: &[Document]) {
        let kinds: Vec<_> = DocumentKind::ALL
            .into_iter()
            .map(|k| (k, env.tr(k.names().0, k.names().1).to_string()))
            .collect();
        let by = |zh, en| env.tr(zh, en).to_string();
        widgets::narrow_combo(
            ui,
            env,
            "files_kind",
            &by("按类别", "By kind"),
            &mut self.kind,
            &kinds,
        );
        let years = widgets::year_options(docs.iter().map(year_of));
        widgets::narrow_combo(
            ui,
            env,
            "files_year",
            &by("按年份", "By year"),
            &mut self.year,
            &years,
        );
        let (client, of_brand) = match place {
            FilesPlace::Client(c) => (c, None),
            FilesPlace::Brand(b) => match env.data.brand(b) {
                Some(brand) => (brand.client_id, Some(b)),
                None => return,
            },
            FilesPlace::Job(_) | FilesPlace::Meeting(_) | FilesPlace::Reference => return,
        };
        let brands: Vec<_> = env
            .data
            .brands
            .iter()
            .filter(|b| b.client_id == client)
            .map(|b| (b.id, b.name.clone()))
            .collect();
        if !brands.is_empty() && of_brand.is_none() {
            widgets::narrow_combo(
                ui,
                env,
                "files_brand",
                &by("按品牌", "By brand"),
                &mut self.brand,
                &brands,
            );
        }
        let jobs: Vec<_> = env
            .data
            .jobs
            .iter()
            .filter(|j| j.client_id == client && of_brand.is_none_or(|b| j.brand_id == Some(b)))
            .map(|j| (j.id, format!("{} {}", j.number.text, j.title)))
            .collect();
        widgets::narrow_combo(
            ui,
            env,
            "files_job",
            &by("按工作", "By job"),
            &mut self.job,
            &jobs,
        );
    }
}

/// The year a document is filed under: the year it is dated, else the year it was filed.
fn year_of(d: &Document) -> i32 {
    use chrono::Datelike;
    d.dated
        .map_or_else(|| d.audit.created.at.date_naive().year(), |x| x.year())
}
