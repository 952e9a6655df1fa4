//! A connection inside an open transaction, and the pool it comes from and goes back to:
//! the reads both kinds of transaction share.

use super::super::StoreError;
use super::super::backend::{FeedEntry, Key, StoredRow};
use super::super::codec::Kind;
use super::Counters;
use super::OpId;
use super::columns::{ROW_COLUMNS, db_id, db_u64, db_version, kind_code, pg, row_of};
use postgres::Client;
use postgres::fallible_iterator::FallibleIterator;
use std::cell::RefCell;
use std::time::{Duration, Instant};

/// How long a commit whose acknowledgement was lost is confirmed for before the app says
/// it cannot tell.
const CONFIRM_FOR: Duration = Duration::from_secs(20);
use std::sync::{Arc, Mutex};

/// Connections not in use, kept for the next transaction.
pub(super) struct Pool {
    pub(super) address: super::TeamAddress,
    pub(super) idle: Mutex<Vec<Client>>,
}

impl Pool {
    pub(super) fn take(&self) -> Result<Client, StoreError> {
        let idle = self
            .idle
            .lock()
            .map_err(|_| {
                StoreError::Engine("the team database's connections are in disorder".into())
            })?
            .pop();
        match idle {
            Some(client) if !client.is_closed() => Ok(client),
            _ => self.address.connect().map_err(pg),
        }
    }

    pub(super) fn give_back(&self, client: Client) {
        if client.is_closed() {
            return;
        }
        if let Ok(mut idle) = self.idle.lock() {
            idle.push(client);
        }
    }
}

/// One connection inside an open transaction; rolled back and handed back to the pool when
/// dropped uncommitted.
pub(super) struct Txn {
    client: RefCell<Option<Client>>,
    pool: Arc<Pool>,
}

impl Txn {
    pub(super) fn new(client: Client, pool: &Arc<Pool>) -> Txn {
        Txn {
            client: RefCell::new(Some(client)),
            pool: Arc::clone(pool),
        }
    }

    pub(super) fn with<R>(
        &self,
        f: impl FnOnce(&mut Client) -> Result<R, postgres::Error>,
    ) -> Result<R, StoreError> {
        let mut slot = self.client.borrow_mut();
        let client = slot
            .as_mut()
            .ok_or_else(|| StoreError::Engine("the transaction is closed".into()))?;
        f(client).map_err(pg)
    }

    /// The one value `sql` selects (a call of one of the database's functions).
    pub(super) fn scalar<T>(
        &self,
        sql: &str,
        params: &[&(dyn postgres::types::ToSql + Sync)],
    ) -> Result<T, StoreError>
    where
        T: for<'a> postgres::types::FromSql<'a>,
    {
        self.with(|c| c.query_one(sql, params)?.try_get(0))
    }

    /// Ends the transaction with `sql` (`COMMIT` or `ROLLBACK`) and hands the connection
    /// back.
    pub(super) fn finish(&self, sql: &str) -> Result<(), StoreError> {
        let Some(mut client) = self.client.borrow_mut().take() else {
            return Ok(());
        };
        let done = client.batch_execute(sql).map_err(pg);
        if done.is_ok() {
            self.pool.give_back(client);
        }
        done
    }

    /// Ends the transaction with `sql`, the server's own error kept (whether it answered).
    pub(super) fn finish_raw(&self, sql: &str) -> Result<(), postgres::Error> {
        let Some(mut client) = self.client.borrow_mut().take() else {
            return Ok(());
        };
        client.batch_execute(sql)?;
        self.pool.give_back(client);
        Ok(())
    }

    /// After a commit whose acknowledgement was lost (`lost`): whether the server recorded
    /// the operation `op`, asked on new connections for up to [`CONFIRM_FOR`]. `Ok` only
    /// when it did; an error saying plainly whether nothing was saved or it is not known.
    pub(super) fn confirm(&self, op: &OpId, lost: &StoreError) -> Result<(), StoreError> {
        let deadline = Instant::now() + CONFIRM_FOR;
        let mut wait = Duration::from_millis(100);
        loop {
            // Claiming the operation again waits while the first transaction is still
            // open on the server (it may not have read its COMMIT yet), then fails if it
            // committed and succeeds if it did not; the claim is rolled back either way.
            let asked = self.pool.take().and_then(|mut client| {
                let mut tx = client.transaction().map_err(pg)?;
                tx.batch_execute("SET LOCAL lock_timeout = '10s'")
                    .map_err(pg)?;
                let fresh: bool = tx
                    .query_one("SELECT account_desk.claim_op($1)", &[&op.0.as_slice()])
                    .and_then(|r| r.try_get(0))
                    .map_err(pg)?;
                tx.rollback().map_err(pg)?;
                self.pool.give_back(client);
                Ok(!fresh)
            });
            match asked {
                Ok(true) => return Ok(()),
                Ok(false) => {
                    return Err(StoreError::Engine(format!(
                        "the connection to the team database was lost before the change was \
                         saved ({lost}); nothing was saved: try again"
                    )));
                }
                Err(_) if Instant::now() < deadline => {
                    std::thread::sleep(wait);
                    wait = (wait * 2).min(Duration::from_secs(2));
                }
                Err(e) => {
                    return Err(StoreError::Engine(format!(
                        "the team database could not be reached to confirm that the change was \
                         saved ({e}); it may or may not be: once it is back, see whether the change \
                         is there before making it again"
                    )));
                }
            }
        }
    }

    pub(super) fn get(&self, kind: Kind, key: Key) -> Result<Option<StoredRow>, StoreError> {
        let row = self.with(|c| {
            c.query_opt(
                &format!(
                    "SELECT {ROW_COLUMNS} FROM account_desk.rows WHERE kind = $1 AND id = $2 AND version = $3"
                ),
                &[&kind_code(kind), &db_id(key.id), &i64::from(key.version)],
            )
        })?;
        row.map(|r| row_of(&r).map(|(_, row)| row)).transpose()
    }

    pub(super) fn range(
        &self,
        kind: Kind,
        (from, to): (Key, Key),
        reverse: bool,
        each: &mut dyn FnMut(Key, Result<StoredRow, StoreError>) -> Result<bool, StoreError>,
    ) -> Result<(), StoreError> {
        let order = if reverse { "DESC" } else { "ASC" };
        let sql = format!(
            "SELECT {ROW_COLUMNS} FROM account_desk.rows WHERE kind = $1 \
             AND (id, version) >= ($2, $3) AND (id, version) <= ($4, $5) \
             ORDER BY id {order}, version {order}"
        );
        let params: [&(dyn postgres::types::ToSql + Sync); 5] = [
            &kind_code(kind),
            &db_id(from.id),
            &i64::from(from.version),
            &db_id(to.id),
            &i64::from(to.version),
        ];
        self.rows(&sql, &params, each)
    }

    /// The rows of `kind` under `job` (its `job` column), in key order.
    pub(super) fn job_rows(
        &self,
        kind: Kind,
        job: u64,
        each: &mut dyn FnMut(Key, Result<StoredRow, StoreError>) -> Result<bool, StoreError>,
    ) -> Result<(), StoreError> {
        let sql = format!(
            "SELECT {ROW_COLUMNS} FROM account_desk.rows WHERE kind = $1 AND job = $2 \
             ORDER BY id, version"
        );
        self.rows(&sql, &[&kind_code(kind), &db_id(job)], each)
    }

    /// Runs a query of rows, handing each to `each` until it returns `false`.
    fn rows(
        &self,
        sql: &str,
        params: &[&(dyn postgres::types::ToSql + Sync)],
        each: &mut dyn FnMut(Key, Result<StoredRow, StoreError>) -> Result<bool, StoreError>,
    ) -> Result<(), StoreError> {
        let mut slot = self.client.borrow_mut();
        let client = slot
            .as_mut()
            .ok_or_else(|| StoreError::Engine("the transaction is closed".into()))?;
        let mut rows = client.query_raw(sql, params.iter().copied()).map_err(pg)?;
        while let Some(row) = rows.next().map_err(pg)? {
            let (key, stored) = row_of(&row)?;
            if !each(key, Ok(stored))? {
                break;
            }
        }
        Ok(())
    }

    pub(super) fn count(&self, kind: Kind) -> Result<u64, StoreError> {
        let n: i64 = self.with(|c| {
            c.query_one(
                "SELECT count(*) FROM account_desk.rows WHERE kind = $1",
                &[&kind_code(kind)],
            )?
            .try_get(0)
        })?;
        db_u64(n, "count")
    }

    pub(super) fn feed_since(&self, seq: u64, limit: usize) -> Result<Vec<FeedEntry>, StoreError> {
        let rows = self.with(|c| {
            c.query(
                "SELECT seq, kind, id, version, removed FROM account_desk.feed \
                 WHERE seq > $1 ORDER BY seq LIMIT $2",
                &[&db_id(seq), &i64::try_from(limit).unwrap_or(i64::MAX)],
            )
        })?;
        rows.iter()
            .map(|r| {
                let kind: i16 = r.try_get(1).map_err(pg)?;
                let kind = u8::try_from(kind)
                    .ok()
                    .and_then(Kind::from_code)
                    .ok_or_else(|| {
                        StoreError::Engine(format!(
                            "the team database's feed names an unknown kind {kind}"
                        ))
                    })?;
                Ok(FeedEntry {
                    seq: db_u64(r.try_get(0).map_err(pg)?, "sequence number")?,
                    kind,
                    key: Key::pair(
                        db_u64(r.try_get(2).map_err(pg)?, "id")?,
                        db_version(r.try_get(3).map_err(pg)?)?,
                    ),
                    removed: r.try_get(4).map_err(pg)?,
                })
            })
            .collect()
    }

    pub(super) fn counters(&self) -> Result<Counters, StoreError> {
        let (last_id, seqs) = self.with(|c| {
            let last_id: i64 = c
                .query_one(
                    "SELECT value FROM account_desk.counters WHERE name = 'last_id'",
                    &[],
                )?
                .try_get(0)?;
            let seqs = c.query(
                "SELECT year, last FROM account_desk.job_seq WHERE last > 0 ORDER BY year",
                &[],
            )?;
            Ok((last_id, seqs))
        })?;
        let job_seqs = seqs
            .iter()
            .map(|r| {
                let year: i32 = r.try_get(0).map_err(pg)?;
                let last: i32 = r.try_get(1).map_err(pg)?;
                Ok((year, u32::try_from(last).unwrap_or(0)))
            })
            .collect::<Result<_, StoreError>>()?;
        Ok(Counters {
            last_id: db_u64(last_id, "id")?,
            job_seqs,
        })
    }

    /// The oldest entry the feed keeps, the entries this person may not see included.
    pub(super) fn feed_floor(&self) -> Result<Option<u64>, StoreError> {
        let v: Option<i64> = self.scalar("SELECT account_desk.feed_floor()", &[])?;
        v.map(|v| db_u64(v, "sequence number")).transpose()
    }

    pub(super) fn last_seq(&self) -> Result<u64, StoreError> {
        let v: i64 = self.with(|c| {
            c.query_one(
                "SELECT value FROM account_desk.counters WHERE name = 'last_seq'",
                &[],
            )?
            .try_get(0)
        })?;
        db_u64(v, "sequence number")
    }
}

impl Drop for Txn {
    fn drop(&mut self) {
        if self.client.borrow().is_some() {
            let _ = self.finish("ROLLBACK");
        }
    }
}
