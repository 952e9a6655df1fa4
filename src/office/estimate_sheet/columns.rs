//! Which column holds what: the header names agencies use, an agency's own remembered names,
//! and the search for the header row under a sheet's title block.

use super::grid::SheetCell;
use serde::{Deserialize, Serialize};

pub use crate::domain::estimate::SheetColumn;

/// The header texts the reader knows by itself, already normalised (see [`normalise`]).
const BUILT_IN: &[(SheetColumn, &[&str])] = &[
    (
        SheetColumn::Category,
        &["类别", "类型", "分类", "category", "type"],
    ),
    (
        SheetColumn::Description,
        &[
            "说明",
            "项目说明",
            "项目",
            "内容",
            "项目名称",
            "项目内容",
            "名称",
            "描述",
            "description",
            "item",
        ],
    ),
    (
        SheetColumn::Specification,
        &[
            "规格",
            "规格说明",
            "specification",
            "spec",
            "specs",
            "details",
        ],
    ),
    (SheetColumn::Unit, &["单位", "unit"]),
    (SheetColumn::Quantity, &["数量", "qty", "quantity"]),
    (
        SheetColumn::UnitPrice,
        &["单价", "unitprice", "rate", "price"],
    ),
    (
        SheetColumn::Amount,
        &["金额", "小计金额", "合价", "总价", "amount", "total"],
    ),
    (SheetColumn::Cost, &["成本", "成本价", "cost"]),
    (SheetColumn::Vendor, &["供应商", "vendor", "supplier"]),
];

/// The header texts the reader knows by itself, one role per line, for a "no header found"
/// message.
pub fn known_headers() -> String {
    let roles: Vec<String> = BUILT_IN
        .iter()
        .map(|(column, names)| format!("{column:?}: {}", names.join("/")))
        .collect();
    roles.join("; ")
}

/// The usual Chinese header of a role, to name a column the sheet does not have.
pub fn usual_header(role: SheetColumn) -> &'static str {
    BUILT_IN
        .iter()
        .find(|(column, _)| *column == role)
        .and_then(|(_, names)| names.first())
        .copied()
        .unwrap_or("")
}

/// An agency's remembered template: for each role, the header text its sheets use. Kept in
/// settings by the app, so an agency that heads its columns `费用项目` and `报价` is read
/// without renaming anything. Its names win over the built-in ones.
#[derive(Serialize, Deserialize, Default, Clone, Debug, PartialEq, Eq)]
#[serde(default)]
pub struct ColumnTemplate {
    /// A role and the header text that marks it; matched after the same normalisation as the
    /// built-in names (case, spaces, a trailing `(元)` do not matter).
    pub headers: Vec<(SheetColumn, String)>,
}

impl ColumnTemplate {
    /// The agency's remembered headers, `None` when it has none.
    pub fn of(settings: &crate::domain::estimate::check::MoneySettings) -> Option<ColumnTemplate> {
        (!settings.sheet_headers.is_empty()).then(|| ColumnTemplate {
            headers: settings.sheet_headers.clone(),
        })
    }
}

/// The roles found in one row: role, 0-based column, the header text as written.
pub type Found = Vec<(SheetColumn, usize, String)>;

/// A header cell's text reduced to what identifies it: lower case, no spaces or line breaks,
/// full-width brackets folded, and trailing units such as `(元)`, `（含税）`, `/RMB` or a
/// colon cut off.
pub fn normalise(text: &str) -> String {
    let mut s: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '（' | '【' | '[' => '(',
            '）' | '】' | ']' => ')',
            '／' => '/',
            '：' => ':',
            c => c,
        })
        .flat_map(char::to_lowercase)
        .collect();
    loop {
        let before = s.len();
        s = s.trim_matches(|c| c == ':' || c == '*').to_string();
        if s.ends_with(')') {
            if let Some(open) = s.rfind('(') {
                s.truncate(open);
            }
        } else if let Some(slash) = s.rfind('/').filter(|&i| i > 0) {
            s.truncate(slash);
        }
        if s.len() == before {
            return s;
        }
    }
}

/// The roles a row's cells name: the template's names first, then the built-in names for the
/// roles and cells still free. Each role is taken by its first column only.
pub fn recognise(cells: &[SheetCell], template: Option<&ColumnTemplate>) -> Found {
    let texts: Vec<(usize, String, String)> = cells
        .iter()
        .enumerate()
        .filter_map(|(i, cell)| {
            let raw = cell.text();
            let raw = raw.split_whitespace().collect::<Vec<_>>().join(" ");
            (!raw.is_empty()).then(|| (i, normalise(&raw), raw))
        })
        .collect();
    let mut found: Found = Vec::new();
    let claim = |column: SheetColumn, wanted: &dyn Fn(&str) -> bool, found: &mut Found| {
        if found.iter().any(|(c, _, _)| *c == column) {
            return;
        }
        let free = texts
            .iter()
            .find(|(i, norm, _)| wanted(norm) && !found.iter().any(|(_, j, _)| j == i));
        if let Some((i, _, raw)) = free {
            found.push((column, *i, raw.clone()));
        }
    };
    for (column, header) in template.map(|t| t.headers.as_slice()).unwrap_or_default() {
        let header = normalise(header);
        if !header.is_empty() {
            claim(*column, &|norm| norm == header, &mut found);
        }
    }
    for (column, names) in BUILT_IN {
        claim(*column, &|norm| names.contains(&norm), &mut found);
    }
    found.sort_by_key(|(_, i, _)| *i);
    found
}

/// Whether a row's roles make it a header: a description and a unit price or an amount.
pub fn is_header(found: &Found) -> bool {
    let has = |column| found.iter().any(|(c, _, _)| *c == column);
    has(SheetColumn::Description) && (has(SheetColumn::UnitPrice) || has(SheetColumn::Amount))
}

/// The first header row among `rows[..limit]`: its 0-based index and roles.
pub fn find_header(
    rows: &[Vec<SheetCell>],
    limit: usize,
    template: Option<&ColumnTemplate>,
) -> Option<(usize, Found)> {
    rows.iter()
        .take(limit)
        .enumerate()
        .map(|(i, row)| (i, recognise(row, template)))
        .find(|(_, found)| is_header(found))
}
