//! Commands a person can give from anywhere, each with its label, tooltip and shortcut in
//! one definition, so the menu, the button and the key always agree.

use crate::domain::Lang;
use egui::{Key, KeyboardShortcut, Modifiers};

/// The second key for redo, as on Windows: Ctrl+Y (⌘Y on a Mac). The shortcut shown first is
/// [`UiCommand::Redo`]'s Ctrl+Shift+Z.
pub const REDO_ALSO: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Y);

/// A global command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UiCommand {
    /// Open the global search.
    Search,
    /// Open the global search (the shortcut people know from browsers).
    Find,
    /// Undo the last change to a record.
    Undo,
    /// Redo the last undone change (Ctrl+Shift+Z; Ctrl+Y works too).
    Redo,
    /// Save the form on screen.
    Save,
    /// Write a consistent backup of the open database where the person chooses.
    BackUp,
}

impl UiCommand {
    /// Every command, in the order shortcuts are checked. egui matches a shortcut without
    /// Shift also when Shift is held (Ctrl+Shift+S would count as Ctrl+S), so the commands
    /// with Shift come first and take their keys before a plain one can.
    pub const ALL: [UiCommand; 6] = [
        UiCommand::BackUp,
        UiCommand::Redo,
        UiCommand::Search,
        UiCommand::Find,
        UiCommand::Undo,
        UiCommand::Save,
    ];

    /// The keyboard shortcut (COMMAND is Ctrl on Windows and Linux, ⌘ on macOS).
    pub fn shortcut(self) -> KeyboardShortcut {
        let (modifiers, key) = match self {
            UiCommand::Search => (Modifiers::COMMAND, Key::K),
            UiCommand::Find => (Modifiers::COMMAND, Key::F),
            UiCommand::Undo => (Modifiers::COMMAND, Key::Z),
            UiCommand::Redo => (Modifiers::COMMAND | Modifiers::SHIFT, Key::Z),
            UiCommand::Save => (Modifiers::COMMAND, Key::S),
            UiCommand::BackUp => (Modifiers::COMMAND | Modifiers::SHIFT, Key::B),
        };
        KeyboardShortcut::new(modifiers, key)
    }

    /// The label on buttons and in menus.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            UiCommand::Search | UiCommand::Find => lang.pick("搜索", "Search"),
            UiCommand::Undo => lang.pick("撤销", "Undo"),
            UiCommand::Redo => lang.pick("重做", "Redo"),
            UiCommand::Save => lang.pick("保存", "Save"),
            UiCommand::BackUp => lang.pick("备份数据库…", "Back up database…"),
        }
    }

    /// The tooltip, with the shortcut as this platform writes it.
    pub fn tooltip(self, ctx: &egui::Context, lang: Lang) -> String {
        let keys = ctx.format_shortcut(&self.shortcut());
        let what = match self {
            UiCommand::Search | UiCommand::Find => lang.pick(
                "搜索客户、品牌、工作、联络人和合约（支持拼音首字母）",
                "Search clients, brands, jobs, contacts and contracts (pinyin initials work)",
            ),
            UiCommand::Undo => {
                lang.pick("撤销上一次对记录的修改", "Undo the last change to a record")
            }
            UiCommand::Redo => {
                // The second key for redo (Windows' Ctrl+Y), written as this platform does.
                let also = ctx.format_shortcut(&REDO_ALSO);
                return match lang {
                    Lang::Zh => format!("重做刚撤销的修改（也可按 {also}） ({keys})"),
                    Lang::En => format!("Redo the change just undone ({also} works too) ({keys})"),
                };
            }
            UiCommand::Save => lang.pick("保存当前表单", "Save the form on screen"),
            UiCommand::BackUp => lang.pick(
                "把数据库完整备份到您选择的文件（窗口打开时请用这里，而不是复制 .redb 文件）",
                "Write a consistent copy of the database to a file you choose (while the window is open, use this rather than copying the .redb file)",
            ),
        };
        format!("{what} ({keys})")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui::os::OperatingSystem;

    /// A context with the app's fonts loaded (they exist after the first pass; egui picks
    /// "⌘K" or "Cmd+K" by the glyphs they have).
    fn context() -> egui::Context {
        let ctx = egui::Context::default();
        super::super::fonts::install_fonts(&ctx);
        let mut output = ctx.run_ui(egui::RawInput::default(), |_| {});
        output.textures_delta.clear();
        ctx
    }

    #[test]
    fn shortcuts_use_the_platform_command_key() {
        let ctx = context();
        for (os, expected) in [
            (OperatingSystem::Mac, "⌘K"),
            (OperatingSystem::Windows, "Ctrl+K"),
            (OperatingSystem::Nix, "Ctrl+K"),
        ] {
            ctx.set_os(os);
            assert_eq!(
                ctx.format_shortcut(&UiCommand::Search.shortcut()),
                expected,
                "{os:?}"
            );
        }
    }

    #[test]
    fn the_backup_shortcut_is_ctrl_shift_b_or_shift_command_b() {
        let ctx = context();
        for (os, expected) in [
            (OperatingSystem::Mac, "⇧⌘B"),
            (OperatingSystem::Windows, "Ctrl+Shift+B"),
            (OperatingSystem::Nix, "Ctrl+Shift+B"),
        ] {
            ctx.set_os(os);
            assert_eq!(
                ctx.format_shortcut(&UiCommand::BackUp.shortcut()),
                expected,
                "{os:?}"
            );
        }
    }

    /// The command the app runs for a key press: the first in [`UiCommand::ALL`] whose
    /// shortcut egui consumes, as `frame.rs` checks them.
    fn command_for(modifiers: Modifiers, key: Key) -> Option<UiCommand> {
        let ctx = egui::Context::default();
        let input = egui::RawInput {
            events: vec![egui::Event::Key {
                key,
                physical_key: None,
                pressed: true,
                repeat: false,
                modifiers,
            }],
            ..Default::default()
        };
        let mut found = None;
        let mut output = ctx.run_ui(input, |ui| {
            found = UiCommand::ALL
                .into_iter()
                .find(|c| ui.ctx().input_mut(|i| i.consume_shortcut(&c.shortcut())));
        });
        output.textures_delta.clear();
        found
    }

    #[test]
    fn every_shortcut_runs_its_own_command_and_no_other() {
        for command in UiCommand::ALL {
            let shortcut = command.shortcut();
            let found = command_for(shortcut.modifiers, shortcut.logical_key);
            // Search and Find are one command under two keys.
            let same = |c: UiCommand| c == command || command.label(Lang::En) == c.label(Lang::En);
            assert!(found.is_some_and(same), "{command:?} ran {found:?}");
        }
        // Ctrl+B without Shift is no backup; egui lets an extra Shift through to a plain
        // shortcut (Ctrl+Shift+S saves), which is why the Shift commands are checked first.
        assert_eq!(command_for(Modifiers::COMMAND, Key::B), None);
        assert_eq!(
            command_for(Modifiers::COMMAND | Modifiers::SHIFT, Key::S),
            Some(UiCommand::Save)
        );
    }

    #[test]
    fn every_tooltip_names_the_shortcut_as_the_platform_writes_it() {
        let ctx = context();
        for command in UiCommand::ALL {
            let key = command.shortcut().logical_key.name();
            let shift = command.shortcut().modifiers.shift;
            for (os, keys) in [
                (
                    OperatingSystem::Mac,
                    format!("{}⌘{key}", if shift { "⇧" } else { "" }),
                ),
                (
                    OperatingSystem::Windows,
                    format!("Ctrl+{}{key}", if shift { "Shift+" } else { "" }),
                ),
                (
                    OperatingSystem::Nix,
                    format!("Ctrl+{}{key}", if shift { "Shift+" } else { "" }),
                ),
            ] {
                ctx.set_os(os);
                for lang in [Lang::Zh, Lang::En] {
                    let tip = command.tooltip(&ctx, lang);
                    assert!(tip.ends_with(&format!("({keys})")), "{os:?}: {tip}");
                    let other = if os.is_mac() { "Ctrl" } else { "⌘" };
                    assert!(!tip.contains(other), "{os:?}: {tip}");
                    assert!(!tip.contains("Cmd"), "{os:?}: {tip}");
                }
            }
        }
    }
}
