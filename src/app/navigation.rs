//! The navigation list on the left: the app's places with their counts (minutes that need
//! someone, estimates waiting for the current person, files in the inbox), and the clients.

use super::AccountDeskApp;
use crate::services::Reader;
use crate::ui::model::{ClientTab, Route, UiAction};
use chrono::Local;
use egui::{RichText, Ui};

impl AccountDeskApp {
    /// How many meetings need someone now, the same ones as the strip on the minutes list:
    /// minutes overdue, due soon, disputed or unconfirmed for days, and meetings within a
    /// day with their preparation open. Counted again when the data or the minute changes.
    fn minutes_needing_attention(&mut self) -> usize {
        let now = chrono::Utc::now();
        let key = (self.data.generation, now.timestamp() / 60);
        match self.attention {
            Some((generation, minute, count)) if (generation, minute) == key => count,
            _ => {
                let count = self
                    .data
                    .meetings
                    .iter()
                    .filter(|m| m.attention_rank(now).is_some())
                    .count();
                self.attention = Some((key.0, key.1, count));
                count
            }
        }
    }

    /// How many of the library's items are overdue today, counted again when the data or the
    /// day changes.
    fn library_overdue(&mut self) -> usize {
        let today = Local::now().date_naive();
        if let Some((generation, day, count)) = self.overdue
            && (generation, day) == (self.data.generation, today)
        {
            return count;
        }
        let count = Reader::new(&self.store).library_items().map_or_else(
            |e| {
                log::warn!("counting the overdue loans: {e}");
                0
            },
            |items| items.iter().filter(|i| i.days_overdue(today) > 0).count(),
        );
        self.overdue = Some((self.data.generation, today, count));
        count
    }

    /// How many estimates wait for the current user's decision (待我审批), counted again
    /// when the data or the user changes. An estimate that cannot be read counts nothing
    /// here: the inbox itself says why.
    fn approvals_waiting(&mut self) -> usize {
        let key = (self.data.generation, self.prefs.current_user);
        if let Some((generation, user, count)) = self.approvals
            && (generation, user) == key
        {
            return count;
        }
        let me = self.prefs.current_user.and_then(|u| self.data.user(u));
        let count = me.map_or(0, |me| {
            let actor = crate::domain::estimate::Actor {
                id: me.id,
                role: me.role,
            };
            Reader::new(&self.store)
                .estimates_waiting_for(actor, chrono::Utc::now(), Local::now().date_naive())
                .map_or_else(
                    |e| {
                        log::warn!("counting the estimates waiting for approval: {e}");
                        0
                    },
                    |list| list.len(),
                )
        });
        self.approvals = Some((key.0, key.1, count));
        count
    }

    pub(super) fn navigation_ui(&mut self, ui: &mut Ui, actions: &mut Vec<UiAction>) {
        let lang = self.prefs.lang;
        let attention = self.minutes_needing_attention();
        let waiting = self.approvals_waiting();
        let overdue = self.library_overdue();
        ui.add_space(6.0);
        let mut items = vec![
            (lang.pick("客户", "Clients"), Route::Clients),
            (lang.pick("工作", "Jobs"), Route::Jobs),
            (
                lang.pick("总览", "Timeline"),
                Route::Timeline(crate::ui::model::TimelineScope::Mine),
            ),
            (lang.pick("会议记录", "Meetings"), Route::Meetings),
            (lang.pick("待我审批", "My approvals"), Route::Approvals),
            (lang.pick("收件箱", "Inbox"), Route::Inbox),
            (
                lang.pick("相关资料", "Reference files"),
                Route::Files(crate::ui::model::FilesPlace::Reference),
            ),
            (lang.pick("历史档案", "History archive"), Route::History),
            (lang.pick("图书室", "Library"), Route::Library),
            (lang.pick("用户", "Users"), Route::Users),
            (lang.pick("设置", "Settings"), Route::Settings),
            (lang.pick("进度表模板", "Templates"), Route::Templates),
        ];
        if self.is_team() {
            items.push((lang.pick("团队与权限", "Team and rights"), Route::Team));
        }
        for (label, route) in items {
            let active = match (self.route, route) {
                (
                    Route::Client(..)
                    | Route::NewClient
                    | Route::Brand(_)
                    | Route::Files(
                        crate::ui::model::FilesPlace::Client(_)
                        | crate::ui::model::FilesPlace::Brand(_),
                    ),
                    Route::Clients,
                ) => true,
                (
                    Route::Job(_)
                    | Route::NewJob(_)
                    | Route::Schedule(_)
                    | Route::Estimates(_)
                    | Route::Files(crate::ui::model::FilesPlace::Job(_))
                    | Route::Document(_),
                    Route::Jobs,
                ) => true,
                (Route::Timeline(_), Route::Timeline(_)) => true,
                (
                    Route::Meeting(..)
                    | Route::NewMeeting(_)
                    | Route::Files(crate::ui::model::FilesPlace::Meeting(_)),
                    Route::Meetings,
                ) => true,
                (Route::LibraryItem(_), Route::Library) => true,
                (Route::Archive(_) | Route::Work(_), Route::Clients) => true,
                (a, b) => a == b,
            };
            let text = RichText::new(label).size(16.0);
            // The minutes that need someone are counted beside 会议记录 on every screen, the
            // estimates waiting for the current user beside 待我审批.
            let count = match route {
                Route::Meetings => attention,
                Route::Approvals => waiting,
                Route::Inbox => self.screens.inbox_waiting(),
                Route::Library => overdue,
                _ => 0,
            };
            let badged = count > 0;
            let button = if badged {
                let p = crate::ui::theme::palette(ui.visuals());
                let badge = match route {
                    Route::Meetings | Route::Library => {
                        RichText::new(format!("⚠ {count}")).color(p.warning)
                    }
                    _ => RichText::new(format!("{count}")).color(p.accent),
                }
                .strong();
                egui::Button::selectable(active, (text, egui::Atom::grow(), badge))
            } else {
                egui::Button::selectable(active, (text, egui::Atom::grow()))
            };
            let response = ui.add_sized([ui.available_width(), 30.0], button);
            let zh = lang == crate::domain::Lang::Zh;
            let tip = match (badged, route) {
                (false, _) => None,
                (true, Route::Approvals) if zh => Some(format!("{waiting} 份报价单等待您审批")),
                (true, Route::Approvals) => {
                    Some(format!("{waiting} estimates wait for your approval"))
                }
                (true, Route::Meetings) if zh => Some(format!(
                    "{attention} 个会议需要跟进（记录逾期、即将逾期、有异议、久未确认，或会前准备未完成）"
                )),
                (true, Route::Meetings) => Some(format!(
                    "{attention} meetings need attention (minutes overdue, due soon, disputed or unconfirmed, or preparation open)"
                )),
                (true, Route::Library) if zh => Some(format!("{overdue} 件借出物品已逾期未还")),
                (true, Route::Library) => Some(format!("{overdue} items on loan are overdue")),
                (true, Route::Inbox) if zh => Some(format!("{count} 个文件等待归档")),
                (true, Route::Inbox) => Some(format!("{count} files wait to be filed")),
                (true, _) => None,
            };
            let response = match tip {
                Some(tip) => response.on_hover_text(tip),
                None => response,
            };
            if response.clicked() {
                actions.push(UiAction::Navigate(route));
            }
        }
        ui.add_space(8.0);
        ui.separator();
        ui.label(
            RichText::new(lang.pick("客户档案", "Client files"))
                .small()
                .weak(),
        );
        egui::ScrollArea::vertical()
            .id_salt("nav_clients")
            .show(ui, |ui| {
                for c in self.data.clients.iter().filter(|c| !c.archived) {
                    let selected = matches!(self.route, Route::Client(id, _) if id == c.id);
                    let item =
                        egui::Button::selectable(selected, (c.display_name(), egui::Atom::grow()))
                            .truncate()
                            .min_size(egui::vec2(ui.available_width(), 26.0));
                    if ui.add(item).on_hover_text(&c.name).clicked() {
                        actions.push(UiAction::Navigate(Route::Client(c.id, ClientTab::Details)));
                    }
                }
            });
    }

    /// After data changes, a route may point at something gone (e.g. an undone creation).
    pub(super) fn fix_route(&mut self) {
        let gone = match self.route {
            Route::Client(id, _) => self.data.client(id).is_none(),
            Route::Brand(id) => self.data.brand(id).is_none(),
            Route::Job(id)
            | Route::Schedule(id)
            | Route::Estimates(id)
            | Route::Files(crate::ui::model::FilesPlace::Job(id)) => self.data.job(id).is_none(),
            Route::Files(crate::ui::model::FilesPlace::Client(id)) => {
                self.data.client(id).is_none()
            }
            Route::Files(crate::ui::model::FilesPlace::Brand(id)) => self.data.brand(id).is_none(),
            Route::Meeting(id, _) | Route::Files(crate::ui::model::FilesPlace::Meeting(id)) => {
                self.data.meetings_loaded && self.data.meeting(id).is_none()
            }
            Route::Team => !self.is_team(),
            _ => false,
        };
        if gone {
            self.route = Route::Clients;
        }
    }
}
