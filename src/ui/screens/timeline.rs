//! The portfolio timeline (工作总览): every job of the agency, of a client, of the current
//! user or of a colleague, as one line of its schedule — span, progress, late tasks,
//! milestones and the next client action — late jobs first. A click opens the job's schedule.

use super::widgets::rgb;
use crate::domain::portfolio::{self, JobLine};
use crate::domain::{JobId, JobStatus, Lang};
use crate::reports::schedule::{CLIENT_ACTION_MARK, palette};
use crate::ui::model::{Env, Route, TimelineScope, UiAction};
use chrono::{Datelike, Duration, NaiveDate};
use egui::{Align2, FontId, Pos2, Rect, Sense, Stroke, Ui, Vec2};

const ROW: f32 = 34.0;
const LABEL_WIDTH: f32 = 300.0;
const HEADER: f32 = 24.0;
/// Room right of the chart for the progress after the last bar ("100%").
const PROGRESS_ROOM: f32 = 48.0;
/// Size of the month labels: as legible as the rows' client line, not smaller.
const MONTH_FONT: f32 = 12.0;

/// One row: the job's line and what is printed beside it.
#[derive(Debug, Clone)]
struct TimelineRow {
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
    rows: Vec<TimelineRow>,
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
            scope.includes(j, env.current_user)
                && (self.archived || j.status != JobStatus::Archived)
        });
        for job in jobs {
            match env.store.schedule(job.id) {
                Ok(Some(s)) => match JobLine::of(job.id, &s.schedule, env.today) {
                    Some(line) => self.rows.push(TimelineRow {
                        line,
                        number: job.number.text.clone(),
                        title: job.title.clone(),
                        client: env.data.client_name(job.client_id).to_string(),
                    }),
                    None => self.unplanned += 1,
                },
                Ok(None) => self.unplanned += 1,
                Err(e) => {
                    self.error = Some(e.message(env.lang));
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
            scope_ui(ui, env, scope, actions);
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
        let width = (ui.available_width() - LABEL_WIDTH - PROGRESS_ROOM).max(200.0);
        let day = width / days as f32;
        let axis = Axis { first, day };

        let (header, _) = ui.allocate_exact_size(
            Vec2::new(LABEL_WIDTH + width + PROGRESS_ROOM, HEADER),
            Sense::hover(),
        );
        let painter = ui.painter_at(header);
        let left = header.left() + LABEL_WIDTH;
        let font = FontId::proportional(MONTH_FONT);
        let colour = ui.visuals().text_color();
        let months = month_starts(first, last);
        // Every month gets a tick; names go every `step` months (1, 2, 3, 6 or 12), as
        // often as the widest name with its year fits.
        let widest = months
            .iter()
            .map(|m| painter.layout_no_wrap(month_label(env.lang, *m, true), font.clone(), colour))
            .map(|g| g.size().x)
            .fold(0.0, f32::max);
        let month_width = day * 30.4;
        let step = [1, 2, 3, 6, 12]
            .into_iter()
            .find(|k| month_width * *k as f32 >= widest + 10.0)
            .unwrap_or(12);
        // A month that gets a name gets a full-height line before it; the others a short
        // tick at the bottom that never strikes through a name.
        for m in &months {
            let x = axis.x(left, (*m).max(first));
            let top = if m.month0().is_multiple_of(step) {
                header.top()
            } else {
                header.bottom() - 5.0
            };
            painter.line_segment(
                [Pos2::new(x, top), Pos2::new(x, header.bottom())],
                Stroke::new(1.0, ui.visuals().weak_text_color()),
            );
        }
        // The first month usually starts before the chart does: it is named only when its
        // name fits before the next one.
        let next_named = months
            .iter()
            .skip(1)
            .find(|m| m.month0().is_multiple_of(step))
            .map_or(header.right(), |m| axis.x(left, *m));
        let name_first = next_named - axis.x(left, first) >= widest + 10.0;
        let mut free_from = f32::NEG_INFINITY;
        for (m, name) in month_names(env.lang, &months, step, name_first) {
            let galley = painter.layout_no_wrap(name, font.clone(), colour);
            let at = axis.x(left, m.max(first)) + 3.0;
            if at >= free_from && at + galley.size().x <= header.right() {
                free_from = at + galley.size().x + 8.0;
                painter.galley(
                    Pos2::new(at, header.center().y - galley.size().y / 2.0),
                    galley,
                    colour,
                );
            }
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

/// The first day of every month from the one holding `first` to the one holding `last`.
fn month_starts(first: NaiveDate, last: NaiveDate) -> Vec<NaiveDate> {
    let mut months = Vec::new();
    let mut m = first.with_day(1).unwrap_or(first);
    while m <= last {
        months.push(m);
        match m.checked_add_months(chrono::Months::new(1)) {
            Some(next) => m = next,
            None => break,
        }
    }
    months
}

/// The months named on the header, with their names: every `step`-th month of the year
/// (and the first month too when `name_first`). The first name, and the first name of each
/// new year, carry the year, so a span of many months never leaves the reader guessing
/// which year a month is in.
fn month_names(
    lang: Lang,
    months: &[NaiveDate],
    step: u32,
    name_first: bool,
) -> Vec<(NaiveDate, String)> {
    let mut names = Vec::new();
    let mut year_shown = None;
    for (i, m) in months.iter().enumerate() {
        let named = if i == 0 {
            name_first
        } else {
            m.month0().is_multiple_of(step.max(1))
        };
        if named {
            let with_year = year_shown != Some(m.year());
            year_shown = Some(m.year());
            names.push((*m, month_label(lang, *m, with_year)));
        }
    }
    names
}

/// A month's name on the header: `2027年1月` / `Jan 2027` with its year, `2月` / `Feb`
/// without.
fn month_label(lang: Lang, month: NaiveDate, with_year: bool) -> String {
    match (lang, with_year) {
        (Lang::Zh, true) => format!("{}年{}月", month.year(), month.month()),
        (Lang::Zh, false) => format!("{}月", month.month()),
        (Lang::En, true) => month.format("%b %Y").to_string(),
        (Lang::En, false) => month.format("%b").to_string(),
    }
}

/// The kinds of scope, the first picker: a colleague's and a client's jobs need a second
/// picker for which one (a list of every colleague and client would not fit one menu).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ScopeKind {
    All,
    Mine,
    Person,
    Client,
}

/// The scope pickers: all jobs, mine, a colleague's or a client's; then which colleague or
/// client. Choosing navigates, so the scope is part of the route (and of "back").
fn scope_ui(ui: &mut Ui, env: &Env, scope: TimelineScope, actions: &mut Vec<UiAction>) {
    let kind = match scope {
        TimelineScope::All => ScopeKind::All,
        TimelineScope::Mine => ScopeKind::Mine,
        TimelineScope::Person(_) => ScopeKind::Person,
        TimelineScope::Client(_) => ScopeKind::Client,
    };
    let kind_label = |k: ScopeKind| match k {
        ScopeKind::All => env.tr("全部工作", "All jobs"),
        ScopeKind::Mine => env.tr("我参与的工作", "My jobs"),
        ScopeKind::Person => env.tr("同事参与的工作", "A colleague's jobs"),
        ScopeKind::Client => env.tr("客户的工作", "A client's jobs"),
    };
    // A colleague other than me first (mine are one choice up), else anyone.
    let colleague = env
        .data
        .active_users()
        .find(|u| Some(u.id) != env.current_user)
        .or_else(|| env.data.active_users().next())
        .map(|u| u.id);
    let client = env.data.clients.iter().find(|c| !c.archived).map(|c| c.id);
    let mut go = |to: TimelineScope| {
        if to != scope {
            actions.push(UiAction::Navigate(Route::Timeline(to)));
        }
    };
    let l = ui.label(env.tr("范围", "Showing"));
    egui::ComboBox::from_id_salt("timeline_scope")
        .selected_text(kind_label(kind))
        .show_ui(ui, |ui| {
            for k in [
                ScopeKind::All,
                ScopeKind::Mine,
                ScopeKind::Person,
                ScopeKind::Client,
            ] {
                let to = match k {
                    ScopeKind::All => Some(TimelineScope::All),
                    ScopeKind::Mine => Some(TimelineScope::Mine),
                    ScopeKind::Person => colleague.map(TimelineScope::Person),
                    ScopeKind::Client => client.map(TimelineScope::Client),
                };
                let r = ui.add_enabled(
                    to.is_some(),
                    egui::Button::selectable(k == kind, kind_label(k)),
                );
                if r.clicked()
                    && k != kind
                    && let Some(to) = to
                {
                    go(to);
                }
            }
        })
        .response
        .labelled_by(l.id);
    match scope {
        TimelineScope::Person(who) => {
            let l = ui.label(env.tr("同事", "Colleague"));
            egui::ComboBox::from_id_salt("timeline_person")
                .selected_text(env.data.user_name(Some(who)))
                .show_ui(ui, |ui| {
                    for u in env.data.active_users() {
                        if ui.selectable_label(u.id == who, &u.name).clicked() {
                            go(TimelineScope::Person(u.id));
                        }
                    }
                })
                .response
                .labelled_by(l.id);
        }
        TimelineScope::Client(id) => {
            let l = ui.label(env.tr("客户", "Client"));
            egui::ComboBox::from_id_salt("timeline_client")
                .selected_text(env.data.client_name(id))
                .show_ui(ui, |ui| {
                    for c in env
                        .data
                        .clients
                        .iter()
                        .filter(|c| !c.archived || c.id == id)
                    {
                        if ui.selectable_label(c.id == id, c.display_name()).clicked() {
                            go(TimelineScope::Client(c.id));
                        }
                    }
                })
                .response
                .labelled_by(l.id);
        }
        TimelineScope::All | TimelineScope::Mine => {}
    }
}

/// `text` laid out on one line no wider than `width`, cut with "…" if it is longer.
fn fitted(
    painter: &egui::Painter,
    text: String,
    size: f32,
    colour: egui::Color32,
    width: f32,
) -> std::sync::Arc<egui::Galley> {
    let mut job =
        egui::text::LayoutJob::simple_singleline(text, FontId::proportional(size), colour);
    job.wrap = egui::text::TextWrapping::truncate_at_width(width);
    painter.layout_job(job)
}

/// One job: its label on the left, its line on the right. Returns whether it was clicked.
fn row_ui(ui: &mut Ui, env: &Env, row: &TimelineRow, axis: Axis, width: f32) -> bool {
    let (rect, response) = ui.allocate_exact_size(
        Vec2::new(LABEL_WIDTH + width + PROGRESS_ROOM, ROW),
        Sense::click(),
    );
    let label = format!(
        "{}{} {}",
        env.tr("时间线：", "Timeline: "),
        row.number,
        row.title
    );
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, label.as_str()));
    let mut response = response.on_hover_cursor(egui::CursorIcon::PointingHand);
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
    // Label: number and title, client (and lateness) below, each cut with "…" to the label
    // column so that a long title never runs under the bars; the hover shows it whole.
    let text = visuals.text_color();
    let room = LABEL_WIDTH - 14.0;
    let title = fitted(
        &painter,
        format!("{}  {}", row.number, row.title),
        13.0,
        text,
        room,
    );
    let cut = title.elided;
    painter.galley(
        Pos2::new(rect.left() + 4.0, rect.top() + 10.0 - title.size().y / 2.0),
        title,
        text,
    );
    let below = match (l.late, env.lang) {
        (0, _) => row.client.clone(),
        (n, Lang::Zh) => format!("{} · ⚠ {n} 项延误", row.client),
        (n, Lang::En) => format!("{} · ⚠ {n} late", row.client),
    };
    let colour = if l.late > 0 {
        late
    } else {
        visuals.weak_text_color()
    };
    let below = fitted(&painter, below, 11.0, colour, room);
    painter.galley(
        Pos2::new(rect.left() + 4.0, rect.top() + 25.0 - below.size().y / 2.0),
        below,
        colour,
    );
    if cut {
        response = response.on_hover_text(format!("{}  {}", row.number, row.title));
    }
    let left = rect.left() + LABEL_WIDTH;

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

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn names(lang: Lang, first: &str, last: &str, step: u32, name_first: bool) -> Vec<String> {
        let months = month_starts(d(first), d(last));
        month_names(lang, &months, step, name_first)
            .into_iter()
            .map(|(_, n)| n)
            .collect()
    }

    #[test]
    fn months_carry_their_year_at_the_start_and_at_each_new_year() {
        assert_eq!(
            names(Lang::Zh, "2026-11-23", "2027-02-10", 1, true),
            ["2026年11月", "12月", "2027年1月", "2月"]
        );
        // The first month's name did not fit: the next one carries the year.
        assert_eq!(
            names(Lang::En, "2026-11-28", "2027-02-10", 1, false),
            ["Dec 2026", "Jan 2027", "Feb"]
        );
        // Eighteen months, a name every quarter.
        assert_eq!(
            names(Lang::Zh, "2026-11-01", "2028-04-30", 3, true),
            [
                "2026年11月",
                "2027年1月",
                "4月",
                "7月",
                "10月",
                "2028年1月",
                "4月"
            ]
        );
        assert_eq!(
            names(Lang::En, "2026-12-15", "2029-01-10", 12, false),
            ["Jan 2027", "Jan 2028", "Jan 2029"]
        );
    }
}
