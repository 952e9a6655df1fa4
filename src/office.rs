//! Report models to the files agencies pass around besides PDF: Excel workbooks and
//! calendar entries. Like [`crate::pdf`], only report models come in; nothing here reads the
//! store or writes files (the caller does).

pub mod budget_xlsx;
pub mod estimate_sheet;
pub mod estimate_xlsx;
pub mod ics;
pub mod sheet;
pub mod xlsx;
