//! The minutes editor of a meeting's page, made to type in during a call: Enter adds the
//! next point, Ctrl+D marks the point being typed as a decision, Ctrl+J adds an action item.

use super::{ACTION, DECISION, MeetingPage};
use crate::domain::meeting::{ActionItem, ActionStatus, Point};
use crate::domain::schedule::Party;
use crate::domain::{Lang, format};
use crate::ui::model::Env;
use crate::ui::theme;
use egui::{Key, KeyboardShortcut, Modifiers, TextEdit, Ui};

fn point_id(i: usize) -> egui::Id {
    egui::Id::NULL.with(("minutes_point", i))
}

fn action_id(i: usize) -> egui::Id {
    egui::Id::NULL.with(("minutes_action", i))
}

fn party_label(p: Party, lang: Lang) -> &'static str {
    match p {
        Party::Agency => lang.pick("代理方", "Agency"),
        Party::Client => lang.pick("客户", "Client"),
        Party::Vendor => lang.pick("制作/供应商", "Vendor"),
        Party::Media => lang.pick("媒体", "Media"),
    }
}

impl MeetingPage {
    pub(super) fn minutes_ui(&mut self, ui: &mut Ui, env: &Env) {
        let page_focus = self.focus.take();
        let minutes = &mut self.form.draft.minutes;
        ui.weak(env.tr(
            "Enter：下一条要点 · Shift+Enter：换行 · Ctrl+D：标为决定 · Ctrl+J：新增待办事项",
            "Enter: next point · Shift+Enter: new line · Ctrl+D: mark as decision · Ctrl+J: new action",
        ));
        ui.add_space(6.0);
        ui.strong(env.tr("要点与决定", "Points and decisions"));
        let mut insert_after = None;
        let mut remove = None;
        for (i, p) in minutes.points.iter_mut().enumerate() {
            // The decision box and Remove are laid out first, from the right edge, and the
            // point's text takes what is left. A width guessed for them would be too narrow
            // in English, and a row that overflows widens the scroll area for every row
            // below it, so each point's controls drifted further right until Remove was
            // cut off.
            egui::Sides::new().shrink_left().show(
                ui,
                |ui| {
                    let l = ui.label(format!("{}.", i + 1));
                    let r = ui
                        .add(
                            TextEdit::multiline(&mut p.text)
                                .id(point_id(i))
                                .desired_rows(1)
                                .desired_width(ui.available_width())
                                .return_key(KeyboardShortcut::new(Modifiers::SHIFT, Key::Enter))
                                .hint_text(env.tr("要点", "Point")),
                        )
                        .labelled_by(l.id);
                    if r.has_focus() {
                        self.current_point = Some(i);
                        if ui.input_mut(consume_plain_enter) {
                            insert_after = Some(i);
                        }
                    }
                    if page_focus == Some(point_id(i)) {
                        r.request_focus();
                    }
                },
                |ui| {
                    if ui.small_button(env.tr("移除", "Remove")).clicked() {
                        remove = Some(i);
                    }
                    ui.checkbox(&mut p.decision, env.tr("决定", "Decision"));
                },
            );
            ui.horizontal(|ui| {
                ui.add_space(24.0);
                ui.add(
                    TextEdit::singleline(&mut p.solution)
                        .desired_width(ui.available_width() * 0.55)
                        .hint_text(env.tr("解决方法", "Solution")),
                );
                ui.add(
                    TextEdit::singleline(&mut p.internal_note)
                        .desired_width(ui.available_width())
                        .text_color(theme::palette(ui.visuals()).internal)
                        .hint_text(env.tr("内部备注（不发给客户）", "Internal note (never sent)")),
                );
            });
        }
        if let Some(i) = insert_after {
            minutes.points.insert(i + 1, Point::default());
            self.focus = Some(point_id(i + 1));
        }
        if let Some(i) = remove {
            minutes.points.remove(i);
            self.current_point = None;
        }
        if ui.button(env.tr("＋ 要点", "＋ Point")).clicked() {
            minutes.points.push(Point::default());
            self.focus = Some(point_id(minutes.points.len() - 1));
        }
        if ui.input_mut(|i| i.consume_shortcut(&DECISION)) {
            let target = self
                .current_point
                .filter(|i| *i < minutes.points.len())
                .or(minutes.points.len().checked_sub(1));
            if let Some(p) = target.and_then(|i| minutes.points.get_mut(i)) {
                p.decision = !p.decision;
            }
        }
        ui.add_space(10.0);
        ui.strong(env.tr("待办事项", "Actions"));
        let mut remove = None;
        egui::Grid::new("minutes_actions")
            .num_columns(6)
            .spacing([8.0, 6.0])
            .show(ui, |ui| {
                let heads: Vec<egui::Id> = [
                    env.tr("事项", "What"),
                    env.tr("负责方", "Party"),
                    env.tr("负责人", "Owner"),
                    env.tr("完成日期", "By"),
                    env.tr("状态", "Status"),
                ]
                .into_iter()
                .map(|h| ui.strong(h).id)
                .collect();
                let head = |i: usize| heads.get(i).copied().unwrap_or(egui::Id::NULL);
                ui.end_row();
                for (i, a) in minutes.actions.iter_mut().enumerate() {
                    let r = ui
                        .add_sized(
                            [300.0, 22.0],
                            TextEdit::singleline(&mut a.what).id(action_id(i)),
                        )
                        .labelled_by(head(0));
                    if page_focus == Some(action_id(i)) {
                        r.request_focus();
                    }
                    egui::ComboBox::from_id_salt(("action_party", i))
                        .selected_text(party_label(a.party, env.lang))
                        .show_ui(ui, |ui| {
                            for p in Party::ALL {
                                ui.selectable_value(&mut a.party, p, party_label(p, env.lang));
                            }
                        })
                        .response
                        .labelled_by(head(1));
                    owner_ui(ui, env, i, a).labelled_by(head(2));
                    due_ui(ui, i, a).labelled_by(head(3));
                    egui::ComboBox::from_id_salt(("action_status", i))
                        .selected_text(status_label(a.status, env.lang))
                        .show_ui(ui, |ui| {
                            for s in [
                                ActionStatus::Open,
                                ActionStatus::Done,
                                ActionStatus::Dropped,
                            ] {
                                ui.selectable_value(&mut a.status, s, status_label(s, env.lang));
                            }
                        })
                        .response
                        .labelled_by(head(4));
                    if ui.small_button(env.tr("移除", "Remove")).clicked() {
                        remove = Some(i);
                    }
                    ui.end_row();
                }
            });
        if let Some(i) = remove {
            minutes.actions.remove(i);
        }
        let add = ui.button(env.tr("＋ 待办事项", "＋ Action")).clicked();
        if add || ui.input_mut(|i| i.consume_shortcut(&ACTION)) {
            minutes.actions.push(ActionItem::new(""));
            self.focus = Some(action_id(minutes.actions.len() - 1));
        }
        ui.add_space(10.0);
        let l = ui.strong(env.tr("内部备注（不发给客户）", "Internal note (never sent)"));
        ui.add(
            TextEdit::multiline(&mut minutes.internal_note)
                .desired_rows(2)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(l.id);
    }
}

fn status_label(s: ActionStatus, lang: Lang) -> &'static str {
    match s {
        ActionStatus::Open => lang.pick("待办", "Open"),
        ActionStatus::Done => lang.pick("已完成", "Done"),
        ActionStatus::Dropped => lang.pick("取消", "Dropped"),
    }
}

/// The owner of an action: an agency user from a list (so it reaches their to-do list), or a
/// name typed for the client, a vendor or media.
fn owner_ui(ui: &mut Ui, env: &Env, i: usize, a: &mut ActionItem) -> egui::Response {
    if a.party == Party::Agency {
        let chosen = a.owner_user.map_or_else(
            || a.owner.clone(),
            |u| env.data.user_name(Some(u)).to_string(),
        );
        egui::ComboBox::from_id_salt(("action_owner", i))
            .selected_text(chosen)
            .show_ui(ui, |ui| {
                for u in env.data.active_users() {
                    if ui
                        .selectable_label(a.owner_user == Some(u.id), &u.name)
                        .clicked()
                    {
                        a.owner_user = Some(u.id);
                        a.owner = u.name.clone();
                    }
                }
            })
            .response
    } else {
        a.owner_user = None;
        ui.add_sized(
            [110.0, 22.0],
            TextEdit::singleline(&mut a.owner).hint_text(env.tr("负责人", "Owner")),
        )
    }
}

/// The due date of an action, typed; kept in egui's memory while it does not read as a date.
fn due_ui(ui: &mut Ui, i: usize, a: &mut ActionItem) -> egui::Response {
    let id = egui::Id::NULL.with(("action_due_text", i));
    let mut text = ui.data(|d| d.get_temp::<String>(id)).unwrap_or_else(|| {
        a.due
            .map_or_else(String::new, |d| d.format("%Y-%m-%d").to_string())
    });
    let r = ui.add_sized(
        [104.0, 22.0],
        TextEdit::singleline(&mut text).hint_text("2026-12-01"),
    );
    if r.changed() {
        if text.trim().is_empty() {
            a.due = None;
        } else if let Some(d) = format::parse_date(&text) {
            a.due = Some(d);
        }
        ui.data_mut(|d| d.insert_temp(id, text));
    } else if !r.has_focus() {
        ui.data_mut(|d| d.remove::<String>(id));
    }
    r
}

/// Takes a press of Enter with no modifier out of this frame's input. egui's shortcut
/// matching ignores an extra Shift, so `consume_shortcut` would also take the Shift+Enter
/// that the text field has just turned into a line break, and add a point besides.
fn consume_plain_enter(input: &mut egui::InputState) -> bool {
    let before = input.events.len();
    input.events.retain(|e| {
        !matches!(
            e,
            egui::Event::Key { key: Key::Enter, pressed: true, modifiers, .. } if modifiers.is_none()
        )
    });
    input.events.len() != before
}
