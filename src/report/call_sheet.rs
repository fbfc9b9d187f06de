//! The day's call sheet: every lead whose follow-up is due that day or overdue, best first, as
//! a rep takes it to the phone — company, contact and role, phone and e-mail, score and class
//! with the reason, the what-if, the open questions of each unknown criterion (the anchors for
//! the call), the last note and ruled lines to write on. Made for paper: black on white, thin
//! rules, no coloured areas; a lead's block is kept on one page (about three to a page).

use super::ReportOptions;
use super::fonts::Face;
use super::layout::{Align, CONTENT_W, Layout, MARGIN_X, PAGE_H, Rgb3, Style, TOP, baseline};
use crate::domain::{Classification, Evaluation, Framework, Lead, what_if};
use crate::i18n::{
    PrintTexts, contact_line, describe_reason, describe_what_if, fill, format_date, print_texts,
    texts,
};

const INK: Rgb3 = Rgb3(0.0, 0.0, 0.0);
const GREY: Rgb3 = Rgb3::hex(0x555555);
const RULE: Rgb3 = Rgb3::hex(0x9a9a9a);

const BODY: Style = Style::new(Face::Regular, 8.5, INK);
const LABEL: Style = Style::new(Face::Bold, 8.5, INK);
const LEADING: f32 = 10.8;
/// Phone, e-mail and the follow-up's date: what the rep dials and looks for.
const REACH: Style = Style::new(Face::Bold, 8.5, INK);
const REACH_GAP: f32 = 16.0;
const NAME: Style = Style::new(Face::Bold, 12.5, INK);
/// Room for the class box and score at the right of the company's line.
const RESULT_W: f32 = 150.0;
const WRITING_LINES: usize = 3;
const WRITING_GAP: f32 = 17.0;

/// The sheet's title, also the PDF's: "Tagesplan 07.12.2026".
pub fn title(opts: &ReportOptions) -> String {
    format!(
        "{} {}",
        print_texts(opts.lang).sheet_title,
        format_date(opts.lang, opts.today)
    )
}

pub fn draw(
    l: &mut Layout,
    due: &[(&Lead, Evaluation)],
    fw: &Framework,
    rules: &Classification,
    opts: &ReportOptions,
    missing: &mut Vec<char>,
) {
    let p = print_texts(opts.lang);
    let day = format_date(opts.lang, opts.today);
    l.y = TOP;
    let b = baseline(l.y, 24.0, 19.0);
    l.text(
        MARGIN_X,
        b,
        p.sheet_title,
        Style::new(Face::Bold, 19.0, INK),
    );
    l.text_aligned(
        MARGIN_X,
        CONTENT_W,
        b,
        &day,
        Style::new(Face::Bold, 13.0, INK),
        Align::Right,
    );
    l.y += 27.0;
    let overdue = due
        .iter()
        .filter(|(lead, _)| lead.follow_up_overdue(opts.today))
        .count();
    let mut count = p.sheet_due.of(due.len(), &[]);
    if overdue > 0 {
        count = format!(
            "{count}, {}",
            fill(p.sheet_overdue, &[&overdue.to_string()])
        );
    }
    if !due.is_empty() {
        l.paragraph(&count, MARGIN_X, CONTENT_W, BODY.with_color(GREY), LEADING);
    }
    l.y += 3.0;
    l.hline(l.y, 1.0, INK);
    l.y += 8.0;
    l.set_running_head(
        format!("{} · {day}", p.sheet_title),
        Style::new(Face::Regular, 8.0, GREY),
    );
    if due.is_empty() {
        l.y += 20.0;
        let empty = fill(p.sheet_empty, &[&day]);
        l.paragraph(
            &empty,
            MARGIN_X,
            CONTENT_W,
            Style::new(Face::Regular, 12.0, INK),
            16.0,
        );
        return;
    }
    for (i, (lead, eval)) in due.iter().enumerate() {
        let block = Block::of(l, i + 1, lead, eval, fw, rules, opts, missing);
        block.draw(l, p);
    }
}

/// One lead on the sheet, wrapped and measured before it is drawn, so it is never split.
struct Block {
    number: String,
    name: Vec<String>,
    class: String,
    score: String,
    provisional: Option<&'static str>,
    /// Phone, e-mail, follow-up: label and value, by line.
    reach: Vec<Vec<(String, String)>>,
    /// "Label:" and its wrapped text, at a hanging indent.
    rows: Vec<(String, Vec<String>)>,
    indent: f32,
}

/// "Klasse B – …. B-Lead mit 65 Punkten. …" and the what-if; a blank lead is "not rated yet",
/// with no what-if.
fn reason_and_hint(
    lead: &Lead,
    eval: &Evaluation,
    fw: &Framework,
    rules: &Classification,
    lang: crate::domain::Lang,
) -> (String, Option<String>) {
    let t = texts(lang);
    // The sentence names the class itself ("B-Lead mit 55 Punkten. …"); the box beside the
    // name shows its letter. A lead not rated yet has no what-if.
    let reason = describe_reason(fw, rules, lang, eval);
    let hint = eval.rated.then(|| {
        what_if(fw, rules, &lead.assessment).map_or_else(
            || t.no_what_if.to_owned(),
            |w| describe_what_if(fw, lang, &w),
        )
    });
    (reason, hint)
}

impl Block {
    #[allow(clippy::too_many_arguments)]
    fn of(
        l: &Layout,
        number: usize,
        lead: &Lead,
        eval: &Evaluation,
        fw: &Framework,
        rules: &Classification,
        opts: &ReportOptions,
        missing: &mut Vec<char>,
    ) -> Block {
        let lang = opts.lang;
        let t = texts(lang);
        let p = print_texts(lang);
        let mut clean = |s: &str| l.fonts.clean(s, missing);
        let name = if lead.display_name().is_empty() {
            t.unnamed_lead.to_owned()
        } else {
            clean(lead.display_name())
        };
        let number = format!("{number}.");
        let name_x = MARGIN_X + l.width("00.", NAME) + 4.0;
        let mut name = l.wrap(&name, CONTENT_W - (name_x - MARGIN_X) - RESULT_W, NAME);
        name.truncate(2);

        let contact = contact_line(lead);
        let reach = reach_lines(l, lead, opts, CONTENT_W - (name_x - MARGIN_X), &mut clean);
        let (reason, hint) = reason_and_hint(lead, eval, fw, rules, lang);
        let open: Vec<(String, String)> = eval
            .open_criteria()
            .filter_map(|r| fw.criterion(&r.criterion))
            .map(|c| {
                let questions: Vec<&str> = c.open_questions.iter().map(|q| q.get(lang)).collect();
                (clean(c.name.get(lang)), clean(&questions.join(" · ")))
            })
            .collect();
        let note = last_note(&lead.notes).map(&mut clean);
        let contact = clean(contact.trim());
        let (reason, hint) = (clean(&reason), hint.map(|h| clean(&h)));

        let labels = [t.contact, t.reason, t.what_if, p.sheet_last_note]
            .into_iter()
            .map(str::to_owned)
            .chain(open.iter().map(|(name, _)| name.clone()));
        let indent = labels
            .map(|label| l.width(&format!("{label}:"), LABEL))
            .fold(0.0, f32::max)
            .min(120.0)
            + 8.0;
        let text_w = CONTENT_W - (name_x - MARGIN_X) - indent;
        let mut rows = Vec::new();
        // Long texts are cut after `max` lines, with "…" saying so; the open questions are
        // never cut (they are what the call is for).
        let mut row = |label: &str, text: &str, max: usize| {
            let mut lines = l.wrap(text, text_w, BODY);
            if lines.len() > max {
                lines.truncate(max);
                if let Some(last) = lines.last_mut() {
                    *last = l.fit(&format!("{last} …"), text_w, BODY);
                }
            }
            rows.push((format!("{label}:"), lines));
        };
        if !contact.is_empty() {
            row(t.contact, &contact, 2);
        }
        row(t.reason, &reason, 4);
        if let Some(hint) = &hint {
            row(t.what_if, hint, 3);
        }
        if !open.is_empty() {
            row(p.sheet_open_questions, "", 0);
            for (name, questions) in &open {
                row(name, questions, usize::MAX);
            }
        }
        if let Some(note) = &note {
            row(p.sheet_last_note, note, 3);
        }
        Block {
            number,
            name,
            class: eval
                .rated_class()
                .map_or_else(|| "–".to_owned(), |c| c.letter().to_owned()),
            score: format!("{} {}/100", t.score, eval.score),
            provisional: (eval.rated && eval.provisional).then_some(t.provisional),
            reach,
            rows,
            indent,
        }
    }

    fn height(&self) -> f32 {
        let name = self.name.len().max(1) as f32 * 16.0 + 4.0;
        let rows = self.reach.len() as f32 * LEADING
            + self
                .rows
                .iter()
                .map(|(_, lines)| lines.len().max(1) as f32 * LEADING)
                .sum::<f32>();
        name + rows + 6.0 + LEADING + WRITING_LINES as f32 * WRITING_GAP + 16.0
    }

    fn draw(&self, l: &mut Layout, p: &PrintTexts) {
        l.need(self.height());
        let top = l.y;
        let name_x = MARGIN_X + l.width("00.", NAME) + 4.0;
        l.text(MARGIN_X, baseline(top, 16.0, NAME.size), &self.number, NAME);
        let mut y = top;
        for line in &self.name {
            l.text(name_x, baseline(y, 16.0, NAME.size), line, NAME);
            y += 16.0;
        }
        self.result(l, top);
        l.y = y + 4.0;
        let text_x = name_x;
        for line in &self.reach {
            let b = baseline(l.y, LEADING, BODY.size);
            let mut x = text_x;
            for (label, value) in line {
                l.text(x, b, label, BODY.with_color(GREY));
                x += l.width(label, BODY) + 4.0;
                l.text(x, b, value, REACH);
                x += l.width(value, REACH) + REACH_GAP;
            }
            l.y += LEADING;
        }
        for (label, lines) in &self.rows {
            if label.is_empty() {
                l.lines(lines, text_x, BODY, LEADING);
                continue;
            }
            let b = baseline(l.y, LEADING, BODY.size);
            l.text(text_x, b, label, LABEL);
            if lines.is_empty() {
                l.y += LEADING;
                continue;
            }
            let lx = text_x + self.indent;
            l.lines(lines, lx, BODY, LEADING);
        }
        l.y += 6.0;
        let b = baseline(l.y, LEADING, BODY.size);
        l.text(text_x, b, &format!("{}:", p.sheet_call_notes), LABEL);
        l.y += LEADING;
        for _ in 0..WRITING_LINES {
            l.y += WRITING_GAP;
            l.line((text_x, l.y), (MARGIN_X + CONTENT_W, l.y), 0.5, RULE);
        }
        l.y += 10.0;
        l.hline(l.y, 0.8, INK);
        l.y += 6.0;
    }

    /// The class letter in an outlined box, the score and "provisional" beside it, at the
    /// right of the company's name.
    fn result(&self, l: &mut Layout, top: f32) {
        let right = MARGIN_X + CONTENT_W;
        let box_w = 20.0;
        let box_h = 18.0;
        let bx = right - box_w;
        let by = top - 1.0;
        for (from, to) in [
            ((bx, by), (bx + box_w, by)),
            ((bx + box_w, by), (bx + box_w, by + box_h)),
            ((bx + box_w, by + box_h), (bx, by + box_h)),
            ((bx, by + box_h), (bx, by)),
        ] {
            l.line(from, to, 1.0, INK);
        }
        let letter = Style::new(Face::Bold, 12.0, INK);
        l.text_aligned(
            bx,
            box_w,
            baseline(by, box_h, 12.0),
            &self.class,
            letter,
            Align::Center,
        );
        let score = Style::new(Face::Bold, 10.0, INK);
        let sw = RESULT_W - box_w - 8.0;
        l.text_aligned(
            bx - 8.0 - sw,
            sw,
            baseline(top, 10.0, 10.0),
            &self.score,
            score,
            Align::Right,
        );
        if let Some(provisional) = self.provisional {
            let small = Style::new(Face::Regular, 8.0, GREY);
            l.text_aligned(
                bx - 8.0 - sw,
                sw,
                baseline(top + 9.0, 10.0, 8.0),
                provisional,
                small,
                Align::Right,
            );
        }
    }
}

/// Phone, e-mail and the follow-up, to go right under the name with the values in bold to dial
/// from: label and value, as many to a line of `width` as fit.
fn reach_lines(
    l: &Layout,
    lead: &Lead,
    opts: &ReportOptions,
    width: f32,
    clean: &mut impl FnMut(&str) -> String,
) -> Vec<Vec<(String, String)>> {
    let t = texts(opts.lang);
    let p = print_texts(opts.lang);
    let mut reach: Vec<(String, String)> = Vec::new();
    for (label, value) in [
        (p.sheet_phone, lead.phone.trim()),
        (p.sheet_email, lead.email.trim()),
    ] {
        if !value.is_empty() {
            reach.push((format!("{label}:"), clean(value)));
        }
    }
    if let Some(date) = lead.follow_up {
        let mut due = format_date(opts.lang, date);
        if lead.follow_up_overdue(opts.today) {
            due.push_str(&format!(" ({})", t.overdue));
        }
        reach.push((format!("{}:", p.sheet_follow_up), due));
    }
    let mut lines: Vec<Vec<(String, String)>> = Vec::new();
    let mut used = f32::MAX;
    for (label, value) in reach {
        let value = l.fit(&value, width - l.width(&label, BODY) - 4.0, REACH);
        let w = l.width(&label, BODY) + 4.0 + l.width(&value, REACH);
        if used + REACH_GAP + w > width {
            lines.push(Vec::new());
            used = -REACH_GAP;
        }
        used += REACH_GAP + w;
        if let Some(line) = lines.last_mut() {
            line.push((label, value));
        }
    }
    lines
}

/// The last paragraph the rep wrote in the lead's notes.
fn last_note(notes: &str) -> Option<&str> {
    notes
        .trim()
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .last()
}

pub fn footer(l: &mut Layout, page: usize, pages: usize, opts: &ReportOptions) {
    let t = texts(opts.lang);
    let y = PAGE_H - 44.0;
    l.hline(y, 0.5, RULE);
    let style = Style::new(Face::Regular, 8.0, GREY);
    let b = y + 14.0;
    let left = format!("{} · LeadQ {}", title(opts), opts.version);
    l.text(MARGIN_X, b, &left, style);
    let page_text = format!("{} {} {} {}", t.page, page + 1, t.page_of, pages);
    l.text_aligned(MARGIN_X, CONTENT_W, b, &page_text, style, Align::Right);
}

#[cfg(test)]
mod tests {
    use super::last_note;

    #[test]
    fn the_last_note_is_the_last_paragraph() {
        assert_eq!(
            last_note("first call\n\nsecond call\n"),
            Some("second call")
        );
        assert_eq!(last_note("one line"), Some("one line"));
        assert_eq!(last_note("  \n\n "), None);
    }
}
