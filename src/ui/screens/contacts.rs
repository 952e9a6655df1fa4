//! The contacts tab of a client file: the client's people (联络人) and a form to add or edit
//! one.

use super::widgets::{self, Form};
use crate::domain::{Client, ClientId, Contact, ContactId};
use crate::services::{Command, ContactDraft, RecordRevision};
use crate::ui::model::{Env, UiAction};
use egui::Ui;

/// Which contact the form edits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ContactTarget {
    New,
    Existing(ContactId),
}

/// The contact form, open or closed.
#[derive(Debug, Default)]
pub(crate) struct ContactEditor {
    form: Form<(ClientId, ContactTarget), ContactDraft>,
}

impl ContactEditor {
    /// Draws the list and, when open, the form.
    pub fn ui(&mut self, ui: &mut Ui, env: &Env, client: &Client, actions: &mut Vec<UiAction>) {
        let contacts: Vec<_> = env.data.contacts_of(client.id).collect();
        if contacts.is_empty() {
            ui.weak(env.tr("还没有联络人。", "No contacts yet."));
        }
        egui::Grid::new("contact_list")
            .num_columns(6)
            .spacing([16.0, 6.0])
            .striped(true)
            .show(ui, |ui| {
                for c in &contacts {
                    ui.strong(&c.name);
                    ui.label(&c.title);
                    ui.label(&c.phone);
                    ui.label(&c.email);
                    ui.label(&c.wechat);
                    ui.horizontal(|ui| {
                        let free = !self.form.is_dirty();
                        let edit = egui::Button::new(env.tr("编辑", "Edit")).small();
                        if ui.add_enabled(free, edit).clicked() {
                            self.form.discard();
                            let c = (*c).clone();
                            let key = (client.id, ContactTarget::Existing(c.id));
                            self.form.sync_stored(key, 0, || load(env, &c), || Ok(None));
                        }
                        if ui.small_button(env.tr("删除", "Delete")).clicked() {
                            actions.push(UiAction::Command(Command::DeleteContact(c.id)));
                        }
                    });
                    ui.end_row();
                }
            });
        ui.add_space(8.0);
        let open = self.form.key().filter(|k| k.0 == client.id);
        let Some(key) = open else {
            if ui.button(env.tr("添加联络人", "Add contact")).clicked() {
                self.form.sync(
                    (client.id, ContactTarget::New),
                    env.data.generation,
                    ContactDraft::default,
                );
            }
            return;
        };
        match key.1 {
            ContactTarget::New => {
                self.form
                    .sync(key, env.data.generation, ContactDraft::default);
            }
            ContactTarget::Existing(id) => {
                let Some(c) = contacts.iter().find(|c| c.id == id) else {
                    self.form.discard();
                    return;
                };
                self.form.sync_stored(
                    key,
                    env.data.generation,
                    || load(env, c),
                    || env.store.revision::<Contact>(id.0),
                );
            }
        }
        widgets::stale_ui(ui, env, &mut self.form);
        ui.horizontal(|ui| {
            ui.strong(match key.1 {
                ContactTarget::New => env.tr("新联络人", "New contact"),
                ContactTarget::Existing(_) => env.tr("编辑联络人", "Edit contact"),
            });
            widgets::unsaved_marker(ui, env, self.form.is_dirty());
        });
        let d = &mut self.form.draft;
        widgets::form_grid("contact_form").show(ui, |ui| {
            widgets::text_row(ui, env.tr("姓名", "Name"), &mut d.name);
            widgets::text_row(ui, env.tr("职务", "Title"), &mut d.title);
            widgets::text_row(ui, env.tr("电话", "Phone"), &mut d.phone);
            widgets::text_row(ui, env.tr("电子邮件", "Email"), &mut d.email);
            widgets::text_row(ui, env.tr("微信", "WeChat"), &mut d.wechat);
            widgets::multiline_row(ui, env.tr("备注", "Notes"), &mut d.notes);
        });
        ui.horizontal(|ui| {
            if widgets::save_button(ui, env, env.tr("保存", "Save"), self.form.is_dirty()) {
                self.save(actions);
            }
            let close = if self.form.is_dirty() {
                env.tr("放弃修改", "Discard changes")
            } else {
                env.tr("关闭表单", "Close form")
            };
            if ui.button(close).clicked() {
                self.form.discard();
            }
        });
    }

    /// Unsaved edits for a contact of `client`.
    pub fn is_dirty(&self, client: ClientId) -> bool {
        self.form.is_dirty() && self.form.key().is_some_and(|k| k.0 == client)
    }

    /// Closes the form, dropping its edits.
    pub fn close(&mut self) {
        self.form.discard();
    }

    /// Pushes the add or update command.
    pub fn save(&mut self, actions: &mut Vec<UiAction>) {
        let Some((client, target)) = self.form.key() else {
            return;
        };
        let d = self.form.draft.clone();
        actions.push(UiAction::Command(match target {
            ContactTarget::New => Command::AddContact(client, d),
            ContactTarget::Existing(id) => Command::UpdateContact(id, d, self.form.base()),
        }));
    }

    /// A contact command succeeded: close the form it came from.
    pub fn on_applied(&mut self, id: u64, created: bool) {
        match self.form.key().map(|k| k.1) {
            Some(ContactTarget::New) if created => self.form.discard(),
            Some(ContactTarget::Existing(c)) if c.0 == id => self.form.discard(),
            _ => {}
        }
    }
}

/// The contact as stored and its revision, for the form (the list's copy if it cannot be
/// read).
fn load(env: &Env, c: &Contact) -> (ContactDraft, Option<RecordRevision>) {
    widgets::loaded(
        env.store.shown::<Contact>(c.id.0),
        ContactDraft::from_contact,
        || ContactDraft::from_contact(c),
    )
}
