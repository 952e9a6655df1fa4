//! The agenda (会议议程) sent before the meeting: its items with start times counted from
//! the meeting start, and the total against the time booked.

use super::{Caption, DocLang, MeetingHead, MeetingInputs, head, labels};
use chrono::Duration;

/// A row of the agenda table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgendaRow {
    /// 1, 2, …
    pub number: usize,
    /// Local start time, `14:20`, counted from the meeting start.
    pub start: String,
    /// What is discussed.
    pub title: String,
    /// Who presents it (may be empty).
    pub presenter: String,
    /// `20 分钟` / `20 min`, or a dash for an untimed item.
    pub length: String,
}

/// The agenda sent before the meeting: pure data, no layout.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgendaReport {
    /// Letterhead, title, subject, facts and attendees.
    pub head: MeetingHead,
    /// 与会人员 Attendees.
    pub attendees_caption: Caption,
    /// 议程安排 Agenda.
    pub items_caption: Caption,
    /// The table's columns: start, item, presenter, length.
    pub columns: [Caption; 4],
    /// The items with their start times.
    pub rows: Vec<AgendaRow>,
    /// `合计 90 分钟（14:00–15:30）`.
    pub total: String,
    /// Set when the items take longer than the meeting is booked for.
    pub overrun: Option<String>,
    /// What an empty agenda says.
    pub none: String,
    /// The language of the labels.
    pub lang: DocLang,
}

impl AgendaReport {
    /// The agenda of the meeting, start times counted from its start in `inputs.tz`.
    pub fn build(inputs: &MeetingInputs<'_>) -> AgendaReport {
        let lang = inputs.lang;
        let meeting = inputs.meeting;
        let start = meeting.start.with_timezone(&inputs.tz);
        let mut at = start;
        let rows = meeting
            .agenda
            .iter()
            .enumerate()
            .map(|(i, item)| {
                let row = AgendaRow {
                    number: i + 1,
                    start: at.format("%H:%M").to_string(),
                    title: item.title.trim().to_string(),
                    presenter: item.presenter.trim().to_string(),
                    length: match item.minutes {
                        0 => "—".to_string(),
                        m => minutes_text(i64::from(m), lang),
                    },
                };
                let length = Duration::minutes(i64::from(item.minutes));
                at = at.checked_add_signed(length).unwrap_or(at);
                row
            })
            .collect();
        let total_minutes: i64 = meeting.agenda.iter().map(|a| i64::from(a.minutes)).sum();
        let booked = (meeting.end - meeting.start).num_minutes();
        let range = format!("{}–{}", start.format("%H:%M"), at.format("%H:%M"));
        let total = format!(
            "{} {}{}",
            lang.line(labels::TOTAL),
            minutes_text(total_minutes, lang),
            match lang {
                DocLang::En => format!(" ({range})"),
                DocLang::Zh | DocLang::Both => format!("（{range}）"),
            }
        );
        let overrun = (total_minutes > booked).then(|| {
            let over = minutes_text(total_minutes - booked, lang);
            let end = meeting.end.with_timezone(&inputs.tz).format("%H:%M");
            match lang {
                DocLang::Zh => format!("议程比预定结束时间 {end} 多出 {over}"),
                DocLang::En => format!("The agenda runs {over} past the booked end, {end}"),
                DocLang::Both => format!(
                    "议程比预定结束时间 {end} 多出 {over} · The agenda runs {} past {end}",
                    minutes_text(total_minutes - booked, DocLang::En)
                ),
            }
        });
        AgendaReport {
            head: head(inputs, labels::AGENDA),
            attendees_caption: lang.caption(labels::ATTENDEES),
            items_caption: lang.caption(labels::ITEMS),
            columns: [
                labels::START,
                labels::ITEM,
                labels::PRESENTER,
                labels::LENGTH,
            ]
            .map(|l| lang.caption(l)),
            rows,
            total,
            overrun,
            none: lang
                .pick(
                    "（议程待定）",
                    "(to be announced)",
                    "（议程待定 to be announced）",
                )
                .to_string(),
            lang,
        }
    }
}

/// `90 分钟` or `1 h 30 min`.
fn minutes_text(m: i64, lang: DocLang) -> String {
    match lang {
        DocLang::En if m >= 60 && m % 60 == 0 => format!("{} h", m / 60),
        DocLang::En if m >= 60 => format!("{} h {} min", m / 60, m % 60),
        DocLang::En => format!("{m} min"),
        DocLang::Zh | DocLang::Both => format!("{m} 分钟"),
    }
}
