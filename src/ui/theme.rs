//! Colours that mean something: class and criterion state look the same everywhere.

use egui::Color32;

use crate::domain::{Class, CriterionState};

pub const GREEN: Color32 = Color32::from_rgb(22, 150, 80);
pub const AMBER: Color32 = Color32::from_rgb(222, 150, 20);
pub const RED: Color32 = Color32::from_rgb(210, 40, 40);
pub const GREY: Color32 = Color32::from_rgb(140, 146, 156);
/// The big red "save as PDF" button: the one action every qualification ends in.
pub const PDF_RED: Color32 = Color32::from_rgb(200, 30, 30);

/// egui's theme for the rep's choice.
pub fn preference(choice: crate::store::ThemeChoice) -> egui::ThemePreference {
    match choice {
        crate::store::ThemeChoice::System => egui::ThemePreference::System,
        crate::store::ThemeChoice::Light => egui::ThemePreference::Light,
        crate::store::ThemeChoice::Dark => egui::ThemePreference::Dark,
    }
}

pub fn class_color(class: Class) -> Color32 {
    match class {
        Class::A => GREEN,
        Class::B => AMBER,
        Class::C => RED,
    }
}

pub fn state_color(state: CriterionState) -> Color32 {
    match state {
        CriterionState::Unknown => GREY,
        CriterionState::Knockout => RED,
        CriterionState::Partial => AMBER,
        CriterionState::Full => GREEN,
    }
}
