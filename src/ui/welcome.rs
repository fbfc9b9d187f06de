//! First start: an empty folder greets the rep with the two ways to begin.

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
            ui.add_space(((ui.available_width() - 330.0) / 2.0).max(0.0));
            let new = egui::Button::new(RichText::new(Command::NewLead.label(t)).size(16.0))
                .min_size(egui::vec2(160.0, 40.0));
            if ui.add(new).clicked() {
                actions.push(Action::Run(Command::NewLead));
            }
            let example =
                egui::Button::new(RichText::new(Command::ExampleLead.label(t)).size(16.0))
                    .min_size(egui::vec2(160.0, 40.0));
            if ui.add(example).clicked() {
                actions.push(Action::Run(Command::ExampleLead));
            }
        });
    });
}
