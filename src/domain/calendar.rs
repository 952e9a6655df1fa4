//! The working-day calendar of mainland China (工作日历): weekends, public holidays and the
//! make-up working days (调休上班) of the State Council's yearly notices, plus the agency's
//! own days (company days off, or a new year's notice entered before an update ships it).
//!
//! Schedules count durations in working days and skip non-working days when tasks move.
//! The official days come from `assets/holidays-cn.txt`; a year without its notice there
//! falls back to plain weekends, and [`WorkCalendar::has_official_data`] says so, so the
//! screen can warn ("2027 年节假日安排尚未发布") — until the agency pastes the year's notice
//! ([`notice`]), whose days become agency days and whose year then counts as published.
//! [`impact`] finds the tasks a changed calendar touches and lays them out again.

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use std::collections::BTreeMap;

use super::Lang;
use thiserror::Error;

pub mod impact;
pub mod notice;

/// The official days shipped with the app.
const CHINA: &str = include_str!("../../assets/holidays-cn.txt");

/// How far working-day arithmetic looks before giving up (a calendar with no working days
/// at all, e.g. a mistyped range of company days off). Twenty years.
const SEARCH_LIMIT_DAYS: i64 = 366 * 20;

/// What kind of day a date is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DayKind {
    /// A normal Monday to Friday.
    Workday,
    /// A normal Saturday or Sunday.
    Weekend,
    /// A public holiday or a day of its period (春节, 国庆节…).
    Holiday(String),
    /// A weekend day worked to make up for a holiday (调休上班).
    MakeUpWorkday(String),
    /// A day the agency closes (公司假期), or one it works although the calendar says off.
    Agency {
        /// Whether the agency works that day.
        working: bool,
        /// What the agency called it.
        name: String,
    },
}

impl DayKind {
    /// Whether people work on this day.
    pub fn is_working(&self) -> bool {
        match self {
            DayKind::Workday | DayKind::MakeUpWorkday(_) => true,
            DayKind::Weekend | DayKind::Holiday(_) => false,
            DayKind::Agency { working, .. } => *working,
        }
    }
}

/// One day set by a notice or by the agency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpecialDay {
    /// Whether it is a working day.
    pub working: bool,
    /// The holiday it belongs to, or the agency's reason.
    pub name: String,
}

/// A line of the holiday data that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("line {line}: {problem}")]
pub struct CalendarError {
    /// 1-based line number.
    pub line: usize,
    /// What is wrong with it.
    pub problem: String,
}

/// Where a day of the calendar comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DaySource {
    /// The notices shipped with the app (`assets/holidays-cn.txt`).
    BuiltIn,
    /// The agency's own days, including a notice it pasted (they take precedence).
    Agency,
}

/// A day off or a worked day of a year, as [`WorkCalendar::special_days`] lists them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListedDay {
    /// The day.
    pub date: NaiveDate,
    /// Whether it is worked (a make-up working day, or a day the agency works).
    pub working: bool,
    /// The holiday, or the agency's reason.
    pub name: String,
    /// Built in or the agency's.
    pub source: DaySource,
}

/// The working-day calendar: official days of the published years, then the agency's days.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct WorkCalendar {
    official: BTreeMap<NaiveDate, SpecialDay>,
    /// Years whose notice is in the data, with the notice's reference.
    published: BTreeMap<i32, String>,
    agency: BTreeMap<NaiveDate, SpecialDay>,
    /// Years whose notice the agency supplied, with its reference (empty when unknown).
    agency_published: BTreeMap<i32, String>,
}

impl WorkCalendar {
    /// Mainland China's calendar from the data shipped with the app (read once).
    ///
    /// The shipped file is checked by a unit test. Were it ever unreadable, weekends alone
    /// are the calendar (every year then reads "not yet published"), and
    /// [`WorkCalendar::shipped_problem`] says which line is wrong, for the window and the
    /// command line to tell the person.
    pub fn china() -> WorkCalendar {
        Self::shipped().as_ref().cloned().unwrap_or_default()
    }

    /// What is wrong with the holiday data shipped with the app, if anything: the line and
    /// the problem, as [`WorkCalendar::parse`] found it.
    pub fn shipped_problem() -> Option<&'static CalendarError> {
        Self::shipped().as_ref().err()
    }

    fn shipped() -> &'static Result<WorkCalendar, CalendarError> {
        static SHIPPED: std::sync::OnceLock<Result<WorkCalendar, CalendarError>> =
            std::sync::OnceLock::new();
        SHIPPED.get_or_init(|| Self::parse(CHINA))
    }

    /// The sentence that tells a person the shipped holiday data could not be read: which
    /// line, what is wrong, what it means for their schedules and what to do.
    pub fn shipped_problem_text(problem: &CalendarError, lang: Lang) -> String {
        match lang {
            Lang::Zh => format!(
                "内置的国务院放假安排（assets/holidays-cn.txt）第 {} 行无法读取：{}。\
                 进度表暂时只把周末算作休息日。请安装正式发布的版本，\
                 或在 设置 → 公司休息日与调休 中粘贴当年的国务院通知。",
                problem.line, problem.problem
            ),
            Lang::En => format!(
                "The built-in State Council holiday data (assets/holidays-cn.txt) cannot be \
                 read at line {}: {}. Schedules count only weekends as days off for now. \
                 Install a released version, or paste the year's State Council notice in \
                 Settings → Holidays and working days.",
                problem.line, problem.problem
            ),
        }
    }

    /// Reads holiday data in the format of `assets/holidays-cn.txt`.
    pub fn parse(text: &str) -> Result<WorkCalendar, CalendarError> {
        let mut cal = WorkCalendar::default();
        for (i, raw) in text.lines().enumerate() {
            let line = raw.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let fail = |problem: &str| CalendarError {
                line: i + 1,
                problem: format!("{problem}: “{line}”"),
            };
            let mut parts = line.splitn(3, char::is_whitespace);
            let (first, second, rest) = (
                parts.next().unwrap_or(""),
                parts.next().unwrap_or(""),
                parts.next().unwrap_or("").trim(),
            );
            if first == "year" {
                let year: i32 = second.parse().map_err(|_| fail("not a year"))?;
                cal.published.insert(year, rest.to_string());
                continue;
            }
            let working = match second {
                "off" => false,
                "work" => true,
                _ => return Err(fail("expected “off” or “work”")),
            };
            if rest.is_empty() {
                return Err(fail("the day needs a name"));
            }
            let (from, to) = match first.split_once("..") {
                Some((a, b)) => (date(a), date(b)),
                None => (date(first), date(first)),
            };
            let (Some(from), Some(to)) = (from, to) else {
                return Err(fail("not a date (YYYY-MM-DD)"));
            };
            if to < from || (to - from).num_days() > 31 {
                return Err(fail("a period runs forward and lasts at most a month"));
            }
            if !cal.published.contains_key(&from.year()) {
                return Err(fail("a day before its “year” line"));
            }
            let mut day = from;
            while day <= to {
                let special = SpecialDay {
                    working,
                    name: rest.to_string(),
                };
                if cal.official.insert(day, special).is_some() {
                    return Err(fail("this day is listed twice"));
                }
                day += Duration::days(1);
            }
        }
        Ok(cal)
    }

    /// The same calendar with the agency's own days on top of the official ones.
    pub fn with_agency_days(
        mut self,
        days: impl IntoIterator<Item = (NaiveDate, SpecialDay)>,
    ) -> Self {
        self.agency.extend(days);
        self
    }

    /// The same calendar knowing that the agency supplied the notices of these years (their
    /// days come as agency days): `(year, reference)`.
    pub fn with_agency_notices(mut self, notices: impl IntoIterator<Item = (i32, String)>) -> Self {
        self.agency_published.extend(notices);
        self
    }

    /// Whether the official days of `year` are known: its notice is built in, or the
    /// agency supplied it.
    pub fn has_official_data(&self, year: i32) -> bool {
        self.published.contains_key(&year) || self.agency_published.contains_key(&year)
    }

    /// The notice of `year`, e.g. `国办发明电〔2025〕7号`: the built-in one, else the one
    /// the agency supplied (empty when its text carried no reference).
    pub fn notice(&self, year: i32) -> Option<&str> {
        self.published
            .get(&year)
            .or_else(|| self.agency_published.get(&year))
            .map(String::as_str)
    }

    /// Where the notice of `year` comes from, if it is known.
    pub fn notice_source(&self, year: i32) -> Option<DaySource> {
        if self.published.contains_key(&year) {
            Some(DaySource::BuiltIn)
        } else if self.agency_published.contains_key(&year) {
            Some(DaySource::Agency)
        } else {
            None
        }
    }

    /// The years from `first` to `last` (both included) whose notice is not known: their
    /// holidays count as working days, which a schedule reaching into them must say.
    pub fn years_without_notice(&self, first: NaiveDate, last: NaiveDate) -> Vec<i32> {
        (first.year()..=last.year())
            .filter(|y| !self.has_official_data(*y))
            .collect()
    }

    /// Every day off and worked day of `year` that is not a plain weekday or weekend, in
    /// date order: the agency's where it set one, else the built-in one.
    pub fn special_days(&self, year: i32) -> Vec<ListedDay> {
        let (Some(first), Some(last)) = (
            NaiveDate::from_ymd_opt(year, 1, 1),
            NaiveDate::from_ymd_opt(year, 12, 31),
        ) else {
            return Vec::new();
        };
        let mut days: BTreeMap<NaiveDate, ListedDay> = BTreeMap::new();
        let sources = [
            (&self.official, DaySource::BuiltIn),
            (&self.agency, DaySource::Agency),
        ];
        for (map, source) in sources {
            for (date, s) in map.range(first..=last) {
                days.insert(
                    *date,
                    ListedDay {
                        date: *date,
                        working: s.working,
                        name: s.name.clone(),
                        source,
                    },
                );
            }
        }
        days.into_values().collect()
    }

    /// The built-in day `day`, if the shipped notices set one (whatever the agency set).
    pub fn built_in(&self, day: NaiveDate) -> Option<&SpecialDay> {
        self.official.get(&day)
    }

    /// What kind of day `day` is: the agency's days first, then the notices, then the week.
    pub fn kind(&self, day: NaiveDate) -> DayKind {
        if let Some(s) = self.agency.get(&day) {
            return DayKind::Agency {
                working: s.working,
                name: s.name.clone(),
            };
        }
        if let Some(s) = self.official.get(&day) {
            return match s.working {
                true => DayKind::MakeUpWorkday(s.name.clone()),
                false => DayKind::Holiday(s.name.clone()),
            };
        }
        match day.weekday() {
            Weekday::Sat | Weekday::Sun => DayKind::Weekend,
            _ => DayKind::Workday,
        }
    }

    /// Whether people work on `day`.
    pub fn is_working(&self, day: NaiveDate) -> bool {
        if let Some(s) = self.agency.get(&day).or_else(|| self.official.get(&day)) {
            return s.working;
        }
        !matches!(day.weekday(), Weekday::Sat | Weekday::Sun)
    }

    /// `day` itself if it is a working day, else the next one.
    pub fn working_on_or_after(&self, day: NaiveDate) -> Option<NaiveDate> {
        self.step_until_working(day, 1)
    }

    /// `day` itself if it is a working day, else the one before.
    pub fn working_on_or_before(&self, day: NaiveDate) -> Option<NaiveDate> {
        self.step_until_working(day, -1)
    }

    fn step_until_working(&self, day: NaiveDate, step: i64) -> Option<NaiveDate> {
        let mut d = day;
        for _ in 0..SEARCH_LIMIT_DAYS {
            if self.is_working(d) {
                return Some(d);
            }
            d = d.checked_add_signed(Duration::days(step))?;
        }
        None
    }

    /// The working day `n` working days after `day` (before, for negative `n`). `day` itself
    /// need not be a working day: `add_working_days(Saturday, 1)` is the next working day
    /// after it. With `n == 0` it is `day` moved forward onto a working day.
    pub fn add_working_days(&self, day: NaiveDate, n: i64) -> Option<NaiveDate> {
        if n == 0 {
            return self.working_on_or_after(day);
        }
        let step = n.signum();
        let mut left = n.abs();
        let mut d = day;
        let mut looked = 0;
        while left > 0 {
            d = d.checked_add_signed(Duration::days(step))?;
            if self.is_working(d) {
                left -= 1;
            }
            looked += 1;
            if looked > SEARCH_LIMIT_DAYS + n.abs() * 7 {
                return None;
            }
        }
        Some(d)
    }

    /// Working days from `from` to `to`, both included (0 when `to` is before `from`).
    pub fn working_days(&self, from: NaiveDate, to: NaiveDate) -> i64 {
        let mut n = 0;
        let mut d = from;
        while d <= to {
            if self.is_working(d) {
                n += 1;
            }
            match d.succ_opt() {
                Some(next) => d = next,
                None => break,
            }
        }
        n
    }

    /// Signed working days from `from` to `to`: how far to move something on `from` so it
    /// lands on `to` (0 for the same day; a non-working `to` counts as the working day
    /// before it).
    pub fn working_offset(&self, from: NaiveDate, to: NaiveDate) -> i64 {
        match to.cmp(&from) {
            std::cmp::Ordering::Equal => 0,
            std::cmp::Ordering::Greater => self.working_days(from.succ_opt().unwrap_or(from), to),
            std::cmp::Ordering::Less => -self.working_days(to, from.pred_opt().unwrap_or(from)),
        }
    }
}

fn date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").ok()
}

#[cfg(test)]
mod tests;
