//! The menu bar, drawn from the command table: what it shows and when an item is enabled.

use egui::Ui;

use super::action::Action;
use super::commands::Command;
use super::cx::Cx;
use crate::app::{Edit, Model};
use crate::domain::{Field, Lang, Value};
use crate::i18n::UiTexts;

/// The menu bar: File, Edit, View, Help; every item a [`Command`] with its shortcut.
pub fn menu_bar(ui: &mut Ui, cx: &Cx, model: &Model, actions: &mut Vec<Action>) {
    let Cx { t, lang, today, .. } = *cx;
    let has_lead = model.selected_id().is_some();
    let picked = model.selection().len() > 1;
    let mut batch = None;
    let mut item = |ui: &mut Ui, cmd: Command, enabled: bool| {
        let mut button = egui::Button::new(cmd.label(t));
        if let Some(s) = cmd.shortcut() {
            button = button.shortcut_text(ui.ctx().format_shortcut(&s));
        }
        if ui.add_enabled(enabled, button).clicked() {
            actions.push(Action::Run(cmd));
            // Also when the click came through the accessibility bus, not the mouse.
            ui.close();
        }
    };
    ui.menu_button(t.menu_file, |ui| {
        item(ui, Command::NewLead, true);
        item(ui, Command::ExampleLead, true);
        item(ui, Command::Import, !model.is_read_only());
        item(ui, Command::Duplicate, has_lead);
        ui.separator();
        item(ui, Command::SavePdf, has_lead);
        item(ui, Command::Print, has_lead);
        item(ui, Command::CallSheet, !model.entries().is_empty());
        item(ui, Command::ExportPdfs, !model.entries().is_empty());
        item(ui, Command::ExportSelectedPdfs, picked);
        item(ui, Command::ExportCalendar, !model.entries().is_empty());
        item(ui, Command::ExportLeads, !model.entries().is_empty());
        ui.separator();
        item(ui, Command::Delete, has_lead);
        item(ui, Command::Trash, true);
        ui.separator();
        item(ui, Command::Quit, true);
    });
    ui.menu_button(t.menu_edit, |ui| {
        item(ui, Command::Undo, model.can_undo());
        item(ui, Command::Redo, model.can_redo());
        ui.separator();
        item(ui, Command::CopySummary, has_lead);
        ui.separator();
        batch = batch_menus(ui, t, lang, today, picked);
        ui.separator();
        item(ui, Command::Find, true);
        item(ui, Command::Settings, true);
    });
    ui.menu_button(t.menu_view, |ui| {
        item(ui, Command::ShowForm, has_lead);
        item(ui, Command::ShowOverview, !model.entries().is_empty());
        ui.separator();
        item(ui, Command::ToggleList, !model.entries().is_empty());
        item(ui, Command::History, has_lead);
        item(ui, Command::Trash, true);
    });
    ui.menu_button(t.menu_help, |ui| {
        item(ui, Command::About, true);
    });
    actions.extend(batch);
}

/// Edit → stage and follow-up for all picked leads, each one undo step.
fn batch_menus(
    ui: &mut Ui,
    t: &UiTexts,
    lang: Lang,
    today: jiff::civil::Date,
    enabled: bool,
) -> Option<Action> {
    let mut picked = None;
    ui.add_enabled_ui(enabled, |ui| {
        ui.menu_button(t.batch_stage, |ui| {
            for stage in crate::domain::Stage::ALL {
                if ui.button(crate::i18n::stage_label(lang, stage)).clicked() {
                    picked = Some(Action::BatchEdit(Edit::Set(
                        Field::Stage,
                        Value::Stage(stage),
                    )));
                    ui.close();
                }
            }
        });
        ui.menu_button(t.batch_follow_up, |ui| {
            for (label, date) in [
                (t.in_a_week, today.checked_add(jiff::ToSpan::week(1)).ok()),
                (t.in_a_month, today.checked_add(jiff::ToSpan::month(1)).ok()),
                (t.clear, None),
            ] {
                if ui.button(label).clicked() {
                    picked = Some(Action::BatchEdit(Edit::Set(
                        Field::FollowUp,
                        Value::Date(date),
                    )));
                    ui.close();
                }
            }
        });
    });
    picked
}
