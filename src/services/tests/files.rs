//! Typed paths of signed copies taken into the file store, on a temporary database; a team
//! database's trash emptied and its orphan files cleared.

use super::*;
use crate::domain::meeting::{MeetingKind, Point, Reply, SignedCopy};
use crate::domain::{FileHash, Meeting, MeetingId};
use crate::services::files::adopt_typed_paths;

/// A meeting whose minutes were sent and confirmed with `scan`, written as an old layout
/// would have left it.
fn confirmed_meeting(
    f: &Fixture,
    client_id: ClientId,
    title: &str,
    scan: Option<SignedCopy>,
) -> MeetingId {
    let start = f.ctx.now - chrono::Duration::hours(3);
    let mut m = Meeting::new(
        MeetingKind::Meeting,
        client_id,
        start,
        start + chrono::Duration::hours(1),
        f.ctx.stamp(),
    );
    m.title = title.into();
    m.minutes.points.push(Point {
        text: "预算 60 万".into(),
        ..Default::default()
    });
    m.send(f.ctx.stamp(), vec!["li.na@bmw.cn".into()])
        .expect("sent");
    m.confirm(f.ctx.now, "李娜", scan).expect("confirmed");
    f.store
        .write(|tx| {
            m.id = crate::domain::MeetingId(tx.next_id()?);
            tx.put(&m)?;
            Ok(m.id)
        })
        .expect("written")
}

fn scan_of(f: &Fixture, id: MeetingId) -> Option<SignedCopy> {
    match f
        .store
        .get::<Meeting>(id.0)
        .ok()
        .flatten()
        .and_then(|m| m.latest().and_then(|s| s.reply.clone()))
    {
        Some(Reply::Confirmed { scan, .. }) => scan,
        _ => None,
    }
}

#[test]
fn typed_paths_whose_file_exists_are_stored_and_missing_ones_stay_outside() {
    let f = fixture();
    let c = client(&f, "宝马中国");
    let outside = tempfile::tempdir().expect("temp dir");
    let signed = outside.path().join("会议记录 签字版.pdf");
    std::fs::write(&signed, b"%PDF-1.7 signed by the client").expect("file");
    let gone = outside.path().join("已删除.pdf");
    let signed_path = signed.to_string_lossy().into_owned();
    let gone_path = gone.to_string_lossy().into_owned();

    let found = confirmed_meeting(
        &f,
        c,
        "创意提案",
        Some(SignedCopy::Outside(signed_path.clone())),
    );
    let lost = confirmed_meeting(
        &f,
        c,
        "排期会",
        Some(SignedCopy::Outside(gone_path.clone())),
    );
    let plain = confirmed_meeting(&f, c, "预算会", None);
    let before_plain = f.store.get::<Meeting>(plain.0).ok().flatten();
    assert!(f.store.referenced_files().expect("refs").is_empty());

    let report = adopt_typed_paths(&f.store, &f.ctx).expect("adopted");

    let hash = FileHash::of_bytes(b"%PDF-1.7 signed by the client");
    let Some(SignedCopy::Stored(file)) = scan_of(&f, found) else {
        panic!("not stored: {:?}", scan_of(&f, found));
    };
    assert_eq!(file.hash, hash);
    assert_eq!(file.size, 29);
    assert_eq!(file.original_name, "会议记录 签字版.pdf");
    assert_eq!(file.media_type.as_deref(), Some("application/pdf"));
    let kept = std::fs::read(f.store.desk_files().path_of(&hash)).expect("in the store");
    assert_eq!(FileHash::of_bytes(&kept), hash);
    assert_eq!(report.adopted.len(), 1);
    assert_eq!(report.adopted[0].0, found);

    // The missing file is kept as it was typed, and reported.
    assert_eq!(
        scan_of(&f, lost),
        Some(SignedCopy::Outside(gone_path.clone()))
    );
    assert_eq!(report.missing, vec![(lost, 1, gone_path)]);
    assert!(report.failed.is_empty());
    // Nothing else changed.
    assert_eq!(f.store.get::<Meeting>(plain.0).ok().flatten(), before_plain);
    // The original outside the desk is left where it was.
    assert!(signed.is_file());

    // `check` now counts the stored copy as named: no orphan.
    assert_eq!(
        f.store.referenced_files().expect("refs"),
        [hash].into_iter().collect()
    );
    let files = f.store.check_files().expect("check").expect("a file store");
    assert!(files.orphans.is_empty(), "{:?}", files.orphans);
    assert!(files.passed());

    // A second run finds nothing more to do.
    let again = adopt_typed_paths(&f.store, &f.ctx).expect("again");
    assert!(again.adopted.is_empty());
    assert_eq!(again.missing.len(), 1);
}

/// On a team database the trash is emptied and the files no record names are deleted by its
/// administrator (`files purge-trash`, `files clear-orphans`), never a file stored in the
/// last day, and by no one else.
#[cfg(unix)]
#[test]
fn a_team_databases_trash_and_orphan_files_go_by_its_administrators_hand() {
    use crate::domain::document::DocumentKind;
    use crate::domain::{Client, DocumentId};
    use crate::services::documents::{DocumentDraft, FiledWith, purge_trash};
    use crate::services::files::{clear_orphans, import_document_file};
    use crate::store::{TeamAddress, TeamRole};
    let Some(cluster) = crate::store::test_cluster::cluster() else {
        return;
    };
    let (address, config) = cluster.fresh_database().expect("database");
    Store::init_team(&address, None).expect("init");
    let admin = Store::open_team(&address).expect("open");
    let now = chrono::Utc::now();
    crate::demo::sample::load_sample(&admin, now, now.date_naive()).expect("sample");
    let client = admin.all::<Client>().expect("clients")[0].id;
    let at = |days: i64| Ctx {
        actor: crate::domain::UserId(0),
        now: now + chrono::Duration::days(days),
        today: (now + chrono::Duration::days(days)).date_naive(),
    };
    let dir = tempfile::tempdir().expect("dir");
    let source = dir.path().join("旧报价.pdf");
    std::fs::write(&source, b"%PDF an old estimate").expect("file");
    let file = import_document_file(&admin, FiledWith::Client(client), &source).expect("import");
    let draft = DocumentDraft::new(DocumentKind::Reference, "旧报价");
    let id = apply(
        &admin,
        &at(0),
        Command::FileDocument(FiledWith::Client(client), Box::new(draft), file.clone()),
    )
    .expect("filed")
    .id;
    apply(
        &admin,
        &at(0),
        Command::TrashDocument(DocumentId(id), "重复".into()),
    )
    .expect("trashed");
    let orphans = |days: i64| {
        let cleared = clear_orphans(&admin, true, at(days).now).expect("listed");
        cleared.expect("the administrator's").files
    };
    // In the trash, its file is still named.
    assert!(
        purge_trash(&admin, &at(29), false)
            .expect("purge")
            .is_empty()
    );
    assert!(orphans(31).is_empty());
    // After 30 days: listed, then deleted for good.
    let due = vec![(DocumentId(id), "旧报价".to_string())];
    assert_eq!(purge_trash(&admin, &at(31), true).expect("dry run"), due);
    assert!(admin.get::<Document>(id).expect("read").is_some());
    assert_eq!(purge_trash(&admin, &at(31), false).expect("purge"), due);
    assert!(admin.get::<Document>(id).expect("read").is_none());
    // Its file is an orphan now, but stored less than a day ago: kept.
    assert!(orphans(0).is_empty());
    assert_eq!(orphans(2), vec![(file.hash, file.size)]);
    // A person of the team may not delete files.
    let (_, login) = admin
        .team_admin()
        .expect("admin")
        .add_person("am1", TeamRole::Am, "陈经理", None, "am1-password")
        .expect("person");
    let mut person = config.clone();
    person.user(&login).password("am1-password");
    let person = Store::open_team(&TeamAddress::from_config(person, &login)).expect("login");
    assert!(
        clear_orphans(&person, false, at(2).now)
            .expect("asked")
            .is_none()
    );
    // The administrator may; every other file stays, named and whole.
    let cleared = clear_orphans(&admin, false, at(2).now).expect("cleared");
    assert_eq!(cleared.expect("done").files, vec![(file.hash, file.size)]);
    assert!(orphans(2).is_empty());
    let report = admin.check_files().expect("checked").expect("a report");
    assert!(report.missing.is_empty() && report.damaged.is_empty());
}
