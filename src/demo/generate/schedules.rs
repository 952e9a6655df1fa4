//! Schedules at scale: every generated job gets the agency's standard plan (≈ 10 tasks), and
//! [`roadshow`] builds one long schedule — a tour of many cities, each stop with its own
//! run of tasks — for measuring the Gantt chart and the schedule PDF.

use crate::demo::sample::schedules::progress;
use crate::domain::calendar::WorkCalendar;
use crate::domain::schedule::{Party, Schedule, Task, TaskId};
use chrono::NaiveDate;

/// Cities of a national tour.
const CITIES: [&str; 30] = [
    "上海",
    "北京",
    "广州",
    "深圳",
    "杭州",
    "南京",
    "苏州",
    "成都",
    "重庆",
    "武汉",
    "西安",
    "长沙",
    "郑州",
    "青岛",
    "厦门",
    "宁波",
    "天津",
    "沈阳",
    "大连",
    "昆明",
    "合肥",
    "福州",
    "济南",
    "哈尔滨",
    "长春",
    "南宁",
    "贵阳",
    "太原",
    "石家庄",
    "乌鲁木齐",
];

/// One stop's tasks: name, working days (0 = milestone), party, client action, client
/// visible, internal note.
const STOP: [(&str, i64, Party, bool, bool, &str); 10] = [
    ("场地勘察", 2, Party::Agency, false, true, ""),
    ("场地合同确认", 1, Party::Client, true, true, ""),
    (
        "搭建方案",
        3,
        Party::Vendor,
        false,
        true,
        "搭建商报价待比价",
    ),
    ("客户确认搭建方案", 1, Party::Client, true, true, ""),
    ("物料制作", 5, Party::Vendor, false, true, ""),
    (
        "供应商结算预审",
        1,
        Party::Agency,
        false,
        false,
        "成本控制在预算 92% 以内",
    ),
    ("媒体邀约", 4, Party::Media, false, true, ""),
    ("现场搭建", 2, Party::Vendor, false, true, ""),
    ("活动执行", 0, Party::Agency, false, true, ""),
    ("客户验收签字", 1, Party::Client, true, true, ""),
];

/// A tour of `stops` cities starting on `start`, a stop every five working days, each with
/// the ten tasks of [`STOP`] chained one after another: `stops × 10` tasks with client
/// actions, internal-only tasks and notes, milestones and dependencies; with progress as of
/// `as_of`, if given.
pub fn roadshow(
    stops: usize,
    start: NaiveDate,
    as_of: Option<NaiveDate>,
    cal: &WorkCalendar,
) -> Schedule {
    let mut tasks: Vec<Task> = Vec::with_capacity(stops * STOP.len());
    for stop in 0..stops {
        let city = CITIES[stop % CITIES.len()];
        let round = stop / CITIES.len();
        let city = match round {
            0 => city.to_string(),
            n => format!("{city}（第{}轮）", n + 1),
        };
        let mut day = cal
            .add_working_days(start, 5 * stop as i64)
            .unwrap_or(start);
        for (i, &(name, days, party, action, visible, note)) in STOP.iter().enumerate() {
            let id = TaskId((tasks.len() + 1) as u32);
            let begin = cal.working_on_or_after(day).unwrap_or(day);
            let end = match days {
                0 => begin,
                n => cal.add_working_days(begin, n - 1).unwrap_or(begin),
            };
            let mut t = Task::new(id, &format!("{city}站 · {name}"), begin, end, party);
            t.milestone = days == 0;
            t.client_action = action;
            t.client_visible = visible;
            t.internal_note = note.to_string();
            if i > 0 {
                t.after = vec![TaskId(id.0 - 1)];
            }
            day = cal.add_working_days(end, 1).unwrap_or(end);
            tasks.push(t);
        }
    }
    let mut tour = Schedule { tasks };
    if let Some(day) = as_of {
        progress(&mut tour, day, cal);
    }
    tour
}

/// [`roadshow`] with each city a phase (策划 / 执行 style grouping): a phase row named after
/// the stop above its ten tasks, `stops × 11` rows in all.
pub fn roadshow_in_phases(
    stops: usize,
    start: NaiveDate,
    as_of: Option<NaiveDate>,
    cal: &WorkCalendar,
) -> Schedule {
    let tour = roadshow(stops, start, as_of, cal);
    let mut next = tour.next_id().0;
    let mut tasks = Vec::with_capacity(tour.tasks.len() + stops);
    for (i, mut t) in tour.tasks.into_iter().enumerate() {
        if i % STOP.len() == 0 {
            let city = t.name.split(" · ").next().unwrap_or("").to_string();
            let mut phase = Task::new(TaskId(next), &city, t.start, t.end, Party::Agency);
            phase.client_action = false;
            next += 1;
            tasks.push(phase);
        }
        t.level = 1;
        tasks.push(t);
    }
    let mut phased = Schedule { tasks };
    phased.roll_up(cal);
    phased
}

/// The schedule of a generated job: the standard plan (names and parties, no notes) from
/// the day of its first brief, with progress as of `today`.
pub(super) fn job_schedule(briefed: NaiveDate, today: NaiveDate, cal: &WorkCalendar) -> Schedule {
    let mut schedule = crate::services::standard_plan(briefed, cal);
    progress(&mut schedule, today, cal);
    schedule
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_thirty_city_roadshow_has_three_hundred_valid_tasks() {
        let cal = WorkCalendar::china();
        let start = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
        let tour = roadshow(30, start, None, &cal);
        assert_eq!(tour.tasks.len(), 300);
        assert!(tour.validate().is_ok(), "{:?}", tour.validate());
        assert!(tour.conflicts().is_empty());
        assert!(tour.tasks.iter().any(|t| !t.client_visible));
        assert_eq!(tour.tasks.iter().filter(|t| t.client_action).count(), 90);
        let phased = roadshow_in_phases(30, start, None, &cal);
        assert_eq!(phased.tasks.len(), 330);
        assert!(phased.is_phase(0) && phased.is_phase(11));
        assert_eq!(phased.tasks[0].start, phased.tasks[1].start);
        assert_eq!(phased.tasks[0].end, phased.tasks[10].end);
        assert!(phased.validate().is_ok(), "{:?}", phased.validate());
        let (from, to) = tour.span().unwrap();
        assert_eq!(from, start);
        assert!((to - from).num_days() > 200, "long enough to tile: {to}");
        // Nothing is planned on a day off.
        assert!(
            tour.tasks
                .iter()
                .all(|t| cal.is_working(t.start) && cal.is_working(t.end))
        );
    }
}
