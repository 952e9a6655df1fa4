//! Thumbnails of the pictures filed as documents (PNG and JPEG key visuals, photos, scans):
//! made once per stored file, in the background, kept beside a desk's database as small PNGs
//! (`<database>.thumbs/<fingerprint>.png`), and shown on the document's page and the ad
//! archive's wall. A picture too large to open safely (wider or taller than
//! [`MAX_SIDE`], or needing more than [`MAX_BYTES`] to decode) gets no thumbnail, and a
//! decoder's fault is caught: neither can hurt the app.

use crate::domain::{FileHash, FileRef};
use crate::store::Store;
use std::path::{Path, PathBuf};

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

/// Makes the thumbnail of the picture at `source` (stored as `hash`), unless it exists.
pub fn make(db: &Path, source: &Path, hash: &FileHash) -> Result<(), String> {
    let target = thumb_path(db, hash);
    if target.is_file() {
        return Ok(());
    }
    let source = source.to_path_buf();
    let made = std::panic::catch_unwind(move || shrink(&source))
        .map_err(|_| "the picture's decoder failed".to_string())??;
    std::fs::create_dir_all(thumbs_dir(db)).map_err(|e| e.to_string())?;
    crate::safe_file::write_atomic(&target, &made).map_err(|e| e.to_string())
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
    let bytes = std::fs::read(thumb_path(db, hash)).ok()?;
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

/// The pictures filed as documents (every version's) that have no thumbnail yet.
pub fn pending(store: &Store) -> Result<Vec<FileRef>, crate::store::StoreError> {
    let db = store.path().to_path_buf();
    let mut out: Vec<FileRef> = Vec::new();
    store.read()?.each::<crate::domain::Document>(|d| {
        for f in d.files() {
            if is_picture(&f.original_name)
                && !thumb_path(&db, &f.hash).is_file()
                && !out.iter().any(|o| o.hash == f.hash)
            {
                out.push(f.clone());
            }
        }
    })?;
    Ok(out)
}

/// Makes the thumbnail of one stored picture, read where it is kept (on a team database,
/// from a verified copy, removed afterwards); what goes wrong is logged.
pub fn make_for(store: &Store, file: &FileRef) {
    match crate::services::files::readable(store, file) {
        Ok((path, copied)) => {
            if let Err(e) = make(store.path(), &path, &file.hash) {
                log::info!("no thumbnail of {}: {e}", file.original_name);
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
}
