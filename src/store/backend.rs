//! The storage backend: what an engine must do for Account Desk, in terms of kinds and keys
//! mapped to versioned bytes. The typed store ([`super::Store`], [`super::ReadView`],
//! [`super::WriteTx`]) is written once on top of it; each engine is one file implementing
//! these traits ([`super::redb_engine`] on a desk, [`super::memory`] for tests, and a shared
//! PostgreSQL later — see `docs/ARCHITECTURE.md` for how each operation maps onto SQL).
//!
//! Every row carries a [`Rev`]: the sequence number of the write that produced it, taken
//! from one counter for the whole database, so it doubles as the position in the change
//! feed. Every write states the revision it replaces ([`Expect`]); the engine refuses a
//! stale one with [`WriteRefusal::Stale`], naming the row's current revision and who wrote
//! it when.

use super::StoreError;
use super::codec::Kind;
use std::any::Any;

/// A record's key within its kind: an id, a `(job, version)` pair, or the one record of a
/// single-record kind (settings, templates) at `(0, 0)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Key {
    /// The id, or the job of a versioned record.
    pub id: u64,
    /// The version of a versioned record (0 for the others).
    pub version: u32,
}

impl Key {
    /// The key of a record with an id.
    pub const fn id(id: u64) -> Key {
        Key { id, version: 0 }
    }

    /// The key of a record versioned under a job.
    pub const fn pair(id: u64, version: u32) -> Key {
        Key { id, version }
    }

    /// The key of a single-record kind.
    pub const ONE: Key = Key { id: 0, version: 0 };

    /// As shown in messages for a kind of this shape: `42`, `42/3`, or the kind's name.
    pub fn text(self, shape: KeyShape) -> String {
        match shape {
            KeyShape::Id => self.id.to_string(),
            KeyShape::Pair => format!("{}/{}", self.id, self.version),
            KeyShape::Single(name) => name.to_string(),
        }
    }
}

/// How a kind's records are keyed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyShape {
    /// By id (`Key::id`).
    Id,
    /// By `(job, version)` (`Key::pair`).
    Pair,
    /// One record, kept under this name in the engine's meta area.
    Single(&'static str),
}

/// How many entries of the change feed are kept at least: a screen that fell further behind
/// reloads everything (see `ReadView::changed_since`). Keeps the feed from growing with every
/// write.
pub const FEED_KEEP: u64 = 10_000;

/// The feed is trimmed once every this many writes (at each sequence number divisible by
/// it), of every entry older than the last [`FEED_KEEP`]: it holds between `FEED_KEEP` and
/// `FEED_KEEP + FEED_TRIM - 1` entries. Trimming in batches spares most writes a second
/// place in the feed to change.
pub const FEED_TRIM: u64 = 256;

/// Whether the write with sequence number `seq` trims the feed, and of which entries (every
/// one up to and including the returned number).
pub fn feed_trim(seq: u64) -> Option<u64> {
    (seq > FEED_KEEP && seq.is_multiple_of(FEED_TRIM)).then(|| seq - FEED_KEEP)
}

/// A write's operation id, made by the program: recorded with the write on a team database,
/// so that a retry of the same write is recognised (see [`super::Store::write_once`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct OpId(pub [u8; 16]);

impl OpId {
    /// A new, random operation id.
    pub fn new() -> OpId {
        let mut bytes = [0u8; 16];
        if getrandom::fill(&mut bytes).is_err() {
            // No system randomness: the time and a counter of this process are unique
            // enough for one desk's retries.
            static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
            let now = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos() as u64);
            bytes[..8].copy_from_slice(&now.to_le_bytes());
            let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
                ^ u64::from(std::process::id());
            bytes[8..].copy_from_slice(&n.to_le_bytes());
        }
        OpId(bytes)
    }
}

impl Default for OpId {
    fn default() -> Self {
        OpId::new()
    }
}

/// A revision: the number of the write that produced a row. `Rev(0)` is a row written
/// before revisions were kept (schemas 1–4); every later write gets a higher number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Rev(pub u64);

impl std::fmt::Display for Rev {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "r{}", self.0)
    }
}

/// What a write expects to find where it writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expect {
    /// No row: the write creates the record.
    Absent,
    /// The row at exactly this revision.
    At(Rev),
}

impl Expect {
    /// Whether a row whose bookkeeping is `found` (`None`: no row) is what the write
    /// expects; the refusal names what was found instead.
    pub fn check(self, found: Option<RowMeta>) -> Result<(), WriteRefusal> {
        let fine = match (self, found) {
            (Expect::Absent, None) => true,
            (Expect::At(rev), Some(meta)) => meta.rev == rev,
            _ => false,
        };
        if fine {
            Ok(())
        } else {
            Err(WriteRefusal::Stale {
                expected: self,
                found,
            })
        }
    }
}

/// The access attributes of a record: what it belongs to, kept by the engine as plain
/// columns beside the bytes (a database server cannot look inside the bytes; its row rules
/// and checks work on these). `0` is "none".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Access {
    /// The client the record belongs to.
    pub client: u64,
    /// The job it belongs to.
    pub job: u64,
    /// Its state, as the kind's own code (a job's status, a meeting's minutes step…).
    pub state: u8,
    /// The person responsible for it (a job's AE, a change's author).
    pub owner: u64,
}

/// Who wrote a row and when: stamped by the engine on every write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct WriteStamp {
    /// The user id of the writer (0: the program itself, e.g. a migration).
    pub by: u64,
    /// Unix milliseconds.
    pub at_ms: i64,
    /// For an undo: the revision whose content this write puts back (0: not an undo). An
    /// earlier undo of the same record checks against it, so undoing twice in a row works
    /// while a colleague's change in between is still caught.
    pub restores: u64,
}

/// A row's bookkeeping beside its bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RowMeta {
    /// The revision of the row.
    pub rev: Rev,
    /// Who wrote it when (`None` for rows from before revisions were kept).
    pub written: Option<WriteStamp>,
    /// Its access attributes.
    pub access: Access,
}

/// A stored row: the record's bytes (an envelope, see [`super::codec`]) and its bookkeeping.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredRow {
    /// The record envelope.
    pub bytes: Vec<u8>,
    /// Revision, writer, access attributes.
    pub meta: RowMeta,
}

/// What a database has handed out: the last record id and each year's last job-number
/// sequence. Moving a database to another engine carries them over, so nothing is handed
/// out twice.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counters {
    /// The last record id handed out.
    pub last_id: u64,
    /// `(year, last sequence)` for every year a job number was issued in, by year.
    pub job_seqs: Vec<(i32, u32)>,
}

/// One entry of the change feed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FeedEntry {
    /// The sequence number (the revision the write produced).
    pub seq: u64,
    /// The kind written.
    pub kind: Kind,
    /// The key written.
    pub key: Key,
    /// Whether the write removed the row.
    pub removed: bool,
}

/// Why an engine refused a write.
#[derive(Debug)]
pub enum WriteRefusal {
    /// The row is not at the revision the write expected.
    Stale {
        /// What the write expected.
        expected: Expect,
        /// The row as it is (`None`: there is none).
        found: Option<RowMeta>,
    },
    /// The engine failed.
    Failed(StoreError),
}

impl From<StoreError> for WriteRefusal {
    fn from(e: StoreError) -> Self {
        WriteRefusal::Failed(e)
    }
}

/// A consistent view for reading: every read sees the database as it was when the view
/// began (or, in a write transaction, with the transaction's own writes).
pub trait ReadTxn {
    /// One row.
    fn get(&self, kind: Kind, key: Key) -> Result<Option<StoredRow>, StoreError>;

    /// One row's bookkeeping, without its bytes (`None`: no row): what a write checks
    /// before it replaces the row.
    fn meta(&self, kind: Kind, key: Key) -> Result<Option<RowMeta>, StoreError> {
        Ok(self.get(kind, key)?.map(|row| row.meta))
    }

    /// The rows of `kind` with keys in `from..=to`, in key order (reversed when `reverse`),
    /// handed to `each` one at a time until it returns `false`. With `meta` false the rows'
    /// bookkeeping is not read (it reads as the default): for readers that want the records
    /// only, such as loading every job. A row whose bookkeeping is damaged is handed over as
    /// the error, so that a check can go on past it.
    fn range(
        &self,
        kind: Kind,
        span: (Key, Key),
        reverse: bool,
        meta: bool,
        each: &mut dyn FnMut(Key, Result<StoredRow, StoreError>) -> Result<bool, StoreError>,
    ) -> Result<(), StoreError>;

    /// The rows of `kind` that belong to `job` (their access attributes name it), in key
    /// order, handed to `each` until it returns `false`. An engine keeps an index for the
    /// kinds [`Kind::by_job`] names; any other kind is read whole and filtered.
    fn job_rows(
        &self,
        kind: Kind,
        job: u64,
        each: &mut dyn FnMut(Key, Result<StoredRow, StoreError>) -> Result<bool, StoreError>,
    ) -> Result<(), StoreError> {
        scan_job_rows(self, kind, job, each)
    }

    /// How many rows `kind` holds.
    fn count(&self, kind: Kind) -> Result<u64, StoreError>;

    /// The change feed after `seq`, oldest first, at most `limit` entries.
    fn feed_since(&self, seq: u64, limit: usize) -> Result<Vec<FeedEntry>, StoreError>;

    /// The last sequence number handed out (0 before the first revisioned write).
    fn last_seq(&self) -> Result<u64, StoreError>;

    /// The last id and job-number sequences handed out.
    fn counters(&self) -> Result<Counters, StoreError>;

    /// The oldest sequence number the feed still keeps (`None`: it is empty). On a team
    /// database a person may not see every entry; this counts them all, so a gap the walls
    /// make is not taken for a feed that no longer reaches back.
    fn feed_floor(&self) -> Result<Option<u64>, StoreError> {
        Ok(self.feed_since(0, 1)?.first().map(|e| e.seq))
    }

    /// The engine's own view, for engine-specific work inside `store/` (checks, backups).
    fn as_any(&self) -> &dyn Any;
}

/// [`ReadTxn::job_rows`] without an index: every row of the kind, filtered. A damaged row is
/// handed over as the error (its job cannot be read).
pub fn scan_job_rows(
    txn: &(impl ReadTxn + ?Sized),
    kind: Kind,
    job: u64,
    each: &mut dyn FnMut(Key, Result<StoredRow, StoreError>) -> Result<bool, StoreError>,
) -> Result<(), StoreError> {
    let all = (Key::pair(0, 0), Key::pair(u64::MAX, u32::MAX));
    txn.range(kind, all, false, true, &mut |key, row| match row {
        Ok(row) if row.meta.access.job != job => Ok(true),
        row => each(key, row),
    })
}

/// One atomic write transaction: everything written commits together or not at all.
pub trait WriteTxn: ReadTxn {
    /// Writes a row if the current one is as expected; returns the new revision.
    fn put(
        &mut self,
        kind: Kind,
        key: Key,
        expect: Expect,
        bytes: &[u8],
        access: Access,
        written: WriteStamp,
    ) -> Result<Rev, WriteRefusal>;

    /// Removes a row if it is at the expected revision.
    fn remove(
        &mut self,
        kind: Kind,
        key: Key,
        expect: Rev,
        written: WriteStamp,
    ) -> Result<(), WriteRefusal>;

    /// Hands out a new record id, unique across all kinds, never handed out twice.
    fn next_id(&mut self) -> Result<u64, StoreError>;

    /// Allocates the next job-number sequence of `year`: `issue` gets the last one issued
    /// (`None` for the first of the year) and returns the new one, which is recorded before
    /// the transaction commits — two writers can never get the same.
    fn allocate_job_seq(
        &mut self,
        year: i32,
        issue: &mut dyn FnMut(Option<u32>) -> Result<u32, StoreError>,
    ) -> Result<u32, StoreError>;

    /// The key of the change log's next entry: one past the last.
    fn next_change_key(&mut self) -> Result<u64, StoreError> {
        let mut last = 0;
        self.range(
            Kind::Change,
            (Key::id(0), Key::id(u64::MAX)),
            true,
            false,
            &mut |key, _| {
                last = key.id;
                Ok(false)
            },
        )?;
        Ok(last + 1)
    }

    /// Claims the operation `op` for this transaction, before anything is written: `false`
    /// when a committed transaction already carried it (the caller then writes nothing).
    /// An engine whose commit can never be in doubt (a desk's file) keeps no operations.
    fn claim_op(&mut self, _op: &OpId) -> Result<bool, StoreError> {
        Ok(true)
    }

    /// Records a step of an estimate's road (its code, the version and the content hash it
    /// is bound to) before the estimate is written: a team database checks it (who may take
    /// it, after which step, on which content) and refuses the estimate's write without it.
    /// `by` (0: the person logged in) counts only for the team's administrator, moving a
    /// database in. A desk's file keeps the steps in the estimate alone.
    fn estimate_step(
        &mut self,
        _estimate: u64,
        _version: u32,
        _step: u8,
        _hash: &[u8; 32],
        _by: u64,
    ) -> Result<(), StoreError> {
        Ok(())
    }

    /// Records a step of a monthly budget report's road (its code, the revision and the hash
    /// of the report as read for review) before the report is written: a team database
    /// checks who may take it and after which step, that an issue is bound to the approved
    /// hash, and refuses the report's write without it. `by` as for
    /// [`Self::estimate_step`]. A desk's file keeps the steps in the report alone.
    fn report_step(
        &mut self,
        _report: u64,
        _revision: u32,
        _step: u8,
        _hash: &[u8; 32],
        _by: u64,
    ) -> Result<(), StoreError> {
        Ok(())
    }

    /// Raises the counters to at least `to` (never lowers one): what moving a database into
    /// this one carries over.
    fn raise_counters(&mut self, to: &Counters) -> Result<(), StoreError>;

    /// Makes every write durable, or none.
    fn commit(self: Box<Self>) -> Result<(), StoreError>;

    /// For engine-specific writes inside `store/` (migrations).
    fn as_any_mut(&mut self) -> &mut dyn Any;
}

/// An engine: hands out read views and write transactions.
pub trait Backend: Send + Sync {
    /// A consistent snapshot for reading.
    fn begin_read(&self) -> Result<Box<dyn ReadTxn>, StoreError>;

    /// A write transaction (writers take turns).
    fn begin_write(&self) -> Result<Box<dyn WriteTxn>, StoreError>;

    /// The engine itself, for engine-specific work inside `store/` (checks, backups).
    fn as_any(&self) -> &dyn Any;
}

/// The stored form of [`RowMeta`] (the redb engine keeps it ahead of each row's envelope,
/// see `redb_engine::row`): a layout byte,
/// then revision, writer, moment and the access attributes, little-endian.
pub(crate) mod meta_bytes {
    use super::{Access, Rev, RowMeta, WriteStamp};

    const LAYOUT: u8 = 1;
    /// Length of layout 1.
    pub const LEN: usize = 1 + 8 + 8 + 8 + 8 + 8 + 1 + 8 + 8;

    /// Encodes a row's bookkeeping.
    pub fn encode(meta: &RowMeta) -> [u8; LEN] {
        let mut out = [0u8; LEN];
        let w = meta.written.unwrap_or_default();
        out[0] = LAYOUT;
        out[1..9].copy_from_slice(&meta.rev.0.to_le_bytes());
        out[9..17].copy_from_slice(&w.by.to_le_bytes());
        out[17..25].copy_from_slice(&w.at_ms.to_le_bytes());
        out[25..33].copy_from_slice(&meta.access.client.to_le_bytes());
        out[33..41].copy_from_slice(&meta.access.job.to_le_bytes());
        out[41] = meta.access.state;
        out[42..50].copy_from_slice(&meta.access.owner.to_le_bytes());
        out[50..58].copy_from_slice(&w.restores.to_le_bytes());
        out
    }

    /// Decodes a row's bookkeeping; `None` when the bytes are not layout 1.
    pub fn decode(bytes: &[u8]) -> Option<RowMeta> {
        if bytes.len() != LEN || bytes[0] != LAYOUT {
            return None;
        }
        let u = |r: std::ops::Range<usize>| -> Option<u64> {
            Some(u64::from_le_bytes(bytes.get(r)?.try_into().ok()?))
        };
        Some(RowMeta {
            rev: Rev(u(1..9)?),
            written: Some(WriteStamp {
                by: u(9..17)?,
                at_ms: u(17..25)? as i64,
                restores: u(50..58)?,
            }),
            access: Access {
                client: u(25..33)?,
                job: u(33..41)?,
                state: bytes[41],
                owner: u(42..50)?,
            },
        })
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn round_trips_and_refuses_other_lengths() {
            let meta = RowMeta {
                rev: Rev(77),
                written: Some(WriteStamp {
                    by: 3,
                    at_ms: -5,
                    restores: 12,
                }),
                access: Access {
                    client: 9,
                    job: 10,
                    state: 2,
                    owner: 3,
                },
            };
            assert_eq!(decode(&encode(&meta)), Some(meta));
            assert_eq!(decode(&encode(&meta)[1..]), None);
            let mut other = encode(&meta);
            other[0] = 2;
            assert_eq!(decode(&other), None);
        }
    }
}
