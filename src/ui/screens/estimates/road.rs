//! An estimate's road on screen: its number, versions and hash; what happened to it, who did
//! it and the hash each step bound to; and the decisions the current person may take —
//! submit, approve or return (with a comment), mark sent, record the client's signature with
//! the scan, record a refusal, void. Each is checked again by the services (and on a team
//! database by the server).

use crate::domain::Lang;
use crate::domain::estimate::{
    Actor, Decision, EstimateStatus, EstimateStep, Evidence, Signature, version_letter,
};
use crate::services::budgets::BudgetCheck;
use crate::services::export::MoneyFormat;
use crate::services::{Command, EstimateShown};
use crate::ui::model::{Env, UiAction};
use egui::{RichText, Ui};

/// A step's name.
pub(super) fn step_name(s: EstimateStep, lang: Lang) -> &'static str {
    let (zh, en) = match s {
        EstimateStep::Submitted => ("提交审批", "submitted"),
        EstimateStep::AmApproved => ("客户经理批准", "approved by the AM"),
        EstimateStep::AmReturned => ("客户经理退回", "returned by the AM"),
        EstimateStep::DirectorApproved => ("总监室批准", "approved by the director's office"),
        EstimateStep::DirectorReturned => ("总监室退回", "returned by the director's office"),
        EstimateStep::Sent => ("已发送客户", "sent to the client"),
        EstimateStep::Signed => (
            "客户签署（哈希一致）",
            "signed by the client (hash matches)",
        ),
        EstimateStep::SignedMismatch => ("客户签署版本不符", "signature does not match"),
        EstimateStep::Declined => ("客户拒绝", "declined by the client"),
        EstimateStep::Voided => ("作废", "voided"),
    };
    lang.pick(zh, en)
}

/// Number, kind, versions (an older one opens read-only), status and short hash.
pub(super) fn header_ui(
    ui: &mut Ui,
    env: &Env,
    e: &EstimateShown,
    status: EstimateStatus,
    viewing: &mut Option<(crate::domain::EstimateId, u32)>,
) {
    let lang = env.lang;
    let (zh, en) = e.estimate.kind.names();
    ui.horizontal(|ui| {
        ui.heading(format!("{} · {}", e.estimate.number, lang.pick(zh, en)));
        let (szh, sen) = status.names();
        let p = crate::ui::theme::palette(ui.visuals());
        let colour = match status {
            EstimateStatus::Signed => p.success,
            EstimateStatus::Returned
            | EstimateStatus::Expired
            | EstimateStatus::SignedMismatch
            | EstimateStatus::Declined => p.warning,
            _ => ui.visuals().text_color(),
        };
        ui.label(RichText::new(lang.pick(szh, sen)).strong().color(colour));
    });
    ui.horizontal(|ui| {
        ui.label(env.tr("版本", "Version"));
        for v in &e.versions {
            let newest = v.number == e.estimate.versions;
            let selected = match viewing {
                Some((id, n)) if *id == e.estimate.id => *n == v.number,
                _ => newest,
            };
            let text = version_letter(v.number);
            if ui.selectable_label(selected, &text).clicked() {
                *viewing = (!newest).then_some((e.estimate.id, v.number));
            }
        }
        if let Some(hash) = e.hashes.last() {
            ui.weak(format!("{} {}", env.tr("哈希", "hash"), hash.short()))
                .on_hover_text(hash.hex());
        }
    });
}

/// What happened to the estimate, oldest first.
pub(super) fn history_ui(ui: &mut Ui, env: &Env, e: &EstimateShown) {
    if e.estimate.events.is_empty() {
        return;
    }
    egui::CollapsingHeader::new(env.tr("审批记录", "Approval history"))
        .default_open(true)
        .show(ui, |ui| {
            egui::Grid::new("estimate_events")
                .striped(true)
                .show(ui, |ui| {
                    for ev in &e.estimate.events {
                        ui.label(version_letter(ev.version));
                        ui.label(step_name(ev.step, env.lang));
                        ui.label(env.data.user_name(Some(ev.by)));
                        let at = ev.at.with_timezone(&chrono::Local);
                        ui.label(at.format("%Y-%m-%d %H:%M").to_string());
                        ui.weak(ev.hash.short()).on_hover_text(ev.hash.hex());
                        let mut note = ev.note.clone();
                        if let Some(s) = &ev.signature {
                            let (zh, en) = s.evidence.names();
                            note = format!(
                                "{} {} · {} {}{}",
                                env.tr("签署版本", "paper says version"),
                                version_letter(s.version),
                                env.lang.pick(zh, en),
                                s.read_hash,
                                s.file
                                    .as_ref()
                                    .map_or(String::new(), |f| format!(" · {}", f.original_name))
                            );
                        }
                        ui.label(note);
                        ui.end_row();
                    }
                });
        });
}

/// What the decision forms hold between frames.
#[derive(Debug, Default)]
pub(super) struct RoadForms {
    /// The comment of a return, the reason of a refusal or a void.
    reason: String,
    /// The signature being recorded, while its form is open.
    signing: Option<SignForm>,
    /// The budget check of an approved estimate, read once per data generation.
    budget: Option<(
        u64,
        crate::domain::EstimateId,
        Result<Option<BudgetCheck>, String>,
    )>,
}

#[derive(Debug, Clone)]
struct SignForm {
    version: u32,
    hash: String,
    evidence: Evidence,
}

impl RoadForms {
    /// Closes the forms (after a decision went through, or another estimate opened).
    pub(super) fn clear(&mut self) {
        self.reason.clear();
        self.signing = None;
        self.budget = None;
    }

    /// The decisions the current person may take now, as buttons.
    pub(super) fn decisions_ui(
        &mut self,
        ui: &mut Ui,
        env: &Env,
        e: &EstimateShown,
        status: EstimateStatus,
        actions: &mut Vec<UiAction>,
    ) {
        let Some(me) = env.current_user.and_then(|u| env.data.user(u)) else {
            ui.weak(env.tr(
                "请先在右上角选择当前用户，才能提交或审批。",
                "Choose the current user (top right) to submit or approve.",
            ));
            return;
        };
        let (Some(v), Some(hash)) = (e.newest(), e.hashes.last()) else {
            return;
        };
        let actor = Actor {
            id: me.id,
            role: me.role,
        };
        // A decision is offered when the rules would take it from this person.
        let may = |d: Decision| {
            e.estimate
                .decide(v, *hash, d, actor, env.now, env.today)
                .is_ok()
        };
        let id = e.estimate.id;
        let mut chosen: Option<Decision> = None;
        let mut export = None;
        let mut decide = |d: Decision| chosen = Some(d);
        let note = || "—".to_string();
        ui.horizontal_wrapped(|ui| {
            if matches!(status, EstimateStatus::Draft | EstimateStatus::Returned)
                && ui
                    .button(env.tr("提交审批", "Submit for approval"))
                    .clicked()
            {
                decide(Decision::Submit);
            }
            if may(Decision::ApproveAsAm)
                && ui.button(env.tr("客户经理批准", "Approve as AM")).clicked()
            {
                decide(Decision::ApproveAsAm);
            }
            if may(Decision::ReturnAsAm(note()))
                && ui.button(env.tr("客户经理退回", "Return as AM")).clicked()
            {
                decide(Decision::ReturnAsAm(self.reason.trim().to_string()));
            }
            if may(Decision::ApproveAsDirector)
                && ui
                    .button(env.tr("总监室批准", "Approve as director's office"))
                    .clicked()
            {
                decide(Decision::ApproveAsDirector);
            }
            if may(Decision::ReturnAsDirector(note()))
                && ui
                    .button(env.tr("总监室退回", "Return as director's office"))
                    .clicked()
            {
                decide(Decision::ReturnAsDirector(self.reason.trim().to_string()));
            }
            if ui
                .button(env.tr("导出客户版 PDF", "Export client PDF"))
                .clicked()
            {
                export = Some(MoneyFormat::Pdf);
            }
            if ui
                .button(env.tr("导出 Excel", "Export Excel"))
                .on_hover_text(env.tr(
                    "客户版报价单的工作簿：与 PDF 相同的行与金额，不含成本与供应商",
                    "The client's estimate as a workbook: the PDF's lines and amounts, no costs or vendors",
                ))
                .clicked()
            {
                export = Some(MoneyFormat::Xlsx);
            }
            if may(Decision::Send)
                && ui
                    .button(env.tr("标记为已发送客户", "Mark as sent to the client"))
                    .clicked()
            {
                decide(Decision::Send);
            }
            let signable = matches!(
                status,
                EstimateStatus::Sent | EstimateStatus::Expired | EstimateStatus::SignedMismatch
            );
            if signable
                && ui
                    .button(env.tr("记录客户签署…", "Record the signature…"))
                    .clicked()
            {
                let sent = e
                    .estimate
                    .events
                    .iter()
                    .rev()
                    .find(|x| x.step == EstimateStep::Sent)
                    .map_or(v.number, |x| x.version);
                self.signing = Some(SignForm {
                    version: sent,
                    hash: String::new(),
                    evidence: Evidence::SignedScan,
                });
            }
            if may(Decision::Decline(note()))
                && ui.button(env.tr("客户拒绝", "Client declined")).clicked()
            {
                decide(Decision::Decline(self.reason.trim().to_string()));
            }
            if may(Decision::Void(note())) && ui.button(env.tr("作废", "Void")).clicked() {
                decide(Decision::Void(self.reason.trim().to_string()));
            }
        });
        if let Some(format) = export {
            actions.push(UiAction::ExportEstimate(id, v.number, format));
        }
        if let Some(d) = chosen {
            actions.push(UiAction::Command(Command::DecideEstimate(id, d)));
        }
        if status != EstimateStatus::Voided && status != EstimateStatus::Signed
            || may(Decision::Void(note()))
        {
            ui.horizontal(|ui| {
                let l = ui.label(env.tr("意见或理由", "Comment or reason"));
                ui.add(
                    egui::TextEdit::singleline(&mut self.reason)
                        .desired_width(420.0)
                        .hint_text(env.tr(
                            "退回、拒绝或作废时必填",
                            "Needed to return, decline or void",
                        )),
                )
                .labelled_by(l.id);
            });
        }
        if matches!(
            status,
            EstimateStatus::DirectorApproved | EstimateStatus::AmApproved
        ) {
            self.budget_ui(ui, env, e);
        }
        self.sign_ui(ui, env, e, actions);
    }

    /// Before sending: what the estimate would do to its client's budget for the year
    /// (`this estimate takes 宝马 2027 production to 104 % of the annual budget`).
    fn budget_ui(&mut self, ui: &mut Ui, env: &Env, e: &EstimateShown) {
        let id = e.estimate.id;
        let fresh = self
            .budget
            .as_ref()
            .is_some_and(|(g, x, _)| *g == env.data.generation && *x == id);
        if !fresh {
            let check = match e.newest() {
                Some(v) => env
                    .store
                    .budget_check(&e.estimate, v, env.today)
                    .map_err(|err| err.message(env.lang)),
                None => Ok(None),
            };
            self.budget = Some((env.data.generation, id, check));
        }
        let Some((_, _, check)) = &self.budget else {
            return;
        };
        let lang = env.lang;
        match check {
            Ok(Some(c)) => {
                let (zh, en) = c.side.names();
                let client = env.data.client_name(e.estimate.client_id);
                let percent = format!("{}.{} %", c.used_bp / 100, (c.used_bp % 100) / 10);
                let text = match lang {
                    Lang::Zh => format!(
                        "预算检查：此报价签署后，{client} {} 年度{zh}预算（{}）将用到 {percent}。",
                        c.year, c.budget
                    ),
                    Lang::En => format!(
                        "Budget check: once signed, this estimate takes {client}'s {} {} budget ({}) to {percent}.",
                        c.year,
                        en.to_lowercase(),
                        c.budget
                    ),
                };
                let p = crate::ui::theme::palette(ui.visuals());
                let colour = match c.used_bp > 10_000 {
                    true => p.warning,
                    false => ui.visuals().text_color(),
                };
                ui.colored_label(colour, text);
            }
            Ok(None) => {
                ui.weak(env.tr(
                    "预算检查：该客户本年度没有这一类预算。",
                    "Budget check: the client has no budget of this kind for the year.",
                ));
            }
            Err(message) => {
                ui.colored_label(ui.visuals().error_fg_color, message);
            }
        }
    }

    fn sign_ui(&mut self, ui: &mut Ui, env: &Env, e: &EstimateShown, actions: &mut Vec<UiAction>) {
        let Some(form) = &mut self.signing else {
            return;
        };
        let lang = env.lang;
        let mut close = false;
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.strong(env.tr("记录客户签署", "Record the client's signature"));
            ui.weak(env.tr(
                "请按签字页上印的内容填写：版本号和哈希（页脚或二维码，至少 8 位）。与所发版本不符将记为“签署版本不符”，并阻止进入制作。",
                "Type what the signed paper prints: its version and hash (footer or QR code, at least 8 digits). A mismatch is recorded as such and blocks production.",
            ));
            egui::Grid::new("sign_form").num_columns(2).show(ui, |ui| {
                let l = ui.label(env.tr("签署的版本", "Version signed"));
                let combo = egui::ComboBox::from_id_salt("sign_version")
                    .selected_text(version_letter(form.version))
                    .show_ui(ui, |ui| {
                        for v in &e.versions {
                            ui.selectable_value(&mut form.version, v.number, version_letter(v.number));
                        }
                    });
                combo.response.labelled_by(l.id);
                ui.end_row();
                let l = ui.label(env.tr("签字页上的哈希", "Hash on the signed paper"));
                ui.add(egui::TextEdit::singleline(&mut form.hash).desired_width(200.0))
                    .labelled_by(l.id);
                ui.end_row();
                let l = ui.label(env.tr("签署方式", "Evidence"));
                let (zh, en) = form.evidence.names();
                let combo = egui::ComboBox::from_id_salt("sign_evidence")
                    .selected_text(lang.pick(zh, en))
                    .show_ui(ui, |ui| {
                        for ev in Evidence::ALL {
                            let (zh, en) = ev.names();
                            ui.selectable_value(&mut form.evidence, ev, lang.pick(zh, en));
                        }
                    });
                combo.response.labelled_by(l.id);
                ui.end_row();
            });
            let signature = Signature {
                version: form.version,
                read_hash: form.hash.trim().to_string(),
                evidence: form.evidence,
                file: None,
            };
            ui.horizontal(|ui| {
                if ui
                    .button(env.tr("选择签字扫描件并记录…", "Choose the signed scan and record…"))
                    .clicked()
                {
                    actions.push(UiAction::SignEstimate(e.estimate.id, Box::new(signature.clone())));
                }
                if ui
                    .button(env.tr("不附扫描件，直接记录", "Record without a scan"))
                    .clicked()
                {
                    actions.push(UiAction::Command(Command::DecideEstimate(
                        e.estimate.id,
                        Decision::Sign(signature),
                    )));
                }
                if ui.button(env.tr("取消", "Cancel")).clicked() {
                    close = true;
                }
            });
        });
        if close {
            self.signing = None;
        }
    }
}
