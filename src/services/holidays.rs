//! A year's State Council holiday notice supplied by the agency: read from a file, checked
//! when the settings are saved, and what importing it does to the schedules already planned.
//! Importing never moves a task by itself: [`affected_schedules`] lists the tasks that now
//! cover new days off or gained working days, and [`relay_command`] re-lays one schedule
//! when the person asks, saved through the ordinary schedule save (undoable).

use super::{Base, Command, FieldError, Problem, Reader, ServiceError};
use crate::domain::calendar::WorkCalendar;
use crate::domain::calendar::impact::{self, TaskImpact};
use crate::domain::calendar::notice::{self, Notice, NoticeError};
use crate::domain::schedule::ScheduleError;
use crate::domain::settings::AgencyNotice;
use crate::domain::{Job, JobId, Lang};
use chrono::{Datelike, NaiveDate};
use std::path::{Path, PathBuf};
use thiserror::Error;

/// The largest notice file read (a notice is about 2 KB; a whole web page saved as text
/// stays well under this).
pub const MAX_NOTICE_FILE_BYTES: u64 = 1024 * 1024;

/// The longest reference kept (国办发明电〔2025〕7号 is 15 characters).
const MAX_REFERENCE_CHARS: usize = 60;

/// Why a notice file could not be imported.
#[derive(Debug, Error)]
pub enum NoticeFileError {
    /// The file could not be read.
    #[error("{}", self.message(Lang::En))]
    Read {
        /// The file.
        path: PathBuf,
        /// The system's reason.
        source: std::io::Error,
    },
    /// Larger than [`MAX_NOTICE_FILE_BYTES`]: not a notice.
    #[error("{}", self.message(Lang::En))]
    TooLarge {
        /// The file.
        path: PathBuf,
    },
    /// The text is not a notice that can be read.
    #[error("{}", self.message(Lang::En))]
    Notice {
        /// The file.
        path: PathBuf,
        /// What is wrong with its text.
        problem: NoticeError,
    },
}

impl NoticeFileError {
    /// The message a person reads, naming the file.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (NoticeFileError::Read { path, source }, Lang::Zh) => {
                format!(
                    "无法读取 {}：{source}。请确认文件存在且可以打开。",
                    path.display()
                )
            }
            (NoticeFileError::Read { path, source }, Lang::En) => format!(
                "Cannot read {}: {source}. Check that the file exists and can be opened.",
                path.display()
            ),
            (NoticeFileError::TooLarge { path }, Lang::Zh) => format!(
                "{} 太大，不像是放假通知：请只保存通知的文字（.txt）。",
                path.display()
            ),
            (NoticeFileError::TooLarge { path }, Lang::En) => format!(
                "{} is too large to be a holiday notice: save only the notice's text (.txt).",
                path.display()
            ),
            (NoticeFileError::Notice { path, problem }, lang) => {
                format!("{}: {}", path.display(), problem.message(lang))
            }
        }
    }
}

/// The text saved in `path`, UTF-8 or GB18030 (see [`notice::decode_text`]).
pub fn read_notice_text(path: &Path) -> Result<String, NoticeFileError> {
    let read = |source| NoticeFileError::Read {
        path: path.to_path_buf(),
        source,
    };
    let size = std::fs::metadata(path).map_err(read)?.len();
    if size > MAX_NOTICE_FILE_BYTES {
        return Err(NoticeFileError::TooLarge {
            path: path.to_path_buf(),
        });
    }
    let bytes = std::fs::read(path).map_err(read)?;
    notice::decode_text(&bytes).map_err(|problem| NoticeFileError::Notice {
        path: path.to_path_buf(),
        problem,
    })
}

/// Reads and parses the notice saved in `path` (UTF-8 or GB18030 text).
pub fn read_notice_file(path: &Path) -> Result<Notice, NoticeFileError> {
    let text = read_notice_text(path)?;
    notice::parse_notice(&text).map_err(|problem| NoticeFileError::Notice {
        path: path.to_path_buf(),
        problem,
    })
}

/// The agency's notices as saved: years in range, each once, references one short line,
/// in year order. Called when the settings are saved.
pub(super) fn checked_notices(
    mut notices: Vec<AgencyNotice>,
) -> Result<Vec<AgencyNotice>, ServiceError> {
    let refuse = |problem| {
        ServiceError::Invalid(FieldError {
            field: "agency_days",
            problem,
        })
    };
    notices.sort_by_key(|n| n.year);
    for pair in notices.windows(2) {
        if pair[0].year == pair[1].year {
            return Err(refuse(Problem::Repeated(pair[0].year.to_string())));
        }
    }
    for n in &mut notices {
        if !(1949..=2200).contains(&n.year) {
            return Err(refuse(Problem::BadDate));
        }
        n.reference = n.reference.trim().to_string();
        if n.reference.chars().count() > MAX_REFERENCE_CHARS {
            return Err(refuse(Problem::TooLong {
                max: MAX_REFERENCE_CHARS,
            }));
        }
        if n.reference.chars().any(char::is_control) {
            return Err(refuse(Problem::ControlChar));
        }
        n.dates.sort_unstable();
        n.dates.dedup();
    }
    Ok(notices)
}

/// A schedule with tasks on days a new calendar changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AffectedSchedule {
    /// The job.
    pub job_id: JobId,
    /// Its number, e.g. 2026-0007.
    pub job_number: String,
    /// Its title.
    pub job_title: String,
    /// The tasks concerned, in the schedule's order.
    pub tasks: Vec<TaskImpact>,
}

/// Every job's working schedule that reaches into `year` and has tasks covering days whose
/// kind differs between `old` and `new`, in job order. Nothing is changed.
pub fn affected_schedules<'a>(
    store: impl Into<Reader<'a>>,
    year: i32,
    old: &WorkCalendar,
    new: &WorkCalendar,
) -> Result<Vec<AffectedSchedule>, ServiceError> {
    let view = store.into().read()?;
    let mut out = Vec::new();
    let mut failed = None;
    view.each(|job: Job| {
        if failed.is_some() {
            return;
        }
        let plan = match view.schedule(job.id) {
            Ok(Some(plan)) => plan,
            Ok(None) => return,
            Err(e) => {
                failed = Some(e);
                return;
            }
        };
        let reaches = plan
            .schedule
            .span()
            .is_some_and(|(first, last)| first.year() <= year && last.year() >= year);
        if !reaches {
            return;
        }
        let tasks = impact::affected_tasks(&plan.schedule, old, new);
        if !tasks.is_empty() {
            out.push(AffectedSchedule {
                job_id: job.id,
                job_number: job.number.text.clone(),
                job_title: job.title.clone(),
                tasks,
            });
        }
    })?;
    if let Some(e) = failed {
        return Err(e.into());
    }
    Ok(out)
}

/// Why a schedule could not be re-laid.
#[derive(Debug, Error)]
pub enum RelayError {
    /// Reading the schedule failed.
    #[error(transparent)]
    Service(#[from] ServiceError),
    /// The new calendar leaves no place for a task.
    #[error(transparent)]
    Schedule(#[from] ScheduleError),
}

impl RelayError {
    /// The message a person reads.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (RelayError::Service(e), lang) => e.message(lang),
            (RelayError::Schedule(ScheduleError::NoWorkingDay(d)), Lang::Zh) => {
                format!("无法重新排期：{d} 前后找不到工作日。请检查公司休息日是否设置得过多。")
            }
            (RelayError::Schedule(ScheduleError::NoWorkingDay(d)), Lang::En) => format!(
                "Cannot re-lay the schedule: there is no working day near {d}. Check that the \
                 agency's days off are not too many."
            ),
            (RelayError::Schedule(e), Lang::Zh) => {
                format!("无法重新排期（{e}）。请在进度表中调整这些任务。")
            }
            (RelayError::Schedule(e), Lang::En) => {
                format!("Cannot re-lay the schedule ({e}). Adjust these tasks in the schedule.")
            }
        }
    }
}

/// The command that saves `job`'s schedule re-laid from `old` onto `new` (each task keeps
/// its working days; its end and the tasks after it move), or `None` when nothing moves.
pub fn relay_command<'a>(
    store: impl Into<Reader<'a>>,
    job: JobId,
    old: &WorkCalendar,
    new: &WorkCalendar,
) -> Result<Option<Command>, RelayError> {
    let (plan, rev) = store
        .into()
        .schedule_shown(job)
        .map_err(ServiceError::from)?;
    let Some(plan) = plan else {
        return Ok(None);
    };
    let relaid = impact::relay(&plan.schedule, old, new)?;
    // Saved over the plan as read here: a colleague's edit since is not overwritten.
    let base = Base::Shown(rev.map(|r| r.rev));
    Ok((!relaid.moved.is_empty()).then_some(Command::SaveSchedule(job, relaid.schedule, base)))
}

/// The dates a list of days covers, as `2027-02-05 – 2027-02-11` or a single date, for
/// listing days off compactly.
pub fn runs(days: &[NaiveDate]) -> Vec<(NaiveDate, NaiveDate)> {
    let mut out: Vec<(NaiveDate, NaiveDate)> = Vec::new();
    for d in days {
        match out.last_mut() {
            Some((_, last)) if last.succ_opt() == Some(*d) => *last = *d,
            _ => out.push((*d, *d)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn notices_are_checked_when_saved() {
        let n = |year, reference: &str| AgencyNotice {
            year,
            reference: reference.into(),
            dates: vec![d("2027-01-01"), d("2027-01-01")],
        };
        let ok = checked_notices(vec![n(2028, ""), n(2027, " 国办发明电〔2026〕8号 ")]).unwrap();
        assert_eq!(ok[0].year, 2027);
        assert_eq!(ok[0].reference, "国办发明电〔2026〕8号");
        assert_eq!(ok[0].dates.len(), 1);
        assert!(checked_notices(vec![n(2027, ""), n(2027, "")]).is_err());
        assert!(checked_notices(vec![n(1800, "")]).is_err());
        assert!(checked_notices(vec![n(2027, &"号".repeat(61))]).is_err());
    }

    #[test]
    fn runs_join_consecutive_days() {
        let days = [
            d("2027-02-05"),
            d("2027-02-06"),
            d("2027-02-07"),
            d("2027-04-05"),
        ];
        assert_eq!(
            runs(&days),
            vec![
                (d("2027-02-05"), d("2027-02-07")),
                (d("2027-04-05"), d("2027-04-05"))
            ]
        );
    }
}
