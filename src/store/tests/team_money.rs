//! An estimate's road on a team database, held by the server (team schema 4): the server
//! computes the content hash of the version from its stored bytes and matches the app's,
//! refuses a step by the wrong role, by the version's writer or the previous approver, a
//! step out of order or on another hash, an estimate written with a step it never recorded,
//! a submitted version changed, and money records removed.

use super::pg_cluster;
use super::walls::{as_person, refused, sql};
use crate::domain::estimate::{Decision, EstimateKind, EstimateStep, EstimateVersion};
use crate::domain::{Estimate, EstimateId};
use crate::services::{self, Command, Ctx, ServiceError, VersionDraft};
use crate::store::{Identity, Key, Store, StoreError, TeamRole};
use postgres::NoTls;

pub(super) fn ctx_of(store: &Store) -> Ctx {
    let actor = match store.team_identity() {
        Some(Identity::Person(p)) => p.user,
        _ => crate::domain::UserId(0),
    };
    let now = chrono::Utc::now();
    Ctx {
        actor,
        now,
        today: now.date_naive(),
    }
}

pub(super) fn apply(store: &Store, command: Command) -> Result<u64, ServiceError> {
    services::apply(store, &ctx_of(store), command).map(|a| a.id)
}

fn newest(store: &Store, id: EstimateId) -> Result<(Estimate, EstimateVersion), StoreError> {
    let e: Estimate = store
        .get(id.0)?
        .ok_or_else(|| StoreError::Engine("estimate missing".into()))?;
    let v = store
        .read()?
        .get_at::<EstimateVersion>(Key::pair(id.0, e.versions))?
        .ok_or_else(|| StoreError::Engine("version missing".into()))?;
    Ok((e, v))
}

/// A step written straight to the server, past the app's own rules.
fn raw_step(
    store: &Store,
    id: EstimateId,
    step: EstimateStep,
    hash: [u8; 32],
) -> Result<(), StoreError> {
    store.write(|tx| tx.estimate_step(id.0, 1, step, &hash))
}

pub(super) fn says(r: Result<(), StoreError>, words: &str) {
    assert!(
        matches!(&r, Err(e) if e.to_string().contains(words)),
        "expected a refusal saying “{words}”: {r:?}"
    );
}

#[test]
fn the_server_holds_the_road_of_an_estimate() -> Result<(), StoreError> {
    let Some(cluster) = pg_cluster::cluster() else {
        return Ok(());
    };
    let (address, config) = cluster.fresh_database()?;
    Store::init_team(&address, None)?;
    let team = Store::open_team(&address)?;
    let job = super::fill(&team)?;
    let admin = team.team_admin()?;
    let mut people = Vec::new();
    let mut logins = Vec::new();
    for (name, role) in [
        ("ae1", TeamRole::Ae),
        ("am1", TeamRole::Am),
        ("do1", TeamRole::Director),
        ("ad1", TeamRole::Ad),
    ] {
        let (_, login) = admin.add_person(name, role, name, None, "password-of-8")?;
        let (person, _) = as_person(&config, &login, "password-of-8");
        people.push(Store::open_team(&person)?);
        logins.push(login);
    }
    let [ae, am, dir, ad] = &people[..] else {
        return Err(StoreError::Engine("four people".into()));
    };
    let lines = crate::demo::sample::sample_lines("宝马 试驾会", 100);
    let draft = VersionDraft::with_lines("试驾会", lines);
    let id = EstimateId(
        apply(
            ae,
            Command::CreateEstimate(job, EstimateKind::Production, Box::new(draft)),
        )
        .map_err(|e| StoreError::Engine(e.to_string()))?,
    );
    let (_, v) = newest(ae, id)?;
    let hash = services::estimates::version_hash(&v)
        .map_err(|e| StoreError::Engine(e.to_string()))?
        .0;

    // Out of order, and on another hash.
    says(
        raw_step(ae, id, EstimateStep::Sent, hash),
        "does not follow",
    );
    let mut other = hash;
    other[0] ^= 1;
    says(
        raw_step(ae, id, EstimateStep::Submitted, other),
        "content hash",
    );
    // The app's hash is the server's: the submission is accepted.
    apply(ae, Command::DecideEstimate(id, Decision::Submit))
        .map_err(|e| StoreError::Engine(e.to_string()))?;
    // An AE cannot approve as AM, even past the app; nor the version's writer as anything.
    says(
        raw_step(ae, id, EstimateStep::AmApproved, hash),
        "only an account manager",
    );
    says(
        raw_step(dir, id, EstimateStep::AmApproved, hash),
        "only an account manager",
    );
    // An estimate written with a step the server never recorded.
    let (mut forged, _) = newest(ae, id)?;
    let mut approval = forged.events[0].clone();
    approval.step = EstimateStep::AmApproved;
    forged.events.push(approval);
    says(
        ae.write(|tx| tx.put(&forged).map(drop)),
        "only through estimate_step",
    );
    // The submitted version is not changed.
    let mut changed = v.clone();
    changed.lines[0].quantity += 1000;
    says(ae.write(|tx| tx.put(&changed).map(drop)), "is not changed");

    apply(am, Command::DecideEstimate(id, Decision::ApproveAsAm))
        .map_err(|e| StoreError::Engine(e.to_string()))?;
    // The AM does not approve again as the director's office; the AD who did not approve
    // as AM may.
    says(
        raw_step(am, id, EstimateStep::DirectorApproved, hash),
        "only the director",
    );
    apply(ad, Command::DecideEstimate(id, Decision::ApproveAsDirector))
        .map_err(|e| StoreError::Engine(e.to_string()))?;
    apply(ae, Command::DecideEstimate(id, Decision::Send))
        .map_err(|e| StoreError::Engine(e.to_string()))?;
    let (e, _) = newest(ae, id)?;
    assert_eq!(
        e.events.iter().map(|x| x.step).collect::<Vec<_>>(),
        vec![
            EstimateStep::Submitted,
            EstimateStep::AmApproved,
            EstimateStep::DirectorApproved,
            EstimateStep::Sent
        ]
    );

    // What the server recorded: the steps, by the logins' people, on the app's hash.
    let mut admin_sql = config.connect(NoTls).map_err(sql)?;
    let rows = admin_sql
        .query(
            "SELECT step, hash FROM account_desk.estimate_steps WHERE estimate = $1 ORDER BY seq",
            &[&i64::try_from(id.0).unwrap_or(0)],
        )
        .map_err(sql)?;
    let steps: Vec<(i16, Vec<u8>)> = rows.iter().map(|r| (r.get(0), r.get(1))).collect();
    assert_eq!(steps.len(), 4);
    assert!(steps.iter().all(|(_, h)| h.as_slice() == hash.as_slice()));

    // Money records are never removed.
    let (_, ae_config) = as_person(&config, &logins[0], "password-of-8");
    let mut ae_sql = ae_config.connect(NoTls).map_err(sql)?;
    refused(
        &mut ae_sql,
        &format!(
            "DELETE FROM account_desk.rows WHERE kind = 14 AND id = {}",
            id.0
        ),
        "never removed",
    );

    // Nor are budgets and invoices (team schema 5): signed, invoiced, budgeted, then
    // neither row can be deleted by a person.
    let signature = crate::domain::estimate::Signature {
        version: v.number,
        read_hash: services::estimates::version_hash(&v)
            .map_err(|e| StoreError::Engine(e.to_string()))?
            .short(),
        evidence: crate::domain::estimate::Evidence::SignedScan,
        file: None,
    };
    let engine = |e: ServiceError| StoreError::Engine(e.to_string());
    apply(
        ae,
        Command::DecideEstimate(id, crate::domain::estimate::Decision::Sign(signature)),
    )
    .map_err(engine)?;
    let invoice = crate::services::invoices::InvoiceDraft {
        number: "26112600000000000777".into(),
        gross: "100.00".into(),
        ..crate::services::invoices::InvoiceDraft::new(
            id,
            crate::domain::invoice::InvoiceKind::Production,
        )
    };
    apply(am, Command::RecordInvoice(Box::new(invoice))).map_err(engine)?;
    let (e, _) = newest(am, id)?;
    let budget = crate::services::BudgetDraft {
        client_id: e.client_id,
        brand_id: None,
        year: 2026,
        start_month: 1,
        media: "100000".into(),
        production: "200000".into(),
        from: String::new(),
        reason: String::new(),
    };
    apply(am, Command::SaveBudget(Box::new(budget))).map_err(engine)?;
    for kind in [18, 19] {
        let delete = format!("DELETE FROM account_desk.rows WHERE kind = {kind}");
        let count: i64 = admin_sql
            .query_one(
                &format!("SELECT count(*) FROM account_desk.rows WHERE kind = {kind}"),
                &[],
            )
            .map_err(sql)?
            .get(0);
        assert_eq!(count, 1, "kind {kind} written");
        refused(&mut ae_sql, &delete, "never removed");
    }
    Ok(())
}
