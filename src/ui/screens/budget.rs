//! A client's budget tab (预算): the fiscal year's budget (media apart from production), what
//! is executed, in progress and left, against the share of the year gone; the months as a
//! chart with the budget's pace as a line; one 100 % bar per side; the signed estimates
//! behind the figures and those sent but not yet signed; and the form to set or revise the
//! budget, with a reason, per client or per brand.

use crate::domain::budget::{BudgetSide, Figures, TaxBasis, YearFigures};
use crate::domain::{BrandId, Client, ClientId, Fen, Lang};
use crate::services::budgets::ClientYear;
use crate::services::{BudgetDraft, Command};
use crate::ui::model::{Env, Route, UiAction};
use egui::{Color32, RichText, Ui};

mod charts;
mod report;
use charts::{hundred_bars_ui, month_chart_ui};

/// What the tab read for one client, year and basis, once per data generation.
#[derive(Debug)]
struct Loaded {
    key: (ClientId, i32, TaxBasis, u64),
    year: Result<ClientYear, String>,
}

/// The budget tab's state.
#[derive(Debug, Default)]
pub(crate) struct BudgetTab {
    loaded: Option<Loaded>,
    /// Years back from the current fiscal year (0: this one).
    back: i32,
    basis: TaxBasis,
    /// The month whose report is shown (`None`: the current month).
    report_month: Option<(i32, u32)>,
    /// The month's report as read, once per data generation.
    report: Option<report::ReportLoaded>,
    /// The remarks being typed, for the report they were opened on.
    remarks: Option<(crate::domain::BudgetReportId, String)>,
    /// The comment of a return.
    comment: String,
    /// The budget being set or revised, while its form is open.
    form: Option<BudgetDraft>,
    /// The form as it was opened, to tell whether anything was typed.
    initial: Option<BudgetDraft>,
}

/// Basis points as a percentage, `51.4 %`.
pub(crate) fn percent(bp: i64) -> String {
    let sign = if bp < 0 { "-" } else { "" };
    let bp = bp.unsigned_abs();
    format!("{sign}{}.{} %", bp / 100, (bp % 100 + 5) / 10 % 10)
}

fn side_name(side: Option<BudgetSide>, lang: Lang) -> &'static str {
    match side {
        Some(s) => {
            let (zh, en) = s.names();
            lang.pick(zh, en)
        }
        None => lang.pick("合计", "Total"),
    }
}

/// The colours of the chart: media and production, each solid (executed) and tinted (in
/// progress, also hatched so that a grey print tells them apart).
fn side_colours(ui: &Ui) -> [(Color32, Color32); 2] {
    let p = crate::ui::theme::palette(ui.visuals());
    let tint = |c: Color32| c.gamma_multiply(0.35);
    [
        (p.accent, tint(p.accent)),
        (p.client_action, tint(p.client_action)),
    ]
}

impl BudgetTab {
    /// The budget form was saved.
    pub fn on_saved(&mut self) {
        self.discard();
    }

    /// Whether the form holds something typed.
    pub fn is_dirty(&self) -> bool {
        self.form != self.initial
    }

    /// Drops the form.
    pub fn discard(&mut self) {
        self.form = None;
        self.initial = None;
    }

    /// Pushes the save of the form (Ctrl+S).
    pub fn save(&self, actions: &mut Vec<UiAction>) {
        if let Some(d) = &self.form {
            actions.push(UiAction::Command(Command::SaveBudget(Box::new(d.clone()))));
        }
    }

    /// Draws the tab for `client`.
    pub fn ui(&mut self, ui: &mut Ui, env: &Env, client: &Client, actions: &mut Vec<UiAction>) {
        let key = (client.id, self.back, self.basis, env.data.generation);
        if self.loaded.as_ref().is_none_or(|l| l.key != key) {
            let as_of = self.as_of(env, client.id);
            self.loaded = Some(Loaded {
                key,
                year: env
                    .store
                    .client_year(client.id, as_of, self.basis)
                    .map_err(|e| e.message(env.lang)),
            });
        }
        let Some(loaded) = self.loaded.take() else {
            return;
        };
        match &loaded.year {
            Err(message) => {
                ui.colored_label(ui.visuals().error_fg_color, message);
            }
            Ok(year) => self.year_ui(ui, env, client, year, actions),
        }
        self.loaded = Some(loaded);
    }

    /// The day the figures are taken on: today for this year, a past year's last day.
    fn as_of(&self, env: &Env, client: ClientId) -> chrono::NaiveDate {
        let _ = client;
        let back = u32::try_from(self.back.max(0)).unwrap_or(0);
        env.today
            .checked_sub_months(chrono::Months::new(12 * back))
            .unwrap_or(env.today)
    }

    fn year_ui(
        &mut self,
        ui: &mut Ui,
        env: &Env,
        client: &Client,
        year: &ClientYear,
        actions: &mut Vec<UiAction>,
    ) {
        let f = &year.figures;
        let lang = env.lang;
        ui.horizontal(|ui| {
            if ui
                .button("◀")
                .on_hover_text(env.tr("上一年度", "Previous year"))
                .clicked()
            {
                self.back += 1;
            }
            ui.heading(format!(
                "{} {}",
                f.year.label(),
                env.tr("年度预算", "budget year")
            ));
            if ui
                .add_enabled(self.back > 0, egui::Button::new("▶"))
                .on_hover_text(env.tr("下一年度", "Next year"))
                .clicked()
            {
                self.back -= 1;
            }
            ui.add_space(12.0);
            ui.selectable_value(
                &mut self.basis,
                TaxBasis::Net,
                env.tr("不含税", "Without tax"),
            );
            ui.selectable_value(&mut self.basis, TaxBasis::Gross, env.tr("含税", "With tax"));
            ui.weak(format!(
                "{} {} · {}",
                env.tr("截至", "as of"),
                f.as_of,
                env.tr("单位：人民币元", "amounts in RMB")
            ));
        });
        self.report_ui(ui, env, client, actions);
        key_figures_ui(ui, env, f);
        ui.add_space(6.0);
        summary_table_ui(ui, env, f);
        ui.add_space(8.0);
        ui.strong(env.tr(
            "逐月累计：已执行（实色）与执行中（浅色斜纹），折线为预算进度",
            "Month by month, cumulative: executed (solid), in progress (light, hatched); the line is the budget's pace",
        ));
        month_chart_ui(ui, env, f);
        ui.add_space(6.0);
        hundred_bars_ui(ui, env, f);
        ui.add_space(8.0);
        jobs_ui(ui, env, year, actions);
        ui.add_space(8.0);
        self.budgets_ui(ui, env, client, year, actions);
        ui.add_space(8.0);
        ui.weak(env.tr(
            "口径：已执行 = 已开票金额（扣除红字发票）；执行中 = 客户已签署、尚未开票的金额（签署金额 − 已开票）；未执行余额 = 年度预算 − 已执行 − 执行中；已发送未签署的报价单只列出，不扣减。",
            "Definitions: executed = invoiced (net of credit notes); in progress = signed by the client and not yet invoiced (signed − invoiced); remaining = budget − executed − in progress; estimates sent but not signed are listed, not deducted.",
        ));
        let _ = lang;
    }

    /// The budgets of the year, their revisions, and the form to set or revise one.
    fn budgets_ui(
        &mut self,
        ui: &mut Ui,
        env: &Env,
        client: &Client,
        year: &ClientYear,
        actions: &mut Vec<UiAction>,
    ) {
        ui.strong(env.tr("预算及调整记录", "Budgets and their revisions"));
        if year.budgets.is_empty() {
            ui.weak(env.tr("本年度还没有预算。", "No budget set for this year."));
        }
        egui::Grid::new("budget_revisions")
            .striped(true)
            .show(ui, |ui| {
                for h in [
                    ("范围", "For"),
                    ("生效日", "From"),
                    ("媒介", "Media"),
                    ("制作", "Production"),
                    ("原因", "Reason"),
                    ("记录人", "By"),
                ] {
                    ui.strong(env.tr(h.0, h.1));
                }
                ui.end_row();
                for b in &year.budgets {
                    let scope = b
                        .brand_id
                        .and_then(|id| env.data.brand(id))
                        .map_or(env.tr("全客户", "Whole client").to_string(), |b| {
                            b.name.clone()
                        });
                    for r in &b.revisions {
                        ui.label(&scope);
                        ui.label(r.from.to_string());
                        ui.label(r.media.to_string());
                        ui.label(r.production.to_string());
                        ui.label(&r.reason);
                        ui.label(env.data.user_name(Some(r.by)));
                        ui.end_row();
                    }
                }
            });
        let Some(d) = &mut self.form else {
            if ui
                .button(env.tr("设定或调整预算…", "Set or revise the budget…"))
                .clicked()
            {
                let existing = year.budgets.iter().find(|b| b.brand_id.is_none());
                let now = existing.and_then(|b| b.in_force(env.today));
                self.form = Some(BudgetDraft {
                    client_id: client.id,
                    brand_id: None,
                    year: year.figures.year.year,
                    start_month: year.figures.year.start_month,
                    media: now.map_or(String::new(), |r| r.media.plain()),
                    production: now.map_or(String::new(), |r| r.production.plain()),
                    from: String::new(),
                    reason: String::new(),
                });
                self.initial = self.form.clone();
            }
            return;
        };
        let revising = year.budgets.iter().any(|b| b.brand_id == d.brand_id);
        let mut submit = false;
        let mut cancel = false;
        ui.group(|ui| {
            ui.horizontal_wrapped(|ui| {
                let l = ui.label(env.tr("范围", "For"));
                let name = |id: Option<BrandId>| {
                    id.and_then(|id| env.data.brand(id))
                        .map_or(env.tr("全客户", "Whole client").to_string(), |b| {
                            b.name.clone()
                        })
                };
                egui::ComboBox::from_id_salt("budget_scope")
                    .selected_text(name(d.brand_id))
                    .show_ui(ui, |ui| {
                        ui.selectable_value(&mut d.brand_id, None, name(None));
                        for b in env.data.brands_of(client.id) {
                            ui.selectable_value(&mut d.brand_id, Some(b.id), b.name.clone());
                        }
                    })
                    .response
                    .labelled_by(l.id);
                if year.budgets.is_empty() {
                    let l = ui.label(env.tr("财年起始月", "Fiscal year starts in"));
                    egui::ComboBox::from_id_salt("budget_start_month")
                        .selected_text(format!("{}", d.start_month))
                        .show_ui(ui, |ui| {
                            for m in 1..=12 {
                                ui.selectable_value(&mut d.start_month, m, format!("{m}"));
                            }
                        })
                        .response
                        .labelled_by(l.id);
                }
                for (label, value, hint) in [
                    (env.tr("媒介预算", "Media budget"), &mut d.media, "¥"),
                    (
                        env.tr("制作预算", "Production budget"),
                        &mut d.production,
                        "¥",
                    ),
                    (env.tr("生效日期", "Applies from"), &mut d.from, ""),
                ] {
                    let l = ui.label(label);
                    ui.add(
                        egui::TextEdit::singleline(value)
                            .desired_width(120.0)
                            .hint_text(hint),
                    )
                    .labelled_by(l.id);
                }
            });
            ui.horizontal(|ui| {
                let l = ui.label(env.tr("调整原因", "Reason for the change"));
                let hint = match revising {
                    true => env.tr("调整预算时必填", "Needed for a revision"),
                    false => env.tr("如：客户年度预算确认函", "e.g. the client's budget letter"),
                };
                ui.add(
                    egui::TextEdit::singleline(&mut d.reason)
                        .desired_width(360.0)
                        .hint_text(hint),
                )
                .labelled_by(l.id);
                submit = ui.button(env.tr("保存预算", "Save budget")).clicked();
                cancel = ui.button(env.tr("取消", "Cancel")).clicked();
            });
        });
        if submit {
            actions.push(UiAction::Command(Command::SaveBudget(Box::new(d.clone()))));
        }
        if cancel {
            self.discard();
        }
    }
}

/// Budget, executed, in progress, remaining; used against the year elapsed; the forecast.
fn key_figures_ui(ui: &mut Ui, env: &Env, f: &YearFigures) {
    let t = f.total();
    let p = crate::ui::theme::palette(ui.visuals());
    ui.horizontal_wrapped(|ui| {
        let mut figure = |label: &str, value: String, colour: Option<Color32>| {
            ui.vertical(|ui| {
                ui.weak(label);
                let text = RichText::new(value).size(18.0).strong();
                ui.label(match colour {
                    Some(c) => text.color(c),
                    None => text,
                });
            });
            ui.add_space(18.0);
        };
        figure(
            env.tr("年度预算", "Budget"),
            Fen(t.budget).to_string(),
            None,
        );
        figure(
            env.tr("已执行", "Executed"),
            Fen(t.executed).to_string(),
            None,
        );
        figure(
            env.tr("执行中", "In progress"),
            Fen(t.in_progress).to_string(),
            None,
        );
        let remaining = t.remaining();
        figure(
            env.tr("未执行余额", "Remaining"),
            Fen(remaining).to_string(),
            (remaining < 0).then_some(p.warning),
        );
        let used = t.used_bp();
        let elapsed = f.year.elapsed_bp(f.as_of);
        figure(
            env.tr("执行率 / 时间进度", "Used / year elapsed"),
            format!(
                "{} / {}",
                used.map_or("—".to_string(), percent),
                percent(elapsed)
            ),
            used.filter(|u| *u > elapsed + 1_000).map(|_| p.warning),
        );
        let forecast = f.forecast();
        figure(
            env.tr("预计全年", "Forecast year end"),
            Fen(forecast).to_string(),
            (t.budget > 0 && forecast > t.budget).then_some(p.warning),
        );
    });
}

/// 媒介 / 制作 / 合计 × 年度预算 | 已执行 | 执行中 | 未执行余额 | 执行率.
fn summary_table_ui(ui: &mut Ui, env: &Env, f: &YearFigures) {
    egui::Grid::new("budget_summary")
        .striped(true)
        .min_col_width(90.0)
        .show(ui, |ui| {
            for h in [
                ("", ""),
                ("年度预算", "Budget"),
                ("已执行", "Executed"),
                ("执行中", "In progress"),
                ("未执行余额", "Remaining"),
                ("执行率", "Used"),
            ] {
                ui.strong(env.tr(h.0, h.1));
            }
            ui.end_row();
            let rows: [(Option<BudgetSide>, Figures); 3] = [
                (Some(BudgetSide::Media), f.media),
                (Some(BudgetSide::Production), f.production),
                (None, f.total()),
            ];
            for (side, x) in rows {
                ui.strong(side_name(side, env.lang));
                for v in [x.budget, x.executed, x.in_progress, x.remaining()] {
                    ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                        ui.label(Fen(v).to_string());
                    });
                }
                ui.label(x.used_bp().map_or("—".to_string(), percent));
                ui.end_row();
            }
        });
}

/// The signed estimates behind the figures, and those sent but not signed.
fn jobs_ui(ui: &mut Ui, env: &Env, year: &ClientYear, actions: &mut Vec<UiAction>) {
    ui.strong(env.tr("工作明细", "Jobs"));
    if year.signed.is_empty() {
        ui.weak(env.tr(
            "本年度还没有客户签署的报价单。",
            "No estimate signed this year yet.",
        ));
    }
    egui::Grid::new("budget_jobs").striped(true).show(ui, |ui| {
        for h in [
            ("工作号", "Job"),
            ("项目", "Project"),
            ("报价单", "Estimate"),
            ("类别", "Side"),
            ("签署日", "Signed on"),
            ("签署金额", "Signed"),
            ("已开票", "Invoiced"),
            ("执行中", "In progress"),
            ("状态", "Status"),
        ] {
            ui.strong(env.tr(h.0, h.1));
        }
        ui.end_row();
        for row in &year.signed {
            let job = env.data.job(row.job);
            let number = job.map_or("—".to_string(), |j| j.number.text.clone());
            if ui.link(number).clicked() {
                actions.push(UiAction::Navigate(Route::Estimates(row.job)));
            }
            ui.label(job.map_or(String::new(), |j| j.title.clone()));
            ui.label(format!("{} {}", row.number, row.letter));
            ui.label(side_name(Some(row.side), env.lang));
            ui.label(row.signed_on.to_string());
            let f = year
                .figures
                .estimates
                .iter()
                .find(|e| e.estimate == row.estimate);
            for v in [
                f.map(|x| x.signed),
                f.map(|x| x.invoiced),
                f.map(|x| x.in_progress),
            ] {
                ui.label(v.map_or("—".to_string(), |v| Fen(v).to_string()));
            }
            let lang = crate::services::export::budget::doc_lang(env.lang);
            ui.label(f.map_or(String::new(), |x| {
                crate::reports::budget::billing_status(lang, x.invoiced, x.in_progress)
            }));
            ui.end_row();
        }
    });
    if !year.pending.is_empty() {
        ui.add_space(4.0);
        ui.strong(env.tr(
            "已发送、待客户签署（不扣减预算）",
            "Sent, awaiting signature (not deducted)",
        ));
        egui::Grid::new("budget_pending")
            .striped(true)
            .show(ui, |ui| {
                for p in &year.pending {
                    let job = env.data.job(p.job);
                    ui.label(job.map_or("—".to_string(), |j| j.number.text.clone()));
                    ui.label(job.map_or(String::new(), |j| j.title.clone()));
                    ui.label(&p.number);
                    ui.label(side_name(Some(p.side), env.lang));
                    ui.label(Fen(p.amount).to_string());
                    ui.end_row();
                }
            });
    }
}
