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
