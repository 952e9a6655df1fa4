//! Store tests on temporary files.

use super::*;
use crate::domain::*;
use chrono::{NaiveDate, TimeZone, Utc};

mod backups;
mod damage;
mod engines;
#[cfg(unix)]
mod faults;
mod migration;
#[cfg(unix)]
mod processes;
#[cfg(unix)]
pub(crate) use super::test_cluster as pg_cluster;
#[cfg(unix)]
mod team;
#[cfg(unix)]
mod team_files;
#[cfg(unix)]
mod team_money;
#[cfg(unix)]
mod team_reports;
#[cfg(unix)]
mod team_texts;
#[cfg(unix)]
mod walls;

use super::tables::*;
use redb::TableDefinition;

/// The redb transaction under a write, for tests that plant damage in the file.
fn raw(tx: &mut WriteTx) -> &redb::WriteTransaction {
    &tx.txn
        .as_any_mut()
        .downcast_mut::<redb_engine::RedbWrite>()
        .expect("a redb store")
        .tx
}

pub(super) fn stamp() -> Stamp {
    Stamp {
        by: UserId(1),
        at: Utc
            .with_ymd_and_hms(2026, 11, 26, 8, 0, 0)
            .single()
            .unwrap_or_default(),
    }
}

pub(super) fn day(m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, m, d).unwrap_or_default()
}

pub(super) fn temp_db() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("客户 资料").join("desk.redb");
    (dir, path)
}

/// One record of every kind, written in one transaction.
pub(crate) fn fill(store: &Store) -> Result<JobId, StoreError> {
    store.write(|tx| {
        let audit = Audit::new(stamp());
        let id = tx.next_id()?;
        tx.put(&User {
            id: UserId(id),
            name: "王小明".into(),
            role: Role::AccountExecutive,
            active: true,
        })?;
        let client = Client {
            id: ClientId(tx.next_id()?),
            name: "可口可乐（中国）饮料有限公司 𠮷".into(),
            short_name: "可口可乐".into(),
            industry: "饮料".into(),
            address: "上海".into(),
            phone: "021-1234".into(),
            since: Some(day(1, 5)),
            notes: "😀 emoji ok".into(),
            archived: false,
            invoicing: Default::default(),
            audit,
        };
        tx.put(&client)?;
        let id = tx.next_id()?;
        tx.put(&Contact {
            id: ContactId(id),
            client_id: client.id,
            name: "李华".into(),
            title: "品牌经理".into(),
            phone: "138".into(),
            email: "li@example.cn".into(),
            wechat: "lihua".into(),
            notes: String::new(),
            audit,
        })?;
        let id = tx.next_id()?;
        tx.put(&Contract {
            id: ContractId(id),
            client_id: client.id,
            number: "HT-2026-01".into(),
            scope: "年度创意代理".into(),
            start: day(1, 1),
            end: day(12, 31),
            value: Fen(123_456_789),
            status: ContractStatus::Active,
            audit,
        })?;
        let brand = Brand {
            id: BrandId(tx.next_id()?),
            client_id: client.id,
            name: "雪碧".into(),
            facts: "柠檬味汽水".into(),
            key_points: "透心凉".into(),
            positioning: "年轻".into(),
            competitors: vec!["七喜".into()],
            audit,
        };
        tx.put(&brand)?;
        let number = tx.issue_job_number(&JobNumberFormat::default(), 2026)?;
        let job = Job {
            id: JobId(tx.next_id()?),
            number,
            title: "春节 TVC".into(),
            client_id: client.id,
            brand_id: Some(brand.id),
            team: Team {
                ae: Some(UserId(1)),
                am: None,
                ad: None,
            },
            status: JobStatus::Briefed,
            requested_on: day(11, 1),
            due_on: Some(day(12, 20)),
            audit,
        };
        tx.put(&job)?;
        let content = BriefContent {
            background: "背景\n第二段".into(),
            budget: Some(Fen(50_000_000)),
            ..Default::default()
        };
        if let Some(v) = brief::next_version(job.id, None, content, stamp()) {
            tx.append_brief(&v)?;
        }
        let mut task = schedule::Task::new(
            schedule::TaskId(1),
            "客户确认创意",
            day(11, 10),
            day(11, 12),
            schedule::Party::Client,
        );
        task.internal_note = "内部：客户常拖延".into();
        task.progress = 40;
        task.actual_start = Some(day(11, 11));
        let mut shoot = schedule::Task::new(
            schedule::TaskId(2),
            "拍摄",
            day(11, 13),
            day(11, 13),
            schedule::Party::Vendor,
        );
        shoot.milestone = true;
        shoot.after = vec![schedule::TaskId(1)];
        shoot.status = schedule::TaskStatus::OnHold;
        let plan = schedule::Schedule {
            tasks: vec![task, shoot],
        };
        tx.put_schedule(&schedule::JobSchedule {
            job_id: job.id,
            schedule: plan.clone(),
            audit,
        })?;
        tx.issue_schedule(&schedule::IssuedSchedule {
            job_id: job.id,
            version: 1,
            issued_on: day(11, 9),
            stamp: stamp(),
            schedule: plan,
        })?;
        tx.log(&Change {
            stamp: stamp(),
            subject: Subject::Job,
            id: job.id.0,
            action: Action::Created,
            summary: job.title.clone(),
        })?;
        Ok(job.id)
    })
}

#[test]
fn every_record_kind_round_trips() -> Result<(), StoreError> {
    let (_dir, path) = temp_db();
    let job_id = {
        let store = Store::open(&path)?;
        fill(&store)?
    };
    let store = Store::open(&path)?;
    let clients = store.all::<Client>()?;
    assert_eq!(clients.len(), 1);
    assert_eq!(clients[0].name, "可口可乐（中国）饮料有限公司 𠮷");
    assert_eq!(clients[0].since, Some(day(1, 5)));
    assert_eq!(store.all::<Contact>()?[0].wechat, "lihua");
    assert_eq!(store.all::<Contract>()?[0].value, Fen(123_456_789));
    assert_eq!(
        store.all::<Brand>()?[0].competitors,
        vec!["七喜".to_string()]
    );
    let job = store.get::<Job>(job_id.0)?;
    assert_eq!(
        job.as_ref().map(|j| j.number.text.as_str()),
        Some("2026-0001")
    );
    assert_eq!(job.as_ref().map(|j| j.audit.created), Some(stamp()));
    assert_eq!(
        store.job_by_number(" 2026-0001 ")?.map(|j| j.id),
        Some(job_id)
    );
    let brief = store.latest_brief(job_id)?;
    assert_eq!(
        brief.as_ref().map(|b| b.content.background.as_str()),
        Some("背景\n第二段")
    );
    assert_eq!(store.all::<User>()?[0].role, Role::AccountExecutive);
    assert_eq!(store.read()?.changes()?.len(), 1);
    let report = store.check()?;
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    assert_eq!(report.count(Kind::Job), 1);
    assert_eq!(report.count(Kind::BriefVersion), 1);
    assert_eq!(report.count(Kind::Schedule), 1);
    assert_eq!(report.count(Kind::IssuedSchedule), 1);
    assert_eq!(report.schema_version, SCHEMA_VERSION);
    let plan = store.schedule(job_id)?.expect("the schedule");
    assert_eq!(plan.schedule.tasks.len(), 2);
    let first = &plan.schedule.tasks[0];
    assert_eq!(first.internal_note, "内部：客户常拖延");
    assert_eq!(
        (first.progress, first.actual_start),
        (40, Some(day(11, 11)))
    );
    assert!(first.client_action);
    let shoot = &plan.schedule.tasks[1];
    assert!(shoot.milestone);
    assert_eq!(shoot.after, vec![schedule::TaskId(1)]);
    assert_eq!(shoot.status, schedule::TaskStatus::OnHold);
    let issued = store.issued_schedules(job_id)?;
    assert_eq!(issued.len(), 1);
    assert_eq!(issued[0].schedule, plan.schedule);
    assert!(store.schedule(JobId(999))?.is_none());
    Ok(())
}

#[test]
fn second_open_is_refused_as_already_open() -> Result<(), StoreError> {
    let (_dir, path) = temp_db();
    let _first = Store::open(&path)?;
    match Store::open(&path) {
        Err(StoreError::AlreadyOpen { path: p }) => assert_eq!(p, path),
        other => panic!("expected AlreadyOpen, got {other:?}"),
    }
    Ok(())
}

#[test]
fn files_that_are_not_databases_get_a_clear_error() {
    let (dir, _) = temp_db();
    for (name, bytes) in [
        ("text.redb", b"hello, this is a text file".to_vec()),
        ("empty.redb", Vec::new()),
        ("zeros.redb", vec![0u8; 8192]),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, &bytes).expect("write");
        match Store::open(&path) {
            Err(e @ (StoreError::NotADatabase { .. } | StoreError::Corrupted { .. })) => {
                assert!(e.to_string().contains(name), "{e}");
            }
            other => panic!("{name}: expected a clear error, got {other:?}"),
        }
    }
    match Store::open(dir.path()) {
        Err(StoreError::NotADatabase { .. }) => {}
        other => panic!("a folder: {other:?}"),
    }
}

#[test]
fn a_database_from_a_newer_build_is_refused() -> Result<(), StoreError> {
    let (_dir, path) = temp_db();
    {
        std::fs::create_dir_all(path.parent().unwrap_or(&path))
            .map_err(|e| StoreError::io(&path, e))?;
        let db = redb::Database::create(&path)?;
        let tx = db.begin_write()?;
        {
            let mut meta = tx.open_table(META)?;
            meta.insert(KEY_SCHEMA, (SCHEMA_VERSION + 1).to_le_bytes().as_slice())?;
        }
        tx.commit()?;
    }
    match Store::open(&path) {
        Err(StoreError::TooNew {
            found, supported, ..
        }) => {
            assert_eq!((found, supported), (SCHEMA_VERSION + 1, SCHEMA_VERSION));
        }
        other => panic!("expected TooNew, got {other:?}"),
    }
    Ok(())
}

#[test]
fn a_foreign_redb_file_is_not_taken_over() -> Result<(), StoreError> {
    let (_dir, path) = temp_db();
    {
        std::fs::create_dir_all(path.parent().unwrap_or(&path))
            .map_err(|e| StoreError::io(&path, e))?;
        let db = redb::Database::create(&path)?;
        let tx = db.begin_write()?;
        {
            let def: TableDefinition<u64, u64> = TableDefinition::new("other_app");
            tx.open_table(def)?.insert(1, 2)?;
        }
        tx.commit()?;
    }
    assert!(matches!(
        Store::open(&path),
        Err(StoreError::NotADatabase { .. })
    ));
    Ok(())
}

#[test]
fn the_lock_file_keeps_out_every_other_opener() -> Result<(), StoreError> {
    let (dir, path) = temp_db();
    let backup_file = dir.path().join("copy.redb");
    {
        let store = Store::open(&path)?;
        fill(&store)?;
        store.backup_to(&backup_file)?;
        // Open: restore refuses, and so does loading a data set.
        assert!(matches!(
            backup::restore(&path, &backup_file, true, Utc::now().naive_utc()),
            Err(StoreError::AlreadyOpen { .. })
        ));
        assert!(matches!(
            Store::open_for_loading(&path),
            Err(StoreError::AlreadyOpen { .. })
        ));
    }
    // Whoever holds the lock (a restore between its check and its rename) keeps out an
    // opener, even though redb's own lock on the file is free.
    let held = lock::DbLock::acquire(&path)?;
    assert!(matches!(
        Store::open(&path),
        Err(StoreError::AlreadyOpen { .. })
    ));
    assert!(matches!(
        Store::open_checked(&path),
        Err(StoreError::AlreadyOpen { .. })
    ));
    drop(held);
    assert_eq!(Store::open(&path)?.all::<Client>()?.len(), 1);
    Ok(())
}

#[test]
fn a_new_database_appears_whole_and_leaves_no_temporary_file() -> Result<(), StoreError> {
    let (dir, path) = temp_db();
    // A temporary left by a killed run is cleared by the next opener, who holds the lock.
    std::fs::create_dir_all(path.parent().unwrap_or(dir.path()))
        .map_err(|e| StoreError::io(&path, e))?;
    let stale = path.with_file_name(".desk.redb.new-partial-99999");
    std::fs::write(&stale, b"half").map_err(|e| StoreError::io(&stale, e))?;
    drop(Store::open(&path)?);
    assert!(!stale.exists(), "the stale temporary is gone");
    let mut names: Vec<String> = std::fs::read_dir(path.parent().unwrap_or(dir.path()))
        .map_err(|e| StoreError::io(&path, e))?
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["desk.redb", "desk.redb.clean", "desk.redb.lock"]);
    let store = Store::open(&path)?;
    assert_eq!(store.check()?.schema_version, SCHEMA_VERSION);
    assert!(store.is_blank()?);
    Ok(())
}

#[test]
fn loading_writes_a_temporary_file_and_renames_it_when_done() -> Result<(), StoreError> {
    let (_dir, path) = temp_db();
    // Abandoned halfway (a killed `gen`): nothing is left where the database goes.
    {
        let loading = Store::open_for_loading(&path)?;
        fill(loading.store()?)?;
        assert!(!path.exists(), "nothing at the target while loading");
    }
    assert!(!path.exists());
    // A blank database is replaced by the loaded one; finishing renames it into place.
    drop(Store::open(&path)?);
    let loading = Store::open_for_loading(&path)?;
    fill(loading.store()?)?;
    loading.finish()?;
    assert_eq!(Store::open(&path)?.all::<Client>()?.len(), 1);
    // A database with records is opened as it is, for the loader to refuse.
    let loading = Store::open_for_loading(&path)?;
    assert!(!loading.store()?.is_blank()?);
    loading.finish()?;
    assert_eq!(Store::open(&path)?.all::<Client>()?.len(), 1);
    Ok(())
}

#[test]
fn check_leaves_the_clean_close_seal_valid_after_a_clean_pass() -> Result<(), StoreError> {
    let (_dir, path) = temp_db();
    {
        let store = Store::open(&path)?;
        fill(&store)?;
    }
    let seal = path.with_file_name("desk.redb.clean");
    assert!(seal.exists());
    {
        let store = Store::open_checked(&path)?;
        assert!(store.check()?.passed());
    }
    assert!(seal.exists(), "a clean check seals the file again");
    assert!(seal::take(&path), "and the seal matches the file");
    Ok(())
}

/// Two templates: one with a phase, a calendar-day task and a milestone waiting for it.
pub(super) fn two_templates() -> template::ScheduleTemplates {
    use schedule::{Party, Schedule, Task, TaskId};
    let mut phase = Task::new(TaskId(1), "制作", day(1, 5), day(1, 9), Party::Agency);
    phase.client_visible = false;
    let mut event = Task::new(TaskId(2), "周末快闪", day(1, 10), day(1, 11), Party::Vendor);
    event.level = 1;
    event.calendar_days = true;
    let mut launch = Task::new(TaskId(3), "上市 𠮷", day(1, 12), day(1, 12), Party::Client);
    launch.milestone = true;
    launch.after = vec![TaskId(2)];
    template::ScheduleTemplates {
        templates: vec![
            template::ScheduleTemplate {
                name: "发布会".into(),
                is_default: false,
                plan: Schedule {
                    tasks: vec![phase, event, launch],
                },
            },
            template::ScheduleTemplate {
                name: "TVC".into(),
                is_default: true,
                plan: Schedule::default(),
            },
        ],
    }
}

#[test]
fn schedule_templates_round_trip_and_are_counted_by_check() -> Result<(), StoreError> {
    let (_dir, path) = temp_db();
    {
        let store = Store::open(&path)?;
        assert_eq!(store.templates()?, None, "never saved");
        assert_eq!(store.check()?.count(Kind::Templates), 0);
        store.write(|tx| {
            assert_eq!(tx.templates()?, None);
            tx.put_templates(&two_templates())?;
            assert_eq!(
                tx.templates()?,
                Some(two_templates()),
                "read in the transaction"
            );
            Ok(())
        })?;
    }
    let store = Store::open(&path)?;
    let read = store.templates()?.expect("saved");
    assert_eq!(read, two_templates());
    let launch = &read.templates[0].plan.tasks[2];
    assert!(launch.milestone && launch.client_action);
    assert_eq!(launch.after, vec![schedule::TaskId(2)]);
    let event = &read.templates[0].plan.tasks[1];
    assert_eq!((event.level, event.calendar_days), (1, true));
    let report = store.check()?;
    assert!(report.passed(), "{:?}", report.problems);
    assert_eq!(
        report.count(Kind::Templates),
        2,
        "counted by the templates it holds"
    );
    Ok(())
}
