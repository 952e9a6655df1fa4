//! Typed record identifiers, so a client id can never be passed where a job id is expected.

use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default)]
        pub struct $name(pub u64);

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}", self.0)
            }
        }
    };
}

id_type!(
    /// Identifies a client (客户) for the life of the database.
    ClientId
);
id_type!(
    /// Identifies a client contact (联络人).
    ContactId
);
id_type!(
    /// Identifies a contract (合约).
    ContractId
);
id_type!(
    /// Identifies a brand (品牌).
    BrandId
);
id_type!(
    /// Identifies a job (工作); people use the job number instead.
    JobId
);
id_type!(
    /// Identifies a user of the agency.
    UserId
);
id_type!(
    /// Identifies an estimate (报价单) with all its versions.
    EstimateId
);
id_type!(
    /// Identifies a meeting or call with a client (会议/通话) and its minutes.
    MeetingId
);
id_type!(
    /// Identifies a client invoice or credit note (发票 / 红字发票).
    InvoiceId
);
id_type!(
    /// Identifies a vendor's cost recorded against an estimate line.
    VendorCostId
);
id_type!(
    /// Identifies a client's annual budget (年度预算) with its revisions.
    BudgetId
);
id_type!(
    /// Identifies a client's monthly budget report (每月预算报告) with its revisions.
    BudgetReportId
);
id_type!(
    /// Identifies a document of a client's job file or archive, with its versions.
    DocumentId
);
id_type!(
    /// Identifies a physical item on the library's shelves (图书室), with its loans.
    LibraryItemId
);
id_type!(
    /// Identifies a creative work (广告作品) of a client's ad archive.
    CreativeWorkId
);
