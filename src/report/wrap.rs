//! Word wrapping against measured glyph widths: breaks at spaces, keeps line breaks the rep
//! typed, and splits a word only when it alone is wider than the line.

/// Wraps `text` into lines no wider than `max` (as measured by `width`, which must be additive
/// over characters). An empty paragraph stays as an empty line; an empty text gives no lines.
pub fn wrap(text: &str, max: f32, width: impl Fn(char) -> f32) -> Vec<String> {
    let mut lines = Vec::new();
    if text.is_empty() {
        return lines;
    }
    for paragraph in text.split('\n') {
        wrap_paragraph(paragraph, max, &width, &mut lines);
    }
    lines
}

fn wrap_paragraph(paragraph: &str, max: f32, width: &impl Fn(char) -> f32, out: &mut Vec<String>) {
    let space = width(' ');
    let mut line = String::new();
    let mut line_w = 0.0_f32;
    let mut any = false;
    for word in paragraph.split(' ').filter(|w| !w.is_empty()) {
        any = true;
        let word_w: f32 = word.chars().map(width).sum();
        if !line.is_empty() && line_w + space + word_w <= max {
            line.push(' ');
            line.push_str(word);
            line_w += space + word_w;
            continue;
        }
        if !line.is_empty() {
            out.push(std::mem::take(&mut line));
        }
        if word_w <= max {
            line.push_str(word);
            line_w = word_w;
        } else {
            // One word wider than the line (a URL, a pasted hash): cut it by characters.
            let mut pieces = split_long_word(word, max, width);
            let last = pieces.pop().unwrap_or_default();
            out.extend(pieces);
            line_w = last.chars().map(width).sum();
            line = last;
        }
    }
    if !line.is_empty() || !any {
        out.push(line);
    }
}

fn split_long_word(word: &str, max: f32, width: &impl Fn(char) -> f32) -> Vec<String> {
    let mut pieces = Vec::new();
    let mut piece = String::new();
    let mut piece_w = 0.0_f32;
    for c in word.chars() {
        let w = width(c);
        // A combining mark stays with its base character even if that overflows a little.
        if !piece.is_empty() && piece_w + w > max && !is_combining(c) {
            pieces.push(std::mem::take(&mut piece));
            piece_w = 0.0;
        }
        piece.push(c);
        piece_w += w;
    }
    if !piece.is_empty() {
        pieces.push(piece);
    }
    pieces
}

fn is_combining(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}'
        | '\u{1AB0}'..='\u{1AFF}'
        | '\u{1DC0}'..='\u{1DFF}'
        | '\u{20D0}'..='\u{20FF}'
        | '\u{FE20}'..='\u{FE2F}')
}

/// Shortens `text` to fit `max`, ending in "…" when it had to cut.
pub fn ellipsize(text: &str, max: f32, width: impl Fn(char) -> f32) -> String {
    let total: f32 = text.chars().map(&width).sum();
    if total <= max {
        return text.to_owned();
    }
    let budget = max - width('…');
    let mut out = String::new();
    let mut w = 0.0;
    for c in text.chars() {
        w += width(c);
        if w > budget {
            break;
        }
        out.push(c);
    }
    let mut out = out.trim_end().to_owned();
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mono(_: char) -> f32 {
        1.0
    }

    #[test]
    fn wraps_on_spaces_and_keeps_paragraphs() {
        assert_eq!(
            wrap("aaa bbb ccc\n\ndd", 7.0, mono),
            vec!["aaa bbb", "ccc", "", "dd"]
        );
        assert!(wrap("", 7.0, mono).is_empty());
        assert_eq!(wrap("  a   b  ", 10.0, mono), vec!["a b"]);
    }

    #[test]
    fn splits_only_overlong_words() {
        assert_eq!(
            wrap("x abcdefghij y", 4.0, mono),
            vec!["x", "abcd", "efgh", "ij y"]
        );
        // Never a line wider than allowed, whatever the text.
        let text = "😀".repeat(50) + " Grüße aus Köln " + &"w".repeat(33);
        for line in wrap(&text, 5.0, mono) {
            assert!(line.chars().count() <= 5, "{line}");
        }
    }

    #[test]
    fn zero_width_never_loops() {
        assert_eq!(wrap("abc", 0.0, mono), vec!["a", "b", "c"]);
    }

    #[test]
    fn ellipsis_only_when_needed() {
        assert_eq!(ellipsize("abc", 3.0, mono), "abc");
        assert_eq!(ellipsize("abcdef", 4.0, mono), "abc…");
    }
}
