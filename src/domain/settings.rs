//! Agency-wide settings kept in the database: what the letterhead says and how job numbers
//! look.

use super::job::JobNumberFormat;
use serde::{Deserialize, Serialize};

/// Settings that belong to the agency (not to one person's window).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgencySettings {
    /// The agency's Chinese name, printed on every document.
    pub agency_name: String,
    /// The agency's English name.
    pub agency_name_en: String,
    /// Postal address for the letterhead.
    pub address: String,
    /// Phone for the letterhead.
    pub phone: String,
    /// Format of new job numbers.
    pub job_number_format: JobNumberFormat,
}

impl Default for AgencySettings {
    fn default() -> Self {
        AgencySettings {
            agency_name: "星河广告有限公司".into(),
            agency_name_en: "Galaxy Advertising Co., Ltd.".into(),
            address: "上海市静安区南京西路 1266 号 恒隆广场 38 楼".into(),
            phone: "+86 21 6288 0000".into(),
            job_number_format: JobNumberFormat::default(),
        }
    }
}
