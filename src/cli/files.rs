//! `account-desk files`: the files records name. `files import PATH` stores a file and
//! prints its fingerprint; `files check` verifies every stored file. `check` prints the same
//! file report after the records' (see [`print_report`]). `files adopt` takes the signed
//! copies typed as paths before files were kept into the file store (the window does the
//! same each time it opens a database). On a desk the files are in the folder beside the
//! database; on a team database (`--team URL`) in the server, each as a client's.

use super::CliError;
use super::team::Db;
use crate::store::{FilesReport, Store};
use clap::Subcommand;
use std::io::Write;
use std::path::{Path, PathBuf};

/// What `files` does.
#[derive(Debug, Subcommand)]
pub enum FilesCommand {
    /// Store a file (kept once, named by the SHA-256 of its content) and print its
    /// fingerprint, length and name as tab-separated text
    Import {
        /// The file to store
        #[arg(value_name = "PATH")]
        path: PathBuf,
        /// On a team database: the client the file belongs to, by id or exact name (0 for
        /// none); only people who may see that client see the file
        #[arg(long, value_name = "CLIENT")]
        client: Option<String>,
    },
    /// Verify every stored file against its fingerprint; list missing, damaged and orphan
    /// files (orphans are only listed, never deleted); exit 1 if any is missing or damaged
    Check,
    /// Delete for good the stored files no record names any more (those of documents purged
    /// from the trash after their 30 days, or left by an import that was cut off), with
    /// their texts and thumbnails; one line per file. On a desk, close the app first: the
    /// database must not be open elsewhere. On a team database, the administrator's task: a
    /// file stored in the last day is kept (a colleague may be filing it now)
    ClearOrphans {
        /// Only list the files that would be deleted
        #[arg(long)]
        dry_run: bool,
    },
    /// On a team database: delete for good the documents in the trash 30 days (a legal hold
    /// keeps one), each logged; one line per document. Run it after the server's backup,
    /// then `clear-orphans` for their files. (A desk's window does this itself, after the
    /// day's backup.)
    PurgeTrash {
        /// Only list the documents that would be deleted
        #[arg(long)]
        dry_run: bool,
    },
    /// Take the signed copies of minutes, typed as paths before files were kept, into the
    /// file store; a path whose file is gone is kept as typed and listed
    Adopt,
}

/// Runs a `files` subcommand on the database `db`.
pub fn run(db: &Db, command: &FilesCommand, out: &mut dyn Write) -> Result<(), CliError> {
    match command {
        FilesCommand::Import { path, client } => import(db, path, client.as_deref(), out),
        FilesCommand::Check => check(db, out),
        FilesCommand::ClearOrphans { dry_run } => clear_orphans(db, *dry_run, out),
        FilesCommand::PurgeTrash { dry_run } => purge_trash(db, *dry_run, out),
        FilesCommand::Adopt => adopt(db, out),
    }
}

/// Opens the database the files belong to: a desk's must exist, and is opened with its
/// lock held while its folder is written, so the temporaries of a killed import can be
/// cleared without touching a living one's.
fn open(db: &Db) -> Result<Store, CliError> {
    match db {
        Db::Desk(path) => {
            must_exist(path)?;
            let store = Store::open_verified(path)?;
            store.desk_files().remove_stale_temporaries();
            Ok(store)
        }
        Db::Team(address) => Ok(Store::open_team(address)?),
    }
}

/// The database must exist: files belong to one.
fn must_exist(db: &Path) -> Result<(), CliError> {
    if db.exists() {
        return Ok(());
    }
    Store::refuse_unusable_path(db)?;
    Err(CliError::NoDatabase {
        path: db.to_path_buf(),
    })
}

/// `files import PATH [--client CLIENT]`.
fn import(db: &Db, path: &Path, client: Option<&str>, out: &mut dyn Write) -> Result<(), CliError> {
    let store = open(db)?;
    let client = match (db, client) {
        (Db::Desk(_), _) => 0,
        (Db::Team(_), None) => {
            return Err(CliError::Usage(
                "on a team database a file belongs to a client, and only those who may see \
                 the client see it: give --client ID or NAME (`list clients`), or --client 0 \
                 for a file of no client"
                    .into(),
            ));
        }
        (Db::Team(_), Some(given)) if given.trim() == "0" => 0,
        (Db::Team(_), Some(given)) => super::team_people::client_id(&store, given)?,
    };
    let file = store
        .files()
        .import(path, client)
        .map_err(crate::store::StoreError::from)?;
    writeln!(out, "{}\t{}\t{}", file.hash, file.size, file.original_name)?;
    Ok(())
}

/// `files adopt`: one line per signed copy taken in, kept outside or failed.
fn adopt(db: &Db, out: &mut dyn Write) -> Result<(), CliError> {
    let store = open(db)?;
    let ctx = crate::services::Ctx {
        actor: crate::domain::UserId(0),
        now: chrono::Utc::now(),
        today: chrono::Local::now().date_naive(),
    };
    let report = crate::services::files::adopt_typed_paths(&store, &ctx)?;
    for (id, version, file) in &report.adopted {
        writeln!(
            out,
            "stored\tmeeting {} v{version}\t{}\t{}",
            id.0, file.hash, file.original_name
        )?;
    }
    for (id, version, path) in &report.missing {
        writeln!(
            out,
            "kept as typed (file not found)\tmeeting {} v{version}\t{path}",
            id.0
        )?;
    }
    for (id, version, e) in &report.failed {
        writeln!(
            out,
            "kept as typed (not imported)\tmeeting {} v{version}\t{e}",
            id.0
        )?;
    }
    writeln!(
        out,
        "{} signed copies taken into the file store, {} kept as typed paths.",
        report.adopted.len(),
        report.missing.len() + report.failed.len()
    )?;
    Ok(())
}

/// `files clear-orphans [--dry-run]`: one line per orphan, then what it came to.
fn clear_orphans(db: &Db, dry_run: bool, out: &mut dyn Write) -> Result<(), CliError> {
    let store = open(db)?;
    let Some(cleared) = crate::services::files::clear_orphans(&store, dry_run, chrono::Utc::now())?
    else {
        return Err(CliError::Usage(
            "only the administrator who set the team database up may delete its files: \
             give the administrator's URL (`--team postgres://ADMIN@HOST/DB`)"
                .into(),
        ));
    };
    let verb = if dry_run { "would delete" } else { "deleted" };
    for (hash, size) in &cleared.files {
        writeln!(out, "{verb}\t{hash}\t{size}")?;
    }
    let mb = cleared.bytes() as f64 / (1024.0 * 1024.0);
    match (cleared.files.len(), dry_run) {
        (0, _) => writeln!(
            out,
            "No orphan files: every stored file is named by a record."
        )?,
        (n, true) => writeln!(
            out,
            "{n} orphan files ({mb:.1} MB) would be deleted; run again without --dry-run to delete them."
        )?,
        (n, false) => writeln!(out, "{n} orphan files deleted, {mb:.1} MB freed.")?,
    }
    Ok(())
}

/// `files purge-trash [--dry-run]`: one line per document, then how many.
fn purge_trash(db: &Db, dry_run: bool, out: &mut dyn Write) -> Result<(), CliError> {
    if let Db::Desk(_) = db {
        return Err(CliError::Usage(
            "a desk's window empties its trash itself, once the day's backup is made; \
             purge-trash is for a team database (`--team URL`), after the server's backup"
                .into(),
        ));
    }
    let store = open(db)?;
    let ctx = super::filing::ctx_of(&store);
    let purged = crate::services::documents::purge_trash(&store, &ctx, dry_run)?;
    let verb = if dry_run { "would delete" } else { "deleted" };
    for (id, title) in &purged {
        writeln!(out, "{verb}\tdocument {}\t{title}", id.0)?;
    }
    match (purged.len(), dry_run) {
        (0, _) => writeln!(out, "No document has been in the trash 30 days.")?,
        (n, true) => writeln!(
            out,
            "{n} documents would be deleted for good; run again without --dry-run to delete them."
        )?,
        (n, false) => writeln!(
            out,
            "{n} documents deleted for good; `files clear-orphans` deletes their files."
        )?,
    }
    Ok(())
}

/// `files check`.
fn check(db: &Db, out: &mut dyn Write) -> Result<(), CliError> {
    let store = match db {
        Db::Desk(path) => {
            must_exist(path)?;
            Store::open_checked(path)?
        }
        Db::Team(address) => Store::open_team(address)?,
    };
    let failed = print_report(&store, out)?;
    if failed == 0 {
        writeln!(out, "No problems found.")?;
        return Ok(());
    }
    Err(CliError::CheckFailed {
        count: failed,
        db: db.shown(),
    })
}

/// Prints the file report of `store` as tab-separated lines (nothing when it has no file
/// store yet) and returns how many files are missing or damaged.
pub fn print_report(store: &Store, out: &mut dyn Write) -> Result<usize, CliError> {
    let Some(report) = store.check_files()? else {
        return Ok(0);
    };
    write_report(&report, out)?;
    Ok(report.missing.len() + report.damaged.len())
}

fn write_report(report: &FilesReport, out: &mut dyn Write) -> Result<(), CliError> {
    writeln!(out, "files folder\t{}", report.folder.display())?;
    writeln!(out, "files intact\t{}", report.ok)?;
    writeln!(out, "files bytes\t{}", report.bytes)?;
    for hash in &report.missing {
        writeln!(out, "file missing\t{hash}")?;
    }
    for hash in &report.damaged {
        writeln!(out, "file damaged\t{hash}")?;
    }
    for hash in &report.orphans {
        writeln!(out, "file orphan\t{hash}")?;
    }
    for stray in &report.strays {
        writeln!(out, "not a stored file\t{}", stray.display())?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::meeting::SignedCopy;

    /// Writes a phone call of client 1 whose minutes were sent and confirmed with `scan`.
    fn confirmed_call(store: &Store, scan: SignedCopy) {
        use crate::domain::meeting::{MeetingKind, Point};
        use crate::domain::{ClientId, Meeting, Stamp, UserId};
        let now = chrono::Utc::now();
        let stamp = Stamp {
            by: UserId(0),
            at: now,
        };
        let mut m = Meeting::new(MeetingKind::PhoneCall, ClientId(1), now, now, stamp);
        m.title = "排期电话".into();
        m.minutes.points.push(Point {
            text: "改期".into(),
            ..Default::default()
        });
        m.send(stamp, vec!["li.na@brand.cn".into()]).unwrap();
        m.confirm(now, "李娜", Some(scan)).unwrap();
        store
            .write(|tx| {
                m.id = crate::domain::MeetingId(tx.next_id()?);
                tx.put(&m).map(|_| ())
            })
            .unwrap();
    }

    #[test]
    fn import_prints_the_fingerprint_and_check_reports_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("客户 资料").join("desk.redb");
        drop(Store::open(&db).unwrap());
        let source = dir.path().join("会议纪要 签字版.pdf");
        std::fs::write(&source, b"%PDF signed").unwrap();
        let mut out = Vec::new();
        run(
            &Db::Desk(db.clone()),
            &FilesCommand::Import {
                path: source,
                client: None,
            },
            &mut out,
        )
        .unwrap();
        let out = String::from_utf8(out).unwrap();
        let hash = crate::store::FileHash::of_bytes(b"%PDF signed");
        assert_eq!(out, format!("{hash}\t11\t会议纪要 签字版.pdf\n"));

        let mut out = Vec::new();
        run(&Db::Desk(db.clone()), &FilesCommand::Check, &mut out).unwrap();
        let out = String::from_utf8(out).unwrap();
        assert!(out.contains("files intact\t1\n"), "{out}");
        // No record names this file: it is an orphan, reported and kept.
        assert!(out.contains(&format!("file orphan\t{hash}\n")), "{out}");
        assert!(out.ends_with("No problems found.\n"), "{out}");

        // A damaged file fails the check (and `check` as a whole).
        let stored = Store::open(&db).unwrap().desk_files().path_of(&hash);
        let mut permissions = std::fs::metadata(&stored).unwrap().permissions();
        #[allow(clippy::permissions_set_readonly_false)]
        permissions.set_readonly(false);
        std::fs::set_permissions(&stored, permissions).unwrap();
        std::fs::write(&stored, b"%PDF signeD").unwrap();
        let mut out = Vec::new();
        let err = run(&Db::Desk(db.clone()), &FilesCommand::Check, &mut out).unwrap_err();
        assert!(
            matches!(err, CliError::CheckFailed { count: 1, .. }),
            "{err:?}"
        );
        assert!(
            String::from_utf8(out)
                .unwrap()
                .contains(&format!("file damaged\t{hash}"))
        );
        let mut out = Vec::new();
        let err = crate::cli::run(&crate::cli::CliCommand::Check, &db, &mut out).unwrap_err();
        assert!(
            matches!(err, CliError::CheckFailed { count: 1, .. }),
            "{err:?}"
        );
    }

    #[test]
    fn adopt_stores_a_typed_path_and_lists_a_missing_one() {
        use crate::domain::Meeting;
        use crate::domain::meeting::Reply;
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("desk.redb");
        let signed = dir.path().join("签字版.pdf");
        std::fs::write(&signed, b"%PDF signed").unwrap();
        let gone = dir.path().join("不在了.pdf");
        let store = Store::open(&db).unwrap();
        for path in [&signed, &gone] {
            confirmed_call(
                &store,
                SignedCopy::Outside(path.to_string_lossy().into_owned()),
            );
        }
        drop(store);
        let mut out = Vec::new();
        run(&Db::Desk(db.clone()), &FilesCommand::Adopt, &mut out).unwrap();
        let out = String::from_utf8(out).unwrap();
        let hash = crate::store::FileHash::of_bytes(b"%PDF signed");
        assert!(out.contains(&format!("{hash}\t签字版.pdf")), "{out}");
        assert!(out.contains("kept as typed (file not found)"), "{out}");
        assert!(
            out.ends_with("1 signed copies taken into the file store, 1 kept as typed paths.\n"),
            "{out}"
        );
        let store = Store::open(&db).unwrap();
        let scans: Vec<_> = store
            .all::<Meeting>()
            .unwrap()
            .into_iter()
            .filter_map(|m| match m.latest().and_then(|s| s.reply.clone()) {
                Some(Reply::Confirmed { scan, .. }) => scan,
                _ => None,
            })
            .collect();
        assert!(
            matches!(&scans[0], SignedCopy::Stored(f) if f.hash == hash),
            "{scans:?}"
        );
        assert_eq!(
            scans[1],
            SignedCopy::Outside(gone.to_string_lossy().into_owned())
        );
        // The stored copy is named: `files check` lists no orphan.
        drop(store);
        let mut out = Vec::new();
        run(&Db::Desk(db.clone()), &FilesCommand::Check, &mut out).unwrap();
        let out = String::from_utf8(out).unwrap();
        assert!(!out.contains("file orphan"), "{out}");
        assert!(out.contains("files intact\t1\n"), "{out}");
    }

    #[test]
    fn clear_orphans_deletes_only_the_files_no_record_names_with_their_texts() {
        use crate::extract::Extracted;
        use crate::services::texts;
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("desk.redb");
        let store = Store::open(&db).unwrap();
        let named = dir.path().join("签字版.pdf");
        std::fs::write(&named, b"%PDF signed").unwrap();
        let left = dir.path().join("作废 发票.pdf");
        std::fs::write(&left, b"%PDF purged invoice").unwrap();
        let named = store.desk_files().import(&named).unwrap();
        let left = store.desk_files().import(&left).unwrap();
        confirmed_call(&store, SignedCopy::Stored(named.clone()));
        // The orphan's words (in the words' index too) and thumbnail were kept.
        texts::keep(&db, &left.hash, Ok(Extracted::Text("作废 发票".into())));
        let text = texts::text_dir(&db).join(format!("{}.txt", left.hash.to_hex()));
        let key = left.hash.to_hex();
        let index = texts::words_index(&db).unwrap();
        assert!(index.has(key.as_bytes()).unwrap());
        let thumb = crate::services::thumbs::thumb_path(&db, &left.hash);
        std::fs::create_dir_all(thumb.parent().unwrap()).unwrap();
        std::fs::write(&thumb, b"png").unwrap();
        drop(store);
        let files = crate::store::FileStore::beside(&db);

        let dry = FilesCommand::ClearOrphans { dry_run: true };
        let mut out = Vec::new();
        run(&Db::Desk(db.clone()), &dry, &mut out).unwrap();
        let out = String::from_utf8(out).unwrap();
        assert_eq!(
            out.lines().next(),
            Some(format!("would delete\t{}\t19", left.hash).as_str()),
            "{out}"
        );
        assert!(
            out.contains("1 orphan files (0.0 MB) would be deleted"),
            "{out}"
        );
        assert!(
            files.path_of(&left.hash).is_file(),
            "a dry run deletes nothing"
        );
        assert!(text.is_file());

        let clear = FilesCommand::ClearOrphans { dry_run: false };
        let mut out = Vec::new();
        run(&Db::Desk(db.clone()), &clear, &mut out).unwrap();
        let out = String::from_utf8(out).unwrap();
        assert!(
            out.starts_with(&format!("deleted\t{}\t19\n", left.hash)),
            "{out}"
        );
        assert!(
            out.ends_with("1 orphan files deleted, 0.0 MB freed.\n"),
            "{out}"
        );
        assert!(!files.path_of(&left.hash).exists());
        assert!(
            !text.exists() && !thumb.exists(),
            "its text and thumbnail go with it"
        );
        assert!(
            !index.has(key.as_bytes()).unwrap(),
            "and its place in the words' index"
        );
        assert!(files.path_of(&named.hash).is_file(), "a named file stays");

        let mut out = Vec::new();
        run(&Db::Desk(db.clone()), &FilesCommand::Check, &mut out).unwrap();
        let out = String::from_utf8(out).unwrap();
        assert!(!out.contains("file orphan"), "{out}");
        assert!(out.contains("files intact\t1\n"), "{out}");
        let mut out = Vec::new();
        run(&Db::Desk(db), &clear, &mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "No orphan files: every stored file is named by a record.\n"
        );
    }
}
