//! An agency's Excel or CSV estimate brought into the editor: read with the agency's
//! remembered headers (its template) and the usual Chinese and English ones, shown before
//! anything changes — the header row found, the columns, the lines, the rows passed over, the
//! sheet's own total checked — with a column mapping to correct: for each role, the header
//! text the agency's sheets use. Importing puts the lines in the table (one undo step) and
//! remembers a changed mapping as the agency's template.

use super::cells::LineCells;
use crate::domain::Lang;
use crate::domain::estimate::SheetColumn;
use crate::domain::estimate::check::MoneySettings;
use crate::office::estimate_sheet::{self, ColumnTemplate, SheetEstimate, SheetFormat};
use crate::ui::model::Env;
use egui::Ui;
use std::path::PathBuf;

/// Rows of the file shown beside the mapping.
const PREVIEW_ROWS: usize = 8;

/// A file being imported.
#[derive(Debug)]
pub(super) struct SheetImport {
    name: String,
    bytes: Vec<u8>,
    format: SheetFormat,
    /// For each role, the header text typed (empty: the usual headers).
    headers: Vec<(SheetColumn, String)>,
    /// The headers the agency has remembered, to tell whether they changed.
    remembered: Vec<(SheetColumn, String)>,
    preview: Result<Vec<Vec<String>>, String>,
    read: Result<SheetEstimate, String>,
}

/// What the person chose in the panel.
pub(super) enum ImportChoice {
    /// Put these lines in the table; `Some`: remember these headers as the agency's.
    Import(Vec<LineCells>, Option<Vec<(SheetColumn, String)>>),
    /// Close the panel.
    Cancel,
}

impl SheetImport {
    /// The file at `path`, read with the agency's template.
    pub(super) fn new(
        path: PathBuf,
        bytes: Vec<u8>,
        settings: &MoneySettings,
        lang: Lang,
    ) -> Result<SheetImport, String> {
        let name = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into(),
        );
        let format = SheetFormat::from_path(&path).ok_or_else(|| match lang {
            Lang::Zh => format!("“{name}”既不是 .xlsx 也不是 .csv：请在 Excel 中另存为其中一种。"),
            Lang::En => {
                format!("“{name}” is neither .xlsx nor .csv: save it from Excel as one of those.")
            }
        })?;
        let mut import = SheetImport {
            name,
            bytes,
            format,
            headers: settings.sheet_headers.clone(),
            remembered: settings.sheet_headers.clone(),
            preview: Ok(Vec::new()),
            read: Err(String::new()),
        };
        import.reread(lang);
        // What was recognised fills the roles not typed, so the mapping shows the whole sheet.
        if let Ok(sheet) = &import.read {
            for (role, _, header) in &sheet.columns {
                if !import.headers.iter().any(|(r, _)| r == role) {
                    import.headers.push((*role, header.clone()));
                }
            }
        }
        Ok(import)
    }

    fn template(&self) -> Option<ColumnTemplate> {
        let headers: Vec<(SheetColumn, String)> = self
            .headers
            .iter()
            .filter(|(_, h)| !h.trim().is_empty())
            .map(|(r, h)| (*r, h.trim().to_string()))
            .collect();
        (!headers.is_empty()).then_some(ColumnTemplate { headers })
    }

    fn reread(&mut self, lang: Lang) {
        let template = self.template();
        let message = |e: estimate_sheet::SheetError| match lang {
            Lang::Zh => e.chinese(),
            Lang::En => e.to_string(),
        };
        self.preview =
            estimate_sheet::preview_rows(&self.bytes, self.format, template.as_ref(), PREVIEW_ROWS)
                .map_err(message);
        self.read =
            estimate_sheet::read(&self.bytes, self.format, template.as_ref()).map_err(message);
    }

    /// The panel; returns what the person chose, if anything.
    pub(super) fn ui(&mut self, ui: &mut Ui, env: &Env) -> Option<ImportChoice> {
        let lang = env.lang;
        let mut choice = None;
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.strong(match lang {
                Lang::Zh => format!("从文件导入：{}", self.name),
                Lang::En => format!("Import from a file: {}", self.name),
            });
            match &self.read {
                Ok(sheet) => {
                    let columns: Vec<String> = sheet
                        .columns
                        .iter()
                        .map(|(role, _, header)| {
                            let (zh, en) = role.names();
                            format!("{}＝{header}", lang.pick(zh, en))
                        })
                        .collect();
                    ui.label(match lang {
                        Lang::Zh => format!(
                            "第 {} 行是表头：{}。读到 {} 行明细。",
                            sheet.header_row,
                            columns.join("，"),
                            sheet.lines.len()
                        ),
                        Lang::En => format!(
                            "Row {} is the header: {}. {} lines read.",
                            sheet.header_row,
                            columns.join(", "),
                            sheet.lines.len()
                        ),
                    });
                    if let Some((row, total)) = sheet.stated_total {
                        ui.weak(match lang {
                            Lang::Zh => format!("第 {row} 行的合计 {total} 与明细相符。"),
                            Lang::En => {
                                format!("The total in row {row}, {total}, matches the lines.")
                            }
                        });
                    }
                    for (row, why) in &sheet.skipped {
                        ui.weak(match lang {
                            Lang::Zh => format!("跳过第 {row} 行：{why}"),
                            Lang::En => format!("Row {row} passed over: {why}"),
                        });
                    }
                }
                Err(message) => {
                    ui.colored_label(ui.visuals().error_fg_color, message);
                }
            }
            ui.add_space(4.0);
            ui.label(env.tr(
                "表头对应（填写贵公司表格里的表头文字；留空则按常用表头识别）：",
                "Column mapping (type your sheet's header for each; empty: the usual headers):",
            ));
            egui::Grid::new("sheet_mapping")
                .num_columns(6)
                .show(ui, |ui| {
                    for (k, role) in SheetColumn::ALL.into_iter().enumerate() {
                        let (zh, en) = role.names();
                        ui.label(lang.pick(zh, en));
                        let at = match self.headers.iter().position(|(r, _)| *r == role) {
                            Some(at) => at,
                            None => {
                                self.headers.push((role, String::new()));
                                self.headers.len() - 1
                            }
                        };
                        let label = match lang {
                            Lang::Zh => format!("表头：{zh}"),
                            Lang::En => format!("Header: {en}"),
                        };
                        let r = ui.add(
                            egui::TextEdit::singleline(&mut self.headers[at].1)
                                .desired_width(110.0),
                        );
                        r.widget_info(|| {
                            egui::WidgetInfo::labeled(egui::Role::TextInput, true, label.as_str())
                        });
                        if k % 3 == 2 {
                            ui.end_row();
                        }
                    }
                });
            if let Ok(rows) = &self.preview {
                egui::CollapsingHeader::new(env.tr("文件前几行", "The file's first rows"))
                    .default_open(self.read.is_err())
                    .show(ui, |ui| {
                        egui::Grid::new("sheet_preview")
                            .striped(true)
                            .show(ui, |ui| {
                                for (i, row) in rows.iter().enumerate() {
                                    ui.weak(format!("{}", i + 1));
                                    for cell in row.iter().take(12) {
                                        ui.label(cell);
                                    }
                                    ui.end_row();
                                }
                            });
                    });
            }
            ui.horizontal(|ui| {
                if ui
                    .button(env.tr("按表头重新读取", "Read again with these headers"))
                    .clicked()
                {
                    self.reread(lang);
                }
                let lines = self.read.as_ref().ok().map(|s| s.lines.len()).unwrap_or(0);
                let text = match lang {
                    Lang::Zh => format!("导入 {lines} 行"),
                    Lang::En => format!("Import {lines} lines"),
                };
                if ui.add_enabled(lines > 0, egui::Button::new(text)).clicked()
                    && let Ok(sheet) = &self.read
                {
                    let cells = sheet
                        .lines
                        .iter()
                        .map(|l| LineCells::of(&l.estimate_line()))
                        .collect();
                    let mapping = self.template().map(|t| t.headers).unwrap_or_default();
                    let changed = (mapping != self.remembered).then_some(mapping);
                    choice = Some(ImportChoice::Import(cells, changed));
                }
                if ui.button(env.tr("取消导入", "Cancel the import")).clicked() {
                    choice = Some(ImportChoice::Cancel);
                }
            });
        });
        choice
    }
}

/// Remembers the headers of the agency's estimate sheets, as a mapping set them, in its money
/// settings (saved from the revision read now: a change by someone else meanwhile is refused,
/// not overwritten).
pub(super) fn remember_headers(
    env: &Env,
    settings: &MoneySettings,
    headers: Vec<(SheetColumn, String)>,
    actions: &mut Vec<crate::ui::model::UiAction>,
) {
    let Ok(rev) = env.store.money_settings_revision() else {
        return;
    };
    let mut s = settings.clone();
    s.sheet_headers = headers;
    actions.push(crate::ui::model::UiAction::Command(
        crate::services::Command::SaveMoneySettings(
            Box::new(s),
            crate::services::Base::Shown(rev.map(|r| r.rev)),
        ),
    ));
}
