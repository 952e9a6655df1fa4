//! The team database's own rules, on the test cluster: what `init` refuses, and a schema
//! this build does not know.

use super::pg_cluster;
use crate::store::{Store, StoreError};

#[test]
fn init_refuses_a_database_that_already_has_the_tables() -> Result<(), StoreError> {
    let Some(cluster) = pg_cluster::cluster() else {
        return Ok(());
    };
    let (address, _) = cluster.fresh_team()?;
    let again = Store::init_team(&address, None);
    assert!(
        matches!(&again, Err(e) if e.to_string().contains("already holds")),
        "{again:?}"
    );
    Ok(())
}

#[test]
fn a_newer_team_schema_says_update_and_an_empty_database_is_not_taken_for_one()
-> Result<(), StoreError> {
    let Some(cluster) = pg_cluster::cluster() else {
        return Ok(());
    };
    let (address, config) = cluster.fresh_database()?;
    let empty = Store::open_team(&address);
    assert!(
        matches!(&empty, Err(e) if e.to_string().contains("not an Account Desk team database")),
        "{:?}",
        empty.err()
    );
    Store::init_team(&address, None)?;
    let mut admin = config
        .connect(postgres::NoTls)
        .map_err(|e| StoreError::Engine(e.to_string()))?;
    admin
        .batch_execute("UPDATE account_desk.counters SET value = 99 WHERE name = 'schema_version'")
        .map_err(|e| StoreError::Engine(e.to_string()))?;
    let newer = Store::open_team(&address);
    assert!(
        matches!(&newer, Err(e) if e.to_string().contains("update Account Desk")),
        "{:?}",
        newer.err()
    );
    Ok(())
}

#[test]
fn a_desk_database_moves_into_a_team_database_whole() -> Result<(), StoreError> {
    use crate::domain::{Client, JobNumberFormat, UserId};
    use crate::store::Key;
    let Some(cluster) = pg_cluster::cluster() else {
        return Ok(());
    };
    let (_dir, path) = super::temp_db();
    let desk = Store::open(&path)?;
    super::fill(&desk)?;
    let at = super::stamp().at;
    desk.write(|tx| {
        tx.acting(UserId(1), at);
        let mut client = tx.all::<Client>()?.remove(0);
        client.notes = "搬到团队库之前的修改".into();
        tx.put(&client)
    })?;
    let team = cluster.fresh_store()?;
    let report = desk.copy_into(&team)?;
    assert!(
        report
            .counts
            .iter()
            .any(|(k, n)| *k == crate::store::Kind::Job && *n == 1)
    );
    assert_eq!(desk.all::<Client>()?, team.all::<Client>()?);
    let client = team.all::<Client>()?.remove(0);
    let rev = team
        .read()?
        .revision::<Client>(Key::id(client.id.0))?
        .expect("the client");
    assert_eq!(
        (rev.by, rev.at.map(|t| t.timestamp())),
        (Some(UserId(1)), Some(at.timestamp()))
    );

    // Ids and job numbers go on from where the desk stopped.
    let desk_last = desk.write(|tx| tx.next_id())?;
    let (id, number) = team.write(|tx| {
        Ok((
            tx.next_id()?,
            tx.issue_job_number(&JobNumberFormat::default(), 2026)?,
        ))
    })?;
    assert_eq!(id, desk_last);
    assert_eq!(number.seq, 2);

    // A second copy into the same database is refused and changes nothing.
    let again = desk.copy_into(&team);
    assert!(
        matches!(&again, Err(e) if e.to_string().contains("already holds")),
        "{again:?}"
    );
    assert_eq!(team.all::<Client>()?.len(), 1);
    Ok(())
}

#[test]
fn writers_taking_ids_numbers_and_rows_in_any_order_never_deadlock() -> Result<(), StoreError> {
    use crate::domain::{Client, JobNumberFormat};
    let Some(cluster) = pg_cluster::cluster() else {
        return Ok(());
    };
    let store = cluster.fresh_store()?;
    store.write(|tx| tx.put(&super::engines::client(1, "共享客户")))?;
    let f = JobNumberFormat::default();
    std::thread::scope(|s| {
        for t in 0..4 {
            let (store, f) = (&store, &f);
            s.spawn(move || {
                for i in 0..15 {
                    // Half the writers change the shared row first, half take an id and a
                    // job number first. Two changing the shared row at once is a conflict,
                    // tried again as a person would; anything else (a deadlock) fails.
                    loop {
                        let done = store.write(|tx| {
                            let mut shared: Client = tx.get(1)?.expect("the client");
                            shared.notes = format!("{t}-{i}");
                            if (t + i) % 2 == 0 {
                                tx.put(&shared)?;
                                tx.next_id()?;
                                tx.issue_job_number(f, 2026)?;
                            } else {
                                tx.issue_job_number(f, 2026)?;
                                tx.next_id()?;
                                tx.put(&shared)?;
                            }
                            Ok(())
                        });
                        match done {
                            Ok(()) => break,
                            Err(StoreError::Conflict { .. }) => continue,
                            Err(e) => panic!("{e:?}"),
                        }
                    }
                }
            });
        }
    });
    let number = store.write(|tx| tx.issue_job_number(&f, 2026))?;
    assert_eq!(number.seq, 61);
    Ok(())
}

#[test]
fn a_connection_asked_to_be_encrypted_verifies_the_server() -> Result<(), StoreError> {
    use crate::store::TeamAddress;
    let Some(cluster) = pg_cluster::cluster() else {
        return Ok(());
    };
    let (_, url) = cluster.fresh_team()?;
    let password = cluster.password();
    let secure = format!("{url}?sslmode=require");

    // Verified against the team's CA: encrypted, as the server itself reports.
    let verified = TeamAddress::parse(&secure, Some(password), Some(cluster.ca()))?;
    assert!(verified.encrypted());
    let ssl: bool = verified
        .connect()
        .and_then(|mut c| {
            c.query_one(
                "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()",
                &[],
            )?
            .try_get(0)
        })
        .map_err(|e| StoreError::Engine(e.to_string()))?;
    assert!(ssl);
    Store::open_team(&verified)?;

    // Not signed by anything trusted, or not for the host named: refused.
    let untrusted = Store::open_team(&TeamAddress::parse(&secure, Some(password), None)?);
    assert!(
        matches!(&untrusted, Err(e) if e.to_string().contains("certificate")),
        "{:?}",
        untrusted.err()
    );
    let other_name = secure.replace("127.0.0.1", "localhost");
    let misnamed = Store::open_team(&TeamAddress::parse(
        &other_name,
        Some(password),
        Some(cluster.ca()),
    )?);
    assert!(
        matches!(&misnamed, Err(e) if e.to_string().contains("certificate")),
        "{:?}",
        misnamed.err()
    );
    // No password at all: said plainly, with where one comes from.
    let none = Store::open_team(&TeamAddress::parse(&url, None, None)?);
    assert!(
        matches!(&none, Err(e) if e.to_string().contains("team login")),
        "{:?}",
        none.err()
    );
    // Without asking, a server on this computer is reached as before.
    let plain = TeamAddress::parse(&url, Some(password), None)?;
    assert!(!plain.encrypted());
    Store::open_team(&plain)?;
    Ok(())
}
