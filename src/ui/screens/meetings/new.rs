//! The new-meeting form, and how the dates and times typed into it are read in local time.

use super::*;

/// What the new-meeting form holds, as typed.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct NewMeeting {
    pub kind: Option<MeetingKind>,
    pub client: Option<ClientId>,
    pub title: String,
    pub date: String,
    pub start: String,
    pub end: String,
    pub place: String,
}

/// Parses a time of day as typed: `14:00`, `14：00`, `1400`, `9:30`.
pub(crate) fn parse_time(input: &str) -> Option<NaiveTime> {
    let s = input.trim().replace('：', ":");
    NaiveTime::parse_from_str(&s, "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(&s, "%H%M"))
        .ok()
}

/// A local date and time of day as a UTC moment (the earlier one when clocks go back).
pub(crate) fn local_moment(date: &str, time: &str) -> Option<DateTime<Utc>> {
    let d = format::parse_date(date)?;
    let t = parse_time(time)?;
    Local
        .from_local_datetime(&d.and_time(t))
        .earliest()
        .map(|t| t.with_timezone(&Utc))
}

/// The end of a meeting that starts at `start`, typed as a time of day on the meeting's
/// `date`: a time before the start is on the next day (a call from 23:00 to 00:30), as in a
/// calendar program. `None` when the date or time is not one.
pub(crate) fn local_end(date: &str, time: &str, start: DateTime<Utc>) -> Option<DateTime<Utc>> {
    let end = local_moment(date, time)?;
    if end >= start {
        return Some(end);
    }
    let next_day = format::parse_date(date)?.succ_opt()?;
    local_moment(&next_day.format("%Y-%m-%d").to_string(), time)
}

/// Whether a meeting ends on a later local day than it starts.
pub(crate) fn ends_next_day(start: DateTime<Utc>, end: DateTime<Utc>) -> bool {
    end.with_timezone(&Local).date_naive() > start.with_timezone(&Local).date_naive()
}

/// The meeting the form describes, or what is wrong with it.
fn build(d: &NewMeeting, env: &Env) -> Result<Meeting, String> {
    let client = d
        .client
        .ok_or_else(|| env.tr("请选择客户。", "Choose the client.").to_string())?;
    let start = local_moment(&d.date, &d.start).ok_or_else(|| {
        env.tr(
            "请填写日期和开始时间，例如 2026-11-27 和 14:00。",
            "Type the date and the start, e.g. 2026-11-27 and 14:00.",
        )
        .to_string()
    })?;
    let end = if d.end.trim().is_empty() {
        start + chrono::Duration::hours(1)
    } else {
        local_end(&d.date, &d.end, start).ok_or_else(|| {
            env.tr(
                "结束时间无效，例如 15:30。",
                "The end is not a time, e.g. 15:30.",
            )
            .to_string()
        })?
    };
    let actor = env.current_user.unwrap_or(UserId(0));
    let mut m = Meeting::new(
        d.kind.unwrap_or(MeetingKind::Meeting),
        client,
        start,
        end,
        crate::domain::Stamp {
            by: actor,
            at: env.now,
        },
    );
    m.title = d.title.clone();
    m.place = d.place.clone();
    if let Some(u) = env.current_user.and_then(|u| env.data.user(u)) {
        m.attendees.push(crate::domain::meeting::Attendee {
            side: crate::domain::meeting::Side::Agency,
            user: Some(u.id),
            contact: None,
            name: u.name.clone(),
            title: String::new(),
            email: String::new(),
        });
    }
    Ok(m)
}

/// The new-meeting form: kind, client, subject, date and times, place.
pub(crate) fn new_meeting_ui(
    ui: &mut Ui,
    env: &Env,
    for_client: Option<ClientId>,
    form: &mut Form<Option<ClientId>, NewMeeting>,
    actions: &mut Vec<UiAction>,
) {
    form.sync(for_client, 0, || NewMeeting {
        kind: Some(MeetingKind::Meeting),
        client: for_client,
        date: env.today.format("%Y-%m-%d").to_string(),
        ..Default::default()
    });
    ui.heading(env.tr("新会议", "New meeting"));
    ui.add_space(8.0);
    let d = &mut form.draft;
    form_grid("new_meeting").show(ui, |ui| {
        let l = ui.label(env.tr("类型", "Kind"));
        ui.horizontal(|ui| {
            for k in MeetingKind::ALL {
                ui.selectable_value(&mut d.kind, Some(k), kind_label(k, env.lang));
            }
        })
        .response
        .labelled_by(l.id);
        ui.end_row();
        let l = ui.label(env.tr("客户", "Client"));
        let chosen = d
            .client
            .map_or(env.tr("请选择", "Choose").to_string(), |c| {
                env.data.client_name(c).to_string()
            });
        egui::ComboBox::from_id_salt("new_meeting_client")
            .selected_text(chosen)
            .show_ui(ui, |ui| {
                for c in env.data.clients.iter().filter(|c| !c.archived) {
                    ui.selectable_value(&mut d.client, Some(c.id), c.display_name());
                }
            })
            .response
            .labelled_by(l.id);
        ui.end_row();
        text_row(ui, env.tr("主题", "Subject"), &mut d.title);
        text_row(ui, env.tr("日期", "Date"), &mut d.date);
        text_row(ui, env.tr("开始时间", "Starts at"), &mut d.start);
        text_row(ui, env.tr("结束时间", "Ends at"), &mut d.end);
        text_row(ui, env.tr("地点", "Place"), &mut d.place);
    });
    ui.add_space(10.0);
    let built = build(d, env);
    if let Err(why) = &built {
        ui.colored_label(theme::palette(ui.visuals()).internal, why);
    }
    if save_button(ui, env, env.tr("创建", "Create"), built.is_ok())
        && let Ok(m) = built
    {
        actions.push(UiAction::Command(Command::SaveMeeting(
            Box::new(m),
            crate::services::Base::Shown(None),
        )));
    }
}
