//! Problems the rep must see: files that did not load, writes that failed, bad team settings,
//! answers the framework does not know.

use std::path::PathBuf;

use egui::{RichText, Ui};

use super::action::Action;
use crate::app::{Banner, Model, UnknownAnswer};
use crate::i18n::{UiTexts, fill};
use crate::store::FileProblem;

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

/// One banner's text: a headline after a red "!", and for some the files or leads it is about.
fn banner_text(
    ui: &mut Ui,
    t: &UiTexts,
    model: &Model,
    banner: &Banner,
    actions: &mut Vec<Action>,
) {
    match banner {
        Banner::FileProblems(problems) => file_problems(ui, t, problems),
        Banner::WriteFailed(message) => {
            headline(ui, fill(t.write_failed, &[message.get(t.lang)]));
        }
        Banner::SyncConflicts(files) => sync_conflicts(ui, t, files, actions),
        Banner::ReadOnly(folder) => headline(ui, fill(t.read_only_banner, &[folder])),
        Banner::Conflict { name, ours } => headline(
            ui,
            fill(t.conflict_banner, &[name, &ours.display().to_string()]),
        ),
        Banner::DeletedElsewhere { names, trash } => {
            let names: Vec<&str> = names.iter().map(|(_, n)| n.as_str()).collect();
            headline(
                ui,
                fill(
                    t.deleted_elsewhere,
                    &[&names.join(", "), &trash.display().to_string()],
                ),
            );
        }
        Banner::UnknownAnswers(notes) => unknown_answers(ui, t, model, notes),
        Banner::TeamSettings(messages) => {
            // The text says the defaults apply; each file with what was wrong with it.
            let files: Vec<String> = messages
                .iter()
                .map(|p| format!("{}: {}", p.file.display(), p.detail))
                .collect();
            headline(ui, fill(t.team_settings_problem, &[&files.join("; ")]));
        }
    }
}

/// How many files or leads a banner names one by one; the rest are counted.
const LISTED: usize = 5;

/// The banner's first line: a red "!" and the text, wrapped.
fn headline(ui: &mut Ui, text: impl Into<egui::WidgetText>) {
    let warn = RichText::new("!")
        .strong()
        .color(ui.visuals().error_fg_color);
    ui.horizontal_wrapped(|ui| {
        ui.label(warn);
        ui.label(text);
    });
}

/// One listed item in small print.
fn item(ui: &mut Ui, text: String) {
    ui.label(RichText::new(text).small());
}

/// "… +N" for what was not listed.
fn more(ui: &mut Ui, total: usize) {
    if total > LISTED {
        item(ui, format!("… +{}", total - LISTED));
    }
}

fn file_name(path: &std::path::Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Files that did not load: where they went (quarantine, or left in place) and why.
fn file_problems(ui: &mut Ui, t: &UiTexts, problems: &[FileProblem]) {
    let folder = problems
        .iter()
        .find_map(|p| p.moved_to.as_ref().and_then(|m| m.parent()))
        .or_else(|| problems.first().and_then(|p| p.file.parent()))
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    headline(
        ui,
        fill(t.problems_files, &[&problems.len().to_string(), &folder]),
    );
    for p in problems.iter().take(LISTED) {
        let place = if p.moved_to.is_some() {
            String::new()
        } else {
            format!(" ({})", t.problems_left_in_place)
        };
        let reason = crate::i18n::problem_reason(t.lang, p);
        item(ui, format!("• {}: {reason}{place}", file_name(&p.file)));
    }
    more(ui, problems.len());
}

/// A sync tool's conflict copies, each with the choice to take it or keep the current file.
fn sync_conflicts(ui: &mut Ui, t: &UiTexts, files: &[PathBuf], actions: &mut Vec<Action>) {
    let folder = files
        .first()
        .and_then(|f| {
            f.parent()?
                .parent()
                .map(|d| d.join("conflicts").display().to_string())
        })
        .unwrap_or_default();
    headline(
        ui,
        fill(t.sync_conflicts, &[&files.len().to_string(), &folder]),
    );
    for file in files.iter().take(LISTED) {
        ui.horizontal_wrapped(|ui| {
            item(ui, format!("• {}", file_name(file)));
            if ui.small_button(t.take_copy).clicked() {
                actions.push(Action::ResolveSyncConflict(file.clone(), true));
            }
            if ui.small_button(t.keep_current).clicked() {
                actions.push(Action::ResolveSyncConflict(file.clone(), false));
            }
        });
    }
}

/// Answers or criteria the framework does not know, lead by lead.
fn unknown_answers(ui: &mut Ui, t: &UiTexts, model: &Model, notes: &[UnknownAnswer]) {
    headline(ui, t.unknown_answers_banner);
    for note in notes.iter().take(LISTED) {
        let name = if note.name.is_empty() {
            crate::i18n::texts(t.lang).unnamed_lead
        } else {
            note.name.as_str()
        };
        let detail = crate::i18n::unknown_id(t.lang, model.framework(), &note.id);
        item(ui, format!("• {name}: {detail}"));
    }
    more(ui, notes.len());
}
