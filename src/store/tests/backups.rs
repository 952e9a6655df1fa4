//! Backups and restores: a consistent copy, refused when bad, kept daily; an older schema
//! copied aside before it is migrated.

use super::*;

#[test]
fn backup_then_restore_round_trip() -> Result<(), StoreError> {
    let (dir, path) = temp_db();
    let backup = dir.path().join("备份 copy.redb");
    let now = Utc::now().naive_utc();
    {
        let store = Store::open(&path)?;
        fill(&store)?;
        store.backup_to(&backup)?;
        // A backup never overwrites.
        assert!(matches!(
            store.backup_to(&backup),
            Err(StoreError::Exists { .. })
        ));
        store.write(|tx| tx.delete::<Client>(2).map(|_| ()))?;
        assert!(store.all::<Client>()?.is_empty());
    }
    // Refused without force; nothing changes.
    assert!(matches!(
        backup::restore(&path, &backup, false, now),
        Err(StoreError::Exists { .. })
    ));
    assert!(Store::open(&path)?.all::<Client>()?.is_empty());
    let restored = backup::restore(&path, &backup, true, now)?;
    let saved = restored.previous_saved_to.clone().unwrap_or_default();
    assert!(saved.is_file(), "the replaced database is kept: {saved:?}");
    let store = Store::open(&path)?;
    assert_eq!(store.all::<Client>()?.len(), 1);
    assert_eq!(store.brief_versions(JobId(6))?.len(), 1);
    assert!(
        store.schedule(JobId(6))?.is_some(),
        "schedules are backed up"
    );
    assert_eq!(store.issued_schedules(JobId(6))?.len(), 1);
    drop(store);
    // The pre-restore copy is the state before the restore: no clients.
    assert!(Store::open(&saved)?.all::<Client>()?.is_empty());
    Ok(())
}

#[test]
fn restore_refuses_a_bad_backup_and_keeps_the_database() -> Result<(), StoreError> {
    let (dir, path) = temp_db();
    {
        let store = Store::open(&path)?;
        fill(&store)?;
    }
    let bad = dir.path().join("bad.redb");
    std::fs::write(&bad, b"not a database").map_err(|e| StoreError::io(&bad, e))?;
    let now = Utc::now().naive_utc();
    match backup::restore(&path, &bad, true, now) {
        Err(e @ StoreError::BadBackup { .. }) => {
            let text = e.to_string();
            assert!(
                text.contains("bad.redb") && text.contains("a text file"),
                "{text}"
            );
            assert!(text.contains("Nothing was changed"), "{text}");
        }
        other => panic!("expected BadBackup, got {other:?}"),
    }
    assert_eq!(Store::open(&path)?.all::<Client>()?.len(), 1);
    Ok(())
}

#[test]
fn automatic_backups_once_a_day_keeping_fourteen() -> Result<(), StoreError> {
    let (_dir, path) = temp_db();
    let store = Store::open(&path)?;
    fill(&store)?;
    let at = |d: u32, h: u32| day(11, d).and_hms_opt(h, 0, 0).unwrap_or_default();
    let checked = store.check()?;
    assert!(store.auto_backup(at(1, 9), &checked)?.is_some());
    assert!(
        store.auto_backup(at(1, 17), &checked)?.is_none(),
        "same day: no second backup"
    );
    for d in 2..=20 {
        assert!(store.auto_backup(at(d, 9), &checked)?.is_some());
    }
    let kept = backup::automatic_backups(&backup::backup_dir(&path), "desk")?;
    assert_eq!(kept.len(), backup::KEEP_AUTOMATIC);
    let newest = backup::newest_backup(&path)?.unwrap_or_default();
    assert!(
        newest.to_string_lossy().contains("20261120-090000"),
        "{newest:?}"
    );
    assert!(
        !kept
            .iter()
            .any(|p| p.to_string_lossy().contains("20261106"))
    );
    assert_eq!(Store::open(&newest)?.all::<Client>()?.len(), 1);
    Ok(())
}

#[test]
fn an_older_schema_is_copied_to_backups_before_it_is_migrated() -> Result<(), StoreError> {
    let (_dir, path) = temp_db();
    // A schema-3 file as the previous release wrote it: layout-1 envelopes, no checksum.
    {
        std::fs::create_dir_all(path.parent().unwrap_or(&path))
            .map_err(|e| StoreError::io(&path, e))?;
        let db = redb::Database::create(&path)?;
        let tx = db.begin_write()?;
        {
            let mut meta = tx.open_table(META)?;
            meta.insert(KEY_SCHEMA, 3u32.to_le_bytes().as_slice())?;
            let sealed = sample_client().encode()?;
            let mut old = b"AD".to_vec();
            old.extend_from_slice(&sealed[2..5]);
            old.extend_from_slice(&sealed[9..]);
            tx.open_table(CLIENTS)?.insert(2, old.as_slice())?;
        }
        tx.commit()?;
    }
    let before = std::fs::read(&path).map_err(|e| StoreError::io(&path, e))?;
    // Verifying does not migrate: the file stays schema 3 and byte for byte as it was.
    {
        let store = Store::open_checked(&path)?;
        let report = store.check()?;
        assert_eq!((report.schema_version, report.problems.len()), (3, 0));
        assert!(store.write(|tx| tx.delete::<Client>(2)).is_err());
    }
    let store = Store::open(&path)?;
    assert_eq!(store.check()?.schema_version, SCHEMA_VERSION);
    assert_eq!(
        store.all::<Client>()?[0].name,
        "可口可乐（中国）饮料有限公司"
    );
    let copies = backup::automatic_backups(&backup::backup_dir(&path), "desk")?;
    assert_eq!(copies.len(), 1, "{copies:?}");
    assert!(copies[0].to_string_lossy().ends_with("-pre-migration.redb"));
    let copy = std::fs::read(&copies[0]).map_err(|e| StoreError::io(&copies[0], e))?;
    assert_eq!(copy.len(), before.len());
    drop(store);
    let old = Store::open_checked(&copies[0])?;
    assert_eq!(old.check()?.schema_version, 3);
    Ok(())
}

fn sample_client() -> Client {
    Client {
        id: ClientId(2),
        name: "可口可乐（中国）饮料有限公司".into(),
        short_name: "可口可乐".into(),
        industry: "饮料".into(),
        address: String::new(),
        phone: String::new(),
        since: None,
        notes: String::new(),
        archived: false,
        invoicing: Default::default(),
        audit: Audit::new(stamp()),
    }
}

#[test]
fn automatic_backups_need_a_passed_check_and_keep_the_newest_verified() -> Result<(), StoreError> {
    let (_dir, path) = temp_db();
    let store = Store::open(&path)?;
    fill(&store)?;
    let at = |d: u32| day(11, d).and_hms_opt(9, 0, 0).unwrap_or_default();
    let good = store.check()?;
    let first = store.auto_backup(at(1), &good)?.unwrap_or_default();
    assert!(backup::is_verified(&first));
    let failed = CheckReport {
        problems: vec!["clients 7: damaged".into()],
        ..good.clone()
    };
    assert!(matches!(
        store.auto_backup(at(2), &failed),
        Err(StoreError::Corrupted { .. })
    ));
    // Fourteen later copies that were never verified (an older release's) do not push out
    // the last verified one.
    let dir = backup::backup_dir(&path);
    for d in 2..=16 {
        let name = dir.join(format!("desk-202611{d:02}-090000.redb"));
        std::fs::copy(&first, &name).map_err(|e| StoreError::io(&name, e))?;
    }
    backup::prune(&dir, "desk")?;
    let kept = backup::automatic_backups(&dir, "desk")?;
    assert!(kept.contains(&first), "the oldest, verified backup is kept");
    assert_eq!(kept.len(), backup::KEEP_AUTOMATIC + 1);
    assert!(
        !kept
            .iter()
            .any(|p| p.to_string_lossy().contains("20261102"))
    );
    // A new verified backup takes its place as the one that is never pruned.
    let next = store.auto_backup(day(12, 1).and_hms_opt(9, 0, 0).unwrap_or_default(), &good)?;
    let kept = backup::automatic_backups(&dir, "desk")?;
    assert!(!kept.contains(&first) && next.is_some_and(|n| kept.contains(&n)));
    assert_eq!(kept.len(), backup::KEEP_AUTOMATIC);
    Ok(())
}
