//! Saving one lead's PDF from the window: render, ask for a file name in the native dialog on a
//! background thread (dialogs block), write atomically, and report back.

use std::path::PathBuf;
use std::sync::mpsc::Receiver;

use crate::domain::{Classification, Framework, Lang, Lead};
use crate::report::{ReportOptions, default_file_name, render_report, unique_path};
use crate::store::write_atomic;

#[derive(Debug)]
pub enum PdfOutcome {
    Saved {
        path: PathBuf,
        missing_glyphs: Vec<char>,
    },
    Cancelled,
    /// No dialog could be shown (Linux without portal or zenity); the rendered file waits here.
    NoDialog {
        bytes: Vec<u8>,
        file_name: String,
        missing_glyphs: Vec<char>,
    },
    Failed(String),
}

pub struct PdfRequest {
    pub lead: Lead,
    pub framework: Framework,
    pub rules: Classification,
    pub lang: Lang,
    pub last_dir: Option<PathBuf>,
    pub dialog_available: bool,
}

/// Starts the save; the receiver gets exactly one outcome, after which `wake` is called.
pub fn start(request: PdfRequest, wake: Box<dyn Fn() + Send>) -> Receiver<PdfOutcome> {
    super::run_once("leadq-pdf", move || save(request), wake, PdfOutcome::Failed)
}

fn save(r: PdfRequest) -> PdfOutcome {
    let today = crate::clock::today();
    let opts = ReportOptions {
        lang: r.lang,
        today,
        version: crate::VERSION,
    };
    let report = match render_report(&r.lead, &r.framework, &r.rules, &opts) {
        Ok(report) => report,
        Err(e) => return PdfOutcome::Failed(crate::i18n::report_error(r.lang, &e)),
    };
    let file_name = default_file_name(&r.lead.company, today, r.lang);
    if !r.dialog_available {
        return PdfOutcome::NoDialog {
            bytes: report.bytes,
            file_name,
            missing_glyphs: report.missing_glyphs,
        };
    }
    let mut dialog = rfd::AsyncFileDialog::new()
        .set_file_name(file_name.clone())
        .add_filter("PDF", &["pdf"]);
    if let Some(dir) = r.last_dir.as_ref().filter(|d| d.is_dir()) {
        dialog = dialog.set_directory(dir);
    }
    // AsyncFileDialog may be driven from any thread on every OS (the sync one not on macOS).
    let Some(handle) = pollster::block_on(dialog.save_file()) else {
        return PdfOutcome::Cancelled;
    };
    let mut path = handle.path().to_path_buf();
    if path.extension().is_none() {
        path.set_extension("pdf");
    }
    match write_atomic(&path, &report.bytes) {
        Ok(()) => PdfOutcome::Saved {
            path,
            missing_glyphs: report.missing_glyphs,
        },
        Err(e) => PdfOutcome::Failed(crate::i18n::write_failure(r.lang, &path, &e)),
    }
}

fn write(path: PathBuf, bytes: &[u8], missing_glyphs: Vec<char>) -> PdfOutcome {
    match write_atomic(&path, bytes) {
        Ok(()) => PdfOutcome::Saved {
            path,
            missing_glyphs,
        },
        Err(e) => PdfOutcome::Failed(format!("{}: {e}", path.display())),
    }
}

/// The fallback when no dialog exists: the documents folder, never overwriting a file.
pub fn save_into(
    dir: &std::path::Path,
    file_name: &str,
    bytes: &[u8],
    missing_glyphs: Vec<char>,
) -> PdfOutcome {
    write(unique_path(dir, file_name), bytes, missing_glyphs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_a_dialog_the_pdf_waits_and_then_lands_in_the_given_folder() {
        let fw = Framework::builtin().unwrap();
        let rules = Classification::builtin(&fw).unwrap();
        let lead = crate::app::example_lead(&fw, &rules, uuid::Uuid::nil(), crate::clock::now());
        let request = PdfRequest {
            lead,
            framework: fw,
            rules,
            lang: Lang::De,
            last_dir: None,
            dialog_available: false,
        };
        let outcome = start(request, Box::new(|| {})).recv().unwrap();
        let PdfOutcome::NoDialog {
            bytes,
            file_name,
            missing_glyphs,
        } = outcome
        else {
            panic!("{outcome:?}")
        };
        assert!(
            file_name.starts_with("Leadqualifizierung_Max Mustermann GmbH_"),
            "{file_name}"
        );
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(&file_name), b"older file").unwrap();
        let PdfOutcome::Saved { path, .. } =
            save_into(dir.path(), &file_name, &bytes, missing_glyphs)
        else {
            panic!("not saved")
        };
        assert_ne!(
            path.file_name().unwrap().to_string_lossy(),
            file_name,
            "never overwrites"
        );
        assert!(std::fs::read(&path).unwrap().starts_with(b"%PDF"));
        assert_eq!(
            std::fs::read(dir.path().join(&file_name)).unwrap(),
            b"older file"
        );
    }
}
