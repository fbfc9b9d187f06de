//! The window's model: leads with their cached evaluations, the list view, undo/redo and the
//! background worker that owns all file writes. No egui in here, so it is tested directly.

pub mod file_save;
mod list_view;
mod model;
pub mod pdf_batch;
pub mod pdf_save;
mod undo;
mod worker;

pub use list_view::{DueFilter, ListView, SortKey, open_with_unknown};
pub use model::{Banner, Edit, Entry, Model, Pick, UnknownAnswer, example_lead};
pub use worker::{Job, Outcome, SAVE_DELAY, Worker};
