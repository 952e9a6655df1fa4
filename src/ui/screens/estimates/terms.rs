//! A version's terms above its lines: title, tax and whether prices include it, validity,
//! payment terms, the fapiao asked for, and the notes (folded unless written).

use super::editor::LineEditor;
use crate::domain::Lang;
use crate::domain::estimate::check::MoneySettings;
use crate::domain::estimate::{PriceBasis, TaxMode};
use crate::ui::model::Env;
use egui::Ui;

/// The version's terms in a compact grid (title and tax; validity and payment terms; the
/// fapiao), the notes folded below, so the line table stays in view.
pub(super) fn terms_ui(
    ui: &mut Ui,
    env: &Env,
    settings: &MoneySettings,
    editable: bool,
    editor: &mut LineEditor,
) {
    let lang = env.lang;
    let zh = lang == Lang::Zh;
    let mut d = editor.form.draft.clone();
    ui.add_enabled_ui(editable, |ui| {
        egui::Grid::new("estimate_header")
            .num_columns(4)
            .spacing([10.0, 6.0])
            .show(ui, |ui| {
                let l = ui.label(env.tr("报价标题", "Estimate title"));
                ui.add(egui::TextEdit::singleline(&mut d.title).desired_width(320.0))
                    .labelled_by(l.id);
                let l = ui.label(env.tr("税率", "Tax"));
                ui.horizontal(|ui| {
                    let current = d.tax.unwrap_or(settings.default_tax);
                    let mut chosen = current;
                    let combo = egui::ComboBox::from_id_salt("estimate_tax")
                        .selected_text(current.label(zh))
                        .show_ui(ui, |ui| {
                            let mut seen = Vec::new();
                            for r in &settings.tax_rates {
                                let mode = TaxMode::Rate(r.rate_bp);
                                if !seen.contains(&mode) {
                                    seen.push(mode);
                                    let text = format!("{} {}", mode.label(zh), r.name);
                                    ui.selectable_value(&mut chosen, mode, text);
                                }
                            }
                            let exempt = TaxMode::Exempt;
                            ui.selectable_value(&mut chosen, exempt, exempt.label(zh));
                        });
                    combo.response.labelled_by(l.id);
                    if chosen != current {
                        d.tax = Some(chosen);
                    }
                    let net = env.tr("单价不含税", "prices without tax");
                    ui.radio_value(&mut d.basis, PriceBasis::Net, net);
                    let gross = env.tr("单价含税", "prices with tax");
                    ui.radio_value(&mut d.basis, PriceBasis::Gross, gross);
                });
                ui.end_row();
                let l = ui.label(env.tr("有效期至", "Valid until"));
                ui.horizontal(|ui| {
                    let hint = env.tr("默认按公司设置", "the agency's default");
                    let edit = egui::TextEdit::singleline(&mut d.valid_until)
                        .desired_width(110.0)
                        .hint_text(hint);
                    ui.add(edit).labelled_by(l.id);
                    if !d.valid_until.trim().is_empty() {
                        match crate::domain::format::parse_date(&d.valid_until) {
                            Some(day) => ui.weak(crate::domain::format::date(day, lang)),
                            None => ui.colored_label(
                                ui.visuals().warn_fg_color,
                                env.tr("不是有效日期", "Not a valid date"),
                            ),
                        };
                    }
                });
                let l = ui.label(env.tr("付款条件", "Payment terms"));
                ui.add(egui::TextEdit::singleline(&mut d.payment_terms).desired_width(320.0))
                    .labelled_by(l.id);
                ui.end_row();
                let l = ui.label(env.tr("发票", "Fapiao"));
                let special = env.tr(
                    "客户要求增值税专用发票",
                    "The client asks for a special VAT fapiao (专票)",
                );
                ui.checkbox(&mut d.special_fapiao, special)
                    .labelled_by(l.id);
                ui.end_row();
            });
        let noted = !(d.client_note.is_empty() && d.internal_note.is_empty());
        egui::CollapsingHeader::new(
            env.tr("说明（给客户 / 内部）", "Notes (to the client / internal)"),
        )
        .default_open(noted)
        .show(ui, |ui| {
            crate::ui::screens::widgets::form_grid("estimate_notes").show(ui, |ui| {
                let to_client = env.tr("给客户的说明", "Note to the client");
                crate::ui::screens::widgets::multiline_row(ui, to_client, &mut d.client_note);
                let internal = env.tr("内部说明", "Internal note");
                crate::ui::screens::widgets::multiline_row(ui, internal, &mut d.internal_note);
            });
        });
    });
    if d != editor.form.draft {
        let lines = editor.form.draft.lines.clone();
        d.lines = lines;
        editor.edit(|draft| *draft = d);
    }
}
