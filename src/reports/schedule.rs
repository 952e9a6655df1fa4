//! The schedule report (工作进度表): one model for every way a schedule leaves the agency —
//! PDF, Excel, calendar entries. The client version is built from
//! [`Schedule::client_view`] *before* anything else happens, so nothing internal (hidden
//! tasks, internal notes, internal names, even the names of hidden tasks in the list of
//! changes) can reach a renderer.

use super::brief::{Label, Letterhead};
use crate::domain::calendar::WorkCalendar;
use crate::domain::schedule::{
    self, IssuedSchedule, Party, Schedule, ScheduleChange, TaskId, TaskStatus,
};
use crate::domain::{Client, Job, Lang};
use chrono::NaiveDate;
use std::collections::{BTreeSet, HashMap};

/// Which version of the same data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    /// For the client (对客): what the client sees and must do.
    Client,
    /// For the agency (对内): everything, marked 内部 / INTERNAL.
    Internal,
}

/// Which plan of a job's schedule is printed or exported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PlanChoice {
    /// The working plan as it is now, not issued: for the team at any time, and for the
    /// client only as a draft (草稿 / DRAFT on every page, never titled as a version).
    /// Statuses are those of the day of printing, and the today line is drawn.
    #[default]
    Working,
    /// A version issued to the client: the given one (`Some(3)` for v3) or the newest.
    /// Statuses are those of its issue date, and no today line is drawn.
    Issued(Option<u32>),
}

impl PlanChoice {
    /// What prints when nothing is chosen: the working plan for the team, the newest issued
    /// version for the client.
    pub fn default_for(view: View) -> PlanChoice {
        match view {
            View::Internal => PlanChoice::Working,
            View::Client => PlanChoice::Issued(None),
        }
    }

    /// `working`, `issued` or a version number (`3` or `v3`), as typed on the command line.
    pub fn parse(text: &str) -> Option<PlanChoice> {
        let text = text.trim().to_ascii_lowercase();
        match text.as_str() {
            "working" => Some(PlanChoice::Working),
            "issued" => Some(PlanChoice::Issued(None)),
            _ => {
                let digits = text.strip_prefix('v').unwrap_or(&text);
                match digits.parse::<u32>() {
                    Ok(v) if v > 0 && digits.bytes().all(|b| b.is_ascii_digit()) => {
                        Some(PlanChoice::Issued(Some(v)))
                    }
                    _ => None,
                }
            }
        }
    }
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
    /// The day a working plan was printed (it has no issue date).
    pub const PRINTED: Label = Label::new("打印日期", "Printed");
    /// The issue date of a version, which its statuses are as of.
    pub const ISSUED_AS_OF: Label = Label::new("发出日期 · 状态截至", "Issued · status as of");
    /// The day the working plan was printed, which its statuses (and its today line) are as
    /// of.
    pub const PRINTED_AS_OF: Label = Label::new("打印日期 · 状态截至", "Printed · status as of");
    /// The day the statuses are as of: the issue date of a version, the print date of the
    /// working plan.
    pub const STATUS_AS_OF: Label = Label::new("状态截至", "Status as of");
    /// The working plan printed for the team, not a version issued to the client.
    pub const WORKING_PLAN: Label = Label::new("工作计划", "Working plan");
    /// Marks every page of a client version that was not issued: a preview of the next one.
    pub const DRAFT: Label = Label::new("草稿", "DRAFT");
    /// Says what a draft is, on every page.
    pub const DRAFT_NOTE: Label = Label::new(
        "草稿 未发给客户，以正式发出的版本为准",
        "DRAFT – not issued; the issued version prevails",
    );
    /// A group of tasks (策划 / 创意 / 制作…).
    pub const PHASE: Label = Label::new("阶段", "Phase");
    /// Duration column: working days, or calendar days where the task counts them.
    pub const DAYS: Label = Label::new("工期（天）", "Days");
    /// After a duration counted in calendar days.
    pub const CALENDAR_DAYS: Label = Label::new("日历日", "calendar days");
}

/// The name of a party in both languages.
pub fn party_label(p: Party) -> Label {
    match p {
        Party::Agency => super::brief::AGENCY,
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
    /// 1 for a task inside the phase above it, 0 otherwise.
    pub level: u8,
    /// A phase: a row with tasks inside it, drawn as a summary bar spanning them.
    pub phase: bool,
    /// Planned length in the days it counts (see `calendar_days`); 0 for a milestone.
    pub days: i64,
    /// The length counts calendar days (media flights, weekend events), not working days.
    pub calendar_days: bool,
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
    /// The issued version this is (`None`: the working plan, not issued).
    pub version: Option<u32>,
    /// The date printed as issue date (the version's, or the day of printing).
    pub issued_on: NaiveDate,
    /// The day of printing.
    pub today: NaiveDate,
    /// The day the statuses (late, at risk) are as of: the issue date of a version, the day
    /// of printing for the working plan. Printed as 状态截至 / Status as of.
    pub status_date: NaiveDate,
    /// Where the today line is drawn: the day of printing on the working plan; none on an
    /// issued version, whose statuses are those of its issue date.
    pub today_line: Option<NaiveDate>,
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
    /// The short content hash of the plan printed (see `store::ContentHash`); set by the
    /// caller that read it.
    pub content_hash: Option<String>,
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
        let mut shown = for_view(i.schedule);
        if i.view == View::Client {
            keep_phases_the_client_sees(i.schedule, &mut shown);
        }
        // An issued version reads as it did the day it was issued; the working plan as it
        // is the day it is printed, beside the today line.
        let status_day = i.version.map_or(i.today, |v| v.issued_on);
        let changes = i
            .previous
            .map(|p| schedule::diff(&for_view(&p.schedule), &shown))
            .unwrap_or_default();
        let rows = shown
            .tasks
            .iter()
            .enumerate()
            .map(|(index, t)| {
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
                    level: t.level,
                    phase: shown.is_phase(index),
                    days: t.duration(i.calendar),
                    calendar_days: t.calendar_days && !t.milestone,
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
            status_date: status_day,
            today_line: match i.version {
                Some(_) => None,
                None => Some(i.today),
            },
            rows,
            span: shown.span(),
            changes,
            changes_since: i.previous.map(|p| p.version),
            lang: i.lang,
            content_hash: None,
        }
    }

    /// `v2`; for the working plan `工作计划 Working plan` (the team's) or `草稿 Draft` (a
    /// client version not issued: never titled as a version).
    pub fn version_text(&self) -> String {
        match (self.version, self.view) {
            (Some(v), _) => format!("v{v}"),
            (None, View::Internal) => labels::WORKING_PLAN.to_string(),
            (None, View::Client) => "草稿 Draft".into(),
        }
    }

    /// A client version that was not issued: a preview of the next one, marked 草稿 / DRAFT
    /// on every page.
    pub fn is_draft(&self) -> bool {
        self.version.is_none() && self.view == View::Client
    }

    /// Whether any row is a phase (the legend then explains the summary bar).
    pub fn has_phases(&self) -> bool {
        self.rows.iter().any(|r| r.phase)
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

/// The client view shows a task inside a phase at the top level when the phase itself is
/// internal, so no task hangs under a phase the client cannot see (or under the wrong one).
fn keep_phases_the_client_sees(full: &Schedule, shown: &mut Schedule) {
    let visible: BTreeSet<TaskId> = shown.tasks.iter().map(|t| t.id).collect();
    let mut phase_of: HashMap<TaskId, Option<TaskId>> = HashMap::new();
    let mut current = None;
    for t in &full.tasks {
        if t.level == 0 {
            current = Some(t.id);
        } else {
            phase_of.insert(t.id, current);
        }
    }
    for t in &mut shown.tasks {
        let phase = phase_of.get(&t.id).copied().flatten();
        if t.level > 0 && !phase.is_some_and(|p| visible.contains(&p)) {
            t.level = 0;
        }
    }
}

#[cfg(test)]
mod tests;
