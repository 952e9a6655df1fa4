//! The packaging descriptions checked into the repository agree with the crate: a bundle
//! built on a Mac (scripts/package-macos) carries the right version, executable and icons.

use std::path::Path;

fn read(path: &str) -> String {
    let full = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{}: {e}", full.display()))
}

/// The `<string>` value that follows `<key>{key}</key>` in a property list.
fn plist_string(plist: &str, key: &str) -> Option<String> {
    let after_key = plist.split_once(&format!("<key>{key}</key>"))?.1;
    let value = after_key.trim_start().strip_prefix("<string>")?;
    Some(value.split_once("</string>")?.0.to_owned())
}

#[test]
fn macos_bundle_matches_the_crate() {
    let plist = read("packaging/macos/Info.plist");
    let version = env!("CARGO_PKG_VERSION");
    assert_eq!(
        plist_string(&plist, "CFBundleShortVersionString").as_deref(),
        Some(version)
    );
    assert_eq!(
        plist_string(&plist, "CFBundleVersion").as_deref(),
        Some(version)
    );
    // The executable the bundle launches is the crate's binary.
    let binary = Path::new(env!("CARGO_BIN_EXE_account-desk"))
        .file_stem()
        .and_then(|s| s.to_str());
    assert_eq!(
        plist_string(&plist, "CFBundleExecutable").as_deref(),
        binary
    );
    assert_eq!(
        plist_string(&plist, "CFBundleIdentifier").as_deref(),
        Some("app.accountdesk.AccountDesk")
    );
    assert_eq!(
        plist_string(&plist, "CFBundleIconFile").as_deref(),
        Some("AppIcon")
    );
    // Exported PDFs are declared without claiming to open them.
    let pdf = plist.split_once("com.adobe.pdf").map(|(before, _)| before);
    assert!(pdf.is_some_and(|before| before.contains("<string>None</string>")));
}

#[test]
fn macos_names_are_localised() {
    let zh = read("packaging/macos/zh-Hans.lproj/InfoPlist.strings");
    assert!(zh.contains("CFBundleDisplayName = \"客户执行台\";"), "{zh}");
    let en = read("packaging/macos/en.lproj/InfoPlist.strings");
    assert!(
        en.contains("CFBundleDisplayName = \"Account Desk\";"),
        "{en}"
    );
}

#[test]
fn macos_icon_set_has_every_retina_size() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("packaging/macos/AppIcon.icns");
    let icns = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    assert_eq!(&icns[..4], b"icns");
    let declared = u32::from_be_bytes([icns[4], icns[5], icns[6], icns[7]]) as usize;
    assert_eq!(declared, icns.len(), "icns length header");
    // Walk the elements: 256, 512 and 1024 px (ic08, ic09, ic10) are what Retina Finder uses.
    let mut kinds = Vec::new();
    let mut at = 8;
    while at + 8 <= icns.len() {
        let kind = String::from_utf8_lossy(&icns[at..at + 4]).into_owned();
        let len = u32::from_be_bytes([icns[at + 4], icns[at + 5], icns[at + 6], icns[at + 7]]);
        assert!(len >= 8, "element {kind} has length {len}");
        kinds.push(kind);
        at += len as usize;
    }
    assert_eq!(at, icns.len(), "elements fill the file exactly");
    for kind in ["ic08", "ic09", "ic10", "il32", "is32"] {
        assert!(
            kinds.iter().any(|k| k == kind),
            "{kind} missing from {kinds:?}"
        );
    }
}

// ---- Licences ------------------------------------------------------------------------------

#[test]
fn own_licence_files_are_the_standard_texts_of_the_crate_licence() {
    assert_eq!(env!("CARGO_PKG_LICENSE"), "MIT OR Apache-2.0");
    let mit = read("LICENSE-MIT");
    for text in [
        "Copyright (c) 2026 Account Desk contributors",
        "Permission is hereby granted, free of charge, to any person obtaining a copy",
        "The above copyright notice and this permission notice shall be included in all",
        "THE SOFTWARE IS PROVIDED \"AS IS\", WITHOUT WARRANTY OF ANY KIND",
    ] {
        assert!(mit.contains(text), "LICENSE-MIT lacks {text:?}");
    }
    let apache = read("LICENSE-APACHE");
    for text in [
        "Apache License",
        "Version 2.0, January 2004",
        "TERMS AND CONDITIONS FOR USE, REPRODUCTION, AND DISTRIBUTION",
        "4. Redistribution.",
        "9. Accepting Warranty or Additional Liability.",
        "END OF TERMS AND CONDITIONS",
    ] {
        assert!(apache.contains(text), "LICENSE-APACHE lacks {text:?}");
    }
    // The whole text, not an excerpt: 201 lines as the Apache Software Foundation publishes it.
    assert!(apache.lines().count() >= 200, "LICENSE-APACHE is cut short");
}

/// Whether a file in fonts/ is a font (everything else there must be a licence text).
fn is_font(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    [".ttf", ".otf", ".ttc", ".otc", ".woff", ".woff2"]
        .iter()
        .any(|ext| lower.ends_with(ext))
}

#[test]
fn every_font_licence_is_picked_up_by_the_packages() {
    // scripts/licences copies fonts/*.txt into every package: a licence under another name
    // or in a subfolder would be left out of the installer, the zip and the app bundle.
    let fonts = Path::new(env!("CARGO_MANIFEST_DIR")).join("fonts");
    let mut fonts_seen = 0;
    let mut licences = Vec::new();
    let entries = std::fs::read_dir(&fonts).unwrap_or_else(|e| panic!("{}: {e}", fonts.display()));
    for entry in entries {
        let entry = entry.unwrap_or_else(|e| panic!("{}: {e}", fonts.display()));
        let name = entry.file_name().to_string_lossy().into_owned();
        let path = entry.path();
        assert!(
            path.is_file(),
            "fonts/{name} is a folder: scripts/licences ships only fonts/*.txt, so keep fonts and \
             their licences directly in fonts/"
        );
        if is_font(&name) {
            fonts_seen += 1;
        } else {
            assert!(
                name.ends_with(".txt"),
                "fonts/{name} is neither a font nor a .txt licence: scripts/licences ships only \
                 fonts/*.txt (rename it to {name}.txt if it is a licence)"
            );
            licences.push(name);
        }
    }
    assert!(fonts_seen > 0, "no fonts in fonts/");
    assert!(licences.iter().any(|l| l == "OFL.txt"), "{licences:?}");
    let script = read("scripts/licences");
    assert!(script.contains("cp fonts/*.txt \"$out/\""), "{script}");
    assert!(script.contains("cp LICENSE-MIT LICENSE-APACHE \"$out/\""));
    assert!(script.contains("THIRD-PARTY-LICENSES.html"));
}

#[test]
fn packages_ship_the_companion_and_every_licence() {
    let windows = read("scripts/package-windows");
    for text in [
        "--bin account-desk --bin account-desk-cli",
        "scripts/licences \"$stage/licences\" \"$WIN_TRIPLE\"",
        "account-desk-cli.exe",
        "licences/LICENSE-MIT",
        "licences/LICENSE-APACHE",
        "licences/THIRD-PARTY-LICENSES.html",
        "check_exe \"$exe\" \"Account Desk 客户执行台\" 2",
        "check_exe \"$cli_exe\" \"Account Desk 客户执行台 命令行 (command line)\" 3",
    ] {
        assert!(
            windows.contains(text),
            "scripts/package-windows lacks {text:?}"
        );
    }
    let installer = read("packaging/windows/installer.nsi");
    for text in [
        "!define CLI_NAME \"account-desk-cli.exe\"",
        "File \"${STAGE}\\${EXE_NAME}\"",
        "File \"${STAGE}\\${CLI_NAME}\"",
        "File \"${STAGE}\\licences\\*\"",
        "Delete \"$INSTDIR\\${CLI_NAME}\"",
        "RMDir /r \"$INSTDIR\\licences\"",
    ] {
        assert!(installer.contains(text), "installer.nsi lacks {text:?}");
    }
    let macos = read("scripts/package-macos");
    assert!(
        macos.contains("scripts/licences \"$app/Contents/Resources/licences\" \"${targets[@]}\"")
    );
    // The descriptions the Windows build embeds match the ones the package checks.
    let build = read("build.rs");
    for text in [
        "\"account-desk-cli\"",
        "\"Account Desk 客户执行台 命令行 (command line)\"",
    ] {
        assert!(build.contains(text), "build.rs lacks {text}");
    }
}

#[test]
fn the_licence_tool_is_pinned_and_kept_out_of_ci() {
    let script = read("scripts/licences");
    let version = script
        .lines()
        .find_map(|l| l.strip_prefix("ABOUT_VERSION="))
        .expect("scripts/licences pins ABOUT_VERSION");
    assert!(
        version.split('.').count() == 3 && version.split('.').all(|n| n.parse::<u32>().is_ok()),
        "ABOUT_VERSION={version} is not an exact version"
    );
    assert!(
        script.contains("cargo install --locked --features cli \"cargo-about@$ABOUT_VERSION\"")
    );
    // CI checks about.toml through the test below; it neither installs nor runs cargo-about.
    let ci = read(".ci/run");
    for tool in [
        "cargo-about",
        "cargo about",
        "scripts/licences",
        "package-windows",
    ] {
        assert!(!ci.contains(tool), ".ci/run mentions {tool}");
    }
}

/// The quoted strings of the TOML array `key = [ ... ]` in `toml` (enough for about.toml).
fn toml_strings(toml: &str, key: &str) -> Vec<String> {
    let start = toml
        .lines()
        .position(|l| l.trim_start().starts_with(&format!("{key} = [")))
        .unwrap_or_else(|| panic!("about.toml has no {key} = [...]"));
    let mut values = Vec::new();
    for line in toml.lines().skip(start) {
        let line = line.split('#').next().unwrap_or("");
        let line = line.split_once('[').map_or(line, |(_, rest)| rest);
        for (i, part) in line.split('"').enumerate() {
            if i % 2 == 1 {
                values.push(part.to_owned());
            }
        }
        if line.contains(']') {
            break;
        }
    }
    values
}

/// Whether the SPDX expression `expression` (as crates declare it in Cargo.toml, the old
/// `MIT/Apache-2.0` spelling included) can be met with the `accepted` licences.
fn satisfiable(expression: &str, accepted: &[String]) -> bool {
    let spaced = expression
        .replace('(', " ( ")
        .replace(')', " ) ")
        .replace('/', " OR ");
    let tokens: Vec<&str> = spaced.split_whitespace().collect();
    let mut at = 0;
    let met = or_expression(&tokens, &mut at, accepted);
    met == Some(true) && at == tokens.len()
}

fn or_expression(tokens: &[&str], at: &mut usize, accepted: &[String]) -> Option<bool> {
    let mut met = and_expression(tokens, at, accepted)?;
    while tokens.get(*at) == Some(&"OR") {
        *at += 1;
        met |= and_expression(tokens, at, accepted)?;
    }
    Some(met)
}

fn and_expression(tokens: &[&str], at: &mut usize, accepted: &[String]) -> Option<bool> {
    let mut met = licence(tokens, at, accepted)?;
    while tokens.get(*at) == Some(&"AND") {
        *at += 1;
        met &= licence(tokens, at, accepted)?;
    }
    Some(met)
}

fn licence(tokens: &[&str], at: &mut usize, accepted: &[String]) -> Option<bool> {
    let token = *tokens.get(*at)?;
    *at += 1;
    if token == "(" {
        let met = or_expression(tokens, at, accepted)?;
        (tokens.get(*at) == Some(&")")).then_some(())?;
        *at += 1;
        return Some(met);
    }
    if ["OR", "AND", "WITH", ")"].contains(&token) {
        return None;
    }
    // `Apache-2.0 WITH LLVM-exception` counts only when listed with its exception.
    let mut id = token.to_owned();
    if tokens.get(*at) == Some(&"WITH") {
        id = format!("{id} WITH {}", tokens.get(*at + 1)?);
        *at += 2;
    }
    Some(accepted.contains(&id))
}

#[test]
fn licence_expressions_are_read_as_cargo_about_reads_them() {
    let accepted: Vec<String> = ["MIT", "Apache-2.0", "Unicode-3.0"]
        .map(String::from)
        .into();
    assert!(satisfiable("MIT OR Apache-2.0", &accepted));
    assert!(satisfiable("MIT/Apache-2.0", &accepted));
    assert!(satisfiable("MIT / Apache-2.0", &accepted));
    assert!(satisfiable("Apache-2.0 OR GPL-2.0-only", &accepted));
    assert!(satisfiable(
        "(MIT OR Apache-2.0) AND Unicode-3.0",
        &accepted
    ));
    assert!(!satisfiable("(MIT OR Apache-2.0) AND OFL-1.1", &accepted));
    assert!(!satisfiable("GPL-3.0-only", &accepted));
    assert!(!satisfiable("Apache-2.0 WITH LLVM-exception", &accepted));
    assert!(satisfiable(
        "Apache-2.0 WITH LLVM-exception OR Apache-2.0 OR MIT",
        &accepted
    ));
    assert!(!satisfiable("", &accepted), "no licence at all");
    assert!(!satisfiable("MIT OR", &accepted), "malformed");
}

#[test]
fn about_toml_accepts_the_licence_of_every_crate_inside_the_program() {
    let about = read("about.toml");
    let accepted = toml_strings(&about, "accepted");
    let targets = toml_strings(&about, "targets");
    assert!(accepted.iter().any(|l| l == "MIT"), "{accepted:?}");
    assert!(
        targets.iter().any(|t| t == "x86_64-pc-windows-gnu"),
        "{targets:?}"
    );
    // What cargo-about lists: the program's normal dependencies (no build scripts' or tests')
    // on the platforms that are packaged, each with the licence its Cargo.toml declares.
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let mut tree = std::process::Command::new(cargo);
    tree.current_dir(env!("CARGO_MANIFEST_DIR"))
        .args([
            "tree",
            "-p",
            env!("CARGO_PKG_NAME"),
            "-e",
            "normal",
            "--prefix",
            "none",
        ])
        .args(["--format", "{p}\t{l}"]);
    for target in &targets {
        tree.args(["--target", target]);
    }
    let out = tree.output().expect("run cargo tree");
    assert!(
        out.status.success(),
        "cargo tree failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let listing = String::from_utf8_lossy(&out.stdout);
    let mut crates = 0;
    let mut refused = Vec::new();
    for line in listing.lines() {
        let Some((package, licence)) = line.split_once('\t') else {
            continue;
        };
        crates += 1;
        let licence = licence.trim_end_matches(" (*)").trim();
        if !satisfiable(licence, &accepted) {
            refused.push(format!("{package}: {licence:?}"));
        }
    }
    assert!(
        crates > 100,
        "cargo tree listed only {crates} crates:\n{listing}"
    );
    refused.sort();
    refused.dedup();
    assert!(
        refused.is_empty(),
        "about.toml does not accept the licences of these crates, so scripts/licences (and with \
         it the packaging) would fail; check the licence and add it to `accepted` if it may be \
         shipped:\n{}",
        refused.join("\n")
    );
}

// ---- The console companion -------------------------------------------------------------------

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn run<S: AsRef<std::ffi::OsStr>>(program: &str, args: &[S]) -> Run {
    let out = std::process::Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{program}: {e}"));
    let run = Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    run
}

const COMPANION: &str = env!("CARGO_BIN_EXE_account-desk-cli");
const DESK: &str = env!("CARGO_BIN_EXE_account-desk");

#[test]
fn the_console_companion_runs_the_commands_with_their_output_and_exit_codes() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path().join("客户 资料");
    std::fs::create_dir_all(&dir).expect("folder");
    let db = dir.join("account-desk.redb");
    let on_db = |args: &[&str]| -> Vec<std::ffi::OsString> {
        let mut all = vec!["--db".into(), db.clone().into_os_string()];
        all.extend(args.iter().map(std::ffi::OsString::from));
        all
    };

    // Without a command: its usage, status 2, and no database made (no window either).
    let bare = run(COMPANION, &on_db(&[]));
    assert_eq!(bare.code, Some(2), "{}", bare.stderr);
    assert!(
        bare.stderr.contains("Usage: account-desk-cli"),
        "{}",
        bare.stderr
    );
    assert!(!db.exists());

    let help = run(COMPANION, &["--help"]);
    assert_eq!(help.code, Some(0));
    assert!(
        help.stdout.contains("Usage: account-desk-cli"),
        "{}",
        help.stdout
    );
    assert!(help.stdout.contains("for scripts"), "{}", help.stdout);
    assert!(help.stdout.contains("sample-data"), "{}", help.stdout);
    let version = run(COMPANION, &["--version"]);
    assert_eq!(
        version.stdout.trim(),
        format!("account-desk-cli {}", env!("CARGO_PKG_VERSION"))
    );

    let loaded = run(COMPANION, &on_db(&["sample-data"]));
    assert_eq!(loaded.code, Some(0), "{}", loaded.stderr);
    assert!(loaded.stdout.contains("13 jobs"), "{}", loaded.stdout);

    // The same code as the window's binary: the same report, byte for byte.
    let listed = run(COMPANION, &on_db(&["list", "jobs"]));
    assert_eq!(listed.code, Some(0), "{}", listed.stderr);
    assert!(
        listed.stdout.starts_with("number\ttitle\tclient"),
        "{}",
        listed.stdout
    );
    assert_eq!(listed.stdout.lines().count(), 14, "{}", listed.stdout);
    let desk_listed = run(DESK, &on_db(&["list", "jobs"]));
    assert_eq!(listed.stdout, desk_listed.stdout);

    // A failure: status 1 and the reason on stderr, as from the window's binary.
    let pdf = dir.join("简要.pdf");
    let mut missing = on_db(&["export", "brief", "1999-0999", "-o"]);
    missing.push(pdf.clone().into_os_string());
    let failed = run(COMPANION, &missing);
    assert_eq!(failed.code, Some(1), "{}", failed.stderr);
    assert!(failed.stderr.starts_with("error: "), "{}", failed.stderr);
    assert!(failed.stderr.contains("1999-0999"), "{}", failed.stderr);
    assert!(failed.stdout.is_empty(), "{}", failed.stdout);
    assert!(!pdf.exists());
    let desk_failed = run(DESK, &missing);
    assert_eq!(desk_failed.code, Some(1));
    assert_eq!(failed.stderr, desk_failed.stderr);

    // A usage error: status 2.
    let unknown = run(COMPANION, &on_db(&["list", "invoices"]));
    assert_eq!(unknown.code, Some(2), "{}", unknown.stderr);
    let checked = run(COMPANION, &on_db(&["check"]));
    assert_eq!(checked.code, Some(0), "{}", checked.stderr);
    assert!(
        checked.stdout.contains("No problems found."),
        "{}",
        checked.stdout
    );
}

// ---- The repository ------------------------------------------------------------------------

#[test]
fn no_exported_document_is_checked_in() {
    // Tests write their documents to temporary folders; a document at the top of the
    // repository is a stray from a run by hand (once a PDF named x.xlsx).
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let listed = std::process::Command::new("git")
        .args(["ls-files", "-z"])
        .current_dir(root)
        .output();
    let Some(listed) = listed.ok().filter(|o| o.status.success()) else {
        // A source archive without git: nothing is checked in there.
        eprintln!("not a git checkout: nothing to check");
        return;
    };
    let strays: Vec<String> = listed
        .stdout
        .split(|b| *b == 0)
        .map(|f| String::from_utf8_lossy(f).into_owned())
        .filter(|f| !f.is_empty() && !f.contains('/'))
        .filter(|f| {
            let lower = f.to_ascii_lowercase();
            [".pdf", ".xlsx", ".ics", ".eml", ".redb", ".png"]
                .iter()
                .any(|ext| lower.ends_with(ext))
        })
        .collect();
    assert!(
        strays.is_empty(),
        "documents at the repository's top: {strays:?}"
    );
    // And the ignore list keeps new ones out.
    let ignore = read(".gitignore");
    for pattern in ["/*.pdf", "/*.xlsx", "/*.ics", "/*.eml"] {
        assert!(
            ignore.lines().any(|l| l == pattern),
            ".gitignore lacks {pattern}"
        );
    }
}
