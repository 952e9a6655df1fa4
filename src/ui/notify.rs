//! The one place where messages reach a person: confirmations fade after a few seconds,
//! warnings and errors stay until dismissed — or until a later success at the very thing
//! that failed replaces them (the retried save went through). A success at anything else
//! never hides an error the person has not read.

use super::theme;
use crate::domain::{BriefField, Lang, Subject};
use crate::services::{Applied, Command};
use egui::{Align2, RichText};

/// What a message is about: a kind of change and the record it is made to (0 when it
/// creates one or has none). A success replaces the errors about the same topic only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Topic {
    kind: std::mem::Discriminant<Command>,
    id: u64,
}

impl Topic {
    /// The topic of applying `command`: saving the same brief twice is one topic, saving
    /// two jobs' briefs are two.
    pub fn of(command: &Command) -> Topic {
        let id = match command {
            Command::UpdateClient(id, ..)
            | Command::SetClientArchived(id, _)
            | Command::AddContact(id, _)
            | Command::AddContract(id, _)
            | Command::CreateBrand(id, _) => id.0,
            Command::UpdateContact(id, ..) | Command::DeleteContact(id) => id.0,
            Command::UpdateContract(id, ..) | Command::DeleteContract(id) => id.0,
            Command::UpdateBrand(id, ..) => id.0,
            Command::UpdateJob(id, ..)
            | Command::SetJobStatus(id, ..)
            | Command::SaveBrief(id, ..)
            | Command::SaveSchedule(id, ..)
            | Command::IssueSchedule(id) => id.0,
            Command::UpdateUser(id, ..) => id.0,
            Command::SaveMeeting(m, _) => m.id.0,
            Command::DeleteMeeting(id) | Command::Minutes(id, _) => id.0,
            _ => 0,
        };
        Topic {
            kind: std::mem::discriminant(command),
            id,
        }
    }
}

/// The confirmation of an applied change, e.g. `已保存：2026-0007 v3：背景、目标`, with the
/// brief's sections named as the brief form names them in `lang`.
pub fn applied_text(applied: &Applied, undone: bool, lang: Lang) -> String {
    let done = if undone {
        lang.pick("已撤销", "Undone")
    } else {
        lang.pick("已保存", "Saved")
    };
    let what = summary_text(applied.subject, &applied.summary, lang);
    if what.is_empty() {
        done.to_string()
    } else {
        format!("{done}{}{what}", lang.pick("：", ": "))
    }
}

/// What a change's summary says, in the words of the interface: a brief's sections as the
/// brief form names them; other summaries (a record's name) as they are.
pub fn summary_text(subject: Subject, summary: &str, lang: Lang) -> String {
    match subject {
        Subject::Brief => brief_summary(summary, lang),
        _ => summary.to_string(),
    }
}

/// A brief's change summary (`2026-0007 v3: background, objective`, with the sections'
/// stable keys, as the change log keeps it) in the words of the interface. A summary of
/// another shape is shown as it is.
fn brief_summary(summary: &str, lang: Lang) -> String {
    if let Some(number) = summary.strip_suffix(" (unchanged)") {
        return match lang {
            Lang::Zh => format!("{number}（没有改动）"),
            Lang::En => format!("{number} (no changes)"),
        };
    }
    let Some((head, keys)) = summary.split_once(": ") else {
        return summary.to_string();
    };
    let labels: Option<Vec<&str>> = keys
        .split(", ")
        .map(|k| {
            BriefField::ALL
                .into_iter()
                .find(|f| f.key() == k)
                .map(|f| f.label(lang))
        })
        .collect();
    match labels {
        Some(labels) => format!(
            "{head}{}{}",
            lang.pick("：", ": "),
            labels.join(lang.pick("、", ", "))
        ),
        None => summary.to_string(),
    }
}

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
    /// What it is about, if a later message may replace it.
    topic: Option<Topic>,
}

/// Seconds an information message stays.
const INFO_SECONDS: f64 = 4.0;

/// Widest a message's text runs before it wraps, in points.
const NOTE_WIDTH: f32 = 440.0;

/// Most messages on screen at once; beyond it the oldest confirmation goes first.
const MAX_NOTES: usize = 5;

/// The queue of messages.
#[derive(Debug, Default)]
pub struct Notifications {
    notes: Vec<Note>,
}

impl Notifications {
    /// Adds a confirmation.
    pub fn info(&mut self, text: impl Into<String>) {
        self.push(text.into(), Level::Info, None);
    }

    /// Adds the confirmation that `topic` succeeded; the errors and warnings about the same
    /// topic are resolved by it and go, every other message stays.
    pub fn info_about(&mut self, topic: Topic, text: impl Into<String>) {
        self.notes.retain(|n| n.topic != Some(topic));
        self.push(text.into(), Level::Info, Some(topic));
    }

    /// Adds a warning, which stays until dismissed.
    pub fn warning(&mut self, text: impl Into<String>) {
        self.push(text.into(), Level::Warning, None);
    }

    /// Adds an error.
    pub fn error(&mut self, text: impl Into<String>) {
        self.push(text.into(), Level::Error, None);
    }

    /// Adds the error of `topic`, in place of an earlier message about it.
    pub fn error_about(&mut self, topic: Topic, text: impl Into<String>) {
        self.notes.retain(|n| n.topic != Some(topic));
        self.push(text.into(), Level::Error, Some(topic));
    }

    fn push(&mut self, text: String, level: Level, topic: Option<Topic>) {
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
            topic,
        });
        // Too many: confirmations make room first, so a run of successes never pushes out
        // an error the person has not read.
        while self.notes.len() > MAX_NOTES {
            let oldest = self
                .notes
                .iter()
                .position(|n| n.level == Level::Info)
                .unwrap_or(0);
            self.notes.remove(oldest);
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::JobId;
    use crate::services::{Base, BriefDraft};

    fn texts(n: &Notifications) -> Vec<(&str, Level)> {
        n.notes()
            .iter()
            .map(|n| (n.text.as_str(), n.level))
            .collect()
    }

    #[test]
    fn a_later_success_at_something_else_keeps_the_error() {
        let brief = Topic::of(&Command::SaveBrief(
            JobId(7),
            BriefDraft::default(),
            Base::Shown(None),
        ));
        let other = Topic::of(&Command::SaveBrief(
            JobId(8),
            BriefDraft::default(),
            Base::Shown(None),
        ));
        let mut n = Notifications::default();
        n.error_about(brief, "保存失败：背景太长");
        n.info_about(other, "已保存：2026-0008 v2");
        assert_eq!(
            texts(&n),
            vec![
                ("保存失败：背景太长", Level::Error),
                ("已保存：2026-0008 v2", Level::Info)
            ]
        );
        // A success without a topic (an export, a backup) leaves it too.
        n.info("已导出");
        assert!(texts(&n).contains(&("保存失败：背景太长", Level::Error)));
        // The retried save of the same brief went through: the error is resolved.
        n.info_about(brief, "已保存：2026-0007 v3");
        assert!(
            n.notes().iter().all(|n| n.level == Level::Info),
            "{:?}",
            texts(&n)
        );
    }

    #[test]
    fn a_run_of_confirmations_never_pushes_out_an_unread_error() {
        let mut n = Notifications::default();
        n.error("导出失败：磁盘已满");
        for i in 0..12 {
            n.info(format!("已保存：第 {i} 个"));
        }
        assert_eq!(n.notes().len(), MAX_NOTES);
        assert_eq!(n.notes()[0].text, "导出失败：磁盘已满");
        assert_eq!(n.notes()[MAX_NOTES - 1].text, "已保存：第 11 个");
    }

    #[test]
    fn a_brief_is_confirmed_with_the_forms_labels_in_the_interface_language() {
        let applied = |summary: &str| Applied {
            subject: Subject::Brief,
            id: 7,
            summary: summary.into(),
            undo: None,
        };
        let saved = applied("2026-0007 v3: background, objective, key_message, budget");
        assert_eq!(
            applied_text(&saved, false, Lang::Zh),
            "已保存：2026-0007 v3：背景、目标、核心信息、预算"
        );
        assert_eq!(
            applied_text(&saved, true, Lang::En),
            "Undone: 2026-0007 v3: Background, Objective, Key message, Budget"
        );
        let same = applied("2026-0007 (unchanged)");
        assert_eq!(
            applied_text(&same, false, Lang::Zh),
            "已保存：2026-0007（没有改动）"
        );
        // Another shape is shown as it is, never lost.
        let odd = applied("2026-0007 v3: 背景");
        assert_eq!(
            applied_text(&odd, false, Lang::En),
            "Saved: 2026-0007 v3: 背景"
        );
        let client = Applied {
            subject: Subject::Client,
            ..applied("可口可乐")
        };
        assert_eq!(applied_text(&client, false, Lang::Zh), "已保存：可口可乐");
    }
}
