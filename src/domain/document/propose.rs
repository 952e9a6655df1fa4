//! What the app proposes when a file arrives: its kind, title, date, number and job, read
//! from the file's name and the place it was dropped on. The person confirms or corrects;
//! nothing here is filed without them.
//!
//! Agencies name files the way they talk: `宝马2024Q3户外媒介发票 24112000000012345678.pdf`,
//! `2023-0815 制作费预估 B 签字版.pdf`, `春节TVC_终剪_20190125.mov`. The words decide the kind
//! (the more specific first: a 收入预估 is no 预估, a 媒介发票 no 制作费发票), the extension
//! a creative file, and the place a file with no telling words.

use super::super::job::JobStatus;
use super::DocumentKind;
use chrono::NaiveDate;

/// Where a file arrived: the screen that was open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DropPlace {
    /// A job's page, at its stage.
    Job(JobStatus),
    /// A client's file.
    Client,
    /// A brand's file.
    Brand,
    /// A meeting.
    Meeting,
    /// The reference files.
    Reference,
}

/// What is proposed for a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Proposal {
    /// Its kind.
    pub kind: DocumentKind,
    /// Its title: the file's name without the extension.
    pub title: String,
    /// A date found in the name.
    pub dated: Option<NaiveDate>,
    /// A fapiao number (20 digits) found in the name.
    pub number: Option<String>,
    /// A job number (`2023-0815`) found in the name.
    pub job_number: Option<String>,
    /// The name says it is the signed copy (签字版, 盖章, signed).
    pub signed: bool,
}

/// Words of each kind, most specific first; matched in the lower-cased name.
const WORDS: &[(&[&str], DocumentKind)] = &[
    (&["收入预估", "revenue"], DocumentKind::RevenueEstimate),
    (
        &["完成表", "结案", "completion"],
        DocumentKind::JobCompletion,
    ),
    (
        &[
            "媒介计划",
            "媒体计划",
            "排期",
            "media plan",
            "media_plan",
            "mediaplan",
        ],
        DocumentKind::MediaPlan,
    ),
    (
        &["应收", "对账", "receivable", "statement"],
        DocumentKind::Receivables,
    ),
    (&["预算", "budget"], DocumentKind::BudgetNote),
    (
        &["合同", "合约", "协议", "contract", "agreement"],
        DocumentKind::Contract,
    ),
    (&["申请", "request"], DocumentKind::JobRequest),
    (
        &["报价", "预估", "估价", "estimate", "quotation", "quote"],
        DocumentKind::ProductionEstimate,
    ),
    (
        &["名片", "通讯录", "联络", "contact"],
        DocumentKind::Contacts,
    ),
    (&["简报", "brief"], DocumentKind::Brief),
    (&["纪要", "会议记录", "minutes"], DocumentKind::Minutes),
    (&["进度", "schedule", "timeline"], DocumentKind::Schedule),
    (
        &["脚本", "分镜", "主视觉", "script", "storyboard", "kv"],
        DocumentKind::Creative,
    ),
    (
        &["参考", "竞品", "reference", "rate card"],
        DocumentKind::Reference,
    ),
];

/// Extensions of creative files: footage, sound, pictures and their working files.
const CREATIVE: &[&str] = &[
    "mp4", "mov", "mxf", "avi", "m4v", "wav", "mp3", "aif", "aiff", "jpg", "jpeg", "png", "tif",
    "tiff", "gif", "psd", "ai", "eps", "indd", "heic", "webp",
];

/// The proposal for a file named `file_name` that arrived at `place`.
pub fn propose(file_name: &str, place: DropPlace) -> Proposal {
    let name = file_name.trim();
    let (stem, ext) = match name.rsplit_once('.') {
        Some((s, e)) if !s.is_empty() && !e.is_empty() && e.chars().count() <= 5 => {
            (s, e.to_lowercase())
        }
        _ => (name, String::new()),
    };
    let lower = stem.to_lowercase();
    Proposal {
        kind: kind_of(&lower, &ext, place),
        // A title a form accepts: no control characters (a name may hold a line break on
        // Linux), no longer than a line may be.
        title: stem
            .chars()
            .filter(|c| !c.is_control())
            .collect::<String>()
            .trim()
            .chars()
            .take(crate::domain::text::MAX_LINE_CHARS)
            .collect(),
        dated: date_in(stem),
        number: digit_runs(stem)
            .into_iter()
            .find(|(_, run)| run.len() == 20)
            .map(|(_, run)| run),
        job_number: job_number_in(stem),
        signed: ["签字", "签章", "盖章", "已签", "signed", "countersigned"]
            .iter()
            .any(|w| lower.contains(w)),
    }
}

fn kind_of(lower: &str, ext: &str, place: DropPlace) -> DocumentKind {
    if ["发票", "invoice", "fapiao"]
        .iter()
        .any(|w| lower.contains(w))
    {
        return if ["媒介", "媒体", "media"].iter().any(|w| lower.contains(w)) {
            DocumentKind::MediaInvoice
        } else if ["佣金", "commission"].iter().any(|w| lower.contains(w)) {
            DocumentKind::CommissionInvoice
        } else {
            DocumentKind::ProductionInvoice
        };
    }
    if let Some((_, kind)) = WORDS
        .iter()
        .find(|(words, _)| words.iter().any(|w| contains_word(lower, w)))
    {
        return *kind;
    }
    if CREATIVE.contains(&ext) {
        return DocumentKind::Creative;
    }
    match place {
        DropPlace::Meeting => DocumentKind::Minutes,
        DropPlace::Reference => DocumentKind::Reference,
        DropPlace::Job(_) | DropPlace::Client | DropPlace::Brand => DocumentKind::Other,
    }
}

/// Whether `word` is in `text`: anywhere for Chinese, as a whole word for a Latin one
/// (`kv` is not in `kvm`, `brief` is in `brief_v2`).
fn contains_word(text: &str, word: &str) -> bool {
    if !word.is_ascii() {
        return text.contains(word);
    }
    let latin = |c: char| c.is_ascii_alphabetic();
    text.match_indices(word).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        !before.is_some_and(latin) && !after.is_some_and(latin)
    })
}

/// Runs of ASCII digits with their start (in bytes).
fn digit_runs(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut current: Option<(usize, String)> = None;
    for (i, c) in text.char_indices() {
        match (c.is_ascii_digit(), &mut current) {
            (true, Some((_, run))) => run.push(c),
            (true, None) => current = Some((i, c.to_string())),
            (false, _) => out.extend(current.take()),
        }
    }
    out.extend(current);
    out
}

/// A plausible date: a year from 1990 to 2100 and a real day.
fn day(y: &str, m: &str, d: &str) -> Option<NaiveDate> {
    let (y, m, d) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    if !(1990..=2100).contains(&y) {
        return None;
    }
    NaiveDate::from_ymd_opt(y, m, d)
}

/// The first date in a name: `2024年10月15日`, `2024-10-15` (or `.` `_` `/`), or
/// `20241015` standing alone.
fn date_in(text: &str) -> Option<NaiveDate> {
    let runs = digit_runs(text);
    for (k, (at, run)) in runs.iter().enumerate() {
        if run.len() == 8
            && let Some(d) = day(&run[..4], &run[4..6], &run[6..])
        {
            return Some(d);
        }
        if run.len() != 4 {
            continue;
        }
        let (Some((at_m, m)), Some((at_d, d))) = (runs.get(k + 1), runs.get(k + 2)) else {
            continue;
        };
        if m.len() > 2 || d.len() > 2 {
            continue;
        }
        let between = |from: usize, len: usize, to: usize| text.get(from + len..to);
        let first = between(*at, run.len(), *at_m);
        let second = between(*at_m, m.len(), *at_d);
        let joined = match (first, second) {
            (Some("年"), Some("月")) => true,
            (Some(a), Some(b)) => a == b && ["-", ".", "_", "/"].contains(&a),
            _ => false,
        };
        if joined && let Some(found) = day(run, m, d) {
            return Some(found);
        }
    }
    None
}

/// A job number, `2023-0815`: a year and four digits joined by a hyphen, standing alone.
fn job_number_in(text: &str) -> Option<String> {
    let runs = digit_runs(text);
    runs.windows(2).find_map(|pair| {
        let [(at, year), (at_n, n)] = pair else {
            return None;
        };
        let plausible = year.len() == 4
            && n.len() == 4
            && year
                .parse::<i32>()
                .is_ok_and(|y| (1990..=2100).contains(&y));
        let joined = text.get(at + year.len()..*at_n) == Some("-");
        (plausible && joined).then(|| format!("{year}-{n}"))
    })
}

#[cfg(test)]
mod tests;
