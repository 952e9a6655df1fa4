//! Actions agreed in meetings, as to-do lists: the current user's from every meeting, and a
//! job's from its meetings.

use super::*;

/// The current user's open actions from every meeting's minutes, by date (我的待办).
pub(super) fn my_actions_ui(
    ui: &mut Ui,
    env: &Env,
    mine: &[(usize, usize)],
    actions: &mut Vec<UiAction>,
) {
    if mine.is_empty() {
        return;
    }
    let count = mine.len();
    let meetings = &env.data.meetings;
    let mine = mine.iter().filter_map(|&(i, j)| {
        let m = meetings.get(i)?;
        Some((m, m.open_actions.get(j)?))
    });
    let p = theme::palette(ui.visuals());
    ui.label(
        RichText::new(match env.lang {
            Lang::Zh => format!("我的待办事项（{count}）"),
            Lang::En => format!("My actions ({count})"),
        })
        .strong(),
    );
    for (m, a) in mine.take(10) {
        ui.horizontal(|ui| {
            let late = a.due.is_some_and(|d| d < env.today);
            let due = a.due.map_or_else(
                || env.tr("未定日期", "No date").to_string(),
                |d| format::date(d, env.lang),
            );
            let text = if late {
                RichText::new(format!("⚠ {due}")).color(p.error)
            } else {
                RichText::new(due)
            };
            ui.label(text);
            ui.label(&a.what);
            if ui.link(format!("({})", m.title)).clicked() {
                actions.push(UiAction::Navigate(Route::Meeting(
                    m.id,
                    MeetingTab::Minutes,
                )));
            }
        });
    }
    ui.add_space(8.0);
}

/// The open actions agreed in meetings about `job`, by date: what was promised beside the
/// schedule it affects.
pub(crate) fn job_actions_ui(
    ui: &mut Ui,
    env: &Env,
    job: crate::domain::JobId,
    actions: &mut Vec<UiAction>,
) {
    let mut open: Vec<(&MeetingSummary, &crate::domain::meeting::ActionItem)> = env
        .data
        .meetings
        .iter()
        .filter(|m| m.jobs.contains(&job))
        .flat_map(|m| m.open_actions.iter().map(move |a| (m, a)))
        .collect();
    if open.is_empty() {
        return;
    }
    open.sort_by_key(|(_, a)| a.due.unwrap_or(chrono::NaiveDate::MAX));
    let p = theme::palette(ui.visuals());
    ui.add_space(10.0);
    ui.strong(match env.lang {
        Lang::Zh => format!("会议待办事项（{}）", open.len()),
        Lang::En => format!("Actions from meetings ({})", open.len()),
    });
    egui::Grid::new(("job_meeting_actions", job.0))
        .num_columns(4)
        .spacing([14.0, 6.0])
        .show(ui, |ui| {
            for (m, a) in open {
                let due = a.due.map_or_else(
                    || env.tr("未定日期", "No date").to_string(),
                    |d| format::date(d, env.lang),
                );
                if a.due.is_some_and(|d| d < env.today) {
                    ui.label(RichText::new(format!("⚠ {due}")).color(p.error));
                } else {
                    ui.label(due);
                }
                ui.label(&a.what);
                ui.label(if a.owner.is_empty() { "—" } else { &a.owner });
                if ui.link(&m.title).clicked() {
                    actions.push(UiAction::Navigate(Route::Meeting(
                        m.id,
                        MeetingTab::Minutes,
                    )));
                }
                ui.end_row();
            }
        });
}
