//! The library's shelves (图书室): every item with where it is (on the shelf, or with whom
//! until when), the overdue loans first, a filter, registering a new item, printing the
//! labels of the items ticked, and the stocktake (盘点): numbers scanned or typed one after
//! another, then what was expected home and not seen.

use super::library_item::ItemForm;
use super::widgets::{self, Form};
use crate::domain::LibraryItem;
use crate::domain::library::{parse_archive_label, stocktake};
use crate::services::Command;
use crate::ui::model::{Env, Route, UiAction};
use egui::Ui;
use std::collections::BTreeSet;

/// Which items the list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Show {
    #[default]
    All,
    Out,
    Overdue,
}

/// The library page's state.
#[derive(Debug, Default)]
pub(crate) struct LibraryPage {
    /// The items (or why they could not be read), shared rather than copied every frame.
    items: widgets::PerGeneration<(), Result<Vec<LibraryItem>, String>>,
    filter: String,
    show: Show,
    adding: bool,
    new_item: Form<(), ItemForm>,
    ticked: BTreeSet<u32>,
    skip: usize,
    /// The stocktake under way: the numbers seen so far, and what is being typed.
    counting: Option<(Vec<u32>, String)>,
    problem: Option<String>,
    /// What the new item can link.
    choices: super::library_item::LinkChoices,
    /// The items shown (indices into the items read), by filter and choice.
    rows: widgets::PerGeneration<(String, Show), Vec<usize>>,
}

/// Widths of the list's columns other than the title, which takes the rest: tick, number,
/// kind, owner, shelf place, where it is now.
const COLUMNS: [f32; 6] = [40.0, 100.0, 80.0, 130.0, 150.0, 200.0];
/// The narrowest the title column gets.
const TITLE_MIN: f32 = 200.0;

impl LibraryPage {
    /// Whether the new-item form holds something typed.
    pub fn is_dirty(&self) -> bool {
        self.adding && self.new_item.is_dirty()
    }

    /// Drops what was typed in the new-item form.
    pub fn discard(&mut self) {
        self.new_item.discard();
        self.adding = false;
    }

    /// Pushes the new item (Ctrl+S).
    pub fn save(&mut self, actions: &mut Vec<UiAction>) {
        if self.is_dirty() {
            actions.push(UiAction::Command(Command::AddLibraryItem(Box::new(
                self.new_item.draft.draft(),
            ))));
        }
    }

    /// An item was created from the form.
    pub fn on_created(&mut self) {
        self.new_item.discard();
        self.adding = false;
    }

    /// Draws the page.
    pub fn ui(&mut self, ui: &mut Ui, env: &Env, actions: &mut Vec<UiAction>) {
        let read = self.items.get(env, (), || {
            env.store.library_items().map_err(|e| e.message(env.lang))
        });
        let items = match read.as_ref() {
            Ok(items) => items,
            Err(e) => {
                ui.colored_label(ui.visuals().error_fg_color, e);
                return;
            }
        };
        ui.horizontal(|ui| {
            ui.heading(env.tr("图书室", "Library"));
            widgets::unsaved_marker(ui, env, self.is_dirty());
            if ui
                .button(env.tr("登记新物品", "Register an item"))
                .clicked()
            {
                self.adding = true;
            }
            let counting = self.counting.is_some();
            let stocktake = match counting {
                true => env.tr("结束盘点", "End the stocktake"),
                false => env.tr("盘点", "Stocktake"),
            };
            if ui.selectable_label(counting, stocktake).clicked() {
                self.counting = match counting {
                    true => None,
                    false => Some((Vec::new(), String::new())),
                };
            }
        });
        if self.adding {
            self.new_item_ui(ui, env, actions);
            ui.separator();
        }
        if self.counting.is_some() {
            self.stocktake_ui(ui, env, items, actions);
            ui.separator();
        }
        overdue_ui(ui, env, items, actions);
        ui.horizontal(|ui| {
            let l = ui.label(env.tr("筛选", "Filter"));
            ui.add(
                egui::TextEdit::singleline(&mut self.filter)
                    .hint_text(env.tr("档案号、名称、客户、位置", "Number, item, client, place"))
                    .desired_width(260.0),
            )
            .labelled_by(l.id);
            for (show, zh, en) in [
                (Show::All, "全部", "All"),
                (Show::Out, "借出中", "On loan"),
                (Show::Overdue, "逾期", "Overdue"),
            ] {
                ui.selectable_value(&mut self.show, show, env.tr(zh, en));
            }
        });
        let needle = self.filter.trim().to_lowercase();
        let show = self.show;
        // The rows chosen, as indices, once per data generation, filter and choice: a library
        // of thousands is not filtered at every frame.
        let rows = self.rows.get(env, (needle.clone(), show), || {
            items
                .iter()
                .enumerate()
                .filter(|(_, i)| match show {
                    Show::All => true,
                    Show::Out => i.out_on().is_some(),
                    Show::Overdue => i.days_overdue(env.today) > 0,
                })
                .filter(|(_, i)| needle.is_empty() || matches(i, env, &needle))
                .map(|(n, _)| n)
                .collect()
        });
        let shown: Vec<&LibraryItem> = rows.iter().filter_map(|&n| items.get(n)).collect();
        self.labels_ui(ui, env, &shown, actions);
        if shown.is_empty() {
            ui.weak(env.tr(
                "没有物品。点“登记新物品”把录像带、光盘、样刊等登记到图书室。",
                "No items. Register tapes, discs, tearsheets… with “Register an item”.",
            ));
            return;
        }
        let [tick, number, kind, client, place, place_where] = COLUMNS;
        let spacing = ui.spacing().item_spacing.x;
        let fixed: f32 = COLUMNS.iter().sum::<f32>() + spacing * COLUMNS.len() as f32;
        let title = (ui.available_width() - fixed - 16.0).max(TITLE_MIN);
        widgets::header_row(
            ui,
            &[
                (tick, env.tr("标签", "Label")),
                (number, env.tr("档案号", "Number")),
                (title, env.tr("名称", "Item")),
                (kind, env.tr("类型", "Kind")),
                (client, env.tr("客户", "Client")),
                (place, env.tr("存放位置", "Shelf place")),
                (place_where, env.tr("状态", "Where")),
            ],
        );
        let row_height = ui.spacing().interact_size.y;
        egui::ScrollArea::vertical()
            .id_salt("library_items")
            .auto_shrink([false, false])
            .show_rows(ui, row_height, shown.len(), |ui, range| {
                for i in shown.get(range).unwrap_or_default() {
                    self.row_ui(ui, env, i, title, actions);
                }
            });
    }

    /// One item: its tick for the labels, number (opens it), title, kind, owner, shelf
    /// place and where it is now; `title` wide for the title.
    fn row_ui(
        &mut self,
        ui: &mut Ui,
        env: &Env,
        i: &LibraryItem,
        title: f32,
        actions: &mut Vec<UiAction>,
    ) {
        let [tick, number, kind, client, place, place_where] = COLUMNS;
        ui.horizontal(|ui| {
            let mut ticked = self.ticked.contains(&i.serial);
            widgets::cell(ui, tick, |ui| {
                ui.push_id(("tick", i.serial), |ui| {
                    let r = ui.checkbox(&mut ticked, "");
                    let name = format!("{}{}", env.tr("选择 ", "Tick "), i.label());
                    r.widget_info(|| {
                        egui::WidgetInfo::selected(egui::Role::CheckBox, true, ticked, &name)
                    });
                    if r.changed() {
                        match ticked {
                            true => self.ticked.insert(i.serial),
                            false => self.ticked.remove(&i.serial),
                        };
                    }
                });
            });
            if widgets::cell(ui, number, |ui| ui.link(i.label())).clicked() {
                actions.push(UiAction::Navigate(Route::LibraryItem(i.id)));
            }
            widgets::cell(ui, title, |ui| ui.label(&i.title));
            widgets::cell(ui, kind, |ui| {
                ui.label(env.tr(i.kind.names().0, i.kind.names().1))
            });
            widgets::cell(ui, client, |ui| ui.label(owner(env, i)));
            widgets::cell(ui, place, |ui| ui.label(i.home.label()));
            widgets::cell(ui, place_where, |ui| where_ui(ui, env, i));
        });
    }

    /// Print the labels of the items ticked (or of every item shown), from the first free
    /// label of a used sheet.
    fn labels_ui(
        &mut self,
        ui: &mut Ui,
        env: &Env,
        shown: &[&LibraryItem],
        actions: &mut Vec<UiAction>,
    ) {
        ui.horizontal(|ui| {
            let ticked: Vec<_> = shown
                .iter()
                .filter(|i| self.ticked.contains(&i.serial))
                .map(|i| i.id)
                .collect();
            let (text, ids) = match ticked.is_empty() {
                true => (
                    env.tr("打印所列物品的标签…", "Print the labels of those listed…"),
                    shown.iter().map(|i| i.id).collect(),
                ),
                false => (env.tr("打印所选标签…", "Print the labels ticked…"), ticked),
            };
            if ui
                .add_enabled(!shown.is_empty(), egui::Button::new(text))
                .clicked()
            {
                actions.push(UiAction::PrintLabels(ids, self.skip));
            }
            let l = ui.label(env.tr("已用标签数", "Labels already used"));
            ui.add(egui::DragValue::new(&mut self.skip).range(0..=23))
                .labelled_by(l.id)
                .on_hover_text(env.tr(
                    "整张 24 枚（3×8，70×37 毫米）；已用过的标签跳过。",
                    "Sheets of 24 (3 × 8, 70 × 37 mm); the labels already used are skipped.",
                ));
        });
    }

    fn new_item_ui(&mut self, ui: &mut Ui, env: &Env, actions: &mut Vec<UiAction>) {
        ui.strong(env.tr("登记新物品", "Register an item"));
        self.new_item
            .sync((), env.data.generation, ItemForm::default);
        self.new_item
            .draft
            .ui(ui, env, "new_item_form", &mut self.choices);
        if let Some(p) = &self.problem {
            ui.colored_label(ui.visuals().error_fg_color, p);
        }
        ui.horizontal(|ui| {
            let ready = !self.new_item.draft.title.trim().is_empty();
            if widgets::save_button(ui, env, env.tr("登记", "Register"), ready) {
                self.save(actions);
            }
            if ui.button(env.tr("取消", "Cancel")).clicked() {
                self.discard();
            }
            ui.weak(env.tr(
                "档案号自动编排，登记后可打印标签。",
                "The archive number is given on registering; print its label after.",
            ));
        });
    }

    /// The stocktake: scan or type each number seen (Enter after each, as a scanner sends),
    /// then what was expected home and not seen, and the numbers the library does not know.
    fn stocktake_ui(
        &mut self,
        ui: &mut Ui,
        env: &Env,
        items: &[LibraryItem],
        actions: &mut Vec<UiAction>,
    ) {
        let Some((seen, typing)) = &mut self.counting else {
            return;
        };
        ui.strong(env.tr("盘点", "Stocktake"));
        ui.horizontal(|ui| {
            let l = ui.label(env.tr("扫描或输入档案号", "Scan or type a number"));
            let r = ui
                .add(egui::TextEdit::singleline(typing).desired_width(180.0))
                .labelled_by(l.id);
            let entered = r.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            if entered {
                match parse_archive_label(typing) {
                    Some(n) => {
                        if !seen.contains(&n) {
                            seen.push(n);
                        }
                        typing.clear();
                    }
                    None => {
                        self.problem = Some(format!(
                            "{}“{}”",
                            env.tr("不是档案号：", "Not an archive number: "),
                            typing.trim()
                        ));
                    }
                }
                r.request_focus();
            }
            ui.label(format!("{} {}", env.tr("已清点", "Seen"), seen.len()));
        });
        let home: Vec<(u32, bool)> = items
            .iter()
            .map(|i| (i.serial, i.out_on().is_some()))
            .collect();
        let found = stocktake(&home, seen);
        let by_serial = |n: u32| items.iter().find(|i| i.serial == n);
        ui.label(format!(
            "{}{}",
            env.tr("应在架未见：", "Expected home, not seen: "),
            found.missing.len()
        ));
        egui::ScrollArea::vertical()
            .id_salt("stocktake_missing")
            .max_height(160.0)
            .show(ui, |ui| {
                for n in &found.missing {
                    if let Some(i) = by_serial(*n) {
                        ui.horizontal(|ui| {
                            if ui.link(i.label()).clicked() {
                                actions.push(UiAction::Navigate(Route::LibraryItem(i.id)));
                            }
                            ui.label(&i.title);
                            ui.weak(i.home.label());
                        });
                    }
                }
            });
        if !found.unknown.is_empty() {
            let numbers: Vec<String> = found
                .unknown
                .iter()
                .map(|n| crate::domain::library::archive_label(*n))
                .collect();
            ui.colored_label(
                ui.visuals().warn_fg_color,
                format!(
                    "{}{}",
                    env.tr(
                        "图书室没有登记的档案号：",
                        "Numbers the library does not know: "
                    ),
                    numbers.join("、")
                ),
            );
        }
    }
}

/// The overdue loans, for the librarian and for the borrowers: who has what since when.
fn overdue_ui(ui: &mut Ui, env: &Env, items: &[LibraryItem], actions: &mut Vec<UiAction>) {
    let mut late: Vec<&LibraryItem> = items
        .iter()
        .filter(|i| i.days_overdue(env.today) > 0)
        .collect();
    if late.is_empty() {
        return;
    }
    late.sort_by_key(|i| std::cmp::Reverse(i.days_overdue(env.today)));
    let mine = late
        .iter()
        .filter(|i| i.out_on().map(|l| l.borrower) == env.current_user.filter(|u| u.0 != 0))
        .count();
    let heading = match env.lang {
        crate::domain::Lang::Zh => format!("逾期未还 {} 件（其中您借的 {mine} 件）", late.len()),
        crate::domain::Lang::En => format!("{} overdue ({mine} of them yours)", late.len()),
    };
    ui.colored_label(ui.visuals().error_fg_color, heading);
    for i in late.iter().take(8) {
        ui.horizontal(|ui| {
            if ui.link(i.label()).clicked() {
                actions.push(UiAction::Navigate(Route::LibraryItem(i.id)));
            }
            ui.label(&i.title);
            where_ui(ui, env, i);
        });
    }
}

/// On the shelf, or with whom until when (red once overdue).
fn where_ui(ui: &mut Ui, env: &Env, i: &LibraryItem) {
    match i.out_on() {
        None => {
            ui.label(env.tr("在架", "On the shelf"));
        }
        Some(l) => {
            let text = format!(
                "{} · {}{}",
                env.data.user_name(Some(l.borrower)),
                env.tr("应还 ", "due "),
                crate::domain::format::date(l.loan.due_on, env.lang)
            );
            let late = l.loan.days_overdue(env.today);
            if late > 0 {
                ui.colored_label(
                    ui.visuals().error_fg_color,
                    match env.lang {
                        crate::domain::Lang::Zh => format!("{text}（逾期 {late} 天）"),
                        crate::domain::Lang::En => format!("{text} ({late} days overdue)"),
                    },
                );
            } else {
                ui.label(text);
            }
        }
    }
}

fn owner(env: &Env, i: &LibraryItem) -> String {
    let zh = env.lang == crate::domain::Lang::Zh;
    let client = i
        .kept_for(env.data.client_name(i.client_id), zh)
        .to_string();
    match i.owner_name.is_empty() {
        true => client,
        false => format!("{client} · {}", i.owner_name),
    }
}

fn matches(i: &LibraryItem, env: &Env, needle: &str) -> bool {
    if let Some(n) = parse_archive_label(needle)
        && n == i.serial
    {
        return true;
    }
    [
        i.label(),
        i.title.clone(),
        owner(env, i),
        i.home.label(),
        i.note.clone(),
    ]
    .iter()
    .any(|t| t.to_lowercase().contains(needle))
}
