//! The window's model: leads with their cached evaluations, the list view, undo/redo and the
//! background worker that owns all file writes. No egui in here, so it is tested directly.

pub mod file_open;
pub mod file_save;
mod framework_draft;
pub mod framework_file;
mod import;
mod industries;
mod list_view;
mod model;
pub mod pdf_batch;
pub mod pdf_save;
pub mod print_job;
mod undo;
mod worker;

pub use framework_draft::FrameworkDraft;
pub use import::ImportSession;
pub use list_view::{DueFilter, Entry, ListView, SortKey, open_with_unknown};
pub use model::{Banner, Edit, Model, Pick, UnknownAnswer, example_lead};
pub use worker::{Job, Outcome, SAVE_DELAY, Worker};

/// Runs `job` on a named background thread (dialogs and rendering must not block a frame); the
/// receiver gets its one result, after which `wake` asks the window to look. If no thread can
/// be started, the receiver gets `failed` with the reason instead.
pub(crate) fn run_once<T: Send + 'static>(
    name: &str,
    job: impl FnOnce() -> T + Send + 'static,
    wake: Box<dyn Fn() + Send>,
    failed: impl FnOnce(String) -> T,
) -> std::sync::mpsc::Receiver<T> {
    let (tx, rx) = std::sync::mpsc::channel();
    let spawned = std::thread::Builder::new()
        .name(name.to_owned())
        .spawn(move || {
            let _ = tx.send(job());
            wake();
        });
    if let Err(e) = spawned {
        let (tx, rx) = std::sync::mpsc::channel();
        let _ = tx.send(failed(e.to_string()));
        return rx;
    }
    rx
}
