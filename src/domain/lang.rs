//! The two languages of the interface and of the documents.

use serde::{Deserialize, Serialize};

/// A language for labels on screen and in documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Lang {
    /// Simplified Chinese (zh-CN); the default.
    #[default]
    Zh,
    /// English.
    En,
}

impl Lang {
    /// Chooses between the Chinese and English text of a label.
    pub fn pick<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}
