//! LeadQ's own small print dialog (File → Print…, the Print button, File → Call sheet…): what
//! is printed, the printers the system has (the default first) as a list of choices, copies,
//! and Print, Save as PDF instead, Cancel. On Windows the system's printer is named instead of
//! a list. Draws the dialog's state and pushes actions.

use egui::{Context, RichText};

use super::action::Action;
use super::cx::Cx;
use crate::app::print_job::{PrintDialog, PrintDocument, Printers};
use crate::i18n::{fill, print_texts};

pub fn print_dialog(ctx: &Context, cx: &Cx, dialog: &PrintDialog, actions: &mut Vec<Action>) {
    let p = print_texts(cx.lang);
    let title = match dialog.document {
        PrintDocument::Leads(_) => p.dialog_title,
        PrintDocument::CallSheet { .. } => p.sheet_dialog_title,
    };
    let mut open = true;
    egui::Window::new(title)
        .collapsible(false)
        .resizable(false)
        .open(&mut open)
        .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
        .min_width(340.0)
        .show(ctx, |ui| {
            ui.label(RichText::new(&dialog.what).strong());
            ui.add_space(8.0);
            if let PrintDocument::CallSheet { day, .. } = dialog.document {
                sheet_day(ui, cx, day, actions);
            }
            ui.label(p.printer);
            match &dialog.printers {
                Printers::Looking(_) => {
                    ui.horizontal(|ui| {
                        ui.spinner();
                        ui.label(p.looking);
                    });
                }
                Printers::Found(printers) => {
                    egui::ScrollArea::vertical()
                        .max_height(180.0)
                        .show(ui, |ui| {
                            for printer in printers {
                                let name = if printer.is_default {
                                    format!("{} {}", printer.name, p.default_mark)
                                } else {
                                    printer.name.clone()
                                };
                                let chosen = dialog.chosen.as_deref() == Some(&printer.name);
                                // Each choice says its printer's name (a screen reader reads
                                // it after the "Printer" label above the list).
                                let r = ui.radio(chosen, name);
                                if r.clicked() && !chosen {
                                    actions.push(Action::PrintChoose(printer.name.clone()));
                                }
                            }
                        });
                }
                Printers::Unavailable(reason) => {
                    ui.label(RichText::new(reason).color(ui.visuals().warn_fg_color));
                }
                Printers::System => {
                    ui.label(p.system_printer);
                }
            }
            ui.add_space(6.0);
            ui.horizontal(|ui| {
                let label = ui.label(p.copies_label);
                let mut copies = dialog.copies;
                ui.add(egui::DragValue::new(&mut copies).range(1..=99))
                    .labelled_by(label.id);
                if copies != dialog.copies {
                    actions.push(Action::PrintCopies(copies));
                }
            });
            if let Some(error) = &dialog.error {
                ui.add_space(6.0);
                ui.label(RichText::new(error).color(ui.visuals().error_fg_color));
            }
            if dialog.sending.is_some() {
                ui.horizontal(|ui| {
                    ui.spinner();
                    let to = dialog.chosen.as_deref().unwrap_or_default();
                    ui.label(fill(p.sending, &[to]));
                });
            }
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                let send = egui::Button::new(RichText::new(p.send).strong());
                if ui.add_enabled(dialog.can_send(), send).clicked() {
                    actions.push(Action::PrintSend);
                }
                if ui.button(p.save_pdf_instead).clicked() {
                    actions.push(Action::PrintSavePdf);
                }
                if ui.button(p.cancel).clicked() {
                    actions.push(Action::PrintClose);
                }
            });
        });
    if !open {
        actions.push(Action::PrintClose);
    }
}

/// The call sheet's day: today, or tomorrow to prepare it the evening before.
fn sheet_day(ui: &mut egui::Ui, cx: &Cx, day: jiff::civil::Date, actions: &mut Vec<Action>) {
    let p = print_texts(cx.lang);
    let tomorrow = cx.today.tomorrow().unwrap_or(cx.today);
    ui.horizontal(|ui| {
        ui.label(p.sheet_day);
        for (label, choice) in [(p.today, cx.today), (p.tomorrow, tomorrow)] {
            if ui.radio(day == choice, label).clicked() && day != choice {
                actions.push(Action::PrintSheetDay(choice));
            }
        }
    });
    ui.add_space(6.0);
}
