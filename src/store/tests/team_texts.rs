//! The words read from a team database's files and their thumbnails (schema 7), on the test
//! cluster: kept in the server once per client holding the file, searched there, and under
//! the files' walls — checked through the app and with direct SQL as a person.

use super::pg_cluster;
use super::walls::{as_person, count, refused, sql};
use crate::domain::document::{Document, DocumentKind, DocumentStatus, DocumentVersion, TextState};
use crate::domain::stamp::Audit;
use crate::domain::{ClientId, DocumentId, FileRef, Job};
use crate::extract::Extracted;
use crate::services::texts;
use crate::store::files::{ServedText, ServedThumb};
use crate::store::{FileHash, Store, StoreError, TeamRole};
use postgres::NoTls;
use std::collections::HashSet;
use std::path::Path;

fn io(e: std::io::Error) -> StoreError {
    StoreError::Engine(e.to_string())
}

fn client_of(store: &Store) -> Result<u64, StoreError> {
    let job = super::fill(store)?;
    store
        .get::<Job>(job.0)?
        .map(|j| j.client_id.0)
        .ok_or_else(|| StoreError::Engine("job missing".into()))
}

/// Stores `bytes` as `name` for `client`, and files a document of that client naming it.
fn filed(
    store: &Store,
    dir: &Path,
    client: u64,
    name: &str,
    bytes: &[u8],
) -> Result<(FileRef, DocumentId), StoreError> {
    let path = dir.join(name);
    std::fs::write(&path, bytes).map_err(io)?;
    let file = store.files().import(&path, client)?;
    let stamp = super::stamp();
    let id = store.write(|tx| {
        let id = DocumentId(tx.next_id()?);
        tx.put(&Document {
            id,
            client_id: ClientId(client),
            brand_id: None,
            job_id: None,
            meeting_id: None,
            kind: DocumentKind::Reference,
            title: name.into(),
            dated: None,
            number: String::new(),
            counterparty: String::new(),
            amount: None,
            tags: Vec::new(),
            topic: String::new(),
            versions: vec![DocumentVersion {
                file: file.clone(),
                status: DocumentStatus::Final,
                note: String::new(),
                added: stamp,
                text: TextState::Pending,
            }],
            legal_hold: false,
            trashed: None,
            audit: Audit::new(stamp),
        })
        .map(|_| id)
    })?;
    Ok((file, id))
}

fn hashes(found: HashSet<FileHash>) -> Vec<FileHash> {
    let mut out: Vec<FileHash> = found.into_iter().collect();
    out.sort();
    out
}

#[test]
fn words_and_thumbnails_are_kept_and_searched_in_the_server_under_the_files_walls()
-> Result<(), StoreError> {
    let Some(cluster) = pg_cluster::cluster() else {
        return Ok(());
    };
    let (address, config) = cluster.fresh_database()?;
    Store::init_team(&address, None)?;
    let team = Store::open_team(&address)?;
    let open = client_of(&team)?;
    let secret = client_of(&team)?;
    let admin = team.team_admin()?;
    let (ae, ae_login) = admin.add_person("tae", TeamRole::Ae, "王小明", None, "tae-password")?;
    admin.set_confidential(secret, true)?;
    let dir = tempfile::tempdir().map_err(io)?;
    // The same rate card filed for both clients; a pitch for the walled one only.
    let (card, card_doc) = filed(&team, dir.path(), open, "刊例.docx", b"rate card")?;
    let (_, copy_doc) = filed(&team, dir.path(), secret, "刊例 副本.docx", b"rate card")?;
    let (pitch, pitch_doc) = filed(&team, dir.path(), secret, "竞品提案.pdf", b"pitch")?;
    assert_eq!(texts::state(&team, &card.hash), TextState::Pending);
    assert_eq!(texts::pending(&team)?.len(), 2, "each content is read once");

    // Kept by whoever reads first, folded, for every client holding the file.
    let read = texts::keep_in(
        &team,
        &card.hash,
        Ok(Extracted::Text("冰柜贴 Rate Card 2026".into())),
    );
    assert_eq!(read, TextState::Indexed { chars: 18 });
    texts::keep_in(
        &team,
        &pitch.hash,
        Ok(Extracted::Text("竞品 新品上市 冰柜贴".into())),
    );
    let mut admin_sql = config.connect(NoTls).map_err(sql)?;
    let texts_of = "SELECT count(*) FROM account_desk.file_texts WHERE client = $1";
    assert_eq!(count(&mut admin_sql, texts_of, open)?, 1);
    assert_eq!(count(&mut admin_sql, texts_of, secret)?, 2);
    let body: String = admin_sql
        .query_one(
            "SELECT body FROM account_desk.file_texts WHERE hash = $1 LIMIT 1",
            &[&card.hash.0.as_slice()],
        )
        .and_then(|r| r.try_get(0))
        .map_err(sql)?;
    assert_eq!(body, "冰柜贴ratecard2026");
    assert!(texts::pending(&team)?.is_empty());
    // Kept once: a later read (another desk's, failed) changes nothing.
    texts::keep_in(&team, &card.hash, Ok(Extracted::Scanned));
    assert_eq!(
        texts::state(&team, &card.hash),
        TextState::Indexed { chars: 18 }
    );

    // Searched in the server, case and spaces ignored, every word needed.
    let files = team.files();
    let server = files
        .team()
        .ok_or(StoreError::Engine("not a team".into()))?;
    let mut both = vec![card.hash, pitch.hash];
    both.sort();
    assert_eq!(hashes(server.files_with_words(&["冰柜贴".into()])?), both);
    assert_eq!(
        hashes(server.files_with_words(&["ratecard".into(), "2026".into()])?),
        vec![card.hash]
    );
    assert!(
        server
            .files_with_words(&["冰柜贴".into(), "电视".into()])?
            .is_empty()
    );
    let found = texts::documents_with_words(&team, &["冰柜贴", "RATE card"])?;
    assert_eq!(found, vec![card_doc, copy_doc], "both clients' copies");
    let found = texts::documents_with_words(&team, &["新品上市"])?;
    assert_eq!(found, vec![pitch_doc]);

    // Thumbnails the same way.
    let png: ServedThumb = Ok(vec![0x89, b'P', b'N', b'G']);
    server.keep_thumb(&pitch.hash, &png)?;
    server.keep_thumb(&card.hash, &Err("too large".into()))?;
    assert_eq!(server.thumb(&pitch.hash)?, Some(png.clone()));
    assert_eq!(server.thumb(&card.hash)?, Some(Err("too large".into())));
    assert_eq!(server.thumbs_kept()?.len(), 2);

    // The AE, outside the walled client, finds and sees nothing of it.
    let (ae_address, ae_config) = as_person(&config, &ae_login, "tae-password");
    let ae_store = Store::open_team(&ae_address)?;
    let ae_files = ae_store.files();
    let ae_server = ae_files
        .team()
        .ok_or(StoreError::Engine("not a team".into()))?;
    assert_eq!(
        hashes(ae_server.files_with_words(&["冰柜贴".into()])?),
        vec![card.hash]
    );
    assert!(ae_server.files_with_words(&["新品上市".into()])?.is_empty());
    assert!(texts::documents_with_words(&ae_store, &["新品上市"])?.is_empty());
    assert_eq!(
        texts::documents_with_words(&ae_store, &["冰柜贴"])?,
        vec![card_doc],
        "the walled client's copy is not listed"
    );
    assert_eq!(ae_server.text_state(&pitch.hash)?, None);
    assert_eq!(ae_server.thumb(&pitch.hash)?, None);
    assert_eq!(ae_server.thumbs_kept()?.len(), 1);
    assert_eq!(texts::state(&ae_store, &pitch.hash), TextState::Pending);
    assert_eq!(
        ae_server.text_state(&card.hash)?,
        Some(ServedText::Words {
            chars: 18,
            folded: String::new()
        })
    );
    let mut ae_sql = ae_config.connect(NoTls).map_err(sql)?;
    assert_eq!(count(&mut ae_sql, texts_of, secret)?, 0);
    assert_eq!(count(&mut ae_sql, texts_of, open)?, 1);
    let thumbs_of = "SELECT count(*) FROM account_desk.file_thumbs WHERE client = $1";
    assert_eq!(count(&mut ae_sql, thumbs_of, secret)?, 0);
    let hex = pitch.hash.to_hex();
    for (statement, says) in [
        (
            "UPDATE account_desk.file_texts SET body = 'x'".to_string(),
            "permission denied",
        ),
        (
            "DELETE FROM account_desk.file_texts".into(),
            "permission denied",
        ),
        (
            "DELETE FROM account_desk.file_thumbs".into(),
            "permission denied",
        ),
        // Nothing is kept for the walled client's file.
        (
            format!(
                "INSERT INTO account_desk.file_texts (client, hash, state) VALUES ({secret}, '\\x{hex}', 2)"
            ),
            "row-level security",
        ),
    ] {
        refused(&mut ae_sql, &statement, says);
    }

    // What the AE reads first is kept as theirs.
    let (note, _) = filed(&ae_store, dir.path(), open, "会议记录.txt", b"notes")?;
    texts::keep_in(&ae_store, &note.hash, Ok(Extracted::Text("记录".into())));
    let writer: i64 = admin_sql
        .query_one(
            "SELECT written_by FROM account_desk.file_texts WHERE hash = $1",
            &[&note.hash.0.as_slice()],
        )
        .and_then(|r| r.try_get(0))
        .map_err(sql)?;
    assert_eq!(u64::try_from(writer).ok(), Some(ae.0));
    // Nothing of it went to a folder beside the database's address.
    assert!(!texts::text_dir(ae_store.path()).exists());
    Ok(())
}
