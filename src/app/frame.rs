//! One frame: global shortcuts, the top bar, navigation, the central screen, the status bar,
//! then the popups; actions are applied after drawing.

use super::AccountDeskApp;
use crate::domain::{Lang, format};
use crate::services::Reader;
use crate::ui::model::{Env, Route, UiAction};
use crate::ui::shortcuts::UiCommand;
use crate::ui::theme;
use chrono::Local;
use egui::{RichText, Ui};

impl AccountDeskApp {
    /// Draws one frame into `ui` (the whole window) and applies what it asked for. Tests call
    /// this directly on a kittest harness.
    pub fn frame_ui(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        let mut actions = Vec::new();
        if ctx.options(|o| o.theme_preference) != self.prefs.theme {
            ctx.set_theme(self.prefs.theme);
        }
        self.guard_close(&ctx);
        self.look_at_watched_folders(&ctx);
        self.shortcuts(&ctx, &mut actions);
        let lang = self.prefs.lang;

        egui::Panel::top("top_bar")
            .frame(bar_frame(&ctx, 8))
            .show(ui, |ui| self.top_bar_ui(ui, &mut actions));
        let (mut back_up, mut switch) = (false, false);
        egui::Panel::bottom("status_bar")
            .frame(bar_frame(&ctx, 3))
            .show(ui, |ui| (back_up, switch) = self.status_bar_ui(ui));
        if self.route != Route::Welcome {
            egui::Panel::left("navigation")
                .resizable(true)
                .default_size(210.0)
                .show(ui, |ui| self.navigation_ui(ui, &mut actions));
        }
        let central = egui::Frame::central_panel(&ctx.global_style())
            .fill(theme::palette(&ctx.global_style().visuals).surface)
            .inner_margin(egui::Margin::symmetric(20, 14));
        egui::CentralPanel::default_margins()
            .frame(central)
            .show(ui, |ui| {
                if self.route == Route::Team {
                    self.people_ui(ui);
                    return;
                }
                let env = Env {
                    lang,
                    data: &self.data,
                    store: Reader::shared(&self.store),
                    today: Local::now().date_naive(),
                    now: chrono::Utc::now(),
                    current_user: self.prefs.current_user,
                };
                if self.route == Route::Welcome {
                    self.welcome.ui(ui, &env, &mut actions);
                } else {
                    self.screens.ui(ui, self.route, &env, &mut actions);
                }
            });

        // Polled every frame, so the index is taken over as soon as its builder is done.
        self.poll_index();
        self.poll_texts(&ctx);
        self.poll_archive_export(&ctx);
        self.poll_safety(false);
        self.follow_feed(&ctx);
        self.poll_retry(&ctx);
        if self.is_backing_up() {
            ctx.request_repaint_after(std::time::Duration::from_millis(500));
        }
        self.look_for_words(&ctx);
        let index = self.search_index.ready();
        let store = crate::services::Reader::shared(&self.store);
        if let Some(route) = self.search.ui(&ctx, index, &self.data, store, lang) {
            actions.push(UiAction::Navigate(route));
        }
        self.leave_dialog_ui(&ctx);
        self.close_dialog_ui(&ctx);
        self.notes.ui(&ctx, lang.pick("关闭", "Dismiss"));
        self.apply_actions(actions);
        self.switcher_ui(&ctx);
        if switch {
            self.open_switcher();
        }
        if back_up {
            self.back_up_by_hand();
        }
    }

    /// Closing the window with unsaved edits asks first, like leaving a form.
    fn guard_close(&mut self, ctx: &egui::Context) {
        if ctx.input(|i| i.viewport().close_requested()) && self.screens.is_dirty(self.route) {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.pending_close = true;
        }
    }

    fn close_dialog_ui(&mut self, ctx: &egui::Context) {
        if !self.pending_close {
            return;
        }
        let lang = self.prefs.lang;
        let mut close = false;
        let modal = egui::Modal::new(egui::Id::unique("unsaved_on_close")).show(ctx, |ui| {
            ui.set_width(380.0);
            ui.heading(lang.pick("有未保存的修改", "Unsaved changes"));
            ui.label(lang.pick(
                "关闭前要保存这些修改吗？",
                "Save your changes before closing?",
            ));
            ui.add_space(10.0);
            ui.horizontal(|ui| {
                if ui
                    .button(lang.pick("保存并关闭", "Save and close"))
                    .clicked()
                {
                    let mut actions = Vec::new();
                    let env = Env {
                        lang,
                        data: &self.data,
                        store: Reader::shared(&self.store),
                        today: Local::now().date_naive(),
                        now: chrono::Utc::now(),
                        current_user: self.prefs.current_user,
                    };
                    self.screens.save(self.route, &env, &mut actions);
                    self.apply_actions(actions);
                    close = !self.screens.is_dirty(self.route);
                    self.pending_close = false;
                }
                if ui
                    .button(lang.pick("不保存，关闭", "Close without saving"))
                    .clicked()
                {
                    self.screens.discard(self.route);
                    close = true;
                }
                if ui.button(lang.pick("取消", "Cancel")).clicked() {
                    self.pending_close = false;
                }
            });
        });
        if modal.should_close() {
            self.pending_close = false;
        }
        if close {
            self.pending_close = false;
            ctx.send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }

    fn shortcuts(&mut self, ctx: &egui::Context, actions: &mut Vec<UiAction>) {
        // While the unsaved-changes question is open, it must be answered first.
        if self.pending_route.is_some() || self.pending_close {
            return;
        }
        // Ctrl+Y redoes as on Windows (Ctrl+Shift+Z is the shortcut shown).
        let ctrl_y = crate::ui::shortcuts::REDO_ALSO;
        if ctx.memory(|m| m.focused().is_none()) && ctx.input_mut(|i| i.consume_shortcut(&ctrl_y)) {
            self.redo_last();
        }
        for command in UiCommand::ALL {
            // Inside a text field Ctrl+Z belongs to the field's own undo.
            if matches!(command, UiCommand::Undo | UiCommand::Redo)
                && ctx.memory(|m| m.focused().is_some())
            {
                continue;
            }
            if ctx.input_mut(|i| i.consume_shortcut(&command.shortcut())) {
                match command {
                    UiCommand::Search | UiCommand::Find => {
                        if self.route != Route::Welcome {
                            self.search.open();
                        }
                    }
                    UiCommand::Undo => self.undo_last(),
                    UiCommand::Redo => self.redo_last(),
                    UiCommand::BackUp => self.back_up_by_hand(),
                    UiCommand::Save => {
                        let env = Env {
                            lang: self.prefs.lang,
                            data: &self.data,
                            store: Reader::shared(&self.store),
                            today: Local::now().date_naive(),
                            now: chrono::Utc::now(),
                            current_user: self.prefs.current_user,
                        };
                        self.screens.save(self.route, &env, actions);
                    }
                }
            }
        }
    }

    fn top_bar_ui(&mut self, ui: &mut Ui, actions: &mut Vec<UiAction>) {
        let lang = self.prefs.lang;
        ui.horizontal(|ui| {
            ui.label(
                RichText::new(lang.pick("客户执行台", "Account Desk"))
                    .size(18.0)
                    .family(egui::FontFamily::Name(crate::ui::fonts::BOLD.into()))
                    .color(theme::palette(ui.visuals()).accent),
            );
            ui.add_space(16.0);
            if self.route != Route::Welcome {
                let search = UiCommand::Search;
                let text = format!(
                    "🔍 {}  {}",
                    search.label(lang),
                    ui.ctx().format_shortcut(&search.shortcut())
                );
                if ui
                    .add(egui::Button::new(text).min_size(egui::vec2(220.0, 0.0)))
                    .on_hover_text(search.tooltip(ui.ctx(), lang))
                    .clicked()
                {
                    self.search.open();
                }
                let undo = UiCommand::Undo;
                let what = self.undo.last().map(|e| e.label(lang));
                let tip = match &what {
                    Some(what) => format!("{}\n{what}", undo.tooltip(ui.ctx(), lang)),
                    None => undo.tooltip(ui.ctx(), lang),
                };
                let button = match &what {
                    Some(what) => egui::Button::new((
                        undo.label(lang),
                        RichText::new(short(what, 20))
                            .size(theme::SMALL)
                            .color(theme::palette(ui.visuals()).internal),
                    )),
                    None => egui::Button::new(undo.label(lang)),
                };
                if ui
                    .add_enabled(what.is_some(), button)
                    .on_hover_text(&tip)
                    .on_disabled_hover_text(&tip)
                    .clicked()
                {
                    self.undo_last();
                }
                if !self.redo.is_empty() {
                    let redo = UiCommand::Redo;
                    if ui
                        .button(redo.label(lang))
                        .on_hover_text(redo.tooltip(ui.ctx(), lang))
                        .clicked()
                    {
                        self.redo_last();
                    }
                }
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                for (l, text) in [(Lang::En, "English"), (Lang::Zh, "中文")] {
                    if ui.selectable_label(self.prefs.lang == l, text).clicked() {
                        self.prefs.lang = l;
                    }
                }
                ui.separator();
                self.theme_ui(ui);
                ui.separator();
                if self.is_team() {
                    self.login_ui(ui);
                } else if !self.data.users.is_empty() {
                    let current = self.data.user_name(self.prefs.current_user).to_string();
                    let mut chosen = self.prefs.current_user;
                    let combo = egui::ComboBox::from_id_salt("current_user")
                        .selected_text(current)
                        .show_ui(ui, |ui| {
                            for u in self.data.active_users() {
                                let text = format!("{} · {}", u.name, u.role.code());
                                ui.selectable_value(&mut chosen, Some(u.id), text);
                            }
                        });
                    if chosen != self.prefs.current_user {
                        self.prefs.current_user = chosen;
                    }
                    let label = ui.label(lang.pick("当前用户", "Current user"));
                    combo.response.labelled_by(label.id);
                }
            });
        });
        let _ = actions;
    }

    /// The look: follow the OS (the default), always light or always dark. Remembered in the
    /// prefs; applied to the context at once, and egui tells the window so its title bar
    /// matches.
    fn theme_ui(&mut self, ui: &mut Ui) {
        use egui::ThemePreference;
        let lang = self.prefs.lang;
        let mut chosen = self.prefs.theme;
        let name = lang.pick("外观", "Theme");
        // Only the icon in the bar, so that the bar still fits a 900-point window in English;
        // the name is in the tooltip and for screen readers, the words in the list.
        let combo = egui::ComboBox::from_id_salt("theme_preference")
            .width(28.0)
            .selected_text(theme::preference_icon(chosen))
            .show_ui(ui, |ui| {
                for p in [
                    ThemePreference::System,
                    ThemePreference::Light,
                    ThemePreference::Dark,
                ] {
                    let text = format!(
                        "{}  {}",
                        theme::preference_icon(p),
                        theme::preference_label(p, lang)
                    );
                    ui.selectable_value(&mut chosen, p, text);
                }
            });
        let response = combo.response.on_hover_text(format!(
            "{name}{}{}",
            lang.pick("：", ": "),
            theme::preference_label(chosen, lang)
        ));
        ui.ctx()
            .accesskit_node_builder(response.id, |node| node.set_label(name));
        if chosen != self.prefs.theme {
            self.prefs.theme = chosen;
            ui.ctx().set_theme(chosen);
        }
    }

    /// The database and today's counts; returns whether 备份数据库… (on a team database:
    /// 离线副本…) and 切换数据库… were clicked.
    fn status_bar_ui(&self, ui: &mut Ui) -> (bool, bool) {
        let lang = self.prefs.lang;
        let (mut back_up, mut switch) = (false, false);
        ui.horizontal(|ui| {
            let which = if self.is_team() {
                lang.pick("团队数据库：", "Team database:")
            } else {
                lang.pick("数据库：", "Database:")
            };
            ui.label(
                RichText::new(format!("{which} {}", self.store.path().display()))
                    .small()
                    .weak(),
            );
            let command = UiCommand::BackUp;
            let (label, tip) = if self.is_team() {
                (
                    lang.pick("离线副本…", "Offline copy…").to_string(),
                    lang.pick(
                        "把您能看到的数据写入一个本机文件，出差时只读打开",
                        "Writes what you can see into a file on this computer, to read offline",
                    )
                    .to_string(),
                )
            } else {
                (
                    command.label(lang).to_string(),
                    command.tooltip(ui.ctx(), lang),
                )
            };
            let button = egui::Button::new(RichText::new(label).small());
            back_up = ui.add(button).on_hover_text(tip).clicked();
            let button = egui::Button::new(
                RichText::new(lang.pick("切换数据库…", "Switch database…")).small(),
            );
            switch = ui.add(button).clicked();
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let today = format::date(Local::now().date_naive(), lang);
                ui.label(
                    RichText::new(format!(
                        "{today}  ·  {} {}  ·  {} {}",
                        self.data.clients.len(),
                        lang.pick("个客户", "clients"),
                        self.data.jobs.len(),
                        lang.pick("个工作", "jobs"),
                    ))
                    .small()
                    .weak(),
                );
            });
        });
        (back_up, switch)
    }

    fn leave_dialog_ui(&mut self, ctx: &egui::Context) {
        if self.pending_route.is_none() {
            return;
        }
        let lang = self.prefs.lang;
        let mut choice: Option<Option<bool>> = None;
        let modal = egui::Modal::new(egui::Id::unique("unsaved_changes")).show(ctx, |ui| {
            ui.set_width(380.0);
            ui.heading(lang.pick("有未保存的修改", "Unsaved changes"));
            ui.label(lang.pick(
                "离开前要保存这些修改吗？",
                "Save your changes before leaving?",
            ));
            ui.add_space(10.0);
            ui.horizontal(|ui| {
                let save =
                    theme::primary_button(ui.visuals(), lang.pick("保存并离开", "Save and leave"));
                if ui.add(save).clicked() {
                    choice = Some(Some(true));
                }
                if ui
                    .button(lang.pick("不保存，离开", "Discard and leave"))
                    .clicked()
                {
                    choice = Some(Some(false));
                }
                if ui.button(lang.pick("取消", "Cancel")).clicked() {
                    choice = Some(None);
                }
            });
        });
        if modal.should_close() && choice.is_none() {
            choice = Some(None);
        }
        if let Some(c) = choice {
            if c.is_none() {
                self.pending_route = None;
            } else {
                self.resolve_pending(c);
            }
        }
    }
}

/// The frame of the top and status bars: panel colour, a hairline, some air.
fn bar_frame(ctx: &egui::Context, vertical: i8) -> egui::Frame {
    let style = ctx.global_style();
    egui::Frame::side_top_panel(&style)
        .inner_margin(egui::Margin::symmetric(12, vertical))
        .fill(theme::palette(&style.visuals).panel_bg)
}

/// `text` cut to `max` characters with an ellipsis.
fn short(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut cut: String = text.chars().take(max.saturating_sub(1)).collect();
    cut.push('…');
    cut
}
