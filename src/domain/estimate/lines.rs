//! The lines of an estimate and their money: amounts rounded half up per line, media billed
//! four ways with the commission computed, VAT on the total as 不含税 / 税额 / 价税合计.

use crate::domain::money::Fen;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// What a line charges for, as agencies group their estimates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum LineCategory {
    /// 创意: concept, copy, design.
    Creative,
    /// 制作: shooting, post-production, printing.
    Production,
    /// 物料: materials and props.
    Materials,
    /// 场地: venues.
    Venue,
    /// 人员: staff, talent, crew.
    Staff,
    /// 差旅: travel.
    Travel,
    /// 服务费: the agency's fee.
    ServiceFee,
    /// 媒介: media buying.
    Media,
}

impl LineCategory {
    /// Every category, in the order estimates list them.
    pub const ALL: [LineCategory; 8] = [
        LineCategory::Creative,
        LineCategory::Production,
        LineCategory::Materials,
        LineCategory::Venue,
        LineCategory::Staff,
        LineCategory::Travel,
        LineCategory::ServiceFee,
        LineCategory::Media,
    ];

    /// Its Chinese and English names.
    pub fn names(self) -> (&'static str, &'static str) {
        match self {
            LineCategory::Creative => ("创意", "Creative"),
            LineCategory::Production => ("制作", "Production"),
            LineCategory::Materials => ("物料", "Materials"),
            LineCategory::Venue => ("场地", "Venue"),
            LineCategory::Staff => ("人员", "Staff"),
            LineCategory::Travel => ("差旅", "Travel"),
            LineCategory::ServiceFee => ("服务费", "Service fee"),
            LineCategory::Media => ("媒介", "Media"),
        }
    }

    /// The category a spreadsheet's cell names: either name (any letter case), or a heading
    /// that contains one (`一、制作费` → 制作). `None` when it names none.
    pub fn parse(text: &str) -> Option<LineCategory> {
        let t = text.trim().to_lowercase();
        if t.is_empty() {
            return None;
        }
        let exact = LineCategory::ALL.into_iter().find(|c| {
            let (zh, en) = c.names();
            t == zh || t == en.to_lowercase()
        });
        // 服务费 before 制作 and 媒介 so that `制作服务费` reads as the fee.
        let order = [
            LineCategory::ServiceFee,
            LineCategory::Media,
            LineCategory::Creative,
            LineCategory::Production,
            LineCategory::Materials,
            LineCategory::Venue,
            LineCategory::Staff,
            LineCategory::Travel,
        ];
        exact.or_else(|| {
            order.into_iter().find(|c| {
                let (zh, en) = c.names();
                t.contains(zh) || t.contains(&en.to_lowercase())
            })
        })
    }
}

/// What a column of an estimate sheet (an agency's Excel estimate) holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum SheetColumn {
    /// The kind of cost (制作费, 媒介费…), mapped to the app's categories by the caller.
    Category,
    /// What the line is; every line needs one.
    Description,
    /// Details: size, duration, material.
    Specification,
    /// The unit the quantity counts (天, 个, 套).
    Unit,
    /// How many, in thousandths once read.
    Quantity,
    /// The price of one unit, to the client.
    UnitPrice,
    /// The sheet's own quantity × unit price, checked against ours.
    Amount,
    /// What the agency pays for the line, when the sheet tracks it.
    Cost,
    /// Who supplies the line.
    Vendor,
}

impl SheetColumn {
    /// Every role, in the order a sheet usually has them.
    pub const ALL: [SheetColumn; 9] = [
        SheetColumn::Category,
        SheetColumn::Description,
        SheetColumn::Specification,
        SheetColumn::Unit,
        SheetColumn::Quantity,
        SheetColumn::UnitPrice,
        SheetColumn::Amount,
        SheetColumn::Cost,
        SheetColumn::Vendor,
    ];

    /// Its Chinese and English names.
    pub fn names(self) -> (&'static str, &'static str) {
        match self {
            SheetColumn::Category => ("类别", "Category"),
            SheetColumn::Description => ("项目说明", "Description"),
            SheetColumn::Specification => ("规格", "Specification"),
            SheetColumn::Unit => ("单位", "Unit"),
            SheetColumn::Quantity => ("数量", "Quantity"),
            SheetColumn::UnitPrice => ("单价", "Unit price"),
            SheetColumn::Amount => ("金额", "Amount"),
            SheetColumn::Cost => ("成本", "Cost"),
            SheetColumn::Vendor => ("供应商", "Vendor"),
        }
    }
}

/// How a media line is billed. The entered amount (quantity × unit price) is the gross rate
/// for `Gross` and `Rebate`, the media's net cost for the others.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum MediaBilling {
    /// The client pays the gross rate; the agency keeps a commission on it.
    Gross {
        /// Commission on gross, in basis points (1500 = 15 %).
        commission_bp: u32,
    },
    /// The client pays the net cost plus the agency's fee on it.
    NetPlusFee {
        /// Fee on net, in basis points.
        fee_bp: u32,
    },
    /// The client pays the net cost marked up.
    Markup {
        /// Markup on net, in basis points (1765 on net = 15 % of gross).
        markup_bp: u32,
    },
    /// The client pays the gross rate; the media pays the agency a rebate on it.
    Rebate {
        /// Rebate on gross, in basis points.
        rebate_bp: u32,
    },
}

impl MediaBilling {
    /// The rate in basis points, whatever it applies to.
    pub fn rate_bp(self) -> u32 {
        match self {
            MediaBilling::Gross { commission_bp } => commission_bp,
            MediaBilling::NetPlusFee { fee_bp } => fee_bp,
            MediaBilling::Markup { markup_bp } => markup_bp,
            MediaBilling::Rebate { rebate_bp } => rebate_bp,
        }
    }

    /// Its Chinese and English names.
    pub fn names(self) -> (&'static str, &'static str) {
        match self {
            MediaBilling::Gross { .. } => ("总价含佣金", "Gross with commission"),
            MediaBilling::NetPlusFee { .. } => ("净价加服务费", "Net + fee"),
            MediaBilling::Markup { .. } => ("净价加成", "Markup on net"),
            MediaBilling::Rebate { .. } => ("返点", "Rebate"),
        }
    }
}

/// What only a media line has.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MediaTerms {
    /// The channel or outlet (`抖音`, `分众电梯`, `CCTV-1`).
    pub channel: String,
    /// How it is billed.
    pub billing: MediaBilling,
    /// First day of the flight.
    pub flight_start: NaiveDate,
    /// Last day of the flight.
    pub flight_end: NaiveDate,
}

/// One line of an estimate. The client sees category, description, specification, unit,
/// quantity, unit price and amount; vendor, quote, cost and note are the agency's alone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EstimateLine {
    /// What it charges for.
    pub category: LineCategory,
    /// What is charged (`TVC 拍摄`).
    pub description: String,
    /// Specification (`15 秒 ×2，4K`).
    pub specification: String,
    /// The unit the quantity counts (`天`, `项`, `张`).
    pub unit: String,
    /// Quantity in thousandths (1.5 days = 1500).
    pub quantity: i64,
    /// Price of one unit, with or without tax as the version says.
    pub unit_price: Fen,
    /// Internal: the vendor who does the work.
    pub vendor: String,
    /// Internal: the vendor's quote for the whole line, when one was asked for.
    pub vendor_quote: Option<Fen>,
    /// Internal: what the whole line costs the agency.
    pub cost: Option<Fen>,
    /// Internal: a note for the account team.
    pub note: String,
    /// Media lines only.
    pub media: Option<MediaTerms>,
}

/// A sum that does not fit an amount (more than a hundred billion yuan is never real).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
#[error("an amount of this estimate is too large")]
pub struct TooLarge;

impl EstimateLine {
    /// A new line of `category` with nothing typed yet (quantity 1).
    pub fn blank(category: LineCategory) -> EstimateLine {
        EstimateLine {
            category,
            description: String::new(),
            specification: String::new(),
            unit: String::new(),
            quantity: 1000,
            unit_price: Fen(0),
            vendor: String::new(),
            vendor_quote: None,
            cost: None,
            note: String::new(),
            media: None,
        }
    }

    /// Quantity × unit price, rounded half up to the fen.
    pub fn base(&self) -> Result<Fen, TooLarge> {
        self.unit_price
            .times_thousandths(self.quantity)
            .ok_or(TooLarge)
    }

    /// What the client pays for the line: the base, plus the fee or markup of a media line
    /// billed on net. Each part is rounded to the fen once.
    pub fn amount(&self) -> Result<Fen, TooLarge> {
        let base = self.base()?;
        match self.media.as_ref().map(|m| m.billing) {
            Some(
                MediaBilling::NetPlusFee { fee_bp: bp } | MediaBilling::Markup { markup_bp: bp },
            ) => {
                let extra = base.at_rate(bp).ok_or(TooLarge)?;
                base.0.checked_add(extra.0).map(Fen).ok_or(TooLarge)
            }
            _ => Ok(base),
        }
    }

    /// What the agency earns on a media line: the commission, fee, markup or rebate,
    /// computed from the rate (never typed). `None` for other lines.
    pub fn commission(&self) -> Result<Option<Fen>, TooLarge> {
        match self.media.as_ref() {
            None => Ok(None),
            Some(m) => self
                .base()?
                .at_rate(m.billing.rate_bp())
                .ok_or(TooLarge)
                .map(Some),
        }
    }

    /// What the media is paid: gross less commission, or the net cost.
    pub fn media_cost(&self) -> Result<Option<Fen>, TooLarge> {
        let Some(m) = self.media.as_ref() else {
            return Ok(None);
        };
        let base = self.base()?;
        match m.billing {
            MediaBilling::Gross { .. } | MediaBilling::Rebate { .. } => {
                let c = self.commission()?.unwrap_or_default();
                Ok(Some(Fen(base.0 - c.0)))
            }
            _ => Ok(Some(base)),
        }
    }

    /// The markup of the sell amount over the cost, in basis points, rounded half up;
    /// `None` without a cost above zero.
    pub fn markup_bp(&self) -> Result<Option<i64>, TooLarge> {
        let cost = match (self.media_cost()?, self.cost) {
            (Some(c), _) | (None, Some(c)) => c,
            (None, None) => return Ok(None),
        };
        if cost.0 <= 0 {
            return Ok(None);
        }
        let margin = i128::from(self.amount()?.0 - cost.0) * 10_000;
        let cost = i128::from(cost.0);
        let rounded = if margin >= 0 {
            (margin + cost / 2) / cost
        } else {
            -((-margin + cost / 2) / cost)
        };
        Ok(i64::try_from(rounded).ok())
    }
}

/// How VAT is charged on an estimate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum TaxMode {
    /// At this rate, in basis points (600 = 6 %).
    Rate(u32),
    /// No VAT (免税).
    Exempt,
}

impl TaxMode {
    /// The rate in basis points (0 when exempt).
    pub fn rate_bp(self) -> u32 {
        match self {
            TaxMode::Rate(bp) => bp,
            TaxMode::Exempt => 0,
        }
    }

    /// As printed: `6%`, `1.5%`, `免税` / `exempt`.
    pub fn label(self, zh: bool) -> String {
        match self {
            TaxMode::Exempt if zh => "免税".to_string(),
            TaxMode::Exempt => "exempt".to_string(),
            TaxMode::Rate(bp) => percent(i64::from(bp)),
        }
    }
}

/// Basis points as a percentage with no trailing zeros: 600 → `6%`, 1765 → `17.65%`.
pub fn percent(bp: i64) -> String {
    let sign = if bp < 0 { "-" } else { "" };
    let abs = bp.unsigned_abs();
    let (whole, frac) = (abs / 100, abs % 100);
    if frac == 0 {
        format!("{sign}{whole}%")
    } else if frac % 10 == 0 {
        format!("{sign}{whole}.{}%", frac / 10)
    } else {
        format!("{sign}{whole}.{frac:02}%")
    }
}

/// Whether unit prices are typed with or without VAT (Chinese quotes are often 含税).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PriceBasis {
    /// Without VAT (不含税): tax is added on the total.
    Net,
    /// With VAT (含税): tax is taken out of the total.
    Gross,
}

/// An estimate's totals. `net + tax == gross` always.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Totals {
    /// 不含税金额.
    pub net: Fen,
    /// 税额.
    pub tax: Fen,
    /// 价税合计.
    pub gross: Fen,
}

/// The totals of `lines`: the sum of their rounded amounts, then the tax on that sum,
/// rounded half up once. Prices without tax: tax = sum × rate. Prices with tax: tax = sum ×
/// rate / (1 + rate), and the net is what remains.
pub fn totals(lines: &[EstimateLine], tax: TaxMode, basis: PriceBasis) -> Result<Totals, TooLarge> {
    let mut sum: i64 = 0;
    for line in lines {
        sum = sum.checked_add(line.amount()?.0).ok_or(TooLarge)?;
    }
    let rate = i128::from(tax.rate_bp());
    let exact = |num: i128, den: i128| -> Result<i64, TooLarge> {
        let v = if num >= 0 {
            (num + den / 2) / den
        } else {
            -((-num + den / 2) / den)
        };
        i64::try_from(v).map_err(|_| TooLarge)
    };
    let (net, tax) = match basis {
        PriceBasis::Net => (sum, exact(i128::from(sum) * rate, 10_000)?),
        PriceBasis::Gross => {
            let t = exact(i128::from(sum) * rate, 10_000 + rate)?;
            (sum - t, t)
        }
    };
    Ok(Totals {
        net: Fen(net),
        tax: Fen(tax),
        gross: Fen(net.checked_add(tax).ok_or(TooLarge)?),
    })
}

/// Parses a quantity as typed (`1.5`, `２`, `1,000`) into thousandths. At most three
/// decimals; zero and negative quantities are refused by the estimate's check, not here.
pub fn parse_quantity(input: &str) -> Option<i64> {
    let t: String = input
        .trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '．' => '.',
            c => c,
        })
        .filter(|c| !matches!(c, ',' | '，' | ' '))
        .collect();
    let (neg, body) = match t.strip_prefix('-') {
        Some(b) => (true, b),
        None => (false, t.as_str()),
    };
    let (whole, frac) = body.split_once('.').unwrap_or((body, ""));
    if whole.is_empty() && frac.is_empty()
        || frac.len() > 3
        || whole.len() > 12
        || !whole
            .chars()
            .chain(frac.chars())
            .all(|c| c.is_ascii_digit())
    {
        return None;
    }
    let w: i64 = if whole.is_empty() {
        0
    } else {
        whole.parse().ok()?
    };
    let f: i64 = format!("{frac:0<3}").parse().ok()?;
    let v = w.checked_mul(1000)?.checked_add(f)?;
    Some(if neg { -v } else { v })
}

/// A quantity in thousandths as typed back: `1`, `1.5`, `0.125`.
pub fn quantity_text(q: i64) -> String {
    let sign = if q < 0 { "-" } else { "" };
    let abs = q.unsigned_abs();
    let (w, f) = (abs / 1000, abs % 1000);
    if f == 0 {
        format!("{sign}{w}")
    } else {
        let frac = format!("{f:03}");
        format!("{sign}{w}.{}", frac.trim_end_matches('0'))
    }
}

#[cfg(test)]
mod tests;
