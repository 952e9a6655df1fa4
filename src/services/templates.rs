//! Schedule templates (进度表模板): the agency's standard plans, saved whole (undoable, like
//! the settings), and a job's schedule saved as a new one. Until the agency saves its
//! templates the list holds the built-in standard plan alone, as the default.

use super::{Base, Outcome, Reverse, ServiceError, done, need};
use crate::domain::template::{ANCHOR, ScheduleTemplates, TemplateError, template_calendar};
use crate::domain::{Action, Job, JobId, Lang, Subject};
use crate::store::{Key, Kind, WriteTx};

/// The templates an agency has before it saved any: the built-in standard plan, default.
pub fn builtin() -> ScheduleTemplates {
    let cal = template_calendar();
    ScheduleTemplates::with_builtin(&super::standard_plan(ANCHOR, &cal), &cal)
}

/// The templates as stored, or the built-in standard plan when none were ever saved.
pub fn or_builtin(stored: Option<ScheduleTemplates>) -> ScheduleTemplates {
    stored.unwrap_or_else(builtin)
}

/// The templates in effect inside a transaction.
fn current(tx: &WriteTx) -> Result<ScheduleTemplates, ServiceError> {
    Ok(or_builtin(tx.templates()?))
}

/// The change-log line: the templates by name, the default marked.
fn summary(list: &ScheduleTemplates) -> String {
    let names: Vec<String> = list
        .templates
        .iter()
        .map(|t| match t.is_default {
            true => format!("{}（默认）", t.name),
            false => t.name.clone(),
        })
        .collect();
    format!("进度表模板：{}", names.join("、"))
}

/// Saves the whole list as edited (names trimmed), after checking it; undo puts the
/// previous list back.
pub(super) fn save(
    tx: &mut WriteTx,
    mut list: ScheduleTemplates,
    base: Base,
) -> Result<Outcome, ServiceError> {
    base.check(tx, Kind::Templates, Key::ONE)?;
    for t in &mut list.templates {
        t.name = t.name.trim().to_string();
    }
    list.validate()?;
    let before = current(tx)?;
    tx.put_templates(&list)?;
    Ok(done(
        Subject::Settings,
        0,
        Action::Updated,
        summary(&list),
        Some(Reverse::Templates(before)),
    ))
}

/// Adds the working schedule of `job_id` as a new template named `name` (without its
/// owners, notes and progress); undo removes it again.
pub(super) fn save_schedule_as(
    tx: &mut WriteTx,
    job_id: JobId,
    name: &str,
) -> Result<Outcome, ServiceError> {
    let job: Job = need(tx, "job", job_id.0)?;
    let plan = tx
        .schedule(job_id)?
        .map(|s| s.schedule)
        .filter(|s| !s.tasks.is_empty())
        .ok_or_else(|| TemplateError::EmptyPlan(job.number.text.clone()))?;
    let cal = tx.settings()?.calendar();
    let before = current(tx)?;
    let mut list = before.clone();
    let at = list.save_as(name, &plan, &cal)?;
    list.validate()?;
    tx.put_templates(&list)?;
    let added = &list.templates[at];
    Ok(done(
        Subject::Settings,
        0,
        Action::Updated,
        format!(
            "进度表模板“{}”（{} 项，来自 {}）",
            added.name,
            added.plan.tasks.len(),
            job.number.text
        ),
        Some(Reverse::Templates(before)),
    ))
}

/// Undo: the previous list back, as it was; the list it replaces is what a redo puts back.
pub(super) fn restore(tx: &mut WriteTx, list: ScheduleTemplates) -> Result<Outcome, ServiceError> {
    let replaced = current(tx)?;
    tx.put_templates(&list)?;
    Ok(done(
        Subject::Settings,
        0,
        Action::Updated,
        summary(&list),
        Some(Reverse::Templates(replaced)),
    ))
}

/// The message a person sees for a refused change to the templates.
pub fn message(e: &TemplateError, lang: Lang) -> String {
    use TemplateError as E;
    match (e, lang) {
        (E::NameRequired, Lang::Zh) => "请填写模板名称。".into(),
        (E::NameRequired, Lang::En) => "Give the template a name.".into(),
        (E::NameTooLong { max }, Lang::Zh) => format!("模板名称太长：最多 {max} 个字。"),
        (E::NameTooLong { max }, Lang::En) => {
            format!("The template name is too long: at most {max} characters.")
        }
        (E::NameControlChar, Lang::Zh) => "模板名称含有不可见的控制字符，请删除后重试。".into(),
        (E::NameControlChar, Lang::En) => {
            "The template name contains an invisible control character; remove it and try again."
                .into()
        }
        (E::DuplicateName(name), Lang::Zh) => {
            format!("已有名为“{name}”的模板，请换一个名称。")
        }
        (E::DuplicateName(name), Lang::En) => {
            format!("There is already a template named “{name}”; choose another name.")
        }
        (E::TooMany { max }, Lang::Zh) => {
            format!("最多保存 {max} 个进度表模板，请先删除不用的模板。")
        }
        (E::TooMany { max }, Lang::En) => {
            format!("At most {max} schedule templates; delete one you no longer use first.")
        }
        (E::NoTemplate(_), Lang::Zh) => "该模板已不存在（可能已被删除或撤销）。".into(),
        (E::NoTemplate(_), Lang::En) => {
            "That template no longer exists (it may have been deleted or undone).".into()
        }
        (E::EmptyPlan(name), Lang::Zh) => {
            format!("“{name}”没有任务：模板至少要有一个任务，请先添加任务。")
        }
        (E::EmptyPlan(name), Lang::En) => {
            format!("“{name}” has no tasks: a template needs at least one; add a task first.")
        }
        (
            E::Plan {
                template,
                task,
                problem,
            },
            lang,
        ) => {
            let detail = ServiceError::Schedule {
                task: task.clone(),
                problem: problem.clone(),
            }
            .message(lang);
            match lang {
                Lang::Zh => format!("模板“{template}”：{detail}"),
                Lang::En => format!("Template “{template}”: {detail}"),
            }
        }
        (E::Defaults(n), Lang::Zh) => {
            format!("有 {n} 个模板被设为默认；请只选一个默认模板。")
        }
        (E::Defaults(n), Lang::En) => {
            format!("{n} templates are marked as the default; choose exactly one.")
        }
    }
}

#[cfg(test)]
mod tests;
