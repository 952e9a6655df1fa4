//! The chart beside the task table: one row per task, aligned with the table rows — days
//! off shaded, a today line, bars in the party colours with progress, phases as summary
//! bars over their tasks, milestones as diamonds, dependencies as arrows (red when the
//! dependent starts too early). Bars can be dragged to move a task, their right end to
//! change its end.

use super::{Drag, ROW, Zoom};
use crate::domain::Lang;
use crate::domain::calendar::WorkCalendar;
use crate::domain::schedule::{Schedule, TaskStatus};
use crate::reports::schedule::{CLIENT_ACTION_MARK, palette, party_label};
use crate::ui::model::Env;
use crate::ui::screens::widgets::rgb;
use chrono::{Datelike, Duration, NaiveDate};
use egui::{Align2, Color32, FontId, Pos2, Rect, RichText, Sense, Stroke, Ui, Vec2};

/// The chart beside the table: one row per task, aligned with the table rows.
pub(super) struct Gantt<'a> {
    pub(super) shown: &'a Schedule,
    pub(super) cal: &'a WorkCalendar,
    pub(super) zoom: Zoom,
}

impl Gantt<'_> {
    /// The first day drawn: two days before the first task.
    fn first_day(&self) -> Option<NaiveDate> {
        self.shown
            .span()
            .map(|(first, _)| first - Duration::days(2))
    }

    /// Where to scroll so that `today` shows a little in from the left edge; 0 when today is
    /// outside the schedule.
    pub(super) fn today_offset(&self, today: NaiveDate) -> f32 {
        match (self.first_day(), self.shown.span()) {
            (Some(first), Some((_, last))) if today > first && today <= last => {
                ((today - first).num_days() as f32 * self.zoom.day_width() - 160.0).max(0.0)
            }
            _ => 0.0,
        }
    }

    /// Paints the chart; bars can be dragged to move a task, their right end to change its end.
    /// Returns the finished drag, if one was let go this frame.
    pub(super) fn ui(&self, ui: &mut Ui, env: &Env, drag: &mut Option<Drag>) -> Option<Drag> {
        let (shown, cal, zoom) = (self.shown, self.cal, self.zoom);
        let (first, last) = shown.span()?;
        let first = first - Duration::days(2);
        let last = last + Duration::days(3);
        let days = (last - first).num_days() + 1;
        let w = zoom.day_width();
        let size = Vec2::new(days as f32 * w, ROW * (shown.tasks.len() as f32 + 1.0));
        let (rect, _) = ui.allocate_exact_size(size, Sense::hover());
        let painter = ui.painter_at(rect);
        let x_of = |d: NaiveDate| rect.left() + (d - first).num_days() as f32 * w;
        let visuals = ui.visuals().clone();
        let shade = if visuals.dark_mode {
            Color32::from_gray(45)
        } else {
            rgb(palette::NON_WORKING)
        };
        // Header: dates, and the shading of days off under everything — only for the days
        // in view (a long schedule has hundreds).
        let clip = ui.clip_rect();
        let in_view =
            |x: f32| first + Duration::days(((x - rect.left()) / w).floor().max(0.0) as i64);
        let view_first = in_view(clip.left()).max(first);
        let view_last = (in_view(clip.right()) + Duration::days(1)).min(last);
        let mut d = view_first;
        while d <= view_last {
            let x = x_of(d);
            if !cal.is_working(d) && zoom != Zoom::Month {
                painter.rect_filled(
                    Rect::from_min_max(
                        Pos2::new(x, rect.top() + ROW),
                        Pos2::new(x + w, rect.bottom()),
                    ),
                    0.0,
                    shade,
                );
            }
            // Two header lines: the month where it starts (and at the left edge of the
            // view), the days (or week starts) below.
            if d.day() == 1 || d == view_first {
                painter.text(
                    Pos2::new(x.max(clip.left()) + 1.0, rect.top() + 7.0),
                    Align2::LEFT_CENTER,
                    match env.lang {
                        Lang::Zh => format!("{}年{}月", d.year(), d.month()),
                        Lang::En => d.format("%b %Y").to_string(),
                    },
                    FontId::proportional(12.5),
                    visuals.strong_text_color(),
                );
            }
            let label = match zoom {
                Zoom::Day => Some(d.day().to_string()),
                Zoom::Week if d.weekday() == chrono::Weekday::Mon => Some(d.day().to_string()),
                _ => None,
            };
            if let Some(label) = label {
                painter.text(
                    Pos2::new(x + w / 2.0, rect.top() + 19.0),
                    Align2::CENTER_CENTER,
                    label,
                    FontId::proportional(11.5),
                    match cal.is_working(d) {
                        true => visuals.text_color(),
                        false => visuals.weak_text_color(),
                    },
                );
            }
            d += Duration::days(1);
        }
        // Today.
        if env.today >= first && env.today <= last {
            let x = x_of(env.today) + w / 2.0;
            painter.line_segment(
                [Pos2::new(x, rect.top()), Pos2::new(x, rect.bottom())],
                Stroke::new(1.5, rgb(palette::LATE)),
            );
        }
        let top_of = |i: usize| rect.top() + ROW * (i as f32 + 1.0);
        let mut finished = None;
        for (i, t) in shown.tasks.iter().enumerate() {
            let top = top_of(i);
            if top > clip.bottom() || top + ROW < clip.top() {
                continue;
            }
            // Interaction first, so the bar is drawn where the drag has it.
            let (start_x, end_x) = (x_of(t.start), x_of(t.end) + w);
            let body = Rect::from_min_max(
                Pos2::new(start_x, top + 3.0),
                Pos2::new(end_x, top + ROW - 3.0),
            );
            let handle = Rect::from_min_max(
                Pos2::new(end_x - 5.0, top + 3.0),
                Pos2::new(end_x + 3.0, top + ROW - 3.0),
            );
            let id = egui::Id::unique(("schedule-bar", t.id.0));
            let moved = ui
                .interact(body, id, Sense::drag())
                .on_hover_cursor(egui::CursorIcon::Grab);
            let bar_label = format!("{}{}", env.tr("甘特条：", "Bar: "), t.name);
            moved.widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::Button, true, bar_label.as_str())
            });
            let pulled = match t.milestone {
                true => None,
                false => Some(
                    ui.interact(handle, id.with("end"), Sense::drag())
                        .on_hover_cursor(egui::CursorIcon::ResizeHorizontal),
                ),
            };
            for (response, resize) in [(Some(&moved), false), (pulled.as_ref(), true)] {
                let Some(response) = response else { continue };
                if response.drag_started() {
                    *drag = Some(Drag {
                        task: t.id,
                        resize,
                        dx: 0.0,
                    });
                }
                if response.dragged()
                    && let Some(d) = drag
                        .as_mut()
                        .filter(|d| d.task == t.id && d.resize == resize)
                {
                    d.dx += response.drag_delta().x;
                }
                if response.drag_stopped()
                    && drag.is_some_and(|d| d.task == t.id && d.resize == resize)
                {
                    finished = drag.take();
                }
            }
            let offset = drag.filter(|d| d.task == t.id).map_or((0.0, 0.0), |d| {
                let dx = d.days(w) as f32 * w;
                if d.resize { (0.0, dx) } else { (dx, dx) }
            });
            let (shift_start, shift_end) = offset;
            let colour = rgb(palette::party(t.party));
            let late = t.status_on(env.today) == TaskStatus::Late;
            if shown.is_phase(i) {
                // A phase: a dark summary bar over its tasks, with end ticks.
                let left = x_of(t.start);
                let right = x_of(t.end) + w;
                let ink = visuals.strong_text_color();
                let bar = Rect::from_min_max(
                    Pos2::new(left, top + ROW / 2.0 - 3.0),
                    Pos2::new(right, top + ROW / 2.0 + 3.0),
                );
                painter.rect_filled(bar, 1.0, ink.gamma_multiply(0.75));
                for x in [left, right] {
                    painter.line_segment(
                        [Pos2::new(x, top + 5.0), Pos2::new(x, top + ROW - 5.0)],
                        Stroke::new(2.0, ink),
                    );
                }
                continue;
            }
            if t.milestone {
                let c = Pos2::new(x_of(t.start) + shift_start + w / 2.0, top + ROW / 2.0);
                painter.add(crate::ui::screens::widgets::diamond(
                    c,
                    7.0,
                    colour,
                    Stroke::new(1.0, visuals.text_color()),
                ));
            } else {
                let bar = Rect::from_min_max(
                    Pos2::new(x_of(t.start) + shift_start, top + 6.0),
                    Pos2::new(
                        (x_of(t.end) + w + shift_end).max(x_of(t.start) + shift_start + w),
                        top + ROW - 6.0,
                    ),
                );
                painter.rect_filled(bar, 3.0, colour.gamma_multiply(0.45));
                let done = bar.width() * f32::from(t.progress.min(100)) / 100.0;
                painter.rect_filled(
                    Rect::from_min_size(bar.min, Vec2::new(done, bar.height())),
                    3.0,
                    colour,
                );
                if late {
                    painter.rect_stroke(
                        bar,
                        3.0,
                        Stroke::new(2.0, rgb(palette::LATE)),
                        egui::StrokeKind::Outside,
                    );
                } else if t.at_risk(env.today, cal) {
                    let r = bar.expand(1.5);
                    let corners = [
                        r.left_top(),
                        r.right_top(),
                        r.right_bottom(),
                        r.left_bottom(),
                        r.left_top(),
                    ];
                    painter.add(egui::Shape::dashed_line(
                        &corners,
                        Stroke::new(1.5, rgb(palette::AT_RISK)),
                        4.0,
                        3.0,
                    ));
                }
                if let (Some(a), end) = (t.actual_start, t.actual_end) {
                    let end = end.unwrap_or(env.today.min(t.end));
                    painter.line_segment(
                        [
                            Pos2::new(x_of(a), top + ROW - 3.0),
                            Pos2::new(x_of(end) + w, top + ROW - 3.0),
                        ],
                        Stroke::new(2.0, visuals.text_color()),
                    );
                }
            }
            if t.client_action {
                painter.text(
                    Pos2::new(x_of(t.end) + w + shift_end + 4.0, top + ROW / 2.0),
                    Align2::LEFT_CENTER,
                    CLIENT_ACTION_MARK,
                    FontId::proportional(13.0),
                    rgb(palette::CLIENT_ACTION),
                );
            }
            // Dependencies: from the predecessor's end to this start; a dependent that
            // starts too early gets a red arrow back to its start.
            for before in &t.after {
                if let Some((j, p)) = shown
                    .tasks
                    .iter()
                    .enumerate()
                    .find(|(_, p)| p.id == *before)
                {
                    let from = Pos2::new(x_of(p.end) + w, top_of(j) + ROW / 2.0);
                    let to = Pos2::new(x_of(t.start), top + ROW / 2.0);
                    let conflict = t.start <= p.end;
                    let stroke = match conflict {
                        true => Stroke::new(1.5, rgb(palette::LATE)),
                        false => Stroke::new(1.0, visuals.text_color().gamma_multiply(0.6)),
                    };
                    let bend = from.x + 4.0;
                    // Down (or up) beside the predecessor's end, then along the row.
                    let turn_y = match conflict {
                        true => to.y - ROW / 2.0 + 2.0,
                        false => to.y,
                    };
                    painter.line_segment([from, Pos2::new(bend, from.y)], stroke);
                    painter
                        .line_segment([Pos2::new(bend, from.y), Pos2::new(bend, turn_y)], stroke);
                    let tip = Pos2::new(to.x - 1.0, turn_y);
                    painter.line_segment([Pos2::new(bend, turn_y), tip], stroke);
                    if conflict {
                        painter.line_segment([tip, Pos2::new(tip.x, to.y - 5.0)], stroke);
                    }
                    arrow_head(&painter, tip, conflict, stroke);
                }
            }
        }
        finished
    }
}

pub(super) fn legend_ui(ui: &mut Ui, env: &Env) {
    ui.add_space(8.0);
    ui.horizontal_wrapped(|ui| {
        for party in crate::domain::schedule::Party::ALL {
            let (rect, _) = ui.allocate_exact_size(Vec2::new(14.0, 10.0), Sense::hover());
            ui.painter()
                .rect_filled(rect, 2.0, rgb(palette::party(party)));
            let l = party_label(party);
            ui.label(env.lang.pick(l.zh, l.en));
        }
        ui.label(
            RichText::new(format!(
                "{CLIENT_ACTION_MARK} {}",
                env.tr("客户配合", "Client action")
            ))
            .strong()
            .color(rgb(palette::CLIENT_ACTION)),
        );
        ui.label(RichText::new(env.tr("◆ 里程碑", "◆ Milestone")));
        ui.colored_label(rgb(palette::LATE), env.tr("⚠ 延误", "⚠ Late"));
        ui.colored_label(rgb(palette::AT_RISK), env.tr("△ 有风险", "△ At risk"));
        let (rect, _) = ui.allocate_exact_size(Vec2::new(12.0, 12.0), Sense::hover());
        ui.painter()
            .rect_filled(rect, 0.0, rgb(palette::NON_WORKING));
        ui.label(env.tr("休息日", "Day off"));
        let (rect, _) = ui.allocate_exact_size(Vec2::new(6.0, 14.0), Sense::hover());
        ui.painter().line_segment(
            [rect.center_top(), rect.center_bottom()],
            Stroke::new(1.5, rgb(palette::LATE)),
        );
        ui.label(env.tr("今天", "Today"));
        let (rect, _) = ui.allocate_exact_size(Vec2::new(18.0, 12.0), Sense::hover());
        ui.painter().line_segment(
            [rect.left_bottom(), rect.right_bottom()],
            Stroke::new(2.0, ui.visuals().text_color()),
        );
        ui.label(env.tr("实际开始至完成", "Actual dates"));
        let (rect, _) = ui.allocate_exact_size(Vec2::new(18.0, 12.0), Sense::hover());
        ui.painter().rect_filled(
            Rect::from_center_size(rect.center(), Vec2::new(18.0, 5.0)),
            1.0,
            ui.visuals().strong_text_color(),
        );
        ui.label(env.tr("阶段", "Phase"));
        ui.colored_label(
            rgb(palette::LATE),
            env.tr("→ 前置冲突", "→ Starts too early"),
        );
    });
}

/// An arrow head at `tip`, pointing right (down for a conflict's last leg).
fn arrow_head(painter: &egui::Painter, tip: Pos2, down: bool, stroke: Stroke) {
    let (a, b) = match down {
        true => (Vec2::new(-3.5, -5.0), Vec2::new(3.5, -5.0)),
        false => (Vec2::new(-5.0, -3.5), Vec2::new(-5.0, 3.5)),
    };
    let tip = match down {
        true => Pos2::new(tip.x, tip.y + ROW / 2.0 - 7.0),
        false => tip,
    };
    painter.add(egui::Shape::convex_polygon(
        vec![tip, tip + a, tip + b],
        stroke.color,
        Stroke::NONE,
    ));
}
