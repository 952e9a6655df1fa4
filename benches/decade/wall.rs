//! The ad archive wall with its pictures: a copy of the decade set in which every work of
//! the client with the most works has its key visual filed (a 1600×1000 PNG, as agencies
//! keep them) and its thumbnail made. The generated set's documents are text files, so its
//! own wall draws none.

use account_desk::domain::document::DocumentKind;
use account_desk::domain::{ClientId, CreativeWork, UserId};
use account_desk::services::documents::{DocumentDraft, FiledWith};
use account_desk::services::works::WorkDraft;
use account_desk::services::{self, Base, Command, Ctx};
use account_desk::store::Store;
use std::path::{Path, PathBuf};

/// The copy, made on first use (about a minute) and kept beside the decade set; and the
/// client whose wall has the pictures, with how many it has.
pub fn wall_db() -> (PathBuf, ClientId, usize) {
    let source = super::common::decade_db();
    let dir = super::common::bench_dir().join("wall-v1");
    let path = dir.join("decade-with-pictures.redb");
    if !dir.join("done").exists() {
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("wall folder");
        std::fs::copy(&source, &path).expect("copy the decade set");
        for beside in [".files", ".text"] {
            copy_dir(&with_suffix(&source, beside), &with_suffix(&path, beside));
        }
        let store = Store::open(&path).expect("open the copy");
        let (client, works) = most_works(&store);
        file_pictures(&store, &path, client, &works);
        drop(store);
        std::fs::write(dir.join("done"), format!("{}\n{}\n", client.0, works.len())).expect("mark");
    }
    let done = std::fs::read_to_string(dir.join("done")).expect("read the mark");
    let mut lines = done.lines().map(|l| l.parse::<u64>().expect("number"));
    let client = ClientId(lines.next().expect("client"));
    let pictures = lines.next().expect("pictures") as usize;
    (path, client, pictures)
}

/// `path` with `suffix` after its file name (`x.redb` → `x.redb.files`).
fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("folder");
    for entry in std::fs::read_dir(from).expect("read folder").flatten() {
        let target = to.join(entry.file_name());
        if entry.file_type().expect("type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// The client with the most works, and its works.
fn most_works(store: &Store) -> (ClientId, Vec<CreativeWork>) {
    let mut works: Vec<CreativeWork> = Vec::new();
    store
        .read()
        .expect("read")
        .each(|w: CreativeWork| works.push(w))
        .expect("works");
    let mut count = std::collections::HashMap::<ClientId, usize>::new();
    for w in &works {
        *count.entry(w.client_id).or_default() += 1;
    }
    let client = count
        .into_iter()
        .max_by_key(|&(c, n)| (n, std::cmp::Reverse(c.0)))
        .map(|(c, _)| c)
        .expect("a work");
    works.retain(|w| w.client_id == client);
    (client, works)
}

/// Files a key visual for each of `works` and makes its thumbnail.
fn file_pictures(store: &Store, db: &Path, client: ClientId, works: &[CreativeWork]) {
    let ctx = Ctx {
        actor: UserId(1),
        now: super::common::now(),
        today: super::common::today(),
    };
    let scratch = tempfile::tempdir().expect("scratch");
    for (n, w) in works.iter().enumerate() {
        let picture = scratch.path().join(format!("{n:04} 主视觉.png"));
        key_visual(n).save(&picture).expect("write the picture");
        let file =
            services::files::import_document_file(store, FiledWith::Client(client), &picture)
                .expect("stored");
        let draft = DocumentDraft::new(DocumentKind::Creative, format!("{} 主视觉", w.title));
        let filed = services::apply(
            store,
            &ctx,
            Command::FileDocument(FiledWith::Client(client), Box::new(draft), file.clone()),
        )
        .expect("filed");
        let mut work = WorkDraft::of(w);
        work.documents
            .push(account_desk::domain::DocumentId(filed.id));
        services::apply(
            store,
            &ctx,
            Command::UpdateCreativeWork(w.id, Box::new(work), Base::Overwrite),
        )
        .expect("linked");
        services::thumbs::make(db, &picture, &file.hash).expect("thumbnail");
    }
}

/// A 1600×1000 picture of its own for work `n`: a gradient and a band, so that no two are
/// the same file.
fn key_visual(n: usize) -> image::RgbImage {
    let tint = (n * 37 % 200) as u8;
    image::RgbImage::from_fn(1600, 1000, |x, y| {
        let band = (y / 125 + n as u32).is_multiple_of(8);
        image::Rgb([
            (x / 8) as u8 ^ tint,
            if band { 230 } else { (y / 5) as u8 },
            tint.wrapping_add((x + y) as u8 / 2),
        ])
    })
}
