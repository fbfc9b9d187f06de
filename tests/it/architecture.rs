//! The rules of the house that the compiler does not check, checked on the source itself: the
//! pure core stays pure, the window's data flows one way, every file says what it is for, and no
//! function grows past a page. See `ARCHITECTURE.md`.

use std::fs;
use std::path::{Path, PathBuf};

fn sources(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(sources(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out.sort();
    out
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// The lines of a file that are code, not comments.
fn code(path: &Path) -> Vec<String> {
    fs::read_to_string(path)
        .unwrap()
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .map(str::to_owned)
        .collect()
}

#[test]
fn the_domain_imports_nothing_from_the_outside() {
    for file in sources(&src().join("domain")) {
        for line in code(&file) {
            for banned in [
                "egui",
                "printpdf",
                "std::fs",
                "crate::store",
                "crate::i18n",
                "clock::",
                "::now()",
            ] {
                assert!(
                    !line.contains(banned),
                    "{} uses {banned}: {line}",
                    file.display()
                );
            }
        }
    }
}

#[test]
fn panels_take_the_model_and_push_actions_without_importing_the_app() {
    for file in sources(&src().join("ui")) {
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        // `ui/app/*.rs` are parts of `app.rs` (its actions by topic), not panels.
        let part_of_app = file.parent().is_some_and(|p| p.ends_with("ui/app"));
        if name == "app.rs" || name == "mod.rs" || part_of_app {
            continue;
        }
        for line in code(&file) {
            assert!(
                !line.contains("super::app") && !line.contains("LeadqApp"),
                "{name} reaches into the app: {line}"
            );
            assert!(
                !line.contains("&mut Model"),
                "{name} takes the model mutably: {line}"
            );
        }
    }
}

#[test]
fn every_source_file_starts_by_saying_what_it_is_for() {
    for file in sources(&src()) {
        let text = fs::read_to_string(&file).unwrap();
        assert!(
            text.starts_with("//!"),
            "{} has no `//!` line at the top",
            file.display()
        );
    }
}

#[test]
fn no_function_is_longer_than_a_hundred_lines() {
    let mut long = Vec::new();
    for file in sources(&src()) {
        let lines: Vec<String> = fs::read_to_string(&file)
            .unwrap()
            .lines()
            .map(str::to_owned)
            .collect();
        for (i, line) in lines.iter().enumerate() {
            let trimmed = line.trim_start();
            let is_fn = [
                "fn ",
                "pub fn ",
                "pub(crate) fn ",
                "pub(super) fn ",
                "const fn ",
            ]
            .iter()
            .any(|p| trimmed.starts_with(p));
            if !is_fn {
                continue;
            }
            let indent = line.len() - trimmed.len();
            // The body ends at the first `}` back at the function's indentation.
            let Some(open) = (i..lines.len()).find(|&k| {
                let l = lines[k].trim_end();
                l.ends_with('{') || l.ends_with(';')
            }) else {
                continue;
            };
            if lines[open].trim_end().ends_with(';') {
                continue;
            }
            let end = (open + 1..lines.len()).find(|&k| {
                let l = &lines[k];
                l.len() - l.trim_start().len() == indent && l.trim_start().starts_with('}')
            });
            if let Some(end) = end
                && end - i + 1 > 100
            {
                long.push(format!(
                    "{}:{} ({} lines)",
                    file.display(),
                    i + 1,
                    end - i + 1
                ));
            }
        }
    }
    assert!(long.is_empty(), "functions over 100 lines: {long:#?}");
}
