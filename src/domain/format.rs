//! How dates, statuses and roles read in each language, on screen and in documents alike, and
//! parsing of dates as people type them.

use super::client::ContractStatus;
use super::job::JobStatus;
use super::lang::Lang;
use super::user::Role;
use chrono::{DateTime, Datelike, NaiveDate, Utc};

/// `2026年11月26日` in Chinese, `2026-11-26` in English (unambiguous for every reader).
pub fn date(d: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{}年{}月{}日", d.year(), d.month(), d.day()),
        Lang::En => d.format("%Y-%m-%d").to_string(),
    }
}

/// A moment in the given offset's local time: `2026年11月26日 14:05` / `2026-11-26 14:05`.
pub fn moment<Tz: chrono::TimeZone>(at: DateTime<Utc>, tz: &Tz, lang: Lang) -> String
where
    Tz::Offset: std::fmt::Display,
{
    let local = at.with_timezone(tz);
    format!(
        "{} {}",
        date(local.date_naive(), lang),
        local.format("%H:%M")
    )
}

/// A file's length as people read it: `812 B`, `1.2 KB`, `3.4 MB` (1 KB = 1024 bytes).
pub fn file_size(bytes: u64) -> String {
    const KB: u64 = 1024;
    const MB: u64 = 1024 * KB;
    const GB: u64 = 1024 * MB;
    // Tenths, rounded, in integer arithmetic.
    let tenths = |unit: u64| bytes.saturating_mul(10).saturating_add(unit / 2) / unit;
    match bytes {
        b if b < KB => format!("{b} B"),
        b if b < MB => format!("{:.1} KB", tenths(KB) as f64 / 10.0),
        b if b < GB => format!("{:.1} MB", tenths(MB) as f64 / 10.0),
        _ => format!("{:.1} GB", tenths(GB) as f64 / 10.0),
    }
}

/// Parses a date as typed: `2026-11-26`, `2026/11/26`, `2026.11.26`, `20261126`,
/// `2026年11月26日`, with full-width digits allowed. `None` if it is not a real date.
pub fn parse_date(input: &str) -> Option<NaiveDate> {
    let s: String = input
        .trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            '年' | '月' | '/' | '.' | '－' => '-',
            '日' => ' ',
            c => c,
        })
        .collect();
    let s = s.trim();
    if s.len() == 8 && s.chars().all(|c| c.is_ascii_digit()) {
        return NaiveDate::parse_from_str(s, "%Y%m%d").ok();
    }
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

/// The status as people at the agency say it.
pub fn job_status(s: JobStatus, lang: Lang) -> &'static str {
    let (zh, en) = match s {
        JobStatus::Requested => ("已申请", "Requested"),
        JobStatus::Briefed => ("已简报", "Briefed"),
        JobStatus::Estimating => ("预估中", "Estimating"),
        JobStatus::InProduction => ("制作中", "In production"),
        JobStatus::Completed => ("已完成", "Completed"),
        JobStatus::Archived => ("已归档", "Archived"),
    };
    lang.pick(zh, en)
}

/// The contract status label.
pub fn contract_status(s: ContractStatus, lang: Lang) -> &'static str {
    let (zh, en) = match s {
        ContractStatus::Draft => ("草拟", "Draft"),
        ContractStatus::Active => ("执行中", "Active"),
        ContractStatus::Expired => ("已到期", "Expired"),
        ContractStatus::Terminated => ("已终止", "Terminated"),
    };
    lang.pick(zh, en)
}

/// The role's full title.
pub fn role(r: Role, lang: Lang) -> &'static str {
    let (zh, en) = match r {
        Role::AccountExecutive => ("客户执行", "Account Executive"),
        Role::AccountManager => ("客户经理", "Account Manager"),
        Role::AccountDirector => ("客户总监", "Account Director"),
        Role::DirectorsOffice => ("总监室", "Director's office"),
    };
    lang.pick(zh, en)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_sizes_read_in_the_unit_that_fits() {
        assert_eq!(file_size(812), "812 B");
        assert_eq!(file_size(1024), "1.0 KB");
        assert_eq!(file_size(1229), "1.2 KB");
        assert_eq!(file_size(3_565_158), "3.4 MB");
        assert_eq!(file_size(5 * 1024 * 1024 * 1024), "5.0 GB");
    }
    use chrono::{FixedOffset, TimeZone};

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
    }

    #[test]
    fn chinese_dates_read_as_in_chinese_documents() {
        assert_eq!(date(d(2026, 11, 26), Lang::Zh), "2026年11月26日");
        assert_eq!(date(d(2027, 2, 3), Lang::Zh), "2027年2月3日");
        assert_eq!(date(d(2027, 2, 3), Lang::En), "2027-02-03");
    }

    #[test]
    fn moments_are_shown_in_local_time() {
        let at = Utc
            .with_ymd_and_hms(2026, 11, 26, 17, 30, 0)
            .single()
            .unwrap_or_default();
        let beijing = FixedOffset::east_opt(8 * 3600);
        assert_eq!(
            beijing.map(|tz| moment(at, &tz, Lang::Zh)),
            Some("2026年11月27日 01:30".to_string())
        );
    }

    #[test]
    fn parses_dates_in_the_forms_people_type() {
        for s in [
            "2026-11-26",
            "2026/11/26",
            "2026.11.26",
            "20261126",
            "2026年11月26日",
            "２０２６－１１－２６",
            " 2026-11-26 ",
        ] {
            assert_eq!(parse_date(s), Some(d(2026, 11, 26)), "{s}");
        }
        for s in ["2026-02-30", "26/11/2026", "", "明天", "2026-13-01"] {
            assert_eq!(parse_date(s), None, "{s}");
        }
    }
}
