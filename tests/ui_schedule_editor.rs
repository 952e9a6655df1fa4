//! The schedule editor driven like an AE would in the whole app: tasks added and named by
//! keyboard, a duration typed, tasks indented under a phase, a row deleted then undone and
//! redone, rows pasted from Excel, and the plan laid out backward from the due date.

use account_desk::app::{AccountDeskApp, Prefs};
use account_desk::demo;
use account_desk::domain::calendar::WorkCalendar;
use account_desk::domain::schedule::Schedule;
use account_desk::domain::{Client, JobId, Lang, UserId};
use account_desk::services::{self, Command, Ctx, JobDraft};
use account_desk::store::Store;
use account_desk::ui::model::Route;
use chrono::{Local, NaiveDate};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

/// A sample agency with a new job due `days_to_due` working days from today, and the app open on its
/// (empty) schedule.
fn open_new_job(
    dir: &tempfile::TempDir,
    days_to_due: i64,
) -> (Harness<'static, AccountDeskApp>, JobId, NaiveDate) {
    let today = Local::now().date_naive();
    let store = Store::open(&dir.path().join("desk.redb")).expect("open store");
    demo::sample::load_sample(&store, chrono::Utc::now(), today).expect("sample");
    let cal = WorkCalendar::china();
    let due = cal
        .add_working_days(today, days_to_due)
        .expect("a working day");
    let clients: Vec<Client> = store.all().expect("clients");
    let client = clients[0].id;
    let ctx = Ctx {
        actor: UserId(1),
        now: chrono::Utc::now(),
        today,
    };
    let draft = JobDraft {
        title: "春季新品上市发布会".into(),
        client_id: Some(client),
        requested_on: today.format("%Y-%m-%d").to_string(),
        due_on: due.format("%Y-%m-%d").to_string(),
        ..JobDraft::default()
    };
    let job = JobId(
        services::apply(&store, &ctx, Command::CreateJob(draft))
            .expect("create job")
            .id,
    );
    let app = AccountDeskApp::new(
        store,
        Prefs {
            lang: Lang::Zh,
            current_user: Some(UserId(1)),
            last_route: Some(Route::Schedule(job)),
            ..Prefs::default()
        },
    );
    let mut h = Harness::builder()
        .with_size(egui::vec2(1600.0, 900.0))
        .with_context_setup(|ctx| {
            account_desk::ui::fonts::install_fonts(ctx);
            account_desk::ui::theme::apply(ctx);
        })
        .build_ui_state(|ui, app: &mut AccountDeskApp| app.frame_ui(ui), app);
    h.run();
    (h, job, due)
}

fn plan(h: &Harness<'static, AccountDeskApp>, job: JobId) -> Schedule {
    h.state()
        .store()
        .schedule(job)
        .expect("read")
        .map(|s| s.schedule)
        .unwrap_or_default()
}

fn names(s: &Schedule) -> Vec<(u8, String)> {
    s.tasks.iter().map(|t| (t.level, t.name.clone())).collect()
}

/// Replaces the text of the focused cell and presses `then`.
fn type_over(h: &mut Harness<'static, AccountDeskApp>, text: &str, then: Key) {
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run();
    h.event(egui::Event::Text(text.into()));
    h.run();
    h.key_press(then);
    h.run();
}

fn click_cell(h: &mut Harness<'static, AccountDeskApp>, label: &str) {
    h.get_by_role_and_label(egui::accesskit::Role::TextInput, label)
        .click();
    h.run();
}

#[test]
fn an_ae_builds_a_schedule_by_keyboard_and_plans_it_back_from_the_due_date() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (mut h, job, due) = open_new_job(&dir, 25);
    h.get_by_label("这个工作还没有进度表。");
    h.get_by_label("从空白开始").click();
    h.run();
    assert!(plan(&h, job).tasks.is_empty());

    // Three tasks by keyboard: Ctrl+Enter adds the first with its name selected; Enter on
    // the last row's name adds the next one.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Enter);
    h.run();
    type_over(&mut h, "策划", Key::Enter);
    type_over(&mut h, "需求简报", Key::Enter);
    type_over(&mut h, "内部预算", Key::Tab);
    let s = plan(&h, job);
    assert_eq!(
        names(&s),
        vec![
            (0, "策划".to_string()),
            (0, "需求简报".to_string()),
            (0, "内部预算".to_string())
        ]
    );
    let cal = WorkCalendar::china();
    assert!(
        s.tasks.windows(2).all(|w| w[1].start > w[0].end),
        "one after another"
    );

    // A duration typed: the end follows, on working days.
    click_cell(&mut h, "工期：需求简报");
    type_over(&mut h, "3", Key::Tab);
    let s = plan(&h, job);
    let brief = &s.tasks[1];
    assert_eq!(brief.duration(&cal), 3);
    assert_eq!(cal.working_days(brief.start, brief.end), 3);

    // Two tasks indented under 策划, which becomes a phase spanning them.
    click_cell(&mut h, "任务名称：需求简报");
    h.key_press_modifiers(Modifiers::ALT, Key::ArrowRight);
    h.run();
    click_cell(&mut h, "任务名称：内部预算");
    h.key_press_modifiers(Modifiers::ALT, Key::ArrowRight);
    h.run();
    let s = plan(&h, job);
    assert_eq!(
        s.tasks.iter().map(|t| t.level).collect::<Vec<_>>(),
        vec![0, 1, 1]
    );
    assert!(s.is_phase(0));
    // The phase spans its tasks (需求简报 now runs past 内部预算, which does not wait for it).
    let (first, last) = (
        s.tasks[1].start.min(s.tasks[2].start),
        s.tasks[1].end.max(s.tasks[2].end),
    );
    assert_eq!((s.tasks[0].start, s.tasks[0].end), (first, last));

    // Delete one, undo, redo, undo.
    click_cell(&mut h, "任务名称：内部预算");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Delete);
    h.run();
    assert_eq!(plan(&h, job).tasks.len(), 2);
    assert!(h.query_by_label("任务名称：内部预算").is_none());
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(plan(&h, job).tasks.len(), 3, "undone");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    h.run();
    assert_eq!(plan(&h, job).tasks.len(), 2, "redone");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(plan(&h, job), s, "undone again: exactly as before");

    // Two rows pasted from Excel land below the current row, one after the other.
    click_cell(&mut h, "任务名称：内部预算");
    h.key_press(Key::Escape);
    h.run();
    h.event(egui::Event::Paste(
        "拍摄\t2\t导演组\n后期制作\t3天\n".into(),
    ));
    h.run();
    let s = plan(&h, job);
    assert_eq!(s.tasks.len(), 5);
    assert_eq!(s.tasks[3].name, "拍摄");
    assert_eq!(s.tasks[3].owner, "导演组");
    assert_eq!(s.tasks[3].duration(&cal), 2);
    assert_eq!(s.tasks[4].name, "后期制作");
    assert_eq!(s.tasks[4].duration(&cal), 3);
    assert!(s.tasks[4].start > s.tasks[3].end);

    // Backward from the due date: previewed, then accepted; the last task ends on it.
    h.get_by_label("倒排至截止日…").click();
    h.run();
    h.get_by_label("倒排预览");
    assert_eq!(plan(&h, job), s, "nothing changes before accepting");
    h.get_by_label("接受倒排").click();
    h.run();
    let laid = plan(&h, job);
    let last = laid.tasks.iter().map(|t| t.end).max().expect("tasks");
    assert_eq!(last, cal.working_on_or_before(due).expect("day"));
    for (new, old) in laid.tasks.iter().zip(&s.tasks) {
        assert_eq!(new.duration(&cal), old.duration(&cal), "{}", new.name);
    }
    assert_eq!(laid.validate(), Ok(()));

    // Kept as one of the agency's templates, under the suggested name.
    h.get_by_label("存为模板…").click();
    h.run();
    h.get_by_label("保存为模板").click();
    h.run();
    let (names, _) = h.state().data().templates.choices();
    assert!(
        names.contains(&"春季新品上市发布会 模板"),
        "saved as a template: {names:?}"
    );
}

#[test]
fn a_plan_that_cannot_fit_before_the_due_date_says_how_many_days_are_missing() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (mut h, job, _) = open_new_job(&dir, 5);
    // The default template (the standard plan) backward to a due date five working days
    // away does not fit.
    h.get_by_label("按模板倒排至截止日…").click();
    h.run();
    let warning = h
        .query_all_by(|n| {
            n.value()
                .or(n.label())
                .is_some_and(|t| t.contains("排不下") && t.contains("个工作日"))
        })
        .count();
    assert!(
        warning >= 1,
        "the preview says how many working days are missing"
    );
    h.get_by_label("取消").click();
    h.run();
    assert!(h.state().store().schedule(job).expect("read").is_none());
}
