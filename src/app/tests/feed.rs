//! The open window follows the change feed: a colleague's change written to the same
//! database reaches the screen after a frame, and an editor with unsaved edits keeps them,
//! says who changed the record, and has its save refused as stale.

use super::*;
use crate::domain::{ClientId, User};
use crate::ui::model::ClientTab;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

/// Someone other than the window's current user.
fn colleague(app: &AccountDeskApp) -> User {
    let me = app.prefs.current_user;
    app.data
        .users
        .iter()
        .find(|u| u.active && Some(u.id) != me)
        .cloned()
        .expect("the sample agency has two active users")
}

/// The colleague saves `client` with `edit` applied, from the revision they see.
fn colleague_edits(
    app: &AccountDeskApp,
    who: &User,
    client: ClientId,
    edit: impl Fn(&mut ClientDraft),
) {
    let store = app.store();
    let stored: Client = store.get(client.0).unwrap().unwrap();
    let mut draft = ClientDraft::from_client(&stored);
    edit(&mut draft);
    let rev = Reader::new(store).revision::<Client>(client.0).unwrap();
    let ctx = crate::services::Ctx {
        actor: who.id,
        now: chrono::Utc::now(),
        today: chrono::Local::now().date_naive(),
    };
    let base = Base::Shown(rev.map(|r| r.rev));
    crate::services::apply(store, &ctx, Command::UpdateClient(client, draft, base)).unwrap();
}

fn harness(app: AccountDeskApp) -> Harness<'static, AccountDeskApp> {
    let mut h = Harness::builder()
        .with_size(egui::vec2(1280.0, 800.0))
        .with_context_setup(crate::ui::fonts::install_fonts)
        .build_ui_state(|ui, app: &mut AccountDeskApp| app.frame_ui(ui), app);
    h.step();
    h.step();
    h
}

#[test]
fn a_change_written_behind_the_window_appears_on_the_open_screen() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = sample_app(&dir);
    app.set_feed_every(Duration::ZERO);
    let who = colleague(&app);
    let client = app.data.clients.first().unwrap().id;
    app.navigate(Route::Client(client, ClientTab::Details));
    let mut h = harness(app);
    let generation = h.state().data().generation;
    assert!(h.query_by_label("百事可乐（新）").is_none());

    colleague_edits(h.state(), &who, client, |d| {
        d.short_name = "百事可乐（新）".into();
        d.industry = "饮料与零食".into();
    });
    h.step();
    h.step();

    // The snapshot, the heading and the (clean) form all show the colleague's change.
    let shown = h
        .state()
        .data()
        .client(client)
        .map(|c| c.short_name.clone());
    assert_eq!(shown.as_deref(), Some("百事可乐（新）"));
    assert!(h.state().data().generation > generation);
    assert!(
        h.query_all_by_label("百事可乐（新）").count() >= 1,
        "the heading follows"
    );
    assert_eq!(
        h.get_by_label("简称").value().as_deref(),
        Some("百事可乐（新）")
    );
    assert_eq!(
        h.get_by_label("行业").value().as_deref(),
        Some("饮料与零食")
    );
    // It is no edit of this window: nothing to save, and nothing to undo.
    assert!(!h.state().screens.is_dirty(h.state().route()));
    assert_eq!(h.state().undo_depth(), 0);
    // And the search finds it under its new name.
    wait_for_index(h.state_mut());
    let index = h.state().search_index.ready().unwrap().read();
    assert!(
        index
            .search("百事可乐（新）", 10)
            .iter()
            .any(|hit| hit.title.contains("百事可乐（新）")),
        "the search index follows"
    );
}

#[test]
fn an_editor_with_unsaved_edits_keeps_them_and_its_save_is_refused_naming_who_changed_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = sample_app(&dir);
    app.set_feed_every(Duration::ZERO);
    let who = colleague(&app);
    let client = app.data.clients.first().unwrap().id;
    app.navigate(Route::Client(client, ClientTab::Details));
    let mut h = harness(app);

    // The person types into the form …
    h.get_by_label("备注").click();
    h.step();
    h.get_by_label("备注").type_text("春节档期需提前确认");
    h.step();
    let route = h.state().route();
    assert!(h.state().screens.is_dirty(route));

    // … while a colleague saves the same client.
    colleague_edits(h.state(), &who, client, |d| {
        d.phone = "021-5555 0000".into()
    });
    h.step();
    h.step();

    // The edits stay, and the form says who changed the record.
    assert!(h.state().screens.is_dirty(route), "the edits are kept");
    let notes = h.get_by_label("备注").value().unwrap_or_default();
    assert!(notes.contains("春节档期需提前确认"), "{notes}");
    assert!(
        h.query_by_label_contains(&format!("{} 于", who.name))
            .is_some(),
        "the form names who changed the record"
    );
    assert!(
        h.query_by_label_contains("修改了这条记录：电话").is_some(),
        "and which field"
    );
    let stored_phone = h.state().data().client(client).map(|c| c.phone.clone());
    assert_eq!(stored_phone.as_deref(), Some("021-5555 0000"));

    // Saving is refused as stale, naming the colleague; the edits are still there.
    h.get_by_label("保存").click();
    h.step();
    h.step();
    let refused = h
        .state()
        .notifications()
        .notes()
        .iter()
        .map(|n| n.text.clone())
        .find(|t| t.contains("没有写入"))
        .expect("a refusal is told");
    assert!(refused.contains(&who.name), "{refused}");
    assert!(
        refused.contains("合并双方的修改"),
        "says what to do: {refused}"
    );
    assert!(
        h.state().screens.is_dirty(route),
        "the edits survive the refusal"
    );
    let stored: Client = h.state().store().get(client.0).unwrap().unwrap();
    assert!(
        !stored.notes.contains("春节档期需提前确认"),
        "nothing was written"
    );
    assert_eq!(
        stored.phone, "021-5555 0000",
        "the colleague's change stands"
    );

    // Loading the record as it is now drops the edits and shows their change; saved again
    // from there, the edit goes through.
    h.get_by_label("载入对方的版本（放弃我的修改）").click();
    h.step();
    h.step();
    assert!(!h.state().screens.is_dirty(route));
    h.get_by_label("备注").click();
    h.step();
    h.get_by_label("备注").type_text("春节档期需提前确认");
    h.step();
    h.get_by_label("保存").click();
    h.step();
    h.step();
    let stored: Client = h.state().store().get(client.0).unwrap().unwrap();
    assert!(
        stored.notes.contains("春节档期需提前确认"),
        "saved from the new revision"
    );
    assert_eq!(stored.phone, "021-5555 0000");
}

/// The person has typed `text` into 备注 of `client` while `who` saved `edit` to it.
fn both_edit_a_client(
    edit: impl Fn(&mut ClientDraft),
    field: &str,
    text: &str,
) -> (Harness<'static, AccountDeskApp>, ClientId, Route) {
    let dir = tempfile::tempdir().unwrap();
    let mut app = sample_app(&dir);
    // The folder lives as long as the store that the window keeps open.
    std::mem::forget(dir);
    app.set_feed_every(Duration::ZERO);
    let who = colleague(&app);
    let client = app.data.clients.first().unwrap().id;
    app.navigate(Route::Client(client, ClientTab::Details));
    let mut h = harness(app);
    h.get_by_label(field).click();
    h.step();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_label(field).type_text(text);
    h.step();
    let route = h.state().route();
    colleague_edits(h.state(), &who, client, edit);
    h.step();
    h.step();
    (h, client, route)
}

#[test]
fn a_conflict_is_merged_field_by_field_and_saved_over_their_version() {
    let (mut h, client, route) = both_edit_a_client(
        |d| {
            d.phone = "021-5555 0000".into();
            d.notes = "对方的备注".into();
        },
        "行业",
        "快消品",
    );
    h.get_by_label("合并双方的修改").click();
    h.run();
    // Their phone and notes, my industry; nothing both changed.
    assert_eq!(
        h.get_by_label("电话").value().as_deref(),
        Some("021-5555 0000")
    );
    assert_eq!(h.get_by_label("行业").value().as_deref(), Some("快消品"));
    h.get_by_label("已合并双方的修改，请检查后保存。");
    h.get_by_label("保存").click();
    h.step();
    h.step();
    assert!(!h.state().screens.is_dirty(route));
    let stored: Client = h.state().store().get(client.0).unwrap().unwrap();
    assert_eq!(stored.phone, "021-5555 0000");
    assert_eq!(stored.notes, "对方的备注");
    assert_eq!(stored.industry, "快消品");
}

#[test]
fn keeping_mine_saves_my_edits_as_the_newest_version_and_theirs_stays_in_the_history() {
    let (mut h, client, route) =
        both_edit_a_client(|d| d.notes = "对方的备注".into(), "备注", "我的备注");
    let before = h.state().store().read().unwrap().changes().unwrap().len();
    h.get_by_label("以我的为准").click();
    h.run();
    h.get_by_label("保存").click();
    h.step();
    h.step();
    assert!(!h.state().screens.is_dirty(route));
    let stored: Client = h.state().store().get(client.0).unwrap().unwrap();
    assert_eq!(stored.notes, "我的备注");
    let changes = h.state().store().read().unwrap().changes().unwrap();
    assert_eq!(
        changes.len(),
        before + 1,
        "theirs and mine are both in the history"
    );
}

#[test]
fn a_brief_saved_by_two_people_becomes_two_versions() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = sample_app(&dir);
    app.set_feed_every(Duration::ZERO);
    let who = colleague(&app);
    let job = app
        .data
        .jobs
        .iter()
        // An archived job's brief is read-only: one still under way.
        .filter(|j| j.status != crate::domain::JobStatus::Archived)
        .find(|j| app.store.latest_brief(j.id).unwrap().is_some())
        .map(|j| j.id)
        .expect("a sample job with a brief");
    let before = app.store.brief_versions(job).unwrap().len();
    app.navigate(Route::Job(job));
    let mut h = harness(app);
    h.get_by_label("目标").click();
    h.step();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_label("目标")
        .type_text("我的目标：春节销量提升两成");
    h.step();
    // A colleague saves the brief meanwhile, from the latest version.
    let latest = h.state().store().latest_brief(job).unwrap().unwrap();
    let mut theirs = BriefDraft::from_content(&latest.content);
    theirs.content.background = "同事补充的背景".into();
    let ctx = crate::services::Ctx {
        actor: who.id,
        now: chrono::Utc::now(),
        today: chrono::Local::now().date_naive(),
    };
    crate::services::apply(
        h.state().store(),
        &ctx,
        Command::SaveBrief(job, theirs, Base::Overwrite),
    )
    .unwrap();
    h.step();
    h.step();
    h.get_by_label_contains("修改了这条记录：背景");
    h.get_by_label("合并双方的修改").click();
    h.run();
    h.get_by_label("保存").click();
    h.step();
    h.step();
    let versions = h.state().store().brief_versions(job).unwrap();
    assert_eq!(
        versions.len(),
        before + 2,
        "theirs and mine, each a version"
    );
    let newest = versions.last().unwrap();
    assert_eq!(newest.content.background, "同事补充的背景");
    assert_eq!(newest.content.objective, "我的目标：春节销量提升两成");
    assert_eq!(versions[versions.len() - 2].stamp.by, who.id);
}
