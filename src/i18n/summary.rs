//! A lead as plain text for a CRM note or an email (Edit → Copy summary): who, score and class
//! with the reason, the answer per criterion, the open questions and the next follow-up.

use super::{class_meaning, contact_line, describe_reason, fill, texts, ui_texts};
use crate::domain::{Class, Classification, Evaluation, Framework, Lang, Lead, Pipeline, Stage};

pub fn lead_summary(
    fw: &Framework,
    rules: &Classification,
    lang: Lang,
    lead: &Lead,
    eval: &Evaluation,
) -> String {
    let tx = texts(lang);
    let t = ui_texts(lang);
    let mut out = String::new();
    let name = if lead.display_name().is_empty() {
        tx.unnamed_lead
    } else {
        lead.display_name()
    };
    out.push_str(name);
    let contact = contact_line(lead);
    if !contact.is_empty() {
        out.push_str(&format!(" ({contact})"));
    }
    out.push('\n');
    let class = match eval.rated_class() {
        Some(class) if eval.provisional => {
            let open = eval.open_criteria().count().to_string();
            let all = eval.criteria.len().to_string();
            format!(
                "{} – {} ({})",
                class.letter(),
                class_meaning(lang, class),
                fill(t.provisional_open, &[&open, &all])
            )
        }
        Some(class) => format!("{} – {}", class.letter(), class_meaning(lang, class)),
        None => super::class_text(lang, eval),
    };
    out.push_str(&format!(
        "{} {} · {} {class}\n{}: {}\n\n",
        tx.score,
        super::score_text(eval),
        tx.class,
        tx.reason,
        describe_reason(fw, rules, lang, eval)
    ));
    for c in &eval.criteria {
        let Some(criterion) = fw.criterion(&c.criterion) else {
            continue;
        };
        let answer = criterion
            .option(&c.answer)
            .map_or(c.answer.as_str(), |o| o.label.get(lang));
        out.push_str(&format!(
            "{}: {answer} ({}/{})",
            criterion.name.get(lang),
            c.points,
            c.max_points
        ));
        let note = lead.assessment.note(&c.criterion).trim();
        if !note.is_empty() {
            out.push_str(&format!(" – {note}"));
        }
        out.push('\n');
    }
    let open: Vec<_> = eval
        .open_criteria()
        .filter_map(|c| fw.criterion(&c.criterion))
        .collect();
    if !open.is_empty() {
        out.push_str(&format!("\n{}:\n", tx.open_questions));
        for criterion in open {
            for q in &criterion.open_questions {
                out.push_str(&format!(
                    "- {}: {}\n",
                    criterion.name.get(lang),
                    q.get(lang)
                ));
            }
        }
    }
    if let Some(d) = lead.follow_up {
        out.push_str(&format!(
            "\n{}: {}\n",
            tx.follow_up,
            super::format_date(lang, d)
        ));
    }
    out
}

/// `leadq summary`: the overview's numbers as a small table in the rep's language.
pub fn pipeline_text(fw: &Framework, lang: Lang, p: &Pipeline) -> String {
    let t = ui_texts(lang);
    let mut out = format!(
        "{}\n\n",
        fill(
            t.overview_counted_cli,
            &[&p.total.to_string(), &p.provisional.to_string()]
        )
    );
    out.push_str(&format!("{}\n", t.overview_matrix));
    out.push_str(&format!("{:<6}", ""));
    for s in Stage::ALL {
        out.push_str(&format!(
            "{:>6}",
            s.id().to_uppercase().chars().take(4).collect::<String>()
        ));
    }
    out.push_str(&format!("{:>6}\n", "Σ"));
    for c in Class::ALL {
        out.push_str(&format!("{:<6}", c.letter()));
        for s in Stage::ALL {
            out.push_str(&format!("{:>6}", p.cell(c, s)));
        }
        out.push_str(&format!("{:>6}\n", p.class(c)));
    }
    if p.not_rated() > 0 {
        out.push_str(&format!("{:<6}", "–"));
        for (i, _) in Stage::ALL.iter().enumerate() {
            out.push_str(&format!("{:>6}", p.not_rated_stage[i]));
        }
        out.push_str(&format!(
            "{:>6}  {}\n",
            p.not_rated(),
            texts(lang).not_rated
        ));
    }
    let f = p.follow_ups;
    out.push_str(&format!(
        "\n{}: {} {} · {} {} · {} {}\n",
        t.overview_follow_ups,
        t.overdue,
        f.overdue,
        t.due_today,
        f.today,
        t.due_next_week,
        f.next_7_days
    ));
    out.push_str(&format!("\n{}:\n", t.overview_unknown));
    for (criterion, n) in &p.unknown {
        let name = super::criterion_name(fw, lang, criterion);
        out.push_str(&format!(
            "  {}\n",
            fill(
                t.overview_unknown_line,
                &[name, &n.to_string(), &p.open.to_string()]
            )
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seed_example_as_text() {
        let fw = Framework::builtin().unwrap();
        let rules = Classification::builtin(&fw).unwrap();
        let mut lead = Lead::new(uuid::Uuid::nil(), jiff::Timestamp::UNIX_EPOCH);
        lead.company = "Max Mustermann GmbH".into();
        lead.contact = "Max Mustermann".into();
        lead.role = "Geschäftsführer".into();
        for (c, a) in [
            ("budget", "approved"),
            ("authority", "decision_maker"),
            ("need", "strong_fit"),
            ("time", "months_6_12"),
        ] {
            lead.assessment.set_answer(c, a);
        }
        lead.follow_up = Some("2026-12-03".parse().unwrap());
        let eval = lead.evaluate(&fw, &rules);
        let text = lead_summary(&fw, &rules, Lang::De, &lead, &eval);
        assert!(
            text.starts_with("Max Mustermann GmbH (Max Mustermann – Geschäftsführer)\n"),
            "{text}"
        );
        assert!(text.contains("Score 87/100 · Klasse B"), "{text}");
        assert!(
            text.contains("Zeitrahmen: in 6–12 Monaten (12/25)"),
            "{text}"
        );
        assert!(text.contains("Nächster Kontakt: 03.12.2026"), "{text}");
    }
}
