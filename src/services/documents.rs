//! Use cases of the job file and the archive: filing a document with its first version,
//! editing what it is, adding versions, moving it to another place, the trash and the legal
//! hold. The file itself is imported into the file store before the command that names it
//! (see [`super::files::import_document_file`]), so a record never names a file that is not
//! stored; a crash between the two leaves only an orphan file, which `check` reports.

use super::*;
use crate::domain::document::{
    DisposalBlock, Document, DocumentKind, DocumentStatus, DocumentVersion, TextState, Trashed,
    may_dispose,
};
use crate::domain::text::{optional_line, required_line};
use crate::domain::{BrandId, DocumentId, Fen, FileHash, FileRef, Role};
use crate::search::DocKind;

mod trash;
pub(super) use trash::{purge, restore, trash};
pub use trash::{purge_due, purge_trash};

/// Where a document is filed: the screen it was added from decides, the person may change
/// it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FiledWith {
    /// A client's file, outside any job.
    Client(ClientId),
    /// A brand's file.
    Brand(BrandId),
    /// A job's file (工作档案).
    Job(JobId),
    /// A meeting's papers.
    Meeting(MeetingId),
    /// The agency's reference files (相关资料), under a topic.
    Reference,
}

/// What a document is, as a person typed it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentDraft {
    /// Its kind.
    pub kind: DocumentKind,
    /// Its title (required).
    pub title: String,
    /// The day it is dated.
    pub dated: Option<NaiveDate>,
    /// 发票号 / 合同号.
    pub number: String,
    /// Who it is with or from.
    pub counterparty: String,
    /// Its amount, where it has one.
    pub amount: Option<Fen>,
    /// Tags (blank ones are dropped, repeats kept once).
    pub tags: Vec<String>,
    /// The topic of reference material.
    pub topic: String,
    /// Where its newest version stands.
    pub status: DocumentStatus,
}

impl DocumentDraft {
    /// A draft for a file of `kind` titled `title`, everything else blank.
    pub fn new(kind: DocumentKind, title: impl Into<String>) -> Self {
        DocumentDraft {
            kind,
            title: title.into(),
            dated: None,
            number: String::new(),
            counterparty: String::new(),
            amount: None,
            tags: Vec::new(),
            topic: String::new(),
            status: DocumentStatus::Final,
        }
    }

    /// The draft of what `doc` is now, for its edit form.
    pub fn of(doc: &Document) -> Self {
        DocumentDraft {
            kind: doc.kind,
            title: doc.title.clone(),
            dated: doc.dated,
            number: doc.number.clone(),
            counterparty: doc.counterparty.clone(),
            amount: doc.amount,
            tags: doc.tags.clone(),
            topic: doc.topic.clone(),
            status: doc.status(),
        }
    }

    fn validate(self) -> Result<DocumentDraft, ServiceError> {
        let mut tags: Vec<String> = Vec::new();
        for t in &self.tags {
            let t = optional_line("tags", t)?;
            if !t.is_empty() && !tags.contains(&t) {
                tags.push(t);
            }
        }
        if tags.len() > 50 {
            return Err(FieldError {
                field: "tags",
                problem: Problem::TooMany { max: 50 },
            }
            .into());
        }
        Ok(DocumentDraft {
            title: required_line("document_title", &self.title)?,
            number: optional_line("document_number", &self.number)?,
            counterparty: optional_line("counterparty", &self.counterparty)?,
            topic: optional_line("topic", &self.topic)?,
            tags,
            ..self
        })
    }
}

/// Why a change to a document was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DocumentRefusal {
    /// The law or a legal hold keeps it.
    Kept(DisposalBlock),
    /// An accounting record past its period goes only with an account director's approval.
    NeedsDirector,
    /// Putting it in the trash needs a reason.
    NoReason,
    /// It is in the trash: restore it first.
    InTrash,
    /// It is not in the trash.
    NotInTrash,
    /// It has not been in the trash its 30 days yet: purged from the day given.
    TrashKept(chrono::NaiveDate),
    /// Only an account manager or director sets or lifts a legal hold.
    HoldNeedsManager,
}

impl DocumentRefusal {
    /// What to tell the person.
    pub fn message(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        match self {
            DocumentRefusal::Kept(block) => block.describe(zh),
            DocumentRefusal::NeedsDirector => lang
                .pick(
                    "这是保管期已满的会计档案：须由客户总监批准后删除。",
                    "An accounting record past its period is deleted only with an account director's approval.",
                )
                .into(),
            DocumentRefusal::NoReason => lang
                .pick(
                    "请写明删除的理由。",
                    "Say why the document goes to the trash.",
                )
                .into(),
            DocumentRefusal::InTrash => lang
                .pick(
                    "该文件在回收站中：请先恢复。",
                    "The document is in the trash: restore it first.",
                )
                .into(),
            DocumentRefusal::NotInTrash => lang
                .pick("该文件不在回收站中。", "The document is not in the trash.")
                .into(),
            DocumentRefusal::TrashKept(from) => match lang {
                Lang::Zh => format!("回收站中的文件保留 30 天，{from} 起才会永久删除。"),
                Lang::En => format!(
                    "Documents stay in the trash for 30 days: this one is deleted for good from {from}."
                ),
            },
            DocumentRefusal::HoldNeedsManager => lang
                .pick(
                    "只有客户经理或客户总监可以设置或解除法律保全。",
                    "Only an account manager or director sets or lifts a legal hold.",
                )
                .into(),
        }
    }
}

fn refused(r: DocumentRefusal) -> ServiceError {
    ServiceError::Document(r)
}

/// The client, brand, job and meeting a place stands for, each checked to exist.
type Place = (ClientId, Option<BrandId>, Option<JobId>, Option<MeetingId>);

fn place(tx: &WriteTx, with: FiledWith) -> Result<Place, ServiceError> {
    Ok(match with {
        FiledWith::Client(c) => {
            check_ref::<Client>(tx, "client", c.0)?;
            (c, None, None, None)
        }
        FiledWith::Brand(b) => {
            let brand: Brand = check_ref(tx, "brand", b.0)?;
            (brand.client_id, Some(b), None, None)
        }
        FiledWith::Job(j) => {
            let job: Job = check_ref(tx, "job", j.0)?;
            (job.client_id, job.brand_id, Some(j), None)
        }
        FiledWith::Meeting(m) => {
            let meeting: Meeting = check_ref(tx, "meeting", m.0)?;
            (
                meeting.client_id,
                None,
                meeting.jobs.first().copied(),
                Some(m),
            )
        }
        FiledWith::Reference => (ClientId(0), None, None, None),
    })
}

/// A new document with its first version, `file` already in the file store.
pub(super) fn file(
    tx: &mut WriteTx,
    ctx: &Ctx,
    with: FiledWith,
    d: DocumentDraft,
    file: FileRef,
) -> Result<Outcome, ServiceError> {
    let doc = insert(tx, ctx, with, d, file)?;
    Ok(done(
        Subject::Document,
        doc.id.0,
        Action::Created,
        doc.title,
        Some(Reverse::Remove(Subject::Document, doc.id.0)),
    ))
}

/// The client's signed estimate, filed in the job file as the signature is recorded (in
/// the same transaction): as the next version of the copy filed when it was sent, else as
/// a new document — a production estimate or change order as 制作费预估, a media estimate as
/// 已签核之媒介计划 — with its number, amount with tax and the day it was signed.
pub(super) fn file_signed_estimate(
    tx: &mut WriteTx,
    ctx: &Ctx,
    e: &crate::domain::Estimate,
    v: &crate::domain::EstimateVersion,
    file: FileRef,
) -> Result<DocumentId, ServiceError> {
    let kind = match e.kind {
        crate::domain::estimate::EstimateKind::Media => DocumentKind::MediaPlan,
        _ => DocumentKind::ProductionEstimate,
    };
    let amount = v.totals().ok().map(|t| t.gross);
    // The copy sent to the client is in the job file already: the signed scan is its next
    // version (定稿 → 客户签字版).
    let sent: Vec<Document> = tx.job_rows(e.job_id)?;
    if let Some(mut doc) = sent
        .into_iter()
        .find(|d| d.trashed.is_none() && d.kind == kind && d.number == e.number)
    {
        doc.versions.push(DocumentVersion {
            file,
            status: DocumentStatus::Signed,
            note: format!("{} 客户签字版", v.letter()),
            added: ctx.stamp(),
            text: TextState::Pending,
        });
        doc.amount = amount.or(doc.amount);
        doc.audit = doc.audit.touched(ctx.stamp());
        tx.put(&doc)?;
        return Ok(doc.id);
    }
    let mut d = DocumentDraft::new(kind, format!("{} {} 客户签字版", e.number, v.letter()));
    d.dated = Some(ctx.today);
    d.number = e.number.clone();
    d.amount = amount;
    d.status = DocumentStatus::Signed;
    Ok(insert(tx, ctx, FiledWith::Job(e.job_id), d, file)?.id)
}

/// A document the app made and sent or issued (a monthly budget report as issued), filed
/// in the same transaction as the step that sent it, `file` already in the file store.
pub(super) fn file_made(
    tx: &mut WriteTx,
    ctx: &Ctx,
    with: FiledWith,
    d: DocumentDraft,
    file: FileRef,
) -> Result<DocumentId, ServiceError> {
    Ok(insert(tx, ctx, with, d, file)?.id)
}

/// Writes a new document with its first version.
fn insert(
    tx: &mut WriteTx,
    ctx: &Ctx,
    with: FiledWith,
    d: DocumentDraft,
    file: FileRef,
) -> Result<Document, ServiceError> {
    let (client_id, brand_id, job_id, meeting_id) = place(tx, with)?;
    let d = d.validate()?;
    let id = DocumentId(tx.next_id()?);
    let doc = Document {
        id,
        client_id,
        brand_id,
        job_id,
        meeting_id,
        kind: d.kind,
        title: d.title,
        dated: d.dated,
        number: d.number,
        counterparty: d.counterparty,
        amount: d.amount,
        tags: d.tags,
        topic: d.topic,
        versions: vec![DocumentVersion {
            file,
            status: d.status,
            note: String::new(),
            added: ctx.stamp(),
            text: TextState::Pending,
        }],
        legal_hold: false,
        trashed: None,
        audit: Audit::new(ctx.stamp()),
    };
    tx.put(&doc)?;
    Ok(doc)
}

/// Reads a document to change, refused while it is in the trash (unless `trashed_ok`).
fn live(tx: &WriteTx, id: DocumentId) -> Result<Document, ServiceError> {
    let doc: Document = need(tx, "document", id.0)?;
    if doc.trashed.is_some() {
        return Err(refused(DocumentRefusal::InTrash));
    }
    Ok(doc)
}

fn changed(before: Document, after: &Document, summary: String) -> Outcome {
    done(
        Subject::Document,
        after.id.0,
        Action::Updated,
        summary,
        Some(Reverse::Restore(Snapshot::from(before))),
    )
}

/// What a document is, edited from the revision shown. A changed status is the newest
/// version's.
pub(super) fn update(
    tx: &mut WriteTx,
    stamp: Stamp,
    id: DocumentId,
    d: DocumentDraft,
    base: Base,
) -> Result<Outcome, ServiceError> {
    base.check(tx, Kind::Document, Key::id(id.0))?;
    let before = live(tx, id)?;
    let d = d.validate()?;
    let mut after = Document {
        kind: d.kind,
        title: d.title,
        dated: d.dated,
        number: d.number,
        counterparty: d.counterparty,
        amount: d.amount,
        tags: d.tags,
        topic: d.topic,
        audit: before.audit.touched(stamp),
        ..before.clone()
    };
    if let Some(v) = after.versions.last_mut() {
        v.status = d.status;
    }
    tx.put(&after)?;
    let summary = after.title.clone();
    Ok(changed(before, &after, summary))
}

/// The next version of a document: `file` already in the file store.
pub(super) fn add_version(
    tx: &mut WriteTx,
    ctx: &Ctx,
    id: DocumentId,
    file: FileRef,
    status: DocumentStatus,
    note: &str,
) -> Result<Outcome, ServiceError> {
    let before = live(tx, id)?;
    let note = optional_line("version_note", note)?;
    let mut after = before.clone();
    after.versions.push(DocumentVersion {
        file,
        status,
        note,
        added: ctx.stamp(),
        text: TextState::Pending,
    });
    after.audit = after.audit.touched(ctx.stamp());
    tx.put(&after)?;
    let summary = format!("{} v{}", after.title, after.versions.len());
    Ok(changed(before, &after, summary))
}

/// A document moved to another place (filed with the wrong job, say).
pub(super) fn refile(
    tx: &mut WriteTx,
    stamp: Stamp,
    id: DocumentId,
    with: FiledWith,
) -> Result<Outcome, ServiceError> {
    let before = live(tx, id)?;
    let (client_id, brand_id, job_id, meeting_id) = place(tx, with)?;
    let after = Document {
        client_id,
        brand_id,
        job_id,
        meeting_id,
        audit: before.audit.touched(stamp),
        ..before.clone()
    };
    tx.put(&after)?;
    let summary = after.title.clone();
    Ok(changed(before, &after, summary))
}

/// A legal hold set or lifted, by an account manager or director.
pub(super) fn hold(
    tx: &mut WriteTx,
    ctx: &Ctx,
    id: DocumentId,
    on: bool,
) -> Result<Outcome, ServiceError> {
    let role = tx.get::<User>(ctx.actor.0)?.map(|u| u.role);
    if !matches!(role, Some(Role::AccountManager | Role::AccountDirector)) {
        return Err(refused(DocumentRefusal::HoldNeedsManager));
    }
    let before: Document = need(tx, "document", id.0)?;
    let after = Document {
        legal_hold: on,
        audit: before.audit.touched(ctx.stamp()),
        ..before.clone()
    };
    tx.put(&after)?;
    let summary = after.title.clone();
    Ok(changed(before, &after, summary))
}

impl RecordKind for Document {
    const SUBJECT: Subject = Subject::Document;
    const NAME: KindName = KindName {
        zh: "文件",
        en: "Document",
    };
    const SEARCH: Option<DocKind> = Some(DocKind::Document);

    fn id(&self) -> u64 {
        self.id.0
    }

    fn summary(&self) -> String {
        self.title.clone()
    }

    fn restored(self, stamp: Stamp) -> Self {
        Document {
            audit: self.audit.touched(stamp),
            ..self
        }
    }

    fn check_refs(&self, tx: &WriteTx) -> Result<(), ServiceError> {
        if self.client_id.0 != 0 {
            check_ref::<Client>(tx, "client", self.client_id.0)?;
        }
        if let Some(j) = self.job_id {
            check_ref::<Job>(tx, "job", j.0)?;
        }
        Ok(())
    }
}

/// The documents filed with a job, trashed ones included (the caller picks), oldest first.
pub fn of_job(store: &Store, job: JobId) -> Result<Vec<Document>, ServiceError> {
    Ok(store.read()?.job_rows::<Document>(job)?)
}

/// Every document of a client (its jobs', brands' and meetings' included), oldest first.
pub fn of_client(store: &Store, client: ClientId) -> Result<Vec<Document>, ServiceError> {
    Ok(store.read()?.client_rows::<Document>(client)?)
}

/// The documents whose versions hold the file with fingerprint `hash`: the same file added
/// again is recognised ("already filed as …").
pub fn filed_as(store: &Store, hash: FileHash) -> Result<Vec<Document>, ServiceError> {
    let mut out = Vec::new();
    store.read()?.each::<Document>(|d| {
        if d.files().any(|f| f.hash == hash) {
            out.push(d);
        }
    })?;
    Ok(out)
}
