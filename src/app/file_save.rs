//! Saving a file the window made (the follow-up calendar) through the native Save-as dialog, on
//! a background thread (dialogs block), written atomically. Without a dialog (Linux without a
//! portal or zenity) it goes into the documents folder under a name no file has yet.

use std::path::PathBuf;
use std::sync::mpsc::Receiver;

use crate::report::unique_path;
use crate::store::write_atomic;

#[derive(Debug)]
pub enum SaveOutcome {
    Saved(PathBuf),
    Cancelled,
    Failed(String),
}

pub struct SaveRequest {
    pub bytes: Vec<u8>,
    pub file_name: String,
    /// The dialog's filter: a name and the extension without the dot.
    pub filter: (&'static str, &'static str),
    pub last_dir: Option<PathBuf>,
    pub dialog_available: bool,
}

/// Starts the save; the receiver gets exactly one outcome, after which `wake` is called.
pub fn start(request: SaveRequest, wake: Box<dyn Fn() + Send>) -> Receiver<SaveOutcome> {
    super::run_once(
        "leadq-save",
        move || save(request),
        wake,
        SaveOutcome::Failed,
    )
}

fn save(r: SaveRequest) -> SaveOutcome {
    let path = if r.dialog_available {
        let mut dialog = rfd::AsyncFileDialog::new()
            .set_file_name(r.file_name.clone())
            .add_filter(r.filter.0, &[r.filter.1]);
        if let Some(dir) = r.last_dir.as_ref().filter(|d| d.is_dir()) {
            dialog = dialog.set_directory(dir);
        }
        let Some(handle) = pollster::block_on(dialog.save_file()) else {
            return SaveOutcome::Cancelled;
        };
        let mut path = handle.path().to_path_buf();
        if path.extension().is_none() {
            path.set_extension(r.filter.1);
        }
        path
    } else {
        let Some(dir) = crate::platform::documents_dir() else {
            return SaveOutcome::Failed("no documents folder".to_owned());
        };
        unique_path(&dir, &r.file_name)
    };
    match write_atomic(&path, &r.bytes) {
        Ok(()) => SaveOutcome::Saved(path),
        Err(e) => SaveOutcome::Failed(format!("{}: {e}", path.display())),
    }
}
