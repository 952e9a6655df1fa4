//! A client's ad archive (客户广告档案): every creative work made for the client, as a wall of
//! cards by year and medium or as a table, filtered by medium, year and words; a work whose
//! rights lapse soon (or have lapsed while it runs) says so on its card. New works are
//! recorded here.

use super::widgets;
use super::work::WorkForm;
use crate::domain::creative::{CreativeWork, Medium};
use crate::domain::{ClientId, DocumentId, FileRef};
use crate::services::Command;
use crate::ui::model::{ClientTab, Env, Route, UiAction};
use chrono::Datelike;
use egui::{RichText, Ui};
use std::sync::Arc;

/// The newest file of each document, by document.
type DocumentFiles = std::collections::HashMap<DocumentId, FileRef>;

/// The archive page's state.
#[derive(Debug, Default)]
pub(crate) struct ArchivePage {
    /// The client's works (or why they could not be read), newest first.
    works: widgets::PerGeneration<ClientId, Result<Vec<CreativeWork>, String>>,
    table: bool,
    medium: Option<Medium>,
    year: Option<i32>,
    filter: String,
    adding: Option<WorkForm>,
    problem: Option<String>,
    /// The newest file of each of the client's documents: a work's card shows the
    /// thumbnail of its first picture.
    files: widgets::PerGeneration<ClientId, DocumentFiles>,
    thumbs: super::thumbs::Thumbs,
}

impl ArchivePage {
    /// Whether the new-work form holds something typed.
    pub fn is_dirty(&self) -> bool {
        self.adding
            .as_ref()
            .is_some_and(|f| !f.title.trim().is_empty())
    }

    /// Drops the new-work form.
    pub fn discard(&mut self) {
        self.adding = None;
        self.problem = None;
    }

    /// Pushes the new work (Ctrl+S).
    pub fn save(&mut self, env: &Env, actions: &mut Vec<UiAction>) {
        let Some(form) = &self.adding else {
            return;
        };
        match form.draft(env) {
            Ok(d) => {
                self.problem = None;
                actions.push(UiAction::Command(Command::AddCreativeWork(Box::new(d))));
            }
            Err(e) => self.problem = Some(e),
        }
    }

    /// A work was created from the form.
    pub fn on_created(&mut self) {
        self.adding = None;
    }

    fn works(&mut self, env: &Env, client: ClientId) -> Arc<Result<Vec<CreativeWork>, String>> {
        self.works.get(env, client, || {
            let mut works = env
                .store
                .client_works(client)
                .map_err(|e| e.message(env.lang))?;
            works.sort_by_key(|w| std::cmp::Reverse((year_of(w), w.id)));
            Ok(works)
        })
    }

    /// Draws the page.
    pub fn ui(&mut self, ui: &mut Ui, env: &Env, client: ClientId, actions: &mut Vec<UiAction>) {
        let read = self.works(env, client);
        let works = match read.as_ref() {
            Ok(w) => w,
            Err(e) => {
                ui.colored_label(ui.visuals().error_fg_color, e);
                return;
            }
        };
        ui.horizontal(|ui| {
            ui.heading(format!(
                "{} — {}",
                env.tr("广告作品档案", "Ad archive"),
                env.data.client_name(client)
            ));
            widgets::unsaved_marker(ui, env, self.is_dirty());
            if ui
                .button(env.tr("返回客户", "Back to the client"))
                .clicked()
            {
                actions.push(UiAction::Navigate(Route::Client(
                    client,
                    ClientTab::Details,
                )));
            }
            if ui.button(env.tr("新增作品", "Add a work")).clicked() && self.adding.is_none() {
                self.adding = Some(WorkForm::new(client));
            }
        });
        if let Some(form) = &mut self.adding {
            ui.strong(env.tr("新增作品", "Add a work"));
            form.ui(ui, env, "new_work_form");
            if let Some(p) = &self.problem {
                ui.colored_label(ui.visuals().error_fg_color, p);
            }
            let ready = !form.title.trim().is_empty();
            let mut cancel = false;
            ui.horizontal(|ui| {
                if widgets::save_button(ui, env, env.tr("保存作品", "Save the work"), ready) {
                    self.save(env, actions);
                }
                cancel = ui.button(env.tr("取消", "Cancel")).clicked();
            });
            if cancel {
                self.discard();
            }
            ui.separator();
        }
        self.filters_ui(ui, env, works);
        let needle = self.filter.trim().to_lowercase();
        let shown: Vec<&CreativeWork> = works
            .iter()
            .filter(|w| self.medium.is_none_or(|m| w.medium == m))
            .filter(|w| self.year.is_none_or(|y| year_of(w) == Some(y)))
            .filter(|w| needle.is_empty() || matches(w, &needle))
            .collect();
        egui::ScrollArea::vertical()
            .id_salt(("archive", client.0))
            .auto_shrink([false, false])
            .show(ui, |ui| {
                if shown.is_empty() {
                    ui.weak(env.tr(
                        "没有作品。点“新增作品”记录为客户制作的广告。",
                        "No works. Record the ads made for the client with “Add a work”.",
                    ));
                } else if self.table {
                    table_ui(ui, env, &shown, actions);
                } else {
                    let files = self.files(env, client);
                    let thumbs = &mut self.thumbs;
                    let mut picture = |ui: &Ui, w: &CreativeWork| {
                        // A picture (the key visual) before a PDF's first page.
                        let mut listed: Vec<&FileRef> =
                            w.documents.iter().filter_map(|d| files.get(d)).collect();
                        listed.sort_by_key(|f| {
                            !crate::services::thumbs::is_picture(&f.original_name)
                        });
                        listed
                            .into_iter()
                            .find_map(|f| thumbs.get(ui.ctx(), env.store, f))
                    };
                    wall_ui(ui, env, &shown, &mut picture, actions);
                }
            });
    }

    /// The newest file of each of the client's documents.
    fn files(&mut self, env: &Env, client: ClientId) -> Arc<DocumentFiles> {
        self.files.get(env, client, || {
            env.store
                .client_documents(client)
                .unwrap_or_default()
                .into_iter()
                .filter(|d| d.trashed.is_none())
                .filter_map(|d| d.current().map(|v| (d.id, v.file.clone())))
                .collect()
        })
    }

    fn filters_ui(&mut self, ui: &mut Ui, env: &Env, works: &[CreativeWork]) {
        ui.horizontal(|ui| {
            ui.selectable_value(&mut self.table, false, env.tr("作品墙", "Wall"));
            ui.selectable_value(&mut self.table, true, env.tr("表格", "Table"));
            ui.separator();
            let media: Vec<_> = Medium::ALL
                .into_iter()
                .map(|m| (m, env.tr(m.names().0, m.names().1).to_string()))
                .collect();
            let label = env.tr("媒体", "Medium");
            widgets::narrow_combo(ui, env, "archive_medium", label, &mut self.medium, &media);
            let years = widgets::year_options(works.iter().filter_map(year_of));
            let label = env.tr("年份", "Year");
            widgets::narrow_combo(ui, env, "archive_year", label, &mut self.year, &years);
            let l = ui.label(env.tr("筛选", "Filter"));
            ui.add(
                egui::TextEdit::singleline(&mut self.filter)
                    .hint_text(env.tr("标题、活动、批准文号", "Title, campaign, approval no."))
                    .desired_width(220.0),
            )
            .labelled_by(l.id);
        });
    }
}

/// The year a work is filed under: the year it first ran, else the year it was recorded.
fn year_of(w: &CreativeWork) -> Option<i32> {
    Some(w.ran.map_or_else(
        || w.audit.created.at.date_naive().year(),
        |(first, _)| first.year(),
    ))
}

fn matches(w: &CreativeWork, needle: &str) -> bool {
    w.searched_texts()
        .iter()
        .any(|t| t.to_lowercase().contains(needle))
}

fn ran_text(env: &Env, w: &CreativeWork) -> String {
    match w.ran {
        None => "—".into(),
        Some((first, None)) => format!(
            "{} {}",
            crate::domain::format::date(first, env.lang),
            env.tr("起", "on")
        ),
        Some((first, Some(last))) => format!(
            "{} – {}",
            crate::domain::format::date(first, env.lang),
            crate::domain::format::date(last, env.lang)
        ),
    }
}

/// Cards under each year, newest year first, as many across as the window holds.
fn wall_ui(
    ui: &mut Ui,
    env: &Env,
    works: &[&CreativeWork],
    picture: &mut dyn FnMut(&Ui, &CreativeWork) -> Option<egui::TextureHandle>,
    actions: &mut Vec<UiAction>,
) {
    let mut by_year: Vec<(Option<i32>, Vec<&CreativeWork>)> = Vec::new();
    for w in works {
        match by_year.last_mut() {
            Some((y, list)) if *y == year_of(w) => list.push(w),
            _ => by_year.push((year_of(w), vec![w])),
        }
    }
    let across = ((ui.available_width() / 262.0).floor() as usize).max(1);
    for (year, list) in by_year {
        ui.add_space(6.0);
        ui.heading(year.map_or_else(String::new, |y| y.to_string()));
        egui::Grid::new(("archive_wall", year))
            .spacing([12.0, 12.0])
            .show(ui, |ui| {
                for row in list.chunks(across) {
                    for w in row {
                        let thumb = picture(ui, w);
                        card_ui(ui, env, w, thumb, actions);
                    }
                    ui.end_row();
                }
            });
    }
}

/// One line per work.
fn table_ui(ui: &mut Ui, env: &Env, works: &[&CreativeWork], actions: &mut Vec<UiAction>) {
    let zh = env.lang == crate::domain::Lang::Zh;
    egui::Grid::new("archive_table")
        .striped(true)
        .num_columns(7)
        .spacing([12.0, 6.0])
        .show(ui, |ui| {
            for h in [
                env.tr("媒体", "Medium"),
                env.tr("作品", "Work"),
                env.tr("活动", "Campaign"),
                env.tr("规格", "Format"),
                env.tr("投放期", "Ran"),
                env.tr("审查批准文号", "Approval no."),
                env.tr("权利提醒", "Rights"),
            ] {
                ui.strong(h);
            }
            ui.end_row();
            for w in works {
                ui.label(env.tr(w.medium.names().0, w.medium.names().1));
                if ui.link(&w.title).clicked() {
                    actions.push(UiAction::Navigate(Route::Work(w.id)));
                }
                ui.label(&w.campaign);
                ui.label(&w.format);
                ui.label(ran_text(env, w));
                ui.label(&w.approval_number);
                let alerts = w.alerts(env.today);
                match alerts.first() {
                    Some(a) => {
                        ui.colored_label(ui.visuals().warn_fg_color, a.describe(zh));
                    }
                    None => {
                        ui.label("");
                    }
                }
                ui.end_row();
            }
        });
}

/// One card of the wall: medium and format, the title as a link, campaign, when it ran, and
/// the first right that needs attention.
fn card_ui(
    ui: &mut Ui,
    env: &Env,
    w: &CreativeWork,
    thumb: Option<egui::TextureHandle>,
    actions: &mut Vec<UiAction>,
) {
    let zh = env.lang == crate::domain::Lang::Zh;
    egui::Frame::group(ui.style())
        .inner_margin(10.0)
        .show(ui, |ui| {
            ui.set_width(230.0);
            ui.set_min_height(120.0);
            ui.vertical(|ui| {
                if let Some(t) = &thumb {
                    let alt = format!("{}{}", env.tr("缩略图：", "Thumbnail: "), w.title);
                    ui.add(
                        egui::Image::new(t)
                            .max_size(egui::vec2(230.0, 130.0))
                            .alt_text(alt),
                    );
                }
                ui.horizontal(|ui| {
                    ui.label(
                        RichText::new(env.tr(w.medium.names().0, w.medium.names().1))
                            .strong()
                            .color(crate::ui::theme::palette(ui.visuals()).accent),
                    );
                    ui.weak(&w.format);
                });
                ui.push_id(("work_card", w.id.0), |ui| {
                    if ui.link(RichText::new(&w.title).size(15.0)).clicked() {
                        actions.push(UiAction::Navigate(Route::Work(w.id)));
                    }
                });
                if !w.campaign.is_empty() {
                    ui.label(&w.campaign);
                }
                ui.weak(ran_text(env, w));
                if let Some(a) = w.alerts(env.today).first() {
                    ui.colored_label(ui.visuals().warn_fg_color, a.describe(zh));
                }
            });
        });
}
