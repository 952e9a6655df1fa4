//! Commands a person can give from anywhere, each with its label, tooltip and shortcut in
//! one definition, so the menu, the button and the key always agree.

use crate::domain::Lang;
use egui::{Key, KeyboardShortcut, Modifiers};

/// A global command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UiCommand {
    /// Open the global search.
    Search,
    /// Open the global search (the shortcut people know from browsers).
    Find,
    /// Undo the last change to a record.
    Undo,
    /// Save the form on screen.
    Save,
}

impl UiCommand {
    /// Every command, in the order shortcuts are checked.
    pub const ALL: [UiCommand; 4] = [
        UiCommand::Search,
        UiCommand::Find,
        UiCommand::Undo,
        UiCommand::Save,
    ];

    /// The keyboard shortcut (COMMAND is Ctrl on Windows and Linux, ⌘ on macOS).
    pub fn shortcut(self) -> KeyboardShortcut {
        let key = match self {
            UiCommand::Search => Key::K,
            UiCommand::Find => Key::F,
            UiCommand::Undo => Key::Z,
            UiCommand::Save => Key::S,
        };
        KeyboardShortcut::new(Modifiers::COMMAND, key)
    }

    /// The label on buttons and in menus.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            UiCommand::Search | UiCommand::Find => lang.pick("搜索", "Search"),
            UiCommand::Undo => lang.pick("撤销", "Undo"),
            UiCommand::Save => lang.pick("保存", "Save"),
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
            UiCommand::Save => lang.pick("保存当前表单", "Save the form on screen"),
        };
        format!("{what} ({keys})")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortcuts_use_the_platform_command_key() {
        let ctx = egui::Context::default();
        super::super::fonts::install_fonts(&ctx);
        // Fonts exist after the first pass; the label depends on which glyphs they have.
        let mut output = ctx.run_ui(egui::RawInput::default(), |_| {});
        output.textures_delta.clear();
        for os in [
            egui::os::OperatingSystem::Windows,
            egui::os::OperatingSystem::Mac,
        ] {
            ctx.set_os(os);
            let shown = ctx.format_shortcut(&UiCommand::Search.shortcut());
            match os {
                // egui writes ⌘K only when the fonts have every modifier symbol (⌥ is
                // missing from ours), else the word.
                egui::os::OperatingSystem::Mac => assert!(shown == "⌘K" || shown == "Cmd+K"),
                _ => assert_eq!(shown, "Ctrl+K"),
            }
        }
    }
}
