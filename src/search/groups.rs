//! What a record is of besides its client, its brand and its job, for narrowing the hits
//! to one of them.

use crate::domain::{BrandId, JobId};
use std::collections::HashMap;

/// The brand and the job a record is of: a brand is of itself, a job of its brand and
/// itself, a document, a creative work or a meeting of what it was filed or held for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub(super) struct Of {
    /// The brand.
    pub(super) brand: Option<BrandId>,
    /// The job.
    pub(super) job: Option<JobId>,
}

/// Each entry's [`Of`], at the entry's place, as an index into the table of the pairs seen:
/// four bytes a record, where the pairs themselves are a few thousand for a decade (one a
/// job, one a brand). Pairs are never taken out of the table; an unused one matches nothing.
#[derive(Debug, Default)]
pub(super) struct Groups {
    of: Vec<u32>,
    table: Vec<Of>,
    slots: HashMap<Of, u32>,
}

/// The group of an entry of no brand and no job.
const NONE: u32 = u32::MAX;

/// Which groups a narrowing lets through, by their place in the table.
pub(super) struct Letting(Vec<bool>);

impl Groups {
    /// Makes room for `additional` more entries.
    pub(super) fn reserve(&mut self, additional: usize) {
        self.of.reserve_exact(additional);
    }

    /// A new entry at the end, of no brand and no job yet.
    pub(super) fn push(&mut self) {
        self.of.push(NONE);
    }

    /// The entry at `slot` leaves; the last takes its place, as in the entries.
    pub(super) fn swap_remove(&mut self, slot: usize) {
        if slot < self.of.len() {
            self.of.swap_remove(slot);
        }
    }

    /// Says what the entry at `slot` is of.
    pub(super) fn set(&mut self, slot: usize, of: Of) {
        let group = if of == Of::default() {
            NONE
        } else if let Some(&g) = self.slots.get(&of) {
            g
        } else {
            let Ok(g) = u32::try_from(self.table.len()) else {
                return;
            };
            self.table.push(of);
            self.slots.insert(of, g);
            g
        };
        if let Some(place) = self.of.get_mut(slot) {
            *place = group;
        }
    }

    /// What narrowing to `brand` and `job` lets through; `None` when neither is chosen.
    pub(super) fn letting(&self, brand: Option<BrandId>, job: Option<JobId>) -> Option<Letting> {
        if brand.is_none() && job.is_none() {
            return None;
        }
        let ok = self
            .table
            .iter()
            .map(|o| {
                brand.is_none_or(|b| o.brand == Some(b)) && job.is_none_or(|j| o.job == Some(j))
            })
            .collect();
        Some(Letting(ok))
    }

    /// Whether the entry at `slot` is let through (every entry is, without a narrowing).
    pub(super) fn lets(&self, letting: Option<&Letting>, slot: usize) -> bool {
        let Some(Letting(ok)) = letting else {
            return true;
        };
        self.of
            .get(slot)
            .and_then(|&g| ok.get(g as usize))
            .copied()
            .unwrap_or(false)
    }
}
