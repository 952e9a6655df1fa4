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
    fn every_tooltip_names_the_shortcut_as_the_platform_writes_it() {
        let ctx = context();
        for command in UiCommand::ALL {
            let key = command.shortcut().logical_key.name();
            for (os, keys) in [
                (OperatingSystem::Mac, format!("⌘{key}")),
                (OperatingSystem::Windows, format!("Ctrl+{key}")),
                (OperatingSystem::Nix, format!("Ctrl+{key}")),
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
