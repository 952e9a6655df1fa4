//! Fonts on screen: egui's Latin face first, then the macOS modifier-key symbols (⌘⌥⇧⌃), then
//! Noto Sans SC for every CJK character, then egui's emoji fonts, in both the proportional and
//! the monospace family; the bold face as the named family [`BOLD`]. Installed once per context.
//!
//! After all of them come the [`Fallback`] fonts (rare Han characters such as 𠮷, emoji egui's
//! own font lacks, Hebrew, Arabic and other scripts), but only once a character needs one:
//! [`FallbackFonts`] is an egui font provider, asked the first time a character is in none of
//! the installed fonts. Start-up never reads the 31 MB Han font; a screen that never shows a
//! rare character never touches it, and one that does pages in only the glyphs it draws (the
//! font data are static bytes, shared, not copied).

use crate::fonts::{Fallback, MODIFIER_KEYS, NOTO_SANS_SC_BOLD, NOTO_SANS_SC_REGULAR};
use egui::{FallbackRequest, FontData, FontDefinitions, FontFamily, FontInsert, FontProvider};
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

/// Installs the app's fonts into `ctx`, with the fallback fonts ready to load on first need.
pub fn install_fonts(ctx: &egui::Context) {
    ctx.set_fonts(definitions());
    // Replaces rather than adds, so that installing twice leaves one provider.
    ctx.set_font_providers(vec![Arc::new(FallbackFonts)]);
}

/// Finds the [`Fallback`] font for a character no installed font has, from the font's own
/// character map; egui then appends the font to the family's chain (once: later characters it
/// has are found there) and asks again only for characters it still lacks.
#[derive(Debug, Clone, Copy, Default)]
pub struct FallbackFonts;

impl FontProvider for FallbackFonts {
    fn font_for(&self, request: &FallbackRequest<'_>) -> Option<FontInsert> {
        let c = request.cluster.chars().next()?;
        let font = Fallback::for_char(c)?;
        log::debug!(
            "loading the fallback font {} for U+{:04X}",
            font.name(),
            u32::from(c)
        );
        Some(FontInsert::new(
            font.name(),
            FontData::from_static(font.bytes()),
            Vec::new(),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::FontId;

    /// A context with the app's fonts installed (they exist after the first pass).
    fn context() -> egui::Context {
        let ctx = egui::Context::default();
        install_fonts(&ctx);
        let mut output = ctx.run_ui(egui::RawInput::default(), |_| {});
        output.textures_delta.clear();
        ctx
    }

    fn discovered(ctx: &egui::Context) -> Vec<String> {
        ctx.fonts(|f| {
            f.discovered_fonts()
                .iter()
                .map(|i| i.name.clone())
                .collect()
        })
    }

    #[test]
    fn ordinary_text_never_loads_a_fallback() {
        let ctx = context();
        let body = FontId::proportional(14.0);
        ctx.fonts_mut(|f| {
            assert!(f.has_glyphs(&body, "客户列表 Clients 𠂇 ⌘⌥ ¥12,345.00（已归档）"));
        });
        assert!(discovered(&ctx).is_empty());
    }

    #[test]
    fn rare_characters_load_their_fallback_once_in_every_family() {
        let ctx = context();
        let families = [
            FontFamily::Proportional,
            FontFamily::Monospace,
            FontFamily::Name(BOLD.into()),
        ];
        ctx.fonts_mut(|f| {
            for family in &families {
                let font = FontId::new(14.0, family.clone());
                // 𠮷 𡈽 𪚥 (Extension B), 🥳 (not in egui's emoji font), Hebrew.
                for c in ['𠮷', '𡈽', '𪚥', '🥳', 'ש'] {
                    assert!(f.has_glyph(&font, c), "{c} in {family:?}");
                }
                // Extension G: no font has it, a box is drawn.
                assert!(!f.has_glyph(&font, '\u{30000}'));
            }
        });
        // Each font is found once per family, and only these three.
        let names = discovered(&ctx);
        for name in [
            "fallback_hanamin",
            "fallback_noto_emoji",
            "fallback_dejavu_sans",
        ] {
            let times = names.iter().filter(|n| *n == name).count();
            assert_eq!(times, families.len(), "{name}: {names:?}");
        }
        assert_eq!(names.len(), 3 * families.len(), "{names:?}");
    }
}
