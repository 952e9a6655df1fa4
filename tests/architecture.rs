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
    // The module's own file, src/domain.rs, and everything in src/domain/.
    let mut files = rust_files(&src().join("domain"));
    files.push(src().join("domain.rs"));
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

/// The longest a source file may grow before it is split along its responsibilities
/// (STYLE.md, habit 4).
const MAX_LINES: usize = 600;

/// Files still longer than [`MAX_LINES`] while the work in their area splits them, each with
/// why it is let through for now. Remove an entry once its file is split.
const LONG_FILES_ALLOWED: &[(&str, &str)] = &[];

/// Folders whose modules still use `mod.rs` while others work in them; everywhere else a
/// module with children is `name.rs` beside a `name/` folder.
const MOD_RS_ALLOWED: &[(&str, &str)] = &[];

fn relative(path: &Path) -> String {
    display(path).replace('\\', "/")
}

#[test]
fn no_source_file_is_longer_than_the_limit() {
    let mut long = Vec::new();
    for file in rust_files(&src()) {
        let name = relative(&file);
        let lines = std::fs::read_to_string(&file).unwrap().lines().count();
        if lines > MAX_LINES && !LONG_FILES_ALLOWED.iter().any(|(f, _)| *f == name) {
            long.push(format!("{name}: {lines} lines"));
        }
    }
    assert!(
        long.is_empty(),
        "files over {MAX_LINES} lines are hard to read and to merge; split each along its \
         responsibilities (STYLE.md, habit 4), e.g. tests into name/tests.rs, one tab or \
         step per file:\n{}",
        long.join("\n")
    );
}

#[test]
fn modules_with_children_are_a_file_beside_their_folder() {
    let mut found = Vec::new();
    for file in rust_files(&src()) {
        let name = relative(&file);
        let allowed = MOD_RS_ALLOWED.iter().any(|(dir, _)| name.starts_with(dir));
        if file.file_name().is_some_and(|f| f == "mod.rs") && !allowed {
            found.push(name);
        }
    }
    assert!(
        found.is_empty(),
        "the crate's modules are `name.rs` beside `name/`, not `name/mod.rs` (one style, so \
         a module is found in one place); move these with `git mv x/mod.rs x.rs`:\n{}",
        found.join("\n")
    );
}

/// Type names still defined twice while others work in those areas, with why.
const SHARED_NAMES_ALLOWED: &[(&str, &str)] = &[
    (
        "Fixture",
        "the use cases' test fixtures, renamed with the storage work",
    ),
    (
        "Doc",
        "the PDF writers' documents, renamed with the PDF work",
    ),
];

/// The name a line of code defines as a type (`struct`, `enum`, `trait`; `type` only at the
/// top of a file, so associated types in impls do not count), if it defines one.
fn defined_type(code: &str) -> Option<&str> {
    let trimmed = code.trim_start();
    let mut words = trimmed.split_whitespace().peekable();
    if words.peek().is_some_and(|w| w.starts_with("pub")) {
        words.next();
    }
    let keyword = words.next()?;
    let top_level = trimmed.len() == code.len();
    if !(matches!(keyword, "struct" | "enum" | "trait") || keyword == "type" && top_level) {
        return None;
    }
    let name = words.next()?;
    let end = name
        .find(|c: char| !(c.is_alphanumeric() || c == '_'))
        .unwrap_or(name.len());
    Some(&name[..end]).filter(|n| !n.is_empty())
}

#[test]
fn no_two_types_share_a_name() {
    let mut defined: std::collections::BTreeMap<String, Vec<String>> = Default::default();
    for file in rust_files(&src()) {
        let text = std::fs::read_to_string(&file).unwrap();
        for (line, code) in code_only(&text) {
            if let Some(name) = defined_type(&code) {
                defined
                    .entry(name.to_string())
                    .or_default()
                    .push(format!("{}:{line}", relative(&file)));
            }
        }
    }
    let shared: Vec<String> = defined
        .iter()
        .filter(|(name, places)| {
            places.len() > 1 && !SHARED_NAMES_ALLOWED.iter().any(|(n, _)| n == name)
        })
        .map(|(name, places)| format!("{name}: {}", places.join(", ")))
        .collect();
    assert!(
        shared.is_empty(),
        "each type has a name of its own, so a search, an import or an error message points \
         to one thing; rename one of each:\n{}",
        shared.join("\n")
    );
}

#[test]
fn type_definitions_are_recognised() {
    assert_eq!(defined_type("pub struct Meeting {"), Some("Meeting"));
    assert_eq!(defined_type("    pub(crate) enum RowOp {"), Some("RowOp"));
    assert_eq!(defined_type("struct Rng(u64);"), Some("Rng"));
    assert_eq!(defined_type("pub trait Opener {"), Some("Opener"));
    assert_eq!(
        defined_type("type Background = (u8, u8);"),
        Some("Background")
    );
    assert_eq!(defined_type("    type SelfType<'a> = &'a [u8];"), None);
    assert_eq!(defined_type("let structure = 1;"), None);
}
