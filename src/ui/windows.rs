//! The secondary windows: settings, trash, history, about and the batch export's progress.
//! Each reads what it shows and pushes actions; opening and closing is an action too.

use std::path::Path;

use egui::{Context, RichText, Ui};
use egui_plot::{Line, Plot, PlotPoints, Points};

use super::action::{Action, Window};
use super::cx::Cx;
use crate::app::Model;
use crate::domain::{Class, Lang};
use crate::i18n::{UiTexts, answer_label, criterion_name, language_name};
use crate::store::{PersonalSettings, ThemeChoice};

/// Which secondary windows are open.
#[derive(Default)]
pub struct OpenWindows {
    pub settings: bool,
    pub trash: bool,
    pub history: bool,
    pub about: bool,
}

impl OpenWindows {
    pub fn flag(&mut self, window: Window) -> &mut bool {
        match window {
            Window::Settings => &mut self.settings,
            Window::Trash => &mut self.trash,
            Window::History => &mut self.history,
            Window::About => &mut self.about,
        }
    }
}

/// What the secondary windows read.
pub struct WindowsInput<'a> {
    pub model: &'a Model,
    pub open: &'a OpenWindows,
    pub personal: &'a PersonalSettings,
    pub data_dir: &'a Path,
    /// The running batch export: (done, total).
    pub batch: Option<(usize, usize)>,
    /// The framework template picked in the settings, not yet used.
    pub framework_choice: Option<&'a crate::app::FrameworkDraft>,
}

/// One closable window; a click on its × becomes an action.
fn window(
    ctx: &Context,
    title: &str,
    which: Window,
    open: bool,
    configure: impl FnOnce(egui::Window<'_>) -> egui::Window<'_>,
    actions: &mut Vec<Action>,
    add: impl FnOnce(&mut Ui, &mut Vec<Action>),
) {
    if !open {
        return;
    }
    let mut still_open = true;
    configure(egui::Window::new(title))
        .open(&mut still_open)
        .collapsible(false)
        .show(ctx, |ui| add(ui, actions));
    if !still_open {
        actions.push(Action::ShowWindow(which, false));
    }
}

pub fn show_windows(ctx: &Context, cx: &Cx, input: &WindowsInput, actions: &mut Vec<Action>) {
    let t = cx.t;
    let open = input.open;
    window(
        ctx,
        t.cmd_settings,
        Window::Settings,
        open.settings,
        |w| w.resizable(false),
        actions,
        |ui, actions| settings(ui, cx, input, actions),
    );
    window(
        ctx,
        t.cmd_trash,
        Window::Trash,
        open.trash,
        |w| w.default_width(420.0),
        actions,
        |ui, actions| trash(ui, cx, input.model, actions),
    );
    window(
        ctx,
        t.cmd_history,
        Window::History,
        open.history && input.model.selected().is_some(),
        |w| w.default_width(520.0),
        actions,
        |ui, _| history(ui, cx, input.model),
    );
    if let Some((done, total)) = input.batch {
        batch_progress(ctx, t, done, total, actions);
    }
    window(
        ctx,
        t.cmd_about,
        Window::About,
        open.about,
        |w| w.resizable(false),
        actions,
        |ui, _| about(ui, t, input.data_dir),
    );
}

/// The batch export's progress, with a cancel button.
fn batch_progress(
    ctx: &Context,
    t: &UiTexts,
    done: usize,
    total: usize,
    actions: &mut Vec<Action>,
) {
    egui::Window::new(t.cmd_export_pdfs.trim_end_matches([' ', '…']))
        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
        .show(ctx, |ui| {
            let fraction = if total == 0 {
                1.0
            } else {
                done as f32 / total as f32
            };
            ui.add(
                egui::ProgressBar::new(fraction)
                    .desired_width(320.0)
                    .text(crate::i18n::fill(
                        t.batch_progress,
                        &[&done.to_string(), &total.to_string()],
                    )),
            );
            if ui.button(t.cancel).clicked() {
                actions.push(Action::CancelBatch);
            }
        });
}

fn about(ui: &mut Ui, t: &UiTexts, data_dir: &Path) {
    ui.label(RichText::new("LeadQ").size(22.0).strong());
    ui.label(format!(
        "Version {} · {}",
        crate::VERSION,
        crate::BUILD_DATE
    ));
    ui.label(t.about_text);
    ui.add_space(6.0);
    ui.label(RichText::new(format!("{}: {}", t.data_folder, data_dir.display())).small());
    // Which graphics interface draws the window (`renderer.rs`): what support asks first.
    if let Some(graphics) = super::renderer::running() {
        ui.label(RichText::new(format!("{}: {graphics}", t.about_graphics)).small());
    }
    ui.add_space(6.0);
    egui::CollapsingHeader::new(t.licences)
        .id_salt("about-licences")
        .show(ui, |ui| {
            ui.label(RichText::new(t.licences_intro).small());
            licences(ui);
        });
}

/// The licence notice (`crate::licenses()`, ~14,000 lines), laid out one line per row and only
/// the rows in view, so the open section costs no frame time.
fn licences(ui: &mut Ui) {
    static LINES: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    let lines = LINES.get_or_init(|| crate::licenses().lines().collect());
    let row_height = ui.text_style_height(&egui::TextStyle::Monospace);
    egui::ScrollArea::both()
        .max_height(320.0)
        .max_width(560.0)
        .min_scrolled_width(560.0)
        .auto_shrink([false, false])
        .show_rows(ui, row_height, lines.len(), |ui, rows| {
            for line in lines.get(rows).unwrap_or_default() {
                ui.add(egui::Label::new(RichText::new(*line).monospace()).extend());
            }
        });
}

fn settings(ui: &mut Ui, cx: &Cx, input: &WindowsInput, actions: &mut Vec<Action>) {
    let t = cx.t;
    let mut personal = input.personal.clone();
    egui::Grid::new("settings")
        .num_columns(2)
        .spacing([12.0, 8.0])
        .show(ui, |ui| {
            let label = ui.label(t.settings_language);
            let name = |l: Option<Lang>| l.map_or(t.system_language, language_name);
            egui::ComboBox::from_id_salt("language")
                .selected_text(name(personal.lang))
                .show_ui(ui, |ui| {
                    let choices = std::iter::once(None).chain(Lang::ALL.into_iter().map(Some));
                    for choice in choices {
                        if ui
                            .selectable_value(&mut personal.lang, choice, name(choice))
                            .clicked()
                        {
                            ui.close();
                        }
                    }
                })
                .response
                .labelled_by(label.id);
            ui.end_row();

            let label = ui.label(t.settings_theme);
            let name = |c: ThemeChoice| match c {
                ThemeChoice::System => t.theme_system,
                ThemeChoice::Light => t.theme_light,
                ThemeChoice::Dark => t.theme_dark,
            };
            egui::ComboBox::from_id_salt("theme")
                .selected_text(name(personal.theme))
                .show_ui(ui, |ui| {
                    for c in [ThemeChoice::System, ThemeChoice::Light, ThemeChoice::Dark] {
                        if ui
                            .selectable_value(&mut personal.theme, c, name(c))
                            .clicked()
                        {
                            ui.close();
                        }
                    }
                })
                .response
                .labelled_by(label.id);
            ui.end_row();
        });
    if &personal != input.personal {
        actions.push(Action::SetPersonal(personal));
    }
    ui.add_space(8.0);
    ui.separator();
    framework(ui, cx, input, actions);
    ui.add_space(8.0);
    ui.separator();
    class_rules(ui, cx, input.model, actions);
}

/// The team's framework: the templates to pick from, what a switch would do to the leads'
/// classes, and a button that makes the switch (for everyone on the folder).
fn framework(ui: &mut Ui, cx: &Cx, input: &WindowsInput, actions: &mut Vec<Action>) {
    use crate::domain::{template, template_of, templates};
    use crate::i18n::fill;
    let Cx { t, lang, .. } = *cx;
    let model = input.model;
    let current = template_of(model.framework()).map(|t| t.framework.id.as_str());
    let name =
        |id: &str| template(id).map_or(id.to_owned(), |t| t.framework.name.get(lang).to_owned());
    let label = ui.label(RichText::new(t.settings_framework).strong());
    ui.horizontal(|ui| {
        ui.label(fill(
            t.framework_current,
            &[model.framework().name.get(lang)],
        ));
        let edit = egui::Button::new(t.editor_open);
        if ui.add_enabled(!model.is_read_only(), edit).clicked() {
            actions.push(Action::EditFramework(Box::new(crate::domain::Template {
                framework: model.framework().clone(),
                rules: model.rules().clone(),
            })));
        }
    });
    let choice = input
        .framework_choice
        .map(|d| d.template().framework.id.as_str());
    let shown = choice.or(current).unwrap_or_default();
    let r = egui::ComboBox::from_id_salt("framework")
        .selected_text(name(shown))
        .width(260.0)
        .show_ui(ui, |ui| {
            for option in templates() {
                let id = option.framework.id.as_str();
                if ui.selectable_label(id == shown, name(id)).clicked() {
                    actions.push(Action::ChooseFramework(id.to_owned()));
                    ui.close();
                }
            }
        });
    let response = r.response.labelled_by(label.id);
    super::widgets::combo_value(&response, &name(shown));
    let Some(draft) = input.framework_choice.filter(|d| d.is_change(model)) else {
        return;
    };
    let chosen = draft.template();
    ui.label(RichText::new(chosen.framework.description.get(lang)).weak());
    let moved = draft.moved();
    ui.label(if moved == 0 {
        t.framework_no_effect.to_owned()
    } else {
        fill(
            t.framework_effect,
            &[&moved.to_string(), draft.moves(cx.lang)],
        )
    });
    ui.label(RichText::new(t.framework_hint).weak().small());
    let enabled = !model.is_read_only();
    let use_it = fill(t.framework_use, &[chosen.framework.name.get(lang)]);
    if ui.add_enabled(enabled, egui::Button::new(use_it)).clicked() {
        actions.push(Action::UseFramework(chosen.framework.id.clone()));
    }
}

/// The team's class rules: the score thresholds of A and B, and which Time answers an A needs.
fn class_rules(ui: &mut Ui, cx: &Cx, model: &Model, actions: &mut Vec<Action>) {
    let Cx { t, lang, .. } = *cx;
    ui.label(RichText::new(t.settings_rules).strong());
    let fw = model.framework();
    let mut rules = model.rules().clone();
    egui::Grid::new("rules")
        .num_columns(2)
        .spacing([12.0, 8.0])
        .show(ui, |ui| {
            for (class, text) in [(Class::A, t.settings_a_min), (Class::B, t.settings_b_min)] {
                if let Some(rule) = rules.rule_for_mut(class) {
                    let label = ui.label(text);
                    ui.add(egui::Slider::new(&mut rule.min_score, 0..=100))
                        .labelled_by(label.id);
                    ui.end_row();
                }
            }
        });
    if let Some(req) = rules
        .rule_for_mut(Class::A)
        .and_then(|r| r.require.first_mut())
        && let Some(criterion) = fw.criterion(&req.criterion)
    {
        ui.label(crate::i18n::fill(
            t.settings_soon,
            &[criterion.name.get(lang)],
        ));
        for option in criterion
            .options
            .iter()
            .filter(|o| o.id != crate::domain::UNKNOWN && !o.knockout)
        {
            let mut on = req.any_of.contains(&option.id);
            if ui.checkbox(&mut on, option.label.get(lang)).changed() {
                if on {
                    req.any_of.push(option.id.clone());
                } else {
                    req.any_of.retain(|a| a != &option.id);
                }
            }
        }
    }
    ui.label(RichText::new(t.settings_shared).small().weak());
    if &rules != model.rules() {
        actions.push(Action::SetRules(rules));
    }
}

fn trash(ui: &mut Ui, cx: &Cx, model: &Model, actions: &mut Vec<Action>) {
    let Cx { t, tx, .. } = *cx;
    let leads = model.trash();
    if leads.is_empty() {
        ui.label(RichText::new(t.trash_empty).weak());
        return;
    }
    egui::ScrollArea::vertical()
        .max_height(360.0)
        .show(ui, |ui| {
            egui::Grid::new("trash")
                .num_columns(3)
                .striped(true)
                .spacing([12.0, 6.0])
                .show(ui, |ui| {
                    for lead in leads {
                        let name = if lead.display_name().is_empty() {
                            tx.unnamed_lead
                        } else {
                            lead.display_name()
                        };
                        ui.label(RichText::new(name).strong());
                        ui.label(
                            RichText::new(lead.updated.strftime("%Y-%m-%d %H:%M").to_string())
                                .small()
                                .weak(),
                        );
                        if ui.button(t.restore).clicked() {
                            actions.push(Action::Restore(lead.id));
                        }
                        ui.end_row();
                    }
                });
        });
}

fn history(ui: &mut Ui, cx: &Cx, model: &Model) {
    let Cx { t, lang, .. } = *cx;
    let Some(entry) = model.selected() else {
        return;
    };
    let lead = &entry.lead;
    let fw = model.framework();
    ui.label(RichText::new(lead.display_name()).strong());
    if lead.history.is_empty() {
        ui.label(RichText::new(t.history_empty).weak());
        return;
    }
    let start = lead.created.as_second() as f64;
    let day = 86_400.0;
    let mut points: Vec<[f64; 2]> = vec![[0.0, 0.0]];
    points.extend(lead.history.iter().map(|h| {
        [
            (h.at.as_second() as f64 - start) / day,
            f64::from(h.score_after),
        ]
    }));
    let created = lead.created;
    Plot::new("score-history")
        .height(180.0)
        .include_y(0.0)
        .include_y(100.0)
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .x_axis_formatter(move |mark, _| {
            let secs = (mark.value * day) as i64;
            created
                .checked_add(jiff::SignedDuration::from_secs(secs))
                .map(|ts| ts.strftime("%d.%m.").to_string())
                .unwrap_or_default()
        })
        .show(ui, |plot| {
            plot.line(Line::new(t.history_chart, PlotPoints::from(points.clone())).width(2.0));
            plot.points(Points::new("", PlotPoints::from(points)).radius(3.0));
        });
    ui.add_space(6.0);
    egui::ScrollArea::vertical()
        .max_height(200.0)
        .show(ui, |ui| {
            egui::Grid::new("changes")
                .num_columns(3)
                .striped(true)
                .spacing([12.0, 4.0])
                .show(ui, |ui| {
                    for h in lead.history.iter().rev() {
                        ui.label(
                            RichText::new(h.at.strftime("%Y-%m-%d %H:%M").to_string()).small(),
                        );
                        ui.label(format!(
                            "{}: {} → {}",
                            criterion_name(fw, lang, &h.criterion),
                            answer_label(fw, lang, &h.criterion, &h.from),
                            answer_label(fw, lang, &h.criterion, &h.to)
                        ));
                        ui.label(RichText::new(h.score_after.to_string()).strong());
                        ui.end_row();
                    }
                });
        });
}
