//! What is checked before an estimate version is submitted (every problem at once), the
//! agency's money settings it is checked against, and the gate a job passes into production.

use super::{Estimate, EstimateKind, EstimateStatus, EstimateVersion, LineCategory, TaxMode};
use crate::domain::money::Fen;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A VAT rate the agency charges, and the days it applies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaxRate {
    /// Basis points (600 = 6 %).
    pub rate_bp: u32,
    /// What it is (`一般纳税人`, `小规模纳税人（减按 1%）`).
    pub name: String,
    /// The first day it applies.
    pub from: NaiveDate,
    /// The last day it applies, when it ends.
    pub until: Option<NaiveDate>,
    /// A small-scale taxpayer's rate (小规模): a 专票 asked under it is flagged.
    pub small_scale: bool,
}

/// The agency's money settings: its VAT rates, defaults and the markup floor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MoneySettings {
    /// The rates it may charge, each with its dates.
    pub tax_rates: Vec<TaxRate>,
    /// The default tax of a new estimate.
    pub default_tax: TaxMode,
    /// The lowest markup over cost an estimate line may carry without a flag, in basis points.
    pub markup_floor_bp: i64,
    /// How many days a new version stays valid.
    pub validity_days: u32,
    /// Payment terms of a new estimate.
    pub payment_terms: String,
    /// The agency's own headers of its estimate sheets, remembered from the column mapping
    /// of an import: for each role, the header text its sheets use.
    pub sheet_headers: Vec<(super::SheetColumn, String)>,
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

impl Default for MoneySettings {
    /// 6 % for a general taxpayer; 3 % for a small-scale one, reduced to 1 % until
    /// 2027-12-31; 15 % markup floor; 30 days' validity.
    fn default() -> Self {
        MoneySettings {
            tax_rates: vec![
                TaxRate {
                    rate_bp: 600,
                    name: "一般纳税人 General taxpayer".into(),
                    from: date(2016, 5, 1),
                    until: None,
                    small_scale: false,
                },
                TaxRate {
                    rate_bp: 300,
                    name: "小规模纳税人 Small-scale".into(),
                    from: date(2016, 5, 1),
                    until: None,
                    small_scale: true,
                },
                TaxRate {
                    rate_bp: 100,
                    name: "小规模纳税人减按 1% Small-scale, reduced".into(),
                    from: date(2023, 1, 1),
                    until: Some(date(2027, 12, 31)),
                    small_scale: true,
                },
            ],
            default_tax: TaxMode::Rate(600),
            markup_floor_bp: 1500,
            validity_days: 30,
            payment_terms: "签约后支付 50%，验收后 30 日内支付余款".into(),
            sheet_headers: Vec::new(),
        }
    }
}

impl MoneySettings {
    /// The rates that apply on `day`.
    pub fn rates_on(&self, day: NaiveDate) -> impl Iterator<Item = &TaxRate> {
        self.tax_rates
            .iter()
            .filter(move |r| r.from <= day && r.until.is_none_or(|u| day <= u))
    }

    /// The tax mode named by `text` on `day`: `exempt` (or 免税), or a percentage one of
    /// the rates applying that day (`6`, `6%`, `1.5`). The error lists what is allowed.
    pub fn tax_mode(&self, text: &str, day: NaiveDate) -> Result<TaxMode, String> {
        let t = text.trim().trim_end_matches(['%', '％']).trim();
        let allowed = || {
            let mut names: Vec<String> = self
                .rates_on(day)
                .map(|r| super::lines::percent(i64::from(r.rate_bp)).replace('%', ""))
                .collect();
            names.push("exempt".into());
            names.join(", ")
        };
        if t.eq_ignore_ascii_case("exempt") || t == "免税" {
            return Ok(TaxMode::Exempt);
        }
        let bp = super::lines::parse_quantity(t)
            .filter(|q| q % 10 == 0 && *q >= 0)
            .and_then(|q| u32::try_from(q / 10).ok());
        match bp {
            Some(bp) if self.rates_on(day).any(|r| r.rate_bp == bp) => Ok(TaxMode::Rate(bp)),
            _ => Err(format!(
                "'{}' is not a tax rate of the agency on {day}; use one of {}",
                text.trim(),
                allowed()
            )),
        }
    }

    fn small_scale(&self, tax: TaxMode, day: NaiveDate) -> bool {
        match tax {
            TaxMode::Exempt => true,
            TaxMode::Rate(bp) => self.rates_on(day).any(|r| r.rate_bp == bp && r.small_scale),
        }
    }
}

/// A problem found before submission. Lines are numbered from 1, as printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EstimateProblem {
    /// No lines at all.
    NoLines,
    /// A line without a description.
    NoDescription(usize),
    /// A line whose quantity is zero or negative.
    ZeroQuantity(usize),
    /// A line whose unit price is zero.
    ZeroPrice(usize),
    /// An outsourced line without the vendor's quote.
    NoVendorQuote(usize),
    /// A line whose markup over cost is under the agency's floor.
    MarkupUnderFloor {
        /// The line.
        line: usize,
        /// Its markup, basis points.
        markup_bp: i64,
        /// The floor, basis points.
        floor_bp: i64,
    },
    /// A media line without a channel, billing or flight dates, or with the flight's end
    /// before its start.
    MediaTerms(usize),
    /// A 专票 asked under a small-scale (or exempt) tax mode.
    SpecialFapiaoSmallScale,
    /// The tax rate does not apply on the day.
    RateNotInForce(u32),
    /// The validity has passed.
    ValidityPassed(NaiveDate),
    /// The totals do not compute (too large).
    TotalsDoNotCompute,
}

impl EstimateProblem {
    /// The problem in words, in Chinese or English.
    pub fn describe(&self, zh: bool) -> String {
        let pick = |a: String, b: String| if zh { a } else { b };
        match self {
            EstimateProblem::NoLines => pick("没有任何明细行".into(), "there are no lines".into()),
            EstimateProblem::NoDescription(l) => pick(
                format!("第 {l} 行没有项目说明"),
                format!("line {l} has no description"),
            ),
            EstimateProblem::ZeroQuantity(l) => pick(
                format!("第 {l} 行数量为零"),
                format!("line {l}: the quantity is zero"),
            ),
            EstimateProblem::ZeroPrice(l) => pick(
                format!("第 {l} 行单价为零"),
                format!("line {l}: the unit price is zero"),
            ),
            EstimateProblem::NoVendorQuote(l) => pick(
                format!("第 {l} 行缺少供应商报价"),
                format!("line {l}: no vendor quote"),
            ),
            EstimateProblem::MarkupUnderFloor {
                line,
                markup_bp,
                floor_bp,
            } => {
                let (m, f) = (
                    super::lines::percent(*markup_bp),
                    super::lines::percent(*floor_bp),
                );
                pick(
                    format!("第 {line} 行加价率 {m}，低于公司下限 {f}"),
                    format!("line {line}: markup {m} is under the agency's floor of {f}"),
                )
            }
            EstimateProblem::MediaTerms(l) => pick(
                format!("第 {l} 行媒介信息不完整（频道、投放日期）"),
                format!("line {l}: media channel or flight dates missing or reversed"),
            ),
            EstimateProblem::SpecialFapiaoSmallScale => pick(
                "小规模（或免税）计税方式下客户要求开具专票".into(),
                "a special fapiao (专票) is asked under a small-scale or exempt tax mode".into(),
            ),
            EstimateProblem::RateNotInForce(bp) => {
                let p = super::lines::percent(i64::from(*bp));
                pick(
                    format!("税率 {p} 在今天不适用，请在公司设置中检查"),
                    format!("the tax rate {p} does not apply today; check the agency's settings"),
                )
            }
            EstimateProblem::ValidityPassed(d) => pick(
                format!("有效期 {d} 已过"),
                format!("the validity ({d}) has passed"),
            ),
            EstimateProblem::TotalsDoNotCompute => pick(
                "金额过大，合计无法计算".into(),
                "the totals are too large to compute".into(),
            ),
        }
    }
}

/// Every problem of `version` under `settings` on `today`, in line order; empty when it may
/// be submitted.
pub fn check(
    version: &EstimateVersion,
    settings: &MoneySettings,
    today: NaiveDate,
) -> Vec<EstimateProblem> {
    let mut out = Vec::new();
    if version.lines.is_empty() {
        out.push(EstimateProblem::NoLines);
    }
    for (i, line) in version.lines.iter().enumerate() {
        let n = i + 1;
        if line.description.trim().is_empty() {
            out.push(EstimateProblem::NoDescription(n));
        }
        if line.quantity <= 0 {
            out.push(EstimateProblem::ZeroQuantity(n));
        }
        if line.unit_price.0 <= 0 {
            out.push(EstimateProblem::ZeroPrice(n));
        }
        let outsourced = matches!(
            line.category,
            LineCategory::Production
                | LineCategory::Materials
                | LineCategory::Venue
                | LineCategory::Staff
                | LineCategory::Travel
        );
        if outsourced && line.vendor_quote.is_none() {
            out.push(EstimateProblem::NoVendorQuote(n));
        }
        let media_ok = line
            .media
            .as_ref()
            .is_some_and(|m| !m.channel.trim().is_empty() && m.flight_start <= m.flight_end);
        if line.category == LineCategory::Media && !media_ok {
            out.push(EstimateProblem::MediaTerms(n));
        }
        // A media line's margin is its billing mode's rate, agreed per channel.
        match line.markup_bp() {
            Ok(Some(m))
                if m < settings.markup_floor_bp
                    && line.unit_price.0 > 0
                    && line.media.is_none() =>
            {
                out.push(EstimateProblem::MarkupUnderFloor {
                    line: n,
                    markup_bp: m,
                    floor_bp: settings.markup_floor_bp,
                })
            }
            _ => {}
        }
    }
    if version.special_fapiao && settings.small_scale(version.tax, today) {
        out.push(EstimateProblem::SpecialFapiaoSmallScale);
    }
    if let TaxMode::Rate(bp) = version.tax
        && !settings.rates_on(today).any(|r| r.rate_bp == bp)
    {
        out.push(EstimateProblem::RateNotInForce(bp));
    }
    if version.valid_until < today {
        out.push(EstimateProblem::ValidityPassed(version.valid_until));
    }
    if version.totals().is_err() {
        out.push(EstimateProblem::TotalsDoNotCompute);
    }
    out
}

/// Why a job may not move into production.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GateProblem {
    /// No production estimate signed by the client with a matching hash.
    NoSignedProduction,
    /// A production estimate or change order waits for the client's signature (its number).
    AwaitingSignature(String),
    /// A signature that does not match its version blocks production (the estimate's number).
    Mismatch(String),
}

impl GateProblem {
    /// The problem in words.
    pub fn describe(&self, zh: bool) -> String {
        match (self, zh) {
            (GateProblem::NoSignedProduction, true) => {
                "没有客户签署且哈希一致的制作费预估，不能进入制作".into()
            }
            (GateProblem::NoSignedProduction, false) => {
                "no production estimate is signed by the client with a matching hash".into()
            }
            (GateProblem::AwaitingSignature(n), true) => format!("{n} 仍在等待客户签署"),
            (GateProblem::AwaitingSignature(n), false) => {
                format!("{n} still awaits the client's signature")
            }
            (GateProblem::Mismatch(n), true) => format!("{n} 的客户签署与所发版本不符"),
            (GateProblem::Mismatch(n), false) => {
                format!("{n}: the client's signature does not match the version sent")
            }
        }
    }
}

/// Whether a job whose estimates (with each newest version's status) are `estimates` may
/// move into production: at least one production estimate signed with a matching hash, and
/// no production estimate or change order waiting for a signature or mismatched. Every
/// problem is listed.
pub fn production_gate(estimates: &[(&Estimate, EstimateStatus)]) -> Vec<GateProblem> {
    let mut out = Vec::new();
    let signed = estimates.iter().any(|(e, s)| {
        e.kind == EstimateKind::Production && *s == EstimateStatus::Signed && e.signed().is_some()
    });
    if !signed {
        out.push(GateProblem::NoSignedProduction);
    }
    for (e, s) in estimates {
        if !e.kind.is_production() {
            continue;
        }
        match s {
            EstimateStatus::SignedMismatch => out.push(GateProblem::Mismatch(e.number.clone())),
            EstimateStatus::Sent | EstimateStatus::Expired => {
                out.push(GateProblem::AwaitingSignature(e.number.clone()))
            }
            _ => {}
        }
    }
    out
}

/// The sum of money a set of amounts comes to, `None` past the largest amount.
pub fn sum(amounts: impl IntoIterator<Item = Fen>) -> Option<Fen> {
    amounts
        .into_iter()
        .try_fold(0i64, |acc, f| acc.checked_add(f.0))
        .map(Fen)
}

#[cfg(test)]
mod tests;
