//! The job completion form (工作完成表): what was delivered, the final cost against what the
//! client signed, and the lessons, filled in when a job is completed and filed in its job
//! file; archiving a completed job asks for it.

use super::brief::{BriefFact, Label, Letterhead};
use crate::domain::Fen;

/// The document title.
pub const TITLE: Label = Label::new("工作完成表", "Job Completion Form");
/// What was delivered.
pub const DELIVERED: Label = Label::new("交付内容", "Delivered");
/// The lessons.
pub const LESSONS: Label = Label::new("经验与教训", "Lessons");

/// What a person fills in when completing a job.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CompletionForm {
    /// What was delivered.
    pub delivered: String,
    /// The final cost, with tax, where known.
    pub final_cost: Option<Fen>,
    /// What to keep and what to do differently.
    pub lessons: String,
}

/// The form as printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompletionReport {
    /// The agency at the top.
    pub letterhead: Letterhead,
    /// 工作号.
    pub job_number: String,
    /// The job's title.
    pub job_title: String,
    /// Client, completed on, signed estimates, final cost, the difference.
    pub facts: Vec<BriefFact>,
    /// What was delivered and the lessons.
    pub sections: Vec<(Label, String)>,
}

/// The job as the form needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompletionInputs<'a> {
    /// The agency.
    pub letterhead: Letterhead,
    /// 工作号.
    pub job_number: &'a str,
    /// The job's title.
    pub job_title: &'a str,
    /// The client's name.
    pub client: &'a str,
    /// The day it was completed.
    pub completed_on: chrono::NaiveDate,
    /// The totals with tax of the estimates the client signed.
    pub signed: Vec<Fen>,
}

impl CompletionReport {
    /// The form of `job` as filled in.
    pub fn new(job: CompletionInputs<'_>, form: &CompletionForm) -> CompletionReport {
        let fact = |label: Label, value: String, known: bool| BriefFact {
            label,
            value,
            known,
        };
        let signed = (!job.signed.is_empty()).then(|| Fen(job.signed.iter().map(|f| f.0).sum()));
        let money = |f: Option<Fen>| f.map_or_else(|| "—".to_string(), |f| f.to_string());
        let difference = match (signed, form.final_cost) {
            (Some(s), Some(c)) => {
                let d = c.0 - s.0;
                let sign = if d > 0 { "+" } else { "" };
                let pct = match s.0 {
                    0 => String::new(),
                    s => format!("（{sign}{:.1}%）", d as f64 * 100.0 / s as f64),
                };
                Some(format!("{sign}{}{pct}", Fen(d)))
            }
            _ => None,
        };
        let facts = vec![
            fact(Label::new("客户", "Client"), job.client.to_string(), true),
            fact(
                Label::new("完成日期", "Completed on"),
                job.completed_on.to_string(),
                true,
            ),
            fact(
                Label::new("客户签署预估（含税）", "Signed estimates (with tax)"),
                money(signed),
                signed.is_some(),
            ),
            fact(
                Label::new("最终成本（含税）", "Final cost (with tax)"),
                money(form.final_cost),
                form.final_cost.is_some(),
            ),
            fact(
                Label::new("差额", "Difference"),
                difference.clone().unwrap_or_else(|| "—".into()),
                difference.is_some(),
            ),
        ];
        let text = |t: &str| match t.trim() {
            "" => "—".to_string(),
            t => t.to_string(),
        };
        CompletionReport {
            letterhead: job.letterhead,
            job_number: job.job_number.to_string(),
            job_title: job.job_title.to_string(),
            facts,
            sections: vec![
                (DELIVERED, text(&form.delivered)),
                (LESSONS, text(&form.lessons)),
            ],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_final_cost_is_set_against_the_signed_estimates() {
        let job = CompletionInputs {
            letterhead: Letterhead::default(),
            job_number: "2026-0003",
            job_title: "春节 TVC",
            client: "可口可乐",
            completed_on: chrono::NaiveDate::from_ymd_opt(2026, 12, 6).unwrap_or_default(),
            signed: vec![Fen(10_000_000), Fen(2_000_000)],
        };
        let form = CompletionForm {
            delivered: "60 秒 TVC 1 支".into(),
            final_cost: Some(Fen(12_600_000)),
            lessons: String::new(),
        };
        let r = CompletionReport::new(job.clone(), &form);
        let value = |zh: &str| {
            r.facts
                .iter()
                .find(|f| f.label.zh == zh)
                .map(|f| f.value.clone())
                .unwrap_or_default()
        };
        assert_eq!(value("客户签署预估（含税）"), Fen(12_000_000).to_string());
        assert_eq!(value("差额"), format!("+{}（+5.0%）", Fen(600_000)));
        assert_eq!(r.sections[1].1, "—", "no lessons typed");
        let r = CompletionReport::new(
            CompletionInputs {
                signed: vec![],
                ..job
            },
            &CompletionForm::default(),
        );
        assert_eq!(value_of(&r, "差额"), "—");
    }

    fn value_of(r: &CompletionReport, zh: &str) -> String {
        r.facts
            .iter()
            .find(|f| f.label.zh == zh)
            .map(|f| f.value.clone())
            .unwrap_or_default()
    }
}
