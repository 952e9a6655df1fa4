//! The schedule report (工作进度表): one model for every way a schedule leaves the agency —
//! PDF, Excel, calendar entries. The client version is built from
//! [`Schedule::client_view`] *before* anything else happens, so nothing internal (hidden
//! tasks, internal notes, internal names, even the names of hidden tasks in the list of
//! changes) can reach a renderer.

use super::brief::{Label, Letterhead};
use crate::domain::calendar::WorkCalendar;
use crate::domain::schedule::{self, IssuedSchedule, Party, Schedule, ScheduleChange, TaskStatus};
use crate::domain::{Client, Job, Lang};
use chrono::NaiveDate;

/// Which version of the same data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    /// For the client (对客): what the client sees and must do.
    Client,
    /// For the agency (对内): everything, marked 内部 / INTERNAL.
    Internal,
}

/// Bilingual labels of the schedule documents.
pub mod labels {
    use super::Label;
    /// Document title.
    pub const TITLE: Label = Label::new("工作进度表", "Job Schedule");
    /// Marks every page and sheet of the internal version.
    pub const INTERNAL: Label = Label::new("内部", "INTERNAL");
    /// Task column.
    pub const TASK: Label = Label::new("任务", "Task");
    /// Party column.
    pub const PARTY: Label = Label::new("负责方", "Party");
    /// Owner column.
    pub const OWNER: Label = Label::new("负责人", "Owner");
    /// Start column.
    pub const START: Label = Label::new("开始", "Start");
    /// End column.
    pub const END: Label = Label::new("结束", "End");
    /// Status column.
    pub const STATUS: Label = Label::new("状态", "Status");
    /// Progress column.
    pub const PROGRESS: Label = Label::new("进度", "Progress");
    /// Note column.
    pub const NOTE: Label = Label::new("备注", "Note");
    /// Marks what the client must do.
    pub const CLIENT_ACTION: Label = Label::new("客户配合", "Client action");
    /// A running task behind its dates.
    pub const AT_RISK: Label = Label::new("有风险", "At risk");
    /// Heading of the list of changes.
    pub const CHANGES: Label =
        Label::new("自上一版以来的变更", "Changes since the previous version");
    /// Version.
    pub const VERSION: Label = Label::new("版本", "Version");
    /// Issue date.
    pub const ISSUED: Label = Label::new("发出日期", "Issued");
    /// Client.
    pub const CLIENT: Label = Label::new("客户", "Client");
    /// Job number.
    pub const JOB: Label = Label::new("工作号", "Job No.");
}

/// The name of a party in both languages.
pub fn party_label(p: Party) -> Label {
    match p {
        Party::Agency => Label::new("本公司", "Agency"),
        Party::Client => Label::new("客户", "Client"),
        Party::Vendor => Label::new("制作方", "Vendor"),
        Party::Media => Label::new("媒体", "Media"),
    }
}

/// A status in both languages.
pub fn status_label(s: TaskStatus) -> Label {
    match s {
        TaskStatus::NotStarted => Label::new("未开始", "Not started"),
        TaskStatus::InProgress => Label::new("进行中", "In progress"),
        TaskStatus::Done => Label::new("已完成", "Done"),
        TaskStatus::Late => Label::new("已延误", "Late"),
        TaskStatus::OnHold => Label::new("暂停", "On hold"),
    }
}

/// Colour tokens of schedules, shared by the screen, the PDF and the workbook: the
/// Okabe–Ito palette, told apart by people with red-green colour blindness; print and
/// black-and-white rely on labels and markers as well, never on colour alone.
pub mod palette {
    use crate::domain::schedule::Party;

    /// sRGB of a party's bars.
    pub const fn party(p: Party) -> [u8; 3] {
        match p {
            Party::Agency => [0x00, 0x72, 0xB2],
            Party::Client => [0xE6, 0x9F, 0x00],
            Party::Vendor => [0x00, 0x9E, 0x73],
            Party::Media => [0xCC, 0x79, 0xA7],
        }
    }

    /// Late tasks (with the word 延误 / Late beside them).
    pub const LATE: [u8; 3] = [0xD5, 0x5E, 0x00];
    /// Running tasks behind their dates: a dashed outline and the words 有风险 / At risk.
    pub const AT_RISK: [u8; 3] = [0x8A, 0x5A, 0x00];
    /// Text of client actions (bold, with the ★ marker).
    pub const CLIENT_ACTION: [u8; 3] = [0xA3, 0x4A, 0x00];
    /// Behind the row of a client action, so it stands out in print and in grey.
    pub const CLIENT_ACTION_ROW: [u8; 3] = [0xFB, 0xE6, 0xC4];
    /// Weekends and holidays in the timeline.
    pub const NON_WORKING: [u8; 3] = [0xEE, 0xF0, 0xF3];
}

/// The marker printed before what the client must do, so it stands out in black and white.
pub const CLIENT_ACTION_MARK: &str = "★";

/// One row: a task or a milestone as printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The task's number (stable across versions).
    pub id: schedule::TaskId,
    /// The task's name.
    pub name: String,
    /// Who does it.
    pub party: Party,
    /// The person, or empty when internal in the client view.
    pub owner: String,
    /// Planned first day.
    pub start: NaiveDate,
    /// Planned last day.
    pub end: NaiveDate,
    /// Drawn as a diamond.
    pub milestone: bool,
    /// Something the client must do: printed so it stands out, in colour and in black and white.
    pub client_action: bool,
    /// Status on the day of the report (late computed).
    pub status: TaskStatus,
    /// Running and behind its dates on the day of the report (not yet late).
    pub at_risk: bool,
    /// Percent done.
    pub progress: u8,
    /// Actual dates, when known.
    pub actual: Option<(NaiveDate, Option<NaiveDate>)>,
    /// The note for this view: the client note; in the internal view also the internal one.
    pub note: String,
    /// Internal view only: the task is not shown to the client.
    pub internal_only: bool,
}

/// The schedule ready to render.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScheduleReport {
    /// Client or internal.
    pub view: View,
    /// The agency's letterhead.
    pub letterhead: Letterhead,
    /// Job number, e.g. 2026-0002.
    pub job_number: String,
    /// Job title.
    pub job_title: String,
    /// The client's name.
    pub client_name: String,
    /// The issued version this is (`None`: the working plan, not issued yet).
    pub version: Option<u32>,
    /// The date printed as issue date (the version's, or the day of printing).
    pub issued_on: NaiveDate,
    /// The day of printing.
    pub today: NaiveDate,
    /// The rows in the agency's order.
    pub rows: Vec<Row>,
    /// First and last planned day of all rows.
    pub span: Option<(NaiveDate, NaiveDate)>,
    /// What changed since the previous issued version, in this view's terms.
    pub changes: Vec<ScheduleChange>,
    /// The previous version the changes are counted from.
    pub changes_since: Option<u32>,
    /// Language of dates and statuses (labels are bilingual).
    pub lang: Lang,
}

/// What a schedule report is made from.
#[derive(Debug, Clone, Copy)]
pub struct ScheduleInputs<'a> {
    /// Client or internal.
    pub view: View,
    /// The job.
    pub job: &'a Job,
    /// Its client.
    pub client: &'a Client,
    /// The schedule to print: the working plan or an issued version's.
    pub schedule: &'a Schedule,
    /// The issued version printed (`None` for the working plan).
    pub version: Option<&'a IssuedSchedule>,
    /// The version before it, for the list of changes.
    pub previous: Option<&'a IssuedSchedule>,
    /// Letterhead.
    pub letterhead: &'a Letterhead,
    /// Today.
    pub today: NaiveDate,
    /// Language of values.
    pub lang: Lang,
    /// The working days, for what is at risk.
    pub calendar: &'a WorkCalendar,
}

impl ScheduleReport {
    /// Builds the report. For the client view every source schedule — the one printed and
    /// the previous version — goes through [`Schedule::client_view`] first.
    pub fn build(i: &ScheduleInputs<'_>) -> ScheduleReport {
        let for_view = |s: &Schedule| match i.view {
            View::Client => s.client_view(),
            View::Internal => s.clone(),
        };
        let shown = for_view(i.schedule);
        // An issued version reads as it did the day it was issued.
        let status_day = i.version.map_or(i.today, |v| v.issued_on);
        let changes = i
            .previous
            .map(|p| schedule::diff(&for_view(&p.schedule), &shown))
            .unwrap_or_default();
        let rows = shown
            .tasks
            .iter()
            .map(|t| {
                let note = match i.view {
                    View::Client => t.client_note.trim().to_string(),
                    View::Internal => [t.client_note.trim(), t.internal_note.trim()]
                        .iter()
                        .filter(|n| !n.is_empty())
                        .copied()
                        .collect::<Vec<_>>()
                        .join(" / "),
                };
                Row {
                    id: t.id,
                    name: t.name.trim().to_string(),
                    party: t.party,
                    owner: t.owner.trim().to_string(),
                    start: t.start,
                    end: t.end,
                    milestone: t.milestone,
                    client_action: t.client_action,
                    status: t.status_on(status_day),
                    at_risk: t.at_risk(status_day, i.calendar),
                    progress: t.progress,
                    actual: t.actual_start.map(|s| (s, t.actual_end)),
                    note,
                    internal_only: !t.client_visible,
                }
            })
            .collect();
        ScheduleReport {
            view: i.view,
            letterhead: i.letterhead.clone(),
            job_number: i.job.number.text.clone(),
            job_title: i.job.title.clone(),
            client_name: i.client.display_name().to_string(),
            version: i.version.map(|v| v.version),
            issued_on: i.version.map_or(i.today, |v| v.issued_on),
            today: i.today,
            rows,
            span: shown.span(),
            changes,
            changes_since: i.previous.map(|p| p.version),
            lang: i.lang,
        }
    }

    /// `v2` or `草稿 Draft` for the working plan.
    pub fn version_text(&self) -> String {
        match self.version {
            Some(v) => format!("v{v}"),
            None => "草稿 Draft".into(),
        }
    }

    /// One line per change, in the report's language.
    pub fn change_lines(&self) -> Vec<String> {
        let date = |d: NaiveDate| crate::domain::format::date(d, self.lang);
        let span = |(a, b): (NaiveDate, NaiveDate)| match a == b {
            true => date(a),
            false => format!("{} – {}", date(a), date(b)),
        };
        self.changes
            .iter()
            .map(|c| match (c, self.lang) {
                (ScheduleChange::Added { name, start, end }, Lang::Zh) => {
                    format!("新增：{name}（{}）", span((*start, *end)))
                }
                (ScheduleChange::Added { name, start, end }, Lang::En) => {
                    format!("Added: {name} ({})", span((*start, *end)))
                }
                (ScheduleChange::Removed { name }, Lang::Zh) => format!("取消：{name}"),
                (ScheduleChange::Removed { name }, Lang::En) => format!("Removed: {name}"),
                (ScheduleChange::Moved { name, from, to }, Lang::Zh) => {
                    format!("调整：{name}，{} → {}", span(*from), span(*to))
                }
                (ScheduleChange::Moved { name, from, to }, Lang::En) => {
                    format!("Moved: {name}, {} → {}", span(*from), span(*to))
                }
                (ScheduleChange::Renamed { from, to }, Lang::Zh) => {
                    format!("更名：{from} → {to}")
                }
                (ScheduleChange::Renamed { from, to }, Lang::En) => {
                    format!("Renamed: {from} → {to}")
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::schedule::{Task, TaskId};
    use crate::domain::{Audit, ClientId, JobId, JobNumber, JobStatus, Stamp, Team, UserId};
    use chrono::{TimeZone, Utc};

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn stamp() -> Stamp {
        Stamp {
            by: UserId(1),
            at: Utc.with_ymd_and_hms(2026, 11, 26, 2, 0, 0).unwrap(),
        }
    }

    pub(crate) fn job_and_client() -> (Job, Client) {
        let client = Client {
            id: ClientId(1),
            name: "可口可乐（中国）饮料有限公司".into(),
            short_name: "可口可乐".into(),
            industry: String::new(),
            address: String::new(),
            phone: String::new(),
            since: None,
            notes: String::new(),
            archived: false,
            audit: Audit::new(stamp()),
        };
        let job = Job {
            id: JobId(2),
            number: JobNumber {
                year: 2026,
                seq: 2,
                text: "2026-0002".into(),
            },
            title: "2027 春节 TVC".into(),
            client_id: client.id,
            brand_id: None,
            team: Team::default(),
            status: JobStatus::Briefed,
            requested_on: d("2026-11-01"),
            due_on: None,
            audit: Audit::new(stamp()),
        };
        (job, client)
    }

    /// A schedule whose internal parts carry markers that must never reach the client.
    pub(crate) fn secret_schedule() -> Schedule {
        let mut a = Task::new(
            TaskId(1),
            "创意提案",
            d("2026-12-01"),
            d("2026-12-04"),
            Party::Agency,
        );
        a.internal_note = "SECRET-NOTE-1 毛利 35%".into();
        a.owner = "SECRET-OWNER 王小明".into();
        a.owner_internal = true;
        let mut hidden = Task::new(
            TaskId(2),
            "SECRET-TASK 导演档期",
            d("2026-12-02"),
            d("2026-12-03"),
            Party::Vendor,
        );
        hidden.client_visible = false;
        hidden.client_note = "SECRET-HIDDEN-CLIENT-NOTE".into();
        let mut approve = Task::new(
            TaskId(3),
            "客户确认创意",
            d("2026-12-07"),
            d("2026-12-08"),
            Party::Client,
        );
        approve.client_note = "请书面确认".into();
        approve.after = vec![TaskId(1), TaskId(2)];
        Schedule {
            tasks: vec![a, hidden, approve],
        }
    }

    fn issued(version: u32, schedule: Schedule) -> IssuedSchedule {
        IssuedSchedule {
            job_id: JobId(2),
            version,
            issued_on: d("2026-11-20"),
            stamp: stamp(),
            schedule,
        }
    }

    #[test]
    fn the_client_version_has_nothing_internal_not_even_in_the_changes() {
        let (job, client) = job_and_client();
        let v1 = issued(1, secret_schedule());
        let mut now = secret_schedule();
        // The hidden task is removed and renamed: neither may show in the client's changes.
        now.tasks.retain(|t| t.id != TaskId(2));
        now.tasks[1].start = d("2026-12-09");
        now.tasks[1].end = d("2026-12-10");
        let v2 = issued(2, now.clone());
        let head = Letterhead::default();
        let cal = WorkCalendar::china();
        let inputs = ScheduleInputs {
            view: View::Client,
            job: &job,
            client: &client,
            schedule: &v2.schedule,
            version: Some(&v2),
            previous: Some(&v1),
            letterhead: &head,
            today: d("2026-11-27"),
            lang: Lang::Zh,
            calendar: &cal,
        };
        let report = ScheduleReport::build(&inputs);
        let text = format!("{report:?}{:?}", report.change_lines());
        assert!(!text.contains("SECRET"), "{text}");
        assert_eq!(report.rows.len(), 2);
        assert!(report.rows[1].client_action);
        assert_eq!(
            report.changes.len(),
            1,
            "only the visible task moved: {:?}",
            report.changes
        );
        assert_eq!(
            report.change_lines(),
            vec!["调整：客户确认创意，2026年12月7日 – 2026年12月8日 → 2026年12月9日 – 2026年12月10日".to_string()]
        );
        assert_eq!(report.version_text(), "v2");
        // The internal version has it all, and says which tasks the client does not see.
        let internal = ScheduleReport::build(&ScheduleInputs {
            view: View::Internal,
            ..inputs
        });
        let text = format!("{internal:?}{:?}", internal.change_lines());
        assert!(text.contains("SECRET-NOTE-1") && text.contains("SECRET-TASK"));
        assert!(
            internal
                .change_lines()
                .iter()
                .any(|l| l.starts_with("取消：SECRET-TASK"))
        );
    }

    #[test]
    fn statuses_are_those_of_the_day_and_the_span_covers_every_row() {
        let (job, client) = job_and_client();
        let plan = secret_schedule();
        let head = Letterhead::default();
        let report = ScheduleReport::build(&ScheduleInputs {
            view: View::Internal,
            job: &job,
            client: &client,
            schedule: &plan,
            version: None,
            previous: None,
            letterhead: &head,
            today: d("2026-12-05"),
            lang: Lang::En,
            calendar: &WorkCalendar::china(),
        });
        assert_eq!(report.rows[0].status, TaskStatus::Late);
        assert_eq!(report.rows[2].status, TaskStatus::NotStarted);
        assert_eq!(report.span, Some((d("2026-12-01"), d("2026-12-08"))));
        assert_eq!(report.version_text(), "草稿 Draft");
        assert_eq!(report.issued_on, d("2026-12-05"));
        assert!(report.rows[1].internal_only);
        assert_eq!(report.rows[0].note, "SECRET-NOTE-1 毛利 35%");
    }

    #[test]
    fn a_running_task_behind_its_dates_is_at_risk_and_one_past_its_end_is_late() {
        let (job, client) = job_and_client();
        let head = Letterhead::default();
        let cal = WorkCalendar::china();
        let mut plan = secret_schedule();
        // 创意提案 runs 12-01..12-04; on 12-03 it should be half done but is at 10%.
        plan.tasks[0].status = TaskStatus::InProgress;
        plan.tasks[0].progress = 10;
        let on = |today: &str| {
            ScheduleReport::build(&ScheduleInputs {
                view: View::Internal,
                job: &job,
                client: &client,
                schedule: &plan,
                version: None,
                previous: None,
                letterhead: &head,
                today: d(today),
                lang: Lang::Zh,
                calendar: &cal,
            })
        };
        let running = on("2026-12-03");
        assert!(running.rows[0].at_risk);
        assert_eq!(running.rows[0].status, TaskStatus::InProgress);
        assert!(!running.rows[2].at_risk, "not started yet");
        let past = on("2026-12-07");
        assert_eq!(past.rows[0].status, TaskStatus::Late);
        assert!(!past.rows[0].at_risk, "late, no longer at risk");
    }
}
