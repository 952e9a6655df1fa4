//! The line table of an estimate version, made for people who live in Excel: Tab and
//! Shift+Tab walk the cells, Enter goes down (a new line below the last), the arrows move
//! up and down, Ctrl+D duplicates a line, Alt+↑/↓ moves it, Ctrl+Delete removes it, rows
//! pasted from Excel come in as lines and "复制表格" puts them back on the clipboard. Every
//! change to the lines can be undone (Ctrl+Z outside a cell's own typing).

use super::cells::{BillingMode, LineCells, LineField, VersionCells, from_tsv, to_tsv};
use crate::domain::estimate::EstimateKind;
use crate::domain::estimate::LineCategory;
use crate::domain::{EstimateId, JobId, Lang};
use crate::ui::model::Env;
use crate::ui::screens::widgets::Form;
use egui::{Key, KeyboardShortcut, Modifiers, RichText, TextEdit, Ui};

/// What the editor is open on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum EditTarget {
    /// A new estimate of this kind, not saved yet.
    New(EstimateKind),
    /// The newest version of an estimate.
    Existing(EstimateId),
}

/// The editor's key: the job and the target.
pub(super) type EditKey = (JobId, EditTarget);

/// How many changes the editor can undo.
const UNDO_DEPTH: usize = 200;

/// A change to the table's rows, by key or button.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RowChange {
    Insert(usize),
    Duplicate(usize),
    Remove(usize),
    Up(usize),
    Down(usize),
}

/// The version being edited, with its undo history and where the keyboard is.
#[derive(Debug, Default)]
pub(super) struct LineEditor {
    pub form: Form<EditKey, VersionCells>,
    undo: Vec<VersionCells>,
    redo: Vec<VersionCells>,
    /// The cell (line, column of [`LineField::ALL`]) that had the keyboard last frame.
    focus: Option<(usize, usize)>,
    /// The cell to give the keyboard to this frame.
    want: Option<(usize, usize)>,
    /// The draft as it was when the focused cell was entered: one undo step per cell typed.
    typing_from: Option<VersionCells>,
    /// The line whose media terms show below the table.
    media_line: Option<usize>,
    /// The cell entered by key, whose content the first character typed replaces (as in a
    /// spreadsheet; a click, an arrow or Backspace edits it in place instead).
    overwrite: Option<(usize, usize)>,
    /// Why the last paste was refused.
    pub message: Option<String>,
}

fn cell_id(line: usize, column: usize) -> egui::Id {
    egui::Id::unique(("estimate_cell", line, column))
}

impl LineEditor {
    /// Opens the editor on `key` (a new history when the key changes).
    pub(super) fn open(
        &mut self,
        key: EditKey,
        generation: u64,
        load: impl FnOnce() -> (VersionCells, Option<crate::services::RecordRevision>),
        current: impl FnOnce() -> Result<
            Option<crate::services::RecordRevision>,
            crate::services::ReadError,
        >,
    ) {
        if self.form.key() != Some(key) {
            self.undo.clear();
            self.redo.clear();
            self.focus = None;
            self.want = None;
            self.typing_from = None;
            self.media_line = None;
            self.message = None;
        }
        self.form.sync_stored(key, generation, load, current);
    }

    /// Remembers `before` as the state to go back to, after a change.
    fn changed_from(&mut self, before: VersionCells) {
        if before != self.form.draft {
            self.undo.push(before);
            if self.undo.len() > UNDO_DEPTH {
                self.undo.remove(0);
            }
            self.redo.clear();
        }
    }

    pub(super) fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub(super) fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Goes back one change.
    pub(super) fn undo(&mut self) {
        if let Some(before) = self.undo.pop() {
            let now = std::mem::replace(&mut self.form.draft, before);
            self.redo.push(now);
            self.typing_from = self.focus.map(|_| self.form.draft.clone());
        }
    }

    /// Goes forward one undone change.
    pub(super) fn redo(&mut self) {
        if let Some(after) = self.redo.pop() {
            let now = std::mem::replace(&mut self.form.draft, after);
            self.undo.push(now);
            self.typing_from = self.focus.map(|_| self.form.draft.clone());
        }
    }

    /// A change made outside the table (a header field, a category): one undo step.
    pub(super) fn edit(&mut self, f: impl FnOnce(&mut VersionCells)) {
        let before = self.form.draft.clone();
        f(&mut self.form.draft);
        self.changed_from(before);
    }

    fn apply(&mut self, change: RowChange) {
        let lines = self.form.draft.lines.len();
        let before = self.form.draft.clone();
        let d = &mut self.form.draft.lines;
        let mut focus_line = None;
        match change {
            RowChange::Insert(i) => {
                let category = d.get(i).map_or(LineCategory::Production, |l| l.category);
                let at = (i + 1).min(lines);
                d.insert(at, LineCells::blank(category));
                focus_line = Some(at);
            }
            RowChange::Duplicate(i) if i < lines => {
                d.insert(i + 1, d[i].clone());
                focus_line = Some(i + 1);
            }
            RowChange::Remove(i) if i < lines => {
                d.remove(i);
                if d.is_empty() {
                    d.push(LineCells::blank(LineCategory::Production));
                }
                focus_line = Some(i.min(d.len() - 1));
            }
            RowChange::Up(i) if i > 0 && i < lines => {
                d.swap(i - 1, i);
                focus_line = Some(i - 1);
            }
            RowChange::Down(i) if i + 1 < lines => {
                d.swap(i, i + 1);
                focus_line = Some(i + 1);
            }
            _ => {}
        }
        self.changed_from(before);
        if let Some(line) = focus_line {
            let column = self.focus.map_or(0, |(_, c)| c);
            self.want = Some((line, column));
        }
    }

    /// Keys of the table, taken before any cell sees them (only while a cell has the
    /// keyboard): moves, line changes, pasted rows.
    fn keys(&mut self, ui: &Ui, lang: Lang) {
        let Some((line, column)) = self.focus else {
            return;
        };
        if ui.memory(|m| m.focused()) != Some(cell_id(line, column)) {
            return;
        }
        if self.overwrite == Some((line, column)) {
            let first = ui.input(|i| {
                i.events.iter().find_map(|e| match e {
                    egui::Event::Text(_) => Some(true),
                    egui::Event::Key { pressed: true, .. } | egui::Event::Paste(_) => Some(false),
                    _ => None,
                })
            });
            if let Some(typed) = first {
                self.overwrite = None;
                if typed {
                    let field = LineField::ALL[column];
                    if let Some(l) = self.form.draft.lines.get_mut(line) {
                        l.cell(field).clear();
                    }
                }
            }
        }
        let lines = self.form.draft.lines.len();
        let columns = LineField::ALL.len();
        let key = |m: Modifiers, k: Key| {
            ui.input_mut(|i| i.consume_shortcut(&KeyboardShortcut::new(m, k)))
        };
        let row_keys = [
            (Modifiers::COMMAND, Key::D, RowChange::Duplicate(line)),
            (Modifiers::ALT, Key::ArrowUp, RowChange::Up(line)),
            (Modifiers::ALT, Key::ArrowDown, RowChange::Down(line)),
            (Modifiers::COMMAND, Key::Delete, RowChange::Remove(line)),
            (Modifiers::COMMAND, Key::Enter, RowChange::Insert(line)),
        ];
        for (m, k, change) in row_keys {
            if key(m, k) {
                self.finish_typing();
                self.apply(change);
                return;
            }
        }
        if key(Modifiers::SHIFT, Key::Tab) {
            self.want = match (line, column) {
                (0, 0) => Some((0, 0)),
                (l, 0) => Some((l - 1, columns - 1)),
                (l, c) => Some((l, c - 1)),
            };
        } else if key(Modifiers::NONE, Key::Tab) {
            self.want = match column + 1 == columns {
                true if line + 1 == lines => {
                    self.finish_typing();
                    self.apply(RowChange::Insert(line));
                    Some((line + 1, 0))
                }
                true => Some((line + 1, 0)),
                false => Some((line, column + 1)),
            };
        } else if key(Modifiers::NONE, Key::ArrowUp) && line > 0 {
            self.want = Some((line - 1, column));
        } else if key(Modifiers::NONE, Key::ArrowDown) && line + 1 < lines {
            self.want = Some((line + 1, column));
        }
        if let Some(text) = crate::ui::screens::paste::take_pasted_rows(ui) {
            self.paste(&text, line, lang);
        }
    }

    /// Rows pasted from a spreadsheet: inserted below `line` (in its place when it is
    /// empty), or refused whole with the row that cannot be read.
    fn paste(&mut self, text: &str, line: usize, lang: Lang) {
        match from_tsv(text, lang) {
            Ok(rows) => {
                self.finish_typing();
                let before = self.form.draft.clone();
                let d = &mut self.form.draft.lines;
                let at = match d.get(line).is_some_and(LineCells::is_blank) {
                    true => {
                        d.remove(line);
                        line
                    }
                    false => (line + 1).min(d.len()),
                };
                let n = rows.len();
                for (k, row) in rows.into_iter().enumerate() {
                    d.insert(at + k, row);
                }
                self.changed_from(before);
                self.want = Some((at + n - 1, 0));
                self.message = None;
            }
            Err(refused) => self.message = Some(refused.0),
        }
    }

    /// The cell being typed in is left: its typing becomes one undo step.
    fn finish_typing(&mut self) {
        if let Some(before) = self.typing_from.take() {
            self.changed_from(before);
        }
    }

    /// Undo and redo by key, outside a cell's own typing.
    fn undo_keys(&mut self, ui: &Ui) {
        let typing = self
            .typing_from
            .as_ref()
            .is_some_and(|t| *t != self.form.draft);
        if typing {
            return;
        }
        let key = |m: Modifiers, k: Key| {
            ui.input_mut(|i| i.consume_shortcut(&KeyboardShortcut::new(m, k)))
        };
        let (cmd, shift) = (Modifiers::COMMAND, Modifiers::SHIFT);
        if self.can_redo() && (key(cmd | shift, Key::Z) || key(cmd, Key::Y)) {
            self.redo();
        } else if self.can_undo() && key(cmd, Key::Z) {
            self.undo();
        }
    }

    /// The line table. `editable` false shows it read-only (a version sent or signed).
    pub(super) fn table_ui(&mut self, ui: &mut Ui, env: &Env, editable: bool) {
        if editable {
            self.keys(ui, env.lang);
            self.undo_keys(ui);
        }
        let mut change = None;
        let mut focused = None;
        let mut entered = None;
        let lang = env.lang;
        egui::ScrollArea::horizontal()
            .id_salt("estimate_lines")
            .show(ui, |ui| {
                egui::Grid::new("estimate_lines_grid")
                    .striped(true)
                    .spacing([6.0, 4.0])
                    .show(ui, |ui| {
                        ui.strong("#");
                        ui.strong(lang.pick("类别", "Category"));
                        for f in &LineField::ALL[..5] {
                            ui.strong(f.title(lang));
                        }
                        ui.strong(lang.pick("金额", "Amount"));
                        for f in &LineField::ALL[5..] {
                            ui.strong(f.title(lang));
                        }
                        ui.strong("");
                        ui.end_row();
                        let count = self.form.draft.lines.len();
                        for i in 0..count {
                            let n = i + 1;
                            ui.weak(format!("{n}"));
                            self.category_ui(ui, env, i, editable);
                            for (c, f) in LineField::ALL.into_iter().enumerate() {
                                if c == 5 {
                                    let amount = self.form.draft.lines[i]
                                        .line(lang)
                                        .ok()
                                        .and_then(|l| l.amount().ok());
                                    let text = amount.map_or("—".to_string(), |a| a.to_string());
                                    ui.label(RichText::new(text).monospace());
                                }
                                let label = match lang {
                                    Lang::Zh => format!("第 {n} 行{}", f.title(lang)),
                                    Lang::En => format!("Line {n} {}", f.title(lang)),
                                };
                                let value = self.form.draft.lines[i].cell(f);
                                let mut edit = TextEdit::singleline(value)
                                    .id(cell_id(i, c))
                                    .desired_width(f.width());
                                if f.numeric() {
                                    edit = edit.align(egui::Align2::RIGHT_CENTER);
                                }
                                let size = [f.width(), 22.0];
                                let r = ui
                                    .add_enabled_ui(editable, |ui| ui.add_sized(size, edit))
                                    .inner;
                                r.widget_info(|| {
                                    egui::WidgetInfo::labeled(
                                        egui::Role::TextInput,
                                        editable,
                                        label.as_str(),
                                    )
                                });
                                if self.want == Some((i, c)) {
                                    r.request_focus();
                                    self.overwrite = Some((i, c));
                                }
                                if r.has_focus() || r.gained_focus() {
                                    focused = Some((i, c));
                                }
                                if r.lost_focus() && ui.input(|inp| inp.key_pressed(Key::Enter)) {
                                    entered = Some((i, c));
                                }
                            }
                            if editable {
                                ui.horizontal(|ui| {
                                    let buttons = [
                                        (
                                            lang.pick("复制", "Copy"),
                                            lang.pick(
                                                "复制此行 (Ctrl+D)",
                                                "Duplicate line (Ctrl+D)",
                                            ),
                                            RowChange::Duplicate(i),
                                        ),
                                        (
                                            "↑",
                                            lang.pick("上移 (Alt+↑)", "Move up (Alt+↑)"),
                                            RowChange::Up(i),
                                        ),
                                        (
                                            "↓",
                                            lang.pick("下移 (Alt+↓)", "Move down (Alt+↓)"),
                                            RowChange::Down(i),
                                        ),
                                        (
                                            lang.pick("删除", "Delete"),
                                            lang.pick(
                                                "删除此行 (Ctrl+Delete)",
                                                "Delete line (Ctrl+Delete)",
                                            ),
                                            RowChange::Remove(i),
                                        ),
                                    ];
                                    for (icon, tip, c) in buttons {
                                        if ui.small_button(icon).on_hover_text(tip).clicked() {
                                            change = Some(c);
                                        }
                                    }
                                });
                            }
                            ui.end_row();
                        }
                    });
            });
        if self.want.is_some_and(|w| Some(w) == focused) {
            self.want = None;
        }
        // Entering another cell (or leaving the table) closes the typing of the last one.
        if focused != self.focus {
            self.finish_typing();
            if focused.is_some() {
                self.typing_from = Some(self.form.draft.clone());
            }
        }
        if self.overwrite != focused {
            self.overwrite = None;
        }
        self.focus = focused;
        if let Some((line, _)) = focused {
            self.media_line = Some(line);
        }
        if let Some((line, column)) = entered {
            self.finish_typing();
            if line + 1 == self.form.draft.lines.len() {
                self.apply(RowChange::Insert(line));
            }
            self.want = Some((line + 1, column));
        }
        if let Some(c) = change {
            self.finish_typing();
            self.apply(c);
        }
        if editable {
            self.media_ui(ui, env);
        }
    }

    fn category_ui(&mut self, ui: &mut Ui, env: &Env, i: usize, editable: bool) {
        let lang = env.lang;
        let current = self.form.draft.lines[i].category;
        let name = |c: LineCategory| {
            let (zh, en) = c.names();
            lang.pick(zh, en)
        };
        let mut chosen = current;
        let combo = ui.add_enabled_ui(editable, |ui| {
            egui::ComboBox::from_id_salt(("estimate_category", i))
                .width(72.0)
                .selected_text(name(current))
                .show_ui(ui, |ui| {
                    for c in LineCategory::ALL {
                        ui.selectable_value(&mut chosen, c, name(c));
                    }
                })
        });
        let label = match lang {
            Lang::Zh => format!("第 {} 行类别", i + 1),
            Lang::En => format!("Line {} category", i + 1),
        };
        ui.ctx()
            .accesskit_node_builder(combo.inner.response.id, |node| node.set_label(label));
        if chosen != current {
            self.finish_typing();
            self.edit(|d| d.lines[i].category = chosen);
            if chosen == LineCategory::Media {
                self.media_line = Some(i);
            }
        }
    }

    /// The terms of the media line last worked on, below the table.
    fn media_ui(&mut self, ui: &mut Ui, env: &Env) {
        let lang = env.lang;
        let Some(i) = self.media_line.filter(|&i| {
            self.form
                .draft
                .lines
                .get(i)
                .is_some_and(|l| l.category == LineCategory::Media)
        }) else {
            return;
        };
        ui.add_space(4.0);
        let before = self.form.draft.clone();
        let m = &mut self.form.draft.lines[i].media;
        ui.horizontal_wrapped(|ui| {
            ui.strong(match lang {
                Lang::Zh => format!("第 {} 行媒介条款", i + 1),
                Lang::En => format!("Line {} media terms", i + 1),
            });
            let l = ui.label(lang.pick("媒体/渠道", "Channel"));
            ui.add(TextEdit::singleline(&mut m.channel).desired_width(120.0))
                .labelled_by(l.id);
            let l = ui.label(lang.pick("计费方式", "Billing"));
            let combo = egui::ComboBox::from_id_salt("media_billing")
                .selected_text(m.billing.name(lang))
                .show_ui(ui, |ui| {
                    for b in BillingMode::ALL {
                        ui.selectable_value(&mut m.billing, b, b.name(lang));
                    }
                });
            combo.response.labelled_by(l.id);
            let l = ui.label(lang.pick("费率 %", "Rate %"));
            ui.add(TextEdit::singleline(&mut m.rate).desired_width(50.0))
                .labelled_by(l.id);
            let l = ui.label(lang.pick("投放开始", "Flight from"));
            ui.add(
                TextEdit::singleline(&mut m.start)
                    .desired_width(90.0)
                    .hint_text("2026-12-01"),
            )
            .labelled_by(l.id);
            let l = ui.label(lang.pick("投放结束", "Flight to"));
            ui.add(
                TextEdit::singleline(&mut m.end)
                    .desired_width(90.0)
                    .hint_text("2026-12-31"),
            )
            .labelled_by(l.id);
        });
        ui.weak(lang.pick(
            "佣金、加成和返点由费率算出，不需手填。",
            "Commission, markup and rebate are computed from the rate, never typed.",
        ));
        if before != self.form.draft && self.typing_from.is_none() {
            self.typing_from = Some(before);
        }
    }

    /// Puts the lines on the clipboard as Excel takes them.
    pub(super) fn copy_ui(&self, ui: &mut Ui, lang: Lang) {
        let button = ui
            .button(lang.pick("复制表格", "Copy table"))
            .on_hover_text(lang.pick(
                "复制所有明细行（含表头），可直接粘贴到 Excel",
                "Copy every line with a header row, ready to paste into Excel",
            ));
        if button.clicked() {
            ui.ctx().copy_text(to_tsv(&self.form.draft.lines, lang));
        }
    }

    /// Lines read from a file: after the lines typed so far (the empty ones dropped), one
    /// undo step.
    pub(super) fn import_lines(&mut self, lines: Vec<LineCells>) {
        self.finish_typing();
        self.edit(|d| {
            d.lines.retain(|l| !l.is_blank());
            d.lines.extend(lines);
            if d.lines.is_empty() {
                d.lines.push(LineCells::blank(LineCategory::Production));
            }
        });
    }

    /// Adds a line at the end and puts the keyboard in it.
    pub(super) fn add_line(&mut self) {
        let last = self.form.draft.lines.len().saturating_sub(1);
        self.finish_typing();
        self.apply(RowChange::Insert(last));
        self.want = Some((self.form.draft.lines.len() - 1, 0));
    }
}
