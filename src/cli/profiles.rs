//! Connection profiles: the team databases a person connects to, by a name of their choosing
//! (`account-desk --team agency list jobs`, and the window's 切换数据库 list). Kept in
//! `teams.conf` in the data folder, one profile per line, so IT can hand one out:
//!
//! ```text
//! # name = URL (never a password: that is PGPASSWORD, the keychain or a prompt)
//! agency = postgres://wang@db.agency.cn/agency
//! ```

use crate::store::TeamAddress;
use std::path::{Path, PathBuf};

/// The profiles file's name in the data folder.
pub const PROFILES_FILE: &str = "teams.conf";

/// One team database, by name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Profile {
    /// What the person calls it, e.g. `agency` or `上海团队`.
    pub name: String,
    /// Its URL, `postgres://USER@HOST:PORT/DATABASE`, without a password.
    pub url: String,
}

/// The profiles of this computer's person, in the order they were added.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Profiles {
    /// Every profile.
    pub list: Vec<Profile>,
}

/// Whether `text` is a URL rather than a profile's name.
pub fn is_url(text: &str) -> bool {
    text.starts_with("postgres://") || text.starts_with("postgresql://")
}

/// Checks that `url` names a team database the way [`TeamAddress::parse`] accepts it (no
/// password in it; TLS for another computer), without connecting.
pub fn check_url(url: &str) -> Result<(), String> {
    // The password is given apart; any stands in for it here.
    TeamAddress::parse(url, Some("-"), None)
        .map(drop)
        .map_err(|e| e.to_string())
}

impl Profiles {
    /// The profiles in `path`; none when the file does not exist yet.
    pub fn load(path: &Path) -> Result<Profiles, String> {
        match std::fs::read_to_string(path) {
            Ok(text) => Profiles::parse(&text, path),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Profiles::default()),
            Err(e) => Err(format!("{}: {e}", path.display())),
        }
    }

    /// Reads `name = URL` lines; blank lines and `#` comments are skipped. A line that is
    /// not a profile is an error naming the file and the line, so a typing mistake made by
    /// hand is found rather than ignored.
    pub fn parse(text: &str, path: &Path) -> Result<Profiles, String> {
        let mut profiles = Profiles::default();
        for (n, line) in text.lines().enumerate() {
            let line = line.trim().trim_start_matches('\u{feff}');
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let at = |why: String| format!("{} line {}: {why}", path.display(), n + 1);
            let Some((name, url)) = line.split_once('=') else {
                return Err(at(format!(
                    "{line:?} is not a profile; write it as name = postgres://USER@HOST/DATABASE"
                )));
            };
            profiles.add(name.trim(), url.trim()).map_err(at)?;
        }
        Ok(profiles)
    }

    /// The file's text: a comment saying what it is, then one line per profile.
    pub fn to_text(&self) -> String {
        let mut text = String::from(
            "# Account Desk team databases: name = postgres://USER@HOST:PORT/DATABASE\n\
             # (the password is never kept here: PGPASSWORD, the OS keychain or a prompt)\n",
        );
        for p in &self.list {
            text.push_str(&format!("{} = {}\n", p.name, p.url));
        }
        text
    }

    /// Writes the profiles to `path` (a temporary file renamed into place).
    pub fn save(&self, path: &Path) -> Result<(), String> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
        crate::safe_file::write_atomic(path, self.to_text().as_bytes())
            .map_err(|e| format!("{}: {e}", path.display()))
    }

    /// Adds a profile, or gives an existing name a new URL. The name must not be empty,
    /// nor contain `=`, nor look like a URL; the URL must be one a team database is
    /// reached by.
    pub fn add(&mut self, name: &str, url: &str) -> Result<(), String> {
        let name = name.trim();
        let url = url.trim();
        if name.is_empty() {
            return Err("a profile needs a name, e.g. agency".into());
        }
        if name.contains('=') || name.contains('#') || is_url(name) {
            return Err(format!(
                "{name:?} cannot name a profile: use a short name without = or #"
            ));
        }
        check_url(url)?;
        match self.list.iter_mut().find(|p| p.name == name) {
            Some(p) => p.url = url.to_string(),
            None => self.list.push(Profile {
                name: name.to_string(),
                url: url.to_string(),
            }),
        }
        Ok(())
    }

    /// Removes the profile `name`; false when there was none.
    pub fn remove(&mut self, name: &str) -> bool {
        let before = self.list.len();
        self.list.retain(|p| p.name != name);
        self.list.len() != before
    }

    /// The URL `--team` means: a URL as given, else the profile of that name.
    pub fn resolve(&self, name_or_url: &str) -> Result<String, String> {
        if is_url(name_or_url) {
            return Ok(name_or_url.to_string());
        }
        match self.list.iter().find(|p| p.name == name_or_url) {
            Some(p) => Ok(p.url.clone()),
            None if self.list.is_empty() => Err(format!(
                "no team database is named {name_or_url:?}: give its URL \
                 (--team postgres://USER@HOST/DATABASE), or add a profile in the window \
                 (切换数据库 / Switch database)"
            )),
            None => Err(format!(
                "no team database is named {name_or_url:?}; the profiles are: {}",
                self.list
                    .iter()
                    .map(|p| p.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        }
    }
}

/// The profiles file of the data folder `folder`.
pub fn profiles_file(folder: &Path) -> PathBuf {
    folder.join(PROFILES_FILE)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn profiles_are_read_written_and_resolved_by_name() {
        let dir = tempfile::tempdir().unwrap();
        let file = profiles_file(dir.path());
        assert_eq!(Profiles::load(&file).unwrap(), Profiles::default());
        let mut profiles = Profiles::default();
        profiles
            .add("上海团队", "postgres://wang@127.0.0.1:5433/agency")
            .unwrap();
        profiles
            .add("agency", "postgres://li@db.agency.cn/agency")
            .unwrap();
        profiles.save(&file).unwrap();
        let read = Profiles::load(&file).unwrap();
        assert_eq!(read, profiles);
        assert_eq!(
            read.resolve("上海团队").unwrap(),
            "postgres://wang@127.0.0.1:5433/agency"
        );
        assert_eq!(
            read.resolve("postgres://x@127.0.0.1/db").unwrap(),
            "postgres://x@127.0.0.1/db"
        );
        let unknown = read.resolve("北京").unwrap_err();
        assert!(unknown.contains("上海团队, agency"), "{unknown}");
        // A name given again takes the new URL; removing it leaves the other.
        let mut changed = read.clone();
        changed
            .add("agency", "postgres://li@db2.agency.cn/agency")
            .unwrap();
        assert_eq!(changed.list.len(), 2);
        assert!(changed.remove("agency"));
        assert!(!changed.remove("agency"));
        assert_eq!(changed.list.len(), 1);
    }

    #[test]
    fn a_bad_profile_is_refused_with_its_line() {
        let path = Path::new("/data/teams.conf");
        let err = Profiles::parse("# ok\n\nagency postgres://a@b/c\n", path).unwrap_err();
        assert!(err.contains("/data/teams.conf line 3"), "{err}");
        let err =
            Profiles::parse("agency = postgres://wang:secret@127.0.0.1/a\n", path).unwrap_err();
        assert!(err.contains("line 1") && err.contains("password"), "{err}");
        let mut profiles = Profiles::default();
        assert!(profiles.add("", "postgres://a@127.0.0.1/b").is_err());
        assert!(profiles.add("a=b", "postgres://a@127.0.0.1/b").is_err());
        assert!(profiles.add("agency", "mysql://a@127.0.0.1/b").is_err());
        // Another computer only over verified TLS.
        let err = profiles
            .add("agency", "postgres://a@db.agency.cn/b?sslmode=disable")
            .unwrap_err();
        assert!(err.contains("sslmode"), "{err}");
        assert!(profiles.list.is_empty());
    }
}
