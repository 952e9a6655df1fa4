//! The preparation checklist of a meeting (会前准备): the handbook's items that the kind of
//! meeting needs, and the team's own. A phone call needs no room, projector or car; a
//! meeting in a room needs all four.

use super::MeetingKind;
use serde::{Deserialize, Serialize};

/// A preparation item: one of the handbook's, or one the team adds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PrepKind {
    /// The room: tidy, seating, order (会场整洁、座位安排).
    Room,
    /// The agenda sent to everyone taking part (议程已发给与会各方).
    AgendaSent,
    /// Projector, screen, sound, the presentation on a laptop (视听设备).
    AudioVisual,
    /// Transport and reception of the client (交通与接待).
    TransportReception,
    /// One of the team's own items; its text is the label.
    Custom,
}

impl PrepKind {
    /// The handbook's items, in the order they are listed: all of them for a meeting in a
    /// room.
    pub const STANDARD: [PrepKind; 4] = [
        PrepKind::Room,
        PrepKind::AgendaSent,
        PrepKind::AudioVisual,
        PrepKind::TransportReception,
    ];

    /// The handbook's items a meeting of `kind` needs, in [`PrepKind::STANDARD`] order. A
    /// phone call needs only the agenda sent; a video call also its sound, screen and the
    /// presentation it shares; a site visit the agenda and the client's transport and
    /// reception, but no room or projector.
    pub fn standard_for(kind: MeetingKind) -> &'static [PrepKind] {
        match kind {
            MeetingKind::Meeting => &PrepKind::STANDARD,
            MeetingKind::PhoneCall => &[PrepKind::AgendaSent],
            MeetingKind::VideoCall => &[PrepKind::AgendaSent, PrepKind::AudioVisual],
            MeetingKind::SiteVisit => &[PrepKind::AgendaSent, PrepKind::TransportReception],
        }
    }

    /// Whether a meeting of `kind` needs this item; the team's own items always count.
    pub fn applies_to(self, kind: MeetingKind) -> bool {
        self == PrepKind::Custom || PrepKind::standard_for(kind).contains(&self)
    }
}

/// A preparation item with who sees to it and whether it is done.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrepItem {
    /// Which item.
    pub kind: PrepKind,
    /// The text of a custom item (empty for the standard ones, which are named by kind).
    pub label: String,
    /// Who sees to it.
    pub owner: String,
    /// Done.
    pub done: bool,
}

impl PrepItem {
    /// An open standard item without an owner.
    fn open(kind: PrepKind) -> PrepItem {
        PrepItem {
            kind,
            label: String::new(),
            owner: String::new(),
            done: false,
        }
    }

    /// The handbook's items a meeting of `kind` needs, open and without an owner.
    pub fn standard_for(kind: MeetingKind) -> Vec<PrepItem> {
        PrepKind::standard_for(kind)
            .iter()
            .map(|&k| PrepItem::open(k))
            .collect()
    }

    /// Whether the item still asks for something before a meeting of `kind`: not done,
    /// and needed by that kind of meeting.
    pub fn is_open_for(&self, kind: MeetingKind) -> bool {
        !self.done && self.kind.applies_to(kind)
    }
}

/// The checklist `items` fitted to a meeting of `kind`: the handbook's items it needs
/// (put back if missing), then the team's own in their order. A handbook item the kind
/// does not need is dropped unless it was done (what was done stays on record), so
/// turning a meeting into a phone call drops the open room, projector and transport
/// items, and turning it back brings them back open. A handbook item listed twice is kept
/// once (the first).
pub fn fit(kind: MeetingKind, items: Vec<PrepItem>) -> Vec<PrepItem> {
    let (mut standard, custom): (Vec<PrepItem>, Vec<PrepItem>) =
        items.into_iter().partition(|p| p.kind != PrepKind::Custom);
    let mut fitted = Vec::with_capacity(PrepKind::STANDARD.len() + custom.len());
    for k in PrepKind::STANDARD {
        let existing = standard
            .iter()
            .position(|p| p.kind == k)
            .map(|at| standard.swap_remove(at));
        match existing {
            Some(p) if p.done || k.applies_to(kind) => fitted.push(p),
            None if k.applies_to(kind) => fitted.push(PrepItem::open(k)),
            _ => {}
        }
    }
    fitted.extend(custom);
    fitted
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(items: &[PrepItem]) -> Vec<PrepKind> {
        items.iter().map(|p| p.kind).collect()
    }

    fn custom(label: &str) -> PrepItem {
        PrepItem {
            label: label.into(),
            ..PrepItem::open(PrepKind::Custom)
        }
    }

    #[test]
    fn each_kind_of_meeting_gets_only_the_items_it_needs() {
        use PrepKind::*;
        assert_eq!(
            kinds(&PrepItem::standard_for(MeetingKind::Meeting)),
            [Room, AgendaSent, AudioVisual, TransportReception]
        );
        assert_eq!(
            kinds(&PrepItem::standard_for(MeetingKind::PhoneCall)),
            [AgendaSent]
        );
        assert_eq!(
            kinds(&PrepItem::standard_for(MeetingKind::VideoCall)),
            [AgendaSent, AudioVisual]
        );
        assert_eq!(
            kinds(&PrepItem::standard_for(MeetingKind::SiteVisit)),
            [AgendaSent, TransportReception]
        );
        for kind in MeetingKind::ALL {
            assert!(AgendaSent.applies_to(kind), "{kind:?}");
            assert!(Custom.applies_to(kind), "{kind:?}");
        }
        for kind in [MeetingKind::PhoneCall, MeetingKind::VideoCall] {
            assert!(!Room.applies_to(kind), "{kind:?}");
            assert!(!TransportReception.applies_to(kind), "{kind:?}");
        }
        assert!(!AudioVisual.applies_to(MeetingKind::PhoneCall));
    }

    #[test]
    fn changing_the_kind_fits_the_checklist_and_keeps_what_was_done() {
        use PrepKind::*;
        let mut items = PrepItem::standard_for(MeetingKind::Meeting);
        items[0].owner = "王小明".into();
        items[3].done = true;
        items.push(custom("样品装箱"));
        // A meeting becomes a phone call: the open room and projector go, the transport
        // already arranged stays on record, the team's own item stays.
        let call = fit(MeetingKind::PhoneCall, items);
        assert_eq!(kinds(&call), [AgendaSent, TransportReception, Custom]);
        assert!(call[1].done);
        assert!(!call[1].is_open_for(MeetingKind::PhoneCall));
        assert_eq!(call[2].label, "样品装箱");
        // And back: the room and projector return, open.
        let meeting = fit(MeetingKind::Meeting, call);
        assert_eq!(
            kinds(&meeting),
            [Room, AgendaSent, AudioVisual, TransportReception, Custom]
        );
        assert!(meeting[0].owner.is_empty() && !meeting[0].done);
        assert!(meeting[3].done);
    }

    #[test]
    fn a_missing_item_is_put_back_and_a_repeated_one_kept_once() {
        use PrepKind::*;
        let mut items = vec![custom("a"), PrepItem::open(AudioVisual)];
        items.push(PrepItem {
            done: true,
            ..PrepItem::open(AudioVisual)
        });
        let fitted = fit(MeetingKind::VideoCall, items);
        assert_eq!(kinds(&fitted), [AgendaSent, AudioVisual, Custom]);
        assert!(!fitted[1].done, "the first of the two is kept");
        assert_eq!(fit(MeetingKind::PhoneCall, Vec::new()).len(), 1);
    }

    #[test]
    fn an_old_phone_call_with_all_four_items_counts_only_what_it_needs() {
        let items = PrepItem::standard_for(MeetingKind::Meeting);
        let open = items
            .iter()
            .filter(|p| p.is_open_for(MeetingKind::PhoneCall))
            .count();
        assert_eq!(open, 1, "only the agenda");
    }
}
