//! What a walkthrough of the screens found (issue 14), held by tests that click and type by
//! label as a person would: the English minutes editor keeps every point's controls in
//! the window, a saved brief is confirmed in the interface's words, the job list has
//! headings, its AE and its overdue jobs, the timeline offers every scope, a new job is the
//! AE's own, and an error stays up until what failed succeeds.

use account_desk::domain::meeting::{MeetingKind, Point};
use account_desk::domain::{
    ClientId, JobId, JobStatus, Lang, Meeting, MeetingId, Role, Stamp, UserId,
};
use account_desk::services::{
    self, Base, BriefDraft, ClientDraft, Command, Ctx, JobDraft, UserDraft,
};
use account_desk::store::Store;
use account_desk::ui::model::{Data, Env, MeetingTab, Route, TimelineScope, UiAction};
use account_desk::ui::notify::{Level, Notifications, Topic, applied_text};
use account_desk::ui::screens::Screens;
use chrono::{NaiveDate, TimeZone, Utc};
use egui::accesskit::Role as A11y;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

const WIDTH: f32 = 1200.0;

struct State {
    screens: Screens,
    store: Store,
    data: Data,
    route: Route,
    actions: Vec<UiAction>,
    lang: Lang,
    me: Option<UserId>,
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 26).expect("date")
}

/// 2026-11-26 10:00 in Beijing.
fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 26, 2, 0, 0)
        .single()
        .expect("moment")
}

impl State {
    fn new(dir: &tempfile::TempDir) -> State {
        let store = Store::open(&dir.path().join("desk.redb")).expect("open");
        State {
            screens: Screens::default(),
            data: Data::load(&store, 1).expect("load"),
            store,
            route: Route::Clients,
            actions: Vec::new(),
            lang: Lang::Zh,
            me: None,
        }
    }

    fn apply(&mut self, command: Command) -> services::Applied {
        let ctx = Ctx {
            actor: self.me.unwrap_or(UserId(0)),
            now: now(),
            today: today(),
        };
        let applied = services::apply(&self.store, &ctx, command).expect("apply");
        self.screens.on_applied(&applied);
        self.data = Data::load(&self.store, self.data.generation + 1).expect("reload");
        applied
    }

    fn client(&mut self, name: &str) -> ClientId {
        ClientId(
            self.apply(Command::CreateClient(ClientDraft {
                name: name.into(),
                ..Default::default()
            }))
            .id,
        )
    }

    fn user(&mut self, name: &str, role: Role) -> UserId {
        UserId(
            self.apply(Command::AddUser(UserDraft {
                name: name.into(),
                role,
                ..Default::default()
            }))
            .id,
        )
    }

    fn job(&mut self, client: ClientId, title: &str, ae: Option<UserId>, due: &str) -> JobId {
        let mut draft = JobDraft {
            title: title.into(),
            client_id: Some(client),
            requested_on: "2026-11-02".into(),
            due_on: due.into(),
            ..JobDraft::default()
        };
        draft.team.ae = ae;
        JobId(self.apply(Command::CreateJob(draft)).id)
    }

    /// The one command the frame asked for.
    fn take_command(&mut self) -> Command {
        let mut commands: Vec<Command> = std::mem::take(&mut self.actions)
            .into_iter()
            .filter_map(|a| match a {
                UiAction::Command(c) => Some(c),
                _ => None,
            })
            .collect();
        assert_eq!(commands.len(), 1, "one command: {commands:?}");
        commands.remove(0)
    }
}

/// The app's fonts and look: its sizes and spacing decide what fits.
fn look(ctx: &egui::Context) {
    account_desk::ui::fonts::install_fonts(ctx);
    account_desk::ui::theme::apply(ctx);
}

fn harness(state: State) -> Harness<'static, State> {
    Harness::builder()
        .with_size(egui::vec2(WIDTH, 900.0))
        .with_context_setup(look)
        .build_ui_state(
            |ui, s: &mut State| {
                let env = Env {
                    lang: s.lang,
                    data: &s.data,
                    store: account_desk::services::Reader::new(&s.store),
                    today: today(),
                    now: now(),
                    current_user: s.me,
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

/// A meeting of `client` whose minutes have `points` points, each with a solution.
fn meeting_with_points(state: &mut State, client: ClientId, points: usize) -> MeetingId {
    let start = now() - chrono::Duration::hours(2);
    let stamp = Stamp {
        by: UserId(0),
        at: now(),
    };
    let mut m = Meeting::new(
        MeetingKind::Meeting,
        client,
        start,
        start + chrono::Duration::hours(1),
        stamp,
    );
    m.title = "Q1 creative review".into();
    m.minutes.points = (1..=points)
        .map(|i| Point {
            text: format!("Point {i}: the client wants the key visual in red"),
            solution: format!("Two versions by Friday ({i})"),
            ..Point::default()
        })
        .collect();
    MeetingId(
        state
            .apply(Command::SaveMeeting(Box::new(m), Base::Overwrite))
            .id,
    )
}

#[test]
fn every_points_remove_and_decision_stay_in_one_column_inside_the_window() {
    for (lang, remove, decision) in [(Lang::En, "Remove", "Decision"), (Lang::Zh, "移除", "决定")]
    {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut state = State::new(&dir);
        state.lang = lang;
        let client = state.client("BMW China");
        let id = meeting_with_points(&mut state, client, 6);
        state.route = Route::Meeting(id, MeetingTab::Minutes);
        let mut h = harness(state);
        h.run();
        // The minutes have no actions, so every Remove and Decision belongs to a point.
        let removes: Vec<egui::Rect> = h.get_all_by_label(remove).map(|n| n.rect()).collect();
        let decisions: Vec<egui::Rect> = h.get_all_by_label(decision).map(|n| n.rect()).collect();
        assert_eq!(removes.len(), 6, "{lang:?}: one Remove per point");
        assert_eq!(decisions.len(), 6, "{lang:?}: one Decision per point");
        for (i, r) in removes.iter().enumerate() {
            assert!(
                (r.left() - removes[0].left()).abs() < 0.5,
                "{lang:?}: point {}'s {remove} at x {} , point 1's at {}",
                i + 1,
                r.left(),
                removes[0].left()
            );
            assert!(
                r.left() >= 0.0 && r.right() <= WIDTH,
                "{lang:?}: point {}'s {remove} {r:?} is cut off by the window",
                i + 1
            );
        }
        for d in &decisions {
            assert!(
                (d.left() - decisions[0].left()).abs() < 0.5,
                "{lang:?}: {d:?}"
            );
            assert!(d.right() < removes[0].left(), "{lang:?}: before Remove");
        }
        // The text of each point still takes the room left of them.
        let text = h.get_by_label("1.").rect();
        assert!(
            text.right() <= decisions[0].left() && text.width() > WIDTH * 0.5,
            "{lang:?}: point text {text:?}"
        );
    }
}

#[test]
fn a_saved_brief_is_confirmed_with_the_sections_as_the_form_names_them() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut state = State::new(&dir);
    let client = state.client("星巴克");
    let job = state.job(client, "冬季新品上市", None, "");
    let number = state.data.job(job).expect("job").number.text.clone();
    state.route = Route::Job(job);
    let mut h = harness(state);
    h.run();
    type_into(&mut h, "背景", "门店客流下降");
    type_into(&mut h, "核心信息", "冬日暖心");
    h.get_by_label("保存").click();
    h.run();
    let command = h.state_mut().take_command();
    assert!(matches!(command, Command::SaveBrief(j, ..) if j == job));
    let applied = h.state_mut().apply(command);
    assert_eq!(
        applied_text(&applied, false, Lang::Zh),
        format!("已保存：{number} v1：背景、核心信息")
    );
    assert_eq!(
        applied_text(&applied, false, Lang::En),
        format!("Saved: {number} v1: Background, Key message")
    );
    // Saving the same text again says so, in words too.
    let mut same = BriefDraft::default();
    same.content.background = "门店客流下降".into();
    same.content.key_message = "冬日暖心".into();
    let again = h
        .state_mut()
        .apply(Command::SaveBrief(job, same, Base::Overwrite));
    assert_eq!(
        applied_text(&again, false, Lang::Zh),
        format!("已保存：{number}（没有改动）")
    );
}

/// An agency with an AE, and three jobs: overdue, due today, and overdue but delivered.
fn agency_with_jobs(dir: &tempfile::TempDir) -> (State, UserId, [JobId; 4]) {
    let mut state = State::new(dir);
    let ae = state.user("王小明", Role::AccountExecutive);
    let client = state.client("华晨宝马");
    let late = state.job(client, "iX3 上市发布会", Some(ae), "2026-11-20");
    let today = state.job(client, "经销商大会", None, "2026-11-26");
    let delivered = state.job(client, "春节礼盒", Some(ae), "2026-11-10");
    state.apply(Command::SetJobStatus(
        delivered,
        JobStatus::Briefed,
        Base::Overwrite,
    ));
    state.apply(Command::SetJobStatus(
        delivered,
        JobStatus::Estimating,
        Base::Overwrite,
    ));
    // Let into production by the account director (it has no signed estimate).
    let ad = state.user("张伟", Role::AccountDirector);
    let me = state.me.replace(ad);
    state.apply(Command::ReleaseJob(delivered, "客户邮件确认".into()));
    state.me = me;
    state.apply(Command::SetJobStatus(
        delivered,
        JobStatus::Completed,
        Base::Overwrite,
    ));
    let later = state.job(
        client,
        "一个非常长的标题：2027 年度经销商大会暨新车上市发布会全国巡回路演第一站",
        None,
        "2026-12-20",
    );
    (state, ae, [late, today, delivered, later])
}

#[test]
fn the_job_list_has_headings_the_ae_and_marks_what_is_overdue_or_due_today() {
    for lang in [Lang::Zh, Lang::En] {
        let dir = tempfile::tempdir().expect("temp dir");
        let (mut state, _, _) = agency_with_jobs(&dir);
        state.lang = lang;
        state.route = Route::Jobs;
        let mut h = harness(state);
        h.run();
        let heads = match lang {
            Lang::Zh => ["工作号", "标题", "客户", "客户执行", "状态", "截止日期"],
            Lang::En => ["Number", "Title", "Client", "AE", "Status", "Due date"],
        };
        // A heading is the lowest label of its name (the filters above have 状态 too).
        let x: Vec<f32> = heads
            .iter()
            .map(|t| {
                h.get_all_by_role_and_label(A11y::Label, t)
                    .map(|n| n.rect())
                    .max_by(|a, b| a.top().total_cmp(&b.top()))
                    .unwrap_or_else(|| panic!("{lang:?}: no heading {t}"))
                    .left()
            })
            .collect();
        assert!(x.windows(2).all(|w| w[0] < w[1]), "{lang:?}: {x:?}");
        // Titles start on the heading's left edge, however long they are.
        for title in ["iX3 上市发布会", "经销商大会", "春节礼盒"] {
            let left = h.get_by_label(title).rect().left();
            assert!(
                (left - x[1]).abs() < 1.0,
                "{lang:?}: {title} at {left}, not {}",
                x[1]
            );
        }
        let long = h.get_by_label_contains("一个非常长的标题").rect();
        assert!(
            long.right() <= x[2],
            "{lang:?}: the long title stays in its column"
        );
        // The AE's name, under its heading.
        let names: Vec<f32> = h
            .get_all_by_label("王小明")
            .map(|n| n.rect().left())
            .collect();
        assert_eq!(names.len(), 2, "{lang:?}");
        assert!(names.iter().all(|l| (l - x[3]).abs() < 1.0), "{lang:?}");
        // Overdue and due today are marked; a delivered job is not, whatever its date.
        let (overdue, due_today, delivered) = match lang {
            Lang::Zh => (
                "2026年11月20日 · 逾期 6 天",
                "2026年11月26日 · 今天到期",
                "2026年11月10日",
            ),
            Lang::En => (
                "2026-11-20 · 6 days overdue",
                "2026-11-26 · due today",
                "2026-11-10",
            ),
        };
        h.get_by_label(overdue);
        h.get_by_label(due_today);
        h.get_by_label(delivered);
        assert_eq!(
            h.query_all_by_label_contains(lang.pick("逾期", "overdue"))
                .count(),
            1,
            "{lang:?}: only the open job is overdue"
        );
    }
}

/// Opens the picker labelled `picker`, chooses `item`, and returns what the screen asked.
fn choose(h: &mut Harness<'static, State>, picker: &str, item: &str) -> Vec<UiAction> {
    h.get_by_label(picker).click();
    h.run();
    h.get_by_label(item).click();
    h.run();
    std::mem::take(&mut h.state_mut().actions)
}

fn client_of(h: &Harness<'static, State>, job: JobId) -> ClientId {
    h.state().data.job(job).expect("job").client_id
}

#[test]
fn the_timeline_offers_all_jobs_and_any_colleagues() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (mut state, ae, [late, due_today, ..]) = agency_with_jobs(&dir);
    let other = state.client("星巴克");
    let coffee = state.job(other, "冬季新品上市", None, "2027-03-01");
    for job in [late, due_today, coffee] {
        state.apply(Command::SaveSchedule(
            job,
            services::standard_plan(today(), &state.data.calendar),
            Base::Overwrite,
        ));
    }
    let lina = state.user("李娜", Role::AccountManager);
    state.route = Route::Timeline(TimelineScope::Mine);
    let mut h = harness(state);
    h.run();
    let to = |scope| vec![UiAction::Navigate(Route::Timeline(scope))];
    assert_eq!(choose(&mut h, "范围", "全部工作"), to(TimelineScope::All));
    h.state_mut().route = Route::Timeline(TimelineScope::All);
    h.run();
    assert_eq!(
        choose(&mut h, "范围", "同事参与的工作"),
        to(TimelineScope::Person(ae))
    );
    h.state_mut().route = Route::Timeline(TimelineScope::Person(ae));
    h.run();
    assert_eq!(
        choose(&mut h, "同事", "李娜"),
        to(TimelineScope::Person(lina))
    );
    assert_eq!(
        choose(&mut h, "范围", "客户的工作"),
        to(TimelineScope::Client(client_of(&h, late)))
    );
    // All jobs: both clients'; the colleague's: only the job they run.
    let row = |job: &str| format!("时间线：{job}");
    let number = |h: &Harness<'static, State>, j: JobId| {
        let job = h.state().data.job(j).expect("job").clone();
        row(&format!("{} {}", job.number.text, job.title))
    };
    h.state_mut().route = Route::Timeline(TimelineScope::All);
    h.run();
    for j in [late, due_today, coffee] {
        let label = number(&h, j);
        let rect = h.get_by_label(&label).rect();
        assert!(rect.right() <= WIDTH, "{label}: {rect:?} fits the window");
    }
    h.state_mut().route = Route::Timeline(TimelineScope::Person(ae));
    h.run();
    assert!(h.query_by_label(&number(&h, late)).is_some());
    assert!(h.query_by_label(&number(&h, due_today)).is_none());
    assert!(h.query_by_label(&number(&h, coffee)).is_none());
}

#[test]
fn a_new_job_is_the_aes_own_and_suggests_a_due_date_after_the_request() {
    for (role, expected_self) in [
        (Role::AccountExecutive, true),
        (Role::AccountManager, false),
    ] {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut state = State::new(&dir);
        let me = state.user("李娜", role);
        state.me = Some(me);
        let client = state.client("星巴克");
        state.route = Route::NewJob(Some(client));
        let mut h = harness(state);
        h.run();
        assert!(
            !h.state().screens.is_dirty(Route::NewJob(Some(client))),
            "a preselected AE is not an edit"
        );
        // The request date is typed as a later day; the due date's example follows it.
        h.get_by_label("申请日期").click();
        h.run();
        h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
        h.get_by_label("申请日期").type_text("2027-01-05");
        h.run();
        let node = h.get_by_label("截止日期").accesskit_node();
        let hint = node.placeholder().map(str::to_string);
        let hint = hint.expect("the due date shows an example");
        let example = NaiveDate::parse_from_str(&hint, "%Y-%m-%d").expect("an ISO date");
        assert!(
            example >= NaiveDate::from_ymd_opt(2027, 1, 5).expect("date"),
            "example {example} before the request date"
        );
        type_into(&mut h, "标题", "春季新品");
        h.get_by_label("保存").click();
        h.run();
        let Command::CreateJob(draft) = h.state_mut().take_command() else {
            panic!("a new job");
        };
        assert_eq!(draft.requested_on, "2027-01-05");
        let ae = draft.team.ae;
        assert_eq!(ae == Some(me), expected_self, "{role:?}: AE {ae:?}");
        assert_eq!(ae.is_none(), !expected_self, "{role:?}: no one else");
    }
}

#[test]
fn an_error_stays_up_after_a_later_success_until_what_failed_succeeds() {
    let brief = |job| {
        Topic::of(&Command::SaveBrief(
            JobId(job),
            BriefDraft::default(),
            Base::Overwrite,
        ))
    };
    let mut h = Harness::builder()
        .with_size(egui::vec2(WIDTH, 600.0))
        .with_context_setup(look)
        .build_ui_state(
            |ui, n: &mut Notifications| n.ui(ui.ctx(), "关闭"),
            Notifications::default(),
        );
    h.state_mut()
        .error_about(brief(7), "无法保存 2026-0007 的工作简要：磁盘已满");
    h.run();
    h.state_mut()
        .info_about(brief(8), "已保存：2026-0008 v2：背景");
    h.state_mut().info("已导出到 桌面/简要.pdf");
    h.run();
    h.get_by_label("无法保存 2026-0007 的工作简要：磁盘已满");
    h.get_by_label("已保存：2026-0008 v2：背景");
    // Confirmations fade after a few seconds (each step is a quarter of one); the error
    // does not.
    for _ in 0..40 {
        h.step();
    }
    h.run();
    assert!(h.query_by_label("已保存：2026-0008 v2：背景").is_none());
    h.get_by_label("无法保存 2026-0007 的工作简要：磁盘已满");
    assert_eq!(h.state().notes()[0].level, Level::Error);
    // The retried save went through: its confirmation replaces the error.
    h.state_mut()
        .info_about(brief(7), "已保存：2026-0007 v3：背景");
    h.run();
    assert!(
        h.query_by_label("无法保存 2026-0007 的工作简要：磁盘已满")
            .is_none()
    );
    h.get_by_label("已保存：2026-0007 v3：背景");
}

#[test]
fn the_brand_tab_names_its_columns() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut state = State::new(&dir);
    let client = state.client("可口可乐");
    state.apply(Command::CreateBrand(
        client,
        account_desk::services::BrandDraft {
            name: "雪碧".into(),
            competitors: "七喜\n美年达".into(),
            ..Default::default()
        },
    ));
    state.route = Route::Client(client, account_desk::ui::model::ClientTab::Brands);
    let mut h = harness(state);
    h.run();
    let head = h.get_by_label("竞争品牌").rect();
    let cell = h.get_by_label("七喜、美年达").rect();
    assert!(
        (head.left() - cell.left()).abs() < 1.0,
        "{head:?} over {cell:?}"
    );
    assert!(head.bottom() <= cell.top());
    h.get_by_label("品牌");
    h.get_by_label("工作");
}

#[test]
fn who_are_you_lines_up_under_its_heading_in_the_middle_of_the_window() {
    use account_desk::ui::welcome::Welcome;
    for (lang, empty, heading, start) in [
        (Lang::Zh, "从空白开始", "您是谁？", "开始"),
        (Lang::En, "Start empty", "Who are you?", "Start"),
    ] {
        let dir = tempfile::tempdir().expect("temp dir");
        let state = State::new(&dir);
        let mut h = Harness::builder()
            .with_size(egui::vec2(WIDTH, 800.0))
            .with_context_setup(look)
            .build_ui_state(
                move |ui, (s, w): &mut (State, Welcome)| {
                    let env = Env {
                        lang,
                        data: &s.data,
                        store: account_desk::services::Reader::new(&s.store),
                        today: today(),
                        now: now(),
                        current_user: None,
                    };
                    w.ui(ui, &env, &mut s.actions);
                },
                (state, Welcome::default()),
            );
        h.run();
        h.get_by_label(empty).click();
        h.run();
        let head = h.get_by_label(heading).rect();
        let button = h.get_by_label(start).rect();
        let name = h.get_by_role(A11y::TextInput).rect();
        assert!(
            (head.left() - button.left()).abs() < 1.0,
            "{lang:?}: heading at {}, Start at {}",
            head.left(),
            button.left()
        );
        assert!(name.left() > head.left() && name.right() < head.left() + 440.0);
        // The column sits in the middle, under the app's name.
        let middle = WIDTH / 2.0;
        assert!(
            head.left() < middle - 100.0 && name.right() > middle + 100.0,
            "{lang:?}: {head:?} {name:?}"
        );
    }
}
