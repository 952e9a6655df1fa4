//! What the minutes say: the key points with the way to solve them, the decisions, and the
//! actions both sides agreed.

use super::*;

/// One point of the minutes (要点). A decision is a point marked as decided.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Point {
    /// What was said or found.
    pub text: String,
    /// How it will be solved (解决方法), when there is a problem to solve.
    pub solution: String,
    /// Both sides decided it (决定).
    pub decision: bool,
    /// A remark for the agency only: never printed, never sent.
    pub internal_note: String,
}

/// Where an action item stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ActionStatus {
    /// To do.
    Open,
    /// Done.
    Done,
    /// No longer needed.
    Dropped,
}

/// An action agreed in the meeting (待办事项): what, who, by when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionItem {
    /// What is to be done.
    pub what: String,
    /// Which side does it.
    pub party: Party,
    /// Who does it, as people call them.
    pub owner: String,
    /// The agency user who does it, so it reaches their to-do list.
    pub owner_user: Option<UserId>,
    /// By when.
    pub due: Option<NaiveDate>,
    /// Where it stands.
    pub status: ActionStatus,
}

impl ActionItem {
    /// A new open action for the agency, without an owner or a date.
    pub fn new(what: impl Into<String>) -> ActionItem {
        ActionItem {
            what: what.into(),
            party: Party::Agency,
            owner: String::new(),
            owner_user: None,
            due: None,
            status: ActionStatus::Open,
        }
    }
}

/// The minutes of one meeting: points, decisions and actions.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Minutes {
    /// Key points and decisions, in the order they came up.
    pub points: Vec<Point>,
    /// Actions both sides agreed.
    pub actions: Vec<ActionItem>,
    /// A remark on the whole meeting for the agency only: never printed, never sent.
    pub internal_note: String,
}

impl Minutes {
    /// Nothing written yet (an internal remark alone is nothing to send).
    pub fn is_empty(&self) -> bool {
        self.points.iter().all(|p| p.text.trim().is_empty())
            && self.actions.iter().all(|a| a.what.trim().is_empty())
    }

    /// The decisions among the points.
    pub fn decisions(&self) -> impl Iterator<Item = &Point> {
        self.points.iter().filter(|p| p.decision)
    }

    /// The minutes as the client reads them: no internal remarks, no empty lines.
    pub fn for_client(&self) -> Minutes {
        Minutes {
            points: self
                .points
                .iter()
                .filter(|p| !p.text.trim().is_empty())
                .map(|p| Point {
                    internal_note: String::new(),
                    ..p.clone()
                })
                .collect(),
            actions: self
                .actions
                .iter()
                .filter(|a| !a.what.trim().is_empty())
                .cloned()
                .collect(),
            internal_note: String::new(),
        }
    }
}
