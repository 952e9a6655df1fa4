//! An estimate from the job's estimates page to the client's signature, as the account team
//! works it: the AE types a line by keyboard and pastes three rows copied in Excel, saves and
//! submits; the AM and the director's office approve (the current user switched in the top
//! bar); it is marked sent; the signature is recorded with the hash read off the paper and
//! the signed scan chosen in the open dialog; the job then moves into production.

use super::harness;
use account_desk::app::{AccountDeskApp, Prefs};
use account_desk::domain::estimate::{EstimateStatus, EstimateStep, LineCategory};
use account_desk::domain::user::Role;
use account_desk::domain::{Client, Estimate, Fen, Job, JobId, JobStatus, User};
use account_desk::services::{self, Base, Command, Ctx, JobDraft};
use account_desk::store::Store;
use account_desk::ui::model::Route;
use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};

const SCAN: &[u8] = b"%PDF-1.7 estimate signed and stamped with the company chop";

fn user(store: &Store, role: Role) -> User {
    store
        .all::<User>()
        .expect("users")
        .into_iter()
        .find(|u| u.role == role && u.active)
        .expect("the sample has one")
}

/// A new job of the first client, at 预估中, with no estimate yet.
fn estimating_job(store: &Store, ae: &User) -> JobId {
    let now = chrono::Utc::now();
    let ctx = Ctx {
        actor: ae.id,
        now,
        today: chrono::Local::now().date_naive(),
    };
    let client = store.all::<Client>().expect("clients")[0].id;
    let job = services::apply(
        store,
        &ctx,
        Command::CreateJob(JobDraft {
            title: "冬季路演".into(),
            client_id: Some(client),
            requested_on: ctx.today.to_string(),
            ..JobDraft::default()
        }),
    )
    .expect("job");
    let id = JobId(job.id);
    for status in [JobStatus::Briefed, JobStatus::Estimating] {
        services::apply(
            store,
            &ctx,
            Command::SetJobStatus(id, status, Base::Overwrite),
        )
        .expect("status");
    }
    id
}

/// The window on the job's estimates, the AE at the desk.
fn app_on(store: Store, job: JobId, ae: &User) -> AccountDeskApp {
    AccountDeskApp::new(
        store,
        Prefs {
            last_route: Some(Route::Estimates(job)),
            current_user: Some(ae.id),
            ..Prefs::default()
        },
    )
}

fn estimates(h: &Harness<'static, AccountDeskApp>, job: JobId) -> Vec<Estimate> {
    h.state()
        .store()
        .read()
        .expect("read")
        .estimates(Some(job))
        .expect("estimates")
}

fn status(h: &Harness<'static, AccountDeskApp>, job: JobId) -> EstimateStatus {
    let e = estimates(h, job).pop().expect("an estimate");
    let view = h.state().store().read().expect("read");
    let v = view
        .estimate_versions(e.id)
        .expect("versions")
        .pop()
        .expect("version");
    e.status(v.valid_until, chrono::Local::now().date_naive())
}

fn switch_to(h: &mut Harness<'static, AccountDeskApp>, who: &User) {
    h.get_by_label("当前用户").click();
    h.run();
    h.get_by_label(&format!("{} · {}", who.name, who.role.code()))
        .click();
    h.run();
    h.run();
}

fn run(h: &mut Harness<'static, AccountDeskApp>) {
    h.run();
    h.run();
}

#[test]
fn an_estimate_typed_pasted_approved_and_signed_lets_the_job_into_production() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = super::sample_store(&dir.path().join("desk.redb"));
    let (ae, am, office) = (
        user(&store, Role::AccountExecutive),
        user(&store, Role::AccountManager),
        user(&store, Role::DirectorsOffice),
    );
    let job = estimating_job(&store, &ae);
    let mut app = app_on(store, job, &ae);
    let scan = dir.path().join("回传").join("报价单 签字盖章.pdf");
    std::fs::create_dir_all(scan.parent().expect("folder")).expect("folder");
    std::fs::write(&scan, SCAN).expect("scan");
    let answer = scan.clone();
    app.set_file_picker(Box::new(move |_: &str| Some(answer.clone())));
    let mut h = harness(app);
    run(&mut h);

    // The first line by keyboard: Tab walks the cells; moving into a cell selects it, so
    // typing replaces the quantity 1.
    h.get_by_label("第 1 行项目说明").click();
    run(&mut h);
    for (text, then) in [
        ("创意策划", Key::Tab),
        ("方案及提案", Key::Tab),
        ("项", Key::Tab),
        ("1", Key::Tab),
    ] {
        h.event(egui::Event::Text(text.into()));
        run(&mut h);
        h.key_press(then);
        run(&mut h);
    }
    h.event(egui::Event::Text("30000".into()));
    run(&mut h);
    // Planning is the agency's own work (创意): no vendor quote is asked for.
    h.get_by_label("第 1 行类别").click();
    run(&mut h);
    h.get_by_label("创意").click();
    run(&mut h);
    h.get_by_label("第 1 行单价").click();
    run(&mut h);
    h.key_press(Key::End);
    run(&mut h);
    // Enter goes down: a second, empty line, where three rows from Excel are pasted.
    h.key_press(Key::Enter);
    run(&mut h);
    h.event(egui::Event::Paste(
        "制作\tTVC 拍摄\t15 秒 4K\t天\t2\t120000\t光影制作\t190000\t190000\n\
         场地\t发布会场地\t半天\t场\t1\t50000.50\t国际会展中心\t40000\t40000\n\
         人员\t主持人\t\t人\t1\t8000\t星光经纪\t6000\t6000\n"
            .into(),
    ));
    run(&mut h);
    // Ctrl+D duplicates the line with the keyboard; Ctrl+Z takes it back.
    h.key_press_modifiers(Modifiers::COMMAND, Key::D);
    run(&mut h);
    assert!(h.query_by_label("第 5 行项目说明").is_some(), "duplicated");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    run(&mut h);
    assert!(h.query_by_label("第 5 行项目说明").is_none(), "undone");
    assert!(h.query_by_label("第 4 行项目说明").is_some());

    h.get_by_label("保存草稿").click();
    run(&mut h);
    let saved = estimates(&h, job);
    assert_eq!(
        saved.len(),
        1,
        "one estimate made: {:?}",
        h.state().notifications().notes()
    );
    let number = saved[0].number.clone();
    let version = {
        let view = h.state().store().read().expect("read");
        view.estimate_versions(saved[0].id)
            .expect("versions")
            .remove(0)
    };
    let lines: Vec<(&str, i64, Fen)> = version
        .lines
        .iter()
        .map(|l| (l.description.as_str(), l.quantity, l.unit_price))
        .collect();
    assert_eq!(
        lines,
        vec![
            ("创意策划", 1000, Fen(3_000_000)),
            ("TVC 拍摄", 2000, Fen(12_000_000)),
            ("发布会场地", 1000, Fen(5_000_050)),
            ("主持人", 1000, Fen(800_000)),
        ]
    );
    assert_eq!(version.lines[0].specification, "方案及提案");
    assert_eq!(version.lines[0].unit, "项");
    assert_eq!(version.lines[0].category, LineCategory::Creative);
    assert_eq!(version.lines[1].vendor, "光影制作");
    assert_eq!(version.lines[1].vendor_quote, Some(Fen(19_000_000)));

    h.get_by_label("提交审批").click();
    run(&mut h);
    assert_eq!(
        status(&h, job),
        EstimateStatus::Submitted,
        "{:?}",
        h.state().notifications().notes()
    );
    // The author cannot approve their own version: the AM does.
    assert!(h.query_by_label("客户经理批准").is_none());
    switch_to(&mut h, &am);
    // The AM sees it counted beside 待我审批, finds it there and opens it.
    let nav = h
        .get_by_label_contains("待我审批")
        .accesskit_node()
        .label()
        .unwrap_or_default();
    assert_eq!(nav.trim_start_matches("待我审批").trim(), "1", "{nav:?}");
    h.get_by_label_contains("待我审批").click();
    run(&mut h);
    h.get_by_label(&format!("打开 {number}")).click();
    run(&mut h);
    assert_eq!(h.state().route(), Route::Estimates(job));
    h.get_by_label("客户经理批准").click();
    run(&mut h);
    assert_eq!(status(&h, job), EstimateStatus::AmApproved);
    switch_to(&mut h, &office);
    h.get_by_label("总监室批准").click();
    run(&mut h);
    assert_eq!(status(&h, job), EstimateStatus::DirectorApproved);
    // Before sending, what it does to the client's production budget for the year.
    assert!(
        h.query_by_label_contains("预算检查：此报价签署后")
            .is_some(),
        "the budget check is shown"
    );
    h.get_by_label("标记为已发送客户").click();
    run(&mut h);
    assert_eq!(status(&h, job), EstimateStatus::Sent);

    // The signature: the version and the hash as printed on the paper, the scan chosen.
    let hash = {
        let e = estimates(&h, job).remove(0);
        e.events
            .iter()
            .find(|x| x.step == EstimateStep::Sent)
            .expect("sent")
            .hash
            .short()
    };
    h.get_by_label("记录客户签署…").click();
    run(&mut h);
    h.get_by_label("签字页上的哈希").click();
    run(&mut h);
    h.get_by_label("签字页上的哈希").type_text(&hash);
    run(&mut h);
    h.get_by_label("选择签字扫描件并记录…").click();
    run(&mut h);
    assert_eq!(status(&h, job), EstimateStatus::Signed, "{number}");
    let e = estimates(&h, job).remove(0);
    let signed = e.signed().expect("signed");
    let file = signed
        .signature
        .as_ref()
        .and_then(|s| s.file.clone())
        .expect("the scan is attached");
    assert_eq!(file.original_name, "报价单 签字盖章.pdf");
    assert_eq!(file.size, SCAN.len() as u64);
    // The signed copy is in the job file too, as the signed production estimate.
    let docs = account_desk::services::documents::of_job(h.state().store(), job).expect("docs");
    let filed = docs
        .iter()
        .find(|d| d.number == e.number)
        .expect("filed in the job file");
    assert_eq!(
        filed.kind,
        account_desk::domain::document::DocumentKind::ProductionEstimate
    );
    assert_eq!(
        filed.status(),
        account_desk::domain::document::DocumentStatus::Signed
    );
    assert_eq!(filed.current().map(|v| v.file.hash), Some(file.hash));
    // The PDF as sent was filed when it went out; the signed scan is its next version.
    assert_eq!(filed.versions.len(), 2);
    assert_eq!(
        filed.versions[0].status,
        account_desk::domain::document::DocumentStatus::Final
    );
    assert!(filed.versions[0].file.original_name.ends_with(".pdf"));
    assert!(filed.amount.is_some_and(|a| a.0 > 0));

    // The job's production is unlocked: the gate says so, and the step goes through.
    h.get_by_label("← 工作").click();
    run(&mut h);
    assert!(
        h.query_by_label_contains("已有客户签署（哈希一致）的制作报价")
            .is_some(),
        "the gate is open"
    );
    h.get_by_label("→ 制作中").click();
    run(&mut h);
    let job: Job = h.state().store().get(job.0).expect("read").expect("job");
    assert_eq!(job.status, JobStatus::InProduction);
}

/// A sheet whose headers the reader does not know is mapped once, imported into the table,
/// and the mapping is remembered: the agency's next sheet is read at once.
#[test]
fn an_excel_estimate_with_the_agencys_own_headers_is_mapped_once_and_remembered() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = super::sample_store(&dir.path().join("desk.redb"));
    let ae = user(&store, Role::AccountExecutive);
    let job = estimating_job(&store, &ae);
    let mut app = app_on(store, job, &ae);
    let sheet = dir.path().join("冬季路演 报价.csv");
    std::fs::write(
        &sheet,
        "冬季路演 报价单,,,,\n费用项目,计量,次数,报价,合价\n舞台搭建,项,1,30000,30000\n灯光音响,天,2,8000,16000\n合计,,,,46000\n",
    )
    .expect("sheet");
    let answer = sheet.clone();
    app.set_file_picker(Box::new(move |_: &str| Some(answer.clone())));
    let mut h = harness(app);
    run(&mut h);

    h.get_by_label("从 Excel 导入…").click();
    run(&mut h);
    assert!(
        h.get_by_label("导入 0 行").accesskit_node().is_disabled(),
        "nothing to import before the mapping"
    );
    for (role, header) in [
        ("表头：项目说明", "费用项目"),
        ("表头：单位", "计量"),
        ("表头：数量", "次数"),
        ("表头：单价", "报价"),
    ] {
        h.get_by_label(role).click();
        run(&mut h);
        h.get_by_label(role).type_text(header);
        run(&mut h);
    }
    h.get_by_label("按表头重新读取").click();
    run(&mut h);
    h.get_by_label("导入 2 行").click();
    run(&mut h);
    assert!(h.query_by_label("第 2 行项目说明").is_some());
    assert!(
        h.query_by_label("第 3 行项目说明").is_none(),
        "the empty line gave way"
    );
    let headers = h
        .state()
        .store()
        .read()
        .expect("read")
        .money_settings()
        .expect("settings")
        .sheet_headers;
    assert!(headers.contains(&(
        account_desk::domain::estimate::SheetColumn::Description,
        "费用项目".to_string()
    )));

    // The next sheet of the agency: read at once with the remembered headers.
    std::fs::write(
        &sheet,
        "费用项目,计量,次数,报价\n主持人,人,1,6000\n礼仪,人,4,800\n摄影,天,1,5000\n",
    )
    .expect("sheet");
    h.get_by_label("从 Excel 导入…").click();
    run(&mut h);
    h.get_by_label("导入 3 行").click();
    run(&mut h);
    assert!(
        h.query_by_label("第 5 行项目说明").is_some(),
        "two lines and three more"
    );
}
