//! One line of a schedule: a task or milestone, who carries it, and where it stands on a
//! given day.

use super::*;

/// A task's number within its schedule (stable: issued versions are compared by it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct TaskId(pub u32);

/// Who does the work.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Party {
    /// The agency (本公司).
    Agency,
    /// The client (客户).
    Client,
    /// A vendor or production house (制作公司/供应商).
    Vendor,
    /// Media (媒体).
    Media,
}

impl Party {
    /// All parties in the order they are offered.
    pub const ALL: [Party; 4] = [Party::Agency, Party::Client, Party::Vendor, Party::Media];
}

/// Where a task stands, as set by people. [`Task::status_on`] adds "late".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum TaskStatus {
    /// Not started (未开始).
    NotStarted,
    /// In progress (进行中).
    InProgress,
    /// Done (已完成).
    Done,
    /// Late (已延误): past its planned end and not done.
    Late,
    /// On hold (暂停).
    OnHold,
}

/// A task or a milestone of a schedule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Task {
    /// Its number in the schedule.
    pub id: TaskId,
    /// What is done, e.g. 创意提案.
    pub name: String,
    /// A milestone is a moment (start = end), drawn as a diamond.
    pub milestone: bool,
    /// Planned first day.
    pub start: NaiveDate,
    /// Planned last day (included).
    pub end: NaiveDate,
    /// When it really started.
    pub actual_start: Option<NaiveDate>,
    /// When it really finished.
    pub actual_end: Option<NaiveDate>,
    /// Progress, 0–100.
    pub progress: u8,
    /// Who does it.
    pub party: Party,
    /// The person responsible, as people call them.
    pub owner: String,
    /// The owner's name is internal: the client view shows only the party.
    pub owner_internal: bool,
    /// Finish-to-start predecessors.
    pub after: Vec<TaskId>,
    /// Status as set by people.
    pub status: TaskStatus,
    /// Shown to the client (对客). Internal-only tasks never leave the agency.
    pub client_visible: bool,
    /// Something the client owes: an approval, materials, feedback (客户配合事项).
    pub client_action: bool,
    /// Note for the agency only; never client-visible.
    pub internal_note: String,
    /// Note printed for the client.
    pub client_note: String,
    /// 0 for a row of its own (or a phase), 1 for a task inside the phase above it: one
    /// level of grouping (策划 / 创意 / 制作 / 媒介 / 执行 with their tasks).
    pub level: u8,
    /// Counts calendar days rather than working days: media flights and weekend events run
    /// through weekends and holidays.
    pub calendar_days: bool,
}

impl Task {
    /// A task of `party` from `start` to `end`, visible to the client, not started.
    pub fn new(id: TaskId, name: &str, start: NaiveDate, end: NaiveDate, party: Party) -> Task {
        Task {
            id,
            name: name.to_string(),
            milestone: false,
            start,
            end: end.max(start),
            actual_start: None,
            actual_end: None,
            progress: 0,
            party,
            owner: String::new(),
            owner_internal: false,
            after: Vec::new(),
            status: TaskStatus::NotStarted,
            client_visible: true,
            client_action: party == Party::Client,
            internal_note: String::new(),
            client_note: String::new(),
            level: 0,
            calendar_days: false,
        }
    }

    /// The status on `today`: late when past its planned end and not done (or on hold).
    pub fn status_on(&self, today: NaiveDate) -> TaskStatus {
        match self.status {
            TaskStatus::Done | TaskStatus::OnHold => self.status,
            _ if self.end < today => TaskStatus::Late,
            s => s,
        }
    }

    /// Whether it is at risk on `today`: not done, and less done than the share of its
    /// working days already past (less than half done with its end within two working days).
    pub fn at_risk(&self, today: NaiveDate, cal: &WorkCalendar) -> bool {
        if self.status == TaskStatus::Done
            || self.milestone
            || today < self.start
            || today > self.end
        {
            return false;
        }
        let total = cal.working_days(self.start, self.end).max(1);
        let gone = cal.working_days(self.start, today);
        let expected = gone * 100 / total;
        i64::from(self.progress) + 25 < expected
    }

    /// Planned length in working days (a milestone: 0).
    pub fn working_days(&self, cal: &WorkCalendar) -> i64 {
        match self.milestone {
            true => 0,
            false => cal.working_days(self.start, self.end),
        }
    }

    /// Planned length in the days it counts: working days, or calendar days for a task that
    /// runs through weekends and holidays (a milestone: 0).
    pub fn duration(&self, cal: &WorkCalendar) -> i64 {
        match (self.milestone, self.calendar_days) {
            (true, _) => 0,
            (false, true) => (self.end - self.start).num_days() + 1,
            (false, false) => cal.working_days(self.start, self.end),
        }
    }

    /// The last day of a task of `days` days (at least 1) starting on `start`, counted the
    /// way this task counts them.
    pub fn end_for(&self, start: NaiveDate, days: i64, cal: &WorkCalendar) -> Option<NaiveDate> {
        if self.milestone {
            return Some(start);
        }
        let days = days.max(1);
        match self.calendar_days {
            true => start.checked_add_signed(chrono::Duration::days(days - 1)),
            false => cal.add_working_days(cal.working_on_or_after(start)?, days - 1),
        }
    }

    /// The first day of a task of `days` days (at least 1) ending on `end`.
    pub fn start_for(&self, end: NaiveDate, days: i64, cal: &WorkCalendar) -> Option<NaiveDate> {
        if self.milestone {
            return Some(end);
        }
        let days = days.max(1);
        match self.calendar_days {
            true => end.checked_sub_signed(chrono::Duration::days(days - 1)),
            false => cal.add_working_days(cal.working_on_or_before(end)?, -(days - 1)),
        }
    }
}
