//! CSV injection: a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is run
//! as a formula by Excel, LibreOffice and Google Sheets when the rep opens the file
//! (`=HYPERLINK(…)`, `@SUM(1+1)*cmd|…`). Every CSV LeadQ writes puts an apostrophe before such a
//! cell, as OWASP recommends; spreadsheets show the text and run nothing. The import takes the
//! apostrophe away again, so LeadQ's own export reads back to exactly the text it held
//! (`+49 30 1234` stays a phone number, `=HYPERLINK(…)` a company name).
//!
//! The escape is a bijection: a text that already starts with apostrophes before such a
//! character gets one more, so `'=x` (typed by a rep) is written `''=x` and read back as `'=x`.
//! A text starting with an apostrophe before anything else (`'s Hertogenbosch`) is left alone.

/// The characters a spreadsheet takes as the start of a formula (OWASP's list).
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Whether `text`, after any apostrophes it starts with, starts a formula.
fn needs_escape(text: &str) -> bool {
    text.trim_start_matches('\'')
        .starts_with(|c: char| FORMULA_START.contains(&c))
}

/// The cell as a CSV file must hold it so that no spreadsheet runs it.
pub fn escape(text: &str) -> std::borrow::Cow<'_, str> {
    if needs_escape(text) {
        format!("'{text}").into()
    } else {
        text.into()
    }
}

/// The text a cell written by [`escape`] stood for; any other cell as it is.
pub fn unescape(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if needs_escape(rest) => rest,
        _ => cell,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_get_an_apostrophe_and_come_back_exactly() {
        for text in [
            "=HYPERLINK(\"http://x\",\"click\")",
            "@SUM(1+1)*cmd|' /C calc'!A0",
            "+49 30 1234",
            "-5",
            "\tTab",
            "\rReturn",
            "'=already escaped by hand",
            "''+two",
        ] {
            let written = escape(text);
            assert!(written.starts_with('\''), "{text:?} → {written:?}");
            assert_eq!(unescape(&written), text);
        }
    }

    #[test]
    fn harmless_text_is_left_alone_both_ways() {
        for text in [
            "Müller GmbH",
            "'s Hertogenbosch",
            "'",
            "''",
            "",
            "a=b",
            "5-3",
        ] {
            assert_eq!(escape(text), text);
            assert_eq!(unescape(text), text);
        }
    }

    #[test]
    fn a_foreign_apostrophe_before_a_phone_number_is_read_as_the_number() {
        // Some CRMs write phone numbers this way so that Excel keeps them as text.
        assert_eq!(unescape("'+49 89 1234"), "+49 89 1234");
    }
}
