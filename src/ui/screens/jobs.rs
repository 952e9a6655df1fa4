//! The job list (工作列表) with its filters, job tables for client and brand files, and the
//! job form shared by a new job and the job page.

use super::widgets::{self, Form};
use crate::domain::portfolio::Due;
use crate::domain::{ClientId, Job, JobStatus, Lang, Role, format};
use crate::services::{Command, JobDraft};
use crate::ui::model::{Env, Route, UiAction};
use crate::ui::theme;
use egui::{RichText, Ui};

/// Widths of the job list's columns other than the title, which takes the rest: number,
/// client, AE, status, due date.
const COLUMNS: [f32; 5] = [100.0, 160.0, 90.0, 100.0, 190.0];
/// The narrowest the title column gets.
const TITLE_MIN: f32 = 180.0;

/// What the cached rows were computed for: data generation, filter text, status.
type RowsKey = (u64, String, Option<JobStatus>);

/// Filters of the job list and the rows they select, cached until the data or a filter
/// changes.
#[derive(Debug, Default)]
pub(crate) struct JobList {
    filter: String,
    status: Option<JobStatus>,
    /// (generation, filter, status) the rows were computed for, and the rows as indices.
    rows: Option<(RowsKey, Vec<usize>)>,
}

impl JobList {
    /// Draws the list of all jobs, newest number first.
    pub fn ui(&mut self, ui: &mut Ui, env: &Env, actions: &mut Vec<UiAction>) {
        ui.horizontal(|ui| {
            ui.heading(env.tr("工作列表", "Job list"));
            if ui.button(env.tr("新建工作", "New job")).clicked() {
                actions.push(UiAction::Navigate(Route::NewJob(None)));
            }
        });
        ui.horizontal(|ui| {
            let l = ui.label(env.tr("筛选", "Filter"));
            ui.add(
                egui::TextEdit::singleline(&mut self.filter).hint_text(env.tr(
                    "工作号、标题、客户或客户执行",
                    "Number, title, client or AE",
                )),
            )
            .labelled_by(l.id);
            let l = ui.label(env.tr("状态", "Status"));
            let all = env.tr("全部", "All");
            let r = egui::ComboBox::from_id_salt("job_status_filter")
                .selected_text(self.status.map_or(all, |s| format::job_status(s, env.lang)))
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.status, None, all);
                    for s in JobStatus::ALL {
                        ui.selectable_value(
                            &mut self.status,
                            Some(s),
                            format::job_status(s, env.lang),
                        );
                    }
                })
                .response;
            let _ = r.labelled_by(l.id);
        });
        ui.separator();
        let key = (env.data.generation, self.filter.clone(), self.status);
        if self.rows.as_ref().is_none_or(|(k, _)| *k != key) {
            let rows = filtered_rows(env, &self.filter, self.status);
            self.rows = Some((key, rows));
        }
        let Some((_, rows)) = &self.rows else {
            return;
        };
        ui.weak(format!("{} {}", rows.len(), env.tr("个工作", "jobs")));
        let spacing = ui.spacing().item_spacing.x;
        let fixed: f32 = COLUMNS.iter().sum::<f32>() + spacing * COLUMNS.len() as f32;
        let title = (ui.available_width() - fixed - 16.0).max(TITLE_MIN);
        header_ui(ui, env, title);
        let row_height = ui.spacing().interact_size.y;
        egui::ScrollArea::vertical()
            .id_salt("job_list")
            .auto_shrink([false, false])
            .show_rows(ui, row_height, rows.len(), |ui, range| {
                for &i in &rows[range] {
                    if let Some(job) = env.data.jobs.get(i) {
                        job_row_ui(ui, env, job, title, actions);
                    }
                }
            });
    }
}

fn filtered_rows(env: &Env, filter: &str, status: Option<JobStatus>) -> Vec<usize> {
    let needle = filter.trim().to_lowercase();
    let client_names: std::collections::HashMap<_, String> = env
        .data
        .clients
        .iter()
        .map(|c| (c.id, format!("{} {}", c.name, c.short_name).to_lowercase()))
        .collect();
    let mut rows: Vec<usize> = env
        .data
        .jobs
        .iter()
        .enumerate()
        .filter(|(_, j)| status.is_none_or(|s| j.status == s))
        .filter(|(_, j)| {
            needle.is_empty()
                || j.number.text.to_lowercase().contains(&needle)
                || j.title.to_lowercase().contains(&needle)
                || client_names
                    .get(&j.client_id)
                    .is_some_and(|n| n.contains(&needle))
                || (j.team.ae.is_some()
                    && env
                        .data
                        .user_name(j.team.ae)
                        .to_lowercase()
                        .contains(&needle))
        })
        .map(|(i, _)| i)
        .collect();
    rows.sort_by(|&a, &b| {
        let (ja, jb) = (&env.data.jobs[a], &env.data.jobs[b]);
        (jb.number.year, jb.number.seq).cmp(&(ja.number.year, ja.number.seq))
    });
    rows
}

/// The column headings, aligned with the rows below.
fn header_ui(ui: &mut Ui, env: &Env, title: f32) {
    let [number, client, ae, status, due] = COLUMNS;
    widgets::header_row(
        ui,
        &[
            (number, env.tr("工作号", "Number")),
            (title, env.tr("标题", "Title")),
            (client, env.tr("客户", "Client")),
            (ae, env.tr("客户执行", "AE")),
            (status, env.tr("状态", "Status")),
            (due, env.tr("截止日期", "Due date")),
        ],
    );
}

fn job_row_ui(ui: &mut Ui, env: &Env, job: &Job, title: f32, actions: &mut Vec<UiAction>) {
    let [number, client, ae, status, due] = COLUMNS;
    ui.horizontal(|ui| {
        let n = widgets::cell(ui, number, |ui| ui.link(&job.number.text));
        let t = widgets::cell(ui, title, |ui| ui.link(&job.title));
        if n.clicked() || t.clicked() {
            actions.push(UiAction::Navigate(Route::Job(job.id)));
        }
        widgets::cell(ui, client, |ui| {
            ui.label(env.data.client_name(job.client_id))
        });
        widgets::cell(ui, ae, |ui| ui.label(env.data.user_name(job.team.ae)));
        widgets::cell(ui, status, |ui| {
            ui.label(format::job_status(job.status, env.lang))
        });
        widgets::cell(ui, due, |ui| ui.label(due_text(ui, env, job)));
    });
}

/// The due date of a job as a cell shows it: red with the days overdue, amber when due
/// today, plain otherwise.
fn due_text(ui: &Ui, env: &Env, job: &Job) -> RichText {
    let date = widgets::date_cell(env, job.due_on);
    let p = theme::palette(ui.visuals());
    match Due::of(job, env.today) {
        Due::Open => RichText::new(date),
        Due::Today => RichText::new(format!("{date} · {}", env.tr("今天到期", "due today")))
            .color(p.warning)
            .strong(),
        Due::Overdue(days) => RichText::new(match env.lang {
            Lang::Zh => format!("{date} · 逾期 {days} 天"),
            Lang::En if days == 1 => format!("{date} · 1 day overdue"),
            Lang::En => format!("{date} · {days} days overdue"),
        })
        .color(p.error)
        .strong(),
    }
}

/// A short table of jobs (a client's or a brand's), newest first.
pub(crate) fn job_table_ui(
    ui: &mut Ui,
    env: &Env,
    id: &str,
    jobs: &[&Job],
    actions: &mut Vec<UiAction>,
) {
    if jobs.is_empty() {
        ui.weak(env.tr("还没有工作。", "No jobs yet."));
        return;
    }
    let mut jobs = jobs.to_vec();
    jobs.sort_by_key(|j| std::cmp::Reverse((j.number.year, j.number.seq)));
    egui::Grid::new(id)
        .num_columns(4)
        .spacing([16.0, 6.0])
        .striped(true)
        .show(ui, |ui| {
            ui.strong(env.tr("工作号", "Number"));
            ui.strong(env.tr("标题", "Title"));
            ui.strong(env.tr("状态", "Status"));
            ui.strong(env.tr("截止日期", "Due date"));
            ui.end_row();
            for j in jobs {
                if ui.link(&j.number.text).clicked() {
                    actions.push(UiAction::Navigate(Route::Job(j.id)));
                }
                if ui.link(&j.title).clicked() {
                    actions.push(UiAction::Navigate(Route::Job(j.id)));
                }
                ui.label(format::job_status(j.status, env.lang));
                ui.label(due_text(ui, env, j));
                ui.end_row();
            }
        });
}

/// The new-job form; the number is issued when it is saved.
pub(crate) fn new_job_ui(
    ui: &mut Ui,
    env: &Env,
    client: Option<ClientId>,
    form: &mut Form<Option<ClientId>, JobDraft>,
    actions: &mut Vec<UiAction>,
) {
    // An AE who opens a new job is usually the one who will run it.
    let me = env
        .current_user
        .and_then(|u| env.data.user(u))
        .filter(|u| u.active && u.role == Role::AccountExecutive)
        .map(|u| u.id);
    form.sync(client, env.data.generation, || JobDraft {
        client_id: client,
        team: crate::domain::Team {
            ae: me,
            ..Default::default()
        },
        requested_on: env.today.format("%Y-%m-%d").to_string(),
        ..JobDraft::default()
    });
    ui.horizontal(|ui| {
        ui.heading(env.tr("新建工作", "New job"));
        widgets::unsaved_marker(ui, env, form.is_dirty());
    });
    ui.weak(env.tr("保存后自动生成工作号", "The job number is issued on save"));
    ui.separator();
    job_fields_ui(ui, env, "new_job", &mut form.draft);
    ui.add_space(8.0);
    if widgets::save_button(ui, env, env.tr("保存", "Save"), form.is_dirty()) {
        actions.push(UiAction::Command(Command::CreateJob(form.draft.clone())));
    }
}

/// The editable fields of a job.
pub(crate) fn job_fields_ui(ui: &mut Ui, env: &Env, salt: &str, d: &mut JobDraft) {
    widgets::form_grid(salt).show(ui, |ui| {
        widgets::text_row(ui, env.tr("标题", "Title"), &mut d.title);

        let l = ui.label(env.tr("所属客户", "Client"));
        let none = env.tr("请选择", "Choose");
        let chosen = d.client_id.map_or(none, |id| env.data.client_name(id));
        let before = d.client_id;
        let r = egui::ComboBox::from_id_salt((salt, "client"))
            .selected_text(chosen)
            .show_ui(ui, |ui| {
                for c in env.data.clients.iter().filter(|c| !c.archived) {
                    ui.selectable_value(&mut d.client_id, Some(c.id), c.display_name());
                }
            })
            .response;
        let _ = r.labelled_by(l.id);
        ui.end_row();
        if d.client_id != before {
            d.brand_id = None;
        }

        let l = ui.label(env.tr("品牌", "Brand"));
        let no_brand = env.tr("无", "None");
        let chosen = d
            .brand_id
            .and_then(|id| env.data.brand(id))
            .map_or(no_brand, |b| b.name.as_str());
        let r = egui::ComboBox::from_id_salt((salt, "brand"))
            .selected_text(chosen)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut d.brand_id, None, no_brand);
                if let Some(client) = d.client_id {
                    for b in env.data.brands_of(client) {
                        ui.selectable_value(&mut d.brand_id, Some(b.id), &b.name);
                    }
                }
            })
            .response;
        let _ = r.labelled_by(l.id);
        ui.end_row();

        let ae = env.tr("客户执行", "AE");
        let am = env.tr("客户经理", "AM");
        let ad = env.tr("客户总监", "AD");
        widgets::user_row(ui, env, &format!("{salt}_ae"), ae, &mut d.team.ae);
        widgets::user_row(ui, env, &format!("{salt}_am"), am, &mut d.team.am);
        widgets::user_row(ui, env, &format!("{salt}_ad"), ad, &mut d.team.ad);
        let iso = |d: chrono::NaiveDate| d.format("%Y-%m-%d").to_string();
        widgets::date_row_hinted(
            ui,
            env,
            env.tr("申请日期", "Requested on"),
            &mut d.requested_on,
            &iso(env.today),
        );
        // The example due date follows the request date (two weeks on), never before it.
        let requested = format::parse_date(&d.requested_on).unwrap_or(env.today);
        let example = iso(requested + chrono::Duration::days(14));
        widgets::date_row_hinted(
            ui,
            env,
            env.tr("截止日期", "Due date"),
            &mut d.due_on,
            &example,
        )
        .on_hover_text(match env.lang {
            Lang::Zh => format!("例如 {example}，不早于申请日期，可留空"),
            Lang::En => format!("e.g. {example}, not before the request date; may be empty"),
        });
    });
}
