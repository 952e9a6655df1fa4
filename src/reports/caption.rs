//! How a document prints its labels: in Chinese, in English or in both, and the caption
//! each label becomes (the main text, and in bilingual documents the English after it).

use super::brief::Label;

/// The language of a document's labels: Chinese, English, or both side by side.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum DocLang {
    /// Simplified Chinese only.
    #[default]
    Zh,
    /// English only.
    En,
    /// Chinese first, English after it (clients with staff of both).
    Both,
}

impl DocLang {
    /// How `label` is printed in this language.
    pub fn caption(self, label: Label) -> Caption {
        let (main, second) = match self {
            DocLang::Zh => (label.zh, ""),
            DocLang::En => (label.en, ""),
            DocLang::Both => (label.zh, label.en),
        };
        Caption {
            main: main.to_string(),
            second: second.to_string(),
        }
    }

    /// One of three texts of a value: Chinese, English, or the bilingual form.
    pub(crate) fn pick<'a>(self, zh: &'a str, en: &'a str, both: &'a str) -> &'a str {
        match self {
            DocLang::Zh => zh,
            DocLang::En => en,
            DocLang::Both => both,
        }
    }

    /// A label in one line: `议程`, `Agenda` or `议程 Agenda`.
    pub(crate) fn line(self, label: Label) -> String {
        self.caption(label).to_string()
    }

    /// The page-number label of the footer.
    pub fn page_label(self, page: usize, total: usize) -> String {
        match self {
            DocLang::Zh => format!("第 {page} 页 / 共 {total} 页"),
            DocLang::En => format!("Page {page} / {total}"),
            DocLang::Both => format!("第 {page} 页 / 共 {total} 页  Page {page} / {total}"),
        }
    }
}

/// A label as printed: the main text, and in bilingual documents the English after it
/// (renderers print it smaller and muted).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Caption {
    /// Printed first, in the text colour.
    pub main: String,
    /// Printed after the main text, muted; empty in one-language documents.
    pub second: String,
}

impl std::fmt::Display for Caption {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.second.is_empty() {
            true => f.write_str(&self.main),
            false => write!(f, "{} {}", self.main, self.second),
        }
    }
}
