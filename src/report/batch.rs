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
    for_each_parallel(jobs, |(lead, path)| {
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
    })
}

pub const CANCELLED: &str = "cancelled";

/// Runs `job` on every item, spread over the machine's cores, and returns the results in order.
pub fn for_each_parallel<T, R, F>(items: &[T], job: F) -> Vec<R>
where
    T: Sync,
    R: Send,
    F: Fn(&T) -> R + Sync,
{
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(items.len());
    if threads <= 1 {
        return items.iter().map(job).collect();
    }
    // Small chunks taken in turn keep both cores busy to the end and make cancel prompt.
    let next = AtomicUsize::new(0);
    let job = &job;
    let mut results: Vec<(usize, R)> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                s.spawn(|| {
                    let mut out = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(item) = items.get(i) else { break };
                        out.push((i, job(item)));
                    }
                    out
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| match h.join() {
                Ok(results) => results,
                Err(panic) => std::panic::resume_unwind(panic),
            })
            .collect()
    });
    results.sort_by_key(|(i, _)| *i);
    results.into_iter().map(|(_, r)| r).collect()
}
