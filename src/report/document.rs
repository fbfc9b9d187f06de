//! What the report says and where: title, general information, result, the framework's criteria,
//! open questions, notes and the footer, laid out with [`Layout`].

use jiff::tz::TimeZone;

use super::ReportOptions;
use super::fonts::Face;
use super::layout::{
    Align, CONTENT_W, Cell, Layout, MARGIN_X, PAGE_H, PAGE_W, Rgb3, Style, TOP, Table, baseline,
    fit_columns,
};
use crate::domain::{
    Class, Classification, CriterionState, Evaluation, Field, Framework, Lang, Lead,
    format_revenue, what_if,
};
use crate::i18n::{
    Texts, answer_label, class_meaning, contact_line, criterion_name, describe_reason,
    describe_what_if, field_label, field_text, texts,
};

const INK: Rgb3 = Rgb3::hex(0x1f2933);
const MUTED: Rgb3 = Rgb3::hex(0x5f6b7a);
const ACCENT: Rgb3 = Rgb3::hex(0x1f4e79);
const RULE: Rgb3 = Rgb3::hex(0xd5dbe1);
const HEADER_BG: Rgb3 = Rgb3::hex(0xe8eef5);
const BAR_BG: Rgb3 = Rgb3::hex(0xe3e7ec);
const WHITE: Rgb3 = Rgb3(1.0, 1.0, 1.0);
const GREEN: Rgb3 = Rgb3::hex(0x2e7d32);
const AMBER: Rgb3 = Rgb3::hex(0xf2a900);
const AMBER_TEXT: Rgb3 = Rgb3::hex(0x9a6700);
const RED: Rgb3 = Rgb3::hex(0xc62828);
const PILL_BG: Rgb3 = Rgb3::hex(0xfff1cc);

const BODY: Style = Style::new(Face::Regular, 9.5, INK);
const BODY_LEADING: f32 = 13.0;
const SMALL: Style = Style::new(Face::Regular, 8.5, INK);
const LABEL: Style = Style::new(Face::Bold, 9.5, MUTED);
const TABLE_LEADING: f32 = 11.5;

pub fn class_color(class: Class) -> Rgb3 {
    match class {
        Class::A => GREEN,
        Class::B => AMBER,
        Class::C => RED,
    }
}

fn state_color(state: CriterionState) -> Rgb3 {
    match state {
        CriterionState::Full => GREEN,
        CriterionState::Partial => AMBER_TEXT,
        CriterionState::Unknown => MUTED,
        CriterionState::Knockout => RED,
    }
}

/// Everything the report draws from, computed once.
pub struct Input<'a> {
    pub lead: &'a Lead,
    pub fw: &'a Framework,
    pub rules: &'a Classification,
    pub opts: &'a ReportOptions,
    pub eval: Evaluation,
}

/// The report's title as it appears on the page and in the PDF's metadata.
pub fn title(lead: &Lead, lang: Lang) -> (String, String) {
    let t = texts(lang);
    let name = lead.display_name();
    let name = if name.is_empty() {
        t.unnamed_lead
    } else {
        name
    };
    (t.report_title.to_owned(), name.to_owned())
}

pub fn draw(l: &mut Layout, input: &Input, missing: &mut Vec<char>) {
    let mut d = Drawer { l, missing, input };
    d.title_block();
    d.general_info();
    d.result();
    d.overview();
    d.open_questions();
    d.notes();
}

struct Drawer<'l, 'f, 'i> {
    l: &'l mut Layout<'f>,
    missing: &'l mut Vec<char>,
    input: &'i Input<'i>,
}

impl Drawer<'_, '_, '_> {
    fn t(&self) -> &'static Texts {
        texts(self.input.opts.lang)
    }

    fn lang(&self) -> Lang {
        self.input.opts.lang
    }

    /// Text as the fonts can show it; what they cannot is noted for the caller.
    fn clean(&mut self, s: &str) -> String {
        self.l.fonts.clean(s, self.missing)
    }

    fn title_block(&mut self) {
        let (title, name) = title(self.input.lead, self.lang());
        let name = self.clean(&name);
        let today = crate::i18n::format_date(self.lang(), self.input.opts.today);
        let t = self.t();
        let l = &mut *self.l;
        l.y = TOP;
        let title_style = Style::new(Face::Bold, 20.0, ACCENT);
        let date = format!("{}: {today}", t.report_date);
        let date_style = Style::new(Face::Regular, 9.0, MUTED);
        let b = baseline(l.y, 24.0, 20.0);
        l.text(MARGIN_X, b, &title, title_style);
        l.text_aligned(MARGIN_X, CONTENT_W, b, &date, date_style, Align::Right);
        l.y += 28.0;
        let name_style = Style::new(Face::Bold, 14.0, INK);
        // At most three lines in the title; the general information has the whole name.
        let mut lines = l.wrap(&name, CONTENT_W, name_style);
        if lines.len() > 3 {
            lines.truncate(3);
            let last = format!("{} …", lines[2]);
            lines[2] = l.fit(&last, CONTENT_W, name_style);
        }
        l.lines(&lines, MARGIN_X, name_style, 18.0);
        l.y += 6.0;
        l.hline(l.y, 1.2, ACCENT);
        l.y += 4.0;
        let head = format!("{title} · {name}");
        l.set_running_head(head, Style::new(Face::Regular, 8.0, MUTED));
    }

    fn heading(&mut self, text: &str) {
        let l = &mut *self.l;
        l.gap(13.0);
        // Keep the heading with at least a few lines of what follows.
        l.need(20.0 + 3.0 * BODY_LEADING);
        let style = Style::new(Face::Bold, 11.0, ACCENT);
        l.text(MARGIN_X, baseline(l.y, 15.0, 11.0), text, style);
        l.y += 16.0;
        l.hline(l.y, 0.6, RULE);
        l.y += 5.0;
    }

    fn general_info(&mut self) {
        let input = self.input;
        let lead = input.lead;
        let lang = self.lang();
        let t = self.t();
        let w = texts(lang);
        let mut items: Vec<(&str, String)> = Vec::new();
        for field in Field::ALL {
            let value = match field {
                // The role is part of the contact line; the notes have a section of their own.
                Field::Role | Field::Notes => continue,
                Field::Contact => Some(contact_line(lead)).filter(|c| !c.trim().is_empty()),
                // The label carries the unit.
                Field::Revenue => lead
                    .revenue_meur
                    .map(|r| format_revenue(r, t.decimal_comma)),
                Field::FollowUp if lead.follow_up_overdue(input.opts.today) => {
                    field_text(lang, lead, field).map(|d| format!("{d} ({})", w.overdue))
                }
                _ => field_text(lang, lead, field),
            };
            // Contact details a lead does not have take no room; the rest say "not given".
            let optional = matches!(
                field,
                Field::Email | Field::Phone | Field::Website | Field::CrmId
            );
            if value.is_none() && optional {
                continue;
            }
            let value = value.map_or_else(|| t.not_given.to_owned(), |v| self.clean(&v));
            items.push((field_label(lang, field), value));
        }
        let updated = crate::i18n::format_date(
            lang,
            lead.updated.to_zoned_datetime(TimeZone::system()).date(),
        );
        items.push((t.updated, updated));
        // Two columns, filled top to bottom: the lead on the left, its state on the right.
        let half = items.len().div_ceil(2);
        let (left, right) = items.split_at(half);
        let rows: Vec<(&str, &str, &str, &str)> = left
            .iter()
            .enumerate()
            .map(|(i, (l1, v1))| {
                let (l2, v2) = right.get(i).map_or(("", ""), |(l, v)| (*l, v.as_str()));
                (*l1, v1.as_str(), l2, v2)
            })
            .collect();

        self.heading(t.general_info);
        let l = &mut *self.l;
        let pad = 3.0;
        let half = (CONTENT_W + 2.0 * pad) / 2.0;
        let table = Table {
            x: MARGIN_X - pad,
            widths: vec![100.0, half - 100.0, 100.0, half - 100.0],
            pad_x: pad,
            pad_y: 2.0,
            leading: BODY_LEADING,
            header: None,
            header_align: Vec::new(),
            rule: None,
        };
        let label = Style::new(Face::Regular, 8.5, MUTED);
        for (l1, v1, l2, v2) in rows {
            let cells = [
                table.cell(l, 0, l1, label, Align::Left),
                table.cell(l, 1, v1, BODY, Align::Left),
                table.cell(l, 2, l2, label, Align::Left),
                table.cell(l, 3, v2, BODY, Align::Left),
            ];
            table.row(l, &cells);
        }
    }

    fn result(&mut self) {
        let input = self.input;
        let eval = &input.eval;
        let lang = self.lang();
        let t = self.t();
        let reason = describe_reason(input.fw, input.rules, lang, eval);
        let reason = self.clean(&reason);
        // A blank lead is not judged: no class and no what-if.
        let hint = eval.rated.then(|| {
            what_if(input.fw, input.rules, &input.lead.assessment).map_or_else(
                || t.no_what_if.to_owned(),
                |w| describe_what_if(input.fw, lang, &w),
            )
        });
        let hint = hint.map(|h| self.clean(&h));
        let meaning = match eval.rated_class() {
            Some(class) => format!(
                "{} {} – {}",
                t.class,
                class.letter(),
                class_meaning(lang, class)
            ),
            None => format!("{} – ({})", t.class, t.not_rated),
        };

        self.heading(t.result);
        let l = &mut *self.l;
        let badge_w = 54.0;
        let badge_h = 46.0;
        let pill_h = 15.0;
        let pill = eval.rated && eval.provisional;
        let block_h = badge_h + if pill { pill_h + 4.0 } else { 0.0 };
        l.need(block_h + 4.0);
        let top = l.y + 2.0;

        class_badge(
            l,
            top,
            badge_w,
            badge_h,
            eval.rated_class(),
            pill.then_some(t.provisional),
        );
        let color = eval.rated_class().map_or(MUTED, class_color);
        // Right of the badge: score with its bar, class meaning, reason and what-if.
        let x = MARGIN_X + badge_w + 14.0;
        let w = PAGE_W - MARGIN_X - x;
        let line_h = 24.0;
        score_line(l, x, top, line_h, eval.score, t.score, color, input.rules);
        l.y = top + line_h + 6.0;

        let class_style = Style::new(Face::Bold, 10.0, INK);
        l.paragraph(&meaning, x, w, class_style, 14.0);
        l.y += 2.0;
        let indent = [t.reason, t.what_if]
            .iter()
            .map(|label| l.width(&format!("{label}:"), LABEL))
            .fold(0.0, f32::max)
            + 6.0;
        labelled(l, x, w, indent, t.reason, &reason);
        if let Some(hint) = &hint {
            labelled(l, x, w, indent, t.what_if, hint);
        }
        l.y = l.y.max(top + block_h);
    }

    /// One row per criterion, its texts cleaned for the font.
    fn overview_rows(&mut self) -> Vec<OverviewRow> {
        let input = self.input;
        let lang = self.lang();
        let mut rows = Vec::new();
        for result in &input.eval.criteria {
            let question = input
                .fw
                .criterion(&result.criterion)
                .map_or("", |c| c.question.get(lang));
            let note = input.lead.assessment.note(&result.criterion).trim();
            rows.push(OverviewRow {
                name: self.clean(criterion_name(input.fw, lang, &result.criterion)),
                question: self.clean(question),
                answer: self.clean(answer_label(
                    input.fw,
                    lang,
                    &result.criterion,
                    &result.answer,
                )),
                points: format!("{}/{}", result.points, result.max_points),
                note: self.clean(note),
                state: result.state,
            });
        }
        rows
    }

    fn overview(&mut self) {
        let input = self.input;
        let lang = self.lang();
        let t = self.t();
        let w = texts(lang);
        let rows = self.overview_rows();
        // Names the framework ("Qualifizierung nach MEDDIC"): a report read later, or by another
        // team, says by which criteria the lead was judged.
        let heading = self.clean(&crate::i18n::fill(
            t.overview_by,
            &[input.fw.name.get(lang)],
        ));
        self.heading(&heading);
        let l = &mut *self.l;
        let header_style = Style::new(Face::Bold, 8.5, INK);
        let titles = vec![
            w.criterion.to_owned(),
            t.question.to_owned(),
            t.answer.to_owned(),
            t.points.to_owned(),
            t.note.to_owned(),
        ];
        let pad = 5.0;
        let bold = SMALL.with_face(Face::Bold);
        // Criterion and points are as wide as they need; question, answer and note share the
        // rest by how much text they hold, so an empty note column gives way to the questions.
        let natural = |title: &str, texts: &mut dyn Iterator<Item = &str>, style: Style| {
            texts
                .map(|s| l.width(s, style))
                .fold(l.width(title, header_style), f32::max)
                + 2.0 * pad
                + 1.0
        };
        // Names wrap at 110 pt, but never inside a word: MEDDIC's German "Budgetverantwortlicher"
        // and "Entscheidungskriterien" widen the column as far as their longest word needs.
        let longest_word = natural(
            "",
            &mut rows.iter().flat_map(|r| r.name.split_whitespace()),
            bold,
        );
        let name_w = natural(&titles[0], &mut rows.iter().map(|r| r.name.as_str()), bold)
            .max(natural(w.total, &mut std::iter::empty(), bold))
            .min(110.0)
            .max(longest_word.min(160.0));
        let points_w = natural(&titles[3], &mut ["100/100"].into_iter(), bold);
        let shared = fit_columns(
            &[
                natural(
                    &titles[1],
                    &mut rows.iter().map(|r| r.question.as_str()),
                    SMALL,
                ),
                natural(
                    &titles[2],
                    &mut rows.iter().map(|r| r.answer.as_str()),
                    SMALL,
                ),
                natural(&titles[4], &mut rows.iter().map(|r| r.note.as_str()), SMALL),
            ],
            &[130.0, 95.0, 110.0],
            CONTENT_W - name_w - points_w,
        );
        let table = Table {
            x: MARGIN_X,
            widths: vec![name_w, shared[0], shared[1], points_w, shared[2]],
            pad_x: pad,
            pad_y: 4.0,
            leading: TABLE_LEADING,
            header: Some((titles, header_style, HEADER_BG)),
            header_align: vec![Align::Left, Align::Left, Align::Left, Align::Right],
            rule: Some(RULE),
        };
        table.draw_header(l);
        for row in &rows {
            overview_row(l, &table, row, t.note, bold);
        }
        let eval = &input.eval;
        let total = format!("{}/{}", eval.points, eval.max_points);
        let cells = [
            table.cell(l, 0, w.total, bold, Align::Left),
            Cell::empty(),
            Cell::empty(),
            table.cell(l, 3, &total, bold, Align::Right),
            Cell::empty(),
        ];
        table.row(l, &cells);
    }

    fn open_questions(&mut self) {
        let input = self.input;
        let lang = self.lang();
        let t = self.t();
        let mut groups = Vec::new();
        for result in input.eval.open_criteria() {
            let Some(c) = input.fw.criterion(&result.criterion) else {
                continue;
            };
            let name = self.clean(c.name.get(lang));
            let questions: Vec<String> = c
                .open_questions
                .iter()
                .map(|q| self.clean(q.get(lang)))
                .collect();
            groups.push((name, questions));
        }

        self.heading(t.open_questions);
        let l = &mut *self.l;
        if groups.is_empty() {
            l.paragraph(t.no_open_questions, MARGIN_X, CONTENT_W, BODY, BODY_LEADING);
            return;
        }
        let indent = 14.0;
        for (i, (name, questions)) in groups.iter().enumerate() {
            if i > 0 {
                l.gap(4.0);
            }
            l.need(2.0 * BODY_LEADING);
            l.paragraph(
                name,
                MARGIN_X,
                CONTENT_W,
                BODY.with_face(Face::Bold),
                BODY_LEADING,
            );
            for q in questions {
                let lines = l.wrap(q, CONTENT_W - indent, BODY);
                l.need(BODY_LEADING);
                l.text(
                    MARGIN_X + 3.0,
                    baseline(l.y, BODY_LEADING, BODY.size),
                    "•",
                    BODY.with_color(MUTED),
                );
                l.lines(&lines, MARGIN_X + indent, BODY, BODY_LEADING);
            }
        }
    }

    /// The rep's notes; a report without notes has no empty section for them.
    fn notes(&mut self) {
        let notes = self.input.lead.notes.trim();
        if notes.is_empty() {
            return;
        }
        let text = self.clean(notes);
        self.heading(self.t().notes);
        self.l
            .paragraph(&text, MARGIN_X, CONTENT_W, BODY, BODY_LEADING);
    }
}

/// "Label: text" with the text wrapped in a hanging indent; a label too wide for that gets
/// a line of its own.
fn labelled(l: &mut Layout, x: f32, w: f32, indent: f32, label: &str, text: &str) {
    let label = format!("{label}:");
    let (tx, tw) = if indent > w * 0.4 {
        (x, w)
    } else {
        (x + indent, w - indent)
    };
    let lines = l.wrap(text, tw, BODY);
    l.need(BODY_LEADING);
    l.text(x, baseline(l.y, BODY_LEADING, BODY.size), &label, LABEL);
    if tx == x {
        l.y += BODY_LEADING;
    }
    l.lines(&lines, tx, BODY, BODY_LEADING);
}

pub fn footer(l: &mut Layout, page: usize, pages: usize, opts: &ReportOptions) {
    let t = texts(opts.lang);
    let w = texts(opts.lang);
    let y = PAGE_H - 44.0;
    l.hline(y, 0.6, RULE);
    let style = Style::new(Face::Regular, 8.0, MUTED);
    let b = y + 14.0;
    l.text(MARGIN_X, b, &format!("LeadQ {}", opts.version), style);
    let page_text = format!("{} {} {} {}", t.page, page + 1, w.page_of, pages);
    l.text_aligned(MARGIN_X, CONTENT_W, b, &page_text, style, Align::Right);
}

/// A criterion's row in the report's overview of the framework's criteria.
struct OverviewRow {
    name: String,
    question: String,
    answer: String,
    points: String,
    note: String,
    state: CriterionState,
}

/// One criterion's row; a long note gets a full-width line of its own under it.
fn overview_row(l: &mut Layout, table: &Table, row: &OverviewRow, note_label: &str, bold: Style) {
    let answer_style = if row.state == CriterionState::Unknown {
        SMALL.with_color(MUTED)
    } else {
        SMALL
    };
    let mut cells = vec![
        table.cell(l, 0, &row.name, bold, Align::Left),
        table.cell(l, 1, &row.question, SMALL.with_color(MUTED), Align::Left),
        table.cell(l, 2, &row.answer, answer_style, Align::Left),
        table.cell(
            l,
            3,
            &row.points,
            bold.with_color(state_color(row.state)),
            Align::Right,
        ),
        table.cell(l, 4, &row.note, SMALL, Align::Left),
    ];
    // A long note would make a tall, narrow column: it gets a full-width line of its
    // own under the criterion instead.
    let others = cells[..4].iter().map(|c| c.lines.len()).max().unwrap_or(1);
    if cells[4].lines.len() > others.max(4) {
        cells[4] = Cell::empty();
        table.row_ruled(l, &cells, false);
        let note = [
            table.cell(l, 0, note_label, SMALL.with_color(MUTED), Align::Left),
            table.cell_span(l, 1, 4, &row.note, SMALL, Align::Left),
        ];
        table.row(l, &note);
    } else {
        table.row(l, &cells);
    }
}

/// The class letter on its colour, and "provisional" under it while criteria are unknown.
fn class_badge(
    l: &mut Layout,
    top: f32,
    badge_w: f32,
    badge_h: f32,
    class: Option<Class>,
    provisional: Option<&str>,
) {
    let pill_h = 15.0;
    // A lead not rated yet: a pale badge with a dash.
    let (color, letter_color, letter) = match class {
        Some(class) => (
            class_color(class),
            if class == Class::B { INK } else { WHITE },
            class.letter(),
        ),
        None => (BAR_BG, MUTED, "–"),
    };
    l.round_rect(MARGIN_X, top, badge_w, badge_h, 5.0, color);
    let letter_style = Style::new(Face::Bold, 28.0, letter_color);
    l.text_aligned(
        MARGIN_X,
        badge_w,
        baseline(top, badge_h, 28.0),
        letter,
        letter_style,
        Align::Center,
    );
    if let Some(provisional) = provisional {
        let pill_top = top + badge_h + 4.0;
        l.round_rect(MARGIN_X, pill_top, badge_w, pill_h, 7.5, PILL_BG);
        let style = Style::new(Face::Bold, 7.5, AMBER_TEXT);
        let text = l.fit(provisional, badge_w - 4.0, style);
        l.text_aligned(
            MARGIN_X,
            badge_w,
            baseline(pill_top, pill_h, 7.5),
            &text,
            style,
            Align::Center,
        );
    }
}

/// "Score 87 / 100" with a bar in the class's colour and ticks where the classes begin, so the
/// bar says how far the next class is.
#[allow(clippy::too_many_arguments)]
fn score_line(
    l: &mut Layout,
    x: f32,
    top: f32,
    line_h: f32,
    value: u8,
    label: &str,
    color: Rgb3,
    rules: &Classification,
) {
    let number = Style::new(Face::Bold, 18.0, INK);
    let score_label = Style::new(Face::Regular, 9.0, MUTED);
    let b = baseline(top, line_h, 18.0);
    l.text(x, b, label, score_label);
    let nx = x + l.width(label, score_label) + 6.0;
    let score = value.to_string();
    l.text(nx, b, &score, number);
    let of = Style::new(Face::Regular, 10.0, MUTED);
    let ox = nx + l.width(&score, number) + 2.0;
    l.text(ox, b, "/ 100", of);
    let bar_x = x + 118.0;
    let bar_w = (PAGE_W - MARGIN_X - bar_x).max(40.0);
    let bar_h = 9.0;
    let bar_top = top + (line_h - bar_h) / 2.0 - 2.0;
    l.round_rect(bar_x, bar_top, bar_w, bar_h, 4.5, BAR_BG);
    let fill = bar_w * f32::from(value.min(100)) / 100.0;
    if fill > 0.5 {
        l.round_rect(bar_x, bar_top, fill.max(bar_h), bar_h, 4.5, color);
    }
    // Ticks where the classes begin, so the bar says how far the next class is.
    let tick = Style::new(Face::Regular, 6.5, MUTED);
    for rule in &rules.rules {
        let tx = bar_x + bar_w * f32::from(rule.min_score.min(100)) / 100.0;
        l.line((tx, bar_top - 2.0), (tx, bar_top + bar_h + 2.0), 0.8, INK);
        let label = format!("{} ≥ {}", rule.class.letter(), rule.min_score);
        let lw = l.width(&label, tick);
        let lx = (tx - lw / 2.0).clamp(bar_x, PAGE_W - MARGIN_X - lw);
        l.text(lx, bar_top + bar_h + 9.0, &label, tick);
    }
}
