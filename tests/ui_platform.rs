//! What differs between Windows, macOS and Linux desktops, checked on the whole app: Chinese
//! typed through an input method (IME), shortcut names, and the light/dark theme.

use account_desk::app::{AccountDeskApp, Prefs};
use account_desk::domain::{Client, ClientId, JobId, Lang, UserId};
use account_desk::services::{self, ClientDraft, Command, Ctx, JobDraft, UserDraft};
use account_desk::store::Store;
use account_desk::ui::model::{ClientTab, Route};
use account_desk::ui::theme::Palette;
use egui::accesskit::Role;
use egui::os::OperatingSystem;
use egui::{Event, ImeEvent, Key, Modifiers, Theme, ThemePreference};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

/// A store with one user, the client 星巴克 and its job 冬季新品上市.
fn agency(dir: &tempfile::TempDir) -> (Store, JobId) {
    let store = Store::open(&dir.path().join("客户 资料").join("desk.redb")).expect("open");
    let ctx = Ctx {
        actor: UserId(0),
        now: chrono::Utc::now(),
        today: chrono::NaiveDate::from_ymd_opt(2026, 11, 26).expect("date"),
    };
    let user = UserDraft {
        name: "王小明".into(),
        ..UserDraft::default()
    };
    services::apply(&store, &ctx, Command::AddUser(user)).expect("user");
    let client = ClientDraft {
        name: "星巴克".into(),
        ..ClientDraft::default()
    };
    let client = services::apply(&store, &ctx, Command::CreateClient(client)).expect("client");
    let job = JobDraft {
        title: "冬季新品上市".into(),
        client_id: Some(ClientId(client.id)),
        requested_on: "2026-11-26".into(),
        ..JobDraft::default()
    };
    let job = services::apply(&store, &ctx, Command::CreateJob(job)).expect("job");
    (store, JobId(job.id))
}

/// The whole app as eframe runs it (fonts, theme), on `os`. Missing glyphs are allowed:
/// Noto Sans SC has no CJK Extension B (𠮷), which must still be stored exactly.
fn app_harness(store: Store, os: OperatingSystem) -> Harness<'static, AccountDeskApp> {
    let mut app = AccountDeskApp::new(
        store,
        Prefs {
            lang: Lang::Zh,
            ..Prefs::default()
        },
    );
    // Each frame lists the hits of what is typed, as the window does once they come.
    app.set_search_wait(std::time::Duration::from_secs(30));
    let mut h = Harness::builder()
        .with_size(egui::vec2(1280.0, 860.0))
        .with_os(os)
        .allow_missing_glyphs()
        .with_context_setup(|ctx| {
            account_desk::ui::fonts::install_fonts(ctx);
            account_desk::ui::theme::apply(ctx);
        })
        .build_ui_state(|ui, app: &mut AccountDeskApp| app.frame_ui(ui), app);
    h.run();
    h
}

fn preedit(text: &str) -> Event {
    Event::Ime(ImeEvent::Preedit {
        text: text.into(),
        active_range_chars: Some(0..text.chars().count()),
    })
}

fn commit(text: &str) -> Event {
    Event::Ime(ImeEvent::Commit(text.into()))
}

/// Composes like a pinyin IME through egui-winit 0.37: growing pre-edit text shown in the
/// field, then the chosen characters committed. (egui-winit no longer forwards winit's
/// `Ime::Enabled`/`Disabled`; egui deprecated those events and ignores them.)
fn compose(h: &mut Harness<'static, AccountDeskApp>, pinyin: &str, chosen: &str) {
    for end in 1..=pinyin.len() {
        h.event(preedit(&pinyin[..end]));
    }
    h.event(commit(chosen));
    h.run();
}

/// The field labelled `label` holds exactly `text`.
fn assert_field(h: &Harness<'static, AccountDeskApp>, label: &str, text: &str) {
    let value = h.get_by_label(label).value();
    assert_eq!(value.as_deref(), Some(text), "field {label}");
}

/// While composing, egui asks the platform to put the candidate window at the caret: the IME
/// output must exist and its caret must be inside the focused field.
fn assert_candidates_beside(h: &Harness<'static, AccountDeskApp>, label: &str) {
    let field = h.get_by_label(label).rect();
    let ime = h
        .output()
        .platform_output
        .ime
        .expect("the app tells the platform where the IME candidate window goes");
    assert!(
        field.expand(2.0).contains_rect(ime.cursor_rect),
        "caret {:?} outside the field {field:?}",
        ime.cursor_rect
    );
    assert_eq!(ime.purpose, egui::IMEPurpose::Normal);
}

const MIXED: &str = "可口可乐 Coca-Cola 𠮷";

#[test]
fn chinese_committed_through_an_ime_is_stored_and_found_exactly() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (store, job) = agency(&dir);
    let mut h = app_harness(store, OperatingSystem::Windows);

    // (a) A client name: a pre-edit that grows, is shown in the field, then is replaced by
    // the chosen characters; then Latin typed directly and one more composed character.
    h.get_by_label("新建客户").click();
    h.run();
    h.get_by_label("名称").click();
    h.run();
    h.event(preedit("k"));
    h.event(preedit("kekou"));
    h.run();
    assert_field(&h, "名称", "kekou");
    assert_candidates_beside(&h, "名称");
    h.event(preedit("kekoukele"));
    h.event(commit("可口可乐"));
    h.run();
    assert_field(&h, "名称", "可口可乐");
    h.get_by_label("名称").type_text(" Coca-Cola ");
    h.run();
    compose(&mut h, "ji", "𠮷");
    assert_field(&h, "名称", MIXED);
    h.get_by_label("保存").click();
    h.run();
    let stored: Vec<Client> = h.state().store().all().expect("read");
    let coke = stored
        .iter()
        .find(|c| c.name != "星巴克")
        .expect("the new client was saved");
    assert_eq!(coke.name, MIXED, "stored exactly as committed");
    let coke = coke.id;
    assert_eq!(h.state().route(), Route::Client(coke, ClientTab::Details));

    // (c) The global search: Ctrl+K, a composed query, Enter opens the client.
    h.get_by_label("工作").click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::K);
    h.run();
    assert!(
        h.get_by_label("搜索").is_focused(),
        "typing goes to the search box"
    );
    h.event(preedit("kekou"));
    h.run();
    assert_candidates_beside(&h, "搜索");
    h.event(commit("可口可乐"));
    h.run();
    assert_field(&h, "搜索", "可口可乐");
    assert!(h.query_by_label("没有找到匹配的记录。").is_none());
    h.key_press(Key::Enter);
    h.run();
    assert_eq!(h.state().route(), Route::Client(coke, ClientTab::Details));

    // (b) A brief field: a composition abandoned with an empty pre-edit (Esc in the IME)
    // leaves nothing behind; then the mixed text.
    h.get_by_label("工作").click();
    h.run();
    h.get_by_label("冬季新品上市").click();
    h.run();
    assert_eq!(h.state().route(), Route::Job(job));
    h.get_by_label("背景").click();
    h.run();
    h.event(preedit("xyz"));
    h.event(preedit(""));
    h.run();
    assert_field(&h, "背景", "");
    compose(&mut h, "kekoukele", "可口可乐");
    h.get_by_label("背景").type_text(" Coca-Cola ");
    h.run();
    compose(&mut h, "ji", "𠮷");
    assert_field(&h, "背景", MIXED);
    h.get_by_label("保存").click();
    h.run();
    let brief = h
        .state()
        .store()
        .latest_brief(job)
        .expect("read")
        .expect("a brief version");
    assert_eq!(
        brief.content.background, MIXED,
        "stored exactly as committed"
    );
}

#[test]
fn shortcut_hints_use_the_platform_key_names() {
    for (os, search, other) in [
        (OperatingSystem::Mac, "⌘K", "Ctrl"),
        (OperatingSystem::Windows, "Ctrl+K", "⌘"),
        (OperatingSystem::Nix, "Ctrl+K", "⌘"),
    ] {
        let dir = tempfile::tempdir().expect("temp dir");
        let (store, _) = agency(&dir);
        let mut h = app_harness(store, os);
        // The search button in the top bar names its shortcut, the platform's way only.
        let label = h.get_by_label_contains(search).accesskit_node().label();
        assert!(
            label
                .as_deref()
                .is_some_and(|l| l.contains("搜索") && l.ends_with(search)),
            "{os:?}: {label:?}"
        );
        assert!(h.query_by_label_contains(other).is_none(), "{os:?}");
        // The shortcut it names works.
        h.key_press_modifiers(Modifiers::COMMAND, Key::K);
        h.run();
        assert!(h.get_by_label("搜索").is_focused(), "{os:?}");
    }
}

#[test]
fn the_theme_follows_the_system_until_the_person_chooses() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (store, _) = agency(&dir);
    let mut h = app_harness(store, OperatingSystem::Windows);
    assert_eq!(h.state().prefs().theme, ThemePreference::System);
    // The OS reports dark (winit does on Windows and macOS, and when it changes).
    h.input_mut().system_theme = Some(Theme::Dark);
    h.run();
    assert_eq!(h.ctx.theme(), Theme::Dark);
    let visuals = h.ctx.global_style().visuals.clone();
    assert_eq!(visuals.panel_fill, Palette::DARK.panel_bg);
    assert_eq!(visuals.override_text_color, Some(Palette::DARK.text));
    // The person picks light in the top bar: it wins over the OS and is remembered.
    h.get_by_role_and_label(Role::ComboBox, "外观").click();
    h.run();
    h.get_by_label_contains("浅色").click();
    h.run();
    assert_eq!(h.ctx.theme(), Theme::Light);
    assert_eq!(
        h.ctx.global_style().visuals.panel_fill,
        Palette::LIGHT.panel_bg
    );
    assert_eq!(h.state().prefs_to_save().theme, ThemePreference::Light);
    // The OS switching to light and back changes nothing now.
    h.input_mut().system_theme = Some(Theme::Light);
    h.run();
    h.input_mut().system_theme = Some(Theme::Dark);
    h.run();
    assert_eq!(h.ctx.theme(), Theme::Light);
    // Back to following the system: dark again.
    h.get_by_role_and_label(Role::ComboBox, "外观").click();
    h.run();
    h.get_by_label_contains("跟随系统").click();
    h.run();
    assert_eq!(h.ctx.theme(), Theme::Dark);
    assert_eq!(h.state().prefs_to_save().theme, ThemePreference::System);
}

#[test]
fn a_remembered_theme_choice_applies_from_the_first_frame() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (store, _) = agency(&dir);
    let app = AccountDeskApp::new(
        store,
        Prefs {
            theme: ThemePreference::Dark,
            ..Prefs::default()
        },
    );
    let mut h = Harness::builder()
        .with_size(egui::vec2(1280.0, 860.0))
        .with_theme(Theme::Light)
        .with_context_setup(|ctx| {
            account_desk::ui::fonts::install_fonts(ctx);
            account_desk::ui::theme::apply(ctx);
        })
        .build_ui_state(|ui, app: &mut AccountDeskApp| app.frame_ui(ui), app);
    h.input_mut().system_theme = Some(Theme::Light);
    h.run();
    assert_eq!(h.ctx.theme(), Theme::Dark);
}
