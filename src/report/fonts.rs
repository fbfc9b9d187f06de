//! The embedded DejaVu Sans faces: parsed once, measured from their own `hmtx` advances, and
//! asked through their cmap which characters they can show.

use std::sync::OnceLock;

use printpdf::ParsedFont;

use super::ReportError;

const REGULAR_TTF: &[u8] = include_bytes!("../../assets/DejaVuSans.ttf");
const BOLD_TTF: &[u8] = include_bytes!("../../assets/DejaVuSans-Bold.ttf");

/// Shown instead of a character neither face has.
pub const REPLACEMENT: char = '\u{FFFD}';

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Face {
    Regular,
    Bold,
}

pub struct Fonts {
    pub regular: ParsedFont,
    pub bold: ParsedFont,
}

/// The parsed faces, shared by every report (parsing takes longer than rendering a page).
pub fn fonts() -> Result<&'static Fonts, ReportError> {
    static FONTS: OnceLock<Result<Fonts, String>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            Ok(Fonts {
                regular: parse(REGULAR_TTF, "DejaVuSans.ttf")?,
                bold: parse(BOLD_TTF, "DejaVuSans-Bold.ttf")?,
            })
        })
        .as_ref()
        .map_err(|e| ReportError::Font(e.clone()))
}

fn parse(bytes: &[u8], name: &str) -> Result<ParsedFont, String> {
    let slimmed = super::slim::slim(bytes);
    let bytes = slimmed.as_deref().unwrap_or(bytes);
    let mut warnings = Vec::new();
    let font = ParsedFont::from_bytes(bytes, 0, &mut warnings).ok_or_else(|| {
        let detail: Vec<String> = warnings.iter().map(|w| w.message.clone()).collect();
        format!("{name}: {}", detail.join("; "))
    })?;
    if font.pdf_font_metrics.units_per_em == 0 {
        return Err(format!("{name}: units per em is 0"));
    }
    Ok(font)
}

impl Fonts {
    pub fn face(&self, face: Face) -> &ParsedFont {
        match face {
            Face::Regular => &self.regular,
            Face::Bold => &self.bold,
        }
    }

    /// Whether `face` has a real glyph (not `.notdef`) for `c`.
    pub fn has(&self, face: Face, c: char) -> bool {
        matches!(self.face(face).lookup_glyph_index(u32::from(c)), Some(g) if g != 0)
    }

    /// The face that draws `c` when `wanted` is asked for: the other face stands in for a
    /// character only one of them has. Text reaching here is cleaned, so one of them has it.
    pub fn face_for(&self, wanted: Face, c: char) -> Face {
        if self.has(wanted, c) {
            return wanted;
        }
        match wanted {
            Face::Regular if self.has(Face::Bold, c) => Face::Bold,
            Face::Bold if self.has(Face::Regular, c) => Face::Regular,
            _ => wanted,
        }
    }

    /// The advance of `c` in points at `size`, exactly as the PDF viewer will place it.
    pub fn char_width(&self, face: Face, c: char, size: f32) -> f32 {
        let font = self.face(self.face_for(face, c));
        let gid = font.lookup_glyph_index(u32::from(c)).unwrap_or(0);
        let units = f32::from(font.get_horizontal_advance(gid));
        units * size / f32::from(font.pdf_font_metrics.units_per_em)
    }

    pub fn width(&self, face: Face, text: &str, size: f32) -> f32 {
        text.chars().map(|c| self.char_width(face, c, size)).sum()
    }

    /// Makes `text` drawable: tabs become spaces, control and invisible formatting characters
    /// go, characters neither face has become [`REPLACEMENT`] and are noted in `missing`, and
    /// so are Arabic letters, which are drawn but cannot be joined (see [`super::bidi`]).
    /// Line breaks are kept for the wrapper.
    pub fn clean(&self, text: &str, missing: &mut Vec<char>) -> String {
        let mut out = String::with_capacity(text.len());
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\r' => {
                    if chars.peek() != Some(&'\n') {
                        out.push('\n');
                    }
                }
                '\n' => out.push('\n'),
                '\u{2028}' | '\u{2029}' => out.push('\n'),
                '\t' => out.push(' '),
                c if c.is_control() || is_invisible(c) => {}
                c if super::bidi::is_unjoined_letter(c)
                    && (self.has(Face::Regular, c) || self.has(Face::Bold, c)) =>
                {
                    // Shown, but in its isolated form: without shaping Arabic letters do not
                    // join, so the word is not written as it should be. Reported like a gap.
                    if !missing.contains(&c) {
                        missing.push(c);
                    }
                    out.push(c);
                }
                c if self.has(Face::Regular, c) || self.has(Face::Bold, c) => out.push(c),
                c => {
                    if !missing.contains(&c) {
                        missing.push(c);
                    }
                    out.push(REPLACEMENT);
                }
            }
        }
        out
    }
}

/// Characters that only steer other characters (emoji joiners, variation selectors, bidi
/// marks, zero-width and soft hyphens): without shaping they would only show up as stray
/// marks, so they are dropped; nothing visible is lost.
fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}'
        | '\u{034F}'
        | '\u{061C}'
        | '\u{115F}'..='\u{1160}'
        | '\u{17B4}'..='\u{17B5}'
        | '\u{180B}'..='\u{180F}'
        | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{206F}'
        | '\u{3164}'
        | '\u{FE00}'..='\u{FE0F}'
        | '\u{FEFF}'
        | '\u{FFA0}'
        | '\u{FFF0}'..='\u{FFF8}'
        | '\u{E0000}'..='\u{E0FFF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_keeps_what_the_font_has_and_reports_the_rest() {
        let f = fonts().unwrap();
        let mut missing = Vec::new();
        let s = f.clean(
            "Müller ß € – Ωмир İğ ł\tx🚀\u{FE0F}\u{200D}🚀😀\u{7}",
            &mut missing,
        );
        assert_eq!(s, "Müller ß € – Ωмир İğ ł x\u{FFFD}\u{FFFD}😀");
        assert_eq!(missing, vec!['🚀']);
        assert_eq!(f.clean("a\r\nb\rc", &mut missing), "a\nb\nc");
    }

    #[test]
    fn widths_come_from_the_font() {
        let f = fonts().unwrap();
        let i = f.width(Face::Regular, "i", 10.0);
        let m = f.width(Face::Regular, "M", 10.0);
        assert!(i > 1.0 && i < m && m < 10.0, "{i} {m}");
        assert!(f.width(Face::Bold, "Mmm", 10.0) > f.width(Face::Regular, "Mmm", 10.0));
    }
}
