//! 团队与权限, the team database's administration in the window (what `account-desk team
//! user …`, `team confidential` and `team member` do on the command line): the people with
//! their logins, roles and whether they are shut out; adding a person with a password; the
//! confidential clients and their members. The server decides: an AE sees the screen but
//! every change they try is refused by it, and the refusal is shown as it says.

use super::AccountDeskApp;
use crate::domain::{ClientId, Lang, UserId};
use crate::store::{StoreError, TeamPerson, TeamRole};
use egui::{RichText, Ui};

/// The screen's state: what was read from the server, and the new person being typed.
#[derive(Debug, Default)]
pub(super) struct PeopleAdmin {
    /// Read from the server (`None`: to be read on the next frame).
    people: Option<Vec<TeamPerson>>,
    walls: Vec<(u64, Vec<UserId>)>,
    new: NewPerson,
    /// The last refusal or failure, in the interface language.
    message: Option<String>,
}

#[derive(Debug)]
struct NewPerson {
    login: String,
    name: String,
    role: TeamRole,
    password: String,
    again: String,
}

impl Default for NewPerson {
    fn default() -> Self {
        NewPerson {
            login: String::new(),
            name: String::new(),
            role: TeamRole::Ae,
            password: String::new(),
            again: String::new(),
        }
    }
}

/// What a click asked the server to do.
enum PeopleChange {
    Role(UserId, TeamRole),
    Disabled(UserId, bool),
    Confidential(ClientId, bool),
    Member(ClientId, UserId, bool),
    Add,
}

/// A role as the screen names it.
fn role_name(role: TeamRole, lang: Lang) -> &'static str {
    match role {
        TeamRole::Ae => lang.pick("AE 客户执行", "AE account executive"),
        TeamRole::Am => lang.pick("AM 客户经理", "AM account manager"),
        TeamRole::Ad => lang.pick("AD 客户总监", "AD account director"),
        TeamRole::Director => lang.pick("总监办公室", "Director's office"),
        TeamRole::Admin => lang.pick("管理员", "Administrator"),
    }
}

impl AccountDeskApp {
    /// Forgets what the screen read, so that it is read again (after a change, or when the
    /// screen opens).
    pub(super) fn forget_people(&mut self) {
        self.people_admin.people = None;
    }

    /// Draws 团队与权限.
    pub(super) fn people_ui(&mut self, ui: &mut Ui) {
        let lang = self.prefs.lang;
        if self.people_admin.people.is_none() {
            let read = self
                .store
                .team_admin()
                .and_then(|admin| Ok((admin.people()?, admin.walls()?)));
            match read {
                Ok((people, walls)) => {
                    self.people_admin.people = Some(people);
                    self.people_admin.walls = walls;
                }
                Err(e) => {
                    self.people_admin.people = Some(Vec::new());
                    self.people_admin.message = Some(e.message(lang));
                }
            }
        }
        let mut change = None;
        egui::ScrollArea::vertical().show(ui, |ui| {
            ui.heading(lang.pick("团队与权限", "Team and rights"));
            ui.weak(lang.pick(
                "每人用自己的登录名连接团队数据库。只有管理员能添加人员、修改角色；保密客户的成员由管理员或该客户的 AD 编辑。服务器检查每一项修改。",
                "Everyone connects with their own login. Only an administrator adds people and changes roles; a confidential client's members are edited by an administrator or the client's AD. The server checks every change.",
            ));
            if let Some(m) = &self.people_admin.message {
                ui.colored_label(ui.visuals().error_fg_color, m);
            }
            ui.add_space(8.0);
            self.people_grid(ui, &mut change);
            ui.add_space(12.0);
            self.new_person_ui(ui, &mut change);
            ui.add_space(12.0);
            self.walls_ui(ui, &mut change);
        });
        if let Some(change) = change {
            self.apply_people_change(change);
        }
    }

    fn people_grid(&mut self, ui: &mut Ui, change: &mut Option<PeopleChange>) {
        let lang = self.prefs.lang;
        ui.strong(lang.pick("人员", "People"));
        let people = self.people_admin.people.clone().unwrap_or_default();
        egui::Grid::new("team_people")
            .num_columns(4)
            .striped(true)
            .spacing([16.0, 6.0])
            .show(ui, |ui| {
                for h in [
                    lang.pick("姓名", "Name"),
                    lang.pick("登录", "Login"),
                    lang.pick("角色", "Role"),
                    lang.pick("停用", "Disabled"),
                ] {
                    ui.label(RichText::new(h).strong());
                }
                ui.end_row();
                for p in &people {
                    let name = self.data.user_name(Some(p.user)).to_string();
                    let named = ui.label(&name);
                    ui.label(
                        p.login
                            .as_deref()
                            .unwrap_or(lang.pick("（尚无登录名）", "(no login yet)")),
                    );
                    let mut role = p.role;
                    egui::ComboBox::from_id_salt(("team_role", p.user.0))
                        .selected_text(role_name(role, lang))
                        .show_ui(ui, |ui| {
                            for r in TeamRole::ALL {
                                ui.selectable_value(&mut role, r, role_name(r, lang));
                            }
                        })
                        .response
                        .labelled_by(named.id);
                    if role != p.role {
                        *change = Some(PeopleChange::Role(p.user, role));
                    }
                    let mut disabled = p.disabled;
                    let label = format!("{}{name}", lang.pick("停用 ", "Disable "));
                    if ui
                        .checkbox(&mut disabled, "")
                        .on_hover_text(&label)
                        .labelled_by(named.id)
                        .changed()
                    {
                        *change = Some(PeopleChange::Disabled(p.user, disabled));
                    }
                    ui.end_row();
                }
            });
    }

    fn new_person_ui(&mut self, ui: &mut Ui, change: &mut Option<PeopleChange>) {
        let lang = self.prefs.lang;
        ui.strong(lang.pick("新人员", "New person"));
        let new = &mut self.people_admin.new;
        egui::Grid::new("team_new_person")
            .num_columns(2)
            .spacing([12.0, 6.0])
            .show(ui, |ui| {
                let l = ui.label(lang.pick("登录名", "Login name"));
                ui.add(egui::TextEdit::singleline(&mut new.login).hint_text("wang"))
                    .labelled_by(l.id);
                ui.end_row();
                let l = ui.label(lang.pick("显示名", "Display name"));
                ui.add(
                    egui::TextEdit::singleline(&mut new.name)
                        .hint_text(lang.pick("王小明", "Alex Wang")),
                )
                .labelled_by(l.id);
                ui.end_row();
                let l = ui.label(lang.pick("新人员的角色", "New person's role"));
                egui::ComboBox::from_id_salt("team_new_role")
                    .selected_text(role_name(new.role, lang))
                    .show_ui(ui, |ui| {
                        for r in TeamRole::ALL {
                            ui.selectable_value(&mut new.role, r, role_name(r, lang));
                        }
                    })
                    .response
                    .labelled_by(l.id);
                ui.end_row();
                let l = ui.label(lang.pick("初始密码", "First password"));
                ui.add(egui::TextEdit::singleline(&mut new.password).password(true))
                    .labelled_by(l.id);
                ui.end_row();
                let l = ui.label(lang.pick("再输一次", "Again"));
                ui.add(egui::TextEdit::singleline(&mut new.again).password(true))
                    .labelled_by(l.id);
                ui.end_row();
            });
        if ui.button(lang.pick("添加人员", "Add person")).clicked() {
            *change = Some(PeopleChange::Add);
        }
    }

    fn walls_ui(&mut self, ui: &mut Ui, change: &mut Option<PeopleChange>) {
        let lang = self.prefs.lang;
        ui.strong(lang.pick("保密客户", "Confidential clients"));
        ui.weak(lang.pick(
            "保密客户的记录、文件和修改记录只有其成员能看到（服务竞争品牌时的隔离）。",
            "Only a confidential client's members see its records, files and history (walls between competing brands).",
        ));
        let people = self.people_admin.people.clone().unwrap_or_default();
        let clients: Vec<(ClientId, String)> = self
            .data
            .clients
            .iter()
            .map(|c| (c.id, c.name.clone()))
            .collect();
        for (id, name) in clients {
            let wall = self.people_admin.walls.iter().find(|(c, _)| *c == id.0);
            ui.horizontal_wrapped(|ui| {
                let mut secret = wall.is_some();
                if ui
                    .checkbox(&mut secret, &name)
                    .on_hover_text(lang.pick("保密", "Confidential"))
                    .changed()
                {
                    *change = Some(PeopleChange::Confidential(id, secret));
                }
                let Some((_, members)) = wall else {
                    return;
                };
                for m in members {
                    let who = self.data.user_name(Some(*m)).to_string();
                    let remove = format!("{who} ✕");
                    if ui
                        .small_button(remove)
                        .on_hover_text(lang.pick("移出成员", "Remove member"))
                        .clicked()
                    {
                        *change = Some(PeopleChange::Member(id, *m, false));
                    }
                }
                let mut added: Option<UserId> = None;
                let l = ui.weak(lang.pick("添加成员", "Add member"));
                egui::ComboBox::from_id_salt(("team_member_add", id.0))
                    .selected_text("＋")
                    .show_ui(ui, |ui| {
                        for p in people.iter().filter(|p| !members.contains(&p.user)) {
                            let who = self.data.user_name(Some(p.user)).to_string();
                            ui.selectable_value(&mut added, Some(p.user), who);
                        }
                    })
                    .response
                    .labelled_by(l.id);
                if let Some(user) = added {
                    *change = Some(PeopleChange::Member(id, user, true));
                }
            });
        }
    }

    /// Asks the server for `change`; a refusal is shown as the server words it.
    fn apply_people_change(&mut self, change: PeopleChange) {
        let lang = self.prefs.lang;
        let store = std::sync::Arc::clone(&self.store);
        let mut added = None;
        let outcome: Result<Option<String>, StoreError> =
            store.team_admin().and_then(|admin| match change {
                PeopleChange::Role(user, role) => admin.set_role(user, role).map(|()| None),
                PeopleChange::Disabled(user, off) => admin.set_disabled(user, off).map(|()| None),
                PeopleChange::Confidential(client, secret) => {
                    admin.set_confidential(client.0, secret).map(|()| None)
                }
                PeopleChange::Member(client, user, member) => {
                    admin.set_member(client.0, user, member).map(|()| None)
                }
                PeopleChange::Add => {
                    let new = &self.people_admin.new;
                    if new.password != new.again {
                        return Ok(Some(
                            lang.pick("两次输入的密码不一致。", "The two passwords differ.")
                                .to_string(),
                        ));
                    }
                    let name = if new.name.trim().is_empty() {
                        new.login.trim()
                    } else {
                        new.name.trim()
                    };
                    admin
                        .add_person(new.login.trim(), new.role, name, None, &new.password)
                        .map(|(_, login)| {
                            added = Some(login);
                            None
                        })
                }
            });
        if let Some(login) = added {
            self.notes.info(format!(
                "{}{login}",
                lang.pick("已添加人员，登录名：", "Person added, login: ")
            ));
            self.people_admin.new = NewPerson::default();
        }
        self.people_admin.message = match outcome {
            Ok(refusal) => refusal,
            Err(e) => Some(e.message(lang)),
        };
        self.forget_people();
        // A new person's user record, a changed role's, arrive through the feed.
        self.read_feed();
    }
}
