//! The import preview: what a file would bring in — how it was read, the first rows under a
//! drop-down per column that says which field the column fills (pre-filled from the column
//! names; "– ignore –" leaves one out), each shown row's problems beside it, the rows that
//! duplicate leads already here with what each does, every bad row with its line — and one
//! button that imports it (one undo step) or cancels. While the file is still being read, a
//! small window says so and can cancel.

use egui::{Context, RichText, Ui};

use super::action::Action;
use super::cx::Cx;
use crate::app::{ImportSession, Model};
use crate::domain::{Framework, ellipsize};
use crate::exchange::{
    Existing, MappingProblem, Match, MatchedBy, OnDuplicate, TableFormat, Target,
};
use crate::i18n::{csv_error, fill, mapping_problem, quoted, row_error, target_label};

/// How many rows the preview shows, and how many bad rows and duplicates it names.
const SHOWN_ROWS: usize = 8;
const SHOWN_ERRORS: usize = 12;

pub fn import_window(
    ctx: &Context,
    cx: &Cx,
    session: &ImportSession,
    model: &Model,
    actions: &mut Vec<Action>,
) {
    let mut open = true;
    egui::Window::new(cx.t.import_title)
        .open(&mut open)
        .collapsible(false)
        .default_width(760.0)
        .max_height(ctx.content_rect().height() - 40.0)
        .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
        .show(ctx, |ui| {
            egui::ScrollArea::vertical()
                .id_salt("import-window")
                .show(ui, |ui| {
                    summary(ui, cx, session, actions);
                    ui.add_space(6.0);
                    rows_table(ui, cx, session, model.framework(), actions);
                    problems(ui, cx, session, model.framework(), actions);
                    duplicates(ui, cx, session, model, actions);
                    bad_rows(ui, cx, session);
                });
            ui.add_space(8.0);
            buttons(ui, cx, session, actions);
        });
    if !open {
        actions.push(Action::ImportCancel);
    }
}

/// Shown while a file is read and parsed in the background; Cancel stops waiting for it.
pub fn reading_window(ctx: &Context, cx: &Cx, actions: &mut Vec<Action>) {
    egui::Window::new(cx.t.import_title)
        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
        .show(ctx, |ui| {
            ui.horizontal(|ui| {
                ui.spinner();
                ui.label(cx.t.import_reading);
            });
            if ui.button(cx.t.cancel).clicked() {
                actions.push(Action::ImportCancel);
            }
        });
}

/// The file, how it was read, the columns it ignores and the source values read as "other".
fn summary(ui: &mut Ui, cx: &Cx, session: &ImportSession, actions: &mut Vec<Action>) {
    let t = cx.t;
    let p = &session.parsed;
    let name = session
        .path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let rows = p.table.rows.len() + p.table.errors.len();
    let read = match &p.table.format {
        TableFormat::Csv {
            encoding,
            delimiter,
        } => {
            let separator = match delimiter {
                '\t' => "Tab".to_owned(),
                c => quoted(cx.lang, &c.to_string()),
            };
            fill(
                t.import_read,
                &[&name, encoding, &separator, &rows.to_string()],
            )
        }
        TableFormat::Workbook { sheet, .. } => {
            fill(t.import_read_sheet, &[&name, sheet, &rows.to_string()])
        }
    };
    ui.label(read);
    header_row(ui, cx, session, actions);
    let ignored = p.ignored();
    if !ignored.is_empty() {
        let names: Vec<String> = ignored.iter().map(|c| quoted(cx.lang, c)).collect();
        ui.label(
            RichText::new(fill(t.import_ignored, &[&names.join(", ")])).color(super::theme::AMBER),
        );
    }
    if !p.other_sources.is_empty() {
        let values: Vec<String> = p
            .other_sources
            .iter()
            .map(|(v, n)| format!("{} ({n})", quoted(cx.lang, v)))
            .collect();
        ui.label(RichText::new(fill(t.import_other_sources, &[&values.join(", ")])).weak());
    }
}

/// Which row names the columns: the one read (1 unless Excel's `sep=` line comes first), or
/// another the rep picks when a title stands above the table; the file is read again with it.
fn header_row(ui: &mut Ui, cx: &Cx, session: &ImportSession, actions: &mut Vec<Action>) {
    let read = session.parsed.table.header_line;
    ui.horizontal(|ui| {
        let label = ui.label(cx.t.import_header_row);
        let mut row = read;
        let r = ui
            .add(egui::DragValue::new(&mut row).range(1..=1_000))
            .labelled_by(label.id);
        // Only once the rep lets go or leaves the field, so dragging does not read the file
        // again for every row passed.
        if row != read && (r.drag_stopped() || r.lost_focus() || !r.dragged()) {
            actions.push(Action::ImportHeaderRow(row));
        }
    });
}

/// The first rows as the file has them, under one drop-down per column, with each row's
/// problems at its end.
fn rows_table(
    ui: &mut Ui,
    cx: &Cx,
    session: &ImportSession,
    framework: &Framework,
    actions: &mut Vec<Action>,
) {
    let p = &session.parsed;
    ui.label(RichText::new(cx.t.import_mapping_hint).weak());
    let choices = Target::choices(framework);
    let mut lines: Vec<u64> = p.table.rows.iter().map(|r| r.line).collect();
    lines.extend(p.table.errors.iter().map(|e| e.line));
    lines.sort_unstable();
    lines.truncate(SHOWN_ROWS);
    egui::ScrollArea::horizontal()
        .id_salt("import-rows")
        .show(ui, |ui| {
            egui::Grid::new("import-preview")
                .striped(true)
                .spacing([14.0, 4.0])
                .show(ui, |ui| {
                    ui.label("");
                    for (column, target) in p.targets.iter().enumerate() {
                        let name = p.table.header.get(column).map_or("", String::as_str);
                        let picked =
                            target_combo(ui, cx, framework, column, name, target, &choices);
                        if let Some(target) = picked {
                            actions.push(Action::ImportMap { column, target });
                        }
                    }
                    ui.end_row();
                    ui.label(RichText::new(cx.t.line).strong());
                    for name in &p.table.header {
                        ui.label(RichText::new(ellipsize(name, 30)).strong());
                    }
                    ui.end_row();
                    for line in lines {
                        table_row(ui, cx, session, line);
                    }
                });
        });
    let total = p.table.rows.len() + p.table.errors.len();
    if total > SHOWN_ROWS {
        let more = (total - SHOWN_ROWS).to_string();
        ui.label(RichText::new(fill(cx.t.import_more, &[&more])).weak());
    }
}

/// A column's drop-down; returns the target picked.
fn target_combo(
    ui: &mut Ui,
    cx: &Cx,
    framework: &Framework,
    column: usize,
    name: &str,
    current: &Target,
    choices: &[Target],
) -> Option<Target> {
    let label = |t: &Target| target_label(cx.lang, t, framework);
    let mut picked = None;
    let r = egui::ComboBox::from_id_salt(("import-column", column))
        .selected_text(label(current))
        .width(150.0)
        // Every choice in sight without scrolling the popup (about 25 of them).
        .height(560.0)
        .show_ui(ui, |ui| {
            for choice in choices {
                let selected =
                    choice == current || *choice == Target::Ignore && *current == Target::Derived;
                if ui.selectable_label(selected, label(choice)).clicked() {
                    picked = Some(choice.clone());
                    ui.close();
                }
            }
        });
    let title = fill(cx.t.import_column, &[name]);
    r.response
        .ctx
        .accesskit_node_builder(r.response.id, |node| {
            node.set_label(title.clone());
        });
    super::widgets::combo_value(&r.response, &label(current));
    r.response.on_hover_text(title);
    picked
}

/// One line of the file: its number — marked, with the problem on hover, when the row cannot
/// be imported (the list below the table says it in full) — and its cells.
fn table_row(ui: &mut Ui, cx: &Cx, session: &ImportSession, line: u64) {
    let p = &session.parsed;
    match p.errors.iter().find(|e| e.line == line) {
        Some(e) => {
            let text = RichText::new(format!("{line} ⚠")).color(ui.visuals().error_fg_color);
            ui.label(text).on_hover_text(row_error(cx.lang, e));
        }
        None => {
            ui.label(line.to_string());
        }
    }
    let cells = p.table.rows.iter().find(|r| r.line == line);
    for column in 0..p.table.header.len() {
        let text = cells.map_or("", |r| r.cell(column));
        // The first line of a cell that spans several.
        let first = text.lines().next().unwrap_or_default();
        ui.label(ellipsize(first, 30));
    }
    ui.end_row();
}

/// Why the mapping cannot be imported: no column names the lead, two fill one field, or a
/// company spans lines.
fn problems(
    ui: &mut Ui,
    cx: &Cx,
    session: &ImportSession,
    framework: &Framework,
    actions: &mut Vec<Action>,
) {
    let error = ui.visuals().error_fg_color;
    for problem in &session.parsed.problems {
        if let MappingProblem::HeaderBelow { read, found } = problem {
            // Said for the window, with the button that does what the CLI's flag does.
            let text = fill(
                cx.t.import_header_below,
                &[&read.to_string(), &found.to_string()],
            );
            ui.colored_label(error, text);
            let take = fill(cx.t.import_take_header, &[&found.to_string()]);
            if ui.button(take).clicked() {
                actions.push(Action::ImportHeaderRow(*found));
            }
            continue;
        }
        ui.colored_label(error, mapping_problem(cx.lang, problem, framework));
    }
    if let Some(e) = &session.error {
        ui.colored_label(error, csv_error(cx.lang, e));
    }
}

/// The rows that match leads already here: one drop-down for all of them, and one per row.
fn duplicates(
    ui: &mut Ui,
    cx: &Cx,
    session: &ImportSession,
    model: &Model,
    actions: &mut Vec<Action>,
) {
    let t = cx.t;
    let all: Vec<(usize, Match)> = session.duplicates().collect();
    if all.is_empty() {
        return;
    }
    ui.add_space(6.0);
    ui.horizontal(|ui| {
        let text = match all.len() {
            1 => t.import_duplicates_one.to_owned(),
            n => fill(t.import_duplicates, &[&n.to_string()]),
        };
        ui.label(RichText::new(text).strong());
        let label = ui.label(t.import_all_duplicates);
        if let Some(choice) =
            choice_combo(ui, cx, "all", session.default_choice, Named::By(label.id))
        {
            actions.push(Action::ImportChoose { row: None, choice });
        }
    });
    let rows = &session.parsed.rows;
    for &(i, m) in all.iter().take(SHOWN_ERRORS) {
        let Some(row) = rows.get(i) else { continue };
        ui.horizontal(|ui| {
            let title = fill(t.import_row_choice, &[&row.line.to_string()]);
            let name = row_name(cx, row);
            ui.label(format!(
                "{} {}: {name} – {}",
                t.line,
                row.line,
                matched(cx, model, session, m)
            ));
            if let Some(choice) = choice_combo(ui, cx, &title, session.choice(i), Named::As(&title))
            {
                actions.push(Action::ImportChoose {
                    row: Some(i),
                    choice,
                });
            }
        });
    }
    if all.len() > SHOWN_ERRORS {
        let more = (all.len() - SHOWN_ERRORS).to_string();
        ui.label(RichText::new(fill(t.import_more, &[&more])).weak());
    }
}

fn row_name(cx: &Cx, row: &crate::exchange::ImportRow) -> String {
    use crate::domain::Field;
    let name = [row.text(Field::Company), row.text(Field::Contact)]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    if name.is_empty() {
        cx.tx.unnamed_lead.to_owned()
    } else {
        ellipsize(&name, 40)
    }
}

/// "same e-mail as „Müller GmbH“", "… as line 4 of this file".
fn matched(cx: &Cx, model: &Model, session: &ImportSession, m: Match) -> String {
    let t = cx.t;
    let whom = match m.existing {
        Existing::Lead(id) => model.entry(id).map_or_else(String::new, |e| {
            quoted(cx.lang, &ellipsize(e.lead.display_name(), 40))
        }),
        Existing::Row(j) => {
            let line = session.parsed.rows.get(j).map_or(0, |r| r.line);
            fill(t.same_as_line, &[&line.to_string()])
        }
    };
    let template = match m.by {
        MatchedBy::CrmId => t.same_crm_id,
        MatchedBy::Email => t.same_email,
        MatchedBy::Name | MatchedBy::Id => t.same_name,
    };
    fill(template, &[&whom])
}

/// How a drop-down is named for a screen reader: by the label beside it, or by a name of its
/// own when the text beside it says more than its name (a duplicate row's line).
enum Named<'a> {
    By(egui::Id),
    As(&'a str),
}

/// What a duplicate does (or every duplicate, `salt` = "all").
fn choice_combo(
    ui: &mut Ui,
    cx: &Cx,
    salt: &str,
    current: OnDuplicate,
    named: Named<'_>,
) -> Option<OnDuplicate> {
    let name = |c: OnDuplicate| match c {
        OnDuplicate::Update => cx.t.dup_update,
        OnDuplicate::New => cx.t.dup_new,
        OnDuplicate::Skip => cx.t.dup_skip,
    };
    let mut picked = None;
    let r = egui::ComboBox::from_id_salt(("import-duplicate", salt))
        .selected_text(name(current))
        .show_ui(ui, |ui| {
            for c in OnDuplicate::ALL {
                if ui.selectable_label(c == current, name(c)).clicked() {
                    picked = Some(c);
                    ui.close();
                }
            }
        });
    let response = match named {
        Named::By(label) => r.response.labelled_by(label),
        Named::As(title) => {
            set_name(&r.response, title);
            r.response
        }
    };
    super::widgets::combo_value(&response, name(current));
    picked
}

/// Gives a widget its accessible name.
fn set_name(response: &egui::Response, name: &str) {
    response.ctx.accesskit_node_builder(response.id, |node| {
        node.set_label(name.to_owned());
    });
}

/// Each row the import cannot take, with its line, as a spreadsheet numbers it.
fn bad_rows(ui: &mut Ui, cx: &Cx, session: &ImportSession) {
    let errors = &session.parsed.errors;
    // Read under a title taken for the header, every row looks bad; the rows are judged again
    // once the rep takes the header the preview suggests.
    let header_below =
        (session.parsed.problems.iter()).any(|p| matches!(p, MappingProblem::HeaderBelow { .. }));
    if errors.is_empty() || header_below {
        return;
    }
    ui.add_space(6.0);
    ui.label(RichText::new(cx.t.import_bad_rows).strong());
    for e in errors.iter().take(SHOWN_ERRORS) {
        ui.colored_label(
            ui.visuals().error_fg_color,
            format!("{} {}: {}", cx.t.line, e.line, row_error(cx.lang, e)),
        );
    }
    if errors.len() > SHOWN_ERRORS {
        let more = (errors.len() - SHOWN_ERRORS).to_string();
        ui.label(RichText::new(fill(cx.t.import_more, &[&more])).weak());
    }
}

fn buttons(ui: &mut Ui, cx: &Cx, session: &ImportSession, actions: &mut Vec<Action>) {
    let t = cx.t;
    let errors = session.parsed.errors.len();
    if !session.importable() {
        ui.label(t.import_nothing);
    } else if errors == 1 {
        ui.label(t.import_skip_bad_one);
    } else if errors > 1 {
        ui.label(fill(t.import_skip_bad, &[&errors.to_string()]));
    }
    ui.horizontal(|ui| {
        let n = if session.importable() {
            session.taken()
        } else {
            0
        };
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
