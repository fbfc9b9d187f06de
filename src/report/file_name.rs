//! File names for reports that are safe on Windows, macOS and Linux alike.

use std::path::{Path, PathBuf};

use crate::domain::Lang;

/// The longest stem we produce, in bytes: well under the 255-byte limit of common file
/// systems, leaving room for a prefix, the date, " (99)" and ".pdf".
const MAX_STEM_BYTES: usize = 120;
/// The company's share of a default file name.
const MAX_COMPANY_BYTES: usize = 80;
const FALLBACK: &str = "Lead";

/// `Leadqualifizierung_<Firma>_<YYYY-MM-DD>.pdf` (English: `Lead qualification_…`), with the
/// company made safe for every OS. The date stays ISO so that the files sort by it.
pub fn default_file_name(company: &str, date: jiff::civil::Date, lang: Lang) -> String {
    let prefix = match lang {
        Lang::De => "Leadqualifizierung",
        Lang::En => "Lead qualification",
    };
    let company = truncate(&clean(company), MAX_COMPANY_BYTES);
    let company = trim_end_dots_spaces(&company);
    // "Leadqualifizierung_CON_…" is no device name, so only an empty company needs care.
    if company.is_empty() {
        return format!("{prefix}_{date}.pdf");
    }
    format!("{prefix}_{company}_{date}.pdf")
}

/// Makes `name` usable as a file name (without extension) everywhere: replaces
/// `/ \ : * ? " < > |` with `_`, drops control and invisible formatting characters, collapses
/// whitespace, trims dots and spaces at the ends, avoids the device names of Windows (`CON`,
/// `PRN`, `AUX`, `NUL`, `COM1`–`COM9`, `LPT1`–`LPT9` in any case, with or without extension),
/// limits the length to 120 bytes on a character boundary, and is never empty.
pub fn sanitize_file_stem(name: &str) -> String {
    let cleaned = truncate(&clean(name), MAX_STEM_BYTES);
    let mut stem = trim_end_dots_spaces(&cleaned).to_owned();
    if stem.is_empty() {
        return FALLBACK.to_owned();
    }
    if reserved(&stem) {
        // "con.txt" → "con_.txt": the part before the first dot is what Windows checks.
        let base = stem.split('.').next().unwrap_or_default().trim_end();
        stem.insert(base.len(), '_');
    }
    stem
}

/// `dir/file_name`, or `dir/stem (2).ext`, `dir/stem (3).ext`, … whichever does not exist yet.
pub fn unique_path(dir: &Path, file_name: &str) -> PathBuf {
    unique_path_by(dir, file_name, |p| p.exists())
}

/// [`unique_path`] with a caller-supplied test for "taken", so that a batch can also avoid the
/// names it has handed out but not yet written.
pub fn unique_path_by(
    dir: &Path,
    file_name: &str,
    mut taken: impl FnMut(&Path) -> bool,
) -> PathBuf {
    let first = dir.join(file_name);
    if !taken(&first) {
        return first;
    }
    let (stem, ext) = match file_name.rfind('.') {
        Some(i) if i > 0 => file_name.split_at(i),
        _ => (file_name, ""),
    };
    (2u64..)
        .map(|n| dir.join(format!("{stem} ({n}){ext}")))
        .find(|p| !taken(p))
        .unwrap_or(first)
}

/// Replaces forbidden characters, drops control/format characters, collapses whitespace and
/// trims the ends. May return an empty string.
fn clean(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut pending_space = false;
    for c in name.chars() {
        let c = match c {
            '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|' => '_',
            c if c.is_whitespace() => {
                pending_space = true;
                continue;
            }
            c if c.is_control() || is_format(c) => continue,
            c => c,
        };
        if pending_space && !out.is_empty() {
            out.push(' ');
        }
        pending_space = false;
        out.push(c);
    }
    // Leading dots hide a file on Unix; trailing dots and spaces vanish on Windows.
    let start = out.trim_start_matches(['.', ' ']);
    trim_end_dots_spaces(start).to_owned()
}

/// Bidi overrides, zero-width characters and the like: invisible in a name, and a classic way
/// to disguise one.
fn is_format(c: char) -> bool {
    matches!(c,
        '\u{00AD}'
        | '\u{061C}'
        | '\u{180E}'
        | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{206F}'
        | '\u{FEFF}'
        | '\u{FFF9}'..='\u{FFFB}')
}

fn trim_end_dots_spaces(s: &str) -> &str {
    s.trim_end_matches(['.', ' '])
}

/// The longest prefix of `s` with at most `max` bytes, cut on a character boundary.
fn truncate(s: &str, max: usize) -> String {
    if s.len() <= max {
        return s.to_owned();
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    s[..end].to_owned()
}

/// Whether Windows treats `stem` as a device name: the part before the first dot, without
/// trailing spaces, is CON, PRN, AUX, NUL, COM0–9 or LPT0–9 (also with ¹²³), in any case.
fn reserved(stem: &str) -> bool {
    let base = stem.split('.').next().unwrap_or_default().trim_end();
    let upper = base.to_uppercase();
    if matches!(
        upper.as_str(),
        "CON" | "PRN" | "AUX" | "NUL" | "CONIN$" | "CONOUT$"
    ) {
        return true;
    }
    let mut chars = upper.chars();
    let prefix: String = chars.by_ref().take(3).collect();
    let rest: Vec<char> = chars.collect();
    (prefix == "COM" || prefix == "LPT")
        && matches!(rest.as_slice(), [d] if d.is_ascii_digit() || matches!(d, '¹' | '²' | '³'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reserved_names() -> Vec<String> {
        let mut names: Vec<String> = ["CON", "PRN", "AUX", "NUL"].map(String::from).to_vec();
        for n in 1..=9 {
            names.push(format!("COM{n}"));
            names.push(format!("LPT{n}"));
        }
        names
    }

    fn is_safe(stem: &str) -> bool {
        !stem.is_empty()
            && stem.len() <= MAX_STEM_BYTES
            && !stem
                .chars()
                .any(|c| "/\\:*?\"<>|".contains(c) || c.is_control())
            && !stem.ends_with(['.', ' '])
            && !stem.starts_with(['.', ' '])
            && !reserved(stem)
    }

    #[test]
    fn every_reserved_name_is_defused_in_any_case_and_with_extension() {
        for name in reserved_names() {
            let lower = name.to_lowercase();
            let mixed: String = name
                .chars()
                .enumerate()
                .map(|(i, c)| {
                    if i % 2 == 0 {
                        c.to_ascii_lowercase()
                    } else {
                        c
                    }
                })
                .collect();
            for variant in [
                name.clone(),
                lower.clone(),
                mixed,
                format!("{lower}.txt"),
                format!("{name}.tar.gz"),
                format!("{name} .pdf"),
                format!("{name}..."),
                format!("  {name}  "),
            ] {
                let s = sanitize_file_stem(&variant);
                assert!(is_safe(&s), "{variant:?} → {s:?}");
                assert!(
                    s.to_uppercase().starts_with(&name),
                    "{variant:?} → {s:?} keeps the name"
                );
            }
        }
        assert_eq!(sanitize_file_stem("CON"), "CON_");
        assert_eq!(sanitize_file_stem("con.txt"), "con_.txt");
        assert_eq!(sanitize_file_stem("Lpt9"), "Lpt9_");
        assert_eq!(sanitize_file_stem("COM¹"), "COM¹_");
        assert_eq!(sanitize_file_stem("aux .pdf"), "aux_ .pdf");
        assert_eq!(sanitize_file_stem("CONIN$"), "CONIN$_");
    }

    #[test]
    fn names_that_only_look_reserved_stay() {
        for name in [
            "CONTOSO", "Console", "COM10", "LPT", "COM", "NULL", "AUXILIA", "prn2",
        ] {
            assert_eq!(sanitize_file_stem(name), name);
        }
    }

    #[test]
    fn every_forbidden_character_is_replaced() {
        for c in ['/', '\\', ':', '*', '?', '"', '<', '>', '|'] {
            let s = sanitize_file_stem(&format!("a{c}b"));
            assert_eq!(s, "a_b", "{c:?}");
        }
        assert_eq!(
            sanitize_file_stem("Müller & Söhne: \"Bau\" <GmbH> | AG/KG\\*?"),
            "Müller & Söhne_ _Bau_ _GmbH_ _ AG_KG___"
        );
    }

    #[test]
    fn control_and_invisible_characters_go() {
        assert_eq!(sanitize_file_stem("a\u{0}b\u{7}c\u{1b}d\u{7f}e"), "abcde");
        assert_eq!(
            sanitize_file_stem("Zeile1\nZeile2\tTab"),
            "Zeile1 Zeile2 Tab"
        );
        assert_eq!(sanitize_file_stem("evil\u{202E}fdp.exe"), "evilfdp.exe");
        assert_eq!(sanitize_file_stem("a\u{200B}b\u{FEFF}"), "ab");
    }

    #[test]
    fn dots_and_spaces_at_the_ends_are_trimmed() {
        assert_eq!(sanitize_file_stem("Firma GmbH. . ."), "Firma GmbH");
        assert_eq!(sanitize_file_stem("Firma   GmbH   "), "Firma GmbH");
        assert_eq!(sanitize_file_stem("...hidden"), "hidden");
        assert_eq!(sanitize_file_stem("Co. KG"), "Co. KG");
    }

    #[test]
    fn empty_or_blank_falls_back() {
        for name in ["", " ", "   \t\n", "...", ". . .", "\u{0}\u{1}", "\u{200B}"] {
            assert_eq!(sanitize_file_stem(name), "Lead", "{name:?}");
        }
    }

    #[test]
    fn long_names_are_cut_on_a_char_boundary() {
        for unit in ["a", "ä", "€", "😀", "Ω b"] {
            let long = unit.repeat(500);
            let s = sanitize_file_stem(&long);
            assert!(is_safe(&s), "{unit} → {s}");
            assert!(s.len() > MAX_STEM_BYTES - 4, "{unit}: {}", s.len());
            assert!(long.starts_with(&s));
        }
        // A cut that ends in a dot or space is trimmed again.
        let s = sanitize_file_stem(&format!("{}.  x", "a".repeat(119)));
        assert_eq!(s, "a".repeat(119));
    }

    #[test]
    fn unicode_names_stay_readable() {
        for name in [
            "ООО Ромашка",
            "Ελληνική ΑΕ",
            "Şirket İşçi Ğ",
            "Łódź Spółka",
            "Café 😀",
        ] {
            assert_eq!(sanitize_file_stem(name), name);
        }
    }

    #[test]
    fn default_file_name_is_the_title_the_company_and_the_date() {
        let d = jiff::civil::date(2026, 11, 27);
        assert_eq!(
            default_file_name("Max Mustermann GmbH", d, Lang::De),
            "Leadqualifizierung_Max Mustermann GmbH_2026-11-27.pdf"
        );
        assert_eq!(
            default_file_name("A/B: C?", d, Lang::De),
            "Leadqualifizierung_A_B_ C__2026-11-27.pdf"
        );
        assert_eq!(
            default_file_name("  ", d, Lang::De),
            "Leadqualifizierung_2026-11-27.pdf"
        );
        assert_eq!(
            default_file_name("CON", d, Lang::De),
            "Leadqualifizierung_CON_2026-11-27.pdf"
        );
        let long = default_file_name(&"Ü".repeat(300), d, Lang::De);
        assert_eq!(
            default_file_name("Max Mustermann GmbH", d, Lang::En),
            "Lead qualification_Max Mustermann GmbH_2026-11-27.pdf"
        );
        assert!(
            long.len() < 130 && long.ends_with("_2026-11-27.pdf"),
            "{long}"
        );
    }

    #[test]
    fn unique_paths_count_up() {
        let dir = tempfile::tempdir().unwrap();
        let p1 = unique_path(dir.path(), "x.pdf");
        assert_eq!(p1, dir.path().join("x.pdf"));
        std::fs::write(&p1, b"1").unwrap();
        let p2 = unique_path(dir.path(), "x.pdf");
        assert_eq!(p2, dir.path().join("x (2).pdf"));
        std::fs::write(&p2, b"2").unwrap();
        assert_eq!(
            unique_path(dir.path(), "x.pdf"),
            dir.path().join("x (3).pdf")
        );
        let taken = [dir.path().join("y")];
        assert_eq!(
            unique_path_by(dir.path(), "y", |p| taken.contains(&p.to_path_buf())),
            dir.path().join("y (2)")
        );
    }
}
