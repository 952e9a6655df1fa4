//! Files in a team database (schema 3), on the test cluster: a file in chunks there and
//! back, kept once per client, the walls checked with direct SQL as a person, and files
//! moving with `team import`, the offline copy and `team migrate`.

use super::pg_cluster;
use super::walls::{as_person, count, refused, sql};
use crate::domain::meeting::{MeetingKind, Point, SignedCopy};
use crate::domain::{Client, ClientId, Job, Meeting, MeetingId, Stamp, UserId};
use crate::store::{
    FileHash, FileRef, FileStore, FilesError, RolePrefix, Store, StoreError, TeamAddress, TeamRole,
};
use postgres::{Config, NoTls};
use std::path::{Path, PathBuf};

fn io(e: std::io::Error) -> StoreError {
    StoreError::Engine(e.to_string())
}

/// `len` bytes that do not repeat within a chunk, different for each `seed`.
fn content(len: usize, seed: u64) -> Vec<u8> {
    let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x.to_le_bytes()[0]
        })
        .collect()
}

fn write_file(dir: &Path, name: &str, bytes: &[u8]) -> Result<PathBuf, StoreError> {
    let path = dir.join(name);
    std::fs::write(&path, bytes).map_err(io)?;
    Ok(path)
}

/// A fresh team database with one filled client, its administrator's store and SQL.
fn fresh_team(
    cluster: &pg_cluster::Cluster,
) -> Result<(TeamAddress, Config, Store, u64), StoreError> {
    let (address, config) = cluster.fresh_database()?;
    Store::init_team(&address, None)?;
    let store = Store::open_team(&address)?;
    let client = client_of(&store, super::fill(&store)?)?;
    Ok((address, config, store, client))
}

fn client_of(store: &Store, job: crate::domain::JobId) -> Result<u64, StoreError> {
    store
        .get::<Job>(job.0)?
        .map(|j| j.client_id.0)
        .ok_or_else(|| StoreError::Engine("job missing".into()))
}

/// A meeting of `client` whose confirmation names `file` as its signed copy.
fn meeting_naming(store: &Store, client: u64, file: &FileRef) -> Result<MeetingId, StoreError> {
    let now = super::stamp().at;
    let stamp = Stamp {
        by: UserId(0),
        at: now,
    };
    let mut m = Meeting::new(MeetingKind::PhoneCall, ClientId(client), now, now, stamp);
    m.title = "签字版回传".into();
    m.minutes.points.push(Point {
        text: "确认排期".into(),
        ..Default::default()
    });
    m.send(stamp, vec!["li.na@brand.cn".into()])
        .map_err(|e| StoreError::Engine(format!("{e:?}")))?;
    m.confirm(now, "李娜", Some(SignedCopy::Stored(file.clone())))
        .map_err(|e| StoreError::Engine(format!("{e:?}")))?;
    store.write(|tx| {
        m.id = MeetingId(tx.next_id()?);
        tx.put(&m).map(|_| m.id)
    })
}

/// Removes an opened copy, so the next open fetches the file again.
fn forget_copy(path: &Path) {
    let _ = std::fs::remove_file(path);
}

#[test]
fn a_file_goes_through_the_server_in_chunks_and_is_kept_once_per_client() -> Result<(), StoreError>
{
    let Some(cluster) = pg_cluster::cluster() else {
        return Ok(());
    };
    let (_, config, team, client) = fresh_team(cluster)?;
    let other = client_of(&team, super::fill(&team)?)?;
    let dir = tempfile::tempdir().map_err(io)?;
    let bytes = content(3 * 1024 * 1024 + 512 * 1024, 1);
    let source = write_file(dir.path(), "签字版 会议纪要.pdf", &bytes)?;

    let files = team.files();
    assert!(files.is_team());
    let file = files.import(&source, client)?;
    assert_eq!(file.hash, FileHash::of_bytes(&bytes));
    assert_eq!(file.size, bytes.len() as u64);
    assert_eq!(file.original_name, "签字版 会议纪要.pdf");
    assert_eq!(file.media_type.as_deref(), Some("application/pdf"));
    let mut admin = config.connect(NoTls).map_err(sql)?;
    let chunks_of = "SELECT count(*) FROM account_desk.file_chunks WHERE client = $1";
    let files_of = "SELECT count(*) FROM account_desk.files WHERE client = $1";
    assert_eq!(
        count(&mut admin, chunks_of, client)?,
        4,
        "3.5 MiB in 1 MiB chunks"
    );
    // Kept once per client: again for the same client adds nothing; for another, a copy.
    let again = write_file(dir.path(), "copy.pdf", &bytes)?;
    assert_eq!(files.import(&again, client)?.hash, file.hash);
    assert_eq!(count(&mut admin, files_of, client)?, 1);
    assert_eq!(count(&mut admin, chunks_of, client)?, 4);
    files.import(&again, other)?;
    assert_eq!(count(&mut admin, files_of, other)?, 1);
    assert_eq!(count(&mut admin, chunks_of, other)?, 4);

    // Back out: a verified, read-only copy under its name.
    let copy = files.open_copy(&file)?;
    assert_eq!(std::fs::read(&copy).map_err(io)?, bytes);
    assert!(
        std::fs::metadata(&copy)
            .map_err(io)?
            .permissions()
            .readonly()
    );
    assert!(copy.ends_with("签字版 会议纪要.pdf"), "{copy:?}");
    meeting_naming(&team, client, &file)?;
    let report = team
        .check_files()?
        .ok_or(StoreError::Engine("no report".into()))?;
    assert_eq!((report.ok, report.passed()), (2, true), "{report:?}");
    assert_eq!(report.orphans, vec![file.hash], "the other client's copy");

    // A flipped byte in the server is damage, never handed out; a file never stored is
    // missing.
    forget_copy(&copy);
    admin
        .execute(
            "UPDATE account_desk.file_chunks SET bytes = set_byte(bytes, 7, (get_byte(bytes, 7) + 1) % 256) \
             WHERE client = $1 AND n = 2",
            &[&i64::try_from(client).unwrap_or(0)],
        )
        .map_err(sql)?;
    let damaged = files.open_copy(&file);
    assert!(
        matches!(&damaged, Err(FilesError::Damaged { name: Some(n), .. }) if n.contains("签字版")),
        "{damaged:?}"
    );
    let report = team
        .check_files()?
        .ok_or(StoreError::Engine("no report".into()))?;
    assert_eq!(report.damaged, vec![file.hash]);
    assert!(!report.passed());
    let never = FileRef {
        hash: FileHash::of_bytes(b"never stored"),
        ..file.clone()
    };
    assert!(matches!(
        files.open_copy(&never),
        Err(FilesError::Missing { .. })
    ));
    // A chunk missing is damage too; an incomplete file cannot even be committed.
    admin
        .execute(
            "DELETE FROM account_desk.file_chunks WHERE client = $1 AND n = 3",
            &[&i64::try_from(other).unwrap_or(0)],
        )
        .map_err(sql)?;
    let report = team
        .check_files()?
        .ok_or(StoreError::Engine("no report".into()))?;
    assert_eq!(report.damaged.len(), 2, "{report:?}");
    let incomplete = admin.batch_execute(
        "BEGIN; INSERT INTO account_desk.files (client, hash, size, chunks) \
         VALUES (0, sha256('x'), 5, 1); COMMIT",
    );
    assert!(
        matches!(&incomplete, Err(e) if e.as_db_error().is_some_and(|d| d.message().contains("incomplete"))),
        "{incomplete:?}"
    );
    Ok(())
}

#[test]
fn the_walls_hold_for_files_in_sql_through_the_app_and_in_an_offline_copy() -> Result<(), StoreError>
{
    let Some(cluster) = pg_cluster::cluster() else {
        return Ok(());
    };
    let (_, config, team, open) = fresh_team(cluster)?;
    let secret = client_of(&team, super::fill(&team)?)?;
    let admin = team.team_admin()?;
    let (ae, ae_login) = admin.add_person("fae", TeamRole::Ae, "王小明", None, "fae-password")?;
    admin.set_confidential(secret, true)?;
    let dir = tempfile::tempdir().map_err(io)?;
    let secret_bytes = content(1024 * 1024 + 3, 2);
    let open_bytes = content(5000, 3);
    let secret_source = write_file(dir.path(), "竞品 提案.pdf", &secret_bytes)?;
    let open_source = write_file(dir.path(), "排期.pdf", &open_bytes)?;
    let secret_file = team.files().import(&secret_source, secret)?;
    let open_file = team.files().import(&open_source, open)?;
    meeting_naming(&team, secret, &secret_file)?;
    meeting_naming(&team, open, &open_file)?;

    // The AE's own SQL sees nothing of the confidential client's files.
    let (ae_address, ae_config) = as_person(&config, &ae_login, "fae-password");
    let mut ae_sql = ae_config.connect(NoTls).map_err(sql)?;
    let files_of = "SELECT count(*) FROM account_desk.files WHERE client = $1";
    let chunks_of = "SELECT count(*) FROM account_desk.file_chunks WHERE client = $1";
    assert_eq!(count(&mut ae_sql, files_of, secret)?, 0);
    assert_eq!(count(&mut ae_sql, chunks_of, secret)?, 0);
    assert_eq!(count(&mut ae_sql, files_of, open)?, 1);
    assert_eq!(count(&mut ae_sql, chunks_of, open)?, 1);
    let hex = open_file.hash.to_hex();
    for (statement, says) in [
        (
            "UPDATE account_desk.file_chunks SET bytes = 'x'".to_string(),
            "permission denied",
        ),
        (
            "DELETE FROM account_desk.file_chunks".into(),
            "permission denied",
        ),
        (
            "UPDATE account_desk.files SET size = 1".into(),
            "permission denied",
        ),
        ("DELETE FROM account_desk.files".into(), "permission denied"),
        // No chunk is added to a file stored before.
        (
            format!("INSERT INTO account_desk.file_chunks VALUES ({open}, '\\x{hex}', 1, 'x')"),
            "only with the file",
        ),
        // Nothing is stored in the walled client.
        (
            format!(
                "INSERT INTO account_desk.files (client, hash, size, chunks) VALUES ({secret}, sha256('z'), 1, 1)"
            ),
            "row-level security",
        ),
        // (A chunk alone meets the chunk rule before the wall.)
        (
            format!("INSERT INTO account_desk.file_chunks VALUES ({secret}, sha256('z'), 0, 'z')"),
            "only with the file",
        ),
        // A file row and its chunk in one transaction, into the walled client.
        (
            format!(
                "BEGIN; INSERT INTO account_desk.files (client, hash, size, chunks) VALUES ({open}, sha256('y'), 1, 1); \
                 INSERT INTO account_desk.file_chunks VALUES ({secret}, sha256('y'), 0, 'y'); COMMIT"
            ),
            "only with the file",
        ),
    ] {
        refused(&mut ae_sql, &statement, says);
    }

    // Through the app: the secret file looks missing, storing into the secret client is
    // refused, and the same content stored for the open client is a copy of its own
    // (nothing tells the AE that the walled client holds it), stamped as the AE's.
    let ae_store = Store::open_team(&ae_address)?;
    let hidden = ae_store.files().open_copy(&secret_file);
    assert!(
        matches!(&hidden, Err(FilesError::Missing { .. })),
        "{hidden:?}"
    );
    let walled = ae_store.files().import(&secret_source, secret);
    assert!(
        matches!(&walled, Err(FilesError::Server { detail, .. }) if detail.contains("row-level security")),
        "{walled:?}"
    );
    let mine = ae_store.files().import(&secret_source, open)?;
    assert_eq!(mine.hash, secret_file.hash);
    let mut admin_sql = config.connect(NoTls).map_err(sql)?;
    let writer: i64 = admin_sql
        .query_one(
            "SELECT written_by FROM account_desk.files WHERE client = $1 AND hash = $2",
            &[&i64::try_from(open).unwrap_or(0), &mine.hash.0.as_slice()],
        )
        .and_then(|r| r.try_get(0))
        .map_err(sql)?;
    assert_eq!(u64::try_from(writer).ok(), Some(ae.0));
    assert_eq!(
        std::fs::read(ae_store.files().open_copy(&open_file)?).map_err(io)?,
        open_bytes
    );
    let report = ae_store
        .check_files()?
        .ok_or(StoreError::Engine("no report".into()))?;
    assert_eq!((report.ok, report.passed()), (2, true), "{report:?}");

    // The AE's copy for a trip carries the files they may see, and only those.
    let (_trip, copy) = super::temp_db();
    let copied = ae_store.copy_to_desk(&copy)?;
    assert_eq!(copied.files, 1);
    let beside = FileStore::beside(&copy);
    assert!(beside.path_of(&open_file.hash).is_file());
    assert!(!beside.path_of(&secret_file.hash).exists());
    let offline = Store::open(&copy)?;
    assert_eq!(offline.all::<Client>()?.len(), 1);
    let report = offline
        .check_files()?
        .ok_or(StoreError::Engine("no report".into()))?;
    assert_eq!((report.ok, report.passed()), (1, true), "{report:?}");
    forget_copy(&ae_store.files().open_copy(&open_file)?);
    let opened = offline.files().open_copy(&open_file)?;
    assert_eq!(std::fs::read(&opened).map_err(io)?, open_bytes);

    // Disabled, the AE reads no file, even on a connection already open.
    admin.set_disabled(ae, true)?;
    assert_eq!(count(&mut ae_sql, files_of, open)?, 0);
    Ok(())
}

#[test]
fn team_import_carries_the_files_under_their_meetings_clients() -> Result<(), StoreError> {
    let Some(cluster) = pg_cluster::cluster() else {
        return Ok(());
    };
    let (_dir, path) = super::temp_db();
    let desk = Store::open(&path)?;
    let client = client_of(&desk, super::fill(&desk)?)?;
    let dir = tempfile::tempdir().map_err(io)?;
    let bytes = content(2 * 1024 * 1024 + 1, 4);
    let file = desk
        .files()
        .import(&write_file(dir.path(), "回传.pdf", &bytes)?, 0)?;
    meeting_naming(&desk, client, &file)?;
    let (address, config) = cluster.fresh_database()?;
    Store::init_team(&address, None)?;
    let team = Store::open_team(&address)?;
    let report = desk.copy_into(&team)?;
    assert_eq!((report.files, report.file_bytes), (1, bytes.len() as u64));
    let mut admin = config.connect(NoTls).map_err(sql)?;
    let chunks_of = "SELECT count(*) FROM account_desk.file_chunks WHERE client = $1";
    assert_eq!(count(&mut admin, chunks_of, client)?, 3);
    let copy = team.files().open_copy(&file)?;
    assert_eq!(std::fs::read(&copy).map_err(io)?, bytes);
    forget_copy(&copy);
    assert!(team.check_files()?.is_some_and(|r| r.passed() && r.ok == 1));

    // A desk whose named file is gone is not moved: the message names the file.
    let (_dir2, path2) = super::temp_db();
    let broken = Store::open(&path2)?;
    let client2 = client_of(&broken, super::fill(&broken)?)?;
    let lost = broken.files().import(
        &write_file(dir.path(), "丢失的签字版.pdf", b"gone soon")?,
        0,
    )?;
    meeting_naming(&broken, client2, &lost)?;
    let stored = broken.desk_files().path_of(&lost.hash);
    let mut permissions = std::fs::metadata(&stored).map_err(io)?.permissions();
    #[allow(clippy::permissions_set_readonly_false)]
    permissions.set_readonly(false);
    std::fs::set_permissions(&stored, permissions).map_err(io)?;
    std::fs::remove_file(&stored).map_err(io)?;
    let other = cluster.fresh_store()?;
    let refused = broken.copy_into(&other);
    assert!(
        matches!(&refused, Err(e) if e.to_string().contains("丢失的签字版.pdf")),
        "{refused:?}"
    );
    Ok(())
}

#[test]
fn team_migrate_takes_a_schema_2_database_to_the_newest_and_keeps_everything()
-> Result<(), StoreError> {
    use crate::store::postgres_engine::TEAM_SCHEMA_VERSION;
    let Some(cluster) = pg_cluster::cluster() else {
        return Ok(());
    };
    let (address, config) = cluster.fresh_database()?;
    // Set up with a prefix of its own: the upgrade must find it, not guess it.
    Store::init_team(&address, Some(RolePrefix::parse("filesmig")?))?;
    let team = Store::open_team(&address)?;
    super::fill(&team)?;
    let before = team.all::<Client>()?;
    drop(team);
    // Schema 3 adds only the files, schema 4 the estimates' steps, schema 6 the reports'
    // steps (schema 5 only replaces schema 4's trigger function), schema 7 the files' texts
    // and thumbnails: without them, the database is as schema 2 left it.
    let mut admin = config.connect(NoTls).map_err(sql)?;
    admin
        .batch_execute(
            "DROP TRIGGER money_rows ON account_desk.rows; \
             DROP FUNCTION account_desk.money_rows(), \
                 account_desk.estimate_step(bigint, integer, smallint, bytea, bigint), \
                 account_desk.report_step(bigint, integer, smallint, bytea, bigint), \
                 account_desk.content_hash(bytea); \
             DROP TABLE account_desk.estimate_steps, account_desk.report_steps; \
             DROP TABLE account_desk.file_texts, account_desk.file_thumbs; \
             DROP FUNCTION account_desk.stamp_file_extra(); \
             DROP TABLE account_desk.file_chunks, account_desk.files; \
             DROP FUNCTION account_desk.stamp_file(), account_desk.check_chunk(), account_desk.file_whole(); \
             UPDATE account_desk.counters SET value = 2 WHERE name = 'schema_version'",
        )
        .map_err(sql)?;
    let old = Store::open_team(&address);
    assert!(
        matches!(&old, Err(e) if e.to_string().contains("team migrate")),
        "{:?}",
        old.err()
    );
    let done = Store::migrate_team(&address, None)?;
    assert_eq!((done.from, done.to), (2, TEAM_SCHEMA_VERSION));
    assert_eq!(TEAM_SCHEMA_VERSION, 7);
    let team = Store::open_team(&address)?;
    assert_eq!(team.all::<Client>()?, before);
    assert!(team.check()?.problems.is_empty());
    let dir = tempfile::tempdir().map_err(io)?;
    let file = team.files().import(
        &write_file(dir.path(), "a.pdf", b"after the upgrade")?,
        before[0].id.0,
    )?;
    assert_eq!(file.hash, FileHash::of_bytes(b"after the upgrade"));
    // A person added after the upgrade reads it: the grants came with it.
    let (_, login) =
        team.team_admin()?
            .add_person("mig1", TeamRole::Ae, "张", None, "mig1-password")?;
    assert!(login.starts_with("filesmig_"), "{login}");
    let (person, _) = as_person(&config, &login, "mig1-password");
    let person = Store::open_team(&person)?;
    let copy = person.files().open_copy(&file)?;
    assert_eq!(std::fs::read(&copy).map_err(io)?, b"after the upgrade");
    // And keeps its words in the server (schema 7).
    let read = crate::services::texts::keep_in(
        &person,
        &file.hash,
        Ok(crate::extract::Extracted::Text("升级以后".into())),
    );
    assert_eq!(
        read,
        crate::domain::document::TextState::Indexed { chars: 4 }
    );
    assert_eq!(
        crate::services::texts::state(&person, &file.hash),
        crate::domain::document::TextState::Indexed { chars: 4 }
    );
    Ok(())
}
