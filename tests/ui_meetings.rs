//! The meeting screens driven by label and keyboard, as an account executive would during a
//! call: book a meeting, tick the preparation, type the minutes with Enter, Ctrl+D and
//! Ctrl+J, send them, and see the list say so.

use account_desk::domain::meeting::{MinutesState, PrepKind};
use account_desk::domain::{ClientId, Lang, Meeting, MeetingId, UserId};
use account_desk::reports::minutes::DocLang;
use account_desk::services::{self, Base, ClientDraft, Command, ContactDraft, Ctx, MinutesStep};
use account_desk::store::Store;
use account_desk::ui::model::{Data, Env, MeetingTab, Route, UiAction};
use account_desk::ui::screens::Screens;
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

struct State {
    screens: Screens,
    store: Store,
    data: Data,
    route: Route,
    actions: Vec<UiAction>,
}

/// 2026-11-26 10:00 in Beijing.
fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 26, 2, 0, 0)
        .single()
        .expect("moment")
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 26).expect("date")
}

impl State {
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

    /// Applies the one command the frame asked for.
    fn apply_pending(&mut self) -> services::Applied {
        let actions = std::mem::take(&mut self.actions);
        let mut commands: Vec<Command> = actions
            .into_iter()
            .filter_map(|a| match a {
                UiAction::Command(c) => Some(c),
                _ => None,
            })
            .collect();
        assert_eq!(commands.len(), 1, "one command: {commands:?}");
        let command = commands.remove(0);
        self.apply(command)
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

fn meeting(h: &Harness<'static, State>, id: MeetingId) -> Meeting {
    h.state()
        .store
        .get::<Meeting>(id.0)
        .expect("read")
        .expect("stored")
}

/// An empty agency with one client, on the minutes list.
fn with_a_client() -> (tempfile::TempDir, State, ClientId) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(&dir.path().join("desk.redb")).expect("open");
    let mut state = State {
        screens: Screens::default(),
        data: Data::default(),
        store,
        route: Route::Meetings,
        actions: Vec::new(),
    };
    let client = ClientId(
        state
            .apply(Command::CreateClient(ClientDraft {
                name: "华晨宝马".into(),
                ..Default::default()
            }))
            .id,
    );
    (dir, state, client)
}

#[test]
fn book_prepare_write_with_shortcuts_and_send() {
    let (_dir, mut state, client) = with_a_client();
    state.apply(Command::AddContact(
        client,
        ContactDraft {
            name: "周婷".into(),
            email: "zhou.ting@bmw.cn".into(),
            ..Default::default()
        },
    ));
    state.route = Route::NewMeeting(Some(client));
    let mut h = harness(state);
    h.run();

    // Book it: the subject and the start are typed; the date defaults to today.
    type_into(&mut h, "主题", "iX3 创意提案");
    type_into(&mut h, "开始时间", "9:30");
    type_into(&mut h, "结束时间", "11:00");
    h.get_by_label("创建").click();
    h.run();
    let created = h.state_mut().apply_pending();
    let id = MeetingId(created.id);
    let route = h.state_mut().screens.take_navigation();
    assert_eq!(route, Some(Route::Meeting(id, MeetingTab::Details)));
    let booked = meeting(&h, id);
    assert_eq!(booked.title, "iX3 创意提案");
    assert_eq!(booked.end - booked.start, chrono::Duration::minutes(90));
    assert_eq!(booked.prep.len(), 4);

    // The client contact joins from the picker.
    h.state_mut().route = Route::Meeting(id, MeetingTab::Details);
    h.run();
    h.get_by_label("＋ 客户联络人").click();
    h.run();
    h.get_by_label("周婷").click();
    h.run();
    h.get_by_label("保存").click();
    h.run();
    h.state_mut().apply_pending();
    assert_eq!(
        meeting(&h, id).client_recipients(),
        vec!["zhou.ting@bmw.cn"]
    );

    // Tick two preparation items.
    h.state_mut().route = Route::Meeting(id, MeetingTab::Prep);
    h.run();
    h.get_by_label("会场：整洁、座位安排、秩序").click();
    h.run();
    h.get_by_label("视听设备：投影、音响、电脑").click();
    h.run();
    h.get_by_label("保存").click();
    h.run();
    h.state_mut().apply_pending();
    let done: Vec<PrepKind> = meeting(&h, id)
        .prep
        .iter()
        .filter(|p| p.done)
        .map(|p| p.kind)
        .collect();
    assert_eq!(done, vec![PrepKind::Room, PrepKind::AudioVisual]);

    // The minutes, by keyboard: Enter for the next point, Ctrl+D marks it a decision,
    // Ctrl+J adds an action and puts the cursor in it.
    h.state_mut().route = Route::Meeting(id, MeetingTab::Minutes);
    h.run();
    h.get_by_label("＋ 要点").click();
    h.run();
    h.event(egui::Event::Text("客户希望主视觉改用红色".into()));
    h.run();
    h.key_press(Key::Enter);
    h.run();
    h.event(egui::Event::Text("预算确定为 50 万元".into()));
    h.run();
    // Shift+Enter breaks the line inside the point and adds no point.
    h.key_press_modifiers(Modifiers::SHIFT, Key::Enter);
    h.run();
    h.event(egui::Event::Text("含制作费".into()));
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::D);
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::J);
    h.run();
    h.event(egui::Event::Text("周五前提交两版主视觉".into()));
    h.run();
    assert!(
        h.state()
            .screens
            .is_dirty(Route::Meeting(id, MeetingTab::Minutes))
    );
    h.get_by_label("保存").click();
    h.run();
    h.state_mut().apply_pending();
    let written = meeting(&h, id);
    let points: Vec<(&str, bool)> = written
        .minutes
        .points
        .iter()
        .map(|p| (p.text.as_str(), p.decision))
        .collect();
    assert_eq!(
        points,
        vec![
            ("客户希望主视觉改用红色", false),
            ("预算确定为 50 万元\n含制作费", true)
        ]
    );
    assert_eq!(written.minutes.actions.len(), 1);
    assert_eq!(written.minutes.actions[0].what, "周五前提交两版主视觉");

    // Send: the screen asks the app to send (PDF and email draft); the app marks it sent.
    // The client reads both languages: the documents get bilingual labels.
    h.state_mut().route = Route::Meeting(id, MeetingTab::Send);
    h.run();
    h.get_by_label("文件语言").click();
    h.run();
    h.get_by_label("中英双语").click();
    h.run();
    h.get_by_label("发送 v1（生成 PDF 与邮件草稿）").click();
    h.run();
    let asked = std::mem::take(&mut h.state_mut().actions);
    assert!(
        asked.contains(&UiAction::SendMinutes(id, DocLang::Both)),
        "{asked:?}"
    );
    let to = meeting(&h, id).client_recipients();
    h.state_mut()
        .apply(Command::Minutes(id, MinutesStep::Send(to)));
    h.run();
    assert_eq!(meeting(&h, id).state(), MinutesState::Sent);
    assert!(h.query_all_by_label_contains("v1 · ").next().is_some());

    // The client confirms, named on the screen.
    h.get_by_label("客户已确认").click();
    h.run();
    h.state_mut().apply_pending();
    assert_eq!(meeting(&h, id).state(), MinutesState::Confirmed);

    // The list shows it confirmed, in words as well as colour.
    h.state_mut().route = Route::Meetings;
    h.run();
    h.get_by_label("全部").click();
    h.run();
    assert!(h.query_all_by_label_contains("客户已确认").next().is_some());
}

#[test]
fn the_list_puts_overdue_minutes_in_the_strip() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(&dir.path().join("desk.redb")).expect("open");
    account_desk::demo::sample::load_sample(&store, now(), today()).expect("sample");
    let data = Data::load(&store, 1).expect("load");
    let mut h = harness(State {
        screens: Screens::default(),
        data,
        store,
        route: Route::Meetings,
        actions: Vec::new(),
    });
    h.run();
    assert!(h.query_by_label_contains("需要跟进的会议记录").is_some());
    assert!(h.query_all_by_label_contains("已逾期").next().is_some());
    assert!(h.query_all_by_label_contains("天未确认").next().is_some());
    assert!(h.query_all_by_label_contains("客户有异议").next().is_some());
    // A click on the overdue one opens it where it is sent from.
    let overdue = h
        .state()
        .data
        .meetings
        .iter()
        .find(|m| {
            matches!(
                m.follow_up(now()),
                account_desk::domain::meeting::FollowUp::Overdue { .. }
            )
        })
        .map(|m| (m.id, m.title.clone()))
        .expect("an overdue meeting in the sample");
    let link = format!("{} · {}", "小米", overdue.1);
    h.get_by_label(&link).click();
    h.run();
    let asked = std::mem::take(&mut h.state_mut().actions);
    assert!(asked.contains(&UiAction::Navigate(Route::Meeting(
        overdue.0,
        MeetingTab::Send
    ))));
}

#[test]
fn search_finds_meetings_by_subject_who_was_there_and_what_was_said() {
    use account_desk::search::{DocKind, MatchQuality};
    use account_desk::ui::search_ui::{build_index, index_meetings};
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(&dir.path().join("desk.redb")).expect("open");
    account_desk::demo::sample::load_sample(&store, now(), today()).expect("sample");
    let data = Data::load(&store, 1).expect("load");
    let mut index = build_index(&data);
    let heads = index_meetings(&mut index, &data, &store).expect("meetings");
    assert_eq!(
        heads, data.meetings,
        "the index reads the meetings the snapshot shows"
    );
    let night = data
        .meetings
        .iter()
        .find(|m| m.title.starts_with("SU7"))
        .expect("the SU7 meeting");
    // The subject, and the client person at the meeting (何琳) by pinyin initials.
    for query in ["SU7 车主盛典", "场地与流程", "hl", "何琳"] {
        let hits = index.search(query, 20);
        assert!(
            hits.iter()
                .any(|h| h.doc.kind == DocKind::Meeting && h.doc.id == night.id.0),
            "{query}: {hits:?}"
        );
    }
    // What was said: a point, a solution, an action, and with the client's name; ranked
    // below name matches. Internal notes are not searched.
    let found_by = |query: &str| {
        index
            .search(query, 30)
            .into_iter()
            .find(|h| h.doc.kind == DocKind::Meeting && h.doc.id == night.id.0)
            .map(|h| h.quality)
    };
    for query in ["亦庄车主中心", "核验接口", "夜间试驾路线", "小米 订单号"] {
        assert_eq!(found_by(query), Some(MatchQuality::Body), "{query}");
    }
    for query in ["报价高出", "预算很敏感", "亦庄中心"] {
        assert_eq!(found_by(query), None, "{query}");
    }
    // A hit opens the meeting's minutes.
    let route = account_desk::ui::search_ui::route_of(night.id.into(), &data);
    assert_eq!(route, Some(Route::Meeting(night.id, MeetingTab::Minutes)));
}

#[test]
fn opening_a_meeting_changes_nothing_until_something_is_typed() {
    let (_dir, mut state, client) = with_a_client();
    // Booked from another program, say, with seconds in its times.
    let start = now() + chrono::Duration::seconds(17);
    let mut m = Meeting::new(
        account_desk::domain::meeting::MeetingKind::PhoneCall,
        client,
        start,
        start + chrono::Duration::minutes(30),
        account_desk::domain::Stamp {
            by: UserId(0),
            at: now(),
        },
    );
    m.title = "电话沟通".into();
    let id = MeetingId(
        state
            .apply(Command::SaveMeeting(Box::new(m), Base::Overwrite))
            .id,
    );
    for tab in [
        MeetingTab::Details,
        MeetingTab::Prep,
        MeetingTab::Agenda,
        MeetingTab::Minutes,
        MeetingTab::Send,
    ] {
        state.route = Route::Meeting(id, tab);
        let mut h = harness(state);
        h.run();
        assert!(
            !h.state().screens.is_dirty(Route::Meeting(id, tab)),
            "{tab:?} marked the meeting unsaved"
        );
        state = h.into_state();
    }
}

#[test]
fn a_late_call_that_ends_after_midnight_ends_the_next_day() {
    let (_dir, mut state, client) = with_a_client();
    state.route = Route::NewMeeting(Some(client));
    let mut h = harness(state);
    h.run();
    type_into(&mut h, "主题", "发布会前夜电话沟通");
    type_into(&mut h, "开始时间", "23:00");
    type_into(&mut h, "结束时间", "0:30");
    h.get_by_label("创建").click();
    h.run();
    let id = MeetingId(h.state_mut().apply_pending().id);
    let booked = meeting(&h, id);
    assert_eq!(booked.end - booked.start, chrono::Duration::minutes(90));

    // On its page the end says it is on the next day; typing a later end moves it.
    h.state_mut().route = Route::Meeting(id, MeetingTab::Details);
    h.run();
    assert!(h.query_by_label("结束时间在次日。").is_some());
    h.get_by_label("结束时间").click();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label("结束时间").type_text("1:15");
    h.run();
    h.get_by_label("保存").click();
    h.run();
    h.state_mut().apply_pending();
    let moved = meeting(&h, id);
    assert_eq!(moved.start, booked.start);
    assert_eq!(moved.end - moved.start, chrono::Duration::minutes(135));
}
