//! Account Desk (客户执行台): client files, brand files, job briefs and schedules for the
//! account teams of advertising and events agencies.
//!
//! Dependencies point one way: `domain ← store ← services ← app/ui ← main`, with `reports`
//! (pure report models) beside `services` and `pdf` rendering only report models.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod app;
pub mod cli;
pub mod demo;
pub mod domain;
pub mod extract;
pub mod fonts;
pub mod memory;
pub mod office;
pub mod pdf;
pub mod reports;
pub mod safe_file;
pub mod search;
pub mod services;
pub mod store;
pub mod ui;
