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
