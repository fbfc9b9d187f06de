//! The import preview: what a file would bring in — how it was read, the first rows as the
//! fields they fill, the columns it ignores and the rows it cannot take — and one button that
//! imports it (one undo step) or cancels.

use std::path::PathBuf;

use egui::{Context, RichText, Ui};

use super::action::Action;
use super::cx::Cx;
use crate::domain::ellipsize;
use crate::exchange::ParsedCsv;
use crate::i18n::{field_label, fill, quoted, row_error, value_text};

/// A file read and parsed, waiting for the rep to confirm the import.
pub struct ImportPreview {
    pub path: PathBuf,
    pub parsed: ParsedCsv,
}

/// How many rows the preview shows, and how many bad rows it names.
const SHOWN_ROWS: usize = 8;
const SHOWN_ERRORS: usize = 12;

pub fn import_window(ctx: &Context, cx: &Cx, preview: &ImportPreview, actions: &mut Vec<Action>) {
    let t = cx.t;
    let mut open = true;
    egui::Window::new(t.import_title)
        .open(&mut open)
        .collapsible(false)
        .default_width(720.0)
        .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
        .show(ctx, |ui| {
            summary(ui, cx, preview);
            ui.add_space(6.0);
            rows_table(ui, cx, &preview.parsed);
            bad_rows(ui, cx, &preview.parsed);
            ui.add_space(8.0);
            buttons(ui, cx, &preview.parsed, actions);
        });
    if !open {
        actions.push(Action::ImportCancel);
    }
}

/// The file, how it was read, and the columns it ignores.
fn summary(ui: &mut Ui, cx: &Cx, preview: &ImportPreview) {
    let t = cx.t;
    let p = &preview.parsed;
    let name = preview
        .path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let separator = match p.delimiter {
        '\t' => "Tab".to_owned(),
        c => quoted(cx.lang, &c.to_string()),
    };
    let rows = (p.rows.len() + p.errors.len()).to_string();
    ui.label(fill(t.import_read, &[&name, p.encoding, &separator, &rows]));
    if !p.ignored.is_empty() {
        let names: Vec<String> = p.ignored.iter().map(|c| quoted(cx.lang, c)).collect();
        ui.label(
            RichText::new(fill(t.import_ignored, &[&names.join(", ")])).color(super::theme::AMBER),
        );
    }
}

/// The first rows, one column per field the file has a column for.
fn rows_table(ui: &mut Ui, cx: &Cx, p: &ParsedCsv) {
    let shown = &p.rows[..p.rows.len().min(SHOWN_ROWS)];
    let fields = &p.fields;
    if shown.is_empty() {
        return;
    }
    egui::ScrollArea::horizontal()
        .id_salt("import-rows")
        .show(ui, |ui| {
            egui::Grid::new("import-preview")
                .striped(true)
                .spacing([14.0, 4.0])
                .show(ui, |ui| {
                    ui.label(RichText::new(cx.t.line).strong());
                    for &f in fields {
                        ui.label(RichText::new(field_label(cx.lang, f)).strong());
                    }
                    ui.end_row();
                    for row in shown {
                        ui.label(row.line.to_string());
                        for &f in fields {
                            let text = row
                                .value(f)
                                .and_then(|v| value_text(cx.lang, v))
                                .unwrap_or_default();
                            // The first line of a note that spans several.
                            let first = text.lines().next().unwrap_or_default();
                            ui.label(ellipsize(first, 40));
                        }
                        ui.end_row();
                    }
                });
        });
    if p.rows.len() > SHOWN_ROWS {
        let more = (p.rows.len() - SHOWN_ROWS).to_string();
        ui.label(RichText::new(fill(cx.t.import_more, &[&more])).weak());
    }
}

/// Each row the import cannot take, with its line, as a spreadsheet numbers it.
fn bad_rows(ui: &mut Ui, cx: &Cx, p: &ParsedCsv) {
    if p.errors.is_empty() {
        return;
    }
    ui.add_space(6.0);
    ui.label(RichText::new(cx.t.import_bad_rows).strong());
    for e in p.errors.iter().take(SHOWN_ERRORS) {
        ui.colored_label(
            ui.visuals().error_fg_color,
            format!("{} {}: {}", cx.t.line, e.line, row_error(cx.lang, e)),
        );
    }
    if p.errors.len() > SHOWN_ERRORS {
        let more = (p.errors.len() - SHOWN_ERRORS).to_string();
        ui.label(RichText::new(fill(cx.t.import_more, &[&more])).weak());
    }
}

fn buttons(ui: &mut Ui, cx: &Cx, p: &ParsedCsv, actions: &mut Vec<Action>) {
    let t = cx.t;
    if p.rows.is_empty() {
        ui.label(t.import_nothing);
    } else if p.errors.len() == 1 {
        ui.label(t.import_skip_bad_one);
    } else if p.errors.len() > 1 {
        ui.label(fill(t.import_skip_bad, &[&p.errors.len().to_string()]));
    }
    ui.horizontal(|ui| {
        let n = p.rows.len();
        let text = fill(
            if n == 1 {
                t.import_go_one
            } else {
                t.import_go_many
            },
            &[&n.to_string()],
        );
        if ui.add_enabled(n > 0, egui::Button::new(text)).clicked() {
            actions.push(Action::ImportConfirm);
        }
        if ui.button(t.cancel).clicked() {
            actions.push(Action::ImportCancel);
        }
    });
}
