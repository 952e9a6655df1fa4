//! The team's engine: a shared PostgreSQL (15 or newer). One table holds every record, one
//! row per record — kind, key, revision, the envelope's bytes, the access attributes as
//! plain columns and who wrote it when — beside the change feed, the counters and the
//! job-number sequences, all in the schema `account_desk` (see [`SCHEMA_SQL`]).
//!
//! How each operation maps onto SQL is in `docs/ARCHITECTURE.md`. In short: a read view is
//! a `REPEATABLE READ READ ONLY` transaction (a snapshot); a write transaction is `READ
//! COMMITTED`, and every write is a conditional `UPDATE … WHERE rev = expected` (or an
//! `INSERT … ON CONFLICT DO NOTHING` for a new record), so a stale write changes nothing and
//! is refused. Sequence numbers come from the `last_seq` counter row, whose lock a writer
//! holds from its first write to its commit: numbers are handed out in commit order, so a
//! window following the feed never skips a write that commits late.
//!
//! Ids and versions are unsigned in the program and `bigint` in the database; every id the
//! program hands out is far below `i64::MAX`.

use super::StoreError;
use super::backend::{
    Access, Backend, Counters, Expect, FeedEntry, Key, OpId, ReadTxn, Rev, StoredRow, WriteRefusal,
    WriteStamp, WriteTxn,
};
use super::codec::Kind;
use columns::{db_id, db_u64, kind_code, pg};
use postgres::Client;
use std::any::Any;
use std::sync::{Arc, Mutex};

mod address;
mod columns;
mod extras;
mod files;
mod listen;
mod people;
mod setup;
mod txn;

use txn::{Pool, Txn};

pub use address::TeamAddress;
pub use extras::{ServedText, ServedThumb};
pub(crate) use files::ServedFile;
pub use listen::FeedWatch;
pub use people::{Identity, TeamAdmin, TeamPerson, TeamRole};
pub use setup::{Migrated, RolePrefix};

/// The schema version of a team database this build writes.
pub const TEAM_SCHEMA_VERSION: i64 = 7;

/// The tables of a team database, created by [`PgEngine::init`].
pub const SCHEMA_SQL: &str = include_str!("postgres_engine/schema.sql");

/// The channel a committed write notifies, with its last sequence number as the payload.
pub const CHANNEL: &str = "account_desk_rows";

/// An open team database.
pub(super) struct PgEngine {
    pool: Arc<Pool>,
    /// Who the connections are logged in as.
    identity: Identity,
    /// This computer's folder for what is its own of the database ([`super::Store::keep_own_in`]).
    pub(super) own: std::sync::OnceLock<std::path::PathBuf>,
}

impl PgEngine {
    /// Follows the database live (see [`listen`]): `wake` is called when others wrote.
    pub(super) fn watch(&self, wake: Box<dyn Fn() + Send>) -> Option<FeedWatch> {
        listen::watch(self.pool.address.clone(), wake)
    }

    /// Connects to a team database made by [`PgEngine::init`], as a person of the team or
    /// the administrator who set it up.
    pub(super) fn connect(address: &TeamAddress) -> Result<PgEngine, StoreError> {
        let pool = Arc::new(Pool {
            address: address.clone(),
            idle: Mutex::new(Vec::new()),
        });
        let mut client = pool.take()?;
        match setup::schema_version(&mut client)? {
            Some(TEAM_SCHEMA_VERSION) => {}
            Some(v) if v > TEAM_SCHEMA_VERSION => {
                return Err(StoreError::Engine(format!(
                    "the team database has schema {v}, newer than this build knows ({TEAM_SCHEMA_VERSION}): update Account Desk"
                )));
            }
            Some(v) => {
                return Err(StoreError::Engine(format!(
                    "the team database has schema {v}; an administrator upgrades it with `account-desk team migrate`"
                )));
            }
            None => {
                return Err(StoreError::Engine(
                    "the database is not an Account Desk team database".into(),
                ));
            }
        }
        let identity = people::whoami(&mut client)?;
        pool.give_back(client);
        Ok(PgEngine {
            pool,
            identity,
            own: std::sync::OnceLock::new(),
        })
    }

    /// Creates the tables, roles and rules of a team database in an empty database.
    pub(super) fn init(
        address: &TeamAddress,
        prefix: Option<RolePrefix>,
    ) -> Result<(), StoreError> {
        setup::init(address, prefix)
    }

    /// Upgrades a team database to this build's schema.
    pub(super) fn migrate(
        address: &TeamAddress,
        prefix: Option<RolePrefix>,
    ) -> Result<Migrated, StoreError> {
        setup::migrate(address, prefix)
    }

    /// Who this database's connections are.
    pub(super) fn identity(&self) -> &Identity {
        &self.identity
    }

    /// Runs `f` on a connection outside any transaction.
    fn on_client<R>(
        &self,
        f: impl FnOnce(&mut Client) -> Result<R, postgres::Error>,
    ) -> Result<R, StoreError> {
        self.with_client(|c| f(c).map_err(pg))
    }

    fn with_client<R>(
        &self,
        f: impl FnOnce(&mut Client) -> Result<R, StoreError>,
    ) -> Result<R, StoreError> {
        let mut client = self.pool.take()?;
        let result = f(&mut client);
        self.pool.give_back(client);
        result
    }

    /// Runs `f` in a transaction of its own, committed when it succeeds.
    fn in_transaction<R>(
        &self,
        f: impl FnOnce(&mut postgres::Transaction<'_>) -> Result<R, postgres::Error>,
    ) -> Result<R, StoreError> {
        self.with_client(|c| {
            let mut tx = c.transaction().map_err(pg)?;
            let value = f(&mut tx).map_err(pg)?;
            tx.commit().map_err(pg)?;
            Ok(value)
        })
    }
}

impl Backend for PgEngine {
    fn begin_read(&self) -> Result<Box<dyn ReadTxn>, StoreError> {
        let mut client = self.pool.take()?;
        // The snapshot is taken by the first statement, not by BEGIN: take it now, so the
        // view shows the database as it was when the view began.
        client
            .batch_execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; SELECT 1")
            .map_err(pg)?;
        Ok(Box::new(PgRead(Txn::new(client, &self.pool))))
    }

    fn begin_write(&self) -> Result<Box<dyn WriteTxn>, StoreError> {
        let mut client = self.pool.take()?;
        client
            .batch_execute("BEGIN ISOLATION LEVEL READ COMMITTED")
            .map_err(pg)?;
        Ok(Box::new(PgWrite {
            txn: Txn::new(client, &self.pool),
            wrote: false,
            queued: false,
            op: None,
        }))
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// The reads both transactions share, through their [`Txn`].
macro_rules! pg_reads {
    ($field:tt) => {
        fn get(&self, kind: Kind, key: Key) -> Result<Option<StoredRow>, StoreError> {
            self.$field.get(kind, key)
        }

        fn range(
            &self,
            kind: Kind,
            span: (Key, Key),
            reverse: bool,
            _meta: bool,
            each: &mut dyn FnMut(Key, Result<StoredRow, StoreError>) -> Result<bool, StoreError>,
        ) -> Result<(), StoreError> {
            self.$field.range(kind, span, reverse, each)
        }

        fn job_rows(
            &self,
            kind: Kind,
            job: u64,
            each: &mut dyn FnMut(Key, Result<StoredRow, StoreError>) -> Result<bool, StoreError>,
        ) -> Result<(), StoreError> {
            self.$field.job_rows(kind, job, each)
        }

        fn count(&self, kind: Kind) -> Result<u64, StoreError> {
            self.$field.count(kind)
        }

        fn feed_since(&self, seq: u64, limit: usize) -> Result<Vec<FeedEntry>, StoreError> {
            self.$field.feed_since(seq, limit)
        }

        fn last_seq(&self) -> Result<u64, StoreError> {
            self.$field.last_seq()
        }

        fn counters(&self) -> Result<Counters, StoreError> {
            self.$field.counters()
        }

        fn feed_floor(&self) -> Result<Option<u64>, StoreError> {
            self.$field.feed_floor()
        }

        fn as_any(&self) -> &dyn Any {
            self
        }
    };
}

/// A read view: a snapshot transaction.
struct PgRead(Txn);

impl ReadTxn for PgRead {
    pg_reads!(0);
}

/// A write transaction.
struct PgWrite {
    txn: Txn,
    /// Whether a revisioned row was written (the commit then notifies the followers).
    wrote: bool,
    /// Whether this transaction holds the `last_seq` counter's lock.
    queued: bool,
    /// The operation this transaction carries: what its commit is confirmed by when the
    /// acknowledgement is lost.
    op: Option<OpId>,
}

impl PgWrite {
    /// Takes the `last_seq` counter's lock, once per transaction, before anything else is
    /// changed: every writer queues on it first, so two writers never wait on each other in
    /// turn (for a row, an id or a job-number year).
    fn queue(&mut self) -> Result<(), StoreError> {
        if !self.queued {
            if self.op.is_none() {
                // A fresh id is never held by another transaction: this never waits.
                self.claim_op(&OpId::new())?;
            }
            self.txn
                .with(|c| c.execute("SELECT account_desk.queue()", &[]))?;
            self.queued = true;
        }
        Ok(())
    }

    /// The next sequence number, entered in the feed for this write (by the database, which
    /// also trims the feed). The counter row stays locked until this transaction ends, so
    /// numbers follow commit order.
    fn next_seq(&mut self, kind: Kind, key: Key, removed: bool) -> Result<u64, StoreError> {
        let seq: i64 = self.txn.scalar(
            "SELECT account_desk.next_seq($1, $2, $3, $4)",
            &[
                &kind_code(kind),
                &db_id(key.id),
                &i64::from(key.version),
                &removed,
            ],
        )?;
        self.wrote = true;
        db_u64(seq, "sequence number")
    }
}

impl ReadTxn for PgWrite {
    pg_reads!(txn);
}

impl WriteTxn for PgWrite {
    fn put(
        &mut self,
        kind: Kind,
        key: Key,
        expect: Expect,
        bytes: &[u8],
        access: Access,
        written: WriteStamp,
    ) -> Result<Rev, WriteRefusal> {
        // Checked here for the refusal's details; the statement below checks again under
        // the row's lock, so a writer committing in between is still caught.
        self.queue()?;
        expect.check(self.meta(kind, key)?)?;
        let tracked = kind.spec().revisioned;
        let seq = if tracked {
            self.next_seq(kind, key, false)?
        } else {
            0
        };
        let params: [&(dyn postgres::types::ToSql + Sync); 12] = [
            &kind_code(kind),
            &db_id(key.id),
            &i64::from(key.version),
            &db_id(seq),
            &bytes,
            &db_id(access.client),
            &db_id(access.job),
            &i16::from(access.state),
            &db_id(access.owner),
            &db_id(written.by),
            &written.at_ms,
            &db_id(written.restores),
        ];
        let changed = match expect {
            Expect::Absent => self.txn.with(|c| {
                c.execute(
                    "INSERT INTO account_desk.rows (kind, id, version, rev, bytes, client, job, state, owner, written_by, written_at_ms, restores) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT DO NOTHING",
                    &params,
                )
            })?,
            Expect::At(rev) => {
                let expected = db_id(rev.0);
                let mut with_rev: Vec<&(dyn postgres::types::ToSql + Sync)> = params.to_vec();
                with_rev.push(&expected);
                self.txn.with(|c| {
                    c.execute(
                        "UPDATE account_desk.rows SET rev = $4, bytes = $5, client = $6, job = $7, state = $8, owner = $9, \
                         written_by = $10, written_at_ms = $11, restores = $12 \
                         WHERE kind = $1 AND id = $2 AND version = $3 AND rev = $13",
                        &with_rev,
                    )
                })?
            }
        };
        if changed != 1 {
            return Err(WriteRefusal::Stale {
                expected: expect,
                found: self.meta(kind, key)?,
            });
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
        self.queue()?;
        Expect::At(expect).check(self.meta(kind, key)?)?;
        if kind.spec().revisioned {
            self.next_seq(kind, key, true)?;
        }
        let changed = self.txn.with(|c| {
            c.execute(
                "DELETE FROM account_desk.rows WHERE kind = $1 AND id = $2 AND version = $3 AND rev = $4",
                &[&kind_code(kind), &db_id(key.id), &i64::from(key.version), &db_id(expect.0)],
            )
        })?;
        if changed != 1 {
            return Err(WriteRefusal::Stale {
                expected: Expect::At(expect),
                found: self.meta(kind, key)?,
            });
        }
        Ok(())
    }

    fn next_id(&mut self) -> Result<u64, StoreError> {
        // An id of a write that fails is handed out again.
        self.queue()?;
        let id: i64 = self.txn.scalar("SELECT account_desk.next_id()", &[])?;
        db_u64(id, "id")
    }

    fn allocate_job_seq(
        &mut self,
        year: i32,
        issue: &mut dyn FnMut(Option<u32>) -> Result<u32, StoreError>,
    ) -> Result<u32, StoreError> {
        // The year's row exists before it is locked, so two writers starting a new year
        // queue on the same row instead of both inserting it.
        self.queue()?;
        let last: i32 = self
            .txn
            .scalar("SELECT account_desk.job_seq_take($1)", &[&year])?;
        let last = u32::try_from(last).ok().filter(|n| *n > 0);
        let next = issue(last)?;
        let stored = i32::try_from(next)
            .map_err(|_| StoreError::Engine(format!("job number sequence {next} is too large")))?;
        self.txn
            .with(|c| c.execute("SELECT account_desk.job_seq_set($1, $2)", &[&year, &stored]))?;
        Ok(next)
    }

    fn claim_op(&mut self, op: &OpId) -> Result<bool, StoreError> {
        let fresh: bool = self
            .txn
            .scalar("SELECT account_desk.claim_op($1)", &[&op.0.as_slice()])?;
        if fresh {
            self.op = Some(*op);
        }
        Ok(fresh)
    }

    fn estimate_step(
        &mut self,
        estimate: u64,
        version: u32,
        step: u8,
        hash: &[u8; 32],
        by: u64,
    ) -> Result<(), StoreError> {
        let by = i64::try_from(by)
            .map_err(|_| StoreError::Engine(format!("user id {by} is too large")))?;
        let e = i64::try_from(estimate)
            .map_err(|_| StoreError::Engine(format!("estimate id {estimate} is too large")))?;
        let v = i32::try_from(version)
            .map_err(|_| StoreError::Engine(format!("estimate version {version} is too large")))?;
        let s = i16::from(step);
        self.txn.with(|c| {
            c.execute(
                "SELECT account_desk.estimate_step($1, $2, $3, $4, $5)",
                &[&e, &v, &s, &hash.as_slice(), &by],
            )
        })?;
        Ok(())
    }

    fn report_step(
        &mut self,
        report: u64,
        revision: u32,
        step: u8,
        hash: &[u8; 32],
        by: u64,
    ) -> Result<(), StoreError> {
        let too_large = |what: &str, n: u64| StoreError::Engine(format!("{what} {n} is too large"));
        let by = i64::try_from(by).map_err(|_| too_large("user id", by))?;
        let r = i64::try_from(report).map_err(|_| too_large("budget report id", report))?;
        let rev = i32::try_from(revision)
            .map_err(|_| too_large("budget report revision", u64::from(revision)))?;
        let s = i16::from(step);
        self.txn.with(|c| {
            c.execute(
                "SELECT account_desk.report_step($1, $2, $3, $4, $5)",
                &[&r, &rev, &s, &hash.as_slice(), &by],
            )
        })?;
        Ok(())
    }

    fn next_change_key(&mut self) -> Result<u64, StoreError> {
        // Counted by the database over the whole log, the entries this person may not
        // see included, while this writer holds the queue.
        self.queue()?;
        let key: i64 = self
            .txn
            .scalar("SELECT account_desk.next_change_key()", &[])?;
        db_u64(key, "change log key")
    }

    fn raise_counters(&mut self, to: &Counters) -> Result<(), StoreError> {
        self.queue()?;
        self.txn.with(|c| {
            c.execute(
                "UPDATE account_desk.counters SET value = greatest(value, $1) WHERE name = 'last_id'",
                &[&db_id(to.last_id)],
            )
        })?;
        for (year, seq) in &to.job_seqs {
            let seq = i32::try_from(*seq).map_err(|_| {
                StoreError::Engine(format!("job number sequence {seq} is too large"))
            })?;
            self.txn.with(|c| {
                c.execute(
                    "INSERT INTO account_desk.job_seq (year, last) VALUES ($1, $2) \
                     ON CONFLICT (year) DO UPDATE SET last = greatest(account_desk.job_seq.last, EXCLUDED.last)",
                    &[year, &seq],
                )
            })?;
        }
        Ok(())
    }

    fn commit(self: Box<Self>) -> Result<(), StoreError> {
        // Wakes the windows following the feed; the payload is only a number.
        if self.wrote {
            self.txn.with(|c| {
                c.batch_execute(&format!(
                    "SELECT pg_notify('{CHANNEL}', value::text) FROM account_desk.counters WHERE name = 'last_seq'"
                ))
            })?;
        }
        match self.txn.finish_raw("COMMIT") {
            Ok(()) => Ok(()),
            // The server answered: it did not commit.
            Err(e) if e.as_db_error().is_some() => Err(pg(e)),
            // The connection went while committing: the server may have committed or not.
            // Its record of the operation says which, once it can be reached again.
            Err(e) => match self.op {
                Some(op) => self.txn.confirm(&op, &pg(e)),
                None => Err(pg(e)),
            },
        }
    }

    fn as_any_mut(&mut self) -> &mut dyn Any {
        self
    }
}
