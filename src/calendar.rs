//! Follow-ups as an iCalendar file (RFC 5545) that Outlook, Apple Calendar and Thunderbird open:
//! one all-day event per lead with a follow-up date. The event's UID is the lead's id, so
//! importing a newer export updates the event instead of adding a second one.

use jiff::Timestamp;
use jiff::civil::Date;

use crate::domain::{Evaluation, Field, Framework, Lang, Lead};
use crate::i18n::{contact_line, field_label, texts, ui_texts};

/// The calendar text (CRLF line ends, folded at 75 bytes) for the leads that have a follow-up.
pub fn follow_ups_ics(
    leads: &[(&Lead, &Evaluation)],
    framework: &Framework,
    lang: Lang,
    now: Timestamp,
) -> String {
    let mut out = String::new();
    let stamp = now.strftime("%Y%m%dT%H%M%SZ").to_string();
    for line in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        &format!(
            "PRODID:-//LeadQ//LeadQ {}//{}",
            crate::VERSION,
            lang.code().to_uppercase()
        ),
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ] {
        push_line(&mut out, line);
    }
    for (lead, eval) in leads {
        let Some(date) = lead.follow_up else {
            continue;
        };
        push_line(&mut out, "BEGIN:VEVENT");
        push_line(&mut out, &format!("UID:{}@leadq", lead.id));
        push_line(&mut out, &format!("DTSTAMP:{stamp}"));
        push_line(&mut out, &format!("DTSTART;VALUE=DATE:{}", ics_date(date)));
        let next = date.tomorrow().unwrap_or(date);
        push_line(&mut out, &format!("DTEND;VALUE=DATE:{}", ics_date(next)));
        push_line(
            &mut out,
            &format!("SUMMARY:{}", escape(&summary(lead, eval, lang))),
        );
        push_line(
            &mut out,
            &format!(
                "DESCRIPTION:{}",
                escape(&description(lead, eval, framework, lang))
            ),
        );
        push_line(&mut out, "TRANSP:TRANSPARENT");
        push_line(&mut out, "END:VEVENT");
    }
    push_line(&mut out, "END:VCALENDAR");
    out
}

fn ics_date(d: Date) -> String {
    d.strftime("%Y%m%d").to_string()
}

/// "Wiedervorlage: Max Mustermann GmbH (B)".
fn summary(lead: &Lead, eval: &Evaluation, lang: Lang) -> String {
    let tx = texts(lang);
    let name = if lead.display_name().is_empty() {
        tx.unnamed_lead
    } else {
        lead.display_name()
    };
    let mut class = match eval.rated_class() {
        Some(class) => class.letter().to_owned(),
        None => tx.not_rated.to_owned(),
    };
    if eval.rated && eval.provisional {
        class.push('?');
    }
    format!("{}: {name} ({class})", ui_texts(lang).calendar_follow_up)
}

/// Who to call, the score and class, and what to ask.
fn description(lead: &Lead, eval: &Evaluation, framework: &Framework, lang: Lang) -> String {
    let tx = texts(lang);
    let mut lines = Vec::new();
    let contact = contact_line(lead);
    if !contact.is_empty() {
        lines.push(format!("{}: {contact}", tx.contact));
    }
    // How to reach them, when the lead says.
    for field in [Field::Phone, Field::Email] {
        let value = lead.text(field).trim();
        if !value.is_empty() {
            lines.push(format!("{}: {value}", field_label(lang, field)));
        }
    }
    lines.push(if eval.rated {
        format!(
            "{} {} · {} {}",
            tx.score,
            eval.score,
            tx.class,
            eval.class.letter()
        )
    } else {
        format!("{} – · {} – ({})", tx.score, tx.class, tx.not_rated)
    });
    let questions: Vec<String> = eval
        .open_criteria()
        .filter_map(|c| framework.criterion(&c.criterion))
        .flat_map(|c| {
            c.open_questions
                .iter()
                .map(move |q| format!("- {}: {}", c.name.get(lang), q.get(lang)))
        })
        .collect();
    if !questions.is_empty() {
        lines.push(format!("{}:", tx.open_questions));
        lines.extend(questions);
    }
    lines.join("\n")
}

/// TEXT values escape backslash, semicolon, comma and line breaks (RFC 5545 §3.3.11).
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// One content line, folded so that no line is longer than 75 bytes (never inside a UTF-8
/// character), each ending in CRLF.
fn push_line(out: &mut String, line: &str) {
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_fold_at_character_boundaries() {
        let mut out = String::new();
        push_line(&mut out, &format!("SUMMARY:{}", "Müller ".repeat(30)));
        for line in out.split("\r\n") {
            assert!(line.len() <= 75, "{line:?}");
        }
        let unfolded = out.replace("\r\n ", "");
        assert_eq!(unfolded, format!("SUMMARY:{}\r\n", "Müller ".repeat(30)));
    }

    #[test]
    fn the_event_says_how_to_reach_the_lead() {
        let fw = Framework::builtin().unwrap();
        let rules = crate::domain::Classification::builtin(&fw).unwrap();
        let mut lead = Lead::new(uuid::Uuid::nil(), jiff::Timestamp::UNIX_EPOCH);
        lead.contact = "Jana Petersen".into();
        lead.phone = "+49 40 123456".into();
        let eval = lead.evaluate(&fw, &rules);
        let text = description(&lead, &eval, &fw, Lang::De);
        assert!(text.contains("Telefon: +49 40 123456"), "{text}");
        assert!(!text.contains("E-Mail"), "{text}");
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
    }
}
