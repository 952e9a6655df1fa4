//! The client's ad archive (客户广告档案): every creative work (广告作品) made for the client —
//! its medium, format and length, where and when it ran, its ad-review approval number
//! (广告审查批准文号), credits and awards — and the rights it was made with (talent, music,
//! images, fonts), which lapse: an ad must not run past them, so the archive warns before a
//! right lapses and says so once it has.

use super::ids::{BrandId, ClientId, CreativeWorkId, DocumentId, JobId};
use super::stamp::Audit;
use chrono::NaiveDate;

/// How many days before a right lapses the archive starts to warn.
pub const WARN_DAYS: i64 = 60;

/// Where an ad runs.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum Medium {
    /// 电视: television.
    Tv,
    /// 电台: radio.
    Radio,
    /// 报纸: newspapers.
    Newspaper,
    /// 杂志: magazines.
    Magazine,
    /// 户外: outdoor.
    Outdoor,
    /// 印刷品: print (leaflets, catalogues).
    Print,
    /// POP: point of sale.
    Pop,
    /// 数字: digital.
    Digital,
    /// 活动: events.
    Event,
}

impl Medium {
    /// Every medium, in the order the archive lists them.
    pub const ALL: [Medium; 9] = [
        Medium::Tv,
        Medium::Radio,
        Medium::Newspaper,
        Medium::Magazine,
        Medium::Outdoor,
        Medium::Print,
        Medium::Pop,
        Medium::Digital,
        Medium::Event,
    ];

    /// Its Chinese and English names.
    pub fn names(self) -> (&'static str, &'static str) {
        match self {
            Medium::Tv => ("电视", "TV"),
            Medium::Radio => ("电台", "Radio"),
            Medium::Newspaper => ("报纸", "Newspaper"),
            Medium::Magazine => ("杂志", "Magazine"),
            Medium::Outdoor => ("户外", "Outdoor"),
            Medium::Print => ("印刷品", "Print"),
            Medium::Pop => ("POP", "POP"),
            Medium::Digital => ("数字", "Digital"),
            Medium::Event => ("活动", "Event"),
        }
    }

    /// Whether its works have a running time (`15"`, `30"`).
    pub fn is_timed(self) -> bool {
        matches!(self, Medium::Tv | Medium::Radio | Medium::Digital)
    }
}

/// What a right covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum RightKind {
    /// 肖像权: a performer's likeness and voice.
    Talent,
    /// 音乐版权: music.
    Music,
    /// 图片版权: stock or commissioned images.
    Image,
    /// 字体授权: a font's licence.
    Font,
    /// Anything else.
    Other,
}

impl RightKind {
    /// Its Chinese and English names.
    pub fn names(self) -> (&'static str, &'static str) {
        match self {
            RightKind::Talent => ("肖像权", "Talent"),
            RightKind::Music => ("音乐版权", "Music"),
            RightKind::Image => ("图片版权", "Image"),
            RightKind::Font => ("字体授权", "Font"),
            RightKind::Other => ("其他授权", "Other rights"),
        }
    }
}

/// A right a work was made with, and the day it lapses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UsageRight {
    /// What it covers.
    pub kind: RightKind,
    /// Who holds it (the performer, the music library).
    pub holder: String,
    /// The last day the work may use it; `None`: without end (a buy-out).
    pub until: Option<NaiveDate>,
}

/// A creative work of the client's archive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreativeWork {
    /// Its id.
    pub id: CreativeWorkId,
    /// The client.
    pub client_id: ClientId,
    /// The brand.
    pub brand_id: Option<BrandId>,
    /// The job it was made in.
    pub job_id: Option<JobId>,
    /// Its title (`2019 春节 TVC《团圆》`).
    pub title: String,
    /// The campaign.
    pub campaign: String,
    /// Where it runs.
    pub medium: Medium,
    /// Format and length as the trade writes them (`30"`, `A4 对开`, `6m×3m`).
    pub format: String,
    /// The first and last day it ran.
    pub ran: Option<(NaiveDate, Option<NaiveDate>)>,
    /// The outlets it ran in (channels, titles, sites).
    pub outlets: String,
    /// The regions it ran in.
    pub regions: String,
    /// 广告审查批准文号, where the ad needed one.
    pub approval_number: String,
    /// Who made it (director, production house, agency team).
    pub credits: String,
    /// What it won.
    pub awards: String,
    /// The rights it was made with.
    pub rights: Vec<UsageRight>,
    /// The documents holding its files (master, cuts, key visual, script).
    pub documents: Vec<DocumentId>,
    /// Creation and last change.
    pub audit: Audit,
}

/// A right that needs attention.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RightAlert {
    /// It lapses in `days` days (0: today is its last day).
    Lapsing {
        /// What it covers.
        kind: RightKind,
        /// Who holds it.
        holder: String,
        /// Days left.
        days: i64,
    },
    /// It lapsed `days` days ago.
    Lapsed {
        /// What it covered.
        kind: RightKind,
        /// Who held it.
        holder: String,
        /// Days since.
        days: i64,
    },
}

impl RightAlert {
    /// What to tell the person.
    pub fn describe(&self, zh: bool) -> String {
        let name = |k: RightKind| match zh {
            true => k.names().0,
            false => k.names().1,
        };
        match (self, zh) {
            (RightAlert::Lapsing { kind, holder, days }, true) => {
                format!("{}（{holder}）{days} 天后到期", name(*kind))
            }
            (RightAlert::Lapsing { kind, holder, days }, false) => {
                format!("{} ({holder}) lapses in {days} days", name(*kind))
            }
            (RightAlert::Lapsed { kind, holder, days }, true) => {
                format!("{}（{holder}）已过期 {days} 天，不得继续投放", name(*kind))
            }
            (RightAlert::Lapsed { kind, holder, days }, false) => format!(
                "{} ({holder}) lapsed {days} days ago: the work must not run",
                name(*kind)
            ),
        }
    }
}

/// Why a work cannot be kept as typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WorkProblem {
    /// No title.
    NoTitle,
    /// The last day it ran is before the first.
    RanBackwards,
}

impl CreativeWork {
    /// What a work is found by, in the archive's filter and the global search: its title,
    /// campaign, approval number, format, outlets, credits and awards.
    pub fn searched_texts(&self) -> [&str; 7] {
        [
            &self.title,
            &self.campaign,
            &self.approval_number,
            &self.format,
            &self.outlets,
            &self.credits,
            &self.awards,
        ]
    }

    /// Every problem at once.
    pub fn check(&self) -> Vec<WorkProblem> {
        let mut out = Vec::new();
        if self.title.trim().is_empty() {
            out.push(WorkProblem::NoTitle);
        }
        if let Some((first, Some(last))) = self.ran
            && last < first
        {
            out.push(WorkProblem::RanBackwards);
        }
        out
    }

    /// The rights that lapse within [`WARN_DAYS`] of `today` or have lapsed, soonest
    /// first; a lapsed right only while the work is still running or has run since (an ad
    /// retired before its rights lapsed needs no warning).
    pub fn alerts(&self, today: NaiveDate) -> Vec<RightAlert> {
        let last_ran = self.ran.and_then(|(_, last)| last);
        let mut out: Vec<(i64, RightAlert)> = Vec::new();
        for r in &self.rights {
            let Some(until) = r.until else {
                continue;
            };
            let left = (until - today).num_days();
            if left >= 0 {
                if left <= WARN_DAYS && last_ran.is_none_or(|last| last > until) {
                    out.push((
                        left,
                        RightAlert::Lapsing {
                            kind: r.kind,
                            holder: r.holder.clone(),
                            days: left,
                        },
                    ));
                }
            } else if last_ran.is_none_or(|last| last > until) {
                out.push((
                    left,
                    RightAlert::Lapsed {
                        kind: r.kind,
                        holder: r.holder.clone(),
                        days: -left,
                    },
                ));
            }
        }
        out.sort_by_key(|(left, _)| *left);
        out.into_iter().map(|(_, a)| a).collect()
    }
}

#[cfg(test)]
mod tests;
