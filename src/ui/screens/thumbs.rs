//! The thumbnails of pictures on the screens, as textures: each read once from where they
//! are kept (beside the database, or in a team database's server) on a thread of its own,
//! so a screen full of them never waits for the disk or the network; one not made yet is
//! looked for again every few seconds (they are made in the background).

use crate::domain::{FileHash, FileRef};
use crate::services::Reader;
use crate::services::thumbs::{ThumbLoader, ThumbOf, ThumbRead, has_thumbnail, read_thumb};
use std::collections::HashMap;
use std::time::{Duration, Instant};

/// How long a missing thumbnail is not looked for again.
const RETRY: Duration = Duration::from_secs(3);

/// At most how many pictures one frame takes in. Each becomes a texture in the frame (a few
/// tenths of a millisecond); a wall whose forty pictures arrive together would otherwise
/// make one long frame. The rest are taken in by the frames after it.
const PICTURES_PER_FRAME: usize = 8;

/// Textures of the thumbnails seen so far.
#[derive(Default)]
pub(crate) struct Thumbs {
    seen: HashMap<FileHash, Result<egui::TextureHandle, Instant>>,
    /// Documents' newest files, as read (`None`: the document has none).
    newest: HashMap<u64, Option<FileRef>>,
    /// Asked of the loader and not read yet, with the round each was asked in.
    asked: HashMap<ThumbOf, u64>,
    /// The round of asks whose answers are taken: one is begun when what was asked may no
    /// longer be wanted or right (the popup closed, the data changed), and the earlier
    /// rounds' answers still coming are let go.
    round: u64,
    /// Reads them off the UI thread; started with the first thumbnail asked for through the
    /// window's reader (another reader's are read at once).
    loader: Option<ThumbLoader>,
    /// The frame whose pictures are being taken in, and how many it took.
    taken: (u64, usize),
}

impl std::fmt::Debug for Thumbs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "Thumbs({} seen, {} asked)",
            self.seen.len(),
            self.asked.len()
        )
    }
}

impl Thumbs {
    /// The thumbnail of `file`, if it is a picture whose thumbnail was made and has been
    /// read; one not read yet is asked for, and the window repaints when it is.
    pub fn get(
        &mut self,
        ctx: &egui::Context,
        store: Reader<'_>,
        file: &FileRef,
    ) -> Option<egui::TextureHandle> {
        self.take_read(ctx);
        self.picture_of(ctx, store, file)
    }

    /// As [`Thumbs::get`], with what the loader read taken in already.
    fn picture_of(
        &mut self,
        ctx: &egui::Context,
        store: Reader<'_>,
        file: &FileRef,
    ) -> Option<egui::TextureHandle> {
        if !has_thumbnail(&file.original_name) {
            return None;
        }
        if let Some(seen) = self.seen.get(&file.hash) {
            match seen {
                Ok(texture) => return Some(texture.clone()),
                Err(at) if at.elapsed() < RETRY => return None,
                Err(_) => {}
            }
        }
        self.ask(ctx, store, ThumbOf::File(file.clone()));
        self.seen.get(&file.hash)?.as_ref().ok().cloned()
    }

    /// The thumbnail of the newest file of the document `id`, as [`Thumbs::get`]; the
    /// document itself is read off the UI thread too.
    pub fn of_document(
        &mut self,
        ctx: &egui::Context,
        store: Reader<'_>,
        id: u64,
    ) -> Option<egui::TextureHandle> {
        self.take_read(ctx);
        match self.newest.get(&id) {
            Some(Some(file)) => {
                let file = file.clone();
                self.picture_of(ctx, store, &file)
            }
            Some(None) => None,
            None => {
                self.ask(ctx, store, ThumbOf::Document(id));
                let file = self.newest.get(&id)?.as_ref()?;
                self.seen.get(&file.hash)?.as_ref().ok().cloned()
            }
        }
    }

    /// Lets go of every texture (and what is known of the documents), keeping the loader's
    /// thread for the next ones.
    pub fn forget_pictures(&mut self) {
        self.seen.clear();
        self.newest.clear();
        self.asked.clear();
        self.round = self.round.wrapping_add(1);
    }

    /// Forgets which file is each document's newest (after the data changed); an answer
    /// read before the change is let go.
    pub fn forget_documents(&mut self) {
        self.newest.clear();
        self.round = self.round.wrapping_add(1);
    }

    /// Asks the loader for `of` unless it was asked already; without a loader, reads it now.
    fn ask(&mut self, ctx: &egui::Context, store: Reader<'_>, of: ThumbOf) {
        if self.asked.get(&of) == Some(&self.round) {
            return;
        }
        if self.loader.is_none() {
            let window = ctx.clone();
            self.loader = store.thumbnail_loader(move || window.request_repaint());
        }
        match &self.loader {
            Some(loader) if loader.ask(of.clone(), self.round) => {
                self.asked.insert(of, self.round);
            }
            _ => {
                let read = read_thumb(store, of, self.round);
                self.keep(ctx, read);
            }
        }
    }

    /// Takes in what the loader read since the last frame, up to [`PICTURES_PER_FRAME`]
    /// pictures a frame; the window repaints for the rest.
    fn take_read(&mut self, ctx: &egui::Context) {
        let Some(loader) = &self.loader else { return };
        let frame = ctx.cumulative_frame_nr();
        if self.taken.0 != frame {
            self.taken = (frame, 0);
        }
        let mut read: Vec<ThumbRead> = Vec::new();
        while self.taken.1 < PICTURES_PER_FRAME {
            let Some(r) = loader.read().next() else { break };
            self.taken.1 += usize::from(r.picture.is_some());
            read.push(r);
        }
        if self.taken.1 >= PICTURES_PER_FRAME {
            ctx.request_repaint();
        }
        for r in read {
            if self.asked.get(&r.of) == Some(&r.round) {
                self.asked.remove(&r.of);
            }
            if r.round == self.round {
                self.keep(ctx, r);
            }
        }
    }

    /// Keeps what was read: a document's newest file, and the thumbnail as a texture or
    /// when it was missing.
    fn keep(&mut self, ctx: &egui::Context, read: ThumbRead) {
        if let ThumbOf::Document(id) = read.of {
            self.newest.insert(id, read.file.clone());
        }
        let Some(file) = read.file else { return };
        if !has_thumbnail(&file.original_name) {
            return;
        }
        let kept = match read.picture {
            Some((w, h, pixels)) => {
                let image = egui::ColorImage::from_rgba_unmultiplied([w, h], &pixels);
                let name = format!("thumb-{}", file.hash.to_hex());
                Ok(ctx.load_texture(name, image, egui::TextureOptions::LINEAR))
            }
            None => Err(Instant::now()),
        };
        self.seen.insert(file.hash, kept);
    }
}
