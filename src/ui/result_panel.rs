//! The result: score gauge, class with reason, BANT overview, open questions, what-if — and the
//! big red PDF button, which sits outside the scrolling part so it is always in sight.

use egui::{RichText, Ui};

use super::action::Action;
use super::commands::Command;
use super::cx::Cx;
use super::layout::ResultPlace;
use super::theme::{PDF_RED, class_color, state_color};
use super::widgets::{class_badge, points_bar, score_gauge};
use crate::app::Model;
use crate::domain::{Classification, Evaluation, Framework, Lang, WhatIf};
use crate::i18n::{
    Texts, UiTexts, class_meaning, describe_reason, describe_rule, describe_what_if, fill,
};

/// What every part of the result panel reads, gathered once per frame.
struct View<'a> {
    t: &'static UiTexts,
    tx: &'static Texts,
    lang: Lang,
    fw: &'a Framework,
    rules: &'a Classification,
    eval: &'a Evaluation,
    hint: Option<&'a WhatIf>,
    /// The criterion whose open questions are unfolded.
    focus: Option<&'a str>,
}

pub fn result_panel(
    ui: &mut Ui,
    cx: &Cx,
    model: &Model,
    place: ResultPlace,
    actions: &mut Vec<Action>,
) {
    // Worked out once per change of the lead by `Model::refresh`, before every frame.
    let Some(eval) = model.selected_evaluation() else {
        return;
    };
    let view = View {
        t: cx.t,
        tx: cx.tx,
        lang: cx.lang,
        fw: model.framework(),
        rules: model.rules(),
        eval,
        hint: model.selected_what_if(),
        focus: model.focus_criterion(),
    };
    match place {
        ResultPlace::Side => side(ui, &view, actions),
        ResultPlace::Top => top(ui, &view, actions),
    }
}

/// The column beside the form: the headline on top, the details scrolling in the middle, the
/// buttons fixed at the bottom edge.
fn side(ui: &mut Ui, v: &View, actions: &mut Vec<Action>) {
    egui::Panel::bottom("result-buttons")
        .show_separator_line(true)
        .show(ui, |ui| {
            ui.add_space(6.0);
            history_button(ui, v.t, actions);
            ui.add_space(4.0);
            ui.horizontal(|ui| {
                let width =
                    (ui.available_width() - PRINT_W - ui.spacing().item_spacing.x).max(120.0);
                pdf_button(ui, v.t, width, actions);
                print_button(ui, v.t, actions);
            });
            ui.add_space(6.0);
        });
    let compact = super::layout::compact(ui.ctx().content_rect().height());
    ui.add_space(if compact { 4.0 } else { 8.0 });
    headline(ui, v, if compact { 84.0 } else { 120.0 });
    ui.add_space(6.0);
    reason(ui, v);
    ui.add_space(4.0);
    egui::ScrollArea::vertical()
        .auto_shrink(false)
        .show(ui, |ui| details(ui, v));
}

/// The band above the form on a narrow window: headline and reason left, the PDF button right,
/// the details folded underneath.
fn top(ui: &mut Ui, v: &View, actions: &mut Vec<Action>) {
    const BUTTONS: f32 = 210.0;
    ui.add_space(4.0);
    let left = (ui.available_width() - BUTTONS - 12.0).max(200.0);
    ui.horizontal_top(|ui| {
        ui.vertical(|ui| {
            ui.set_width(left);
            headline(ui, v, 72.0);
            reason(ui, v);
        });
        ui.add_space(6.0);
        ui.vertical(|ui| {
            ui.set_width(BUTTONS);
            pdf_button(ui, v.t, BUTTONS, actions);
            ui.horizontal(|ui| {
                history_button(ui, v.t, actions);
                print_button(ui, v.t, actions);
            });
        });
    });
    egui::CollapsingHeader::new(v.t.details)
        .id_salt("result-details")
        .show(ui, |ui| {
            egui::ScrollArea::vertical()
                .max_height((ui.ctx().content_rect().height() * 0.35).max(120.0))
                .auto_shrink([false, true])
                .show(ui, |ui| details(ui, v));
        });
    ui.add_space(4.0);
}

/// Gauge, badge, class name, "provisional" and what the class means. The whole headline is a
/// polite live region, so a screen reader says "Score 68, Klasse B, vorläufig" after an answer.
fn headline(ui: &mut Ui, v: &View, gauge: f32) {
    let eval = v.eval;
    if !eval.rated {
        return not_rated_headline(ui, v, gauge);
    }
    let mut summary = format!(
        "{} {}, {} {}",
        v.tx.score,
        eval.score,
        v.tx.class,
        eval.class.letter()
    );
    if eval.provisional {
        summary = format!("{summary}, {}", v.tx.provisional);
    }
    ui.horizontal(|ui| {
        score_gauge(
            ui,
            Some(eval.score),
            eval.class,
            gauge,
            &format!("{} {}", v.tx.score, eval.score),
        );
        ui.add_space(6.0);
        ui.vertical(|ui| {
            ui.add_space(gauge * 0.08);
            ui.horizontal(|ui| {
                class_badge(
                    ui,
                    eval.class,
                    gauge * 0.36,
                    &format!("{} {}", v.tx.class, eval.class.letter()),
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
                            RichText::new(fill(v.t.provisional_open, &[&open, &all]))
                                .color(super::theme::AMBER),
                        );
                    }
                });
            });
            ui.label(RichText::new(class_meaning(v.lang, eval.class)).weak());
        });
    });
    live_region(ui, summary);
}

/// A polite live region saying `text`: assistive technology announces it when the text
/// changes, without interrupting. It takes no room and holds nothing else, so only the summary
/// is announced, not every label around it.
fn live_region(ui: &mut Ui, text: String) {
    let (_, response) =
        ui.allocate_exact_size(egui::vec2(ui.available_width(), 0.0), egui::Sense::hover());
    ui.ctx().accesskit_node_builder(response.id, |node| {
        node.set_role(egui::accesskit::Role::Status);
        node.set_live(egui::accesskit::Live::Polite);
        node.set_label(text);
    });
}

/// A blank lead is not judged: an empty grey gauge and "noch nicht bewertet", no class, no
/// colour that says "bad" before a single question was asked.
fn not_rated_headline(ui: &mut Ui, v: &View, gauge: f32) {
    let eval = v.eval;
    let title = capitalised(v.tx.not_rated);
    ui.horizontal(|ui| {
        score_gauge(ui, None, eval.class, gauge, &format!("{} –", v.tx.score));
        ui.add_space(6.0);
        ui.vertical(|ui| {
            ui.add_space(gauge * 0.08);
            ui.label(RichText::new(&title).strong().size(18.0).weak());
        });
    });
    live_region(ui, format!("{} –, {}", v.tx.score, v.tx.not_rated));
}

/// "Noch nicht bewertet" from "noch nicht bewertet".
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Why the lead has its class, framed in the class colour; for a blank lead, grey, what makes a
/// class appear.
fn reason(ui: &mut Ui, v: &View) {
    let Some(class) = v.eval.rated_class() else {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(RichText::new(describe_reason(v.fw, v.rules, v.lang, v.eval)).weak());
        });
        return;
    };
    egui::Frame::group(ui.style())
        .stroke(egui::Stroke::new(1.0, class_color(class)))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.label(RichText::new(v.tx.reason).small().weak());
            // The sentence in words; the exact rule, for whoever set the rules, on hover (put
            // into words only then, not in every frame).
            let reason = ui
                .label(describe_reason(v.fw, v.rules, v.lang, v.eval))
                .on_hover_ui(|ui| {
                    ui.label(describe_rule(v.fw, v.rules, v.lang, v.eval));
                });
            // Announced politely when it changes, like the headline.
            ui.ctx().accesskit_node_builder(reason.id, |node| {
                node.set_live(egui::accesskit::Live::Polite);
            });
        });
}

/// The scrolling part: BANT overview, what-if, open questions.
fn details(ui: &mut Ui, v: &View) {
    ui.add_space(6.0);
    overview(ui, v);
    ui.add_space(10.0);
    // A what-if needs a class to raise: none for a blank lead.
    if v.eval.rated {
        ui.label(RichText::new(v.tx.what_if).strong());
        match &v.hint {
            Some(w) => ui.label(describe_what_if(v.fw, v.lang, w)),
            None => ui.label(RichText::new(v.tx.no_what_if).weak()),
        };
        ui.add_space(10.0);
    }
    open_questions(ui, v);
    ui.add_space(8.0);
}

/// One row per criterion: name, points bar with the answer, points of max.
fn overview(ui: &mut Ui, v: &View) {
    ui.label(RichText::new(fill(v.tx.overview_by, &[v.fw.name.get(v.lang)])).strong());
    egui::Grid::new("overview")
        .num_columns(3)
        .spacing([8.0, 6.0])
        .show(ui, |ui| {
            for c in &v.eval.criteria {
                let Some(criterion) = v.fw.criterion(&c.criterion) else {
                    continue;
                };
                ui.label(criterion.name.get(v.lang));
                ui.vertical(|ui| {
                    let fraction = if c.max_points == 0 {
                        0.0
                    } else {
                        c.points as f32 / c.max_points as f32
                    };
                    points_bar(ui, fraction, state_color(c.state), 120.0);
                    let answer = criterion
                        .option(&c.answer)
                        .map_or(c.answer.as_str(), |o| o.label.get(v.lang));
                    ui.label(RichText::new(answer).small().color(state_color(c.state)));
                });
                ui.label(format!("{}/{}", c.points, c.max_points));
                ui.end_row();
            }
        });
}

/// The questions for the next call, one fold per unknown criterion: the one the rep works on
/// is open, the others show their name and how many questions they hold.
fn open_questions(ui: &mut Ui, v: &View) {
    ui.label(RichText::new(v.tx.open_questions).strong());
    let mut any = false;
    for c in v.eval.open_criteria() {
        let Some(criterion) = v.fw.criterion(&c.criterion) else {
            continue;
        };
        any = true;
        let focused = v.focus == Some(c.criterion.as_str());
        let name = criterion.name.get(v.lang);
        let title = match criterion.open_questions.len() {
            1 => fill(v.t.open_questions_of.0, &[name]),
            n => fill(v.t.open_questions_of.1, &[name, &n.to_string()]),
        };
        // Keyed by the focus, so the fold opens again when the rep moves on to a criterion.
        egui::CollapsingHeader::new(title)
            .id_salt(("open-questions", &c.criterion, v.focus))
            .default_open(focused)
            .show(ui, |ui| {
                for q in &criterion.open_questions {
                    ui.horizontal_wrapped(|ui| {
                        ui.label("•");
                        ui.label(q.get(v.lang));
                    });
                }
            });
    }
    if !any {
        ui.label(RichText::new(v.tx.no_open_questions).weak());
    }
}

fn history_button(ui: &mut Ui, t: &UiTexts, actions: &mut Vec<Action>) {
    if ui.button(Command::History.label(t)).clicked() {
        actions.push(Action::Run(Command::History));
    }
}

/// Width of the Print button beside the PDF button.
const PRINT_W: f32 = 84.0;

/// "Print", smaller than the PDF button beside it (the red button stays the one big action);
/// Ctrl+P does the same.
fn print_button(ui: &mut Ui, t: &UiTexts, actions: &mut Vec<Action>) {
    let label = crate::i18n::print_texts(t.lang).print_button;
    let button =
        egui::Button::new(label).min_size(egui::vec2(PRINT_W.min(ui.available_width()), 0.0));
    if ui.add(button).clicked() {
        actions.push(Action::Run(Command::Print));
    }
}

/// The big red "save as PDF" button (Ctrl+S does the same).
fn pdf_button(ui: &mut Ui, t: &UiTexts, width: f32, actions: &mut Vec<Action>) {
    let label = RichText::new(Command::SavePdf.label(t))
        .size(17.0)
        .strong()
        .color(egui::Color32::WHITE);
    let button = egui::Button::new(label)
        .fill(PDF_RED)
        .min_size(egui::vec2(width, 40.0));
    if ui.add(button).clicked() {
        actions.push(Action::Run(Command::SavePdf));
    }
}
