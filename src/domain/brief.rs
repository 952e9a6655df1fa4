//! The job brief (工作简要). Every save keeps the previous version; the history says who changed
//! which sections and when.

use super::ids::JobId;
use super::lang::Lang;
use super::money::Fen;
use super::stamp::Stamp;
use serde::{Deserialize, Serialize};

/// What a brief says. Text sections are free text, stored exactly as typed.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct BriefContent {
    /// Background (背景).
    pub background: String,
    /// Objective (目标).
    pub objective: String,
    /// Target audience (目标受众).
    pub audience: String,
    /// Key message (核心信息).
    pub key_message: String,
    /// Deliverables (交付物).
    pub deliverables: String,
    /// Mandatories (必备要素): logos, legal lines, packshots.
    pub mandatories: String,
    /// Budget in fen, if the client gave one.
    pub budget: Option<Fen>,
    /// Timing (时间安排), in words; the schedule holds the detail.
    pub timing: String,
}

/// A section of the brief, for labels, history and validation messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum BriefField {
    /// Background.
    Background,
    /// Objective.
    Objective,
    /// Target audience.
    Audience,
    /// Key message.
    KeyMessage,
    /// Deliverables.
    Deliverables,
    /// Mandatories.
    Mandatories,
    /// Budget.
    Budget,
    /// Timing.
    Timing,
}

impl BriefField {
    /// Every section in the order of the brief form.
    pub const ALL: [BriefField; 8] = [
        BriefField::Background,
        BriefField::Objective,
        BriefField::Audience,
        BriefField::KeyMessage,
        BriefField::Deliverables,
        BriefField::Mandatories,
        BriefField::Budget,
        BriefField::Timing,
    ];

    /// The text sections (all but the budget), in form order.
    pub const TEXT: [BriefField; 7] = [
        BriefField::Background,
        BriefField::Objective,
        BriefField::Audience,
        BriefField::KeyMessage,
        BriefField::Deliverables,
        BriefField::Mandatories,
        BriefField::Timing,
    ];

    /// Stable key, used in validation errors.
    pub fn key(self) -> &'static str {
        match self {
            BriefField::Background => "background",
            BriefField::Objective => "objective",
            BriefField::Audience => "audience",
            BriefField::KeyMessage => "key_message",
            BriefField::Deliverables => "deliverables",
            BriefField::Mandatories => "mandatories",
            BriefField::Budget => "budget",
            BriefField::Timing => "timing",
        }
    }

    /// The section's label in `lang`.
    pub fn label(self, lang: Lang) -> &'static str {
        let (zh, en) = match self {
            BriefField::Background => ("背景", "Background"),
            BriefField::Objective => ("目标", "Objective"),
            BriefField::Audience => ("目标受众", "Target audience"),
            BriefField::KeyMessage => ("核心信息", "Key message"),
            BriefField::Deliverables => ("交付物", "Deliverables"),
            BriefField::Mandatories => ("必备要素", "Mandatories"),
            BriefField::Budget => ("预算", "Budget"),
            BriefField::Timing => ("时间安排", "Timing"),
        };
        lang.pick(zh, en)
    }
}

impl BriefContent {
    /// The text of a text section (`None` for the budget).
    pub fn text(&self, field: BriefField) -> Option<&str> {
        Some(match field {
            BriefField::Background => &self.background,
            BriefField::Objective => &self.objective,
            BriefField::Audience => &self.audience,
            BriefField::KeyMessage => &self.key_message,
            BriefField::Deliverables => &self.deliverables,
            BriefField::Mandatories => &self.mandatories,
            BriefField::Timing => &self.timing,
            BriefField::Budget => return None,
        })
    }

    /// Mutable access to a text section (`None` for the budget).
    pub fn text_mut(&mut self, field: BriefField) -> Option<&mut String> {
        Some(match field {
            BriefField::Background => &mut self.background,
            BriefField::Objective => &mut self.objective,
            BriefField::Audience => &mut self.audience,
            BriefField::KeyMessage => &mut self.key_message,
            BriefField::Deliverables => &mut self.deliverables,
            BriefField::Mandatories => &mut self.mandatories,
            BriefField::Timing => &mut self.timing,
            BriefField::Budget => return None,
        })
    }

    /// The sections that differ between `self` (older) and `newer`, in form order.
    pub fn changed_fields(&self, newer: &BriefContent) -> Vec<BriefField> {
        BriefField::ALL
            .into_iter()
            .filter(|f| match f {
                BriefField::Budget => self.budget != newer.budget,
                f => self.text(*f) != newer.text(*f),
            })
            .collect()
    }

    /// True when nothing has been written yet.
    pub fn is_empty(&self) -> bool {
        self == &BriefContent::default()
    }
}

/// One saved version of a job's brief. Versions are numbered from 1 and never rewritten.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BriefVersion {
    /// The job the brief belongs to.
    pub job_id: JobId,
    /// 1 for the first save, then 2, 3, …
    pub version: u32,
    /// The brief as saved.
    pub content: BriefContent,
    /// Sections changed compared with the previous version (all non-empty ones for v1).
    pub changed: Vec<BriefField>,
    /// Who saved it, and when.
    pub stamp: Stamp,
}

/// What saving `content` over the `latest` version produces: `None` when nothing changed (no
/// empty versions in the history), otherwise the next version.
pub fn next_version(
    job_id: JobId,
    latest: Option<&BriefVersion>,
    content: BriefContent,
    stamp: Stamp,
) -> Option<BriefVersion> {
    let (version, changed) = match latest {
        Some(prev) => {
            let changed = prev.content.changed_fields(&content);
            if changed.is_empty() {
                return None;
            }
            (prev.version.saturating_add(1), changed)
        }
        None => {
            if content.is_empty() {
                return None;
            }
            (1, BriefContent::default().changed_fields(&content))
        }
    };
    Some(BriefVersion {
        job_id,
        version,
        content,
        changed,
        stamp,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ids::UserId;
    use chrono::{TimeZone, Utc};

    fn stamp(minute: u32) -> Stamp {
        Stamp {
            by: UserId(1),
            at: Utc
                .with_ymd_and_hms(2026, 11, 26, 9, minute, 0)
                .single()
                .unwrap_or_default(),
        }
    }

    #[test]
    fn first_save_is_version_one_listing_written_sections() {
        let c = BriefContent {
            objective: "提升春节期间销量".into(),
            budget: Some(Fen(50_000_000)),
            ..Default::default()
        };
        let v1 = next_version(JobId(7), None, c, stamp(0));
        let v1 = v1.as_ref();
        assert_eq!(v1.map(|v| v.version), Some(1));
        assert_eq!(
            v1.map(|v| v.changed.clone()),
            Some(vec![BriefField::Objective, BriefField::Budget])
        );
    }

    #[test]
    fn each_save_adds_a_version_and_records_what_changed() {
        let mut c = BriefContent {
            background: "背景".into(),
            ..Default::default()
        };
        let v1 = next_version(JobId(1), None, c.clone(), stamp(0));
        c.key_message = "畅爽开怀".into();
        c.background.push_str("（修订）");
        let v2 = next_version(JobId(1), v1.as_ref(), c.clone(), stamp(5));
        assert_eq!(v2.as_ref().map(|v| v.version), Some(2));
        assert_eq!(
            v2.as_ref().map(|v| v.changed.clone()),
            Some(vec![BriefField::Background, BriefField::KeyMessage])
        );
        // The earlier version is untouched.
        assert_eq!(v1.map(|v| v.content.background), Some("背景".to_string()));
        // Saving the same content again adds nothing.
        assert_eq!(next_version(JobId(1), v2.as_ref(), c, stamp(9)), None);
    }

    #[test]
    fn an_empty_brief_is_not_a_version() {
        assert_eq!(
            next_version(JobId(1), None, BriefContent::default(), stamp(0)),
            None
        );
    }
}
