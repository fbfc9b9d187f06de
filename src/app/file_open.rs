//! Reading a spreadsheet the rep picks (File → Import…) or drops on the window: the native Open
//! dialog and the read and parse run on a background thread, so the window never waits. What
//! comes back is a preview; nothing is imported until the rep confirms it.

use std::path::PathBuf;
use std::sync::mpsc::Receiver;

use crate::domain::Framework;
use crate::exchange::{CsvError, ImportOptions, Parsed, parse};

#[derive(Debug)]
pub enum OpenOutcome {
    /// The file was read; `parsed` says what an import of it would do, or why it cannot.
    Read {
        path: PathBuf,
        parsed: Box<Result<Parsed, CsvError>>,
    },
    Cancelled,
    /// The file could not be read (a folder, gone, not permitted); worded in the rep's language
    /// by the window.
    Unreadable {
        path: PathBuf,
        error: std::io::Error,
    },
    /// No dialog is available, or the read failed some other way (`{path}: {reason}`).
    Failed(String),
}

/// Where the file comes from.
pub enum Origin {
    /// The Open dialog, starting in this folder.
    Dialog { last_dir: Option<PathBuf> },
    /// A file dropped on the window.
    Path(PathBuf),
}

/// Starts the read; the receiver gets exactly one outcome, after which `wake` is called.
pub fn start(
    source: Origin,
    options: ImportOptions,
    framework: Framework,
    wake: Box<dyn Fn() + Send>,
) -> Receiver<OpenOutcome> {
    super::run_once(
        "leadq-open",
        move || open(source, &options, &framework),
        wake,
        OpenOutcome::Failed,
    )
}

fn open(source: Origin, options: &ImportOptions, framework: &Framework) -> OpenOutcome {
    let path = match source {
        Origin::Path(path) => path,
        Origin::Dialog { last_dir } => {
            let mut dialog = rfd::AsyncFileDialog::new()
                .add_filter(
                    "CSV, Excel, OpenDocument",
                    &["csv", "txt", "tsv", "xlsx", "xlsm", "xls", "ods"],
                )
                .add_filter("*", &["*"]);
            if let Some(dir) = last_dir.as_ref().filter(|d| d.is_dir()) {
                dialog = dialog.set_directory(dir);
            }
            match pollster::block_on(dialog.pick_file()) {
                Some(handle) => handle.path().to_path_buf(),
                None => return OpenOutcome::Cancelled,
            }
        }
    };
    match crate::store::read_user_file(&path) {
        Ok(bytes) => OpenOutcome::Read {
            parsed: Box::new(parse(&bytes, options, framework)),
            path,
        },
        Err(error) => OpenOutcome::Unreadable { path, error },
    }
}
