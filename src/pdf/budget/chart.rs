//! The report's charts, drawn with lines and fills only: twelve cumulative stacked bars
//! with the budget's pace as a dashed line, and one 100 % bar per side.

use super::super::document::{Frame, LEFT, RIGHT, WIDTH};
use super::super::layout::{Canvas, Pen};
use super::super::theme::{self as t, Tone, mm};
use super::legend;
use crate::domain::budget::Figures;
use crate::reports::budget::{BudgetReport, percent, side_caption};

/// The height the month chart takes, legend included.
pub const HEIGHT: f32 = mm(72.0);

/// The stripes on production's solid fill.
const WHITE: Tone = Tone(0xFF, 0xFF, 0xFF);

/// Solid and light tones of a side.
type Tones = (Tone, Tone);

/// Hatches the rectangle `(x, top, w, h)` with thin lines at 45°, rising to the right
/// (`rising`) or falling, a gap of `step` apart.
fn hatch(c: &mut Canvas<'_>, (x, top, w, h): (f32, f32, f32, f32), tone: Tone, rising: bool) {
    if w <= 0.5 || h <= 0.5 {
        return;
    }
    let step = mm(1.6);
    let pen = Pen::new(0.4, tone);
    // Lines x − (bottom − y) = s (rising) or x + (bottom − y) = s (falling), for s across.
    let mut s = x - h;
    while s < x + w + h {
        // Points where the line meets the rectangle's bottom and top edges.
        let (mut a, mut b) = match rising {
            true => ((s, top + h), (s + h, top)),
            false => ((s + h, top + h), (s, top)),
        };
        // Clip along x, moving each end along the line.
        let clip = |p: (f32, f32), q: (f32, f32)| -> (f32, f32) {
            let dx = q.0 - p.0;
            let k = if p.0 < x {
                (x - p.0) / dx
            } else if p.0 > x + w {
                (x + w - p.0) / dx
            } else {
                0.0
            };
            (p.0 + dx * k, p.1 + (q.1 - p.1) * k)
        };
        a = clip(a, b);
        b = clip(b, a);
        let inside = |p: (f32, f32)| p.0 >= x - 0.01 && p.0 <= x + w + 0.01;
        if inside(a) && inside(b) && (a.0 - b.0).abs() > 0.01 {
            c.path(&[a, b], false, pen);
        }
        s += step;
    }
}

impl Frame<'_> {
    /// Twelve bars, each the year so far up to its month: media executed, media in progress,
    /// production executed, production in progress, stacked; the budget's even pace dashed.
    pub(super) fn month_chart(
        &mut self,
        report: &BudgetReport,
        (media, production): (Tones, Tones),
    ) {
        let f = &report.figures;
        // With the 100 % bars under it.
        self.pages.ensure_room(HEIGHT + mm(24.0));
        let top = self.pages.cursor();
        let small = self.regular(t::SIZE_SMALL, t::MUTED);
        let ink = self.regular(t::SIZE_SMALL, t::INK);
        let axis_w = mm(22.0);
        let plot_left = LEFT + axis_w;
        let plot_top = top + mm(3.0);
        let plot_h = mm(48.0);
        let plot_bottom = plot_top + plot_h;
        let slot = (RIGHT - plot_left) / 12.0;
        let bars = f
            .cumulative()
            .map(|b| b.map(|s| (s.executed, s.in_progress)));
        let budget = f.total().budget;
        let top_value = bars
            .iter()
            .map(|b| b[0].0 + b[0].1 + b[1].0 + b[1].1)
            .max()
            .unwrap_or(0)
            .max(budget)
            .max(1) as f32;
        let y = |v: i64| plot_bottom - plot_h * (v as f32 / top_value);
        let shown = f.months_reached();
        let mut c = self.pages.canvas();
        // Axis: zero and the budget (or the highest bar).
        for v in [0, top_value as i64] {
            c.hline(plot_left, RIGHT, y(v), 0.3, t::RULE);
            c.text_right(
                small,
                plot_left - mm(1.5),
                y(v) + 2.5,
                &crate::domain::Fen(v).to_string(),
            );
        }
        for (m, b) in bars.iter().enumerate() {
            let x = plot_left + slot * m as f32 + slot * 0.18;
            let w = slot * 0.64;
            if m < shown {
                let mut base = 0i64;
                for (s, (exec, open)) in b.iter().enumerate() {
                    let (solid, light) = if s == 0 { media } else { production };
                    let (hi, lo) = (y(base + exec), y(base));
                    c.fill_rect(x, hi, w, lo - hi, solid);
                    // Production's solid carries white stripes: apart from media in grey.
                    if s == 1 {
                        hatch(&mut c, (x, hi, w, lo - hi), WHITE, false);
                    }
                    base += exec;
                    let (hi, lo) = (y(base + open), y(base));
                    c.fill_rect(x, hi, w, lo - hi, light);
                    hatch(&mut c, (x, hi, w, lo - hi), solid, s == 0);
                    base += open;
                }
            }
            let label = &report.month_labels[m];
            let lw = small.width(label);
            c.text(small, x + w / 2.0 - lw / 2.0, plot_bottom + mm(3.5), label);
        }
        if budget > 0 {
            let points: Vec<(f32, f32)> = (0..=12)
                .map(|m| (plot_left + slot * m as f32, y(f.pace(m))))
                .collect();
            let pen = Pen {
                thickness: 1.0,
                tone: t::INK,
                dash: Some([3.0, 2.0]),
            };
            c.path(&points, false, pen);
        }
        // The legend, under the months.
        let names = legend(report.lang);
        let ly = plot_bottom + mm(8.5);
        let mut x = LEFT;
        let key = mm(3.5);
        let mut ly = ly;
        for (i, name) in names.iter().enumerate() {
            // An item that would run past the margin starts a second line.
            if x + key * 2.0 + mm(1.5) + ink.width(name) > RIGHT {
                x = LEFT;
                ly += mm(4.5);
            }
            match i {
                4 => {
                    let pen = Pen {
                        thickness: 1.0,
                        tone: t::INK,
                        dash: Some([3.0, 2.0]),
                    };
                    c.path(
                        &[(x, ly - key / 2.0), (x + key * 2.0, ly - key / 2.0)],
                        false,
                        pen,
                    );
                    x += key * 2.0 + mm(1.5);
                }
                _ => {
                    let (solid, light) = if i < 2 { media } else { production };
                    let executed = i % 2 == 0;
                    c.fill_rect(x, ly - key, key, key, if executed { solid } else { light });
                    match (executed, i < 2) {
                        (false, media) => hatch(&mut c, (x, ly - key, key, key), solid, media),
                        (true, false) => hatch(&mut c, (x, ly - key, key, key), WHITE, false),
                        (true, true) => {}
                    }
                    c.stroke_rect(x, ly - key, key, key, Pen::new(0.3, t::MUTED));
                    x += key + mm(1.5);
                }
            }
            c.text(ink, x, ly - 0.5, name);
            x += ink.width(name) + mm(4.0);
        }
        self.pages.advance(ly - top + mm(3.0));
    }

    /// Per side and in total, one bar of the budget: executed, in progress, the rest, each
    /// with its share printed.
    pub(super) fn hundred_bars(
        &mut self,
        report: &BudgetReport,
        (media, production): (Tones, Tones),
    ) {
        let f = &report.figures;
        let rows: [(Option<crate::domain::budget::BudgetSide>, Figures, Tones); 3] = [
            (
                Some(crate::domain::budget::BudgetSide::Media),
                f.media,
                media,
            ),
            (
                Some(crate::domain::budget::BudgetSide::Production),
                f.production,
                production,
            ),
            (None, f.total(), (t::INK, t::FAINT)),
        ];
        let small = self.regular(t::SIZE_SMALL, t::INK);
        let bold = self.bold(t::SIZE_SMALL, t::INK);
        let row_h = mm(7.0);
        self.pages.ensure_room(row_h * 3.0 + mm(2.0));
        let bar_left = LEFT + mm(22.0);
        let bar_w = WIDTH * 0.4;
        for (side, x, (solid, light)) in rows {
            let top = self.pages.cursor();
            let mut c = self.pages.canvas();
            c.text(
                bold,
                LEFT,
                top + mm(4.2),
                &side_caption(report.lang, side).to_string(),
            );
            let whole = x.budget.max(x.executed + x.in_progress).max(1) as f32;
            let w = |v: i64| bar_w * (v.max(0) as f32 / whole);
            let h = mm(4.0);
            let bt = top + mm(1.2);
            c.fill_rect(bar_left, bt, w(x.executed), h, solid);
            if side == Some(crate::domain::budget::BudgetSide::Production) {
                hatch(&mut c, (bar_left, bt, w(x.executed), h), WHITE, false);
            }
            let open_x = bar_left + w(x.executed);
            c.fill_rect(open_x, bt, w(x.in_progress), h, light);
            hatch(
                &mut c,
                (open_x, bt, w(x.in_progress), h),
                solid,
                side.is_some(),
            );
            c.stroke_rect(bar_left, bt, bar_w, h, Pen::new(0.5, t::MUTED));
            let share = |v: i64| match x.budget > 0 {
                true => percent(v * 10_000 / x.budget),
                false => "—".to_string(),
            };
            let text = match report.lang {
                crate::reports::DocLang::En => format!(
                    "executed {} · in progress {} · remaining {}",
                    share(x.executed),
                    share(x.in_progress),
                    share(x.remaining())
                ),
                _ => format!(
                    "已执行 {} · 执行中 {} · 余额 {}",
                    share(x.executed),
                    share(x.in_progress),
                    share(x.remaining())
                ),
            };
            c.text(small, bar_left + bar_w + mm(3.0), top + mm(4.2), &text);
            self.pages.advance(row_h);
        }
    }
}
