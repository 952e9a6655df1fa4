//! The client list (客户列表) and the client form used for a new client and a client's
//! details tab.

use super::widgets::{self, Form};
use crate::domain::{Client, ClientId};
use crate::services::{ClientDraft, Command};
use crate::ui::model::{ClientTab, Env, Route, UiAction};
use egui::Ui;
use std::collections::HashMap;

/// Jobs and contacts per client, counted once per data generation (not per frame).
type Counts = HashMap<ClientId, (usize, usize)>;

/// The list's own state.
#[derive(Debug, Default)]
pub(crate) struct ClientList {
    show_archived: bool,
    counts: Option<(u64, Counts)>,
}

impl ClientList {
    /// Draws the list of clients.
    pub fn ui(&mut self, ui: &mut Ui, env: &Env, actions: &mut Vec<UiAction>) {
        ui.horizontal(|ui| {
            ui.heading(env.tr("客户列表", "Client list"));
            if ui.button(env.tr("新建客户", "New client")).clicked() {
                actions.push(UiAction::Navigate(Route::NewClient));
            }
            ui.checkbox(
                &mut self.show_archived,
                env.tr("显示已归档", "Show archived"),
            );
        });
        ui.separator();
        let generation = env.data.generation;
        if self.counts.as_ref().is_none_or(|(g, _)| *g != generation) {
            let mut counts = Counts::new();
            for j in &env.data.jobs {
                counts.entry(j.client_id).or_default().0 += 1;
            }
            for c in &env.data.contacts {
                counts.entry(c.client_id).or_default().1 += 1;
            }
            self.counts = Some((generation, counts));
        }
        let counts = self.counts.as_ref().map(|(_, c)| c);
        let clients: Vec<&Client> = env
            .data
            .clients
            .iter()
            .filter(|c| self.show_archived || !c.archived)
            .collect();
        if clients.is_empty() {
            ui.weak(env.tr(
                "还没有客户。点“新建客户”添加第一个。",
                "No clients yet. Use “New client” to add the first one.",
            ));
            return;
        }
        egui::ScrollArea::vertical()
            .id_salt("client_list")
            .show(ui, |ui| {
                egui::Grid::new("client_grid")
                    .num_columns(5)
                    .spacing([16.0, 6.0])
                    .striped(true)
                    .show(ui, |ui| {
                        ui.strong(env.tr("名称", "Name"));
                        ui.strong(env.tr("简称", "Short name"));
                        ui.strong(env.tr("行业", "Industry"));
                        ui.strong(env.tr("工作数", "# jobs"));
                        ui.strong(env.tr("联络人数", "# contacts"));
                        ui.end_row();
                        for c in clients {
                            let name = if c.archived {
                                format!("{} ({})", c.name, env.tr("已归档", "archived"))
                            } else {
                                c.name.clone()
                            };
                            if ui.link(name).clicked() {
                                actions.push(UiAction::Navigate(Route::Client(
                                    c.id,
                                    ClientTab::Details,
                                )));
                            }
                            ui.label(&c.short_name);
                            ui.label(&c.industry);
                            let (jobs, contacts) = counts
                                .and_then(|m| m.get(&c.id))
                                .copied()
                                .unwrap_or_default();
                            ui.label(jobs.to_string());
                            ui.label(contacts.to_string());
                            ui.end_row();
                        }
                    });
            });
    }
}

/// The form for a new client.
pub(crate) fn new_client_ui(
    ui: &mut Ui,
    env: &Env,
    form: &mut Form<(), ClientDraft>,
    actions: &mut Vec<UiAction>,
) -> bool {
    form.sync((), env.data.generation, ClientDraft::default);
    ui.horizontal(|ui| {
        ui.heading(env.tr("新建客户", "New client"));
        widgets::unsaved_marker(ui, env, form.is_dirty());
    });
    ui.separator();
    client_fields_ui(ui, env, &mut form.draft);
    ui.add_space(8.0);
    let mut saved = false;
    if widgets::save_button(ui, env, env.tr("保存", "Save"), form.is_dirty()) {
        actions.push(UiAction::Command(Command::CreateClient(form.draft.clone())));
        saved = true;
    }
    saved
}

/// The details tab of a client file.
pub(crate) fn client_details_ui(
    ui: &mut Ui,
    env: &Env,
    client: &Client,
    form: &mut Form<ClientId, ClientDraft>,
    actions: &mut Vec<UiAction>,
) {
    form.sync_stored(
        client.id,
        env.data.generation,
        || {
            widgets::loaded(
                env.store.shown::<Client>(client.id.0),
                ClientDraft::from_client,
                || ClientDraft::from_client(client),
            )
        },
        || env.store.revision::<Client>(client.id.0),
    );
    widgets::unsaved_marker(ui, env, form.is_dirty());
    widgets::stale_ui(ui, env, form);
    client_fields_ui(ui, env, &mut form.draft);
    ui.add_space(8.0);
    ui.horizontal(|ui| {
        if widgets::save_button(ui, env, env.tr("保存", "Save"), form.is_dirty()) {
            actions.push(UiAction::Command(Command::UpdateClient(
                client.id,
                form.draft.clone(),
                form.base(),
            )));
        }
        let (text, archive) = if client.archived {
            (env.tr("重新启用", "Reactivate"), false)
        } else {
            (env.tr("归档", "Archive"), true)
        };
        // Archiving rewrites the client: not under unsaved edits, which it would leave
        // behind a newer revision.
        let archive_button = ui
            .add_enabled(!form.is_dirty(), egui::Button::new(text))
            .on_disabled_hover_text(env.tr(
                "请先保存或放弃对客户资料的修改",
                "Save or discard your changes to the client first",
            ));
        if archive_button.clicked() {
            actions.push(UiAction::Command(Command::SetClientArchived(
                client.id, archive,
            )));
        }
    });
    ui.add_space(4.0);
    widgets::audit_ui(ui, env, &client.audit);
}

fn client_fields_ui(ui: &mut Ui, env: &Env, d: &mut ClientDraft) {
    widgets::form_grid("client_form").show(ui, |ui| {
        widgets::text_row(ui, env.tr("名称", "Name"), &mut d.name);
        widgets::text_row(ui, env.tr("简称", "Short name"), &mut d.short_name);
        widgets::text_row(ui, env.tr("行业", "Industry"), &mut d.industry);
        widgets::text_row(ui, env.tr("地址", "Address"), &mut d.address);
        widgets::text_row(ui, env.tr("电话", "Phone"), &mut d.phone);
        widgets::date_row(
            ui,
            env,
            env.tr("服务开始日期", "Client since"),
            &mut d.since,
        )
        .on_hover_text(env.tr("例如 2026-11-26", "e.g. 2026-11-26"));
        widgets::multiline_row(ui, env.tr("备注", "Notes"), &mut d.notes);
    });
    ui.weak(env.tr("* 名称为必填项", "* Name is required"));
    invoicing_ui(ui, env, d);
}

/// The client's invoicing details (开票信息), as its finance department gives them.
fn invoicing_ui(ui: &mut Ui, env: &Env, d: &mut ClientDraft) {
    ui.add_space(8.0);
    ui.horizontal(|ui| {
        ui.strong(env.tr("开票信息", "Invoicing details"));
        let fill = ui
            .small_button(env.tr("从客户资料填入", "Fill in from the client's details"))
            .on_hover_text(env.tr(
                "把名称、地址和电话填入尚未填写的开票字段",
                "Copy the name, address and phone into the invoicing fields still empty",
            ));
        if fill.clicked() {
            let i = &mut d.invoicing;
            for (to, from) in [
                (&mut i.company, &d.name),
                (&mut i.address, &d.address),
                (&mut i.phone, &d.phone),
            ] {
                if to.trim().is_empty() {
                    *to = from.clone();
                }
            }
        }
    });
    let i = &mut d.invoicing;
    widgets::form_grid("client_invoicing").show(ui, |ui| {
        widgets::text_row(ui, env.tr("开票名称", "Name on the fapiao"), &mut i.company);
        widgets::text_row(ui, env.tr("纳税人识别号", "Taxpayer id"), &mut i.tax_id).on_hover_text(
            env.tr(
                "18 位统一社会信用代码",
                "The 18-character unified social credit code",
            ),
        );
        widgets::text_row(ui, env.tr("开票地址", "Registered address"), &mut i.address);
        widgets::text_row(ui, env.tr("开票电话", "Registered phone"), &mut i.phone);
        widgets::text_row(ui, env.tr("开户行", "Bank"), &mut i.bank);
        widgets::text_row(ui, env.tr("账号", "Account"), &mut i.account);
    });
}
