//! The eframe application: owns the store, the data snapshot, the search index and the UI
//! state; draws a frame, then applies the frame's actions in one place.

mod actions;
mod frame;
mod startup;

pub use startup::run;

use crate::domain::{Lang, Subject, UserId};
use crate::search::SearchIndex;
use crate::services::UndoStep;
use crate::store::Store;
use crate::ui::model::{Data, Route};
use crate::ui::notify::Notifications;
use crate::ui::screens::Screens;
use crate::ui::search_ui::SearchPopup;
use crate::ui::welcome::Welcome;
use serde::{Deserialize, Serialize};

/// Preferences of this person on this computer, remembered by eframe between runs. Business
/// data never lives here.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Prefs {
    /// Interface language.
    pub lang: Lang,
    /// The user last chosen as "current user".
    pub current_user: Option<UserId>,
    /// Where the person was when the window closed; reopened if the record still exists.
    pub last_route: Option<Route>,
    /// Light or dark look: follow the OS (the default), or always light or dark.
    pub theme: egui::ThemePreference,
}

/// One undoable change: what it was, and how to undo it.
#[derive(Debug, Clone)]
pub struct UndoEntry {
    /// The kind of record changed, named on the Undo button in the current language.
    pub subject: Subject,
    /// Which record, e.g. the client's name (from [`crate::services::Applied::summary`]).
    pub summary: String,
    /// Applied as `Command::Undo`.
    pub step: UndoStep,
}

impl UndoEntry {
    /// What the Undo button says it will undo, e.g. `客户 可口可乐`.
    pub fn label(&self, lang: Lang) -> String {
        format!("{} {}", subject_label(self.subject, lang), self.summary)
    }
}

/// The kind of record, as people call it.
pub fn subject_label(subject: Subject, lang: Lang) -> &'static str {
    match subject {
        Subject::Client => lang.pick("客户", "Client"),
        Subject::Contact => lang.pick("联络人", "Contact"),
        Subject::Contract => lang.pick("合约", "Contract"),
        Subject::Brand => lang.pick("品牌", "Brand"),
        Subject::Job => lang.pick("工作", "Job"),
        Subject::Brief => lang.pick("工作简要", "Brief"),
        Subject::User => lang.pick("用户", "User"),
        Subject::Settings => lang.pick("设置", "Settings"),
    }
}

/// The running application.
pub struct AccountDeskApp {
    store: Store,
    data: Data,
    index: SearchIndex,
    route: Route,
    screens: Screens,
    prefs: Prefs,
    undo: Vec<UndoEntry>,
    notes: Notifications,
    search: SearchPopup,
    welcome: Welcome,
    /// A navigation waiting for the person to decide about unsaved changes.
    pending_route: Option<Route>,
    /// The window was asked to close while a form had unsaved changes.
    pending_close: bool,
}

impl AccountDeskApp {
    /// The app over an open store.
    pub fn new(store: Store, prefs: Prefs) -> Self {
        let mut app = AccountDeskApp {
            store,
            data: Data::default(),
            index: SearchIndex::new(),
            route: Route::Clients,
            screens: Screens::default(),
            prefs,
            undo: Vec::new(),
            notes: Notifications::default(),
            search: SearchPopup::default(),
            welcome: Welcome::default(),
            pending_route: None,
            pending_close: false,
        };
        app.reload();
        if app.is_blank() {
            app.route = Route::Welcome;
        } else if let Some(route) = app.prefs.last_route.filter(|r| *r != Route::Welcome) {
            app.route = route;
            app.fix_route();
        }
        app
    }

    /// Where the person is.
    pub fn route(&self) -> Route {
        self.route
    }

    /// The data snapshot on screen.
    pub fn data(&self) -> &Data {
        &self.data
    }

    /// The store.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Preferences (language, current user).
    pub fn prefs(&self) -> &Prefs {
        &self.prefs
    }

    /// The preferences to remember now, including where the person is.
    pub fn prefs_to_save(&self) -> Prefs {
        Prefs {
            last_route: (self.route != Route::Welcome).then_some(self.route),
            ..self.prefs.clone()
        }
    }

    /// Messages currently shown.
    pub fn notifications(&self) -> &Notifications {
        &self.notes
    }

    /// Number of undoable changes.
    pub fn undo_depth(&self) -> usize {
        self.undo.len()
    }

    fn is_blank(&self) -> bool {
        self.data.users.is_empty() && self.data.clients.is_empty()
    }

    /// Reloads the snapshot and the search index from the store.
    fn reload(&mut self) {
        let generation = self.data.generation + 1;
        match Data::load(&self.store, generation) {
            Ok(data) => {
                self.index = crate::ui::search_ui::build_index(&data);
                self.data = data;
                self.search.invalidate();
            }
            Err(e) => self.notes.error(format!(
                "{}{e}",
                self.prefs
                    .lang
                    .pick("读取数据库失败：", "Could not read the database: ")
            )),
        }
        // Keep a valid current user: the remembered one if still active, else the first.
        let valid = self
            .prefs
            .current_user
            .and_then(|id| self.data.user(id))
            .is_some_and(|u| u.active);
        if !valid {
            self.prefs.current_user = self.data.active_users().next().map(|u| u.id);
        }
    }
}
