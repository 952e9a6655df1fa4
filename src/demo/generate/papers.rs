//! The papers of the generated job files: each job's request form when it is created, its
//! brief when first briefed, the client's schedule as issued to it, the client's signed
//! production estimate when it goes into production, each production invoice as issued and
//! its completion form before it is archived. Each kind's file is stored
//! once (a desk's file store keeps one copy of equal content) and filed under each job's own
//! name, so a decade of papers costs four small files; the documents are found by their
//! titles, numbers and names like any filed by hand.
//!
//! The media invoices of the works that ran are each a file of their own, with the words an
//! invoice holds (number, seller, client, medium, dates, cities, amount, job number), kept
//! read as a document's text is: they are found by the words inside them.

use super::*;
use crate::domain::Fen;
use crate::domain::FileRef;
use crate::domain::creative::Medium;
use crate::domain::document::{DocumentKind, DocumentStatus};
use crate::services::documents::{DocumentDraft, FiledWith};

/// One kind of paper a generated job files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum JobPaper {
    Request,
    Brief,
    Schedule,
    SignedEstimate,
    Invoice,
    Completion,
}

impl JobPaper {
    const ALL: [JobPaper; 6] = [
        JobPaper::Request,
        JobPaper::Brief,
        JobPaper::Schedule,
        JobPaper::SignedEstimate,
        JobPaper::Invoice,
        JobPaper::Completion,
    ];

    /// Its kind, what it is called in its title and name, its status and the text of its
    /// stored file.
    fn spec(self) -> (DocumentKind, &'static str, DocumentStatus, &'static str) {
        match self {
            JobPaper::Request => (
                DocumentKind::JobRequest,
                "工作申请表",
                DocumentStatus::Signed,
                "工作申请表\n申请部门：客户服务部\n工作内容：见工作简报。\n",
            ),
            JobPaper::Brief => (
                DocumentKind::Brief,
                "工作简报",
                DocumentStatus::Final,
                "工作简报\n背景、目标、受众、核心信息、交付物、必须项、预算、时间。\n",
            ),
            JobPaper::Schedule => (
                DocumentKind::Schedule,
                "客户版工作进度表",
                DocumentStatus::Final,
                "工作进度表（客户版）\n阶段、任务、开始、结束、负责方。\n",
            ),
            JobPaper::Invoice => (
                DocumentKind::ProductionInvoice,
                "制作费发票",
                DocumentStatus::Final,
                "电子发票（增值税专用发票）\n项目：广告制作费\n",
            ),
            JobPaper::SignedEstimate => (
                DocumentKind::ProductionEstimate,
                "制作费报价单 客户签字版",
                DocumentStatus::Signed,
                "制作费报价单（客户签字版）\n客户确认：已签字盖章。\n",
            ),
            JobPaper::Completion => (
                DocumentKind::JobCompletion,
                "工作完成表",
                DocumentStatus::Signed,
                "工作完成表\n交付内容：按工作简报全部交付。\n最终费用：与客户签字报价一致。\n经验总结：提前锁定客户审批节点。\n",
            ),
        }
    }
}

/// The stored file of each kind of paper (`None` in an in-memory database, which keeps no
/// files: its jobs file no papers, and its completed jobs stay completed).
pub(super) struct JobPaperFiles(Vec<(JobPaper, FileRef)>);

impl JobPaperFiles {
    /// Stores one file of each kind of paper in `store`'s file store.
    pub(super) fn stored(store: &Store) -> Result<Option<JobPaperFiles>, GenError> {
        if store.is_in_memory() {
            return Ok(None);
        }
        // One folder per use, even for two generators at once in one process.
        static USES: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let n = USES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let folder =
            std::env::temp_dir().join(format!("account-desk-generate-{}-{n}", std::process::id()));
        let stored = std::fs::create_dir_all(&folder)
            .map_err(|e| GenError::Files(format!("{}: {e}", folder.display())))
            .and_then(|()| {
                JobPaper::ALL
                    .into_iter()
                    .map(|p| {
                        let (_, what, _, text) = p.spec();
                        let path = folder.join(format!("{what}.txt"));
                        std::fs::write(&path, text)
                            .map_err(|e| GenError::Files(format!("{}: {e}", path.display())))?;
                        let file = store
                            .files()
                            .import(&path, 0)
                            .map_err(|e| GenError::Files(e.to_string()))?;
                        Ok((p, file))
                    })
                    .collect::<Result<Vec<_>, GenError>>()
            });
        let _ = std::fs::remove_dir_all(&folder);
        Ok(Some(JobPaperFiles(stored?)))
    }

    fn file(&self, paper: JobPaper) -> Option<&FileRef> {
        self.0.iter().find(|(p, _)| *p == paper).map(|(_, f)| f)
    }
}

impl Generator {
    /// Files `paper` in the job file of `job` on `on`, as `ctx`; `number` is the paper's own
    /// (the signed estimate's). Returns whether it was filed (not in an in-memory database).
    pub(super) fn file_paper(
        &mut self,
        b: &mut Batch<'_>,
        ctx: &Ctx,
        job: JobId,
        paper: JobPaper,
        (on, number): (NaiveDate, &str),
    ) -> Result<bool, ServiceError> {
        let (Some(papers), Some(job)) = (&self.papers, b.view().get::<crate::domain::Job>(job.0)?)
        else {
            return Ok(false);
        };
        let Some(stored) = papers.file(paper) else {
            return Ok(false);
        };
        let (kind, what, status, _) = paper.spec();
        let file = FileRef {
            original_name: format!("{} {what}.txt", job.number.text),
            ..stored.clone()
        };
        let mut d = DocumentDraft::new(kind, format!("{} {what}", job.title));
        d.dated = Some(on);
        d.status = status;
        d.number = number.to_string();
        b.apply(
            ctx,
            Command::FileDocument(FiledWith::Job(job.id), Box::new(d), file),
        )?;
        self.out.documents += 1;
        Ok(true)
    }
}

/// A work that ran, as its media invoice tells it.
pub(super) struct RunWork<'a> {
    pub(super) job: &'a crate::domain::Job,
    pub(super) client: &'a str,
    pub(super) medium: Medium,
    pub(super) ran: (NaiveDate, NaiveDate),
    pub(super) outlet: &'a str,
    pub(super) cities: &'a str,
}

impl Generator {
    /// Files the media invoice of `run` in its brand's file (its client's when it has no
    /// brand; an archived job's file takes no new papers), as a file of its own whose words
    /// are kept for search as if read. Returns whether it was filed (not in memory).
    pub(super) fn file_media_invoice(
        &mut self,
        store: &Store,
        b: &mut Batch<'_>,
        ctx: &Ctx,
        run: &RunWork<'_>,
    ) -> Result<bool, ServiceError> {
        // Desk databases only: in memory there is no file store, and a team database's
        // words are not kept on the desk.
        if self.papers.is_none() || store.files().is_team() {
            return Ok(false);
        }
        let (first, last) = run.ran;
        let quarter = (first.month0() / 3) + 1;
        let medium = run.medium.names().0;
        let number = format!("{:08}", self.rng.between(1, 99_999_999));
        let yuan = self.rng.between(50, 2_000) * 1_000;
        let title = format!(
            "{} {} Q{quarter} {medium}媒体发票",
            run.client,
            first.year()
        );
        let text = format!(
            "增值税专用发票（媒介费用）\n发票号码：{number}\n销售方：{outlet}\n\
             项目：{client} {medium}广告发布费\n投放期：{first} 至 {last}\n\
             投放城市：{cities}\n价税合计：¥{yuan}.00\n备注：工作号 {job}\n",
            outlet = run.outlet,
            client = run.client,
            cities = run.cities,
            job = run.job.number.text,
        );
        let name = format!("{number} {title}.txt");
        let file = store
            .desk_files()
            .import_reader(text.as_bytes(), std::path::Path::new(&name), &name)
            .map_err(|e| ServiceError::Store(e.into()))?;
        crate::services::texts::keep(
            store.path(),
            &file.hash,
            Ok(crate::extract::Extracted::Text(text)),
        );
        let mut d = DocumentDraft::new(DocumentKind::MediaInvoice, title);
        d.dated = Some(last);
        d.status = DocumentStatus::Final;
        d.number = number;
        d.counterparty = run.outlet.to_string();
        d.amount = Some(Fen(yuan * 100));
        let place = match run.job.brand_id {
            Some(brand) => FiledWith::Brand(brand),
            None => FiledWith::Client(run.job.client_id),
        };
        b.apply(ctx, Command::FileDocument(place, Box::new(d), file))?;
        self.out.documents += 1;
        Ok(true)
    }
}
