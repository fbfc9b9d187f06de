//! A data folder named on the command line (`--data-dir`, `LEADQ_DATA_DIR`) that does not
//! exist: before anything is created, the window asks, so a mistyped path does not quietly
//! become an empty folder the rep's leads never reach. (The platform's own data folder is
//! created without a question on a first start.)

use std::path::PathBuf;

use egui::{RichText, Ui};

use crate::i18n::{UiTexts, fill};

/// The question, shown instead of the app until it is answered.
#[derive(Debug, Clone)]
pub struct AskFolder {
    pub path: PathBuf,
}

/// What the rep answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FolderAnswer {
    Create,
    Quit,
}

impl AskFolder {
    /// Draws the question; the answer once a button was pressed (Return creates, Escape quits).
    pub fn ui(&self, ui: &mut Ui, t: &UiTexts) -> Option<FolderAnswer> {
        let mut answer = None;
        ui.vertical_centered(|ui| {
            ui.add_space((ui.available_height() * 0.25).max(20.0));
            ui.set_max_width(520.0);
            ui.label(RichText::new(t.ask_folder_title).size(24.0).strong());
            ui.add_space(12.0);
            let path = self.path.display().to_string();
            ui.label(RichText::new(fill(t.ask_folder_text, &[&path])).size(15.0));
            ui.add_space(20.0);
            ui.horizontal(|ui| {
                ui.add_space(((ui.available_width() - 340.0) / 2.0).max(0.0));
                let size = egui::vec2(160.0, 36.0);
                let create = egui::Button::new(t.ask_folder_create).min_size(size);
                if ui.add(create).clicked() {
                    answer = Some(FolderAnswer::Create);
                }
                let quit = egui::Button::new(t.ask_folder_quit).min_size(size);
                if ui.add(quit).clicked() {
                    answer = Some(FolderAnswer::Quit);
                }
            });
        });
        ui.input(|i| {
            if i.key_pressed(egui::Key::Escape) {
                answer = Some(FolderAnswer::Quit);
            } else if i.key_pressed(egui::Key::Enter) && answer.is_none() {
                answer = Some(FolderAnswer::Create);
            }
        });
        answer
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use egui_kittest::Harness;
    use egui_kittest::kittest::Queryable;

    fn harness(answer: &std::rc::Rc<std::cell::Cell<Option<FolderAnswer>>>) -> Harness<'static> {
        let ask = AskFolder {
            path: PathBuf::from("/home/rep/LeadQ Datn"),
        };
        let answer = answer.clone();
        Harness::new_ui(move |ui| {
            let t = crate::i18n::ui_texts(crate::domain::Lang::De);
            if let Some(a) = ask.ui(ui, t) {
                answer.set(Some(a));
            }
        })
    }

    #[test]
    fn the_question_names_the_path_and_creates_only_when_asked() {
        let answer = std::rc::Rc::new(std::cell::Cell::new(None));
        let mut h = harness(&answer);
        h.run();
        assert_eq!(
            answer.get(),
            None,
            "nothing is decided before the rep answers"
        );
        h.get_by_label_contains("/home/rep/LeadQ Datn");
        h.get_by_label("Ordner anlegen").click();
        h.run();
        assert_eq!(answer.get(), Some(FolderAnswer::Create));
    }

    #[test]
    fn quit_and_escape_create_nothing() {
        let answer = std::rc::Rc::new(std::cell::Cell::new(None));
        let mut h = harness(&answer);
        h.run();
        h.get_by_label("Beenden").click();
        h.run();
        assert_eq!(answer.get(), Some(FolderAnswer::Quit));
        let answer = std::rc::Rc::new(std::cell::Cell::new(None));
        let mut h = harness(&answer);
        h.run();
        h.key_press(egui::Key::Escape);
        h.run();
        assert_eq!(answer.get(), Some(FolderAnswer::Quit));
    }
}
