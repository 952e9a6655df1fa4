//! Pinyin matching as a person types it: initials, full pinyin, mixtures, 多音字.

use super::*;
use crate::search::text::fold_haystack;
use MatchQuality::*;

fn quality(name: &str, query: &str) -> Option<MatchQuality> {
    let mut phonetics = Phonetics::default();
    let spelling = phonetics.spell(&[fold_haystack(name)], false);
    let word = PinyinWord::new(query)?;
    phonetics.quality(&spelling, &word)
}

#[test]
fn initials_full_pinyin_and_mixtures_match() {
    for query in ["kkkl", "kekoukele", "kekoukl", "kekkl", "kkkele"] {
        assert_eq!(quality("可口可乐", query), Some(PinyinWhole), "{query}");
    }
    for query in ["kekou", "keko", "kkk", "k"] {
        assert_eq!(quality("可口可乐", query), Some(PinyinPrefix), "{query}");
    }
    for query in ["kl", "kele", "kkl", "koukele", "l"] {
        assert_eq!(quality("可口可乐", query), Some(PinyinSubstring), "{query}");
    }
    for query in ["kekl", "kkkll", "kekouu", "klkk", "x", "kekoukelez"] {
        assert_eq!(quality("可口可乐", query), None, "{query}");
    }
}

#[test]
fn latin_letters_and_digits_spell_themselves_and_punctuation_is_skipped() {
    assert_eq!(quality("BMW 中国", "bmwzg"), Some(PinyinWhole));
    assert_eq!(quality("BMW 中国", "bmwzhongguo"), Some(PinyinWhole));
    assert_eq!(quality("BMW 中国", "bmwz"), Some(PinyinPrefix));
    assert_eq!(quality("BMW 中国", "wzg"), Some(PinyinSubstring));
    assert_eq!(quality("2027 春节 TVC", "2027cj"), Some(PinyinPrefix));
    assert_eq!(quality("2027 春节 TVC", "cjtvc"), Some(PinyinSubstring));
    assert_eq!(
        quality("可口可乐（中国）饮料有限公司", "kkklzgylyxgs"),
        Some(PinyinWhole)
    );
}

#[test]
fn every_reading_of_a_heteronym_is_accepted() {
    for query in ["yh", "yx", "yinhang", "yinxing"] {
        assert!(quality("银行", query) >= Some(PinyinWholeRare), "{query}");
    }
    for query in ["cq", "zq", "chongqing", "zhongqing"] {
        assert!(quality("重庆", query) >= Some(PinyinWholeRare), "{query}");
    }
    assert_eq!(quality("绿箭", "lvjian"), Some(PinyinWhole));
    assert_eq!(quality("绿箭", "lujian"), Some(PinyinWhole));
}

#[test]
fn a_rare_reading_ranks_below_the_common_one_at_each_level() {
    // 育 is yu first, zhou rarely; 晟 is cheng first in the data.
    assert_eq!(quality("东晟教育科技", "cjy"), Some(PinyinSubstring));
    assert_eq!(quality("东晟教育科技", "cjzh"), Some(PinyinSubstringRare));
    assert_eq!(quality("东晟教育科技", "dcjy"), Some(PinyinPrefix));
    assert_eq!(quality("东晟教育科技", "dcjzh"), Some(PinyinPrefixRare));
    assert_eq!(quality("东晟教育科技", "dcjykj"), Some(PinyinWhole));
    assert_eq!(quality("东晟教育科技", "dcjzkj"), Some(PinyinWholeRare));
    // A rare reading at the start and a common one later: still rare.
    assert_eq!(quality("重量", "cl"), Some(PinyinWholeRare));
    assert_eq!(quality("重量", "zl"), Some(PinyinWhole));
    // One rare reading anywhere in the match makes it rare.
    assert_eq!(quality("行行", "xx"), Some(PinyinWhole));
    assert_eq!(quality("行行", "xh"), Some(PinyinWholeRare));
    // The best of several fields counts: one spelled whole, common, beats a rare prefix.
    let mut phonetics = Phonetics::default();
    let fields = ["重庆啤酒".to_string(), "嘉陵".to_string()];
    let spelling = phonetics.spell(&fields, false);
    let q = |w: &str| phonetics.quality(&spelling, &PinyinWord::new(w)?);
    assert_eq!(q("cqpj"), Some(PinyinWhole), "重庆 is chong qing here");
    assert_eq!(q("zqpj"), Some(PinyinWholeRare));
    assert_eq!(q("jl"), Some(PinyinWhole));
}

#[test]
fn listed_words_and_family_names_make_their_reading_common() {
    // 行 is xing first, but hang in 银行; 长 is zhang first, but chang in 长沙.
    assert_eq!(quality("中国银行", "zgyh"), Some(PinyinWhole));
    assert_eq!(quality("中国银行", "zgyx"), Some(PinyinWholeRare));
    assert_eq!(quality("长沙", "cs"), Some(PinyinWhole));
    assert_eq!(quality("长沙", "zs"), Some(PinyinWholeRare));
    assert_eq!(quality("厦门", "xm"), Some(PinyinWhole));
    // Outside the listed words the data's first reading stands.
    assert_eq!(quality("行程", "xc"), Some(PinyinWhole));
    assert_eq!(quality("行程", "hc"), Some(PinyinWholeRare));
    // 曾 reads zeng as a family name, ceng elsewhere.
    let mut phonetics = Phonetics::default();
    let person = phonetics.spell(&["曾伟".to_string()], true);
    let word = phonetics.spell(&["曾伟".to_string()], false);
    let q = |s: &Spelling, w: &str| phonetics.quality(s, &PinyinWord::new(w)?);
    assert_eq!(q(&person, "zw"), Some(PinyinWhole));
    assert_eq!(q(&person, "cw"), Some(PinyinWholeRare));
    assert_eq!(q(&word, "cw"), Some(PinyinWhole));
    assert_eq!(q(&word, "zw"), Some(PinyinWholeRare));
}

#[test]
fn every_match_opens_with_a_pair_of_the_spelling() {
    let mut phonetics = Phonetics::default();
    let fields = [fold_haystack("可口可乐（中国）"), fold_haystack("银行 BMW")];
    let spelling = phonetics.spell(&fields, false);
    let openings = phonetics.openings(&spelling);
    let opens = |q: &str| PinyinWord::new(q).is_some_and(|w| w.may_open(openings));
    for q in [
        "kkkl", "kekou", "kl", "kouke", "lzg", "zg", "yh", "yx", "hangbmw", "mw",
    ] {
        let word = PinyinWord::new(q).unwrap();
        assert!(phonetics.quality(&spelling, &word).is_some(), "{q} matches");
        assert!(opens(q), "{q} opens with a pair of the spelling");
    }
    // The second field does not follow the first: 国 and 银 are not neighbours.
    assert!(
        phonetics
            .quality(&spelling, &PinyinWord::new("guoy").unwrap())
            .is_none()
    );
    let strangers = ["xq", "qz", "pw", "fd", "tr", "sj", "wm", "dn", "cx", "rb"];
    let ruled_out = strangers.iter().filter(|q| !opens(q)).count();
    assert!(ruled_out >= 7, "only {ruled_out} of 10 ruled out");
    // A word of one letter has no pair to check.
    assert!(opens("k"));
}

#[test]
fn readings_keep_the_common_one_first() {
    let (yu, common) = readings_of('育');
    assert_eq!(&*yu[0], b"yu");
    assert_eq!(common, 1);
    assert!(yu.iter().any(|r| **r == *b"zhou"));
    let (lv, common) = readings_of('绿');
    assert_eq!((&*lv[0], &*lv[1], common), (&b"lv"[..], &b"lu"[..], 2));
    assert_eq!(readings_of('k'), (vec![Box::from(&b"k"[..])], 1));
    assert_eq!(readings_of('🍜'), (Vec::new(), 0));
}

#[test]
fn fields_without_chinese_get_no_spelling() {
    let mut phonetics = Phonetics::default();
    let spell = |p: &mut Phonetics, text: &str| p.spell(&[text.to_string()], false);
    assert_eq!(spell(&mut phonetics, "coca cola"), Spelling::default());
    assert_eq!(spell(&mut phonetics, "🍜 😀"), Spelling::default());
    // Characters without a reading are skipped, not a reason to panic.
    assert_eq!(spell(&mut phonetics, "🍜 拉面 𠮷").units.len(), 2);
    assert_eq!(quality("🍜拉面", "lm"), Some(PinyinWhole));
}

#[test]
fn each_field_is_spelled_on_its_own() {
    let mut phonetics = Phonetics::default();
    let fields = [
        "可口".to_string(),
        "coca cola".to_string(),
        "可乐".to_string(),
    ];
    let spelling = phonetics.spell(&fields, false);
    let quality = |q: &str| phonetics.quality(&spelling, &PinyinWord::new(q)?);
    assert_eq!(quality("kk"), Some(PinyinWhole));
    assert_eq!(quality("kl"), Some(PinyinWhole));
    assert_eq!(quality("kele"), Some(PinyinWhole));
    assert_eq!(quality("k"), Some(PinyinPrefix));
    assert_eq!(quality("kou"), Some(PinyinSubstring));
    // No match across a field break, and the Latin-only field gets no units.
    assert_eq!(quality("kkkl"), None);
    assert_eq!(quality("kouk"), None);
    assert_eq!(quality("coca"), None);
}

#[test]
fn only_short_ascii_words_are_tried_as_pinyin() {
    assert!(PinyinWord::new("kkkl").is_some());
    assert!(PinyinWord::new("2026cj").is_some());
    assert!(PinyinWord::new("2026").is_none());
    assert!(PinyinWord::new("可乐").is_none());
    assert!(PinyinWord::new("").is_none());
    assert!(PinyinWord::new(&"k".repeat(63)).is_some());
    assert!(PinyinWord::new(&"k".repeat(64)).is_none());
    // The longest word still fits the position bits.
    let name = "可".repeat(63);
    assert_eq!(quality(&name, &"k".repeat(63)), Some(PinyinWhole));
    assert_eq!(quality(&name, &"ke".repeat(31)), Some(PinyinPrefix));
    assert_eq!(quality(&name, &"k".repeat(62)), Some(PinyinPrefix));
}

#[test]
fn units_are_interned_once_per_reading_set() {
    let mut phonetics = Phonetics::default();
    let a = phonetics.spell(&["可口可乐".to_string()], false);
    let b = phonetics.spell(&["可乐".to_string()], false);
    assert_eq!(a.units[0], a.units[2]);
    assert_eq!(a.units[3], b.units[1]);
    assert_eq!(phonetics.units.len(), 3);
}
