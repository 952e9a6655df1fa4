//! Report models to the files agencies pass around besides PDF: Excel workbooks and
//! calendar entries. Like [`crate::pdf`], only report models come in; nothing here reads the
//! store or writes files (the caller does).

pub mod estimate_sheet;
pub mod ics;
pub mod xlsx;
