//! Table definitions: the physical layout of the redb file. Names are part of the format.

use redb::TableDefinition;

/// Schema version, id counter, settings.
pub const META: TableDefinition<&str, &[u8]> = TableDefinition::new("meta");
/// Users by id.
pub const USERS: TableDefinition<u64, &[u8]> = TableDefinition::new("users");
/// Clients by id.
pub const CLIENTS: TableDefinition<u64, &[u8]> = TableDefinition::new("clients");
/// Contacts by id.
pub const CONTACTS: TableDefinition<u64, &[u8]> = TableDefinition::new("contacts");
/// Contracts by id.
pub const CONTRACTS: TableDefinition<u64, &[u8]> = TableDefinition::new("contracts");
/// Brands by id.
pub const BRANDS: TableDefinition<u64, &[u8]> = TableDefinition::new("brands");
/// Jobs by id.
pub const JOBS: TableDefinition<u64, &[u8]> = TableDefinition::new("jobs");
/// Brief versions by (job id, version).
pub const BRIEFS: TableDefinition<(u64, u32), &[u8]> = TableDefinition::new("brief_versions");
/// A job's working schedule, by job id.
pub const SCHEDULES: TableDefinition<u64, &[u8]> = TableDefinition::new("schedules");
/// Issued schedule versions by (job id, version).
pub const SCHEDULE_ISSUES: TableDefinition<(u64, u32), &[u8]> =
    TableDefinition::new("schedule_issues");
/// Meetings and calls with their minutes, by id.
pub const MEETINGS: TableDefinition<u64, &[u8]> = TableDefinition::new("meetings");
/// Estimates by id.
pub const ESTIMATES: TableDefinition<u64, &[u8]> = TableDefinition::new("estimates");
/// Estimate versions by (estimate id, version).
pub const ESTIMATE_VERSIONS: TableDefinition<(u64, u32), &[u8]> =
    TableDefinition::new("estimate_versions");
/// Jobs let into production past the gate, by (job id, number).
pub const RELEASES: TableDefinition<(u64, u32), &[u8]> = TableDefinition::new("releases");
/// The rows of the kinds indexed by job ([`super::codec::Kind::by_job`]), by (job id, kind
/// code, id, version). Kept by every write of those kinds; schema 8 built it.
pub const BY_JOB: TableDefinition<(u64, u8, u64, u32), ()> = TableDefinition::new("rows_by_job");
/// Clients' annual budgets by id.
pub const BUDGETS: TableDefinition<u64, &[u8]> = TableDefinition::new("budgets");
/// Client invoices and credit notes by id.
pub const INVOICES: TableDefinition<u64, &[u8]> = TableDefinition::new("invoices");
/// Vendors' costs by id.
pub const VENDOR_COSTS: TableDefinition<u64, &[u8]> = TableDefinition::new("vendor_costs");
/// Clients' monthly budget reports by id.
pub const BUDGET_REPORTS: TableDefinition<u64, &[u8]> = TableDefinition::new("budget_reports");
/// Documents of job files and archives by id.
pub const DOCUMENTS: TableDefinition<u64, &[u8]> = TableDefinition::new("documents");
/// The library's physical items, with their loans, by id.
pub const LIBRARY_ITEMS: TableDefinition<u64, &[u8]> = TableDefinition::new("library_items");
/// The creative works of clients' ad archives by id.
pub const CREATIVE_WORKS: TableDefinition<u64, &[u8]> = TableDefinition::new("creative_works");
/// Last job-number sequence issued, by year.
pub const JOB_SEQ: TableDefinition<i32, u32> = TableDefinition::new("job_seq");
/// Change log by sequence.
pub const CHANGES: TableDefinition<u64, &[u8]> = TableDefinition::new("changes");

/// The change feed: what each sequence number wrote (kind, key, removed).
pub const FEED: TableDefinition<u64, &[u8]> = TableDefinition::new("feed");

/// Meta key: schema version (u32 little-endian).
pub const KEY_SCHEMA: &str = "schema_version";
/// Meta key: last id handed out (u64 little-endian).
pub const KEY_LAST_ID: &str = "last_id";
/// Meta key: the last sequence number (revision) handed out (u64 little-endian), as schema 5
/// kept it; since schema 6 it is the feed's newest key, and this is only read.
pub const KEY_LAST_SEQ: &str = "last_seq";
/// Meta key: agency settings (a record envelope).
pub const KEY_SETTINGS: &str = "settings";

/// The id-keyed record tables, with names for messages.
pub const ID_TABLES: [(&str, TableDefinition<u64, &[u8]>); 16] = [
    ("users", USERS),
    ("clients", CLIENTS),
    ("contacts", CONTACTS),
    ("contracts", CONTRACTS),
    ("brands", BRANDS),
    ("jobs", JOBS),
    ("meetings", MEETINGS),
    ("estimates", ESTIMATES),
    ("budgets", BUDGETS),
    ("invoices", INVOICES),
    ("vendor_costs", VENDOR_COSTS),
    ("budget_reports", BUDGET_REPORTS),
    ("documents", DOCUMENTS),
    ("library_items", LIBRARY_ITEMS),
    ("creative_works", CREATIVE_WORKS),
    ("changes", CHANGES),
];
