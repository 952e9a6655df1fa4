//! Thumbnails read for the screens on a thread of their own ([`ThumbLoader`]).

use super::{FileRef, Store};
use crate::services::Reader;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, mpsc};

/// A thumbnail's picture as read: width, height and RGBA pixels.
pub type ThumbPicture = (usize, usize, Vec<u8>);

/// What a screen asks the [`ThumbLoader`] for: the thumbnail of a stored file, or of a
/// document's newest file (the loader reads the document too).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ThumbOf {
    /// A stored file.
    File(FileRef),
    /// A document's id.
    Document(u64),
}

/// What the loader read for one [`ThumbOf`]: the file it is of (none for a document that
/// has no file or is gone) and its thumbnail, if one was made.
#[derive(Debug)]
pub struct ThumbRead {
    /// What was asked.
    pub of: ThumbOf,
    /// The file the thumbnail is of.
    pub file: Option<FileRef>,
    /// Its thumbnail; `None` if none was made (yet) or it could not be read.
    pub picture: Option<ThumbPicture>,
}

/// Reads thumbnails on a thread of its own, in the order asked, so that a screen never waits
/// for the disk or (on a team database) the server. The thread holds the database only
/// while it reads one thumbnail; dropping the loader stops it and waits for that read, so
/// that the database can be closed and opened again at once.
pub struct ThumbLoader {
    asks: Option<mpsc::Sender<ThumbOf>>,
    read: mpsc::Receiver<ThumbRead>,
    stop: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl std::fmt::Debug for ThumbLoader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("thumbs::ThumbLoader")
    }
}

impl ThumbLoader {
    /// Starts the reading thread over `store`; `wake` is called after each thumbnail read
    /// (the window repaints). `None` if no thread could be started.
    pub(crate) fn start(
        store: &Arc<Store>,
        wake: impl Fn() + Send + 'static,
    ) -> Option<ThumbLoader> {
        let (asks, asked) = mpsc::channel::<ThumbOf>();
        let (tell, read) = mpsc::channel();
        let stop = Arc::new(AtomicBool::new(false));
        let (weak, stopped) = (Arc::downgrade(store), Arc::clone(&stop));
        let thread = std::thread::Builder::new()
            .name("thumbnails".into())
            .spawn(move || {
                for of in asked {
                    if stopped.load(Ordering::Relaxed) {
                        break;
                    }
                    let Some(store) = weak.upgrade() else { break };
                    let read = read_thumb(Reader::new(&store), of);
                    drop(store);
                    if tell.send(read).is_err() {
                        break;
                    }
                    wake();
                }
            });
        match thread {
            Ok(thread) => Some(ThumbLoader {
                asks: Some(asks),
                read,
                stop,
                thread: Some(thread),
            }),
            Err(e) => {
                log::warn!("cannot start reading thumbnails: {e}");
                None
            }
        }
    }

    /// Asks for a thumbnail; `false` if the reading thread is gone.
    pub fn ask(&self, of: ThumbOf) -> bool {
        self.asks.as_ref().is_some_and(|asks| asks.send(of).is_ok())
    }

    /// The thumbnails read since the last call.
    pub fn read(&self) -> impl Iterator<Item = ThumbRead> + '_ {
        self.read.try_iter()
    }
}

impl Drop for ThumbLoader {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        self.asks = None;
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Reads what `of` asks for, at once (the loader's work, and a screen's own without one).
pub fn read_thumb(store: Reader<'_>, of: ThumbOf) -> ThumbRead {
    let file = match &of {
        ThumbOf::File(file) => Some(file.clone()),
        ThumbOf::Document(id) => store
            .get::<crate::domain::Document>(*id)
            .ok()
            .flatten()
            .and_then(|d| d.current().map(|v| v.file.clone())),
    };
    let picture = file.as_ref().and_then(|f| store.thumbnail(f));
    ThumbRead { of, file, picture }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::services::documents::{DocumentDraft, FiledWith};
    use crate::services::{Command, Ctx, apply};

    #[test]
    fn thumbnails_are_read_on_their_thread_and_the_database_is_let_go_with_the_loader() {
        let dir = tempfile::tempdir().expect("dir");
        let db = dir.path().join("d.redb");
        let store = Arc::new(Store::open(&db).expect("open"));
        let path = dir.path().join("主视觉.png");
        let picture = image::RgbaImage::from_pixel(64, 32, image::Rgba([200, 30, 30, 255]));
        picture.save(&path).expect("png");
        let file =
            crate::services::files::import_document_file(&store, FiledWith::Reference, &path)
                .expect("stored");
        let ctx = Ctx {
            actor: crate::domain::UserId(0),
            now: chrono::Utc::now(),
            today: chrono::Utc::now().date_naive(),
        };
        let draft = DocumentDraft::new(crate::domain::document::DocumentKind::Creative, "主视觉");
        let filed = Command::FileDocument(FiledWith::Reference, Box::new(draft), file.clone());
        apply(&store, &ctx, filed).expect("filed");
        let id = store.all::<crate::domain::Document>().expect("read")[0]
            .id
            .0;
        let (woken, wakes) = mpsc::channel();
        let loader = ThumbLoader::start(&store, move || {
            let _ = woken.send(());
        })
        .expect("a thread");
        // Before it was made: asked, read, and none.
        assert!(loader.ask(ThumbOf::File(file.clone())));
        wakes.recv().expect("woken");
        let read: Vec<ThumbRead> = loader.read().collect();
        assert_eq!(read.len(), 1);
        assert!(read[0].picture.is_none());
        crate::services::thumbs::make(
            store.path(),
            &store.desk_files().path_of(&file.hash),
            &file.hash,
        )
        .expect("made");
        // A document's newest file is found by the loader, then its thumbnail.
        assert!(loader.ask(ThumbOf::Document(id)));
        assert!(loader.ask(ThumbOf::Document(id + 1000)));
        wakes.recv().expect("woken");
        wakes.recv().expect("woken");
        let read: Vec<ThumbRead> = loader.read().collect();
        assert_eq!(read[0].of, ThumbOf::Document(id));
        assert_eq!(read[0].file.as_ref(), Some(&file));
        let (w, h, pixels) = read[0].picture.as_ref().expect("the thumbnail");
        assert_eq!((*w, pixels.len()), (2 * h, w * h * 4), "its shape kept");
        assert_eq!(pixels[..4], [200, 30, 30, 255]);
        assert!(
            read[1].file.is_none() && read[1].picture.is_none(),
            "no such document"
        );
        // With the window's handle and the loader gone, the database opens again at once.
        drop(store);
        drop(loader);
        Store::open(&db).expect("opened again");
    }
}
