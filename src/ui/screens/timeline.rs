//! The portfolio timeline (工作总览): every job of a client, or of the current user, as one
//! line of its schedule — span, progress, late tasks, milestones and the next client action —
//! late jobs first. A click opens the job's schedule.

use super::widgets::rgb;
use crate::domain::portfolio::{self, JobLine};
use crate::domain::{JobId, JobStatus, Lang};
use crate::reports::schedule::{CLIENT_ACTION_MARK, palette};
use crate::ui::model::{Env, Route, TimelineScope, UiAction};
use chrono::{Datelike, Duration, NaiveDate};
use egui::{Align2, FontId, Pos2, Rect, Sense, Stroke, Ui, Vec2};

const ROW: f32 = 34.0;
const LABEL_WIDTH: f32 = 300.0;
const HEADER: f32 = 22.0;

/// One row: the job's line and what is printed beside it.
#[derive(Debug, Clone)]
struct Row {
    line: JobLine,
    number: String,
    title: String,
    client: String,
}

/// What the screen keeps between frames: the lines, rebuilt when the data, the scope or the
/// filter changes.
#[derive(Debug, Default)]
pub(crate) struct TimelinePage {
    key: Option<(TimelineScope, u64, bool, NaiveDate)>,
    rows: Vec<Row>,
    /// Jobs in scope without a schedule.
    unplanned: usize,
    error: Option<String>,
    /// Show archived jobs too.
    archived: bool,
}

impl TimelinePage {
    fn refresh(&mut self, env: &Env, scope: TimelineScope) {
        let key = (scope, env.data.generation, self.archived, env.today);
        if self.key == Some(key) {
            return;
        }
        self.key = Some(key);
        self.rows.clear();
        self.unplanned = 0;
        self.error = None;
        let jobs = env.data.jobs.iter().filter(|j| {
            let in_scope = match scope {
                TimelineScope::Client(id) => j.client_id == id,
                TimelineScope::Mine => env
                    .current_user
                    .is_some_and(|u| [j.team.ae, j.team.am, j.team.ad].contains(&Some(u))),
            };
            in_scope && (self.archived || j.status != JobStatus::Archived)
        });
        for job in jobs {
            match env.store.schedule(job.id) {
                Ok(Some(s)) => match JobLine::of(job.id, &s.schedule, env.today) {
                    Some(line) => self.rows.push(Row {
                        line,
                        number: job.number.text.clone(),
                        title: job.title.clone(),
                        client: env.data.client_name(job.client_id).to_string(),
                    }),
                    None => self.unplanned += 1,
                },
                Ok(None) => self.unplanned += 1,
                Err(e) => {
                    self.error = Some(e.to_string());
                    break;
                }
            }
        }
        let mut lines: Vec<JobLine> = self.rows.iter().map(|r| r.line.clone()).collect();
        portfolio::order(&mut lines);
        let position = |job: JobId| lines.iter().position(|l| l.job == job);
        self.rows
            .sort_by_key(|r| position(r.line.job).unwrap_or(usize::MAX));
    }

    /// Draws the timeline of `scope`.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        env: &Env,
        scope: TimelineScope,
        actions: &mut Vec<UiAction>,
    ) {
        self.refresh(env, scope);
        ui.horizontal(|ui| {
            ui.heading(env.tr("工作总览", "Timeline"));
            let current = match scope {
                TimelineScope::Mine => env.tr("我参与的工作", "My jobs").to_string(),
                TimelineScope::Client(id) => env.data.client_name(id).to_string(),
            };
            let l = ui.label(env.tr("范围", "Showing"));
            let r = egui::ComboBox::from_id_salt("timeline_scope")
                .selected_text(current)
                .show_ui(ui, |ui| {
                    if ui
                        .selectable_label(
                            scope == TimelineScope::Mine,
                            env.tr("我参与的工作", "My jobs"),
                        )
                        .clicked()
                    {
                        actions.push(UiAction::Navigate(Route::Timeline(TimelineScope::Mine)));
                    }
                    for c in env.data.clients.iter().filter(|c| !c.archived) {
                        let this = TimelineScope::Client(c.id);
                        if ui
                            .selectable_label(scope == this, c.display_name())
                            .clicked()
                        {
                            actions.push(UiAction::Navigate(Route::Timeline(this)));
                        }
                    }
                })
                .response;
            let _ = r.labelled_by(l.id);
            ui.checkbox(&mut self.archived, env.tr("含已归档", "Include archived"));
            let late = self.rows.iter().filter(|r| r.line.late > 0).count();
            let summary = match env.lang {
                Lang::Zh => format!("{} 个工作，{late} 个有延误", self.rows.len()),
                Lang::En => format!("{} jobs, {late} with late tasks", self.rows.len()),
            };
            ui.weak(summary);
        });
        if scope == TimelineScope::Mine && env.current_user.is_none() {
            ui.weak(env.tr(
                "请先在右上角选择当前用户。",
                "Choose the current user (top right) first.",
            ));
        }
        if let Some(e) = &self.error {
            ui.colored_label(ui.visuals().error_fg_color, e.as_str());
        }
        ui.separator();
        if self.rows.is_empty() {
            ui.weak(env.tr("没有带进度表的工作。", "No jobs with a schedule."));
        } else {
            self.chart_ui(ui, env, actions);
        }
        if self.unplanned > 0 {
            ui.weak(match env.lang {
                Lang::Zh => format!("另有 {} 个工作还没有进度表。", self.unplanned),
                Lang::En => format!("{} more jobs have no schedule yet.", self.unplanned),
            });
        }
    }

    /// The date header, then the rows in a scroll area that lays out only what is visible.
    fn chart_ui(&self, ui: &mut Ui, env: &Env, actions: &mut Vec<UiAction>) {
        let first = self
            .rows
            .iter()
            .map(|r| r.line.start)
            .min()
            .unwrap_or(env.today);
        let last = self
            .rows
            .iter()
            .map(|r| r.line.end)
            .max()
            .unwrap_or(env.today);
        let first = first.min(env.today) - Duration::days(3);
        let last = last.max(env.today) + Duration::days(3);
        let days = (last - first).num_days().max(1) + 1;
        // Room on the right for the percentage after the last bar.
        let width = (ui.available_width() - LABEL_WIDTH - 48.0).max(200.0);
        let day = width / days as f32;
        let axis = Axis { first, day };

        let (header, _) =
            ui.allocate_exact_size(Vec2::new(LABEL_WIDTH + width, HEADER), Sense::hover());
        let painter = ui.painter_at(header);
        let visuals = ui.visuals().clone();
        let left = header.left() + LABEL_WIDTH;
        let mut month = NaiveDate::from_ymd_opt(first.year(), first.month(), 1).unwrap_or(first);
        while month <= last {
            let x = axis.x(left, month.max(first));
            painter.line_segment(
                [Pos2::new(x, header.top()), Pos2::new(x, header.bottom())],
                Stroke::new(1.0, visuals.weak_text_color()),
            );
            let label = match (env.lang, day * 30.0 >= 60.0) {
                (Lang::Zh, true) => format!("{}年{}月", month.year(), month.month()),
                (Lang::Zh, false) => format!("{}月", month.month()),
                (Lang::En, true) => month.format("%b %Y").to_string(),
                (Lang::En, false) => month.format("%b").to_string(),
            };
            if day * 30.0 >= 24.0 || month.month() == 1 {
                painter.text(
                    Pos2::new(x + 3.0, header.center().y),
                    Align2::LEFT_CENTER,
                    label,
                    FontId::proportional(11.0),
                    visuals.text_color(),
                );
            }
            month = month
                .checked_add_months(chrono::Months::new(1))
                .unwrap_or(last + Duration::days(1));
        }

        egui::ScrollArea::vertical()
            .id_salt("timeline_rows")
            .auto_shrink([false, false])
            .show_rows(ui, ROW, self.rows.len(), |ui, range| {
                for row in &self.rows[range] {
                    if row_ui(ui, env, row, axis, width) {
                        actions.push(UiAction::Navigate(Route::Schedule(row.line.job)));
                    }
                }
            });
    }
}

/// Days to points.
#[derive(Debug, Clone, Copy)]
struct Axis {
    first: NaiveDate,
    day: f32,
}

impl Axis {
    fn x(&self, left: f32, d: NaiveDate) -> f32 {
        left + (d - self.first).num_days() as f32 * self.day
    }
}

/// One job: its label on the left, its line on the right. Returns whether it was clicked.
fn row_ui(ui: &mut Ui, env: &Env, row: &Row, axis: Axis, width: f32) -> bool {
    let (rect, response) =
        ui.allocate_exact_size(Vec2::new(LABEL_WIDTH + width, ROW), Sense::click());
    let label = format!(
        "{}{} {}",
        env.tr("时间线：", "Timeline: "),
        row.number,
        row.title
    );
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, label.as_str()));
    let response = response.on_hover_cursor(egui::CursorIcon::PointingHand);
    if !ui.is_rect_visible(rect) {
        return response.clicked();
    }
    let painter = ui.painter_at(rect);
    let visuals = ui.visuals();
    if response.hovered() {
        painter.rect_filled(rect, 2.0, visuals.widgets.hovered.weak_bg_fill);
    }
    let l = &row.line;
    let late = rgb(palette::LATE);
    // Label: number and title, client (and lateness) below.
    let text = visuals.text_color();
    painter.text(
        Pos2::new(rect.left() + 4.0, rect.top() + 10.0),
        Align2::LEFT_CENTER,
        format!("{}  {}", row.number, row.title),
        FontId::proportional(13.0),
        text,
    );
    let below = match (l.late, env.lang) {
        (0, _) => row.client.clone(),
        (n, Lang::Zh) => format!("{} · ⚠ {n} 项延误", row.client),
        (n, Lang::En) => format!("{} · ⚠ {n} late", row.client),
    };
    painter.text(
        Pos2::new(rect.left() + 4.0, rect.top() + 25.0),
        Align2::LEFT_CENTER,
        below,
        FontId::proportional(11.0),
        if l.late > 0 {
            late
        } else {
            visuals.weak_text_color()
        },
    );
    // Clip the label so long titles do not run into the chart.
    let left = rect.left() + LABEL_WIDTH;
    painter.rect_filled(
        Rect::from_min_max(Pos2::new(left - 6.0, rect.top()), rect.right_bottom()),
        0.0,
        if response.hovered() {
            visuals.widgets.hovered.weak_bg_fill
        } else {
            visuals.panel_fill
        },
    );

    // Today.
    let today = axis.x(left, env.today) + axis.day / 2.0;
    painter.line_segment(
        [
            Pos2::new(today, rect.top()),
            Pos2::new(today, rect.bottom()),
        ],
        Stroke::new(1.0, late.gamma_multiply(0.6)),
    );
    // The bar: planned span, progress, late outline.
    let bar = Rect::from_min_max(
        Pos2::new(axis.x(left, l.start), rect.top() + 10.0),
        Pos2::new(
            axis.x(left, l.end + Duration::days(1))
                .max(axis.x(left, l.start) + 3.0),
            rect.bottom() - 10.0,
        ),
    );
    let agency = rgb(palette::party(crate::domain::schedule::Party::Agency));
    painter.rect_filled(bar, 3.0, agency.gamma_multiply(0.35));
    painter.rect_filled(
        Rect::from_min_size(
            bar.min,
            Vec2::new(bar.width() * f32::from(l.progress) / 100.0, bar.height()),
        ),
        3.0,
        agency,
    );
    if l.late > 0 {
        painter.rect_stroke(bar, 3.0, Stroke::new(2.0, late), egui::StrokeKind::Outside);
    }
    for m in &l.milestones {
        let c = Pos2::new(axis.x(left, *m) + axis.day / 2.0, bar.center().y);
        painter.add(super::widgets::diamond(
            c,
            6.0,
            rgb(palette::party(crate::domain::schedule::Party::Client)),
            Stroke::new(1.0, text),
        ));
    }
    if let Some((due, _)) = &l.next_client_action {
        painter.text(
            Pos2::new(axis.x(left, *due) + axis.day / 2.0, rect.top() + 5.0),
            Align2::CENTER_CENTER,
            CLIENT_ACTION_MARK,
            FontId::proportional(11.0),
            rgb(palette::CLIENT_ACTION),
        );
    }
    let progress = format!("{}%", l.progress);
    painter.text(
        Pos2::new(bar.right() + 6.0, bar.center().y),
        Align2::LEFT_CENTER,
        progress,
        FontId::proportional(11.0),
        visuals.weak_text_color(),
    );
    let response = match &l.next_client_action {
        Some((due, name)) => response.on_hover_text(match env.lang {
            Lang::Zh => format!("{CLIENT_ACTION_MARK} 客户待办：{name}（{due}）"),
            Lang::En => format!("{CLIENT_ACTION_MARK} Client to do: {name} ({due})"),
        }),
        None => response,
    };
    response.clicked()
}
