use super::*;

fn d(s: &str) -> NaiveDate {
    date(s).unwrap()
}

#[test]
fn the_shipped_data_reads_and_covers_2024_to_2026() {
    let cal = WorkCalendar::parse(CHINA).expect("assets/holidays-cn.txt");
    for year in 2024..=2026 {
        assert!(cal.has_official_data(year), "{year}");
    }
    assert_eq!(cal.notice(2026), Some("国办发明电〔2025〕7号"));
    assert!(!cal.has_official_data(2027), "not yet in the data");
    assert_eq!(WorkCalendar::china(), cal);
    assert_eq!(WorkCalendar::shipped_problem(), None);
}

#[test]
fn unreadable_holiday_data_is_told_with_its_line() {
    let broken = "year 2026 国办发明电〔2025〕7号\n2026-01-01 off 元旦\n2026-02-30 off 春节\n";
    let problem = WorkCalendar::parse(broken).unwrap_err();
    assert_eq!(problem.line, 3);
    let zh = WorkCalendar::shipped_problem_text(&problem, Lang::Zh);
    assert!(zh.contains("第 3 行"), "{zh}");
    assert!(zh.contains("2026-02-30"), "{zh}");
    assert!(zh.contains("粘贴"), "{zh}");
    let en = WorkCalendar::shipped_problem_text(&problem, Lang::En);
    assert!(en.contains("at line 3"), "{en}");
    assert!(en.contains("only weekends"), "{en}");
}

#[test]
fn spring_festival_2026_and_its_make_up_saturdays() {
    let cal = WorkCalendar::china();
    // 春节 2026: 2月15日（腊月二十八）至23日放假，共9天；2月14日、28日（周六）上班.
    assert_eq!(cal.kind(d("2026-02-16")), DayKind::Holiday("春节".into()));
    assert_eq!(
        cal.kind(d("2026-02-14")),
        DayKind::MakeUpWorkday("春节".into())
    );
    assert!(cal.is_working(d("2026-02-28")));
    assert!(!cal.is_working(d("2026-02-23")), "Monday, 初七");
    // February 2026: 20 weekdays, 6 of them in the holiday (16–20, 23), plus two
    // Saturdays worked: 16 working days.
    assert_eq!(cal.working_days(d("2026-02-01"), d("2026-02-28")), 16);
    // October 2026: 22 weekdays, 5 off (1, 2, 5, 6, 7), Saturday the 10th worked.
    assert_eq!(cal.working_days(d("2026-10-01"), d("2026-10-31")), 18);
    // 2025's Spring Festival: 28 Jan–4 Feb off, Sunday 26 Jan and Saturday 8 Feb worked.
    // Working: Sunday 26 and Monday 27 January, 5–7 February and Saturday the 8th.
    assert_eq!(cal.working_days(d("2025-01-25"), d("2025-02-09")), 6);
}

#[test]
fn adding_working_days_skips_weekends_and_holidays() {
    let cal = WorkCalendar::china();
    // Wednesday 30 September 2026 is a working day; 1–7 October are off, so the next
    // working day is Thursday the 8th.
    assert_eq!(
        cal.add_working_days(d("2026-09-30"), 1),
        Some(d("2026-10-08"))
    );
    assert_eq!(
        cal.add_working_days(d("2026-10-08"), -1),
        Some(d("2026-09-30"))
    );
    // Saturday 10 October is worked.
    assert_eq!(
        cal.add_working_days(d("2026-10-09"), 1),
        Some(d("2026-10-10"))
    );
    assert_eq!(
        cal.add_working_days(d("2026-10-03"), 0),
        Some(d("2026-10-08"))
    );
    assert_eq!(
        cal.working_on_or_before(d("2026-10-03")),
        Some(d("2026-09-30"))
    );
    assert_eq!(cal.working_offset(d("2026-09-30"), d("2026-10-08")), 1);
    assert_eq!(cal.working_offset(d("2026-10-08"), d("2026-09-30")), -1);
    assert_eq!(cal.working_offset(d("2026-09-30"), d("2026-09-30")), 0);
    // 2027 has no notice here yet: plain weekends.
    assert_eq!(
        cal.add_working_days(d("2027-02-05"), 1),
        Some(d("2027-02-08"))
    );
}

#[test]
fn the_agency_days_win_over_the_notice() {
    let off = SpecialDay {
        working: false,
        name: "公司年会".into(),
    };
    let work = SpecialDay {
        working: true,
        name: "项目加班".into(),
    };
    let cal =
        WorkCalendar::china().with_agency_days([(d("2026-12-31"), off), (d("2026-10-05"), work)]);
    assert!(!cal.is_working(d("2026-12-31")));
    assert!(cal.is_working(d("2026-10-05")));
    assert_eq!(
        cal.kind(d("2026-12-31")),
        DayKind::Agency {
            working: false,
            name: "公司年会".into()
        }
    );
}

#[test]
fn a_year_listed_says_where_each_day_comes_from() {
    let party = SpecialDay {
        working: false,
        name: "公司年会".into(),
    };
    let worked = SpecialDay {
        working: true,
        name: "项目加班".into(),
    };
    let cal = WorkCalendar::china()
        .with_agency_days([(d("2026-12-24"), party), (d("2026-10-03"), worked)]);
    let days = cal.special_days(2026);
    assert_eq!(days.len(), 33 + 6 + 1, "one more day, one overridden");
    let first = &days[0];
    assert_eq!(
        (first.date, first.working, first.source),
        (d("2026-01-01"), false, DaySource::BuiltIn)
    );
    let over = days.iter().find(|x| x.date == d("2026-10-03")).unwrap();
    assert_eq!((over.working, over.source), (true, DaySource::Agency));
    assert_eq!(over.name, "项目加班");
    assert!(days.windows(2).all(|w| w[0].date < w[1].date));
    assert!(cal.special_days(2031).is_empty());
}

#[test]
fn a_notice_the_agency_supplied_makes_its_year_published() {
    let cal = WorkCalendar::china();
    assert_eq!(
        cal.years_without_notice(d("2026-11-02"), d("2028-03-01")),
        vec![2027, 2028]
    );
    assert_eq!(cal.notice_source(2026), Some(DaySource::BuiltIn));
    let cal = cal.with_agency_notices([(2027, "国办发明电〔2026〕9号".to_string())]);
    assert!(cal.has_official_data(2027));
    assert_eq!(cal.notice(2027), Some("国办发明电〔2026〕9号"));
    assert_eq!(cal.notice_source(2027), Some(DaySource::Agency));
    assert_eq!(
        cal.years_without_notice(d("2026-11-02"), d("2028-03-01")),
        vec![2028]
    );
    assert_eq!(
        cal.notice(2026),
        Some("国办发明电〔2025〕7号"),
        "built in first"
    );
}

#[test]
fn a_calendar_without_working_days_gives_up_instead_of_looping() {
    let off = (0..800).map(|i| {
        (
            d("2030-01-01") + Duration::days(i),
            SpecialDay {
                working: false,
                name: "x".into(),
            },
        )
    });
    let cal = WorkCalendar::default().with_agency_days(off);
    assert!(
        cal.add_working_days(d("2030-01-01"), 1).is_some(),
        "after 800 days"
    );
    let never = (0..SEARCH_LIMIT_DAYS + 10).map(|i| {
        (
            d("2030-01-01") + Duration::days(i),
            SpecialDay {
                working: false,
                name: "x".into(),
            },
        )
    });
    let cal = WorkCalendar::default().with_agency_days(never);
    assert_eq!(cal.add_working_days(d("2030-01-01"), 1), None);
    assert_eq!(cal.working_on_or_after(d("2030-01-01")), None);
}

#[test]
fn bad_data_is_refused_with_its_line() {
    let bad = [
        ("2024-01-01 off 元旦", 1, "before its"),
        ("year 2024 x\n2024-13-01 off 元旦", 2, "not a date"),
        ("year 2024 x\n2024-01-01 rest 元旦", 2, "expected"),
        ("year 2024 x\n2024-01-01 off", 2, "needs a name"),
        ("year 2024 x\n2024-02-10..2024-02-01 off 春节", 2, "forward"),
        (
            "year 2024 x\n2024-01-01 off 元旦\n2024-01-01 work 元旦",
            3,
            "twice",
        ),
        ("year twenty x", 1, "not a year"),
    ];
    for (text, line, problem) in bad {
        let e = WorkCalendar::parse(text).unwrap_err();
        assert_eq!(e.line, line, "{text}");
        assert!(e.problem.contains(problem), "{text}: {e}");
    }
}

/// A second, independent source: the `chinese_holiday` crate, built from the same
/// notices. Every day it knows (2024-01-01 to 2026-12-25) must agree.
#[test]
fn the_data_agrees_with_the_chinese_holiday_crate() {
    let cal = WorkCalendar::china();
    let mut day = d("2024-01-01");
    let mut checked = 0;
    while day <= d("2026-12-25") {
        let ymd = chinese_holiday::Ymd::new(day.year() as u16, day.month() as u8, day.day() as u8);
        let theirs = chinese_holiday::chinese_holiday(ymd);
        assert_eq!(
            cal.is_working(day),
            theirs.is_workday(),
            "{day}: {theirs:?}"
        );
        day += Duration::days(1);
        checked += 1;
    }
    assert_eq!(checked, 366 + 365 + 359);
}
