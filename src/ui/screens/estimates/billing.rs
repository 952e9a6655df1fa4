//! A signed estimate's invoices and costs on screen: the client's invoicing details (开票信息)
//! as the fapiao must carry them; every invoice and credit note (红字发票) with what was
//! received against it and how late the rest is; forms to record an invoice, a credit note, a
//! payment; and the vendors' costs recorded against the signed lines beside what each line
//! was estimated to cost. Nothing is deleted: a mistake is voided with a reason.

use crate::domain::estimate::EstimateStatus;
use crate::domain::invoice::{Aging, FapiaoType, Invoice, InvoiceKind};
use crate::domain::{EstimateId, Fen, InvoiceId, Lang};
use crate::services::invoices::{InvoiceDraft, JobBilling, ReceiptDraft, VendorCostDraft};
use crate::services::{Command, EstimateShown};
use crate::ui::model::{Env, UiAction};
use egui::{RichText, Ui};

mod costs;

/// What the billing forms hold between frames.
#[derive(Debug, Default)]
pub(super) struct BillingForms {
    /// The invoice or credit note being typed, while its form is open.
    invoice: Option<InvoiceDraft>,
    /// The invoice a payment is being recorded against, and the payment.
    receipt: Option<(InvoiceId, ReceiptDraft)>,
    /// The vendor's cost being typed, while its form is open.
    cost: Option<VendorCostDraft>,
    /// The reason typed for voiding.
    reason: String,
}

fn aging_name(a: Aging, lang: Lang) -> &'static str {
    let (zh, en) = match a {
        Aging::NotDue => ("未到期", "not due"),
        Aging::Days30 => ("逾期 1–30 天", "1–30 days late"),
        Aging::Days60 => ("逾期 31–60 天", "31–60 days late"),
        Aging::Days90 => ("逾期 61–90 天", "61–90 days late"),
        Aging::Over90 => ("逾期 90 天以上", "over 90 days late"),
    };
    lang.pick(zh, en)
}

/// A labelled one-line field of a form; `true` when Enter was pressed in it (the form is
/// then recorded, as its button would).
fn text_row(ui: &mut Ui, label: &str, value: &mut String, hint: &str, width: f32) -> bool {
    let l = ui.label(label);
    let r = ui
        .add(
            egui::TextEdit::singleline(value)
                .desired_width(width)
                .hint_text(hint),
        )
        .labelled_by(l.id);
    r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter))
}

impl BillingForms {
    /// Closes the forms (after a change went through, or another estimate opened).
    pub(super) fn clear(&mut self) {
        *self = BillingForms::default();
    }

    /// Records the form that is open (Ctrl+S): the invoice or credit note, else the
    /// payment, else the cost. `false` when none is open.
    pub(super) fn save(&self, actions: &mut Vec<UiAction>) -> bool {
        let command = if let Some(d) = &self.invoice {
            Command::RecordInvoice(Box::new(d.clone()))
        } else if let Some((id, form)) = &self.receipt {
            Command::RecordReceipt(*id, Box::new(form.clone()))
        } else if let Some(d) = &self.cost {
            Command::RecordVendorCost(Box::new(d.clone()))
        } else {
            return false;
        };
        actions.push(UiAction::Command(command));
        true
    }

    /// The invoices and costs of `e`, with the forms to add to them. Shown for a signed
    /// estimate, and for any estimate that has invoices already.
    pub(super) fn ui(
        &mut self,
        ui: &mut Ui,
        env: &Env,
        e: &EstimateShown,
        status: EstimateStatus,
        billing: &JobBilling,
        actions: &mut Vec<UiAction>,
    ) {
        let mine = billing.of_estimate(e.estimate.id);
        let signed = e
            .estimate
            .signed()
            .and_then(|s| e.versions.iter().find(|v| v.number == s.version));
        if signed.is_none() && mine.invoices.is_empty() && mine.costs.is_empty() {
            return;
        }
        let billable = status == EstimateStatus::Signed && signed.is_some();
        ui.separator();
        ui.heading(env.tr("发票、收款与成本", "Invoices, payments and costs"));
        let signed_total = signed.and_then(|v| v.totals().ok()).map(|t| t.gross);
        ui.horizontal_wrapped(|ui| {
            if let Some(total) = signed_total {
                ui.label(format!("{} {total}", env.tr("签署金额", "Signed")));
                ui.label(format!(
                    "· {} {}",
                    env.tr("已开票", "Invoiced"),
                    mine.invoiced()
                ));
                ui.label(format!(
                    "· {} {}",
                    env.tr("未开票", "Not invoiced"),
                    Fen(total.0 - mine.invoiced().0)
                ));
            }
            ui.label(format!(
                "· {} {}",
                env.tr("已收款", "Received"),
                mine.received()
            ));
            ui.label(format!(
                "· {} {}",
                env.tr("应收未收", "Outstanding"),
                mine.outstanding()
            ));
        });
        self.details_ui(ui, env, e);
        self.invoices_ui(ui, env, &mine, billable, actions);
        if billable {
            self.invoice_form_ui(ui, env, e.estimate.id, &mine, actions);
        }
        if let Some(v) = signed {
            self.costs_ui(ui, env, e.estimate.id, v, &mine, billable, actions);
        }
        if !mine.invoices.is_empty() || !mine.costs.is_empty() {
            ui.horizontal(|ui| {
                let l = ui.label(env.tr("作废理由", "Reason to void"));
                ui.add(
                    egui::TextEdit::singleline(&mut self.reason)
                        .desired_width(360.0)
                        .hint_text(env.tr(
                            "作废发票、收款或成本时必填",
                            "Needed to void an invoice, payment or cost",
                        )),
                )
                .labelled_by(l.id);
            });
        }
    }

    /// The client's invoicing details, or where to give them.
    fn details_ui(&self, ui: &mut Ui, env: &Env, e: &EstimateShown) {
        let Some(client) = env.data.client(e.estimate.client_id) else {
            return;
        };
        let d = &client.invoicing;
        if d.is_empty() {
            ui.colored_label(
                crate::ui::theme::palette(ui.visuals()).warning,
                env.tr(
                    "客户档案中还没有开票信息（开票名称、纳税人识别号、开户行）：请先在客户页补全。",
                    "The client file has no invoicing details (name, taxpayer id, bank) yet: add them on the client page.",
                ),
            );
            return;
        }
        egui::CollapsingHeader::new(env.tr("客户开票信息", "Client's invoicing details"))
            .default_open(false)
            .show(ui, |ui| {
                egui::Grid::new("invoicing_details").show(ui, |ui| {
                    for (zh, en, value) in [
                        ("开票名称", "Name on the fapiao", &d.company),
                        ("纳税人识别号", "Taxpayer id", &d.tax_id),
                        (
                            "地址、电话",
                            "Address, phone",
                            &format!("{} {}", d.address, d.phone),
                        ),
                        (
                            "开户行及账号",
                            "Bank and account",
                            &format!("{} {}", d.bank, d.account),
                        ),
                    ] {
                        ui.weak(env.tr(zh, en));
                        ui.label(value.trim());
                        ui.end_row();
                    }
                });
            });
    }

    fn invoices_ui(
        &mut self,
        ui: &mut Ui,
        env: &Env,
        mine: &JobBilling,
        billable: bool,
        actions: &mut Vec<UiAction>,
    ) {
        if mine.invoices.is_empty() {
            ui.weak(env.tr("还没有记录发票。", "No invoices recorded yet."));
            return;
        }
        egui::ScrollArea::horizontal()
            .id_salt("estimate_invoices_scroll")
            .show(ui, |ui| {
                self.invoice_grid_ui(ui, env, mine, billable, actions)
            });
        self.receipt_form_ui(ui, env, mine, actions);
    }

    fn invoice_grid_ui(
        &mut self,
        ui: &mut Ui,
        env: &Env,
        mine: &JobBilling,
        billable: bool,
        actions: &mut Vec<UiAction>,
    ) {
        let lang = env.lang;
        let p = crate::ui::theme::palette(ui.visuals());
        egui::Grid::new("estimate_invoices")
            .striped(true)
            .show(ui, |ui| {
                for h in [
                    ("类别", "Kind"),
                    ("发票", "Fapiao"),
                    ("号码", "Number"),
                    ("开票日", "Issued"),
                    ("到期日", "Due"),
                    ("价税合计", "Total"),
                    ("税额", "Tax"),
                    ("已收", "Received"),
                    ("未收", "Outstanding"),
                    ("状态", "Status"),
                    ("", ""),
                ] {
                    ui.strong(lang.pick(h.0, h.1));
                }
                ui.end_row();
                for i in &mine.invoices {
                    let credited = mine.credited(i.id);
                    let owed = i.outstanding(credited);
                    let (kzh, ken) = i.kind.names();
                    let kind = match i.credits {
                        Some(_) => lang.pick("红字发票", "Credit note").to_string(),
                        None => lang.pick(kzh, ken).to_string(),
                    };
                    let struck = |t: String| match i.is_live() {
                        true => RichText::new(t),
                        false => RichText::new(t).strikethrough().weak(),
                    };
                    ui.label(struck(kind));
                    let (fzh, fen) = i.fapiao.names();
                    ui.label(struck(lang.pick(fzh, fen).to_string()));
                    ui.label(struck(i.number.clone()));
                    ui.label(struck(i.issued_on.to_string()));
                    ui.label(struck(i.due_on.to_string()));
                    let sign = if i.credits.is_some() { "−" } else { "" };
                    ui.label(struck(format!("{sign}{}", i.gross())));
                    ui.label(struck(format!("{sign}{}", i.tax)));
                    ui.label(struck(i.received().to_string()));
                    ui.label(struck(owed.to_string()));
                    let status = match (&i.voided, i.credits) {
                        (Some(v), _) => RichText::new(format!(
                            "{}：{}",
                            lang.pick("已作废", "voided"),
                            v.reason
                        ))
                        .color(p.warning),
                        (None, Some(_)) => RichText::new(lang.pick("冲减原发票", "reverses")),
                        (None, None) if owed.0 == 0 => {
                            RichText::new(lang.pick("已结清", "settled")).color(p.success)
                        }
                        (None, None) => {
                            let aging = i.aging(owed, env.today);
                            let text = RichText::new(aging_name(aging, lang));
                            match aging {
                                Aging::NotDue => text,
                                _ => text.color(p.warning),
                            }
                        }
                    };
                    ui.label(status);
                    ui.horizontal(|ui| {
                        self.invoice_buttons_ui(ui, env, i, owed, billable, actions);
                    });
                    ui.end_row();
                    for (n, r) in i.receipts.iter().enumerate() {
                        ui.label("");
                        ui.weak(lang.pick("收款", "payment"));
                        ui.weak(r.reference.clone());
                        ui.weak(r.on.to_string());
                        ui.label("");
                        let text = match &r.voided {
                            Some(v) => RichText::new(format!("{}（{}）", r.amount, v.reason))
                                .strikethrough()
                                .weak(),
                            None => RichText::new(r.amount.to_string()),
                        };
                        ui.label(text);
                        ui.label("");
                        ui.label("");
                        ui.label("");
                        ui.label("");
                        if r.voided.is_none()
                            && ui
                                .small_button(lang.pick("作废收款", "Void payment"))
                                .clicked()
                        {
                            actions.push(UiAction::Command(Command::VoidReceipt(
                                i.id,
                                n,
                                self.reason.trim().to_string(),
                            )));
                        }
                        ui.end_row();
                    }
                }
            });
    }

    fn receipt_form_ui(
        &mut self,
        ui: &mut Ui,
        env: &Env,
        mine: &JobBilling,
        actions: &mut Vec<UiAction>,
    ) {
        if let Some((id, form)) = &mut self.receipt {
            let number = mine
                .invoices
                .iter()
                .find(|i| i.id == *id)
                .map_or(String::new(), |i| i.number.clone());
            let mut submit = false;
            let mut cancel = false;
            ui.group(|ui| {
                ui.strong(format!(
                    "{} {number}",
                    env.tr("记录收款：发票", "Record a payment: invoice")
                ));
                ui.horizontal_wrapped(|ui| {
                    submit |= text_row(
                        ui,
                        env.tr("到账日", "Received on"),
                        &mut form.on,
                        "2026-12-06",
                        100.0,
                    );
                    submit |= text_row(
                        ui,
                        env.tr("金额（含税）", "Amount (with tax)"),
                        &mut form.amount,
                        "¥",
                        120.0,
                    );
                    submit |= text_row(
                        ui,
                        env.tr("银行流水号或备注", "Bank reference or note"),
                        &mut form.reference,
                        "",
                        200.0,
                    );
                    submit |= ui.button(env.tr("记录收款", "Record payment")).clicked();
                    cancel = ui.button(env.tr("取消", "Cancel")).clicked();
                });
            });
            if submit {
                actions.push(UiAction::Command(Command::RecordReceipt(
                    *id,
                    Box::new(form.clone()),
                )));
            }
            if cancel {
                self.receipt = None;
            }
        }
    }

    fn invoice_buttons_ui(
        &mut self,
        ui: &mut Ui,
        env: &Env,
        i: &Invoice,
        owed: Fen,
        billable: bool,
        actions: &mut Vec<UiAction>,
    ) {
        if !i.is_live() {
            return;
        }
        if i.credits.is_none() && owed.0 > 0 && ui.small_button(env.tr("收款", "Payment")).clicked()
        {
            self.receipt = Some((
                i.id,
                ReceiptDraft {
                    amount: owed.plain(),
                    ..ReceiptDraft::default()
                },
            ));
        }
        if billable
            && i.credits.is_none()
            && ui
                .small_button(env.tr("开红字", "Credit note"))
                .on_hover_text(env.tr(
                    "记录冲减这张发票的红字发票（全部或部分）",
                    "Record a credit note reversing all or part of this invoice",
                ))
                .clicked()
        {
            let mut d = InvoiceDraft::new(i.estimate_id, i.kind);
            d.fapiao = i.fapiao;
            d.credits = Some(i.id);
            self.invoice = Some(d);
        }
        if ui.small_button(env.tr("作废", "Void")).clicked() {
            actions.push(UiAction::Command(Command::VoidInvoice(
                i.id,
                self.reason.trim().to_string(),
            )));
        }
    }

    fn invoice_form_ui(
        &mut self,
        ui: &mut Ui,
        env: &Env,
        estimate: EstimateId,
        mine: &JobBilling,
        actions: &mut Vec<UiAction>,
    ) {
        let lang = env.lang;
        let Some(d) = &mut self.invoice else {
            ui.horizontal(|ui| {
                for kind in InvoiceKind::ALL {
                    let (zh, en) = kind.names();
                    let text = match lang {
                        Lang::Zh => format!("记录{zh}发票…"),
                        Lang::En => format!("Record a {} invoice…", en.to_lowercase()),
                    };
                    if ui.button(text).clicked() {
                        self.invoice = Some(InvoiceDraft::new(estimate, kind));
                    }
                }
            });
            return;
        };
        let mut submit = false;
        let mut cancel = false;
        ui.group(|ui| {
            let title = match d.credits {
                Some(original) => format!(
                    "{} {}",
                    lang.pick("红字发票，冲减发票", "Credit note against invoice"),
                    mine.invoices
                        .iter()
                        .find(|i| i.id == original)
                        .map_or(String::new(), |i| i.number.clone())
                ),
                None => {
                    let (zh, en) = d.kind.names();
                    match lang {
                        Lang::Zh => format!("记录{zh}发票"),
                        Lang::En => format!("Record a {} invoice", en.to_lowercase()),
                    }
                }
            };
            ui.strong(title);
            ui.horizontal_wrapped(|ui| {
                let l = ui.label(env.tr("发票种类", "Fapiao type"));
                let (zh, en) = d.fapiao.names();
                egui::ComboBox::from_id_salt("fapiao_type")
                    .selected_text(lang.pick(zh, en))
                    .show_ui(ui, |ui| {
                        for t in FapiaoType::ALL {
                            let (zh, en) = t.names();
                            ui.selectable_value(&mut d.fapiao, t, lang.pick(zh, en));
                        }
                    })
                    .response
                    .labelled_by(l.id);
                let digits = match d.fapiao {
                    FapiaoType::Paper => lang.pick("8 位号码", "8 digits"),
                    _ => lang.pick("20 位号码", "20 digits"),
                };
                submit |= text_row(
                    ui,
                    env.tr("发票号码", "Fapiao number"),
                    &mut d.number,
                    digits,
                    190.0,
                );
                submit |= text_row(
                    ui,
                    env.tr("开票日期", "Issued on"),
                    &mut d.issued_on,
                    lang.pick("今天", "today"),
                    100.0,
                );
                submit |= text_row(
                    ui,
                    env.tr("到期日", "Due on"),
                    &mut d.due_on,
                    lang.pick("开票后 30 天", "30 days after"),
                    110.0,
                );
            });
            ui.horizontal_wrapped(|ui| {
                submit |= text_row(
                    ui,
                    env.tr("发票金额（价税合计）", "Invoice total with tax"),
                    &mut d.gross,
                    "¥",
                    130.0,
                );
                submit |= text_row(
                    ui,
                    env.tr("发票税额", "Invoice tax"),
                    &mut d.tax,
                    lang.pick("按报价税率计算", "from the estimate's rate"),
                    150.0,
                );
                submit |= text_row(
                    ui,
                    env.tr("发票备注", "Invoice note"),
                    &mut d.note,
                    lang.pick("如：首期 50%", "e.g. first 50 %"),
                    220.0,
                );
            });
            ui.horizontal(|ui| {
                submit |= ui.button(env.tr("记录发票", "Record invoice")).clicked();
                cancel = ui.button(env.tr("取消", "Cancel")).clicked();
            });
        });
        if submit {
            actions.push(UiAction::Command(Command::RecordInvoice(Box::new(
                d.clone(),
            ))));
        }
        if cancel {
            self.invoice = None;
        }
    }
}
