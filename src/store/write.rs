//! The write transaction: reads that remember the revision they saw, and writes that state
//! the revision they replace, so a stale write is refused with [`StoreError::Conflict`].

use super::*;
use crate::domain::Subject;

/// A write transaction. Created by [`Store::write`]; commits when the closure returns `Ok`.
pub struct WriteTx {
    pub(super) txn: Box<dyn WriteTxn>,
    pub(super) shared: Arc<Shared>,
    /// The revision of each row read in this transaction: what a write of it replaces.
    pub(super) seen: RefCell<HashMap<(Kind, Key), Rev>>,
    /// Who is writing, and when (stamped on every row written).
    pub(super) written: WriteStamp,
    /// The revision of each row when this transaction first read it.
    pub(super) first_seen: RefCell<HashMap<(Kind, Key), Rev>>,
    /// An undo under way: the row it puts back and the revision whose content it restores.
    pub(super) restoring: Option<(Kind, Key, Rev)>,
    /// The client and job of each record removed in this transaction, for its change-log
    /// entry.
    pub(super) removed: RefCell<HashMap<(Subject, u64), Access>>,
}

impl Store {
    /// Runs `f` in one durable write transaction: everything it writes is committed together,
    /// or nothing is if it returns an error. Refused once damage was found in this session.
    pub fn write<T>(
        &self,
        f: impl FnOnce(&mut WriteTx) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        self.write_as(None, f)?
            .ok_or_else(|| StoreError::Engine("a write without an operation id was skipped".into()))
    }

    /// [`Self::write`] as the operation `op`: made once by the program for one change and
    /// given again to every retry of it, so that a retry after a lost acknowledgement (the
    /// team database's server unreachable just as it committed) never saves it twice.
    /// `None` when an earlier attempt of `op` was saved: nothing is written then.
    pub fn write_once<T>(
        &self,
        op: OpId,
        f: impl FnOnce(&mut WriteTx) -> Result<T, StoreError>,
    ) -> Result<Option<T>, StoreError> {
        self.write_as(Some(op), f)
    }

    fn write_as<T>(
        &self,
        op: Option<OpId>,
        f: impl FnOnce(&mut WriteTx) -> Result<T, StoreError>,
    ) -> Result<Option<T>, StoreError> {
        if self.is_damaged() {
            return Err(StoreError::ReadOnlyAfterDamage {
                path: self.shared.path.clone(),
                backup: backup::newest_backup(&self.shared.path).ok().flatten(),
            });
        }
        if let Some(origin) = &self.shared.copy_of {
            return Err(StoreError::Engine(format!(
                "{} is a copy of the team database {origin}, for reading offline: changes \
                 are made on the team database",
                self.shared.path.display()
            )));
        }
        if !self.shared.writable {
            return Err(StoreError::Engine(format!(
                "{} was opened to be checked only; nothing is written to it",
                self.shared.path.display()
            )));
        }
        self.shared.guard(|| {
            let mut tx = WriteTx {
                txn: self.backend.begin_write()?,
                shared: Arc::clone(&self.shared),
                seen: RefCell::new(HashMap::new()),
                written: WriteStamp {
                    by: 0,
                    at_ms: Utc::now().timestamp_millis(),
                    restores: 0,
                },
                first_seen: RefCell::new(HashMap::new()),
                restoring: None,
                removed: RefCell::new(HashMap::new()),
            };
            if let Some(op) = &op
                && !tx.txn.claim_op(op)?
            {
                return Ok(None);
            }
            let out = f(&mut tx)?;
            tx.txn.commit()?;
            Ok(Some(out))
        })
    }
}

impl WriteTx {
    fn saw(&self, kind: Kind, key: Key, rev: Rev) {
        self.seen.borrow_mut().insert((kind, key), rev);
        self.first_seen
            .borrow_mut()
            .entry((kind, key))
            .or_insert(rev);
    }

    reads!();

    /// Stamps the rows this transaction writes from now on with who acts, and when.
    pub fn acting(&mut self, by: UserId, at: DateTime<Utc>) {
        self.written = WriteStamp {
            by: by.0,
            at_ms: at.timestamp_millis(),
            restores: 0,
        };
        self.first_seen.borrow_mut().clear();
        self.restoring = None;
    }

    /// The revision a row had when this transaction (since the last [`Self::acting`]) first
    /// read it: what a change replaced (`None`: it did not exist, or was not read).
    pub fn rev_before(&self, kind: Kind, key: Key) -> Option<Rev> {
        self.first_seen.borrow().get(&(kind, key)).copied()
    }

    /// Marks the writes of the row at `key` from now on as putting back the content of
    /// revision `before` (an undo), so an earlier undo of the same record still applies.
    pub fn restoring(&mut self, kind: Kind, key: Key, before: Option<Rev>) {
        self.restoring = before.map(|rev| (kind, key, rev));
    }

    /// What a write of the row at `key` replaces: the revision read in this transaction, or
    /// else the row as it is now (a record the transaction rewrites whole without reading).
    fn expected(&self, kind: Kind, key: Key) -> Result<Expect, StoreError> {
        if let Some(rev) = self.seen.borrow().get(&(kind, key)) {
            return Ok(Expect::At(*rev));
        }
        Ok(match self.shared.guard(|| self.txn.meta(kind, key))? {
            Some(meta) => Expect::At(meta.rev),
            None => Expect::Absent,
        })
    }

    /// Turns an engine's refusal into the typed conflict, naming who changed the record and
    /// when (read from the users in this same transaction).
    fn refused(&self, kind: Kind, key: Key, refusal: WriteRefusal) -> StoreError {
        match refusal {
            WriteRefusal::Failed(e) => e,
            WriteRefusal::Stale { found, .. } => {
                let written = found.and_then(|m| m.written);
                let by = written.and_then(|w| {
                    self.txn
                        .get(Kind::User, Key::id(w.by))
                        .ok()
                        .flatten()
                        .and_then(|row| User::decode(&row.bytes).ok())
                        .map(|u| u.name)
                });
                StoreError::Conflict {
                    kind,
                    key: key.text(kind.spec().shape),
                    by,
                    at: written.and_then(|w| DateTime::from_timestamp_millis(w.at_ms)),
                    removed: found.is_none(),
                }
            }
        }
    }

    fn put_row(
        &mut self,
        kind: Kind,
        key: Key,
        expect: Expect,
        bytes: &[u8],
        access: Access,
    ) -> Result<Rev, StoreError> {
        let mut written = self.written;
        if let Some((k, key_restored, rev)) = self.restoring
            && (k, key_restored) == (kind, key)
        {
            written.restores = rev.0;
        }
        let result = self
            .shared
            .guard(|| Ok(self.txn.put(kind, key, expect, bytes, access, written)))?;
        match result {
            Ok(rev) => {
                // What a further write in this transaction replaces (not what it found).
                self.seen.borrow_mut().insert((kind, key), rev);
                Ok(rev)
            }
            Err(refusal) => Err(self.refused(kind, key, refusal)),
        }
    }

    /// The revision of a row as this transaction sees it (`None`: there is no such row).
    pub fn current_rev(&self, kind: Kind, key: Key) -> Result<Option<Rev>, StoreError> {
        Ok(self
            .shared
            .guard(|| self.txn.meta(kind, key))?
            .map(|m| m.rev))
    }

    /// Refuses with [`StoreError::Conflict`] unless the row is still at `base` (`None`:
    /// still absent), or an undo since put back exactly that revision's content — what an
    /// undo checks before putting a record back, so it never overwrites a later change. The
    /// revision is remembered for the write that follows.
    pub fn expect_unchanged(
        &self,
        kind: Kind,
        key: Key,
        base: Option<Rev>,
    ) -> Result<(), StoreError> {
        let found = self.shared.guard(|| self.txn.meta(kind, key))?;
        let restored = found
            .and_then(|m| m.written)
            .map(|w| w.restores)
            .filter(|r| *r != 0);
        let unchanged = found.map(|m| m.rev) == base
            // An undo since put back exactly the state this step left.
            || (base.is_some() && restored == base.map(|r| r.0));
        if unchanged {
            if let Some(meta) = found {
                self.saw(kind, key, meta.rev);
            }
            return Ok(());
        }
        let expected = match base {
            Some(rev) => Expect::At(rev),
            None => Expect::Absent,
        };
        Err(self.refused(kind, key, WriteRefusal::Stale { expected, found }))
    }

    /// Hands out a new record id, unique across all kinds.
    pub fn next_id(&mut self) -> Result<u64, StoreError> {
        self.shared.guard(|| self.txn.next_id())
    }

    /// Inserts or replaces a record, replacing the revision read in this transaction (or the
    /// current one); returns the new revision.
    pub fn put<T: Entity>(&mut self, record: &T) -> Result<Rev, StoreError> {
        let key = record.key();
        let expect = self.expected(T::KIND, key)?;
        self.put_row(T::KIND, key, expect, &record.encode()?, record.access())
    }

    /// Writes a record over exactly revision `base` (`None`: only if there is none) — an
    /// edit made from what a screen showed; a record changed since is refused with
    /// [`StoreError::Conflict`].
    pub fn put_over<T: Entity>(
        &mut self,
        record: &T,
        base: Option<Rev>,
    ) -> Result<Rev, StoreError> {
        let expect = match base {
            Some(rev) => Expect::At(rev),
            None => Expect::Absent,
        };
        self.put_row(
            T::KIND,
            record.key(),
            expect,
            &record.encode()?,
            record.access(),
        )
    }

    /// Deletes a record; `true` if it existed.
    pub fn delete<T: Entity>(&mut self, id: u64) -> Result<bool, StoreError> {
        self.delete_at(T::KIND, Key::id(id))
    }

    fn delete_at(&mut self, kind: Kind, key: Key) -> Result<bool, StoreError> {
        let rev = match self.expected(kind, key)? {
            Expect::At(r) => r,
            Expect::Absent => return Ok(false),
        };
        // What the change log's entry of this removal belongs to.
        if let Some(subject) = [
            Subject::Contact,
            Subject::Contract,
            Subject::Brand,
            Subject::Meeting,
        ]
        .into_iter()
        .find(|s| subject_kind(*s) == Some(kind))
            && let Some(meta) = self.shared.guard(|| self.txn.meta(kind, key))?
        {
            self.removed
                .borrow_mut()
                .insert((subject, key.id), meta.access);
        }
        let written = self.written;
        let result = self
            .shared
            .guard(|| Ok(self.txn.remove(kind, key, rev, written)))?;
        match result {
            Ok(()) => {
                self.seen.borrow_mut().remove(&(kind, key));
                Ok(true)
            }
            Err(refusal) => Err(self.refused(kind, key, refusal)),
        }
    }

    /// Issues the next job number of `year` in `format`, recording it so no two jobs share one.
    pub fn issue_job_number(
        &mut self,
        format: &JobNumberFormat,
        year: i32,
    ) -> Result<JobNumber, StoreError> {
        let mut issued = None;
        self.shared.guard(|| {
            self.txn.allocate_job_seq(year, &mut |last| {
                let number = format
                    .issue(year, last)
                    .map_err(|e| StoreError::Engine(e.to_string()))?;
                let seq = number.seq;
                issued = Some(number);
                Ok(seq)
            })
        })?;
        issued.ok_or_else(|| StoreError::Engine("no job number was issued".into()))
    }

    /// Issues the library's next archive number (`ASN-000124`), from its own sequence (kept
    /// as year 0 beside the job numbers' years), so no two items share one.
    pub fn issue_archive_serial(&mut self) -> Result<u32, StoreError> {
        self.shared.guard(|| {
            self.txn.allocate_job_seq(0, &mut |last| {
                last.unwrap_or(0)
                    .checked_add(1)
                    .ok_or_else(|| StoreError::Engine("archive numbers are used up".into()))
            })
        })
    }

    /// Stores a new brief version. Versions are never overwritten.
    pub fn append_brief(&mut self, version: &BriefVersion) -> Result<Rev, StoreError> {
        let key = version.key();
        self.put_row(
            Kind::BriefVersion,
            key,
            Expect::Absent,
            &version.encode()?,
            version.access(),
        )
        .map_err(|e| match e {
            StoreError::Conflict { .. } => StoreError::Engine(format!(
                "brief version {} of job {} already exists",
                version.version, version.job_id
            )),
            other => other,
        })
    }

    /// Saves a job's working schedule (replacing the previous state).
    pub fn put_schedule(&mut self, schedule: &JobSchedule) -> Result<Rev, StoreError> {
        self.put(schedule)
    }

    /// Removes a job's working schedule; `true` if it had one. Issued versions stay.
    pub fn delete_schedule(&mut self, job: JobId) -> Result<bool, StoreError> {
        self.delete_at(Kind::Schedule, Key::id(job.0))
    }

    /// Stores an issued schedule version. Issued versions are never overwritten.
    pub fn issue_schedule(&mut self, issued: &IssuedSchedule) -> Result<Rev, StoreError> {
        self.put_row(
            Kind::IssuedSchedule,
            issued.key(),
            Expect::Absent,
            &issued.encode()?,
            issued.access(),
        )
        .map_err(|e| match e {
            StoreError::Conflict { .. } => StoreError::Engine(format!(
                "schedule version {} of job {} was already issued",
                issued.version, issued.job_id
            )),
            other => other,
        })
    }

    fn put_single<T: Record>(&mut self, record: &T) -> Result<Rev, StoreError> {
        let expect = self.expected(T::KIND, Key::ONE)?;
        self.put_row(
            T::KIND,
            Key::ONE,
            expect,
            &record.encode()?,
            Access::default(),
        )
    }

    /// Saves the agency settings.
    pub fn put_settings(&mut self, settings: &AgencySettings) -> Result<Rev, StoreError> {
        self.put_single(settings)
    }

    /// Records a step of an estimate's road before the estimate is written (see
    /// [`super::backend::WriteTxn::estimate_step`]).
    pub fn estimate_step(
        &mut self,
        estimate: u64,
        version: u32,
        step: crate::domain::estimate::EstimateStep,
        hash: &[u8; 32],
    ) -> Result<(), StoreError> {
        self.estimate_step_by(estimate, version, step, hash, 0)
    }

    /// [`Self::estimate_step`] taken by `by`, which only the team's administrator may name
    /// (moving a database in); a person's steps are always their own.
    pub(super) fn estimate_step_by(
        &mut self,
        estimate: u64,
        version: u32,
        step: crate::domain::estimate::EstimateStep,
        hash: &[u8; 32],
        by: u64,
    ) -> Result<(), StoreError> {
        let code = super::records::step_code(step);
        self.shared
            .guard(|| self.txn.estimate_step(estimate, version, code, hash, by))
    }

    /// Records a step of a monthly budget report's road before the report is written (see
    /// [`super::backend::WriteTxn::report_step`]); `hash` is the 64 hex digits of the report
    /// as read for review.
    pub fn report_step(
        &mut self,
        report: &crate::domain::budget::road::MonthlyReport,
        event: &crate::domain::budget::road::ReportEvent,
    ) -> Result<(), StoreError> {
        self.report_step_by(report.id.0, event, 0)
    }

    /// [`Self::report_step`] taken by `by` (only the team's administrator, moving a
    /// database in, names who took a step).
    pub(super) fn report_step_by(
        &mut self,
        report: u64,
        event: &crate::domain::budget::road::ReportEvent,
        by: u64,
    ) -> Result<(), StoreError> {
        let hash = crate::domain::FileHash::from_hex(&event.hash)
            .map(|h| h.0)
            .ok_or_else(|| {
                StoreError::Engine(format!(
                    "budget report {report}: the hash “{}” is not 64 hex digits",
                    event.hash.chars().take(70).collect::<String>()
                ))
            })?;
        let code = super::records::report_step_code(event.step);
        self.shared.guard(|| {
            self.txn
                .report_step(report, event.revision, code, &hash, by)
        })
    }

    /// Saves the agency's money settings.
    pub fn put_money_settings(
        &mut self,
        settings: &crate::domain::estimate::check::MoneySettings,
    ) -> Result<Rev, StoreError> {
        self.put_single(settings)
    }

    /// Saves the agency's schedule templates (the whole list, replacing the previous one).
    pub fn put_templates(
        &mut self,
        templates: &crate::domain::template::ScheduleTemplates,
    ) -> Result<Rev, StoreError> {
        self.put_single(templates)
    }

    /// Appends an entry to the change log. It belongs to the client or job of the record
    /// it tells of, so that on a team database it is seen by whoever sees that record.
    pub fn log(&mut self, change: &Change) -> Result<(), StoreError> {
        let key = self.shared.guard(|| self.txn.next_change_key())?;
        let txn = &self.txn;
        let mut access = self.shared.guard(|| {
            change_access(change, &mut |kind, id| {
                Ok(txn.meta(kind, Key::id(id))?.map(|m| m.access))
            })
        })?;
        if access.client == 0
            && access.job == 0
            && let Some(gone) = self.removed.borrow().get(&(change.subject, change.id))
        {
            access = *gone;
        }
        access.owner = change.stamp.by.0;
        self.put_row(
            Kind::Change,
            Key::id(key),
            Expect::Absent,
            &change.encode()?,
            access,
        )?;
        Ok(())
    }
}

/// The kind of record a change-log subject is kept as, for those kept under their own id.
fn subject_kind(subject: Subject) -> Option<Kind> {
    match subject {
        Subject::Client => Some(Kind::Client),
        Subject::Contact => Some(Kind::Contact),
        Subject::Contract => Some(Kind::Contract),
        Subject::Brand => Some(Kind::Brand),
        Subject::Job => Some(Kind::Job),
        Subject::Meeting => Some(Kind::Meeting),
        Subject::Estimate => Some(Kind::Estimate),
        Subject::User => Some(Kind::User),
        Subject::Document => Some(Kind::Document),
        Subject::LibraryItem => Some(Kind::LibraryItem),
        Subject::CreativeWork => Some(Kind::CreativeWork),
        Subject::Brief | Subject::Schedule | Subject::Settings => None,
    }
}

/// The client and job a change-log entry belongs to: those of the record it tells of, as
/// `access_of` finds it (a brief's or schedule's change belongs to its job).
pub(super) fn change_access(
    change: &Change,
    access_of: &mut dyn FnMut(Kind, u64) -> Result<Option<Access>, StoreError>,
) -> Result<Access, StoreError> {
    let mut access = Access::default();
    match change.subject {
        Subject::Client => access.client = change.id,
        Subject::Job | Subject::Brief | Subject::Schedule => access.job = change.id,
        Subject::User | Subject::Settings => {}
        subject => {
            if let Some(kind) = subject_kind(subject)
                && let Some(found) = access_of(kind, change.id)?
            {
                access.client = found.client;
                access.job = found.job;
            }
        }
    }
    Ok(access)
}
