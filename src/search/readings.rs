//! Where the word around a 多音字 decides its common reading. The pinyin data lists a
//! character's readings most common first (行 xing before hang, 长 zhang before chang), but
//! in 银行, 长沙 or the family name 曾 another reading is the one everybody types. Those
//! readings count as common in those places, so `yh` finds 中国银行 as well as `yx` does;
//! every other reading still matches, ranked as rare (see [`super::phonetic`]).
//!
//! The lists are short on purpose: words frequent in client, brand, place and job names,
//! and the family names people are found by. A word missing here is still found by every
//! reading, only ranked lower.

/// Words in which a 多音字 is not read as the pinyin data's first reading, with the
/// reading of each character there ("" for a character the first reading serves).
const WORDS: &[(&str, &[&str])] = &[
    ("银行", &["", "hang"]),
    ("行业", &["hang", ""]),
    ("同行", &["", "hang"]),
    ("重庆", &["chong", ""]),
    ("重新", &["chong", ""]),
    ("长沙", &["chang", ""]),
    ("长春", &["chang", ""]),
    ("长城", &["chang", ""]),
    ("长安", &["chang", ""]),
    ("长江", &["chang", ""]),
    ("长期", &["chang", ""]),
    ("成都", &["", "du"]),
    ("首都", &["", "du"]),
    ("都市", &["du", ""]),
    ("厦门", &["xia", ""]),
    ("音乐", &["", "yue"]),
    ("六安", &["lu", ""]),
    ("蚌埠", &["beng", ""]),
    ("传记", &["zhuan", ""]),
    ("会计", &["kuai", ""]),
    ("参差", &["cen", "ci"]),
];

/// Family names whose character reads otherwise elsewhere (曾 is zeng as a name, ceng in
/// 曾经): the reading of the first character of a person's name.
const SURNAMES: &[(char, &str)] = &[
    ('曾', "zeng"),
    ('单', "shan"),
    ('仇', "qiu"),
    ('查', "zha"),
    ('解', "xie"),
    ('区', "ou"),
    ('朴', "piao"),
    ('覃', "qin"),
    ('翟', "zhai"),
    ('缪', "miao"),
    ('盖', "ge"),
    ('召', "shao"),
    ('种', "chong"),
];

/// Whether the common reading of `c` can depend on where it stands: it is a family name
/// of [`SURNAMES`] or has a reading in one of [`WORDS`]. Asked once per character.
pub(super) fn is_contextual(c: char) -> bool {
    SURNAMES.iter().any(|&(s, _)| s == c)
        || WORDS.iter().any(|(word, readings)| {
            word.chars()
                .zip(readings.iter())
                .any(|(w, r)| w == c && !r.is_empty())
        })
}

/// The reading of `chars[i]` where it stands: as the family name when it begins a person's
/// name (`name_start`), else as the word of [`WORDS`] it is part of. `None` when the pinyin
/// data's first reading stands.
pub(super) fn in_context(chars: &[char], i: usize, name_start: bool) -> Option<&'static str> {
    let c = *chars.get(i)?;
    if name_start
        && i == 0
        && let Some(&(_, reading)) = SURNAMES.iter().find(|&&(s, _)| s == c)
    {
        return Some(reading);
    }
    for (word, readings) in WORDS {
        for (k, (w, &reading)) in word.chars().zip(readings.iter()).enumerate() {
            if w != c || reading.is_empty() {
                continue;
            }
            let Some(start) = i.checked_sub(k) else {
                continue;
            };
            let mut around = chars.get(start..).unwrap_or_default().iter();
            if word.chars().all(|w| around.next() == Some(&w)) {
                return Some(reading);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::phonetic::readings_of;

    fn has_reading(c: char, reading: &str) -> bool {
        readings_of(c).0.iter().any(|r| **r == *reading.as_bytes())
    }

    #[test]
    fn every_listed_reading_is_one_the_character_has() {
        for (word, readings) in WORDS {
            assert_eq!(word.chars().count(), readings.len(), "{word}");
            for (c, r) in word.chars().zip(readings.iter()) {
                assert!(r.is_empty() || has_reading(c, r), "{word}: {c} {r}");
                // A listed reading is never the first one: that would change nothing.
                let first = readings_of(c).0.first().cloned().unwrap_or_default();
                assert!(r.is_empty() || *first != *r.as_bytes(), "{word}: {c} {r}");
            }
        }
        for (c, r) in SURNAMES {
            assert!(has_reading(*c, r), "{c} {r}");
        }
    }

    #[test]
    fn readings_follow_the_word_and_the_name() {
        let chars: Vec<char> = "中国银行重庆分行".chars().collect();
        assert_eq!(in_context(&chars, 3, false), Some("hang"));
        assert_eq!(in_context(&chars, 4, false), Some("chong"));
        // 分行 is not listed: the first reading stands.
        assert_eq!(in_context(&chars, 7, false), None);
        assert_eq!(in_context(&chars, 0, false), None);
        assert_eq!(in_context(&chars, 99, false), None);
        let name: Vec<char> = "曾伟".chars().collect();
        assert_eq!(in_context(&name, 0, true), Some("zeng"));
        assert_eq!(in_context(&name, 0, false), None, "not a person's name");
        let later: Vec<char> = "李曾".chars().collect();
        assert_eq!(
            in_context(&later, 1, true),
            None,
            "only the first character"
        );
        assert!(is_contextual('行') && is_contextual('曾'));
        assert!(!is_contextual('银') && !is_contextual('可'));
    }
}
