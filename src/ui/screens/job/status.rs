//! A job's status steps on its page: the buttons to the next statuses, and what a step asks
//! for first — the reason of a cancel or a reopen, and the completion form (工作完成表) that
//! completing a job files in its job file. Archiving a completed job waits for that form.

use crate::domain::{Fen, Job, JobId, JobStatus, format};
use crate::reports::completion::CompletionForm;
use crate::services::{Base, Command};
use crate::ui::model::{Env, UiAction};
use egui::Ui;

/// A step being asked for, with what was typed so far.
#[derive(Debug, Clone)]
pub(crate) enum Asking {
    /// The reason of a cancel or a reopen.
    Reason(JobId, JobStatus, String),
    /// The completion form.
    Completion(JobId, FormDraft),
}

/// The completion form as typed.
#[derive(Debug, Clone, Default)]
pub(crate) struct FormDraft {
    delivered: String,
    final_cost: String,
    lessons: String,
    problem: Option<String>,
}

/// The buttons to the statuses the job can move to (waiting while the job's details have
/// unsaved edits: `base` is `None`).
pub(super) fn buttons(
    ui: &mut Ui,
    env: &Env,
    job: &Job,
    base: Option<Base>,
    has_form: bool,
    asking: &mut Option<Asking>,
    actions: &mut Vec<UiAction>,
) {
    let unsaved = env.tr(
        "请先保存或放弃对工作信息的修改，再更改状态",
        "Save or discard your changes to the job details first",
    );
    for next in job.status.next_options() {
        // Cancelling and reopening are said with a reason, asked below.
        if let Some(why) = job.status.reason_needed(next) {
            let text = format!("{}…", env.tr(why.names().0, why.names().1));
            let b = ui.add_enabled(base.is_some(), egui::Button::new(text));
            if b.on_disabled_hover_text(unsaved).clicked() {
                *asking = Some(Asking::Reason(job.id, next, String::new()));
            }
            continue;
        }
        let text = format!("→ {}", format::job_status(next, env.lang));
        // Completing asks for the completion form below.
        if next == JobStatus::Completed && job.status == JobStatus::InProduction {
            let b = ui.add_enabled(base.is_some(), egui::Button::new(format!("{text}…")));
            if b.on_disabled_hover_text(unsaved).clicked() {
                *asking = Some(Asking::Completion(job.id, FormDraft::default()));
            }
            continue;
        }
        // A completed job goes into the history archive with its completion form.
        let blocked = next == JobStatus::Archived && !has_form;
        let button = ui
            .add_enabled(base.is_some() && !blocked, egui::Button::new(text))
            .on_disabled_hover_text(match blocked {
                true => env.tr(
                    "归档前，工作档案中须有工作完成表。",
                    "The job file needs its completion form before the job is archived.",
                ),
                false => unsaved,
            });
        if button.clicked()
            && let Some(base) = base
        {
            actions.push(UiAction::Command(Command::SetJobStatus(job.id, next, base)));
        }
    }
}

/// What the step asked for: the reason, or the completion form.
pub(super) fn asking_ui(
    ui: &mut Ui,
    env: &Env,
    job: &Job,
    base: Option<Base>,
    asking: &mut Option<Asking>,
    actions: &mut Vec<UiAction>,
) {
    let done = match asking {
        Some(Asking::Reason(id, to, reason)) if *id == job.id => {
            reason_ui(ui, env, job, base, (*to, reason), actions)
        }
        Some(Asking::Completion(id, form)) if *id == job.id => {
            completion_ui(ui, env, job, base, form, actions)
        }
        _ => false,
    };
    if done {
        *asking = None;
    }
}

/// The reason of a cancel or a reopen; `true` once it is sent or dropped.
fn reason_ui(
    ui: &mut Ui,
    env: &Env,
    job: &Job,
    base: Option<Base>,
    (to, reason): (JobStatus, &mut String),
    actions: &mut Vec<UiAction>,
) -> bool {
    let Some(why) = job.status.reason_needed(to) else {
        return true;
    };
    let mut done = false;
    ui.horizontal(|ui| {
        let l = ui.label(format!(
            "{}{}",
            env.tr(why.names().0, why.names().1),
            env.tr("的理由", ": why")
        ));
        ui.add(egui::TextEdit::singleline(reason).desired_width(320.0))
            .labelled_by(l.id);
        let ready = !reason.trim().is_empty() && base.is_some();
        let confirm = format!(
            "{} {}",
            env.tr("确认", "Confirm:"),
            env.tr(why.names().0, why.names().1)
        );
        if ui.add_enabled(ready, egui::Button::new(confirm)).clicked()
            && let Some(base) = base
        {
            actions.push(UiAction::Command(Command::MoveJobSaying(
                job.id,
                to,
                reason.trim().to_string(),
                base,
            )));
            done = true;
        }
        if ui.button(env.tr("不改了", "Never mind")).clicked() {
            done = true;
        }
    });
    done
}

/// The completion form; `true` once it is sent or dropped.
fn completion_ui(
    ui: &mut Ui,
    env: &Env,
    job: &Job,
    base: Option<Base>,
    form: &mut FormDraft,
    actions: &mut Vec<UiAction>,
) -> bool {
    ui.strong(env.tr("工作完成表", "Job completion form"));
    super::widgets::form_grid("completion_form").show(ui, |ui| {
        super::widgets::multiline_row(ui, env.tr("交付内容", "Delivered"), &mut form.delivered);
        super::widgets::money_row(
            ui,
            env,
            env.tr("最终成本（含税）", "Final cost (with tax)"),
            &mut form.final_cost,
        );
        super::widgets::multiline_row(ui, env.tr("经验与教训", "Lessons"), &mut form.lessons);
    });
    if let Some(p) = &form.problem {
        ui.colored_label(ui.visuals().error_fg_color, p);
    }
    let mut done = false;
    ui.horizontal(|ui| {
        let ready = !form.delivered.trim().is_empty() && base.is_some();
        let b = ui
            .add_enabled(
                ready,
                egui::Button::new(
                    env.tr("完成工作并归档完成表", "Complete the job and file the form"),
                ),
            )
            .on_disabled_hover_text(env.tr("请写明交付内容。", "Say what was delivered."));
        if b.clicked()
            && let Some(base) = base
        {
            let cost = match form.final_cost.trim() {
                "" => Ok(None),
                t => Fen::parse(t)
                    .map(Some)
                    .map_err(|_| format!("{}“{t}”", env.tr("金额无效：", "Not an amount: "))),
            };
            match cost {
                Ok(final_cost) => {
                    actions.push(UiAction::CompleteJob(
                        job.id,
                        Box::new(CompletionForm {
                            delivered: form.delivered.trim().to_string(),
                            final_cost,
                            lessons: form.lessons.trim().to_string(),
                        }),
                        base,
                    ));
                    done = true;
                }
                Err(e) => form.problem = Some(e),
            }
        }
        if ui.button(env.tr("不改了", "Never mind")).clicked() {
            done = true;
        }
    });
    done
}
