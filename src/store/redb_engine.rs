//! The desk's engine: one redb file. Each kind has its own table (named in
//! [`super::kinds::KINDS`]); a row's value is its bookkeeping (revision, writer, access
//! attributes) followed by the record envelope (see [`row`]), so a write touches one table
//! for the record, plus `feed`, the change feed by sequence number, whose newest key is the
//! last sequence number handed out. Rows written before schema 5 are a bare envelope and
//! read as revision 0.

use super::backend::{
    Access, Backend, Counters, Expect, FeedEntry, Key, KeyShape, ReadTxn, Rev, RowMeta, StoredRow,
    WriteRefusal, WriteStamp, WriteTxn, feed_trim, meta_bytes, scan_job_rows,
};
use super::codec::Kind;
use super::contain::contain;
use super::lock::DbLock;
use super::tables::{BY_JOB, FEED, JOB_SEQ, KEY_LAST_ID, KEY_LAST_SEQ, META};
use super::{Shared, StoreError, seal};
use redb::{ReadableDatabase, ReadableTable, ReadableTableMetadata, TableDefinition};
use std::any::Any;
use std::sync::Arc;
use std::sync::atomic::Ordering;

mod by_job;
pub(super) mod row;

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
        Ok(Box::new(RedbWrite::new(self.db()?.begin_write()?)))
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// The table of an id-keyed kind.
pub(super) fn id_table(kind: Kind) -> TableDefinition<'static, u64, &'static [u8]> {
    TableDefinition::new(kind.table())
}

/// The table of a kind versioned under a job.
pub(super) fn pair_table(kind: Kind) -> TableDefinition<'static, (u64, u32), &'static [u8]> {
    TableDefinition::new(kind.table())
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

/// How both transactions find a row's stored value, over whatever tables they open.
macro_rules! redb_value {
    () => {
        /// Hands the stored value of one row (bookkeeping and envelope) to `read`.
        fn with_value<R>(
            &self,
            kind: Kind,
            key: Key,
            read: impl FnOnce(&[u8]) -> Result<R, StoreError>,
        ) -> Result<Option<R>, StoreError> {
            match kind.spec().shape {
                KeyShape::Id => match self.open(id_table(kind))? {
                    Some(t) => t.get(key.id)?.map(|v| read(v.value())).transpose(),
                    None => Ok(None),
                },
                KeyShape::Pair => match self.open(pair_table(kind))? {
                    Some(t) => t
                        .get((key.id, key.version))?
                        .map(|v| read(v.value()))
                        .transpose(),
                    None => Ok(None),
                },
                KeyShape::Single(name) => match self.open(META)? {
                    Some(t) => t.get(name)?.map(|v| read(v.value())).transpose(),
                    None => Ok(None),
                },
            }
        }
    };
}

/// The reads both transactions share, over whatever tables the transaction opens.
macro_rules! redb_reads {
    () => {
        fn get(&self, kind: Kind, key: Key) -> Result<Option<StoredRow>, StoreError> {
            self.with_value(kind, key, |value| {
                let (meta, envelope) = row::split(kind, key, value)?;
                Ok(StoredRow {
                    bytes: envelope.to_vec(),
                    meta,
                })
            })
        }

        fn meta(&self, kind: Kind, key: Key) -> Result<Option<RowMeta>, StoreError> {
            self.with_value(kind, key, |value| Ok(row::split(kind, key, value)?.0))
        }

        fn range(
            &self,
            kind: Kind,
            (from, to): (Key, Key),
            reverse: bool,
            meta: bool,
            each: &mut dyn FnMut(Key, Result<StoredRow, StoreError>) -> Result<bool, StoreError>,
        ) -> Result<(), StoreError> {
            let mut visit = |key: Key, value: &[u8]| -> Result<bool, StoreError> {
                let row = if meta {
                    row::split(kind, key, value).map(|(meta, envelope)| StoredRow {
                        bytes: envelope.to_vec(),
                        meta,
                    })
                } else {
                    Ok(StoredRow {
                        bytes: row::envelope(value).to_vec(),
                        meta: RowMeta::default(),
                    })
                };
                each(key, row)
            };
            if let KeyShape::Single(name) = kind.spec().shape {
                let value = match self.open(META)? {
                    Some(t) => t.get(name)?.map(|v| v.value().to_vec()),
                    None => None,
                };
                if let Some(value) = value {
                    visit(Key::ONE, &value)?;
                }
                return Ok(());
            }
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

        fn job_rows(
            &self,
            kind: Kind,
            job: u64,
            each: &mut dyn FnMut(Key, Result<StoredRow, StoreError>) -> Result<bool, StoreError>,
        ) -> Result<(), StoreError> {
            // A file not yet migrated to schema 8 has no index: it is read whole.
            let keys = match kind.by_job() {
                true => match self.open(BY_JOB)? {
                    Some(index) => Some(by_job::keys(&index, kind, job)?),
                    None => None,
                },
                false => None,
            };
            let Some(keys) = keys else {
                return scan_job_rows(self, kind, job, each);
            };
            for key in keys {
                let row = match self.get(kind, key) {
                    Ok(Some(row)) => Ok(row),
                    Ok(None) => continue,
                    Err(e) => Err(e),
                };
                if !each(key, row)? {
                    break;
                }
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
            // The feed's newest entry; a file of schema 5 also kept the number in `meta`.
            let newest = match self.open(FEED)? {
                Some(t) => t.last()?.map_or(0, |(k, _)| k.value()),
                None => 0,
            };
            Ok(newest.max(meta_u64(self.open(META)?.as_ref(), KEY_LAST_SEQ)?))
        }

        fn counters(&self) -> Result<Counters, StoreError> {
            let mut job_seqs = Vec::new();
            if let Some(t) = self.open(JOB_SEQ)? {
                for row in t.iter()? {
                    let (year, seq) = row?;
                    job_seqs.push((year.value(), seq.value()));
                }
            }
            Ok(Counters {
                last_id: meta_u64(self.open(META)?.as_ref(), KEY_LAST_ID)?,
                job_seqs,
            })
        }
    };
}

/// A redb read transaction.
pub(super) struct RedbRead {
    pub(super) tx: redb::ReadTransaction,
}

impl RedbRead {
    redb_value!();

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
    /// The last sequence number handed out, once this transaction has read or advanced it.
    last_seq: Option<u64>,
}

impl RedbWrite {
    pub(super) fn new(tx: redb::WriteTransaction) -> RedbWrite {
        RedbWrite { tx, last_seq: None }
    }
}

impl RedbWrite {
    redb_value!();

    fn open<K: redb::Key + 'static, V: redb::Value + 'static>(
        &self,
        def: TableDefinition<K, V>,
    ) -> Result<Option<redb::Table<'_, K, V>>, StoreError> {
        Ok(Some(self.tx.open_table(def)?))
    }

    /// Hands out the next sequence number (the revision of the write being made). The
    /// feed entry written with it is what makes it the last one handed out.
    fn next_seq(&mut self) -> Result<u64, StoreError> {
        let last = match self.last_seq {
            Some(seq) => seq,
            None => ReadTxn::last_seq(self)?,
        };
        let next = last + 1;
        self.last_seq = Some(next);
        Ok(next)
    }

    /// Enters a write in the change feed, trimming the feed when it is due.
    fn record_write(
        &mut self,
        kind: Kind,
        key: Key,
        removed: bool,
        seq: u64,
    ) -> Result<(), StoreError> {
        let mut feed = self.tx.open_table(FEED)?;
        feed.insert(seq, feed_bytes(kind, key, removed).as_slice())?;
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
        let found = self.meta(kind, key)?;
        let was = found.as_ref().map(|m| m.access.job);
        expect.check(found)?;
        by_job::move_row(&self.tx, kind, key, was, Some(access.job))?;
        let tracked = kind.spec().revisioned;
        let seq = if tracked { self.next_seq()? } else { 0 };
        // An untracked row (the change log's) stays a bare envelope.
        let joined;
        let bytes = if tracked {
            let meta = RowMeta {
                rev: Rev(seq),
                written: Some(written),
                access,
            };
            joined = row::join(&meta, bytes);
            joined.as_slice()
        } else {
            bytes
        };
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
            self.record_write(kind, key, false, seq)?;
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
        let found = self.meta(kind, key)?;
        let was = found.as_ref().map(|m| m.access.job);
        Expect::At(expect).check(found)?;
        by_job::move_row(&self.tx, kind, key, was, None)?;
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
            self.record_write(kind, key, true, seq)?;
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

    fn raise_counters(&mut self, to: &Counters) -> Result<(), StoreError> {
        let mut meta = self.tx.open_table(META)?;
        let last_id = meta_u64(Some(&meta), KEY_LAST_ID)?.max(to.last_id);
        meta.insert(KEY_LAST_ID, last_id.to_le_bytes().as_slice())?;
        let mut seqs = self.tx.open_table(JOB_SEQ)?;
        for (year, seq) in &to.job_seqs {
            let last = seqs.get(*year)?.map_or(0, |v| v.value());
            seqs.insert(*year, last.max(*seq))?;
        }
        Ok(())
    }

    fn commit(self: Box<Self>) -> Result<(), StoreError> {
        self.tx.commit()?;
        Ok(())
    }

    fn as_any_mut(&mut self) -> &mut dyn Any {
        self
    }
}
