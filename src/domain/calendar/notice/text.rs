//! The notice's text made regular before it is read: full-width digits and punctuation as
//! half-width, blanks and line breaks out (a PDF breaks lines inside sentences), and the
//! pieces the reader needs — the year, the reference, the numbered arrangements, their
//! sentences and clauses, and the dates of a clause.

use super::{Piece, Written};
use chrono::Weekday;

/// The numerals that number the arrangements (一、 … 十二、).
const NUMERALS: &[char] = &['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/// The longest holiday name an arrangement may have (国庆节、中秋节 is 7).
const MAX_NAME_CHARS: usize = 20;

/// A notice's text, regularised, with where each character was in the original.
pub(super) struct Text<'a> {
    source: &'a str,
    chars: Vec<char>,
    /// Byte range of each character in `source`.
    spans: Vec<(usize, usize)>,
    /// Whether a blank or a line break (or the start of the text) comes right before each
    /// character.
    after_blank: Vec<bool>,
}

/// A numbered arrangement: its number, its holiday's name and the characters of its body.
pub(super) struct Arrangement {
    pub number: u32,
    pub name: String,
    pub body: (usize, usize),
}

/// The value of a numeral of the arrangements: 一 is 1, 十二 is 12, 二十 is 20.
fn numeral_value(chars: &[char]) -> Option<u32> {
    let digit = |c: &char| NUMERALS.iter().position(|n| n == c).map(|i| i as u32 + 1);
    match chars {
        [one] => digit(one),
        ['十', unit] => Some(10 + digit(unit).filter(|u| *u < 10)?),
        [tens, '十'] => Some(digit(tens).filter(|t| *t < 10)? * 10),
        [tens, '十', unit] => {
            Some(digit(tens).filter(|t| *t < 10)? * 10 + digit(unit).filter(|u| *u < 10)?)
        }
        _ => None,
    }
}

/// `n` written as the arrangements number it (1 → 一, 12 → 十二), for messages.
pub(super) fn numeral(n: u32) -> String {
    let digit = |d: u32| NUMERALS.get(d as usize - 1).copied().unwrap_or('?');
    match n {
        1..=9 => digit(n).to_string(),
        10 => "十".into(),
        11..=19 => format!("十{}", digit(n - 10)),
        20..=99 if n.is_multiple_of(10) => format!("{}十", digit(n / 10)),
        20..=99 => format!("{}十{}", digit(n / 10), digit(n % 10)),
        _ => n.to_string(),
    }
}

impl<'a> Text<'a> {
    /// Regularises `source`.
    pub fn new(source: &'a str) -> Text<'a> {
        let mut t = Text {
            source,
            chars: Vec::new(),
            spans: Vec::new(),
            after_blank: Vec::new(),
        };
        let mut blank = true;
        for (at, c) in source.char_indices() {
            if c.is_whitespace() {
                blank = true;
                continue;
            }
            if matches!(c, '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}') {
                continue;
            }
            t.chars.push(regular(c));
            t.spans.push((at, at + c.len_utf8()));
            t.after_blank.push(blank);
            blank = false;
        }
        t
    }

    /// Whether there is nothing but blanks.
    pub fn is_empty(&self) -> bool {
        self.chars.is_empty()
    }

    /// The characters from `from` to `to` (not included).
    pub fn slice(&self, from: usize, to: usize) -> &[char] {
        self.chars.get(from..to).unwrap_or(&[])
    }

    /// The original text of the characters from `from` to `to`, blanks and line breaks
    /// shown as single spaces.
    pub fn original(&self, from: usize, to: usize) -> String {
        let (Some(first), Some(last)) = (
            self.spans.get(from),
            to.checked_sub(1).and_then(|l| self.spans.get(l)),
        ) else {
            return String::new();
        };
        let raw = self.source.get(first.0..last.1).unwrap_or("");
        raw.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    fn find(&self, pattern: &str, from: usize) -> Option<usize> {
        let p: Vec<char> = pattern.chars().collect();
        (from..self.chars.len()).find(|&i| self.chars[i..].starts_with(&p))
    }

    /// Four digits ending right before `i`, as a year.
    fn year_before(&self, i: usize) -> Option<i32> {
        let digits = self.chars.get(i.checked_sub(4)?..i)?;
        let text: String = digits.iter().collect();
        text.parse().ok().filter(|y| (1949..=2200).contains(y))
    }

    /// The year of the notice: from its title (…2026年部分节假日安排…), else from
    /// 现将2026年元旦… of its first paragraph.
    pub fn year(&self) -> Option<i32> {
        if let Some(i) = self.find("年部分节假日安排", 0) {
            return self.year_before(i);
        }
        let i = self.find("现将", 0)?;
        let at = self.find("年", i)?;
        (at == i + 6).then(|| self.year_before(at)).flatten()
    }

    /// The reference, written the official way: 国办发明电〔2025〕7号.
    pub fn reference(&self) -> Option<String> {
        let mut from = 0;
        while let Some(i) = self.find("国办发", from) {
            from = i + 1;
            let mut j = i + 3;
            let prefix = match self.chars.get(j) {
                Some('明') if self.chars.get(j + 1) == Some(&'电') => {
                    j += 2;
                    "国办发明电"
                }
                _ => "国办发",
            };
            if !matches!(self.chars.get(j), Some('〔' | '[' | '(' | '【' | '﹝')) {
                continue;
            }
            let year = self.number_at(j + 1);
            let Some((year, after_year)) = year else {
                continue;
            };
            if !matches!(
                self.chars.get(after_year),
                Some('〕' | ']' | ')' | '】' | '﹞')
            ) {
                continue;
            }
            let Some((number, after_number)) = self.number_at(after_year + 1) else {
                continue;
            };
            if self.chars.get(after_number) == Some(&'号') && (1949..=2200).contains(&year) {
                return Some(format!("{prefix}〔{year}〕{number}号"));
            }
        }
        None
    }

    /// The number written from `i`, and where it ends.
    fn number_at(&self, i: usize) -> Option<(u32, usize)> {
        let mut j = i;
        while self.chars.get(j).is_some_and(char::is_ascii_digit) && j - i < 6 {
            j += 1;
        }
        let digits: String = self.chars.get(i..j)?.iter().collect();
        Some((digits.parse().ok()?, j))
    }

    /// Where an arrangement starts at `i` (一、元旦：): its name and where its body starts.
    fn arrangement_at(&self, i: usize) -> Option<(u32, String, usize)> {
        let boundary = i == 0
            || self.after_blank.get(i) == Some(&true)
            || matches!(self.chars.get(i - 1), Some('。' | ';' | '.' | ':'));
        if !boundary {
            return None;
        }
        let mut j = i;
        while self.chars.get(j).is_some_and(|c| NUMERALS.contains(c)) && j - i < 3 {
            j += 1;
        }
        if j == i || self.chars.get(j) != Some(&'、') {
            return None;
        }
        let number = numeral_value(self.slice(i, j))?;
        let name_start = j + 1;
        let mut k = name_start;
        while k - name_start <= MAX_NAME_CHARS {
            match self.chars.get(k)? {
                ':' => break,
                c if c.is_ascii_digit() || "。,;()".contains(*c) => return None,
                _ => k += 1,
            }
        }
        if k == name_start || self.chars.get(k) != Some(&':') {
            return None;
        }
        Some((number, self.slice(name_start, k).iter().collect(), k + 1))
    }

    /// The numbered arrangements. The last one ends where the closing paragraph
    /// (节假日期间…) or the signature (国务院办公厅) starts.
    pub fn arrangements(&self) -> Vec<Arrangement> {
        let heads: Vec<(usize, u32, String, usize)> = (0..self.chars.len())
            .filter_map(|i| {
                self.arrangement_at(i)
                    .map(|(number, name, body)| (i, number, name, body))
            })
            .collect();
        let Some(first) = heads.first() else {
            return Vec::new();
        };
        let end = ["节假日期间", "国务院办公厅"]
            .iter()
            .filter_map(|p| self.find(p, first.3))
            .min()
            .unwrap_or(self.chars.len());
        let mut out = Vec::new();
        for (n, (_, number, name, body)) in heads.iter().enumerate() {
            if *body >= end {
                break;
            }
            let next = heads.get(n + 1).map_or(end, |h| h.0.min(end));
            out.push(Arrangement {
                number: *number,
                name: name.clone(),
                body: (*body, next),
            });
        }
        out
    }

    /// The sentences of a body (to 。, `.` or ;), without their full stops; empty ones left
    /// out.
    pub fn sentences(&self, (from, to): (usize, usize)) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut start = from;
        for i in from..=to {
            let end = i == to || matches!(self.chars.get(i), Some('。' | ';' | '.'));
            if end {
                if i > start {
                    out.push((start, i));
                }
                start = i + 1;
            }
        }
        out
    }
}

/// A character as the reader sees it: full-width ASCII as half-width (１→1, （→(, ，→,),
/// dashes and tildes as `-` and `~`, the half-width ideographic marks as full ones.
fn regular(c: char) -> char {
    match c {
        '\u{ff01}'..='\u{ff5e}' => char::from_u32(c as u32 - 0xfee0).unwrap_or(c),
        '—' | '–' | '‐' => '-',
        '〜' => '~',
        '｡' => '。',
        '､' => '、',
        '︰' => ':',
        c => c,
    }
}

/// The clauses of a sentence: split at commas outside parentheses.
pub(super) fn clauses(chars: &[char]) -> Vec<&[char]> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (i, c) in chars.iter().enumerate() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => {
                out.push(&chars[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&chars[start..]);
    out
}

/// The weekday a remark names (周四, 星期日, 礼拜天), if it names one.
fn weekday_in(remark: &[char]) -> Option<Weekday> {
    for (i, c) in remark.iter().enumerate() {
        let after = match c {
            '周' => remark.get(i + 1),
            '期' if i > 0 && remark[i - 1] == '星' => remark.get(i + 1),
            '拜' if i > 0 && remark[i - 1] == '礼' => remark.get(i + 1),
            _ => continue,
        };
        let day = match after {
            Some('一') => Weekday::Mon,
            Some('二') => Weekday::Tue,
            Some('三') => Weekday::Wed,
            Some('四') => Weekday::Thu,
            Some('五') => Weekday::Fri,
            Some('六') => Weekday::Sat,
            Some('日' | '天') => Weekday::Sun,
            _ => continue,
        };
        return Some(day);
    }
    None
}

/// The dates of a clause, and its words outside parentheses (where 放假 or 上班 is said).
/// Dates inside parentheses are remarks (除夕（2月9日）), not days of the arrangement.
pub(super) fn pieces(clause: &[char]) -> (Vec<Piece>, String) {
    let mut pieces: Vec<Piece> = Vec::new();
    let mut words = String::new();
    let mut number: Option<u32> = None;
    let (mut year, mut month) = (None, None);
    // The last thing read was a date (a remark in parentheses may follow it).
    let mut after_date = false;
    // A 至 after a date: the next date ends a period.
    let mut period = false;
    let mut i = 0;
    while let Some(&c) = clause.get(i) {
        i += 1;
        if let Some(d) = c.to_digit(10) {
            number = Some(number.unwrap_or(0).saturating_mul(10).saturating_add(d));
            continue;
        }
        match (c, number.take()) {
            ('年', Some(n)) => year = i32::try_from(n).ok(),
            ('月', Some(n)) => month = Some(n),
            ('日', Some(n)) => {
                let written = Written {
                    year: year.take(),
                    month: month.take(),
                    day: n,
                    weekday: None,
                };
                let start = match (period, pieces.last()) {
                    (true, Some(Piece::One(start))) => Some(*start),
                    _ => None,
                };
                match start {
                    Some(start) => {
                        pieces.pop();
                        pieces.push(Piece::Period(start, written));
                    }
                    None => pieces.push(Piece::One(written)),
                }
                period = false;
                after_date = true;
            }
            ('(', _) => {
                let close = clause[i..].iter().position(|c| *c == ')');
                let end = close.map_or(clause.len(), |p| i + p);
                let remark = &clause[i..end];
                i = (end + 1).min(clause.len());
                if after_date
                    && let Some(weekday) = weekday_in(remark)
                    && let Some(Piece::One(w) | Piece::Period(_, w)) = pieces.last_mut()
                {
                    w.weekday = Some(weekday);
                }
                continue;
            }
            ('至' | '到' | '-' | '~', _) if after_date => {
                period = true;
                after_date = false;
            }
            ('、', _) => {
                after_date = false;
                period = false;
            }
            (c, _) => {
                year = None;
                month = None;
                after_date = false;
                words.push(c);
            }
        }
    }
    (pieces, words)
}
