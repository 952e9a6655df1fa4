//! Names for the copies handed to the system's apps: the original name, made safe for every
//! file system the desk runs on (Windows is the strictest).

/// Longest name kept, in bytes of UTF-8: under the 255 bytes Linux allows (a Chinese
/// character takes three) and the 255 UTF-16 units Windows allows.
const MAX_NAME_BYTES: usize = 200;

/// `name` as a file name that Windows, macOS and Linux all accept, as close to the original
/// as possible: only its last part when it carries folders, `<>:"/\|?*` and control
/// characters replaced by `_`, no trailing dots or spaces, reserved device names (CON, NUL,
/// COM1…) prefixed with `_`, at most [`MAX_NAME_BYTES`] bytes with the extension kept, and
/// `file` when nothing is left. Chinese and other letters are kept as they are.
pub fn safe_file_name(name: &str) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let mut clean: String = last
        .chars()
        .map(|c| match c {
            '<' | '>' | ':' | '"' | '/' | '\\' | '|' | '?' | '*' => '_',
            c if c.is_control() => '_',
            c => c,
        })
        .collect();
    clean = clean.trim_start().trim_end_matches(['.', ' ']).to_string();
    if clean.is_empty() || clean.chars().all(|c| c == '.') {
        clean = "file".to_string();
    }
    let stem = clean
        .split('.')
        .next()
        .unwrap_or("")
        .trim_end()
        .to_ascii_uppercase();
    let reserved = matches!(stem.as_str(), "CON" | "PRN" | "AUX" | "NUL")
        || ((stem.starts_with("COM") || stem.starts_with("LPT"))
            && stem.len() == 4
            && stem.as_bytes()[3].is_ascii_digit());
    if reserved {
        clean.insert(0, '_');
    }
    shorten(&clean)
}

/// Cuts `name` to [`MAX_NAME_BYTES`] at a character boundary, keeping a short extension.
fn shorten(name: &str) -> String {
    if name.len() <= MAX_NAME_BYTES {
        return name.to_string();
    }
    let (stem, ext) = match name.rsplit_once('.') {
        Some((s, e)) if !s.is_empty() && e.len() <= 10 => (s, format!(".{e}")),
        _ => (name, String::new()),
    };
    let mut cut = MAX_NAME_BYTES - ext.len();
    while !stem.is_char_boundary(cut) {
        cut -= 1;
    }
    format!("{}{ext}", stem[..cut].trim_end_matches(['.', ' ']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_names_are_kept_and_hostile_characters_replaced() {
        assert_eq!(safe_file_name("会议纪要 签字版.pdf"), "会议纪要 签字版.pdf");
        assert_eq!(
            safe_file_name("报价<终稿>:v2|\"客户\"?*.xlsx"),
            "报价_终稿__v2__客户___.xlsx"
        );
        assert_eq!(
            safe_file_name("C:\\Users\\王\\Desktop\\合同.docx"),
            "合同.docx"
        );
        assert_eq!(safe_file_name("../../etc/passwd"), "passwd");
        assert_eq!(safe_file_name("tab\there\n.txt"), "tab_here_.txt");
        assert_eq!(safe_file_name("brief. . "), "brief");
        assert_eq!(safe_file_name(""), "file");
        assert_eq!(safe_file_name(".."), "file");
        assert_eq!(safe_file_name("///"), "file");
    }

    #[test]
    fn reserved_device_names_are_prefixed() {
        assert_eq!(safe_file_name("CON"), "_CON");
        assert_eq!(safe_file_name("nul.txt"), "_nul.txt");
        assert_eq!(safe_file_name("Com1.pdf"), "_Com1.pdf");
        assert_eq!(safe_file_name("LPT9"), "_LPT9");
        assert_eq!(safe_file_name("CONTRACT.pdf"), "CONTRACT.pdf");
        assert_eq!(safe_file_name("COM10.pdf"), "COM10.pdf");
    }

    #[test]
    fn long_names_are_cut_at_a_character_and_keep_their_extension() {
        let long = format!("{}.pdf", "广告".repeat(100));
        let short = safe_file_name(&long);
        assert!(short.len() <= MAX_NAME_BYTES, "{}", short.len());
        assert!(
            short.ends_with(".pdf") && short.starts_with("广告广告"),
            "{short}"
        );
    }
}
