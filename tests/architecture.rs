//! Keeps the direction of dependencies honest (STYLE.md, "functional core, imperative shell"):
//! the domain is pure (no GUI, no database, no files, no clock) and redb stays inside
//! `src/store/`, so a shared team backend later needs only a new store.
//!
//! Comments are ignored (the domain's docs may say "no egui"); code and string literals count.

use std::path::{Path, PathBuf};

/// What the pure domain must not mention, with the reason shown on failure.
const DOMAIN_FORBIDDEN: &[(&str, &str)] = &[
    ("egui", "drawing belongs in src/ui/"),
    ("eframe", "the window belongs in src/app/"),
    ("redb", "storage belongs in src/store/"),
    ("std::fs", "files belong in src/store/ or the shell"),
    ("Utc::now", "the clock is a parameter (Ctx.now)"),
    ("Local::now", "today is a parameter"),
    ("SystemTime", "the clock is a parameter"),
];

/// What only `src/store/` may mention.
const STORE_ONLY: &[(&str, &str)] = &[
    ("redb::", "redb types stay inside src/store/"),
    ("use redb", "redb types stay inside src/store/"),
];

/// What the screens (`src/ui/`) must not mention: they read through `services::Reader`
/// and change things only by emitting a `Command`.
const UI_FORBIDDEN: &[(&str, &str)] = &[
    (
        "crate::store",
        "screens read through services::Reader and write through a services::Command",
    ),
    (
        "super::store",
        "screens read through services::Reader and write through a services::Command",
    ),
];

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(d) = pending.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

/// The text with `//` comments (including doc comments) removed, line by line.
fn code_only(text: &str) -> Vec<(usize, String)> {
    let mut lines = Vec::new();
    let mut in_block = false;
    for (i, line) in text.lines().enumerate() {
        let mut code = String::new();
        let mut rest = line;
        loop {
            if in_block {
                match rest.find("*/") {
                    Some(end) => {
                        rest = &rest[end + 2..];
                        in_block = false;
                    }
                    None => break,
                }
            } else {
                let line_comment = rest.find("//");
                let block = rest.find("/*");
                match (line_comment, block) {
                    (Some(l), Some(b)) if b < l => {
                        code.push_str(&rest[..b]);
                        rest = &rest[b + 2..];
                        in_block = true;
                    }
                    (Some(l), _) => {
                        code.push_str(&rest[..l]);
                        break;
                    }
                    (None, Some(b)) => {
                        code.push_str(&rest[..b]);
                        rest = &rest[b + 2..];
                        in_block = true;
                    }
                    (None, None) => {
                        code.push_str(rest);
                        break;
                    }
                }
            }
        }
        lines.push((i + 1, code));
    }
    lines
}

/// `file:line: mentions “word” (reason)` for every forbidden word in the code of `text`.
fn violations(file: &str, text: &str, forbidden: &[(&str, &str)]) -> Vec<String> {
    let mut found = Vec::new();
    for (line, code) in code_only(text) {
        for (word, why) in forbidden {
            if code.contains(word) {
                found.push(format!("{file}:{line}: mentions “{word}” ({why})"));
            }
        }
    }
    found
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn display(path: &Path) -> String {
    path.strip_prefix(env!("CARGO_MANIFEST_DIR"))
        .unwrap_or(path)
        .display()
        .to_string()
}

#[test]
fn the_domain_is_pure() {
    let files = rust_files(&src().join("domain"));
    assert!(files.len() > 3, "src/domain/ not found");
    let mut all = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        all.extend(violations(&display(file), &text, DOMAIN_FORBIDDEN));
    }
    assert!(
        all.is_empty(),
        "the domain must stay pure:\n{}",
        all.join("\n")
    );
}

#[test]
fn redb_stays_inside_the_store() {
    let store = src().join("store");
    let mut all = Vec::new();
    let files = rust_files(&src());
    assert!(files.iter().any(|f| f.starts_with(&store)));
    for file in files.iter().filter(|f| !f.starts_with(&store)) {
        let text = std::fs::read_to_string(file).unwrap();
        all.extend(violations(&display(file), &text, STORE_ONLY));
    }
    assert!(
        all.is_empty(),
        "redb outside src/store/:\n{}",
        all.join("\n")
    );
}

#[test]
fn screens_never_touch_the_store() {
    let files = rust_files(&src().join("ui"));
    assert!(files.len() > 3, "src/ui/ not found");
    let mut all = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        all.extend(violations(&display(file), &text, UI_FORBIDDEN));
    }
    assert!(
        all.is_empty(),
        "src/ui/ reaches into the store:\n{}",
        all.join("\n")
    );
    let caught = violations(
        "x.rs",
        "use crate::store::{Store, StoreError};",
        UI_FORBIDDEN,
    );
    assert_eq!(caught.len(), 1, "{caught:?}");
}

#[test]
fn the_checks_catch_code_and_ignore_comments() {
    let text = "//! No egui here, no redb either.\n\
                use chrono::Utc; // not Utc::now\n\
                /* SystemTime in a block\n still a comment */ fn f() {}\n\
                fn g() { let _ = chrono::Utc::now(); }\n\
                use redb::Database;\n";
    let domain = violations("x.rs", text, DOMAIN_FORBIDDEN);
    assert_eq!(
        domain,
        [
            "x.rs:5: mentions “Utc::now” (the clock is a parameter (Ctx.now))",
            "x.rs:6: mentions “redb” (storage belongs in src/store/)",
        ]
    );
    let store = violations("x.rs", text, STORE_ONLY);
    assert_eq!(store.len(), 2, "{store:?}");
    assert!(
        violations(
            "x.rs",
            "fn f() { egui::Label::new(\"x\"); }",
            DOMAIN_FORBIDDEN
        )
        .iter()
        .any(|v| v.contains("egui"))
    );
}
