//! 设置 → 公司休息日与调休, driven by label as a person would: a year without a notice is a
//! warning with a button, the notice is pasted, its days show on the year's calendar before
//! anything is saved, the import is one settings save, and the schedule across the new
//! holiday is listed and re-laid with one click.

use account_desk::domain::schedule::{Party, Schedule, Task, TaskId};
use account_desk::domain::{ClientId, JobId, Lang, UserId};
use account_desk::services::{self, Base, ClientDraft, Command, Ctx, JobDraft};
use account_desk::store::Store;
use account_desk::ui::model::{Data, Env, Route, UiAction};
use account_desk::ui::screens::Screens;
use chrono::NaiveDate;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

/// A notice for 2027, invented for this test (the real one is not out yet); its weekdays are
/// the real ones of 2027.
const NOTICE_2027: &str = "国务院办公厅关于2027年部分节假日安排的通知\n\
    国办发明电〔2026〕9号\n\
    各省、自治区、直辖市人民政府，国务院各部委、各直属机构：\n\
    一、元旦：1月1日（周五）至3日（周日）放假，共3天。\n\
    二、春节：2月5日（农历除夕、周五）至12日（农历正月初七、周五）放假调休，共8天。\
    2月14日（周日）、2月20日（周六）上班。\n\
    节假日期间，各地区、各部门要妥善安排好值班工作。\n\
    国务院办公厅\n2026年11月20日";

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("date")
}

struct State {
    screens: Screens,
    store: Store,
    data: Data,
    lang: Lang,
    actions: Vec<UiAction>,
}

impl State {
    fn ctx() -> Ctx {
        Ctx {
            actor: UserId(0),
            now: chrono::Utc::now(),
            today: d("2026-11-26"),
        }
    }

    /// Applies a command as the app does and reloads the snapshot.
    fn apply(&mut self, command: Command) {
        let applied = services::apply(&self.store, &State::ctx(), command).expect("apply");
        self.screens.on_applied(&applied);
        self.data = Data::load(&self.store, self.data.generation + 1).expect("reload");
    }
}

/// A job planned across Spring Festival 2027 before its notice: 创意提案 Monday 8 to Friday
/// 12 February, then 客户确认 15–19 February.
fn state(dir: &tempfile::TempDir, lang: Lang) -> (State, JobId) {
    let store = Store::open(&dir.path().join("desk.redb")).expect("open");
    let ctx = State::ctx();
    let client = services::apply(
        &store,
        &ctx,
        Command::CreateClient(ClientDraft {
            name: "星巴克".into(),
            ..ClientDraft::default()
        }),
    )
    .expect("client");
    let job = services::apply(
        &store,
        &ctx,
        Command::CreateJob(JobDraft {
            title: "春节限定礼盒".into(),
            client_id: Some(ClientId(client.id)),
            requested_on: "2026-11-26".into(),
            ..JobDraft::default()
        }),
    )
    .expect("job");
    let job = JobId(job.id);
    let mut plan = Schedule {
        tasks: vec![
            Task::new(
                TaskId(1),
                "创意提案",
                d("2027-02-08"),
                d("2027-02-12"),
                Party::Agency,
            ),
            Task::new(
                TaskId(2),
                "客户确认",
                d("2027-02-15"),
                d("2027-02-19"),
                Party::Client,
            ),
        ],
    };
    plan.add_dependency(TaskId(2), TaskId(1))
        .expect("dependency");
    services::apply(
        &store,
        &ctx,
        Command::SaveSchedule(job, plan, Base::Overwrite),
    )
    .expect("schedule");
    let data = Data::load(&store, 1).expect("load");
    let state = State {
        screens: Screens::default(),
        store,
        data,
        lang,
        actions: Vec::new(),
    };
    (state, job)
}

fn harness(state: State) -> Harness<'static, State> {
    Harness::builder()
        .with_size(egui::vec2(1300.0, 1000.0))
        .with_context_setup(account_desk::ui::fonts::install_fonts)
        .build_ui_state(
            |ui, s: &mut State| {
                let env = Env {
                    lang: s.lang,
                    data: &s.data,
                    store: account_desk::services::Reader::new(&s.store),
                    today: d("2026-11-26"),
                    now: chrono::Utc::now(),
                    current_user: None,
                };
                s.screens.ui(ui, Route::Settings, &env, &mut s.actions);
            },
            state,
        )
}

fn take_command(h: &mut Harness<'static, State>) -> Command {
    let mut commands: Vec<Command> = std::mem::take(&mut h.state_mut().actions)
        .into_iter()
        .filter_map(|a| match a {
            UiAction::Command(c) => Some(c),
            _ => None,
        })
        .collect();
    assert_eq!(commands.len(), 1, "exactly one command: {commands:?}");
    commands.remove(0)
}

#[test]
fn paste_a_notice_see_the_year_import_it_and_relay_the_schedule() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (state, job) = state(&dir, Lang::Zh);
    let mut h = harness(state);
    h.run();
    // This year's calendar: the built-in days, with where they come from.
    h.get_by_label_contains("2026 年国务院通知已内置 国办发明电〔2025〕7号");
    h.get_by_label("2026-02-16 周一 春节 · 放假（内置）");
    h.get_by_label("2026-02-14 周六 春节 · 调休上班（内置）");
    h.get_by_label_contains("法定假日（内置通知）");

    // Next year has no notice: a warning in words, and Spring Festival counts as work.
    h.get_by_label("下一年 ›").click_accesskit();
    h.run();
    h.get_by_label_contains("2027 年的国务院放假通知尚未录入");
    h.get_by_label("2027-02-08 周一 工作日");
    h.get_by_label("粘贴国务院通知…").click_accesskit();
    h.run();
    h.run();

    // The pasted notice is read at once and shown on the year's calendar, unsaved.
    h.get_by_label("通知全文").focus();
    h.run();
    h.event(egui::Event::Paste(NOTICE_2027.into()));
    h.run();
    h.get_by_label_contains("2027 年放假安排 · 国办发明电〔2026〕9号：共 11 天放假、2 天调休上班");
    h.get_by_label("2027-02-08 周一 春节 · 放假（导入的通知）");
    h.get_by_label("2027-02-20 周六 春节 · 调休上班（导入的通知）");
    assert!(
        h.state().actions.is_empty(),
        "nothing saved before confirming"
    );

    h.get_by_label("导入 2027 年的放假安排").click_accesskit();
    h.run();
    let Command::SaveSettings(settings, base) = take_command(&mut h) else {
        panic!("a settings save");
    };
    assert_eq!(settings.notices.len(), 1);
    assert_eq!(settings.notices[0].year, 2027);
    assert_eq!(settings.notices[0].reference, "国办发明电〔2026〕9号");
    assert_eq!(settings.days.len(), 11 + 2);
    h.state_mut().apply(Command::SaveSettings(settings, base));
    h.run();

    // Saved: 2027 is published now, and the calendar shows the imported days.
    assert!(h.state().data.calendar.has_official_data(2027));
    assert!(!h.state().data.calendar.is_working(d("2027-02-08")));
    h.get_by_label_contains("已导入 2027 年国务院通知 国办发明电〔2026〕9号");
    assert!(
        h.query_by_label_contains("2027 年的国务院放假通知尚未录入")
            .is_none()
    );
    h.get_by_label("2027-02-08 周一 春节 · 放假（导入的通知）");

    // The schedule across the holiday is listed; nothing moved until asked.
    h.get_by_label_contains("创意提案：2027-02-08 – 2027-02-12，新增休息日 5 天");
    let before = h.state().store.schedule(job).expect("read").expect("plan");
    assert_eq!(
        before.schedule.task(TaskId(1)).expect("task").end,
        d("2027-02-12")
    );
    let number = h.state().data.job(job).expect("job").number.text.clone();
    h.get_by_label(&format!("重新排期 {number}"))
        .click_accesskit();
    h.run();
    let command = take_command(&mut h);
    let Command::SaveSchedule(id, plan, _) = &command else {
        panic!("a schedule save, got {command:?}");
    };
    assert_eq!(*id, job);
    // 5 working days from 8 February on the new calendar: the worked Sunday the 14th, then
    // 15–18 February.
    let first = plan.task(TaskId(1)).expect("task");
    assert_eq!((first.start, first.end), (d("2027-02-08"), d("2027-02-18")));
    h.state_mut().apply(command);
    h.run();
    h.get_by_label("✓ 已重新排期");
}

#[test]
fn a_notice_that_cannot_be_read_names_its_sentence_and_nothing_is_saved() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (state, _) = state(&dir, Lang::En);
    let mut h = harness(state);
    h.run();
    h.get_by_label("Next year ›").click_accesskit();
    h.run();
    h.get_by_label_contains("notice for 2027 is not entered");
    h.get_by_label("Paste the notice…").click_accesskit();
    h.run();
    h.run();
    h.get_by_label("Notice text").focus();
    h.run();
    h.event(egui::Event::Paste(
        "2027年部分节假日安排\n一、元旦：1月1日（周五）放假。\n二、春节：2月5日至12日，共8天。"
            .into(),
    ));
    h.run();
    h.get_by_label_contains("“2月5日至12日，共8天”");
    assert!(h.query_by_label_contains("Import the 2027").is_none());
    h.get_by_label("Cancel").click_accesskit();
    h.run();
    assert!(h.query_by_label("Notice text").is_none());
    assert!(h.state().actions.is_empty());
}

#[test]
fn a_range_of_company_days_is_added_at_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (state, _) = state(&dir, Lang::Zh);
    let mut h = harness(state);
    h.run();
    for (field, text) in [
        ("日期", "2026-12-28"),
        ("结束日期（可选）", "2026-12-31"),
        ("名称", "公司年假"),
    ] {
        h.get_by_role_and_label(egui::accesskit::Role::TextInput, field)
            .focus();
        h.run();
        h.get_by_role_and_label(egui::accesskit::Role::TextInput, field)
            .type_text(text);
        h.run();
    }
    h.get_by_label("添加").click_accesskit();
    h.run();
    for day in ["2026-12-28", "2026-12-29", "2026-12-30", "2026-12-31"] {
        h.get_by_label(&format!("删除 {day}"));
    }
    h.get_by_label("2026-12-30 周三 公司年假 · 放假（公司设定）");
    h.get_by_label("保存").click_accesskit();
    h.run();
    let Command::SaveSettings(settings, _) = take_command(&mut h) else {
        panic!("a settings save");
    };
    assert_eq!(settings.days.len(), 4);
    assert!(settings.notices.is_empty());
}
