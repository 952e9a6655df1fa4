//! Reading a file's words in a child process (`account-desk extract-text PATH`), so that a
//! file that makes a parser loop, or ask for gigabytes, costs a child that is stopped rather
//! than the window. The child prints the text on its standard output and says what it read
//! by its exit status; the parent reads at most the text limit, waits at most
//! [`TIME_LIMIT`], and kills the child when the time is up. On Unix the child starts under
//! `ulimit -v` ([`MEMORY_LIMIT_BYTES`]), so a reader that asks for more fails in the child.

use super::{ExtractError, Extracted, Limits};
use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How long a child may read one file.
pub const TIME_LIMIT: Duration = Duration::from_secs(30);

/// The memory a child may use, on Unix.
pub const MEMORY_LIMIT_BYTES: u64 = 1024 * 1024 * 1024;

/// Exit status: the text is on the standard output.
pub const EXIT_TEXT: i32 = 0;
/// Exit status: a PDF with no text layer.
pub const EXIT_SCANNED: i32 = 3;
/// Exit status: a kind of file whose words are not read.
pub const EXIT_NOT_READ: i32 = 4;
/// Exit status: the file could not be read; why is on the standard error.
pub const EXIT_FAILED: i32 = 5;

/// What the child does: reads `path` and writes what it found to `out`, returning the exit
/// status to end with.
pub fn child_main(
    path: &Path,
    name: Option<&Path>,
    out: &mut dyn std::io::Write,
    err: &mut dyn std::io::Write,
) -> i32 {
    match super::extract_as(path, name.unwrap_or(path), &Limits::default()) {
        Ok(Extracted::Text(text)) => match out.write_all(text.as_bytes()) {
            Ok(()) => EXIT_TEXT,
            Err(_) => EXIT_FAILED,
        },
        Ok(Extracted::Scanned) => EXIT_SCANNED,
        Ok(Extracted::NotRead) => EXIT_NOT_READ,
        Err(e) => {
            let _ = write!(err, "{e}");
            EXIT_FAILED
        }
    }
}

/// Reads the words of `path` in a child process started from the program `exe` (the app
/// itself), within [`TIME_LIMIT`].
pub fn extract(exe: &Path, path: &Path) -> Result<Extracted, ExtractError> {
    extract_within(exe, path, None, TIME_LIMIT)
}

/// Reads the file at `path` as the kind its original name `name` says, in a child process.
pub fn extract_named(exe: &Path, path: &Path, name: &str) -> Result<Extracted, ExtractError> {
    extract_within(exe, path, Some(name), TIME_LIMIT)
}

/// The command that runs the app's own subcommand `task` with `args`: on Unix through the
/// shell, which limits the child's memory before it becomes the reader (no unsafe code
/// here: the shell does it).
fn child(exe: &Path, task: &str, args: &[&std::ffi::OsStr]) -> Command {
    let mut c = if cfg!(unix) {
        let mut c = Command::new("/bin/sh");
        c.arg("-c")
            .arg(format!(
                "ulimit -v {} 2>/dev/null; exec \"$0\" {task} \"$@\"",
                MEMORY_LIMIT_BYTES / 1024
            ))
            .arg(exe);
        c
    } else {
        let mut c = Command::new(exe);
        c.arg(task);
        c
    };
    c.args(args);
    c
}

/// What a child said: its exit status (`None`: stopped by a signal), at most `cap` bytes of
/// its standard output, and the start of its standard error.
pub struct ChildOutput {
    /// The exit status, if it exited.
    pub code: Option<i32>,
    /// The standard output, cut at the cap.
    pub out: Vec<u8>,
    /// Why, as the child said on its standard error (trimmed).
    pub why: String,
}

/// Runs the app's subcommand `task` with `args` in a child process from the program `exe`,
/// keeping at most `cap` bytes of its output, and kills it when `limit` is up.
pub fn run_child(
    exe: &Path,
    task: &str,
    args: &[&std::ffi::OsStr],
    cap: u64,
    limit: Duration,
) -> Result<ChildOutput, ExtractError> {
    let mut child = child(exe, task, args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| ExtractError::Unreadable(format!("{}: {e}", exe.display())))?;
    // Read the output on threads, so a child writing much never blocks on a full pipe.
    let stdout = child.stdout.take().map(|s| {
        std::thread::spawn(move || {
            let mut buf = Vec::new();
            let _ = s.take(cap).read_to_end(&mut buf);
            buf
        })
    });
    let stderr = child.stderr.take().map(|s| {
        std::thread::spawn(move || {
            let mut buf = Vec::new();
            let _ = s.take(4096).read_to_end(&mut buf);
            buf
        })
    });
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() >= limit => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(ExtractError::TimedOut {
                    seconds: limit.as_secs(),
                });
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(20)),
            Err(e) => return Err(ExtractError::Unreadable(e.to_string())),
        }
    };
    let out = stdout.and_then(|h| h.join().ok()).unwrap_or_default();
    let err = stderr.and_then(|h| h.join().ok()).unwrap_or_default();
    Ok(ChildOutput {
        code: status.code(),
        out,
        why: String::from_utf8_lossy(&err).trim().to_string(),
    })
}

/// [`extract`] with the time limit `limit`.
pub fn extract_within(
    exe: &Path,
    path: &Path,
    name: Option<&str>,
    limit: Duration,
) -> Result<Extracted, ExtractError> {
    let mut args: Vec<&std::ffi::OsStr> = vec![path.as_os_str()];
    if let Some(name) = name {
        args.push("--as".as_ref());
        args.push(name.as_ref());
    }
    let cap = Limits::default().max_chars as u64 * 4 + 4;
    let ChildOutput { code, out, why } = run_child(exe, "extract-text", &args, cap, limit)?;
    match code {
        Some(EXIT_TEXT) => Ok(Extracted::Text(String::from_utf8_lossy(&out).into_owned())),
        Some(EXIT_SCANNED) => Ok(Extracted::Scanned),
        Some(EXIT_NOT_READ) => Ok(Extracted::NotRead),
        Some(EXIT_FAILED) if !why.is_empty() => Err(ExtractError::Unreadable(why)),
        // Killed by a signal (Unix: out of memory shows as an abort), or a panic that
        // escaped: the reader stopped on a fault.
        _ if why.contains("memory allocation") => Err(ExtractError::OutOfMemory),
        _ => Err(ExtractError::Panicked),
    }
}
