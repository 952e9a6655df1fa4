//! Line breaking for mixed Chinese and Latin text.
//!
//! The rules, a small and predictable subset of UAX #14 and the Chinese layout requirements
//! (W3C clreq):
//! - explicit line breaks are kept; an empty line stays an empty line;
//! - Chinese (and other CJK) text may break between any two characters;
//! - Latin text breaks after spaces (and after a hyphen inside a word); a word wider than
//!   the line is broken between characters;
//! - closing punctuation (，。、）》」：；！？ …) never starts a line: the character before it
//!   is pulled down with it, and when that is impossible the punctuation hangs past the
//!   margin; opening punctuation (（《「“ …) never ends a line;
//! - spaces at a break are dropped; leading spaces of a paragraph (indentation) are kept.
//!
//! The greedy algorithm looks at each character once and re-measures at most one line per
//! break, so the cost is linear in the text length.

/// Characters that must not begin a line.
fn is_closing(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '、'
            | '．'
            | '：'
            | '；'
            | '！'
            | '？'
            | '）'
            | '》'
            | '〉'
            | '」'
            | '』'
            | '】'
            | '〕'
            | '〗'
            | '｝'
            | '］'
            | '’'
            | '”'
            | '…'
            | '‥'
            | '・'
            | '·'
            | '～'
            | '％'
            | ','
            | '.'
            | ';'
            | ':'
            | '!'
            | '?'
            | ')'
            | ']'
            | '}'
            | '%'
    )
}

/// Characters that must not end a line.
fn is_opening(c: char) -> bool {
    matches!(
        c,
        '（' | '《'
            | '〈'
            | '「'
            | '『'
            | '【'
            | '〔'
            | '〖'
            | '｛'
            | '［'
            | '‘'
            | '“'
            | '('
            | '['
            | '{'
    )
}

/// Characters between which a line may break freely: ideographs, kana, hangul, full-width
/// forms, CJK punctuation, emoji (which break like ideographs, UAX #14 class ID) and the
/// placeholder box (it stands for any of these).
pub fn is_cjk(c: char) -> bool {
    matches!(
        c,
        '\u{1100}'..='\u{11FF}'
            | '\u{2E80}'..='\u{A4CF}'
            | '\u{AC00}'..='\u{D7AF}'
            | '\u{F900}'..='\u{FAFF}'
            | '\u{FE30}'..='\u{FE4F}'
            | '\u{FF00}'..='\u{FFEF}'
            | '\u{20000}'..='\u{3FFFF}'
            | '\u{1F000}'..='\u{1FAFF}'
            | '\u{25A1}'
            | '\u{2014}'
            | '\u{2026}'
            | '\u{201C}'
            | '\u{201D}'
            | '\u{2018}'
            | '\u{2019}'
    )
}

/// Whether a line may end between `before` and `c` (with `before2` the character before
/// `before`, for the hyphen rule).
fn break_allowed(before2: Option<char>, before: char, c: char) -> bool {
    if c == ' ' || is_closing(c) || is_opening(before) {
        return false;
    }
    before == ' '
        || is_cjk(before)
        || is_cjk(c)
        || (before == '-' && before2.is_some_and(char::is_alphanumeric) && c.is_alphanumeric())
}

/// Breaks `text` into lines no wider than `max_width` (in the unit `width_of` returns),
/// following the rules in the module documentation. Empty text gives no lines. `text` is
/// expected to be [`printable`](super::metrics::FontMetrics::printable) already (tabs
/// expanded, `\r` removed).
pub fn wrap_lines(text: &str, max_width: f32, width_of: impl Fn(char) -> f32) -> Vec<String> {
    let mut lines = Vec::new();
    if text.is_empty() {
        return lines;
    }
    for paragraph in text.split('\n') {
        wrap_paragraph(paragraph, max_width, &width_of, &mut lines);
    }
    lines
}

const EPSILON: f32 = 1e-3;

fn wrap_paragraph(
    text: &str,
    max_width: f32,
    width_of: &impl Fn(char) -> f32,
    lines: &mut Vec<String>,
) {
    let mut start = 0; // byte offset where the current line starts
    let mut width = 0.0; // width of text[start..i]
    let mut brk: Option<usize> = None; // last offset in the line where a break is allowed
    let mut before: Option<char> = None;
    let mut before2: Option<char> = None;

    for (i, c) in text.char_indices() {
        let allowed_here = i > start && before.is_some_and(|b| break_allowed(before2, b, c));
        if allowed_here {
            brk = Some(i);
        }
        let w = width_of(c);
        if c != ' ' && i > start && width + w > max_width + EPSILON {
            match brk.filter(|b| *b > start && has_content(&text[start..*b])) {
                // Break at the last opportunity; what follows it moves to the next line.
                Some(b) => {
                    lines.push(text[start..b].trim_end_matches(' ').to_string());
                    start = b;
                    width = text[b..i].chars().map(width_of).sum();
                    brk = (allowed_here && i > b).then_some(i);
                }
                // No opportunity: closing punctuation hangs rather than start a line.
                None if is_closing(c) && has_content(&text[start..i]) => {}
                // Otherwise cut here (a word wider than the line); a run of spaces alone is
                // not worth a line of its own.
                None => {
                    if has_content(&text[start..i]) {
                        lines.push(text[start..i].trim_end_matches(' ').to_string());
                    }
                    start = i;
                    width = 0.0;
                    brk = None;
                }
            }
        }
        width += w;
        before2 = before;
        before = Some(c);
    }
    lines.push(text[start..].trim_end_matches(' ').to_string());
}

fn has_content(s: &str) -> bool {
    !s.trim_end_matches(' ').is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    /// CJK one unit wide, everything else half a unit.
    fn unit(c: char) -> f32 {
        if is_cjk(c) { 1.0 } else { 0.5 }
    }

    fn wrap(text: &str, width: f32) -> Vec<String> {
        wrap_lines(text, width, unit)
    }

    #[test]
    fn empty_text_has_no_lines_and_blank_lines_are_kept() {
        assert!(wrap("", 10.0).is_empty());
        assert_eq!(wrap("甲\n\n乙", 10.0), vec!["甲", "", "乙"]);
        assert_eq!(wrap("\n", 10.0), vec!["", ""]);
    }

    #[test]
    fn chinese_breaks_between_any_characters() {
        assert_eq!(
            wrap("春节是全年最重要的销售季", 5.0),
            vec!["春节是全年", "最重要的销", "售季"]
        );
    }

    #[test]
    fn latin_breaks_between_words_and_drops_the_space() {
        // Widths: each letter and space 0.5.
        assert_eq!(
            wrap("the quick brown fox", 5.0),
            vec!["the quick", "brown fox"]
        );
        // Leading indentation of a paragraph survives; spaces at a break do not.
        assert_eq!(wrap("  ab  cd", 2.0), vec!["  ab", "cd"]);
    }

    #[test]
    fn a_word_longer_than_the_line_is_cut() {
        assert_eq!(wrap("abcdefghij", 2.0), vec!["abcd", "efgh", "ij"]);
        assert_eq!(wrap("ab well-known", 3.0), vec!["ab", "well-", "known"]);
    }

    #[test]
    fn mixed_text_breaks_at_script_boundaries_not_inside_words() {
        assert_eq!(wrap("使用iPhone拍摄", 4.0), vec!["使用", "iPhone拍", "摄"]);
    }

    #[test]
    fn emoji_and_rare_han_break_like_ideographs() {
        // "party🎉🎉" is 2.5 + 2 units wide: the line may end between the word and an emoji,
        // and between two emoji.
        assert_eq!(wrap("party🎉🎉", 4.0), vec!["party🎉", "🎉"]);
        assert_eq!(wrap("𠮷野家𠮷", 2.0), vec!["𠮷野", "家𠮷"]);
    }

    #[test]
    fn closing_punctuation_never_starts_a_line() {
        // "一二三四，" at width 4: the comma would start line 2, so 四 comes down with it.
        assert_eq!(wrap("一二三四，五六", 4.0), vec!["一二三", "四，五六"]);
        assert_eq!(wrap("一二三四。」五", 4.0), vec!["一二三", "四。」五"]);
        for width in [2.0, 3.0, 4.0, 5.0, 7.0] {
            for line in wrap(
                "甲乙，丙丁。戊己、庚辛！壬癸？子丑：寅卯；（辰巳）《午未》",
                width,
            ) {
                let first = line.chars().next();
                assert!(!first.is_some_and(is_closing), "{line:?} at width {width}");
                let last = line.chars().last();
                assert!(!last.is_some_and(is_opening), "{line:?} at width {width}");
            }
        }
    }

    #[test]
    fn punctuation_hangs_when_nothing_can_come_down() {
        // A one-character line: pulling 甲 down would leave nothing behind, so 。 hangs.
        assert_eq!(wrap("甲。乙", 1.0), vec!["甲。", "乙"]);
    }

    #[test]
    fn opening_punctuation_stays_with_what_follows() {
        assert_eq!(wrap("一二三（四五", 4.0), vec!["一二三", "（四五"]);
    }

    #[test]
    fn nothing_is_lost_or_duplicated() {
        let text =
            "背景 Background：春节是全年最重要的销售季，consumers buy gifts.\n第二段\t\n𠮷□ end";
        for width in [1.0, 2.5, 4.0, 9.0, 30.0] {
            let joined: String = wrap(text, width).concat();
            let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
            assert_eq!(squeeze(&joined), squeeze(text), "width {width}");
        }
    }

    #[test]
    fn lines_fit_except_for_hanging_punctuation() {
        let text =
            "The 2027 Spring Festival campaign 春节期间，我们需要在三周内完成全部拍摄与后期制作。";
        for line in wrap(text, 6.0) {
            let w: f32 = line.chars().map(unit).sum();
            let hang: f32 = line
                .chars()
                .last()
                .filter(|c| is_closing(*c))
                .map_or(0.0, unit);
            assert!(w - hang <= 6.0 + EPSILON, "{line:?} is {w} wide");
        }
    }

    #[test]
    fn a_megabyte_paragraph_is_measured_in_linear_time() {
        // Counting measurements instead of timing: a quadratic wrap re-measures each line
        // from its start at every character; this one measures each character at most twice.
        let calls = Cell::new(0usize);
        let counting = |c: char| {
            calls.set(calls.get() + 1);
            unit(c)
        };
        let text = "春节期间消费者购买礼品，mixing English words too. ".repeat(20_000);
        assert!(text.len() > 1_000_000);
        let lines = wrap_lines(&text, 40.0, counting);
        assert!(lines.len() > 10_000);
        assert!(
            calls.get() <= 2 * text.chars().count(),
            "{} calls",
            calls.get()
        );
        // One unbroken CJK run of a megabyte.
        let cjk = "简".repeat(350_000);
        assert_eq!(wrap(&cjk, 45.0).len(), 350_000usize.div_ceil(45));
    }

    #[test]
    fn indentation_alone_never_makes_a_blank_line() {
        assert_eq!(wrap("        abcdef", 2.0), vec!["abcd", "ef"]);
    }
}
