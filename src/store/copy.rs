//! Moving a database into another — a desk's file into a new team database: every record
//! with who wrote it and when, the ids and job numbers handed out, then a check of both and
//! a comparison of their counts.

use super::backend::{Access, Expect, Key, KeyShape, StoredRow, WriteRefusal};
use super::write::change_access;
use super::{KINDS, Kind, ReadView, Store, StoreError};
use crate::domain::Change;
use std::collections::HashMap;

/// Records written per transaction of the database copied into.
const BATCH: usize = 1_000;

/// What [`Store::copy_into`] copied: records per kind, identical on both sides, and the
/// files they name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CopyReport {
    /// Records per kind, in the kinds table's order.
    pub counts: Vec<(Kind, u64)>,
    /// Files the records name (one per client and content), present and intact in both.
    pub files: usize,
    /// Their bytes.
    pub file_bytes: u64,
}

impl Store {
    /// Copies every record of this database into `into`, which must hold none: each keeps
    /// its key, its access attributes and who wrote it when (it gets a new revision in
    /// `into`). The files the records name go first (see [`Store::copy_files_into`]), so a
    /// record never names a file not there. The ids and job numbers handed out are carried
    /// over, so `into` never hands one out again. Then both are checked whole and their
    /// counts compared per kind, and the copy's files verified; any difference is an error
    /// naming the kind or the file.
    pub fn copy_into(&self, into: &Store) -> Result<CopyReport, StoreError> {
        if !into.is_blank()? {
            return Err(StoreError::Engine(format!(
                "{} already holds records; nothing was copied into it",
                into.path().display()
            )));
        }
        let (files, file_bytes) = self.copy_files_into(into)?;
        let view = self.read()?;
        let counters = self.shared.guard(|| view.txn.counters())?;
        let owners = self.record_access(&view)?;
        for spec in KINDS {
            let (from, to) = match spec.shape {
                KeyShape::Single(_) => (Key::ONE, Key::ONE),
                _ => (Key::pair(0, 0), Key::pair(u64::MAX, u32::MAX)),
            };
            let mut batch: Vec<(Key, StoredRow)> = Vec::with_capacity(BATCH);
            self.shared.guard(|| {
                view.txn
                    .range(spec.kind, (from, to), false, true, &mut |key, row| {
                        let mut row = row?;
                        if spec.kind == Kind::Change {
                            // Entries written before the log kept them learn the client
                            // and job of their record, for the walls of a team database.
                            let change: Change = self.shared.decode(key, &row.bytes)?;
                            let found = change_access(&change, &mut |kind, id| {
                                Ok(owners.get(&(kind, id)).copied())
                            })?;
                            let access = &mut row.meta.access;
                            if access.client == 0 && access.job == 0 {
                                access.client = found.client;
                                access.job = found.job;
                            }
                        }
                        batch.push((key, row));
                        if batch.len() >= BATCH {
                            into.put_rows(spec.kind, &mut batch)?;
                        }
                        Ok(true)
                    })
            })?;
            into.put_rows(spec.kind, &mut batch)?;
        }
        into.shared.guard(|| {
            let mut tx = into.backend.begin_write()?;
            tx.raise_counters(&counters)?;
            tx.commit()
        })?;
        into.replay_road_steps()?;
        let report = self.compare(into)?;
        self.compare_files(into)?;
        Ok(CopyReport {
            files,
            file_bytes,
            ..report
        })
    }

    /// The client and job of every record a change-log entry may tell of.
    fn record_access(&self, view: &ReadView) -> Result<HashMap<(Kind, u64), Access>, StoreError> {
        let mut out = HashMap::new();
        for kind in [Kind::Contact, Kind::Contract, Kind::Brand, Kind::Meeting] {
            self.shared.guard(|| {
                view.txn.range(
                    kind,
                    (Key::id(0), Key::id(u64::MAX)),
                    false,
                    true,
                    &mut |key, row| {
                        out.insert((kind, key.id), row?.meta.access);
                        Ok(true)
                    },
                )
            })?;
        }
        Ok(out)
    }

    /// Writes `rows` of `kind` as new records in one transaction, emptying the list.
    fn put_rows(&self, kind: Kind, rows: &mut Vec<(Key, StoredRow)>) -> Result<(), StoreError> {
        if rows.is_empty() {
            return Ok(());
        }
        self.shared.guard(|| {
            let mut tx = self.backend.begin_write()?;
            for (key, row) in rows.drain(..) {
                let written = row.meta.written.unwrap_or_default();
                tx.put(
                    kind,
                    key,
                    Expect::Absent,
                    &row.bytes,
                    row.meta.access,
                    written,
                )
                .map_err(|refusal| match refusal {
                    WriteRefusal::Failed(e) => e,
                    WriteRefusal::Stale { .. } => StoreError::Engine(format!(
                        "{} {} is there twice; nothing more was copied",
                        kind.name(),
                        key.text(kind.spec().shape)
                    )),
                })?;
            }
            tx.commit()
        })
    }

    /// Checks both databases whole and compares their counts per kind.
    fn compare(&self, copy: &Store) -> Result<CopyReport, StoreError> {
        let (mine, theirs) = (self.check()?, copy.check()?);
        for (report, store) in [(&mine, self), (&theirs, copy)] {
            if let Some(problem) = report.problems.first() {
                return Err(StoreError::Engine(format!(
                    "{} did not pass its check after the copy: {problem}",
                    store.path().display()
                )));
            }
        }
        if mine.counts != theirs.counts {
            let differs = mine
                .counts
                .iter()
                .zip(&theirs.counts)
                .find(|(a, b)| a != b)
                .map(|((kind, a), (_, b))| format!("{}: {a} here, {b} there", kind.name()))
                .unwrap_or_else(|| "the kinds differ".into());
            return Err(StoreError::Engine(format!(
                "the copy in {} does not hold what {} holds ({differs})",
                copy.path().display(),
                self.path().display()
            )));
        }
        Ok(CopyReport {
            counts: mine
                .counts
                .iter()
                .map(|(kind, n)| (*kind, *n as u64))
                .collect(),
            ..CopyReport::default()
        })
    }
}

impl Store {
    /// Records every estimate's and budget report's steps again, in order, with who took
    /// each: a team database checks the next step against them (nothing to do on a desk's
    /// file, whose records keep their steps alone).
    fn replay_road_steps(&self) -> Result<(), StoreError> {
        let estimates = self.read()?.estimates(None)?;
        for batch in estimates.chunks(BATCH) {
            self.write(|tx| {
                for e in batch {
                    for ev in &e.events {
                        tx.estimate_step_by(e.id.0, ev.version, ev.step, &ev.hash.0, ev.by.0)?;
                    }
                }
                Ok(())
            })?;
        }
        // Reports written before their rows kept their newest step carry 0: on a team
        // database they are written again so that the server's checks read their state.
        self.replay_report_steps(self.team_engine().is_some())
    }

    /// Records every monthly budget report's steps again, in order, with who took each;
    /// with `restate`, writes each report again too, so that its row's state is its newest
    /// step (reports kept before the server held their road had none).
    pub(super) fn replay_report_steps(&self, restate: bool) -> Result<(), StoreError> {
        let reports = self
            .read()?
            .all::<crate::domain::budget::road::MonthlyReport>()?;
        for batch in reports.chunks(BATCH) {
            self.write(|tx| {
                for r in batch {
                    for ev in &r.events {
                        tx.report_step_by(r.id.0, ev, ev.by.0)?;
                    }
                    if restate {
                        tx.put(r)?;
                    }
                }
                Ok(())
            })?;
        }
        Ok(())
    }
}
