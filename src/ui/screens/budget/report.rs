//! The month's report on the budget tab: which month, where its report stands (draft,
//! awaiting the AM, returned, approved, issued) with every step, the AM's remarks, the
//! decisions the current person may take, and the PDF — the issued revision exactly as it
//! was sent, or a draft.

use super::BudgetTab;
use crate::domain::budget::road::{
    MonthlyReport, ReportActor, ReportDecision, ReportStatus, ReportStep,
};
use crate::domain::{Client, ClientId, Lang};
use crate::services::Command;
use crate::services::budget_reports::ReportDraft;
use crate::services::export::MoneyFormat;
use crate::ui::model::{Env, UiAction};
use egui::{RichText, Ui};

/// The report of a month as read.
#[derive(Debug)]
pub(crate) struct ReportLoaded {
    key: (ClientId, (i32, u32), u64),
    report: Result<Option<MonthlyReport>, String>,
}

fn step_name(s: ReportStep, lang: Lang) -> &'static str {
    let (zh, en) = match s {
        ReportStep::Submitted => ("提交审核", "submitted"),
        ReportStep::Approved => ("客户经理审核通过", "approved by the AM"),
        ReportStep::Returned => ("客户经理退回", "returned by the AM"),
        ReportStep::Issued => ("发出", "issued"),
    };
    lang.pick(zh, en)
}

impl BudgetTab {
    /// The month, its report's road, the remarks and the PDF.
    pub(super) fn report_ui(
        &mut self,
        ui: &mut Ui,
        env: &Env,
        client: &Client,
        actions: &mut Vec<UiAction>,
    ) {
        use chrono::Datelike;
        // The month just ended, by default: its report goes out early in the next.
        let (y, m) = self.report_month.unwrap_or(match env.today.month() {
            1 => (env.today.year() - 1, 12),
            m => (env.today.year(), m - 1),
        });
        ui.horizontal(|ui| {
            ui.strong(env.tr("每月预算报告", "Monthly budget report"));
            if ui
                .small_button("◀")
                .on_hover_text(env.tr("上个月", "Previous month"))
                .clicked()
            {
                self.report_month = Some(if m == 1 { (y - 1, 12) } else { (y, m - 1) });
            }
            ui.strong(format!("{y}-{m:02}"));
            if ui
                .small_button("▶")
                .on_hover_text(env.tr("下个月", "Next month"))
                .clicked()
            {
                self.report_month = Some(if m == 12 { (y + 1, 1) } else { (y, m + 1) });
            }
        });
        let key = (client.id, (y, m), env.data.generation);
        if self.report.as_ref().is_none_or(|r| r.key != key) {
            self.report = Some(ReportLoaded {
                key,
                report: env
                    .store
                    .budget_report_of(client.id, (y, m))
                    .map_err(|e| e.message(env.lang)),
            });
        }
        let report = match self.report.as_ref().map(|r| &r.report) {
            Some(Ok(r)) => r.clone(),
            Some(Err(message)) => {
                ui.colored_label(ui.visuals().error_fg_color, message);
                return;
            }
            None => None,
        };
        let status = report
            .as_ref()
            .map_or(ReportStatus::Draft, MonthlyReport::status);
        if let Some(r) = &report {
            let (zh, en) = status.names();
            ui.horizontal_wrapped(|ui| {
                ui.label(match env.lang {
                    Lang::Zh => format!("第 {} 版", r.revision),
                    Lang::En => format!("Revision {}", r.revision),
                });
                ui.label(RichText::new(env.lang.pick(zh, en)).strong());
                for e in &r.events {
                    let at = e.at.with_timezone(&chrono::Local).format("%m-%d %H:%M");
                    let text = format!(
                        "· v{} {} {} {at} {}",
                        e.revision,
                        step_name(e.step, env.lang),
                        env.data.user_name(Some(e.by)),
                        e.hash.chars().take(8).collect::<String>()
                    );
                    ui.weak(text).on_hover_text(&e.note);
                }
            });
        }
        self.remarks_ui(ui, env, client, (y, m), report.as_ref(), actions);
        ui.horizontal_wrapped(|ui| {
            if let Some(r) = &report {
                self.decisions_ui(ui, env, r, status, actions);
            }
            let text = match (status, &report) {
                (ReportStatus::Issued, Some(r)) => match env.lang {
                    Lang::Zh => format!("打印已发出的第 {} 版…", r.revision),
                    Lang::En => format!("Print revision {} as issued…", r.revision),
                },
                _ => env.tr("导出草稿 PDF…", "Export draft PDF…").to_string(),
            };
            if ui
                .button(text)
                .on_hover_text(env.tr(
                    "截至该月月底（本月为今天）的预算执行情况，按当前计税口径；已发出的报告按发出时原样打印",
                    "As of the month's end (today for this month), on the basis chosen; an issued report prints exactly as sent",
                ))
                .clicked()
            {
                actions.push(UiAction::ExportBudgetReport(
                    client.id,
                    (y, m),
                    self.basis,
                    MoneyFormat::Pdf,
                ));
            }
            if ui
                .button(env.tr("导出 Excel…", "Export Excel…"))
                .on_hover_text(env.tr(
                    "同一份报告的工作簿：汇总、逐月（含图表）、工作明细、待签署、媒介渠道；已发出的月份仅在数字与发出时一致时导出",
                    "The same report as a workbook: summary, months with a chart, jobs, awaiting signature, channels; an issued month only while its figures are those sent",
                ))
                .clicked()
            {
                actions.push(UiAction::ExportBudgetReport(
                    client.id,
                    (y, m),
                    self.basis,
                    MoneyFormat::Xlsx,
                ));
            }
        });
    }

    fn remarks_ui(
        &mut self,
        ui: &mut Ui,
        env: &Env,
        client: &Client,
        (y, m): (i32, u32),
        report: Option<&MonthlyReport>,
        actions: &mut Vec<UiAction>,
    ) {
        let editable = report.is_none_or(|r| r.may_edit().is_ok());
        let id = report.map_or(crate::domain::BudgetReportId(0), |r| r.id);
        let stored = report.map_or(String::new(), |r| r.remarks.clone());
        if self.remarks.as_ref().is_none_or(|(k, _)| *k != id) {
            self.remarks = Some((id, stored.clone()));
        }
        let Some((_, text)) = &mut self.remarks else {
            return;
        };
        ui.horizontal(|ui| {
            let l = ui.label(env.tr("客户经理说明", "Remarks"));
            ui.add_enabled(
                editable,
                egui::TextEdit::multiline(text)
                    .desired_rows(2)
                    .desired_width(520.0)
                    .hint_text(env.tr(
                        "本月执行情况、预算调整、需客户确认的事项",
                        "This month's work, budget changes, what the client should confirm",
                    )),
            )
            .labelled_by(l.id);
            let changed = *text != stored || report.is_none();
            let issued = report.is_some_and(|r| r.status() == ReportStatus::Issued);
            let label = match issued {
                true => env.tr("修订为新版本", "Save as the next revision"),
                false => env.tr("保存说明", "Save remarks"),
            };
            if editable
                && ui
                    .add_enabled(changed || issued, egui::Button::new(label))
                    .clicked()
            {
                actions.push(UiAction::Command(Command::SaveBudgetReport(Box::new(
                    ReportDraft {
                        client_id: client.id,
                        year: y,
                        month: m,
                        basis: self.basis,
                        remarks: text.clone(),
                    },
                ))));
            }
        });
    }

    /// The decisions the current person may take now.
    fn decisions_ui(
        &mut self,
        ui: &mut Ui,
        env: &Env,
        r: &MonthlyReport,
        status: ReportStatus,
        actions: &mut Vec<UiAction>,
    ) {
        let Some(me) = env.current_user.and_then(|u| env.data.user(u)) else {
            ui.weak(env.tr(
                "选择当前用户后才能提交或审核。",
                "Choose the current user to submit or review.",
            ));
            return;
        };
        let actor = ReportActor {
            id: me.id,
            role: me.role,
        };
        // Offered when the rules would take it from this person (the hash is checked when
        // the step is taken).
        let may = |d: &ReportDecision| {
            let hash = match d {
                ReportDecision::Issue => r
                    .current()
                    .filter(|e| e.step == ReportStep::Approved)
                    .last()
                    .map_or(String::new(), |e| e.hash.clone()),
                _ => String::new(),
            };
            r.decide(d, actor, &hash, env.now).is_ok()
        };
        let mut push = |d: ReportDecision| actions.push(UiAction::BudgetReportStep(r.id, d));
        if may(&ReportDecision::Submit)
            && ui
                .button(env.tr("提交客户经理审核", "Submit to the AM"))
                .clicked()
        {
            push(ReportDecision::Submit);
        }
        if may(&ReportDecision::Approve) && ui.button(env.tr("审核通过", "Approve")).clicked() {
            push(ReportDecision::Approve);
        }
        if may(&ReportDecision::Return("—".into())) {
            let l = ui.label(env.tr("退回意见", "Comment"));
            ui.add(egui::TextEdit::singleline(&mut self.comment).desired_width(200.0))
                .labelled_by(l.id);
            if ui.button(env.tr("退回", "Return")).clicked() {
                push(ReportDecision::Return(self.comment.trim().to_string()));
            }
        }
        if status == ReportStatus::Approved
            && may(&ReportDecision::Issue)
            && ui
                .button(env.tr("发出（冻结本版）", "Issue (freeze this revision)"))
                .clicked()
        {
            push(ReportDecision::Issue);
        }
    }
}
