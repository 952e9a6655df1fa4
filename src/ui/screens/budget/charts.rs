//! The budget tab's charts, painted: twelve cumulative stacked bars with the budget's pace
//! as a dashed line, and one 100 % bar per side.

use super::{percent, side_colours, side_name};
use crate::domain::budget::{BudgetSide, YearFigures};
use crate::domain::{Fen, Lang};
use crate::ui::model::Env;
use egui::{Color32, Pos2, Rect, Stroke, Ui, pos2, vec2};

/// Diagonal hatching inside `rect`, so a tinted block reads apart from a solid one in grey.
fn hatch(painter: &egui::Painter, rect: Rect, colour: Color32) {
    let step = 6.0;
    let stroke = Stroke::new(1.0, colour);
    let mut x = rect.left() - rect.height();
    while x < rect.right() {
        let a = pos2(x, rect.bottom());
        let b = pos2(x + rect.height(), rect.top());
        // Clip the segment to the rectangle.
        let clip = |p: Pos2, q: Pos2| -> Option<(Pos2, Pos2)> {
            let (mut t0, mut t1) = (0.0f32, 1.0f32);
            let d = q - p;
            for (pd, lo, hi) in [(d.x, rect.left() - p.x, rect.right() - p.x)] {
                if pd.abs() < f32::EPSILON {
                    continue;
                }
                let (u, v) = (lo / pd, hi / pd);
                t0 = t0.max(u.min(v));
                t1 = t1.min(u.max(v));
            }
            (t0 < t1).then(|| (p + d * t0, p + d * t1))
        };
        if let Some((p, q)) = clip(a, b) {
            painter.line_segment([p, q], stroke);
        }
        x += step;
    }
}

/// Twelve cumulative stacked bars (media and production, executed solid and in progress
/// tinted) with the budget's even pace as a line.
pub(super) fn month_chart_ui(ui: &mut Ui, env: &Env, f: &YearFigures) {
    let width = ui.available_width().clamp(420.0, 900.0);
    let (rect, _) = ui.allocate_exact_size(vec2(width, 220.0), egui::Sense::hover());
    let painter = ui.painter_at(rect);
    let visuals = ui.visuals();
    let text = visuals.text_color();
    let weak = visuals.weak_text_color();
    let colours = side_colours(ui);
    let cumulative = f
        .cumulative()
        .map(|b| b.map(|s| (s.executed, s.in_progress)));
    let budget = f.total().budget;
    let top = cumulative
        .iter()
        .map(|c| c[0].0 + c[0].1 + c[1].0 + c[1].1)
        .max()
        .unwrap_or(0)
        .max(budget)
        .max(1) as f32;
    let plot = Rect::from_min_max(
        pos2(rect.left() + 8.0, rect.top() + 8.0),
        pos2(rect.right() - 8.0, rect.bottom() - 22.0),
    );
    painter.line_segment(
        [plot.left_bottom(), plot.right_bottom()],
        Stroke::new(1.0, weak),
    );
    let slot = plot.width() / 12.0;
    let y = |v: i64| plot.bottom() - plot.height() * (v as f32 / top);
    let elapsed_months = f.months_reached();
    for (m, c) in cumulative.iter().enumerate() {
        let x0 = plot.left() + slot * m as f32 + slot * 0.2;
        let x1 = x0 + slot * 0.6;
        let mut base = 0i64;
        if m < elapsed_months {
            for (s, (exec, open)) in c.iter().enumerate() {
                let (solid, tint) = colours[s];
                let r = Rect::from_min_max(pos2(x0, y(base + exec)), pos2(x1, y(base)));
                painter.rect_filled(r, 0.0, solid);
                base += exec;
                let r = Rect::from_min_max(pos2(x0, y(base + open)), pos2(x1, y(base)));
                painter.rect_filled(r, 0.0, tint);
                hatch(&painter, r, solid);
                base += open;
            }
        }
        let month = (f.year.start_month as usize - 1 + m) % 12 + 1;
        painter.text(
            pos2(x0 + slot * 0.3, plot.bottom() + 4.0),
            egui::Align2::CENTER_TOP,
            match env.lang {
                Lang::Zh => format!("{month}月"),
                Lang::En => format!("{month}"),
            },
            egui::FontId::proportional(11.0),
            text,
        );
    }
    if budget > 0 {
        let points: Vec<Pos2> = (0..=12)
            .map(|m| pos2(plot.left() + slot * m as f32, y(f.pace(m))))
            .collect();
        painter.add(egui::Shape::dashed_line(
            &points,
            Stroke::new(1.5, text),
            6.0,
            4.0,
        ));
    }
}

/// One 100 % bar per side and the total: executed, in progress, remaining.
pub(super) fn hundred_bars_ui(ui: &mut Ui, env: &Env, f: &YearFigures) {
    let colours = side_colours(ui);
    let weak = ui.visuals().weak_text_color();
    let rows = [
        (Some(BudgetSide::Media), f.media, colours[0]),
        (Some(BudgetSide::Production), f.production, colours[1]),
        (None, f.total(), colours[0]),
    ];
    for (side, x, (solid, tint)) in rows {
        ui.horizontal(|ui| {
            ui.add_sized([60.0, 18.0], egui::Label::new(side_name(side, env.lang)));
            let (rect, _) = ui.allocate_exact_size(vec2(360.0, 16.0), egui::Sense::hover());
            let painter = ui.painter_at(rect);
            painter.rect_stroke(rect, 0.0, Stroke::new(1.0, weak), egui::StrokeKind::Inside);
            let whole = x.budget.max(x.executed + x.in_progress).max(1) as f32;
            let w = |v: i64| rect.width() * (v.max(0) as f32 / whole);
            let a = Rect::from_min_size(rect.min, vec2(w(x.executed), rect.height()));
            painter.rect_filled(a, 0.0, solid);
            let b = Rect::from_min_size(
                pos2(a.right(), rect.top()),
                vec2(w(x.in_progress), rect.height()),
            );
            painter.rect_filled(b, 0.0, tint);
            hatch(&painter, b, solid);
            ui.label(format!(
                "{} {} · {} {} · {} {}",
                env.tr("已执行", "executed"),
                x.used_bp().map_or("—".into(), |_| percent(
                    x.executed * 10_000 / x.budget.max(1)
                )),
                env.tr("执行中", "in progress"),
                x.used_bp().map_or("—".into(), |_| percent(
                    x.in_progress * 10_000 / x.budget.max(1)
                )),
                env.tr("余额", "remaining"),
                Fen(x.remaining())
            ));
        });
    }
}
