//! A throwaway PostgreSQL cluster for the tests and the team benchmarks (feature
//! `test-cluster`): one per test process, started on
//! first use on a free loopback port, with one new database per test so parallel tests
//! never meet. PostgreSQL refuses to run as root (and CI runs as root), so as root the
//! server runs as the `postgres` user (or `nobody`) through `setpriv`; it is started from a
//! thread that never ends, with `--pdeathsig`, so it shuts down when the test process does.
//!
//! Without PostgreSQL the team-mode tests are skipped with a message, except under
//! `CI=true`, where a missing server fails them: `.ci/run` installs Debian's `postgresql`.

use crate::store::{Store, StoreError, TeamAddress};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

const ADMIN: &str = "desk_admin";

/// A running cluster.
pub struct Cluster {
    port: u16,
    password: String,
    /// The PEM file of the certificate authority that signed the server's certificate
    /// (for `127.0.0.1` only).
    ca: PathBuf,
    setup: Setup,
    /// The postmaster's process id.
    pid: AtomicU32,
}

static CLUSTER: OnceLock<Result<Cluster, String>> = OnceLock::new();
static NEXT_DB: AtomicU32 = AtomicU32::new(1);

impl Cluster {
    fn config(&self, dbname: &str) -> postgres::Config {
        let mut config = postgres::Config::new();
        config
            .host("127.0.0.1")
            .port(self.port)
            .user(ADMIN)
            .password(self.password.as_str())
            .dbname(dbname)
            .connect_timeout(Duration::from_secs(10));
        config
    }

    /// A new, empty database of its own: how to connect to it, and its name for messages.
    pub fn fresh_database(&self) -> Result<(TeamAddress, postgres::Config), StoreError> {
        let name = format!(
            "t{}_{}",
            std::process::id(),
            NEXT_DB.fetch_add(1, Ordering::SeqCst)
        );
        let mut admin = self
            .config("postgres")
            .connect(postgres::NoTls)
            .map_err(|e| StoreError::Engine(e.to_string()))?;
        admin
            .batch_execute(&format!("CREATE DATABASE {name}"))
            .map_err(|e| StoreError::Engine(e.to_string()))?;
        let label = format!("postgres://{ADMIN}@127.0.0.1:{}/{name}", self.port);
        let config = self.config(&name);
        Ok((TeamAddress::from_config(config.clone(), &label), config))
    }

    /// A new team database of its own, made with `team init`: its address, and its URL for
    /// the administrator (without the password, which is [`Self::password`]).
    pub fn fresh_team(&self) -> Result<(TeamAddress, String), StoreError> {
        let (address, config) = self.fresh_database()?;
        Store::init_team(&address, None)?;
        let name = config.get_dbname().unwrap_or_default();
        let url = format!("postgres://{ADMIN}@127.0.0.1:{}/{name}", self.port);
        Ok((address, url))
    }

    /// The administrator's password.
    pub fn password(&self) -> &str {
        &self.password
    }

    /// The certificate authority of the server's certificate.
    pub fn ca(&self) -> &Path {
        &self.ca
    }

    /// A new, empty database of its own, made into a team database, and a store on it.
    pub fn fresh_store(&self) -> Result<Store, StoreError> {
        Store::open_team(&self.fresh_team()?.0)
    }
}

/// The test process's cluster; `None` (with a message) when PostgreSQL is not installed
/// and this is not CI.
pub fn cluster() -> Option<&'static Cluster> {
    match CLUSTER.get_or_init(start) {
        Ok(cluster) => Some(cluster),
        Err(why) if std::env::var("CI").is_ok_and(|v| v == "true") => {
            panic!("team-mode tests need PostgreSQL under CI: {why}")
        }
        Err(why) => {
            eprintln!("team-mode test skipped: {why}");
            None
        }
    }
}

/// Where `initdb`, `pg_ctl` and `postgres` are: `PG_BINDIR`, else the newest
/// `/usr/lib/postgresql/N/bin` (Debian keeps them off the PATH).
fn bindir() -> Result<PathBuf, String> {
    if let Some(dir) = std::env::var_os("PG_BINDIR") {
        return Ok(PathBuf::from(dir));
    }
    let mut found: Vec<(u32, PathBuf)> = std::fs::read_dir("/usr/lib/postgresql")
        .map_err(|e| format!("PostgreSQL is not installed (/usr/lib/postgresql: {e})"))?
        .filter_map(|entry| {
            let entry = entry.ok()?;
            let version: u32 = entry.file_name().to_str()?.parse().ok()?;
            let bin = entry.path().join("bin");
            bin.join("initdb").exists().then_some((version, bin))
        })
        .collect();
    found.sort();
    found
        .pop()
        .filter(|(version, _)| *version >= 15)
        .map(|(_, bin)| bin)
        .ok_or_else(|| "no PostgreSQL 15 or newer under /usr/lib/postgresql".into())
}

/// `id` of the current user (0 for root).
fn current_uid() -> Result<u32, String> {
    let out = Command::new("id")
        .arg("-u")
        .output()
        .map_err(|e| format!("id -u: {e}"))?;
    String::from_utf8_lossy(&out.stdout)
        .trim()
        .parse()
        .map_err(|e| format!("id -u: {e}"))
}

/// The unprivileged user the server runs as when the tests run as root, with its uid and
/// gid.
fn server_user() -> Result<(String, u32, u32), String> {
    for name in ["postgres", "nobody"] {
        let id = |flag: &str| -> Option<u32> {
            let out = Command::new("id").args([flag, name]).output().ok()?;
            out.status.success().then_some(())?;
            String::from_utf8_lossy(&out.stdout).trim().parse().ok()
        };
        if let (Some(uid), Some(gid)) = (id("-u"), id("-g")) {
            return Ok((name.to_string(), uid, gid));
        }
    }
    Err("no unprivileged user (postgres or nobody) to run PostgreSQL as".into())
}

/// A command run as the server user when the tests run as root; with `deathsig`, one that
/// is interrupted (a fast shutdown, for the server) when the thread that started it ends.
fn as_server(program: &Path, user: Option<&(String, u32, u32)>, deathsig: bool) -> Command {
    if user.is_none() && !deathsig {
        return Command::new(program);
    }
    let mut c = Command::new("setpriv");
    if deathsig {
        c.arg("--pdeathsig=INT");
    }
    if let Some((_, uid, gid)) = user {
        c.args([
            format!("--reuid={uid}"),
            format!("--regid={gid}"),
            "--clear-groups".into(),
        ]);
    }
    c.arg(program);
    c
}

fn free_port() -> Result<u16, String> {
    let socket = std::net::TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
    socket
        .local_addr()
        .map(|a| a.port())
        .map_err(|e| e.to_string())
}

/// A certificate authority and the server's certificate for `127.0.0.1` (no host name),
/// written into `dir`; the key readable by the server's user alone. Returns the CA's file.
fn certificates(dir: &Path, user: Option<&(String, u32, u32)>) -> Result<PathBuf, String> {
    use rcgen::{BasicConstraints, CertificateParams, CertifiedIssuer, DnType, IsCa, KeyPair};
    let e = |e: rcgen::Error| format!("test certificates: {e}");
    let mut ca_params = CertificateParams::new(Vec::<String>::new()).map_err(e)?;
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca_params
        .distinguished_name
        .push(DnType::CommonName, "Account Desk test CA");
    let ca = CertifiedIssuer::self_signed(ca_params, KeyPair::generate().map_err(e)?).map_err(e)?;
    let key = KeyPair::generate().map_err(e)?;
    let server = CertificateParams::new(vec!["127.0.0.1".to_string()])
        .map_err(e)?
        .signed_by(&key, &*ca)
        .map_err(e)?;
    let ca_file = dir.join("ca.pem");
    for (name, text) in [
        ("ca.pem", ca.pem()),
        ("server.crt", server.pem()),
        ("server.key", key.serialize_pem()),
    ] {
        let path = dir.join(name);
        std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            if name == "server.key" {
                std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600))
                    .map_err(|e| format!("{}: {e}", path.display()))?;
            }
            if let Some((_, uid, gid)) = user {
                std::os::unix::fs::chown(&path, Some(*uid), Some(*gid))
                    .map_err(|e| format!("chown {}: {e}", path.display()))?;
            }
        }
    }
    Ok(ca_file)
}

/// Removes the folders of earlier test processes that are gone.
fn sweep(tmp: &Path) {
    let Ok(entries) = std::fs::read_dir(tmp) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name
            .to_str()
            .and_then(|n| n.strip_prefix("accountdesk-pg-"))
            .and_then(|p| p.split('-').next())
            .and_then(|p| p.parse::<u32>().ok())
        else {
            continue;
        };
        if !Path::new(&format!("/proc/{pid}")).exists() {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

fn start() -> Result<Cluster, String> {
    start_in(&format!("accountdesk-pg-{}", std::process::id()), false)
}

/// A cluster of the calling test's own, which it may stop and start (`kill`, `restart`).
/// It acknowledges a commit only once it is written (`synchronous_commit=on`), as a real
/// server does: the shared cluster does not, for speed, and so loses the last commits of a
/// crash.
pub fn own_cluster() -> Option<Cluster> {
    static NEXT_OWN: AtomicU32 = AtomicU32::new(1);
    cluster()?;
    let name = format!(
        "accountdesk-pg-{}-own{}",
        std::process::id(),
        NEXT_OWN.fetch_add(1, Ordering::SeqCst)
    );
    match start_in(&name, true) {
        Ok(cluster) => Some(cluster),
        Err(why) => panic!("a second test cluster did not start: {why}"),
    }
}

/// What a server is started from, to start it again.
struct Setup {
    bin: PathBuf,
    dir: PathBuf,
    data: PathBuf,
    user: Option<(String, u32, u32)>,
    /// Commits acknowledged only once written.
    durable: bool,
}

fn start_in(name: &str, durable: bool) -> Result<Cluster, String> {
    let bin = bindir()?;
    let tmp = std::env::temp_dir();
    sweep(&tmp);
    let dir = tmp.join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let user = if current_uid()? == 0 {
        Some(server_user()?)
    } else {
        None
    };
    let password = format!(
        "pw{}x{}",
        std::process::id(),
        NEXT_DB.load(Ordering::SeqCst)
    );
    let pwfile = dir.join("pw");
    std::fs::write(&pwfile, &password).map_err(|e| format!("{}: {e}", pwfile.display()))?;
    #[cfg(unix)]
    if let Some((_, uid, gid)) = &user {
        for path in [&dir, &pwfile] {
            std::os::unix::fs::chown(path, Some(*uid), Some(*gid))
                .map_err(|e| format!("chown {}: {e}", path.display()))?;
        }
    }
    let ca = certificates(&dir, user.as_ref())?;
    let data = dir.join("data");
    let init = as_server(&bin.join("initdb"), user.as_ref(), false)
        .arg("-D")
        .arg(&data)
        .args([
            "-U",
            ADMIN,
            "-A",
            "scram-sha-256",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
        ])
        .arg(format!("--pwfile={}", pwfile.display()))
        .current_dir(&dir)
        .output()
        .map_err(|e| format!("initdb: {e}"))?;
    if !init.status.success() {
        return Err(format!(
            "initdb failed: {}",
            String::from_utf8_lossy(&init.stderr)
        ));
    }
    let mut cluster = Cluster {
        port: 0,
        password,
        ca,
        setup: Setup {
            bin,
            dir,
            data,
            user,
            durable,
        },
        pid: AtomicU32::new(0),
    };
    let mut last_error = String::new();
    for _ in 0..5 {
        cluster.port = free_port()?;
        match cluster.serve() {
            Ok(()) => return Ok(cluster),
            Err(e) => last_error = e,
        }
    }
    Err(format!("PostgreSQL did not start: {last_error}"))
}

impl Cluster {
    /// Starts the server on its port and waits until it takes connections.
    fn serve(&self) -> Result<(), String> {
        let Setup {
            bin,
            dir,
            data,
            user,
            durable,
        } = &self.setup;
        let commit = if *durable { "on" } else { "off" };
        let port = self.port;
        // A log of each start's own: the processes of a killed server may still write to
        // theirs.
        static STARTS: AtomicU32 = AtomicU32::new(1);
        let start = STARTS.fetch_add(1, Ordering::SeqCst);
        let log = dir.join(format!("server-{port}-{start}.log"));
        let log_file =
            std::fs::File::create(&log).map_err(|e| format!("{}: {e}", log.display()))?;
        let mut server = as_server(&bin.join("postgres"), user.as_ref(), true);
        server
            .arg("-D")
            .arg(data)
            .args(["-p", &port.to_string()])
            .args(["-c", "listen_addresses=127.0.0.1"])
            .args(["-c", "unix_socket_directories="])
            .args(["-c", "fsync=off"])
            .arg("-c")
            .arg(format!("synchronous_commit={commit}"))
            .args(["-c", "full_page_writes=off", "-c", "max_connections=200"])
            .args(["-c", "ssl=on"])
            .arg("-c")
            .arg(format!(
                "ssl_cert_file={}",
                dir.join("server.crt").display()
            ))
            .arg("-c")
            .arg(format!("ssl_key_file={}", dir.join("server.key").display()))
            .current_dir(dir)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(log_file);
        // The keeper thread starts the server and waits on it for as long as the process
        // lives: the server's parent-death signal follows the thread that started it.
        let (started, result) = std::sync::mpsc::channel();
        std::thread::spawn(move || match server.spawn() {
            Ok(mut child) => {
                let _ = started.send(Ok(child.id()));
                let _ = child.wait();
            }
            Err(e) => {
                let _ = started.send(Err(format!("postgres: {e}")));
            }
        });
        let pid = result
            .recv()
            .map_err(|e| format!("postgres keeper: {e}"))??;
        self.pid.store(pid, Ordering::SeqCst);
        let mut last_error = String::new();
        let deadline = Instant::now() + Duration::from_secs(30);
        while Instant::now() < deadline {
            match self.config("postgres").connect(postgres::NoTls) {
                Ok(_) => {
                    // The server answering is the one whose pid the data folder names: a
                    // start tried while an earlier one was still recovering fails on its
                    // lock file, and the earlier one answers.
                    let pid_file = std::fs::read_to_string(data.join("postmaster.pid"));
                    if let Some(running) = pid_file
                        .ok()
                        .and_then(|t| t.lines().next().and_then(|l| l.trim().parse().ok()))
                    {
                        self.pid.store(running, Ordering::SeqCst);
                    }
                    return Ok(());
                }
                Err(e) => last_error = e.to_string(),
            }
            std::thread::sleep(Duration::from_millis(50));
            let log_text = std::fs::read_to_string(&log).unwrap_or_default();
            // A connection tried while the server starts is refused with a FATAL line of
            // its own; only the server's own failure means trying again.
            let failed = log_text.lines().any(|l| {
                l.contains("could not bind")
                    || (l.contains("FATAL")
                        && !l.contains("starting up")
                        && !l.contains("not yet accepting connections"))
            });
            if failed {
                return Err(log_text);
            }
        }
        Err(last_error)
    }

    /// Kills the server at once (`kill -9` of the postmaster), as a crash would; `true` if
    /// it was running.
    pub fn kill(&self) -> bool {
        let pid = self.pid.load(Ordering::SeqCst);
        Command::new("kill")
            .args(["-9", &pid.to_string()])
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    }

    /// Starts the server again on the same port and data, once the killed one's processes
    /// have let go of them.
    pub fn restart(&self) -> Result<(), String> {
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            match self.serve() {
                Ok(()) => return Ok(()),
                Err(e) if Instant::now() > deadline => return Err(e),
                Err(_) => std::thread::sleep(Duration::from_millis(200)),
            }
        }
    }
}
