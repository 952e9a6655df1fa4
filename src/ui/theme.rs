//! Design tokens: colours, sizes and spacing with names, so that "client action" or
//! "internal only" means the same everywhere on screen, in the light and the dark theme.
//!
//! Colours come in two [`Palette`]s; screens ask [`palette`] for the one of the theme being
//! drawn. The PDFs have their own (always light) palette in `pdf::theme`.

use egui::{Color32, FontFamily, FontId, TextStyle, Theme, ThemePreference, Visuals};

/// The colours of one theme. Every text colour reads at WCAG AA (4.5:1) or better on the
/// surface and panel backgrounds: dense CJK strokes blur first when contrast is low.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Palette {
    /// Brand accent as text: links, the app name, kinds of search hits.
    pub accent: Color32,
    /// Fill of the one primary button of a screen.
    pub accent_fill: Color32,
    /// Text on [`Palette::accent_fill`].
    pub on_accent: Color32,
    /// Something the client must do (客户配合事项): warm and distinct from the accent.
    pub client_action: Color32,
    /// Internal-only content, never shown to a client; also secondary text.
    pub internal: Color32,
    /// Success, e.g. "saved".
    pub success: Color32,
    /// Warning, e.g. unsaved changes.
    pub warning: Color32,
    /// Errors a person must read.
    pub error: Color32,
    /// Background of error toasts.
    pub error_bg: Color32,
    /// Background of information toasts.
    pub info_bg: Color32,
    /// Background of the side panels and bars.
    pub panel_bg: Color32,
    /// Background of the central panel and popups: where the work happens.
    pub surface: Color32,
    /// Inside text fields.
    pub field_bg: Color32,
    /// Striped rows and other faint backgrounds.
    pub faint_bg: Color32,
    /// Buttons at rest.
    pub widget_bg: Color32,
    /// Buttons under the pointer.
    pub widget_hover_bg: Color32,
    /// Selected text and selected rows.
    pub selection_bg: Color32,
    /// Hairlines between panels and around fields.
    pub border: Color32,
    /// Body text: never pure black or white, easier on the eyes for dense CJK.
    pub text: Color32,
}

impl Palette {
    /// The calm light look (the default where the OS does not say).
    pub const LIGHT: Palette = Palette {
        accent: Color32::from_rgb(0x1f, 0x5f, 0xae),
        accent_fill: Color32::from_rgb(0x1f, 0x5f, 0xae),
        on_accent: Color32::WHITE,
        client_action: Color32::from_rgb(0xc2, 0x41, 0x0c),
        internal: Color32::from_rgb(0x5f, 0x66, 0x73),
        success: Color32::from_rgb(0x15, 0x80, 0x3d),
        warning: Color32::from_rgb(0xb4, 0x53, 0x09),
        error: Color32::from_rgb(0xb9, 0x1c, 0x1c),
        error_bg: Color32::from_rgb(0xfe, 0xe2, 0xe2),
        info_bg: Color32::from_rgb(0xe0, 0xef, 0xfe),
        panel_bg: Color32::from_rgb(0xf3, 0xf4, 0xf6),
        surface: Color32::from_rgb(0xfd, 0xfd, 0xfe),
        field_bg: Color32::WHITE,
        faint_bg: Color32::from_rgb(0xf7, 0xf8, 0xfa),
        widget_bg: Color32::from_rgb(0xe9, 0xec, 0xf0),
        widget_hover_bg: Color32::from_rgb(0xdd, 0xe3, 0xea),
        selection_bg: Color32::from_rgb(0xcf, 0xe0, 0xf5),
        border: Color32::from_rgb(0xd4, 0xd8, 0xdf),
        text: Color32::from_rgb(0x1f, 0x29, 0x37),
    };

    /// The dark look: the same meanings, lighter tones of each hue so they read on slate.
    pub const DARK: Palette = Palette {
        accent: Color32::from_rgb(0x7a, 0xb3, 0xf0),
        accent_fill: Color32::from_rgb(0x25, 0x63, 0xb0),
        on_accent: Color32::WHITE,
        client_action: Color32::from_rgb(0xfb, 0x92, 0x3c),
        internal: Color32::from_rgb(0x9c, 0xa3, 0xaf),
        success: Color32::from_rgb(0x4a, 0xde, 0x80),
        warning: Color32::from_rgb(0xfb, 0xbf, 0x24),
        error: Color32::from_rgb(0xf8, 0x71, 0x71),
        error_bg: Color32::from_rgb(0x3a, 0x17, 0x17),
        info_bg: Color32::from_rgb(0x15, 0x28, 0x3f),
        panel_bg: Color32::from_rgb(0x1c, 0x20, 0x27),
        surface: Color32::from_rgb(0x15, 0x18, 0x1d),
        field_bg: Color32::from_rgb(0x0e, 0x10, 0x14),
        faint_bg: Color32::from_rgb(0x1a, 0x1e, 0x24),
        widget_bg: Color32::from_rgb(0x2b, 0x31, 0x3a),
        widget_hover_bg: Color32::from_rgb(0x36, 0x3e, 0x4a),
        selection_bg: Color32::from_rgb(0x1e, 0x40, 0x6b),
        border: Color32::from_rgb(0x37, 0x3e, 0x49),
        text: Color32::from_rgb(0xe6, 0xe8, 0xeb),
    };

    /// The palette of `theme`.
    pub fn of(theme: Theme) -> &'static Palette {
        match theme {
            Theme::Light => &Palette::LIGHT,
            Theme::Dark => &Palette::DARK,
        }
    }
}

/// The palette of what is being drawn with `visuals` (`ui.visuals()`, or
/// `&ctx.global_style().visuals` outside a `Ui`).
pub fn palette(visuals: &Visuals) -> &'static Palette {
    Palette::of(if visuals.dark_mode {
        Theme::Dark
    } else {
        Theme::Light
    })
}

/// Body text size: CJK needs a little more than egui's default to stay legible.
pub const BODY: f32 = 15.0;
/// Heading size.
pub const HEADING: f32 = 22.0;
/// Small print (status bar, audit lines).
pub const SMALL: f32 = 12.5;
/// Space between a form's rows.
pub const ROW_GAP: f32 = 8.0;

/// A filled accent button for the one main action of a screen (Save, Create, Open sample).
pub fn primary_button<'a>(
    visuals: &Visuals,
    text: impl Into<egui::WidgetText>,
) -> egui::Button<'a> {
    let p = palette(visuals);
    let text: egui::WidgetText = text.into();
    egui::Button::new(text.color(p.on_accent)).fill(p.accent_fill)
}

/// A one-glyph sign of the choice, for the compact control in the top bar.
pub fn preference_icon(preference: ThemePreference) -> &'static str {
    match preference {
        ThemePreference::System => "💻",
        ThemePreference::Light => "☀",
        ThemePreference::Dark => "🌙",
    }
}

/// The person's choice of look: follow the OS, or always light or dark.
pub fn preference_label(preference: ThemePreference, lang: crate::domain::Lang) -> &'static str {
    match preference {
        ThemePreference::System => lang.pick("跟随系统", "Follow system"),
        ThemePreference::Light => lang.pick("浅色", "Light"),
        ThemePreference::Dark => lang.pick("深色", "Dark"),
    }
}

/// Applies sizes, spacing and both palettes. Which one shows is the theme preference
/// (`ctx.set_theme`, kept in the app's prefs); when it is "follow system" and the OS does not
/// say (X11), the light look is used.
pub fn apply(ctx: &egui::Context) {
    ctx.options_mut(|o| o.fallback_theme = Theme::Light);
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
    });
    for theme in [Theme::Light, Theme::Dark] {
        ctx.style_mut_of(theme, |style| {
            apply_palette(&mut style.visuals, Palette::of(theme))
        });
    }
}

fn apply_palette(v: &mut Visuals, p: &Palette) {
    v.panel_fill = p.panel_bg;
    v.window_fill = p.surface;
    v.extreme_bg_color = p.field_bg;
    v.text_edit_bg_color = Some(p.field_bg);
    v.faint_bg_color = p.faint_bg;
    v.window_stroke = egui::Stroke::new(1.0, p.border);
    v.override_text_color = Some(p.text);
    v.hyperlink_color = p.accent;
    v.warn_fg_color = p.warning;
    v.error_fg_color = p.error;
    v.selection.bg_fill = p.selection_bg;
    v.selection.stroke = egui::Stroke::new(1.0, p.accent);
    v.widgets.noninteractive.bg_stroke = egui::Stroke::new(1.0, p.border);
    v.widgets.inactive.weak_bg_fill = p.widget_bg;
    v.widgets.inactive.bg_fill = p.widget_bg;
    v.widgets.hovered.weak_bg_fill = p.widget_hover_bg;
    v.widgets.hovered.bg_fill = p.widget_hover_bg;
    for w in [
        &mut v.widgets.inactive,
        &mut v.widgets.hovered,
        &mut v.widgets.active,
        &mut v.widgets.open,
    ] {
        w.corner_radius = egui::CornerRadius::same(5);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// WCAG 2 contrast ratio of two opaque colours.
    fn contrast(a: Color32, b: Color32) -> f32 {
        fn luminance(c: Color32) -> f32 {
            let lin = |v: u8| {
                let s = f32::from(v) / 255.0;
                if s <= 0.039_28 {
                    s / 12.92
                } else {
                    ((s + 0.055) / 1.055).powf(2.4)
                }
            };
            0.2126 * lin(c.r()) + 0.7152 * lin(c.g()) + 0.0722 * lin(c.b())
        }
        let (x, y) = (luminance(a), luminance(b));
        (x.max(y) + 0.05) / (x.min(y) + 0.05)
    }

    #[test]
    fn every_text_colour_reads_well_on_its_backgrounds_in_both_themes() {
        for theme in [Theme::Light, Theme::Dark] {
            let p = Palette::of(theme);
            let texts = [
                ("text", p.text),
                ("accent", p.accent),
                ("client_action", p.client_action),
                ("internal", p.internal),
                ("success", p.success),
                ("warning", p.warning),
                ("error", p.error),
            ];
            for (name, fg) in texts {
                for (bg_name, bg) in [
                    ("surface", p.surface),
                    ("panel_bg", p.panel_bg),
                    ("field_bg", p.field_bg),
                ] {
                    let c = contrast(fg, bg);
                    assert!(c >= 4.5, "{theme:?}: {name} on {bg_name} is only {c:.2}:1");
                }
            }
            // Text on buttons, toasts and selections.
            for (name, fg, bg) in [
                ("text on widget_bg", p.text, p.widget_bg),
                ("internal on widget_bg", p.internal, p.widget_bg),
                ("on_accent on accent_fill", p.on_accent, p.accent_fill),
                ("error on error_bg", p.error, p.error_bg),
                ("accent on info_bg", p.accent, p.info_bg),
                ("text on selection_bg", p.text, p.selection_bg),
            ] {
                let c = contrast(fg, bg);
                assert!(c >= 4.5, "{theme:?}: {name} is only {c:.2}:1");
            }
        }
    }

    #[test]
    fn the_dark_palette_is_dark_and_the_light_one_light() {
        let l = Palette::of(Theme::Light);
        let d = Palette::of(Theme::Dark);
        assert!(contrast(l.surface, Color32::WHITE) < 1.1);
        assert!(contrast(d.surface, Color32::BLACK) < 1.5);
        assert_ne!(l, d);
    }

    #[test]
    fn each_theme_gets_its_own_palette_and_unknown_system_theme_means_light() {
        let ctx = egui::Context::default();
        apply(&ctx);
        for theme in [Theme::Light, Theme::Dark] {
            let style = ctx.style_of(theme);
            assert_eq!(style.visuals.dark_mode, theme == Theme::Dark);
            assert_eq!(palette(&style.visuals), Palette::of(theme));
            assert_eq!(style.visuals.panel_fill, Palette::of(theme).panel_bg);
            assert_eq!(
                style.visuals.override_text_color,
                Some(Palette::of(theme).text)
            );
        }
        ctx.set_theme(ThemePreference::System);
        let mut output = ctx.run_ui(egui::RawInput::default(), |_| {});
        output.textures_delta.clear();
        assert_eq!(ctx.theme(), Theme::Light, "no system theme reported (X11)");
    }
}
