//! The lead list on the left: search as you type, filters, sort, and a virtualised table.

use egui::{RichText, TextEdit, Ui};
use egui_extras::{Column, TableBuilder};

use super::app::Action;
use super::theme::{RED, class_color};
use crate::app::{ListView, Model, SortKey};
use crate::domain::{Class, Lang, Stage};
use crate::i18n::{Texts, UiTexts, fill, texts};

fn sort_label(t: &UiTexts, key: SortKey) -> &'static str {
    match key {
        SortKey::Score => t.sort_score,
        SortKey::Company => t.sort_company,
        SortKey::FollowUp => t.sort_follow_up,
        SortKey::Updated => t.sort_updated,
    }
}

pub fn list_panel(
    ui: &mut Ui,
    t: &UiTexts,
    lang: Lang,
    model: &mut Model,
    focus_search: &mut bool,
    actions: &mut Vec<Action>,
) {
    let mut view: ListView = model.view().clone();
    ui.add_space(6.0);
    ui.horizontal(|ui| {
        let label = ui.label(t.search);
        let r = ui
            .add(
                TextEdit::singleline(&mut view.query)
                    .hint_text(t.search_hint)
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
        if std::mem::take(focus_search) {
            r.request_focus();
        }
    });
    ui.horizontal(|ui| {
        let label = ui.label(t.filter_class);
        let text = view.class.map_or(t.all, Class::letter);
        egui::ComboBox::from_id_salt("class-filter")
            .selected_text(text)
            .width(52.0)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut view.class, None, t.all);
                for c in Class::ALL {
                    ui.selectable_value(&mut view.class, Some(c), c.letter());
                }
            })
            .response
            .labelled_by(label.id);
        let label = ui.label(t.filter_stage);
        let text = view
            .stage
            .map_or(t.all.to_owned(), |s| s.id().to_uppercase());
        egui::ComboBox::from_id_salt("stage-filter")
            .selected_text(text)
            .width(70.0)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut view.stage, None, t.all);
                for s in Stage::ALL {
                    ui.selectable_value(&mut view.stage, Some(s), s.id().to_uppercase());
                }
            })
            .response
            .labelled_by(label.id);
    });
    ui.horizontal(|ui| {
        let label = ui.label(t.sort_by);
        egui::ComboBox::from_id_salt("sort")
            .selected_text(sort_label(t, view.sort))
            .show_ui(ui, |ui| {
                for key in SortKey::ALL {
                    ui.selectable_value(&mut view.sort, key, sort_label(t, key));
                }
            })
            .response
            .labelled_by(label.id);
    });
    model.set_view(view);

    let total = model.entries().len();
    let shown = model.visible().len();
    ui.label(
        RichText::new(fill(
            t.leads_count,
            &[&shown.to_string(), &total.to_string()],
        ))
        .small()
        .weak(),
    );
    ui.separator();
    if shown == 0 {
        ui.add_space(12.0);
        ui.label(RichText::new(t.no_matches).weak());
        return;
    }

    let today = crate::clock::today();
    let selected = model.selected_id();
    let tx = texts(lang);
    let visible = model.visible().to_vec();
    let entries = model.entries();
    let row_height = 40.0;
    // A row is one click target: selectable labels inside it would take a quick click for the
    // start of a text selection, and the row would not be selected.
    ui.style_mut().interaction.selectable_labels = false;
    TableBuilder::new(ui)
        .id_salt("lead-table")
        .striped(true)
        .sense(egui::Sense::click())
        .auto_shrink(false)
        .column(Column::exact(34.0))
        .column(Column::exact(30.0))
        .column(Column::remainder().clip(true))
        .body(|body| {
            body.rows(row_height, visible.len(), |mut row| {
                let Some(entry) = visible.get(row.index()).and_then(|&i| entries.get(i)) else {
                    return;
                };
                let lead = &entry.lead;
                row.set_selected(selected == Some(lead.id));
                row.col(|ui| class_mark(ui, tx, entry.eval.class, entry.eval.provisional));
                row.col(|ui| {
                    ui.label(RichText::new(entry.eval.score.to_string()).strong());
                });
                row.col(|ui| {
                    ui.vertical(|ui| {
                        let name = if lead.display_name().is_empty() {
                            tx.unnamed_lead
                        } else {
                            lead.display_name()
                        };
                        ui.add(egui::Label::new(RichText::new(name).strong()).truncate());
                        let mut sub = lead.contact.trim().to_owned();
                        if let Some(d) = lead.follow_up {
                            if !sub.is_empty() {
                                sub.push_str(" · ");
                            }
                            sub.push_str(&d.to_string());
                        }
                        let color = if lead.follow_up_overdue(today) {
                            RED
                        } else {
                            ui.visuals().weak_text_color()
                        };
                        ui.add(
                            egui::Label::new(RichText::new(sub).small().color(color)).truncate(),
                        );
                    });
                });
                if row.response().clicked() {
                    actions.push(Action::Select(lead.id));
                }
            });
        });
}

/// The class letter on its colour; a provisional class is paler and carries a "?" ("B?"),
/// as the result panel and the PDF mark it.
fn class_mark(ui: &mut Ui, tx: &Texts, class: Class, provisional: bool) {
    let (rect, response) = ui.allocate_exact_size(egui::vec2(28.0, 22.0), egui::Sense::hover());
    response.widget_info(|| {
        let mut name = format!("{}: {}", tx.class, class.letter());
        if provisional {
            name = format!("{name} ({})", tx.provisional);
        }
        egui::WidgetInfo::labeled(egui::Role::Label, true, name)
    });
    let (fill, text) = if provisional {
        (
            class_color(class).gamma_multiply(0.6),
            format!("{}?", class.letter()),
        )
    } else {
        (class_color(class), class.letter().to_owned())
    };
    ui.painter().rect_filled(rect, 5.0, fill);
    ui.painter().text(
        rect.center(),
        egui::Align2::CENTER_CENTER,
        text,
        egui::FontId::proportional(14.0),
        egui::Color32::WHITE,
    );
}
