//! The contracts tab of a client file (合约): number, period, scope, value and status, with
//! a form to add or edit one.

use super::widgets::{self, Form};
use crate::domain::{Client, ClientId, Contract, ContractId, ContractStatus, format};
use crate::services::{Command, ContractDraft, RecordRevision};
use crate::ui::model::{Env, UiAction};
use egui::Ui;

/// Which contract the form edits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ContractTarget {
    New,
    Existing(ContractId),
}

/// The contract form, open or closed.
#[derive(Debug, Default)]
pub(crate) struct ContractEditor {
    form: Form<(ClientId, ContractTarget), ContractDraft>,
}

impl ContractEditor {
    /// Draws the list and, when open, the form.
    pub fn ui(&mut self, ui: &mut Ui, env: &Env, client: &Client, actions: &mut Vec<UiAction>) {
        let contracts: Vec<_> = env.data.contracts_of(client.id).collect();
        if contracts.is_empty() {
            ui.weak(env.tr("还没有合约。", "No contracts yet."));
        } else {
            egui::Grid::new("contract_list")
                .num_columns(6)
                .spacing([16.0, 6.0])
                .striped(true)
                .show(ui, |ui| {
                    ui.strong(env.tr("合约编号", "Number"));
                    ui.strong(env.tr("期间", "Period"));
                    ui.strong(env.tr("范围", "Scope"));
                    ui.strong(env.tr("金额", "Value"));
                    ui.strong(env.tr("状态", "Status"));
                    ui.label("");
                    ui.end_row();
                    for c in &contracts {
                        ui.label(&c.number);
                        ui.label(format!(
                            "{} – {}",
                            format::date(c.start, env.lang),
                            format::date(c.end, env.lang)
                        ));
                        ui.label(c.scope.lines().next().unwrap_or_default());
                        ui.label(c.value.to_string());
                        ui.label(format::contract_status(c.status, env.lang));
                        ui.horizontal(|ui| {
                            let free = !self.form.is_dirty();
                            let edit = egui::Button::new(env.tr("编辑", "Edit")).small();
                            if ui.add_enabled(free, edit).clicked() {
                                self.form.discard();
                                let key = (client.id, ContractTarget::Existing(c.id));
                                self.form.sync_stored(key, 0, || load(env, c), || Ok(None));
                            }
                            if ui.small_button(env.tr("删除", "Delete")).clicked() {
                                actions.push(UiAction::Command(Command::DeleteContract(c.id)));
                            }
                        });
                        ui.end_row();
                    }
                });
        }
        ui.add_space(8.0);
        let Some(key) = self.form.key().filter(|k| k.0 == client.id) else {
            if ui.button(env.tr("添加合约", "Add contract")).clicked() {
                self.form.sync(
                    (client.id, ContractTarget::New),
                    env.data.generation,
                    ContractDraft::default,
                );
            }
            return;
        };
        match key.1 {
            ContractTarget::New => {
                self.form
                    .sync(key, env.data.generation, ContractDraft::default);
            }
            ContractTarget::Existing(id) => {
                let Some(c) = contracts.iter().find(|c| c.id == id) else {
                    self.form.discard();
                    return;
                };
                self.form.sync_stored(
                    key,
                    env.data.generation,
                    || load(env, c),
                    || env.store.revision::<Contract>(id.0),
                );
            }
        }
        widgets::stale_ui(ui, env, &mut self.form);
        ui.horizontal(|ui| {
            ui.strong(match key.1 {
                ContractTarget::New => env.tr("新合约", "New contract"),
                ContractTarget::Existing(_) => env.tr("编辑合约", "Edit contract"),
            });
            widgets::unsaved_marker(ui, env, self.form.is_dirty());
        });
        let d = &mut self.form.draft;
        widgets::form_grid("contract_form").show(ui, |ui| {
            widgets::text_row(ui, env.tr("合约编号", "Number"), &mut d.number);
            widgets::multiline_row(ui, env.tr("范围", "Scope"), &mut d.scope);
            widgets::date_row(ui, env, env.tr("开始日期", "Start"), &mut d.start);
            widgets::date_row(ui, env, env.tr("结束日期", "End"), &mut d.end);
            widgets::money_row(ui, env, env.tr("金额", "Value"), &mut d.value)
                .on_hover_text(env.tr("例如 ¥120,000.00", "e.g. ¥120,000.00"));
            let l = ui.label(env.tr("状态", "Status"));
            let r = egui::ComboBox::from_id_salt("contract_status")
                .selected_text(format::contract_status(d.status, env.lang))
                .show_ui(ui, |ui| {
                    for s in ContractStatus::ALL {
                        ui.selectable_value(&mut d.status, s, format::contract_status(s, env.lang));
                    }
                })
                .response;
            let _ = r.labelled_by(l.id);
            ui.end_row();
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

    /// Unsaved edits for a contract of `client`.
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
            ContractTarget::New => Command::AddContract(client, d),
            ContractTarget::Existing(id) => Command::UpdateContract(id, d, self.form.base()),
        }));
    }

    /// A contract command succeeded: close the form it came from.
    pub fn on_applied(&mut self, id: u64, created: bool) {
        match self.form.key().map(|k| k.1) {
            Some(ContractTarget::New) if created => self.form.discard(),
            Some(ContractTarget::Existing(c)) if c.0 == id => self.form.discard(),
            _ => {}
        }
    }
}

/// The contract as stored and its revision, for the form (the list's copy if it cannot be
/// read).
fn load(env: &Env, c: &Contract) -> (ContractDraft, Option<RecordRevision>) {
    widgets::loaded(
        env.store.shown::<Contract>(c.id.0),
        ContractDraft::from_contract,
        || ContractDraft::from_contract(c),
    )
}
