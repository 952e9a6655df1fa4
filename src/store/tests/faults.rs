//! The team database's server crashing under the app: what was reported saved is there,
//! nothing is saved twice, and the app reconnects by itself.

use super::pg_cluster;
use crate::domain::Client;
use crate::store::{OpId, Store, StoreError};
use std::collections::HashMap;
use std::io::{Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

const WRITES: usize = 1_000;

/// Saves client `i` as operation `op`, as the app would: tried again, with the same
/// operation, until the server says it is saved.
fn save(store: &Store, op: OpId, i: usize, failures: &mut usize) -> Result<(), StoreError> {
    let deadline = Instant::now() + Duration::from_secs(90);
    loop {
        let attempt = store.write_once(op, |tx| {
            let id = tx.next_id()?;
            tx.put(&super::engines::client(id, &format!("客户 {i}")))
        });
        match attempt {
            // Saved now, or by an earlier attempt whose acknowledgement was lost.
            Ok(_) => return Ok(()),
            Err(e) if Instant::now() > deadline => return Err(e),
            Err(_) => {
                *failures += 1;
                std::thread::sleep(Duration::from_millis(50));
            }
        }
    }
}

#[test]
fn the_server_killed_during_a_thousand_writes_loses_nothing_and_saves_nothing_twice()
-> Result<(), StoreError> {
    let Some(cluster) = pg_cluster::own_cluster() else {
        return Ok(());
    };
    let (address, _) = cluster.fresh_team()?;
    let store = Store::open_team(&address)?;
    let mut failures = 0;
    let progress = AtomicUsize::new(0);
    std::thread::scope(|scope| -> Result<(), StoreError> {
        // The postmaster is killed as a crash would, twice, at whatever moment the writes
        // are at (a statement or a commit in flight), and comes back a moment later while
        // the writes go on.
        let crashes = scope.spawn(|| -> Result<usize, String> {
            let mut killed = 0;
            for at in [300, 700] {
                while progress.load(Ordering::SeqCst) < at {
                    std::thread::sleep(Duration::from_millis(1));
                }
                killed += usize::from(cluster.kill());
                std::thread::sleep(Duration::from_millis(700));
                cluster.restart()?;
            }
            Ok(killed)
        });
        for i in 0..WRITES {
            save(&store, OpId::new(), i, &mut failures)?;
            progress.store(i + 1, Ordering::SeqCst);
        }
        let killed = crashes
            .join()
            .map_err(|_| StoreError::Engine("the crashes panicked".into()))?
            .map_err(StoreError::Engine)?;
        assert_eq!(killed, 2, "the server was not running when killed");
        Ok(())
    })?;
    // The crashes were felt: some writes failed and were tried again.
    assert!(
        failures > 0,
        "no write failed: the server was not killed mid-run"
    );
    let mut seen: HashMap<String, usize> = HashMap::new();
    for client in store.all::<Client>()? {
        *seen.entry(client.name).or_default() += 1;
    }
    assert_eq!(seen.len(), WRITES);
    assert!(seen.values().all(|n| *n == 1), "saved twice: {seen:?}");
    Ok(())
}

#[test]
fn a_retried_operation_is_saved_once() -> Result<(), StoreError> {
    let Some(cluster) = pg_cluster::cluster() else {
        return Ok(());
    };
    let team = cluster.fresh_store()?;
    let op = OpId::new();
    let mut failures = 0;
    save(&team, op, 1, &mut failures)?;
    // The same operation again (its acknowledgement lost, say): recognised, not written.
    let again = team.write_once(op, |tx| tx.next_id())?;
    assert_eq!(again, None);
    save(&team, op, 1, &mut failures)?;
    assert_eq!(team.all::<Client>()?.len(), 1);
    // A desk's file keeps no operations: its commit is never in doubt.
    let (_dir, path) = super::temp_db();
    let desk = Store::open(&path)?;
    assert!(desk.write_once(op, |tx| tx.next_id())?.is_some());
    Ok(())
}

/// A TCP relay between the app and the server that can drop the connection at the
/// client's next `COMMIT`: after handing it to the server (the commit happens, its
/// acknowledgement is lost) or before (nothing is committed).
struct Relay {
    port: u16,
    /// 0: relay everything; 1: cut after the next COMMIT; 2: cut before it.
    cut: Arc<AtomicUsize>,
}

impl Relay {
    fn start(server: u16) -> Result<Relay, StoreError> {
        let io = |e: std::io::Error| StoreError::Engine(format!("relay: {e}"));
        let listener = TcpListener::bind("127.0.0.1:0").map_err(io)?;
        let port = listener.local_addr().map_err(io)?.port();
        let cut = Arc::new(AtomicUsize::new(0));
        let armed = Arc::clone(&cut);
        std::thread::spawn(move || {
            for app in listener.incoming().flatten() {
                let Ok(db) = TcpStream::connect(("127.0.0.1", server)) else {
                    continue;
                };
                let (Ok(mut app_in), Ok(mut db_out)) = (app.try_clone(), db.try_clone()) else {
                    continue;
                };
                let (mut db_in, mut app_out) = (db, app);
                std::thread::spawn(move || {
                    let _ = std::io::copy(&mut db_in, &mut app_out);
                    let _ = app_out.shutdown(Shutdown::Both);
                });
                let armed = Arc::clone(&armed);
                std::thread::spawn(move || {
                    let mut buf = [0u8; 8192];
                    while let Ok(n) = app_in.read(&mut buf) {
                        if n == 0 {
                            break;
                        }
                        // The simple-query message `COMMIT` (not a BEGIN … COMMITTED).
                        let commit = buf[..n].windows(12).any(|w| w == b"Q\0\0\0\x0bCOMMIT\0");
                        let mode = if commit {
                            armed.swap(0, Ordering::SeqCst)
                        } else {
                            0
                        };
                        if mode == 2 {
                            break;
                        }
                        if mode == 1 {
                            // The app loses the connection; the server gets the COMMIT
                            // after that, and its answer goes nowhere.
                            let _ = app_in.shutdown(Shutdown::Both);
                            std::thread::sleep(Duration::from_millis(100));
                            let _ = db_out.write_all(&buf[..n]);
                            std::thread::sleep(Duration::from_millis(300));
                            break;
                        }
                        if db_out.write_all(&buf[..n]).is_err() {
                            break;
                        }
                    }
                    let _ = app_in.shutdown(Shutdown::Both);
                    let _ = db_out.shutdown(Shutdown::Both);
                });
            }
        });
        Ok(Relay { port, cut })
    }
}

#[test]
fn a_commit_whose_answer_is_lost_is_confirmed_by_its_operation() -> Result<(), StoreError> {
    let Some(cluster) = pg_cluster::cluster() else {
        return Ok(());
    };
    let (address, config) = cluster.fresh_database()?;
    Store::init_team(&address, None)?;
    let server = config.get_ports().first().copied().unwrap_or(5432);
    let relay = Relay::start(server)?;
    let mut relayed = postgres::Config::new();
    relayed
        .host("127.0.0.1")
        .port(relay.port)
        .user(config.get_user().unwrap_or_default())
        .password(config.get_password().unwrap_or_default())
        .dbname(config.get_dbname().unwrap_or_default());
    let store = Store::open_team(&crate::store::TeamAddress::from_config(relayed, "relay"))?;
    let mut failures = 0;

    // Committed, the answer lost: the app asks the server about the operation and reports
    // it saved; the same operation again writes nothing.
    let op = OpId::new();
    relay.cut.store(1, Ordering::SeqCst);
    save(&store, op, 1, &mut failures)?;
    assert_eq!(failures, 0, "a committed write was reported as failed");
    assert_eq!(store.write_once(op, |tx| tx.next_id())?, None);

    // Cut before the server had it: reported not saved, and saved once when tried again.
    let op = OpId::new();
    relay.cut.store(2, Ordering::SeqCst);
    save(&store, op, 2, &mut failures)?;
    assert_eq!(failures, 1);
    let names: Vec<String> = store.all::<Client>()?.into_iter().map(|c| c.name).collect();
    assert_eq!(names, ["客户 1", "客户 2"]);
    Ok(())
}
