//! Office hours: when the agency meets its clients unless someone books otherwise, 09:30 to
//! 18:00 on a working day of the calendar, starting on the hour or the half hour. Meetings
//! placed by the program (the sample agency, generated data sets) are placed inside them.
//!
//! Times here are local wall-clock times (`NaiveDateTime`); the caller converts from and to
//! UTC in the agency's time zone.

use crate::domain::calendar::WorkCalendar;
use chrono::{Duration, NaiveDateTime, NaiveTime, Timelike};

/// Meetings start on a multiple of this many seconds after midnight: the half hour.
const SLOT_SECONDS: i64 = 30 * 60;

/// Office hours of a working day, local time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OfficeHours {
    /// The earliest start of a meeting.
    pub opens: NaiveTime,
    /// The latest end of a meeting.
    pub closes: NaiveTime,
}

impl Default for OfficeHours {
    /// 09:30 to 18:00, the hours of an agency in Shanghai or Beijing.
    fn default() -> Self {
        OfficeHours {
            opens: NaiveTime::from_hms_opt(9, 30, 0).unwrap_or(NaiveTime::MIN),
            closes: NaiveTime::from_hms_opt(18, 0, 0).unwrap_or(NaiveTime::MIN),
        }
    }
}

impl OfficeHours {
    /// Whether a meeting from `start` to `end` lies within the office hours of one working
    /// day of `cal`.
    pub fn contains(&self, cal: &WorkCalendar, start: NaiveDateTime, end: NaiveDateTime) -> bool {
        start <= end
            && start.date() == end.date()
            && cal.is_working(start.date())
            && start.time() >= self.opens
            && end.time() <= self.closes
    }

    /// The latest start, on the half hour, of a meeting `length` long that ends by closing
    /// time; `None` when it cannot fit in a day.
    pub fn latest_start(&self, length: Duration) -> Option<NaiveTime> {
        if length < Duration::zero() {
            return None;
        }
        let (latest, wrapped) = self.closes.overflowing_sub_signed(length);
        let secs = i64::from(latest.num_seconds_from_midnight());
        let floored = NaiveTime::MIN
            .overflowing_add_signed(Duration::seconds(secs - secs.rem_euclid(SLOT_SECONDS)));
        (wrapped == 0 && floored.0 >= self.opens).then_some(floored.0)
    }

    /// The earliest start at or after `from` of a meeting `length` long that fits in the
    /// office hours of a working day; `None` when it fits in no day.
    pub fn first_start_from(
        &self,
        cal: &WorkCalendar,
        from: NaiveDateTime,
        length: Duration,
    ) -> Option<NaiveDateTime> {
        let latest = self.latest_start(length)?;
        let t = round_to_slot(from, true)?;
        if cal.is_working(t.date()) && t.time() <= latest {
            return Some(t.date().and_time(t.time().max(self.opens)));
        }
        let next = cal.working_on_or_after(t.date().succ_opt()?)?;
        Some(next.and_time(self.opens))
    }

    /// The latest start at or before `until` of a meeting `length` long that fits in the
    /// office hours of a working day; `None` when it fits in no day.
    pub fn last_start_until(
        &self,
        cal: &WorkCalendar,
        until: NaiveDateTime,
        length: Duration,
    ) -> Option<NaiveDateTime> {
        let latest = self.latest_start(length)?;
        let t = round_to_slot(until, false)?;
        if cal.is_working(t.date()) && t.time() >= self.opens {
            return Some(t.date().and_time(t.time().min(latest)));
        }
        let before = cal.working_on_or_before(t.date().pred_opt()?)?;
        Some(before.and_time(latest))
    }
}

/// `t` on the half hour: the next one (`up`) or the one before, or `t` if it is one.
fn round_to_slot(t: NaiveDateTime, up: bool) -> Option<NaiveDateTime> {
    let time = t.time();
    let secs = i64::from(time.num_seconds_from_midnight());
    let exact = secs % SLOT_SECONDS == 0 && time.nanosecond() == 0;
    let floor = secs - secs % SLOT_SECONDS;
    let slot = if up && !exact {
        floor + SLOT_SECONDS
    } else {
        floor
    };
    t.date()
        .and_time(NaiveTime::MIN)
        .checked_add_signed(Duration::seconds(slot))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .and_then(|day| day.and_hms_opt(h, min, 0))
            .unwrap_or_default()
    }

    fn hours() -> (OfficeHours, WorkCalendar) {
        (OfficeHours::default(), WorkCalendar::china())
    }

    #[test]
    fn a_start_is_moved_forward_into_the_hours_of_a_working_day() {
        let (h, cal) = hours();
        let two = Duration::hours(2);
        // Thursday 2026-11-26.
        assert_eq!(
            h.first_start_from(&cal, at(2026, 11, 26, 3, 0), two),
            Some(at(2026, 11, 26, 9, 30))
        );
        assert_eq!(
            h.first_start_from(&cal, at(2026, 11, 26, 10, 10), two),
            Some(at(2026, 11, 26, 10, 30))
        );
        assert_eq!(
            h.first_start_from(&cal, at(2026, 11, 26, 16, 0), two),
            Some(at(2026, 11, 26, 16, 0))
        );
        // Too late for two hours: Friday morning. Friday evening: Monday morning.
        assert_eq!(
            h.first_start_from(&cal, at(2026, 11, 26, 16, 1), two),
            Some(at(2026, 11, 27, 9, 30))
        );
        assert_eq!(
            h.first_start_from(&cal, at(2026, 11, 27, 23, 40), two),
            Some(at(2026, 11, 30, 9, 30))
        );
        // The National Day holiday is skipped; its make-up Saturday is a working day.
        assert_eq!(
            h.first_start_from(&cal, at(2026, 10, 1, 10, 0), two),
            Some(at(2026, 10, 8, 9, 30))
        );
        assert_eq!(
            h.first_start_from(&cal, at(2026, 10, 9, 19, 0), two),
            Some(at(2026, 10, 10, 9, 30))
        );
    }

    #[test]
    fn a_start_is_moved_back_into_the_hours_of_a_working_day() {
        let (h, cal) = hours();
        let half = Duration::minutes(30);
        assert_eq!(
            h.last_start_until(&cal, at(2026, 11, 26, 0, 0), half),
            Some(at(2026, 11, 25, 17, 30))
        );
        assert_eq!(
            h.last_start_until(&cal, at(2026, 11, 26, 20, 40), half),
            Some(at(2026, 11, 26, 17, 30))
        );
        assert_eq!(
            h.last_start_until(&cal, at(2026, 11, 26, 11, 20), half),
            Some(at(2026, 11, 26, 11, 0))
        );
        // Monday early: Friday's last half hour.
        assert_eq!(
            h.last_start_until(&cal, at(2026, 11, 30, 8, 0), half),
            Some(at(2026, 11, 27, 17, 30))
        );
        assert_eq!(
            h.last_start_until(&cal, at(2026, 11, 30, 8, 0), Duration::minutes(45)),
            Some(at(2026, 11, 27, 17, 0)),
            "on the half hour"
        );
    }

    #[test]
    fn what_does_not_fit_in_a_day_has_no_start_and_the_hours_are_checked() {
        let (h, cal) = hours();
        let long = Duration::hours(9);
        assert_eq!(h.latest_start(long), None);
        assert_eq!(h.first_start_from(&cal, at(2026, 11, 26, 9, 0), long), None);
        assert_eq!(h.latest_start(Duration::minutes(-1)), None);
        assert_eq!(
            h.latest_start(Duration::minutes(510)),
            NaiveTime::from_hms_opt(9, 30, 0)
        );
        assert!(h.contains(&cal, at(2026, 11, 26, 9, 30), at(2026, 11, 26, 18, 0)));
        assert!(!h.contains(&cal, at(2026, 11, 26, 9, 0), at(2026, 11, 26, 10, 0)));
        assert!(!h.contains(&cal, at(2026, 11, 26, 17, 0), at(2026, 11, 26, 19, 0)));
        assert!(!h.contains(&cal, at(2026, 11, 28, 10, 0), at(2026, 11, 28, 11, 0)));
        assert!(!h.contains(&cal, at(2026, 11, 26, 17, 0), at(2026, 11, 27, 10, 0)));
    }
}
