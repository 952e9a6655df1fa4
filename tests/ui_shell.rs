//! The whole app driven like a person would: by labels, clicks, typing and shortcuts.

use account_desk::app::{AccountDeskApp, Prefs};
use account_desk::domain::{Client, Lang};
use account_desk::store::Store;
use account_desk::ui::model::{ClientTab, Route};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

fn app_harness(dir: &tempfile::TempDir, lang: Lang) -> Harness<'static, AccountDeskApp> {
    let store = Store::open(&dir.path().join("客户 资料").join("desk.redb")).expect("open store");
    let mut app = AccountDeskApp::new(
        store,
        Prefs {
            lang,
            ..Prefs::default()
        },
    );
    // Each frame lists the hits of what is typed, as the window does once they come.
    app.set_search_wait(std::time::Duration::from_secs(30));
    Harness::builder()
        .with_size(egui::vec2(1280.0, 860.0))
        .with_context_setup(|ctx| {
            account_desk::ui::fonts::install_fonts(ctx);
            account_desk::ui::theme::apply(ctx);
        })
        .build_ui_state(|ui, app: &mut AccountDeskApp| app.frame_ui(ui), app)
}

/// From the welcome screen: start empty as a named user.
fn start_empty(h: &mut Harness<'static, AccountDeskApp>) {
    h.run();
    h.get_by_label("从空白开始").click();
    h.run();
    h.get_by_label("姓名").click();
    h.run();
    h.get_by_label("姓名").type_text("王小明");
    h.run();
    h.get_by_label("开始").click();
    h.run();
    assert_eq!(h.state().route(), Route::Clients);
    assert_eq!(h.state().data().users.len(), 1);
}

fn create_client(h: &mut Harness<'static, AccountDeskApp>, name: &str) {
    h.get_by_label("新建客户").click();
    h.run();
    assert_eq!(h.state().route(), Route::NewClient);
    h.get_by_label("名称").click();
    h.run();
    h.get_by_label("名称").type_text(name);
    h.run();
    h.get_by_label("保存").click();
    h.run();
}

#[test]
fn create_a_client_then_find_it_by_pinyin_initials_and_open_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut h = app_harness(&dir, Lang::Zh);
    start_empty(&mut h);
    create_client(&mut h, "可口可乐");
    let clients: Vec<Client> = h.state().data().clients.clone();
    assert_eq!(clients.len(), 1, "the client was saved");
    assert_eq!(clients[0].name, "可口可乐");
    assert_eq!(clients[0].audit.created.by, h.state().data().users[0].id);
    // Leave the client, then find it again with Ctrl+K and pinyin initials.
    h.get_by_label("工作").click();
    h.run();
    assert_eq!(h.state().route(), Route::Jobs);
    h.key_press_modifiers(Modifiers::COMMAND, Key::K);
    h.run();
    h.get_by_label("搜索").type_text("kkkl");
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(
        h.state().route(),
        Route::Client(clients[0].id, ClientTab::Details)
    );
    // The client file is on screen: its heading beside the entry in the navigation list.
    assert!(h.query_by_label("搜索").is_none(), "the popup closed");
    assert!(h.query_all_by_label("可口可乐").count() >= 2);
    assert!(h.query_by_label("找不到这个客户").is_none());
}

#[test]
fn undo_removes_a_client_created_by_mistake() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut h = app_harness(&dir, Lang::Zh);
    start_empty(&mut h);
    create_client(&mut h, "错误客户");
    assert_eq!(h.state().data().clients.len(), 1);
    // Ctrl+Z outside any text field undoes the last change to a record.
    h.get_by_label("客户").click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(
        h.state().data().clients.is_empty(),
        "undo removed the client"
    );
    assert!(h.state().store().all::<Client>().expect("read").is_empty());
}

#[test]
fn leaving_a_form_with_unsaved_changes_asks_first() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut h = app_harness(&dir, Lang::Zh);
    start_empty(&mut h);
    h.get_by_label("新建客户").click();
    h.run();
    h.get_by_label("名称").click();
    h.run();
    h.get_by_label("名称").type_text("未保存的客户");
    h.run();
    h.get_by_label("工作").click();
    h.run();
    assert_eq!(h.state().route(), Route::NewClient, "still on the form");
    h.get_by_label("有未保存的修改");
    h.get_by_label("取消").click();
    h.run();
    assert_eq!(h.state().route(), Route::NewClient);
    h.get_by_label("工作").click();
    h.run();
    h.get_by_label("不保存，离开").click();
    h.run();
    assert_eq!(h.state().route(), Route::Jobs);
    assert!(h.state().data().clients.is_empty());
}

#[test]
fn the_language_switch_changes_every_label() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut h = app_harness(&dir, Lang::Zh);
    start_empty(&mut h);
    assert!(h.query_by_label("新建客户").is_some());
    h.get_by_label("English").click();
    h.run();
    assert_eq!(h.state().prefs().lang, Lang::En);
    assert!(h.query_by_label("New client").is_some());
    assert!(h.query_by_label("新建客户").is_none());
    assert!(h.query_by_label("Clients").is_some());
}

#[test]
fn the_sample_agency_loads_from_the_welcome_screen() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut h = app_harness(&dir, Lang::Zh);
    h.run();
    h.get_by_label("打开示例公司").click();
    h.run();
    assert_eq!(h.state().route(), Route::Clients);
    assert!(h.state().data().clients.len() >= 3);
    assert!(h.state().data().jobs.len() >= 10);
    assert!(h.state().prefs().current_user.is_some());
}

/// The sample agency, loaded through the welcome screen.
fn sample_harness(dir: &tempfile::TempDir, lang: Lang) -> Harness<'static, AccountDeskApp> {
    let mut h = app_harness(dir, lang);
    h.run();
    h.get_by_label(lang.pick("打开示例公司", "Open sample agency"))
        .click();
    h.run();
    assert_eq!(h.state().route(), Route::Clients);
    h
}

fn client_id(
    h: &Harness<'static, AccountDeskApp>,
    short_name: &str,
) -> account_desk::domain::ClientId {
    h.state()
        .data()
        .clients
        .iter()
        .find(|c| c.display_name() == short_name)
        .map(|c| c.id)
        .expect("sample client")
}

#[test]
fn search_opens_a_contact_on_its_clients_contacts_tab_and_escape_closes() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut h = sample_harness(&dir, Lang::Zh);
    let coke = client_id(&h, "可口可乐");
    // Ctrl+F opens the same search; Escape closes it without going anywhere.
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run();
    h.get_by_label("搜索").type_text("xiaomi");
    h.run();
    h.key_press(Key::Escape);
    h.run();
    assert!(h.query_by_label("搜索").is_none(), "the popup closed");
    assert_eq!(h.state().route(), Route::Clients);
    // A contact opens the Contacts tab of its client.
    h.key_press_modifiers(Modifiers::COMMAND, Key::K);
    h.run();
    h.get_by_label("搜索").type_text("赵敏");
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(h.state().route(), Route::Client(coke, ClientTab::Contacts));
}

#[test]
fn arrow_keys_choose_among_search_results() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut h = sample_harness(&dir, Lang::En);
    let xiaomi = client_id(&h, "小米");
    h.key_press_modifiers(Modifiers::COMMAND, Key::K);
    h.run();
    // "xm": the client 小米 and its brands 小米手机 and 小米 SU7 (pinyin initials).
    h.get_by_label("Search").type_text("xm");
    h.run();
    let hits = h.query_all_by_label_contains("小米").count();
    assert!(hits >= 3, "client and brands listed, got {hits}");
    h.key_press(Key::ArrowDown);
    h.run();
    h.key_press(Key::Enter);
    h.run();
    let route = h.state().route();
    assert!(
        matches!(route, Route::Brand(b) if h.state().data().brand(b).is_some_and(|b| b.client_id == xiaomi)),
        "the second hit (a brand of 小米) opened, got {route:?}"
    );
}

#[test]
fn ctrl_z_in_a_text_field_is_the_fields_own_undo() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut h = app_harness(&dir, Lang::Zh);
    start_empty(&mut h);
    assert_eq!(
        h.state().undo_depth(),
        1,
        "adding the first user is undoable"
    );
    // Focus is in the search field: Ctrl+Z must not undo a record.
    h.key_press_modifiers(Modifiers::COMMAND, Key::K);
    h.run();
    h.get_by_label("搜索").type_text("abc");
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().data().users.len(), 1);
    assert_eq!(h.state().undo_depth(), 1);
    h.key_press(Key::Escape);
    h.run();
    h.run();
    // Outside any field it undoes the change.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert!(h.state().data().users.is_empty(), "the user was removed");
    assert_eq!(h.state().undo_depth(), 0);
}

#[test]
fn a_refused_command_shows_the_reason_until_dismissed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut h = app_harness(&dir, Lang::Zh);
    h.run();
    h.get_by_label("从空白开始").click();
    h.run();
    // No name: the service refuses, the person reads why, nothing is written.
    h.get_by_label("开始").click();
    h.run();
    assert_eq!(h.state().route(), Route::Welcome);
    assert!(h.state().data().users.is_empty());
    h.get_by_label_contains("请填写");
    // Still there after a while (errors do not fade), gone once dismissed.
    for _ in 0..5 {
        h.run();
    }
    h.get_by_label_contains("请填写");
    h.get_by_label("关闭").click();
    h.run();
    assert!(h.query_by_label_contains("请填写").is_none());
}

#[test]
fn the_current_user_stamps_changes_and_is_remembered() {
    let dir = tempfile::tempdir().expect("temp dir");
    let h = sample_harness(&dir, Lang::Zh);
    let first = h.state().prefs().current_user.expect("a current user");
    assert!(h.state().data().user(first).is_some_and(|u| u.active));
    let saved = h.state().prefs_to_save();
    assert_eq!(saved.current_user, Some(first));
    assert_eq!(saved.last_route, Some(Route::Clients));
    // Reopening with the remembered route lands there again.
    let coke = client_id(&h, "可口可乐");
    drop(h);
    let store = Store::open(&dir.path().join("客户 资料").join("desk.redb")).expect("reopen");
    let app = AccountDeskApp::new(
        store,
        Prefs {
            lang: Lang::Zh,
            current_user: Some(first),
            last_route: Some(Route::Client(coke, ClientTab::Contracts)),
            ..Prefs::default()
        },
    );
    assert_eq!(app.route(), Route::Client(coke, ClientTab::Contracts));
    assert_eq!(app.prefs().current_user, Some(first));
}

/// Opens the new-client form and types a name without saving.
fn type_new_client(h: &mut Harness<'static, AccountDeskApp>, name: &str) {
    h.get_by_label("新建客户").click();
    h.run();
    h.get_by_label("名称").click();
    h.run();
    h.get_by_label("名称").type_text(name);
    h.run();
}

#[test]
fn ctrl_s_saves_the_form_on_screen_even_from_inside_a_field() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut h = app_harness(&dir, Lang::Zh);
    start_empty(&mut h);
    type_new_client(&mut h, "蒙牛");
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run();
    let clients = &h.state().data().clients;
    assert_eq!(clients.len(), 1);
    assert_eq!(
        h.state().route(),
        Route::Client(clients[0].id, ClientTab::Details)
    );
}

#[test]
fn save_in_the_leave_warning_saves_then_goes_on() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut h = app_harness(&dir, Lang::Zh);
    start_empty(&mut h);
    type_new_client(&mut h, "宝马");
    h.get_by_label("工作").click();
    h.run();
    h.get_by_label("有未保存的修改");
    // Shortcuts wait until the question is answered.
    h.key_press_modifiers(Modifiers::COMMAND, Key::K);
    h.run();
    assert!(h.query_by_label("搜索").is_none());
    h.get_by_label("保存并离开").click();
    h.run();
    assert_eq!(h.state().data().clients.len(), 1, "saved");
    assert_eq!(h.state().route(), Route::Jobs, "then went where asked");
    assert!(h.query_by_label("有未保存的修改").is_none());
}

#[test]
fn the_navigation_counts_the_meetings_that_need_someone_as_the_strip_lists_them() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut h = sample_harness(&dir, Lang::Zh);
    // Seen from any screen: here the client list.
    let nav = h
        .get_by_label_contains("会议记录")
        .accesskit_node()
        .label()
        .unwrap_or_default();
    let badge: usize = nav
        .rsplit('⚠')
        .next()
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("no count beside 会议记录: {nav:?}"));
    assert!(badge > 0, "the sample has minutes overdue and disputed");
    h.get_by_label_contains("会议记录").click();
    h.run();
    assert_eq!(h.state().route(), Route::Meetings);
    let strip = format!("需要跟进的会议记录（{badge}）");
    assert!(h.query_by_label(&strip).is_some(), "{nav:?} but no {strip}");
}

#[test]
fn the_search_box_stays_put_while_its_hits_come_and_go() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut h = sample_harness(&dir, Lang::En);
    h.key_press_modifiers(Modifiers::COMMAND, Key::K);
    h.run();
    let empty = h.get_by_label("Search").rect();
    // Many hits (a long list under the box), then none at all.
    h.get_by_label("Search").type_text("xm");
    h.run();
    assert!(h.query_all_by_label_contains("小米").count() >= 3);
    let listed = h.get_by_label("Search").rect();
    h.get_by_label("Search").type_text("qqqqzzz");
    h.run();
    let none = h.get_by_label("Search").rect();
    assert_eq!(empty.top(), listed.top(), "the box moved when hits came");
    assert_eq!(listed.top(), none.top(), "the box moved when hits went");
    // Near the top of the window, not in its middle.
    assert!(none.top() < 200.0, "box at {}", none.top());
}

#[test]
fn hits_found_after_the_frame_are_listed_when_they_come_and_enter_opens_what_was_typed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut h = sample_harness(&dir, Lang::Zh);
    let coke = client_id(&h, "可口可乐");
    let xiaomi = client_id(&h, "小米");
    // As in the window: a frame does not wait for a search, whose hits are listed when it
    // is done.
    h.state_mut().set_search_wait(std::time::Duration::ZERO);
    h.key_press_modifiers(Modifiers::COMMAND, Key::K);
    h.run();
    h.get_by_label("搜索").type_text("xiaomi");
    let mut frames = 0;
    while !h.state().search_is_answered() || h.query_all_by_label_contains("小米").next().is_none()
    {
        assert!(frames < 1000, "the hits of xiaomi never came");
        frames += 1;
        std::thread::sleep(std::time::Duration::from_millis(10));
        h.step();
    }
    // Typed (or scanned) and Enter in the same frame: Enter opens a hit of what was typed,
    // not of the query before it.
    h.key_press(Key::Escape);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::K);
    h.run();
    h.get_by_label("搜索").type_text("kkkl");
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(h.state().route(), Route::Client(coke, ClientTab::Details));
    assert_ne!(coke, xiaomi);
}
