//! The right side: score gauge, class with reason, BANT overview, open questions, what-if.

use egui::{RichText, Ui};

use super::app::Action;
use super::commands::Command;
use super::theme::{PDF_RED, class_color, state_color};
use super::widgets::{class_badge, points_bar, score_gauge};
use crate::app::Model;
use crate::domain::Lang;
use crate::i18n::{UiTexts, class_meaning, describe_reason, describe_what_if, fill, texts};

pub fn result_panel(
    ui: &mut Ui,
    t: &UiTexts,
    lang: Lang,
    model: &mut Model,
    actions: &mut Vec<Action>,
) {
    let hint = model.selected_what_if();
    let Some(entry) = model.selected() else {
        return;
    };
    let (fw, rules) = (model.framework(), model.rules());
    let eval = &entry.eval;
    let tx = texts(lang);
    egui::ScrollArea::vertical()
        .auto_shrink(false)
        .show(ui, |ui| {
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                score_gauge(
                    ui,
                    eval.score,
                    eval.class,
                    120.0,
                    &format!("{} {}", tx.score, eval.score),
                );
                ui.add_space(8.0);
                ui.vertical(|ui| {
                    ui.add_space(10.0);
                    ui.horizontal(|ui| {
                        class_badge(
                            ui,
                            eval.class,
                            44.0,
                            &format!("{} {}", tx.class, eval.class.letter()),
                        );
                        ui.vertical(|ui| {
                            ui.label(
                                RichText::new(format!("{}-Lead", eval.class.letter()))
                                    .strong()
                                    .size(18.0),
                            );
                            if eval.provisional {
                                let open = eval.open_criteria().count().to_string();
                                let all = eval.criteria.len().to_string();
                                ui.label(
                                    RichText::new(fill(t.provisional_open, &[&open, &all]))
                                        .color(super::theme::AMBER),
                                );
                            }
                        });
                    });
                    ui.label(RichText::new(class_meaning(lang, eval.class)).weak());
                });
            });
            ui.add_space(6.0);
            egui::Frame::group(ui.style())
                .stroke(egui::Stroke::new(1.0, class_color(eval.class)))
                .show(ui, |ui| {
                    ui.set_width(ui.available_width());
                    ui.label(RichText::new(tx.reason).small().weak());
                    ui.label(describe_reason(fw, rules, lang, eval));
                });

            ui.add_space(10.0);
            ui.label(RichText::new(tx.overview).strong());
            egui::Grid::new("overview")
                .num_columns(3)
                .spacing([8.0, 6.0])
                .show(ui, |ui| {
                    for c in &eval.criteria {
                        let Some(criterion) = fw.criterion(&c.criterion) else {
                            continue;
                        };
                        ui.label(criterion.name.get(lang));
                        ui.vertical(|ui| {
                            let fraction = if c.max_points == 0 {
                                0.0
                            } else {
                                c.points as f32 / c.max_points as f32
                            };
                            points_bar(ui, fraction, state_color(c.state), 120.0);
                            let answer = criterion
                                .option(&c.answer)
                                .map_or(c.answer.as_str(), |o| o.label.get(lang));
                            ui.label(RichText::new(answer).small().color(state_color(c.state)));
                        });
                        ui.label(format!("{}/{}", c.points, c.max_points));
                        ui.end_row();
                    }
                });

            ui.add_space(10.0);
            ui.label(RichText::new(tx.what_if).strong());
            match &hint {
                Some(w) => ui.label(describe_what_if(fw, lang, w)),
                None => ui.label(RichText::new(tx.no_what_if).weak()),
            };

            ui.add_space(10.0);
            ui.label(RichText::new(tx.open_questions).strong());
            let mut any = false;
            for c in eval.open_criteria() {
                let Some(criterion) = fw.criterion(&c.criterion) else {
                    continue;
                };
                any = true;
                ui.label(RichText::new(criterion.name.get(lang)).underline());
                for q in &criterion.open_questions {
                    ui.horizontal_wrapped(|ui| {
                        ui.label("•");
                        ui.label(q.get(lang));
                    });
                }
            }
            if !any {
                ui.label(RichText::new(tx.no_open_questions).weak());
            }

            ui.add_space(14.0);
            ui.horizontal(|ui| {
                if ui.button(Command::History.label(t)).clicked() {
                    actions.push(Action::Run(Command::History));
                }
            });
            // The seed's big red button.
            ui.add_space(8.0);
            let label = RichText::new(Command::SavePdf.label(t))
                .size(17.0)
                .strong()
                .color(egui::Color32::WHITE);
            let button = egui::Button::new(label)
                .fill(PDF_RED)
                .min_size(egui::vec2(ui.available_width(), 44.0));
            if ui.add(button).clicked() {
                actions.push(Action::Run(Command::SavePdf));
            }
            ui.add_space(8.0);
        });
}
