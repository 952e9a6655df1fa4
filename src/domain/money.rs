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
    fn display_and_parse_round_trip() {
        for v in [0, 1, 99, 100, 123_456_789, MAX_FEN] {
            assert_eq!(Fen::parse(&Fen(v).to_string()), Ok(Fen(v)));
        }
    }
}
