//! The middle of the window: step 1 general info, step 2 the BANT criteria.

use egui::{RichText, TextEdit, Ui};
use jiff::ToSpan;
use jiff::civil::Date;
use uuid::Uuid;

use super::app::Action;
use crate::app::{Edit, Model};
use crate::domain::{Lang, Lead, Source, Stage, format_revenue, parse_revenue};
use crate::i18n::{UiTexts, fill, revenue_error, source_label, stage_label, texts};

/// Text the rep is typing that is not yet a valid value: kept here, never written as 0.
#[derive(Default)]
pub struct FormState {
    synced: Option<(Uuid, u64)>,
    revenue: String,
    revenue_error: Option<String>,
    follow_up: String,
    follow_up_error: bool,
}

impl FormState {
    fn sync(&mut self, lead: &Lead, revision: u64, lang: Lang) {
        if self.synced == Some((lead.id, revision)) {
            return;
        }
        self.synced = Some((lead.id, revision));
        self.revenue = lead
            .revenue_meur
            .map(|r| plain_revenue(r, lang))
            .unwrap_or_default();
        self.revenue_error = None;
        self.follow_up = lead
            .follow_up
            .map(|d| format_date(d, lang))
            .unwrap_or_default();
        self.follow_up_error = false;
    }
}

fn plain_revenue(value: f64, lang: Lang) -> String {
    let text = value.to_string();
    if texts(lang).decimal_comma {
        text.replace('.', ",")
    } else {
        text
    }
}

fn format_date(d: Date, lang: Lang) -> String {
    crate::i18n::format_date(lang, d)
}

/// Accepts `2026-12-31` and `31.12.2026`; empty means no date.
pub fn parse_date(s: &str) -> Result<Option<Date>, ()> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    if let Ok(d) = s.parse::<Date>() {
        return Ok(Some(d));
    }
    Date::strptime("%d.%m.%Y", s).map(Some).map_err(|_| ())
}

/// A label in the left column and the widget in the right, linked for screen readers.
fn row(ui: &mut Ui, label: &str, add: impl FnOnce(&mut Ui) -> egui::Response) -> egui::Response {
    let label = ui.label(label);
    let response = add(ui).labelled_by(label.id);
    ui.end_row();
    response
}

/// A labelled drop-down in the form grid; returns the value the rep picked, if any.
fn choice_row<T: Copy + PartialEq>(
    ui: &mut Ui,
    label: &str,
    id: &str,
    width: f32,
    current: T,
    all: &[T],
    name: impl Fn(T) -> &'static str,
) -> Option<T> {
    let label = ui.label(label);
    let mut picked = None;
    let r = egui::ComboBox::from_id_salt(id)
        .selected_text(name(current))
        .width(width)
        .show_ui(ui, |ui| {
            for &v in all {
                if ui.selectable_label(current == v, name(v)).clicked() {
                    picked = Some(v);
                    // Also when the pick came through the accessibility bus, not the mouse.
                    ui.close();
                }
            }
        });
    let response = r.response.labelled_by(label.id);
    super::widgets::combo_value(&response, name(current));
    ui.end_row();
    picked
}

pub fn form_panel(
    ui: &mut Ui,
    t: &UiTexts,
    lang: Lang,
    model: &Model,
    form: &mut FormState,
    focus_company: &mut bool,
    actions: &mut Vec<Action>,
) {
    let Some(entry) = model.selected() else {
        ui.centered_and_justified(|ui| ui.label(RichText::new(t.no_lead_selected).weak()));
        return;
    };
    let lead = &entry.lead;
    let id = lead.id;
    let editable = model.can_edit(id);
    form.sync(lead, model.revision(), lang);
    let tx = texts(lang);
    let mut edit = |e: Edit| actions.push(Action::Edit(id, e));

    egui::ScrollArea::vertical()
        .auto_shrink(false)
        .show(ui, |ui| {
            if !editable {
                // Another window writes to the folder, or the file is from a newer LeadQ.
                if !model.is_read_only() {
                    ui.colored_label(super::theme::AMBER, t.newer_lead_note);
                }
                ui.disable();
            }
            // Fields take what the label column leaves, so nothing runs off at 1024 px.
            let field_width = (ui.available_width() - 150.0).clamp(180.0, 520.0);
            ui.add_space(4.0);
            ui.heading(t.step_general);
            ui.add_space(6.0);
            egui::Grid::new("general")
                .num_columns(2)
                .spacing([12.0, 8.0])
                .striped(false)
                .show(ui, |ui| {
                    let mut text_row = |ui: &mut Ui,
                                        label: &str,
                                        value: &str,
                                        make: fn(String) -> Edit,
                                        focus: bool| {
                        let mut s = value.to_owned();
                        let r = row(ui, label, |ui| {
                            ui.add(TextEdit::singleline(&mut s).desired_width(field_width))
                        });
                        if focus {
                            r.request_focus();
                        }
                        if r.changed() {
                            edit(make(s));
                        }
                    };
                    text_row(
                        ui,
                        tx.company,
                        &lead.company,
                        Edit::Company,
                        std::mem::take(focus_company),
                    );
                    text_row(ui, tx.contact, &lead.contact, Edit::Contact, false);
                    text_row(ui, tx.role, &lead.role, Edit::Role, false);

                    // Industry: free text with suggestions from the other leads.
                    let label = ui.label(tx.industry);
                    ui.horizontal(|ui| {
                        let mut s = lead.industry.clone();
                        let r = ui
                            .add(TextEdit::singleline(&mut s).desired_width(field_width - 34.0))
                            .labelled_by(label.id);
                        if r.changed() {
                            edit(Edit::Industry(s));
                        }
                        let suggestions = model.industries();
                        if !suggestions.is_empty() {
                            ui.menu_button("…", |ui| {
                                for industry in suggestions.iter().take(12) {
                                    if ui.button(industry).clicked() {
                                        edit(Edit::Industry(industry.clone()));
                                        ui.close();
                                    }
                                }
                            })
                            .response
                            .on_hover_text(tx.industry);
                        }
                    });
                    ui.end_row();

                    // Revenue: shows the rep's text; only a valid number reaches the lead.
                    let label = ui.label(tx.revenue);
                    ui.vertical(|ui| {
                        let r = ui
                            .add(
                                TextEdit::singleline(&mut form.revenue)
                                    .hint_text(t.revenue_hint)
                                    .desired_width(120.0),
                            )
                            .labelled_by(label.id);
                        if r.changed() {
                            match parse_revenue(&form.revenue) {
                                Ok(value) => {
                                    form.revenue_error = None;
                                    edit(Edit::Revenue(value));
                                }
                                Err(e) => form.revenue_error = Some(revenue_error(lang, &e)),
                            }
                        }
                        if let Some(err) = &form.revenue_error {
                            let kept = lead
                                .revenue_meur
                                .map(|r| {
                                    format!(
                                        "{} {}",
                                        format_revenue(r, tx.decimal_comma),
                                        tx.million_eur
                                    )
                                })
                                .unwrap_or_else(|| tx.not_given.to_owned());
                            ui.colored_label(
                                ui.visuals().error_fg_color,
                                format!("{err} {}", fill(t.revenue_kept, &[&kept])),
                            );
                        }
                    });
                    ui.end_row();

                    if let Some(v) = choice_row(
                        ui,
                        tx.source,
                        "source",
                        field_width,
                        lead.source,
                        &Source::ALL,
                        |s| source_label(lang, s),
                    ) {
                        edit(Edit::Source(v));
                    }
                    if let Some(v) = choice_row(
                        ui,
                        tx.stage,
                        "stage",
                        field_width,
                        lead.stage,
                        &Stage::ALL,
                        |s| stage_label(lang, s),
                    ) {
                        edit(Edit::Stage(v));
                    }

                    let label = ui.label(tx.follow_up);
                    ui.vertical(|ui| {
                        let r = ui
                            .add(
                                TextEdit::singleline(&mut form.follow_up)
                                    .hint_text(t.date_hint)
                                    .desired_width(110.0),
                            )
                            .labelled_by(label.id);
                        if r.changed() {
                            match parse_date(&form.follow_up) {
                                Ok(d) => {
                                    form.follow_up_error = false;
                                    edit(Edit::FollowUp(d));
                                }
                                Err(()) => form.follow_up_error = true,
                            }
                        }
                        // Quick picks on their own line, so the row fits the minimum window width.
                        ui.horizontal(|ui| {
                            let today = crate::clock::today();
                            let mut quick = |ui: &mut Ui, text: &str, date: Option<Date>| {
                                if ui.small_button(text).clicked() {
                                    form.follow_up =
                                        date.map(|d| format_date(d, lang)).unwrap_or_default();
                                    form.follow_up_error = false;
                                    edit(Edit::FollowUp(date));
                                }
                            };
                            quick(ui, t.in_a_week, today.checked_add(1.week()).ok());
                            quick(ui, t.in_a_month, today.checked_add(1.month()).ok());
                            if lead.follow_up.is_some() {
                                quick(ui, t.clear, None);
                            }
                        });
                        if form.follow_up_error {
                            let kept = lead
                                .follow_up
                                .map(|d| format_date(d, lang))
                                .unwrap_or_else(|| tx.not_given.to_owned());
                            ui.colored_label(
                                ui.visuals().error_fg_color,
                                fill(t.date_error, &[&kept]),
                            );
                        } else if lead.follow_up_overdue(crate::clock::today()) {
                            ui.colored_label(super::theme::RED, t.overdue);
                        }
                    });
                    ui.end_row();

                    let label = ui.label(tx.notes);
                    let mut notes = lead.notes.clone();
                    let r = ui
                        .add(
                            TextEdit::multiline(&mut notes)
                                .desired_rows(3)
                                .desired_width(field_width),
                        )
                        .labelled_by(label.id);
                    if r.changed() {
                        edit(Edit::Notes(notes));
                    }
                    ui.end_row();
                });

            ui.add_space(14.0);
            ui.separator();
            ui.heading(t.step_bant);
            ui.add_space(4.0);
            let fw = model.framework();
            for criterion in &fw.criteria {
                let chosen = lead.assessment.answer(&criterion.id);
                ui.add_space(8.0);
                ui.label(RichText::new(criterion.name.get(lang)).strong().size(16.0));
                ui.label(RichText::new(criterion.question.get(lang)).weak());
                // One radio group per criterion, named by it with its question as the
                // description, so a screen reader tells the four "unknown" answers apart.
                let group = ui.scope_id().with(("criterion", &criterion.id));
                ui.ctx().accesskit_node_builder(group, |node| {
                    node.set_role(egui::accesskit::Role::RadioGroup);
                    node.set_label(criterion.name.get(lang));
                    node.set_description(criterion.question.get(lang));
                });
                ui.scope_builder(egui::UiBuilder::new().accessibility_parent(group), |ui| {
                    ui.horizontal_wrapped(|ui| {
                        for option in &criterion.options {
                            if answer_chip(ui, tx, lang, option, chosen == option.id)
                                && chosen != option.id
                            {
                                edit(Edit::Answer {
                                    criterion: criterion.id.clone(),
                                    answer: option.id.clone(),
                                });
                            }
                        }
                    });
                });
                ui.horizontal(|ui| {
                    let label = ui.label(
                        RichText::new(fill(t.note_for, &[criterion.name.get(lang)]))
                            .small()
                            .weak(),
                    );
                    let mut note = lead.assessment.note(&criterion.id).to_owned();
                    let width = ui.available_width().max(120.0);
                    let r = ui
                        .add(TextEdit::singleline(&mut note).desired_width(width))
                        .labelled_by(label.id);
                    if r.changed() {
                        edit(Edit::CriterionNote {
                            criterion: criterion.id.clone(),
                            note,
                        });
                    }
                });
            }
            ui.add_space(12.0);
        });
}

/// One answer of a criterion: a chip that reads as a radio button, with its points (and
/// "knockout") as tooltip and description. Returns whether it was clicked.
fn answer_chip(
    ui: &mut Ui,
    tx: &crate::i18n::Texts,
    lang: Lang,
    option: &crate::domain::AnswerOption,
    chosen: bool,
) -> bool {
    let label = option.label.get(lang);
    let mut text = RichText::new(label);
    if option.knockout {
        text = text.color(super::theme::RED);
    }
    let points = format!(
        "{} {}{}",
        option.points,
        tx.points,
        if option.knockout {
            format!(" · {}", tx.knockout)
        } else {
            String::new()
        }
    );
    let r = ui.selectable_label(chosen, text);
    r.widget_info(|| egui::WidgetInfo::selected(egui::Role::RadioButton, true, chosen, label));
    let r = r.on_hover_text(&points);
    ui.ctx()
        .accesskit_node_builder(r.id, |node| node.set_description(points));
    r.clicked()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_both_notations() {
        let d: Date = "2026-12-31".parse().unwrap();
        assert_eq!(parse_date("2026-12-31"), Ok(Some(d)));
        assert_eq!(parse_date(" 31.12.2026 "), Ok(Some(d)));
        assert_eq!(parse_date(""), Ok(None));
        assert_eq!(parse_date("31/12/2026"), Err(()));
        assert_eq!(parse_date("2026-02-30"), Err(()));
        assert_eq!(format_date(d, Lang::De), "31.12.2026");
    }
}
