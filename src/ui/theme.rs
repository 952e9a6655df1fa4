//! Design tokens: colours, sizes and spacing with names, so that "client action" or
//! "internal only" means the same everywhere on screen (and matches the PDF palette).

use egui::{Color32, FontFamily, FontId, TextStyle};

/// Brand accent: links, selected navigation, primary buttons.
pub const ACCENT: Color32 = Color32::from_rgb(0x1f, 0x5f, 0xae);
/// Something the client must do (客户配合事项): warm and distinct from the accent.
pub const CLIENT_ACTION: Color32 = Color32::from_rgb(0xc2, 0x41, 0x0c);
/// Internal-only content, never shown to a client.
pub const INTERNAL: Color32 = Color32::from_rgb(0x6b, 0x72, 0x80);
/// Success, e.g. "saved".
pub const SUCCESS: Color32 = Color32::from_rgb(0x15, 0x80, 0x3d);
/// Warning, e.g. unsaved changes.
pub const WARNING: Color32 = Color32::from_rgb(0xb4, 0x53, 0x09);
/// Errors a person must read.
pub const ERROR: Color32 = Color32::from_rgb(0xb9, 0x1c, 0x1c);
/// Background of error toasts.
pub const ERROR_BG: Color32 = Color32::from_rgb(0xfe, 0xe2, 0xe2);
/// Background of information toasts.
pub const INFO_BG: Color32 = Color32::from_rgb(0xe0, 0xef, 0xfe);

/// Body text size: CJK needs a little more than egui's default to stay legible.
pub const BODY: f32 = 15.0;
/// Heading size.
pub const HEADING: f32 = 22.0;
/// Small print (status bar, audit lines).
pub const SMALL: f32 = 12.5;
/// Space between a form's rows.
pub const ROW_GAP: f32 = 8.0;

/// Applies sizes and spacing to both the light and the dark style; colours follow the OS
/// theme unless the person chooses.
pub fn apply(ctx: &egui::Context) {
    ctx.all_styles_mut(|style| {
        style.text_styles = [
            (TextStyle::Heading, FontId::new(HEADING, FontFamily::Name(super::fonts::BOLD.into()))),
            (TextStyle::Body, FontId::new(BODY, FontFamily::Proportional)),
            (TextStyle::Monospace, FontId::new(BODY - 1.0, FontFamily::Monospace)),
            (TextStyle::Button, FontId::new(BODY, FontFamily::Proportional)),
            (TextStyle::Small, FontId::new(SMALL, FontFamily::Proportional)),
        ]
        .into();
        style.spacing.item_spacing = egui::vec2(8.0, 6.0);
        style.spacing.button_padding = egui::vec2(10.0, 4.0);
        style.spacing.interact_size.y = 26.0;
        style.visuals.selection.bg_fill = ACCENT.gamma_multiply(0.35);
        style.visuals.hyperlink_color = ACCENT;
    });
}
