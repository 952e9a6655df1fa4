//! Typed paths of signed copies taken into the file store, on a temporary database.

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
