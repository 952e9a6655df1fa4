//! `--team URL` and `account-desk team …`: the same commands on a team database (PostgreSQL),
//! and setting one up.

use super::CliError;
use super::keychain::Keychain;
use crate::store::{RolePrefix, Store, TeamAddress};
use clap::Subcommand;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The database a command works on: a desk's file, or a team database.
#[derive(Debug, Clone)]
pub enum Db {
    /// A redb file.
    Desk(PathBuf),
    /// A team database on a PostgreSQL server.
    Team(Box<TeamAddress>),
}

impl Db {
    /// A team database from `--team URL`: the password from `PGPASSWORD`, else the OS
    /// keychain (`team login`), else asked for on a terminal; the team's own certificate
    /// authority from `PGSSLROOTCERT` (as PostgreSQL's own tools).
    pub fn team(url: &str) -> Result<Db, CliError> {
        let password = super::keychain::password_for(
            url,
            std::env::var("PGPASSWORD").ok(),
            &super::keychain::OsKeychain,
            &mut || super::keychain::ask_on_terminal(url),
        );
        Db::team_with(url, password.as_deref())
    }

    /// A team database from `url` with `password`.
    pub fn team_with(url: &str, password: Option<&str>) -> Result<Db, CliError> {
        let team_ca = std::env::var_os("PGSSLROOTCERT").map(PathBuf::from);
        Ok(Db::Team(Box::new(TeamAddress::parse(
            url,
            password,
            team_ca.as_deref(),
        )?)))
    }

    /// Opens a database that must already exist (reading commands never create an empty
    /// one). A desk's file is checked whole every time: a document is never made from a
    /// damaged file.
    pub(super) fn open_existing(&self) -> Result<Store, CliError> {
        match self {
            Db::Desk(path) => {
                super::commands::must_exist(path)?;
                Ok(Store::open_verified(path)?)
            }
            Db::Team(address) => Ok(Store::open_team(address)?),
        }
    }

    /// How messages name it: the file, or the URL.
    pub fn shown(&self) -> PathBuf {
        match self {
            Db::Desk(path) => path.clone(),
            Db::Team(address) => PathBuf::from(address.label()),
        }
    }

    /// The desk's file (`None` for a team database).
    pub fn desk(&self) -> Option<&Path> {
        match self {
            Db::Desk(path) => Some(path),
            Db::Team(_) => None,
        }
    }
}

/// What `team` does.
#[derive(Debug, Subcommand)]
pub enum TeamCommand {
    /// Create Account Desk's tables, roles and rules in an empty PostgreSQL database
    /// (refuses one that has them), e.g. `account-desk team init postgres://admin@localhost/agency`
    Init {
        /// postgres://USER@HOST:PORT/DATABASE (the password comes from PGPASSWORD)
        #[arg(value_name = "URL")]
        url: String,
        /// What the team's PostgreSQL roles are named with (default: the database's name)
        #[arg(long, value_name = "PREFIX")]
        prefix: Option<String>,
    },
    /// Copy a desk's database into the (empty) team database given with --team, keeping
    /// who wrote each record and when; then check both and compare them kind by kind
    Import {
        /// The desk's database file
        #[arg(long, value_name = "PATH")]
        from: PathBuf,
    },
    /// Upgrade the team database given with --team to this version's schema (for its
    /// administrator; everything or nothing)
    Migrate {
        /// What the team's PostgreSQL roles are named with, when upgrading a database made
        /// before it had roles (default: the database's name)
        #[arg(long, value_name = "PREFIX")]
        prefix: Option<String>,
    },
    /// The team's people: each is their own PostgreSQL login
    User {
        /// What to do
        #[command(subcommand)]
        what: super::team_people::UserCommand,
    },
    /// Mark a client confidential (only its members see its records and history), or open
    /// again with --off
    Confidential {
        /// The client's id or exact name
        #[arg(value_name = "CLIENT")]
        client: String,
        /// Open the client to the whole team again
        #[arg(long)]
        off: bool,
    },
    /// Who may see a confidential client
    Member {
        /// What to do
        #[command(subcommand)]
        what: super::team_people::MemberCommand,
    },
    /// List the confidential clients and their members
    Walls,
    /// Keep the password of a team database in this computer's keychain (asked for, and
    /// tried, first), so that --team URL needs no PGPASSWORD
    Login {
        /// postgres://USER@HOST:PORT/DATABASE
        #[arg(value_name = "URL")]
        url: String,
    },
    /// Forget the password kept for a team database
    Logout {
        /// postgres://USER@HOST:PORT/DATABASE
        #[arg(value_name = "URL")]
        url: String,
    },
}

/// Runs `team …` on `db` (the database of `--team`, or the desk's file).
pub(super) fn run(db: &Db, command: &TeamCommand, out: &mut dyn Write) -> Result<(), CliError> {
    let team = || match db {
        Db::Team(address) => Ok(address),
        Db::Desk(_) => Err(CliError::Usage(
            "this works on a team database: give it with --team URL".into(),
        )),
    };
    match command {
        TeamCommand::Init { url, prefix } => {
            let Db::Team(address) = Db::team(url)? else {
                return Err(CliError::Usage("team init needs a postgres:// URL".into()));
            };
            let prefix = prefix.as_deref().map(RolePrefix::parse).transpose()?;
            Store::init_team(&address, prefix)?;
            writeln!(
                out,
                "Created Account Desk's tables, roles and rules in {}; move a desk's database in \
                 with `account-desk --team {} team import --from FILE`, and add people with \
                 `account-desk --team {} team user add NAME --role ae`",
                address.label(),
                address.label(),
                address.label()
            )?;
            Ok(())
        }
        TeamCommand::Import { from } => {
            let address = team()?;
            let desk = Db::Desk(from.clone()).open_existing()?;
            let team = Store::open_team(address)?;
            let report = desk.copy_into(&team)?;
            let adopted = team.team_admin()?.adopt_users()?;
            writeln!(
                out,
                "Copied {} into {}; both checked, and they hold the same:",
                from.display(),
                address.label()
            )?;
            for (kind, n) in &report.counts {
                writeln!(out, "{}\t{n}", kind.name())?;
            }
            writeln!(
                out,
                "files\t{} ({} bytes, each verified, kept as the files of its meeting's client)",
                report.files, report.file_bytes
            )?;
            if adopted > 0 {
                writeln!(
                    out,
                    "{adopted} of the desk's users are people of the team without a login yet; \
                     give each one with `team user add NAME --user ID` (see `team user list`)"
                )?;
            }
            Ok(())
        }
        TeamCommand::Migrate { prefix } => {
            let address = team()?;
            let prefix = prefix.as_deref().map(RolePrefix::parse).transpose()?;
            let done = Store::migrate_team(address, prefix)?;
            if done.from == done.to {
                writeln!(
                    out,
                    "{} is at schema {}: nothing to do",
                    address.label(),
                    done.to
                )?;
            } else {
                writeln!(
                    out,
                    "Upgraded {} from schema {} to {}",
                    address.label(),
                    done.from,
                    done.to
                )?;
            }
            Ok(())
        }
        TeamCommand::User { what } => super::team_people::user(&open(team()?)?, what, out),
        TeamCommand::Confidential { client, off } => {
            let store = open(team()?)?;
            let client = super::team_people::client_id(&store, client)?;
            store.team_admin()?.set_confidential(client, !off)?;
            let state = if *off {
                "open to the whole team"
            } else {
                "confidential"
            };
            writeln!(out, "Client {client} is {state}")?;
            Ok(())
        }
        TeamCommand::Member { what } => super::team_people::member(&open(team()?)?, what, out),
        TeamCommand::Walls => super::team_people::walls(&open(team()?)?, out),
        TeamCommand::Login { url } => {
            let password = super::keychain::ask_on_terminal(url)
                .or_else(|| super::team_people::line_of_stdin().ok())
                .unwrap_or_default();
            login(url, &password, &super::keychain::OsKeychain, out)
        }
        TeamCommand::Logout { url } => {
            let account = super::keychain::account(url);
            let gone = super::keychain::OsKeychain
                .delete(&account)
                .map_err(CliError::Usage)?;
            let what = if gone { "Forgot" } else { "There was no" };
            writeln!(out, "{what} password kept for {account}")?;
            Ok(())
        }
    }
}

/// `backup` on a team database: a desk's file holding what this login may see, to read
/// offline (the team's own backups are the server's, `pg_dump`).
pub(super) fn copy_for_offline(db: &Db, dest: &Path, out: &mut dyn Write) -> Result<(), CliError> {
    let store = db.open_existing()?;
    let report = match store.copy_to_desk(dest) {
        Err(crate::store::StoreError::Exists { path }) => {
            return Err(CliError::BackupExists { path });
        }
        other => other?,
    };
    let records: u64 = report.counts.iter().map(|(_, n)| n).sum();
    writeln!(
        out,
        "Copied {} ({records} records and {} files, as this login sees them) to {}, to read \
         offline: it opens read-only; the team database's own backups are the server's (pg_dump)",
        db.shown().display(),
        report.files,
        dest.display()
    )?;
    Ok(())
}

/// `team login`: connects to `url` with `password`, and only then keeps it in `keychain`.
pub(super) fn login(
    url: &str,
    password: &str,
    keychain: &dyn super::keychain::Keychain,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let Db::Team(address) = Db::team_with(url, Some(password))? else {
        return Err(CliError::Usage("team login needs a postgres:// URL".into()));
    };
    let store = Store::open_team(&address)?;
    let who = match store.team_identity() {
        Some(crate::store::Identity::Person(p)) => format!("user {}", p.user.0),
        _ => "the administrator".into(),
    };
    let account = super::keychain::account(url);
    keychain.set(&account, password).map_err(CliError::Usage)?;
    writeln!(
        out,
        "Connected as {who}; the password for {account} is kept in this computer's keychain"
    )?;
    Ok(())
}

fn open(address: &TeamAddress) -> Result<Store, CliError> {
    Ok(Store::open_team(address)?)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use crate::cli::{CliCommand, ListWhat, run_on};
    use crate::store::tests::pg_cluster;

    fn output(db: &Db, command: &CliCommand) -> Result<String, CliError> {
        let mut out = Vec::new();
        run_on(command, db, &mut out)?;
        Ok(String::from_utf8_lossy(&out).into_owned())
    }

    #[test]
    fn a_desk_moves_into_a_team_database_and_lists_the_same() -> Result<(), CliError> {
        let Some(cluster) = pg_cluster::cluster() else {
            return Ok(());
        };
        let dir = tempfile::tempdir().map_err(|e| CliError::Usage(e.to_string()))?;
        let desk = Db::Desk(dir.path().join("客户.redb"));
        output(&desk, &CliCommand::SampleData)?;
        let (address, _) = cluster.fresh_team()?;
        let team = Db::Team(Box::new(address));

        let imported = output(
            &team,
            &CliCommand::Team {
                what: TeamCommand::Import {
                    from: dir.path().join("客户.redb"),
                },
            },
        )?;
        assert!(imported.contains("jobs\t13"), "{imported}");
        for what in [
            ListWhat::Clients,
            ListWhat::Jobs,
            ListWhat::Meetings,
            ListWhat::Estimates,
        ] {
            let list = CliCommand::List {
                what,
                job_number: None,
                job: None,
                kind: None,
            };
            let (mine, theirs) = (output(&desk, &list)?, output(&team, &list)?);
            assert!(mine.lines().count() > 1, "{mine}");
            assert_eq!(mine, theirs, "list {what:?}");
        }
        let checked = output(&team, &CliCommand::Check)?;
        assert!(checked.contains("No problems found."), "{checked}");

        // Importing twice is refused; the commands about the desk's file say what to do.
        let again = output(
            &team,
            &CliCommand::Team {
                what: TeamCommand::Import {
                    from: dir.path().join("客户.redb"),
                },
            },
        );
        assert!(
            matches!(&again, Err(e) if e.to_string().contains("already holds")),
            "{again:?}"
        );
        // `backup` copies it into a desk's file that opens read-only.
        let copy = dir.path().join("出差.redb");
        let backup = output(&team, &CliCommand::Backup { path: copy.clone() })?;
        assert!(backup.contains("read offline"), "{backup}");
        let offline = Db::Desk(copy);
        let list = CliCommand::List {
            what: ListWhat::Jobs,
            job_number: None,
            job: None,
            kind: None,
        };
        assert_eq!(output(&offline, &list)?, output(&team, &list)?);
        let store = offline.open_existing()?;
        let write = store.write(|tx| tx.next_id());
        assert!(
            matches!(&write, Err(e) if e.to_string().contains("for reading offline")),
            "{write:?}"
        );
        Ok(())
    }

    #[test]
    fn login_keeps_a_password_only_once_it_connects() -> Result<(), CliError> {
        use crate::cli::keychain::{MemoryKeychain, account};
        let Some(cluster) = pg_cluster::cluster() else {
            return Ok(());
        };
        let (_, url) = cluster.fresh_team()?;
        let password = cluster.password();
        let keychain = MemoryKeychain::default();
        let mut out = Vec::new();
        let wrong = login(&url, "not-the-password", &keychain, &mut out);
        assert!(
            matches!(&wrong, Err(e) if e.to_string().contains("password authentication failed")),
            "{wrong:?}"
        );
        assert_eq!(keychain.get(&account(&url)), None);
        login(&url, password, &keychain, &mut out)?;
        assert_eq!(keychain.get(&account(&url)).as_deref(), Some(password));
        assert!(String::from_utf8_lossy(&out).contains("the administrator"));
        Ok(())
    }
}
