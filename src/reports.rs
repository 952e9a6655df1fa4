//! Pure report models: domain data in, plain strings and rows out. No printpdf, no egui, no
//! clock: everything a report shows is decided here and unit-tested, so every renderer (PDF
//! today, maybe HTML or the screen later) prints the same words.

pub mod brief;
pub mod budget;
pub mod caption;
pub mod completion;
pub mod estimate;
pub mod labels;
pub mod minutes;
pub mod money;
pub mod schedule;

pub use brief::{BriefFact, BriefInputs, BriefReport, BriefSection, Label, Letterhead};
pub use caption::{Caption, DocLang};
pub use estimate::{EstimateReport, EstimateReportInputs};
