//! Agency-wide settings kept in the database: what the letterhead says, how job numbers
//! look, and the agency's own days off (公司休息日) on top of the official calendar.

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
}

impl AgencySettings {
    /// The working-day calendar schedules use: China's official days with the agency's on
    /// top.
    pub fn calendar(&self) -> WorkCalendar {
        WorkCalendar::china().with_agency_days(self.days.iter().map(|d| {
            (
                d.date,
                SpecialDay {
                    working: d.working,
                    name: d.name.clone(),
                },
            )
        }))
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
}
