//! What the rep did, as data: panels push an [`Action`] while they draw, and the app performs
//! them after the frame (`ui/app.rs`), so no panel changes state itself.

use std::path::PathBuf;

use uuid::Uuid;

use super::commands::Command;
use crate::app::{Edit, ListView, Pick};
use crate::domain::Classification;
use crate::exchange::{OnDuplicate, Target};
use crate::store::PersonalSettings;

/// What a panel asks the app to do.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    Run(Command),
    Select(Uuid),
    Edit(Uuid, Edit),
    Restore(Uuid),
    SetPersonal(PersonalSettings),
    SetRules(Classification),
    DismissBanner(usize),
    OpenPath(PathBuf),
    RevealPath(PathBuf),
    /// Opens a `mailto:` or web address with the system (mail program, browser).
    OpenUrl(String),
    ResolveSyncConflict(PathBuf, bool),
    SavePdfToDocuments,
    /// Puts the cursor into the form's first field (Enter on a list row).
    FocusForm,
    /// A click on a list row, alone or with Ctrl/Shift.
    Pick(Uuid, Pick),
    /// One edit for every picked lead, as one undo step (Edit → stage / follow-up of the
    /// selection).
    BatchEdit(Edit),
    /// Shows the list with these filters (a click in the overview, a filter chip).
    FilterList(ListView),
    /// Whether the overview counts the whole folder (else what the list shows).
    OverviewWhole(bool),
    /// Opens or closes one of the secondary windows.
    ShowWindow(Window, bool),
    /// Stops the running batch export of PDFs after the current one.
    CancelBatch,
    /// The print dialog: this printer, this many copies, print, save the PDF instead, close.
    PrintChoose(String),
    PrintCopies(u32),
    PrintSend,
    PrintSavePdf,
    /// The call sheet of this day instead (today or tomorrow: the evening before).
    PrintSheetDay(jiff::civil::Date),
    PrintClose,
    /// Imports the previewed file's valid rows (one undo step).
    ImportConfirm,
    /// Picks a framework template in the settings: its effect on the leads is shown, nothing
    /// changes yet.
    ChooseFramework(String),
    /// Switches the team to the framework template with this id (and its class rules).
    UseFramework(String),
    /// Opens the framework editor with this draft, or puts the edited draft in its place.
    EditFramework(Box<crate::domain::Template>),
    /// Makes the editor's draft the team's framework and closes the editor.
    SaveFramework,
    CloseFrameworkEditor,
    /// Saves the editor's draft as one `.ron` file through the Save-as dialog (to mail it to
    /// the team), problems and all: a half-done framework can be finished elsewhere.
    ExportFramework,
    /// Reads a framework file through the Open dialog into the editor as its draft: its
    /// effect and problems are shown, nothing changes until Save.
    ImportFramework,
    /// Closes the import preview without importing, or stops waiting for a file being read.
    ImportCancel,
    /// Reads the previewed file again with this row (as the spreadsheet numbers it) as the
    /// header: for a title or notes above the table.
    ImportHeaderRow(u64),
    /// Gives a column of the previewed file another target (its drop-down).
    ImportMap {
        column: usize,
        target: Target,
    },
    /// What a duplicate row does (`row`: its index among the file's rows), or every
    /// duplicate (`None`).
    ImportChoose {
        row: Option<usize>,
        choice: OnDuplicate,
    },
}

/// The secondary windows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Window {
    Settings,
    Trash,
    History,
    About,
}
