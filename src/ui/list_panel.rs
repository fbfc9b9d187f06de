//! The lead list on the left: search as you type, filters, sort, and a virtualised table.

use egui::{RichText, TextEdit, Ui};

use super::action::Action;
use super::cx::Cx;
use super::theme::{RED, class_color};
use super::widgets::combo_value;
use crate::app::{DueFilter, Entry, ListView, Model, Pick, SortKey};
use crate::domain::{Class, Lang, Stage};
use crate::i18n::{UiTexts, fill};

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
    cx: &Cx,
    model: &Model,
    focus_search: &mut bool,
    list: &mut ListState,
    actions: &mut Vec<Action>,
) {
    let Cx { t, lang, .. } = *cx;
    let mut view: ListView = model.view().clone();
    ui.add_space(6.0);
    search_ui(ui, t, &mut view, focus_search);
    filters_ui(ui, t, &mut view);
    extra_filters(ui, t, lang, model.framework(), &mut view);
    if &view != model.view() {
        actions.push(Action::FilterList(view));
    }
    if counts_ui(ui, t, model) == 0 {
        ui.add_space(12.0);
        ui.label(RichText::new(t.no_matches).weak());
        return;
    }
    rows_ui(ui, cx, model, list, actions);
}

fn search_ui(ui: &mut Ui, t: &UiTexts, view: &mut ListView, focus_search: &mut bool) {
    ui.horizontal(|ui| {
        let label = ui.label(t.search);
        let mut out = TextEdit::singleline(&mut view.query)
            .hint_text(t.search_hint)
            .desired_width(f32::INFINITY)
            .show(ui);
        let r = egui::Response::clone(&out.response).labelled_by(label.id);
        // Ctrl+F: into the search with the old query selected, so the next key replaces it.
        if std::mem::take(focus_search) {
            r.request_focus();
            let all = egui::text::CCursorRange::two(
                egui::text::CCursor::new(0),
                egui::text::CCursor::new(view.query.chars().count()),
            );
            out.state.cursor.set_char_range(Some(all));
            out.state.store(ui.ctx(), r.id);
        }
    });
}

/// Class, stage and sort order, each a drop-down that says its value.
fn filters_ui(ui: &mut Ui, t: &UiTexts, view: &mut ListView) {
    ui.horizontal(|ui| {
        filter_combo(
            ui,
            t,
            t.filter_class,
            "class-filter",
            52.0,
            &mut view.class,
            &Class::ALL,
            |c| c.letter().to_owned(),
        );
        filter_combo(
            ui,
            t,
            t.filter_stage,
            "stage-filter",
            70.0,
            &mut view.stage,
            &Stage::ALL,
            |s| s.id().to_uppercase(),
        );
    });
    ui.horizontal(|ui| {
        let label = ui.label(t.sort_by);
        let mut chose = false;
        let r = egui::ComboBox::from_id_salt("sort")
            .selected_text(sort_label(t, view.sort))
            .show_ui(ui, |ui| {
                for key in SortKey::ALL {
                    if ui
                        .selectable_value(&mut view.sort, key, sort_label(t, key))
                        .clicked()
                    {
                        chose = true;
                        ui.close();
                    }
                }
            })
            .response
            .labelled_by(label.id);
        combo_value(&r, sort_label(t, view.sort));
        super::widgets::focus_back_after_choice(&r, chose);
    });
}

/// A labelled drop-down for an optional filter ("alle" or one value); closes after a choice,
/// also when it came through the accessibility bus.
#[allow(clippy::too_many_arguments)]
fn filter_combo<T: Copy + PartialEq>(
    ui: &mut Ui,
    t: &UiTexts,
    label: &str,
    id: &str,
    width: f32,
    value: &mut Option<T>,
    all: &[T],
    name: impl Fn(T) -> String,
) {
    let label = ui.label(label);
    let text = value.map_or(t.all.to_owned(), &name);
    let mut chose = false;
    let r = egui::ComboBox::from_id_salt(id)
        .selected_text(text.clone())
        .width(width)
        .show_ui(ui, |ui| {
            if ui.selectable_value(value, None, t.all).clicked() {
                chose = true;
                ui.close();
            }
            for &v in all {
                if ui.selectable_value(value, Some(v), name(v)).clicked() {
                    chose = true;
                    ui.close();
                }
            }
        })
        .response
        .labelled_by(label.id);
    combo_value(&r, &text);
    super::widgets::focus_back_after_choice(&r, chose);
}

/// "12 von 340 Leads" (and how many are picked); returns how many the list shows.
fn counts_ui(ui: &mut Ui, t: &UiTexts, model: &Model) -> usize {
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
    let picked_count = model.selection().len();
    if picked_count > 1 {
        ui.label(
            RichText::new(fill(t.picked_count, &[&picked_count.to_string()]))
                .small()
                .strong(),
        );
    }
    ui.separator();
    shown
}

/// The virtualised rows: one list on the accessibility tree, the selected row kept in sight
/// when keys move it.
fn rows_ui(ui: &mut Ui, cx: &Cx, model: &Model, list: &mut ListState, actions: &mut Vec<Action>) {
    let selected = model.selected_id();
    let visible = model.visible();
    let entries = model.entries();
    let selected_index = selected.and_then(|id| {
        visible
            .iter()
            .position(|&i| entries.get(i).is_some_and(|e| e.lead.id == id))
    });
    let area = list.scroll_area(selected_index);
    list.row_focused = false;
    let list_id = ui.scope_id().with("lead-list-node");
    ui.ctx().accesskit_node_builder(list_id, |node| {
        node.set_role(egui::accesskit::Role::ListBox);
        node.set_label(cx.t.cmd_toggle_list);
    });
    let output = area.show_rows(ui, ROW_HEIGHT, visible.len(), |ui, range| {
        ui.scope_builder(egui::UiBuilder::new().accessibility_parent(list_id), |ui| {
            ui.spacing_mut().item_spacing.y = 0.0;
            for index in range {
                let Some(entry) = visible.get(index).and_then(|&i| entries.get(i)) else {
                    continue;
                };
                let id = entry.lead.id;
                let is_selected = selected == Some(id);
                let shown_selected = is_selected || model.is_picked(id);
                let response = lead_row(ui, cx, entry, shown_selected, index % 2 == 1);
                if is_selected && std::mem::take(&mut list.focus_selected) {
                    response.request_focus();
                }
                list.row_focused |= response.has_focus();
                row_input(ui, &response, id, actions);
            }
        });
    });
    list.offset = output.state.clamped_offset().y;
    list.viewport_height = output.inner_rect.height();
}

/// A click picks the lead (alone, Ctrl/Cmd: add or remove, Shift: a range); Enter on the
/// focused row goes into the form; the arrows move the selection, not egui's focus.
fn row_input(ui: &mut Ui, response: &egui::Response, id: uuid::Uuid, actions: &mut Vec<Action>) {
    if response.clicked() {
        // The clicked row takes the keyboard: Delete and the arrows then act on the list.
        response.request_focus();
        let m = ui.input(|i| i.modifiers);
        let pick = if m.shift {
            Pick::Range
        } else if m.command {
            Pick::Toggle
        } else {
            Pick::Only
        };
        actions.push(Action::Pick(id, pick));
    }
    if response.has_focus() {
        let filter = egui::EventFilter {
            vertical_arrows: true,
            ..Default::default()
        };
        ui.memory_mut(|m| m.set_focus_lock_filter(response.id, filter));
        if ui.input(|i| i.key_pressed(egui::Key::Enter)) {
            actions.push(Action::Select(id));
            actions.push(Action::FocusForm);
        }
    }
}

/// The follow-up filter ("fällig": overdue or today) and the filters the overview sets, each
/// shown as a chip that clears it.
fn extra_filters(
    ui: &mut Ui,
    t: &UiTexts,
    lang: Lang,
    framework: &crate::domain::Framework,
    view: &mut ListView,
) {
    ui.horizontal_wrapped(|ui| {
        // A checkbox that says what it does: it neither looks like plain text nor reads as
        // a bare "fällig".
        let mut due_on = view.due == Some(DueFilter::Due);
        if ui
            .checkbox(&mut due_on, t.due_filter)
            .on_hover_text(t.overview_follow_ups)
            .changed()
        {
            view.due = due_on.then_some(DueFilter::Due);
        }
        let chip = |ui: &mut Ui, text: String| {
            ui.button(format!("{text}  ×"))
                .on_hover_text(t.filter_clear)
                .clicked()
        };
        let due_label = match view.due {
            Some(DueFilter::Overdue) => Some(t.overdue),
            Some(DueFilter::Today) => Some(t.due_today),
            Some(DueFilter::NextWeek) => Some(t.due_next_week),
            Some(DueFilter::Due) | None => None,
        };
        if let Some(label) = due_label
            && chip(ui, label.to_owned())
        {
            view.due = None;
        }
        if let Some(criterion) = view.unknown.clone() {
            let name = crate::i18n::criterion_name(framework, lang, &criterion);
            if chip(ui, fill(t.filter_unknown, &[name])) {
                view.unknown = None;
            }
        }
    });
}

/// The height of one lead in the list.
const ROW_HEIGHT: f32 = 40.0;

/// What the list remembers between frames to keep the selected row in sight.
#[derive(Default)]
pub struct ListState {
    /// Set when keys moved the selection: the next frame scrolls to it and focuses its row.
    pub reveal_selected: bool,
    /// Whether a row of the list had the keyboard focus in the last frame: the list's keys
    /// (arrows, Home/End, Page Up/Down, Delete) are the list's only then (`LeadqApp::shortcuts`).
    pub row_focused: bool,
    focus_selected: bool,
    offset: f32,
    viewport_height: f32,
}

impl ListState {
    /// How many rows Page Up/Down move: what the list shows at once, less one.
    pub fn rows_per_page(&self) -> isize {
        ((self.viewport_height / ROW_HEIGHT) as isize - 1).max(1)
    }

    /// The list's scroll area; when keys moved the selection to row `selected`, scrolled so
    /// that the row is in sight (and its focus requested).
    fn scroll_area(&mut self, selected: Option<usize>) -> egui::ScrollArea {
        let mut area = egui::ScrollArea::vertical()
            .id_salt("lead-list")
            .auto_shrink(false);
        if std::mem::take(&mut self.reveal_selected)
            && let Some(index) = selected
        {
            let top = index as f32 * ROW_HEIGHT;
            let height = self.viewport_height.max(ROW_HEIGHT);
            if top < self.offset || top + ROW_HEIGHT > self.offset + height {
                area = area.vertical_scroll_offset((top + ROW_HEIGHT - height).max(0.0).min(top));
            }
            self.focus_selected = true;
        }
        area
    }
}

/// One lead: a single click target and Tab stop, one item on the accessibility tree whose name
/// says all the row shows. Drawn with the painter, so no inner label is a separate stop.
fn lead_row(ui: &mut Ui, cx: &Cx, entry: &Entry, selected: bool, stripe: bool) -> egui::Response {
    let (tx, lang, today) = (cx.tx, cx.lang, cx.today);
    let lead = &entry.lead;
    // Only the selected row takes the Tab key (Up/Down move within the list), so the list is
    // one Tab stop, not one per lead.
    let sense = if selected {
        egui::Sense::click()
    } else {
        egui::Sense::CLICK
    };
    let (rect, response) =
        ui.allocate_exact_size(egui::vec2(ui.available_width(), ROW_HEIGHT), sense);
    let name = if lead.display_name().is_empty() {
        tx.unnamed_lead
    } else {
        lead.display_name()
    };
    let mut sub = lead.contact.trim().to_owned();
    if let Some(d) = lead.follow_up {
        if !sub.is_empty() {
            sub.push_str(" · ");
        }
        sub.push_str(&crate::i18n::format_date(lang, d));
    }
    let overdue = lead.follow_up_overdue(today);
    response.widget_info(|| {
        egui::WidgetInfo::selected(
            egui::Role::ListItem,
            true,
            selected,
            row_name(cx, entry, name, overdue),
        )
    });
    // egui reports `selected` as "pressed"; a list item is selected.
    ui.ctx().accesskit_node_builder(response.id, |node| {
        node.clear_toggled();
        node.set_selected(selected);
    });
    if ui.is_rect_visible(rect) {
        let row = RowPaint {
            rect,
            selected,
            stripe,
            hovered: response.hovered(),
            focused: response.has_focus(),
            overdue,
        };
        paint_row(ui, &row, entry, name, &sub);
    }
    response
}

/// How a row looks this frame.
struct RowPaint {
    rect: egui::Rect,
    selected: bool,
    stripe: bool,
    hovered: bool,
    focused: bool,
    overdue: bool,
}

/// Background, class mark, score, name and the line below (contact · follow-up), truncated to
/// the row's width.
fn paint_row(ui: &Ui, row: &RowPaint, entry: &Entry, name: &str, sub: &str) {
    let rect = row.rect;
    let eval = &entry.brief;
    let visuals = ui.visuals();
    let painter = ui.painter_at(rect);
    if row.selected {
        painter.rect_filled(rect, 0.0, visuals.selection.bg_fill);
    } else if row.hovered {
        painter.rect_filled(rect, 0.0, visuals.widgets.hovered.weak_bg_fill);
    } else if row.stripe {
        painter.rect_filled(rect, 0.0, visuals.faint_bg_color);
    }
    let mark = egui::Rect::from_min_size(
        rect.left_top() + egui::vec2(4.0, 9.0),
        egui::vec2(28.0, 22.0),
    );
    paint_class_mark(&painter, mark, eval.rated_class(), eval.provisional);
    painter.text(
        rect.left_top() + egui::vec2(42.0, 4.0),
        egui::Align2::LEFT_TOP,
        if eval.rated {
            eval.score.to_string()
        } else {
            "–".to_owned()
        },
        egui::FontId::proportional(14.0),
        visuals.strong_text_color(),
    );
    let text_left = rect.left() + 76.0;
    let width = (rect.right() - text_left - 4.0).max(10.0);
    let line = |text: RichText| {
        egui::WidgetText::from(text).into_galley(
            ui,
            Some(egui::TextWrapMode::Truncate),
            width,
            egui::TextStyle::Body,
        )
    };
    let strong = visuals.strong_text_color();
    let name = line(RichText::new(name).strong().color(strong));
    painter.galley(egui::pos2(text_left, rect.top() + 4.0), name, strong);
    let color = if row.overdue {
        RED
    } else {
        visuals.weak_text_color()
    };
    let sub = line(RichText::new(sub).small().color(color));
    painter.galley(egui::pos2(text_left, rect.top() + 22.0), sub, color);
    if row.focused {
        painter.rect_stroke(
            rect.shrink(1.0),
            2.0,
            visuals.selection.stroke,
            egui::StrokeKind::Inside,
        );
    }
}

/// What a screen reader says for a row: company, contact, class (provisional), score and
/// follow-up, in the window's language.
fn row_name(cx: &Cx, entry: &Entry, name: &str, overdue: bool) -> String {
    let (t, tx, lang) = (cx.t, cx.tx, cx.lang);
    let lead = &entry.lead;
    let eval = &entry.brief;
    let mut parts = vec![name.to_owned()];
    if !lead.contact.trim().is_empty() {
        parts.push(lead.contact.trim().to_owned());
    }
    if eval.rated {
        let mut class = format!("{} {}", tx.class, eval.class.letter());
        if eval.provisional {
            class = format!("{class} ({})", tx.provisional);
        }
        parts.push(class);
        parts.push(format!("{} {}", tx.score, eval.score));
    } else {
        parts.push(tx.not_rated.to_owned());
    }
    if let Some(d) = lead.follow_up {
        let mut follow = format!("{} {}", tx.follow_up, crate::i18n::format_date(lang, d));
        if overdue {
            follow = format!("{follow} ({})", t.overdue);
        }
        parts.push(follow);
    }
    parts.join(", ")
}

/// The class letter on its colour; a provisional class is paler and carries a "?" ("B?"),
/// as the result panel and the PDF mark it. A lead not rated yet gets a grey "–".
fn paint_class_mark(
    painter: &egui::Painter,
    rect: egui::Rect,
    class: Option<Class>,
    provisional: bool,
) {
    let (fill, text) = match class {
        None => (super::theme::GREY, "–".to_owned()),
        Some(class) if provisional => (
            class_color(class).gamma_multiply(0.6),
            format!("{}?", class.letter()),
        ),
        Some(class) => (class_color(class), class.letter().to_owned()),
    };
    painter.rect_filled(rect, 5.0, fill);
    painter.text(
        rect.center(),
        egui::Align2::CENTER_CENTER,
        text,
        egui::FontId::proportional(14.0),
        egui::Color32::WHITE,
    );
}
