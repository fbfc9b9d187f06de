//! The middle of the window: step 1 general info, step 2 the BANT criteria.

use egui::{RichText, TextEdit, Ui};
use jiff::ToSpan;
use jiff::civil::Date;
use uuid::Uuid;

use super::action::Action;
use super::cx::Cx;
use crate::app::{Edit, Model};
use crate::domain::{
    Field, FieldKind, Framework, Lang, Lead, Source, Stage, Value, exact_revenue, parse_revenue,
    plausible_email, website_url,
};
use crate::i18n::{
    field_label, field_text, fill, format_date, revenue_error, source_label, stage_label, texts,
};

/// Text the rep is typing that is not yet a valid value: kept here, never written as 0.
#[derive(Default)]
pub struct FormState {
    synced: Option<(Uuid, u64)>,
    revenue: String,
    revenue_error: Option<String>,
    follow_up: String,
    follow_up_error: Option<String>,
}

impl FormState {
    fn sync(&mut self, lead: &Lead, revision: u64, lang: Lang) {
        if self.synced == Some((lead.id, revision)) {
            return;
        }
        self.synced = Some((lead.id, revision));
        self.revenue = lead
            .revenue_meur
            .map(|r| exact_revenue(r, texts(lang).decimal_comma))
            .unwrap_or_default();
        self.revenue_error = None;
        self.follow_up = lead
            .follow_up
            .map(|d| format_date(lang, d))
            .unwrap_or_default();
        self.follow_up_error = None;
    }
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

pub fn form_panel(
    ui: &mut Ui,
    cx: &Cx,
    model: &Model,
    form: &mut FormState,
    focus_company: &mut bool,
    actions: &mut Vec<Action>,
) {
    let Some(entry) = model.selected() else {
        ui.centered_and_justified(|ui| ui.label(RichText::new(cx.t.no_lead_selected).weak()));
        return;
    };
    let lead = &entry.lead;
    let editable = model.can_edit(lead.id);
    form.sync(lead, model.revision(), cx.lang);
    let mut edits = Vec::new();
    egui::ScrollArea::vertical()
        .auto_shrink(false)
        .show(ui, |ui| {
            if !editable {
                // Another window writes to the folder, or the file is from a newer LeadQ.
                if !model.is_read_only() {
                    ui.colored_label(super::theme::AMBER, cx.t.newer_lead_note);
                }
                ui.disable();
            }
            let mut general = General {
                cx,
                lead,
                form,
                industries: model.industries(),
                // Fields take what the label column leaves, so nothing runs off at 1024 px.
                field_width: (ui.available_width() - 150.0).clamp(180.0, 520.0),
                focus_company: std::mem::take(focus_company),
                edits: &mut edits,
                actions,
            };
            general.ui(ui);
            ui.add_space(14.0);
            ui.separator();
            criteria_ui(ui, cx, model.framework(), lead, &mut edits);
            foreign_ui(ui, cx, model.framework(), lead);
            ui.add_space(12.0);
        });
    actions.extend(edits.into_iter().map(|e| Action::Edit(lead.id, e)));
}

/// Step 1, the general info: one row per [`Field`], drawn by its kind.
struct General<'a> {
    cx: &'a Cx,
    lead: &'a Lead,
    form: &'a mut FormState,
    /// The industries other leads use, offered as suggestions.
    industries: &'a [String],
    field_width: f32,
    focus_company: bool,
    edits: &'a mut Vec<Edit>,
    actions: &'a mut Vec<Action>,
}

impl General<'_> {
    fn ui(&mut self, ui: &mut Ui) {
        ui.add_space(4.0);
        ui.heading(self.cx.t.step_general);
        ui.add_space(6.0);
        egui::Grid::new("general")
            .num_columns(2)
            .spacing([12.0, 8.0])
            .striped(false)
            .show(ui, |ui| {
                for field in Field::ALL {
                    let label = ui.label(field_label(self.cx.lang, field));
                    match field.kind() {
                        FieldKind::Line | FieldKind::Email | FieldKind::Url => {
                            self.text_row(ui, field, label.id);
                        }
                        FieldKind::Paragraph => self.paragraph_row(ui, field, label.id),
                        FieldKind::Revenue => self.revenue_row(ui, label.id),
                        FieldKind::Source => {
                            let lang = self.cx.lang;
                            let (all, current) = (&Source::ALL, self.lead.source);
                            let picked = self.choice(ui, label.id, field, current, all, |s| {
                                source_label(lang, s)
                            });
                            self.edits
                                .extend(picked.map(|v| Edit::Set(field, Value::Source(v))));
                        }
                        FieldKind::Stage => {
                            let lang = self.cx.lang;
                            let (all, current) = (&Stage::ALL, self.lead.stage);
                            let picked = self.choice(ui, label.id, field, current, all, |s| {
                                stage_label(lang, s)
                            });
                            self.edits
                                .extend(picked.map(|v| Edit::Set(field, Value::Stage(v))));
                        }
                        FieldKind::Date => self.follow_up_row(ui, label.id),
                    }
                    ui.end_row();
                }
            });
    }

    /// A drop-down linked to its label; returns the value the rep picked, if any.
    fn choice<T: Copy + PartialEq>(
        &self,
        ui: &mut Ui,
        label: egui::Id,
        field: Field,
        current: T,
        all: &[T],
        name: impl Fn(T) -> &'static str,
    ) -> Option<T> {
        let mut picked = None;
        let r = egui::ComboBox::from_id_salt(field.id())
            .selected_text(name(current))
            .width(self.field_width)
            .show_ui(ui, |ui| {
                for &v in all {
                    if ui.selectable_label(current == v, name(v)).clicked() {
                        picked = Some(v);
                        // Also when the pick came through the accessibility bus, not the mouse.
                        ui.close();
                    }
                }
            });
        let response = r.response.labelled_by(label);
        super::widgets::combo_value(&response, name(current));
        super::widgets::focus_back_after_choice(&response, picked.is_some());
        picked
    }

    /// One line of text; the industry offers the ones already used, an e-mail address gets a
    /// hint when it does not look like one, and e-mail and website open with a button.
    fn text_row(&mut self, ui: &mut Ui, field: Field, label: egui::Id) {
        let t = self.cx.t;
        let mut text = self.lead.text(field).to_owned();
        let kind = field.kind();
        let extra = field == Field::Industry && !self.industries.is_empty()
            || matches!(kind, FieldKind::Email | FieldKind::Url) && !text.trim().is_empty();
        let width = if extra {
            self.field_width - 34.0
        } else {
            self.field_width
        };
        ui.vertical(|ui| {
            ui.horizontal(|ui| {
                let r = ui
                    .add(TextEdit::singleline(&mut text).desired_width(width))
                    .labelled_by(label);
                if field == Field::Company && self.focus_company {
                    r.request_focus();
                }
                if r.changed() {
                    self.edits.push(Edit::text(field, text.clone()));
                }
                if field == Field::Industry && !self.industries.is_empty() {
                    ui.menu_button("…", |ui| {
                        for industry in self.industries.iter().take(12) {
                            if ui.button(industry).clicked() {
                                self.edits.push(Edit::text(field, industry.clone()));
                                ui.close();
                            }
                        }
                    })
                    .response
                    .on_hover_text(field_label(self.cx.lang, field));
                }
                let target = match kind {
                    FieldKind::Email => Some((format!("mailto:{}", text.trim()), t.write_email)),
                    FieldKind::Url => website_url(&text).map(|url| (url, t.open_website)),
                    _ => None,
                };
                if let Some((url, hint)) = target.filter(|_| extra) {
                    let r = ui.small_button("↗").on_hover_text(hint);
                    ui.ctx()
                        .accesskit_node_builder(r.id, |node| node.set_label(hint));
                    if r.clicked() {
                        self.actions.push(Action::OpenUrl(url));
                    }
                }
            });
            if kind == FieldKind::Email && !text.trim().is_empty() && !plausible_email(&text) {
                ui.colored_label(super::theme::AMBER, t.email_hint);
            }
        });
    }

    fn paragraph_row(&mut self, ui: &mut Ui, field: Field, label: egui::Id) {
        let mut text = self.lead.text(field).to_owned();
        let r = ui
            .add(
                TextEdit::multiline(&mut text)
                    .desired_rows(3)
                    .desired_width(self.field_width),
            )
            .labelled_by(label);
        if r.changed() {
            self.edits.push(Edit::text(field, text));
        }
    }

    /// Revenue: shows the rep's text; only a valid number reaches the lead.
    fn revenue_row(&mut self, ui: &mut Ui, label: egui::Id) {
        let Cx { t, tx, lang, .. } = *self.cx;
        let kept =
            field_text(lang, self.lead, Field::Revenue).unwrap_or_else(|| tx.not_given.to_owned());
        let form = &mut *self.form;
        ui.vertical(|ui| {
            let parse = |s: &str| {
                parse_revenue(s).map_err(|e| {
                    format!(
                        "{} {}",
                        revenue_error(lang, &e),
                        fill(t.revenue_kept, &[&kept])
                    )
                })
            };
            let input = (&mut form.revenue, &mut form.revenue_error);
            if let Some(value) = parsed_input(ui, input, t.revenue_hint, 120.0, label, parse) {
                self.edits
                    .push(Edit::Set(Field::Revenue, Value::Revenue(value)));
            }
            if let Some(err) = &form.revenue_error {
                ui.colored_label(ui.visuals().error_fg_color, err);
            }
        });
    }

    /// The next follow-up: typed in either notation, or a quick pick.
    fn follow_up_row(&mut self, ui: &mut Ui, label: egui::Id) {
        let Cx { t, tx, lang, today } = *self.cx;
        let lead = self.lead;
        let kept =
            field_text(lang, lead, Field::FollowUp).unwrap_or_else(|| tx.not_given.to_owned());
        let form = &mut *self.form;
        let edits = &mut *self.edits;
        let set = |d: Option<Date>| Edit::Set(Field::FollowUp, Value::Date(d));
        ui.vertical(|ui| {
            let parse = |s: &str| parse_date(s).map_err(|()| fill(t.date_error, &[&kept]));
            let input = (&mut form.follow_up, &mut form.follow_up_error);
            if let Some(d) = parsed_input(ui, input, t.date_hint, 110.0, label, parse) {
                edits.push(set(d));
            }
            // Quick picks on their own line, so the row fits the minimum window width.
            ui.horizontal(|ui| {
                let mut quick = |ui: &mut Ui, text: &str, date: Option<Date>| {
                    if ui.small_button(text).clicked() {
                        form.follow_up = date.map(|d| format_date(lang, d)).unwrap_or_default();
                        form.follow_up_error = None;
                        edits.push(set(date));
                    }
                };
                quick(ui, t.in_a_week, today.checked_add(1.week()).ok());
                quick(ui, t.in_a_month, today.checked_add(1.month()).ok());
                if lead.follow_up.is_some() {
                    quick(ui, t.clear, None);
                }
            });
            if let Some(err) = &form.follow_up_error {
                ui.colored_label(ui.visuals().error_fg_color, err);
            } else if lead.follow_up_overdue(today) {
                ui.colored_label(super::theme::RED, t.overdue);
            }
        });
    }
}

/// A text field whose text reaches the lead only as a valid value: the rep's text stays in
/// `input.0` while it is not one, and `input.1` says why (the value kept). Returns the value
/// when the text changed and parses.
fn parsed_input<T>(
    ui: &mut Ui,
    input: (&mut String, &mut Option<String>),
    hint: &str,
    width: f32,
    label: egui::Id,
    parse: impl Fn(&str) -> Result<T, String>,
) -> Option<T> {
    let (text, error) = input;
    let r = ui
        .add(
            TextEdit::singleline(text)
                .hint_text(hint)
                .desired_width(width),
        )
        .labelled_by(label);
    if !r.changed() {
        return None;
    }
    match parse(text) {
        Ok(value) => {
            *error = None;
            Some(value)
        }
        Err(e) => {
            *error = Some(e);
            None
        }
    }
}

/// Step 2: one radio group per criterion, and a note for each.
fn criteria_ui(ui: &mut Ui, cx: &Cx, fw: &Framework, lead: &Lead, edits: &mut Vec<Edit>) {
    let Cx { t, tx, lang, .. } = *cx;
    ui.heading(fill(t.step_bant, &[fw.name.get(lang)]));
    ui.add_space(4.0);
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
                let chips: Vec<egui::Response> = criterion
                    .options
                    .iter()
                    .map(|option| answer_chip(ui, tx, lang, option, chosen == option.id))
                    .collect();
                let clicked = chips.iter().position(egui::Response::clicked);
                let picked = clicked.or_else(|| arrow_in_group(ui, &chips));
                if let Some(option) = picked.and_then(|i| criterion.options.get(i))
                    && chosen != option.id
                {
                    edits.push(Edit::Answer {
                        criterion: criterion.id.clone(),
                        answer: option.id.clone(),
                    });
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
                edits.push(Edit::CriterionNote {
                    criterion: criterion.id.clone(),
                    note,
                });
            }
        });
    }
}

/// Answers the lead keeps for criteria of another framework (given before the team switched):
/// shown read-only, named with their criterion and answer as that framework calls them.
fn foreign_ui(ui: &mut Ui, cx: &Cx, fw: &Framework, lead: &Lead) {
    let foreign = crate::domain::foreign_answers(fw, &lead.assessment);
    if foreign.is_empty() {
        return;
    }
    let Cx { t, lang, .. } = *cx;
    ui.add_space(12.0);
    ui.label(RichText::new(t.from_other_framework).strong());
    ui.label(RichText::new(t.from_other_hint).weak().small());
    egui::Grid::new("foreign-answers")
        .num_columns(2)
        .spacing([12.0, 4.0])
        .show(ui, |ui| {
            for answer in foreign {
                let known = crate::domain::template_criterion(&answer.criterion);
                let criterion = known.map_or(answer.criterion.clone(), |(template, c)| {
                    format!(
                        "{} ({})",
                        c.name.get(lang),
                        template.framework.name.get(lang)
                    )
                });
                let value = known
                    .and_then(|(_, c)| c.option(&answer.answer))
                    .map_or(answer.answer.clone(), |o| o.label.get(lang).to_owned());
                ui.label(criterion);
                let text = if answer.note.is_empty() {
                    value
                } else {
                    format!("{value} – {}", answer.note)
                };
                ui.label(RichText::new(text).weak());
                ui.end_row();
            }
        });
}

/// The arrows in a group of answers, as in every desktop's radio group: with one of its answers
/// focused, Right/Down choose the next answer and Left/Up the previous one (wrapping), and the
/// focus goes with the choice. The arrows stay in the group: egui does not move the focus out
/// with them, and the list does not take them (`LeadqApp::shortcuts`). The index chosen.
fn arrow_in_group(ui: &mut Ui, chips: &[egui::Response]) -> Option<usize> {
    let focused = chips.iter().position(egui::Response::has_focus)?;
    let filter = egui::EventFilter {
        horizontal_arrows: true,
        vertical_arrows: true,
        ..Default::default()
    };
    ui.memory_mut(|m| m.set_focus_lock_filter(chips[focused].id, filter));
    let (next, previous) = ui.input_mut(|i| {
        (
            i.consume_key(egui::Modifiers::NONE, egui::Key::ArrowRight)
                | i.consume_key(egui::Modifiers::NONE, egui::Key::ArrowDown),
            i.consume_key(egui::Modifiers::NONE, egui::Key::ArrowLeft)
                | i.consume_key(egui::Modifiers::NONE, egui::Key::ArrowUp),
        )
    });
    let n = chips.len();
    let to = match (next, previous) {
        (true, false) => (focused + 1) % n,
        (false, true) => (focused + n - 1) % n,
        _ => return None,
    };
    chips[to].request_focus();
    Some(to)
}

/// One answer of a criterion: a chip that reads as a radio button, with its points (and
/// "knockout") as tooltip and description.
fn answer_chip(
    ui: &mut Ui,
    tx: &crate::i18n::Texts,
    lang: Lang,
    option: &crate::domain::AnswerOption,
    chosen: bool,
) -> egui::Response {
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
    r
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
        assert_eq!(format_date(Lang::De, d), "31.12.2026");
    }
}
