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
    /// An amount in another currency than the euro (`$`, `USD`, `CHF` …): LeadQ does not
    /// convert currencies, so it is refused rather than read as euros.
    #[error("the amount is in {0}, not in euros; LeadQ does not convert currencies")]
    OtherCurrency(String),
}

/// Parses revenue in million euros as a rep types it: `5`, `5.5`, `5,5`, `1.250,5`, `1,250.5`.
///
/// Empty input means "not given" (`Ok(None)`). With one kind of separator appearing once, it is
/// the decimal mark; repeated or mixed separators are thousands separators and must group by three.
///
/// The unit may be written out, as spreadsheets often have it: `2,5 Mio.`, `€ 2,5 Mio.`, `2.5M`,
/// `2,5 Millionen` are 2.5; `1,5 Mrd. €`, `1.5bn` are 1,500 (million euros). A euro sign or `EUR`
/// may stand around the number; another currency (`$`, `CHF`) is refused
/// ([`RevenueError::OtherCurrency`]), never converted.
pub fn parse_revenue(input: &str) -> Result<Option<f64>, RevenueError> {
    let (number, thousands) = split_unit(input)?;
    let value = match normalise(number)? {
        Some(digits) => Some(to_f64(&shift_thousands(&digits, thousands))?),
        None => None,
    };
    if value.is_some_and(|v| v > MAX_REVENUE_MEUR) {
        return Err(RevenueError::TooLarge);
    }
    Ok(value)
}

/// Words for millions and billions (in million euros: ×1 and ×1,000), compared in lower case
/// without a closing dot.
const MILLIONS: [&str; 7] = ["mio", "m", "mn", "mill", "million", "millions", "millionen"];
const BILLIONS: [&str; 7] = [
    "mrd",
    "md",
    "bn",
    "billion",
    "billions",
    "milliarde",
    "milliarden",
];

/// The number of `input` and how many times its unit multiplies it by a thousand (0 for
/// millions or no unit, 1 for billions): the euro sign and `EUR` dropped, the unit word read.
fn split_unit(input: &str) -> Result<(&str, u32), RevenueError> {
    let text = input.trim();
    let start = text
        .find(|c: char| !(c.is_whitespace() || c == '€'))
        .unwrap_or(text.len());
    let text = &text[start..];
    let text = text
        .get(..3)
        .filter(|p| p.eq_ignore_ascii_case("eur"))
        .map_or(text, |_| text[3..].trim_start());
    let end = text
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
        .unwrap_or(text.len());
    let (number, rest) = text.split_at(end);
    if text.is_empty() {
        return Ok(("", 0));
    }
    if number.is_empty() {
        return Err(match rest.chars().next() {
            Some('-') => RevenueError::Negative,
            Some(c) => currency(rest).unwrap_or(RevenueError::InvalidCharacter(c)),
            None => RevenueError::Malformed,
        });
    }
    let mut thousands = None;
    for token in rest.split_whitespace().flat_map(|t| t.split_inclusive('€')) {
        let word = token.trim_end_matches('€').trim_end_matches('.');
        let lower = word.to_lowercase();
        if word.is_empty() || lower == "eur" {
            continue;
        }
        let unit = if MILLIONS.contains(&lower.as_str()) {
            Some(0)
        } else if BILLIONS.contains(&lower.as_str()) {
            Some(1)
        } else {
            None
        };
        match unit {
            Some(unit) if thousands.is_none() => thousands = Some(unit),
            _ => {
                let first = rest.chars().next().unwrap_or(' ');
                return Err(currency(word).unwrap_or(RevenueError::InvalidCharacter(first)));
            }
        }
    }
    Ok((number, thousands.unwrap_or(0)))
}

/// `word` as a currency other than the euro: a currency sign, or three capital letters (`CHF`,
/// `USD`) at its start.
fn currency(word: &str) -> Option<RevenueError> {
    let code: String = word.chars().take_while(char::is_ascii_uppercase).collect();
    let sign = word.starts_with(['$', '£', '¥', '₹', '₽', '₣']);
    if sign {
        Some(RevenueError::OtherCurrency(word.chars().take(1).collect()))
    } else if code.len() == 3 {
        Some(RevenueError::OtherCurrency(code))
    } else {
        None
    }
}

/// `digits` (as [`normalise`] gives them: `1250.5`) times a thousand `times` times, moving the
/// decimal point rather than multiplying, so `1.1` billion is exactly 1100.
fn shift_thousands(digits: &str, times: u32) -> String {
    if times == 0 {
        return digits.to_owned();
    }
    let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
    let places = 3 * times as usize;
    let mut frac = frac.to_owned();
    while frac.len() < places {
        frac.push('0');
    }
    let (moved, rest) = frac.split_at(places);
    if rest.is_empty() {
        format!("{int}{moved}")
    } else {
        format!("{int}{moved}.{rest}")
    }
}

fn to_f64(digits: &str) -> Result<f64, RevenueError> {
    let value: f64 = digits.parse().map_err(|_| RevenueError::Malformed)?;
    if !value.is_finite() {
        return Err(RevenueError::TooLarge);
    }
    Ok(value)
}

/// A non-negative number with the separators as [`parse_revenue`] reads them, any size.
fn parse_number(input: &str) -> Result<Option<f64>, RevenueError> {
    normalise(input)?.map(|digits| to_f64(&digits)).transpose()
}

/// The number `input` writes, as plain digits with a decimal point (`1.250,5` → `1250.5`).
fn normalise(input: &str) -> Result<Option<String>, RevenueError> {
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
    Ok(Some(match frac_part {
        Some(f) => format!("{}.{f}", if digits.is_empty() { "0" } else { &digits }),
        None => digits,
    }))
}

/// Revenue in euros (not millions) as CRMs export it — `48500000`, `48,500,000.00`,
/// `EUR 18.000.000,00`, `€ 2.5M` is *not* understood — converted to million euros
/// (`48500000` → `48.5`). A euro sign or `EUR` around the number is allowed; any other currency
/// is refused ([`RevenueError::OtherCurrency`]). Unlike [`parse_revenue`], one separator
/// followed by exactly three digits is read as a thousands separator (`48.500` is 48,500 €),
/// since an amount in euros has two decimals, never three.
pub fn parse_revenue_eur(input: &str) -> Result<Option<f64>, RevenueError> {
    let mut text: String = input
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\'' && *c != '\u{2019}')
        .collect();
    for euro in ["EUR", "eur", "Eur", "€"] {
        text = text.replace(euro, "");
    }
    if let Some(start) =
        text.find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ',' || c == '-'))
    {
        let currency: String = text[start..]
            .chars()
            .take_while(|c| !(c.is_ascii_digit() || *c == '.' || *c == ','))
            .collect();
        return Err(RevenueError::OtherCurrency(currency));
    }
    let seps: Vec<char> = text.chars().filter(|c| matches!(c, '.' | ',')).collect();
    let lone_thousands = seps.len() == 1
        && text
            .rsplit(['.', ','])
            .next()
            .is_some_and(|tail| tail.len() == 3);
    let euros = if lone_thousands {
        parse_number(&text.replace(['.', ','], ""))?
    } else {
        parse_number(&text)?
    };
    let meur = euros.map(|e| e / 1_000_000.0);
    if meur.is_some_and(|m| m > MAX_REVENUE_MEUR) {
        return Err(RevenueError::TooLarge);
    }
    Ok(meur)
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
    fn crm_amounts_in_euros_become_millions() {
        let ok = [
            ("48500000", 48.5),
            ("48,500,000.00", 48.5),
            ("EUR 18.000.000,00", 18.0),
            ("18.000.000 €", 18.0),
            ("€2,500,000", 2.5),
            ("48.500", 0.0485),
            ("1 250 000", 1.25),
            ("1250000,5", 1.2500005),
        ];
        for (input, want) in ok {
            let got = parse_revenue_eur(input).unwrap().unwrap();
            assert!((got - want).abs() < 1e-9, "{input}: {got}");
        }
        assert_eq!(parse_revenue_eur(""), Ok(None));
        assert_eq!(
            parse_revenue_eur("USD 5,000,000"),
            Err(RevenueError::OtherCurrency("USD".into()))
        );
        assert_eq!(
            parse_revenue_eur("$5000"),
            Err(RevenueError::OtherCurrency("$".into()))
        );
        assert_eq!(parse_revenue_eur("-5"), Err(RevenueError::Negative));
    }

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
    fn units_written_out_are_read_and_other_currencies_refused() {
        let ok = [
            ("2,5 Mio.", 2.5),
            ("€ 2,5 Mio.", 2.5),
            ("2.5M", 2.5),
            ("2,5 Mio. €", 2.5),
            ("EUR 2,5 Mio", 2.5),
            ("2,5 Millionen", 2.5),
            ("1,5 Mrd. €", 1500.0),
            ("1.1bn", 1100.0),
            ("0,0015 Mrd.", 1.5),
            ("12 €", 12.0),
            ("2,5Mio.€", 2.5),
        ];
        for (input, want) in ok {
            assert_eq!(parse_revenue(input), Ok(Some(want)), "{input}");
        }
        assert_eq!(
            parse_revenue("$2.5M"),
            Err(RevenueError::OtherCurrency("$".into()))
        );
        assert_eq!(
            parse_revenue("2,5 Mio. CHF"),
            Err(RevenueError::OtherCurrency("CHF".into()))
        );
        assert_eq!(
            parse_revenue("USD 2.5"),
            Err(RevenueError::OtherCurrency("USD".into()))
        );
        assert_eq!(
            parse_revenue("2,5 Mio Mio"),
            Err(RevenueError::InvalidCharacter(' '))
        );
        assert_eq!(parse_revenue("20000 Mrd."), Err(RevenueError::TooLarge));
    }

    #[test]
    fn formats_rounded() {
        assert_eq!(format_revenue(5.0, true), "5");
        assert_eq!(format_revenue(5.55, true), "5,6");
        assert_eq!(format_revenue(1250.5, false), "1250.5");
    }
}
