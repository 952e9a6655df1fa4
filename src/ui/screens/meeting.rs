//! A meeting's page: its facts and attendees, the preparation checklist, the agenda, a
//! minutes editor fast enough to type in during a call (Enter adds the next point, Ctrl+D
//! marks a decision, Ctrl+J adds an action item), and the minutes' way to the client: send
//! as PDF with an email draft, client notified, confirmed or disputed.

use super::meetings::{ends_next_day, follow_up_label, kind_label, local_end, local_moment};
use super::widgets::{Form, audit_ui, form_grid, save_button, stale_ui, unsaved_marker};
use crate::domain::meeting::{
    AgendaItem, Attendee, MeetingKind, MinutesState, PrepItem, PrepKind, Reply, Side, SignedCopy,
};
use crate::domain::{Lang, Meeting, MeetingId, format};
use crate::reports::minutes::DocLang;
use crate::services::{Command, MinutesStep, RecordRevision};
use crate::ui::model::{Env, FilesPlace, MeetingTab, Route, UiAction};
use crate::ui::theme;
use chrono::Local;
use egui::{Key, KeyboardShortcut, Modifiers, RichText, TextEdit, Ui};
use std::sync::Arc;

/// Ctrl+D (⌘D): the focused point is a decision, or no longer one.
pub const DECISION: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::D);
/// Ctrl+J (⌘J): a new action item.
pub const ACTION: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::J);

/// The page's state between frames.
#[derive(Debug, Default)]
pub(crate) struct MeetingPage {
    form: Form<MeetingId, Meeting>,
    /// Date, start and end as typed (local time).
    times: [String; 3],
    /// A field to focus on the next frame.
    focus: Option<egui::Id>,
    /// The point whose text had the focus last.
    current_point: Option<usize>,
    reply_by: String,
    comments: String,
    /// The language of the documents sent from this page; `None` follows the interface.
    doc_lang: Option<DocLang>,
    /// The meeting as stored, read once per data generation (the snapshot holds only its
    /// head): which meeting, at which generation, and it (or why it could not be read).
    stored: Option<(MeetingId, u64, StoredMeeting)>,
}

/// A meeting read from the store with the revision it is at: it, gone, or why it could not
/// be read.
type StoredMeeting = Result<Option<(Arc<Meeting>, RecordRevision)>, String>;

/// A meeting's local date, start and end as the fields show them.
fn times_of(m: &Meeting) -> [String; 3] {
    let start = m.start.with_timezone(&Local);
    [
        start.format("%Y-%m-%d").to_string(),
        start.format("%H:%M").to_string(),
        m.end.with_timezone(&Local).format("%H:%M").to_string(),
    ]
}

fn prep_label(item: &PrepItem, lang: Lang) -> String {
    match item.kind {
        PrepKind::Room => lang.pick("会场：整洁、座位安排、秩序", "Room: tidy, seating, order"),
        PrepKind::AgendaSent => lang.pick("议程已发给与会各方", "Agenda sent to all parties"),
        PrepKind::AudioVisual => lang.pick("视听设备：投影、音响、电脑", "Audio-visual equipment"),
        PrepKind::TransportReception => lang.pick("交通与接待", "Transport and reception"),
        PrepKind::Custom => &item.label,
    }
    .to_string()
}

impl MeetingPage {
    /// Unsaved edits on this meeting.
    pub fn is_dirty(&self, id: MeetingId) -> bool {
        self.form.is_dirty_for(id)
    }

    /// The language the page's documents are printed in: as chosen, else the interface's.
    fn doc_lang(&self, env: &Env) -> DocLang {
        self.doc_lang.unwrap_or(match env.lang {
            Lang::Zh => DocLang::Zh,
            Lang::En => DocLang::En,
        })
    }

    /// The choice of the documents' language: Chinese, English, or both (a client with staff
    /// of both reads the bilingual labels).
    fn doc_lang_ui(&mut self, ui: &mut Ui, env: &Env) {
        let name = |l: DocLang| match l {
            DocLang::Zh => "中文",
            DocLang::En => "English",
            DocLang::Both => env.tr("中英双语", "Chinese and English"),
        };
        let mut chosen = self.doc_lang(env);
        ui.horizontal(|ui| {
            let l = ui.label(env.tr("文件语言", "Document language"));
            egui::ComboBox::from_id_salt("meeting_doc_lang")
                .selected_text(name(chosen))
                .show_ui(ui, |ui| {
                    for l in [DocLang::Zh, DocLang::En, DocLang::Both] {
                        ui.selectable_value(&mut chosen, l, name(l));
                    }
                })
                .response
                .labelled_by(l.id);
        });
        if chosen != self.doc_lang(env) {
            self.doc_lang = Some(chosen);
        }
    }

    /// Forgets the edits.
    pub fn discard(&mut self) {
        self.form.discard();
    }

    /// Pushes the save of the edits (Ctrl+S).
    pub fn save(&mut self, id: MeetingId, actions: &mut Vec<UiAction>) {
        if self.form.is_dirty_for(id) {
            let m = self.form.draft.clone();
            let base = self.form.base();
            actions.push(UiAction::Command(Command::SaveMeeting(Box::new(m), base)));
        }
    }

    /// The save went through.
    pub fn on_saved(&mut self, id: MeetingId) {
        if self.form.key() == Some(id) {
            self.form.saved();
        }
    }

    /// Draws the page.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        env: &Env,
        id: MeetingId,
        tab: MeetingTab,
        actions: &mut Vec<UiAction>,
    ) {
        // The page reads its meeting from the store, so it needs no snapshot of them all.
        let fresh =
            matches!(&self.stored, Some((i, g, _)) if *i == id && *g == env.data.generation);
        if !fresh {
            let read = env.store.shown::<Meeting>(id.0);
            let read = read
                .map(|m| m.map(|(m, rev)| (Arc::new(m), rev)))
                .map_err(|e| e.message(env.lang));
            self.stored = Some((id, env.data.generation, read));
        }
        let (stored, rev) = match &self.stored {
            Some((_, _, Ok(Some((m, rev))))) => (Arc::clone(m), *rev),
            Some((_, _, Err(e))) => {
                ui.colored_label(
                    theme::palette(ui.visuals()).error,
                    format!(
                        "{}{e}",
                        env.tr("读取会议失败：", "Could not read the meeting: ")
                    ),
                );
                return;
            }
            _ => {
                ui.weak(env.tr("该会议已不存在。", "This meeting no longer exists."));
                return;
            }
        };
        let stored = stored.as_ref();
        let before = self.form.key();
        self.form.sync_stored(
            id,
            env.data.generation,
            || (stored.clone(), Some(rev)),
            || Ok(Some(rev)),
        );
        if before != Some(id) || !self.form.is_dirty() {
            self.times = times_of(stored);
        }
        if before != Some(id) {
            self.current_point = None;
            self.reply_by.clear();
            self.comments.clear();
        }
        if self.reply_by.is_empty() {
            // Whoever signs for the client is usually the first client attendee.
            if let Some(a) = stored.attendees.iter().find(|a| a.side == Side::Client) {
                self.reply_by = a.name.clone();
            }
        }
        let dirty = self.form.is_dirty();
        ui.horizontal(|ui| {
            if ui.link(env.tr("会议记录", "Meetings")).clicked() {
                actions.push(UiAction::Navigate(Route::Meetings));
            }
            ui.label("›");
            ui.heading(format!(
                "{} · {}",
                kind_label(stored.kind, env.lang),
                stored.title
            ));
            unsaved_marker(ui, env, dirty);
            if save_button(ui, env, env.tr("保存", "Save"), dirty) {
                self.save(id, actions);
            }
            if ui
                .button(env.tr("会议文件", "Papers"))
                .on_hover_text(env.tr(
                    "会议的文件（也可以把文件拖到此页）",
                    "The meeting's papers (or drop files on this page)",
                ))
                .clicked()
            {
                actions.push(UiAction::Navigate(Route::Files(FilesPlace::Meeting(id))));
            }
        });
        stale_ui(ui, env, &mut self.form);
        ui.horizontal(|ui| {
            ui.label(env.data.client_name(stored.client_id));
            ui.label("·");
            ui.label(format::moment(stored.start, &Local, env.lang));
            let (text, colour) = follow_up_label(ui, &stored.progress(), env.now, env.lang);
            ui.label(RichText::new(text).color(colour).strong());
        });
        ui.add_space(4.0);
        ui.horizontal(|ui| {
            let open = stored.prep.iter().filter(|p| !p.done).count();
            let tabs = [
                (
                    MeetingTab::Details,
                    env.tr("基本信息", "Details").to_string(),
                ),
                (
                    MeetingTab::Prep,
                    match env.lang {
                        Lang::Zh => format!("会前准备（{open} 项未完成）"),
                        Lang::En => format!("Preparation ({open} open)"),
                    },
                ),
                (MeetingTab::Agenda, env.tr("议程", "Agenda").to_string()),
                (
                    MeetingTab::Minutes,
                    env.tr("会议记录", "Minutes").to_string(),
                ),
                (
                    MeetingTab::Send,
                    env.tr("发送与确认", "Send and confirm").to_string(),
                ),
            ];
            for (t, label) in tabs {
                if ui.selectable_label(t == tab, label).clicked() && t != tab {
                    actions.push(UiAction::Navigate(Route::Meeting(id, t)));
                }
            }
        });
        ui.separator();
        self.dropped_files_ui(ui, stored, actions);
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| match tab {
                MeetingTab::Details => self.details_ui(ui, env),
                MeetingTab::Prep => self.prep_ui(ui, env),
                MeetingTab::Agenda => self.agenda_ui(ui, env, actions),
                MeetingTab::Minutes => self.minutes_ui(ui, env),
                MeetingTab::Send => self.send_ui(ui, env, stored, actions),
            });
    }
}

mod details;
mod minutes;
mod preparation;
mod sending;
