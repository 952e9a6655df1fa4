//! Starting the window: open the database beside it (see [`super::opening`]; a problem
//! becomes a readable screen with a way out, never a crash), verify it beside the first
//! screen and then make the daily automatic backup, restore preferences.

use super::opening::Opening;
use super::team::{Places, Target};
use super::{AccountDeskApp, Prefs};
use crate::domain::Lang;
use crate::store::{Store, StoreError, backup};
use anyhow::anyhow;
use chrono::Local;
use egui::RichText;
use std::path::PathBuf;

const APP_ICON: &[u8] = include_bytes!("../../assets/icon.png");

/// Opens the Account Desk window over the team database of `window.team`, else the desk's
/// `window.desk`, and runs until it is closed. `window.prefs` is the file that remembers the
/// window's size and position and the [`Prefs`] (`app.ron` in the data folder); `None`
/// leaves it to eframe.
pub fn run(window: crate::cli::entry::WindowStart) -> anyhow::Result<()> {
    let target = match window.team {
        Some(url) => Target::Team(url),
        None => Target::Desk(window.desk.clone()),
    };
    let places = Places {
        desk: Some(window.desk),
        profiles: window.profiles,
    };
    let prefs = window.prefs;
    // The open (with the integrity check after a crash or for a copied file) runs beside
    // the window's creation; the window shows at once and says what it is waiting for.
    let opening = Opening::start(target.label(), target.opener(None, false));
    let prefs_file = prefs.clone();
    let mut viewport = egui::ViewportBuilder::default()
        .with_title("客户执行台 Account Desk")
        .with_app_id("account-desk")
        .with_inner_size([1280.0, 800.0])
        .with_min_inner_size([900.0, 560.0]);
    if let Ok(icon) = eframe::icon_data::from_png_bytes(APP_ICON) {
        viewport = viewport.with_icon(icon);
    }
    let options = eframe::NativeOptions {
        viewport,
        persist_window: true,
        // eframe 0.37 documents this as a folder but opens it as the RON file itself
        // (`FileStorage::from_ron_filepath`), so it is the full path of `app.ron`. Without it
        // eframe picks its own folder from the app id (`%APPDATA%\account-desk\data` on
        // Windows), apart from the database.
        persistence_path: prefs.clone(),
        ..Default::default()
    };
    eframe::run_native(
        "account-desk",
        options,
        Box::new(move |cc| {
            crate::ui::fonts::install_fonts(&cc.egui_ctx);
            crate::ui::theme::apply(&cc.egui_ctx);
            let stored: Option<Prefs> = cc
                .storage
                .and_then(|s| eframe::get_value(s, eframe::APP_KEY));
            // Preferences that are there but cannot be read (a newer release's, a damaged
            // file) give way to the defaults, and the person is told.
            let unreadable = stored.is_none()
                && cc
                    .storage
                    .and_then(|s| s.get_string(eframe::APP_KEY))
                    .is_some();
            let prefs = stored.unwrap_or_default();
            cc.egui_ctx.set_theme(prefs.theme);
            Ok(Box::new(Shell::Opening(Waiting {
                opening,
                target,
                places,
                prefs,
                unreadable_prefs: unreadable.then_some(prefs_file),
            })))
        }),
    )
    .map_err(|e| anyhow!("could not open the window: {e}"))
}

/// The app over an opened store, with the verification pass — then, if it passed, the
/// day's automatic backup — running beside it.
fn start(store: Store, prefs: Prefs, places: Places) -> AccountDeskApp {
    let mut app = AccountDeskApp::new(store, prefs);
    app.set_places(places);
    // A team database is verified and backed up by its server.
    if !app.is_team() {
        app.start_verification(Local::now().naive_local());
        // The program itself reads documents' words, as a child it can stop.
        if let Ok(exe) = std::env::current_exe() {
            app.read_texts_with(exe);
        }
    }
    app
}

/// The window's content: the database being opened, the app, or the reason the database
/// could not be opened.
enum Shell {
    Opening(Waiting),
    Running(Box<AccountDeskApp>),
    Failed(Failed),
}

/// The window while the database opens on a worker thread.
struct Waiting {
    opening: Opening,
    /// The database being opened.
    target: Target,
    places: Places,
    prefs: Prefs,
    /// The preferences file, when it was there but could not be read (told once the app
    /// runs).
    unreadable_prefs: Option<Option<PathBuf>>,
}

/// A database that did not open: what went wrong and what can be done.
struct Failed {
    target: Target,
    places: Places,
    error: StoreError,
    prefs: Prefs,
    message: Option<String>,
    /// A team database's password as typed, and whether to keep it in the keychain.
    password: String,
    remember: bool,
}

impl Waiting {
    /// The window while `target` opens with `open`.
    fn new(
        target: Target,
        open: super::opening::OpenDatabase,
        places: Places,
        prefs: Prefs,
    ) -> Self {
        Waiting {
            opening: Opening::start(target.label(), open),
            target,
            places,
            prefs,
            unreadable_prefs: None,
        }
    }
}

impl Shell {
    /// Draws the window's content, moving on from the checking screen when the database is
    /// open (or could not be opened) and from the failure screen when it was fixed.
    fn shell_ui(&mut self, ui: &mut egui::Ui) {
        match self {
            Shell::Running(app) => {
                app.frame_ui(ui);
                if let Some(target) = app.take_switch() {
                    // The workers (verification, backup, the index) let go of the database
                    // first, so that it can be opened again later in this window.
                    app.finish_background();
                    let places = app.places().clone();
                    let prefs = app.prefs_to_save();
                    let open = target.opener(None, false);
                    *self = Shell::Opening(Waiting::new(target, open, places, prefs));
                    ui.ctx().request_repaint();
                }
            }
            Shell::Failed(failed) => {
                if let Some((target, open)) = failed.ui(ui) {
                    // Opened beside the window like at start: a restored file is checked
                    // whole, which takes a moment for a large agency.
                    let (places, prefs) = (failed.places.clone(), failed.prefs.clone());
                    *self = Shell::Opening(Waiting::new(target, open, places, prefs));
                    ui.ctx().request_repaint();
                }
            }
            Shell::Opening(waiting) => match waiting.opening.result() {
                None => waiting.opening.ui(ui, waiting.prefs.lang),
                Some(Ok(store)) => {
                    let mut app = start(store, waiting.prefs.clone(), waiting.places.clone());
                    if let Some(file) = &waiting.unreadable_prefs {
                        app.warn_prefs_unreadable(file.as_deref());
                    }
                    app.frame_ui(ui);
                    *self = Shell::Running(Box::new(app));
                }
                Some(Err(error)) => {
                    *self = Shell::Failed(Failed {
                        target: waiting.target.clone(),
                        places: waiting.places.clone(),
                        error,
                        prefs: waiting.prefs.clone(),
                        message: None,
                        password: String::new(),
                        remember: true,
                    });
                    ui.ctx().request_repaint();
                }
            },
        }
    }

    /// The preferences to remember, whichever screen is showing.
    fn prefs(&self) -> Prefs {
        match self {
            Shell::Running(app) => app.prefs_to_save(),
            Shell::Failed(f) => f.prefs.clone(),
            Shell::Opening(w) => w.prefs.clone(),
        }
    }
}

impl eframe::App for Shell {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.shell_ui(ui);
    }

    /// The panel colour of the theme on screen. eframe's default is a translucent near-black,
    /// which shows through as dark hairlines where panels meet at fractional scale factors
    /// (1.25, 1.5: panel edges fall between pixels) and flashes before the first frame.
    fn clear_color(&self, visuals: &egui::Visuals) -> [f32; 4] {
        crate::ui::theme::palette(visuals)
            .panel_bg
            .to_normalized_gamma_f32()
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, eframe::APP_KEY, &self.prefs());
    }
}

impl Failed {
    /// Draws the problem; returns the database to open next and how, when the person
    /// restored a backup, asked to try again, typed a team database's password or went back
    /// to this computer's database.
    fn ui(&mut self, ui: &mut egui::Ui) -> Option<(Target, super::opening::OpenDatabase)> {
        let lang = self.prefs.lang;
        let mut next = None;
        egui::CentralPanel::default_margins().show(ui, |ui| {
            ui.add_space(40.0);
            match self.target.clone() {
                Target::Desk(db) => self.desk_ui(ui, &db, &mut next),
                Target::Team(_) => self.team_ui(ui, &mut next),
            }
            if let Some(desk) = &self.places.desk
                && self.target != Target::Desk(desk.clone())
            {
                ui.add_space(12.0);
                if ui
                    .button(lang.pick("打开本机数据库", "Open this computer's database"))
                    .clicked()
                {
                    let target = Target::Desk(desk.clone());
                    next = Some((target.clone(), target.opener(None, false)));
                }
            }
            if let Some(m) = &self.message {
                ui.label(RichText::new(m).color(ui.visuals().error_fg_color));
            }
        });
        next
    }

    /// A desk's file: why it did not open, a restore of the newest backup when it is
    /// damaged, and trying again.
    fn desk_ui(
        &mut self,
        ui: &mut egui::Ui,
        db: &std::path::Path,
        next: &mut Option<(Target, super::opening::OpenDatabase)>,
    ) {
        let lang = self.prefs.lang;
        let newest = backup::newest_backup(db).ok().flatten();
        ui.heading(lang.pick("无法打开数据库", "The database could not be opened"));
        ui.add_space(8.0);
        ui.label(RichText::new(explain(&self.error, lang)).color(ui.visuals().error_fg_color));
        ui.add_space(4.0);
        ui.label(RichText::new(self.error.message(lang)).small());
        ui.add_space(16.0);
        let damaged = matches!(
            self.error,
            StoreError::Corrupted { .. } | StoreError::NotADatabase { .. }
        );
        if damaged && let Some(path) = &newest {
            ui.label(format!(
                "{}{}",
                lang.pick("最新的自动备份：", "Newest automatic backup: "),
                path.display()
            ));
            if ui
                .button(lang.pick("从最新备份恢复", "Restore the newest backup"))
                .clicked()
            {
                match backup::restore(db, path, true, Local::now().naive_local()) {
                    Ok(_) => *next = Some((self.target.clone(), self.target.opener(None, false))),
                    Err(e) => self.message = Some(e.message(lang)),
                }
            }
        }
        if ui.button(lang.pick("重试", "Try again")).clicked() {
            *next = Some((self.target.clone(), self.target.opener(None, false)));
        }
    }

    /// A team database: why it could not be reached, and the password to connect with
    /// (kept in the OS keychain if the person wishes).
    fn team_ui(
        &mut self,
        ui: &mut egui::Ui,
        next: &mut Option<(Target, super::opening::OpenDatabase)>,
    ) {
        let lang = self.prefs.lang;
        ui.heading(lang.pick(
            "无法连接团队数据库",
            "The team database could not be reached",
        ));
        ui.label(RichText::new(self.target.label().display().to_string()).weak());
        ui.add_space(8.0);
        ui.label(RichText::new(super::team::explain_team(lang)).color(ui.visuals().error_fg_color));
        ui.add_space(4.0);
        ui.label(RichText::new(self.error.message(lang)).small());
        ui.add_space(16.0);
        let mut connect = false;
        ui.horizontal(|ui| {
            let l = ui.label(lang.pick("密码", "Password"));
            let field = ui
                .add(
                    egui::TextEdit::singleline(&mut self.password)
                        .password(true)
                        .desired_width(260.0),
                )
                .labelled_by(l.id);
            connect = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        });
        ui.checkbox(
            &mut self.remember,
            lang.pick(
                "在系统钥匙串中记住密码",
                "Remember the password in the system keychain",
            ),
        );
        ui.add_space(8.0);
        if ui.button(lang.pick("连接", "Connect")).clicked() || connect {
            let typed = Some(std::mem::take(&mut self.password));
            *next = Some((
                self.target.clone(),
                self.target.opener(typed, self.remember),
            ));
        }
    }
}

/// What the person should do about an open error.
fn explain(error: &StoreError, lang: Lang) -> &'static str {
    match error {
        StoreError::AlreadyOpen { .. } => lang.pick(
            "数据库已在另一个客户执行台窗口或命令中打开。请先关闭它，再点“重试”。",
            "The database is open in another Account Desk window or command. Close it, then click Try again.",
        ),
        StoreError::TooNew { .. } => lang.pick(
            "此数据库由更新版本的客户执行台写入。请升级客户执行台后再打开。",
            "This database was written by a newer Account Desk. Update Account Desk to open it.",
        ),
        StoreError::Corrupted { .. } | StoreError::NotADatabase { .. } => lang.pick(
            "文件已损坏或不是客户执行台数据库。可以从自动备份恢复（当前文件会先另存一份）。",
            "The file is damaged or not an Account Desk database. You can restore an automatic backup (the current file is kept first).",
        ),
        _ => lang.pick(
            "打开数据库时出错。请检查文件和磁盘，然后重试。",
            "Opening the database failed. Check the file and the disk, then try again.",
        ),
    }
}

#[cfg(test)]
mod tests;
