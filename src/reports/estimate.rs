//! The estimate as the client receives it (报价单): one version, bound to its content hash.
//!
//! This is the client's view and nothing else. Of each line it keeps category, description,
//! specification, unit, quantity, the sell unit price and the amount; vendor, vendor quote,
//! cost, markup, commission and the internal notes never enter the model, so no renderer
//! can print them by mistake. Media lines add their channel and flight dates (not the billing mode, which would tell of the commission).
//!
//! Lines are grouped by category in the order estimates list them (创意, 制作, 物料 …), each
//! group with its subtotal when there is more than one. The totals are the version's own
//! ([`crate::domain::estimate::lines::totals`]): the printed line amounts add up to the
//! printed subtotals, and those to the sum the tax is computed on once.

use super::brief::Label;
use super::{Caption, DocLang, Letterhead};
use crate::domain::estimate::lines::quantity_text;
use crate::domain::estimate::{
    Estimate, EstimateKind, EstimateLine, EstimateVersion, LineCategory, PriceBasis, TaxMode,
    TooLarge, VersionHash,
};
use crate::domain::money::Fen;
use chrono::{Datelike, NaiveDate};

/// Bilingual labels of the estimate.
pub mod labels {
    use super::Label;
    /// Column: line number.
    pub const NUMBER: Label = Label::new("序号", "No.");
    /// Column: what is charged.
    pub const ITEM: Label = Label::new("项目", "Item");
    /// Column: specification.
    pub const SPECIFICATION: Label = Label::new("规格", "Specification");
    /// Column: unit of the quantity.
    pub const UNIT: Label = Label::new("单位", "Unit");
    /// Column: quantity.
    pub const QUANTITY: Label = Label::new("数量", "Qty");
    /// Column: price per unit.
    pub const UNIT_PRICE: Label = Label::new("单价", "Unit price");
    /// Column: the line's amount.
    pub const AMOUNT: Label = Label::new("金额", "Amount");
    /// A category's subtotal.
    pub const SUBTOTAL: Label = Label::new("小计", "Subtotal");
    /// The sum without VAT.
    pub const NET: Label = Label::new("不含税金额", "Net amount");
    /// The VAT.
    pub const TAX: Label = Label::new("税额", "VAT");
    /// The sum with VAT: the amount due.
    pub const GROSS: Label = Label::new("价税合计", "Total incl. VAT");
    /// Before the parts of a total that includes them.
    pub const OF_WHICH: Label = Label::new("其中", "of which");
    /// The amount due in capitals.
    pub const IN_WORDS: Label = Label::new("大写", "In words");
    /// The client's note.
    pub const NOTE: Label = Label::new("备注", "Notes");
    /// Marks a version not yet approved for sending.
    pub const DRAFT: Label = Label::new("草稿", "DRAFT");
    /// The acceptance block.
    pub const ACCEPTANCE: Label = Label::new("客户确认", "Client acceptance");
    /// Where the client signs.
    pub const SIGNATURE: Label = Label::new("签字", "Signature");
    /// When the client signed.
    pub const DATE: Label = Label::new("日期", "Date");
    /// The box for the client's company chop (公章).
    pub const CHOP: Label = Label::new("公司盖章", "Company chop");
    /// The QR code of the version's hash.
    pub const CHECK: Label = Label::new("版本校验码", "Version check");
}

/// What an estimate is printed from: the records as loaded, the hash of the version's
/// stored content, and what the caller knows about the job, the client and the status.
#[derive(Debug, Clone, Copy)]
pub struct EstimateReportInputs<'a> {
    /// The estimate (number, kind).
    pub estimate: &'a Estimate,
    /// The version printed.
    pub version: &'a EstimateVersion,
    /// The content hash of `version` as stored.
    pub hash: VersionHash,
    /// The client's full name, as on contracts.
    pub client_name: &'a str,
    /// The job's number (`2026-0042`).
    pub job_number: &'a str,
    /// The job's title.
    pub job_title: &'a str,
    /// The agency at the top of page 1.
    pub letterhead: &'a Letterhead,
    /// Whether the version is approved for sending; otherwise it is printed as a draft.
    pub approved: bool,
    /// The language of labels and values.
    pub lang: DocLang,
    /// The date printed on it.
    pub today: NaiveDate,
}

/// One row of the facts table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EstimateFact {
    /// What the value is.
    pub label: Caption,
    /// The value in the document's language.
    pub value: String,
}

/// A line as the client reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EstimateRow {
    /// 1-based, in printed order.
    pub number: usize,
    /// What is charged.
    pub description: String,
    /// The specification; for media lines channel and flight before it.
    pub specification: String,
    /// Unit of the quantity.
    pub unit: String,
    /// The quantity as people write it (`1.5`).
    pub quantity: String,
    /// The sell price of one unit; `None` for a media line billed on net whose amount is
    /// not a whole number of fen per unit (its net price would show the agency's fee).
    pub unit_price: Option<Fen>,
    /// What the client pays for the line, rounded to the fen once.
    pub amount: Fen,
}

/// The lines of one category.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EstimateGroup {
    /// The category, numbered: `一、创意 Creative`.
    pub heading: String,
    /// The lines, in the order the version has them.
    pub rows: Vec<EstimateRow>,
    /// The label and sum of the group's amounts; `None` when it is the only group.
    pub subtotal: Option<(String, Fen)>,
}

/// One line of the totals block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrintedTotal {
    /// What the amount is (`税额 6%`).
    pub label: Caption,
    /// The amount.
    pub amount: Fen,
    /// The amount due, printed bold under a rule.
    pub strong: bool,
}

/// The acceptance block and the version check code beside it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EstimateAcceptance {
    /// `客户确认 Client acceptance`.
    pub heading: Caption,
    /// That the signature confirms this version, or for a draft that it is not for signing.
    pub note: String,
    /// The lines to fill in: signature, date.
    pub fields: Vec<Caption>,
    /// The caption of the chop box.
    pub chop: Caption,
    /// The caption of the QR code.
    pub check_caption: Caption,
    /// Printed under the QR code: `2026-0042-E1 B · 9f86d081`.
    pub check_line: String,
    /// What the QR code holds: `AD-ESTIMATE 2026-0042-E1 B` and the full hash in upper
    /// case (the QR code's compact alphanumeric mode; the hash reads in any case).
    pub check_payload: String,
}

/// The estimate as printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EstimateReport {
    /// The agency.
    pub letterhead: Letterhead,
    /// The language of labels and values.
    pub lang: DocLang,
    /// `报价单 Estimate` (or the kind's name).
    pub title: Caption,
    /// The estimate's number (`2026-0042-E1`).
    pub number: String,
    /// The version's letter (`B`).
    pub version: String,
    /// The version's content hash, 64 hex digits.
    pub hash: String,
    /// Its first 8 digits, as printed on every page.
    pub short_hash: String,
    /// Printed in the running header: the job's number and title.
    pub job_line: String,
    /// The version's title, under the document's title.
    pub subject: String,
    /// `None` once approved; else the mark printed beside the title and in every footer.
    pub draft: Option<String>,
    /// The facts table.
    pub facts: Vec<EstimateFact>,
    /// Column captions: number, item, specification, unit, quantity, unit price, amount.
    pub columns: [Caption; 7],
    /// Whether any line has a specification (else the column is left out).
    pub has_specification: bool,
    /// The lines by category.
    pub groups: Vec<EstimateGroup>,
    /// Net, tax and total, in the order printed.
    pub totals: Vec<PrintedTotal>,
    /// The label of the amount due in capitals.
    pub in_words_label: Caption,
    /// The amount due in capitals (`人民币…`).
    pub in_words: String,
    /// Whether unit prices include VAT, in a sentence under the totals.
    pub basis_note: String,
    /// The version's note for the client, with its heading, when there is one.
    pub client_note: Option<(Caption, String)>,
    /// The acceptance block.
    pub acceptance: EstimateAcceptance,
}

impl EstimateReport {
    /// The client's view of `inputs.version`. Fails only when an amount is too large to be
    /// real, which the estimate's check refuses before submission.
    pub fn build(inputs: &EstimateReportInputs<'_>) -> Result<EstimateReport, TooLarge> {
        let lang = inputs.lang;
        let v = inputs.version;
        let number = inputs.estimate.number.trim().to_string();
        let letter = v.letter();
        let hash = inputs.hash.hex();
        let short_hash = inputs.hash.short();
        let totals = v.totals()?;
        let draft = (!inputs.approved).then(|| lang.line(labels::DRAFT));
        let (title_zh, title_en) = title(inputs.estimate.kind);
        let groups = groups(&v.lines, lang)?;
        let note = match draft {
            Some(_) => lang.pick(
                "草稿：本版本尚未审批，仅供核对，请勿签署。",
                "Draft: this version is not yet approved. For review only; do not sign.",
                "草稿：本版本尚未审批，仅供核对，请勿签署。Draft: not yet approved, do not sign.",
            ),
            None => lang.pick(
                "本报价单以版本校验码为准；签署即确认此版本 ({v})。",
                "This estimate is identified by its version check code; signing confirms \
                 this version ({v}).",
                "本报价单以版本校验码为准；签署即确认此版本 ({v})。This estimate is \
                 identified by its version check code; signing confirms this version ({v}).",
            ),
        }
        .replace("{v}", &format!("{letter} · {short_hash}"));
        Ok(EstimateReport {
            letterhead: inputs.letterhead.clone(),
            lang,
            title: lang.caption(Label::new(title_zh, title_en)),
            facts: facts(inputs, &letter),
            columns: [
                labels::NUMBER,
                labels::ITEM,
                labels::SPECIFICATION,
                labels::UNIT,
                labels::QUANTITY,
                labels::UNIT_PRICE,
                labels::AMOUNT,
            ]
            .map(|l| lang.caption(l)),
            has_specification: groups
                .iter()
                .flat_map(|g| &g.rows)
                .any(|r| !r.specification.trim().is_empty()),
            groups,
            totals: printed_totals(v.tax, v.basis, totals, lang),
            in_words_label: lang.caption(labels::IN_WORDS),
            in_words: totals.gross.in_capitals(),
            basis_note: basis_note(v.tax, v.basis, lang),
            client_note: Some(v.client_note.trim())
                .filter(|n| !n.is_empty())
                .map(|n| (lang.caption(labels::NOTE), n.to_string())),
            acceptance: EstimateAcceptance {
                heading: lang.caption(labels::ACCEPTANCE),
                note,
                fields: vec![lang.caption(labels::SIGNATURE), lang.caption(labels::DATE)],
                chop: lang.caption(labels::CHOP),
                check_caption: lang.caption(labels::CHECK),
                check_line: format!("{number} {letter} · {short_hash}"),
                check_payload: format!(
                    "AD-ESTIMATE {number} {letter} {}",
                    hash.to_ascii_uppercase()
                ),
            },
            job_line: [inputs.job_number.trim(), inputs.job_title.trim()]
                .iter()
                .filter(|s| !s.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join(" "),
            subject: v.title.trim().to_string(),
            number,
            version: letter,
            hash,
            short_hash,
            draft,
        })
    }
}

/// The document's name by the estimate's kind.
fn title(kind: EstimateKind) -> (&'static str, &'static str) {
    match kind {
        EstimateKind::Production => ("报价单", "Estimate"),
        EstimateKind::Media => ("媒介报价单", "Media estimate"),
        EstimateKind::ChangeOrder => ("变更单", "Change order"),
    }
}

/// A date as printed: `2026年3月5日`, `2026-03-05`.
pub fn date_text(d: NaiveDate, lang: DocLang) -> String {
    match lang {
        DocLang::Zh => format!("{}年{}月{}日", d.year(), d.month(), d.day()),
        DocLang::En | DocLang::Both => d.format("%Y-%m-%d").to_string(),
    }
}

/// Two texts in the document's language, both side by side in a bilingual one.
fn both(lang: DocLang, zh: &str, en: &str) -> String {
    match lang {
        DocLang::Zh => zh.to_string(),
        DocLang::En => en.to_string(),
        DocLang::Both => format!("{zh} {en}"),
    }
}

fn facts(inputs: &EstimateReportInputs<'_>, letter: &str) -> Vec<EstimateFact> {
    let lang = inputs.lang;
    let v = inputs.version;
    let fact = |zh, en, value: String| EstimateFact {
        label: lang.caption(Label::new(zh, en)),
        value,
    };
    let job = [inputs.job_number.trim(), inputs.job_title.trim()]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" ");
    let rate = v.tax.label(true);
    let tax = match v.tax {
        TaxMode::Rate(_) => both(lang, &format!("增值税 {rate}"), &format!("VAT {rate}")),
        TaxMode::Exempt => both(lang, "免税", "VAT exempt"),
    };
    let prices = match (v.tax, v.basis) {
        (TaxMode::Exempt, _) => both(lang, "免税价", "No VAT"),
        (_, PriceBasis::Gross) => both(lang, "含税价", "Incl. VAT"),
        (_, PriceBasis::Net) => both(lang, "不含税价", "Excl. VAT"),
    };
    let fapiao = match v.special_fapiao {
        true => both(lang, "增值税专用发票", "Special VAT fapiao"),
        false => both(lang, "增值税普通发票", "Ordinary VAT fapiao"),
    };
    let mut facts = vec![
        fact("客户", "Client", inputs.client_name.trim().to_string()),
        fact("工作号", "Job", job),
        fact(
            "报价单号",
            "Estimate No.",
            inputs.estimate.number.trim().into(),
        ),
        fact("版本", "Version", letter.to_string()),
        fact("报价日期", "Date", date_text(inputs.today, lang)),
        fact("有效期至", "Valid until", date_text(v.valid_until, lang)),
        fact("税率", "VAT", tax),
        fact("报价方式", "Prices", prices),
        fact("发票", "Invoice", fapiao),
    ];
    if !v.payment_terms.trim().is_empty() {
        facts.push(fact("付款方式", "Payment", v.payment_terms.trim().into()));
    }
    facts
}

/// A category's number in a heading: `一`…`八` in Chinese, `1`… in English.
fn group_heading(index: usize, category: LineCategory, lang: DocLang) -> String {
    const ZH: [&str; 8] = ["一", "二", "三", "四", "五", "六", "七", "八"];
    let (zh, en) = category.names();
    let zh_number = ZH
        .get(index)
        .map_or_else(|| (index + 1).to_string(), |n| n.to_string());
    match lang {
        DocLang::Zh => format!("{zh_number}、{zh}"),
        DocLang::En => format!("{}. {en}", index + 1),
        DocLang::Both => format!("{zh_number}、{zh} {en}"),
    }
}

/// The lines by category, in the order of [`LineCategory::ALL`], numbered in printed order.
fn groups(lines: &[EstimateLine], lang: DocLang) -> Result<Vec<EstimateGroup>, TooLarge> {
    let present: Vec<LineCategory> = LineCategory::ALL
        .into_iter()
        .filter(|c| lines.iter().any(|l| l.category == *c))
        .collect();
    let many = present.len() > 1;
    let mut number = 0;
    let mut out = Vec::with_capacity(present.len());
    for (index, category) in present.into_iter().enumerate() {
        let mut rows = Vec::new();
        let mut sum: i64 = 0;
        for line in lines.iter().filter(|l| l.category == category) {
            number += 1;
            let row = row(number, line, lang)?;
            sum = sum.checked_add(row.amount.0).ok_or(TooLarge)?;
            rows.push(row);
        }
        let (zh, en) = category.names();
        let label = match lang {
            DocLang::Zh => format!("{zh}{}", labels::SUBTOTAL.zh),
            DocLang::En => format!("{en} {}", labels::SUBTOTAL.en.to_lowercase()),
            DocLang::Both => format!("{zh}{} {en} subtotal", labels::SUBTOTAL.zh),
        };
        out.push(EstimateGroup {
            heading: group_heading(index, category, lang),
            rows,
            subtotal: many.then_some((label, Fen(sum))),
        });
    }
    Ok(out)
}

/// One line, the client's columns only.
fn row(number: usize, line: &EstimateLine, lang: DocLang) -> Result<EstimateRow, TooLarge> {
    let amount = line.amount()?;
    let mut spec: Vec<String> = Vec::new();
    if let Some(m) = &line.media {
        if !m.channel.trim().is_empty() {
            spec.push(m.channel.trim().to_string());
        }
        let (from, to) = (m.flight_start, m.flight_end);
        spec.push(match lang {
            DocLang::Zh => format!("{} 至 {}", date_text(from, lang), date_text(to, lang)),
            _ => format!("{} – {}", date_text(from, lang), date_text(to, lang)),
        });
    }
    if !line.specification.trim().is_empty() {
        spec.push(line.specification.trim().to_string());
    }
    Ok(EstimateRow {
        number,
        description: line.description.trim().to_string(),
        specification: spec.join(" · "),
        unit: line.unit.trim().to_string(),
        quantity: quantity_text(line.quantity),
        unit_price: sell_unit_price(line, amount)?,
        amount,
    })
}

/// The price of one unit as the client pays it. A media line billed on net (fee or
/// markup) charges more than quantity × its typed price, which is the media's net; its
/// sell price is the amount per unit when that is a whole number of fen, else none is
/// printed rather than a rounded price that would not multiply out.
fn sell_unit_price(line: &EstimateLine, amount: Fen) -> Result<Option<Fen>, TooLarge> {
    if amount == line.base()? {
        return Ok(Some(line.unit_price));
    }
    let q = i128::from(line.quantity);
    let scaled = i128::from(amount.0) * 1000;
    if q <= 0 || scaled % q != 0 {
        return Ok(None);
    }
    i64::try_from(scaled / q)
        .map(|p| Some(Fen(p)))
        .map_err(|_| TooLarge)
}

/// The totals block. Prices without tax: net, tax, total. Prices with tax: the total (the
/// sum of the lines) first, then the net and the tax it contains.
fn printed_totals(
    tax: TaxMode,
    basis: PriceBasis,
    t: crate::domain::estimate::Totals,
    lang: DocLang,
) -> Vec<PrintedTotal> {
    let mut tax_label = lang.caption(labels::TAX);
    let rate = match tax {
        TaxMode::Rate(_) => tax.label(true),
        TaxMode::Exempt => lang.pick("（免税）", "(exempt)", "（免税）").to_string(),
    };
    let sep = if matches!(tax, TaxMode::Rate(_)) {
        " "
    } else {
        ""
    };
    tax_label.main = format!("{}{sep}{rate}", tax_label.main);
    if lang == DocLang::Both && matches!(tax, TaxMode::Exempt) {
        tax_label.second = format!("{} (exempt)", tax_label.second);
    }
    let line = |label: Caption, amount, strong| PrintedTotal {
        label,
        amount,
        strong,
    };
    match basis {
        PriceBasis::Net => vec![
            line(lang.caption(labels::NET), t.net, false),
            line(tax_label, t.tax, false),
            line(lang.caption(labels::GROSS), t.gross, true),
        ],
        PriceBasis::Gross => {
            let of_which = |mut c: Caption| {
                c.main = match lang {
                    DocLang::En => format!("{} {}", labels::OF_WHICH.en, c.main),
                    _ => format!("{}：{}", labels::OF_WHICH.zh, c.main),
                };
                c
            };
            vec![
                line(lang.caption(labels::GROSS), t.gross, true),
                line(of_which(lang.caption(labels::NET)), t.net, false),
                line(of_which(tax_label), t.tax, false),
            ]
        }
    }
}

/// Whether the unit prices include VAT, said once under the totals.
fn basis_note(tax: TaxMode, basis: PriceBasis, lang: DocLang) -> String {
    let rate = tax.label(true);
    let (zh, en) = match (tax, basis) {
        (TaxMode::Exempt, _) => (
            "本报价免征增值税，以上金额即应付金额。".to_string(),
            "This estimate is exempt from VAT; the amounts above are the amounts due.".to_string(),
        ),
        (_, PriceBasis::Gross) => (
            format!("以上单价及金额均含增值税（税率 {rate}），税额按合计金额计算。"),
            format!(
                "Unit prices and amounts above include VAT at {rate}, computed once on the total."
            ),
        ),
        (_, PriceBasis::Net) => (
            format!("以上单价及金额均不含增值税，增值税（税率 {rate}）按合计金额另计。"),
            format!(
                "Unit prices and amounts above exclude VAT; VAT at {rate} is added on the total."
            ),
        ),
    };
    both(lang, &zh, &en)
}

#[cfg(test)]
mod tests;
