//! A restore and a writer started at (nearly) the same moment, as two processes: the restore
//! holds the database's lock file from verifying the backup to its final rename, so the
//! writer (`sample-data`) is refused while it runs — or the writer got there first and the
//! restore is refused. Never may both say they succeeded (before the lock file, a `gen`
//! started during a restore printed "Done" and its data was then silently replaced by the
//! backup).
//!
//! CI runs 8 rounds with the writer started 0–100 ms after the restore;
//! `ACCOUNT_DESK_LONG_TESTS=1` runs 40 with a fresh seed.

mod support;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;
use support::{Rng, desk, long_tests, seed};

fn spawn(db: &Path, args: &[&str]) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_account-desk"))
        .arg("--db")
        .arg(db)
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start account-desk")
}

#[test]
fn a_writer_started_during_a_restore_is_refused_every_time() {
    let rounds = if long_tests() { 40 } else { 8 };
    let seed = seed("restore race", 20_261_204);
    let mut rng = Rng::new(seed);
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path().join("客户 资料");
    std::fs::create_dir_all(&dir).expect("folder");
    // The backup: a generated year (60 clients, large enough that a restore takes a while).
    let source = dir.join("year.redb");
    let run = desk(&source, &["gen", "--scale", "year", "--seed", "7"]);
    assert_eq!(run.code, Some(0), "{run:?}");
    let backup = dir.join("sample-backup.redb");
    let run = desk(&source, &["backup", backup.to_str().expect("utf-8")]);
    assert_eq!(run.code, Some(0), "{run:?}");
    let mut outcomes = [0usize; 3];
    for round in 0..rounds {
        let db = dir.join(format!("desk-{round}.redb"));
        // A blank database for the sample agency to fill (and the restore to replace).
        let run = desk(&db, &["check"]);
        assert_ne!(run.code, Some(0), "no database yet");
        drop(account_desk::store::Store::open(&db).expect("create a blank database"));
        let restore = spawn(
            &db,
            &["restore", backup.to_str().expect("utf-8"), "--force"],
        );
        std::thread::sleep(Duration::from_millis(rng.below(100)));
        let writer = spawn(&db, &["sample-data"]);
        let restore = restore.wait_with_output().expect("restore ends");
        let writer = writer.wait_with_output().expect("sample-data ends");
        let text = |o: &std::process::Output| {
            format!(
                "exit {:?}\n{}{}",
                o.status.code(),
                String::from_utf8_lossy(&o.stdout),
                String::from_utf8_lossy(&o.stderr)
            )
        };
        let what = format!(
            "round {round} (seed {seed}):\nrestore: {}\nsample-data: {}",
            text(&restore),
            text(&writer)
        );
        for o in [&restore, &writer] {
            assert!(
                !String::from_utf8_lossy(&o.stderr).contains("panicked"),
                "{what}"
            );
        }
        assert!(
            !(restore.status.success() && writer.status.success()),
            "both said they succeeded: {what}"
        );
        let clients = {
            let store = account_desk::store::Store::open(&db).expect("open after the race");
            store
                .all::<account_desk::domain::Client>()
                .expect("clients")
                .len()
        };
        if restore.status.success() {
            // The restore won: the database is the backup, whatever gen tried.
            assert_eq!(clients, 60, "{what}");
            let refused = String::from_utf8_lossy(&writer.stderr).to_string();
            let why = if refused.contains("being restored") {
                0
            } else {
                1
            };
            assert!(
                refused.contains("being restored") || refused.contains("already"),
                "the writer was refused for a clear reason: {what}"
            );
            outcomes[why] += 1;
        } else {
            // The writer got the lock first: the restore was refused and said why.
            assert!(writer.status.success(), "{what}");
            assert!(
                String::from_utf8_lossy(&restore.stderr).contains("open in another"),
                "{what}"
            );
            assert_eq!(clients, 4, "{what}");
            outcomes[2] += 1;
        }
    }
    println!(
        "{rounds} rounds: writer refused during the restore {}, after it {}, restore refused {}",
        outcomes[0], outcomes[1], outcomes[2]
    );
    // The point of the test is the overlap: it must have happened.
    assert!(outcomes[0] + outcomes[2] > 0, "{outcomes:?}");
}
