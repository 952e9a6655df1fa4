//! Databases written by released schemas must open in every later build. Each fixture in
//! `tests/fixtures/` is frozen once committed: it is copied to a temp folder before opening
//! (opening writes to a redb file), checked, and its content compared with what was written.
//! See `tests/fixtures/README.md` for how fixtures are made.

use account_desk::demo::sample::load_sample;
use account_desk::domain::{
    Brand, Client, Contact, Contract, ContractStatus, Fen, Job, JobStatus, Role, User,
};
use account_desk::store::{Kind, SCHEMA_VERSION, Store, StoreError};
use chrono::{TimeZone, Utc};
use std::path::{Path, PathBuf};

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests")
        .join("fixtures")
}

/// Opens a private copy of a committed fixture.
fn open_copy(name: &str) -> (tempfile::TempDir, Store) {
    let tmp = tempfile::tempdir().expect("temp dir");
    let copy = tmp.path().join("旧版 数据").join(name);
    std::fs::create_dir_all(copy.parent().expect("parent")).expect("folder");
    std::fs::copy(fixtures_dir().join(name), &copy).expect("copy fixture");
    let store = Store::open(&copy).expect("a released schema must open");
    (tmp, store)
}

#[test]
fn schema_v1_opens_checks_clean_and_keeps_its_content() {
    let committed = std::fs::read(fixtures_dir().join("schema-v1.redb")).expect("fixture");
    let (_tmp, store) = open_copy("schema-v1.redb");

    let report = store.check().expect("check");
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    assert_eq!(report.schema_version, SCHEMA_VERSION);
    assert_eq!(report.count(Kind::User), 5);
    assert_eq!(report.count(Kind::Client), 4);
    assert_eq!(report.count(Kind::Job), 13);
    assert_eq!(report.count(Kind::BriefVersion), 22);
    // Schema 2 added schedules: a schema-1 file gains the (empty) tables.
    assert_eq!(report.count(Kind::Schedule), 0);
    assert_eq!(report.count(Kind::IssuedSchedule), 0);

    let clients: Vec<Client> = store.all().expect("clients");
    let coke = clients
        .iter()
        .find(|c| c.name == "可口可乐（中国）饮料有限公司")
        .expect("the beverage client");
    assert_eq!(coke.short_name, "可口可乐");
    assert_eq!(coke.since.map(|d| d.to_string()), Some("2019-03-01".into()));

    let contacts: Vec<Contact> = store.all().expect("contacts");
    let zhao = contacts.iter().find(|c| c.name == "赵敏").expect("contact");
    assert_eq!(zhao.client_id, coke.id);
    assert_eq!(zhao.wechat, "zhaomin_ko");

    let contracts: Vec<Contract> = store.all().expect("contracts");
    let annual = contracts
        .iter()
        .find(|c| c.number == "XH-KO-2026-01")
        .expect("contract");
    assert_eq!(annual.value, Fen(560_000_000));
    assert_eq!(annual.status, ContractStatus::Active);

    let brands: Vec<Brand> = store.all().expect("brands");
    let sprite = brands.iter().find(|b| b.name == "雪碧").expect("brand");
    assert_eq!(sprite.competitors, vec!["七喜", "美年达", "元气森林"]);

    let users: Vec<User> = store.all().expect("users");
    assert!(
        users
            .iter()
            .any(|u| u.name == "刘洋" && u.role == Role::DirectorsOffice)
    );

    let posm = store
        .job_by_number("2026-0001")
        .expect("read")
        .expect("job 2026-0001");
    assert_eq!(posm.title, "2026 春节终端陈列物料（POSM）");
    assert_eq!(posm.status, JobStatus::Completed);
    assert_eq!(posm.client_id, coke.id);

    let summer = store
        .job_by_number("2025-0001")
        .expect("read")
        .expect("job 2025-0001");
    let versions = store.brief_versions(summer.id).expect("versions");
    assert_eq!(versions.len(), 3);
    assert_eq!(
        versions[2].content.key_message,
        "夏天的爽，要和朋友一起开。"
    );
    assert_eq!(versions[2].content.budget, Some(Fen(200_000_000)));

    let jobs: Vec<Job> = store.all().expect("jobs");
    assert!(jobs.iter().any(|j| j.status == JobStatus::Requested));
    assert!(
        !store
            .read()
            .expect("read")
            .changes()
            .expect("log")
            .is_empty()
    );

    // Opening the copy left the committed file as it was.
    assert_eq!(
        std::fs::read(fixtures_dir().join("schema-v1.redb")).expect("fixture"),
        committed
    );
}

#[test]
fn schema_v2_opens_with_its_schedules_and_settings_gain_agency_days() {
    use account_desk::domain::AgencySettings;
    use account_desk::domain::settings::AgencyDay;
    use account_desk::services::{Base, Command, Ctx, apply};
    let committed = std::fs::read(fixtures_dir().join("schema-v2.redb")).expect("fixture");
    let (tmp, store) = open_copy("schema-v2.redb");
    let report = store.check().expect("check");
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    assert_eq!(report.count(Kind::Job), 13);
    assert_eq!(report.count(Kind::Schedule), 13);
    assert_eq!(report.count(Kind::IssuedSchedule), 14);
    // Schema 3 added meetings: the schema-2 file gains the (empty) table.
    assert_eq!(report.schema_version, SCHEMA_VERSION);
    assert_eq!(report.count(Kind::Meeting), 0);

    // The dealer test drive was re-planned and issued twice; both versions read back.
    let drive = store
        .job_by_number("2026-0002")
        .expect("read")
        .expect("the test-drive job");
    let issued = store.issued_schedules(drive.id).expect("issued");
    assert_eq!(
        issued.iter().map(|i| i.version).collect::<Vec<_>>(),
        vec![1, 2]
    );
    let production = |v: usize| {
        issued[v]
            .schedule
            .tasks
            .iter()
            .find(|t| t.name == "制作")
            .map(|t| t.start)
            .expect("production")
    };
    assert!(production(1) > production(0), "v2 moved production later");
    let plan = store.schedule(drive.id).expect("read").expect("plan");
    assert_eq!(plan.schedule.tasks.len(), 10);
    assert!(plan.schedule.tasks.iter().any(|t| !t.client_visible));

    // Settings were written in layout 1: no agency days. Saving writes layout 2, which
    // reads back after a reopen.
    let settings: AgencySettings = store.read().expect("read").settings().expect("settings");
    assert_eq!(settings.agency_name, "星河广告有限公司");
    assert!(settings.days.is_empty());
    let party = AgencyDay {
        date: chrono::NaiveDate::from_ymd_opt(2026, 12, 24).expect("date"),
        working: false,
        name: "公司年会".into(),
    };
    let ctx = Ctx {
        actor: account_desk::domain::UserId(1),
        now: Utc::now(),
        today: Utc::now().date_naive(),
    };
    let changed = AgencySettings {
        days: vec![party.clone()],
        ..settings
    };
    apply(
        &store,
        &ctx,
        Command::SaveSettings(changed, Base::Overwrite),
    )
    .expect("save settings");
    let path = tmp.path().join("旧版 数据").join("schema-v2.redb");
    drop(store);
    let store = Store::open(&path).expect("reopen");
    let settings = store.read().expect("read").settings().expect("settings");
    assert_eq!(settings.days, vec![party]);
    assert!(
        !settings
            .calendar()
            .is_working(chrono::NaiveDate::from_ymd_opt(2026, 12, 24).expect("date"))
    );

    assert_eq!(
        std::fs::read(fixtures_dir().join("schema-v2.redb")).expect("fixture"),
        committed
    );
}

#[test]
fn schema_v3_opens_with_its_meetings_and_minutes_in_every_state() {
    use account_desk::domain::Meeting;
    use account_desk::domain::meeting::MinutesState;
    let committed = std::fs::read(fixtures_dir().join("schema-v3.redb")).expect("fixture");
    let (_tmp, store) = open_copy("schema-v3.redb");
    let report = store.check().expect("check");
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    assert_eq!(report.schema_version, SCHEMA_VERSION);
    assert_eq!(report.count(Kind::Meeting), 8);
    let meetings: Vec<Meeting> = store.all().expect("meetings");
    let state = |title: &str| {
        meetings
            .iter()
            .find(|m| m.title == title)
            .map(Meeting::state)
    };
    assert_eq!(
        state("iX3 2027 年度传播策略提案"),
        Some(MinutesState::Draft)
    );
    assert_eq!(
        state("特仑苏中秋礼盒项目复盘"),
        Some(MinutesState::Notified)
    );
    assert_eq!(state("3系试驾会场地考察"), Some(MinutesState::Sent));
    assert_eq!(state("双十一直播间活动复盘"), Some(MinutesState::Disputed));
    assert_eq!(state("春节 POSM 打样确认"), Some(MinutesState::Confirmed));
    // Disputed, revised and confirmed: both versions as the client received them.
    let revised = meetings
        .iter()
        .find(|m| m.title == "纯甄新年限定口味传播提案")
        .expect("the revised minutes");
    assert_eq!(revised.sent.len(), 2);
    assert_eq!(revised.state(), MinutesState::Confirmed);
    assert_eq!(
        revised.sent[1].minutes.points[1].text,
        "数字媒介预算 300 万元（客户更正）。"
    );
    // Meeting layout 1 kept the text of a version only: it prints the meeting as it is.
    assert!(revised.sent.iter().all(|s| s.facts.is_none()));
    assert_eq!(revised.as_sent(&revised.sent[0]).place, revised.place);
    // Internal notes are kept for the agency, and were never part of what was sent.
    let su7 = meetings
        .iter()
        .find(|m| m.title == "SU7 车主盛典场地与流程确认")
        .expect("the overdue minutes");
    assert_eq!(
        su7.minutes.internal_note,
        "客户对预算很敏感，报价分两档提交。"
    );
    assert_eq!(su7.minutes.points.len(), 3);
    assert_eq!(su7.minutes.actions.len(), 3);
    assert!(
        meetings
            .iter()
            .flat_map(|m| &m.sent)
            .all(|s| s.minutes.internal_note.is_empty())
    );
    assert_eq!(
        std::fs::read(fixtures_dir().join("schema-v3.redb")).expect("fixture"),
        committed
    );
}

/// Writes the fixture of the current schema, `tests/fixtures/schema-v{SCHEMA_VERSION}.redb`,
/// from the sample agency at a fixed moment. Run it once when a schema version is released:
/// `cargo test --test fixtures -- --ignored`. It refuses to replace an existing fixture.
#[test]
#[ignore = "writes a new fixture; run by hand when a schema version is released"]
fn write_fixture_of_the_current_schema() {
    let dest = fixtures_dir().join(format!("schema-v{SCHEMA_VERSION}.redb"));
    assert!(
        !dest.exists(),
        "{} exists: fixtures are frozen once committed",
        dest.display()
    );
    let tmp = tempfile::tempdir().expect("temp dir");
    let store = Store::open(&tmp.path().join("sample.redb")).expect("open");
    let now = Utc
        .with_ymd_and_hms(2026, 11, 26, 2, 0, 0)
        .single()
        .expect("moment");
    load_sample(&store, now, now.date_naive()).expect("sample");
    // A backup is a compact, consistent copy.
    store.backup_to(&dest).expect("write fixture");
}

/// Schema 4 gave every record a checksum. Opening the schema-3 file of the previous release
/// first copies it, as it was, into `backups/`, then reseals every record: the content reads
/// back the same, damage inside a record is now caught, and the copy restores the old file.
#[test]
fn schema_v3_is_copied_before_its_records_are_sealed() {
    use account_desk::domain::{Client, Job, Meeting};
    use account_desk::store::backup;
    let committed = std::fs::read(fixtures_dir().join("schema-v3.redb")).expect("fixture");
    let (tmp, store) = open_copy("schema-v3.redb");
    let db = store.path().to_path_buf();
    let report = store.check().expect("check");
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    assert_eq!(report.schema_version, SCHEMA_VERSION);
    let clients: Vec<Client> = store.all().expect("clients");
    let jobs: Vec<Job> = store.all().expect("jobs");
    let meetings: Vec<Meeting> = store.all().expect("meetings");
    assert_eq!((clients.len(), jobs.len(), meetings.len()), (4, 13, 8));
    drop(store);

    // The copy taken before migrating is the release-3 file (as redb's check on opening left
    // it): schema 3, the same records, and no checksums yet.
    let copies = backup::automatic_backups(&backup::backup_dir(&db), "schema-v3").expect("list");
    assert_eq!(copies.len(), 1, "{copies:?}");
    assert!(copies[0].to_string_lossy().ends_with("-pre-migration.redb"));
    {
        let old = Store::open_checked(&copies[0]).expect("the copy opens as it is");
        let report = old.check().expect("check");
        assert_eq!((report.schema_version, report.problems.len()), (3, 0));
        assert_eq!(old.all::<Client>().expect("clients").len(), 4);
    }
    assert_eq!(
        std::fs::read(fixtures_dir().join("schema-v3.redb")).expect("fixture"),
        committed,
        "the committed fixture is untouched"
    );
    // It is not what the window offers after damage (it is tagged, not a daily backup).
    assert_eq!(backup::newest_backup(&db).expect("list"), None);

    // Every record now carries its checksum: one flipped bit inside a client's name (in
    // every copy of it in the file, live or freed) is refused, where schema 3 would have
    // read the changed name.
    let mut bytes = std::fs::read(&db).expect("read");
    let name = "可口可乐".as_bytes();
    let places: Vec<usize> = (0..bytes.len() - name.len())
        .filter(|&i| &bytes[i..i + name.len()] == name)
        .collect();
    assert!(!places.is_empty(), "a client name in the file");
    for at in places {
        bytes[at + 2] ^= 1;
    }
    std::fs::write(&db, &bytes).expect("damage");
    let damaged = Store::open(&db).and_then(|s| s.all::<Client>().map(|c| c.len()));
    assert!(damaged.is_err(), "{damaged:?}");

    // And the pre-migration copy restores the release-3 file, which opens again.
    let restored = backup::restore(&db, &copies[0], true, chrono::Local::now().naive_local())
        .expect("restore the pre-migration copy");
    assert!(restored.previous_saved_to.is_some());
    let store = Store::open(&db).expect("open the restored file");
    assert_eq!(store.all::<Client>().expect("clients").len(), 4);
    drop(tmp);
}

/// Schema 5 gave every row a revision and the database a change feed. The schema-4 file of
/// the previous release opens (copied into `backups/` first), checks clean, reads back the
/// same, and its rows read as revision 0 — "before revisions were kept" — until written.
#[test]
fn schema_v4_opens_with_rows_at_revision_zero_until_written() {
    use account_desk::domain::Meeting;
    use account_desk::domain::schedule::IssuedSchedule;
    use account_desk::store::Key;
    let committed = std::fs::read(fixtures_dir().join("schema-v4.redb")).expect("fixture");
    let (_tmp, store) = open_copy("schema-v4.redb");
    let report = store.check().expect("check");
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    assert_eq!(report.schema_version, SCHEMA_VERSION);
    assert_eq!(report.count(Kind::Client), 4);
    assert_eq!(report.count(Kind::Job), 13);
    assert_eq!(report.count(Kind::Meeting), 8);
    assert_eq!(report.count(Kind::IssuedSchedule), 14);
    let meetings: Vec<Meeting> = store.all().expect("meetings");
    assert!(
        meetings
            .iter()
            .any(|m| m.title == "纯甄新年限定口味传播提案")
    );
    let jobs: Vec<Job> = store.all().expect("jobs");
    let issued: Vec<IssuedSchedule> = jobs
        .iter()
        .flat_map(|j| store.issued_schedules(j.id).expect("issued"))
        .collect();
    assert_eq!(issued.len(), 14);

    let view = store.read().expect("read");
    let client: Client = store.all().expect("clients").remove(0);
    let rev = view
        .revision::<Client>(Key::id(client.id.0))
        .expect("revision")
        .expect("the client");
    assert_eq!((rev.rev.0, rev.by, rev.at), (0, None, None));
    assert_eq!(view.last_seq().expect("seq"), 0);
    drop(view);

    // The first write gets revision 1 and shows in the change feed.
    let renamed = Client {
        notes: "迁移后第一次修改".into(),
        ..client.clone()
    };
    let rev = store.write(|tx| {
        tx.get::<Client>(client.id.0)?;
        tx.put(&renamed)
    });
    assert_eq!(rev.expect("write").0, 1);
    let view = store.read().expect("read");
    let feed = view
        .changed_since(0, 10)
        .expect("feed")
        .expect("the feed reaches back");
    assert_eq!(feed.len(), 1);
    assert_eq!((feed[0].kind, feed[0].key.id), (Kind::Client, client.id.0));
    assert!(store.check().expect("check").passed());
    assert_eq!(
        std::fs::read(fixtures_dir().join("schema-v4.redb")).expect("fixture"),
        committed
    );
}

/// Schema 5 as written by the release that introduced it: every row carries its revision,
/// who wrote it and when, the change feed reaches back to the first write, and the meetings
/// are in layout 3 (a signed copy names a stored file or an outside path).
#[test]
fn schema_v5_opens_with_its_revisions_and_feed() {
    use account_desk::domain::Meeting;
    use account_desk::store::Key;
    let committed = std::fs::read(fixtures_dir().join("schema-v5.redb")).expect("fixture");
    let (_tmp, store) = open_copy("schema-v5.redb");
    let report = store.check().expect("check");
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    assert_eq!(report.schema_version, SCHEMA_VERSION);
    assert_eq!(report.count(Kind::Client), 4);
    assert_eq!(report.count(Kind::Job), 13);
    assert_eq!(report.count(Kind::Meeting), 8);
    assert_eq!(report.count(Kind::IssuedSchedule), 14);
    let meetings: Vec<Meeting> = store.all().expect("meetings");
    assert_eq!(meetings.iter().filter(|m| !m.sent.is_empty()).count(), 5);

    let view = store.read().expect("read");
    let last = view.last_seq().expect("seq");
    assert!(last > 100, "{last}");
    let feed = view
        .changed_since(0, 10)
        .expect("feed")
        .expect("the feed of a new file reaches back to its first write");
    assert_eq!(feed.first().map(|e| e.seq), Some(1));
    let client: Client = store.all().expect("clients").remove(0);
    let rev = view
        .revision::<Client>(Key::id(client.id.0))
        .expect("revision")
        .expect("the client");
    assert!(rev.rev.0 > 0 && rev.at.is_some(), "{rev:?}");
    // Every job, and every version kept under a job, kept its revision and writer when
    // schema 6 moved them into the rows; no two rows share a revision.
    let mut revs = Vec::new();
    let jobs: Vec<Job> = store.all().expect("jobs");
    for job in &jobs {
        let r = view
            .revision::<Job>(Key::id(job.id.0))
            .expect("revision")
            .expect("the job");
        assert!(r.rev.0 > 0 && r.by.is_some() && r.at.is_some(), "{r:?}");
        revs.push(r.rev);
        for issued in store.issued_schedules(job.id).expect("issued") {
            let r = view
                .revision_at(Kind::IssuedSchedule, Key::pair(job.id.0, issued.version))
                .expect("revision")
                .expect("the issued version");
            assert!(r.rev.0 > 0 && r.at.is_some(), "{r:?}");
            revs.push(r.rev);
        }
    }
    let all = revs.len();
    revs.sort();
    revs.dedup();
    assert_eq!((revs.len(), all), (13 + 14, 13 + 14));
    drop(view);

    // A write over the revision read succeeds; over an older one it is refused.
    let edited = Client {
        notes: "第五版数据库的第一次修改".into(),
        ..client.clone()
    };
    let next = store
        .write(|tx| {
            tx.get::<Client>(client.id.0)?;
            tx.put(&edited)
        })
        .expect("write");
    assert_eq!(next.0, last + 1);
    let stale = store.write(|tx| tx.put_over(&client, Some(rev.rev)));
    assert!(
        matches!(stale, Err(StoreError::Conflict { .. })),
        "{stale:?}"
    );
    assert!(store.check().expect("check").passed());
    assert_eq!(
        std::fs::read(fixtures_dir().join("schema-v5.redb")).expect("fixture"),
        committed
    );
}

/// Schema 6 (the sample agency before estimates): opens in schema 7 with no estimates, its
/// jobs in production kept as they were (the gate applies to moves made from now on), and
/// takes a first estimate through the road.
#[test]
fn schema_v6_opens_without_estimates_and_takes_one() {
    use account_desk::domain::estimate::{Decision, EstimateKind, EstimateStatus};
    use account_desk::domain::{Estimate, JobStatus, Role, User};
    use account_desk::services::{Command, Ctx, VersionDraft, apply};
    let committed = std::fs::read(fixtures_dir().join("schema-v6.redb")).expect("fixture");
    let (_tmp, store) = open_copy("schema-v6.redb");
    let report = store.check().expect("check");
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    assert_eq!(report.schema_version, SCHEMA_VERSION);
    assert_eq!(report.count(Kind::Client), 4);
    assert_eq!(report.count(Kind::Job), 13);
    assert_eq!(report.count(Kind::Estimate), 0);
    let jobs: Vec<Job> = store.all().expect("jobs");
    assert!(jobs.iter().any(|j| j.status == JobStatus::InProduction));
    let users: Vec<User> = store.all().expect("users");
    let ae = users
        .iter()
        .find(|u| u.role == Role::AccountExecutive)
        .expect("an AE");
    let now = chrono::Utc::now();
    let ctx = Ctx {
        actor: ae.id,
        now,
        today: now.date_naive(),
    };
    let lines = account_desk::demo::sample::sample_lines("2027 春节 TVC", 100);
    let draft = VersionDraft::with_lines("2027 春节 TVC", lines);
    let job = &jobs[jobs.len() - 1];
    let applied = apply(
        &store,
        &ctx,
        Command::CreateEstimate(job.id, EstimateKind::Production, Box::new(draft)),
    )
    .expect("estimate");
    apply(
        &store,
        &ctx,
        Command::DecideEstimate(
            account_desk::domain::EstimateId(applied.id),
            Decision::Submit,
        ),
    )
    .expect("submit");
    let e: Estimate = store.get(applied.id).expect("read").expect("estimate");
    assert_eq!(e.number, format!("{}-E1", job.number.text));
    let v = store
        .read()
        .expect("read")
        .estimate_versions(e.id)
        .expect("versions");
    assert_eq!(
        e.status(v[0].valid_until, ctx.today),
        EstimateStatus::Submitted
    );
    assert!(store.check().expect("check").passed());
    assert_eq!(
        std::fs::read(fixtures_dir().join("schema-v6.redb")).expect("fixture"),
        committed
    );
}

/// Schema 8 indexed estimates by job. The schema-7 file of the previous release, with the
/// sample's estimates in every state, gains the index: each job's screen finds its estimates
/// without reading all of them, and the check compares the index with the rows.
#[test]
fn schema_v7_opens_and_finds_each_jobs_estimates() {
    use account_desk::domain::Estimate;
    let committed = std::fs::read(fixtures_dir().join("schema-v7.redb")).expect("fixture");
    let (_tmp, store) = open_copy("schema-v7.redb");
    let report = store.check().expect("check");
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    assert_eq!(report.schema_version, SCHEMA_VERSION);
    assert_eq!(report.count(Kind::Estimate), 14);
    let view = store.read().expect("read");
    let all: Vec<Estimate> = view.estimates(None).expect("estimates");
    assert_eq!(all.len(), 14);
    let jobs: Vec<Job> = store.all().expect("jobs");
    let mut found = 0;
    for job in &jobs {
        let of_job = view.estimates(Some(job.id)).expect("the job's estimates");
        let numbers: Vec<&str> = of_job.iter().map(|e| e.number.as_str()).collect();
        let expected: Vec<&str> = all
            .iter()
            .filter(|e| e.job_id == job.id)
            .map(|e| e.number.as_str())
            .collect();
        assert_eq!(numbers, expected, "job {}", job.number.text);
        found += of_job.len();
    }
    assert_eq!(found, 14);
    assert_eq!(
        std::fs::read(fixtures_dir().join("schema-v7.redb")).expect("fixture"),
        committed
    );
}

/// Schema 9 added invoices and vendors' costs. The schema-8 file of the previous release,
/// with the sample's budgets and signed estimates, opens with its budgets as they were and
/// takes an invoice against a signed estimate, found by its job.
#[test]
fn schema_v8_opens_keeps_its_budgets_and_takes_an_invoice() {
    use account_desk::domain::Estimate;
    use account_desk::domain::budget::{BudgetSide, ClientBudget};
    use account_desk::domain::invoice::{Invoice, InvoiceKind};
    use account_desk::services::invoices::InvoiceDraft;
    use account_desk::services::{Command, Ctx, apply};
    let committed = std::fs::read(fixtures_dir().join("schema-v8.redb")).expect("fixture");
    let (_tmp, store) = open_copy("schema-v8.redb");
    let report = store.check().expect("check");
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    assert_eq!(report.schema_version, SCHEMA_VERSION);
    assert_eq!(report.count(Kind::Estimate), 14);
    assert_eq!(report.count(Kind::Budget), 4);
    assert_eq!(report.count(Kind::Invoice), 0);
    let budgets: Vec<ClientBudget> = store.all().expect("budgets");
    let day = |s: &str| s.parse::<chrono::NaiveDate>().expect("date");
    let cut = budgets
        .iter()
        .find(|b| b.revisions.len() == 2)
        .expect("the budget cut in July");
    assert_eq!(
        cut.amount(BudgetSide::Production, day("2026-06-30")),
        Fen(150_000_000)
    );
    assert_eq!(
        cut.amount(BudgetSide::Production, day("2026-07-01")),
        Fen(120_000_000)
    );
    let signed: Estimate = store
        .read()
        .expect("read")
        .estimates(None)
        .expect("estimates")
        .into_iter()
        .find(|e| e.signed().is_some())
        .expect("a signed estimate");
    let now = Utc::now();
    let ctx = Ctx {
        actor: signed.audit.created.by,
        now,
        today: now.date_naive(),
    };
    let draft = InvoiceDraft {
        number: "26112600000000000001".into(),
        gross: "100.00".into(),
        ..InvoiceDraft::new(signed.id, InvoiceKind::Production)
    };
    apply(&store, &ctx, Command::RecordInvoice(Box::new(draft))).expect("invoice");
    let of_job: Vec<Invoice> = store
        .read()
        .expect("read")
        .job_rows(signed.job_id)
        .expect("the job's invoices");
    assert_eq!(of_job.len(), 1);
    assert_eq!(of_job[0].gross(), Fen(10_000));
    assert!(store.check().expect("check").passed());
    assert_eq!(
        std::fs::read(fixtures_dir().join("schema-v8.redb")).expect("fixture"),
        committed
    );
}

/// The schema-9 file of the release that added invoices, vendors' costs and monthly budget
/// reports: it opens with the sample's invoices, costs and reports as written — 蒙牛's
/// October report issued and frozen with its figures and hash, November waiting for the
/// AM — and the client's year counts its invoices as executed.
#[test]
fn schema_v9_opens_with_its_invoices_and_issued_report() {
    use account_desk::domain::budget::TaxBasis;
    use account_desk::domain::budget::road::{MonthlyReport, ReportStatus};
    use account_desk::domain::invoice::Invoice;
    let committed = std::fs::read(fixtures_dir().join("schema-v9.redb")).expect("fixture");
    let (_tmp, store) = open_copy("schema-v9.redb");
    let report = store.check().expect("check");
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    assert_eq!(report.schema_version, SCHEMA_VERSION);
    assert_eq!(report.count(Kind::Invoice), 10);
    assert_eq!(report.count(Kind::VendorCost), 9);
    assert_eq!(report.count(Kind::BudgetReport), 2);
    let clients: Vec<Client> = store.all().expect("clients");
    let mengniu = clients
        .iter()
        .find(|c| c.display_name() == "蒙牛")
        .expect("蒙牛");
    let reports: Vec<MonthlyReport> = store.all().expect("reports");
    let october = reports
        .iter()
        .find(|r| r.client_id == mengniu.id && r.month == 10)
        .expect("October");
    assert_eq!(october.status(), ReportStatus::Issued);
    let issued = october.issued.last().expect("frozen");
    assert_eq!(issued.hash.len(), 64);
    assert!(issued.production.executed > 0);
    let november = reports
        .iter()
        .find(|r| r.client_id == mengniu.id && r.month == 11)
        .expect("November");
    assert_eq!(november.status(), ReportStatus::Submitted);
    let invoices: Vec<Invoice> = store.all().expect("invoices");
    assert!(
        invoices.iter().any(|i| i.received().0 > 0),
        "some were paid"
    );
    let day = "2026-11-26".parse::<chrono::NaiveDate>().expect("date");
    let view = store.read().expect("read");
    let year = account_desk::services::budgets::client_year(&view, mengniu.id, day, TaxBasis::Net)
        .expect("the year");
    assert!(year.figures.total().executed > 0);
    drop(view);
    assert_eq!(
        std::fs::read(fixtures_dir().join("schema-v9.redb")).expect("fixture"),
        committed
    );
}

/// Schema 10 brought the job files: documents filed with jobs, clients and the reference
/// files, each with its versions. The file of that release opens with every document as it
/// was filed (the files themselves stayed beside the sample's temporary database, so only
/// the records are compared).
#[test]
fn schema_v10_opens_with_its_documents() {
    use account_desk::domain::Document;
    use account_desk::domain::document::{DocumentKind, DocumentStatus};
    let committed = std::fs::read(fixtures_dir().join("schema-v10.redb")).expect("fixture");
    let (_tmp, store) = open_copy("schema-v10.redb");
    let report = store.check().expect("check");
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    assert_eq!(report.schema_version, SCHEMA_VERSION);
    assert_eq!(report.count(Kind::Document), 45);
    let docs: Vec<Document> = store.all().expect("documents");
    let reference: Vec<&Document> = docs.iter().filter(|d| d.client_id.0 == 0).collect();
    assert_eq!(reference.len(), 2);
    assert!(reference.iter().all(|d| d.kind == DocumentKind::Reference));
    assert!(reference.iter().any(|d| d.topic == "媒体价目表"));
    let signed = docs
        .iter()
        .filter(|d| d.kind == DocumentKind::ProductionEstimate)
        .all(|d| d.status() == DocumentStatus::Signed && d.job_id.is_some());
    assert!(signed);
    assert!(
        docs.iter()
            .all(|d| d.versions.len() == 1 && d.trashed.is_none())
    );
    // Schema 11 adds the library's (empty) shelves; its first item is number 1.
    assert_eq!(report.count(Kind::LibraryItem), 0);
    assert_eq!(report.count(Kind::CreativeWork), 0);
    assert_eq!(
        std::fs::read(fixtures_dir().join("schema-v10.redb")).expect("fixture"),
        committed
    );
}

/// Schema 11: the sample's ad archive (four works, one of them running on music that lapses
/// soon) and library shelves (eight items: the TVC's tapes holding their work, one lent and
/// back worn, one out and overdue, one out and due), as the release that brought them
/// wrote them. The next item registered gets number 9.
#[test]
fn schema_v11_opens_with_its_archive_and_shelves() {
    use account_desk::domain::creative::Medium;
    use account_desk::domain::library::ItemCondition;
    use account_desk::domain::{CreativeWork, LibraryItem};
    use account_desk::services::library::ItemDraft;
    use account_desk::services::{Command, Ctx, apply};
    let committed = std::fs::read(fixtures_dir().join("schema-v11.redb")).expect("fixture");
    let (_tmp, store) = open_copy("schema-v11.redb");
    let report = store.check().expect("check");
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    assert_eq!(report.schema_version, SCHEMA_VERSION);
    assert_eq!(report.count(Kind::CreativeWork), 4);
    assert_eq!(report.count(Kind::LibraryItem), 8);
    let works: Vec<CreativeWork> = store.all().expect("works");
    let tvc = works
        .iter()
        .find(|w| w.title == "2019 春节 TVC《团圆》")
        .expect("the TVC");
    assert_eq!(tvc.medium, Medium::Tv);
    assert_eq!(tvc.approval_number, "京广审（视）第2019010012号");
    assert_eq!(tvc.rights.len(), 1);
    assert!(tvc.brand_id.is_some());
    let items: Vec<LibraryItem> = store.all().expect("items");
    let mut serials: Vec<u32> = items.iter().map(|i| i.serial).collect();
    serials.sort_unstable();
    assert_eq!(serials, (1..=8).collect::<Vec<_>>());
    let tape = items.iter().find(|i| i.serial == 1).expect("the 60\" tape");
    assert_eq!(tape.works, vec![tvc.id]);
    assert_eq!(tape.condition, ItemCondition::Worn);
    assert_eq!(tape.loans.len(), 1);
    assert!(tape.out_on().is_none());
    let out: Vec<&LibraryItem> = items.iter().filter(|i| i.out_on().is_some()).collect();
    assert_eq!(out.len(), 2);
    // The sequence of archive numbers came along: the next is 9.
    let now = Utc::now();
    let ctx = Ctx {
        actor: tape.audit.created.by,
        now,
        today: now.date_naive(),
    };
    let added = apply(
        &store,
        &ctx,
        Command::AddLibraryItem(Box::new(ItemDraft::new(tape.client_id, "新磁带"))),
    )
    .expect("a new item");
    let new: LibraryItem = store.get(added.id).expect("read").expect("item");
    assert_eq!(new.serial, 9);
    assert_eq!(
        std::fs::read(fixtures_dir().join("schema-v11.redb")).expect("fixture"),
        committed
    );
}
