//! First start: open the sample agency, or start empty by saying who you are.

use super::model::{Env, UiAction};
use super::theme;
use crate::domain::{Role, format};
use crate::services::{Command, UserDraft};
use egui::RichText;

/// Width of the "who are you" column.
const FORM_WIDTH: f32 = 420.0;

/// State of the welcome screen.
#[derive(Debug, Default)]
pub struct Welcome {
    starting_empty: bool,
    draft: UserDraft,
}

impl Welcome {
    /// Draws the welcome screen.
    pub fn ui(&mut self, ui: &mut egui::Ui, env: &Env, actions: &mut Vec<UiAction>) {
        let palette = theme::palette(ui.visuals());
        ui.vertical_centered(|ui| {
            ui.add_space(60.0);
            ui.label(RichText::new("客户执行台")
                    .size(40.0)
                    .family(egui::FontFamily::Name(super::fonts::BOLD.into())).color(palette.accent));
            ui.label(RichText::new("Account Desk").size(22.0).color(palette.internal));
            ui.add_space(12.0);
            ui.label(env.tr(
                "客户档案、品牌档案、工作简要与进度表——为客户服务部而做。",
                "Client files, brand files, job briefs and schedules — made for account teams.",
            ));
            ui.add_space(30.0);
            if !self.starting_empty {
                let size = egui::vec2(280.0, 48.0);
                let sample = theme::primary_button(
                    ui.visuals(),
                    RichText::new(env.tr("打开示例公司", "Open sample agency")).size(18.0),
                )
                .min_size(size);
                if ui.add(sample).clicked() {
                    actions.push(UiAction::LoadSampleData);
                }
                ui.weak(env.tr(
                    "四个客户、品牌、联络人、合约和十余个带简要的工作，可随意试用。",
                    "Four clients with brands, contacts, contracts and a dozen jobs with briefs to try things on.",
                ));
                ui.add_space(16.0);
                let empty = egui::Button::new(
                    RichText::new(env.tr("从空白开始", "Start empty")).size(18.0),
                )
                .min_size(size);
                if ui.add(empty).clicked() {
                    self.starting_empty = true;
                }
                ui.add_space(16.0);
                let team = egui::Button::new(
                    RichText::new(env.tr("连接团队数据库", "Connect to a team database")).size(18.0),
                )
                .min_size(size);
                if ui.add(team).clicked() {
                    actions.push(UiAction::SwitchDatabase);
                }
                ui.weak(env.tr(
                    "整个客户服务部共用一个 PostgreSQL 数据库：填写 IT 给您的地址。",
                    "The whole account team on one PostgreSQL database: add the address IT gave you.",
                ));
            } else {
                self.who_ui(ui, env, actions);
            }
        });
    }

    /// "Who are you?": name and role of the first user, in a column centred under the app's
    /// name whose heading, fields and buttons share one left edge.
    fn who_ui(&mut self, ui: &mut egui::Ui, env: &Env, actions: &mut Vec<UiAction>) {
        let width = FORM_WIDTH.min(ui.available_width());
        ui.allocate_ui_with_layout(
            egui::vec2(width, 0.0),
            egui::Layout::top_down(egui::Align::Min),
            |ui| {
                ui.set_width(width);
                ui.heading(env.tr("您是谁？", "Who are you?"));
                ui.weak(env.tr(
                    "每一处修改都会记录修改人。同事可稍后在【用户】中添加。",
                    "Every change records who made it. Add colleagues under Users.",
                ));
                ui.add_space(10.0);
                egui::Grid::new("welcome_user")
                    .num_columns(2)
                    .spacing([12.0, 8.0])
                    .show(ui, |ui| {
                        let l = ui.label(env.tr("姓名", "Your name"));
                        ui.add(
                            egui::TextEdit::singleline(&mut self.draft.name)
                                .desired_width(FORM_WIDTH - 100.0)
                                .hint_text(env.tr("例如：王小明", "e.g. Alex Wang")),
                        )
                        .labelled_by(l.id);
                        ui.end_row();
                        let l = ui.label(env.tr("角色", "Role"));
                        egui::ComboBox::from_id_salt("welcome_role")
                            .selected_text(format::role(self.draft.role, env.lang))
                            .show_ui(ui, |ui| {
                                for r in Role::ALL {
                                    let text = format::role(r, env.lang);
                                    ui.selectable_value(&mut self.draft.role, r, text);
                                }
                            })
                            .response
                            .labelled_by(l.id);
                        ui.end_row();
                    });
                ui.add_space(10.0);
                ui.horizontal(|ui| {
                    let start = theme::primary_button(ui.visuals(), env.tr("开始", "Start"));
                    if ui.add(start).clicked() {
                        actions.push(UiAction::Command(Command::AddUser(self.draft.clone())));
                    }
                    if ui.button(env.tr("返回", "Back")).clicked() {
                        self.starting_empty = false;
                    }
                });
            },
        );
    }
}
