//! The change log: every change to the agency's records says who made it, when, and what.

use super::stamp::Stamp;
use serde::{Deserialize, Serialize};

/// The kind of record a change touched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Subject {
    /// A client.
    Client,
    /// A contact.
    Contact,
    /// A contract.
    Contract,
    /// A brand.
    Brand,
    /// A job.
    Job,
    /// A job brief.
    Brief,
    /// A user.
    User,
    /// The agency settings.
    Settings,
    /// A job's schedule (工作进度表).
    Schedule,
    /// A meeting or call and its minutes (会议记录).
    Meeting,
    /// An estimate (报价单) and its versions.
    Estimate,
    /// A document of a job file or archive (文件) and its versions.
    Document,
    /// A physical item on the library's shelves (图书室) and its loans.
    LibraryItem,
    /// A creative work of a client's ad archive (广告作品).
    CreativeWork,
}

/// What happened to the record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Action {
    /// It was created.
    Created,
    /// It was edited.
    Updated,
    /// It was deleted (only records nothing refers to; normally by undo).
    Deleted,
}

/// One entry of the change log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    /// Who and when.
    pub stamp: Stamp,
    /// The kind of record.
    pub subject: Subject,
    /// The record's id.
    pub id: u64,
    /// What happened.
    pub action: Action,
    /// A short description, e.g. the record's name or the brief sections changed.
    pub summary: String,
}
