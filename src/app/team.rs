//! The window on a team database (PostgreSQL), and switching between databases.
//!
//! - On a team database you are who you logged in as: the top bar shows the login's person
//!   instead of the "current user" picker, and every change is the login's (the server
//!   stamps it regardless). Verification and the daily backup are the server's; 备份 writes
//!   the offline, read-only copy ([`Store::copy_to_desk`]).
//! - 切换数据库… lists this computer's database and the connection profiles
//!   ([`Profiles`], `teams.conf`), adds and removes profiles, and opens another database in
//!   the same window (the forms must be saved first).

use super::AccountDeskApp;
use super::opening::OpenDatabase;
use crate::cli::keychain::{Keychain, OsKeychain, account, password_for};
use crate::cli::profiles::Profiles;
use crate::domain::{Lang, UserId};
use crate::store::{Identity, Store, StoreError, TeamAddress};
use crate::ui::model::Route;
use egui::RichText;
use std::path::PathBuf;

/// The database a window works on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A desk's file.
    Desk(PathBuf),
    /// A team database, by URL (without a password).
    Team(String),
}

impl Target {
    /// How the window names it: the file, or the URL.
    pub fn label(&self) -> PathBuf {
        match self {
            Target::Desk(path) => path.clone(),
            Target::Team(url) => PathBuf::from(url),
        }
    }

    /// The opener of this database: a desk's file the ordinary way, a team database with
    /// `typed` (a password typed in the window), else `PGPASSWORD`, else the keychain's.
    /// With `remember`, a typed password that worked is kept in the OS keychain.
    pub(crate) fn opener(&self, typed: Option<String>, remember: bool) -> OpenDatabase {
        match self {
            Target::Desk(_) => Box::new(super::opening::open_and_adopt),
            Target::Team(url) => {
                let url = url.clone();
                Box::new(move |_| open_team(&url, typed, remember))
            }
        }
    }
}

/// Opens the team database at `url` (see [`Target::opener`]).
fn open_team(url: &str, typed: Option<String>, remember: bool) -> Result<Store, StoreError> {
    let typed = typed.filter(|p| !p.is_empty());
    let password = match &typed {
        Some(p) => Some(p.clone()),
        None => password_for(
            url,
            std::env::var("PGPASSWORD").ok(),
            &OsKeychain,
            &mut || None,
        ),
    };
    let team_ca = std::env::var_os("PGSSLROOTCERT").map(PathBuf::from);
    let address = TeamAddress::parse(url, password.as_deref(), team_ca.as_deref())?;
    let store = Store::open_team(&address)?;
    if remember
        && let Some(p) = &typed
        && let Err(e) = OsKeychain.set(&account(url), p)
    {
        log::warn!("the password of {url} was not kept in the keychain: {e}");
    }
    Ok(store)
}

/// Where the window's other databases are: this computer's (to go back to) and the
/// profiles file. Empty in tests that do not switch.
#[derive(Debug, Clone, Default)]
pub struct Places {
    /// This computer's database.
    pub desk: Option<PathBuf>,
    /// `teams.conf` in the data folder.
    pub profiles: Option<PathBuf>,
}

/// The team side of a running window: who is logged in, and the desk's own preferences
/// kept aside (a team database's user ids and records are not the desk's).
#[derive(Debug, Clone)]
pub(super) struct TeamSide {
    who: Identity,
    desk_user: Option<UserId>,
    desk_route: Option<Route>,
}

/// 切换数据库…: its state while open, and the database chosen in it.
#[derive(Debug, Default)]
pub(super) struct Switcher {
    open: bool,
    profiles: Profiles,
    name: String,
    url: String,
    message: Option<String>,
    chosen: Option<Target>,
}

impl AccountDeskApp {
    /// Takes note of a team database's login (called once the store is open): the person
    /// becomes the current user, the desk's choice is kept for the desk.
    pub(super) fn join_team(&mut self) {
        let Some(who) = self.store.team_identity().cloned() else {
            return;
        };
        self.team = Some(TeamSide {
            who,
            desk_user: self.prefs.current_user,
            desk_route: self.prefs.last_route,
        });
        self.set_feed_every(super::feed::TEAM_FEED_EVERY);
        self.keep_current_user_valid();
    }

    /// The login's user on a team database (`None` off a team database, and for the
    /// administrator who set it up, who is no person of the team).
    pub(super) fn team_user(&self) -> Option<Option<UserId>> {
        self.team.as_ref().map(|t| match &t.who {
            Identity::Person(p) => Some(p.user),
            Identity::Installer => None,
        })
    }

    /// Whether the window is on a team database.
    pub fn is_team(&self) -> bool {
        self.team.is_some()
    }

    /// The preferences to remember from a team database: its language and look, but the
    /// desk's own current user and last screen.
    pub(super) fn desk_prefs(&self, mut prefs: super::Prefs) -> super::Prefs {
        if let Some(team) = &self.team {
            prefs.current_user = team.desk_user;
            prefs.last_route = team.desk_route;
        }
        prefs
    }

    /// Who is logged in, for the top bar: `王芳 · AE`, or the installing administrator.
    pub(super) fn login_ui(&self, ui: &mut egui::Ui) {
        let Some(team) = &self.team else {
            return;
        };
        let lang = self.prefs.lang;
        let text = match &team.who {
            Identity::Person(p) => format!(
                "{} · {}",
                self.data.user_name(Some(p.user)),
                p.role.code().to_uppercase()
            ),
            Identity::Installer => lang
                .pick("管理员（安装者）", "Administrator (installer)")
                .into(),
        };
        ui.label(RichText::new(text).strong())
            .on_hover_text(format!(
                "{}{}",
                lang.pick("团队数据库：", "Team database: "),
                self.store.path().display()
            ));
        ui.label(lang.pick("登录为", "Logged in as"));
    }

    /// Opens 切换数据库… with the profiles as they are in the file now.
    pub(super) fn open_switcher(&mut self) {
        let profiles = match &self.places.profiles {
            Some(file) => match Profiles::load(file) {
                Ok(p) => p,
                Err(e) => {
                    self.notes.error(e);
                    Profiles::default()
                }
            },
            None => Profiles::default(),
        };
        self.switcher = Switcher {
            open: true,
            profiles,
            ..Switcher::default()
        };
    }

    /// The database chosen in 切换数据库…, once (the shell then opens it).
    pub(super) fn take_switch(&mut self) -> Option<Target> {
        self.switcher.chosen.take()
    }

    /// 切换数据库…: this computer's database and the team profiles, to open one; a profile
    /// is added by name and URL, or removed.
    pub(super) fn switcher_ui(&mut self, ctx: &egui::Context) {
        if !self.switcher.open {
            return;
        }
        let lang = self.prefs.lang;
        let mut chosen = None;
        let mut remove = None;
        let mut add = false;
        let current = self.store.path().to_path_buf();
        let modal = egui::Modal::new(egui::Id::unique("switch_database")).show(ctx, |ui| {
            ui.set_width(560.0);
            ui.heading(lang.pick("切换数据库", "Switch database"));
            ui.add_space(6.0);
            if let Some(desk) = &self.places.desk {
                ui.label(
                    RichText::new(lang.pick("本机数据库", "This computer's database")).strong(),
                );
                ui.horizontal(|ui| {
                    let here = *desk == current;
                    if ui
                        .add_enabled(!here, egui::Button::new(lang.pick("打开", "Open")))
                        .clicked()
                    {
                        chosen = Some(Target::Desk(desk.clone()));
                    }
                    ui.label(RichText::new(desk.display().to_string()).weak());
                });
                ui.add_space(8.0);
            }
            ui.label(RichText::new(lang.pick("团队数据库", "Team databases")).strong());
            if self.switcher.profiles.list.is_empty() {
                ui.weak(lang.pick(
                    "尚无团队数据库。请填写 IT 给您的地址。",
                    "No team database yet. Add the address IT gave you.",
                ));
            }
            for p in &self.switcher.profiles.list {
                ui.horizontal(|ui| {
                    let here = current == std::path::Path::new(&p.url);
                    if ui
                        .add_enabled(!here, egui::Button::new(lang.pick("连接", "Connect")))
                        .on_hover_text(&p.url)
                        .clicked()
                    {
                        chosen = Some(Target::Team(p.url.clone()));
                    }
                    ui.label(&p.name);
                    ui.label(RichText::new(&p.url).weak());
                    if ui.small_button(lang.pick("删除", "Remove")).clicked() {
                        remove = Some(p.name.clone());
                    }
                });
            }
            ui.add_space(8.0);
            egui::Grid::new("new_profile")
                .num_columns(2)
                .spacing([12.0, 6.0])
                .show(ui, |ui| {
                    let l = ui.label(lang.pick("连接名称", "Connection name"));
                    ui.add(
                        egui::TextEdit::singleline(&mut self.switcher.name)
                            .hint_text(lang.pick("例如：上海团队", "e.g. agency"))
                            .desired_width(380.0),
                    )
                    .labelled_by(l.id);
                    ui.end_row();
                    let l = ui.label(lang.pick("数据库地址", "Database address"));
                    ui.add(
                        egui::TextEdit::singleline(&mut self.switcher.url)
                            .hint_text("postgres://USER@HOST:5432/DATABASE")
                            .desired_width(380.0),
                    )
                    .labelled_by(l.id);
                    ui.end_row();
                });
            ui.horizontal(|ui| {
                if ui.button(lang.pick("添加", "Add")).clicked() {
                    add = true;
                }
                if ui.button(lang.pick("关闭", "Close")).clicked() {
                    self.switcher.open = false;
                }
            });
            if let Some(m) = &self.switcher.message {
                ui.label(RichText::new(m).color(ui.visuals().error_fg_color));
            }
        });
        if modal.should_close() {
            self.switcher.open = false;
        }
        if add {
            let mut profiles = self.switcher.profiles.clone();
            let added = profiles
                .add(&self.switcher.name, &self.switcher.url)
                .and_then(|()| self.save_profiles(&profiles));
            match added {
                Ok(()) => {
                    self.switcher.profiles = profiles;
                    self.switcher.name.clear();
                    self.switcher.url.clear();
                    self.switcher.message = None;
                }
                Err(e) => self.switcher.message = Some(e),
            }
        }
        if let Some(name) = remove {
            let mut profiles = self.switcher.profiles.clone();
            profiles.remove(&name);
            match self.save_profiles(&profiles) {
                Ok(()) => self.switcher.profiles = profiles,
                Err(e) => self.switcher.message = Some(e),
            }
        }
        if let Some(target) = chosen {
            if self.screens.is_dirty(self.route) {
                self.switcher.message = Some(
                    lang.pick(
                        "请先保存或放弃当前表单的修改，再切换数据库。",
                        "Save or discard the changes in the open form before switching.",
                    )
                    .into(),
                );
            } else {
                self.switcher.open = false;
                self.switcher.chosen = Some(target);
            }
        }
    }

    fn save_profiles(&self, profiles: &Profiles) -> Result<(), String> {
        match &self.places.profiles {
            Some(file) => profiles.save(file),
            None => Err(self
                .prefs
                .lang
                .pick(
                    "此电脑没有数据文件夹，无法保存连接。",
                    "This computer has no data folder to keep the connection in.",
                )
                .into()),
        }
    }
}

/// What the failure screen says about a team database that did not open.
pub(super) fn explain_team(lang: Lang) -> &'static str {
    lang.pick(
        "请检查网络和密码（或向 IT 询问服务器是否在运行），然后点“连接”。",
        "Check the network and your password (or ask IT whether the server runs), then click Connect.",
    )
}
