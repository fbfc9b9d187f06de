//! Many reports at once, for the CLI and the window: unique file names and parallel rendering
//! with progress and cancel.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use super::{ReportOptions, default_file_name, render_report, unique_path_by};
use crate::domain::{Classification, Framework, Lead};

/// One file name per lead in `dir`: never an existing file, never twice in the batch (compared
/// case-insensitively, since Windows and macOS treat `A.pdf` and `a.pdf` as one file).
pub fn batch_paths(
    dir: &Path,
    leads: &[&Lead],
    today: jiff::civil::Date,
    lang: crate::domain::Lang,
) -> Vec<PathBuf> {
    let mut taken: HashSet<String> = HashSet::new();
    leads
        .iter()
        .map(|lead| {
            let name = default_file_name(lead.display_name(), today, lang);
            let path = unique_path_by(dir, &name, |p| {
                p.exists() || taken.contains(&p.to_string_lossy().to_lowercase())
            });
            taken.insert(path.to_string_lossy().to_lowercase());
            path
        })
        .collect()
}

/// Shared between a running batch and whoever shows its progress.
#[derive(Debug, Default)]
pub struct BatchControl {
    pub done: AtomicUsize,
    pub cancel: AtomicBool,
}

/// Renders and atomically writes each `(lead, path)`, on all cores. Per lead: the characters
/// the PDF cannot show as written (see [`super::Report::missing_glyphs`]), or why it failed,
/// in the report's language. Leads not started before a cancel are `Err("cancelled")`.
pub fn write_reports(
    jobs: &[(&Lead, PathBuf)],
    framework: &Framework,
    rules: &Classification,
    opts: &ReportOptions,
    control: &BatchControl,
) -> Vec<Result<Vec<char>, String>> {
    // One lead per take: a report is tens of milliseconds, so both cores stay busy to the end
    // and a cancel stops the batch promptly.
    let results = crate::parallel::map(jobs, 1, |(lead, path)| {
        if control.cancel.load(Ordering::Relaxed) {
            return Err(CANCELLED.to_owned());
        }
        let result = render_report(lead, framework, rules, opts)
            .map_err(|e| crate::i18n::report_error(opts.lang, &e))
            .and_then(|report| {
                crate::store::write_atomic(path, &report.bytes)
                    .map(|()| report.missing_glyphs)
                    .map_err(|e| crate::i18n::write_failure(opts.lang, path, &e))
            });
        control.done.fetch_add(1, Ordering::Relaxed);
        result
    });
    // `render_report` already catches printpdf's panics; one from elsewhere fails its lead too
    // (and counts as done, so the progress reaches the end).
    results
        .into_iter()
        .map(|result| {
            result.unwrap_or_else(|panic| {
                control.done.fetch_add(1, Ordering::Relaxed);
                Err(crate::i18n::report_error(
                    opts.lang,
                    &super::ReportError::Pdf(panic.to_string()),
                ))
            })
        })
        .collect()
}

pub const CANCELLED: &str = "cancelled";
