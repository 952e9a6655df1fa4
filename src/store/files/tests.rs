//! The file store on temporary folders.

use super::*;
use std::io::Cursor;

/// A store beside `desk.redb` in a fresh folder with a Chinese name.
fn store() -> (tempfile::TempDir, FileStore) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("客户 资料").join("desk.redb");
    std::fs::create_dir_all(db.parent().unwrap()).unwrap();
    let files = FileStore::beside(&db);
    (dir, files)
}

/// Every file under `root` except the staging folder, as paths relative to it.
fn stored_paths(root: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let Ok(fans) = std::fs::read_dir(root) else {
        return out;
    };
    for fan in fans {
        let fan = fan.unwrap();
        if fan.file_name() == STAGING_DIR {
            continue;
        }
        for file in std::fs::read_dir(fan.path()).unwrap() {
            let file = file.unwrap();
            out.push(format!(
                "{}/{}",
                fan.file_name().to_string_lossy(),
                file.file_name().to_string_lossy()
            ));
        }
    }
    out.sort();
    out
}

fn staging_entries(files: &FileStore) -> usize {
    std::fs::read_dir(files.root().join(STAGING_DIR)).map_or(0, |d| d.count())
}

/// Flips one bit of the file at `path` (stored files are read-only; the test may write).
fn flip_byte(path: &Path, at: usize) {
    let mut permissions = std::fs::metadata(path).unwrap().permissions();
    #[allow(clippy::permissions_set_readonly_false)]
    permissions.set_readonly(false);
    std::fs::set_permissions(path, permissions).unwrap();
    let mut bytes = std::fs::read(path).unwrap();
    bytes[at] ^= 0x01;
    std::fs::write(path, bytes).unwrap();
}

#[test]
fn the_store_sits_beside_the_database_under_its_name() {
    let db = Path::new("/data/客户 资料/desk.redb");
    assert_eq!(files_dir(db), Path::new("/data/客户 资料/desk.redb.files"));
    let hash = FileHash::of_bytes(b"abc");
    assert_eq!(
        FileStore::beside(db).path_of(&hash),
        Path::new("/data/客户 资料/desk.redb.files/ba")
            .join("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    );
}

#[test]
fn a_file_is_named_by_its_hash_and_kept_once() {
    let (dir, files) = store();
    let source = dir.path().join("会议纪要 签字版.pdf");
    let content = b"%PDF-1.7 signed minutes".repeat(1000);
    std::fs::write(&source, &content).unwrap();
    let first = files.import(&source).unwrap();
    assert_eq!(first.hash, FileHash::of_bytes(&content));
    assert_eq!(first.size, content.len() as u64);
    assert_eq!(first.original_name, "会议纪要 签字版.pdf");
    assert_eq!(first.media_type.as_deref(), Some("application/pdf"));
    let stored = files.path_of(&first.hash);
    assert_eq!(std::fs::read(&stored).unwrap(), content);
    assert!(std::fs::metadata(&stored).unwrap().permissions().readonly());
    let hex = first.hash.to_hex();
    assert_eq!(
        stored_paths(files.root()),
        vec![format!("{}/{hex}", &hex[..2])]
    );

    // The same content again, under another name: one file, two references.
    let again = dir.path().join("copy.pdf");
    std::fs::write(&again, &content).unwrap();
    let second = files.import(&again).unwrap();
    assert_eq!(second.hash, first.hash);
    assert_eq!(second.original_name, "copy.pdf");
    assert_eq!(stored_paths(files.root()).len(), 1);
    assert_eq!(staging_entries(&files), 0, "the second copy was dropped");

    // Different content: a second file.
    let other = files
        .import_reader(Cursor::new(b"other".to_vec()), Path::new("x"), "报价.xlsx")
        .unwrap();
    assert_ne!(other.hash, first.hash);
    assert_eq!(stored_paths(files.root()).len(), 2);
    let (listed, strays) = files.list().unwrap();
    assert_eq!(listed.len(), 2);
    assert!(strays.is_empty());
    assert!(
        listed
            .iter()
            .any(|f| f.hash == first.hash && f.size == first.size)
    );
}

/// A reader that gives `good` bytes and then fails, like a pulled USB stick.
struct FailsMidway {
    given: usize,
    good: usize,
}

impl Read for FailsMidway {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.given >= self.good {
            return Err(io::Error::other("device removed"));
        }
        let n = buf.len().min(self.good - self.given);
        buf[..n].fill(b'x');
        self.given += n;
        Ok(n)
    }
}

#[test]
fn an_interrupted_import_leaves_no_file_under_a_hash_name() {
    let (_dir, files) = store();
    let err = files
        .import_reader(
            FailsMidway {
                given: 0,
                good: 3 * BUFFER_BYTES + 17,
            },
            Path::new("E:/样片/master.mov"),
            "master.mov",
        )
        .unwrap_err();
    match &err {
        FilesError::Unreadable { path, .. } => assert!(path.ends_with("master.mov")),
        other => panic!("{other:?}"),
    }
    assert!(err.to_string().contains("master.mov"), "{err}");
    assert!(stored_paths(files.root()).is_empty());
    assert_eq!(staging_entries(&files), 0, "the temporary is removed");

    // A temporary left by a killed import is in staging only: not listed, and removed by
    // the clean-up that runs under the database's lock.
    std::fs::write(
        files.root().join(STAGING_DIR).join("4242-0.partial"),
        b"half",
    )
    .unwrap();
    let (listed, strays) = files.list().unwrap();
    assert!(listed.is_empty() && strays.is_empty());
    files.remove_stale_temporaries();
    assert_eq!(staging_entries(&files), 0);
}

#[test]
fn a_folder_or_a_missing_file_is_refused_with_its_name() {
    let (dir, files) = store();
    let err = files.import(dir.path()).unwrap_err();
    assert!(matches!(err, FilesError::NotAFile { .. }), "{err:?}");
    let missing = dir.path().join("不存在.pdf");
    let err = files.import(&missing).unwrap_err();
    assert!(matches!(err, FilesError::Unreadable { .. }), "{err:?}");
    assert!(err.to_string().contains("不存在.pdf"), "{err}");
    assert!(
        err.message(crate::domain::Lang::Zh).contains("无法读取"),
        "{err:?}"
    );
    assert!(!files.exists(), "nothing was created");
}

#[test]
fn verify_notices_a_flipped_byte_and_a_missing_file() {
    let (_dir, files) = store();
    let file = files
        .import_reader(Cursor::new(vec![7u8; 5000]), Path::new("a"), "a.bin")
        .unwrap();
    assert_eq!(files.verify(&file.hash).unwrap(), FileState::Intact);
    flip_byte(&files.path_of(&file.hash), 4321);
    assert_eq!(files.verify(&file.hash).unwrap(), FileState::Damaged);
    let never = FileHash::of_bytes(b"never imported");
    assert_eq!(files.verify(&never).unwrap(), FileState::Missing);
}

#[test]
fn check_reports_missing_damaged_and_orphan_files_and_deletes_nothing() {
    let (_dir, files) = store();
    let import = |bytes: &[u8], name: &str| {
        files
            .import_reader(Cursor::new(bytes.to_vec()), Path::new(name), name)
            .unwrap()
    };
    let kept = import(b"brief attachment", "简报.docx");
    let damaged = import(b"signed minutes", "纪要.pdf");
    let orphan = import(b"left by a crash", "x.pdf");
    flip_byte(&files.path_of(&damaged.hash), 3);
    std::fs::write(files.root().join("readme.txt"), b"dropped in by hand").unwrap();
    let gone = FileHash::of_bytes(b"deleted by hand");
    let referenced: BTreeSet<FileHash> = [kept.hash, damaged.hash, gone].into();

    let report = files.check(&referenced).unwrap();
    assert_eq!(report.ok, 2, "kept and orphan are intact");
    assert_eq!(report.damaged, vec![damaged.hash]);
    assert_eq!(report.missing, vec![gone]);
    assert_eq!(report.orphans, vec![orphan.hash]);
    assert_eq!(report.strays, vec![files.root().join("readme.txt")]);
    assert!(!report.passed());
    assert!(
        files.path_of(&orphan.hash).is_file(),
        "orphans are never deleted"
    );

    let clean = files.check(&[kept.hash, orphan.hash].into()).unwrap();
    assert!(clean.missing.is_empty() && clean.orphans == vec![damaged.hash]);

    // A database without files yet: nothing to report.
    let (_dir, empty) = store();
    let report = empty.check(&BTreeSet::new()).unwrap();
    assert_eq!((report.ok, report.passed()), (0, true));
    assert_eq!(empty.check(&[gone].into()).unwrap().missing, vec![gone]);
}

#[test]
fn an_opened_copy_is_read_only_and_has_the_original_name() {
    let (_dir, files) = store();
    let name = "报价<终稿>: 客户/确认?.pdf";
    let content = format!("quote {}", std::process::id()).into_bytes();
    let file = files
        .import_reader(Cursor::new(content.clone()), Path::new(name), name)
        .unwrap();
    assert_eq!(
        file.original_name, "确认?.pdf",
        "the folder part is dropped"
    );
    let copy = files.open_copy(&file).unwrap();
    assert_eq!(copy.file_name().unwrap(), "确认_.pdf");
    assert_eq!(std::fs::read(&copy).unwrap(), content);
    assert!(std::fs::metadata(&copy).unwrap().permissions().readonly());
    assert_ne!(
        copy,
        files.path_of(&file.hash),
        "a copy, not the stored file"
    );
    assert_eq!(
        files.open_copy(&file).unwrap(),
        copy,
        "opened twice, one copy"
    );

    // Two different files with one name get copies of their own.
    let other = files
        .import_reader(Cursor::new(b"v2".to_vec()), Path::new(name), name)
        .unwrap();
    let other_copy = files.open_copy(&other).unwrap();
    assert_ne!(other_copy, copy);
    assert_eq!(other_copy.file_name(), copy.file_name());

    // A damaged stored file is not handed out.
    let bad = files
        .import_reader(
            Cursor::new(b"damaged soon".to_vec()),
            Path::new("d"),
            "合同.pdf",
        )
        .unwrap();
    flip_byte(&files.path_of(&bad.hash), 0);
    let err = files.open_copy(&bad).unwrap_err();
    assert!(matches!(err, FilesError::Damaged { .. }), "{err:?}");
    assert!(err.to_string().contains("合同.pdf"), "{err}");
    let leftovers = std::fs::read_dir(open_copies_dir().unwrap().join(bad.hash.short()))
        .unwrap()
        .count();
    assert_eq!(leftovers, 0, "no partial copy");
    let missing = FileRef {
        hash: FileHash::of_bytes(b"nowhere"),
        ..bad
    };
    assert!(matches!(
        files.open_copy(&missing),
        Err(FilesError::Missing { .. })
    ));
}

#[test]
fn a_backup_copies_only_new_files_and_a_damaged_one_is_refused() {
    let (dir, files) = store();
    let backup = dir.path().join("backups").join("desk-1.redb");
    std::fs::create_dir_all(backup.parent().unwrap()).unwrap();
    assert_eq!(backup_files(&files, &backup).unwrap(), None, "no store yet");
    assert!(!manifest_path(&backup).exists());
    for i in 0..5 {
        files
            .import_reader(Cursor::new(vec![i; 100]), Path::new("f"), "f.bin")
            .unwrap();
    }
    let first = backup_files(&files, &backup).unwrap().unwrap();
    assert_eq!((first.files, first.copied, first.bytes_copied), (5, 5, 500));
    files
        .import_reader(Cursor::new(b"new".to_vec()), Path::new("n"), "n.bin")
        .unwrap();
    let second_backup = backup.with_file_name("desk-2.redb");
    let second = backup_files(&files, &second_backup).unwrap().unwrap();
    assert_eq!(
        (second.files, second.copied, second.bytes_copied),
        (6, 1, 3)
    );
    assert_eq!(read_manifest(&backup).unwrap().unwrap().entries.len(), 5);
    let manifest = verify_backup_files(&second_backup).unwrap().unwrap();
    assert_eq!(manifest.entries.len(), 6);

    // A damaged file in the store is not laundered into a backup.
    let (victim, _) = manifest.entries[0];
    flip_byte(&files.path_of(&victim), 1);
    let third = backup.with_file_name("desk-3.redb");
    std::fs::remove_file(FileStore::at(backup_files_dir(&backup)).path_of(&victim)).unwrap();
    let err = backup_files(&files, &third).unwrap_err();
    assert!(
        matches!(&err, FilesError::Damaged { path, .. } if path == &files.path_of(&victim)),
        "{err:?}"
    );
    assert!(!manifest_path(&third).exists());
}

#[test]
fn a_manifest_reads_back_and_a_bad_line_is_named() {
    let manifest = Manifest {
        entries: vec![
            (FileHash::of_bytes(b"a"), 1),
            (FileHash::of_bytes(b"bc"), 2),
        ],
    };
    let path = Path::new("b.redb.manifest");
    assert_eq!(
        Manifest::parse(path, &manifest.to_text()).unwrap(),
        manifest
    );
    let broken = manifest.to_text().replace("\t2", "\tzwei");
    match Manifest::parse(path, &broken) {
        Err(FilesError::BadManifest { line, .. }) => assert_eq!(line, 3),
        other => panic!("{other:?}"),
    }
    assert!(Manifest::parse(path, "hello\n").is_err());
}
