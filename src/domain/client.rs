//! The client file (客户档案): the client, its contacts (联络人) and contracts (合约).

use super::ids::{ClientId, ContactId, ContractId};
use super::money::Fen;
use super::stamp::Audit;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A client of the agency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Client {
    /// Stable identity.
    pub id: ClientId,
    /// Full name as on contracts, e.g. 可口可乐（中国）饮料有限公司.
    pub name: String,
    /// The name used day to day, e.g. 可口可乐; may be empty.
    pub short_name: String,
    /// Industry (行业), e.g. 饮料.
    pub industry: String,
    /// Postal address.
    pub address: String,
    /// Switchboard or main phone.
    pub phone: String,
    /// When the agency began serving this client, if known.
    pub since: Option<NaiveDate>,
    /// Free notes about the account.
    pub notes: String,
    /// Former clients stay on file but leave the default lists.
    pub archived: bool,
    /// What the agency's fapiao to this client must say (开票信息).
    pub invoicing: InvoicingDetails,
    /// Who created and last changed the record.
    pub audit: Audit,
}

/// A client's invoicing details (开票信息), as its finance department gives them: what every
/// fapiao to it must carry.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct InvoicingDetails {
    /// The name on the fapiao (开票名称), usually the full company name.
    pub company: String,
    /// 纳税人识别号: the unified social credit code (18 characters) or an older taxpayer id.
    pub tax_id: String,
    /// The registered address.
    pub address: String,
    /// The registered phone.
    pub phone: String,
    /// 开户行: the bank and branch.
    pub bank: String,
    /// 账号: the bank account.
    pub account: String,
}

impl InvoicingDetails {
    /// Nothing given yet.
    pub fn is_empty(&self) -> bool {
        *self == InvoicingDetails::default()
    }

    /// Whether `id` looks like a taxpayer id: the 18-character unified social credit code, or
    /// an older 15- or 20-character id, of digits and capital letters.
    pub fn tax_id_fits(id: &str) -> bool {
        matches!(id.len(), 15 | 18 | 20)
            && id
                .bytes()
                .all(|b| b.is_ascii_digit() || b.is_ascii_uppercase())
    }
}

impl Client {
    /// The name to show in lists: the short name if there is one.
    pub fn display_name(&self) -> &str {
        if self.short_name.is_empty() {
            &self.name
        } else {
            &self.short_name
        }
    }
}

/// A person at the client (联络人).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact {
    /// Stable identity.
    pub id: ContactId,
    /// The client this person works for.
    pub client_id: ClientId,
    /// Full name.
    pub name: String,
    /// Job title, e.g. 品牌经理.
    pub title: String,
    /// Phone or mobile.
    pub phone: String,
    /// Email address.
    pub email: String,
    /// WeChat ID (微信).
    pub wechat: String,
    /// Notes: preferences, assistant, best time to call.
    pub notes: String,
    /// Who created and last changed the record.
    pub audit: Audit,
}

/// Where a contract stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ContractStatus {
    /// Being negotiated (草拟).
    Draft,
    /// Signed and running (执行中).
    Active,
    /// Past its end date (已到期).
    Expired,
    /// Ended early (已终止).
    Terminated,
}

impl ContractStatus {
    /// All statuses, in the order offered.
    pub const ALL: [ContractStatus; 4] = [
        ContractStatus::Draft,
        ContractStatus::Active,
        ContractStatus::Expired,
        ContractStatus::Terminated,
    ];
}

/// A contract with the client (合约).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contract {
    /// Stable identity.
    pub id: ContractId,
    /// The client who signed it.
    pub client_id: ClientId,
    /// The contract number as printed on it.
    pub number: String,
    /// What it covers (范围), e.g. 2026年度创意代理.
    pub scope: String,
    /// First day in force.
    pub start: NaiveDate,
    /// Last day in force.
    pub end: NaiveDate,
    /// Total value in fen.
    pub value: Fen,
    /// Where it stands.
    pub status: ContractStatus,
    /// Who created and last changed the record.
    pub audit: Audit,
}

/// Why contract dates were refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the contract ends before it starts")]
pub struct EndsBeforeStart;

/// A contract period is valid when it does not end before it starts (one-day contracts exist).
pub fn check_period(start: NaiveDate, end: NaiveDate) -> Result<(), EndsBeforeStart> {
    if end < start {
        Err(EndsBeforeStart)
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contract_period_may_be_one_day_but_not_reversed() {
        let d = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap_or_default();
        assert_eq!(check_period(d(1, 1), d(12, 31)), Ok(()));
        assert_eq!(check_period(d(3, 3), d(3, 3)), Ok(()));
        assert_eq!(check_period(d(3, 3), d(3, 2)), Err(EndsBeforeStart));
    }
}
