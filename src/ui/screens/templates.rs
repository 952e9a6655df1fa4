//! Schedule templates (进度表模板): the agency's standard plans, renamed in place, deleted
//! (undone with Ctrl+Z), one marked the default, and each one's tasks edited in a simple
//! table ([`editor`]). A template is added from a job's schedule ("存为模板…" on the
//! schedule screen) or from the built-in standard plan.
//!
//! Every change saves the whole list at once: all edits of one frame are made on one copy
//! and sent as a single [`Command::SaveTemplates`], so two edits never overwrite each other.

mod editor;

use crate::domain::Lang;
use crate::domain::template::{BUILTIN_NAME, ScheduleTemplates, TemplateError, template_calendar};
use crate::services::templates::{builtin, message};
use crate::services::{Base, Command};
use crate::ui::model::{Env, UiAction};
use egui::{RichText, Role, TextEdit, Ui, WidgetInfo};

/// What the page keeps between frames.
#[derive(Debug, Default)]
pub(crate) struct TemplatesPage {
    /// The data generation the buffers below were filled from.
    generation: u64,
    /// The list as stored when the buffers were filled, and its revision, read together: a
    /// change is saved from exactly it (`None` before the first frame).
    shown: Option<(ScheduleTemplates, Base)>,
    /// The names as being typed, by position.
    names: Vec<String>,
    /// The template whose tasks are open, by name (positions move when one is deleted).
    editing: Option<String>,
    /// The task table of the open template.
    editor: editor::TaskTable,
    /// Why the last change was refused, in the person's words.
    error: Option<String>,
}

/// The rows of the list, read once per frame.
struct TemplateRow {
    name: String,
    is_default: bool,
    tasks: usize,
    days: i64,
}

impl TemplatesPage {
    /// Draws the list of templates and, below it, the tasks of the one being edited.
    pub fn ui(&mut self, ui: &mut Ui, env: &Env, actions: &mut Vec<UiAction>) {
        egui::ScrollArea::vertical()
            .id_salt("schedule_templates_page")
            .auto_shrink([false, false])
            .show(ui, |ui| self.page_ui(ui, env, actions));
    }

    fn page_ui(&mut self, ui: &mut Ui, env: &Env, actions: &mut Vec<UiAction>) {
        if self.shown.is_none() || self.generation != env.data.generation {
            self.shown = Some(read_shown(env));
            self.generation = env.data.generation;
            self.names.clear();
        }
        let Some((stored, base)) = self.shown.clone() else {
            return;
        };
        if self.names.len() != stored.templates.len() {
            self.names = stored.templates.iter().map(|t| t.name.clone()).collect();
            self.editor.reload();
        }
        let mut list = stored.clone();
        let mut changed = false;
        ui.heading(env.tr("进度表模板", "Schedule templates"));
        ui.weak(env.tr(
            "新建工作进度表时从默认模板开始（也可另选一个）。在工作的进度表上点“存为模板…”即可把它存为新模板：保留阶段、任务、工期、前后关系和客户配合事项，不保留负责人、备注和进度。",
            "A new schedule starts from the default template (or another one you pick). “Save as template…” on a job's schedule adds one: it keeps phases, tasks, durations, dependencies and what the client owes, not owners, notes or progress.",
        ));
        ui.add_space(8.0);
        self.list_ui(ui, env, &mut list, &mut changed);
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            let add = ui
                .button(env.tr("＋ 添加内置标准流程", "＋ Add the built-in standard plan"))
                .on_hover_text(env.tr(
                    "把软件内置的标准流程再加一份到模板中（例如删除后想找回）。",
                    "Adds a copy of the built-in standard plan (for example after it was deleted).",
                ));
            if add.clicked()
                && let Some(plan) = builtin().templates.into_iter().next().map(|t| t.plan)
            {
                let name = list.unused_name(BUILTIN_NAME);
                let cal = template_calendar();
                self.apply(
                    env,
                    list.save_as(&name, &plan, &cal).map(|_| ()),
                    &mut changed,
                );
            }
            if stored.templates.is_empty() {
                ui.weak(env.tr("还没有模板。", "No templates yet."));
            }
        });
        ui.weak(env.tr(
            "删除、改名或修改后都可以按 Ctrl+Z 撤销。",
            "Deleting, renaming and editing can all be undone with Ctrl+Z.",
        ));
        if let Some(e) = &self.error {
            ui.colored_label(ui.visuals().error_fg_color, e.as_str());
        }
        let open = self
            .editing
            .as_ref()
            .and_then(|name| list.templates.iter().position(|t| &t.name == name));
        if let Some(index) = open {
            ui.separator();
            let mut close = false;
            match self.editor.ui(ui, env, &mut list, index, &mut close) {
                Some(Ok(())) => changed = true,
                Some(Err(e)) => self.error = Some(e),
                None => {}
            }
            if close {
                self.editing = None;
            }
        } else {
            self.editing = None;
        }
        if changed {
            self.error = None;
            actions.push(UiAction::Command(Command::SaveTemplates(list, base)));
        }
    }

    /// Notes the outcome of one change made on the copy: on success there is something to
    /// save; a refusal is shown and the copy is left as it was before that change.
    fn apply(&mut self, env: &Env, result: Result<(), TemplateError>, changed: &mut bool) {
        match result {
            Ok(()) => *changed = true,
            Err(e) => self.error = Some(message(&e, env.lang)),
        }
    }

    /// The table of templates: default, name (typed in place), size, edit and delete.
    fn list_ui(
        &mut self,
        ui: &mut Ui,
        env: &Env,
        list: &mut ScheduleTemplates,
        changed: &mut bool,
    ) {
        let cal = template_calendar();
        let rows: Vec<TemplateRow> = list
            .templates
            .iter()
            .map(|t| TemplateRow {
                name: t.name.clone(),
                is_default: t.is_default,
                tasks: t.plan.tasks.len(),
                days: t.plan.span().map_or(0, |(a, b)| cal.working_days(a, b)),
            })
            .collect();
        let mut rename: Option<(usize, String)> = None;
        let mut default = None;
        let mut delete = None;
        let mut edit = None;
        egui::Grid::new("schedule_templates")
            .num_columns(5)
            .striped(true)
            .spacing([14.0, 6.0])
            .show(ui, |ui| {
                ui.strong(env.tr("默认", "Default"));
                let name_header = ui.strong(env.tr("模板名称", "Template name"));
                ui.strong(env.tr("任务", "Tasks"));
                ui.strong(env.tr("工期", "Length"));
                ui.label("");
                ui.end_row();
                for (i, row) in rows.iter().enumerate() {
                    let label = format!("{}{}", env.tr("设为默认：", "Make default: "), row.name);
                    let r = ui.radio(row.is_default, "");
                    r.widget_info(|| {
                        WidgetInfo::selected(Role::RadioButton, true, row.is_default, &label)
                    });
                    if r.on_hover_text(&label).clicked() && !row.is_default {
                        default = Some(i);
                    }
                    let Some(buffer) = self.names.get_mut(i) else {
                        continue;
                    };
                    // Sized explicitly: a grid column would otherwise keep the width of
                    // its first frame.
                    let height = ui.spacing().interact_size.y;
                    let field = ui
                        .add_sized(
                            [260.0, height],
                            TextEdit::singleline(buffer)
                                .char_limit(crate::domain::template::MAX_NAME_CHARS + 10),
                        )
                        .labelled_by(name_header.id);
                    // Taken once: the field shows the stored name again until the list
                    // is saved (a refused name is explained below the list).
                    if field.lost_focus() && buffer.trim() != row.name {
                        rename = Some((i, std::mem::replace(buffer, row.name.clone())));
                    }
                    ui.label(match env.lang {
                        Lang::Zh => format!("{} 项", row.tasks),
                        Lang::En => format!("{} tasks", row.tasks),
                    });
                    ui.label(days_text(row.days, env.lang));
                    ui.horizontal(|ui| {
                        let editing = self.editing.as_deref() == Some(row.name.as_str());
                        let text = env.tr("编辑任务", "Edit tasks");
                        let label = format!("{text}：{}", row.name);
                        let b = ui.selectable_label(editing, text);
                        b.widget_info(|| WidgetInfo::labeled(Role::Button, true, &label));
                        if b.clicked() {
                            edit = Some((i, !editing));
                        }
                        let text = env.tr("删除", "Delete");
                        let label = format!("{text}：{}", row.name);
                        let b = ui.button(text).on_hover_text(env.tr(
                            "删除这个模板（可按 Ctrl+Z 撤销）",
                            "Delete this template (Ctrl+Z undoes it)",
                        ));
                        b.widget_info(|| WidgetInfo::labeled(Role::Button, true, &label));
                        if b.clicked() {
                            delete = Some(i);
                        }
                    });
                    ui.end_row();
                }
            });
        if let Some((i, name)) = rename {
            let result = list.rename(i, &name);
            if result.is_ok() && self.editing.as_deref() == rows.get(i).map(|r| r.name.as_str()) {
                self.editing = list.templates.get(i).map(|t| t.name.clone());
            }
            self.apply(env, result, changed);
        }
        if let Some(i) = default {
            self.apply(env, list.set_default(i), changed);
        }
        if let Some((i, open)) = edit {
            self.editing = open.then(|| rows.get(i).map(|r| r.name.clone())).flatten();
            self.editor.reload();
        }
        if let Some(i) = delete {
            let result = list.delete(i).map(|_| ());
            self.apply(env, result, changed);
        }
    }
}

/// "12 个工作日" / "12 working days".
/// The templates as stored and the revision a change of them is saved from, read together
/// (the snapshot's copy, saved from no revision — so refused rather than written over a
/// newer list — when they cannot be read).
fn read_shown(env: &Env) -> (ScheduleTemplates, Base) {
    match env.store.templates_shown() {
        Ok((list, rev)) => (
            crate::services::templates::or_builtin(list),
            Base::Shown(rev.map(|r| r.rev)),
        ),
        Err(e) => {
            log::warn!("reading the schedule templates: {e}");
            (env.data.templates.clone(), Base::Shown(None))
        }
    }
}

fn days_text(days: i64, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{days} 个工作日"),
        Lang::En if days == 1 => "1 working day".to_string(),
        Lang::En => format!("{days} working days"),
    }
}

/// A template's name as a heading: 模板“发布会”的任务.
fn tasks_heading(name: &str, lang: Lang) -> RichText {
    let text = match lang {
        Lang::Zh => format!("模板“{name}”的任务"),
        Lang::En => format!("Tasks of the template “{name}”"),
    };
    RichText::new(text)
        .strong()
        .size(crate::ui::theme::HEADING - 4.0)
}
