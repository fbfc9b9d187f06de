//! The texts of printing and of the day's call sheet — the sheet itself, `leadq print` and
//! `leadq call-sheet`, the window's print dialog — and [`print_error`], which says a
//! [`PrintError`] in the rep's language. Each language's values are in `de.rs` and `en.rs`.

use super::messages::{Plural, io_reason};
use super::ui::fill;
use crate::domain::Lang;
use crate::print::PrintError;

pub struct PrintTexts {
    // ---- the call sheet ---------------------------------------------------------------------
    /// The sheet's title, and the start of its file name.
    pub sheet_title: &'static str,
    /// Under the title: `{}` leads to call.
    pub sheet_due: Plural,
    /// After it: `{}` of them overdue.
    pub sheet_overdue: &'static str,
    /// `{}` = the day: nothing due.
    pub sheet_empty: &'static str,
    pub sheet_last_note: &'static str,
    pub sheet_call_notes: &'static str,
    pub sheet_phone: &'static str,
    pub sheet_email: &'static str,
    pub sheet_follow_up: &'static str,
    pub sheet_open_questions: &'static str,
    // ---- the command line -------------------------------------------------------------------
    /// `{}` = the day, `{}` = the leads, `{}` = the file.
    pub sheet_wrote: &'static str,
    /// `{}` = what was given.
    pub bad_date: &'static str,
    /// `{}` = the printer, `{}` = the job, `{}` = the pages, `{}` = the copies.
    pub sent: &'static str,
    pub pages: Plural,
    pub copies: Plural,
    /// `{}` = what was printed.
    pub sent_system: &'static str,
    /// `{}` = the PDF's path.
    pub opened_to_print: &'static str,
    /// A PDF file's name in an example command.
    pub file_placeholder: &'static str,
    /// `{}` = the command that saves the PDF instead.
    pub pdf_instead: &'static str,
    // ---- errors -----------------------------------------------------------------------------
    /// `{}` = the program, `{}` = why.
    pub no_cups: &'static str,
    pub service_down: &'static str,
    pub no_printer: &'static str,
    /// `{}` = the printers.
    pub no_default: &'static str,
    /// `{}` = the name asked for, `{}` = the printers.
    pub unknown_printer: &'static str,
    /// `{}` = the printer, `{}` = why.
    pub refused: &'static str,
    /// `{}` = the PDF, `{}` = why.
    pub shell_failed: &'static str,
    // ---- the window -------------------------------------------------------------------------
    pub cmd_print: &'static str,
    pub cmd_call_sheet: &'static str,
    /// The small button beside the big red PDF button.
    pub print_button: &'static str,
    pub dialog_title: &'static str,
    pub sheet_dialog_title: &'static str,
    pub printer: &'static str,
    /// The call sheet's day: its label and the two choices.
    pub sheet_day: &'static str,
    pub today: &'static str,
    pub tomorrow: &'static str,
    pub copies_label: &'static str,
    pub default_mark: &'static str,
    pub looking: &'static str,
    /// Windows: where the job goes.
    pub system_printer: &'static str,
    /// `{}` = the lead's name.
    pub what_lead: &'static str,
    /// `{}` leads.
    pub what_leads: Plural,
    /// `{}` = the day, `{}` = the leads.
    pub what_sheet: &'static str,
    pub send: &'static str,
    pub save_pdf_instead: &'static str,
    pub cancel: &'static str,
    /// `{}` = the printer.
    pub sending: &'static str,
    /// `{}` = the call sheet's file.
    pub sheet_saved: &'static str,
}

pub fn print_texts(lang: Lang) -> &'static PrintTexts {
    match lang {
        Lang::De => &super::de::PRINT,
        Lang::En => &super::en::PRINT,
    }
}

/// The error in the rep's language: what could not be done, with which printer or file, and why.
pub fn print_error(lang: Lang, e: &PrintError) -> String {
    let p = print_texts(lang);
    match e {
        PrintError::NoCups { program, error } => {
            fill(p.no_cups, &[program, &io_reason(lang, error)])
        }
        PrintError::ServiceDown => p.service_down.to_owned(),
        PrintError::NoPrinter => p.no_printer.to_owned(),
        PrintError::NoDefault(known) => fill(p.no_default, &[&known.join(", ")]),
        PrintError::Unknown { name, known } => {
            let known = if known.is_empty() {
                "–".to_owned()
            } else {
                known.join(", ")
            };
            fill(p.unknown_printer, &[name, &known])
        }
        PrintError::Refused { printer, detail } => fill(p.refused, &[printer, detail]),
        PrintError::Write { path, error } => super::write_failure(lang, path, error),
        PrintError::Shell { path, detail } => {
            fill(p.shell_failed, &[&path.display().to_string(), detail])
        }
    }
}

/// "sent to PDF (job PDF-3): 2 pages, 1 copy" and what else the system said.
pub fn printed_text(
    lang: Lang,
    printed: &crate::print::Printed,
    pages: usize,
    copies: u32,
) -> String {
    use crate::print::Printed;
    let p = print_texts(lang);
    let what = format!(
        "{}, {}",
        p.pages.of(pages, &[]),
        p.copies.of(copies as usize, &[])
    );
    match printed {
        Printed::Queued { printer, job } => fill(p.sent, &[printer, job, &what]),
        Printed::System => fill(p.sent_system, &[&what]),
        Printed::OpenedInViewer(path) => fill(p.opened_to_print, &[&path.display().to_string()]),
    }
}

/// Whether the error means there is nothing to print on (so the PDF is offered instead).
pub fn no_printer(e: &PrintError) -> bool {
    matches!(e, PrintError::NoPrinter | PrintError::NoCups { .. })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_print_error_names_what_failed_in_both_languages() {
        for lang in Lang::ALL {
            let unknown = PrintError::Unknown {
                name: "Keller".into(),
                known: vec!["PDF".into(), "Büro".into()],
            };
            let text = print_error(lang, &unknown);
            assert!(text.contains("Keller") && text.contains("Büro"), "{text}");
            let refused = PrintError::Refused {
                printer: "PDF".into(),
                detail: "paused".into(),
            };
            assert!(print_error(lang, &refused).contains("PDF"));
        }
    }
}
