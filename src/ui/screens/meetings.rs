//! The minutes list (会议记录): every meeting and call with the 24-hour clock of its minutes
//! running, coloured *and* labelled by where the minutes stand; the strip of minutes that
//! need someone (overdue, due soon, unconfirmed, disputed) on top; and the form that books a
//! new meeting.

use super::widgets::{self, Form, form_grid, save_button, text_row};
use crate::domain::meeting::{FollowUp, MeetingKind, MeetingProgress, MinutesState};
use crate::domain::{ClientId, Lang, Meeting, MeetingSummary, UserId, format};
use crate::services::Command;
use crate::ui::model::{Env, MeetingTab, Route, UiAction};
use crate::ui::theme;
use chrono::{DateTime, Local, NaiveTime, TimeZone, Utc};
use egui::{Color32, RichText, Ui};

mod actions;
mod new;

pub(crate) use actions::job_actions_ui;
use actions::my_actions_ui;
pub(crate) use new::{NewMeeting, ends_next_day, local_end, local_moment, new_meeting_ui};

/// How a meeting kind reads.
pub(crate) fn kind_label(kind: MeetingKind, lang: Lang) -> &'static str {
    match kind {
        MeetingKind::Meeting => lang.pick("会议", "Meeting"),
        MeetingKind::PhoneCall => lang.pick("电话", "Phone call"),
        MeetingKind::VideoCall => lang.pick("视频会议", "Video call"),
        MeetingKind::SiteVisit => lang.pick("现场考察", "Site visit"),
    }
}

/// "5 小时 12 分" / "5 h 12 min": a span for the minutes clock.
fn span(d: chrono::Duration, lang: Lang) -> String {
    let minutes = d.num_minutes().max(0);
    let (h, m) = (minutes / 60, minutes % 60);
    if h >= 48 {
        let (d, h) = (h / 24, h % 24);
        return match lang {
            Lang::Zh => format!("{d} 天 {h} 小时"),
            Lang::En => format!("{d} d {h} h"),
        };
    }
    match (lang, h) {
        (Lang::Zh, 0) => format!("{m} 分钟"),
        (Lang::Zh, _) => format!("{h} 小时 {m} 分"),
        (Lang::En, 0) => format!("{m} min"),
        (Lang::En, _) => format!("{h} h {m} min"),
    }
}

/// Where a meeting's minutes stand at `now`, as a label with a marker (so it reads without
/// colour) and its colour.
pub(crate) fn follow_up_label(
    ui: &Ui,
    progress: &MeetingProgress,
    now: DateTime<Utc>,
    lang: Lang,
) -> (String, Color32) {
    let p = theme::palette(ui.visuals());
    match progress.follow_up(now) {
        FollowUp::Upcoming => match progress.prep_warning(now) {
            Some(open) => (
                match lang {
                    Lang::Zh => format!("⚠ 会前准备 {open} 项未完成"),
                    Lang::En => format!("⚠ {open} preparation items open"),
                },
                p.warning,
            ),
            None if now >= progress.start => (
                lang.pick("▶ 会议进行中", "▶ Under way").to_string(),
                p.accent,
            ),
            None => (lang.pick("○ 未开始", "○ Upcoming").to_string(), p.internal),
        },
        FollowUp::Writing { due } => (
            match lang {
                Lang::Zh => format!("● 待发送 · 还剩 {}", span(due - now, lang)),
                Lang::En => format!("● To send · {} left", span(due - now, lang)),
            },
            p.accent,
        ),
        FollowUp::DueSoon { due } => (
            match lang {
                Lang::Zh => format!("⚠ 即将逾期 · 还剩 {}", span(due - now, lang)),
                Lang::En => format!("⚠ Due soon · {} left", span(due - now, lang)),
            },
            p.warning,
        ),
        FollowUp::Overdue { due } => (
            match lang {
                Lang::Zh => format!("⚠ 已逾期 {}", span(now - due, lang)),
                Lang::En => format!("⚠ Overdue by {}", span(now - due, lang)),
            },
            p.error,
        ),
        FollowUp::Awaiting { .. } => (
            lang.pick("✉ 已发送 · 待客户确认", "✉ Sent · awaiting confirmation")
                .to_string(),
            p.accent,
        ),
        FollowUp::Unconfirmed { days } => (
            match lang {
                Lang::Zh => format!("⚠ 已发送 {days} 天未确认"),
                Lang::En => format!("⚠ Unconfirmed for {days} days"),
            },
            p.warning,
        ),
        FollowUp::Disputed => (
            lang.pick("⚠ 客户有异议 · 待修订", "⚠ Disputed · revise")
                .to_string(),
            p.error,
        ),
        FollowUp::Confirmed => (
            lang.pick("★ 客户已确认", "★ Confirmed").to_string(),
            p.success,
        ),
    }
}

/// Whether the meetings are there to draw; if not, says they are on their way and returns
/// false (a large agency's meetings are read beside the first screen).
pub(crate) fn loading_ui(ui: &mut Ui, env: &Env) -> bool {
    if env.data.meetings_loaded {
        return true;
    }
    if let Some(e) = &env.data.meetings_failed {
        ui.colored_label(
            theme::palette(ui.visuals()).error,
            format!(
                "{}{}",
                env.tr("读取会议记录失败：", "Could not read the meetings: "),
                e.text(env.lang)
            ),
        );
        ui.label(env.tr(
            "其他资料不受影响。请关闭后重新打开，或运行 account-desk check 检查数据库。",
            "Everything else is unaffected. Close and reopen, or run account-desk check on the database.",
        ));
        return false;
    }
    ui.horizontal(|ui| {
        ui.spinner();
        ui.label(env.tr("正在载入会议记录…", "Loading the meetings…"));
    });
    ui.ctx()
        .request_repaint_after(std::time::Duration::from_millis(100));
    false
}

/// Which meetings the list shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Filter {
    /// Those whose minutes need someone now, and those still ahead.
    #[default]
    Open,
    /// Every meeting.
    All,
}

/// The minutes list's state: the filter and the client chosen, and the row order.
#[derive(Debug, Default)]
pub(crate) struct MeetingList {
    filter: Filter,
    client: Option<ClientId>,
    rows: Option<Rows>,
}

/// The list's rows as indices into the snapshot's meetings, newest first, kept until the
/// data or the client changes (a decade has 40,000 meetings; sorting them each frame
/// would cost more than drawing).
#[derive(Debug)]
struct Rows {
    generation: u64,
    client: Option<ClientId>,
    user: Option<UserId>,
    /// The current user's open actions (meeting index, action index), by date, from every
    /// client's meetings.
    mine: Vec<(usize, usize)>,
    /// Every meeting of the client (or all clients).
    all: Vec<usize>,
    /// Those whose minutes are not confirmed yet: the only ones that can need someone.
    open: Vec<usize>,
}

impl Rows {
    fn of(env: &Env, client: Option<ClientId>) -> Rows {
        let meetings = &env.data.meetings;
        let mut all: Vec<usize> = (0..meetings.len())
            .filter(|&i| {
                meetings
                    .get(i)
                    .is_some_and(|m| client.is_none_or(|c| m.client_id == c))
            })
            .collect();
        all.sort_by_key(|&i| std::cmp::Reverse(meetings.get(i).map(MeetingSummary::start)));
        let open = all
            .iter()
            .copied()
            .filter(|&i| {
                meetings
                    .get(i)
                    .is_some_and(|m| m.progress.state != MinutesState::Confirmed)
            })
            .collect();
        let mut mine: Vec<(usize, usize)> = Vec::new();
        if let Some(me) = env.current_user {
            for (i, m) in meetings.iter().enumerate() {
                for (j, a) in m.open_actions.iter().enumerate() {
                    if a.owner_user == Some(me) {
                        mine.push((i, j));
                    }
                }
            }
        }
        let due = |&(i, j): &(usize, usize)| {
            let action = meetings.get(i).and_then(|m| m.open_actions.get(j));
            action.and_then(|a| a.due).unwrap_or(chrono::NaiveDate::MAX)
        };
        mine.sort_by_key(due);
        Rows {
            generation: env.data.generation,
            client,
            user: env.current_user,
            mine,
            all,
            open,
        }
    }
}

/// The meetings whose minutes need someone at `now`, most urgent first.
pub(crate) fn needing_attention<'a>(
    meetings: impl Iterator<Item = &'a MeetingSummary>,
    now: DateTime<Utc>,
) -> Vec<&'a MeetingSummary> {
    // Each meeting's state is worked out once: a decade's list has thousands to rank.
    let mut out: Vec<(u8, DateTime<Utc>, &MeetingSummary)> = meetings
        .filter_map(|m| Some((m.attention_rank(now)?, m.minutes_due(), m)))
        .collect();
    out.sort_unstable_by_key(|&(rank, due, m)| (rank, due, m.id));
    out.into_iter().map(|(_, _, m)| m).collect()
}

/// The strip of minutes needing someone, for the top of a list (all clients or one).
pub(crate) fn attention_strip(
    ui: &mut Ui,
    env: &Env,
    meetings: Vec<&MeetingSummary>,
    actions: &mut Vec<UiAction>,
) {
    if meetings.is_empty() {
        return;
    }
    let p = theme::palette(ui.visuals());
    egui::Frame::new()
        .fill(p.faint_bg)
        .stroke(egui::Stroke::new(1.0, p.warning))
        .corner_radius(6.0)
        .inner_margin(10.0)
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(
                RichText::new(match env.lang {
                    Lang::Zh => format!("需要跟进的会议记录（{}）", meetings.len()),
                    Lang::En => format!("Minutes needing attention ({})", meetings.len()),
                })
                .strong(),
            );
            for m in meetings.into_iter().take(8) {
                ui.horizontal(|ui| {
                    let (text, colour) = follow_up_label(ui, &m.progress, env.now, env.lang);
                    ui.label(RichText::new(text).color(colour).strong());
                    let title = format!("{} · {}", env.data.client_name(m.client_id), m.title);
                    if ui.link(title).clicked() {
                        actions.push(UiAction::Navigate(Route::Meeting(m.id, MeetingTab::Send)));
                    }
                });
            }
        });
    ui.add_space(8.0);
}

impl MeetingList {
    /// Draws the list.
    pub fn ui(&mut self, ui: &mut Ui, env: &Env, actions: &mut Vec<UiAction>) {
        if !loading_ui(ui, env) {
            return;
        }
        ui.horizontal(|ui| {
            ui.heading(env.tr("会议记录", "Meetings and minutes"));
            ui.add_space(16.0);
            let new = theme::primary_button(ui.visuals(), env.tr("＋ 新会议", "＋ New meeting"));
            if ui.add(new).clicked() {
                actions.push(UiAction::Navigate(Route::NewMeeting(self.client)));
            }
        });
        ui.add_space(6.0);
        if !self.rows.as_ref().is_some_and(|r| {
            r.generation == env.data.generation
                && r.client == self.client
                && r.user == env.current_user
        }) {
            self.rows = Some(Rows::of(env, self.client));
        }
        let Some(rows) = &self.rows else {
            return;
        };
        let meetings = &env.data.meetings;
        attention_strip(
            ui,
            env,
            needing_attention(rows.open.iter().filter_map(|&i| meetings.get(i)), env.now),
            actions,
        );
        my_actions_ui(ui, env, &rows.mine, actions);
        ui.horizontal(|ui| {
            ui.selectable_value(&mut self.filter, Filter::Open, env.tr("进行中", "Open"));
            ui.selectable_value(&mut self.filter, Filter::All, env.tr("全部", "All"));
            ui.add_space(12.0);
            let l = ui.label(env.tr("客户", "Client"));
            let chosen = match self.client {
                Some(c) => env.data.client_name(c).to_string(),
                None => env.tr("全部客户", "All clients").to_string(),
            };
            egui::ComboBox::from_id_salt("meetings_client")
                .selected_text(chosen)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.client, None, env.tr("全部客户", "All clients"));
                    for c in env.data.clients.iter().filter(|c| !c.archived) {
                        ui.selectable_value(&mut self.client, Some(c.id), c.display_name());
                    }
                })
                .response
                .labelled_by(l.id);
        });
        ui.add_space(6.0);
        let rows = match self.filter {
            Filter::Open => &rows.open,
            Filter::All => &rows.all,
        };
        if rows.is_empty() {
            ui.weak(env.tr(
                "没有会议。点“新会议”记下一次会议或电话。",
                "No meetings. Click New meeting to record a meeting or a call.",
            ));
            return;
        }
        let h = ui.spacing().interact_size.y;
        ui.horizontal(|ui| {
            for (label, width) in [
                (env.tr("时间", "When"), WHEN_WIDTH),
                (env.tr("类型", "Kind"), KIND_WIDTH),
                (env.tr("客户", "Client"), CLIENT_WIDTH),
                (env.tr("主题", "Subject"), SUBJECT_WIDTH),
            ] {
                widgets::cell(ui, width, |ui| ui.strong(label));
            }
            ui.strong(env.tr("会议记录", "Minutes"));
        });
        egui::ScrollArea::vertical()
            .id_salt("meeting_rows")
            .auto_shrink([false, false])
            .show_rows(ui, h, rows.len(), |ui, range| {
                for m in rows.get(range).unwrap_or_default() {
                    if let Some(m) = meetings.get(*m) {
                        meeting_row_ui(ui, env, m, actions);
                    }
                }
            });
        // The clock runs: labels such as "还剩 3 小时 5 分" stay true.
        ui.ctx()
            .request_repaint_after(std::time::Duration::from_secs(30));
    }
}

const WHEN_WIDTH: f32 = 190.0;
const KIND_WIDTH: f32 = 80.0;
const CLIENT_WIDTH: f32 = 120.0;
const SUBJECT_WIDTH: f32 = 300.0;

/// One row of the list: when, kind, client, subject (opens the meeting), minutes' state.
fn meeting_row_ui(ui: &mut Ui, env: &Env, m: &MeetingSummary, actions: &mut Vec<UiAction>) {
    ui.horizontal(|ui| {
        widgets::cell(ui, WHEN_WIDTH, |ui| {
            ui.label(format::moment(m.start(), &Local, env.lang))
        });
        widgets::cell(ui, KIND_WIDTH, |ui| ui.label(kind_label(m.kind, env.lang)));
        widgets::cell(ui, CLIENT_WIDTH, |ui| {
            ui.label(env.data.client_name(m.client_id))
        });
        if widgets::cell(ui, SUBJECT_WIDTH, |ui| ui.link(&m.title)).clicked() {
            let tab = if m.end() <= env.now {
                MeetingTab::Minutes
            } else {
                MeetingTab::Prep
            };
            actions.push(UiAction::Navigate(Route::Meeting(m.id, tab)));
        }
        let (text, colour) = follow_up_label(ui, &m.progress, env.now, env.lang);
        ui.label(RichText::new(text).color(colour));
    });
}
