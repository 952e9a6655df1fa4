//! The footer of every page: what the document is (name, number, version, short content
//! hash) on the left, 第 x 页 / 共 y 页 on the right, a hairline above.

use super::DocumentInfo;
use crate::pdf::layout::{Canvas, Style};
use crate::pdf::theme::{self as t, mm};
use crate::reports::DocLang;

/// How many hex digits of the content hash are printed.
const SHORT_HASH_DIGITS: usize = 8;

/// The short form of a content hash: its first 8 hex digits, lower case. `None` for text
/// that does not start with 8 hex digits (nothing is printed rather than something that
/// looks like a hash and is not one).
pub(crate) fn short_hash(hash: &str) -> Option<String> {
    let short: String = hash.trim().chars().take(SHORT_HASH_DIGITS).collect();
    let valid = short.len() == SHORT_HASH_DIGITS && short.chars().all(|c| c.is_ascii_hexdigit());
    valid.then(|| short.to_ascii_lowercase())
}

/// The footer's left text: `工作简要 Job Brief · 2026-0042 · v3 · 校验码 1a2b3c4d`, parts
/// left out when empty.
pub(crate) fn footer_text(info: &DocumentInfo<'_>, lang: DocLang) -> String {
    let hash = info.content_hash.and_then(|h| match short_hash(h) {
        Some(short) => Some(short),
        None => {
            log::warn!("not a content hash, left out of the footer: {h:?}");
            None
        }
    });
    let hash = hash.map(|h| {
        let label = match lang {
            DocLang::Zh => "校验码",
            DocLang::En => "Hash",
            DocLang::Both => "校验码 Hash",
        };
        format!("{label} {h}")
    });
    [
        Some(info.name.to_string()),
        Some(info.number.trim().to_string()),
        Some(info.version.trim().to_string()),
        hash,
    ]
    .into_iter()
    .flatten()
    .filter(|s| !s.trim().is_empty())
    .collect::<Vec<_>>()
    .join(" · ")
}

/// Draws the footer between `left` and `right` with its baseline `baseline` points below
/// the top edge: `text` on the left (shortened to leave room), the page label on the right.
pub(crate) fn draw_footer(
    canvas: &mut Canvas<'_>,
    small: Style<'_>,
    (left, right, baseline): (f32, f32, f32),
    text: &str,
    page: usize,
    total: usize,
    lang: DocLang,
) {
    canvas.hline(left, right, baseline - mm(4.2), 0.4, t::RULE);
    let label = lang.page_label(page, total);
    canvas.text_right(small, right, baseline, &label);
    let max = right - left - small.width(&label) - mm(8.0);
    canvas.text(small, left, baseline, &small.truncate(text, max));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reports::Caption;
    use crate::reports::Letterhead;

    #[test]
    fn the_short_hash_is_the_first_eight_hex_digits() {
        assert_eq!(short_hash("1A2B3C4D"), Some("1a2b3c4d".into()));
        let full = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
        assert_eq!(short_hash(full), Some("9f86d081".into()));
        assert_eq!(short_hash("1a2b3c"), None);
        assert_eq!(short_hash("v3-draft"), None);
        assert_eq!(short_hash("第三版第三版第三"), None);
    }

    #[test]
    fn the_footer_names_the_document_its_version_and_hash() {
        let letterhead = Letterhead::default();
        let mut info = DocumentInfo {
            letterhead: &letterhead,
            name: Caption {
                main: "报价单".into(),
                second: "Estimate".into(),
            },
            number: "Q-2026-0007".into(),
            detail: String::new(),
            version: "v2".into(),
            content_hash: Some("9f86d081884c7d65"),
            lang: DocLang::Both,
        };
        assert_eq!(
            footer_text(&info, DocLang::Both),
            "报价单 Estimate · Q-2026-0007 · v2 · 校验码 Hash 9f86d081"
        );
        assert_eq!(
            footer_text(&info, DocLang::Zh),
            "报价单 Estimate · Q-2026-0007 · v2 · 校验码 9f86d081"
        );
        info.content_hash = None;
        info.version = String::new();
        assert_eq!(
            footer_text(&info, DocLang::En),
            "报价单 Estimate · Q-2026-0007"
        );
        info.content_hash = Some("not a hash");
        assert_eq!(
            footer_text(&info, DocLang::En),
            "报价单 Estimate · Q-2026-0007"
        );
    }
}
