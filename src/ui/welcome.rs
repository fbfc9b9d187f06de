//! First start: an empty folder greets the rep with the three ways to begin: a new lead, the
//! example, or the leads they already have in a spreadsheet — and asks which qualification
//! framework the team uses (the folder's, BANT unless someone chose another).

use egui::{RichText, Ui};

use super::action::Action;
use super::commands::Command;
use super::cx::Cx;
use crate::domain::{Framework, templates};

pub fn welcome(ui: &mut Ui, cx: &Cx, framework: &Framework, actions: &mut Vec<Action>) {
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
        ui.add_space(24.0);
        framework_choice(ui, cx, framework, actions);
    });
}

/// Which framework the team qualifies by: picked here, it is the folder's at once (no lead
/// has an answer yet); later it is changed in the settings.
fn framework_choice(ui: &mut Ui, cx: &Cx, framework: &Framework, actions: &mut Vec<Action>) {
    let lang = cx.lang;
    ui.horizontal(|ui| {
        ui.add_space(((ui.available_width() - 420.0) / 2.0).max(0.0));
        let label = ui.label(cx.t.welcome_framework);
        let name = framework.name.get(lang);
        let r = egui::ComboBox::from_id_salt("welcome-framework")
            .selected_text(name)
            .width(220.0)
            .show_ui(ui, |ui| {
                for template in templates() {
                    let fw = &template.framework;
                    let chosen = fw.id == framework.id;
                    if ui.selectable_label(chosen, fw.name.get(lang)).clicked() {
                        if !chosen {
                            actions.push(Action::UseFramework(fw.id.clone()));
                        }
                        ui.close();
                    }
                }
            });
        let response = r.response.labelled_by(label.id);
        super::widgets::combo_value(&response, name);
    });
    ui.label(
        RichText::new(framework.description.get(lang))
            .weak()
            .small(),
    );
    ui.label(RichText::new(cx.t.welcome_framework_hint).weak().small());
}
