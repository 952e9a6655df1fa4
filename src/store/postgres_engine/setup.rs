//! Making a team database and upgrading it: the tables (schema 1), then the team's roles,
//! rights and walls (schema 2), then the files records name (schema 3), all in the
//! transaction of the command that runs it.
//! Only the administrator who set the database up runs these (`team init`, `team migrate`).

use super::super::StoreError;
use super::columns::pg;
use super::{SCHEMA_SQL, TEAM_SCHEMA_VERSION, TeamAddress};
use postgres::{Client, Transaction};

/// Schema 2: people, rights and walls (see the file's own header).
const SCHEMA2_SQL: &str = include_str!("schema2.sql");

/// Schema 3: files kept in the server under the records' walls (see the file's own header).
const SCHEMA3_SQL: &str = include_str!("schema3.sql");
const SCHEMA4_SQL: &str = include_str!("schema4.sql");
const SCHEMA5_SQL: &str = include_str!("schema5.sql");
const SCHEMA6_SQL: &str = include_str!("schema6.sql");
/// Schema 7: the words read from the files and their thumbnails, beside them.
const SCHEMA7_SQL: &str = include_str!("schema7.sql");

/// The team's role prefix: PostgreSQL roles belong to the whole server, so every role of a
/// team database is named with it — `agency_owner`, `agency_people`, and each person's
/// login `agency_wang`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RolePrefix(String);

impl RolePrefix {
    /// A prefix as given: lower-case letters, digits and `_`, starting with a letter, at
    /// most 30 characters (PostgreSQL names hold 63 bytes; a login adds `_` and a name).
    pub fn parse(text: &str) -> Result<RolePrefix, StoreError> {
        let ok = text.len() <= 30
            && text.starts_with(|c: char| c.is_ascii_lowercase())
            && text
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if ok {
            Ok(RolePrefix(text.to_string()))
        } else {
            Err(StoreError::Engine(format!(
                "{text:?} cannot name the team's roles: use lower-case letters, digits and _ \
                 (starting with a letter, at most 30), e.g. --prefix agency"
            )))
        }
    }

    /// The prefix made from a database's name: `Agency-2027` gives `agency_2027`.
    pub fn from_database(name: &str) -> RolePrefix {
        let mut text: String = name
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    '_'
                }
            })
            .take(26)
            .collect();
        if !text.starts_with(|c: char| c.is_ascii_lowercase()) {
            text.insert_str(0, "ad_");
        }
        RolePrefix(text)
    }

    /// The role that owns everything; nobody logs in as it.
    pub fn owner(&self) -> String {
        format!("{}_owner", self.0)
    }

    /// The role every person's login is a member of.
    pub fn people(&self) -> String {
        format!("{}_people", self.0)
    }

    /// A person's login: the prefix and their short name.
    pub fn login(&self, name: &str) -> String {
        format!("{}_{name}", self.0)
    }

    /// The prefix itself.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A name as an SQL identifier, quoted.
pub(super) fn ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// A text as an SQL literal, quoted.
pub(super) fn literal(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

/// Creates the team's two roles when the server does not have them yet, makes the asking
/// administrator a member of the owner, and lets the owner create in this database.
fn roles(tx: &mut Transaction<'_>, prefix: &RolePrefix) -> Result<(), StoreError> {
    let (owner, people) = (prefix.owner(), prefix.people());
    tx.batch_execute(&format!(
        "DO $$ BEGIN
            IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = {ol}) THEN
                CREATE ROLE {oi} NOLOGIN;
            END IF;
            IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = {pl}) THEN
                CREATE ROLE {pi} NOLOGIN;
            END IF;
            EXECUTE format('GRANT CREATE ON DATABASE %I TO %I', current_database(), {ol});
        END $$;
        GRANT {oi} TO SESSION_USER;",
        ol = literal(&owner),
        oi = ident(&owner),
        pl = literal(&people),
        pi = ident(&people),
    ))
    .map_err(|e| {
        let StoreError::Engine(text) = pg(e) else {
            return StoreError::Engine("the team's roles could not be made".into());
        };
        StoreError::Engine(format!(
            "{text}: setting up a team database creates its roles, so run it as a \
             PostgreSQL administrator (a superuser, or a login with CREATEROLE that owns the database)"
        ))
    })
}

/// Schema 2 or 3 (`sql`) for `prefix`, ready to run.
fn for_prefix(sql: &str, prefix: &RolePrefix) -> String {
    sql.replace("@OWNER_NAME@", &literal(&prefix.owner()))
        .replace("@PEOPLE_NAME@", &literal(&prefix.people()))
        .replace("@OWNER@", &ident(&prefix.owner()))
        .replace("@PEOPLE@", &ident(&prefix.people()))
        .replace("@PREFIX@", &literal(prefix.as_str()))
}

/// Whether the database holds Account Desk's schema.
pub(super) fn has_schema(client: &mut Client) -> Result<bool, StoreError> {
    client
        .query_one(
            "SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = 'account_desk')",
            &[],
        )
        .map_err(pg)?
        .try_get(0)
        .map_err(pg)
}

/// The schema version the database holds (`None`: it is not a team database).
pub(super) fn schema_version(client: &mut Client) -> Result<Option<i64>, StoreError> {
    if !has_schema(client)? {
        return Ok(None);
    }
    client
        .query_opt(
            "SELECT value FROM account_desk.counters WHERE name = 'schema_version'",
            &[],
        )
        .map_err(pg)?
        .map(|r| r.try_get(0))
        .transpose()
        .map_err(pg)
}

/// The prefix a database's roles take unless one is given: from the database's name.
fn default_prefix(address: &TeamAddress) -> RolePrefix {
    RolePrefix::from_database(address.config.get_dbname().unwrap_or("team"))
}

/// Creates a team database's tables, roles and rules in an empty database.
pub(super) fn init(address: &TeamAddress, prefix: Option<RolePrefix>) -> Result<(), StoreError> {
    let mut client = address.connect().map_err(pg)?;
    if has_schema(&mut client)? {
        return Err(StoreError::Engine(
            "the database already holds an Account Desk schema; nothing was changed".into(),
        ));
    }
    let prefix = prefix.unwrap_or_else(|| default_prefix(address));
    let mut tx = client.transaction().map_err(pg)?;
    tx.batch_execute(SCHEMA_SQL).map_err(pg)?;
    roles(&mut tx, &prefix)?;
    tx.batch_execute(&for_prefix(SCHEMA2_SQL, &prefix))
        .map_err(pg)?;
    tx.batch_execute(&for_prefix(SCHEMA3_SQL, &prefix))
        .map_err(pg)?;
    tx.batch_execute(&for_prefix(SCHEMA4_SQL, &prefix))
        .map_err(pg)?;
    tx.batch_execute(&for_prefix(SCHEMA5_SQL, &prefix))
        .map_err(pg)?;
    tx.batch_execute(&for_prefix(SCHEMA6_SQL, &prefix))
        .map_err(pg)?;
    tx.batch_execute(&for_prefix(SCHEMA7_SQL, &prefix))
        .map_err(pg)?;
    tx.commit().map_err(pg)
}

/// What [`migrate`] did: the schema found and the schema left.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Migrated {
    /// The schema the database had.
    pub from: i64,
    /// The schema it has now.
    pub to: i64,
}

/// Upgrades a team database to this build's schema, in one transaction: everything or
/// nothing. A database newer than this build is refused and left as it is.
pub(super) fn migrate(
    address: &TeamAddress,
    prefix: Option<RolePrefix>,
) -> Result<Migrated, StoreError> {
    let mut client = address.connect().map_err(pg)?;
    let Some(from) = schema_version(&mut client)? else {
        return Err(StoreError::Engine(
            "the database is not an Account Desk team database; make one with `account-desk team init`"
                .into(),
        ));
    };
    if from > TEAM_SCHEMA_VERSION {
        return Err(StoreError::Engine(format!(
            "the team database has schema {from}, newer than this build knows ({TEAM_SCHEMA_VERSION}): update Account Desk"
        )));
    }
    let mut tx = client.transaction().map_err(pg)?;
    // The version row stays locked until the upgrade commits: two administrators running
    // it at once take turns, and the second finds nothing left to do.
    let locked: i64 = tx
        .query_one(
            "SELECT value FROM account_desk.counters WHERE name = 'schema_version' FOR UPDATE",
            &[],
        )
        .map_err(pg)?
        .try_get(0)
        .map_err(pg)?;
    let prefix = if locked < 2 {
        let prefix = prefix.unwrap_or_else(|| default_prefix(address));
        roles(&mut tx, &prefix)?;
        tx.batch_execute(&for_prefix(SCHEMA2_SQL, &prefix))
            .map_err(pg)?;
        prefix
    } else {
        // The roles exist: named with the prefix the database was set up with.
        let kept: String = tx
            .query_one(
                "SELECT value FROM account_desk.settings WHERE name = 'role_prefix'",
                &[],
            )
            .and_then(|r| r.try_get(0))
            .map_err(pg)?;
        RolePrefix::parse(&kept)?
    };
    if locked < 3 {
        tx.batch_execute(&for_prefix(SCHEMA3_SQL, &prefix))
            .map_err(pg)?;
    }
    if locked < 4 {
        tx.batch_execute(&for_prefix(SCHEMA4_SQL, &prefix))
            .map_err(pg)?;
    }
    if locked < 5 {
        tx.batch_execute(&for_prefix(SCHEMA5_SQL, &prefix))
            .map_err(pg)?;
    }
    if locked < 6 {
        tx.batch_execute(&for_prefix(SCHEMA6_SQL, &prefix))
            .map_err(pg)?;
    }
    if locked < 7 {
        tx.batch_execute(&for_prefix(SCHEMA7_SQL, &prefix))
            .map_err(pg)?;
    }
    tx.commit().map_err(pg)?;
    Ok(Migrated {
        from,
        to: TEAM_SCHEMA_VERSION,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_prefix_is_a_plain_lower_case_name() {
        assert_eq!(
            RolePrefix::from_database("Agency-2027").as_str(),
            "agency_2027"
        );
        assert_eq!(RolePrefix::from_database("2027").as_str(), "ad_2027");
        assert_eq!(
            RolePrefix::parse("agency")
                .map(|p| p.login("wang"))
                .ok()
                .as_deref(),
            Some("agency_wang")
        );
        for bad in ["", "Agency", "1agency", "a\"b", "a-b", &"a".repeat(31)] {
            assert!(RolePrefix::parse(bad).is_err(), "{bad:?}");
        }
        assert_eq!(ident("a\"b"), "\"a\"\"b\"");
        assert_eq!(literal("it's"), "'it''s'");
    }
}
