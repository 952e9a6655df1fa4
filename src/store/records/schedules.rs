//! A job's working schedule and its issued versions on disk: the task layouts 1 and 2 (the
//! schedule templates use layout 2 too).

use super::*;

/// A schedule task, layout 1 (inside [`ScheduleV1`] and [`IssuedScheduleV1`]).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TaskV1 {
    id: u32,
    name: String,
    milestone: bool,
    start: i32,
    end: i32,
    actual_start: Option<i32>,
    actual_end: Option<i32>,
    progress: u8,
    party: u8,
    owner: String,
    owner_internal: bool,
    after: Vec<u32>,
    status: u8,
    client_visible: bool,
    client_action: bool,
    internal_note: String,
    client_note: String,
}

impl TaskV1 {
    fn from_domain(t: &schedule::Task) -> Self {
        TaskV1 {
            id: t.id.0,
            name: t.name.clone(),
            milestone: t.milestone,
            start: date_out(t.start),
            end: date_out(t.end),
            actual_start: t.actual_start.map(date_out),
            actual_end: t.actual_end.map(date_out),
            progress: t.progress,
            party: party_out(t.party),
            owner: t.owner.clone(),
            owner_internal: t.owner_internal,
            after: t.after.iter().map(|a| a.0).collect(),
            status: task_status_out(t.status),
            client_visible: t.client_visible,
            client_action: t.client_action,
            internal_note: t.internal_note.clone(),
            client_note: t.client_note.clone(),
        }
    }
    fn into_domain(self, kind: Kind) -> Result<schedule::Task, CodecError> {
        if self.progress > 100 {
            return Err(bad(kind, format!("progress {}%", self.progress)));
        }
        let start = date_in(kind, self.start)?;
        let end = date_in(kind, self.end)?;
        if end < start {
            return Err(bad(kind, "a task ends before it starts"));
        }
        Ok(schedule::Task {
            id: schedule::TaskId(self.id),
            name: self.name,
            milestone: self.milestone,
            start,
            end,
            actual_start: opt_date_in(kind, self.actual_start)?,
            actual_end: opt_date_in(kind, self.actual_end)?,
            progress: self.progress,
            party: party_in(self.party)?,
            owner: self.owner,
            owner_internal: self.owner_internal,
            after: self.after.into_iter().map(schedule::TaskId).collect(),
            status: task_status_in(self.status)?,
            client_visible: self.client_visible,
            client_action: self.client_action,
            internal_note: self.internal_note,
            client_note: self.client_note,
            level: 0,
            calendar_days: false,
        })
    }
}

/// A schedule task, layout 2: layout 1, its level (inside a phase or not) and whether it
/// counts calendar days.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TaskV2 {
    v1: TaskV1,
    level: u8,
    calendar_days: bool,
}

impl TaskV2 {
    pub(super) fn from_domain(t: &schedule::Task) -> Self {
        TaskV2 {
            v1: TaskV1::from_domain(t),
            level: t.level,
            calendar_days: t.calendar_days,
        }
    }
    pub(super) fn into_domain(self, kind: Kind) -> Result<schedule::Task, CodecError> {
        if self.level > schedule::MAX_LEVEL {
            return Err(bad(kind, format!("task level {}", self.level)));
        }
        Ok(schedule::Task {
            level: self.level,
            calendar_days: self.calendar_days,
            ..self.v1.into_domain(kind)?
        })
    }
}

/// Tasks of either layout, in order.
pub(super) fn tasks_in<T>(
    kind: Kind,
    tasks: Vec<T>,
    decode: fn(T, Kind) -> Result<schedule::Task, CodecError>,
) -> Result<schedule::Schedule, CodecError> {
    Ok(schedule::Schedule {
        tasks: tasks
            .into_iter()
            .map(|t| decode(t, kind))
            .collect::<Result<_, _>>()?,
    })
}

/// A job's working schedule, layout 1 (tasks of layout 1).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ScheduleV1 {
    job_id: u64,
    tasks: Vec<TaskV1>,
    audit: AuditV1,
}

impl ScheduleV1 {
    fn into_domain(self) -> Result<schedule::JobSchedule, CodecError> {
        Ok(schedule::JobSchedule {
            job_id: domain::JobId(self.job_id),
            schedule: tasks_in(Kind::Schedule, self.tasks, TaskV1::into_domain)?,
            audit: self.audit.into_domain(Kind::Schedule)?,
        })
    }
}

/// A job's working schedule, layout 2 (tasks of layout 2).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ScheduleV2 {
    job_id: u64,
    tasks: Vec<TaskV2>,
    audit: AuditV1,
}

impl ScheduleV2 {
    fn from_domain(s: &schedule::JobSchedule) -> Self {
        ScheduleV2 {
            job_id: s.job_id.0,
            tasks: s.schedule.tasks.iter().map(TaskV2::from_domain).collect(),
            audit: AuditV1::from_domain(&s.audit),
        }
    }
    fn into_domain(self) -> Result<schedule::JobSchedule, CodecError> {
        Ok(schedule::JobSchedule {
            job_id: domain::JobId(self.job_id),
            schedule: tasks_in(Kind::Schedule, self.tasks, TaskV2::into_domain)?,
            audit: self.audit.into_domain(Kind::Schedule)?,
        })
    }
}

impl Record for schedule::JobSchedule {
    const KIND: Kind = Kind::Schedule;
    const VERSION: u16 = 2;
    fn encode(&self) -> Result<Vec<u8>, CodecError> {
        codec::encode(Self::KIND, Self::VERSION, &ScheduleV2::from_domain(self))
    }
    fn decode(bytes: &[u8]) -> Result<Self, CodecError> {
        let (version, payload) = codec::open_envelope(Self::KIND, bytes)?;
        match version {
            1 => codec::decode_payload::<ScheduleV1>(Self::KIND, payload)?.into_domain(),
            2 => codec::decode_payload::<ScheduleV2>(Self::KIND, payload)?.into_domain(),
            v => Err(unknown_version(Self::KIND, v, Self::VERSION)),
        }
    }
}

/// A schedule version issued to the client, layout 1 (tasks of layout 1).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct IssuedScheduleV1 {
    job_id: u64,
    version: u32,
    issued_on: i32,
    stamp: StampV1,
    tasks: Vec<TaskV1>,
}

impl IssuedScheduleV1 {
    fn into_domain(self) -> Result<schedule::IssuedSchedule, CodecError> {
        let kind = Kind::IssuedSchedule;
        Ok(schedule::IssuedSchedule {
            job_id: domain::JobId(self.job_id),
            version: self.version,
            issued_on: date_in(kind, self.issued_on)?,
            stamp: self.stamp.into_domain(kind)?,
            schedule: tasks_in(kind, self.tasks, TaskV1::into_domain)?,
        })
    }
}

/// A schedule version issued to the client, layout 2 (tasks of layout 2).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct IssuedScheduleV2 {
    job_id: u64,
    version: u32,
    issued_on: i32,
    stamp: StampV1,
    tasks: Vec<TaskV2>,
}

impl IssuedScheduleV2 {
    fn from_domain(s: &schedule::IssuedSchedule) -> Self {
        IssuedScheduleV2 {
            job_id: s.job_id.0,
            version: s.version,
            issued_on: date_out(s.issued_on),
            stamp: StampV1::from_domain(&s.stamp),
            tasks: s.schedule.tasks.iter().map(TaskV2::from_domain).collect(),
        }
    }
    fn into_domain(self) -> Result<schedule::IssuedSchedule, CodecError> {
        let kind = Kind::IssuedSchedule;
        Ok(schedule::IssuedSchedule {
            job_id: domain::JobId(self.job_id),
            version: self.version,
            issued_on: date_in(kind, self.issued_on)?,
            stamp: self.stamp.into_domain(kind)?,
            schedule: tasks_in(kind, self.tasks, TaskV2::into_domain)?,
        })
    }
}

impl Record for schedule::IssuedSchedule {
    const KIND: Kind = Kind::IssuedSchedule;
    const VERSION: u16 = 2;
    fn encode(&self) -> Result<Vec<u8>, CodecError> {
        codec::encode(
            Self::KIND,
            Self::VERSION,
            &IssuedScheduleV2::from_domain(self),
        )
    }
    fn decode(bytes: &[u8]) -> Result<Self, CodecError> {
        let (version, payload) = codec::open_envelope(Self::KIND, bytes)?;
        match version {
            1 => codec::decode_payload::<IssuedScheduleV1>(Self::KIND, payload)?.into_domain(),
            2 => codec::decode_payload::<IssuedScheduleV2>(Self::KIND, payload)?.into_domain(),
            v => Err(unknown_version(Self::KIND, v, Self::VERSION)),
        }
    }
}
