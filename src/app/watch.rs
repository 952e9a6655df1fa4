//! Watched inbox folders: the folders where files arrive without being dropped on the window
//! — Outlook's saved attachments, WeChat's and 企业微信's downloads. The app looks at them
//! every few seconds; a file whose size and time have not changed between two looks has
//! stopped growing and goes to the inbox (收件箱) to be filed. The originals are only read:
//! never moved, renamed or deleted. A file filed or set aside is remembered by its path, size
//! and time, so it is not offered again, even after a restart; a changed file is offered anew.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// How a file looked at one look.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Seen {
    size: u64,
    modified: Option<SystemTime>,
}

/// The files of the watched folders as last seen.
#[derive(Debug, Default)]
pub(crate) struct Watcher {
    last: HashMap<PathBuf, Seen>,
}

/// The key a file is remembered by once filed or set aside: path, size and time.
pub(crate) fn key(path: &Path, size: u64, modified: Option<SystemTime>) -> String {
    let secs = modified
        .and_then(|m| m.duration_since(SystemTime::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_secs());
    format!("{}|{size}|{secs}", path.display())
}

/// Files that are still being written or are not documents: hidden files, browsers' and
/// WeChat's partial downloads, Office's lock files.
fn skipped(name: &str) -> bool {
    let lower = name.to_lowercase();
    name.starts_with('.')
        || name.starts_with("~$")
        || [
            ".crdownload",
            ".part",
            ".partial",
            ".tmp",
            ".download",
            ".downloading",
        ]
        .iter()
        .any(|ext| lower.ends_with(ext))
        || lower == "desktop.ini"
        || lower == "thumbs.db"
}

impl Watcher {
    /// Looks at the files directly in `folders` (not their subfolders) and returns those
    /// that stopped growing since the previous look, with their keys, leaving out those in
    /// `taken`. A folder that cannot be read is skipped (it may be a drive not plugged in).
    pub(crate) fn look(
        &mut self,
        folders: &[PathBuf],
        taken: &HashSet<String>,
    ) -> Vec<(PathBuf, String)> {
        let mut now: HashMap<PathBuf, Seen> = HashMap::new();
        for folder in folders {
            let Ok(entries) = std::fs::read_dir(folder) else {
                continue;
            };
            for entry in entries.flatten() {
                let name = entry.file_name().to_string_lossy().into_owned();
                if skipped(&name) {
                    continue;
                }
                let Ok(meta) = entry.metadata() else {
                    continue;
                };
                if !meta.is_file() {
                    continue;
                }
                now.insert(
                    entry.path(),
                    Seen {
                        size: meta.len(),
                        modified: meta.modified().ok(),
                    },
                );
            }
        }
        let mut ready: Vec<(PathBuf, String)> = now
            .iter()
            .filter(|(path, seen)| self.last.get(*path) == Some(seen))
            .map(|(path, seen)| (path.clone(), key(path, seen.size, seen.modified)))
            .filter(|(_, key)| !taken.contains(key))
            .collect();
        ready.sort();
        self.last = now;
        ready
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_offered_once_it_stops_growing_and_never_moved() {
        let dir = tempfile::tempdir().unwrap();
        let inbox = dir.path().join("WeChat Files");
        std::fs::create_dir_all(&inbox).unwrap();
        let folders = vec![inbox.clone()];
        let mut w = Watcher::default();
        let mut taken = HashSet::new();
        let file = inbox.join("报价单 签字版.pdf");
        std::fs::write(&file, b"part").unwrap();
        std::fs::write(inbox.join("视频.mp4.crdownload"), b"x").unwrap();
        std::fs::write(inbox.join("~$合同.docx"), b"x").unwrap();
        // First sight: it may still be growing.
        assert!(w.look(&folders, &taken).is_empty());
        // Still growing.
        std::fs::write(&file, b"part two").unwrap();
        assert!(w.look(&folders, &taken).is_empty());
        // Unchanged since the last look: ready, and only it.
        let ready = w.look(&folders, &taken);
        assert_eq!(ready.len(), 1);
        assert_eq!(ready[0].0, file);
        // Offered again until filed or set aside; then never, even to a new watcher.
        assert_eq!(w.look(&folders, &taken).len(), 1);
        taken.insert(ready[0].1.clone());
        assert!(w.look(&folders, &taken).is_empty());
        let mut after_restart = Watcher::default();
        after_restart.look(&folders, &taken);
        assert!(after_restart.look(&folders, &taken).is_empty());
        // The original is where it was, as it was.
        assert_eq!(std::fs::read(&file).unwrap(), b"part two");
        // A folder that is gone is skipped.
        let gone = vec![dir.path().join("拔掉的U盘")];
        assert!(w.look(&gone, &taken).is_empty());
    }
}
