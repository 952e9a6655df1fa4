//! A client file (客户档案): the client's details, contacts, contracts, brands, jobs and
//! budget on tabs.

use super::contacts::ContactEditor;
use super::contracts::ContractEditor;
use super::widgets::{self, Form};
use super::{clients, jobs};
use crate::domain::{Client, ClientId};
use crate::services::{BrandDraft, ClientDraft, Command};
use crate::ui::model::{ClientTab, Env, Route, UiAction};
use egui::Ui;

/// The drafts of a client file's tabs.
#[derive(Debug, Default)]
pub(crate) struct ClientFile {
    details: Form<ClientId, ClientDraft>,
    contacts: ContactEditor,
    contracts: ContractEditor,
    new_brand: Form<ClientId, BrandDraft>,
    budget: super::budget::BudgetTab,
}

impl ClientFile {
    /// Draws the client file on `tab`.
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        env: &Env,
        id: ClientId,
        tab: ClientTab,
        actions: &mut Vec<UiAction>,
    ) {
        let Some(client) = env.data.client(id) else {
            ui.heading(env.tr("找不到这个客户", "Client not found"));
            ui.weak(env.tr(
                "它可能已被撤销创建。请从客户列表重新选择。",
                "Its creation may have been undone. Pick a client from the list.",
            ));
            return;
        };
        ui.horizontal(|ui| {
            ui.heading(client.display_name());
            if client.display_name() != client.name {
                ui.weak(&client.name);
            }
            if client.archived {
                ui.weak(env.tr("（已归档）", "(archived)"));
            }
            ui.add_space(12.0);
            if ui
                .button(env.tr("＋ 会议/电话", "＋ Meeting or call"))
                .clicked()
            {
                actions.push(UiAction::Navigate(Route::NewMeeting(Some(id))));
            }
            if ui.button(env.tr("文件档案", "Files")).clicked() {
                actions.push(UiAction::Navigate(Route::Files(
                    crate::ui::model::FilesPlace::Client(id),
                )));
            }
            if ui.button(env.tr("广告作品档案", "Ad archive")).clicked() {
                actions.push(UiAction::Navigate(Route::Archive(id)));
            }
        });
        // This client's minutes that need someone: overdue, unconfirmed, disputed.
        let waiting = super::meetings::needing_attention(env.data.meetings_of_client(id), env.now);
        super::meetings::attention_strip(ui, env, waiting, actions);
        tab_bar_ui(ui, env, client, tab, actions);
        ui.separator();
        egui::ScrollArea::vertical()
            .id_salt(("client_file", id.0))
            .auto_shrink([false, false])
            .show(ui, |ui| match tab {
                ClientTab::Details => {
                    clients::client_details_ui(ui, env, client, &mut self.details, actions);
                }
                ClientTab::Contacts => self.contacts.ui(ui, env, client, actions),
                ClientTab::Contracts => self.contracts.ui(ui, env, client, actions),
                ClientTab::Brands => self.brands_ui(ui, env, client, actions),
                ClientTab::Jobs => {
                    ui.horizontal(|ui| {
                        if ui.button(env.tr("新建工作", "New job")).clicked() {
                            actions.push(UiAction::Navigate(Route::NewJob(Some(id))));
                        }
                        if ui
                            .button(env.tr("工作总览（时间线）", "Timeline"))
                            .clicked()
                        {
                            actions.push(UiAction::Navigate(Route::Timeline(
                                crate::ui::model::TimelineScope::Client(id),
                            )));
                        }
                    });
                    ui.add_space(6.0);
                    let list: Vec<_> = env.data.jobs_of_client(id).collect();
                    jobs::job_table_ui(ui, env, "client_jobs", &list, actions);
                }
                ClientTab::Budget => self.budget.ui(ui, env, client, actions),
            });
    }

    fn brands_ui(&mut self, ui: &mut Ui, env: &Env, client: &Client, actions: &mut Vec<UiAction>) {
        let brands: Vec<_> = env.data.brands_of(client.id).collect();
        if brands.is_empty() {
            ui.weak(env.tr("这个客户还没有品牌。", "This client has no brands yet."));
        }
        egui::Grid::new("brand_list")
            .num_columns(3)
            .spacing([16.0, 6.0])
            .striped(true)
            .show(ui, |ui| {
                if !brands.is_empty() {
                    ui.strong(env.tr("品牌", "Brand"));
                    ui.strong(env.tr("竞争品牌", "Competitors"));
                    ui.strong(env.tr("工作", "Jobs"));
                    ui.end_row();
                }
                for b in brands {
                    if ui.link(&b.name).clicked() {
                        actions.push(UiAction::Navigate(Route::Brand(b.id)));
                    }
                    ui.label(b.competitors.join("、"));
                    let n = env.data.jobs_of_brand(b.id).count();
                    ui.label(format!("{n} {}", env.tr("个工作", "jobs")));
                    ui.end_row();
                }
            });
        ui.add_space(10.0);
        let form = &mut self.new_brand;
        form.sync(client.id, env.data.generation, BrandDraft::default);
        ui.horizontal(|ui| {
            ui.strong(env.tr("新建品牌", "New brand"));
            widgets::unsaved_marker(ui, env, form.is_dirty());
        });
        widgets::form_grid("new_brand").show(ui, |ui| {
            widgets::text_row(ui, env.tr("品牌名称", "Brand name"), &mut form.draft.name);
        });
        if widgets::save_button(ui, env, env.tr("添加品牌", "Add brand"), form.is_dirty()) {
            actions.push(UiAction::Command(Command::CreateBrand(
                client.id,
                form.draft.clone(),
            )));
        }
    }

    /// Unsaved edits on the tab.
    pub fn is_dirty(&self, id: ClientId, tab: ClientTab) -> bool {
        match tab {
            ClientTab::Details => self.details.is_dirty_for(id),
            ClientTab::Contacts => self.contacts.is_dirty(id),
            ClientTab::Contracts => self.contracts.is_dirty(id),
            ClientTab::Brands => self.new_brand.is_dirty_for(id),
            ClientTab::Jobs => false,
            ClientTab::Budget => self.budget.is_dirty(),
        }
    }

    /// Drops the edits on the tab.
    pub fn discard(&mut self, tab: ClientTab) {
        match tab {
            ClientTab::Details => self.details.discard(),
            ClientTab::Contacts => self.contacts.close(),
            ClientTab::Contracts => self.contracts.close(),
            ClientTab::Brands => self.new_brand.discard(),
            ClientTab::Jobs => {}
            ClientTab::Budget => self.budget.discard(),
        }
    }

    /// Pushes the save command of the tab's dirty form.
    pub fn save(&mut self, id: ClientId, tab: ClientTab, actions: &mut Vec<UiAction>) {
        if !self.is_dirty(id, tab) {
            return;
        }
        match tab {
            ClientTab::Details => actions.push(UiAction::Command(Command::UpdateClient(
                id,
                self.details.draft.clone(),
                self.details.base(),
            ))),
            ClientTab::Contacts => self.contacts.save(actions),
            ClientTab::Contracts => self.contracts.save(actions),
            ClientTab::Brands => actions.push(UiAction::Command(Command::CreateBrand(
                id,
                self.new_brand.draft.clone(),
            ))),
            ClientTab::Jobs => {}
            ClientTab::Budget => self.budget.save(actions),
        }
    }

    /// The client's details (or its budget) were saved.
    pub fn on_client_saved(&mut self, id: ClientId) {
        self.budget.on_saved();
        if self.details.key() == Some(id) {
            self.details.saved();
        }
    }

    /// A contact was added, changed or deleted.
    pub fn on_contact_applied(&mut self, id: u64, created: bool) {
        self.contacts.on_applied(id, created);
    }

    /// A contract was added, changed or deleted.
    pub fn on_contract_applied(&mut self, id: u64, created: bool) {
        self.contracts.on_applied(id, created);
    }

    /// The new brand was created.
    pub fn on_brand_created(&mut self) {
        self.new_brand.discard();
    }
}

fn tab_bar_ui(
    ui: &mut Ui,
    env: &Env,
    client: &Client,
    tab: ClientTab,
    actions: &mut Vec<UiAction>,
) {
    let d = env.data;
    let count = |zh: &str, en: &str, n: usize| format!("{} ({n})", env.tr(zh, en));
    let tabs = [
        (ClientTab::Details, env.tr("详情", "Details").to_string()),
        (
            ClientTab::Contacts,
            count("联络人", "Contacts", d.contacts_of(client.id).count()),
        ),
        (
            ClientTab::Contracts,
            count("合约", "Contracts", d.contracts_of(client.id).count()),
        ),
        (
            ClientTab::Brands,
            count("品牌", "Brands", d.brands_of(client.id).count()),
        ),
        (
            ClientTab::Jobs,
            count("工作", "Jobs", d.jobs_of_client(client.id).count()),
        ),
        (ClientTab::Budget, env.tr("预算", "Budget").to_string()),
    ];
    ui.horizontal(|ui| {
        for (t, text) in tabs {
            if ui.selectable_label(t == tab, text).clicked() && t != tab {
                actions.push(UiAction::Navigate(Route::Client(client.id, t)));
            }
        }
    });
}
