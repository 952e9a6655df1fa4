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

/// Background of the side panels and bars.
pub const PANEL_BG: Color32 = Color32::from_rgb(0xf3, 0xf4, 0xf6);
/// Background of the central panel, popups and fields: where the work happens.
pub const SURFACE: Color32 = Color32::from_rgb(0xfd, 0xfd, 0xfe);
/// Hairlines between panels and around fields.
pub const BORDER: Color32 = Color32::from_rgb(0xd4, 0xd8, 0xdf);
/// Body text: a soft near-black, easier on the eyes than pure black for dense CJK.
pub const TEXT: Color32 = Color32::from_rgb(0x1f, 0x29, 0x37);

/// A filled accent button for the one main action of a screen (Save, Create, Open sample).
pub fn primary_button<'a>(text: impl Into<egui::WidgetText>) -> egui::Button<'a> {
    let text: egui::WidgetText = text.into();
    egui::Button::new(text.color(Color32::WHITE)).fill(ACCENT)
}

/// Applies the calm light look, sizes and spacing. The light theme is used regardless of the
/// OS setting: the colour tokens (and the PDFs) are designed for a light background.
pub fn apply(ctx: &egui::Context) {
    ctx.set_theme(egui::ThemePreference::Light);
    ctx.all_styles_mut(|style| {
        style.text_styles = [
            (
                TextStyle::Heading,
                FontId::new(HEADING, FontFamily::Name(super::fonts::BOLD.into())),
            ),
            (TextStyle::Body, FontId::new(BODY, FontFamily::Proportional)),
            (
                TextStyle::Monospace,
                FontId::new(BODY - 1.0, FontFamily::Monospace),
            ),
            (
                TextStyle::Button,
                FontId::new(BODY, FontFamily::Proportional),
            ),
            (
                TextStyle::Small,
                FontId::new(SMALL, FontFamily::Proportional),
            ),
        ]
        .into();
        style.spacing.item_spacing = egui::vec2(8.0, 6.0);
        style.spacing.button_padding = egui::vec2(10.0, 4.0);
        style.spacing.interact_size.y = 26.0;
        style.visuals.selection.bg_fill = ACCENT.gamma_multiply(0.35);
        style.visuals.hyperlink_color = ACCENT;
    });
    ctx.style_mut_of(egui::Theme::Light, |style| {
        let v = &mut style.visuals;
        v.panel_fill = PANEL_BG;
        v.window_fill = SURFACE;
        v.extreme_bg_color = Color32::WHITE;
        v.faint_bg_color = Color32::from_rgb(0xf7, 0xf8, 0xfa);
        v.window_stroke = egui::Stroke::new(1.0, BORDER);
        v.override_text_color = Some(TEXT);
        v.selection.bg_fill = Color32::from_rgb(0xcf, 0xe0, 0xf5);
        v.selection.stroke = egui::Stroke::new(1.0, ACCENT);
        v.widgets.noninteractive.bg_stroke = egui::Stroke::new(1.0, BORDER);
        v.widgets.inactive.weak_bg_fill = Color32::from_rgb(0xe9, 0xec, 0xf0);
        v.widgets.inactive.bg_fill = Color32::from_rgb(0xe9, 0xec, 0xf0);
        v.widgets.hovered.weak_bg_fill = Color32::from_rgb(0xdd, 0xe3, 0xea);
        v.widgets.hovered.bg_fill = Color32::from_rgb(0xdd, 0xe3, 0xea);
        for w in [
            &mut v.widgets.inactive,
            &mut v.widgets.hovered,
            &mut v.widgets.active,
            &mut v.widgets.open,
        ] {
            w.corner_radius = egui::CornerRadius::same(5);
        }
    });
}
