//! The screens driven by label, as a person would: forms emit the right commands, and the
//! commands round-trip through the services to the store with exactly what was typed.

use account_desk::demo;
use account_desk::domain::{Client, ClientId, JobId, Lang, UserId};
use account_desk::services::{self, Base, ClientDraft, Command, Ctx, JobDraft, Reader};
use account_desk::store::Store;
use account_desk::ui::model::{ClientTab, Data, Env, Route, UiAction};
use account_desk::ui::screens::Screens;
use chrono::NaiveDate;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

struct State {
    screens: Screens,
    store: Store,
    data: Data,
    route: Route,
    actions: Vec<UiAction>,
}

impl State {
    fn new(store: Store, route: Route) -> State {
        let data = Data::load(Reader::new(&store), 1).expect("load");
        State {
            screens: Screens::default(),
            store,
            data,
            route,
            actions: Vec::new(),
        }
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 26).expect("date")
    }

    /// 2026-11-26 10:00 in Beijing.
    fn now() -> chrono::DateTime<chrono::Utc> {
        chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2026, 11, 26, 2, 0, 0)
            .single()
            .expect("moment")
    }

    /// Applies a command like the app does and reloads the snapshot.
    fn apply(&mut self, command: Command) -> services::Applied {
        let ctx = Ctx {
            actor: UserId(0),
            now: chrono::Utc::now(),
            today: State::today(),
        };
        let applied = services::apply(&self.store, &ctx, command).expect("apply");
        self.screens.on_applied(&applied);
        self.data = Data::load(&self.store, self.data.generation + 1).expect("reload");
        applied
    }
}

fn harness(state: State) -> Harness<'static, State> {
    harness_with(state, false)
}

/// A window tall enough for a long page (kittest clicks only what is in view).
fn tall_harness(state: State) -> Harness<'static, State> {
    let mut h = harness_with(state, false);
    h.set_size(egui::vec2(1200.0, 2400.0));
    h
}

/// `tofu`: allow characters the bundled font lacks (Noto Sans SC has no CJK Extension B,
/// e.g. 𠮷); the text must still be stored exactly.
fn harness_with(state: State, tofu: bool) -> Harness<'static, State> {
    let mut builder = Harness::builder().with_size(egui::vec2(1200.0, 900.0));
    if tofu {
        builder = builder.allow_missing_glyphs();
    }
    builder
        .with_context_setup(account_desk::ui::fonts::install_fonts)
        .build_ui_state(
            |ui, s: &mut State| {
                let env = Env {
                    lang: Lang::Zh,
                    data: &s.data,
                    store: account_desk::services::Reader::new(&s.store),
                    today: State::today(),
                    now: State::now(),
                    current_user: None,
                };
                s.screens.ui(ui, s.route, &env, &mut s.actions);
            },
            state,
        )
}

fn type_into(h: &mut Harness<'static, State>, label: &str, text: &str) {
    h.get_by_label(label).click();
    h.run();
    h.get_by_label(label).type_text(text);
    h.run();
}

fn take_command(h: &mut Harness<'static, State>) -> Command {
    let actions = std::mem::take(&mut h.state_mut().actions);
    let commands: Vec<Command> = actions
        .into_iter()
        .filter_map(|a| match a {
            UiAction::Command(c) => Some(c),
            _ => None,
        })
        .collect();
    assert_eq!(commands.len(), 1, "exactly one command: {commands:?}");
    commands.into_iter().next().expect("one command")
}

#[test]
fn new_client_form_emits_create_with_the_typed_name_and_opens_the_new_client() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(&dir.path().join("desk.redb")).expect("open");
    let mut h = harness(State::new(store, Route::NewClient));
    h.run();
    assert!(!h.state().screens.is_dirty(Route::NewClient));
    type_into(&mut h, "名称", "可口可乐（中国）");
    type_into(&mut h, "行业", "饮料");
    assert!(h.state().screens.is_dirty(Route::NewClient));
    h.get_by_label("保存").click();
    h.run();
    let command = take_command(&mut h);
    let expected = ClientDraft {
        name: "可口可乐（中国）".into(),
        industry: "饮料".into(),
        ..ClientDraft::default()
    };
    assert_eq!(command, Command::CreateClient(expected));

    let applied = h.state_mut().apply(command);
    let clients: Vec<Client> = h.state().store.all().expect("read");
    assert_eq!(clients.len(), 1);
    assert_eq!(clients[0].name, "可口可乐（中国）");
    assert_eq!(clients[0].industry, "饮料");
    let route = h.state_mut().screens.take_navigation();
    assert_eq!(
        route,
        Some(Route::Client(ClientId(applied.id), ClientTab::Details))
    );
    assert!(!h.state().screens.is_dirty(Route::NewClient), "form reset");
}

#[test]
fn the_invoicing_details_are_filled_from_the_client_and_the_tax_id_checked() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(&dir.path().join("desk.redb")).expect("open");
    let mut h = harness(State::new(store, Route::NewClient));
    h.run();
    type_into(&mut h, "名称", "华晨宝马汽车有限公司");
    type_into(&mut h, "地址", "沈阳市大东区");
    h.get_by_label("从客户资料填入").click();
    h.run();
    type_into(&mut h, "纳税人识别号", "9121 0100 7115 7533 x");
    type_into(&mut h, "开户行", "中国银行沈阳分行");
    h.get_by_label("保存").click();
    h.run();
    let command = take_command(&mut h);
    let ctx = Ctx {
        actor: UserId(0),
        now: chrono::Utc::now(),
        today: State::today(),
    };
    // One character short of a credit code: refused, naming the field.
    let refused = services::apply(&h.state().store, &ctx, command).expect_err("bad tax id");
    let message = refused.message(Lang::Zh);
    assert!(message.contains("纳税人识别号"), "{message}");
    h.get_by_label("纳税人识别号").click();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.run();
    h.get_by_label("纳税人识别号")
        .type_text("9121 0100 7115 7533 0x");
    h.run();
    h.get_by_label("保存").click();
    h.run();
    let command = take_command(&mut h);
    h.state_mut().apply(command);
    let clients: Vec<Client> = h.state().store.all().expect("read");
    let i = &clients[0].invoicing;
    assert_eq!(i.company, "华晨宝马汽车有限公司", "filled from the name");
    assert_eq!(i.address, "沈阳市大东区");
    assert_eq!(i.tax_id, "91210100711575330X", "spaces out, capitals");
    assert_eq!(i.bank, "中国银行沈阳分行");
}

#[test]
fn a_failed_save_keeps_the_draft_and_discard_drops_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(&dir.path().join("desk.redb")).expect("open");
    let mut h = harness(State::new(store, Route::NewClient));
    h.run();
    type_into(&mut h, "简称", "没有名称");
    h.get_by_label("保存").click();
    h.run();
    let command = take_command(&mut h);
    // The service refuses a client without a name: nothing is applied, the draft stays.
    let ctx = Ctx {
        actor: UserId(0),
        now: chrono::Utc::now(),
        today: State::today(),
    };
    assert!(services::apply(&h.state().store, &ctx, command).is_err());
    h.run();
    assert!(h.state().screens.is_dirty(Route::NewClient));
    assert!(h.state_mut().screens.take_navigation().is_none());
    h.state_mut().screens.discard(Route::NewClient);
    h.run();
    assert!(!h.state().screens.is_dirty(Route::NewClient));
}

fn store_with_a_job(dir: &tempfile::TempDir) -> (State, JobId) {
    let store = Store::open(&dir.path().join("desk.redb")).expect("open");
    let mut s = State::new(store, Route::Clients);
    let client = s.apply(Command::CreateClient(ClientDraft {
        name: "星巴克".into(),
        ..ClientDraft::default()
    }));
    let job = s.apply(Command::CreateJob(JobDraft {
        title: "冬季新品上市".into(),
        client_id: Some(ClientId(client.id)),
        requested_on: "2026-11-26".into(),
        ..JobDraft::default()
    }));
    let id = JobId(job.id);
    s.route = Route::Job(id);
    let _ = s.screens.take_navigation();
    (s, id)
}

#[test]
fn brief_background_round_trips_exactly_as_typed() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (state, job) = store_with_a_job(&dir);
    let mut h = harness_with(state, true);
    h.run();
    let route = Route::Job(job);
    assert!(!h.state().screens.is_dirty(route));
    let text = "𠮷野家联名：冬季限定 ¥38 套餐，面向 18–30 岁上班族";
    type_into(&mut h, "背景", text);
    assert!(h.state().screens.is_dirty(route));
    h.get_by_label("保存").click();
    h.run();
    let command = take_command(&mut h);
    let Command::SaveBrief(id, draft, _) = &command else {
        panic!("expected SaveBrief, got {command:?}");
    };
    assert_eq!(*id, job);
    assert_eq!(draft.content.background, text);
    h.state_mut().apply(command);
    h.run();
    let latest = h
        .state()
        .store
        .latest_brief(job)
        .expect("read")
        .expect("a version");
    assert_eq!(latest.version, 1);
    assert_eq!(latest.content.background, text);
    assert!(!h.state().screens.is_dirty(route), "clean after the save");
    // The history lists the new version.
    // Clicking the version shows it read-only; going back returns to the editor.
    h.get_by_label_contains("改动：背景").click();
    h.run();
    h.get_by_label(text);
    h.get_by_label("返回编辑").click();
    h.run();
    assert!(h.query_by_label("返回编辑").is_none());
    assert!(h.state().actions.is_empty());
}

#[test]
fn job_page_edits_are_dirty_until_discarded() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (state, job) = store_with_a_job(&dir);
    let mut h = harness(state);
    h.run();
    let route = Route::Job(job);
    type_into(&mut h, "目标", "提升到店率");
    assert!(h.state().screens.is_dirty(route));
    h.state_mut().screens.discard(route);
    h.run();
    assert!(!h.state().screens.is_dirty(route));
    assert!(h.state().actions.is_empty());
}

#[test]
fn status_buttons_offer_the_legal_next_steps() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (state, job) = store_with_a_job(&dir);
    let mut h = harness(state);
    h.run();
    h.get_by_label("→ 已简报").click();
    h.run();
    let command = take_command(&mut h);
    // The step states the revision of the job the page shows.
    let shown = Reader::new(&h.state().store)
        .revision::<account_desk::domain::Job>(job.0)
        .expect("revision")
        .map(|r| r.rev);
    assert!(shown.is_some());
    assert_eq!(
        command,
        Command::SetJobStatus(
            job,
            account_desk::domain::JobStatus::Briefed,
            Base::Shown(shown)
        )
    );
}

#[test]
fn status_steps_wait_while_the_job_details_have_unsaved_edits() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (state, job) = store_with_a_job(&dir);
    let mut h = harness(state);
    h.run();
    h.get_by_label("编辑工作信息").click();
    h.run();
    type_into(&mut h, "标题", "（改）");
    assert!(h.state().screens.is_dirty(Route::Job(job)));
    h.get_by_label("→ 已简报").click();
    h.run();
    assert!(
        h.state().actions.is_empty(),
        "no status step under unsaved edits: {:?}",
        h.state().actions
    );
    // Once the edits are discarded, the step goes again.
    h.state_mut().screens.discard(Route::Job(job));
    h.run();
    h.get_by_label("→ 已简报").click();
    h.run();
    assert!(matches!(
        take_command(&mut h),
        Command::SetJobStatus(id, account_desk::domain::JobStatus::Briefed, _) if id == job
    ));
}

#[test]
fn archiving_waits_while_the_client_has_unsaved_edits() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (mut state, _) = store_with_a_job(&dir);
    let client = state.data.clients[0].id;
    let route = Route::Client(client, ClientTab::Details);
    state.route = route;
    let mut h = harness(state);
    h.run();
    type_into(&mut h, "行业", "咖啡");
    assert!(h.state().screens.is_dirty(route));
    h.get_by_label("归档").click();
    h.run();
    assert!(h.state().actions.is_empty(), "{:?}", h.state().actions);
    h.state_mut().screens.discard(route);
    h.run();
    h.get_by_label("归档").click();
    h.run();
    assert_eq!(
        take_command(&mut h),
        Command::SetClientArchived(client, true)
    );
}

#[test]
fn contacts_tab_adds_a_contact_and_closes_the_form_once_saved() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (mut state, _) = store_with_a_job(&dir);
    let client = state.data.clients[0].id;
    let route = Route::Client(client, ClientTab::Contacts);
    state.route = route;
    let mut h = harness(state);
    h.run();
    h.get_by_label("添加联络人").click();
    h.run();
    type_into(&mut h, "姓名", "李华");
    type_into(&mut h, "电子邮件", "li.hua@starbucks.com.cn");
    assert!(h.state().screens.is_dirty(route));
    h.get_by_label("保存").click();
    h.run();
    let command = take_command(&mut h);
    let Command::AddContact(for_client, draft) = &command else {
        panic!("expected AddContact, got {command:?}");
    };
    assert_eq!(*for_client, client);
    assert_eq!(draft.name, "李华");
    h.state_mut().apply(command);
    h.run();
    assert!(
        !h.state().screens.is_dirty(route),
        "form closed after the save"
    );
    let contacts: Vec<account_desk::domain::Contact> = h.state().store.all().expect("read");
    assert_eq!(contacts.len(), 1);
    assert_eq!(contacts[0].email, "li.hua@starbucks.com.cn");
    h.get_by_label("李华");
}

#[test]
fn job_list_filters_by_text_and_opens_a_job() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (mut state, job) = store_with_a_job(&dir);
    let client = state.data.clients[0].id;
    state.apply(Command::CreateJob(JobDraft {
        title: "春节礼盒".into(),
        client_id: Some(client),
        requested_on: "2026-11-27".into(),
        ..JobDraft::default()
    }));
    state.route = Route::Jobs;
    let mut h = harness(state);
    h.run();
    assert!(h.query_by_label("春节礼盒").is_some());
    type_into(&mut h, "筛选", "冬季");
    assert!(h.query_by_label("春节礼盒").is_none(), "filtered out");
    h.get_by_label("冬季新品上市").click();
    h.run();
    let actions = std::mem::take(&mut h.state_mut().actions);
    assert_eq!(actions, vec![UiAction::Navigate(Route::Job(job))]);
}

#[test]
fn every_screen_draws_the_sample_agency_in_both_languages() {
    for lang in [Lang::Zh, Lang::En] {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::open(&dir.path().join("desk.redb")).expect("open");
        let now = chrono::Utc::now();
        demo::sample::load_sample(&store, now, State::today()).expect("sample");
        let state = State::new(store, Route::Clients);
        let d = &state.data;
        let client = d.clients[0].id;
        let brand = d.brands[0].id;
        let job = d
            .jobs
            .iter()
            .find(|j| state.store.latest_brief(j.id).is_ok_and(|b| b.is_some()))
            .map(|j| j.id)
            .expect("a job with a brief");
        let mut routes = vec![
            Route::Clients,
            Route::NewClient,
            Route::Brand(brand),
            Route::Jobs,
            Route::NewJob(Some(client)),
            Route::NewJob(None),
            Route::Job(job),
            Route::Users,
            Route::Settings,
        ];
        for tab in [
            ClientTab::Details,
            ClientTab::Contacts,
            ClientTab::Contracts,
            ClientTab::Brands,
            ClientTab::Jobs,
            ClientTab::Budget,
        ] {
            routes.push(Route::Client(client, tab));
        }
        let mut h = Harness::builder()
            .with_size(egui::vec2(1200.0, 900.0))
            .with_context_setup(account_desk::ui::fonts::install_fonts)
            .build_ui_state(
                move |ui, s: &mut State| {
                    let env = Env {
                        lang,
                        data: &s.data,
                        store: account_desk::services::Reader::new(&s.store),
                        today: State::today(),
                        now: State::now(),
                        current_user: None,
                    };
                    s.screens.ui(ui, s.route, &env, &mut s.actions);
                },
                state,
            );
        for route in &routes {
            h.state_mut().route = *route;
            h.run();
            assert!(
                !h.state().screens.is_dirty(*route),
                "{route:?} clean on open"
            );
            assert!(
                h.state().actions.is_empty(),
                "{route:?} emits nothing by itself"
            );
        }
        h.state_mut().route = Route::Job(job);
        h.run();
        // Exactly one Save button on the job page (the brief's), and its history is listed.
        h.get_by_label(lang.pick("保存", "Save"));
        let versions = h.get_all_by_label_contains(lang.pick("改动：", "Changed: "));
        assert!(versions.count() >= 1);
    }
}

#[test]
fn job_list_lays_out_only_the_visible_rows_of_a_large_agency() {
    use account_desk::domain::{Audit, Job, JobNumber, JobStatus, Stamp, Team};
    let dir = tempfile::tempdir().expect("temp dir");
    let (mut state, _) = store_with_a_job(&dir);
    let template = state.data.jobs[0].clone();
    let stamp = Stamp {
        by: UserId(0),
        at: chrono::Utc::now(),
    };
    state.data.jobs = (1..=20_000u32)
        .map(|seq| Job {
            id: JobId(1_000 + u64::from(seq)),
            number: JobNumber {
                year: 2026,
                seq,
                text: format!("2026-{seq:05}"),
            },
            title: format!("工作 {seq}"),
            team: Team::default(),
            status: JobStatus::Requested,
            audit: Audit::new(stamp),
            ..template.clone()
        })
        .collect();
    state.route = Route::Jobs;
    let mut h = harness(state);
    h.run();
    // Newest number first, and only a screenful of rows exists in the UI tree.
    h.get_by_label("2026-20000");
    assert!(h.query_by_label("2026-00001").is_none());
    let laid_out = h.query_all_by_label_contains("2026-").count();
    assert!(laid_out < 100, "{laid_out} rows laid out");
}

#[test]
fn the_schedule_switches_views_and_a_typed_start_date_moves_the_task_and_its_dependents() {
    use account_desk::domain::schedule::TaskId;
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(&dir.path().join("desk.redb")).expect("open");
    demo::sample::load_sample(&store, chrono::Utc::now(), State::today()).expect("sample");
    let job = store
        .job_by_number("2026-0002")
        .expect("read")
        .expect("the test-drive job");
    let before = store
        .schedule(job.id)
        .expect("read")
        .expect("schedule")
        .schedule;
    let mut h = harness(State::new(store, Route::Schedule(job.id)));
    h.run();
    // Internal view: the internal-only task is listed; the client view hides it.
    assert!(
        h.query_by_label("任务名称：内部预算审核（总监室二审）")
            .is_some()
    );
    h.get_by_label("任务名称：客户确认创意方向");
    h.get_by_label("对客").click();
    h.run();
    assert!(h.query_by_label("内部预算审核（总监室二审）").is_none());
    h.get_by_label("★ 客户确认创意方向");
    h.get_by_label("对内").click();
    h.run();

    // Type a new start for the creative work (task 3): two working days later.
    let creative = before.task(TaskId(3)).expect("创意提案").clone();
    let bar_before = h.get_by_label("甘特条：创意提案").rect();
    let cal = account_desk::domain::calendar::WorkCalendar::china();
    let new_start = cal
        .add_working_days(creative.start, 2)
        .expect("a working day");
    let field = h.get_by_role_and_label(egui::accesskit::Role::TextInput, "开始：创意提案");
    field.click();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.run();
    h.get_by_role_and_label(egui::accesskit::Role::TextInput, "开始：创意提案")
        .type_text(&new_start.format("%Y-%m-%d").to_string());
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    let Command::SaveSchedule(saved_job, plan, base) = take_command(&mut h) else {
        panic!("a schedule save");
    };
    assert_eq!(saved_job, job.id);
    let moved = plan.task(TaskId(3)).expect("task");
    assert_eq!(moved.start, new_start);
    assert_eq!(
        cal.working_days(moved.start, moved.end),
        cal.working_days(creative.start, creative.end)
    );
    // Its dependent (客户确认创意方向) moved by the same two working days.
    let approve_before = before.task(TaskId(4)).expect("task").start;
    assert_eq!(
        plan.task(TaskId(4)).expect("task").start,
        cal.add_working_days(approve_before, 2).expect("day")
    );
    // Saved, the table shows the new date.
    h.state_mut()
        .apply(Command::SaveSchedule(saved_job, plan, base));
    h.run();
    let shown = h
        .get_by_role_and_label(egui::accesskit::Role::TextInput, "开始：创意提案")
        .value()
        .unwrap_or_default();
    assert_eq!(shown, new_start.format("%Y-%m-%d").to_string());
    // …and its bar moved right by the calendar days between the two starts.
    let bar = h.get_by_label("甘特条：创意提案").rect();
    let typed_shift = (new_start - creative.start).num_days() as f32 * 22.0;
    assert!(
        (bar.left() - bar_before.left() - typed_shift).abs() < 0.5,
        "{bar_before:?} → {bar:?}, expected {typed_shift} points"
    );

    // Drag the bar of the creative work three day-columns right: it moves, and the bar is
    // drawn where the new dates are.
    let day = 22.0; // the day zoom's column
    let from = bar.center();
    let to = from + egui::vec2(3.0 * day, 0.0);
    h.hover_at(from);
    h.run();
    h.drag_at(from);
    h.run();
    for step in 1..=6 {
        h.hover_at(from + egui::vec2(step as f32 * day / 2.0, 0.0));
        h.run();
    }
    h.drop_at(to);
    h.run();
    let Command::SaveSchedule(_, dragged, base) = take_command(&mut h) else {
        panic!("a schedule save after the drag");
    };
    let task = dragged.task(TaskId(3)).expect("task").clone();
    let wanted = cal
        .working_on_or_after(new_start + chrono::Duration::days(3))
        .expect("a working day");
    assert_eq!(task.start, wanted);
    h.state_mut()
        .apply(Command::SaveSchedule(job.id, dragged, base));
    h.run();
    let moved_bar = h.get_by_label("甘特条：创意提案").rect();
    let shift = (task.start - new_start).num_days() as f32 * day;
    assert!(
        (moved_bar.left() - bar.left() - shift).abs() < 0.5,
        "{bar:?} → {moved_bar:?}, expected {shift} points"
    );

    // Type a later end: the task lasts longer and its dependent starts later.
    let now = h
        .state()
        .store
        .schedule(job.id)
        .expect("read")
        .expect("plan")
        .schedule;
    let task = now.task(TaskId(3)).expect("task").clone();
    let new_end = cal.add_working_days(task.end, 1).expect("a working day");
    h.get_by_role_and_label(egui::accesskit::Role::TextInput, "结束：创意提案")
        .click();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.run();
    h.get_by_role_and_label(egui::accesskit::Role::TextInput, "结束：创意提案")
        .type_text(&new_end.format("%Y-%m-%d").to_string());
    h.run();
    h.key_press(egui::Key::Enter);
    h.run();
    let Command::SaveSchedule(_, longer, _) = take_command(&mut h) else {
        panic!("a schedule save after typing the end");
    };
    assert_eq!(longer.task(TaskId(3)).expect("task").end, new_end);
    let after = now.task(TaskId(4)).expect("task").start;
    assert_eq!(
        longer.task(TaskId(4)).expect("task").start,
        cal.add_working_days(after, 1).expect("day"),
        "the dependent follows by one working day"
    );
}

#[test]
fn a_company_day_off_is_added_in_settings_and_the_schedule_calendar_skips_it() {
    use account_desk::domain::settings::AgencyDay;
    let dir = tempfile::tempdir().expect("temp dir");
    let (mut state, _) = store_with_a_job(&dir);
    state.route = Route::Settings;
    let mut h = harness(state);
    h.run();
    // A mistyped date is refused with a message, and nothing is added.
    for (field, text) in [("日期", "2026-12-32"), ("名称", "公司年会")] {
        h.get_by_role_and_label(egui::accesskit::Role::TextInput, field)
            .click();
        h.run();
        h.get_by_role_and_label(egui::accesskit::Role::TextInput, field)
            .type_text(text);
        h.run();
    }
    h.get_by_label("添加").click();
    h.run();
    h.get_by_label("日期无效，请按 2026-12-24 的格式填写。");
    let date = h.get_by_role_and_label(egui::accesskit::Role::TextInput, "日期");
    date.click();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.run();
    h.get_by_role_and_label(egui::accesskit::Role::TextInput, "日期")
        .type_text("2026-12-24");
    h.run();
    h.get_by_label("添加").click();
    h.run();
    h.get_by_label("删除 2026-12-24");
    h.get_by_label("保存").click();
    h.run();
    let Command::SaveSettings(settings, base) = take_command(&mut h) else {
        panic!("a settings save");
    };
    let christmas_eve = chrono::NaiveDate::from_ymd_opt(2026, 12, 24).expect("date");
    assert_eq!(
        settings.days,
        vec![AgencyDay {
            date: christmas_eve,
            working: false,
            name: "公司年会".into(),
        }]
    );
    h.state_mut().apply(Command::SaveSettings(settings, base));
    h.run();
    assert!(!h.state().data.calendar.is_working(christmas_eve));
}

#[test]
fn the_timeline_of_a_client_puts_late_jobs_first_and_opens_a_schedule() {
    use account_desk::domain::portfolio::JobLine;
    use account_desk::ui::model::TimelineScope;
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(&dir.path().join("desk.redb")).expect("open");
    demo::sample::load_sample(&store, chrono::Utc::now(), State::today()).expect("sample");
    let state = State::new(store, Route::Clients);
    let bmw = state
        .data
        .clients
        .iter()
        .find(|c| c.short_name == "宝马")
        .map(|c| c.id)
        .expect("the car client");
    let jobs: Vec<_> = state
        .data
        .jobs_of_client(bmw)
        .filter(|j| j.status != account_desk::domain::JobStatus::Archived)
        .cloned()
        .collect();
    let lines: Vec<(String, JobLine)> = jobs
        .iter()
        .filter_map(|j| {
            let plan = state.store.schedule(j.id).ok().flatten()?;
            let line = JobLine::of(j.id, &plan.schedule, State::today())?;
            Some((format!("时间线：{} {}", j.number.text, j.title), line))
        })
        .collect();
    assert!(lines.len() >= 2, "{} jobs with schedules", lines.len());
    let mut state = state;
    state.route = Route::Timeline(TimelineScope::Client(bmw));
    let mut h = harness(state);
    h.run();
    let top = |label: &str| h.get_by_label(label).rect().top();
    let tops: Vec<(f32, usize)> = lines.iter().map(|(l, line)| (top(l), line.late)).collect();
    assert!(
        tops.iter().any(|t| t.1 > 0) && tops.iter().any(|t| t.1 == 0),
        "the sample has late and on-time jobs: {tops:?}"
    );
    for (a_top, a_late) in &tops {
        for (b_top, b_late) in &tops {
            if *a_late > 0 && *b_late == 0 {
                assert!(
                    a_top < b_top,
                    "a late job is listed above one on time: {tops:?}"
                );
            }
        }
    }
    // A click opens the job's schedule.
    let (label, line) = &lines[0];
    h.get_by_label(label).click();
    h.run();
    let actions = std::mem::take(&mut h.state_mut().actions);
    assert!(
        actions.contains(&UiAction::Navigate(Route::Schedule(line.job))),
        "{actions:?}"
    );
}

#[test]
fn the_budget_tab_shows_the_years_figures_and_revises_the_budget_with_a_reason() {
    use account_desk::domain::Fen;
    use account_desk::domain::budget::TaxBasis;
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(&dir.path().join("desk.redb")).expect("open");
    demo::sample::load_sample(&store, State::now(), State::today()).expect("sample");
    let clients: Vec<Client> = store.all().expect("clients");
    let mengniu = clients
        .iter()
        .find(|c| c.display_name() == "蒙牛")
        .expect("蒙牛")
        .id;
    let year = {
        let view = store.read().expect("read");
        services::budgets::client_year(&view, mengniu, State::today(), TaxBasis::Net).expect("year")
    };
    let f = year.figures;
    assert!(f.total().executed > 0, "the sample invoiced 蒙牛's work");
    let mut h = tall_harness(State::new(store, Route::Client(mengniu, ClientTab::Budget)));
    h.run();
    h.get_by_label("2026 年度预算");
    // The key figures and the summary show the year as the services compute it.
    for amount in [
        f.total().budget,
        f.total().executed,
        f.total().in_progress,
        f.total().remaining(),
    ] {
        let text = Fen(amount).to_string();
        assert!(
            h.get_all_by_label(&text).count() >= 2,
            "{text} in the key figures and the summary"
        );
    }
    // Every signed estimate behind the figures is listed by its job.
    for row in &year.signed {
        let text = format!("{} {}", row.number, row.letter);
        h.get_by_label(&text);
    }
    // Each with its billing: the sample invoiced some of 蒙牛's work, in part or in full
    // (已开票 also heads the invoiced column).
    let statuses = ["未开票", "部分开票", "已开票"]
        .iter()
        .map(|s| h.query_all_by_label(s).count())
        .sum::<usize>();
    assert_eq!(
        statuses,
        year.signed.len() + 1,
        "a status per signed estimate"
    );
    // The month's report as a workbook.
    h.get_by_label("导出 Excel…").click();
    h.run();
    let actions = std::mem::take(&mut h.state_mut().actions);
    assert!(
        actions.iter().any(|a| matches!(
            a,
            UiAction::ExportBudgetReport(c, _, TaxBasis::Net, account_desk::services::export::MoneyFormat::Xlsx)
                if *c == mengniu
        )),
        "{actions:?}"
    );
    // A revision is refused without a reason (by the services), and carries the one typed.
    h.get_by_label("设定或调整预算…").click();
    h.run();
    type_into(&mut h, "生效日期", "2026-12-01");
    type_into(&mut h, "调整原因", "客户追加年末促销预算");
    h.get_by_label("保存预算").click();
    h.run();
    let Command::SaveBudget(draft) = take_command(&mut h) else {
        panic!("a budget saved");
    };
    assert_eq!(draft.client_id, mengniu);
    assert_eq!(draft.from, "2026-12-01");
    assert_eq!(draft.reason, "客户追加年末促销预算");
    assert_eq!(draft.media, Fen(f.media.budget).plain());
    h.state_mut().apply(Command::SaveBudget(draft));
    h.run();
    // Saved: the form closed, the revision listed.
    assert!(h.query_by_label("保存预算").is_none());
    h.get_by_label("客户追加年末促销预算");
}

#[test]
fn a_signed_estimate_takes_an_invoice_typed_on_its_page_and_lists_it() {
    use account_desk::domain::Estimate;
    use account_desk::domain::invoice::{Invoice, InvoiceKind};
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(&dir.path().join("desk.redb")).expect("open");
    demo::sample::load_sample(&store, State::now(), State::today()).expect("sample");
    // A signed production estimate with nothing invoiced yet.
    let (estimate, job) = {
        let view = store.read().expect("read");
        let invoiced: Vec<Invoice> = view.all().expect("invoices");
        let e: Estimate = view
            .estimates(None)
            .expect("estimates")
            .into_iter()
            .find(|e| e.signed().is_some() && !invoiced.iter().any(|i| i.estimate_id == e.id))
            .expect("a signed estimate not invoiced");
        let jobs_estimates = view.estimates(Some(e.job_id)).expect("job's");
        assert_eq!(
            jobs_estimates.len(),
            1,
            "the only estimate of its job opens first"
        );
        (e.id, e.job_id)
    };
    let mut h = harness(State::new(store, Route::Estimates(job)));
    h.run();
    h.get_by_label("发票、收款与成本");
    h.get_by_label("还没有记录发票。");
    h.get_by_label("记录制作费发票…").click();
    h.run();
    type_into(&mut h, "发票号码", "26112600000000000123");
    type_into(&mut h, "开票日期", "2026-11-25");
    type_into(&mut h, "发票金额（价税合计）", "10,600.00");
    type_into(&mut h, "发票备注", "首期款");
    h.get_by_label("记录发票").click();
    h.run();
    let Command::RecordInvoice(draft) = take_command(&mut h) else {
        panic!("an invoice recorded");
    };
    assert_eq!(draft.estimate_id, estimate);
    assert_eq!(draft.kind, InvoiceKind::Production);
    assert_eq!(draft.number, "26112600000000000123");
    assert_eq!(draft.gross, "10,600.00");
    h.state_mut().apply(Command::RecordInvoice(draft));
    h.run();
    // Listed with its amount, the tax split at the estimate's rate, and not due yet.
    h.get_by_label("26112600000000000123");
    // The total, and as much outstanding.
    assert_eq!(h.get_all_by_label("¥10,600.00").count(), 2);
    h.get_by_label("未到期");
    // A payment, the amount owed offered, typed and recorded with Enter as a form of one
    // line is.
    h.get_by_label("收款").click();
    h.run();
    type_into(&mut h, "到账日", "2026-11-30");
    h.key_press(egui::Key::Enter);
    h.run();
    let Command::RecordReceipt(invoice, receipt) = take_command(&mut h) else {
        panic!("a payment recorded with Enter");
    };
    assert_eq!(receipt.amount, "10600.00", "what is owed, offered");
    assert_eq!(receipt.on, "2026-11-30");
    let view = h.state().store.read().expect("read");
    let invoices: Vec<Invoice> = view.all().expect("invoices");
    assert!(
        invoices
            .iter()
            .any(|i| i.id == invoice && i.number == "26112600000000000123")
    );
}
