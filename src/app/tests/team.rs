//! The window on a team database and switching databases: the login is the current user
//! (the desk keeps its own), 离线副本… writes the read-only copy, and 切换数据库… keeps
//! the connection profiles.

use super::*;
use crate::domain::UserId;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

fn harness(app: AccountDeskApp) -> Harness<'static, AccountDeskApp> {
    let mut h = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .with_context_setup(crate::ui::fonts::install_fonts)
        .build_ui_state(|ui, app: &mut AccountDeskApp| app.frame_ui(ui), app);
    h.run_steps(4);
    h
}

/// Clicks the field labelled `label` and types `text` into it. A fixed number of frames, not
/// `run()`: on a team database the listener may wake the window at any moment (a colleague's
/// change, the connection back), and a frame more is not a failure.
fn type_into(h: &mut Harness<'static, AccountDeskApp>, label: &str, text: &str) {
    h.get_by_label(label).click();
    h.run_steps(4);
    h.get_by_label(label).type_text(text);
    h.run_steps(4);
}

/// A team database of the test cluster holding the sample agency: a store on it as the
/// installing administrator, and the administrator's connection settings. `None` (the test
/// then passes quietly) only where PostgreSQL is missing and this is not CI.
#[cfg(unix)]
pub(in crate::app) fn sample_team() -> Option<(Store, postgres::Config)> {
    let cluster = crate::store::test_cluster::cluster()?;
    let (address, config) = cluster.fresh_database().unwrap();
    Store::init_team(&address, None).unwrap();
    let installer = Store::open_team(&address).unwrap();
    let now = chrono::Utc::now();
    crate::demo::sample::load_sample(&installer, now, now.date_naive()).unwrap();
    Some((installer, config))
}

#[test]
fn connection_profiles_are_added_checked_removed_and_chosen_in_the_switch_dialog() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = sample_app(&dir);
    let file = dir.path().join("teams.conf");
    app.set_places(Places {
        desk: Some(app.store().path().to_path_buf()),
        profiles: Some(file.clone()),
    });
    let mut h = harness(app);
    h.get_by_label("切换数据库…").click();
    h.run_steps(4);
    h.get_by_label("尚无团队数据库。请填写 IT 给您的地址。");
    // A URL holding a password is refused, and nothing is written.
    type_into(&mut h, "连接名称", "上海团队");
    type_into(
        &mut h,
        "数据库地址",
        "postgres://wang:secret@127.0.0.1:5433/agency",
    );
    h.get_by_label("添加").click();
    h.run_steps(4);
    h.get_by_label_contains("PGPASSWORD");
    assert!(!file.exists());
    // Corrected, it is kept in the profiles file and listed.
    h.get_by_label("数据库地址").click();
    h.run_steps(4);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_label("数据库地址")
        .type_text("postgres://wang@127.0.0.1:5433/agency");
    h.run_steps(4);
    h.get_by_label("添加").click();
    h.run_steps(4);
    let kept = crate::cli::profiles::Profiles::load(&file).unwrap();
    assert_eq!(
        kept.resolve("上海团队").unwrap(),
        "postgres://wang@127.0.0.1:5433/agency"
    );
    h.get_by_label("上海团队");
    // This computer's database is the open one: nothing to switch to there.
    assert!(
        h.query_by_label("打开")
            .is_some_and(|b| b.accesskit_node().is_disabled())
    );
    h.get_by_label("连接").click();
    h.run_steps(4);
    assert_eq!(
        h.state_mut().take_switch(),
        Some(Target::Team("postgres://wang@127.0.0.1:5433/agency".into()))
    );
    // Removed again.
    h.get_by_label("切换数据库…").click();
    h.run_steps(4);
    h.get_by_label("删除").click();
    h.run_steps(4);
    assert!(
        crate::cli::profiles::Profiles::load(&file)
            .unwrap()
            .list
            .is_empty()
    );
    h.get_by_label("尚无团队数据库。请填写 IT 给您的地址。");
}

#[cfg(unix)]
#[test]
fn on_a_team_database_the_login_is_the_user_and_a_copy_is_for_reading_offline() {
    use crate::store::{TeamAddress, TeamRole};
    let Some((admin, config)) = sample_team() else {
        return;
    };
    let (user, login) = admin
        .team_admin()
        .unwrap()
        .add_person("am1", TeamRole::Am, "陈经理", None, "am1-password")
        .unwrap();
    let mut person = config.clone();
    person.user(&login).password("am1-password");
    let store = Store::open_team(&TeamAddress::from_config(person, &login)).unwrap();
    // The desk's own choice of user and screen stay the desk's.
    let desk_route = Route::Jobs;
    let prefs = Prefs {
        current_user: Some(UserId(77)),
        last_route: Some(desk_route),
        ..Prefs::default()
    };
    let mut app = AccountDeskApp::new(store, prefs);
    assert!(app.is_team());
    // Its working copies are this computer's, kept in the folder of the desk's database.
    let here = tempfile::tempdir().unwrap();
    app.set_places(Places {
        desk: Some(here.path().join("account-desk.redb")),
        profiles: None,
    });
    assert_eq!(app.store().own_folder(), Some(here.path()));
    assert_eq!(app.prefs().current_user, Some(user));
    assert_eq!(
        app.route(),
        Route::Clients,
        "the desk's last screen is not reopened"
    );
    let saved = app.prefs_to_save();
    assert_eq!(saved.current_user, Some(UserId(77)));
    assert_eq!(saved.last_route, Some(desk_route));
    // 离线副本… writes what the login sees into a desk's file that opens read-only.
    let dir = tempfile::tempdir().unwrap();
    let dest = dir.path().join("出差.redb");
    let answer = dest.clone();
    let offered = std::rc::Rc::new(std::cell::RefCell::new(String::new()));
    let seen = std::rc::Rc::clone(&offered);
    app.set_save_dialog(Box::new(move |request: &SaveRequest<'_>| {
        *seen.borrow_mut() = request.file_name.to_string();
        SaveAnswer::Chosen(answer.clone())
    }));
    let mut h = harness(app);
    h.get_by_label("陈经理 · AM");
    h.get_by_label_contains("团队数据库：");
    h.get_by_label("离线副本…").click();
    h.run_steps(4);
    h.state_mut().finish_background();
    h.run_steps(4);
    assert!(
        offered.borrow().contains("-offline-"),
        "{}",
        offered.borrow()
    );
    assert!(Store::open(&dest).is_ok());
    // Made again over the same file (the dialog asked): replaced once the new copy is whole.
    h.get_by_label("离线副本…").click();
    h.run_steps(4);
    h.state_mut().finish_background();
    h.run_steps(4);
    let told: Vec<String> = h
        .state()
        .notifications()
        .notes()
        .iter()
        .map(|n| n.text.clone())
        .collect();
    assert!(!told.iter().any(|t| t.contains("备份失败")), "{told:?}");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".new-") || n.contains(".old-files-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    let copy = Store::open(&dest).unwrap();
    assert_eq!(copy.all::<crate::domain::Client>().unwrap().len(), 4);
    let draft = UserDraft {
        name: "出差时添加".into(),
        ..UserDraft::default()
    };
    let refused = crate::services::apply(&copy, &h.state().ctx(), Command::AddUser(draft));
    let message = format!("{refused:?}");
    assert!(message.contains("for reading offline"), "{message}");
}

#[cfg(unix)]
#[test]
fn a_colleagues_change_on_the_team_database_wakes_the_window() {
    use crate::services::ClientDraft;
    use crate::store::TeamAddress;
    let Some((colleague, config)) = sample_team() else {
        return;
    };
    let window = Store::open_team(&TeamAddress::from_config(config, "window")).unwrap();
    let mut app = AccountDeskApp::new(window, Prefs::default());
    // Only the listener can tell the window in time: its own reading waits an hour.
    app.set_feed_every(Duration::from_secs(3600));
    let client = app.data().clients.first().unwrap().id;
    let mut h = harness(app);
    assert!(h.state().is_watching());
    let stored: crate::domain::Client = colleague.get(client.0).unwrap().unwrap();
    let mut draft = ClientDraft::from_client(&stored);
    draft.short_name = "同事刚改的简称".into();
    let ctx = crate::services::Ctx {
        actor: UserId(0),
        now: chrono::Utc::now(),
        today: chrono::Local::now().date_naive(),
    };
    crate::services::apply(
        &colleague,
        &ctx,
        Command::UpdateClient(client, draft, Base::Overwrite),
    )
    .unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    while h
        .state()
        .data()
        .client(client)
        .map(|c| c.short_name.as_str())
        != Some("同事刚改的简称")
    {
        assert!(
            Instant::now() < deadline,
            "the change never reached the window"
        );
        std::thread::sleep(Duration::from_millis(20));
        h.step();
    }
}

/// A TCP relay to the test cluster that can be taken down (every connection cut, new ones
/// refused) and brought back: the network between the window and the server.
#[cfg(unix)]
struct Network {
    port: u16,
    up: std::sync::Arc<std::sync::atomic::AtomicBool>,
    open: std::sync::Arc<std::sync::Mutex<Vec<std::net::TcpStream>>>,
}

#[cfg(unix)]
impl Network {
    fn to(server: u16) -> Network {
        use std::net::{Shutdown, TcpListener, TcpStream};
        use std::sync::atomic::Ordering;
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let network = Network {
            port,
            up: std::sync::Arc::new(std::sync::atomic::AtomicBool::new(true)),
            open: std::sync::Arc::default(),
        };
        let (up, open) = (network.up.clone(), network.open.clone());
        std::thread::spawn(move || {
            for app in listener.incoming().flatten() {
                if !up.load(Ordering::SeqCst) {
                    let _ = app.shutdown(Shutdown::Both);
                    continue;
                }
                let Ok(db) = TcpStream::connect(("127.0.0.1", server)) else {
                    continue;
                };
                let pipe = |mut from: TcpStream, mut to: TcpStream| {
                    std::thread::spawn(move || {
                        let _ = std::io::copy(&mut from, &mut to);
                        let _ = to.shutdown(Shutdown::Both);
                    });
                };
                if let (Ok(a), Ok(b)) = (app.try_clone(), db.try_clone())
                    && let Ok(mut kept) = open.lock()
                {
                    kept.push(a);
                    kept.push(b);
                }
                if let (Ok(app2), Ok(db2)) = (app.try_clone(), db.try_clone()) {
                    pipe(app2, db);
                    pipe(db2, app);
                }
            }
        });
        network
    }

    fn down(&self) {
        self.up.store(false, std::sync::atomic::Ordering::SeqCst);
        for s in self.open.lock().unwrap().drain(..) {
            let _ = s.shutdown(std::net::Shutdown::Both);
        }
    }

    fn back_up(&self) {
        self.up.store(true, std::sync::atomic::Ordering::SeqCst);
    }
}

#[cfg(unix)]
#[test]
fn a_save_while_the_server_is_unreachable_keeps_the_form_and_is_saved_once_when_it_is_back() {
    use crate::domain::Client;
    use crate::store::TeamAddress;
    use crate::ui::model::ClientTab;
    let Some((server, config)) = sample_team() else {
        return;
    };
    let network = Network::to(config.get_ports()[0]);
    let mut relayed = postgres::Config::new();
    relayed
        .host("127.0.0.1")
        .port(network.port)
        .user(config.get_user().unwrap())
        .password(config.get_password().unwrap())
        .dbname(config.get_dbname().unwrap());
    let window = Store::open_team(&TeamAddress::from_config(relayed, "relayed")).unwrap();
    let mut app = AccountDeskApp::new(window, Prefs::default());
    let client = app.data().clients.first().unwrap().id;
    app.navigate(Route::Client(client, ClientTab::Details));
    let mut h = harness(app);
    type_into(&mut h, "备注", "断网时写的备注");
    let changes_before = server.read().unwrap().changes().unwrap().len();

    network.down();
    h.get_by_label("保存").click();
    h.step();
    h.step();
    assert!(
        h.state().is_retrying(),
        "the save waits for the server: {:?}",
        h.state().notifications().notes()
    );
    let told = |h: &Harness<'static, AccountDeskApp>| {
        h.state()
            .notifications()
            .notes()
            .iter()
            .any(|n| n.text.contains("尚未保存：无法连接团队数据库"))
    };
    assert!(told(&h), "the window says so");
    let route = h.state().route();
    assert!(
        h.state().screens.is_dirty(route),
        "the form keeps the edits"
    );
    let stored: Client = server.get(client.0).unwrap().unwrap();
    assert!(!stored.notes.contains("断网时写的备注"));

    network.back_up();
    let deadline = Instant::now() + Duration::from_secs(60);
    while h.state().is_retrying() {
        assert!(Instant::now() < deadline, "the save was never tried again");
        std::thread::sleep(Duration::from_millis(50));
        h.step();
    }
    h.step();
    let stored: Client = server.get(client.0).unwrap().unwrap();
    assert!(stored.notes.contains("断网时写的备注"), "{}", stored.notes);
    assert!(!h.state().screens.is_dirty(route), "the form is saved");
    let changes = server.read().unwrap().changes().unwrap().len();
    assert_eq!(changes, changes_before + 1, "saved once");
    assert!(!told(&h), "and withdraws it once saved");
}

#[cfg(unix)]
#[test]
fn the_team_screen_adds_a_person_and_walls_a_client_and_the_server_refuses_an_ae() {
    use crate::store::TeamAddress;
    let Some((installer, config)) = sample_team() else {
        return;
    };
    let mut app = AccountDeskApp::new(installer, Prefs::default());
    let walled = app.data().clients[0].clone();
    let other = app.data().clients[1].clone();
    app.navigate(Route::Team);
    let mut h = harness(app);
    type_into(&mut h, "登录名", "wang");
    type_into(&mut h, "显示名", "王小明");
    type_into(&mut h, "初始密码", "wang-password-1");
    type_into(&mut h, "再输一次", "wang-password-2");
    h.get_by_label("添加人员").click();
    h.run_steps(4);
    h.get_by_label_contains("两次输入的密码不一致");
    h.get_by_label("再输一次").click();
    h.run_steps(4);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_label("再输一次").type_text("wang-password-1");
    h.run_steps(4);
    h.get_by_label("添加人员").click();
    h.run_steps(4);
    let people = h.state().store().team_admin().unwrap().people().unwrap();
    let wang = people
        .iter()
        .find(|p| p.login.as_deref().is_some_and(|l| l.ends_with("_wang")))
        .expect("the person was added")
        .clone();
    h.run_steps(4);
    assert!(h.query_all_by_label("王小明").count() > 0, "listed");
    // The first client walled off; nobody is its member yet.
    h.get_by_label(&walled.name).click();
    h.run_steps(4);
    let walls = h.state().store().team_admin().unwrap().walls().unwrap();
    assert!(walls.iter().any(|(c, _)| *c == walled.id.0), "{walls:?}");

    // As the AE: the walled client is out of sight, and walling another is refused by
    // the server, which the screen says.
    let mut person = config.clone();
    person
        .user(wang.login.as_deref().unwrap())
        .password("wang-password-1");
    let store = Store::open_team(&TeamAddress::from_config(person, "wang")).unwrap();
    let mut app = AccountDeskApp::new(store, Prefs::default());
    assert!(app.data().client(walled.id).is_none(), "behind the wall");
    app.navigate(Route::Team);
    let mut h = harness(app);
    h.get_by_label(&other.name).click();
    h.run_steps(4);
    h.get_by_label_contains("团队数据库拒绝了这项修改");
    let walls = h.state().store().team_admin().unwrap().walls().unwrap();
    assert!(!walls.iter().any(|(c, _)| *c == other.id.0), "{walls:?}");
}
