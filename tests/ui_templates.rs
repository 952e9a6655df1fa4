//! The schedule templates screen driven by label, as a person would: the built-in standard
//! plan is there from the start, a template is renamed in place, one is added from a sample
//! job's schedule through the service, made the default, deleted and brought back, and a
//! template's tasks are edited in its table.

use account_desk::demo;
use account_desk::domain::schedule::TaskId;
use account_desk::domain::template::{ScheduleTemplates, template_calendar};
use account_desk::domain::{Lang, UserId};
use account_desk::services::{self, Base, Command, Ctx};
use account_desk::store::Store;
use account_desk::ui::model::{Data, Env, Route, UiAction};
use account_desk::ui::screens::Screens;
use chrono::{NaiveDate, TimeZone, Utc};
use egui::accesskit::Role;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable, by};

struct State {
    _dir: tempfile::TempDir,
    screens: Screens,
    store: Store,
    data: Data,
    actions: Vec<UiAction>,
}

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 26, 2, 0, 0)
        .single()
        .expect("moment")
}

fn today() -> NaiveDate {
    now().date_naive()
}

impl State {
    /// A new database; with the sample agency loaded when `sample`.
    fn new(sample: bool) -> State {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::open(&dir.path().join("desk.redb")).expect("open");
        if sample {
            demo::sample::load_sample(&store, now(), today()).expect("sample");
        }
        let data = Data::load(&store, 1).expect("load");
        State {
            _dir: dir,
            screens: Screens::default(),
            store,
            data,
            actions: Vec::new(),
        }
    }

    /// Applies a command as the app does, and reloads the snapshot.
    fn apply(&mut self, command: Command) -> services::Applied {
        let ctx = Ctx {
            actor: UserId(0),
            now: now(),
            today: today(),
        };
        let applied = services::apply(&self.store, &ctx, command).expect("apply");
        self.screens.on_applied(&applied);
        self.data = Data::load(&self.store, self.data.generation + 1).expect("reload");
        applied
    }
}

fn harness(state: State) -> Harness<'static, State> {
    Harness::builder()
        .with_size(egui::vec2(1200.0, 900.0))
        .with_context_setup(account_desk::ui::fonts::install_fonts)
        .build_ui_state(
            |ui, s: &mut State| {
                let env = Env {
                    lang: Lang::Zh,
                    data: &s.data,
                    store: account_desk::services::Reader::new(&s.store),
                    today: today(),
                    now: now(),
                    current_user: None,
                };
                s.screens.ui(ui, Route::Templates, &env, &mut s.actions);
            },
            state,
        )
}

/// The one list of templates the screen asked to save,
/// with the revision it was saved from.
fn saved_list(h: &mut Harness<'static, State>) -> (ScheduleTemplates, Base) {
    let actions = std::mem::take(&mut h.state_mut().actions);
    let mut lists: Vec<(ScheduleTemplates, Base)> = actions
        .into_iter()
        .filter_map(|a| match a {
            UiAction::Command(Command::SaveTemplates(list, base)) => Some((list, base)),
            _ => None,
        })
        .collect();
    if lists.len() == 2 {
        for (a, b) in lists[0].0.templates[0]
            .plan
            .tasks
            .iter()
            .zip(&lists[1].0.templates[0].plan.tasks)
        {
            if a != b {
                eprintln!("DIFF {a:?}\n  vs {b:?}");
            }
        }
        eprintln!("same: {}", lists[0] == lists[1]);
    }
    assert_eq!(lists.len(), 1, "exactly one save");
    lists.remove(0)
}

/// Saves `list` as the app would, and draws again.
fn apply(
    h: &mut Harness<'static, State>,
    list: ScheduleTemplates,
    base: Base,
) -> services::Applied {
    let applied = h.state_mut().apply(Command::SaveTemplates(list, base));
    h.run();
    applied
}

/// The text field holding `value`.
fn field<'h>(h: &'h Harness<'static, State>, value: &'h str) -> egui_kittest::Node<'h> {
    h.get(by().role(Role::TextInput).value(value))
}

/// Whether a text field holds `value`.
fn has_field(h: &Harness<'static, State>, value: &str) -> bool {
    h.query(by().role(Role::TextInput).value(value)).is_some()
}

/// Replaces the text of the field holding `value` with `text`, then presses Enter.
fn retype_value(h: &mut Harness<'static, State>, value: &str, text: &str) {
    field(h, value).click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run();
    field(h, value).type_text(text);
    h.run();
    h.key_press(Key::Enter);
    h.run();
}

/// Whether the radio button or check box labelled `label` is on.
fn is_on(h: &Harness<'static, State>, label: &str) -> bool {
    h.get_by_label(label).accesskit_node().toggled() == Some(egui::accesskit::Toggled::True)
}

#[test]
fn templates_are_renamed_added_from_a_job_made_default_deleted_and_undone() {
    let mut h = harness(State::new(true));
    h.run();
    // The built-in standard plan is there before anything was saved, as the default.
    assert!(has_field(&h, "标准流程"));
    assert!(is_on(&h, "设为默认：标准流程"));

    // Renamed in place.
    retype_value(&mut h, "标准流程", "活动标准流程");
    let (list, base) = saved_list(&mut h);
    assert_eq!(list.choices(), (vec!["活动标准流程"], Some(0)));
    apply(&mut h, list, base);
    assert!(has_field(&h, "活动标准流程"));
    assert!(!has_field(&h, "标准流程"));

    // A sample job's schedule saved as a template, through the service.
    let job = {
        let s = h.state();
        s.data
            .jobs
            .iter()
            .map(|j| j.id)
            .find(|id| s.store.schedule(*id).ok().flatten().is_some())
            .expect("a sample job with a schedule")
    };
    h.state_mut()
        .apply(Command::SaveScheduleAsTemplate(job, " 发布会 ".into()));
    h.run();
    assert!(has_field(&h, "发布会"));
    assert!(is_on(&h, "设为默认：活动标准流程"));
    let tasks = h
        .state()
        .store
        .schedule(job)
        .ok()
        .flatten()
        .map(|s| s.schedule.tasks.len());
    // The sample job follows the standard plan: both templates hold as many tasks.
    let label = format!("{} 项", tasks.expect("tasks"));
    assert_eq!(h.query_all_by_label(&label).count(), 2);

    // Made the default with its radio button.
    h.get_by_label("设为默认：发布会").click();
    h.run();
    let (list, base) = saved_list(&mut h);
    assert_eq!(list.default_index(), Some(1));
    apply(&mut h, list, base);
    assert!(is_on(&h, "设为默认：发布会"));
    assert!(!is_on(&h, "设为默认：活动标准流程"));

    // Deleted, and brought back by undo.
    h.get_by_label("删除：活动标准流程").click();
    h.run();
    let (list, base) = saved_list(&mut h);
    assert_eq!(list.choices(), (vec!["发布会"], Some(0)));
    let deleted = apply(&mut h, list, base);
    assert!(!has_field(&h, "活动标准流程"));
    h.state_mut()
        .apply(Command::Undo(Box::new(deleted.undo.expect("undoable"))));
    h.run();
    assert!(has_field(&h, "活动标准流程"));
    assert!(is_on(&h, "设为默认：发布会"));

    // A name already taken is refused on the screen, in words, and nothing is saved.
    retype_value(&mut h, "活动标准流程", "发布会");
    assert!(h.state().actions.is_empty());
    assert!(
        h.query_by_label("已有名为“发布会”的模板，请换一个名称。")
            .is_some()
    );
}

#[test]
fn a_templates_tasks_are_edited_in_its_table() {
    let mut h = harness(State::new(false));
    h.run();
    h.get_by_label("编辑任务：标准流程").click();
    h.run();
    assert!(h.query_by_label("模板“标准流程”的任务").is_some());
    let before = h.state().data.templates.templates[0].plan.clone();
    let creative = before
        .tasks
        .iter()
        .find(|t| t.name == "创意提案")
        .expect("创意提案")
        .id;
    let cal = template_calendar();

    // A length typed in working days.
    h.get_by_label("工期：创意提案").click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run();
    h.get_by_label("工期：创意提案").type_text("8");
    h.run();
    h.key_press(Key::Enter);
    h.run();
    let (list, base) = saved_list(&mut h);
    let plan = &list.templates[0].plan;
    assert_eq!(plan.task(creative).expect("task").duration(&cal), 8);
    apply(&mut h, list, base);

    // Nonsense is refused with the reason.
    h.get_by_label("工期：创意提案").click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run();
    h.get_by_label("工期：创意提案").type_text("八天");
    h.run();
    h.key_press(Key::Enter);
    h.run();
    assert!(h.state().actions.is_empty());
    assert!(h.query_by_label_contains("工期“八天”无效").is_some());

    // A task added below row 1, renamed, indented under it, then deleted.
    h.get_by_label("选择第 1 行").click();
    h.run();
    h.get_by_label_contains("＋ 任务").click();
    h.run();
    let (list, base) = saved_list(&mut h);
    let added = &list.templates[0].plan.tasks[1];
    assert_eq!(added.name, "新任务");
    let id: TaskId = added.id;
    apply(&mut h, list, base);
    retype_value(&mut h, "新任务", "现场勘察");
    let (list, base) = saved_list(&mut h);
    assert_eq!(
        list.templates[0].plan.task(id).expect("new").name,
        "现场勘察"
    );
    apply(&mut h, list, base);
    h.get_by_label("缩进到上面的阶段第 2 行").click();
    h.run();
    let (list, base) = saved_list(&mut h);
    let plan = &list.templates[0].plan;
    assert_eq!(plan.task(id).expect("new").level, 1);
    assert!(plan.is_phase(0), "row 1 became a phase");
    apply(&mut h, list, base);
    h.get_by_label("删除第 2 行").click();
    h.run();
    let (list, base) = saved_list(&mut h);
    assert!(list.templates[0].plan.task(id).is_none());
    assert_eq!(list.templates[0].plan.tasks.len(), before.tasks.len());
    apply(&mut h, list, base);
    assert!(!has_field(&h, "现场勘察"));

    // Done closes the table.
    h.get_by_label("完成").click();
    h.run();
    assert!(h.query_by_label("模板“标准流程”的任务").is_none());
}
