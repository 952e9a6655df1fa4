//! Damage: a damaged record, bytes flipped in the middle of a file, files that are not
//! databases and damaged templates give errors that name them, never a panic.

use super::*;
use redb::ReadableTable;

#[test]
fn a_damaged_record_is_reported_by_check_not_a_panic() -> Result<(), StoreError> {
    let (_dir, path) = temp_db();
    let store = Store::open(&path)?;
    fill(&store)?;
    store.write(|tx| {
        raw(tx)
            .open_table(CLIENTS)?
            .insert(999, [b'A', b'D', 3, 1, 0, 0xFF, 0xFF].as_slice())?;
        Ok(())
    })?;
    let report = store.check()?;
    assert_eq!(report.problems.len(), 1, "{:?}", report.problems);
    assert!(report.problems[0].contains("clients 999"));
    match store.all::<Client>() {
        Err(StoreError::Corrupted {
            path: p, detail, ..
        }) => {
            assert_eq!(p, path);
            assert!(detail.contains("clients"), "{detail}");
        }
        other => panic!("expected Corrupted, got {other:?}"),
    }
    // Once damage is found, nothing more is written to the file.
    assert!(matches!(
        store.write(|tx| tx.delete::<Client>(2)),
        Err(StoreError::ReadOnlyAfterDamage { .. })
    ));
    Ok(())
}

#[test]
fn damaged_bytes_in_the_middle_of_a_file_give_an_error_not_a_panic() -> Result<(), StoreError> {
    let (dir, path) = temp_db();
    {
        let store = Store::open(&path)?;
        for _ in 0..20 {
            fill(&store)?;
        }
    }
    let original = std::fs::read(&path).map_err(|e| StoreError::io(&path, e))?;
    // Overwrite a stretch of bytes at several offsets past the header; each damaged copy
    // must either open (damage in free space) with every record readable or fail cleanly.
    let mut seen_error = false;
    for (i, offset) in [
        4096usize,
        8192,
        12_288,
        original.len() / 2,
        original.len() - 4096,
    ]
    .into_iter()
    .enumerate()
    {
        let mut bytes = original.clone();
        let end = (offset + 512).min(bytes.len());
        for (j, b) in bytes[offset..end].iter_mut().enumerate() {
            *b = (j as u8).wrapping_mul(31).wrapping_add(7);
        }
        let copy = dir.path().join(format!("damaged-{i}.redb"));
        std::fs::write(&copy, &bytes).map_err(|e| StoreError::io(&copy, e))?;
        let outcome = std::panic::catch_unwind(|| match Store::open(&copy) {
            Ok(store) => store
                .check()
                .map(|r| r.problems.is_empty())
                .unwrap_or(false),
            Err(e) => {
                assert!(e.to_string().contains(&format!("damaged-{i}.redb")), "{e}");
                false
            }
        });
        match outcome {
            Ok(clean) => seen_error |= !clean,
            Err(_) => panic!("opening damaged copy {i} panicked"),
        }
    }
    assert!(seen_error, "at least one damaged copy must be detected");
    // Truncated in the middle.
    let cut = dir.path().join("truncated.redb");
    std::fs::write(&cut, &original[..original.len() / 2]).map_err(|e| StoreError::io(&cut, e))?;
    assert!(Store::open(&cut).is_err());
    Ok(())
}

/// The offset of `needle` in the file, for damaging one record's bytes in place.
fn offset_of(bytes: &[u8], needle: &[u8]) -> Option<usize> {
    bytes.windows(needle.len()).position(|w| w == needle)
}

#[test]
fn a_flipped_byte_inside_a_name_is_caught_by_the_record_checksum() -> Result<(), StoreError> {
    let (_dir, path) = temp_db();
    {
        let store = Store::open(&path)?;
        fill(&store)?;
    }
    let mut bytes = std::fs::read(&path).map_err(|e| StoreError::io(&path, e))?;
    let mtime = std::fs::metadata(&path)
        .and_then(|m| m.modified())
        .map_err(|e| StoreError::io(&path, e))?;
    // "可口可乐" → "叮口可乐": still valid UTF-8, still a name, only the checksum knows.
    let at = offset_of(&bytes, "可口可乐".as_bytes()).unwrap_or(0);
    assert!(at > 0, "the sample name is in the file");
    bytes[at + 2] ^= 0x01;
    std::fs::write(&path, &bytes).map_err(|e| StoreError::io(&path, e))?;
    std::fs::File::options()
        .write(true)
        .open(&path)
        .and_then(|f| f.set_modified(mtime))
        .map_err(|e| StoreError::io(&path, e))?;
    // The window's fast open trusts the seal (the header is unchanged)...
    let store = Store::open(&path)?;
    // ...but no read hands out the changed name.
    match store.all::<Client>() {
        Err(e @ StoreError::Corrupted { .. }) => {
            let text = e.to_string();
            assert!(text.contains("checksum"), "{text}");
            assert!(text.contains("desk.redb"), "{text}");
        }
        other => panic!("expected Corrupted, got {other:?}"),
    }
    let report = store.check()?;
    assert_eq!(report.problems.len(), 1, "{:?}", report.problems);
    drop(store);
    // No seal was written for a file found damaged: the next open checks everything again.
    assert!(!path.with_file_name("desk.redb.clean").exists());
    Ok(())
}

#[test]
fn files_that_are_not_databases_say_what_they_are() {
    let (dir, _) = temp_db();
    for (name, bytes, phrase) in [
        ("报价.redb", b"%PDF-1.7 ...".to_vec(), "a PDF document"),
        ("sheet.redb", b"PK\x03\x04rest".to_vec(), "Office document"),
        ("empty.redb", Vec::new(), "an empty file"),
        (
            "notes.redb",
            "会议记录\n".as_bytes().to_vec(),
            "a text file",
        ),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, &bytes).unwrap_or_default();
        match Store::open(&path) {
            Err(e @ StoreError::NotADatabase { .. }) => {
                let text = e.to_string();
                assert!(text.contains(name) && text.contains(phrase), "{text}");
                assert!(text.contains("move this file away"), "{text}");
                assert!(e.message(Lang::Zh).contains("不是客户执行台数据库"));
            }
            other => panic!("{name}: {other:?}"),
        }
        assert_eq!(std::fs::read(&path).unwrap_or_default(), bytes, "untouched");
    }
}

#[cfg(unix)]
#[test]
fn a_link_in_a_loop_is_named_as_such_and_never_replaced() {
    let (dir, _) = temp_db();
    let a = dir.path().join("loop1");
    let b = dir.path().join("loop2");
    std::os::unix::fs::symlink(&b, &a).unwrap_or_default();
    std::os::unix::fs::symlink(&a, &b).unwrap_or_default();
    match Store::open(&a) {
        Err(e @ StoreError::NotADatabase { .. }) => {
            assert!(e.to_string().contains("loop"), "{e}");
        }
        other => panic!("{other:?}"),
    }
    assert!(
        std::fs::symlink_metadata(&a).is_ok_and(|m| m.file_type().is_symlink()),
        "the link is still a link"
    );
}

#[test]
fn a_damaged_or_newer_templates_record_is_an_error_not_a_panic() -> Result<(), StoreError> {
    use records::Record;
    let (_dir, path) = temp_db();
    let store = Store::open(&path)?;
    // A layout this build never wrote says so.
    let newer =
        codec::encode(Kind::Templates, 2, &0u8).map_err(|e| StoreError::Engine(e.to_string()))?;
    assert!(matches!(
        template::ScheduleTemplates::decode(&newer),
        Err(codec::CodecError::TooNew { version: 2, .. })
    ));
    let mut bytes = two_templates()
        .encode()
        .map_err(|e| StoreError::Engine(e.to_string()))?;
    let last = bytes.len() - 1;
    bytes[last] ^= 0x40;
    store.write(|tx| {
        raw(tx)
            .open_table(META)?
            .insert("schedule_templates", bytes.as_slice())?;
        Ok(())
    })?;
    let report = store.check()?;
    assert_eq!(report.problems.len(), 1, "{:?}", report.problems);
    assert!(
        report.problems[0].contains("record schedule_templates in meta")
            && report.problems[0].contains("checksum"),
        "{:?}",
        report.problems
    );
    assert!(store.templates().is_err());
    Ok(())
}

#[test]
fn a_damaged_revision_header_is_reported_by_check_not_read_as_another_revision()
-> Result<(), StoreError> {
    let (_dir, path) = temp_db();
    let store = Store::open(&path)?;
    fill(&store)?;
    let id = store.all::<Client>()?[0].id.0;
    store.write(|tx| {
        let raw = raw(tx);
        let mut clients = raw.open_table(CLIENTS)?;
        let mut value = clients
            .get(id)?
            .map(|v| v.value().to_vec())
            .unwrap_or_default();
        // A bit of the revision number, inside the header ahead of the envelope.
        value[3] ^= 0x10;
        clients.insert(id, value.as_slice())?;
        Ok(())
    })?;
    let report = store.check()?;
    assert_eq!(report.problems.len(), 1, "{:?}", report.problems);
    assert!(
        report.problems[0].contains(&format!("clients {id}"))
            && report.problems[0].contains("revision header"),
        "{:?}",
        report.problems
    );
    Ok(())
}

#[test]
fn an_estimate_left_out_of_the_index_by_job_is_reported_by_check() -> Result<(), StoreError> {
    let (_dir, path) = temp_db();
    let store = Store::open(&path)?;
    let now = Utc
        .with_ymd_and_hms(2026, 11, 26, 2, 0, 0)
        .single()
        .ok_or_else(|| StoreError::Engine("moment".into()))?;
    crate::demo::sample::load_sample(&store, now, now.date_naive())
        .map_err(|e| StoreError::Engine(e.to_string()))?;
    let all = store.read()?.estimates(None)?;
    let first = all
        .first()
        .ok_or_else(|| StoreError::Engine("no estimate".into()))?;
    let of_job = |store: &Store| -> Result<Vec<EstimateId>, StoreError> {
        let list = store.read()?.estimates(Some(first.job_id))?;
        Ok(list.into_iter().map(|e| e.id).collect())
    };
    // The index hands out exactly the job's estimates, in creation order.
    let expected: Vec<EstimateId> = all
        .iter()
        .filter(|e| e.job_id == first.job_id)
        .map(|e| e.id)
        .collect();
    assert_eq!(of_job(&store)?, expected);
    assert!(store.check()?.problems.is_empty());

    store.write(|tx| {
        raw(tx).open_table(BY_JOB)?.remove((
            first.job_id.0,
            Kind::Estimate as u8,
            first.id.0,
            0,
        ))?;
        Ok(())
    })?;
    assert!(!of_job(&store)?.contains(&first.id));
    let report = store.check()?;
    assert_eq!(report.problems.len(), 1, "{:?}", report.problems);
    assert!(
        report.problems[0].contains("estimates: the index by job leaves out 1 and lists 0"),
        "{}",
        report.problems[0]
    );
    Ok(())
}
