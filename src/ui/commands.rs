//! One table of commands: the menu, the buttons and the keyboard all read their label and
//! shortcut from here, so they can never disagree.

use egui::{Key, KeyboardShortcut, Modifiers};

use crate::i18n::UiTexts;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    NewLead,
    ExampleLead,
    Duplicate,
    SavePdf,
    ExportPdfs,
    Delete,
    Trash,
    Redo,
    Undo,
    Find,
    History,
    Settings,
    About,
    Quit,
    /// Shows or hides the lead list: on a narrow window the list gives its room to the form.
    ToggleList,
    /// Up/Down walk the list while no text field has the cursor; the form follows.
    NextLead,
    PreviousLead,
    /// Page Up/Down a screenful of leads, Home/End the first and the last.
    PageDown,
    PageUp,
    FirstLead,
    LastLead,
    /// Escape from a text field back to the list (the selected lead's row gets the focus).
    FocusList,
    /// The form of the selected lead in the middle of the window (Ctrl+1).
    ShowForm,
    /// The pipeline overview in the middle of the window (Ctrl+2).
    ShowOverview,
    /// A plain-text summary of the selected lead for a CRM note or an email.
    CopySummary,
    /// Shift+Down/Up pick the next lead too, for batch actions.
    ExtendDown,
    ExtendUp,
    /// One PDF per picked lead into a folder.
    ExportSelectedPdfs,
    /// The follow-ups of the leads shown as an .ics file for Outlook, Apple Calendar, Thunderbird.
    ExportCalendar,
    /// Every lead as an Excel workbook or CSV file: for the CRM, the manager's spreadsheet or a
    /// backup, without the command line.
    ExportLeads,
    /// Leads from a spreadsheet or CRM export: the Open dialog, then a preview to confirm.
    Import,
    /// The report's pages of the selected (or picked) leads on paper: "print it out or save
    /// it as a PDF", as the article ends, without saving and opening a viewer first. Ctrl+P,
    /// as everywhere; saving the PDF moved to Ctrl+S.
    Print,
    /// Today's call sheet (due and overdue follow-ups, best first, with the questions for the
    /// call) printed or saved: how a rep's day starts.
    CallSheet,
}

impl Command {
    /// In matching order: Redo (Shift+Cmd+Z) must be tried before Undo (Cmd+Z), Shift+arrows
    /// before the arrows.
    pub const ALL: [Command; 33] = [
        Command::NewLead,
        Command::ExampleLead,
        Command::Duplicate,
        Command::SavePdf,
        Command::ExportPdfs,
        Command::Delete,
        Command::Trash,
        Command::Redo,
        Command::Undo,
        Command::Find,
        Command::History,
        Command::Settings,
        Command::About,
        Command::Quit,
        Command::ToggleList,
        // Shift+arrows before the plain arrows, which would match them too.
        Command::ExtendDown,
        Command::ExtendUp,
        Command::NextLead,
        Command::PreviousLead,
        Command::PageDown,
        Command::PageUp,
        Command::FirstLead,
        Command::LastLead,
        Command::FocusList,
        Command::ShowForm,
        Command::ShowOverview,
        Command::CopySummary,
        Command::ExportSelectedPdfs,
        Command::ExportCalendar,
        Command::ExportLeads,
        Command::Import,
        Command::Print,
        Command::CallSheet,
    ];

    pub fn label(self, t: &UiTexts) -> &'static str {
        match self {
            Command::NewLead => t.cmd_new_lead,
            Command::ExampleLead => t.cmd_example_lead,
            Command::Duplicate => t.cmd_duplicate,
            Command::SavePdf => t.cmd_save_pdf,
            Command::ExportPdfs => t.cmd_export_pdfs,
            Command::Delete => t.cmd_delete,
            Command::Trash => t.cmd_trash,
            Command::Redo => t.cmd_redo,
            Command::Undo => t.cmd_undo,
            Command::Find => t.cmd_find,
            Command::History => t.cmd_history,
            Command::Settings => t.cmd_settings,
            Command::About => t.cmd_about,
            Command::Quit => t.cmd_quit,
            Command::ToggleList => t.cmd_toggle_list,
            Command::NextLead => t.cmd_next_lead,
            Command::PreviousLead => t.cmd_previous_lead,
            Command::PageDown => t.cmd_page_down,
            Command::PageUp => t.cmd_page_up,
            Command::FirstLead => t.cmd_first_lead,
            Command::LastLead => t.cmd_last_lead,
            Command::FocusList => t.cmd_focus_list,
            Command::ShowForm => t.cmd_show_form,
            Command::ShowOverview => t.cmd_overview,
            Command::CopySummary => t.cmd_copy_summary,
            Command::ExtendDown => t.cmd_extend_down,
            Command::ExtendUp => t.cmd_extend_up,
            Command::ExportSelectedPdfs => t.cmd_export_selected,
            Command::ExportCalendar => t.cmd_export_calendar,
            Command::ExportLeads => t.cmd_export_leads,
            Command::Import => t.cmd_import,
            Command::Print => crate::i18n::print_texts(t.lang).cmd_print,
            Command::CallSheet => crate::i18n::print_texts(t.lang).cmd_call_sheet,
        }
    }

    /// `Modifiers::COMMAND` is Ctrl on Windows and Linux, Cmd on macOS.
    pub fn shortcut(self) -> Option<KeyboardShortcut> {
        let cmd = |key| Some(KeyboardShortcut::new(Modifiers::COMMAND, key));
        match self {
            Command::NewLead => cmd(Key::N),
            Command::Duplicate => cmd(Key::D),
            Command::SavePdf => cmd(Key::S),
            Command::Print => cmd(Key::P),
            Command::Delete => Some(KeyboardShortcut::new(Modifiers::NONE, Key::Delete)),
            Command::Redo => Some(KeyboardShortcut::new(
                Modifiers::COMMAND | Modifiers::SHIFT,
                Key::Z,
            )),
            Command::Undo => cmd(Key::Z),
            Command::Find => cmd(Key::F),
            Command::Settings => cmd(Key::Comma),
            Command::Quit => cmd(Key::Q),
            Command::ToggleList => cmd(Key::L),
            Command::NextLead => Some(KeyboardShortcut::new(Modifiers::NONE, Key::ArrowDown)),
            Command::PreviousLead => Some(KeyboardShortcut::new(Modifiers::NONE, Key::ArrowUp)),
            Command::PageDown => Some(KeyboardShortcut::new(Modifiers::NONE, Key::PageDown)),
            Command::PageUp => Some(KeyboardShortcut::new(Modifiers::NONE, Key::PageUp)),
            Command::FirstLead => Some(KeyboardShortcut::new(Modifiers::NONE, Key::Home)),
            Command::LastLead => Some(KeyboardShortcut::new(Modifiers::NONE, Key::End)),
            Command::FocusList => Some(KeyboardShortcut::new(Modifiers::NONE, Key::Escape)),
            Command::ExtendDown => Some(KeyboardShortcut::new(Modifiers::SHIFT, Key::ArrowDown)),
            Command::ExtendUp => Some(KeyboardShortcut::new(Modifiers::SHIFT, Key::ArrowUp)),
            Command::Import => cmd(Key::I),
            Command::ShowForm => cmd(Key::Num1),
            Command::ShowOverview => cmd(Key::Num2),
            Command::CopySummary => Some(KeyboardShortcut::new(
                Modifiers::COMMAND | Modifiers::SHIFT,
                Key::C,
            )),
            Command::ExampleLead
            | Command::ExportPdfs
            | Command::ExportSelectedPdfs
            | Command::ExportCalendar
            | Command::ExportLeads
            | Command::CallSheet
            | Command::Trash
            | Command::History
            | Command::About => None,
        }
    }

    /// Whether the shortcut may fire while a text field has the keyboard: Del there deletes a
    /// character, not the lead, and the arrows move the cursor, not the selection.
    pub fn fires_while_typing(self) -> bool {
        !matches!(
            self,
            Command::Delete
                | Command::NextLead
                | Command::PreviousLead
                | Command::PageDown
                | Command::PageUp
                | Command::FirstLead
                | Command::LastLead
                | Command::ExtendDown
                | Command::ExtendUp
        )
    }

    /// The list's own keys: they act on the list only while it has the keyboard focus (or, for
    /// moving, while nothing has it), never on a lead from an answer, a button or a field.
    pub fn is_list_key(self) -> bool {
        !self.fires_while_typing()
    }

    /// A key that changes what is stored: only ever where the focus is, never from nowhere.
    pub fn is_destructive_key(self) -> bool {
        matches!(self, Command::Delete)
    }

    /// Commands that act on the selected lead.
    pub fn needs_lead(self) -> bool {
        matches!(
            self,
            Command::Duplicate
                | Command::SavePdf
                | Command::Print
                | Command::Delete
                | Command::History
                | Command::CopySummary
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortcuts_are_unique_and_labels_exist() {
        let shortcuts: Vec<_> = Command::ALL.iter().filter_map(|c| c.shortcut()).collect();
        for (i, s) in shortcuts.iter().enumerate() {
            assert!(!shortcuts[..i].contains(s), "{s:?} used twice");
        }
        for lang in crate::domain::Lang::ALL {
            for c in Command::ALL {
                assert!(!c.label(crate::i18n::ui_texts(lang)).is_empty());
            }
        }
    }
}
