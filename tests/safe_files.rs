//! Exports never write over the database or its files, however the name is spelled, refuse a
//! file name of another format, and a write that fails halfway leaves the earlier file as it
//! was — driven through the `account-desk` binary, in folders with Chinese and spaces.

mod support;

use std::path::{Path, PathBuf};
use std::process::Command;
use support::{Run, finish};

/// Runs `account-desk ARGS…` in `cwd` (the test's own folder when `None`).
fn run_in(cwd: Option<&Path>, args: &[&str]) -> Run {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_account-desk"));
    cmd.args(args);
    if let Some(cwd) = cwd {
        cmd.current_dir(cwd);
    }
    finish(cmd)
}

fn ok(run: Run) -> Run {
    assert_eq!(run.code, Some(0), "{}\n{}", run.stdout, run.stderr);
    run
}

fn failed(run: Run) -> Run {
    assert_eq!(run.code, Some(1), "{}\n{}", run.stdout, run.stderr);
    assert!(run.stderr.starts_with("error: "), "{}", run.stderr);
    run
}

/// The sample agency in `<tmp>/客户 资料/客户执行台 数据.redb`; returns the temp folder, the
/// data folder and the database.
fn sample() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path().join("客户 资料");
    std::fs::create_dir_all(&dir).expect("folder");
    let db = dir.join("客户执行台 数据.redb");
    ok(run_in(None, &["--db", s(&db), "sample-data"]));
    (tmp, dir, db)
}

fn s(path: &Path) -> &str {
    path.to_str().expect("UTF-8 path")
}

/// Every file in `dir` with its bytes, so "nothing changed" can be checked whole.
fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for entry in std::fs::read_dir(&d).expect("read folder") {
            let path = entry.expect("entry").path();
            match path.is_dir() {
                true => todo.push(path),
                false => {
                    let bytes = std::fs::read(&path).expect("read file");
                    files.push((path, bytes));
                }
            }
        }
    }
    files.sort();
    files
}

fn temporaries(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .expect("read folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".partial"))
        .collect()
}

#[test]
fn exports_never_write_over_the_database_however_it_is_spelled() {
    let (tmp, dir, db) = sample();
    let name = "客户执行台 数据.redb";
    let backups = dir.join("backups");
    std::fs::create_dir_all(&backups).expect("backup folder");
    let backup = backups.join("客户执行台 数据-20261126-090000.redb");
    std::fs::copy(&db, &backup).expect("a backup");
    let before = snapshot(&dir);

    // (folder to run in, --db as typed, -o as typed, export arguments)
    let mut cases: Vec<(Option<PathBuf>, String, String, Vec<&str>)> = vec![
        (
            None,
            s(&db).into(),
            s(&db).into(),
            vec!["brief", "2026-0001"],
        ),
        (
            Some(dir.clone()),
            s(&db).into(),
            name.into(),
            vec!["brief", "2026-0001"],
        ),
        (
            Some(dir.clone()),
            name.into(),
            format!("./{name}"),
            vec!["brief", "2026-0001"],
        ),
        (
            Some(dir.clone()),
            name.into(),
            s(&db).into(),
            vec!["agenda", "1"],
        ),
        (
            Some(dir.clone()),
            s(&db).into(),
            format!("../客户 资料/{name}"),
            vec!["minutes", "1"],
        ),
        (
            Some(dir.clone()),
            s(&db).into(),
            format!("./{name}"),
            vec!["schedule", "2026-0002", "--format", "xlsx"],
        ),
        (
            None,
            s(&db).into(),
            s(&dir.join(format!("{name}.clean"))).into(),
            vec!["brief", "2026-0001"],
        ),
        (
            None,
            s(&db).into(),
            s(&dir.join(format!("{name}.lock"))).into(),
            vec!["schedule", "2026-0002", "--format", "ics"],
        ),
        (
            None,
            s(&db).into(),
            s(&backup).into(),
            vec!["brief", "2026-0001"],
        ),
        (
            Some(dir.clone()),
            s(&db).into(),
            "backups/2026-0001 工作简要.pdf".into(),
            vec!["brief", "2026-0001"],
        ),
    ];
    #[cfg(unix)]
    {
        let file_link = tmp.path().join("数据 link.redb");
        std::os::unix::fs::symlink(&db, &file_link).expect("link to the database");
        let folder_link = tmp.path().join("folder link");
        std::os::unix::fs::symlink(&dir, &folder_link).expect("link to the folder");
        cases.push((
            None,
            s(&db).into(),
            s(&file_link).into(),
            vec!["brief", "2026-0001"],
        ));
        cases.push((
            None,
            s(&db).into(),
            s(&folder_link.join(name)).into(),
            vec!["brief", "2026-0001"],
        ));
        cases.push((
            Some(tmp.path().to_path_buf()),
            s(&folder_link.join(name)).into(),
            format!("客户 资料/{name}"),
            vec!["brief", "2026-0001"],
        ));
    }
    for (cwd, db_arg, output, export) in &cases {
        let mut args = vec!["--db", db_arg.as_str(), "export"];
        args.extend(export);
        args.extend(["-o", output.as_str()]);
        let run = failed(run_in(cwd.as_deref(), &args));
        assert!(
            run.stderr.contains(output.as_str()),
            "{args:?}: {}",
            run.stderr
        );
        assert!(
            run.stderr.contains("never writes over the database"),
            "{args:?}: {}",
            run.stderr
        );
        assert!(
            run.stderr.contains("choose another file name"),
            "{}",
            run.stderr
        );
    }
    assert!(
        snapshot(&dir) == before,
        "the database, its files and backups are byte for byte as they were"
    );
    assert!(temporaries(&dir).is_empty());
    ok(run_in(None, &["--db", s(&db), "check"]));
    ok(run_in(None, &["--db", s(&db), "list", "jobs"]));
}

#[test]
fn a_file_name_of_another_format_is_refused() {
    let (_tmp, dir, db) = sample();
    for (export, output, expected) in [
        (&["brief", "2026-0001"][..], "x.xlsx", ".pdf"),
        (
            &["schedule", "2026-0002", "--format", "xlsx"],
            "x.pdf",
            ".xlsx",
        ),
        (&["schedule", "2026-0002"], "x.ics", ".pdf"),
        (
            &["schedule", "2026-0002", "--format", "ics"],
            "x.xlsx",
            ".ics",
        ),
        (&["minutes", "1"], "会议记录.docx", ".pdf"),
        (&["agenda", "1"], "other.redb", ".pdf"),
    ] {
        let out = dir.join(output);
        let mut args = vec!["--db", s(&db), "export"];
        args.extend(export);
        args.extend(["-o", s(&out)]);
        let run = failed(run_in(None, &args));
        assert!(run.stderr.contains(output), "{args:?}: {}", run.stderr);
        assert!(
            run.stderr.contains(&format!("does not end in {expected}")),
            "{args:?}: {}",
            run.stderr
        );
        assert!(!out.exists(), "{output} was not written");
    }
    assert!(temporaries(&dir).is_empty());

    // The right extension in any case, or none at all, is written as given.
    for (export, output, magic) in [
        (&["brief", "2026-0001"][..], "简要.PDF", &b"%PDF"[..]),
        (&["brief", "2026-0001"], "简要 无扩展名", b"%PDF"),
        (
            &["schedule", "2026-0002", "--format", "xlsx"],
            "进度表.xlsx",
            b"PK",
        ),
        (
            &["schedule", "2026-0002", "--format", "ics"],
            "日历",
            b"BEGIN:VCALENDAR",
        ),
    ] {
        let out = dir.join(output);
        let mut args = vec!["--db", s(&db), "export"];
        args.extend(export);
        args.extend(["-o", s(&out)]);
        ok(run_in(None, &args));
        let bytes = std::fs::read(&out).expect("written");
        assert!(bytes.starts_with(magic), "{output}");
    }
    assert!(temporaries(&dir).is_empty());
}

/// A file-size limit of 8 KiB makes the write fail partway; the shell ignores SIGXFSZ so the
/// write returns EFBIG instead of killing the process.
#[cfg(unix)]
#[test]
fn a_write_that_fails_halfway_leaves_the_earlier_file_as_it_was() {
    let (_tmp, dir, db) = sample();
    let pdf = dir.join("2026-0001 工作简要.pdf");
    ok(run_in(
        None,
        &[
            "--db",
            s(&db),
            "export",
            "brief",
            "2026-0001",
            "-o",
            s(&pdf),
        ],
    ));
    let good = std::fs::read(&pdf).expect("the good PDF");
    assert!(
        good.len() > 16 * 1024,
        "larger than the limit: {}",
        good.len()
    );
    assert!(good.starts_with(b"%PDF"));

    let mut limited = Command::new("sh");
    limited
        .arg("-c")
        .arg(r#"trap '' XFSZ; ulimit -f 8 && exec "$0" "$@""#)
        .arg(env!("CARGO_BIN_EXE_account-desk"))
        .args([
            "--db",
            s(&db),
            "export",
            "brief",
            "2026-0001",
            "--lang",
            "en",
        ])
        .arg("-o")
        .arg(&pdf);
    let run = failed(finish(limited));
    assert!(run.stderr.contains("could not write"), "{}", run.stderr);
    assert!(
        run.stderr.contains("2026-0001 工作简要.pdf"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("left as it was"), "{}", run.stderr);
    assert!(
        std::fs::read(&pdf).expect("still there") == good,
        "the earlier PDF is byte for byte as it was"
    );
    assert_eq!(temporaries(&dir), Vec::<String>::new(), "no temporary left");
    ok(run_in(None, &["--db", s(&db), "check"]));

    // Without the limit the same export replaces it whole.
    ok(run_in(
        None,
        &[
            "--db",
            s(&db),
            "export",
            "brief",
            "2026-0001",
            "--lang",
            "en",
            "-o",
            s(&pdf),
        ],
    ));
    assert!(std::fs::read(&pdf).expect("new PDF").starts_with(b"%PDF"));
    assert!(temporaries(&dir).is_empty());
}
