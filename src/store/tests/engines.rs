//! The store's behaviour that does not depend on the engine, run against each: the redb
//! file, the in-memory engine and a team database on PostgreSQL. (Opening, locking, damage, backups and migrations are about
//! the file and stay in the parent module.)

use super::{day, fill, stamp, two_templates};
use crate::domain::*;
use crate::store::*;
use std::sync::Arc;

pub(super) fn client(id: u64, name: &str) -> Client {
    Client {
        id: ClientId(id),
        name: name.into(),
        short_name: String::new(),
        industry: String::new(),
        address: String::new(),
        phone: String::new(),
        since: None,
        notes: String::new(),
        archived: false,
        invoicing: Default::default(),
        audit: Audit::new(stamp()),
    }
}

fn user(id: u64, name: &str) -> User {
    User {
        id: UserId(id),
        name: name.into(),
        role: Role::AccountExecutive,
        active: true,
    }
}

fn every_kind_round_trips(store: &Store) -> Result<(), StoreError> {
    let job_id = fill(store)?;
    assert_eq!(
        store.all::<Client>()?[0].name,
        "可口可乐（中国）饮料有限公司 𠮷"
    );
    assert_eq!(store.all::<Contract>()?[0].value, Fen(123_456_789));
    assert_eq!(
        store.job_by_number(" 2026-0001 ")?.map(|j| j.id),
        Some(job_id)
    );
    assert_eq!(store.brief_versions(job_id)?.len(), 1);
    assert_eq!(
        store.schedule(job_id)?.map(|s| s.schedule.tasks.len()),
        Some(2)
    );
    assert_eq!(store.issued_schedules(job_id)?.len(), 1);
    assert_eq!(store.read()?.changes()?.len(), 1);
    let report = store.check()?;
    assert!(report.passed(), "{:?}", report.problems);
    for kind in [
        Kind::User,
        Kind::Client,
        Kind::Job,
        Kind::BriefVersion,
        Kind::Change,
    ] {
        assert_eq!(report.count(kind), 1, "{kind:?}");
    }
    assert!(!store.is_blank()?);
    Ok(())
}

fn issued_schedules_are_never_overwritten(store: &Store) -> Result<(), StoreError> {
    let job = fill(store)?;
    let again = schedule::IssuedSchedule {
        job_id: job,
        version: 1,
        issued_on: day(12, 1),
        stamp: stamp(),
        schedule: schedule::Schedule::default(),
    };
    assert!(store.write(|tx| tx.issue_schedule(&again)).is_err());
    assert_eq!(store.issued_schedules(job)?[0].issued_on, day(11, 9));
    assert!(store.write(|tx| tx.delete_schedule(job))?);
    assert!(store.schedule(job)?.is_none());
    assert_eq!(
        store.issued_schedules(job)?.len(),
        1,
        "issued versions stay"
    );
    Ok(())
}

fn brief_versions_are_never_overwritten(store: &Store) -> Result<(), StoreError> {
    let job = fill(store)?;
    let v1 = store.latest_brief(job)?.expect("a brief");
    assert!(store.write(|tx| tx.append_brief(&v1)).is_err());
    assert_eq!(store.brief_versions(job)?.len(), 1);
    Ok(())
}

fn job_numbers_continue_per_year_and_a_failed_write_issues_none(
    store: &Store,
) -> Result<(), StoreError> {
    let f = JobNumberFormat::default();
    let nums = store.write(|tx| {
        Ok(vec![
            tx.issue_job_number(&f, 2026)?.text,
            tx.issue_job_number(&f, 2026)?.text,
            tx.issue_job_number(&f, 2027)?.text,
        ])
    })?;
    assert_eq!(nums, vec!["2026-0001", "2026-0002", "2027-0001"]);
    let failed: Result<(), StoreError> = store.write(|tx| {
        tx.issue_job_number(&f, 2026)?;
        tx.next_id()?;
        tx.put(&client(100, "不会留下"))?;
        Err(StoreError::Engine("validation failed".into()))
    });
    assert!(failed.is_err());
    assert_eq!(
        store.write(|tx| tx.issue_job_number(&f, 2026))?.text,
        "2026-0003"
    );
    assert!(store.get::<Client>(100)?.is_none());
    assert_eq!(
        store.write(|tx| tx.next_id())?,
        1,
        "the failed write's id was not kept"
    );
    Ok(())
}

fn two_writers_never_share_an_id_or_a_job_number(store: &Store) -> Result<(), StoreError> {
    let f = JobNumberFormat::default();
    let issued = std::sync::Mutex::new(Vec::new());
    std::thread::scope(|s| {
        for _ in 0..4 {
            s.spawn(|| {
                for _ in 0..10 {
                    let got = store
                        .write(|tx| Ok((tx.next_id()?, tx.issue_job_number(&f, 2026)?.seq)))
                        .expect("write");
                    issued.lock().expect("list").push(got);
                }
            });
        }
    });
    let issued = issued.into_inner().expect("list");
    let mut ids: Vec<u64> = issued.iter().map(|(id, _)| *id).collect();
    let mut seqs: Vec<u32> = issued.iter().map(|(_, s)| *s).collect();
    ids.sort_unstable();
    ids.dedup();
    seqs.sort_unstable();
    seqs.dedup();
    assert_eq!((ids.len(), seqs.len()), (40, 40));
    assert_eq!(seqs.last(), Some(&40));
    Ok(())
}

fn every_write_has_a_new_revision_with_its_writer(store: &Store) -> Result<(), StoreError> {
    let at = stamp().at;
    let first = store.write(|tx| {
        tx.acting(UserId(5), at);
        tx.put(&user(5, "周芳"))?;
        tx.put(&client(7, "华润怡宝"))
    })?;
    let second = store.write(|tx| {
        let mut c: Client = tx.get(7)?.expect("client");
        c.notes = "第二次".into();
        tx.put(&c)
    })?;
    assert!(second > first, "{first} then {second}");
    let view = store.read()?;
    let rev = view.revision::<Client>(Key::id(7))?.expect("a revision");
    assert_eq!(rev.rev, second);
    assert_eq!(rev.by, Some(UserId(0)), "the second write named no one");
    let user_rev = view.revision::<User>(Key::id(5))?.expect("a revision");
    assert_eq!((user_rev.by, user_rev.at), (Some(UserId(5)), Some(at)));
    assert!(view.revision::<Client>(Key::id(8))?.is_none());
    Ok(())
}

fn a_stale_write_is_refused_naming_who_and_when(store: &Store) -> Result<(), StoreError> {
    let at = stamp().at;
    let base = store.write(|tx| {
        tx.put(&user(5, "周芳"))?;
        tx.put(&client(7, "华润怡宝"))
    })?;
    // Someone else changes the client…
    store.write(|tx| {
        tx.acting(UserId(5), at);
        let mut c: Client = tx.get(7)?.expect("client");
        c.notes = "周芳改的".into();
        tx.put(&c)
    })?;
    // …and a change made from what was shown at `base` is refused, writing nothing.
    let stale = store.write(|tx| tx.put_over(&client(7, "旧的改动"), Some(base)));
    match stale {
        Err(StoreError::Conflict {
            kind,
            by,
            at: when,
            removed,
            ..
        }) => {
            assert_eq!(kind, Kind::Client);
            assert_eq!(by.as_deref(), Some("周芳"));
            assert_eq!(when, Some(at));
            assert!(!removed);
        }
        other => panic!("expected a conflict, got {other:?}"),
    }
    let e = store
        .write(|tx| tx.put_over(&client(7, "旧的改动"), Some(base)))
        .expect_err("still stale");
    assert!(
        e.message(Lang::Zh).contains("周芳"),
        "{}",
        e.message(Lang::Zh)
    );
    assert!(e.to_string().contains("周芳"), "{e}");
    assert_eq!(
        store.get::<Client>(7)?.map(|c| c.notes),
        Some("周芳改的".into())
    );
    // Creating what already exists is a conflict too; so is a write over a removed record.
    assert!(matches!(
        store.write(|tx| tx.put_over(&client(7, "又一个"), None)),
        Err(StoreError::Conflict { .. })
    ));
    store.write(|tx| tx.delete::<Client>(7))?;
    assert!(matches!(
        store.write(|tx| tx.put_over(&client(7, "旧的改动"), Some(base))),
        Err(StoreError::Conflict { removed: true, .. })
    ));
    Ok(())
}

fn undo_checks_are_against_the_revision_left(store: &Store) -> Result<(), StoreError> {
    let rev = store.write(|tx| tx.put(&client(7, "华润怡宝")))?;
    store.write(|tx| tx.expect_unchanged(Kind::Client, Key::id(7), Some(rev)))?;
    store.write(|tx| tx.expect_unchanged(Kind::Client, Key::id(8), None))?;
    store.write(|tx| {
        let mut c: Client = tx.get(7)?.expect("client");
        c.notes = "later".into();
        tx.put(&c)
    })?;
    assert!(matches!(
        store.write(|tx| tx.expect_unchanged(Kind::Client, Key::id(7), Some(rev))),
        Err(StoreError::Conflict { .. })
    ));
    Ok(())
}

fn the_feed_tells_what_changed_since(store: &Store) -> Result<(), StoreError> {
    let start = store.read()?.last_seq()?;
    store.write(|tx| {
        tx.put(&client(7, "华润怡宝"))?;
        tx.put(&client(8, "农夫山泉"))
    })?;
    let middle = store.read()?.last_seq()?;
    store.write(|tx| tx.delete::<Client>(7))?;
    let view = store.read()?;
    let all = view
        .changed_since(start, 100)?
        .expect("the feed reaches back");
    let seen: Vec<(Kind, u64, bool)> = all.iter().map(|e| (e.kind, e.key.id, e.removed)).collect();
    assert_eq!(
        seen,
        vec![
            (Kind::Client, 7, false),
            (Kind::Client, 8, false),
            (Kind::Client, 7, true)
        ]
    );
    assert_eq!(view.changed_since(middle, 100)?.map(|e| e.len()), Some(1));
    assert_eq!(
        view.changed_since(start, 2)?.map(|e| e.len()),
        Some(2),
        "the limit is kept"
    );
    assert_eq!(view.changed_since(view.last_seq()?, 100)?, Some(Vec::new()));
    Ok(())
}

fn the_feed_keeps_its_last_entries_and_says_when_it_no_longer_reaches(
    store: &Store,
) -> Result<(), StoreError> {
    // Past two trims; the last one at the largest multiple of FEED_TRIM up to `total`.
    let total = backend::FEED_KEEP + 2 * backend::FEED_TRIM + 5;
    store.write(|tx| {
        for i in 1..=total {
            tx.put(&client(i, "客户"))?;
        }
        // The change log is written once and never changed: no revision, no feed entry.
        tx.log(&Change {
            stamp: stamp(),
            subject: Subject::Client,
            id: 1,
            action: Action::Created,
            summary: "一次".into(),
        })
    })?;
    let view = store.read()?;
    assert_eq!(view.last_seq()?, total);
    assert!(
        view.changed_since(0, 10)?.is_none(),
        "the oldest entries are gone"
    );
    let recent = view
        .changed_since(total - 3, 100)?
        .expect("the newest entries are kept");
    assert_eq!(recent.len(), 3);
    let last_trim = total - total % backend::FEED_TRIM;
    let oldest_kept = last_trim - backend::FEED_KEEP + 1;
    assert_eq!(
        view.changed_since(oldest_kept - 1, 1)?.map(|e| e[0].seq),
        Some(oldest_kept)
    );
    assert!(view.changed_since(oldest_kept - 2, 1)?.is_none());
    assert!(
        view.changed_since(total - backend::FEED_KEEP, 1)?.is_some(),
        "never fewer than FEED_KEEP entries"
    );
    Ok(())
}

fn a_read_view_is_a_snapshot(store: &Store) -> Result<(), StoreError> {
    store.write(|tx| tx.put(&client(7, "华润怡宝")))?;
    let before = store.read()?;
    store.write(|tx| tx.put(&client(8, "农夫山泉")))?;
    assert_eq!(before.all::<Client>()?.len(), 1);
    assert_eq!(store.all::<Client>()?.len(), 2);
    Ok(())
}

fn access_attributes_are_kept_beside_the_bytes(store: &Store) -> Result<(), StoreError> {
    let job = fill(store)?;
    let row = store
        .read()?
        .row(Kind::Job, Key::id(job.0))?
        .expect("the job row");
    let j: Job = store.get(job.0)?.expect("job");
    assert_eq!(row.meta.access.client, j.client_id.0);
    assert_eq!(row.meta.access.job, j.id.0);
    assert_eq!(row.meta.access.state, j.status as u8);
    assert_eq!(row.meta.access.owner, j.team.ae.map_or(0, |u| u.0));
    let brief = store.read()?.row(Kind::BriefVersion, Key::pair(job.0, 1))?;
    assert_eq!(brief.map(|r| r.meta.access.job), Some(job.0));
    Ok(())
}

fn templates_round_trip(store: &Store) -> Result<(), StoreError> {
    assert!(store.templates()?.is_none());
    store.write(|tx| tx.put_templates(&two_templates()))?;
    assert_eq!(store.templates()?, Some(two_templates()));
    assert_eq!(store.check()?.count(Kind::Templates), 2);
    Ok(())
}

fn content_hash_is_the_same_on_both_engines(store: &Store) -> Result<(), StoreError> {
    store.write(|tx| tx.put(&client(7, "华润怡宝")))?;
    let stored: Client = store.get(7)?.expect("client");
    assert_eq!(
        ContentHash::of(&stored)?,
        ContentHash::of(&client(7, "华润怡宝"))?
    );
    Ok(())
}

macro_rules! on_every_engine {
    ($($name:ident),* $(,)?) => {
        mod redb_file {
            $(
                #[test]
                fn $name() -> Result<(), crate::store::StoreError> {
                    let (_dir, path) = super::super::temp_db();
                    let store = crate::store::Store::open(&path)?;
                    super::$name(&store)
                }
            )*
        }
        mod in_memory {
            $(
                #[test]
                fn $name() -> Result<(), crate::store::StoreError> {
                    super::$name(&crate::store::Store::in_memory())
                }
            )*
        }
        #[cfg(unix)]
        mod postgres {
            $(
                #[test]
                fn $name() -> Result<(), crate::store::StoreError> {
                    let Some(cluster) = super::super::pg_cluster::cluster() else {
                        return Ok(());
                    };
                    super::$name(&cluster.fresh_store()?)
                }
            )*
        }
    };
}

on_every_engine!(
    every_kind_round_trips,
    issued_schedules_are_never_overwritten,
    brief_versions_are_never_overwritten,
    job_numbers_continue_per_year_and_a_failed_write_issues_none,
    two_writers_never_share_an_id_or_a_job_number,
    every_write_has_a_new_revision_with_its_writer,
    a_stale_write_is_refused_naming_who_and_when,
    undo_checks_are_against_the_revision_left,
    the_feed_tells_what_changed_since,
    the_feed_keeps_its_last_entries_and_says_when_it_no_longer_reaches,
    a_read_view_is_a_snapshot,
    access_attributes_are_kept_beside_the_bytes,
    templates_round_trip,
    content_hash_is_the_same_on_both_engines,
);

#[test]
fn the_store_can_be_shared_between_threads() {
    fn shared<T: Send + Sync>() {}
    shared::<Store>();
    let store = Arc::new(Store::in_memory());
    let other = Arc::clone(&store);
    std::thread::spawn(move || other.write(|tx| tx.put(&client(1, "线程"))))
        .join()
        .expect("thread")
        .expect("write");
    assert_eq!(store.all::<Client>().expect("read").len(), 1);
}
