//! `account-desk --team URL team user …`, `team member …`, `team walls`: a team's people
//! and who sees its confidential clients. The database checks who asks; these commands only
//! name things and report.

use super::CliError;
use crate::domain::{Client, User, UserId};
use crate::store::{Store, TeamPerson, TeamRole};
use clap::Subcommand;
use std::io::{BufRead, IsTerminal, Write};

/// What `team user` does.
#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Add a person: a PostgreSQL login PREFIX_NAME with a password (asked for, or one line
    /// on standard input), and their user record
    Add {
        /// Their short name in the login: lower-case letters, digits and _ (e.g. wang)
        #[arg(value_name = "NAME")]
        name: String,
        /// ae, am, ad, director or admin
        #[arg(long, value_name = "ROLE")]
        role: Option<String>,
        /// The name the app shows (default: NAME)
        #[arg(long = "name", value_name = "DISPLAY")]
        display: Option<String>,
        /// Give the login to this existing user (e.g. one moved in with `team import`)
        #[arg(long, value_name = "ID")]
        user: Option<u64>,
    },
    /// Change a person's role
    SetRole {
        /// The person's user id or login
        #[arg(value_name = "PERSON")]
        person: String,
        /// ae, am, ad, director or admin
        #[arg(long, value_name = "ROLE")]
        role: String,
    },
    /// Disable a person: they see and write nothing, and their login is closed
    Disable {
        /// The person's user id or login
        #[arg(value_name = "PERSON")]
        person: String,
    },
    /// Enable a disabled person again
    Enable {
        /// The person's user id or login
        #[arg(value_name = "PERSON")]
        person: String,
    },
    /// List the team's people
    List,
}

/// What `team member` does.
#[derive(Debug, Subcommand)]
pub enum MemberCommand {
    /// Let a person see a confidential client
    Add {
        /// The client's id or exact name
        #[arg(value_name = "CLIENT")]
        client: String,
        /// The person's user id or login
        #[arg(value_name = "PERSON")]
        person: String,
    },
    /// Take a person off a confidential client
    Remove {
        /// The client's id or exact name
        #[arg(value_name = "CLIENT")]
        client: String,
        /// The person's user id or login
        #[arg(value_name = "PERSON")]
        person: String,
    },
}

/// A client by id or exact name.
pub(super) fn client_id(store: &Store, given: &str) -> Result<u64, CliError> {
    let clients = store.all::<Client>()?;
    let given = given.trim();
    clients
        .iter()
        .find(|c| given.parse::<u64>().is_ok_and(|id| id == c.id.0) || c.name == given)
        .map(|c| c.id.0)
        .ok_or_else(|| {
            CliError::Usage(format!(
                "no client {given:?} that you may see: give its id or exact name (`list clients`)"
            ))
        })
}

/// A person by user id, whole login or short name.
fn person(store: &Store, given: &str) -> Result<TeamPerson, CliError> {
    let admin = store.team_admin()?;
    let login = admin.prefix()?.login(given.trim());
    admin
        .people()?
        .into_iter()
        .find(|p| {
            given.trim().parse::<u64>().is_ok_and(|id| id == p.user.0)
                || p.login.as_deref() == Some(given.trim())
                || p.login.as_deref() == Some(login.as_str())
        })
        .ok_or_else(|| {
            CliError::Usage(format!(
                "no person {given:?} in this team: give a user id or login (`team user list`)"
            ))
        })
}

/// The new person's password: asked for twice on a terminal, else one line of standard
/// input (for scripts), so it is never on the command line.
fn new_password(login: &str) -> Result<String, CliError> {
    let io = |e: std::io::Error| CliError::Usage(format!("reading the password: {e}"));
    if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password(format!("Password for {login}: ")).map_err(io)?;
        let again = rpassword::prompt_password("Again: ").map_err(io)?;
        if first != again {
            return Err(CliError::Usage(
                "the two passwords differ; nothing was changed".into(),
            ));
        }
        Ok(first)
    } else {
        line_of_stdin()
    }
}

/// One line of standard input, without its line end (a password given by a script).
pub(super) fn line_of_stdin() -> Result<String, CliError> {
    let mut line = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut line)
        .map_err(|e| CliError::Usage(format!("reading the password: {e}")))?;
    Ok(line.trim_end_matches(['\r', '\n']).to_string())
}

/// Runs `team user …`.
pub(super) fn user(
    store: &Store,
    command: &UserCommand,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let admin = store.team_admin()?;
    match command {
        UserCommand::Add {
            name,
            role,
            display,
            user,
        } => {
            let existing = user.map(UserId);
            let role = match (role, existing) {
                (Some(role), _) => TeamRole::parse(role)?,
                (None, Some(id)) => admin
                    .people()?
                    .into_iter()
                    .find(|p| p.user == id)
                    .map(|p| p.role)
                    .ok_or_else(|| CliError::Usage("give the person's --role".into()))?,
                (None, None) => return Err(CliError::Usage("give the person's --role".into())),
            };
            let login = admin.prefix()?.login(name);
            let password = new_password(&login)?;
            let display = display.as_deref().unwrap_or(name);
            let (id, login) = admin.add_person(name, role, display, existing, &password)?;
            writeln!(
                out,
                "Added {login} (user {}, {}); they connect with postgres://{login}@HOST/DATABASE",
                id.0,
                role.code()
            )?;
        }
        UserCommand::SetRole { person: who, role } => {
            let p = person(store, who)?;
            let role = TeamRole::parse(role)?;
            admin.set_role(p.user, role)?;
            writeln!(out, "User {} is now {}", p.user.0, role.code())?;
        }
        UserCommand::Disable { person: who } | UserCommand::Enable { person: who } => {
            let off = matches!(command, UserCommand::Disable { .. });
            let p = person(store, who)?;
            admin.set_disabled(p.user, off)?;
            let state = if off { "disabled" } else { "enabled" };
            writeln!(out, "User {} is {state}", p.user.0)?;
        }
        UserCommand::List => {
            let names = store.all::<User>()?;
            writeln!(out, "user\tlogin\trole\tstate\tname")?;
            for p in admin.people()? {
                let name = names
                    .iter()
                    .find(|u| u.id == p.user)
                    .map_or("", |u| u.name.as_str());
                writeln!(
                    out,
                    "{}\t{}\t{}\t{}\t{name}",
                    p.user.0,
                    p.login.as_deref().unwrap_or("-"),
                    p.role.code(),
                    if p.disabled { "disabled" } else { "active" }
                )?;
            }
        }
    }
    Ok(())
}

/// Runs `team member …`.
pub(super) fn member(
    store: &Store,
    command: &MemberCommand,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let (MemberCommand::Add {
        client,
        person: who,
    }
    | MemberCommand::Remove {
        client,
        person: who,
    }) = command;
    let add = matches!(command, MemberCommand::Add { .. });
    let client = client_id(store, client)?;
    let p = person(store, who)?;
    store.team_admin()?.set_member(client, p.user, add)?;
    let verb = if add { "sees" } else { "no longer sees" };
    writeln!(out, "User {} {verb} client {client}", p.user.0)?;
    Ok(())
}

/// Runs `team walls`.
pub(super) fn walls(store: &Store, out: &mut dyn Write) -> Result<(), CliError> {
    writeln!(out, "client\tmembers")?;
    for (client, members) in store.team_admin()?.walls()? {
        let members: Vec<String> = members.iter().map(|m| m.0.to_string()).collect();
        writeln!(out, "{client}\t{}", members.join(" "))?;
    }
    Ok(())
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use crate::cli::team::{Db, TeamCommand};
    use crate::cli::{CliCommand, ListWhat, run_on};
    use crate::store::tests::{fill, pg_cluster};

    fn output(db: &Db, what: TeamCommand) -> Result<String, CliError> {
        run(db, &CliCommand::Team { what })
    }

    fn run(db: &Db, command: &CliCommand) -> Result<String, CliError> {
        let mut out = Vec::new();
        run_on(command, db, &mut out)?;
        Ok(String::from_utf8_lossy(&out).into_owned())
    }

    #[test]
    fn people_and_walls_are_managed_from_the_command_line() -> Result<(), CliError> {
        let Some(cluster) = pg_cluster::cluster() else {
            return Ok(());
        };
        let (address, config) = cluster.fresh_database()?;
        Store::init_team(&address, None)?;
        let store = Store::open_team(&address)?;
        fill(&store)?;
        let client = store.all::<Client>()?.remove(0);
        let admin = store.team_admin()?;
        let (ae, ae_login) =
            admin.add_person("ae1", TeamRole::Ae, "王小明", None, "ae1-password")?;
        admin.add_person("ad1", TeamRole::Ad, "李总监", None, "ad1-password")?;
        let db = Db::Team(Box::new(address));

        let migrated = output(&db, TeamCommand::Migrate { prefix: None })?;
        assert!(migrated.contains("nothing to do"), "{migrated}");
        let list = || {
            output(
                &db,
                TeamCommand::User {
                    what: UserCommand::List,
                },
            )
        };
        let people = list()?;
        assert!(
            people.contains(&format!("{}\t{ae_login}\tae\tactive\t王小明", ae.0)),
            "{people}"
        );
        let set = output(
            &db,
            TeamCommand::User {
                what: UserCommand::SetRole {
                    person: "ae1".into(),
                    role: "am".into(),
                },
            },
        )?;
        assert!(set.contains("is now am"), "{set}");
        assert!(list()?.contains(&format!("{ae_login}\tam\tactive")));

        // The client walled off: the AE (not a member) lists no clients, and cannot
        // make themselves an administrator from their own command line.
        output(
            &db,
            TeamCommand::Confidential {
                client: client.name.clone(),
                off: false,
            },
        )?;
        let mut ae_config = config.clone();
        ae_config.user(&ae_login).password("ae1-password");
        let ae_db = Db::Team(Box::new(crate::store::TeamAddress::from_config(
            ae_config, &ae_login,
        )));
        let clients = CliCommand::List {
            what: ListWhat::Clients,
            job_number: None,
            job: None,
            kind: None,
        };
        assert!(!run(&ae_db, &clients)?.contains(&client.name));
        let promote = output(
            &ae_db,
            TeamCommand::User {
                what: UserCommand::SetRole {
                    person: "ad1".into(),
                    role: "admin".into(),
                },
            },
        );
        assert!(
            matches!(&promote, Err(e) if e.to_string().contains("only an administrator")),
            "{promote:?}"
        );
        output(
            &db,
            TeamCommand::Member {
                what: MemberCommand::Add {
                    client: client.id.0.to_string(),
                    person: "ae1".into(),
                },
            },
        )?;
        let walls = output(&db, TeamCommand::Walls)?;
        assert!(
            walls.contains(&format!("{}\t{}", client.id.0, ae.0)),
            "{walls}"
        );
        assert!(run(&ae_db, &clients)?.contains(&client.name));

        output(
            &db,
            TeamCommand::User {
                what: UserCommand::Disable {
                    person: ae.0.to_string(),
                },
            },
        )?;
        assert!(list()?.contains(&format!("{ae_login}\tam\tdisabled")));
        assert!(run(&ae_db, &clients).is_err());
        Ok(())
    }
}
