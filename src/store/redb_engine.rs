//! The desk's engine: one redb file. Each kind has its own table (named in
//! [`super::kinds::KINDS`]) holding the record envelopes; beside them, `revisions` keeps every
//! row's bookkeeping (revision, writer, access attributes) under `(kind, id, version)`, and
//! `feed` the change feed by sequence number. Rows written before schema 5 have no
//! bookkeeping and read as revision 0.

use super::backend::{
    Access, Backend, Expect, FeedEntry, Key, KeyShape, ReadTxn, Rev, RowMeta, StoredRow,
    WriteRefusal, WriteStamp, WriteTxn, feed_trim, meta_bytes,
};
use super::codec::Kind;
use super::contain::contain;
use super::lock::DbLock;
use super::tables::{FEED, JOB_SEQ, KEY_LAST_ID, KEY_LAST_SEQ, META, REVISIONS};
use super::{Shared, StoreError, seal};
use redb::{ReadableDatabase, ReadableTable, ReadableTableMetadata, TableDefinition};
use std::any::Any;
use std::sync::Arc;
use std::sync::atomic::Ordering;

/// An open redb file.
pub(super) struct RedbEngine {
    /// `None` only while being dropped.
    db: Option<redb::Database>,
    shared: Arc<Shared>,
    /// Whether a clean close writes the clean-close seal.
    seal_on_close: bool,
    /// Declared last: released after the database is closed and sealed.
    _lock: Option<DbLock>,
}

impl RedbEngine {
    pub(super) fn new(
        db: redb::Database,
        shared: Arc<Shared>,
        seal_on_close: bool,
        lock: Option<DbLock>,
    ) -> RedbEngine {
        RedbEngine {
            db: Some(db),
            shared,
            seal_on_close,
            _lock: lock,
        }
    }

    /// The redb database, for checks and backups.
    pub(super) fn db(&self) -> Result<&redb::Database, StoreError> {
        self.db
            .as_ref()
            .ok_or_else(|| StoreError::Engine("the database is closed".into()))
    }
}

impl Drop for RedbEngine {
    fn drop(&mut self) {
        let db = self.db.take();
        // Closing writes redb's clean-shutdown state; on a damaged file that may panic.
        let closed = contain(|| {
            drop(db);
            Ok(())
        });
        if closed.is_err() {
            log::warn!(
                "{} did not close cleanly; it is checked whole at the next open",
                self.shared.path.display()
            );
            return;
        }
        if self.seal_on_close
            && !self.shared.damaged.load(Ordering::SeqCst)
            && !std::thread::panicking()
        {
            seal::write(&self.shared.path);
        }
    }
}

impl Backend for RedbEngine {
    fn begin_read(&self) -> Result<Box<dyn ReadTxn>, StoreError> {
        Ok(Box::new(RedbRead {
            tx: self.db()?.begin_read()?,
        }))
    }

    fn begin_write(&self) -> Result<Box<dyn WriteTxn>, StoreError> {
        Ok(Box::new(RedbWrite {
            tx: self.db()?.begin_write()?,
        }))
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// The table of an id-keyed kind.
fn id_table(kind: Kind) -> TableDefinition<'static, u64, &'static [u8]> {
    TableDefinition::new(kind.table())
}

/// The table of a kind versioned under a job.
fn pair_table(kind: Kind) -> TableDefinition<'static, (u64, u32), &'static [u8]> {
    TableDefinition::new(kind.table())
}

fn meta_key(kind: Kind, key: Key) -> (u8, u64, u32) {
    (kind as u8, key.id, key.version)
}

fn row_meta(
    revisions: Option<&impl ReadableTable<(u8, u64, u32), &'static [u8]>>,
    kind: Kind,
    key: Key,
) -> Result<RowMeta, StoreError> {
    let Some(t) = revisions else {
        return Ok(RowMeta::default());
    };
    match t.get(meta_key(kind, key))? {
        Some(v) => decode_meta(kind, key, v.value()),
        None => Ok(RowMeta::default()),
    }
}

fn decode_meta(kind: Kind, key: Key, bytes: &[u8]) -> Result<RowMeta, StoreError> {
    meta_bytes::decode(bytes).ok_or_else(|| StoreError::Record {
        table: "revisions",
        key: key.text(kind.spec().shape),
        source: super::codec::CodecError::Damaged {
            kind: kind.name(),
            detail: "its revision entry is unreadable".into(),
        },
    })
}

fn feed_entry(seq: u64, bytes: &[u8]) -> Result<FeedEntry, StoreError> {
    let bad = || StoreError::Record {
        table: "feed",
        key: seq.to_string(),
        source: super::codec::CodecError::NotARecord,
    };
    if bytes.len() != 14 {
        return Err(bad());
    }
    let kind = Kind::from_code(bytes[0]).ok_or_else(bad)?;
    let id = u64::from_le_bytes(bytes[1..9].try_into().map_err(|_| bad())?);
    let version = u32::from_le_bytes(bytes[9..13].try_into().map_err(|_| bad())?);
    Ok(FeedEntry {
        seq,
        kind,
        key: Key::pair(id, version),
        removed: bytes[13] != 0,
    })
}

fn feed_bytes(kind: Kind, key: Key, removed: bool) -> [u8; 14] {
    let mut out = [0u8; 14];
    out[0] = kind as u8;
    out[1..9].copy_from_slice(&key.id.to_le_bytes());
    out[9..13].copy_from_slice(&key.version.to_le_bytes());
    out[13] = u8::from(removed);
    out
}

fn meta_u64(
    meta: Option<&impl ReadableTable<&'static str, &'static [u8]>>,
    name: &'static str,
) -> Result<u64, StoreError> {
    let Some(meta) = meta else { return Ok(0) };
    match meta.get(name)? {
        Some(v) => {
            let arr: [u8; 8] = v.value().try_into().map_err(|_| StoreError::Record {
                table: "meta",
                key: name.into(),
                source: super::codec::CodecError::NotARecord,
            })?;
            Ok(u64::from_le_bytes(arr))
        }
        None => Ok(0),
    }
}

/// The reads both transactions share, over whatever tables the transaction opens.
macro_rules! redb_reads {
    () => {
        fn get(&self, kind: Kind, key: Key) -> Result<Option<StoredRow>, StoreError> {
            let bytes = match kind.spec().shape {
                KeyShape::Id => match self.open(id_table(kind))? {
                    Some(t) => t.get(key.id)?.map(|v| v.value().to_vec()),
                    None => None,
                },
                KeyShape::Pair => match self.open(pair_table(kind))? {
                    Some(t) => t.get((key.id, key.version))?.map(|v| v.value().to_vec()),
                    None => None,
                },
                KeyShape::Single(name) => match self.open(META)? {
                    Some(t) => t.get(name)?.map(|v| v.value().to_vec()),
                    None => None,
                },
            };
            let Some(bytes) = bytes else { return Ok(None) };
            let meta = row_meta(self.open(REVISIONS)?.as_ref(), kind, key)?;
            Ok(Some(StoredRow { bytes, meta }))
        }

        fn meta(&self, kind: Kind, key: Key) -> Result<Option<RowMeta>, StoreError> {
            // A revision entry exists only beside its row: when there is one, the row's
            // bytes need not be read.
            if kind.spec().revisioned
                && let Some(t) = self.open(REVISIONS)?
                && let Some(v) = t.get(meta_key(kind, key))?
            {
                return decode_meta(kind, key, v.value()).map(Some);
            }
            // No entry: a row written before revisions were kept (revision 0), or none.
            let exists = match kind.spec().shape {
                KeyShape::Id => match self.open(id_table(kind))? {
                    Some(t) => t.get(key.id)?.is_some(),
                    None => false,
                },
                KeyShape::Pair => match self.open(pair_table(kind))? {
                    Some(t) => t.get((key.id, key.version))?.is_some(),
                    None => false,
                },
                KeyShape::Single(name) => match self.open(META)? {
                    Some(t) => t.get(name)?.is_some(),
                    None => false,
                },
            };
            Ok(exists.then(RowMeta::default))
        }

        fn range(
            &self,
            kind: Kind,
            (from, to): (Key, Key),
            reverse: bool,
            meta: bool,
            each: &mut dyn FnMut(Key, StoredRow) -> Result<bool, StoreError>,
        ) -> Result<(), StoreError> {
            if let KeyShape::Single(_) = kind.spec().shape {
                if let Some(row) = self.get(kind, Key::ONE)? {
                    each(Key::ONE, row)?;
                }
                return Ok(());
            }
            let revisions = if meta { self.open(REVISIONS)? } else { None };
            let mut visit = |key: Key, bytes: &[u8]| -> Result<bool, StoreError> {
                let meta = row_meta(revisions.as_ref(), kind, key)?;
                each(
                    key,
                    StoredRow {
                        bytes: bytes.to_vec(),
                        meta,
                    },
                )
            };
            match kind.spec().shape {
                KeyShape::Id => {
                    let Some(t) = self.open(id_table(kind))? else {
                        return Ok(());
                    };
                    let rows = t.range(from.id..=to.id)?;
                    let rows: Box<dyn Iterator<Item = _>> = if reverse {
                        Box::new(rows.rev())
                    } else {
                        Box::new(rows)
                    };
                    for row in rows {
                        let (k, v) = row?;
                        if !visit(Key::id(k.value()), v.value())? {
                            break;
                        }
                    }
                }
                KeyShape::Pair => {
                    let Some(t) = self.open(pair_table(kind))? else {
                        return Ok(());
                    };
                    let rows = t.range((from.id, from.version)..=(to.id, to.version))?;
                    let rows: Box<dyn Iterator<Item = _>> = if reverse {
                        Box::new(rows.rev())
                    } else {
                        Box::new(rows)
                    };
                    for row in rows {
                        let (k, v) = row?;
                        let (id, version) = k.value();
                        if !visit(Key::pair(id, version), v.value())? {
                            break;
                        }
                    }
                }
                KeyShape::Single(_) => {}
            }
            Ok(())
        }

        fn count(&self, kind: Kind) -> Result<u64, StoreError> {
            Ok(match kind.spec().shape {
                KeyShape::Id => match self.open(id_table(kind))? {
                    Some(t) => t.len()?,
                    None => 0,
                },
                KeyShape::Pair => match self.open(pair_table(kind))? {
                    Some(t) => t.len()?,
                    None => 0,
                },
                KeyShape::Single(_) => u64::from(self.get(kind, Key::ONE)?.is_some()),
            })
        }

        fn feed_since(&self, seq: u64, limit: usize) -> Result<Vec<FeedEntry>, StoreError> {
            let Some(t) = self.open(FEED)? else {
                return Ok(Vec::new());
            };
            let mut out = Vec::new();
            for row in t.range(seq.saturating_add(1)..)? {
                if out.len() >= limit {
                    break;
                }
                let (k, v) = row?;
                out.push(feed_entry(k.value(), v.value())?);
            }
            Ok(out)
        }

        fn last_seq(&self) -> Result<u64, StoreError> {
            meta_u64(self.open(META)?.as_ref(), KEY_LAST_SEQ)
        }
    };
}

/// A redb read transaction.
pub(super) struct RedbRead {
    pub(super) tx: redb::ReadTransaction,
}

impl RedbRead {
    fn open<K: redb::Key + 'static, V: redb::Value + 'static>(
        &self,
        def: TableDefinition<K, V>,
    ) -> Result<Option<redb::ReadOnlyTable<K, V>>, StoreError> {
        match self.tx.open_table(def) {
            Ok(t) => Ok(Some(t)),
            Err(redb::TableError::TableDoesNotExist(_)) => Ok(None),
            Err(e) => Err(e.into()),
        }
    }
}

impl ReadTxn for RedbRead {
    redb_reads!();

    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// A redb write transaction.
pub(super) struct RedbWrite {
    pub(super) tx: redb::WriteTransaction,
}

impl RedbWrite {
    fn open<K: redb::Key + 'static, V: redb::Value + 'static>(
        &self,
        def: TableDefinition<K, V>,
    ) -> Result<Option<redb::Table<'_, K, V>>, StoreError> {
        Ok(Some(self.tx.open_table(def)?))
    }

    /// Hands out the next sequence number (the revision of the write being made).
    fn next_seq(&mut self) -> Result<u64, StoreError> {
        let mut meta = self.tx.open_table(META)?;
        let next = meta_u64(Some(&meta), KEY_LAST_SEQ)? + 1;
        meta.insert(KEY_LAST_SEQ, next.to_le_bytes().as_slice())?;
        Ok(next)
    }

    fn record_write(
        &mut self,
        kind: Kind,
        key: Key,
        meta: Option<RowMeta>,
        seq: u64,
    ) -> Result<(), StoreError> {
        {
            let mut revisions = self.tx.open_table(REVISIONS)?;
            match meta {
                Some(m) => {
                    revisions.insert(meta_key(kind, key), meta_bytes::encode(&m).as_slice())?;
                }
                None => {
                    revisions.remove(meta_key(kind, key))?;
                }
            }
        }
        let mut feed = self.tx.open_table(FEED)?;
        feed.insert(seq, feed_bytes(kind, key, meta.is_none()).as_slice())?;
        if let Some(upto) = feed_trim(seq) {
            feed.retain_in(..=upto, |_, _| false)?;
        }
        Ok(())
    }
}

impl ReadTxn for RedbWrite {
    redb_reads!();

    fn as_any(&self) -> &dyn Any {
        self
    }
}

impl WriteTxn for RedbWrite {
    fn put(
        &mut self,
        kind: Kind,
        key: Key,
        expect: Expect,
        bytes: &[u8],
        access: Access,
        written: WriteStamp,
    ) -> Result<Rev, WriteRefusal> {
        expect.check(self.meta(kind, key)?)?;
        let tracked = kind.spec().revisioned;
        let seq = if tracked { self.next_seq()? } else { 0 };
        match kind.spec().shape {
            KeyShape::Id => {
                self.tx
                    .open_table(id_table(kind))
                    .map_err(StoreError::from)?
                    .insert(key.id, bytes)
                    .map_err(StoreError::from)?;
            }
            KeyShape::Pair => {
                self.tx
                    .open_table(pair_table(kind))
                    .map_err(StoreError::from)?
                    .insert((key.id, key.version), bytes)
                    .map_err(StoreError::from)?;
            }
            KeyShape::Single(name) => {
                self.tx
                    .open_table(META)
                    .map_err(StoreError::from)?
                    .insert(name, bytes)
                    .map_err(StoreError::from)?;
            }
        }
        if tracked {
            let meta = RowMeta {
                rev: Rev(seq),
                written: Some(written),
                access,
            };
            self.record_write(kind, key, Some(meta), seq)?;
        }
        Ok(Rev(seq))
    }

    fn remove(
        &mut self,
        kind: Kind,
        key: Key,
        expect: Rev,
        _written: WriteStamp,
    ) -> Result<(), WriteRefusal> {
        Expect::At(expect).check(self.meta(kind, key)?)?;
        let tracked = kind.spec().revisioned;
        let seq = if tracked { self.next_seq()? } else { 0 };
        match kind.spec().shape {
            KeyShape::Id => {
                self.tx
                    .open_table(id_table(kind))
                    .map_err(StoreError::from)?
                    .remove(key.id)
                    .map_err(StoreError::from)?;
            }
            KeyShape::Pair => {
                self.tx
                    .open_table(pair_table(kind))
                    .map_err(StoreError::from)?
                    .remove((key.id, key.version))
                    .map_err(StoreError::from)?;
            }
            KeyShape::Single(name) => {
                self.tx
                    .open_table(META)
                    .map_err(StoreError::from)?
                    .remove(name)
                    .map_err(StoreError::from)?;
            }
        }
        if tracked {
            self.record_write(kind, key, None, seq)?;
        }
        Ok(())
    }

    fn next_id(&mut self) -> Result<u64, StoreError> {
        let mut meta = self.tx.open_table(META)?;
        let next = meta_u64(Some(&meta), KEY_LAST_ID)? + 1;
        meta.insert(KEY_LAST_ID, next.to_le_bytes().as_slice())?;
        Ok(next)
    }

    fn allocate_job_seq(
        &mut self,
        year: i32,
        issue: &mut dyn FnMut(Option<u32>) -> Result<u32, StoreError>,
    ) -> Result<u32, StoreError> {
        let mut seqs = self.tx.open_table(JOB_SEQ)?;
        let last = seqs.get(year)?.map(|v| v.value());
        let next = issue(last)?;
        seqs.insert(year, next)?;
        Ok(next)
    }

    fn commit(self: Box<Self>) -> Result<(), StoreError> {
        self.tx.commit()?;
        Ok(())
    }

    fn as_any_mut(&mut self) -> &mut dyn Any {
        self
    }
}
