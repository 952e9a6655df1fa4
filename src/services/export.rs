//! Exports: the job brief as PDF, the schedule (see [`schedule`]), a meeting's minutes and
//! agenda, an estimate's version for the client (see [`estimate`]). One function serves the
//! window and the command line, so both print the same document.

use super::ServiceError;
use crate::domain::{Brand, Client, JobId, Lang, MeetingId, Role, User};
use crate::pdf;
use crate::reports::minutes::{
    AgendaReport, DocLang, MeetingInputs, MinutesReport, MinutesReportError,
};
use crate::reports::{BriefInputs, BriefReport, Letterhead};
use crate::store::Store;
use chrono::{FixedOffset, NaiveDate};

pub mod archive;
pub mod budget;
pub mod completion;
pub mod estimate;
pub mod folders;
pub mod schedule;

/// How a money document is written: the PDF to send and print, or the same figures as an
/// Excel workbook.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MoneyFormat {
    /// A4 PDF.
    #[default]
    Pdf,
    /// Excel workbook (.xlsx), amounts as numbers.
    Xlsx,
}

impl MoneyFormat {
    /// The file name's extension.
    pub fn extension(self) -> &'static str {
        match self {
            MoneyFormat::Pdf => "pdf",
            MoneyFormat::Xlsx => "xlsx",
        }
    }
}
pub use estimate::{EstimateRecords, estimate_document, estimate_file_name};
pub use schedule::{
    PlanChoice, PlanError, ScheduleExport, ScheduleFormat, agency_calendar, default_plan,
    export_schedule, plan_options, schedule_file, schedule_file_name, schedule_report,
};

/// Renders the job's newest brief as PDF bytes, with `lang` deciding how values such as dates
/// and statuses read (labels are always bilingual). `utc_offset` is the local offset used for
/// times printed on it.
pub fn brief_pdf(
    store: &Store,
    job_id: JobId,
    lang: Lang,
    today: NaiveDate,
    utc_offset: FixedOffset,
) -> Result<Vec<u8>, ServiceError> {
    let view = store.read()?;
    let job = view
        .get::<crate::domain::Job>(job_id.0)?
        .ok_or(ServiceError::NotFound {
            what: "job",
            id: job_id.0,
        })?;
    let client = view
        .get::<Client>(job.client_id.0)?
        .ok_or(ServiceError::NotFound {
            what: "client",
            id: job.client_id.0,
        })?;
    let brand = match job.brand_id {
        Some(b) => view.get::<Brand>(b.0)?,
        None => None,
    };
    let users: Vec<User> = view.all()?;
    let name_of = |id: Option<crate::domain::UserId>| {
        id.and_then(|id| users.iter().find(|u| u.id == id))
            .map(|u| u.name.as_str())
    };
    let mut team: Vec<(Role, &str)> = Vec::new();
    for (role, id) in [
        (Role::AccountExecutive, job.team.ae),
        (Role::AccountManager, job.team.am),
        (Role::AccountDirector, job.team.ad),
    ] {
        if let Some(name) = name_of(id) {
            team.push((role, name));
        }
    }
    let brief = view.latest_brief(job_id)?;
    let author_name = brief.as_ref().and_then(|b| name_of(Some(b.stamp.by)));
    let letterhead = Letterhead::from(&view.settings()?);
    let hash = match &brief {
        Some(b) => Some(short_hash(b)?),
        None => None,
    };
    let mut report = BriefReport::build(&BriefInputs {
        job: &job,
        client: &client,
        brand: brand.as_ref(),
        team: &team,
        brief: brief.as_ref(),
        author_name,
        letterhead: &letterhead,
        today,
        utc_offset,
        lang,
    });
    report.content_hash = hash;
    pdf::render_brief(&report).map_err(|e| ServiceError::Export(e.to_string()))
}

/// The file name offered when saving a brief: `2026-0042 工作简要.pdf`, with characters that
/// file systems refuse replaced.
pub fn brief_file_name(job_number: &str, lang: Lang) -> String {
    let safe: String = job_number
        .chars()
        .map(|c| {
            if matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .collect();
    format!("{safe} {}.pdf", lang.pick("工作简要", "Job Brief"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_safe_on_every_platform() {
        assert_eq!(
            brief_file_name("2026-0042", Lang::Zh),
            "2026-0042 工作简要.pdf"
        );
        assert_eq!(
            brief_file_name("J26/042", Lang::En),
            "J26_042 Job Brief.pdf"
        );
    }
}

/// The meeting, its client and its jobs, and the letterhead: what both meeting documents
/// are built from.
struct MeetingData {
    meeting: crate::domain::Meeting,
    client: Client,
    jobs: Vec<crate::domain::Job>,
    letterhead: Letterhead,
    users: Vec<User>,
}

fn meeting_data(store: &Store, id: MeetingId) -> Result<MeetingData, ServiceError> {
    let view = store.read()?;
    let meeting = view
        .get::<crate::domain::Meeting>(id.0)?
        .ok_or(ServiceError::NotFound {
            what: "meeting",
            id: id.0,
        })?;
    let client = view
        .get::<Client>(meeting.client_id.0)?
        .ok_or(ServiceError::NotFound {
            what: "client",
            id: meeting.client_id.0,
        })?;
    let mut jobs = Vec::with_capacity(meeting.jobs.len());
    for job in &meeting.jobs {
        // Saving a meeting checks that its jobs exist, and the only way a job goes away is
        // undoing its creation, which the window can only reach after undoing everything done
        // since (the meeting's link included). A missing job is damage, and minutes that
        // quietly leave out a job the client discussed would be wrong: fail, naming both.
        let j = view.get::<crate::domain::Job>(job.0)?.ok_or_else(|| {
            ServiceError::Export(format!(
                "meeting {} “{}” refers to job {} (internal id), which is not in the database; \
                 remove the job from the meeting, or restore a backup",
                meeting.id.0, meeting.title, job.0
            ))
        })?;
        jobs.push(j);
    }
    Ok(MeetingData {
        letterhead: Letterhead::from(&view.settings()?),
        users: view.all()?,
        meeting,
        client,
        jobs,
    })
}

impl MeetingData {
    fn inputs(&self, lang: DocLang, tz: FixedOffset) -> MeetingInputs<'_> {
        MeetingInputs {
            meeting: &self.meeting,
            client: &self.client,
            jobs: &self.jobs,
            letterhead: &self.letterhead,
            tz,
            lang,
        }
    }
}

/// The minutes of a meeting as the client reads them: the frozen sent `version`, or with
/// `None` the draft as it would go out next. Internal remarks are never part of it. Times
/// are shown in `tz`.
pub fn minutes_report(
    store: &Store,
    meeting_id: MeetingId,
    version: Option<u32>,
    lang: DocLang,
    tz: FixedOffset,
) -> Result<MinutesReport, ServiceError> {
    let data = meeting_data(store, meeting_id)?;
    let recorded_by = version
        .and_then(|v| data.meeting.sent.iter().find(|s| s.version == v))
        .and_then(|s| data.users.iter().find(|u| u.id == s.stamp.by))
        .map(|u| u.name.as_str());
    let printed = match version.and_then(|v| data.meeting.sent.iter().find(|s| s.version == v)) {
        Some(sent) => data.meeting.as_sent(sent),
        None => data.meeting.clone(),
    };
    let hash = short_hash(&printed)?;
    let mut report = MinutesReport::build(&data.inputs(lang, tz), version, recorded_by).map_err(
        |e| match e {
            MinutesReportError::NoSuchVersion(v) => ServiceError::NotFound {
                what: "minutes version",
                id: u64::from(v),
            },
        },
    )?;
    report.head.content_hash = Some(hash);
    Ok(report)
}

/// The minutes as PDF bytes (see [`minutes_report`]): the same document from the window and
/// the command line.
pub fn minutes_pdf(
    store: &Store,
    meeting_id: MeetingId,
    version: Option<u32>,
    lang: DocLang,
    tz: FixedOffset,
) -> Result<Vec<u8>, ServiceError> {
    let report = minutes_report(store, meeting_id, version, lang, tz)?;
    pdf::render_minutes(&report).map_err(|e| ServiceError::Export(e.to_string()))
}

/// The agenda of a meeting, sent before it: items with start times counted from the
/// meeting start in `tz`.
pub fn agenda_report(
    store: &Store,
    meeting_id: MeetingId,
    lang: DocLang,
    tz: FixedOffset,
) -> Result<AgendaReport, ServiceError> {
    let data = meeting_data(store, meeting_id)?;
    let mut report = AgendaReport::build(&data.inputs(lang, tz));
    report.head.content_hash = Some(short_hash(&data.meeting)?);
    Ok(report)
}

/// The agenda as PDF bytes (see [`agenda_report`]).
pub fn agenda_pdf(
    store: &Store,
    meeting_id: MeetingId,
    lang: DocLang,
    tz: FixedOffset,
) -> Result<Vec<u8>, ServiceError> {
    let report = agenda_report(store, meeting_id, lang, tz)?;
    pdf::render_agenda(&report).map_err(|e| ServiceError::Export(e.to_string()))
}

/// The short content hash of a record (its first 8 hex digits), printed in the footer of
/// the document made from it.
fn short_hash<T: crate::store::records::Record>(record: &T) -> Result<String, ServiceError> {
    Ok(crate::store::ContentHash::of(record)
        .map_err(crate::store::StoreError::from)?
        .short())
}

/// Text made safe for a file name on every platform: reserved characters become `_`.
pub(crate) fn file_safe(text: &str) -> String {
    text.trim()
        .chars()
        .map(|c| {
            if matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .collect()
}

/// The file name offered when saving minutes: `会议记录 2026-11-26 创意提案 v1.pdf`, or
/// `… v2 草稿.pdf` for a draft (`sent` false). Bilingual documents take the Chinese name.
pub fn minutes_file_name(
    date: NaiveDate,
    title: &str,
    version: u32,
    sent: bool,
    lang: DocLang,
) -> String {
    let lang = match lang {
        DocLang::En => Lang::En,
        DocLang::Zh | DocLang::Both => Lang::Zh,
    };
    let draft = if sent {
        String::new()
    } else {
        format!(" {}", lang.pick("草稿", "draft"))
    };
    format!(
        "{} {} {} v{version}{draft}.pdf",
        lang.pick("会议记录", "Minutes"),
        date.format("%Y-%m-%d"),
        file_safe(title)
    )
}

/// The file name offered when saving an agenda: `会议议程 2026-11-26 创意提案.pdf`.
pub fn agenda_file_name(date: NaiveDate, title: &str, lang: DocLang) -> String {
    let name = match lang {
        DocLang::En => "Agenda",
        DocLang::Zh | DocLang::Both => "会议议程",
    };
    format!(
        "{name} {} {}.pdf",
        date.format("%Y-%m-%d"),
        file_safe(title)
    )
}

#[cfg(test)]
mod meeting_tests {
    use super::*;

    #[test]
    fn a_missing_job_of_a_meeting_fails_the_documents_by_name() {
        use crate::domain::{Job, Meeting};
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("desk.redb")).unwrap();
        let now = chrono::Utc::now();
        crate::demo::sample::load_sample(&store, now, now.date_naive()).unwrap();
        let meetings: Vec<Meeting> = store.all().unwrap();
        let meeting = meetings.iter().find(|m| !m.jobs.is_empty()).unwrap();
        let tz = FixedOffset::east_opt(8 * 3600).unwrap();
        let id = meeting.id;
        let minutes = minutes_report(&store, id, None, DocLang::Zh, tz).unwrap();
        let job = store.get::<Job>(meeting.jobs[0].0).unwrap().unwrap();
        assert!(
            format!("{minutes:?}").contains(&job.number.text),
            "the job is shown"
        );

        store.write(|tx| tx.delete::<Job>(job.id.0)).unwrap();
        let errors = [
            minutes_pdf(&store, id, None, DocLang::Zh, tz).unwrap_err(),
            agenda_pdf(&store, id, DocLang::En, tz).unwrap_err(),
        ];
        for e in errors {
            let text = e.message(Lang::En);
            assert!(matches!(e, ServiceError::Export(_)), "{text}");
            assert!(text.contains(&meeting.title), "{text}");
            assert!(text.contains(&format!("job {}", job.id.0)), "{text}");
        }
    }

    #[test]
    fn meeting_file_names_carry_date_title_and_version() {
        let day = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap_or_default();
        assert_eq!(
            minutes_file_name(day, "创意提案", 1, true, DocLang::Zh),
            "会议记录 2026-11-26 创意提案 v1.pdf"
        );
        assert_eq!(
            minutes_file_name(day, "Q1/Q2 review", 2, false, DocLang::En),
            "Minutes 2026-11-26 Q1_Q2 review v2 draft.pdf"
        );
        assert_eq!(
            agenda_file_name(day, " 创意提案 ", DocLang::Both),
            "会议议程 2026-11-26 创意提案.pdf"
        );
    }
}
