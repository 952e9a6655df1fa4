//! The job brief report (工作简要): the letterhead, the job's key facts and every section of the
//! brief, ready to print. Labels are always bilingual (Chinese and English side by side, as the
//! agency's clients include both); values such as dates and statuses follow the chosen language.

use crate::domain::format;
use crate::domain::settings::AgencySettings;
use crate::domain::{Brand, BriefField, BriefVersion, Client, Job, Lang, Role};
use chrono::{FixedOffset, NaiveDate};
use std::fmt;

/// A label printed in both languages, e.g. `背景 Background`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Label {
    /// The Chinese text, printed first.
    pub zh: &'static str,
    /// The English text, printed after the Chinese.
    pub en: &'static str,
}

impl Label {
    /// A label from its two texts.
    pub const fn new(zh: &'static str, en: &'static str) -> Self {
        Label { zh, en }
    }
}

impl fmt::Display for Label {
    /// `背景 Background`: the form used wherever a renderer cannot style the halves apart.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.zh, self.en)
    }
}

/// How every document and screen names the agency as a party: the owner of a schedule's
/// task or of an action in the minutes, the agency's side among the attendees. A role, as
/// the others are (客户方, 制作方, 媒体), and not 本公司 or 我方: the client reads, signs and
/// forwards these documents inside its own company, where "our company" would mean the
/// client. The agency's own name stands on the letterhead and beside its attendees.
pub const AGENCY: Label = Label::new("代理方", "Agency");

/// What the top of the first page says about the agency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Letterhead {
    /// The agency's Chinese name, the largest text on the letterhead.
    pub agency_name: String,
    /// The agency's English name, printed under the Chinese one.
    pub agency_name_en: String,
    /// Postal address.
    pub address: String,
    /// Main phone number.
    pub phone: String,
}

impl Default for Letterhead {
    /// A fictional agency (星河广告, Shanghai), used until the agency enters its own details.
    fn default() -> Self {
        Letterhead::from(&AgencySettings::default())
    }
}

impl From<&AgencySettings> for Letterhead {
    fn from(s: &AgencySettings) -> Self {
        Letterhead {
            agency_name: s.agency_name.clone(),
            agency_name_en: s.agency_name_en.clone(),
            address: s.address.clone(),
            phone: s.phone.clone(),
        }
    }
}

/// One row of the facts table at the top of the brief.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BriefFact {
    /// What the row is, in both languages.
    pub label: Label,
    /// The value, formatted in the report's language.
    pub value: String,
    /// `false` when the value is a placeholder such as "未指派", so renderers can mute it.
    pub known: bool,
}

/// One section of the brief with its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BriefSection {
    /// Which section this is.
    pub field: BriefField,
    /// The heading, in both languages.
    pub label: Label,
    /// The text as typed (line breaks kept), the formatted budget, or a placeholder when the
    /// section is empty.
    pub body: String,
    /// `false` when `body` is the "not provided" placeholder.
    pub provided: bool,
    /// The section changed in this version (only marked from version 2 on: in version 1
    /// everything is new, and marking it all would say nothing).
    pub changed: bool,
}

/// Everything the brief report needs, gathered by the caller (a service) from the store.
#[derive(Debug, Clone, Copy)]
pub struct BriefInputs<'a> {
    /// The job the brief is for.
    pub job: &'a Job,
    /// The job's client.
    pub client: &'a Client,
    /// The job's brand, if it has one.
    pub brand: Option<&'a Brand>,
    /// The account team as (role, user name); several people may share a role.
    pub team: &'a [(Role, &'a str)],
    /// The brief version to print; `None` when no brief was saved yet.
    pub brief: Option<&'a BriefVersion>,
    /// Name of the user who saved `brief`, if known.
    pub author_name: Option<&'a str>,
    /// The agency's letterhead.
    pub letterhead: &'a Letterhead,
    /// The day of printing (a parameter: reports never read the clock).
    pub today: NaiveDate,
    /// The reader's time zone, for the moment the brief was saved (China: UTC+8).
    pub utc_offset: FixedOffset,
    /// Language of values (dates, status); labels are always bilingual.
    pub lang: Lang,
}

/// The job brief as printed: pure data, no layout.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BriefReport {
    /// The agency printed at the top of page 1.
    pub letterhead: Letterhead,
    /// The document title, 工作简要 Job Brief.
    pub title: Label,
    /// The job number (工作号), repeated in the running header of later pages.
    pub job_number: String,
    /// The job's title, repeated in the running header of later pages.
    pub job_title: String,
    /// The version of the brief printed (in every page's footer); `None` before the first
    /// brief is saved.
    pub version: Option<u32>,
    /// The facts table, in print order.
    pub facts: Vec<BriefFact>,
    /// The brief's sections, in the order of the brief form.
    pub sections: Vec<BriefSection>,
    /// The printing date, formatted in `lang`.
    pub printed_on: String,
    /// The short content hash of the brief version printed (in every page's footer), so a
    /// paper can be matched to the version it claims to be; set by the caller that read it.
    pub content_hash: Option<String>,
    /// Language the values were formatted in.
    pub lang: Lang,
}

/// The document title.
pub const TITLE: Label = Label::new("工作简要", "Job Brief");

const NOT_SET: (&str, &str) = ("—", "—");

impl BriefReport {
    /// Builds the report from the job, its people and the brief version to print.
    pub fn build(inputs: &BriefInputs<'_>) -> BriefReport {
        let lang = inputs.lang;
        let job = inputs.job;
        let mut facts = vec![
            fact(Label::new("工作号", "Job No."), job.number.text.clone()),
            fact(Label::new("工作名称", "Job title"), job.title.clone()),
            fact(Label::new("客户", "Client"), inputs.client.name.clone()),
        ];
        facts.push(match inputs.brand {
            Some(brand) if !brand.name.trim().is_empty() => {
                fact(Label::new("品牌", "Brand"), brand.name.clone())
            }
            _ => placeholder(Label::new("品牌", "Brand"), lang.pick(NOT_SET.0, NOT_SET.1)),
        });
        facts.extend(team_facts(inputs.team, lang));
        facts.push(fact(
            Label::new("状态", "Status"),
            format::job_status(job.status, lang).to_string(),
        ));
        facts.push(fact(
            Label::new("申请日期", "Requested"),
            format::date(job.requested_on, lang),
        ));
        facts.push(match job.due_on {
            Some(due) => fact(Label::new("截止日期", "Due"), format::date(due, lang)),
            None => placeholder(
                Label::new("截止日期", "Due"),
                lang.pick("未约定", "Not agreed"),
            ),
        });
        facts.push(version_fact(inputs));
        facts.push(fact(
            Label::new("打印日期", "Printed"),
            format::date(inputs.today, lang),
        ));

        BriefReport {
            letterhead: inputs.letterhead.clone(),
            title: TITLE,
            job_number: job.number.text.clone(),
            job_title: job.title.clone(),
            version: inputs.brief.map(|b| b.version),
            facts,
            sections: sections(inputs.brief, lang),
            printed_on: format::date(inputs.today, lang),
            lang,
            content_hash: None,
        }
    }
}

fn fact(label: Label, value: String) -> BriefFact {
    BriefFact {
        label,
        value,
        known: true,
    }
}

fn placeholder(label: Label, text: &str) -> BriefFact {
    BriefFact {
        label,
        value: text.to_string(),
        known: false,
    }
}

/// AE, AM and AD always appear (a missing one is worth seeing); the director's office only
/// when someone from it is on the team.
fn team_facts(team: &[(Role, &str)], lang: Lang) -> Vec<BriefFact> {
    Role::ALL
        .into_iter()
        .filter_map(|role| {
            let names: Vec<&str> = team
                .iter()
                .filter(|(r, name)| *r == role && !name.trim().is_empty())
                .map(|(_, name)| name.trim())
                .collect();
            let label = Label::new(format::role(role, Lang::Zh), role.code());
            match (names.is_empty(), role) {
                (true, Role::DirectorsOffice) => None,
                (true, _) => Some(placeholder(label, lang.pick("未指派", "Unassigned"))),
                (false, _) => Some(fact(label, names.join(lang.pick("、", ", ")))),
            }
        })
        .collect()
}

fn version_fact(inputs: &BriefInputs<'_>) -> BriefFact {
    let label = Label::new("简要版本", "Brief version");
    let lang = inputs.lang;
    let Some(brief) = inputs.brief else {
        return placeholder(label, lang.pick("尚无简要", "No brief saved yet"));
    };
    let mut parts = vec![match lang {
        Lang::Zh => format!("第 {} 版", brief.version),
        Lang::En => format!("Version {}", brief.version),
    }];
    if let Some(author) = inputs.author_name.filter(|a| !a.trim().is_empty()) {
        parts.push(author.trim().to_string());
    }
    parts.push(format::moment(brief.stamp.at, &inputs.utc_offset, lang));
    fact(label, parts.join(" · "))
}

fn sections(brief: Option<&BriefVersion>, lang: Lang) -> Vec<BriefSection> {
    BriefField::ALL
        .into_iter()
        .map(|field| {
            let body = brief.and_then(|b| match field {
                BriefField::Budget => b.content.budget.map(|fen| fen.to_string()),
                _ => b
                    .content
                    .text(field)
                    .filter(|t| !t.trim().is_empty())
                    .map(str::to_string),
            });
            let changed = brief.is_some_and(|b| b.version > 1 && b.changed.contains(&field));
            BriefSection {
                field,
                label: Label::new(field.label(Lang::Zh), field.label(Lang::En)),
                provided: body.is_some(),
                body: body.unwrap_or_else(|| lang.pick("（未填写）", "(not provided)").to_string()),
                changed,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{
        Audit, BrandId, BriefContent, ClientId, Fen, JobId, JobNumber, JobStatus, Stamp, Team,
        UserId,
    };
    use chrono::{TimeZone, Utc};

    fn stamp() -> Stamp {
        Stamp {
            by: UserId(1),
            at: Utc
                .with_ymd_and_hms(2026, 11, 26, 6, 5, 0)
                .single()
                .unwrap_or_default(),
        }
    }

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, d).unwrap_or_default()
    }

    fn job() -> Job {
        Job {
            id: JobId(1),
            number: JobNumber {
                year: 2026,
                seq: 42,
                text: "2026-0042".into(),
            },
            title: "2027 春节 TVC".into(),
            client_id: ClientId(1),
            brand_id: Some(BrandId(1)),
            team: Team::default(),
            status: JobStatus::Briefed,
            requested_on: day(11, 2),
            due_on: None,
            audit: Audit::new(stamp()),
        }
    }

    fn client() -> Client {
        Client {
            id: ClientId(1),
            name: "可口可乐（中国）饮料有限公司".into(),
            short_name: "可口可乐".into(),
            industry: "饮料".into(),
            address: String::new(),
            phone: String::new(),
            since: None,
            notes: String::new(),
            archived: false,
            invoicing: Default::default(),
            audit: Audit::new(stamp()),
        }
    }

    fn brief(version: u32) -> BriefVersion {
        BriefVersion {
            job_id: JobId(1),
            version,
            content: BriefContent {
                background: "春节是全年最重要的销售季。\nSecond line.".into(),
                budget: Some(Fen(123_450)),
                ..Default::default()
            },
            changed: vec![BriefField::Background],
            stamp: stamp(),
        }
    }

    fn build(lang: Lang, brief: Option<&BriefVersion>, team: &[(Role, &str)]) -> BriefReport {
        let job = job();
        let client = client();
        let letterhead = Letterhead::default();
        BriefReport::build(&BriefInputs {
            job: &job,
            client: &client,
            brand: None,
            team,
            brief,
            author_name: Some("王小明"),
            letterhead: &letterhead,
            today: day(11, 26),
            utc_offset: FixedOffset::east_opt(8 * 3600).expect("UTC+8 is a valid offset"),
            lang,
        })
    }

    fn value<'r>(r: &'r BriefReport, en: &str) -> Option<&'r str> {
        r.facts
            .iter()
            .find(|f| f.label.en == en)
            .map(|f| f.value.as_str())
    }

    #[test]
    fn facts_are_labelled_in_both_languages_and_valued_in_one() {
        let b = brief(3);
        let zh = build(Lang::Zh, Some(&b), &[(Role::AccountExecutive, "王小明")]);
        assert_eq!(zh.title.to_string(), "工作简要 Job Brief");
        assert_eq!(value(&zh, "Job No."), Some("2026-0042"));
        assert_eq!(value(&zh, "Status"), Some("已简报"));
        assert_eq!(value(&zh, "Printed"), Some("2026年11月26日"));
        assert_eq!(value(&zh, "Requested"), Some("2026年11月2日"));
        assert_eq!(
            value(&zh, "Brief version"),
            Some("第 3 版 · 王小明 · 2026年11月26日 14:05")
        );
        let en = build(Lang::En, Some(&b), &[]);
        assert_eq!(value(&en, "Status"), Some("Briefed"));
        assert_eq!(value(&en, "Printed"), Some("2026-11-26"));
        assert_eq!(
            value(&en, "Brief version"),
            Some("Version 3 · 王小明 · 2026-11-26 14:05")
        );
        assert!(
            zh.facts
                .iter()
                .all(|f| !f.label.zh.is_empty() && !f.label.en.is_empty())
        );
    }

    #[test]
    fn team_rows_show_every_account_role_and_mark_gaps() {
        let r = build(
            Lang::Zh,
            None,
            &[
                (Role::AccountManager, "李华"),
                (Role::AccountExecutive, "王小明"),
                (Role::AccountExecutive, "赵敏"),
            ],
        );
        let team: Vec<(String, &str, bool)> = r
            .facts
            .iter()
            .filter(|f| ["AE", "AM", "AD", "DO"].contains(&f.label.en))
            .map(|f| (f.label.to_string(), f.value.as_str(), f.known))
            .collect();
        assert_eq!(
            team,
            vec![
                ("客户执行 AE".to_string(), "王小明、赵敏", true),
                ("客户经理 AM".to_string(), "李华", true),
                ("客户总监 AD".to_string(), "未指派", false),
            ]
        );
    }

    #[test]
    fn sections_follow_the_form_with_budget_formatted() {
        let b = brief(2);
        let r = build(Lang::Zh, Some(&b), &[]);
        let labels: Vec<String> = r.sections.iter().map(|s| s.label.to_string()).collect();
        assert_eq!(labels.first().map(String::as_str), Some("背景 Background"));
        assert_eq!(labels.len(), BriefField::ALL.len());
        let budget = r.sections.iter().find(|s| s.field == BriefField::Budget);
        assert_eq!(budget.map(|s| s.body.as_str()), Some("¥1,234.50"));
        let background = r.sections.first();
        assert_eq!(
            background.map(|s| (s.body.as_str(), s.provided, s.changed)),
            Some(("春节是全年最重要的销售季。\nSecond line.", true, true))
        );
        let objective = r.sections.iter().find(|s| s.field == BriefField::Objective);
        assert_eq!(
            objective.map(|s| (s.body.as_str(), s.provided, s.changed)),
            Some(("（未填写）", false, false))
        );
    }

    #[test]
    fn first_version_marks_nothing_as_changed_and_no_brief_says_so() {
        let b = brief(1);
        let r = build(Lang::En, Some(&b), &[]);
        assert!(r.sections.iter().all(|s| !s.changed));
        let none = build(Lang::En, None, &[]);
        assert_eq!(value(&none, "Brief version"), Some("No brief saved yet"));
        assert!(
            none.sections
                .iter()
                .all(|s| !s.provided && s.body == "(not provided)")
        );
        assert_eq!(value(&none, "Brand"), Some("—"));
        assert_eq!(value(&none, "Due"), Some("Not agreed"));
    }

    #[test]
    fn letterhead_defaults_to_a_fictional_shanghai_agency() {
        let l = Letterhead::default();
        assert_eq!(l.agency_name, "星河广告有限公司");
        assert_eq!(l.agency_name_en, "Galaxy Advertising Co., Ltd.");
        assert!(l.address.starts_with("上海市"));
    }
}
