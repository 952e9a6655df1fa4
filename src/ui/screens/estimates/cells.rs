//! An estimate version as the editor holds it: every cell as typed, so that half-typed or
//! wrong input stays on screen with its message instead of being lost, and the conversion
//! to and from the services' [`VersionDraft`]. Also the tab-separated text Excel puts on the
//! clipboard, both ways.

use crate::domain::estimate::lines::{parse_quantity, quantity_text};
use crate::domain::estimate::{
    EstimateLine, EstimateVersion, LineCategory, MediaBilling, MediaTerms, PriceBasis, TaxMode,
};
use crate::domain::{Fen, Lang};
use crate::office::estimate_sheet::{self, SheetFormat};
use crate::services::VersionDraft;
use serde::{Deserialize, Serialize};

/// The columns a person types in, in table order (the amount is computed between unit
/// price and vendor, and is not a column one types in).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum LineField {
    Description,
    Specification,
    Unit,
    Quantity,
    UnitPrice,
    Vendor,
    VendorQuote,
    Cost,
    Note,
}

impl LineField {
    /// The text columns in table order, as the keyboard walks them.
    pub(super) const ALL: [LineField; 9] = [
        LineField::Description,
        LineField::Specification,
        LineField::Unit,
        LineField::Quantity,
        LineField::UnitPrice,
        LineField::Vendor,
        LineField::VendorQuote,
        LineField::Cost,
        LineField::Note,
    ];

    /// The column's heading.
    pub(super) fn title(self, lang: Lang) -> &'static str {
        match self {
            LineField::Description => lang.pick("项目说明", "Description"),
            LineField::Specification => lang.pick("规格", "Specification"),
            LineField::Unit => lang.pick("单位", "Unit"),
            LineField::Quantity => lang.pick("数量", "Qty"),
            LineField::UnitPrice => lang.pick("单价", "Unit price"),
            LineField::Vendor => lang.pick("供应商", "Vendor"),
            LineField::VendorQuote => lang.pick("供应商报价", "Vendor quote"),
            LineField::Cost => lang.pick("成本", "Cost"),
            LineField::Note => lang.pick("内部备注", "Internal note"),
        }
    }

    /// Its width in points.
    pub(super) fn width(self) -> f32 {
        match self {
            LineField::Description => 200.0,
            LineField::Specification => 150.0,
            LineField::Unit => 44.0,
            LineField::Quantity => 60.0,
            LineField::UnitPrice | LineField::VendorQuote | LineField::Cost => 92.0,
            LineField::Vendor => 110.0,
            LineField::Note => 140.0,
        }
    }

    /// Whether the column holds a number (aligned right).
    pub(super) fn numeric(self) -> bool {
        matches!(
            self,
            LineField::Quantity | LineField::UnitPrice | LineField::VendorQuote | LineField::Cost
        )
    }
}

/// One line, every cell as typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct LineCells {
    pub category: LineCategory,
    pub description: String,
    pub specification: String,
    pub unit: String,
    pub quantity: String,
    pub unit_price: String,
    pub vendor: String,
    pub vendor_quote: String,
    pub cost: String,
    pub note: String,
    /// A media line's terms, edited below the table.
    pub media: MediaCells,
}

/// How a media line is billed, without its rate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub(super) enum BillingMode {
    #[default]
    Gross,
    NetPlusFee,
    Markup,
    Rebate,
}

impl BillingMode {
    pub(super) const ALL: [BillingMode; 4] = [
        BillingMode::Gross,
        BillingMode::NetPlusFee,
        BillingMode::Markup,
        BillingMode::Rebate,
    ];

    fn with_rate(self, bp: u32) -> MediaBilling {
        match self {
            BillingMode::Gross => MediaBilling::Gross { commission_bp: bp },
            BillingMode::NetPlusFee => MediaBilling::NetPlusFee { fee_bp: bp },
            BillingMode::Markup => MediaBilling::Markup { markup_bp: bp },
            BillingMode::Rebate => MediaBilling::Rebate { rebate_bp: bp },
        }
    }

    fn of(b: MediaBilling) -> BillingMode {
        match b {
            MediaBilling::Gross { .. } => BillingMode::Gross,
            MediaBilling::NetPlusFee { .. } => BillingMode::NetPlusFee,
            MediaBilling::Markup { .. } => BillingMode::Markup,
            MediaBilling::Rebate { .. } => BillingMode::Rebate,
        }
    }

    /// Its name, as the domain gives it.
    pub(super) fn name(self, lang: Lang) -> &'static str {
        let (zh, en) = self.with_rate(0).names();
        lang.pick(zh, en)
    }
}

/// A media line's terms as typed: channel, billing mode and rate (in percent), flight dates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct MediaCells {
    pub channel: String,
    pub billing: BillingMode,
    /// Percent: `15`, `17.65`.
    pub rate: String,
    /// `YYYY-MM-DD`.
    pub start: String,
    pub end: String,
}

impl Default for MediaCells {
    fn default() -> Self {
        MediaCells {
            channel: String::new(),
            billing: BillingMode::Gross,
            rate: "15".into(),
            start: String::new(),
            end: String::new(),
        }
    }
}

impl MediaCells {
    fn of(m: Option<&MediaTerms>) -> MediaCells {
        match m {
            None => MediaCells::default(),
            Some(m) => MediaCells {
                channel: m.channel.clone(),
                billing: BillingMode::of(m.billing),
                rate: percent_text(m.billing.rate_bp()),
                start: m.flight_start.to_string(),
                end: m.flight_end.to_string(),
            },
        }
    }

    /// The terms, `None` while the dates are not both typed (the estimate's check names the
    /// line then), or why a cell cannot be read.
    fn terms(&self, lang: Lang) -> Result<Option<MediaTerms>, String> {
        let bp = percent_bp(&self.rate).ok_or_else(|| match lang {
            Lang::Zh => format!(
                "媒介费率“{}”不是百分比，请填写如 15 或 17.65",
                self.rate.trim()
            ),
            Lang::En => format!(
                "media rate “{}” is not a percentage; type e.g. 15 or 17.65",
                self.rate.trim()
            ),
        })?;
        let date = |t: &str| -> Result<Option<chrono::NaiveDate>, String> {
            match t.trim() {
                "" => Ok(None),
                t => crate::domain::format::parse_date(t)
                    .map(Some)
                    .ok_or_else(|| match lang {
                        Lang::Zh => format!("投放日期“{t}”不是日期，请填写如 2026-12-01"),
                        Lang::En => {
                            format!("flight date “{t}” is not a date; type e.g. 2026-12-01")
                        }
                    }),
            }
        };
        let (start, end) = (date(&self.start)?, date(&self.end)?);
        Ok(match (start, end) {
            (Some(flight_start), Some(flight_end)) => Some(MediaTerms {
                channel: self.channel.trim().to_string(),
                billing: self.billing.with_rate(bp),
                flight_start,
                flight_end,
            }),
            _ => None,
        })
    }
}

/// A rate in basis points as percent text: 1500 → `15`, 1765 → `17.65`.
pub(super) fn percent_text(bp: u32) -> String {
    match bp % 100 {
        0 => format!("{}", bp / 100),
        f if f % 10 == 0 => format!("{}.{}", bp / 100, f / 10),
        f => format!("{}.{f:02}", bp / 100),
    }
}

/// Percent text as basis points: `15`, `15%`, `17.65` (at most two decimals, at most 100 %).
pub(super) fn percent_bp(text: &str) -> Option<u32> {
    let t = text.trim().trim_end_matches(['%', '％']).trim();
    // A percentage with two decimals reads like an amount in yuan: its hundredths are fen.
    let hundredths = Fen::parse(t).ok()?.0;
    u32::try_from(hundredths).ok().filter(|bp| *bp <= 10_000)
}

impl LineCells {
    /// A new line of `category`: quantity 1, nothing else typed.
    pub(super) fn blank(category: LineCategory) -> LineCells {
        // The price is left empty to type in, rather than 0.00 to type over.
        LineCells {
            unit_price: String::new(),
            ..LineCells::of(&EstimateLine::blank(category))
        }
    }

    /// A stored line as cells.
    pub(super) fn of(l: &EstimateLine) -> LineCells {
        LineCells {
            category: l.category,
            description: l.description.clone(),
            specification: l.specification.clone(),
            unit: l.unit.clone(),
            quantity: quantity_text(l.quantity),
            unit_price: fen_text(l.unit_price),
            vendor: l.vendor.clone(),
            vendor_quote: l.vendor_quote.map(fen_text).unwrap_or_default(),
            cost: l.cost.map(fen_text).unwrap_or_default(),
            note: l.note.clone(),
            media: MediaCells::of(l.media.as_ref()),
        }
    }

    /// The cell of a column.
    pub(super) fn cell(&mut self, f: LineField) -> &mut String {
        match f {
            LineField::Description => &mut self.description,
            LineField::Specification => &mut self.specification,
            LineField::Unit => &mut self.unit,
            LineField::Quantity => &mut self.quantity,
            LineField::UnitPrice => &mut self.unit_price,
            LineField::Vendor => &mut self.vendor,
            LineField::VendorQuote => &mut self.vendor_quote,
            LineField::Cost => &mut self.cost,
            LineField::Note => &mut self.note,
        }
    }

    /// The text of a column.
    pub(super) fn text(&self, f: LineField) -> &str {
        match f {
            LineField::Description => &self.description,
            LineField::Specification => &self.specification,
            LineField::Unit => &self.unit,
            LineField::Quantity => &self.quantity,
            LineField::UnitPrice => &self.unit_price,
            LineField::Vendor => &self.vendor,
            LineField::VendorQuote => &self.vendor_quote,
            LineField::Cost => &self.cost,
            LineField::Note => &self.note,
        }
    }

    /// The line, or the first cell that cannot be read and why.
    pub(super) fn line(&self, lang: Lang) -> Result<EstimateLine, (Option<LineField>, String)> {
        let money = |f: LineField, text: &str| -> Result<Fen, (Option<LineField>, String)> {
            Fen::parse(text).map_err(|_| {
                let why = match lang {
                    Lang::Zh => format!("“{}”不是金额，请填写如 1234.50", text.trim()),
                    Lang::En => format!("“{}” is not an amount; type e.g. 1234.50", text.trim()),
                };
                (Some(f), why)
            })
        };
        let optional = |f: LineField, text: &str| match text.trim() {
            "" => Ok(None),
            t => money(f, t).map(Some),
        };
        let quantity = parse_quantity(&self.quantity).ok_or_else(|| {
            let why = match lang {
                Lang::Zh => format!(
                    "“{}”不是数量，请填写如 1 或 1.5（最多三位小数）",
                    self.quantity.trim()
                ),
                Lang::En => format!(
                    "“{}” is not a quantity; type e.g. 1 or 1.5 (at most three decimals)",
                    self.quantity.trim()
                ),
            };
            (Some(LineField::Quantity), why)
        })?;
        let unit_price = match self.unit_price.trim() {
            "" => Fen(0),
            t => money(LineField::UnitPrice, t)?,
        };
        Ok(EstimateLine {
            category: self.category,
            description: self.description.trim().to_string(),
            specification: self.specification.trim().to_string(),
            unit: self.unit.trim().to_string(),
            quantity,
            unit_price,
            vendor: self.vendor.trim().to_string(),
            vendor_quote: optional(LineField::VendorQuote, &self.vendor_quote)?,
            cost: optional(LineField::Cost, &self.cost)?,
            note: self.note.trim().to_string(),
            media: match self.category {
                LineCategory::Media => self.media.terms(lang).map_err(|why| (None, why))?,
                _ => None,
            },
        })
    }
}

/// A version being edited, every field as typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct VersionCells {
    pub title: String,
    pub tax: Option<TaxMode>,
    pub basis: PriceBasis,
    pub special_fapiao: bool,
    /// `YYYY-MM-DD`; empty: the agency's validity from today.
    pub valid_until: String,
    /// Empty: the agency's terms.
    pub payment_terms: String,
    pub client_note: String,
    pub internal_note: String,
    pub lines: Vec<LineCells>,
}

impl Default for VersionCells {
    fn default() -> Self {
        VersionCells {
            title: String::new(),
            tax: None,
            basis: PriceBasis::Net,
            special_fapiao: false,
            valid_until: String::new(),
            payment_terms: String::new(),
            client_note: String::new(),
            internal_note: String::new(),
            lines: vec![LineCells::blank(LineCategory::Production)],
        }
    }
}

/// A cell that cannot be read: its line (0-based) and column, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct CellProblem {
    pub line: usize,
    pub field: Option<LineField>,
    pub why: String,
}

impl VersionCells {
    /// A stored version, to edit.
    pub(super) fn of(v: &EstimateVersion) -> VersionCells {
        VersionCells {
            title: v.title.clone(),
            tax: Some(v.tax),
            basis: v.basis,
            special_fapiao: v.special_fapiao,
            valid_until: v.valid_until.to_string(),
            payment_terms: v.payment_terms.clone(),
            client_note: v.client_note.clone(),
            internal_note: v.internal_note.clone(),
            lines: v.lines.iter().map(LineCells::of).collect(),
        }
    }

    /// The draft to save, or every cell that cannot be read. Lines with nothing typed but
    /// the default quantity are left out (the empty line the table keeps for typing).
    pub(super) fn draft(&self, lang: Lang) -> Result<VersionDraft, Vec<CellProblem>> {
        let mut problems = Vec::new();
        let mut lines = Vec::new();
        for (i, cells) in self.lines.iter().enumerate() {
            if cells.is_blank() {
                continue;
            }
            match cells.line(lang) {
                Ok(l) => lines.push(l),
                Err((field, why)) => problems.push(CellProblem {
                    line: i,
                    field,
                    why,
                }),
            }
        }
        let valid_until = match self.valid_until.trim() {
            "" => None,
            t => match crate::domain::format::parse_date(t) {
                Some(d) => Some(d),
                None => {
                    problems.push(CellProblem {
                        line: usize::MAX,
                        field: None,
                        why: match lang {
                            Lang::Zh => format!("有效期“{t}”不是日期，请填写如 2026-12-31"),
                            Lang::En => {
                                format!("Valid until “{t}” is not a date; type e.g. 2026-12-31")
                            }
                        },
                    });
                    None
                }
            },
        };
        if !problems.is_empty() {
            return Err(problems);
        }
        let terms = self.payment_terms.trim();
        Ok(VersionDraft {
            title: self.title.trim().to_string(),
            lines,
            tax: self.tax,
            basis: self.basis,
            special_fapiao: self.special_fapiao,
            valid_until,
            payment_terms: (!terms.is_empty()).then(|| terms.to_string()),
            client_note: self.client_note.trim().to_string(),
            internal_note: self.internal_note.trim().to_string(),
        })
    }
}

impl LineCells {
    /// Nothing typed: the row the table keeps for the next line.
    pub(super) fn is_blank(&self) -> bool {
        let fresh = LineCells::blank(self.category);
        LineField::ALL
            .into_iter()
            .all(|f| fresh.text(f).trim() == self.text(f).trim())
    }
}

/// An amount as typed back: `1234.5` → `1234.50`, no separators.
pub(super) fn fen_text(f: Fen) -> String {
    let (yuan, fen) = f.split();
    let sign = if f.0 < 0 && yuan == 0 { "-" } else { "" };
    format!("{sign}{yuan}.{fen:02}")
}

/// Lines as Excel takes them from the clipboard: a header row, then one row per line, cells
/// separated by tabs (a tab or line break inside a cell becomes a space).
pub(super) fn to_tsv(lines: &[LineCells], lang: Lang) -> String {
    let clean = |s: &str| s.replace(['\t', '\n', '\r'], " ");
    let mut out = String::new();
    let mut header = vec![lang.pick("类别", "Category").to_string()];
    header.extend(
        LineField::ALL
            .into_iter()
            .map(|f| f.title(lang).to_string()),
    );
    out.push_str(&header.join("\t"));
    out.push('\n');
    for l in lines.iter().filter(|l| !l.is_blank()) {
        let (zh, en) = l.category.names();
        let mut row = vec![lang.pick(zh, en).to_string()];
        row.extend(LineField::ALL.into_iter().map(|f| clean(l.text(f))));
        out.push_str(&row.join("\t"));
        out.push('\n');
    }
    out
}

/// Why pasted text gave no lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct PasteRefused(pub String);

/// Lines from text pasted out of a spreadsheet. With a header row (类别, 说明, 单价… in
/// Chinese or English, as the importer knows them) the columns are found by name, subtotal
/// rows skipped and the sheet's own total checked; without one, the cells are taken in the
/// table's order: category, description, specification, unit, quantity, unit price, vendor,
/// vendor quote, cost, note (a row may stop early). A row that cannot be read refuses the
/// whole paste, naming the row.
pub(super) fn from_tsv(text: &str, lang: Lang) -> Result<Vec<LineCells>, PasteRefused> {
    let text = text.trim_end_matches(['\n', '\r']);
    if let Ok(sheet) = estimate_sheet::read(text.as_bytes(), SheetFormat::Csv, None) {
        return Ok(sheet
            .lines
            .iter()
            .map(|l| LineCells::of(&l.estimate_line()))
            .collect());
    }
    let mut out = Vec::new();
    for (i, row) in text.lines().enumerate() {
        let cells: Vec<&str> = row.split('\t').map(str::trim).collect();
        if cells.iter().all(|c| c.is_empty()) {
            continue;
        }
        let at = |k: usize| cells.get(k).copied().unwrap_or("").to_string();
        let (category, shift) = match LineCategory::parse(&at(0)) {
            Some(c) => (c, 1),
            // No category cell: the row starts at the description.
            None if cells.len() < LineField::ALL.len() + 1 => (LineCategory::Production, 0),
            None => (LineCategory::Production, 1),
        };
        let mut line = LineCells::blank(category);
        for (k, f) in LineField::ALL.into_iter().enumerate() {
            let v = at(k + shift);
            if !v.is_empty() || !matches!(f, LineField::Quantity) {
                *line.cell(f) = v;
            }
        }
        if let Err((_, why)) = line.line(lang) {
            return Err(PasteRefused(match lang {
                Lang::Zh => format!("粘贴的第 {} 行：{why}；没有添加任何行。", i + 1),
                Lang::En => format!("Pasted row {}: {why}; no line was added.", i + 1),
            }));
        }
        out.push(line);
    }
    if out.is_empty() {
        return Err(PasteRefused(
            lang.pick(
                "粘贴的内容里没有明细行。",
                "The pasted text holds no lines.",
            )
            .to_string(),
        ));
    }
    Ok(out)
}

#[cfg(test)]
mod tests;
