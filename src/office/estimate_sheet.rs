//! An agency's estimate spreadsheet (报价单), CSV or XLSX, read into neutral lines for the
//! import command. Pure: the caller passes the file's bytes and maps the lines onto a job.
//!
//! Sheets as agencies keep them are understood: a title block above the header row, section
//! heading rows (`一、制作费`), 小计 rows, a 合计 row that is checked against the lines, tax
//! rows after it. Every line that cannot be read is reported at once, with its row number as
//! Excel shows it and its column header. Money and quantities never pass through `f64`
//! arithmetic: a workbook's numbers are read from their shortest decimal text.

mod columns;
mod decimal;
mod grid;
mod problems;
#[cfg(test)]
mod tests;

pub use columns::{ColumnTemplate, SheetColumn, known_headers};
pub use problems::{Reason, RowProblem, SheetError};

use crate::domain::money::Fen;
use columns::Found;
use decimal::{NumberError, Origin};
use grid::{SheetCell, SheetRows};
use std::path::Path;

/// How many rows from the top are searched for the header row.
pub const HEADER_SEARCH_ROWS: usize = 30;

/// The kind of file, which decides how its bytes are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SheetFormat {
    /// Delimited text (comma, tab or semicolon) in UTF-8, GB18030 or UTF-16.
    Csv,
    /// An Excel workbook.
    Xlsx,
}

impl SheetFormat {
    /// The format a file name promises, by its extension in any case: `.csv`, `.txt` and
    /// `.tsv` are text; `.xlsx` and `.xlsm` are workbooks. `None` for anything else (`.xls`).
    pub fn from_path(path: &Path) -> Option<SheetFormat> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        match extension.as_str() {
            "csv" | "txt" | "tsv" => Some(SheetFormat::Csv),
            "xlsx" | "xlsm" => Some(SheetFormat::Xlsx),
            _ => None,
        }
    }
}

/// One line of the estimate as the sheet has it, checked but not yet mapped onto the app's
/// categories or a job.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetLine {
    /// The 1-based row number as Excel shows it, so the person can find the line.
    pub row: usize,
    /// The category text: the line's own cell, else the last category or section heading above
    /// it (merged category cells are empty below their first row); "" when there is none.
    pub category: String,
    /// What the line is (the category text when the description cell was empty).
    pub description: String,
    /// Details such as size or duration; "" without such a column.
    pub specification: String,
    /// The unit the quantity counts; "" without such a column.
    pub unit: String,
    /// Thousandths (1.5 → 1500); 1000 when the sheet gave only an amount.
    pub quantity: i64,
    /// The price of one unit (the amount when the sheet gave only an amount).
    pub unit_price: Fen,
    /// The sheet's own amount, when it has the column; it equals quantity × unit price.
    pub amount: Option<Fen>,
    /// The agency's cost, when the sheet tracks it.
    pub cost: Option<Fen>,
    /// Who supplies the line; "" without such a column.
    pub vendor: String,
}

impl SheetLine {
    /// The line as an estimate's: its category read from the category text (else from the
    /// description; 制作 when neither names one), the sheet's cost taken as the vendor's quote
    /// too.
    pub fn estimate_line(&self) -> crate::domain::estimate::EstimateLine {
        use crate::domain::estimate::{EstimateLine, LineCategory};
        let category = LineCategory::parse(&self.category)
            .or_else(|| LineCategory::parse(&self.description))
            .unwrap_or(LineCategory::Production);
        EstimateLine {
            category,
            description: self.description.clone(),
            specification: self.specification.clone(),
            unit: self.unit.clone(),
            quantity: self.quantity,
            unit_price: self.unit_price,
            vendor: self.vendor.clone(),
            vendor_quote: self.cost,
            cost: self.cost,
            note: String::new(),
            media: None,
        }
    }
}

/// Everything read from an estimate sheet, for the caller to show before importing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetEstimate {
    /// The estimate's lines in sheet order.
    pub lines: Vec<SheetLine>,
    /// The 1-based row of the header.
    pub header_row: usize,
    /// What each recognised column holds: role, 0-based column, the header text found.
    pub columns: Vec<(SheetColumn, usize, String)>,
    /// The sheet's own 合计/总计/Total row and amount, which the lines were checked against.
    pub stated_total: Option<(usize, Fen)>,
    /// Rows passed over and why (subtotals, section headings, tax rows), to show the person.
    pub skipped: Vec<(usize, String)>,
    /// How the text was encoded: "UTF-8", "GB18030", "UTF-16LE", "UTF-16BE"; "xlsx" for a
    /// workbook.
    pub encoding: &'static str,
    /// A workbook's sheet the lines came from.
    pub sheet: Option<String>,
}

/// The first `n` rows of the sheet an import would read, each cell as text: shown beside a
/// column mapping so the person sees what the sheet's headers say.
pub fn preview_rows(
    bytes: &[u8],
    format: SheetFormat,
    template: Option<&ColumnTemplate>,
    n: usize,
) -> Result<Vec<Vec<String>>, SheetError> {
    let rows = match format {
        SheetFormat::Csv => {
            let (text, _) = grid::decode(bytes).map_err(SheetError::Unreadable)?;
            split_best(&text, template)
        }
        SheetFormat::Xlsx => grid::xlsx_sheets(bytes)
            .map_err(SheetError::Unreadable)?
            .into_iter()
            .find_map(|(_, rows)| rows.ok())
            .unwrap_or_default(),
    };
    Ok(rows
        .iter()
        .take(n)
        .map(|row| row.iter().map(SheetCell::text).collect())
        .collect())
}

/// Reads an estimate from a file's bytes. Text is decoded (UTF-8 with or without BOM,
/// GB18030, UTF-16 with BOM) and split on whichever of comma, tab or semicolon recognises the
/// most header columns; a workbook's first sheet with a header row is used. `template` names an
/// agency's own headers, which win over the built-in ones.
pub fn read(
    bytes: &[u8],
    format: SheetFormat,
    template: Option<&ColumnTemplate>,
) -> Result<SheetEstimate, SheetError> {
    match format {
        SheetFormat::Csv => {
            let (text, encoding) = grid::decode(bytes).map_err(SheetError::Unreadable)?;
            let rows = split_best(&text, template);
            let (header, found) = columns::find_header(&rows, HEADER_SEARCH_ROWS, template)
                .ok_or(SheetError::NoHeader)?;
            read_rows(&rows, header, found, encoding, None)
        }
        SheetFormat::Xlsx => {
            let mut unreadable = None;
            for (name, rows) in grid::xlsx_sheets(bytes).map_err(SheetError::Unreadable)? {
                match rows {
                    Ok(rows) => {
                        let header = columns::find_header(&rows, HEADER_SEARCH_ROWS, template);
                        if let Some((header, found)) = header {
                            return read_rows(&rows, header, found, "xlsx", Some(name));
                        }
                    }
                    Err(why) => unreadable = unreadable.or(Some(why)),
                }
            }
            Err(unreadable.map_or(SheetError::NoHeader, SheetError::Unreadable))
        }
    }
}

/// The text split on the delimiter that makes the best header: a complete one first, then the
/// most recognised columns in one row; comma wins a tie.
fn split_best(text: &str, template: Option<&ColumnTemplate>) -> SheetRows {
    let mut best: Option<((bool, usize), SheetRows)> = None;
    for delimiter in [',', '\t', ';'] {
        let rows = grid::split_delimited(text, delimiter);
        let score = rows
            .iter()
            .take(HEADER_SEARCH_ROWS)
            .map(|row| {
                let found = columns::recognise(row, template);
                (columns::is_header(&found), found.len())
            })
            .max()
            .unwrap_or_default();
        if best.as_ref().is_none_or(|(top, _)| score > *top) {
            best = Some((score, rows));
        }
    }
    best.map(|(_, rows)| rows).unwrap_or_default()
}

/// What a row's label cell says it is, when it is not a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RowLabel {
    /// 小计: a section's sum, passed over.
    Subtotal,
    /// 税额, 增值税, Tax: passed over; a total after one includes tax.
    Tax,
    /// 合计, 总计, Total, Grand total: ends the lines, and its amount is checked.
    Total,
    /// 价税合计, 总价: ends the lines, but its amount is not comparable to them.
    TotalUnchecked,
}

/// The label a normalised cell text carries, if any.
fn label(text: &str) -> Option<RowLabel> {
    const UNCHECKED: &[&str] = &[
        "总价",
        "含税合计",
        "含税总计",
        "含税总价",
        "totalincludingtax",
    ];
    const TOTAL: &[&str] = &["总计", "总计金额", "total", "grandtotal", "totalamount"];
    const TAX: &[&str] = &["税额", "税金", "税费", "税率", "增值税", "销项税"];
    let english_tax = ["tax", "vat"].iter().any(|t| {
        text.strip_prefix(t)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(|c: char| !c.is_alphabetic()))
    });
    if text.starts_with("价税合计") || UNCHECKED.contains(&text) {
        Some(RowLabel::TotalUnchecked)
    } else if text.starts_with("合计") || TOTAL.contains(&text) {
        Some(RowLabel::Total)
    } else if text.starts_with("小计") || text.starts_with("subtotal") {
        Some(RowLabel::Subtotal)
    } else if english_tax || TAX.iter().any(|t| text.starts_with(t)) {
        Some(RowLabel::Tax)
    } else {
        None
    }
}

/// A number cell as read: not there, a value, or refused (the problem already recorded).
enum Slot {
    Absent,
    Value(i64),
    Refused,
}

/// The rows under the header, read one by one into lines, skipped rows and problems.
struct LineReader<'a> {
    columns: &'a Found,
    lines: Vec<SheetLine>,
    skipped: Vec<(usize, String)>,
    problems: Vec<RowProblem>,
    /// The category or section heading that lines with an empty category cell belong to.
    section: String,
    /// The sum of the lines' amounts, in fen.
    sum: i128,
}

/// Reads the lines under the header row (0-based `header`) whose roles are `found`.
fn read_rows(
    rows: &SheetRows,
    header: usize,
    found: Found,
    encoding: &'static str,
    sheet: Option<String>,
) -> Result<SheetEstimate, SheetError> {
    let mut reader = LineReader {
        columns: &found,
        lines: Vec::new(),
        skipped: Vec::new(),
        problems: Vec::new(),
        section: String::new(),
        sum: 0,
    };
    let mut stated_total = None;
    let mut tax_seen = false;
    for (index, cells) in rows.iter().enumerate().skip(header + 1) {
        let row = index + 1;
        if cells.iter().all(SheetCell::is_empty) {
            continue;
        }
        let first = cells.iter().find(|c| !c.is_empty()).map(SheetCell::text);
        let candidates = [
            reader.text(cells, SheetColumn::Description),
            reader.text(cells, SheetColumn::Category),
            first.unwrap_or_default(),
        ];
        let labelled = candidates
            .iter()
            .find_map(|text| label(&columns::normalise(text)).map(|l| (l, text.clone())));
        match labelled {
            Some((RowLabel::Total, text)) if !tax_seen => {
                let mut total = Slot::Absent;
                for role in [SheetColumn::Amount, SheetColumn::UnitPrice] {
                    if matches!(total, Slot::Absent) {
                        total = reader.slot(cells, row, role, decimal::parse_fen);
                    }
                }
                match total {
                    Slot::Value(fen) => stated_total = Some((row, Fen(fen))),
                    _ => reader
                        .skipped
                        .push((row, format!("total without an amount: {text}"))),
                }
                break;
            }
            Some((RowLabel::Total | RowLabel::TotalUnchecked, text)) => {
                reader
                    .skipped
                    .push((row, format!("total after tax, not checked: {text}")));
                break;
            }
            Some((RowLabel::Subtotal, text)) => {
                reader.skipped.push((row, format!("subtotal: {text}")));
                reader.section.clear();
            }
            Some((RowLabel::Tax, text)) => {
                tax_seen = true;
                reader.skipped.push((row, format!("tax: {text}")));
            }
            None => reader.line(cells, row),
        }
    }
    let LineReader {
        lines,
        skipped,
        problems,
        sum,
        ..
    } = reader;
    if !problems.is_empty() {
        return Err(SheetError::BadRows(problems));
    }
    if lines.is_empty() {
        return Err(SheetError::Empty {
            header_row: header + 1,
        });
    }
    if let Some((row, stated)) = stated_total {
        let computed = Fen(i64::try_from(sum).unwrap_or(i64::MAX));
        if computed != stated {
            return Err(SheetError::TotalMismatch {
                row,
                stated,
                computed,
            });
        }
    }
    Ok(SheetEstimate {
        lines,
        header_row: header + 1,
        columns: found,
        stated_total,
        skipped,
        encoding,
        sheet,
    })
}

impl<'a> LineReader<'a> {
    /// The 0-based column and header text of a role, when the sheet has it.
    fn column(&self, role: SheetColumn) -> Option<(usize, &'a str)> {
        self.columns
            .iter()
            .find(|(c, _, _)| *c == role)
            .map(|(_, i, header)| (*i, header.as_str()))
    }

    /// The header to name in a message about `role`: the sheet's, else the usual Chinese name.
    fn header(&self, role: SheetColumn) -> String {
        self.column(role)
            .map_or_else(|| columns::usual_header(role), |(_, h)| h)
            .to_string()
    }

    /// A text cell of `role` in this row, trimmed; "" when absent.
    fn text(&self, cells: &[SheetCell], role: SheetColumn) -> String {
        self.column(role)
            .and_then(|(i, _)| cells.get(i))
            .map(SheetCell::text)
            .unwrap_or_default()
    }

    /// A number cell of `role` parsed by `parse`; a refusal is recorded as a problem.
    fn slot(&mut self, cells: &[SheetCell], row: usize, role: SheetColumn, parse: Parse) -> Slot {
        match self.column(role) {
            Some(column) => self.number(cells, row, column, parse),
            None => Slot::Absent,
        }
    }

    /// The number in `column` of this row parsed by `parse`; a refusal is recorded.
    fn number(
        &mut self,
        cells: &[SheetCell],
        row: usize,
        column: (usize, &str),
        parse: Parse,
    ) -> Slot {
        let (index, header) = column;
        let result = match cells.get(index) {
            None | Some(SheetCell::Empty) => return Slot::Absent,
            Some(SheetCell::Text(text)) => parse(text, Origin::Typed).map_err(Reason::from),
            Some(SheetCell::Number(text)) => parse(text, Origin::Float).map_err(Reason::from),
            Some(SheetCell::Other { kind, .. }) => Err(Reason::WrongKind(kind)),
        };
        match result {
            Ok(value) => Slot::Value(value),
            Err(reason) => {
                let text = cells.get(index).map(SheetCell::text).unwrap_or_default();
                let column = header.to_string();
                self.problems.push(RowProblem {
                    row,
                    column,
                    text,
                    reason,
                });
                Slot::Refused
            }
        }
    }

    /// Records a problem with a role's cell in this row.
    fn refuse(&mut self, cells: &[SheetCell], row: usize, role: SheetColumn, reason: Reason) {
        let text = self.text(cells, role);
        let column = self.header(role);
        self.problems.push(RowProblem {
            row,
            column,
            text,
            reason,
        });
    }

    /// Reads a row that is not a label: a section heading when it has no numbers, else a line.
    fn line(&mut self, cells: &[SheetCell], row: usize) {
        let description = self.text(cells, SheetColumn::Description);
        let category = self.text(cells, SheetColumn::Category);
        let before = self.problems.len();
        let quantity = self.slot(
            cells,
            row,
            SheetColumn::Quantity,
            decimal::parse_thousandths,
        );
        let price = self.slot(cells, row, SheetColumn::UnitPrice, decimal::parse_fen);
        let amount = self.slot(cells, row, SheetColumn::Amount, decimal::parse_fen);
        let cost = self.slot(cells, row, SheetColumn::Cost, decimal::parse_fen);
        if [&quantity, &price, &amount]
            .iter()
            .all(|s| matches!(s, Slot::Absent))
        {
            let heading = if description.is_empty() {
                category
            } else {
                description
            };
            if heading.is_empty() {
                self.skipped
                    .push((row, "no description and no amounts".to_string()));
            } else {
                self.skipped
                    .push((row, format!("section heading: {heading}")));
                self.section = heading;
            }
            return;
        }
        if !category.is_empty() {
            self.section.clone_from(&category);
        }
        let description = if description.is_empty() {
            category
        } else {
            description
        };
        if description.is_empty() {
            self.refuse(cells, row, SheetColumn::Description, Reason::Missing);
        }
        let amount = match amount {
            Slot::Value(fen) => Some(Fen(fen)),
            _ => None,
        };
        let only_amount = matches!(quantity, Slot::Absent) && amount.is_some();
        let quantity = match quantity {
            Slot::Value(q) if q <= 0 => {
                self.refuse(cells, row, SheetColumn::Quantity, Reason::NotPositive);
                None
            }
            Slot::Value(q) => Some(q),
            Slot::Absent if amount.is_some() => Some(1000),
            Slot::Absent => {
                self.refuse(cells, row, SheetColumn::Quantity, Reason::Missing);
                None
            }
            Slot::Refused => None,
        };
        let unit_price = match price {
            Slot::Value(fen) => Some(Fen(fen)),
            Slot::Absent if only_amount => amount,
            Slot::Absent => {
                self.refuse(cells, row, SheetColumn::UnitPrice, Reason::Missing);
                None
            }
            Slot::Refused => None,
        };
        let cost = match cost {
            Slot::Value(fen) => Some(Fen(fen)),
            _ => None,
        };
        let (Some(quantity), Some(unit_price)) = (quantity, unit_price) else {
            return;
        };
        let Some(computed) = unit_price.times_thousandths(quantity) else {
            self.refuse(cells, row, SheetColumn::Amount, Reason::TooLarge);
            return;
        };
        if amount.is_some_and(|stated| stated != computed) {
            self.refuse(
                cells,
                row,
                SheetColumn::Amount,
                Reason::AmountMismatch { computed },
            );
        }
        if self.problems.len() > before {
            return;
        }
        self.sum += i128::from(computed.0);
        self.lines.push(SheetLine {
            row,
            category: self.section.clone(),
            description,
            specification: self.text(cells, SheetColumn::Specification),
            unit: self.text(cells, SheetColumn::Unit),
            quantity,
            unit_price,
            amount,
            cost,
            vendor: self.text(cells, SheetColumn::Vendor),
        });
    }
}

/// A parser of one kind of number: fen or thousandths.
type Parse = fn(&str, Origin) -> Result<i64, NumberError>;
