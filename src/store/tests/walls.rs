//! A team database's rules, held by the server: checked with direct SQL as a person, not
//! only through the app — walls around a confidential client, roles, who a change is
//! stamped with, and the feed, counters and change log a person cannot forge.

use super::pg_cluster;
use crate::domain::{Client, Job, User};
use crate::store::{Identity, Key, Store, StoreError, TeamAddress, TeamRole};
use postgres::{Client as Sql, Config, NoTls};

pub(super) fn sql(e: postgres::Error) -> StoreError {
    StoreError::Engine(format!("{e}: {:?}", e.as_db_error().map(|d| d.message())))
}

/// The same database, logged in as `login`.
pub(super) fn as_person(config: &Config, login: &str, password: &str) -> (TeamAddress, Config) {
    let mut config = config.clone();
    config.user(login).password(password);
    (TeamAddress::from_config(config.clone(), login), config)
}

pub(super) fn count(c: &mut Sql, query: &str, id: u64) -> Result<i64, StoreError> {
    c.query_one(query, &[&i64::try_from(id).unwrap_or(i64::MAX)])
        .and_then(|r| r.try_get(0))
        .map_err(sql)
}

/// Runs `statement` and expects the server to refuse it, saying `says`.
pub(super) fn refused(c: &mut Sql, statement: &str, says: &str) {
    let result = c.batch_execute(statement);
    assert!(
        matches!(&result, Err(e) if e.as_db_error().is_some_and(|d| d.message().contains(says))),
        "{statement}: {result:?}"
    );
    let _ = c.batch_execute("ROLLBACK");
}

#[test]
fn a_person_sees_only_what_the_walls_allow_and_cannot_forge_anything() -> Result<(), StoreError> {
    let Some(cluster) = pg_cluster::cluster() else {
        return Ok(());
    };
    let (address, config) = cluster.fresh_database()?;
    Store::init_team(&address, None)?;
    let team = Store::open_team(&address)?;
    assert_eq!(team.team_identity(), Some(&Identity::Installer));
    let open_job = super::fill(&team)?;
    let secret_job = super::fill(&team)?;
    let client_of = |job: crate::domain::JobId| -> Result<u64, StoreError> {
        team.get::<Job>(job.0)?
            .map(|j| j.client_id.0)
            .ok_or_else(|| StoreError::Engine("job missing".into()))
    };
    let (open_client, secret_client) = (client_of(open_job)?, client_of(secret_job)?);

    let admin = team.team_admin()?;
    let (ae, ae_login) = admin.add_person("ae1", TeamRole::Ae, "王小明", None, "ae1-password")?;
    let (ad, ad_login) = admin.add_person("ad1", TeamRole::Ad, "李总监", None, "ad1-password")?;
    assert!(ae_login.ends_with("_ae1"), "{ae_login}");
    let short = admin.add_person("ae2", TeamRole::Ae, "x", None, "short");
    assert!(short.is_err());

    // The account director walls the client off, through the app, as themselves.
    let (ad_address, _) = as_person(&config, &ad_login, "ad1-password");
    let ad_store = Store::open_team(&ad_address)?;
    assert!(
        matches!(ad_store.team_identity(), Some(Identity::Person(p)) if p.user == ad && p.role == TeamRole::Ad)
    );
    ad_store
        .team_admin()?
        .set_confidential(secret_client, true)?;

    // The AE's own SQL sees nothing of the confidential client: its records, its job's
    // children (brief, schedules), its change log and its feed entries.
    let (ae_address, ae_config) = as_person(&config, &ae_login, "ae1-password");
    let mut ae_sql = ae_config.connect(NoTls).map_err(sql)?;
    let rows_of_client = "SELECT count(*) FROM account_desk.rows WHERE client = $1";
    let rows_of_job = "SELECT count(*) FROM account_desk.rows WHERE job = $1";
    let feed_of_job = "SELECT count(*) FROM account_desk.feed WHERE job = $1";
    assert_eq!(count(&mut ae_sql, rows_of_client, secret_client)?, 0);
    assert_eq!(count(&mut ae_sql, rows_of_job, secret_job.0)?, 0);
    assert_eq!(count(&mut ae_sql, feed_of_job, secret_job.0)?, 0);
    assert!(count(&mut ae_sql, rows_of_client, open_client)? >= 4);
    assert!(count(&mut ae_sql, rows_of_job, open_job.0)? >= 4);
    let mut admin_sql = config.connect(NoTls).map_err(sql)?;
    assert!(count(&mut admin_sql, rows_of_job, secret_job.0)? >= 4);
    assert!(count(&mut admin_sql, feed_of_job, secret_job.0)? >= 4);
    let change_of_job =
        "SELECT count(*) FROM account_desk.rows WHERE kind = 9 AND (job = $1 OR client = $1)";
    assert!(count(&mut admin_sql, change_of_job, secret_job.0)? >= 1);
    assert_eq!(count(&mut ae_sql, change_of_job, secret_job.0)?, 0);

    // Roles, walls, counters and the feed change only through the database's functions,
    // which refuse an AE.
    let ae_id = ae.0;
    for (statement, says) in [
        (format!("SELECT account_desk.set_person_role({ae_id}, 'admin')"), "only an administrator"),
        (format!("SELECT account_desk.set_confidential({secret_client}, false)"), "account director"),
        (format!("SELECT account_desk.set_member({secret_client}, {ae_id}, true)"), "account director"),
        ("UPDATE account_desk.people SET role = 'admin'".into(), "permission denied"),
        ("DELETE FROM account_desk.confidential".into(), "permission denied"),
        ("UPDATE account_desk.counters SET value = 0".into(), "permission denied"),
        ("INSERT INTO account_desk.feed (seq, kind, id, version, removed) VALUES (999999, 3, 1, 0, false)".into(), "permission denied"),
        (format!("UPDATE account_desk.rows SET written_by = {} WHERE kind = 3 AND id = {open_client}", ad.0), "entry in the feed"),
        (format!("DELETE FROM account_desk.rows WHERE kind = 3 AND id = {open_client}"), "entry in the feed"),
        ("DELETE FROM account_desk.rows WHERE kind = 9".into(), "never changed"),
        ("UPDATE account_desk.rows SET bytes = bytes WHERE kind = 9".into(), "never changed"),
    ] {
        refused(&mut ae_sql, &statement, says);
    }
    // A client row written into the confidential client is refused by the wall itself.
    refused(
        &mut ae_sql,
        &format!(
            "BEGIN; SELECT account_desk.queue(); \
             INSERT INTO account_desk.rows (kind, id, version, rev, bytes, client, written_by, written_at_ms) \
             VALUES (4, 999999, 0, account_desk.next_seq(4::smallint, 999999, 0, false), '\\x00', {secret_client}, {ae_id}, 0); \
             COMMIT"
        ),
        "row-level security",
    );

    // Through the app, the AE sees one client, and a change claimed as the AD is stamped
    // by the server as the AE: the record's writer and the change log's author.
    let ae_store = Store::open_team(&ae_address)?;
    assert_eq!(ae_store.all::<Client>()?.len(), 1);
    assert!(ae_store.get::<Job>(secret_job.0)?.is_none());
    // Their copy for a trip holds what they see, and opens read-only.
    let (_trip, copy) = super::temp_db();
    ae_store.copy_to_desk(&copy)?;
    let offline = Store::open(&copy)?;
    assert_eq!(offline.all::<Client>()?.len(), 1);
    assert!(offline.get::<Job>(secret_job.0)?.is_none());
    assert!(offline.write(|tx| tx.next_id()).is_err());
    assert!(offline.check()?.problems.is_empty());
    let at = super::stamp().at;
    ae_store.write(|tx| {
        tx.acting(ad, at);
        let mut client = tx.all::<Client>()?.remove(0);
        client.notes = "由客户执行修改".into();
        tx.put(&client)?;
        tx.log(&crate::domain::Change {
            stamp: crate::domain::Stamp { by: ad, at },
            subject: crate::domain::Subject::Client,
            id: client.id.0,
            action: crate::domain::Action::Updated,
            summary: "备注".into(),
        })
    })?;
    let row = ae_store
        .read()?
        .revision::<Client>(Key::id(open_client))?
        .and_then(|m| m.by);
    assert_eq!(row, Some(ae));
    let last = team.read()?.changes()?.pop().map(|c| c.stamp.by);
    assert_eq!(last, Some(ae));
    assert!(
        ae_store
            .read()?
            .changes()?
            .iter()
            .all(|c| c.id != secret_job.0)
    );
    // The person's view of the database checks clean: nothing refers to what it hides.
    let report = ae_store.check()?;
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    // A user record is an administrator's to write.
    let user_write = ae_store.write(|tx| {
        let mut me = tx
            .get::<User>(ae.0)?
            .ok_or(StoreError::Engine("no user".into()))?;
        me.name = "改名".into();
        tx.put(&me)
    });
    assert!(user_write.is_err(), "{user_write:?}");

    // Made a member, the AE sees the client; disabled, they cannot even connect.
    ad_store.team_admin()?.set_member(secret_client, ae, true)?;
    assert_eq!(Store::open_team(&ae_address)?.all::<Client>()?.len(), 2);
    assert_eq!(
        count(&mut ae_sql, rows_of_job, secret_job.0)?,
        count(&mut admin_sql, rows_of_job, secret_job.0)?
    );
    let self_disable = ae_store.team_admin()?.set_disabled(ad, true);
    assert!(
        self_disable.is_err(),
        "an AE disabled someone: {self_disable:?}"
    );
    admin.set_disabled(ae, true)?;
    let shut = Store::open_team(&ae_address);
    assert!(shut.is_err());
    assert_eq!(count(&mut ae_sql, rows_of_client, open_client)?, 0);
    Ok(())
}

#[test]
fn a_schema_1_team_database_is_upgraded_only_by_team_migrate() -> Result<(), StoreError> {
    let Some(cluster) = pg_cluster::cluster() else {
        return Ok(());
    };
    let (address, config) = cluster.fresh_database()?;
    // A team database as the first team build made it: the tables alone, holding a desk's
    // records.
    let (_dir, path) = super::temp_db();
    let desk = Store::open(&path)?;
    super::fill(&desk)?;
    let mut admin = config.connect(NoTls).map_err(sql)?;
    admin
        .batch_execute(crate::store::postgres_engine::SCHEMA_SQL)
        .map_err(sql)?;
    let view = desk.read()?;
    let mut last_rev = 0;
    for spec in crate::store::KINDS {
        let mut rows = Vec::new();
        view.txn.range(
            spec.kind,
            (Key::pair(0, 0), Key::pair(u64::MAX, u32::MAX)),
            false,
            true,
            &mut |key, row| {
                rows.push((key, row?));
                Ok(true)
            },
        )?;
        for (key, row) in rows {
            let m = row.meta;
            let w = m.written.unwrap_or_default();
            let n = |v: u64| i64::try_from(v).unwrap_or(i64::MAX);
            last_rev = last_rev.max(m.rev.0);
            admin
                .execute(
                    "INSERT INTO account_desk.rows (kind, id, version, rev, bytes, client, job, state, owner, written_by, written_at_ms) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
                    &[&i16::from(spec.kind as u8), &n(key.id), &i64::from(key.version), &n(m.rev.0), &row.bytes,
                      &n(m.access.client), &n(m.access.job), &i16::from(m.access.state), &n(m.access.owner), &n(w.by), &w.at_ms],
                )
                .map_err(sql)?;
        }
    }
    let counters = view.txn.counters()?;
    admin
        .execute(
            "UPDATE account_desk.counters SET value = CASE name WHEN 'last_seq' THEN $1 WHEN 'last_id' THEN $2 ELSE value END",
            &[&i64::try_from(last_rev).unwrap_or(0), &i64::try_from(counters.last_id).unwrap_or(0)],
        )
        .map_err(sql)?;

    let old = Store::open_team(&address);
    assert!(
        matches!(&old, Err(e) if e.to_string().contains("team migrate")),
        "{:?}",
        old.err()
    );
    let done = Store::migrate_team(&address, None)?;
    let newest = crate::store::postgres_engine::TEAM_SCHEMA_VERSION;
    assert_eq!((done.from, done.to), (1, newest));
    let again = Store::migrate_team(&address, None)?;
    assert_eq!((again.from, again.to), (newest, newest));
    let team = Store::open_team(&address)?;
    assert_eq!(desk.all::<Client>()?, team.all::<Client>()?);
    assert!(team.check()?.problems.is_empty());
    // It takes writes and people as a new one does.
    super::fill(&team)?;
    team.team_admin()?
        .add_person("am1", TeamRole::Am, "张经理", None, "am1-password")?;
    assert_eq!(team.all::<Client>()?.len(), 2);
    Ok(())
}
