//! Where Account Desk keeps its files on this computer: the database, its `backups/` folder
//! and the window's remembered preferences (`app.ron`), all in one data folder.
//!
//! [`data_places`] decides it from plain inputs (the operating system, the per-user data folder,
//! the folder of the running program and a probe for existing files) so the tests can check
//! the conventions of all three systems on any machine; [`DataPlaces::here`] feeds it the real
//! ones.

use std::path::{Path, PathBuf};

/// The database file name inside the data folder.
pub const DB_FILE_NAME: &str = "account-desk.redb";
/// The file eframe keeps the window's size and position and the preferences in.
pub const PREFS_FILE_NAME: &str = "app.ron";
/// A file with this name beside the program makes it portable: data in `data/` beside it.
pub const PORTABLE_MARKER: &str = "account-desk.portable";
/// The data folder's name inside the program's folder in portable mode.
pub const PORTABLE_DATA_DIR: &str = "data";

/// Whose conventions to follow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Platform {
    /// `%APPDATA%\Account Desk`.
    Windows,
    /// `~/Library/Application Support/Account Desk`.
    MacOs,
    /// Linux and other Unix desktops: `$XDG_DATA_HOME/account-desk`.
    Linux,
}

impl Platform {
    /// The system this program was built for.
    pub fn current() -> Platform {
        if cfg!(windows) {
            Platform::Windows
        } else if cfg!(target_os = "macos") {
            Platform::MacOs
        } else {
            Platform::Linux
        }
    }

    /// The data folder's name inside the per-user data folder.
    fn folder_name(self) -> &'static str {
        match self {
            Platform::Windows | Platform::MacOs => "Account Desk",
            Platform::Linux => "account-desk",
        }
    }
}

/// How the data folder was chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlaceKind {
    /// The per-user data folder of this system.
    Standard,
    /// `data/` beside the program, because of the [`PORTABLE_MARKER`] file.
    Portable,
    /// The standard folder, but the database stays where version 0.1 put it on Windows
    /// (`%APPDATA%\Account Desk\data\`), because it exists there and not at the new place.
    Legacy,
}

/// The files of Account Desk on this computer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DataPlaces {
    /// The data folder: database, `backups/` and preferences.
    pub folder: PathBuf,
    /// The database, unless `--db` names another.
    pub db: PathBuf,
    /// eframe's `app.ron`: window size and position, language, theme, last screen.
    pub prefs: PathBuf,
    /// Preferences written by version 0.1 (eframe's own default folder), to copy to
    /// [`DataPlaces::prefs`] once, when only they exist.
    pub old_prefs: Option<PathBuf>,
    /// Why this folder.
    pub kind: PlaceKind,
}

/// Decides the data places.
///
/// - `user_data`: the per-user data folder (`%APPDATA%`, `~/Library/Application Support`,
///   `$XDG_DATA_HOME` or `~/.local/share`), `None` if the system has none;
/// - `exe_dir`: the folder of the running program;
/// - `exists`: whether a file exists (a real probe, or a set in tests).
///
/// `None` only when there is neither a portable marker nor a per-user data folder.
pub fn data_places(
    platform: Platform,
    user_data: Option<&Path>,
    exe_dir: Option<&Path>,
    exists: impl Fn(&Path) -> bool,
) -> Option<DataPlaces> {
    if let Some(exe_dir) = exe_dir
        && exists(&exe_dir.join(PORTABLE_MARKER))
    {
        let folder = exe_dir.join(PORTABLE_DATA_DIR);
        return Some(DataPlaces {
            db: folder.join(DB_FILE_NAME),
            prefs: folder.join(PREFS_FILE_NAME),
            folder,
            old_prefs: None,
            kind: PlaceKind::Portable,
        });
    }
    let user_data = user_data?;
    let folder = user_data.join(platform.folder_name());
    let db = folder.join(DB_FILE_NAME);
    let prefs = folder.join(PREFS_FILE_NAME);
    // Version 0.1 used `ProjectDirs::from_path`, which adds `data\` on Windows only, and let
    // eframe choose the preferences folder from the app id "account-desk".
    let (old_db, old_prefs) = match platform {
        Platform::Windows => (
            Some(folder.join("data").join(DB_FILE_NAME)),
            Some(
                user_data
                    .join("account-desk")
                    .join("data")
                    .join(PREFS_FILE_NAME),
            ),
        ),
        Platform::MacOs => (
            None,
            Some(user_data.join("account-desk").join(PREFS_FILE_NAME)),
        ),
        Platform::Linux => (None, None),
    };
    let old_prefs = old_prefs.filter(|old| !exists(&prefs) && exists(old));
    let (db, kind) = match old_db {
        Some(old) if !exists(&db) && exists(&old) => (old, PlaceKind::Legacy),
        _ => (db, PlaceKind::Standard),
    };
    Some(DataPlaces {
        folder,
        db,
        prefs,
        old_prefs,
        kind,
    })
}

impl DataPlaces {
    /// The connection profiles of team databases (`teams.conf` in the data folder).
    pub fn profiles(&self) -> PathBuf {
        super::profiles::profiles_file(&self.folder)
    }

    /// The places on this computer, for this running program.
    pub fn here() -> Option<DataPlaces> {
        let user_data = directories::BaseDirs::new().map(|d| d.data_dir().to_path_buf());
        let exe = std::env::current_exe().ok();
        let exe_dir = exe.as_deref().and_then(Path::parent);
        data_places(
            Platform::current(),
            user_data.as_deref(),
            exe_dir,
            Path::exists,
        )
    }

    /// Copies the preferences of version 0.1 to their new place, once (the old file stays:
    /// an older Account Desk may still read it). Failing only costs the remembered window
    /// size and language, so it is logged, not raised.
    pub fn adopt_old_prefs(&self) {
        let Some(old) = &self.old_prefs else {
            return;
        };
        let copied =
            std::fs::create_dir_all(&self.folder).and_then(|()| std::fs::copy(old, &self.prefs));
        match copied {
            Ok(_) => log::info!("preferences copied from {}", old.display()),
            Err(e) => log::warn!("could not copy preferences from {}: {e}", old.display()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    /// Runs [`data_places`] with `existing` as the files on disk.
    fn places(
        platform: Platform,
        user_data: &str,
        exe_dir: &str,
        existing: &[PathBuf],
    ) -> DataPlaces {
        let existing: HashSet<&PathBuf> = existing.iter().collect();
        data_places(
            platform,
            Some(Path::new(user_data)),
            Some(Path::new(exe_dir)),
            |p| existing.contains(&p.to_path_buf()),
        )
        .expect("places")
    }

    fn p(parts: &[&str]) -> PathBuf {
        parts.iter().collect()
    }

    const WIN_APPDATA: &str = r"C:\Users\王小明\AppData\Roaming";
    const WIN_EXE: &str = r"C:\Program Files\Account Desk";
    const MAC_DATA: &str = "/Users/wang/Library/Application Support";
    const MAC_EXE: &str = "/Applications/Account Desk.app/Contents/MacOS";
    const LINUX_DATA: &str = "/home/wang/.local/share";
    const LINUX_EXE: &str = "/usr/bin";

    #[test]
    fn each_system_has_its_own_per_user_data_folder() {
        let win = places(Platform::Windows, WIN_APPDATA, WIN_EXE, &[]);
        assert_eq!(win.folder, p(&[WIN_APPDATA, "Account Desk"]));
        assert_eq!(win.db, p(&[WIN_APPDATA, "Account Desk", DB_FILE_NAME]));
        assert_eq!(win.prefs, p(&[WIN_APPDATA, "Account Desk", "app.ron"]));
        assert_eq!(win.kind, PlaceKind::Standard);

        let mac = places(Platform::MacOs, MAC_DATA, MAC_EXE, &[]);
        assert_eq!(mac.db, p(&[MAC_DATA, "Account Desk", DB_FILE_NAME]));
        assert_eq!(mac.prefs, p(&[MAC_DATA, "Account Desk", "app.ron"]));
        assert_eq!(mac.kind, PlaceKind::Standard);

        let linux = places(Platform::Linux, LINUX_DATA, LINUX_EXE, &[]);
        assert_eq!(linux.db, p(&[LINUX_DATA, "account-desk", DB_FILE_NAME]));
        assert_eq!(linux.prefs, p(&[LINUX_DATA, "account-desk", "app.ron"]));
        for places in [win, mac, linux] {
            assert_eq!(
                places.old_prefs, None,
                "nothing to copy on a fresh computer"
            );
            assert_eq!(places.db.parent(), Some(places.folder.as_path()));
            assert_eq!(places.prefs.parent(), Some(places.folder.as_path()));
        }
    }

    #[test]
    fn a_windows_database_from_version_0_1_stays_where_it_is() {
        let old = p(&[WIN_APPDATA, "Account Desk", "data", DB_FILE_NAME]);
        let new = p(&[WIN_APPDATA, "Account Desk", DB_FILE_NAME]);
        let kept = places(
            Platform::Windows,
            WIN_APPDATA,
            WIN_EXE,
            std::slice::from_ref(&old),
        );
        assert_eq!(kept.db, old);
        assert_eq!(kept.kind, PlaceKind::Legacy);
        // Preferences go to the new place all the same.
        assert_eq!(kept.prefs, p(&[WIN_APPDATA, "Account Desk", "app.ron"]));
        // Once a database exists at the new place, it wins.
        let both = places(Platform::Windows, WIN_APPDATA, WIN_EXE, &[old, new.clone()]);
        assert_eq!(both.db, new);
        assert_eq!(both.kind, PlaceKind::Standard);
        // The old layout is Windows only: a Mac or Linux `data/` folder means nothing.
        let mac_data = p(&[MAC_DATA, "Account Desk", "data", DB_FILE_NAME]);
        let mac = places(Platform::MacOs, MAC_DATA, MAC_EXE, &[mac_data]);
        assert_eq!(mac.db, p(&[MAC_DATA, "Account Desk", DB_FILE_NAME]));
    }

    #[test]
    fn preferences_from_version_0_1_are_adopted_only_when_there_are_no_new_ones() {
        let old_win = p(&[WIN_APPDATA, "account-desk", "data", "app.ron"]);
        let win = places(
            Platform::Windows,
            WIN_APPDATA,
            WIN_EXE,
            std::slice::from_ref(&old_win),
        );
        assert_eq!(win.old_prefs, Some(old_win.clone()));
        let new_win = p(&[WIN_APPDATA, "Account Desk", "app.ron"]);
        let both = places(Platform::Windows, WIN_APPDATA, WIN_EXE, &[old_win, new_win]);
        assert_eq!(both.old_prefs, None);

        let old_mac = p(&[MAC_DATA, "account-desk", "app.ron"]);
        let mac = places(
            Platform::MacOs,
            MAC_DATA,
            MAC_EXE,
            std::slice::from_ref(&old_mac),
        );
        assert_eq!(mac.old_prefs, Some(old_mac));
        // On Linux eframe's old folder is the new one.
        let linux_prefs = p(&[LINUX_DATA, "account-desk", "app.ron"]);
        let linux = places(Platform::Linux, LINUX_DATA, LINUX_EXE, &[linux_prefs]);
        assert_eq!(linux.old_prefs, None);
    }

    #[test]
    fn a_marker_beside_the_program_keeps_everything_beside_it() {
        let usb = r"E:\Account Desk";
        let marker = p(&[usb, PORTABLE_MARKER]);
        // Even with a per-user database and old files present, portable means portable.
        let existing = [
            marker,
            p(&[WIN_APPDATA, "Account Desk", DB_FILE_NAME]),
            p(&[WIN_APPDATA, "account-desk", "data", "app.ron"]),
        ];
        let portable = places(Platform::Windows, WIN_APPDATA, usb, &existing);
        assert_eq!(portable.kind, PlaceKind::Portable);
        assert_eq!(portable.folder, p(&[usb, "data"]));
        assert_eq!(portable.db, p(&[usb, "data", DB_FILE_NAME]));
        assert_eq!(portable.prefs, p(&[usb, "data", "app.ron"]));
        assert_eq!(portable.old_prefs, None);
        // It works without any per-user folder, and on the other systems too.
        let bare = data_places(Platform::Linux, None, Some(Path::new("/opt/ad")), |f| {
            f == Path::new("/opt/ad").join(PORTABLE_MARKER)
        })
        .expect("portable without a home");
        assert_eq!(bare.db, p(&["/opt/ad", "data", DB_FILE_NAME]));
        // Without the marker the program's folder is never used.
        let installed = places(Platform::Windows, WIN_APPDATA, WIN_EXE, &[]);
        assert!(!installed.db.starts_with(WIN_EXE));
    }

    #[test]
    fn no_per_user_folder_and_no_marker_means_no_default() {
        assert_eq!(
            data_places(Platform::Linux, None, Some(Path::new(LINUX_EXE)), |_| false),
            None
        );
        assert_eq!(data_places(Platform::Windows, None, None, |_| true), None);
    }
}
