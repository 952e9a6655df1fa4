//! The people of a team database: who a connection is, and an administrator's changes to
//! people, roles and the walls around confidential clients. Every change goes through the
//! database's own functions (schema 2), which check who asks; nothing here is trusted.

use super::super::backend::WriteTxn;
use super::super::{Store, StoreError, WriteTx};
use super::columns::{db_id, db_u64, pg};
use super::setup::{RolePrefix, ident, literal};
use super::{PgEngine, PgWrite};
use crate::domain::{Action, Change, Role, Stamp, Subject, User, UserId};
use postgres::Client;

/// A person's rights in a team database.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TeamRole {
    /// Account executive.
    Ae,
    /// Account manager.
    Am,
    /// Account director: also decides who sees a confidential client.
    Ad,
    /// The director's office.
    Director,
    /// Manages people and walls.
    Admin,
}

impl TeamRole {
    /// Every role, in the order they are offered.
    pub const ALL: [TeamRole; 5] = [
        TeamRole::Ae,
        TeamRole::Am,
        TeamRole::Ad,
        TeamRole::Director,
        TeamRole::Admin,
    ];

    /// The name the database and the command line use.
    pub fn code(self) -> &'static str {
        match self {
            TeamRole::Ae => "ae",
            TeamRole::Am => "am",
            TeamRole::Ad => "ad",
            TeamRole::Director => "director",
            TeamRole::Admin => "admin",
        }
    }

    /// A role from its name (`ae`, `am`, `ad`, `director`, `admin`).
    pub fn parse(text: &str) -> Result<TeamRole, StoreError> {
        TeamRole::ALL
            .into_iter()
            .find(|r| r.code() == text.trim().to_ascii_lowercase())
            .ok_or_else(|| {
                StoreError::Engine(format!(
                    "{text:?} is not a role of a team: ae, am, ad, director or admin"
                ))
            })
    }

    /// The agency role the person's user record shows (an administrator shows as the
    /// director's office, where the agency's administration sits).
    pub fn agency_role(self) -> Role {
        match self {
            TeamRole::Ae => Role::AccountExecutive,
            TeamRole::Am => Role::AccountManager,
            TeamRole::Ad => Role::AccountDirector,
            TeamRole::Director | TeamRole::Admin => Role::DirectorsOffice,
        }
    }

    /// The team role of an agency role, for a desk's users moved into a team database.
    pub fn of_agency(role: Role) -> TeamRole {
        match role {
            Role::AccountExecutive => TeamRole::Ae,
            Role::AccountManager => TeamRole::Am,
            Role::AccountDirector => TeamRole::Ad,
            Role::DirectorsOffice => TeamRole::Director,
        }
    }
}

/// A person of a team database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamPerson {
    /// Their user record.
    pub user: UserId,
    /// Their PostgreSQL login (`None`: not given one yet, e.g. a desk's user imported).
    pub login: Option<String>,
    /// Their rights.
    pub role: TeamRole,
    /// Shut out: they see and write nothing.
    pub disabled: bool,
}

/// Who a connection to a team database is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Identity {
    /// The administrator who set the database up (a member of its owner role).
    Installer,
    /// A person of the team.
    Person(TeamPerson),
}

/// Who `client` is logged in as; an error when the login is not an active person.
pub(super) fn whoami(client: &mut Client) -> Result<Identity, StoreError> {
    let row = client
        .query_one(
            "SELECT account_desk.is_installer(), session_user::text",
            &[],
        )
        .map_err(pg)?;
    if row.try_get::<_, bool>(0).map_err(pg)? {
        return Ok(Identity::Installer);
    }
    let login: String = row.try_get(1).map_err(pg)?;
    let person = people(client)?
        .into_iter()
        .find(|p| p.login.as_deref() == Some(login.as_str()));
    match person {
        Some(p) if !p.disabled => Ok(Identity::Person(p)),
        Some(_) => Err(StoreError::Engine(format!(
            "the login {login} is disabled in this team database: ask the team's administrator"
        ))),
        None => Err(StoreError::Engine(format!(
            "the login {login} is not a person of this team database: ask the team's \
             administrator to add you (account-desk team user add)"
        ))),
    }
}

/// Every person, by user id.
pub(super) fn people(client: &mut Client) -> Result<Vec<TeamPerson>, StoreError> {
    let rows = client
        .query(
            "SELECT user_id, login, role, disabled FROM account_desk.people ORDER BY user_id",
            &[],
        )
        .map_err(pg)?;
    rows.iter()
        .map(|r| {
            Ok(TeamPerson {
                user: UserId(db_u64(r.try_get(0).map_err(pg)?, "user")?),
                login: r.try_get(1).map_err(pg)?,
                role: TeamRole::parse(r.try_get(2).map_err(pg)?)?,
                disabled: r.try_get(3).map_err(pg)?,
            })
        })
        .collect()
}

/// A team database's administration, for its administrators: people, roles and walls.
pub struct TeamAdmin<'a> {
    store: &'a Store,
    engine: &'a PgEngine,
}

impl Store {
    /// The team database's administration (an error on a desk's database).
    pub fn team_admin(&self) -> Result<TeamAdmin<'_>, StoreError> {
        let engine = self.team_engine().ok_or_else(|| {
            StoreError::Engine(
                "people and walls belong to a team database; give it with --team URL".into(),
            )
        })?;
        Ok(TeamAdmin {
            store: self,
            engine,
        })
    }
}

/// Runs `f` on the connection of a team database's write transaction.
fn on_team<R>(
    tx: &mut WriteTx,
    f: impl FnOnce(&mut Client) -> Result<R, postgres::Error>,
) -> Result<R, StoreError> {
    let txn: &mut dyn WriteTxn = tx.txn.as_mut();
    let pg_write = txn
        .as_any_mut()
        .downcast_mut::<PgWrite>()
        .ok_or_else(|| StoreError::Engine("not a team database".into()))?;
    pg_write.txn.with(f)
}

/// A person's short name, the part of their login after the prefix.
fn check_name(name: &str) -> Result<(), StoreError> {
    let ok = (1..=30).contains(&name.len())
        && name.starts_with(|c: char| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if ok {
        Ok(())
    } else {
        Err(StoreError::Engine(format!(
            "{name:?} cannot be a login: use lower-case letters, digits and _ (starting with a \
             letter, at most 30), e.g. wang or li_na"
        )))
    }
}

impl TeamAdmin<'_> {
    /// The team's role prefix.
    pub fn prefix(&self) -> Result<RolePrefix, StoreError> {
        let text: String = self.engine.on_client(|c| {
            c.query_one(
                "SELECT value FROM account_desk.settings WHERE name = 'role_prefix'",
                &[],
            )?
            .try_get(0)
        })?;
        RolePrefix::parse(&text)
    }

    /// Every person.
    pub fn people(&self) -> Result<Vec<TeamPerson>, StoreError> {
        self.engine.with_client(people)
    }

    /// Adds a person: a PostgreSQL login `PREFIX_name` with `password` (sent to the server
    /// only as its SCRAM verifier), a member of the team's people, mapped to the user
    /// record `user` — or to a new one named `display` — with `role`. All of it or nothing.
    pub fn add_person(
        &self,
        name: &str,
        role: TeamRole,
        display: &str,
        user: Option<UserId>,
        password: &str,
    ) -> Result<(UserId, String), StoreError> {
        check_name(name)?;
        if password.chars().count() < 8 {
            return Err(StoreError::Engine(
                "a password needs at least 8 characters".into(),
            ));
        }
        let login = self.prefix()?.login(name);
        let people_role = self.prefix()?.people();
        let verifier = postgres_protocol::password::scram_sha_256(password.as_bytes());
        let now = chrono::Utc::now();
        let actor = match &self.engine.identity {
            Identity::Person(p) => p.user,
            Identity::Installer => UserId(0),
        };
        self.store.write(|tx| {
            tx.acting(actor, now);
            let id = match user {
                Some(id) => {
                    if tx.get::<User>(id.0)?.is_none() {
                        return Err(StoreError::Engine(format!(
                            "there is no user {} to give the login to",
                            id.0
                        )));
                    }
                    id
                }
                None => {
                    let display = display.trim();
                    if display.is_empty() {
                        return Err(StoreError::Engine("the person needs a name".into()));
                    }
                    let id = UserId(tx.next_id()?);
                    tx.put(&User {
                        id,
                        name: display.to_string(),
                        role: role.agency_role(),
                        active: true,
                    })?;
                    tx.log(&Change {
                        stamp: Stamp { by: actor, at: now },
                        subject: Subject::User,
                        id: id.0,
                        action: Action::Created,
                        summary: display.to_string(),
                    })?;
                    id
                }
            };
            on_team(tx, |c| {
                c.batch_execute(&format!(
                    "CREATE ROLE {} LOGIN PASSWORD {} IN ROLE {}",
                    ident(&login),
                    literal(&verifier),
                    ident(&people_role)
                ))?;
                c.execute(
                    "SELECT account_desk.set_person($1, $2, $3)",
                    &[&db_id(id.0), &login, &role.code()],
                )
            })?;
            Ok((id, login.clone()))
        })
    }

    /// Records a desk's users as people without a login (after `team import`): each keeps
    /// the role their user record shows until given a login.
    pub fn adopt_users(&self) -> Result<usize, StoreError> {
        let users = self.store.all::<User>()?;
        let known: Vec<UserId> = self.people()?.into_iter().map(|p| p.user).collect();
        let fresh: Vec<&User> = users.iter().filter(|u| !known.contains(&u.id)).collect();
        self.engine.in_transaction(|c| {
            for u in &fresh {
                c.execute(
                    "SELECT account_desk.set_person($1, NULL, $2)",
                    &[&db_id(u.id.0), &TeamRole::of_agency(u.role).code()],
                )?;
            }
            Ok(())
        })?;
        Ok(fresh.len())
    }

    /// Changes a person's role.
    pub fn set_role(&self, user: UserId, role: TeamRole) -> Result<(), StoreError> {
        self.engine.in_transaction(|c| {
            c.execute(
                "SELECT account_desk.set_person_role($1, $2)",
                &[&db_id(user.0), &role.code()],
            )
            .map(drop)
        })
    }

    /// Disables a person (or enables them again): they see and write nothing, and their
    /// login is closed when the asking administrator may close logins.
    pub fn set_disabled(&self, user: UserId, disabled: bool) -> Result<(), StoreError> {
        let login: Option<String> = self.engine.in_transaction(|c| {
            c.query_one(
                "SELECT account_desk.set_person_disabled($1, $2)",
                &[&db_id(user.0), &disabled],
            )?
            .try_get(0)
        })?;
        if let Some(login) = login {
            let verb = if disabled { "NOLOGIN" } else { "LOGIN" };
            // Closing the login needs CREATEROLE; without it the person is still shut out
            // by the database's own rules.
            let _ = self
                .engine
                .on_client(|c| c.batch_execute(&format!("ALTER ROLE {} {verb}", ident(&login))));
        }
        Ok(())
    }

    /// Marks a client confidential (only its members see its records, files and history)
    /// or open again. Marking it makes the asking person a member.
    pub fn set_confidential(&self, client: u64, secret: bool) -> Result<(), StoreError> {
        self.engine.in_transaction(|c| {
            c.execute(
                "SELECT account_desk.set_confidential($1, $2)",
                &[&db_id(client), &secret],
            )
            .map(drop)
        })
    }

    /// Adds a person to a confidential client's members, or takes them off.
    pub fn set_member(&self, client: u64, user: UserId, member: bool) -> Result<(), StoreError> {
        self.engine.in_transaction(|c| {
            c.execute(
                "SELECT account_desk.set_member($1, $2, $3)",
                &[&db_id(client), &db_id(user.0), &member],
            )
            .map(drop)
        })
    }

    /// The confidential clients and their members' user ids.
    pub fn walls(&self) -> Result<Vec<(u64, Vec<UserId>)>, StoreError> {
        let rows = self.engine.on_client(|c| {
            c.query(
                "SELECT c.client, coalesce(array_agg(m.user_id ORDER BY m.user_id) \
                 FILTER (WHERE m.user_id IS NOT NULL), '{}') \
                 FROM account_desk.confidential c LEFT JOIN account_desk.members m USING (client) \
                 GROUP BY c.client ORDER BY c.client",
                &[],
            )
        })?;
        rows.iter()
            .map(|r| {
                let members: Vec<i64> = r.try_get(1).map_err(pg)?;
                Ok((
                    db_u64(r.try_get(0).map_err(pg)?, "client")?,
                    members
                        .into_iter()
                        .map(|m| db_u64(m, "user").map(UserId))
                        .collect::<Result<_, _>>()?,
                ))
            })
            .collect()
    }
}
