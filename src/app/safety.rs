//! Data safety from the window. The window opens fast — a sealed file skips redb's
//! whole-file check — so a worker then reads and decodes every record (the verification
//! pass) and finds bit rot within a minute of opening; only a database that passed it gets
//! the day's automatic backup, so a damaged file never pushes good backups out. And the
//! backup a person asks for (备份数据库…, Ctrl+Shift+B): the window holds the database
//! open, so `account-desk backup` is refused while it runs and the window writes it itself.

use super::AccountDeskApp;
use super::dialog::{SaveRequest, SaveTarget};
use crate::domain::Lang;
use crate::store::files::manifest_path;
use crate::store::{CheckReport, Store, StoreError, backup};
use chrono::NaiveDateTime;
use std::path::{Path, PathBuf};
use std::sync::{Arc, mpsc};

/// What the start-up worker reports, in this order.
enum Report {
    /// The verification pass is done.
    Checked(Result<CheckReport, CheckFailed>),
    /// The day's automatic backup is done; only after a check that passed.
    BackedUp(Result<Option<PathBuf>, StoreError>),
    /// The documents in the trash for their 30 days, read after the backup (which still
    /// holds them): the window purges them.
    TrashDue(Vec<crate::domain::DocumentId>),
}

/// Why the verification pass gave no report.
enum CheckFailed {
    /// The store could not read the file.
    Store(StoreError),
    /// The worker ended without a report.
    Stopped(String),
}

/// A backup the person asked for, being written.
struct Manual {
    dest: PathBuf,
    /// The "backing up…" note, taken back when it is done.
    note: String,
    done: mpsc::Receiver<Result<(), StoreError>>,
}

/// What the app keeps about the verification pass and the backups running beside it.
#[derive(Default)]
pub(super) struct SafetyState {
    /// The start-up worker: verification, then the automatic backup.
    worker: Option<mpsc::Receiver<Report>>,
    /// Whether the verification pass found the database sound; `None` until it reports.
    sound: Option<bool>,
    /// A backup the person asked for, being written: where, the note saying so, and its
    /// outcome when done.
    manual: Option<Manual>,
}

impl SafetyState {
    /// Whether a verification, an automatic or a requested backup is running.
    pub(super) fn is_busy(&self) -> bool {
        self.worker.is_some() || self.manual.is_some()
    }
}

impl AccountDeskApp {
    /// Starts the verification pass on a worker thread: [`Store::check`] reads and decodes
    /// every record in one read transaction. If it passes, the same worker then makes the
    /// day's automatic backup (see [`Store::auto_backup`]) for `now` (local time); if it
    /// finds a problem, no backup is made and the window says what to do.
    pub fn start_verification(&mut self, now: NaiveDateTime) {
        let store = Arc::clone(&self.store);
        let (send, done) = mpsc::channel();
        let worker = std::thread::Builder::new()
            .name("verify-and-back-up".into())
            .spawn(move || {
                let checked = check(&store);
                let report = checked.as_ref().ok().filter(|r| r.problems.is_empty());
                let report = report.cloned();
                // The window may have closed meanwhile: then nothing more is wanted.
                if send.send(Report::Checked(checked)).is_err() {
                    return;
                }
                if let Some(report) = report {
                    let backed_up = store.auto_backup(now, &report);
                    // The trash is purged only once the day's backup is safe (or an earlier
                    // one, which holds whatever has been in the trash 30 days).
                    let purge = backed_up.is_ok() && !store.files().is_team();
                    let _ = send.send(Report::BackedUp(backed_up));
                    if purge {
                        let due = crate::services::documents::purge_due(&store, chrono::Utc::now());
                        match due {
                            Ok(due) if due.is_empty() => {}
                            Ok(due) => {
                                let _ = send.send(Report::TrashDue(due));
                            }
                            Err(e) => log::warn!("reading the trash: {e}"),
                        }
                    }
                }
            });
        match worker {
            Ok(_) => self.safety.worker = Some(done),
            Err(e) => self.notes.error(format!(
                "{}{e}",
                self.prefs.lang.pick(
                    "无法启动数据库检查：",
                    "The database check could not be started: "
                )
            )),
        }
    }

    /// Whether the verification pass found the database sound; `None` while it runs (or
    /// when it was never started).
    pub fn is_verified(&self) -> Option<bool> {
        self.safety.sound
    }

    /// Whether the verification pass, the automatic backup or a requested backup is still
    /// running.
    pub fn is_backing_up(&self) -> bool {
        self.safety.is_busy()
    }

    /// Takes what the safety workers reported since the last frame; with `wait`, waits until
    /// they are done.
    pub(super) fn poll_safety(&mut self, wait: bool) {
        while let Some(worker) = &self.safety.worker {
            let received = if wait {
                worker.recv().map_err(|_| mpsc::TryRecvError::Disconnected)
            } else {
                worker.try_recv()
            };
            match received {
                Ok(Report::Checked(checked)) => self.checked(checked),
                Ok(Report::BackedUp(outcome)) => match outcome {
                    Ok(Some(path)) => log::info!("automatic backup written to {}", path.display()),
                    Ok(None) => {}
                    Err(e) => self.backup_failed(&e),
                },
                Ok(Report::TrashDue(due)) => self.purge_trash(&due),
                Err(mpsc::TryRecvError::Empty) => break,
                Err(mpsc::TryRecvError::Disconnected) => {
                    self.safety.worker = None;
                    if self.safety.sound.is_none() {
                        let stopped = CheckFailed::Stopped("the check stopped".into());
                        self.checked(Err(stopped));
                    }
                }
            }
        }
        if let Some(Manual { done, .. }) = &self.safety.manual {
            let received = if wait {
                done.recv().map_err(|_| mpsc::TryRecvError::Disconnected)
            } else {
                done.try_recv()
            };
            let outcome = match received {
                Err(mpsc::TryRecvError::Empty) => return,
                Ok(outcome) => outcome,
                Err(mpsc::TryRecvError::Disconnected) => Err(StoreError::Engine(
                    "the backup stopped before it was complete".into(),
                )),
            };
            if let Some(manual) = self.safety.manual.take() {
                self.notes.withdraw(&manual.note);
                self.backed_up_by_hand(&manual.dest, outcome);
            }
        }
    }

    /// Reports the verification pass: nothing when the database is sound; otherwise an error
    /// that stays, naming the file, the newest automatic backup and how to restore it.
    fn checked(&mut self, checked: Result<CheckReport, CheckFailed>) {
        let lang = self.prefs.lang;
        let problem = match checked {
            Ok(report) if report.problems.is_empty() => {
                self.safety.sound = Some(true);
                return;
            }
            Ok(report) => {
                let first = report.problems.first().cloned().unwrap_or_default();
                match (report.problems.len(), lang) {
                    (1, _) => first,
                    (n, Lang::Zh) => format!("{first}（共 {n} 处问题）"),
                    (n, Lang::En) => format!("{first} ({n} problems in all)"),
                }
            }
            Err(CheckFailed::Store(e)) => e.message(lang),
            Err(CheckFailed::Stopped(why)) => why,
        };
        self.safety.sound = Some(false);
        let db = self.store.path();
        let newest = backup::newest_backup(db).ok().flatten();
        self.notes
            .error(damage_notice(db, &problem, newest.as_deref(), lang));
    }

    /// Deletes for good the documents that have been in the trash for their 30 days, each a
    /// logged change, and says how many went.
    fn purge_trash(&mut self, due: &[crate::domain::DocumentId]) {
        let mut purged = 0;
        for id in due {
            let command = crate::services::Command::PurgeDocument(*id);
            purged += usize::from(self.run_command(command));
        }
        if let Some(first) = due.first().filter(|_| purged > 0) {
            let topic =
                crate::ui::notify::Topic::of(&crate::services::Command::PurgeDocument(*first));
            self.notes.info_about(
                topic,
                match self.prefs.lang {
                    Lang::Zh => format!("回收站中 {purged} 个已满 30 天的文件已永久删除。"),
                    Lang::En => format!(
                        "{purged} document(s) in the trash for 30 days were deleted for good."
                    ),
                },
            );
        }
    }

    fn backup_failed(&mut self, error: &StoreError) {
        let lang = self.prefs.lang;
        self.notes.error(format!(
            "{}{}",
            lang.pick("自动备份失败：", "The automatic backup failed: "),
            error.message(lang)
        ));
    }

    /// 备份数据库…: asks where, then writes a consistent copy of the open database there on
    /// a worker thread (a decade-size file takes seconds). A file the person agreed to
    /// replace is replaced only once the new copy is complete.
    pub(super) fn back_up_by_hand(&mut self) {
        let lang = self.prefs.lang;
        if self.safety.manual.is_some() {
            self.notes.info(lang.pick(
                "正在备份数据库，请稍候。",
                "The database is being backed up; please wait.",
            ));
            return;
        }
        let now = chrono::Local::now().naive_local();
        let mut file_name = by_hand_file_name(self.store.path(), now);
        if self.is_team() {
            file_name = file_name.replacen("-backup-", "-offline-", 1);
        }
        let request = SaveRequest {
            file_name: &file_name,
            filter: lang.pick("客户执行台数据库", "Account Desk database"),
            extension: "redb",
        };
        let cancelled = lang.pick("已取消备份。", "Backup cancelled.");
        let Some(SaveTarget {
            path: dest,
            replace,
            ..
        }) = self.save_target(&request, cancelled)
        else {
            return;
        };
        if let Err(e) = crate::store::refuse_backup_target(self.store.path(), &dest) {
            self.notes.error(e.message(lang));
            return;
        }
        let store = Arc::clone(&self.store);
        let (send, done) = mpsc::channel();
        let target = dest.clone();
        let worker = std::thread::Builder::new()
            .name("backup".into())
            .spawn(move || {
                let _ = send.send(write_backup(&store, &target, replace));
            });
        match worker {
            Ok(_) => {
                let note = format!(
                    "{}{}",
                    lang.pick("正在备份数据库到：", "Backing up the database to: "),
                    dest.display()
                );
                self.notes.info(note.clone());
                self.safety.manual = Some(Manual { dest, note, done });
            }
            // No thread: write it here, the window waits.
            Err(_) => {
                let outcome = write_backup(&self.store, &dest, replace);
                self.backed_up_by_hand(&dest, outcome);
            }
        }
    }

    fn backed_up_by_hand(&mut self, dest: &Path, outcome: Result<(), StoreError>) {
        let lang = self.prefs.lang;
        match outcome {
            Ok(()) => self.notes.info(format!(
                "{}{}",
                lang.pick("数据库已备份到：", "The database is backed up to: "),
                dest.display()
            )),
            Err(e) => self.notes.error(format!(
                "{}{}",
                lang.pick("备份失败：", "The backup failed: "),
                e.message(lang)
            )),
        }
    }
}

/// Runs the verification pass. The store contains the engine's panics on damaged pages
/// itself (they arrive as [`StoreError::Corrupted`]).
fn check(store: &Store) -> Result<CheckReport, CheckFailed> {
    store.check().map_err(CheckFailed::Store)
}

/// Writes the backup to `dest`. [`Store::backup_to`] never writes over a file, so a file
/// the person agreed to replace (`replace`) gets the copy under a temporary name beside it
/// first, renamed over it once complete: the old file stays until the new one is whole.
fn write_backup(store: &Store, dest: &Path, replace: bool) -> Result<(), StoreError> {
    if store.team_identity().is_some() {
        return write_offline_copy(store, dest, replace);
    }
    // The database and the files beside it (store::files), with their manifest.
    if !(replace && dest.is_file()) {
        return store.backup_with_files(dest).map(drop);
    }
    let mut name = dest.file_name().unwrap_or_default().to_os_string();
    name.push(format!(".new-{}", std::process::id()));
    let fresh = dest.with_file_name(name);
    if fresh.is_file() {
        // Left by an earlier attempt of this process that failed midway.
        std::fs::remove_file(&fresh).map_err(|e| StoreError::io(&fresh, e))?;
    }
    let files = store.backup_with_files(&fresh)?;
    let (fresh_list, list) = (manifest_path(&fresh), manifest_path(dest));
    // The replaced backup's list of files must never stay beside the new one.
    let _ = std::fs::remove_file(&list);
    if files.is_some() {
        std::fs::rename(&fresh_list, &list).map_err(|e| {
            let _ = std::fs::remove_file(&fresh);
            let _ = std::fs::remove_file(&fresh_list);
            StoreError::io(&list, e)
        })?;
    }
    std::fs::rename(&fresh, dest).map_err(|e| {
        let _ = std::fs::remove_file(&fresh);
        let _ = std::fs::remove_file(&list);
        StoreError::io(dest, e)
    })
}

/// A team database's backups are the server's: 离线副本… writes what this login sees into
/// a desk's file that opens read-only ([`Store::copy_to_desk`]); a file the person agreed to
/// replace is replaced only once the new copy is whole.
fn write_offline_copy(store: &Store, dest: &Path, replace: bool) -> Result<(), StoreError> {
    use crate::store::files::files_dir;
    if !(replace && dest.is_file()) {
        return store.copy_to_desk(dest).map(drop);
    }
    let beside = |what: &str| {
        let mut name = dest.file_name().unwrap_or_default().to_os_string();
        name.push(format!(".{what}-{}", std::process::id()));
        dest.with_file_name(name)
    };
    let (fresh, old_files) = (beside("new"), beside("old-files"));
    for left in [files_dir(&fresh), old_files.clone()] {
        // Left by an earlier attempt of this process that failed midway.
        if left.exists() {
            std::fs::remove_dir_all(&left).map_err(|e| StoreError::io(&left, e))?;
        }
    }
    if fresh.is_file() {
        std::fs::remove_file(&fresh).map_err(|e| StoreError::io(&fresh, e))?;
    }
    store.copy_to_desk(&fresh)?;
    // The old copy's files make way for the new one's, and come back if the copy cannot
    // be put in place.
    let (files, fresh_files) = (files_dir(dest), files_dir(&fresh));
    if files.exists() {
        std::fs::rename(&files, &old_files).map_err(|e| StoreError::io(&files, e))?;
    }
    let placed = (|| {
        if fresh_files.exists() {
            std::fs::rename(&fresh_files, &files).map_err(|e| StoreError::io(&files, e))?;
        }
        std::fs::rename(&fresh, dest).map_err(|e| StoreError::io(dest, e))
    })();
    match placed {
        Ok(()) => {
            let _ = std::fs::remove_dir_all(&old_files);
            Ok(())
        }
        Err(e) => {
            let _ = std::fs::remove_file(&fresh);
            let _ = std::fs::remove_dir_all(&fresh_files);
            if old_files.exists() {
                let _ = std::fs::remove_dir_all(&files);
                let _ = std::fs::rename(&old_files, &files);
            }
            Err(e)
        }
    }
}

/// `<database name>-backup-YYYYMMDD-HHMM.redb`, the name the save dialog offers.
fn by_hand_file_name(db: &Path, now: NaiveDateTime) -> String {
    let stem = db
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "account-desk".into());
    format!("{stem}-backup-{}.redb", now.format("%Y%m%d-%H%M"))
}

/// The notice for a database the verification pass found damaged: the file, the first
/// problem, that no automatic backup was made, and how to restore the newest one.
fn damage_notice(db: &Path, problem: &str, newest: Option<&Path>, lang: Lang) -> String {
    let file = db.display();
    let mut text = match lang {
        Lang::Zh => format!(
            "数据库检查发现损坏：{file}\n{problem}\n今天不做自动备份，以免损坏的数据挤掉完好的备份。"
        ),
        Lang::En => format!(
            "The database check found damage: {file}\n{problem}\nNo automatic backup is made \
             today, so that damaged data does not push good backups out."
        ),
    };
    match (newest, lang) {
        (Some(backup), Lang::Zh) => text.push_str(&format!(
            "\n最新的自动备份：{}\n恢复方法：关闭此窗口，然后运行：\n{}",
            backup.display(),
            restore_command(db, backup)
        )),
        (Some(backup), Lang::En) => text.push_str(&format!(
            "\nNewest automatic backup: {}\nTo restore it, close this window, then run:\n{}",
            backup.display(),
            restore_command(db, backup)
        )),
        (None, Lang::Zh) => text.push_str(
            "\n没有可恢复的自动备份。请不要删除或覆盖此文件，先用“备份数据库…”另存一份，再联系技术支持。",
        ),
        (None, Lang::En) => text.push_str(
            "\nThere is no automatic backup to restore. Do not delete or overwrite this file; \
             save a copy with “Back up database…”, then ask for support.",
        ),
    }
    text
}

/// The command that restores `backup` over `db`.
pub(super) fn restore_command(db: &Path, backup: &Path) -> String {
    format!(
        "account-desk --db \"{}\" restore \"{}\" --force",
        db.display(),
        backup.display()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_offered_name_carries_the_database_name_and_the_minute() {
        let now = chrono::NaiveDate::from_ymd_opt(2026, 12, 3)
            .and_then(|d| d.and_hms_opt(9, 5, 59))
            .unwrap();
        assert_eq!(
            by_hand_file_name(Path::new("/data/客户 资料/desk.redb"), now),
            "desk-backup-20261203-0905.redb"
        );
    }

    #[test]
    fn the_damage_notice_says_how_to_restore_the_newest_backup() {
        let db = Path::new("/data/客户 资料/desk.redb");
        let backup = Path::new("/data/客户 资料/backups/desk-20261202-090000.redb");
        let zh = damage_notice(db, "clients 7: bad", Some(backup), Lang::Zh);
        assert!(zh.contains("/data/客户 资料/desk.redb"), "{zh}");
        assert!(zh.contains("今天不做自动备份"), "{zh}");
        assert!(zh.contains(&format!(
            "account-desk --db \"{}\" restore \"{}\" --force",
            db.display(),
            backup.display()
        )));
        let en = damage_notice(db, "clients 7: bad", None, Lang::En);
        assert!(en.contains("no automatic backup to restore"), "{en}");
    }
}
