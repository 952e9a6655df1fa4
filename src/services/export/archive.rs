//! A client's or a job's documents written out as ordinary folders, or as one zip with UTF-8
//! names, readable without the app: `客户/品牌/工作号/类别/文件名` ([`super::folders`]), each
//! document's newest file, and `目录.csv` listing every document with its kind, title, date,
//! number, status and path (UTF-8 with a byte-order mark, so Excel reads the Chinese). The
//! folder or zip is made under a temporary name beside the target and renamed into place
//! once whole, and nothing is written over: an existing target is refused.

use super::folders::{FolderItem, folder_layout};
use crate::domain::document::Document;
use crate::domain::{Brand, Client, ClientId, Job, JobId, Lang};
use crate::services::ServiceError;
use crate::store::Store;
use std::collections::HashMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// Whose documents are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArchiveScope {
    /// Every document of a client.
    Client(ClientId),
    /// A job's.
    Job(JobId),
}

/// What was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ArchiveWritten {
    /// Files written (one per document).
    pub files: usize,
    /// Their bytes.
    pub bytes: u64,
}

/// The name of the list of documents written beside the folders.
pub const INDEX_NAME: &str = "目录.csv";

/// One document placed: its file and the row of the list.
struct Placed {
    path: String,
    doc: Document,
}

fn failed(target: &Path, what: impl std::fmt::Display) -> ServiceError {
    ServiceError::Export(format!("{}: {what}", target.display()))
}

/// The documents of `scope` (not trashed), each at its path.
fn placed(store: &Store, scope: ArchiveScope) -> Result<Vec<Placed>, ServiceError> {
    let view = store.read()?;
    let mut docs: Vec<Document> = match scope {
        ArchiveScope::Client(c) => view.client_rows(c)?,
        ArchiveScope::Job(j) => view.job_rows(j)?,
    };
    docs.retain(|d| d.trashed.is_none() && d.current().is_some());
    let clients: HashMap<ClientId, String> = view
        .all::<Client>()?
        .into_iter()
        .map(|c| (c.id, c.display_name().to_string()))
        .collect();
    let brands: HashMap<_, String> = view
        .all::<Brand>()?
        .into_iter()
        .map(|b| (b.id, b.name))
        .collect();
    let jobs: HashMap<JobId, String> = view
        .all::<Job>()?
        .into_iter()
        .map(|j| (j.id, j.number.text))
        .collect();
    let items: Vec<FolderItem> = docs
        .iter()
        .map(|d| FolderItem {
            client: clients
                .get(&d.client_id)
                .cloned()
                .unwrap_or_else(|| "相关资料".into()),
            brand: d.brand_id.and_then(|b| brands.get(&b).cloned()),
            job: d.job_id.and_then(|j| jobs.get(&j).cloned()),
            kind: d.kind,
            file_name: d
                .current()
                .map(|v| v.file.original_name.clone())
                .unwrap_or_default(),
        })
        .collect();
    Ok(folder_layout(&items)
        .into_iter()
        .zip(docs)
        .map(|(path, doc)| Placed { path, doc })
        .collect())
}

/// The list of documents, as CSV with a byte-order mark.
fn index_csv(placed: &[Placed], lang: Lang) -> String {
    let cell = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
    let mut out = String::from("\u{feff}");
    let head = match lang {
        Lang::Zh => [
            "类别",
            "标题",
            "日期",
            "编号",
            "往来单位",
            "状态",
            "版本",
            "文件",
        ],
        Lang::En => [
            "Kind",
            "Title",
            "Date",
            "Number",
            "Counterparty",
            "Status",
            "Versions",
            "File",
        ],
    };
    out.push_str(&head.map(cell).join(","));
    out.push_str("\r\n");
    for p in placed {
        let d = &p.doc;
        let (kz, ke) = d.kind.names();
        let (sz, se) = d.status().names();
        let row = [
            lang.pick(kz, ke).to_string(),
            d.title.clone(),
            d.dated.map(|x| x.to_string()).unwrap_or_default(),
            d.number.clone(),
            d.counterparty.clone(),
            lang.pick(sz, se).to_string(),
            d.versions.len().to_string(),
            p.path.clone(),
        ];
        out.push_str(&row.iter().map(|c| cell(c)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    }
    out
}

/// Streams the newest file of `doc` (verified against its fingerprint) into `out`.
fn copy_file(store: &Store, doc: &Document, out: &mut dyn Write) -> Result<u64, ServiceError> {
    let Some(v) = doc.current() else {
        return Ok(0);
    };
    let (copy, copied) = crate::services::files::readable(store, &v.file)
        .map_err(|e| ServiceError::Export(e.message(Lang::En)))?;
    let result = stream_into(&copy, out);
    crate::services::files::done_reading(&copy, copied);
    result
}

/// Streams the file at `copy` into `out`.
fn stream_into(copy: &Path, out: &mut dyn Write) -> Result<u64, ServiceError> {
    let mut reader = std::fs::File::open(copy).map_err(|e| failed(copy, e))?;
    let mut buf = vec![0u8; 1024 * 1024];
    let mut total = 0u64;
    loop {
        let n = reader.read(&mut buf).map_err(|e| failed(copy, e))?;
        if n == 0 {
            break;
        }
        out.write_all(&buf[..n])
            .map_err(|e| ServiceError::Export(e.to_string()))?;
        total += n as u64;
    }
    Ok(total)
}

/// A temporary name beside `target`, in the same folder (so the rename stays on one disk).
fn partial(target: &Path) -> PathBuf {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    target.with_file_name(format!(".{name}.partial-{}", std::process::id()))
}

/// Writes the documents of `scope` as folders under the new folder `target`.
pub fn write_folders(
    store: &Store,
    scope: ArchiveScope,
    target: &Path,
    lang: Lang,
) -> Result<ArchiveWritten, ServiceError> {
    if target.exists() {
        return Err(failed(target, "already exists; choose a new folder name"));
    }
    let placed = placed(store, scope)?;
    let temp = partial(target);
    let _ = std::fs::remove_dir_all(&temp);
    let result = (|| {
        let mut done = ArchiveWritten::default();
        std::fs::create_dir_all(&temp).map_err(|e| failed(&temp, e))?;
        for p in &placed {
            let path = temp.join(&p.path);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).map_err(|e| failed(parent, e))?;
            }
            let mut file = std::fs::File::create(&path).map_err(|e| failed(&path, e))?;
            done.bytes += copy_file(store, &p.doc, &mut file)?;
            file.sync_all().map_err(|e| failed(&path, e))?;
            done.files += 1;
        }
        let index = temp.join(INDEX_NAME);
        crate::safe_file::write_atomic(&index, index_csv(&placed, lang).as_bytes())
            .map_err(|e| failed(&index, e))?;
        std::fs::rename(&temp, target).map_err(|e| failed(target, e))?;
        Ok(done)
    })();
    if result.is_err() {
        let _ = std::fs::remove_dir_all(&temp);
    }
    result
}

/// Writes the documents of `scope` as the new zip file `target`, names in UTF-8.
pub fn write_zip(
    store: &Store,
    scope: ArchiveScope,
    target: &Path,
    lang: Lang,
) -> Result<ArchiveWritten, ServiceError> {
    if target.exists() {
        return Err(failed(target, "already exists; choose a new file name"));
    }
    let placed = placed(store, scope)?;
    let temp = partial(target);
    let result = (|| {
        let file = std::fs::File::create(&temp).map_err(|e| failed(&temp, e))?;
        let mut zip = zip::ZipWriter::new(file);
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .large_file(true);
        let mut done = ArchiveWritten::default();
        for p in &placed {
            zip.start_file(p.path.as_str(), options)
                .map_err(|e| failed(target, e))?;
            done.bytes += copy_file(store, &p.doc, &mut zip)?;
            done.files += 1;
        }
        zip.start_file(INDEX_NAME, options)
            .map_err(|e| failed(target, e))?;
        zip.write_all(index_csv(&placed, lang).as_bytes())
            .map_err(|e| failed(target, e))?;
        let file = zip.finish().map_err(|e| failed(target, e))?;
        file.sync_all().map_err(|e| failed(&temp, e))?;
        drop(file);
        std::fs::rename(&temp, target).map_err(|e| failed(target, e))?;
        crate::safe_file::sync_folder(target);
        Ok(done)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result
}
