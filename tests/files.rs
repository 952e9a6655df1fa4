//! Files beside the database through backup and restore: a second backup copies only the
//! files that are new, and a restore whose backup lost or damaged a file is refused with
//! nothing changed.

use account_desk::store::files::{backup_files_dir, manifest_path};
use account_desk::store::{FileHash, FileStore, FilesError, Store, StoreError, backup};
use std::io::Cursor;
use std::path::{Path, PathBuf};

/// A database with `n` small files imported, in a folder with a Chinese name.
fn desk(n: u8) -> (tempfile::TempDir, PathBuf, Vec<FileHash>) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("客户 资料").join("desk.redb");
    let store = Store::open(&db).unwrap();
    let hashes = (0..n)
        .map(|i| import(&store, &[i; 300], "样稿.pdf"))
        .collect();
    (dir, db, hashes)
}

fn import(store: &Store, bytes: &[u8], name: &str) -> FileHash {
    store
        .desk_files()
        .import_reader(Cursor::new(bytes.to_vec()), Path::new(name), name)
        .unwrap()
        .hash
}

/// Every file in a store folder (not its staging temporaries), with its modification time.
fn files_in(root: &Path) -> Vec<(String, std::time::SystemTime)> {
    let mut out = Vec::new();
    for fan in std::fs::read_dir(root).unwrap() {
        let fan = fan.unwrap();
        if fan.file_name() == "staging" {
            continue;
        }
        for file in std::fs::read_dir(fan.path()).unwrap() {
            let file = file.unwrap();
            let modified = file.metadata().unwrap().modified().unwrap();
            out.push((file.file_name().to_string_lossy().into_owned(), modified));
        }
    }
    out.sort();
    out
}

fn make_writable(path: &Path) {
    let mut permissions = std::fs::metadata(path).unwrap().permissions();
    #[allow(clippy::permissions_set_readonly_false)]
    permissions.set_readonly(false);
    std::fs::set_permissions(path, permissions).unwrap();
}

#[test]
fn a_second_backup_copies_only_the_new_files() {
    let (dir, db, hashes) = desk(20);
    let backups = dir.path().join("U 盘").join("备份");
    let first_dest = backups.join("desk-1.redb");
    let store = Store::open(&db).unwrap();
    let first = store.backup_with_files(&first_dest).unwrap().unwrap();
    assert_eq!((first.files, first.copied), (20, 20));
    assert_eq!(first.bytes_copied, 20 * 300);
    let shared = backup_files_dir(&first_dest);
    assert_eq!(shared, backups.join("account-desk-files"));
    let after_first = files_in(&shared);
    assert_eq!(after_first.len(), 20);

    let new_a = import(&store, b"signed minutes v2", "纪要 签字版.pdf");
    let new_b = import(&store, b"client brief", "brief.docx");
    // Content already stored adds nothing.
    assert_eq!(import(&store, &[0; 300], "again.pdf"), hashes[0]);
    let second_dest = backups.join("desk-2.redb");
    let second = store.backup_with_files(&second_dest).unwrap().unwrap();
    assert_eq!((second.files, second.copied), (22, 2));
    assert_eq!(second.bytes_copied, 17 + 12);
    let after_second = files_in(&shared);
    assert_eq!(after_second.len(), 22);
    // The first backup's files were left as they were, not copied again.
    for old in &after_first {
        assert!(after_second.contains(old), "{old:?} untouched");
    }
    let listed = |dest: &Path| std::fs::read_to_string(manifest_path(dest)).unwrap();
    assert_eq!(listed(&first_dest).lines().count(), 1 + 20);
    assert_eq!(listed(&second_dest).lines().count(), 1 + 22);
    assert!(listed(&second_dest).contains(&format!("{new_a}\t17\n")));
    assert!(listed(&second_dest).contains(&format!("{new_b}\t12\n")));
    assert!(!listed(&first_dest).contains(&new_a.to_hex()));
}

/// What a restore must leave untouched when it refuses: the database's bytes and the store.
fn snapshot(db: &Path) -> (Vec<u8>, Vec<(String, std::time::SystemTime)>) {
    (
        std::fs::read(db).unwrap(),
        files_in(FileStore::beside(db).root()),
    )
}

#[test]
fn a_restore_verifies_every_file_and_refuses_a_damaged_or_incomplete_backup() {
    let (dir, db, hashes) = desk(5);
    let dest = dir.path().join("备份").join("desk-1.redb");
    Store::open(&db)
        .unwrap()
        .backup_with_files(&dest)
        .unwrap()
        .unwrap();
    let now = chrono::Utc::now().naive_utc();
    let in_backup = FileStore::at(backup_files_dir(&dest));

    // A new database elsewhere: the restore puts the files in place first, verified.
    let elsewhere = dir.path().join("新电脑").join("desk.redb");
    backup::restore(&elsewhere, &dest, false, now).unwrap();
    let restored = FileStore::beside(&elsewhere);
    let report = restored.check(&hashes.iter().copied().collect()).unwrap();
    assert_eq!((report.ok, report.passed()), (5, true));
    assert!(report.orphans.is_empty());

    // One flipped byte in the backup's copy of a file: refused, nothing changed.
    let victim = in_backup.path_of(&hashes[3]);
    make_writable(&victim);
    let mut bytes = std::fs::read(&victim).unwrap();
    bytes[150] ^= 0x20;
    std::fs::write(&victim, &bytes).unwrap();
    // The live database meanwhile lost that file and gained a record's worth of change.
    let live = FileStore::beside(&db);
    std::fs::remove_file(live.path_of(&hashes[3])).unwrap();
    let before = snapshot(&db);
    let err = backup::restore(&db, &dest, true, now).unwrap_err();
    let StoreError::Files(files_error) = &err else {
        panic!("{err:?}");
    };
    match files_error.as_ref() {
        FilesError::BackupIncomplete {
            backup,
            missing,
            damaged,
            ..
        } => {
            assert_eq!(backup, &dest);
            assert!(missing.is_empty());
            assert_eq!(damaged, &vec![hashes[3]]);
        }
        other => panic!("{other:?}"),
    }
    let text = err.to_string();
    assert!(
        text.contains("desk-1.redb") && text.contains("Nothing was changed"),
        "{text}"
    );
    let zh = err.message(account_desk::domain::Lang::Zh);
    assert!(zh.contains("没有做任何改动"), "{zh}");
    assert_eq!(snapshot(&db), before, "database and files untouched");
    assert!(
        backup::automatic_backups(&backup::backup_dir(&db), "desk")
            .unwrap()
            .is_empty(),
        "not even the pre-restore copy was made"
    );

    // A file missing from the backup: refused the same way.
    std::fs::remove_file(&victim).unwrap();
    match backup::restore(&db, &dest, true, now) {
        Err(StoreError::Files(e)) => match *e {
            FilesError::BackupIncomplete { missing, .. } => assert_eq!(missing, vec![hashes[3]]),
            other => panic!("{other:?}"),
        },
        other => panic!("{other:?}"),
    }
    assert_eq!(snapshot(&db), before);

    // Put back whole, the backup restores and brings the lost file back.
    std::fs::write(&victim, [3u8; 300]).unwrap();
    backup::restore(&db, &dest, true, now).unwrap();
    assert_eq!(
        live.verify(&hashes[3]).unwrap(),
        account_desk::store::files::FileState::Intact
    );
}

#[test]
fn a_database_without_files_backs_up_and_restores_as_before() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("desk.redb");
    let dest = dir.path().join("copy.redb");
    let store = Store::open(&db).unwrap();
    assert_eq!(store.backup_with_files(&dest).unwrap(), None);
    assert!(!manifest_path(&dest).exists());
    assert!(!backup_files_dir(&dest).exists());
    assert!(store.check_files().unwrap().is_none());
    drop(store);
    let now = chrono::Utc::now().naive_utc();
    backup::restore(&db, &dest, true, now).unwrap();
    assert!(!FileStore::beside(&db).exists());
}

/// The peak resident memory of this process so far, from Linux's /proc (`None` elsewhere).
fn peak_rss_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// A 1 GB master (a sparse file: quick to make, read in full all the same) is stored, named
/// by its content and read back, in memory that does not grow with it. Behind the long-tests
/// variable: it reads and writes a gigabyte.
#[test]
fn a_1_gb_file_is_imported_and_read_back_in_constant_memory() {
    // The long variant only (`ACCOUNT_DESK_LONG_TESTS=1`, see tests/support).
    if !std::env::var("ACCOUNT_DESK_LONG_TESTS").is_ok_and(|v| v == "1") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let master = dir.path().join("TVC 母带 1GB.mov");
    let size: u64 = 1024 * 1024 * 1024;
    std::fs::File::create(&master)
        .and_then(|f| f.set_len(size))
        .unwrap();
    let before = peak_rss_bytes();
    let files = FileStore::at(dir.path().join("files"));
    let stored = files.import(&master).unwrap();
    assert_eq!(stored.size, size);
    let copy = files.open_copy(&stored).unwrap();
    assert_eq!(std::fs::metadata(&copy).unwrap().len(), size);
    // The read-only copy is a gigabyte in the temporary folder: gone with the test.
    let _ = std::fs::remove_file(&copy);
    if let (Some(before), Some(after)) = (before, peak_rss_bytes()) {
        assert!(
            after.saturating_sub(before) < 64 * 1024 * 1024,
            "memory grew by {} bytes",
            after - before
        );
    }
}

/// The automatic daily copy holds the database only — no files folder, no manifest — and
/// restoring it finds every file it names still in the store, which only ever gains files.
#[test]
fn the_automatic_backup_is_the_database_only_and_restores_with_its_files_in_place() {
    let (_dir, db, hashes) = desk(3);
    let store = Store::open(&db).unwrap();
    let checked = store.check().unwrap();
    let now = chrono::NaiveDate::from_ymd_opt(2026, 12, 6)
        .and_then(|d| d.and_hms_opt(9, 0, 0))
        .unwrap();
    let copy = store.auto_backup(now, &checked).unwrap().expect("a copy");
    assert!(copy.is_file());
    assert!(!manifest_path(&copy).exists(), "no manifest");
    assert!(!backup_files_dir(&copy).exists(), "no files folder");
    drop(store);
    let restored = backup::restore(&db, &copy, true, now + chrono::Duration::hours(1));
    assert!(restored.is_ok(), "{restored:?}");
    let files = FileStore::beside(&db);
    for h in &hashes {
        assert!(files.path_of(h).is_file(), "{h:?} still stored");
    }
}
