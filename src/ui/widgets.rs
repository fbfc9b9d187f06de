//! The few custom widgets: the score gauge and the class badge.

use std::f32::consts::PI;

use egui::{
    Align2, Color32, FontId, Response, Role, Sense, Shape, Stroke, Ui, Vec2, WidgetInfo, pos2, vec2,
};

use super::theme::class_color;
use crate::domain::Class;

/// A 270° gauge with the score in the middle, coloured by class; `None` (a lead not rated yet)
/// is an empty grey gauge with a dash, and no value for a screen reader to call "0 percent".
pub fn score_gauge(
    ui: &mut Ui,
    rated: Option<u8>,
    class: Class,
    size: f32,
    accessible: &str,
) -> Response {
    let score = rated.unwrap_or(0);
    let (rect, response) = ui.allocate_exact_size(Vec2::splat(size), Sense::hover());
    response.widget_info(|| {
        let mut info = WidgetInfo::labeled(Role::ProgressIndicator, true, accessible);
        info.value = rated.map(f64::from);
        info
    });
    ui.ctx().accesskit_node_builder(response.id, |node| {
        node.set_min_numeric_value(0.0);
        node.set_max_numeric_value(100.0);
    });
    if !ui.is_rect_visible(rect) {
        return response;
    }
    let painter = ui.painter_at(rect);
    let center = rect.center() + vec2(0.0, size * 0.04);
    let radius = size * 0.42;
    let width = size * 0.09;
    let start = 0.75 * PI; // bottom left, clockwise to bottom right
    let sweep = 1.5 * PI;
    let arc = |from: f32, to: f32| -> Vec<egui::Pos2> {
        let steps = 64;
        (0..=steps)
            .map(|i| {
                let a = from + (to - from) * i as f32 / steps as f32;
                pos2(center.x + radius * a.cos(), center.y + radius * a.sin())
            })
            .collect()
    };
    let track = ui.visuals().widgets.noninteractive.bg_stroke.color;
    painter.add(Shape::line(
        arc(start, start + sweep),
        Stroke::new(width, track),
    ));
    if score > 0 {
        let end = start + sweep * f32::from(score) / 100.0;
        painter.add(Shape::line(
            arc(start, end),
            Stroke::new(width, class_color(class)),
        ));
    }
    let text = ui.visuals().strong_text_color();
    painter.text(
        center,
        Align2::CENTER_CENTER,
        rated.map_or_else(|| "–".to_owned(), |s| s.to_string()),
        FontId::proportional(size * 0.3),
        text,
    );
    painter.text(
        center + vec2(0.0, size * 0.22),
        Align2::CENTER_CENTER,
        "/ 100",
        FontId::proportional(size * 0.09),
        ui.visuals().weak_text_color(),
    );
    response
}

/// A filled rounded square with the class letter.
pub fn class_badge(ui: &mut Ui, class: Class, size: f32, accessible: &str) -> Response {
    let (rect, response) = ui.allocate_exact_size(Vec2::splat(size), Sense::hover());
    response.widget_info(|| WidgetInfo::labeled(Role::Label, true, accessible));
    if ui.is_rect_visible(rect) {
        let painter = ui.painter();
        painter.rect_filled(rect, size * 0.2, class_color(class));
        painter.text(
            rect.center(),
            Align2::CENTER_CENTER,
            class.letter(),
            FontId::proportional(size * 0.62),
            Color32::WHITE,
        );
    }
    response
}

/// A thin horizontal bar showing `points` of `max`.
pub fn points_bar(ui: &mut Ui, fraction: f32, color: Color32, width: f32) {
    let (rect, _) = ui.allocate_exact_size(vec2(width, 8.0), Sense::hover());
    let painter = ui.painter();
    painter.rect_filled(
        rect,
        4.0,
        ui.visuals().widgets.noninteractive.bg_stroke.color,
    );
    if fraction > 0.0 {
        let mut filled = rect;
        filled.set_width(rect.width() * fraction.clamp(0.0, 1.0));
        painter.rect_filled(filled, 4.0, color);
    }
}

/// Lets a drop-down say its current value on every platform: AccessKit hands a combo box's
/// value to UI Automation and NSAccessibility, but AT-SPI (Orca) reads only name and
/// description, so the value goes into the description too.
pub fn combo_value(response: &Response, value: &str) {
    response.ctx.accesskit_node_builder(response.id, |node| {
        node.set_description(value.to_owned());
    });
}

/// After a choice in a drop-down, the keyboard focus goes back to the drop-down's button: the
/// choice closed the list whose entry had the focus, and without this the focus would be
/// nowhere (a screen reader says only the window's name) and the next Tab would start again at
/// the menu.
pub fn focus_back_after_choice(combo: &Response, chose: bool) {
    if chose {
        combo.request_focus();
    }
}
