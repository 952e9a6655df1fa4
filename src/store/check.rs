//! The check of every record: each decoded (its checksum verified) and matched against its
//! key, in one read transaction, so it runs beside the window.

use super::tables::*;
use super::{Entity, Kind, Store, StoreError, brief_at, issued_at, migrate, schedule_at};
use crate::domain::schedule::{IssuedSchedule, JobSchedule};
use crate::domain::{Brand, BriefVersion, Change, Client, Contact, Contract, Job, Meeting, User};
use crate::store::records::Record;
use redb::ReadableTable;
use std::sync::atomic::Ordering;

impl Store {
    /// Reads and decodes every record of every table in one read transaction (checksums and
    /// keys included); returns counts per kind and every problem found. Damage the engine
    /// itself trips over is an error naming the file. Runs beside the window (a read
    /// transaction), unlike redb's own integrity check, which needs the file to itself.
    pub fn check(&self) -> Result<CheckReport, StoreError> {
        let view = self.read()?;
        let shared = &self.shared;
        let mut report = CheckReport {
            schema_version: shared
                .guard(|| migrate::schema_version(&view.tx))?
                .unwrap_or(0),
            ..Default::default()
        };
        fn problem(report: &mut CheckReport, e: StoreError) {
            report.problems.push(match e {
                StoreError::Record { table, key, source } => format!("{table} {key}: {source}"),
                other => other.to_string(),
            });
        }
        macro_rules! id_table {
            ($t:ty) => {{
                let mut n = 0;
                shared.guard(|| {
                    if let Some(t) = view.table(<$t>::TABLE)? {
                        for row in t.iter()? {
                            let (k, v) = row?;
                            match shared.decode_entity::<$t>(k.value(), v.value()) {
                                Ok(_) => n += 1,
                                Err(e) => problem(&mut report, e),
                            }
                        }
                    }
                    Ok(())
                })?;
                report.counts.push((<$t>::KIND, n));
            }};
        }
        macro_rules! keyed_table {
            ($def:expr, $t:ty, |$k:ident, $v:ident| $decode:expr) => {{
                let mut n = 0;
                shared.guard(|| {
                    if let Some(t) = view.table($def)? {
                        for row in t.iter()? {
                            let (k, v) = row?;
                            let ($k, $v) = (k.value(), v.value());
                            let decoded: Result<$t, StoreError> = $decode;
                            match decoded {
                                Ok(_) => n += 1,
                                Err(e) => problem(&mut report, e),
                            }
                        }
                    }
                    Ok(())
                })?;
                report.counts.push((<$t>::KIND, n));
            }};
        }
        id_table!(User);
        id_table!(Client);
        id_table!(Contact);
        id_table!(Contract);
        id_table!(Brand);
        id_table!(Job);
        id_table!(Meeting);
        keyed_table!(BRIEFS, BriefVersion, |k, v| brief_at(shared, k, v));
        keyed_table!(SCHEDULES, JobSchedule, |k, v| schedule_at(shared, k, v));
        keyed_table!(SCHEDULE_ISSUES, IssuedSchedule, |k, v| issued_at(
            shared, k, v
        ));
        keyed_table!(CHANGES, Change, |k, v| shared.decode("changes", k, v));
        if let Err(e) = view.settings() {
            problem(&mut report, e);
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
    /// Verifies every file in the file store beside the database and compares it with the
    /// files the records name: missing, damaged and orphan files (orphans are only reported).
    /// `None` when the database has no file store yet. Reads only.
    pub fn check_files(&self) -> Result<Option<crate::store::FilesReport>, StoreError> {
        let files = self.files();
        if !files.exists() {
            return Ok(None);
        }
        Ok(Some(files.check(&self.referenced_files()?)?))
    }

    /// The fingerprints of the files the records name. No record kind names a file yet, so
    /// the set is empty and every stored file is reported as an orphan; each kind that gains
    /// a [`crate::store::FileRef`] adds its references here.
    pub fn referenced_files(
        &self,
    ) -> Result<std::collections::BTreeSet<crate::store::FileHash>, StoreError> {
        Ok(std::collections::BTreeSet::new())
    }
}
