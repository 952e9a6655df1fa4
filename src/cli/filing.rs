//! `account-desk file add|get`, `list documents` and `search`: the job file and the archive
//! from the command line. A file is stored in the file store first and then filed as a
//! document of a job, client or brand (or the agency's reference files); `file get` writes
//! a document's file back, byte for byte; `search` runs the window's global search.

use super::commands::{cell, check_output_exists, open_job};
use super::{CliError, Db};
use crate::domain::document::propose::{DropPlace, propose};
use crate::domain::document::{Document, DocumentKind};
use crate::domain::{Brand, Client, Contact, Contract, Job, JobId, Lang, Meeting};
use crate::search::{DocKind, MatchQuality, SearchIndex};
use crate::services::documents::{self, DocumentDraft, FiledWith};
use crate::services::{Command, Ctx};
use crate::store::Store;
use clap::Subcommand;
use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};

/// What `file` does.
#[derive(Debug, Subcommand)]
pub enum FileCommand {
    /// File a document: store the file and record it with a job, client or brand (or, with
    /// none of them, in the agency's reference files). Kind, title, date and number are
    /// proposed from the file's name unless given. Prints the document's id.
    Add {
        /// The file
        #[arg(value_name = "PATH")]
        path: PathBuf,
        /// The job, by number (e.g. 2026-0042)
        #[arg(long, value_name = "JOB_NUMBER", conflicts_with_all = ["client", "brand"])]
        job: Option<String>,
        /// The client, by id or exact name
        #[arg(long, value_name = "CLIENT", conflicts_with = "brand")]
        client: Option<String>,
        /// The brand, by exact name
        #[arg(long, value_name = "BRAND")]
        brand: Option<String>,
        /// Its kind: media-invoice, contract, brief… or the Chinese name (媒介费用发票)
        #[arg(long, value_name = "KIND")]
        kind: Option<String>,
        /// Its title (the file's name without the extension if left out)
        #[arg(long)]
        title: Option<String>,
        /// File it even when the same file is already filed elsewhere (it is stored once)
        #[arg(long)]
        link: bool,
    },
    /// Write the newest version of document ID (or version --version N) to a new file,
    /// byte for byte
    Get {
        /// The document's id (`list documents`)
        #[arg(value_name = "ID")]
        id: u64,
        /// Which version, from 1 (the newest if left out)
        #[arg(long, value_name = "N")]
        version: Option<usize>,
        /// The file to write (never replaces an existing file)
        #[arg(short, long, value_name = "PATH")]
        output: PathBuf,
    },
}

/// Who acts, and when, for a command on `store`: on a team database the login's person (the
/// administrator acts as no one of the team).
pub(super) fn ctx_of(store: &Store) -> Ctx {
    let actor = match store.team_identity() {
        Some(crate::store::Identity::Person(p)) => p.user,
        _ => crate::domain::UserId(0),
    };
    Ctx {
        actor,
        now: chrono::Utc::now(),
        today: chrono::Local::now().date_naive(),
    }
}

/// Runs a `file` subcommand on `db`.
pub fn run(db: &Db, command: &FileCommand, out: &mut dyn Write) -> Result<(), CliError> {
    match command {
        FileCommand::Add {
            path,
            job,
            client,
            brand,
            kind,
            title,
            link,
        } => {
            let place = Where {
                job: job.as_deref(),
                client: client.as_deref(),
                brand: brand.as_deref(),
            };
            add(
                db,
                path,
                place,
                (kind.as_deref(), title.as_deref()),
                *link,
                out,
            )
        }
        FileCommand::Get {
            id,
            version,
            output,
        } => get(db, *id, *version, output, out),
    }
}

/// Where `file add` files a document, as given.
struct Where<'a> {
    job: Option<&'a str>,
    client: Option<&'a str>,
    brand: Option<&'a str>,
}

fn add(
    db: &Db,
    path: &Path,
    place: Where<'_>,
    (kind, title): (Option<&str>, Option<&str>),
    link: bool,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    if !path.is_file() {
        return Err(CliError::Usage(format!(
            "{} is not a file that can be read: give the path of the file to add",
            path.display()
        )));
    }
    let (store, with, client, drop_place) = match (place.job, place.client, place.brand) {
        (Some(number), _, _) => {
            let (store, job) = open_job(db, number)?;
            let stage = job.status;
            (
                store,
                FiledWith::Job(job.id),
                job.client_id.0,
                DropPlace::Job(stage),
            )
        }
        (None, Some(given), _) => {
            let store = db.open_existing()?;
            let id = super::team_people::client_id(&store, given)?;
            let with = FiledWith::Client(crate::domain::ClientId(id));
            (store, with, id, DropPlace::Client)
        }
        (None, None, Some(given)) => {
            let store = db.open_existing()?;
            let brand = store
                .all::<Brand>()?
                .into_iter()
                .find(|b| b.name == given.trim())
                .ok_or_else(|| {
                    CliError::Usage(format!(
                        "no brand is named {given:?}: give its exact name (`list brands`)"
                    ))
                })?;
            let client = brand.client_id.0;
            (store, FiledWith::Brand(brand.id), client, DropPlace::Brand)
        }
        (None, None, None) => (
            db.open_existing()?,
            FiledWith::Reference,
            0,
            DropPlace::Reference,
        ),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let proposal = propose(&name, drop_place);
    let kind = match kind {
        Some(k) => DocumentKind::parse(k).ok_or_else(|| {
            let codes: Vec<&str> = DocumentKind::ALL.iter().map(|k| k.code()).collect();
            CliError::Usage(format!(
                "{k:?} is not a kind of document: use one of {}",
                codes.join(", ")
            ))
        })?,
        None => proposal.kind,
    };
    let file = store
        .files()
        .import(path, client)
        .map_err(crate::store::StoreError::from)?;
    let already: Vec<Document> = documents::filed_as(&store, file.hash)?
        .into_iter()
        .filter(|d| d.trashed.is_none())
        .collect();
    if !already.is_empty() && !link {
        let names: Vec<String> = already
            .iter()
            .map(|d| format!("document {} “{}”", d.id.0, d.title))
            .collect();
        return Err(CliError::Usage(format!(
            "{} is already filed as {}; add --link to file it here too (it is stored once)",
            path.display(),
            names.join(", ")
        )));
    }
    let mut draft = DocumentDraft::new(kind, title.unwrap_or(&proposal.title));
    draft.dated = proposal.dated;
    draft.number = proposal.number.unwrap_or_default();
    if proposal.signed {
        draft.status = crate::domain::document::DocumentStatus::Signed;
    }
    let command = Command::FileDocument(with, Box::new(draft), file.clone());
    let applied = crate::services::apply(&store, &ctx_of(&store), command)?;
    // Its words read now, by this program as a child it can stop (a desk's texts are kept
    // beside its file).
    let text = match (store.files().is_team(), std::env::current_exe()) {
        (false, Ok(exe)) => crate::services::texts::index_file(&store, &exe, &file).describe(false),
        _ => crate::domain::document::TextState::Pending.describe(false),
    };
    writeln!(
        out,
        "{}\t{}\t{}\t{}\t{text}",
        applied.id,
        kind.code(),
        applied.summary,
        file.hash.short()
    )?;
    Ok(())
}

fn get(
    db: &Db,
    id: u64,
    version: Option<usize>,
    output: &Path,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    check_output_exists(db, output)?;
    let store = db.open_existing()?;
    let doc = store
        .get::<Document>(id)?
        .ok_or_else(|| CliError::Usage(format!("there is no document {id} (`list documents`)")))?;
    let count = doc.versions.len();
    let n = version.unwrap_or(count);
    let v = n
        .checked_sub(1)
        .and_then(|i| doc.versions.get(i))
        .ok_or_else(|| {
            CliError::Usage(format!(
                "document {id} “{}” has versions 1 to {count}, not {n}",
                doc.title
            ))
        })?;
    let copy = store
        .files()
        .open_copy(&v.file)
        .map_err(crate::store::StoreError::from)?;
    crate::safe_file::copy_atomic(&copy, output).map_err(|source| CliError::WriteFailed {
        path: output.to_path_buf(),
        source,
    })?;
    writeln!(
        out,
        "wrote {} (document {id} v{n}, {} bytes, {})",
        output.display(),
        v.file.size,
        v.file.hash.short()
    )?;
    Ok(())
}

/// `list documents [--job N] [--kind K]`: id, kind, title, date, number, client, job,
/// versions, status, file name (trashed documents are left out).
pub(super) fn list(
    db: &Db,
    job: Option<&str>,
    kind: Option<&str>,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let kind = kind
        .map(|k| {
            DocumentKind::parse(k)
                .ok_or_else(|| CliError::Usage(format!("{k:?} is not a kind of document")))
        })
        .transpose()?;
    let (store, docs) = match job {
        Some(number) => {
            let (store, job) = open_job(db, number)?;
            let docs = documents::of_job(&store, job.id)?;
            (store, docs)
        }
        None => {
            let store = db.open_existing()?;
            let docs = store.all::<Document>()?;
            (store, docs)
        }
    };
    let view = store.read()?;
    let clients: HashMap<u64, String> = view
        .all::<Client>()?
        .into_iter()
        .map(|c| (c.id.0, c.display_name().to_string()))
        .collect();
    let jobs: HashMap<JobId, String> = view
        .all::<Job>()?
        .into_iter()
        .map(|j| (j.id, j.number.text))
        .collect();
    writeln!(
        out,
        "id\tkind\ttitle\tdated\tnumber\tclient\tjob\tversions\tstatus\tfile"
    )?;
    for d in docs
        .iter()
        .filter(|d| d.trashed.is_none() && kind.is_none_or(|k| d.kind == k))
    {
        let cells = [
            d.id.0.to_string(),
            d.kind.code().to_string(),
            d.title.clone(),
            d.dated.map(|x| x.to_string()).unwrap_or_default(),
            d.number.clone(),
            clients.get(&d.client_id.0).cloned().unwrap_or_default(),
            d.job_id
                .and_then(|j| jobs.get(&j).cloned())
                .unwrap_or_default(),
            d.versions.len().to_string(),
            d.status().names().1.to_lowercase(),
            d.current()
                .map(|v| v.file.original_name.clone())
                .unwrap_or_default(),
        ];
        let line: Vec<String> = cells.iter().map(|c| cell(c)).collect();
        writeln!(out, "{}", line.join("\t"))?;
    }
    Ok(())
}

/// Every record the global search finds, read from `store` into a new index.
pub fn index_of(store: &Store) -> Result<SearchIndex, CliError> {
    let view = store.read()?;
    let mut index = SearchIndex::new();
    let clients = view.all::<Client>()?;
    let names: HashMap<u64, String> = clients
        .iter()
        .map(|c| (c.id.0, c.display_name().to_string()))
        .collect();
    let name = |id: crate::domain::ClientId| names.get(&id.0).map_or("", String::as_str);
    for c in &clients {
        index.upsert_client(c);
    }
    view.each::<Brand>(|b| index.upsert_brand(&b, name(b.client_id)))?;
    view.each::<Job>(|j| index.upsert_job(&j, name(j.client_id)))?;
    view.each::<Contact>(|c| index.upsert_contact(&c, name(c.client_id)))?;
    view.each::<Contract>(|c| index.upsert_contract(&c, name(c.client_id)))?;
    view.each::<Meeting>(|m| index.upsert_meeting(&m, name(m.client_id)))?;
    view.each::<Document>(|d| index.upsert_document(&d, name(d.client_id)))?;
    view.each::<crate::domain::CreativeWork>(|w| {
        index.upsert_creative_work(&w, name(w.client_id))
    })?;
    view.each::<crate::domain::LibraryItem>(|i| index.upsert_library_item(&i, name(i.client_id)))?;
    Ok(index)
}

/// `search QUERY…`: one hit per line, best first: kind, id or number, title, where it
/// belongs and where the words matched.
pub(super) fn search(db: &Db, words: &[String], out: &mut dyn Write) -> Result<(), CliError> {
    let query = words.join(" ");
    if query.trim().is_empty() {
        return Err(CliError::Usage(
            "give the words to search for, e.g. `account-desk search 宝马 户外 发票`".into(),
        ));
    }
    let store = db.open_existing()?;
    let index = index_of(&store)?;
    let jobs: HashMap<u64, String> = store
        .all::<Job>()?
        .into_iter()
        .map(|j| (j.id.0, j.number.text))
        .collect();
    let items: HashMap<u64, String> = store
        .all::<crate::domain::LibraryItem>()?
        .into_iter()
        .map(|i| (i.id.0, i.label()))
        .collect();
    writeln!(out, "kind\tid\ttitle\twhere\tmatched")?;
    let hits = index.search(&query, 50);
    let named: std::collections::HashSet<u64> = hits
        .iter()
        .filter(|h| h.doc.kind == DocKind::Document)
        .map(|h| h.doc.id)
        .collect();
    for hit in hits {
        let kind = hit_kind(hit.doc.kind);
        let id = match hit.doc.kind {
            DocKind::Job => jobs.get(&hit.doc.id).cloned().unwrap_or_default(),
            DocKind::LibraryItem => items.get(&hit.doc.id).cloned().unwrap_or_default(),
            _ => hit.doc.id.to_string(),
        };
        let matched = match hit.quality {
            MatchQuality::Body => "text",
            MatchQuality::Exact | MatchQuality::Prefix | MatchQuality::WordPrefix => "name",
            MatchQuality::Substring => "name",
            _ => "pinyin",
        };
        let cells = [
            kind.to_string(),
            id,
            hit.title,
            hit.subtitle,
            matched.into(),
        ];
        let line: Vec<String> = cells.iter().map(|c| cell(c)).collect();
        writeln!(out, "{}", line.join("\t"))?;
    }
    // Then the documents whose files hold the words (a desk's texts; read from disk, one
    // document at a time).
    if !store.files().is_team() {
        let words: Vec<&str> = query.split_whitespace().collect();
        let names: HashMap<u64, String> = store
            .all::<Client>()?
            .into_iter()
            .map(|c| (c.id.0, c.display_name().to_string()))
            .collect();
        for id in crate::services::texts::documents_with_words(&store, &words)? {
            if named.contains(&id.0) {
                continue;
            }
            let Some(d) = store.get::<Document>(id.0)? else {
                continue;
            };
            let place = names.get(&d.client_id.0).cloned().unwrap_or_default();
            let cells = [
                hit_kind(DocKind::Document).to_string(),
                id.0.to_string(),
                d.title.clone(),
                place,
                "text".to_string(),
            ];
            let line: Vec<String> = cells.iter().map(|c| cell(c)).collect();
            writeln!(out, "{}", line.join("\t"))?;
        }
    }
    Ok(())
}

fn hit_kind(kind: DocKind) -> &'static str {
    crate::ui::search_ui::kind_label(kind, Lang::En)
}

/// `export archive (--client C | --job N) -o DIR|FILE.zip`.
pub(super) fn export_archive(
    db: &Db,
    (client, job): (Option<&str>, Option<&str>),
    lang: Lang,
    output: &Path,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    use crate::services::export::archive::{ArchiveScope, write_folders, write_zip};
    check_output_exists(db, output)?;
    let (store, scope) = match (job, client) {
        (Some(number), _) => {
            let (store, job) = open_job(db, number)?;
            (store, ArchiveScope::Job(job.id))
        }
        (None, Some(given)) => {
            let store = db.open_existing()?;
            let id = super::team_people::client_id(&store, given)?;
            (store, ArchiveScope::Client(crate::domain::ClientId(id)))
        }
        (None, None) => {
            return Err(CliError::Usage(
                "give --client NAME or --job NUMBER: whose documents to export".into(),
            ));
        }
    };
    let zip = crate::safe_file::extension_matches(output, "zip");
    let written = match zip {
        true => write_zip(&store, scope, output, lang)?,
        false => write_folders(&store, scope, output, lang)?,
    };
    writeln!(
        out,
        "wrote {} ({} files, {} bytes)",
        output.display(),
        written.files,
        written.bytes
    )?;
    Ok(())
}
