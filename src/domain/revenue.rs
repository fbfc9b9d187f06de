//! Revenue in million euros: parsed as a rep types it (`5,5`, `1.250,5`, `1,250.5`) and shown
//! rounded, with a reason for input that cannot be read unambiguously.

use thiserror::Error;

/// No company's revenue reaches ten trillion euros; larger input is a typo.
pub const MAX_REVENUE_MEUR: f64 = 10_000_000.0;

/// Why a revenue entry was refused. The messages are English; the UI renders its own per language.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum RevenueError {
    #[error("only digits with one decimal mark are allowed, e.g. 5, 5.5 or 5,5 (found \"{0}\")")]
    InvalidCharacter(char),
    #[error("negative revenue is not possible")]
    Negative,
    #[error(
        "the number is written in a way that cannot be read unambiguously, e.g. write 1250.5 or 1.250,5"
    )]
    Malformed,
    #[error("the number is larger than 10,000,000 million euros; check for a typo")]
    TooLarge,
}

/// Parses revenue in million euros as a rep types it: `5`, `5.5`, `5,5`, `1.250,5`, `1,250.5`.
///
/// Empty input means "not given" (`Ok(None)`). With one kind of separator appearing once, it is
/// the decimal mark; repeated or mixed separators are thousands separators and must group by three.
pub fn parse_revenue(input: &str) -> Result<Option<f64>, RevenueError> {
    let text = input.trim();
    if text.is_empty() {
        return Ok(None);
    }
    if let Some(bad) = text
        .chars()
        .find(|c| !(c.is_ascii_digit() || *c == '.' || *c == ','))
    {
        return Err(if bad == '-' {
            RevenueError::Negative
        } else {
            RevenueError::InvalidCharacter(bad)
        });
    }
    let dots = text.matches('.').count();
    let commas = text.matches(',').count();
    let (thousands, decimal) = match (dots, commas) {
        (0, 0) => (None, None),
        (1, 0) => (None, Some('.')),
        (0, 1) => (None, Some(',')),
        (_, 0) => (Some('.'), None),
        (0, _) => (Some(','), None),
        _ => {
            // Both appear: the last one is the decimal mark and may appear once.
            let last = text
                .rfind(['.', ','])
                .and_then(|i| text[i..].chars().next());
            match last {
                Some('.') if dots == 1 => (Some(','), Some('.')),
                Some(',') if commas == 1 => (Some('.'), Some(',')),
                _ => return Err(RevenueError::Malformed),
            }
        }
    };
    let (int_part, frac_part) = match decimal.and_then(|d| text.split_once(d)) {
        Some((i, f)) => (i, Some(f)),
        None => (text, None),
    };
    let digits = match thousands {
        Some(sep) => grouped_digits(int_part, sep)?,
        None => int_part.to_owned(),
    };
    if digits.is_empty() && frac_part.is_none_or(str::is_empty) {
        return Err(RevenueError::Malformed);
    }
    if frac_part.is_some_and(|f| f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit())) {
        return Err(RevenueError::Malformed);
    }
    let normalised = match frac_part {
        Some(f) => format!("{}.{f}", if digits.is_empty() { "0" } else { &digits }),
        None => digits,
    };
    let value: f64 = normalised.parse().map_err(|_| RevenueError::Malformed)?;
    if !value.is_finite() || value > MAX_REVENUE_MEUR {
        return Err(RevenueError::TooLarge);
    }
    Ok(Some(value))
}

/// `1.250.000` → `1250000`; groups after the first must have exactly three digits.
fn grouped_digits(int_part: &str, sep: char) -> Result<String, RevenueError> {
    let mut groups = int_part.split(sep);
    let first = groups.next().unwrap_or_default();
    if first.is_empty() || first.len() > 3 {
        return Err(RevenueError::Malformed);
    }
    let mut out = first.to_owned();
    for g in groups {
        if g.len() != 3 {
            return Err(RevenueError::Malformed);
        }
        out.push_str(g);
    }
    Ok(out)
}

/// Revenue exactly as stored (not rounded like on screen), with the language's decimal mark:
/// what a CSV export writes and the form's field starts with, so a round trip loses nothing.
pub fn exact_revenue(value: f64, decimal_comma: bool) -> String {
    // `-0` (a hand-edited `Some(-0.0)`) would be read back as a negative revenue.
    let value = if value == 0.0 { 0.0 } else { value };
    let text = value.to_string();
    if decimal_comma {
        text.replace('.', ",")
    } else {
        text
    }
}

/// Revenue as the app shows it: rounded to one decimal, with the language's decimal mark.
pub fn format_revenue(value: f64, decimal_comma: bool) -> String {
    let rounded = (value * 10.0).round() / 10.0;
    let text = if rounded.fract() == 0.0 {
        format!("{rounded:.0}")
    } else {
        format!("{rounded:.1}")
    };
    if decimal_comma {
        text.replace('.', ",")
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_what_reps_type() {
        let ok = [
            ("5", 5.0),
            ("5.5", 5.5),
            ("5,5", 5.5),
            ("1.250,5", 1250.5),
            ("1,250.5", 1250.5),
            (" 7 ", 7.0),
            ("1.250.000", 1_250_000.0),
            ("0,75", 0.75),
            (",5", 0.5),
            ("0", 0.0),
        ];
        for (input, want) in ok {
            assert_eq!(parse_revenue(input), Ok(Some(want)), "{input}");
        }
        assert_eq!(parse_revenue("   "), Ok(None));
    }

    #[test]
    fn rejects_garbage_with_a_reason() {
        assert_eq!(
            parse_revenue("abc"),
            Err(RevenueError::InvalidCharacter('a'))
        );
        assert_eq!(parse_revenue("-3"), Err(RevenueError::Negative));
        assert_eq!(
            parse_revenue("NaN"),
            Err(RevenueError::InvalidCharacter('N'))
        );
        assert_eq!(
            parse_revenue("inf"),
            Err(RevenueError::InvalidCharacter('i'))
        );
        assert_eq!(
            parse_revenue("1e999"),
            Err(RevenueError::InvalidCharacter('e'))
        );
        assert_eq!(
            parse_revenue("5 x"),
            Err(RevenueError::InvalidCharacter(' '))
        );
        assert_eq!(parse_revenue("1.2.3"), Err(RevenueError::Malformed));
        assert_eq!(parse_revenue("1,25.5"), Err(RevenueError::Malformed));
        assert_eq!(parse_revenue("5."), Err(RevenueError::Malformed));
        assert_eq!(parse_revenue("."), Err(RevenueError::Malformed));
        assert_eq!(parse_revenue("1.2,3,4"), Err(RevenueError::Malformed));
        assert_eq!(parse_revenue("99999999"), Err(RevenueError::TooLarge));
        assert_eq!(parse_revenue(&"9".repeat(400)), Err(RevenueError::TooLarge));
    }

    #[test]
    fn formats_rounded() {
        assert_eq!(format_revenue(5.0, true), "5");
        assert_eq!(format_revenue(5.55, true), "5,6");
        assert_eq!(format_revenue(1250.5, false), "1250.5");
    }
}
