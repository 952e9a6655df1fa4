//! Validation of the free text people type: names must say something, and nothing may grow
//! without bound.

use thiserror::Error;

/// Longest single-line field (names, titles, numbers), in characters.
pub const MAX_LINE_CHARS: usize = 200;
/// Longest multi-line field (a brief section, notes), in characters: generous, but a pasted
/// 50 MB log is refused instead of slowing every screen that shows the record.
pub const MAX_TEXT_CHARS: usize = 2_000_000;

/// Why a piece of text was refused. `field` is the stable key of the field (see
/// [`crate::domain::Field`]), so the interface can name it in the user's language.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum TextError {
    /// A required field holds nothing but white space.
    #[error("{field} is required")]
    Required {
        /// The field that was empty.
        field: &'static str,
    },
    /// Longer than the field allows.
    #[error("{field} is too long ({len} characters, at most {max})")]
    TooLong {
        /// The field that was too long.
        field: &'static str,
        /// Characters typed.
        len: usize,
        /// Characters allowed.
        max: usize,
    },
    /// A control character (other than line breaks and tabs in multi-line text).
    #[error("{field} contains an invisible control character")]
    ControlChar {
        /// The field that held it.
        field: &'static str,
    },
}

/// A required single-line value, trimmed: `"  可口可乐 "` becomes `"可口可乐"`.
pub fn required_line(field: &'static str, value: &str) -> Result<String, TextError> {
    let v = optional_line(field, value)?;
    if v.is_empty() {
        return Err(TextError::Required { field });
    }
    Ok(v)
}

/// An optional single-line value, trimmed; empty is allowed.
pub fn optional_line(field: &'static str, value: &str) -> Result<String, TextError> {
    let v = value.trim();
    let len = v.chars().count();
    if len > MAX_LINE_CHARS {
        return Err(TextError::TooLong {
            field,
            len,
            max: MAX_LINE_CHARS,
        });
    }
    if v.chars().any(char::is_control) {
        return Err(TextError::ControlChar { field });
    }
    Ok(v.to_string())
}

/// Multi-line text is stored exactly as typed (only trailing white space trimmed), so that
/// what a person pasted comes back unchanged.
pub fn multiline(field: &'static str, value: &str) -> Result<String, TextError> {
    let v = value.trim_end();
    let len = v.chars().count();
    if len > MAX_TEXT_CHARS {
        return Err(TextError::TooLong {
            field,
            len,
            max: MAX_TEXT_CHARS,
        });
    }
    if v.chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    {
        return Err(TextError::ControlChar { field });
    }
    Ok(v.to_string())
}

/// Whether `s` (already trimmed) reads as an email address: `name@host.tld`, no spaces.
/// Deliberately loose: it catches a phone number or a name typed in the wrong field, and
/// leaves the rest to the mail server.
pub fn looks_like_email(s: &str) -> bool {
    s.split_once('@').is_some_and(|(user, host)| {
        !user.is_empty() && host.contains('.') && !host.starts_with('.') && !host.ends_with('.')
    }) && !s.contains(char::is_whitespace)
}

/// `s` trimmed, with full-width digits (０–９, as Chinese input methods type them) turned
/// into ASCII ones, so "２" parses as 2.
pub fn ascii_digits(s: &str) -> String {
    s.trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            _ => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn email_shape() {
        assert!(looks_like_email("li.na@brand.com.cn"));
        for bad in [
            "13800138000",
            "李娜",
            "a@b",
            "@b.com",
            "a@.com",
            "a b@c.com",
            "a@c.com.",
        ] {
            assert!(!looks_like_email(bad), "{bad}");
        }
    }

    #[test]
    fn required_rejects_blank_and_trims() {
        assert_eq!(
            required_line("name", "   \u{3000} "),
            Err(TextError::Required { field: "name" })
        );
        assert_eq!(required_line("name", "  可口可乐 "), Ok("可口可乐".into()));
    }

    #[test]
    fn keeps_emoji_and_characters_outside_the_bmp() {
        assert_eq!(required_line("name", "𠮷野家 🍜"), Ok("𠮷野家 🍜".into()));
        assert_eq!(
            multiline("background", "第一行\n𠮷\t😀\n"),
            Ok("第一行\n𠮷\t😀".into())
        );
    }

    #[test]
    fn length_limits_count_characters_not_bytes() {
        let ok = "汉".repeat(MAX_LINE_CHARS);
        assert!(required_line("name", &ok).is_ok());
        let long = "汉".repeat(MAX_LINE_CHARS + 1);
        assert!(matches!(
            required_line("name", &long),
            Err(TextError::TooLong { len, .. }) if len == MAX_LINE_CHARS + 1
        ));
        let megabyte = "简".repeat(350_000); // ≈1 MB of UTF-8
        assert_eq!(
            multiline("background", &megabyte).map(|s| s.len()),
            Ok(megabyte.len())
        );
    }

    #[test]
    fn control_characters_are_refused() {
        assert_eq!(
            required_line("name", "a\u{0007}b"),
            Err(TextError::ControlChar { field: "name" })
        );
        assert_eq!(
            required_line("name", "a\nb"),
            Err(TextError::ControlChar { field: "name" })
        );
    }
}
