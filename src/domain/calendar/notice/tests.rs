//! Each way the notices of the years have written their arrangements, and each way a
//! sentence can fail. The real notices of 2024–2026 are read in `tests/holidays.rs`.

use super::*;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn days(from: &str, to: &str) -> Vec<NaiveDate> {
    d(from).iter_days().take_while(|x| *x <= d(to)).collect()
}

/// A notice of `year` with one arrangement.
fn one(year: i32, arrangement: &str) -> Result<NoticeHoliday, NoticeError> {
    let text = format!("国务院办公厅关于{year}年部分节假日安排的通知\n{arrangement}");
    let mut n = parse_notice(&text)?;
    assert_eq!(n.year, year);
    assert_eq!(n.holidays.len(), 1, "{:?}", n.holidays);
    Ok(n.holidays.remove(0))
}

fn sentence_problem(e: NoticeError) -> (String, SentenceProblem) {
    match e {
        NoticeError::Sentence {
            sentence, problem, ..
        } => (sentence, problem),
        other => panic!("not a sentence error: {other:?}"),
    }
}

#[test]
fn a_period_with_weekdays_and_a_make_up_day() {
    // 2026: the form of the newest notices.
    let h = one(
        2026,
        "一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。",
    )
    .unwrap();
    assert_eq!(h.name, "元旦");
    assert_eq!(
        h.days_off,
        days("2026-01-01", "2026-01-03"),
        "Saturday included"
    );
    assert_eq!(h.make_up, vec![d("2026-01-04")]);
}

#[test]
fn a_day_off_and_a_day_in_lieu_in_one_sentence() {
    // 2017: 元旦：1月1日放假，1月2日（星期一）补休。
    let h = one(2017, "一、元旦：1月1日放假，1月2日（星期一）补休。").unwrap();
    assert_eq!(h.days_off, vec![d("2017-01-01"), d("2017-01-02")]);
    assert!(h.make_up.is_empty());
}

#[test]
fn a_single_day_joined_to_the_weekend() {
    // 2015: 劳动节：5月1日放假，与周末连休。 The weekend itself is not listed.
    let h = one(2015, "一、劳动节：5月1日放假，与周末连休。").unwrap();
    assert_eq!(h.days_off, vec![d("2015-05-01")]);
    // 2025: 1月1日（周三）放假1天，不调休。
    let h = one(2025, "一、元旦：1月1日（周三）放假1天，不调休。").unwrap();
    assert_eq!(h.days_off, vec![d("2025-01-01")]);
    assert!(h.make_up.is_empty());
}

#[test]
fn a_period_across_two_months() {
    // 2017: 春节：1月27日至2月2日放假调休，共7天。1月22日（星期日）、2月4日（星期六）上班。
    let h = one(
        2017,
        "一、春节：1月27日至2月2日放假调休，共7天。1月22日（星期日）、2月4日（星期六）上班。",
    )
    .unwrap();
    assert_eq!(h.days_off, days("2017-01-27", "2017-02-02"));
    assert_eq!(h.make_up, vec![d("2017-01-22"), d("2017-02-04")]);
}

#[test]
fn lunar_remarks_and_several_make_up_days() {
    // 2025: the lunar dates beside the weekday, and two make-up days in one sentence.
    let h = one(
        2025,
        "一、春节：1月28日（农历除夕、周二）至2月4日（农历正月初七、周二）放假调休，共8天。\
         1月26日（周日）、2月8日（周六）上班。",
    )
    .unwrap();
    assert_eq!(h.days_off, days("2025-01-28", "2025-02-04"));
    assert_eq!(h.make_up, vec![d("2025-01-26"), d("2025-02-08")]);
    // 2026: the period ends in the same month, with its own remark.
    let h = one(
        2026,
        "一、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。\
         2月14日（周六）、2月28日（周六）上班。",
    )
    .unwrap();
    assert_eq!(h.days_off, days("2026-02-15", "2026-02-23"));
    assert_eq!(h.make_up, vec![d("2026-02-14"), d("2026-02-28")]);
}

#[test]
fn a_period_across_the_turn_of_the_year() {
    // 2023: 元旦：2022年12月31日至2023年1月2日放假调休，共3天。
    let h = one(
        2023,
        "一、元旦：2022年12月31日至2023年1月2日放假调休，共3天。",
    )
    .unwrap();
    assert_eq!(h.days_off, days("2022-12-31", "2023-01-02"));
    // 2012: a make-up day of the year before, written with its year.
    let h = one(
        2012,
        "一、元旦：2012年1月1日至3日放假调休，共3天。2011年12月31日（星期六）上班。",
    )
    .unwrap();
    assert_eq!(h.days_off, days("2012-01-01", "2012-01-03"));
    assert_eq!(h.make_up, vec![d("2011-12-31")]);
    // Without years, a period whose end month comes before its start is in the next year.
    let h = one(2030, "一、元旦：12月31日至1月2日放假。").unwrap();
    assert_eq!(h.days_off, days("2030-12-31", "2031-01-02"));
}

#[test]
fn full_width_and_half_width_punctuation_and_digits() {
    let expected = (days("2026-01-01", "2026-01-03"), vec![d("2026-01-04")]);
    for text in [
        "一、元旦:1月1日(周四)至3日(周六)放假调休,共3天.1月4日(周日)上班.",
        "一、元旦：１月１日（周四）至３日（周六）放假调休，共３天。１月４日（周日）上班。",
        "一、元旦: 1 月 1 日 (周四) 至 3 日 (周六) 放假调休; 1月4日 (星期日) 上班",
        "一、元旦：1月1日（周四）-3日（周六）放假调休，共3天。1月4日（周日）上班。",
    ] {
        let h = one(2026, text).unwrap_or_else(|e| panic!("{text}: {e}"));
        assert_eq!((h.days_off, h.make_up), expected.clone(), "{text}");
    }
}

#[test]
fn the_year_comes_from_the_title_or_the_first_paragraph() {
    let n = parse_notice("2026年部分节假日安排\n一、元旦：1月1日放假。").unwrap();
    assert_eq!(n.year, 2026);
    assert_eq!(n.reference, None);
    let n = parse_notice(
        "经国务院批准，现将2027年元旦、春节放假调休日期的具体安排通知如下。\n\
         一、元旦：1月1日（周五）放假。",
    )
    .unwrap();
    assert_eq!(n.year, 2027);
    // The reference, in any brackets, is written the official way.
    let n = parse_notice(
        "国务院办公厅关于2026年部分节假日安排的通知 国办发明电[2025]7号\n一、元旦：1月1日放假。",
    )
    .unwrap();
    assert_eq!(n.reference.as_deref(), Some("国办发明电〔2025〕7号"));
    assert_eq!(
        parse_notice("一、元旦：1月1日放假。"),
        Err(NoticeError::NoYear)
    );
}

#[test]
fn a_news_copy_and_a_pdf_copy_read_the_same() {
    // A news site's copy (新华社…全文如下), and a gazette PDF's lines broken mid-sentence.
    let news = "新华社北京11月4日电 国务院办公厅关于2026年部分节假日安排的通知，全文如下：\n\
                各省、自治区、直辖市人民政府，国务院各部委、各直属机构：\n\
                一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。\n\
                节假日期间，各地区、各部门要妥善安排好值班工作。\n国务院办公厅\n2025年11月4日\n\
                [ 责编：张倩 ]";
    let pdf = "国务院办公厅关于2026年\n部分节假日安排的通知\n一、元旦：1月1日（周四）至3日\n\
               （周六）放假调休，共3天。1月4日（周\n日）上班。";
    let a = parse_notice(news).unwrap();
    let b = parse_notice(pdf).unwrap();
    assert_eq!(a.holidays, b.holidays);
    assert_eq!(a.days().len(), 4);
}

#[test]
fn advice_and_the_preamble_are_not_arrangements() {
    // 2024: 鼓励……安排职工在除夕（2月9日）休息 is advice, not a day off; the 2025 preamble
    // speaks of 放假 and dates before the arrangements.
    let n = parse_notice(
        "国务院办公厅关于2024年部分节假日安排的通知\n\
         自2025年1月1日起，全体公民放假的假日增加2天。现将安排通知如下。\n\
         一、春节：2月10日至17日放假调休，共8天。2月4日（星期日）、2月18日（星期日）上班。\
         鼓励各单位结合带薪年休假等制度落实，安排职工在除夕（2月9日）休息。\n\
         二、清明节：4月4日至6日放假调休，共3天。4月7日（星期日）上班。",
    )
    .unwrap();
    assert_eq!(n.holidays.len(), 2);
    assert!(!n.days().iter().any(|(day, _)| *day == d("2024-02-09")));
    assert_eq!(n.days_off_count(), 8 + 3);
    assert_eq!(n.make_up_count(), 3);
    assert_eq!(n.holidays[1].name, "清明节");
}

#[test]
fn a_paste_on_one_line_reads_every_arrangement() {
    // A web page copied without its line breaks: blanks between the reference and the
    // first arrangement, and between the arrangements.
    let n = parse_notice(
        "国务院办公厅关于2027年部分节假日安排的通知 国办发明电〔2026〕9号 一、元旦：1月1日（周五）\
         至3日（周日）放假，共3天。 二、春节：2月5日（周五）至12日（周五）放假调休，共8天。\
         各直属机构：三、清明节：4月3日（周六）至5日（周一）放假，共3天。",
    )
    .unwrap();
    let names: Vec<&str> = n.holidays.iter().map(|h| h.name.as_str()).collect();
    assert_eq!(names, ["元旦", "春节", "清明节"]);
    assert_eq!(n.days_off_count(), 14);
}

#[test]
fn an_arrangement_not_found_is_not_skipped_in_silence() {
    // 一、 glued to the reference cannot be told from running text: the numbering shows that
    // an arrangement was missed.
    let e = parse_notice(
        "2027年部分节假日安排 国办发明电〔2026〕9号一、元旦：1月1日放假。\n二、春节：2月5日放假。",
    )
    .unwrap_err();
    assert_eq!(
        e,
        NoticeError::Numbering {
            expected: 1,
            found: 2,
            holiday: "春节".into()
        }
    );
    assert!(
        e.message(Lang::Zh).contains("应为第一条"),
        "{}",
        e.message(Lang::Zh)
    );
    // Pasted twice.
    let twice = "2026年部分节假日安排\n一、元旦：1月1日放假。\n一、元旦：1月1日放假。";
    assert!(matches!(
        parse_notice(twice),
        Err(NoticeError::Numbering {
            expected: 2,
            found: 1,
            ..
        })
    ));
    assert_eq!(text::numeral(12), "十二");
    assert_eq!(text::numeral(7), "七");
}

#[test]
fn a_combined_holiday_keeps_its_name() {
    let n = parse_notice(
        "2025年部分节假日安排\n一、国庆节、中秋节：10月1日（周三）至8日（周三）放假调休，共8天。\
         9月28日（周日）、10月11日（周六）上班。",
    )
    .unwrap();
    let days = n.days();
    assert_eq!(days.len(), 10);
    assert!(days.iter().all(|(_, s)| s.name == "国庆节、中秋节"));
}

#[test]
fn a_sentence_that_cannot_be_read_is_named() {
    // Dates but neither 放假 nor 上班.
    let e = one(2026, "一、清明节：4月4日（周六）至6日（周一），共3天。").unwrap_err();
    assert!(
        e.message(Lang::Zh)
            .contains("4月4日（周六）至6日（周一），共3天"),
        "{e}"
    );
    assert!(
        e.to_string().contains("4月4日（周六）至6日（周一），共3天"),
        "{e}"
    );
    let (sentence, problem) = sentence_problem(e);
    assert_eq!(sentence, "4月4日（周六）至6日（周一），共3天");
    assert_eq!(problem, SentenceProblem::NoKind);
    // A day that does not exist.
    let (_, problem) = sentence_problem(one(2026, "一、春节：2月30日放假。").unwrap_err());
    assert_eq!(problem, SentenceProblem::NotADate("2月30日".into()));
    // The weekdays of 2026 pasted under 2025: the year is wrong.
    let (_, problem) = sentence_problem(
        one(
            2025,
            "一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。",
        )
        .unwrap_err(),
    );
    assert_eq!(
        problem,
        SentenceProblem::Weekday {
            date: d("2025-01-01"),
            said: Weekday::Thu
        }
    );
    // Backwards, too long, far from the year, no month, both kinds.
    let cases = [
        ("一、元旦：1月3日至1日放假。", "早于"),
        ("一、春节：1月1日至3月1日放假。", "超过一个月"),
        ("一、元旦：2020年1月1日放假。", "不在 2026 年"),
        ("一、元旦：3日放假。", "缺少月份"),
        ("一、元旦：1月1日放假上班。", "既有放假又有上班"),
    ];
    for (text, words) in cases {
        let e = one(2026, text).unwrap_err();
        assert!(
            e.message(Lang::Zh).contains(words),
            "{text}: {}",
            e.message(Lang::Zh)
        );
        assert!(!e.message(Lang::En).is_empty());
    }
}

#[test]
fn a_day_both_off_and_worked_is_refused_naming_both_sentences() {
    let e = parse_notice(
        "2026年部分节假日安排\n一、元旦：1月1日至3日放假。\n二、春节：1月3日（周六）上班。",
    )
    .unwrap_err();
    assert_eq!(
        e,
        NoticeError::Conflict {
            date: d("2026-01-03"),
            off: "1月1日至3日放假".into(),
            work: "1月3日（周六）上班".into(),
        }
    );
}

#[test]
fn empty_text_and_text_without_arrangements_are_refused() {
    assert_eq!(parse_notice(" \n\u{3000}\u{feff}"), Err(NoticeError::Empty));
    assert_eq!(
        parse_notice("国务院办公厅关于2026年部分节假日安排的通知"),
        Err(NoticeError::NoArrangements)
    );
    for e in [
        NoticeError::Empty,
        NoticeError::NoYear,
        NoticeError::NoArrangements,
    ] {
        assert_ne!(e.message(Lang::Zh), e.message(Lang::En));
    }
}

#[test]
fn files_in_utf8_with_or_without_bom_gb18030_or_utf16_are_decoded() {
    let text = "国务院办公厅关于2026年部分节假日安排的通知\r\n一、元旦：1月1日放假。";
    assert_eq!(decode_text(text.as_bytes()).unwrap(), text);
    let mut bom = vec![0xef, 0xbb, 0xbf];
    bom.extend_from_slice(text.as_bytes());
    assert_eq!(decode_text(&bom).unwrap(), text);
    let (gb, _, unmappable) = encoding_rs::GB18030.encode(text);
    assert!(!unmappable);
    assert_ne!(gb.as_ref(), text.as_bytes());
    assert_eq!(decode_text(&gb).unwrap(), text);
    let mut utf16 = vec![0xff, 0xfe];
    utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    assert_eq!(decode_text(&utf16).unwrap(), text);
    // Neither: a lone GB18030 lead byte at the end.
    assert_eq!(decode_text(&[0x81]), Err(NoticeError::Encoding));
    let n = parse_notice(&decode_text(&gb).unwrap()).unwrap();
    assert_eq!(n.days_off_count(), 1);
}
