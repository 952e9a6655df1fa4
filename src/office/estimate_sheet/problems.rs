//! Why a sheet or one of its rows was refused, in English (`Display`) and in Chinese.

use super::HEADER_SEARCH_ROWS;
use super::columns::known_headers;
use super::decimal::NumberError;
use crate::domain::money::Fen;
use std::fmt;
use thiserror::Error;

/// Why one cell kept its row out of the estimate; rendered in English by `Display` and in
/// Chinese by [`Reason::chinese`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    /// Not a number.
    NotANumber,
    /// More decimals than fen (2) or thousandths of a quantity (3) hold.
    TooManyDecimals {
        /// The decimals allowed in this column.
        allowed: u32,
    },
    /// A negative amount.
    Negative,
    /// Beyond any real estimate.
    TooLarge,
    /// A quantity of zero or less.
    NotPositive,
    /// The cell is empty, or the sheet has no such column, and the line needs it.
    Missing,
    /// A date, TRUE/FALSE or error cell where a number belongs; the kind as calamine tells it.
    WrongKind(&'static str),
    /// The sheet's amount is not quantity × unit price rounded to the fen.
    AmountMismatch {
        /// Quantity × unit price, rounded half up.
        computed: Fen,
    },
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reason::NotANumber => write!(f, "is not a number"),
            Reason::TooManyDecimals { allowed: 2 } => write!(f, "has more than two decimals"),
            Reason::TooManyDecimals { .. } => write!(f, "has more than three decimals"),
            Reason::Negative => write!(f, "cannot be negative"),
            Reason::TooLarge => write!(f, "is too large"),
            Reason::NotPositive => write!(f, "must be more than zero"),
            Reason::Missing => write!(f, "is missing"),
            Reason::WrongKind(kind) => write!(f, "is a {kind} cell, not a number"),
            Reason::AmountMismatch { computed } => {
                write!(f, "differs from quantity × unit price = {computed}")
            }
        }
    }
}

impl Reason {
    /// The reason in Chinese, to follow a cell in a message.
    pub fn chinese(&self) -> String {
        match self {
            Reason::NotANumber => "不是数字".to_string(),
            Reason::TooManyDecimals { allowed: 2 } => "超过两位小数".to_string(),
            Reason::TooManyDecimals { .. } => "超过三位小数".to_string(),
            Reason::Negative => "不能为负数".to_string(),
            Reason::TooLarge => "数额过大".to_string(),
            Reason::NotPositive => "须大于零".to_string(),
            Reason::Missing => "缺失".to_string(),
            Reason::WrongKind(kind) => {
                let kind = match *kind {
                    "date" => "日期",
                    "TRUE/FALSE" => "逻辑值",
                    "error" => "错误值",
                    _ => "非数字",
                };
                format!("是{kind}单元格，不是数字")
            }
            Reason::AmountMismatch { computed } => format!("与数量×单价 = {computed} 不符"),
        }
    }
}

/// One bad cell: where it is, what it says and why it was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowProblem {
    /// The 1-based row number as Excel shows it.
    pub row: usize,
    /// The column's header text as the sheet writes it.
    pub column: String,
    /// The cell's text ("" for a missing cell).
    pub text: String,
    /// Why it was refused.
    pub reason: Reason,
}

impl fmt::Display for RowProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "row {}, {}", self.row, self.column)?;
        if !self.text.is_empty() {
            write!(f, " '{}'", self.text)?;
        }
        write!(f, " {}", self.reason)
    }
}

impl RowProblem {
    /// The problem in Chinese: `第12行「单价」“12.345”超过两位小数`.
    pub fn chinese(&self) -> String {
        let text = if self.text.is_empty() {
            String::new()
        } else {
            format!("“{}”", self.text)
        };
        format!(
            "第{}行「{}」{text}{}",
            self.row,
            self.column,
            self.reason.chinese()
        )
    }
}

/// Why a sheet was not read; each says where. `Display` is English, [`SheetError::chinese`]
/// the same in Chinese.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum SheetError {
    /// No row near the top names the columns an estimate needs.
    #[error(
        "no row among the first {HEADER_SEARCH_ROWS} names both a description column and a \
         unit price or amount column; the headers known are {}",
        known_headers()
    )]
    NoHeader,
    /// Rows that cannot be imported, every one of them.
    #[error("{} problem(s) in the sheet: {}", .0.len(), join(.0, |p| p.to_string(), "; "))]
    BadRows(Vec<RowProblem>),
    /// A header but no lines under it.
    #[error("no estimate lines below the header in row {header_row}")]
    Empty {
        /// The 1-based header row.
        header_row: usize,
    },
    /// Not a workbook, or text in no known encoding.
    #[error("the file cannot be read: {0}")]
    Unreadable(String),
    /// The sheet's 合计 row is not the sum of its lines.
    #[error("the total in row {row} is {stated} but the lines add up to {computed}")]
    TotalMismatch {
        /// The 1-based row of the total.
        row: usize,
        /// The total the sheet states.
        stated: Fen,
        /// The sum of the lines' amounts.
        computed: Fen,
    },
}

impl SheetError {
    /// The error in Chinese, for the person importing.
    pub fn chinese(&self) -> String {
        match self {
            SheetError::NoHeader => format!(
                "前{HEADER_SEARCH_ROWS}行中找不到表头：表头须有说明列，以及单价列或金额列。可识别的表头：{}",
                known_headers()
            ),
            SheetError::BadRows(problems) => format!(
                "{}处无法导入：{}",
                problems.len(),
                join(problems, RowProblem::chinese, "；")
            ),
            SheetError::Empty { header_row } => format!("第{header_row}行表头以下没有报价明细"),
            SheetError::Unreadable(why) => format!("文件无法读取：{why}"),
            SheetError::TotalMismatch {
                row,
                stated,
                computed,
            } => format!("第{row}行合计为{stated}，但各项相加为{computed}"),
        }
    }
}

/// Items rendered by `render`, separated by `separator`.
fn join<T>(items: &[T], render: impl Fn(&T) -> String, separator: &str) -> String {
    items.iter().map(render).collect::<Vec<_>>().join(separator)
}

impl From<NumberError> for Reason {
    fn from(error: NumberError) -> Reason {
        match error {
            NumberError::NotANumber => Reason::NotANumber,
            NumberError::TooManyDecimals(allowed) => Reason::TooManyDecimals { allowed },
            NumberError::Negative => Reason::Negative,
            NumberError::TooLarge => Reason::TooLarge,
        }
    }
}
