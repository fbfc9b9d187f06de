//! Many reports at once, for the CLI and the window: unique file names and parallel rendering
//! with progress and cancel.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use super::{ReportOptions, default_file_name, render_report, unique_path_by};
use crate::domain::{Classification, Framework, Lead};

/// The files a batch writes, one per lead in the leads' order, and how many of them replace a
/// report LeadQ wrote for that same lead before.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BatchPaths {
    pub paths: Vec<PathBuf>,
    pub replaced: usize,
}

/// One file name per lead in `dir`, never twice in the batch (compared case-insensitively,
/// since Windows and macOS treat `A.pdf` and `a.pdf` as one file). An existing file is taken
/// only when it is a report LeadQ wrote for the same lead ([`is_report_for`]): running the same
/// batch again the same day replaces its reports instead of adding ` (2)` copies. Any other
/// file (another lead's report, the rep's own file) is never replaced; the lead gets the next
/// free name.
pub fn batch_paths(
    dir: &Path,
    leads: &[&Lead],
    today: jiff::civil::Date,
    lang: crate::domain::Lang,
) -> BatchPaths {
    let mut taken: HashSet<String> = HashSet::new();
    let mut replaced = 0;
    let paths = leads
        .iter()
        .map(|lead| {
            let name = default_file_name(lead.display_name(), today, lang);
            let key = |p: &Path| p.to_string_lossy().to_lowercase();
            // The names in turn: `name`, `name (2)`, … up to the first free one; a report of
            // this lead among the existing ones before it is replaced.
            let mut own = None;
            let free = unique_path_by(dir, &name, |p| {
                let in_batch = taken.contains(&key(p));
                if !in_batch && own.is_none() && p.is_file() && is_report_for(p, lead.id) {
                    own = Some(p.to_path_buf());
                }
                in_batch || p.exists()
            });
            let path = match own {
                Some(own) => {
                    replaced += 1;
                    own
                }
                None => free,
            };
            taken.insert(key(&path));
            path
        })
        .collect();
    BatchPaths { paths, replaced }
}

/// The key LeadQ writes into a report's document information (its Info dictionary), with the
/// lead's id as its value: how a later batch knows the file is that lead's report.
pub const LEAD_KEY: &str = "LeadQLead";

/// Whether the file at `path` is a report LeadQ wrote for the lead `id`. Only LeadQ's own mark
/// counts; a PDF another program saved again (or any other file) is never taken for one.
pub fn is_report_for(path: &Path, id: uuid::Uuid) -> bool {
    /// Reports are a few hundred kilobytes; a larger file is not one of them.
    const LARGEST: u64 = 64 * 1024 * 1024;
    if std::fs::metadata(path).map_or(true, |m| m.len() > LARGEST) {
        return false;
    }
    let Ok(bytes) = std::fs::read(path) else {
        return false;
    };
    if !bytes.starts_with(b"%PDF") {
        return false;
    }
    // `/LeadQLead /<id>`, with or without white space between key and value.
    let key = format!("/{LEAD_KEY}");
    let value = format!("/{id}");
    memchr::memmem::find_iter(&bytes, key.as_bytes()).any(|at| {
        let rest = &bytes[at + key.len()..];
        let start = rest
            .iter()
            .position(|b| !b.is_ascii_whitespace())
            .unwrap_or(rest.len());
        rest[start..].starts_with(value.as_bytes())
    })
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
