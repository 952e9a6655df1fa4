//! Where a team database is and who connects to it, from a `postgres://` URL.

use super::super::StoreError;
use postgres::config::{Host, SslMode};
use postgres::{Client, Config, NoTls};
use rustls::pki_types::CertificateDer;
use rustls::pki_types::pem::PemObject;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;
use tokio_postgres_rustls::MakeRustlsConnect;

/// A team database's address: parsed from `postgres://USER@HOST:PORT/DATABASE`, with the
/// password given apart (never in the URL, so it is never written in a script, a profile
/// or a log), and how its server is verified.
#[derive(Clone)]
pub struct TeamAddress {
    pub(in crate::store) config: Config,
    label: String,
    /// Set when connections are encrypted: the certificates the server's is checked
    /// against (the system's, and the team's own CA when one is given).
    tls: Option<Arc<rustls::ClientConfig>>,
}

impl std::fmt::Debug for TeamAddress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("TeamAddress").field(&self.label).finish()
    }
}

impl TeamAddress {
    /// Parses `url`; `password` comes from `PGPASSWORD`, the keychain or a prompt, and
    /// `team_ca` (`PGSSLROOTCERT`) names a PEM file of the team's own certificate authority.
    ///
    /// A server on another computer is reached only over TLS, its certificate verified
    /// (against the system's certificates and `team_ca`) for the host named in the URL; a
    /// server on this computer is reached without TLS unless the URL asks with
    /// `?sslmode=require`, which verifies the same way. Refused: a URL that is not
    /// `postgres://`, one holding a password, and `sslmode=disable` for another computer.
    pub fn parse(
        url: &str,
        password: Option<&str>,
        team_ca: Option<&Path>,
    ) -> Result<TeamAddress, StoreError> {
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
        let local = config.get_hosts().iter().all(|host| match host {
            Host::Tcp(name) => matches!(name.as_str(), "localhost" | "127.0.0.1" | "::1" | "[::1]"),
            #[cfg(unix)]
            Host::Unix(_) => true,
        });
        let asked = url.contains("sslmode=");
        let tls = match (local, config.get_ssl_mode()) {
            (false, SslMode::Disable) => {
                return Err(bad(
                    "a server on another computer is reached only over verified TLS: \
                     remove sslmode=disable",
                ));
            }
            (false, _) => true,
            (true, SslMode::Require) => true,
            (true, _) => {
                if asked && config.get_ssl_mode() == SslMode::Prefer {
                    return Err(bad(
                        "sslmode=prefer would fall back to an unencrypted connection: \
                         use sslmode=require or leave it out",
                    ));
                }
                false
            }
        };
        let tls = if tls {
            config.ssl_mode(SslMode::Require);
            Some(Arc::new(client_config(team_ca)?))
        } else {
            config.ssl_mode(SslMode::Disable);
            None
        };
        if let Some(password) = password {
            config.password(password);
        }
        config
            .application_name("Account Desk")
            .connect_timeout(Duration::from_secs(10));
        // A server gone without a word (its computer off, the Wi-Fi or VPN lost) is noticed
        // within about a minute (on Windows, which keeps its own count of probes, about two),
        // not after the system's two hours of silence: the window says the server does not
        // answer and retries, instead of waiting on a dead connection. What the URL sets
        // itself is kept.
        let set = |key: &str| url.contains(&format!("{key}="));
        if !set("keepalives_idle") {
            config.keepalives_idle(KEEPALIVE_IDLE);
        }
        if !set("keepalives_interval") {
            config.keepalives_interval(Duration::from_secs(10));
        }
        if !set("keepalives_retries") {
            config.keepalives_retries(3);
        }
        // Sent data unanswered this long closes the connection too (Linux only). The URL's
        // own `tcp_user_timeout` is read in seconds, not libpq's milliseconds.
        if !set("tcp_user_timeout") {
            config.tcp_user_timeout(Duration::from_secs(60));
        }
        Ok(TeamAddress {
            config,
            label: url.to_string(),
            tls,
        })
    }

    /// An address from a connection already set up (tests and benchmarks).
    #[cfg(any(test, feature = "test-cluster"))]
    #[doc(hidden)]
    pub fn from_config(config: Config, label: &str) -> TeamAddress {
        TeamAddress {
            config,
            label: label.to_string(),
            tls: None,
        }
    }

    /// The URL, without any password: what messages show.
    pub fn label(&self) -> &str {
        &self.label
    }

    /// Whether connections are encrypted (and the server verified).
    pub fn encrypted(&self) -> bool {
        self.tls.is_some()
    }

    /// A new connection.
    pub(in crate::store) fn connect(&self) -> Result<Client, postgres::Error> {
        match &self.tls {
            Some(tls) => self
                .config
                .connect(MakeRustlsConnect::new(rustls::ClientConfig::clone(tls))),
            None => self.config.connect(NoTls),
        }
    }
}

/// How the server's certificate is verified: against the system's certificate store and
/// the team's own CA, with rustls and its ring provider named (never a process default).
fn client_config(team_ca: Option<&Path>) -> Result<rustls::ClientConfig, StoreError> {
    let mut roots = rustls::RootCertStore::empty();
    // Certificates of the system store that cannot be read are left out; a server is then
    // refused rather than trusted.
    roots.add_parsable_certificates(rustls_native_certs::load_native_certs().certs);
    if let Some(path) = team_ca {
        let bad = |why: String| {
            StoreError::Engine(format!(
                "{}: {why}; PGSSLROOTCERT names the PEM file of the team's certificate authority",
                path.display()
            ))
        };
        let certs = CertificateDer::pem_file_iter(path)
            .map_err(|e| bad(e.to_string()))?
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| bad(e.to_string()))?;
        if certs.is_empty() {
            return Err(bad("it holds no certificate".into()));
        }
        for cert in certs {
            roots.add(cert).map_err(|e| bad(e.to_string()))?;
        }
    }
    // ring, not aws-lc-rs: aws-lc-rs builds C with cmake (and nasm on Windows) for every
    // target, which the Windows and macOS builds from Linux cannot. rustls 0.23.48 marks
    // ring's provider deprecated for lacking post-quantum key exchange; the classical
    // suites it keeps are TLS 1.3's and 1.2's defaults.
    #[allow(deprecated)]
    let provider = rustls::crypto::ring::default_provider();
    Ok(
        rustls::ClientConfig::builder_with_provider(Arc::new(provider))
            .with_safe_default_protocol_versions()
            .map_err(|e| StoreError::Engine(format!("TLS: {e}")))?
            .with_root_certificates(roots)
            .with_no_client_auth(),
    )
}

/// How long a team connection may be idle before the server is asked whether it is there.
const KEEPALIVE_IDLE: Duration = Duration::from_secs(30);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_server_gone_silent_is_noticed_within_a_minute_unless_the_url_says_otherwise() {
        let a = TeamAddress::parse("postgres://ae1@localhost/agency", None, None);
        let timings = |a: &TeamAddress| {
            (
                a.config.get_keepalives(),
                a.config.get_keepalives_idle(),
                a.config.get_keepalives_interval(),
                a.config.get_keepalives_retries(),
                a.config.get_tcp_user_timeout().copied(),
            )
        };
        assert_eq!(
            a.as_ref().ok().map(timings),
            Some((
                true,
                KEEPALIVE_IDLE,
                Some(Duration::from_secs(10)),
                Some(3),
                Some(Duration::from_secs(60))
            ))
        );
        let own = TeamAddress::parse(
            "postgres://ae1@localhost/agency?keepalives_idle=300&tcp_user_timeout=20",
            None,
            None,
        );
        assert_eq!(
            own.as_ref().ok().map(|a| {
                let t = timings(a);
                (t.1, t.4)
            }),
            Some((Duration::from_secs(300), Some(Duration::from_secs(20))))
        );
    }

    #[test]
    fn a_url_with_a_password_or_a_remote_host_is_refused() {
        let ok = TeamAddress::parse("postgres://ae1@localhost:5433/agency", Some("pw"), None);
        assert_eq!(
            ok.as_ref()
                .map(|a| (a.label().to_string(), a.encrypted()))
                .ok(),
            Some(("postgres://ae1@localhost:5433/agency".to_string(), false))
        );
        // Another computer is reached only over TLS; this one when the URL asks.
        for url in [
            "postgres://ae1@db.agency.cn/agency",
            "postgres://ae1@10.0.0.5:5432/agency?sslmode=prefer",
            "postgres://ae1@localhost/agency?sslmode=require",
        ] {
            let a = TeamAddress::parse(url, None, None);
            assert!(a.as_ref().is_ok_and(TeamAddress::encrypted), "{url}: {a:?}");
        }
        for (url, says) in [
            ("postgres://ae1:secret@localhost/agency", "PGPASSWORD"),
            (
                "postgres://ae1@db.agency.cn/agency?sslmode=disable",
                "verified TLS",
            ),
            (
                "postgres://ae1@localhost/agency?sslmode=prefer",
                "sslmode=require",
            ),
            ("postgres://localhost/agency", "no user"),
            ("postgres://ae1@localhost", "no database"),
            ("mysql://ae1@localhost/agency", "postgres://USER"),
        ] {
            let e = TeamAddress::parse(url, None, None).map(|a| a.label().to_string());
            assert!(
                matches!(&e, Err(e) if e.to_string().contains(says)),
                "{url}: {e:?}"
            );
        }
    }
}
