//! A monthly budget report's road on a team database, held by the server (team schema 6):
//! a step out of order, a review by an AE, an approval by the report's submitter and an
//! issue bound to another hash than the approval's are refused; so are a report written
//! with a step the server never recorded and a report awaiting review changed. The next
//! revision starts only after an issue.

use super::pg_cluster;
use super::team_money::{apply, says};
use super::walls::{as_person, refused, sql};
use crate::domain::budget::TaxBasis;
use crate::domain::budget::road::{
    IssuedReport, MonthlyReport, ReportDecision, ReportEvent, ReportStep,
};
use crate::domain::{BudgetReportId, ClientId, Job};
use crate::services::budget_reports::{ReportDraft, ReportStepAsk};
use crate::services::{Command, ServiceError};
use crate::store::{Store, StoreError, TeamAddress, TeamRole};
use postgres::NoTls;

fn engine(e: ServiceError) -> StoreError {
    StoreError::Engine(e.to_string())
}

fn report(store: &Store) -> Result<MonthlyReport, StoreError> {
    store
        .all::<MonthlyReport>()?
        .into_iter()
        .next()
        .ok_or_else(|| StoreError::Engine("no report".into()))
}

/// A step written straight to the server, past the app's own rules.
fn raw_step(store: &Store, step: ReportStep, hash: &str) -> Result<(), StoreError> {
    let r = report(store)?;
    let event = ReportEvent {
        revision: r.revision,
        step,
        by: crate::domain::UserId(0),
        at: chrono::Utc::now(),
        hash: hash.into(),
        note: String::new(),
    };
    store.write(|tx| tx.report_step(&r, &event))
}

fn save(client: ClientId, remarks: &str) -> Command {
    Command::SaveBudgetReport(Box::new(ReportDraft {
        client_id: client,
        year: 2026,
        month: 10,
        basis: TaxBasis::Net,
        remarks: remarks.into(),
    }))
}

fn decide(id: BudgetReportId, decision: ReportDecision, hash: &str) -> Command {
    let issued = (decision == ReportDecision::Issue).then(|| IssuedReport {
        revision: 1,
        hash: "b".repeat(64),
        as_of: chrono::NaiveDate::from_ymd_opt(2026, 10, 31).unwrap_or_default(),
        media: crate::domain::budget::Figures::default(),
        production: crate::domain::budget::Figures::default(),
        file: None,
    });
    Command::DecideBudgetReport(
        id,
        Box::new(ReportStepAsk {
            decision,
            hash: hash.into(),
            issued,
        }),
    )
}

/// A fresh team database with the client of one job, opened by its administrator (`None`
/// where no PostgreSQL cluster can be started outside CI).
fn team_with_a_client()
-> Result<Option<(TeamAddress, postgres::Config, Store, ClientId)>, StoreError> {
    let Some(cluster) = pg_cluster::cluster() else {
        return Ok(None);
    };
    let (address, config) = cluster.fresh_database()?;
    Store::init_team(&address, None)?;
    let team = Store::open_team(&address)?;
    let job = super::fill(&team)?;
    let client = team
        .get::<Job>(job.0)?
        .map(|j| j.client_id)
        .ok_or_else(|| StoreError::Engine("the job".into()))?;
    Ok(Some((address, config, team, client)))
}

#[test]
fn the_server_holds_the_road_of_a_budget_report() -> Result<(), StoreError> {
    let Some((_, config, team, client)) = team_with_a_client()? else {
        return Ok(());
    };
    let admin = team.team_admin()?;
    let mut people = Vec::new();
    let mut logins = Vec::new();
    for (name, role) in [
        ("ae1", TeamRole::Ae),
        ("am1", TeamRole::Am),
        ("am2", TeamRole::Am),
    ] {
        let (_, login) = admin.add_person(name, role, name, None, "password-of-8")?;
        let (person, _) = as_person(&config, &login, "password-of-8");
        people.push(Store::open_team(&person)?);
        logins.push(login);
    }
    let [ae, am, am2] = &people[..] else {
        return Err(StoreError::Engine("three people".into()));
    };
    let read = "a".repeat(64);
    apply(ae, save(client, "十月执行正常。")).map_err(engine)?;
    let id = report(ae)?.id;

    // Out of order: nothing to approve or issue yet.
    says(raw_step(am, ReportStep::Approved, &read), "does not follow");
    says(raw_step(am, ReportStep::Issued, &read), "does not follow");
    apply(ae, decide(id, ReportDecision::Submit, &read)).map_err(engine)?;
    assert_eq!(report(ae)?.current().count(), 1);

    // An AE does not review, even past the app.
    says(
        raw_step(ae, ReportStep::Approved, &read),
        "only an account manager",
    );
    // A report written with a step the server never recorded.
    let mut forged = report(ae)?;
    let mut approval = forged.events[0].clone();
    approval.step = ReportStep::Approved;
    forged.events.push(approval);
    says(
        ae.write(|tx| tx.put(&forged).map(drop)),
        "only through report_step",
    );
    // A report awaiting review is not changed.
    let mut changed = report(ae)?;
    changed.remarks.push_str("（改）");
    says(ae.write(|tx| tx.put(&changed).map(drop)), "is not changed");

    apply(am, decide(id, ReportDecision::Approve, &read)).map_err(engine)?;
    // Issued only as approved: another hash is refused by the server itself.
    says(
        raw_step(ae, ReportStep::Issued, &"c".repeat(64)),
        "only as approved",
    );
    apply(ae, decide(id, ReportDecision::Issue, &read)).map_err(engine)?;
    let issued = report(ae)?;
    assert_eq!(
        issued.events.iter().map(|e| e.step).collect::<Vec<_>>(),
        [
            ReportStep::Submitted,
            ReportStep::Approved,
            ReportStep::Issued
        ]
    );

    // What the server recorded: three steps on the app's hash, and the row's state.
    let mut admin_sql = config.connect(NoTls).map_err(sql)?;
    let rid = i64::try_from(id.0).unwrap_or(0);
    let steps: Vec<(i16, Vec<u8>)> = admin_sql
        .query(
            "SELECT step, hash FROM account_desk.report_steps WHERE report = $1 ORDER BY seq",
            &[&rid],
        )
        .map_err(sql)?
        .iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect();
    assert_eq!(
        steps.iter().map(|s| s.0).collect::<Vec<_>>(),
        [1, 2, 4],
        "submitted, approved, issued"
    );
    assert!(steps.iter().all(|(_, h)| h.as_slice() == [0xaa; 32]));
    let state: i16 = admin_sql
        .query_one(
            "SELECT state FROM account_desk.rows WHERE kind = 21 AND id = $1",
            &[&rid],
        )
        .map_err(sql)?
        .get(0);
    assert_eq!(state, 4);
    // An issued report is not changed, except by starting the next revision.
    let mut changed = report(ae)?;
    changed.remarks.push_str("（改）");
    says(ae.write(|tx| tx.put(&changed).map(drop)), "is not changed");
    apply(am, save(client, "十月执行正常；补充一笔红字发票。")).map_err(engine)?;
    assert_eq!(report(am)?.revision, 2);

    // The next revision: its submitter does not approve it, even past the app.
    apply(am, decide(id, ReportDecision::Submit, &read)).map_err(engine)?;
    says(raw_step(am, ReportStep::Approved, &read), "they submitted");
    apply(am2, decide(id, ReportDecision::Approve, &read)).map_err(engine)?;

    // Nor is a report removed.
    let (_, ae_config) = as_person(&config, &logins[0], "password-of-8");
    let mut ae_sql = ae_config.connect(NoTls).map_err(sql)?;
    refused(
        &mut ae_sql,
        &format!("DELETE FROM account_desk.rows WHERE kind = 21 AND id = {rid}"),
        "never removed",
    );
    Ok(())
}

#[test]
fn team_migrate_records_the_roads_of_reports_kept_before_the_server_held_them()
-> Result<(), StoreError> {
    let Some((address, config, team, client)) = team_with_a_client()? else {
        return Ok(());
    };
    let admin = team.team_admin()?;
    let person = |name: &str, role| -> Result<TeamAddress, StoreError> {
        let (_, login) = admin.add_person(name, role, name, None, "password-of-8")?;
        Ok(as_person(&config, &login, "password-of-8").0)
    };
    let (ae_address, am_address) = (person("ae1", TeamRole::Ae)?, person("am1", TeamRole::Am)?);
    let read = "d".repeat(64);
    let id = {
        let ae = Store::open_team(&ae_address)?;
        apply(&ae, save(client, "十月执行正常。")).map_err(engine)?;
        let id = report(&ae)?.id;
        apply(&ae, decide(id, ReportDecision::Submit, &read)).map_err(engine)?;
        id
    };
    drop(team);
    // As schema 5 left it: no steps on the server, the row's state not kept (nor schema 7's
    // texts and thumbnails).
    let mut sql_admin = config.connect(NoTls).map_err(sql)?;
    sql_admin
        .batch_execute(
            "DROP TABLE account_desk.file_texts, account_desk.file_thumbs; \
             DROP FUNCTION account_desk.stamp_file_extra(); \
             DROP FUNCTION account_desk.report_step(bigint, integer, smallint, bytea, bigint); \
             DROP TABLE account_desk.report_steps; \
             UPDATE account_desk.rows SET state = 0 WHERE kind = 21; \
             UPDATE account_desk.counters SET value = 5 WHERE name = 'schema_version'",
        )
        .map_err(sql)?;
    let done = Store::migrate_team(&address, None)?;
    assert_eq!(done.from, 5);
    let rid = i64::try_from(id.0).unwrap_or(0);
    let steps: i64 = sql_admin
        .query_one(
            "SELECT count(*) FROM account_desk.report_steps WHERE report = $1 AND step = 1",
            &[&rid],
        )
        .map_err(sql)?
        .get(0);
    assert_eq!(steps, 1, "the submission recorded on the server");
    let state: i16 = sql_admin
        .query_one(
            "SELECT state FROM account_desk.rows WHERE kind = 21 AND id = $1",
            &[&rid],
        )
        .map_err(sql)?
        .get(0);
    assert_eq!(state, 1, "the row's state is its newest step");
    // The AM's review follows on from it.
    let am = Store::open_team(&am_address)?;
    apply(&am, decide(id, ReportDecision::Approve, &read)).map_err(engine)?;
    assert_eq!(
        report(&am)?.status(),
        crate::domain::budget::road::ReportStatus::Approved
    );
    Ok(())
}

#[test]
fn a_desk_moved_in_brings_its_reports_roads_to_the_server() -> Result<(), StoreError> {
    let Some(cluster) = pg_cluster::cluster() else {
        return Ok(());
    };
    let (address, config) = cluster.fresh_database()?;
    Store::init_team(&address, None)?;
    let team = Store::open_team(&address)?;
    let dir = tempfile::tempdir().map_err(|e| StoreError::Engine(e.to_string()))?;
    let desk = Store::open(&dir.path().join("desk.redb"))?;
    let now = chrono::Utc::now();
    crate::demo::sample::load_sample(&desk, now, now.date_naive())
        .map_err(|e| StoreError::Engine(e.to_string()))?;
    desk.copy_into(&team)?;
    // 蒙牛's October report issued (submitted, approved, issued), November submitted.
    let mut sql_admin = config.connect(NoTls).map_err(sql)?;
    let mut states: Vec<i16> = sql_admin
        .query("SELECT state FROM account_desk.rows WHERE kind = 21", &[])
        .map_err(sql)?
        .iter()
        .map(|r| r.get(0))
        .collect();
    states.sort_unstable();
    assert_eq!(states, [1, 4]);
    let steps: i64 = sql_admin
        .query_one("SELECT count(*) FROM account_desk.report_steps", &[])
        .map_err(sql)?
        .get(0);
    assert_eq!(steps, 4);
    Ok(())
}
