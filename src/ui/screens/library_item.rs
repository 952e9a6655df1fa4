//! One item of the library's shelves: what it is and where it lives (the form, shared with
//! the new-item form of the library page), lending it out, renewing and returning it with
//! its condition checked, its loans so far, its label and removing it.

use super::widgets::{self, Form};
use crate::domain::library::{Holding, ItemCondition, LibraryItem, MediumKind, ShelfPlace};
use crate::domain::{ClientId, JobId, LibraryItemId, UserId, format};
use crate::services::Command;
use crate::services::library::{ItemDraft, LendAsk};
use crate::ui::model::{Env, Route, UiAction};
use egui::Ui;

/// An item's fields as typed.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub(crate) struct ItemForm {
    pub(crate) client: ClientId,
    job: Option<JobId>,
    pub(crate) title: String,
    kind: MediumKind,
    holding: Holding,
    owner_name: String,
    room: String,
    cabinet: String,
    shelf: String,
    box_label: String,
    condition: ItemCondition,
    note: String,
    documents: Vec<crate::domain::DocumentId>,
    works: Vec<crate::domain::CreativeWorkId>,
}

impl Default for ItemForm {
    fn default() -> Self {
        ItemForm::of(&ItemDraft::new(ClientId(0), ""))
    }
}

impl ItemForm {
    pub(crate) fn of(d: &ItemDraft) -> Self {
        ItemForm {
            client: d.client_id,
            job: d.job_id,
            title: d.title.clone(),
            kind: d.kind,
            holding: d.holding,
            owner_name: d.owner_name.clone(),
            room: d.home.room.clone(),
            cabinet: d.home.cabinet.clone(),
            shelf: d.home.shelf.clone(),
            box_label: d.home.box_label.clone(),
            condition: d.condition,
            note: d.note.clone(),
            documents: d.documents.clone(),
            works: d.works.clone(),
        }
    }

    pub(crate) fn draft(&self) -> ItemDraft {
        ItemDraft {
            client_id: self.client,
            job_id: self.job,
            title: self.title.clone(),
            kind: self.kind,
            holding: self.holding,
            owner_name: self.owner_name.clone(),
            home: ShelfPlace {
                room: self.room.clone(),
                cabinet: self.cabinet.clone(),
                shelf: self.shelf.clone(),
                box_label: self.box_label.clone(),
            },
            condition: self.condition,
            note: self.note.clone(),
            documents: self.documents.clone(),
            works: self.works.clone(),
        }
    }

    /// The fields, in a form grid named `salt`, with the works and documents the client's
    /// item can link (`choices`).
    pub(crate) fn ui(&mut self, ui: &mut Ui, env: &Env, salt: &str, choices: &mut LinkChoices) {
        widgets::form_grid(salt).show(ui, |ui| {
            widgets::text_row(ui, env.tr("名称", "Item"), &mut self.title);
            let l = ui.label(env.tr("类型", "Kind"));
            let name = |k: MediumKind| env.tr(k.names().0, k.names().1).to_string();
            let r = egui::ComboBox::from_id_salt((salt, "kind"))
                .selected_text(name(self.kind))
                .height(400.0)
                .show_ui(ui, |ui| {
                    for k in MediumKind::ALL {
                        ui.selectable_value(&mut self.kind, k, name(k));
                    }
                })
                .response;
            let _ = r.labelled_by(l.id);
            ui.end_row();
            ui.label(env.tr("归属", "Whose"));
            ui.horizontal(|ui| {
                for h in Holding::ALL {
                    ui.selectable_value(&mut self.holding, h, env.tr(h.names().0, h.names().1));
                }
            });
            ui.end_row();
            self.client_row(ui, env, salt);
            let client = self.client;
            widgets::job_row(
                ui,
                env,
                (salt, "job"),
                env.tr("工作", "Job"),
                &mut self.job,
                |j| j.client_id == client,
            );
            widgets::text_row(
                ui,
                env.tr("所属单位（竞争品牌等）", "Owner (a competitor…)"),
                &mut self.owner_name,
            );
            ui.label(env.tr("存放位置", "Shelf place"));
            ui.horizontal(|ui| {
                for (value, zh, en) in [
                    (&mut self.room, "室", "Room"),
                    (&mut self.cabinet, "柜", "Cabinet"),
                    (&mut self.shelf, "层", "Shelf"),
                    (&mut self.box_label, "盒", "Box"),
                ] {
                    let l = ui.label(env.tr(zh, en));
                    ui.add(egui::TextEdit::singleline(value).desired_width(54.0))
                        .labelled_by(l.id);
                }
            });
            ui.end_row();
            ui.label(env.tr("状况", "Condition"));
            ui.horizontal(|ui| {
                for c in ItemCondition::ALL {
                    ui.selectable_value(&mut self.condition, c, env.tr(c.names().0, c.names().1));
                }
            });
            ui.end_row();
            widgets::multiline_row(ui, env.tr("备注", "Note"), &mut self.note);
        });
        if self.client.0 != 0 {
            self.links_ui(ui, env, salt, choices);
        }
    }

    /// The creative works it holds and the documents it belongs to, each linked or unlinked.
    fn links_ui(&mut self, ui: &mut Ui, env: &Env, salt: &str, choices: &mut LinkChoices) {
        let works = choices.works.get(env, self.client, || {
            env.store
                .client_works(self.client)
                .unwrap_or_default()
                .into_iter()
                .map(|w| (w.id, w.title))
                .collect()
        });
        widgets::links_ui(
            ui,
            env,
            &format!("{salt}_works"),
            [
                ("所属广告作品", "Creative works it holds"),
                ("关联作品", "Link a work"),
                ("选择作品", "Choose a work"),
            ],
            &mut self.works,
            &works,
        );
        let documents = choices.documents.get(env, self.client, || {
            env.store
                .client_documents(self.client)
                .unwrap_or_default()
                .into_iter()
                .filter(|d| d.trashed.is_none())
                .map(|d| (d.id, d.title))
                .collect()
        });
        widgets::links_ui(
            ui,
            env,
            &format!("{salt}_documents"),
            [
                ("相关文件", "Documents it belongs to"),
                ("关联文件", "Link a document"),
                ("选择文件", "Choose a document"),
            ],
            &mut self.documents,
            &documents,
        );
    }

    fn client_row(&mut self, ui: &mut Ui, env: &Env, salt: &str) {
        let l = ui.label(env.tr("客户", "Client"));
        let ours = env.tr("（本公司资料）", "(the agency's own)");
        let name = |c: ClientId| match c.0 {
            0 => ours.to_string(),
            _ => env.data.client_name(c).to_string(),
        };
        let before = self.client;
        let r = egui::ComboBox::from_id_salt((salt, "client"))
            .selected_text(name(self.client))
            .width(240.0)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut self.client, ClientId(0), ours);
                for c in env.data.clients.iter().filter(|c| !c.archived) {
                    ui.selectable_value(&mut self.client, c.id, &c.name);
                }
            })
            .response;
        let _ = r.labelled_by(l.id);
        if self.client != before {
            self.job = None;
        }
        ui.end_row();
    }
}

/// The client's works and documents (not in the trash) an item can link, by id and title,
/// read once per data generation.
#[derive(Debug, Default)]
pub(crate) struct LinkChoices {
    works: widgets::PerGeneration<ClientId, Vec<(crate::domain::CreativeWorkId, String)>>,
    documents: widgets::PerGeneration<ClientId, Vec<(crate::domain::DocumentId, String)>>,
}

/// The loan form as typed.
#[derive(Debug, Clone, Default)]
struct LendForm {
    borrower: Option<UserId>,
    job: Option<JobId>,
    due: String,
    note: String,
}

/// The item page's state.
#[derive(Debug, Default)]
pub(crate) struct ItemPage {
    form: Form<LibraryItemId, ItemForm>,
    lend: LendForm,
    back_condition: Option<ItemCondition>,
    back_note: String,
    problem: Option<String>,
    choices: LinkChoices,
}

impl ItemPage {
    /// Whether the form has unsaved edits of item `id`.
    pub fn is_dirty(&self, id: LibraryItemId) -> bool {
        self.form.is_dirty_for(id)
    }

    /// Drops the edits.
    pub fn discard(&mut self) {
        self.form.discard();
        self.problem = None;
    }

    /// A change to the item was applied.
    pub fn on_saved(&mut self, id: LibraryItemId) {
        if self.form.key() == Some(id) {
            self.form.saved();
            self.lend = LendForm::default();
            self.back_note.clear();
            self.back_condition = None;
        }
    }

    /// Pushes the save of the edits (Ctrl+S).
    pub fn save(&mut self, id: LibraryItemId, actions: &mut Vec<UiAction>) {
        if self.form.is_dirty_for(id) {
            actions.push(UiAction::Command(Command::UpdateLibraryItem(
                id,
                Box::new(self.form.draft.draft()),
                self.form.base(),
            )));
        }
    }

    /// Draws the page.
    pub fn ui(&mut self, ui: &mut Ui, env: &Env, id: LibraryItemId, actions: &mut Vec<UiAction>) {
        let Some(item) = widgets::record_for_page(
            ui,
            env,
            &mut self.form,
            (id, id.0),
            ("找不到这个物品", "Item not found"),
            |i: &LibraryItem| ItemForm::of(&ItemDraft::of(i)),
        ) else {
            return;
        };
        ui.horizontal(|ui| {
            ui.heading(format!("{} {}", item.label(), item.title));
            widgets::unsaved_marker(ui, env, self.form.is_dirty());
            if ui
                .button(env.tr("返回图书室", "Back to the library"))
                .clicked()
            {
                actions.push(UiAction::Navigate(Route::Library));
            }
            if ui.button(env.tr("打印标签…", "Print the label…")).clicked() {
                actions.push(UiAction::PrintLabels(vec![id], 0));
            }
        });
        widgets::stale_ui(ui, env, &mut self.form);
        egui::ScrollArea::vertical()
            .id_salt(("library_item", id.0))
            .auto_shrink([false, false])
            .show(ui, |ui| {
                self.loan_ui(ui, env, &item, actions);
                ui.separator();
                self.form.draft.ui(ui, env, "item_form", &mut self.choices);
                let dirty = self.form.is_dirty();
                ui.horizontal(|ui| {
                    if widgets::save_button(ui, env, env.tr("保存", "Save"), dirty) {
                        self.save(id, actions);
                    }
                    if ui
                        .add_enabled(
                            dirty,
                            egui::Button::new(env.tr("放弃修改", "Discard changes")),
                        )
                        .clicked()
                    {
                        self.discard();
                    }
                });
                ui.separator();
                history_ui(ui, env, &item);
                ui.separator();
                if ui
                    .add_enabled(
                        item.out_on().is_none(),
                        egui::Button::new(env.tr("删除此物品", "Remove this item")),
                    )
                    .on_hover_text(env.tr(
                        "从图书室删除（可撤销）；借出中的物品须先归还。",
                        "Removes it from the library (undoable); an item on loan comes back first.",
                    ))
                    .clicked()
                {
                    actions.push(UiAction::Command(Command::RemoveLibraryItem(id)));
                    actions.push(UiAction::Navigate(Route::Library));
                }
                widgets::audit_ui(ui, env, &item.audit);
            });
    }

    /// Out: who has it until when, renew, return. Home: lend it.
    fn loan_ui(&mut self, ui: &mut Ui, env: &Env, item: &LibraryItem, actions: &mut Vec<UiAction>) {
        let id = item.id;
        ui.strong(env.tr("借出与归还", "Loans"));
        if let Some(out) = item.out_on() {
            let job = out
                .job_id
                .and_then(|j| env.data.job(j))
                .map(|j| format!("（{}）", j.number.text))
                .unwrap_or_default();
            ui.label(format!(
                "{}{}{job} · {}{} · {}{}",
                env.tr("借出给 ", "Lent to "),
                env.data.user_name(Some(out.borrower)),
                env.tr("借出日 ", "out on "),
                format::date(out.loan.out_on, env.lang),
                env.tr("应还日 ", "due "),
                format::date(out.loan.due_on, env.lang),
            ));
            let late = out.loan.days_overdue(env.today);
            if late > 0 {
                ui.colored_label(
                    ui.visuals().error_fg_color,
                    match env.lang {
                        crate::domain::Lang::Zh => format!("已逾期 {late} 天"),
                        crate::domain::Lang::En => format!("{late} days overdue"),
                    },
                );
            }
            ui.horizontal(|ui| {
                let renewable =
                    late == 0 && out.loan.renewals < crate::domain::library::MAX_RENEWALS;
                if ui
                    .add_enabled(
                        renewable,
                        egui::Button::new(env.tr("续借两周", "Renew for two weeks")),
                    )
                    .on_disabled_hover_text(env.tr(
                        "逾期或已续借两次的物品须先归还。",
                        "An overdue item, or one renewed twice, comes back first.",
                    ))
                    .clicked()
                {
                    actions.push(UiAction::Command(Command::RenewLoan(id)));
                }
                ui.weak(format!(
                    "{}{}/{}",
                    env.tr("已续借 ", "Renewed "),
                    out.loan.renewals,
                    crate::domain::library::MAX_RENEWALS
                ));
            });
            let condition = self.back_condition.get_or_insert(item.condition);
            ui.horizontal(|ui| {
                ui.label(env.tr("归还时状况", "Condition on return"));
                for c in ItemCondition::ALL {
                    ui.selectable_value(condition, c, env.tr(c.names().0, c.names().1));
                }
            });
            ui.horizontal(|ui| {
                let l = ui.label(env.tr("归还备注", "Note on return"));
                ui.text_edit_singleline(&mut self.back_note)
                    .labelled_by(l.id);
                if ui.button(env.tr("归还", "Return")).clicked() {
                    actions.push(UiAction::Command(Command::ReturnLibraryItem(
                        id,
                        *condition,
                        self.back_note.trim().to_string(),
                    )));
                }
            });
            return;
        }
        ui.label(env.tr("在架", "On the shelf"));
        let lend = &mut self.lend;
        if lend.borrower.is_none() {
            lend.borrower = env.current_user;
        }
        widgets::form_grid("lend_form").show(ui, |ui| {
            widgets::user_row(
                ui,
                env,
                "lend_borrower",
                env.tr("借用人", "Borrower"),
                &mut lend.borrower,
            );
            widgets::job_row(
                ui,
                env,
                "lend_job",
                env.tr("用于工作", "For job"),
                &mut lend.job,
                |j| item.client_id.0 == 0 || j.client_id == item.client_id,
            );
            let default_due = env.today + chrono::Duration::days(crate::domain::library::LOAN_DAYS);
            widgets::date_row_hinted(
                ui,
                env,
                env.tr("应还日期（默认两周）", "Due (two weeks if blank)"),
                &mut lend.due,
                &default_due.to_string(),
            );
            widgets::text_row(ui, env.tr("借出备注", "Note on the loan"), &mut lend.note);
        });
        if let Some(p) = &self.problem {
            ui.colored_label(ui.visuals().error_fg_color, p);
        }
        if ui.button(env.tr("借出", "Lend")).clicked() {
            let due = match lend.due.trim() {
                "" => Ok(None),
                t => format::parse_date(t)
                    .map(Some)
                    .ok_or_else(|| format!("{}“{t}”", env.tr("日期无效：", "Not a date: "))),
            };
            match (due, lend.borrower) {
                (Err(e), _) => self.problem = Some(e),
                (Ok(_), None) => {
                    self.problem = Some(env.tr("请选择借用人。", "Choose who borrows it.").into());
                }
                (Ok(due_on), Some(borrower)) => {
                    self.problem = None;
                    actions.push(UiAction::Command(Command::LendLibraryItem(
                        id,
                        Box::new(LendAsk {
                            borrower,
                            job_id: lend.job,
                            due_on,
                            note: lend.note.trim().to_string(),
                        }),
                    )));
                }
            }
        }
    }
}

/// Every loan, newest first.
fn history_ui(ui: &mut Ui, env: &Env, item: &LibraryItem) {
    ui.strong(env.tr("借阅记录", "Loan history"));
    if item.loans.is_empty() {
        ui.weak(env.tr("尚未借出过。", "Never lent yet."));
        return;
    }
    egui::Grid::new("item_loans")
        .striped(true)
        .num_columns(5)
        .spacing([12.0, 6.0])
        .show(ui, |ui| {
            for l in item.loans.iter().rev() {
                ui.label(env.data.user_name(Some(l.borrower)));
                ui.label(
                    l.job_id
                        .and_then(|j| env.data.job(j))
                        .map_or_else(String::new, |j| j.number.text.clone()),
                );
                ui.label(format!(
                    "{} → {}",
                    format::date(l.loan.out_on, env.lang),
                    widgets::date_cell(env, l.loan.returned_on)
                ));
                ui.label(
                    l.condition_back
                        .map_or("", |c| env.tr(c.names().0, c.names().1)),
                );
                ui.weak(&l.note);
                ui.end_row();
            }
        });
}
