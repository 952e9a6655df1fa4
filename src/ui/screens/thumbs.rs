//! The thumbnails of pictures on the screens, as textures: each read once from the
//! thumbnails kept beside the database; one not made yet is looked for again every few
//! seconds (they are made in the background).

use crate::domain::{FileHash, FileRef};
use crate::services::Reader;
use std::collections::HashMap;
use std::time::{Duration, Instant};

/// How long a missing thumbnail is not looked for again.
const RETRY: Duration = Duration::from_secs(3);

/// Textures of the thumbnails seen so far.
#[derive(Default)]
pub(crate) struct Thumbs {
    seen: HashMap<FileHash, Result<egui::TextureHandle, Instant>>,
}

impl std::fmt::Debug for Thumbs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Thumbs({} seen)", self.seen.len())
    }
}

impl Thumbs {
    /// The thumbnail of `file`, if it is a picture whose thumbnail was made.
    pub fn get(
        &mut self,
        ctx: &egui::Context,
        store: Reader<'_>,
        file: &FileRef,
    ) -> Option<egui::TextureHandle> {
        if let Some(seen) = self.seen.get(&file.hash) {
            match seen {
                Ok(texture) => return Some(texture.clone()),
                Err(at) if at.elapsed() < RETRY => return None,
                Err(_) => {}
            }
        }
        match store.thumbnail(file) {
            Some((w, h, pixels)) => {
                let image = egui::ColorImage::from_rgba_unmultiplied([w, h], &pixels);
                let name = format!("thumb-{}", file.hash.to_hex());
                let texture = ctx.load_texture(name, image, egui::TextureOptions::LINEAR);
                self.seen.insert(file.hash, Ok(texture.clone()));
                Some(texture)
            }
            None => {
                self.seen.insert(file.hash, Err(Instant::now()));
                None
            }
        }
    }
}
