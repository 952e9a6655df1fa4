//! The second engine: everything in memory, for tests (the store's whole suite runs against
//! it and against redb) and for trying a change without a file. A read view is an immutable
//! snapshot shared by reference; a write transaction works on its own copy and replaces the
//! snapshot on commit, one writer at a time.

use super::StoreError;
use super::backend::{
    Access, Backend, Counters, Expect, FeedEntry, Key, ReadTxn, Rev, RowMeta, StoredRow,
    WriteRefusal, WriteStamp, WriteTxn, feed_trim,
};
use super::codec::Kind;
use std::any::Any;
use std::collections::BTreeMap;
use std::sync::{Arc, Condvar, Mutex};

#[derive(Debug, Clone, Default)]
struct State {
    rows: BTreeMap<(Kind, Key), StoredRow>,
    feed: BTreeMap<u64, FeedEntry>,
    last_id: u64,
    last_seq: u64,
    job_seq: BTreeMap<i32, u32>,
}

/// An engine keeping everything in memory.
#[derive(Debug, Default)]
pub struct MemoryEngine {
    inner: Arc<Inner>,
}

#[derive(Debug, Default)]
struct Inner {
    /// The committed state; a read view shares it.
    current: Mutex<Arc<State>>,
    /// Whether a write transaction is open (writers take turns).
    writing: Mutex<bool>,
    turn: Condvar,
}

fn poisoned() -> StoreError {
    StoreError::Engine("the in-memory database was left inconsistent by a failed write".into())
}

/// The reads both transactions share, over the state each holds in `self.state`.
macro_rules! impl_reads {
    ($txn:ty) => {
        impl ReadTxn for $txn {
            fn get(&self, kind: Kind, key: Key) -> Result<Option<StoredRow>, StoreError> {
                Ok(self.state.rows.get(&(kind, key)).cloned())
            }

            fn meta(&self, kind: Kind, key: Key) -> Result<Option<RowMeta>, StoreError> {
                Ok(self.state.rows.get(&(kind, key)).map(|r| r.meta))
            }

            fn range(
                &self,
                kind: Kind,
                (from, to): (Key, Key),
                reverse: bool,
                _meta: bool,
                each: &mut dyn FnMut(
                    Key,
                    Result<StoredRow, StoreError>,
                ) -> Result<bool, StoreError>,
            ) -> Result<(), StoreError> {
                let rows = self.state.rows.range((kind, from)..=(kind, to));
                let rows: Box<dyn Iterator<Item = _>> = if reverse {
                    Box::new(rows.rev())
                } else {
                    Box::new(rows)
                };
                for ((_, key), row) in rows {
                    if !each(*key, Ok(row.clone()))? {
                        break;
                    }
                }
                Ok(())
            }

            fn count(&self, kind: Kind) -> Result<u64, StoreError> {
                let lo = Key::pair(0, 0);
                let hi = Key::pair(u64::MAX, u32::MAX);
                Ok(self.state.rows.range((kind, lo)..=(kind, hi)).count() as u64)
            }

            fn feed_since(&self, seq: u64, limit: usize) -> Result<Vec<FeedEntry>, StoreError> {
                Ok(self
                    .state
                    .feed
                    .range(seq.saturating_add(1)..)
                    .take(limit)
                    .map(|(_, e)| *e)
                    .collect())
            }

            fn last_seq(&self) -> Result<u64, StoreError> {
                Ok(self.state.last_seq)
            }

            fn counters(&self) -> Result<Counters, StoreError> {
                Ok(Counters {
                    last_id: self.state.last_id,
                    job_seqs: self.state.job_seq.iter().map(|(y, s)| (*y, *s)).collect(),
                })
            }

            fn as_any(&self) -> &dyn Any {
                self
            }
        }
    };
}

impl Inner {
    fn snapshot(&self) -> Result<Arc<State>, StoreError> {
        Ok(Arc::clone(&*self.current.lock().map_err(|_| poisoned())?))
    }
}

impl MemoryEngine {
    /// An empty in-memory database.
    pub fn new() -> MemoryEngine {
        MemoryEngine::default()
    }
}

impl Backend for MemoryEngine {
    fn begin_read(&self) -> Result<Box<dyn ReadTxn>, StoreError> {
        Ok(Box::new(MemoryRead {
            state: self.inner.snapshot()?,
        }))
    }

    fn begin_write(&self) -> Result<Box<dyn WriteTxn>, StoreError> {
        {
            let mut writing = self.inner.writing.lock().map_err(|_| poisoned())?;
            while *writing {
                writing = self.inner.turn.wait(writing).map_err(|_| poisoned())?;
            }
            *writing = true;
        }
        Ok(Box::new(MemoryWrite {
            state: (*self.inner.snapshot()?).clone(),
            inner: Arc::clone(&self.inner),
        }))
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// A write transaction: its own copy of the state, put in place on commit.
struct MemoryWrite {
    state: State,
    inner: Arc<Inner>,
}

impl Drop for MemoryWrite {
    fn drop(&mut self) {
        // Committed or not, the next writer may go.
        if let Ok(mut writing) = self.inner.writing.lock() {
            *writing = false;
        }
        self.inner.turn.notify_one();
    }
}

impl MemoryWrite {
    /// The next sequence number with its feed entry (0, and none, for a kind that is not
    /// revisioned); the feed is trimmed as [`feed_trim`] says.
    fn next_seq(&mut self, kind: Kind, key: Key, removed: bool) -> u64 {
        if !kind.spec().revisioned {
            return 0;
        }
        self.state.last_seq += 1;
        let seq = self.state.last_seq;
        self.state.feed.insert(
            seq,
            FeedEntry {
                seq,
                kind,
                key,
                removed,
            },
        );
        if let Some(upto) = feed_trim(seq) {
            self.state.feed = self.state.feed.split_off(&(upto + 1));
        }
        seq
    }
}

impl_reads!(MemoryWrite);

impl WriteTxn for MemoryWrite {
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
        let seq = self.next_seq(kind, key, false);
        self.state.rows.insert(
            (kind, key),
            StoredRow {
                bytes: bytes.to_vec(),
                meta: RowMeta {
                    rev: Rev(seq),
                    written: Some(written),
                    access,
                },
            },
        );
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
        self.next_seq(kind, key, true);
        self.state.rows.remove(&(kind, key));
        Ok(())
    }

    fn next_id(&mut self) -> Result<u64, StoreError> {
        self.state.last_id += 1;
        Ok(self.state.last_id)
    }

    fn allocate_job_seq(
        &mut self,
        year: i32,
        issue: &mut dyn FnMut(Option<u32>) -> Result<u32, StoreError>,
    ) -> Result<u32, StoreError> {
        let next = issue(self.state.job_seq.get(&year).copied())?;
        self.state.job_seq.insert(year, next);
        Ok(next)
    }

    fn raise_counters(&mut self, to: &Counters) -> Result<(), StoreError> {
        self.state.last_id = self.state.last_id.max(to.last_id);
        for (year, seq) in &to.job_seqs {
            let last = self.state.job_seq.entry(*year).or_default();
            *last = (*last).max(*seq);
        }
        Ok(())
    }

    fn commit(self: Box<Self>) -> Result<(), StoreError> {
        let mut this = self;
        let state = std::mem::take(&mut this.state);
        *this.inner.current.lock().map_err(|_| poisoned())? = Arc::new(state);
        Ok(())
    }

    fn as_any_mut(&mut self) -> &mut dyn Any {
        self
    }
}

struct MemoryRead {
    state: Arc<State>,
}

impl_reads!(MemoryRead);
