//! The monthly budget report (每月预算报告) as the client receives it: the client's fiscal
//! year as of the end of one month — budget, executed, in progress and remaining, media
//! apart from production — with the months as a chart, the jobs behind the figures, media by
//! channel and month, what changed since the month before, the AM's remarks and the client's
//! acknowledgement.
//!
//! Every amount is on one tax basis, stated in the header. The model is built so that what
//! it prints adds up: each job row's invoiced and in-progress amounts sum to the summary's
//! executed and in-progress figures of its side, and the summary's total row is the sum of
//! its media and production rows. The report's hash is the SHA-256 of its figures and
//! words, printed in every footer, so a paper can be matched to what was issued.

use super::brief::Label;
use super::{Caption, DocLang, Letterhead};
use crate::domain::budget::{BudgetSide, Figures, TaxBasis, YearFigures};
use crate::domain::money::Fen;
use chrono::NaiveDate;
use sha2::{Digest, Sha256};

/// Bilingual labels of the report.
pub mod labels {
    use super::Label;
    /// The document's name.
    pub const TITLE: Label = Label::new("每月预算报告", "Monthly Budget Report");
    /// Fact: the client.
    pub const CLIENT: Label = Label::new("客户", "Client");
    /// Fact: the brands covered.
    pub const BRANDS: Label = Label::new("品牌", "Brands");
    /// Fact: the fiscal year.
    pub const YEAR: Label = Label::new("预算年度", "Budget year");
    /// Fact: the day the figures are taken on.
    pub const AS_OF: Label = Label::new("截至日期", "As of");
    /// Fact: number and revision.
    pub const NUMBER: Label = Label::new("报告编号", "Report no.");
    /// Fact: prepared by.
    pub const PREPARED: Label = Label::new("编制", "Prepared by");
    /// Fact: reviewed by.
    pub const REVIEWED: Label = Label::new("审核", "Reviewed by");
    /// Fact: the currency.
    pub const UNIT: Label = Label::new("单位", "Currency");
    /// Fact: the tax basis.
    pub const BASIS: Label = Label::new("计税口径", "Tax basis");
    /// Column and figure: the budget.
    pub const BUDGET: Label = Label::new("年度预算", "Budget");
    /// Column and figure: executed.
    pub const EXECUTED: Label = Label::new("已执行", "Executed");
    /// Column and figure: in progress.
    pub const IN_PROGRESS: Label = Label::new("执行中", "In progress");
    /// Column and figure: remaining.
    pub const REMAINING: Label = Label::new("未执行余额", "Remaining");
    /// Column: the share used.
    pub const USED: Label = Label::new("执行率", "Used");
    /// Figure: the share of the year gone.
    pub const ELAPSED: Label = Label::new("时间进度", "Year elapsed");
    /// Figure: the forecast.
    pub const FORECAST: Label = Label::new("预计全年", "Forecast year end");
    /// Row: both sides.
    pub const TOTAL: Label = Label::new("合计", "Total");
    /// Section: key figures.
    pub const KEY_FIGURES: Label = Label::new("关键数据", "Key figures");
    /// Section: the summary table.
    pub const SUMMARY: Label = Label::new("预算执行汇总", "Summary");
    /// Section: the charts.
    pub const CHARTS: Label = Label::new("逐月执行（累计）", "Month by month (cumulative)");
    /// Section: the jobs.
    pub const JOBS: Label = Label::new("工作明细", "Jobs");
    /// Section: sent, not signed.
    pub const PENDING: Label = Label::new(
        "已发送待签署（不扣减预算）",
        "Sent, awaiting signature (not deducted)",
    );
    /// Section: media by channel.
    pub const CHANNELS: Label = Label::new("媒介分渠道逐月", "Media by channel and month");
    /// Section: changes.
    pub const CHANGES: Label = Label::new("较上月变化", "Changes since last month");
    /// Section: remarks.
    pub const REMARKS: Label = Label::new("客户经理说明", "Remarks");
    /// Section: definitions.
    pub const DEFINITIONS: Label = Label::new("口径说明", "Definitions");
    /// Section: the client's acknowledgement.
    pub const ACKNOWLEDGED: Label = Label::new("客户确认", "Client acknowledgement");
    /// Column: job number.
    pub const JOB: Label = Label::new("工作号", "Job");
    /// Column: project.
    pub const PROJECT: Label = Label::new("项目", "Project");
    /// Column: estimate and version.
    pub const ESTIMATE: Label = Label::new("报价单", "Estimate");
    /// Column: signed on.
    pub const SIGNED_ON: Label = Label::new("签署日", "Signed");
    /// Column: the estimate's amount.
    pub const AMOUNT: Label = Label::new("报价金额", "Amount");
    /// Column: invoiced.
    pub const INVOICED: Label = Label::new("已开票", "Invoiced");
    /// Column: status.
    pub const STATUS: Label = Label::new("状态", "Status");
    /// Column: channel.
    pub const CHANNEL: Label = Label::new("渠道", "Channel");
}

/// An estimate counted in the year, as the caller found it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportJob {
    /// The job's number.
    pub job: String,
    /// The job's title.
    pub project: String,
    /// The estimate's number and version, `2026-0042-E1 A`.
    pub estimate: String,
    /// Media or production.
    pub side: BudgetSide,
    /// The day the client signed.
    pub signed_on: NaiveDate,
    /// Signed, invoiced and in progress, on the report's basis.
    pub amount: i64,
    /// Invoiced by the as-of date.
    pub invoiced: i64,
    /// Signed less invoiced.
    pub in_progress: i64,
}

impl ReportJob {
    /// Its billing, as the job detail's status column prints it.
    pub fn status(&self, lang: DocLang) -> String {
        billing_status(lang, self.invoiced, self.in_progress)
    }
}

/// The summary table's columns after the side's: 年度预算, 已执行, 执行中, 未执行余额, 执行率.
pub fn summary_columns(lang: DocLang) -> [Caption; 5] {
    [
        labels::BUDGET,
        labels::EXECUTED,
        labels::IN_PROGRESS,
        labels::REMAINING,
        labels::USED,
    ]
    .map(|l| lang.caption(l))
}

/// The job detail's columns: 工作号, 项目, 报价单, 签署日, 报价金额, 已开票, 执行中, 状态.
pub fn job_columns(lang: DocLang) -> [Caption; 8] {
    [
        labels::JOB,
        labels::PROJECT,
        labels::ESTIMATE,
        labels::SIGNED_ON,
        labels::AMOUNT,
        labels::INVOICED,
        labels::IN_PROGRESS,
        labels::STATUS,
    ]
    .map(|l| lang.caption(l))
}

/// A signed estimate's billing from what was invoiced and what is still in progress:
/// nothing invoiced yet, part of it, or all that was signed.
pub fn billing_status(lang: DocLang, invoiced: i64, in_progress: i64) -> String {
    let label = match (invoiced, in_progress) {
        (0, _) => Label::new("未开票", "Not invoiced"),
        (_, 0) => Label::new("已开票", "Invoiced"),
        _ => Label::new("部分开票", "Part invoiced"),
    };
    lang.caption(label).to_string()
}

/// One media channel's amounts per month of the year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChannelLine {
    /// The channel (`抖音`, `分众电梯屏`).
    pub channel: String,
    /// Per month of the fiscal year.
    pub months: [i64; 12],
}

impl ChannelLine {
    /// The year's sum.
    pub fn total(&self) -> i64 {
        self.months.iter().sum()
    }
}

/// What the report is made from.
#[derive(Debug, Clone)]
pub struct BudgetReportInputs<'a> {
    /// The agency.
    pub letterhead: &'a Letterhead,
    /// The language of labels.
    pub lang: DocLang,
    /// The client's name.
    pub client: &'a str,
    /// The brands covered.
    pub brands: Vec<String>,
    /// The year as of the report's day.
    pub figures: &'a YearFigures,
    /// The same year as of the end of the month before (`None` in its first month).
    pub before: Option<&'a YearFigures>,
    /// The estimates counted, in the order signed.
    pub jobs: Vec<ReportJob>,
    /// Sent, not signed: `(estimate, project, side, amount)`.
    pub pending: Vec<(String, String, BudgetSide, i64)>,
    /// Media by channel.
    pub channels: Vec<ChannelLine>,
    /// The report's number, e.g. `蒙牛-2026-11`.
    pub number: String,
    /// Its revision, 1 for the first.
    pub revision: u32,
    /// Who prepared it.
    pub prepared_by: String,
    /// Who reviewed it (the AM); empty before review.
    pub reviewed_by: String,
    /// The AM's remarks.
    pub remarks: String,
    /// Printed as a draft (not yet issued).
    pub draft: bool,
}

/// One row of the summary table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SummaryRow {
    /// 媒介, 制作 or 合计.
    pub caption: Caption,
    /// The figures.
    pub figures: Figures,
}

/// The report, every word resolved in its language and every amount on its basis.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BudgetReport {
    /// The agency.
    pub letterhead: Letterhead,
    /// The language.
    pub lang: DocLang,
    /// `每月预算报告`.
    pub title: Caption,
    /// The report's number.
    pub number: String,
    /// `第 2 版` / `Rev. 2`, with 草稿 DRAFT before issue.
    pub revision: String,
    /// Whether it is a draft.
    pub draft: bool,
    /// The header's facts.
    pub facts: Vec<(Caption, String)>,
    /// The key figures: label and value.
    pub key: Vec<(Caption, String)>,
    /// The summary table: media, production, total.
    pub summary: Vec<SummaryRow>,
    /// The year as of the report's day (for the charts).
    pub figures: YearFigures,
    /// The months' labels, in the fiscal year's order.
    pub month_labels: Vec<String>,
    /// The jobs.
    pub jobs: Vec<ReportJob>,
    /// Sent, not signed.
    pub pending: Vec<(String, String, BudgetSide, i64)>,
    /// Media by channel.
    pub channels: Vec<ChannelLine>,
    /// What changed since the month before, one sentence each.
    pub changes: Vec<String>,
    /// The AM's remarks.
    pub remarks: String,
    /// The definitions of the figures.
    pub definitions: String,
    /// The report's hash, 64 hex digits.
    pub hash: String,
}

/// Basis points as a percentage, `51.4 %`.
pub fn percent(bp: i64) -> String {
    let sign = if bp < 0 { "-" } else { "" };
    let a = bp.unsigned_abs();
    let tenths = (a + 5) / 10;
    format!("{sign}{}.{} %", tenths / 10, tenths % 10)
}

/// The side's name in the report's language.
pub fn side_caption(lang: DocLang, side: Option<BudgetSide>) -> Caption {
    let label = match side {
        Some(BudgetSide::Media) => Label::new("媒介", "Media"),
        Some(BudgetSide::Production) => Label::new("制作", "Production"),
        None => labels::TOTAL,
    };
    lang.caption(label)
}

impl BudgetReport {
    /// Builds the report.
    pub fn build(i: &BudgetReportInputs<'_>) -> BudgetReport {
        let lang = i.lang;
        let f = i.figures;
        let cap = |l: Label| lang.caption(l);
        let basis = match (f.basis, lang) {
            (TaxBasis::Net, DocLang::Zh) => "不含税".to_string(),
            (TaxBasis::Net, DocLang::En) => "Without VAT".to_string(),
            (TaxBasis::Net, DocLang::Both) => "不含税 Without VAT".to_string(),
            (TaxBasis::Gross, DocLang::Zh) => "含税（价税合计）".to_string(),
            (TaxBasis::Gross, DocLang::En) => "With VAT".to_string(),
            (TaxBasis::Gross, DocLang::Both) => "含税 With VAT".to_string(),
        };
        let revision = match lang {
            DocLang::Zh => format!("第 {} 版", i.revision),
            DocLang::En => format!("Rev. {}", i.revision),
            DocLang::Both => format!("第 {} 版 Rev. {}", i.revision, i.revision),
        };
        let revision = match i.draft {
            true => format!("{revision} {}", lang.pick("草稿", "DRAFT", "草稿 DRAFT")),
            false => revision,
        };
        let none = || lang.pick("—", "—", "—").to_string();
        let facts = vec![
            (cap(labels::CLIENT), i.client.to_string()),
            (
                cap(labels::BRANDS),
                match i.brands.is_empty() {
                    true => lang
                        .pick("全部品牌", "All brands", "全部品牌 All brands")
                        .into(),
                    false => i.brands.join("、"),
                },
            ),
            (cap(labels::YEAR), year_text(lang, f)),
            (cap(labels::AS_OF), f.as_of.to_string()),
            (cap(labels::NUMBER), format!("{} · {revision}", i.number)),
            (
                cap(labels::PREPARED),
                match i.prepared_by.trim() {
                    "" => none(),
                    p => p.to_string(),
                },
            ),
            (
                cap(labels::REVIEWED),
                match i.reviewed_by.is_empty() {
                    true => none(),
                    false => i.reviewed_by.clone(),
                },
            ),
            (
                cap(labels::UNIT),
                lang.pick("人民币元", "RMB (yuan)", "人民币元 RMB").into(),
            ),
            (cap(labels::BASIS), basis),
        ];
        let t = f.total();
        let elapsed = f.year.elapsed_bp(f.as_of);
        let key = vec![
            (cap(labels::BUDGET), Fen(t.budget).to_string()),
            (cap(labels::EXECUTED), Fen(t.executed).to_string()),
            (cap(labels::IN_PROGRESS), Fen(t.in_progress).to_string()),
            (cap(labels::REMAINING), Fen(t.remaining()).to_string()),
            (cap(labels::USED), t.used_bp().map_or_else(none, percent)),
            (cap(labels::ELAPSED), percent(elapsed)),
            (cap(labels::FORECAST), Fen(f.forecast()).to_string()),
        ];
        let summary = vec![
            SummaryRow {
                caption: side_caption(lang, Some(BudgetSide::Media)),
                figures: f.media,
            },
            SummaryRow {
                caption: side_caption(lang, Some(BudgetSide::Production)),
                figures: f.production,
            },
            SummaryRow {
                caption: side_caption(lang, None),
                figures: t,
            },
        ];
        let month_labels = (0..12)
            .map(|m| {
                let month = (f.year.start_month as usize - 1 + m) % 12 + 1;
                match lang {
                    DocLang::En => MONTHS_EN[month - 1].to_string(),
                    _ => format!("{month}月"),
                }
            })
            .collect();
        let changes = changes(lang, f, i.before);
        let definitions = lang
            .pick(DEFINITIONS_ZH, DEFINITIONS_EN, DEFINITIONS_BOTH)
            .to_string();
        let mut report = BudgetReport {
            letterhead: i.letterhead.clone(),
            lang,
            title: cap(labels::TITLE),
            number: i.number.clone(),
            revision,
            draft: i.draft,
            facts,
            key,
            summary,
            figures: f.clone(),
            month_labels,
            jobs: i.jobs.clone(),
            pending: i.pending.clone(),
            channels: i.channels.clone(),
            changes,
            remarks: i.remarks.clone(),
            definitions,
            hash: String::new(),
        };
        report.hash = report.content_hash();
        report
    }

    /// The SHA-256 of everything the report says, in a fixed order.
    fn content_hash(&self) -> String {
        let mut h = Sha256::new();
        h.update(b"AD-BUDGET-REPORT-1\0");
        let mut put = |s: &str| {
            h.update(s.as_bytes());
            h.update([0]);
        };
        put(&self.number);
        put(&self.revision);
        for (c, v) in self.facts.iter().chain(&self.key) {
            put(&c.to_string());
            put(v);
        }
        for r in &self.summary {
            let x = r.figures;
            put(&format!(
                "{} {} {} {}",
                r.caption, x.budget, x.executed, x.in_progress
            ));
        }
        for m in &self.figures.months {
            put(&format!("{m:?}"));
        }
        for j in &self.jobs {
            put(&format!("{j:?}"));
        }
        for p in &self.pending {
            put(&format!("{p:?}"));
        }
        for c in &self.channels {
            put(&format!("{c:?}"));
        }
        for c in &self.changes {
            put(c);
        }
        put(&self.remarks);
        h.finalize().iter().map(|b| format!("{b:02x}")).collect()
    }
}

const MONTHS_EN: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

const DEFINITIONS_ZH: &str = "已执行 = 已开票金额（扣除红字发票）；执行中 = 客户已签署、尚未开票的金额（签署金额 − 已开票）；未执行余额 = 年度预算 − 已执行 − 执行中；已发送未签署的报价单仅列出，不扣减预算。报价单计入客户签署当年的预算。";
const DEFINITIONS_EN: &str = "Executed = invoiced (net of credit notes); in progress = signed by the client and not yet invoiced (signed − invoiced); remaining = budget − executed − in progress; estimates sent but not signed are listed, not deducted. An estimate counts in the budget year it was signed in.";
const DEFINITIONS_BOTH: &str = "已执行 = 已开票金额（扣除红字发票）；执行中 = 客户已签署、尚未开票的金额（签署金额 − 已开票）；未执行余额 = 年度预算 − 已执行 − 执行中；已发送未签署的报价单仅列出，不扣减预算。Executed = invoiced (net of credit notes); in progress = signed, not yet invoiced; remaining = budget − executed − in progress; estimates sent but not signed are listed, not deducted.";

fn year_text(lang: DocLang, f: &YearFigures) -> String {
    let (Some(a), Some(b)) = (f.year.first_day(), f.year.last_day()) else {
        return f.year.label();
    };
    match lang {
        DocLang::En => format!("{} ({a} – {b})", f.year.label()),
        _ => format!("{}（{a} 至 {b}）", f.year.label()),
    }
}

/// What changed since the month before: each figure that moved, per side.
fn changes(lang: DocLang, now: &YearFigures, before: Option<&YearFigures>) -> Vec<String> {
    let Some(before) = before else {
        return vec![
            lang.pick(
                "本年度第一份报告，无上月数据可比。",
                "The year's first report: no month before to compare with.",
                "本年度第一份报告，无上月数据可比。 The year's first report.",
            )
            .to_string(),
        ];
    };
    let mut out = Vec::new();
    for side in [Some(BudgetSide::Media), Some(BudgetSide::Production), None] {
        let (a, b) = match side {
            Some(s) => (before.side(s), now.side(s)),
            None => (before.total(), now.total()),
        };
        let name = side_caption(lang, side).to_string();
        let moved = [
            (labels::BUDGET, b.budget - a.budget),
            (labels::EXECUTED, b.executed - a.executed),
            (labels::IN_PROGRESS, b.in_progress - a.in_progress),
            (labels::REMAINING, b.remaining() - a.remaining()),
        ];
        let parts: Vec<String> = moved
            .iter()
            .filter(|(_, d)| *d != 0)
            .map(|(l, d)| {
                let sign = if *d > 0 { "+" } else { "−" };
                format!("{} {sign}{}", lang.caption(*l), Fen(d.abs()))
            })
            .collect();
        if !parts.is_empty() {
            out.push(format!("{name}：{}", parts.join("，")));
        }
    }
    let new_jobs = now.estimates.len().saturating_sub(before.estimates.len());
    if new_jobs > 0 {
        out.push(match lang {
            DocLang::Zh => format!("本月新签署报价单 {new_jobs} 份。"),
            DocLang::En => format!("{new_jobs} estimate(s) signed this month."),
            DocLang::Both => {
                format!("本月新签署报价单 {new_jobs} 份。 {new_jobs} signed this month.")
            }
        });
    }
    if out.is_empty() {
        out.push(
            lang.pick(
                "与上月相比没有变化。",
                "No change since last month.",
                "与上月相比没有变化。 No change.",
            )
            .to_string(),
        );
    }
    out
}

#[cfg(test)]
mod tests;
