//! Problems the rep must see: files that did not load, writes that failed, bad team settings,
//! answers the framework does not know.

use egui::{RichText, Ui};

use super::action::Action;
use crate::app::{Banner, Model};
use crate::i18n::{UiTexts, fill};

pub fn banner_panel(ui: &mut Ui, t: &UiTexts, model: &Model, actions: &mut Vec<Action>) {
    if model.banners.is_empty() {
        return;
    }
    egui::Panel::top("banners").show(ui, |ui| {
        for (i, banner) in model.banners.iter().enumerate() {
            egui::Frame::new()
                .fill(ui.visuals().error_fg_color.gamma_multiply(0.15))
                .inner_margin(8.0)
                .corner_radius(4.0)
                .show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    ui.horizontal(|ui| {
                        ui.vertical(|ui| {
                            ui.set_max_width(ui.available_width() - 110.0);
                            banner_text(ui, t, model, banner, actions);
                        });
                        ui.with_layout(egui::Layout::right_to_left(egui::Align::TOP), |ui| {
                            if ui.button(t.dismiss).clicked() {
                                actions.push(Action::DismissBanner(i));
                            }
                        });
                    });
                });
            ui.add_space(4.0);
        }
    });
}

fn banner_text(
    ui: &mut Ui,
    t: &UiTexts,
    model: &Model,
    banner: &Banner,
    actions: &mut Vec<Action>,
) {
    let lang = t.lang;
    let warn = RichText::new("!")
        .strong()
        .color(ui.visuals().error_fg_color);
    match banner {
        Banner::FileProblems(problems) => {
            let folder = problems
                .iter()
                .find_map(|p| p.moved_to.as_ref().and_then(|m| m.parent()))
                .or_else(|| problems.first().and_then(|p| p.file.parent()))
                .map(|p| p.display().to_string())
                .unwrap_or_default();
            ui.horizontal_wrapped(|ui| {
                ui.label(warn);
                ui.label(fill(
                    t.problems_files,
                    &[&problems.len().to_string(), &folder],
                ));
            });
            for p in problems.iter().take(5) {
                let name = p
                    .file
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let place = if p.moved_to.is_some() {
                    String::new()
                } else {
                    format!(" ({})", t.problems_left_in_place)
                };
                let reason = crate::i18n::problem_reason(lang, p);
                ui.label(RichText::new(format!("• {name}: {reason}{place}")).small());
            }
            if problems.len() > 5 {
                ui.label(RichText::new(format!("… +{}", problems.len() - 5)).small());
            }
        }
        Banner::WriteFailed(message) => {
            ui.horizontal_wrapped(|ui| {
                ui.label(warn);
                ui.label(fill(t.write_failed, &[message.get(lang)]));
            });
        }
        Banner::SyncConflicts(files) => {
            let folder = files
                .first()
                .and_then(|f| {
                    f.parent()?
                        .parent()
                        .map(|d| d.join("conflicts").display().to_string())
                })
                .unwrap_or_default();
            ui.horizontal_wrapped(|ui| {
                ui.label(warn);
                ui.label(fill(t.sync_conflicts, &[&files.len().to_string(), &folder]));
            });
            for file in files.iter().take(5) {
                let name = file
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                ui.horizontal_wrapped(|ui| {
                    ui.label(RichText::new(format!("• {name}")).small());
                    if ui.small_button(t.take_copy).clicked() {
                        actions.push(Action::ResolveSyncConflict(file.clone(), true));
                    }
                    if ui.small_button(t.keep_current).clicked() {
                        actions.push(Action::ResolveSyncConflict(file.clone(), false));
                    }
                });
            }
        }
        Banner::ReadOnly(folder) => {
            ui.horizontal_wrapped(|ui| {
                ui.label(warn);
                ui.label(fill(t.read_only_banner, &[folder]));
            });
        }
        Banner::Conflict { name, ours } => {
            ui.horizontal_wrapped(|ui| {
                ui.label(warn);
                ui.label(fill(
                    t.conflict_banner,
                    &[name, &ours.display().to_string()],
                ));
            });
        }
        Banner::DeletedElsewhere { names, trash } => {
            let names: Vec<&str> = names.iter().map(|(_, n)| n.as_str()).collect();
            ui.horizontal_wrapped(|ui| {
                ui.label(warn);
                ui.label(fill(
                    t.deleted_elsewhere,
                    &[&names.join(", "), &trash.display().to_string()],
                ));
            });
        }
        Banner::UnknownAnswers(notes) => {
            ui.horizontal_wrapped(|ui| {
                ui.label(warn);
                ui.label(t.unknown_answers_banner);
            });
            for note in notes.iter().take(5) {
                let name = if note.name.is_empty() {
                    crate::i18n::texts(lang).unnamed_lead
                } else {
                    note.name.as_str()
                };
                let detail = crate::i18n::unknown_id(lang, model.framework(), &note.id);
                ui.label(RichText::new(format!("• {name}: {detail}")).small());
            }
            if notes.len() > 5 {
                ui.label(RichText::new(format!("… +{}", notes.len() - 5)).small());
            }
        }
        Banner::TeamSettings(messages) => {
            ui.horizontal_wrapped(|ui| {
                ui.label(warn);
                // The text says the defaults apply; each file with what was wrong with it.
                let files: Vec<String> = messages
                    .iter()
                    .map(|p| format!("{}: {}", p.file.display(), p.detail))
                    .collect();
                ui.label(fill(t.team_settings_problem, &[&files.join("; ")]));
            });
        }
    }
}
