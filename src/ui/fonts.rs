//! Fonts on screen: egui's Latin face first, then the macOS modifier-key symbols (⌘⌥⇧⌃), then
//! Noto Sans SC for every CJK character, then egui's emoji fonts, in both the proportional and
//! the monospace family; the bold face as the named family [`BOLD`]. Installed once per context.

use crate::fonts::{MODIFIER_KEYS, NOTO_SANS_SC_BOLD, NOTO_SANS_SC_REGULAR};
use egui::{FontData, FontDefinitions, FontFamily};
use std::sync::Arc;

/// The family name of the bold face, for headings: `FontFamily::Name(BOLD.into())`.
pub const BOLD: &str = "bold";

/// The app's font definitions: the default fonts plus the modifier keys and Noto Sans SC.
pub fn definitions() -> FontDefinitions {
    let mut fonts = FontDefinitions::default();
    fonts.font_data.insert(
        "modifier_keys".into(),
        Arc::new(FontData::from_static(MODIFIER_KEYS)),
    );
    fonts.font_data.insert(
        "noto_sans_sc".into(),
        Arc::new(FontData::from_static(NOTO_SANS_SC_REGULAR)),
    );
    fonts.font_data.insert(
        "noto_sans_sc_bold".into(),
        Arc::new(FontData::from_static(NOTO_SANS_SC_BOLD)),
    );
    let proportional = fonts
        .families
        .get(&FontFamily::Proportional)
        .cloned()
        .unwrap_or_default();
    for family in [FontFamily::Proportional, FontFamily::Monospace] {
        let chain = fonts.families.entry(family).or_default();
        // Right after the Latin face, before the emoji fonts: egui's emoji-icon-font has its
        // own (narrow, misplaced) full-width brackets （）, which must come from the CJK face.
        // The four key symbols come first so that ⌘K, ⌥⇧⌘S look alike (Noto has ⌘ and ⇧ but
        // not ⌥ or ⌃); the subset has no other glyph, so nothing else changes.
        let at = chain.len().min(1);
        chain.insert(at, "noto_sans_sc".into());
        chain.insert(at, "modifier_keys".into());
    }
    // Bold: the CJK bold face first (it has Latin too, and the first face sets the row height),
    // then the key symbols, then the regular chain for emoji.
    let mut bold = vec!["noto_sans_sc_bold".to_string(), "modifier_keys".to_string()];
    bold.extend(proportional);
    bold.push("noto_sans_sc".into());
    fonts.families.insert(FontFamily::Name(BOLD.into()), bold);
    fonts
}

/// Installs the app's fonts into `ctx`.
pub fn install_fonts(ctx: &egui::Context) {
    ctx.set_fonts(definitions());
}
