//! What changed between two issued versions of a schedule, for the client's "changes since"
//! list.

use super::*;

/// One difference between two issued versions, for the "changes since v2" list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScheduleChange {
    /// A task that is new.
    Added {
        /// Its name.
        name: String,
        /// Its planned days.
        start: NaiveDate,
        /// Its planned last day.
        end: NaiveDate,
    },
    /// A task that is gone.
    Removed {
        /// Its name in the earlier version.
        name: String,
    },
    /// A task whose dates changed.
    Moved {
        /// Its name now.
        name: String,
        /// Before.
        from: (NaiveDate, NaiveDate),
        /// Now.
        to: (NaiveDate, NaiveDate),
    },
    /// A task renamed (dates unchanged).
    Renamed {
        /// Before.
        from: String,
        /// Now.
        to: String,
    },
}

/// What changed from `old` to `new`, matched by task number: moved dates, added, removed
/// and renamed tasks, in the order of `new` (removed ones last).
pub fn diff(old: &Schedule, new: &Schedule) -> Vec<ScheduleChange> {
    let mut out = Vec::new();
    for t in &new.tasks {
        match old.task(t.id) {
            None => out.push(ScheduleChange::Added {
                name: t.name.clone(),
                start: t.start,
                end: t.end,
            }),
            Some(o) if (o.start, o.end) != (t.start, t.end) => out.push(ScheduleChange::Moved {
                name: t.name.clone(),
                from: (o.start, o.end),
                to: (t.start, t.end),
            }),
            Some(o) if o.name != t.name => out.push(ScheduleChange::Renamed {
                from: o.name.clone(),
                to: t.name.clone(),
            }),
            Some(_) => {}
        }
    }
    for o in &old.tasks {
        if new.task(o.id).is_none() {
            out.push(ScheduleChange::Removed {
                name: o.name.clone(),
            });
        }
    }
    out
}
