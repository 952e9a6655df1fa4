//! Two app processes on one team database, each doing what a person does: creating jobs
//! and saving the same job's brief. The second process is this test binary run again on
//! the helper test below.

use super::pg_cluster;
use crate::domain::{BriefVersion, Job, JobId, UserId};
use crate::services::{self, Base, BriefDraft, Command, Ctx, JobDraft};
use crate::store::{Key, Store, StoreError, TeamAddress};
use std::collections::HashSet;
use std::process::Command as Process;

const URL: &str = "ACCOUNT_DESK_TEST_TEAM_URL";
const JOB: &str = "ACCOUNT_DESK_TEST_TEAM_JOB";
const WHO: &str = "ACCOUNT_DESK_TEST_TEAM_WHO";
const ROUNDS: usize = 10;

fn ctx() -> Ctx {
    Ctx {
        actor: UserId(0),
        now: chrono::Utc::now(),
        today: chrono::Utc::now().date_naive(),
    }
}

/// Saves the brief of `job` as a new version with `text`: from the latest version read
/// just before, and again from the newer one when a colleague saved in between (what
/// "keep mine as a new version" does).
fn save_brief(store: &Store, job: JobId, text: &str) -> Result<(), StoreError> {
    for _ in 0..100 {
        let latest = store.latest_brief(job)?;
        let shown = match &latest {
            Some(v) => store
                .read()?
                .revision::<BriefVersion>(Key::pair(job.0, v.version))?
                .map(|r| r.rev),
            None => None,
        };
        let mut content = latest.map(|v| v.content).unwrap_or_default();
        content.objective = text.to_string();
        let draft = BriefDraft {
            content,
            budget: String::new(),
        };
        match services::apply(
            store,
            &ctx(),
            Command::SaveBrief(job, draft, Base::Shown(shown)),
        ) {
            Ok(_) => return Ok(()),
            Err(services::ServiceError::Store(StoreError::Conflict { .. })) => continue,
            Err(e) => return Err(StoreError::Engine(e.to_string())),
        }
    }
    Err(StoreError::Engine("the brief never saved".into()))
}

/// One app process's share, when run by the test below (else nothing to do).
#[test]
#[ignore = "run by two_app_processes_save_versions_and_number_jobs_apart"]
fn one_app_process() -> Result<(), StoreError> {
    let (Ok(url), Ok(job), Ok(who)) = (std::env::var(URL), std::env::var(JOB), std::env::var(WHO))
    else {
        return Ok(());
    };
    let password = std::env::var("PGPASSWORD").ok();
    let store = Store::open_team(&TeamAddress::parse(&url, password.as_deref(), None)?)?;
    let job = JobId(
        job.parse()
            .map_err(|_| StoreError::Engine("job id".into()))?,
    );
    let template = store
        .get::<Job>(job.0)?
        .ok_or_else(|| StoreError::Engine("the job is missing".into()))?;
    for round in 0..ROUNDS {
        let mut draft = JobDraft::from_job(&template);
        draft.title = format!("{who} 的工作 {round}");
        services::apply(&store, &ctx(), Command::CreateJob(draft))
            .map_err(|e| StoreError::Engine(e.to_string()))?;
        save_brief(&store, job, &format!("{who} 改 {round}"))?;
    }
    Ok(())
}

#[test]
fn two_app_processes_save_versions_and_number_jobs_apart() -> Result<(), StoreError> {
    let Some(cluster) = pg_cluster::cluster() else {
        return Ok(());
    };
    let (address, url) = cluster.fresh_team()?;
    let team = Store::open_team(&address)?;
    let job = super::fill(&team)?;
    let password = cluster.password();
    let exe = std::env::current_exe().map_err(|e| StoreError::Engine(e.to_string()))?;
    let children: Vec<_> = ["甲", "乙"]
        .into_iter()
        .map(|who| {
            Process::new(&exe)
                .args([
                    "store::tests::processes::one_app_process",
                    "--exact",
                    "--ignored",
                    "--test-threads=1",
                ])
                .env(URL, &url)
                .env("PGPASSWORD", password)
                .env(JOB, job.0.to_string())
                .env(WHO, who)
                .output()
        })
        .collect();
    for child in children {
        let out = child.map_err(|e| StoreError::Engine(e.to_string()))?;
        assert!(
            out.status.success() && String::from_utf8_lossy(&out.stdout).contains("1 passed"),
            "{}\n{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    // Every job created has its own number.
    let jobs = team.all::<Job>()?;
    assert_eq!(jobs.len(), 1 + 2 * ROUNDS);
    let numbers: HashSet<String> = jobs.iter().map(|j| j.number.text.clone()).collect();
    assert_eq!(numbers.len(), jobs.len());
    // Every save of the shared brief is a version of its own: nothing overwritten.
    let versions = team.brief_versions(job)?;
    assert_eq!(versions.len(), 1 + 2 * ROUNDS);
    let texts: HashSet<String> = versions
        .iter()
        .map(|v| v.content.objective.clone())
        .collect();
    for who in ["甲", "乙"] {
        for round in 0..ROUNDS {
            assert!(
                texts.contains(&format!("{who} 改 {round}")),
                "{who} {round}"
            );
        }
    }
    Ok(())
}
