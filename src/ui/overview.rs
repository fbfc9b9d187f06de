//! The pipeline at a glance (View → Overview, Ctrl+2): classes × stages, follow-ups, the score
//! distribution, the funnel and what is still unknown. Every number is a click that filters the
//! list to the leads behind it.

use egui::{RichText, Ui};
use egui_plot::{Bar, BarChart, Plot, VLine};

use super::action::Action;
use super::cx::Cx;
use super::theme::{AMBER, RED, class_color};
use crate::app::{DueFilter, ListView};
use crate::domain::{Class, Classification, Framework, Lang, Pipeline, Stage};
use crate::i18n::{UiTexts, criterion_name, fill, stage_label};

/// What the overview reads: the numbers, the list's current view (clicks change it) and the
/// framework and rules for names and thresholds.
pub struct OverviewInput<'a> {
    pub pipeline: &'a Pipeline,
    pub view: &'a ListView,
    pub framework: &'a Framework,
    pub rules: &'a Classification,
    /// Whether the numbers count the whole folder (else the leads the list shows).
    pub whole: bool,
}

pub fn overview(ui: &mut Ui, cx: &Cx, input: &OverviewInput, actions: &mut Vec<Action>) {
    let Cx { t, lang, .. } = *cx;
    egui::ScrollArea::vertical()
        .auto_shrink(false)
        .show(ui, |ui| {
            ui.add_space(4.0);
            ui.horizontal(|ui| {
                ui.heading(t.cmd_overview);
                ui.add_space(12.0);
                let mut whole = input.whole;
                if ui.checkbox(&mut whole, t.overview_whole_folder).changed() {
                    actions.push(Action::OverviewWhole(whole));
                }
            });
            ui.label(
                RichText::new(fill(
                    t.overview_counted,
                    &[&input.pipeline.total.to_string()],
                ))
                .weak(),
            );
            ui.add_space(8.0);
            // Two columns where the class × stage table fits into half the width (its width
            // as the last pass measured it); on a laptop, or with large counts, one column, so
            // that the right column never covers the table's Σ.
            let matrix_width = ui.scope_id().with("overview-matrix-width");
            let need = ui.data(|d| d.get_temp::<f32>(matrix_width)).unwrap_or(0.0);
            let left = |ui: &mut Ui, actions: &mut Vec<Action>| {
                let width = matrix(ui, t, lang, input, actions);
                if (width - need).abs() > 0.5 {
                    ui.data_mut(|d| d.insert_temp(matrix_width, width));
                    // Laid out again at once with the width now known, never shown wrong.
                    ui.ctx()
                        .request_discard("the overview's table changed its width");
                }
                ui.add_space(12.0);
                follow_ups(ui, t, input, actions);
                ui.add_space(12.0);
                funnel(ui, t, lang, input.pipeline);
            };
            let right = |ui: &mut Ui, actions: &mut Vec<Action>| {
                unknown(ui, t, lang, input, actions);
                ui.add_space(12.0);
                scores(ui, t, input);
            };
            if ui.available_width() >= 2.0 * (need + COLUMN_GAP) {
                ui.columns(2, |cols| {
                    left(&mut cols[0], actions);
                    right(&mut cols[1], actions);
                });
            } else {
                left(ui, actions);
                ui.add_space(12.0);
                right(ui, actions);
            }
        });
}

/// Room between the table and the right column, beyond the columns' own spacing.
const COLUMN_GAP: f32 = 16.0;

/// A view of the list that shows only what a click asked for, keeping the rep's search and sort.
fn filtered(view: &ListView, change: impl FnOnce(&mut ListView)) -> ListView {
    let mut v = ListView {
        query: view.query.clone(),
        sort: view.sort,
        ..ListView::default()
    };
    change(&mut v);
    v
}

/// A count that filters the list when clicked.
/// Its accessible name says what it counts ("A · SQL – vertriebsqualifiziert: 3"), not only
/// the number.
fn count_button(ui: &mut Ui, text: String, hint: &str, actions: &mut Vec<Action>, to: ListView) {
    let r = ui.button(&text);
    r.widget_info(|| {
        egui::WidgetInfo::labeled(egui::Role::Button, true, format!("{hint}: {text}"))
    });
    if r.on_hover_text(hint).clicked() {
        actions.push(Action::FilterList(to));
    }
}

/// The class × stage table; returns its width.
fn matrix(
    ui: &mut Ui,
    t: &UiTexts,
    lang: Lang,
    input: &OverviewInput,
    actions: &mut Vec<Action>,
) -> f32 {
    let p = input.pipeline;
    ui.label(RichText::new(t.overview_matrix).strong());
    let table = egui::Grid::new("class-stage")
        .num_columns(Stage::ALL.len() + 2)
        .spacing([10.0, 6.0])
        .show(ui, |ui| {
            ui.label("");
            for s in Stage::ALL {
                ui.label(RichText::new(stage_short(s)).strong())
                    .on_hover_text(stage_label(lang, s));
            }
            ui.label(RichText::new("Σ").strong());
            ui.end_row();
            for c in Class::ALL {
                ui.label(RichText::new(c.letter()).strong().color(class_color(c)));
                for s in Stage::ALL {
                    let hint = format!("{} · {}", c.letter(), stage_label(lang, s));
                    let to = filtered(input.view, |v| {
                        v.class = Some(c);
                        v.stage = Some(s);
                    });
                    count_button(ui, p.cell(c, s).to_string(), &hint, actions, to);
                }
                ui.label(p.class(c).to_string());
                ui.end_row();
            }
            // Leads not rated yet are in no class: a row of their own.
            if p.not_rated() > 0 {
                let not_rated = crate::i18n::texts(lang).not_rated;
                ui.label(RichText::new("–").strong())
                    .on_hover_text(not_rated);
                for (i, _) in Stage::ALL.iter().enumerate() {
                    ui.label(p.not_rated_stage[i].to_string());
                }
                ui.label(p.not_rated().to_string()).on_hover_text(not_rated);
                ui.end_row();
            }
            ui.label(RichText::new("Σ").strong());
            for s in Stage::ALL {
                ui.label(p.stage(s).to_string());
            }
            ui.label(RichText::new(p.total.to_string()).strong());
            ui.end_row();
        });
    if p.provisional > 0 {
        ui.label(
            RichText::new(fill(t.overview_provisional, &[&p.provisional.to_string()]))
                .small()
                .color(AMBER),
        );
    }
    table.response.rect.width()
}

fn stage_short(stage: Stage) -> &'static str {
    match stage {
        Stage::Mql => "MQL",
        Stage::Sal => "SAL",
        Stage::Sql => "SQL",
        Stage::Disqualified => "DQ",
    }
}

fn follow_ups(ui: &mut Ui, t: &UiTexts, input: &OverviewInput, actions: &mut Vec<Action>) {
    let f = input.pipeline.follow_ups;
    ui.label(RichText::new(t.overview_follow_ups).strong());
    ui.horizontal_wrapped(|ui| {
        for (filter, label, n) in [
            (DueFilter::Overdue, t.overdue, f.overdue),
            (DueFilter::Today, t.due_today, f.today),
            (DueFilter::NextWeek, t.due_next_week, f.next_7_days),
        ] {
            let mut text = RichText::new(format!("{label}: {n}"));
            if filter == DueFilter::Overdue && n > 0 {
                text = text.color(RED);
            }
            if ui.button(text).clicked() {
                actions.push(Action::FilterList(filtered(input.view, |v| {
                    v.due = Some(filter);
                })));
            }
        }
    });
}

fn funnel(ui: &mut Ui, t: &UiTexts, lang: Lang, p: &Pipeline) {
    ui.label(RichText::new(t.overview_funnel).strong());
    let steps = p.funnel();
    let max = steps.iter().map(|s| s.1).max().unwrap_or(0).max(1);
    let width = ui.available_width().min(360.0);
    for (stage, n, moved_on) in steps {
        ui.horizontal(|ui| {
            let (rect, _) =
                ui.allocate_exact_size(egui::vec2(width * 0.45, 16.0), egui::Sense::hover());
            let mut bar = rect;
            bar.set_width(rect.width() * n as f32 / max as f32);
            ui.painter()
                .rect_filled(bar, 3.0, ui.visuals().selection.bg_fill);
            let mut text = format!("{} {n}", stage_short(stage));
            if let Some(share) = moved_on {
                text = format!(
                    "{text} · {}",
                    fill(t.overview_moved_on, &[&share.to_string()])
                );
            }
            ui.label(text).on_hover_text(stage_label(lang, stage));
        });
    }
}

fn unknown(ui: &mut Ui, t: &UiTexts, lang: Lang, input: &OverviewInput, actions: &mut Vec<Action>) {
    let p = input.pipeline;
    ui.label(RichText::new(t.overview_unknown).strong());
    ui.label(RichText::new(t.overview_unknown_hint).small().weak());
    for (criterion, n) in &p.unknown {
        let name = criterion_name(input.framework, lang, criterion);
        let text = fill(
            t.overview_unknown_line,
            &[name, &n.to_string(), &p.open.to_string()],
        );
        let to = filtered(input.view, |v| v.unknown = Some(criterion.clone()));
        count_button(ui, text, t.overview_unknown_hint, actions, to);
    }
}

fn scores(ui: &mut Ui, t: &UiTexts, input: &OverviewInput) {
    ui.label(RichText::new(t.overview_scores).strong());
    let bars: Vec<Bar> = input
        .pipeline
        .scores
        .iter()
        .enumerate()
        .map(|(i, &n)| Bar::new(i as f64 * 10.0 + 5.0, n as f64).width(9.0))
        .collect();
    let threshold = |class: Class| {
        input
            .rules
            .rules
            .iter()
            .find(|r| r.class == class)
            .map(|r| f64::from(r.min_score))
    };
    Plot::new("score-distribution")
        .height(150.0)
        .include_x(0.0)
        .include_x(100.0)
        .include_y(0.0)
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .show(ui, |plot| {
            plot.bar_chart(BarChart::new(t.leads_word, bars));
            for class in [Class::A, Class::B] {
                if let Some(x) = threshold(class) {
                    plot.vline(
                        VLine::new(format!("{} ≥ {x}", class.letter()), x)
                            .color(class_color(class)),
                    );
                }
            }
        });
}
