//! The fonts Account Desk ships (Noto Sans SC, SIL OFL 1.1, see `fonts/OFL.txt`), compiled into
//! the binary so that screen and PDF always have the same CJK glyphs, wherever the app runs.

/// Noto Sans SC Regular (TrueType).
pub const NOTO_SANS_SC_REGULAR: &[u8] = include_bytes!("../fonts/NotoSansSC_400Regular.ttf");
/// Noto Sans SC Bold (TrueType).
pub const NOTO_SANS_SC_BOLD: &[u8] = include_bytes!("../fonts/NotoSansSC_700Bold.ttf");
