//! Agency-wide settings kept in the database: what the letterhead says, how job numbers
//! look, and the agency's own days off (公司休息日) on top of the official calendar —
//! including the days of a year's State Council notice the agency pasted before an update
//! of Account Desk ships it ([`AgencySettings::with_notice`]).

use super::calendar::notice::Notice;
use super::calendar::{SpecialDay, WorkCalendar};
use super::job::JobNumberFormat;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A day the agency sets itself: a company day off (年会, 公司旅游), or a day it works
/// although the calendar says off — which is also how a year's official notice can be
/// entered before an update of Account Desk ships it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgencyDay {
    /// The day.
    pub date: NaiveDate,
    /// Whether the agency works that day.
    pub working: bool,
    /// Why: shown in the schedule and its tooltip.
    pub name: String,
}

/// At most this many agency days (decades of company holidays).
pub const MAX_AGENCY_DAYS: usize = 2_000;

/// A year whose State Council notice the agency supplied: its days are among the agency's
/// days, and the year counts as published (no "not yet published" warning).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgencyNotice {
    /// The year the notice is for.
    pub year: i32,
    /// Its reference, e.g. `国办发明电〔2026〕8号` (empty when the pasted text had none).
    pub reference: String,
    /// The agency days it set, so that importing a corrected notice replaces exactly them.
    pub dates: Vec<NaiveDate>,
}

/// The settings after importing a notice, and what it changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoticeImport {
    /// The settings to save.
    pub settings: AgencySettings,
    /// The agency's own days (not of an earlier import of the same year) that the notice
    /// overwrote, to show before saving.
    pub replaced: Vec<AgencyDay>,
}

/// Settings that belong to the agency (not to one person's window).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgencySettings {
    /// The agency's Chinese name, printed on every document.
    pub agency_name: String,
    /// The agency's English name.
    pub agency_name_en: String,
    /// Postal address for the letterhead.
    pub address: String,
    /// Phone for the letterhead.
    pub phone: String,
    /// Format of new job numbers.
    pub job_number_format: JobNumberFormat,
    /// The agency's own days, by date.
    pub days: Vec<AgencyDay>,
    /// The years whose notice the agency supplied, by year.
    pub notices: Vec<AgencyNotice>,
}

impl AgencySettings {
    /// The working-day calendar schedules use: China's official days with the agency's on
    /// top.
    pub fn calendar(&self) -> WorkCalendar {
        WorkCalendar::china()
            .with_agency_days(self.days.iter().map(|d| {
                (
                    d.date,
                    SpecialDay {
                        working: d.working,
                        name: d.name.clone(),
                    },
                )
            }))
            .with_agency_notices(self.notices.iter().map(|n| (n.year, n.reference.clone())))
    }

    /// The notice the agency supplied for `year`, if any.
    pub fn notice(&self, year: i32) -> Option<&AgencyNotice> {
        self.notices.iter().find(|n| n.year == year)
    }

    /// These settings with `notice` imported: its days become agency days (over any agency
    /// day on the same date, and in place of the days of an earlier import for the same
    /// year), and its year is recorded as published.
    pub fn with_notice(&self, notice: &Notice) -> NoticeImport {
        let days = notice.days();
        let earlier: Vec<NaiveDate> = self
            .notice(notice.year)
            .map(|n| n.dates.clone())
            .unwrap_or_default();
        let mut replaced = Vec::new();
        let mut kept = Vec::new();
        for d in &self.days {
            let from_earlier = earlier.contains(&d.date);
            let overwritten = days.iter().any(|(date, _)| *date == d.date);
            match (from_earlier, overwritten) {
                (true, _) => {}
                (false, true) => replaced.push(d.clone()),
                (false, false) => kept.push(d.clone()),
            }
        }
        kept.extend(days.iter().map(|(date, s)| AgencyDay {
            date: *date,
            working: s.working,
            name: s.name.clone(),
        }));
        kept.sort_by_key(|d| d.date);
        let mut notices: Vec<AgencyNotice> = self
            .notices
            .iter()
            .filter(|n| n.year != notice.year)
            .cloned()
            .collect();
        notices.push(AgencyNotice {
            year: notice.year,
            reference: notice.reference.clone().unwrap_or_default(),
            dates: days.iter().map(|(date, _)| *date).collect(),
        });
        notices.sort_by_key(|n| n.year);
        NoticeImport {
            settings: AgencySettings {
                days: kept,
                notices,
                ..self.clone()
            },
            replaced,
        }
    }

    /// The first day listed twice, if any.
    pub fn repeated_day(&self) -> Option<NaiveDate> {
        let mut dates: Vec<NaiveDate> = self.days.iter().map(|d| d.date).collect();
        dates.sort_unstable();
        dates.windows(2).find(|w| w[0] == w[1]).map(|w| w[0])
    }
}

impl Default for AgencySettings {
    fn default() -> Self {
        AgencySettings {
            agency_name: "星河广告有限公司".into(),
            agency_name_en: "Galaxy Advertising Co., Ltd.".into(),
            address: "上海市静安区南京西路 1266 号 恒隆广场 38 楼".into(),
            phone: "+86 21 6288 0000".into(),
            job_number_format: JobNumberFormat::default(),
            days: Vec::new(),
            notices: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn agency_days_change_the_calendar_schedules_use() {
        let mut s = AgencySettings::default();
        // A Thursday the agency closes for its annual party; a Saturday it works.
        s.days.push(AgencyDay {
            date: d("2026-12-24"),
            working: false,
            name: "公司年会".into(),
        });
        s.days.push(AgencyDay {
            date: d("2026-12-26"),
            working: true,
            name: "年底冲刺".into(),
        });
        let cal = s.calendar();
        assert!(!cal.is_working(d("2026-12-24")));
        assert!(cal.is_working(d("2026-12-26")));
        // Wednesday + 1 working day skips the party and lands on Friday.
        assert_eq!(
            cal.add_working_days(d("2026-12-23"), 1),
            Some(d("2026-12-25"))
        );
        // Official days stay: National Day is still off.
        assert!(!cal.is_working(d("2026-10-01")));
        assert_eq!(s.repeated_day(), None);
        s.days.push(AgencyDay {
            date: d("2026-12-24"),
            working: true,
            name: "again".into(),
        });
        assert_eq!(s.repeated_day(), Some(d("2026-12-24")));
    }

    /// A notice for a year the app does not ship, invented for the test.
    const NOTICE_2030: &str = "国务院办公厅关于2030年部分节假日安排的通知\n\
        一、元旦：1月1日（周二）放假1天，不调休。\n\
        二、春节：2月2日（周六）至9日（周六）放假调休，共8天。1月27日（周日）上班。";

    #[test]
    fn a_notice_becomes_agency_days_and_its_year_counts_as_published() {
        let notice = crate::domain::calendar::notice::parse_notice(NOTICE_2030).unwrap();
        let mut s = AgencySettings::default();
        assert!(!s.calendar().has_official_data(2030));
        // A company day inside the holiday, and one elsewhere.
        for (date, name) in [("2030-02-04", "公司年会"), ("2030-06-01", "儿童节")] {
            s.days.push(AgencyDay {
                date: d(date),
                working: false,
                name: name.into(),
            });
        }
        let import = s.with_notice(&notice);
        assert_eq!(import.replaced.len(), 1);
        assert_eq!(import.replaced[0].name, "公司年会");
        let cal = import.settings.calendar();
        assert!(cal.has_official_data(2030));
        assert!(cal.is_working(d("2030-01-27")), "a make-up Sunday");
        assert!(!cal.is_working(d("2030-02-04")));
        assert!(!cal.is_working(d("2030-06-01")), "the company day stays");
        assert_eq!(import.settings.days.len(), 1 + 8 + 1 + 1);
        assert_eq!(import.settings.notice(2030).unwrap().dates.len(), 10);
        // A corrected notice replaces the days of the first, not the company's.
        let corrected = crate::domain::calendar::notice::parse_notice(
            "2030年部分节假日安排\n一、元旦：1月1日放假。",
        )
        .unwrap();
        let again = import.settings.with_notice(&corrected);
        assert!(again.replaced.is_empty());
        assert_eq!(again.settings.days.len(), 2, "{:?}", again.settings.days);
        assert!(again.settings.calendar().is_working(d("2030-02-04")));
        assert_eq!(again.settings.notices.len(), 1);
    }
}
