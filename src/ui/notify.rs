//! The one place where messages reach a person: confirmations fade after a few seconds,
//! warnings and errors stay until dismissed.

use super::theme;
use egui::{Align2, RichText};

/// How serious a message is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// Something worked.
    Info,
    /// Nothing failed, but the person should know something before going on.
    Warning,
    /// Something failed; the person must read it.
    Error,
}

/// A message on screen.
#[derive(Debug, Clone)]
pub struct Note {
    /// What it says, in the interface language.
    pub text: String,
    /// Info or error.
    pub level: Level,
    /// When it appeared (egui time, seconds); `None` until first drawn.
    shown_at: Option<f64>,
}

/// Seconds an information message stays.
const INFO_SECONDS: f64 = 4.0;

/// Widest a message's text runs before it wraps, in points.
const NOTE_WIDTH: f32 = 440.0;

/// The queue of messages.
#[derive(Debug, Default)]
pub struct Notifications {
    notes: Vec<Note>,
}

impl Notifications {
    /// Adds a confirmation.
    pub fn info(&mut self, text: impl Into<String>) {
        self.push(text.into(), Level::Info);
    }

    /// Adds a warning, which stays until dismissed.
    pub fn warning(&mut self, text: impl Into<String>) {
        self.push(text.into(), Level::Warning);
    }

    /// Adds an error.
    pub fn error(&mut self, text: impl Into<String>) {
        self.push(text.into(), Level::Error);
    }

    fn push(&mut self, text: String, level: Level) {
        log::log!(
            if level != Level::Info {
                log::Level::Warn
            } else {
                log::Level::Info
            },
            "{text}"
        );
        // Repeated errors (e.g. the same failed save twice) show once.
        self.notes.retain(|n| n.text != text);
        self.notes.push(Note {
            text,
            level,
            shown_at: None,
        });
        if self.notes.len() > 5 {
            self.notes.remove(0);
        }
    }

    /// Takes back a message that no longer holds (e.g. "backing up…" once it is done).
    pub fn withdraw(&mut self, text: &str) {
        self.notes.retain(|n| n.text != text);
    }

    /// Messages currently shown, oldest first.
    pub fn notes(&self) -> &[Note] {
        &self.notes
    }

    /// Draws the messages in the bottom-right corner.
    pub fn ui(&mut self, ctx: &egui::Context, dismiss_label: &str) {
        let now = ctx.input(|i| i.time);
        self.notes.retain(|n| {
            n.level != Level::Info || n.shown_at.is_none_or(|t| now - t < INFO_SECONDS)
        });
        if self.notes.is_empty() {
            return;
        }
        let mut dismiss = None;
        egui::Area::new(egui::Id::unique("notifications"))
            .anchor(Align2::RIGHT_BOTTOM, egui::vec2(-16.0, -40.0))
            .order(egui::Order::Foreground)
            .show(ctx, |ui| {
                ui.set_max_width(NOTE_WIDTH + 20.0);
                for (i, note) in self.notes.iter_mut().enumerate() {
                    note.shown_at.get_or_insert(now);
                    let p = theme::palette(ui.visuals());
                    let (bg, fg) = match note.level {
                        Level::Info => (p.info_bg, p.accent),
                        Level::Warning => (p.surface, p.warning),
                        Level::Error => (p.error_bg, p.error),
                    };
                    egui::Frame::new()
                        .fill(bg)
                        .stroke(egui::Stroke::new(1.0, fg.gamma_multiply(0.5)))
                        .corner_radius(6.0)
                        .inner_margin(10.0)
                        .show(ui, |ui| {
                            ui.horizontal_top(|ui| {
                                // Long messages (a file path, a system error) wrap inside
                                // the window instead of running off its left edge.
                                let lasting = note.level != Level::Info;
                                let button = if lasting { 64.0 } else { 0.0 };
                                ui.scope(|ui| {
                                    ui.set_max_width(NOTE_WIDTH - button);
                                    ui.add(
                                        egui::Label::new(RichText::new(&note.text).color(fg))
                                            .wrap(),
                                    );
                                });
                                if lasting && ui.small_button(dismiss_label).clicked() {
                                    dismiss = Some(i);
                                }
                            });
                        });
                    ui.add_space(6.0);
                }
            });
        if let Some(i) = dismiss {
            self.notes.remove(i);
        }
        if self.notes.iter().any(|n| n.level == Level::Info) {
            ctx.request_repaint_after(std::time::Duration::from_millis(500));
        }
    }
}
