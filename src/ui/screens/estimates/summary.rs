//! Below the line table: the running totals (不含税 / 税额 / 价税合计 and 大写) and the check
//! before submission, every problem listed; and an older version shown read-only.

use super::cells::VersionCells;
use crate::domain::estimate::EstimateVersion;
use crate::domain::estimate::check::{self as rules, MoneySettings};
use crate::domain::{Audit, EstimateId, Fen, Job, Lang, Stamp, UserId};
use crate::ui::model::Env;
use egui::{RichText, Ui};

/// The totals and the check of the version as typed (nothing when a cell cannot be read:
/// its problems are listed instead).
pub(super) fn totals_and_check_ui(
    ui: &mut Ui,
    env: &Env,
    job: &Job,
    settings: &MoneySettings,
    cells: &VersionCells,
) {
    let lang = env.lang;
    let draft = match cells.draft(lang) {
        Ok(d) => d,
        Err(problems) => {
            for p in &problems {
                let place = match (p.line, lang) {
                    (usize::MAX, _) => String::new(),
                    (l, Lang::Zh) => format!("第 {} 行：", l + 1),
                    (l, Lang::En) => format!("Line {}: ", l + 1),
                };
                ui.colored_label(ui.visuals().error_fg_color, format!("{place}{}", p.why));
            }
            return;
        }
    };
    let v = EstimateVersion {
        estimate_id: EstimateId(0),
        job_id: job.id,
        client_id: job.client_id,
        number: 1,
        title: draft.title.clone(),
        valid_until: draft
            .valid_until
            .unwrap_or_else(|| env.today + chrono::Days::new(u64::from(settings.validity_days))),
        payment_terms: draft.payment_terms.clone().unwrap_or_default(),
        tax: draft.tax.unwrap_or(settings.default_tax),
        basis: draft.basis,
        special_fapiao: draft.special_fapiao,
        client_note: draft.client_note.clone(),
        internal_note: draft.internal_note.clone(),
        lines: draft.lines,
        author: env.current_user.unwrap_or(UserId(0)),
        audit: Audit::new(Stamp {
            by: UserId(0),
            at: env.now,
        }),
    };
    match v.totals() {
        Ok(t) => {
            egui::Grid::new("estimate_totals")
                .num_columns(2)
                .show(ui, |ui| {
                    let row = |ui: &mut Ui, label: &str, f: Fen| {
                        ui.label(label);
                        ui.label(RichText::new(f.to_string()).monospace().strong());
                        ui.end_row();
                    };
                    row(ui, env.tr("不含税金额", "Net"), t.net);
                    row(
                        ui,
                        &format!(
                            "{} ({})",
                            env.tr("税额", "Tax"),
                            v.tax.label(lang == Lang::Zh)
                        ),
                        t.tax,
                    );
                    row(ui, env.tr("价税合计", "Total with tax"), t.gross);
                    ui.label(env.tr("大写", "In capitals"));
                    ui.label(t.gross.in_capitals());
                    ui.end_row();
                });
        }
        Err(_) => {
            ui.colored_label(
                ui.visuals().error_fg_color,
                env.tr(
                    "金额过大，无法计算。",
                    "The amounts are too large to compute.",
                ),
            );
        }
    }
    let problems = rules::check(&v, settings, env.today);
    ui.add_space(4.0);
    if problems.is_empty() {
        ui.label(env.tr(
            "✔ 提交前检查：没有问题。",
            "✔ Check before submission: nothing to fix.",
        ));
    } else {
        ui.strong(match lang {
            Lang::Zh => format!("提交前需处理 {} 个问题：", problems.len()),
            Lang::En => format!("{} problems to fix before submitting:", problems.len()),
        });
        for p in problems {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                format!("• {}", p.describe(lang == Lang::Zh)),
            );
        }
    }
}

/// An older version, read-only; true when the person asks to go back to the newest.
pub(super) fn old_version_ui(ui: &mut Ui, env: &Env, v: &EstimateVersion) -> bool {
    let lang = env.lang;
    ui.strong(match lang {
        Lang::Zh => format!("版本 {}（只读）· {}", v.letter(), v.title),
        Lang::En => format!("Version {} (read-only) · {}", v.letter(), v.title),
    });
    egui::Grid::new("old_version_lines")
        .striped(true)
        .show(ui, |ui| {
            for h in [
                env.tr("类别", "Category"),
                env.tr("项目说明", "Description"),
                env.tr("数量", "Qty"),
                env.tr("单价", "Unit price"),
                env.tr("金额", "Amount"),
            ] {
                ui.strong(h);
            }
            ui.end_row();
            for l in &v.lines {
                let (zh, en) = l.category.names();
                ui.label(lang.pick(zh, en));
                ui.label(&l.description);
                ui.label(crate::domain::estimate::lines::quantity_text(l.quantity));
                ui.label(l.unit_price.to_string());
                ui.label(l.amount().map_or("—".into(), |a| a.to_string()));
                ui.end_row();
            }
        });
    if let Ok(t) = v.totals() {
        ui.label(format!(
            "{} {}",
            env.tr("价税合计", "Total with tax"),
            t.gross
        ));
    }
    ui.button(env.tr("回到最新版本", "Back to the newest version"))
        .clicked()
}
