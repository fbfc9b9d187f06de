//! First start: an empty folder greets the rep with the three ways to begin: a new lead, the
//! example, or the leads they already have in a spreadsheet.

use egui::{RichText, Ui};

use super::action::Action;
use super::commands::Command;
use super::cx::Cx;

pub fn welcome(ui: &mut Ui, cx: &Cx, actions: &mut Vec<Action>) {
    let t = cx.t;
    ui.vertical_centered(|ui| {
        ui.add_space((ui.available_height() * 0.25).max(20.0));
        ui.label(RichText::new(t.welcome_title).size(28.0).strong());
        ui.add_space(10.0);
        ui.set_max_width(520.0);
        ui.label(RichText::new(t.welcome_text).size(15.0));
        ui.add_space(20.0);
        ui.horizontal(|ui| {
            ui.add_space(((ui.available_width() - 500.0) / 2.0).max(0.0));
            for cmd in [Command::NewLead, Command::ExampleLead, Command::Import] {
                let button = egui::Button::new(RichText::new(cmd.label(t)).size(16.0))
                    .min_size(egui::vec2(160.0, 40.0));
                if ui.add(button).clicked() {
                    actions.push(Action::Run(cmd));
                }
            }
        });
        ui.add_space(8.0);
        ui.label(RichText::new(t.welcome_import).weak());
    });
}
