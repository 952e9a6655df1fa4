use super::*;
use crate::domain::{Job, User};
use crate::store::Kind;

fn small(seed: u64) -> Plan {
    Plan {
        users: 12,
        clients: 7,
        brands_per_client: 2,
        contacts: 30,
        contracts: 9,
        jobs: 150,
        years: 2,
        seed,
    }
}

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn run(plan: &Plan) -> (tempfile::TempDir, Store, Generated, Vec<Progress>) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("gen.redb")).unwrap();
    let now = "2026-11-27T08:00:00Z".parse::<DateTime<Utc>>().unwrap();
    let mut seen = Vec::new();
    let out = generate(&store, plan, now, day("2026-11-27"), &mut |p| seen.push(p)).unwrap();
    (dir, store, out, seen)
}

#[test]
fn writes_exactly_the_planned_records_and_they_all_decode() {
    let plan = small(7);
    let (_dir, store, out, progress) = run(&plan);
    assert_eq!(out.users, 12);
    assert_eq!(out.clients, 7);
    assert_eq!(out.brands, 14);
    assert_eq!(out.contacts, 30);
    assert_eq!(out.contracts, 9);
    assert_eq!(out.jobs, 150);
    assert!(out.brief_versions >= 150, "{out}");
    assert!(out.status_changes > 150, "{out}");
    let report = store.check().unwrap();
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    assert_eq!(report.count(Kind::Job), 150);
    assert_eq!(report.count(Kind::Client), 7);
    assert_eq!(report.count(Kind::Contact), 30);
    assert_eq!(report.count(Kind::BriefVersion), out.brief_versions);
    // Every job has the standard plan; most were issued to the client.
    assert_eq!(report.count(Kind::Schedule), 150);
    assert_eq!(out.tasks, 150 * 10);
    assert_eq!(report.count(Kind::IssuedSchedule), out.issued_schedules);
    assert!((60..=120).contains(&out.issued_schedules), "{out}");
    // A kick-off meeting per job, a review for some: about 4 meetings to 3 jobs.
    assert_eq!(report.count(Kind::Meeting), out.meetings);
    assert!((170..=240).contains(&out.meetings), "{out}");
    let meetings: Vec<crate::domain::Meeting> = store.all().unwrap();
    let confirmed = meetings
        .iter()
        .filter(|m| m.state() == crate::domain::meeting::MinutesState::Confirmed)
        .count();
    assert!(
        confirmed * 10 > out.meetings * 7,
        "most minutes came back confirmed"
    );
    assert!(
        meetings.iter().any(|m| m.sent.len() == 2),
        "some were revised"
    );
    // Signed work is invoiced (a deposit, then the balance) and paid; each client has a
    // budget for every year it asked for work in.
    assert_eq!(report.count(Kind::Invoice), out.invoices, "{out}");
    assert!(out.invoices > out.estimates / 2, "{out}");
    assert!(out.receipts > out.invoices / 3, "{out}");
    assert_eq!(report.count(Kind::Budget), out.budgets);
    assert_eq!(
        report.count(Kind::Estimate),
        out.estimates + out.change_orders,
        "{out}"
    );
    let changes: Vec<crate::domain::Estimate> = store
        .all::<crate::domain::Estimate>()
        .unwrap()
        .into_iter()
        .filter(|e| e.kind == crate::domain::estimate::EstimateKind::ChangeOrder)
        .collect();
    assert_eq!(changes.len(), out.change_orders);
    assert!(out.change_orders > 0, "{out}");
    assert!(
        changes
            .iter()
            .all(|c| c.signed().is_some() && c.number.contains("-C"))
    );
    assert!(out.budgets >= 7, "{out}");
    let invoices: Vec<crate::domain::invoice::Invoice> = store.all().unwrap();
    let estimates: Vec<crate::domain::Estimate> = store.all().unwrap();
    for i in &invoices {
        let e = estimates
            .iter()
            .find(|e| e.id == i.estimate_id)
            .expect("billed estimate");
        assert!(e.signed().is_some(), "{} billed unsigned", e.number);
        assert!(i.received() <= i.gross());
    }
    // Every command was logged, as in the window.
    assert!(report.count(Kind::Change) >= 12 + 7 + 14 + 30 + 9 + 150 + out.brief_versions);
    let last = progress.last().unwrap();
    assert_eq!((last.stage, last.done), ("job history", last.total));
}

#[test]
fn the_same_seed_writes_the_same_agency_and_another_seed_another() {
    let plan = small(42);
    let (_a, first, _, _) = run(&plan);
    let (_b, second, _, _) = run(&plan);
    let summary = |s: &Store| -> Vec<(String, String, String)> {
        s.all::<Job>()
            .unwrap()
            .into_iter()
            .map(|j| {
                let brief = s.latest_brief(j.id).unwrap().unwrap();
                (j.number.text, j.title, brief.content.background)
            })
            .collect()
    };
    assert_eq!(summary(&first), summary(&second));
    let (_c, other, _, _) = run(&small(43));
    assert_ne!(summary(&first), summary(&other));
}

#[test]
fn jobs_are_numbered_in_calendar_order_and_old_ones_are_archived() {
    let (_dir, store, _, _) = run(&small(3));
    let mut jobs = store.all::<Job>().unwrap();
    jobs.sort_by_key(|j| (j.number.year, j.number.seq));
    for pair in jobs.windows(2) {
        assert!(pair[0].requested_on <= pair[1].requested_on, "{pair:?}");
    }
    for j in &jobs {
        assert_eq!(j.number.year, j.requested_on.year(), "{j:?}");
        assert!(j.requested_on >= day("2024-11-27") && j.requested_on <= day("2026-11-27"));
        assert!(j.team.ae.is_some() && j.team.am.is_some(), "{j:?}");
    }
    let old_archived = jobs
        .iter()
        .filter(|j| j.requested_on < day("2025-06-01"))
        .all(|j| j.status == JobStatus::Archived);
    assert!(old_archived);
    assert!(jobs.iter().any(|j| j.status != JobStatus::Archived));
    // Text is realistic Chinese, not placeholders.
    let brief = store.latest_brief(jobs[0].id).unwrap().unwrap();
    assert!(!brief.content.background.contains('{'), "{brief:?}");
    assert!(
        brief
            .content
            .background
            .chars()
            .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
    );
}

#[test]
fn people_who_left_are_inactive_and_the_generator_refuses_a_database_in_use() {
    let plan = Plan {
        years: 6,
        ..small(9)
    };
    let (_dir, store, _, _) = run(&plan);
    let users = store.all::<User>().unwrap();
    assert!(users.iter().any(|u| !u.active), "someone left in six years");
    assert!(users.iter().filter(|u| u.active).count() >= 6);
    let now = Utc::now();
    let err = generate(&store, &plan, now, day("2026-11-27"), &mut |_| {}).unwrap_err();
    assert!(matches!(err, GenError::NotEmpty { clients: 7 }), "{err}");
}

#[test]
fn meetings_fall_in_office_hours_and_before_now_whatever_the_hour_of_generating() {
    use crate::domain::Meeting;
    use crate::domain::calendar::WorkCalendar;
    use crate::domain::meeting::OfficeHours;
    let beijing = chrono::FixedOffset::east_opt(8 * 3600).unwrap();
    let (cal, hours) = (WorkCalendar::china(), OfficeHours::default());
    let plan = Plan {
        jobs: 60,
        years: 1,
        ..small(11)
    };
    // 03:00 and 23:40 on Friday 2026-11-27, Beijing; 03:00 on Sunday 2026-11-29.
    for now in [
        "2026-11-26T19:00:00Z",
        "2026-11-27T15:40:00Z",
        "2026-11-28T19:00:00Z",
    ] {
        let now = now.parse::<DateTime<Utc>>().unwrap();
        let today = now.with_timezone(&beijing).date_naive();
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("gen.redb")).unwrap();
        generate(&store, &plan, now, today, &mut |_| {}).unwrap();
        let meetings: Vec<Meeting> = store.all().unwrap();
        assert!(meetings.len() >= 60, "{}", meetings.len());
        for m in &meetings {
            let (start, end) = (
                m.start.with_timezone(&beijing).naive_local(),
                m.end.with_timezone(&beijing).naive_local(),
            );
            assert!(hours.contains(&cal, start, end), "{start}–{end}, at {now}");
            assert!(m.end <= now, "{start}–{end} ends after {now}");
            if let Some(first) = m.sent.first() {
                assert!(first.stamp.at >= m.end, "sent before it ended: {start}");
            }
        }
    }
}

/// Every generated job files its papers as it goes (request, brief, signed estimate,
/// completion form before it is archived; the schedule as issued and each invoice), and
/// twenty of them, asked for as an AE is asked ("2025-0815 的报价单", an invoice by its
/// number), are each the first hit of one search.
#[test]
fn job_files_hold_their_papers_and_each_is_the_first_hit_of_one_search() {
    use crate::domain::document::DocumentKind;
    use crate::search::{DocKind, DocRef};
    let (_dir, store, out, _) = run(&small(11));
    let report = store.check().unwrap();
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    assert_eq!(report.count(Kind::Document), out.documents);
    let jobs: Vec<Job> = store.all().unwrap();
    let docs: Vec<crate::domain::Document> = store.all().unwrap();
    let papers = |j: &Job, kind| {
        docs.iter()
            .filter(|d| d.job_id == Some(j.id) && d.kind == kind)
            .count()
    };
    for j in &jobs {
        assert_eq!(papers(j, DocumentKind::JobRequest), 1, "{}", j.number.text);
    }
    // Archived after completion (not cancelled): with its completion form.
    let estimates: Vec<crate::domain::Estimate> = store.all().unwrap();
    let produced = |j: &Job| {
        estimates
            .iter()
            .any(|e| e.job_id == j.id && e.signed().is_some())
    };
    let archived: Vec<&Job> = jobs
        .iter()
        .filter(|j| j.status == JobStatus::Archived && produced(j))
        .collect();
    assert!(archived.len() > 20, "{}", archived.len());
    for j in &archived {
        assert_eq!(
            papers(j, DocumentKind::JobCompletion),
            1,
            "{}",
            j.number.text
        );
    }
    // The drill: the search box's index over everything, as the window builds it.
    let data = crate::ui::model::Data::load(&store, 0).unwrap();
    let mut index = crate::ui::search_ui::build_index(&data);
    crate::ui::search_ui::index_meetings(&mut index, &data, &store).unwrap();
    let job_papers: Vec<&crate::domain::Document> = docs
        .iter()
        .filter(|d| d.kind != DocumentKind::MediaInvoice)
        .collect();
    let asked: Vec<&crate::domain::Document> = job_papers
        .iter()
        .step_by(job_papers.len() / 20)
        .take(20)
        .copied()
        .collect();
    assert_eq!(asked.len(), 20);
    for d in asked {
        let job = jobs.iter().find(|j| Some(j.id) == d.job_id).unwrap();
        let what = match d.kind {
            DocumentKind::JobRequest => "申请表",
            DocumentKind::Brief => "简报",
            DocumentKind::ProductionEstimate => "报价单",
            DocumentKind::JobCompletion => "完成表",
            DocumentKind::Schedule => "进度表",
            // A job has two invoices (deposit and balance): asked for by its number.
            DocumentKind::ProductionInvoice => "",
            other => panic!("an unexpected paper {other:?}"),
        };
        let query = match what {
            "" => d.number.clone(),
            _ => format!("{} {what}", job.number.text),
        };
        let hits = index.search(&query, 5);
        let first = hits.first().map(|h| h.doc);
        let wanted = DocRef {
            kind: DocKind::Document,
            id: d.id.0,
        };
        assert_eq!(first, Some(wanted), "{query}: {hits:?}");
    }
    // The ad archive and the shelves: a work for about one finished job in five, an item
    // for most of them, a few out on loan; a tape asked for by its name is the first hit.
    assert_eq!(report.count(Kind::CreativeWork), out.creative_works);
    assert_eq!(report.count(Kind::LibraryItem), out.library_items);
    assert!(out.creative_works >= 10, "{out}");
    assert!(out.library_items * 2 > out.creative_works, "{out}");
    let items: Vec<crate::domain::LibraryItem> = store.all().unwrap();
    let out_now = items.iter().filter(|i| i.out_on().is_some()).count();
    assert_eq!(out_now, out.loans);
    // Each work that ran has its media invoice, found by the words inside its file: the
    // words' index names its file among a few that may hold the words, not all of them.
    let invoices: Vec<&crate::domain::Document> = docs
        .iter()
        .filter(|d| d.kind == DocumentKind::MediaInvoice)
        .collect();
    assert_eq!(invoices.len(), out.creative_works);
    let words = crate::store::text_index::TextIndex::of(store.path()).unwrap();
    for d in invoices.iter().take(5) {
        let file = &d.current().unwrap().file;
        let text = crate::services::texts::text_of(store.path(), &file.hash).unwrap();
        let job = text
            .lines()
            .find_map(|l| l.strip_prefix("备注：工作号 "))
            .unwrap();
        let found = crate::services::texts::documents_with_words(&store, &[job]).unwrap();
        assert_eq!(found, [d.id], "{job}");
        let asked = [job.to_string(), d.number.clone()];
        let named = words.candidates(&asked).unwrap().unwrap();
        assert!(named.contains(&file.hash.to_hex().into_bytes()), "{job}");
        assert!(named.len() < invoices.len() / 2, "{job}: {}", named.len());
    }
    let unique: Vec<&crate::domain::LibraryItem> = items
        .iter()
        .filter(|i| items.iter().filter(|o| o.title == i.title).count() == 1)
        .take(5)
        .collect();
    assert_eq!(unique.len(), 5);
    for item in unique {
        let hits = index.search(&item.title, 5);
        let wanted = DocRef {
            kind: DocKind::LibraryItem,
            id: item.id.0,
        };
        assert_eq!(
            hits.first().map(|h| h.doc),
            Some(wanted),
            "{}: {hits:?}",
            item.title
        );
    }
}
