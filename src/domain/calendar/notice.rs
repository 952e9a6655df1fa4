//! Reading the State Council's yearly holiday notice (国务院办公厅关于YYYY年部分节假日安排的
//! 通知) as it is pasted from gov.cn, a news site or a PDF, or opened as a `.txt` file.
//!
//! The notice has a fixed form: a title with the year, a reference (国办发明电〔2025〕7号),
//! a preamble, then numbered arrangements, one per holiday — `一、元旦：1月1日（周四）至3日
//! （周六）放假调休，共3天。1月4日（周日）上班。` — and a closing paragraph. Only the
//! arrangements are read. Each sentence of an arrangement is read clause by clause: its dates
//! (single days, lists joined by 、, ranges joined by 至, across months and across the turn of
//! the year) and what happens on them: days off (放假, 补休, 调休, 连休, 休息) or make-up
//! working days (上班). Remarks in parentheses (周四, 星期日, 农历除夕…) are checked against
//! the date's weekday, so a notice pasted under the wrong year is refused. Days off inside a
//! range include its weekends, as the notice counts them (共8天).
//!
//! A sentence that cannot be read is an error naming it; nothing is guessed.

use super::SpecialDay;
use crate::domain::Lang;
use chrono::{Datelike, Duration, NaiveDate, Weekday};
use std::collections::BTreeMap;
use thiserror::Error;

mod text;

use text::Text;

/// The longest period one arrangement may give (the longest ever was 9 days).
const MAX_PERIOD_DAYS: i64 = 31;

/// What a notice says: its year, its reference, and each holiday's days.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// The year the notice is for (from its title): its days may reach into the years
    /// beside it (元旦 from 2022-12-31 in the notice for 2023).
    pub year: i32,
    /// The notice's reference, e.g. `国办发明电〔2025〕7号`, when the text carries it.
    pub reference: Option<String>,
    /// The arrangements, in the notice's order.
    pub holidays: Vec<NoticeHoliday>,
}

/// One numbered arrangement of a notice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoticeHoliday {
    /// The holiday's name as the notice writes it: `春节`, `国庆节、中秋节`.
    pub name: String,
    /// Days off, in date order (weekends inside a period included).
    pub days_off: Vec<NaiveDate>,
    /// Make-up working days (调休上班), in date order.
    pub make_up: Vec<NaiveDate>,
}

impl Notice {
    /// Every day the notice sets, in date order, named after its holiday.
    pub fn days(&self) -> Vec<(NaiveDate, SpecialDay)> {
        let mut days: BTreeMap<NaiveDate, SpecialDay> = BTreeMap::new();
        for h in &self.holidays {
            let off = h.days_off.iter().map(|d| (*d, false));
            let work = h.make_up.iter().map(|d| (*d, true));
            for (date, working) in off.chain(work) {
                days.entry(date).or_insert_with(|| SpecialDay {
                    working,
                    name: h.name.clone(),
                });
            }
        }
        days.into_iter().collect()
    }

    /// How many days off it gives.
    pub fn days_off_count(&self) -> usize {
        self.days().iter().filter(|(_, s)| !s.working).count()
    }

    /// How many make-up working days it asks for.
    pub fn make_up_count(&self) -> usize {
        self.days().iter().filter(|(_, s)| s.working).count()
    }
}

/// Why a notice could not be read.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum NoticeError {
    /// Nothing but blanks.
    #[error("{}", self.message(Lang::En))]
    Empty,
    /// A file that is neither UTF-8 nor GB18030 text.
    #[error("{}", self.message(Lang::En))]
    Encoding,
    /// No title with the year (国务院办公厅关于2026年部分节假日安排的通知).
    #[error("{}", self.message(Lang::En))]
    NoYear,
    /// No numbered arrangement (一、元旦：…).
    #[error("{}", self.message(Lang::En))]
    NoArrangements,
    /// The arrangements are not numbered 一, 二, 三… in order: one was not found (or the
    /// text was pasted twice).
    #[error("{}", self.message(Lang::En))]
    Numbering {
        /// The number expected.
        expected: u32,
        /// The number found instead.
        found: u32,
        /// The holiday of the arrangement found.
        holiday: String,
    },
    /// One sentence could not be read.
    #[error("{}", self.message(Lang::En))]
    Sentence {
        /// The holiday it belongs to.
        holiday: String,
        /// The sentence, as written.
        sentence: String,
        /// What is wrong with it.
        problem: SentenceProblem,
    },
    /// A day given both as a day off and as a working day.
    #[error("{}", self.message(Lang::En))]
    Conflict {
        /// The day.
        date: NaiveDate,
        /// The sentence that gives it off.
        off: String,
        /// The sentence that makes it a working day.
        work: String,
    },
}

/// What is wrong with a sentence of a notice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SentenceProblem {
    /// A day that does not exist, e.g. `2月30日`.
    NotADate(String),
    /// A day without its month (`3日` with no month before it).
    NoMonth,
    /// A period that ends before it starts.
    Backwards(NaiveDate, NaiveDate),
    /// A period of more than a month.
    TooLong(NaiveDate, NaiveDate),
    /// The weekday in parentheses is not the date's (a notice read under the wrong year).
    Weekday {
        /// The day.
        date: NaiveDate,
        /// The weekday the notice gives.
        said: Weekday,
    },
    /// Dates, but neither 放假 nor 上班.
    NoKind,
    /// One clause says both 放假 and 上班.
    BothKinds,
    /// A day far from the notice's year.
    FarFromYear(NaiveDate, i32),
}

impl NoticeError {
    /// The message a person reads: what is wrong and what to do.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (NoticeError::Empty, Lang::Zh) => {
                "没有可读取的文字：请粘贴国务院办公厅关于节假日安排的通知全文。".into()
            }
            (NoticeError::Empty, Lang::En) => {
                "There is no text: paste the whole State Council holiday notice.".into()
            }
            (NoticeError::Encoding, Lang::Zh) => {
                "文件既不是 UTF-8 也不是 GB18030 编码的文本：请用记事本另存为 UTF-8 后再打开。"
                    .into()
            }
            (NoticeError::Encoding, Lang::En) => "The file is neither UTF-8 nor GB18030 text: \
                 save it as UTF-8 (e.g. with Notepad) and open it again."
                .into(),
            (NoticeError::NoYear, Lang::Zh) => "找不到通知的年份：请连同标题“国务院办公厅关于\
                 YYYY年部分节假日安排的通知”一起粘贴。"
                .into(),
            (NoticeError::NoYear, Lang::En) => "No year found: paste the notice with its title \
                 (国务院办公厅关于YYYY年部分节假日安排的通知)."
                .into(),
            (NoticeError::NoArrangements, Lang::Zh) => {
                "找不到“一、元旦：……”这样的放假安排：请粘贴通知全文。".into()
            }
            (NoticeError::NoArrangements, Lang::En) => "No arrangement such as “一、元旦：…” \
                 was found: paste the whole notice."
                .into(),
            (
                NoticeError::Numbering {
                    expected,
                    found,
                    holiday,
                },
                Lang::Zh,
            ) => format!(
                "放假安排的编号不连续：应为第{}条，读到的是“{}、{holiday}”。请确认粘贴了通知全文，且只粘贴了一遍。",
                text::numeral(*expected),
                text::numeral(*found)
            ),
            (
                NoticeError::Numbering {
                    expected,
                    found,
                    holiday,
                },
                Lang::En,
            ) => format!(
                "The arrangements are not numbered in order: expected {}、, found “{}、{holiday}”. \
                 Check that the whole notice is pasted, once.",
                text::numeral(*expected),
                text::numeral(*found)
            ),
            (
                NoticeError::Sentence {
                    holiday,
                    sentence,
                    problem,
                },
                Lang::Zh,
            ) => format!(
                "“{holiday}”中这一句无法读取：“{sentence}”——{}。请核对并修改这一句后再试。",
                problem.message(lang)
            ),
            (
                NoticeError::Sentence {
                    holiday,
                    sentence,
                    problem,
                },
                Lang::En,
            ) => format!(
                "Cannot read this sentence under “{holiday}”: “{sentence}” — {}. Check and \
                 correct it, then try again.",
                problem.message(lang)
            ),
            (NoticeError::Conflict { date, off, work }, Lang::Zh) => {
                format!("{date} 既被列为放假（“{off}”）又被列为上班（“{work}”）：请核对通知。")
            }
            (NoticeError::Conflict { date, off, work }, Lang::En) => format!(
                "{date} is both a day off (“{off}”) and a working day (“{work}”): check the \
                 notice."
            ),
        }
    }
}

impl SentenceProblem {
    /// The problem in a few words, for [`NoticeError::message`].
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (SentenceProblem::NotADate(t), Lang::Zh) => format!("“{t}”不是有效日期"),
            (SentenceProblem::NotADate(t), Lang::En) => format!("“{t}” is not a date"),
            (SentenceProblem::NoMonth, Lang::Zh) => "有日期缺少月份".into(),
            (SentenceProblem::NoMonth, Lang::En) => "a date has no month".into(),
            (SentenceProblem::Backwards(a, b), Lang::Zh) => format!("{b} 早于 {a}"),
            (SentenceProblem::Backwards(a, b), Lang::En) => format!("{b} is before {a}"),
            (SentenceProblem::TooLong(a, b), Lang::Zh) => format!("{a} 至 {b} 超过一个月"),
            (SentenceProblem::TooLong(a, b), Lang::En) => {
                format!("{a} to {b} is longer than a month")
            }
            (SentenceProblem::Weekday { date, said }, lang) => {
                let actual = weekday_name(date.weekday(), lang);
                let said = weekday_name(*said, lang);
                match lang {
                    Lang::Zh => {
                        format!("通知写 {date} 是{said}，但这一天是{actual}；通知的年份对吗")
                    }
                    Lang::En => format!(
                        "it says {date} is a {said}, but that day is a {actual}: is the \
                         notice's year right"
                    ),
                }
            }
            (SentenceProblem::NoKind, Lang::Zh) => "有日期，但看不出是放假还是上班".into(),
            (SentenceProblem::NoKind, Lang::En) => {
                "it has dates but says neither 放假 (day off) nor 上班 (working day)".into()
            }
            (SentenceProblem::BothKinds, Lang::Zh) => "同一分句里既有放假又有上班，无法判断".into(),
            (SentenceProblem::BothKinds, Lang::En) => {
                "one clause says both 放假 (day off) and 上班 (working day)".into()
            }
            (SentenceProblem::FarFromYear(d, y), Lang::Zh) => {
                format!("{d} 不在 {y} 年及其前后")
            }
            (SentenceProblem::FarFromYear(d, y), Lang::En) => {
                format!("{d} is not in or next to {y}")
            }
        }
    }
}

/// The weekday's name: 周一 or Monday.
pub fn weekday_name(w: Weekday, lang: Lang) -> &'static str {
    let (zh, en) = match w {
        Weekday::Mon => ("周一", "Monday"),
        Weekday::Tue => ("周二", "Tuesday"),
        Weekday::Wed => ("周三", "Wednesday"),
        Weekday::Thu => ("周四", "Thursday"),
        Weekday::Fri => ("周五", "Friday"),
        Weekday::Sat => ("周六", "Saturday"),
        Weekday::Sun => ("周日", "Sunday"),
    };
    lang.pick(zh, en)
}

/// The text of a `.txt` file: UTF-8 (a BOM is dropped), UTF-16 with a BOM, else GB18030 —
/// what Notepad and WPS on Chinese Windows save.
pub fn decode_text(bytes: &[u8]) -> Result<String, NoticeError> {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom..]);
        return match had_errors {
            true => Err(NoticeError::Encoding),
            false => Ok(text.into_owned()),
        };
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(text.to_string());
    }
    let (text, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
    match had_errors {
        true => Err(NoticeError::Encoding),
        false => Ok(text.into_owned()),
    }
}

/// Reads a notice from its text.
pub fn parse_notice(input: &str) -> Result<Notice, NoticeError> {
    let text = Text::new(input);
    if text.is_empty() {
        return Err(NoticeError::Empty);
    }
    let year = text.year().ok_or(NoticeError::NoYear)?;
    let reference = text.reference();
    let arrangements = text.arrangements();
    if arrangements.is_empty() {
        return Err(NoticeError::NoArrangements);
    }
    // Each day with the sentence that set it, to name both when two disagree.
    let mut seen: BTreeMap<NaiveDate, (bool, String)> = BTreeMap::new();
    let mut holidays = Vec::new();
    for (a, expected) in arrangements.into_iter().zip(1u32..) {
        if a.number != expected {
            return Err(NoticeError::Numbering {
                expected,
                found: a.number,
                holiday: a.name,
            });
        }
        let mut holiday = NoticeHoliday {
            name: a.name.clone(),
            days_off: Vec::new(),
            make_up: Vec::new(),
        };
        for (from, to) in text.sentences(a.body) {
            let sentence = text.original(from, to);
            let fail = |problem| NoticeError::Sentence {
                holiday: a.name.clone(),
                sentence: sentence.clone(),
                problem,
            };
            let days = read_sentence(text.slice(from, to), year).map_err(fail)?;
            for (date, working) in days {
                match seen.get(&date) {
                    Some((w, first)) if *w != working => {
                        let (off, work) = match working {
                            true => (first.clone(), sentence.clone()),
                            false => (sentence.clone(), first.clone()),
                        };
                        return Err(NoticeError::Conflict { date, off, work });
                    }
                    Some(_) => continue,
                    None => {
                        seen.insert(date, (working, sentence.clone()));
                    }
                }
                match working {
                    true => holiday.make_up.push(date),
                    false => holiday.days_off.push(date),
                }
            }
        }
        holiday.days_off.sort_unstable();
        holiday.make_up.sort_unstable();
        holidays.push(holiday);
    }
    Ok(Notice {
        year,
        reference,
        holidays,
    })
}

/// A date as written: the year and month may be left to the context.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Written {
    year: Option<i32>,
    month: Option<u32>,
    day: u32,
    /// The weekday in the parentheses after it, if any.
    weekday: Option<Weekday>,
}

/// The dates of a clause: single days and periods.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Piece {
    One(Written),
    Period(Written, Written),
}

/// What a clause says happens on its dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ClauseKind {
    Off,
    Work,
}

/// The days of one sentence (without its full stop), each with whether it is worked.
/// `year` fills in dates written without one.
fn read_sentence(chars: &[char], year: i32) -> Result<Vec<(NaiveDate, bool)>, SentenceProblem> {
    let words: String = chars.iter().collect();
    // Advice, not an arrangement (2024: 鼓励各单位……安排职工在除夕（2月9日）休息).
    if words.contains("鼓励") {
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    let mut context = Context {
        year: None,
        month: None,
        notice_year: year,
    };
    // Dates of earlier clauses still waiting for a 放假 or 上班 (1月1日至3日，放假调休).
    let mut waiting: Vec<(NaiveDate, NaiveDate)> = Vec::new();
    for clause in text::clauses(chars) {
        let (pieces, words) = text::pieces(clause);
        let kind = kind_of(&words)?;
        for piece in pieces {
            waiting.push(context.resolve(piece)?);
        }
        if let Some(kind) = kind {
            for (from, to) in waiting.drain(..) {
                let mut d = from;
                while d <= to {
                    out.push((d, kind == ClauseKind::Work));
                    d += Duration::days(1);
                }
            }
        }
    }
    if !waiting.is_empty() {
        return Err(SentenceProblem::NoKind);
    }
    Ok(out)
}

/// Whether a clause's words (outside parentheses) give days off or working days.
fn kind_of(words: &str) -> Result<Option<ClauseKind>, SentenceProblem> {
    let has = |list: &[&str]| list.iter().any(|w| words.contains(w));
    let work = has(&["上班", "补班"]);
    // 调休 alone is part of 调休上班 too; only the plain words of a day off clash with 上班.
    let off = has(&["放假", "补休", "休息", "休假", "公休"]);
    match (work, off || has(&["调休", "连休"])) {
        (true, _) if off => Err(SentenceProblem::BothKinds),
        (true, _) => Ok(Some(ClauseKind::Work)),
        (false, true) => Ok(Some(ClauseKind::Off)),
        (false, false) => Ok(None),
    }
}

/// The year and month of the previous date of the sentence, for dates that leave them out.
struct Context {
    year: Option<i32>,
    month: Option<u32>,
    notice_year: i32,
}

impl Context {
    /// The first and last day of a piece (the same for a single day).
    fn resolve(&mut self, piece: Piece) -> Result<(NaiveDate, NaiveDate), SentenceProblem> {
        let (from, to) = match piece {
            Piece::One(w) => {
                let d = self.date(w, None)?;
                (d, d)
            }
            Piece::Period(a, b) => {
                let from = self.date(a, None)?;
                let to = self.date(b, Some(from))?;
                if to < from {
                    return Err(SentenceProblem::Backwards(from, to));
                }
                if (to - from).num_days() > MAX_PERIOD_DAYS {
                    return Err(SentenceProblem::TooLong(from, to));
                }
                (from, to)
            }
        };
        let y = self.notice_year;
        for d in [from, to] {
            let near = (d.year() == y)
                || (d.year() == y - 1 && d.month() == 12)
                || (d.year() == y + 1 && d.month() == 1);
            if !near {
                return Err(SentenceProblem::FarFromYear(d, y));
            }
        }
        Ok((from, to))
    }

    /// A written date with its year and month filled in: from the start of its period
    /// (`after`: a month earlier than the start's is in the next year), else from the
    /// previous date of the sentence, else the notice's year.
    fn date(&mut self, w: Written, after: Option<NaiveDate>) -> Result<NaiveDate, SentenceProblem> {
        let month = w
            .month
            .or(after.map(|a| a.month()))
            .or(self.month)
            .ok_or(SentenceProblem::NoMonth)?;
        let year = match (w.year, after) {
            (Some(y), _) => y,
            (None, Some(a)) if month < a.month() => a.year() + 1,
            (None, Some(a)) => a.year(),
            (None, None) => self.year.unwrap_or(self.notice_year),
        };
        let written = match w.year {
            Some(y) => format!("{y}年{month}月{}日", w.day),
            None => format!("{month}月{}日", w.day),
        };
        let d = NaiveDate::from_ymd_opt(year, month, w.day)
            .ok_or(SentenceProblem::NotADate(written))?;
        if let Some(said) = w.weekday
            && said != d.weekday()
        {
            return Err(SentenceProblem::Weekday { date: d, said });
        }
        self.year = Some(year);
        self.month = Some(month);
        Ok(d)
    }
}

#[cfg(test)]
mod tests;
