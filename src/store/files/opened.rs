//! Read-only copies of stored files for the system's apps to open, made the same way
//! whether the file comes from the folder beside a desk's database or from a team database.

use super::{
    FileHash, FileRef, FilesError, TEMP_COUNTER, allow_replace, io_error, open_copies_dir,
    safe_file_name, set_read_only,
};
use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;

/// A read-only copy of `file` in this run's folder for opened copies, written by `fill`
/// (which streams the content into the temporary it is given and returns its fingerprint)
/// and kept only when that fingerprint is the file's: a damaged copy is never handed out.
/// `source` names where it came from in messages. Opening the same file again gives the
/// same copy.
pub(crate) fn open_copy_with(
    file: &FileRef,
    source: &Path,
    fill: &mut dyn FnMut(&mut File, &Path) -> Result<FileHash, FilesError>,
) -> Result<PathBuf, FilesError> {
    let folder = open_copies_dir()?.join(file.hash.short());
    let target = folder.join(safe_file_name(&file.original_name));
    if std::fs::metadata(&target).is_ok_and(|m| m.is_file() && m.len() == file.size) {
        return Ok(target);
    }
    std::fs::create_dir_all(&folder).map_err(|e| io_error(&folder, e))?;
    if target.exists() {
        allow_replace(&target);
    }
    let temp = folder.join(format!(
        ".partial-{}-{}",
        std::process::id(),
        TEMP_COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let made = (|| {
        let mut out = File::options()
            .write(true)
            .create_new(true)
            .open(&temp)
            .map_err(|e| io_error(&temp, e))?;
        let hash = fill(&mut out, &temp)?;
        drop(out);
        if hash != file.hash {
            return Err(FilesError::Damaged {
                hash: file.hash,
                name: Some(file.original_name.clone()),
                path: source.to_path_buf(),
            });
        }
        set_read_only(&temp).map_err(|e| io_error(&temp, e))?;
        std::fs::rename(&temp, &target).map_err(|e| io_error(&target, e))
    })();
    if made.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    made?;
    Ok(target)
}
