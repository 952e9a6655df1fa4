//! A meeting's page: its facts and attendees, the preparation checklist, the agenda, a
//! minutes editor fast enough to type in during a call (Enter adds the next point, Ctrl+D
//! marks a decision, Ctrl+J adds an action item), and the minutes' way to the client: send
//! as PDF with an email draft, client notified, confirmed or disputed.

use super::meetings::{ends_next_day, follow_up_label, kind_label, local_end, local_moment};
use super::widgets::{Form, audit_ui, form_grid, save_button, unsaved_marker};
use crate::domain::meeting::{
    AgendaItem, Attendee, MeetingKind, MinutesState, PrepItem, PrepKind, Reply, Side,
};
use crate::domain::{Lang, Meeting, MeetingId, format};
use crate::reports::minutes::DocLang;
use crate::services::{Command, MinutesStep};
use crate::ui::model::{Env, MeetingTab, Route, UiAction};
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
    scan: String,
    comments: String,
    /// The language of the documents sent from this page; `None` follows the interface.
    doc_lang: Option<DocLang>,
    /// The meeting as stored, read once per data generation (the snapshot holds only its
    /// head): which meeting, at which generation, and it (or why it could not be read).
    stored: Option<(MeetingId, u64, StoredMeeting)>,
}

/// A meeting read from the store: it, gone, or why it could not be read.
type StoredMeeting = Result<Option<Arc<Meeting>>, String>;

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
            actions.push(UiAction::Command(Command::SaveMeeting(Box::new(m))));
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
            let read = env.store.get::<Meeting>(id.0);
            let read = read
                .map(|m| m.map(Arc::new))
                .map_err(|e| e.message(env.lang));
            self.stored = Some((id, env.data.generation, read));
        }
        let stored = match &self.stored {
            Some((_, _, Ok(Some(m)))) => Arc::clone(m),
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
        self.form.sync(id, env.data.generation, || stored.clone());
        if before != Some(id) || !self.form.is_dirty() {
            self.times = times_of(stored);
        }
        if before != Some(id) {
            self.current_point = None;
            self.reply_by.clear();
            self.scan.clear();
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
        });
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

    fn details_ui(&mut self, ui: &mut Ui, env: &Env) {
        let m = &mut self.form.draft;
        form_grid("meeting_details").show(ui, |ui| {
            let l = ui.label(env.tr("类型", "Kind"));
            ui.horizontal(|ui| {
                for k in MeetingKind::ALL {
                    ui.selectable_value(&mut m.kind, k, kind_label(k, env.lang));
                }
            })
            .response
            .labelled_by(l.id);
            ui.end_row();
            super::widgets::text_row(ui, env.tr("主题", "Subject"), &mut m.title);
            super::widgets::text_row(ui, env.tr("日期", "Date"), &mut self.times[0]);
            super::widgets::text_row(ui, env.tr("开始时间", "Starts at"), &mut self.times[1]);
            super::widgets::text_row(ui, env.tr("结束时间", "Ends at"), &mut self.times[2]);
            super::widgets::text_row(ui, env.tr("地点", "Place"), &mut m.place);
        });
        // Only typed times change the meeting's (a stored time may carry seconds).
        let typed = self.times != times_of(m);
        let start = local_moment(&self.times[0], &self.times[1]);
        let end = start.and_then(|s| local_end(&self.times[0], &self.times[2], s));
        match (start, end) {
            (Some(start), Some(end)) => {
                if typed {
                    m.start = start;
                    m.end = end;
                }
                if ends_next_day(m.start, m.end) {
                    ui.weak(env.tr("结束时间在次日。", "It ends on the next day."));
                }
            }
            _ => {
                ui.colored_label(
                    theme::palette(ui.visuals()).warning,
                    env.tr(
                        "日期或时间无效，例如 2026-11-27 和 14:00。",
                        "Not a date or time, e.g. 2026-11-27 and 14:00.",
                    ),
                );
            }
        }
        ui.add_space(10.0);
        ui.strong(env.tr("相关工作", "Jobs"));
        let jobs: Vec<&crate::domain::Job> = env
            .data
            .jobs_of_client(m.client_id)
            .filter(|j| j.status != crate::domain::JobStatus::Archived || m.jobs.contains(&j.id))
            .collect();
        ui.horizontal_wrapped(|ui| {
            for j in jobs {
                let mut on = m.jobs.contains(&j.id);
                if ui
                    .checkbox(&mut on, format!("{} {}", j.number.text, j.title))
                    .changed()
                {
                    if on {
                        m.jobs.push(j.id);
                    } else {
                        m.jobs.retain(|x| *x != j.id);
                    }
                }
            }
        });
        ui.add_space(10.0);
        ui.strong(env.tr("与会人员", "Attendees"));
        let mut remove = None;
        egui::Grid::new("attendees")
            .num_columns(5)
            .spacing([10.0, 6.0])
            .show(ui, |ui| {
                for (i, a) in m.attendees.iter_mut().enumerate() {
                    ui.label(match a.side {
                        Side::Agency => env.tr("代理方", "Agency"),
                        Side::Client => env.tr("客户", "Client"),
                        Side::Other => env.tr("其他", "Other"),
                    });
                    ui.add_sized(
                        [120.0, 22.0],
                        TextEdit::singleline(&mut a.name).hint_text(env.tr("姓名", "Name")),
                    );
                    ui.add_sized(
                        [160.0, 22.0],
                        TextEdit::singleline(&mut a.title)
                            .hint_text(env.tr("职务/公司", "Title or company")),
                    );
                    ui.add_sized(
                        [200.0, 22.0],
                        TextEdit::singleline(&mut a.email).hint_text(env.tr("电子邮件", "Email")),
                    );
                    if ui.small_button(env.tr("移除", "Remove")).clicked() {
                        remove = Some(i);
                    }
                    ui.end_row();
                }
            });
        if let Some(i) = remove {
            m.attendees.remove(i);
        }
        ui.horizontal(|ui| {
            ui.menu_button(env.tr("＋ 本公司人员", "＋ Agency person"), |ui| {
                for u in env.data.active_users() {
                    if m.attendees.iter().any(|a| a.user == Some(u.id)) {
                        continue;
                    }
                    if ui.button(&u.name).clicked() {
                        m.attendees.push(Attendee {
                            side: Side::Agency,
                            user: Some(u.id),
                            contact: None,
                            name: u.name.clone(),
                            title: String::new(),
                            email: String::new(),
                        });
                    }
                }
            });
            ui.menu_button(env.tr("＋ 客户联络人", "＋ Client contact"), |ui| {
                for c in env.data.contacts_of(m.client_id) {
                    if m.attendees.iter().any(|a| a.contact == Some(c.id)) {
                        continue;
                    }
                    if ui.button(&c.name).clicked() {
                        m.attendees.push(Attendee {
                            side: Side::Client,
                            user: None,
                            contact: Some(c.id),
                            name: c.name.clone(),
                            title: c.title.clone(),
                            email: c.email.clone(),
                        });
                    }
                }
            });
            if ui.button(env.tr("＋ 其他", "＋ Other")).clicked() {
                m.attendees.push(Attendee {
                    side: Side::Other,
                    user: None,
                    contact: None,
                    name: String::new(),
                    title: String::new(),
                    email: String::new(),
                });
            }
        });
        ui.add_space(10.0);
        audit_ui(ui, env, &m.audit);
    }

    fn prep_ui(&mut self, ui: &mut Ui, env: &Env) {
        let m = &mut self.form.draft;
        if let Some(open) = m.prep_warning(env.now) {
            ui.colored_label(
                theme::palette(ui.visuals()).warning,
                match env.lang {
                    Lang::Zh => format!("⚠ 会议 24 小时内开始，还有 {open} 项准备未完成。"),
                    Lang::En => {
                        format!("⚠ The meeting starts within 24 hours; {open} items are open.")
                    }
                },
            );
            ui.add_space(6.0);
        }
        let mut remove = None;
        egui::Grid::new("prep")
            .num_columns(3)
            .spacing([12.0, 6.0])
            .show(ui, |ui| {
                for (i, p) in m.prep.iter_mut().enumerate() {
                    let label = prep_label(p, env.lang);
                    if p.kind == PrepKind::Custom {
                        ui.horizontal(|ui| {
                            ui.checkbox(&mut p.done, "");
                            ui.add_sized([260.0, 22.0], TextEdit::singleline(&mut p.label));
                        });
                    } else {
                        ui.checkbox(&mut p.done, label);
                    }
                    ui.add_sized(
                        [120.0, 22.0],
                        TextEdit::singleline(&mut p.owner).hint_text(env.tr("负责人", "Owner")),
                    );
                    if p.kind == PrepKind::Custom
                        && ui.small_button(env.tr("移除", "Remove")).clicked()
                    {
                        remove = Some(i);
                    }
                    ui.end_row();
                }
            });
        if let Some(i) = remove {
            m.prep.remove(i);
        }
        if ui
            .button(env.tr("＋ 准备事项", "＋ Preparation item"))
            .clicked()
        {
            m.prep.push(PrepItem {
                kind: PrepKind::Custom,
                label: String::new(),
                owner: String::new(),
                done: false,
            });
        }
    }

    fn agenda_ui(&mut self, ui: &mut Ui, env: &Env, actions: &mut Vec<UiAction>) {
        let id = self.form.draft.id;
        let m = &mut self.form.draft;
        let mut at = m.start;
        let mut remove = None;
        let mut swap = None;
        egui::Grid::new("agenda")
            .num_columns(5)
            .spacing([10.0, 6.0])
            .show(ui, |ui| {
                for h in [
                    env.tr("时间", "Time"),
                    env.tr("议程", "Item"),
                    env.tr("主讲人", "Presenter"),
                    env.tr("分钟", "Minutes"),
                    "",
                ] {
                    ui.strong(h);
                }
                ui.end_row();
                let n = m.agenda.len();
                for (i, item) in m.agenda.iter_mut().enumerate() {
                    ui.label(at.with_timezone(&Local).format("%H:%M").to_string());
                    let length = chrono::Duration::minutes(i64::from(item.minutes));
                    at = at.checked_add_signed(length).unwrap_or(at);
                    ui.add_sized([300.0, 22.0], TextEdit::singleline(&mut item.title));
                    ui.add_sized([100.0, 22.0], TextEdit::singleline(&mut item.presenter));
                    ui.add(egui::DragValue::new(&mut item.minutes).range(0..=600));
                    ui.horizontal(|ui| {
                        if i > 0 && ui.small_button("↑").clicked() {
                            swap = Some(i - 1);
                        }
                        if i + 1 < n && ui.small_button("↓").clicked() {
                            swap = Some(i);
                        }
                        if ui.small_button(env.tr("移除", "Remove")).clicked() {
                            remove = Some(i);
                        }
                    });
                    ui.end_row();
                }
            });
        if let Some(i) = swap {
            m.agenda.swap(i, i + 1);
        }
        if let Some(i) = remove {
            m.agenda.remove(i);
        }
        let mut export = false;
        let total: i64 = m.agenda.iter().map(|a| i64::from(a.minutes)).sum();
        ui.weak(match env.lang {
            Lang::Zh => format!("共 {total} 分钟"),
            Lang::En => format!("{total} minutes in all"),
        });
        self.doc_lang_ui(ui, env);
        let mut add = false;
        ui.horizontal(|ui| {
            add = ui.button(env.tr("＋ 议程", "＋ Agenda item")).clicked();
            export = ui
                .button(env.tr("导出议程 PDF…", "Export agenda PDF…"))
                .clicked();
        });
        if add {
            self.form.draft.agenda.push(AgendaItem {
                title: String::new(),
                presenter: String::new(),
                minutes: 15,
            });
        }
        if export {
            self.save(id, actions);
            actions.push(UiAction::ExportAgenda(id, self.doc_lang(env)));
        }
    }

    fn send_ui(&mut self, ui: &mut Ui, env: &Env, stored: &Meeting, actions: &mut Vec<UiAction>) {
        let id = stored.id;
        let p = theme::palette(ui.visuals());
        let due = format::moment(stored.minutes_due(), &Local, env.lang);
        ui.label(match env.lang {
            Lang::Zh => format!("会议记录须在 {due} 前发出（会后 24 小时）。"),
            Lang::En => format!("The minutes are due by {due} (24 hours after the meeting)."),
        });
        if let Some(on_time) = stored.sent_on_time() {
            let (text, colour) = if on_time {
                (
                    env.tr("第一版已按时发出。", "The first version went out on time."),
                    p.success,
                )
            } else {
                (
                    env.tr(
                        "第一版超过 24 小时才发出。",
                        "The first version went out late.",
                    ),
                    p.warning,
                )
            };
            ui.colored_label(colour, text);
        }
        let state = stored.state();
        let next = stored.next_version();
        let can_send = match state {
            MinutesState::Draft | MinutesState::Disputed => true,
            MinutesState::Sent | MinutesState::Notified => stored.revised() || self.form.is_dirty(),
            MinutesState::Confirmed => false,
        };
        ui.add_space(6.0);
        self.doc_lang_ui(ui, env);
        let doc_lang = self.doc_lang(env);
        ui.horizontal(|ui| {
            let label = match env.lang {
                Lang::Zh => format!("发送 v{next}（生成 PDF 与邮件草稿）"),
                Lang::En => format!("Send v{next} (PDF and email draft)"),
            };
            if ui.add_enabled(can_send, egui::Button::new(label)).clicked() {
                self.save(id, actions);
                actions.push(UiAction::SendMinutes(id, doc_lang));
            }
            if ui
                .button(env.tr("导出会议记录 PDF…", "Export minutes PDF…"))
                .clicked()
            {
                self.save(id, actions);
                actions.push(UiAction::ExportMinutes(id, None, doc_lang));
            }
        });
        if matches!(state, MinutesState::Sent | MinutesState::Notified) {
            ui.add_space(8.0);
            if state == MinutesState::Sent
                && ui
                    .button(env.tr("已通知客户确认", "Client notified to confirm"))
                    .clicked()
            {
                actions.push(UiAction::Command(Command::Minutes(id, MinutesStep::Notify)));
            }
            form_grid("minutes_reply").show(ui, |ui| {
                super::widgets::text_row(
                    ui,
                    env.tr("客户确认人", "Confirmed by"),
                    &mut self.reply_by,
                );
                super::widgets::text_row(
                    ui,
                    env.tr("回传扫描件", "Returned copy (file)"),
                    &mut self.scan,
                );
                super::widgets::multiline_row(
                    ui,
                    env.tr("客户意见", "Client's comments"),
                    &mut self.comments,
                );
            });
            ui.horizontal(|ui| {
                if ui
                    .button(env.tr("客户已确认", "Client confirmed"))
                    .clicked()
                {
                    let scan = Some(self.scan.clone()).filter(|s| !s.trim().is_empty());
                    actions.push(UiAction::Command(Command::Minutes(
                        id,
                        MinutesStep::Confirm {
                            by: self.reply_by.clone(),
                            scan,
                        },
                    )));
                }
                if ui.button(env.tr("客户有异议", "Client disputes")).clicked() {
                    actions.push(UiAction::Command(Command::Minutes(
                        id,
                        MinutesStep::Dispute {
                            by: self.reply_by.clone(),
                            comments: self.comments.clone(),
                        },
                    )));
                }
            });
        }
        ui.add_space(10.0);
        ui.strong(env.tr("发送记录", "Versions sent"));
        if stored.sent.is_empty() {
            ui.weak(env.tr("尚未发送。", "Nothing sent yet."));
        }
        for s in stored.sent.iter().rev() {
            let when = format::moment(s.stamp.at, &Local, env.lang);
            let who = env.data.user_name(Some(s.stamp.by));
            ui.label(match env.lang {
                Lang::Zh => format!("v{} · {when} 由 {who} 发给 {}", s.version, s.to.join("、")),
                Lang::En => format!("v{} · {when} by {who} to {}", s.version, s.to.join(", ")),
            });
            if let Some(n) = s.notified {
                ui.weak(format!(
                    "    {} {}",
                    env.tr("已通知客户：", "Client notified:"),
                    format::moment(n, &Local, env.lang)
                ));
            }
            match &s.reply {
                Some(Reply::Confirmed { at, by, scan }) => {
                    ui.colored_label(
                        p.success,
                        format!(
                            "    ★ {} {by}, {}{}",
                            env.tr("已确认：", "Confirmed:"),
                            format::moment(*at, &Local, env.lang),
                            scan.as_ref()
                                .map_or_else(String::new, |s| format!(" · {s}"))
                        ),
                    );
                    if let Some(scan) = scan
                        && ui
                            .small_button(env.tr("打开回传件", "Open returned copy"))
                            .clicked()
                    {
                        actions.push(UiAction::OpenFile(scan.into()));
                    }
                }
                Some(Reply::Disputed { at, by, comments }) => {
                    ui.colored_label(
                        p.error,
                        format!(
                            "    ⚠ {} {by}, {}：{comments}",
                            env.tr("有异议：", "Disputed:"),
                            format::moment(*at, &Local, env.lang)
                        ),
                    );
                }
                None => {}
            }
            if ui
                .small_button(match env.lang {
                    Lang::Zh => format!("导出 v{} PDF…", s.version),
                    Lang::En => format!("Export v{} PDF…", s.version),
                })
                .clicked()
            {
                actions.push(UiAction::ExportMinutes(id, Some(s.version), doc_lang));
            }
        }
    }
}

mod minutes;
