//! The team database's own rules, on the test cluster: what `init` refuses, and a schema
//! this build does not know.

use super::pg_cluster;
use crate::store::{Store, StoreError};

#[test]
fn init_refuses_a_database_that_already_has_the_tables() -> Result<(), StoreError> {
    let Some(cluster) = pg_cluster::cluster() else {
        return Ok(());
    };
    let (config, _) = cluster.fresh_database()?;
    Store::init_team(&config)?;
    let again = Store::init_team(&config);
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
    let (config, label) = cluster.fresh_database()?;
    let empty = Store::open_team(config.clone(), &label);
    assert!(
        matches!(&empty, Err(e) if e.to_string().contains("not an Account Desk team database")),
        "{:?}",
        empty.err()
    );
    Store::init_team(&config)?;
    let mut admin = config
        .connect(postgres::NoTls)
        .map_err(|e| StoreError::Engine(e.to_string()))?;
    admin
        .batch_execute("UPDATE account_desk.counters SET value = 99 WHERE name = 'schema_version'")
        .map_err(|e| StoreError::Engine(e.to_string()))?;
    let newer = Store::open_team(config, &label);
    assert!(
        matches!(&newer, Err(e) if e.to_string().contains("update Account Desk")),
        "{:?}",
        newer.err()
    );
    Ok(())
}
