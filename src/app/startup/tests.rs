//! The window's shell: opening, failing to open, and trying again.

use super::*;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

/// The whole window showing `shell`.
fn shell_harness(shell: Shell) -> Harness<'static, Shell> {
    Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .with_context_setup(crate::ui::fonts::install_fonts)
        .build_ui_state(|ui, shell: &mut Shell| shell.shell_ui(ui), shell)
}

/// The window showing why `db` could not be opened.
fn failed_harness(db: PathBuf, error: StoreError) -> Harness<'static, Shell> {
    let shell = Shell::Failed(Failed {
        target: Target::Desk(db),
        places: Places::default(),
        error,
        prefs: Prefs::default(),
        message: None,
        password: String::new(),
        remember: false,
    });
    shell_harness(shell)
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
    // Overwrite stretches of the file's body (record pages, wherever the sample's tables
    // fell), keeping its length and header: a plain open would succeed and a later read panic.
    let mut bytes = std::fs::read(&db).unwrap();
    for tenth in [3, 5, 7] {
        let at = bytes.len() * tenth / 10;
        for b in &mut bytes[at..at + 8192] {
            *b = 0xA5;
        }
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
    let prefs = Prefs {
        lang,
        ..Prefs::default()
    };
    let shell = Shell::Opening(Waiting::new(
        Target::Desk(db),
        open,
        Places::default(),
        prefs,
    ));
    shell_harness(shell)
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

/// A team database of the test cluster with the sample agency and one AE, 王小明: its URL
/// for the AE (without the password), and the AE's password and user.
#[cfg(unix)]
fn team_with_an_ae() -> Option<(String, &'static str, crate::domain::UserId)> {
    use crate::store::TeamRole;
    let (admin, config) = crate::app::tests::team::sample_team()?;
    let (user, login) = admin
        .team_admin()
        .unwrap()
        .add_person("ae1", TeamRole::Ae, "王小明", None, "ae1-password")
        .unwrap();
    let url = format!(
        "postgres://{login}@127.0.0.1:{}/{}",
        config.get_ports()[0],
        config.get_dbname().unwrap()
    );
    Some((url, "ae1-password", user))
}

#[cfg(unix)]
#[test]
fn a_team_database_opens_with_the_password_typed_in_the_window() {
    let Some((url, password, user)) = team_with_an_ae() else {
        return;
    };
    let target = Target::Team(url.clone());
    // No password anywhere: the open fails and the window asks for it.
    let error = match Store::open_team(&crate::store::TeamAddress::parse(&url, None, None).unwrap())
    {
        Err(e) => e,
        Ok(_) => panic!("a team database opened without a password"),
    };
    let shell = Shell::Failed(Failed {
        target,
        places: Places::default(),
        error,
        prefs: Prefs::default(),
        message: None,
        password: String::new(),
        remember: false,
    });
    let mut h = shell_harness(shell);
    h.run();
    h.get_by_label("无法连接团队数据库");
    assert!(h.query_by_label("从最新备份恢复").is_none());
    // A wrong password is refused, and the window asks again.
    h.get_by_label("密码").click();
    h.run();
    h.get_by_label("密码").type_text("wrong");
    h.get_by_label("连接").click();
    step_until_opened(&mut h);
    assert!(matches!(h.state(), Shell::Failed(_)), "a wrong password");
    h.run();
    h.get_by_label("密码").click();
    h.run();
    h.get_by_label("密码").type_text(password);
    h.get_by_label("连接").click();
    step_until_opened(&mut h);
    let Shell::Running(app) = h.state() else {
        panic!("the team database did not open with the right password");
    };
    assert!(app.is_team());
    assert_eq!(app.prefs().current_user, Some(user));
    assert_eq!(app.store().all::<crate::domain::Client>().unwrap().len(), 4);
    h.get_by_label("王小明 · AE");
    h.get_by_label("登录为");
    assert!(
        h.query_by_label("当前用户").is_none(),
        "no picker in team mode"
    );
}
