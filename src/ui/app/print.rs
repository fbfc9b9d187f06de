//! Printing from the window: File → Print… (Ctrl+P) and the Print button for the selected lead
//! or the picked leads, File → Call sheet… for today's call sheet; the dialog's actions, the
//! job off the UI thread and what the rep is told afterwards. Without a printer the dialog says
//! so and offers the PDF.

use egui::Context;

use super::{LeadqApp, Toast, take_outcome};
use crate::app::file_save::{Render, SaveOutcome};
use crate::app::print_job::{self, PrintDialog, PrintDocument, PrintRequest};
use crate::domain::{Due, Lead};
use crate::i18n::{fill, print_texts, printed_text};
use crate::ui::action::Action;

impl LeadqApp {
    /// The print dialog for the picked leads, or the selected one.
    pub(super) fn open_print(&mut self, ctx: &Context) {
        let picked = self.model.selection();
        let leads: Vec<Lead> = self
            .model
            .entries()
            .iter()
            .filter(|e| picked.contains(&e.lead.id))
            .map(|e| e.lead.clone())
            .collect();
        let leads = if leads.len() > 1 {
            leads
        } else {
            match self.model.selected() {
                Some(entry) => vec![entry.lead.clone()],
                None => return,
            }
        };
        let p = print_texts(self.lang());
        let what = match leads.as_slice() {
            [lead] => {
                let name = match lead.display_name() {
                    "" => crate::i18n::texts(self.lang()).unnamed_lead,
                    name => name,
                };
                fill(p.what_lead, &[name])
            }
            _ => p.what_leads.of(leads.len(), &[]),
        };
        self.show_print_dialog(ctx, PrintDocument::Leads(leads), what);
    }

    /// The print dialog for today's call sheet (every lead; those due are picked when it is
    /// rendered).
    pub(super) fn open_call_sheet(&mut self, ctx: &Context) {
        let day = crate::clock::today();
        let leads: Vec<Lead> = self
            .model
            .entries()
            .iter()
            .map(|e| e.lead.clone())
            .collect();
        let what = sheet_what(self.lang(), day, &leads);
        self.show_print_dialog(ctx, PrintDocument::CallSheet { day, leads }, what);
    }

    fn show_print_dialog(&mut self, ctx: &Context, document: PrintDocument, what: String) {
        let ctx = ctx.clone();
        self.print_dialog = Some(PrintDialog::new(
            document,
            what,
            self.print_system,
            Box::new(move || ctx.request_repaint()),
        ));
    }

    pub(super) fn perform_print(&mut self, ctx: &Context, action: Action) {
        let lang = self.lang();
        let Some(dialog) = &mut self.print_dialog else {
            return;
        };
        match action {
            Action::PrintChoose(name) => dialog.chosen = Some(name),
            Action::PrintCopies(copies) => dialog.copies = copies.clamp(1, 99),
            Action::PrintClose => self.print_dialog = None,
            Action::PrintSheetDay(day) => {
                if let PrintDocument::CallSheet { day: shown, leads } = &mut dialog.document {
                    *shown = day;
                    dialog.what = sheet_what(lang, day, leads);
                }
            }
            Action::PrintSend => {
                if !dialog.can_send() {
                    return;
                }
                dialog.error = None;
                let request = PrintRequest {
                    document: dialog.document.clone(),
                    framework: self.model.framework().clone(),
                    rules: self.model.rules().clone(),
                    lang,
                    today: crate::clock::today(),
                    printer: dialog.chosen.clone(),
                    copies: dialog.copies,
                    system: self.print_system,
                };
                let ctx = ctx.clone();
                dialog.sending = Some(print_job::start(
                    request,
                    Box::new(move || ctx.request_repaint()),
                ));
            }
            Action::PrintSavePdf => {
                if self.print_save.is_some() {
                    return;
                }
                let Some(dialog) = self.print_dialog.take() else {
                    return;
                };
                self.save_print_document(ctx, dialog.document);
            }
            _ => {}
        }
    }

    /// The dialog's document as a PDF through the Save-as dialog, rendered once the name is
    /// picked.
    fn save_print_document(&mut self, ctx: &Context, document: PrintDocument) {
        let lang = self.lang();
        let today = crate::clock::today();
        let file_name = match &document {
            PrintDocument::Leads(leads) => match leads.as_slice() {
                [lead] => crate::report::default_file_name(&lead.company, today, lang),
                _ => format!("{}.pdf", crate::i18n::texts(lang).report_title),
            },
            PrintDocument::CallSheet { day, .. } => {
                format!("{}_{day}.pdf", print_texts(lang).sheet_title)
            }
        };
        let (fw, rules) = (self.model.framework().clone(), self.model.rules().clone());
        let render: Render = Box::new(move |_| {
            print_job::render(&document, &fw, &rules, lang, today).map(|(report, _)| report.bytes)
        });
        self.print_save = Some(self.save_as(ctx, render, file_name, vec![("PDF", "pdf")]));
    }

    /// What became of the printers' search, a job, or the PDF saved instead.
    pub(super) fn poll_print(&mut self) {
        let lang = self.lang();
        if let Some(dialog) = &mut self.print_dialog {
            dialog.poll(lang);
            let copies = dialog.copies;
            if let Some(outcome) = take_outcome(&mut dialog.sending, Err(String::new())) {
                match outcome {
                    Ok((printed, pages)) => {
                        let text = printed_text(lang, &printed, pages, copies);
                        let mut toast = Toast::new(text, 12);
                        if let crate::print::Printed::OpenedInViewer(path) = printed {
                            toast =
                                toast.with(self.texts().show_in_folder, Action::RevealPath(path));
                        }
                        self.toast = Some(toast);
                        self.print_dialog = None;
                    }
                    Err(e) => dialog.error = Some(e).filter(|e| !e.is_empty()),
                }
            }
        }
        if let Some(outcome) = take_outcome(&mut self.print_save, SaveOutcome::Cancelled) {
            self.toast = match outcome {
                SaveOutcome::Saved(path) => Some(
                    Toast::new(
                        fill(self.texts().pdf_saved, &[&path.display().to_string()]),
                        12,
                    )
                    .with(self.texts().open, Action::OpenPath(path.clone()))
                    .with(self.texts().show_in_folder, Action::RevealPath(path)),
                ),
                SaveOutcome::Cancelled => None,
                SaveOutcome::Failed(e) => {
                    Some(Toast::new(fill(self.texts().save_failed, &[&e]), 15))
                }
            };
        }
    }
}

/// "Call sheet for 2026-12-07: 3 leads to call".
fn sheet_what(lang: crate::domain::Lang, day: jiff::civil::Date, leads: &[Lead]) -> String {
    let due = leads
        .iter()
        .filter(|l| Due::is_due(l.follow_up, day))
        .count();
    let p = print_texts(lang);
    fill(
        p.what_sheet,
        &[
            &crate::i18n::format_date(lang, day),
            &p.sheet_due.of(due, &[]),
        ],
    )
}
