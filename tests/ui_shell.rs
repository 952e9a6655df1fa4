//! The whole app driven like a person would: by labels, clicks, typing and shortcuts.

use account_desk::app::{AccountDeskApp, Prefs};
use account_desk::domain::{Client, Lang};
use account_desk::store::Store;
use account_desk::ui::model::{ClientTab, Route};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn app_harness(dir: &tempfile::TempDir, lang: Lang) -> Harness<'static, AccountDeskApp> {
    let store = Store::open(&dir.path().join("客户 资料").join("desk.redb")).expect("open store");
    let app = AccountDeskApp::new(
        store,
        Prefs {
            lang,
            current_user: None,
        },
    );
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
    assert!(h.state().data().clients.is_empty(), "undo removed the client");
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
    h.get_by_label("不保存").click();
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
