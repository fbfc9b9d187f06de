//! Right-to-left text (Arabic, Hebrew) in the PDF. A PDF shows the characters of a text run
//! left to right as they are given, so each line is put into visual order first (the Unicode
//! bidirectional algorithm, with brackets mirrored). What this cannot do is shaping: Arabic
//! letters take different forms at the start, middle and end of a word, and without a shaping
//! engine they are printed in their isolated forms, unjoined. Those letters are reported, never
//! silently printed wrong; Hebrew needs no joining and comes out right.

use std::borrow::Cow;

use unicode_bidi::BidiInfo;

/// `line` (one printed line, no line breaks) in the order its characters appear on the page,
/// left to right.
pub fn visual_order(line: &str) -> Cow<'_, str> {
    if line.is_empty() || !line.chars().any(is_strong_rtl) {
        return Cow::Borrowed(line);
    }
    let info = BidiInfo::new(line, None);
    let mut out = String::with_capacity(line.len());
    for para in &info.paragraphs {
        if para.range.is_empty() {
            continue;
        }
        let (levels, runs) = info.visual_runs(para, para.range.clone());
        for run in runs {
            let Some(text) = line.get(run.clone()) else {
                continue;
            };
            if levels.get(run.start).is_some_and(|l| l.is_rtl()) {
                push_reversed(text, &mut out);
            } else {
                out.push_str(text);
            }
        }
    }
    Cow::Owned(out)
}

/// Appends `text` reversed, each base character keeping its combining marks after it (Hebrew
/// points, Arabic vowel marks) and brackets mirrored, as a right-to-left run is drawn.
fn push_reversed(text: &str, out: &mut String) {
    let mut clusters: Vec<&str> = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if i > start && !is_combining_mark(c) {
            clusters.push(&text[start..i]);
            start = i;
        }
    }
    if start < text.len() {
        clusters.push(&text[start..]);
    }
    for cluster in clusters.into_iter().rev() {
        let mut chars = cluster.chars();
        if let Some(first) = chars.next() {
            out.push(mirror(first));
            out.extend(chars);
        }
    }
}

/// The mirror image of a bracket-like character, drawn in a right-to-left run (Unicode rule L4).
fn mirror(c: char) -> char {
    match c {
        '(' => ')',
        ')' => '(',
        '[' => ']',
        ']' => '[',
        '{' => '}',
        '}' => '{',
        '<' => '>',
        '>' => '<',
        '«' => '»',
        '»' => '«',
        '‹' => '›',
        '›' => '‹',
        c => c,
    }
}

/// Letters written right to left (Hebrew, Arabic, Syriac, Thaana, N'Ko and their presentation
/// forms): only a line with one of these is reordered.
fn is_strong_rtl(c: char) -> bool {
    matches!(c,
        '\u{05D0}'..='\u{05EA}'
        | '\u{05EF}'..='\u{05F2}'
        | '\u{0600}'..='\u{07FF}'
        | '\u{0860}'..='\u{08FF}'
        | '\u{FB1D}'..='\u{FDFF}'
        | '\u{FE70}'..='\u{FEFF}')
}

/// Hebrew points and cantillation, Arabic vowel and Quranic marks: drawn on their base letter.
fn is_combining_mark(c: char) -> bool {
    matches!(c,
        '\u{0591}'..='\u{05BD}'
        | '\u{05BF}'
        | '\u{05C1}'..='\u{05C2}'
        | '\u{05C4}'..='\u{05C5}'
        | '\u{05C7}'
        | '\u{0610}'..='\u{061A}'
        | '\u{064B}'..='\u{065F}'
        | '\u{0670}'
        | '\u{06D6}'..='\u{06DC}'
        | '\u{06DF}'..='\u{06E4}'
        | '\u{06E7}'..='\u{06E8}'
        | '\u{06EA}'..='\u{06ED}'
        | '\u{0300}'..='\u{036F}')
}

/// An Arabic-script letter that joins its neighbours in real writing; printed without shaping it
/// stands alone. Presentation forms (U+FB50…, U+FE70…) are already shaped and need nothing.
pub fn is_unjoined_letter(c: char) -> bool {
    matches!(c,
        '\u{0620}'..='\u{063F}'
        | '\u{0641}'..='\u{064A}'
        | '\u{066E}'..='\u{066F}'
        | '\u{0671}'..='\u{06D3}'
        | '\u{06D5}'
        | '\u{06EE}'..='\u{06EF}'
        | '\u{06FA}'..='\u{06FC}'
        | '\u{06FF}'
        | '\u{0750}'..='\u{077F}'
        | '\u{08A0}'..='\u{08C9}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn left_to_right_text_is_untouched() {
        assert!(matches!(
            visual_order("Müller & Söhne (Ωмега)"),
            Cow::Borrowed(_)
        ));
        assert_eq!(visual_order(""), "");
    }

    #[test]
    fn hebrew_is_put_into_visual_order_with_numbers_and_brackets_kept() {
        // "שלום עולם" read right to left is drawn as its mirror left to right.
        assert_eq!(visual_order("שלום עולם"), "םלוע םולש");
        // Digits inside stay left to right; brackets turn with the text.
        assert_eq!(visual_order("חברה (123)"), "(123) הרבח");
        // A Latin name with a Hebrew part: only the Hebrew part turns.
        assert_eq!(visual_order("Firma שלום GmbH"), "Firma םולש GmbH");
    }

    #[test]
    fn marks_stay_on_their_letter() {
        // בְּ: bet with dagesh and sheva, then resh: the marks follow their base letter.
        let word = "ב\u{05BC}\u{05B0}ר";
        assert_eq!(visual_order(word), "רב\u{05BC}\u{05B0}");
    }

    #[test]
    fn arabic_letters_are_reordered_and_known_as_unjoined() {
        assert_eq!(visual_order("شركة النور"), "رونلا ةكرش");
        assert!("شركة".chars().all(is_unjoined_letter));
        assert!(!is_unjoined_letter('ש'));
        assert!(!is_unjoined_letter('\u{FEB3}')); // a presentation form is already shaped
        assert!(!is_unjoined_letter('a'));
    }
}
