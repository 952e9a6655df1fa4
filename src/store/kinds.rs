//! The kinds of record, declared once: for each, the file-format number (in
//! [`super::codec::Kind`]), where engines keep it (its table name and key shape), and its
//! names in both interface languages. Every engine, the check, backups and the counts read
//! this table; nothing else lists the kinds' tables.

use super::backend::{Key, KeyShape};
use super::codec::Kind;
use super::entities::Entity;
use super::records::Record;
use super::{Shared, StoreError};
use crate::domain::estimate::check::MoneySettings;
use crate::domain::estimate::{Estimate, EstimateVersion, Release};
use crate::domain::schedule::{IssuedSchedule, JobSchedule};
use crate::domain::template::ScheduleTemplates;
use crate::domain::{
    AgencySettings, Brand, BriefVersion, Change, Client, Contact, Contract, Job, Lang, Meeting,
    User,
};

/// Decodes one stored value, checked against its key: what `check` runs on every row.
type Verify = fn(&Shared, Key, &[u8]) -> Result<(), StoreError>;

fn entity<T: Entity>(shared: &Shared, key: Key, bytes: &[u8]) -> Result<(), StoreError> {
    shared.decode_entity::<T>(key, bytes).map(drop)
}

fn record<T: Record>(shared: &Shared, key: Key, bytes: &[u8]) -> Result<(), StoreError> {
    shared.decode::<T>(key, bytes).map(drop)
}

/// What the store knows about one kind of record.
#[derive(Clone, Copy)]
pub struct KindSpec {
    /// The kind (its number is part of the file format).
    pub kind: Kind,
    /// The engine's table for it (a redb table, later a PostgreSQL `kind` value). Part of
    /// the format: never renamed.
    pub table: &'static str,
    /// How its records are keyed.
    pub shape: KeyShape,
    /// Its name in messages, in Chinese.
    pub zh: &'static str,
    /// Its name in messages, in English.
    pub en: &'static str,
    /// Decodes a stored value and checks it against its key.
    pub(super) verify: Verify,
    /// Whether its rows carry a revision and enter the change feed. Only the change log's
    /// entries do not: they are written once and never changed, and their key is their
    /// place in the log.
    pub revisioned: bool,
}

impl std::fmt::Debug for KindSpec {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("KindSpec")
            .field("kind", &self.kind)
            .field("table", &self.table)
            .finish()
    }
}

impl KindSpec {
    /// The kind's name in `lang`.
    pub fn label(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Zh => self.zh,
            Lang::En => self.en,
        }
    }
}

const fn spec(
    kind: Kind,
    table: &'static str,
    shape: KeyShape,
    zh: &'static str,
    en: &'static str,
    verify: Verify,
) -> KindSpec {
    KindSpec {
        kind,
        table,
        shape,
        zh,
        en,
        verify,
        revisioned: true,
    }
}

/// Every kind, in file-format order.
pub const KINDS: [KindSpec; 24] = [
    spec(
        Kind::Settings,
        "meta",
        KeyShape::Single("settings"),
        "公司设置",
        "agency settings",
        record::<AgencySettings>,
    ),
    spec(
        Kind::User,
        "users",
        KeyShape::Id,
        "用户",
        "user",
        entity::<User>,
    ),
    spec(
        Kind::Client,
        "clients",
        KeyShape::Id,
        "客户",
        "client",
        entity::<Client>,
    ),
    spec(
        Kind::Contact,
        "contacts",
        KeyShape::Id,
        "联络人",
        "contact",
        entity::<Contact>,
    ),
    spec(
        Kind::Contract,
        "contracts",
        KeyShape::Id,
        "合约",
        "contract",
        entity::<Contract>,
    ),
    spec(
        Kind::Brand,
        "brands",
        KeyShape::Id,
        "品牌",
        "brand",
        entity::<Brand>,
    ),
    spec(
        Kind::Job,
        "jobs",
        KeyShape::Id,
        "工作",
        "job",
        entity::<Job>,
    ),
    spec(
        Kind::BriefVersion,
        "brief_versions",
        KeyShape::Pair,
        "工作简报版本",
        "brief version",
        entity::<BriefVersion>,
    ),
    KindSpec {
        revisioned: false,
        ..spec(
            Kind::Change,
            "changes",
            KeyShape::Id,
            "变更记录",
            "change",
            record::<Change>,
        )
    },
    spec(
        Kind::Schedule,
        "schedules",
        KeyShape::Id,
        "工作进度表",
        "schedule",
        entity::<JobSchedule>,
    ),
    spec(
        Kind::IssuedSchedule,
        "schedule_issues",
        KeyShape::Pair,
        "已发出的进度表",
        "issued schedule",
        entity::<IssuedSchedule>,
    ),
    spec(
        Kind::Meeting,
        "meetings",
        KeyShape::Id,
        "会议",
        "meeting",
        entity::<Meeting>,
    ),
    spec(
        Kind::Templates,
        "meta",
        KeyShape::Single("schedule_templates"),
        "进度表模板",
        "schedule templates",
        record::<ScheduleTemplates>,
    ),
    spec(
        Kind::Estimate,
        "estimates",
        KeyShape::Id,
        "报价单",
        "estimate",
        entity::<Estimate>,
    ),
    spec(
        Kind::EstimateVersion,
        "estimate_versions",
        KeyShape::Pair,
        "报价单版本",
        "estimate version",
        entity::<EstimateVersion>,
    ),
    spec(
        Kind::MoneySettings,
        "meta",
        KeyShape::Single("money_settings"),
        "报价与税率设置",
        "money settings",
        record::<MoneySettings>,
    ),
    spec(
        Kind::Release,
        "releases",
        KeyShape::Pair,
        "制作放行记录",
        "production release",
        entity::<Release>,
    ),
    spec(
        Kind::Budget,
        "budgets",
        KeyShape::Id,
        "年度预算",
        "budget",
        entity::<crate::domain::budget::ClientBudget>,
    ),
    spec(
        Kind::Invoice,
        "invoices",
        KeyShape::Id,
        "发票",
        "invoice",
        entity::<crate::domain::invoice::Invoice>,
    ),
    spec(
        Kind::VendorCost,
        "vendor_costs",
        KeyShape::Id,
        "供应商成本",
        "vendor cost",
        entity::<crate::domain::invoice::VendorCost>,
    ),
    spec(
        Kind::BudgetReport,
        "budget_reports",
        KeyShape::Id,
        "每月预算报告",
        "budget report",
        entity::<crate::domain::budget::road::MonthlyReport>,
    ),
    spec(
        Kind::Document,
        "documents",
        KeyShape::Id,
        "文件",
        "document",
        entity::<crate::domain::Document>,
    ),
    spec(
        Kind::LibraryItem,
        "library_items",
        KeyShape::Id,
        "图书室物品",
        "library item",
        entity::<crate::domain::LibraryItem>,
    ),
    spec(
        Kind::CreativeWork,
        "creative_works",
        KeyShape::Id,
        "广告作品",
        "creative work",
        entity::<crate::domain::CreativeWork>,
    ),
];

impl Kind {
    /// The kind's declaration.
    pub fn spec(self) -> &'static KindSpec {
        // KINDS is in file-format order from 1 with no gaps (tested below).
        &KINDS[self as usize - 1]
    }

    /// The engine's table name, for messages.
    pub fn table(self) -> &'static str {
        self.spec().table
    }

    /// Whether engines index this kind's rows by job ([`super::backend::ReadTxn::job_rows`]):
    /// the kinds read a job at a time out of many.
    pub fn by_job(self) -> bool {
        matches!(
            self,
            Kind::Estimate | Kind::Invoice | Kind::VendorCost | Kind::Document
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_is_declared_once_in_format_order() {
        assert_eq!(KINDS.len(), Kind::ALL.len());
        for (i, k) in Kind::ALL.into_iter().enumerate() {
            assert_eq!(KINDS[i].kind, k, "KINDS[{i}]");
            assert_eq!(k.spec().kind, k);
            assert_eq!(k as usize, i + 1);
        }
        let mut names: Vec<_> = KINDS
            .iter()
            .map(|s| match s.shape {
                KeyShape::Single(n) => n,
                _ => s.table,
            })
            .collect();
        names.sort();
        names.dedup();
        assert_eq!(names.len(), KINDS.len(), "two kinds share a place");
    }
}
