//! Pure types and rules of the agency: no egui, no redb, no files, no clock (today is always
//! a parameter). Everything here is unit-tested next to the code.

pub mod brand;
pub mod brief;
pub mod budget;
pub mod calendar;
pub mod change;
pub mod client;
pub mod creative;
pub mod document;
pub mod estimate;
pub mod file_ref;
pub mod format;
pub mod ids;
pub mod invoice;
pub mod job;
pub mod lang;
pub mod library;
pub mod meeting;
pub mod money;
pub mod portfolio;
pub mod schedule;
pub mod settings;
pub mod stamp;
pub mod template;
pub mod text;
pub mod user;

pub use brand::Brand;
pub use brief::{BriefContent, BriefField, BriefVersion};
pub use change::{Action, Change, Subject};
pub use client::{Client, Contact, Contract, ContractStatus, InvoicingDetails};
pub use creative::CreativeWork;
pub use document::Document;
pub use estimate::{Estimate, EstimateVersion};
pub use file_ref::{FileHash, FileRef};
pub use ids::{
    BrandId, BudgetId, BudgetReportId, ClientId, ContactId, ContractId, CreativeWorkId, DocumentId,
    EstimateId, InvoiceId, JobId, LibraryItemId, MeetingId, UserId, VendorCostId,
};
pub use job::{Job, JobNumber, JobNumberFormat, JobStatus, Team};
pub use lang::Lang;
pub use library::LibraryItem;
pub use meeting::{Meeting, MeetingSummary};
pub use money::Fen;
pub use settings::AgencySettings;
pub use stamp::{Audit, Stamp};
pub use user::{Role, User};
