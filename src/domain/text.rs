//! The two languages LeadQ speaks and `Text`, a string given in both.

use serde::{Deserialize, Serialize};

/// The two languages LeadQ speaks. Every text the rep reads exists in both.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    De,
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::De, Lang::En];

    pub fn code(self) -> &'static str {
        match self {
            Lang::De => "de",
            Lang::En => "en",
        }
    }

    /// Parses "de", "de-DE", "de_AT.UTF-8", "en-US" … (case-insensitive); anything else is `None`.
    pub fn from_locale(locale: &str) -> Option<Lang> {
        let primary = locale
            .split(['-', '_', '.', '@'])
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        match primary.as_str() {
            "de" => Some(Lang::De),
            "en" => Some(Lang::En),
            _ => None,
        }
    }
}

/// A text given in German and English, as framework files carry it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Text {
    pub de: String,
    pub en: String,
}

impl Text {
    pub fn new(de: &str, en: &str) -> Self {
        Text {
            de: de.to_owned(),
            en: en.to_owned(),
        }
    }

    /// The text in `lang`, falling back to the other language when a framework file left it empty.
    pub fn get(&self, lang: Lang) -> &str {
        let (wanted, other) = match lang {
            Lang::De => (&self.de, &self.en),
            Lang::En => (&self.en, &self.de),
        };
        if wanted.is_empty() { other } else { wanted }
    }

    /// Whether neither language has anything (an optional text a file left out).
    pub fn is_empty(&self) -> bool {
        self.de.is_empty() && self.en.is_empty()
    }
}

/// Search text the way both sides of a search see it: lower case, accents and umlauts off
/// (`Müller` = `muller`, `Straße` = `strasse`), typographic dashes and quotes as ASCII. Letters
/// with no Latin base (Greek, Cyrillic, …) stay as they are and are matched as typed.
pub fn fold_into(text: &str, out: &mut String) {
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        for lower in c.to_lowercase() {
            match fold_char(lower) {
                Some(ascii) => out.push_str(ascii),
                None => out.push(lower),
            }
        }
    }
}

/// At most `max` characters, the last one "…" when `text` was longer: for tables that give a
/// name a fixed width (the CLI's list, the import preview).
pub fn ellipsize(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        text.to_owned()
    } else {
        let mut out: String = text.chars().take(max.saturating_sub(1)).collect();
        out.push('…');
        out
    }
}

/// `text` folded as search sees it (see [`fold_into`]): the key a list sorts names by and a
/// CSV import matches column names with.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(text, &mut out);
    out
}

/// The key two spellings of one word meet at: folded as [`fold`] does, German umlauts written
/// out (`ae`, `oe`, `ue`) taken as the umlaut, and nothing but letters and digits kept, so
/// `Entscheider, Prozess bekannt`, `entscheider prozess bekannt` and `ENTSCHEIDER-PROZESS-BEKANNT`
/// are one key, and `ungeklärt` = `ungeklaert`. What an import compares answers and values by.
pub fn word_key(text: &str) -> String {
    fold_spelled(text)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// `text` folded as [`fold`] does, with German umlauts written out (`ae`, `oe`, `ue`) taken as
/// the umlaut: `Nächster` = `Naechster` = `nachster`. What column names and answers are
/// compared by (`word_key`, `exchange::column_key`).
pub fn fold_spelled(text: &str) -> String {
    fold(text)
        .replace("ae", "a")
        .replace("oe", "o")
        .replace("ue", "u")
}

/// The ASCII stand-in of a lower-case character, if it has one.
fn fold_char(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' | 'ǎ' => "a",
        'æ' => "ae",
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => "c",
        'ď' | 'đ' | 'ð' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => "e",
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => "g",
        'ĥ' | 'ħ' => "h",
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' | 'ǐ' => "i",
        'ĳ' => "ij",
        'ĵ' => "j",
        'ķ' => "k",
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => "l",
        'ñ' | 'ń' | 'ņ' | 'ň' | 'ŉ' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' | 'ǒ' => "o",
        'œ' => "oe",
        'ŕ' | 'ŗ' | 'ř' => "r",
        'ś' | 'ŝ' | 'ş' | 'š' | 'ș' => "s",
        'ß' => "ss",
        'ţ' | 'ť' | 'ŧ' | 'ț' => "t",
        'þ' => "th",
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' | 'ǔ' => "u",
        'ŵ' => "w",
        'ý' | 'ÿ' | 'ŷ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        '\u{a0}' | '\u{2007}' | '\u{202f}' | '\u{2009}' => " ",
        '‐' | '‑' | '‒' | '–' | '—' | '−' => "-",
        '„' | '“' | '”' | '«' | '»' | '‹' | '›' => "\"",
        '‘' | '’' | '‚' => "'",
        '…' => "...",
        '€' => "eur",
        '×' => "x",
        '·' | '•' => ".",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locale_parsing() {
        assert_eq!(Lang::from_locale("de-DE"), Some(Lang::De));
        assert_eq!(Lang::from_locale("de_AT.UTF-8"), Some(Lang::De));
        assert_eq!(Lang::from_locale("EN-us"), Some(Lang::En));
        assert_eq!(Lang::from_locale("fr-FR"), None);
        assert_eq!(Lang::from_locale(""), None);
    }

    #[test]
    fn empty_translation_falls_back() {
        let t = Text::new("Budget", "");
        assert_eq!(t.get(Lang::En), "Budget");
    }
}
