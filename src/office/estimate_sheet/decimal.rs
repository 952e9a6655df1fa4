//! Decimal text to scaled integers (fen, thousandths) without ever doing arithmetic in `f64`.
//! Numeric workbook cells arrive as floats; they are turned into their shortest decimal text
//! first, and float noise (`0.30000000000000004`) is rounded away only when it is noise.

use crate::domain::money::MAX_FEN;

/// Where a number's text came from: what a person typed, or the shortest text of a float.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Origin {
    /// Typed text: every digit was meant, so surplus decimals are refused unless they are zeros.
    Typed,
    /// A float's shortest round-trip text: surplus decimals within 1e-6 of a unit are noise.
    Float,
}

/// Why a cell's text is not an acceptable amount or quantity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum NumberError {
    /// Not a decimal number at all.
    NotANumber,
    /// More decimals than the unit allows (2 for money, 3 for quantities).
    TooManyDecimals(u32),
    /// A minus sign.
    Negative,
    /// Beyond any real estimate; also guards against overflow.
    TooLarge,
}

/// The largest quantity accepted, in thousandths: one billion units.
const MAX_THOUSANDTHS: i64 = 1_000_000_000 * 1000;

/// Money in fen: `¥1,234.50`, `1234.5元`, full-width digits; never negative.
pub(super) fn parse_fen(text: &str, origin: Origin) -> Result<i64, NumberError> {
    let value = parse_scaled(text, 2, origin)?;
    if value < 0 {
        return Err(NumberError::Negative);
    }
    if value > MAX_FEN {
        return Err(NumberError::TooLarge);
    }
    Ok(value)
}

/// A quantity in thousandths (`1.5` → 1500). The sign is kept so the caller can say that a
/// quantity must be more than zero rather than that it is not a number.
pub(super) fn parse_thousandths(text: &str, origin: Origin) -> Result<i64, NumberError> {
    let value = parse_scaled(text, 3, origin)?;
    if value.abs() > MAX_THOUSANDTHS {
        return Err(NumberError::TooLarge);
    }
    Ok(value)
}

/// `text` as an integer count of `10^-decimals` units, rounding surplus decimals half up
/// only when `origin` is a float and they are noise.
pub(super) fn parse_scaled(text: &str, decimals: u32, origin: Origin) -> Result<i64, NumberError> {
    let cleaned = clean(text);
    let (negative, body) = match cleaned.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, cleaned.strip_prefix('+').unwrap_or(&cleaned)),
    };
    let (whole, frac) = body.split_once('.').unwrap_or((body, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if (whole.is_empty() && frac.is_empty()) || !digits(whole) || !digits(frac) {
        return Err(NumberError::NotANumber);
    }
    let places = decimals as usize;
    let (kept, tail) = frac.split_at(frac.len().min(places));
    let round_up = match origin {
        _ if tail.bytes().all(|b| b == b'0') => false,
        Origin::Typed => return Err(NumberError::TooManyDecimals(decimals)),
        Origin::Float => {
            noise_rounds_up(tail, places).ok_or(NumberError::TooManyDecimals(decimals))?
        }
    };
    let whole = whole.trim_start_matches('0');
    if whole.len() > 18 - places {
        return Err(NumberError::TooLarge);
    }
    let mut value: i128 = 0;
    for b in whole.bytes().chain(kept.bytes()) {
        value = value * 10 + i128::from(b - b'0');
    }
    for _ in kept.len()..places {
        value *= 10;
    }
    if round_up {
        value += 1;
    }
    let value = if negative { -value } else { value };
    i64::try_from(value).map_err(|_| NumberError::TooLarge)
}

/// For the digits beyond the allowed decimals (`tail`, not all zeros) of a float's text:
/// `Some(round up?)` when rounding half up moves the value by less than 1e-6 of a unit,
/// `None` when the digits are real (`2.675` to two decimals).
///
/// Rounding down moves the value by `0.0…0tail`, which is below 1e-6 exactly when the tail's
/// digits up to the sixth decimal place are zeros; rounding up moves it by one last kept place
/// less that, below 1e-6 exactly when those digits are nines and a non-zero digit follows.
pub(super) fn noise_rounds_up(tail: &str, places: usize) -> Option<bool> {
    let watched = 6usize.saturating_sub(places);
    let (head, rest) = tail.split_at(tail.len().min(watched));
    let rest_nonzero = rest.bytes().any(|b| b != b'0');
    if tail.as_bytes().first().is_some_and(|b| *b >= b'5') {
        (head.len() == watched && head.bytes().all(|b| b == b'9') && rest_nonzero).then_some(true)
    } else {
        head.bytes().all(|b| b == b'0').then_some(false)
    }
}

/// The number without what people type around it: thousands separators, spaces, currency
/// signs, a trailing 元, leading RMB/CNY; full-width digits and signs folded to ASCII.
fn clean(text: &str) -> String {
    let folded: String = text
        .chars()
        .filter_map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32),
            '．' | '。' => Some('.'),
            '－' | '−' => Some('-'),
            '＋' => Some('+'),
            ',' | '，' | '_' | '¥' | '￥' | '\'' => None,
            c if c.is_whitespace() => None,
            c => Some(c),
        })
        .collect();
    let upper = folded.to_ascii_uppercase();
    let trimmed = upper.trim_end_matches('元');
    let trimmed = trimmed
        .strip_prefix("RMB")
        .or_else(|| trimmed.strip_prefix("CNY"))
        .unwrap_or(trimmed);
    trimmed.to_string()
}
