//! The meeting documents sent to the client: the minutes (会议记录) after the meeting and the
//! agenda (会议议程) before it.
//!
//! Both are pure models: the caller gathers the meeting, its client and jobs, the letterhead
//! and the reader's time zone; nothing here reads the clock or the time zone. The minutes are
//! always built from [`Minutes::for_client`] — of the draft or of a frozen sent version — so
//! an internal remark cannot reach a renderer whatever it is handed.

use super::brief::{Label, Letterhead};
use crate::domain::meeting::{
    ActionStatus, Attendee, Meeting, MeetingKind, Minutes, Sending, Side,
};
use crate::domain::schedule::Party;
use crate::domain::{Client, Job};
use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, Utc};

mod agenda;
#[cfg(test)]
mod tests;

pub use super::caption::{Caption, DocLang};
pub use agenda::{AgendaReport, AgendaRow};

/// Bilingual labels of the meeting documents.
pub mod labels {
    use super::Label;
    /// Title of the minutes.
    pub const MINUTES: Label = Label::new("会议记录", "Minutes of Meeting");
    /// Title of the agenda.
    pub const AGENDA: Label = Label::new("会议议程", "Meeting Agenda");
    /// Kind of meeting.
    pub const KIND: Label = Label::new("会议类型", "Type");
    /// Subject.
    pub const SUBJECT: Label = Label::new("会议主题", "Subject");
    /// Client.
    pub const CLIENT: Label = Label::new("客户", "Client");
    /// Jobs concerned.
    pub const JOBS: Label = Label::new("相关工作", "Jobs");
    /// Date and time.
    pub const WHEN: Label = Label::new("时间", "Date & time");
    /// Place.
    pub const PLACE: Label = Label::new("地点", "Place");
    /// Version of the minutes.
    pub const VERSION: Label = Label::new("版本", "Version");
    /// When the version was sent.
    pub const SENT: Label = Label::new("发出日期", "Sent");
    /// Who wrote the minutes.
    pub const RECORDED_BY: Label = Label::new("记录人", "Recorded by");
    /// Attendees section.
    pub const ATTENDEES: Label = Label::new("与会人员", "Attendees");
    /// Key points section.
    pub const POINTS: Label = Label::new("会议要点", "Key points");
    /// The way a point is solved.
    pub const SOLUTION: Label = Label::new("解决方法", "Solution");
    /// Decisions section.
    pub const DECISIONS: Label = Label::new("会议决定", "Decisions");
    /// Action items section.
    pub const ACTIONS: Label = Label::new("待办事项", "Action items");
    /// Action column: what.
    pub const WHAT: Label = Label::new("事项", "What");
    /// Action column: which side.
    pub const PARTY: Label = Label::new("负责方", "Party");
    /// Action column: who.
    pub const WHO: Label = Label::new("负责人", "Who");
    /// Action column: by when.
    pub const DUE: Label = Label::new("完成日期", "By when");
    /// Confirmation block.
    pub const CONFIRM: Label = Label::new("请确认并回传", "Please confirm and return");
    /// Confirmation line: name.
    pub const NAME: Label = Label::new("姓名", "Name");
    /// Confirmation line: signature.
    pub const SIGNATURE: Label = Label::new("签字", "Signature");
    /// Confirmation line: date.
    pub const DATE: Label = Label::new("日期", "Date");
    /// Agenda section.
    pub const ITEMS: Label = Label::new("议程安排", "Agenda");
    /// Agenda column: start time.
    pub const START: Label = Label::new("开始", "Start");
    /// Agenda column: item.
    pub const ITEM: Label = Label::new("议题", "Item");
    /// Agenda column: presenter.
    pub const PRESENTER: Label = Label::new("主讲", "Presenter");
    /// Agenda column: minutes allotted.
    pub const LENGTH: Label = Label::new("时长", "Length");
    /// Total time of the agenda.
    pub const TOTAL: Label = Label::new("合计", "Total");
}

/// One row of the facts table at the top of both documents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingFact {
    /// What the row is.
    pub label: Caption,
    /// The value.
    pub value: String,
}

/// Someone at the meeting, as printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    /// Their name.
    pub name: String,
    /// Their title (may be empty).
    pub title: String,
}

/// The attendees of one side, under the side's name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttendeeGroup {
    /// Which side.
    pub side: Side,
    /// The side: 客户方 Client, 代理方 Agency, 其他 Others.
    pub caption: Caption,
    /// The company of the side (client or agency name; empty for others).
    pub company: String,
    /// The people, in the order they were entered.
    pub people: Vec<Person>,
}

/// Everything both documents say about the meeting itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingHead {
    /// The agency at the top of page 1.
    pub letterhead: Letterhead,
    /// The document title.
    pub title: Caption,
    /// The meeting's subject, printed under the title.
    pub subject: String,
    /// The facts table, in print order.
    pub facts: Vec<MeetingFact>,
    /// Attendees by side: client, agency, others (empty sides left out).
    pub attendees: Vec<AttendeeGroup>,
    /// The local date of the meeting, for the running header and file names.
    pub date: NaiveDate,
    /// The short content hash of the meeting as printed (see `store::ContentHash`); set by
    /// the caller that read it.
    pub content_hash: Option<String>,
}

/// Everything a meeting document needs, gathered by the caller.
#[derive(Debug, Clone, Copy)]
pub struct MeetingInputs<'a> {
    /// The meeting.
    pub meeting: &'a Meeting,
    /// Its client.
    pub client: &'a Client,
    /// The jobs it concerns (those found; in the meeting's order).
    pub jobs: &'a [Job],
    /// The agency's letterhead.
    pub letterhead: &'a Letterhead,
    /// The reader's time zone: every time printed is local to it.
    pub tz: FixedOffset,
    /// The language of the labels.
    pub lang: DocLang,
}

/// A point or decision of the minutes, numbered within its section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PointItem {
    /// 1, 2, … within its section.
    pub number: usize,
    /// What was said or decided.
    pub text: String,
    /// How it will be solved, when written.
    pub solution: Option<String>,
}

/// A row of the action table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionRow {
    /// 1, 2, …
    pub number: usize,
    /// What is to be done; a done or dropped action says so after the text.
    pub what: String,
    /// Which side does it.
    pub party: String,
    /// Who does it (may be empty).
    pub owner: String,
    /// By when, or "to be agreed".
    pub due: String,
    /// False when no date was agreed, so renderers can mute the placeholder.
    pub dated: bool,
}

/// The confirmation block that closes the minutes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Confirmation {
    /// 请确认并回传 Please confirm and return.
    pub heading: Caption,
    /// What the client is asked to do.
    pub note: String,
    /// The lines to fill in: name, signature, date.
    pub lines: Vec<Caption>,
}

/// The minutes as sent to the client: pure data, no layout.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MinutesReport {
    /// Letterhead, title, subject, facts and attendees.
    pub head: MeetingHead,
    /// `v2`; for a draft, the version it will be sent as.
    pub version: String,
    /// Not sent yet: renderers mark it as a draft.
    pub draft: bool,
    /// Section headings and table columns, in the document's language.
    pub captions: MinutesCaptions,
    /// Key points (those not marked as decisions), in the order they came up.
    pub points: Vec<PointItem>,
    /// Decisions, in the order they came up.
    pub decisions: Vec<PointItem>,
    /// The action table.
    pub actions: Vec<ActionRow>,
    /// What an empty section says.
    pub none: String,
    /// The closing confirmation block.
    pub confirmation: Confirmation,
    /// The language of the labels.
    pub lang: DocLang,
}

/// The headings of the minutes, ready to print.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MinutesCaptions {
    /// 与会人员 Attendees.
    pub attendees: Caption,
    /// 会议要点 Key points.
    pub points: Caption,
    /// 解决方法 Solution.
    pub solution: Caption,
    /// 会议决定 Decisions.
    pub decisions: Caption,
    /// 待办事项 Action items.
    pub actions: Caption,
    /// The action table's columns: what, party, who, by when.
    pub columns: [Caption; 4],
}

/// Why the minutes asked for cannot be built.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MinutesReportError {
    /// No version with this number was sent.
    #[error("version {0} of the minutes was never sent")]
    NoSuchVersion(u32),
}

impl MinutesReport {
    /// The minutes of `version` as sent (frozen), or with `None` the draft as the client
    /// would receive it next. `recorded_by` names who wrote them, if known.
    pub fn build(
        inputs: &MeetingInputs<'_>,
        version: Option<u32>,
        recorded_by: Option<&str>,
    ) -> Result<MinutesReport, MinutesReportError> {
        let meeting = inputs.meeting;
        let sending: Option<&Sending> = match version {
            Some(v) => Some(
                meeting
                    .sent
                    .iter()
                    .find(|s| s.version == v)
                    .ok_or(MinutesReportError::NoSuchVersion(v))?,
            ),
            None => None,
        };
        // A version sent prints the meeting as it was then (time, place, attendees), not as
        // it was corrected since.
        let as_sent = sending.map(|s| meeting.as_sent(s));
        let inputs = &match &as_sent {
            Some(m) => MeetingInputs {
                meeting: m,
                ..*inputs
            },
            None => *inputs,
        };
        let meeting = inputs.meeting;
        // Frozen versions are already the client's text; filtering again costs nothing and
        // keeps the promise even for a record written by an older program.
        let minutes: Minutes = meeting.minutes.for_client();
        let lang = inputs.lang;
        let number = sending.map_or(meeting.next_version(), |s| s.version);
        let mut head = head(inputs, labels::MINUTES);
        let version_text = match sending {
            Some(_) => format!("v{number}"),
            None => format!("v{number} {}", lang.pick("草稿", "draft", "草稿 Draft")),
        };
        head.facts.push(fact(lang, labels::VERSION, version_text));
        if let Some(s) = sending {
            let at = s.stamp.at.with_timezone(&inputs.tz);
            let when = format!("{} {}", day(at.date_naive(), lang), at.format("%H:%M"));
            head.facts.push(fact(lang, labels::SENT, when));
        }
        if let Some(name) = recorded_by.map(str::trim).filter(|n| !n.is_empty()) {
            head.facts
                .push(fact(lang, labels::RECORDED_BY, name.to_string()));
        }
        let numbered = |decided: bool| -> Vec<PointItem> {
            minutes
                .points
                .iter()
                .filter(|p| p.decision == decided)
                .enumerate()
                .map(|(i, p)| PointItem {
                    number: i + 1,
                    text: p.text.trim_end().to_string(),
                    solution: Some(p.solution.trim_end().to_string())
                        .filter(|s| !s.trim().is_empty()),
                })
                .collect()
        };
        let points = numbered(false);
        let decisions = numbered(true);
        let actions = minutes
            .actions
            .iter()
            .enumerate()
            .map(|(i, a)| {
                let status = match a.status {
                    ActionStatus::Open => "",
                    ActionStatus::Done => lang.pick("（已完成）", " (done)", "（已完成 done）"),
                    ActionStatus::Dropped => {
                        lang.pick("（已取消）", " (dropped)", "（已取消 dropped）")
                    }
                };
                ActionRow {
                    number: i + 1,
                    what: format!("{}{status}", a.what.trim()),
                    party: party(a.party, lang),
                    owner: a.owner.trim().to_string(),
                    due: a.due.map_or_else(
                        || lang.pick("待定", "TBD", "待定 TBD").to_string(),
                        |d| day(d, lang),
                    ),
                    dated: a.due.is_some(),
                }
            })
            .collect();
        Ok(MinutesReport {
            head,
            version: format!("v{number}"),
            draft: sending.is_none(),
            captions: MinutesCaptions {
                attendees: lang.caption(labels::ATTENDEES),
                points: lang.caption(labels::POINTS),
                solution: lang.caption(labels::SOLUTION),
                decisions: lang.caption(labels::DECISIONS),
                actions: lang.caption(labels::ACTIONS),
                columns: [labels::WHAT, labels::PARTY, labels::WHO, labels::DUE]
                    .map(|l| lang.caption(l)),
            },
            points,
            decisions,
            actions,
            none: lang.pick("（无）", "(none)", "（无 none）").to_string(),
            confirmation: Confirmation {
                heading: lang.caption(labels::CONFIRM),
                note: confirm_note(lang),
                lines: [labels::NAME, labels::SIGNATURE, labels::DATE]
                    .map(|l| lang.caption(l))
                    .to_vec(),
            },
            lang,
        })
    }
}

fn confirm_note(lang: DocLang) -> String {
    const ZH: &str = "请核对以上内容。如无异议，请签字确认后回传；如需修改，请直接回复您的意见，我们将据此修订并发送新的版本。";
    const EN: &str = "Please check the above. If you agree, sign and return this page; if anything should change, reply with your comments and we will send a revised version.";
    match lang {
        DocLang::Zh => ZH.to_string(),
        DocLang::En => EN.to_string(),
        DocLang::Both => format!("{ZH}\n{EN}"),
    }
}

fn fact(lang: DocLang, label: Label, value: String) -> MeetingFact {
    MeetingFact {
        label: lang.caption(label),
        value,
    }
}

/// Letterhead, title, subject, facts and attendees, shared by both documents.
fn head(inputs: &MeetingInputs<'_>, title: Label) -> MeetingHead {
    let lang = inputs.lang;
    let m = inputs.meeting;
    let mut facts = vec![
        fact(lang, labels::SUBJECT, m.title.trim().to_string()),
        fact(lang, labels::KIND, kind(m.kind, lang)),
        fact(lang, labels::CLIENT, inputs.client.name.trim().to_string()),
    ];
    if !inputs.jobs.is_empty() {
        let jobs: Vec<String> = inputs
            .jobs
            .iter()
            .map(|j| format!("{} {}", j.number.text, j.title.trim()))
            .collect();
        facts.push(fact(
            lang,
            labels::JOBS,
            jobs.join(lang.pick("；", "; ", "；")),
        ));
    }
    facts.push(fact(
        lang,
        labels::WHEN,
        span(m.start, m.end, inputs.tz, lang),
    ));
    if !m.place.trim().is_empty() {
        facts.push(fact(lang, labels::PLACE, m.place.trim().to_string()));
    }
    MeetingHead {
        letterhead: inputs.letterhead.clone(),
        title: lang.caption(title),
        subject: m.title.trim().to_string(),
        facts,
        attendees: groups(inputs),
        date: m.start.with_timezone(&inputs.tz).date_naive(),
        content_hash: None,
    }
}

fn groups(inputs: &MeetingInputs<'_>) -> Vec<AttendeeGroup> {
    let lang = inputs.lang;
    let lh = inputs.letterhead;
    let agency = match lang {
        DocLang::En if !lh.agency_name_en.trim().is_empty() => lh.agency_name_en.trim(),
        _ => lh.agency_name.trim(),
    };
    [
        (
            Side::Client,
            Label::new("客户方", "Client"),
            inputs.client.name.trim(),
        ),
        (Side::Agency, super::brief::AGENCY, agency),
        (Side::Other, Label::new("其他", "Others"), ""),
    ]
    .into_iter()
    .filter_map(|(side, label, company)| {
        let people: Vec<Person> = inputs
            .meeting
            .attendees
            .iter()
            .filter(|a: &&Attendee| a.side == side && !a.name.trim().is_empty())
            .map(|a| Person {
                name: a.name.trim().to_string(),
                title: a.title.trim().to_string(),
            })
            .collect();
        (!people.is_empty()).then(|| AttendeeGroup {
            side,
            caption: lang.caption(label),
            company: company.to_string(),
            people,
        })
    })
    .collect()
}

fn kind(k: MeetingKind, lang: DocLang) -> String {
    let (zh, en) = match k {
        MeetingKind::Meeting => ("会议", "Meeting"),
        MeetingKind::PhoneCall => ("电话会议", "Phone call"),
        MeetingKind::VideoCall => ("视频会议", "Video call"),
        MeetingKind::SiteVisit => ("现场考察", "Site visit"),
    };
    lang.line(Label::new(zh, en))
}

fn party(p: Party, lang: DocLang) -> String {
    let label = match p {
        Party::Agency => super::brief::AGENCY,
        Party::Client => Label::new("客户方", "Client"),
        Party::Vendor => Label::new("制作方", "Vendor"),
        Party::Media => Label::new("媒体", "Media"),
    };
    lang.line(label)
}

/// `2026年11月26日 周四`, `Thu 2026-11-26`, `2026-11-26 周四 Thu`.
pub fn day(d: NaiveDate, lang: DocLang) -> String {
    const ZH: [&str; 7] = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"];
    let zh = ZH[d.weekday().num_days_from_monday() as usize];
    let en = d.format("%a");
    match lang {
        DocLang::Zh => format!("{}年{}月{}日 {zh}", d.year(), d.month(), d.day()),
        DocLang::En => format!("{en} {}", d.format("%Y-%m-%d")),
        DocLang::Both => format!("{} {zh} {en}", d.format("%Y-%m-%d")),
    }
}

/// The meeting's date and local time range with the zone, e.g.
/// `2026年11月26日 周四 14:00–16:00（UTC+8）`; a meeting past midnight names both days.
fn span(start: DateTime<Utc>, end: DateTime<Utc>, tz: FixedOffset, lang: DocLang) -> String {
    let (s, e) = (start.with_timezone(&tz), end.with_timezone(&tz));
    let zone = zone(tz);
    let zone = lang
        .pick(
            &format!("（{zone}）"),
            &format!(" ({zone})"),
            &format!("（{zone}）"),
        )
        .to_string();
    if s.date_naive() == e.date_naive() {
        format!(
            "{} {}–{}{zone}",
            day(s.date_naive(), lang),
            s.format("%H:%M"),
            e.format("%H:%M")
        )
    } else {
        format!(
            "{} {} – {} {}{zone}",
            day(s.date_naive(), lang),
            s.format("%H:%M"),
            day(e.date_naive(), lang),
            e.format("%H:%M")
        )
    }
}

/// `UTC+8`, `UTC-4:30`, `UTC`.
fn zone(tz: FixedOffset) -> String {
    let secs = tz.local_minus_utc();
    if secs == 0 {
        return "UTC".to_string();
    }
    let sign = if secs < 0 { '-' } else { '+' };
    let (h, m) = (secs.abs() / 3600, secs.abs() % 3600 / 60);
    match m {
        0 => format!("UTC{sign}{h}"),
        m => format!("UTC{sign}{h}:{m:02}"),
    }
}
