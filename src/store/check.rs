//! The check of every record: each decoded (its checksum verified) and matched against its
//! key, in one read view, so it runs beside the window. Driven by the kinds' declarations
//! ([`super::KINDS`]): a new kind is checked without a line here.

use super::backend::KeyShape;
use super::{KINDS, Key, Kind, Store, StoreError, migrate};
use redb::ReadableDatabase;
use std::sync::atomic::Ordering;

impl Store {
    /// Reads and decodes every record of every kind in one read view (checksums, keys and
    /// revision entries included); returns counts per kind and every problem found. Damage
    /// the engine itself trips over is an error naming the file. Runs beside the window,
    /// unlike redb's own integrity check, which needs the file to itself.
    pub fn check(&self) -> Result<CheckReport, StoreError> {
        let view = self.read()?;
        let shared = &self.shared;
        let schema_version = match self.redb() {
            Some(engine) => shared
                .guard(|| {
                    let tx = engine.db()?.begin_read()?;
                    migrate::schema_version(&tx)
                })?
                .unwrap_or(0),
            None => migrate::SCHEMA_VERSION,
        };
        let mut report = CheckReport {
            schema_version,
            ..Default::default()
        };
        fn problem(report: &mut CheckReport, e: StoreError) {
            report.problems.push(match e {
                StoreError::Record { table, key, source } => format!("{table} {key}: {source}"),
                other => other.to_string(),
            });
        }
        for spec in KINDS {
            if spec.kind == Kind::Templates {
                continue;
            }
            let mut n = 0;
            let mut found = Vec::new();
            let mut under_jobs = std::collections::BTreeSet::new();
            let (from, to) = match spec.shape {
                KeyShape::Single(_) => (Key::ONE, Key::ONE),
                _ => (Key::pair(0, 0), Key::pair(u64::MAX, u32::MAX)),
            };
            let scanned = shared.guard(|| {
                view.txn
                    .range(spec.kind, (from, to), false, true, &mut |key, row| {
                        if let Ok(row) = &row
                            && spec.kind.by_job()
                        {
                            under_jobs.insert((row.meta.access.job, key));
                        }
                        match row.and_then(|row| (spec.verify)(shared, key, &row.bytes)) {
                            Ok(()) => n += 1,
                            Err(e) => found.push(e),
                        }
                        Ok(true)
                    })
            });
            for e in found {
                problem(&mut report, e);
            }
            match scanned {
                Ok(()) => {}
                Err(e @ StoreError::Record { .. }) => problem(&mut report, e),
                Err(e) => return Err(e),
            }
            if spec.kind.by_job()
                && let Some(line) = index_problem(self, &view, spec.kind, &under_jobs)?
            {
                report.problems.push(line);
            }
            if spec.kind != Kind::Settings {
                report.counts.push((spec.kind, n));
            }
        }
        // The schedule templates are one record; counted by the templates it holds.
        match view.templates() {
            Ok(list) => report
                .counts
                .push((Kind::Templates, list.map_or(0, |l| l.templates.len()))),
            Err(e) => {
                problem(&mut report, e);
                report.counts.push((Kind::Templates, 0));
            }
        }
        // Damage found by decoding stops writes just as damage found by a screen does.
        if !report.problems.is_empty() {
            shared.damaged.store(true, Ordering::SeqCst);
        }
        Ok(report)
    }
}

/// Compares the rows of a kind indexed by job with what the index hands out for each of
/// their jobs, in the check's own read view: a row missing from it would be missing from its
/// job's screens.
fn index_problem(
    store: &Store,
    view: &super::ReadView,
    kind: Kind,
    rows: &std::collections::BTreeSet<(u64, Key)>,
) -> Result<Option<String>, StoreError> {
    let jobs: std::collections::BTreeSet<u64> = rows.iter().map(|(job, _)| *job).collect();
    let mut listed = std::collections::BTreeSet::new();
    for job in jobs {
        store.shared.guard(|| {
            view.txn.job_rows(kind, job, &mut |key, _| {
                listed.insert((job, key));
                Ok(true)
            })
        })?;
    }
    let missing = rows.difference(&listed).count();
    let extra = listed.difference(rows).count();
    Ok((missing + extra > 0).then(|| {
        format!(
            "{}: the index by job leaves out {missing} and lists {extra} not there; \
             restore the newest backup (`account-desk restore PATH --force`)",
            kind.table()
        )
    }))
}

/// What [`Store::check`] found.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct CheckReport {
    /// Schema version of the file.
    pub schema_version: u32,
    /// Records decoded, per kind.
    pub counts: Vec<(Kind, usize)>,
    /// One line per record that failed to decode.
    pub problems: Vec<String>,
}

impl CheckReport {
    /// Records of `kind` decoded.
    pub fn count(&self, kind: Kind) -> usize {
        self.counts
            .iter()
            .find(|(k, _)| *k == kind)
            .map_or(0, |(_, n)| *n)
    }

    /// True when every record decoded.
    pub fn passed(&self) -> bool {
        self.problems.is_empty()
    }
}

// --- Files beside the database (store::files) ---

impl Store {
    /// Verifies every stored file and compares the files with those the records name:
    /// missing, damaged and orphan files (orphans are only reported). On a desk, the folder
    /// beside the database (`None` when there is none yet); on a team database, every file
    /// this login may see, streamed from the server (`None` when there are no files and
    /// nothing names one). Reads only.
    pub fn check_files(&self) -> Result<Option<crate::store::FilesReport>, StoreError> {
        match self.files() {
            crate::store::AttachedFiles::Desk(files) => {
                if !files.exists() {
                    return Ok(None);
                }
                Ok(Some(files.check(&self.referenced_files()?)?))
            }
            crate::store::AttachedFiles::Team(team) => {
                let referenced = self.referenced_files_by_client()?;
                let report = team.check(&referenced.keys().copied().collect())?;
                let empty =
                    report.ok == 0 && report.damaged.is_empty() && report.orphans.is_empty();
                Ok((!(empty && referenced.is_empty())).then_some(report))
            }
        }
    }

    /// The fingerprints of the files the records name, read in one view: the signed copies
    /// of confirmed minutes, the client's signed estimates, the documents' versions and the budget reports as issued. Each kind that gains a [`crate::store::FileRef`] adds its
    /// references in [`Store::referenced_files_by_client`], or `check` reports its files as
    /// orphans.
    pub fn referenced_files(
        &self,
    ) -> Result<std::collections::BTreeSet<crate::store::FileHash>, StoreError> {
        Ok(self
            .referenced_files_by_client()?
            .into_keys()
            .map(|(_, hash)| hash)
            .collect())
    }

    /// Every file the records name, by the client of the record naming it (a team database
    /// keeps files per client) and fingerprint, with the name it arrived with.
    pub fn referenced_files_by_client(
        &self,
    ) -> Result<
        std::collections::BTreeMap<(u64, crate::store::FileHash), crate::store::FileRef>,
        StoreError,
    > {
        let mut found = std::collections::BTreeMap::new();
        let view = self.read()?;
        view.each::<crate::domain::Meeting>(|m| {
            for file in m.stored_files() {
                found
                    .entry((m.client_id.0, file.hash))
                    .or_insert_with(|| file.clone());
            }
        })?;
        // The client's signed estimates, as scanned.
        view.each::<crate::domain::Estimate>(|e| {
            for file in e
                .events
                .iter()
                .filter_map(|x| x.signature.as_ref()?.file.as_ref())
            {
                found
                    .entry((e.client_id.0, file.hash))
                    .or_insert_with(|| file.clone());
            }
        })?;
        // Every version of every document of the job files and archives, trashed ones
        // included (they are restorable).
        view.each::<crate::domain::Document>(|d| {
            for file in d.files() {
                found
                    .entry((d.client_id.0, file.hash))
                    .or_insert_with(|| file.clone());
            }
        })?;
        // Budget reports as issued.
        view.each::<crate::domain::budget::road::MonthlyReport>(|r| {
            for file in r.issued.iter().filter_map(|i| i.file.as_ref()) {
                found
                    .entry((r.client_id.0, file.hash))
                    .or_insert_with(|| file.clone());
            }
        })?;
        Ok(found)
    }
}
