//! A team database (PostgreSQL): opening it, setting it up and upgrading it, and who its
//! connections are.

use super::postgres_engine::{FeedWatch, Identity, Migrated, PgEngine, RolePrefix, TeamAddress};
use super::{Shared, Store, StoreError};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

impl Store {
    /// A team database on a PostgreSQL server, made by [`Store::init_team`]; its URL names
    /// it in messages.
    pub fn open_team(address: &TeamAddress) -> Result<Store, StoreError> {
        Ok(Store {
            backend: Box::new(PgEngine::connect(address)?),
            shared: Arc::new(Shared {
                path: PathBuf::from(address.label()),
                sealed_records: true,
                writable: true,
                copy_of: None,
                damaged: AtomicBool::new(false),
            }),
        })
    }

    /// Creates the tables, roles and rules of a team database in an empty PostgreSQL
    /// database; refuses one that already has them. The roles are named with `prefix`, or
    /// else with the database's name.
    pub fn init_team(address: &TeamAddress, prefix: Option<RolePrefix>) -> Result<(), StoreError> {
        PgEngine::init(address, prefix)
    }

    /// Upgrades a team database to this build's schema (its administrator's job). From a
    /// schema before 6, the monthly budget reports already kept have their roads recorded
    /// on the server afterwards, so their next steps are checked against them.
    pub fn migrate_team(
        address: &TeamAddress,
        prefix: Option<RolePrefix>,
    ) -> Result<Migrated, StoreError> {
        let done = PgEngine::migrate(address, prefix)?;
        if done.from < 6 && done.to >= 6 {
            Store::open_team(address)?.replay_report_steps(true)?;
        }
        Ok(done)
    }

    /// The team engine (`None` on a desk's database).
    pub(super) fn team_engine(&self) -> Option<&PgEngine> {
        self.backend.as_any().downcast_ref()
    }

    /// Who this team database's connections are (`None` on a desk's database): in team
    /// mode a person is who they logged in as.
    pub fn team_identity(&self) -> Option<&Identity> {
        self.team_engine().map(|e| e.identity())
    }

    /// Follows a team database live: `wake` is called from a thread of its own whenever
    /// someone commits a change (the window then reads the feed), until the returned watch
    /// is dropped. `None` on a desk's database, whose window reads the feed while in use.
    pub fn watch(&self, wake: Box<dyn Fn() + Send>) -> Option<FeedWatch> {
        self.team_engine().and_then(|e| e.watch(wake))
    }

    /// Names the folder on this computer that keeps what is this computer's own of a team
    /// database, apart from the server: the working copies of its documents. The window
    /// names its data folder once the database is open; the first name stands. Nothing on a
    /// desk's database, whose own things sit beside its file.
    pub fn keep_own_in(&self, folder: PathBuf) {
        if let Some(engine) = self.team_engine() {
            let _ = engine.own.set(folder);
        }
    }

    /// The folder [`Store::keep_own_in`] named (`None` on a desk's database, or before).
    pub fn own_folder(&self) -> Option<&Path> {
        self.team_engine()?.own.get().map(PathBuf::as_path)
    }
}
