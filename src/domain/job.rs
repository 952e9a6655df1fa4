//! Jobs (工作): the job number (工作号), the account team and the status lifecycle.

use super::ids::{BrandId, ClientId, JobId, UserId};
use super::stamp::Audit;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use thiserror::Error;

/// Where a job stands. Only the transitions in [`JobStatus::can_move_to`] are allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum JobStatus {
    /// The client asked for it (已申请).
    Requested,
    /// A brief exists and was agreed (已简报).
    Briefed,
    /// Production estimate being prepared and approved (预估中).
    Estimating,
    /// Client signed; production running (制作中).
    InProduction,
    /// Delivered (已完成).
    Completed,
    /// Filed in the history archive (已归档).
    Archived,
}

impl JobStatus {
    /// The lifecycle in order.
    pub const ALL: [JobStatus; 6] = [
        JobStatus::Requested,
        JobStatus::Briefed,
        JobStatus::Estimating,
        JobStatus::InProduction,
        JobStatus::Completed,
        JobStatus::Archived,
    ];

    /// Whether a job may move from `self` to `to`. Forward one step at a time; a step back
    /// where agencies really go back (re-brief during estimating, reopen a completed job,
    /// take a job out of the archive); a job that never reached production may be archived
    /// (cancelled) directly.
    pub fn can_move_to(self, to: JobStatus) -> bool {
        use JobStatus::*;
        matches!(
            (self, to),
            (Requested, Briefed)
                | (Briefed, Estimating)
                | (Estimating, InProduction)
                | (InProduction, Completed)
                | (Completed, Archived)
                | (Estimating, Briefed)
                | (Completed, InProduction)
                | (Archived, Completed)
                | (Requested | Briefed | Estimating, Archived)
        )
    }

    /// Why a move from `self` to `to` needs a reason, if it does: a job archived before it
    /// was produced is cancelled, and an archived job taken out again is reopened; both are
    /// said and logged.
    pub fn reason_needed(self, to: JobStatus) -> Option<StatusReason> {
        use JobStatus::*;
        match (self, to) {
            (Requested | Briefed | Estimating, Archived) => Some(StatusReason::Cancel),
            (Archived, Completed) => Some(StatusReason::Reopen),
            _ => None,
        }
    }

    /// The statuses reachable from here, in lifecycle order.
    pub fn next_options(self) -> Vec<JobStatus> {
        JobStatus::ALL
            .into_iter()
            .filter(|to| self.can_move_to(*to))
            .collect()
    }
}

/// A status change that is said with a reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusReason {
    /// Archiving a job that never went into production: it is cancelled (取消).
    Cancel,
    /// Taking a job out of the history archive (重新打开).
    Reopen,
}

impl StatusReason {
    /// What the step is called, in Chinese and English.
    pub fn names(self) -> (&'static str, &'static str) {
        match self {
            StatusReason::Cancel => ("取消工作", "Cancel the job"),
            StatusReason::Reopen => ("重新打开", "Reopen"),
        }
    }
}

/// A refused status change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
#[error("a job cannot move from {from:?} to {to:?}")]
pub struct IllegalTransition {
    /// Status before.
    pub from: JobStatus,
    /// Status asked for.
    pub to: JobStatus,
}

/// Checks a status change.
pub fn transition(from: JobStatus, to: JobStatus) -> Result<JobStatus, IllegalTransition> {
    if from.can_move_to(to) {
        Ok(to)
    } else {
        Err(IllegalTransition { from, to })
    }
}

/// The account team on a job; each role may be unassigned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Team {
    /// Account Executive.
    pub ae: Option<UserId>,
    /// Account Manager.
    pub am: Option<UserId>,
    /// Account Director.
    pub ad: Option<UserId>,
}

/// A job number: the year it was issued and its sequence within that year, plus the text as
/// rendered by the agency's format at the time (kept so a later format change never renames
/// an old job).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct JobNumber {
    /// Year of issue.
    pub year: i32,
    /// 1-based sequence within the year.
    pub seq: u32,
    /// As printed, e.g. `2026-0042`.
    pub text: String,
}

/// The agency's job-number format, e.g. `{YYYY}-{NNNN}` → `2026-0042`, `J{YY}{NNN}` → `J26042`.
/// `{YYYY}` / `{YY}` is the year, a run of N in braces the zero-padded sequence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JobNumberFormat(pub String);

impl Default for JobNumberFormat {
    fn default() -> Self {
        JobNumberFormat("{YYYY}-{NNNN}".to_string())
    }
}

/// Why a job-number format was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum FormatError {
    /// Without a sequence numbers would repeat.
    #[error("the format needs a sequence such as {{NNNN}}")]
    NoSequence,
    /// Without a year numbers would repeat every January.
    #[error("the format needs the year, {{YYYY}} or {{YY}}")]
    NoYear,
    /// Something in braces that is not a known token.
    #[error("unknown part {0} in the format")]
    UnknownToken(String),
    /// Only letters, digits and - _ / . may appear outside the tokens.
    #[error("the format may only use letters, digits and - _ / . outside the braces")]
    BadCharacter,
}

enum Part {
    Lit(String),
    Year4,
    Year2,
    Seq(usize),
}

impl JobNumberFormat {
    fn parts(&self) -> Result<Vec<Part>, FormatError> {
        let mut parts = Vec::new();
        let mut rest = self.0.as_str();
        while !rest.is_empty() {
            if let Some(after) = rest.strip_prefix('{') {
                let end = after
                    .find('}')
                    .ok_or_else(|| FormatError::UnknownToken(rest.to_string()))?;
                let token = &after[..end];
                parts.push(match token {
                    "YYYY" => Part::Year4,
                    "YY" => Part::Year2,
                    t if !t.is_empty() && t.len() <= 8 && t.chars().all(|c| c == 'N') => {
                        Part::Seq(t.len())
                    }
                    t => return Err(FormatError::UnknownToken(format!("{{{t}}}"))),
                });
                rest = &after[end + 1..];
            } else {
                let end = rest.find('{').unwrap_or(rest.len());
                let lit = &rest[..end];
                if !lit
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '/' | '.'))
                {
                    return Err(FormatError::BadCharacter);
                }
                parts.push(Part::Lit(lit.to_string()));
                rest = &rest[end..];
            }
        }
        if !parts.iter().any(|p| matches!(p, Part::Seq(_))) {
            return Err(FormatError::NoSequence);
        }
        if !parts.iter().any(|p| matches!(p, Part::Year4 | Part::Year2)) {
            return Err(FormatError::NoYear);
        }
        Ok(parts)
    }

    /// Checks the format without issuing a number.
    pub fn validate(&self) -> Result<(), FormatError> {
        self.parts().map(|_| ())
    }

    /// Renders the number for `year` and `seq`.
    pub fn render(&self, year: i32, seq: u32) -> Result<String, FormatError> {
        let mut out = String::new();
        for part in self.parts()? {
            match part {
                Part::Lit(s) => out.push_str(&s),
                Part::Year4 => out.push_str(&format!("{year:04}")),
                Part::Year2 => out.push_str(&format!("{:02}", year.rem_euclid(100))),
                Part::Seq(w) => out.push_str(&format!("{seq:0w$}")),
            }
        }
        Ok(out)
    }

    /// Issues the next number of `year`, given the last sequence already issued that year
    /// (`None` for the first job of the year).
    pub fn issue(&self, year: i32, last_seq: Option<u32>) -> Result<JobNumber, FormatError> {
        let seq = last_seq.map_or(1, |s| s.saturating_add(1));
        Ok(JobNumber {
            year,
            seq,
            text: self.render(year, seq)?,
        })
    }
}

/// A job the agency does for a client.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Job {
    /// Stable identity.
    pub id: JobId,
    /// The job number people use (工作号).
    pub number: JobNumber,
    /// Short title, e.g. 2027 春节 TVC.
    pub title: String,
    /// The client the job is for.
    pub client_id: ClientId,
    /// The brand, when the job is for one brand.
    pub brand_id: Option<BrandId>,
    /// AE, AM, AD.
    pub team: Team,
    /// Lifecycle status.
    pub status: JobStatus,
    /// Day the client asked for the job.
    pub requested_on: NaiveDate,
    /// Deadline, if agreed.
    pub due_on: Option<NaiveDate>,
    /// Who created and last changed the record.
    pub audit: Audit,
}

/// Why job dates were refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
#[error("the due date is before the request date")]
pub struct DueBeforeRequest;

/// A due date may not precede the request.
pub fn check_dates(
    requested_on: NaiveDate,
    due_on: Option<NaiveDate>,
) -> Result<(), DueBeforeRequest> {
    match due_on {
        Some(due) if due < requested_on => Err(DueBeforeRequest),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cancelling_and_reopening_are_said_with_a_reason_and_other_moves_are_not() {
        use JobStatus::*;
        for from in [Requested, Briefed, Estimating] {
            assert_eq!(from.reason_needed(Archived), Some(StatusReason::Cancel));
        }
        assert_eq!(
            Archived.reason_needed(Completed),
            Some(StatusReason::Reopen)
        );
        for (from, to) in [
            (Completed, Archived),
            (Requested, Briefed),
            (InProduction, Completed),
            (Completed, InProduction),
        ] {
            assert_eq!(from.reason_needed(to), None, "{from:?} → {to:?}");
        }
    }

    #[test]
    fn default_format_issues_per_year_sequence() {
        let f = JobNumberFormat::default();
        assert_eq!(f.issue(2026, None).map(|n| n.text), Ok("2026-0001".into()));
        assert_eq!(
            f.issue(2026, Some(41)).map(|n| n.text),
            Ok("2026-0042".into())
        );
        let n = f.issue(2027, None);
        assert_eq!(n.as_ref().map(|n| (n.year, n.seq)), Ok((2027, 1)));
    }

    #[test]
    fn custom_formats_render_and_bad_ones_are_refused() {
        let f = JobNumberFormat("J{YY}{NNN}".into());
        assert_eq!(f.render(2026, 42), Ok("J26042".into()));
        // A sequence longer than its width is never truncated.
        assert_eq!(f.render(2026, 12345), Ok("J2612345".into()));
        assert_eq!(
            JobNumberFormat("{YYYY}".into()).validate(),
            Err(FormatError::NoSequence)
        );
        assert_eq!(
            JobNumberFormat("{NNNN}".into()).validate(),
            Err(FormatError::NoYear)
        );
        assert_eq!(
            JobNumberFormat("{YYYY}-{X}-{NN}".into()).validate(),
            Err(FormatError::UnknownToken("{X}".into()))
        );
        assert_eq!(
            JobNumberFormat("{YYYY} {NN}".into()).validate(),
            Err(FormatError::BadCharacter)
        );
        assert!(JobNumberFormat("{YYYY-{NN}".into()).validate().is_err());
    }

    #[test]
    fn lifecycle_allows_only_legal_moves() {
        use JobStatus::*;
        assert!(Requested.can_move_to(Briefed));
        assert!(Estimating.can_move_to(Briefed));
        assert!(!Requested.can_move_to(InProduction));
        assert!(!InProduction.can_move_to(Archived));
        assert!(!Archived.can_move_to(Requested));
        assert!(!Completed.can_move_to(Completed));
        assert_eq!(
            transition(Requested, Completed),
            Err(IllegalTransition {
                from: Requested,
                to: Completed
            })
        );
        assert_eq!(InProduction.next_options(), vec![Completed]);
        // Every status can reach Archived eventually by legal steps.
        for s in JobStatus::ALL {
            let mut cur = s;
            for _ in 0..6 {
                if cur == Archived {
                    break;
                }
                cur = cur
                    .next_options()
                    .into_iter()
                    .max_by_key(|x| *x as u8)
                    .unwrap_or(cur);
            }
            assert_eq!(cur, Archived, "from {s:?}");
        }
    }

    #[test]
    fn due_date_not_before_request() {
        let d = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap_or_default();
        assert_eq!(check_dates(d(5, 1), Some(d(4, 30))), Err(DueBeforeRequest));
        assert_eq!(check_dates(d(5, 1), Some(d(5, 1))), Ok(()));
        assert_eq!(check_dates(d(5, 1), None), Ok(()));
    }
}
