//! The [fallback fonts](crate::fonts::Fallback) in PDFs: parsed the first time a document has a
//! character that only they can draw, drawn under one font id per process, and added to a
//! document when it is saved only if its pages use them, so a brief without rare characters
//! neither parses nor embeds them. Like the main fonts they are embedded as subsets: a 31 MB
//! Han font adds a few kilobytes per character used.
//!
//! Unlike Noto Sans SC, which nearly every document needs and which stays parsed, a parsed
//! fallback lives only as long as the documents using it: parsing the Han font takes ≈ 75 ms
//! and holds ≈ 90 MB (printpdf keeps two copies of the font), too much to keep for the rare
//! brief that needs it.

use crate::fonts::Fallback;
use printpdf::{FontId, Op, ParsedFont, PdfDocument, PdfFont, PdfFontHandle, PdfPage};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock, PoisonError, Weak};

fn slot(kind: Fallback) -> usize {
    match kind {
        Fallback::RareHan => 0,
        Fallback::Emoji => 1,
        Fallback::OtherScripts => 2,
    }
}

/// The parsed font, shared by every document alive that uses it and parsed again once none is.
/// `None` when it cannot be parsed (said once in the log): its characters then print as the
/// placeholder box, as they did before there were fallbacks.
pub fn parsed(kind: Fallback) -> Option<Arc<ParsedFont>> {
    static ALIVE: Mutex<[Weak<ParsedFont>; 3]> = Mutex::new([const { Weak::new() }; 3]);
    static UNREADABLE: [AtomicBool; 3] = [const { AtomicBool::new(false) }; 3];
    if UNREADABLE[slot(kind)].load(Ordering::Relaxed) {
        return None;
    }
    let mut alive = ALIVE.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(font) = alive[slot(kind)].upgrade() {
        return Some(font);
    }
    let mut warnings = Vec::new();
    let Some(font) = ParsedFont::from_bytes(kind.bytes(), 0, &mut warnings) else {
        UNREADABLE[slot(kind)].store(true, Ordering::Relaxed);
        log::warn!(
            "fallback font {} is not a readable font ({} warnings): its characters print as □",
            kind.name(),
            warnings.len()
        );
        return None;
    };
    let font = Arc::new(font);
    alive[slot(kind)] = Arc::downgrade(&font);
    Some(font)
}

/// The id the pages use for `kind`. The same in every document of one process (the six
/// letters that tag a subset's name start it, as printpdf derives the tag from the id).
pub fn font_id(kind: Fallback) -> &'static FontId {
    static IDS: OnceLock<[FontId; 3]> = OnceLock::new();
    let ids = IDS.get_or_init(|| Fallback::ALL.map(|_| FontId::new()));
    &ids[slot(kind)]
}

/// Registers with `doc` the fallback fonts `pages` draw text in, and only those.
pub fn add_used(doc: &mut PdfDocument, pages: &[PdfPage]) {
    for kind in Fallback::ALL {
        let id = font_id(kind);
        if doc.resources.fonts.map.contains_key(id) || !uses(pages, id) {
            continue;
        }
        if let Some(font) = parsed(kind) {
            doc.resources
                .fonts
                .map
                .insert(id.clone(), PdfFont::new(ParsedFont::clone(&font)));
        }
    }
}

fn uses(pages: &[PdfPage], id: &FontId) -> bool {
    pages.iter().flat_map(|page| &page.ops).any(
        |op| matches!(op, Op::SetFont { font: PdfFontHandle::External(used), .. } if used == id),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_fallback_parses_and_has_its_own_id() {
        for kind in Fallback::ALL {
            let font = parsed(kind).expect("parses");
            let again = parsed(kind).expect("parses");
            assert!(
                Arc::ptr_eq(&font, &again),
                "{kind:?} is shared while in use"
            );
            for other in Fallback::ALL.into_iter().filter(|o| *o != kind) {
                assert_ne!(font_id(kind), font_id(other));
            }
            let tag = font_id(kind).0.get(..6).expect("a long id");
            assert!(tag.chars().all(|c| c.is_ascii_uppercase()), "{tag}");
        }
    }

    #[test]
    fn only_the_fallbacks_a_page_draws_with_are_added() {
        let mut doc = PdfDocument::new("test");
        let page = PdfPage::new(
            printpdf::Mm(10.0),
            printpdf::Mm(10.0),
            vec![Op::SetFont {
                font: PdfFontHandle::External(font_id(Fallback::Emoji).clone()),
                size: printpdf::Pt(10.0),
            }],
        );
        add_used(&mut doc, &[page]);
        let added: Vec<&FontId> = doc.resources.fonts.map.keys().collect();
        assert_eq!(added, vec![font_id(Fallback::Emoji)]);
    }
}
