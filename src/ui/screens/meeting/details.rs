//! The details tab of a meeting's page: subject, time, place, kind and who was there.

use super::*;

impl MeetingPage {
    pub(super) fn details_ui(&mut self, ui: &mut Ui, env: &Env) {
        let m = &mut self.form.draft;
        form_grid("meeting_details").show(ui, |ui| {
            let l = ui.label(env.tr("类型", "Kind"));
            ui.horizontal(|ui| {
                for k in MeetingKind::ALL {
                    ui.selectable_value(&mut m.kind, k, kind_label(k, env.lang));
                }
            })
            .response
            .labelled_by(l.id);
            ui.end_row();
            crate::ui::screens::widgets::text_row(ui, env.tr("主题", "Subject"), &mut m.title);
            crate::ui::screens::widgets::text_row(ui, env.tr("日期", "Date"), &mut self.times[0]);
            crate::ui::screens::widgets::text_row(
                ui,
                env.tr("开始时间", "Starts at"),
                &mut self.times[1],
            );
            crate::ui::screens::widgets::text_row(
                ui,
                env.tr("结束时间", "Ends at"),
                &mut self.times[2],
            );
            crate::ui::screens::widgets::text_row(ui, env.tr("地点", "Place"), &mut m.place);
        });
        // Only typed times change the meeting's (a stored time may carry seconds).
        let typed = self.times != times_of(m);
        let start = local_moment(&self.times[0], &self.times[1]);
        let end = start.and_then(|s| local_end(&self.times[0], &self.times[2], s));
        match (start, end) {
            (Some(start), Some(end)) => {
                if typed {
                    m.start = start;
                    m.end = end;
                }
                if ends_next_day(m.start, m.end) {
                    ui.weak(env.tr("结束时间在次日。", "It ends on the next day."));
                }
            }
            _ => {
                ui.colored_label(
                    theme::palette(ui.visuals()).warning,
                    env.tr(
                        "日期或时间无效，例如 2026-11-27 和 14:00。",
                        "Not a date or time, e.g. 2026-11-27 and 14:00.",
                    ),
                );
            }
        }
        ui.add_space(10.0);
        ui.strong(env.tr("相关工作", "Jobs"));
        let jobs: Vec<&crate::domain::Job> = env
            .data
            .jobs_of_client(m.client_id)
            .filter(|j| j.status != crate::domain::JobStatus::Archived || m.jobs.contains(&j.id))
            .collect();
        ui.horizontal_wrapped(|ui| {
            for j in jobs {
                let mut on = m.jobs.contains(&j.id);
                if ui
                    .checkbox(&mut on, format!("{} {}", j.number.text, j.title))
                    .changed()
                {
                    if on {
                        m.jobs.push(j.id);
                    } else {
                        m.jobs.retain(|x| *x != j.id);
                    }
                }
            }
        });
        ui.add_space(10.0);
        ui.strong(env.tr("与会人员", "Attendees"));
        let mut remove = None;
        egui::Grid::new("attendees")
            .num_columns(5)
            .spacing([10.0, 6.0])
            .show(ui, |ui| {
                for (i, a) in m.attendees.iter_mut().enumerate() {
                    ui.label(match a.side {
                        Side::Agency => env.tr("代理方", "Agency"),
                        Side::Client => env.tr("客户", "Client"),
                        Side::Other => env.tr("其他", "Other"),
                    });
                    ui.add_sized(
                        [120.0, 22.0],
                        TextEdit::singleline(&mut a.name).hint_text(env.tr("姓名", "Name")),
                    );
                    ui.add_sized(
                        [160.0, 22.0],
                        TextEdit::singleline(&mut a.title)
                            .hint_text(env.tr("职务/公司", "Title or company")),
                    );
                    ui.add_sized(
                        [200.0, 22.0],
                        TextEdit::singleline(&mut a.email).hint_text(env.tr("电子邮件", "Email")),
                    );
                    if ui.small_button(env.tr("移除", "Remove")).clicked() {
                        remove = Some(i);
                    }
                    ui.end_row();
                }
            });
        if let Some(i) = remove {
            m.attendees.remove(i);
        }
        ui.horizontal(|ui| {
            ui.menu_button(env.tr("＋ 本公司人员", "＋ Agency person"), |ui| {
                for u in env.data.active_users() {
                    if m.attendees.iter().any(|a| a.user == Some(u.id)) {
                        continue;
                    }
                    if ui.button(&u.name).clicked() {
                        m.attendees.push(Attendee {
                            side: Side::Agency,
                            user: Some(u.id),
                            contact: None,
                            name: u.name.clone(),
                            title: String::new(),
                            email: String::new(),
                        });
                    }
                }
            });
            ui.menu_button(env.tr("＋ 客户联络人", "＋ Client contact"), |ui| {
                for c in env.data.contacts_of(m.client_id) {
                    if m.attendees.iter().any(|a| a.contact == Some(c.id)) {
                        continue;
                    }
                    if ui.button(&c.name).clicked() {
                        m.attendees.push(Attendee {
                            side: Side::Client,
                            user: None,
                            contact: Some(c.id),
                            name: c.name.clone(),
                            title: c.title.clone(),
                            email: c.email.clone(),
                        });
                    }
                }
            });
            if ui.button(env.tr("＋ 其他", "＋ Other")).clicked() {
                m.attendees.push(Attendee {
                    side: Side::Other,
                    user: None,
                    contact: None,
                    name: String::new(),
                    title: String::new(),
                    email: String::new(),
                });
            }
        });
        ui.add_space(10.0);
        audit_ui(ui, env, &m.audit);
    }
}
