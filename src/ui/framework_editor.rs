//! The framework editor (Settings → Edit framework…): the team's criteria, their answers with
//! points and knockouts, questions and open questions in German and English, and the class
//! rules — edited as a draft. Before saving it shows what the change does to the team's leads
//! ("3 leads change class: A 1 → 0, …") and every problem of the draft with what to fix; Save
//! is possible only without problems, and makes the draft the folder's framework (the worker
//! writes both files). Export… saves the draft as one `.ron` file to mail to the team; Import…
//! reads such a file in as the draft. The effect and problems are counted when the draft
//! changes ([`FrameworkDraft`]), not here in every frame.

use egui::{Context, DragValue, RichText, TextEdit, Ui};

use super::action::Action;
use super::cx::Cx;
use crate::app::{FrameworkDraft, Model};
use crate::domain::{AnswerOption, Class, Criterion, Lang, Template, Text, UNKNOWN};
use crate::i18n::{fill, framework_problem};

pub fn framework_editor(
    ctx: &Context,
    cx: &Cx,
    model: &Model,
    draft: &FrameworkDraft,
    busy: bool,
    actions: &mut Vec<Action>,
) {
    let mut edited = draft.template().clone();
    let mut open = true;
    egui::Window::new(cx.t.editor_title)
        .open(&mut open)
        .collapsible(false)
        .default_size([760.0, 560.0])
        .show(ctx, |ui| {
            summary(ui, cx, model, draft, busy, actions);
            ui.separator();
            egui::ScrollArea::vertical()
                .id_salt("framework-editor")
                .show(ui, |ui| {
                    text_pair(ui, cx.t.editor_name, "name", &mut edited.framework.name);
                    criteria(ui, cx, &mut edited.framework.criteria);
                    ui.separator();
                    rules(ui, cx, &mut edited);
                });
        });
    if !open {
        actions.push(Action::CloseFrameworkEditor);
    } else if edited != *draft.template() {
        actions.push(Action::EditFramework(Box::new(edited)));
    }
}

/// What saving would do, the draft's problems, Save / Cancel, and the draft as a file.
fn summary(
    ui: &mut Ui,
    cx: &Cx,
    model: &Model,
    draft: &FrameworkDraft,
    busy: bool,
    actions: &mut Vec<Action>,
) {
    let t = cx.t;
    let problems = draft.problems();
    for problem in problems {
        let text = framework_problem(cx.lang, problem, Some(&draft.template().framework));
        ui.colored_label(ui.visuals().error_fg_color, text);
    }
    if problems.is_empty() {
        let moved = draft.moved();
        ui.label(if moved == 0 {
            t.editor_no_effect.to_owned()
        } else {
            fill(t.editor_effect, &[&moved.to_string(), draft.moves(cx.lang)])
        });
    }
    ui.horizontal(|ui| {
        let save = egui::Button::new(t.editor_save);
        if ui.add_enabled(draft.can_save(model), save).clicked() {
            actions.push(Action::SaveFramework);
        }
        if ui.button(t.cancel).clicked() {
            actions.push(Action::CloseFrameworkEditor);
        }
        ui.separator();
        let export = ui
            .add_enabled(!busy, egui::Button::new(t.editor_export))
            .on_hover_text(t.editor_export_hint);
        if export.clicked() {
            actions.push(Action::ExportFramework);
        }
        let import = ui
            .add_enabled(
                !busy && !model.is_read_only(),
                egui::Button::new(t.editor_import),
            )
            .on_hover_text(t.editor_import_hint);
        if import.clicked() {
            actions.push(Action::ImportFramework);
        }
    });
}

/// A text in both languages, each field named for a screen reader by `label` and the language.
fn text_pair(ui: &mut Ui, label: &str, salt: &str, text: &mut Text) {
    ui.horizontal(|ui| {
        for (lang, value) in [(Lang::De, &mut text.de), (Lang::En, &mut text.en)] {
            let name = format!("{label} ({})", lang.code().to_uppercase());
            ui.label(RichText::new(&name).small());
            let r = ui.add(
                TextEdit::singleline(value)
                    .id_salt((salt, lang.code()))
                    .desired_width(200.0),
            );
            named(&r, &name);
        }
    });
}

/// Gives a widget its accessible name (the editor has many fields of one kind).
fn named(response: &egui::Response, name: &str) {
    response.ctx.accesskit_node_builder(response.id, |node| {
        node.set_label(name.to_owned());
    });
}

/// Moves item `i` one up (`-1`) or down (`1`), removes it (`0`): what a row's buttons ask.
fn arrange<T>(items: &mut Vec<T>, i: usize, how: i8) {
    match how {
        0 if i < items.len() => {
            items.remove(i);
        }
        -1 if i > 0 && i < items.len() => items.swap(i, i - 1),
        1 if i + 1 < items.len() => items.swap(i, i + 1),
        _ => {}
    }
}

/// ↑ ↓ ✕ for one row; returns what was clicked (see [`arrange`]).
fn row_buttons(ui: &mut Ui, cx: &Cx, what: &str) -> Option<i8> {
    let mut how = None;
    for (symbol, tip, h) in [
        ("↑", cx.t.editor_up, -1),
        ("↓", cx.t.editor_down, 1),
        ("✕", cx.t.editor_remove, 0),
    ] {
        let r = ui.small_button(symbol).on_hover_text(tip);
        named(&r, &format!("{tip}: {what}"));
        if r.clicked() {
            how = Some(h);
        }
    }
    how
}

fn criteria(ui: &mut Ui, cx: &Cx, list: &mut Vec<Criterion>) {
    let lang = cx.lang;
    let mut arranged = None;
    for (i, criterion) in list.iter_mut().enumerate() {
        let title = criterion.name.get(lang).to_owned();
        egui::CollapsingHeader::new(RichText::new(&title).strong())
            .id_salt(("criterion", i))
            .default_open(i == 0)
            .show(ui, |ui| {
                ui.horizontal(|ui| {
                    ui.label(cx.t.editor_id);
                    let r = ui.add(TextEdit::singleline(&mut criterion.id).desired_width(140.0));
                    named(&r, &format!("{}: {title}", cx.t.editor_id));
                    if let Some(how) = row_buttons(ui, cx, &title) {
                        arranged = Some((i, how));
                    }
                });
                text_pair(
                    ui,
                    cx.t.editor_name,
                    &format!("c{i}-name"),
                    &mut criterion.name,
                );
                let q = format!("c{i}-question");
                text_pair(ui, cx.t.editor_question, &q, &mut criterion.question);
                answers(ui, cx, &title, &mut criterion.options);
                open_questions(ui, cx, i, &mut criterion.open_questions);
            });
    }
    if let Some((i, how)) = arranged {
        arrange(list, i, how);
    }
    if ui.button(cx.t.editor_add_criterion).clicked() {
        let n = list.len() + 1;
        list.push(Criterion {
            id: format!("criterion_{n}"),
            name: Text::new(&format!("Kriterium {n}"), &format!("Criterion {n}")),
            question: Text::default(),
            options: vec![
                option(UNKNOWN, "ungeklärt", "unknown", 0),
                option("yes", "ja", "yes", 10),
            ],
            open_questions: Vec::new(),
        });
    }
}

fn option(id: &str, de: &str, en: &str, points: u32) -> AnswerOption {
    AnswerOption {
        id: id.to_owned(),
        label: Text::new(de, en),
        points,
        knockout: false,
    }
}

/// Column widths of the answers: id, German, English, points, knockout.
const COLUMNS: [f32; 5] = [110.0, 170.0, 170.0, 56.0, 40.0];

/// The answers of one criterion: id, labels, points, knockout. `unknown` stays first and fixed.
fn answers(ui: &mut Ui, cx: &Cx, criterion: &str, options: &mut Vec<AnswerOption>) {
    let t = cx.t;
    let mut arranged = None;
    ui.horizontal(|ui| {
        for (head, width) in [t.editor_id, "DE", "EN", t.editor_points, t.editor_knockout]
            .into_iter()
            .zip(COLUMNS)
        {
            ui.add_sized(
                [width, 14.0],
                egui::Label::new(RichText::new(head).small().weak()),
            );
        }
    });
    for (i, option) in options.iter_mut().enumerate() {
        let what = format!("{criterion} – {}", option.label.get(cx.lang));
        ui.horizontal(|ui| {
            if option.id == UNKNOWN && i == 0 {
                let cells = [UNKNOWN, &option.label.de, &option.label.en, "0", ""];
                for (text, width) in cells.into_iter().zip(COLUMNS) {
                    ui.add_sized([width, 18.0], egui::Label::new(RichText::new(text).weak()));
                }
                return;
            }
            let r = ui.add_sized([COLUMNS[0], 18.0], TextEdit::singleline(&mut option.id));
            named(&r, &format!("{}: {what}", t.editor_id));
            for (code, text, width) in [
                ("DE", &mut option.label.de, COLUMNS[1]),
                ("EN", &mut option.label.en, COLUMNS[2]),
            ] {
                let r = ui.add_sized([width, 18.0], TextEdit::singleline(text));
                named(&r, &format!("{code}: {what}"));
            }
            let r = ui.add_sized(
                [COLUMNS[3], 18.0],
                DragValue::new(&mut option.points).range(0..=1000),
            );
            named(&r, &format!("{}: {what}", t.editor_points));
            let r = ui.add_sized(
                [COLUMNS[4], 18.0],
                egui::Checkbox::without_text(&mut option.knockout),
            );
            named(&r, &format!("{}: {what}", t.editor_knockout));
            if let Some(how) = row_buttons(ui, cx, &what) {
                arranged = Some((i, how));
            }
        });
    }
    // `unknown` keeps its place: nothing moves above it, and it is not removed here.
    if let Some((i, how)) = arranged
        && !(how == -1 && i == 1)
    {
        arrange(options, i, how);
    }
    if ui.small_button(t.editor_add_answer).clicked() {
        let n = options.len();
        options.push(option(&format!("answer_{n}"), "", "", 0));
    }
}

fn open_questions(ui: &mut Ui, cx: &Cx, c: usize, questions: &mut Vec<Text>) {
    ui.label(RichText::new(cx.t.editor_open_questions).small().weak());
    let mut removed = None;
    for (i, q) in questions.iter_mut().enumerate() {
        ui.horizontal(|ui| {
            text_pair(ui, cx.t.editor_open_question, &format!("c{c}-q{i}"), q);
            if ui
                .small_button("✕")
                .on_hover_text(cx.t.editor_remove)
                .clicked()
            {
                removed = Some(i);
            }
        });
    }
    if let Some(i) = removed {
        questions.remove(i);
    }
    if ui.small_button(cx.t.editor_add_question).clicked() {
        questions.push(Text::default());
    }
}

/// The class rules: the minimum score of A and B, and which answers of which criterion an A
/// needs (or none).
fn rules(ui: &mut Ui, cx: &Cx, draft: &mut Template) {
    let t = cx.t;
    ui.label(RichText::new(t.settings_rules).strong());
    for (class, text) in [(Class::A, t.settings_a_min), (Class::B, t.settings_b_min)] {
        if let Some(rule) = draft.rules.rule_for_mut(class) {
            ui.horizontal(|ui| {
                let label = ui.label(text);
                ui.add(egui::Slider::new(&mut rule.min_score, 0..=100))
                    .labelled_by(label.id);
            });
        }
    }
    let Some(rule) = draft.rules.rule_for_mut(Class::A) else {
        return;
    };
    let criteria = &draft.framework.criteria;
    let current = rule.require.first().map(|r| r.criterion.clone());
    let name = |id: &Option<String>| {
        id.as_ref()
            .and_then(|id| criteria.iter().find(|c| &c.id == id))
            .map_or(t.editor_no_requirement.to_owned(), |c| {
                c.name.get(cx.lang).to_owned()
            })
    };
    ui.horizontal(|ui| {
        let label = ui.label(t.editor_a_needs);
        let mut picked = current.clone();
        egui::ComboBox::from_id_salt("a-needs")
            .selected_text(name(&current))
            .show_ui(ui, |ui| {
                let choices =
                    std::iter::once(None).chain(criteria.iter().map(|c| Some(c.id.clone())));
                for choice in choices {
                    let text = name(&choice);
                    ui.selectable_value(&mut picked, choice, text);
                }
            })
            .response
            .labelled_by(label.id);
        if picked != current {
            rule.require = picked
                .map(|criterion| crate::domain::AnswerRequirement {
                    criterion,
                    any_of: Vec::new(),
                })
                .into_iter()
                .collect();
        }
    });
    if let Some(req) = rule.require.first_mut()
        && let Some(criterion) = criteria.iter().find(|c| c.id == req.criterion)
    {
        for option in criterion
            .options
            .iter()
            .filter(|o| o.id != UNKNOWN && !o.knockout)
        {
            let mut on = req.any_of.contains(&option.id);
            if ui.checkbox(&mut on, option.label.get(cx.lang)).changed() {
                if on {
                    req.any_of.push(option.id.clone());
                } else {
                    req.any_of.retain(|a| a != &option.id);
                }
            }
        }
    }
}
