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
    /// The round it was asked in, as the asker numbered it (see [`ThumbLoader::ask`]).
    pub round: u64,
    /// The file the thumbnail is of.
    pub file: Option<FileRef>,
    /// Its thumbnail; `None` if none was made (yet) or it could not be read.
    pub picture: Option<ThumbPicture>,
}

/// Reads thumbnails on a thread of its own, in the order asked, so that a screen never waits
/// for the disk or (on a team database) the server. The thread holds the database only
/// while it reads one thumbnail. Dropping the loader stops it; on a desk it also waits for
/// the read under way, so that the database's file can be opened again at once, while a
/// team database's thread is left to end by itself (a server that stopped answering must
/// not hold the window).
pub struct ThumbLoader {
    asks: Option<mpsc::Sender<(ThumbOf, u64)>>,
    read: mpsc::Receiver<ThumbRead>,
    stop: Arc<AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
    /// Whether dropping waits for the thread (a desk's file).
    joins: bool,
}

impl std::fmt::Debug for ThumbLoader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("thumbs::ThumbLoader")
    }
}

impl ThumbLoader {
    /// Starts the reading thread over `store`; `wake` is called after each thumbnail read
    /// that has a picture (the window repaints). `None` if no thread could be started.
    pub(crate) fn start(
        store: &Arc<Store>,
        wake: impl Fn() + Send + 'static,
    ) -> Option<ThumbLoader> {
        let (asks, asked) = mpsc::channel::<(ThumbOf, u64)>();
        let (tell, read) = mpsc::channel();
        let stop = Arc::new(AtomicBool::new(false));
        let (weak, stopped) = (Arc::downgrade(store), Arc::clone(&stop));
        let thread = std::thread::Builder::new()
            .name("thumbnails".into())
            .spawn(move || {
                for (of, round) in asked {
                    if stopped.load(Ordering::Relaxed) {
                        break;
                    }
                    let Some(store) = weak.upgrade() else { break };
                    let read = read_thumb(Reader::new(&store), of, round);
                    drop(store);
                    // Only a picture changes what the screen shows; the rest is taken in
                    // with the next frame, whenever it comes.
                    let shows = read.picture.is_some();
                    if tell.send(read).is_err() {
                        break;
                    }
                    if shows {
                        wake();
                    }
                }
            });
        match thread {
            Ok(thread) => Some(ThumbLoader {
                asks: Some(asks),
                read,
                stop,
                thread: Some(thread),
                joins: !store.files().is_team(),
            }),
            Err(e) => {
                log::warn!("cannot start reading thumbnails: {e}");
                None
            }
        }
    }

    /// Asks for a thumbnail in the asker's `round`, which its answer carries back (an
    /// asker that moved on to a later round lets the earlier answers go); `false` if the
    /// reading thread is gone.
    pub fn ask(&self, of: ThumbOf, round: u64) -> bool {
        self.asks
            .as_ref()
            .is_some_and(|asks| asks.send((of, round)).is_ok())
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
        if let Some(thread) = self.thread.take()
            && self.joins
        {
            let _ = thread.join();
        }
    }
}

/// Reads what `of` asks for, at once (the loader's work, and a screen's own without one),
/// as an answer of `round`.
pub fn read_thumb(store: Reader<'_>, of: ThumbOf, round: u64) -> ThumbRead {
    let file = match &of {
        ThumbOf::File(file) => Some(file.clone()),
        ThumbOf::Document(id) => store
            .get::<crate::domain::Document>(*id)
            .ok()
            .flatten()
            .and_then(|d| d.current().map(|v| v.file.clone())),
    };
    let picture = file.as_ref().and_then(|f| store.thumbnail(f));
    ThumbRead {
        of,
        round,
        file,
        picture,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thumbnails_are_read_on_their_thread_which_keeps_no_hold_on_the_database() {
        let dir = tempfile::tempdir().expect("dir");
        let db = dir.path().join("d.redb");
        let store = Arc::new(Store::open(&db).expect("open"));
        let mut bytes = std::io::Cursor::new(Vec::new());
        image::RgbaImage::from_pixel(64, 32, image::Rgba([200, 30, 30, 255]))
            .write_to(&mut bytes, image::ImageFormat::Png)
            .expect("png");
        let file = crate::services::thumbs::tests::filed_picture(&store, bytes.get_ref());
        let id = store.all::<crate::domain::Document>().expect("read")[0]
            .id
            .0;
        let (woken, wakes) = mpsc::channel();
        let loader = ThumbLoader::start(&store, move || {
            let _ = woken.send(());
        })
        .expect("a thread");
        let answers = |loader: &ThumbLoader, n: usize| {
            let mut out: Vec<ThumbRead> = Vec::new();
            let until = std::time::Instant::now() + std::time::Duration::from_secs(20);
            while out.len() < n && std::time::Instant::now() < until {
                out.extend(loader.read());
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
            out
        };
        // Before it was made: asked, read, and none; the window is not woken for nothing.
        assert!(loader.ask(ThumbOf::File(file.clone()), 1));
        let read = answers(&loader, 1);
        assert_eq!(read.len(), 1);
        assert!(read[0].picture.is_none());
        assert_eq!(read[0].round, 1);
        assert!(wakes.try_recv().is_err(), "no repaint for no picture");
        crate::services::thumbs::make(
            store.path(),
            &store.desk_files().path_of(&file.hash),
            &file.hash,
        )
        .expect("made");
        // A document's newest file is found by the loader, then its thumbnail.
        assert!(loader.ask(ThumbOf::Document(id), 2));
        assert!(loader.ask(ThumbOf::Document(id + 1000), 2));
        let read = answers(&loader, 2);
        assert_eq!(read.len(), 2);
        wakes
            .recv_timeout(std::time::Duration::from_secs(20))
            .expect("woken for the picture");
        assert!(wakes.try_recv().is_err(), "once");
        assert_eq!(read[0].of, ThumbOf::Document(id));
        assert_eq!(read[0].file.as_ref(), Some(&file));
        let (w, h, pixels) = read[0].picture.as_ref().expect("the thumbnail");
        assert_eq!((*w, pixels.len()), (2 * h, w * h * 4), "its shape kept");
        assert_eq!(pixels[..4], [200, 30, 30, 255]);
        assert!(
            read[1].file.is_none() && read[1].picture.is_none(),
            "no such document"
        );
        // The loader keeps no hold on the database: once the window lets go of it, it opens
        // again while the loader lives.
        drop(store);
        let again = Store::open(&db).expect("opened again beside the loader");
        drop(loader);
        drop(again);
        Store::open(&db).expect("and after it");
    }
}
