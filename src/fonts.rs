//! The fonts Account Desk ships, compiled into the binary so that screen and PDF always have the
//! same CJK glyphs, wherever the app runs: Noto Sans SC (SIL OFL 1.1, see `fonts/OFL.txt`) and a
//! four-glyph subset of DejaVu Sans for the macOS modifier-key symbols (Bitstream Vera licence,
//! see `fonts/DejaVu-LICENSE.txt`).

/// Noto Sans SC Regular (TrueType).
pub const NOTO_SANS_SC_REGULAR: &[u8] = include_bytes!("../fonts/NotoSansSC_400Regular.ttf");
/// Noto Sans SC Bold (TrueType).
pub const NOTO_SANS_SC_BOLD: &[u8] = include_bytes!("../fonts/NotoSansSC_700Bold.ttf");
/// DejaVu Sans cut down to ⌘ ⌥ ⇧ ⌃ (12 KB): egui writes "⌘K" instead of "Cmd+K" on a Mac only
/// when the body font has all four, and Noto Sans SC lacks ⌥ and ⌃. Screen only.
pub const MODIFIER_KEYS: &[u8] = include_bytes!("../fonts/DejaVuSans-ModifierKeys.ttf");
