//! Where a team database is and who connects to it, from a `postgres://` URL.

use super::super::StoreError;
use postgres::Config;
use postgres::config::Host;
use std::time::Duration;

/// A team database's address: parsed from `postgres://USER@HOST:PORT/DATABASE`, with the
/// password given apart (never in the URL, so it is never written in a script, a profile
/// or a log).
#[derive(Clone)]
pub struct TeamAddress {
    pub(in crate::store) config: Config,
    label: String,
}

impl std::fmt::Debug for TeamAddress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("TeamAddress").field(&self.label).finish()
    }
}

impl TeamAddress {
    /// Parses `url`; `password` comes from `PGPASSWORD`, the keychain or a prompt. Refused:
    /// a URL that is not `postgres://`, one holding a password, and (until connections are
    /// encrypted) a server that is not on this computer.
    pub fn parse(url: &str, password: Option<&str>) -> Result<TeamAddress, StoreError> {
        let bad = |why: &str| StoreError::Engine(format!("{url}: {why}"));
        if !(url.starts_with("postgres://") || url.starts_with("postgresql://")) {
            return Err(bad(
                "a team database is given as postgres://USER@HOST:PORT/DATABASE",
            ));
        }
        let mut config: Config = url.parse().map_err(|e| bad(&format!("{e}")))?;
        if config.get_password().is_some() {
            return Err(StoreError::Engine(
                "the team database's URL holds a password: give the password in PGPASSWORD \
                 instead, so it is never written in a script or a log"
                    .into(),
            ));
        }
        if config.get_user().is_none() {
            return Err(bad("the URL names no user (postgres://USER@HOST/DATABASE)"));
        }
        if config.get_dbname().is_none() {
            return Err(bad(
                "the URL names no database (postgres://USER@HOST/DATABASE)",
            ));
        }
        for host in config.get_hosts() {
            let local = match host {
                Host::Tcp(name) => {
                    matches!(name.as_str(), "localhost" | "127.0.0.1" | "::1" | "[::1]")
                }
                #[cfg(unix)]
                Host::Unix(_) => true,
            };
            if !local {
                return Err(bad(
                    "this build connects only to a team database on this computer; \
                     connections to other hosts need encryption (TLS), which comes next",
                ));
            }
        }
        if let Some(password) = password {
            config.password(password);
        }
        config
            .application_name("Account Desk")
            .connect_timeout(Duration::from_secs(10));
        Ok(TeamAddress {
            config,
            label: url.to_string(),
        })
    }

    /// An address from a connection already set up (tests).
    #[cfg(test)]
    pub(crate) fn from_config(config: Config, label: &str) -> TeamAddress {
        TeamAddress {
            config,
            label: label.to_string(),
        }
    }

    /// The URL, without any password: what messages show.
    pub fn label(&self) -> &str {
        &self.label
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_url_with_a_password_or_a_remote_host_is_refused() {
        let ok = TeamAddress::parse("postgres://ae1@localhost:5433/agency", Some("pw"));
        assert_eq!(
            ok.map(|a| a.label().to_string()).ok().as_deref(),
            Some("postgres://ae1@localhost:5433/agency")
        );
        for (url, says) in [
            ("postgres://ae1:secret@localhost/agency", "PGPASSWORD"),
            ("postgres://ae1@db.agency.cn/agency", "encryption"),
            ("postgres://localhost/agency", "no user"),
            ("postgres://ae1@localhost", "no database"),
            ("mysql://ae1@localhost/agency", "postgres://USER"),
        ] {
            let e = TeamAddress::parse(url, None).map(|a| a.label().to_string());
            assert!(
                matches!(&e, Err(e) if e.to_string().contains(says)),
                "{url}: {e:?}"
            );
        }
    }
}
