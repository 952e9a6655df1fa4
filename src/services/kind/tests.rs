//! The kinds' declarations: every subject named once, the record kinds kept under their own
//! id and found by search, and removal refused while other records refer to a record.

use super::super::*;
use super::*;
use crate::domain::{Lang, Role, Team};
use crate::store::backend::KeyShape;
use chrono::TimeZone;

/// Every subject of the change log. The match makes a new subject fail to compile here
/// until it is listed.
fn every_subject() -> Vec<Subject> {
    let all = [
        Subject::Client,
        Subject::Contact,
        Subject::Contract,
        Subject::Brand,
        Subject::Job,
        Subject::Brief,
        Subject::User,
        Subject::Settings,
        Subject::Schedule,
        Subject::Meeting,
        Subject::Estimate,
        Subject::Document,
        Subject::LibraryItem,
        Subject::CreativeWork,
    ];
    for s in all {
        match s {
            Subject::Client
            | Subject::Contact
            | Subject::Contract
            | Subject::Brand
            | Subject::Job
            | Subject::Brief
            | Subject::User
            | Subject::Settings
            | Subject::Schedule
            | Subject::Meeting
            | Subject::Estimate
            | Subject::Document
            | Subject::LibraryItem
            | Subject::CreativeWork => {}
        }
    }
    all.to_vec()
}

#[test]
fn every_subject_is_declared_once_with_a_name_in_both_languages() {
    let all = every_subject();
    for s in &all {
        let declared = subjects().filter(|d| d.subject == *s).count();
        assert_eq!(declared, 1, "{s:?} is declared {declared} times");
    }
    assert_eq!(subjects().count(), all.len());
    let mut zh: Vec<_> = subjects().map(|s| s.name.zh).collect();
    let mut en: Vec<_> = subjects().map(|s| s.name.en).collect();
    assert!(zh.iter().chain(&en).all(|n| !n.trim().is_empty()));
    zh.sort();
    zh.dedup();
    en.sort();
    en.dedup();
    assert_eq!(
        (zh.len(), en.len()),
        (all.len(), all.len()),
        "two share a name"
    );
    assert_eq!(subject_name(Subject::Contact, Lang::Zh), "联络人");
    assert_eq!(subject_name(Subject::Brief, Lang::En), "Brief");
}

#[test]
fn record_kinds_are_kept_under_their_own_id_and_map_back() {
    let mut kinds = Vec::new();
    for spec in &RECORDS {
        let Some(kind) = spec.kind else {
            panic!("{:?} has no store kind", spec.subject);
        };
        assert_eq!(kind.spec().shape, KeyShape::Id, "{kind:?}");
        assert_eq!(subject_kind(spec.subject), Some(kind));
        let creation = Reverse::Remove(spec.subject, 7);
        assert_eq!(creation.target(), Some((kind, Key::id(7))));
        kinds.push(kind);
    }
    kinds.sort();
    kinds.dedup();
    assert_eq!(
        kinds.len(),
        RECORDS.len(),
        "two subjects share a store kind"
    );
    for spec in &OTHERS {
        assert_eq!(spec.kind, None, "{:?}", spec.subject);
        assert!(RECORDS.iter().all(|r| r.subject != spec.subject));
    }
}

#[test]
fn every_search_document_is_one_record_kind() {
    let docs = [
        DocKind::Client,
        DocKind::Brand,
        DocKind::Job,
        DocKind::Contact,
        DocKind::Contract,
        DocKind::Meeting,
        DocKind::Document,
        DocKind::LibraryItem,
        DocKind::CreativeWork,
    ];
    for doc in docs {
        let owners = RECORDS.iter().filter(|s| s.search == Some(doc)).count();
        assert_eq!(owners, 1, "{doc:?}");
        let subject = doc_subject(doc);
        assert_eq!(
            subject.and_then(subject_spec).and_then(|s| s.search),
            Some(doc)
        );
    }
    // A brief is found through its job; the settings are not found at all.
    assert_eq!(
        subject_spec(Subject::Brief).and_then(|s| s.search),
        Some(DocKind::Job)
    );
    assert_eq!(subject_spec(Subject::Settings).and_then(|s| s.search), None);
    assert_eq!(subject_spec(Subject::User).and_then(|s| s.search), None);
}

struct Office {
    store: Store,
    ctx: Ctx,
}

impl Office {
    fn new() -> Office {
        let now = Utc
            .with_ymd_and_hms(2026, 11, 26, 2, 0, 0)
            .single()
            .unwrap_or_default();
        let mut desk = Office {
            store: Store::in_memory(),
            ctx: Ctx {
                actor: UserId(0),
                now,
                today: now.date_naive(),
            },
        };
        desk.ctx.actor = UserId(desk.user("王小明").id);
        desk
    }

    fn apply(&self, command: Command) -> Result<Applied, ServiceError> {
        apply(&self.store, &self.ctx, command)
    }

    fn ok(&self, command: Command) -> Applied {
        match self.apply(command) {
            Ok(applied) => applied,
            Err(e) => panic!("{}", e.message(Lang::En)),
        }
    }

    fn user(&self, name: &str) -> Applied {
        self.ok(Command::AddUser(UserDraft {
            name: name.into(),
            role: Role::AccountExecutive,
            active: true,
        }))
    }

    fn undo(&self, applied: &Applied) -> Result<Applied, ServiceError> {
        match applied.undo.clone() {
            Some(step) => self.apply(Command::Undo(Box::new(step))),
            None => panic!("{} cannot be undone", applied.summary),
        }
    }

    fn job(&self, client: ClientId, brand: Option<BrandId>, team: Team) -> Applied {
        self.ok(Command::CreateJob(JobDraft {
            title: "春节 TVC".into(),
            client_id: Some(client),
            brand_id: brand,
            team,
            requested_on: "2026-11-20".into(),
            ..Default::default()
        }))
    }
}

/// The refusal names the record; nothing was removed.
fn refused(result: Result<Applied, ServiceError>, name: &str) {
    match result {
        Err(ServiceError::InUse(n)) => assert_eq!(n, name),
        other => panic!("not refused: {other:?}"),
    }
}

#[test]
fn undoing_a_creation_is_refused_while_records_refer_to_it() {
    let d = Office::new();
    let client = d.ok(Command::CreateClient(ClientDraft {
        name: "宝马中国".into(),
        ..Default::default()
    }));
    let c = ClientId(client.id);
    let brand = d.ok(Command::CreateBrand(
        c,
        BrandDraft {
            name: "MINI".into(),
            ..Default::default()
        },
    ));
    let member = d.user("李娜");
    let idle = d.user("张伟");
    let team = Team {
        am: Some(UserId(member.id)),
        ..Team::default()
    };
    let job = d.job(c, Some(BrandId(brand.id)), team);
    let mut brief = BriefDraft::default();
    brief.content.objective = "提升销量".into();
    d.ok(Command::SaveBrief(JobId(job.id), brief, Base::Overwrite));
    let bare = d.job(c, None, Team::default());

    refused(d.undo(&brand), "MINI");
    refused(d.undo(&member), "李娜");
    let number = job.summary.clone();
    refused(d.undo(&job), &number);
    refused(d.undo(&client), "宝马中国");
    let stored = |id: u64| d.store.get::<Job>(id).ok().flatten().is_some();
    assert!(stored(job.id));
    assert!(d.store.get::<Brand>(brand.id).ok().flatten().is_some());

    // What nothing refers to goes: a job without brief or schedule, an unused user.
    let removed = d.undo(&bare).map(|a| (a.subject, a.summary));
    assert_eq!(removed.ok(), Some((Subject::Job, bare.summary.clone())));
    assert!(!stored(bare.id));
    assert!(d.undo(&idle).is_ok());
    assert!(d.store.get::<User>(idle.id).ok().flatten().is_none());
}

#[test]
fn every_stored_kind_but_the_change_log_refreshes_one_subject() {
    for spec in crate::store::KINDS {
        let owners = subjects()
            .filter(|s| s.kind == Some(spec.kind) || s.stored.contains(&spec.kind))
            .count();
        let expected = usize::from(spec.kind != Kind::Change);
        assert_eq!(
            owners, expected,
            "{:?} belongs to {owners} subjects",
            spec.kind
        );
        assert_eq!(
            stored_subject(spec.kind).is_some(),
            spec.kind != Kind::Change,
            "{:?}",
            spec.kind
        );
    }
    assert_eq!(
        stored_subject(Kind::IssuedSchedule),
        Some(Subject::Schedule)
    );
    assert_eq!(stored_subject(Kind::Templates), Some(Subject::Settings));
    assert_eq!(stored_subject(Kind::Meeting), Some(Subject::Meeting));
}
