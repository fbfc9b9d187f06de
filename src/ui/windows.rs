//! The secondary windows: settings, trash, history and about.

use egui::{Context, RichText, Ui};
use egui_plot::{Line, Plot, PlotPoints, Points};

use super::app::{Action, LeadqApp};
use crate::domain::{Class, Lang};
use crate::i18n::{UiTexts, answer_label, criterion_name, texts};
use crate::store::ThemeChoice;

pub fn show_windows(
    ctx: &Context,
    t: &UiTexts,
    lang: Lang,
    app: &mut LeadqApp,
    actions: &mut Vec<Action>,
) {
    let mut open = app.windows.settings;
    egui::Window::new(t.cmd_settings)
        .open(&mut open)
        .resizable(false)
        .collapsible(false)
        .show(ctx, |ui| {
            settings(ui, t, app, actions);
        });
    app.windows.settings = open;

    let mut open = app.windows.trash;
    egui::Window::new(t.cmd_trash)
        .open(&mut open)
        .default_width(420.0)
        .collapsible(false)
        .show(ctx, |ui| {
            trash(ui, t, lang, app, actions);
        });
    app.windows.trash = open;

    let mut open = app.windows.history && app.model.selected().is_some();
    egui::Window::new(t.cmd_history)
        .open(&mut open)
        .default_width(520.0)
        .collapsible(false)
        .show(ctx, |ui| {
            history(ui, t, lang, app);
        });
    app.windows.history = open;

    if let Some(run) = &app.batch {
        egui::Window::new(t.cmd_export_pdfs.trim_end_matches([' ', '…']))
            .collapsible(false)
            .resizable(false)
            .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
            .show(ctx, |ui| {
                let (done, total) = (run.done(), run.total);
                let fraction = if total == 0 {
                    1.0
                } else {
                    done as f32 / total as f32
                };
                ui.add(egui::ProgressBar::new(fraction).desired_width(320.0).text(
                    crate::i18n::fill(t.batch_progress, &[&done.to_string(), &total.to_string()]),
                ));
                if ui.button(t.cancel).clicked() {
                    run.cancel();
                }
            });
    }

    let mut open = app.windows.about;
    egui::Window::new(t.cmd_about)
        .open(&mut open)
        .resizable(false)
        .collapsible(false)
        .show(ctx, |ui| {
            ui.label(RichText::new("LeadQ").size(22.0).strong());
            ui.label(format!(
                "Version {} · {}",
                crate::VERSION,
                crate::BUILD_DATE
            ));
            ui.label(t.about_text);
            ui.add_space(6.0);
            ui.label(
                RichText::new(format!("{}: {}", t.data_folder, app.data_dir.display())).small(),
            );
            ui.add_space(6.0);
            egui::CollapsingHeader::new(t.licences)
                .id_salt("about-licences")
                .show(ui, |ui| {
                    ui.label(RichText::new(t.licences_intro).small());
                    licences(ui);
                });
        });
    app.windows.about = open;
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

fn settings(ui: &mut Ui, t: &UiTexts, app: &LeadqApp, actions: &mut Vec<Action>) {
    let mut personal = app.personal.clone();
    egui::Grid::new("settings")
        .num_columns(2)
        .spacing([12.0, 8.0])
        .show(ui, |ui| {
            let label = ui.label(t.settings_language);
            let text = match personal.lang {
                None => t.system_language,
                Some(Lang::De) => "Deutsch",
                Some(Lang::En) => "English",
            };
            egui::ComboBox::from_id_salt("language")
                .selected_text(text)
                .show_ui(ui, |ui| {
                    if ui
                        .selectable_value(&mut personal.lang, None, t.system_language)
                        .clicked()
                    {
                        ui.close();
                    }
                    if ui
                        .selectable_value(&mut personal.lang, Some(Lang::De), "Deutsch")
                        .clicked()
                    {
                        ui.close();
                    }
                    if ui
                        .selectable_value(&mut personal.lang, Some(Lang::En), "English")
                        .clicked()
                    {
                        ui.close();
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
    if personal != app.personal {
        actions.push(Action::SetPersonal(personal));
    }

    ui.add_space(8.0);
    ui.separator();
    ui.label(RichText::new(t.settings_rules).strong());
    let fw = app.model.framework();
    let mut rules = app.model.rules().clone();
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
    let lang = app.lang();
    if let Some(req) = rules
        .rule_for_mut(Class::A)
        .and_then(|r| r.require.first_mut())
    {
        ui.label(t.settings_soon);
        if let Some(criterion) = fw.criterion(&req.criterion) {
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
    }
    ui.label(RichText::new(t.settings_shared).small().weak());
    if &rules != app.model.rules() {
        actions.push(Action::SetRules(rules));
    }
}

fn trash(ui: &mut Ui, t: &UiTexts, lang: Lang, app: &LeadqApp, actions: &mut Vec<Action>) {
    let leads = app.model.trash();
    if leads.is_empty() {
        ui.label(RichText::new(t.trash_empty).weak());
        return;
    }
    let tx = texts(lang);
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

fn history(ui: &mut Ui, t: &UiTexts, lang: Lang, app: &LeadqApp) {
    let Some(entry) = app.model.selected() else {
        return;
    };
    let lead = &entry.lead;
    let fw = app.model.framework();
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
