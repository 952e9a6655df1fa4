//! Users and roles (用户与角色): who works at the agency, in which role, and who has left.

use super::widgets::{self, Form};
use crate::domain::{Role, User, UserId, format};
use crate::services::{Command, RecordRevision, UserDraft};
use crate::ui::model::{Env, UiAction};
use egui::Ui;

/// The add form, or the edit form of one user.
#[derive(Debug, Default)]
pub(crate) struct UsersPage {
    new_user: Form<(), UserDraft>,
    edit: Form<UserId, UserDraft>,
}

impl UsersPage {
    /// Draws the user list and the form.
    pub fn ui(&mut self, ui: &mut Ui, env: &Env, actions: &mut Vec<UiAction>) {
        ui.heading(env.tr("用户与角色", "Users and roles"));
        ui.separator();
        egui::Grid::new("user_list")
            .num_columns(4)
            .spacing([16.0, 6.0])
            .striped(true)
            .show(ui, |ui| {
                for u in &env.data.users {
                    ui.strong(&u.name);
                    ui.label(format::role(u.role, env.lang));
                    ui.label(if u.active {
                        env.tr("在职", "Active")
                    } else {
                        env.tr("已停用", "Inactive")
                    });
                    let free = !self.edit.is_dirty() && !self.new_user.is_dirty();
                    let edit = egui::Button::new(env.tr("编辑", "Edit")).small();
                    if ui.add_enabled(free, edit).clicked() {
                        self.edit.discard();
                        self.edit.sync_stored(u.id, 0, || load(env, u), || Ok(None));
                    }
                    ui.end_row();
                }
            });
        ui.add_space(10.0);
        if let Some(id) = self.edit.key() {
            self.edit_ui(ui, env, id, actions);
        } else {
            self.new_user
                .sync((), env.data.generation, UserDraft::default);
            ui.horizontal(|ui| {
                ui.strong(env.tr("新用户", "New user"));
                widgets::unsaved_marker(ui, env, self.new_user.is_dirty());
            });
            user_fields_ui(ui, env, "new_user", &mut self.new_user.draft, false);
            if widgets::save_button(
                ui,
                env,
                env.tr("添加用户", "Add user"),
                self.new_user.is_dirty(),
            ) {
                let d = self.new_user.draft.clone();
                actions.push(UiAction::Command(Command::AddUser(d)));
            }
        }
    }

    fn edit_ui(&mut self, ui: &mut Ui, env: &Env, id: UserId, actions: &mut Vec<UiAction>) {
        let Some(user) = env.data.user(id) else {
            self.edit.discard();
            return;
        };
        self.edit.sync_stored(
            id,
            env.data.generation,
            || load(env, user),
            || env.store.revision::<User>(id.0),
        );
        ui.horizontal(|ui| {
            ui.strong(format!("{} {}", env.tr("编辑用户", "Edit user"), user.name));
            widgets::unsaved_marker(ui, env, self.edit.is_dirty());
        });
        widgets::stale_ui(ui, env, &mut self.edit);
        user_fields_ui(ui, env, "edit_user", &mut self.edit.draft, true);
        ui.horizontal(|ui| {
            if widgets::save_button(ui, env, env.tr("保存", "Save"), self.edit.is_dirty()) {
                let d = self.edit.draft.clone();
                let base = self.edit.base();
                actions.push(UiAction::Command(Command::UpdateUser(id, d, base)));
            }
            if ui.button(env.tr("关闭表单", "Close form")).clicked() {
                self.edit.discard();
            }
        });
    }

    /// Unsaved edits in either form.
    pub fn is_dirty(&self) -> bool {
        self.new_user.is_dirty() || self.edit.is_dirty()
    }

    /// Drops both forms' edits.
    pub fn discard(&mut self) {
        self.new_user.discard();
        self.edit.discard();
    }

    /// Pushes the save commands of the dirty forms.
    pub fn save(&mut self, actions: &mut Vec<UiAction>) {
        if let (Some(id), true) = (self.edit.key(), self.edit.is_dirty()) {
            let d = self.edit.draft.clone();
            let base = self.edit.base();
            actions.push(UiAction::Command(Command::UpdateUser(id, d, base)));
        }
        if self.new_user.is_dirty() {
            let d = self.new_user.draft.clone();
            actions.push(UiAction::Command(Command::AddUser(d)));
        }
    }

    /// A user command succeeded.
    pub fn on_applied(&mut self, id: u64, created: bool) {
        if created {
            self.new_user.discard();
        } else if self.edit.key() == Some(UserId(id)) {
            self.edit.discard();
        }
    }
}

/// The user as stored and its revision, for the edit form (the list's copy if it cannot be
/// read).
fn load(env: &Env, u: &User) -> (UserDraft, Option<RecordRevision>) {
    widgets::loaded(
        env.store.shown::<User>(u.id.0),
        UserDraft::from_user,
        || UserDraft::from_user(u),
    )
}

fn user_fields_ui(ui: &mut Ui, env: &Env, salt: &str, d: &mut UserDraft, with_active: bool) {
    widgets::form_grid(salt).show(ui, |ui| {
        widgets::text_row(ui, env.tr("姓名", "Name"), &mut d.name);
        let l = ui.label(env.tr("角色", "Role"));
        let r = egui::ComboBox::from_id_salt((salt, "role"))
            .selected_text(format::role(d.role, env.lang))
            .show_ui(ui, |ui| {
                for role in Role::ALL {
                    ui.selectable_value(&mut d.role, role, format::role(role, env.lang));
                }
            })
            .response;
        let _ = r.labelled_by(l.id);
        ui.end_row();
        if with_active {
            ui.label("");
            ui.checkbox(
                &mut d.active,
                env.tr(
                    "在职（停用后不出现在选择列表中）",
                    "Active (inactive users are hidden from pickers)",
                ),
            );
            ui.end_row();
        }
    });
}
