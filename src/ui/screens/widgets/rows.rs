//! Labelled rows of the two-column forms: text, dates, money and pickers, each named by its
//! label for screen readers and tests.

use crate::domain::{UserId, format};
use crate::ui::model::Env;
use egui::{Response, TextEdit, Ui};

/// A label and a one-line text field in a two-column grid row; the label names the field.
pub(crate) fn text_row(ui: &mut Ui, label: &str, value: &mut String) -> Response {
    let l = ui.label(label);
    let r = ui
        .add(TextEdit::singleline(value).desired_width(360.0))
        .labelled_by(l.id);
    ui.end_row();
    r
}

/// A label and a multi-line text field in a two-column grid row.
pub(crate) fn multiline_row(ui: &mut Ui, label: &str, value: &mut String) -> Response {
    let l = ui.label(label);
    let r = ui
        .add(
            TextEdit::multiline(value)
                .desired_rows(3)
                .desired_width(360.0),
        )
        .labelled_by(l.id);
    ui.end_row();
    r
}

/// A labelled full-width multi-line field (brief sections, brand texts).
pub(crate) fn wide_multiline(ui: &mut Ui, label: &str, value: &mut String) -> Response {
    let l = ui.strong(label);
    let r = ui
        .add(
            TextEdit::multiline(value)
                .desired_rows(4)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(l.id);
    ui.add_space(6.0);
    r
}

/// A labelled picker of active users (with 未指派 Unassigned) in a grid row.
pub(crate) fn user_row(
    ui: &mut Ui,
    env: &Env,
    salt: &str,
    label: &str,
    value: &mut Option<UserId>,
) {
    let l = ui.label(label);
    let unassigned = env.tr("未指派", "Unassigned");
    let selected = match *value {
        Some(_) => env.data.user_name(*value).to_string(),
        None => unassigned.to_string(),
    };
    let r = egui::ComboBox::from_id_salt(salt)
        .selected_text(selected)
        .show_ui(ui, |ui| {
            ui.selectable_value(value, None, unassigned);
            for u in env.data.active_users() {
                let text = format!("{} · {}", u.name, u.role.code());
                ui.selectable_value(value, Some(u.id), text);
            }
        })
        .response;
    let _ = r.labelled_by(l.id);
    ui.end_row();
}

/// A labelled picker of a job (or （无） none) among the jobs `shown` lets through, in a
/// grid row.
pub(crate) fn job_row(
    ui: &mut Ui,
    env: &Env,
    salt: impl std::hash::Hash + std::fmt::Debug,
    label: &str,
    value: &mut Option<crate::domain::JobId>,
    shown: impl Fn(&crate::domain::Job) -> bool,
) {
    let l = ui.label(label);
    let none = env.tr("（无）", "(none)");
    let name = |j: &crate::domain::Job| format!("{} {}", j.number.text, j.title);
    let selected = value
        .and_then(|j| env.data.job(j))
        .map_or_else(|| none.to_string(), name);
    let r = egui::ComboBox::from_id_salt(salt)
        .selected_text(selected)
        .width(320.0)
        .show_ui(ui, |ui| {
            ui.selectable_value(value, None, none);
            for j in env.data.jobs.iter().filter(|j| shown(j)) {
                ui.selectable_value(value, Some(j.id), name(j));
            }
        })
        .response;
    let _ = r.labelled_by(l.id);
    ui.end_row();
}

/// The standard two-column form grid.
pub(crate) fn form_grid(id: &str) -> egui::Grid {
    egui::Grid::new(id).num_columns(2).spacing([12.0, 8.0])
}

/// A date field in a grid row that shows how the typed text reads (or that it is not a date).
pub(crate) fn date_row(ui: &mut Ui, env: &Env, label: &str, value: &mut String) -> Response {
    date_row_hinted(ui, env, label, value, "2026-11-26")
}

/// A date field like [`date_row`] whose empty field shows `hint`, an example that makes
/// sense where it stands (a due date after the request date, not a fixed day in the past).
pub(crate) fn date_row_hinted(
    ui: &mut Ui,
    env: &Env,
    label: &str,
    value: &mut String,
    hint: &str,
) -> Response {
    let l = ui.label(label);
    let r = ui
        .horizontal(|ui| {
            let r = ui
                .add(
                    TextEdit::singleline(value)
                        .desired_width(160.0)
                        .hint_text(hint),
                )
                .labelled_by(l.id);
            if !value.trim().is_empty() {
                match format::parse_date(value) {
                    Some(d) => ui.weak(format::date(d, env.lang)),
                    None => ui.colored_label(
                        ui.visuals().warn_fg_color,
                        env.tr("不是有效日期", "Not a valid date"),
                    ),
                };
            }
            r
        })
        .inner;
    ui.end_row();
    r
}

/// A money field in a grid row that shows the amount as it will be stored.
pub(crate) fn money_row(ui: &mut Ui, env: &Env, label: &str, value: &mut String) -> Response {
    let l = ui.label(label);
    let r = ui
        .horizontal(|ui| {
            let r = ui
                .add(
                    TextEdit::singleline(value)
                        .desired_width(160.0)
                        .hint_text("¥120,000.00"),
                )
                .labelled_by(l.id);
            if !value.trim().is_empty() {
                match crate::domain::Fen::parse(value) {
                    Ok(f) => ui.weak(f.to_string()),
                    Err(_) => ui.colored_label(
                        ui.visuals().warn_fg_color,
                        env.tr("不是有效金额", "Not a valid amount"),
                    ),
                };
            }
            r
        })
        .inner;
    ui.end_row();
    r
}

/// The records a record is linked to (a work's documents, an item's works): each by its
/// name with Unlink, then a picker that links one more of `all` (id and name). `what` names
/// them: the heading, the picker's label and its placeholder, Chinese and English.
pub(crate) fn links_ui<T: Copy + PartialEq + std::hash::Hash>(
    ui: &mut Ui,
    env: &Env,
    salt: &str,
    what: [(&str, &str); 3],
    linked: &mut Vec<T>,
    all: &[(T, String)],
) {
    let [heading, pick, choose] = what;
    ui.label(env.tr(heading.0, heading.1));
    let name = |id: T| all.iter().find(|(x, _)| *x == id).map(|(_, n)| n.clone());
    let mut unlink = None;
    for (i, id) in linked.iter().enumerate() {
        ui.push_id((salt, "linked", i), |ui| {
            ui.horizontal(|ui| {
                ui.label(name(*id).unwrap_or_else(|| "—".into()));
                if ui.small_button(env.tr("移除", "Unlink")).clicked() {
                    unlink = Some(i);
                }
            });
        });
    }
    if let Some(i) = unlink {
        linked.remove(i);
    }
    let more: Vec<&(T, String)> = all.iter().filter(|(id, _)| !linked.contains(id)).collect();
    if more.is_empty() {
        return;
    }
    let mut chosen = None;
    ui.horizontal(|ui| {
        let l = ui.label(env.tr(pick.0, pick.1));
        let r = egui::ComboBox::from_id_salt((salt, "link"))
            .selected_text(env.tr(choose.0, choose.1))
            .width(320.0)
            .show_ui(ui, |ui| {
                for (id, n) in &more {
                    if ui.selectable_label(false, n).clicked() {
                        chosen = Some(*id);
                    }
                }
            })
            .response;
        let _ = r.labelled_by(l.id);
    });
    if let Some(id) = chosen {
        linked.push(id);
    }
}

/// A labelled picker that narrows a list to one of `options` (value and name), or to all of
/// them (`None`, shown as 全部). A value that is not among the options is dropped.
pub(crate) fn narrow_combo<T: Copy + PartialEq>(
    ui: &mut Ui,
    env: &Env,
    salt: impl std::hash::Hash + std::fmt::Debug,
    label: &str,
    value: &mut Option<T>,
    options: &[(T, String)],
) {
    let all = env.tr("全部", "All");
    // A value no longer offered (another client's job, a year without records) no longer
    // narrows: the picker never says 全部 while something is left out.
    if value.is_some_and(|v| !options.iter().any(|(x, _)| *x == v)) {
        *value = None;
    }
    let shown = (*value)
        .and_then(|v| options.iter().find(|(x, _)| *x == v))
        .map_or(all, |(_, n)| n.as_str());
    let l = ui.label(label);
    let r = egui::ComboBox::from_id_salt(salt)
        .selected_text(shown)
        .height(600.0)
        .show_ui(ui, |ui| {
            ui.selectable_value(value, None, all);
            for (x, n) in options {
                ui.selectable_value(value, Some(*x), n);
            }
        })
        .response;
    let _ = r.labelled_by(l.id);
}

/// The years among `years`, newest first, each once, as [`narrow_combo`] offers them.
pub(crate) fn year_options(years: impl IntoIterator<Item = i32>) -> Vec<(i32, String)> {
    let mut years: Vec<i32> = years.into_iter().collect();
    years.sort_unstable_by(|a, b| b.cmp(a));
    years.dedup();
    years.into_iter().map(|y| (y, y.to_string())).collect()
}

/// A column of `width` in a list's row, its content on the left; text too long for it is cut
/// with "…", so every row keeps one line (a list lays out only the rows in view, at a fixed
/// height).
pub(crate) fn cell<R>(ui: &mut Ui, width: f32, add: impl FnOnce(&mut Ui) -> R) -> R {
    let size = egui::vec2(width, ui.spacing().interact_size.y);
    let layout = egui::Layout::left_to_right(egui::Align::Center);
    ui.allocate_ui_with_layout(size, layout, |ui| {
        ui.set_min_size(size);
        ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
        add(ui)
    })
    .inner
}

/// The column headings of a list drawn with [`cell`]s (width and heading each), aligned with
/// its rows, and a line under them.
pub(crate) fn header_row(ui: &mut Ui, columns: &[(f32, &str)]) {
    ui.horizontal(|ui| {
        for (width, text) in columns {
            cell(ui, *width, |ui| ui.strong(*text));
        }
    });
    ui.separator();
}
