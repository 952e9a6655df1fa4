//! `--team URL` and `account-desk team …`: the same commands on a team database (PostgreSQL),
//! and setting one up.

use super::CliError;
use crate::store::{Store, TeamAddress};
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
    /// A team database from `--team URL`, with the password from `PGPASSWORD`.
    pub fn team(url: &str) -> Result<Db, CliError> {
        let password = std::env::var("PGPASSWORD").ok();
        Ok(Db::Team(Box::new(TeamAddress::parse(
            url,
            password.as_deref(),
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
    /// Create Account Desk's tables in an empty PostgreSQL database (refuses one that has
    /// them), e.g. `account-desk team init postgres://admin@localhost/agency`
    Init {
        /// postgres://USER@HOST:PORT/DATABASE (the password comes from PGPASSWORD)
        #[arg(value_name = "URL")]
        url: String,
    },
    /// Copy a desk's database into the (empty) team database given with --team, keeping
    /// who wrote each record and when; then check both and compare them kind by kind
    Import {
        /// The desk's database file
        #[arg(long, value_name = "PATH")]
        from: PathBuf,
    },
}

/// Runs `team …` on `db` (the database of `--team`, or the desk's file).
pub(super) fn run(db: &Db, command: &TeamCommand, out: &mut dyn Write) -> Result<(), CliError> {
    match command {
        TeamCommand::Init { url } => {
            let Db::Team(address) = Db::team(url)? else {
                return Err(CliError::Usage("team init needs a postgres:// URL".into()));
            };
            Store::init_team(&address)?;
            writeln!(
                out,
                "Created Account Desk's tables in {}; move a desk's database in with \
                 `account-desk --team {} team import --from FILE`",
                address.label(),
                address.label()
            )?;
            Ok(())
        }
        TeamCommand::Import { from } => {
            let Db::Team(address) = db else {
                return Err(CliError::Usage(
                    "team import copies into a team database: give it with --team URL".into(),
                ));
            };
            let desk = Db::Desk(from.clone()).open_existing()?;
            let team = Store::open_team(address)?;
            let report = desk.copy_into(&team)?;
            writeln!(
                out,
                "Copied {} into {}; both checked, and they hold the same:",
                from.display(),
                address.label()
            )?;
            for (kind, n) in &report.counts {
                writeln!(out, "{}\t{n}", kind.name())?;
            }
            Ok(())
        }
    }
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
        let (address, _) = cluster.fresh_database()?;
        Store::init_team(&address)?;
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
        for what in [ListWhat::Clients, ListWhat::Jobs, ListWhat::Meetings] {
            let list = CliCommand::List {
                what,
                job_number: None,
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
        let backup = output(
            &team,
            &CliCommand::Backup {
                path: dir.path().join("copy.redb"),
            },
        );
        assert!(
            matches!(&backup, Err(e) if e.to_string().contains("pg_dump")),
            "{backup:?}"
        );
        Ok(())
    }
}
