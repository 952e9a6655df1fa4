//! The production gate on the job page (制作放行): whether the job may move into production
//! (a production estimate signed by the client with a matching hash, and none awaiting a
//! signature), every problem when it may not, the account director's release with a written
//! reason, and every release made, with who, when, why and what the gate said then.

use crate::domain::estimate::Release;
use crate::domain::estimate::check::GateProblem;
use crate::domain::user::Role;
use crate::domain::{Job, JobId, JobStatus, Lang};
use crate::services::Command;
use crate::ui::model::{Env, UiAction};
use egui::Ui;

/// What the gate said of one job, read once per data generation.
#[derive(Debug)]
struct GateRead {
    job: JobId,
    generation: u64,
    gate: Result<(Vec<GateProblem>, Vec<Release>), String>,
}

/// The gate section's state.
#[derive(Debug, Default)]
pub(super) struct GateSection {
    read: Option<GateRead>,
    reason: String,
}

impl GateSection {
    pub(super) fn ui(&mut self, ui: &mut Ui, env: &Env, job: &Job, actions: &mut Vec<UiAction>) {
        let fresh = self
            .read
            .as_ref()
            .is_some_and(|r| r.job == job.id && r.generation == env.data.generation);
        if !fresh {
            let gate = env
                .store
                .read()
                .map_err(crate::services::ServiceError::from)
                .and_then(|view| {
                    let problems = crate::services::estimates::gate(&view, job.id, env.today)?;
                    Ok((problems, view.releases(job.id)?))
                })
                .map_err(|e| e.message(env.lang));
            self.read = Some(GateRead {
                job: job.id,
                generation: env.data.generation,
                gate,
            });
        }
        let Some(read) = &self.read else {
            return;
        };
        let (problems, releases) = match &read.gate {
            Ok(both) => both,
            Err(message) => {
                ui.colored_label(ui.visuals().error_fg_color, message);
                return;
            }
        };
        let before_production = matches!(
            job.status,
            JobStatus::Requested | JobStatus::Briefed | JobStatus::Estimating
        );
        if !before_production && releases.is_empty() {
            return;
        }
        let lang = env.lang;
        ui.strong(env.tr("制作放行", "Production gate"));
        if before_production {
            if problems.is_empty() {
                ui.label(env.tr(
                    "✔ 已有客户签署（哈希一致）的制作报价，可以进入制作。",
                    "✔ A production estimate is signed by the client with a matching hash: the job may move into production.",
                ));
            } else {
                ui.label(env.tr(
                    "进入制作前需要客户签署的制作报价：",
                    "Before production the client must sign a production estimate:",
                ));
                for p in problems {
                    ui.colored_label(
                        ui.visuals().warn_fg_color,
                        format!("• {}", p.describe(lang == Lang::Zh)),
                    );
                }
                let is_ad = env
                    .current_user
                    .and_then(|u| env.data.user(u))
                    .is_some_and(|u| u.role == Role::AccountDirector);
                if is_ad {
                    ui.horizontal(|ui| {
                        let l = ui.label(env.tr("放行理由", "Reason for the release"));
                        ui.add(egui::TextEdit::singleline(&mut self.reason).desired_width(360.0))
                            .labelled_by(l.id);
                        let go = ui.add_enabled(
                            !self.reason.trim().is_empty(),
                            egui::Button::new(env.tr("放行进入制作", "Release into production")),
                        );
                        if go.clicked() {
                            actions.push(UiAction::Command(Command::ReleaseJob(
                                job.id,
                                self.reason.trim().to_string(),
                            )));
                            self.reason.clear();
                        }
                    });
                } else {
                    ui.weak(env.tr(
                        "如确需先行制作，可由客户总监（AD）填写理由后放行。",
                        "If work must start first, an account director (AD) may release it with a written reason.",
                    ));
                }
            }
        }
        for r in releases {
            let at = r.at.with_timezone(&chrono::Local).format("%Y-%m-%d %H:%M");
            let who = env.data.user_name(Some(r.by));
            let text = match lang {
                Lang::Zh => format!("{at} {who} 放行进入制作：{}", r.reason),
                Lang::En => format!("{at} {who} released the job into production: {}", r.reason),
            };
            ui.label(text).on_hover_text(r.problems.join("；"));
        }
        ui.add_space(6.0);
    }
}
