//! The index of rows by job (`rows_by_job`): for the kinds [`Kind::by_job`] names, each row's
//! key under the job its access attributes name, kept by every write of the row.

use super::super::StoreError;
use super::super::backend::Key;
use super::super::codec::Kind;
use super::super::tables::BY_JOB;
use redb::ReadableTable;

/// An index entry's key.
type IndexKey = (u64, u8, u64, u32);

fn entry(job: u64, kind: Kind, key: Key) -> IndexKey {
    (job, kind as u8, key.id, key.version)
}

/// The keys of `kind`'s rows under `job`, in key order.
pub(in super::super) fn keys(
    index: &impl ReadableTable<IndexKey, ()>,
    kind: Kind,
    job: u64,
) -> Result<Vec<Key>, StoreError> {
    let span = entry(job, kind, Key::pair(0, 0))..=entry(job, kind, Key::pair(u64::MAX, u32::MAX));
    let mut out = Vec::new();
    for row in index.range(span)? {
        let (k, _) = row?;
        let (_, _, id, version) = k.value();
        out.push(Key::pair(id, version));
    }
    Ok(out)
}

/// Moves a row's entry from the job it was under (`None`: it is new) to the job it is under
/// now (`None`: it is removed).
pub(in super::super) fn move_row(
    tx: &redb::WriteTransaction,
    kind: Kind,
    key: Key,
    was: Option<u64>,
    now: Option<u64>,
) -> Result<(), StoreError> {
    if !kind.by_job() || was == now {
        return Ok(());
    }
    let mut index = tx.open_table(BY_JOB)?;
    if let Some(job) = was {
        index.remove(entry(job, kind, key))?;
    }
    if let Some(job) = now {
        index.insert(entry(job, kind, key), ())?;
    }
    Ok(())
}
