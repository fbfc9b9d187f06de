//! What every panel needs to speak to the rep: the texts and the language, and today's date
//! (read once per frame), passed as one small value instead of a `t`/`tx`/`lang` triple.

use jiff::civil::Date;

use crate::domain::Lang;
use crate::i18n::{Texts, UiTexts, texts, ui_texts};

/// The language context of one frame.
#[derive(Clone, Copy)]
pub struct Cx {
    /// The window's texts.
    pub t: &'static UiTexts,
    /// The texts the window shares with the PDF and the CLI (field names, units).
    pub tx: &'static Texts,
    pub lang: Lang,
    pub today: Date,
}

impl Cx {
    pub fn new(lang: Lang, today: Date) -> Cx {
        Cx {
            t: ui_texts(lang),
            tx: texts(lang),
            lang,
            today,
        }
    }
}
