//! Schema 6: the bookkeeping schema 5 kept in its own table moves into the rows.

use super::engines::client;
use super::*;
use crate::store::backend::{Access, RowMeta, WriteStamp, meta_bytes};
use redb::{ReadableDatabase, TableHandle};

const OLD_REVISIONS: TableDefinition<(u8, u64, u32), &[u8]> = TableDefinition::new("revisions");

/// A schema-5 file as that release wrote it: client 2 written at revision 7 by user 1 (its
/// bookkeeping in `revisions`, its write in the feed and `meta`), client 3 from before
/// revisions were kept; `entry` replaces client 2's bookkeeping bytes when given.
fn schema_5_file(path: &std::path::Path, entry: Option<&[u8]>) -> Result<(), StoreError> {
    std::fs::create_dir_all(path.parent().unwrap_or(path)).map_err(|e| StoreError::io(path, e))?;
    let db = redb::Database::create(path)?;
    let tx = db.begin_write()?;
    {
        let mut meta = tx.open_table(META)?;
        meta.insert(KEY_SCHEMA, 5u32.to_le_bytes().as_slice())?;
        meta.insert(KEY_LAST_SEQ, 7u64.to_le_bytes().as_slice())?;
        meta.insert(KEY_LAST_ID, 3u64.to_le_bytes().as_slice())?;
        let mut clients = tx.open_table(CLIENTS)?;
        clients.insert(2, client(2, "可口可乐").encode()?.as_slice())?;
        clients.insert(3, client(3, "农夫山泉").encode()?.as_slice())?;
        let written = RowMeta {
            rev: Rev(7),
            written: Some(WriteStamp {
                by: 1,
                at_ms: 1_764_144_000_000,
                restores: 0,
            }),
            access: Access {
                client: 2,
                ..Access::default()
            },
        };
        let bytes = meta_bytes::encode(&written);
        tx.open_table(OLD_REVISIONS)?
            .insert((Kind::Client as u8, 2, 0), entry.unwrap_or(&bytes))?;
        let mut feed_entry = [0u8; 14];
        feed_entry[0] = Kind::Client as u8;
        feed_entry[1..9].copy_from_slice(&2u64.to_le_bytes());
        tx.open_table(FEED)?.insert(7, feed_entry.as_slice())?;
    }
    tx.commit()?;
    Ok(())
}

#[test]
fn a_schema_5_file_keeps_every_revision_when_its_bookkeeping_moves_into_the_rows()
-> Result<(), StoreError> {
    let (_dir, path) = temp_db();
    schema_5_file(&path, None)?;
    let store = Store::open(&path)?;
    let report = store.check()?;
    assert_eq!(report.schema_version, SCHEMA_VERSION);
    assert!(report.passed(), "{:?}", report.problems);
    let view = store.read()?;
    let kept = view.revision::<Client>(Key::id(2))?.expect("client 2");
    assert_eq!((kept.rev, kept.by), (Rev(7), Some(UserId(1))));
    assert!(kept.at.is_some());
    let old = view.revision::<Client>(Key::id(3))?.expect("client 3");
    assert_eq!((old.rev, old.by), (Rev(0), None));
    assert_eq!(view.last_seq()?, 7);
    assert_eq!(
        view.get::<Client>(2)?.map(|c| c.name),
        Some("可口可乐".into())
    );
    drop(view);

    // Writes go on from the last sequence number, over the revisions the rows kept.
    let next = store.write(|tx| tx.put_over(&client(2, "可口可乐（中国）"), Some(Rev(7))))?;
    assert_eq!(next, Rev(8));
    assert!(matches!(
        store.write(|tx| tx.put_over(&client(3, "农夫山泉股份"), Some(Rev(5)))),
        Err(StoreError::Conflict { .. })
    ));
    let next = store.write(|tx| tx.put_over(&client(3, "农夫山泉股份"), Some(Rev(0))))?;
    assert_eq!(next, Rev(9));
    let view = store.read()?;
    assert_eq!(view.last_seq()?, 9);
    let feed = view.changed_since(7, 10)?.expect("the feed reaches back");
    assert_eq!(
        feed.iter().map(|e| (e.seq, e.key.id)).collect::<Vec<_>>(),
        [(8, 2), (9, 3)]
    );
    drop(view);
    drop(store);

    // The table is gone from the file.
    let db = redb::Database::open(&path)?;
    let tables: Vec<String> = db
        .begin_read()?
        .list_tables()?
        .map(|t| t.name().to_string())
        .collect();
    assert!(!tables.iter().any(|t| t == "revisions"), "{tables:?}");
    Ok(())
}

#[test]
fn an_unreadable_revision_entry_stops_the_migration_and_commits_none_of_it()
-> Result<(), StoreError> {
    let (_dir, path) = temp_db();
    schema_5_file(&path, Some(&[1, 2, 3]))?;
    let opened = Store::open(&path);
    let Err(e) = opened else {
        panic!("a damaged revision entry was migrated");
    };
    assert!(e.to_string().contains("revisions"), "{e}");
    // Nothing of the migration was committed: the file is still schema 5.
    let old = Store::open_checked(&path)?;
    assert_eq!(old.check()?.schema_version, 5);
    Ok(())
}
