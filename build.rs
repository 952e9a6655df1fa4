//! Build script: on Windows targets only, embeds into `account-desk.exe` and its console
//! companion `account-desk-cli.exe` the app icon (`assets/icon.ico`), the version info Windows
//! shows in the file's Properties and in Task Manager, and an application manifest. Other targets do nothing here (macOS takes its icon
//! from the `.app` bundle, Linux from the window itself).
//!
//! With MinGW (the cross build from Linux, `x86_64-pc-windows-gnu`) this needs
//! `x86_64-w64-mingw32-windres` (Debian: `binutils-mingw-w64-x86-64`, which
//! `gcc-mingw-w64-x86-64` pulls in); with MSVC, `rc.exe` from the Windows SDK.

use std::env;

/// The icon at every size Windows asks for (16–256 px), made from the master drawing with
/// `convert assets/icon-1024.png -strip -define icon:auto-resize=256,128,64,48,32,24,16 assets/icon.ico`.
const ICON: &str = "assets/icon.ico";
const PRODUCT: &str = "Account Desk 客户执行台";
/// The binaries that carry the resources, each with the description Task Manager shows.
const BINARIES: [(&str, &str); 2] = [
    ("account-desk", PRODUCT),
    (
        "account-desk-cli",
        "Account Desk 客户执行台 命令行 (command line)",
    ),
];
const COMPANY: &str = "Account Desk contributors";
const COPYRIGHT: &str = "© Account Desk contributors. MIT OR Apache-2.0";
/// The application manifest: runs as the user who started it (no elevation prompt), declares
/// Windows 10/11 (no compatibility shims), per-monitor DPI awareness (what winit asks for at
/// start-up anyway) and long-path support. Embedded from the file, byte for byte: winresource's
/// inline form re-quotes it line by line and puts a space before the XML declaration, which is
/// not well-formed XML.
const MANIFEST: &str = "packaging/windows/account-desk.exe.manifest";

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed={ICON}");
    println!("cargo:rerun-if-changed={MANIFEST}");
    for var in ["WINDRES", "AR", "CROSS_COMPILE", "RC_PATH"] {
        println!("cargo:rerun-if-env-changed={var}");
    }
    if env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("windows") {
        windows_resources();
    }
}

fn windows_resources() {
    let manifest_dir = env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| ".".into());
    let icon = std::path::Path::new(&manifest_dir).join(ICON);
    let manifest = std::path::Path::new(&manifest_dir).join(MANIFEST);
    let version = env::var("CARGO_PKG_VERSION").unwrap_or_default();

    for (bin, description) in BINARIES {
        let mut res = winresource::WindowsResource::new();
        res.set_icon(&icon.to_string_lossy())
            .set("FileDescription", description)
            .set("ProductName", PRODUCT)
            .set("CompanyName", COMPANY)
            .set("LegalCopyright", COPYRIGHT)
            .set("FileVersion", &version)
            .set("ProductVersion", &version)
            .set("InternalName", bin)
            .set("OriginalFilename", &format!("{bin}.exe"))
            .set_manifest_file(&manifest.to_string_lossy());
        // Only the binaries carry the resources (each its own, `{bin}_res.o` in OUT_DIR);
        // tests and benches link without them.
        if let Err(e) = res.compile_for(bin) {
            let tool = match env::var("CARGO_CFG_TARGET_ENV").as_deref() {
                Ok("msvc") => "rc.exe from the Windows SDK (or set RC_PATH)",
                _ => {
                    "windres from MinGW binutils (Debian: apt-get install binutils-mingw-w64-x86-64; \
                     or set WINDRES to its path)"
                }
            };
            panic!(
                "could not compile the Windows resources of {bin}.exe (icon {}, version info): {e}\n\
                 This needs {tool}.",
                icon.display()
            );
        }
    }
}
