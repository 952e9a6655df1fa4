//! The portfolio timeline (工作总览): one line per job — its schedule's span, how far it is,
//! what is late, its milestones and the next thing the client owes — for all jobs of a
//! client or of one account person, late jobs first.

use super::ids::JobId;
use super::schedule::{Schedule, TaskStatus};
use chrono::NaiveDate;

/// One job on the portfolio timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JobLine {
    /// The job.
    pub job: JobId,
    /// First and last planned day.
    pub start: NaiveDate,
    /// Last planned day.
    pub end: NaiveDate,
    /// Share of the planned working days done, 0–100.
    pub progress: u8,
    /// Tasks late on the day of the timeline.
    pub late: usize,
    /// Tasks in all.
    pub tasks: usize,
    /// Milestone days.
    pub milestones: Vec<NaiveDate>,
    /// The next unfinished thing the client must do: its end date and name.
    pub next_client_action: Option<(NaiveDate, String)>,
}

impl JobLine {
    /// The line of `job`'s schedule on `today`; `None` for an empty schedule.
    pub fn of(job: JobId, schedule: &Schedule, today: NaiveDate) -> Option<JobLine> {
        let (start, end) = schedule.span()?;
        let mut late = 0;
        let (mut weight, mut done) = (0u64, 0u64);
        let mut milestones = Vec::new();
        let mut next_client_action: Option<(NaiveDate, String)> = None;
        for t in &schedule.tasks {
            let status = t.status_on(today);
            if status == TaskStatus::Late {
                late += 1;
            }
            let days = (t.end - t.start).num_days().max(0) as u64 + 1;
            let progress = if status == TaskStatus::Done {
                100
            } else {
                u64::from(t.progress.min(100))
            };
            weight += days;
            done += days * progress;
            if t.milestone {
                milestones.push(t.end);
            }
            if t.client_action
                && status != TaskStatus::Done
                && next_client_action.as_ref().is_none_or(|(d, _)| t.end < *d)
            {
                next_client_action = Some((t.end, t.name.clone()));
            }
        }
        milestones.sort_unstable();
        Some(JobLine {
            job,
            start,
            end,
            progress: u8::try_from(done / weight.max(1)).unwrap_or(100),
            late,
            tasks: schedule.tasks.len(),
            milestones,
            next_client_action,
        })
    }
}

/// Late jobs first (the most late tasks first), then by start, then by job.
pub fn order(lines: &mut [JobLine]) {
    lines.sort_by(|a, b| {
        (a.late == 0, std::cmp::Reverse(a.late), a.start, a.job.0).cmp(&(
            b.late == 0,
            std::cmp::Reverse(b.late),
            b.start,
            b.job.0,
        ))
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::schedule::{Party, Task, TaskId};

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn task(id: u32, start: &str, end: &str, party: Party) -> Task {
        Task::new(TaskId(id), &format!("任务{id}"), d(start), d(end), party)
    }

    #[test]
    fn a_line_sums_up_progress_lateness_milestones_and_the_next_client_action() {
        let mut done = task(1, "2026-11-02", "2026-11-05", Party::Agency);
        done.status = TaskStatus::Done;
        let late = task(2, "2026-11-06", "2026-11-09", Party::Vendor);
        let mut approve = task(3, "2026-11-20", "2026-11-20", Party::Client);
        approve.name = "客户确认".into();
        let mut launch = task(4, "2026-12-01", "2026-12-01", Party::Agency);
        launch.milestone = true;
        let schedule = Schedule {
            tasks: vec![done, late, approve, launch],
        };
        let line = JobLine::of(JobId(7), &schedule, d("2026-11-12")).unwrap();
        assert_eq!((line.start, line.end), (d("2026-11-02"), d("2026-12-01")));
        assert_eq!(line.late, 1);
        assert_eq!(line.tasks, 4);
        // 4 of 10 planned days are done.
        assert_eq!(line.progress, 40);
        assert_eq!(line.milestones, vec![d("2026-12-01")]);
        assert_eq!(
            line.next_client_action,
            Some((d("2026-11-20"), "客户确认".to_string()))
        );
        assert_eq!(
            JobLine::of(JobId(8), &Schedule::default(), d("2026-11-12")),
            None
        );
    }

    #[test]
    fn late_jobs_come_first_then_by_start() {
        let line = |job: u64, start: &str, late: usize| JobLine {
            job: JobId(job),
            start: d(start),
            end: d(start),
            progress: 0,
            late,
            tasks: 1,
            milestones: Vec::new(),
            next_client_action: None,
        };
        let mut lines = vec![
            line(1, "2026-10-01", 0),
            line(2, "2026-11-01", 1),
            line(3, "2026-09-01", 0),
            line(4, "2026-12-01", 3),
        ];
        order(&mut lines);
        let jobs: Vec<u64> = lines.iter().map(|l| l.job.0).collect();
        assert_eq!(jobs, vec![4, 2, 3, 1]);
    }
}
