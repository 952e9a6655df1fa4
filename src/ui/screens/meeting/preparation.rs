//! The preparation and agenda tabs of a meeting's page: the checklist its kind needs, and
//! the agenda with its export.

use super::*;

impl MeetingPage {
    pub(super) fn prep_ui(&mut self, ui: &mut Ui, env: &Env) {
        let m = &mut self.form.draft;
        if let Some(open) = m.prep_warning(env.now) {
            ui.colored_label(
                theme::palette(ui.visuals()).warning,
                match env.lang {
                    Lang::Zh => format!("⚠ 会议 24 小时内开始，还有 {open} 项准备未完成。"),
                    Lang::En => {
                        format!("⚠ The meeting starts within 24 hours; {open} items are open.")
                    }
                },
            );
            ui.add_space(6.0);
        }
        let mut remove = None;
        egui::Grid::new("prep")
            .num_columns(3)
            .spacing([12.0, 6.0])
            .show(ui, |ui| {
                for (i, p) in m.prep.iter_mut().enumerate() {
                    let label = prep_label(p, env.lang);
                    if p.kind == PrepKind::Custom {
                        ui.horizontal(|ui| {
                            ui.checkbox(&mut p.done, "");
                            ui.add_sized([260.0, 22.0], TextEdit::singleline(&mut p.label));
                        });
                    } else {
                        ui.checkbox(&mut p.done, label);
                    }
                    ui.add_sized(
                        [120.0, 22.0],
                        TextEdit::singleline(&mut p.owner).hint_text(env.tr("负责人", "Owner")),
                    );
                    if p.kind == PrepKind::Custom
                        && ui.small_button(env.tr("移除", "Remove")).clicked()
                    {
                        remove = Some(i);
                    }
                    ui.end_row();
                }
            });
        if let Some(i) = remove {
            m.prep.remove(i);
        }
        if ui
            .button(env.tr("＋ 准备事项", "＋ Preparation item"))
            .clicked()
        {
            m.prep.push(PrepItem {
                kind: PrepKind::Custom,
                label: String::new(),
                owner: String::new(),
                done: false,
            });
        }
    }

    pub(super) fn agenda_ui(&mut self, ui: &mut Ui, env: &Env, actions: &mut Vec<UiAction>) {
        let id = self.form.draft.id;
        let m = &mut self.form.draft;
        let mut at = m.start;
        let mut remove = None;
        let mut swap = None;
        egui::Grid::new("agenda")
            .num_columns(5)
            .spacing([10.0, 6.0])
            .show(ui, |ui| {
                for h in [
                    env.tr("时间", "Time"),
                    env.tr("议程", "Item"),
                    env.tr("主讲人", "Presenter"),
                    env.tr("分钟", "Minutes"),
                    "",
                ] {
                    ui.strong(h);
                }
                ui.end_row();
                let n = m.agenda.len();
                for (i, item) in m.agenda.iter_mut().enumerate() {
                    ui.label(at.with_timezone(&Local).format("%H:%M").to_string());
                    let length = chrono::Duration::minutes(i64::from(item.minutes));
                    at = at.checked_add_signed(length).unwrap_or(at);
                    ui.add_sized([300.0, 22.0], TextEdit::singleline(&mut item.title));
                    ui.add_sized([100.0, 22.0], TextEdit::singleline(&mut item.presenter));
                    ui.add(egui::DragValue::new(&mut item.minutes).range(0..=600));
                    ui.horizontal(|ui| {
                        if i > 0 && ui.small_button("↑").clicked() {
                            swap = Some(i - 1);
                        }
                        if i + 1 < n && ui.small_button("↓").clicked() {
                            swap = Some(i);
                        }
                        if ui.small_button(env.tr("移除", "Remove")).clicked() {
                            remove = Some(i);
                        }
                    });
                    ui.end_row();
                }
            });
        if let Some(i) = swap {
            m.agenda.swap(i, i + 1);
        }
        if let Some(i) = remove {
            m.agenda.remove(i);
        }
        let mut export = false;
        let total: i64 = m.agenda.iter().map(|a| i64::from(a.minutes)).sum();
        ui.weak(match env.lang {
            Lang::Zh => format!("共 {total} 分钟"),
            Lang::En => format!("{total} minutes in all"),
        });
        self.doc_lang_ui(ui, env);
        let mut add = false;
        ui.horizontal(|ui| {
            add = ui.button(env.tr("＋ 议程", "＋ Agenda item")).clicked();
            export = ui
                .button(env.tr("导出议程 PDF…", "Export agenda PDF…"))
                .clicked();
        });
        if add {
            self.form.draft.agenda.push(AgendaItem {
                title: String::new(),
                presenter: String::new(),
                minutes: 15,
            });
        }
        if export {
            self.save(id, actions);
            actions.push(UiAction::ExportAgenda(id, self.doc_lang(env)));
        }
    }
}
