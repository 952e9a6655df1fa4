//! Bytes to a grid of cells, row 0 being the file's row 1: text decoded (UTF-8, GB18030,
//! UTF-16) and split as CSV, or an xlsx sheet's cells with their kinds kept.

use calamine::{Data, Range, Reader, Xlsx};
use std::io::Cursor;

/// One cell, with as much of its kind as the file tells.
#[derive(Debug, Clone, PartialEq)]
pub enum SheetCell {
    /// Nothing, or only spaces.
    Empty,
    /// Text as typed (every CSV cell, and xlsx text cells).
    Text(String),
    /// An xlsx number, as the shortest decimal text of its float (`0.30000000000000004`).
    Number(String),
    /// An xlsx cell that is neither text nor number: a date, TRUE/FALSE, an error like #DIV/0!.
    Other {
        /// What Excel would show, roughly (a date shows as its serial number).
        text: String,
        /// What kind of cell it is, for the message: "date", "TRUE/FALSE", "error".
        kind: &'static str,
    },
}

impl SheetCell {
    /// Text or a space-only string from a file, as a cell.
    fn text_cell(text: &str) -> SheetCell {
        if text.trim().is_empty() {
            SheetCell::Empty
        } else {
            SheetCell::Text(text.to_string())
        }
    }

    /// The cell as text, trimmed: what a text column (description, unit…) takes from it.
    pub fn text(&self) -> String {
        match self {
            SheetCell::Empty => String::new(),
            SheetCell::Text(text) | SheetCell::Number(text) | SheetCell::Other { text, .. } => {
                text.trim().to_string()
            }
        }
    }

    /// Whether the cell holds nothing.
    pub fn is_empty(&self) -> bool {
        matches!(self, SheetCell::Empty)
    }
}

/// The rows of a sheet; row `i` is the file's row `i + 1`.
pub type SheetRows = Vec<Vec<SheetCell>>;

/// The start of every zip file, so a workbook handed over as text gets a clear message.
const ZIP_MAGIC: &[u8] = b"PK\x03\x04";

/// Text bytes as a string and the name of their encoding: a UTF-8 or UTF-16 BOM decides;
/// without one, valid UTF-8 is UTF-8 and anything else is taken as GB18030 (Chinese Excel's
/// "CSV" export).
pub fn decode(bytes: &[u8]) -> Result<(String, &'static str), String> {
    use encoding_rs::{Encoding, GB18030, UTF_16BE, UTF_16LE};
    if bytes.starts_with(ZIP_MAGIC) {
        return Err("the file is a workbook (zip), not text: read it as .xlsx".to_string());
    }
    let strict = |encoding: &'static Encoding, body: &[u8], name: &'static str| {
        encoding
            .decode_without_bom_handling_and_without_replacement(body)
            .map(|text| (text.into_owned(), name))
            .ok_or_else(|| format!("the text is not valid {name}"))
    };
    if let Some(body) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return strict(encoding_rs::UTF_8, body, "UTF-8");
    }
    if let Some(body) = bytes.strip_prefix(b"\xFF\xFE") {
        return strict(UTF_16LE, body, "UTF-16LE");
    }
    if let Some(body) = bytes.strip_prefix(b"\xFE\xFF") {
        return strict(UTF_16BE, body, "UTF-16BE");
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok((text.to_string(), "UTF-8"));
    }
    strict(GB18030, bytes, "GB18030").map_err(|_| "the text is neither UTF-8 nor GB18030".into())
}

/// Splits text into rows of cells after RFC 4180: fields in double quotes may hold the
/// delimiter, line breaks and doubled quotes; rows end in LF, CRLF or CR. Every line break
/// outside quotes ends a row, blank lines included, so row numbers match Excel's. Stray quotes
/// inside an unquoted field are kept as text, as Excel does.
pub fn split_delimited(text: &str, delimiter: char) -> SheetRows {
    let mut rows: SheetRows = Vec::new();
    let mut row: Vec<SheetCell> = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            if c != '"' {
                field.push(c);
            } else if chars.peek() == Some(&'"') {
                field.push('"');
                chars.next();
            } else {
                quoted = false;
            }
        } else if c == '"' && field.is_empty() {
            quoted = true;
        } else if c == delimiter {
            row.push(SheetCell::text_cell(&std::mem::take(&mut field)));
        } else if c == '\n' || c == '\r' {
            if c == '\r' && chars.peek() == Some(&'\n') {
                chars.next();
            }
            row.push(SheetCell::text_cell(&std::mem::take(&mut field)));
            rows.push(std::mem::take(&mut row));
        } else {
            field.push(c);
        }
    }
    if !field.is_empty() || !row.is_empty() || quoted {
        row.push(SheetCell::text_cell(&field));
        rows.push(row);
    }
    rows
}

/// A workbook's sheet: its name and its rows, or why they could not be read.
pub type WorkbookSheet = (String, Result<SheetRows, String>);

/// Every sheet of a workbook in order.
pub fn xlsx_sheets(bytes: &[u8]) -> Result<Vec<WorkbookSheet>, String> {
    let mut book: Xlsx<_> =
        Xlsx::new(Cursor::new(bytes)).map_err(|e| format!("not an .xlsx workbook: {e}"))?;
    let names = book.sheet_names();
    Ok(names
        .into_iter()
        .map(|name| {
            let rows = book
                .worksheet_range(&name)
                .map(|range| range_rows(&range))
                .map_err(|e| format!("sheet '{name}' cannot be read: {e}"));
            (name, rows)
        })
        .collect())
}

/// A sheet's used range placed at its real position: the rows and columns above and left of
/// it are there, empty, so indexes are Excel's.
fn range_rows(range: &Range<Data>) -> SheetRows {
    let Some((first_row, first_col)) = range.start() else {
        return Vec::new();
    };
    let mut rows: SheetRows = (0..first_row).map(|_| Vec::new()).collect();
    for row in range.rows() {
        let mut cells: Vec<SheetCell> = (0..first_col).map(|_| SheetCell::Empty).collect();
        cells.extend(row.iter().map(data_cell));
        rows.push(cells);
    }
    rows
}

/// One calamine cell as ours; floats become their shortest round-trip decimal text.
fn data_cell(data: &Data) -> SheetCell {
    let other = |text: String, kind| SheetCell::Other { text, kind };
    match data {
        Data::Empty => SheetCell::Empty,
        Data::String(text) => SheetCell::text_cell(text),
        Data::Float(value) => SheetCell::Number(format!("{value}")),
        Data::Int(value) => SheetCell::Number(value.to_string()),
        Data::Bool(value) => other(value.to_string().to_uppercase(), "TRUE/FALSE"),
        Data::DateTime(value) => other(value.to_string(), "date"),
        Data::DateTimeIso(text) => other(text.clone(), "date"),
        Data::DurationIso(text) => other(text.clone(), "duration"),
        Data::Error(error) => other(error.to_string(), "error"),
    }
}
