//! Exporting the PDFs of many leads from the window: pick a folder, render on all cores, show
//! progress, allow cancel. Everything runs off the UI thread.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::sync::mpsc::{self, Receiver};
use std::thread;

use crate::domain::{Classification, Framework, Lang, Lead};
use crate::report::{BatchControl, CANCELLED, ReportOptions, batch_paths, write_reports};

pub enum Destination {
    /// Ask with the native folder dialog; without one, use a folder in the documents folder.
    Ask {
        last_dir: Option<PathBuf>,
        dialog_available: bool,
    },
    Folder(PathBuf),
}

#[derive(Debug, PartialEq)]
pub enum BatchOutcome {
    Done {
        dir: PathBuf,
        written: usize,
        /// Of those, how many replaced the same lead's report written there before.
        replaced: usize,
        failed: Vec<String>,
        missing_glyphs: usize,
    },
    Cancelled {
        dir: PathBuf,
        written: usize,
    },
    NoFolderChosen,
    Failed(String),
}

pub struct BatchRun {
    pub control: Arc<BatchControl>,
    pub total: usize,
    result: Receiver<BatchOutcome>,
}

impl BatchRun {
    pub fn done(&self) -> usize {
        self.control.done.load(Ordering::Relaxed).min(self.total)
    }

    pub fn cancel(&self) {
        self.control.cancel.store(true, Ordering::Relaxed);
    }

    pub fn poll(&self) -> Option<BatchOutcome> {
        self.result.try_recv().ok()
    }

    /// Waits for the end (tests).
    pub fn wait(&self) -> Option<BatchOutcome> {
        self.result.recv().ok()
    }
}

pub struct BatchRequest {
    pub leads: Vec<Lead>,
    pub framework: Framework,
    pub rules: Classification,
    pub lang: Lang,
    pub destination: Destination,
}

pub fn start(request: BatchRequest, wake: Box<dyn Fn() + Send>) -> BatchRun {
    let control = Arc::new(BatchControl::default());
    let total = request.leads.len();
    let (tx, rx) = mpsc::channel();
    let worker_control = Arc::clone(&control);
    let spawned = thread::Builder::new()
        .name("leadq-pdf-batch".into())
        .spawn(move || {
            let _ = tx.send(run(request, &worker_control));
            wake();
        });
    if let Err(e) = spawned {
        let (tx, rx2) = mpsc::channel();
        let _ = tx.send(BatchOutcome::Failed(e.to_string()));
        return BatchRun {
            control,
            total,
            result: rx2,
        };
    }
    BatchRun {
        control,
        total,
        result: rx,
    }
}

fn choose_folder(destination: Destination, today: jiff::civil::Date) -> Option<PathBuf> {
    match destination {
        Destination::Folder(dir) => Some(dir),
        Destination::Ask {
            last_dir,
            dialog_available: true,
        } => {
            let mut dialog = rfd::AsyncFileDialog::new();
            if let Some(dir) = last_dir.filter(|d| d.is_dir()) {
                dialog = dialog.set_directory(dir);
            }
            pollster::block_on(dialog.pick_folder()).map(|h| h.path().to_path_buf())
        }
        Destination::Ask {
            dialog_available: false,
            ..
        } => crate::platform::documents_dir().map(|d| d.join(format!("LeadQ-PDF-{today}"))),
    }
}

fn run(r: BatchRequest, control: &BatchControl) -> BatchOutcome {
    let today = crate::clock::today();
    let Some(dir) = choose_folder(r.destination, today) else {
        return BatchOutcome::NoFolderChosen;
    };
    if let Err(e) = std::fs::create_dir_all(&dir) {
        return BatchOutcome::Failed(crate::i18n::io_failure(
            r.lang,
            crate::store::FileAction::CreateFolder,
            &dir,
            &e,
        ));
    }
    let leads: Vec<&Lead> = r.leads.iter().collect();
    let targets = batch_paths(&dir, &leads, today, r.lang);
    let jobs: Vec<(&Lead, PathBuf)> = leads.iter().copied().zip(targets.paths).collect();
    let opts = ReportOptions {
        lang: r.lang,
        today,
        version: crate::VERSION,
    };
    let results = write_reports(&jobs, &r.framework, &r.rules, &opts, control);
    let written = results.iter().filter(|r| r.is_ok()).count();
    if control.cancel.load(Ordering::Relaxed) {
        return BatchOutcome::Cancelled { dir, written };
    }
    let failed = results
        .iter()
        .zip(&jobs)
        .filter_map(|(r, (lead, _))| {
            r.as_ref()
                .err()
                .filter(|e| *e != CANCELLED)
                .map(|e| format!("{}: {e}", lead.display_name()))
        })
        .collect();
    let missing_glyphs = results
        .iter()
        .filter(|r| r.as_ref().is_ok_and(|m| !m.is_empty()))
        .count();
    BatchOutcome::Done {
        dir,
        written,
        replaced: targets.replaced,
        failed,
        missing_glyphs,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(n: usize, dir: PathBuf) -> BatchRequest {
        let fw = Framework::builtin().unwrap();
        let rules = Classification::builtin(&fw).unwrap();
        let leads = (0..n)
            .map(|i| {
                let mut l = crate::app::example_lead(
                    &fw,
                    &rules,
                    uuid::Uuid::from_u128(i as u128),
                    crate::clock::now(),
                );
                if i % 2 == 0 {
                    l.company = "Gleicher Name GmbH".into();
                }
                l
            })
            .collect();
        BatchRequest {
            leads,
            framework: fw,
            rules,
            lang: Lang::En,
            destination: Destination::Folder(dir),
        }
    }

    #[test]
    fn writes_one_file_per_lead_with_unique_names() {
        let dir = tempfile::tempdir().unwrap();
        let run = start(request(6, dir.path().join("out")), Box::new(|| {}));
        let outcome = run.wait().unwrap();
        let BatchOutcome::Done {
            written, failed, ..
        } = outcome
        else {
            panic!("{outcome:?}")
        };
        assert_eq!((written, failed.len()), (6, 0));
        assert_eq!(
            std::fs::read_dir(dir.path().join("out")).unwrap().count(),
            6
        );
        assert_eq!(run.done(), 6);
        // The same batch again the same day replaces its own six reports: no " (2)" copies.
        let again = start(request(6, dir.path().join("out")), Box::new(|| {}));
        match again.wait().unwrap() {
            BatchOutcome::Done {
                written, replaced, ..
            } => assert_eq!((written, replaced), (6, 6)),
            other => panic!("{other:?}"),
        }
        assert_eq!(
            std::fs::read_dir(dir.path().join("out")).unwrap().count(),
            6
        );
    }

    #[test]
    fn cancel_stops_early_and_says_how_many_were_written() {
        let dir = tempfile::tempdir().unwrap();
        let run = start(request(400, dir.path().to_path_buf()), Box::new(|| {}));
        run.cancel();
        match run.wait().unwrap() {
            BatchOutcome::Cancelled { written, .. } => assert!(written < 400),
            other => panic!("{other:?}"),
        }
    }
}
