//! The job file: filing documents, their versions, moving, the trash, the legal hold, on a
//! temporary database with its file store.

use super::*;
use crate::domain::document::{DocumentKind, DocumentStatus, TextState};
use crate::domain::{Document, DocumentId};
use crate::services::documents::{
    DocumentDraft, DocumentRefusal, FiledWith, filed_as, of_client, of_job,
};

fn stored_file(f: &Fixture, name: &str, bytes: &[u8]) -> crate::domain::FileRef {
    let dir = f._dir.path().join("in");
    std::fs::create_dir_all(&dir).expect("dir");
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("write");
    crate::services::files::import_document_file(&f.store, FiledWith::Reference, &path)
        .expect("stored")
}

fn file_doc(
    f: &Fixture,
    with: FiledWith,
    kind: DocumentKind,
    title: &str,
    bytes: &[u8],
) -> Result<DocumentId, ServiceError> {
    let file = stored_file(f, &format!("{title}.pdf"), bytes);
    let mut draft = DocumentDraft::new(kind, title);
    draft.dated = NaiveDate::from_ymd_opt(2026, 10, 20);
    apply(
        &f.store,
        &f.ctx,
        Command::FileDocument(with, Box::new(draft), file),
    )
    .map(|a| DocumentId(a.id))
}

fn doc(f: &Fixture, id: DocumentId) -> Document {
    f.store
        .get::<Document>(id.0)
        .ok()
        .flatten()
        .expect("the document")
}

/// A new user named `name` in `role`, and the context of their changes.
fn acting_as(f: &Fixture, name: &str, role: Role) -> Ctx {
    let user = apply(
        &f.store,
        &f.ctx,
        Command::AddUser(UserDraft {
            name: name.into(),
            role,
            active: true,
        }),
    )
    .expect("a new user");
    Ctx {
        actor: UserId(user.id),
        ..f.ctx
    }
}

fn refusal(r: Result<Applied, ServiceError>) -> Option<DocumentRefusal> {
    match r {
        Err(ServiceError::Document(d)) => Some(d),
        _ => None,
    }
}

#[test]
fn a_document_filed_with_a_job_belongs_to_its_client_and_brand_and_is_found_by_its_file() {
    let f = fixture();
    let c = client(&f, "宝马");
    let j = job(&f, c);
    let id = file_doc(
        &f,
        FiledWith::Job(j),
        DocumentKind::MediaPlan,
        "Q3 户外排期",
        b"plan",
    )
    .expect("filed");
    let d = doc(&f, id);
    let stored_job = f.store.get::<Job>(j.0).ok().flatten().expect("job");
    assert_eq!((d.client_id, d.job_id), (c, Some(j)));
    assert_eq!(d.brand_id, stored_job.brand_id);
    assert_eq!(d.versions.len(), 1);
    assert_eq!(d.versions[0].text, TextState::Pending);
    assert_eq!(d.status(), DocumentStatus::Final);
    assert_eq!(of_job(&f.store, j).expect("job's").len(), 1);
    assert_eq!(of_client(&f.store, c).expect("client's").len(), 1);
    // The same bytes are recognised by their fingerprint, whatever the name.
    let again = stored_file(&f, "副本.pdf", b"plan");
    let found = filed_as(&f.store, again.hash).expect("found");
    assert_eq!(found.iter().map(|d| d.id).collect::<Vec<_>>(), vec![id]);
    // The file is what check counts as named: no orphan.
    let report = f
        .store
        .check_files()
        .expect("checked")
        .expect("a file store");
    assert!(report.orphans.is_empty(), "{:?}", report.orphans);
    // A blank title is refused and names the field.
    let blank = file_doc(&f, FiledWith::Job(j), DocumentKind::Other, " ", b"x");
    let msg = blank.err().map(|e| e.message(Lang::Zh)).unwrap_or_default();
    assert!(msg.contains("文件标题"), "{msg}");
    // A job that is not there is refused.
    let gone = file_doc(
        &f,
        FiledWith::Job(JobId(999_999)),
        DocumentKind::Other,
        "x",
        b"y",
    );
    assert!(matches!(gone, Err(ServiceError::Invalid(_))));
}

#[test]
fn versions_edits_and_a_move_are_kept_and_undone() {
    let f = fixture();
    let c = client(&f, "蒙牛");
    let (j1, j2) = (job(&f, c), job(&f, c));
    let id = file_doc(
        &f,
        FiledWith::Job(j1),
        DocumentKind::ProductionEstimate,
        "报价",
        b"v1",
    )
    .expect("filed");
    let v2 = stored_file(&f, "报价-签字.pdf", b"v2 signed");
    apply(
        &f.store,
        &f.ctx,
        Command::AddDocumentVersion(id, v2.clone(), DocumentStatus::Signed, "客户签字".into()),
    )
    .expect("v2");
    let d = doc(&f, id);
    assert_eq!(d.versions.len(), 2);
    assert_eq!(d.status(), DocumentStatus::Signed);
    assert_eq!(d.current().map(|v| v.file.hash), Some(v2.hash));
    let mut draft = DocumentDraft::of(&d);
    draft.number = "HT-2026-08".into();
    draft.tags = vec!["春节".into(), " ".into(), "春节".into()];
    let edit = apply(
        &f.store,
        &f.ctx,
        Command::UpdateDocument(id, Box::new(draft), Base::Overwrite),
    )
    .expect("edited");
    assert_eq!(doc(&f, id).tags, vec!["春节".to_string()]);
    apply(
        &f.store,
        &f.ctx,
        Command::Undo(Box::new(edit.undo.expect("undo"))),
    )
    .expect("undone");
    assert_eq!(doc(&f, id).number, "");
    let moved = apply(
        &f.store,
        &f.ctx,
        Command::RefileDocument(id, FiledWith::Job(j2)),
    )
    .expect("moved");
    assert_eq!(doc(&f, id).job_id, Some(j2));
    assert!(of_job(&f.store, j1).expect("j1").is_empty());
    assert_eq!(of_job(&f.store, j2).expect("j2").len(), 1);
    apply(
        &f.store,
        &f.ctx,
        Command::Undo(Box::new(moved.undo.expect("undo"))),
    )
    .expect("back");
    assert_eq!(of_job(&f.store, j1).expect("j1").len(), 1);
    // Filing is undone by removing the record; its files stay in the store.
    let other =
        file_doc(&f, FiledWith::Client(c), DocumentKind::Other, "其他", b"o").expect("filed");
    let undo = f
        .store
        .read()
        .and_then(|v| v.revision::<Document>(crate::store::Key::id(other.0)))
        .ok()
        .flatten()
        .map(|r| r.rev);
    apply(
        &f.store,
        &f.ctx,
        Command::Undo(Box::new(UndoStep {
            reverse: Reverse::Remove(Subject::Document, other.0),
            base: undo,
            before: None,
        })),
    )
    .expect("unfiled");
    assert!(f.store.get::<Document>(other.0).ok().flatten().is_none());
}

#[test]
fn the_trash_keeps_what_the_law_and_a_hold_keep_and_gives_back_the_rest() {
    let f = fixture();
    let c = client(&f, "可口可乐");
    let j = job(&f, c);
    // A brief is not an accounting record: it goes with a reason, and comes back.
    let brief = file_doc(&f, FiledWith::Job(j), DocumentKind::Brief, "简报", b"b").expect("b");
    let no_reason = apply(&f.store, &f.ctx, Command::TrashDocument(brief, " ".into()));
    assert_eq!(refusal(no_reason), Some(DocumentRefusal::NoReason));
    let trashed = apply(
        &f.store,
        &f.ctx,
        Command::TrashDocument(brief, "重复".into()),
    )
    .expect("trashed");
    assert_eq!(
        doc(&f, brief).trashed.map(|t| t.reason),
        Some("重复".into())
    );
    let edit = apply(
        &f.store,
        &f.ctx,
        Command::UpdateDocument(
            brief,
            Box::new(DocumentDraft::new(DocumentKind::Brief, "x")),
            Base::Overwrite,
        ),
    );
    assert_eq!(refusal(edit), Some(DocumentRefusal::InTrash));
    apply(
        &f.store,
        &f.ctx,
        Command::Undo(Box::new(trashed.undo.expect("undo"))),
    )
    .expect("undone");
    assert!(doc(&f, brief).trashed.is_none());
    apply(
        &f.store,
        &f.ctx,
        Command::TrashDocument(brief, "重复".into()),
    )
    .expect("again");
    apply(&f.store, &f.ctx, Command::RestoreDocument(brief)).expect("restored");
    assert!(doc(&f, brief).trashed.is_none());
    let not_in = apply(&f.store, &f.ctx, Command::RestoreDocument(brief));
    assert_eq!(refusal(not_in), Some(DocumentRefusal::NotInTrash));
    // A media invoice of 2026 is kept 30 years: refused to anyone, naming the last day.
    let invoice = file_doc(
        &f,
        FiledWith::Job(j),
        DocumentKind::MediaInvoice,
        "媒介发票",
        b"i",
    )
    .expect("i");
    let kept = apply(
        &f.store,
        &f.ctx,
        Command::TrashDocument(invoice, "错误".into()),
    );
    let r = refusal(kept).expect("refused");
    assert!(
        r.message(Lang::Zh).contains("2056-12-31"),
        "{}",
        r.message(Lang::Zh)
    );
    // A hold is set by an AM or AD only, and then keeps even a brief.
    let by_ae = apply(&f.store, &f.ctx, Command::HoldDocument(brief, true));
    assert_eq!(refusal(by_ae), Some(DocumentRefusal::HoldNeedsManager));
    let as_am = acting_as(&f, "李经理", Role::AccountManager);
    apply(&f.store, &as_am, Command::HoldDocument(brief, true)).expect("held");
    let held = apply(
        &f.store,
        &f.ctx,
        Command::TrashDocument(brief, "清理".into()),
    );
    assert!(matches!(
        refusal(held),
        Some(DocumentRefusal::Kept(
            crate::domain::document::DisposalBlock::LegalHold
        ))
    ));
    // An accounting record past its period goes only by an account director.
    let old = file_doc(
        &f,
        FiledWith::Client(c),
        DocumentKind::BudgetNote,
        "预算摘记",
        b"n",
    )
    .expect("n");
    let mut d = DocumentDraft::of(&doc(&f, old));
    d.dated = NaiveDate::from_ymd_opt(2010, 3, 1);
    apply(
        &f.store,
        &f.ctx,
        Command::UpdateDocument(old, Box::new(d), Base::Overwrite),
    )
    .expect("dated 2010");
    let by_am = apply(&f.store, &as_am, Command::TrashDocument(old, "期满".into()));
    assert_eq!(refusal(by_am), Some(DocumentRefusal::NeedsDirector));
    let as_ad = acting_as(&f, "张总监", Role::AccountDirector);
    apply(&f.store, &as_ad, Command::TrashDocument(old, "期满".into())).expect("by the AD");
    // The change log names each step.
    let log = f.store.read().and_then(|v| v.changes()).unwrap_or_default();
    let deletions = log
        .iter()
        .filter(|c| c.subject == Subject::Document && c.action == Action::Deleted)
        .count();
    assert_eq!(deletions, 3);
}

#[test]
fn an_archived_job_is_read_only_and_archiving_a_completed_one_needs_its_completion_form() {
    let f = fixture();
    let c = client(&f, "宝马");
    let j = job(&f, c);
    let brief = file_doc(&f, FiledWith::Job(j), DocumentKind::Brief, "简报", b"b").expect("b");
    let say = |to, why: &str| {
        apply(
            &f.store,
            &f.ctx,
            Command::MoveJobSaying(j, to, why.into(), Base::Overwrite),
        )
    };
    say(JobStatus::Archived, "客户预算取消").expect("cancelled");
    // Its file, its brief and its details are kept as they were.
    fn archived<T>(r: Result<T, ServiceError>) -> bool {
        matches!(r, Err(ServiceError::Archived(ref n)) if n.starts_with("2026-"))
    }
    let late = file_doc(&f, FiledWith::Job(j), DocumentKind::Other, "迟到", b"l");
    assert!(archived(late));
    let trash = apply(
        &f.store,
        &f.ctx,
        Command::TrashDocument(brief, "清理".into()),
    );
    assert!(archived(trash));
    let brief_save = apply(
        &f.store,
        &f.ctx,
        Command::SaveBrief(j, Default::default(), Base::Overwrite),
    );
    assert!(archived(brief_save));
    let message = ServiceError::Archived("2026-0001".into()).message(Lang::Zh);
    assert!(message.contains("重新打开"), "{message}");
    // Undoing the filing of its brief would change its file too.
    let undo = Command::Undo(Box::new(crate::services::UndoStep {
        reverse: crate::services::Reverse::Remove(Subject::Document, brief.0),
        base: None,
        before: None,
    }));
    assert!(archived(apply(&f.store, &f.ctx, undo)));
    // Reopened, with a reason, it takes changes again; never produced, it is cancelled again
    // without a completion form.
    say(JobStatus::Completed, "客户恢复预算").expect("reopened");
    file_doc(&f, FiledWith::Job(j), DocumentKind::Other, "补充", b"more").expect("filed");
    let step = |j, to| {
        apply(
            &f.store,
            &f.ctx,
            Command::SetJobStatus(j, to, Base::Overwrite),
        )
    };
    step(j, JobStatus::Archived).expect("cancelled again");
    // A job that went into production (here let in by the account director) is archived
    // once completed only with its completion form in its file.
    let as_ad = acting_as(&f, "张总监", Role::AccountDirector);
    let made = job(&f, c);
    step(made, JobStatus::Briefed).expect("briefed");
    step(made, JobStatus::Estimating).expect("estimating");
    apply(
        &f.store,
        &as_ad,
        Command::ReleaseJob(made, "客户口头确认".into()),
    )
    .expect("let in");
    step(made, JobStatus::Completed).expect("completed");
    let early = step(made, JobStatus::Archived);
    assert!(
        matches!(early, Err(ServiceError::CompletionFormMissing(_))),
        "{early:?}"
    );
    let form = DocumentKind::JobCompletion;
    file_doc(&f, FiledWith::Job(made), form, "工作完成表", b"form").expect("the form");
    step(made, JobStatus::Archived).expect("archived with its form");
    // A legal hold is still set on an archived job's document.
    apply(&f.store, &as_ad, Command::HoldDocument(brief, true)).expect("held");
}

#[test]
fn a_document_in_the_trash_is_purged_only_after_its_thirty_days() {
    let f = fixture();
    let c = client(&f, "宝马");
    let j = job(&f, c);
    let id = file_doc(&f, FiledWith::Job(j), DocumentKind::Other, "草图", b"s").expect("s");
    let kept = file_doc(&f, FiledWith::Job(j), DocumentKind::Other, "定稿", b"k").expect("k");
    let purge = |now: chrono::DateTime<Utc>, id| {
        let ctx = Ctx { now, ..f.ctx };
        apply(&f.store, &ctx, Command::PurgeDocument(id))
    };
    assert_eq!(
        refusal(purge(f.ctx.now, id)),
        Some(DocumentRefusal::NotInTrash)
    );
    apply(&f.store, &f.ctx, Command::TrashDocument(id, "重复".into())).expect("trashed");
    let day29 = f.ctx.now + chrono::Duration::days(29);
    let from = NaiveDate::from_ymd_opt(2026, 12, 26).expect("day");
    assert_eq!(
        refusal(purge(day29, id)),
        Some(DocumentRefusal::TrashKept(from))
    );
    let day30 = f.ctx.now + chrono::Duration::days(30);
    assert_eq!(
        crate::services::documents::purge_due(&f.store, day29).expect("due"),
        Vec::<DocumentId>::new()
    );
    assert_eq!(
        crate::services::documents::purge_due(&f.store, day30).expect("due"),
        vec![id]
    );
    // A work that shows it lets it go with it; a held document stays.
    let mut work = crate::services::works::WorkDraft::new(c, "草图广告");
    work.documents = vec![id];
    apply(&f.store, &f.ctx, Command::AddCreativeWork(Box::new(work))).expect("work");
    let as_am = acting_as(&f, "李经理", Role::AccountManager);
    let held = file_doc(&f, FiledWith::Job(j), DocumentKind::Other, "留存", b"h").expect("h");
    apply(
        &f.store,
        &f.ctx,
        Command::TrashDocument(held, "重复".into()),
    )
    .expect("trashed");
    apply(&f.store, &as_am, Command::HoldDocument(held, true)).expect("held");
    assert_eq!(
        crate::services::documents::purge_due(&f.store, day30).expect("due"),
        vec![id]
    );
    assert!(matches!(
        refusal(purge(day30, held)),
        Some(DocumentRefusal::Kept(_))
    ));
    purge(day30, id).expect("purged");
    assert!(f.store.get::<Document>(id.0).expect("read").is_none());
    let works: Vec<crate::domain::CreativeWork> = f.store.all().expect("works");
    assert!(works.iter().all(|w| w.documents.is_empty()), "{works:?}");
    assert!(f.store.get::<Document>(kept.0).expect("read").is_some());
    let log = f.store.read().and_then(|v| v.changes()).unwrap_or_default();
    assert!(
        log.iter()
            .any(|c| c.summary == "草图（回收站满 30 天，永久删除）"),
        "{:?}",
        log.iter().map(|c| &c.summary).collect::<Vec<_>>()
    );
}
