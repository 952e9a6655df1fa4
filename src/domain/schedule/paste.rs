//! Rows pasted from Excel or WPS (tab-separated text on the clipboard) become tasks. Each
//! line is a task: its name, then either a duration ("5", "5天", "5 个工作日", "5d") or a
//! start and an end date ("2026-03-02", "2026/3/2", "3月2日", "3/2"), then, optionally, the
//! owner. A header row (任务 / Task) is skipped. Tasks without dates follow each other on
//! working days from `start`.

use super::{Party, Task, TaskId};
use crate::domain::calendar::WorkCalendar;
use crate::domain::text::ascii_digits;
use chrono::{Datelike, NaiveDate};
use thiserror::Error;

/// A pasted line that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("line {line}: {problem}")]
pub struct PasteError {
    /// 1-based line of the pasted text.
    pub line: usize,
    /// What is wrong, naming the cell.
    pub problem: PasteProblem,
}

/// What is wrong with a pasted line.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum PasteProblem {
    /// A cell that is neither a duration nor a date.
    #[error("“{0}” is neither a number of days nor a date")]
    NotDaysOrDate(String),
    /// An end before the start.
    #[error("the end {end} is before the start {start}")]
    EndBeforeStart {
        /// The start typed.
        start: NaiveDate,
        /// The end typed.
        end: NaiveDate,
    },
    /// A duration of zero or more than a year.
    #[error("{0} days is not a duration (1 to 366)")]
    Days(i64),
    /// Nothing to paste.
    #[error("there are no rows to paste")]
    Empty,
}

/// Reads pasted rows into tasks numbered from `first_id`, the undated ones laid one after
/// another from `start` (moved onto a working day). `year` completes dates typed without
/// one ("3月2日").
pub fn tasks_from_paste(
    text: &str,
    first_id: TaskId,
    start: NaiveDate,
    cal: &WorkCalendar,
) -> Result<Vec<Task>, PasteError> {
    let mut tasks = Vec::new();
    let mut next_day = cal.working_on_or_after(start).unwrap_or(start);
    for (i, line) in text.lines().enumerate() {
        let cells: Vec<&str> = line.split('\t').map(str::trim).collect();
        let name = cells
            .first()
            .copied()
            .unwrap_or("")
            .trim_start_matches('\u{feff}');
        if name.is_empty() {
            continue;
        }
        if tasks.is_empty() && is_header(name) {
            continue;
        }
        let fail = |problem| PasteError {
            line: i + 1,
            problem,
        };
        let rest: Vec<&str> = cells[1..]
            .iter()
            .copied()
            .filter(|c| !c.is_empty())
            .collect();
        let mut owner = String::new();
        let mut dates = Vec::new();
        let mut days = None;
        for cell in rest {
            if days.is_none()
                && dates.is_empty()
                && let Some(n) = parse_days(cell)
            {
                if !(1..=366).contains(&n) {
                    return Err(fail(PasteProblem::Days(n)));
                }
                days = Some(n);
            } else if dates.len() < 2
                && days.is_none()
                && let Some(d) = parse_date(cell, start.year())
            {
                dates.push(d);
            } else if owner.is_empty() && !looks_numeric(cell) {
                owner = cell.to_string();
            } else if looks_numeric(cell) && owner.is_empty() {
                return Err(fail(PasteProblem::NotDaysOrDate(cell.to_string())));
            }
        }
        let id = TaskId(first_id.0 + u32::try_from(tasks.len()).unwrap_or(u32::MAX - first_id.0));
        let mut task = Task::new(id, name, next_day, next_day, Party::Agency);
        task.owner = owner;
        match (dates.as_slice(), days) {
            ([a, b, ..], _) => {
                if b < a {
                    return Err(fail(PasteProblem::EndBeforeStart { start: *a, end: *b }));
                }
                task.start = *a;
                task.end = *b;
            }
            ([a], _) => {
                task.start = *a;
                task.end = *a;
            }
            ([], Some(n)) => {
                task.end = task.end_for(next_day, n, cal).unwrap_or(next_day);
            }
            ([], None) => {}
        }
        next_day = cal.add_working_days(task.end, 1).unwrap_or(task.end);
        tasks.push(task);
    }
    if tasks.is_empty() {
        return Err(PasteError {
            line: 1,
            problem: PasteProblem::Empty,
        });
    }
    Ok(tasks)
}

fn is_header(name: &str) -> bool {
    matches!(
        name.to_lowercase().as_str(),
        "任务" | "任务名称" | "工作内容" | "事项" | "task" | "tasks" | "name"
    )
}

fn looks_numeric(cell: &str) -> bool {
    ascii_digits(cell)
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_digit())
}

/// "5", "5天", "5 天", "5个工作日", "5 working days", "5d".
fn parse_days(cell: &str) -> Option<i64> {
    let cell = ascii_digits(cell);
    let digits: String = cell.chars().take_while(char::is_ascii_digit).collect();
    if digits.is_empty() {
        return None;
    }
    let unit = cell[digits.len()..].trim().to_lowercase();
    let known = [
        "",
        "天",
        "日",
        "个工作日",
        "工作日",
        "d",
        "day",
        "days",
        "wd",
        "working days",
        "working day",
    ];
    match known.contains(&unit.as_str()) {
        true => digits.parse().ok(),
        false => None,
    }
}

/// "2026-03-02", "2026/3/2", "2026.3.2", "2026年3月2日", "3月2日", "3/2", "3-2".
fn parse_date(cell: &str, year: i32) -> Option<NaiveDate> {
    let cell = ascii_digits(cell);
    let parts: Vec<i32> = cell
        .split(|c: char| !c.is_ascii_digit())
        .filter(|p| !p.is_empty())
        .map(|p| p.parse().ok())
        .collect::<Option<_>>()?;
    let (y, m, d) = match parts.as_slice() {
        [y, m, d] if *y > 1900 => (*y, *m, *d),
        [m, d] => (year, *m, *d),
        _ => return None,
    };
    NaiveDate::from_ymd_opt(y, u32::try_from(m).ok()?, u32::try_from(d).ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn rows_from_excel_become_tasks_one_after_another() {
        let cal = WorkCalendar::china();
        let text = "任务\t工期\t负责人\n创意提案\t5天\t王小明\n客户确认\t2\n拍摄\t2026/3/16\t2026/3/18\t导演组\r\n";
        let tasks = tasks_from_paste(text, TaskId(7), d("2026-03-02"), &cal).unwrap();
        assert_eq!(tasks.len(), 3);
        assert_eq!(tasks[0].id, TaskId(7));
        assert_eq!(
            (tasks[0].start, tasks[0].end),
            (d("2026-03-02"), d("2026-03-06"))
        );
        assert_eq!(tasks[0].owner, "王小明");
        assert_eq!(
            (tasks[1].start, tasks[1].end),
            (d("2026-03-09"), d("2026-03-10"))
        );
        assert_eq!(
            (tasks[2].start, tasks[2].end),
            (d("2026-03-16"), d("2026-03-18"))
        );
        assert_eq!(tasks[2].owner, "导演组");
        assert_eq!(tasks[2].id, TaskId(9));
    }

    #[test]
    fn chinese_and_short_dates_and_full_width_digits_are_read() {
        let cal = WorkCalendar::china();
        let text = "物料设计\t3月2日\t3月4日\n印刷\t２个工作日";
        let tasks = tasks_from_paste(text, TaskId(1), d("2026-02-26"), &cal).unwrap();
        assert_eq!(
            (tasks[0].start, tasks[0].end),
            (d("2026-03-02"), d("2026-03-04"))
        );
        assert_eq!(
            (tasks[1].start, tasks[1].end),
            (d("2026-03-05"), d("2026-03-06"))
        );
    }

    #[test]
    fn a_line_it_cannot_read_is_named() {
        let cal = WorkCalendar::china();
        let err =
            tasks_from_paste("a\t1\nb\t2026/2/30\n", TaskId(1), d("2026-03-02"), &cal).unwrap_err();
        assert_eq!(err.line, 2);
        assert_eq!(err.problem, PasteProblem::NotDaysOrDate("2026/2/30".into()));
        let err = tasks_from_paste(
            "a\t2026-03-05\t2026-03-02",
            TaskId(1),
            d("2026-03-02"),
            &cal,
        )
        .unwrap_err();
        assert!(matches!(err.problem, PasteProblem::EndBeforeStart { .. }));
        assert_eq!(
            tasks_from_paste("\n\t\n", TaskId(1), d("2026-03-02"), &cal)
                .unwrap_err()
                .problem,
            PasteProblem::Empty
        );
        assert_eq!(
            tasks_from_paste("a\t0", TaskId(1), d("2026-03-02"), &cal)
                .unwrap_err()
                .problem,
            PasteProblem::Days(0)
        );
    }
}
