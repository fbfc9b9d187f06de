//! How the window arranges its three parts for the room it has: list, form and result side by
//! side on a wide window; on a narrow one the list folds away behind a toggle (Ctrl+L) and the
//! result moves above the form, so nothing overlaps and the PDF button stays in sight.

/// The smallest window LeadQ allows, in logical points. It fits a 1366×768 laptop at 150 %
/// scaling (911×512) minus a taskbar and a title bar, and 1280×720 at 150 %.
pub const MIN_WINDOW: [f32; 2] = [640.0, 440.0];

/// The width the list gets when shown; the rep may drag it wider.
pub const LIST_WIDTH: f32 = 260.0;
/// The width the result column gets beside the form.
pub const RESULT_WIDTH: f32 = 320.0;
/// Below this the form and the result no longer fit side by side: the result goes on top.
pub const FORM_AND_RESULT: f32 = 700.0;
/// Below this the three columns no longer fit: the list folds away unless the rep opens it.
pub const THREE_COLUMNS: f32 = LIST_WIDTH + FORM_AND_RESULT;

/// How narrow and how wide the rep may drag the list and the result column.
pub const LIST_WIDTHS: (f32, f32) = (220.0, 480.0);
pub const RESULT_WIDTHS: (f32, f32) = (290.0, 520.0);

/// A panel edge at `x` the rep can drag to change `width` (`sign` is +1 when dragging right
/// widens the panel, -1 when it narrows it). Unlike egui's own resize handle it is no Tab stop
/// and no "Resize panel" on the accessibility tree: keyboard and screen-reader users have a
/// window that arranges itself and Ctrl+L.
pub fn drag_edge(
    ui: &mut egui::Ui,
    id: &str,
    x: f32,
    y: egui::Rangef,
    width: &mut f32,
    sign: f32,
    (min, max): (f32, f32),
) {
    let grab = ui.style().interaction.resize_grab_radius_side;
    let rect = egui::Rect::from_x_y_ranges(x - grab..=x + grab, y);
    let response = ui.interact(rect, ui.scope_id().with(id), egui::Sense::DRAG);
    if response.dragged() {
        *width = (*width + sign * response.drag_delta().x).clamp(min, max);
    }
    if response.hovered() || response.dragged() {
        ui.ctx().set_cursor_icon(egui::CursorIcon::ResizeHorizontal);
    }
}

/// Where the result panel goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResultPlace {
    /// A column right of the form.
    Side,
    /// A band above the form: score, class, reason and the PDF button in one row.
    Top,
}

/// What the window shows for a given width.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Arrangement {
    pub list: bool,
    pub result: ResultPlace,
}

/// `list_choice` is the rep's own choice (Ctrl+L / View → Lead list); `None` follows the width.
/// `list_width` is the list's width as the rep dragged it.
pub fn arrange(width: f32, list_choice: Option<bool>, list_width: f32) -> Arrangement {
    let list = list_choice.unwrap_or(width >= THREE_COLUMNS);
    let rest = if list { width - list_width } else { width };
    let result = if rest >= FORM_AND_RESULT {
        ResultPlace::Side
    } else {
        ResultPlace::Top
    };
    Arrangement { list, result }
}

/// Whether the result panel should use its compact header (smaller gauge and badge).
pub fn compact(height: f32) -> bool {
    height < 720.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_windows_show_three_columns() {
        for width in [1093.0, 1280.0, 1920.0] {
            assert_eq!(
                arrange(width, None, LIST_WIDTH),
                Arrangement {
                    list: true,
                    result: ResultPlace::Side
                },
                "{width}"
            );
        }
    }

    #[test]
    fn narrow_windows_fold_the_list_and_keep_the_result_beside_the_form() {
        assert_eq!(
            arrange(800.0, None, LIST_WIDTH),
            Arrangement {
                list: false,
                result: ResultPlace::Side
            }
        );
    }

    #[test]
    fn a_list_opened_on_a_narrow_window_puts_the_result_on_top() {
        assert_eq!(
            arrange(800.0, Some(true), LIST_WIDTH),
            Arrangement {
                list: true,
                result: ResultPlace::Top
            }
        );
        assert_eq!(
            arrange(MIN_WINDOW[0], None, LIST_WIDTH).result,
            ResultPlace::Top
        );
    }

    #[test]
    fn the_reps_choice_wins_over_the_width() {
        assert!(!arrange(1600.0, Some(false), LIST_WIDTH).list);
        assert!(arrange(700.0, Some(true), LIST_WIDTH).list);
    }
}
