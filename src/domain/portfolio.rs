//! The portfolio timeline (工作总览): one line per job — its schedule's span, how far it is,
//! what is late, its milestones and the next thing the client owes — for all jobs of a
//! client or of one account person, late jobs first — and the rules the job lists share:
//! whose job it is, and whether it is due today or overdue.

use super::ids::{JobId, UserId};
use super::job::{Job, JobStatus};
use super::schedule::{Schedule, TaskStatus};
use chrono::NaiveDate;

/// How a job stands against its due date on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Due {
    /// No due date, the job is delivered or filed, or the date is still ahead.
    Open,
    /// Due today and not delivered.
    Today,
    /// The due date has passed and the job is not delivered: by this many days.
    Overdue(i64),
}

impl Due {
    /// Where `job` stands on `today`. A completed or archived job is never overdue: it was
    /// delivered (or cancelled), whatever its date says.
    pub fn of(job: &Job, today: NaiveDate) -> Due {
        let delivered = matches!(job.status, JobStatus::Completed | JobStatus::Archived);
        match job.due_on {
            Some(due) if !delivered && due == today => Due::Today,
            Some(due) if !delivered && due < today => Due::Overdue((today - due).num_days()),
            _ => Due::Open,
        }
    }
}

/// Whether `user` is on the job's account team (its AE, AM or AD).
pub fn on_team(job: &Job, user: UserId) -> bool {
    [job.team.ae, job.team.am, job.team.ad].contains(&Some(user))
}

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

    fn job(status: JobStatus, due: Option<&str>) -> Job {
        use crate::domain::{Audit, ClientId, JobNumber, Stamp, Team};
        let stamp = Stamp {
            by: UserId(1),
            at: chrono::DateTime::UNIX_EPOCH,
        };
        Job {
            id: JobId(1),
            number: JobNumber {
                year: 2026,
                seq: 7,
                text: "2026-0007".into(),
            },
            title: "冬季新品上市".into(),
            client_id: ClientId(1),
            brand_id: None,
            team: Team {
                ae: Some(UserId(3)),
                am: None,
                ad: Some(UserId(5)),
            },
            status,
            requested_on: d("2026-11-01"),
            due_on: due.map(d),
            audit: Audit::new(stamp),
        }
    }

    #[test]
    fn a_job_is_due_today_or_overdue_until_it_is_delivered() {
        let today = d("2026-11-26");
        let open = JobStatus::InProduction;
        assert_eq!(Due::of(&job(open, None), today), Due::Open);
        assert_eq!(Due::of(&job(open, Some("2026-11-27")), today), Due::Open);
        assert_eq!(Due::of(&job(open, Some("2026-11-26")), today), Due::Today);
        assert_eq!(
            Due::of(&job(open, Some("2026-11-20")), today),
            Due::Overdue(6)
        );
        for delivered in [JobStatus::Completed, JobStatus::Archived] {
            assert_eq!(
                Due::of(&job(delivered, Some("2026-11-20")), today),
                Due::Open
            );
            assert_eq!(
                Due::of(&job(delivered, Some("2026-11-26")), today),
                Due::Open
            );
        }
    }

    #[test]
    fn the_team_is_the_ae_am_and_ad() {
        let j = job(JobStatus::Requested, None);
        assert!(on_team(&j, UserId(3)));
        assert!(on_team(&j, UserId(5)));
        assert!(!on_team(&j, UserId(4)));
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
