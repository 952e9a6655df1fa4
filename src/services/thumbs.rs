//! Thumbnails of the pictures filed as documents (PNG and JPEG key visuals, photos, scans)
//! and of the first page of PDFs: made once per stored file, in the background, kept beside
//! a desk's database as small PNGs (`<database>.thumbs/<fingerprint>.png`), and shown on the
//! document's page, the ad archive's wall and the search's hits. A picture too large to open
//! safely (wider or taller than [`MAX_SIDE`], or needing more than [`MAX_BYTES`] to decode)
//! gets no thumbnail, and a decoder's fault is caught. A PDF is drawn (hayro) in a child
//! process with the limits of the text reader ([`crate::extract::isolated`]): one that loops
//! or asks for gigabytes costs the child, not the window.

use crate::domain::{FileHash, FileRef};
use crate::store::Store;
use std::path::{Path, PathBuf};

mod loader;
pub use loader::{ThumbLoader, ThumbOf, ThumbPicture, ThumbRead, read_thumb};

/// The longest side of a thumbnail, in pixels.
pub const SIZE: u32 = 320;
/// The widest (or tallest) picture opened.
pub const MAX_SIDE: u32 = 12_000;
/// The most a picture may need to be decoded.
pub const MAX_BYTES: u64 = 400 * 1024 * 1024;

/// The folder of the thumbnails beside the database at `db`.
pub fn thumbs_dir(db: &Path) -> PathBuf {
    let mut name = db.file_name().unwrap_or_default().to_os_string();
    name.push(".thumbs");
    db.with_file_name(name)
}

/// Where the thumbnail of the file `hash` is kept.
pub fn thumb_path(db: &Path, hash: &FileHash) -> PathBuf {
    thumbs_dir(db).join(format!("{}.png", hash.to_hex()))
}

/// Whether a file arriving as `name` is a picture a thumbnail is made of.
pub fn is_picture(name: &str) -> bool {
    let lower = name.to_lowercase();
    [".png", ".jpg", ".jpeg"].iter().any(|e| lower.ends_with(e))
}

/// Whether a file arriving as `name` is a PDF, whose first page is its thumbnail.
pub fn is_pdf(name: &str) -> bool {
    name.to_lowercase().ends_with(".pdf")
}

/// Whether a file arriving as `name` gets a thumbnail: a picture or a PDF.
pub fn has_thumbnail(name: &str) -> bool {
    is_picture(name) || is_pdf(name)
}

/// The largest PDF drawn for its thumbnail.
pub const MAX_PDF_BYTES: u64 = 200 * 1024 * 1024;

/// The first page of the PDF `bytes`, drawn on white to fit [`SIZE`], as PNG bytes. Fonts
/// the file does not carry are drawn with the standard ones, Chinese with Noto Sans SC.
/// Run it where a fault costs little: the app runs it in a child process
/// ([`make_pdf`]).
pub fn pdf_first_page(bytes: Vec<u8>) -> Result<Vec<u8>, String> {
    use hayro::hayro_interpret::InterpreterSettings;
    use hayro::hayro_interpret::font::{FontData, FontQuery};
    let pdf = hayro::hayro_syntax::Pdf::new(bytes).map_err(|_| {
        "not a PDF that can be drawn (damaged, or locked with a password)".to_string()
    })?;
    let pages = pdf.pages();
    let page = pages.first().ok_or("the PDF has no pages")?;
    let (w, h) = page.render_dimensions();
    let longest = w.max(h);
    if !(longest.is_finite() && longest >= 1.0) {
        return Err("the first page has no size".into());
    }
    let scale = SIZE as f32 / longest;
    let settings = InterpreterSettings {
        font_resolver: std::sync::Arc::new(|query| match query {
            FontQuery::Standard(s) => Some(s.get_font_data()),
            FontQuery::Fallback(f) if f.character_collection.is_some() => {
                let noto: FontData = std::sync::Arc::new(crate::fonts::NOTO_SANS_SC_REGULAR);
                Some((noto, 0))
            }
            FontQuery::Fallback(f) => Some(f.pick_standard_font().get_font_data()),
        }),
        ..Default::default()
    };
    let pixmap = hayro::render(
        page,
        &hayro::RenderCache::new(),
        &settings,
        &hayro::RenderSettings::default(),
        &hayro::PixmapSettings {
            x_scale: scale,
            y_scale: scale,
            bg_color: hayro::vello_cpu::color::palette::css::WHITE,
        },
    );
    pixmap.into_png().map_err(|e| e.to_string())
}

/// What the child drawing a PDF's first page does (`account-desk pdf-thumbnail PATH`):
/// writes the thumbnail's PNG to `out` (exit 0), or why not to `err` (exit 5).
pub fn pdf_child_main(
    path: &Path,
    out: &mut dyn std::io::Write,
    err: &mut dyn std::io::Write,
) -> i32 {
    use crate::extract::isolated::{EXIT_FAILED, EXIT_TEXT};
    let drawn = std::fs::metadata(path)
        .map_err(|e| e.to_string())
        .and_then(|m| match m.len() > MAX_PDF_BYTES {
            true => Err(format!("larger than {} MB", MAX_PDF_BYTES / 1024 / 1024)),
            false => std::fs::read(path).map_err(|e| e.to_string()),
        })
        .and_then(|bytes| {
            std::panic::catch_unwind(move || pdf_first_page(bytes))
                .map_err(|_| "the PDF's renderer failed".to_string())?
        });
    match drawn.and_then(|png| out.write_all(&png).map_err(|e| e.to_string())) {
        Ok(()) => EXIT_TEXT,
        Err(why) => {
            let _ = write!(err, "{why}");
            EXIT_FAILED
        }
    }
}

/// Makes the thumbnail of the PDF at `source` (stored as `hash`), drawn by a child process
/// started from the program `exe` (the app itself), unless it exists.
pub fn make_pdf(db: &Path, exe: &Path, source: &Path, hash: &FileHash) -> Result<(), String> {
    let target = thumb_path(db, hash);
    if target.is_file() {
        return Ok(());
    }
    let drawn = draw_pdf(exe, source)?;
    std::fs::create_dir_all(thumbs_dir(db)).map_err(|e| e.to_string())?;
    crate::safe_file::write_atomic(&target, &drawn).map_err(|e| e.to_string())
}

/// The first page of the PDF at `source` as PNG bytes, drawn by a child process started
/// from the program `exe`.
fn draw_pdf(exe: &Path, source: &Path) -> Result<Vec<u8>, String> {
    use crate::extract::isolated::{EXIT_TEXT, TIME_LIMIT, run_child};
    let cap = 8 * 1024 * 1024;
    let drawn = run_child(exe, "pdf-thumbnail", &[source.as_os_str()], cap, TIME_LIMIT)
        .map_err(|e| e.to_string())?;
    if drawn.code != Some(EXIT_TEXT) || drawn.out.is_empty() {
        return Err(match drawn.why.is_empty() {
            true => "the PDF's renderer stopped".into(),
            false => drawn.why,
        });
    }
    Ok(drawn.out)
}

/// Makes the thumbnail of the picture at `source` (stored as `hash`), unless it exists.
pub fn make(db: &Path, source: &Path, hash: &FileHash) -> Result<(), String> {
    let target = thumb_path(db, hash);
    if target.is_file() {
        return Ok(());
    }
    let made = shrink_contained(source)?;
    std::fs::create_dir_all(thumbs_dir(db)).map_err(|e| e.to_string())?;
    crate::safe_file::write_atomic(&target, &made).map_err(|e| e.to_string())
}

/// [`shrink`], a decoder's panic caught and reported.
fn shrink_contained(source: &Path) -> Result<Vec<u8>, String> {
    let source = source.to_path_buf();
    std::panic::catch_unwind(move || shrink(&source))
        .map_err(|_| "the picture's decoder failed".to_string())?
}

/// The picture at `source`, decoded within the limits and shrunk, as PNG bytes.
fn shrink(source: &Path) -> Result<Vec<u8>, String> {
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_BYTES);
    let mut reader = image::ImageReader::open(source)
        .map_err(|e| e.to_string())?
        .with_guessed_format()
        .map_err(|e| e.to_string())?;
    reader.limits(limits);
    let picture = reader.decode().map_err(|e| e.to_string())?;
    let small = picture.thumbnail(SIZE, SIZE).into_rgba8();
    let mut out = std::io::Cursor::new(Vec::new());
    small
        .write_to(&mut out, image::ImageFormat::Png)
        .map_err(|e| e.to_string())?;
    Ok(out.into_inner())
}

/// The thumbnail of the file `hash`, if one was made: width, height and RGBA pixels.
pub fn read(db: &Path, hash: &FileHash) -> Option<(usize, usize, Vec<u8>)> {
    decode(std::fs::read(thumb_path(db, hash)).ok()?)
}

/// A kept thumbnail's PNG `bytes` as width, height and RGBA pixels (`None`: not a small PNG).
pub fn decode(bytes: Vec<u8>) -> Option<(usize, usize, Vec<u8>)> {
    let mut reader = image::ImageReader::new(std::io::Cursor::new(bytes));
    reader.set_format(image::ImageFormat::Png);
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(SIZE * 2);
    limits.max_image_height = Some(SIZE * 2);
    reader.limits(limits);
    let picture = reader.decode().ok()?.into_rgba8();
    let (w, h) = (picture.width() as usize, picture.height() as usize);
    Some((w, h, picture.into_raw()))
}

/// Removes the thumbnail of the file `hash` (or why it has none), for a file no longer
/// stored.
pub fn forget(db: &Path, hash: &FileHash) {
    let _ = std::fs::remove_file(thumb_path(db, hash));
    let _ = std::fs::remove_file(failed_path(db, hash));
}

/// Where the reason a file got no thumbnail is kept, so that it is not tried again.
fn failed_path(db: &Path, hash: &FileHash) -> PathBuf {
    thumbs_dir(db).join(format!("{}.failed", hash.to_hex()))
}

/// The pictures filed as documents (every version's) and the PDFs (each document's newest
/// version) that have no thumbnail yet and were not refused one before.
pub fn pending(store: &Store) -> Result<Vec<FileRef>, crate::store::StoreError> {
    let db = store.path().to_path_buf();
    // A team database keeps them in the server: the files with one (or refused one).
    let kept = match store.files().team() {
        Some(team) => Some(team.thumbs_kept()?),
        None => None,
    };
    let done = |hash: &FileHash| match &kept {
        Some(kept) => kept.contains(hash),
        None => thumb_path(&db, hash).is_file() || failed_path(&db, hash).is_file(),
    };
    let mut seen = std::collections::HashSet::new();
    let mut out: Vec<FileRef> = Vec::new();
    store.read()?.each::<crate::domain::Document>(|d| {
        let newest = d.current().map(|v| v.file.hash);
        for f in d.files() {
            let wanted = is_picture(&f.original_name)
                || (is_pdf(&f.original_name) && newest == Some(f.hash));
            if wanted && seen.insert(f.hash) && !done(&f.hash) {
                out.push(f.clone());
            }
        }
    })?;
    Ok(out)
}

/// Makes the thumbnail of one stored picture or PDF, read where it is kept (on a team
/// database, from a verified copy, removed afterwards, and the thumbnail kept in the
/// server); a PDF is drawn by a child started from `exe`. What goes wrong is logged.
pub fn make_for(store: &Store, exe: &Path, file: &FileRef) {
    if let Some(team) = store.files().team() {
        let drawn = match crate::services::files::readable(store, file) {
            Ok((path, copied)) => {
                let drawn = match is_pdf(&file.original_name) {
                    true => draw_pdf(exe, &path),
                    false => shrink_contained(&path),
                };
                crate::services::files::done_reading(&path, copied);
                drawn
            }
            Err(e) => {
                log::warn!("reading {} for its thumbnail: {e}", file.original_name);
                return;
            }
        };
        if let Err(e) = team.keep_thumb(&file.hash, &drawn) {
            log::warn!("keeping the thumbnail of {}: {e}", file.original_name);
        }
        return;
    }
    match crate::services::files::readable(store, file) {
        Ok((path, copied)) => {
            let made = match is_pdf(&file.original_name) {
                true => make_pdf(store.path(), exe, &path, &file.hash),
                false => make(store.path(), &path, &file.hash),
            };
            if let Err(e) = made {
                log::info!("no thumbnail of {}: {e}", file.original_name);
                // Not tried again at every start: the reason stays beside the thumbnails.
                let kept = std::fs::create_dir_all(thumbs_dir(store.path())).and_then(|()| {
                    crate::safe_file::write_atomic(
                        &failed_path(store.path(), &file.hash),
                        e.as_bytes(),
                    )
                });
                if let Err(k) = kept {
                    log::warn!("keeping why {} has no thumbnail: {k}", file.original_name);
                }
            }
            crate::services::files::done_reading(&path, copied);
        }
        Err(e) => log::warn!("reading {} for its thumbnail: {e}", file.original_name),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(w: u32, h: u32) -> Vec<u8> {
        let picture = image::RgbaImage::from_fn(w, h, |x, y| {
            image::Rgba([(x % 256) as u8, (y % 256) as u8, 128, 255])
        });
        let mut out = std::io::Cursor::new(Vec::new());
        picture
            .write_to(&mut out, image::ImageFormat::Png)
            .expect("png");
        out.into_inner()
    }

    /// The CRC-32 of PNG chunks (ISO 3309).
    fn crc32(bytes: &[u8]) -> u32 {
        let mut crc = 0xFFFF_FFFFu32;
        for b in bytes {
            crc ^= u32::from(*b);
            for _ in 0..8 {
                crc = match crc & 1 {
                    1 => (crc >> 1) ^ 0xEDB8_8320,
                    _ => crc >> 1,
                };
            }
        }
        !crc
    }

    #[test]
    fn a_picture_is_shrunk_once_and_a_huge_or_false_one_is_refused() {
        let dir = tempfile::tempdir().expect("dir");
        let db = dir.path().join("desk.redb");
        let source = dir.path().join("主视觉.png");
        std::fs::write(&source, png(1280, 720)).expect("write");
        let hash = FileHash([7; 32]);
        make(&db, &source, &hash).expect("made");
        let (w, h, pixels) = read(&db, &hash).expect("read back");
        assert_eq!((w, h), (320, 180));
        assert_eq!(pixels.len(), w * h * 4);
        // A picture claiming 50,000 × 50,000 is refused before anything is allocated.
        let huge = dir.path().join("huge.png");
        let mut bytes = png(1, 1);
        // IHDR's width and height sit at bytes 16..24 of a PNG, its CRC at 29..33.
        bytes[16..20].copy_from_slice(&50_000u32.to_be_bytes());
        bytes[20..24].copy_from_slice(&50_000u32.to_be_bytes());
        let crc = crc32(&bytes[12..29]);
        bytes[29..33].copy_from_slice(&crc.to_be_bytes());
        std::fs::write(&huge, bytes).expect("write");
        assert!(make(&db, &huge, &FileHash([8; 32])).is_err());
        let fake = dir.path().join("假的.jpg");
        std::fs::write(&fake, b"not a picture").expect("write");
        assert!(make(&db, &fake, &FileHash([9; 32])).is_err());
        assert!(read(&db, &FileHash([9; 32])).is_none());
        assert!(is_picture("KV 主视觉.JPG") && !is_picture("脚本.docx"));
    }

    /// A one-page PDF, 100 × 200 points, with a black square at the bottom left.
    fn square_pdf() -> Vec<u8> {
        let content = "0 0 0 rg 10 10 50 50 re f";
        let objects = [
            "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 100 200] /Contents 4 0 R >>".to_string(),
            format!(
                "<< /Length {} >>\nstream\n{content}\nendstream",
                content.len()
            ),
        ];
        let mut pdf = String::from("%PDF-1.4\n");
        let mut offsets = Vec::new();
        for (i, o) in objects.iter().enumerate() {
            offsets.push(pdf.len());
            pdf.push_str(&format!("{} 0 obj\n{o}\nendobj\n", i + 1));
        }
        let xref = pdf.len();
        pdf.push_str(&format!(
            "xref\n0 {}\n0000000000 65535 f \n",
            objects.len() + 1
        ));
        for o in offsets {
            pdf.push_str(&format!("{o:010} 00000 n \n"));
        }
        pdf.push_str(&format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        ));
        pdf.into_bytes()
    }

    #[test]
    fn a_pdfs_first_page_is_drawn_to_fit_and_a_false_one_is_refused() {
        let png = pdf_first_page(square_pdf()).expect("drawn");
        let picture = image::load_from_memory(&png).expect("a PNG").into_rgba8();
        // 200 points tall drawn 320 pixels tall: 1.6 pixels a point.
        assert_eq!((picture.width(), picture.height()), (160, 320));
        // The square is black, near the bottom left; the rest of the page is white.
        let dark = picture.get_pixel(40, 320 - 40);
        assert!(dark.0[0] < 30 && dark.0[3] == 255, "{dark:?}");
        let white = picture.get_pixel(120, 40);
        assert!(white.0[0] > 240, "{white:?}");
        assert!(pdf_first_page(b"%PDF-1.4 not really".to_vec()).is_err());
        assert!(pdf_first_page(Vec::new()).is_err());
        // The child's side: a PNG on its output, or why not on its error stream.
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("a.pdf");
        std::fs::write(&path, square_pdf()).expect("write");
        let (mut out, mut err) = (Vec::new(), Vec::new());
        assert_eq!(pdf_child_main(&path, &mut out, &mut err), 0);
        assert_eq!(out, png);
        std::fs::write(&path, b"junk").expect("write");
        let (mut out, mut err) = (Vec::new(), Vec::new());
        assert_eq!(pdf_child_main(&path, &mut out, &mut err), 5);
        assert!(out.is_empty() && !err.is_empty());
        assert!(has_thumbnail("报价单.PDF") && !has_thumbnail("报价单.xlsx"));
    }

    /// Files `bytes` as the picture 主视觉.png, a reference document of `store`; its file.
    pub(super) fn filed_picture(store: &Store, bytes: &[u8]) -> FileRef {
        use crate::services::documents::{DocumentDraft, FiledWith};
        use crate::services::{Command, Ctx, apply};
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("主视觉.png");
        std::fs::write(&path, bytes).expect("write");
        let file = crate::services::files::import_document_file(store, FiledWith::Reference, &path)
            .expect("stored");
        let ctx = Ctx {
            actor: crate::domain::UserId(0),
            now: chrono::Utc::now(),
            today: chrono::Utc::now().date_naive(),
        };
        let draft = DocumentDraft::new(crate::domain::document::DocumentKind::Creative, "主视觉");
        let filed = Command::FileDocument(FiledWith::Reference, Box::new(draft), file.clone());
        apply(store, &ctx, filed).expect("filed");
        file
    }

    #[test]
    fn a_file_that_gets_no_thumbnail_is_not_tried_again() {
        let dir = tempfile::tempdir().expect("dir");
        let store = Store::open(&dir.path().join("d.redb")).expect("open");
        let file = filed_picture(&store, b"not a picture");
        assert_eq!(pending(&store).expect("pending"), vec![file.clone()]);
        make_for(&store, Path::new("account-desk"), &file);
        assert!(!thumb_path(store.path(), &file.hash).is_file());
        assert!(pending(&store).expect("pending").is_empty(), "not again");
    }
}
