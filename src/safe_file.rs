//! Files written whole or not at all, and the questions to ask before writing one.
//!
//! An export that fails halfway (disk full, a file-size limit, a pulled USB stick) must leave
//! the previous good file as it was, so every file Account Desk writes goes to a temporary
//! file beside its target, is flushed to the disk and then renamed over the target in one
//! step. [`same_file`] answers whether two spellings of a path name one file, so callers can
//! refuse to write over something precious (the database) however the name was typed.
//!
//! This module knows nothing of the database or the window; `store::refuse_overwrite` and the
//! save dialogs build on it.

use std::ffi::OsString;
use std::fs::File;
use std::io::{self, Write};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// Whether this system's usual file systems ignore letter case (NTFS, APFS and HFS+ as they
/// are formatted by default).
const CASE_INSENSITIVE: bool = cfg!(any(windows, target_os = "macos"));

/// Numbers the temporaries of one process, so two writes at once never share one.
static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);

/// Writes `bytes` to `target` whole or not at all (see [`write_atomic_with`]).
pub fn write_atomic(target: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomic_with(target, |file| file.write_all(bytes))
}

/// Lets `write` fill a temporary file beside `target`, flushes it to the disk and renames it
/// over `target`. On any failure the temporary is removed and an existing `target` is left
/// exactly as it was; a `target` that is a folder is refused. A symbolic link is written
/// through, like [`std::fs::write`] does, rather than replaced by a plain file.
pub fn write_atomic_with(
    target: &Path,
    write: impl FnOnce(&mut File) -> io::Result<()>,
) -> io::Result<()> {
    let target = resolve_link(target);
    if target.is_dir() {
        return Err(io::Error::new(
            io::ErrorKind::IsADirectory,
            format!(
                "{} is a folder, not a file; choose a file name",
                target.display()
            ),
        ));
    }
    let Some(name) = target.file_name() else {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("{} does not name a file", target.display()),
        ));
    };
    let temp = target.with_file_name(temp_name(name));
    let mut file = File::options().write(true).create_new(true).open(&temp)?;
    let written = write(&mut file)
        .and_then(|()| file.flush())
        .and_then(|()| keep_permissions(&target, &file))
        .and_then(|()| file.sync_all());
    drop(file);
    if let Err(e) = written.and_then(|()| std::fs::rename(&temp, &target)) {
        // Best effort: the write already failed, and a leftover is named as a temporary.
        let _ = std::fs::remove_file(&temp);
        return Err(e);
    }
    sync_folder(&target);
    Ok(())
}

/// Copies the file `source` to `target` whole or not at all (see [`write_atomic_with`]), in
/// constant memory.
pub fn copy_atomic(source: &Path, target: &Path) -> io::Result<()> {
    let mut from = File::open(source)?;
    write_atomic_with(target, |file| io::copy(&mut from, file).map(|_| ()))
}

/// `.<name>.partial-<pid>-<counter>`: hidden, beside the target (a rename never crosses file
/// systems) and recognisable as an unfinished write.
fn temp_name(name: &std::ffi::OsStr) -> OsString {
    let mut temp = OsString::from(".");
    temp.push(name);
    temp.push(format!(
        ".partial-{}-{}",
        std::process::id(),
        TEMP_COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    temp
}

/// The file a symbolic link points to, so the link survives the rename; the path itself
/// when it is no link or a dangling one.
fn resolve_link(target: &Path) -> PathBuf {
    let is_link = std::fs::symlink_metadata(target).is_ok_and(|m| m.file_type().is_symlink());
    match is_link {
        true => std::fs::canonicalize(target).unwrap_or_else(|_| target.to_path_buf()),
        false => target.to_path_buf(),
    }
}

/// Gives the new file the permissions of the one it replaces (a file someone made unreadable
/// for others stays so). Unix only: on Windows the only permission is "read-only", which
/// would make the rename fail and the temporary impossible to remove.
fn keep_permissions(target: &Path, file: &File) -> io::Result<()> {
    #[cfg(unix)]
    if let Ok(old) = std::fs::metadata(target) {
        return file.set_permissions(old.permissions());
    }
    let _ = (target, file);
    Ok(())
}

/// Makes the rename itself durable: on Unix a rename is only on the disk once its folder is.
pub fn sync_folder(target: &Path) {
    #[cfg(unix)]
    {
        let folder = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        // Best effort: the file is complete either way; only its name may lag after a crash.
        if let Ok(dir) = File::open(folder) {
            let _ = dir.sync_all();
        }
    }
    #[cfg(not(unix))]
    let _ = target;
}

/// True when `a` and `b` name the same file however they are spelled: relative or absolute,
/// with `.` and `..`, through symbolic links to the file or to a folder on the way, and with
/// any letter case on Windows and macOS. `b` (or `a`) need not exist yet.
pub fn same_file(a: &Path, b: &Path) -> bool {
    same_file_as(a, b, CASE_INSENSITIVE)
}

/// [`same_file`] with the case rule given, so it can be tested on any system.
pub(crate) fn same_file_as(a: &Path, b: &Path, case_insensitive: bool) -> bool {
    same_inode(a, b) || normalize_as(a, case_insensitive) == normalize_as(b, case_insensitive)
}

/// Two existing paths to one file (hard links included) on Unix.
fn same_inode(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let (Ok(a), Ok(b)) = (std::fs::metadata(a), std::fs::metadata(b)) {
            return (a.dev(), a.ino()) == (b.dev(), b.ino());
        }
    }
    let _ = (a, b);
    false
}

/// One spelling of `path` for comparisons: absolute, symbolic links resolved as far as the
/// path exists, `.` and `..` removed from the rest, and lower case on systems that ignore
/// case. The result is for comparing, not for showing to a person.
pub fn normalize(path: &Path) -> PathBuf {
    normalize_as(path, CASE_INSENSITIVE)
}

/// [`normalize`] with the case rule given.
pub(crate) fn normalize_as(path: &Path, case_insensitive: bool) -> PathBuf {
    // The empty path (the folder of a bare file name) is the current folder.
    let path = match path.as_os_str().is_empty() {
        true => Path::new("."),
        false => path,
    };
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    // Walk up to the deepest part that exists, resolve that, then put the rest back.
    let mut existing = absolute.as_path();
    let mut rest: Vec<Component> = Vec::new();
    let resolved = loop {
        if let Ok(real) = std::fs::canonicalize(existing) {
            break real;
        }
        match (existing.parent(), existing.components().next_back()) {
            (Some(parent), Some(last)) => {
                rest.push(last);
                existing = parent;
            }
            // Not even the root can be read: compare the absolute path as it is.
            _ => {
                rest.clear();
                break absolute.clone();
            }
        }
    };
    let mut normal = resolved;
    for part in rest.into_iter().rev() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => {
                normal.pop();
            }
            other => normal.push(other),
        }
    }
    match case_insensitive {
        true => PathBuf::from(normal.to_string_lossy().to_lowercase()),
        false => normal,
    }
}

/// `path` with its extension replaced by `ext` (given without the dot), or `ext` added when it
/// has none; unchanged when it already ends in `ext` in any letter case. For save dialogs,
/// where people type a name and pick a format separately. A dot inside a name such as
/// `纪要 v1.2` or `Q1. review` does not start an extension, so nothing is cut off.
pub fn fix_extension(path: &Path, ext: &str) -> PathBuf {
    if extension_matches(path, ext) {
        return path.to_path_buf();
    }
    if has_extension(path) {
        return path.with_extension(ext);
    }
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".");
    name.push(ext);
    path.with_file_name(name)
}

/// True when the name ends in something that reads as a file type: a dot and up to five ASCII
/// letters and digits with at least one letter (`.pdf`, `.xlsx`, `.mp4`), not the `.2` of
/// `纪要 v1.2` or the `. review` of `Q1. review`.
pub fn has_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|ext| {
            (1..=5).contains(&ext.len())
                && ext.chars().all(|c| c.is_ascii_alphanumeric())
                && ext.chars().any(|c| c.is_ascii_alphabetic())
        })
}

/// True when `path` ends in `.ext` (`ext` without the dot), in any letter case; a name
/// without an extension does not match.
pub fn extension_matches(path: &Path, ext: &str) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case(ext))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leftovers(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains(".partial-"))
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_write_replaces_the_file_whole_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("客户 资料.pdf");
        write_atomic(&target, b"first").unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"first");
        write_atomic(&target, b"second, longer").unwrap();
        assert_eq!(std::fs::read(&target).unwrap(), b"second, longer");
        assert!(leftovers(dir.path()).is_empty());
    }

    #[test]
    fn a_failed_write_leaves_the_old_file_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("brief.pdf");
        std::fs::write(&target, b"the good PDF").unwrap();
        let mut temp_seen = None;
        let err = write_atomic_with(&target, |file| {
            file.write_all(b"half a PD")?;
            temp_seen = Some(leftovers(dir.path()));
            Err(io::Error::new(io::ErrorKind::StorageFull, "disk full"))
        })
        .unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::StorageFull);
        assert_eq!(std::fs::read(&target).unwrap(), b"the good PDF");
        assert!(leftovers(dir.path()).is_empty(), "temporary removed");
        // The temporary was beside the target, hidden, named after it and this process.
        let seen = temp_seen.unwrap();
        assert_eq!(seen.len(), 1);
        let prefix = format!(".brief.pdf.partial-{}-", std::process::id());
        assert!(seen[0].starts_with(&prefix), "{seen:?}");
    }

    #[test]
    fn a_folder_is_never_a_target() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("exports");
        std::fs::create_dir(&folder).unwrap();
        let err = write_atomic(&folder, b"x").unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::IsADirectory);
        assert!(err.to_string().contains("exports"), "{err}");
        assert!(folder.is_dir());
        assert!(leftovers(dir.path()).is_empty());
    }

    #[test]
    fn a_missing_folder_fails_without_creating_anything() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("missing").join("a.pdf");
        assert!(write_atomic(&target, b"x").is_err());
        assert!(!dir.path().join("missing").exists());
    }

    #[cfg(unix)]
    #[test]
    fn a_link_is_written_through_and_permissions_are_kept() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.pdf");
        std::fs::write(&real, b"old").unwrap();
        std::fs::set_permissions(&real, std::fs::Permissions::from_mode(0o640)).unwrap();
        let link = dir.path().join("link.pdf");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        write_atomic(&link, b"new").unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read(&real).unwrap(), b"new");
        let mode = std::fs::metadata(&real).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o640);
    }

    #[test]
    fn two_spellings_of_one_file_are_the_same_file() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("客户 资料");
        std::fs::create_dir(&folder).unwrap();
        let db = folder.join("desk.redb");
        std::fs::write(&db, b"db").unwrap();
        assert!(same_file(&db, &folder.join(".").join("desk.redb")));
        assert!(same_file(
            &db,
            &folder.join("..").join("客户 资料").join("desk.redb")
        ));
        assert!(!same_file(&db, &folder.join("desk.pdf")));
        // Not yet existing: resolved through the existing folder.
        let new = folder.join("new.pdf");
        assert!(same_file(
            &new,
            &folder.join("sub").join("..").join("new.pdf")
        ));
        assert!(!same_file(&new, &db));
    }

    #[test]
    fn a_relative_path_is_read_from_the_current_folder() {
        let here = std::env::current_dir().unwrap();
        let name = Path::new("no-such-file-of-account-desk.redb");
        assert!(same_file(name, &here.join(name)));
        assert!(same_file(&Path::new(".").join(name), &here.join(name)));
        assert_eq!(normalize(name), normalize(&here.join(name)));
    }

    #[cfg(unix)]
    #[test]
    fn links_to_the_file_or_its_folder_are_followed() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("data");
        std::fs::create_dir(&folder).unwrap();
        let db = folder.join("desk.redb");
        std::fs::write(&db, b"db").unwrap();
        let file_link = dir.path().join("desk-link.redb");
        std::os::unix::fs::symlink(&db, &file_link).unwrap();
        let folder_link = dir.path().join("data-link");
        std::os::unix::fs::symlink(&folder, &folder_link).unwrap();
        assert!(same_file(&db, &file_link));
        assert!(same_file(&db, &folder_link.join("desk.redb")));
        // A file not written yet, through the linked folder.
        assert!(same_file(
            &folder.join("desk.redb.clean"),
            &folder_link.join("desk.redb.clean")
        ));
        assert_eq!(
            normalize(&folder_link.join("x.pdf")),
            normalize(&folder.join("x.pdf"))
        );
    }

    #[test]
    fn case_counts_only_where_the_system_ignores_it() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("Desk.redb");
        std::fs::write(&db, b"db").unwrap();
        let shouted = dir.path().join("DESK.REDB");
        assert!(same_file_as(&db, &shouted, true));
        assert_eq!(normalize_as(&db, true), normalize_as(&shouted, true));
        if !same_inode(&db, &shouted) {
            // A case-sensitive file system (Linux as usually set up).
            assert!(!same_file_as(&db, &shouted, false));
        }
        assert_eq!(
            same_file(&db, &shouted),
            same_inode(&db, &shouted) || CASE_INSENSITIVE
        );
    }

    #[test]
    fn extensions_are_fixed_for_the_format_chosen() {
        assert_eq!(
            fix_extension(Path::new("a.pdf"), "xlsx"),
            PathBuf::from("a.xlsx")
        );
        assert_eq!(
            fix_extension(Path::new("报告"), "xlsx"),
            PathBuf::from("报告.xlsx")
        );
        assert_eq!(
            fix_extension(Path::new("a.PDF"), "pdf"),
            PathBuf::from("a.PDF")
        );
        assert_eq!(
            fix_extension(Path::new("客户 资料/2026-0001 工作简要.pdf"), "ics"),
            PathBuf::from("客户 资料/2026-0001 工作简要.ics")
        );
        assert!(extension_matches(Path::new("a.PDF"), "pdf"));
        assert!(extension_matches(Path::new("dir.x/a.xlsx"), "xlsx"));
        assert_eq!(
            fix_extension(Path::new("纪要 v1.2"), "pdf"),
            PathBuf::from("纪要 v1.2.pdf")
        );
        assert_eq!(
            fix_extension(Path::new("Q1. review"), "pdf"),
            PathBuf::from("Q1. review.pdf")
        );
        assert!(!extension_matches(Path::new("a.pdf"), "xlsx"));
        assert!(!extension_matches(Path::new("报告"), "pdf"));
        assert!(!extension_matches(Path::new("pdf"), "pdf"));
        assert!(!extension_matches(Path::new("db.redb"), "pdf"));
        assert!(has_extension(Path::new("a.PDF")) && has_extension(Path::new("db.redb")));
        assert!(!has_extension(Path::new("纪要 v1.2")) && !has_extension(Path::new("报告")));
        assert!(!has_extension(Path::new(".hidden")));
    }
}
