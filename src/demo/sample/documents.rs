//! The sample agency's job files: the request form of every job, the brief of each briefed
//! one, the signed production estimate of each that went into production and the completion
//! form of the completed ones — except one still under way, whose file shows the gap — and
//! two reference files. An archived job's papers are filed the day it is archived. Each file is a short text written to a temporary folder and filed as a person
//! would file it, through the file store and [`Command::FileDocument`].

use super::Loader;
use super::SampleError;
use crate::domain::document::{DocumentKind, DocumentStatus};
use crate::domain::{Job, JobId, JobStatus};
use crate::services::Command;
use crate::services::documents::{DocumentDraft, FiledWith};

/// The reference files: name, topic and text.
const REFERENCE: &[(&str, &str, &str)] = &[
    (
        "2027 主要媒体刊例价.txt",
        "媒体价目表",
        "2027 年主要媒体刊例价（摘录）\n央视一套 黄金时段 15 秒：¥ 198,000\n分众电梯 一线城市 一周：¥ 1,250,000\n",
    ),
    (
        "2026 饮料行业竞品投放监测.txt",
        "竞品资料",
        "2026 年饮料行业竞品投放监测（1–10 月）\n元气森林：户外与短视频为主；农夫山泉：央视与电梯媒体。\n",
    ),
];

/// A job's stage reached: the lifecycle's order.
fn reached(job: &Job, stage: JobStatus) -> bool {
    let at = |s: JobStatus| JobStatus::ALL.iter().position(|x| *x == s);
    at(job.status) >= at(stage)
}

impl Loader<'_> {
    /// Files the papers of `job` on `on`, the day it is archived, as its file stands then:
    /// an archived job's file is read-only.
    pub(super) fn file_before_archiving(
        &mut self,
        job: JobId,
        on: &str,
    ) -> Result<(), SampleError> {
        // An in-memory database keeps no files (it has no folder to keep them in).
        if self.store.is_in_memory() {
            return Ok(());
        }
        let Some(job) = self.store.get::<Job>(job.0)? else {
            return Ok(());
        };
        self.in_scratch(|l, folder| l.file_papers(folder, &job, on, true))
    }

    /// Files the papers of the jobs not archived, and the reference files, on the last day
    /// of the sample's history.
    pub(super) fn documents(&mut self) -> Result<(), SampleError> {
        if self.store.is_in_memory() {
            return Ok(());
        }
        let on = self
            .last_day
            .map_or_else(|| "2026-11-26".to_string(), |d| d.to_string());
        self.in_scratch(|l, folder| l.file_all(folder, &on))
    }

    /// Runs `f` with a fresh temporary folder for the files it writes, removed after.
    fn in_scratch(
        &mut self,
        f: impl FnOnce(&mut Self, &std::path::Path) -> Result<(), SampleError>,
    ) -> Result<(), SampleError> {
        // One folder per use, even for two loads at once in one process.
        static USES: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        let n = USES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let folder =
            std::env::temp_dir().join(format!("account-desk-sample-{}-{n}", std::process::id()));
        std::fs::create_dir_all(&folder)
            .map_err(|e| SampleError::Data(format!("{}: {e}", folder.display())))?;
        let filed = f(self, &folder);
        let _ = std::fs::remove_dir_all(&folder);
        filed
    }

    fn file_all(&mut self, folder: &std::path::Path, on: &str) -> Result<(), SampleError> {
        let mut jobs = self.store.all::<Job>()?;
        jobs.sort_by(|a, b| a.number.text.cmp(&b.number.text));
        let mut left_out = false;
        for job in jobs.iter().filter(|j| j.status != JobStatus::Archived) {
            // One completed job still waits for its form: its file shows the gap.
            let gap = job.status == JobStatus::Completed && !left_out;
            left_out |= gap;
            self.file_papers(folder, job, on, !gap)?;
        }
        for (name, topic, text) in REFERENCE {
            let title = name.trim_end_matches(".txt");
            let mut draft = DocumentDraft::new(DocumentKind::Reference, title);
            draft.topic = (*topic).to_string();
            self.file_one(folder, name, text, FiledWith::Reference, draft, on)?;
        }
        Ok(())
    }

    /// The papers of `job` for the stage it reached: its request form, its brief, the signed
    /// estimate, and the completion form when `form` (and the job was completed).
    fn file_papers(
        &mut self,
        folder: &std::path::Path,
        job: &Job,
        on: &str,
        form: bool,
    ) -> Result<(), SampleError> {
        let mut papers = vec![(
            DocumentKind::JobRequest,
            "工作申请表",
            job.requested_on,
            DocumentStatus::Signed,
        )];
        if reached(job, JobStatus::Briefed) {
            papers.push((
                DocumentKind::Brief,
                "工作简报",
                job.requested_on,
                DocumentStatus::Final,
            ));
        }
        if reached(job, JobStatus::InProduction) {
            papers.push((
                DocumentKind::ProductionEstimate,
                "制作费报价单 客户签字版",
                job.due_on.unwrap_or(job.requested_on),
                DocumentStatus::Signed,
            ));
        }
        if form && reached(job, JobStatus::Completed) {
            papers.push((
                DocumentKind::JobCompletion,
                "工作完成表",
                job.due_on.unwrap_or(job.requested_on),
                DocumentStatus::Signed,
            ));
        }
        for (kind, what, dated, status) in papers {
            let name = format!("{} {what}.txt", job.number.text);
            let text = format!("{}\n{}\n{what}\n", job.number.text, job.title);
            let mut draft = DocumentDraft::new(kind, format!("{} {what}", job.title));
            draft.dated = Some(dated);
            draft.status = status;
            self.file_one(folder, &name, &text, FiledWith::Job(job.id), draft, on)?;
        }
        Ok(())
    }

    fn file_one(
        &mut self,
        folder: &std::path::Path,
        name: &str,
        text: &str,
        with: FiledWith,
        draft: DocumentDraft,
        on: &str,
    ) -> Result<(), SampleError> {
        let path = folder.join(name);
        std::fs::write(&path, text)
            .map_err(|e| SampleError::Data(format!("{}: {e}", path.display())))?;
        let file = crate::services::files::import_document_file(self.store, with, &path)
            .map_err(|e| SampleError::Data(e.to_string()))?;
        let command = Command::FileDocument(with, Box::new(draft), file);
        self.apply(Some(super::clients::WANG), on, command)?;
        self.summary.documents += 1;
        Ok(())
    }
}
