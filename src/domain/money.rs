//! Money as integer fen (分). Amounts are typed by people in many forms; parsing is strict and
//! every rejection says why.

use serde::{Deserialize, Serialize};
use std::fmt;
use thiserror::Error;

/// An amount of renminbi in fen (1 yuan = 100 fen). Never a float.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default,
)]
pub struct Fen(pub i64);

/// Why a typed amount was not accepted.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum MoneyError {
    /// Nothing but spaces was typed.
    #[error("amount is empty")]
    Empty,
    /// A character that has no place in an amount.
    #[error("'{0}' is not a number")]
    NotANumber(String),
    /// More than two decimals: fen is the smallest unit.
    #[error("at most two decimals (fen) are allowed")]
    TooManyDecimals,
    /// A minus sign where only non-negative amounts make sense.
    #[error("amount cannot be negative")]
    Negative,
    /// Larger than any real budget; also guards against overflow.
    #[error("amount is too large")]
    TooLarge,
}

/// The largest amount accepted: one hundred billion yuan.
pub const MAX_FEN: i64 = 100_000_000_000 * 100;

impl Fen {
    /// Parses what a person typed: `1234.5`, `¥1,234.50`, `￥ 1 234`, full-width digits `１２３`,
    /// `1234元`. Negative amounts are refused (budgets and contract values are never negative).
    pub fn parse(input: &str) -> Result<Fen, MoneyError> {
        let normalized: String = input
            .chars()
            .map(fold_full_width)
            .filter(|c| !matches!(c, ',' | '，' | ' ' | '\u{3000}' | '_' | '¥' | '￥'))
            .collect();
        let normalized = normalized
            .trim_end_matches('元')
            .trim_start_matches("RMB")
            .trim_start_matches("CNY")
            .to_string();
        if normalized.is_empty() {
            return Err(MoneyError::Empty);
        }
        let body = match normalized.strip_prefix('-') {
            Some(_) => return Err(MoneyError::Negative),
            None => normalized.strip_prefix('+').unwrap_or(&normalized),
        };
        let (whole, frac) = match body.split_once('.') {
            Some((w, f)) => (w, f),
            None => (body, ""),
        };
        let bad = || MoneyError::NotANumber(input.trim().to_string());
        if whole.is_empty() && frac.is_empty() {
            return Err(bad());
        }
        if !whole.chars().all(|c| c.is_ascii_digit()) || !frac.chars().all(|c| c.is_ascii_digit()) {
            return Err(bad());
        }
        if frac.len() > 2 {
            return Err(MoneyError::TooManyDecimals);
        }
        let whole = whole.trim_start_matches('0');
        if whole.len() > 15 {
            return Err(MoneyError::TooLarge);
        }
        let yuan: i64 = if whole.is_empty() {
            0
        } else {
            whole.parse().map_err(|_| MoneyError::TooLarge)?
        };
        let fen_part: i64 = match frac.len() {
            0 => 0,
            1 => frac.parse::<i64>().map_err(|_| bad())? * 10,
            _ => frac.parse().map_err(|_| bad())?,
        };
        let total = yuan
            .checked_mul(100)
            .and_then(|v| v.checked_add(fen_part))
            .ok_or(MoneyError::TooLarge)?;
        if total > MAX_FEN {
            return Err(MoneyError::TooLarge);
        }
        Ok(Fen(total))
    }

    /// Whole yuan and the remaining fen, for display.
    pub fn split(self) -> (i64, i64) {
        (self.0 / 100, (self.0 % 100).abs())
    }
}

/// Digits of amounts in capitals (大写), 零 to 玖.
const CAPITAL_DIGITS: [char; 10] = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];

impl Fen {
    /// As a plain decimal, `1409.50` (`-12.00` below zero): as spreadsheets and forms read it.
    pub fn plain(self) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        format!("{sign}{}.{:02}", abs / 100, abs % 100)
    }

    /// The amount in capitals (大写) as estimates, contracts and invoices print it, after the
    /// People's Bank of China conventions: `人民币壹仟肆佰零玖元伍角整`. A run of zeros inside
    /// the number is one 零; 零 also stands between 元 and 分 when there are no 角; 整 closes an
    /// amount that ends in 元 or 角, never one that ends in 分; a zero 元 place before 角 is
    /// not spoken (`壹仟元伍角整`). Nothing but fen: `人民币伍分`. A negative amount reads
    /// `人民币负…`.
    pub fn in_capitals(self) -> String {
        let abs = self.0.unsigned_abs();
        let yuan = abs / 100;
        let jiao = ((abs / 10) % 10) as usize;
        let fen = (abs % 10) as usize;
        let mut out = String::from("人民币");
        if self.0 < 0 {
            out.push('负');
        }
        if yuan > 0 {
            out.push_str(&yuan_in_capitals(yuan));
            out.push('元');
        }
        match (jiao, fen) {
            (0, 0) if yuan == 0 => out.push_str("零元整"),
            (0, 0) => out.push('整'),
            _ => {
                if jiao > 0 {
                    out.push(CAPITAL_DIGITS[jiao]);
                    out.push('角');
                } else if yuan > 0 {
                    out.push('零');
                }
                if fen > 0 {
                    out.push(CAPITAL_DIGITS[fen]);
                    out.push('分');
                } else {
                    out.push('整');
                }
            }
        }
        out
    }

    /// This unit price times a quantity in thousandths (1.5 days = 1500), rounded half up
    /// (四舍五入, halves away from zero) to the fen: the amount of one line of an estimate.
    /// `None` when the result does not fit an amount.
    pub fn times_thousandths(self, quantity: i64) -> Option<Fen> {
        let exact = i128::from(self.0) * i128::from(quantity);
        i64::try_from(div_round_half_up(exact, 1000)).ok().map(Fen)
    }

    /// This amount at a rate in basis points (600 = 6 %), rounded half up to the fen: the
    /// tax on a subtotal. `None` when the result does not fit an amount.
    pub fn at_rate(self, basis_points: u32) -> Option<Fen> {
        let exact = i128::from(self.0) * i128::from(basis_points);
        i64::try_from(div_round_half_up(exact, 10_000))
            .ok()
            .map(Fen)
    }
}

/// `value / divisor` rounded to the nearest integer, halves away from zero (`divisor` > 0).
fn div_round_half_up(value: i128, divisor: i128) -> i128 {
    let half = divisor / 2;
    if value >= 0 {
        (value + half) / divisor
    } else {
        -((-value + half) / divisor)
    }
}

/// Whole yuan (more than zero) in capitals without the 元: 亿 groups over 万 groups over
/// 仟佰拾 places, a skipped place inside the number read as one 零.
fn yuan_in_capitals(yuan: u64) -> String {
    const HUNDRED_MILLION: u64 = 100_000_000;
    if yuan >= HUNDRED_MILLION {
        let (high, low) = (yuan / HUNDRED_MILLION, yuan % HUNDRED_MILLION);
        let mut out = yuan_in_capitals(high);
        out.push('亿');
        if low > 0 {
            if low < HUNDRED_MILLION / 10 {
                out.push('零');
            }
            out.push_str(&below_hundred_million(low));
        }
        return out;
    }
    below_hundred_million(yuan)
}

/// 1 ..= 99,999,999 in capitals: the 万 group, then the rest (with 零 when a place between
/// them is skipped).
fn below_hundred_million(n: u64) -> String {
    let (high, low) = (n / 10_000, n % 10_000);
    let mut out = String::new();
    if high > 0 {
        out.push_str(&below_ten_thousand(high));
        out.push('万');
    }
    if low > 0 {
        if high > 0 && low < 1_000 {
            out.push('零');
        }
        out.push_str(&below_ten_thousand(low));
    }
    out
}

/// 1 ..= 9,999 in capitals: `壹仟零壹拾`, `壹拾` (the 壹 of a leading ten is written).
fn below_ten_thousand(n: u64) -> String {
    const PLACES: [(u64, &str); 4] = [(1_000, "仟"), (100, "佰"), (10, "拾"), (1, "")];
    let mut out = String::new();
    let mut pending_zero = false;
    for (place, unit) in PLACES {
        let digit = ((n / place) % 10) as usize;
        if digit == 0 {
            pending_zero = !out.is_empty();
            continue;
        }
        if pending_zero {
            out.push('零');
            pending_zero = false;
        }
        out.push(CAPITAL_DIGITS[digit]);
        out.push_str(unit);
    }
    out
}

fn fold_full_width(c: char) -> char {
    match c {
        '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
        '．' | '。' => '.',
        '－' => '-',
        '＋' => '+',
        _ => c,
    }
}

impl fmt::Display for Fen {
    /// `¥1,234.50`: the form used on screen and in every report.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        let yuan = abs / 100;
        let fen = abs % 100;
        let digits = yuan.to_string();
        let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
        for (i, ch) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                grouped.push(',');
            }
            grouped.push(ch);
        }
        write!(f, "{sign}¥{grouped}.{fen:02}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_forms_people_type() {
        assert_eq!(Fen::parse("1234.5"), Ok(Fen(123_450)));
        assert_eq!(Fen::parse("¥1,234.50"), Ok(Fen(123_450)));
        assert_eq!(Fen::parse("￥ 1 234"), Ok(Fen(123_400)));
        assert_eq!(Fen::parse("１２３"), Ok(Fen(12_300)));
        assert_eq!(Fen::parse("１２３．４５"), Ok(Fen(12_345)));
        assert_eq!(Fen::parse("88元"), Ok(Fen(8_800)));
        assert_eq!(Fen::parse("0.07"), Ok(Fen(7)));
        assert_eq!(Fen::parse(".5"), Ok(Fen(50)));
        assert_eq!(Fen::parse("5."), Ok(Fen(500)));
        assert_eq!(Fen::parse("  42  "), Ok(Fen(4_200)));
    }

    #[test]
    fn rejects_bad_amounts_with_a_reason() {
        assert_eq!(Fen::parse("-5"), Err(MoneyError::Negative));
        assert_eq!(Fen::parse("12.345"), Err(MoneyError::TooManyDecimals));
        assert_eq!(Fen::parse("abc"), Err(MoneyError::NotANumber("abc".into())));
        assert_eq!(Fen::parse("   "), Err(MoneyError::Empty));
        assert_eq!(Fen::parse("."), Err(MoneyError::NotANumber(".".into())));
        assert_eq!(
            Fen::parse("1.2.3"),
            Err(MoneyError::NotANumber("1.2.3".into()))
        );
        assert_eq!(
            Fen::parse("99999999999999999999"),
            Err(MoneyError::TooLarge)
        );
        assert!(matches!(Fen::parse("1e5"), Err(MoneyError::NotANumber(_))));
        assert!(matches!(Fen::parse("😀"), Err(MoneyError::NotANumber(_))));
    }

    #[test]
    fn displays_with_grouping_and_two_decimals() {
        assert_eq!(Fen(123_450).to_string(), "¥1,234.50");
        assert_eq!(Fen(0).to_string(), "¥0.00");
        assert_eq!(Fen(5).to_string(), "¥0.05");
        assert_eq!(Fen(100_000_000).to_string(), "¥1,000,000.00");
        assert_eq!(Fen(-250).to_string(), "-¥2.50");
    }

    #[test]
    fn capitals_follow_the_examples_of_the_money_notes() {
        assert_eq!(Fen(140_950).in_capitals(), "人民币壹仟肆佰零玖元伍角整");
        assert_eq!(Fen(600_714).in_capitals(), "人民币陆仟零柒元壹角肆分");
        assert_eq!(Fen(10_000_000).in_capitals(), "人民币壹拾万元整");
        assert_eq!(Fen(5).in_capitals(), "人民币伍分");
        assert_eq!(Fen(123_450).in_capitals(), "人民币壹仟贰佰叁拾肆元伍角整");
    }

    #[test]
    fn capitals_of_zero_and_of_small_and_round_amounts() {
        assert_eq!(Fen(0).in_capitals(), "人民币零元整");
        assert_eq!(Fen(50).in_capitals(), "人民币伍角整");
        assert_eq!(Fen(55).in_capitals(), "人民币伍角伍分");
        assert_eq!(Fen(1_000).in_capitals(), "人民币壹拾元整");
        assert_eq!(Fen(1_500).in_capitals(), "人民币壹拾伍元整");
        assert_eq!(Fen(100).in_capitals(), "人民币壹元整");
        assert_eq!(Fen(100_000).in_capitals(), "人民币壹仟元整");
    }

    #[test]
    fn capitals_write_one_zero_for_a_run_of_zeros() {
        // 零 for the skipped places inside the number, and between 元 and 分.
        assert_eq!(Fen(10_001_001).in_capitals(), "人民币壹拾万零壹拾元零壹分");
        assert_eq!(Fen(100_100).in_capitals(), "人民币壹仟零壹元整");
        assert_eq!(Fen(101_000).in_capitals(), "人民币壹仟零壹拾元整");
        assert_eq!(Fen(10_000_100).in_capitals(), "人民币壹拾万零壹元整");
        assert_eq!(Fen(1_000_000_100).in_capitals(), "人民币壹仟万零壹元整");
        assert_eq!(Fen(1_100_000_000).in_capitals(), "人民币壹仟壹佰万元整");
        assert_eq!(Fen(10_001).in_capitals(), "人民币壹佰元零壹分");
        // A zero 元 place before 角 is not spoken.
        assert_eq!(Fen(100_050).in_capitals(), "人民币壹仟元伍角整");
        assert_eq!(Fen(168_032).in_capitals(), "人民币壹仟陆佰捌拾元叁角贰分");
    }

    #[test]
    fn capitals_of_hundreds_of_millions_and_beyond() {
        assert_eq!(Fen(10_000_000_000).in_capitals(), "人民币壹亿元整");
        assert_eq!(
            Fen(12_345_678_912).in_capitals(),
            "人民币壹亿贰仟叁佰肆拾伍万陆仟柒佰捌拾玖元壹角贰分"
        );
        assert_eq!(Fen(10_001_000_000).in_capitals(), "人民币壹亿零壹万元整");
        assert_eq!(Fen(10_500_000_000).in_capitals(), "人民币壹亿零伍佰万元整");
        assert_eq!(Fen(10_050_000_000).in_capitals(), "人民币壹亿零伍拾万元整");
        assert_eq!(Fen(10_000_000_500).in_capitals(), "人民币壹亿零伍元整");
        assert_eq!(Fen(15_000_000_000).in_capitals(), "人民币壹亿伍仟万元整");
        assert_eq!(Fen(MAX_FEN).in_capitals(), "人民币壹仟亿元整");
        assert_eq!(
            Fen(1_234_500_000_000).in_capitals(),
            "人民币壹佰贰拾叁亿肆仟伍佰万元整"
        );
        assert_eq!(Fen(100_000_000_000_000).in_capitals(), "人民币壹万亿元整");
        assert_eq!(
            Fen(100_020_000_000_000).in_capitals(),
            "人民币壹万零贰亿元整"
        );
        // Amounts past any real budget (MAX_FEN) still read without overflow.
        assert!(Fen(i64::MAX).in_capitals().starts_with("人民币玖亿贰仟"));
        assert!(Fen(i64::MIN).in_capitals().starts_with("人民币负玖亿贰仟"));
        assert!(Fen(i64::MIN).in_capitals().ends_with("元零捌分"));
    }

    #[test]
    fn capitals_of_a_negative_amount_say_so() {
        assert_eq!(
            Fen(-123_450).in_capitals(),
            "人民币负壹仟贰佰叁拾肆元伍角整"
        );
        assert_eq!(Fen(-5).in_capitals(), "人民币负伍分");
        assert_eq!(Fen(-250).to_string(), "-¥2.50");
    }

    #[test]
    fn line_amounts_and_tax_round_half_up_to_the_fen() {
        // 1.5 days at ¥1,234.55 = ¥1,851.825 → ¥1,851.83.
        assert_eq!(Fen(123_455).times_thousandths(1_500), Some(Fen(185_183)));
        assert_eq!(Fen(123_455).times_thousandths(1_000), Some(Fen(123_455)));
        // 0.333 × ¥0.01 = 0.00333 fen → 0; 0.5 × ¥0.01 = half a fen → 1 fen.
        assert_eq!(Fen(1).times_thousandths(333), Some(Fen(0)));
        assert_eq!(Fen(1).times_thousandths(500), Some(Fen(1)));
        // Credits round away from zero as well.
        assert_eq!(Fen(-1).times_thousandths(500), Some(Fen(-1)));
        // 6 % of ¥1,234.50 = ¥74.07; 6 % of ¥0.25 = 1.5 fen → 2 fen.
        assert_eq!(Fen(123_450).at_rate(600), Some(Fen(7_407)));
        assert_eq!(Fen(25).at_rate(600), Some(Fen(2)));
        assert_eq!(Fen(i64::MAX).times_thousandths(2_000), None);
    }

    #[test]
    fn display_and_parse_round_trip() {
        for v in [0, 1, 99, 100, 123_456_789, MAX_FEN] {
            assert_eq!(Fen::parse(&Fen(v).to_string()), Ok(Fen(v)));
        }
    }
}
