//! The history archive (历史档案): every archived job — completed and filed away, or
//! cancelled — narrowed by client, brand, the year of its number and the media of the works
//! made in it. A job opens on its page, read-only while archived, with its documents,
//! meetings and schedule; reopening it needs a reason.

use super::widgets;
use crate::domain::creative::Medium;
use crate::domain::{BrandId, ClientId, Job, JobId, JobStatus};
use crate::ui::model::{Env, FilesPlace, Route, UiAction};
use egui::Ui;
use std::collections::HashMap;

/// Widths of the columns other than the title, which takes the rest: number, client, brand,
/// media, files.
const COLUMNS: [f32; 5] = [100.0, 150.0, 120.0, 150.0, 60.0];
/// The narrowest the title column gets.
const TITLE_MIN: f32 = 180.0;

/// What the rows are chosen by: client, brand, year, medium and the words typed.
type Narrowing = (
    Option<ClientId>,
    Option<BrandId>,
    Option<i32>,
    Option<Medium>,
    String,
);

/// The history archive's state: the pickers, and what was read for them.
#[derive(Debug, Default)]
pub(crate) struct HistoryPage {
    client: Option<ClientId>,
    brand: Option<BrandId>,
    year: Option<i32>,
    medium: Option<Medium>,
    filter: String,
    /// The media of the works made in each job.
    media: widgets::PerGeneration<(), HashMap<JobId, Vec<Medium>>>,
    /// The archived jobs shown, as indices into the data's jobs, newest number first.
    rows: widgets::PerGeneration<Narrowing, Vec<usize>>,
}

impl HistoryPage {
    /// Draws the page.
    pub fn ui(&mut self, ui: &mut Ui, env: &Env, actions: &mut Vec<UiAction>) {
        let media = self.media.get(env, (), || media_of_jobs(env));
        ui.heading(env.tr("历史档案", "History archive"));
        ui.weak(env.tr(
            "已归档的工作（完成后归档或已取消）及其文件、会议和进度表：只读，仍可搜索。重新打开需说明原因。",
            "Archived jobs (completed and filed away, or cancelled) with their documents, meetings and schedules: read-only, still found by search. Reopening one needs a reason.",
        ));
        ui.horizontal_wrapped(|ui| self.pickers_ui(ui, env));
        ui.separator();
        let key = (
            self.client,
            self.brand,
            self.year,
            self.medium,
            self.filter.trim().to_lowercase(),
        );
        let rows = self
            .rows
            .get(env, key.clone(), || chosen(env, &media, &key));
        let archived = env.data.jobs.iter().filter(|j| is_archived(j)).count();
        ui.weak(match env.lang {
            crate::domain::Lang::Zh => format!("{} / {archived} 个已归档的工作", rows.len()),
            crate::domain::Lang::En => format!("{} of {archived} archived jobs", rows.len()),
        });
        if archived == 0 {
            ui.weak(env.tr(
                "还没有归档的工作。完成的工作填写工作完成表后，在工作页上点“→ 已归档”。",
                "No job is archived yet. Once a completed job's completion form is filed, archive it from its page (“→ Archived”).",
            ));
            return;
        }
        let spacing = ui.spacing().item_spacing.x;
        let fixed: f32 = COLUMNS.iter().sum::<f32>() + spacing * COLUMNS.len() as f32;
        let title = (ui.available_width() - fixed - 16.0).max(TITLE_MIN);
        header_ui(ui, env, title);
        let row_height = ui.spacing().interact_size.y;
        egui::ScrollArea::vertical()
            .id_salt("history_rows")
            .auto_shrink([false, false])
            .show_rows(ui, row_height, rows.len(), |ui, range| {
                for &i in &rows[range] {
                    if let Some(job) = env.data.jobs.get(i) {
                        let media = media.get(&job.id).map_or(&[][..], Vec::as_slice);
                        row_ui(ui, env, job, media, title, actions);
                    }
                }
            });
    }

    /// The pickers: client, brand (of the client chosen), year, medium, and words.
    fn pickers_ui(&mut self, ui: &mut Ui, env: &Env) {
        let archived: Vec<&Job> = env.data.jobs.iter().filter(|j| is_archived(j)).collect();
        let mut clients: Vec<(ClientId, String)> = env
            .data
            .clients
            .iter()
            .filter(|c| archived.iter().any(|j| j.client_id == c.id))
            .map(|c| (c.id, c.display_name().to_string()))
            .collect();
        clients.sort_by(|a, b| a.1.cmp(&b.1));
        let label = env.tr("客户", "Client");
        let before = self.client;
        widgets::narrow_combo(ui, env, "history_client", label, &mut self.client, &clients);
        if self.client != before {
            self.brand = None;
        }
        let brands: Vec<(BrandId, String)> = env
            .data
            .brands
            .iter()
            .filter(|b| self.client.is_none_or(|c| b.client_id == c))
            .filter(|b| archived.iter().any(|j| j.brand_id == Some(b.id)))
            .map(|b| (b.id, b.name.clone()))
            .collect();
        let label = env.tr("品牌", "Brand");
        widgets::narrow_combo(ui, env, "history_brand", label, &mut self.brand, &brands);
        let years = widgets::year_options(archived.iter().map(|j| j.number.year));
        let label = env.tr("年份", "Year");
        widgets::narrow_combo(ui, env, "history_year", label, &mut self.year, &years);
        let media: Vec<_> = Medium::ALL
            .into_iter()
            .map(|m| (m, env.tr(m.names().0, m.names().1).to_string()))
            .collect();
        let label = env.tr("媒体", "Medium");
        widgets::narrow_combo(ui, env, "history_medium", label, &mut self.medium, &media);
        let l = ui.label(env.tr("筛选", "Filter"));
        ui.add(
            egui::TextEdit::singleline(&mut self.filter)
                .hint_text(env.tr("工作号或标题", "Number or title"))
                .desired_width(200.0),
        )
        .labelled_by(l.id);
    }
}

fn is_archived(j: &Job) -> bool {
    j.status == JobStatus::Archived
}

/// The media of the creative works recorded for each job, each once, in the order recorded.
fn media_of_jobs(env: &Env) -> HashMap<JobId, Vec<Medium>> {
    let mut out: HashMap<JobId, Vec<Medium>> = HashMap::new();
    let works = env.store.creative_works().unwrap_or_else(|e| {
        log::warn!("reading the creative works for the history archive: {e}");
        Vec::new()
    });
    for w in works {
        if let Some(job) = w.job_id {
            let media = out.entry(job).or_default();
            if !media.contains(&w.medium) {
                media.push(w.medium);
            }
        }
    }
    out
}

/// The archived jobs `narrowing` lets through, as indices into the data's jobs, the newest
/// number first.
fn chosen(env: &Env, media: &HashMap<JobId, Vec<Medium>>, narrowing: &Narrowing) -> Vec<usize> {
    let (client, brand, year, medium, needle) = narrowing;
    let mut rows: Vec<usize> = env
        .data
        .jobs
        .iter()
        .enumerate()
        .filter(|(_, j)| is_archived(j))
        .filter(|(_, j)| client.is_none_or(|c| j.client_id == c))
        .filter(|(_, j)| brand.is_none_or(|b| j.brand_id == Some(b)))
        .filter(|(_, j)| year.is_none_or(|y| j.number.year == y))
        .filter(|(_, j)| medium.is_none_or(|m| media.get(&j.id).is_some_and(|v| v.contains(&m))))
        .filter(|(_, j)| {
            needle.is_empty()
                || j.number.text.to_lowercase().contains(needle.as_str())
                || j.title.to_lowercase().contains(needle.as_str())
        })
        .map(|(i, _)| i)
        .collect();
    rows.sort_by_key(|&i| {
        let n = &env.data.jobs[i].number;
        std::cmp::Reverse((n.year, n.seq))
    });
    rows
}

/// The column headings, aligned with the rows below.
fn header_ui(ui: &mut Ui, env: &Env, title: f32) {
    let [number, client, brand, media, files] = COLUMNS;
    widgets::header_row(
        ui,
        &[
            (number, env.tr("工作号", "Number")),
            (title, env.tr("标题", "Title")),
            (client, env.tr("客户", "Client")),
            (brand, env.tr("品牌", "Brand")),
            (media, env.tr("媒体", "Media")),
            (files, env.tr("文件", "Files")),
        ],
    );
}

/// One archived job: its number and title open its page, 文件 its job file.
fn row_ui(
    ui: &mut Ui,
    env: &Env,
    job: &Job,
    media: &[Medium],
    title: f32,
    actions: &mut Vec<UiAction>,
) {
    let [number, client, brand, media_width, files] = COLUMNS;
    ui.horizontal(|ui| {
        let n = widgets::cell(ui, number, |ui| ui.link(&job.number.text));
        let t = widgets::cell(ui, title, |ui| ui.link(&job.title));
        if n.clicked() || t.clicked() {
            actions.push(UiAction::Navigate(Route::Job(job.id)));
        }
        widgets::cell(ui, client, |ui| {
            ui.label(env.data.client_name(job.client_id))
        });
        let brand_name = job
            .brand_id
            .and_then(|b| env.data.brand(b))
            .map_or("—", |b| b.name.as_str());
        widgets::cell(ui, brand, |ui| ui.label(brand_name));
        let names: Vec<&str> = media
            .iter()
            .map(|m| env.tr(m.names().0, m.names().1))
            .collect();
        widgets::cell(ui, media_width, |ui| ui.label(names.join("、")));
        let open = widgets::cell(ui, files, |ui| {
            ui.link(env.tr("文件", "Files")).on_hover_text(format!(
                "{} {}",
                job.number.text,
                env.tr("的工作档案", "job file")
            ))
        });
        if open.clicked() {
            actions.push(UiAction::Navigate(Route::Files(FilesPlace::Job(job.id))));
        }
    });
}
