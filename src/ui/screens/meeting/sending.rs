//! The Send tab of a meeting's page: sending the minutes as a new version, and the client's
//! confirmation or comments on each version sent.

use super::*;

impl MeetingPage {
    pub(super) fn send_ui(
        &mut self,
        ui: &mut Ui,
        env: &Env,
        stored: &Meeting,
        actions: &mut Vec<UiAction>,
    ) {
        let id = stored.id;
        let p = theme::palette(ui.visuals());
        let due = format::moment(stored.minutes_due(), &Local, env.lang);
        ui.label(match env.lang {
            Lang::Zh => format!("会议记录须在 {due} 前发出（会后 24 小时）。"),
            Lang::En => format!("The minutes are due by {due} (24 hours after the meeting)."),
        });
        if let Some(on_time) = stored.sent_on_time() {
            let (text, colour) = if on_time {
                (
                    env.tr("第一版已按时发出。", "The first version went out on time."),
                    p.success,
                )
            } else {
                (
                    env.tr(
                        "第一版超过 24 小时才发出。",
                        "The first version went out late.",
                    ),
                    p.warning,
                )
            };
            ui.colored_label(colour, text);
        }
        let state = stored.state();
        let next = stored.next_version();
        let can_send = match state {
            MinutesState::Draft | MinutesState::Disputed => true,
            MinutesState::Sent | MinutesState::Notified => stored.revised() || self.form.is_dirty(),
            MinutesState::Confirmed => false,
        };
        ui.add_space(6.0);
        self.doc_lang_ui(ui, env);
        let doc_lang = self.doc_lang(env);
        ui.horizontal(|ui| {
            let label = match env.lang {
                Lang::Zh => format!("发送 v{next}（生成 PDF 与邮件草稿）"),
                Lang::En => format!("Send v{next} (PDF and email draft)"),
            };
            if ui.add_enabled(can_send, egui::Button::new(label)).clicked() {
                self.save(id, actions);
                actions.push(UiAction::SendMinutes(id, doc_lang));
            }
            if ui
                .button(env.tr("导出会议记录 PDF…", "Export minutes PDF…"))
                .clicked()
            {
                self.save(id, actions);
                actions.push(UiAction::ExportMinutes(id, None, doc_lang));
            }
        });
        if matches!(state, MinutesState::Sent | MinutesState::Notified) {
            ui.add_space(8.0);
            if state == MinutesState::Sent
                && ui
                    .button(env.tr("已通知客户确认", "Client notified to confirm"))
                    .clicked()
            {
                actions.push(UiAction::Command(Command::Minutes(id, MinutesStep::Notify)));
            }
            form_grid("minutes_reply").show(ui, |ui| {
                crate::ui::screens::widgets::text_row(
                    ui,
                    env.tr("客户确认人", "Confirmed by"),
                    &mut self.reply_by,
                );
                crate::ui::screens::widgets::multiline_row(
                    ui,
                    env.tr("客户意见", "Client's comments"),
                    &mut self.comments,
                );
            });
            ui.horizontal(|ui| {
                if ui
                    .button(env.tr("客户已确认", "Client confirmed"))
                    .clicked()
                {
                    actions.push(UiAction::Command(Command::Minutes(
                        id,
                        MinutesStep::Confirm {
                            by: self.reply_by.clone(),
                            scan: None,
                        },
                    )));
                }
                if ui
                    .button(env.tr("选择回传件…", "Choose signed copy…"))
                    .on_hover_text(env.tr(
                        "记下客户确认，并附上客户回传的签字版（也可以把文件拖到本页）",
                        "Record the client's confirmation with the signed copy they returned (or drop the file on this page)",
                    ))
                    .clicked()
                {
                    actions.push(UiAction::ChooseSignedCopy {
                        meeting: id,
                        confirm_by: Some(self.reply_by.clone()),
                    });
                }
                if ui.button(env.tr("客户有异议", "Client disputes")).clicked() {
                    actions.push(UiAction::Command(Command::Minutes(
                        id,
                        MinutesStep::Dispute {
                            by: self.reply_by.clone(),
                            comments: self.comments.clone(),
                        },
                    )));
                }
            });
        }
        ui.add_space(10.0);
        ui.strong(env.tr("发送记录", "Versions sent"));
        if stored.sent.is_empty() {
            ui.weak(env.tr("尚未发送。", "Nothing sent yet."));
        }
        for s in stored.sent.iter().rev() {
            let when = format::moment(s.stamp.at, &Local, env.lang);
            let who = env.data.user_name(Some(s.stamp.by));
            ui.label(match env.lang {
                Lang::Zh => format!("v{} · {when} 由 {who} 发给 {}", s.version, s.to.join("、")),
                Lang::En => format!("v{} · {when} by {who} to {}", s.version, s.to.join(", ")),
            });
            if let Some(n) = s.notified {
                ui.weak(format!(
                    "    {} {}",
                    env.tr("已通知客户：", "Client notified:"),
                    format::moment(n, &Local, env.lang)
                ));
            }
            match &s.reply {
                Some(Reply::Confirmed { at, by, scan }) => {
                    ui.colored_label(
                        p.success,
                        format!(
                            "    ★ {} {by}, {}",
                            env.tr("已确认：", "Confirmed:"),
                            format::moment(*at, &Local, env.lang),
                        ),
                    );
                    let latest = stored.sent.last().map(|l| l.version) == Some(s.version);
                    signed_copy_ui(ui, env, id, scan.as_ref(), latest, actions);
                }
                Some(Reply::Disputed { at, by, comments }) => {
                    ui.colored_label(
                        p.error,
                        format!(
                            "    ⚠ {} {by}, {}：{comments}",
                            env.tr("有异议：", "Disputed:"),
                            format::moment(*at, &Local, env.lang)
                        ),
                    );
                }
                None => {}
            }
            if ui
                .small_button(match env.lang {
                    Lang::Zh => format!("导出 v{} PDF…", s.version),
                    Lang::En => format!("Export v{} PDF…", s.version),
                })
                .clicked()
            {
                actions.push(UiAction::ExportMinutes(id, Some(s.version), doc_lang));
            }
        }
    }
}

/// The signed copy of a confirmed version: its name and size with an open button, or the
/// outside path it was typed as; for the latest version, a button to choose (or replace) it.
fn signed_copy_ui(
    ui: &mut Ui,
    env: &Env,
    id: MeetingId,
    scan: Option<&SignedCopy>,
    latest: bool,
    actions: &mut Vec<UiAction>,
) {
    let p = theme::palette(ui.visuals());
    ui.horizontal(|ui| {
        ui.add_space(16.0);
        match scan {
            Some(SignedCopy::Stored(file)) => {
                ui.label(format!(
                    "{} {} · {}",
                    env.tr("回传件：", "Signed copy:"),
                    file.original_name,
                    format::file_size(file.size)
                ));
                if ui
                    .small_button(env.tr("打开回传件", "Open signed copy"))
                    .clicked()
                {
                    actions.push(UiAction::OpenStoredFile(file.clone()));
                }
            }
            Some(SignedCopy::Outside(path)) => {
                ui.colored_label(
                    p.warning,
                    format!(
                        "{} {path}",
                        env.tr(
                            "回传件（外部路径，文件未找到，未收入本库）：",
                            "Signed copy (outside path, file not found, not kept here):"
                        )
                    ),
                );
            }
            None => {
                ui.weak(env.tr("尚无回传件。", "No signed copy yet."));
            }
        }
        if latest {
            let label = match scan {
                Some(SignedCopy::Stored(_)) => env.tr("更换回传件…", "Replace signed copy…"),
                _ => env.tr("选择回传件…", "Choose signed copy…"),
            };
            if ui
                .small_button(label)
                .on_hover_text(env.tr("也可以把文件拖到本页", "Or drop the file on this page"))
                .clicked()
            {
                actions.push(UiAction::ChooseSignedCopy {
                    meeting: id,
                    confirm_by: None,
                });
            }
        }
    });
}

impl MeetingPage {
    /// A file dropped on the meeting page becomes the signed copy of the latest version:
    /// with the client's confirmation while it awaits the reply, filed (or replacing the
    /// one before) once it is confirmed. Ignored in other states, with nothing imported.
    pub(super) fn dropped_files_ui(&self, ui: &Ui, stored: &Meeting, actions: &mut Vec<UiAction>) {
        let dropped = crate::ui::screens::files::dropped_paths(ui);
        // One signed copy per version: the first file dropped.
        let Some(path) = dropped.into_iter().next() else {
            return;
        };
        let confirm_by = match stored.state() {
            MinutesState::Sent | MinutesState::Notified => Some(self.reply_by.clone()),
            MinutesState::Confirmed => None,
            MinutesState::Draft | MinutesState::Disputed => return,
        };
        actions.push(UiAction::AttachSignedCopy {
            meeting: stored.id,
            path,
            confirm_by,
        });
    }
}
