//! The vendors' costs of a signed estimate: what each line was estimated to cost beside
//! what was recorded against it, and the form to record one.

use super::{BillingForms, text_row};
use crate::domain::{EstimateId, Fen, VendorCostId};
use crate::services::Command;
use crate::services::invoices::{JobBilling, VendorCostDraft};
use crate::ui::model::{Env, UiAction};
use egui::{RichText, Ui};

impl BillingForms {
    #[allow(clippy::too_many_arguments)]
    pub(super) fn costs_ui(
        &mut self,
        ui: &mut Ui,
        env: &Env,
        estimate: EstimateId,
        v: &crate::domain::EstimateVersion,
        mine: &JobBilling,
        billable: bool,
        actions: &mut Vec<UiAction>,
    ) {
        let lang = env.lang;
        ui.add_space(6.0);
        ui.strong(env.tr(
            "供应商成本（按签署版本的行）",
            "Vendors' costs (by line of the signed version)",
        ));
        let mut void: Option<VendorCostId> = None;
        egui::ScrollArea::horizontal()
            .id_salt("estimate_costs_scroll")
            .show(ui, |ui| {
                egui::Grid::new("estimate_costs")
                    .striped(true)
                    .show(ui, |ui| {
                        for h in [
                            ("行", "Line"),
                            ("项目", "Item"),
                            ("预估成本", "Estimated cost"),
                            ("已记成本", "Recorded cost"),
                            ("供应商", "Vendor"),
                            ("金额（不含税）", "Net"),
                            ("税额", "Tax"),
                            ("供应商发票号", "Vendor's fapiao"),
                            ("日期", "Date"),
                            ("", ""),
                        ] {
                            ui.strong(lang.pick(h.0, h.1));
                        }
                        ui.end_row();
                        for (n, line) in v.lines.iter().enumerate() {
                            let number = n as u32 + 1;
                            let costs: Vec<_> =
                                mine.costs.iter().filter(|c| c.line == number).collect();
                            let recorded: i64 = costs
                                .iter()
                                .filter(|c| c.voided.is_none())
                                .map(|c| c.net.0)
                                .sum();
                            ui.label(number.to_string());
                            ui.label(line.description.clone());
                            ui.label(line.cost.map_or("—".into(), |c| c.to_string()));
                            let over = line.cost.is_some_and(|c| recorded > c.0);
                            let text = RichText::new(Fen(recorded).to_string());
                            ui.label(match over {
                                true => text.color(crate::ui::theme::palette(ui.visuals()).warning),
                                false => text,
                            });
                            if costs.is_empty() {
                                ui.weak(line.vendor.clone());
                                ui.end_row();
                                continue;
                            }
                            for (k, c) in costs.iter().enumerate() {
                                if k > 0 {
                                    for _ in 0..4 {
                                        ui.label("");
                                    }
                                }
                                let struck = |t: String| match c.voided {
                                    None => RichText::new(t),
                                    Some(_) => RichText::new(t).strikethrough().weak(),
                                };
                                ui.label(struck(c.vendor.clone()));
                                ui.label(struck(c.net.to_string()));
                                ui.label(struck(c.tax.to_string()));
                                ui.label(struck(c.fapiao_number.clone()));
                                ui.label(struck(c.on.to_string()));
                                match &c.voided {
                                    Some(x) => {
                                        ui.weak(x.reason.clone());
                                    }
                                    None => {
                                        if ui.small_button(lang.pick("作废", "Void")).clicked() {
                                            void = Some(c.id);
                                        }
                                    }
                                }
                                ui.end_row();
                            }
                        }
                    });
            });
        if let Some(id) = void {
            actions.push(UiAction::Command(Command::VoidVendorCost(
                id,
                self.reason.trim().to_string(),
            )));
        }
        if !billable {
            return;
        }
        let Some(d) = &mut self.cost else {
            if ui
                .button(env.tr("记录供应商成本…", "Record a vendor's cost…"))
                .clicked()
            {
                self.cost = Some(VendorCostDraft {
                    estimate_id: estimate,
                    line: 1,
                    vendor: String::new(),
                    net: String::new(),
                    tax: String::new(),
                    fapiao_number: String::new(),
                    on: String::new(),
                });
            }
            return;
        };
        let mut submit = false;
        let mut cancel = false;
        ui.group(|ui| {
            ui.horizontal_wrapped(|ui| {
                let l = ui.label(env.tr("行", "Line"));
                let shown = |n: u32| {
                    let desc = v
                        .lines
                        .get(n as usize - 1)
                        .map_or("", |l| l.description.as_str());
                    format!("{n} {desc}")
                };
                egui::ComboBox::from_id_salt("cost_line")
                    .selected_text(shown(d.line.max(1)))
                    .show_ui(ui, |ui| {
                        for n in 1..=v.lines.len() as u32 {
                            ui.selectable_value(&mut d.line, n, shown(n));
                        }
                    })
                    .response
                    .labelled_by(l.id);
                let default_vendor = v
                    .lines
                    .get((d.line.max(1) - 1) as usize)
                    .map_or(String::new(), |l| l.vendor.clone());
                submit |= text_row(
                    ui,
                    env.tr("供应商", "Vendor"),
                    &mut d.vendor,
                    &default_vendor,
                    150.0,
                );
                submit |= text_row(
                    ui,
                    env.tr("金额（不含税）", "Net amount"),
                    &mut d.net,
                    "¥",
                    110.0,
                );
                submit |= text_row(ui, env.tr("税额", "Tax"), &mut d.tax, "0", 90.0);
                submit |= text_row(
                    ui,
                    env.tr("供应商发票号", "Vendor's fapiao number"),
                    &mut d.fapiao_number,
                    "",
                    180.0,
                );
                submit |= text_row(
                    ui,
                    env.tr("日期", "Date"),
                    &mut d.on,
                    lang.pick("今天", "today"),
                    100.0,
                );
            });
            ui.horizontal(|ui| {
                submit |= ui.button(env.tr("记录成本", "Record cost")).clicked();
                cancel = ui.button(env.tr("取消", "Cancel")).clicked();
            });
        });
        if submit {
            actions.push(UiAction::Command(Command::RecordVendorCost(Box::new(
                d.clone(),
            ))));
        }
        if cancel {
            self.cost = None;
        }
    }
}
