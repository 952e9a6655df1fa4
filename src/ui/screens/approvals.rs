//! 待我审批: the estimates whose next step is the current person's — a submitted version for
//! an AM (or AD) who did not write it, an AM-approved one for the director's office (or an
//! AD) who neither wrote nor approved it. Exactly the decisions the rules would take from
//! this person; opening one goes to its job's estimates.

use crate::domain::estimate::Actor;
use crate::domain::{EstimateId, JobId, UserId};
use crate::services::EstimateShown;
use crate::ui::model::{Env, Route, UiAction};
use egui::Ui;

/// What the inbox read: for which data generation and person, and the estimates (or why
/// they could not be read).
type Inbox = (u64, Option<UserId>, Result<Vec<EstimateShown>, String>);

/// The inbox, read once per data generation and person.
#[derive(Debug, Default)]
pub(crate) struct ApprovalsPage {
    loaded: Option<Inbox>,
    /// The estimate chosen, for the estimates page to open.
    chosen: Option<(JobId, EstimateId)>,
}

impl ApprovalsPage {
    /// The estimate the person chose to open, once.
    pub fn take_chosen(&mut self) -> Option<(JobId, EstimateId)> {
        self.chosen.take()
    }

    /// Draws the inbox.
    pub fn ui(&mut self, ui: &mut Ui, env: &Env, actions: &mut Vec<UiAction>) {
        ui.heading(env.tr("待我审批", "Awaiting my approval"));
        let Some(me) = env.current_user.and_then(|u| env.data.user(u)) else {
            ui.weak(env.tr(
                "请先在右上角选择当前用户。",
                "Choose the current user (top right) first.",
            ));
            return;
        };
        let fresh = self
            .loaded
            .as_ref()
            .is_some_and(|(g, u, _)| *g == env.data.generation && *u == env.current_user);
        if !fresh {
            let actor = Actor {
                id: me.id,
                role: me.role,
            };
            let mine = env.store.estimates_waiting_for(actor, env.now, env.today);
            self.loaded = Some((
                env.data.generation,
                env.current_user,
                mine.map_err(|e| e.message(env.lang)),
            ));
        }
        let Some((_, _, list)) = &self.loaded else {
            return;
        };
        let list = match list {
            Ok(list) => list,
            Err(message) => {
                ui.colored_label(ui.visuals().error_fg_color, message);
                return;
            }
        };
        if list.is_empty() {
            ui.label(env.tr(
                "没有等待您审批的报价单。",
                "Nothing is waiting for your approval.",
            ));
            return;
        }
        let lang = env.lang;
        egui::Grid::new("approvals")
            .striped(true)
            .spacing([14.0, 6.0])
            .show(ui, |ui| {
                for h in [
                    env.tr("报价单", "Estimate"),
                    env.tr("客户", "Client"),
                    env.tr("标题", "Title"),
                    env.tr("状态", "Status"),
                    env.tr("价税合计", "Total with tax"),
                    env.tr("编写人", "Author"),
                    "",
                ] {
                    ui.strong(h);
                }
                ui.end_row();
                for e in list {
                    let Some(v) = e.newest() else {
                        continue;
                    };
                    ui.label(format!("{} {}", e.estimate.number, v.letter()));
                    ui.label(env.data.client_name(e.estimate.client_id));
                    ui.label(&v.title);
                    let (zh, en) = e.status(env.today).names();
                    ui.label(lang.pick(zh, en));
                    ui.label(v.totals().map_or("—".into(), |t| t.gross.to_string()));
                    ui.label(env.data.user_name(Some(v.author)));
                    let open = match lang {
                        crate::domain::Lang::Zh => format!("打开 {}", e.estimate.number),
                        crate::domain::Lang::En => format!("Open {}", e.estimate.number),
                    };
                    if ui.button(open).clicked() {
                        self.chosen = Some((e.estimate.job_id, e.estimate.id));
                        actions.push(UiAction::Navigate(Route::Estimates(e.estimate.job_id)));
                    }
                    ui.end_row();
                }
            });
    }
}
