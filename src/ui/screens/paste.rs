//! Rows pasted into a table from a spreadsheet.

use egui::Ui;

/// Rows pasted with Ctrl+V into a table (text with tabs or line breaks, as Excel and WPS put
/// on the clipboard), taken out of the frame's events before a cell pastes them as one line.
pub(crate) fn take_pasted_rows(ui: &Ui) -> Option<String> {
    ui.input_mut(|i| {
        let at = i.events.iter().position(
            |e| matches!(e, egui::Event::Paste(text) if text.trim_end().contains(['\t', '\n'])),
        )?;
        match i.events.remove(at) {
            egui::Event::Paste(text) => Some(text),
            _ => None,
        }
    })
}
