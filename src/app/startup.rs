//! Starting the window: open the database beside it (see [`super::opening`]; a problem
//! becomes a readable screen with a way out, never a crash), verify it beside the first
//! screen and then make the daily automatic backup, restore preferences.

use super::opening::Opening;
use super::{AccountDeskApp, Prefs};
use crate::domain::Lang;
use crate::store::{Store, StoreError, backup};
use anyhow::anyhow;
use chrono::Local;
use egui::RichText;
use std::path::PathBuf;

const APP_ICON: &[u8] = include_bytes!("../../assets/icon.png");

/// Opens the Account Desk window over the database at `db` and runs until it is closed.
/// `prefs` is the file that remembers the window's size and position and the [`Prefs`]
/// (`app.ron` in the data folder); `None` leaves it to eframe.
pub fn run(db: PathBuf, prefs: Option<PathBuf>) -> anyhow::Result<()> {
    // The open (with the integrity check after a crash or for a copied file) runs beside
    // the window's creation; the window shows at once and says what it is waiting for.
    let opening = Opening::start(db, Box::new(super::opening::open_and_adopt));
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
                prefs,
                unreadable_prefs: unreadable.then_some(prefs_file),
            })))
        }),
    )
    .map_err(|e| anyhow!("could not open the window: {e}"))
}

/// The app over an opened store, with the verification pass — then, if it passed, the
/// day's automatic backup — running beside it.
fn start(store: Store, prefs: Prefs) -> AccountDeskApp {
    let mut app = AccountDeskApp::new(store, prefs);
    app.start_verification(Local::now().naive_local());
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
    prefs: Prefs,
    /// The preferences file, when it was there but could not be read (told once the app
    /// runs).
    unreadable_prefs: Option<Option<PathBuf>>,
}

/// A database that did not open: what went wrong and what can be done.
struct Failed {
    db: PathBuf,
    error: StoreError,
    prefs: Prefs,
    message: Option<String>,
}

impl Shell {
    /// Draws the window's content, moving on from the checking screen when the database is
    /// open (or could not be opened) and from the failure screen when it was fixed.
    fn shell_ui(&mut self, ui: &mut egui::Ui) {
        match self {
            Shell::Running(app) => app.frame_ui(ui),
            Shell::Failed(failed) => {
                if failed.ui(ui) {
                    // Opened beside the window like at start: a restored file is checked
                    // whole, which takes a moment for a large agency.
                    *self = Shell::Opening(Waiting {
                        opening: Opening::start(
                            failed.db.clone(),
                            Box::new(super::opening::open_and_adopt),
                        ),
                        prefs: failed.prefs.clone(),
                        unreadable_prefs: None,
                    });
                    ui.ctx().request_repaint();
                }
            }
            Shell::Opening(waiting) => match waiting.opening.result() {
                None => waiting.opening.ui(ui, waiting.prefs.lang),
                Some(Ok(store)) => {
                    let mut app = start(store, waiting.prefs.clone());
                    if let Some(file) = &waiting.unreadable_prefs {
                        app.warn_prefs_unreadable(file.as_deref());
                    }
                    app.frame_ui(ui);
                    *self = Shell::Running(Box::new(app));
                }
                Some(Err(error)) => {
                    *self = Shell::Failed(Failed {
                        db: waiting.opening.db.clone(),
                        error,
                        prefs: waiting.prefs.clone(),
                        message: None,
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
    /// Draws the problem; returns true when the database should be opened again (the person
    /// restored a backup, or asked to try again).
    fn ui(&mut self, ui: &mut egui::Ui) -> bool {
        let lang = self.prefs.lang;
        let newest = backup::newest_backup(&self.db).ok().flatten();
        let mut reopen = false;
        egui::CentralPanel::default_margins().show(ui, |ui| {
            ui.add_space(40.0);
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
                    match backup::restore(&self.db, path, true, Local::now().naive_local()) {
                        Ok(_) => reopen = true,
                        Err(e) => self.message = Some(e.message(lang)),
                    }
                }
            }
            if ui.button(lang.pick("重试", "Try again")).clicked() {
                reopen = true;
            }
            if let Some(m) = &self.message {
                ui.label(RichText::new(m).color(ui.visuals().error_fg_color));
            }
        });
        reopen
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
mod tests {
    use super::*;
    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable;

    /// The window showing why `db` could not be opened.
    fn failed_harness(db: PathBuf, error: StoreError) -> Harness<'static, Shell> {
        let shell = Shell::Failed(Failed {
            db,
            error,
            prefs: Prefs::default(),
            message: None,
        });
        Harness::builder()
            .with_size(egui::vec2(1280.0, 800.0))
            .with_context_setup(crate::ui::fonts::install_fonts)
            .build_ui_state(|ui, shell: &mut Shell| shell.shell_ui(ui), shell)
    }

    #[test]
    fn a_damaged_database_is_restored_from_the_newest_backup() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("desk.redb");
        let store = Store::open(&db).unwrap();
        let now = chrono::NaiveDate::from_ymd_opt(2026, 11, 26)
            .and_then(|d| d.and_hms_opt(9, 0, 0))
            .unwrap();
        let report = store.check().unwrap();
        store
            .auto_backup(now, &report)
            .unwrap()
            .expect("a backup was made");
        drop(store);
        std::fs::write(&db, b"this is not a database").unwrap();
        let error = Store::open(&db).expect_err("the damaged file is refused");
        assert!(matches!(
            error,
            StoreError::NotADatabase { .. } | StoreError::Corrupted { .. }
        ));
        let mut h = failed_harness(db.clone(), error);
        h.run();
        h.get_by_label("无法打开数据库");
        h.get_by_label("从最新备份恢复").click();
        step_until_opened(&mut h);
        assert!(
            matches!(h.state(), Shell::Running(_)),
            "the restored database opened"
        );
    }

    #[test]
    fn a_database_with_damaged_pages_is_refused_and_restored_from_the_newest_backup() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("客户 资料.redb");
        let store = Store::open(&db).unwrap();
        let now = chrono::Utc::now();
        crate::demo::sample::load_sample(&store, now, now.date_naive()).unwrap();
        let when = chrono::NaiveDate::from_ymd_opt(2026, 11, 26)
            .and_then(|d| d.and_hms_opt(9, 0, 0))
            .unwrap();
        let report = store.check().unwrap();
        store
            .auto_backup(when, &report)
            .unwrap()
            .expect("a backup was made");
        drop(store);
        // Overwrite the middle of the file (record pages), keeping its length and header:
        // a plain open would succeed and a later read panic.
        let mut bytes = std::fs::read(&db).unwrap();
        let middle = bytes.len() / 2;
        for b in &mut bytes[middle..middle + 8192] {
            *b = 0xA5;
        }
        std::fs::write(&db, &bytes).unwrap();
        let error = Store::open(&db).expect_err("the damaged file is refused");
        assert!(matches!(error, StoreError::Corrupted { .. }), "{error:?}");
        let mut h = failed_harness(db.clone(), error);
        h.run();
        h.get_by_label("无法打开数据库");
        h.get_by_label("从最新备份恢复").click();
        step_until_opened(&mut h);
        let Shell::Running(app) = h.state() else {
            panic!("the restored database did not open");
        };
        assert_eq!(app.store().all::<crate::domain::Client>().unwrap().len(), 4);
    }

    /// The whole window over a database opened with `open` on the worker thread.
    fn opening_harness(
        db: PathBuf,
        lang: Lang,
        open: super::super::opening::OpenDatabase,
    ) -> Harness<'static, Shell> {
        let shell = Shell::Opening(Waiting {
            opening: Opening::start(db, open),
            prefs: Prefs {
                lang,
                ..Prefs::default()
            },
            unreadable_prefs: None,
        });
        Harness::builder()
            .with_size(egui::vec2(1280.0, 800.0))
            .with_context_setup(crate::ui::fonts::install_fonts)
            .build_ui_state(|ui, shell: &mut Shell| shell.shell_ui(ui), shell)
    }

    /// Draws frames (the first takes any click made before) until the checking screen has
    /// made way (at most ten seconds).
    fn step_until_opened(h: &mut Harness<'static, Shell>) {
        h.step();
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        while matches!(h.state(), Shell::Opening(_)) && std::time::Instant::now() < deadline {
            std::thread::sleep(std::time::Duration::from_millis(10));
            h.step();
        }
        h.step();
    }

    #[test]
    fn the_window_says_it_checks_the_database_until_it_is_open() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("desk.redb");
        // The open waits until the test lets it go: the check "takes" as long as needed.
        let (finish, wait) = std::sync::mpsc::channel::<()>();
        let mut h = opening_harness(
            db,
            Lang::Zh,
            Box::new(move |path: &std::path::Path| {
                let _ = wait.recv();
                Store::open(path)
            }),
        );
        for _ in 0..5 {
            h.step();
            h.get_by_label("正在检查数据库…");
        }
        h.get_by_role(egui::accesskit::Role::ProgressIndicator);
        assert!(matches!(h.state(), Shell::Opening(_)), "still checking");
        finish.send(()).unwrap();
        step_until_opened(&mut h);
        assert!(matches!(h.state(), Shell::Running(_)), "the app opened");
        assert!(h.query_by_label("正在检查数据库…").is_none());
    }

    #[test]
    fn the_checking_screen_speaks_english_and_a_failed_open_is_explained() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("desk.redb");
        std::fs::write(&db, b"this is not a database").unwrap();
        let (finish, wait) = std::sync::mpsc::channel::<()>();
        let mut h = opening_harness(
            db,
            Lang::En,
            Box::new(move |path: &std::path::Path| {
                let _ = wait.recv();
                Store::open(path)
            }),
        );
        h.step();
        h.get_by_label("Checking the database…");
        finish.send(()).unwrap();
        step_until_opened(&mut h);
        assert!(matches!(h.state(), Shell::Failed(_)));
        h.get_by_label("The database could not be opened");
    }

    #[test]
    fn a_database_open_elsewhere_can_be_retried_after_closing_it() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("desk.redb");
        let first = Store::open(&db).unwrap();
        let error = Store::open(&db).expect_err("a second open is refused");
        assert!(matches!(error, StoreError::AlreadyOpen { .. }));
        let mut h = failed_harness(db.clone(), error);
        h.run();
        assert!(
            h.query_by_label("从最新备份恢复").is_none(),
            "nothing to restore"
        );
        h.get_by_label_contains("请先关闭它，再点“重试”");
        // The store's own sentence, in the interface language, names the file.
        h.get_by_label_contains(&format!("数据库 {} 已在另一个", db.display()));
        h.get_by_label("重试").click();
        step_until_opened(&mut h);
        assert!(
            matches!(h.state(), Shell::Failed(_)),
            "still open elsewhere"
        );
        h.run();
        drop(first);
        h.get_by_label("重试").click();
        step_until_opened(&mut h);
        assert!(
            matches!(h.state(), Shell::Running(_)),
            "opened once the other window closed"
        );
    }
}
